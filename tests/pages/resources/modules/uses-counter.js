import { count, increment } from "./counter.js";
import theDefault from "./counter.js";
export function bump() { increment(); return count; }
export const seenDefault = theDefault;
export const url = import.meta.url;

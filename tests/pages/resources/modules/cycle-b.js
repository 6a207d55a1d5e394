import { a } from "./cycle-a.js";
export const b = "b";
export function fromA() { return a; }

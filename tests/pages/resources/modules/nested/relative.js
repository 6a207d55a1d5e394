// Relative specifiers resolve against this module's URL, not the page's.
export { via } from "../mapped.js";
export const metaUrl = import.meta.url;
export const resolvedSibling = import.meta.resolve("./sibling.js");
export function load(specifier) { return import(specifier); }

import { default as counterDefault } from "./counter.js";
let importScriptsError = "none";
try { importScripts("./mapped.js"); } catch (e) { importScriptsError = e.name; }
const dynamic = await import("./mapped.js");
self.onmessage = e => postMessage({ echo: e.data, counterDefault, importScriptsError, via: dynamic.via, metaUrl: import.meta.url, thisType: typeof this });

"use strict";
importScripts("imported.js");
postMessage(typeof importedValue === "number" ? `imported ${importedValue}` : "not imported");

// A classic script: its import() resolves against its own URL.
self.classicImport = import("./counter.js");

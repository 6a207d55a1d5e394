import "./does-not-exist.js";
self.missingDependencyRan = true;

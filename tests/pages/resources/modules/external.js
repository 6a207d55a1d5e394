import { via } from "mapped";
self.externalModule = { via, currentScript: document.currentScript, later: document.getElementById("after-scripts") !== null };
(self.runOrder = self.runOrder || []).push("external module");

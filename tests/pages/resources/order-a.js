self.order.push("a.js");
if (self.currentScripts) currentScripts.push("a.js:" + (document.currentScript && document.currentScript.id));

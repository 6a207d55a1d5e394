self.order.push("a.js");

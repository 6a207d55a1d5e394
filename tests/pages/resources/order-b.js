self.order.push("b.js");

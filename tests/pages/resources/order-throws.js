self.order.push("throws.js");
throw new Error("deliberate error in order-throws.js");

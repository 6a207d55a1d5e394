// Large enough to take longer than a tiny file; order must not depend on it.
self.order.push("slow.js" + "x".repeat(0));

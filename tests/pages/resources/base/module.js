export const where = "resources/base/module.js";

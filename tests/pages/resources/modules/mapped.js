export const via = "import map";

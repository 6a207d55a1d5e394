import { notExported } from "./counter.js";

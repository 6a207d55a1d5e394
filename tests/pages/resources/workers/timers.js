"use strict";
let count = 0;
const id = setInterval(() => {
  count += 1;
  if (count === 3) {
    clearInterval(id);
    postMessage(`ticks: ${count}`);
  }
}, 1);

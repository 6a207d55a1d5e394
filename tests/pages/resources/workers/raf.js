"use strict";
requestAnimationFrame((first) => {
  requestAnimationFrame((second) => postMessage(`${typeof first} ${second > first}`));
});

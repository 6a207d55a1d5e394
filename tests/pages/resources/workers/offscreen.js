// Draws on the OffscreenCanvas it receives (tests/pages/offscreen-transfer.html).
"use strict";
let canvas = null;
onmessage = event => {
  const {op} = event.data;
  if (op === "size") {
    const c = event.data.canvas;
    postMessage(`${c.width}x${c.height}`);
  } else if (op === "take") {
    canvas = event.data.canvas;
    postMessage("taken");
  } else if (op === "paint") {
    // Resizes if asked, paints, and answers at the next animation frame (after the rendering
    // update that pushed the frame to the placeholder).
    if (event.data.width) canvas.width = event.data.width;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = event.data.color;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    requestAnimationFrame(() => requestAnimationFrame(() => postMessage("painted")));
  }
};

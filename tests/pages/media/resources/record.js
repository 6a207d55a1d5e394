// Records `ms` of a canvas animation (a filled canvas, a small white square moving along the
// top) with MediaRecorder as VP8 WebM, and returns a blob: URL of the recording. Shared by the
// media-file pages that need a file to play.
"use strict";
self.recordCanvas = async function (ms, {width = 64, height = 48, fill = "rgb(0 160 0)"} = {}) {
  const canvas = document.createElement("canvas");
  canvas.width = width; canvas.height = height;
  const ctx = canvas.getContext("2d");
  const stream = canvas.captureStream(30);
  const recorder = new MediaRecorder(stream, {mimeType: "video/webm;codecs=vp8"});
  const chunks = [];
  recorder.ondataavailable = e => chunks.push(e.data);
  const stopped = new Promise(resolve => recorder.onstop = resolve);
  recorder.start();
  const t0 = performance.now();
  let frame = 0;
  await new Promise(resolve => (function draw() {
    ctx.fillStyle = fill;
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = "white";
    ctx.fillRect(frame++ % width, 0, 4, 4);
    if (performance.now() - t0 < ms) requestAnimationFrame(draw); else resolve();
  })());
  recorder.stop();
  await stopped;
  stream.getTracks().forEach(t => t.stop());
  return URL.createObjectURL(new Blob(chunks, {type: "video/webm"}));
};

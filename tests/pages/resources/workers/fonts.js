// For canvas-fonts.html: draws "A" with the box font through the worker's self.fonts and
// posts the pixel in the middle of its box.
(async () => {
  const face = new FontFace("Boxes", "url(../boxes.ttf)");
  self.fonts.add(face);
  await face.load();
  const canvas = new OffscreenCanvas(100, 50);
  const ctx = canvas.getContext("2d");
  ctx.font = "50px Boxes";
  ctx.fillText("A", 0, 40);
  postMessage(Array.from(ctx.getImageData(25, 25, 1, 1).data).join());
})();

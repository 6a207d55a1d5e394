// Echoes each message back with facts about the worker's global.
"use strict";
self.onmessage = (event) => {
  const data = event.data;
  if (data === "close") {
    self.postMessage("closing");
    self.close();
    self.postMessage("after close");
    return;
  }
  if (data === "throw") {
    throw new Error("thrown in the worker");
  }
  if (data && data.kind === "bitmap") {
    const bitmap = data.bitmap;
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d");
    context.drawImage(bitmap, 0, 0);
    const pixel = Array.from(context.getImageData(1, 1, 1, 1).data);
    self.postMessage({width: bitmap.width, pixel});
    return;
  }
  if (data instanceof ArrayBuffer) {
    self.postMessage(data.byteLength);
    return;
  }
  self.postMessage({
    echo: data,
    isGlobal: self === globalThis,
    global: Object.prototype.toString.call(self),
    name: self.name,
    hasDocument: typeof document,
    hasWindow: typeof window,
    location: String(self.location),
    ua: navigator.userAgent === undefined ? "none" : "some",
    cores: navigator.hardwareConcurrency > 0,
    text: new TextDecoder().decode(new TextEncoder().encode("héllo")),
    url: new URL("a/b?c", "https://example.com/").href,
  });
};

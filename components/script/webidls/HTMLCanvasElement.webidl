// https://html.spec.whatwg.org/multipage/canvas.html#the-canvas-element
// Only the 2D context is implemented: getContext() returns null for every
// other context id ("webgl", "bitmaprenderer"…). OffscreenCanvas
// (transferControlToOffscreen) is not implemented.

[Exposed=Window]
interface HTMLCanvasElement : HTMLElement {
  attribute unsigned long width;
  attribute unsigned long height;

  [Throws] CanvasRenderingContext2D? getContext(DOMString contextId, optional any options = null);

  [Throws] USVString toDataURL(optional DOMString type = "image/png", optional any quality);
  [Throws] undefined toBlob(BlobCallback _callback, optional DOMString type = "image/png", optional any quality);
};

callback BlobCallback = undefined (Blob? blob);

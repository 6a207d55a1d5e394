// https://html.spec.whatwg.org/multipage/canvas.html#the-canvas-element
// The "2d" and "bitmaprenderer" contexts are implemented: getContext() returns null for
// "webgl", "webgl2", "webgpu" and unknown ids, so RenderingContext names only those two.
// transferControlToOffscreen() is not implemented.

typedef (CanvasRenderingContext2D or ImageBitmapRenderingContext) RenderingContext;

[Exposed=Window]
interface HTMLCanvasElement : HTMLElement {
  attribute unsigned long width;
  attribute unsigned long height;

  [Throws] RenderingContext? getContext(DOMString contextId, optional any options = null);

  [Throws] USVString toDataURL(optional DOMString type = "image/png", optional any quality);
  [Throws] undefined toBlob(BlobCallback _callback, optional DOMString type = "image/png", optional any quality);
};

callback BlobCallback = undefined (Blob? blob);

// https://html.spec.whatwg.org/multipage/canvas.html#the-canvas-element
// The "2d", "bitmaprenderer", "webgl" and "webgl2" contexts are implemented: getContext() returns null
// for "webgpu" and unknown ids, so RenderingContext names only those four.
// The width and height setters are [SetterThrows]: the standard's prose throws an InvalidStateError
// on a placeholder canvas (one that transferred its control to an OffscreenCanvas).

typedef (CanvasRenderingContext2D or ImageBitmapRenderingContext or WebGLRenderingContext or WebGL2RenderingContext) RenderingContext;

[Exposed=Window]
interface HTMLCanvasElement : HTMLElement {
  [SetterThrows] attribute unsigned long width;
  [SetterThrows] attribute unsigned long height;

  [Throws] RenderingContext? getContext(DOMString contextId, optional any options = null);

  [Throws] USVString toDataURL(optional DOMString type = "image/png", optional any quality);
  [Throws] undefined toBlob(BlobCallback _callback, optional DOMString type = "image/png", optional any quality);

  [Throws] OffscreenCanvas transferControlToOffscreen();
};

callback BlobCallback = undefined (Blob? blob);

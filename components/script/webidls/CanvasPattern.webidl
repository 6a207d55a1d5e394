// https://html.spec.whatwg.org/multipage/canvas.html#canvaspattern

[Exposed=(Window,Worker)]
interface CanvasPattern {
  // opaque object
  [Throws] undefined setTransform(optional DOMMatrix2DInit transform = {});
};

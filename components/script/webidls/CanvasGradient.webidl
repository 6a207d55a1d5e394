// https://html.spec.whatwg.org/multipage/canvas.html#canvasgradient

[Exposed=(Window,Worker)]
interface CanvasGradient {
  // opaque object
  [Throws] undefined addColorStop(double offset, DOMString color);
};

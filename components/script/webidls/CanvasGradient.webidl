// https://html.spec.whatwg.org/multipage/canvas.html#canvasgradient

[Exposed=Window]
interface CanvasGradient {
  // opaque object
  [Throws] undefined addColorStop(double offset, DOMString color);
};

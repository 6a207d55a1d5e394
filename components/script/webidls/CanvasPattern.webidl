// https://html.spec.whatwg.org/multipage/canvas.html#canvaspattern
// setTransform(DOMMatrix2DInit) is not implemented (no DOMMatrix yet).

[Exposed=Window]
interface CanvasPattern {
};

// https://html.spec.whatwg.org/multipage/dom.html#htmlelement: innerText and outerText, whose
// getter runs the rendered text collection steps on an approximation without layout
// (src/dom/html/renderedtext.rs): an element is rendered when connected and no inclusive
// ancestor computes display: none ([hidden] included); text boxes are text nodes with their
// white space collapsed (unless white-space preserves it); <br> gives "\n", table cells "\t",
// rows "\n", block-level elements one required line break and <p> two; no line wrapping.

partial interface HTMLElement {
  [CEReactions] attribute [LegacyNullToEmptyString] DOMString innerText;
  [CEReactions, SetterThrows] attribute [LegacyNullToEmptyString] DOMString outerText;
};

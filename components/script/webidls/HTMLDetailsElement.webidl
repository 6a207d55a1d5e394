// https://html.spec.whatwg.org/multipage/interactive-elements.html#the-details-element
// Nothing is rendered: there is no summary to activate, script toggles `open`.

[Exposed=Window]
interface HTMLDetailsElement : HTMLElement {
  [CEReactions] attribute DOMString name;
  [CEReactions] attribute boolean open;
};

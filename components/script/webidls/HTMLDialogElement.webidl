// https://html.spec.whatwg.org/multipage/interactive-elements.html#the-dialog-element
// Aperture renders nothing, so there is no top layer, inertness or focus moving: the open
// state, the modal flag, the return value and the events (beforetoggle, toggle, cancel, close)
// are as specified. closedBy (light dismiss) is left out.

[Exposed=Window]
interface HTMLDialogElement : HTMLElement {
  [CEReactions] attribute boolean open;
  attribute DOMString returnValue;
  [CEReactions, Throws] undefined show();
  [CEReactions, Throws] undefined showModal();
  [CEReactions] undefined close(optional DOMString result);
  [CEReactions] undefined requestClose(optional DOMString result);
};

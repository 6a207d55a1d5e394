// https://html.spec.whatwg.org/multipage/iframe-embed-object.html#htmliframeelement
// Without sandbox, allow, referrerPolicy, loading and getSVGDocument().

[Exposed=Window]
interface HTMLIFrameElement : HTMLElement {
  attribute USVString src;
  attribute DOMString srcdoc;
  attribute DOMString name;
  attribute DOMString width;
  attribute DOMString height;
  readonly attribute Document? contentDocument;
  readonly attribute WindowProxy? contentWindow;

  // onload comes from GlobalEventHandlers (on HTMLElement).
};

// https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-frameelement
partial interface Window {
  readonly attribute Element? frameElement;
};

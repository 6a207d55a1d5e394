// https://dom.spec.whatwg.org/#interface-element

[Exposed=Window]
interface Element : Node {
  readonly attribute DOMString? namespaceURI;
  readonly attribute DOMString? prefix;
  readonly attribute DOMString localName;
  readonly attribute DOMString tagName;

  [CEReactions] attribute DOMString id;
  [CEReactions] attribute DOMString className;

  boolean hasAttributes();
  [SameObject] readonly attribute NamedNodeMap attributes;
  sequence<DOMString> getAttributeNames();
  DOMString? getAttribute(DOMString qualifiedName);
  DOMString? getAttributeNS(DOMString? namespace, DOMString localName);
  [CEReactions, Throws] undefined setAttribute(DOMString qualifiedName, DOMString value);
  [CEReactions, Throws] undefined setAttributeNS(DOMString? namespace, DOMString qualifiedName, DOMString value);
  [CEReactions] undefined removeAttribute(DOMString qualifiedName);
  [CEReactions] undefined removeAttributeNS(DOMString? namespace, DOMString localName);
  [CEReactions, Throws] boolean toggleAttribute(DOMString qualifiedName, optional boolean force);
  boolean hasAttribute(DOMString qualifiedName);
  boolean hasAttributeNS(DOMString? namespace, DOMString localName);

  Attr? getAttributeNode(DOMString qualifiedName);
  Attr? getAttributeNodeNS(DOMString? namespace, DOMString localName);
  [Throws] Attr? setAttributeNode(Attr attr);
  [Throws] Attr? setAttributeNodeNS(Attr attr);
  [Throws] Attr removeAttributeNode(Attr attr);

  [Throws] Element? closest(DOMString selectors);
  [Throws] boolean matches(DOMString selectors);
  [Throws] boolean webkitMatchesSelector(DOMString selectors); // legacy alias of .matches

  HTMLCollection getElementsByTagName(DOMString qualifiedName);
  HTMLCollection getElementsByClassName(DOMString classNames);

  [CEReactions, Throws] Element? insertAdjacentElement(DOMString where, Element element); // legacy
  [Throws] undefined insertAdjacentText(DOMString where, DOMString data); // legacy

  // https://w3c.github.io/DOM-Parsing/#dom-element-insertadjacenthtml
  [CEReactions, Throws] undefined insertAdjacentHTML(DOMString position, DOMString text);

  // https://w3c.github.io/DOM-Parsing/#dom-element-innerhtml
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString innerHTML;
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString outerHTML;
};
Element includes ParentNode;
Element includes NonDocumentTypeChildNode;
Element includes ChildNode;

// https://dom.spec.whatwg.org/#interface-element (the shadow tree members)
partial interface Element {
  [Throws] ShadowRoot attachShadow(ShadowRootInit init);
  readonly attribute ShadowRoot? shadowRoot;
  [CEReactions] attribute DOMString slot;
};
Element includes Slottable;

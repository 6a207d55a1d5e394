// https://dom.spec.whatwg.org/#interface-namednodemap
// https://dom.spec.whatwg.org/#interface-attr

[Exposed=Window, LegacyUnenumerableNamedProperties]
interface NamedNodeMap {
  readonly attribute unsigned long length;
  getter Attr? item(unsigned long index);
  // The spec declares this `getter Attr? getNamedItem(DOMString qualifiedName);`. The generator
  // has no named property support yet (it is being added on another branch), so `map.id` is
  // undefined until then; getNamedItem() itself works.
  Attr? getNamedItem(DOMString qualifiedName);
  Attr? getNamedItemNS(DOMString? namespace, DOMString localName);
  [Throws] Attr? setNamedItem(Attr attr);
  [Throws] Attr? setNamedItemNS(Attr attr);
  [Throws] Attr removeNamedItem(DOMString qualifiedName);
  [Throws] Attr removeNamedItemNS(DOMString? namespace, DOMString localName);
};

[Exposed=Window]
interface Attr : Node {
  readonly attribute DOMString? namespaceURI;
  readonly attribute DOMString? prefix;
  readonly attribute DOMString localName;
  readonly attribute DOMString name;
  attribute DOMString value;

  readonly attribute Element? ownerElement;

  readonly attribute boolean specified; // useless; always returns true
};

// https://html.spec.whatwg.org/multipage/dom.html#domstringmap
// [CEReactions] is left out of the setter and deleter: Aperture has no custom elements.
// The setter throws (SyntaxError, InvalidCharacterError), hence [Throws].

[Exposed=Window, LegacyOverrideBuiltIns]
interface DOMStringMap {
  getter DOMString (DOMString name);
  [Throws] setter undefined (DOMString name, DOMString value);
  deleter undefined (DOMString name);
};


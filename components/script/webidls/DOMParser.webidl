// https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-parsing-and-serialization
// Only "text/html" is parsed: Aperture has no XML parser yet, so the XML types throw
// NotSupportedError (rather than return a document that is not what the string says).

[Exposed=Window]
interface DOMParser {
  constructor();
  [NewObject, Throws] Document parseFromString(DOMString string, DOMParserSupportedType type);
};

enum DOMParserSupportedType {
  "text/html",
  "text/xml",
  "application/xml",
  "application/xhtml+xml",
  "image/svg+xml"
};

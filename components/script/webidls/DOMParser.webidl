// https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-parsing-and-serialization
// The XML types give a Document (not an XMLDocument: Aperture has no such interface)
// parsed by xml5ever; see dom/domparsing/xmlparser.rs for what XML parsing leaves out.

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

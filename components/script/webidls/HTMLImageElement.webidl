// https://html.spec.whatwg.org/multipage/embedded-content.html#htmlimageelement
// Not implemented (absent): x and y (CSSOM View). Without layout, width/height are the
// attributes or the density-corrected natural size.

[Exposed=Window,
 LegacyFactoryFunction=Image(optional unsigned long width, optional unsigned long height)]
interface HTMLImageElement : HTMLElement {
  attribute DOMString alt;
  attribute USVString src;
  attribute USVString srcset;
  attribute DOMString sizes;
  attribute DOMString? crossOrigin;
  attribute DOMString useMap;
  attribute boolean isMap;
  attribute unsigned long width;
  attribute unsigned long height;
  readonly attribute unsigned long naturalWidth;
  readonly attribute unsigned long naturalHeight;
  readonly attribute boolean complete;
  readonly attribute USVString currentSrc;
  attribute DOMString referrerPolicy;
  attribute DOMString decoding;
  attribute DOMString loading;
  attribute DOMString fetchPriority;

  Promise<undefined> decode();
};

// https://html.spec.whatwg.org/multipage/obsolete.html#HTMLImageElement-partial
partial interface HTMLImageElement {
  attribute DOMString name;
  attribute USVString lowsrc;
  attribute DOMString align;
  attribute unsigned long hspace;
  attribute unsigned long vspace;
  attribute USVString longDesc;

  attribute [LegacyNullToEmptyString] DOMString border;
};

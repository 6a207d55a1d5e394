// https://html.spec.whatwg.org/multipage/embedded-content.html#htmlimageelement
// Not implemented (absent): srcset/sizes selection (srcset and sizes are not declared), useMap,
// isMap, fetchPriority. Without layout, width/height are the attributes or the natural size.

[Exposed=Window,
 LegacyFactoryFunction=Image(optional unsigned long width, optional unsigned long height)]
interface HTMLImageElement : HTMLElement {
  attribute DOMString alt;
  attribute USVString src;
  attribute DOMString? crossOrigin;
  attribute unsigned long width;
  attribute unsigned long height;
  readonly attribute unsigned long naturalWidth;
  readonly attribute unsigned long naturalHeight;
  readonly attribute boolean complete;
  readonly attribute USVString currentSrc;
  attribute DOMString decoding;
  attribute DOMString loading;

  Promise<undefined> decode();
};

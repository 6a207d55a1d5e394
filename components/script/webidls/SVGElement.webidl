// https://svgwg.org/svg2-draft/types.html#InterfaceSVGElement
// SVG elements in the DOM, without SVG rendering: getBBox(), getTotalLength(),
// getPointAtLength(), getNumberOfChars() and getComputedTextLength() come from the elements'
// attributes (dom/svg/geometry.rs); other members that need layout (getCTM(), getScreenCTM(),
// the SVGAnimated* lengths, pathLength, isPointInFill()…) are absent.

[Exposed=Window]
interface SVGElement : Element {
  [SameObject] readonly attribute SVGAnimatedString className;

  readonly attribute SVGSVGElement? ownerSVGElement;
  readonly attribute SVGElement? viewportElement;
};
SVGElement includes GlobalEventHandlers;
SVGElement includes HTMLOrSVGElement;
SVGElement includes ElementCSSInlineStyle;

// https://svgwg.org/svg2-draft/types.html#InterfaceSVGAnimatedString
[Exposed=Window]
interface SVGAnimatedString {
  attribute DOMString baseVal;
  readonly attribute DOMString animVal;
};

// https://svgwg.org/svg2-draft/types.html#InterfaceSVGGraphicsElement
dictionary SVGBoundingBoxOptions {
  boolean fill = true;
  boolean stroke = false;
  boolean markers = false;
  boolean clipped = false;
};

// (getCTM(), getScreenCTM() and transform need layout: absent.)
[Exposed=Window] interface SVGGraphicsElement : SVGElement {
  [NewObject] DOMRect getBBox(optional SVGBoundingBoxOptions options = {});
};

// https://svgwg.org/svg2-draft/types.html#InterfaceSVGGeometryElement
// (pathLength, isPointInFill(), isPointInStroke(): absent.)
[Exposed=Window] interface SVGGeometryElement : SVGGraphicsElement {
  float getTotalLength();
  [NewObject, Throws] DOMPoint getPointAtLength(float distance);
};

// https://svgwg.org/svg2-draft/struct.html
[Exposed=Window] interface SVGSVGElement : SVGGraphicsElement {};
[Exposed=Window] interface SVGGElement : SVGGraphicsElement {};
[Exposed=Window] interface SVGDefsElement : SVGGraphicsElement {};
[Exposed=Window] interface SVGDescElement : SVGElement {};
[Exposed=Window] interface SVGMetadataElement : SVGElement {};
[Exposed=Window] interface SVGTitleElement : SVGElement {};
[Exposed=Window] interface SVGSymbolElement : SVGGraphicsElement {};
[Exposed=Window] interface SVGUseElement : SVGGraphicsElement {};
[Exposed=Window] interface SVGSwitchElement : SVGGraphicsElement {};

// https://svgwg.org/svg2-draft/shapes.html and paths.html
[Exposed=Window] interface SVGPathElement : SVGGeometryElement {};
[Exposed=Window] interface SVGRectElement : SVGGeometryElement {};
[Exposed=Window] interface SVGCircleElement : SVGGeometryElement {};
[Exposed=Window] interface SVGEllipseElement : SVGGeometryElement {};
[Exposed=Window] interface SVGLineElement : SVGGeometryElement {};
[Exposed=Window] interface SVGPolylineElement : SVGGeometryElement {};
[Exposed=Window] interface SVGPolygonElement : SVGGeometryElement {};

// https://svgwg.org/svg2-draft/text.html
// (the per-character methods of SVGTextContentElement need layout: absent.)
[Exposed=Window] interface SVGTextContentElement : SVGGraphicsElement {
  long getNumberOfChars();
  float getComputedTextLength();
};
[Exposed=Window] interface SVGTextPositioningElement : SVGTextContentElement {};
[Exposed=Window] interface SVGTextElement : SVGTextPositioningElement {};
[Exposed=Window] interface SVGTSpanElement : SVGTextPositioningElement {};
[Exposed=Window] interface SVGTextPathElement : SVGTextContentElement {};

// https://svgwg.org/svg2-draft/embedded.html
[Exposed=Window] interface SVGImageElement : SVGGraphicsElement {};
[Exposed=Window] interface SVGForeignObjectElement : SVGGraphicsElement {};

// https://svgwg.org/svg2-draft/linking.html#InterfaceSVGAElement
[Exposed=Window] interface SVGAElement : SVGGraphicsElement {};

// https://svgwg.org/svg2-draft/pservers.html
[Exposed=Window] interface SVGGradientElement : SVGElement {};
[Exposed=Window] interface SVGLinearGradientElement : SVGGradientElement {};
[Exposed=Window] interface SVGRadialGradientElement : SVGGradientElement {};
[Exposed=Window] interface SVGStopElement : SVGElement {};
[Exposed=Window] interface SVGPatternElement : SVGElement {};

// https://drafts.fxtf.org/css-masking/ and https://svgwg.org/svg2-draft/painting.html
[Exposed=Window] interface SVGClipPathElement : SVGElement {};
[Exposed=Window] interface SVGMaskElement : SVGElement {};
[Exposed=Window] interface SVGMarkerElement : SVGElement {};

// https://svgwg.org/svg2-draft/styling.html and interact.html
[Exposed=Window] interface SVGStyleElement : SVGElement {};

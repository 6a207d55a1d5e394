// https://drafts.csswg.org/cssom/#the-cssstyledeclaration-interface
// Inline styles and getComputedStyle() results, without a CSS cascade. The
// camel-cased attributes are those of the properties Aperture knows (see
// src/dom/cssproperties.rs; keep both lists in step); dashed attributes
// (style['background-color']) and webkit-cased ones are not supported.

[Exposed=Window]
interface CSSStyleDeclaration {
  // (No parentRule: Aperture has no style sheets, so there are no CSS rules.)
  [Throws] attribute [LegacyNullToEmptyString] DOMString cssText;
  readonly attribute unsigned long length;
  getter DOMString item(unsigned long index);
  DOMString getPropertyValue(DOMString property);
  DOMString getPropertyPriority(DOMString property);
  [Throws] undefined setProperty(DOMString property, [LegacyNullToEmptyString] DOMString value, optional [LegacyNullToEmptyString] DOMString priority = "");
  [Throws] DOMString removeProperty(DOMString property);

  // https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-camel-cased-attribute
  [Throws] attribute [LegacyNullToEmptyString] DOMString width; // width
  [Throws] attribute [LegacyNullToEmptyString] DOMString height; // height
  [Throws] attribute [LegacyNullToEmptyString] DOMString minWidth; // min-width
  [Throws] attribute [LegacyNullToEmptyString] DOMString minHeight; // min-height
  [Throws] attribute [LegacyNullToEmptyString] DOMString maxWidth; // max-width
  [Throws] attribute [LegacyNullToEmptyString] DOMString maxHeight; // max-height
  [Throws] attribute [LegacyNullToEmptyString] DOMString top; // top
  [Throws] attribute [LegacyNullToEmptyString] DOMString right; // right
  [Throws] attribute [LegacyNullToEmptyString] DOMString bottom; // bottom
  [Throws] attribute [LegacyNullToEmptyString] DOMString left; // left
  [Throws] attribute [LegacyNullToEmptyString] DOMString margin; // margin
  [Throws] attribute [LegacyNullToEmptyString] DOMString marginTop; // margin-top
  [Throws] attribute [LegacyNullToEmptyString] DOMString marginRight; // margin-right
  [Throws] attribute [LegacyNullToEmptyString] DOMString marginBottom; // margin-bottom
  [Throws] attribute [LegacyNullToEmptyString] DOMString marginLeft; // margin-left
  [Throws] attribute [LegacyNullToEmptyString] DOMString padding; // padding
  [Throws] attribute [LegacyNullToEmptyString] DOMString paddingTop; // padding-top
  [Throws] attribute [LegacyNullToEmptyString] DOMString paddingRight; // padding-right
  [Throws] attribute [LegacyNullToEmptyString] DOMString paddingBottom; // padding-bottom
  [Throws] attribute [LegacyNullToEmptyString] DOMString paddingLeft; // padding-left
  [Throws] attribute [LegacyNullToEmptyString] DOMString border; // border
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderWidth; // border-width
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderStyle; // border-style
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderColor; // border-color
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderTop; // border-top
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderRight; // border-right
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderBottom; // border-bottom
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderLeft; // border-left
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderTopWidth; // border-top-width
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderTopStyle; // border-top-style
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderTopColor; // border-top-color
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderRightWidth; // border-right-width
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderRightStyle; // border-right-style
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderRightColor; // border-right-color
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderBottomWidth; // border-bottom-width
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderBottomStyle; // border-bottom-style
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderBottomColor; // border-bottom-color
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderLeftWidth; // border-left-width
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderLeftStyle; // border-left-style
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderLeftColor; // border-left-color
  [Throws] attribute [LegacyNullToEmptyString] DOMString display; // display
  [Throws] attribute [LegacyNullToEmptyString] DOMString visibility; // visibility
  [Throws] attribute [LegacyNullToEmptyString] DOMString position; // position
  [Throws] attribute [LegacyNullToEmptyString] DOMString zIndex; // z-index
  [Throws] attribute [LegacyNullToEmptyString] DOMString cssFloat; // float
  [Throws] attribute [LegacyNullToEmptyString] DOMString boxSizing; // box-sizing
  [Throws] attribute [LegacyNullToEmptyString] DOMString overflow; // overflow
  [Throws] attribute [LegacyNullToEmptyString] DOMString overflowX; // overflow-x
  [Throws] attribute [LegacyNullToEmptyString] DOMString overflowY; // overflow-y
  [Throws] attribute [LegacyNullToEmptyString] DOMString color; // color
  [Throws] attribute [LegacyNullToEmptyString] DOMString backgroundColor; // background-color
  [Throws] attribute [LegacyNullToEmptyString] DOMString background; // background
  [Throws] attribute [LegacyNullToEmptyString] DOMString opacity; // opacity
  [Throws] attribute [LegacyNullToEmptyString] DOMString alignItems; // align-items
  [Throws] attribute [LegacyNullToEmptyString] DOMString animation; // animation
  [Throws] attribute [LegacyNullToEmptyString] DOMString aspectRatio; // aspect-ratio
  [Throws] attribute [LegacyNullToEmptyString] DOMString backgroundImage; // background-image
  [Throws] attribute [LegacyNullToEmptyString] DOMString borderRadius; // border-radius
  [Throws] attribute [LegacyNullToEmptyString] DOMString boxShadow; // box-shadow
  [Throws] attribute [LegacyNullToEmptyString] DOMString content; // content
  [Throws] attribute [LegacyNullToEmptyString] DOMString cursor; // cursor
  [Throws] attribute [LegacyNullToEmptyString] DOMString filter; // filter
  [Throws] attribute [LegacyNullToEmptyString] DOMString flex; // flex
  [Throws] attribute [LegacyNullToEmptyString] DOMString flexDirection; // flex-direction
  [Throws] attribute [LegacyNullToEmptyString] DOMString font; // font
  [Throws] attribute [LegacyNullToEmptyString] DOMString fontFamily; // font-family
  [Throws] attribute [LegacyNullToEmptyString] DOMString fontSize; // font-size
  [Throws] attribute [LegacyNullToEmptyString] DOMString fontStyle; // font-style
  [Throws] attribute [LegacyNullToEmptyString] DOMString fontWeight; // font-weight
  [Throws] attribute [LegacyNullToEmptyString] DOMString gap; // gap
  [Throws] attribute [LegacyNullToEmptyString] DOMString justifyContent; // justify-content
  [Throws] attribute [LegacyNullToEmptyString] DOMString lineHeight; // line-height
  [Throws] attribute [LegacyNullToEmptyString] DOMString objectFit; // object-fit
  [Throws] attribute [LegacyNullToEmptyString] DOMString outline; // outline
  [Throws] attribute [LegacyNullToEmptyString] DOMString pointerEvents; // pointer-events
  [Throws] attribute [LegacyNullToEmptyString] DOMString textAlign; // text-align
  [Throws] attribute [LegacyNullToEmptyString] DOMString textDecoration; // text-decoration
  [Throws] attribute [LegacyNullToEmptyString] DOMString touchAction; // touch-action
  [Throws] attribute [LegacyNullToEmptyString] DOMString transform; // transform
  [Throws] attribute [LegacyNullToEmptyString] DOMString transformOrigin; // transform-origin
  [Throws] attribute [LegacyNullToEmptyString] DOMString transition; // transition
  [Throws] attribute [LegacyNullToEmptyString] DOMString userSelect; // user-select
  [Throws] attribute [LegacyNullToEmptyString] DOMString verticalAlign; // vertical-align
  [Throws] attribute [LegacyNullToEmptyString] DOMString whiteSpace; // white-space
  // SVG's painting and text properties
  [Throws] attribute [LegacyNullToEmptyString] DOMString fill; // fill
  [Throws] attribute [LegacyNullToEmptyString] DOMString fillOpacity; // fill-opacity
  [Throws] attribute [LegacyNullToEmptyString] DOMString fillRule; // fill-rule
  [Throws] attribute [LegacyNullToEmptyString] DOMString stroke; // stroke
  [Throws] attribute [LegacyNullToEmptyString] DOMString strokeDasharray; // stroke-dasharray
  [Throws] attribute [LegacyNullToEmptyString] DOMString strokeDashoffset; // stroke-dashoffset
  [Throws] attribute [LegacyNullToEmptyString] DOMString strokeLinecap; // stroke-linecap
  [Throws] attribute [LegacyNullToEmptyString] DOMString strokeLinejoin; // stroke-linejoin
  [Throws] attribute [LegacyNullToEmptyString] DOMString strokeMiterlimit; // stroke-miterlimit
  [Throws] attribute [LegacyNullToEmptyString] DOMString strokeOpacity; // stroke-opacity
  [Throws] attribute [LegacyNullToEmptyString] DOMString strokeWidth; // stroke-width
  [Throws] attribute [LegacyNullToEmptyString] DOMString stopColor; // stop-color
  [Throws] attribute [LegacyNullToEmptyString] DOMString stopOpacity; // stop-opacity
  [Throws] attribute [LegacyNullToEmptyString] DOMString textAnchor; // text-anchor
  [Throws] attribute [LegacyNullToEmptyString] DOMString clipPath; // clip-path
  [Throws] attribute [LegacyNullToEmptyString] DOMString clipRule; // clip-rule
  [Throws] attribute [LegacyNullToEmptyString] DOMString dominantBaseline; // dominant-baseline
  [Throws] attribute [LegacyNullToEmptyString] DOMString markerEnd; // marker-end
  [Throws] attribute [LegacyNullToEmptyString] DOMString markerMid; // marker-mid
  [Throws] attribute [LegacyNullToEmptyString] DOMString markerStart; // marker-start
  [Throws] attribute [LegacyNullToEmptyString] DOMString mask; // mask
  [Throws] attribute [LegacyNullToEmptyString] DOMString paintOrder; // paint-order
  [Throws] attribute [LegacyNullToEmptyString] DOMString shapeRendering; // shape-rendering
  [Throws] attribute [LegacyNullToEmptyString] DOMString vectorEffect; // vector-effect
};

// https://drafts.csswg.org/cssom/#the-elementcssinlinestyle-mixin
interface mixin ElementCSSInlineStyle {
  [SameObject, PutForwards=cssText] readonly attribute CSSStyleDeclaration style;
};
HTMLElement includes ElementCSSInlineStyle;

// https://drafts.csswg.org/cssom/#extensions-to-the-window-interface
partial interface Window {
  [NewObject] CSSStyleDeclaration getComputedStyle(Element elt, optional DOMString? pseudoElt);
};

// https://drafts.csswg.org/cssom/#the-cssstyledeclaration-interface
// Inline styles, the declarations of style sheet rules, and getComputedStyle() results. The
// camel-cased attributes are those of the properties Aperture knows (see
// src/dom/cssproperties.rs; keep both lists in step); dashed attributes
// (style['background-color']) and webkit-cased ones are not supported.

[Exposed=Window]
interface CSSStyleDeclaration {
  readonly attribute CSSRule? parentRule;
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString cssText;
  readonly attribute unsigned long length;
  getter DOMString item(unsigned long index);
  DOMString getPropertyValue(DOMString property);
  DOMString getPropertyPriority(DOMString property);
  [CEReactions, Throws] undefined setProperty(DOMString property, [LegacyNullToEmptyString] DOMString value, optional [LegacyNullToEmptyString] DOMString priority = "");
  [CEReactions, Throws] DOMString removeProperty(DOMString property);

  // https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-camel-cased-attribute
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString width; // width
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString height; // height
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString minWidth; // min-width
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString minHeight; // min-height
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString maxWidth; // max-width
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString maxHeight; // max-height
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString top; // top
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString right; // right
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString bottom; // bottom
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString left; // left
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString margin; // margin
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString marginTop; // margin-top
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString marginRight; // margin-right
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString marginBottom; // margin-bottom
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString marginLeft; // margin-left
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString padding; // padding
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString paddingTop; // padding-top
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString paddingRight; // padding-right
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString paddingBottom; // padding-bottom
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString paddingLeft; // padding-left
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString border; // border
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderWidth; // border-width
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderStyle; // border-style
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderColor; // border-color
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderTop; // border-top
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderRight; // border-right
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderBottom; // border-bottom
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderLeft; // border-left
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderTopWidth; // border-top-width
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderTopStyle; // border-top-style
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderTopColor; // border-top-color
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderRightWidth; // border-right-width
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderRightStyle; // border-right-style
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderRightColor; // border-right-color
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderBottomWidth; // border-bottom-width
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderBottomStyle; // border-bottom-style
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderBottomColor; // border-bottom-color
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderLeftWidth; // border-left-width
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderLeftStyle; // border-left-style
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderLeftColor; // border-left-color
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString display; // display
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString visibility; // visibility
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString position; // position
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString zIndex; // z-index
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString cssFloat; // float
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString boxSizing; // box-sizing
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString overflow; // overflow
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString overflowX; // overflow-x
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString overflowY; // overflow-y
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString color; // color
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString backgroundColor; // background-color
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString background; // background
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString opacity; // opacity
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString alignItems; // align-items
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString animation; // animation
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString aspectRatio; // aspect-ratio
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString backgroundImage; // background-image
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString borderRadius; // border-radius
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString boxShadow; // box-shadow
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString content; // content
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString cursor; // cursor
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString filter; // filter
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString flex; // flex
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString flexDirection; // flex-direction
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString font; // font
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString fontFamily; // font-family
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString fontSize; // font-size
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString fontStyle; // font-style
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString fontWeight; // font-weight
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString gap; // gap
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString justifyContent; // justify-content
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString lineHeight; // line-height
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString objectFit; // object-fit
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString outline; // outline
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString pointerEvents; // pointer-events
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString textAlign; // text-align
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString textDecoration; // text-decoration
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString touchAction; // touch-action
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString transform; // transform
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString transformOrigin; // transform-origin
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString transition; // transition
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString userSelect; // user-select
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString backgroundClip; // background-clip
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString backgroundOrigin; // background-origin
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString backgroundPosition; // background-position
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString backgroundRepeat; // background-repeat
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString backgroundSize; // background-size
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString counterIncrement; // counter-increment
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString counterReset; // counter-reset
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString direction; // direction
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString fontVariant; // font-variant
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString letterSpacing; // letter-spacing
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString lineBreak; // line-break
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString listStyleImage; // list-style-image
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString listStylePosition; // list-style-position
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString listStyleType; // list-style-type
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString overflowWrap; // overflow-wrap
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString quotes; // quotes
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString textDecorationLine; // text-decoration-line
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString textShadow; // text-shadow
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString textTransform; // text-transform
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString wordBreak; // word-break
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString verticalAlign; // vertical-align
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString whiteSpace; // white-space
  // SVG's painting and text properties
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString fill; // fill
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString fillOpacity; // fill-opacity
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString fillRule; // fill-rule
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString stroke; // stroke
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString strokeDasharray; // stroke-dasharray
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString strokeDashoffset; // stroke-dashoffset
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString strokeLinecap; // stroke-linecap
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString strokeLinejoin; // stroke-linejoin
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString strokeMiterlimit; // stroke-miterlimit
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString strokeOpacity; // stroke-opacity
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString strokeWidth; // stroke-width
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString stopColor; // stop-color
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString stopOpacity; // stop-opacity
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString textAnchor; // text-anchor
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString clipPath; // clip-path
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString clipRule; // clip-rule
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString dominantBaseline; // dominant-baseline
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString markerEnd; // marker-end
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString markerMid; // marker-mid
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString markerStart; // marker-start
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString mask; // mask
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString paintOrder; // paint-order
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString shapeRendering; // shape-rendering
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString vectorEffect; // vector-effect
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

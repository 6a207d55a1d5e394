// https://drafts.csswg.org/cssom/ — style sheets, their rules and constructable style sheets.
// Rules are parsed with cssparser into the CSS rules Aperture models (style, @media,
// @supports, @import, @namespace, @font-face, @keyframes); other at-rules are dropped as
// unknown rules are. No external style sheet is loaded: an @import rule's styleSheet is null,
// and HTMLLinkElement has no sheet. Not here: CSSPageRule, CSSMarginRule, CSSLayer*Rule,
// CSSContainerRule, CSSCounterStyleRule, CSSPropertyRule, CSSNestedDeclarations,
// ProcessingInstruction's LinkStyle, CSS.escape()/CSS.supports().

// https://drafts.csswg.org/cssom/#the-medialist-interface
[Exposed=Window]
interface MediaList {
  stringifier attribute [LegacyNullToEmptyString] DOMString mediaText;
  readonly attribute unsigned long length;
  getter DOMString? item(unsigned long index);
  undefined appendMedium(DOMString medium);
  [Throws] undefined deleteMedium(DOMString medium);
};

// https://drafts.csswg.org/cssom/#the-stylesheet-interface
[Exposed=Window]
interface StyleSheet {
  readonly attribute CSSOMString type;
  readonly attribute USVString? href;
  // (Element or ProcessingInstruction)? in the standard: Aperture has no ProcessingInstruction.
  readonly attribute Element? ownerNode;
  readonly attribute CSSStyleSheet? parentStyleSheet;
  readonly attribute DOMString? title;
  [SameObject, PutForwards=mediaText] readonly attribute MediaList media;
  attribute boolean disabled;
};

// https://drafts.csswg.org/cssom/#the-cssstylesheet-interface
[Exposed=Window]
interface CSSStyleSheet : StyleSheet {
  [Throws] constructor(optional CSSStyleSheetInit options = {});

  readonly attribute CSSRule? ownerRule;
  [SameObject, Throws] readonly attribute CSSRuleList cssRules;
  [Throws] unsigned long insertRule(CSSOMString rule, optional unsigned long index = 0);
  [Throws] undefined deleteRule(unsigned long index);

  Promise<CSSStyleSheet> replace(USVString text);
  [Throws] undefined replaceSync(USVString text);

  // https://drafts.csswg.org/cssom/#legacy-css-style-sheet-members
  [SameObject, Throws] readonly attribute CSSRuleList rules;
  [Throws] long addRule(optional DOMString selector = "undefined", optional DOMString style = "undefined", optional unsigned long index);
  [Throws] undefined removeRule(optional unsigned long index = 0);
};

dictionary CSSStyleSheetInit {
  DOMString baseURL = "";
  (MediaList or DOMString) media = "";
  boolean disabled = false;
};

// https://drafts.csswg.org/cssom/#the-stylesheetlist-interface
[Exposed=Window]
interface StyleSheetList {
  getter CSSStyleSheet? item(unsigned long index);
  readonly attribute unsigned long length;
};

// https://drafts.csswg.org/cssom/#the-linkstyle-interface (only HTMLStyleElement includes it:
// HTMLLinkElement loads no style sheet, so it has no sheet).
interface mixin LinkStyle {
  readonly attribute CSSStyleSheet? sheet;
};

// https://drafts.csswg.org/cssom/#extensions-to-the-document-or-shadow-root-interface and
// https://drafts.csswg.org/cssom/#dom-documentorshadowroot-adoptedstylesheets.
// Deviation: the standard types adoptedStyleSheets ObservableArray<CSSStyleSheet>, which the
// generator does not support. Here the getter returns one plain JS array (the same array on each
// get, until the next set) that pages can read, iterate, spread, assign and push() to; the
// setter converts any iterable to sequence<CSSStyleSheet> (TypeError otherwise) and throws
// "NotAllowedError" for a sheet that was not constructed or was constructed for another
// document. Unlike an ObservableArray, an element written into the array in place
// (push(), arr[i] = x) is not checked when written: a value that is not such a sheet is
// skipped where the list is used.
interface mixin DocumentOrShadowRoot {
  [SameObject] readonly attribute StyleSheetList styleSheets;
  [Throws] attribute any adoptedStyleSheets;
};
Document includes DocumentOrShadowRoot;
ShadowRoot includes DocumentOrShadowRoot;

// https://drafts.csswg.org/cssom/#the-cssrulelist-interface
[Exposed=Window]
interface CSSRuleList {
  getter CSSRule? item(unsigned long index);
  readonly attribute unsigned long length;
};

// https://drafts.csswg.org/cssom/#the-cssrule-interface
[Exposed=Window]
interface CSSRule {
  attribute CSSOMString cssText;
  readonly attribute CSSRule? parentRule;
  readonly attribute CSSStyleSheet? parentStyleSheet;

  // the following attribute and constants are historical
  readonly attribute unsigned short type;
  const unsigned short STYLE_RULE = 1;
  const unsigned short CHARSET_RULE = 2;
  const unsigned short IMPORT_RULE = 3;
  const unsigned short MEDIA_RULE = 4;
  const unsigned short FONT_FACE_RULE = 5;
  const unsigned short PAGE_RULE = 6;
  const unsigned short MARGIN_RULE = 9;
  const unsigned short NAMESPACE_RULE = 10;
  // https://drafts.csswg.org/css-animations/#interface-cssrule-idl
  const unsigned short KEYFRAMES_RULE = 7;
  const unsigned short KEYFRAME_RULE = 8;
  // https://drafts.csswg.org/css-conditional-3/#extentions-to-cssrule-interface
  const unsigned short SUPPORTS_RULE = 12;
};

// https://drafts.csswg.org/cssom/#the-cssstylerule-interface (without the nested rules of
// CSS Nesting: cssRules/insertRule/deleteRule are absent).
[Exposed=Window]
interface CSSStyleRule : CSSRule {
  attribute CSSOMString selectorText;
  [SameObject, PutForwards=cssText] readonly attribute CSSStyleDeclaration style;
};

// https://drafts.csswg.org/cssom/#the-cssimportrule-interface
[Exposed=Window]
interface CSSImportRule : CSSRule {
  readonly attribute USVString href;
  [SameObject, PutForwards=mediaText] readonly attribute MediaList media;
  // Always null: Aperture loads no imported style sheet.
  readonly attribute CSSStyleSheet? styleSheet;
  readonly attribute CSSOMString? layerName;
  readonly attribute CSSOMString? supportsText;
};

// https://drafts.csswg.org/cssom/#the-cssgroupingrule-interface
[Exposed=Window]
interface CSSGroupingRule : CSSRule {
  [SameObject] readonly attribute CSSRuleList cssRules;
  [Throws] unsigned long insertRule(CSSOMString rule, optional unsigned long index = 0);
  [Throws] undefined deleteRule(unsigned long index);
};

// https://drafts.csswg.org/css-conditional-3/#the-cssconditionrule-interface
[Exposed=Window]
interface CSSConditionRule : CSSGroupingRule {
  readonly attribute CSSOMString conditionText;
};

// https://drafts.csswg.org/css-conditional-3/#the-cssmediarule-interface
[Exposed=Window]
interface CSSMediaRule : CSSConditionRule {
  [SameObject, PutForwards=mediaText] readonly attribute MediaList media;
};

// https://drafts.csswg.org/css-conditional-3/#the-csssupportsrule-interface
[Exposed=Window]
interface CSSSupportsRule : CSSConditionRule {
};

// https://drafts.csswg.org/cssom/#the-cssnamespacerule-interface
[Exposed=Window]
interface CSSNamespaceRule : CSSRule {
  readonly attribute CSSOMString namespaceURI;
  readonly attribute CSSOMString prefix;
};

// https://drafts.csswg.org/css-fonts-4/#om-fontface
[Exposed=Window]
interface CSSFontFaceRule : CSSRule {
  readonly attribute CSSStyleDeclaration style;
};

// https://drafts.csswg.org/css-animations/#interface-csskeyframerule
[Exposed=Window]
interface CSSKeyframeRule : CSSRule {
  [Throws] attribute CSSOMString keyText;
  [SameObject, PutForwards=cssText] readonly attribute CSSStyleDeclaration style;
};

// https://drafts.csswg.org/css-animations/#interface-csskeyframesrule
[Exposed=Window]
interface CSSKeyframesRule : CSSRule {
  attribute CSSOMString name;
  readonly attribute CSSRuleList cssRules;
  readonly attribute unsigned long length;

  // (The anonymous indexed getter is absent: the generator needs a named operation.)
  undefined appendRule(CSSOMString rule);
  undefined deleteRule(CSSOMString select);
  CSSKeyframeRule? findRule(CSSOMString select);
};

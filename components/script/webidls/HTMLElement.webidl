// https://html.spec.whatwg.org/multipage/dom.html#htmlelement

[Exposed=Window]
interface HTMLElement : Element {
  // metadata attributes
  [CEReactions] attribute DOMString title;
  [CEReactions] attribute DOMString lang;
  [CEReactions] attribute DOMString dir;

  // user interaction
  [CEReactions] attribute boolean hidden;
  undefined click();
};

// https://html.spec.whatwg.org/multipage/dom.html#htmlorsvgelement
interface mixin HTMLOrSVGElement {
  [SameObject] readonly attribute DOMStringMap dataset;
  attribute DOMString nonce;
  [CEReactions] attribute boolean autofocus;
  [CEReactions] attribute long tabIndex;
  undefined focus(optional FocusOptions options = {});
  undefined blur();
};
HTMLElement includes HTMLOrSVGElement;

// https://html.spec.whatwg.org/multipage/interaction.html#focusoptions
dictionary FocusOptions {
  boolean preventScroll = false;
  boolean focusVisible;
};

// The element interfaces Aperture implements. Known HTML elements without an
// interface of their own here are created as HTMLElement; unknown ones as
// HTMLUnknownElement.
[Exposed=Window] interface HTMLUnknownElement : HTMLElement {};
[Exposed=Window] interface HTMLHtmlElement : HTMLElement {};
[Exposed=Window] interface HTMLHeadElement : HTMLElement {};
[Exposed=Window] interface HTMLBodyElement : HTMLElement {
  attribute EventHandler onload;
};
[Exposed=Window] interface HTMLTitleElement : HTMLElement {
  attribute DOMString text;
};
[Exposed=Window] interface HTMLMetaElement : HTMLElement {
  attribute DOMString name;
  attribute DOMString content;
};
// https://html.spec.whatwg.org/multipage/semantics.html#the-base-element
[Exposed=Window] interface HTMLBaseElement : HTMLElement {
  attribute USVString href;
  attribute DOMString target;
};
[Exposed=Window] interface HTMLDivElement : HTMLElement {};
[Exposed=Window] interface HTMLSpanElement : HTMLElement {};
[Exposed=Window] interface HTMLParagraphElement : HTMLElement {};
[Exposed=Window] interface HTMLPreElement : HTMLElement {};
// https://html.spec.whatwg.org/multipage/semantics.html#the-style-element (no `blocking`)
[Exposed=Window] interface HTMLStyleElement : HTMLElement {
  attribute boolean disabled;
  [CEReactions] attribute DOMString media;
  // https://html.spec.whatwg.org/multipage/obsolete.html#HTMLStyleElement-partial
  [CEReactions] attribute DOMString type;
};
HTMLStyleElement includes LinkStyle;
[Exposed=Window] interface HTMLButtonElement : HTMLElement {
  attribute boolean disabled;
  attribute DOMString type;

  // https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#the-constraint-validation-api
  readonly attribute boolean willValidate;
  [SameObject] readonly attribute ValidityState validity;
  readonly attribute DOMString validationMessage;
  boolean checkValidity();
  boolean reportValidity();
  undefined setCustomValidity(DOMString error);
};
[Exposed=Window] interface HTMLHeadingElement : HTMLElement {};
[Exposed=Window] interface HTMLUListElement : HTMLElement {};
[Exposed=Window] interface HTMLOListElement : HTMLElement {
  attribute boolean reversed;
  attribute long start;
  attribute DOMString type;
};
[Exposed=Window] interface HTMLLIElement : HTMLElement {
  attribute long value;
};
[Exposed=Window] interface HTMLBRElement : HTMLElement {};
[Exposed=Window] interface HTMLHRElement : HTMLElement {};
[Exposed=Window] interface HTMLLinkElement : HTMLElement {
  attribute USVString href;
  attribute DOMString rel;
  attribute DOMString media;
  attribute DOMString hreflang;
  attribute DOMString type;
};

// https://html.spec.whatwg.org/multipage/text-level-semantics.html#the-time-element
[Exposed=Window] interface HTMLTimeElement : HTMLElement {
  [CEReactions] attribute DOMString dateTime;
};
// https://html.spec.whatwg.org/multipage/text-level-semantics.html#the-data-element
[Exposed=Window] interface HTMLDataElement : HTMLElement {
  [CEReactions] attribute DOMString value;
};
// https://html.spec.whatwg.org/multipage/grouping-content.html#htmlquoteelement (q, blockquote)
[Exposed=Window] interface HTMLQuoteElement : HTMLElement {
  [CEReactions] attribute USVString cite;
};
// https://html.spec.whatwg.org/multipage/edits.html#htmlmodelement (ins, del)
[Exposed=Window] interface HTMLModElement : HTMLElement {
  [CEReactions] attribute USVString cite;
  [CEReactions] attribute DOMString dateTime;
};
// https://html.spec.whatwg.org/multipage/grouping-content.html#htmldlistelement
[Exposed=Window] interface HTMLDListElement : HTMLElement {
  [CEReactions] attribute boolean compact;
};
// https://html.spec.whatwg.org/multipage/grouping-content.html#htmlmenuelement
[Exposed=Window] interface HTMLMenuElement : HTMLElement {
  [CEReactions] attribute boolean compact;
};
// https://html.spec.whatwg.org/multipage/obsolete.html#htmldirectoryelement
[Exposed=Window] interface HTMLDirectoryElement : HTMLElement {
  [CEReactions] attribute boolean compact;
};
// https://html.spec.whatwg.org/multipage/obsolete.html#htmlfontelement
[Exposed=Window] interface HTMLFontElement : HTMLElement {
  [CEReactions] attribute [LegacyNullToEmptyString] DOMString color;
  [CEReactions] attribute DOMString face;
  [CEReactions] attribute DOMString size;
};
// https://html.spec.whatwg.org/multipage/obsolete.html#htmlparamelement
[Exposed=Window] interface HTMLParamElement : HTMLElement {
  [CEReactions] attribute DOMString name;
  [CEReactions] attribute DOMString value;
  [CEReactions] attribute DOMString type;
  [CEReactions] attribute DOMString valueType;
};
// https://html.spec.whatwg.org/multipage/image-maps.html#htmlmapelement
[Exposed=Window] interface HTMLMapElement : HTMLElement {
  [CEReactions] attribute DOMString name;
  [SameObject] readonly attribute HTMLCollection areas;
};

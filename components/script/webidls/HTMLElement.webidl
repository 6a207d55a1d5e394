// https://html.spec.whatwg.org/multipage/dom.html#htmlelement

[Exposed=Window]
interface HTMLElement : Element {
  // metadata attributes
  attribute DOMString title;
  attribute DOMString lang;
  attribute DOMString dir;

  // user interaction
  attribute boolean hidden;
  undefined click();
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
[Exposed=Window] interface HTMLDivElement : HTMLElement {};
[Exposed=Window] interface HTMLSpanElement : HTMLElement {};
[Exposed=Window] interface HTMLParagraphElement : HTMLElement {};
[Exposed=Window] interface HTMLPreElement : HTMLElement {};
[Exposed=Window] interface HTMLStyleElement : HTMLElement {};
[Exposed=Window] interface HTMLButtonElement : HTMLElement {
  attribute boolean disabled;
  attribute DOMString type;
};

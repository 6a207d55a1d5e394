// https://html.spec.whatwg.org/multipage/form-elements.html#htmloptionelement
// FIXME: the legacy factory function `Option(text, value, defaultSelected, selected)` waits for
// [LegacyFactoryFunction] in the bindings generator.

[Exposed=Window]
interface HTMLOptionElement : HTMLElement {
  attribute boolean disabled;
  readonly attribute HTMLFormElement? form;
  attribute DOMString label;
  attribute boolean defaultSelected;
  attribute boolean selected;
  attribute DOMString value;

  attribute DOMString text;
  readonly attribute long index;
};

// https://html.spec.whatwg.org/multipage/form-elements.html#htmloptgroupelement
[Exposed=Window]
interface HTMLOptGroupElement : HTMLElement {
  attribute boolean disabled;
  attribute DOMString label;
};

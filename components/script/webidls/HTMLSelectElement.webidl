// https://html.spec.whatwg.org/multipage/form-elements.html#htmlselectelement

[Exposed=Window]
interface HTMLSelectElement : HTMLElement {
  attribute DOMString autocomplete;
  attribute boolean disabled;
  readonly attribute HTMLFormElement? form;
  attribute boolean multiple;
  attribute DOMString name;
  attribute boolean required;
  attribute unsigned long size;

  readonly attribute DOMString type;

  [SameObject] readonly attribute HTMLOptionsCollection options;
  [CEReactions] attribute unsigned long length;
  getter HTMLOptionElement? item(unsigned long index);
  HTMLOptionElement? namedItem(DOMString name);
  [Throws] undefined add((HTMLOptionElement or HTMLOptGroupElement) element, optional (HTMLElement or long)? before = null);
  undefined remove(); // ChildNode overload
  undefined remove(long index);
  [CEReactions, Throws] setter undefined (unsigned long index, HTMLOptionElement? option);

  [SameObject] readonly attribute HTMLCollection selectedOptions;
  attribute long selectedIndex;
  attribute DOMString value;

  readonly attribute NodeList labels;

  // https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#the-constraint-validation-api
  readonly attribute boolean willValidate;
  [SameObject] readonly attribute ValidityState validity;
  readonly attribute DOMString validationMessage;
  boolean checkValidity();
  boolean reportValidity();
  undefined setCustomValidity(DOMString error);
};

// https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#htmloptionscollection
[Exposed=Window]
interface HTMLOptionsCollection : HTMLCollection {
  [CEReactions] attribute unsigned long length; // shadows inherited length
  [CEReactions, Throws] setter undefined (unsigned long index, HTMLOptionElement? option);
  [CEReactions, Throws] undefined add((HTMLOptionElement or HTMLOptGroupElement) element, optional (HTMLElement or long)? before = null);
  [CEReactions] undefined remove(long index);
  attribute long selectedIndex;
};

// https://html.spec.whatwg.org/multipage/form-elements.html#htmlselectelement
// FIXME: `options` and `selectedOptions` are HTMLCollections here (the spec's
// HTMLOptionsCollection adds add()/remove()/setter on it); add()/remove() live on the select.

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

  [SameObject] readonly attribute HTMLCollection options;
  readonly attribute unsigned long length;
  Element? item(unsigned long index);
  HTMLOptionElement? namedItem(DOMString name);
  [Throws] undefined add((HTMLOptionElement or HTMLOptGroupElement) element, optional (HTMLElement or long)? before = null);
  undefined remove(); // ChildNode overload
  undefined remove(long index);

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

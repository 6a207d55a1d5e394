// https://html.spec.whatwg.org/multipage/forms.html#htmlformelement
// FIXME: `elements` is an HTMLCollection (the spec's HTMLFormControlsCollection adds RadioNodeList
// named access); named and indexed access on the form itself are not implemented. Submission
// validates the form, then fires `submit` (and `formdata` is not fired); there is no navigation
// in a headless host.

[Exposed=Window]
interface HTMLFormElement : HTMLElement {
  attribute DOMString acceptCharset;
  attribute USVString action;
  attribute DOMString autocomplete;
  attribute DOMString enctype;
  attribute DOMString encoding;
  attribute DOMString method;
  attribute DOMString name;
  attribute boolean noValidate;
  attribute DOMString target;
  attribute DOMString rel;

  [SameObject] readonly attribute HTMLCollection elements;
  readonly attribute unsigned long length;

  undefined submit();
  [Throws] undefined requestSubmit(optional HTMLElement? submitter = null);
  undefined reset();
  boolean checkValidity();
  boolean reportValidity();
};

// https://html.spec.whatwg.org/multipage/forms.html#htmlformelement
// Submission validates the form, then fires `submit` (and `formdata` is not fired); there is no
// navigation in a headless host. The form's past names map is not kept.

[Exposed=Window, LegacyOverrideBuiltIns, LegacyUnenumerableNamedProperties]
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

  [SameObject] readonly attribute HTMLFormControlsCollection elements;
  readonly attribute unsigned long length;
  getter Element (unsigned long index);
  getter (RadioNodeList or Element) (DOMString name);

  undefined submit();
  [Throws] undefined requestSubmit(optional HTMLElement? submitter = null);
  undefined reset();
  boolean checkValidity();
  boolean reportValidity();
};

// https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#htmlformcontrolscollection
[Exposed=Window]
interface HTMLFormControlsCollection : HTMLCollection {
  // inherits length and item()
  getter (RadioNodeList or Element)? namedItem(DOMString name); // shadows inherited namedItem()
};

// https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#radionodelist
[Exposed=Window]
interface RadioNodeList : NodeList {
  attribute DOMString value;
};

// https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#the-submitevent-interface
[Exposed=Window]
interface SubmitEvent : Event {
  constructor(DOMString type, optional SubmitEventInit eventInitDict = {});
  readonly attribute HTMLElement? submitter;
};

dictionary SubmitEventInit : EventInit {
  HTMLElement? submitter = null;
};

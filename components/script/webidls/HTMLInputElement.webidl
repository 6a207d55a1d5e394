// https://html.spec.whatwg.org/multipage/input.html#htmlinputelement
// Members Aperture does not implement are left out (absent, not stubbed): list/datalist, form submission overrides, showPicker.

[Exposed=Window]
interface HTMLInputElement : HTMLElement {
  attribute DOMString accept;
  attribute DOMString alt;
  attribute DOMString autocomplete;
  attribute boolean defaultChecked;
  attribute FileList? files;
  attribute boolean checked;
  attribute DOMString dirName;
  attribute boolean disabled;
  readonly attribute HTMLFormElement? form;
  attribute boolean indeterminate;
  attribute DOMString max;
  [Throws] attribute long maxLength;
  attribute DOMString min;
  [Throws] attribute long minLength;
  attribute boolean multiple;
  attribute DOMString name;
  attribute DOMString pattern;
  attribute DOMString placeholder;
  attribute boolean readOnly;
  attribute boolean required;
  [Throws] attribute unsigned long size;
  attribute USVString src;
  attribute DOMString step;
  attribute DOMString type;
  attribute DOMString defaultValue;
  [Throws] attribute [LegacyNullToEmptyString] DOMString value;
  [Throws] attribute unrestricted double valueAsNumber;

  [Throws] undefined stepUp(optional long n = 1);
  [Throws] undefined stepDown(optional long n = 1);

  readonly attribute NodeList labels;

  undefined select();
  [SetterThrows] attribute unsigned long? selectionStart;
  [SetterThrows] attribute unsigned long? selectionEnd;
  [SetterThrows] attribute DOMString? selectionDirection;
  [Throws] undefined setRangeText(DOMString replacement);
  [Throws] undefined setRangeText(DOMString replacement, unsigned long start, unsigned long end, optional SelectionMode selectionMode = "preserve");
  [Throws] undefined setSelectionRange(unsigned long start, unsigned long end, optional DOMString direction);

  // https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#the-constraint-validation-api
  readonly attribute boolean willValidate;
  [SameObject] readonly attribute ValidityState validity;
  readonly attribute DOMString validationMessage;
  boolean checkValidity();
  boolean reportValidity();
  undefined setCustomValidity(DOMString error);
};

// https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#selectionmode
enum SelectionMode {
  "select",
  "start",
  "end",
  "preserve"
};

// https://w3c.github.io/mediacapture-main/#overconstrainederror-interface

[Exposed=Window]
interface OverconstrainedError : DOMException {
  constructor(DOMString constraint, optional DOMString message = "");
  readonly attribute DOMString constraint;
};

// https://html.spec.whatwg.org/multipage/webappapis.html#errorevent
// The constructors take `any` for their init dictionaries (the generator cannot keep an `any`
// member in a dictionary); each dictionary is converted by hand, member by member in the
// standard's order, with the same TypeErrors (as MessageEvent's).

[Exposed=*]
interface ErrorEvent : Event {
  [Throws] constructor(DOMString type, optional any eventInitDict);

  readonly attribute DOMString message;
  readonly attribute USVString filename;
  readonly attribute unsigned long lineno;
  readonly attribute unsigned long colno;
  readonly attribute any error;
};

// https://html.spec.whatwg.org/multipage/webappapis.html#promiserejectionevent
[Exposed=*]
interface PromiseRejectionEvent : Event {
  [Throws] constructor(DOMString type, any eventInitDict);

  readonly attribute object promise;
  readonly attribute any reason;
};

// https://html.spec.whatwg.org/multipage/webappapis.html#errorevent
// The constructor (whose dictionary holds `any error`) is not supported yet;
// the host creates these events when it reports an exception.

[Exposed=*]
interface ErrorEvent : Event {
  readonly attribute DOMString message;
  readonly attribute USVString filename;
  readonly attribute unsigned long lineno;
  readonly attribute unsigned long colno;
  readonly attribute any error;
};

// https://html.spec.whatwg.org/multipage/webappapis.html#promiserejectionevent
[Exposed=*]
interface PromiseRejectionEvent : Event {
  readonly attribute object promise;
  readonly attribute any reason;
};

// https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-history-interface
// The session history of a window is its own list of same-document entries (pushState and
// replaceState); Aperture navigates no further, so go(0) (a reload) and traversal past the
// first entry do nothing. PopStateEvent has no constructor yet (its dictionary holds `any`,
// which the bindings generator cannot store).

enum ScrollRestoration { "auto", "manual" };

[Exposed=Window]
interface History {
  readonly attribute unsigned long length;
  attribute ScrollRestoration scrollRestoration;
  readonly attribute any state;
  undefined go(optional long delta = 0);
  undefined back();
  undefined forward();
  [Throws] undefined pushState(any data, DOMString unused, optional USVString? url = null);
  [Throws] undefined replaceState(any data, DOMString unused, optional USVString? url = null);
};

[Exposed=Window]
interface PopStateEvent : Event {
  readonly attribute any state;
  readonly attribute boolean hasUAVisualTransition;
};

partial interface Window {
  [SameObject] readonly attribute History history;
};

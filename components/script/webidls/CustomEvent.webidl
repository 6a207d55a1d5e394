// https://dom.spec.whatwg.org/#interface-customevent
// FIXME: the constructor's dictionary (CustomEventInit : EventInit { any detail = null; }) is
// taken as `any` and converted by hand in customevent.rs with the dictionary rules, because
// the bindings generator cannot store `any` in a dictionary yet.

[Exposed=*]
interface CustomEvent : Event {
  [Throws] constructor(DOMString type, optional any eventInitDict);

  readonly attribute any detail;

  undefined initCustomEvent(DOMString type, optional boolean bubbles = false, optional boolean cancelable = false, optional any detail = null); // legacy
};

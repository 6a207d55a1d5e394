// https://html.spec.whatwg.org/multipage/web-messaging.html
// Differences from the standard IDL, forced by the generator (behaviour as specified):
// * MessageEvent's constructor takes `any` for its MessageEventInit (the generator cannot keep
//   an `any` member in a dictionary); the dictionary is converted by hand, member by member in
//   the standard's order, with the same TypeErrors;
// * `ports` is `any` (the same frozen array each time) and `source` is `object?` (a
//   WindowProxy or a MessagePort) instead of FrozenArray<MessagePort> and the
//   MessageEventSource union;
// * the generator cannot hold `sequence<object>`, so each pair of postMessage() overloads is
//   one operation taking `any`, and the overload resolution (a string target origin or an
//   options dictionary; an iterable transfer list or an options dictionary) and the
//   StructuredSerializeOptions conversion are done by hand, as WebIDL specifies them; a
//   transfer list must be an Array. structuredClone()'s options likewise.
// BroadcastChannel and workers are not implemented.

[Exposed=(Window,Worker)]
interface MessageEvent : Event {
  [Throws] constructor(DOMString type, optional any eventInitDict);

  readonly attribute any data;
  readonly attribute USVString origin;
  readonly attribute DOMString lastEventId;
  readonly attribute object? source;
  readonly attribute any ports;
};

[Exposed=(Window,Worker)]
interface MessageChannel {
  constructor();
  readonly attribute MessagePort port1;
  readonly attribute MessagePort port2;
};

[Exposed=(Window,Worker)]
interface MessagePort : EventTarget {
  // postMessage(any message, sequence<object> transfer) and
  // postMessage(any message, optional StructuredSerializeOptions options = {})
  [Throws] undefined postMessage(any message, optional any transferOrOptions);
  undefined start();
  undefined close();

  // event handlers
  attribute EventHandler onmessage;
  attribute EventHandler onmessageerror;
  attribute EventHandler onclose;
};

partial interface Window {
  // postMessage(any message, USVString targetOrigin, optional sequence<object> transfer = []) and
  // postMessage(any message, optional WindowPostMessageOptions options = {})
  [Throws] undefined postMessage(any message, optional any targetOriginOrOptions, optional any transfer);
};

// https://html.spec.whatwg.org/multipage/workers.html
// Differences from the standard IDL, forced by the generator (behaviour as specified): each
// pair of postMessage() overloads is one operation taking `any` (as on MessagePort, see
// MessagePort.webidl); `scriptURL` is a USVString (no Trusted Types). Module workers
// (`type: "module"`) are refused with a TypeError (Aperture has no module scripts);
// SharedWorker is not implemented.

[Exposed=(Window,DedicatedWorker)]
interface Worker : EventTarget {
  [Throws] constructor(USVString scriptURL, optional WorkerOptions options = {});

  undefined terminate();

  // postMessage(any message, sequence<object> transfer) and
  // postMessage(any message, optional StructuredSerializeOptions options = {})
  [Throws] undefined postMessage(any message, optional any transferOrOptions);

  // MessageEventTarget
  attribute EventHandler onmessage;
  attribute EventHandler onmessageerror;
  // AbstractWorker
  attribute EventHandler onerror;
};

dictionary WorkerOptions {
  WorkerType type = "classic";
  RequestCredentials credentials = "same-origin";
  DOMString name = "";
};

enum WorkerType { "classic", "module" };

[Exposed=Worker]
interface WorkerGlobalScope : EventTarget {
  readonly attribute WorkerGlobalScope self;
  readonly attribute WorkerLocation location;
  readonly attribute WorkerNavigator navigator;
  [Throws] undefined importScripts(USVString... urls);

  // Invoked as an OnErrorEventHandler (message, source, lineno, colno, error), like Window's.
  attribute EventHandler onerror;
  attribute EventHandler onlanguagechange;
  attribute EventHandler onoffline;
  attribute EventHandler ononline;
  attribute EventHandler onrejectionhandled;
  attribute EventHandler onunhandledrejection;
};
WorkerGlobalScope includes WindowOrWorkerGlobalScope;

[Global=(Worker,DedicatedWorker), Exposed=DedicatedWorker]
interface DedicatedWorkerGlobalScope : WorkerGlobalScope {
  readonly attribute DOMString name; // [Replaceable] in HTML; not supported by the generator yet

  // postMessage(any message, sequence<object> transfer) and
  // postMessage(any message, optional StructuredSerializeOptions options = {})
  [Throws] undefined postMessage(any message, optional any transferOrOptions);

  undefined close();

  // MessageEventTarget
  attribute EventHandler onmessage;
  attribute EventHandler onmessageerror;
};

DedicatedWorkerGlobalScope includes AnimationFrameProvider;

[Exposed=Worker]
interface WorkerLocation {
  stringifier readonly attribute USVString href;
  readonly attribute USVString origin;
  readonly attribute USVString protocol;
  readonly attribute USVString host;
  readonly attribute USVString hostname;
  readonly attribute USVString port;
  readonly attribute USVString pathname;
  readonly attribute USVString search;
  readonly attribute USVString hash;
};

[Exposed=Worker]
interface WorkerNavigator {};
WorkerNavigator includes NavigatorID;
WorkerNavigator includes NavigatorLanguage;
WorkerNavigator includes NavigatorOnLine;
WorkerNavigator includes NavigatorConcurrentHardware;

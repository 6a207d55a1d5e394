// https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-window-object
// Only the members Aperture implements are declared; absent ones are honest.

[Global=Window,
 Exposed=Window,
 LegacyUnenumerableNamedProperties]
interface Window : EventTarget {
  // the current browsing context
  [LegacyUnforgeable] readonly attribute WindowProxy window;
  readonly attribute WindowProxy self; // [Replaceable] in HTML; not supported by the generator yet
  [LegacyUnforgeable] readonly attribute Location location;
  [LegacyUnforgeable] readonly attribute WindowProxy? top;
  readonly attribute WindowProxy? parent;
  readonly attribute WindowProxy frames; // [Replaceable] in HTML
  readonly attribute unsigned long length; // [Replaceable] in HTML

  // the user agent
  readonly attribute Navigator navigator;

  // user prompts (https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#user-prompts)
  undefined alert();
  undefined alert(DOMString message);
  boolean confirm(optional DOMString message = "");
  DOMString? prompt(optional DOMString message = "", optional DOMString default = "");

  // event handlers used by pages and testharness.js
};

typedef Window WindowProxy;

// https://html.spec.whatwg.org/multipage/webappapis.html#windoworworkerglobalscope
interface mixin WindowOrWorkerGlobalScope {
  readonly attribute USVString origin; // [Replaceable] in HTML; not supported by the generator yet
  readonly attribute boolean isSecureContext;
  readonly attribute boolean crossOriginIsolated;
  undefined reportError(any e);

  // structured cloning (the transfer option is not supported: see structuredclone.rs)
  // structuredClone(any value, optional StructuredSerializeOptions options = {}); see MessagePort.webidl
  [Throws] any structuredClone(any value, optional any options);

  // base64 utility methods
  [Throws] DOMString btoa(DOMString data);
  [Throws] ByteString atob(DOMString data);

  // timers
  long setTimeout(TimerHandler handler, optional long timeout = 0, any... arguments);
  undefined clearTimeout(optional long id = 0);
  long setInterval(TimerHandler handler, optional long timeout = 0, any... arguments);
  undefined clearInterval(optional long id = 0);

  // microtask queuing
  undefined queueMicrotask(VoidFunction callback);
};
Window includes WindowOrWorkerGlobalScope;

typedef (DOMString or Function) TimerHandler;

callback Function = any (any... arguments);
callback VoidFunction = undefined ();

// https://html.spec.whatwg.org/multipage/webappapis.html#eventhandler
[LegacyTreatNonObjectAsNull]
callback EventHandlerNonNull = any (Event event);
typedef EventHandlerNonNull? EventHandler;

// https://w3c.github.io/hr-time/#the-performance-attribute
partial interface mixin WindowOrWorkerGlobalScope {
  readonly attribute Performance performance; // [Replaceable] in HR Time
};

// https://dom.spec.whatwg.org/#interface-window-extensions: [Replaceable] readonly attribute
// (Event or undefined) event; legacy. The generator supports neither [Replaceable] nor unions
// with undefined, so it is `any` with a setter doing what [Replaceable] does (define an own
// data property with the value, as `opener` does): sloppy-mode `event = x` (or
// `for (event of list)`) replaces it, as in browsers.
partial interface Window {
  [SetterThrows] attribute any event;
};

// https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#animation-frames
callback FrameRequestCallback = undefined (DOMHighResTimeStamp time);

interface mixin AnimationFrameProvider {
  unsigned long requestAnimationFrame(FrameRequestCallback callback);
  undefined cancelAnimationFrame(unsigned long handle);
};
Window includes AnimationFrameProvider;

// https://drafts.csswg.org/cssom-view/#extensions-to-the-window-interface (what a headless host
// without layout answers; the viewport members are not implemented)
partial interface Window {
  readonly attribute double devicePixelRatio;
};

// https://drafts.csswg.org/cssom-view/#extensions-to-the-window-interface: the viewport of a
// headless host is a fixed 800×600 CSS pixels (headless Chromium's default), on a screen of the
// same size, never scrolled (nothing is laid out).
partial interface Window {
  [NewObject] MediaQueryList matchMedia(CSSOMString query);
  [SameObject] readonly attribute Screen screen;

  undefined scroll(optional ScrollToOptions options = {});
  undefined scroll(unrestricted double x, unrestricted double y);
  undefined scrollTo(optional ScrollToOptions options = {});
  undefined scrollTo(unrestricted double x, unrestricted double y);
  undefined scrollBy(optional ScrollToOptions options = {});
  undefined scrollBy(unrestricted double x, unrestricted double y);

  readonly attribute long innerWidth;
  readonly attribute long innerHeight;
  readonly attribute double scrollX;
  readonly attribute double pageXOffset;
  readonly attribute double scrollY;
  readonly attribute double pageYOffset;
  readonly attribute long screenX;
  readonly attribute long screenLeft;
  readonly attribute long screenY;
  readonly attribute long screenTop;
  readonly attribute long outerWidth;
  readonly attribute long outerHeight;
};

typedef DOMString CSSOMString;

enum ScrollBehavior { "auto", "instant", "smooth" };

dictionary ScrollOptions {
  ScrollBehavior behavior = "auto";
};

dictionary ScrollToOptions : ScrollOptions {
  unrestricted double left;
  unrestricted double top;
};

// https://drafts.csswg.org/cssom-view/#the-mediaquerylist-interface
[Exposed=Window]
interface MediaQueryList : EventTarget {
  readonly attribute CSSOMString media;
  readonly attribute boolean matches;
  undefined addListener(EventListener? callback);
  undefined removeListener(EventListener? callback);
  attribute EventHandler onchange;
};

// https://drafts.csswg.org/cssom-view/#the-screen-interface
[Exposed=Window]
interface Screen {
  readonly attribute long availWidth;
  readonly attribute long availHeight;
  readonly attribute long width;
  readonly attribute long height;
  readonly attribute unsigned long colorDepth;
  readonly attribute unsigned long pixelDepth;
};

// https://w3c.github.io/screen-orientation/#extensions-to-the-screen-interface
partial interface Screen {
  [SameObject] readonly attribute ScreenOrientation orientation;
};

// https://w3c.github.io/screen-orientation/#screenorientation-interface
[Exposed=Window]
interface ScreenOrientation : EventTarget {
  Promise<undefined> lock(OrientationLockType orientation);
  [Throws] undefined unlock();
  readonly attribute OrientationType type;
  readonly attribute unsigned short angle;
  attribute EventHandler onchange;
};

enum OrientationLockType {
  "any", "natural", "landscape", "portrait", "portrait-primary", "portrait-secondary", "landscape-primary",
  "landscape-secondary"
};

enum OrientationType { "portrait-primary", "portrait-secondary", "landscape-primary", "landscape-secondary" };

// https://w3c.github.io/requestidlecallback/
partial interface Window {
  unsigned long requestIdleCallback(IdleRequestCallback callback, optional IdleRequestOptions options = {});
  undefined cancelIdleCallback(unsigned long handle);
};

dictionary IdleRequestOptions {
  unsigned long timeout;
};

[Exposed=Window]
interface IdleDeadline {
  DOMHighResTimeStamp timeRemaining();
  readonly attribute boolean didTimeout;
};

callback IdleRequestCallback = undefined (IdleDeadline deadline);

// https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-window-object: the bars,
// status, stop(), and the legacy members browsers keep.
partial interface Window {
  [Replaceable] readonly attribute BarProp locationbar;
  [Replaceable] readonly attribute BarProp menubar;
  [Replaceable] readonly attribute BarProp personalbar;
  [Replaceable] readonly attribute BarProp scrollbars;
  [Replaceable] readonly attribute BarProp statusbar;
  [Replaceable] readonly attribute BarProp toolbar;
  attribute DOMString status;
  undefined stop();
  [Replaceable] readonly attribute Navigator clientInformation; // legacy alias of navigator
  readonly attribute boolean originAgentCluster;
  undefined captureEvents();
  undefined releaseEvents();
};

// https://drafts.csswg.org/cssom-view/#extensions-to-the-window-interface: a headless host's
// window is not moved or resized by pages (as browsers refuse for windows they did not open).
partial interface Window {
  undefined moveTo(long x, long y);
  undefined moveBy(long x, long y);
  undefined resizeTo(long width, long height);
  undefined resizeBy(long x, long y);
};

// https://html.spec.whatwg.org/multipage/nav-history-apis.html#barprop
[Exposed=Window]
interface BarProp {
  readonly attribute boolean visible;
};

// https://html.spec.whatwg.org/multipage/system-state.html#the-navigator-object

[Exposed=Window]
interface Navigator {
};

interface mixin NavigatorID {
  readonly attribute DOMString appCodeName; // constant "Mozilla"
  readonly attribute DOMString appName; // constant "Netscape"
  readonly attribute DOMString appVersion;
  readonly attribute DOMString platform;
  readonly attribute DOMString product; // constant "Gecko"
  readonly attribute DOMString userAgent;
  readonly attribute DOMString vendor; // "Google Inc.", as the user agent string names Chrome
};
Navigator includes NavigatorID;

// https://html.spec.whatwg.org/multipage/system-state.html#language-preferences
interface mixin NavigatorLanguage {
  readonly attribute DOMString language;
  readonly attribute any languages; // FrozenArray<DOMString>: the same frozen array each time
};
Navigator includes NavigatorLanguage;

// https://html.spec.whatwg.org/multipage/system-state.html#navigator.online
interface mixin NavigatorOnLine {
  readonly attribute boolean onLine;
};
Navigator includes NavigatorOnLine;

// https://html.spec.whatwg.org/multipage/workers.html#navigator.hardwareconcurrency
interface mixin NavigatorConcurrentHardware {
  readonly attribute unsigned long long hardwareConcurrency;
};
Navigator includes NavigatorConcurrentHardware;

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

// https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-productsub and
// #dom-navigator-vendorsub: the compatibility strings of NavigatorID.
partial interface Navigator {
  readonly attribute DOMString productSub; // "20030107"
  readonly attribute DOMString vendorSub; // ""
};

// https://html.spec.whatwg.org/multipage/system-state.html#cookies
interface mixin NavigatorCookies {
  readonly attribute boolean cookieEnabled;
};
Navigator includes NavigatorCookies;

// https://html.spec.whatwg.org/multipage/system-state.html#navigatorplugins
interface mixin NavigatorPlugins {
  [SameObject] readonly attribute PluginArray plugins;
  [SameObject] readonly attribute MimeTypeArray mimeTypes;
  boolean javaEnabled();
  readonly attribute boolean pdfViewerEnabled;
};
Navigator includes NavigatorPlugins;

[Exposed=Window, LegacyUnenumerableNamedProperties]
interface PluginArray {
  undefined refresh();
  readonly attribute unsigned long length;
  getter Plugin? item(unsigned long index);
  getter Plugin? namedItem(DOMString name);
};

[Exposed=Window, LegacyUnenumerableNamedProperties]
interface MimeTypeArray {
  readonly attribute unsigned long length;
  getter MimeType? item(unsigned long index);
  getter MimeType? namedItem(DOMString name);
};

[Exposed=Window, LegacyUnenumerableNamedProperties]
interface Plugin {
  readonly attribute DOMString name;
  readonly attribute DOMString description;
  readonly attribute DOMString filename;
  readonly attribute unsigned long length;
  getter MimeType? item(unsigned long index);
  getter MimeType? namedItem(DOMString name);
};

[Exposed=Window]
interface MimeType {
  readonly attribute DOMString type;
  readonly attribute DOMString description;
  readonly attribute DOMString suffixes;
  readonly attribute Plugin enabledPlugin;
};

// https://w3c.github.io/pointerevents/#extensions-to-the-navigator-interface
partial interface Navigator {
  readonly attribute long maxTouchPoints;
};

// https://w3c.github.io/webdriver/#interface: not under automation.
interface mixin NavigatorAutomationInformation {
  readonly attribute boolean webdriver;
};
Navigator includes NavigatorAutomationInformation;

// https://www.w3.org/TR/device-memory/#sec-device-memory-js-api
partial interface Navigator {
  [SecureContext] readonly attribute double deviceMemory;
};

// Chromium's `navigator.doNotTrack` (the Tracking Preference Expression draft's): null, no
// preference expressed.
partial interface Navigator {
  readonly attribute DOMString? doNotTrack;
};

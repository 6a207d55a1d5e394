// https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-location-interface
// The headless host navigates within a document only: setting `href` or `hash`, `assign()` and
// `replace()` navigate to a fragment of the same document (session history, popstate,
// hashchange); a navigation to another document throws a NotSupportedError. The other URL
// part setters and reload() are not implemented (absent).

[Exposed=Window]
interface Location {
  [LegacyUnforgeable, SetterThrows] stringifier attribute USVString href;
  [LegacyUnforgeable] readonly attribute USVString origin;
  [LegacyUnforgeable] readonly attribute USVString protocol;
  [LegacyUnforgeable] readonly attribute USVString host;
  [LegacyUnforgeable] readonly attribute USVString hostname;
  [LegacyUnforgeable] readonly attribute USVString port;
  [LegacyUnforgeable] readonly attribute USVString pathname;
  [LegacyUnforgeable] readonly attribute USVString search;
  [LegacyUnforgeable] attribute USVString hash;

  [LegacyUnforgeable, Throws] undefined assign(USVString url);
  [LegacyUnforgeable, Throws] undefined replace(USVString url);
};

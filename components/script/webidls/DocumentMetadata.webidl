// https://html.spec.whatwg.org/multipage/dom.html#resource-metadata-management
// (the members of Document's "resource metadata management" block that Document.webidl lacks).
// The cookie store is per engine and in memory (src/cookies.rs); lastModified is always the
// current local time, since Aperture keeps neither Last-Modified nor file times; setting domain
// checks the value and changes nothing (origin-keyed agent clusters, as in Chromium).

partial interface Document {
  [SetterThrows] attribute USVString domain;
  readonly attribute USVString referrer;
  [Throws] attribute USVString cookie;
  readonly attribute DOMString lastModified;
};

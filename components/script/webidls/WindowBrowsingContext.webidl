// https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-window-object: the members of
// the current browsing context that Window.webidl lacks, as a headless host that creates no
// auxiliary browsing contexts answers them (src/dom/html/windowbrowsingcontext.rs):
// open() returns null (a blocked popup) after checking the URL; opener is always null; close()
// marks a top-level window closed (`closed` is true) and the page runs on; focus() of an
// iframe's window focuses the iframe in its parent, of the top-level window changes nothing
// (no system focus: document.hasFocus() stays false); blur() does nothing, as the standard says;
// print() fires beforeprint and afterprint and prints nothing.

partial interface Window {
  attribute DOMString name;
  readonly attribute boolean closed; // [Replaceable] in HTML; not supported by the generator yet
  undefined close();
  undefined focus();
  undefined blur();

  // other browsing contexts
  [SetterThrows] attribute any opener;
  [Throws] WindowProxy? open(optional USVString url = "", optional DOMString target = "_blank", optional [LegacyNullToEmptyString] DOMString features = "");

  // https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#printing
  undefined print();
};

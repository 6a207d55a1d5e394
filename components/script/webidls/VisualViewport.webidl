// https://drafts.csswg.org/cssom-view/#the-visualviewport-interface
// Differences from the standard IDL: `visualViewport` is [SameObject, Replaceable] in the spec;
// the generator supports [Replaceable] on no attribute yet (see Window.webidl), so it is a plain
// readonly attribute returning the same object while the document is fully active.

partial interface Window {
  readonly attribute VisualViewport? visualViewport;
};

[Exposed=Window]
interface VisualViewport : EventTarget {
  readonly attribute double offsetLeft;
  readonly attribute double offsetTop;

  readonly attribute double pageLeft;
  readonly attribute double pageTop;

  readonly attribute double width;
  readonly attribute double height;

  readonly attribute double scale;

  attribute EventHandler onresize;
  attribute EventHandler onscroll;
  attribute EventHandler onscrollend;
};

// https://w3c.github.io/selection-api/#selection-interface
//
// modify() is absent: it moves by characters, words and lines as laid out, which Aperture's
// layout does not model. getComposedRanges() follows the spec's shadow-root steps.

[Exposed=Window]
interface Selection {
  readonly attribute Node? anchorNode;
  readonly attribute unsigned long anchorOffset;
  readonly attribute Node? focusNode;
  readonly attribute unsigned long focusOffset;
  readonly attribute boolean isCollapsed;
  readonly attribute unsigned long rangeCount;
  readonly attribute DOMString type;
  readonly attribute DOMString direction;
  [Throws] Range getRangeAt(unsigned long index);
  undefined addRange(Range range);
  [Throws] undefined removeRange(Range range);
  undefined removeAllRanges();
  undefined empty();
  sequence<StaticRange> getComposedRanges(optional GetComposedRangesOptions options = {});
  [Throws] undefined collapse(Node? node, optional unsigned long offset = 0);
  [Throws] undefined setPosition(Node? node, optional unsigned long offset = 0);
  [Throws] undefined collapseToStart();
  [Throws] undefined collapseToEnd();
  [Throws] undefined extend(Node node, optional unsigned long offset = 0);
  [Throws] undefined setBaseAndExtent(Node anchorNode, unsigned long anchorOffset, Node focusNode, unsigned long focusOffset);
  [Throws] undefined selectAllChildren(Node node);
  [CEReactions, Throws] undefined deleteFromDocument();
  boolean containsNode(Node node, optional boolean allowPartialContainment = false);
  stringifier;
};

dictionary GetComposedRangesOptions {
  sequence<ShadowRoot> shadowRoots = [];
};

// https://w3c.github.io/selection-api/#extensions-to-document-interface
partial interface Document {
  Selection? getSelection();
};

// https://w3c.github.io/selection-api/#extensions-to-window-interface
partial interface Window {
  Selection? getSelection();
};

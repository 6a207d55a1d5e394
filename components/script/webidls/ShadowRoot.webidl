// https://dom.spec.whatwg.org/#interface-shadowroot
// The tree part of shadow DOM (no layout): attachShadow(), shadow-including trees, event
// retargeting and composedPath(), named slot assignment computed on demand. Not here:
// slotchange events, manual slot assignment's assign(), declarative shadow roots,
// ElementInternals, getHTML()/setHTMLUnsafe(). (styleSheets and adoptedStyleSheets: CSSOM.webidl.)

[Exposed=Window]
interface ShadowRoot : DocumentFragment {
  readonly attribute ShadowRootMode mode;
  readonly attribute boolean delegatesFocus;
  readonly attribute SlotAssignmentMode slotAssignment;
  readonly attribute boolean clonable;
  readonly attribute boolean serializable;
  readonly attribute Element host;
  attribute EventHandler onslotchange;
};

enum ShadowRootMode { "open", "closed" };
enum SlotAssignmentMode { "manual", "named" };

dictionary ShadowRootInit {
  required ShadowRootMode mode;
  boolean delegatesFocus = false;
  SlotAssignmentMode slotAssignment = "named";
  boolean clonable = false;
  boolean serializable = false;
};

// https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#the-innerhtml-property
partial interface ShadowRoot {
  [CEReactions, Throws] attribute [LegacyNullToEmptyString] DOMString innerHTML;
};

// https://dom.spec.whatwg.org/#mixin-slotable
interface mixin Slottable {
  readonly attribute HTMLSlotElement? assignedSlot;
};
Text includes Slottable;

// https://html.spec.whatwg.org/multipage/scripting.html#the-slot-element
[Exposed=Window]
interface HTMLSlotElement : HTMLElement {
  [CEReactions] attribute DOMString name;
  sequence<Node> assignedNodes(optional AssignedNodesOptions options = {});
  sequence<Element> assignedElements(optional AssignedNodesOptions options = {});
};

dictionary AssignedNodesOptions {
  boolean flatten = false;
};

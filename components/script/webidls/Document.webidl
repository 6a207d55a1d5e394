// https://dom.spec.whatwg.org/#interface-document
// https://html.spec.whatwg.org/multipage/dom.html#the-document-object

[Exposed=Window]
interface Document : Node {
  constructor();

  [SameObject] readonly attribute DOMImplementation implementation;
  readonly attribute USVString URL;
  readonly attribute USVString documentURI;
  readonly attribute DOMString compatMode;
  readonly attribute DOMString characterSet;
  readonly attribute DOMString charset; // legacy alias of .characterSet
  readonly attribute DOMString inputEncoding; // legacy alias of .characterSet
  readonly attribute DOMString contentType;

  readonly attribute DocumentType? doctype;
  readonly attribute Element? documentElement;
  HTMLCollection getElementsByTagName(DOMString qualifiedName);
  HTMLCollection getElementsByTagNameNS(DOMString? namespace, DOMString localName);
  HTMLCollection getElementsByClassName(DOMString classNames);

  [NewObject, Throws] Element createElement(DOMString localName, optional (DOMString or ElementCreationOptions) options = {});
  [NewObject, Throws] Element createElementNS(DOMString? namespace, DOMString qualifiedName, optional (DOMString or ElementCreationOptions) options = {});
  [NewObject] DocumentFragment createDocumentFragment();
  [NewObject] Text createTextNode(DOMString data);
  [NewObject, Throws] CDATASection createCDATASection(DOMString data);
  [NewObject] Comment createComment(DOMString data);
  [NewObject, Throws] ProcessingInstruction createProcessingInstruction(DOMString target, DOMString data);

  [NewObject, Throws] Node importNode(Node node, optional boolean subtree = false);
  [Throws] Node adoptNode(Node node);

  [NewObject, Throws] Attr createAttribute(DOMString localName);
  [NewObject, Throws] Attr createAttributeNS(DOMString? namespace, DOMString qualifiedName);

  [NewObject, Throws] Event createEvent(DOMString interface); // legacy

  [NewObject] NodeIterator createNodeIterator(Node root, optional unsigned long whatToShow = 0xFFFFFFFF, optional NodeFilter? filter = null);
  [NewObject] TreeWalker createTreeWalker(Node root, optional unsigned long whatToShow = 0xFFFFFFFF, optional NodeFilter? filter = null);

  // resource metadata management
  // https://html.spec.whatwg.org/multipage/dom.html#the-document-object
  // [PutForwards=href] in HTML; Aperture's Location.href is read-only (no navigation), as on Window.
  [LegacyUnforgeable] readonly attribute Location? location;
  readonly attribute DOMString readyState;

  // dynamic markup insertion
  // https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html
  // The three-argument open(url, name, features), which is window.open(), is absent: Aperture
  // opens no windows. Trusted Types' TrustedHTML arguments are plain strings here.
  [CEReactions, Throws] Document open(optional DOMString unused1, optional DOMString unused2); // both arguments are ignored
  [CEReactions, Throws] undefined close();
  [CEReactions, Throws] undefined write(DOMString... text);
  [CEReactions, Throws] undefined writeln(DOMString... text);

  // DOM tree accessors
  attribute DOMString title;
  readonly attribute HTMLElement? body;
  readonly attribute HTMLHeadElement? head;
  // HTMLOrSVGScriptElement in HTML; Aperture has no SVG script elements.
  readonly attribute HTMLScriptElement? currentScript;
  [SameObject] readonly attribute HTMLCollection images;
  [SameObject] readonly attribute HTMLCollection embeds;
  [SameObject] readonly attribute HTMLCollection plugins;
  [SameObject] readonly attribute HTMLCollection links;
  [SameObject] readonly attribute HTMLCollection forms;
  [SameObject] readonly attribute HTMLCollection scripts;

  // browsing context
  readonly attribute WindowProxy? defaultView;
  boolean hasFocus();
  readonly attribute Element? activeElement; // DocumentOrShadowRoot in HTML
  readonly attribute boolean hidden;
  readonly attribute DOMString visibilityState; // a DocumentVisibilityState enum in HTML
  attribute EventHandler onvisibilitychange;

  attribute EventHandler onreadystatechange;
};
Document includes NonElementParentNode;
Document includes ParentNode;

dictionary ElementCreationOptions {
  DOMString is;
};

partial interface Window {
  [LegacyUnforgeable] readonly attribute Document document;
};

// https://html.spec.whatwg.org/multipage/dom.html#the-document-object: more of Document's HTML
// members, and the obsolete ones pages still touch
// (https://html.spec.whatwg.org/multipage/obsolete.html#other-elements,-attributes-and-apis).
partial interface Document {
  NodeList getElementsByName(DOMString elementName);
  [CEReactions] attribute DOMString dir;
  attribute DOMString designMode;
  [CEReactions] attribute [LegacyNullToEmptyString] DOMString fgColor;
  [CEReactions] attribute [LegacyNullToEmptyString] DOMString linkColor;
  [CEReactions] attribute [LegacyNullToEmptyString] DOMString vlinkColor;
  [CEReactions] attribute [LegacyNullToEmptyString] DOMString alinkColor;
  [CEReactions] attribute [LegacyNullToEmptyString] DOMString bgColor;
  [SameObject] readonly attribute HTMLCollection anchors;
  [SameObject] readonly attribute HTMLCollection applets;
  undefined clear();
  undefined captureEvents();
  undefined releaseEvents();
  // https://w3c.github.io/editing/docs/execCommand/ (no editing host here: commands do nothing)
  [CEReactions] boolean execCommand(DOMString commandId, optional boolean showUI = false, optional DOMString value = "");
  boolean queryCommandEnabled(DOMString commandId);
  boolean queryCommandIndeterm(DOMString commandId);
  boolean queryCommandState(DOMString commandId);
  boolean queryCommandSupported(DOMString commandId);
  DOMString queryCommandValue(DOMString commandId);
};

// https://drafts.csswg.org/cssom-view/#dom-document-scrollingelement
partial interface Document {
  readonly attribute Element? scrollingElement;
};

// https://drafts.csswg.org/css-font-loading/
// Differences from the specification's IDL, forced by the generator (behaviour as specified):
// CSSOMString is written DOMString, and BinaryData's (ArrayBuffer or ArrayBufferView) is
// spelled out in the constructor's union; FontFaceSetLoadEvent.fontfaces is not
// [SameObject] (each get returns a new frozen array).

dictionary FontFaceDescriptors {
  DOMString style = "normal";
  DOMString weight = "normal";
  DOMString stretch = "normal";
  DOMString unicodeRange = "U+0-10FFFF";
  DOMString featureSettings = "normal";
  DOMString variationSettings = "normal";
  DOMString display = "auto";
  DOMString ascentOverride = "normal";
  DOMString descentOverride = "normal";
  DOMString lineGapOverride = "normal";
};

enum FontFaceLoadStatus { "unloaded", "loading", "loaded", "error" };

[Exposed=(Window,Worker)]
interface FontFace {
  constructor(DOMString family, (DOMString or ArrayBuffer or ArrayBufferView) source,
              optional FontFaceDescriptors descriptors = {});
  [SetterThrows] attribute DOMString family;
  [SetterThrows] attribute DOMString style;
  [SetterThrows] attribute DOMString weight;
  [SetterThrows] attribute DOMString stretch;
  [SetterThrows] attribute DOMString unicodeRange;
  [SetterThrows] attribute DOMString featureSettings;
  [SetterThrows] attribute DOMString variationSettings;
  [SetterThrows] attribute DOMString display;
  [SetterThrows] attribute DOMString ascentOverride;
  [SetterThrows] attribute DOMString descentOverride;
  [SetterThrows] attribute DOMString lineGapOverride;

  readonly attribute FontFaceLoadStatus status;

  Promise<FontFace> load();
  readonly attribute Promise<FontFace> loaded;
};

dictionary FontFaceSetLoadEventInit : EventInit {
  sequence<FontFace> fontfaces = [];
};

[Exposed=(Window,Worker)]
interface FontFaceSetLoadEvent : Event {
  constructor(DOMString type, optional FontFaceSetLoadEventInit eventInitDict = {});
  readonly attribute FrozenArray<FontFace> fontfaces; // [SameObject] in the spec: not supported on arrays by the generator
};

enum FontFaceSetLoadStatus { "loading", "loaded" };

[Exposed=(Window,Worker)]
interface FontFaceSet : EventTarget {
  constructor(sequence<FontFace> initialFaces);

  [Throws] FontFaceSet add(FontFace font); // throws InvalidModificationError for a CSS-connected face, as its steps say
  boolean delete(FontFace font);
  undefined clear();
  setlike<FontFace>;

  // events for when loading state changes
  attribute EventHandler onloading;
  attribute EventHandler onloadingdone;
  attribute EventHandler onloadingerror;

  // check and start loads if appropriate
  // and fulfill promise when all loads complete
  Promise<sequence<FontFace>> load(DOMString font, optional DOMString text = " ");

  // return whether all fonts in the fontlist are loaded
  // (does not initiate load if not available)
  [Throws] boolean check(DOMString font, optional DOMString text = " ");

  // async notification that font loading and layout operations are done
  readonly attribute Promise<FontFaceSet> ready;

  // loading state, "loading" while one or more fonts loading, "loaded" otherwise
  readonly attribute FontFaceSetLoadStatus status;
};

interface mixin FontFaceSource {
  readonly attribute FontFaceSet fonts;
};

Document includes FontFaceSource;
WorkerGlobalScope includes FontFaceSource;

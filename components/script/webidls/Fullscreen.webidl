// https://fullscreen.spec.whatwg.org/#api
// A headless host has no screen to fill: an element enters and leaves fullscreen as the
// standard's state machine says (events, promises, fullscreenElement) without a viewport
// change (src/dom/fullscreen/mod.rs).

enum FullscreenNavigationUI { "auto", "show", "hide" };

dictionary FullscreenOptions {
  FullscreenNavigationUI navigationUI = "auto";
};

partial interface Element {
  Promise<undefined> requestFullscreen(optional FullscreenOptions options = {});

  attribute EventHandler onfullscreenchange;
  attribute EventHandler onfullscreenerror;
};

partial interface Document {
  readonly attribute boolean fullscreenEnabled;
  readonly attribute boolean fullscreen; // historical
  readonly attribute Element? fullscreenElement;

  Promise<undefined> exitFullscreen();

  attribute EventHandler onfullscreenchange;
  attribute EventHandler onfullscreenerror;
};

//! CSSOM View (<https://drafts.csswg.org/cssom-view/>) for a headless host: a fixed viewport and
//! screen, `matchMedia()`, `Screen` and the `VisualViewport`.

pub mod elementfrompoint;
pub mod elementscroll;
pub mod mediaqueries;
pub mod mediaquerylist;
pub mod screen;
pub mod visualviewport;

/// The viewport and screen, in CSS pixels: headless Chromium's default window.
pub const VIEWPORT_WIDTH: i32 = 800;
/// See [`VIEWPORT_WIDTH`].
pub const VIEWPORT_HEIGHT: i32 = 600;

//! UI Events (<https://w3c.github.io/uievents/>) and Pointer Events
//! (<https://w3c.github.io/pointerevents/>): the event interfaces pages construct and dispatch,
//! and that `element.click()` fires; the trusted events of input an embedder (or WPT's
//! testdriver) delivers (`userinput.rs`) and the user activation they give (`useractivation.rs`).
//! Coordinates are CSS pixels of a page that never scrolls (page = client).

pub mod events;
pub mod useractivation;
pub mod userinput;

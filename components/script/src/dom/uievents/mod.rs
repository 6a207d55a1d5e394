//! UI Events (<https://w3c.github.io/uievents/>) and Pointer Events
//! (<https://w3c.github.io/pointerevents/>): the event interfaces pages construct and dispatch,
//! and that `element.click()` fires. Aperture has no input devices, so these carry what their
//! dictionaries say; coordinates are CSS pixels of a page that never scrolls (page = client).

pub mod events;
pub mod useractivation;
pub mod userinput;

//! Aperture's script crate: the WebIDL bindings runtime, the DOM, the
//! SpiderMonkey runtime and the script thread's event loop.
//!
//! See `components/script/webidls/` for the interfaces and README.md for how
//! to add one.

pub mod bench;
pub mod cookies;
pub mod dom;
pub mod embedder;
pub mod imaging;
pub mod media_events;
pub mod net;
pub mod origin;
pub mod parallel;
pub mod prefs;
pub mod script_runtime;
pub mod script_thread;
pub mod threads;

pub use mozjs;

//! Aperture as a library: the one crate an embedder depends on.
//!
//! An [`Engine`] owns a script thread (SpiderMonkey and the DOM), a canvas
//! thread and a media thread. The embedder builds it with [`Engine::builder`],
//! loads pages with [`Engine::load`], and runs it: [`Engine::run`] blocks until
//! nothing is left to do, [`Engine::run_until`] stops at a deadline, and
//! [`Engine::spin_once`] handles what is pending and returns at once (for an
//! embedder with its own event loop). Dropping the engine shuts it down.
//!
//! What a page asks of its embedder reaches the embedder's delegates, called
//! on the thread that runs the engine (the one calling `run`/`spin_once`):
//! - [`PermissionDelegate`]: a page asks for a camera or microphone whose
//!   permission is "prompt"; answer through the [`PermissionResponder`], now or
//!   later, from any thread (dropping it denies);
//! - [`CaptureDelegate`]: a device starts or stops being captured (for a
//!   capture indicator); [`Engine::stop_capture`] stops one;
//! - [`ConsoleDelegate`]: console records and uncaught errors, structured.
//!
//! Canvas images go to the [`CompositorSink`] given to the builder, on the
//! canvas thread, as `webrender_api` image keys, descriptors and epochs.
//!
//! Everything belongs to one engine: two engines in one process have their
//! own threads, pages, permissions and delegates. (SpiderMonkey itself is
//! initialized once per process, on the first engine, and never shut down.)
//!
//! ```no_run
//! use aperture::{Engine, RunOutcome};
//!
//! let mut engine = Engine::builder().build().expect("the engine starts");
//! engine.load("examples/hello.html").expect("a page URL or path");
//! match engine.run() {
//!     Ok(RunOutcome::Idle) => println!("done, {} uncaught errors", engine.uncaught_error_count()),
//!     Ok(other) => println!("stopped: {other:?}"),
//!     Err(e) => eprintln!("{e}"),
//! }
//! ```
//!
//! `docs/embedding.md` in the repository describes the threads, lifecycle and a
//! worked example.

#![deny(missing_docs)]

mod delegates;
mod engine;

/// Frames and their pixels, as embedder cameras push them.
pub use base::{FrameBytes, PixelFormat, VideoFrame, units::ImageSize};
pub use canvas::{CanvasImageUpdate, CompositorSink, NullCompositor, PngDumpCompositor};
pub use delegates::{CaptureDelegate, ConsoleDelegate, PermissionDelegate, PermissionPolicy};
pub use engine::{Engine, EngineBuilder, EngineError, RunOutcome};
pub use media::CameraChoice;
pub use media::embedder_camera::{
    CameraBackend, CameraDescription, CameraFrames, CameraSession, FrameRejected, VideoMode,
};
pub use script::embedder::{
    CaptureChange, CaptureId, ConsoleLevel, ConsoleMessage, Device, DeviceKind, PageId, PermissionDecision,
    PermissionRequest, PermissionResponder, PermissionSetting, UserInput,
};
pub use script::prefs::Prefs;
/// The compositor types canvas images are described with.
pub use webrender_api;

/// The URL of a page given as a path (optionally with `?query`), a `file:` URL or an
/// `http(s):` URL, resolved against the current directory.
pub fn page_url(page: &str) -> Result<url::Url, String> {
    script::net::page_url(page)
}

/// The certificates (DER) of a PEM file, for [`EngineBuilder::root_certificates`].
pub fn certificates_from_pem(pem: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    script::net::certificates_from_pem(pem)
}

//! The canvas thread: every canvas's bitmap, 2D rasterization, image
//! hand-off to the compositor and frame capture for `captureStream()`.
//!
//! Script talks to it only through `canvas_traits` messages; see
//! [`spawn`] for the entry point, [`CompositorSink`] and [`FrameSink`] for
//! where pixels go.
//!
//! # Rasterizer
//!
//! RASTERIZER-FIGURES

pub mod bench;
mod draw_target;
mod paint;
mod readback;
mod sinks;
mod thread;

pub use draw_target::{MAX_CANVAS_PIXELS, MAX_CANVAS_SIDE};
pub use sinks::{
    CanvasImageUpdate, ChannelFrameSink, CompositorSink, FrameSink, NullCompositor, NullFrameSink, PngDumpCompositor,
};
pub use thread::{CanvasThread, CaptureStats, spawn};

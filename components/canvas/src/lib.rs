//! The canvas thread: every canvas's bitmap, 2D rasterization, image
//! hand-off to the compositor and frame capture for `captureStream()`.
//!
//! Script talks to it only through `canvas_traits` messages; see
//! [`spawn`] for the entry point, [`CompositorSink`] and [`FrameSink`] for
//! where pixels go.
//!
//! Text (`fillText`, `strokeText`, `measureText`) uses one bundled face,
//! DejaVu Sans, without shaping; see the `text` module.
//!
//! # Rasterizer
//!
//! tiny-skia 0.12, chosen over vello_cpu 0.3 after measuring both
//! (`bench::rasterizer_comparison`; run the `canvas_bench` example with
//! `--features vello-comparison`). Figures from this 2-core machine (load
//! ≈ 1.7, dev profile at opt-level 2), medians:
//!
//! | measure | tiny-skia | vello_cpu |
//! |---|---|---|
//! | opaque solid fills, 64 colours, wrong pixels | 0 / 4096 | 0 / 4096 |
//! | alpha-128 fill over white, max error | 0 | 0 |
//! | AA circle stroke (w=3), mean / max error vs exact coverage, /255 | 5.7 / 42.6 | 13.4 / 57.4 |
//! | AA arc stroke (w=5, butt), mean / max error, /255 | 4.4 / 39.7 | 10.6 / 69.4 |
//! | fillRect w/2×h/2, 640×480 / 1920×1080, ms per op | 0.077 / 0.210 | 0.035 / 0.202 |
//! | translucent circle r=h/3, 640×480 / 1920×1080, ms per op | 1.63 / 7.03 | 0.063 / 0.331 |
//! | drawImage 512² → w/2×h/2 bilinear, 640×480 / 1920×1080, ms per op | 3.19 / 21.6 | 0.85 / 5.57 |
//!
//! (vello_cpu is timed as 10 operations then one render composited over
//! the existing pixels, its best case for a canvas.)
//!
//! Why tiny-skia despite vello_cpu's much faster translucent fills and
//! image draws (its SIMD kernels are picked at run time; tiny-skia's are
//! SSE2 only): the 2D canvas is immediate mode. Every operation composites
//! onto the current bitmap with its own composite operator (26 of them)
//! and clip, and script may read pixels back after any operation
//! (`getImageData`, `drawImage` of a canvas, frame capture). tiny-skia does
//! exactly that, on a bitmap we own. vello_cpu renders a recorded scene: a
//! non-source-over operator needs the existing bitmap drawn into the scene
//! first (a full-canvas image draw per batch, several ms at 1080p by the
//! row above), and every readback forces a render. tiny-skia's
//! anti-aliasing is also about twice as close to exact coverage, and both
//! fill solid colours exactly. The rasterizer is confined to
//! `draw_target.rs`, `paint.rs` and `shadow.rs`, so if real pages turn out
//! to be fill-bound, switching is a contained change.
//!
//! Through the whole thread (paint → `CaptureFrame` → frame at the sink,
//! `bench::capture_pipeline`), a frame of clear + fill + 8 translucent
//! circles costs 2.0 ms (2.0 ms CPU) at 640×480 and 8.1 ms (8.3 ms CPU) at
//! 1920×1080, of which the capture (one copy, un-premultiplied in the same
//! pass) is 0.22 ms and 1.26 ms. An idle canvas thread uses no CPU.

#![deny(missing_docs)]

pub mod bench;
mod draw_target;
mod filter;
mod fonts;
mod paint;
mod readback;
mod shadow;
mod sinks;
mod text;
mod thread;

pub use draw_target::{MAX_CANVAS_PIXELS, MAX_CANVAS_SIDE};
pub use sinks::{
    CanvasImageUpdate, ChannelFrameSink, CompositorSink, FrameSink, NullCompositor, NullFrameSink, PngDumpCompositor,
};
pub use thread::{CanvasThread, CaptureStats, spawn};

//! Types shared by every Aperture thread: ids, pixel units and video frames.
//!
//! Nothing here knows about JavaScript, GStreamer or a rasterizer; the
//! `*_traits` crates and the thread crates build on these plain-data types.

pub mod bench;
pub mod frame;
pub mod id;
pub mod units;

pub use frame::{FrameBytes, PixelFormat, VideoFrame, WeakFrameBytes};
pub use id::{CanvasId, Epoch, FontKey, RequestId, SourceId};

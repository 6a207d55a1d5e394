//! Cameras an embedder provides (an engine with its own camera stack): the
//! [`CameraBackend`] trait lists them and starts them; the embedder pushes
//! frames through [`CameraFrames`] from any thread.
//!
//! An embedder camera is a camera like the others for everything above the
//! device: it is listed by `enumerateDevices()` and chosen by `getUserMedia()`
//! constraints over the modes it declares (SelectSettings, crop-and-scale
//! included), its frames reach `ImageCapture`, `<video>`, recorders and
//! canvases through the same tap, and `takePhoto()` encodes a frame at the
//! sizes its modes span. Its element chain starts with an `appsrc` in place of
//! the GStreamer device element:
//!
//! ```text
//! appsrc (frames pushed by the embedder) ! capsfilter(native) ! videorate ! videoscale ! capsfilter(out)
//! ```
//!
//! What the embedder gets wrong is logged and dropped, never a panic on
//! Aperture's threads: a frame of another size than the mode it was asked
//! for is refused ([`FrameRejected::WrongSize`]); a backend whose
//! `cameras()` panics lists no camera; one whose `open()` panics or fails
//! makes `getUserMedia()` reject with `NotReadableError`.
//!
//! Not offered to embedder cameras (documented in `docs/embedding.md`): photo
//! controls (zoom, focus, exposure, white balance, torch, pan, tilt) and a
//! facing mode; their capabilities are the modes' sizes and rates.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use base::{PixelFormat, VideoFrame};
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
pub use media_traits::select::VideoMode;

/// A camera an embedder offers.
#[derive(Clone, Debug, PartialEq)]
pub struct CameraDescription {
    /// Unique among the backend's cameras; pages see it as `deviceId`.
    pub device_id: String,
    /// Pages see it as `label`.
    pub label: String,
    /// The native modes (size and frame rate) the camera can run in; at least one.
    pub modes: Vec<VideoMode>,
}

/// An embedder's camera stack.
///
/// Called on the Media thread. Calls should return promptly: frames are not
/// delivered from these calls but pushed later through [`CameraFrames`].
pub trait CameraBackend: Send + Sync + 'static {
    /// The cameras available now (asked at every `enumerateDevices()` and
    /// `getUserMedia()`).
    fn cameras(&self) -> Vec<CameraDescription>;

    /// Starts `device_id` in `mode` (one of its declared modes). Frames of
    /// `mode`'s size are then pushed into `frames`, from any thread, until the
    /// returned session is dropped (the track's source ended) or
    /// [`CameraSession::set_mode`] changes the mode. An `Err` makes
    /// `getUserMedia()` reject with `NotReadableError` and the message.
    fn open(&self, device_id: &str, mode: VideoMode, frames: CameraFrames) -> Result<Box<dyn CameraSession>, String>;
}

/// A running embedder camera; dropping it stops the camera.
pub trait CameraSession: Send {
    /// `applyConstraints()` chose another native mode: push frames of this
    /// mode's size from now on (frames of the old size are refused).
    fn set_mode(&mut self, mode: VideoMode);
}

/// Why [`CameraFrames::push`] refused a frame.
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum FrameRejected {
    /// The frame's size is not the size of the mode the camera was started in.
    WrongSize {
        /// The mode's width and height.
        expected: (u32, u32),
        /// The frame's.
        got: (u32, u32),
    },
    /// The frame's bytes are fewer than its size and stride need.
    ShortData,
    /// The camera was stopped (the session was dropped); the frame is dropped.
    Stopped,
}

impl std::fmt::Display for FrameRejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameRejected::WrongSize { expected, got } => {
                write!(f, "a {}x{} frame for a {}x{} camera mode", got.0, got.1, expected.0, expected.1)
            }
            FrameRejected::ShortData => f.write_str("the frame has fewer bytes than its size needs"),
            FrameRejected::Stopped => f.write_str("the camera was stopped"),
        }
    }
}

impl std::error::Error for FrameRejected {}

/// Where an embedder camera's frames go: cheap to clone, `Send`, usable from
/// any thread. Frames are RGBA or BGRA [`VideoFrame`]s; their bytes are
/// shared with GStreamer, not copied.
#[derive(Clone)]
pub struct CameraFrames {
    inner: Arc<FramesInner>,
}

struct FramesInner {
    appsrc: gst_app::AppSrc,
    mode: Mutex<VideoMode>,
    /// The format and mode the appsrc's caps were last set for.
    caps: Mutex<Option<(PixelFormat, u32, u32, u64)>>,
    stopped: AtomicBool,
    warned: AtomicBool,
}

impl CameraFrames {
    pub(crate) fn new(appsrc: gst_app::AppSrc, mode: VideoMode) -> CameraFrames {
        CameraFrames {
            inner: Arc::new(FramesInner {
                appsrc,
                mode: Mutex::new(mode),
                caps: Mutex::new(None),
                stopped: AtomicBool::new(false),
                warned: AtomicBool::new(false),
            }),
        }
    }

    /// The mode frames must have now.
    pub fn mode(&self) -> VideoMode {
        *self.inner.mode.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn set_mode(&self, mode: VideoMode) {
        *self.inner.mode.lock().unwrap_or_else(PoisonError::into_inner) = mode;
    }

    pub(crate) fn stop(&self) {
        self.inner.stopped.store(true, Ordering::Release);
        let _ = self.inner.appsrc.end_of_stream();
    }

    /// Delivers one frame, stamped with the time it was pushed. A frame that
    /// does not fit the current mode is refused (logged once per camera).
    pub fn push(&self, frame: VideoFrame) -> Result<(), FrameRejected> {
        if self.inner.stopped.load(Ordering::Acquire) {
            return Err(FrameRejected::Stopped);
        }
        let mode = self.mode();
        let (w, h) = (frame.size.width, frame.size.height);
        let rejected = if (w, h) != (mode.width, mode.height) {
            Some(FrameRejected::WrongSize { expected: (mode.width, mode.height), got: (w, h) })
        } else if frame.stride < w as usize * 4 || frame.data.as_slice().len() < frame.stride * (h as usize).max(1) {
            Some(FrameRejected::ShortData)
        } else {
            None
        };
        if let Some(why) = rejected {
            if !self.inner.warned.swap(true, Ordering::AcqRel) {
                log::warn!("embedder camera: frame refused: {why}");
            }
            return Err(why);
        }
        let Ok((buffer, _)) = crate::canvas::frame_buffer(&frame) else {
            return Err(FrameRejected::ShortData);
        };
        {
            let mut caps = self.inner.caps.lock().unwrap_or_else(PoisonError::into_inner);
            // The rate is part of the caps: a mode change of rate alone must renegotiate too.
            let key = (frame.format, w, h, mode.frame_rate.to_bits());
            if *caps != Some(key) {
                self.inner.appsrc.set_caps(Some(&frame_caps(frame.format, mode)));
                *caps = Some(key);
            }
        }
        match self.inner.appsrc.push_buffer(buffer) {
            Ok(_) => Ok(()),
            Err(_) => Err(FrameRejected::Stopped),
        }
    }
}

/// The appsrc caps of frames in `mode`: the format pushed, the mode's size and
/// rate (so they meet the chain's native capsfilter).
fn frame_caps(format: PixelFormat, mode: VideoMode) -> gst::Caps {
    let format = match format {
        PixelFormat::Rgba8 => gstreamer_video::VideoFormat::Rgba,
        PixelFormat::Bgra8 => gstreamer_video::VideoFormat::Bgra,
    };
    gstreamer_video::VideoCapsBuilder::new()
        .format(format)
        .width(mode.width as i32)
        .height(mode.height as i32)
        .framerate(gst::Fraction::approximate_f64(mode.frame_rate).unwrap_or(gst::Fraction::new(30, 1)))
        .build()
}

/// The source element of an embedder camera's chain.
pub(crate) fn appsrc() -> gst_app::AppSrc {
    let appsrc = gst_app::AppSrc::builder()
        .format(gst::Format::Time)
        .is_live(true)
        .do_timestamp(true)
        .stream_type(gst_app::AppStreamType::Stream)
        .build();
    // A consumer that falls behind loses the oldest frames, as a camera would.
    appsrc.set_property("max-buffers", 4u64);
    appsrc.set_property("max-bytes", 0u64);
    appsrc.set_property("max-time", 0u64);
    appsrc.set_property_from_str("leaky-type", "downstream");
    appsrc
}

/// The backend's cameras; a panicking backend lists none (logged).
pub(crate) fn cameras(backend: &dyn CameraBackend) -> Vec<CameraDescription> {
    match catch_unwind(AssertUnwindSafe(|| backend.cameras())) {
        Ok(list) => list.into_iter().filter(|c| !c.modes.is_empty()).collect(),
        Err(_) => {
            log::error!("embedder camera backend panicked in cameras(); no embedder camera is listed");
            Vec::new()
        }
    }
}

/// Starts a camera; a panic is an error like any other.
pub(crate) fn open(
    backend: &dyn CameraBackend,
    device_id: &str,
    mode: VideoMode,
    frames: CameraFrames,
) -> Result<Box<dyn CameraSession>, String> {
    match catch_unwind(AssertUnwindSafe(|| backend.open(device_id, mode, frames))) {
        Ok(result) => result,
        Err(_) => {
            log::error!("embedder camera backend panicked in open({device_id})");
            Err("the embedder's camera failed to start".into())
        }
    }
}

/// An opened embedder camera, held by its source: stops it when dropped.
pub struct EmbedderCameraHandle {
    pub(crate) frames: CameraFrames,
    pub(crate) session: Mutex<Box<dyn CameraSession>>,
}

impl EmbedderCameraHandle {
    /// Switches the native mode: frames of `mode` are expected from now on.
    pub(crate) fn set_mode(&self, mode: VideoMode) {
        self.frames.set_mode(mode);
        let mut session = self.session.lock().unwrap_or_else(PoisonError::into_inner);
        if catch_unwind(AssertUnwindSafe(|| session.set_mode(mode))).is_err() {
            log::error!("embedder camera session panicked in set_mode()");
        }
    }
}

impl Drop for EmbedderCameraHandle {
    fn drop(&mut self) {
        self.frames.stop();
        let session =
            std::mem::replace(self.session.get_mut().unwrap_or_else(PoisonError::into_inner), Box::new(Stopped));
        if catch_unwind(AssertUnwindSafe(move || drop(session))).is_err() {
            log::error!("embedder camera session panicked when stopped");
        }
    }
}

struct Stopped;

impl CameraSession for Stopped {
    fn set_mode(&mut self, _: VideoMode) {}
}

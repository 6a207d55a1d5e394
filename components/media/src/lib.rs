//! The Media thread: camera and canvas sources on servo-media 0.7 and
//! GStreamer (gstreamer-rs 0.25), frame taps and sinks, photo encoding.
//!
//! Script talks to it only through `media_traits` messages: [`spawn`] starts
//! the thread and returns a [`MediaThread`] whose [`sender`](MediaThread::sender)
//! takes [`MediaCommand`]s; replies and events go to the event sink given to
//! [`spawn`]. servo-media provides the stream model (device streams, fed
//! streams, its global registry); Aperture adds what it lacks: device
//! selection, a `tee` with appsink branches per consumer, the fake camera, and
//! the still-photo path.

#![warn(missing_docs)]

pub mod bench;
pub mod camera;
pub mod canvas;
pub mod elements;
pub mod embedder_camera;
pub mod encode;
pub mod fake_camera;
pub mod pipeline;
pub mod player;
pub mod recorder;
mod source;
mod thread;

use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;
use std::time::Duration;

use crossbeam_channel::Sender;
use gstreamer as gst;
use media_traits::error::MediaError;
use media_traits::messages::{MediaCommand, MediaEvent};
use servo_media::ServoMedia;
use servo_media_gstreamer::GStreamerBackend;

use crate::elements::{ElementMaker, GstElements};

/// Which camera `OpenCamera` and `EnumerateDevices` see.
#[derive(Clone, Debug, Default, Eq, PartialEq)]
pub enum CameraChoice {
    /// Only Aperture's fake camera; the other device providers are demoted
    /// process-wide so device monitors list nothing else.
    Fake,
    /// Real cameras (v4l2, PipeWire providers) when present, else the fake one.
    #[default]
    Auto,
    /// Exactly the device with this id (fake or real).
    Device(String),
}

/// Options of the Media thread.
#[derive(Clone)]
pub struct MediaOptions {
    /// Camera policy.
    pub camera: CameraChoice,
    /// Element creation (tests inject missing plugins).
    pub elements: Arc<dyn ElementMaker>,
    /// grabFrame() and frame-waiting takePhoto() give up after this (UnknownError).
    pub grab_timeout: Duration,
    /// A camera that delivers no frame within this fails to open (NotReadableError).
    pub open_timeout: Duration,
    /// The embedder's cameras, listed beside GStreamer's (`embedder_camera`).
    pub camera_backend: Option<Arc<dyn embedder_camera::CameraBackend>>,
    /// The streams this media thread tapped (leak checks; one ledger per engine).
    pub taps: pipeline::TapLedger,
}

impl Default for MediaOptions {
    fn default() -> Self {
        MediaOptions {
            camera: CameraChoice::Auto,
            elements: Arc::new(GstElements),
            grab_timeout: Duration::from_secs(2),
            open_timeout: Duration::from_secs(5),
            camera_backend: None,
            taps: pipeline::TapLedger::default(),
        }
    }
}

/// Where replies and events go (called on the Media thread only).
pub type EventSink = Box<dyn Fn(MediaEvent) + Send>;

/// Initialises GStreamer, registers the fake camera and starts servo-media's
/// GStreamer backend, once per process.
pub fn init() -> Result<(), MediaError> {
    static INIT: OnceLock<Result<(), MediaError>> = OnceLock::new();
    INIT.get_or_init(|| {
        // servo-media unwraps gst::init() on its own thread; fail here instead.
        gst::init().map_err(|e| MediaError::NotSupported(format!("GStreamer is unavailable: {e}")))?;
        fake_camera::register().map_err(|e| MediaError::NotSupported(format!("fake camera: {e}")))?;
        ServoMedia::init::<GStreamerBackend>();
        Ok(())
    })
    .clone()
}

/// A running Media thread. Dropping it sends `Exit` and joins the thread.
pub struct MediaThread {
    sender: Sender<MediaCommand>,
    join: Option<JoinHandle<()>>,
    recorder_support: media_traits::recorder::RecorderSupport,
}

impl MediaThread {
    /// Where commands go.
    pub fn sender(&self) -> Sender<MediaCommand> {
        self.sender.clone()
    }

    /// The recording formats this thread can make with the installed GStreamer elements
    /// (`MediaRecorder.isTypeSupported()` answers from it).
    pub fn recorder_support(&self) -> media_traits::recorder::RecorderSupport {
        self.recorder_support.clone()
    }

    /// Sends `Exit` and waits for the thread to finish (every pending request
    /// is answered with AbortError first).
    pub fn exit(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        let _ = self.sender.send(MediaCommand::Exit);
        if let Some(join) = self.join.take()
            && join.join().is_err()
        {
            log::error!("the Media thread panicked");
        }
    }
}

impl Drop for MediaThread {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Starts the Media thread (named "Media").
pub fn spawn(options: MediaOptions, events: EventSink) -> Result<MediaThread, MediaError> {
    init()?;
    if options.camera == CameraChoice::Fake {
        fake_camera::demote_other_providers();
    }
    let recorder_support = recorder::support(&*options.elements);
    let (sender, receiver) = crossbeam_channel::unbounded();
    let join = std::thread::Builder::new()
        .name("Media".into())
        .spawn(move || {
            // Blocks until servo-media's backend is built (a few ms).
            let _media = ServoMedia::get();
            thread::MediaLoop::new(options, events).run(receiver);
        })
        .map_err(|e| MediaError::Unknown(format!("could not start the Media thread: {e}")))?;
    Ok(MediaThread { sender, join: Some(join), recorder_support })
}

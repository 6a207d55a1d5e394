//! A test harness around the Media thread: sends commands, collects events.

#![allow(dead_code)]

use std::time::{Duration, Instant};

use base::units::ImageSize;
use base::{FrameBytes, PixelFormat, RequestId, SourceId, VideoFrame};
use crossbeam_channel::Receiver;
use media::{CameraChoice, MediaOptions, MediaThread};
use media_traits::constraints::MediaTrackConstraints;
use media_traits::error::{MediaError, MediaErrorKind};
use media_traits::messages::{MediaCommand, MediaEvent, MediaReply};
use media_traits::settings::TrackState;

pub struct Harness {
    pub media: Option<MediaThread>,
    events: Receiver<MediaEvent>,
    stash: std::cell::RefCell<Vec<MediaEvent>>,
    taps: media::pipeline::TapLedger,
}

pub fn fake_options() -> MediaOptions {
    MediaOptions { camera: CameraChoice::Fake, ..Default::default() }
}

impl Harness {
    pub fn new() -> Harness {
        Harness::with(fake_options())
    }

    pub fn with(options: MediaOptions) -> Harness {
        let taps = options.taps.clone();
        let (tx, rx) = crossbeam_channel::unbounded();
        let media = media::spawn(
            options,
            Box::new(move |e| {
                let _ = tx.send(e);
            }),
        )
        .expect("media thread starts");
        Harness { media: Some(media), events: rx, stash: Default::default(), taps }
    }

    /// The servo-media streams this harness's media thread tapped that are still alive.
    pub fn live_stream_count(&self) -> usize {
        self.taps.live_stream_count()
    }

    pub fn send(&self, command: MediaCommand) {
        self.media.as_ref().expect("running").sender().send(command).expect("media thread alive");
    }

    /// Waits for the reply to `request`; fails the test after 10 s.
    pub fn reply(&self, request: RequestId) -> Result<MediaReply, MediaError> {
        let deadline = Instant::now() + Duration::from_secs(10);
        {
            let mut stash = self.stash.borrow_mut();
            if let Some(i) =
                stash.iter().position(|e| matches!(e, MediaEvent::Reply { request: r, .. } if *r == request))
                && let MediaEvent::Reply { result, .. } = stash.remove(i)
            {
                return result;
            }
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(MediaEvent::Reply { request: r, result, .. }) if r == request => return result,
                Ok(other) => self.stash.borrow_mut().push(other),
                Err(_) => panic!("no reply to {request} within 10 s"),
            }
        }
    }

    /// Counts the replies to `request` received so far plus within `wait`.
    pub fn count_replies(&self, request: RequestId, wait: Duration) -> usize {
        let deadline = Instant::now() + wait;
        while let Ok(e) = self.events.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            self.stash.borrow_mut().push(e);
        }
        self.stash
            .borrow()
            .iter()
            .filter(|e| matches!(e, MediaEvent::Reply { request: r, .. } if *r == request))
            .count()
    }

    /// Waits for an unsolicited event matching `pred`.
    pub fn event(&self, timeout: Duration, pred: impl Fn(&MediaEvent) -> bool) -> Option<MediaEvent> {
        {
            let mut stash = self.stash.borrow_mut();
            if let Some(i) = stash.iter().position(&pred) {
                return Some(stash.remove(i));
            }
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(e) if pred(&e) => return Some(e),
                Ok(e) => self.stash.borrow_mut().push(e),
                Err(_) => return None,
            }
        }
    }

    pub fn request(&self, make: impl FnOnce(RequestId) -> MediaCommand) -> Result<MediaReply, MediaError> {
        let request = RequestId::next();
        self.send(make(request));
        self.reply(request)
    }

    pub fn open_camera(
        &self,
        constraints: MediaTrackConstraints,
        ptz: bool,
    ) -> Result<(SourceId, TrackState), MediaError> {
        let source = SourceId::next();
        match self.request(|request| MediaCommand::OpenCamera {
            request,
            source,
            constraints,
            ptz_permitted: ptz,
            device: None,
        })? {
            MediaReply::SourceOpened { state, .. } => Ok((source, state)),
            other => panic!("unexpected {other:?}"),
        }
    }

    pub fn canvas(&self, size: ImageSize) -> SourceId {
        let source = SourceId::next();
        let reply =
            self.request(|request| MediaCommand::CreateCanvasSource { request, source, size, frame_rate: None });
        assert!(matches!(reply, Ok(MediaReply::SourceOpened { .. })), "{reply:?}");
        source
    }

    pub fn grab(&self, source: SourceId) -> Result<VideoFrame, MediaError> {
        match self.request(|request| MediaCommand::GrabFrame {
            request,
            source,
            ended_error: MediaErrorKind::Unknown,
        })? {
            MediaReply::Frame(f) => Ok(f),
            other => panic!("unexpected {other:?}"),
        }
    }

    pub fn stop(&self, source: SourceId) {
        let r = self.request(|request| MediaCommand::StopSource { request, source });
        assert!(matches!(r, Ok(MediaReply::Stopped)), "{r:?}");
    }
}

/// A solid RGBA frame.
pub fn solid(size: ImageSize, rgba: [u8; 4]) -> VideoFrame {
    let data: Vec<u8> = rgba.iter().copied().cycle().take(size.width as usize * size.height as usize * 4).collect();
    VideoFrame {
        size,
        format: PixelFormat::Rgba8,
        stride: size.width as usize * 4,
        has_alpha: false,
        data: FrameBytes::new(data),
        timestamp: Duration::ZERO,
        sequence: 0,
    }
}

pub fn expect_err<T: std::fmt::Debug>(r: Result<T, MediaError>, kind: MediaErrorKind) -> MediaError {
    match r {
        Err(e) if e.kind() == kind => e,
        other => panic!("expected {kind:?}, got {other:?}"),
    }
}

/// Resident set size of this process, in bytes.
pub fn rss() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    pages * 4096
}

//! The frame capture model of `HTMLCanvasElement.captureStream()`
//! (<https://w3c.github.io/mediacapture-fromelement/#dom-htmlcanvaselement-capturestream>),
//! independent of the track object that exposes it.
//!
//! A [`CanvasCapture`] is one capturing source: it registers a canvas
//! source with the media thread, watches its canvas's paints and taint, and
//! decides at each rendering update whether to append a `CaptureFrame` to
//! the batch of that paint:
//!
//! * `[[frameCaptureRequested]]` is set when the capture starts, by
//!   `requestFrame()`, and — with a positive `frameRequestRate` — by a
//!   periodic timer every `1 / rate` seconds;
//! * "each time the canvas is painted" with new content (it is dirty at the
//!   rendering update) and the flag is set, a frame is appended; then, if a
//!   rate was given (even 0), the flag is cleared;
//! * a paint without new content is no paint here: a canvas that is not
//!   dirty never reaches [`CanvasCapture::on_paint`], so no frame is taken;
//! * when the canvas loses origin-clean, capture stops for good and the
//!   owner is told (the track mutes).
//!
//! The periodic timer is evaluated lazily at paints ([`FrameRequestTimer`]):
//! it only ever sets a flag that a paint reads, so nothing needs to wake the
//! event loop, and a capture whose canvas does not change costs nothing.
//!
//! Pixels never pass through script: the canvas thread reads the bitmap
//! back once, in the same batch as the paint, and hands the frame to the
//! media thread directly.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::{Duration, Instant};

use base::units::ImageSize;
use base::{RequestId, SourceId};
use canvas_traits::command::CanvasCommand;
use media_traits::error::MediaError;
use media_traits::messages::MediaCommand;
use mozjs::context::JSContext;

use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
use crate::dom::canvas::rendering;

/// The `frameRequestRate` checks of `captureStream()`, in Chromium's order
/// (the rate first, then origin-clean; the spec does not order them):
/// a negative rate throws "NotSupportedError", a canvas that is not
/// origin-clean "SecurityError". (NaN and infinities never get here: the
/// WebIDL `double` conversion throws a TypeError.) `-0` is not negative.
pub fn check_capture_arguments(origin_clean: bool, rate: Option<f64>) -> Fallible<()> {
    if rate.is_some_and(|r| r < 0.0) {
        return Err(Error::NotSupported("frameRequestRate is negative".into()));
    }
    if !origin_clean {
        return Err(Error::Security("the canvas is not origin-clean".into()));
    }
    Ok(())
}

/// The periodic timer of a positive `frameRequestRate`: ticks at
/// `start + k / rate`; [`FrameRequestTimer::ticked`] says whether a tick
/// happened since the last call.
#[derive(Clone, Copy, Debug)]
pub struct FrameRequestTimer {
    period: Duration,
    /// `None` when the period is too long to represent (the timer never fires).
    next_tick: Option<Instant>,
}

impl FrameRequestTimer {
    /// A timer for `rate` frames per second (`rate > 0`), started at `start`.
    pub fn new(rate: f64, start: Instant) -> FrameRequestTimer {
        let period = Duration::try_from_secs_f64(1.0 / rate).unwrap_or(Duration::MAX);
        FrameRequestTimer { period, next_tick: start.checked_add(period) }
    }

    /// Whether the timer fired since the previous call (one or more ticks
    /// collapse into one: the flag is a boolean).
    pub fn ticked(&mut self, now: Instant) -> bool {
        let Some(next) = self.next_tick else { return false };
        if now < next {
            return false;
        }
        // Keep the phase: the next tick is the first one after `now`.
        let period = self.period.as_nanos().max(1);
        let periods = now.duration_since(next).as_nanos() / period + 1;
        let advance = period.saturating_mul(periods).min(u64::MAX as u128) as u64;
        self.next_tick = next.checked_add(Duration::from_nanos(advance));
        true
    }
}

/// The frame request state of one capture (pure logic, unit-tested).
#[derive(Clone, Debug)]
pub struct FrameRequests {
    /// `frameRequestRate`, if given.
    rate: Option<f64>,
    /// `[[frameCaptureRequested]]`.
    requested: bool,
    timer: Option<FrameRequestTimer>,
}

impl FrameRequests {
    /// "Set [[frameCaptureRequested]] to true" at creation; start the
    /// periodic timer for a positive rate.
    pub fn new(rate: Option<f64>, now: Instant) -> FrameRequests {
        let timer = rate.filter(|r| *r > 0.0).map(|r| FrameRequestTimer::new(r, now));
        FrameRequests { rate, requested: true, timer }
    }

    /// `requestFrame()`.
    pub fn request(&mut self) {
        self.requested = true;
    }

    pub fn rate(&self) -> Option<f64> {
        self.rate
    }

    /// The canvas was painted with new content at `now`: whether to capture
    /// a frame. Clears the flag after the paint when a rate was given.
    pub fn on_paint(&mut self, now: Instant) -> bool {
        if let Some(timer) = &mut self.timer
            && timer.ticked(now)
        {
            self.requested = true;
        }
        let capture = self.requested;
        if self.rate.is_some() {
            self.requested = false;
        }
        capture
    }
}

/// What the owner of a capture (the track) hears about.
pub trait CaptureClient {
    /// The canvas lost origin-clean: capture stopped; the track mutes.
    fn capture_tainted(&self, cx: &mut JSContext);
    /// The canvas's bitmap dimensions were set (synchronously, from the
    /// attribute change): settings follow the canvas.
    fn canvas_resized(&self, _size: ImageSize) {}
    /// The media thread could not create the source (a missing GStreamer
    /// plugin…): no frame will ever be delivered.
    fn capture_failed(&self, _cx: &mut JSContext, _error: MediaError) {}
}

/// One capturing source fed by a canvas.
pub struct CanvasCapture {
    source: SourceId,
    canvas: Trusted<HTMLCanvasElement>,
    requests: RefCell<FrameRequests>,
    /// Stopped by the track or by taint; no frame is ever captured again.
    stopped: Cell<bool>,
    /// Frames appended so far (for tests and benchmarks).
    frames: Cell<u64>,
    observer: Cell<Option<u64>>,
    taint_token: Cell<Option<u64>>,
    resize_token: Cell<Option<u64>>,
    /// The media source was released.
    ended: Cell<bool>,
    client: RefCell<Option<Weak<dyn CaptureClient>>>,
}

impl CanvasCapture {
    /// Starts capturing `canvas` (checked with [`check_capture_arguments`]):
    /// registers a canvas source with the media thread under a new id and
    /// watches the canvas. The source exists on the media thread before any
    /// frame reaches it (commands are handled in order), so nothing waits.
    pub fn start(cx: &mut JSContext, canvas: &HTMLCanvasElement, rate: Option<f64>) -> Rc<CanvasCapture> {
        let source = SourceId::next();
        let capture = Rc::new(CanvasCapture {
            source,
            canvas: Trusted::new(canvas),
            requests: RefCell::new(FrameRequests::new(rate, Instant::now())),
            stopped: Cell::new(false),
            frames: Cell::new(0),
            observer: Cell::new(None),
            taint_token: Cell::new(None),
            resize_token: Cell::new(None),
            ended: Cell::new(false),
            client: RefCell::new(None),
        });
        let request = RequestId::next();
        let weak = Rc::downgrade(&capture);
        crate::media_events::send_request(
            cx,
            request,
            MediaCommand::CreateCanvasSource { request, source, size: canvas.bitmap_size(), frame_rate: rate },
            move |cx, result| {
                if let Err(error) = result {
                    log::warn!("the media thread refused canvas source {source}: {error:?}");
                    // The tracks end (and detach the capture); frames sent
                    // meanwhile are dropped by the media thread.
                    if let Some(client) = weak.upgrade().and_then(|capture| capture.client()) {
                        client.capture_failed(cx, error);
                    }
                }
            },
        );
        // The first frame comes from the first paint with content; capturing
        // needs the bitmap to exist on the canvas thread.
        canvas.ensure_bitmap();
        let weak = Rc::downgrade(&capture);
        let paint = {
            let weak = weak.clone();
            Rc::new(move |_cx: &mut JSContext, canvas: &HTMLCanvasElement, now: Instant| {
                if let Some(capture) = weak.upgrade() {
                    capture.on_paint(canvas, now);
                }
            })
        };
        let taint = {
            let weak = weak.clone();
            Rc::new(move |cx: &mut JSContext, _canvas: &HTMLCanvasElement| {
                if let Some(capture) = weak.upgrade() {
                    capture.on_taint(cx);
                }
            })
        };
        let resize = Rc::new(move |_canvas: &HTMLCanvasElement, size: ImageSize| {
            if let Some(client) = weak.upgrade().and_then(|capture| capture.client()) {
                client.canvas_resized(size);
            }
        });
        let token = canvas.add_paint_observer(paint);
        let taint_token = canvas.add_taint_observer(taint);
        let resize_token = canvas.add_resize_observer(resize);
        capture.observer.set(Some(token));
        capture.taint_token.set(Some(taint_token));
        capture.resize_token.set(Some(resize_token));
        capture
    }

    pub fn source(&self) -> SourceId {
        self.source
    }

    /// Frames appended so far.
    pub fn frame_count(&self) -> u64 {
        self.frames.get()
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped.get()
    }

    /// `frameRequestRate`, if given.
    pub fn rate(&self) -> Option<f64> {
        self.requests.borrow().rate()
    }

    /// The canvas being captured, while it is alive.
    pub fn canvas(&self) -> Option<crate::dom::bindings::root::DomRoot<HTMLCanvasElement>> {
        self.canvas.root()
    }

    /// Sets who hears about taint.
    pub fn set_client(&self, client: Weak<dyn CaptureClient>) {
        *self.client.borrow_mut() = Some(client);
    }

    /// `requestFrame()`: the next paint with new content is captured.
    pub fn request_frame(&self) {
        self.requests.borrow_mut().request();
    }

    fn on_paint(&self, canvas: &HTMLCanvasElement, now: Instant) {
        if self.stopped.get() || !self.requests.borrow_mut().on_paint(now) {
            return;
        }
        self.frames.set(self.frames.get() + 1);
        rendering::push(CanvasCommand::CaptureFrame { canvas: canvas.canvas_id(), source: self.source });
    }

    fn client(&self) -> Option<Rc<dyn CaptureClient>> {
        self.client.borrow().as_ref().and_then(Weak::upgrade)
    }

    fn on_taint(&self, cx: &mut JSContext) {
        // "A captured stream MUST immediately cease to capture content if the
        // origin-clean flag of the source canvas becomes false … The captured
        // MediaStreamTrack MUST become muted."
        self.stop_capturing();
        if let Some(client) = self.client() {
            client.capture_tainted(cx);
        }
    }

    /// Stops taking frames and unhooks from the canvas (the media source
    /// stays until [`CanvasCapture::end`]).
    fn stop_capturing(&self) {
        if self.stopped.replace(true) {
            return;
        }
        if let Some(canvas) = self.canvas.root() {
            if let Some(token) = self.observer.take() {
                canvas.remove_observer(token);
            }
            if let Some(token) = self.taint_token.take() {
                canvas.remove_observer(token);
            }
        }
    }

    /// Ends the capture without releasing the media source (its owner, the
    /// tracks' `TrackSource`, does that): stop capturing, stop following the
    /// canvas's size and forget the source's clock on the canvas thread.
    pub fn detach(&self) -> bool {
        self.stop_capturing();
        if self.ended.replace(true) {
            return false;
        }
        if let (Some(canvas), Some(token)) = (self.canvas.root(), self.resize_token.take()) {
            canvas.remove_observer(token);
        }
        rendering::push(CanvasCommand::EndCapture { source: self.source });
        true
    }

    /// Ends the capture and releases the media source (a capture without
    /// tracks: the test hooks and benchmarks).
    pub fn end(&self, cx: &mut JSContext) {
        if !self.detach() {
            return;
        }
        let request = RequestId::next();
        crate::media_events::send_request(
            cx,
            request,
            MediaCommand::StopSource { request, source: self.source },
            |_, _| {},
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: Instant, ms: u64) -> Instant {
        start + Duration::from_millis(ms)
    }

    #[test]
    fn argument_checks() {
        assert!(matches!(check_capture_arguments(true, Some(-1.0)), Err(Error::NotSupported(_))));
        assert!(matches!(check_capture_arguments(false, Some(-1.0)), Err(Error::NotSupported(_))));
        assert!(matches!(check_capture_arguments(false, None), Err(Error::Security(_))));
        assert!(check_capture_arguments(true, Some(-0.0)).is_ok());
        assert!(check_capture_arguments(true, Some(0.0)).is_ok());
        assert!(check_capture_arguments(true, None).is_ok());
    }

    #[test]
    fn no_rate_captures_every_paint() {
        let start = Instant::now();
        let mut r = FrameRequests::new(None, start);
        assert!((0..100).all(|i| r.on_paint(at(start, i))));
    }

    #[test]
    fn rate_zero_captures_first_paint_and_requested_ones() {
        let start = Instant::now();
        let mut r = FrameRequests::new(Some(0.0), start);
        assert!(r.on_paint(at(start, 16)));
        assert!(!r.on_paint(at(start, 33)));
        assert!(!r.on_paint(at(start, 5000)));
        r.request();
        assert!(r.on_paint(at(start, 5016)));
        assert!(!r.on_paint(at(start, 5033)));
    }

    #[test]
    fn positive_rate_is_a_ceiling() {
        let start = Instant::now();
        let mut r = FrameRequests::new(Some(5.0), start);
        // 60 paints a second for 3 seconds: the first, then one per 200 ms tick.
        let frames = (1..=180).filter(|i| r.on_paint(at(start, i * 1000 / 60))).count();
        assert!((15..=16).contains(&frames), "{frames} frames");
        // No paint for a while: ticks collapse into one request.
        assert!(r.on_paint(at(start, 10_000)));
        assert!(!r.on_paint(at(start, 10_016)));
        // requestFrame() works with a rate too.
        r.request();
        assert!(r.on_paint(at(start, 10_033)));
    }

    #[test]
    fn timer_keeps_its_phase() {
        let start = Instant::now();
        let mut t = FrameRequestTimer::new(10.0, start);
        assert!(!t.ticked(at(start, 99)));
        assert!(t.ticked(at(start, 100)));
        assert!(!t.ticked(at(start, 150)));
        assert!(t.ticked(at(start, 450)));
        assert!(!t.ticked(at(start, 499)));
        assert!(t.ticked(at(start, 500)));
        let mut fast = FrameRequestTimer::new(1e12, start);
        assert!(fast.ticked(at(start, 1)));
        assert!(!fast.ticked(at(start, 1)));
        assert!(fast.ticked(at(start, 2)));
        let mut slow = FrameRequestTimer::new(1e-300, start);
        assert!(!slow.ticked(at(start, 1_000_000)));
    }
}

//! `HTMLCanvasElement.captureStream()` and `CanvasCaptureMediaStreamTrack`
//! (<https://w3c.github.io/mediacapture-fromelement/#canvascapture>).
//!
//! The track is a `MediaStreamTrack` on a [`TrackSource`] of origin
//! [`SourceOrigin::Canvas`], wrapping the frame model of `canvascapture.rs`
//! ([`CanvasCapture`]). It is returned synchronously: the Media thread
//! creates the source from the same command stream before any frame reaches
//! it, and script already knows the settings (the canvas's size, the rate),
//! so nothing waits for its reply.
//!
//! A track and its clones share one capture ([`SharedCapture`]): one
//! `[[frameCaptureRequested]]` flag, one frame per paint. The capture ends
//! (no more frames, the canvas thread forgets the source's clock) when the
//! last of them ends; the `TrackSource` then releases the Media thread's
//! source. While any of them is live the track is rooted by its source and
//! holds its canvas, so a capturing canvas is never collected.

use std::cell::Cell;
use std::rc::{Rc, Weak};

use base::units::ImageSize;
use dom_struct::dom_struct;
use media_traits::canvas::canvas_track_state;
use media_traits::error::MediaError;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CanvasCaptureMediaStreamTrackBinding::CanvasCaptureMediaStreamTrackMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::canvas::canvascapture::{CanvasCapture, CaptureClient};
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::mediacapture::mediastream::MediaStream;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
use crate::dom::mediacapture::tracksource::{SourceOrigin, TrackKind, TrackSource};

/// What a capture track and its clones share.
pub struct SharedCapture {
    capture: Rc<CanvasCapture>,
    source: Rc<TrackSource>,
    /// Live tracks on the capture; it is detached when this drops to 0.
    live: Cell<usize>,
}

impl SharedCapture {
    pub fn capture(&self) -> &Rc<CanvasCapture> {
        &self.capture
    }

    fn track_ended(&self) {
        let live = self.live.get().saturating_sub(1);
        self.live.set(live);
        if live == 0 {
            self.capture.detach();
        }
    }
}

impl CaptureClient for SharedCapture {
    /// "The captured MediaStreamTrack MUST become muted, producing no new
    /// content while the canvas remains in this state" (it never becomes
    /// origin-clean again).
    /// Muting is a task, as for any source the User Agent mutes
    /// (<https://w3c.github.io/mediacapture-main/#set-track-muted>): the
    /// `mute` events do not fire inside the `drawImage()` that tainted.
    fn capture_tainted(&self, _cx: &mut JSContext) {
        let source = self.source.clone();
        crate::script_thread::queue_task(Box::new(move |cx| source.set_muted(cx, true)));
    }

    /// The settings follow the canvas at once (WPT
    /// `HTMLCanvasElement-captureStream-settings.tentative.html`).
    fn canvas_resized(&self, size: ImageSize) {
        self.source.update_state(&canvas_track_state(self.source.id(), size, self.capture.rate()));
    }

    /// No source on the Media thread: the tracks end as a failed device's do.
    fn capture_failed(&self, cx: &mut JSContext, error: MediaError) {
        self.source.end_by_source(cx, error.message());
    }
}

#[dom_struct]
pub struct CanvasCaptureMediaStreamTrack {
    track: MediaStreamTrack,
    canvas: Dom<HTMLCanvasElement>,
    #[no_trace]
    shared: Rc<SharedCapture>,
}

impl CanvasCaptureMediaStreamTrack {
    /// `captureStream(frameRequestRate)` once its argument checks passed: a
    /// new MediaStream with one new track capturing `canvas`.
    pub fn capture_stream(cx: &mut JSContext, canvas: &HTMLCanvasElement, rate: Option<f64>) -> DomRoot<MediaStream> {
        let window = canvas.global();
        // "The value of the frameCaptureRequested property on all new tracks is set
        // to true when the track is created"; a positive rate starts the periodic
        // timer (both in CanvasCapture::start).
        let capture = CanvasCapture::start(cx, canvas, rate);
        // The track's state before the Media thread answers is the one it will
        // keep: "a single video CanvasCaptureMediaStreamTrack that matches the
        // dimensions of the canvas element".
        let state = canvas_track_state(capture.source(), canvas.bitmap_size(), rate);
        let source =
            TrackSource::new(capture.source(), TrackKind::Video, SourceOrigin::Canvas, String::new(), &state, false);
        let shared = Rc::new(SharedCapture { capture: capture.clone(), source: source.clone(), live: Cell::new(0) });
        let client: Weak<dyn CaptureClient> = Rc::downgrade(&(shared.clone() as Rc<dyn CaptureClient>));
        capture.set_client(client);
        let track = CanvasCaptureMediaStreamTrack::new(
            cx,
            &window,
            canvas,
            MediaStreamTrack::new_inherited(source, Default::default()),
            shared,
        );
        MediaStream::new(cx, &window, &[track.upcast::<MediaStreamTrack>()])
    }

    fn new(
        cx: &mut JSContext,
        window: &Window,
        canvas: &HTMLCanvasElement,
        track: MediaStreamTrack,
        shared: Rc<SharedCapture>,
    ) -> DomRoot<CanvasCaptureMediaStreamTrack> {
        let track = reflect_dom_object(
            cx,
            Box::new(CanvasCaptureMediaStreamTrack { track, canvas: Dom::from_ref(canvas), shared: shared.clone() }),
            window,
        );
        let inner = track.upcast::<MediaStreamTrack>();
        inner.attach();
        inner.set_clone_hook(clone_track);
        let counted = shared.clone();
        if inner.add_end_observer(Box::new(move |_cx| counted.track_ended())) {
            shared.live.set(shared.live.get() + 1);
        }
        track
    }

    /// The canvas this track captures.
    pub fn canvas(&self) -> DomRoot<HTMLCanvasElement> {
        self.canvas.as_rooted()
    }

    /// The capture this track shares with its clones.
    pub fn shared(&self) -> &Rc<SharedCapture> {
        &self.shared
    }
}

/// `clone()` of a capture track: a `CanvasCaptureMediaStreamTrack` of the
/// same canvas sharing the capture (as Chromium's clones share the canvas
/// listener), with the state "clone a track" copies.
fn clone_track(cx: &mut JSContext, track: &MediaStreamTrack) -> DomRoot<MediaStreamTrack> {
    let this = track.downcast::<CanvasCaptureMediaStreamTrack>().expect("the clone hook is only set on capture tracks");
    let clone = CanvasCaptureMediaStreamTrack::new(
        cx,
        &track.global(),
        &this.canvas,
        track.clone_inherited(),
        this.shared.clone(),
    );
    DomRoot::upcast(clone)
}

impl CanvasCaptureMediaStreamTrackMethods for CanvasCaptureMediaStreamTrack {
    /// <https://w3c.github.io/mediacapture-fromelement/#dom-canvascapturemediastreamtrack-canvas>
    fn Canvas(&self, _cx: &mut JSContext) -> DomRoot<HTMLCanvasElement> {
        // "The HTMLCanvasElement element being captured."
        self.canvas.as_rooted()
    }

    /// <https://w3c.github.io/mediacapture-fromelement/#dom-canvascapturemediastreamtrack-requestframe>
    fn RequestFrame(&self, _cx: &mut JSContext) {
        // "This method allows applications to manually request that a frame from
        // the canvas be captured and rendered into the track": it sets
        // [[frameCaptureRequested]]; the next paint with new content is captured.
        // An ended track requests nothing (its clones may still be capturing).
        // No error for a canvas that is not origin-clean: its capture has stopped.
        if self.upcast::<MediaStreamTrack>().is_live() {
            self.shared.capture.request_frame();
        }
    }
}

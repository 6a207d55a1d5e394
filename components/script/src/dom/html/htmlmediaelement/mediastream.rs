//! The media element playing a `MediaStream` (`srcObject`)
//! (<https://w3c.github.io/mediacapture-main/#mediastreams-in-media-elements>).
//!
//! A stream cannot be preloaded, buffered or sought. Its timeline starts at 0 when it is
//! loaded and advances with the real-time clock only while the element is potentially
//! playing (so not before the first frame, not while paused, not after the end). A video
//! element's playback ends when its stream goes from active to inactive, an audio element's
//! when its stream goes from audible to inaudible (tracks ending or leaving the track set);
//! the duration then changes from +Infinity to the position reached.

use std::rc::Rc;
use std::time::Instant;

use media_traits::messages::{MediaCommand, MediaEvent, SinkId};
use media_traits::slot::FrameSlot;
use mozjs::context::JSContext;

use super::{HAVE_ENOUGH_DATA, HAVE_METADATA, HTMLMediaElement, Sink};
use crate::dom::bindings::error::Error;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::Dom;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::element::Element;
use crate::dom::mediacapture::mediastream::MediaStream;
use crate::dom::mediacapture::tracksource::TrackKind;
use crate::media_events;
use base::RequestId;

/// The official playback position read while a stream plays holds until the next stable
/// state: this microtask lets the next read take the clock again.
struct StableState {
    element: Trusted<HTMLMediaElement>,
}

// SAFETY: `Trusted` keeps the element alive through the script thread's trusted-root list,
// which the runtime traces; there is nothing else to trace.
unsafe impl JSTraceable for StableState {
    unsafe fn trace(&self, _trc: *mut mozjs::jsapi::JSTracer) {}
}

impl crate::script_runtime::Microtask for StableState {
    fn run(&self, _cx: &mut JSContext) {
        if let Some(element) = self.element.root() {
            element.official_position.set(None);
        }
    }
}

/// The rest of the resource selection algorithm in mode object, after its "await a stable
/// state" (the page's script that assigned `srcObject` has run to its end).
struct ContinueSelection {
    element: Trusted<HTMLMediaElement>,
    generation: u64,
}

// SAFETY: as for `StableState`.
unsafe impl JSTraceable for ContinueSelection {
    unsafe fn trace(&self, _trc: *mut mozjs::jsapi::JSTracer) {}
}

impl crate::script_runtime::Microtask for ContinueSelection {
    fn run(&self, cx: &mut JSContext) {
        let Some(element) = self.element.root() else { return };
        // A later load aborted this run of the algorithm.
        if element.generation.get() != self.generation {
            return;
        }
        let Some(stream) = element.src_object.get() else { return };
        // 8. Set networkState to NETWORK_LOADING; queue a media element task to fire
        //    "loadstart".
        element.network_state.set(super::NETWORK_LOADING);
        element.queue_fire("loadstart");
        // 9. Mode object: the assigned media provider object is the media resource.
        element.load_stream(cx, &stream);
    }
}

impl HTMLMediaElement {
    /// Resource selection, mode object: the steps after "await a stable state" run as a
    /// microtask, so networkState stays NETWORK_NO_SOURCE until the assigning script ends.
    pub(super) fn select_stream(&self, cx: &mut JSContext) {
        let task = ContinueSelection { element: Trusted::new(self), generation: self.generation.get() };
        crate::script_runtime::enqueue_microtask(cx, Box::new(task));
    }

    /// Whether this is an audio element (whose playback follows the stream's audio only).
    fn is_audio_element(&self) -> bool {
        self.upcast::<Element>().local_name() == "audio"
    }

    /// What keeps the element's playback going: a video element's stream is active (has a
    /// live track), an audio element's is audible (has a live audio track).
    fn stream_has_media(&self, stream: &MediaStream) -> bool {
        if self.is_audio_element() {
            stream.tracks().iter().any(|t| t.kind() == TrackKind::Audio && t.is_live())
        } else {
            stream.is_active()
        }
    }

    /// Loads the MediaStream: a video element shows the first live video track, whose first
    /// frame is the metadata; an audio element, or a stream without live video, has its
    /// metadata at once (a live stream has no size to wait for).
    pub(super) fn load_stream(&self, cx: &mut JSContext, stream: &MediaStream) {
        let generation = self.generation.get();
        self.stream_had_media.set(self.stream_has_media(stream));
        self.watch_stream(stream, generation);
        let track = if self.is_audio_element() {
            None
        } else {
            stream.tracks().into_iter().find(|t| t.kind() == TrackKind::Video && t.is_live())
        };
        let Some(track) = track else {
            if stream.is_active() {
                self.queue_media_task(move |_, e| {
                    if e.generation.get() == generation {
                        e.stream_metadata_known(None, generation);
                    }
                });
            }
            return;
        };
        self.video_track.set(Some(&track));
        let sink = SinkId::next();
        let slot = FrameSlot::new();
        *self.sink.borrow_mut() = Some(Sink { id: sink, slot: slot.clone() });
        // The page is waiting for the video to start: keep the event loop alive until it does.
        self.awaiting_first_frame.set(true);
        crate::script_thread::request_started();
        let this = Trusted::new(self);
        media_events::listen_sink(sink, move |cx, event| {
            if let Some(e) = this.root() {
                e.sink_event(cx, event, generation);
            }
        });
        let request = RequestId::next();
        let command = MediaCommand::AttachSink { request, source: track.source().id(), sink, slot };
        let this = Trusted::new(self);
        media_events::send_request(cx, request, command, move |_, result| {
            if let Err(e) = result {
                // The source ended meanwhile; its tracks end and the element with them.
                log::debug!("video sink {sink:?} not attached: {e}");
                if let Some(element) = this.root().filter(|e| e.generation.get() == generation) {
                    element.first_frame_settled();
                }
            }
        });
    }

    fn sink_event(&self, _cx: &mut JSContext, event: &MediaEvent, generation: u64) {
        if generation != self.generation.get() {
            return;
        }
        match event {
            MediaEvent::SinkFirstFrame { size, .. } => {
                self.first_frame_settled();
                self.stream_metadata_known(Some((size.width, size.height)), generation);
            }
            MediaEvent::SinkResized { size, .. } => {
                // Whenever the intrinsic size changes, fire "resize".
                self.video_size.set((size.width, size.height));
                crate::dom::layout::cache::invalidate_node_layout(self.upcast());
                self.queue_fire("resize");
            }
            _ => {}
        }
    }

    /// The stream's metadata is known: the duration is +Infinity (a live stream) and, for
    /// video, the intrinsic size. Fire "durationchange" (and "resize"), set readyState to
    /// HAVE_METADATA ("loadedmetadata"). networkState stays NETWORK_LOADING: a live stream is
    /// never completely fetched, so there is no "suspend".
    fn stream_metadata_known(&self, size: Option<(u32, u32)>, generation: u64) {
        self.queue_fire("durationchange");
        if let Some(size) = size {
            self.video_size.set(size);
            self.queue_fire("resize");
        }
        self.ready_state.set(HAVE_METADATA);
        crate::dom::layout::cache::invalidate_node_layout(self.upcast());
        self.queue_fire("loadedmetadata");
        // The stream is not buffered: the current data is there and more keeps coming, so the
        // next task reaches HAVE_ENOUGH_DATA.
        self.queue_media_task(move |_, e| {
            if e.generation.get() == generation && e.ready_state.get() == HAVE_METADATA {
                e.set_ready_state(HAVE_ENOUGH_DATA);
            }
        });
    }

    /// Listens for changes that can end playback: tracks added to or removed from the track
    /// set, and each track ending.
    fn watch_stream(&self, stream: &MediaStream, generation: u64) {
        let this = Trusted::new(self);
        let observer: Rc<dyn Fn()> = Rc::new(move || {
            if let Some(e) = this.root() {
                e.stream_changed(generation);
            }
        });
        self.track_set_token.set(Some(stream.observe_track_set(observer)));
        self.watched_stream.set(Some(stream));
        self.watch_tracks(stream, generation);
    }

    /// Adds an end observer to each track of the stream not watched yet.
    fn watch_tracks(&self, stream: &MediaStream, generation: u64) {
        for track in stream.tracks() {
            if self.watched_tracks.borrow().iter().any(|w| std::ptr::eq(&**w, &*track)) {
                continue;
            }
            self.watched_tracks.borrow_mut().push(Dom::from_ref(&*track));
            let this = Trusted::new(self);
            track.add_end_observer(Box::new(move |_| {
                if let Some(e) = this.root().filter(|e| e.generation.get() == generation) {
                    // The source's frames go when its tracks end: keep the last one shown.
                    if let Some(frame) = e.sink.borrow().as_ref().and_then(|s| s.slot.latest()) {
                        *e.last_stream_frame.borrow_mut() = Some(frame);
                    }
                    e.stream_changed(generation);
                }
            }));
        }
    }

    /// Stops listening to the previous stream (a new load).
    pub(super) fn unwatch_stream(&self) {
        if let (Some(stream), Some(token)) = (self.watched_stream.get(), self.track_set_token.take()) {
            stream.unobserve_track_set(token);
        }
        self.watched_stream.set(None);
        self.watched_tracks.borrow_mut().clear();
    }

    /// A track ended or the track set changed. The stream's new state is looked at in a media
    /// element task: the `ended` attribute "starts returning true once the event loop returns
    /// to step 1", never during the script that stopped or removed the track.
    fn stream_changed(&self, generation: u64) {
        if generation == self.generation.get() {
            self.queue_media_task(move |cx, e| e.check_stream_ended(cx, generation));
        }
    }

    /// <https://w3c.github.io/mediacapture-main/#mediastreams-in-media-elements>: a video
    /// element "has ended video playback" when its readyState is HAVE_METADATA or more and the
    /// stream is inactive after having been active; an audio element, when the stream is
    /// inaudible after having been audible.
    fn check_stream_ended(&self, cx: &mut JSContext, generation: u64) {
        if generation != self.generation.get() || self.ended.get() {
            return;
        }
        let Some(stream) = self.src_object.get() else { return };
        // Tracks added meanwhile can end playback too.
        self.watch_tracks(&stream, generation);
        if self.stream_has_media(&stream) {
            self.stream_had_media.set(true);
            return;
        }
        if self.ready_state.get() < HAVE_METADATA {
            // No metadata yet, so playback cannot end; a video track that ended before its
            // first frame will show nothing, so stop waiting for it.
            if self.video_track.get().is_some_and(|t| !t.is_live()) {
                self.stop_resource();
            }
            return;
        }
        if self.stream_had_media.get() {
            self.stream_playback_ended(cx);
        }
    }

    /// Playback of the stream has ended.
    fn stream_playback_ended(&self, cx: &mut JSContext) {
        // Keep showing the last frame; the sink stops.
        let last = self.sink.borrow().as_ref().and_then(|s| s.slot.latest());
        *self.paused_frame.borrow_mut() = last.or_else(|| self.last_stream_frame.take());
        self.stop_resource();
        self.ended.set(true);
        self.sync_stream_clock();
        // Nothing the stream does later restarts playback: stop observing its track set (the
        // observer roots the element).
        self.unwatch_stream();
        // HTML: when an "infinite" stream ends, the duration changes from +Infinity to the
        // position of its last frame or sample, and "durationchange" fires.
        self.stream_duration.set(self.stream_position.get());
        self.fire(cx, "durationchange");
        // HTML's steps for reaching the end (loop has no effect: a stream cannot be sought):
        // fire "timeupdate"; if paused is false, set it to true, fire "pause" and reject the
        // pending play promises with "AbortError"; fire "ended".
        self.fire(cx, "timeupdate");
        if !self.paused.replace(true) {
            self.fire(cx, "pause");
            for p in self.take_pending_play_promises() {
                p.reject_error(cx, Error::Abort("The play() request was interrupted by the end of playback.".into()));
            }
        }
        self.fire(cx, "ended");
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#potentially-playing>: not paused,
    /// not ended and not blocked (readyState HAVE_FUTURE_DATA or more).
    pub(super) fn potentially_playing(&self) -> bool {
        !self.paused.get() && !self.ended.get() && self.ready_state.get() >= super::HAVE_FUTURE_DATA
    }

    /// Starts or stops the stream's timeline: it "increments linearly in real time as long as
    /// the media element is potentially playing". Called after each change of paused, ended
    /// or readyState.
    pub(super) fn sync_stream_clock(&self) {
        let running = self.stream_clock_since.get();
        let should_run = self.src_object.get().is_some() && self.potentially_playing();
        match running {
            None if should_run => self.stream_clock_since.set(Some(Instant::now())),
            Some(since) if !should_run => {
                // The official playback position is set to the current one.
                self.stream_position.set(self.stream_position.get() + since.elapsed().as_secs_f64());
                self.stream_clock_since.set(None);
                self.official_position.set(None);
            }
            _ => {}
        }
    }

    /// The stream's current playback position, in seconds.
    pub(super) fn stream_time(&self) -> f64 {
        let since = self.stream_clock_since.get();
        self.stream_position.get() + since.map_or(0.0, |s| s.elapsed().as_secs_f64())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#official-playback-position> of a
    /// stream: the current position, taken at the first read after a stable state and kept
    /// until the next one (so a script reading it twice sees one value).
    pub(super) fn official_stream_time(&self, cx: &mut JSContext) -> f64 {
        if self.stream_clock_since.get().is_none() {
            return self.stream_position.get();
        }
        if let Some(position) = self.official_position.get() {
            return position;
        }
        let position = self.stream_time();
        self.official_position.set(Some(position));
        crate::script_runtime::enqueue_microtask(cx, Box::new(StableState { element: Trusted::new(self) }));
        position
    }

    /// Resets the stream's timeline (a new load).
    pub(super) fn reset_stream_timeline(&self) {
        self.stream_position.set(0.0);
        self.stream_clock_since.set(None);
        self.official_position.set(None);
        self.stream_duration.set(f64::INFINITY);
        self.stream_had_media.set(false);
        *self.last_stream_frame.borrow_mut() = None;
    }
}

//! `HTMLMediaElement` (<https://html.spec.whatwg.org/multipage/media.html#htmlmediaelement>)
//! playing a `MediaStream` (<https://w3c.github.io/mediacapture-main/#mediastreams-in-media-elements>).
//!
//! The element's media resource is its `srcObject` (`mediastream` below). Its selected
//! video track is the stream's first live video track; a sink on the Media thread keeps a
//! [`FrameSlot`] filled with that track's latest frame (no per-frame message
//! reaches script), and [`HTMLMediaElement::current_frame`] is what the
//! element shows now (what `drawImage(video)` and `createImageBitmap(video)`
//! read). The ready state follows the sink: the first frame brings it from
//! HAVE_NOTHING to HAVE_ENOUGH_DATA (a live stream has no buffering), firing
//! the HTML events in order, and `autoplay` starts playback then. While a stream is the
//! provider, the attributes behave as the Media Capture table says (preload "none",
//! nothing buffered or seekable, playback rates 1, a timeline from 0 that only advances
//! while potentially playing, one played range).
//!
//! A `src` is a media file (`mediafile` below): fetched like an image (`file:`, `http:`,
//! `data:`, `blob:`), decoded on the Media thread as a canvas-like source whose frames fill the
//! same kind of slot; the element keeps HTML's state machine (metadata, ready states, play,
//! pause, seeking, the end, loop, errors) and `captureStream()` gives tracks on that source.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use base::{FrameBytes, RequestId, SourceId, VideoFrame};
use dom_struct::dom_struct;
use media_traits::messages::{MediaCommand, SinkId};
use media_traits::playback::PlaybackPosition;
use media_traits::slot::FrameSlot;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::Enums::CanPlayTypeResult;
use crate::dom::bindings::codegen::HTMLMediaElementBinding::HTMLMediaElementMethods;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::dom::virtualmethods::TreeHooks;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::timeranges::TimeRanges;
use crate::dom::mediacapture::mediastream::MediaStream;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
use crate::media_events;
use crate::script_thread::queue_task;

mod mediafile;
mod mediastream;
pub mod texttracks;

use mediafile::{MEDIA_ERR_SRC_NOT_SUPPORTED, can_play_type};

pub const NETWORK_EMPTY: u16 = 0;
pub const NETWORK_IDLE: u16 = 1;
pub const NETWORK_LOADING: u16 = 2;
pub const NETWORK_NO_SOURCE: u16 = 3;
pub const HAVE_NOTHING: u16 = 0;
pub const HAVE_METADATA: u16 = 1;
pub const HAVE_CURRENT_DATA: u16 = 2;
pub const HAVE_FUTURE_DATA: u16 = 3;
pub const HAVE_ENOUGH_DATA: u16 = 4;
/// The playback rates a media file plays at, besides 0 (as Chromium's).
const MIN_PLAYBACK_RATE: f64 = 1.0 / 16.0;
const MAX_PLAYBACK_RATE: f64 = 16.0;

fn supported_playback_rate(rate: f64) -> bool {
    rate == 0.0 || (MIN_PLAYBACK_RATE..=MAX_PLAYBACK_RATE).contains(&rate)
}

/// A media file being played (`src`).
struct MediaFile {
    source: SourceId,
    position: PlaybackPosition,
    /// In seconds; +Infinity when the container does not say.
    duration: f64,
    has_video: bool,
    has_audio: bool,
    listener: u64,
    /// Playback advanced since the last seek or load: the position comes from the decoder.
    advanced: bool,
    /// Whether the resource is CORS-same-origin (else captured tracks carry nothing).
    origin_clean: bool,
    /// The Media thread was last told to play it (and it has not ended since).
    play_requested: bool,
    /// Held while the file plays towards its end (not looping, rate not 0): the page is not
    /// idle until playback ends or pauses, so its `timeupdate` and `ended` events reach it.
    playing: Option<crate::script_thread::LoopKeepAlive>,
}

/// The Media thread sink feeding the element.
struct Sink {
    id: SinkId,
    slot: FrameSlot,
}

#[dom_struct]
pub struct HTMLMediaElement {
    htmlelement: HTMLElement,
    /// The assigned media provider object.
    src_object: MutNullableDom<MediaStream>,
    /// The stream's video track whose frames the element shows.
    video_track: MutNullableDom<MediaStreamTrack>,
    #[no_trace]
    network_state: Cell<u16>,
    #[no_trace]
    ready_state: Cell<u16>,
    #[no_trace]
    paused: Cell<bool>,
    /// "Ended playback": the stream became inactive.
    #[no_trace]
    ended: Cell<bool>,
    #[no_trace]
    can_autoplay: Cell<bool>,
    /// `loadeddata` fired since the last load.
    #[no_trace]
    loaded_data_fired: Cell<bool>,
    /// The error is MEDIA_ERR_SRC_NOT_SUPPORTED (a `src` Aperture cannot play).
    #[no_trace]
    src_not_supported: Cell<bool>,
    /// Resource selection in mode children tried every `<source>` child and waits for another
    /// to be inserted ("waiting" in the resource selection algorithm).
    #[no_trace]
    waiting_for_source: Cell<bool>,
    /// The document whose load event the element delays (its "delaying-the-load-event flag"),
    /// from the resource selection of a media file until its first frame or its failure.
    delayed_document: MutNullableDom<Document>,
    /// The list of pending play promises (persistently rooted).
    #[no_trace]
    pending_play_promises: RefCell<Vec<Rc<Promise>>>,
    #[no_trace]
    sink: RefCell<Option<Sink>>,
    /// The video's intrinsic size, once known.
    #[no_trace]
    video_size: Cell<(u32, u32)>,
    /// Bumped by each load, so events of an earlier resource are ignored.
    #[no_trace]
    generation: Cell<u64>,
    /// The sink waits for its first frame; the event loop stays alive meanwhile.
    #[no_trace]
    awaiting_first_frame: Cell<bool>,
    /// The frame shown while paused.
    #[no_trace]
    paused_frame: RefCell<Option<VideoFrame>>,
    /// A black frame of the video's size, shown for a disabled track.
    #[no_trace]
    black_frame: RefCell<Option<VideoFrame>>,
    /// The media file of `src`, once opened.
    #[no_trace]
    file: RefCell<Option<MediaFile>>,
    /// The error's code (`MediaError`), 0 for none.
    #[no_trace]
    error_code: Cell<u16>,
    #[no_trace]
    error_message: RefCell<String>,
    #[no_trace]
    seeking: Cell<bool>,
    /// A seek asked while another runs: done when that one settles.
    #[no_trace]
    queued_seek: Cell<Option<f64>>,
    /// The official playback position while it does not come from the decoder (before
    /// playback, at a seek target, at the end), in seconds.
    #[no_trace]
    default_position: Cell<f64>,
    #[no_trace]
    volume: Cell<f64>,
    #[no_trace]
    muted: Cell<bool>,
    #[no_trace]
    current_src: RefCell<String>,
    /// Media element tasks held back while a load's `loadstart` waits for its timer
    /// (`hold_media_tasks`); `None` when tasks are queued at once.
    #[no_trace]
    held_tasks: RefCell<Option<Vec<crate::script_thread::LocalTask>>>,
    /// Streams made by captureStream(), fed with the tracks of each resource.
    captured: RefCell<Vec<Dom<MediaStream>>>,
    /// The tracks given to those streams for the current resource.
    captured_tracks: RefCell<Vec<Dom<MediaStreamTrack>>>,
    /// The ranges played so far, and where the current stretch began.
    #[no_trace]
    played: RefCell<Vec<(f64, f64)>>,
    #[no_trace]
    played_from: Cell<Option<f64>>,
    /// When a playing MediaStream last fired `timeupdate` ("time marches on").
    #[no_trace]
    last_time_update: Cell<Option<std::time::Instant>>,
    /// The values of `defaultPlaybackRate` and `playbackRate` (a media file plays at the
    /// latter; a MediaStream at 1).
    #[no_trace]
    default_playback_rate: Cell<f64>,
    #[no_trace]
    playback_rate: Cell<f64>,
    /// A MediaStream's position on its timeline where the clock last stopped, in seconds.
    #[no_trace]
    stream_position: Cell<f64>,
    /// When the stream's clock started, while the element is potentially playing.
    #[no_trace]
    stream_clock_since: Cell<Option<std::time::Instant>>,
    /// The official playback position of a playing stream until the next stable state.
    #[no_trace]
    official_position: Cell<Option<f64>>,
    /// A stream's duration once its metadata is known: +Infinity, then the position at the end.
    #[no_trace]
    stream_duration: Cell<f64>,
    /// The stream was active (video) or audible (audio) since the load: becoming inactive or
    /// inaudible now ends playback.
    #[no_trace]
    stream_had_media: Cell<bool>,
    /// The stream whose track set the element observes, the observer's token, and the tracks
    /// whose end it observes.
    watched_stream: MutNullableDom<MediaStream>,
    #[no_trace]
    track_set_token: Cell<Option<u64>>,
    watched_tracks: RefCell<Vec<Dom<MediaStreamTrack>>>,
    /// The shown track's last frame, kept when a track ends (its source's frames go with it).
    #[no_trace]
    last_stream_frame: RefCell<Option<VideoFrame>>,
    /// The list of text tracks (`textTracks`), made when first needed.
    text_tracks: MutNullableDom<crate::dom::texttracks::texttracklist::TextTrackList>,
    /// The show poster flag: set by the load algorithm, unset by playing or seeking; while
    /// set, changes to the text tracks do not run time marches on.
    #[no_trace]
    show_poster: Cell<bool>,
    /// The pending text track change notification flag.
    #[no_trace]
    pending_text_track_change: Cell<bool>,
    /// The did-perform-automatic-track-selection flag.
    #[no_trace]
    did_automatic_track_selection: Cell<bool>,
    /// The current playback position when time marches on last ran for the cues.
    #[no_trace]
    last_cue_time: Cell<Option<f64>>,
}

impl HTMLMediaElement {
    pub fn new_inherited(local_name: &str, document: &Document) -> HTMLMediaElement {
        HTMLMediaElement {
            htmlelement: HTMLElement::new_inherited(local_name, document),
            src_object: Default::default(),
            video_track: Default::default(),
            network_state: Cell::new(NETWORK_EMPTY),
            ready_state: Cell::new(HAVE_NOTHING),
            paused: Cell::new(true),
            ended: Cell::new(false),
            can_autoplay: Cell::new(true),
            loaded_data_fired: Cell::new(false),
            src_not_supported: Cell::new(false),
            waiting_for_source: Cell::new(false),
            delayed_document: Default::default(),
            pending_play_promises: RefCell::new(Vec::new()),
            sink: RefCell::new(None),
            video_size: Cell::new((0, 0)),
            generation: Cell::new(0),
            awaiting_first_frame: Cell::new(false),
            paused_frame: RefCell::new(None),
            black_frame: RefCell::new(None),
            file: RefCell::new(None),
            error_code: Cell::new(0),
            error_message: RefCell::new(String::new()),
            seeking: Cell::new(false),
            queued_seek: Cell::new(None),
            default_position: Cell::new(0.0),
            volume: Cell::new(1.0),
            muted: Cell::new(false),
            current_src: RefCell::new(String::new()),
            held_tasks: RefCell::new(None),
            captured: RefCell::new(Vec::new()),
            captured_tracks: RefCell::new(Vec::new()),
            played: RefCell::new(Vec::new()),
            played_from: Cell::new(None),
            last_time_update: Cell::new(None),
            default_playback_rate: Cell::new(1.0),
            playback_rate: Cell::new(1.0),
            stream_position: Cell::new(0.0),
            stream_clock_since: Cell::new(None),
            official_position: Cell::new(None),
            stream_duration: Cell::new(f64::INFINITY),
            stream_had_media: Cell::new(false),
            watched_stream: Default::default(),
            track_set_token: Cell::new(None),
            watched_tracks: RefCell::new(Vec::new()),
            last_stream_frame: RefCell::new(None),
            text_tracks: Default::default(),
            show_poster: Cell::new(true),
            pending_text_track_change: Cell::new(false),
            did_automatic_track_selection: Cell::new(false),
            last_cue_time: Cell::new(None),
        }
    }

    pub fn ready_state(&self) -> u16 {
        self.ready_state.get()
    }

    /// The video's intrinsic width and height (0×0 before the first frame).
    pub fn video_size(&self) -> (u32, u32) {
        if self.ready_state.get() == HAVE_NOTHING { (0, 0) } else { self.video_size.get() }
    }

    /// The frame the element shows now: `None` before the ready state reaches
    /// HAVE_CURRENT_DATA; the frame at the pause while paused; black frames for
    /// a disabled track (<https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-enabled>).
    /// Pixels are shared with the Media thread, not copied.
    pub fn current_frame(&self) -> Option<VideoFrame> {
        if self.ready_state.get() < HAVE_CURRENT_DATA {
            return None;
        }
        let frame = match self.paused_frame.borrow().clone() {
            Some(f) if self.paused.get() => Some(f),
            _ => self.sink.borrow().as_ref().and_then(|s| s.slot.latest()),
        }?;
        if self.video_track.get().is_some_and(|t| !t.is_enabled()) {
            return Some(self.black(&frame));
        }
        Some(frame)
    }

    /// How many frames the element's frame slot has received (`None` without a sink): a video
    /// presents a new frame when this grows while it plays (video frame callbacks).
    pub fn presented_generation(&self) -> Option<u64> {
        self.sink.borrow().as_ref().map(|s| s.slot.generation())
    }

    pub fn is_paused(&self) -> bool {
        self.paused.get()
    }

    /// Whether a MediaStream plays now (the element is potentially playing): its playback
    /// position advances with the clock.
    pub fn is_playing_stream(&self) -> bool {
        self.src_object.get().is_some() && self.potentially_playing()
    }

    /// Whether a page listens for `timeupdate` on a playing MediaStream, or the element has cues
    /// to follow (rendering updates keep coming for it, as for a video frame callback).
    pub fn wants_time_updates(&self) -> bool {
        self.is_playing_stream()
            && (self.upcast::<crate::dom::dom::eventtarget::EventTarget>().has_listeners_for("timeupdate")
                || self.has_live_text_tracks())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#time-marches-on> for a playing
    /// MediaStream, at a rendering update: "If the time was reached through the usual
    /// monotonic increase of the current playback position during normal playback, and if the
    /// user agent has not fired a timeupdate event at the element in the past 15 to 250ms …
    /// then the user agent must queue a media element task … to fire an event named
    /// timeupdate at the element." (every 250 ms, as Chromium). Returns whether it still plays.
    pub fn time_marches_on(&self, now: std::time::Instant) -> bool {
        if !self.is_playing_stream() {
            self.last_time_update.set(None);
            return false;
        }
        match self.last_time_update.get() {
            None => self.last_time_update.set(Some(now)),
            Some(last) if now.duration_since(last) >= std::time::Duration::from_millis(250) => {
                self.last_time_update.set(Some(now));
                self.queue_fire("timeupdate");
            }
            Some(_) => {}
        }
        // The cues follow the stream's position at each rendering update.
        if self.has_live_text_tracks() {
            self.queue_media_task(|cx, e| e.text_tracks_time_marches_on(cx, true));
        }
        true
    }

    /// The media time of a presented frame, in seconds: the playback position of a media file,
    /// the capture timestamp of a stream's frame.
    pub fn media_time_of(&self, frame: &VideoFrame) -> f64 {
        if self.file.borrow().is_some() { self.current_time() } else { frame.timestamp.as_secs_f64() }
    }

    /// The whole media file, `[0, duration]`, once its metadata and length are known.
    fn whole_resource(&self) -> Vec<(f64, f64)> {
        match self.file.borrow().as_ref() {
            Some(f) if self.ready_state.get() >= HAVE_METADATA && f.duration.is_finite() => vec![(0.0, f.duration)],
            _ => Vec::new(),
        }
    }

    /// Whether the media is CORS-same-origin (a MediaStream, or a media file from this origin).
    pub fn is_origin_clean(&self) -> bool {
        self.file.borrow().as_ref().is_none_or(|f| f.origin_clean)
    }

    fn black(&self, like: &VideoFrame) -> VideoFrame {
        let mut cached = self.black_frame.borrow_mut();
        if let Some(b) = cached.as_ref().filter(|b| b.size == like.size) {
            return b.clone();
        }
        let (w, h) = (like.size.width as usize, like.size.height as usize);
        let pixels: Vec<u8> = [0u8, 0, 0, 255].repeat(w * h);
        let frame = VideoFrame { stride: w * 4, has_alpha: false, data: FrameBytes::new(pixels), ..like.clone() };
        *cached = Some(frame.clone());
        frame
    }

    fn fire(&self, cx: &mut JSContext, name: &str) {
        self.upcast::<EventTarget>().fire_event(cx, name);
    }

    /// Queues a media element task (<https://html.spec.whatwg.org/multipage/media.html#queue-a-media-element-task>).
    fn queue_media_task(&self, task: impl FnOnce(&mut JSContext, &HTMLMediaElement) + 'static) {
        let this = Trusted::new(self);
        let task: crate::script_thread::LocalTask = Box::new(move |cx| {
            if let Some(element) = this.root() {
                task(cx, &element);
            }
        });
        match self.held_tasks.borrow_mut().as_mut() {
            Some(held) => held.push(task),
            None => queue_task(task),
        }
    }

    /// Holds this element's media element tasks, `loadstart` first, until a timer of 1 ms set
    /// now has fired; then queues them in order.
    ///
    /// Where a page meets a media file's load, Chromium dispatches `loadstart` from its media
    /// load timer, after the media player was made on the main thread; timers of 1 ms that
    /// the page set in the same task as the `src` change run before it. Players written
    /// against it depend on that order: video.js sets its source, then marks the source as
    /// set and fires its own `ready` from such timers, and a `play()` asked on `loadstart`
    /// before that waits for a second `loadstart` that never comes (its `ready(() =>
    /// play())` and `autoplay: "muted"` never started here). The HTML event loop lets a
    /// browser pick the timer task source before the media element task source; holding the
    /// element's tasks together keeps the order of its own events.
    pub(super) fn hold_media_tasks(&self) {
        if self.held_tasks.borrow().is_some() {
            return;
        }
        *self.held_tasks.borrow_mut() = Some(Vec::new());
        let this = Trusted::new(self);
        let window = self.upcast::<Node>().owner_doc().window_for_objects();
        window.run_steps_after_timeout(1, move |_cx| {
            let Some(element) = this.root() else { return };
            let held = element.held_tasks.borrow_mut().take();
            for task in held.unwrap_or_default() {
                queue_task(task);
            }
        });
    }

    /// Queues a media element task to fire `name`. The load algorithm removes the element's
    /// pending event tasks ("Remove each task in pending tasks from its task queue"): an event
    /// queued before a later load is not fired.
    fn queue_fire(&self, name: &'static str) {
        let generation = self.generation.get();
        self.queue_media_task(move |cx, e| {
            if e.generation.get() == generation {
                e.fire(cx, name);
            }
        });
    }

    fn take_pending_play_promises(&self) -> Vec<Rc<Promise>> {
        std::mem::take(&mut *self.pending_play_promises.borrow_mut())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#notify-about-playing>
    fn notify_about_playing(&self) {
        // 1. Take pending play promises and let promises be the result.
        let promises = self.take_pending_play_promises();
        // 2. Queue a media element task: fire "playing", then resolve pending play promises.
        self.queue_media_task(move |cx, e| {
            e.fire(cx, "playing");
            for p in promises {
                p.resolve_native(cx, &());
            }
            // A MediaStream's position advances from now: its timeupdate events come from the
            // rendering updates (`time_marches_on`).
            if e.src_object.get().is_some() {
                e.last_time_update.set(Some(std::time::Instant::now()));
                e.global().add_playing_media(e);
            }
        });
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#ready-states> (the
    /// events fired when the ready state changes).
    fn set_ready_state(&self, new: u16) {
        let old = self.ready_state.replace(new);
        if old == new {
            return;
        }
        // From HAVE_NOTHING to HAVE_METADATA: "loadedmetadata" (queued by the caller's
        // metadata steps, before this).
        // From HAVE_METADATA to HAVE_CURRENT_DATA or greater: if this is the first time
        // since the load algorithm, queue a task to fire "loadeddata".
        if old <= HAVE_METADATA && new >= HAVE_CURRENT_DATA && !self.loaded_data_fired.replace(true) {
            self.queue_fire("loadeddata");
        }
        // The first frame is there: the element no longer delays the load event.
        if new >= HAVE_CURRENT_DATA {
            self.stop_delaying_load_event();
        }
        // To HAVE_FUTURE_DATA or HAVE_ENOUGH_DATA from HAVE_CURRENT_DATA or less: fire
        // "canplay"; if the element is potentially playing, notify about playing.
        if old <= HAVE_CURRENT_DATA && new >= HAVE_FUTURE_DATA {
            self.queue_fire("canplay");
            if !self.paused.get() {
                self.notify_about_playing();
            }
        }
        if new == HAVE_ENOUGH_DATA {
            // If the element is eligible for autoplay: set paused to false, fire "play",
            // and notify about playing.
            let autoplay = self.htmlelement.get_bool_attribute("autoplay");
            if self.can_autoplay.get() && self.paused.get() && autoplay {
                self.paused.set(false);
                // "If the element's show poster flag is true, set it to false and run the time
                // marches on steps" (queued: this runs without a JSContext).
                if self.show_poster.replace(false) {
                    self.queue_media_task(|cx, e| e.text_tracks_time_marches_on(cx, false));
                }
                self.queue_fire("play");
                self.notify_about_playing();
            }
            // Queue a media element task to fire "canplaythrough" (after "play" and "playing",
            // as in Chromium, though WPT `ready-states/autoplay.html` expects it before them).
            self.queue_fire("canplaythrough");
        }
        // A stream's timeline runs while the element is potentially playing.
        self.sync_stream_clock();
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#media-element-load-algorithm>
    fn load(&self, cx: &mut JSContext) {
        // 1.–2. Abort a running resource selection; events of the old resource are ignored.
        self.generation.set(self.generation.get() + 1);
        // Before any media data, `default_position` is the default playback start position
        // (a `currentTime` set while HAVE_NOTHING), which the load keeps: the metadata steps
        // seek to it. Afterwards it is the current position, which the load sets to 0.
        let keep_start_position = self.ready_state.get() == HAVE_NOTHING;
        // 5. If networkState is NETWORK_LOADING or NETWORK_IDLE, queue a task to fire "abort".
        let state = self.network_state.get();
        if state == NETWORK_LOADING || state == NETWORK_IDLE {
            self.queue_fire("abort");
        }
        // 6. If networkState is not NETWORK_EMPTY:
        if state != NETWORK_EMPTY {
            // 6.1. Queue a media element task to fire "emptied".
            self.queue_fire("emptied");
            // 6.2. Abort the fetching process (detach the sink). The tracks captured from the
            //      old resource end.
            self.stop_resource();
            self.end_captured_tracks(cx);
            // 6.7. If readyState is not HAVE_NOTHING, set it to HAVE_NOTHING.
            self.ready_state.set(HAVE_NOTHING);
            crate::dom::layout::cache::invalidate_node_layout(self.upcast());
            // 6.8. If paused is false, set it to true. (Pending play promises: 6.6 below.)
            self.paused.set(true);
            // 6.6. Take pending play promises and reject them with an "AbortError".
            for p in self.take_pending_play_promises() {
                p.reject_error(cx, Error::Abort("The play() request was interrupted by a new load request.".into()));
            }
            self.video_size.set((0, 0));
            crate::dom::layout::cache::invalidate_node_layout(self.upcast());
        }
        self.ended.set(false);
        self.loaded_data_fired.set(false);
        *self.paused_frame.borrow_mut() = None;
        // 8. Set the error to null and the can autoplay flag to true.
        self.src_not_supported.set(false);
        self.error_code.set(0);
        self.seeking.set(false);
        self.queued_seek.set(None);
        if !keep_start_position {
            self.default_position.set(0.0);
        }
        self.played.borrow_mut().clear();
        self.played_from.set(None);
        self.unwatch_stream();
        self.reset_stream_timeline();
        // "If the current playback position is not 0, set it to 0": cues active at the old
        // position exit.
        self.text_tracks_reset(cx);
        // 7. "Set the playbackRate attribute to the value of the defaultPlaybackRate
        //    attribute." While a MediaStream is the provider, setting playbackRate is ignored
        //    (so no "ratechange" either).
        let default_rate = self.default_playback_rate.get();
        if self.src_object.get().is_none() && self.playback_rate.replace(default_rate) != default_rate {
            self.queue_fire("ratechange");
        }
        self.can_autoplay.set(true);
        // 9. Invoke the resource selection algorithm.
        self.select_resource(cx);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#concept-media-select-resource>
    fn select_resource(&self, cx: &mut JSContext) {
        // 1. Set networkState to NETWORK_NO_SOURCE. 2. "Set the element's show poster flag to
        //    true." (3. the load event.)
        self.network_state.set(NETWORK_NO_SOURCE);
        self.show_poster.set(true);
        self.waiting_for_source.set(false);
        // 4. "Await a stable state". With a media provider object the rest runs as a
        //    microtask. For a media file it runs as a queued task, as in Chromium and WebKit:
        //    a page's script that follows the element in the markup, or that changed `src`
        //    a moment ago, still sees NETWORK_NO_SOURCE and no loadstart yet, as pages
        //    written against those engines expect. The mode is chosen then.
        if self.src_object.get().is_some() {
            self.stop_delaying_load_event();
            self.select_stream(cx);
            return;
        }
        // 3. "Set the element's delaying-the-load-event flag to true."
        self.delay_load_event();
        let generation = self.generation.get();
        self.queue_media_task(move |cx, e| {
            // A later load aborted this run of the algorithm.
            if e.generation.get() == generation {
                e.continue_file_selection(cx);
            }
        });
    }

    /// Sets the delaying-the-load-event flag: the node document's load event waits.
    fn delay_load_event(&self) {
        if self.delayed_document.get().is_none() {
            let document = self.upcast::<Node>().owner_doc();
            if document.delay_load_event() {
                self.delayed_document.set(Some(&document));
            }
        }
    }

    /// Clears the delaying-the-load-event flag.
    pub(super) fn stop_delaying_load_event(&self) {
        if let Some(document) = self.delayed_document.get() {
            self.delayed_document.set(None);
            document.undelay_load_event();
        }
    }

    /// The resource selection algorithm after its stable state, when no media provider object
    /// is assigned: steps 6–9 for modes attribute and children.
    fn continue_file_selection(&self, cx: &mut JSContext) {
        // 6. An object assigned meanwhile has its own run of the algorithm (a later load).
        if self.src_object.get().is_some() {
            return;
        }
        let has_source_child = self
            .upcast::<Node>()
            .children()
            .iter()
            .any(|c| c.downcast::<Element>().is_some_and(|e| e.local_name() == "source"));
        let has_src = self.upcast::<Element>().has_attribute_named("src");
        if has_src || has_source_child {
            // 8. "Set the media element's networkState to NETWORK_LOADING. Queue a media
            //    element task given the media element to fire an event named loadstart at
            //    the media element." (Before the mode's own steps, so a src or <source> that
            //    fails at once still fires loadstart first.) It and the element's tasks after
            //    it wait for a timer of 1 ms, as in Chromium (`hold_media_tasks`).
            self.network_state.set(NETWORK_LOADING);
            self.hold_media_tasks();
            self.queue_fire("loadstart");
        }
        if has_src {
            // Mode attribute: the media file the src attribute names.
            self.load_src(cx);
        } else if has_source_child {
            // Mode children: the <source> elements, in order.
            self.try_sources(cx, 0);
        } else {
            self.stop_delaying_load_event();
            // "Otherwise the media element has no assigned media provider object and has
            // neither a src attribute nor a source element child: set the networkState to
            // NETWORK_EMPTY", "set the element's delaying-the-load-event flag to false" and
            // return.
            self.network_state.set(NETWORK_EMPTY);
        }
    }

    /// The `<source>` insertion steps
    /// (<https://html.spec.whatwg.org/multipage/embedded-content.html#the-source-element>):
    /// "If insertedNode's parent is a media element that has no src attribute and whose
    /// networkState has the value NETWORK_EMPTY, then invoke that media element's resource
    /// selection algorithm." And a media element "waiting" for another `<source>` in mode
    /// children goes on with the inserted one.
    pub(crate) fn source_inserted(&self, cx: &mut JSContext, source: &Element) {
        if self.upcast::<Element>().has_attribute_named("src") {
            return;
        }
        if self.network_state.get() == NETWORK_EMPTY {
            self.select_resource(cx);
            return;
        }
        if self.waiting_for_source.get() {
            // "Wait until the node after pointer is a node other than the end of the list …
            // Await a stable state … Set the element's show poster flag to false … set the
            // networkState back to NETWORK_LOADING; jump back to the find next candidate
            // step."
            let Some(index) = self.upcast::<Node>().children().iter().position(|c| std::ptr::eq(&**c, source.upcast()))
            else {
                return;
            };
            self.waiting_for_source.set(false);
            let generation = self.generation.get();
            self.queue_media_task(move |cx, e| {
                if e.generation.get() == generation {
                    e.show_poster.set(false);
                    e.network_state.set(NETWORK_LOADING);
                    e.try_sources(cx, index);
                }
            });
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dedicated-media-source-failure-steps>
    ///
    /// "Failed with attribute: … Take pending play promises and queue a media element task
    /// given the media element to run the dedicated media source failure steps with the
    /// result." Every step runs in that task, so the document's load event, which the element
    /// delays until step 7, comes after the element's `error`.
    fn media_source_failure(&self, cx: &mut JSContext) {
        let promises = self.take_pending_play_promises();
        let generation = self.generation.get();
        self.queue_media_task(move |cx, e| {
            // A later load removed this task from its queue; its promises, taken from the
            // pending list already, are not left pending.
            if e.generation.get() != generation {
                for p in promises {
                    p.reject_error(cx, Error::Abort("The media resource selection was aborted by a new load.".into()));
                }
                return;
            }
            // 1. Set the error to MEDIA_ERR_SRC_NOT_SUPPORTED. 3. networkState NETWORK_NO_SOURCE.
            //    4. "Set the element's show poster flag to true."
            e.src_not_supported.set(true);
            e.set_error(MEDIA_ERR_SRC_NOT_SUPPORTED, "The element has no supported sources.");
            e.network_state.set(NETWORK_NO_SOURCE);
            e.show_poster.set(true);
            // 5. Fire "error". 6. Reject pending play promises with "NotSupportedError" (with
            //    those asked since the failure was found too, as Chromium does: the spec leaves
            //    them pending until the next load).
            e.fire(cx, "error");
            let mut promises = promises;
            promises.extend(e.take_pending_play_promises());
            for p in promises {
                p.reject_error(cx, Error::NotSupported("The element has no supported sources.".into()));
            }
            // 7. "Set the element's delaying-the-load-event flag to false."
            e.stop_delaying_load_event();
        });
        let _ = cx;
    }

    fn first_frame_settled(&self) {
        if self.awaiting_first_frame.replace(false) {
            crate::script_thread::request_settled();
        }
    }

    /// Detaches the sink, if any, and unloads a media file.
    fn stop_resource(&self) {
        self.first_frame_settled();
        self.unload_file();
        if let Some(sink) = self.sink.borrow_mut().take() {
            media_events::unlisten_sink(sink.id);
            let request = RequestId::next();
            media_events::send_request_ignoring_reply(request, MediaCommand::DetachSink { request, sink: sink.id });
        }
        self.video_track.set(None);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#internal-pause-steps>
    fn internal_pause(&self) {
        // 1. Set the can autoplay flag to false.
        self.can_autoplay.set(false);
        // 2. (Playback has not ended for a live stream.)
        // 3. If paused is false: set it to true, take pending play promises, queue a task to
        //    fire "timeupdate" and "pause" and reject the promises with "AbortError".
        if !self.paused.get() {
            // A stream goes on producing frames: keep the one at the pause. A paused media
            // file produces none (a seek shows the frame at its target).
            if self.file.borrow().is_none() {
                *self.paused_frame.borrow_mut() = self.sink.borrow().as_ref().and_then(|s| s.slot.latest());
            }
            self.paused.set(true);
            self.play_file(false);
            self.sync_stream_clock();
            let promises = self.take_pending_play_promises();
            self.queue_media_task(move |cx, e| {
                e.fire(cx, "timeupdate");
                e.fire(cx, "pause");
                for p in promises {
                    p.reject_error(cx, Error::Abort("The play() request was interrupted by a call to pause().".into()));
                }
            });
        }
    }
}

impl HTMLMediaElementMethods for HTMLMediaElement {
    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-error>
    fn Error(&self, cx: &mut JSContext) -> Option<DomRoot<MediaError>> {
        let code = self.error_code.get();
        (code != 0).then(|| MediaError::new(cx, &self.global(), code, self.error_message.borrow().clone()))
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-src>
    fn Src(&self, _cx: &mut JSContext) -> USVString {
        let element = self.upcast::<Element>();
        let value = element.get_attribute_value("src").unwrap_or_default();
        if value.is_empty() {
            return USVString(String::new());
        }
        let base = self.upcast::<Node>().owner_doc().base_url();
        USVString(base.join(&value).map(|u| u.to_string()).unwrap_or(value))
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-src>: setting the content
    /// attribute runs the load algorithm (the attribute change steps).
    fn SetSrc(&self, cx: &mut JSContext, value: USVString) {
        self.upcast::<Element>().set_attribute_value(cx, "src", value.0);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-currentsrc>
    fn CurrentSrc(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.current_src.borrow().clone())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#attr-media-preload>: an enumerated
    /// attribute ("none", "metadata", "auto"; the empty string is "auto"; missing or invalid:
    /// "metadata"). Aperture always fetches the whole resource, which "auto" allows.
    /// <https://w3c.github.io/mediacapture-main/#mediastreams-in-media-elements>: with a
    /// MediaStream as provider, "none" (a stream cannot be preloaded).
    fn Preload(&self, _cx: &mut JSContext) -> DOMString {
        if self.src_object.get().is_some() {
            return "none".into();
        }
        let value = self.upcast::<Element>().get_attribute_value("preload");
        let keyword = match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("none") => "none",
            Some("auto") | Some("") => "auto",
            _ => "metadata",
        };
        keyword.into()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-preload>
    /// With a MediaStream as provider, setting is ignored (the attribute keeps its value).
    fn SetPreload(&self, cx: &mut JSContext, value: DOMString) {
        if self.src_object.get().is_some() {
            return;
        }
        self.upcast::<Element>().set_attribute_value(cx, "preload", String::from(value));
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-buffered>: a media file is
    /// fetched whole, so all of it (once its length is known); a MediaStream buffers nothing.
    fn Buffered(&self, cx: &mut JSContext) -> DomRoot<TimeRanges> {
        TimeRanges::new(cx, &self.global(), self.whole_resource())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-seekable>: likewise (a
    /// MediaStream is not seekable: no range).
    fn Seekable(&self, cx: &mut JSContext) -> DomRoot<TimeRanges> {
        TimeRanges::new(cx, &self.global(), self.whole_resource())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-played>
    /// <https://w3c.github.io/mediacapture-main/#mediastreams-in-media-elements>: a stream's
    /// timeline is one range, from 0 to the last known currentTime.
    fn Played(&self, cx: &mut JSContext) -> DomRoot<TimeRanges> {
        if self.src_object.get().is_some() {
            let end = self.official_stream_time(cx);
            return TimeRanges::new(cx, &self.global(), vec![(0.0, end)]);
        }
        let mut ranges = self.played.borrow().clone();
        if let Some(from) = self.played_from.get() {
            ranges.push((from, self.current_time().max(from)));
        }
        TimeRanges::new(cx, &self.global(), ranges)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-load>
    fn Load(&self, cx: &mut JSContext) {
        self.load(cx);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-navigator-canplaytype>
    fn CanPlayType(&self, _cx: &mut JSContext, type_: DOMString) -> CanPlayTypeResult {
        match can_play_type(&String::from(type_)) {
            "probably" => CanPlayTypeResult::Probably,
            "maybe" => CanPlayTypeResult::Maybe,
            _ => CanPlayTypeResult::Empty,
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-seeking>
    fn Seeking(&self, _cx: &mut JSContext) -> bool {
        self.seeking.get()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-currenttime>
    /// A MediaStream's position is its timeline's (starting at 0, advancing while
    /// potentially playing).
    fn CurrentTime(&self, cx: &mut JSContext) -> Finite<f64> {
        if self.src_object.get().is_some() {
            return Finite::<f64>::wrap(self.official_stream_time(cx));
        }
        Finite::<f64>::wrap(self.current_time())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-currenttime>: "if the
    /// media element's readyState is HAVE_NOTHING, then it must set the media element's
    /// default playback start position to the new value; otherwise, it must … seek to the new
    /// value." With a MediaStream as provider, any attempt to change it is ignored
    /// (<https://w3c.github.io/mediacapture-main/#mediastreams-in-media-elements>).
    fn SetCurrentTime(&self, cx: &mut JSContext, value: Finite<f64>) {
        if self.src_object.get().is_some() {
            return;
        }
        if self.ready_state.get() == HAVE_NOTHING {
            self.default_position.set(*value);
        } else {
            self.seek(cx, *value);
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-crossorigin>: reflects the
    /// `crossorigin` CORS settings attribute, limited to "anonymous" and "use-credentials".
    fn CrossOrigin(&self, _cx: &mut JSContext) -> Option<DOMString> {
        crate::dom::html::reflect::cors_settings_attribute(self.upcast())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-crossorigin>: null removes
    /// the attribute.
    fn SetCrossOrigin(&self, cx: &mut JSContext, value: Option<DOMString>) {
        crate::dom::html::reflect::set_cors_settings_attribute(cx, self.upcast(), value)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-fastseek>: "seek to the
    /// time given by the method's argument, with the approximate-for-speed flag set." The
    /// flag allows a seek to a nearby key frame; Aperture's seeks are always accurate, which
    /// the flag permits. (Chromium has no fastSeek(); Firefox and Safari do.) Unlike the
    /// `currentTime` setter, nothing happens before the metadata (seek step 2: "If the media
    /// element's readyState is HAVE_NOTHING, return"); with a MediaStream, nothing either.
    fn FastSeek(&self, cx: &mut JSContext, time: Finite<f64>) {
        if self.src_object.get().is_some() {
            return;
        }
        self.seek(cx, *time);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-loop>
    fn Loop(&self, _cx: &mut JSContext) -> bool {
        self.htmlelement.get_bool_attribute("loop")
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-loop>
    fn SetLoop(&self, cx: &mut JSContext, value: bool) {
        self.htmlelement.set_bool_attribute(cx, "loop", value)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-volume>
    fn Volume(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.volume.get())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-volume>: "If the new value
    /// is outside the range 0.0 to 1.0 inclusive, then, on setting, an IndexSizeError
    /// DOMException must be thrown." A change fires volumechange. (No audio output here.)
    fn SetVolume(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        if !(0.0..=1.0).contains(&*value) {
            return Err(Error::IndexSize(format!("The volume provided ({}) is outside the range [0, 1].", *value)));
        }
        if self.volume.replace(*value) != *value {
            self.queue_fire("volumechange");
        }
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-muted>
    fn Muted(&self, _cx: &mut JSContext) -> bool {
        self.muted.get()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-muted>
    fn SetMuted(&self, _cx: &mut JSContext, value: bool) {
        if self.muted.replace(value) != value {
            self.queue_fire("volumechange");
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-defaultmuted>
    fn DefaultMuted(&self, _cx: &mut JSContext) -> bool {
        self.htmlelement.get_bool_attribute("muted")
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-defaultmuted>
    fn SetDefaultMuted(&self, cx: &mut JSContext, value: bool) {
        self.htmlelement.set_bool_attribute(cx, "muted", value)
    }

    /// <https://w3c.github.io/mediacapture-fromelement/#dom-htmlmediaelement-capturestream>
    fn CaptureStream(&self, cx: &mut JSContext) -> DomRoot<MediaStream> {
        self.capture_stream(cx)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-srcobject>
    fn SrcObject(&self, _cx: &mut JSContext) -> Option<DomRoot<MediaStream>> {
        self.src_object.get()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-srcobject>
    fn SetSrcObject(&self, cx: &mut JSContext, value: Option<&MediaStream>) {
        // On setting, set the assigned media provider object to the new value, then
        // invoke the media element load algorithm.
        self.src_object.set(value);
        self.load(cx);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-networkstate>
    fn NetworkState(&self, _cx: &mut JSContext) -> u16 {
        self.network_state.get()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-readystate>
    fn ReadyState(&self, _cx: &mut JSContext) -> u16 {
        self.ready_state.get()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-duration>
    fn Duration(&self, _cx: &mut JSContext) -> f64 {
        // NaN without media data; a MediaStream's duration is +Infinity until playback ends
        // (then where it ended); a media file's is its length (+Infinity when unknown).
        if self.ready_state.get() == HAVE_NOTHING {
            return f64::NAN;
        }
        self.file.borrow().as_ref().map_or(self.stream_duration.get(), |f| f.duration)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-defaultplaybackrate>: with a
    /// MediaStream as provider, 1.0
    /// (<https://w3c.github.io/mediacapture-main/#mediastreams-in-media-elements>).
    fn DefaultPlaybackRate(&self, _cx: &mut JSContext) -> Finite<f64> {
        if self.src_object.get().is_some() {
            return Finite::<f64>::wrap(1.0);
        }
        Finite::<f64>::wrap(self.default_playback_rate.get())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-defaultplaybackrate>: "On
    /// setting, the attribute must be set to the new value"; a change fires "ratechange". With
    /// a MediaStream as provider, setting is ignored. A rate that `playbackRate` would refuse
    /// is ignored too, without an exception, as Chromium does (so the load that copies it into
    /// `playbackRate` never sets an unsupported rate).
    fn SetDefaultPlaybackRate(&self, _cx: &mut JSContext, value: Finite<f64>) {
        if self.src_object.get().is_some() || !supported_playback_rate(*value) {
            return;
        }
        if self.default_playback_rate.replace(*value) != *value {
            self.queue_fire("ratechange");
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-playbackrate>: with a
    /// MediaStream as provider, 1.0.
    fn PlaybackRate(&self, _cx: &mut JSContext) -> Finite<f64> {
        if self.src_object.get().is_some() {
            return Finite::<f64>::wrap(1.0);
        }
        Finite::<f64>::wrap(self.playback_rate.get())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-playbackrate>: "On setting,
    /// if the given value is not supported by the user agent, then throw a NotSupportedError";
    /// else set it, fire "ratechange", and play at that rate. Supported are 0 (playing without
    /// advancing) and 1/16 to 16, the range Chromium plays (so a page sees the same exception).
    /// With a MediaStream as provider the value is checked and then ignored.
    fn SetPlaybackRate(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        let rate = *value;
        if !supported_playback_rate(rate) {
            return Err(Error::NotSupported(format!(
                "The provided playback rate ({rate}) is not in the supported playback range."
            )));
        }
        if self.src_object.get().is_some() {
            return Ok(());
        }
        if self.playback_rate.replace(rate) != rate {
            self.queue_fire("ratechange");
            self.send_file_rate();
        }
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-paused>
    fn Paused(&self, _cx: &mut JSContext) -> bool {
        self.paused.get()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-ended>
    fn Ended(&self, _cx: &mut JSContext) -> bool {
        self.ended.get()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-autoplay>
    fn Autoplay(&self, _cx: &mut JSContext) -> bool {
        self.htmlelement.get_bool_attribute("autoplay")
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-autoplay>
    fn SetAutoplay(&self, cx: &mut JSContext, value: bool) {
        self.htmlelement.set_bool_attribute(cx, "autoplay", value)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-controls>
    fn Controls(&self, _cx: &mut JSContext) -> bool {
        self.htmlelement.get_bool_attribute("controls")
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-controls>
    fn SetControls(&self, cx: &mut JSContext, value: bool) {
        self.htmlelement.set_bool_attribute(cx, "controls", value)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-play>
    fn Play(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        // 1. (Aperture's pages are always allowed to play.)
        // 2. If the error is MEDIA_ERR_SRC_NOT_SUPPORTED, return a promise rejected with a
        //    "NotSupportedError" DOMException.
        if self.src_not_supported.get() {
            return Promise::new_rejected(
                cx,
                &window,
                Error::NotSupported("The element has no supported sources.".into()),
            );
        }
        // 3. Let promise be a new promise and append it to the list of pending play promises.
        let promise = Promise::new(cx, &window);
        self.pending_play_promises.borrow_mut().push(promise.clone());
        // 4. Run the internal play steps.
        // 4.1. If networkState is NETWORK_EMPTY, invoke the resource selection algorithm.
        //      An element with no source at all waits, as in Chromium: it is playing (paused
        //      false, "play" and "waiting" fire) and the promise settles once a source that
        //      is later given plays, or a load or pause rejects it.
        if self.network_state.get() == NETWORK_EMPTY {
            self.select_resource(cx);
        }
        // 4.3. If paused is true: set it to false, queue a task to fire "play", and fire
        //      "waiting" (readyState HAVE_CURRENT_DATA or less) or notify about playing.
        // 4.2. "If the playback has ended and the direction of playback is forwards, seek to
        //      the earliest possible position of the media resource."
        if self.ended.get() && self.file.borrow().is_some() {
            self.seek(cx, 0.0);
        }
        if self.paused.get() {
            self.paused.set(false);
            // "If the show poster flag is true, set the element's show poster flag to false
            // and run the time marches on steps."
            if self.show_poster.replace(false) {
                self.text_tracks_time_marches_on(cx, false);
            }
            *self.paused_frame.borrow_mut() = None;
            self.play_file(true);
            self.sync_stream_clock();
            self.queue_fire("play");
            if self.ready_state.get() <= HAVE_CURRENT_DATA {
                self.queue_fire("waiting");
            } else {
                self.notify_about_playing();
            }
        } else if self.ready_state.get() >= HAVE_FUTURE_DATA {
            // 4.4. Otherwise, if readyState is HAVE_FUTURE_DATA or more, take pending play
            //      promises and queue a task to resolve them.
            let promises = self.take_pending_play_promises();
            self.queue_media_task(move |cx, _| {
                for p in promises {
                    p.resolve_native(cx, &());
                }
            });
        }
        // 4.5. Set the can autoplay flag to false.
        self.can_autoplay.set(false);
        // 5. Return promise.
        promise
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-texttracks>: "a
    /// TextTrackList object representing the TextTrack objects of the text tracks in the media
    /// element's list of text tracks, in the same order as in the list of text tracks", the
    /// same object each time.
    fn TextTracks(&self, cx: &mut JSContext) -> DomRoot<crate::dom::texttracks::texttracklist::TextTrackList> {
        self.text_track_list(cx)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-addtexttrack>: "1. Create
    /// a new TextTrack object. 2. Create a new text track corresponding to the new object, and
    /// set its text track kind to kind, its text track label to label, its text track language
    /// to language, its text track readiness state to the text track loaded state, its text
    /// track mode to the text track hidden mode, and its text track list of cues to an empty
    /// list. … 3. Add the new text track to the media element's list of text tracks. 4. Queue
    /// a media element task given the media element to fire an event named addtrack at the
    /// media element's textTracks attribute's TextTrackList object, using TrackEvent, with the
    /// track attribute initialized to the new text track's TextTrack object. 5. Return the new
    /// TextTrack object."
    fn AddTextTrack(
        &self,
        cx: &mut JSContext,
        kind: crate::dom::bindings::codegen::Enums::TextTrackKind,
        label: DOMString,
        language: DOMString,
    ) -> DomRoot<crate::dom::texttracks::texttrack::TextTrack> {
        let track = texttracks::new_script_track(cx, &self.global(), kind, label.into(), language.into());
        self.add_text_track(cx, &track);
        track
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-pause>
    fn Pause(&self, cx: &mut JSContext) {
        // 1. If networkState is NETWORK_EMPTY, invoke the resource selection algorithm.
        if self.network_state.get() == NETWORK_EMPTY {
            self.select_resource(cx);
        }
        // 2. Run the internal pause steps.
        self.internal_pause();
    }
}

/// Insertion steps of a `<source>` whose parent is a media element.
fn inserted(cx: &mut JSContext, node: &Node, _connected: bool) {
    let Some(element) = node.downcast::<Element>() else { return };
    if element.local_name() != "source" || !element.is_html_element() {
        return;
    }
    let Some(parent) = node.parent() else { return };
    if let Some(media) = parent.downcast::<HTMLMediaElement>() {
        media.source_inserted(cx, element);
    }
}

/// Removing steps: "When a media element is removed from a Document, the user
/// agent must … await a stable state; if the element is in a document, return;
/// run the internal pause steps."
fn removed(_cx: &mut JSContext, node: &Node, was_connected: bool) {
    let Some(media) = node.downcast::<HTMLMediaElement>() else { return };
    if !was_connected {
        return;
    }
    media.queue_media_task(|_, e| {
        if !e.upcast::<Node>().is_connected() {
            e.internal_pause();
        }
    });
}

/// The media element's behaviour in the tree algorithms.
pub const TREE_HOOKS: TreeHooks = TreeHooks { inserted, removed, attribute_changed };

/// "If a src attribute of a media element is set or changed, the user agent must invoke the
/// media element's media element load algorithm." (Removing it does not.) The `muted` content
/// attribute sets the muted state when the element is created by the parser.
fn attribute_changed(cx: &mut JSContext, element: &Element, name: &str, _old: Option<&str>) {
    let Some(media) = element.downcast::<HTMLMediaElement>() else { return };
    if name == "src" && element.has_attribute_named("src") {
        media.load(cx);
    }
    if name == "loop" {
        media.update_loop_hold();
    }
}

/// `MediaError` (<https://html.spec.whatwg.org/multipage/media.html#mediaerror>).
#[dom_struct]
pub struct MediaError {
    reflector_: crate::dom::bindings::reflector::Reflector,
    #[no_trace]
    code: u16,
    #[no_trace]
    message: String,
}

impl MediaError {
    fn new(
        cx: &mut JSContext,
        window: &crate::dom::html::window::Window,
        code: u16,
        message: String,
    ) -> DomRoot<MediaError> {
        let error = MediaError { reflector_: crate::dom::bindings::reflector::Reflector::new(), code, message };
        crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(error), window)
    }
}

impl crate::dom::bindings::codegen::MediaErrorBinding::MediaErrorMethods for MediaError {
    /// <https://html.spec.whatwg.org/multipage/media.html#dom-mediaerror-code>
    fn Code(&self, _cx: &mut JSContext) -> u16 {
        self.code
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-mediaerror-message>
    fn Message(&self, _cx: &mut JSContext) -> DOMString {
        self.message.clone().into()
    }
}

//! The media element playing a media file (`src`), and `captureStream()`
//! (<https://html.spec.whatwg.org/multipage/media.html#loading-the-media-resource>,
//! <https://w3c.github.io/mediacapture-fromelement/#html-media-element-media-capture-extensions>).

use std::time::Duration;

use base::{RequestId, SourceId};
use media_traits::messages::{MediaCommand, MediaEvent, MediaReply, SinkId};
use media_traits::slot::FrameSlot;
use mozjs::context::JSContext;

use super::{
    HAVE_ENOUGH_DATA, HAVE_METADATA, HAVE_NOTHING, HTMLMediaElement, MediaFile, NETWORK_IDLE, NETWORK_LOADING,
    NETWORK_NO_SOURCE, Sink,
};
use crate::dom::bindings::codegen::MediaStreamTrackBinding::MediaStreamTrackMethods;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::globalscope::DomGlobal;
use crate::dom::mediacapture::mediastream::MediaStream;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
use crate::dom::mediacapture::mediastreamtrackevent::MediaStreamTrackEvent;
use crate::dom::mediacapture::tracksource::{SourceOrigin, TrackKind, TrackSource};
use crate::media_events;

pub const MEDIA_ERR_DECODE: u16 = 3;
pub const MEDIA_ERR_SRC_NOT_SUPPORTED: u16 = 4;

impl HTMLMediaElement {
    pub(super) fn set_error(&self, code: u16, message: &str) {
        self.error_code.set(code);
        *self.error_message.borrow_mut() = message.to_owned();
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#concept-media-load-algorithm>, mode
    /// attribute: resolve `src`, fetch it in parallel, then hand the bytes to the Media thread.
    pub(super) fn load_src(&self, cx: &mut JSContext) {
        let src = self.upcast::<Element>().get_attribute_value("src").unwrap_or_default();
        self.load_candidate(cx, src, None);
    }

    /// Mode children: the `<source>` children from the `index`-th child on, in order; the first
    /// whose `type` may play and whose resource loads is the media resource
    /// (<https://html.spec.whatwg.org/multipage/media.html#concept-media-load-algorithm>, step 9
    /// "Otherwise (mode is children)").
    pub(super) fn try_sources(&self, cx: &mut JSContext, index: usize) {
        let children = self.upcast::<Node>().children();
        for (i, child) in children.iter().enumerate().skip(index) {
            let Some(element) = child.downcast::<Element>() else { continue };
            if element.local_name() != "source" {
                continue;
            }
            // "If candidate does not have a src attribute, or if its src attribute's value is
            // the empty string … jump to failed with elements"; likewise a type the UA knows it
            // cannot render.
            let src = element.get_attribute_value("src").unwrap_or_default();
            let type_ok = element.get_attribute_value("type").is_none_or(|t| !can_play_type(&t).is_empty());
            if src.is_empty() || !type_ok {
                self.queue_source_error(element);
                continue;
            }
            self.load_candidate(cx, src, Some((DomRoot::from_ref(element), i)));
            return;
        }
        // "Waiting: set the element's networkState attribute to the NETWORK_NO_SOURCE value"
        // (until another <source> is inserted: `source_inserted`). The pending play()
        // promises fail, as in Chromium, rather than wait forever.
        self.network_state.set(NETWORK_NO_SOURCE);
        self.show_poster.set(true);
        self.waiting_for_source.set(true);
        // "Queue a media element task given the media element to set the element's
        // delaying-the-load-event flag to false."
        let promises = self.take_pending_play_promises();
        self.queue_media_task(move |cx, e| {
            for p in promises {
                p.reject_error(cx, Error::NotSupported("Failed to load because no supported source was found.".into()));
            }
            e.stop_delaying_load_event();
        });
    }

    /// "Failed with elements: queue a media element task … to fire an event named error at
    /// candidate."
    fn queue_source_error(&self, source: &Element) {
        let source = Trusted::new(source);
        self.queue_media_task(move |cx, _| {
            if let Some(source) = source.root() {
                source.upcast::<crate::dom::dom::eventtarget::EventTarget>().fire_event(cx, "error");
            }
        });
    }

    /// A candidate that failed: the src attribute's failure steps, or the next `<source>`.
    fn candidate_failed(&self, cx: &mut JSContext, candidate: Option<(DomRoot<Element>, usize)>) {
        match candidate {
            None => self.media_source_failure(cx),
            Some((element, index)) => {
                self.queue_source_error(&element);
                self.try_sources(cx, index + 1);
            }
        }
    }

    /// Fetches `src` (a src attribute's or a `<source>`'s) in parallel, then opens it.
    fn load_candidate(&self, cx: &mut JSContext, src: String, candidate: Option<(DomRoot<Element>, usize)>) {
        // "If the src attribute's value is the empty string … jump down to the failed with
        // attribute step."
        let document = self.upcast::<Node>().owner_doc();
        let base = document.base_url();
        let Some(url) = (!src.is_empty()).then(|| base.join(&src).ok()).flatten() else {
            self.candidate_failed(cx, candidate);
            return;
        };
        // "Set the currentSrc attribute to urlString"; networkState to NETWORK_LOADING;
        // "queue a media element task … to fire an event named loadstart" (once per load).
        let first = self.network_state.get() != NETWORK_LOADING;
        *self.current_src.borrow_mut() = url.to_string();
        self.network_state.set(NETWORK_LOADING);
        if first {
            self.hold_media_tasks();
            self.queue_fire("loadstart");
        }
        let generation = self.generation.get();
        let page_origin = crate::origin::origin_key(&base);
        let blob = crate::dom::fileapi::bloburl::resolve(&url, &page_origin).map(|e| e.bytes.to_vec());
        let same_origin = blob.is_some() || url.scheme() == "data" || crate::origin::origin_key(&url) == page_origin;
        // "Let request be the result of creating a potential-CORS request given urlRecord,
        // "media", and the current state of media element's crossorigin content attribute."
        // Without the attribute a cross-origin resource plays but is not origin-clean (it
        // taints a canvas, its captured tracks carry nothing); with it, the response must pass
        // the CORS check or the fetch fails, and then it is origin-clean.
        let cors = self.upcast::<Element>().has_attribute_named("crossorigin");
        let origin_clean = same_origin || cors;
        let this = Trusted::new(self);
        let candidate = candidate.map(|(e, i)| (Trusted::new(&*e), i));
        let client = crate::net::client();
        let request = crate::net::get_from(&url, &base);
        crate::parallel::in_parallel(
            "media fetch",
            move || match blob {
                Some(bytes) => Ok(bytes),
                None if url.scheme() == "blob" => Err("no such blob URL".to_string()),
                None => {
                    let (bytes, allowed) =
                        crate::dom::html::htmlimageelement::fetch_bytes(&client, &request, &page_origin)?;
                    if cors && !same_origin && !allowed {
                        return Err("the response fails the CORS check".to_string());
                    }
                    Ok(bytes)
                }
            },
            move |cx, result| {
                let Some(this) = this.root() else { return };
                if this.generation.get() != generation {
                    return;
                }
                let candidate = candidate.and_then(|(e, i)| e.root().map(|e| (e, i)));
                match result.unwrap_or_else(|| Err("the fetch thread failed".into())) {
                    Ok(bytes) => this.open_file(cx, bytes, origin_clean, generation, candidate),
                    Err(e) => {
                        log::debug!("<{}> {}: {e}", this.upcast::<Element>().local_name(), this.current_src.borrow());
                        this.candidate_failed(cx, candidate);
                    }
                }
            },
        );
    }

    fn open_file(
        &self,
        cx: &mut JSContext,
        bytes: Vec<u8>,
        origin_clean: bool,
        generation: u64,
        candidate: Option<(DomRoot<Element>, usize)>,
    ) {
        let source = SourceId::next();
        let request = RequestId::next();
        let this = Trusted::new(self);
        let candidate = candidate.map(|(e, i)| (Trusted::new(&*e), i));
        media_events::send_request(
            cx,
            request,
            MediaCommand::OpenMedia { request, source, bytes },
            move |cx, result| {
                let stale = this.root().is_none_or(|e| e.generation.get() != generation);
                if stale {
                    if result.is_ok() {
                        let request = RequestId::next();
                        media_events::send_request_ignoring_reply(
                            request,
                            MediaCommand::StopSource { request, source },
                        );
                    }
                    return;
                }
                let Some(this) = this.root() else { return };
                match result {
                    Ok(MediaReply::MediaOpened { duration, video, audio, position, first_frame }) => {
                        let duration = duration.map_or(f64::INFINITY, |d| d.as_secs_f64());
                        let file = MediaFile {
                            source,
                            position,
                            duration,
                            has_video: video.is_some(),
                            has_audio: audio,
                            listener: 0,
                            advanced: false,
                            origin_clean,
                            play_requested: false,
                            playing: None,
                        };
                        this.file_opened(cx, file, video, first_frame);
                    }
                    Ok(other) => log::warn!("OpenMedia answered {other:?}"),
                    // "If the media data cannot be fetched at all … or can be fetched but is found
                    // by inspection to be in an unsupported format …: the dedicated media source
                    // failure steps."
                    Err(e) => {
                        log::debug!("<video> {}: {e}", this.current_src.borrow());
                        let candidate = candidate.and_then(|(e, i)| e.root().map(|e| (e, i)));
                        this.candidate_failed(cx, candidate);
                    }
                }
            },
        );
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#getting-media-metadata>: the resource
    /// is decoded up to its first frame.
    fn file_opened(
        &self,
        cx: &mut JSContext,
        mut file: MediaFile,
        video: Option<base::units::ImageSize>,
        first_frame: Option<base::VideoFrame>,
    ) {
        let generation = self.generation.get();
        let source = file.source;
        let this = Trusted::new(self);
        file.listener = media_events::listen_source(source, move |cx, event| {
            if let Some(e) = this.root() {
                e.file_event(cx, event, generation);
            }
        });
        let default_position = self.default_position.get();
        *self.file.borrow_mut() = Some(file);
        if self.playback_rate.get() != 1.0 {
            self.send_file_rate();
        }
        if let Some(size) = video {
            // The frames fill a slot like a stream's; a resize is reported by the sink.
            let sink = SinkId::next();
            let slot = FrameSlot::new();
            // The frame at the start is shown at once (HAVE_CURRENT_DATA and more).
            if let Some(frame) = first_frame {
                slot.store(frame);
            }
            *self.sink.borrow_mut() = Some(Sink { id: sink, slot: slot.clone() });
            let this = Trusted::new(self);
            media_events::listen_sink(sink, move |cx, event| {
                if let Some(e) = this.root()
                    && let MediaEvent::SinkResized { size, .. } = event
                    && e.generation.get() == generation
                    && (size.width, size.height) != e.video_size.get()
                {
                    e.video_size.set((size.width, size.height));
                    crate::dom::layout::cache::invalidate_node_layout(e.upcast());
                    e.fire(cx, "resize");
                }
            });
            let request = RequestId::next();
            media_events::send_request_ignoring_reply(
                request,
                MediaCommand::AttachSink { request, source, sink, slot },
            );
            self.video_size.set((size.width, size.height));
            crate::dom::layout::cache::invalidate_node_layout(self.upcast());
        }
        // 1. "Establish the media timeline" (duration). 6. "Update the duration … fire
        //    durationchange". 7. Intrinsic size: "fire resize". 8. "Set the readyState attribute
        //    to HAVE_METADATA … fire loadedmetadata."
        self.queue_fire("durationchange");
        if video.is_some() {
            self.queue_fire("resize");
        }
        self.ready_state.set(HAVE_METADATA);
        crate::dom::layout::cache::invalidate_node_layout(self.upcast());
        self.queue_fire("loadedmetadata");
        // 10. "If the default playback start position is greater than zero, then seek to that time."
        if default_position > 0.0 {
            self.seek(cx, default_position);
        }
        // "Once the entire media resource has been fetched (but potentially before any of it
        // has been decoded): fire an event named progress at the media element. Set the
        // networkState to NETWORK_IDLE and fire an event named suspend at the media element."
        // The next frames can be decoded at once: HAVE_ENOUGH_DATA.
        self.queue_fire("progress");
        self.network_state.set(NETWORK_IDLE);
        self.queue_fire("suspend");
        self.set_ready_state(HAVE_ENOUGH_DATA);
        if !self.paused.get() {
            self.play_file(true);
        }
        // captureStream() streams get this resource's tracks.
        let streams: Vec<DomRoot<MediaStream>> = self.captured.borrow().iter().map(|s| s.as_rooted()).collect();
        // All of a stream's new tracks are in it before the first addtrack event fires.
        for stream in streams {
            let tracks = self.new_captured_tracks(cx);
            for track in &tracks {
                stream.add_track(track);
            }
            for track in &tracks {
                let event = MediaStreamTrackEvent::new_trusted(cx, &stream.global(), "addtrack", track);
                stream.upcast::<crate::dom::dom::eventtarget::EventTarget>().dispatch(cx, event.upcast());
            }
        }
    }

    /// Makes the tracks a capture of the current resource holds: one per kind present.
    fn new_captured_tracks(&self, cx: &mut JSContext) -> Vec<DomRoot<MediaStreamTrack>> {
        let Some((source, has_video, has_audio, origin_clean)) =
            self.file.borrow().as_ref().map(|f| (f.source, f.has_video, f.has_audio, f.origin_clean))
        else {
            return Vec::new();
        };
        let window = self.global();
        let (w, h) = self.video_size.get();
        let mut tracks = Vec::new();
        let mut kinds = Vec::new();
        if has_video {
            kinds.push(TrackKind::Video);
        }
        if has_audio {
            kinds.push(TrackKind::Audio);
        }
        for kind in kinds {
            // "If the media element's media is not CORS-same-origin … the track is muted and
            // produces no content": its source is one the Media thread never feeds, so no
            // consumer (a <video> playing it, ImageCapture, a track processor) reads a frame.
            let track_source = if origin_clean { source } else { SourceId::next() };
            let state = match kind {
                TrackKind::Video => {
                    media_traits::canvas::canvas_track_state(track_source, base::units::ImageSize::new(w, h), None)
                }
                TrackKind::Audio => Default::default(),
            };
            let ts = TrackSource::new(track_source, kind, SourceOrigin::MediaFile, String::new(), &state, false);
            let track = MediaStreamTrack::new(cx, &window, ts, Default::default());
            if !origin_clean {
                track.set_muted(cx, true);
            }
            self.captured_tracks.borrow_mut().push(Dom::from_ref(&*track));
            tracks.push(track);
        }
        tracks
    }

    /// <https://w3c.github.io/mediacapture-fromelement/#dom-htmlmediaelement-capturestream>
    pub(super) fn capture_stream(&self, cx: &mut JSContext) -> DomRoot<MediaStream> {
        let window = self.global();
        let stream = MediaStream::new(cx, &window, &[]);
        if self.file.borrow().is_some() && self.ready_state.get() >= HAVE_METADATA {
            for track in self.new_captured_tracks(cx) {
                stream.add_track(&track);
            }
        } else if let Some(src) = self.src_object.get() {
            // A MediaStream being played: its live tracks, cloned.
            for track in src.tracks().into_iter().filter(|t| t.is_live()) {
                let clone = MediaStreamTrackMethods::Clone(&*track, cx);
                stream.add_track(&clone);
            }
        }
        self.captured.borrow_mut().push(Dom::from_ref(&*stream));
        stream
    }

    /// The captured tracks of the resource end and leave their streams (all of them first,
    /// then the `removetrack` events: a stream is empty when its first event fires).
    pub(super) fn end_captured_tracks(&self, cx: &mut JSContext) {
        let tracks: Vec<DomRoot<MediaStreamTrack>> =
            self.captured_tracks.borrow_mut().drain(..).map(|t| t.as_rooted()).collect();
        if tracks.is_empty() {
            return;
        }
        let streams: Vec<DomRoot<MediaStream>> = self.captured.borrow().iter().map(|s| s.as_rooted()).collect();
        let mut removed = Vec::new();
        for stream in &streams {
            for track in &tracks {
                if stream.tracks().iter().any(|t| std::ptr::eq(&**t, &**track)) {
                    stream.remove_track_silently(track);
                    removed.push((stream.clone(), track.clone()));
                }
            }
        }
        for track in &tracks {
            track.end_by_user_agent(cx);
        }
        for (stream, track) in removed {
            let event = MediaStreamTrackEvent::new_trusted(cx, &stream.global(), "removetrack", &track);
            stream.upcast::<crate::dom::dom::eventtarget::EventTarget>().dispatch(cx, event.upcast());
        }
    }

    /// Plays or pauses the media file, if one is loaded.
    pub(super) fn play_file(&self, playing: bool) {
        if playing {
            self.open_played_range();
        } else {
            self.close_played_range();
        }
        let source = {
            let mut file = self.file.borrow_mut();
            let Some(file) = file.as_mut() else { return };
            if playing {
                file.advanced = true;
            }
            file.play_requested = playing;
            file.source
        };
        self.update_loop_hold();
        media_events::send(MediaCommand::PlayMedia { source, playing });
    }

    /// A file playing towards its end keeps the page's event loop running, so that its
    /// `timeupdate` and `ended` events reach a page with nothing else scheduled. A looping
    /// file never ends, nor does one playing at rate 0: like a live stream, neither keeps a
    /// headless page running. Called when playing, the `loop` attribute or the rate change.
    pub(super) fn update_loop_hold(&self) {
        let can_end = !self.upcast::<Element>().has_attribute_named("loop") && self.playback_rate.get() != 0.0;
        if let Some(file) = self.file.borrow_mut().as_mut() {
            if file.play_requested && can_end {
                file.playing.get_or_insert_with(crate::script_thread::LoopKeepAlive::new);
            } else {
                file.playing = None;
            }
        }
    }

    /// Gives the media file the element's playback rate (0, or 1/16 to 16: both setters refuse
    /// other values) (<https://html.spec.whatwg.org/multipage/media.html#dom-media-playbackrate>).
    pub(super) fn send_file_rate(&self) {
        let Some(source) = self.file.borrow().as_ref().map(|f| f.source) else { return };
        media_events::send(MediaCommand::SetMediaRate { source, rate: self.playback_rate.get() });
        self.update_loop_hold();
    }

    /// The played ranges: playback from here on is played
    /// (<https://html.spec.whatwg.org/multipage/media.html#dom-media-played>).
    fn open_played_range(&self) {
        if self.played_from.get().is_none() && self.file.borrow().is_some() {
            self.played_from.set(Some(self.current_time()));
        }
    }

    /// Playback stopped advancing here (pause, seek, end).
    pub(super) fn close_played_range(&self) {
        if let Some(from) = self.played_from.take() {
            let to = self.current_time();
            self.played.borrow_mut().push((from, to.max(from)));
        }
    }

    /// Stops the media file's source.
    pub(super) fn unload_file(&self) {
        let Some(file) = self.file.borrow_mut().take() else { return };
        media_events::unlisten_source(file.source, file.listener);
        let request = RequestId::next();
        media_events::send_request_ignoring_reply(request, MediaCommand::StopSource { request, source: file.source });
    }

    /// The official playback position, in seconds.
    pub(super) fn current_time(&self) -> f64 {
        match self.file.borrow().as_ref() {
            Some(f) if f.advanced && !self.seeking.get() && !self.ended.get() => {
                f.position.get().as_secs_f64().min(f.duration)
            }
            _ => self.default_position.get(),
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-media-seek>
    pub(super) fn seek(&self, cx: &mut JSContext, new_position: f64) {
        // 1. (No show-poster flag.) 2. "If the media element's readyState is HAVE_NOTHING,
        //    return."
        if self.ready_state.get() == HAVE_NOTHING {
            return;
        }
        let Some((source, duration)) = self.file.borrow().as_ref().map(|f| (f.source, f.duration)) else { return };
        // 4. (One seek at a time: a new target replaces a queued one.)
        if self.seeking.get() {
            self.queued_seek.set(Some(new_position));
            self.default_position.set(new_position.clamp(0.0, duration));
            return;
        }
        let was_playing = self.played_from.get().is_some();
        self.close_played_range();
        // 5. "Set the seeking IDL attribute to true." 8–9. "If the new playback position is
        //    later than the end of the media resource, let it be the end … if earlier than the
        //    earliest possible position, let it be that position."
        // 2. "Set the media element's show poster flag to false."
        self.show_poster.set(false);
        self.seeking.set(true);
        self.ended.set(false);
        let target = new_position.clamp(0.0, duration);
        self.default_position.set(target);
        if was_playing {
            self.played_from.set(Some(target));
        }
        // 13. "Queue a media element task … to fire an event named seeking."
        self.queue_fire("seeking");
        let generation = self.generation.get();
        let this = Trusted::new(self);
        let request = RequestId::next();
        let position = Duration::from_secs_f64(target.min(duration.min(1e9)));
        media_events::send_request(
            cx,
            request,
            MediaCommand::SeekMedia { request, source, position },
            move |cx, result| {
                let Some(this) = this.root() else { return };
                if this.generation.get() != generation {
                    return;
                }
                if let Err(e) = result {
                    log::debug!("seek failed: {e}");
                }
                // 14–17. "Wait until the user agent has established whether or not the media
                //    data for the new playback position is available … set the seeking IDL
                //    attribute to false; fire timeupdate; fire seeked."
                this.seeking.set(false);
                if let Some(f) = this.file.borrow_mut().as_mut() {
                    f.advanced = !this.paused.get();
                }
                // 16. "Run the time marches on steps." (Before the timeupdate it queues.)
                this.text_tracks_time_marches_on(cx, false);
                this.fire(cx, "timeupdate");
                this.fire(cx, "seeked");
                if let Some(next) = this.queued_seek.take() {
                    this.seek(cx, next);
                }
            },
        );
    }

    /// The media file's events.
    fn file_event(&self, cx: &mut JSContext, event: &MediaEvent, generation: u64) {
        if generation != self.generation.get() {
            return;
        }
        match event {
            // "While playing, … queue a media element task … to fire timeupdate" (every 15 to
            // 250 ms).
            MediaEvent::MediaProgress { .. } if !self.paused.get() && !self.seeking.get() => {
                self.text_tracks_time_marches_on(cx, true);
                self.fire(cx, "timeupdate")
            }
            // <https://html.spec.whatwg.org/multipage/media.html#reaches-the-end>
            MediaEvent::MediaEnded { position, .. } => {
                // A duration the container did not state is known now: "update the duration"
                // (durationchange).
                let end = position.as_secs_f64();
                let mut changed = false;
                if let Some(f) = self.file.borrow_mut().as_mut()
                    && f.duration.is_infinite()
                {
                    f.duration = end;
                    changed = true;
                }
                if changed {
                    self.fire(cx, "durationchange");
                }
                // "If the media element has a loop attribute specified: seek to the earliest
                // possible position … and return."
                if self.upcast::<Element>().has_attribute_named("loop") {
                    self.seek(cx, 0.0);
                    return;
                }
                let duration = self.file.borrow().as_ref().map_or(0.0, |f| f.duration);
                self.close_played_range();
                if duration.is_finite() {
                    self.default_position.set(duration);
                }
                if let Some(f) = self.file.borrow_mut().as_mut() {
                    f.advanced = false;
                    f.play_requested = false;
                    f.playing = None;
                }
                self.ended.set(true);
                // The position reached the end through normal playback.
                self.text_tracks_time_marches_on(cx, true);
                // 3. "Queue a media element task: fire timeupdate; if the media element has
                //    ended playback, the direction of playback is forwards, and paused is false,
                //    then set paused to true and fire pause, take pending play promises and
                //    reject them with AbortError; fire ended."
                //    (Queued, so the cue events time marches on queued come first.)
                let generation = self.generation.get();
                self.queue_media_task(move |cx, this| {
                    if this.generation.get() != generation {
                        return;
                    }
                    this.fire(cx, "timeupdate");
                    if !this.paused.replace(true) {
                        this.fire(cx, "pause");
                        for p in this.take_pending_play_promises() {
                            p.reject_error(cx, crate::dom::bindings::error::Error::Abort("The media ended.".into()));
                        }
                    }
                    this.fire(cx, "ended");
                    // A captured stream's tracks end with the media (mediacapture-fromelement).
                    this.end_captured_tracks(cx);
                });
            }
            // A decoding error while playing: MEDIA_ERR_DECODE
            // (<https://html.spec.whatwg.org/multipage/media.html#fatal-decode-error>).
            MediaEvent::MediaFailed { reason, .. } => {
                self.stop_delaying_load_event();
                self.set_error(MEDIA_ERR_DECODE, reason);
                self.network_state.set(NETWORK_IDLE);
                self.fire(cx, "error");
                self.internal_pause();
            }
            _ => {}
        }
    }
}

/// <https://html.spec.whatwg.org/multipage/media.html#dom-navigator-canplaytype>: what the
/// bootstrap's GStreamer decoders play (vpx, dav1d-less AV1 excluded, Theora, Vorbis, Opus,
/// FLAC, OpenH264, FAAD, mpg123, WAV).
pub fn can_play_type(type_: &str) -> &'static str {
    let Some((essence, params)) = media_traits::recorder::parse_mime_type(type_) else { return "" };
    let known = matches!(
        essence.as_str(),
        "video/webm"
            | "audio/webm"
            | "video/ogg"
            | "audio/ogg"
            | "application/ogg"
            | "video/mp4"
            | "audio/mp4"
            | "audio/mpeg"
            | "audio/mp3"
            | "audio/wav"
            | "audio/wave"
            | "audio/x-wav"
            | "audio/flac"
            | "video/x-matroska"
            | "audio/x-matroska"
    );
    if !known {
        return "";
    }
    let Some(codecs) = params.iter().find(|(n, _)| n == "codecs").map(|(_, v)| v.clone()) else { return "maybe" };
    let all = codecs.split(',').all(|c| {
        let id = c.trim().split('.').next().unwrap_or("").to_ascii_lowercase();
        matches!(
            id.as_str(),
            "vp8" | "vp9" | "vp09" | "theora" | "vorbis" | "opus" | "flac" | "avc1" | "avc3" | "mp4a" | "mp3" | "1"
        )
    });
    if all { "probably" } else { "" }
}

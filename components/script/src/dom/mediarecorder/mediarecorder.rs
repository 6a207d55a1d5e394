//! `MediaRecorder` (<https://w3c.github.io/mediacapture-record/#mediarecorder-api>).
//!
//! The DOM object keeps the spec's state machine; the recording itself runs on the Media
//! thread (`media/src/recorder.rs`). One recording is a *session*: `start()` sends
//! `StartRecorder`, and everything that ends it (`stop()`, all tracks ended, a track added to or
//! removed from the stream, a pipeline failure) sends one `StopRecorder`, whose reply carries the
//! last chunk once the container is complete. Events are fired in the order the Media thread
//! answers, which is the order the spec queues them: `start` (the reply to `StartRecorder`),
//! `dataavailable` for each timeslice chunk and `requestData()`, then `error` (if any),
//! the last `dataavailable` and `stop`.
//!
//! A recorder that is recording keeps the event loop alive (its data is still to come) and is
//! kept alive itself by its session, so a page that drops its reference still gets its events.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use media_traits::messages::{MediaCommand, MediaEvent, MediaReply};
use media_traits::recorder::{
    Bitrates, ConstrainedType, KeyFrames, RecordedTrack, RecorderConfig, RecorderFormat, RecorderId, choose_format,
    constrained_type, is_type_supported,
};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Dictionaries::MediaRecorderOptions;
use crate::dom::bindings::codegen::Enums::{BitrateMode, RecordingState};
use crate::dom::bindings::codegen::MediaRecorderBinding::MediaRecorderMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::fileapi::blob::Blob;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::errorevent::ErrorEvent;
use crate::dom::html::window::Window;
use crate::dom::mediacapture::mediastream::MediaStream;
use crate::dom::mediacapture::tracksource::{SourceOrigin, TrackKind};
use crate::dom::mediarecorder::blobevent::BlobEvent;
use crate::media_events;

/// One recording, from `start()` to its `stop` event.
struct Session {
    id: RecorderId,
    /// The configuration chosen at start().
    format: RecorderFormat,
    /// Whether the end was asked (StopRecorder sent): it is asked once.
    ending: Cell<bool>,
    /// Whether `stop` was fired (or the start failed): later replies are ignored.
    finished: Cell<bool>,
    /// The stream's track-set observer.
    observer: Cell<Option<u64>>,
}

#[dom_struct]
pub struct MediaRecorder {
    eventtarget: EventTarget,
    stream: Dom<MediaStream>,
    /// [[ConstrainedMimeType]].
    #[no_trace]
    constrained_mime_type: String,
    /// [[ConstrainedMimeType]], parsed (None: the empty string, the UA chooses).
    #[no_trace]
    constrained: Option<ConstrainedType>,
    /// [[ConstrainedBitsPerSecond]].
    #[no_trace]
    constrained_bits_per_second: Option<u32>,
    /// [[VideoKeyFrameIntervalDuration]] / [[VideoKeyFrameIntervalCount]].
    #[no_trace]
    key_frames: KeyFrames,
    #[no_trace]
    mime_type: RefCell<String>,
    #[no_trace]
    state: Cell<RecordingState>,
    #[no_trace]
    bitrates: Cell<Bitrates>,
    #[no_trace]
    audio_bitrate_mode: BitrateMode,
    /// The current session (kept after stop() until its `stop` event).
    #[no_trace]
    session: RefCell<Option<Rc<Session>>>,
}

impl MediaRecorder {
    fn target(&self) -> &EventTarget {
        self.upcast::<EventTarget>()
    }

    /// <https://w3c.github.io/mediacapture-record/#inactivate-the-recorder>
    fn inactivate(&self) {
        // 1. "Set recorder's mimeType attribute to the value of the [[ConstrainedMimeType]] slot."
        *self.mime_type.borrow_mut() = self.constrained_mime_type.clone();
        // 2. "Set recorder's state attribute to inactive."
        self.state.set(RecordingState::Inactive);
        // 3. "If recorder's [[ConstrainedBitsPerSecond]] slot is not undefined, set recorder's
        //    videoBitsPerSecond and audioBitsPerSecond attributes to values the User Agent deems
        //    reasonable…": the same split the constructor made.
        if let Some(total) = self.constrained_bits_per_second {
            self.bitrates.set(Bitrates::choose(Some(total), None, None));
        }
    }

    fn current_session(&self) -> Option<Rc<Session>> {
        self.session.borrow().clone()
    }

    /// Whether `session` is the recording in progress (not stopped or replaced since).
    fn is_recording(&self, session: &Rc<Session>) -> bool {
        self.state.get() != RecordingState::Inactive && self.current_session().is_some_and(|s| Rc::ptr_eq(&s, session))
    }

    /// Queues a task that runs `step` on the recorder, if it is still alive.
    fn queue(&self, step: impl FnOnce(&mut JSContext, &MediaRecorder) + 'static) {
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(this) = this.root() {
                step(cx, &this);
            }
        }));
    }

    /// Whether the recorder's document is still fully active (its iframe was not removed):
    /// tasks of a document that is not run no more, so its recorder fires nothing
    /// (<https://html.spec.whatwg.org/multipage/webappapis.html#event-loop-processing-model>).
    fn active(&self) -> bool {
        self.global().is_attached()
    }

    fn fire(&self, cx: &mut JSContext, name: &str) {
        if self.active() {
            self.target().fire_event(cx, name);
        }
    }

    /// <https://w3c.github.io/mediacapture-record/#fire-a-blob-event>: `dataavailable` with
    /// `data` as a Blob of the recording's type.
    fn fire_data(&self, cx: &mut JSContext, session: &Session, data: Vec<u8>, timecode: f64) {
        if !self.active() {
            return;
        }
        let window = self.global();
        let blob = Blob::new(cx, &window, data, session.format.mime_type());
        let event = BlobEvent::new_trusted(cx, &window, "dataavailable", &blob, timecode);
        self.target().dispatch(cx, event.upcast::<Event>());
    }

    /// Ends `session`: the Media thread stops gathering and answers with the last chunk; then
    /// `error` (with `error`, if given), `dataavailable` and `stop` are fired.
    fn end_session(&self, cx: &mut JSContext, session: &Rc<Session>, error: Option<Error>) {
        let discard = matches!(error, Some(Error::Security(_)));
        if session.ending.replace(true) {
            return;
        }
        if let Some(token) = session.observer.take() {
            self.stream.unobserve_track_set(token);
        }
        let this = Trusted::new(self);
        let s = session.clone();
        let request = base::RequestId::next();
        media_events::send_request(
            cx,
            request,
            MediaCommand::StopRecorder { request, recorder: session.id, discard },
            move |cx, result| {
                let Some(this) = this.root() else { return };
                this.finish_session(cx, &s, error, result);
            },
        );
    }

    /// The reply to `StopRecorder`: the spec's last steps of each way a recording ends.
    fn finish_session(
        &self,
        cx: &mut JSContext,
        session: &Rc<Session>,
        error: Option<Error>,
        result: Result<MediaReply, media_traits::error::MediaError>,
    ) {
        media_events::unlisten_recorder(session.id);
        if session.finished.replace(true) {
            return;
        }
        crate::script_thread::request_settled();
        let (data, timecode) = match result {
            Ok(MediaReply::RecorderData { data, timecode }) => (data, timecode),
            Ok(other) => {
                log::warn!("{}: unexpected reply {other:?}", session.id);
                (Vec::new(), 0.0)
            }
            Err(e) => {
                log::warn!("{}: the recording ended badly: {e}", session.id);
                (Vec::new(), 0.0)
            }
        };
        // "Fire an error event named … at recorder."
        if let Some(error) = error.filter(|_| self.active()) {
            let window = self.global();
            ErrorEvent::fire_dom_error(cx, &window, self.target(), error);
        }
        // "Fire a blob event named dataavailable at recorder with blob."
        self.fire_data(cx, session, data, timecode);
        // "Fire an event named stop at recorder."
        self.fire(cx, "stop");
        let mut current = self.session.borrow_mut();
        if current.as_ref().is_some_and(|s| Rc::ptr_eq(s, session)) {
            *current = None;
        }
    }

    /// Whether a track's content is closed to the page: a canvas capture muted because its canvas
    /// lost origin-clean (the only reason a canvas source mutes), or a cross-origin media file's.
    fn inaccessible(track: &crate::dom::types::MediaStreamTrack) -> bool {
        matches!(track.source().origin(), SourceOrigin::Canvas | SourceOrigin::MediaFile) && track.is_muted()
    }

    /// A recorded track ended: "If all recorded tracks become ended, then stop gathering data,
    /// and queue a task … inactivate the recorder, fire dataavailable, fire stop."
    fn track_ended(&self, session: &Rc<Session>, tracks: &[Trusted<crate::dom::types::MediaStreamTrack>]) {
        let all_ended = tracks.iter().all(|t| t.root().is_none_or(|t| !t.is_live()));
        if !all_ended {
            return;
        }
        let s = session.clone();
        self.queue(move |cx, this| {
            if this.is_recording(&s) {
                this.inactivate();
                this.end_session(cx, &s, None);
            }
        });
    }

    /// The Media thread's unsolicited events for `session`.
    fn recorder_event(&self, cx: &mut JSContext, session: &Rc<Session>, event: &MediaEvent) {
        if session.finished.get() {
            return;
        }
        match event {
            // A timeslice: "queue a task … fires a blob event named dataavailable".
            MediaEvent::RecorderData { data, timecode, .. } => self.fire_data(cx, session, data.clone(), *timecode),
            // "If the UA at any point is unable to continue gathering data … inactivate the
            // recorder, fire an error event named UnknownError, fire dataavailable, fire stop."
            MediaEvent::RecorderFailed { reason, .. } => {
                if self.is_recording(session) {
                    self.inactivate();
                }
                let error = Error::Unknown(format!("the recording failed: {reason}"));
                self.end_session(cx, session, Some(error));
            }
            _ => {}
        }
    }
}

macro_rules! handlers {
    ($($getter:ident, $setter:ident => $event:literal;)*) => {
        $(
            /// <https://w3c.github.io/mediacapture-record/#mediarecorder-attributes>
            fn $getter(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
                self.eventtarget.get_event_handler($event)
            }
            /// <https://w3c.github.io/mediacapture-record/#mediarecorder-attributes>
            fn $setter(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
                self.eventtarget.set_event_handler($event, value)
            }
        )*
    };
}

impl MediaRecorderMethods for MediaRecorder {
    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-mediarecorder>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        stream: &MediaStream,
        options: &MediaRecorderOptions,
    ) -> Fallible<DomRoot<MediaRecorder>> {
        // A window whose browsing context is gone (a removed iframe's) records nothing; Chromium
        // throws NotSupportedError here and the WPT expects it.
        if !global.is_attached() {
            return Err(Error::NotSupported("The MediaRecorder's window is detached.".into()));
        }
        // 3–4. "Let type be options' mimeType. If invoking is type supported with type and the
        //    value true returns false, throw a NotSupportedError DOMException."
        let type_ = String::from(options.mime_type.clone());
        if !is_type_supported(&type_, &crate::threads::recorder_support()) {
            return Err(Error::NotSupported(format!("MediaRecorder cannot record the type '{type_}'.")));
        }
        let constrained = constrained_type(&type_)
            .map_err(|()| Error::NotSupported(format!("MediaRecorder cannot record the type '{type_}'.")))?;
        // [[VideoKeyFrameIntervalDuration]] and [[VideoKeyFrameIntervalCount]]: both given is
        // the start() step's NotSupportedError, thrown here already as Chromium does (the WPT
        // expects it from the constructor).
        let key_frames = match (options.video_key_frame_interval_duration, options.video_key_frame_interval_count) {
            (Some(_), Some(_)) => {
                return Err(Error::NotSupported(
                    "videoKeyFrameIntervalDuration and videoKeyFrameIntervalCount cannot both be given.".into(),
                ));
            }
            (Some(duration), None) => KeyFrames::Duration(*duration),
            (None, Some(count)) => KeyFrames::Count(count),
            (None, None) => KeyFrames::Auto,
        };
        // 10–14. The bit rates: the given ones or the defaults; bitsPerSecond overrides both.
        let bitrates =
            Bitrates::choose(options.bits_per_second, options.video_bits_per_second, options.audio_bits_per_second);
        let recorder = MediaRecorder {
            eventtarget: EventTarget::new_inherited(),
            // 9. "Initialize recorder's stream attribute to stream."
            stream: Dom::from_ref(stream),
            constrained_mime_type: type_.clone(),
            constrained,
            constrained_bits_per_second: options.bits_per_second,
            key_frames,
            // 10. "Initialize recorder's mimeType attribute to the value of [[ConstrainedMimeType]]."
            mime_type: RefCell::new(type_),
            // 11. "Initialize recorder's state attribute to inactive."
            state: Cell::new(RecordingState::Inactive),
            bitrates: Cell::new(bitrates),
            // 15. Both bitrate modes are supported (Opus encodes either).
            audio_bitrate_mode: options.audio_bitrate_mode,
            session: RefCell::new(None),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(recorder), global, proto))
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-stream>
    fn Stream(&self, _cx: &mut JSContext) -> DomRoot<MediaStream> {
        self.stream.as_rooted()
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-mimetype>
    fn MimeType(&self, _cx: &mut JSContext) -> DOMString {
        self.mime_type.borrow().clone().into()
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-state>
    fn State(&self, _cx: &mut JSContext) -> RecordingState {
        self.state.get()
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-videobitspersecond>
    fn VideoBitsPerSecond(&self, _cx: &mut JSContext) -> u32 {
        self.bitrates.get().video
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-audiobitspersecond>
    fn AudioBitsPerSecond(&self, _cx: &mut JSContext) -> u32 {
        self.bitrates.get().audio
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-audiobitratemode>
    fn AudioBitrateMode(&self, _cx: &mut JSContext) -> BitrateMode {
        self.audio_bitrate_mode
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-start>
    fn Start(&self, cx: &mut JSContext, timeslice: Option<u32>) -> ErrorResult {
        // A recorder whose document is gone cannot record (Chromium throws NotSupportedError,
        // which the WPT expects).
        if !self.active() {
            return Err(Error::NotSupported("The MediaRecorder's window is detached.".into()));
        }
        // 4. "Let tracks be the set of live tracks in stream's track set."
        let tracks: Vec<_> = self.stream.tracks().into_iter().filter(|t| t.is_live()).collect();
        // 5. "If the value of recorder's state attribute is not inactive, throw an
        //    InvalidStateError DOMException."
        if self.state.get() != RecordingState::Inactive {
            return Err(Error::InvalidState("The MediaRecorder's state is not 'inactive'.".into()));
        }
        // 6. "If the isolation properties of stream disallow access from recorder, throw a
        //    SecurityError": a canvas capture whose canvas lost origin-clean is muted for good
        //    and carries nothing (as is a cross-origin media file's capture); Aperture's other
        //    sources are same-origin.
        if tracks.iter().any(|t| Self::inaccessible(t)) {
            return Err(Error::Security("The MediaRecorder's stream holds content the page may not read.".into()));
        }
        // 7. "If stream is inactive, throw a NotSupportedError DOMException."
        if !self.stream.is_active() {
            return Err(Error::NotSupported("The MediaRecorder's stream is inactive.".into()));
        }
        // 8. Constrain the configuration to [[ConstrainedMimeType]]; 14. "For each track in
        //    tracks, if the User Agent cannot record the track using the current configuration,
        //    then throw a NotSupportedError DOMException."
        let has_video = tracks.iter().any(|t| t.kind() == TrackKind::Video);
        let has_audio = tracks.iter().any(|t| t.kind() == TrackKind::Audio);
        let format = choose_format(self.constrained.as_ref(), has_video, has_audio)
            .filter(|f| crate::threads::recorder_support().can_record(f))
            .ok_or_else(|| {
                Error::NotSupported(format!("'{}' cannot record the stream's tracks.", self.constrained_mime_type))
            })?;
        let mut recorded = Vec::new();
        for t in &tracks {
            recorded.push(match t.source().origin() {
                SourceOrigin::Camera | SourceOrigin::Canvas | SourceOrigin::Generator => {
                    RecordedTrack::Video { source: t.source().id(), enabled: t.enabled_flag() }
                }
                SourceOrigin::FakeMicrophone => RecordedTrack::FakeMicrophone { enabled: t.enabled_flag() },
                SourceOrigin::WebAudio => {
                    let Some(w) = t.source().web_audio() else {
                        return Err(Error::NotSupported("a Web Audio track without its node".into()));
                    };
                    RecordedTrack::WebAudio {
                        tap: w.tap.clone(),
                        rate: w.rate,
                        channels: w.channels.get(),
                        enabled: t.enabled_flag(),
                    }
                }
                SourceOrigin::MediaFile if t.kind() == TrackKind::Audio => {
                    RecordedTrack::MediaAudio { source: t.source().id(), enabled: t.enabled_flag() }
                }
                SourceOrigin::MediaFile => RecordedTrack::Video { source: t.source().id(), enabled: t.enabled_flag() },
            });
        }
        // 9. "If recorder's [[ConstrainedBitsPerSecond]] slot is not null, set recorder's
        //    videoBitsPerSecond and audioBitsPerSecond attributes to values the User Agent deems
        //    reasonable for the respective media types, for recording all tracks in tracks, such
        //    that the sum … is close to [[ConstrainedBitsPerSecond]]": all of it to the one kind
        //    recorded, else the constructor's split.
        if let Some(total) = self.constrained_bits_per_second {
            self.bitrates.set(match (has_video, has_audio) {
                (true, false) => Bitrates { video: total, audio: 0 },
                (false, true) => Bitrates { video: 0, audio: total },
                _ => Bitrates::choose(Some(total), None, None),
            });
        }
        // 10–12. The bit rates and key frames.
        let config = RecorderConfig {
            format,
            bitrates: self.bitrates.get(),
            key_frames: self.key_frames,
            timeslice,
            tracks: recorded,
        };
        // 15. "Set recorder's state to recording, and run the following steps in parallel."
        self.state.set(RecordingState::Recording);
        let session = Rc::new(Session {
            id: RecorderId::next(),
            format,
            ending: Cell::new(false),
            finished: Cell::new(false),
            observer: Cell::new(None),
        });
        *self.session.borrow_mut() = Some(session.clone());
        // The recording keeps the page running until its `stop` event.
        crate::script_thread::request_started();

        // "If at any point, a track is added to or removed from stream's track set, the UA MUST
        // stop gathering data, and queue a task … inactivate the recorder, fire an error event
        // named InvalidModificationError, fire dataavailable, fire stop."
        let this = Trusted::new(self);
        let s = session.clone();
        let observer: Rc<dyn Fn()> = Rc::new(move || {
            let s = s.clone();
            if let Some(this) = this.root() {
                this.queue(move |cx, this| {
                    if this.is_recording(&s) {
                        this.inactivate();
                        let error = Error::InvalidModification(
                            "A track was added to or removed from the recorded stream.".into(),
                        );
                        this.end_session(cx, &s, Some(error));
                    }
                });
            }
        });
        session.observer.set(Some(self.stream.observe_track_set(observer)));
        // "If at any point stream's isolation properties change so that MediaRecorder is no
        // longer allowed access to it, the UA MUST stop gathering data, discard any data that it
        // has gathered, and queue a task … inactivate the recorder, fire an error event named
        // SecurityError, fire dataavailable, fire stop": a canvas that loses origin-clean.
        for t in tracks.iter().filter(|t| t.source().origin() == SourceOrigin::Canvas) {
            let (this, s, track) = (Trusted::new(self), session.clone(), Trusted::new(&**t));
            t.add_mute_observer(Rc::new(move |_cx, muted| {
                let (Some(this), Some(track)) = (this.root(), track.root()) else { return };
                if !muted || !Self::inaccessible(&track) {
                    return;
                }
                let s = s.clone();
                this.queue(move |cx, this| {
                    if this.is_recording(&s) {
                        this.inactivate();
                        let error = Error::Security("The recorded canvas is no longer origin-clean.".into());
                        this.end_session(cx, &s, Some(error));
                    }
                });
            }));
        }
        // "If all recorded tracks become ended…"
        let trusted_tracks: Vec<_> = tracks.iter().map(|t| Trusted::new(&**t)).collect::<Vec<_>>();
        let trusted_tracks = Rc::new(trusted_tracks);
        for t in &tracks {
            let (this, s, all) = (Trusted::new(self), session.clone(), trusted_tracks.clone());
            t.add_end_observer(Box::new(move |_cx| {
                if let Some(this) = this.root() {
                    this.track_ended(&s, &all);
                }
            }));
        }
        // Timeslice chunks and failures.
        let (this, s) = (Trusted::new(self), session.clone());
        media_events::listen_recorder(session.id, move |cx, event| {
            if let Some(this) = this.root() {
                this.recorder_event(cx, &s, event);
            }
        });
        // "Start recording all tracks in tracks … Queue a task … set recorder's mimeType
        // attribute to extendedMimeType; fire an event named start at recorder." If the
        // configuration cannot be built after all: "inactivate the recorder, fire an error
        // event named NotSupportedError, fire an event named stop".
        let (this, s) = (Trusted::new(self), session.clone());
        let request = base::RequestId::next();
        let command = MediaCommand::StartRecorder { request, recorder: session.id, config };
        media_events::send_request(cx, request, command, move |cx, result| {
            let Some(this) = this.root() else { return };
            match result {
                Ok(_) => {
                    if this.is_recording(&s) {
                        *this.mime_type.borrow_mut() = s.format.mime_type();
                    }
                    this.fire(cx, "start");
                }
                Err(e) => {
                    if s.finished.replace(true) {
                        return;
                    }
                    crate::script_thread::request_settled();
                    media_events::unlisten_recorder(s.id);
                    if let Some(token) = s.observer.take() {
                        this.stream.unobserve_track_set(token);
                    }
                    if this.is_recording(&s) {
                        this.inactivate();
                    }
                    if this.active() {
                        let window = this.global();
                        let error = Error::NotSupported(format!("The recording could not start: {e}"));
                        ErrorEvent::fire_dom_error(cx, &window, this.target(), error);
                    }
                    this.fire(cx, "stop");
                }
            }
        });
        Ok(())
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-stop>
    fn Stop(&self, cx: &mut JSContext) {
        // 2. "If recorder's state attribute is inactive, abort these steps."
        if self.state.get() == RecordingState::Inactive {
            return;
        }
        // 3. "Inactivate the recorder with recorder."
        self.inactivate();
        // 4. "Queue a task … stop gathering data; fire a blob event named dataavailable with the
        //    blob of collected data so far; fire an event named stop."
        if let Some(session) = self.current_session() {
            self.end_session(cx, &session, None);
        }
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-pause>
    fn Pause(&self, _cx: &mut JSContext) -> ErrorResult {
        match self.state.get() {
            // 1. "If state is inactive, throw an InvalidStateError DOMException."
            RecordingState::Inactive => Err(Error::InvalidState("The MediaRecorder's state is 'inactive'.".into())),
            // 2. "If state is paused, abort these steps."
            RecordingState::Paused => Ok(()),
            // 3. "Set state to paused, and queue a task … stop gathering data into blob (but
            //    keep it available so that recording can be resumed); fire an event named pause."
            RecordingState::Recording => {
                self.state.set(RecordingState::Paused);
                if let Some(session) = self.current_session() {
                    media_events::send(MediaCommand::PauseRecorder { recorder: session.id, paused: true });
                }
                self.queue(|cx, this| this.fire(cx, "pause"));
                Ok(())
            }
        }
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-resume>
    fn Resume(&self, _cx: &mut JSContext) -> ErrorResult {
        match self.state.get() {
            // 1. "If state is inactive, throw an InvalidStateError DOMException."
            RecordingState::Inactive => Err(Error::InvalidState("The MediaRecorder's state is 'inactive'.".into())),
            // 2. "If state is recording, abort these steps."
            RecordingState::Recording => Ok(()),
            // 3. "Set state to recording, and queue a task … resume gathering data into the
            //    current blob; fire an event named resume."
            RecordingState::Paused => {
                self.state.set(RecordingState::Recording);
                if let Some(session) = self.current_session() {
                    media_events::send(MediaCommand::PauseRecorder { recorder: session.id, paused: false });
                }
                self.queue(|cx, this| this.fire(cx, "resume"));
                Ok(())
            }
        }
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-requestdata>
    fn RequestData(&self, cx: &mut JSContext) -> ErrorResult {
        // 1. "If state is inactive throw an InvalidStateError DOMException … Otherwise queue a
        //    task: let blob be the Blob of collected data so far … fire a blob event named
        //    dataavailable at target with blob; create a new Blob and gather subsequent data."
        if self.state.get() == RecordingState::Inactive {
            return Err(Error::InvalidState("The MediaRecorder's state is 'inactive'.".into()));
        }
        let Some(session) = self.current_session() else { return Ok(()) };
        let this = Trusted::new(self);
        let request = base::RequestId::next();
        media_events::send_request(
            cx,
            request,
            MediaCommand::RequestRecorderData { request, recorder: session.id },
            move |cx, result| {
                let Some(this) = this.root() else { return };
                if session.finished.get() {
                    return;
                }
                let (data, timecode) = match result {
                    Ok(MediaReply::RecorderData { data, timecode }) => (data, timecode),
                    _ => (Vec::new(), 0.0),
                };
                this.fire_data(cx, &session, data, timecode);
            },
        );
        Ok(())
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-istypesupported>
    fn IsTypeSupported(_cx: &mut JSContext, _global: &Window, type_: DOMString) -> bool {
        // "Return the result of is type supported, with the method's first argument and the
        // value false."
        is_type_supported(&String::from(type_), &crate::threads::recorder_support())
    }

    handlers! {
        Onstart, SetOnstart => "start";
        Onstop, SetOnstop => "stop";
        Ondataavailable, SetOndataavailable => "dataavailable";
        Onpause, SetOnpause => "pause";
        Onresume, SetOnresume => "resume";
        Onerror, SetOnerror => "error";
    }
}

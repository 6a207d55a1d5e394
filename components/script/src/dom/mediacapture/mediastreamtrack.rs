//! `MediaStreamTrack` (<https://w3c.github.io/mediacapture-main/#mediastreamtrack>),
//! with the constrainable properties of MediaStream Image Capture
//! (<https://w3c.github.io/mediacapture-image/#extensions>).
//!
//! A track stands for one use of a source ([`TrackSource`]); clones share it.
//! Subclasses (`CanvasCaptureMediaStreamTrack`) embed a `MediaStreamTrack`
//! made with [`MediaStreamTrack::new_inherited`], call [`MediaStreamTrack::attach`]
//! once reflected, and may set a [`CloneHook`] so `clone()` makes their class.

use media_traits::recorder::EnabledFlag;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use base::RequestId;
use dom_struct::dom_struct;
use media_traits::constraints as mt;
use media_traits::error::MediaErrorKind;
use media_traits::messages::{MediaCommand, MediaReply};
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Dictionaries::{MediaTrackCapabilities, MediaTrackConstraints, MediaTrackSettings};
use crate::dom::bindings::codegen::Enums::MediaStreamTrackState;
use crate::dom::bindings::codegen::MediaStreamTrackBinding::MediaStreamTrackMethods;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::imagecapture::imagecapturetest;
use crate::dom::mediacapture::constraints::{capabilities_out, constraints_in, constraints_out, settings_out};
use crate::dom::mediacapture::tracksource::{SourceOrigin, TrackKind, TrackSource};
use crate::dom::mediacapture::{dom_error, new_uuid};
use crate::dom::mediacapture::{fakemicrophone, mediadevices};
use crate::dom::permissions::permissions::origin_of;
use crate::dom::permissions::store;
use crate::media_events;

/// Makes the clone of a track of a subclass (its `clone()`).
pub type CloneHook = fn(&mut JSContext, &MediaStreamTrack) -> DomRoot<MediaStreamTrack>;

/// A request made for this track (by ImageCapture) that the track settles
/// itself if it ends first.
struct TrackRequest {
    request: RequestId,
    promise: Rc<Promise>,
    on_end: Error,
}

#[dom_struct]
pub struct MediaStreamTrack {
    eventtarget: EventTarget,
    #[no_trace]
    id: String,
    #[no_trace]
    source: Rc<TrackSource>,
    /// [[ReadyState]] is "ended".
    #[no_trace]
    ended: Cell<bool>,
    /// [[Enabled]], shared with the Media thread's recorders (which record black frames or
    /// silence while it is false).
    #[no_trace]
    enabled: EnabledFlag,
    #[no_trace]
    muted: Cell<bool>,
    /// [[Constraints]]: the constraints last applied, as given.
    #[no_trace]
    constraints: RefCell<mt::MediaTrackConstraints>,
    #[no_trace]
    requests: RefCell<Vec<TrackRequest>>,
    #[no_trace]
    end_observers: RefCell<Vec<Box<dyn FnOnce(&mut JSContext)>>>,
    /// Told when the track mutes or unmutes (a recorder of a canvas that lost origin-clean).
    #[no_trace]
    mute_observers: RefCell<Vec<Rc<dyn Fn(&mut JSContext, bool)>>>,
    #[no_trace]
    clone_hook: Cell<Option<CloneHook>>,
    /// [[ContentHint]] (<https://w3c.github.io/mst-content-hint/>): "" or a hint valid for the kind.
    #[no_trace]
    content_hint: RefCell<String>,
    /// [[IsDetached]] (<https://w3c.github.io/mediacapture-extensions/#transferable-mediastreamtrack>):
    /// the track was transferred; it is ended and cannot be transferred again.
    #[no_trace]
    detached: Cell<bool>,
}

/// A transferred track on its way to another thread: the track's own slots and its source's
/// (with a hold that keeps the source running until the track is received and ends).
pub struct TransferredTrack {
    id: String,
    ended: bool,
    enabled: bool,
    muted: bool,
    constraints: mt::MediaTrackConstraints,
    content_hint: String,
    source: crate::dom::mediacapture::tracksource::TransferredSource,
}

impl MediaStreamTrack {
    /// A live track of `source` (ended at once if the source already stopped),
    /// with `constraints` as its applied constraints.
    pub fn new_inherited(source: Rc<TrackSource>, constraints: mt::MediaTrackConstraints) -> MediaStreamTrack {
        MediaStreamTrack {
            eventtarget: EventTarget::new_inherited(),
            id: new_uuid(),
            ended: Cell::new(source.is_stopped()),
            enabled: EnabledFlag::new(true),
            muted: Cell::new(source.muted()),
            source,
            constraints: RefCell::new(constraints),
            requests: RefCell::new(Vec::new()),
            end_observers: RefCell::new(Vec::new()),
            mute_observers: RefCell::new(Vec::new()),
            clone_hook: Cell::new(None),
            content_hint: RefCell::new(String::new()),
            detached: Cell::new(false),
        }
    }

    /// [[IsDetached]].
    pub fn is_detached(&self) -> bool {
        self.detached.get()
    }

    /// <https://w3c.github.io/mediacapture-extensions/#transferable-mediastreamtrack>, the
    /// transfer steps' data for another thread: the track's id, kind, label, readyState,
    /// enabled, muted, content hint and constraints, and its source. `None` for a track whose
    /// source exists on this thread only (the fake microphone, a Web Audio node).
    pub fn transfer_data(&self) -> Option<TransferredTrack> {
        Some(TransferredTrack {
            id: self.id.clone(),
            ended: self.ended.get(),
            enabled: self.enabled.get(),
            muted: self.muted.get(),
            constraints: self.constraints.borrow().clone(),
            content_hint: self.content_hint.borrow().clone(),
            source: self.source.transfer_data()?,
        })
    }

    /// The transfer-receiving steps on another thread: a track with the same id and state,
    /// on a stand-in for the sending thread's source.
    pub fn received(cx: &mut JSContext, window: &Window, data: TransferredTrack) -> DomRoot<MediaStreamTrack> {
        let source = TrackSource::received(data.source);
        let mut track = MediaStreamTrack::new_inherited(source, data.constraints);
        track.id = data.id;
        track.ended.set(data.ended);
        track.enabled.set(data.enabled);
        track.muted.set(data.muted);
        *track.content_hint.borrow_mut() = data.content_hint;
        let track = reflect_dom_object(cx, Box::new(track), window);
        track.attach();
        // A track that arrives ended holds nothing.
        if !track.is_live() {
            track.source.track_ended(&track);
        }
        track
    }

    /// The transfer-receiving steps within this thread: a track with the same id and state on
    /// the same source, made before the original is detached (so the source never sees no
    /// track). `window` is the receiving realm.
    pub fn transferred_here(&self, cx: &mut JSContext, window: &Window) -> DomRoot<MediaStreamTrack> {
        let mut track = self.clone_inherited();
        track.id = self.id.clone();
        track.clone_hook.set(None);
        let track = reflect_dom_object(cx, Box::new(track), window);
        track.attach();
        track
    }

    /// A track made for a transfer that failed: it never existed for the page.
    pub fn discard(&self) {
        self.ended.set(true);
        self.source.forget_track(self);
    }

    /// The end of the transfer steps: "set value.[[IsDetached]] to true"; the track is ended
    /// (its consumers stop) without an `ended` event.
    pub fn detach_for_transfer(&self, cx: &mut JSContext) {
        self.detached.set(true);
        if !self.ended.get() {
            self.end(cx);
        }
    }

    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        source: Rc<TrackSource>,
        constraints: mt::MediaTrackConstraints,
    ) -> DomRoot<MediaStreamTrack> {
        let track = reflect_dom_object(cx, Box::new(MediaStreamTrack::new_inherited(source, constraints)), window);
        track.attach();
        track
    }

    /// Registers a reflected live track with its source (done by [`new`](Self::new);
    /// subclasses call it after reflecting).
    pub fn attach(&self) {
        if !self.ended.get() {
            self.source.add_track(self);
        }
    }

    /// The state a clone starts from: same source, kind, label, readyState,
    /// enabled, muted and constraints, a new id
    /// (<https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-clone>).
    /// Reflect it, then [`attach`](Self::attach) it.
    pub fn clone_inherited(&self) -> MediaStreamTrack {
        let clone = MediaStreamTrack::new_inherited(self.source.clone(), self.constraints.borrow().clone());
        clone.ended.set(self.ended.get());
        clone.enabled.set(self.enabled.get());
        clone.muted.set(self.muted.get());
        clone.clone_hook.set(self.clone_hook.get());
        // mst-content-hint: a clone has the same content hint.
        *clone.content_hint.borrow_mut() = self.content_hint.borrow().clone();
        clone
    }

    /// Lets a subclass make `clone()` return its own class.
    pub fn set_clone_hook(&self, hook: CloneHook) {
        self.clone_hook.set(Some(hook));
    }

    pub fn source(&self) -> &Rc<TrackSource> {
        &self.source
    }

    pub fn kind(&self) -> TrackKind {
        self.source.kind()
    }

    /// readyState is "live".
    pub fn is_live(&self) -> bool {
        !self.ended.get()
    }

    /// The track's `id`.
    pub fn track_id(&self) -> &str {
        &self.id
    }

    /// [[Enabled]] as a flag the Media thread can read.
    pub fn enabled_flag(&self) -> EnabledFlag {
        self.enabled.clone()
    }

    /// [[Muted]].
    pub fn is_muted(&self) -> bool {
        self.muted.get()
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled.get()
    }

    /// Ties `request` to this track: if the track ends before its reply, the
    /// track rejects `promise` with `on_end` and the reply is dropped.
    pub fn watch_request(&self, request: RequestId, promise: Rc<Promise>, on_end: Error) {
        self.requests.borrow_mut().push(TrackRequest { request, promise, on_end });
    }

    /// The reply to `request` came; the track no longer settles it.
    pub fn unwatch_request(&self, request: RequestId) {
        self.requests.borrow_mut().retain(|r| r.request != request);
    }

    /// Runs `observer` each time the track mutes or unmutes, while it lives.
    pub fn add_mute_observer(&self, observer: Rc<dyn Fn(&mut JSContext, bool)>) {
        self.mute_observers.borrow_mut().push(observer);
    }

    /// Runs `observer` when the track ends (stopped or ended by the source).
    /// Returns false, dropping it, if the track has already ended.
    pub fn add_end_observer(&self, observer: Box<dyn FnOnce(&mut JSContext)>) -> bool {
        if self.ended.get() {
            return false;
        }
        self.end_observers.borrow_mut().push(observer);
        true
    }

    /// Sets [[ReadyState]] to "ended", notifies the source, settles the
    /// requests made for the track and runs its end observers.
    fn end(&self, cx: &mut JSContext) {
        self.ended.set(true);
        for r in std::mem::take(&mut *self.requests.borrow_mut()) {
            // The reply, if it still comes, is dropped; the media thread stops waiting.
            media_events::cancel_request(r.request);
            media_events::send(MediaCommand::CancelRequest { request: r.request, error: MediaErrorKind::Abort });
            r.promise.reject_error(cx, r.on_end);
        }
        // Observers first: they may still read the source's last frame.
        for observer in std::mem::take(&mut *self.end_observers.borrow_mut()) {
            observer(cx);
        }
        self.source.track_ended(self);
    }

    /// <https://w3c.github.io/mediacapture-main/#track-ended>: the source ended
    /// (device gone, pipeline error).
    pub fn end_by_user_agent(&self, cx: &mut JSContext) {
        if self.end_by_user_agent_quietly(cx) {
            self.fire_ended(cx);
        }
    }

    /// Steps 1–3 of "track ended by the User Agent"; false if the track had already ended.
    /// (A source that ends ends all its tracks first, then fires their events, so a listener
    /// of the first one, and the microtasks after it, see every track ended.)
    pub fn end_by_user_agent_quietly(&self, cx: &mut JSContext) -> bool {
        // 1. If track's [[ReadyState]] is "ended", abort these steps.
        if self.ended.get() {
            return false;
        }
        // 2. Set track's [[ReadyState]] to "ended". 3. Notify track's source that track is ended.
        self.end(cx);
        true
    }

    /// Step 4: "Fire an event named ended at track."
    pub fn fire_ended(&self, cx: &mut JSContext) {
        self.upcast::<EventTarget>().fire_event(cx, "ended");
    }

    /// <https://w3c.github.io/mediacapture-main/#set-track-muted>
    pub fn set_muted(&self, cx: &mut JSContext, muted: bool) {
        // 1. If track.[[Muted]] is already newState, abort these steps.
        if self.ended.get() || self.muted.get() == muted {
            return;
        }
        // 2. Set track.[[Muted]] to newState.
        self.muted.set(muted);
        // 3.–4. Fire an event named "mute" or "unmute" at track.
        self.upcast::<EventTarget>().fire_event(cx, if muted { "mute" } else { "unmute" });
        let observers: Vec<_> = self.mute_observers.borrow().clone();
        for observer in observers {
            observer(cx, muted);
        }
    }

    /// Whether pan/tilt/zoom may be applied now (the PTZ permission rules of
    /// <https://w3c.github.io/mediacapture-image/#pan>).
    fn ptz_permitted(&self) -> bool {
        store::ptz_permitted_for_track(&origin_of(&self.global()), self.source.ptz_at_open())
    }
}

impl MediaStreamTrackMethods for MediaStreamTrack {
    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-kind>
    fn Kind(&self, _cx: &mut JSContext) -> DOMString {
        self.source.kind().as_str().into()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-id>
    fn Id(&self, _cx: &mut JSContext) -> DOMString {
        self.id.as_str().into()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-label>
    fn Label(&self, _cx: &mut JSContext) -> DOMString {
        self.source.label().into()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-enabled>
    fn Enabled(&self, _cx: &mut JSContext) -> bool {
        self.enabled.get()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-enabled>
    fn SetEnabled(&self, _cx: &mut JSContext, value: bool) {
        // On setting, set [[Enabled]] to the new value (also on an ended track). A
        // disabled video track renders black frames in <video>; grabFrame() rejects.
        self.enabled.set(value);
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-muted>
    fn Muted(&self, _cx: &mut JSContext) -> bool {
        self.muted.get()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-onmute>
    fn Onmute(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("mute")
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-onmute>
    fn SetOnmute(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("mute", value)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-onunmute>
    fn Onunmute(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("unmute")
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-onunmute>
    fn SetOnunmute(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("unmute", value)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-readystate>
    fn ReadyState(&self, _cx: &mut JSContext) -> MediaStreamTrackState {
        if self.ended.get() { MediaStreamTrackState::Ended } else { MediaStreamTrackState::Live }
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-onended>
    fn Onended(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("ended")
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-onended>
    fn SetOnended(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("ended", value)
    }

    /// <https://w3c.github.io/mst-content-hint/#dom-mediastreamtrack-contenthint>
    fn ContentHint(&self, _cx: &mut JSContext) -> DOMString {
        self.content_hint.borrow().as_str().into()
    }

    /// <https://w3c.github.io/mst-content-hint/#dom-mediastreamtrack-contenthint>
    fn SetContentHint(&self, _cx: &mut JSContext, value: DOMString) {
        // "On setting, if the new value is not the empty string or a hint valid for the
        // track's kind (audio: "speech", "speech-recognition", "music"; video: "motion",
        // "detail", "text"), ignore it; otherwise store it." The hint changes nothing in
        // Aperture's capture (no encoder consumes it) but pages read it back.
        let value = value.to_string();
        let valid: &[&str] = match self.kind() {
            TrackKind::Audio => &["", "speech", "speech-recognition", "music"],
            TrackKind::Video => &["", "motion", "detail", "text"],
        };
        if valid.contains(&value.as_str()) {
            *self.content_hint.borrow_mut() = value;
        }
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-clone>
    fn Clone(&self, cx: &mut JSContext) -> DomRoot<MediaStreamTrack> {
        if let Some(hook) = self.clone_hook.get() {
            return hook(cx, self);
        }
        // 1. Let track be this. 2. Let trackClone be a new MediaStreamTrack initialized
        //    with track's source, kind, label, readyState, enabled and muted state and
        //    constraints ("clone a track").
        let clone = reflect_dom_object(cx, Box::new(self.clone_inherited()), &self.global());
        clone.attach();
        // 3. Return trackClone.
        clone
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-stop>
    fn Stop(&self, cx: &mut JSContext) {
        // (A detached track is already ended.)
        // 1. Let track be the current MediaStreamTrack object.
        // 2. If track's [[Ended]] is true, abort these steps.
        if self.ended.get() {
            return;
        }
        // 3. Notify track's source that track is ended. 4. Set track's [[ReadyState]] to
        //    "ended". (No event is fired.) Pending ImageCapture requests are settled here:
        //    getPhotoCapabilities()/getPhotoSettings() with OperationError,
        //    takePhoto()/grabFrame() with UnknownError.
        self.end(cx);
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-constrainablepattern-getcapabilities>
    fn GetCapabilities(&self, _cx: &mut JSContext) -> MediaTrackCapabilities {
        // The source's capabilities; without the PTZ permission the media thread leaves
        // pan/tilt/zoom out (https://w3c.github.io/mediacapture-image/#dom-mediatrackcapabilities-pan).
        capabilities_out(&self.source.capabilities())
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-constrainablepattern-getconstraints>
    fn GetConstraints(&self, _cx: &mut JSContext) -> MediaTrackConstraints {
        // Returns the constraints that were the argument to the most recent successful
        // invocation of applyConstraints(), as given.
        constraints_out(&self.constraints.borrow())
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-constrainablepattern-getsettings>
    fn GetSettings(&self, _cx: &mut JSContext) -> MediaTrackSettings {
        self.source.with_settings(settings_out)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-constrainablepattern-applyconstraints>
    fn ApplyConstraints(&self, cx: &mut JSContext, constraints: &MediaTrackConstraints) -> Rc<Promise> {
        let window = self.global();
        // 1. Let object be this. 2. Let newConstraints be the argument.
        let new_constraints = constraints_in(constraints);
        // 3. Let p be a new promise.
        let promise = Promise::new(cx, &window);
        if self.ended.get() || self.source.is_stopped() {
            // An ended track has no source left to configure: its constraints are
            // recorded and p resolves. The spec names no failure for this case; Chromium
            // (156) rejects with an OverconstrainedError whose constraint is "", which
            // names no constraint that failed, so Aperture does not copy it.
            *self.constraints.borrow_mut() = new_constraints;
            let p = promise.clone();
            crate::script_thread::queue_task(Box::new(move |cx| p.resolve_native(cx, &())));
            return promise;
        }
        if let Some(p) = new_constraints.overlong_string() {
            let rejected = promise.clone();
            crate::script_thread::queue_task(Box::new(move |cx| rejected.reject_error(cx, mediadevices::overlong(p))));
            return promise;
        }
        if self.source.origin() == SourceOrigin::FakeMicrophone {
            // The fake microphone: SelectSettings over the one device, then a task settles p.
            let result = fakemicrophone::select(&new_constraints);
            let p = promise.clone();
            let track = Trusted::new(self);
            crate::script_thread::queue_task(Box::new(move |cx| match result {
                Ok(state) => {
                    if let Some(track) = track.root() {
                        track.source.update_state_from_media(&state);
                        *track.constraints.borrow_mut() = new_constraints;
                    }
                    p.resolve_native(cx, &())
                }
                Err(e) => p.reject_error(cx, e),
            }));
            return promise;
        }
        // (The document is never hidden in Aperture, so the SecurityError for PTZ
        // constraints on a hidden page cannot arise.)
        // 4. In parallel: run the apply-constraints algorithm (SelectSettings over the
        //    source, with pan/tilt/zoom only if permitted), then queue a task: reject p
        //    with an OverconstrainedError naming failedConstraint, or set [[Constraints]]
        //    to newConstraints and resolve p.
        // (Test-only: an ImageCaptureTest mock's state stands in for the source's photo state.)
        if let Err(e) = imagecapturetest::sync_photo_state(cx) {
            promise.reject_error(cx, e);
            return promise;
        }
        let request = RequestId::next();
        let command = MediaCommand::ApplyConstraints {
            request,
            source: self.source.id(),
            constraints: new_constraints.clone(),
            ptz_permitted: self.ptz_permitted(),
        };
        let track = Trusted::new(self);
        let p = promise.clone();
        media_events::send_request(cx, request, command, move |cx, result| match result {
            Ok(MediaReply::ConstraintsApplied { state, echo }) => {
                imagecapturetest::absorb_echo(cx, echo.as_ref());
                if let Some(track) = track.root() {
                    track.source.update_state_from_media(&state);
                    *track.constraints.borrow_mut() = new_constraints;
                }
                p.resolve_native(cx, &());
            }
            Ok(other) => p.reject_error(cx, Error::Unknown(format!("unexpected reply {other:?}"))),
            Err(e) => p.reject_error(cx, dom_error(e)),
        });
        // 5. Return p.
        promise
    }
}

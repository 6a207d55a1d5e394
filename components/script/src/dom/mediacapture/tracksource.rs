//! The script side of a track's source
//! (<https://w3c.github.io/mediacapture-main/#dfn-source>): one per source on
//! the Media thread (a camera, a canvas feed), shared by a track and its
//! clones.
//!
//! It keeps what the synchronous getters need (settings, capabilities, muted),
//! routes the source's unsolicited events (ended, muted, settings changed) to
//! its live tracks, and stops the Media thread's source when its last live
//! track ends ("a source that is notified of a track ending will be stopped,
//! unless other MediaStreamTrack objects depend on it").
//!
//! Other sources of tracks (canvas capture) create one with [`TrackSource::new`]
//! and build their track on it with `MediaStreamTrack::new_inherited`. A
//! source whose track is returned synchronously (before the Media thread's
//! `SourceOpened` reply) starts from the state it knows (the canvas size as
//! width/height settings) and keeps it up to date itself
//! ([`TrackSource::update_state`]; the Media thread's view is ignored for
//! [`SourceOrigin::Canvas`]); its own teardown can hang off the track's
//! `add_end_observer`, and [`TrackSource::set_muted`] mutes its tracks (taint).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::sync::{Arc, Mutex, PoisonError};

use crossbeam_channel::Sender;

use base::{RequestId, SourceId};
use media_traits::messages::{MediaCommand, MediaEvent};
use media_traits::settings::{MediaTrackCapabilities, MediaTrackSettings, TrackState};
use mozjs::context::JSContext;

use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
use crate::media_events;
use crate::script_thread::RemoteTask;

/// `MediaStreamTrack.kind`.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum TrackKind {
    Audio,
    Video,
}

impl TrackKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TrackKind::Audio => "audio",
            TrackKind::Video => "video",
        }
    }
}

/// What produced the source, for the hooks that only apply to some.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum SourceOrigin {
    /// A camera opened by getUserMedia() (the fake camera or a device).
    Camera,
    /// A canvas capture (`captureStream()`). Script knows its settings
    /// first (they follow the canvas's size synchronously), so the Media
    /// thread's view of them is not taken.
    Canvas,
    /// The fake microphone, which exists on the script side only
    /// (`fakemicrophone.rs`): no Media-thread source, no events.
    FakeMicrophone,
    /// A media file a `<video>`/`<audio>` plays, captured with `captureStream()`. The element
    /// owns the Media-thread source: its tracks ending does not stop it.
    MediaFile,
    /// A Web Audio `MediaStreamAudioDestinationNode`: samples come from the render thread
    /// through [`WebAudioSource::tap`]; no Media-thread source.
    WebAudio,
    /// A `MediaStreamTrackGenerator`: the page writes `VideoFrame`s, which go to a canvas-like
    /// Media-thread source (for `<video>`, recorders, `ImageCapture`) and, whole (timestamp,
    /// visible rect, display size), to the processors of its tracks on this thread.
    Generator,
}

/// Hears the frames a [`SourceOrigin::Generator`] source produces, on the script thread.
pub type ScriptFrameListener = dyn Fn(&mut JSContext, &crate::dom::webcodecs::videoframe::FrameData);

/// The Web Audio side of a [`SourceOrigin::WebAudio`] source.
pub struct WebAudioSource {
    /// Where the render thread pushes the node's samples.
    pub tap: media_traits::webaudio::AudioTap,
    /// The context's sample rate.
    pub rate: u32,
    /// The node's channel count.
    pub channels: Rc<Cell<u32>>,
}

pub struct TrackSource {
    id: SourceId,
    kind: TrackKind,
    origin: SourceOrigin,
    label: String,
    settings: RefCell<MediaTrackSettings>,
    capabilities: RefCell<MediaTrackCapabilities>,
    muted: Cell<bool>,
    /// The source ended or was stopped; it never produces frames again.
    stopped: Cell<bool>,
    /// Whether pan/tilt/zoom were permitted when the camera was opened.
    ptz_at_open: bool,
    /// Whether getPhotoCapabilities() was called on it (takePhoto() then
    /// validates its settings, as Chromium and wpt expect).
    photo_capabilities_requested: Cell<bool>,
    /// Live tracks on this source. They are rooted while the source runs: a
    /// live source can still end or mute them, so they must stay alive to
    /// fire those events (a camera track left running is not collected, as in
    /// other engines; `stop()` releases it).
    tracks: RefCell<Vec<Trusted<MediaStreamTrack>>>,
    listener: Cell<Option<u64>>,
    web_audio: Option<WebAudioSource>,
    /// Who hears a generator's frames on this thread (processors of its tracks).
    script_frame_listeners: RefCell<Vec<std::rc::Weak<ScriptFrameListener>>>,
    /// The cross-thread side of this source, made at the first transfer of one of its tracks
    /// (this thread owns the source) or taken from the transfer (this source stands in, on
    /// this thread, for another thread's: see [`TrackSource::received`]).
    shared: RefCell<Option<Arc<SharedSource>>>,
    /// For a stand-in: the hold that keeps the owner's source running, and the token its
    /// events are forwarded under. Dropped when the stand-in stops.
    proxy: RefCell<Option<(SourceHold, u64)>>,
    /// Run (as tasks) when the source is stopped because no track depends on it any more
    /// (a `VideoTrackGenerator` closes its writable then).
    stop_observers: RefCell<Vec<crate::script_thread::LocalTask>>,
}

/// The part of a source that other threads see once one of its tracks was transferred
/// (<https://w3c.github.io/mediacapture-extensions/#transferable-mediastreamtrack>): how many
/// transferred tracks (in flight or received) still depend on it, and where to forward its
/// events. The owner's source does not stop while a hold remains.
pub struct SharedSource {
    id: SourceId,
    /// The owner thread's remote task channel.
    owner: Sender<RemoteTask>,
    state: Mutex<SharedState>,
}

#[derive(Default)]
struct SharedState {
    holds: usize,
    /// Stand-ins on other threads: their token and their thread's remote task channel.
    listeners: Vec<(u64, Sender<RemoteTask>)>,
    /// Why the source ended, once it has.
    ended: Option<String>,
}

/// A change of a source that its stand-ins on other threads take over.
#[derive(Clone)]
#[allow(clippy::large_enum_variant, reason = "rare events, one at a time")]
enum SharedEvent {
    Ended(String),
    Muted(bool),
    State(TrackState),
}

/// Keeps a transferred track's source running: one per track in flight or received.
/// Dropping the last one tells the owner thread, which stops the source if no track of its
/// own depends on it either.
pub struct SourceHold {
    shared: Arc<SharedSource>,
}

impl SharedSource {
    fn lock(&self) -> std::sync::MutexGuard<'_, SharedState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new hold (any thread).
    pub fn hold(self: &Arc<Self>) -> SourceHold {
        self.lock().holds += 1;
        SourceHold { shared: self.clone() }
    }

    fn holds(&self) -> usize {
        self.lock().holds
    }

    /// Forwards `event` to every stand-in.
    fn broadcast(&self, event: SharedEvent) {
        let listeners = {
            let mut state = self.lock();
            if let SharedEvent::Ended(reason) = &event {
                state.ended = Some(reason.clone());
            }
            state.listeners.clone()
        };
        for (token, sender) in listeners {
            let event = event.clone();
            let task: RemoteTask = Box::new(move |cx| deliver_to_proxy(cx, token, event));
            if sender.send(task).is_err() {
                log::debug!("a stand-in of a source is gone (its thread ended); an event was dropped");
            }
        }
    }
}

impl Drop for SourceHold {
    fn drop(&mut self) {
        let last = {
            let mut state = self.shared.lock();
            state.holds = state.holds.saturating_sub(1);
            state.holds == 0
        };
        if last {
            let id = self.shared.id;
            let task: RemoteTask = Box::new(move |_cx| owner_released(id));
            if self.shared.owner.send(task).is_err() {
                log::debug!("the owner of {id} is gone; its release was dropped");
            }
        }
    }
}

/// What a transferred track carries to another thread about its source: everything the
/// stand-in answers synchronously, and a hold on the owner's source.
pub struct TransferredSource {
    pub(crate) id: SourceId,
    pub(crate) kind: TrackKind,
    pub(crate) origin: SourceOrigin,
    pub(crate) label: String,
    pub(crate) state: TrackState,
    pub(crate) muted: bool,
    pub(crate) ptz_at_open: bool,
    pub(crate) hold: SourceHold,
}

thread_local! {
    /// Sources of this thread with tracks on other threads (kept alive while holds remain).
    static SHARED_OWNED: RefCell<HashMap<SourceId, Rc<TrackSource>>> = RefCell::new(HashMap::new());
    /// Stand-ins on this thread for other threads' sources, by token.
    static PROXIES: RefCell<HashMap<u64, Weak<TrackSource>>> = RefCell::new(HashMap::new());
    static NEXT_PROXY: Cell<u64> = const { Cell::new(1) };
}

/// The owner thread heard that no transferred track depends on `id` any more.
fn owner_released(id: SourceId) {
    let Some(source) = SHARED_OWNED.with(|s| s.borrow().get(&id).cloned()) else { return };
    if source.shared.borrow().as_ref().is_some_and(|s| s.holds() > 0) {
        return;
    }
    SHARED_OWNED.with(|s| s.borrow_mut().remove(&id));
    if source.tracks.borrow().is_empty() {
        source.stop();
    }
}

/// A forwarded change reaches a stand-in on this thread.
fn deliver_to_proxy(cx: &mut JSContext, token: u64, event: SharedEvent) {
    let Some(source) = PROXIES.with(|p| p.borrow().get(&token).and_then(Weak::upgrade)) else { return };
    match event {
        SharedEvent::Ended(reason) => source.end_by_source(cx, &reason),
        SharedEvent::Muted(muted) => source.set_muted(cx, muted),
        SharedEvent::State(state) => source.update_state(&state),
    }
}

/// The thread is ending (a worker closes or is terminated): the stand-ins on it stop, so
/// the owners of their sources may stop them, and the stand-ins of its own sources on other
/// threads end.
pub fn release_all_proxies() {
    let proxies: Vec<Rc<TrackSource>> =
        PROXIES.with(|p| p.borrow_mut().drain().filter_map(|(_, w)| w.upgrade()).collect());
    for source in proxies {
        source.stop();
    }
    // Sources this thread owns end with it: tracks transferred elsewhere end too.
    let owned: Vec<Rc<TrackSource>> = SHARED_OWNED.with(|s| s.borrow_mut().drain().map(|(_, s)| s).collect());
    for source in owned {
        source.forward(SharedEvent::Ended("the thread that opened the source ended".into()));
    }
}

impl TrackSource {
    /// The source `id` opened on the Media thread, with its first `state`
    /// (settings and capabilities; constraints belong to tracks).
    pub fn new(
        id: SourceId,
        kind: TrackKind,
        origin: SourceOrigin,
        label: String,
        state: &TrackState,
        ptz_at_open: bool,
    ) -> Rc<TrackSource> {
        let source = Rc::new(TrackSource {
            id,
            kind,
            origin,
            label,
            settings: RefCell::new(state.settings.clone()),
            capabilities: RefCell::new(state.capabilities.clone()),
            muted: Cell::new(false),
            stopped: Cell::new(false),
            ptz_at_open,
            photo_capabilities_requested: Cell::new(false),
            tracks: RefCell::new(Vec::new()),
            listener: Cell::new(None),
            web_audio: None,
            script_frame_listeners: RefCell::new(Vec::new()),
            shared: RefCell::new(None),
            proxy: RefCell::new(None),
            stop_observers: RefCell::new(Vec::new()),
        });
        if origin == SourceOrigin::FakeMicrophone {
            return source;
        }
        let weak: Weak<TrackSource> = Rc::downgrade(&source);
        let token = media_events::listen_source(id, move |cx, event| {
            if let Some(source) = weak.upgrade() {
                source.handle_event(cx, event);
            }
        });
        source.listener.set(Some(token));
        source
    }

    /// The source of a `MediaStreamAudioDestinationNode`'s track.
    pub fn new_web_audio(web_audio: WebAudioSource) -> Rc<TrackSource> {
        Rc::new(TrackSource {
            id: SourceId::next(),
            kind: TrackKind::Audio,
            origin: SourceOrigin::WebAudio,
            label: String::new(),
            settings: RefCell::new(MediaTrackSettings::default()),
            capabilities: RefCell::new(MediaTrackCapabilities::default()),
            muted: Cell::new(false),
            stopped: Cell::new(false),
            ptz_at_open: false,
            photo_capabilities_requested: Cell::new(false),
            tracks: RefCell::new(Vec::new()),
            listener: Cell::new(None),
            web_audio: Some(web_audio),
            script_frame_listeners: RefCell::new(Vec::new()),
            shared: RefCell::new(None),
            proxy: RefCell::new(None),
            stop_observers: RefCell::new(Vec::new()),
        })
    }

    /// What a track of this source carries when it is transferred to another thread: the
    /// state the stand-in answers from and a new hold on the owner's source. `None` for a
    /// source that exists on this thread only (the fake microphone, a Web Audio node).
    pub fn transfer_data(self: &Rc<Self>) -> Option<TransferredSource> {
        if matches!(self.origin, SourceOrigin::FakeMicrophone | SourceOrigin::WebAudio) {
            return None;
        }
        let shared = self
            .shared
            .borrow_mut()
            .get_or_insert_with(|| {
                // The first transfer: this thread owns the source; keep it findable while
                // other threads hold it.
                SHARED_OWNED.with(|s| s.borrow_mut().insert(self.id, self.clone()));
                Arc::new(SharedSource {
                    id: self.id,
                    owner: crate::script_thread::remote_task_sender(),
                    state: Mutex::new(SharedState::default()),
                })
            })
            .clone();
        if self.proxy.borrow().is_none() && !self.stopped.get() {
            SHARED_OWNED.with(|s| s.borrow_mut().insert(self.id, self.clone()));
        }
        Some(TransferredSource {
            id: self.id,
            kind: self.kind,
            origin: self.origin,
            label: self.label.clone(),
            state: TrackState {
                settings: self.settings.borrow().clone(),
                capabilities: self.capabilities.borrow().clone(),
                ..Default::default()
            },
            muted: self.muted.get(),
            ptz_at_open: self.ptz_at_open,
            hold: shared.hold(),
        })
    }

    /// The transfer-receiving side: a stand-in on this thread for another thread's source.
    /// It answers the synchronous getters from the state that came with the track, takes
    /// the owner's changes (ended, muted, settings) as tasks, and releases its hold when its
    /// last track here ends.
    pub fn received(data: TransferredSource) -> Rc<TrackSource> {
        let TransferredSource { id, kind, origin, label, state, muted, ptz_at_open, hold } = data;
        let token = NEXT_PROXY.with(|n| n.replace(n.get() + 1));
        let shared = hold.shared.clone();
        let ended = {
            let mut st = shared.lock();
            st.listeners.push((token, crate::script_thread::remote_task_sender()));
            st.ended.clone()
        };
        let source = Rc::new(TrackSource {
            id,
            kind,
            origin,
            label,
            settings: RefCell::new(state.settings),
            capabilities: RefCell::new(state.capabilities),
            muted: Cell::new(muted),
            stopped: Cell::new(false),
            ptz_at_open,
            photo_capabilities_requested: Cell::new(false),
            tracks: RefCell::new(Vec::new()),
            listener: Cell::new(None),
            web_audio: None,
            script_frame_listeners: RefCell::new(Vec::new()),
            shared: RefCell::new(Some(shared)),
            proxy: RefCell::new(Some((hold, token))),
            stop_observers: RefCell::new(Vec::new()),
        });
        PROXIES.with(|p| p.borrow_mut().insert(token, Rc::downgrade(&source)));
        if let Some(reason) = ended {
            // The source ended while the track was in flight: its tracks here end too.
            let event = SharedEvent::Ended(reason);
            let task: crate::script_thread::LocalTask = Box::new(move |cx| deliver_to_proxy(cx, token, event));
            crate::script_thread::queue_task(task);
        }
        source
    }

    /// Whether this source stands in for another thread's.
    pub fn is_proxy(&self) -> bool {
        self.proxy.borrow().is_some()
    }

    /// Queues `observer` as a task when the source stops because no track (here or
    /// transferred) depends on it any more.
    pub fn add_stop_observer(&self, observer: crate::script_thread::LocalTask) {
        self.stop_observers.borrow_mut().push(observer);
    }

    /// The Web Audio node feeding a [`SourceOrigin::WebAudio`] source.
    pub fn web_audio(&self) -> Option<&WebAudioSource> {
        self.web_audio.as_ref()
    }

    pub fn id(&self) -> SourceId {
        self.id
    }

    pub fn kind(&self) -> TrackKind {
        self.kind
    }

    pub fn origin(&self) -> SourceOrigin {
        self.origin
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn muted(&self) -> bool {
        self.muted.get()
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped.get()
    }

    pub fn ptz_at_open(&self) -> bool {
        self.ptz_at_open
    }

    pub fn settings(&self) -> MediaTrackSettings {
        self.settings.borrow().clone()
    }

    /// Calls `f` with the current settings (without copying them).
    pub fn with_settings<R>(&self, f: impl FnOnce(&MediaTrackSettings) -> R) -> R {
        f(&self.settings.borrow())
    }

    pub fn capabilities(&self) -> MediaTrackCapabilities {
        self.capabilities.borrow().clone()
    }

    /// Takes new settings and capabilities.
    pub fn update_state(&self, state: &TrackState) {
        *self.settings.borrow_mut() = state.settings.clone();
        *self.capabilities.borrow_mut() = state.capabilities.clone();
    }

    /// Takes the settings and capabilities the Media thread reported (a
    /// reply to ApplyConstraints, a SettingsChanged event), unless script
    /// owns them (a canvas source: the Media thread only learns of a resize
    /// at the next frame, script at once).
    pub fn update_state_from_media(&self, state: &TrackState) {
        if self.origin != SourceOrigin::Canvas {
            self.update_state(state);
            self.forward(SharedEvent::State(state.clone()));
        }
    }

    /// The owner forwards a change to the stand-ins of this source on other threads.
    fn forward(&self, event: SharedEvent) {
        if self.proxy.borrow().is_some() {
            return;
        }
        if let Some(shared) = self.shared.borrow().as_ref() {
            shared.broadcast(event);
        }
    }

    /// The source stopped or resumed producing content (a canvas that lost
    /// origin-clean): every live track on it is muted or unmuted.
    pub fn set_muted(&self, cx: &mut JSContext, muted: bool) {
        self.muted.set(muted);
        self.forward(SharedEvent::Muted(muted));
        for track in self.live_tracks() {
            track.set_muted(cx, muted);
        }
    }

    /// The source ended on its own: each live track is ended by the User
    /// Agent and fires "ended"; the source is not stopped again.
    pub fn end_by_source(&self, cx: &mut JSContext, reason: &str) {
        log::info!("{} ended: {reason}", self.id);
        self.stopped.set(true);
        self.forward(SharedEvent::Ended(reason.to_owned()));
        self.release_proxy();
        crate::embedder::capture_stopped(self.id);
        if let Some(token) = self.listener.take() {
            media_events::unlisten_source(self.id, token);
        }
        let ended: Vec<_> =
            self.live_tracks().into_iter().filter(|track| track.end_by_user_agent_quietly(cx)).collect();
        for track in ended {
            track.fire_ended(cx);
        }
        self.tracks.borrow_mut().clear();
    }

    /// The User Agent ends the source (the embedder stopped the capture, or
    /// revoked its permission): the device is released, then each live track
    /// is ended and fires "ended" (<https://w3c.github.io/mediacapture-main/#track-ended>).
    pub fn stop_by_user_agent(&self, cx: &mut JSContext, reason: &str) {
        self.stop();
        self.end_by_source(cx, reason);
    }

    pub fn photo_capabilities_requested(&self) -> bool {
        self.photo_capabilities_requested.get()
    }

    pub fn note_photo_capabilities_requested(&self) {
        self.photo_capabilities_requested.set(true);
    }

    /// A live track starts depending on this source.
    /// Adds a listener to the frames a generator source produces (held weakly: dropping the
    /// listener's `Rc` removes it).
    pub fn add_script_frame_listener(&self, listener: &Rc<ScriptFrameListener>) {
        self.script_frame_listeners.borrow_mut().push(Rc::downgrade(listener));
    }

    /// Hands a generator's frame to its listeners (each gets the same data, pixels shared).
    pub fn deliver_script_frame(&self, cx: &mut JSContext, frame: &crate::dom::webcodecs::videoframe::FrameData) {
        let listeners: Vec<Rc<ScriptFrameListener>> = {
            let mut list = self.script_frame_listeners.borrow_mut();
            list.retain(|l| l.strong_count() > 0);
            list.iter().filter_map(std::rc::Weak::upgrade).collect()
        };
        for listener in listeners {
            listener(cx, frame);
        }
    }

    pub fn add_track(&self, track: &MediaStreamTrack) {
        self.tracks.borrow_mut().push(Trusted::new(track));
    }

    /// "Notify track's source that track is ended": the source stops when no
    /// live track depends on it any more.
    pub fn track_ended(&self, track: &MediaStreamTrack) {
        self.tracks.borrow_mut().retain(|t| t.root().is_some_and(|r| !std::ptr::eq(&*r, track)));
        // Tracks transferred to other threads depend on it too (their owner is told when the
        // last of them ends: `owner_released`).
        let held = self.proxy.borrow().is_none() && self.shared.borrow().as_ref().is_some_and(|s| s.holds() > 0);
        if self.tracks.borrow().is_empty() && !held {
            self.stop();
        }
    }

    /// Forgets a track without stopping the source (a track transferred within this thread
    /// hands its place to the received track, which is attached first).
    pub fn forget_track(&self, track: &MediaStreamTrack) {
        self.tracks.borrow_mut().retain(|t| t.root().is_some_and(|r| !std::ptr::eq(&*r, track)));
    }

    /// A stand-in lets go of the owner's source (its hold is dropped) and stops hearing it.
    fn release_proxy(&self) {
        if let Some((hold, token)) = self.proxy.borrow_mut().take() {
            hold.shared.lock().listeners.retain(|(t, _)| *t != token);
            let _ = PROXIES.try_with(|p| p.borrow_mut().remove(&token));
            drop(hold);
        }
    }

    /// Stops the Media thread's source (once) and stops listening to it. A stand-in only
    /// releases the owner's source.
    fn stop(&self) {
        for observer in self.stop_observers.take() {
            crate::script_thread::queue_task(observer);
        }
        self.stop_quietly();
    }

    fn stop_quietly(&self) {
        if self.proxy.borrow().is_some() {
            self.release_proxy();
            self.stopped.set(true);
            return;
        }
        if let Some(token) = self.listener.take() {
            media_events::unlisten_source(self.id, token);
        }
        crate::embedder::capture_stopped(self.id);
        if let Some(w) = &self.web_audio {
            // No track depends on the node's output any more: its samples stop flowing.
            w.tap.close();
        }
        if self.stopped.replace(true)
            || matches!(self.origin, SourceOrigin::FakeMicrophone | SourceOrigin::MediaFile | SourceOrigin::WebAudio)
        {
            return;
        }
        // The reply carries nothing; the source settles its own pending requests.
        let request = RequestId::next();
        media_events::send_request_ignoring_reply(request, MediaCommand::StopSource { request, source: self.id });
    }

    fn live_tracks(&self) -> Vec<DomRoot<MediaStreamTrack>> {
        self.tracks.borrow().iter().filter_map(|t| t.root()).collect()
    }

    fn handle_event(&self, cx: &mut JSContext, event: &MediaEvent) {
        match event {
            // The source ended on its own (device unplugged, pipeline error): each track
            // is ended by the User Agent and fires "ended".
            MediaEvent::SourceEnded { reason, .. } => self.end_by_source(cx, reason),
            MediaEvent::MuteChanged { muted, .. } => self.set_muted(cx, *muted),
            MediaEvent::SettingsChanged { state, .. } => self.update_state_from_media(state),
            _ => {}
        }
    }
}

impl Drop for TrackSource {
    fn drop(&mut self) {
        // Every track of a running source holds it; reaching here with the source
        // running means its tracks were collected (never for live tracks, which are
        // rooted above) — stop it so the camera is not left on. (No observer runs: the
        // thread may be tearing down.)
        if !self.stopped.get() {
            self.stop_quietly();
        }
    }
}

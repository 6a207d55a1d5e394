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
use std::rc::{Rc, Weak};

use base::{RequestId, SourceId};
use media_traits::messages::{MediaCommand, MediaEvent};
use media_traits::settings::{MediaTrackCapabilities, MediaTrackSettings, TrackState};
use mozjs::context::JSContext;

use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
use crate::media_events;

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
        })
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
        }
    }

    /// The source stopped or resumed producing content (a canvas that lost
    /// origin-clean): every live track on it is muted or unmuted.
    pub fn set_muted(&self, cx: &mut JSContext, muted: bool) {
        self.muted.set(muted);
        for track in self.live_tracks() {
            track.set_muted(cx, muted);
        }
    }

    /// The source ended on its own: each live track is ended by the User
    /// Agent and fires "ended"; the source is not stopped again.
    pub fn end_by_source(&self, cx: &mut JSContext, reason: &str) {
        log::info!("{} ended: {reason}", self.id);
        self.stopped.set(true);
        crate::embedder::capture_stopped(self.id);
        if let Some(token) = self.listener.take() {
            media_events::unlisten_source(self.id, token);
        }
        for track in self.live_tracks() {
            track.end_by_user_agent(cx);
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
        if self.tracks.borrow().is_empty() {
            self.stop();
        }
    }

    /// Stops the Media thread's source (once) and stops listening to it.
    fn stop(&self) {
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
        // rooted above) — stop it so the camera is not left on.
        if !self.stopped.get() {
            self.stop();
        }
    }
}

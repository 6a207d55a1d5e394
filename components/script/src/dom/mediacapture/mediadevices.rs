//! `MediaDevices` (<https://w3c.github.io/mediacapture-main/#mediadevices>):
//! `navigator.mediaDevices.getUserMedia()`, `enumerateDevices()` and
//! `getSupportedConstraints()`.
//!
//! Video comes from cameras (or the built-in fake camera) on the Media thread;
//! audio from the silent fake microphone (`fakemicrophone.rs`), since
//! Aperture captures no audio.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use base::{RequestId, SourceId};
use dom_struct::dom_struct;
use media_traits::constraints::{
    self as mt, ConstrainDoubleOrBool, disallowed_required_constraint, min_or_exact_constraint,
};
use media_traits::error::MediaError;
use media_traits::messages::{DeviceInfo, MediaCommand, MediaReply};
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Dictionaries::{
    DisplayMediaStreamOptions, MediaStreamConstraints, MediaTrackSupportedConstraints,
};
use crate::dom::bindings::codegen::Enums::{MediaDeviceKind, PermissionState};
use crate::dom::bindings::codegen::MediaDevicesBinding::MediaDevicesMethods;
use crate::dom::bindings::codegen::NavigatorBinding::NavigatorMethods;
use crate::dom::bindings::codegen::Unions::BooleanOrMediaTrackConstraints;
use crate::dom::bindings::codegen::WindowBinding::WindowMethods;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::imagecapture::imagecapturetest;
use crate::dom::mediacapture::constraints::{constraints_in, supported_constraints};
use crate::dom::mediacapture::devicechangeevent::DeviceChangeEvent;
use crate::dom::mediacapture::dom_error;
use crate::dom::mediacapture::fakemicrophone;
use crate::dom::mediacapture::inputdeviceinfo::InputDeviceInfo;
use crate::dom::mediacapture::mediadeviceinfo::MediaDeviceInfo;
use crate::dom::mediacapture::mediastream::MediaStream;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
use crate::dom::mediacapture::tracksource::{SourceOrigin, TrackKind, TrackSource};
use crate::dom::permissions::permissions::origin_of;
use crate::dom::permissions::store::{self, PermissionKey};
use crate::dom::uievents::useractivation::has_transient_activation;
use crate::embedder::{self, Device, DeviceKind, PermissionDecision, PermissionRequest};
use crate::media_events;

#[dom_struct]
pub struct MediaDevices {
    eventtarget: EventTarget,
    /// [[storedDeviceList]]: each video input's (deviceId, label, groupId).
    /// `None` until the first enumeration answered.
    #[no_trace]
    stored: RefCell<Option<Vec<(String, String, String)>>>,
    /// [[canExposeCameraInfo]]: a `getUserMedia()` of this document gave a camera track.
    can_expose_camera: Cell<bool>,
    /// [[canExposeMicrophoneInfo]]: a `getUserMedia()` of this document gave a microphone track.
    can_expose_microphone: Cell<bool>,
}

impl MediaDevices {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<MediaDevices> {
        let devices = reflect_dom_object(
            cx,
            Box::new(MediaDevices {
                eventtarget: EventTarget::new_inherited(),
                stored: RefCell::new(None),
                can_expose_camera: Cell::new(false),
                can_expose_microphone: Cell::new(false),
            }),
            window,
        );
        // [[storedDeviceList]] starts as the devices available at creation.
        devices.refresh_stored_devices(cx, false);
        devices
    }

    /// "Camera information can be exposed" and "microphone information can be exposed"
    /// (<https://w3c.github.io/mediacapture-main/#dfn-camera-information-can-be-exposed>):
    /// true once `getUserMedia()` gave this document a track of that kind (the flags
    /// [[canExposeCameraInfo]]/[[canExposeMicrophoneInfo]], which stay set; the other
    /// condition, a live track of a device of that kind in the document, implies them, as
    /// only `getUserMedia()` makes such tracks). The permission state alone exposes
    /// nothing: "enumerateDevices depends only on capture state" (Firefox and Safari do
    /// the same; Chromium also exposes the devices of a persistently granted kind).
    fn exposure(&self) -> (bool, bool) {
        (self.can_expose_camera.get(), self.can_expose_microphone.get())
    }

    /// getUserMedia's steps after creating the stream: "If the stream has a video track,
    /// set mediaDevices.[[canExposeCameraInfo]] to true; if it has an audio track, set
    /// [[canExposeMicrophoneInfo]] to true."
    fn captured(cx: &mut JSContext, window: &Window, camera: bool, microphone: bool) {
        let devices = window.Navigator(cx).MediaDevices(cx);
        devices.can_expose_camera.set(devices.can_expose_camera.get() || camera);
        devices.can_expose_microphone.set(devices.can_expose_microphone.get() || microphone);
    }

    /// The device change notification steps
    /// (<https://w3c.github.io/mediacapture-main/#dfn-device-change-notification-steps>),
    /// run when the embedder reports that its devices changed.
    pub fn devices_changed(&self, cx: &mut JSContext) {
        self.refresh_stored_devices(cx, true);
    }

    /// Enumerates the devices; with `notify`: "3. Let newExposedDevices be the result
    /// of creating a list of device info objects … 4. If [they] match those in
    /// lastExposedDevices and have the same order, then abort these steps. 5. Set
    /// [[storedDeviceList]] to deviceList. 6. Queue a task that fires an event named
    /// devicechange, using DeviceChangeEvent, at mediaDevices" (Chromium fires a plain
    /// `Event`; a `DeviceChangeEvent` is one, with the list added).
    fn refresh_stored_devices(&self, cx: &mut JSContext, notify: bool) {
        let (exposed, microphone_exposed) = self.exposure();
        let request = RequestId::next();
        let command = MediaCommand::EnumerateDevices { request, ptz_permitted: false };
        let this = Trusted::new(self);
        media_events::send_request(cx, request, command, move |cx, result| {
            let Some(this) = this.root() else { return };
            let devices = match result {
                Ok(MediaReply::Devices(d)) => d,
                _ => Vec::new(),
            };
            let list: Vec<(String, String, String)> =
                devices.iter().map(|d| (d.device_id.clone(), d.label.clone(), d.group_id.clone())).collect();
            // Both lists are compared as this document may see them now: while camera
            // information cannot be exposed, as one anonymous entry (or none).
            let seen = |l: &[(String, String, String)]| -> Vec<(String, String, String)> {
                if exposed { l.to_vec() } else { l.iter().take(1).map(|_| Default::default()).collect() }
            };
            let previous = this.stored.replace(Some(list.clone()));
            if notify && previous.as_deref().map(seen) != Some(seen(&list)) {
                let window = this.global();
                let infos = device_infos(cx, &window, devices, exposed, microphone_exposed);
                // userInsertedDevices: the exposed inputs that were not listed before.
                let before = previous.unwrap_or_default();
                let inserted: Vec<DomRoot<MediaDeviceInfo>> = infos
                    .iter()
                    .filter(|d| {
                        let id = d.device_id();
                        d.kind() == MediaDeviceKind::Videoinput && !id.is_empty() && !before.iter().any(|b| b.0 == id)
                    })
                    .cloned()
                    .collect();
                let event = DeviceChangeEvent::new_trusted(cx, &window, &infos, &inserted);
                this.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
            }
        });
    }
}

/// "Creating a list of device info objects"
/// (<https://w3c.github.io/mediacapture-main/#creating-a-list-of-device-info-objects>):
/// inputs are InputDeviceInfo, the fake microphone first (audio inputs, then video
/// inputs); while the information of a kind cannot be exposed, one entry of that kind
/// is listed, with empty deviceId, label and groupId (and empty capabilities).
fn device_infos(
    cx: &mut JSContext,
    window: &Window,
    cameras: Vec<DeviceInfo>,
    camera_exposed: bool,
    microphone_exposed: bool,
) -> Vec<DomRoot<MediaDeviceInfo>> {
    let mut list: Vec<DomRoot<MediaDeviceInfo>> = Vec::new();
    list.push(DomRoot::upcast(if microphone_exposed {
        InputDeviceInfo::new(cx, window, fakemicrophone::device_info(), MediaDeviceKind::Audioinput)
    } else {
        InputDeviceInfo::new_filtered(cx, window, MediaDeviceKind::Audioinput)
    }));
    for d in cameras {
        if !camera_exposed {
            list.push(DomRoot::upcast(InputDeviceInfo::new_filtered(cx, window, MediaDeviceKind::Videoinput)));
            break;
        }
        list.push(DomRoot::upcast(InputDeviceInfo::new(cx, window, d, MediaDeviceKind::Videoinput)));
    }
    list
}

/// The constraint set of one requested media type: `true` is the empty set,
/// a dictionary is itself, `false` is not requested.
/// The checks the legacy `navigator.getUserMedia()` makes before it starts (Chromium throws
/// their TypeErrors at once rather than calling the error callback, which takes only
/// DOMExceptions): no media type requested, or a required constraint that device selection
/// does not allow.
pub fn legacy_checks(constraints: &MediaStreamConstraints) -> Result<(), Error> {
    let video = requested(&constraints.video);
    let audio = requested(&constraints.audio);
    if video.is_none() && audio.is_none() {
        return Err(Error::Type("At least one of audio and video must be requested.".into()));
    }
    if let Some(name) = video.as_ref().and_then(disallowed_required_constraint) {
        return Err(Error::Type(format!("'{name}' cannot be a required constraint in getUserMedia().")));
    }
    Ok(())
}

fn requested(value: &BooleanOrMediaTrackConstraints) -> Option<mt::MediaTrackConstraints> {
    match value {
        BooleanOrMediaTrackConstraints::Boolean(false) => None,
        BooleanOrMediaTrackConstraints::Boolean(true) => Some(mt::MediaTrackConstraints::default()),
        BooleanOrMediaTrackConstraints::MediaTrackConstraints(c) => Some(constraints_in(c)),
    }
}

/// Whether a constraint set mentions pan, tilt or zoom with a value other than
/// `false`, which asks for the PTZ permission
/// (<https://w3c.github.io/mediacapture-image/#pan>).
fn asks_for_ptz(c: &mt::MediaTrackConstraints) -> bool {
    let set_asks = |s: &mt::MediaTrackConstraintSet| {
        [&s.pan, &s.tilt, &s.zoom].into_iter().any(|p| matches!(p, Some(v) if *v != ConstrainDoubleOrBool::Bool(false)))
    };
    set_asks(&c.basic) || c.advanced.iter().flatten().any(set_asks)
}

/// Reads a powerful feature's permission for a request: "denied" fails it;
/// "granted" and "prompt" let it go on (the host has nobody to ask, so a
/// prompt is answered "allow" without being remembered).
fn permission_allows(window: &Window, key: PermissionKey) -> bool {
    store::state(&origin_of(window), key) != PermissionState::Denied
}

impl MediaDevicesMethods for MediaDevices {
    /// <https://w3c.github.io/mediacapture-main/#dom-mediadevices-enumeratedevices>
    fn EnumerateDevices(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        // 1. Let p be a new promise.
        let promise = Promise::new(cx, &window);
        // 2. Run in parallel: wait while "device enumeration can proceed" is false (it is
        //    false for a document that is not fully active, which a discarded one never
        //    becomes again: p stays pending, as the spec says), enumerate the devices, then
        //    queue a task to resolve p with the result of "creating a list of device info
        //    objects".
        if !window.is_attached() {
            return promise;
        }
        let origin = origin_of(&window);
        let (exposed, microphone_exposed) = self.exposure();
        // Capabilities are those of a track getUserMedia({deviceId}) would open: pan, tilt
        // and zoom only with the PTZ permission already granted.
        let ptz_permitted = store::ptz_permitted_for_request(&origin, false);
        let request = RequestId::next();
        let p = promise.clone();
        let command = MediaCommand::EnumerateDevices { request, ptz_permitted };
        media_events::send_request(cx, request, command, move |cx, result| {
            let window = p.global();
            // Without a media thread there is simply no device.
            let devices = match result {
                Ok(MediaReply::Devices(d)) => d,
                _ => Vec::new(),
            };
            let list = device_infos(cx, &window, devices, exposed, microphone_exposed);
            p.resolve_native(cx, &list);
        });
        promise
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediadevices-ondevicechange>
    fn Ondevicechange(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("devicechange")
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediadevices-ondevicechange>
    fn SetOndevicechange(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("devicechange", value)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediadevices-getsupportedconstraints>
    fn GetSupportedConstraints(&self, _cx: &mut JSContext) -> MediaTrackSupportedConstraints {
        // A dictionary whose members are the constrainable properties the User Agent
        // knows, each true: those of mediacapture-main for video and audio, voiceIsolation, and all seventeen of
        // MediaStream Image Capture.
        supported_constraints()
    }

    /// <https://w3c.github.io/mediacapture-screen-share/#dom-mediadevices-getdisplaymedia>
    fn GetDisplayMedia(&self, cx: &mut JSContext, options: &DisplayMediaStreamOptions) -> Rc<Promise> {
        let window = self.global();
        // (The "display-capture" feature is allowed in Aperture's documents, and they are
        // always fully active.)
        // "If the relevant global object of this does not have transient activation, return a
        // promise rejected with a DOMException object whose name attribute has the value
        // InvalidStateError."
        if !has_transient_activation(&window) {
            let e = Error::InvalidState("getDisplayMedia() requires transient activation (a user gesture).".into());
            return Promise::new_rejected(cx, &window, e);
        }
        // "Let constraints be [options["audio"], options["video"]]. For each member present in
        // constraints whose value, value, is a dictionary: if value contains a member named
        // advanced, or a member which in turn is a dictionary containing a member named either
        // min or exact, return a promise rejected with a newly created TypeError."
        for value in [&options.audio, &options.video] {
            let BooleanOrMediaTrackConstraints::MediaTrackConstraints(c) = value else { continue };
            if c.advanced.is_some() {
                let e = Error::Type("getDisplayMedia() does not accept advanced constraints.".into());
                return Promise::new_rejected(cx, &window, e);
            }
            if let Some(name) = min_or_exact_constraint(&constraints_in(c)) {
                let e = Error::Type(format!("getDisplayMedia() does not accept min or exact for '{name}'."));
                return Promise::new_rejected(cx, &window, e);
            }
        }
        // "If constraints.video is false, return a promise rejected with a newly created TypeError."
        if matches!(options.video, BooleanOrMediaTrackConstraints::Boolean(false)) {
            let e = Error::Type("getDisplayMedia() needs video.".into());
            return Promise::new_rejected(cx, &window, e);
        }
        // "Let p be a new promise", then, in parallel, the user's choice of a display surface:
        // "If no sources of a given type are available, reject p with a new DOMException
        // object whose name attribute has the value NotFoundError." A headless host has no
        // screen, window or tab to offer.
        let promise = Promise::new(cx, &window);
        let p = promise.clone();
        crate::script_thread::queue_task(Box::new(move |cx| {
            p.reject_error(cx, Error::NotFound("There is no display surface to capture.".into()))
        }));
        promise
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia>
    fn GetUserMedia(&self, cx: &mut JSContext, constraints: &MediaStreamConstraints) -> Rc<Promise> {
        let window = self.global();
        // 1. Let constraints be the method's first argument.
        // 2. Let requestedMediaTypes be the set of media types in constraints with either
        //    a dictionary value or a value of true.
        let video = requested(&constraints.video);
        let audio = requested(&constraints.audio);
        // 3. If requestedMediaTypes is the empty set, return a promise rejected with a TypeError.
        if video.is_none() && audio.is_none() {
            let e = Error::Type("At least one of audio and video must be requested.".into());
            return Promise::new_rejected(cx, &window, e);
        }
        // 4. If the current settings object's responsible document is not fully active,
        //    return a promise rejected with an InvalidStateError.
        if !window.is_attached() {
            return Promise::new_rejected(cx, &window, Error::InvalidState("The document is not fully active.".into()));
        }
        // 5.–6. (The camera and microphone features are allowed in every document.)
        // 7. Let p be a new promise.
        let promise = Promise::new(cx, &window);
        // 8. Run the following steps in parallel. For each media type kind: if CS contains
        //    a member that is a required constraint and whose name is not in the list of
        //    allowed required constraints for device selection, reject p with a TypeError.
        //    (Only the video kind has such constraints: the image-capture members.)
        if let Some(name) = video.as_ref().and_then(disallowed_required_constraint) {
            let e = Error::Type(format!("'{name}' cannot be a required constraint in getUserMedia()."));
            promise.reject_error(cx, e);
            return promise;
        }
        // A string constraint longer than Chromium accepts fails as it does there.
        if let Some(p) = [&audio, &video].into_iter().flatten().find_map(|c| c.overlong_string()) {
            promise.reject_error(cx, overlong(p));
            return promise;
        }
        // Read the permissions of the requested kinds: "denied" → NotAllowedError.
        let denied = [(audio.is_some(), PermissionKey::Microphone), (video.is_some(), PermissionKey::Camera)]
            .into_iter()
            .any(|(wanted, key)| wanted && !permission_allows(&window, key));
        if denied {
            promise.reject_error(cx, Error::NotAllowed("Permission denied.".into()));
            return promise;
        }
        // "Request permission to use" the kinds whose state is "prompt" (and pan/tilt/zoom
        // when asked for and still "prompt"): the embedder answers, possibly later; the other
        // kinds are granted already.
        let origin = origin_of(&window);
        let ptz_asked = video.as_ref().is_some_and(asks_for_ptz);
        let mut kinds = Vec::new();
        if video.is_some() && store::state(&origin, PermissionKey::Camera) == PermissionState::Prompt {
            kinds.push(DeviceKind::Camera);
        }
        if audio.is_some() && store::state(&origin, PermissionKey::Microphone) == PermissionState::Prompt {
            kinds.push(DeviceKind::Microphone);
        }
        let ptz_prompt =
            ptz_asked && store::state(&origin, PermissionKey::CameraPanTiltZoom) == PermissionState::Prompt;
        if kinds.is_empty() && !ptz_prompt {
            let grant = Grant { camera: None, ptz: store::ptz_permitted_for_request(&origin, ptz_asked) };
            open_devices(cx, &window, promise.clone(), audio, video, grant);
            return promise;
        }
        if ptz_prompt && !kinds.contains(&DeviceKind::Camera) {
            kinds.insert(0, DeviceKind::Camera);
        }
        // The candidate devices come from the Media thread (cameras) and script (the fake
        // microphone); then the prompt.
        let request = RequestId::next();
        let command = MediaCommand::EnumerateDevices { request, ptz_permitted: false };
        let p = promise.clone();
        media_events::send_request(cx, request, command, move |_cx, result| {
            let window = p.global();
            let cameras = match result {
                Ok(MediaReply::Devices(d)) => d,
                _ => Vec::new(),
            };
            let mut devices = Vec::new();
            if kinds.contains(&DeviceKind::Camera) {
                devices.extend(cameras.iter().map(|d| Device {
                    id: d.device_id.clone(),
                    label: d.label.clone(),
                    kind: DeviceKind::Camera,
                }));
            }
            if kinds.contains(&DeviceKind::Microphone) {
                let mic = fakemicrophone::device_info();
                devices.push(Device { id: mic.device_id, label: mic.label, kind: DeviceKind::Microphone });
            }
            let question = PermissionRequest {
                page: window.page(),
                origin: origin.clone(),
                kinds: kinds.clone(),
                pan_tilt_zoom: ptz_asked,
                devices: devices.clone(),
            };
            embedder::request_permission(
                question,
                Box::new(move |cx, decision| {
                    let window = p.global();
                    let remember = |key: PermissionKey, state: PermissionState| {
                        crate::dom::permissions::permissions::set_state(&origin, key, state)
                    };
                    match decision {
                        PermissionDecision::Deny { remember: keep } => {
                            if keep {
                                for kind in &kinds {
                                    remember(permission_key(*kind), PermissionState::Denied);
                                }
                            }
                            p.reject_error(cx, Error::NotAllowed("Permission denied.".into()));
                        }
                        PermissionDecision::Allow { camera, microphone, pan_tilt_zoom, remember: keep } => {
                            if keep {
                                for kind in &kinds {
                                    remember(permission_key(*kind), PermissionState::Granted);
                                }
                                if ptz_prompt {
                                    let state =
                                        if pan_tilt_zoom { PermissionState::Granted } else { PermissionState::Denied };
                                    remember(PermissionKey::CameraPanTiltZoom, state);
                                }
                            }
                            // A device the page could not be given is the embedder's mistake:
                            // logged, and the User Agent chooses instead.
                            let valid = |choice: Option<String>, kind: DeviceKind| {
                                choice.filter(|id| {
                                    let ok = devices.iter().any(|d| d.kind == kind && d.id == *id);
                                    if !ok {
                                        log::warn!(
                                            "the embedder chose {id:?}, which is not a candidate {}",
                                            kind.as_str()
                                        );
                                    }
                                    ok
                                })
                            };
                            let _ = valid(microphone, DeviceKind::Microphone);
                            let ptz = if ptz_prompt {
                                pan_tilt_zoom
                            } else {
                                store::ptz_permitted_for_request(&origin, ptz_asked)
                            };
                            let grant = Grant { camera: valid(camera, DeviceKind::Camera), ptz };
                            open_devices(cx, &window, p, audio, video, grant);
                        }
                    }
                }),
            );
        });
        promise
    }
}

/// The OverconstrainedError of a string constraint longer than
/// [`mt::MAX_CONSTRAINT_STRING_LENGTH`] (Chromium's limit, which WPT tests).
pub fn overlong(p: mt::Property) -> Error {
    Error::Overconstrained {
        constraint: p.name().into(),
        message: format!(
            "the '{}' constraint holds a string longer than {} characters",
            p.name(),
            mt::MAX_CONSTRAINT_STRING_LENGTH
        ),
    }
}

/// What a permission decision gives `getUserMedia()`: the embedder's choice of camera, if it
/// made one, and whether pan, tilt and zoom are permitted.
struct Grant {
    camera: Option<String>,
    ptz: bool,
}

fn permission_key(kind: DeviceKind) -> PermissionKey {
    match kind {
        DeviceKind::Camera => PermissionKey::Camera,
        DeviceKind::Microphone => PermissionKey::Microphone,
    }
}

/// The rest of `getUserMedia()` once permission is granted: select and open the devices and
/// resolve `promise` with a stream of their tracks (or reject it with the error the devices
/// give). Each opened device is a capture the embedder is told about.
fn open_devices(
    cx: &mut JSContext,
    window: &Window,
    promise: Rc<Promise>,
    audio: Option<mt::MediaTrackConstraints>,
    video: Option<mt::MediaTrackConstraints>,
    grant: Grant,
) {
    let origin = origin_of(window);
    // Audio: SelectSettings over the one (fake) microphone; a required deviceId or
    // groupId it does not have → OverconstrainedError.
    let microphone = match &audio {
        Some(c) => match fakemicrophone::select(c) {
            Ok(state) => Some((
                TrackSource::new(
                    SourceId::next(),
                    TrackKind::Audio,
                    SourceOrigin::FakeMicrophone,
                    fakemicrophone::LABEL.into(),
                    &state,
                    false,
                ),
                c.clone(),
            )),
            Err(e) => {
                promise.reject_error(cx, e);
                return;
            }
        },
        None => None,
    };
    let audio_requested = microphone.is_some();
    let microphone_track = move |cx: &mut JSContext, window: &Window, (source, constraints): (Rc<TrackSource>, _)| {
        let mic = fakemicrophone::device_info();
        let device = Device { id: mic.device_id, label: mic.label, kind: DeviceKind::Microphone };
        embedder::capture_started(window.page(), &origin_of(window), DeviceKind::Microphone, device, &source);
        MediaStreamTrack::new(cx, window, source, constraints)
    };
    let Some(video) = video else {
        // Audio only: queue a task to resolve p with a stream of the microphone's track.
        crate::script_thread::queue_task(Box::new(move |cx| {
            let window = promise.global();
            if let Some(microphone) = microphone {
                let track = microphone_track(cx, &window, microphone);
                let stream = MediaStream::new(cx, &window, &[&track]);
                MediaDevices::captured(cx, &window, false, true);
                promise.resolve_native(cx, &stream);
            }
        }));
        return;
    };
    // Video: the media thread runs SelectSettings over every camera (or only the one the
    // embedder chose), opens the best one (NotFoundError when there is none,
    // OverconstrainedError naming the failed constraint, NotReadableError when it does not
    // start) and answers at its first frame. Pan, tilt and zoom are exposed only if permitted.
    // (Test-only: an ImageCaptureTest mock's state stands in for the camera's photo state.)
    if let Err(e) = imagecapturetest::sync_photo_state(cx) {
        promise.reject_error(cx, e);
        return;
    }
    let ptz = grant.ptz;
    let request = RequestId::next();
    let source = SourceId::next();
    let command = MediaCommand::OpenCamera {
        request,
        source,
        constraints: video.clone(),
        ptz_permitted: ptz,
        device: grant.camera,
    };
    media_events::send_request(cx, request, command, move |cx, result| match result {
        Ok(MediaReply::SourceOpened { state, label, echo }) => {
            imagecapturetest::absorb_echo(cx, echo.as_ref());
            // Create a MediaStream with a track of the source, whose constraints are CS,
            // and resolve p with it.
            let window = promise.global();
            let device_id = state.settings.device_id.clone().unwrap_or_default();
            let track_source =
                TrackSource::new(source, TrackKind::Video, SourceOrigin::Camera, label.clone(), &state, ptz);
            let device = Device { id: device_id, label, kind: DeviceKind::Camera };
            embedder::capture_started(window.page(), &origin, DeviceKind::Camera, device, &track_source);
            let track = MediaStreamTrack::new(cx, &window, track_source, video);
            let stream = match microphone {
                Some(microphone) => {
                    let audio = microphone_track(cx, &window, microphone);
                    MediaStream::new(cx, &window, &[&audio, &track])
                }
                None => MediaStream::new(cx, &window, &[&track]),
            };
            MediaDevices::captured(cx, &window, true, audio_requested);
            promise.resolve_native(cx, &stream);
        }
        Ok(other) => promise.reject_error(cx, Error::Unknown(format!("unexpected reply {other:?}"))),
        // A camera whose pipeline cannot be made (a GStreamer plugin is not installed): "If
        // the user grants permission but a hardware error such as an OS/program/webpage lock
        // prevents access, reject p with a new DOMException object whose name attribute has
        // the value NotReadableError" (the message names the missing element).
        Err(MediaError::NotSupported(m)) => promise.reject_error(cx, Error::NotReadable(m)),
        Err(e) => promise.reject_error(cx, dom_error(e)),
    });
}

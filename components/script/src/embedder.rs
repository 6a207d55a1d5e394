//! What script asks of its embedder and tells it: permission prompts, capture
//! state (which devices a page is capturing), and console records.
//!
//! The embedder installs an [`EmbedderHost`] on the script thread
//! ([`install_host`]); without one, script behaves as a headless host always
//! did: console records print to stdout/stderr, a permission prompt is
//! answered "allow this time" with the User Agent's own device choice, and
//! capture changes go nowhere. The public face of this module is the
//! `aperture` crate, which forwards these calls to delegates on the
//! embedder's thread.
//!
//! State here is per script thread (one per engine instance).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use base::SourceId;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::Enums::PermissionState;
use crate::dom::mediacapture::tracksource::TrackSource;
use crate::dom::permissions::store::{self, PermissionKey};
use crate::script_thread::RemoteTask;

/// Identifies a top-level page an engine loaded (iframes belong to their top-level page's).
#[derive(Clone, Copy, Debug, Default, Eq, Hash, PartialEq, PartialOrd, Ord)]
pub struct PageId(pub u64);

/// A kind of capture device a permission covers.
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq)]
pub enum DeviceKind {
    /// A video input (`{name: "camera"}`).
    Camera,
    /// An audio input (`{name: "microphone"}`).
    Microphone,
}

impl DeviceKind {
    /// The permission name (`"camera"`, `"microphone"`).
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceKind::Camera => "camera",
            DeviceKind::Microphone => "microphone",
        }
    }
}

/// A device the page could be given.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Device {
    /// Its `deviceId` as `enumerateDevices()` shows it to a page with permission.
    pub id: String,
    /// Its human-readable label.
    pub label: String,
    /// Camera or microphone.
    pub kind: DeviceKind,
}

/// A page asks to use capture devices (`getUserMedia()`), and the stored
/// permission state of at least one of them is "prompt"
/// (<https://w3c.github.io/permissions/#dfn-request-permission-to-use>).
#[derive(Clone, Debug)]
pub struct PermissionRequest {
    /// The page that asks.
    pub page: PageId,
    /// The ASCII serialization of the requesting document's origin.
    pub origin: String,
    /// The kinds asked for, cameras first.
    pub kinds: Vec<DeviceKind>,
    /// Whether the page asked to pan, tilt or zoom the camera (`{camera, panTiltZoom: true}`).
    pub pan_tilt_zoom: bool,
    /// The devices of the kinds asked for, as the page could be given them.
    pub devices: Vec<Device>,
}

/// The answer to a [`PermissionRequest`].
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum PermissionDecision {
    /// Allowed. `camera`/`microphone` name the chosen device (`None`: the User
    /// Agent picks the one that best satisfies the page's constraints);
    /// `pan_tilt_zoom` whether moving the camera is allowed too (ignored when
    /// not asked); `remember` stores "granted" for the origin (otherwise the
    /// answer holds for this request only, like "allow this time").
    Allow { camera: Option<String>, microphone: Option<String>, pan_tilt_zoom: bool, remember: bool },
    /// Denied (`NotAllowedError`); `remember` stores "denied" for the origin.
    Deny { remember: bool },
}

/// Answers one permission request from any thread. Dropping it unanswered
/// denies the request (without remembering), so no page waits forever.
pub struct PermissionResponder {
    token: u64,
    remote: crossbeam_channel::Sender<RemoteTask>,
    answered: bool,
}

impl PermissionResponder {
    /// Answers the request. Consumes the responder: a request is answered once.
    pub fn respond(mut self, decision: PermissionDecision) {
        self.answered = true;
        self.send(decision);
    }

    fn send(&self, decision: PermissionDecision) {
        let token = self.token;
        let task: RemoteTask = Box::new(move |cx| answer_prompt(cx, token, decision));
        if self.remote.send(task).is_err() {
            log::warn!("a permission answer came after its engine shut down; ignored");
        }
    }
}

impl Drop for PermissionResponder {
    fn drop(&mut self) {
        if !self.answered {
            self.send(PermissionDecision::Deny { remember: false });
        }
    }
}

impl std::fmt::Debug for PermissionResponder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PermissionResponder").field("token", &self.token).finish()
    }
}

/// Identifies one capture (one opened device) for as long as it runs.
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq)]
pub struct CaptureId(pub u64);

/// A device started or stopped being captured by a page.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct CaptureChange {
    /// The capture.
    pub capture: CaptureId,
    /// The page capturing.
    pub page: PageId,
    /// The origin of the document that opened it.
    pub origin: String,
    /// Camera or microphone.
    pub kind: DeviceKind,
    /// The device's id and label.
    pub device: Device,
    /// True when the capture starts, false when it stops.
    pub active: bool,
}

/// How severe a console record is.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ConsoleLevel {
    /// `console.log`, `console.info`, `console.debug` and friends.
    Log,
    /// `console.warn`.
    Warning,
    /// `console.error`, `console.assert`, `console.trace`.
    Error,
    /// An uncaught exception or unhandled rejection.
    Uncaught,
}

/// One console record, formatted the way Chrome's console shows it.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ConsoleMessage {
    /// The page it came from, when known.
    pub page: Option<PageId>,
    /// Its severity.
    pub level: ConsoleLevel,
    /// The formatted text (may span lines).
    pub text: String,
    /// `url:line:column` of an uncaught error, when known.
    pub location: Option<String>,
    /// `console.group()` nesting depth.
    pub group_depth: usize,
}

impl ConsoleMessage {
    /// The record as the headless host prints it: `location: text` for an
    /// uncaught error, text indented two spaces per group level.
    pub fn to_display_string(&self) -> String {
        let text = match &self.location {
            Some(loc) => format!("{loc}: {}", self.text),
            None => self.text.clone(),
        };
        if self.group_depth == 0 {
            return text;
        }
        let indent = "  ".repeat(self.group_depth);
        text.lines().map(|l| format!("{indent}{l}")).collect::<Vec<_>>().join("\n")
    }

    /// Whether the headless host prints it on stderr (warnings and errors) rather than stdout.
    pub fn is_error_stream(&self) -> bool {
        !matches!(self.level, ConsoleLevel::Log)
    }

    /// Prints it the headless host's way.
    pub fn print(&self) {
        use std::io::Write;
        let text = self.to_display_string();
        if self.is_error_stream() {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        } else {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{text}");
            let _ = out.flush();
        }
    }
}

/// What the embedder does for script. Called on the script thread.
pub trait EmbedderHost {
    /// A page asks for devices whose permission is "prompt". Answer through
    /// `responder`, now or later, from any thread.
    fn request_permission(&self, request: PermissionRequest, responder: PermissionResponder);
    /// A device started or stopped being captured.
    fn capture_changed(&self, change: CaptureChange);
    /// A console record or an uncaught error.
    fn console_message(&self, message: ConsoleMessage);
}

/// A prompt waiting for its answer: what to do with it on the script thread.
type PromptContinuation = Box<dyn FnOnce(&mut JSContext, PermissionDecision)>;

struct Capture {
    change: CaptureChange,
    source: Weak<TrackSource>,
}

thread_local! {
    static HOST: RefCell<Option<Rc<dyn EmbedderHost>>> = const { RefCell::new(None) };
    static PROMPTS: RefCell<HashMap<u64, PromptContinuation>> = RefCell::new(HashMap::new());
    static NEXT_PROMPT: Cell<u64> = const { Cell::new(1) };
    static CAPTURES: RefCell<HashMap<SourceId, Capture>> = RefCell::new(HashMap::new());
}

/// Drops the continuations of open prompts (see `script_thread::teardown`).
pub(crate) fn teardown() -> usize {
    crate::script_thread::drain(&PROMPTS)
}

/// Installs the embedder's host on this (the script) thread.
pub fn install_host(host: Rc<dyn EmbedderHost>) {
    HOST.with(|h| *h.borrow_mut() = Some(host));
}

fn host() -> Option<Rc<dyn EmbedderHost>> {
    HOST.try_with(|h| h.borrow().clone()).ok().flatten()
}

/// Hands a console record to the embedder (printed when there is none).
pub fn console_message(message: ConsoleMessage) {
    match host() {
        Some(h) => h.console_message(message),
        None => message.print(),
    }
}

/// Asks the embedder about `request`; `then` runs on the script thread with
/// the answer. The event loop stays alive while the question is open.
pub fn request_permission(request: PermissionRequest, then: PromptContinuation) {
    let token = NEXT_PROMPT.with(|n| n.replace(n.get() + 1));
    PROMPTS.with(|p| p.borrow_mut().insert(token, then));
    crate::script_thread::request_started();
    let responder = PermissionResponder { token, remote: crate::script_thread::remote_task_sender(), answered: false };
    match host() {
        Some(h) => h.request_permission(request, responder),
        // Nobody to ask: allow this time, with the User Agent's own choice of device.
        None => responder.respond(PermissionDecision::Allow {
            camera: None,
            microphone: None,
            pan_tilt_zoom: true,
            remember: false,
        }),
    }
}

fn answer_prompt(cx: &mut JSContext, token: u64, decision: PermissionDecision) {
    let Some(then) = PROMPTS.with(|p| p.borrow_mut().remove(&token)) else {
        log::warn!("permission prompt {token} was already answered; the second answer is ignored");
        return;
    };
    crate::script_thread::request_settled();
    then(cx, decision);
}

/// A capture source started: tell the embedder, and remember it so the
/// embedder can stop it or a revocation can end it.
pub fn capture_started(page: PageId, origin: &str, kind: DeviceKind, device: Device, source: &Rc<TrackSource>) {
    let change = CaptureChange {
        capture: CaptureId(source.id().0),
        page,
        origin: origin.to_owned(),
        kind,
        device,
        active: true,
    };
    CAPTURES.with(|c| {
        c.borrow_mut().insert(source.id(), Capture { change: change.clone(), source: Rc::downgrade(source) })
    });
    if let Some(h) = host() {
        h.capture_changed(change);
    }
}

/// A capture source stopped (its last track ended, the device went away, the
/// embedder stopped it). Nothing happens for sources that are not captures.
pub fn capture_stopped(source: SourceId) {
    let Ok(Some(capture)) = CAPTURES.try_with(|c| c.borrow_mut().remove(&source)) else {
        return;
    };
    if let Some(h) = host() {
        h.capture_changed(CaptureChange { active: false, ..capture.change });
    }
}

/// The embedder stops a capture: its tracks end and fire `ended`, and the
/// device is released. An unknown or finished capture is logged and ignored.
pub fn stop_capture(cx: &mut JSContext, capture: CaptureId, reason: &str) {
    let source = CAPTURES.with(|c| c.borrow().get(&SourceId(capture.0)).and_then(|c| c.source.upgrade()));
    match source {
        Some(source) => source.stop_by_user_agent(cx, reason),
        None => log::warn!("stop_capture: {capture:?} is not running; ignored"),
    }
}

/// The running captures of `origin` of `kind` (for a revocation).
pub fn captures_of(origin: &str, kind: DeviceKind) -> Vec<CaptureId> {
    CAPTURES.with(|c| {
        c.borrow()
            .values()
            .filter(|c| c.change.origin == origin && c.change.kind == kind)
            .map(|c| c.change.capture)
            .collect()
    })
}

/// A permission state as the embedder sets it.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum PermissionSetting {
    /// Allowed without asking.
    Granted,
    /// Refused without asking (`NotAllowedError`).
    Denied,
    /// Asked through the embedder's prompt.
    Prompt,
}

fn key_of(kind: DeviceKind, pan_tilt_zoom: bool) -> PermissionKey {
    match (kind, pan_tilt_zoom) {
        (DeviceKind::Camera, false) => PermissionKey::Camera,
        (DeviceKind::Camera, true) => PermissionKey::CameraPanTiltZoom,
        (DeviceKind::Microphone, _) => PermissionKey::Microphone,
    }
}

fn state_of(setting: PermissionSetting) -> PermissionState {
    match setting {
        PermissionSetting::Granted => PermissionState::Granted,
        PermissionSetting::Denied => PermissionState::Denied,
        PermissionSetting::Prompt => PermissionState::Prompt,
    }
}

/// The state every origin starts from for `kind` (`pan_tilt_zoom`: the
/// `{camera, panTiltZoom: true}` permission).
pub fn set_default_permission(kind: DeviceKind, pan_tilt_zoom: bool, setting: PermissionSetting) {
    store::set_default(key_of(kind, pan_tilt_zoom), state_of(setting));
}

/// The embedder's devices changed (cameras came or went): every window's
/// `navigator.mediaDevices` runs the device change notification steps.
pub fn devices_changed(cx: &mut JSContext) {
    use crate::dom::bindings::codegen::WindowBinding::WindowMethods;
    for window in crate::script_thread::windows() {
        if let Some(devices) = window.Navigator(cx).media_devices_if_created() {
            devices.devices_changed(cx);
        }
    }
}

/// The embedder sets a permission of `origin`. Revoking one ("denied") ends
/// the captures it covered: their tracks fire `ended`.
pub fn set_permission(
    cx: &mut JSContext,
    origin: &str,
    kind: DeviceKind,
    pan_tilt_zoom: bool,
    setting: PermissionSetting,
) {
    crate::dom::permissions::permissions::set_state(origin, key_of(kind, pan_tilt_zoom), state_of(setting));
    // Pan/tilt/zoom revoked alone leaves the camera running (applyConstraints() of pan,
    // tilt or zoom fails from now on); the camera revoked ends its captures.
    if setting == PermissionSetting::Denied && !(kind == DeviceKind::Camera && pan_tilt_zoom) {
        for capture in captures_of(origin, kind) {
            stop_capture(cx, capture, "permission revoked");
        }
    }
}

pub use crate::dom::uievents::userinput::UserInput;

/// The embedder delivers user input to `page` (its top-level window): trusted events fire, with
/// the user activation they give (`dom/uievents/userinput.rs`). Input for a page that is gone
/// is dropped.
pub fn send_input(cx: &mut JSContext, page: PageId, input: &UserInput) {
    let window = crate::script_thread::windows().into_iter().find(|w| w.page() == page && w.parent_window().is_none());
    match window {
        Some(window) => crate::dom::uievents::userinput::dispatch(cx, &window, input),
        None => log::warn!("input for page {page:?}, which has no window: dropped"),
    }
}

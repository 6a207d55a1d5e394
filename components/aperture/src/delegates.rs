//! The traits an embedder implements. Each method has a default, the one the
//! bundled headless host (`aperture` the binary) uses.

use script::embedder::{CaptureChange, ConsoleMessage, PermissionDecision, PermissionRequest, PermissionResponder};

/// Answers pages' requests to use cameras and microphones.
pub trait PermissionDelegate {
    /// A page asks for devices whose permission is "prompt". Answer through
    /// `responder` now, or keep it and answer later from any thread; dropping
    /// it unanswered denies. The default allows this time (nothing
    /// remembered), with the User Agent's choice of device and pan/tilt/zoom
    /// when asked.
    fn request_permission(&mut self, request: PermissionRequest, responder: PermissionResponder) {
        let _ = request;
        responder.respond(PermissionDecision::Allow {
            camera: None,
            microphone: None,
            pan_tilt_zoom: true,
            remember: false,
        });
    }
}

/// Learns which devices pages capture (for a recording indicator).
pub trait CaptureDelegate {
    /// A device started (`change.active`) or stopped being captured. Starts
    /// and stops of one capture come in that order. The default ignores them.
    fn capture_changed(&mut self, change: CaptureChange) {
        let _ = change;
    }
}

/// Receives console records and uncaught errors.
pub trait ConsoleDelegate {
    /// A console record or an uncaught error. The default prints it the headless
    /// host's way: `log`/`info`/`debug` on stdout, the rest on stderr.
    fn console_message(&mut self, message: ConsoleMessage) {
        message.print();
    }
}

/// The headless host's delegates: all defaults.
pub(crate) struct Defaults;

impl PermissionDelegate for Defaults {}
impl CaptureDelegate for Defaults {}
impl ConsoleDelegate for Defaults {}

/// A fixed answer to every prompt, for embedders (and tests) without a person
/// to ask: allow (optionally with a chosen camera, optionally remembered) or deny.
#[derive(Clone, Debug)]
pub struct PermissionPolicy(pub PermissionDecision);

impl PermissionPolicy {
    /// Allows every request this time, with the User Agent's choice of device.
    pub fn allow() -> PermissionPolicy {
        PermissionPolicy(PermissionDecision::Allow {
            camera: None,
            microphone: None,
            pan_tilt_zoom: true,
            remember: false,
        })
    }

    /// Denies every request this time.
    pub fn deny() -> PermissionPolicy {
        PermissionPolicy(PermissionDecision::Deny { remember: false })
    }
}

impl PermissionDelegate for PermissionPolicy {
    fn request_permission(&mut self, _request: PermissionRequest, responder: PermissionResponder) {
        responder.respond(self.0.clone());
    }
}

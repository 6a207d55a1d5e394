//! The permission store: one state per origin and permission key
//! (<https://w3c.github.io/permissions/#dfn-permission-store>).
//!
//! Defaults, decided for a headless host whose pages are all local (files and
//! `http://localhost`, i.e. potentially trustworthy origins): "camera" and
//! "microphone" are "granted", as if the person running the host had allowed
//! them for the page; "camera" with `panTiltZoom` is "prompt", so pan, tilt
//! and zoom are only exposed when a page asks for them (see
//! [`ptz_permitted_for_request`]) or the test driver grants them
//! (`apertureTest.setPermission`). A state set for an origin lasts as long as
//! the process.
//!
//! Descriptor strength (<https://w3c.github.io/permissions/#dfn-stronger-than>):
//! `{camera, panTiltZoom: true}` is stronger than `{camera}`, so granting the
//! first grants the second, and the first never reads as more permissive than
//! the second (denying the camera denies pan/tilt/zoom with it).

use std::cell::RefCell;
use std::collections::HashMap;

use crate::dom::bindings::codegen::Enums::PermissionState;

/// A permission Aperture knows, as named by its descriptor.
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq)]
pub enum PermissionKey {
    /// `{name: "camera"}`.
    Camera,
    /// `{name: "camera", panTiltZoom: true}`.
    CameraPanTiltZoom,
    /// `{name: "microphone"}`.
    Microphone,
}

impl PermissionKey {
    /// The descriptor's `name`.
    pub fn name(self) -> &'static str {
        match self {
            PermissionKey::Camera | PermissionKey::CameraPanTiltZoom => "camera",
            PermissionKey::Microphone => "microphone",
        }
    }

    /// The state before anything was set for an origin: the embedder's policy
    /// ([`set_default`]), else the headless host's.
    fn default_state(self) -> PermissionState {
        if let Some(state) = DEFAULTS.with(|d| d.borrow().get(&self).copied()) {
            return state;
        }
        match self {
            PermissionKey::Camera | PermissionKey::Microphone => PermissionState::Granted,
            PermissionKey::CameraPanTiltZoom => PermissionState::Prompt,
        }
    }
}

/// Sets the state every origin starts from for `key` (the embedder's policy).
pub fn set_default(key: PermissionKey, state: PermissionState) {
    DEFAULTS.with(|d| d.borrow_mut().insert(key, state));
}

thread_local! {
    static DEFAULTS: RefCell<HashMap<PermissionKey, PermissionState>> = RefCell::new(HashMap::new());
    static STORE: RefCell<HashMap<(String, PermissionKey), PermissionState>> = RefCell::new(HashMap::new());
}

fn rank(s: PermissionState) -> u8 {
    match s {
        PermissionState::Denied => 0,
        PermissionState::Prompt => 1,
        PermissionState::Granted => 2,
    }
}

fn stored(origin: &str, key: PermissionKey) -> PermissionState {
    STORE.with(|s| s.borrow().get(&(origin.to_owned(), key)).copied()).unwrap_or_else(|| key.default_state())
}

/// The state of `key` for `origin` (an origin's ASCII serialization). A
/// stronger descriptor is never more permissive than a weaker one, so
/// `{camera, panTiltZoom}` reads as at most what `{camera}` is.
pub fn state(origin: &str, key: PermissionKey) -> PermissionState {
    let own = stored(origin, key);
    match key {
        PermissionKey::CameraPanTiltZoom => {
            let camera = stored(origin, PermissionKey::Camera);
            if rank(camera) < rank(own) { camera } else { own }
        }
        _ => own,
    }
}

/// Sets the state of `key` for `origin`. Granting `{camera, panTiltZoom}` also
/// grants `{camera}` (what the stronger allows, the weaker allows).
pub fn set(origin: &str, key: PermissionKey, value: PermissionState) {
    let put = |k: PermissionKey, v: PermissionState| {
        STORE.with(|s| s.borrow_mut().insert((origin.to_owned(), k), v));
    };
    put(key, value);
    if key == PermissionKey::CameraPanTiltZoom && value == PermissionState::Granted {
        put(PermissionKey::Camera, value);
    }
}

/// Whether a camera opened now for a request that `asks_for_ptz` (pan, tilt or
/// zoom present with a value other than `false`) may expose pan/tilt/zoom
/// (<https://w3c.github.io/mediacapture-image/#pan>): yes when the PTZ
/// permission is granted, or when it is "prompt" and the page asked (the host
/// has nobody to ask, so a prompt is answered "allow", as for the camera).
pub fn ptz_permitted_for_request(origin: &str, asks_for_ptz: bool) -> bool {
    match state(origin, PermissionKey::CameraPanTiltZoom) {
        PermissionState::Granted => true,
        PermissionState::Prompt => asks_for_ptz,
        PermissionState::Denied => false,
    }
}

/// Whether pan/tilt/zoom may be used now (applyConstraints) on a camera that
/// was opened with them permitted or not: a later grant or denial by the test
/// driver wins, an unanswered prompt keeps what was decided at opening.
pub fn ptz_permitted_for_track(origin: &str, permitted_at_open: bool) -> bool {
    match state(origin, PermissionKey::CameraPanTiltZoom) {
        PermissionState::Granted => true,
        PermissionState::Prompt => permitted_at_open,
        PermissionState::Denied => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_strength() {
        let o = "http://127.0.0.1:1";
        assert_eq!(state(o, PermissionKey::Camera), PermissionState::Granted);
        assert_eq!(state(o, PermissionKey::CameraPanTiltZoom), PermissionState::Prompt);
        set(o, PermissionKey::CameraPanTiltZoom, PermissionState::Granted);
        assert_eq!(state(o, PermissionKey::Camera), PermissionState::Granted);
        set(o, PermissionKey::Camera, PermissionState::Denied);
        assert_eq!(state(o, PermissionKey::CameraPanTiltZoom), PermissionState::Denied);
        assert!(!ptz_permitted_for_request(o, true));
        set(o, PermissionKey::Camera, PermissionState::Granted);
        assert_eq!(
            state(o, PermissionKey::CameraPanTiltZoom),
            PermissionState::Granted,
            "the stronger one keeps its own state"
        );
        set(o, PermissionKey::CameraPanTiltZoom, PermissionState::Prompt);
        assert_eq!(
            state(o, PermissionKey::Camera),
            PermissionState::Granted,
            "resetting the stronger leaves the weaker"
        );
        assert_eq!(state("http://other", PermissionKey::Camera), PermissionState::Granted, "per origin");
    }
}

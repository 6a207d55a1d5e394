//! Aperture's fake microphone: the audio input device of a headless host.
//!
//! Aperture captures no audio and has no audio output, so its microphone is a
//! device with identity and constraints: a page that asks for audio and video
//! (most camera pages do) gets a live audio track it can stop, clone, inspect
//! and record. It lives on the script side; its signal is a 440 Hz tone
//! (`media_traits::recorder::FAKE_MICROPHONE_TONE_*`), made on the Media thread
//! (`audiotestsrc`) when a `MediaRecorder` records it and on the Web Audio render
//! thread when a `MediaStreamAudioSourceNode` takes it. Of the constrainable properties Aperture defines, only
//! `deviceId` and `groupId` apply to audio; the others are "not defined for
//! MediaStreamTrack objects of type audio" and are ignored
//! (<https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia>).

use media_traits::constraints::{MediaTrackConstraintSet, MediaTrackConstraints, Normalized, Property};
use media_traits::messages::DeviceInfo;
use media_traits::settings::{MediaTrackCapabilities, MediaTrackSettings, TrackState};

use crate::dom::bindings::error::Error;

pub const DEVICE_ID: &str = "aperture-fake-microphone";
pub const GROUP_ID: &str = "group:aperture-fake-microphone";
pub const LABEL: &str = "Aperture Fake Microphone (silent)";

/// The device, as `enumerateDevices()` lists it (kind "audioinput").
pub fn device_info() -> DeviceInfo {
    DeviceInfo {
        device_id: DEVICE_ID.into(),
        group_id: GROUP_ID.into(),
        label: LABEL.into(),
        is_fake: true,
        capabilities: state().capabilities,
    }
}

/// The settings and capabilities of its track.
pub fn state() -> TrackState {
    TrackState {
        settings: MediaTrackSettings {
            device_id: Some(DEVICE_ID.into()),
            group_id: Some(GROUP_ID.into()),
            ..Default::default()
        },
        capabilities: MediaTrackCapabilities {
            device_id: Some(DEVICE_ID.into()),
            group_id: Some(GROUP_ID.into()),
            ..Default::default()
        },
        constraints: MediaTrackConstraints::default(),
    }
}

/// The first property of `set` (taken as required when `required`) the
/// microphone does not satisfy.
fn failed(set: &MediaTrackConstraintSet, bare_is_exact: bool) -> Option<Property> {
    [(Property::DeviceId, DEVICE_ID), (Property::GroupId, GROUP_ID)].into_iter().find_map(|(p, value)| {
        match set.get(p, bare_is_exact) {
            Some(Normalized::Strings { exact: Some(allowed), .. }) if !allowed.iter().any(|a| a == value) => Some(p),
            _ => None,
        }
    })
}

/// SelectSettings over the one microphone: the required `deviceId`/`groupId`
/// of the basic set must match (else OverconstrainedError naming it);
/// advanced sets that do not match are skipped, as the algorithm does.
pub fn select(constraints: &MediaTrackConstraints) -> Result<(), Error> {
    match failed(&constraints.basic, false) {
        Some(p) => Err(Error::Overconstrained {
            constraint: p.name().into(),
            message: format!("the microphone does not satisfy the required constraint '{}'", p.name()),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use media_traits::constraints::{ConstrainDOMString, StringOrList};

    #[test]
    fn only_device_and_group_ids_constrain_the_microphone() {
        let mut c = MediaTrackConstraints::default();
        assert!(select(&c).is_ok());
        c.basic.width = Some(media_traits::constraints::Constrain::Bare(640));
        assert!(select(&c).is_ok(), "video properties are not defined for audio");
        c.basic.device_id = Some(ConstrainDOMString::Bare(StringOrList::One("other".into())));
        assert!(select(&c).is_ok(), "a bare deviceId is ideal");
        c.basic.device_id =
            Some(ConstrainDOMString::Params { exact: Some(StringOrList::One("other".into())), ideal: None });
        assert!(matches!(select(&c), Err(Error::Overconstrained { constraint, .. }) if constraint == "deviceId"));
        c.basic.device_id = Some(ConstrainDOMString::Params {
            exact: Some(StringOrList::List(vec!["x".into(), DEVICE_ID.into()])),
            ideal: None,
        });
        assert!(select(&c).is_ok());
    }
}

//! Aperture's fake microphone: the audio input device of a headless host.
//!
//! Aperture captures no audio and has no audio output, so its microphone is a
//! device with identity and constraints: a page that asks for audio and video
//! (most camera pages do) gets a live audio track it can stop, clone, inspect
//! and record. It lives on the script side; its signal is a 440 Hz tone
//! (`media_traits::recorder::FAKE_MICROPHONE_TONE_*`), made on the Media thread
//! (`audiotestsrc`) when a `MediaRecorder` records it and on the Web Audio render
//! thread when a `MediaStreamAudioSourceNode` takes it.
//!
//! Its constrainable properties are those Media Capture and Streams defines for
//! audio (and `voiceIsolation` of its extensions, which Chromium has): one mono
//! 16-bit stream at 48 kHz with 10 ms latency, and the processing switches
//! (`echoCancellation` with the "all" and "remote-only" modes, `autoGainControl`,
//! `noiseSuppression`, `voiceIsolation`) that a page may turn on or off. They
//! change what `getSettings()` reports, not the tone: there is no signal to
//! process. The video properties are "not defined for MediaStreamTrack objects of
//! type audio" and are ignored
//! (<https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia>).

use media_traits::constraints::{BoolOrString, MediaTrackConstraintSet, MediaTrackConstraints, Normalized, Property};
use media_traits::messages::DeviceInfo;
use media_traits::settings::{MediaTrackCapabilities, MediaTrackSettings, NumberRange, TrackState};

use crate::dom::bindings::error::Error;

pub const DEVICE_ID: &str = "aperture-fake-microphone";
pub const GROUP_ID: &str = "group:aperture-fake-microphone";
pub const LABEL: &str = "Aperture Fake Microphone (silent)";

const SAMPLE_RATE: u32 = 48_000;
const SAMPLE_SIZE: u32 = 16;
const CHANNEL_COUNT: u32 = 1;
const LATENCY: f64 = 0.01;

/// The echo-cancellation values the device offers: the two switch values and
/// the two modes of <https://w3c.github.io/mediacapture-main/#dom-echocancellationmodeenum>.
fn echo_values() -> Vec<BoolOrString> {
    vec![
        BoolOrString::Bool(true),
        BoolOrString::Bool(false),
        BoolOrString::Str("all".into()),
        BoolOrString::Str("remote-only".into()),
    ]
}

/// The device, as `enumerateDevices()` lists it (kind "audioinput").
pub fn device_info() -> DeviceInfo {
    DeviceInfo {
        device_id: DEVICE_ID.into(),
        group_id: GROUP_ID.into(),
        label: LABEL.into(),
        is_fake: true,
        capabilities: capabilities(),
    }
}

/// What the microphone can do (`getCapabilities()`).
fn capabilities() -> MediaTrackCapabilities {
    let fixed = |v: u32| Some(NumberRange { min: v, max: v });
    MediaTrackCapabilities {
        sample_rate: fixed(SAMPLE_RATE),
        sample_size: fixed(SAMPLE_SIZE),
        channel_count: fixed(CHANNEL_COUNT),
        latency: Some(NumberRange { min: LATENCY, max: LATENCY }),
        echo_cancellation: Some(echo_values()),
        auto_gain_control: Some(vec![true, false]),
        noise_suppression: Some(vec![true, false]),
        voice_isolation: Some(vec![true, false]),
        device_id: Some(DEVICE_ID.into()),
        group_id: Some(GROUP_ID.into()),
        ..Default::default()
    }
}

/// The values still possible for the properties a page can switch, while
/// SelectSettings narrows them.
#[derive(Clone)]
struct Space {
    echo: Vec<BoolOrString>,
    /// autoGainControl, noiseSuppression, voiceIsolation.
    switches: [Vec<bool>; 3],
}

const SWITCHES: [Property; 3] = [Property::AutoGainControl, Property::NoiseSuppression, Property::VoiceIsolation];
/// The value of each switch when nothing asks for one (Chromium's defaults).
const SWITCH_DEFAULTS: [bool; 3] = [true, true, false];

impl Space {
    fn full() -> Space {
        Space { echo: echo_values(), switches: [vec![true, false], vec![true, false], vec![true, false]] }
    }

    /// The space left once the required part of the constraint on `p` holds, or
    /// `None` when no value satisfies it (its fitness distance is infinite for every
    /// settings dictionary).
    fn restrict(&self, p: Property, n: &Normalized) -> Option<Space> {
        let mut s = self.clone();
        let fixed_number = |v: f64| match n {
            Normalized::Number { min, max, exact, .. } => {
                min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m) && exact.is_none_or(|e| v == e)
            }
            _ => true,
        };
        let ok = match (p, n) {
            (Property::SampleRate, _) => fixed_number(f64::from(SAMPLE_RATE)),
            (Property::SampleSize, _) => fixed_number(f64::from(SAMPLE_SIZE)),
            (Property::ChannelCount, _) => fixed_number(f64::from(CHANNEL_COUNT)),
            (Property::Latency, _) => fixed_number(LATENCY),
            (Property::DeviceId, Normalized::Strings { exact: Some(allowed), .. }) => {
                allowed.iter().any(|a| a == DEVICE_ID)
            }
            (Property::GroupId, Normalized::Strings { exact: Some(allowed), .. }) => {
                allowed.iter().any(|a| a == GROUP_ID)
            }
            (Property::EchoCancellation, Normalized::Echo { exact: Some(v), .. }) => {
                s.echo.retain(|e| e == v);
                !s.echo.is_empty()
            }
            (_, Normalized::Boolean { exact: Some(b), .. }) => match SWITCHES.iter().position(|q| *q == p) {
                Some(i) => {
                    s.switches[i].retain(|v| v == b);
                    !s.switches[i].is_empty()
                }
                None => true,
            },
            _ => true,
        };
        ok.then_some(s)
    }

    /// Every constraint of `set` that applies to audio, in IDL order; on failure
    /// the first property that alone leaves nothing.
    fn restrict_set(&self, set: &MediaTrackConstraintSet, advanced: bool) -> Result<Space, Property> {
        let mut s = self.clone();
        for p in Property::ALL.into_iter().filter(|p| p.applies_to_audio()) {
            if let Some(n) = set.get(p, advanced) {
                s = s.restrict(p, &n).ok_or(p)?;
            }
        }
        Ok(s)
    }
}

/// SelectSettings over the one microphone
/// (<https://w3c.github.io/mediacapture-main/#dfn-selectsettings>): the required
/// constraints of the basic set must hold (else an OverconstrainedError naming the
/// first that fails), advanced sets that cannot hold are skipped, and among what is
/// left the basic set's ideal values win, then the defaults. Returns the track's
/// settings and capabilities, with `constraints` as its `getConstraints()`.
pub fn select(constraints: &MediaTrackConstraints) -> Result<TrackState, Error> {
    let mut space = Space::full().restrict_set(&constraints.basic, false).map_err(|p| Error::Overconstrained {
        constraint: p.name().into(),
        message: format!("the microphone does not satisfy the required constraint '{}'", p.name()),
    })?;
    for set in constraints.advanced.iter().flatten() {
        if let Ok(narrowed) = space.restrict_set(set, true) {
            space = narrowed;
        }
    }
    let ideal_echo = match constraints.basic.get(Property::EchoCancellation, false) {
        Some(Normalized::Echo { ideal: Some(v), .. }) => Some(v),
        _ => None,
    };
    let echo = ideal_echo
        .filter(|v| space.echo.contains(v))
        .or_else(|| space.echo.first().cloned())
        .unwrap_or(BoolOrString::Bool(true));
    let switch = |i: usize| {
        let allowed = &space.switches[i];
        let ideal = match constraints.basic.get(SWITCHES[i], false) {
            Some(Normalized::Boolean { ideal: Some(b), .. }) => Some(b),
            _ => None,
        };
        [ideal, Some(SWITCH_DEFAULTS[i])]
            .into_iter()
            .flatten()
            .find(|v| allowed.contains(v))
            .or_else(|| allowed.first().copied())
            .unwrap_or(SWITCH_DEFAULTS[i])
    };
    Ok(TrackState {
        settings: MediaTrackSettings {
            sample_rate: Some(SAMPLE_RATE),
            sample_size: Some(SAMPLE_SIZE),
            channel_count: Some(CHANNEL_COUNT),
            latency: Some(LATENCY),
            echo_cancellation: Some(echo),
            auto_gain_control: Some(switch(0)),
            noise_suppression: Some(switch(1)),
            voice_isolation: Some(switch(2)),
            device_id: Some(DEVICE_ID.into()),
            group_id: Some(GROUP_ID.into()),
            ..Default::default()
        },
        capabilities: capabilities(),
        constraints: constraints.clone(),
    })
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

    #[test]
    fn audio_properties_are_selected() {
        use media_traits::constraints::{Constrain, ConstrainBoolOrString, ConstrainBoolean, ConstrainRange};
        let mut c = MediaTrackConstraints::default();
        let s = select(&c).unwrap().settings;
        assert_eq!(s.echo_cancellation, Some(BoolOrString::Bool(true)));
        assert_eq!(
            (s.auto_gain_control, s.noise_suppression, s.voice_isolation),
            (Some(true), Some(true), Some(false))
        );
        assert_eq!(s.sample_rate, Some(48_000));
        c.basic.echo_cancellation =
            Some(ConstrainBoolOrString::Params { exact: Some(BoolOrString::Str("remote-only".into())), ideal: None });
        c.basic.noise_suppression = Some(ConstrainBoolean::Bare(false));
        let s = select(&c).unwrap().settings;
        assert_eq!(s.echo_cancellation, Some(BoolOrString::Str("remote-only".into())));
        assert_eq!(s.noise_suppression, Some(false), "a bare boolean is ideal");
        c.basic.echo_cancellation =
            Some(ConstrainBoolOrString::Params { exact: Some(BoolOrString::Str("some".into())), ideal: None });
        assert!(
            matches!(select(&c), Err(Error::Overconstrained { constraint, .. }) if constraint == "echoCancellation")
        );
        c.basic.echo_cancellation = None;
        c.basic.sample_rate = Some(Constrain::Range(ConstrainRange { min: Some(96_000), ..Default::default() }));
        assert!(matches!(select(&c), Err(Error::Overconstrained { constraint, .. }) if constraint == "sampleRate"));
        c.basic.sample_rate = None;
        c.advanced = Some(vec![
            MediaTrackConstraintSet { channel_count: Some(Constrain::Bare(2)), ..Default::default() },
            MediaTrackConstraintSet { auto_gain_control: Some(ConstrainBoolean::Bare(false)), ..Default::default() },
        ]);
        let s = select(&c).unwrap().settings;
        assert_eq!(
            (s.channel_count, s.auto_gain_control),
            (Some(1), Some(false)),
            "an impossible advanced set is skipped"
        );
    }
}

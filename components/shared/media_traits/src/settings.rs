//! Content of `getSettings()`, `getCapabilities()` and `getConstraints()`
//! (<https://w3c.github.io/mediacapture-main/#dom-constrainablepattern-getsettings>,
//! <https://w3c.github.io/mediacapture-main/#dom-constrainablepattern-getcapabilities>,
//! <https://w3c.github.io/mediacapture-main/#dom-constrainablepattern-getconstraints>)
//! as plain data; script turns each `Some` into a dictionary member.

use crate::constraints::{BoolOrString, MediaTrackConstraints, Point2D, Property};
use crate::photo::{MediaSettingsRange, PhotoState};
use crate::select::{ActiveMode, DeviceModel, ResizeMode};

/// `MediaTrackSettings` with the image-capture members
/// (<https://w3c.github.io/mediacapture-image/#mediatracksettings-section>).
#[derive(Clone, Debug, Default, PartialEq)]
#[allow(missing_docs)]
pub struct MediaTrackSettings {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub aspect_ratio: Option<f64>,
    pub frame_rate: Option<f64>,
    pub facing_mode: Option<String>,
    pub resize_mode: Option<String>,
    pub sample_rate: Option<u32>,
    pub sample_size: Option<u32>,
    pub echo_cancellation: Option<BoolOrString>,
    pub auto_gain_control: Option<bool>,
    pub noise_suppression: Option<bool>,
    pub voice_isolation: Option<bool>,
    pub latency: Option<f64>,
    pub channel_count: Option<u32>,
    pub device_id: Option<String>,
    pub group_id: Option<String>,
    pub white_balance_mode: Option<String>,
    pub exposure_mode: Option<String>,
    pub focus_mode: Option<String>,
    pub points_of_interest: Option<Vec<Point2D>>,
    pub exposure_compensation: Option<f64>,
    pub exposure_time: Option<f64>,
    pub color_temperature: Option<f64>,
    pub iso: Option<f64>,
    pub brightness: Option<f64>,
    pub contrast: Option<f64>,
    pub saturation: Option<f64>,
    pub sharpness: Option<f64>,
    pub focus_distance: Option<f64>,
    pub pan: Option<f64>,
    pub tilt: Option<f64>,
    pub zoom: Option<f64>,
    pub torch: Option<bool>,
}

/// `ULongRange` / `DoubleRange`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NumberRange<T> {
    /// `min`
    pub min: T,
    /// `max`
    pub max: T,
}

/// `MediaTrackCapabilities` with the image-capture members
/// (<https://w3c.github.io/mediacapture-image/#mediatrackcapabilities-section>).
#[derive(Clone, Debug, Default, PartialEq)]
#[allow(missing_docs)]
pub struct MediaTrackCapabilities {
    pub width: Option<NumberRange<u32>>,
    pub height: Option<NumberRange<u32>>,
    pub aspect_ratio: Option<NumberRange<f64>>,
    pub frame_rate: Option<NumberRange<f64>>,
    pub facing_mode: Option<Vec<String>>,
    pub resize_mode: Option<Vec<String>>,
    pub sample_rate: Option<NumberRange<u32>>,
    pub sample_size: Option<NumberRange<u32>>,
    /// `sequence<(boolean or DOMString)>`: the switch values and the modes the device offers.
    pub echo_cancellation: Option<Vec<BoolOrString>>,
    pub auto_gain_control: Option<Vec<bool>>,
    pub noise_suppression: Option<Vec<bool>>,
    pub voice_isolation: Option<Vec<bool>>,
    pub latency: Option<NumberRange<f64>>,
    pub channel_count: Option<NumberRange<u32>>,
    pub device_id: Option<String>,
    pub group_id: Option<String>,
    pub white_balance_mode: Option<Vec<String>>,
    pub exposure_mode: Option<Vec<String>>,
    pub focus_mode: Option<Vec<String>>,
    pub exposure_compensation: Option<MediaSettingsRange>,
    pub exposure_time: Option<MediaSettingsRange>,
    pub color_temperature: Option<MediaSettingsRange>,
    pub iso: Option<MediaSettingsRange>,
    pub brightness: Option<MediaSettingsRange>,
    pub contrast: Option<MediaSettingsRange>,
    pub saturation: Option<MediaSettingsRange>,
    pub sharpness: Option<MediaSettingsRange>,
    pub focus_distance: Option<MediaSettingsRange>,
    pub pan: Option<MediaSettingsRange>,
    pub tilt: Option<MediaSettingsRange>,
    pub zoom: Option<MediaSettingsRange>,
    /// `sequence<boolean>`: `[false, true]` when the torch can be switched.
    pub torch: Option<Vec<bool>>,
}

/// The three dictionaries of a track, as of the last reply or event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrackState {
    /// `getSettings()`.
    pub settings: MediaTrackSettings,
    /// `getCapabilities()`.
    pub capabilities: MediaTrackCapabilities,
    /// `getConstraints()`: the constraints last applied, echoed as given.
    pub constraints: MediaTrackConstraints,
}

fn ptz_visible(p: Property, ptz_permitted: bool) -> bool {
    ptz_permitted || !p.is_ptz()
}

/// Builds the three dictionaries for a source described by `model` running in
/// `mode`, whose image-capture values are `model.photo`'s current ones.
/// Without the PTZ permission, pan/tilt/zoom are left out of both settings and
/// capabilities (<https://w3c.github.io/mediacapture-image/#dom-mediatrackcapabilities-pan>:
/// the range MUST NOT be exposed; Aperture, like Chromium, omits it entirely).
pub fn track_state(
    model: &DeviceModel,
    mode: &ActiveMode,
    applied: &MediaTrackConstraints,
    ptz_permitted: bool,
) -> TrackState {
    let photo: &PhotoState = &model.photo;
    let mut s = MediaTrackSettings {
        width: Some(mode.width),
        height: Some(mode.height),
        aspect_ratio: Some(mode.width as f64 / mode.height.max(1) as f64),
        frame_rate: Some(mode.frame_rate),
        facing_mode: model.facing_mode.clone(),
        resize_mode: Some(mode.resize_mode.as_str().to_owned()),
        device_id: Some(model.device_id.clone()),
        group_id: Some(model.group_id.clone()),
        ..Default::default()
    };
    let mut c = MediaTrackCapabilities {
        device_id: Some(model.device_id.clone()),
        group_id: Some(model.group_id.clone()),
        facing_mode: Some(model.facing_mode.iter().cloned().collect()),
        ..Default::default()
    };
    if !model.modes.is_empty() {
        let max_w = model.modes.iter().map(|m| m.width).max().unwrap_or(0);
        let max_h = model.modes.iter().map(|m| m.height).max().unwrap_or(0);
        let max_f = model.modes.iter().map(|m| m.frame_rate).fold(0.0, f64::max);
        let min_w = model.modes.iter().map(|m| m.width).min().unwrap_or(0);
        let min_h = model.modes.iter().map(|m| m.height).min().unwrap_or(0);
        let min_f = model.modes.iter().map(|m| m.frame_rate).fold(f64::INFINITY, f64::min);
        let scale = model.crop_and_scale;
        c.width = Some(NumberRange { min: if scale { 1 } else { min_w }, max: max_w });
        c.height = Some(NumberRange { min: if scale { 1 } else { min_h }, max: max_h });
        let aspects = model.modes.iter().map(|m| m.width as f64 / m.height.max(1) as f64);
        c.aspect_ratio = Some(if scale {
            NumberRange { min: 1.0 / max_h.max(1) as f64, max: max_w as f64 }
        } else {
            NumberRange { min: aspects.clone().fold(f64::INFINITY, f64::min), max: aspects.fold(0.0, f64::max) }
        });
        c.frame_rate = Some(NumberRange { min: if scale { 1.0_f64.min(min_f) } else { min_f }, max: max_f });
        let mut resize = vec![ResizeMode::None.as_str().to_owned()];
        if scale {
            resize.push(ResizeMode::CropAndScale.as_str().to_owned());
        }
        c.resize_mode = Some(resize);
    }
    for p in Property::IMAGE_NUMERIC {
        let Some(range) = photo.range(p).filter(|_| ptz_visible(p, ptz_permitted)) else { continue };
        let (setting, capability) = match p {
            Property::ExposureCompensation => (&mut s.exposure_compensation, &mut c.exposure_compensation),
            Property::ExposureTime => (&mut s.exposure_time, &mut c.exposure_time),
            Property::ColorTemperature => (&mut s.color_temperature, &mut c.color_temperature),
            Property::Iso => (&mut s.iso, &mut c.iso),
            Property::Brightness => (&mut s.brightness, &mut c.brightness),
            Property::Contrast => (&mut s.contrast, &mut c.contrast),
            Property::Saturation => (&mut s.saturation, &mut c.saturation),
            Property::Sharpness => (&mut s.sharpness, &mut c.sharpness),
            Property::FocusDistance => (&mut s.focus_distance, &mut c.focus_distance),
            Property::Pan => (&mut s.pan, &mut c.pan),
            Property::Tilt => (&mut s.tilt, &mut c.tilt),
            _ => (&mut s.zoom, &mut c.zoom),
        };
        *setting = Some(range.current);
        *capability = Some(range.settings_range());
    }
    for p in [Property::WhiteBalanceMode, Property::ExposureMode, Property::FocusMode] {
        let (supported, current) = photo.modes(p);
        if supported.is_empty() {
            continue;
        }
        let (setting, capability) = match p {
            Property::WhiteBalanceMode => (&mut s.white_balance_mode, &mut c.white_balance_mode),
            Property::ExposureMode => (&mut s.exposure_mode, &mut c.exposure_mode),
            _ => (&mut s.focus_mode, &mut c.focus_mode),
        };
        *setting = current.map(|m| m.as_str().to_owned());
        *capability = Some(supported.iter().map(|m| m.as_str().to_owned()).collect());
    }
    if photo.supports_points_of_interest() {
        s.points_of_interest = Some(photo.points_of_interest.clone());
    }
    if photo.supports_torch {
        s.torch = Some(photo.torch);
        c.torch = Some(vec![false, true]);
    }
    TrackState { settings: s, capabilities: c, constraints: applied.clone() }
}

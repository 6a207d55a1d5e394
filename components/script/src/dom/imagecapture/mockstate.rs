//! The test-only mock's dictionaries (`ImageCaptureTest.webidl`: Chromium's
//! Mojo `PhotoState`, `PhotoSettings` and `Range`) ↔ `media_traits::photo`.
//!
//! JS → Rust goes through the generated dictionary conversion first (a value
//! of the wrong type, a non-finite number or an enum value outside 0–255 is a
//! TypeError there), then [`photo_state_in`] checks what Mojo's validation
//! would: each integer enum must name one of its values. Nothing here panics
//! on page-controlled input.

use std::ffi::CStr;

use media_traits::constraints::Point2D as MtPoint2D;
use media_traits::photo::{FillLightMode, MeteringMode, PhotoOptions, PhotoRange, PhotoState, RedEyeReduction};

use crate::dom::bindings::codegen::Dictionaries::{MockPhotoSettings, MockPhotoState, MockRange, Point2D};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::num::Finite;

fn finite(v: f64) -> Finite<f64> {
    Finite::<f64>::new(v).unwrap_or_default()
}

fn metering_mode(v: u8, member: &str) -> Fallible<MeteringMode> {
    Ok(match v {
        0 => MeteringMode::None,
        1 => MeteringMode::Manual,
        2 => MeteringMode::SingleShot,
        3 => MeteringMode::Continuous,
        _ => {
            return Err(Error::Type(format!(
                "ImageCaptureTest state: {member} {v} is not a MeteringMode (0 none, 1 manual, 2 single-shot, 3 continuous)."
            )));
        }
    })
}

fn metering_modes(l: &[u8], member: &str) -> Fallible<Vec<MeteringMode>> {
    l.iter().map(|v| metering_mode(*v, member)).collect()
}

fn red_eye_reduction(v: u8) -> Fallible<RedEyeReduction> {
    Ok(match v {
        0 => RedEyeReduction::Never,
        1 => RedEyeReduction::Always,
        2 => RedEyeReduction::Controllable,
        _ => {
            return Err(Error::Type(format!(
                "ImageCaptureTest state: redEyeReduction {v} is not a RedEyeReduction (0 never, 1 always, 2 controllable)."
            )));
        }
    })
}

fn fill_light_mode(v: u8) -> Fallible<FillLightMode> {
    Ok(match v {
        0 => FillLightMode::Off,
        1 => FillLightMode::Auto,
        2 => FillLightMode::Flash,
        _ => {
            return Err(Error::Type(format!(
                "ImageCaptureTest state: fillLightMode {v} is not a FillLightMode (0 off, 1 auto, 2 flash)."
            )));
        }
    })
}

/// A range; `min > max` is a TypeError (no device reports one; Mojo itself
/// would pass it on).
fn range(r: &MockRange, member: &str) -> Fallible<PhotoRange> {
    if *r.min > *r.max {
        return Err(Error::Type(format!(
            "ImageCaptureTest state: {member}.min ({}) exceeds {member}.max ({}).",
            *r.min, *r.max
        )));
    }
    Ok(PhotoRange::new(*r.min, *r.max, *r.current, *r.step))
}

/// A control: absent when `min == max`, as Blink reads a Mojo `Range`
/// (`{}`, all zeros, is how Chromium's mock removes one).
fn control(r: &MockRange, member: &str) -> Fallible<Option<PhotoRange>> {
    Ok(if *r.min == *r.max { None } else { Some(range(r, member)?) })
}

fn point_in(p: &Point2D) -> MtPoint2D {
    MtPoint2D { x: *p.x, y: *p.y }
}

pub fn point_out(p: &MtPoint2D) -> Point2D {
    Point2D { x: finite(p.x), y: finite(p.y) }
}

fn range_out(r: Option<&PhotoRange>) -> MockRange {
    let r = r.copied().unwrap_or_default();
    MockRange { min: finite(r.min), max: finite(r.max), current: finite(r.current), step: finite(r.step) }
}

/// The mock's `state()` as the photo state of a device.
pub fn photo_state_in(m: &MockPhotoState) -> Fallible<PhotoState> {
    Ok(PhotoState {
        supported_white_balance_modes: metering_modes(&m.supported_white_balance_modes, "supportedWhiteBalanceModes")?,
        current_white_balance_mode: Some(metering_mode(m.current_white_balance_mode, "currentWhiteBalanceMode")?),
        supported_exposure_modes: metering_modes(&m.supported_exposure_modes, "supportedExposureModes")?,
        current_exposure_mode: Some(metering_mode(m.current_exposure_mode, "currentExposureMode")?),
        supported_focus_modes: metering_modes(&m.supported_focus_modes, "supportedFocusModes")?,
        current_focus_mode: Some(metering_mode(m.current_focus_mode, "currentFocusMode")?),
        points_of_interest: m.points_of_interest.iter().map(point_in).collect(),
        exposure_compensation: control(&m.exposure_compensation, "exposureCompensation")?,
        exposure_time: control(&m.exposure_time, "exposureTime")?,
        color_temperature: control(&m.color_temperature, "colorTemperature")?,
        iso: control(&m.iso, "iso")?,
        brightness: control(&m.brightness, "brightness")?,
        contrast: control(&m.contrast, "contrast")?,
        saturation: control(&m.saturation, "saturation")?,
        sharpness: control(&m.sharpness, "sharpness")?,
        focus_distance: control(&m.focus_distance, "focusDistance")?,
        pan: control(&m.pan, "pan")?,
        tilt: control(&m.tilt, "tilt")?,
        zoom: control(&m.zoom, "zoom")?,
        supports_torch: m.supports_torch,
        torch: m.torch,
        red_eye_reduction: red_eye_reduction(m.red_eye_reduction)?,
        height: range(&m.height, "height")?,
        width: range(&m.width, "width")?,
        fill_light_mode: m.fill_light_mode.iter().map(|v| fill_light_mode(*v)).collect::<Fallible<_>>()?,
    })
}

/// A photo state in the mock's `state()` shape (an absent control is `{0, 0, 0, 0}`).
pub fn photo_state_out(s: &PhotoState) -> MockPhotoState {
    let modes = |l: &[MeteringMode]| l.iter().map(|m| *m as u8).collect::<Vec<_>>();
    let current = |m: Option<MeteringMode>| m.unwrap_or(MeteringMode::None) as u8;
    MockPhotoState {
        supported_white_balance_modes: modes(&s.supported_white_balance_modes),
        current_white_balance_mode: current(s.current_white_balance_mode),
        supported_exposure_modes: modes(&s.supported_exposure_modes),
        current_exposure_mode: current(s.current_exposure_mode),
        supported_focus_modes: modes(&s.supported_focus_modes),
        current_focus_mode: current(s.current_focus_mode),
        points_of_interest: s.points_of_interest.iter().map(point_out).collect(),
        exposure_compensation: range_out(s.exposure_compensation.as_ref()),
        exposure_time: range_out(s.exposure_time.as_ref()),
        color_temperature: range_out(s.color_temperature.as_ref()),
        iso: range_out(s.iso.as_ref()),
        brightness: range_out(s.brightness.as_ref()),
        contrast: range_out(s.contrast.as_ref()),
        saturation: range_out(s.saturation.as_ref()),
        sharpness: range_out(s.sharpness.as_ref()),
        focus_distance: range_out(s.focus_distance.as_ref()),
        pan: range_out(s.pan.as_ref()),
        tilt: range_out(s.tilt.as_ref()),
        zoom: range_out(s.zoom.as_ref()),
        supports_torch: s.supports_torch,
        torch: s.torch,
        red_eye_reduction: s.red_eye_reduction as u8,
        height: range_out(Some(&s.height)),
        width: range_out(Some(&s.width)),
        fill_light_mode: s.fill_light_mode.iter().map(|m| *m as u8).collect(),
    }
}

/// Pushed settings in the mock's `options()` shape (Mojo `PhotoSettings`).
pub fn photo_settings_out(o: &PhotoOptions) -> MockPhotoSettings {
    let mode = |m: Option<MeteringMode>| m.unwrap_or(MeteringMode::None) as u8;
    MockPhotoSettings {
        has_white_balance_mode: o.has_white_balance_mode,
        white_balance_mode: mode(o.white_balance_mode),
        has_exposure_mode: o.has_exposure_mode,
        exposure_mode: mode(o.exposure_mode),
        has_focus_mode: o.has_focus_mode,
        focus_mode: mode(o.focus_mode),
        points_of_interest: o.points_of_interest.iter().map(point_out).collect(),
        has_exposure_compensation: o.has_exposure_compensation,
        exposure_compensation: finite(o.exposure_compensation),
        has_exposure_time: o.has_exposure_time,
        exposure_time: finite(o.exposure_time),
        has_color_temperature: o.has_color_temperature,
        color_temperature: finite(o.color_temperature),
        has_iso: o.has_iso,
        iso: finite(o.iso),
        has_brightness: o.has_brightness,
        brightness: finite(o.brightness),
        has_contrast: o.has_contrast,
        contrast: finite(o.contrast),
        has_saturation: o.has_saturation,
        saturation: finite(o.saturation),
        has_sharpness: o.has_sharpness,
        sharpness: finite(o.sharpness),
        has_focus_distance: o.has_focus_distance,
        focus_distance: finite(o.focus_distance),
        has_pan: o.has_pan,
        pan: finite(o.pan),
        has_tilt: o.has_tilt,
        tilt: finite(o.tilt),
        has_zoom: o.has_zoom,
        zoom: finite(o.zoom),
        has_torch: o.has_torch,
        torch: o.torch,
        has_fill_light_mode: o.has_fill_light_mode,
        fill_light_mode: o.fill_light_mode.map_or(0, |m| m as u8),
        has_width: o.has_width,
        width: finite(o.width),
        has_height: o.has_height,
        height: finite(o.height),
        has_red_eye_reduction: o.has_red_eye_reduction,
        red_eye_reduction: o.red_eye_reduction,
    }
}

/// The members of the mock's `state()` that pushed settings overwrite, and
/// with what — what Chromium's mock `setPhotoOptions()` does, except that
/// `redEyeReduction` stays (it is the device's capability, not a setting;
/// Chromium's mock overwrites it with the requested boolean).
#[derive(Clone, Debug, PartialEq)]
pub enum StateWrite {
    /// `state[member].current = value`.
    Current(&'static CStr, f64),
    /// `state[member] = value` (a number).
    Number(&'static CStr, f64),
    /// `state[member] = value`.
    Bool(&'static CStr, bool),
    /// `state.pointsOfInterest = [...]`.
    Points(Vec<MtPoint2D>),
    /// `state.fillLightMode = [value]`.
    FillLightMode(u8),
}

/// What `options` changes in the mock's `state()`.
pub fn state_writes(o: &PhotoOptions) -> Vec<StateWrite> {
    let mut w = Vec::new();
    let ranges = [
        (o.has_exposure_compensation, c"exposureCompensation", o.exposure_compensation),
        (o.has_exposure_time, c"exposureTime", o.exposure_time),
        (o.has_color_temperature, c"colorTemperature", o.color_temperature),
        (o.has_iso, c"iso", o.iso),
        (o.has_brightness, c"brightness", o.brightness),
        (o.has_contrast, c"contrast", o.contrast),
        (o.has_saturation, c"saturation", o.saturation),
        (o.has_sharpness, c"sharpness", o.sharpness),
        (o.has_focus_distance, c"focusDistance", o.focus_distance),
        (o.has_pan, c"pan", o.pan),
        (o.has_tilt, c"tilt", o.tilt),
        (o.has_zoom, c"zoom", o.zoom),
        (o.has_width, c"width", o.width),
        (o.has_height, c"height", o.height),
    ];
    w.extend(ranges.into_iter().filter(|(has, ..)| *has).map(|(_, name, v)| StateWrite::Current(name, v)));
    let modes = [
        (o.has_white_balance_mode, c"currentWhiteBalanceMode", o.white_balance_mode),
        (o.has_exposure_mode, c"currentExposureMode", o.exposure_mode),
        (o.has_focus_mode, c"currentFocusMode", o.focus_mode),
    ];
    for (has, name, mode) in modes {
        if let (true, Some(m)) = (has, mode) {
            w.push(StateWrite::Number(name, m as u8 as f64));
        }
    }
    if !o.points_of_interest.is_empty() {
        w.push(StateWrite::Points(o.points_of_interest.clone()));
    }
    if o.has_torch {
        w.push(StateWrite::Bool(c"torch", o.torch));
    }
    if let (true, Some(m)) = (o.has_fill_light_mode, o.fill_light_mode) {
        w.push(StateWrite::FillLightMode(m as u8));
    }
    w
}

#[cfg(test)]
mod tests {
    use media_traits::photo::chromium_mock_state;

    use super::*;

    #[test]
    fn the_default_state_survives_the_round_trip() {
        let s = chromium_mock_state();
        let m = photo_state_out(&s);
        assert_eq!(m.current_exposure_mode, 1, "manual");
        assert_eq!(m.supported_white_balance_modes, vec![2, 3]);
        assert_eq!(m.red_eye_reduction, 2, "controllable");
        assert_eq!(m.fill_light_mode, vec![1, 2]);
        assert_eq!(*m.iso.max, 12000.0);
        assert_eq!(photo_state_in(&m).unwrap(), s);
    }

    #[test]
    fn an_empty_range_is_an_absent_control() {
        let mut m = photo_state_out(&chromium_mock_state());
        m.pan = range_out(None);
        m.zoom = MockRange { min: finite(4.0), max: finite(4.0), current: finite(4.0), step: finite(0.0) };
        let s = photo_state_in(&m).unwrap();
        assert_eq!((s.pan, s.zoom), (None, None));
        assert_eq!(s.tilt, Some(PhotoRange::new(0.0, 10.0, 5.0, 2.0)));
    }

    #[test]
    fn enum_values_outside_mojo_enums_are_type_errors() {
        let base = photo_state_out(&chromium_mock_state());
        let cases: Vec<(&str, Box<dyn Fn(&mut MockPhotoState)>)> = vec![
            ("supportedWhiteBalanceModes", Box::new(|m| m.supported_white_balance_modes.push(4))),
            ("currentExposureMode", Box::new(|m| m.current_exposure_mode = 255)),
            ("supportedFocusModes", Box::new(|m| m.supported_focus_modes = vec![7])),
            ("redEyeReduction", Box::new(|m| m.red_eye_reduction = 3)),
            ("fillLightMode", Box::new(|m| m.fill_light_mode = vec![0, 3])),
            ("iso.min (100) exceeds iso.max (5)", Box::new(|m| m.iso.max = finite(5.0))),
            ("width.min", Box::new(|m| m.width.min = finite(4000.0))),
        ];
        for (member, change) in cases {
            let mut m = base.clone();
            change(&mut m);
            match photo_state_in(&m) {
                Err(Error::Type(message)) => assert!(message.contains(member), "{message}"),
                other => panic!("{member}: {other:?}"),
            }
        }
        let mut never = base;
        never.red_eye_reduction = 0;
        never.fill_light_mode = vec![];
        let s = photo_state_in(&never).unwrap();
        assert_eq!((s.red_eye_reduction, s.fill_light_mode.len()), (RedEyeReduction::Never, 0));
    }

    #[test]
    fn pushed_settings_in_the_mojo_shape_and_their_writes() {
        let mut o = PhotoOptions::default();
        assert!(state_writes(&o).is_empty());
        o.set_mode(media_traits::constraints::Property::WhiteBalanceMode, MeteringMode::SingleShot);
        o.set_number(media_traits::constraints::Property::Zoom, 3.5);
        o.has_torch = true;
        o.torch = true;
        o.points_of_interest = vec![MtPoint2D { x: 0.1, y: 0.2 }];
        o.has_fill_light_mode = true;
        o.fill_light_mode = Some(FillLightMode::Flash);
        o.has_red_eye_reduction = true;
        o.red_eye_reduction = true;
        let m = photo_settings_out(&o);
        assert!(m.has_white_balance_mode && m.white_balance_mode == 2);
        assert!(!m.has_exposure_mode && m.exposure_mode == 0);
        assert!(m.has_zoom && *m.zoom == 3.5 && !m.has_pan);
        assert!(m.has_fill_light_mode && m.fill_light_mode == 2);
        assert!(m.has_red_eye_reduction && m.red_eye_reduction);
        assert_eq!(
            state_writes(&o),
            vec![
                StateWrite::Current(c"zoom", 3.5),
                StateWrite::Number(c"currentWhiteBalanceMode", 2.0),
                StateWrite::Points(vec![MtPoint2D { x: 0.1, y: 0.2 }]),
                StateWrite::Bool(c"torch", true),
                StateWrite::FillLightMode(2),
            ],
            "redEyeReduction is not written back"
        );
    }
}

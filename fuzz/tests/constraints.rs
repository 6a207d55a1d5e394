//! Fuzz target: constraint normalisation and SelectSettings
//! (`media_traits::{constraints, select}`) on arbitrary constraint dictionaries and device lists.
//!
//! Checks, besides "no panic": a selection names a device of the list and one of its native
//! modes, delivers a size no larger than that mode, and lists only advanced sets that exist;
//! a failure is `NotFoundError` or `OverconstrainedError`.

use fuzz_targets::{Bytes, fuzz};
use media_traits::constraints::*;
use media_traits::error::MediaError;
use media_traits::photo::{FillLightMode, MeteringMode, PhotoRange, PhotoState, RedEyeReduction};
use media_traits::select::{ActiveMode, DeviceModel, ResizeMode, VideoMode, select_settings};

const WORDS: &[&str] = &[
    "",
    "user",
    "environment",
    "left",
    "right",
    "none",
    "crop-and-scale",
    "manual",
    "single-shot",
    "continuous",
    "fake-camera",
    "group",
    "default",
    "\u{0}",
    "x",
];

fn opt<T>(b: &mut Bytes<'_>, f: impl FnOnce(&mut Bytes<'_>) -> T) -> Option<T> {
    if b.u8().is_multiple_of(3) { Some(f(b)) } else { None }
}

fn range<T>(b: &mut Bytes<'_>, mut v: impl FnMut(&mut Bytes<'_>) -> T) -> Constrain<T> {
    if b.bool() {
        Constrain::Bare(v(b))
    } else {
        Constrain::Range(ConstrainRange {
            min: opt(b, &mut v),
            max: opt(b, &mut v),
            exact: opt(b, &mut v),
            ideal: opt(b, &mut v),
        })
    }
}

fn ulong(b: &mut Bytes<'_>) -> u32 {
    match b.u8() % 4 {
        0 => 0,
        1 => u32::MAX,
        _ => u32::from(b.u16()),
    }
}

fn strings(b: &mut Bytes<'_>) -> StringOrList {
    if b.bool() {
        StringOrList::One(b.string(WORDS))
    } else {
        let n = b.below(4);
        StringOrList::List((0..n).map(|_| b.string(WORDS)).collect())
    }
}

fn dom_string(b: &mut Bytes<'_>) -> ConstrainDOMString {
    if b.bool() {
        ConstrainDOMString::Bare(strings(b))
    } else {
        ConstrainDOMString::Params { exact: opt(b, strings), ideal: opt(b, strings) }
    }
}

fn points(b: &mut Bytes<'_>) -> Vec<Point2D> {
    let n = b.below(4);
    (0..n).map(|_| Point2D { x: b.f64(), y: b.f64() }).collect()
}

fn set(b: &mut Bytes<'_>) -> MediaTrackConstraintSet {
    let double = |b: &mut Bytes<'_>| range(b, |b| b.f64());
    let double_or_bool = |b: &mut Bytes<'_>| {
        if b.bool() {
            ConstrainDoubleOrBool::Bool(b.bool())
        } else {
            ConstrainDoubleOrBool::Double(range(b, |b| b.f64()))
        }
    };
    MediaTrackConstraintSet {
        width: opt(b, |b| range(b, ulong)),
        height: opt(b, |b| range(b, ulong)),
        aspect_ratio: opt(b, double),
        frame_rate: opt(b, double),
        facing_mode: opt(b, dom_string),
        resize_mode: opt(b, dom_string),
        device_id: opt(b, dom_string),
        group_id: opt(b, dom_string),
        white_balance_mode: opt(b, dom_string),
        exposure_mode: opt(b, dom_string),
        focus_mode: opt(b, dom_string),
        points_of_interest: opt(b, |b| {
            if b.bool() {
                ConstrainPoint2D::Bare(points(b))
            } else {
                ConstrainPoint2D::Params { exact: opt(b, points), ideal: opt(b, points) }
            }
        }),
        exposure_compensation: opt(b, double),
        exposure_time: opt(b, double),
        color_temperature: opt(b, double),
        iso: opt(b, double),
        brightness: opt(b, double),
        contrast: opt(b, double),
        saturation: opt(b, double),
        sharpness: opt(b, double),
        focus_distance: opt(b, double),
        pan: opt(b, double_or_bool),
        tilt: opt(b, double_or_bool),
        zoom: opt(b, double_or_bool),
        torch: opt(b, boolean),
        // The audio members come last, so the corpus's bytes keep meaning what they meant.
        sample_rate: opt(b, |b| range(b, ulong)),
        sample_size: opt(b, |b| range(b, ulong)),
        echo_cancellation: opt(b, |b| {
            let value = |b: &mut Bytes<'_>| {
                if b.bool() { BoolOrString::Bool(b.bool()) } else { BoolOrString::Str(b.string(WORDS)) }
            };
            if b.bool() {
                ConstrainBoolOrString::Bare(value(b))
            } else {
                ConstrainBoolOrString::Params { exact: opt(b, value), ideal: opt(b, value) }
            }
        }),
        auto_gain_control: opt(b, boolean),
        noise_suppression: opt(b, boolean),
        voice_isolation: opt(b, boolean),
        latency: opt(b, double),
        channel_count: opt(b, |b| range(b, ulong)),
    }
}

fn boolean(b: &mut Bytes<'_>) -> ConstrainBoolean {
    if b.bool() {
        ConstrainBoolean::Bare(b.bool())
    } else {
        ConstrainBoolean::Params { exact: opt(b, |b| b.bool()), ideal: opt(b, |b| b.bool()) }
    }
}

fn metering(b: &mut Bytes<'_>) -> MeteringMode {
    *b.pick(&[MeteringMode::None, MeteringMode::Manual, MeteringMode::SingleShot, MeteringMode::Continuous])
}

fn photo_range(b: &mut Bytes<'_>) -> PhotoRange {
    PhotoRange::new(b.f64(), b.f64(), b.f64(), b.f64())
}

fn mode(b: &mut Bytes<'_>) -> VideoMode {
    VideoMode { width: ulong(b), height: ulong(b), frame_rate: b.f64() }
}

fn device(b: &mut Bytes<'_>) -> DeviceModel {
    let modes = (0..b.below(4)).map(|_| mode(b)).collect();
    let meterings = |b: &mut Bytes<'_>| (0..b.below(3)).map(|_| metering(b)).collect::<Vec<_>>();
    let photo = PhotoState {
        supported_white_balance_modes: meterings(b),
        current_white_balance_mode: opt(b, metering),
        supported_exposure_modes: meterings(b),
        current_exposure_mode: opt(b, metering),
        supported_focus_modes: meterings(b),
        current_focus_mode: opt(b, metering),
        points_of_interest: points(b),
        exposure_compensation: opt(b, photo_range),
        exposure_time: opt(b, photo_range),
        color_temperature: opt(b, photo_range),
        iso: opt(b, photo_range),
        brightness: opt(b, photo_range),
        contrast: opt(b, photo_range),
        saturation: opt(b, photo_range),
        sharpness: opt(b, photo_range),
        focus_distance: opt(b, photo_range),
        pan: opt(b, photo_range),
        tilt: opt(b, photo_range),
        zoom: opt(b, photo_range),
        supports_torch: b.bool(),
        torch: b.bool(),
        red_eye_reduction: *b.pick(&[RedEyeReduction::Never, RedEyeReduction::Always, RedEyeReduction::Controllable]),
        height: photo_range(b),
        width: photo_range(b),
        fill_light_mode: (0..b.below(3))
            .map(|_| *b.pick(&[FillLightMode::Off, FillLightMode::Auto, FillLightMode::Flash]))
            .collect(),
    };
    let current = opt(b, |b| {
        let native = mode(b);
        ActiveMode {
            native,
            width: ulong(b),
            height: ulong(b),
            frame_rate: b.f64(),
            resize_mode: if b.bool() { ResizeMode::None } else { ResizeMode::CropAndScale },
        }
    });
    DeviceModel {
        device_id: b.string(WORDS),
        group_id: b.string(WORDS),
        facing_mode: opt(b, |b| b.string(WORDS)),
        modes,
        crop_and_scale: b.bool(),
        photo,
        current,
    }
}

fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let devices: Vec<DeviceModel> = (0..b.below(4)).map(|_| device(&mut b)).collect();
    let constraints = MediaTrackConstraints {
        basic: set(&mut b),
        advanced: opt(&mut b, |b| (0..b.below(4)).map(|_| set(b)).collect()),
    };
    let ptz = b.bool();
    let _ = disallowed_required_constraint(&constraints);
    for p in constraints.basic.mentioned() {
        let _ = constraints.basic.get(p, false);
        let _ = constraints.basic.get(p, true);
    }
    match select_settings(&devices, &constraints, ptz) {
        Ok(s) => {
            let device = devices.get(s.device).expect("the selection names a device of the list");
            assert!(device.modes.contains(&s.mode.native), "the selected mode is one of the device's: {s:?}");
            assert!(
                s.mode.width <= s.mode.native.width && s.mode.height <= s.mode.native.height,
                "the delivered size fits the native mode: {s:?}"
            );
            let advanced = constraints.advanced.as_ref().map_or(0, Vec::len);
            assert!(s.applied_advanced.iter().all(|&i| i < advanced), "applied sets exist: {s:?}");
        }
        Err(MediaError::NotFound(_) | MediaError::Overconstrained { .. }) => {}
        Err(e) => panic!("SelectSettings failed with an error it never gives: {e:?}"),
    }
}

#[test]
fn constraints() {
    fuzz("constraints", run);
}

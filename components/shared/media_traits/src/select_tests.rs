//! Edge cases of SelectSettings, fitness distance and the dictionaries.
// 3.141592 is the zoom value wpt uses, not an approximation of PI.
#![allow(clippy::approx_constant, clippy::cloned_ref_to_slice_refs)]

use crate::constraints::*;
use crate::error::{MediaError, MediaErrorKind};
use crate::photo::chromium_mock_state;
use crate::photo::{MeteringMode, PhotoRange, PhotoState};
use crate::select::*;
use crate::settings::track_state;

fn modes() -> Vec<VideoMode> {
    let mut v = Vec::new();
    for (w, h) in [(320, 240), (640, 480), (1280, 720), (1920, 1080)] {
        for f in [15.0, 30.0] {
            v.push(VideoMode { width: w, height: h, frame_rate: f });
        }
    }
    v
}

fn camera(id: &str) -> DeviceModel {
    DeviceModel {
        device_id: id.into(),
        group_id: format!("group-{id}"),
        facing_mode: None,
        modes: modes(),
        crop_and_scale: false,
        photo: PhotoState::default(),
        current: None,
    }
}

fn mock_camera() -> DeviceModel {
    DeviceModel { photo: chromium_mock_state(), ..camera("mock") }
}

fn exact<T>(v: T) -> Constrain<T> {
    Constrain::Range(ConstrainRange { exact: Some(v), min: None, max: None, ideal: None })
}

fn with(basic: MediaTrackConstraintSet) -> MediaTrackConstraints {
    MediaTrackConstraints { basic, advanced: None }
}

fn failed(r: Result<Selection, crate::error::MediaError>) -> String {
    let e = r.unwrap_err();
    assert_eq!(e.kind(), MediaErrorKind::Overconstrained, "{e}");
    e.constraint().unwrap().to_owned()
}

#[test]
fn no_constraints_pick_the_default_mode() {
    let s = select_settings(&[camera("a")], &MediaTrackConstraints::default(), true).unwrap();
    assert_eq!((s.mode.width, s.mode.height, s.mode.frame_rate), (640, 480, 30.0));
    assert_eq!(s.mode.resize_mode, ResizeMode::None);
    assert!(s.options.is_empty(), "nothing is pushed when nothing is asked");
}

#[test]
fn no_devices_is_not_found() {
    let e = select_settings(&[], &MediaTrackConstraints::default(), true).unwrap_err();
    assert_eq!(e.kind(), MediaErrorKind::NotFound);
}

#[test]
fn ideal_picks_the_nearest_native_mode() {
    let c = with(MediaTrackConstraintSet { width: Some(Constrain::Bare(1200)), ..Default::default() });
    let s = select_settings(&[camera("a")], &c, true).unwrap();
    assert_eq!((s.mode.width, s.mode.height), (1280, 720));
    let c = with(MediaTrackConstraintSet { frame_rate: Some(Constrain::Bare(24.0)), ..Default::default() });
    let s = select_settings(&[camera("a")], &c, true).unwrap();
    assert_eq!(s.mode.frame_rate, 30.0, "|30-24|/30 < |15-24|/24");
}

#[test]
fn current_mode_wins_ties() {
    let mut cam = camera("a");
    let native = VideoMode { width: 1280, height: 720, frame_rate: 15.0 };
    cam.current =
        Some(ActiveMode { native, width: 1280, height: 720, frame_rate: 15.0, resize_mode: ResizeMode::None });
    let s = select_settings(&[cam], &MediaTrackConstraints::default(), true).unwrap();
    assert_eq!(s.mode.native, native);
}

#[test]
fn exact_size_needs_a_mode_or_crop_and_scale() {
    let c = with(MediaTrackConstraintSet { width: Some(exact(1000)), ..Default::default() });
    assert_eq!(failed(select_settings(&[camera("a")], &c, true)), "width");
    let cam = DeviceModel { crop_and_scale: true, ..camera("a") };
    let s = select_settings(&[cam], &c, true).unwrap();
    assert_eq!(s.mode.width, 1000);
    assert_eq!(s.mode.resize_mode, ResizeMode::CropAndScale);
    assert!(s.mode.native.width >= 1000);
    // The native aspect ratio is kept when only one side is asked for.
    let aspect = s.mode.native.width as f64 / s.mode.native.height as f64;
    assert!((s.mode.width as f64 / s.mode.height as f64 - aspect).abs() < 0.01);
}

#[test]
fn native_beats_crop_and_scale_when_both_fit() {
    let cam = DeviceModel { crop_and_scale: true, ..camera("a") };
    let c = with(MediaTrackConstraintSet { width: Some(exact(640)), ..Default::default() });
    let s = select_settings(&[cam], &c, true).unwrap();
    assert_eq!(s.mode.resize_mode, ResizeMode::None);
    assert_eq!((s.mode.width, s.mode.height), (640, 480));
}

#[test]
fn min_and_max_bound_the_mode() {
    let c = with(MediaTrackConstraintSet {
        width: Some(Constrain::Range(ConstrainRange { min: Some(2000), ..Default::default() })),
        ..Default::default()
    });
    assert_eq!(failed(select_settings(&[camera("a")], &c, true)), "width");
    let c = with(MediaTrackConstraintSet {
        height: Some(Constrain::Range(ConstrainRange { max: Some(300), ideal: Some(1080), ..Default::default() })),
        ..Default::default()
    });
    let s = select_settings(&[camera("a")], &c, true).unwrap();
    assert_eq!(s.mode.height, 240, "ideal is clamped by the required max");
}

#[test]
fn constraints_that_fail_only_together_name_the_first_that_fails_given_the_others() {
    let c = with(MediaTrackConstraintSet { width: Some(exact(640)), height: Some(exact(720)), ..Default::default() });
    assert_eq!(failed(select_settings(&[camera("a")], &c, true)), "width");
    // WPT mediacapture-streams/overconstrained_error: a size the camera has no mode
    // for, with rescaling forbidden.
    let cam = DeviceModel { crop_and_scale: true, ..camera("a") };
    let c = with(MediaTrackConstraintSet {
        width: Some(exact(639)),
        resize_mode: Some(ConstrainDOMString::Params { exact: Some(StringOrList::One("none".into())), ideal: None }),
        ..Default::default()
    });
    assert_eq!(failed(select_settings(&[cam], &c, true)), "width");
}

#[test]
fn aspect_ratio_with_crop_and_scale() {
    let cam = DeviceModel { crop_and_scale: true, ..camera("a") };
    let c = with(MediaTrackConstraintSet { aspect_ratio: Some(exact(1.0)), ..Default::default() });
    let s = select_settings(&[cam.clone()], &c, true).unwrap();
    assert_eq!(s.mode.width, s.mode.height);
    assert_eq!(failed(select_settings(&[camera("a")], &c, true)), "aspectRatio");
}

#[test]
fn advanced_sets_apply_in_order_and_unsatisfiable_ones_are_skipped() {
    let c = MediaTrackConstraints {
        basic: Default::default(),
        advanced: Some(vec![
            MediaTrackConstraintSet { width: Some(Constrain::Bare(5000)), ..Default::default() },
            MediaTrackConstraintSet { width: Some(Constrain::Bare(1280)), ..Default::default() },
            MediaTrackConstraintSet { width: Some(Constrain::Bare(640)), ..Default::default() },
            MediaTrackConstraintSet { frame_rate: Some(Constrain::Bare(15.0)), ..Default::default() },
        ]),
    };
    let s = select_settings(&[camera("a")], &c, true).unwrap();
    assert_eq!(s.applied_advanced, vec![1, 3]);
    assert_eq!((s.mode.width, s.mode.frame_rate), (1280, 15.0));
}

#[test]
fn ideal_inside_advanced_is_not_required() {
    let c = MediaTrackConstraints {
        basic: Default::default(),
        advanced: Some(vec![MediaTrackConstraintSet {
            width: Some(Constrain::Range(ConstrainRange { ideal: Some(5000), ..Default::default() })),
            ..Default::default()
        }]),
    };
    let s = select_settings(&[camera("a")], &c, true).unwrap();
    assert_eq!(s.applied_advanced, vec![0]);
}

#[test]
fn device_id_selects_and_unknown_ids_fail() {
    let devices = [camera("a"), camera("b")];
    let c = with(MediaTrackConstraintSet {
        device_id: Some(ConstrainDOMString::Params { exact: Some(StringOrList::One("b".into())), ideal: None }),
        ..Default::default()
    });
    assert_eq!(select_settings(&devices, &c, true).unwrap().device, 1);
    let c = with(MediaTrackConstraintSet {
        device_id: Some(ConstrainDOMString::Bare(StringOrList::List(vec!["x".into(), "b".into()]))),
        ..Default::default()
    });
    assert_eq!(select_settings(&devices, &c, true).unwrap().device, 1, "ideal list");
    let c = with(MediaTrackConstraintSet {
        device_id: Some(ConstrainDOMString::Params { exact: Some(StringOrList::One("zz".into())), ideal: None }),
        ..Default::default()
    });
    assert_eq!(failed(select_settings(&devices, &c, true)), "deviceId");
}

#[test]
fn facing_mode_prefers_and_requires() {
    let user = DeviceModel { facing_mode: Some("user".into()), ..camera("u") };
    let env = DeviceModel { facing_mode: Some("environment".into()), ..camera("e") };
    let c = with(MediaTrackConstraintSet {
        facing_mode: Some(ConstrainDOMString::Bare(StringOrList::One("environment".into()))),
        ..Default::default()
    });
    assert_eq!(select_settings(&[user.clone(), env], &c, true).unwrap().device, 1);
    let c = with(MediaTrackConstraintSet {
        facing_mode: Some(ConstrainDOMString::Params { exact: Some(StringOrList::One("left".into())), ideal: None }),
        ..Default::default()
    });
    assert_eq!(failed(select_settings(&[user], &c, true)), "facingMode");
}

#[test]
fn constraints_split_across_devices_name_the_first_that_fails_given_the_others() {
    let a = DeviceModel { modes: vec![VideoMode { width: 1920, height: 720, frame_rate: 30.0 }], ..camera("a") };
    let b = DeviceModel { modes: vec![VideoMode { width: 640, height: 1080, frame_rate: 30.0 }], ..camera("b") };
    let c = with(MediaTrackConstraintSet { width: Some(exact(1920)), height: Some(exact(1080)), ..Default::default() });
    assert_eq!(failed(select_settings(&[a, b], &c, true)), "width");
}

/// The constraints of wpt `MediaStreamTrack-applyConstraints-reject.https.html`,
/// each of which must fail naming itself.
#[test]
fn wpt_apply_constraints_reject_cases() {
    let mut state = chromium_mock_state();
    state.supports_torch = false;
    let cam = DeviceModel { photo: state.clone(), ..camera("mock") };
    let s = |f: fn(&mut MediaTrackConstraintSet)| {
        let mut set = MediaTrackConstraintSet::default();
        f(&mut set);
        with(set)
    };
    let ex = |v: &str| ConstrainDOMString::Params { exact: Some(StringOrList::One(v.into())), ideal: None };
    let cases: Vec<(MediaTrackConstraints, &str)> = vec![
        (
            s(|c| {
                c.white_balance_mode =
                    Some(ConstrainDOMString::Params { exact: Some(StringOrList::One("manual".into())), ideal: None })
            }),
            "whiteBalanceMode",
        ),
        (with(MediaTrackConstraintSet { exposure_mode: Some(ex("none")), ..Default::default() }), "exposureMode"),
        (with(MediaTrackConstraintSet { focus_mode: Some(ex("continuous")), ..Default::default() }), "focusMode"),
        (s(|c| c.exposure_compensation = Some(exact(201.0))), "exposureCompensation"),
        (s(|c| c.exposure_compensation = Some(exact(-201.0))), "exposureCompensation"),
        (s(|c| c.color_temperature = Some(exact(6501.0))), "colorTemperature"),
        (s(|c| c.iso = Some(exact(99.0))), "iso"),
        (s(|c| c.brightness = Some(exact(11.0))), "brightness"),
        (s(|c| c.contrast = Some(exact(1.0))), "contrast"),
        (s(|c| c.saturation = Some(exact(9.0))), "saturation"),
        (s(|c| c.sharpness = Some(exact(3.0))), "sharpness"),
        (s(|c| c.pan = Some(ConstrainDoubleOrBool::Double(exact(11.0)))), "pan"),
        (s(|c| c.tilt = Some(ConstrainDoubleOrBool::Double(exact(-1.0)))), "tilt"),
        (s(|c| c.zoom = Some(ConstrainDoubleOrBool::Double(exact(11.0)))), "zoom"),
        (s(|c| c.torch = Some(ConstrainBoolean::Params { exact: Some(true), ideal: None })), "torch"),
    ];
    for (c, name) in cases {
        assert_eq!(failed(select_settings(&[cam.clone()], &c, true)), name);
    }
}

#[test]
fn image_capture_members_on_a_source_without_them() {
    // wpt MediaStreamTrack-applyConstraints-fast.html: a canvas track has no torch.
    let c = with(MediaTrackConstraintSet {
        torch: Some(ConstrainBoolean::Params { exact: Some(true), ideal: None }),
        ..Default::default()
    });
    assert_eq!(failed(select_settings(&[camera("canvas")], &c, true)), "torch");
    let c = with(MediaTrackConstraintSet {
        points_of_interest: Some(ConstrainPoint2D::Params { exact: Some(vec![Point2D::default()]), ideal: None }),
        ..Default::default()
    });
    assert_eq!(failed(select_settings(&[camera("canvas")], &c, true)), "pointsOfInterest");
    // Ideal ones are fine.
    let c = with(MediaTrackConstraintSet {
        zoom: Some(ConstrainDoubleOrBool::Double(Constrain::Bare(2.0))),
        ..Default::default()
    });
    assert!(select_settings(&[camera("canvas")], &c, true).unwrap().options.is_empty());
}

#[test]
fn ptz_without_permission_rejects_required_and_ignores_the_rest() {
    let cam = mock_camera();
    let required =
        with(MediaTrackConstraintSet { pan: Some(ConstrainDoubleOrBool::Double(exact(8.0))), ..Default::default() });
    assert_eq!(failed(select_settings(&[cam.clone()], &required, false)), "pan");
    let required =
        with(MediaTrackConstraintSet { tilt: Some(ConstrainDoubleOrBool::Double(exact(9.0))), ..Default::default() });
    assert_eq!(failed(select_settings(&[cam.clone()], &required, false)), "tilt");
    let ideal = with(MediaTrackConstraintSet {
        pan: Some(ConstrainDoubleOrBool::Double(Constrain::Range(ConstrainRange {
            ideal: Some(8.0),
            ..Default::default()
        }))),
        ..Default::default()
    });
    let s = select_settings(&[cam.clone()], &ideal, false).unwrap();
    assert!(!s.options.has_pan);
    let advanced = MediaTrackConstraints {
        basic: Default::default(),
        advanced: Some(vec![MediaTrackConstraintSet {
            tilt: Some(ConstrainDoubleOrBool::Double(Constrain::Bare(9.0))),
            ..Default::default()
        }]),
    };
    let s = select_settings(&[cam.clone()], &advanced, false).unwrap();
    assert!(s.applied_advanced.is_empty() && !s.options.has_tilt);
    // With the permission the same constraint applies.
    let s = select_settings(&[cam], &required, true).unwrap();
    assert!(s.options.has_tilt && s.options.tilt == 9.0);
}

#[test]
fn wpt_advanced_set_is_applied_exactly() {
    let set = MediaTrackConstraintSet {
        white_balance_mode: Some(ConstrainDOMString::Bare(StringOrList::One("single-shot".into()))),
        exposure_mode: Some(ConstrainDOMString::Bare(StringOrList::One("manual".into()))),
        focus_mode: Some(ConstrainDOMString::Bare(StringOrList::One("single-shot".into()))),
        points_of_interest: Some(ConstrainPoint2D::Bare(vec![Point2D { x: 0.1, y: 0.2 }, Point2D { x: 1.3, y: 0.4 }])),
        exposure_compensation: Some(Constrain::Bare(133.77)),
        exposure_time: Some(Constrain::Bare(10000.0)),
        color_temperature: Some(Constrain::Bare(6000.0)),
        iso: Some(Constrain::Bare(120.0)),
        brightness: Some(Constrain::Bare(3.0)),
        contrast: Some(Constrain::Bare(4.0)),
        saturation: Some(Constrain::Bare(5.0)),
        sharpness: Some(Constrain::Bare(6.0)),
        focus_distance: Some(Constrain::Bare(7.0)),
        pan: Some(ConstrainDoubleOrBool::Double(Constrain::Bare(8.0))),
        tilt: Some(ConstrainDoubleOrBool::Double(Constrain::Bare(9.0))),
        zoom: Some(ConstrainDoubleOrBool::Double(Constrain::Bare(3.141592))),
        torch: Some(ConstrainBoolean::Bare(true)),
        ..Default::default()
    };
    let c = MediaTrackConstraints { basic: Default::default(), advanced: Some(vec![set]) };
    let mut cam = mock_camera();
    let s = select_settings(&[cam.clone()], &c, true).unwrap();
    assert_eq!(s.applied_advanced, vec![0]);
    let o = &s.options;
    assert_eq!(o.white_balance_mode, Some(MeteringMode::SingleShot));
    assert_eq!(o.exposure_mode, Some(MeteringMode::Manual));
    assert_eq!(o.focus_mode, Some(MeteringMode::SingleShot));
    assert_eq!(o.points_of_interest, vec![Point2D { x: 0.1, y: 0.2 }, Point2D { x: 1.0, y: 0.4 }], "clamped");
    assert_eq!(
        (o.exposure_compensation, o.exposure_time, o.color_temperature, o.iso),
        (133.77, 10000.0, 6000.0, 120.0)
    );
    assert_eq!((o.brightness, o.contrast, o.saturation, o.sharpness, o.focus_distance), (3.0, 4.0, 5.0, 6.0, 7.0));
    assert_eq!((o.pan, o.tilt, o.zoom), (8.0, 9.0, 3.141592), "steps are not enforced");
    assert!(o.has_torch && o.torch);
    cam.photo.apply_options(o);
    let mode = s.mode;
    let state = track_state(&cam, &mode, &c, true);
    assert_eq!(state.settings.zoom, Some(3.141592));
    assert_eq!(state.settings.white_balance_mode.as_deref(), Some("single-shot"));
    assert_eq!(state.settings.torch, Some(true));
    assert_eq!(state.constraints, c, "getConstraints() echoes what was applied");
}

#[test]
fn top_level_bare_image_values_are_ideal_and_clamped() {
    let c = with(MediaTrackConstraintSet {
        zoom: Some(ConstrainDoubleOrBool::Double(Constrain::Bare(50.0))),
        iso: Some(Constrain::Bare(1.0)),
        ..Default::default()
    });
    let s = select_settings(&[mock_camera()], &c, true).unwrap();
    assert_eq!((s.options.zoom, s.options.iso), (10.0, 100.0));
    assert!(!s.options.has_brightness, "unmentioned properties are not pushed");
}

#[test]
fn pan_true_prefers_a_camera_that_can_pan() {
    let plain = camera("plain");
    let ptz = DeviceModel {
        photo: PhotoState { pan: Some(PhotoRange::new(-10.0, 10.0, 0.0, 1.0)), ..Default::default() },
        ..camera("ptz")
    };
    let c = with(MediaTrackConstraintSet { pan: Some(ConstrainDoubleOrBool::Bool(true)), ..Default::default() });
    let s = select_settings(&[plain.clone(), ptz.clone()], &c, true).unwrap();
    assert_eq!(s.device, 1);
    assert!(!s.options.has_pan, "pan: true keeps the current value");
    let c = with(MediaTrackConstraintSet { pan: Some(ConstrainDoubleOrBool::Bool(false)), ..Default::default() });
    assert_eq!(select_settings(&[ptz, plain], &c, true).unwrap().device, 1);
}

#[test]
fn empty_members_are_ignored() {
    let c = with(MediaTrackConstraintSet {
        width: Some(Constrain::Range(ConstrainRange::default())),
        device_id: Some(ConstrainDOMString::Bare(StringOrList::List(vec![]))),
        ..Default::default()
    });
    assert!(select_settings(&[camera("a")], &c, true).is_ok());
    let c = MediaTrackConstraints { basic: Default::default(), advanced: Some(vec![]) };
    assert!(select_settings(&[camera("a")], &c, true).unwrap().applied_advanced.is_empty());
}

#[test]
fn resize_mode_constraint() {
    let cam = DeviceModel { crop_and_scale: true, ..camera("a") };
    let c = with(MediaTrackConstraintSet {
        resize_mode: Some(ConstrainDOMString::Params { exact: Some(StringOrList::One("none".into())), ideal: None }),
        width: Some(Constrain::Bare(1000)),
        ..Default::default()
    });
    let s = select_settings(&[cam.clone()], &c, true).unwrap();
    assert_eq!(s.mode.resize_mode, ResizeMode::None);
    let c = with(MediaTrackConstraintSet {
        resize_mode: Some(ConstrainDOMString::Params {
            exact: Some(StringOrList::One("crop-and-scale".into())),
            ideal: None,
        }),
        ..Default::default()
    });
    assert_eq!(failed(select_settings(&[camera("a")], &c, true)), "resizeMode");
}

#[test]
fn fitness_distance_formula() {
    assert_eq!(numeric_distance(640.0, 640.0), 0.0);
    assert_eq!(numeric_distance(320.0, 640.0), 0.5);
    assert_eq!(numeric_distance(0.0, 0.0), 0.0);
    assert_eq!(numeric_distance(-1.0, 1.0), 2.0);
}

#[test]
fn dictionaries_hide_ptz_without_permission() {
    let cam = mock_camera();
    let s = select_settings(&[cam.clone()], &MediaTrackConstraints::default(), false).unwrap();
    let denied = track_state(&cam, &s.mode, &MediaTrackConstraints::default(), false);
    assert!(denied.settings.pan.is_none() && denied.capabilities.zoom.is_none());
    assert_eq!(denied.settings.focus_distance, Some(3.0));
    let granted = track_state(&cam, &s.mode, &MediaTrackConstraints::default(), true);
    assert_eq!(granted.capabilities.pan.unwrap().max, Some(10.0));
    assert_eq!(granted.capabilities.torch, Some(vec![false, true]));
    assert_eq!(granted.capabilities.white_balance_mode, Some(vec!["single-shot".into(), "continuous".into()]));
    assert_eq!(granted.settings.exposure_mode.as_deref(), Some("manual"));
    assert_eq!(granted.capabilities.resize_mode, Some(vec!["none".into()]));
    let plain = track_state(&camera("c"), &s.mode, &MediaTrackConstraints::default(), true);
    assert!(plain.settings.torch.is_none() && plain.capabilities.torch.is_none());
    assert!(plain.settings.points_of_interest.is_none());
}

#[test]
fn zero_sized_sources_do_not_poison_the_algorithm() {
    let canvas = DeviceModel { modes: vec![VideoMode { width: 0, height: 0, frame_rate: 60.0 }], ..camera("c") };
    assert!(select_settings(std::slice::from_ref(&canvas), &MediaTrackConstraints::default(), false).is_ok());
    let c = with(MediaTrackConstraintSet { width: Some(exact(0)), ..Default::default() });
    assert_eq!(select_settings(&[canvas], &c, false).unwrap().mode.width, 0);
}

/// A device whose range is inverted (min > max) or empty satisfies no value
/// of it, and SelectSettings does not panic picking one.
#[test]
fn inverted_device_ranges_do_not_panic() {
    let mut state = chromium_mock_state();
    state.iso = Some(PhotoRange::new(100.0, 5.0, 400.0, 1.0));
    let cam = DeviceModel { photo: state, ..camera("odd") };
    assert!(select_settings(&[cam.clone()], &MediaTrackConstraints::default(), true).is_ok());
    let ideal = with(MediaTrackConstraintSet { iso: Some(Constrain::Bare(50.0)), ..Default::default() });
    assert!(select_settings(&[cam.clone()], &ideal, true).is_ok());
    let required = with(MediaTrackConstraintSet { iso: Some(exact(50.0)), ..Default::default() });
    assert_eq!(failed(select_settings(&[cam], &required, true)), "iso");
}

/// A device without any mode cannot be opened: it is skipped, never picked
/// (picking a mode from nothing used to panic the Media thread).
#[test]
fn devices_without_modes_are_skipped() {
    let empty = DeviceModel { modes: Vec::new(), ..camera("empty") };
    let r = select_settings(std::slice::from_ref(&empty), &MediaTrackConstraints::default(), false);
    assert!(matches!(r, Err(MediaError::NotFound(_))), "{r:?}");
    let s = select_settings(&[empty, camera("ok")], &MediaTrackConstraints::default(), false).unwrap();
    assert_eq!(s.device, 1, "the device with modes is chosen, by its index in the slice");
}

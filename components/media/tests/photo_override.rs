//! The test-only photo state override behind `ImageCaptureTest`: every source
//! reports and validates against it, applied options are written back.
// 3.141592 is the zoom value wpt uses, not an approximation of PI.
#![allow(clippy::approx_constant)]

mod common;

use base::units::ImageSize;
use common::*;
use media_traits::constraints::*;
use media_traits::error::MediaErrorKind;
use media_traits::messages::*;
use media_traits::photo::*;

fn mock_state() -> PhotoState {
    chromium_mock_state()
}

fn install(h: &Harness, state: PhotoState) {
    let o = PhotoStateOverride { state, photo_bytes: vec![0, 0], photo_mime_type: "image/cat".into() };
    assert!(matches!(
        h.request(|request| MediaCommand::SetPhotoStateOverride { request, state: Some(o) }),
        Ok(MediaReply::OverrideSet)
    ));
}

#[test]
fn camera_tracks_report_and_apply_through_the_override() {
    let h = Harness::new();
    install(&h, mock_state());
    let (source, state) = h.open_camera(MediaTrackConstraints::default(), true).unwrap();
    assert_eq!(state.capabilities.iso.unwrap().max, Some(12000.0));
    assert_eq!(state.settings.exposure_mode.as_deref(), Some("manual"));
    assert_eq!(state.settings.pan, Some(5.0));
    let (denied, state) = h.open_camera(MediaTrackConstraints::default(), false).unwrap();
    assert!(state.settings.pan.is_none() && state.capabilities.zoom.is_none());
    h.stop(denied);

    let set = MediaTrackConstraintSet {
        white_balance_mode: Some(ConstrainDOMString::Bare(StringOrList::One("single-shot".into()))),
        exposure_compensation: Some(Constrain::Bare(133.77)),
        zoom: Some(ConstrainDoubleOrBool::Double(Constrain::Bare(3.141592))),
        torch: Some(ConstrainBoolean::Bare(true)),
        points_of_interest: Some(ConstrainPoint2D::Bare(vec![Point2D { x: 0.1, y: 0.2 }])),
        ..Default::default()
    };
    let constraints = MediaTrackConstraints { basic: Default::default(), advanced: Some(vec![set]) };
    let c = constraints.clone();
    let r =
        h.request(|request| MediaCommand::ApplyConstraints { request, source, constraints: c, ptz_permitted: true });
    let Ok(MediaReply::ConstraintsApplied { state, echo: Some(echo) }) = r else { panic!("{r:?}") };
    assert_eq!(state.constraints, constraints);
    assert_eq!(state.settings.zoom, Some(3.141592));
    assert_eq!(state.settings.torch, Some(true));
    assert!(echo.options.has_zoom && echo.options.zoom == 3.141592);
    assert_eq!(echo.options.white_balance_mode, Some(MeteringMode::SingleShot));
    assert_eq!(echo.options.points_of_interest, vec![Point2D { x: 0.1, y: 0.2 }]);
    assert_eq!(echo.state.exposure_compensation.unwrap().current, 133.77);

    // wpt applyConstraints-reject: validated against the mock state.
    let mut no_torch = mock_state();
    no_torch.supports_torch = false;
    install(&h, no_torch);
    let bad = MediaTrackConstraints {
        basic: MediaTrackConstraintSet {
            torch: Some(ConstrainBoolean::Params { exact: Some(true), ideal: None }),
            ..Default::default()
        },
        advanced: None,
    };
    let r =
        h.request(|request| MediaCommand::ApplyConstraints { request, source, constraints: bad, ptz_permitted: true });
    assert_eq!(expect_err(r, MediaErrorKind::Overconstrained).constraint(), Some("torch"));

    // takePhoto returns the mock's bytes, unvalidated, and echoes options.
    let settings = PhotoSettings {
        image_width: Some(1080.0),
        image_height: Some(100.0),
        red_eye_reduction: Some(true),
        fill_light_mode: Some(FillLightMode::Flash),
    };
    let r = h.request(|request| MediaCommand::TakePhoto {
        request,
        source,
        settings,
        check_settings: false,
        format: PhotoFormat::Jpeg,
        ended_error: MediaErrorKind::Unknown,
    });
    let Ok(MediaReply::Photo(photo)) = r else { panic!("{r:?}") };
    assert_eq!((photo.bytes.as_slice(), photo.mime_type.as_str()), (&[0u8, 0][..], "image/cat"));
    let o = photo.echo.unwrap().options;
    assert!(o.has_width && o.width == 1080.0 && o.has_height && o.height == 100.0);
    assert!(o.has_red_eye_reduction && o.red_eye_reduction);
    assert_eq!(o.fill_light_mode, Some(FillLightMode::Flash));
    h.stop(source);
}

#[test]
fn canvas_tracks_use_the_override_for_photos() {
    let h = Harness::new();
    install(&h, mock_state());
    let source = h.canvas(ImageSize::new(10, 10));
    let Ok(MediaReply::PhotoCapabilities(caps)) =
        h.request(|request| MediaCommand::GetPhotoCapabilities { request, source })
    else {
        panic!()
    };
    assert_eq!(caps.red_eye_reduction, Some(RedEyeReduction::Controllable));
    assert_eq!(caps.image_width.unwrap().max, Some(3264.0));
    assert_eq!(caps.fill_light_mode, Some(vec![FillLightMode::Auto, FillLightMode::Flash]));
    let Ok(MediaReply::PhotoSettings(s)) = h.request(|request| MediaCommand::GetPhotoSettings { request, source })
    else {
        panic!()
    };
    assert_eq!((s.image_width, s.image_height), (Some(320.0), Some(240.0)));
    // wpt takePhoto-reject (capabilities fetched → settings checked).
    let mut never = mock_state();
    never.red_eye_reduction = RedEyeReduction::Never;
    install(&h, never);
    for settings in [
        PhotoSettings { red_eye_reduction: Some(true), ..Default::default() },
        PhotoSettings { image_height: Some(2449.0), ..Default::default() },
        PhotoSettings { image_width: Some(319.0), ..Default::default() },
        PhotoSettings { fill_light_mode: Some(FillLightMode::Off), ..Default::default() },
    ] {
        let r = h.request(|request| MediaCommand::TakePhoto {
            request,
            source,
            settings,
            check_settings: true,
            format: PhotoFormat::Jpeg,
            ended_error: MediaErrorKind::Unknown,
        });
        expect_err(r, MediaErrorKind::NotSupported);
    }
    // Removing the override brings back the canvas's own (size-only) model;
    // with no frame yet, photo capabilities wait for one (or answer after a while).
    assert!(matches!(
        h.request(|request| MediaCommand::SetPhotoStateOverride { request, state: None }),
        Ok(MediaReply::OverrideSet)
    ));
    h.send(MediaCommand::PushFrame { source, frame: solid(ImageSize::new(10, 10), [0; 4]) });
    let Ok(MediaReply::PhotoCapabilities(caps)) =
        h.request(|request| MediaCommand::GetPhotoCapabilities { request, source })
    else {
        panic!()
    };
    assert_eq!(caps.image_width.unwrap().max, Some(10.0));
    assert_eq!(caps.red_eye_reduction, Some(RedEyeReduction::Never));
    let torch = MediaTrackConstraints {
        basic: MediaTrackConstraintSet {
            torch: Some(ConstrainBoolean::Params { exact: Some(true), ideal: None }),
            ..Default::default()
        },
        advanced: None,
    };
    let r = h.request(|request| MediaCommand::ApplyConstraints {
        request,
        source,
        constraints: torch,
        ptz_permitted: false,
    });
    assert_eq!(expect_err(r, MediaErrorKind::Overconstrained).constraint(), Some("torch"));
    let r = h.request(|request| MediaCommand::ApplyConstraints {
        request,
        source,
        constraints: Default::default(),
        ptz_permitted: false,
    });
    assert!(r.is_ok());
    h.stop(source);
}

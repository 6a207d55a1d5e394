//! The fake camera through the real device path: discovery, constraints,
//! visible control effects, photos, disappearance and muting.

mod common;

use std::time::Duration;

use base::VideoFrame;
use common::*;
use media::fake_camera::{FAKE_CAMERA_ID, FAKE_CAMERA_LABEL};
use media_traits::constraints::*;
use media_traits::error::MediaErrorKind;
use media_traits::messages::*;
use media_traits::photo::{FillLightMode, PhotoSettings};

fn px(f: &VideoFrame, x: u32, y: u32) -> [u8; 4] {
    f.rgba_at(x, y).unwrap()
}

fn near(a: [u8; 4], b: [u8; 3], tol: u8) -> bool {
    (0..3).all(|i| a[i].abs_diff(b[i]) <= tol)
}

/// Grabs until a frame rendered after the last control change arrives.
fn fresh(h: &Harness, source: base::SourceId) -> VideoFrame {
    h.grab(source).unwrap();
    h.grab(source).unwrap()
}

fn apply(
    h: &Harness,
    source: base::SourceId,
    basic: MediaTrackConstraintSet,
) -> Result<MediaReply, media_traits::error::MediaError> {
    let constraints = MediaTrackConstraints { basic, advanced: None };
    h.request(|request| MediaCommand::ApplyConstraints { request, source, constraints, ptz_permitted: true })
}

fn exact(v: f64) -> ConstrainDouble {
    Constrain::Range(ConstrainRange { exact: Some(v), ..Default::default() })
}

#[test]
fn enumerate_lists_the_fake_camera() {
    let h = Harness::new();
    let Ok(MediaReply::Devices(devices)) =
        h.request(|request| MediaCommand::EnumerateDevices { request, ptz_permitted: false })
    else {
        panic!()
    };
    assert_eq!(devices.len(), 1, "other providers are demoted: {devices:?}");
    assert_eq!(devices[0].device_id, FAKE_CAMERA_ID);
    assert_eq!(devices[0].label, FAKE_CAMERA_LABEL);
    assert!(devices[0].is_fake);
}

#[test]
fn open_delivers_frames_with_selected_settings() {
    let h = Harness::new();
    let (source, state) = h.open_camera(MediaTrackConstraints::default(), true).unwrap();
    assert_eq!((state.settings.width, state.settings.height), (Some(640), Some(480)));
    assert_eq!(state.settings.device_id.as_deref(), Some(FAKE_CAMERA_ID));
    assert_eq!(state.settings.resize_mode.as_deref(), Some("none"));
    assert_eq!(state.capabilities.width.unwrap().max, 1920);
    assert_eq!(state.capabilities.zoom.unwrap().max, Some(4.0));
    let frame = h.grab(source).unwrap();
    assert_eq!((frame.size.width, frame.size.height), (640, 480));
    assert!(near(px(&frame, 4, 4), media::fake_camera::RED, 12), "{:?}", px(&frame, 4, 4));
    assert!(near(px(&frame, 320, 240), media::fake_camera::YELLOW, 12));
    let Ok(MediaReply::Stats(stats)) = h.request(|request| MediaCommand::GetStats { request, source }) else {
        panic!()
    };
    assert!(stats.frames_in >= 1 && stats.frames_out >= 1);
    assert_eq!(stats.copies_per_frame(), 1.0, "one YUY2→RGBA conversion per grab");
    h.stop(source);
}

#[test]
fn exact_sizes_use_native_modes_or_crop_and_scale() {
    let h = Harness::new();
    let basic = MediaTrackConstraintSet {
        width: Some(Constrain::Range(ConstrainRange { exact: Some(1280), ..Default::default() })),
        height: Some(Constrain::Range(ConstrainRange { exact: Some(720), ..Default::default() })),
        ..Default::default()
    };
    let (source, state) = h.open_camera(MediaTrackConstraints { basic, advanced: None }, false).unwrap();
    assert_eq!((state.settings.width, state.settings.resize_mode.as_deref()), (Some(1280), Some("none")));
    assert_eq!(h.grab(source).unwrap().size.width, 1280);
    // 1000 wide exists in no mode: crop-and-scale from a larger one.
    let basic = MediaTrackConstraintSet {
        width: Some(Constrain::Range(ConstrainRange { exact: Some(1000), ..Default::default() })),
        ..Default::default()
    };
    let Ok(MediaReply::ConstraintsApplied { state, .. }) = apply(&h, source, basic) else { panic!() };
    assert_eq!((state.settings.width, state.settings.resize_mode.as_deref()), (Some(1000), Some("crop-and-scale")));
    let frame = fresh(&h, source);
    assert_eq!(frame.size.width, 1000);
    assert_eq!(Some(frame.size.height), state.settings.height);
    h.stop(source);
}

#[test]
fn rejections_name_the_constraint() {
    let h = Harness::new();
    let too_wide = MediaTrackConstraintSet {
        width: Some(Constrain::Range(ConstrainRange { min: Some(5000), ..Default::default() })),
        ..Default::default()
    };
    let e = h.open_camera(MediaTrackConstraints { basic: too_wide, advanced: None }, true).unwrap_err();
    assert_eq!((e.kind(), e.constraint()), (MediaErrorKind::Overconstrained, Some("width")));
    let unknown = MediaTrackConstraintSet {
        device_id: Some(ConstrainDOMString::Params { exact: Some(StringOrList::One("nope".into())), ideal: None }),
        ..Default::default()
    };
    let e = h.open_camera(MediaTrackConstraints { basic: unknown, advanced: None }, true).unwrap_err();
    assert_eq!(e.constraint(), Some("deviceId"));
    let (source, _) = h.open_camera(MediaTrackConstraints::default(), false).unwrap();
    let pan = MediaTrackConstraintSet { pan: Some(ConstrainDoubleOrBool::Double(exact(3600.0))), ..Default::default() };
    let constraints = MediaTrackConstraints { basic: pan, advanced: None };
    let r = h.request(|request| MediaCommand::ApplyConstraints { request, source, constraints, ptz_permitted: false });
    assert_eq!(expect_err(r, MediaErrorKind::Overconstrained).constraint(), Some("pan"));
    let iso = MediaTrackConstraintSet { iso: Some(exact(1.0)), ..Default::default() };
    assert_eq!(expect_err(apply(&h, source, iso), MediaErrorKind::Overconstrained).constraint(), Some("iso"));
    h.stop(source);
}

#[test]
fn constraint_effects_are_visible_in_pixels() {
    let h = Harness::new();
    let (source, _) = h.open_camera(MediaTrackConstraints::default(), true).unwrap();
    let before = h.grab(source).unwrap();
    assert!(near(px(&before, 4, 4), media::fake_camera::RED, 12));

    // Zoom 4: the frame's corner now shows the yellow centre of the scene.
    let zoom = MediaTrackConstraintSet { zoom: Some(ConstrainDoubleOrBool::Double(exact(4.0))), ..Default::default() };
    let Ok(MediaReply::ConstraintsApplied { state, .. }) = apply(&h, source, zoom) else { panic!() };
    assert_eq!(state.settings.zoom, Some(4.0));
    assert!(near(px(&fresh(&h, source), 4, 4), media::fake_camera::YELLOW, 12));

    // Pan to the right edge (zoomed): the right side of the frame is green.
    let pan = MediaTrackConstraintSet {
        zoom: Some(ConstrainDoubleOrBool::Double(exact(4.0))),
        pan: Some(ConstrainDoubleOrBool::Double(exact(36000.0))),
        ..Default::default()
    };
    apply(&h, source, pan).unwrap();
    assert!(near(px(&fresh(&h, source), 636, 4), media::fake_camera::GREEN, 14));

    // Back to the full view; then brightness, torch and saturation.
    let reset = MediaTrackConstraintSet {
        zoom: Some(ConstrainDoubleOrBool::Double(exact(1.0))),
        pan: Some(ConstrainDoubleOrBool::Double(exact(0.0))),
        ..Default::default()
    };
    apply(&h, source, reset).unwrap();
    let base = px(&fresh(&h, source), 600, 400);
    apply(&h, source, MediaTrackConstraintSet { brightness: Some(exact(64.0)), ..Default::default() }).unwrap();
    let bright = px(&fresh(&h, source), 600, 400);
    assert!(bright[0] > base[0] + 40, "{base:?} → {bright:?}");
    let torch = MediaTrackConstraintSet {
        torch: Some(ConstrainBoolean::Params { exact: Some(true), ideal: None }),
        brightness: Some(exact(0.0)),
        ..Default::default()
    };
    apply(&h, source, torch).unwrap();
    let lit = px(&fresh(&h, source), 600, 400);
    assert!(lit[0] > base[0] + 30, "torch: {base:?} → {lit:?}");
    let grey = MediaTrackConstraintSet {
        saturation: Some(exact(0.0)),
        torch: Some(ConstrainBoolean::Params { exact: Some(false), ideal: None }),
        ..Default::default()
    };
    apply(&h, source, grey).unwrap();
    let p = px(&fresh(&h, source), 4, 4);
    assert!(p[0].abs_diff(p[2]) < 12, "saturation 0 is grey: {p:?}");
    // Manual white balance at a low colour temperature cools the picture.
    let cool = MediaTrackConstraintSet {
        saturation: Some(exact(64.0)),
        white_balance_mode: Some(ConstrainDOMString::Params {
            exact: Some(StringOrList::One("manual".into())),
            ideal: None,
        }),
        color_temperature: Some(exact(2500.0)),
        ..Default::default()
    };
    apply(&h, source, cool).unwrap();
    let c = px(&fresh(&h, source), 600, 400);
    assert!(c[2] > c[0] + 40, "grey becomes blue: {c:?}");
    h.stop(source);
}

fn jpeg_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..2], &[0xFF, 0xD8]);
    let mut i = 2;
    while i + 9 < bytes.len() {
        let marker = bytes[i + 1];
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        if (0xC0..=0xC2).contains(&marker) {
            let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]) as u32;
            let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]) as u32;
            return (w, h);
        }
        i += 2 + len;
    }
    panic!("no SOF marker");
}

#[test]
fn take_photo_at_the_requested_resolution() {
    let h = Harness::new();
    let (source, _) = h.open_camera(MediaTrackConstraints::default(), true).unwrap();
    let settings = PhotoSettings { image_width: Some(1920.0), image_height: Some(1080.0), ..Default::default() };
    let take = |settings: PhotoSettings, format, check| {
        h.request(|request| MediaCommand::TakePhoto {
            request,
            source,
            settings,
            check_settings: check,
            format,
            ended_error: MediaErrorKind::Unknown,
        })
    };
    let Ok(MediaReply::Photo(jpeg)) = take(settings.clone(), PhotoFormat::Jpeg, true) else { panic!() };
    assert_eq!(jpeg.mime_type, "image/jpeg");
    assert_eq!(jpeg_size(&jpeg.bytes), (1920, 1080));
    let Ok(MediaReply::Photo(png)) =
        take(PhotoSettings { fill_light_mode: Some(FillLightMode::Flash), ..settings }, PhotoFormat::Png, true)
    else {
        panic!()
    };
    assert_eq!(png.mime_type, "image/png");
    assert_eq!(&png.bytes[1..4], b"PNG");
    assert_eq!(u32::from_be_bytes(png.bytes[16..20].try_into().unwrap()), 1920);
    // The photo size persists as the current photo setting.
    let Ok(MediaReply::PhotoSettings(ps)) = h.request(|request| MediaCommand::GetPhotoSettings { request, source })
    else {
        panic!()
    };
    assert_eq!((ps.image_width, ps.image_height), (Some(1920.0), Some(1080.0)));
    let Ok(MediaReply::PhotoCapabilities(caps)) =
        h.request(|request| MediaCommand::GetPhotoCapabilities { request, source })
    else {
        panic!()
    };
    assert_eq!(caps.image_width.unwrap().max, Some(1920.0));
    let too_big = PhotoSettings { image_width: Some(4000.0), ..Default::default() };
    expect_err(take(too_big, PhotoFormat::Jpeg, true), MediaErrorKind::NotSupported);
    h.stop(source);
}

#[test]
fn a_panicking_handler_answers_its_request_and_the_thread_goes_on() {
    let h = Harness::new();
    let (source, _) = h.open_camera(MediaTrackConstraints::default(), true).unwrap();
    let r = h.request(|request| MediaCommand::FakeCamera { request, source, action: FakeCameraAction::PanicInHandler });
    expect_err(r, MediaErrorKind::Unknown);
    // The thread, the source and its camera are still there.
    h.grab(source).unwrap();
    assert!(matches!(
        h.request(|request| MediaCommand::EnumerateDevices { request, ptz_permitted: false }),
        Ok(MediaReply::Devices(_))
    ));
    h.stop(source);
}

#[test]
fn unplugged_camera_ends_the_source_and_settles_requests() {
    let h = Harness::new();
    let (source, _) = h.open_camera(MediaTrackConstraints::default(), true).unwrap();
    assert!(
        h.request(|request| MediaCommand::FakeCamera { request, source, action: FakeCameraAction::Freeze }).is_ok()
    );
    // A frame already on its way when the camera froze could still answer a grab: wait until
    // the source reports it is muted (no frames), so the grab below is really pending.
    let muted = h.event(
        Duration::from_secs(5),
        |e| matches!(e, MediaEvent::MuteChanged { source: s, muted: true } if *s == source),
    );
    assert!(muted.is_some(), "the frozen camera is muted");
    let grab = base::RequestId::next();
    h.send(MediaCommand::GrabFrame { request: grab, source, ended_error: MediaErrorKind::Operation });
    let photo = base::RequestId::next();
    let settings = PhotoSettings::default();
    h.send(MediaCommand::TakePhoto {
        request: photo,
        source,
        settings,
        check_settings: false,
        format: PhotoFormat::Jpeg,
        ended_error: MediaErrorKind::Unknown,
    });
    h.request(|request| MediaCommand::FakeCamera { request, source, action: FakeCameraAction::Unplug }).unwrap();
    let ended =
        h.event(Duration::from_secs(5), |e| matches!(e, MediaEvent::SourceEnded { source: s, .. } if *s == source));
    assert!(ended.is_some(), "SourceEnded after unplug");
    expect_err(h.reply(grab), MediaErrorKind::Operation);
    // The photo was rendered by the fake camera before the unplug or fails; either way it is answered once.
    let _ = h.reply(photo);
    assert_eq!(h.count_replies(grab, Duration::from_millis(100)), 0, "no second reply");
    expect_err(h.grab(source), MediaErrorKind::InvalidState);
    h.stop(source); // stopping an ended source is harmless
    // The camera can be opened again.
    let (again, _) = h.open_camera(MediaTrackConstraints::default(), true).unwrap();
    h.grab(again).unwrap();
    h.stop(again);
}

#[test]
fn frozen_camera_is_muted_then_unmuted() {
    let h = Harness::new();
    let (source, _) = h.open_camera(MediaTrackConstraints::default(), true).unwrap();
    h.grab(source).unwrap();
    h.request(|request| MediaCommand::FakeCamera { request, source, action: FakeCameraAction::Freeze }).unwrap();
    let muted = h.event(Duration::from_secs(4), |e| matches!(e, MediaEvent::MuteChanged { muted: true, .. }));
    assert!(muted.is_some());
    h.request(|request| MediaCommand::FakeCamera { request, source, action: FakeCameraAction::Thaw }).unwrap();
    let unmuted = h.event(Duration::from_secs(4), |e| matches!(e, MediaEvent::MuteChanged { muted: false, .. }));
    assert!(unmuted.is_some());
    h.stop(source);
}

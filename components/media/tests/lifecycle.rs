//! Request bookkeeping: every request answered once, stop and exit while
//! pending, stale ids, missing plugins, and no leaks over many sources.

mod common;

use std::sync::Arc;
use std::time::Duration;

use base::units::ImageSize;
use base::{RequestId, SourceId};
use common::*;
use media::elements::WithoutElements;
use media_traits::constraints::MediaTrackConstraints;
use media_traits::error::MediaErrorKind;
use media_traits::messages::*;
use media_traits::photo::PhotoSettings;

#[test]
fn stop_while_pending_answers_every_request_once() {
    let h = Harness::new();
    let source = h.canvas(ImageSize::new(32, 32));
    let (grab, caps, settings, photo) = (RequestId::next(), RequestId::next(), RequestId::next(), RequestId::next());
    h.send(MediaCommand::GrabFrame { request: grab, source, ended_error: MediaErrorKind::Unknown });
    h.send(MediaCommand::GetPhotoCapabilities { request: caps, source });
    h.send(MediaCommand::GetPhotoSettings { request: settings, source });
    h.send(MediaCommand::TakePhoto {
        request: photo,
        source,
        settings: PhotoSettings::default(),
        check_settings: false,
        format: PhotoFormat::Jpeg,
        ended_error: MediaErrorKind::Abort,
    });
    h.stop(source);
    expect_err(h.reply(grab), MediaErrorKind::Unknown);
    expect_err(h.reply(caps), MediaErrorKind::Operation);
    expect_err(h.reply(settings), MediaErrorKind::Operation);
    expect_err(h.reply(photo), MediaErrorKind::Abort);
    for r in [grab, caps, settings, photo] {
        assert_eq!(h.count_replies(r, Duration::from_millis(50)), 0, "{r} answered twice");
    }
}

#[test]
fn stop_camera_with_a_pending_grab() {
    let h = Harness::new();
    let (source, _) = h.open_camera(MediaTrackConstraints::default(), true).unwrap();
    h.request(|request| MediaCommand::FakeCamera { request, source, action: FakeCameraAction::Freeze }).unwrap();
    let grab = RequestId::next();
    h.send(MediaCommand::GrabFrame { request: grab, source, ended_error: MediaErrorKind::InvalidState });
    h.stop(source);
    expect_err(h.reply(grab), MediaErrorKind::InvalidState);
}

#[test]
fn cancel_settles_with_the_named_error() {
    let h = Harness::new();
    let source = h.canvas(ImageSize::new(8, 8));
    let grab = RequestId::next();
    h.send(MediaCommand::GrabFrame { request: grab, source, ended_error: MediaErrorKind::Unknown });
    h.send(MediaCommand::CancelRequest { request: grab, error: MediaErrorKind::InvalidState });
    expect_err(h.reply(grab), MediaErrorKind::InvalidState);
    h.send(MediaCommand::CancelRequest { request: grab, error: MediaErrorKind::InvalidState });
    assert_eq!(h.count_replies(grab, Duration::from_millis(100)), 0);
    h.stop(source);
}

#[test]
fn exit_answers_pending_requests_with_abort() {
    let mut h = Harness::new();
    let source = h.canvas(ImageSize::new(8, 8));
    let grab = RequestId::next();
    h.send(MediaCommand::GrabFrame { request: grab, source, ended_error: MediaErrorKind::Unknown });
    std::thread::sleep(Duration::from_millis(50));
    h.media.take().unwrap().exit();
    expect_err(h.reply(grab), MediaErrorKind::Abort);
}

#[test]
fn stale_ids_and_bad_input_do_not_kill_the_thread() {
    let h = Harness::new();
    let ghost = SourceId::next();
    h.send(MediaCommand::PushFrame { source: ghost, frame: solid(ImageSize::new(2, 2), [0; 4]) });
    expect_err(h.grab(ghost), MediaErrorKind::InvalidState);
    expect_err(
        h.request(|request| MediaCommand::GetTrackState { request, source: ghost }),
        MediaErrorKind::InvalidState,
    );
    let canvas = h.canvas(ImageSize::new(4, 4));
    let r = h.request(|request| MediaCommand::FakeCamera { request, source: canvas, action: FakeCameraAction::Unplug });
    expect_err(r, MediaErrorKind::NotSupported);
    let r = h.request(|request| MediaCommand::CreateCanvasSource {
        request,
        source: canvas,
        size: ImageSize::new(4, 4),
        frame_rate: Some(-1.0),
    });
    expect_err(r, MediaErrorKind::InvalidState);
    let r = h.request(|request| MediaCommand::CreateCanvasSource {
        request,
        source: SourceId::next(),
        size: ImageSize::new(4, 4),
        frame_rate: Some(-1.0),
    });
    expect_err(r, MediaErrorKind::NotSupported);
    // A zero-sized photo is an UnknownError, not a panic.
    h.send(MediaCommand::PushFrame { source: canvas, frame: solid(ImageSize::new(4, 4), [1; 4]) });
    let settings = PhotoSettings { image_width: Some(0.0), image_height: Some(0.0), ..Default::default() };
    let r = h.request(|request| MediaCommand::TakePhoto {
        request,
        source: canvas,
        settings,
        check_settings: false,
        format: PhotoFormat::Png,
        ended_error: MediaErrorKind::Unknown,
    });
    assert!(r.is_ok(), "zero size means the frame's size: {r:?}");
    h.stop(canvas);
    assert!(matches!(
        h.request(|request| MediaCommand::EnumerateDevices { request, ptz_permitted: false }),
        Ok(MediaReply::Devices(_))
    ));
}

#[test]
fn missing_plugins_are_clear_errors() {
    let h = Harness::with(media::MediaOptions {
        elements: Arc::new(WithoutElements::new(&["proxysink"])),
        ..fake_options()
    });
    let r = h.request(|request| MediaCommand::CreateCanvasSource {
        request,
        source: SourceId::next(),
        size: ImageSize::new(4, 4),
        frame_rate: None,
    });
    let e = expect_err(r, MediaErrorKind::NotSupported);
    assert!(e.message().contains("proxysink") && e.message().contains("gst-plugins-bad"), "{e}");
    drop(h);
    let h = Harness::with(media::MediaOptions {
        elements: Arc::new(WithoutElements::new(&["videoscale"])),
        ..fake_options()
    });
    let e = h.open_camera(MediaTrackConstraints::default(), true).unwrap_err();
    assert!(e.message().contains("videoscale"), "{e}");
    let h2 =
        Harness::with(media::MediaOptions { elements: Arc::new(WithoutElements::new(&["tee"])), ..fake_options() });
    let e = h2.open_camera(MediaTrackConstraints::default(), true).unwrap_err();
    assert!(e.message().contains("tee"), "{e}");
    // Photos fall back to the pure-Rust JPEG encoder when jpegenc is missing.
    let h3 =
        Harness::with(media::MediaOptions { elements: Arc::new(WithoutElements::new(&["jpegenc"])), ..fake_options() });
    let source = h3.canvas(ImageSize::new(16, 16));
    h3.send(MediaCommand::PushFrame { source, frame: solid(ImageSize::new(16, 16), [0, 255, 0, 255]) });
    let r = h3.request(|request| MediaCommand::TakePhoto {
        request,
        source,
        settings: PhotoSettings::default(),
        check_settings: false,
        format: PhotoFormat::Jpeg,
        ended_error: MediaErrorKind::Unknown,
    });
    let Ok(MediaReply::Photo(p)) = r else { panic!("{r:?}") };
    assert_eq!(&p.bytes[..2], &[0xFF, 0xD8]);
    assert!(matches!(
        h.request(|request| MediaCommand::EnumerateDevices { request, ptz_permitted: false }),
        Ok(MediaReply::Devices(_))
    ));
}

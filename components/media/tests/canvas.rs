//! Canvas sources: zero-copy feed, sinks, grabs, photos and resizes.

mod common;

use std::time::{Duration, Instant};

use base::units::ImageSize;
use common::*;
use media_traits::error::MediaErrorKind;
use media_traits::messages::*;
use media_traits::photo::PhotoSettings;
use media_traits::slot::FrameSlot;

#[test]
fn canvas_feed_is_zero_copy_to_sinks_and_grabs() {
    let h = Harness::new();
    let source = h.canvas(ImageSize::new(320, 240));
    let slot = FrameSlot::new();
    let sink = SinkId::next();
    let s = slot.clone();
    assert!(matches!(
        h.request(|request| MediaCommand::AttachSink { request, source, sink, slot: s }),
        Ok(MediaReply::SinkDone)
    ));
    let mut pushed = Vec::new();
    for i in 0..5u8 {
        let frame = solid(ImageSize::new(320, 240), [i * 40, 10, 200, 255]);
        pushed.push(frame.data.clone());
        h.send(MediaCommand::PushFrame { source, frame });
        std::thread::sleep(Duration::from_millis(20));
    }
    let first =
        h.event(Duration::from_secs(5), |e| matches!(e, MediaEvent::SinkFirstFrame { sink: s, .. } if *s == sink));
    assert!(first.is_some());
    let deadline = Instant::now() + Duration::from_secs(5);
    while slot.latest().is_none_or(|f| !f.data.ptr_eq(pushed.last().unwrap())) {
        assert!(Instant::now() < deadline, "the sink never saw the last pushed memory");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(slot.latest().unwrap().rgba_at(0, 0), Some([160, 10, 200, 255]));
    // grabFrame on a canvas answers the latest frame: the very same memory.
    let grabbed = h.grab(source).unwrap();
    assert!(grabbed.data.ptr_eq(pushed.last().unwrap()));
    let Ok(MediaReply::Stats(stats)) = h.request(|request| MediaCommand::GetStats { request, source }) else {
        panic!()
    };
    assert_eq!(stats.frames_in, 5);
    assert!(stats.frames_out >= 2);
    assert_eq!(stats.copies, 0, "{stats:?}");

    // A resize: settings follow and the sink reports the new size.
    h.send(MediaCommand::PushFrame { source, frame: solid(ImageSize::new(160, 100), [1, 2, 3, 255]) });
    let changed = h.event(Duration::from_secs(5), |e| matches!(e, MediaEvent::SettingsChanged { .. }));
    let Some(MediaEvent::SettingsChanged { state, .. }) = changed else { panic!() };
    assert_eq!((state.settings.width, state.settings.height), (Some(160), Some(100)));
    let resized = h.event(Duration::from_secs(5), |e| matches!(e, MediaEvent::SinkResized { .. }));
    assert!(matches!(resized, Some(MediaEvent::SinkResized { size, .. }) if size == ImageSize::new(160, 100)));
    assert!(matches!(h.request(|request| MediaCommand::DetachSink { request, sink }), Ok(MediaReply::SinkDone)));
    assert!(slot.latest().is_none(), "detaching clears the slot");
    h.stop(source);
}

#[test]
fn grab_waits_for_the_first_canvas_frame() {
    let h = Harness::new();
    let source = h.canvas(ImageSize::new(64, 64));
    let request = base::RequestId::next();
    h.send(MediaCommand::GrabFrame { request, source, ended_error: MediaErrorKind::Unknown });
    std::thread::sleep(Duration::from_millis(50));
    let frame = solid(ImageSize::new(64, 64), [9, 9, 9, 255]);
    let data = frame.data.clone();
    h.send(MediaCommand::PushFrame { source, frame });
    let Ok(MediaReply::Frame(f)) = h.reply(request) else { panic!() };
    assert!(f.data.ptr_eq(&data));
    h.stop(source);
}

#[test]
fn grab_times_out_with_unknown_error() {
    let h = Harness::with(media::MediaOptions { grab_timeout: Duration::from_millis(200), ..fake_options() });
    let source = h.canvas(ImageSize::new(8, 8));
    let start = Instant::now();
    expect_err(h.grab(source), MediaErrorKind::Unknown);
    assert!(start.elapsed() >= Duration::from_millis(180));
    h.stop(source);
}

#[test]
fn canvas_photo_is_scaled_to_the_request() {
    let h = Harness::new();
    let source = h.canvas(ImageSize::new(100, 50));
    h.send(MediaCommand::PushFrame { source, frame: solid(ImageSize::new(100, 50), [255, 0, 0, 255]) });
    let settings = PhotoSettings { image_width: Some(200.0), image_height: Some(100.0), ..Default::default() };
    let r = h.request(|request| MediaCommand::TakePhoto {
        request,
        source,
        settings,
        check_settings: false,
        format: PhotoFormat::Png,
        ended_error: MediaErrorKind::Unknown,
    });
    let Ok(MediaReply::Photo(photo)) = r else { panic!("{r:?}") };
    assert_eq!(photo.size, ImageSize::new(200, 100));
    assert_eq!(u32::from_be_bytes(photo.bytes[16..20].try_into().unwrap()), 200);
    // Checked settings: a canvas offers only its own size.
    let settings = PhotoSettings { image_width: Some(200.0), ..Default::default() };
    let r = h.request(|request| MediaCommand::TakePhoto {
        request,
        source,
        settings,
        check_settings: true,
        format: PhotoFormat::Jpeg,
        ended_error: MediaErrorKind::Unknown,
    });
    expect_err(r, MediaErrorKind::NotSupported);
    h.stop(source);
}

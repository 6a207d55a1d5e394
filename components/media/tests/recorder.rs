//! MediaRecorder's pipelines: what a recording of a canvas source holds, read back by decoding
//! it with GStreamer; timeslice chunks; pause; containers.

mod common;

use std::time::Duration;

use base::RequestId;
use base::units::ImageSize;
use common::*;
use gstreamer as gst;
use gstreamer::prelude::*;
use media_traits::messages::*;
use media_traits::recorder::*;

fn config(format: RecorderFormat, tracks: Vec<RecordedTrack>, timeslice: Option<u32>) -> RecorderConfig {
    RecorderConfig {
        format,
        bitrates: Bitrates::choose(None, None, None),
        key_frames: KeyFrames::Auto,
        timeslice,
        tracks,
    }
}

fn webm_vp8() -> RecorderFormat {
    choose_format(None, true, false).unwrap()
}

fn video(source: base::SourceId) -> RecordedTrack {
    RecordedTrack::Video { source, enabled: EnabledFlag::new(true) }
}

fn start(h: &Harness, recorder: RecorderId, config: RecorderConfig) {
    let r = h.request(|request| MediaCommand::StartRecorder { request, recorder, config });
    assert!(matches!(r, Ok(MediaReply::RecorderStarted)), "{r:?}");
}

fn stop(h: &Harness, recorder: RecorderId) -> Vec<u8> {
    match h.request(|request| MediaCommand::StopRecorder { request, recorder, discard: false }) {
        Ok(MediaReply::RecorderData { data, .. }) => data,
        other => panic!("{other:?}"),
    }
}

/// Decodes a recording: (timestamp, RGBA at the centre) of each video frame.
fn decode(bytes: &[u8]) -> Vec<(Duration, [u8; 4])> {
    let path = std::env::temp_dir().join(format!("aperture-recording-{}-{}", std::process::id(), RequestId::next()));
    std::fs::write(&path, bytes).unwrap();
    let pipeline = gst::parse::launch(&format!(
        "filesrc location={} ! decodebin ! videoconvert ! video/x-raw,format=RGBA ! appsink name=out sync=false",
        path.display()
    ))
    .unwrap()
    .downcast::<gst::Pipeline>()
    .unwrap();
    let sink = pipeline.by_name("out").unwrap().downcast::<gstreamer_app::AppSink>().unwrap();
    pipeline.set_state(gst::State::Playing).unwrap();
    let mut frames = Vec::new();
    while let Some(sample) = sink.try_pull_sample(gst::ClockTime::from_seconds(5)) {
        let info = gstreamer_video::VideoInfo::from_caps(sample.caps().unwrap()).unwrap();
        let buffer = sample.buffer().unwrap();
        let map = buffer.map_readable().unwrap();
        let (x, y) = (info.width() as usize / 2, info.height() as usize / 2);
        let at = y * info.stride()[0] as usize + x * 4;
        let px = [map[at], map[at + 1], map[at + 2], map[at + 3]];
        frames.push((Duration::from_nanos(buffer.pts().unwrap().nseconds()), px));
    }
    pipeline.set_state(gst::State::Null).unwrap();
    let _ = std::fs::remove_file(&path);
    frames
}

fn close(a: [u8; 4], b: [u8; 4]) -> bool {
    a.iter().zip(b).all(|(x, y)| (i32::from(*x) - i32::from(y)).abs() <= 24)
}

#[test]
fn a_canvas_recording_holds_what_was_painted_with_its_timing() {
    let h = Harness::new();
    let size = ImageSize::new(320, 240);
    let source = h.canvas(size);
    let recorder = RecorderId::next();
    start(&h, recorder, config(webm_vp8(), vec![video(source)], Some(200)));
    // 0.5 s of green at 20 fps, then 0.5 s of blue.
    for i in 0..20 {
        let colour = if i < 10 { [0, 200, 0, 255] } else { [0, 0, 200, 255] };
        h.send(MediaCommand::PushFrame { source, frame: solid(size, colour) });
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut bytes = Vec::new();
    let mut timecodes = Vec::new();
    while let Some(MediaEvent::RecorderData { data, timecode, .. }) =
        h.event(Duration::ZERO, |e| matches!(e, MediaEvent::RecorderData { .. }))
    {
        bytes.extend(data);
        timecodes.push(timecode);
    }
    assert!(timecodes.len() >= 3, "200 ms slices of a 1 s recording: {timecodes:?}");
    assert_eq!(timecodes[0], 0.0);
    assert!(timecodes.windows(2).all(|w| w[1] - w[0] >= 190.0), "{timecodes:?}");
    bytes.extend(stop(&h, recorder));
    assert_eq!(&bytes[..4], &[0x1a, 0x45, 0xdf, 0xa3], "an EBML (WebM) header");
    let frames = decode(&bytes);
    assert_eq!(frames.len(), 20, "every painted frame is recorded");
    assert!(close(frames[0].1, [0, 200, 0, 255]), "{:?}", frames[0]);
    assert!(close(frames[19].1, [0, 0, 200, 255]), "{:?}", frames[19]);
    let span = frames[19].0 - frames[0].0;
    assert!(span >= Duration::from_millis(900) && span <= Duration::from_millis(1100), "{span:?}");
    h.stop(source);
}

#[test]
fn paused_time_is_left_out_and_frames_meanwhile_are_dropped() {
    let h = Harness::new();
    let size = ImageSize::new(64, 48);
    let source = h.canvas(size);
    let recorder = RecorderId::next();
    start(&h, recorder, config(webm_vp8(), vec![video(source)], None));
    let paint = |colour| {
        for _ in 0..5 {
            h.send(MediaCommand::PushFrame { source, frame: solid(size, colour) });
            std::thread::sleep(Duration::from_millis(40));
        }
    };
    paint([200, 0, 0, 255]);
    h.send(MediaCommand::PauseRecorder { recorder, paused: true });
    std::thread::sleep(Duration::from_millis(20));
    paint([0, 200, 0, 255]);
    h.send(MediaCommand::PauseRecorder { recorder, paused: false });
    paint([0, 0, 200, 255]);
    let frames = decode(&stop(&h, recorder));
    assert_eq!(frames.len(), 10, "{frames:?}");
    assert!(frames.iter().all(|(_, px)| !close(*px, [0, 200, 0, 255])), "nothing painted while paused");
    let span = frames[9].0 - frames[0].0;
    assert!(span < Duration::from_millis(500), "the paused 200 ms are not in the recording: {span:?}");
    h.stop(source);
}

#[test]
fn a_disabled_track_records_black_frames() {
    let h = Harness::new();
    let size = ImageSize::new(64, 48);
    let source = h.canvas(size);
    let recorder = RecorderId::next();
    let enabled = EnabledFlag::new(false);
    let track = RecordedTrack::Video { source, enabled: enabled.clone() };
    start(&h, recorder, config(webm_vp8(), vec![track], None));
    for _ in 0..3 {
        h.send(MediaCommand::PushFrame { source, frame: solid(size, [250, 250, 250, 255]) });
        std::thread::sleep(Duration::from_millis(40));
    }
    enabled.set(true);
    for _ in 0..3 {
        h.send(MediaCommand::PushFrame { source, frame: solid(size, [250, 250, 250, 255]) });
        std::thread::sleep(Duration::from_millis(40));
    }
    let frames = decode(&stop(&h, recorder));
    assert_eq!(frames.len(), 6);
    assert!(close(frames[0].1, [0, 0, 0, 255]), "{:?}", frames[0]);
    assert!(close(frames[5].1, [250, 250, 250, 255]), "{:?}", frames[5]);
    h.stop(source);
}

#[test]
fn every_offered_container_and_codec_records() {
    let h = Harness::new();
    let size = ImageSize::new(96, 64);
    for (mime, magic, with_video) in [
        ("video/webm;codecs=vp9,opus", &[0x1a, 0x45, 0xdf, 0xa3][..], true),
        ("video/x-matroska;codecs=avc1,pcm", &[0x1a, 0x45, 0xdf, 0xa3][..], true),
        ("video/mp4;codecs=avc1,opus", &b"ftyp"[..], true),
        ("audio/ogg;codecs=opus", &b"OggS"[..], false),
    ] {
        let constrained = constrained_type(mime).unwrap();
        let format = choose_format(constrained.as_ref(), with_video, true).unwrap();
        let source = h.canvas(size);
        let mut tracks = vec![RecordedTrack::FakeMicrophone { enabled: EnabledFlag::new(true) }];
        if with_video {
            tracks.push(video(source));
        }
        let recorder = RecorderId::next();
        start(&h, recorder, config(format, tracks, None));
        for _ in 0..6 {
            h.send(MediaCommand::PushFrame { source, frame: solid(size, [10, 20, 30, 255]) });
            std::thread::sleep(Duration::from_millis(40));
        }
        let bytes = stop(&h, recorder);
        let found = bytes.windows(magic.len()).take(16).any(|w| w == magic);
        assert!(found, "{mime}: {} bytes starting {:02x?}", bytes.len(), &bytes[..bytes.len().min(16)]);
        if with_video {
            assert_eq!(decode(&bytes).len(), 6, "{mime}: every frame decodes");
        }
        h.stop(source);
    }
}

#[test]
fn request_data_and_unknown_recorders_are_answered() {
    let h = Harness::new();
    let source = h.canvas(ImageSize::new(32, 32));
    let recorder = RecorderId::next();
    start(&h, recorder, config(webm_vp8(), vec![video(source)], None));
    h.send(MediaCommand::PushFrame { source, frame: solid(ImageSize::new(32, 32), [1, 2, 3, 255]) });
    std::thread::sleep(Duration::from_millis(100));
    let r = h.request(|request| MediaCommand::RequestRecorderData { request, recorder });
    let Ok(MediaReply::RecorderData { data, timecode }) = r else { panic!("{r:?}") };
    assert!(!data.is_empty(), "the header and the first frame");
    assert_eq!(timecode, 0.0);
    let tail = stop(&h, recorder);
    assert!(decode(&[data, tail].concat()).len() == 1, "the chunks together play");
    // A stale id: an empty chunk, no hang, no panic.
    assert!(stop(&h, recorder).is_empty());
    h.send(MediaCommand::PauseRecorder { recorder, paused: true });
    let r = h.request(|request| MediaCommand::RequestRecorderData { request, recorder });
    assert!(matches!(r, Ok(MediaReply::RecorderData { ref data, .. }) if data.is_empty()), "{r:?}");
    h.stop(source);
}

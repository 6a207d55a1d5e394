//! Branches on a playing source's tee come and go (issue 15): `<video>` sinks, recorder
//! branches and grabs churned on one fake camera leave the source delivering frames, every
//! request answered, every detached slot quiet, and GLib/GStreamer without a CRITICAL.
//!
//! In its own test binary: the GLib log handler it installs is process-wide.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use base::RequestId;
use common::*;
use media_traits::constraints::MediaTrackConstraints;
use media_traits::error::MediaErrorKind;
use media_traits::messages::*;
use media_traits::recorder::*;
use media_traits::slot::FrameSlot;

/// Counts CRITICAL messages of GStreamer and GObject ("dispose element … in PLAYING").
fn count_criticals() -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    for domain in ["GStreamer", "GLib-GObject", "GLib"] {
        let c = count.clone();
        glib::log_set_handler(Some(domain), glib::LogLevels::LEVEL_CRITICAL, false, false, move |d, _, message| {
            eprintln!("{}-CRITICAL: {message}", d.unwrap_or("?"));
            c.fetch_add(1, Ordering::Relaxed);
        });
    }
    count
}

fn recorder_config(source: base::SourceId) -> RecorderConfig {
    RecorderConfig {
        format: choose_format(None, true, false).expect("WebM/VP8"),
        bitrates: Bitrates::choose(None, None, None),
        key_frames: KeyFrames::Auto,
        timeslice: None,
        tracks: vec![RecordedTrack::Video { source, enabled: EnabledFlag::new(true) }],
    }
}

#[test]
fn churning_sinks_and_recorders_leaves_the_camera_working() {
    let criticals = count_criticals();
    let h = Harness::new();
    let (camera, state) = h.open_camera(MediaTrackConstraints::default(), false).expect("the fake camera opens");
    let size = (state.settings.width.unwrap(), state.settings.height.unwrap());
    let mut requests = Vec::new();
    let mut detached = Vec::new();
    // Commands are sent without waiting for their answers, so branches are added and removed
    // while the previous ones still stream.
    for round in 0..60 {
        let mut sinks = Vec::new();
        for _ in 0..3 {
            let (request, sink, slot) = (RequestId::next(), SinkId::next(), FrameSlot::new());
            h.send(MediaCommand::AttachSink { request, source: camera, sink, slot: slot.clone() });
            requests.push(request);
            sinks.push((sink, slot));
        }
        let (request, recorder) = (RequestId::next(), RecorderId::next());
        h.send(MediaCommand::StartRecorder { request, recorder, config: recorder_config(camera) });
        requests.push(request);
        let request = RequestId::next();
        h.send(MediaCommand::GrabFrame { request, source: camera, ended_error: MediaErrorKind::Unknown });
        requests.push(request);
        std::thread::sleep(Duration::from_millis(round % 3));
        for (sink, slot) in sinks {
            let request = RequestId::next();
            h.send(MediaCommand::DetachSink { request, sink });
            requests.push(request);
            detached.push(slot);
        }
        let request = RequestId::next();
        h.send(MediaCommand::StopRecorder { request, recorder, discard: false });
        requests.push(request);
    }
    for request in requests {
        // Grabs may fail (a grab is answered with the next frame or a timeout), but each
        // request is answered.
        let _ = h.reply(request);
    }
    // The source still delivers: a grab of its size, and a new sink gets its first frame.
    let frame = h.grab(camera).expect("a frame after the churn");
    assert_eq!((frame.size.width, frame.size.height), size);
    let (sink, slot) = (SinkId::next(), FrameSlot::new());
    let s = slot.clone();
    let r = h.request(|request| MediaCommand::AttachSink { request, source: camera, sink, slot: s });
    assert!(matches!(r, Ok(MediaReply::SinkDone)), "{r:?}");
    let first =
        h.event(Duration::from_secs(5), |e| matches!(e, MediaEvent::SinkFirstFrame { sink: s, .. } if *s == sink));
    assert!(first.is_some(), "no first frame for a sink attached after the churn");
    // Detached branches are gone: their slots were cleared and stay empty.
    std::thread::sleep(Duration::from_millis(200));
    let generations: Vec<u64> = detached.iter().map(FrameSlot::generation).collect();
    std::thread::sleep(Duration::from_millis(300));
    for (slot, before) in detached.iter().zip(generations) {
        assert!(slot.latest().is_none(), "a detached slot holds a frame");
        assert_eq!(slot.generation(), before, "a detached branch still stores frames");
    }
    h.stop(camera);
    assert_eq!(criticals.load(Ordering::Relaxed), 0, "GLib/GStreamer CRITICALs (see stderr)");
}

//! Many sources opened and closed in a loop: servo-media's registry returns
//! to its starting size and memory stays flat. Alone in its binary so no
//! other test's sources are counted.

mod common;

use std::time::Duration;

use base::units::ImageSize;
use common::*;
use media_traits::constraints::MediaTrackConstraints;
use media_traits::messages::MediaCommand;

#[test]
fn many_sources_opened_and_closed_leave_nothing_behind() {
    let h = Harness::new();
    // Warm up once so lazily created GStreamer state is not counted.
    let s = h.canvas(ImageSize::new(64, 64));
    h.stop(s);
    let (c, _) = h.open_camera(MediaTrackConstraints::default(), true).unwrap();
    h.stop(c);
    let streams_before = h.live_stream_count();
    let rss_before = rss();
    for i in 0..40 {
        let s = h.canvas(ImageSize::new(64, 64));
        assert_eq!(h.live_stream_count(), streams_before + 1, "the open stream is counted");
        h.send(MediaCommand::PushFrame { source: s, frame: solid(ImageSize::new(64, 64), [i as u8; 4]) });
        h.grab(s).unwrap();
        h.stop(s);
        if i % 4 == 0 {
            let (c, _) = h.open_camera(MediaTrackConstraints::default(), true).unwrap();
            h.grab(c).unwrap();
            h.stop(c);
        }
    }
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(h.live_stream_count(), streams_before, "servo-media streams were not released");
    let growth = rss().saturating_sub(rss_before);
    assert!(growth < 40 << 20, "RSS grew by {} MiB", growth >> 20);
}

//! Media-file playback: metadata at open, frames while playing, accurate seeks, the end, and
//! corrupt input answered with an error.

mod common;

use std::time::Duration;

use base::SourceId;
use common::*;
use media_traits::error::MediaErrorKind;
use media_traits::messages::*;

fn wpt_media(name: &str) -> Vec<u8> {
    let root = std::env::var("APERTURE_WPT_ROOT").unwrap_or_else(|_| {
        let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into());
        format!("{manifest}/../../../shared/wpt")
    });
    std::fs::read(format!("{root}/media/{name}")).expect("the WPT checkout's media files")
}

fn open(h: &Harness, bytes: Vec<u8>) -> (SourceId, Result<MediaReply, media_traits::error::MediaError>) {
    let source = SourceId::next();
    (source, h.request(|request| MediaCommand::OpenMedia { request, source, bytes }))
}

#[test]
fn a_webm_file_opens_plays_seeks_and_ends() {
    let h = Harness::new();
    let (source, reply) = open(&h, wpt_media("test-av-384k-44100Hz-1ch-320x240-30fps-10kfr.webm"));
    let Ok(MediaReply::MediaOpened { duration, video, audio, position, first_frame }) = reply else {
        panic!("{reply:?}")
    };
    assert_eq!(video, Some(base::units::ImageSize::new(320, 240)));
    assert!(audio);
    let duration = duration.expect("a duration");
    assert!(duration > Duration::from_millis(500), "{duration:?}");
    assert!(position.get() < Duration::from_millis(50), "the first frame's time: {:?}", position.get());
    assert_eq!(
        first_frame.map(|f| f.size),
        Some(base::units::ImageSize::new(320, 240)),
        "the first frame comes with the answer"
    );
    // The first frame is there while paused.
    let first = h.grab(source).expect("the first frame");
    assert_eq!(first.size, base::units::ImageSize::new(320, 240));
    // Seek near the end, then play to the end.
    let to = duration.saturating_sub(Duration::from_millis(300));
    let r = h.request(|request| MediaCommand::SeekMedia { request, source, position: to });
    assert!(matches!(r, Ok(MediaReply::MediaSeeked)), "{r:?}");
    assert!(position.get() >= to.saturating_sub(Duration::from_millis(40)), "{:?}", position.get());
    h.send(MediaCommand::PlayMedia { source, playing: true });
    let ended =
        h.event(Duration::from_secs(5), |e| matches!(e, MediaEvent::MediaEnded { source: s, .. } if *s == source));
    assert!(ended.is_some(), "the end is reported");
    assert!(position.get() >= duration.saturating_sub(Duration::from_millis(100)), "{:?}", position.get());
    h.stop(source);
}

#[test]
fn corrupt_and_truncated_media_fail_cleanly() {
    let h = Harness::new();
    let (_, reply) = open(&h, b"this is not a video".to_vec());
    expect_err(reply, MediaErrorKind::NotSupported);
    let mut bytes = wpt_media("test-v-128k-320x240-24fps-8kfr.webm");
    bytes.truncate(bytes.len() / 3);
    let (source, reply) = open(&h, bytes);
    // A truncated file opens (its start is fine), then ends or fails where the data stops.
    if reply.is_ok() {
        h.send(MediaCommand::PlayMedia { source, playing: true });
        let end = h.event(Duration::from_secs(10), |e| {
            matches!(e, MediaEvent::MediaEnded { source: s, .. } | MediaEvent::MediaFailed { source: s, .. } if *s == source)
        });
        assert!(end.is_some(), "a truncated file ends or fails");
        h.stop(source);
    }
    // The thread still answers.
    let (source, reply) = open(&h, wpt_media("test-a-128k-44100Hz-1ch.webm"));
    let Ok(MediaReply::MediaOpened { video, audio, .. }) = reply else { panic!("{reply:?}") };
    assert_eq!((video, audio), (None, true));
    h.stop(source);
}

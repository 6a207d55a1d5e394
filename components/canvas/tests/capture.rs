//! Frame capture for `captureStream()`: exact pixels, alpha, one copy per
//! frame, shared readbacks, timestamps, and no work without a request.

mod common;

use std::time::Duration;

use base::units::ImageSize;
use base::{CanvasId, PixelFormat, SourceId};
use canvas_traits::command::CanvasCommand;
use common::*;

fn capture(canvas: CanvasId, source: SourceId) -> CanvasCommand {
    CanvasCommand::CaptureFrame { canvas, source }
}

/// Four quadrants: opaque red, opaque green, half-transparent blue, clear.
fn paint_quadrants(canvas: CanvasId, w: u32, h: u32) -> Vec<CanvasCommand> {
    let (hw, hh) = ((w / 2) as f32, (h / 2) as f32);
    let (w, h) = (w as f32, h as f32);
    vec![
        fill_rect(canvas, 0.0, 0.0, hw, hh, rgba(255, 0, 0, 255)),
        fill_rect(canvas, hw, 0.0, w - hw, hh, rgba(0, 255, 0, 255)),
        fill_rect(canvas, 0.0, hh, hw, h - hh, rgba(0, 0, 255, 128)),
    ]
}

fn expected_quadrant(x: u32, y: u32, w: u32, h: u32) -> [u8; 4] {
    match (x < w / 2, y < h / 2) {
        (true, true) => [255, 0, 0, 255],
        (false, true) => [0, 255, 0, 255],
        (true, false) => [0, 0, 255, 128],
        (false, false) => [0, 0, 0, 0],
    }
}

#[test]
fn captured_frame_has_exactly_the_painted_pixels_at_many_sizes() {
    let h = harness();
    let sizes = [(1, 1), (2, 2), (3, 7), (17, 5), (64, 48), (640, 480), (1280, 720), (1920, 1080)];
    for (w, hgt) in sizes {
        let canvas = h.create(w, hgt);
        let source = SourceId::next();
        let mut batch = paint_quadrants(canvas, w, hgt);
        batch.push(capture(canvas, source));
        h.send(batch);
        let (got_source, frame) = h.frames.recv_timeout(Duration::from_secs(30)).unwrap();
        assert_eq!(got_source, source);
        assert_eq!(frame.size, ImageSize::new(w, hgt));
        assert_eq!(frame.format, PixelFormat::Rgba8);
        assert_eq!(frame.stride, w as usize * 4);
        assert!(frame.has_alpha);
        assert_eq!(frame.data.as_slice().len(), (w * hgt * 4) as usize);
        for y in 0..hgt {
            for x in 0..w {
                let actual = frame.rgba_at(x, y).unwrap();
                let expected = expected_quadrant(x, y, w, hgt);
                if actual.iter().zip(expected).any(|(a, e)| a.abs_diff(e) > 2) {
                    panic!("{w}×{hgt} pixel ({x}, {y}): got {actual:?}, expected {expected:?}");
                }
            }
        }
        h.send(vec![CanvasCommand::Destroy { canvas }]);
    }
    assert_eq!(h.thread.stats().copies(), sizes.len() as u64);
    assert_eq!(h.thread.stats().frames(), sizes.len() as u64);
}

#[test]
fn alpha_is_kept_and_unpremultiplied() {
    let h = harness();
    let canvas = h.create(4, 4);
    let source = SourceId::next();
    h.send(vec![fill_rect(canvas, 0.0, 0.0, 2.0, 4.0, rgba(200, 100, 50, 64)), capture(canvas, source)]);
    let (_, frame) = h.frames.recv().unwrap();
    assert!(frame.has_alpha);
    // Premultiplied storage loses precision at low alpha; un-premultiplying
    // must bring the colour back close to what was painted.
    assert_close(frame.rgba_at(0, 0).unwrap(), [200, 100, 50, 64], 2, "translucent");
    assert_eq!(frame.rgba_at(3, 3).unwrap(), [0, 0, 0, 0]);
}

#[test]
fn opaque_canvas_frames_have_no_alpha() {
    let h = harness();
    let canvas = CanvasId::next();
    let source = SourceId::next();
    h.send(vec![
        CanvasCommand::Create { canvas, size: ImageSize::new(8, 8), opaque: true },
        fill_rect(canvas, 0.0, 0.0, 4.0, 8.0, rgba(255, 255, 255, 128)),
        capture(canvas, source),
    ]);
    let (_, frame) = h.frames.recv().unwrap();
    assert!(!frame.has_alpha);
    // White at 50% over the initial opaque black.
    assert_close(frame.rgba_at(0, 0).unwrap(), [128, 128, 128, 255], 1, "over black");
    assert_eq!(frame.rgba_at(7, 7).unwrap(), [0, 0, 0, 255]);
}

#[test]
fn one_copy_per_frame_and_one_shared_readback_for_two_sources() {
    let h = harness();
    let canvas = h.create(320, 240);
    let (a, b) = (SourceId::next(), SourceId::next());
    h.send(vec![fill_rect(canvas, 0.0, 0.0, 320.0, 240.0, rgba(1, 2, 3, 255)), capture(canvas, a), capture(canvas, b)]);
    let (source_a, frame_a) = h.frames.recv().unwrap();
    let (source_b, frame_b) = h.frames.recv().unwrap();
    assert_eq!((source_a, source_b), (a, b));
    assert!(frame_a.data.ptr_eq(&frame_b.data), "both sources share one buffer");
    assert_eq!(h.thread.stats().copies(), 1);
    assert_eq!(h.thread.stats().frames(), 2);

    // A paint between two captures in one batch needs a second readback:
    // each frame shows exactly what was painted before it.
    h.send(vec![capture(canvas, a), fill_rect(canvas, 0.0, 0.0, 1.0, 1.0, rgba(9, 9, 9, 255)), capture(canvas, b)]);
    let (_, before) = h.frames.recv().unwrap();
    let (_, after) = h.frames.recv().unwrap();
    assert_eq!(before.rgba_at(0, 0), Some([1, 2, 3, 255]));
    assert_eq!(after.rgba_at(0, 0), Some([9, 9, 9, 255]));
    assert_eq!(h.thread.stats().copies(), 3);
    assert_eq!(h.thread.stats().frames(), 4);
}

#[test]
fn timestamps_are_monotonic_and_sequences_per_source() {
    let h = harness();
    let canvas = h.create(16, 16);
    let (a, b) = (SourceId::next(), SourceId::next());
    for i in 0..5u8 {
        h.send(vec![fill_rect(canvas, 0.0, 0.0, 16.0, 16.0, rgba(i, 0, 0, 255)), capture(canvas, a)]);
        if i >= 2 {
            h.send(vec![capture(canvas, b)]);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    h.pixel(canvas, 0, 0); // Waits for every batch above.
    let frames: Vec<_> = h.frames.try_iter().collect();
    let of = |source| frames.iter().filter(move |(s, _)| *s == source).map(|(_, f)| f).collect::<Vec<_>>();
    let (frames_a, frames_b) = (of(a), of(b));
    assert_eq!(frames_a.len(), 5);
    assert_eq!(frames_b.len(), 3);
    for frames in [&frames_a, &frames_b] {
        assert_eq!(frames[0].timestamp, Duration::ZERO, "relative to the source's first frame");
        for (i, pair) in frames.windows(2).enumerate() {
            assert!(pair[1].timestamp > pair[0].timestamp);
            assert_eq!(pair[1].sequence, i as u64 + 1);
        }
    }
    // Ending a capture restarts that source's clock and sequence.
    h.send(vec![CanvasCommand::EndCapture { source: a }, capture(canvas, a)]);
    let (_, restarted) = h.frames.recv().unwrap();
    assert_eq!((restarted.sequence, restarted.timestamp), (0, Duration::ZERO));
}

#[test]
fn no_capture_request_means_no_frame_and_no_copy() {
    let h = harness();
    let canvas = h.create(64, 64);
    for i in 0..20u8 {
        h.send(vec![fill_rect(canvas, 0.0, 0.0, 64.0, 64.0, rgba(i, i, i, 255))]);
    }
    // A synchronous read proves every batch ran.
    assert_eq!(h.pixel(canvas, 0, 0), [19, 19, 19, 255]);
    assert!(h.frames.try_recv().is_err());
    assert_eq!(h.thread.stats().copies(), 0);
    assert_eq!(h.thread.stats().frames(), 0);
}

#[test]
fn capture_of_zero_sized_or_unknown_canvas_yields_nothing() {
    let h = harness();
    let empty = h.create(0, 10);
    h.send(vec![capture(empty, SourceId::next()), capture(CanvasId::next(), SourceId::next())]);
    assert_eq!(h.read(empty, 0, 0, 1, 1), vec![0, 0, 0, 0]);
    assert!(h.frames.try_recv().is_err());
}

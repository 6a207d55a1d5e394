//! A canvas showing WebGL frames (`CanvasCommand::WebGLFrame`): captures and the compositor
//! share the frame's pixels, readbacks see it, a resize drops it.

mod common;

use std::time::Duration;

use base::units::ImageSize;
use base::{RequestId, SourceId, VideoFrame};
use canvas_traits::command::{CanvasCommand, DrawImageRects, ImageEncoding};
use canvas_traits::style::{DrawOptions, PixelAlpha};
use common::*;
use webrender_api::ImageDescriptorFlags;

const TIMEOUT: Duration = Duration::from_secs(30);

/// A 2×3 frame, un-premultiplied: opaque red, half-transparent green, transparent, opaque
/// blue, opaque white, quarter-transparent grey (top row first).
fn translucent_frame() -> VideoFrame {
    let pixels = vec![
        255, 0, 0, 255, 0, 255, 0, 128, //
        0, 0, 0, 0, 0, 0, 255, 255, //
        255, 255, 255, 255, 100, 100, 100, 64,
    ];
    VideoFrame::from_rgba(ImageSize::new(2, 3), pixels)
}

fn opaque_frame() -> VideoFrame {
    let mut frame = VideoFrame::from_rgba(ImageSize::new(2, 1), vec![10, 20, 30, 255, 40, 50, 60, 255]);
    frame.has_alpha = false;
    frame
}

#[test]
fn capturing_a_webgl_frame_pushes_the_same_shared_pixels() {
    let h = harness();
    let canvas = h.create(300, 150);
    let frame = translucent_frame();
    let (a, b) = (SourceId::next(), SourceId::next());
    h.send(vec![
        CanvasCommand::WebGLFrame { canvas, frame: frame.clone() },
        CanvasCommand::CaptureFrame { canvas, source: a },
        CanvasCommand::CaptureFrame { canvas, source: b },
    ]);
    for source in [a, b] {
        let (got_source, captured) = h.frames.recv_timeout(TIMEOUT).unwrap();
        assert_eq!(got_source, source);
        assert!(captured.data.ptr_eq(&frame.data), "the very same pixels, not a copy");
        assert_eq!(captured.size, ImageSize::new(2, 3));
        assert!(captured.has_alpha);
        assert_eq!(captured.sequence, 0, "each source counts its own frames");
    }
    h.send(vec![CanvasCommand::CaptureFrame { canvas, source: a }]);
    let (_, again) = h.frames.recv_timeout(TIMEOUT).unwrap();
    assert!(again.data.ptr_eq(&frame.data));
    assert_eq!(again.sequence, 1);
    assert_eq!(h.thread.stats().frames(), 3);
    assert_eq!(h.thread.stats().copies(), 0, "a WebGL frame is captured without a copy");
}

#[test]
fn the_compositor_gets_an_opaque_frame_uncopied_and_a_translucent_one_premultiplied() {
    let h = harness();
    let canvas = h.create(2, 1);
    let frame = opaque_frame();
    h.send(vec![
        CanvasCommand::WebGLFrame { canvas, frame: frame.clone() },
        CanvasCommand::UpdateImage { canvas, epoch: base::Epoch(1) },
    ]);
    let update = h.updates.recv_timeout(TIMEOUT).unwrap();
    assert!(update.pixels.ptr_eq(&frame.data));
    assert!(update.descriptor.flags.contains(ImageDescriptorFlags::IS_OPAQUE));

    h.send(vec![
        CanvasCommand::WebGLFrame { canvas, frame: translucent_frame() },
        CanvasCommand::UpdateImage { canvas, epoch: base::Epoch(2) },
    ]);
    let update = h.updates.recv_timeout(TIMEOUT).unwrap();
    assert_eq!(update.size(), ImageSize::new(2, 3));
    assert!(!update.descriptor.flags.contains(ImageDescriptorFlags::IS_OPAQUE));
    // Premultiplied RGBA, as the compositor takes every canvas image.
    assert_eq!(&update.pixels.as_slice()[..8], &[255, 0, 0, 255, 0, 128, 0, 128]);
}

#[test]
fn readbacks_snapshots_encodes_and_draw_image_see_the_frame() {
    let h = harness();
    let canvas = h.create(300, 150);
    h.send(vec![CanvasCommand::WebGLFrame { canvas, frame: translucent_frame() }]);
    assert_eq!(h.pixel(canvas, 0, 0), [255, 0, 0, 255]);
    assert_close(h.pixel(canvas, 1, 0), [0, 255, 0, 128], 1, "half-transparent green");
    assert_eq!(h.pixel(canvas, 0, 1), [0, 0, 0, 0]);
    assert_close(h.pixel(canvas, 1, 2), [100, 100, 100, 64], 2, "quarter-transparent grey");
    assert_eq!(h.read(canvas, 2, 0, 1, 1), [0, 0, 0, 0], "outside the frame's 2×3");

    let (reply, snapshots) = crossbeam_channel::unbounded();
    h.send(vec![CanvasCommand::Snapshot { canvas, reply }]);
    let snapshot = snapshots.recv_timeout(TIMEOUT).unwrap().unwrap().unwrap();
    assert_eq!(snapshot.size, ImageSize::new(2, 3));
    assert_eq!(snapshot.alpha, PixelAlpha::Premultiplied);

    let (reply, encoded) = crossbeam_channel::unbounded();
    h.send(vec![CanvasCommand::Encode { canvas, request: RequestId::next(), encoding: ImageEncoding::Png, reply }]);
    let png_bytes = encoded.recv_timeout(TIMEOUT).unwrap().result.unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes)).read_info().unwrap();
    let mut decoded = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut decoded).unwrap();
    assert_eq!((reader.info().width, reader.info().height), (2, 3));
    assert_eq!(&decoded[12..16], &[0, 0, 255, 255]);

    let target = h.create(4, 4);
    h.send(vec![CanvasCommand::DrawImage {
        canvas: target,
        source: canvas_traits::command::ImageSource::Canvas { canvas },
        rects: DrawImageRects::At { dx: 1.0, dy: 1.0 },
        options: DrawOptions::default(),
    }]);
    assert_eq!(h.pixel(target, 1, 1), [255, 0, 0, 255]);
    assert_eq!(h.pixel(target, 2, 2), [0, 0, 255, 255]);
    assert_eq!(h.pixel(target, 0, 0), [0, 0, 0, 0]);

    // An opaque frame reads back opaque, whatever the canvas was created as.
    h.send(vec![CanvasCommand::WebGLFrame { canvas, frame: opaque_frame() }]);
    assert_eq!(h.pixel(canvas, 1, 0), [40, 50, 60, 255]);
}

#[test]
fn a_resize_drops_the_frame_and_a_malformed_frame_is_refused() {
    let h = harness();
    let canvas = h.create(2, 3);
    let frame = translucent_frame();
    h.send(vec![
        CanvasCommand::WebGLFrame { canvas, frame: frame.clone() },
        CanvasCommand::Resize { canvas, size: ImageSize::new(3, 3) },
    ]);
    assert_eq!(h.read(canvas, 0, 0, 3, 3), vec![0; 3 * 3 * 4]);
    let source = SourceId::next();
    h.send(vec![CanvasCommand::CaptureFrame { canvas, source }]);
    let (_, captured) = h.frames.recv_timeout(TIMEOUT).unwrap();
    assert!(!captured.data.ptr_eq(&frame.data));
    assert_eq!(captured.size, ImageSize::new(3, 3));

    // A frame whose bytes do not cover its size leaves the image as it was.
    let short = VideoFrame::from_rgba(ImageSize::new(4, 4), vec![255u8; 8]);
    h.send(vec![CanvasCommand::WebGLFrame { canvas, frame: short }]);
    assert_eq!(h.read(canvas, 0, 0, 3, 3), vec![0; 3 * 3 * 4]);
}

#[test]
fn drawing_on_a_canvas_that_shows_a_frame_draws_over_it() {
    // A WebGL canvas never gets 2D commands; should one come, it paints over the frame.
    let h = harness();
    let canvas = h.create(2, 3);
    h.send(vec![
        CanvasCommand::WebGLFrame { canvas, frame: translucent_frame() },
        fill_rect(canvas, 0.0, 0.0, 1.0, 1.0, rgba(0, 0, 0, 255)),
    ]);
    assert_eq!(h.pixel(canvas, 0, 0), [0, 0, 0, 255]);
    assert_eq!(h.pixel(canvas, 0, 1), [0, 0, 0, 0]);
    assert_eq!(h.pixel(canvas, 1, 1), [0, 0, 255, 255]);
}

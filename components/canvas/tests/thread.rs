//! Thread robustness and the hand-offs: stale ids, compositor updates, PNG
//! dumps, encoding.

mod common;

use std::time::Duration;

use base::{CanvasId, Epoch, RequestId};
use canvas::{CompositorSink, NullCompositor, NullFrameSink, PngDumpCompositor};
use canvas_traits::command::{CanvasCommand, EncodeError, ImageEncoding, UnknownCanvas};
use canvas_traits::path::Path;
use canvas_traits::style::{DrawOptions, FillRule, PaintStyle};
use common::*;
use webrender_api::{ImageDescriptorFlags, ImageFormat};

#[test]
fn stale_ids_are_dropped_and_the_thread_lives_on() {
    let h = harness();
    let ghost = CanvasId::next();
    let live = h.create(4, 4);
    h.send(vec![
        fill_rect(ghost, 0.0, 0.0, 1.0, 1.0, rgba(1, 2, 3, 255)),
        CanvasCommand::Resize { canvas: ghost, size: base::units::ImageSize::new(1, 1) },
        CanvasCommand::ClipPath {
            canvas: ghost,
            path: Path::new(),
            path_transform: identity(),
            fill_rule: FillRule::NonZero,
        },
        CanvasCommand::SaveClip { canvas: ghost },
        CanvasCommand::RestoreClip { canvas: ghost },
        CanvasCommand::UpdateImage { canvas: ghost, epoch: Epoch(1) },
        CanvasCommand::CaptureFrame { canvas: ghost, source: base::SourceId::next() },
        CanvasCommand::DrawImage {
            canvas: live,
            source: canvas_traits::command::ImageSource::Canvas { canvas: ghost },
            rects: canvas_traits::command::DrawImageRects::At { dx: 0.0, dy: 0.0 },
            options: DrawOptions::default(),
        },
        CanvasCommand::Destroy { canvas: ghost },
        // Commands after the stale ones in the same batch still run.
        fill_rect(live, 0.0, 0.0, 4.0, 4.0, rgba(5, 6, 7, 255)),
    ]);
    assert_eq!(h.try_read(ghost, 0, 0, 1, 1), Err(UnknownCanvas(ghost)));
    assert_eq!(h.pixel(live, 0, 0), [5, 6, 7, 255]);

    let (reply, replies) = crossbeam_channel::unbounded();
    let request = RequestId::next();
    h.send(vec![CanvasCommand::Encode { canvas: ghost, request, encoding: ImageEncoding::Png, reply }]);
    let encoded = replies.recv().unwrap();
    assert_eq!(encoded.request, request);
    assert_eq!(encoded.result, Err(EncodeError::UnknownCanvas(ghost)));

    // Destroyed canvases are stale too.
    h.send(vec![CanvasCommand::Destroy { canvas: live }]);
    assert_eq!(h.try_read(live, 0, 0, 1, 1), Err(UnknownCanvas(live)));
}

#[test]
fn absurd_sizes_and_arguments_do_not_kill_the_thread() {
    let h = harness();
    let huge = h.create(100_000, 100_000);
    let canvas = h.create(8, 8);
    h.send(vec![
        fill_rect(huge, 0.0, 0.0, 10.0, 10.0, rgba(1, 1, 1, 255)),
        fill_rect(canvas, f32::NAN, 0.0, f32::INFINITY, 1e30, rgba(1, 1, 1, 255)),
        fill_rect(canvas, -1e30, -1e30, 2e30, 2e30, rgba(2, 2, 2, 255)),
        CanvasCommand::GetImageData {
            canvas: huge,
            rect: euclid::default::Rect::new(euclid::point2(0, 0), euclid::size2(1, 1)),
            reply: crossbeam_channel::unbounded().0,
        },
    ]);
    assert_eq!(h.read(huge, 0, 0, 1, 1), vec![0, 0, 0, 0]);
    let after = h.pixel(canvas, 4, 4);
    assert!(after == [2, 2, 2, 255] || after == [0, 0, 0, 0], "{after:?}");
}

#[test]
fn image_updates_share_pixels_with_the_compositor() {
    let h = harness();
    let canvas = h.create(3, 2);
    h.send(vec![
        fill_rect(canvas, 0.0, 0.0, 3.0, 2.0, rgba(255, 0, 0, 128)),
        CanvasCommand::UpdateImage { canvas, epoch: Epoch(4) },
    ]);
    let update = h.updates.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(update.canvas, canvas);
    assert_eq!(update.epoch, Epoch(4));
    assert_eq!(update.descriptor.format, ImageFormat::RGBA8);
    assert_eq!((update.descriptor.size.width, update.descriptor.size.height), (3, 2));
    assert!(!update.descriptor.flags.contains(ImageDescriptorFlags::IS_OPAQUE));
    // Premultiplied, as the compositor expects.
    assert_eq!(&update.pixels.as_slice()[..4], &[128, 0, 0, 128]);

    // Drawing after the update copies on write: the compositor's pixels stay as they were.
    h.send(vec![fill_rect(canvas, 0.0, 0.0, 3.0, 2.0, rgba(0, 255, 0, 255))]);
    assert_eq!(h.pixel(canvas, 0, 0), [0, 255, 0, 255]);
    assert_eq!(&update.pixels.as_slice()[..4], &[128, 0, 0, 128]);
}

#[test]
fn png_dump_is_readable() {
    let dir = std::env::temp_dir().join(format!("aperture-canvas-dump-{}", std::process::id()));
    let thread = canvas::spawn(Box::new(PngDumpCompositor::new(&dir)), Box::new(NullFrameSink));
    let canvas = CanvasId::next();
    let (reply, replies) = crossbeam_channel::unbounded();
    thread
        .sender()
        .send_batch(canvas_traits::command::CanvasBatch {
            commands: vec![
                CanvasCommand::Create { canvas, size: base::units::ImageSize::new(5, 3), opaque: false },
                fill_rect_with(
                    canvas,
                    rect(0.0, 0.0, 2.0, 3.0),
                    PaintStyle::Color(rgba(10, 20, 30, 255)),
                    DrawOptions::default(),
                ),
                fill_rect(canvas, 2.0, 0.0, 3.0, 3.0, rgba(200, 100, 0, 128)),
                CanvasCommand::UpdateImage { canvas, epoch: Epoch(9) },
                CanvasCommand::GetImageData {
                    canvas,
                    rect: euclid::default::Rect::new(euclid::point2(0, 0), euclid::size2(1, 1)),
                    reply,
                },
            ],
        })
        .unwrap();
    replies.recv().unwrap().unwrap();
    thread.exit();
    let file = dir.join(PngDumpCompositor::file_name(canvas, Epoch(9)));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&file).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!((info.width, info.height, info.color_type), (5, 3, png::ColorType::Rgba));
    assert_eq!(&buffer[..4], &[10, 20, 30, 255]);
    assert_close([buffer[8], buffer[9], buffer[10], buffer[11]], [200, 100, 0, 128], 1, "translucent");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn encodes_png_and_jpeg() {
    let h = harness();
    let canvas = h.create(16, 8);
    let (reply, replies) = crossbeam_channel::unbounded();
    h.send(vec![
        fill_rect(canvas, 0.0, 0.0, 16.0, 8.0, rgba(0, 0, 255, 255)),
        CanvasCommand::Encode {
            canvas,
            request: RequestId::next(),
            encoding: ImageEncoding::Png,
            reply: reply.clone(),
        },
        CanvasCommand::Encode {
            canvas,
            request: RequestId::next(),
            encoding: ImageEncoding::Jpeg { quality: 0.9 },
            reply,
        },
    ]);
    let png_bytes = replies.recv().unwrap().result.unwrap();
    assert_eq!(&png_bytes[..8], b"\x89PNG\r\n\x1a\n");
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes)).read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut buffer).unwrap();
    assert_eq!(&buffer[..4], &[0, 0, 255, 255]);
    let jpeg = replies.recv().unwrap().result.unwrap();
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);

    let empty = h.create(0, 0);
    h.send(vec![CanvasCommand::Encode {
        canvas: empty,
        request: RequestId::next(),
        encoding: ImageEncoding::Png,
        reply: crossbeam_channel::unbounded().0,
    }]);
}

#[test]
fn null_sinks_and_exit() {
    let mut compositor = NullCompositor::new();
    assert_ne!(compositor.generate_image_key(), compositor.generate_image_key());
    let thread = canvas::spawn(Box::new(compositor), Box::new(NullFrameSink));
    let canvas = CanvasId::next();
    thread
        .sender()
        .send(CanvasCommand::Create { canvas, size: base::units::ImageSize::new(1, 1), opaque: true })
        .unwrap();
    let sender = thread.sender();
    thread.exit();
    assert!(sender.send(CanvasCommand::Destroy { canvas }).is_err(), "the thread is gone after exit()");
}

#[test]
fn snapshots_share_pixels_and_survive_later_writes() {
    let h = harness();
    let canvas = h.create(2, 2);
    let (reply, replies) = crossbeam_channel::unbounded();
    h.send(vec![
        fill_rect(canvas, 0.0, 0.0, 2.0, 2.0, rgba(0, 0, 255, 255)),
        CanvasCommand::Snapshot { canvas, reply: reply.clone() },
        fill_rect(canvas, 0.0, 0.0, 2.0, 2.0, rgba(255, 0, 0, 255)),
    ]);
    let snapshot = replies.recv().unwrap().unwrap().unwrap();
    assert_eq!(snapshot.size, base::units::ImageSize::new(2, 2));
    assert_eq!(&snapshot.data.as_slice()[..4], &[0, 0, 255, 255]);
    assert_eq!(h.pixel(canvas, 0, 0), [255, 0, 0, 255]);
    // A snapshot can be drawn back (createPattern / createImageBitmap).
    let other = h.create(2, 2);
    h.send(vec![CanvasCommand::DrawImage {
        canvas: other,
        source: canvas_traits::command::ImageSource::Pixels { pixels: snapshot },
        rects: canvas_traits::command::DrawImageRects::At { dx: 0.0, dy: 0.0 },
        options: DrawOptions::default(),
    }]);
    assert_eq!(h.pixel(other, 1, 1), [0, 0, 255, 255]);
    let empty = h.create(0, 3);
    h.send(vec![
        CanvasCommand::Snapshot { canvas: empty, reply: reply.clone() },
        CanvasCommand::Snapshot { canvas: CanvasId::next(), reply },
    ]);
    assert!(replies.recv().unwrap().unwrap().is_none());
    assert!(replies.recv().unwrap().is_err());
}

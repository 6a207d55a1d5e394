//! Benchmark routines for the `aperture-bench` binary (never run by tests):
//! paint → captured frame through the real canvas thread, the rasterizer
//! comparison that chose tiny-skia, and the idle cost of the thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use base::bench::{Measurement, median, process_cpu_time};
use base::units::ImageSize;
use base::{CanvasId, SourceId, VideoFrame};
use canvas_traits::color::RgbaColor;
use canvas_traits::command::{CanvasBatch, CanvasCommand};
use canvas_traits::path::Path;
use canvas_traits::style::{DrawOptions, FillRule, PaintStyle};
use crossbeam_channel::{Sender, unbounded};
use euclid::default::{Point2D, Rect, Size2D};

use crate::sinks::{FrameSink, NullCompositor};

mod raster;

pub use raster::rasterizer_comparison;

/// Every canvas benchmark.
pub fn all() -> Vec<Measurement> {
    let mut out = capture_pipeline();
    out.extend(draw_image());
    out.extend(rasterizer_comparison());
    out.extend(idle_cost());
    out
}

/// Times `f` `runs` times (after two warm-up runs); median milliseconds.
pub fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    f();
    f();
    let mut samples: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    median(&mut samples)
}

struct BenchFrameSink(Sender<VideoFrame>);

impl FrameSink for BenchFrameSink {
    fn push_frame(&self, _source: SourceId, frame: VideoFrame) {
        let _ = self.0.send(frame);
    }
}

/// A typical animation frame: clear, a background, moving shapes.
fn paint_scene(canvas: CanvasId, size: ImageSize, step: u32) -> Vec<CanvasCommand> {
    let (w, h) = (size.width as f32, size.height as f32);
    let options = DrawOptions::default();
    let mut commands = vec![
        CanvasCommand::ClearRect {
            canvas,
            rect: Rect::new(Point2D::zero(), Size2D::new(w, h)),
            transform: options.transform,
        },
        CanvasCommand::FillRect {
            canvas,
            rect: Rect::new(Point2D::zero(), Size2D::new(w, h)),
            style: PaintStyle::Color(RgbaColor::new(20, 30, 40, 255)),
            options: options.clone(),
        },
    ];
    for i in 0..8u32 {
        let x = ((step * 7 + i * 97) % size.width) as f64;
        let y = ((step * 3 + i * 61) % size.height) as f64;
        let mut path = Path::new();
        let _ = path.arc(x, y, h as f64 / 10.0, 0.0, std::f64::consts::TAU, false);
        commands.push(CanvasCommand::FillPath {
            canvas,
            path,
            path_transform: options.transform,
            fill_rule: FillRule::NonZero,
            style: PaintStyle::Color(RgbaColor::new((i * 30) as u8, 200, 100, 200)),
            options: options.clone(),
        });
    }
    commands
}

/// Paint → `CaptureFrame` → frame received, through the real canvas thread,
/// at 640×480 and 1920×1080: wall time per frame, process CPU time per
/// frame, and full-frame copies per frame. Also the capture alone (the
/// readback with its un-premultiply pass).
pub fn capture_pipeline() -> Vec<Measurement> {
    let mut out = Vec::new();
    for size in [ImageSize::new(640, 480), ImageSize::new(1920, 1080)] {
        let (frame_sender, frames) = unbounded();
        let thread = crate::spawn(Box::new(NullCompositor::new()), Box::new(BenchFrameSink(frame_sender)));
        let sender = thread.sender();
        let canvas = CanvasId::next();
        let source = SourceId::next();
        let _ = sender.send(CanvasCommand::Create { canvas, size, opaque: false });
        let label = format!("{}x{}", size.width, size.height);
        let runs = if size.width > 1000 { 40 } else { 100 };

        let mut step = 0;
        let cpu_before = process_cpu_time();
        let mut frame_count = 0u64;
        let paint_and_capture = median_ms(runs, || {
            let mut commands = paint_scene(canvas, size, step);
            commands.push(CanvasCommand::CaptureFrame { canvas, source });
            step += 1;
            let _ = sender.send_batch(CanvasBatch { commands });
            let _ = frames.recv();
            frame_count += 1;
        });
        let cpu = (process_cpu_time() - cpu_before).as_secs_f64() * 1e3 / frame_count as f64;
        let copies = thread.stats().copies() as f64 / thread.stats().frames().max(1) as f64;

        let capture_only = median_ms(runs, || {
            let _ = sender.send(CanvasCommand::CaptureFrame { canvas, source });
            let _ = frames.recv();
        });
        let paint_only = median_ms(runs, || {
            let commands = paint_scene(canvas, size, step);
            step += 1;
            run_batch(&sender, canvas, commands);
        });
        let note = format!("{runs} runs, median; scene = clear + fill + 8 translucent circles");
        out.push(
            Measurement::new(format!("canvas paint→frame {label}"), paint_and_capture, "ms/frame")
                .with_note(note.clone()),
        );
        out.push(
            Measurement::new(format!("canvas paint→frame {label} CPU"), cpu, "ms CPU/frame")
                .with_note("process CPU time / frames"),
        );
        out.push(Measurement::new(format!("canvas paint→frame {label} copies"), copies, "copies/frame"));
        out.push(Measurement::new(format!("canvas paint only {label}"), paint_only, "ms/frame").with_note(note));
        out.push(
            Measurement::new(format!("canvas capture only {label}"), capture_only, "ms/frame")
                .with_note("readback + un-premultiply, one copy"),
        );
        thread.exit();
    }
    out
}

/// CPU time the canvas thread uses while nothing is sent to it (with one
/// 1920×1080 canvas alive), measured over one second of the process's CPU
/// time; the benchmark's own thread is asleep meanwhile.
pub fn idle_cost() -> Vec<Measurement> {
    let frames = Arc::new(AtomicU64::new(0));
    struct CountingSink(Arc<AtomicU64>);
    impl FrameSink for CountingSink {
        fn push_frame(&self, _source: SourceId, _frame: VideoFrame) {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }
    let thread = crate::spawn(Box::new(NullCompositor::new()), Box::new(CountingSink(frames.clone())));
    let canvas = CanvasId::next();
    let _ = thread.sender().send(CanvasCommand::Create { canvas, size: ImageSize::new(1920, 1080), opaque: false });
    std::thread::sleep(Duration::from_millis(100));
    let before = process_cpu_time();
    std::thread::sleep(Duration::from_secs(1));
    let cpu = (process_cpu_time() - before).as_secs_f64() * 1e3;
    let idle_frames = frames.load(Ordering::Relaxed);
    thread.exit();
    vec![
        Measurement::new("canvas thread idle CPU", cpu, "ms CPU/s")
            .with_note("whole process, 1 s, one 1920x1080 canvas"),
        Measurement::new("canvas thread idle frames", idle_frames as f64, "frames/s"),
    ]
}

/// `drawImage()` of a decoded 1920×1080 image with alpha (un-premultiplied RGBA, as images and
/// bitmaps arrive) onto a 1920×1080 canvas, through the canvas thread: at 1:1 on whole pixels
/// (the row blend) and scaled by 0.75 (the raster pipeline). Ten draws per batch, then a 1×1
/// read to wait for them.
pub fn draw_image() -> Vec<Measurement> {
    use canvas_traits::command::{DrawImageRects, ImageSource};
    use canvas_traits::style::ImagePixels;
    let size = ImageSize::new(1920, 1080);
    let thread = crate::spawn(Box::new(NullCompositor::new()), Box::new(crate::sinks::NullFrameSink));
    let sender = thread.sender();
    let canvas = CanvasId::next();
    let _ = sender.send(CanvasCommand::Create { canvas, size, opaque: false });
    // A gradient with varying alpha, so every pixel needs premultiplying.
    let mut pixels = Vec::with_capacity(1920 * 1080 * 4);
    for y in 0..1080u32 {
        for x in 0..1920u32 {
            pixels.extend_from_slice(&[(x % 256) as u8, (y % 256) as u8, 128, ((x + y) % 256) as u8]);
        }
    }
    let image = ImagePixels::from(&VideoFrame::from_rgba(size, pixels));
    let mut out = Vec::new();
    for (label, rects) in [
        ("1:1", DrawImageRects::At { dx: 0.0, dy: 0.0 }),
        ("scaled 0.75", DrawImageRects::Scaled { dx: 10.0, dy: 10.0, dw: 1440.0, dh: 810.0 }),
    ] {
        let per_call = median_ms(20, || {
            let commands = (0..OPS_PER_BATCH)
                .map(|_| CanvasCommand::DrawImage {
                    canvas,
                    source: ImageSource::Pixels { pixels: image.clone() },
                    rects,
                    options: DrawOptions::default(),
                })
                .collect();
            run_batch(&sender, canvas, commands);
        }) / OPS_PER_BATCH as f64;
        out.push(
            Measurement::new(format!("canvas drawImage 1920x1080 image onto 1920x1080, {label}"), per_call, "ms/call")
                .with_note("un-premultiplied RGBA with alpha, 10 draws per batch, median of 20"),
        );
    }
    thread.exit();
    out
}

/// Draws per timed batch in [`draw_image`].
const OPS_PER_BATCH: usize = 10;

/// A 1920×1080 picture (gradients and noise, opaque) encoded as JPEG (quality 0.92, as
/// `toBlob()`'s default) and PNG, for the image decoding benchmark of `./mach bench images`.
pub fn encoded_test_images() -> (Vec<u8>, Vec<u8>) {
    use canvas_traits::command::ImageEncoding;
    let size = ImageSize::new(1920, 1080);
    let mut seed = 0x2545_f491_u32;
    let mut pixels = Vec::with_capacity(1920 * 1080 * 4);
    for y in 0..1080u32 {
        for x in 0..1920u32 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let noise = (seed % 48) as u8;
            pixels.extend_from_slice(&[
                ((x * 255 / 1919) as u8).saturating_add(noise),
                ((y * 255 / 1079) as u8).saturating_add(noise),
                (((x + y) / 12) as u8).wrapping_add(noise),
                255,
            ]);
        }
    }
    let jpeg = crate::readback::encode(Some(&pixels), size, true, ImageEncoding::Jpeg { quality: 0.92 });
    let png = crate::readback::encode(Some(&pixels), size, true, ImageEncoding::Png);
    (jpeg.unwrap_or_default(), png.unwrap_or_default())
}

/// Sends `commands` as one batch and waits until the canvas thread has run them (a 1×1
/// `GetImageData` after them answers).
fn run_batch(sender: &canvas_traits::command::CanvasSender, canvas: CanvasId, mut commands: Vec<CanvasCommand>) {
    let (reply, done) = unbounded();
    commands.push(CanvasCommand::GetImageData { canvas, rect: Rect::new(Point2D::zero(), Size2D::new(1, 1)), reply });
    let _ = sender.send_batch(CanvasBatch { commands });
    let _ = done.recv();
}

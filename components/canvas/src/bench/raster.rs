//! The rasterizer comparison: tiny-skia 0.12 against vello_cpu 0.3 (the
//! latter only with the `vello-comparison` feature), on quality
//! (anti-aliasing of a stroked circle and arc against exact coverage;
//! exactness of solid fills) and speed (fillRect, path fill, drawImage at
//! 640×480 and 1920×1080). Both draw the same geometry, built once with
//! `canvas_traits::flatten`.

use base::bench::Measurement;
use canvas_traits::flatten::{DeviceSegment, flatten_path};
use canvas_traits::path::Path;
use euclid::default::Transform2D;
use tiny_skia as sk;

use super::median_ms;
use crate::paint::to_sk_path;

/// Operations per timed run; results are reported per operation.
const OPS: usize = 10;

/// The stroked shapes of the quality test, on a 64×64 bitmap.
pub(crate) struct StrokeCase {
    pub(crate) name: &'static str,
    pub(crate) segments: Vec<DeviceSegment>,
    center: (f64, f64),
    radius: f64,
    pub(crate) width: f64,
    /// Start angle and clockwise sweep; `None` for a full circle.
    arc: Option<(f64, f64)>,
}

pub(crate) fn stroke_cases() -> Vec<StrokeCase> {
    let (cx, cy, r) = (32.3, 31.7, 20.25);
    let mut circle = Path::new();
    let _ = circle.arc(cx, cy, r, 0.0, std::f64::consts::TAU, false);
    let mut arc = Path::new();
    let sweep = 1.5 * std::f64::consts::PI;
    let _ = arc.arc(cx, cy, r, 0.3, 0.3 + sweep, false);
    vec![
        StrokeCase {
            name: "circle stroke w=3",
            segments: flatten_path(&circle, &Transform2D::identity()),
            center: (cx, cy),
            radius: r,
            width: 3.0,
            arc: None,
        },
        StrokeCase {
            name: "arc stroke w=5 butt",
            segments: flatten_path(&arc, &Transform2D::identity()),
            center: (cx, cy),
            radius: r,
            width: 5.0,
            arc: Some((0.3, sweep)),
        },
    ]
}

impl StrokeCase {
    /// Fraction of pixel (x, y) covered by the ideal stroke, from 16×16
    /// samples (error under 1/256 of a pixel per edge crossing).
    fn coverage(&self, x: u32, y: u32) -> f64 {
        const N: u32 = 16;
        let mut inside = 0;
        for sy in 0..N {
            for sx in 0..N {
                let px = x as f64 + (sx as f64 + 0.5) / N as f64 - self.center.0;
                let py = y as f64 + (sy as f64 + 0.5) / N as f64 - self.center.1;
                let on_ring = ((px * px + py * py).sqrt() - self.radius).abs() <= self.width / 2.0;
                let in_arc = match self.arc {
                    None => true,
                    Some((start, sweep)) => (py.atan2(px) - start).rem_euclid(std::f64::consts::TAU) <= sweep,
                };
                inside += (on_ring && in_arc) as u32;
            }
        }
        inside as f64 / (N * N) as f64
    }

    /// Mean and max |rendered − exact| alpha, in 1/255 units, over the
    /// pixels where either is non-zero (the stroke and its edges).
    pub(crate) fn error(&self, alpha: impl Fn(u32, u32) -> u8) -> (f64, f64) {
        let (mut sum, mut max, mut count) = (0.0, 0.0f64, 0);
        for y in 0..64 {
            for x in 0..64 {
                let exact = self.coverage(x, y) * 255.0;
                let got = alpha(x, y) as f64;
                if exact == 0.0 && got == 0.0 {
                    continue;
                }
                let error = (got - exact).abs();
                sum += error;
                max = max.max(error);
                count += 1;
            }
        }
        (sum / count.max(1) as f64, max)
    }
}

/// The solid-colour test: 64 opaque colours in 8×8 squares, then the same
/// at alpha 128 over white. Returns (mismatching opaque pixels, max channel
/// error of the translucent ones against exact source-over).
pub(crate) fn fill_colors() -> Vec<[u8; 4]> {
    (0..64u32).map(|i| [(i * 37 % 256) as u8, (i * 91 % 256) as u8, (i * 53 % 256) as u8, 255]).collect()
}

pub(crate) fn fill_exactness(read: impl Fn(u32, u32) -> [u8; 4], alpha: u8) -> (usize, u8) {
    let (mut wrong, mut max_error) = (0, 0u8);
    for (i, color) in fill_colors().into_iter().enumerate() {
        let (x0, y0) = ((i as u32 % 8) * 8, (i as u32 / 8) * 8);
        let expected = if alpha == 255 {
            color
        } else {
            let over_white = |c: u8| ((c as u32 * alpha as u32 + 255 * (255 - alpha as u32) + 127) / 255) as u8;
            [over_white(color[0]), over_white(color[1]), over_white(color[2]), 255]
        };
        for y in y0..y0 + 8 {
            for x in x0..x0 + 8 {
                let got = read(x, y);
                if got != expected {
                    wrong += 1;
                }
                for c in 0..4 {
                    max_error = max_error.max(got[c].abs_diff(expected[c]));
                }
            }
        }
    }
    (wrong, max_error)
}

/// A 512×512 test image, premultiplied RGBA.
pub(crate) fn test_image() -> Vec<u8> {
    let mut data = Vec::with_capacity(512 * 512 * 4);
    for y in 0..512u32 {
        for x in 0..512u32 {
            data.extend_from_slice(&[(x / 2) as u8, (y / 2) as u8, ((x ^ y) & 255) as u8, 255]);
        }
    }
    data
}

pub(crate) const SIZES: [(u32, u32); 2] = [(640, 480), (1920, 1080)];

fn quality_measurements(
    backend: &str,
    stroke_error: impl Fn(&StrokeCase) -> (f64, f64),
    fills: impl Fn(u8) -> (usize, u8),
) -> Vec<Measurement> {
    let mut out = Vec::new();
    for case in stroke_cases() {
        let (mean, max) = stroke_error(&case);
        out.push(
            Measurement::new(format!("{backend} AA {} mean |err|", case.name), mean, "/255")
                .with_note("vs 256-sample coverage, pixels touched"),
        );
        out.push(Measurement::new(format!("{backend} AA {} max |err|", case.name), max, "/255"));
    }
    let (wrong, _) = fills(255);
    out.push(Measurement::new(format!("{backend} opaque fills wrong pixels"), wrong as f64, "px").with_note("of 4096"));
    let (_, max_error) = fills(128);
    out.push(Measurement::new(format!("{backend} alpha-128 fill over white max err"), max_error as f64, "/255"));
    out
}

fn tiny_skia_figures() -> Vec<Measurement> {
    let stroke_error = |case: &StrokeCase| {
        let mut pixmap = sk::Pixmap::new(64, 64).expect("64×64 is a valid size");
        let path = to_sk_path(&case.segments).expect("the test shapes are not empty");
        let paint = sk::Paint { anti_alias: true, ..sk::Paint::default() };
        let stroke = sk::Stroke { width: case.width as f32, ..sk::Stroke::default() };
        pixmap.stroke_path(&path, &paint, &stroke, sk::Transform::identity(), None);
        case.error(|x, y| pixmap.pixel(x, y).map_or(0, |p| p.alpha()))
    };
    let fills = |alpha: u8| {
        let mut pixmap = sk::Pixmap::new(64, 64).expect("64×64 is a valid size");
        pixmap.fill(sk::Color::WHITE);
        for (i, c) in fill_colors().into_iter().enumerate() {
            let rect = sk::Rect::from_xywh((i % 8) as f32 * 8.0, (i / 8) as f32 * 8.0, 8.0, 8.0).expect("valid");
            let mut paint = sk::Paint::default();
            paint.set_color_rgba8(c[0], c[1], c[2], alpha);
            pixmap.fill_rect(rect, &paint, sk::Transform::identity(), None);
        }
        fill_exactness(
            |x, y| {
                pixmap.pixel(x, y).map_or([0; 4], |p| {
                    let c = p.demultiply();
                    [c.red(), c.green(), c.blue(), c.alpha()]
                })
            },
            alpha,
        )
    };
    let mut out = quality_measurements("tiny-skia", stroke_error, fills);

    let image_data = test_image();
    let image = sk::PixmapRef::from_bytes(&image_data, 512, 512).expect("512×512 is a valid size");
    for (w, h) in SIZES {
        let mut pixmap = sk::Pixmap::new(w, h).expect("bench sizes are valid");
        let label = format!("{w}x{h}");
        let fill_rect = median_ms(20, || {
            for i in 0..OPS {
                let rect = sk::Rect::from_xywh(i as f32 * 13.5, i as f32 * 7.5, w as f32 / 2.0, h as f32 / 2.0)
                    .expect("valid");
                let mut paint = sk::Paint::default();
                paint.set_color_rgba8(i as u8 * 20, 100, 200, 255);
                pixmap.fill_rect(rect, &paint, sk::Transform::identity(), None);
            }
        }) / OPS as f64;
        let circle = sk::PathBuilder::from_circle(w as f32 / 2.0, h as f32 / 2.0, h as f32 / 3.0).expect("valid");
        let fill_path = median_ms(20, || {
            for i in 0..OPS {
                let mut paint = sk::Paint::default();
                paint.set_color_rgba8(i as u8 * 20, 100, 200, 180);
                let offset = sk::Transform::from_translate(i as f32 * 3.3, 0.0);
                pixmap.fill_path(&circle, &paint, sk::FillRule::Winding, offset, None);
            }
        }) / OPS as f64;
        let dest = sk::Rect::from_xywh(10.0, 10.0, w as f32 / 2.0, h as f32 / 2.0).expect("valid");
        let scale = sk::Transform::from_row(w as f32 / 1024.0, 0.0, 0.0, h as f32 / 1024.0, 10.0, 10.0);
        let draw_image = median_ms(20, || {
            for _ in 0..OPS {
                let shader = sk::Pattern::new(image, sk::SpreadMode::Pad, sk::FilterQuality::Bilinear, 1.0, scale);
                let paint = sk::Paint { shader, ..sk::Paint::default() };
                pixmap.fill_rect(dest, &paint, sk::Transform::identity(), None);
            }
        }) / OPS as f64;
        out.push(
            Measurement::new(format!("tiny-skia fillRect {label}"), fill_rect, "ms/op").with_note("w/2×h/2, AA edges"),
        );
        out.push(
            Measurement::new(format!("tiny-skia fill circle {label}"), fill_path, "ms/op")
                .with_note("r=h/3, alpha 180"),
        );
        out.push(
            Measurement::new(format!("tiny-skia drawImage {label}"), draw_image, "ms/op")
                .with_note("512² → w/2×h/2 bilinear"),
        );
    }
    out
}

/// Quality and speed figures for each rasterizer.
pub fn rasterizer_comparison() -> Vec<Measurement> {
    let mut out = tiny_skia_figures();
    #[cfg(feature = "vello-comparison")]
    out.extend(vello::figures());
    #[cfg(not(feature = "vello-comparison"))]
    out.push(
        Measurement::new("vello_cpu comparison", 0.0, "skipped")
            .with_note("build canvas with --features vello-comparison"),
    );
    out
}

#[cfg(feature = "vello-comparison")]
mod vello {
    use std::sync::Arc;

    use vello_cpu::color::AlphaColor;
    use vello_cpu::kurbo::{Affine, BezPath, Cap, Circle, Rect, Shape, Stroke};
    use vello_cpu::peniko::{ImageQuality, ImageSampler};
    use vello_cpu::{Image, ImageSource, Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};

    use super::*;

    fn bez_path(segments: &[DeviceSegment]) -> BezPath {
        let mut path = BezPath::new();
        let p = |p: euclid::default::Point2D<f32>| (p.x as f64, p.y as f64);
        for segment in segments {
            match *segment {
                DeviceSegment::MoveTo(a) => path.move_to(p(a)),
                DeviceSegment::LineTo(a) => path.line_to(p(a)),
                DeviceSegment::QuadTo(c, a) => path.quad_to(p(c), p(a)),
                DeviceSegment::CubicTo(c1, c2, a) => path.curve_to(p(c1), p(c2), p(a)),
                DeviceSegment::Close => path.close_path(),
            }
        }
        path
    }

    /// Composites onto what the target holds, like a canvas operation must.
    fn settings() -> RasterizerSettings {
        RasterizerSettings { target_init: TargetInit::SrcOver, ..RasterizerSettings::default() }
    }

    fn render(ctx: &mut RenderContext, target: &mut Pixmap, resources: &mut Resources) {
        ctx.flush();
        ctx.render_with(&mut *target, resources, settings());
        ctx.reset();
    }

    pub(super) fn figures() -> Vec<Measurement> {
        let mut resources = Resources::new();
        let stroke_error = |case: &StrokeCase| {
            let mut resources = Resources::new();
            let mut ctx = RenderContext::new(64, 64);
            let mut target = Pixmap::new(64, 64);
            ctx.set_paint(AlphaColor::from_rgba8(0, 0, 0, 255));
            ctx.set_stroke(Stroke::new(case.width).with_caps(Cap::Butt));
            ctx.stroke_path(&bez_path(&case.segments));
            render(&mut ctx, &mut target, &mut resources);
            case.error(|x, y| target.data()[(y * 64 + x) as usize].a)
        };
        let fills = |alpha: u8| {
            let mut resources = Resources::new();
            let mut ctx = RenderContext::new(64, 64);
            let mut target = Pixmap::new(64, 64);
            ctx.set_paint(AlphaColor::from_rgba8(255, 255, 255, 255));
            ctx.fill_rect(&Rect::new(0.0, 0.0, 64.0, 64.0));
            for (i, c) in fill_colors().into_iter().enumerate() {
                let (x, y) = ((i % 8) as f64 * 8.0, (i / 8) as f64 * 8.0);
                ctx.set_paint(AlphaColor::from_rgba8(c[0], c[1], c[2], alpha));
                ctx.fill_rect(&Rect::new(x, y, x + 8.0, y + 8.0));
            }
            render(&mut ctx, &mut target, &mut resources);
            fill_exactness(
                |x, y| {
                    let p = target.data()[(y * 64 + x) as usize];
                    canvas_traits::pixels::unpremultiply([p.r, p.g, p.b, p.a])
                },
                alpha,
            )
        };
        let mut out = quality_measurements("vello_cpu", stroke_error, fills);

        let image = Arc::new(Pixmap::from_parts(test_image(), 512, 512, vello_cpu::PixelMetadata::default()));
        for (w, h) in SIZES {
            let (w16, h16) = (w as u16, h as u16);
            let mut ctx = RenderContext::new(w16, h16);
            let mut target = Pixmap::new(w16, h16);
            let label = format!("{w}x{h}");
            let note = format!("{OPS} ops + one render, per op");
            let fill_rect = median_ms(20, || {
                for i in 0..OPS {
                    let (x, y) = (i as f64 * 13.5, i as f64 * 7.5);
                    ctx.set_paint(AlphaColor::from_rgba8(i as u8 * 20, 100, 200, 255));
                    ctx.fill_rect(&Rect::new(x, y, x + w as f64 / 2.0, y + h as f64 / 2.0));
                }
                render(&mut ctx, &mut target, &mut resources);
            }) / OPS as f64;
            let circle = Circle::new((w as f64 / 2.0, h as f64 / 2.0), h as f64 / 3.0).to_path(0.1);
            let fill_path = median_ms(20, || {
                for i in 0..OPS {
                    ctx.set_paint(AlphaColor::from_rgba8(i as u8 * 20, 100, 200, 180));
                    ctx.set_transform(Affine::translate((i as f64 * 3.3, 0.0)));
                    ctx.fill_path(&circle);
                }
                ctx.reset_transform();
                render(&mut ctx, &mut target, &mut resources);
            }) / OPS as f64;
            let draw_image = median_ms(20, || {
                for _ in 0..OPS {
                    ctx.set_paint(Image {
                        image: ImageSource::Pixmap(image.clone()),
                        sampler: ImageSampler { quality: ImageQuality::Medium, ..ImageSampler::default() },
                    });
                    ctx.set_paint_transform(Affine::scale_non_uniform(w as f64 / 1024.0, h as f64 / 1024.0));
                    ctx.set_transform(Affine::translate((10.0, 10.0)));
                    ctx.fill_rect(&Rect::new(0.0, 0.0, w as f64 / 2.0, h as f64 / 2.0));
                }
                ctx.reset_transform();
                ctx.reset_paint_transform();
                render(&mut ctx, &mut target, &mut resources);
            }) / OPS as f64;
            out.push(
                Measurement::new(format!("vello_cpu fillRect {label}"), fill_rect, "ms/op").with_note(note.clone()),
            );
            out.push(
                Measurement::new(format!("vello_cpu fill circle {label}"), fill_path, "ms/op").with_note(note.clone()),
            );
            out.push(Measurement::new(format!("vello_cpu drawImage {label}"), draw_image, "ms/op").with_note(note));
        }
        out
    }
}

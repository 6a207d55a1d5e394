//! 2D operations: exact solid fills, paths, composite modes, clipping,
//! drawImage forms, pixel manipulation, styles.

mod common;

use base::units::ImageSize;
use base::{FrameBytes, PixelFormat};
use canvas_traits::command::{CanvasCommand, DrawImageRects, ImageSource};
use canvas_traits::path::Path;
use canvas_traits::style::{
    CompositeOperation, DrawOptions, FillRule, Gradient, GradientGeometry, GradientStop, ImagePixels, ImageSmoothing,
    LineOptions, PaintStyle, Pattern, PixelAlpha, Repetition,
};
use common::*;
use euclid::default::{Point2D, Rect, Size2D, Transform2D};

#[test]
fn solid_fills_are_exact() {
    let h = harness();
    let canvas = h.create(64, 64);
    let colors = [
        rgba(0, 0, 0, 255),
        rgba(255, 255, 255, 255),
        rgba(1, 2, 3, 255),
        rgba(254, 127, 128, 255),
        rgba(17, 200, 99, 255),
    ];
    for color in colors {
        let mut path = Path::new();
        path.move_to(40.0, 10.0);
        path.line_to(60.0, 10.0);
        path.line_to(50.0, 30.0);
        path.close_path();
        h.send(vec![
            fill_rect(canvas, 2.0, 2.0, 20.0, 20.0, color),
            fill_path(canvas, path, color, DrawOptions::default()),
        ]);
        let area = h.read(canvas, 2, 2, 20, 20);
        assert!(area.chunks(4).all(|px| px == color.to_array()), "fillRect {color:?}");
        assert_eq!(h.pixel(canvas, 50, 15), color.to_array(), "path interior {color:?}");
        assert_eq!(h.pixel(canvas, 1, 1), [0, 0, 0, 0], "outside untouched");
    }
}

#[test]
fn fill_rect_follows_the_transform_and_normalizes_negative_sizes() {
    let h = harness();
    let canvas = h.create(20, 20);
    let options =
        DrawOptions { transform: Transform2D::scale(2.0, 2.0).then_translate([1.0, 1.0].into()), ..Default::default() };
    let red = PaintStyle::Color(rgba(255, 0, 0, 255));
    h.send(vec![fill_rect_with(canvas, rect(4.0, 4.0, -2.0, -2.0), red, options)]);
    // (2, 2)–(4, 4) scaled by 2 and moved by 1: (5, 5)–(9, 9).
    assert_eq!(h.pixel(canvas, 5, 5), [255, 0, 0, 255]);
    assert_eq!(h.pixel(canvas, 8, 8), [255, 0, 0, 255]);
    assert_eq!(h.pixel(canvas, 9, 9), [0, 0, 0, 0]);
    assert_eq!(h.pixel(canvas, 4, 4), [0, 0, 0, 0]);
}

#[test]
fn translucent_fills_blend_source_over() {
    let h = harness();
    let canvas = h.create(4, 4);
    let half = DrawOptions { global_alpha: 0.5, ..Default::default() };
    h.send(vec![
        fill_rect(canvas, 0.0, 0.0, 4.0, 4.0, rgba(0, 0, 255, 255)),
        fill_rect_with(canvas, rect(0.0, 0.0, 4.0, 4.0), PaintStyle::Color(rgba(255, 0, 0, 255)), half),
    ]);
    assert_close(h.pixel(canvas, 1, 1), [128, 0, 127, 255], 1, "50% red over blue");
}

#[test]
fn clear_rect_and_resize_reset_pixels() {
    let h = harness();
    let canvas = h.create(10, 10);
    h.send(vec![
        fill_rect(canvas, 0.0, 0.0, 10.0, 10.0, rgba(9, 9, 9, 255)),
        CanvasCommand::ClearRect { canvas, rect: rect(0.0, 0.0, 5.0, 10.0), transform: identity() },
    ]);
    assert_eq!(h.pixel(canvas, 2, 2), [0, 0, 0, 0]);
    assert_eq!(h.pixel(canvas, 7, 2), [9, 9, 9, 255]);
    h.send(vec![CanvasCommand::Resize { canvas, size: ImageSize::new(12, 6) }]);
    assert_eq!(h.read(canvas, 0, 0, 12, 6), vec![0; 12 * 6 * 4]);
    // Pixels beyond the bitmap read as transparent black.
    assert_eq!(h.pixel(canvas, 12, 0), [0, 0, 0, 0]);
}

#[test]
fn clear_rect_off_pixel_boundaries_clears_partially() {
    let h = harness();
    let canvas = h.create(4, 1);
    let rotated = Transform2D::rotation(euclid::Angle::degrees(90.0)).then_translate([1.0, 0.0].into());
    h.send(vec![
        fill_rect(canvas, 0.0, 0.0, 4.0, 1.0, rgba(0, 0, 0, 255)),
        CanvasCommand::ClearRect { canvas, rect: rect(0.5, 0.0, 1.0, 1.0), transform: identity() },
        // A quarter turn then a move by 1 maps (0, -3)–(1, -2) onto pixel 3.
        CanvasCommand::ClearRect { canvas, rect: rect(0.0, -3.0, 1.0, 1.0), transform: rotated },
    ]);
    assert_close(h.pixel(canvas, 0, 0), [0, 0, 0, 128], 1, "left half cleared");
    assert_close(h.pixel(canvas, 1, 0), [0, 0, 0, 128], 1, "right half cleared");
    assert_eq!(h.pixel(canvas, 2, 0), [0, 0, 0, 255]);
    assert_eq!(h.pixel(canvas, 3, 0), [0, 0, 0, 0], "rotated clear");
}

#[test]
fn resize_also_drops_the_clip() {
    let h = harness();
    let canvas = h.create(10, 10);
    let mut clip = Path::new();
    clip.rect(0.0, 0.0, 1.0, 1.0);
    h.send(vec![
        CanvasCommand::ClipPath { canvas, path: clip, path_transform: identity(), fill_rule: FillRule::NonZero },
        CanvasCommand::Resize { canvas, size: ImageSize::new(10, 10) },
        fill_rect(canvas, 0.0, 0.0, 10.0, 10.0, rgba(1, 1, 1, 255)),
    ]);
    assert_eq!(h.pixel(canvas, 5, 5), [1, 1, 1, 255]);
}

#[test]
fn clip_with_save_and_restore() {
    let h = harness();
    let canvas = h.create(20, 20);
    let mut left = Path::new();
    left.rect(0.0, 0.0, 10.0, 20.0);
    let mut top = Path::new();
    top.rect(0.0, 0.0, 20.0, 10.0);
    let clip =
        |path| CanvasCommand::ClipPath { canvas, path, path_transform: identity(), fill_rule: FillRule::NonZero };
    h.send(vec![
        CanvasCommand::SaveClip { canvas },
        clip(left),
        CanvasCommand::SaveClip { canvas },
        clip(top),
        fill_rect(canvas, 0.0, 0.0, 20.0, 20.0, rgba(255, 0, 0, 255)),
        CanvasCommand::RestoreClip { canvas },
        fill_rect(canvas, 0.0, 15.0, 20.0, 5.0, rgba(0, 255, 0, 255)),
        CanvasCommand::RestoreClip { canvas },
        // One restore too many is harmless.
        CanvasCommand::RestoreClip { canvas },
        fill_rect(canvas, 15.0, 0.0, 5.0, 5.0, rgba(0, 0, 255, 255)),
    ]);
    assert_eq!(h.pixel(canvas, 5, 5), [255, 0, 0, 255], "inside both clips");
    assert_eq!(h.pixel(canvas, 5, 12), [0, 0, 0, 0], "outside the inner clip");
    assert_eq!(h.pixel(canvas, 5, 17), [0, 255, 0, 255], "outer clip only");
    assert_eq!(h.pixel(canvas, 15, 17), [0, 0, 0, 0], "outside the outer clip");
    assert_eq!(h.pixel(canvas, 17, 2), [0, 0, 255, 255], "after restoring everything");
}

#[test]
fn clearing_respects_the_clip() {
    let h = harness();
    let canvas = h.create(10, 10);
    let mut left = Path::new();
    left.rect(0.0, 0.0, 5.0, 10.0);
    h.send(vec![
        fill_rect(canvas, 0.0, 0.0, 10.0, 10.0, rgba(3, 3, 3, 255)),
        CanvasCommand::ClipPath { canvas, path: left, path_transform: identity(), fill_rule: FillRule::NonZero },
        CanvasCommand::ClearRect { canvas, rect: rect(0.0, 0.0, 10.0, 10.0), transform: identity() },
    ]);
    assert_eq!(h.pixel(canvas, 2, 2), [0, 0, 0, 0]);
    assert_eq!(h.pixel(canvas, 7, 2), [3, 3, 3, 255]);
}

fn composite(op: CompositeOperation) -> DrawOptions {
    DrawOptions { composite: op, ..Default::default() }
}

/// Destination: blue on the left half. Source: red on the top half, drawn
/// with `op`. Returns the pixel in each quadrant (src+dst, dst only, src
/// only, neither).
fn composite_quadrants(op: CompositeOperation) -> [[u8; 4]; 4] {
    let h = harness();
    let canvas = h.create(20, 20);
    h.send(vec![
        fill_rect(canvas, 0.0, 0.0, 10.0, 20.0, rgba(0, 0, 255, 255)),
        fill_rect_with(canvas, rect(0.0, 0.0, 20.0, 10.0), PaintStyle::Color(rgba(255, 0, 0, 255)), composite(op)),
    ]);
    [h.pixel(canvas, 5, 5), h.pixel(canvas, 5, 15), h.pixel(canvas, 15, 5), h.pixel(canvas, 15, 15)]
}

#[test]
fn porter_duff_operators() {
    use CompositeOperation::*;
    let (red, blue, clear) = ([255, 0, 0, 255], [0, 0, 255, 255], [0, 0, 0, 0]);
    let table = [
        (SourceOver, [red, blue, red, clear]),
        (SourceIn, [red, clear, clear, clear]),
        (SourceOut, [clear, clear, red, clear]),
        (SourceAtop, [red, blue, clear, clear]),
        (DestinationOver, [blue, blue, red, clear]),
        (DestinationIn, [blue, clear, clear, clear]),
        (DestinationOut, [clear, blue, clear, clear]),
        (DestinationAtop, [blue, clear, red, clear]),
        (Copy, [red, clear, red, clear]),
        (Xor, [clear, blue, red, clear]),
        (Lighter, [[255, 0, 255, 255], blue, red, clear]),
    ];
    for (op, expected) in table {
        assert_eq!(composite_quadrants(op), expected, "{}", op.as_str());
    }
}

#[test]
fn blend_modes() {
    use CompositeOperation::*;
    let h = harness();
    let canvas = h.create(2, 1);
    let grey = rgba(128, 128, 128, 255);
    let cases = [
        (Multiply, [64, 32, 0, 255]),
        (Screen, [192, 160, 128, 255]),
        (Darken, [128, 64, 0, 255]),
        (Lighten, [128, 128, 128, 255]),
        (Difference, [0, 64, 128, 255]),
    ];
    for (op, expected) in cases {
        h.send(vec![
            fill_rect(canvas, 0.0, 0.0, 2.0, 1.0, rgba(128, 64, 0, 255)),
            fill_rect_with(canvas, rect(0.0, 0.0, 1.0, 1.0), PaintStyle::Color(grey), composite(op)),
        ]);
        assert_close(h.pixel(canvas, 0, 0), expected, 1, op.as_str());
        assert_eq!(h.pixel(canvas, 1, 0), [128, 64, 0, 255], "{} outside the shape", op.as_str());
    }
}

fn checker_2x2() -> ImagePixels {
    // Red, green / blue, white; BGRA and not premultiplied, like a video frame.
    let bgra = vec![0, 0, 255, 255, 0, 255, 0, 255, 255, 0, 0, 255, 255, 255, 255, 255];
    ImagePixels {
        size: ImageSize::new(2, 2),
        stride: 8,
        format: PixelFormat::Bgra8,
        alpha: PixelAlpha::Unpremultiplied,
        data: FrameBytes::new(bgra),
    }
}

#[test]
fn draw_image_forms_from_pixels() {
    let h = harness();
    let canvas = h.create(16, 16);
    let sharp =
        DrawOptions { smoothing: ImageSmoothing { enabled: false, ..Default::default() }, ..Default::default() };
    let draw = |rects| CanvasCommand::DrawImage {
        canvas,
        source: ImageSource::Pixels { pixels: checker_2x2() },
        rects,
        options: sharp.clone(),
    };
    h.send(vec![
        draw(DrawImageRects::At { dx: 0.0, dy: 0.0 }),
        draw(DrawImageRects::Scaled { dx: 4.0, dy: 0.0, dw: 4.0, dh: 4.0 }),
        draw(DrawImageRects::Cropped { sx: 1.0, sy: 1.0, sw: 1.0, sh: 1.0, dx: 10.0, dy: 10.0, dw: 3.0, dh: 3.0 }),
    ]);
    let (red, green, blue, white) = ([255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255], [255, 255, 255, 255]);
    assert_eq!(h.read(canvas, 0, 0, 2, 2).chunks(4).collect::<Vec<_>>(), [red, green, blue, white]);
    // Nearest-neighbour upscaling: each source pixel becomes a 2×2 block.
    for (x, y, expected) in [(4, 0, red), (5, 1, red), (6, 0, green), (7, 1, green), (4, 2, blue), (7, 3, white)] {
        assert_eq!(h.pixel(canvas, x, y), expected, "scaled ({x}, {y})");
    }
    for (x, y) in [(10, 10), (12, 12)] {
        assert_eq!(h.pixel(canvas, x, y), white, "cropped ({x}, {y})");
    }
    assert_eq!(h.pixel(canvas, 13, 13), [0, 0, 0, 0]);
    assert_eq!(h.pixel(canvas, 9, 10), [0, 0, 0, 0]);
}

#[test]
fn draw_image_from_another_canvas_and_from_itself() {
    let h = harness();
    let source = h.create(4, 4);
    let target = h.create(8, 8);
    h.send(vec![
        fill_rect(source, 0.0, 0.0, 2.0, 4.0, rgba(10, 20, 30, 255)),
        fill_rect(source, 2.0, 0.0, 2.0, 4.0, rgba(0, 0, 0, 128)),
        CanvasCommand::DrawImage {
            canvas: target,
            source: ImageSource::Canvas { canvas: source },
            rects: DrawImageRects::At { dx: 4.0, dy: 4.0 },
            options: DrawOptions::default(),
        },
        // The canvas drawn onto itself, shifted.
        CanvasCommand::DrawImage {
            canvas: target,
            source: ImageSource::Canvas { canvas: target },
            rects: DrawImageRects::Cropped { sx: 4.0, sy: 4.0, sw: 2.0, sh: 2.0, dx: 0.0, dy: 0.0, dw: 2.0, dh: 2.0 },
            options: DrawOptions::default(),
        },
    ]);
    assert_eq!(h.pixel(target, 4, 4), [10, 20, 30, 255]);
    assert_close(h.pixel(target, 7, 7), [0, 0, 0, 128], 1, "translucent half");
    assert_eq!(h.pixel(target, 1, 1), [10, 20, 30, 255]);
    assert_eq!(h.pixel(target, 3, 3), [0, 0, 0, 0]);
    // The source is unchanged.
    assert_eq!(h.pixel(source, 0, 0), [10, 20, 30, 255]);
}

#[test]
fn smoothing_blends_neighbours_when_enabled() {
    let h = harness();
    let canvas = h.create(16, 16);
    h.send(vec![CanvasCommand::DrawImage {
        canvas,
        source: ImageSource::Pixels { pixels: checker_2x2() },
        rects: DrawImageRects::Scaled { dx: 0.0, dy: 0.0, dw: 16.0, dh: 16.0 },
        options: DrawOptions::default(),
    }]);
    // Half-way between red (top-left) and green (top-right).
    let middle = h.pixel(canvas, 8, 1);
    assert!(middle[0] > 40 && middle[1] > 40, "bilinear mix, got {middle:?}");
}

#[test]
fn get_and_put_image_data_round_trip() {
    let h = harness();
    let canvas = h.create(8, 8);
    let mut bytes = Vec::new();
    for i in 0..16u8 {
        let alpha = if i % 4 == 3 { 0 } else { 255 };
        bytes.extend_from_slice(&[i * 16, 255 - i * 16, i, alpha]);
    }
    let data = ImagePixels {
        size: ImageSize::new(4, 4),
        stride: 16,
        format: PixelFormat::Rgba8,
        alpha: PixelAlpha::Unpremultiplied,
        data: FrameBytes::new(bytes.clone()),
    };
    let whole = Rect::new(Point2D::zero(), Size2D::new(4, 4));
    h.send(vec![
        fill_rect(canvas, 0.0, 0.0, 8.0, 8.0, rgba(1, 1, 1, 255)),
        CanvasCommand::PutImageData { canvas, data: data.clone(), destination: Point2D::new(2, 2), dirty: whole },
    ]);
    let expected: Vec<u8> =
        bytes.chunks(4).flat_map(|px| if px[3] == 0 { [0, 0, 0, 0] } else { [px[0], px[1], px[2], px[3]] }).collect();
    assert_eq!(h.read(canvas, 2, 2, 4, 4), expected);
    assert_eq!(h.pixel(canvas, 1, 1), [1, 1, 1, 255]);

    // A dirty rectangle limits what is written; putImageData ignores the clip.
    let mut nothing = Path::new();
    nothing.rect(0.0, 0.0, 0.0, 0.0);
    h.send(vec![
        CanvasCommand::ClipPath { canvas, path: nothing, path_transform: identity(), fill_rule: FillRule::NonZero },
        fill_rect(canvas, 0.0, 0.0, 8.0, 8.0, rgba(7, 7, 7, 255)),
        CanvasCommand::PutImageData {
            canvas,
            data,
            destination: Point2D::new(-1, -1),
            dirty: Rect::new(Point2D::new(1, 1), Size2D::new(1, 1)),
        },
    ]);
    assert_eq!(h.pixel(canvas, 0, 0), [16 * 5, 255 - 16 * 5, 5, 255]);
    assert_eq!(h.pixel(canvas, 1, 1), [1, 1, 1, 255]);

    // Partially transparent pixels survive within premultiplication error.
    let translucent = ImagePixels {
        data: FrameBytes::new(vec![200, 100, 50, 128]),
        size: ImageSize::new(1, 1),
        stride: 4,
        ..checker_2x2()
    };
    let translucent = ImagePixels { format: PixelFormat::Rgba8, ..translucent };
    let one = Rect::new(Point2D::zero(), Size2D::new(1, 1));
    h.send(vec![CanvasCommand::PutImageData {
        canvas,
        data: translucent,
        destination: Point2D::new(7, 7),
        dirty: one,
    }]);
    assert_close(h.pixel(canvas, 7, 7), [200, 100, 50, 128], 1, "translucent put");
}

fn gradient(geometry: GradientGeometry) -> PaintStyle {
    PaintStyle::Gradient(Gradient {
        geometry,
        stops: vec![
            GradientStop { offset: 0.0, color: rgba(255, 0, 0, 255) },
            GradientStop { offset: 1.0, color: rgba(0, 0, 255, 255) },
        ],
    })
}

#[test]
fn gradients_and_patterns() {
    let h = harness();
    let canvas = h.create(100, 10);
    let linear = gradient(GradientGeometry::Linear { x0: 0.0, y0: 0.0, x1: 100.0, y1: 0.0 });
    h.send(vec![fill_rect_with(canvas, rect(0.0, 0.0, 100.0, 10.0), linear, DrawOptions::default())]);
    assert_close(h.pixel(canvas, 0, 5), [253, 0, 2, 255], 3, "linear start");
    assert_close(h.pixel(canvas, 99, 5), [2, 0, 253, 255], 3, "linear end");
    assert_close(h.pixel(canvas, 50, 5), [126, 0, 128, 255], 3, "linear middle");

    let radial = gradient(GradientGeometry::Radial { x0: 50.0, y0: 5.0, r0: 0.0, x1: 50.0, y1: 5.0, r1: 40.0 });
    h.send(vec![fill_rect_with(canvas, rect(0.0, 0.0, 100.0, 10.0), radial, DrawOptions::default())]);
    assert_close(h.pixel(canvas, 50, 5), [255, 0, 0, 255], 8, "radial centre");
    assert_eq!(h.pixel(canvas, 95, 5), [0, 0, 255, 255], "radial outside pads");

    let conic = gradient(GradientGeometry::Conic { start_angle: 0.0, x: 50.0, y: 5.0 });
    h.send(vec![fill_rect_with(canvas, rect(0.0, 0.0, 100.0, 10.0), conic, DrawOptions::default())]);
    assert_close(h.pixel(canvas, 90, 5), [255, 0, 0, 255], 12, "conic at angle 0");
    assert_close(h.pixel(canvas, 10, 5), [128, 0, 127, 255], 12, "conic half-turn");

    let moved_pattern = |repetition, dx| {
        PaintStyle::Pattern(Pattern { image: checker_2x2(), repetition, transform: Transform2D::translation(dx, 0.0) })
    };
    let pattern = |repetition| moved_pattern(repetition, 0.0);
    let sharp =
        DrawOptions { smoothing: ImageSmoothing { enabled: false, ..Default::default() }, ..Default::default() };
    h.send(vec![
        CanvasCommand::ClearRect { canvas, rect: rect(0.0, 0.0, 100.0, 10.0), transform: identity() },
        fill_rect_with(canvas, rect(0.0, 0.0, 10.0, 10.0), pattern(Repetition::Repeat), sharp.clone()),
        fill_rect_with(canvas, rect(20.0, 0.0, 10.0, 10.0), pattern(Repetition::NoRepeat), sharp.clone()),
        fill_rect_with(canvas, rect(40.0, 0.0, 10.0, 10.0), pattern(Repetition::RepeatX), sharp.clone()),
        // Patterns live in user space: a repeat-y column is at x = 0..2
        // unless the pattern is moved.
        fill_rect_with(canvas, rect(60.0, 0.0, 30.0, 10.0), moved_pattern(Repetition::RepeatY, 80.0), sharp.clone()),
    ]);
    let (red, white, clear) = ([255, 0, 0, 255], [255, 255, 255, 255], [0, 0, 0, 0]);
    assert_eq!(h.pixel(canvas, 4, 4), red, "repeat tiles");
    assert_eq!(h.pixel(canvas, 5, 5), white, "repeat tiles");
    assert_eq!(h.pixel(canvas, 20, 0), clear, "no-repeat: the only tile is at the origin");
    assert_eq!(h.pixel(canvas, 40, 0), red, "repeat-x row");
    assert_eq!(h.pixel(canvas, 40, 4), clear, "repeat-x only one row");
    assert_eq!(h.pixel(canvas, 0, 8), red, "repeat");
    assert_eq!(h.pixel(canvas, 60, 8), clear, "repeat-y column is elsewhere");
    assert_eq!(h.pixel(canvas, 80, 8), red, "repeat-y column");
    assert_eq!(h.pixel(canvas, 81, 9), white, "repeat-y column");
    assert_eq!(h.pixel(canvas, 84, 8), clear, "repeat-y only one column");
}

#[test]
fn styles_follow_the_transform_for_every_operation() {
    let h = harness();
    let canvas = h.create(100, 30);
    let options = DrawOptions { transform: Transform2D::scale(2.0, 1.0), ..Default::default() };
    let linear = gradient(GradientGeometry::Linear { x0: 0.0, y0: 0.0, x1: 50.0, y1: 0.0 });
    let mut path = Path::new();
    path.rect(0.0, 10.0, 50.0, 10.0);
    h.send(vec![
        fill_rect_with(canvas, rect(0.0, 0.0, 50.0, 10.0), linear.clone(), options.clone()),
        CanvasCommand::FillPath {
            canvas,
            path,
            path_transform: options.transform,
            fill_rule: FillRule::NonZero,
            style: linear.clone(),
            options: options.clone(),
        },
        CanvasCommand::StrokeRect {
            canvas,
            rect: rect(0.0, 25.0, 50.0, 0.0),
            style: linear,
            line: LineOptions { width: 4.0, ..Default::default() },
            options: options.clone(),
        },
    ]);
    for y in [5, 15, 25] {
        assert_close(h.pixel(canvas, 1, y), [253, 0, 2, 255], 4, "start");
        assert_close(h.pixel(canvas, 50, y), [126, 0, 128, 255], 4, "middle");
        assert_close(h.pixel(canvas, 98, y), [2, 0, 253, 255], 4, "end");
    }
    // drawImage under a transform: the 2×2 checker scaled by 2 horizontally.
    let sharp = DrawOptions {
        transform: Transform2D::scale(2.0, 1.0).then_translate([10.0, 0.0].into()),
        smoothing: ImageSmoothing { enabled: false, ..Default::default() },
        ..Default::default()
    };
    h.send(vec![CanvasCommand::DrawImage {
        canvas,
        source: ImageSource::Pixels { pixels: checker_2x2() },
        rects: DrawImageRects::At { dx: 0.0, dy: 0.0 },
        options: sharp.clone(),
    }]);
    assert_eq!(h.pixel(canvas, 11, 0), [255, 0, 0, 255]);
    assert_eq!(h.pixel(canvas, 12, 0), [0, 255, 0, 255]);
    assert_eq!(h.pixel(canvas, 13, 1), [255, 255, 255, 255]);
}

#[test]
fn strokes_follow_line_width_and_the_transform() {
    let h = harness();
    let canvas = h.create(40, 40);
    let line = LineOptions { width: 4.0, ..Default::default() };
    h.send(vec![CanvasCommand::StrokeRect {
        canvas,
        rect: rect(10.0, 10.0, 20.0, 20.0),
        style: PaintStyle::Color(rgba(0, 128, 0, 255)),
        line: line.clone(),
        options: DrawOptions::default(),
    }]);
    assert_eq!(h.pixel(canvas, 9, 20), [0, 128, 0, 255], "on the left edge");
    assert_eq!(h.pixel(canvas, 20, 20), [0, 0, 0, 0], "inside");
    assert_eq!(h.pixel(canvas, 7, 20), [0, 0, 0, 0], "outside the pen");

    // A path built under identity and stroked under scale(3, 1): the pen is
    // three times wider horizontally.
    let mut path = Path::new();
    path.move_to(5.0, 0.0);
    path.line_to(5.0, 40.0);
    let options = DrawOptions { transform: Transform2D::scale(3.0, 1.0), ..Default::default() };
    h.send(vec![
        CanvasCommand::ClearRect { canvas, rect: rect(0.0, 0.0, 40.0, 40.0), transform: identity() },
        CanvasCommand::StrokePath {
            canvas,
            path,
            path_transform: identity(),
            style: PaintStyle::Color(rgba(0, 0, 0, 255)),
            line: LineOptions { width: 2.0, ..Default::default() },
            options: options.clone(),
        },
    ]);
    // The device-space line at x = 5 gets a pen 2 × 3 = 6 pixels wide: x = 2..8.
    for x in [2, 3, 5, 7] {
        assert_eq!(h.pixel(canvas, x, 20), [0, 0, 0, 255], "x = {x}");
    }
    for x in [1, 8] {
        assert_eq!(h.pixel(canvas, x, 20), [0, 0, 0, 0], "x = {x}");
    }
}

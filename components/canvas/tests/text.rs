//! Text with the bundled face: placement by align and baseline, maxWidth,
//! stroking, and measureText.

mod common;

use base::CanvasId;
use canvas_traits::command::CanvasCommand;
use canvas_traits::style::{DrawOptions, LineOptions, PaintStyle};
use canvas_traits::text::{CanvasFont, TextAlign, TextBaseline, TextMetrics, TextOptions};
use common::*;

fn options(size: f64, align: TextAlign, baseline: TextBaseline) -> TextOptions {
    let font = CanvasFont::parse(&format!("{size}px sans-serif"), 10.0).unwrap();
    TextOptions { font, align, baseline, ..TextOptions::default() }
}

fn fill_text(
    canvas: CanvasId,
    text: &str,
    x: f64,
    y: f64,
    max_width: Option<f64>,
    text_options: TextOptions,
) -> CanvasCommand {
    CanvasCommand::FillText {
        canvas,
        text: text.into(),
        x,
        y,
        max_width,
        text_options,
        style: PaintStyle::Color(rgba(0, 0, 0, 255)),
        options: DrawOptions::default(),
    }
}

/// The bounding box of non-transparent pixels: (left, top, right, bottom), inclusive.
fn ink_box(h: &Harness, canvas: CanvasId, w: u32, hgt: u32) -> Option<(u32, u32, u32, u32)> {
    let pixels = h.read(canvas, 0, 0, w as i64, hgt as i64);
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    for y in 0..hgt {
        for x in 0..w {
            if pixels[((y * w + x) * 4 + 3) as usize] > 0 {
                bounds = Some(match bounds {
                    None => (x, y, x, y),
                    Some((l, t, r, b)) => (l.min(x), t.min(y), r.max(x), b.max(y)),
                });
            }
        }
    }
    bounds
}

fn measure(h: &Harness, text: &str, text_options: TextOptions) -> TextMetrics {
    let (reply, replies) = crossbeam_channel::unbounded();
    h.send(vec![CanvasCommand::MeasureText { text: text.into(), text_options, reply }]);
    replies.recv().unwrap()
}

#[test]
fn fill_text_sits_on_the_alphabetic_baseline_at_the_anchor() {
    let h = harness();
    let canvas = h.create(200, 60);
    h.send(vec![fill_text(
        canvas,
        "Hello",
        10.0,
        40.0,
        None,
        options(20.0, TextAlign::Start, TextBaseline::Alphabetic),
    )]);
    let (left, top, right, bottom) = ink_box(&h, canvas, 200, 60).expect("text was drawn");
    assert!((10..=13).contains(&left), "left {left}");
    assert!((38..=40).contains(&bottom), "no descenders: bottom {bottom}");
    assert!((20..=27).contains(&top), "cap height of 20px text: top {top}");
    let width = measure(&h, "Hello", options(20.0, TextAlign::Start, TextBaseline::Alphabetic)).width;
    assert!((right as f64) < 10.0 + width && (right as f64) > 10.0 + width - 4.0, "right {right}, width {width}");
}

#[test]
fn align_and_baseline_move_the_text() {
    let h = harness();
    let right = h.create(200, 60);
    let top = h.create(200, 60);
    let center = h.create(200, 60);
    h.send(vec![
        fill_text(right, "Hello", 150.0, 40.0, None, options(20.0, TextAlign::Right, TextBaseline::Alphabetic)),
        fill_text(top, "Hello", 10.0, 10.0, None, options(20.0, TextAlign::Left, TextBaseline::Top)),
        fill_text(center, "Hello", 100.0, 40.0, None, options(20.0, TextAlign::Center, TextBaseline::Middle)),
    ]);
    let (_, _, r, _) = ink_box(&h, right, 200, 60).unwrap();
    assert!((146..=150).contains(&r), "right-aligned ink ends at the anchor: {r}");
    let (_, t, _, _) = ink_box(&h, top, 200, 60).unwrap();
    assert!((10..=15).contains(&t), "top baseline puts the text below the anchor: {t}");
    let (l, t, r, b) = ink_box(&h, center, 200, 60).unwrap();
    assert!(((l + r) as i32 / 2 - 100).abs() <= 2, "centred horizontally: {l}..{r}");
    assert!(((t + b) as i32 / 2 - 40).abs() <= 3, "centred vertically: {t}..{b}");
}

#[test]
fn max_width_condenses_and_bad_max_width_draws_nothing() {
    let h = harness();
    let canvas = h.create(200, 60);
    let empty = h.create(200, 60);
    let text_options = options(20.0, TextAlign::Start, TextBaseline::Alphabetic);
    h.send(vec![
        fill_text(canvas, "Hello, world", 10.0, 40.0, Some(50.0), text_options.clone()),
        fill_text(empty, "Hello", 10.0, 40.0, Some(0.0), text_options.clone()),
        fill_text(empty, "Hello", f64::NAN, 40.0, None, text_options),
    ]);
    let (l, _, r, _) = ink_box(&h, canvas, 200, 60).unwrap();
    assert!(l >= 10 && r <= 60, "squeezed into 50px: {l}..{r}");
    assert!(ink_box(&h, empty, 200, 60).is_none());
}

#[test]
fn stroke_text_draws_outlines() {
    let h = harness();
    let canvas = h.create(200, 80);
    h.send(vec![CanvasCommand::StrokeText {
        canvas,
        text: "O".into(),
        x: 10.0,
        y: 60.0,
        max_width: None,
        text_options: options(60.0, TextAlign::Start, TextBaseline::Alphabetic),
        style: PaintStyle::Color(rgba(255, 0, 0, 255)),
        line: LineOptions { width: 1.0, ..LineOptions::default() },
        options: DrawOptions::default(),
    }]);
    let (l, t, r, b) = ink_box(&h, canvas, 200, 80).unwrap();
    // The middle of the outlined O stays empty.
    assert_eq!(h.pixel(canvas, ((l + r) / 2) as i64, ((t + b) / 2) as i64), [0, 0, 0, 0]);
}

#[test]
fn measure_text_metrics() {
    let h = harness();
    let alphabetic = options(10.0, TextAlign::Start, TextBaseline::Alphabetic);
    let small = measure(&h, "Hello world", alphabetic.clone());
    let big = measure(&h, "Hello world", options(20.0, TextAlign::Start, TextBaseline::Alphabetic));
    assert!(small.width > 40.0 && small.width < 70.0, "{small:?}");
    assert!((big.width - 2.0 * small.width).abs() < 0.01, "advances scale with size");
    assert_eq!(measure(&h, "", alphabetic.clone()).width, 0.0);
    let m = measure(&h, "Mg", alphabetic);
    assert_eq!(m.alphabetic_baseline, 0.0);
    assert!(m.actual_bounding_box_ascent > 6.0 && m.actual_bounding_box_ascent < 8.5, "{m:?}");
    assert!(m.actual_bounding_box_descent > 1.0, "g descends: {m:?}");
    assert!(m.font_bounding_box_ascent >= m.actual_bounding_box_ascent);
    assert!((m.em_height_ascent + m.em_height_descent - 10.0).abs() < 1e-9);
    assert!(m.hanging_baseline > 0.0 && m.ideographic_baseline < 0.0);
    let top = measure(&h, "Mg", options(10.0, TextAlign::Start, TextBaseline::Top));
    assert!(top.font_bounding_box_ascent.abs() < 1e-6, "top baseline is the ascent line");
    let centered = measure(&h, "Mg", options(10.0, TextAlign::Center, TextBaseline::Alphabetic));
    assert!((centered.actual_bounding_box_left - centered.actual_bounding_box_right).abs() < 2.0, "{centered:?}");
}

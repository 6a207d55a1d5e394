//! Paints a sample scene (paths, strokes, gradients, patterns, composite
//! modes, clip) and writes it through the PNG dump compositor, for a person
//! to look at: `cargo run -p canvas --example canvas_dump -- DIR`.

use base::units::ImageSize;
use base::{CanvasId, Epoch};
use canvas::{NullFrameSink, PngDumpCompositor};
use canvas_traits::color::parse_canvas_color;
use canvas_traits::command::{CanvasBatch, CanvasCommand};
use canvas_traits::path::{CornerRadius, Path};
use canvas_traits::style::{
    CompositeOperation, DrawOptions, FillRule, Gradient, GradientGeometry, GradientStop, LineCap, LineJoin,
    LineOptions, PaintStyle, Shadow,
};
use canvas_traits::text::{CanvasFont, TextAlign, TextBaseline, TextOptions};
use euclid::default::{Point2D, Rect, Size2D, Transform2D};

fn color(css: &str) -> PaintStyle {
    PaintStyle::Color(parse_canvas_color(css, None).unwrap_or_default())
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "canvas-dump".into());
    let thread = canvas::spawn(Box::new(PngDumpCompositor::new(&dir)), Box::new(NullFrameSink));
    let canvas = CanvasId::next();
    let options = DrawOptions::default();
    let mut c = vec![CanvasCommand::Create { canvas, size: ImageSize::new(400, 300), opaque: false }];
    let gradient = PaintStyle::Gradient(Gradient {
        geometry: GradientGeometry::Linear { x0: 0.0, y0: 0.0, x1: 400.0, y1: 300.0 },
        stops: vec![
            GradientStop { offset: 0.0, color: parse_canvas_color("#fde", None).unwrap_or_default() },
            GradientStop { offset: 1.0, color: parse_canvas_color("hsl(200 60% 80%)", None).unwrap_or_default() },
        ],
    });
    let full = Rect::new(Point2D::zero(), Size2D::new(400.0, 300.0));
    c.push(CanvasCommand::FillRect { canvas, rect: full, style: gradient, options: options.clone() });
    let mut star = Path::new();
    for i in 0..10 {
        let angle = i as f64 * std::f64::consts::PI / 5.0 - std::f64::consts::FRAC_PI_2;
        let r = if i % 2 == 0 { 60.0 } else { 25.0 };
        star.line_to(80.0 + r * angle.cos(), 80.0 + r * angle.sin());
    }
    star.close_path();
    let shadowed = DrawOptions {
        shadow: Shadow {
            offset_x: 6.0,
            offset_y: 6.0,
            blur: 8.0,
            color: parse_canvas_color("rgb(0 0 0 / 50%)", None).unwrap_or_default(),
        },
        ..options.clone()
    };
    c.push(CanvasCommand::FillPath {
        canvas,
        path: star.clone(),
        path_transform: options.transform,
        fill_rule: FillRule::NonZero,
        style: color("gold"),
        options: shadowed.clone(),
    });
    let line = LineOptions { width: 6.0, cap: LineCap::Round, join: LineJoin::Round, ..LineOptions::default() };
    c.push(CanvasCommand::StrokePath {
        canvas,
        path: star,
        path_transform: options.transform,
        style: color("rgb(120 60 0 / 0.8)"),
        line,
        options: options.clone(),
    });
    let mut arcs = Path::new();
    let _ = arcs.arc(220.0, 80.0, 50.0, 0.0, 1.5 * std::f64::consts::PI, false);
    let dashed = LineOptions { width: 8.0, dash: vec![12.0, 6.0], ..LineOptions::default() };
    c.push(CanvasCommand::StrokePath {
        canvas,
        path: arcs,
        path_transform: options.transform,
        style: color("steelblue"),
        line: dashed,
        options: options.clone(),
    });
    let mut rounded = Path::new();
    let _ =
        rounded.round_rect(290.0, 30.0, 90.0, 100.0, &[CornerRadius::uniform(20.0), CornerRadius { x: 40.0, y: 10.0 }]);
    c.push(CanvasCommand::FillPath {
        canvas,
        path: rounded,
        path_transform: options.transform,
        fill_rule: FillRule::NonZero,
        style: color("rgba(200, 0, 80, 0.7)"),
        options: options.clone(),
    });
    // Composite modes: a multiply circle over a rectangle.
    c.push(CanvasCommand::FillRect {
        canvas,
        rect: Rect::new(Point2D::new(30.0, 170.0), Size2D::new(100.0, 100.0)),
        style: color("teal"),
        options: options.clone(),
    });
    let mut circle = Path::new();
    let _ = circle.arc(130.0, 220.0, 45.0, 0.0, std::f64::consts::TAU, false);
    let multiply = DrawOptions { composite: CompositeOperation::Multiply, ..options.clone() };
    c.push(CanvasCommand::FillPath {
        canvas,
        path: circle,
        path_transform: options.transform,
        fill_rule: FillRule::NonZero,
        style: color("orange"),
        options: multiply,
    });
    // A rotated, clipped ellipse.
    let mut clip = Path::new();
    clip.rect(220.0, 170.0, 160.0, 60.0);
    c.push(CanvasCommand::SaveClip { canvas });
    c.push(CanvasCommand::ClipPath {
        canvas,
        path: clip,
        path_transform: options.transform,
        fill_rule: FillRule::NonZero,
    });
    let rotated = DrawOptions {
        transform: Transform2D::rotation(euclid::Angle::degrees(20.0)).then_translate([300.0, 210.0].into()),
        ..options.clone()
    };
    let mut ellipse = Path::new();
    let _ = ellipse.ellipse(0.0, 0.0, 80.0, 40.0, 0.0, 0.0, std::f64::consts::TAU, false);
    c.push(CanvasCommand::FillPath {
        canvas,
        path: ellipse,
        path_transform: rotated.transform,
        fill_rule: FillRule::NonZero,
        style: color("purple"),
        options: rotated,
    });
    c.push(CanvasCommand::RestoreClip { canvas });
    let text_options = TextOptions {
        font: CanvasFont::parse("bold 28px sans-serif", 10.0).unwrap_or_default(),
        align: TextAlign::Center,
        baseline: TextBaseline::Middle,
        ..TextOptions::default()
    };
    c.push(CanvasCommand::FillText {
        canvas,
        text: "Aperture canvas".into(),
        x: 200.0,
        y: 150.0,
        max_width: None,
        text_options,
        style: color("#222"),
        options: shadowed.clone(),
    });
    c.push(CanvasCommand::UpdateImage { canvas, epoch: Epoch(1) });
    let _ = thread.sender().send_batch(CanvasBatch { commands: c });
    thread.exit();
    println!("{dir}/{}", PngDumpCompositor::file_name(canvas, Epoch(1)));
}

//! Text for `fillText()`, `strokeText()` and `measureText()`, drawn with one
//! bundled face, DejaVu Sans (`resources/DejaVuSans.ttf`, Bitstream Vera
//! licence in `resources/DejaVuSans-LICENSE.txt`), whatever the requested
//! family, weight or style.
//!
//! Glyphs are placed one after another by their advance widths: no
//! shaping, kerning, ligatures, font fallback or bidi reordering (FIXME:
//! right-to-left text is only aligned as such, not reordered).
//!
//! <https://html.spec.whatwg.org/multipage/canvas.html#text-preparation-algorithm>

use canvas_traits::text::{TextAlign, TextBaseline, TextDirection, TextMetrics, TextOptions, prepare_text};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, GlyphId, MetadataProvider};
use tiny_skia as sk;

static FONT_DATA: &[u8] = include_bytes!("../resources/DejaVuSans.ttf");

fn font() -> Option<FontRef<'static>> {
    FontRef::new(FONT_DATA).ok()
}

/// Glyphs with their pen positions, and the font's vertical metrics, at one size.
struct Run {
    glyphs: Vec<(GlyphId, f32)>,
    width: f32,
    /// Above the alphabetic baseline, positive.
    ascent: f32,
    /// Below the alphabetic baseline, positive.
    descent: f32,
}

fn layout_run(font: &FontRef<'static>, text: &str, size: f32) -> Run {
    let charmap = font.charmap();
    let advances = font.glyph_metrics(Size::new(size), LocationRef::default());
    let mut glyphs = Vec::with_capacity(text.len());
    let mut x = 0.0;
    for ch in prepare_text(text).chars() {
        // A character the face lacks shows as its .notdef box.
        let glyph = charmap.map(ch).unwrap_or_default();
        glyphs.push((glyph, x));
        x += advances.advance_width(glyph).unwrap_or(0.0);
    }
    let metrics = font.metrics(Size::new(size), LocationRef::default());
    Run { glyphs, width: x, ascent: metrics.ascent, descent: -metrics.descent }
}

/// Where the `textBaseline` line is, above the alphabetic baseline.
fn baseline_height(baseline: TextBaseline, run: &Run) -> f32 {
    match baseline {
        TextBaseline::Top => run.ascent,
        // The face has no BASE table; 80% of the ascent, as engines commonly do.
        TextBaseline::Hanging => run.ascent * 0.8,
        TextBaseline::Middle => (run.ascent - run.descent) / 2.0,
        TextBaseline::Alphabetic => 0.0,
        TextBaseline::Ideographic | TextBaseline::Bottom => -run.descent,
    }
}

/// The horizontal offset of the run's start from the anchor point: `start`
/// and `end` follow the direction, `center` centres the run.
fn align_offset(options: &TextOptions, width: f32) -> f32 {
    let rtl = options.direction == TextDirection::Rtl;
    match options.align {
        TextAlign::Left => 0.0,
        TextAlign::Right => -width,
        TextAlign::Center => -width / 2.0,
        TextAlign::Start if rtl => -width,
        TextAlign::End if !rtl => -width,
        TextAlign::Start | TextAlign::End => 0.0,
    }
}

struct PathPen<'a> {
    builder: &'a mut sk::PathBuilder,
    origin_x: f32,
    origin_y: f32,
    scale_x: f32,
}

impl PathPen<'_> {
    fn map(&self, x: f32, y: f32) -> (f32, f32) {
        // Font units point up; the canvas points down.
        (self.origin_x + x * self.scale_x, self.origin_y - y)
    }
}

impl OutlinePen for PathPen<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.map(x, y);
        self.builder.move_to(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.map(x, y);
        self.builder.line_to(x, y);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        let ((cx, cy), (x, y)) = (self.map(cx0, cy0), self.map(x, y));
        self.builder.quad_to(cx, cy, x, y);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let ((ax, ay), (bx, by), (x, y)) = (self.map(cx0, cy0), self.map(cx1, cy1), self.map(x, y));
        self.builder.cubic_to(ax, ay, bx, by, x, y);
    }

    fn close(&mut self) {
        self.builder.close();
    }
}

/// The glyph outlines of `run`, in user space, with the run's start at
/// `start_x` and its alphabetic baseline at `baseline_y`, squeezed
/// horizontally by `scale_x`.
fn outlines(
    font: &FontRef<'static>,
    run: &Run,
    size: f32,
    start_x: f32,
    baseline_y: f32,
    scale_x: f32,
) -> Option<sk::Path> {
    let glyphs = font.outline_glyphs();
    let settings = || DrawSettings::unhinted(Size::new(size), LocationRef::default());
    let mut builder = sk::PathBuilder::new();
    for (glyph, pen_x) in &run.glyphs {
        let Some(outline) = glyphs.get(*glyph) else { continue };
        let mut pen =
            PathPen { builder: &mut builder, origin_x: start_x + pen_x * scale_x, origin_y: baseline_y, scale_x };
        if let Err(error) = outline.draw(settings(), &mut pen) {
            log::debug!("glyph {glyph:?} could not be drawn: {error}");
        }
    }
    builder.finish()
}

/// The text as a user-space path for `fillText()`/`strokeText()`, or
/// `None` when nothing is to be drawn.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-filltext>:
/// 1. If any of x, y or maxWidth is infinite or NaN, return.
/// 2. Run the text preparation algorithm: the anchor point is (x, y), the
///    run is placed by `textAlign` and `textBaseline`, and if `maxWidth` is
///    given and the run is wider, it is condensed horizontally to fit.
pub(crate) fn text_path(text: &str, x: f64, y: f64, max_width: Option<f64>, options: &TextOptions) -> Option<sk::Path> {
    if !x.is_finite() || !y.is_finite() || max_width.is_some_and(|w| !w.is_finite() || w <= 0.0) {
        return None;
    }
    let font = font()?;
    let size = options.font.size_px as f32;
    let run = layout_run(&font, text, size);
    let scale_x = match max_width {
        Some(max) if (run.width as f64) > max => (max / run.width as f64) as f32,
        _ => 1.0,
    };
    let start_x = x as f32 + align_offset(options, run.width * scale_x);
    let baseline_y = y as f32 + baseline_height(options.baseline, &run);
    outlines(&font, &run, size, start_x, baseline_y, scale_x)
}

/// `measureText()`: <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-measuretext>.
/// Horizontal distances are from the alignment point; vertical ones from
/// the `textBaseline` line, ascents positive upwards, descents downwards.
pub(crate) fn measure(text: &str, options: &TextOptions) -> TextMetrics {
    let Some(font) = font() else {
        return TextMetrics::default();
    };
    let size = options.font.size_px as f32;
    let run = layout_run(&font, text, size);
    let shift = baseline_height(options.baseline, &run) as f64;
    let start = align_offset(options, run.width);
    let ink = outlines(&font, &run, size, start, 0.0, 1.0).map(|path| path.bounds());
    let (ascent, descent) = (run.ascent as f64, run.descent as f64);
    let em_ascent = size as f64 * ascent / (ascent + descent).max(f64::MIN_POSITIVE);
    let em_descent = size as f64 - em_ascent;
    let mut metrics = TextMetrics {
        width: run.width as f64,
        font_bounding_box_ascent: ascent - shift,
        font_bounding_box_descent: descent + shift,
        em_height_ascent: em_ascent - shift,
        em_height_descent: em_descent + shift,
        hanging_baseline: ascent * 0.8 - shift,
        alphabetic_baseline: -shift,
        ideographic_baseline: -descent - shift,
        ..TextMetrics::default()
    };
    if let Some(ink) = ink {
        metrics.actual_bounding_box_left = -ink.left() as f64;
        metrics.actual_bounding_box_right = ink.right() as f64;
        metrics.actual_bounding_box_ascent = -ink.top() as f64 - shift;
        metrics.actual_bounding_box_descent = ink.bottom() as f64 + shift;
    }
    metrics
}

//! Text for `fillText()`, `strokeText()` and `measureText()`, drawn with the faces
//! `fonts::FontRegistry::select` picks for the `font` (web fonts of the canvas's
//! `FontFaceSet`, system fonts, the bundled DejaVu Sans: `resources/DejaVuSans.ttf`,
//! Bitstream Vera licence in `resources/DejaVuSans-LICENSE.txt`).
//!
//! The text is put in visual order by the Unicode bidirectional algorithm, each character
//! takes the first face of the list that has it, and each run of one face is shaped by
//! HarfRust (see `layout_run`); then `letterSpacing` follows every character and
//! `wordSpacing` every space. Small caps (`fontVariantCaps`, `font: small-caps …`) are synthesized: the
//! lowercase letters drawn as capitals at 70% of the size; an italic or oblique style asked
//! of an upright face is synthesized by slanting it 14°.
//!
//! <https://html.spec.whatwg.org/multipage/canvas.html#text-preparation-algorithm>

use canvas_traits::text::{
    FontKerning, FontVariantCaps, TextAlign, TextBaseline, TextDirection, TextMetrics, TextOptions, TextRendering,
    prepare_text,
};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider};
use tiny_skia as sk;

use crate::fonts::{Face, FontRegistry};

/// The size ratio of synthesized small capitals.
const SMALL_CAPS_SCALE: f32 = 0.7;

/// tan(14°): the slant of a synthesized oblique.
const SYNTHETIC_SLANT: f32 = 0.249;

/// The faces of one text call, parsed.
struct Faces<'a> {
    faces: &'a [Face],
    fonts: Vec<FontRef<'a>>,
    /// For each entry of `fonts`, its index in `faces`.
    origin: Vec<usize>,
}

impl<'a> Faces<'a> {
    fn new(faces: &'a [Face]) -> Faces<'a> {
        let mut fonts = Vec::new();
        let mut origin = Vec::new();
        for (i, face) in faces.iter().enumerate() {
            match face.font_ref() {
                Some(font) => {
                    fonts.push(font);
                    origin.push(i);
                }
                None => log::debug!("a selected face does not parse; skipped"),
            }
        }
        Faces { faces, fonts, origin }
    }

    fn face(&self, font: usize) -> &Face {
        &self.faces[self.origin[font]]
    }

    fn shaper_data(&self, font: usize) -> &harfrust::ShaperData {
        self.face(font).shaper_data(&self.fonts[font])
    }

    fn slanted(&self, font: usize) -> bool {
        self.faces[self.origin[font]].synthetic_oblique
    }
}

/// One glyph: which font of the list, its id, its pen position and its size.
struct Placed {
    font: usize,
    glyph: GlyphId,
    x: f32,
    /// Above the baseline (a mark's GPOS offset).
    y: f32,
    size: f32,
}

/// Glyphs with their pen positions, and the first font's vertical metrics, at one size.
struct Run {
    glyphs: Vec<Placed>,
    width: f32,
    /// Above the alphabetic baseline, positive.
    ascent: f32,
    /// Below the alphabetic baseline, positive.
    descent: f32,
    /// The hanging baseline, above the alphabetic one.
    hanging: f32,
    /// The ideographic baseline, above the alphabetic one (negative: below).
    ideographic: f32,
}

/// The `hang` and `ideo` baselines of the font's BASE table (horizontal axis, the `DFLT`,
/// `latn` or first script), in font units above the alphabetic baseline.
fn base_table_baselines(font: &FontRef<'_>) -> (Option<i16>, Option<i16>) {
    let lookup = || -> Option<(Option<i16>, Option<i16>)> {
        let axis = font.base().ok()?.horiz_axis()?.ok()?;
        let tags = axis.base_tag_list()?.ok()?.baseline_tags().to_vec();
        let scripts = axis.base_script_list().ok()?;
        let records = scripts.base_script_records();
        let record = records
            .iter()
            .find(|r| r.base_script_tag() == skrifa::Tag::new(b"DFLT"))
            .or_else(|| records.iter().find(|r| r.base_script_tag() == skrifa::Tag::new(b"latn")))
            .or_else(|| records.first())?;
        let values = record.base_script(scripts.offset_data()).ok()?.base_values()?.ok()?;
        let coords = values.base_coords();
        let coordinate = |tag: &[u8; 4]| {
            let index = tags.iter().position(|t| t.get() == skrifa::Tag::new(tag))?;
            coords.get(index).ok().map(|c| c.coordinate())
        };
        Some((coordinate(b"hang"), coordinate(b"ideo")))
    };
    lookup().unwrap_or((None, None))
}

/// The character to draw for `ch` and its size ratio under `caps`
/// (<https://drafts.csswg.org/css-fonts/#font-variant-caps-prop>, synthesized: "the user
/// agent may simulate small capital glyphs … by scaling uppercase glyphs").
fn caps_form(ch: char, caps: FontVariantCaps) -> (char, f32) {
    let upper = || ch.to_uppercase().next().unwrap_or(ch);
    match caps {
        FontVariantCaps::SmallCaps | FontVariantCaps::PetiteCaps if ch.is_lowercase() => (upper(), SMALL_CAPS_SCALE),
        FontVariantCaps::AllSmallCaps | FontVariantCaps::AllPetiteCaps if ch.is_alphabetic() => {
            (upper(), SMALL_CAPS_SCALE)
        }
        // Unicase: capitals as small capitals, lowercase letters unchanged.
        FontVariantCaps::Unicase if ch.is_uppercase() => (ch, SMALL_CAPS_SCALE),
        _ => (ch, 1.0),
    }
}

/// One character of the prepared text: what is drawn for it, at which size ratio, with
/// which face (`None`: no face has it, see `layout_run`).
#[derive(Clone, Copy)]
struct Item {
    ch: char,
    drawn: char,
    scale: f32,
    font: Option<usize>,
}

/// The OpenType features of a text call: `fontKerning` "none" turns kerning off; a
/// non-zero `letterSpacing` turns the common ligatures off ("When the effective spacing
/// between two characters is not zero … user agents should not apply optional ligatures",
/// <https://drafts.csswg.org/css-text/#letter-spacing-property>), and so does
/// `textRendering` "optimizeSpeed" (as in Chromium, which keeps kerning there).
fn shaping_features(options: &TextOptions) -> (Vec<harfrust::Feature>, (bool, bool)) {
    let mut features = Vec::new();
    let off = |tag: &[u8; 4]| harfrust::Feature::new(harfrust::Tag::new(tag), 0, ..);
    let no_kerning = options.kerning == FontKerning::None;
    let no_ligatures = options.letter_spacing != 0.0 || options.rendering == TextRendering::OptimizeSpeed;
    if no_kerning {
        features.push(off(b"kern"));
    }
    if no_ligatures {
        features.extend([off(b"liga"), off(b"clig")]);
    }
    (features, (no_kerning, no_ligatures))
}

/// Lays the text out: characters are put in visual order by the Unicode bidirectional
/// algorithm (paragraph direction from `direction`), each character takes the first face of
/// the list that has it, and each stretch of one face, one size and one direction is shaped
/// by HarfRust (OpenType GSUB/GPOS, or the legacy `kern` table): ligatures, kerning, marks,
/// and the contextual forms of scripts such as Arabic or Devanagari. As Chromium does, words
/// are shaped apart from the spaces between them (no kerning across a space). Then
/// `letterSpacing` follows every character and `wordSpacing` every space.
fn layout_run(faces: &Faces<'_>, text: &str, size: f32, options: &TextOptions) -> Run {
    let charmaps: Vec<_> = faces.fonts.iter().map(|f| f.charmap()).collect();
    let letter_spacing = options.letter_spacing as f32;
    // `lang` picks the font's OpenType language system (a tag HarfRust cannot read is ignored).
    let language: Option<harfrust::Language> = options.language.as_deref().and_then(|l| l.parse().ok());
    let word_spacing = options.word_spacing as f32;
    let prepared = prepare_text(text);
    let upem = |font: usize| faces.fonts[font].head().map(|h| h.units_per_em()).unwrap_or(1000).max(1);
    // In font units, scaled in f64: a 1000-unit advance at 50px is 50, not 49.99988.
    let scaled = |units: i32, font: usize, glyph_size: f32| {
        (f64::from(units) * f64::from(glyph_size) / f64::from(upem(font))) as f32
    };
    let items: Vec<Item> = prepared
        .chars()
        .map(|ch| {
            let (drawn, scale) = caps_form(ch, options.variant_caps);
            let font = charmaps.iter().position(|map| map.map(drawn).is_some());
            Item { ch, drawn, scale, font }
        })
        .collect();
    let (features, features_off) = shaping_features(options);
    let mut glyphs = Vec::with_capacity(items.len());
    let mut x = 0.0;
    let base_level = match options.direction {
        TextDirection::Rtl => unicode_bidi::Level::rtl(),
        _ => unicode_bidi::Level::ltr(),
    };
    let bidi = unicode_bidi::BidiInfo::new(&prepared, Some(base_level));
    // The char index of each byte offset at which a char starts.
    // The byte offset of each char, in order: a run's byte range to item indices.
    let starts: Vec<usize> = prepared.char_indices().map(|(byte, _)| byte).collect();
    let char_at = |byte: usize| starts.binary_search(&byte).unwrap_or_else(|i| i);
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            let (first, last) = (char_at(run.start), char_at(run.end));
            // Segments of one face, size and kind (a space alone), in logical order.
            let mut segments: Vec<std::ops::Range<usize>> = Vec::new();
            for i in first..last {
                let joins = i > first && {
                    let (previous, item) = (&items[i - 1], &items[i]);
                    previous.font == item.font
                        && previous.scale == item.scale
                        && previous.ch != ' '
                        && item.ch != ' '
                        && item.font.is_some()
                };
                match segments.last_mut() {
                    Some(segment) if joins => segment.end = i + 1,
                    _ => segments.push(i..i + 1),
                }
            }
            if rtl {
                segments.reverse();
            }
            for segment in segments {
                let head = items[segment.start];
                let glyph_size = size * head.scale;
                let Some(font) = head.font else {
                    // No face has the character (one per segment). U+0000 takes no space and
                    // shows nothing (as in browsers); white space is blank (an ideographic
                    // space one em, others a space); anything else is the first face's
                    // .notdef box.
                    let advance_of = |glyph: GlyphId| {
                        faces.fonts.first().map_or(0.0, |f| {
                            let units = f
                                .glyph_metrics(Size::unscaled(), LocationRef::default())
                                .advance_width(glyph)
                                .unwrap_or(0.0);
                            (f64::from(units) * f64::from(glyph_size) / f64::from(upem(0))) as f32
                        })
                    };
                    let advance = match head.ch {
                        '\0' => 0.0,
                        '\u{3000}' => glyph_size,
                        ch if ch.is_whitespace() => {
                            charmaps.first().and_then(|map| map.map(' ')).map_or(glyph_size / 4.0, advance_of)
                        }
                        _ => {
                            if !faces.fonts.is_empty() {
                                glyphs.push(Placed { font: 0, glyph: GlyphId::NOTDEF, x, y: 0.0, size: glyph_size });
                            }
                            advance_of(GlyphId::NOTDEF)
                        }
                    };
                    x += advance;
                    if head.ch != '\0' {
                        x += letter_spacing;
                    }
                    if head.ch == ' ' {
                        x += word_spacing;
                    }
                    continue;
                };
                let mut buffer = harfrust::UnicodeBuffer::new();
                for (offset, item) in items[segment.clone()].iter().enumerate() {
                    buffer.add(item.drawn, offset as u32);
                }
                buffer.set_direction(if rtl {
                    harfrust::Direction::RightToLeft
                } else {
                    harfrust::Direction::LeftToRight
                });
                if let Some(language) = &language {
                    buffer.set_language(language.clone());
                }
                buffer.guess_segment_properties();
                let shaper = faces.shaper_data(font).shaper(&faces.fonts[font]).build();
                let (direction, script) = (buffer.direction(), buffer.script());
                let key = (direction, script, language.clone(), features_off.0, features_off.1);
                let plan = faces.face(font).shape_plan(key, || {
                    harfrust::ShapePlan::new(&shaper, direction, Some(script), language.as_ref(), &features)
                });
                let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new().plan(Some(&plan)).features(&features));
                let infos = shaped.glyph_infos();
                let positions = shaped.glyph_positions();
                for (index, (info, position)) in infos.iter().zip(positions).enumerate() {
                    let source = items[segment.start + info.cluster as usize];
                    if source.ch != '\0' {
                        glyphs.push(Placed {
                            font,
                            glyph: GlyphId::new(info.glyph_id),
                            x: x + scaled(position.x_offset, font, glyph_size),
                            y: scaled(position.y_offset, font, glyph_size),
                            size: glyph_size,
                        });
                        x += scaled(position.x_advance, font, glyph_size);
                    }
                    // Spacing after the last glyph of each character (cluster) in visual order.
                    let cluster_ends = infos.get(index + 1).is_none_or(|next| next.cluster != info.cluster);
                    if cluster_ends && source.ch != '\0' {
                        x += letter_spacing;
                        if source.ch == ' ' {
                            x += word_spacing;
                        }
                    }
                }
            }
        }
    }
    let (ascent, descent) = faces.fonts.first().map_or((size * 0.8, size * 0.2), |f| {
        let metrics = f.metrics(Size::new(size), LocationRef::default());
        (metrics.ascent, -metrics.descent)
    });
    // The BASE table's baselines if the font has them; else the hanging baseline at 80% of
    // the ascent (as engines commonly do) and the ideographic one at the descent.
    let (hang, ideo) = faces.fonts.first().map_or((None, None), base_table_baselines);
    let upem = faces.fonts.first().and_then(|f| f.head().ok()).map_or(1000, |h| h.units_per_em()).max(1);
    let scale = |units: i16| f32::from(units) * size / f32::from(upem);
    let hanging = hang.map_or(ascent * 0.8, scale);
    let ideographic = ideo.map_or(-descent, scale);
    Run { glyphs, width: x, ascent, descent, hanging, ideographic }
}

/// Where the `textBaseline` line is, above the alphabetic baseline.
fn baseline_height(baseline: TextBaseline, run: &Run) -> f32 {
    match baseline {
        TextBaseline::Top => run.ascent,
        TextBaseline::Hanging => run.hanging,
        TextBaseline::Middle => (run.ascent - run.descent) / 2.0,
        TextBaseline::Alphabetic => 0.0,
        TextBaseline::Ideographic => run.ideographic,
        TextBaseline::Bottom => -run.descent,
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
    slant: f32,
}

impl PathPen<'_> {
    fn map(&self, x: f32, y: f32) -> (f32, f32) {
        // Font units point up; the canvas points down. A synthesized oblique leans right.
        (self.origin_x + (x + y * self.slant) * self.scale_x, self.origin_y - y)
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
fn outlines(faces: &Faces<'_>, run: &Run, start_x: f32, baseline_y: f32, scale_x: f32) -> Option<sk::Path> {
    let glyph_sets: Vec<_> = faces.fonts.iter().map(|f| f.outline_glyphs()).collect();
    let mut builder = sk::PathBuilder::new();
    for placed in &run.glyphs {
        let Some(outline) = glyph_sets.get(placed.font).and_then(|g| g.get(placed.glyph)) else { continue };
        let settings = DrawSettings::unhinted(Size::new(placed.size), LocationRef::default());
        let mut pen = PathPen {
            builder: &mut builder,
            origin_x: start_x + placed.x * scale_x,
            origin_y: baseline_y - placed.y,
            scale_x,
            slant: if faces.slanted(placed.font) { SYNTHETIC_SLANT } else { 0.0 },
        };
        if let Err(error) = outline.draw(settings, &mut pen) {
            log::debug!("glyph {:?} could not be drawn: {error}", placed.glyph);
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
pub(crate) fn text_path(
    fonts: &mut FontRegistry,
    text: &str,
    x: f64,
    y: f64,
    max_width: Option<f64>,
    options: &TextOptions,
) -> Option<sk::Path> {
    if !x.is_finite() || !y.is_finite() || max_width.is_some_and(|w| !w.is_finite() || w <= 0.0) {
        return None;
    }
    let selected = fonts.select(options);
    let faces = Faces::new(&selected);
    let size = options.font.size_px as f32;
    let run = layout_run(&faces, text, size, options);
    let scale_x = match max_width {
        Some(max) if (run.width as f64) > max => (max / run.width as f64) as f32,
        _ => 1.0,
    };
    let start_x = x as f32 + align_offset(options, run.width * scale_x);
    let baseline_y = y as f32 + baseline_height(options.baseline, &run);
    outlines(&faces, &run, start_x, baseline_y, scale_x)
}

/// The advance widths of `runs` (layout's text): like `measure(…).width`, without the ink
/// outlines, with the faces selected once for each stretch of runs in the same font.
pub(crate) fn advance_widths(fonts: &mut FontRegistry, runs: &[(String, TextOptions)]) -> Vec<f64> {
    let mut widths = Vec::with_capacity(runs.len());
    let mut selected: Option<(&TextOptions, Vec<Face>)> = None;
    for (text, options) in runs {
        if selected.as_ref().is_some_and(|(o, _)| *o != options) {
            selected = None;
        }
        let (_, chosen) = selected.get_or_insert_with(|| (options, fonts.select(options)));
        let faces = Faces::new(chosen);
        let width = if faces.fonts.is_empty() {
            0.0
        } else {
            f64::from(layout_run(&faces, text, options.font.size_px as f32, options).width)
        };
        widths.push(width);
    }
    widths
}

/// `measureText()`: <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-measuretext>.
/// Horizontal distances are from the alignment point; vertical ones from
/// the `textBaseline` line, ascents positive upwards, descents downwards.
pub(crate) fn measure(fonts: &mut FontRegistry, text: &str, options: &TextOptions) -> TextMetrics {
    let selected = fonts.select(options);
    let faces = Faces::new(&selected);
    if faces.fonts.is_empty() {
        return TextMetrics::default();
    }
    let size = options.font.size_px as f32;
    let run = layout_run(&faces, text, size, options);
    let shift = baseline_height(options.baseline, &run) as f64;
    let start = align_offset(options, run.width);
    let ink = outlines(&faces, &run, start, 0.0, 1.0).map(|path| path.bounds());
    let (ascent, descent) = (run.ascent as f64, run.descent as f64);
    let em_ascent = size as f64 * ascent / (ascent + descent).max(f64::MIN_POSITIVE);
    let em_descent = size as f64 - em_ascent;
    let mut metrics = TextMetrics {
        width: run.width as f64,
        font_bounding_box_ascent: ascent - shift,
        font_bounding_box_descent: descent + shift,
        em_height_ascent: em_ascent - shift,
        em_height_descent: em_descent + shift,
        hanging_baseline: run.hanging as f64 - shift,
        alphabetic_baseline: -shift,
        ideographic_baseline: run.ideographic as f64 - shift,
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

#[cfg(test)]
mod tests {
    use canvas_traits::text::CanvasFont;

    use super::*;

    fn options(font: &str) -> TextOptions {
        TextOptions { font: CanvasFont::parse(font, 10.0).unwrap(), ..TextOptions::default() }
    }

    fn width(text: &str, options: &TextOptions) -> f64 {
        measure(&mut FontRegistry::default(), text, options).width
    }

    #[test]
    fn spacing_is_added_per_character_and_per_space() {
        let plain = options("20px sans-serif");
        let base = width("ab c", &plain);
        let spaced = TextOptions { letter_spacing: 3.0, word_spacing: 5.0, ..plain.clone() };
        assert!((width("ab c", &spaced) - (base + 4.0 * 3.0 + 5.0)).abs() < 1e-3);
    }

    #[test]
    fn kerning_follows_font_kerning() {
        // DejaVu Sans's kern table pulls "A" and "V" together.
        let kerned = options("20px sans-serif");
        let unkerned = TextOptions { kerning: FontKerning::None, ..kerned.clone() };
        assert!(width("AVAV", &kerned) < width("AVAV", &unkerned));
        assert_eq!(width("A", &kerned), width("A", &unkerned));
    }

    #[test]
    fn small_caps_are_narrower_capitals() {
        let normal = options("20px sans-serif");
        let caps = TextOptions { variant_caps: FontVariantCaps::SmallCaps, ..normal.clone() };
        let all = TextOptions { variant_caps: FontVariantCaps::AllSmallCaps, ..normal.clone() };
        assert!((width("x", &caps) - width("X", &normal) * f64::from(SMALL_CAPS_SCALE)).abs() < 1e-3);
        assert_eq!(width("X", &caps), width("X", &normal));
        assert!((width("X", &all) - width("X", &normal) * f64::from(SMALL_CAPS_SCALE)).abs() < 1e-3);
    }

    #[test]
    fn nul_is_empty_and_missing_white_space_is_blank() {
        let plain = options("20px sans-serif");
        assert_eq!(width("\0", &plain), 0.0);
        // U+3000 is not in DejaVu Sans: an em, not a .notdef box.
        assert_eq!(width("\u{3000}", &plain), 20.0);
        assert_eq!(text_path(&mut FontRegistry::default(), "\u{3000}", 0.0, 0.0, None, &plain), None);
    }
}

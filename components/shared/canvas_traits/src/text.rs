//! Text styles of the 2D context: the `font` shorthand, `textAlign`,
//! `textBaseline`, `direction`, and the `TextMetrics` the canvas thread
//! returns.
//!
//! <https://html.spec.whatwg.org/multipage/canvas.html#text-styles>

use std::fmt::Write;

use cssparser::{Parser, Token, match_ignore_ascii_case};

/// `font-style` of a canvas font.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum FontStyle {
    /// `normal`.
    #[default]
    Normal,
    /// `italic`.
    Italic,
    /// `oblique`.
    Oblique,
}

/// A parsed `font` value.
#[derive(Clone, Debug, PartialEq)]
pub struct CanvasFont {
    /// `font-style`.
    pub style: FontStyle,
    /// `font-variant: small-caps`.
    pub small_caps: bool,
    /// `font-weight`, 1–1000 (400 is normal, 700 bold).
    pub weight: u16,
    /// `font-stretch` keyword, if not `normal`.
    pub stretch: Option<&'static str>,
    /// Computed size in CSS pixels.
    pub size_px: f64,
    /// The family list, serialized (`"Open Sans", serif`).
    pub families: String,
}

impl Default for CanvasFont {
    /// `10px sans-serif`, the initial value.
    fn default() -> CanvasFont {
        CanvasFont {
            style: FontStyle::Normal,
            small_caps: false,
            weight: 400,
            stretch: None,
            size_px: 10.0,
            families: "sans-serif".into(),
        }
    }
}

/// The `<font-stretch-css3>` keywords (the `font` shorthand's).
pub const STRETCH: [&str; 8] = [
    "ultra-condensed",
    "extra-condensed",
    "condensed",
    "semi-condensed",
    "semi-expanded",
    "expanded",
    "extra-expanded",
    "ultra-expanded",
];

/// Absolute-size keywords, as multiples of `medium` (16px).
const SIZE_KEYWORDS: [(&str, f64); 8] = [
    ("xx-small", 9.0),
    ("x-small", 10.0),
    ("small", 13.0),
    ("medium", 16.0),
    ("large", 18.0),
    ("x-large", 24.0),
    ("xx-large", 32.0),
    ("xxx-large", 48.0),
];

impl CanvasFont {
    /// Parses a value given to the `font` setter.
    ///
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-font>:
    /// the value is parsed as a CSS `font` shorthand (line-height is
    /// accepted and ignored, being forced to `normal`); relative sizes (`em`,
    /// `%`, `larger`…) are relative to `parent_size_px`, the canvas
    /// element's computed font size (10px without an element). A value
    /// that does not parse, including CSS-wide keywords like `inherit`,
    /// returns `None` and the setter ignores it. System fonts (`caption`,
    /// `menu`…) are not supported and are ignored too.
    pub fn parse(value: &str, parent_size_px: f64) -> Option<CanvasFont> {
        let mut parser = Parser::new(value);
        parser.parse_entirely(|input| parse_font(input, parent_size_px)).ok()
    }

    /// The getter's serialization: the shorthand with `normal` parts and
    /// line-height left out, the size in px (`bold 12px serif`).
    pub fn serialize(&self) -> String {
        let mut out = String::new();
        match self.style {
            FontStyle::Normal => {}
            FontStyle::Italic => out.push_str("italic "),
            FontStyle::Oblique => out.push_str("oblique "),
        }
        if self.small_caps {
            out.push_str("small-caps ");
        }
        match self.weight {
            400 => {}
            700 => out.push_str("bold "),
            weight => {
                let _ = write!(out, "{weight} ");
            }
        }
        if let Some(stretch) = self.stretch {
            let _ = write!(out, "{stretch} ");
        }
        let _ = write!(out, "{}px {}", css_number(self.size_px), self.families);
        out
    }
}

/// A size as CSS serializes it: at most six significant digits, no exponent, no trailing
/// zeros (`0.5`, `12.1`, `11`), so a size computed in floating point (`1.1em` of 10px) does not
/// show its rounding noise and the string reads back as the same value.
fn css_number(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".into();
    }
    // Six significant digits, then written out without the exponent.
    let scientific = format!("{:.5e}", v.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let point = exponent.parse::<i32>().unwrap_or(0) + 1;
    let mut out = String::from(if v < 0.0 { "-" } else { "" });
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(&digits);
    } else if point as usize >= digits.len() {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    } else {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    }
    if out.contains('.') { out.trim_end_matches('0').trim_end_matches('.').to_string() } else { out }
}

/// A number cssparser read as `f32`, widened to the `f64` of its shortest decimal form
/// (`12.1` stays 12.1, not 12.100000381469727).
fn widen(v: f32) -> f64 {
    v.to_string().parse().unwrap_or(f64::from(v))
}

type FontResult<T> = Result<T, cssparser::ParseError<()>>;

fn invalid() -> cssparser::ParseError<()> {
    cssparser::ParseError::custom(())
}

fn parse_font(input: &mut Parser<'_>, parent: f64) -> FontResult<CanvasFont> {
    let mut font = CanvasFont { families: String::new(), ..CanvasFont::default() };
    // [ <font-style> || <font-variant-css2> || <font-weight> || <font-stretch-css3> ]?
    let size = loop {
        let token = input.next()?.clone();
        match token {
            Token::Ident(ref ident) => {
                let lower = ident.to_ascii_lowercase();
                match lower.as_str() {
                    "normal" => {}
                    "italic" => font.style = FontStyle::Italic,
                    "oblique" => font.style = FontStyle::Oblique,
                    "small-caps" => font.small_caps = true,
                    "bold" => font.weight = 700,
                    "bolder" => font.weight = if font.weight < 600 { 700 } else { 900 },
                    "lighter" => font.weight = if font.weight < 600 { 100 } else { 400 },
                    other => {
                        if let Some(stretch) = STRETCH.iter().find(|s| **s == other) {
                            font.stretch = Some(stretch);
                        } else if let Some(size) = keyword_size(other, parent) {
                            break size;
                        } else {
                            return Err(invalid());
                        }
                    }
                }
            }
            Token::Number { int_value: Some(weight), .. } if (1..=1000).contains(&weight) => {
                font.weight = weight as u16
            }
            Token::Dimension { value, ref unit, .. } => {
                break length_px(widen(value), unit, parent).ok_or_else(invalid)?;
            }
            Token::Percentage { unit_value, .. } => break widen(unit_value) * parent,
            _ => return Err(invalid()),
        }
    };
    // A size CSS cannot hold (its numbers are f32, as in every engine) would not read back.
    if !(size.is_finite() && (0.0..=f64::from(f32::MAX)).contains(&size)) {
        return Err(invalid());
    }
    font.size_px = size;
    // [ / <line-height> ]?, ignored.
    if input.try_parse(|i| i.expect_delim('/')).is_ok() {
        match *input.next()? {
            Token::Number { .. } | Token::Percentage { .. } | Token::Dimension { .. } => {}
            Token::Ident(ref ident) if ident.eq_ignore_ascii_case("normal") => {}
            _ => return Err(invalid()),
        }
    }
    // <font-family>#: quoted names or runs of identifiers.
    let families = input.parse_comma_separated(|input| {
        if let Ok(name) = input.try_parse(|i| i.expect_string_cloned()) {
            // Serialized as a CSS string (quotes, backslashes and control characters escaped).
            let mut quoted = String::new();
            let _ = cssparser::serialize_string(&name, &mut quoted);
            return Ok(quoted);
        }
        let mut words = vec![input.expect_ident_cloned()?.to_string()];
        while let Ok(word) = input.try_parse(|i| i.expect_ident_cloned()) {
            words.push(word.to_string());
        }
        let css_wide = ["inherit", "initial", "unset", "revert", "revert-layer", "default"];
        if words.len() == 1 && css_wide.iter().any(|k| words[0].eq_ignore_ascii_case(k)) {
            return Err(invalid());
        }
        // A generic family is a keyword, so it serializes in lowercase (`20PX SERIF` reads
        // back as `20px serif`); family names keep their case.
        if let [word] = words.as_slice()
            && let Some(generic) = GENERIC.iter().find(|g| word.eq_ignore_ascii_case(g))
        {
            return Ok((*generic).to_owned());
        }
        // Each word serialized as a CSS identifier, so an escaped character (`syst\\em`) reads
        // back as the same name.
        let mut name = String::new();
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                name.push(' ');
            }
            let _ = cssparser::serialize_identifier(word, &mut name);
        }
        Ok(name)
    })?;
    font.families = families.join(", ");
    Ok(font)
}

fn keyword_size(keyword: &str, parent: f64) -> Option<f64> {
    match keyword {
        "larger" => Some(parent * 1.2),
        "smaller" => Some(parent / 1.2),
        _ => SIZE_KEYWORDS.iter().find(|(k, _)| *k == keyword).map(|(_, px)| *px),
    }
}

fn length_px(value: f64, unit: &str, parent: f64) -> Option<f64> {
    Some(match_ignore_ascii_case! { unit,
        "px" => value,
        "pt" => value * 96.0 / 72.0,
        "pc" => value * 16.0,
        "in" => value * 96.0,
        "cm" => value * 96.0 / 2.54,
        "mm" => value * 96.0 / 25.4,
        "q" => value * 96.0 / 101.6,
        "em" => value * parent,
        "rem" => value * 16.0,
        "ex" => value * parent / 2.0,
        "ch" => value * parent / 2.0,
        _ => return None,
    })
}

/// `textAlign`.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum TextAlign {
    /// `"start"`, the default.
    #[default]
    Start,
    /// `"end"`.
    End,
    /// `"left"`.
    Left,
    /// `"right"`.
    Right,
    /// `"center"`.
    Center,
}

/// `textBaseline`.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum TextBaseline {
    /// `"top"`: the top of the em square.
    Top,
    /// `"hanging"`.
    Hanging,
    /// `"middle"`: the middle of the em square.
    Middle,
    /// `"alphabetic"`, the default.
    #[default]
    Alphabetic,
    /// `"ideographic"`.
    Ideographic,
    /// `"bottom"`: the bottom of the em square.
    Bottom,
}

/// `direction`, resolved (script resolves `"inherit"` from the element).
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum TextDirection {
    /// Left to right.
    #[default]
    Ltr,
    /// Right to left.
    Rtl,
}

/// Keyword tables shared by the enum setters and getters: unknown values
/// are ignored by the setters (`parse` returns `None`).
macro_rules! keywords {
    ($ty:ident { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// Parses the setter's keyword (case-sensitive); `None` means ignore.
            pub fn parse(value: &str) -> Option<$ty> {
                match value {
                    $($name => Some($ty::$variant),)*
                    _ => None,
                }
            }

            /// The getter's keyword.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)*
                }
            }
        }
    };
}

keywords!(TextAlign { Start => "start", End => "end", Left => "left", Right => "right", Center => "center" });
keywords!(TextBaseline {
    Top => "top",
    Hanging => "hanging",
    Middle => "middle",
    Alphabetic => "alphabetic",
    Ideographic => "ideographic",
    Bottom => "bottom",
});
keywords!(TextDirection { Ltr => "ltr", Rtl => "rtl" });
keywords!(FontKerning { Auto => "auto", Normal => "normal", None => "none" });
keywords!(FontStretch {
    UltraCondensed => "ultra-condensed",
    ExtraCondensed => "extra-condensed",
    Condensed => "condensed",
    SemiCondensed => "semi-condensed",
    Normal => "normal",
    SemiExpanded => "semi-expanded",
    Expanded => "expanded",
    ExtraExpanded => "extra-expanded",
    UltraExpanded => "ultra-expanded",
});
keywords!(FontVariantCaps {
    Normal => "normal",
    SmallCaps => "small-caps",
    AllSmallCaps => "all-small-caps",
    PetiteCaps => "petite-caps",
    AllPetiteCaps => "all-petite-caps",
    Unicase => "unicase",
    TitlingCaps => "titling-caps",
});
keywords!(TextRendering {
    Auto => "auto",
    OptimizeSpeed => "optimizeSpeed",
    OptimizeLegibility => "optimizeLegibility",
    GeometricPrecision => "geometricPrecision",
});

/// One entry of a `font-family` list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FamilyName {
    /// A family name (quoted, or identifiers joined by one space), as written.
    Named(String),
    /// A generic family keyword (`serif`, `sans-serif`, `monospace`…), lowercase.
    Generic(&'static str),
}

/// <https://drafts.csswg.org/css-fonts/#generic-font-families>
const GENERIC: [&str; 13] = [
    "serif",
    "sans-serif",
    "monospace",
    "cursive",
    "fantasy",
    "system-ui",
    "ui-serif",
    "ui-sans-serif",
    "ui-monospace",
    "ui-rounded",
    "math",
    "emoji",
    "fangsong",
];

impl CanvasFont {
    /// The family list, in order: quoted names and identifier runs are names, a lone
    /// generic keyword (unquoted) is a generic family.
    pub fn family_list(&self) -> Vec<FamilyName> {
        let mut parser = Parser::new(&self.families);
        let list: Result<Vec<FamilyName>, cssparser::ParseError<()>> = parser.parse_comma_separated(|input| {
            if let Ok(name) = input.try_parse(|i| i.expect_string_cloned()) {
                return Ok(FamilyName::Named(name.to_string()));
            }
            let mut words = vec![input.expect_ident_cloned()?.to_string()];
            while let Ok(word) = input.try_parse(|i| i.expect_ident_cloned()) {
                words.push(word.to_string());
            }
            if let [word] = words.as_slice()
                && let Some(generic) = GENERIC.iter().find(|g| word.eq_ignore_ascii_case(g))
            {
                return Ok(FamilyName::Generic(generic));
            }
            Ok(FamilyName::Named(words.join(" ")))
        });
        list.unwrap_or_default()
    }

    /// `font-stretch` as a percentage (`normal` is 100%).
    pub fn stretch_percent(&self) -> f32 {
        self.stretch.and_then(FontStretch::parse).unwrap_or_default().percent()
    }
}

/// A `letterSpacing`/`wordSpacing` value: a CSS `<length>` as written (number and unit),
/// resolved against the font when text is drawn (so `1em` follows later `font` changes).
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-letterspacing>
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SpacingLength {
    /// The number.
    pub value: f64,
    /// The unit, lowercase (`px` for a unitless zero).
    pub unit: &'static str,
}

/// Length units a spacing value may use: absolute ones in px, font-relative ones against the
/// font size (the bundled fallback's proportions: `ex` and `ch` as half an em, `ic` and `cap`
/// as an em and 0.7 em), viewport ones against Aperture's 800×600 viewport.
const SPACING_UNITS: [(&str, f64); 18] = [
    ("px", 1.0),
    ("pt", 96.0 / 72.0),
    ("pc", 16.0),
    ("in", 96.0),
    ("cm", 96.0 / 2.54),
    ("mm", 96.0 / 25.4),
    ("q", 96.0 / 101.6),
    ("em", -1.0),
    ("ex", -0.5),
    ("ch", -0.5),
    ("ic", -1.0),
    ("cap", -0.7),
    ("rem", 16.0),
    ("lh", -1.2),
    ("vw", 8.0),
    ("vh", 6.0),
    ("vmin", 6.0),
    ("vmax", 8.0),
];

impl SpacingLength {
    /// Parses a CSS `<length>` (`3px`, `-0.1em`, `0`); `None` for anything else (`normal`,
    /// `1deg`, `inherit`, NaN), which the setter ignores.
    pub fn parse(value: &str) -> Option<SpacingLength> {
        let mut parser = Parser::new(value);
        parser
            .parse_entirely(|input| {
                let length = match *input.next()? {
                    Token::Dimension { value, ref unit, .. } => {
                        let lower = unit.to_ascii_lowercase();
                        let unit = SPACING_UNITS.iter().find(|(u, _)| *u == lower).ok_or_else(invalid)?.0;
                        SpacingLength { value: widen(value), unit }
                    }
                    Token::Number { value: 0.0, .. } => SpacingLength { value: 0.0, unit: "px" },
                    _ => return Err(invalid()),
                };
                Ok(length)
            })
            .ok()
            .filter(|l| l.value.is_finite())
    }

    /// `0px`, the initial value.
    pub fn zero() -> SpacingLength {
        SpacingLength { value: 0.0, unit: "px" }
    }

    /// The getter's serialization (`3px`, `-0.1em`).
    pub fn serialize(&self) -> String {
        format!("{}{}", css_number(self.value), self.unit)
    }

    /// In CSS pixels, for a font of `font_size_px`.
    pub fn to_px(&self, font_size_px: f64) -> f64 {
        let factor = SPACING_UNITS.iter().find(|(u, _)| *u == self.unit).map_or(1.0, |(_, f)| *f);
        if factor < 0.0 { self.value * -factor * font_size_px } else { self.value * factor }
    }
}

/// `fontKerning`.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum FontKerning {
    /// `"auto"`.
    #[default]
    Auto,
    /// `"normal"`.
    Normal,
    /// `"none"`.
    None,
}

/// `fontStretch` (and the `font` shorthand's stretch keyword).
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum FontStretch {
    /// `"ultra-condensed"`.
    UltraCondensed,
    /// `"extra-condensed"`.
    ExtraCondensed,
    /// `"condensed"`.
    Condensed,
    /// `"semi-condensed"`.
    SemiCondensed,
    /// `"normal"`.
    #[default]
    Normal,
    /// `"semi-expanded"`.
    SemiExpanded,
    /// `"expanded"`.
    Expanded,
    /// `"extra-expanded"`.
    ExtraExpanded,
    /// `"ultra-expanded"`.
    UltraExpanded,
}

impl FontStretch {
    /// The keyword's percentage (<https://drafts.csswg.org/css-fonts/#font-stretch-prop>).
    pub fn percent(self) -> f32 {
        match self {
            FontStretch::UltraCondensed => 50.0,
            FontStretch::ExtraCondensed => 62.5,
            FontStretch::Condensed => 75.0,
            FontStretch::SemiCondensed => 87.5,
            FontStretch::Normal => 100.0,
            FontStretch::SemiExpanded => 112.5,
            FontStretch::Expanded => 125.0,
            FontStretch::ExtraExpanded => 150.0,
            FontStretch::UltraExpanded => 200.0,
        }
    }
}

/// `fontVariantCaps` (and the `font` shorthand's `small-caps`).
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum FontVariantCaps {
    /// `"normal"`.
    #[default]
    Normal,
    /// `"small-caps"`.
    SmallCaps,
    /// `"all-small-caps"`.
    AllSmallCaps,
    /// `"petite-caps"`.
    PetiteCaps,
    /// `"all-petite-caps"`.
    AllPetiteCaps,
    /// `"unicase"`.
    Unicase,
    /// `"titling-caps"`.
    TitlingCaps,
}

/// `textRendering`.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum TextRendering {
    /// `"auto"`.
    #[default]
    Auto,
    /// `"optimizeSpeed"`.
    OptimizeSpeed,
    /// `"optimizeLegibility"`.
    OptimizeLegibility,
    /// `"geometricPrecision"`.
    GeometricPrecision,
}

/// Font-matching descriptors of a face (<https://drafts.csswg.org/css-fonts/#font-matching-algorithm>):
/// ranges are inclusive (`400 700` for a variable face; a single value is a one-point range).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FaceDescriptors {
    /// `font-style`.
    pub style: FontStyle,
    /// `font-weight`, 1–1000.
    pub weight: (f32, f32),
    /// `font-stretch`, percent.
    pub stretch: (f32, f32),
}

impl Default for FaceDescriptors {
    fn default() -> FaceDescriptors {
        FaceDescriptors { style: FontStyle::Normal, weight: (400.0, 400.0), stretch: (100.0, 100.0) }
    }
}

/// A loaded web font (`FontFace`) the text of one command may be drawn with: its bytes are in
/// the canvas thread's font registry under `key`.
#[derive(Clone, Debug, PartialEq)]
pub struct WebFontFace {
    /// The registry entry.
    pub key: base::FontKey,
    /// The `family` descriptor (a name, unquoted).
    pub family: String,
    /// style, weight and stretch.
    pub descriptors: FaceDescriptors,
}

/// The text styles a `fillText()`/`strokeText()`/`measureText()` call uses.
#[derive(Clone, Debug, PartialEq)]
pub struct TextOptions {
    /// `font`.
    pub font: CanvasFont,
    /// `textAlign`.
    pub align: TextAlign,
    /// `textBaseline`.
    pub baseline: TextBaseline,
    /// `direction`, resolved.
    pub direction: TextDirection,
    /// `letterSpacing`, in CSS pixels (resolved against the font).
    pub letter_spacing: f64,
    /// `wordSpacing`, in CSS pixels.
    pub word_spacing: f64,
    /// `fontKerning`.
    pub kerning: FontKerning,
    /// The font's stretch: `fontStretch`, percent.
    pub stretch: f32,
    /// `fontVariantCaps` (small-caps from the `font` shorthand included).
    pub variant_caps: FontVariantCaps,
    /// `textRendering`.
    pub rendering: TextRendering,
    /// `lang`, resolved (a BCP 47 tag; `None` when unknown): it picks the font's OpenType
    /// language system when shaping.
    pub language: Option<String>,
    /// The loaded faces of the canvas's font source (`document.fonts`, a worker's
    /// `self.fonts`) whose family is in the font's family list, in set order.
    pub faces: Vec<WebFontFace>,
}

impl Default for TextOptions {
    fn default() -> TextOptions {
        TextOptions {
            font: CanvasFont::default(),
            align: TextAlign::default(),
            baseline: TextBaseline::default(),
            direction: TextDirection::default(),
            letter_spacing: 0.0,
            word_spacing: 0.0,
            kerning: FontKerning::default(),
            stretch: 100.0,
            variant_caps: FontVariantCaps::default(),
            rendering: TextRendering::default(),
            language: None,
            faces: Vec::new(),
        }
    }
}

/// `TextMetrics`: <https://html.spec.whatwg.org/multipage/canvas.html#textmetrics>.
/// Distances in CSS pixels; vertical ones relative to the `textBaseline`
/// line (positive = above it for ascents, below it for descents).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TextMetrics {
    /// Advance width of the text.
    pub width: f64,
    /// From the alignment point to the left of the ink (positive = left of it).
    pub actual_bounding_box_left: f64,
    /// From the alignment point to the right of the ink.
    pub actual_bounding_box_right: f64,
    /// From the baseline line to the top of the ink.
    pub actual_bounding_box_ascent: f64,
    /// From the baseline line to the bottom of the ink.
    pub actual_bounding_box_descent: f64,
    /// From the baseline line to the font's ascent.
    pub font_bounding_box_ascent: f64,
    /// From the baseline line to the font's descent.
    pub font_bounding_box_descent: f64,
    /// From the baseline line to the top of the em square.
    pub em_height_ascent: f64,
    /// From the baseline line to the bottom of the em square.
    pub em_height_descent: f64,
    /// From the baseline line to the hanging baseline.
    pub hanging_baseline: f64,
    /// From the baseline line to the alphabetic baseline.
    pub alphabetic_baseline: f64,
    /// From the baseline line to the ideographic baseline.
    pub ideographic_baseline: f64,
}

/// The text preparation step that script and the canvas thread share:
/// every ASCII whitespace character becomes a U+0020 SPACE.
/// <https://html.spec.whatwg.org/multipage/canvas.html#text-preparation-algorithm>, step 1.
pub fn prepare_text(text: &str) -> String {
    text.chars().map(|c| if matches!(c, '\t' | '\n' | '\u{c}' | '\r') { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_shorthand() {
        let table: &[(&str, Option<&str>)] = &[
            ("10px sans-serif", Some("10px sans-serif")),
            ("bold 12px serif", Some("bold 12px serif")),
            (
                "italic small-caps 300 condensed 2em/1.5 \"Open Sans\", Arial",
                Some("italic small-caps 300 condensed 20px \"Open Sans\", Arial"),
            ),
            ("12pt Times New Roman", Some("16px Times New Roman")),
            ("150% monospace", Some("15px monospace")),
            ("larger serif", Some("12px serif")),
            ("x-large cursive", Some("24px cursive")),
            ("normal normal 20px/normal a", Some("20px a")),
            ("20px", None),
            ("bold serif", None),
            ("inherit", None),
            ("12px inherit", None),
            ("12furlongs serif", None),
            ("caption", None),
            ("-5px serif", None),
            // Found by the canvas_font fuzz target: f32 noise of the tokenizer and of the
            // multiplication by the parent size reached the getter.
            ("5% system-ui", Some("0.5px system-ui")),
            ("12.1px serif", Some("12.1px serif")),
            ("1.1em serif", Some("11px serif")),
            ("0.333333333px serif", Some("0.333333px serif")),
            ("10px syst\\em-ui", Some("10px syst\\e m-ui")),
            ("10px \"a\\A b\"", Some("10px \"a\\a b\"")),
        ];
        for (input, expected) in table {
            let got = CanvasFont::parse(input, 10.0).map(|font| font.serialize());
            assert_eq!(got.as_deref(), *expected, "parsing {input:?}");
        }
        assert_eq!(CanvasFont::default().serialize(), "10px sans-serif");
    }

    #[test]
    fn family_lists() {
        let font = CanvasFont::parse("10px \"Canvas Test\", Open   Sans, SERIF, 'serif'", 10.0).unwrap();
        assert_eq!(
            font.family_list(),
            vec![
                FamilyName::Named("Canvas Test".into()),
                FamilyName::Named("Open Sans".into()),
                FamilyName::Generic("serif"),
                FamilyName::Named("serif".into()),
            ]
        );
        assert_eq!(CanvasFont::parse("10px condensed a", 10.0).unwrap().stretch_percent(), 100.0);
        assert_eq!(CanvasFont::parse("condensed 10px a", 10.0).unwrap().stretch_percent(), 75.0);
    }

    #[test]
    fn spacing_lengths() {
        let table: &[(&str, Option<&str>)] = &[
            ("3px", Some("3px")),
            ("-1PX", Some("-1px")),
            ("1EX", Some("1ex")),
            ("1ic", Some("1ic")),
            ("-0.1cm", Some("-0.1cm")),
            ("0", Some("0px")),
            ("1", None),
            ("1deg", None),
            ("1min", None),
            ("normal", None),
            ("inherit", None),
            ("NaN", None),
            ("Infinity", None),
        ];
        for (input, expected) in table {
            assert_eq!(SpacingLength::parse(input).map(|l| l.serialize()).as_deref(), *expected, "{input:?}");
        }
        assert_eq!(SpacingLength::parse("1em").unwrap().to_px(20.0), 20.0);
        assert_eq!(SpacingLength::parse("1in").unwrap().to_px(20.0), 96.0);
        assert_eq!(SpacingLength::zero().serialize(), "0px");
    }

    #[test]
    fn keywords_and_preparation() {
        assert_eq!(TextAlign::parse("center"), Some(TextAlign::Center));
        assert_eq!(TextAlign::parse("CENTER"), None);
        assert_eq!(TextBaseline::parse("hanging").map(TextBaseline::as_str), Some("hanging"));
        assert_eq!(TextDirection::parse("inherit"), None);
        assert_eq!(prepare_text("a\tb\nc"), "a b c");
    }
}

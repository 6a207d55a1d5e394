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

const STRETCH: [&str; 8] = [
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
        // <https://drafts.csswg.org/css-fonts/#generic-font-families>
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

/// The text styles a `fillText()`/`strokeText()`/`measureText()` call uses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextOptions {
    /// `font`.
    pub font: CanvasFont,
    /// `textAlign`.
    pub align: TextAlign,
    /// `textBaseline`.
    pub baseline: TextBaseline,
    /// `direction`, resolved.
    pub direction: TextDirection,
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
    fn keywords_and_preparation() {
        assert_eq!(TextAlign::parse("center"), Some(TextAlign::Center));
        assert_eq!(TextAlign::parse("CENTER"), None);
        assert_eq!(TextBaseline::parse("hanging").map(TextBaseline::as_str), Some("hanging"));
        assert_eq!(TextDirection::parse("inherit"), None);
        assert_eq!(prepare_text("a\tb\nc"), "a b c");
    }
}

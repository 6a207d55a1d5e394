//! The 2D context's `filter` (<https://html.spec.whatwg.org/multipage/canvas.html#filters>):
//! parsing a CSS `<filter-value-list>` (Filter Effects Module Level 1,
//! <https://drafts.fxtf.org/filter-effects/#typedef-filter-value-list>) into plain data the
//! canvas thread applies, and the colour matrices of the shorthand filter functions
//! (<https://drafts.fxtf.org/filter-effects/#ShorthandEquivalents>).
//!
//! Not supported: `url()` references to SVG `<filter>` elements. A list holding one parses
//! (the setter keeps the value) but draws unfiltered, as the spec's drawing model does for a
//! filter whose referenced document is not loaded.

use cssparser::{ParseError, Parser, Token};

use crate::color::{ParsedColor, RgbaColor, parse_color_value};

/// One `<filter-function>` with its lengths in canvas pixels and amounts as fractions.
#[derive(Clone, Debug, PartialEq)]
pub enum FilterFunction {
    /// `blur(<length>)`: a Gaussian blur with this standard deviation.
    Blur(f64),
    /// `brightness(<number-percentage>)`.
    Brightness(f64),
    /// `contrast(<number-percentage>)`.
    Contrast(f64),
    /// `drop-shadow(<color>? <length>{2,3})`: offsets, blur (twice the standard deviation, like
    /// `shadowBlur`) and colour (`currentcolor` resolved).
    DropShadow {
        /// Horizontal offset.
        dx: f64,
        /// Vertical offset.
        dy: f64,
        /// Blur radius (standard deviation × 2).
        blur: f64,
        /// Shadow colour.
        color: RgbaColor,
    },
    /// `grayscale(<number-percentage>)`, clamped to 1.
    Grayscale(f64),
    /// `hue-rotate(<angle>)`, in degrees.
    HueRotate(f64),
    /// `invert(<number-percentage>)`, clamped to 1.
    Invert(f64),
    /// `opacity(<number-percentage>)`, clamped to 1.
    Opacity(f64),
    /// `saturate(<number-percentage>)`.
    Saturate(f64),
    /// `sepia(<number-percentage>)`, clamped to 1.
    Sepia(f64),
    /// `url(…)`: a reference to an SVG filter, which Aperture does not resolve.
    Url(String),
}

/// Resolves relative lengths and `currentcolor` while parsing.
#[derive(Clone, Copy, Debug)]
pub struct FilterContext {
    /// The font size of the context's `font`, for `em` (and `ex`/`ch` approximations).
    pub font_size_px: f64,
    /// The root element's font size, for `rem` (16 without a document).
    pub root_font_size_px: f64,
    /// What `currentcolor` becomes (opaque black for an OffscreenCanvas).
    pub current_color: RgbaColor,
}

impl Default for FilterContext {
    fn default() -> FilterContext {
        FilterContext { font_size_px: 10.0, root_font_size_px: 16.0, current_color: RgbaColor::BLACK }
    }
}

type FilterResult<T> = Result<T, ParseError<()>>;

fn invalid<T>() -> FilterResult<T> {
    Err(ParseError::custom(()))
}

/// Parses the `filter` setter's value: `"none"` gives an empty list; a `<filter-value-list>`
/// gives its functions; anything else (CSS-wide keywords such as `inherit` included) is `None`,
/// and the setter ignores the value.
pub fn parse_filter(input: &str, context: &FilterContext) -> Option<Vec<FilterFunction>> {
    let mut parser = Parser::new(input);
    if parser.try_parse(|p| p.expect_ident_matching("none")).is_ok() {
        return parser.expect_exhausted().ok().map(|_| Vec::new());
    }
    let mut functions = Vec::new();
    while !parser.is_exhausted() {
        let function = parser.try_parse(|p| parse_function(p, context)).ok()?;
        functions.push(function);
    }
    (!functions.is_empty()).then_some(functions)
}

fn parse_function(input: &mut Parser<'_>, context: &FilterContext) -> FilterResult<FilterFunction> {
    let name = match input.next()?.clone() {
        Token::UnquotedUrl(url) => return Ok(FilterFunction::Url(url.to_string())),
        Token::Function(name) => name.to_ascii_lowercase(),
        _ => return invalid(),
    };
    input.parse_nested_block(|p| {
        let function = match name.as_str() {
            "url" => FilterFunction::Url(p.expect_string()?.to_string()),
            "blur" => {
                let sigma = if p.is_exhausted() { 0.0 } else { parse_length(p, context)? };
                if sigma < 0.0 {
                    return invalid();
                }
                FilterFunction::Blur(sigma)
            }
            "brightness" => FilterFunction::Brightness(amount(p, false)?),
            "contrast" => FilterFunction::Contrast(amount(p, false)?),
            "grayscale" => FilterFunction::Grayscale(amount(p, true)?),
            "invert" => FilterFunction::Invert(amount(p, true)?),
            "opacity" => FilterFunction::Opacity(amount(p, true)?),
            "saturate" => FilterFunction::Saturate(amount(p, false)?),
            "sepia" => FilterFunction::Sepia(amount(p, true)?),
            "hue-rotate" => FilterFunction::HueRotate(if p.is_exhausted() { 0.0 } else { parse_angle(p)? }),
            "drop-shadow" => parse_drop_shadow(p, context)?,
            _ => return invalid(),
        };
        p.expect_exhausted()?;
        Ok(function)
    })
}

/// `<number> | <percentage>`, non-negative, 1 when omitted; clamped to 1 for the functions
/// whose values above 100% mean 100%.
fn amount(input: &mut Parser<'_>, clamp: bool) -> FilterResult<f64> {
    if input.is_exhausted() {
        return Ok(1.0);
    }
    let value = match *input.next()? {
        Token::Number { value, .. } => value as f64,
        Token::Percentage { unit_value, .. } => unit_value as f64,
        _ => return invalid(),
    };
    if value < 0.0 || !value.is_finite() {
        return invalid();
    }
    Ok(if clamp { value.min(1.0) } else { value })
}

/// A `<length>` in canvas pixels (`0` may be unitless).
fn parse_length(input: &mut Parser<'_>, context: &FilterContext) -> FilterResult<f64> {
    let value = match input.next()?.clone() {
        Token::Number { value: 0.0, .. } => 0.0,
        Token::Dimension { value, unit, .. } => {
            let value = value as f64;
            match unit.to_ascii_lowercase().as_str() {
                "px" => value,
                "em" => value * context.font_size_px,
                // Without font metrics: x-height and "0" advance approximated as half an em.
                "ex" | "ch" => value * context.font_size_px / 2.0,
                "rem" => value * context.root_font_size_px,
                "in" => value * 96.0,
                "cm" => value * 96.0 / 2.54,
                "mm" => value * 96.0 / 25.4,
                "q" => value * 96.0 / 101.6,
                "pt" => value * 96.0 / 72.0,
                "pc" => value * 16.0,
                _ => return invalid(),
            }
        }
        _ => return invalid(),
    };
    if !value.is_finite() {
        return invalid();
    }
    Ok(value)
}

/// An `<angle>` in degrees (`0` may be unitless).
fn parse_angle(input: &mut Parser<'_>) -> FilterResult<f64> {
    match input.next()?.clone() {
        Token::Number { value: 0.0, .. } => Ok(0.0),
        Token::Dimension { value, unit, .. } => {
            let value = value as f64;
            Ok(match unit.to_ascii_lowercase().as_str() {
                "deg" => value,
                "rad" => value.to_degrees(),
                "grad" => value * 0.9,
                "turn" => value * 360.0,
                _ => return invalid(),
            })
        }
        _ => invalid(),
    }
}

/// `drop-shadow( [ <color>? && <length>{2,3} ] )`.
fn parse_drop_shadow(input: &mut Parser<'_>, context: &FilterContext) -> FilterResult<FilterFunction> {
    let resolve = |color: ParsedColor| match color {
        ParsedColor::Rgba(color) => color,
        ParsedColor::CurrentColor => context.current_color,
    };
    let mut color = input.try_parse(parse_color_value).ok().map(resolve);
    let dx = parse_length(input, context)?;
    let dy = parse_length(input, context)?;
    let blur = input.try_parse(|p| parse_length(p, context)).unwrap_or(0.0);
    if blur < 0.0 {
        return invalid();
    }
    if color.is_none() {
        color = input.try_parse(parse_color_value).ok().map(resolve);
    }
    Ok(FilterFunction::DropShadow { dx, dy, blur, color: color.unwrap_or(context.current_color) })
}

/// A 3×4 colour matrix on un-premultiplied sRGB components in 0–1: each output channel is
/// `m[i][0]·R + m[i][1]·G + m[i][2]·B + m[i][3]`; alpha is scaled by `alpha`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ColorMatrix {
    /// Rows for R, G and B.
    pub rows: [[f64; 4]; 3],
    /// The factor alpha is multiplied by.
    pub alpha: f64,
}

impl FilterFunction {
    /// The colour matrix of a function that is one (all but blur, drop-shadow and url), as the
    /// Filter Effects spec's shorthand equivalents define them.
    pub fn color_matrix(&self) -> Option<ColorMatrix> {
        let identity = |rows| ColorMatrix { rows, alpha: 1.0 };
        Some(match *self {
            FilterFunction::Grayscale(a) => {
                let k = 1.0 - a;
                identity([
                    [0.2126 + 0.7874 * k, 0.7152 - 0.7152 * k, 0.0722 - 0.0722 * k, 0.0],
                    [0.2126 - 0.2126 * k, 0.7152 + 0.2848 * k, 0.0722 - 0.0722 * k, 0.0],
                    [0.2126 - 0.2126 * k, 0.7152 - 0.7152 * k, 0.0722 + 0.9278 * k, 0.0],
                ])
            }
            FilterFunction::Sepia(a) => {
                let k = 1.0 - a;
                identity([
                    [0.393 + 0.607 * k, 0.769 - 0.769 * k, 0.189 - 0.189 * k, 0.0],
                    [0.349 - 0.349 * k, 0.686 + 0.314 * k, 0.168 - 0.168 * k, 0.0],
                    [0.272 - 0.272 * k, 0.534 - 0.534 * k, 0.131 + 0.869 * k, 0.0],
                ])
            }
            FilterFunction::Saturate(s) => identity([
                [0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s, 0.0],
                [0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s, 0.0],
                [0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s, 0.0],
            ]),
            FilterFunction::HueRotate(degrees) => {
                let (sin, cos) = degrees.to_radians().sin_cos();
                identity([
                    [
                        0.213 + cos * 0.787 - sin * 0.213,
                        0.715 - cos * 0.715 - sin * 0.715,
                        0.072 - cos * 0.072 + sin * 0.928,
                        0.0,
                    ],
                    [
                        0.213 - cos * 0.213 + sin * 0.143,
                        0.715 + cos * 0.285 + sin * 0.140,
                        0.072 - cos * 0.072 - sin * 0.283,
                        0.0,
                    ],
                    [
                        0.213 - cos * 0.213 - sin * 0.787,
                        0.715 - cos * 0.715 + sin * 0.715,
                        0.072 + cos * 0.928 + sin * 0.072,
                        0.0,
                    ],
                ])
            }
            // feComponentTransfer type="table" tableValues="a 1-a": C' = a + C·(1 − 2a).
            FilterFunction::Invert(a) => {
                identity([[1.0 - 2.0 * a, 0.0, 0.0, a], [0.0, 1.0 - 2.0 * a, 0.0, a], [0.0, 0.0, 1.0 - 2.0 * a, a]])
            }
            // type="linear" slope=a.
            FilterFunction::Brightness(a) => identity([[a, 0.0, 0.0, 0.0], [0.0, a, 0.0, 0.0], [0.0, 0.0, a, 0.0]]),
            // type="linear" slope=a intercept=0.5 − 0.5·a.
            FilterFunction::Contrast(a) => {
                let b = 0.5 - 0.5 * a;
                identity([[a, 0.0, 0.0, b], [0.0, a, 0.0, b], [0.0, 0.0, a, b]])
            }
            // feComponentTransfer on alpha, type="table" tableValues="0 a".
            FilterFunction::Opacity(a) => {
                ColorMatrix { rows: [[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]], alpha: a }
            }
            FilterFunction::Blur(_) | FilterFunction::DropShadow { .. } | FilterFunction::Url(_) => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<Vec<FilterFunction>> {
        parse_filter(s, &FilterContext::default())
    }

    #[test]
    fn keywords_and_invalid_values() {
        assert_eq!(parse("none"), Some(vec![]));
        assert_eq!(parse("blur(5px)"), Some(vec![FilterFunction::Blur(5.0)]));
        assert_eq!(parse("blur(  5px)"), Some(vec![FilterFunction::Blur(5.0)]));
        for bad in [
            "",
            "inherit",
            "initial",
            "unset",
            "blur(10)",
            "blur 10px",
            "blur(-1px)",
            "grayscale(-1)",
            "none blur(1px)",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn amounts_defaults_and_clamping() {
        assert_eq!(parse("grayscale()"), Some(vec![FilterFunction::Grayscale(1.0)]));
        assert_eq!(parse("grayscale(250%)"), Some(vec![FilterFunction::Grayscale(1.0)]));
        assert_eq!(parse("brightness(2)"), Some(vec![FilterFunction::Brightness(2.0)]));
        assert_eq!(parse("hue-rotate(0.5turn)"), Some(vec![FilterFunction::HueRotate(180.0)]));
        assert_eq!(parse("blur(1em)"), Some(vec![FilterFunction::Blur(10.0)]));
    }

    #[test]
    fn drop_shadow_forms() {
        let red = RgbaColor { red: 255, green: 0, blue: 0, alpha: 255 };
        let expected = FilterFunction::DropShadow { dx: 1.0, dy: 2.0, blur: 3.0, color: red };
        assert_eq!(parse("drop-shadow(red 1px 2px 3px)"), Some(vec![expected.clone()]));
        assert_eq!(parse("drop-shadow(1px 2px 3px red)"), Some(vec![expected]));
        let black = FilterFunction::DropShadow { dx: 1.0, dy: 2.0, blur: 0.0, color: RgbaColor::BLACK };
        assert_eq!(parse("drop-shadow(1px 2px)"), Some(vec![black]));
        assert_eq!(parse("drop-shadow(1px)"), None);
    }

    #[test]
    fn several_functions_in_order() {
        assert_eq!(parse("sepia(1) invert(50%)"), Some(vec![FilterFunction::Sepia(1.0), FilterFunction::Invert(0.5)]));
    }

    #[test]
    fn grayscale_matrix_rows_sum_to_one() {
        // Luminance coefficients of sRGB (Rec. 709): 0.2126 + 0.7152 + 0.0722 = 1, so grey stays grey.
        let m = FilterFunction::Grayscale(1.0).color_matrix().unwrap();
        for row in m.rows {
            assert!((row[0] + row[1] + row[2] - 1.0).abs() < 1e-9);
            assert_eq!(row[0], 0.2126);
        }
    }
}

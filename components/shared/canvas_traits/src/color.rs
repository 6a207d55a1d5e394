//! CSS colours as the 2D context sees them: parsing the strings given to
//! `fillStyle`, `strokeStyle`, `shadowColor` and `addColorStop()`, and the
//! serialization the `fillStyle`/`strokeStyle` getters return.
//!
//! The sRGB forms are parsed here: named colours, `transparent`,
//! `currentcolor`, hex notation, `rgb()`/`rgba()`, `hsl()`/`hsla()` and
//! `hwb()`, in the legacy comma syntax and the modern space syntax (with
//! `/ alpha` and `none`). The CSS Color 4/5 forms (`lab()`, `lch()`, `oklab()`,
//! `oklch()`, `color()`, `color-mix()`, relative colours) are in `color4`.
//! Math functions in components (`calc()`, `min()`, `max()`, `clamp()`) are evaluated first
//! (`css_math`); a value that does not parse is one the setters ignore.

use std::fmt::{self, Write};

use cssparser::{ParseError, Parser, Token, match_ignore_ascii_case};

/// An sRGB colour with 8-bit channels, alpha *not* premultiplied.
#[derive(Clone, Copy, Debug, Default, Eq, Hash, PartialEq)]
pub struct RgbaColor {
    /// Red, 0–255.
    pub red: u8,
    /// Green, 0–255.
    pub green: u8,
    /// Blue, 0–255.
    pub blue: u8,
    /// Alpha, 0 (transparent) – 255 (opaque).
    pub alpha: u8,
}

impl RgbaColor {
    /// Opaque black, the initial fill and stroke style.
    pub const BLACK: RgbaColor = RgbaColor::new(0, 0, 0, 255);
    /// Transparent black, the initial shadow colour.
    pub const TRANSPARENT: RgbaColor = RgbaColor::new(0, 0, 0, 0);

    /// Builds a colour from its four channels.
    pub const fn new(red: u8, green: u8, blue: u8, alpha: u8) -> RgbaColor {
        RgbaColor { red, green, blue, alpha }
    }

    /// Whether the colour is fully opaque.
    pub const fn is_opaque(self) -> bool {
        self.alpha == 255
    }

    /// The channels in R, G, B, A order.
    pub const fn to_array(self) -> [u8; 4] {
        [self.red, self.green, self.blue, self.alpha]
    }
}

/// The result of parsing a CSS colour before `currentcolor` is resolved.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ParsedColor {
    /// A concrete colour.
    Rgba(RgbaColor),
    /// The `currentcolor` keyword: the element's computed `color`.
    CurrentColor,
}

/// Parses a CSS `<color>` string, keeping `currentcolor` unresolved.
///
/// Leading and trailing whitespace is allowed, as in CSS. Returns `None` when
/// the string is not a colour this parser supports.
pub fn parse_css_color(input: &str) -> Option<ParsedColor> {
    let substituted = crate::css_math::substitute(input);
    let input = substituted.as_deref().unwrap_or(input);
    let mut parser = Parser::new(input);
    parser.parse_entirely(crate::color4::parse_any_color).ok().map(|(color, _)| color)
}

/// Parses a colour for `fillStyle`/`strokeStyle`: the 8-bit sRGB it paints with and, for a CSS
/// Color 4/5 form (`lab()`, `oklch()`, `color()`, `color-mix()`, a relative colour), the
/// serialization the getter returns instead of the legacy `#rrggbb`/`rgba()` one
/// (<https://html.spec.whatwg.org/multipage/canvas.html#serialisation-of-a-color>). `None`: the
/// value does not parse and the style stays as it was.
pub fn parse_canvas_style_color(input: &str, current_color: Option<RgbaColor>) -> Option<(RgbaColor, Option<String>)> {
    // Math functions (`calc()`, `min()`…) that need no channel keyword become their values.
    let substituted = crate::css_math::substitute(input);
    let input = substituted.as_deref().unwrap_or(input);
    let mut parser = Parser::new(input);
    let (parsed, modern) = parser.parse_entirely(crate::color4::parse_any_color).ok()?;
    let rgba = match parsed {
        ParsedColor::Rgba(color) => color,
        ParsedColor::CurrentColor => current_color.unwrap_or(RgbaColor::BLACK),
    };
    Some((rgba, modern.map(|color| crate::color4::serialize_parsed(&color, input.trim()))))
}

/// Parses a colour for the 2D context, resolving `currentcolor`.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fillstyle>:
/// the string is parsed as a CSS colour relative to the canvas element. When
/// the element has a computed style, `currentcolor` is its `color` property
/// (pass it as `current_color`); otherwise (a detached canvas, an
/// `OffscreenCanvas`) `currentcolor` becomes opaque black. `None` means the
/// value failed to parse and the setter must leave its style unchanged.
pub fn parse_canvas_color(input: &str, current_color: Option<RgbaColor>) -> Option<RgbaColor> {
    Some(match parse_css_color(input)? {
        ParsedColor::Rgba(color) => color,
        ParsedColor::CurrentColor => current_color.unwrap_or(RgbaColor::BLACK),
    })
}

/// Serializes a colour the way the `fillStyle`/`strokeStyle` getters return it.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#serialisation-of-a-color>:
/// an opaque colour becomes a lowercase `#rrggbb`; any other becomes
/// `rgba(r, g, b, a)` with the integer channels and the alpha as a decimal
/// fraction (`0` for fully transparent). The alpha uses the shortest of two
/// or three decimals that maps back to the same 8-bit value, as CSS does.
pub fn serialize_canvas_color(color: RgbaColor) -> String {
    let mut out = String::new();
    // Writing into a String never fails.
    let _ = write_canvas_color(&mut out, color);
    out
}

fn write_canvas_color(out: &mut impl Write, color: RgbaColor) -> fmt::Result {
    let RgbaColor { red, green, blue, alpha } = color;
    if alpha == 255 {
        return write!(out, "#{red:02x}{green:02x}{blue:02x}");
    }
    write!(out, "rgba({red}, {green}, {blue}, ")?;
    let exact = alpha as f32 / 255.0;
    let mut rounded = (exact * 100.0).round() / 100.0;
    if (rounded * 255.0).round() as u8 != alpha {
        rounded = (exact * 1000.0).round() / 1000.0;
    }
    // `{}` on f32 prints the shortest representation: 0.5, 0.25, 0.498, 0.
    write!(out, "{rounded})")
}

type ColorResult<T> = Result<T, ParseError<()>>;

fn invalid() -> ParseError<()> {
    ParseError::custom(())
}

pub(crate) fn parse_color_value(input: &mut Parser<'_>) -> ColorResult<ParsedColor> {
    let token = input.next()?.clone();
    match token {
        Token::Hash(ref value) | Token::IDHash(ref value) => {
            let (r, g, b, a) = cssparser::color::parse_hash_color(value.as_bytes()).map_err(|()| invalid())?;
            Ok(ParsedColor::Rgba(RgbaColor::new(r, g, b, alpha_to_u8(a))))
        }
        Token::Ident(ref name) => {
            let lower = name.to_ascii_lowercase();
            match lower.as_str() {
                "transparent" => Ok(ParsedColor::Rgba(RgbaColor::TRANSPARENT)),
                "currentcolor" => Ok(ParsedColor::CurrentColor),
                _ => cssparser::color::parse_named_color(&lower)
                    .or_else(|()| system_color(&lower).ok_or(()))
                    .map(|(r, g, b)| ParsedColor::Rgba(RgbaColor::new(r, g, b, 255)))
                    .map_err(|()| invalid()),
            }
        }
        Token::Function(ref name) => {
            let name = name.clone();
            input.parse_nested_block(|input| {
                let color = match_ignore_ascii_case! { &name,
                    "rgb" | "rgba" => parse_rgb(input)?,
                    "hsl" | "hsla" => parse_hsl_or_hwb(input, HueModel::Hsl)?,
                    "hwb" => parse_hsl_or_hwb(input, HueModel::Hwb)?,
                    _ => return Err(invalid()),
                };
                Ok(ParsedColor::Rgba(color))
            })
        }
        _ => Err(invalid()),
    }
}

/// <https://drafts.csswg.org/css-color-4/#css-system-colors>: the light colour scheme's values
/// (as Chromium's), the deprecated keywords mapped as CSS Color 4 says
/// (<https://drafts.csswg.org/css-color-4/#deprecated-system-colors>).
fn system_color(name: &str) -> Option<(u8, u8, u8)> {
    const CANVAS: (u8, u8, u8) = (255, 255, 255);
    const CANVAS_TEXT: (u8, u8, u8) = (0, 0, 0);
    const BUTTON_FACE: (u8, u8, u8) = (0xef, 0xef, 0xef);
    const BUTTON_BORDER: (u8, u8, u8) = (0x76, 0x76, 0x76);
    const GRAY_TEXT: (u8, u8, u8) = (0x6d, 0x6d, 0x6d);
    Some(match name {
        "canvas" | "field" | "activecaption" | "appworkspace" | "background" | "inactivecaption" | "infobackground"
        | "menu" | "scrollbar" | "window" => CANVAS,
        "canvastext" | "fieldtext" | "buttontext" | "captiontext" | "infotext" | "menutext" | "windowtext"
        | "highlighttext" | "marktext" => CANVAS_TEXT,
        "buttonface" | "buttonhighlight" | "buttonshadow" | "threedface" => BUTTON_FACE,
        "buttonborder" | "activeborder" | "inactiveborder" | "threeddarkshadow" | "threedhighlight"
        | "threedlightshadow" | "threedshadow" | "windowframe" => BUTTON_BORDER,
        "graytext" | "inactivecaptiontext" => GRAY_TEXT,
        "linktext" => (0, 0, 0xee),
        "visitedtext" => (0x55, 0x1a, 0x8b),
        "activetext" => (0xff, 0, 0),
        "highlight" => (0xb4, 0xd5, 0xfe),
        "selecteditem" | "accentcolor" => (0, 0x75, 0xff),
        "selecteditemtext" | "accentcolortext" => (0xff, 0xff, 0xff),
        "mark" => (0xff, 0xff, 0),
        _ => return None,
    })
}

/// One numeric component of a colour function.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Component {
    Number(f32),
    /// As a fraction: 50% is 0.5.
    Percentage(f32),
    /// An angle, in degrees.
    Degrees(f32),
    /// The `none` keyword (modern syntax only); behaves as zero.
    None,
}

impl Component {
    fn is_none(self) -> bool {
        self == Component::None
    }
}

fn parse_component(input: &mut Parser<'_>) -> ColorResult<Component> {
    let component = match *input.next()? {
        Token::Number { value, .. } => Component::Number(value),
        Token::Percentage { unit_value, .. } => Component::Percentage(unit_value),
        Token::Dimension { value, ref unit, .. } => {
            let degrees = match_ignore_ascii_case! { unit,
                "deg" => value,
                "rad" => value.to_degrees(),
                "grad" => value * 0.9,
                "turn" => value * 360.0,
                _ => return Err(invalid()),
            };
            Component::Degrees(degrees)
        }
        Token::Ident(ref ident) if ident.eq_ignore_ascii_case("none") => Component::None,
        _ => return Err(invalid()),
    };
    // A number too large for the tokenizer's f32 arrives as an infinity: CSS clamps values it
    // cannot represent (<https://drafts.csswg.org/css-values/#numeric-ranges>), so it becomes
    // the largest finite value of its sign.
    let clamp = |v: f32| if v.is_infinite() { f32::MAX.copysign(v) } else { v };
    let component = match component {
        Component::Number(v) => Component::Number(clamp(v)),
        Component::Percentage(v) => Component::Percentage(clamp(v)),
        Component::Degrees(v) => Component::Degrees(clamp(v)),
        Component::None => Component::None,
    };
    if let Component::Number(v) | Component::Percentage(v) | Component::Degrees(v) = component
        && v.is_nan()
    {
        return Err(invalid());
    }
    Ok(component)
}

/// The three channel components and the optional alpha of a colour
/// function, plus whether the legacy comma syntax was used.
struct Components {
    channels: [Component; 3],
    alpha: Option<Component>,
    legacy: bool,
}

/// Reads `a, b, c[, alpha]` (legacy) or `a b c[ / alpha]` (modern).
fn parse_components(input: &mut Parser<'_>) -> ColorResult<Components> {
    let first = parse_component(input)?;
    let legacy = !first.is_none() && input.try_parse(|i| i.expect_comma()).is_ok();
    let mut channels = [first, Component::None, Component::None];
    if legacy {
        channels[1] = parse_component(input)?;
        input.expect_comma()?;
        channels[2] = parse_component(input)?;
        let alpha = if input.is_exhausted() {
            None
        } else {
            input.expect_comma()?;
            Some(parse_component(input)?)
        };
        if channels.iter().chain(alpha.iter()).any(|c| c.is_none()) {
            return Err(invalid());
        }
        return Ok(Components { channels, alpha, legacy });
    }
    channels[1] = parse_component(input)?;
    channels[2] = parse_component(input)?;
    let alpha = if input.is_exhausted() {
        None
    } else {
        input.expect_delim('/')?;
        Some(parse_component(input)?)
    };
    Ok(Components { channels, alpha, legacy })
}

/// `<alpha-value>`: a number (clamped to 0–1) or a percentage.
fn alpha_of(alpha: Option<Component>) -> ColorResult<u8> {
    match alpha {
        None => Ok(255),
        Some(Component::Number(a)) | Some(Component::Percentage(a)) => Ok(alpha_to_u8(a)),
        Some(Component::None) => Ok(0),
        Some(Component::Degrees(_)) => Err(invalid()),
    }
}

fn alpha_to_u8(alpha: f32) -> u8 {
    (alpha.clamp(0.0, 1.0) * 255.0).round() as u8
}

fn channel_to_u8(value: f32) -> u8 {
    value.round().clamp(0.0, 255.0) as u8
}

/// `rgb()`/`rgba()`: <https://drafts.csswg.org/css-color-4/#rgb-functions>.
/// Legacy syntax requires all three channels to be numbers or all three to be
/// percentages; the modern syntax allows mixing them and `none`.
fn parse_rgb(input: &mut Parser<'_>) -> ColorResult<RgbaColor> {
    let Components { channels, alpha, legacy } = parse_components(input)?;
    if legacy {
        let all_numbers = channels.iter().all(|c| matches!(c, Component::Number(_)));
        let all_percentages = channels.iter().all(|c| matches!(c, Component::Percentage(_)));
        if !all_numbers && !all_percentages {
            return Err(invalid());
        }
    }
    let mut rgb = [0u8; 3];
    for (out, channel) in rgb.iter_mut().zip(channels) {
        *out = match channel {
            Component::Number(v) => channel_to_u8(v),
            Component::Percentage(p) => channel_to_u8(p * 255.0),
            Component::None => 0,
            Component::Degrees(_) => return Err(invalid()),
        };
    }
    Ok(RgbaColor::new(rgb[0], rgb[1], rgb[2], alpha_of(alpha)?))
}

#[derive(Clone, Copy, PartialEq)]
enum HueModel {
    Hsl,
    Hwb,
}

/// `hsl()`/`hsla()` and `hwb()`: <https://drafts.csswg.org/css-color-4/#the-hsl-notation>,
/// <https://drafts.csswg.org/css-color-4/#the-hwb-notation>. The hue is a
/// number of degrees or an angle; the other two are percentages (the modern
/// syntax also accepts plain numbers on a 0–100 scale).
fn parse_hsl_or_hwb(input: &mut Parser<'_>, model: HueModel) -> ColorResult<RgbaColor> {
    let Components { channels, alpha, legacy } = parse_components(input)?;
    if legacy && model == HueModel::Hwb {
        return Err(invalid());
    }
    let hue = match channels[0] {
        Component::Number(degrees) | Component::Degrees(degrees) => degrees,
        Component::None => 0.0,
        Component::Percentage(_) => return Err(invalid()),
    };
    let mut fractions = [0.0f32; 2];
    for (out, channel) in fractions.iter_mut().zip(&channels[1..]) {
        *out = match *channel {
            Component::Percentage(p) => p,
            Component::Number(n) if !legacy => n / 100.0,
            Component::None => 0.0,
            _ => return Err(invalid()),
        };
    }
    let rgb = match model {
        HueModel::Hsl => hsl_to_rgb(hue, fractions[0].max(0.0), fractions[1].clamp(0.0, 1.0)),
        HueModel::Hwb => hwb_to_rgb(hue, fractions[0].clamp(0.0, 1.0), fractions[1].clamp(0.0, 1.0)),
    };
    let [r, g, b] = rgb.map(|c| channel_to_u8(c * 255.0));
    Ok(RgbaColor::new(r, g, b, alpha_of(alpha)?))
}

/// The sample `hslToRgb` of CSS Color 4 (hue in degrees, saturation and
/// lightness as fractions); returns sRGB channels in 0–1.
pub(crate) fn hsl_to_rgb(hue: f32, saturation: f32, lightness: f32) -> [f32; 3] {
    let hue = hue.rem_euclid(360.0);
    let f = |n: f32| {
        let k = (n + hue / 30.0) % 12.0;
        let a = saturation * lightness.min(1.0 - lightness);
        lightness - a * (k - 3.0).min(9.0 - k).clamp(-1.0, 1.0)
    };
    [f(0.0), f(8.0), f(4.0)]
}

/// The sample `hwbToRgb` of CSS Color 4: grey when whiteness + blackness ≥ 1.
pub(crate) fn hwb_to_rgb(hue: f32, whiteness: f32, blackness: f32) -> [f32; 3] {
    if whiteness + blackness >= 1.0 {
        let grey = whiteness / (whiteness + blackness);
        return [grey; 3];
    }
    hsl_to_rgb(hue, 1.0, 0.5).map(|c| c * (1.0 - whiteness - blackness) + whiteness)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgba(r: u8, g: u8, b: u8, a: u8) -> Option<RgbaColor> {
        Some(RgbaColor::new(r, g, b, a))
    }

    #[test]
    fn parses_the_supported_syntaxes() {
        let table: &[(&str, Option<RgbaColor>)] = &[
            ("red", rgba(255, 0, 0, 255)),
            ("  ReD  ", rgba(255, 0, 0, 255)),
            ("rebeccapurple", rgba(102, 51, 153, 255)),
            ("transparent", rgba(0, 0, 0, 0)),
            ("#f00", rgba(255, 0, 0, 255)),
            ("#f008", rgba(255, 0, 0, 136)),
            ("#00ff00", rgba(0, 255, 0, 255)),
            ("#0000FF80", rgba(0, 0, 255, 128)),
            ("rgb(1, 2, 3)", rgba(1, 2, 3, 255)),
            ("rgba(1, 2, 3, 0.5)", rgba(1, 2, 3, 128)),
            ("rgb(1,2,3,50%)", rgba(1, 2, 3, 128)),
            ("rgb(100%, 0%, 50%)", rgba(255, 0, 128, 255)),
            ("rgb(300, -20, 127.5)", rgba(255, 0, 128, 255)),
            ("rgb(1 2 3)", rgba(1, 2, 3, 255)),
            ("rgb(1 2 3 / 0.25)", rgba(1, 2, 3, 64)),
            ("rgba(100% 0 none / 40%)", rgba(255, 0, 0, 102)),
            ("rgb(0 0 0 / 2)", rgba(0, 0, 0, 255)),
            ("hsl(120, 100%, 50%)", rgba(0, 255, 0, 255)),
            ("hsla(240, 100%, 50%, 0.5)", rgba(0, 0, 255, 128)),
            ("hsl(0.5turn 100% 25%)", rgba(0, 128, 128, 255)),
            ("hsl(-120deg 100 50)", rgba(0, 0, 255, 255)),
            ("hsl(0 0% 100%)", rgba(255, 255, 255, 255)),
            ("hwb(0 0% 0%)", rgba(255, 0, 0, 255)),
            ("hwb(0 60% 60%)", rgba(128, 128, 128, 255)),
            // Rejected forms.
            ("", None),
            ("nosuchcolor", None),
            ("#ff", None),
            ("#ggg", None),
            ("rgb(1, 2)", None),
            ("rgb(1, 2%, 3)", None),
            ("rgb(1 2, 3)", None),
            ("rgb(none, 2, 3)", None),
            ("hsl(120, 100, 50)", None),
            ("hwb(0, 0%, 0%)", None),
            ("red blue", None),
            ("lab(50% 40 59)", rgba(191, 87, 2, 255)),
            ("lab(calc(50%) 40 59)", rgba(191, 87, 2, 255)),
            ("rgb(calc(255) calc(50% - 50%) min(0, 10))", rgba(255, 0, 0, 255)),
            ("rgb(calc(50% + 10) 0 0)", None),
        ];
        for (input, expected) in table {
            assert_eq!(parse_canvas_color(input, None), *expected, "parsing {input:?}");
        }
    }

    #[test]
    fn currentcolor_resolves_to_the_element_color_or_black() {
        let blue = RgbaColor::new(0, 0, 255, 255);
        assert_eq!(parse_css_color("currentColor"), Some(ParsedColor::CurrentColor));
        assert_eq!(parse_canvas_color("currentcolor", Some(blue)), Some(blue));
        assert_eq!(parse_canvas_color("CURRENTCOLOR", None), Some(RgbaColor::BLACK));
    }

    #[test]
    fn serializes_like_the_getters() {
        let table: &[(&str, &str)] = &[
            ("red", "#ff0000"),
            ("#ABCDEF", "#abcdef"),
            ("transparent", "rgba(0, 0, 0, 0)"),
            ("rgba(255, 0, 0, 0.5)", "rgba(255, 0, 0, 0.5)"),
            ("rgba(0,0,0,0.3)", "rgba(0, 0, 0, 0.3)"),
            ("rgba(1,2,3,0.25)", "rgba(1, 2, 3, 0.25)"),
            ("#0000007f", "rgba(0, 0, 0, 0.498)"),
            ("hsla(120, 100%, 50%, 1)", "#00ff00"),
        ];
        for (input, expected) in table {
            let color = parse_canvas_color(input, None).unwrap();
            assert_eq!(serialize_canvas_color(color), *expected, "serializing {input:?}");
        }
    }
}

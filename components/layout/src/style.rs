//! The style of a box, as the box model needs it: used-value inputs already reduced to pixels,
//! percentages and `auto`, so the arithmetic in `block.rs`/`inline.rs` never parses CSS. The
//! DOM side reads the cascade and turns each value into these types with [`parse_length`],
//! [`parse_font_size`] and [`parse_line_height`].
//!
//! Anything these parsers do not understand (`calc()`, unknown units, garbage) is `None`, which
//! callers treat as the property's initial value (`auto` for sizes, `0` for margins): a page's odd
//! CSS never panics and never produces NaN.

/// A `<length-percentage> | auto` (or `none` for the max sizes) at used-value time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Size {
    /// `auto` (or `none` for `max-width`/`max-height`).
    Auto,
    Px(f64),
    /// A percentage, as a fraction (`50%` is 0.5).
    Fraction(f64),
}

impl Size {
    /// The size in pixels against `basis` (the containing block's width or height); `None` for
    /// `auto`, or for a percentage without a definite basis.
    pub fn resolve(self, basis: Option<f64>) -> Option<f64> {
        match self {
            Size::Auto => None,
            Size::Px(px) => Some(snap(px)),
            Size::Fraction(f) => basis.map(|b| snap(f * b)),
        }
    }

    /// Like [`Size::resolve`] with `auto` (or an unresolvable percentage) as 0: margins and
    /// paddings.
    pub fn resolve_or_zero(self, basis: f64) -> f64 {
        self.resolve(Some(basis)).unwrap_or(0.0)
    }
}

/// A length as Chromium's layout holds it: in 1/64 pixels, the rest dropped (its `LayoutUnit`),
/// so `0.67em` of 32px is 21.4375px there and here.
pub fn snap(px: f64) -> f64 {
    if px.is_finite() { (px * 64.0).trunc() / 64.0 } else { 0.0 }
}

/// <https://www.w3.org/TR/CSS21/visuren.html#display-prop>, reduced to the formatting Aperture does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Display {
    /// `block`, `list-item`, `flow-root`, and (approximated as blocks) `flex`, `grid`, `table`
    /// and the table-internal values.
    Block,
    /// `inline` (and `ruby`).
    Inline,
    /// `inline-block`, `inline-flex`, `inline-grid`, `inline-table`: an atomic inline.
    InlineBlock,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    Static,
    /// `relative` and `sticky` (sticky never sticks: nothing scrolls).
    Relative,
    Absolute,
    Fixed,
}

/// Font metrics as fractions of the font size (a font's `hhea` ascender, descender and line gap
/// over its units per em).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FontMetrics {
    pub ascent: f64,
    pub descent: f64,
    pub line_gap: f64,
}

impl FontMetrics {
    /// Liberation Serif (`fc-match "Times New Roman"`), what Chromium on Linux uses for the default
    /// `serif`: 1825, 443 and 87 units of 2048.
    pub const SERIF: FontMetrics =
        FontMetrics { ascent: 1825.0 / 2048.0, descent: 443.0 / 2048.0, line_gap: 87.0 / 2048.0 };
    /// Liberation Sans (Arial, Helvetica, `sans-serif`): 1854, 434, 67 of 2048.
    pub const SANS: FontMetrics =
        FontMetrics { ascent: 1854.0 / 2048.0, descent: 434.0 / 2048.0, line_gap: 67.0 / 2048.0 };
    /// DejaVu Sans Mono (`monospace`): 1901, 483, 0 of 2048.
    pub const MONO: FontMetrics = FontMetrics { ascent: 1901.0 / 2048.0, descent: 483.0 / 2048.0, line_gap: 0.0 };
}

/// The font of a box: what line heights and the text width estimate need.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    /// The computed `font-size` in pixels.
    pub size: f64,
    pub metrics: FontMetrics,
}

impl Default for Font {
    fn default() -> Font {
        Font { size: 16.0, metrics: FontMetrics::SERIF }
    }
}

impl Font {
    /// The ascent and descent in whole pixels, each rounded on its own as Chromium does.
    pub fn ascent_descent(&self) -> (f64, f64) {
        ((self.metrics.ascent * self.size).round(), (self.metrics.descent * self.size).round())
    }

    /// `line-height: normal`: the rounded ascent, descent and line gap added up (16px Liberation
    /// Serif: 14 + 3 + 1 = 18px, as Chromium measures).
    pub fn normal_line_height(&self) -> f64 {
        let (a, d) = self.ascent_descent();
        a + d + (self.metrics.line_gap * self.size).round()
    }

    /// The estimated advance of `chars` characters: half an em each. FIXME: no glyph metrics
    /// here (text is shaped on the canvas thread only), so the width of text is an estimate.
    pub fn text_width(&self, chars: usize) -> f64 {
        chars as f64 * self.size * 0.5
    }
}

/// `text-align`, in a left-to-right block: `left`, `start` and `justify` (no wrapping, so the
/// last line, which is never justified) start the line; `right` and `end` end it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextAlign {
    #[default]
    Start,
    Center,
    End,
}

/// `justify-content` of a flex container (left to right).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Justify {
    #[default]
    Start,
    Center,
    End,
    SpaceBetween,
    SpaceAround,
    SpaceEvenly,
}

/// `align-items` of a flex container (`baseline` counts as start).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Stretch,
    Start,
    Center,
    End,
}

/// A flex container (`display: flex` or `inline-flex`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlexContainer {
    /// `flex-direction: row` (or `row-reverse`, laid out as `row`); else a column.
    pub row: bool,
    /// The gap between items along the main axis, in pixels.
    pub gap: f64,
    pub justify: Justify,
    pub align: Align,
}

/// The computed `line-height`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LineHeight {
    Normal,
    Px(f64),
    /// A `<number>`: inherited as the number, multiplied by each box's own font size.
    Number(f64),
}

impl LineHeight {
    /// The used line height of a box with `font`.
    pub fn used(self, font: &Font) -> f64 {
        match self {
            LineHeight::Normal => font.normal_line_height(),
            LineHeight::Px(px) => px,
            LineHeight::Number(n) => n * font.size,
        }
    }

    /// The part of the line height above and below the baseline
    /// (<https://www.w3.org/TR/CSS21/visudet.html#leading>): the ascent and descent plus half
    /// the leading each, the odd pixel below (as Chromium rounds).
    pub fn strut(self, font: &Font) -> (f64, f64) {
        let (a, d) = font.ascent_descent();
        let leading = self.used(font) - (a + d);
        let above = (leading / 2.0).floor();
        (a + above, d + (leading - above))
    }
}

/// Everything the box model reads of one box's style.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub display: Display,
    pub position: Position,
    /// `box-sizing: border-box`.
    pub border_box_sizing: bool,
    pub width: Size,
    pub height: Size,
    pub min_width: Size,
    pub max_width: Size,
    pub min_height: Size,
    pub max_height: Size,
    /// Top, right, bottom, left.
    pub margin: [Size; 4],
    pub padding: [Size; 4],
    /// Used border widths in pixels (0 where the style is `none`/`hidden`).
    pub border: [f64; 4],
    /// `top`, `right`, `bottom`, `left`.
    pub inset: [Size; 4],
    /// `overflow` other than `visible`: the box establishes a block formatting context.
    pub clips: bool,
    pub font: Font,
    pub line_height: LineHeight,
    pub text_align: TextAlign,
    /// Set on a flex container.
    pub flex: Option<FlexContainer>,
    /// A flex item's `flex-grow`, `flex-shrink` and `flex-basis` (`auto`: its width).
    pub flex_grow: f64,
    pub flex_shrink: f64,
    pub flex_basis: Size,
}

impl Default for Style {
    /// The initial values (an inline box).
    fn default() -> Style {
        Style {
            display: Display::Inline,
            position: Position::Static,
            border_box_sizing: false,
            width: Size::Auto,
            height: Size::Auto,
            min_width: Size::Auto,
            max_width: Size::Auto,
            min_height: Size::Auto,
            max_height: Size::Auto,
            margin: [Size::Px(0.0); 4],
            padding: [Size::Px(0.0); 4],
            border: [0.0; 4],
            inset: [Size::Auto; 4],
            clips: false,
            font: Font::default(),
            line_height: LineHeight::Normal,
            text_align: TextAlign::Start,
            flex: None,
            flex_grow: 0.0,
            flex_shrink: 1.0,
            flex_basis: Size::Auto,
        }
    }
}

impl Style {
    pub fn is_out_of_flow(&self) -> bool {
        matches!(self.position, Position::Absolute | Position::Fixed)
    }
}

/// Pixels per unit of the absolute units and of the font- and viewport-relative ones
/// (<https://drafts.csswg.org/css-values/#lengths>).
pub struct LengthContext {
    /// The element's font size (for `em`; a `font-size` value passes its parent's).
    pub em: f64,
    /// The root element's font size (`rem`).
    pub rem: f64,
    pub viewport_width: f64,
    pub viewport_height: f64,
}

/// Splits `value` into a number and the rest (its unit), or `None` when it does not start with a
/// CSS number.
fn split_number(value: &str) -> Option<(f64, &str)> {
    let bytes = value.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        end += 1;
    }
    let digits_start = end;
    while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
        end += 1;
    }
    if end == digits_start {
        return None;
    }
    // An exponent (`1e3px`) only when digits follow it, so `2em` keeps its unit.
    if end + 1 < bytes.len() && matches!(bytes[end], b'e' | b'E') {
        let mut exp_end = end + 1;
        if matches!(bytes[exp_end], b'+' | b'-') {
            exp_end += 1;
        }
        let exp_digits = exp_end;
        while exp_end < bytes.len() && bytes[exp_end].is_ascii_digit() {
            exp_end += 1;
        }
        if exp_end > exp_digits {
            end = exp_end;
        }
    }
    let number: f64 = value[..end].parse().ok()?;
    number.is_finite().then_some((number, &value[end..]))
}

/// A `<length-percentage> | auto | none` as CSS text → [`Size`]; `None` for what Aperture cannot
/// resolve (`calc()`, `fit-content`, unknown units) — the caller uses the initial value.
pub fn parse_length(value: &str, ctx: &LengthContext) -> Option<Size> {
    let value = value.trim().to_ascii_lowercase();
    if value == "auto" || value == "none" {
        return Some(Size::Auto);
    }
    let (number, unit) = split_number(&value)?;
    let px = match unit {
        "%" => return Some(Size::Fraction(number / 100.0)),
        // A unitless zero is a length.
        "" if number == 0.0 => 0.0,
        "px" => number,
        "em" => number * ctx.em,
        "rem" => number * ctx.rem,
        // The x-height and the "0" advance are about half an em in the fonts Aperture models.
        "ex" | "ch" => number * ctx.em * 0.5,
        "in" => number * 96.0,
        "cm" => number * 96.0 / 2.54,
        "mm" => number * 96.0 / 25.4,
        "q" => number * 96.0 / 101.6,
        "pt" => number * 96.0 / 72.0,
        "pc" => number * 16.0,
        "vw" => number * ctx.viewport_width / 100.0,
        "vh" => number * ctx.viewport_height / 100.0,
        "vmin" => number * ctx.viewport_width.min(ctx.viewport_height) / 100.0,
        "vmax" => number * ctx.viewport_width.max(ctx.viewport_height) / 100.0,
        _ => return None,
    };
    px.is_finite().then_some(Size::Px(px))
}

/// `font-size` (<https://drafts.csswg.org/css-fonts/#font-size-prop>) in pixels, given the
/// parent's: keywords by the CSS Fonts table for a 16px `medium`, `em` and `%` of the parent.
pub fn parse_font_size(value: &str, parent: f64, ctx: &LengthContext) -> Option<f64> {
    let keyword = match value.trim().to_ascii_lowercase().as_str() {
        "xx-small" => Some(9.0),
        "x-small" => Some(10.0),
        "small" => Some(13.0),
        "medium" => Some(16.0),
        "large" => Some(18.0),
        "x-large" => Some(24.0),
        "xx-large" => Some(32.0),
        "xxx-large" => Some(48.0),
        "smaller" => Some(parent / 1.2),
        "larger" => Some(parent * 1.2),
        _ => None,
    };
    if keyword.is_some() {
        return keyword;
    }
    let ctx = LengthContext { em: parent, ..*ctx };
    match parse_length(value, &ctx)? {
        Size::Px(px) if px >= 0.0 => Some(px),
        Size::Fraction(f) if f >= 0.0 => Some(f * parent),
        _ => None,
    }
}

/// `line-height`: `normal`, a number, a length or a percentage (of the element's font size).
pub fn parse_line_height(value: &str, font_size: f64, ctx: &LengthContext) -> Option<LineHeight> {
    let trimmed = value.trim();
    if trimmed.eq_ignore_ascii_case("normal") {
        return Some(LineHeight::Normal);
    }
    if let Some((n, "")) = split_number(trimmed) {
        return (n >= 0.0).then_some(LineHeight::Number(n));
    }
    let ctx = LengthContext { em: font_size, ..*ctx };
    match parse_length(trimmed, &ctx)? {
        Size::Px(px) if px >= 0.0 => Some(LineHeight::Px(px)),
        Size::Fraction(f) if f >= 0.0 => Some(LineHeight::Px(f * font_size)),
        _ => None,
    }
}

/// The `flex` shorthand (<https://drafts.csswg.org/css-flexbox-1/#flex-property>) → grow,
/// shrink, basis: `none`, `auto`, `initial`, or one to three components (a lone number is
/// `<number> 1 0%`). `None` when it does not parse.
pub fn parse_flex(value: &str, ctx: &LengthContext) -> Option<(f64, f64, Size)> {
    let value = value.trim().to_ascii_lowercase();
    match value.as_str() {
        "none" => return Some((0.0, 0.0, Size::Auto)),
        "auto" => return Some((1.0, 1.0, Size::Auto)),
        "initial" => return Some((0.0, 1.0, Size::Auto)),
        _ => {}
    }
    let mut numbers = Vec::new();
    let mut basis = None;
    for part in value.split_whitespace() {
        match split_number(part) {
            Some((n, "")) if n >= 0.0 && numbers.len() < 2 && (basis.is_none() || numbers.len() == 1) => {
                numbers.push(n)
            }
            _ if basis.is_none() => basis = Some(if part == "content" { Size::Auto } else { parse_length(part, ctx)? }),
            _ => return None,
        }
    }
    let grow = *numbers.first()?;
    let shrink = numbers.get(1).copied().unwrap_or(1.0);
    Some((grow, shrink, basis.unwrap_or(Size::Fraction(0.0))))
}

/// The metrics of the first family of a `font-family` list that Aperture models (generic
/// families and the fonts Chromium on Linux maps to them); anything else is the default serif.
pub fn metrics_for_family(family: &str) -> FontMetrics {
    for name in family.split(',') {
        let name = name.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        match name.as_str() {
            "monospace" | "courier" | "courier new" | "dejavu sans mono" | "liberation mono" | "ui-monospace" => {
                return FontMetrics::MONO;
            }
            "sans-serif" | "arial" | "helvetica" | "liberation sans" | "system-ui" | "ui-sans-serif" => {
                return FontMetrics::SANS;
            }
            "serif" | "times" | "times new roman" | "liberation serif" | "ui-serif" => return FontMetrics::SERIF,
            _ => {}
        }
    }
    FontMetrics::SERIF
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTX: LengthContext = LengthContext { em: 16.0, rem: 16.0, viewport_width: 800.0, viewport_height: 600.0 };

    #[test]
    fn lengths() {
        assert_eq!(parse_length("10px", &CTX), Some(Size::Px(10.0)));
        assert_eq!(parse_length("50%", &CTX), Some(Size::Fraction(0.5)));
        assert_eq!(parse_length("auto", &CTX), Some(Size::Auto));
        assert_eq!(parse_length("none", &CTX), Some(Size::Auto));
        assert_eq!(parse_length("0", &CTX), Some(Size::Px(0.0)));
        assert_eq!(parse_length("2em", &CTX), Some(Size::Px(32.0)));
        assert_eq!(parse_length("1e1px", &CTX), Some(Size::Px(10.0)));
        assert_eq!(parse_length("-4.5px", &CTX), Some(Size::Px(-4.5)));
        assert_eq!(parse_length("10vw", &CTX), Some(Size::Px(80.0)));
        assert_eq!(parse_length("1in", &CTX), Some(Size::Px(96.0)));
    }

    #[test]
    fn odd_lengths_are_unknown() {
        for odd in ["calc(10px + 2em)", "10", "px", "10furlongs", "", "1e999px", "fit-content", "--x"] {
            assert_eq!(parse_length(odd, &CTX), None, "{odd}");
        }
    }

    #[test]
    fn font_sizes() {
        assert_eq!(parse_font_size("2em", 16.0, &CTX), Some(32.0));
        assert_eq!(parse_font_size("150%", 10.0, &CTX), Some(15.0));
        assert_eq!(parse_font_size("x-large", 10.0, &CTX), Some(24.0));
        assert_eq!(parse_font_size("12px", 10.0, &CTX), Some(12.0));
        assert_eq!(parse_font_size("-1px", 10.0, &CTX), None);
    }

    #[test]
    fn flex_shorthand() {
        assert_eq!(parse_flex("1", &CTX), Some((1.0, 1.0, Size::Fraction(0.0))));
        assert_eq!(parse_flex("auto", &CTX), Some((1.0, 1.0, Size::Auto)));
        assert_eq!(parse_flex("none", &CTX), Some((0.0, 0.0, Size::Auto)));
        assert_eq!(parse_flex("2 0 100px", &CTX), Some((2.0, 0.0, Size::Px(100.0))));
        assert_eq!(parse_flex("1 200px", &CTX), Some((1.0, 1.0, Size::Px(200.0))));
        assert_eq!(parse_flex("200px", &CTX), None);
        assert_eq!(parse_flex("1 2 3 4", &CTX), None);
    }

    #[test]
    fn line_heights() {
        assert_eq!(parse_line_height("1.5", 16.0, &CTX), Some(LineHeight::Number(1.5)));
        assert_eq!(parse_line_height("30px", 16.0, &CTX), Some(LineHeight::Px(30.0)));
        assert_eq!(parse_line_height("150%", 10.0, &CTX), Some(LineHeight::Px(15.0)));
        assert_eq!(parse_line_height("normal", 10.0, &CTX), Some(LineHeight::Normal));
    }

    /// The `line-height: normal` heights headless Chromium 156 gives a `<div>` of text in its
    /// default font (Liberation Serif), and DejaVu Sans Mono at 13px (a `<pre>`).
    #[test]
    fn normal_line_heights_match_chromium() {
        for (size, height) in [(10.0, 11.0), (13.0, 16.0), (16.0, 18.0), (20.0, 23.0), (24.0, 27.0), (32.0, 37.0)] {
            let font = Font { size, metrics: FontMetrics::SERIF };
            assert_eq!(font.normal_line_height(), height, "{size}px");
        }
        assert_eq!(Font { size: 13.0, metrics: FontMetrics::MONO }.normal_line_height(), 15.0);
    }

    /// The part of a line below the baseline: a canvas on a line of a 10/16/20/32px div makes
    /// it 2/4/5/8px taller than the canvas in Chromium; 10px with `line-height: 30px`.
    #[test]
    fn struts_match_chromium() {
        for (size, below) in [(10.0, 2.0), (16.0, 4.0), (20.0, 5.0), (32.0, 8.0)] {
            let font = Font { size, metrics: FontMetrics::SERIF };
            assert_eq!(LineHeight::Normal.strut(&font).1, below, "{size}px");
        }
        assert_eq!(LineHeight::Px(30.0).strut(&Font::default()), (20.0, 10.0));
    }
}

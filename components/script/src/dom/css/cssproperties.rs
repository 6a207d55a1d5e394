//! The CSS properties Aperture knows, for inline styles and
//! `getComputedStyle()`: parsing declaration blocks
//! (<https://drafts.csswg.org/css-syntax/#parse-a-list-of-declarations>),
//! validating and serializing values, shorthands, and computing values
//! without a cascade (inline style, then presentational hints and the UA
//! defaults Aperture models, then inheritance and initial values).
//!
//! Properties listed as [`Kind::Raw`] are accepted with any non-empty value
//! (whitespace collapsed) and not validated; every other property rejects
//! values outside its grammar, as browsers do.

use std::fmt::Write;

use canvas_traits::color::{ParsedColor, RgbaColor, parse_css_color};
use cssparser::{Delimiter, ParseError, Parser, Token};

/// How a longhand property's value is validated and computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `width`, `height`, `min-*`: a non-negative length-percentage or `auto`.
    Size,
    /// `max-*`: a non-negative length-percentage or `none`.
    MaxSize,
    /// `top`, `right`, `bottom`, `left`: a length-percentage or `auto`.
    Inset,
    /// `margin-*`: a length-percentage or `auto`.
    Margin,
    /// `padding-*`: a non-negative length-percentage.
    Padding,
    /// `border-*-width`: `thin | medium | thick` or a non-negative length.
    LineWidth,
    /// `border-*-style`.
    LineStyle,
    /// A `<color>`.
    Color,
    /// `opacity`: a number or a percentage.
    Opacity,
    /// `z-index`: an integer or `auto`.
    ZIndex,
    /// One of a set of keywords.
    Keywords(&'static [&'static str]),
    /// SVG's `<paint>` (`fill`, `stroke`): `none`, a `<color>`, a `url()` with an optional
    /// fallback, `context-fill` or `context-stroke`
    /// (<https://svgwg.org/svg2-draft/painting.html#SpecifyingPaint>).
    Paint,
    /// `stroke-width`: a non-negative `<length-percentage>` or `<number>` (user units = px).
    StrokeWidth,
    /// `stroke-dashoffset`: a `<length-percentage>` or `<number>`.
    StrokeOffset,
    /// `stroke-dasharray`: `none` or a list of non-negative `<length-percentage> | <number>`.
    DashArray,
    /// `stroke-miterlimit`: a non-negative `<number>`.
    NonNegativeNumber,
    /// `transform`: `none` or a `<transform-list>` (validated, kept as written).
    Transform,
    /// Anything non-empty (not validated).
    Raw,
}

/// A longhand property.
pub struct Longhand {
    pub name: &'static str,
    pub kind: Kind,
    pub inherited: bool,
    /// The initial value, as CSS text.
    pub initial: &'static str,
}

const LINE_STYLES: &[&str] =
    &["none", "hidden", "dotted", "dashed", "solid", "double", "groove", "ridge", "inset", "outset"];
const DISPLAYS: &[&str] = &[
    "none",
    "block",
    "inline",
    "inline-block",
    "flex",
    "inline-flex",
    "grid",
    "inline-grid",
    "flow-root",
    "contents",
    "list-item",
    "table",
    "inline-table",
    "table-row",
    "table-cell",
    "table-row-group",
    "table-header-group",
    "table-footer-group",
    "table-column",
    "table-column-group",
    "table-caption",
    "ruby",
];
const OVERFLOWS: &[&str] = &["visible", "hidden", "clip", "scroll", "auto"];

macro_rules! longhand {
    ($name:literal, $kind:expr, $inherited:literal, $initial:literal) => {
        Longhand { name: $name, kind: $kind, inherited: $inherited, initial: $initial }
    };
}

/// Every longhand, in the order `getComputedStyle()` lists them.
pub static LONGHANDS: &[Longhand] = &[
    longhand!("background-color", Kind::Color, false, "transparent"),
    longhand!("border-bottom-color", Kind::Color, false, "currentcolor"),
    longhand!("border-bottom-style", Kind::LineStyle, false, "none"),
    longhand!("border-bottom-width", Kind::LineWidth, false, "medium"),
    longhand!("border-left-color", Kind::Color, false, "currentcolor"),
    longhand!("border-left-style", Kind::LineStyle, false, "none"),
    longhand!("border-left-width", Kind::LineWidth, false, "medium"),
    longhand!("border-right-color", Kind::Color, false, "currentcolor"),
    longhand!("border-right-style", Kind::LineStyle, false, "none"),
    longhand!("border-right-width", Kind::LineWidth, false, "medium"),
    longhand!("border-top-color", Kind::Color, false, "currentcolor"),
    longhand!("border-top-style", Kind::LineStyle, false, "none"),
    longhand!("border-top-width", Kind::LineWidth, false, "medium"),
    longhand!("bottom", Kind::Inset, false, "auto"),
    longhand!("box-sizing", Kind::Keywords(&["content-box", "border-box"]), false, "content-box"),
    longhand!("color", Kind::Color, true, "rgb(0, 0, 0)"),
    longhand!("display", Kind::Keywords(DISPLAYS), false, "inline"),
    longhand!("fill", Kind::Paint, true, "black"),
    longhand!("fill-opacity", Kind::Opacity, true, "1"),
    longhand!("fill-rule", Kind::Keywords(&["nonzero", "evenodd"]), true, "nonzero"),
    longhand!("float", Kind::Keywords(&["none", "left", "right", "inline-start", "inline-end"]), false, "none"),
    longhand!("height", Kind::Size, false, "auto"),
    longhand!("left", Kind::Inset, false, "auto"),
    longhand!("margin-bottom", Kind::Margin, false, "0px"),
    longhand!("margin-left", Kind::Margin, false, "0px"),
    longhand!("margin-right", Kind::Margin, false, "0px"),
    longhand!("margin-top", Kind::Margin, false, "0px"),
    longhand!("max-height", Kind::MaxSize, false, "none"),
    longhand!("max-width", Kind::MaxSize, false, "none"),
    longhand!("min-height", Kind::Size, false, "auto"),
    longhand!("min-width", Kind::Size, false, "auto"),
    longhand!("opacity", Kind::Opacity, false, "1"),
    longhand!("overflow-x", Kind::Keywords(OVERFLOWS), false, "visible"),
    longhand!("overflow-y", Kind::Keywords(OVERFLOWS), false, "visible"),
    longhand!("padding-bottom", Kind::Padding, false, "0px"),
    longhand!("padding-left", Kind::Padding, false, "0px"),
    longhand!("padding-right", Kind::Padding, false, "0px"),
    longhand!("padding-top", Kind::Padding, false, "0px"),
    longhand!("position", Kind::Keywords(&["static", "relative", "absolute", "fixed", "sticky"]), false, "static"),
    longhand!("right", Kind::Inset, false, "auto"),
    longhand!("stop-color", Kind::Color, false, "black"),
    longhand!("stop-opacity", Kind::Opacity, false, "1"),
    longhand!("stroke", Kind::Paint, true, "none"),
    longhand!("stroke-dasharray", Kind::DashArray, true, "none"),
    longhand!("stroke-dashoffset", Kind::StrokeOffset, true, "0px"),
    longhand!("stroke-linecap", Kind::Keywords(&["butt", "round", "square"]), true, "butt"),
    longhand!("stroke-linejoin", Kind::Keywords(&["miter", "miter-clip", "round", "bevel", "arcs"]), true, "miter"),
    longhand!("stroke-miterlimit", Kind::NonNegativeNumber, true, "4"),
    longhand!("stroke-opacity", Kind::Opacity, true, "1"),
    longhand!("stroke-width", Kind::StrokeWidth, true, "1px"),
    longhand!("text-anchor", Kind::Keywords(&["start", "middle", "end"]), true, "start"),
    longhand!("top", Kind::Inset, false, "auto"),
    longhand!("visibility", Kind::Keywords(&["visible", "hidden", "collapse"]), true, "visible"),
    longhand!("width", Kind::Size, false, "auto"),
    longhand!("z-index", Kind::ZIndex, false, "auto"),
    // Not validated, and computed only as specified (or as the initial value given here).
    longhand!("align-items", Kind::Raw, false, ""),
    longhand!("animation", Kind::Raw, false, ""),
    longhand!("aspect-ratio", Kind::Raw, false, ""),
    longhand!("background-image", Kind::Raw, false, "none"),
    longhand!("border-radius", Kind::Raw, false, ""),
    longhand!("box-shadow", Kind::Raw, false, "none"),
    longhand!("content", Kind::Raw, false, "normal"),
    longhand!("cursor", Kind::Raw, true, ""),
    longhand!("filter", Kind::Raw, false, ""),
    longhand!("flex", Kind::Raw, false, ""),
    longhand!("flex-direction", Kind::Raw, false, ""),
    longhand!("font-family", Kind::Raw, true, ""),
    longhand!("font-size", Kind::Raw, true, "16px"),
    longhand!("font-style", Kind::Raw, true, "normal"),
    longhand!("font-weight", Kind::Raw, true, "400"),
    longhand!("gap", Kind::Raw, false, ""),
    longhand!("justify-content", Kind::Raw, false, ""),
    longhand!("line-height", Kind::Raw, true, "normal"),
    longhand!("object-fit", Kind::Raw, false, ""),
    longhand!("outline", Kind::Raw, false, ""),
    longhand!("clip-path", Kind::Raw, false, ""),
    longhand!("clip-rule", Kind::Keywords(&["nonzero", "evenodd"]), true, "nonzero"),
    longhand!("dominant-baseline", Kind::Raw, true, ""),
    longhand!("marker-end", Kind::Raw, true, ""),
    longhand!("marker-mid", Kind::Raw, true, ""),
    longhand!("marker-start", Kind::Raw, true, ""),
    longhand!("mask", Kind::Raw, false, ""),
    longhand!("paint-order", Kind::Raw, true, "normal"),
    longhand!("pointer-events", Kind::Raw, true, ""),
    longhand!("shape-rendering", Kind::Raw, true, ""),
    longhand!("text-align", Kind::Raw, true, "start"),
    longhand!("text-decoration", Kind::Raw, false, ""),
    longhand!("touch-action", Kind::Raw, false, ""),
    longhand!("transform", Kind::Transform, false, "none"),
    longhand!("transform-origin", Kind::Raw, false, "50% 50% 0px"),
    longhand!("transition", Kind::Raw, false, ""),
    longhand!("user-select", Kind::Raw, false, ""),
    longhand!("vector-effect", Kind::Raw, false, ""),
    longhand!("vertical-align", Kind::Raw, false, ""),
    // Read by pages that re-render the DOM themselves (html2canvas parses each of these and
    // fails on an empty value): their initial values, as Chromium computes them.
    longhand!("background-clip", Kind::Raw, false, "border-box"),
    longhand!("background-origin", Kind::Raw, false, "padding-box"),
    longhand!("background-position", Kind::Raw, false, "0% 0%"),
    longhand!("background-repeat", Kind::Raw, false, "repeat"),
    longhand!("background-size", Kind::Raw, false, "auto"),
    longhand!("counter-increment", Kind::Raw, false, "none"),
    longhand!("counter-reset", Kind::Raw, false, "none"),
    longhand!("direction", Kind::Keywords(&["ltr", "rtl"]), true, "ltr"),
    longhand!("font-variant", Kind::Raw, true, "normal"),
    longhand!("letter-spacing", Kind::Raw, true, "normal"),
    longhand!("line-break", Kind::Raw, true, "auto"),
    longhand!("list-style-image", Kind::Raw, true, "none"),
    longhand!("list-style-position", Kind::Keywords(&["inside", "outside"]), true, "outside"),
    longhand!("list-style-type", Kind::Raw, true, "disc"),
    longhand!("overflow-wrap", Kind::Raw, true, "normal"),
    longhand!("quotes", Kind::Raw, true, "auto"),
    longhand!("text-decoration-line", Kind::Raw, false, "none"),
    longhand!("text-shadow", Kind::Raw, true, "none"),
    longhand!("text-transform", Kind::Raw, true, "none"),
    longhand!("word-break", Kind::Raw, true, "normal"),
    longhand!("white-space", Kind::Raw, true, ""),
];

/// A shorthand and its longhands (in the order of its grammar).
pub struct Shorthand {
    pub name: &'static str,
    pub longhands: &'static [&'static str],
}

/// Shorthands, largest first (serialization prefers the one covering most).
pub static SHORTHANDS: &[Shorthand] = &[
    Shorthand {
        name: "border",
        longhands: &[
            "border-top-width",
            "border-right-width",
            "border-bottom-width",
            "border-left-width",
            "border-top-style",
            "border-right-style",
            "border-bottom-style",
            "border-left-style",
            "border-top-color",
            "border-right-color",
            "border-bottom-color",
            "border-left-color",
        ],
    },
    Shorthand {
        name: "border-width",
        longhands: &["border-top-width", "border-right-width", "border-bottom-width", "border-left-width"],
    },
    Shorthand {
        name: "border-style",
        longhands: &["border-top-style", "border-right-style", "border-bottom-style", "border-left-style"],
    },
    Shorthand {
        name: "border-color",
        longhands: &["border-top-color", "border-right-color", "border-bottom-color", "border-left-color"],
    },
    Shorthand { name: "margin", longhands: &["margin-top", "margin-right", "margin-bottom", "margin-left"] },
    Shorthand { name: "padding", longhands: &["padding-top", "padding-right", "padding-bottom", "padding-left"] },
    Shorthand { name: "border-top", longhands: &["border-top-width", "border-top-style", "border-top-color"] },
    Shorthand { name: "border-right", longhands: &["border-right-width", "border-right-style", "border-right-color"] },
    Shorthand {
        name: "border-bottom",
        longhands: &["border-bottom-width", "border-bottom-style", "border-bottom-color"],
    },
    Shorthand { name: "border-left", longhands: &["border-left-width", "border-left-style", "border-left-color"] },
    Shorthand { name: "overflow", longhands: &["overflow-x", "overflow-y"] },
    // Only a colour is accepted: Aperture models no other background longhand.
    Shorthand { name: "background", longhands: &["background-color"] },
    // `font-stretch` is not modelled: its keywords are accepted and dropped.
    Shorthand {
        name: "font",
        longhands: &["font-style", "font-variant", "font-weight", "font-size", "line-height", "font-family"],
    },
];

/// <https://drafts.csswg.org/css-fonts/#font-prop>: `[ <font-style> || <font-variant-css2> ||
/// <font-weight> || <font-stretch-css3> ]? <font-size> [ / <line-height> ]? <font-family>`,
/// as the values of font-style, font-variant, font-weight, font-size, line-height and
/// font-family (the ones not given are `normal`). System font keywords are not supported.
fn parse_font_shorthand(value: &str) -> Option<Vec<String>> {
    const SIZES: &[&str] =
        &["xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large", "smaller", "larger"];
    let value = value.trim();
    let (mut style, mut variant, mut weight) = (None, None, None);
    let mut rest = value;
    let mut prefix_count = 0;
    loop {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        let lower = word.to_ascii_lowercase();
        let take = match lower.as_str() {
            "normal" => true,
            "italic" | "oblique" if style.is_none() => {
                style = Some(lower.clone());
                true
            }
            "small-caps" if variant.is_none() => {
                variant = Some(lower.clone());
                true
            }
            "bold" | "bolder" | "lighter" if weight.is_none() => {
                weight = Some(lower.clone());
                true
            }
            w if weight.is_none() && w.parse::<f64>().is_ok_and(|n| (1.0..=1000.0).contains(&n)) => {
                weight = Some(w.to_owned());
                true
            }
            w if canvas_traits::text::STRETCH.contains(&w) => true,
            _ => false,
        };
        if !take {
            break;
        }
        prefix_count += 1;
        if prefix_count > 4 {
            return None;
        }
        rest = rest[end..].trim_start();
    }
    // The size, then an optional "/ line-height", then the family list.
    let size_end = rest.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(rest.len());
    let size = &rest[..size_end];
    let lower_size = size.to_ascii_lowercase();
    let size_ok = SIZES.contains(&lower_size.as_str())
        || match parse_dimension(size) {
            Some(Dimension::Length(n, _) | Dimension::Percentage(n)) => n >= 0.0,
            _ => false,
        };
    if !size_ok {
        return None;
    }
    rest = rest[size_end..].trim_start();
    let mut line_height = "normal".to_owned();
    if let Some(after) = rest.strip_prefix('/') {
        let after = after.trim_start();
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        line_height = after[..end].to_owned();
        if line_height.is_empty() {
            return None;
        }
        rest = after[end..].trim_start();
    }
    let family = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    if family.is_empty() {
        return None;
    }
    let normal = || "normal".to_owned();
    Some(vec![
        style.unwrap_or_else(normal),
        variant.unwrap_or_else(normal),
        weight.unwrap_or_else(normal),
        size.to_owned(),
        line_height,
        family,
    ])
}

pub fn longhand(name: &str) -> Option<&'static Longhand> {
    LONGHANDS.iter().find(|l| l.name == name)
}

pub fn shorthand(name: &str) -> Option<&'static Shorthand> {
    SHORTHANDS.iter().find(|s| s.name == name)
}

/// <https://drafts.csswg.org/cssom/#supported-css-property>, or a custom property (`--x`).
pub fn is_supported(name: &str) -> bool {
    is_custom(name) || longhand(name).is_some() || shorthand(name).is_some()
}

pub fn is_custom(name: &str) -> bool {
    name.starts_with("--")
}

/// One declaration of a block: a longhand (or custom property) and its specified value.
#[derive(Clone, Debug, PartialEq)]
pub struct Declaration {
    pub name: String,
    /// The serialized specified value.
    pub value: String,
    pub important: bool,
}

/// Parses a declaration list such as a `style` attribute's value, dropping
/// invalid and unknown declarations; a later declaration of a property
/// replaces an earlier one.
pub fn parse_declaration_block(text: &str) -> Vec<Declaration> {
    let mut block = Vec::new();
    let mut input = Parser::new(text);
    while !input.is_exhausted() {
        let parsed: Result<(String, String, bool), ParseError<()>> =
            input.parse_until_after(Delimiter::Semicolon, |i| {
                let name = i.expect_ident()?.to_string();
                i.expect_colon()?;
                let (value, important) = value_and_importance(i);
                Ok((name, value, important))
            });
        if let Ok((name, value, important)) = parsed {
            if is_custom(&name) {
                // A custom property keeps its value as written.
                set_declaration(&mut block, &name, value, important);
                continue;
            }
            let name = name.to_ascii_lowercase();
            if let Some(longhands) = parse_property(&name, &value) {
                for (longhand, value) in longhands {
                    set_declaration(&mut block, longhand, value, important);
                }
            }
        }
    }
    block
}

/// The rest of a declaration: its value text and whether it ends in `!important`.
fn value_and_importance(input: &mut Parser<'_>) -> (String, bool) {
    let start = input.position();
    let mut value_end = None;
    let mut important = false;
    loop {
        let before = input.position();
        let Ok(token) = input.next() else { break };
        if matches!(token, Token::Delim('!')) {
            let state = input.state();
            if input.expect_ident_matching("important").is_ok() && input.is_exhausted() {
                value_end = Some(before);
                important = true;
                break;
            }
            input.reset(&state);
        }
    }
    // (The position before the `!` token is not `before` when a function or block precedes
    // it: its contents are consumed by that next() call. The `!` is the last one in the text,
    // as only `important` and whitespace follow it.)
    let whole = input.slice_from(start);
    let value = match value_end {
        Some(_) => whole.rfind('!').map_or(whole, |i| &whole[..i]).to_string(),
        None => whole.to_string(),
    };
    (value.trim().to_string(), important)
}

/// Sets (or replaces in place) a declaration in `block`.
pub fn set_declaration(block: &mut Vec<Declaration>, name: &str, value: String, important: bool) {
    match block.iter_mut().find(|d| d.name == name) {
        Some(d) => {
            d.value = value;
            d.important = important;
        }
        None => block.push(Declaration { name: name.to_owned(), value, important }),
    }
}

/// Parses `value` for property `name` (a longhand, shorthand or custom
/// property) into the longhand declarations it sets, each value serialized;
/// `None` if the value is invalid.
pub fn parse_property(name: &str, value: &str) -> Option<Vec<(&'static str, String)>> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if is_custom(name) {
        // Custom properties take any value (kept as written, trimmed); their name is
        // not static, so the caller handles them.
        return None;
    }
    // CSS-wide keywords apply to every longhand of a shorthand.
    let lower = value.to_ascii_lowercase();
    let wide = matches!(lower.as_str(), "initial" | "inherit" | "unset" | "revert");
    if let Some(l) = longhand(name) {
        let v = if wide { Some(lower) } else { parse_longhand(l.kind, value) };
        return v.map(|v| vec![(l.name, v)]);
    }
    let s = shorthand(name)?;
    if wide {
        return Some(s.longhands.iter().map(|l| (*l, lower.clone())).collect());
    }
    let values: Vec<String> = match s.name {
        "margin" | "padding" | "border-width" | "border-style" | "border-color" => {
            let kind = longhand(s.longhands[0])?.kind;
            let parts = split_components(value)?;
            let parsed: Option<Vec<String>> = parts.iter().map(|p| parse_longhand(kind, p)).collect();
            expand_box(parsed?)?
        }
        "border" | "border-top" | "border-right" | "border-bottom" | "border-left" => {
            let (width, style, color) = parse_border_components(value)?;
            if s.name == "border" {
                let mut v = vec![width; 4];
                v.extend(vec![style; 4]);
                v.extend(vec![color; 4]);
                v
            } else {
                vec![width, style, color]
            }
        }
        "overflow" => {
            let parts = split_components(value)?;
            let parsed: Option<Vec<String>> =
                parts.iter().map(|p| parse_longhand(Kind::Keywords(OVERFLOWS), p)).collect();
            match parsed?.as_slice() {
                [x] => vec![x.clone(), x.clone()],
                [x, y] => vec![x.clone(), y.clone()],
                _ => return None,
            }
        }
        "background" => vec![parse_longhand(Kind::Color, value)?],
        "font" => parse_font_shorthand(value)?,
        _ => return None,
    };
    Some(s.longhands.iter().copied().zip(values).collect())
}

/// The space-separated components of a value (functions kept whole).
fn split_components(value: &str) -> Option<Vec<String>> {
    let mut input = Parser::new(value);
    let mut parts = Vec::new();
    while !input.is_exhausted() {
        let start = input.position();
        let token = input.next().ok()?.clone();
        if matches!(token, Token::Function(_)) {
            let _: Result<(), ParseError<()>> = input.parse_nested_block(|i| {
                while i.next().is_ok() {}
                Ok(())
            });
        }
        parts.push(input.slice_from(start).trim().to_string());
    }
    Some(parts)
}

/// `margin: 1px 2px` → top, right, bottom, left.
fn expand_box(values: Vec<String>) -> Option<Vec<String>> {
    Some(match values.as_slice() {
        [a] => vec![a.clone(), a.clone(), a.clone(), a.clone()],
        [a, b] => vec![a.clone(), b.clone(), a.clone(), b.clone()],
        [a, b, c] => vec![a.clone(), b.clone(), c.clone(), b.clone()],
        [a, b, c, d] => vec![a.clone(), b.clone(), c.clone(), d.clone()],
        _ => return None,
    })
}

/// `<line-width> || <line-style> || <color>`, missing ones initial.
fn parse_border_components(value: &str) -> Option<(String, String, String)> {
    let (mut width, mut style, mut color) = (None, None, None);
    for part in split_components(value)? {
        if width.is_none()
            && let Some(w) = parse_longhand(Kind::LineWidth, &part)
        {
            width = Some(w);
            continue;
        }
        if style.is_none()
            && let Some(s) = parse_longhand(Kind::LineStyle, &part)
        {
            style = Some(s);
            continue;
        }
        if color.is_none()
            && let Some(c) = parse_longhand(Kind::Color, &part)
        {
            color = Some(c);
            continue;
        }
        return None;
    }
    Some((
        width.unwrap_or_else(|| "medium".into()),
        style.unwrap_or_else(|| "none".into()),
        color.unwrap_or_else(|| "currentcolor".into()),
    ))
}

/// A number as CSS serializes it: at most six decimals, no trailing zeros.
pub fn format_number(n: f64) -> String {
    let rounded = (n * 1e6).round() / 1e6;
    if rounded == rounded.trunc() && rounded.abs() < 1e15 {
        return format!("{}", rounded as i64);
    }
    let s = format!("{rounded:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

const LENGTH_UNITS: &[&str] =
    &["px", "em", "rem", "ex", "ch", "vw", "vh", "vmin", "vmax", "cm", "mm", "q", "in", "pt", "pc"];

/// A length, percentage or keyword in a length-like grammar.
enum Dimension {
    Length(f64, String),
    Percentage(f64),
    Keyword(String),
}

fn parse_dimension(value: &str) -> Option<Dimension> {
    let mut input = Parser::new(value);
    let result: Result<Dimension, ParseError<()>> = input.parse_entirely(|i| {
        let token = i.next()?.clone();
        Ok(match token {
            Token::Dimension { value, ref unit, .. } if LENGTH_UNITS.contains(&unit.to_ascii_lowercase().as_str()) => {
                Dimension::Length(value as f64, unit.to_ascii_lowercase())
            }
            // Unitless zero is a length.
            Token::Number { value: 0.0, .. } => Dimension::Length(0.0, "px".into()),
            Token::Percentage { unit_value, .. } => Dimension::Percentage(unit_value as f64 * 100.0),
            Token::Ident(ref k) => Dimension::Keyword(k.to_ascii_lowercase()),
            _ => return Err(ParseError::custom(())),
        })
    });
    result.ok()
}

/// Validates `value` against `kind`; the serialized specified value.
pub fn parse_longhand(kind: Kind, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let length_like = |keywords: &[&str], negative: bool, percent: bool| -> Option<String> {
        match parse_dimension(value)? {
            Dimension::Length(n, unit) if negative || n >= 0.0 => Some(format!("{}{unit}", format_number(n))),
            Dimension::Percentage(p) if percent && (negative || p >= 0.0) => Some(format!("{}%", format_number(p))),
            Dimension::Keyword(k) if keywords.contains(&k.as_str()) => Some(k),
            _ => None,
        }
    };
    match kind {
        Kind::Size => length_like(&["auto"], false, true),
        Kind::MaxSize => length_like(&["none"], false, true),
        Kind::Inset | Kind::Margin => length_like(&["auto"], true, true),
        Kind::Padding => length_like(&[], false, true),
        Kind::LineWidth => length_like(&["thin", "medium", "thick"], false, false),
        Kind::LineStyle => keyword(value, LINE_STYLES),
        Kind::Keywords(list) => keyword(value, list),
        Kind::Color => parse_specified_color(value),
        Kind::Opacity => {
            let mut input = Parser::new(value);
            let n: Result<f64, ParseError<()>> = input.parse_entirely(|i| match *i.next()? {
                Token::Number { value, .. } => Ok(value as f64),
                Token::Percentage { unit_value, .. } => Ok(unit_value as f64),
                _ => Err(ParseError::custom(())),
            });
            n.ok().map(format_number)
        }
        Kind::ZIndex => {
            if value.eq_ignore_ascii_case("auto") {
                return Some("auto".into());
            }
            let mut input = Parser::new(value);
            let n: Result<i32, ParseError<()>> = input.parse_entirely(|i| match *i.next()? {
                Token::Number { int_value: Some(v), .. } => Ok(v),
                _ => Err(ParseError::custom(())),
            });
            n.ok().map(|n| n.to_string())
        }
        Kind::Paint => parse_paint(value),
        Kind::StrokeWidth => parse_length_or_number(value, false),
        Kind::StrokeOffset => parse_length_or_number(value, true),
        Kind::DashArray => {
            if value.eq_ignore_ascii_case("none") {
                return Some("none".into());
            }
            // Comma- and/or whitespace-separated (as browsers accept), at least one, none
            // negative; an empty item between commas is invalid.
            let mut parts = Vec::new();
            for item in value.split(',') {
                let words: Vec<&str> = item.split_ascii_whitespace().collect();
                if words.is_empty() {
                    return None;
                }
                parts.extend(words);
            }
            let parsed: Option<Vec<String>> = parts.iter().map(|p| parse_length_or_number(p, false)).collect();
            Some(parsed?.join(", "))
        }
        Kind::NonNegativeNumber => {
            let mut input = Parser::new(value);
            let n: Result<f64, ParseError<()>> = input.parse_entirely(|i| match *i.next()? {
                Token::Number { value, .. } if value >= 0.0 => Ok(value as f64),
                _ => Err(ParseError::custom(())),
            });
            n.ok().map(format_number)
        }
        Kind::Transform => {
            let collapsed = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if collapsed.eq_ignore_ascii_case("none") {
                return Some("none".into());
            }
            // Any lengths (relative ones and translate()'s percentages resolve at use).
            let probe = crate::dom::geometry::matrix::LengthContext {
                em: 16.0,
                rem: 16.0,
                viewport: (100.0, 100.0),
                reference_box: (100.0, 100.0),
            };
            crate::dom::geometry::matrix::parse_css_transform(&collapsed, &probe).ok().map(|_| collapsed)
        }
        Kind::Raw => Some(value.split_whitespace().collect::<Vec<_>>().join(" ")),
    }
}

/// A `<length-percentage> | <number>` (a number is in user units, CSS pixels), serialized as
/// written: `2`, `2px`, `50%`.
fn parse_length_or_number(value: &str, negative: bool) -> Option<String> {
    let mut input = Parser::new(value.trim());
    let number: Result<f64, ParseError<()>> = input.parse_entirely(|i| match *i.next()? {
        Token::Number { value, .. } => Ok(value as f64),
        _ => Err(ParseError::custom(())),
    });
    if let Ok(n) = number {
        return (negative || n >= 0.0).then(|| format_number(n));
    }
    match parse_dimension(value.trim())? {
        Dimension::Length(n, unit) if negative || n >= 0.0 => Some(format!("{}{unit}", format_number(n))),
        Dimension::Percentage(p) if negative || p >= 0.0 => Some(format!("{}%", format_number(p))),
        _ => None,
    }
}

/// <https://svgwg.org/svg2-draft/painting.html#SpecifyingPaint>:
/// `none | <color> | <url> [none | <color>]? | context-fill | context-stroke`.
fn parse_paint(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    if matches!(lower.as_str(), "none" | "context-fill" | "context-stroke") {
        return Some(lower);
    }
    let mut input = Parser::new(value);
    let url: Result<String, ParseError<()>> = input.try_parse(|i| match i.next()?.clone() {
        Token::UnquotedUrl(u) => Ok(u.to_string()),
        Token::Function(ref f) if f.eq_ignore_ascii_case("url") => i.parse_nested_block(|b| match b.next()?.clone() {
            Token::QuotedString(u) => Ok(u.to_string()),
            _ => Err(ParseError::custom(())),
        }),
        _ => Err(ParseError::custom(())),
    });
    match url {
        Ok(u) => {
            let rest = value[input.position().byte_index()..].trim().to_string();
            let url = format!("url(\"{}\")", u.replace('\\', "\\\\").replace('"', "\\\""));
            if rest.is_empty() {
                Some(url)
            } else if rest.eq_ignore_ascii_case("none") {
                Some(format!("{url} none"))
            } else {
                parse_specified_color(&rest).map(|c| format!("{url} {c}"))
            }
        }
        Err(_) => parse_specified_color(value),
    }
}

fn keyword(value: &str, list: &[&str]) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    list.contains(&lower.as_str()).then_some(lower)
}

/// A specified colour: keywords stay keywords, anything else becomes `rgb()`/`rgba()`.
fn parse_specified_color(value: &str) -> Option<String> {
    let parsed = parse_css_color(value)?;
    let lower = value.to_ascii_lowercase();
    if lower.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(lower);
    }
    Some(match parsed {
        ParsedColor::CurrentColor => "currentcolor".into(),
        ParsedColor::Rgba(c) => serialize_color(c),
    })
}

/// <https://drafts.csswg.org/css-color-4/#serializing-sRGB-values>: `rgb(r, g, b)` or `rgba(r, g, b, a)`.
pub fn serialize_color(c: RgbaColor) -> String {
    if c.alpha == 255 {
        return format!("rgb({}, {}, {})", c.red, c.green, c.blue);
    }
    // The shortest of two or three decimals that maps back to the same alpha byte.
    let exact = c.alpha as f64 / 255.0;
    let mut a = (exact * 100.0).round() / 100.0;
    if (a * 255.0).round() as u8 != c.alpha {
        a = (exact * 1000.0).round() / 1000.0;
    }
    format!("rgba({}, {}, {}, {})", c.red, c.green, c.blue, format_number(a))
}

/// The serialization of shorthand `s` from `block`, if every longhand is there
/// with the same importance and the values fit its grammar
/// (<https://drafts.csswg.org/cssom/#serialize-a-css-value>).
pub fn serialize_shorthand(s: &Shorthand, block: &[Declaration]) -> Option<(String, bool)> {
    let decls: Option<Vec<&Declaration>> = s.longhands.iter().map(|l| block.iter().find(|d| d.name == *l)).collect();
    let decls = decls?;
    let important = decls[0].important;
    if decls.iter().any(|d| d.important != important) {
        return None;
    }
    let values: Vec<&str> = decls.iter().map(|d| d.value.as_str()).collect();
    // A CSS-wide keyword serializes the shorthand only if every longhand has it.
    let wide = |v: &str| matches!(v, "initial" | "inherit" | "unset" | "revert");
    if values.iter().any(|v| wide(v)) {
        return values.iter().all(|v| *v == values[0]).then(|| (values[0].to_string(), important));
    }
    let text = match s.name {
        "margin" | "padding" | "border-width" | "border-style" | "border-color" => minimize_box(&values),
        "border" => {
            // Every side must agree.
            let sides_equal =
                |range: std::ops::Range<usize>| values[range.clone()].iter().all(|v| *v == values[range.start]);
            if !(sides_equal(0..4) && sides_equal(4..8) && sides_equal(8..12)) {
                return None;
            }
            border_text(values[0], values[4], values[8])
        }
        "border-top" | "border-right" | "border-bottom" | "border-left" => border_text(values[0], values[1], values[2]),
        "overflow" => {
            if values[0] == values[1] {
                values[0].to_string()
            } else {
                format!("{} {}", values[0], values[1])
            }
        }
        "background" => values[0].to_string(),
        "font" => {
            let mut parts: Vec<&str> = values[..3].iter().copied().filter(|v| *v != "normal").collect();
            let size =
                if values[4] == "normal" { values[3].to_owned() } else { format!("{}/{}", values[3], values[4]) };
            parts.push(&size);
            parts.push(values[5]);
            parts.join(" ")
        }
        _ => return None,
    };
    Some((text, important))
}

fn minimize_box(v: &[&str]) -> String {
    let (t, r, b, l) = (v[0], v[1], v[2], v[3]);
    if r == l {
        if t == b { if t == r { t.to_string() } else { format!("{t} {r}") } } else { format!("{t} {r} {b}") }
    } else {
        format!("{t} {r} {b} {l}")
    }
}

/// `border` components other than their initial values (`none` if all are).
fn border_text(width: &str, style: &str, color: &str) -> String {
    let mut parts = Vec::new();
    if width != "medium" {
        parts.push(width);
    }
    if style != "none" {
        parts.push(style);
    }
    if color != "currentcolor" {
        parts.push(color);
    }
    if parts.is_empty() { "none".to_string() } else { parts.join(" ") }
}

/// <https://drafts.csswg.org/cssom/#serialize-a-css-declaration-block>, using
/// shorthands where every longhand of one is present.
pub fn serialize_block(block: &[Declaration]) -> String {
    let mut out = String::new();
    let mut done = vec![false; block.len()];
    for (i, d) in block.iter().enumerate() {
        if done[i] {
            continue;
        }
        let mut serialized = false;
        // `background` stands for more longhands than Aperture models, so a lone
        // background-color never serializes as it.
        for s in SHORTHANDS.iter().filter(|s| s.name != "background" && s.longhands.contains(&d.name.as_str())) {
            if s.longhands.iter().any(|l| block.iter().enumerate().any(|(j, x)| x.name == *l && done[j])) {
                continue;
            }
            if let Some((text, important)) = serialize_shorthand(s, block) {
                push_declaration(&mut out, s.name, &text, important);
                for (j, x) in block.iter().enumerate() {
                    if s.longhands.contains(&x.name.as_str()) {
                        done[j] = true;
                    }
                }
                serialized = true;
                break;
            }
        }
        if !serialized {
            push_declaration(&mut out, &d.name, &d.value, d.important);
            done[i] = true;
        }
    }
    out
}

fn push_declaration(out: &mut String, name: &str, value: &str, important: bool) {
    if !out.is_empty() {
        out.push(' ');
    }
    let _ = write!(out, "{name}: {value}{};", if important { " !important" } else { "" });
}

/// A length converted to CSS pixels, if it is absolute or font-relative
/// (with the 16px default font size and an 800×600 viewport).
pub fn length_to_px(value: &str) -> Option<f64> {
    match parse_dimension(value)? {
        Dimension::Length(n, unit) => Some(
            n * match unit.as_str() {
                "px" => 1.0,
                "in" => 96.0,
                "cm" => 96.0 / 2.54,
                "mm" => 96.0 / 25.4,
                "q" => 96.0 / 101.6,
                "pt" => 96.0 / 72.0,
                "pc" => 16.0,
                "em" | "rem" => 16.0,
                "ex" | "ch" => 8.0,
                "vw" => 8.0,
                "vh" => 6.0,
                "vmin" => 6.0,
                "vmax" => 8.0,
                _ => return None,
            },
        ),
        _ => None,
    }
}

/// A length-like specified value as a computed value: absolute lengths in
/// `px`, percentages and keywords as they are.
pub fn compute_length(value: &str) -> String {
    match length_to_px(value) {
        Some(px) => format!("{}px", format_number(px)),
        None => value.to_string(),
    }
}

/// A colour's computed value (`currentcolor` resolved against `current`).
pub fn compute_color(value: &str, current: RgbaColor) -> String {
    match parse_css_color(value) {
        Some(ParsedColor::Rgba(c)) => serialize_color(c),
        Some(ParsedColor::CurrentColor) => serialize_color(current),
        None => value.to_string(),
    }
}

/// `thin`, `medium`, `thick` or a length, in pixels.
pub fn line_width_px(value: &str) -> f64 {
    match value {
        "thin" => 1.0,
        "medium" => 3.0,
        "thick" => 5.0,
        other => length_to_px(other).unwrap_or(3.0),
    }
}

/// Parses a colour's computed value back (for `currentcolor` of children).
pub fn color_of(computed: &str) -> RgbaColor {
    match parse_css_color(computed) {
        Some(ParsedColor::Rgba(c)) => c,
        _ => RgbaColor::BLACK,
    }
}

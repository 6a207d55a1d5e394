//! Fuzz targets: the CSS colour parser and the `font` shorthand parser of the 2D context
//! (`canvas_traits::{color, text}`), on mutated colour and font strings.
//!
//! Checks, besides "no panic": what parses serializes to a string that parses back to the same
//! value (the getters return the serialization, and pages assign it back), and a font size is
//! finite and not negative.

use canvas_traits::color::{parse_canvas_color, serialize_canvas_color};
use canvas_traits::text::CanvasFont;
use fuzz_targets::{Bytes, fuzz, mutate_text};

const COLOR_SEEDS: &[&str] = &[
    "red",
    "#abc",
    "#abcd",
    "#aabbcc",
    "#aabbccdd",
    "rgb(1, 2, 3)",
    "rgba(1,2,3,0.5)",
    "rgb(10% 20% 30% / 40%)",
    "hsl(120deg 50% 50%)",
    "hsla(1turn, 10%, 10%, .3)",
    "hwb(90 10% 10% / none)",
    "transparent",
    "currentcolor",
    "  Blue  ",
    "rgb(none none none)",
];

const COLOR_TOKENS: &[&str] = &[
    "rgb(",
    "rgba(",
    "hsl(",
    "hsla(",
    "hwb(",
    "lab(",
    "color(",
    "calc(",
    ")",
    ",",
    "/",
    "%",
    "deg",
    "rad",
    "grad",
    "turn",
    "none",
    "e",
    "e-",
    "e+308",
    "-",
    "+",
    ".",
    "1e39",
    "-1e39",
    "NaN",
    "infinity",
    "#",
    "#f",
    "ff",
    "\\",
    "\"",
    "'",
    "/*",
    "*/",
    " ",
    "\u{0}",
    "\u{FFFD}",
    "9999999999",
];

const FONT_SEEDS: &[&str] = &[
    "10px sans-serif",
    "bold 12px serif",
    "italic small-caps 700 condensed 16px/2 \"Open Sans\", monospace",
    "oblique 10deg 1.5em Arial",
    "larger serif",
    "xx-large cursive",
    "50% system-ui",
    "100 1px a",
    "normal normal normal normal 0px x",
];

const FONT_TOKENS: &[&str] = &[
    "italic ",
    "oblique ",
    "small-caps ",
    "bold ",
    "bolder ",
    "lighter ",
    "100 ",
    "1000 ",
    "1001 ",
    "0 ",
    "ultra-condensed ",
    "expanded ",
    "px",
    "em",
    "rem",
    "%",
    "pt",
    "vw",
    "larger",
    "smaller",
    "medium",
    "xxx-large",
    "/",
    "normal",
    "inherit",
    "initial",
    "caption",
    "calc(",
    ")",
    ",",
    "\"",
    "'",
    "serif",
    "-1e308",
    "1e308",
    "1e-308",
    "NaN",
    "-0",
    "0.",
    " ",
    "\\",
    "\u{0}",
    "-2deg",
    "90deg",
    "91deg",
    "e3",
];

fn color(data: &[u8]) {
    let mut b = Bytes::new(data);
    let seed = *b.pick(COLOR_SEEDS);
    let text = mutate_text(seed, &mut b, COLOR_TOKENS);
    let current =
        if b.bool() { None } else { Some(canvas_traits::color::RgbaColor::new(b.u8(), b.u8(), b.u8(), b.u8())) };
    if let Some(c) = parse_canvas_color(&text, current) {
        let s = serialize_canvas_color(c);
        assert_eq!(parse_canvas_color(&s, None), Some(c), "{text:?} → {s:?} does not parse back to the same colour");
    }
}

fn font(data: &[u8]) {
    let mut b = Bytes::new(data);
    let seed = *b.pick(FONT_SEEDS);
    let text = mutate_text(seed, &mut b, FONT_TOKENS);
    let parent = match b.u8() % 4 {
        0 => 10.0,
        1 => 16.0,
        // The canvas element's computed font size: any CSS length a page can give it.
        _ => f64::from(b.u16()) / 4.0,
    };
    if let Some(f) = CanvasFont::parse(&text, parent) {
        assert!(f.size_px.is_finite() && f.size_px >= 0.0, "{text:?} (parent {parent}) → size {}", f.size_px);
        let s = f.serialize();
        let again = CanvasFont::parse(&s, parent).unwrap_or_else(|| panic!("{text:?} → {s:?} does not parse"));
        assert_eq!(again.serialize(), s, "{text:?} → {s:?} does not parse back to the same font");
    }
}

#[test]
fn css_color() {
    fuzz("css_color", color);
}

#[test]
fn canvas_font() {
    fuzz("canvas_font", font);
}

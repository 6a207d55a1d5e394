//! A box's [`::layout::Style`] from the cascade: each property's cascaded value
//! (`css::computedstyle::cascaded_values`: inline style, style rules, presentational hints, the UA
//! defaults the cascade models), else the UA rules below, else inheritance or the initial value.
//! Relative units are resolved here against the box's own font size (the cascade's computed
//! values count an `em` as 16px).
//!
//! The UA rules of <https://html.spec.whatwg.org/multipage/rendering.html> that only layout applies
//! (margins of paragraphs, headings and lists, list padding, heading font sizes, monospace and
//! `white-space: pre` for `<pre>`): FIXME: they belong in the cascade, where `getComputedStyle()`
//! would report them; it does not resolve `em` against the font size yet, so they live here.

use ::layout::style::{
    LengthContext, metrics_for_family, parse_flex, parse_font_size, parse_length, parse_line_height,
};
use ::layout::{
    Align, Display, FlexContainer, Font, FontMetrics, Justify, LineHeight, Position, Size, Style, TextAlign, Viewport,
};

use crate::dom::css::cascade::Cascade;
use crate::dom::css::computedstyle::cascaded_values;
use crate::dom::dom::element::Element;

/// What an element passes on to its children besides its style.
#[derive(Clone, Debug)]
pub struct Inherited {
    pub style: Style,
    /// The font size still comes from the initial `medium` (Chromium's 13px for monospace).
    pub medium: bool,
    pub monospace: bool,
    /// `white-space`: spaces kept, newlines kept.
    pub keep_spaces: bool,
    pub keep_newlines: bool,
    /// `visibility: visible` (not `hidden` or `collapse`), and `pointer-events` other than
    /// `none`: together, whether the box can be hit (`elementFromPoint()`).
    pub visible: bool,
    pub pointer_events: bool,
    /// `font-family` as written (`None`: the initial value, the standard font), `font-weight`
    /// as a number and `font-style`: with the size, the font text runs are measured in.
    pub font_family: Option<String>,
    pub font_weight: u16,
    pub italic: bool,
    /// `font_value()`, made once per element for its text runs.
    pub font: std::rc::Rc<str>,
}

impl Inherited {
    /// The CSS `font` its text is measured in.
    pub fn font_value(&self) -> String {
        format!(
            "{} {} {}px {}",
            if self.italic { "italic" } else { "normal" },
            self.font_weight,
            self.style.font.size,
            self.font_family.as_deref().unwrap_or("serif")
        )
    }

    /// What the root element inherits from: initial values.
    pub fn initial() -> Inherited {
        let mut initial = Inherited {
            style: Style::default(),
            medium: true,
            monospace: false,
            keep_spaces: false,
            keep_newlines: false,
            visible: true,
            pointer_events: true,
            font_family: None,
            font_weight: 400,
            italic: false,
            font: std::rc::Rc::from(""),
        };
        initial.font = std::rc::Rc::from(initial.font_value());
        initial
    }
}

/// The properties layout reads: `P::X as usize` is the index of "x" in [`PROPERTIES`].
macro_rules! properties {
    ($($id:ident: $name:literal,)*) => {
        #[derive(Clone, Copy)]
        enum P {
            $($id,)*
        }
        const PROPERTIES: &[&str] = &[$($name,)*];
    };
}

properties! {
    Display: "display",
    Position: "position",
    BoxSizing: "box-sizing",
    Width: "width",
    Height: "height",
    MinWidth: "min-width",
    MaxWidth: "max-width",
    MinHeight: "min-height",
    MaxHeight: "max-height",
    MarginTop: "margin-top",
    MarginRight: "margin-right",
    MarginBottom: "margin-bottom",
    MarginLeft: "margin-left",
    PaddingTop: "padding-top",
    PaddingRight: "padding-right",
    PaddingBottom: "padding-bottom",
    PaddingLeft: "padding-left",
    BorderTopWidth: "border-top-width",
    BorderRightWidth: "border-right-width",
    BorderBottomWidth: "border-bottom-width",
    BorderLeftWidth: "border-left-width",
    BorderTopStyle: "border-top-style",
    BorderRightStyle: "border-right-style",
    BorderBottomStyle: "border-bottom-style",
    BorderLeftStyle: "border-left-style",
    Top: "top",
    Right: "right",
    Bottom: "bottom",
    Left: "left",
    OverflowX: "overflow-x",
    OverflowY: "overflow-y",
    FontSize: "font-size",
    FontFamily: "font-family",
    FontWeight: "font-weight",
    FontStyle: "font-style",
    LineHeight: "line-height",
    WhiteSpace: "white-space",
    TextAlign: "text-align",
    FlexDirection: "flex-direction",
    Gap: "gap",
    JustifyContent: "justify-content",
    AlignItems: "align-items",
    Flex: "flex",
    Visibility: "visibility",
    PointerEvents: "pointer-events",
    // Not used by the box model: read by `getBoundingClientRect()` to know whether a box is
    // transformed before it computes the cascade (`queries::transformed_border_box`).
    Transform: "transform",
}

const MARGIN: [P; 4] = [P::MarginTop, P::MarginRight, P::MarginBottom, P::MarginLeft];
const PADDING: [P; 4] = [P::PaddingTop, P::PaddingRight, P::PaddingBottom, P::PaddingLeft];
const BORDER_WIDTH: [P; 4] = [P::BorderTopWidth, P::BorderRightWidth, P::BorderBottomWidth, P::BorderLeftWidth];
const BORDER_STYLE: [P; 4] = [P::BorderTopStyle, P::BorderRightStyle, P::BorderBottomStyle, P::BorderLeftStyle];
const INSET: [P; 4] = [P::Top, P::Right, P::Bottom, P::Left];

/// The UA style sheet rules only layout applies (see the module comment).
fn ua_rule(element: &Element, in_list: bool, property: &str) -> Option<&'static str> {
    if !element.is_html_element() {
        return None;
    }
    let name = element.local_name();
    let heading = |sizes: [&'static str; 6]| match name {
        "h1" => Some(sizes[0]),
        "h2" => Some(sizes[1]),
        "h3" => Some(sizes[2]),
        "h4" => Some(sizes[3]),
        "h5" => Some(sizes[4]),
        "h6" => Some(sizes[5]),
        _ => None,
    };
    match property {
        "margin-top" | "margin-bottom" => match name {
            "ul" | "ol" | "menu" | "dir" | "dl" if in_list => Some("0"),
            "p" | "ul" | "ol" | "menu" | "dir" | "dl" | "blockquote" | "figure" | "pre" | "listing" | "xmp"
            | "plaintext" => Some("1em"),
            "hr" => Some("0.5em"),
            _ => heading(["0.67em", "0.83em", "1em", "1.33em", "1.67em", "2.33em"]),
        },
        "margin-left" | "margin-right" => match name {
            "blockquote" | "figure" => Some("40px"),
            "hr" => Some("auto"),
            "dd" if property == "margin-left" => Some("40px"),
            _ => None,
        },
        "padding-left" if matches!(name, "ul" | "ol" | "menu" | "dir") => Some("40px"),
        "border-top-width" | "border-right-width" | "border-bottom-width" | "border-left-width" if name == "hr" => {
            Some("1px")
        }
        "border-top-style" | "border-right-style" | "border-bottom-style" | "border-left-style" if name == "hr" => {
            Some("inset")
        }
        "overflow-x" | "overflow-y" if name == "hr" => Some("hidden"),
        "font-size" => match name {
            "small" | "sub" | "sup" => Some("smaller"),
            "big" => Some("larger"),
            _ => heading(["2em", "1.5em", "1.17em", "1em", "0.83em", "0.67em"]),
        },
        "font-family" if matches!(name, "pre" | "code" | "kbd" | "samp" | "tt" | "listing" | "xmp" | "plaintext") => {
            Some("monospace")
        }
        "text-align" if name == "center" => Some("center"),
        "font-weight" if matches!(name, "b" | "strong" | "th" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
            Some("bold")
        }
        "font-style" if matches!(name, "i" | "em" | "cite" | "var" | "dfn" | "address") => Some("italic"),
        "white-space" => match name {
            "pre" | "listing" | "xmp" | "plaintext" => Some("pre"),
            "textarea" => Some("pre-wrap"),
            "nobr" => Some("nowrap"),
            _ => None,
        },
        _ => None,
    }
}

/// A non-inherited property's value: `None` for its initial value.
fn own(value: &Option<String>) -> Option<&str> {
    match value.as_deref() {
        Some("initial" | "unset" | "revert" | "revert-layer") | None => None,
        Some(v) => Some(v),
    }
}

/// The cascaded values of the properties layout reads, for one element.
pub struct Values(Vec<Option<String>>);

impl Values {
    /// Whether a `transform` other than `none` is declared for the element.
    pub fn has_transform(&self) -> bool {
        self.0[P::Transform as usize]
            .as_deref()
            .is_some_and(|v| !matches!(v.trim(), "none" | "initial" | "unset" | "revert" | "revert-layer"))
    }
}

/// The values of `element` from the cascade, else the UA rules only layout applies; `in_list`
/// when an ancestor is a list (nested lists lose their vertical margins).
pub fn element_values(cascade: &Cascade, element: &Element, in_list: bool) -> Values {
    let mut values = cascaded_values(cascade, element, PROPERTIES);
    for (i, value) in values.iter_mut().enumerate() {
        if value.is_none() {
            *value = ua_rule(element, in_list, PROPERTIES[i]).map(str::to_owned);
        }
    }
    Values(values)
}

/// The style of an element of `values`, whose parent passes `parent`; `root` for the root element.
pub fn element_style(values: &Values, parent: &Inherited, root: bool, viewport: Viewport) -> Inherited {
    let values = &values.0;
    let get = |p: P| &values[p as usize];
    let p = &parent.style;

    // Inherited properties first: the font sizes every length.
    let inherits = |p: P| matches!(get(p).as_deref(), None | Some("inherit" | "unset"));
    let family = if inherits(P::FontFamily) { None } else { get(P::FontFamily).clone() };
    let monospace = match family.as_deref() {
        Some("initial") => false,
        Some(f) => metrics_for_family(f) == FontMetrics::MONO,
        None => parent.monospace,
    };
    let metrics = match family.as_deref() {
        Some("initial") => FontMetrics::SERIF,
        Some(f) => metrics_for_family(f),
        None => p.font.metrics,
    };
    // FIXME: `rem` counts the initial 16px, not the root element's font size.
    let mut ctx =
        LengthContext { em: p.font.size, rem: 16.0, viewport_width: viewport.width, viewport_height: viewport.height };
    let (mut size, medium) = match get(P::FontSize).as_deref() {
        None | Some("inherit" | "unset") => (p.font.size, parent.medium),
        Some("initial" | "medium") => (16.0, true),
        Some(v) => match parse_font_size(v, p.font.size, &ctx) {
            Some(px) => (px, false),
            None => (p.font.size, parent.medium),
        },
    };
    if medium && monospace {
        // A font size that is still the initial `medium` is 13px for monospace (Chromium's
        // default fixed font size).
        size = 13.0;
    }
    let font = Font { size, metrics };
    ctx.em = size;
    let line_height = match get(P::LineHeight).as_deref() {
        None | Some("inherit" | "unset") => p.line_height,
        Some("initial") => LineHeight::Normal,
        Some(v) => parse_line_height(v, size, &ctx).unwrap_or(p.line_height),
    };
    let text_align = match get(P::TextAlign).as_deref() {
        None | Some("inherit" | "unset" | "match-parent") => p.text_align,
        Some("center" | "-webkit-center") => TextAlign::Center,
        Some("right" | "end" | "-webkit-right") => TextAlign::End,
        Some(_) => TextAlign::Start,
    };
    let visible = match get(P::Visibility).as_deref() {
        None | Some("inherit" | "unset") => parent.visible,
        Some("hidden" | "collapse") => false,
        Some(_) => true,
    };
    let pointer_events = match get(P::PointerEvents).as_deref() {
        None | Some("inherit" | "unset") => parent.pointer_events,
        Some(v) => !v.eq_ignore_ascii_case("none"),
    };
    let (keep_spaces, keep_newlines) = match get(P::WhiteSpace).as_deref() {
        None | Some("inherit" | "unset") => (parent.keep_spaces, parent.keep_newlines),
        Some("pre" | "pre-wrap" | "break-spaces") => (true, true),
        Some("pre-line") => (false, true),
        Some(_) => (false, false),
    };

    // Non-inherited properties: `inherit` takes the parent's used input.
    let length = |p: P, initial: Size, from_parent: Size| -> Size {
        match get(p).as_deref() {
            Some("inherit") => from_parent,
            _ => own(get(p)).and_then(|v| parse_length(v, &ctx)).unwrap_or(initial),
        }
    };
    let margin = std::array::from_fn(|i| length(MARGIN[i], Size::Px(0.0), p.margin[i]));
    let padding = std::array::from_fn(|i| length(PADDING[i], Size::Px(0.0), p.padding[i]));
    let inset = std::array::from_fn(|i| length(INSET[i], Size::Auto, p.inset[i]));
    let border = std::array::from_fn(|i| {
        let style = own(get(BORDER_STYLE[i])).unwrap_or("none");
        if matches!(style, "none" | "hidden" | "inherit") {
            return if style == "inherit" { p.border[i] } else { 0.0 };
        }
        match own(get(BORDER_WIDTH[i])).unwrap_or("medium") {
            "thin" => 1.0,
            "medium" => 3.0,
            "thick" => 5.0,
            v => match parse_length(v, &ctx) {
                Some(Size::Px(px)) if px >= 0.0 => px,
                _ => 3.0,
            },
        }
    });

    let display_value = own(get(P::Display)).unwrap_or("inline");
    let flex = matches!(display_value, "flex" | "inline-flex").then(|| {
        let row = !own(get(P::FlexDirection)).is_some_and(|d| d.starts_with("column"));
        // `gap` is `row-gap column-gap`: a row's items are separated by the column gap.
        let gap = own(get(P::Gap))
            .and_then(|g| g.split_whitespace().last().and_then(|g| parse_length(g, &ctx)))
            .and_then(|g| g.resolve(None))
            .unwrap_or(0.0)
            .max(0.0);
        let justify = match own(get(P::JustifyContent)) {
            Some("center") => Justify::Center,
            Some("flex-end" | "end" | "right") => Justify::End,
            Some("space-between") => Justify::SpaceBetween,
            Some("space-around") => Justify::SpaceAround,
            Some("space-evenly") => Justify::SpaceEvenly,
            _ => Justify::Start,
        };
        let align = match own(get(P::AlignItems)) {
            Some("flex-start" | "start" | "self-start" | "baseline") => Align::Start,
            Some("center") => Align::Center,
            Some("flex-end" | "end" | "self-end") => Align::End,
            _ => Align::Stretch,
        };
        FlexContainer { row, gap, justify, align }
    });
    let (flex_grow, flex_shrink, flex_basis) =
        own(get(P::Flex)).and_then(|f| parse_flex(f, &ctx)).unwrap_or((0.0, 1.0, Size::Auto));
    let display = match display_value {
        "inline" | "ruby" | "inherit" => Display::Inline,
        "inline-block" | "inline-flex" | "inline-grid" | "inline-table" => Display::InlineBlock,
        _ => Display::Block,
    };
    let position = match own(get(P::Position)).unwrap_or("static") {
        "relative" | "sticky" => Position::Relative,
        "absolute" => Position::Absolute,
        "fixed" => Position::Fixed,
        _ => Position::Static,
    };
    // The root element and out-of-flow boxes are blockified
    // (<https://drafts.csswg.org/css-display/#transformations>).
    let display =
        if root || matches!(position, Position::Absolute | Position::Fixed) { Display::Block } else { display };
    let clips = [P::OverflowX, P::OverflowY].iter().any(|o| !matches!(own(get(*o)), None | Some("visible" | "clip")));

    let style = Style {
        display,
        position,
        border_box_sizing: own(get(P::BoxSizing)) == Some("border-box"),
        width: length(P::Width, Size::Auto, p.width),
        height: length(P::Height, Size::Auto, p.height),
        min_width: length(P::MinWidth, Size::Auto, p.min_width),
        max_width: length(P::MaxWidth, Size::Auto, p.max_width),
        min_height: length(P::MinHeight, Size::Auto, p.min_height),
        max_height: length(P::MaxHeight, Size::Auto, p.max_height),
        margin,
        padding,
        border,
        inset,
        clips,
        font,
        line_height,
        text_align,
        flex,
        flex_grow,
        flex_shrink,
        flex_basis,
    };
    let font_family = match get(P::FontFamily).as_deref() {
        None | Some("inherit" | "unset") => parent.font_family.clone(),
        Some("initial") => None,
        Some(f) => Some(f.to_owned()),
    };
    // <https://drafts.csswg.org/css-fonts/#relative-weights> for bolder and lighter.
    let font_weight = match get(P::FontWeight).as_deref().map(str::trim) {
        None | Some("inherit" | "unset") => parent.font_weight,
        Some("initial" | "normal") => 400,
        Some("bold") => 700,
        Some("bolder") => match parent.font_weight {
            w if w < 350 => 400,
            w if w < 550 => 700,
            w if w < 900 => 900,
            w => w,
        },
        Some("lighter") => match parent.font_weight {
            w if w < 100 => w,
            w if w < 550 => 100,
            w if w < 750 => 400,
            _ => 700,
        },
        Some(v) => {
            v.parse::<f64>().ok().filter(|w| (1.0..=1000.0).contains(w)).map_or(parent.font_weight, |w| w as u16)
        }
    };
    let italic = match get(P::FontStyle).as_deref().map(str::trim) {
        None | Some("inherit" | "unset") => parent.italic,
        Some(v) => v.starts_with("italic") || v.starts_with("oblique"),
    };
    let mut inherited = Inherited {
        style,
        medium,
        monospace,
        keep_spaces,
        keep_newlines,
        visible,
        pointer_events,
        font_family,
        font_weight,
        italic,
        font: parent.font.clone(),
    };
    // Most elements take their parent's font whole: then its string is shared, not made again.
    let same_font = inherited.font_family == parent.font_family
        && inherited.font_weight == parent.font_weight
        && inherited.italic == parent.italic
        && inherited.style.font.size == parent.style.font.size;
    if !same_font {
        inherited.font = std::rc::Rc::from(inherited.font_value());
    }
    inherited
}

/// Whether the element's `display` computes to `none` or `contents` (it generates no box).
pub fn generates_no_box(values: &Values) -> Option<&'static str> {
    match own(&values.0[P::Display as usize]) {
        Some("none") => Some("none"),
        Some("contents") => Some("contents"),
        _ => None,
    }
}

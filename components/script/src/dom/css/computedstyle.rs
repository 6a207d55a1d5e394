//! Computed values (<https://drafts.csswg.org/css-cascade/#computed>) for
//! `getComputedStyle()`: a property's value comes from the
//! cascade of the element's inline style and the style rules of its tree's
//! style sheets (`cascade.rs`), then the presentational hints and UA style
//! sheet rules Aperture models, then inheritance or the initial value. Replaced elements (`canvas`, `video`, `iframe`, `embed`,
//! `object`) with an `auto` width or height get their natural size, as a
//! browser's used value would be.
//!
//! The resolved `width`/`height` of an element with a box (its used size from
//! `dom/layout`) replaces these values in `CSSStyleDeclaration`; here they stay
//! `auto` for non-replaced elements. Known deviation: `em` counts 16px.

use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::css::cascade::{Cascade, Cascaded};
use crate::dom::css::cssproperties::{
    self, Declaration, Kind, color_of, compute_color, compute_length, format_number, line_width_px, longhand,
    parse_declaration_block, serialize_shorthand, shorthand,
};
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;

/// Which box's style is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Element,
    /// `::before`, `::after` and the like: boxes with no style of their own,
    /// which inherit from the element.
    PseudoElement,
}

/// The inline style declarations of `element` (its `style` attribute).
pub fn inline_block(element: &Element) -> Vec<Declaration> {
    element.get_attribute_value("style").map(|s| parse_declaration_block(&s)).unwrap_or_default()
}

/// The computed value of `property` (a longhand, shorthand or custom
/// property) for `element`, or the empty string when there is none (an
/// element that is not connected has no computed style).
pub fn computed_value(c: &Cascade, element: &Element, target: Target, property: &str) -> String {
    if !element.upcast::<Node>().is_connected() {
        return String::new();
    }
    if let Some(s) = shorthand(property) {
        // A shorthand serializes from its longhands' computed values.
        let block: Vec<Declaration> = s
            .longhands
            .iter()
            .map(|l| Declaration {
                name: (*l).to_string(),
                value: computed_value(c, element, target, l),
                important: false,
            })
            .collect();
        return serialize_shorthand(s, &block).map(|(text, _)| text).unwrap_or_default();
    }
    if cssproperties::is_custom(property) {
        // Custom properties inherit, and have no initial value.
        return match specified(c, element, target, property) {
            Some(v) => v,
            None => {
                parent_element(element).map(|p| computed_value(c, &p, Target::Element, property)).unwrap_or_default()
            }
        };
    }
    let Some(def) = longhand(property) else { return String::new() };
    let value = match specified(c, element, target, property).as_deref() {
        Some("inherit") => return inherited_value(c, element, target, property, def.initial),
        Some("unset" | "revert") if def.inherited => return inherited_value(c, element, target, property, def.initial),
        Some("initial" | "unset" | "revert") => def.initial.to_string(),
        Some(v) => v.to_string(),
        None if def.inherited => return inherited_value(c, element, target, property, def.initial),
        None => def.initial.to_string(),
    };
    // <https://drafts.csswg.org/css-content-3/#valdef-content-normal>: on `::before` and
    // `::after`, `normal` computes to `none` (no box is generated).
    if property == "content" && target == Target::PseudoElement && value == "normal" {
        return "none".into();
    }
    compute(c, element, target, def.kind, property, &value)
}

/// A value taken from the parent (the element itself for a pseudo-element).
fn inherited_value(c: &Cascade, element: &Element, target: Target, property: &str, initial: &str) -> String {
    let parent = match target {
        Target::PseudoElement => Some(DomRoot::from_ref(element)),
        Target::Element => parent_element(element),
    };
    match parent {
        Some(p) => computed_value(c, &p, Target::Element, property),
        None => compute(c, element, target, longhand(property).map_or(Kind::Raw, |l| l.kind), property, initial),
    }
}

fn parent_element(element: &Element) -> Option<DomRoot<Element>> {
    element.upcast::<Node>().parent().and_then(|p| p.downcast_root::<Element>())
}

/// The cascaded value: inline style, then presentational hints and UA rules.
fn specified(c: &Cascade, element: &Element, target: Target, property: &str) -> Option<String> {
    if target == Target::PseudoElement {
        return None;
    }
    // <https://drafts.csswg.org/css-cascade-5/#cascade-origin>: important declarations win
    // over normal ones; among each, the style attribute wins over style sheet rules
    // (<https://drafts.csswg.org/css-cascade-5/#style-attr>), and presentational hints come
    // before every author rule (<https://html.spec.whatwg.org/multipage/rendering.html#presentational-hints>).
    // A shadow host's own shadow tree is the inner context: its important `:host` declarations
    // win over the outer ones, its normal ones lose to them.
    specified_among(c, element, property, &inline_block(element))
}

/// The cascaded values of `properties` for `element` (its inline style parsed once): what a
/// property's `specified` value would be, `None` where nothing declares it. Layout reads its
/// inputs through this (`dom::layout`), resolving relative units itself.
pub fn cascaded_values(c: &Cascade, element: &Element, properties: &[&str]) -> Vec<Option<String>> {
    let inline = inline_block(element);
    let mut lookups = c.lookups(element);
    properties.iter().map(|p| specified_from(lookups.get(p), element, p, &inline)).collect()
}

/// [`specified`] with the element's inline declarations already parsed.
fn specified_among(c: &Cascade, element: &Element, property: &str, inline: &[Declaration]) -> Option<String> {
    specified_from(c.lookup(element, property), element, property, inline)
}

/// The cascaded value from the style sheets' values (`cascaded`) and the inline declarations.
fn specified_from(cascaded: Cascaded, element: &Element, property: &str, inline: &[Declaration]) -> Option<String> {
    let inline_decl = inline.iter().find(|d| d.name == property);
    if cascaded.inner_important.is_some() {
        return cascaded.inner_important;
    }
    if let Some(d) = inline_decl.filter(|d| d.important) {
        return Some(d.value.clone());
    }
    if cascaded.important.is_some() {
        return cascaded.important;
    }
    if let Some(d) = inline_decl {
        return Some(d.value.clone());
    }
    if cascaded.normal.is_some() {
        return cascaded.normal;
    }
    if cascaded.inner_normal.is_some() {
        return cascaded.inner_normal;
    }
    presentational_hint(element, property).or_else(|| ua_default(element, property))
}

fn is_html(element: &Element, names: &[&str]) -> bool {
    element.is_html_element() && names.contains(&element.local_name())
}

/// <https://html.spec.whatwg.org/multipage/rendering.html#dimRendering>: the
/// width and height attributes of embedded content map to `width`/`height`.
fn presentational_hint(element: &Element, property: &str) -> Option<String> {
    // <https://svgwg.org/svg2-draft/styling.html#PresentationAttributes>: an SVG element's
    // presentation attribute (fill="red") is a declaration of the property of the same name,
    // parsed with the property's grammar (an invalid value is ignored).
    if element.is_svg_element() && is_svg_presentation_attribute(property) {
        let value = element.get_attribute_value(property)?;
        return cssproperties::parse_property(property, &value)
            .and_then(|v| v.into_iter().next())
            .map(|(_, v)| v)
            .filter(|v| !matches!(v.as_str(), "initial" | "inherit" | "unset" | "revert"));
    }
    if !matches!(property, "width" | "height")
        || !is_html(element, &["img", "video", "iframe", "embed", "object", "input"])
    {
        return None;
    }
    if is_html(element, &["input"])
        && element.get_attribute_value("type").map(|t| t.to_ascii_lowercase()).as_deref() != Some("image")
    {
        return None;
    }
    parse_dimension_value(&element.get_attribute_value(property)?)
}

/// The presentation attributes (<https://svgwg.org/svg2-draft/styling.html#PresentationAttributes>)
/// of the properties Aperture knows.
fn is_svg_presentation_attribute(property: &str) -> bool {
    matches!(
        property,
        "clip-path"
            | "clip-rule"
            | "color"
            | "display"
            | "dominant-baseline"
            | "fill"
            | "fill-opacity"
            | "fill-rule"
            | "font-family"
            | "font-size"
            | "font-style"
            | "font-weight"
            | "marker-end"
            | "marker-mid"
            | "marker-start"
            | "mask"
            | "opacity"
            | "paint-order"
            | "pointer-events"
            | "shape-rendering"
            | "stop-color"
            | "stop-opacity"
            | "stroke"
            | "stroke-dasharray"
            | "stroke-dashoffset"
            | "stroke-linecap"
            | "stroke-linejoin"
            | "stroke-miterlimit"
            | "stroke-opacity"
            | "stroke-width"
            | "text-anchor"
            | "vector-effect"
            | "visibility"
    )
}

/// <https://html.spec.whatwg.org/multipage/common-microsyntaxes.html#rules-for-parsing-dimension-values>
/// (a length in pixels or a percentage), as CSS text.
fn parse_dimension_value(value: &str) -> Option<String> {
    let value = value.trim_start_matches([' ', '\t', '\n', '\r', '\x0c']);
    let digits: String = value.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let rest = &value[digits.len()..];
    let mut number: f64 = digits.parse().ok()?;
    let mut rest_chars = rest.chars();
    let mut after = rest;
    if rest.starts_with('.') {
        rest_chars.next();
        let fraction: String = rest_chars.take_while(|c| c.is_ascii_digit()).collect();
        if !fraction.is_empty() {
            number += format!("0.{fraction}").parse::<f64>().ok()?;
        }
        after = &rest[1 + fraction.len()..];
    }
    if after.starts_with('%') {
        Some(format!("{}%", format_number(number)))
    } else if number == 0.0 {
        None
    } else {
        Some(format!("{}px", format_number(number)))
    }
}

/// Rules of the UA style sheet (<https://html.spec.whatwg.org/multipage/rendering.html>)
/// that Aperture models: `display` by element, `[hidden]`, and the body's margin.
fn ua_default(element: &Element, property: &str) -> Option<String> {
    if !element.is_html_element() {
        return None;
    }
    let name = element.local_name();
    match property {
        "display" => {
            if element.has_attribute_named("hidden") {
                return Some("none".into());
            }
            let display = match name {
                "head" | "script" | "style" | "title" | "meta" | "link" | "base" | "template" | "area" | "datalist"
                | "param" | "noscript" | "dialog" => "none",
                "html" | "body" | "div" | "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "dl" | "dd"
                | "dt" | "menu" | "form" | "header" | "footer" | "section" | "article" | "aside" | "nav" | "main"
                | "figure" | "figcaption" | "blockquote" | "pre" | "hr" | "address" | "fieldset" | "details"
                | "summary" | "legend" | "center" | "hgroup" | "search" | "listing" | "xmp" | "optgroup" => "block",
                "li" => "list-item",
                "table" => "table",
                "tr" => "table-row",
                "td" | "th" => "table-cell",
                "tbody" => "table-row-group",
                "thead" => "table-header-group",
                "tfoot" => "table-footer-group",
                "caption" => "table-caption",
                "col" => "table-column",
                "colgroup" => "table-column-group",
                "button" | "input" | "select" | "textarea" | "meter" | "progress" => "inline-block",
                _ => return None,
            };
            Some(display.into())
        }
        "margin-top" | "margin-right" | "margin-bottom" | "margin-left" if name == "body" => Some("8px".into()),
        _ => None,
    }
}

/// The natural size of a replaced element, in CSS pixels.
fn natural_size(element: &Element) -> Option<(f64, f64)> {
    if is_html(element, &["canvas"]) {
        // <https://html.spec.whatwg.org/multipage/canvas.html#attr-canvas-width>: the bitmap
        // size, from the attributes as non-negative integers (defaults 300×150).
        let dim = |name: &str, default: f64| {
            element.get_attribute_value(name).and_then(|v| parse_non_negative_integer(&v)).map_or(default, |n| n as f64)
        };
        return Some((dim("width", 300.0), dim("height", 150.0)));
    }
    if is_html(element, &["video", "iframe", "embed", "object"]) {
        // <https://html.spec.whatwg.org/multipage/rendering.html#replaced-elements>: the
        // default object size (a video without frames has no natural size).
        return Some((300.0, 150.0));
    }
    None
}

/// <https://html.spec.whatwg.org/multipage/common-microsyntaxes.html#rules-for-parsing-non-negative-integers>
fn parse_non_negative_integer(value: &str) -> Option<u32> {
    let value = value.trim_start_matches([' ', '\t', '\n', '\r', '\x0c']);
    let value = value.strip_prefix('+').unwrap_or(value);
    let digits: String = value.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    digits.parse().ok().or(Some(u32::MAX))
}

/// Turns a specified value into a computed one.
fn compute(c: &Cascade, element: &Element, target: Target, kind: Kind, property: &str, value: &str) -> String {
    match kind {
        Kind::Size if matches!(property, "width" | "height") => compute_size(c, element, target, property, value),
        Kind::Size | Kind::MaxSize | Kind::Inset | Kind::Margin | Kind::Padding => compute_length(value),
        Kind::LineWidth => {
            // <https://drafts.csswg.org/css-backgrounds/#border-width>: 0 if the style is none or hidden.
            let style = computed_value(c, element, target, &property.replace("-width", "-style"));
            if style == "none" || style == "hidden" {
                "0px".into()
            } else {
                format!("{}px", format_number(line_width_px(value)))
            }
        }
        Kind::Color => {
            let current = if property == "color" {
                inherited_color(c, element, target)
            } else {
                color_of(&computed_value(c, element, target, "color"))
            };
            compute_color(value, current)
        }
        Kind::Opacity => {
            value.parse::<f64>().map(|n| format_number(n.clamp(0.0, 1.0))).unwrap_or_else(|_| value.to_string())
        }
        Kind::Paint => {
            // A colour computes to rgb()/rgba() (currentcolor to the color property's value);
            // none, url() and the context keywords stay as they are.
            if value == "none" || value.starts_with("url(") || value.starts_with("context-") {
                return value.to_string();
            }
            compute_color(value, color_of(&computed_value(c, element, target, "color")))
        }
        // Numbers are in user units (CSS pixels); lengths become pixels.
        Kind::StrokeWidth | Kind::StrokeOffset => length_or_number_px(value),
        Kind::DashArray if value == "none" => value.to_string(),
        Kind::DashArray => value.split(", ").map(length_or_number_px).collect::<Vec<_>>().join(", "),
        Kind::LineStyle | Kind::Keywords(_) | Kind::ZIndex | Kind::NonNegativeNumber | Kind::Transform | Kind::Raw => {
            value.to_string()
        }
    }
}

/// A `<length-percentage> | <number>` as a computed length: a number is user units (pixels).
fn length_or_number_px(value: &str) -> String {
    match value.parse::<f64>() {
        Ok(n) => format!("{}px", format_number(n)),
        Err(_) => compute_length(value),
    }
}

/// The colour `currentcolor` means inside the `color` property: the parent's.
fn inherited_color(c: &Cascade, element: &Element, target: Target) -> canvas_traits::color::RgbaColor {
    let parent = match target {
        Target::PseudoElement => Some(DomRoot::from_ref(element)),
        Target::Element => parent_element(element),
    };
    parent
        .map(|p| color_of(&computed_value(c, &p, Target::Element, "color")))
        .unwrap_or(canvas_traits::color::RgbaColor::BLACK)
}

/// `width`/`height`: lengths in pixels; `auto` on a replaced element is its
/// natural size (scaled by its aspect ratio when the other dimension is set).
fn compute_size(c: &Cascade, element: &Element, target: Target, property: &str, value: &str) -> String {
    if value != "auto" || target == Target::PseudoElement {
        return compute_length(value);
    }
    let Some((natural_w, natural_h)) = natural_size(element) else { return "auto".into() };
    if computed_value(c, element, target, "display") == "none" {
        return "auto".into();
    }
    // Canvases and videos have a natural aspect ratio (a video without frames takes
    // that of the default object size, as browsers do); iframes and plugins have none.
    let has_ratio = is_html(element, &["canvas", "video"]);
    let other = if property == "width" { "height" } else { "width" };
    let other_specified =
        specified(c, element, target, other).and_then(|v| cssproperties::length_to_px(&v)).filter(|_| has_ratio);
    let px = match (property, other_specified) {
        ("width", Some(h)) if natural_h > 0.0 => h * natural_w / natural_h,
        ("height", Some(w)) if natural_w > 0.0 => w * natural_h / natural_w,
        ("width", _) => natural_w,
        _ => natural_h,
    };
    format!("{}px", format_number(px))
}

/// The properties a computed style declaration lists, in order.
pub fn computed_property_names() -> Vec<&'static str> {
    cssproperties::LONGHANDS.iter().filter(|l| l.kind != Kind::Raw || !l.initial.is_empty()).map(|l| l.name).collect()
}

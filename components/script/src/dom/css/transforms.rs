//! The `transform` property beyond its syntax: its resolved value for `getComputedStyle()`
//! (<https://drafts.csswg.org/cssom/#resolved-value>: "transform: the resolved value is the
//! computed value converted to a matrix") and the matrix it maps an element's box with, about
//! its `transform-origin` (<https://drafts.csswg.org/css-transforms-1/#transform-rendering>),
//! which `getBoundingClientRect()` applies.

use ::layout::Rect;
use cssparser::{Parser, Token};

use crate::dom::bindings::inheritance::Castable;
use crate::dom::css::cascade::Cascade;
use crate::dom::css::computedstyle::{Target, computed_value};
use crate::dom::css::cssproperties::{format_number, length_to_px};
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::geometry::matrix::{self, LengthContext, Matrix};

/// What `element`'s relative lengths resolve against, with `reference_box` (its border box
/// size) for percentages.
pub fn length_context(cascade: &Cascade, element: &Element, reference_box: (f64, f64)) -> LengthContext {
    let font_size = |e: &Element| length_to_px(&computed_value(cascade, e, Target::Element, "font-size"));
    let em = font_size(element).unwrap_or(16.0);
    let rem = element.upcast::<Node>().owner_doc().document_element().and_then(|root| font_size(&root)).unwrap_or(16.0);
    let viewport = crate::dom::layout::queries::viewport();
    LengthContext { em, rem, viewport: (viewport.width, viewport.height), reference_box }
}

/// The resolved value of `transform` from its computed value: `none`, or the list's product
/// as `matrix(a, b, c, d, e, f)` (2D) or `matrix3d(…)` (as Chromium serializes them).
pub fn resolved_transform(computed: &str, ctx: &LengthContext) -> String {
    if computed.trim().eq_ignore_ascii_case("none") {
        return "none".into();
    }
    let Ok((m, _)) = matrix::parse_css_transform(computed, ctx) else {
        return computed.to_string();
    };
    // A matrix with only 2D content serializes as matrix() whatever functions made it
    // (translate3d(10px, 0, 0) resolves to matrix(1, 0, 0, 1, 10, 0)), as Chromium does.
    let is_2d = [m.m13, m.m14, m.m23, m.m24, m.m31, m.m32, m.m34, m.m43].iter().all(|v| *v == 0.0)
        && m.m33 == 1.0
        && m.m44 == 1.0;
    let list = |values: &[f64]| values.iter().map(|v| format_number(*v)).collect::<Vec<_>>().join(", ");
    if is_2d {
        format!("matrix({})", list(&[m.m11, m.m12, m.m21, m.m22, m.m41, m.m42]))
    } else {
        format!("matrix3d({})", list(&matrix::elements(&m)))
    }
}

/// One component of `transform-origin`: a keyword, a length or a percentage of the box
/// along its axis (`None`: the keyword names the other axis, or it does not parse).
fn origin_component(token: &Token<'_>, size: f64, ctx: &LengthContext, horizontal: bool) -> Option<f64> {
    match token {
        Token::Ident(word) => match (word.to_ascii_lowercase().as_str(), horizontal) {
            ("left", true) | ("top", false) => Some(0.0),
            ("center", _) => Some(size / 2.0),
            ("right", true) | ("bottom", false) => Some(size),
            _ => None,
        },
        Token::Percentage { unit_value, .. } => Some(f64::from(*unit_value) * size),
        Token::Number { value, .. } if *value == 0.0 => Some(0.0),
        Token::Dimension { value, unit, .. } => Some(f64::from(*value) * ctx.px_per_unit(unit)?),
        _ => None,
    }
}

/// `transform-origin` in px from the box's top left corner (<https://drafts.csswg.org/css-transforms-1/#transform-origin-property>):
/// one or two components, keywords in either order; the initial `50% 50%` when it does not parse.
pub fn transform_origin(value: &str, size: (f64, f64), ctx: &LengthContext) -> (f64, f64) {
    let centre = (size.0 / 2.0, size.1 / 2.0);
    let mut parser = Parser::new(value);
    let mut tokens = Vec::new();
    while let Ok(token) = parser.next() {
        tokens.push(token.clone());
    }
    let vertical_word = |t: &Token<'_>| matches!(t, Token::Ident(w) if w.eq_ignore_ascii_case("top") || w.eq_ignore_ascii_case("bottom"));
    let horizontal_word = |t: &Token<'_>| matches!(t, Token::Ident(w) if w.eq_ignore_ascii_case("left") || w.eq_ignore_ascii_case("right"));
    match tokens.as_slice() {
        [] => centre,
        [one] if vertical_word(one) => (centre.0, origin_component(one, size.1, ctx, false).unwrap_or(centre.1)),
        [one] => (origin_component(one, size.0, ctx, true).unwrap_or(centre.0), centre.1),
        [first, second, ..] => {
            // "top left" names the vertical one first.
            let (x, y) =
                if vertical_word(first) || horizontal_word(second) { (second, first) } else { (first, second) };
            (
                origin_component(x, size.0, ctx, true).unwrap_or(centre.0),
                origin_component(y, size.1, ctx, false).unwrap_or(centre.1),
            )
        }
    }
}

/// The matrix `element`'s `transform` maps its box with, in the coordinates `border_box` is in
/// (translate to the origin, transform, translate back); `None` when it has no transform.
pub fn box_transform(cascade: &Cascade, element: &Element, border_box: &Rect) -> Option<Matrix> {
    let value = computed_value(cascade, element, Target::Element, "transform");
    if value.is_empty() || value.eq_ignore_ascii_case("none") {
        return None;
    }
    let size = (border_box.width, border_box.height);
    let ctx = length_context(cascade, element, size);
    let (m, _) = matrix::parse_css_transform(&value, &ctx).ok()?;
    let origin = transform_origin(&computed_value(cascade, element, Target::Element, "transform-origin"), size, &ctx);
    let (ox, oy) = (border_box.x + origin.0, border_box.y + origin.1);
    let to_origin = matrix::from_2d(1.0, 0.0, 0.0, 1.0, -ox, -oy);
    let back = matrix::from_2d(1.0, 0.0, 0.0, 1.0, ox, oy);
    Some(to_origin.then(&m).then(&back))
}

/// The bounding box of `rect` mapped by `m` (its 2D part; points with a perspective divide by w).
pub fn map_rect(m: &Matrix, rect: &Rect) -> Rect {
    let corners = [
        (rect.x, rect.y),
        (rect.x + rect.width, rect.y),
        (rect.x, rect.y + rect.height),
        (rect.x + rect.width, rect.y + rect.height),
    ];
    let mapped: Vec<(f64, f64)> = corners
        .iter()
        .map(|&(x, y)| {
            let w = x * m.m14 + y * m.m24 + m.m44;
            let w = if w == 0.0 { 1.0 } else { w };
            ((x * m.m11 + y * m.m21 + m.m41) / w, (x * m.m12 + y * m.m22 + m.m42) / w)
        })
        .collect();
    let min_x = mapped.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let max_x = mapped.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let min_y = mapped.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let max_y = mapped.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    Rect { x: min_x, y: min_y, width: max_x - min_x, height: max_y - min_y }
}

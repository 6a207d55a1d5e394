//! What CSSOM View (<https://drafts.csswg.org/cssom-view/>) and Resize Observer ask of layout.

use mozjs::context::JSContext;

use ::layout::{BoxGeometry, Rect, Viewport};

use super::boxtree::flat_parent;
use super::cache::laid_out;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::{Node, NodeKind};

/// The initial containing block: Aperture's viewport.
pub fn viewport() -> Viewport {
    Viewport {
        width: f64::from(crate::dom::cssomview::VIEWPORT_WIDTH),
        height: f64::from(crate::dom::cssomview::VIEWPORT_HEIGHT),
    }
}

/// An element's box and what the offset members need about its ancestors.
pub struct ElementBox {
    pub geometry: BoxGeometry,
    /// The element's flat-tree ancestors that have boxes, nearest first, with their geometry.
    pub ancestors: Vec<(DomRoot<Element>, BoxGeometry)>,
}

/// Whether `element` is its document's root element.
pub fn is_root(element: &Element) -> bool {
    element.upcast::<Node>().parent().is_some_and(|p| p.kind() == NodeKind::Document)
}

/// `element`'s box from its document's layout (`cache.rs`): `None` when it has none ("no
/// associated CSS layout box": not connected, not rendered in the flat tree, or `display: none`
/// on it or an ancestor).
pub fn element_box(cx: &mut JSContext, element: &Element) -> Option<ElementBox> {
    let node = element.upcast::<Node>();
    if !node.is_connected() {
        return None;
    }
    let laid_out = laid_out(cx, &node.owner_doc());
    let geometry = laid_out.geometry(element)?;
    // The flat-tree ancestors that have boxes, nearest first.
    let mut ancestors = Vec::new();
    let mut next = flat_parent(node);
    while let Some(ancestor) = next {
        if let Some(a) = ancestor.downcast::<Element>()
            && let Some(g) = laid_out.geometry(a)
        {
            ancestors.push((DomRoot::from_ref(a), g));
        }
        next = flat_parent(&ancestor);
    }
    Some(ElementBox { geometry, ancestors })
}

/// The element's border box in the viewport (<https://drafts.csswg.org/cssom-view/#dom-element-getboundingclientrect>),
/// `None` when it has no box.
pub fn border_box(cx: &mut JSContext, element: &Element) -> Option<Rect> {
    element_box(cx, element).map(|b| b.geometry.border_box)
}

/// The element's border box in the viewport as it is drawn: mapped by its own `transform` and
/// those of its flat-tree ancestors, each about its `transform-origin`, then the bounding box
/// of the result (<https://drafts.csswg.org/cssom-view/#dom-element-getclientrects>: "the
/// transforms that apply to the element and its ancestors are applied"). `None` when it has
/// no box.
pub fn transformed_border_box(cx: &mut JSContext, element: &Element) -> Option<Rect> {
    let b = element_box(cx, element)?;
    let own = b.geometry.border_box;
    // Most boxes are not transformed: the laid-out cascaded values say so without a cascade.
    let laid_out = laid_out(cx, &element.upcast::<Node>().owner_doc());
    if !laid_out.has_transform(element) && !b.ancestors.iter().any(|(a, _)| laid_out.has_transform(a)) {
        return Some(own);
    }
    let cascade = crate::dom::css::cascade::Cascade::for_element(cx, element);
    let boxes = std::iter::once((DomRoot::from_ref(element), b.geometry)).chain(b.ancestors);
    let mut total: Option<crate::dom::geometry::matrix::Matrix> = None;
    for (e, geometry) in boxes {
        if let Some(m) = crate::dom::css::transforms::box_transform(&cascade, &e, &geometry.border_box) {
            total = Some(total.map_or(m, |t| t.then(&m)));
        }
    }
    Some(total.map_or(own, |m| crate::dom::css::transforms::map_rect(&m, &own)))
}

/// <https://drafts.csswg.org/cssom-view/#dom-htmlelement-offsetparent>
pub fn offset_parent(element: &Element, b: &ElementBox) -> Option<DomRoot<Element>> {
    // 1. "If any of the following holds true return null and terminate this algorithm: The
    //    element does not have an associated CSS layout box. The element is the root element.
    //    The element is the HTML body element. The element's computed value of the position
    //    property is fixed."
    if is_root(element) || is_body(element) || b.geometry.fixed {
        return None;
    }
    // 2. "Let ancestor be the parent of the element in the flat tree and repeat these substeps:
    //    … 2. If ancestor is positioned, the HTML body element, or the element's position is
    //    static and ancestor is td, th or table, return ancestor. 3. If there is no more parent
    //    of ancestor in the flat tree, return null."
    b.ancestors
        .iter()
        .find(|(a, g)| {
            g.positioned
                || is_body(a)
                || (!b.geometry.positioned && a.is_html_element() && matches!(a.local_name(), "td" | "th" | "table"))
        })
        .map(|(a, _)| a.clone())
}

/// Whether `element` is "the HTML body element": its document's body, a child of the root.
pub fn is_body(element: &Element) -> bool {
    element.is_html_element()
        && element.local_name() == "body"
        && element.upcast::<Node>().parent().and_then(|p| p.downcast_root::<Element>()).is_some_and(|p| is_root(&p))
}

/// <https://drafts.csswg.org/cssom-view/#dom-htmlelement-offsettop> and `offsetLeft`: (left, top).
pub fn offset_position(element: &Element, b: &ElementBox) -> (f64, f64) {
    // 1. "If the element is the HTML body element or does not have any associated CSS layout box
    //    return zero and terminate this algorithm."
    if is_body(element) {
        return (0.0, 0.0);
    }
    let own = b.geometry.border_box;
    match offset_parent(element, b) {
        // 2. "If the offsetParent of the element is null return the y-coordinate of the top
        //    border edge of the first CSS layout box associated with the element, relative to
        //    the initial containing block origin".
        None => (own.x, own.y),
        Some(parent) => {
            let Some((_, g)) = b.ancestors.iter().find(|(a, _)| std::ptr::eq(&**a, &*parent)) else {
                return (own.x, own.y);
            };
            // 3. "Return the result of subtracting the y-coordinate of the top padding edge of
            //    the first CSS layout box associated with the offsetParent of the element from
            //    the y-coordinate of the top border edge of the first CSS layout box associated
            //    with the element". Deviation, as Chromium behaves: when that offsetParent is a
            //    body that is not positioned, nothing is subtracted (the offsets count from the
            //    initial containing block), so the body's first child has `offsetTop` 8.
            if is_body(&parent) && !g.positioned {
                return (own.x, own.y);
            }
            let p = g.padding_box();
            (own.x - p.x, own.y - p.y)
        }
    }
}

/// <https://drafts.csswg.org/cssom-view/#dom-element-clientwidth> and the other client members:
/// the padding box (no scroll bars) and the border widths, zero for an inline box: (left, top,
/// width, height).
pub fn client_area(b: &ElementBox) -> Rect {
    // "If the element has no associated CSS layout box or if the CSS layout box is inline,
    //  return zero."
    if b.geometry.inline {
        return Rect::default();
    }
    let g = &b.geometry;
    let p = g.padding_box();
    Rect { x: g.border[3], y: g.border[0], width: p.width, height: p.height }
}

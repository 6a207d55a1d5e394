//! `elementFromPoint()` and `elementsFromPoint()`
//! (<https://drafts.csswg.org/cssom-view/#dom-document-elementfrompoint>) of `Document` and, as
//! the Shadow DOM specification's extensions to `DocumentOrShadowRoot` had them
//! (<https://www.w3.org/TR/shadow-dom/#extensions-to-the-documentorshadowroot-mixin>), of
//! `ShadowRoot`: the hit test of `dom/layout/hittest.rs`, each element retargeted against the
//! document or shadow root asked.

use mozjs::context::JSContext;

use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::cssomview::{VIEWPORT_HEIGHT, VIEWPORT_WIDTH};
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::{EventTarget, retarget};
use crate::dom::dom::node::Node;
use crate::dom::layout::cache::laid_out;
use crate::dom::layout::hittest::boxes_at;

/// Whether `(x, y)` is outside the viewport or the document has none: "If either argument is
/// negative, x is greater than the viewport width excluding the size of a rendered scroll bar
/// (if any), or y is greater than the viewport height excluding the size of a rendered scroll
/// bar (if any), or there is no viewport associated with the document, return null" (the empty
/// sequence for `elementsFromPoint()`).
fn outside(context: &Node, x: f64, y: f64) -> bool {
    x < 0.0
        || y < 0.0
        || x > f64::from(VIEWPORT_WIDTH)
        || y > f64::from(VIEWPORT_HEIGHT)
        || context.owner_doc().browsing_window().is_none()
}

/// The hit elements at `(x, y)`, topmost first, retargeted against `context` (a document or
/// shadow root), each once; `first` stops at the first.
fn hits(cx: &mut JSContext, context: &Node, x: f64, y: f64, first: bool) -> Vec<DomRoot<Element>> {
    let laid_out = laid_out(cx, &context.owner_doc());
    let mut out: Vec<DomRoot<Element>> = Vec::new();
    for id in boxes_at(&laid_out, x, y) {
        let Some(element) = laid_out.element(id) else { continue };
        let target = retarget(element.upcast::<EventTarget>(), context.upcast::<EventTarget>());
        let Some(target) = target.downcast_root::<Element>() else { continue };
        if !out.iter().any(|e| std::ptr::eq(&**e, &*target)) {
            out.push(target);
        }
        if first {
            break;
        }
    }
    out
}

/// <https://drafts.csswg.org/cssom-view/#dom-document-elementfrompoint>
pub fn element_from_point(cx: &mut JSContext, context: &Node, x: f64, y: f64) -> Option<DomRoot<Element>> {
    // 1. "If either argument is negative, x is greater than the viewport width …, or there is
    //    no viewport associated with the document, return null and terminate these steps."
    if outside(context, x, y) {
        return None;
    }
    // 2. "If there is a box in the viewport that would be a target for hit testing at
    //    coordinates x,y, when applying the transforms that apply to the descendants of the
    //    viewport, return the associated element and terminate these steps."
    if let Some(hit) = hits(cx, context, x, y, true).pop() {
        return Some(hit);
    }
    // 3. "If the document has a root element, return the root element and terminate these
    //    steps." 4. "Return null."
    context.owner_doc().document_element()
}

/// <https://drafts.csswg.org/cssom-view/#dom-document-elementsfrompoint>
pub fn elements_from_point(cx: &mut JSContext, context: &Node, x: f64, y: f64) -> Vec<DomRoot<Element>> {
    // 1. "Let sequence be a new empty sequence."
    // 2. "If either argument is negative, x is greater than the viewport width …, or there is
    //    no viewport associated with the document, return sequence and terminate these steps."
    if outside(context, x, y) {
        return Vec::new();
    }
    // 3. "For each box in the viewport, in paint order, starting with the topmost box, that
    //    would be a target for hit testing at coordinates x,y even if nothing would be
    //    overlapping it, when applying the transforms that apply to the descendants of the
    //    viewport, append the associated element to sequence."
    let mut sequence = hits(cx, context, x, y, false);
    // 4. "If the document has a root element, and the last item in sequence is not the root
    //    element, append the root element to sequence."
    if let Some(root) = context.owner_doc().document_element()
        && !sequence.last().is_some_and(|e| std::ptr::eq(&**e, &*root))
    {
        sequence.retain(|e| !std::ptr::eq(&**e, &*root));
        sequence.push(root);
    }
    // 5. "Return sequence."
    sequence
}

//! The scrolling members of `Element` (<https://drafts.csswg.org/cssom-view/#extension-to-the-element-interface>)
//! without scrolling: an element's scrolling area is its padding box as layout gives it
//! (`dom::layout`, what `clientWidth` answers; FIXME: content overflowing the padding box does
//! not widen it) and no element or viewport ever scrolls: `scrollTop`/`scrollLeft` stay 0, `scroll*()` and `scrollIntoView()` check their
//! arguments and change nothing. The root element's scrolling area is the 800×600 viewport.
//! `Element`'s impl block includes these members with [`element_scroll_methods!`].

use crate::dom::bindings::inheritance::Castable;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::{Node, NodeKind};

/// Whether `element` is its document's root element.
fn is_root(element: &Element) -> bool {
    element.upcast::<Node>().parent().is_some_and(|p| p.kind() == NodeKind::Document)
}

/// Whether `element`'s node document is an active document (shown in a browsing context).
fn in_active_document(element: &Element) -> bool {
    element.upcast::<Node>().owner_doc().browsing_window().is_some_and(|w| w.is_attached())
}

/// <https://drafts.csswg.org/cssom-view/#dom-element-scrollwidth> and `scrollHeight`.
pub fn scroll_size(cx: &mut mozjs::context::JSContext, element: &Element) -> (i32, i32) {
    // 1. "Let document be the element's node document."
    // 2. "If document is not the active document, return zero and terminate these steps."
    if !in_active_document(element) {
        return (0, 0);
    }
    // 3. "Let viewport width be the width of the viewport excluding the width of the scroll
    //    bar, if any, or zero if there is no viewport."
    // 4. "If the element is the root element and document is not in quirks mode return
    //    max(viewport scrolling area width, viewport width)." (Aperture has no quirks mode.)
    if is_root(element) {
        return (super::VIEWPORT_WIDTH, super::VIEWPORT_HEIGHT);
    }
    // 6. "If the element does not have any associated box return zero and terminate these steps."
    let Some(b) = crate::dom::layout::queries::element_box(cx, element) else { return (0, 0) };
    // 7. "Return the width of the element's scrolling area": its padding box (see the module
    //    comment).
    let area = crate::dom::layout::queries::client_area(&b);
    (area.width.round() as i32, area.height.round() as i32)
}

/// <https://drafts.csswg.org/cssom-view/#dom-element-scrolltop> (getter) and `scrollLeft`:
/// "the y-coordinate of the scrolling area at the alignment point with the top of the padding
/// edge of the element" — 0, as no element (and no viewport, for the root) is ever scrolled.
pub fn scroll_position() -> f64 {
    0.0
}

/// The members, for `Element`'s `ElementMethods` impl block.
macro_rules! element_scroll_methods {
    () => {
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scrollintoview>
        fn ScrollIntoView(
            &self,
            _cx: &mut JSContext,
            _arg: crate::dom::bindings::codegen::Unions::BooleanOrScrollIntoViewOptions,
        ) {
            // 1-3. The behavior, block and inline options from arg (already converted: a bad
            //      enum value threw a TypeError in the binding).
            // 4. "If the element does not have any associated box, or is not available to
            //    user-agent features, then return."
            // 5. "Scroll the element into view": the viewport never scrolls without layout.
        }
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scroll>: the element's scrolling
        /// area equals its box, so "scroll the element to" any position clamps to (0, 0).
        fn Scroll(&self, _cx: &mut JSContext, _options: &crate::dom::bindings::codegen::Dictionaries::ScrollToOptions) {
        }
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scroll>
        fn Scroll_(&self, _cx: &mut JSContext, _x: f64, _y: f64) {}
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scrollto>: "act as if the scroll()
        /// method was invoked with the same arguments."
        fn ScrollTo(
            &self,
            _cx: &mut JSContext,
            _options: &crate::dom::bindings::codegen::Dictionaries::ScrollToOptions,
        ) {
        }
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scrollto>
        fn ScrollTo_(&self, _cx: &mut JSContext, _x: f64, _y: f64) {}
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scrollby>
        fn ScrollBy(
            &self,
            _cx: &mut JSContext,
            _options: &crate::dom::bindings::codegen::Dictionaries::ScrollToOptions,
        ) {
        }
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scrollby>
        fn ScrollBy_(&self, _cx: &mut JSContext, _x: f64, _y: f64) {}
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scrolltop>
        fn ScrollTop(&self, _cx: &mut JSContext) -> f64 {
            crate::dom::cssomview::elementscroll::scroll_position()
        }
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scrolltop>: "scroll the element to
        /// (scrollLeft, y)", clamped to the scrolling area, which does not overflow the box.
        fn SetScrollTop(&self, _cx: &mut JSContext, _value: f64) {}
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scrollleft>
        fn ScrollLeft(&self, _cx: &mut JSContext) -> f64 {
            crate::dom::cssomview::elementscroll::scroll_position()
        }
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scrollleft>
        fn SetScrollLeft(&self, _cx: &mut JSContext, _value: f64) {}
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scrollwidth>
        fn ScrollWidth(&self, cx: &mut JSContext) -> i32 {
            crate::dom::cssomview::elementscroll::scroll_size(cx, self).0
        }
        /// <https://drafts.csswg.org/cssom-view/#dom-element-scrollheight>
        fn ScrollHeight(&self, cx: &mut JSContext) -> i32 {
            crate::dom::cssomview::elementscroll::scroll_size(cx, self).1
        }
    };
}
pub(crate) use element_scroll_methods;

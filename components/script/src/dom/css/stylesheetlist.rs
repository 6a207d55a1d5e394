//! `StyleSheetList` (<https://drafts.csswg.org/cssom/#the-stylesheetlist-interface>): the
//! document or shadow root CSS style sheets, live, in tree order.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::StyleSheetListBinding::StyleSheetListMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::dom::node::Node;
use crate::dom::html::htmlstyleelement::HTMLStyleElement;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct StyleSheetList {
    reflector_: Reflector,
    /// The document or shadow root whose sheets these are.
    root: Dom<Node>,
}

impl StyleSheetList {
    pub fn new(cx: &mut JSContext, window: &Window, root: &Node) -> DomRoot<StyleSheetList> {
        reflect_dom_object(
            cx,
            Box::new(StyleSheetList { reflector_: Reflector::new(), root: Dom::from_ref(root) }),
            window,
        )
    }
}

/// <https://drafts.csswg.org/cssom/#documentorshadowroot-document-or-shadow-root-css-style-sheets>:
/// the sheets whose owner node is in `root`'s tree (not in nested shadow trees), in tree order.
/// Only `<style>` elements have sheets in Aperture.
pub fn sheets_of(cx: &mut JSContext, root: &Node) -> Vec<DomRoot<CSSStyleSheet>> {
    let mut styles = Vec::new();
    root.for_each_inclusive_descendant(|n| {
        if let Some(style) = n.downcast::<HTMLStyleElement>() {
            styles.push(DomRoot::from_ref(style));
        }
    });
    styles.iter().filter_map(|style| style.sheet(cx)).collect()
}

impl StyleSheetListMethods for StyleSheetList {
    /// <https://drafts.csswg.org/cssom/#dom-stylesheetlist-item>
    fn Item(&self, cx: &mut JSContext, index: u32) -> Option<DomRoot<CSSStyleSheet>> {
        sheets_of(cx, &self.root).into_iter().nth(index as usize)
    }

    /// <https://drafts.csswg.org/cssom/#dom-stylesheetlist-length>
    fn Length(&self, cx: &mut JSContext) -> u32 {
        sheets_of(cx, &self.root).len() as u32
    }
}

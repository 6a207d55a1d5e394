//! `MathMLElement` (<https://w3c.github.io/mathml-core/#dom-mathmlelement>): every element in
//! the MathML namespace, with the `GlobalEventHandlers`, `HTMLOrSVGElement` and
//! `ElementCSSInlineStyle` mixins.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::MathMLElementBinding::MathMLElementMethods;
use crate::dom::bindings::root::DomRoot;
use crate::dom::css::cssstyledeclaration::CSSStyleDeclaration;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::{Element, MATHML_NAMESPACE};

#[dom_struct]
pub struct MathMLElement {
    element: Element,
}

impl MathMLElement {
    pub fn new(
        cx: &mut JSContext,
        local_name: &str,
        prefix: Option<String>,
        document: &Document,
    ) -> DomRoot<MathMLElement> {
        let window = document.window_for_objects();
        let element =
            Element::new_inherited(local_name.to_owned(), Some(MATHML_NAMESPACE.to_owned()), prefix, document);
        reflect_dom_object(cx, Box::new(MathMLElement { element }), &window)
    }
}

impl MathMLElementMethods for MathMLElement {
    crate::dom::html::htmlelement::all_global_event_handlers!();
    crate::dom::html::htmlorsvgelement::html_or_svg_element_methods!();

    /// <https://drafts.csswg.org/cssom/#dom-elementcssinlinestyle-style>
    fn Style(&self, cx: &mut JSContext) -> DomRoot<CSSStyleDeclaration> {
        // The CSS declaration block whose owner node is this element ([SameObject]).
        CSSStyleDeclaration::new_inline(cx, &self.element)
    }
}

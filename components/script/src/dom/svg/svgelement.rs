//! `SVGElement` (<https://svgwg.org/svg2-draft/types.html#InterfaceSVGElement>): every element
//! in the SVG namespace, with the `HTMLOrSVGElement`, `GlobalEventHandlers` and
//! `ElementCSSInlineStyle` mixins.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::SVGElementBinding::SVGElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::css::cssstyledeclaration::CSSStyleDeclaration;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::{Element, SVG_NAMESPACE};
use crate::dom::dom::node::Node;
use crate::dom::svg::svganimatedstring::SVGAnimatedString;
use crate::dom::svg::svgelements::SVGSVGElement;

#[dom_struct]
pub struct SVGElement {
    element: Element,
}

impl SVGElement {
    pub fn new_inherited(local_name: &str, prefix: Option<String>, document: &Document) -> SVGElement {
        SVGElement {
            element: Element::new_inherited(local_name.to_owned(), Some(SVG_NAMESPACE.to_owned()), prefix, document),
        }
    }

    /// An SVG-namespace element with no more specific interface.
    pub fn new(
        cx: &mut JSContext,
        local_name: &str,
        prefix: Option<String>,
        document: &Document,
    ) -> DomRoot<SVGElement> {
        let window = document.window_for_objects();
        reflect_dom_object(cx, Box::new(SVGElement::new_inherited(local_name, prefix, document)), &window)
    }

    /// The nearest ancestor `svg` element in the SVG namespace.
    fn nearest_svg_ancestor(&self) -> Option<DomRoot<SVGSVGElement>> {
        let mut node = self.upcast::<Node>().parent();
        while let Some(n) = node {
            if let Some(svg) = n.downcast_root::<SVGSVGElement>() {
                return Some(svg);
            }
            node = n.parent();
        }
        None
    }
}

impl SVGElementMethods for SVGElement {
    /// <https://svgwg.org/svg2-draft/types.html#__svg__SVGElement__className>
    fn ClassName(&self, cx: &mut JSContext) -> DomRoot<SVGAnimatedString> {
        // "The className IDL attribute reflects the class attribute" as an SVGAnimatedString
        // ([SameObject]: the binding keeps the first one returned).
        SVGAnimatedString::new(cx, &self.element, "class")
    }

    /// <https://svgwg.org/svg2-draft/types.html#__svg__SVGElement__ownerSVGElement>
    fn OwnerSVGElement(&self, _cx: &mut JSContext) -> Option<DomRoot<SVGSVGElement>> {
        // "On getting ownerSVGElement, the nearest ancestor svg element is returned; if the
        // current element is the outermost svg element, then null is returned."
        self.nearest_svg_ancestor()
    }

    /// <https://svgwg.org/svg2-draft/types.html#__svg__SVGElement__viewportElement>
    fn ViewportElement(&self, _cx: &mut JSContext) -> Option<DomRoot<SVGElement>> {
        // "On getting viewportElement, the nearest ancestor element that establishes an SVG
        // viewport is returned; if the current element is the outermost svg element, then null
        // is returned." FIXME: symbol instances and foreignObject do not establish viewports
        // here, as nothing is rendered; the svg elements do.
        self.nearest_svg_ancestor().map(DomRoot::upcast)
    }

    crate::dom::html::htmlelement::all_global_event_handlers!();
    crate::dom::html::htmlorsvgelement::html_or_svg_element_methods!();

    /// <https://drafts.csswg.org/cssom/#dom-elementcssinlinestyle-style>
    fn Style(&self, cx: &mut JSContext) -> DomRoot<CSSStyleDeclaration> {
        // The CSS declaration block whose owner node is this element ([SameObject]).
        CSSStyleDeclaration::new_inline(cx, &self.element)
    }
}

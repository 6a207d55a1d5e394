//! `SVGAnimatedString` (<https://svgwg.org/svg2-draft/types.html#InterfaceSVGAnimatedString>),
//! reflecting one content attribute of an element. Without animations, `animVal` is `baseVal`.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::SVGAnimatedStringBinding::SVGAnimatedStringMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::element::Element;
use crate::dom::globalscope::DomGlobal;

#[dom_struct]
pub struct SVGAnimatedString {
    reflector_: Reflector,
    element: Dom<Element>,
    /// The reflected content attribute (no namespace).
    #[no_trace]
    attribute: &'static str,
}

impl SVGAnimatedString {
    pub fn new(cx: &mut JSContext, element: &Element, attribute: &'static str) -> DomRoot<SVGAnimatedString> {
        let global = element.global();
        reflect_dom_object(
            cx,
            Box::new(SVGAnimatedString { reflector_: Reflector::new(), element: Dom::from_ref(element), attribute }),
            &global,
        )
    }
}

impl SVGAnimatedStringMethods for SVGAnimatedString {
    /// <https://svgwg.org/svg2-draft/types.html#__svg__SVGAnimatedString__baseVal>
    fn BaseVal(&self, _cx: &mut JSContext) -> DOMString {
        // "On getting baseVal or animVal, the following steps are run: 1. If the reflected
        // attribute is not present, … return the empty string. 2. Otherwise, return the
        // reflected attribute's value."
        self.element.get_attribute_value(self.attribute).unwrap_or_default().into()
    }
    /// <https://svgwg.org/svg2-draft/types.html#__svg__SVGAnimatedString__baseVal>
    fn SetBaseVal(&self, cx: &mut JSContext, value: DOMString) {
        // "On setting baseVal, the reflected attribute is set to the specified value."
        self.element.set_attribute_value(cx, self.attribute, value.into());
    }
    /// <https://svgwg.org/svg2-draft/types.html#__svg__SVGAnimatedString__animVal>
    fn AnimVal(&self, _cx: &mut JSContext) -> DOMString {
        // Without animations the animated value is the base value.
        self.element.get_attribute_value(self.attribute).unwrap_or_default().into()
    }
}

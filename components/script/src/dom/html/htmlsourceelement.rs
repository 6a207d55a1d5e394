//! `HTMLSourceElement` (<https://html.spec.whatwg.org/multipage/embedded-content.html#the-source-element>):
//! a media element's alternative resources (`src` and `type`, tried in order), and a
//! `<picture>`'s image sources (`srcset`, `sizes`, `media`, `type`; `dom::html::htmlimageelement`
//! reads them).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::HTMLSourceElementBinding::HTMLSourceElementMethods;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::document::Document;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::reflect::{reflect_string, reflect_unsigned, reflect_url};

#[dom_struct]
pub struct HTMLSourceElement {
    htmlelement: HTMLElement,
}

impl HTMLSourceElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLSourceElement> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(HTMLSourceElement { htmlelement: HTMLElement::new_inherited(local_name, document) }),
            &window,
        )
    }
}

impl HTMLSourceElementMethods for HTMLSourceElement {
    reflect_url!(Src, SetSrc, "src", "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-source-src");
    reflect_string!(
        Type,
        SetType,
        "type",
        "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-source-type"
    );
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-source-srcset>
    fn Srcset(&self, _cx: &mut JSContext) -> crate::dom::bindings::str::USVString {
        use crate::dom::bindings::inheritance::Castable;
        let element = self.upcast::<crate::dom::dom::element::Element>();
        crate::dom::bindings::str::USVString(element.get_attribute_value("srcset").unwrap_or_default())
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-source-srcset>
    fn SetSrcset(&self, cx: &mut JSContext, value: crate::dom::bindings::str::USVString) {
        use crate::dom::bindings::inheritance::Castable;
        self.upcast::<crate::dom::dom::element::Element>().set_attribute_value(cx, "srcset", value.0);
    }
    reflect_string!(
        Sizes,
        SetSizes,
        "sizes",
        "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-source-sizes"
    );
    reflect_unsigned!(
        Width,
        SetWidth,
        "width",
        0,
        false,
        "https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-width"
    );
    reflect_unsigned!(
        Height,
        SetHeight,
        "height",
        0,
        false,
        "https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-height"
    );
    reflect_string!(
        Media,
        SetMedia,
        "media",
        "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-source-media"
    );
}

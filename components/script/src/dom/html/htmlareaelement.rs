//! `HTMLAreaElement` (<https://html.spec.whatwg.org/multipage/image-maps.html#the-area-element>)
//! with `HTMLHyperlinkElementUtils` (`hyperlink.rs`). Image maps are not hit-tested: an area
//! is a hyperlink whose URL parts a page reads and writes.

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLAreaElementBinding::HTMLAreaElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::domtokenlist::DOMTokenList;
use crate::dom::dom::element::Element;
use crate::dom::html::reflect::reflect_string;
use crate::dom::html::simpleelements::simple_element;

simple_element!(HTMLAreaElement);

impl HTMLAreaElementMethods for HTMLAreaElement {
    reflect_string!(Alt, SetAlt, "alt", "https://html.spec.whatwg.org/multipage/image-maps.html#dom-area-alt");
    reflect_string!(
        Coords,
        SetCoords,
        "coords",
        "https://html.spec.whatwg.org/multipage/image-maps.html#dom-area-coords"
    );
    reflect_string!(Shape, SetShape, "shape", "https://html.spec.whatwg.org/multipage/image-maps.html#dom-area-shape");
    reflect_string!(
        Target,
        SetTarget,
        "target",
        "https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-target"
    );
    reflect_string!(
        Download,
        SetDownload,
        "download",
        "https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-download"
    );
    reflect_string!(Rel, SetRel, "rel", "https://html.spec.whatwg.org/multipage/image-maps.html#dom-area-rel");

    crate::dom::html::hyperlink::hyperlink_ping_and_referrer_policy!();

    /// <https://html.spec.whatwg.org/multipage/image-maps.html#dom-area-rellist>
    fn RelList(&self, cx: &mut JSContext) -> DomRoot<DOMTokenList> {
        DOMTokenList::new(cx, self.upcast::<Element>(), "rel")
    }

    crate::dom::html::hyperlink::hyperlink_element_utils!();
}

//! `HTMLAnchorElement` (<https://html.spec.whatwg.org/multipage/text-level-semantics.html#the-a-element>)
//! with `HTMLHyperlinkElementUtils` (`hyperlink.rs`). Following a link does nothing here: a
//! headless host has no navigation and saves no downloads.

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLAnchorElementBinding::HTMLAnchorElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::domtokenlist::DOMTokenList;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::html::reflect::reflect_string;
use crate::dom::html::simpleelements::simple_element;

simple_element!(HTMLAnchorElement);

impl HTMLAnchorElementMethods for HTMLAnchorElement {
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
    reflect_string!(Rel, SetRel, "rel", "https://html.spec.whatwg.org/multipage/text-level-semantics.html#dom-a-rel");
    reflect_string!(
        Hreflang,
        SetHreflang,
        "hreflang",
        "https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-hreflang"
    );
    reflect_string!(Type, SetType, "type", "https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-type");
    reflect_string!(Coords, SetCoords, "coords", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-a-coords");
    reflect_string!(
        Charset,
        SetCharset,
        "charset",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-a-charset"
    );
    reflect_string!(Name, SetName, "name", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-a-name");
    reflect_string!(Rev, SetRev, "rev", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-a-rev");
    reflect_string!(Shape, SetShape, "shape", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-a-shape");

    crate::dom::html::hyperlink::hyperlink_ping_and_referrer_policy!();

    /// <https://html.spec.whatwg.org/multipage/text-level-semantics.html#dom-a-rellist>
    fn RelList(&self, cx: &mut JSContext) -> DomRoot<DOMTokenList> {
        DOMTokenList::new(cx, self.upcast::<Element>(), "rel")
    }
    /// <https://html.spec.whatwg.org/multipage/text-level-semantics.html#dom-a-text>: the text content.
    fn Text(&self, _cx: &mut JSContext) -> DOMString {
        self.upcast::<Node>().descendant_text_content().into()
    }
    /// <https://html.spec.whatwg.org/multipage/text-level-semantics.html#dom-a-text>
    fn SetText(&self, cx: &mut JSContext, value: DOMString) {
        use crate::dom::bindings::codegen::NodeBinding::NodeMethods;
        self.upcast::<Node>().SetTextContent(cx, Some(value));
    }

    crate::dom::html::hyperlink::hyperlink_element_utils!();
}

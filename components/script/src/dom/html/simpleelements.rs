//! Element interfaces with no behaviour beyond reflected attributes
//! (<https://html.spec.whatwg.org/multipage/>): one struct each, so
//! `instanceof` and `Symbol.toStringTag` are what pages expect.

use std::rc::Rc;

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::htmlelement::HTMLElement;

/// Declares `#[dom_struct] struct $name { htmlelement: HTMLElement }` with a constructor.
macro_rules! simple_element {
    ($name:ident) => {
        #[dom_struct::dom_struct]
        pub struct $name {
            htmlelement: crate::dom::html::htmlelement::HTMLElement,
        }

        impl $name {
            pub fn new(
                cx: &mut mozjs::context::JSContext,
                local_name: &str,
                document: &crate::dom::dom::document::Document,
            ) -> crate::dom::bindings::root::DomRoot<$name> {
                let window = document.window_for_objects();
                crate::dom::bindings::classes::reflect_dom_object(
                    cx,
                    Box::new($name {
                        htmlelement: crate::dom::html::htmlelement::HTMLElement::new_inherited(local_name, document),
                    }),
                    &window,
                )
            }
        }
    };
}

pub(crate) use simple_element;

simple_element!(HTMLUnknownElement);
simple_element!(HTMLHtmlElement);
simple_element!(HTMLHeadElement);
simple_element!(HTMLBodyElement);
simple_element!(HTMLTitleElement);
simple_element!(HTMLMetaElement);
simple_element!(HTMLBaseElement);
simple_element!(HTMLDivElement);
simple_element!(HTMLSpanElement);
simple_element!(HTMLPictureElement);
simple_element!(HTMLParagraphElement);
simple_element!(HTMLPreElement);
simple_element!(HTMLButtonElement);
simple_element!(HTMLHeadingElement);
simple_element!(HTMLUListElement);
simple_element!(HTMLOListElement);
simple_element!(HTMLLIElement);
simple_element!(HTMLBRElement);
simple_element!(HTMLHRElement);
simple_element!(HTMLLinkElement);

impl crate::dom::bindings::codegen::HTMLUnknownElementBinding::HTMLUnknownElementMethods for HTMLUnknownElement {}
impl crate::dom::bindings::codegen::HTMLHtmlElementBinding::HTMLHtmlElementMethods for HTMLHtmlElement {}
impl crate::dom::bindings::codegen::HTMLHeadElementBinding::HTMLHeadElementMethods for HTMLHeadElement {}
impl crate::dom::bindings::codegen::HTMLDivElementBinding::HTMLDivElementMethods for HTMLDivElement {}
impl crate::dom::bindings::codegen::HTMLSpanElementBinding::HTMLSpanElementMethods for HTMLSpanElement {}
impl crate::dom::bindings::codegen::HTMLPictureElementBinding::HTMLPictureElementMethods for HTMLPictureElement {}
impl crate::dom::bindings::codegen::HTMLParagraphElementBinding::HTMLParagraphElementMethods for HTMLParagraphElement {}
impl crate::dom::bindings::codegen::HTMLPreElementBinding::HTMLPreElementMethods for HTMLPreElement {}

impl crate::dom::bindings::codegen::HTMLBodyElementBinding::HTMLBodyElementMethods for HTMLBodyElement {
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#handler-window-onload>: the
    /// body's onload is the window's.
    fn Onload(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        let document = self.upcast::<crate::dom::dom::node::Node>().owner_doc();
        document.browsing_window().and_then(|w| w.upcast::<EventTarget>().get_event_handler("load"))
    }
    fn SetOnload(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        let document = self.upcast::<crate::dom::dom::node::Node>().owner_doc();
        if let Some(w) = document.browsing_window() {
            w.upcast::<EventTarget>().set_event_handler("load", value);
        }
    }
}

impl crate::dom::bindings::codegen::HTMLTitleElementBinding::HTMLTitleElementMethods for HTMLTitleElement {
    /// <https://html.spec.whatwg.org/multipage/semantics.html#dom-title-text>
    fn Text(&self, _cx: &mut JSContext) -> DOMString {
        self.upcast::<crate::dom::dom::node::Node>().child_text_content().into()
    }
    fn SetText(&self, cx: &mut JSContext, value: DOMString) {
        use crate::dom::bindings::codegen::NodeBinding::NodeMethods;
        self.upcast::<crate::dom::dom::node::Node>().SetTextContent(cx, Some(value));
    }
}

impl crate::dom::bindings::codegen::HTMLMetaElementBinding::HTMLMetaElementMethods for HTMLMetaElement {
    /// <https://html.spec.whatwg.org/multipage/semantics.html#dom-meta-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.htmlelement.get_string_attribute("name")
    }
    fn SetName(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "name", value)
    }
    /// <https://html.spec.whatwg.org/multipage/semantics.html#dom-meta-content>
    fn Content(&self, _cx: &mut JSContext) -> DOMString {
        self.htmlelement.get_string_attribute("content")
    }
    fn SetContent(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "content", value)
    }
}

impl crate::dom::bindings::codegen::HTMLButtonElementBinding::HTMLButtonElementMethods for HTMLButtonElement {
    crate::dom::html::forms::validation::constraint_validation_methods!();
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-fe-disabled>
    fn Disabled(&self, _cx: &mut JSContext) -> bool {
        self.htmlelement.get_bool_attribute("disabled")
    }
    fn SetDisabled(&self, cx: &mut JSContext, value: bool) {
        self.htmlelement.set_bool_attribute(cx, "disabled", value)
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-button-type>
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        match self
            .htmlelement
            .upcast::<crate::dom::dom::element::Element>()
            .get_attribute_value("type")
            .map(|t| t.to_ascii_lowercase())
            .as_deref()
        {
            Some(t @ ("reset" | "button")) => t.into(),
            _ => "submit".into(),
        }
    }
    fn SetType(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "type", value)
    }
}

impl crate::dom::bindings::codegen::HTMLHeadingElementBinding::HTMLHeadingElementMethods for HTMLHeadingElement {}
impl crate::dom::bindings::codegen::HTMLUListElementBinding::HTMLUListElementMethods for HTMLUListElement {}
impl crate::dom::bindings::codegen::HTMLBRElementBinding::HTMLBRElementMethods for HTMLBRElement {}
impl crate::dom::bindings::codegen::HTMLHRElementBinding::HTMLHRElementMethods for HTMLHRElement {}

/// The reflected `long` of the "rules for parsing integers", with a default.
fn reflected_long(element: &HTMLElement, name: &str, default: i32) -> i32 {
    element
        .upcast::<crate::dom::dom::element::Element>()
        .get_attribute_value(name)
        .and_then(|v| crate::dom::html::reflect::parse_integer(&v))
        .filter(|v| *v >= i32::MIN as i64 && *v <= i32::MAX as i64)
        .map_or(default, |v| v as i32)
}

impl crate::dom::bindings::codegen::HTMLOListElementBinding::HTMLOListElementMethods for HTMLOListElement {
    crate::dom::html::reflect::reflect_bool!(
        Reversed,
        SetReversed,
        "reversed",
        "https://html.spec.whatwg.org/multipage/grouping-content.html#dom-ol-reversed"
    );
    crate::dom::html::reflect::reflect_string!(
        Type,
        SetType,
        "type",
        "https://html.spec.whatwg.org/multipage/grouping-content.html#dom-ol-type"
    );
    /// <https://html.spec.whatwg.org/multipage/grouping-content.html#dom-ol-start>
    fn Start(&self, _cx: &mut JSContext) -> i32 {
        reflected_long(&self.htmlelement, "start", 1)
    }
    /// <https://html.spec.whatwg.org/multipage/grouping-content.html#dom-ol-start>
    fn SetStart(&self, cx: &mut JSContext, value: i32) {
        self.htmlelement.set_string_attribute(cx, "start", value.to_string().into())
    }
}

impl crate::dom::bindings::codegen::HTMLLIElementBinding::HTMLLIElementMethods for HTMLLIElement {
    /// <https://html.spec.whatwg.org/multipage/grouping-content.html#dom-li-value>
    fn Value(&self, _cx: &mut JSContext) -> i32 {
        reflected_long(&self.htmlelement, "value", 0)
    }
    /// <https://html.spec.whatwg.org/multipage/grouping-content.html#dom-li-value>
    fn SetValue(&self, cx: &mut JSContext, value: i32) {
        self.htmlelement.set_string_attribute(cx, "value", value.to_string().into())
    }
}

impl crate::dom::bindings::codegen::HTMLLinkElementBinding::HTMLLinkElementMethods for HTMLLinkElement {
    crate::dom::html::reflect::reflect_url!(
        Href,
        SetHref,
        "href",
        "https://html.spec.whatwg.org/multipage/semantics.html#dom-link-href"
    );
    crate::dom::html::reflect::reflect_string!(
        Rel,
        SetRel,
        "rel",
        "https://html.spec.whatwg.org/multipage/semantics.html#dom-link-rel"
    );
    crate::dom::html::reflect::reflect_string!(
        Media,
        SetMedia,
        "media",
        "https://html.spec.whatwg.org/multipage/semantics.html#dom-link-media"
    );
    crate::dom::html::reflect::reflect_string!(
        Hreflang,
        SetHreflang,
        "hreflang",
        "https://html.spec.whatwg.org/multipage/semantics.html#dom-link-hreflang"
    );
    crate::dom::html::reflect::reflect_string!(
        Type,
        SetType,
        "type",
        "https://html.spec.whatwg.org/multipage/semantics.html#dom-link-type"
    );
}

impl crate::dom::bindings::codegen::HTMLBaseElementBinding::HTMLBaseElementMethods for HTMLBaseElement {
    /// <https://html.spec.whatwg.org/multipage/semantics.html#dom-base-href>: the `href`
    /// attribute parsed against the document's fallback base URL (its URL), or the attribute
    /// itself if that fails.
    fn Href(&self, _cx: &mut JSContext) -> crate::dom::bindings::str::USVString {
        let element = self.upcast::<crate::dom::dom::element::Element>();
        let value = element.get_attribute_value("href").unwrap_or_default();
        let fallback = element.upcast::<crate::dom::dom::node::Node>().owner_doc().url();
        crate::dom::bindings::str::USVString(fallback.join(&value).map(|u| u.to_string()).unwrap_or(value))
    }
    /// <https://html.spec.whatwg.org/multipage/semantics.html#dom-base-href>: sets the attribute.
    fn SetHref(&self, cx: &mut JSContext, value: crate::dom::bindings::str::USVString) {
        self.htmlelement.set_string_attribute(cx, "href", DOMString::from(value.0))
    }
    /// <https://html.spec.whatwg.org/multipage/semantics.html#dom-base-target>
    fn Target(&self, _cx: &mut JSContext) -> DOMString {
        self.htmlelement.get_string_attribute("target")
    }
    /// <https://html.spec.whatwg.org/multipage/semantics.html#dom-base-target>
    fn SetTarget(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "target", value)
    }
}

simple_element!(HTMLTimeElement);
simple_element!(HTMLDataElement);
simple_element!(HTMLQuoteElement);
simple_element!(HTMLModElement);
simple_element!(HTMLDListElement);
simple_element!(HTMLMenuElement);
simple_element!(HTMLDirectoryElement);
simple_element!(HTMLFontElement);
simple_element!(HTMLParamElement);
simple_element!(HTMLMapElement);

impl crate::dom::bindings::codegen::HTMLTimeElementBinding::HTMLTimeElementMethods for HTMLTimeElement {
    crate::dom::html::reflect::reflect_string!(
        DateTime,
        SetDateTime,
        "datetime",
        "https://html.spec.whatwg.org/multipage/text-level-semantics.html#dom-time-datetime"
    );
}

impl crate::dom::bindings::codegen::HTMLDataElementBinding::HTMLDataElementMethods for HTMLDataElement {
    crate::dom::html::reflect::reflect_string!(
        Value,
        SetValue,
        "value",
        "https://html.spec.whatwg.org/multipage/text-level-semantics.html#dom-data-value"
    );
}

impl crate::dom::bindings::codegen::HTMLQuoteElementBinding::HTMLQuoteElementMethods for HTMLQuoteElement {
    crate::dom::html::reflect::reflect_url!(
        Cite,
        SetCite,
        "cite",
        "https://html.spec.whatwg.org/multipage/grouping-content.html#dom-quote-cite"
    );
}

impl crate::dom::bindings::codegen::HTMLModElementBinding::HTMLModElementMethods for HTMLModElement {
    crate::dom::html::reflect::reflect_url!(
        Cite,
        SetCite,
        "cite",
        "https://html.spec.whatwg.org/multipage/edits.html#dom-mod-cite"
    );
    crate::dom::html::reflect::reflect_string!(
        DateTime,
        SetDateTime,
        "datetime",
        "https://html.spec.whatwg.org/multipage/edits.html#dom-mod-datetime"
    );
}

impl crate::dom::bindings::codegen::HTMLDListElementBinding::HTMLDListElementMethods for HTMLDListElement {
    crate::dom::html::reflect::reflect_bool!(
        Compact,
        SetCompact,
        "compact",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-dl-compact"
    );
}

impl crate::dom::bindings::codegen::HTMLMenuElementBinding::HTMLMenuElementMethods for HTMLMenuElement {
    crate::dom::html::reflect::reflect_bool!(
        Compact,
        SetCompact,
        "compact",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-menu-compact"
    );
}

impl crate::dom::bindings::codegen::HTMLDirectoryElementBinding::HTMLDirectoryElementMethods for HTMLDirectoryElement {
    crate::dom::html::reflect::reflect_bool!(
        Compact,
        SetCompact,
        "compact",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-dir-compact"
    );
}

impl crate::dom::bindings::codegen::HTMLFontElementBinding::HTMLFontElementMethods for HTMLFontElement {
    crate::dom::html::reflect::reflect_string!(
        Color,
        SetColor,
        "color",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-font-color"
    );
    crate::dom::html::reflect::reflect_string!(
        Face,
        SetFace,
        "face",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-font-face"
    );
    crate::dom::html::reflect::reflect_string!(
        Size,
        SetSize,
        "size",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-font-size"
    );
}

impl crate::dom::bindings::codegen::HTMLParamElementBinding::HTMLParamElementMethods for HTMLParamElement {
    crate::dom::html::reflect::reflect_string!(
        Name,
        SetName,
        "name",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-param-name"
    );
    crate::dom::html::reflect::reflect_string!(
        Value,
        SetValue,
        "value",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-param-value"
    );
    crate::dom::html::reflect::reflect_string!(
        Type,
        SetType,
        "type",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-param-type"
    );
    crate::dom::html::reflect::reflect_string!(
        ValueType,
        SetValueType,
        "valuetype",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-param-valuetype"
    );
}

/// A map's `areas`: its `area` descendants.
fn map_areas(
    map: &crate::dom::dom::node::Node,
) -> Vec<crate::dom::bindings::root::DomRoot<crate::dom::dom::element::Element>> {
    map.element_descendants().into_iter().filter(|e| e.is_html_element() && e.local_name() == "area").collect()
}

impl crate::dom::bindings::codegen::HTMLMapElementBinding::HTMLMapElementMethods for HTMLMapElement {
    crate::dom::html::reflect::reflect_string!(
        Name,
        SetName,
        "name",
        "https://html.spec.whatwg.org/multipage/image-maps.html#dom-map-name"
    );
    /// <https://html.spec.whatwg.org/multipage/image-maps.html#dom-map-areas>: "an HTMLCollection
    /// rooted at the map element, whose filter matches only area elements."
    fn Areas(
        &self,
        cx: &mut JSContext,
    ) -> crate::dom::bindings::root::DomRoot<crate::dom::dom::htmlcollection::HTMLCollection> {
        crate::dom::dom::htmlcollection::HTMLCollection::new(
            cx,
            self.upcast(),
            crate::dom::dom::htmlcollection::CollectionFilter::Computed(map_areas),
        )
    }
}

//! `HTMLAnchorElement` (<https://html.spec.whatwg.org/multipage/text-level-semantics.html#the-a-element>)
//! with `HTMLHyperlinkElementUtils` (<https://html.spec.whatwg.org/multipage/links.html#htmlhyperlinkelementutils>):
//! the URL parts read and written through the `url` crate's URL-API setters. Following a link does
//! nothing here: a headless host has no navigation and saves no downloads.

use mozjs::context::JSContext;
use url::Url;

use crate::dom::bindings::codegen::HTMLAnchorElementBinding::HTMLAnchorElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::domtokenlist::DOMTokenList;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::html::reflect::reflect_string;
use crate::dom::html::simpleelements::simple_element;

simple_element!(HTMLAnchorElement);

impl HTMLAnchorElement {
    /// <https://html.spec.whatwg.org/multipage/links.html#concept-hyperlink-url-set>: the href
    /// attribute parsed against the document's base URL; `None` when absent or failing.
    fn url(&self) -> Option<Url> {
        let href = self.upcast::<Element>().get_attribute_value("href")?;
        self.upcast::<Node>().owner_doc().base_url().join(&href).ok()
    }

    /// <https://html.spec.whatwg.org/multipage/links.html#update-href>: writes the URL back.
    fn update_href(&self, cx: &mut JSContext, url: &Url) {
        self.upcast::<Element>().set_attribute_value(cx, "href", url.to_string());
    }

    /// The getter pattern of the URL-part attributes: "" when the URL is null.
    fn part(&self, get: fn(&Url) -> &str) -> USVString {
        USVString(self.url().map(|u| get(&u).to_owned()).unwrap_or_default())
    }

    /// The setter pattern: "If this element's url is null, … return"; otherwise apply the URL
    /// setter and update href.
    fn set_part(&self, cx: &mut JSContext, value: &str, set: fn(&mut Url, &str)) {
        if let Some(mut url) = self.url() {
            set(&mut url, value);
            self.update_href(cx, &url);
        }
    }
}

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

    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-ping>
    fn Ping(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.upcast::<Element>().get_attribute_value("ping").unwrap_or_default())
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-ping>
    fn SetPing(&self, cx: &mut JSContext, value: USVString) {
        self.upcast::<Element>().set_attribute_value(cx, "ping", value.0);
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-referrerpolicy>: limited to
    /// the known referrer policies.
    fn ReferrerPolicy(&self, _cx: &mut JSContext) -> DOMString {
        let value = self.upcast::<Element>().get_attribute_value("referrerpolicy").map(|v| v.to_ascii_lowercase());
        match value.as_deref() {
            Some(
                v @ ("no-referrer"
                | "no-referrer-when-downgrade"
                | "same-origin"
                | "origin"
                | "strict-origin"
                | "origin-when-cross-origin"
                | "strict-origin-when-cross-origin"
                | "unsafe-url"),
            ) => v.into(),
            _ => DOMString::new(),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-referrerpolicy>
    fn SetReferrerPolicy(&self, cx: &mut JSContext, value: DOMString) {
        self.upcast::<Element>().set_attribute_value(cx, "referrerpolicy", value.into());
    }
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

    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-href>: the URL serialized,
    /// or the attribute's value when it does not parse, or "".
    fn Href(&self, _cx: &mut JSContext) -> USVString {
        match self.url() {
            Some(url) => USVString(url.to_string()),
            None => USVString(self.upcast::<Element>().get_attribute_value("href").unwrap_or_default()),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-href>
    fn SetHref(&self, cx: &mut JSContext, value: USVString) {
        self.upcast::<Element>().set_attribute_value(cx, "href", value.0);
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-origin>
    fn Origin(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url().map(|u| crate::dom::url::url::origin_serialization(&u)).unwrap_or_default())
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-protocol>: ":" when null.
    fn Protocol(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url().map_or_else(|| ":".to_owned(), |u| url::quirks::protocol(&u).to_owned()))
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-protocol>
    fn SetProtocol(&self, cx: &mut JSContext, value: USVString) {
        self.set_part(cx, &value.0, |u, v| {
            let _ = url::quirks::set_protocol(u, v);
        });
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-username>
    fn Username(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::username)
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-username>
    fn SetUsername(&self, cx: &mut JSContext, value: USVString) {
        self.set_part(cx, &value.0, |u, v| {
            let _ = url::quirks::set_username(u, v);
        });
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-password>
    fn Password(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::password)
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-password>
    fn SetPassword(&self, cx: &mut JSContext, value: USVString) {
        self.set_part(cx, &value.0, |u, v| {
            let _ = url::quirks::set_password(u, v);
        });
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-host>
    fn Host(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::host)
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-host>
    fn SetHost(&self, cx: &mut JSContext, value: USVString) {
        self.set_part(cx, &value.0, |u, v| {
            let _ = url::quirks::set_host(u, v);
        });
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-hostname>
    fn Hostname(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::hostname)
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-hostname>
    fn SetHostname(&self, cx: &mut JSContext, value: USVString) {
        self.set_part(cx, &value.0, |u, v| {
            let _ = url::quirks::set_hostname(u, v);
        });
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-port>
    fn Port(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::port)
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-port>
    fn SetPort(&self, cx: &mut JSContext, value: USVString) {
        self.set_part(cx, &value.0, |u, v| {
            let _ = url::quirks::set_port(u, v);
        });
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-pathname>
    fn Pathname(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::pathname)
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-pathname>
    fn SetPathname(&self, cx: &mut JSContext, value: USVString) {
        self.set_part(cx, &value.0, url::quirks::set_pathname);
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-search>
    fn Search(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::search)
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-search>
    fn SetSearch(&self, cx: &mut JSContext, value: USVString) {
        self.set_part(cx, &value.0, url::quirks::set_search);
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-hash>
    fn Hash(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::hash)
    }
    /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-hash>
    fn SetHash(&self, cx: &mut JSContext, value: USVString) {
        self.set_part(cx, &value.0, url::quirks::set_hash);
    }
}

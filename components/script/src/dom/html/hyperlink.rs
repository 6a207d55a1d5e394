//! `HTMLHyperlinkElementUtils` (<https://html.spec.whatwg.org/multipage/links.html#htmlhyperlinkelementutils>)
//! for `<a>` and `<area>`: the URL parts read and written through the `url` crate's URL-API
//! setters, and the `ping`/`referrerPolicy` attributes both elements have. The methods are
//! macros expanded inside each element's generated `Methods` impl.

use mozjs::context::JSContext;
use url::Url;

use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::str::USVString;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;

/// <https://html.spec.whatwg.org/multipage/links.html#concept-hyperlink-url-set>: the href
/// attribute parsed against the document's base URL; `None` when absent or failing.
pub fn url(element: &Element) -> Option<Url> {
    let href = element.get_attribute_value("href")?;
    element.upcast::<Node>().owner_doc().base_url().join(&href).ok()
}

/// <https://html.spec.whatwg.org/multipage/links.html#update-href>: writes the URL back.
pub fn update_href(cx: &mut JSContext, element: &Element, url: &Url) {
    element.set_attribute_value(cx, "href", url.to_string());
}

/// The getter pattern of the URL-part attributes: "" when the URL is null.
pub fn part(element: &Element, get: fn(&Url) -> &str) -> USVString {
    USVString(url(element).map(|u| get(&u).to_owned()).unwrap_or_default())
}

/// The setter pattern: "If this element's url is null, … return"; otherwise apply the URL
/// setter and update href.
pub fn set_part(cx: &mut JSContext, element: &Element, value: &str, set: fn(&mut Url, &str)) {
    if let Some(mut parsed) = url(element) {
        set(&mut parsed, value);
        update_href(cx, element, &parsed);
    }
}

/// `href`, `origin`, `protocol`, `username`, `password`, `host`, `hostname`, `port`,
/// `pathname`, `search` and `hash`, with their setters.
macro_rules! hyperlink_element_utils {
    () => {
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-href>: the URL serialized,
        /// or the attribute's value when it does not parse, or "".
        fn Href(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            match crate::dom::html::hyperlink::url(self.upcast::<crate::dom::dom::element::Element>()) {
                Some(url) => crate::dom::bindings::str::USVString(url.to_string()),
                None => crate::dom::bindings::str::USVString(
                    self.upcast::<crate::dom::dom::element::Element>().get_attribute_value("href").unwrap_or_default(),
                ),
            }
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-href>
        fn SetHref(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            self.upcast::<crate::dom::dom::element::Element>().set_attribute_value(cx, "href", value.0);
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-origin>
        fn Origin(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            crate::dom::bindings::str::USVString(
                crate::dom::html::hyperlink::url(self.upcast::<crate::dom::dom::element::Element>())
                    .map(|u| crate::dom::url::url::origin_serialization(&u))
                    .unwrap_or_default(),
            )
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-protocol>: ":" when null.
        fn Protocol(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            crate::dom::bindings::str::USVString(
                crate::dom::html::hyperlink::url(self.upcast::<crate::dom::dom::element::Element>())
                    .map_or_else(|| ":".to_owned(), |u| url::quirks::protocol(&u).to_owned()),
            )
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-protocol>
        fn SetProtocol(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            crate::dom::html::hyperlink::set_part(
                cx,
                self.upcast::<crate::dom::dom::element::Element>(),
                &value.0,
                |u, v| {
                    let _ = url::quirks::set_protocol(u, v);
                },
            );
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-username>
        fn Username(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            crate::dom::html::hyperlink::part(self.upcast::<crate::dom::dom::element::Element>(), url::quirks::username)
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-username>
        fn SetUsername(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            crate::dom::html::hyperlink::set_part(
                cx,
                self.upcast::<crate::dom::dom::element::Element>(),
                &value.0,
                |u, v| {
                    let _ = url::quirks::set_username(u, v);
                },
            );
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-password>
        fn Password(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            crate::dom::html::hyperlink::part(self.upcast::<crate::dom::dom::element::Element>(), url::quirks::password)
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-password>
        fn SetPassword(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            crate::dom::html::hyperlink::set_part(
                cx,
                self.upcast::<crate::dom::dom::element::Element>(),
                &value.0,
                |u, v| {
                    let _ = url::quirks::set_password(u, v);
                },
            );
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-host>
        fn Host(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            crate::dom::html::hyperlink::part(self.upcast::<crate::dom::dom::element::Element>(), url::quirks::host)
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-host>
        fn SetHost(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            crate::dom::html::hyperlink::set_part(
                cx,
                self.upcast::<crate::dom::dom::element::Element>(),
                &value.0,
                |u, v| {
                    let _ = url::quirks::set_host(u, v);
                },
            );
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-hostname>
        fn Hostname(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            crate::dom::html::hyperlink::part(self.upcast::<crate::dom::dom::element::Element>(), url::quirks::hostname)
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-hostname>
        fn SetHostname(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            crate::dom::html::hyperlink::set_part(
                cx,
                self.upcast::<crate::dom::dom::element::Element>(),
                &value.0,
                |u, v| {
                    let _ = url::quirks::set_hostname(u, v);
                },
            );
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-port>
        fn Port(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            crate::dom::html::hyperlink::part(self.upcast::<crate::dom::dom::element::Element>(), url::quirks::port)
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-port>
        fn SetPort(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            crate::dom::html::hyperlink::set_part(
                cx,
                self.upcast::<crate::dom::dom::element::Element>(),
                &value.0,
                |u, v| {
                    let _ = url::quirks::set_port(u, v);
                },
            );
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-pathname>
        fn Pathname(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            crate::dom::html::hyperlink::part(self.upcast::<crate::dom::dom::element::Element>(), url::quirks::pathname)
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-pathname>
        fn SetPathname(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            crate::dom::html::hyperlink::set_part(
                cx,
                self.upcast::<crate::dom::dom::element::Element>(),
                &value.0,
                url::quirks::set_pathname,
            );
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-search>
        fn Search(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            crate::dom::html::hyperlink::part(self.upcast::<crate::dom::dom::element::Element>(), url::quirks::search)
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-search>
        fn SetSearch(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            crate::dom::html::hyperlink::set_part(
                cx,
                self.upcast::<crate::dom::dom::element::Element>(),
                &value.0,
                url::quirks::set_search,
            );
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-hash>
        fn Hash(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            crate::dom::html::hyperlink::part(self.upcast::<crate::dom::dom::element::Element>(), url::quirks::hash)
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-hash>
        fn SetHash(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            crate::dom::html::hyperlink::set_part(
                cx,
                self.upcast::<crate::dom::dom::element::Element>(),
                &value.0,
                url::quirks::set_hash,
            );
        }
    };
}
pub(crate) use hyperlink_element_utils;

/// `ping` and `referrerPolicy` (<https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-ping>).
macro_rules! hyperlink_ping_and_referrer_policy {
    () => {
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-ping>
        fn Ping(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            crate::dom::bindings::str::USVString(
                self.upcast::<crate::dom::dom::element::Element>().get_attribute_value("ping").unwrap_or_default(),
            )
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-ping>
        fn SetPing(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            self.upcast::<crate::dom::dom::element::Element>().set_attribute_value(cx, "ping", value.0);
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-referrerpolicy>: limited to
        /// the known referrer policies.
        fn ReferrerPolicy(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::DOMString {
            let value = self.upcast::<crate::dom::dom::element::Element>().get_attribute_value("referrerpolicy");
            crate::dom::html::hyperlink::referrer_policy_keyword(value.as_deref()).into()
        }
        /// <https://html.spec.whatwg.org/multipage/links.html#dom-hyperlink-referrerpolicy>
        fn SetReferrerPolicy(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::DOMString) {
            self.upcast::<crate::dom::dom::element::Element>().set_attribute_value(cx, "referrerpolicy", value.into());
        }
    };
}
pub(crate) use hyperlink_ping_and_referrer_policy;

/// A `referrerpolicy` attribute's value as the IDL attribute reflects it: "limited to only
/// known values" (<https://w3c.github.io/webappsec-referrer-policy/#referrer-policies>), the
/// empty string otherwise.
pub fn referrer_policy_keyword(value: Option<&str>) -> &'static str {
    const POLICIES: [&str; 8] = [
        "no-referrer",
        "no-referrer-when-downgrade",
        "same-origin",
        "origin",
        "strict-origin",
        "origin-when-cross-origin",
        "strict-origin-when-cross-origin",
        "unsafe-url",
    ];
    value.and_then(|v| POLICIES.into_iter().find(|p| p.eq_ignore_ascii_case(v))).unwrap_or("")
}

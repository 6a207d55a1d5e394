//! `Location`, read-only (<https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-location-interface>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::LocationBinding::LocationMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::USVString;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct Location {
    reflector_: Reflector,
    window: Dom<Window>,
}

impl Location {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<Location> {
        reflect_dom_object(
            cx,
            Box::new(Location { reflector_: Reflector::new(), window: Dom::from_ref(window) }),
            window,
        )
    }

    fn url(&self) -> url::Url {
        self.window.url()
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#location-object-navigate>
    /// to `url` (push, or replace): a URL that differs from the document's only in a non-null
    /// fragment is a navigation to a fragment
    /// (<https://html.spec.whatwg.org/multipage/browsing-the-web.html#navigate-fragid>); any
    /// other navigation would replace the document, which this host does not do.
    fn navigate(&self, cx: &mut JSContext, url: url::Url, replace: bool) -> ErrorResult {
        // "If document is not fully active, then return."
        if !self.window.is_attached() {
            return Ok(());
        }
        let current = self.url();
        let mut without_fragment = url.clone();
        without_fragment.set_fragment(None);
        let mut current_without_fragment = current.clone();
        current_without_fragment.set_fragment(None);
        if url.fragment().is_some() && without_fragment == current_without_fragment {
            use crate::dom::bindings::codegen::WindowBinding::WindowMethods;
            self.window.History(cx).navigate_to_fragment(cx, url, replace);
            return Ok(());
        }
        Err(Error::NotSupported(format!(
            "Navigating to '{url}' would replace the document, which Aperture's headless host does not do."
        )))
    }

    /// "Encoding-parsing a URL" relative to the document: a failure is a SyntaxError.
    fn parse(&self, value: &str) -> Fallible<url::Url> {
        self.url().join(value).map_err(|_| Error::Syntax(format!("'{value}' is not a valid URL.")))
    }
}

impl LocationMethods for Location {
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-href>
    fn Href(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url().to_string())
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-href>: "1. If
    /// this's relevant Document is null, then return. 2. Let url be the result of
    /// encoding-parsing a URL given the given value, relative to the entry settings object. 3.
    /// If url is failure, then throw a SyntaxError DOMException. 4. Location-object navigate
    /// this to url."
    fn SetHref(&self, cx: &mut JSContext, value: USVString) -> ErrorResult {
        let url = self.parse(&value.0)?;
        self.navigate(cx, url, false)
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-assign>
    fn Assign(&self, cx: &mut JSContext, value: USVString) -> ErrorResult {
        let url = self.parse(&value.0)?;
        self.navigate(cx, url, false)
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-replace>:
    /// "Location-object navigate this to the resulting URL record given "replace"."
    fn Replace(&self, cx: &mut JSContext, value: USVString) -> ErrorResult {
        let url = self.parse(&value.0)?;
        self.navigate(cx, url, true)
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-hash>, the
    /// setter: "3. Let copyURL be a copy of this's url. 4. Let thisURLFragment be copyURL's
    /// fragment if it is non-null; otherwise the empty string. 5. Let input be the given value
    /// with a single leading "#" removed, if any. 6. Set copyURL's fragment to the empty
    /// string. 7. Basic URL parse input, with copyURL as url and fragment state as state
    /// override. 8. If copyURL's fragment is thisURLFragment, then return. 9. Location-object
    /// navigate this to copyURL."
    fn SetHash(&self, cx: &mut JSContext, value: USVString) {
        let mut copy = self.url();
        let this_fragment = copy.fragment().unwrap_or("").to_owned();
        let input = value.0.strip_prefix('#').unwrap_or(&value.0);
        copy.set_fragment(Some(input));
        if copy.fragment().unwrap_or("") == this_fragment {
            return;
        }
        if let Err(error) = self.navigate(cx, copy, false) {
            log::debug!("location.hash: {error:?}");
        }
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-origin>
    fn Origin(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url().origin().ascii_serialization())
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-protocol>
    fn Protocol(&self, _cx: &mut JSContext) -> USVString {
        USVString(format!("{}:", self.url().scheme()))
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-host>
    fn Host(&self, _cx: &mut JSContext) -> USVString {
        let url = self.url();
        USVString(match (url.host_str(), url.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            _ => String::new(),
        })
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-hostname>
    fn Hostname(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url().host_str().unwrap_or("").to_string())
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-port>
    fn Port(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url().port().map(|p| p.to_string()).unwrap_or_default())
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-pathname>
    fn Pathname(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url().path().to_string())
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-search>
    fn Search(&self, _cx: &mut JSContext) -> USVString {
        USVString(match self.url().query() {
            Some(q) if !q.is_empty() => format!("?{q}"),
            _ => String::new(),
        })
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-hash>
    fn Hash(&self, _cx: &mut JSContext) -> USVString {
        USVString(match self.url().fragment() {
            Some(f) if !f.is_empty() => format!("#{f}"),
            _ => String::new(),
        })
    }
}

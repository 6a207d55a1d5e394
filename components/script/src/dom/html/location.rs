//! `Location`, read-only (<https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-location-interface>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::LocationBinding::LocationMethods;
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
}

impl LocationMethods for Location {
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location-href>
    fn Href(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url().to_string())
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

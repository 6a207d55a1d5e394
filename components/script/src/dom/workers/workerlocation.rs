//! `WorkerLocation` (<https://html.spec.whatwg.org/multipage/workers.html#worker-locations>):
//! the parts of the worker's URL.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use url::Url;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::WorkerLocationBinding::WorkerLocationMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::USVString;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct WorkerLocation {
    reflector_: Reflector,
    #[no_trace]
    url: Url,
}

impl WorkerLocation {
    pub fn new(cx: &mut JSContext, global: &Window) -> DomRoot<WorkerLocation> {
        reflect_dom_object(cx, Box::new(WorkerLocation { reflector_: Reflector::new(), url: global.url() }), global)
    }
}

impl WorkerLocationMethods for WorkerLocation {
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerlocation-href>
    fn Href(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url.to_string())
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerlocation-origin>
    fn Origin(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url.origin().ascii_serialization())
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerlocation-protocol>
    fn Protocol(&self, _cx: &mut JSContext) -> USVString {
        USVString(format!("{}:", self.url.scheme()))
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerlocation-host>
    fn Host(&self, _cx: &mut JSContext) -> USVString {
        USVString(match (self.url.host_str(), self.url.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            _ => String::new(),
        })
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerlocation-hostname>
    fn Hostname(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url.host_str().unwrap_or("").to_string())
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerlocation-port>
    fn Port(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url.port().map(|p| p.to_string()).unwrap_or_default())
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerlocation-pathname>
    fn Pathname(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url.path().to_string())
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerlocation-search>
    fn Search(&self, _cx: &mut JSContext) -> USVString {
        USVString(match self.url.query() {
            Some(q) if !q.is_empty() => format!("?{q}"),
            _ => String::new(),
        })
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerlocation-hash>
    fn Hash(&self, _cx: &mut JSContext) -> USVString {
        USVString(match self.url.fragment() {
            Some(f) if !f.is_empty() => format!("#{f}"),
            _ => String::new(),
        })
    }
}

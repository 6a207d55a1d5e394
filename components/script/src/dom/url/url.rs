//! `URL` (<https://url.spec.whatwg.org/#url-class>).

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::URLBinding::URLMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::html::window::Window;
use crate::dom::url::urlsearchparams::URLSearchParams;

#[dom_struct]
pub struct URL {
    reflector_: Reflector,
    /// <https://url.spec.whatwg.org/#concept-url-url>
    #[no_trace]
    url: RefCell<url::Url>,
    /// <https://url.spec.whatwg.org/#concept-url-query-object>
    query_object: Dom<URLSearchParams>,
}

/// <https://url.spec.whatwg.org/#api-url-parser>: parse `base` first (failure if it fails), then
/// `url` against it.
fn api_url_parser(url: &str, base: Option<&str>) -> Option<url::Url> {
    let base = match base {
        Some(b) => Some(url::Url::parse(b).ok()?),
        None => None,
    };
    url::Url::options().base_url(base.as_ref()).parse(url).ok()
}

/// The serialization of `url`'s origin (<https://url.spec.whatwg.org/#concept-url-origin>): for
/// a `blob:` URL, the origin of the URL its path parses to when that is an `http(s):` URL, and
/// an opaque origin ("null") otherwise.
pub fn origin_serialization(url: &url::Url) -> String {
    if url.scheme() == "blob" {
        return match url::Url::parse(url.path()) {
            Ok(inner) if matches!(inner.scheme(), "http" | "https") => inner.origin().ascii_serialization(),
            _ => "null".into(),
        };
    }
    url.origin().ascii_serialization()
}

impl URL {
    /// <https://url.spec.whatwg.org/#url-initialize>
    fn initialize(cx: &mut JSContext, global: &Window, proto: Option<HandleObject>, parsed: url::Url) -> DomRoot<URL> {
        // "Let query be urlRecord's query, if that is non-null, and the empty string otherwise.
        // Set this's query object to the result of creating a new URLSearchParams object using
        // query, and its URL object to this."
        let query = parsed.query().unwrap_or("").to_owned();
        let params = URLSearchParams::from_query(cx, global, &query);
        let url =
            URL { reflector_: Reflector::new(), url: RefCell::new(parsed), query_object: Dom::from_ref(&*params) };
        let url = reflect_dom_object_with_proto(cx, Box::new(url), global, proto);
        params.set_url_object(&url);
        url
    }

    /// The URL as the query object's update steps need it.
    pub fn set_query(&self, query: Option<&str>) {
        self.url.borrow_mut().set_query(query);
    }

    /// Re-reads the query into the query object (after href or search changed).
    fn update_query_object(&self) {
        let query = self.url.borrow().query().unwrap_or("").to_owned();
        self.query_object.set_list_from_query(&query);
    }

    fn part(&self, get: fn(&url::Url) -> &str) -> USVString {
        USVString(get(&self.url.borrow()).to_owned())
    }

    fn set_part(&self, value: &str, set: fn(&mut url::Url, &str)) {
        set(&mut self.url.borrow_mut(), value);
    }
}

impl URLMethods for URL {
    /// <https://url.spec.whatwg.org/#dom-url-url>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        url: USVString,
        base: Option<USVString>,
    ) -> Fallible<DomRoot<URL>> {
        // 1. "Let parsedURL be the result of running the API URL parser on url with base, if given."
        // 2. "If parsedURL is failure, then throw a TypeError."
        let Some(parsed) = api_url_parser(&url.0, base.as_ref().map(|b| b.0.as_str())) else {
            return Err(Error::Type(format!("Failed to construct 'URL': Invalid URL '{}'", url.0)));
        };
        // 3. "Initialize this with parsedURL."
        Ok(URL::initialize(cx, global, proto, parsed))
    }

    /// <https://url.spec.whatwg.org/#dom-url-parse>
    fn Parse(cx: &mut JSContext, global: &Window, url: USVString, base: Option<USVString>) -> Option<DomRoot<URL>> {
        // "If parsedURL is failure, then return null"; otherwise a new URL initialized with it.
        let parsed = api_url_parser(&url.0, base.as_ref().map(|b| b.0.as_str()))?;
        Some(URL::initialize(cx, global, None, parsed))
    }

    /// <https://url.spec.whatwg.org/#dom-url-canparse>
    fn CanParse(_cx: &mut JSContext, _global: &Window, url: USVString, base: Option<USVString>) -> bool {
        api_url_parser(&url.0, base.as_ref().map(|b| b.0.as_str())).is_some()
    }

    /// <https://w3c.github.io/FileAPI/#dfn-createObjectURL>: "Return the result of adding an
    /// entry to the blob URL store for obj."
    fn CreateObjectURL(_cx: &mut JSContext, global: &Window, obj: &crate::dom::fileapi::blob::Blob) -> DOMString {
        let entry = crate::dom::fileapi::bloburl::BlobUrlEntry {
            bytes: obj.shared_bytes(),
            type_: obj.type_string().to_owned(),
            origin: crate::origin::origin_key(&global.url()),
        };
        let origin = origin_serialization(&global.url());
        crate::dom::fileapi::bloburl::add_entry(entry, &origin).into()
    }

    /// <https://w3c.github.io/FileAPI/#dfn-revokeObjectURL>: remove the entry `url` names (nothing
    /// for a URL that does not parse, is not a blob URL or is unknown).
    fn RevokeObjectURL(_cx: &mut JSContext, global: &Window, url: DOMString) {
        crate::dom::fileapi::bloburl::remove_entry(url.as_str(), &crate::origin::origin_key(&global.url()));
    }

    /// <https://url.spec.whatwg.org/#dom-url-href>: "return the serialization of this's URL".
    fn Href(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url.borrow().as_str().to_owned())
    }
    /// <https://url.spec.whatwg.org/#dom-url-href>
    fn SetHref(&self, _cx: &mut JSContext, value: USVString) -> ErrorResult {
        // 1. "Let parsedURL be the result of running the basic URL parser on the given value."
        // 2. "If parsedURL is failure, then throw a TypeError."
        let parsed = url::Url::parse(&value.0).map_err(|_| {
            Error::Type(format!("Failed to set the 'href' property on 'URL': Invalid URL '{}'", value.0))
        })?;
        // 3–6. "Set this's URL to parsedURL; empty this's query object's list; if this's URL's
        //    query is non-null, set the list to the result of parsing it."
        *self.url.borrow_mut() = parsed;
        self.update_query_object();
        Ok(())
    }
    /// <https://url.spec.whatwg.org/#dom-url-origin>
    fn Origin(&self, _cx: &mut JSContext) -> USVString {
        USVString(origin_serialization(&self.url.borrow()))
    }
    /// <https://url.spec.whatwg.org/#dom-url-protocol>
    fn Protocol(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::protocol)
    }
    /// <https://url.spec.whatwg.org/#dom-url-protocol>
    fn SetProtocol(&self, _cx: &mut JSContext, value: USVString) {
        self.set_part(&value.0, |u, v| {
            let _ = url::quirks::set_protocol(u, v);
        });
    }
    /// <https://url.spec.whatwg.org/#dom-url-username>
    fn Username(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::username)
    }
    /// <https://url.spec.whatwg.org/#dom-url-username>
    fn SetUsername(&self, _cx: &mut JSContext, value: USVString) {
        self.set_part(&value.0, |u, v| {
            let _ = url::quirks::set_username(u, v);
        });
    }
    /// <https://url.spec.whatwg.org/#dom-url-password>
    fn Password(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::password)
    }
    /// <https://url.spec.whatwg.org/#dom-url-password>
    fn SetPassword(&self, _cx: &mut JSContext, value: USVString) {
        self.set_part(&value.0, |u, v| {
            let _ = url::quirks::set_password(u, v);
        });
    }
    /// <https://url.spec.whatwg.org/#dom-url-host>
    fn Host(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::host)
    }
    /// <https://url.spec.whatwg.org/#dom-url-host>
    fn SetHost(&self, _cx: &mut JSContext, value: USVString) {
        self.set_part(&value.0, |u, v| {
            let _ = url::quirks::set_host(u, v);
        });
    }
    /// <https://url.spec.whatwg.org/#dom-url-hostname>
    fn Hostname(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::hostname)
    }
    /// <https://url.spec.whatwg.org/#dom-url-hostname>
    fn SetHostname(&self, _cx: &mut JSContext, value: USVString) {
        self.set_part(&value.0, |u, v| {
            let _ = url::quirks::set_hostname(u, v);
        });
    }
    /// <https://url.spec.whatwg.org/#dom-url-port>
    fn Port(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::port)
    }
    /// <https://url.spec.whatwg.org/#dom-url-port>
    fn SetPort(&self, _cx: &mut JSContext, value: USVString) {
        self.set_part(&value.0, |u, v| {
            let _ = url::quirks::set_port(u, v);
        });
    }
    /// <https://url.spec.whatwg.org/#dom-url-pathname>
    fn Pathname(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::pathname)
    }
    /// <https://url.spec.whatwg.org/#dom-url-pathname>
    fn SetPathname(&self, _cx: &mut JSContext, value: USVString) {
        self.set_part(&value.0, url::quirks::set_pathname);
    }
    /// <https://url.spec.whatwg.org/#dom-url-search>
    fn Search(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::search)
    }
    /// <https://url.spec.whatwg.org/#dom-url-search>: sets the query, then "set this's query
    /// object's list to the result of parsing input".
    fn SetSearch(&self, _cx: &mut JSContext, value: USVString) {
        self.set_part(&value.0, url::quirks::set_search);
        self.update_query_object();
    }
    /// <https://url.spec.whatwg.org/#dom-url-searchparams>
    fn SearchParams(&self, _cx: &mut JSContext) -> DomRoot<URLSearchParams> {
        self.query_object.as_rooted()
    }
    /// <https://url.spec.whatwg.org/#dom-url-hash>
    fn Hash(&self, _cx: &mut JSContext) -> USVString {
        self.part(url::quirks::hash)
    }
    /// <https://url.spec.whatwg.org/#dom-url-hash>
    fn SetHash(&self, _cx: &mut JSContext, value: USVString) {
        self.set_part(&value.0, url::quirks::set_hash);
    }
    /// <https://url.spec.whatwg.org/#dom-url-tojson>: "return the serialization of this's URL".
    fn ToJSON(&self, cx: &mut JSContext) -> USVString {
        self.Href(cx)
    }
}

//! `XMLHttpRequest`, `XMLHttpRequestEventTarget` and `XMLHttpRequestUpload`
//! (<https://xhr.spec.whatwg.org/>), on the same network code as `fetch()`: `file:`, `http:`
//! (same-origin, or cross-origin simple requests that pass the CORS check), `data:` and
//! `blob:` URLs. Asynchronous requests run in parallel and settle from a task; synchronous ones
//! block the script thread, as the standard says. The whole body arrives at once, so the
//! events are loadstart, readystatechange (2, 3), progress, readystatechange (4), load and
//! loadend, as a browser fires them for a small response.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, NullValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleValue};
use url::Url;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Enums::XMLHttpRequestResponseType as ResponseType;
use crate::dom::bindings::codegen::Unions::BlobOrArrayBufferViewOrArrayBufferOrFormDataOrURLSearchParamsOrUSVString as BodyInit;
use crate::dom::bindings::codegen::XMLHttpRequestBinding::XMLHttpRequestMethods;
use crate::dom::bindings::codegen::XMLHttpRequestEventTargetBinding::XMLHttpRequestEventTargetMethods;
use crate::dom::bindings::codegen::XMLHttpRequestUploadBinding::XMLHttpRequestUploadMethods;
use crate::dom::bindings::conversions::{ToJSVal, new_array_buffer};
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::{ByteString, USVString};
use crate::dom::dom::document::Document;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::fetch::fetch::{
    basic_filter, blob_url_headers, cors_filter, is_method, is_safelisted_method, url_without_fragment,
};
use crate::dom::fetch::headers::{is_forbidden_request_header, is_header_name, is_header_value, normalize};
use crate::dom::fetch::response::extract_body;
use crate::dom::fileapi::blob::Blob;
use crate::dom::fileapi::progressevent::ProgressEvent;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::net;

const UNSENT: u16 = 0;
const OPENED: u16 = 1;
const HEADERS_RECEIVED: u16 = 2;
const LOADING: u16 = 3;
const DONE: u16 = 4;

/// <https://xhr.spec.whatwg.org/#xmlhttprequesteventtarget>
#[dom_struct]
pub struct XMLHttpRequestEventTarget {
    eventtarget: EventTarget,
}

impl XMLHttpRequestEventTarget {
    fn new_inherited() -> XMLHttpRequestEventTarget {
        XMLHttpRequestEventTarget { eventtarget: EventTarget::new_inherited() }
    }
}

impl XMLHttpRequestEventTargetMethods for XMLHttpRequestEventTarget {
    // <https://xhr.spec.whatwg.org/#event-handlers>
    crate::dom::html::htmlelement::global_event_handlers! {
        Onloadstart, SetOnloadstart => "loadstart";
        Onprogress, SetOnprogress => "progress";
        Onabort, SetOnabort => "abort";
        Onerror, SetOnerror => "error";
        Onload, SetOnload => "load";
        Ontimeout, SetOntimeout => "timeout";
        Onloadend, SetOnloadend => "loadend";
    }
}

/// <https://xhr.spec.whatwg.org/#xmlhttprequestupload>
#[dom_struct]
pub struct XMLHttpRequestUpload {
    target: XMLHttpRequestEventTarget,
}

impl XMLHttpRequestUploadMethods for XMLHttpRequestUpload {}

/// A response as the XHR keeps it (already filtered for CORS).
#[derive(Clone, Debug)]
struct ResponseRecord {
    url: Url,
    status: u16,
    status_text: Vec<u8>,
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    body: Vec<u8>,
    /// The `Set-Cookie` values of a same-origin HTTP response, for the engine's cookie store.
    set_cookies: Vec<String>,
}

impl ResponseRecord {
    /// Stores the response's cookies (on the script thread, which holds the store).
    fn store_cookies(&self, client_url: &Url) {
        if self.set_cookies.is_empty() {
            return;
        }
        let headers: Vec<(String, String)> =
            self.set_cookies.iter().map(|v| ("Set-Cookie".into(), v.clone())).collect();
        net::store_cookies(&self.url, &headers, client_url);
    }
}

/// Why a request produced no response.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Failure {
    Network,
    Timeout,
}

#[dom_struct]
pub struct XMLHttpRequest {
    target: XMLHttpRequestEventTarget,
    upload: Dom<XMLHttpRequestUpload>,
    #[no_trace]
    state: Cell<u16>,
    #[no_trace]
    send_flag: Cell<bool>,
    #[no_trace]
    synchronous: Cell<bool>,
    #[no_trace]
    upload_complete: Cell<bool>,
    #[no_trace]
    upload_listener: Cell<bool>,
    #[no_trace]
    method: RefCell<String>,
    #[no_trace]
    url: RefCell<Option<Url>>,
    /// The request URL's blob URL entry, resolved when open() parsed it: revoking the blob URL
    /// after open() does not stop the request.
    #[no_trace]
    blob_entry: RefCell<Option<crate::dom::fileapi::bloburl::BlobUrlEntry>>,
    #[no_trace]
    author_headers: RefCell<Vec<(Vec<u8>, Vec<u8>)>>,
    #[no_trace]
    timeout: Cell<u32>,
    #[no_trace]
    with_credentials: Cell<bool>,
    #[no_trace]
    response: RefCell<Option<ResponseRecord>>,
    #[no_trace]
    response_type: Cell<ResponseType>,
    #[no_trace]
    override_mime: RefCell<Option<String>>,
    /// The response object for arraybuffer, blob, document and json responses, once made.
    response_object: Box<Heap<JSVal>>,
    #[no_trace]
    response_object_made: Cell<bool>,
    /// Bumped by open() and abort(): a reply for an older request is dropped.
    #[no_trace]
    generation: Cell<u64>,
}

impl XMLHttpRequest {
    fn target(&self) -> &EventTarget {
        self.upcast::<EventTarget>()
    }

    fn fire(&self, cx: &mut JSContext, name: &str) {
        self.target().fire_event(cx, name);
    }

    /// <https://xhr.spec.whatwg.org/#concept-event-fire-progress>
    fn fire_progress(&self, cx: &mut JSContext, target: &EventTarget, name: &str, transmitted: u64, length: u64) {
        let window = self.global();
        let event = ProgressEvent::new_trusted_with(cx, &window, name, length != 0, transmitted as f64, length as f64);
        target.dispatch(cx, event.upcast::<Event>());
    }

    fn upload_target(&self) -> &EventTarget {
        self.upload.upcast::<EventTarget>()
    }

    /// <https://xhr.spec.whatwg.org/#request-error-steps>
    fn request_error_steps(&self, cx: &mut JSContext, event: &str, exception: Error) -> ErrorResult {
        // 1. Set xhr's state to done. 2. Unset xhr's send() flag. 3. Set xhr's response to a
        //    network error.
        self.state.set(DONE);
        self.send_flag.set(false);
        *self.response.borrow_mut() = None;
        // 4. If xhr's synchronous flag is set, then throw exception.
        if self.synchronous.get() {
            return Err(exception);
        }
        // 5. Fire an event named readystatechange at xhr.
        self.fire(cx, "readystatechange");
        // 6. If xhr's upload complete flag is unset, then: set it; if xhr's upload listener
        //    flag is set, fire a progress event named event and then loadend at xhr's upload
        //    object with 0 and 0.
        if !self.upload_complete.get() {
            self.upload_complete.set(true);
            if self.upload_listener.get() {
                self.fire_progress(cx, self.upload_target(), event, 0, 0);
                self.fire_progress(cx, self.upload_target(), "loadend", 0, 0);
            }
        }
        // 7. Fire a progress event named event at xhr with 0 and 0. 8. Fire a progress event
        //    named loadend at xhr with 0 and 0.
        self.fire_progress(cx, self.target(), event, 0, 0);
        self.fire_progress(cx, self.target(), "loadend", 0, 0);
        Ok(())
    }

    /// The request body has been sent (<https://xhr.spec.whatwg.org/#dom-xmlhttprequest-send>,
    /// processRequestEndOfBody): the upload complete flag and the upload's progress, load and
    /// loadend.
    fn request_end_of_body(&self, cx: &mut JSContext, length: u64) {
        if self.upload_complete.replace(true) {
            return;
        }
        if self.upload_listener.get() {
            self.fire_progress(cx, self.upload_target(), "progress", length, length);
            self.fire_progress(cx, self.upload_target(), "load", length, length);
            self.fire_progress(cx, self.upload_target(), "loadend", length, length);
        }
    }

    /// What the network answered, for the asynchronous path: process response, then the body,
    /// then handle response end-of-body.
    fn process_async_result(&self, cx: &mut JSContext, result: Result<ResponseRecord, Failure>, body_length: u64) {
        let response = match result {
            Ok(response) => {
                response.store_cookies(&self.global().document().url());
                response
            }
            Err(Failure::Timeout) => {
                let _ = self.request_error_steps(cx, "timeout", Error::Timeout("The request timed out.".into()));
                return;
            }
            Err(Failure::Network) => {
                let _ = self.request_error_steps(cx, "error", Error::Network("A network error occurred.".into()));
                return;
            }
        };
        self.request_end_of_body(cx, body_length);
        let generation = self.generation.get();
        let length = content_length(&response.headers).unwrap_or(0);
        let transmitted = response.body.len() as u64;
        *self.response.borrow_mut() = Some(response);
        // processResponse: 5. Set xhr's state to headers received. 6. Fire an event named
        // readystatechange at xhr. 7. If xhr's state is not headers received, then return.
        self.state.set(HEADERS_RECEIVED);
        self.fire(cx, "readystatechange");
        if self.state.get() != HEADERS_RECEIVED || self.generation.get() != generation {
            return;
        }
        // processBodyChunk: set xhr's state to loading; fire readystatechange (the whole body
        // is one chunk).
        if transmitted > 0 {
            self.state.set(LOADING);
            self.fire(cx, "readystatechange");
            if self.state.get() != LOADING || self.generation.get() != generation {
                return;
            }
        }
        self.end_of_body(cx, transmitted, length);
    }

    /// <https://xhr.spec.whatwg.org/#handle-response-end-of-body> (steps 3–11).
    fn end_of_body(&self, cx: &mut JSContext, transmitted: u64, length: u64) {
        // 6. If xhr's synchronous flag is unset, then fire a progress event named progress at
        //    xhr with transmitted and length.
        if !self.synchronous.get() {
            self.fire_progress(cx, self.target(), "progress", transmitted, length);
        }
        // 7. Set xhr's state to done. 8. Unset xhr's send() flag. 9. Fire readystatechange.
        self.state.set(DONE);
        self.send_flag.set(false);
        self.fire(cx, "readystatechange");
        // 10. Fire a progress event named load at xhr. 11. Fire a progress event named loadend.
        self.fire_progress(cx, self.target(), "load", transmitted, length);
        self.fire_progress(cx, self.target(), "loadend", transmitted, length);
    }

    /// <https://xhr.spec.whatwg.org/#document-response>: the response parsed as HTML or XML,
    /// or None (no body, a MIME type that is neither, HTML for the "" response type, or XML
    /// that is not well-formed).
    fn document_response(&self, cx: &mut JSContext) -> Option<DomRoot<Document>> {
        let url = self.response.borrow().as_ref().map(|r| r.url.clone())?;
        // 2. Let finalMIME be the final MIME type for xhr.
        let mime = self.final_mime_type().unwrap_or_default();
        let essence = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let html = essence == "text/html";
        let xml = essence == "text/xml" || essence == "application/xml" || essence.ends_with("+xml");
        // 3. If finalMIME is not an HTML MIME type or an XML MIME type, then return.
        // 4. If xhr's response type is the empty string and finalMIME is an HTML MIME type,
        //    then return.
        if !(html || xml) || (html && self.response_type.get() == ResponseType::Empty) {
            return None;
        }
        let window = self.global();
        let text = self.text_response();
        // 5. HTML: an HTML document parsed from the response (scripting disabled). 6. Otherwise:
        //    run the XML parser; if that returns failure, return.
        // 7–9. The document's URL is the response's URL, its origin xhr's, its content type
        //    finalMIME.
        if html {
            let document = Document::new_inert(cx, &window, url);
            crate::dom::html::parser::parse_inert_document(cx, &document, &text);
            return Some(document);
        }
        let document = Document::new_inert_xml(cx, &window, url, &essence);
        crate::dom::domparsing::xmlparser::parse_xml_document(cx, &document, &text).then_some(document)
    }

    /// <https://xhr.spec.whatwg.org/#final-mime-type>: the override MIME type, else the
    /// response's Content-Type.
    fn final_mime_type(&self) -> Option<String> {
        if let Some(mime) = self.override_mime.borrow().clone() {
            return Some(mime);
        }
        let response = self.response.borrow();
        let response = response.as_ref()?;
        response
            .headers
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(b"content-type"))
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
    }

    /// <https://xhr.spec.whatwg.org/#text-response>: the body decoded with the final MIME
    /// type's charset (UTF-8 by default; a BOM wins).
    fn text_response(&self) -> String {
        let response = self.response.borrow();
        let Some(response) = response.as_ref() else { return String::new() };
        let charset = self.final_mime_type().and_then(|mime| {
            mime.split(';').skip(1).find_map(|p| {
                let (name, value) = p.trim().split_once('=')?;
                name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches('"').to_owned())
            })
        });
        let encoding =
            charset.and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes())).unwrap_or(encoding_rs::UTF_8);
        let (text, _, _) = encoding.decode(&response.body);
        text.into_owned()
    }

    /// The network part of send(): the response, or why there is none. Runs on the script
    /// thread for local URLs and synchronous requests, in parallel otherwise.
    fn request_for(&self, body: Option<Vec<u8>>) -> Result<Pending, Error> {
        let url = self.url.borrow().clone().ok_or_else(|| Error::InvalidState("send() needs open() first".into()))?;
        let method = self.method.borrow().clone();
        let window = self.global();
        let origin = crate::origin::origin_key(&window.document().url());
        let cross_origin = crate::origin::origin_key(&url) != origin;
        let headers = self.author_headers.borrow().clone();
        let local = |headers: Vec<(Vec<u8>, Vec<u8>)>, body: Vec<u8>| {
            Pending::Ready(Ok(ResponseRecord {
                url: url.clone(),
                status: 200,
                status_text: b"OK".to_vec(),
                headers,
                body,
                set_cookies: Vec::new(),
            }))
        };
        Ok(match url.scheme() {
            "data" => match crate::net::data_url::process(&url) {
                Some((mime, bytes)) => local(vec![(b"Content-Type".to_vec(), mime.into_bytes())], bytes),
                None => Pending::Ready(Err(Failure::Network)),
            },
            "blob" => match self
                .blob_entry
                .borrow()
                .clone()
                .or_else(|| crate::dom::fileapi::bloburl::resolve(&url, &origin))
                .filter(|_| method == "GET")
            {
                Some(entry) => local(blob_url_headers(&entry), entry.bytes.to_vec()),
                None => Pending::Ready(Err(Failure::Network)),
            },
            "file" | "http" | "https" => {
                if cross_origin && url.scheme() == "file" {
                    // A cross-origin file: a network error.
                    return Ok(Pending::Ready(Err(Failure::Network)));
                }
                // <https://xhr.spec.whatwg.org/#the-send()-method>: the request's credentials mode
                // is "include" when withCredentials is true; a cross-origin request whose method
                // or headers are not CORS-safelisted gets a CORS preflight first.
                let include_credentials = self.with_credentials.get();
                let unsafe_headers = crate::dom::fetch::fetch::cors_unsafe_header_names(&headers);
                let preflight =
                    (cross_origin && (!is_safelisted_method(&method) || !unsafe_headers.is_empty())).then(|| {
                        net::cors::Preflight {
                            method: method.clone(),
                            unsafe_headers,
                            origin: origin.clone(),
                            referer: None,
                            include_credentials,
                        }
                    });
                let mut request = net::Request::get(&url);
                request.method = method;
                request.headers = headers
                    .iter()
                    .map(|(n, v)| (String::from_utf8_lossy(n).into_owned(), String::from_utf8_lossy(v).into_owned()))
                    .collect();
                if cross_origin {
                    request.headers.push(("Origin".into(), origin.clone()));
                }
                request.body = body;
                let request = net::with_referrer(request, &window.document().url(), net::referrer::Policy::default());
                // A same-origin request carries the engine's cookies (credentials mode
                // "same-origin"; with withCredentials, Aperture still sends none across origins).
                let request = if cross_origin { request } else { net::with_cookies(request, &window.document().url()) };
                let preflight = preflight.map(|mut p| {
                    p.referer =
                        request.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("referer")).map(|(_, v)| v.clone());
                    p
                });
                Pending::Network { request, cors: cross_origin.then_some((origin, include_credentials)), preflight }
            }
            _ => Pending::Ready(Err(Failure::Network)),
        })
    }
}

/// A request on its way.
enum Pending {
    /// Answered without the network.
    Ready(Result<ResponseRecord, Failure>),
    /// To send with `net`; `cors` is the requesting origin of a cross-origin request and whether
    /// its credentials mode is "include"; `preflight`, the CORS preflight to make first.
    Network { request: net::Request, cors: Option<(String, bool)>, preflight: Option<net::cors::Preflight> },
}

/// Sends `request` and waits at most `timeout` (0: no limit).
fn fetch_with_timeout(
    client: net::Client,
    request: net::Request,
    preflight: Option<net::cors::Preflight>,
    timeout: u32,
) -> Result<net::Response, Failure> {
    // The CORS-preflight fetch comes first; its failure is a network error.
    let send = move || -> Result<net::Response, String> {
        if let Some(preflight) = &preflight {
            net::cors::preflight(&client, &request.url, preflight)?;
        }
        client.fetch_request(&request)
    };
    if timeout == 0 {
        return send().map_err(|_| Failure::Network);
    }
    let (sender, receiver) = crossbeam_channel::bounded(1);
    let spawned = std::thread::Builder::new().name("xhr".into()).spawn(move || {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(send)).unwrap_or(Err(String::new()));
        let _ = sender.send(result);
    });
    if spawned.is_err() {
        return Err(Failure::Network);
    }
    match receiver.recv_timeout(Duration::from_millis(u64::from(timeout))) {
        Ok(result) => result.map_err(|_| Failure::Network),
        Err(crossbeam_channel::RecvTimeoutError::Timeout) => Err(Failure::Timeout),
        Err(crossbeam_channel::RecvTimeoutError::Disconnected) => Err(Failure::Network),
    }
}

/// The network's response as the XHR keeps it: a missing file is a network error, a
/// cross-origin response must pass the CORS check and is CORS-filtered.
fn record_of(response: net::Response, cors: Option<&(String, bool)>) -> Result<ResponseRecord, Failure> {
    if response.url.scheme() == "file" && !response.ok() {
        return Err(Failure::Network);
    }
    let headers: Vec<(Vec<u8>, Vec<u8>)> =
        response.headers.iter().map(|(n, v)| (n.clone().into_bytes(), v.clone().into_bytes())).collect();
    let headers = match cors {
        None => basic_filter(headers),
        Some((origin, include_credentials)) => {
            if !net::cors::check(&response.headers, origin, *include_credentials) {
                return Err(Failure::Network);
            }
            cors_filter(headers)
        }
    };
    // The cookies of a same-origin response go to the store (a cross-origin one's are not kept:
    // Aperture sends no credentials across origins).
    let set_cookies = if cors.is_none() {
        response.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie")).map(|(_, v)| v.clone()).collect()
    } else {
        Vec::new()
    };
    Ok(ResponseRecord {
        set_cookies,
        url: response.url,
        status: response.status,
        status_text: response.status_text.into_bytes(),
        headers,
        body: response.body,
    })
}

/// <https://fetch.spec.whatwg.org/#header-list-extract-a-length>
fn content_length(headers: &[(Vec<u8>, Vec<u8>)]) -> Option<u64> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(b"content-length"))
        .and_then(|(_, v)| std::str::from_utf8(v).ok()?.trim().parse().ok())
}

impl XMLHttpRequestMethods for XMLHttpRequest {
    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest>: "Set this's upload object to a new
    /// XMLHttpRequestUpload object."
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<XMLHttpRequest>> {
        let upload = reflect_dom_object(
            cx,
            Box::new(XMLHttpRequestUpload { target: XMLHttpRequestEventTarget::new_inherited() }),
            global,
        );
        let xhr = XMLHttpRequest {
            target: XMLHttpRequestEventTarget::new_inherited(),
            upload: Dom::from_ref(&*upload),
            state: Cell::new(UNSENT),
            send_flag: Cell::new(false),
            synchronous: Cell::new(false),
            upload_complete: Cell::new(false),
            upload_listener: Cell::new(false),
            method: RefCell::new(String::new()),
            url: RefCell::new(None),
            blob_entry: RefCell::new(None),
            author_headers: RefCell::new(Vec::new()),
            timeout: Cell::new(0),
            with_credentials: Cell::new(false),
            response: RefCell::new(None),
            response_type: Cell::new(ResponseType::Empty),
            override_mime: RefCell::new(None),
            response_object: Box::new(Heap::default()),
            response_object_made: Cell::new(false),
            generation: Cell::new(0),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(xhr), global, proto))
    }

    /// <https://xhr.spec.whatwg.org/#handler-xhr-onreadystatechange>
    fn Onreadystatechange(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.target().get_event_handler("readystatechange")
    }
    /// <https://xhr.spec.whatwg.org/#handler-xhr-onreadystatechange>
    fn SetOnreadystatechange(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.target().set_event_handler("readystatechange", value)
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-readystate>
    fn ReadyState(&self, _cx: &mut JSContext) -> u16 {
        self.state.get()
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-open>, the two-argument form: async is
    /// true.
    fn Open(&self, cx: &mut JSContext, method: ByteString, url: USVString) -> ErrorResult {
        self.Open_(cx, method, url, true, None, None)
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-open>
    fn Open_(
        &self,
        cx: &mut JSContext,
        method: ByteString,
        url: USVString,
        asynchronous: bool,
        username: Option<USVString>,
        password: Option<USVString>,
    ) -> ErrorResult {
        // 1. (The relevant global's document is fully active: a Window's always is here.)
        // 2. If method is not a method, then throw a "SyntaxError" DOMException.
        if !is_method(&method.0) {
            return Err(Error::Syntax(format!("'{}' is not a valid HTTP method.", String::from_utf8_lossy(&method.0))));
        }
        // 3. If method is a forbidden method, then throw a "SecurityError" DOMException.
        let upper = String::from_utf8_lossy(&method.0).to_ascii_uppercase();
        if matches!(upper.as_str(), "CONNECT" | "TRACE" | "TRACK") {
            return Err(Error::Security(format!("'{upper}' HTTP method is unsupported.")));
        }
        // 4. Normalize method.
        let method = if matches!(upper.as_str(), "DELETE" | "GET" | "HEAD" | "OPTIONS" | "POST" | "PUT") {
            upper
        } else {
            String::from_utf8_lossy(&method.0).into_owned()
        };
        // 5–6. Let parsedURL be the result of encoding-parsing a URL url, relative to this's
        //      relevant settings object. If parsedURL is failure, then throw a "SyntaxError".
        let window = self.global();
        let mut parsed = window
            .document()
            .base_url()
            .join(&url.0)
            .map_err(|_| Error::Syntax(format!("Failed to parse URL from {}", url.0)))?;
        // 7. If the async argument is omitted, set async to true, and set username and password
        //    to null. 8. If parsedURL's host is non-null: set its username and password if given.
        if parsed.host().is_some() {
            if let Some(username) = username {
                let _ = parsed.set_username(&username.0);
            }
            if let Some(password) = password {
                let _ = parsed.set_password(Some(&password.0));
            }
        }
        // 9. If async is false, the current global object is a Window object, and either this's
        //    timeout is not 0 or this's response type is not the empty string, then throw an
        //    "InvalidAccessError" DOMException.
        if !asynchronous && (self.timeout.get() != 0 || self.response_type.get() != ResponseType::Empty) {
            return Err(Error::InvalidAccess(
                "Synchronous requests from a document cannot have a timeout or a response type.".into(),
            ));
        }
        // 10. Terminate this's fetch controller.
        self.generation.set(self.generation.get() + 1);
        // 12. Set variables associated with the object: unset the send() flag and the upload
        //     listener flag, set the request method, URL, synchronous flag, empty the author
        //     request headers, set the response to a network error, empty the received bytes
        //     and the response object.
        self.send_flag.set(false);
        self.upload_listener.set(false);
        *self.method.borrow_mut() = method;
        // (The URL parser sets a blob: URL's blob URL entry.)
        *self.blob_entry.borrow_mut() =
            crate::dom::fileapi::bloburl::resolve(&parsed, &crate::origin::origin_key(&self.global().document().url()));
        *self.url.borrow_mut() = Some(parsed);
        self.synchronous.set(!asynchronous);
        self.author_headers.borrow_mut().clear();
        *self.response.borrow_mut() = None;
        self.response_object.set(NullValue());
        self.response_object_made.set(false);
        *self.override_mime.borrow_mut() = None;
        // 13. If this's state is not opened, then: set this's state to opened, and fire an
        //     event named readystatechange at this.
        if self.state.get() != OPENED {
            self.state.set(OPENED);
            self.fire(cx, "readystatechange");
        }
        Ok(())
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-setrequestheader>
    fn SetRequestHeader(&self, _cx: &mut JSContext, name: ByteString, value: ByteString) -> ErrorResult {
        // 1. If this's state is not opened, then throw an "InvalidStateError" DOMException.
        // 2. If this's send() flag is set, then throw an "InvalidStateError" DOMException.
        if self.state.get() != OPENED || self.send_flag.get() {
            return Err(Error::InvalidState("setRequestHeader() needs an opened request that is not sent".into()));
        }
        // 3. Normalize value.
        let value = normalize(&value.0);
        // 4. If name is not a header name or value is not a header value, then throw a
        //    "SyntaxError" DOMException.
        if !is_header_name(&name.0) || !is_header_value(&value) {
            return Err(Error::Syntax(format!("'{}' is not a valid header", String::from_utf8_lossy(&name.0))));
        }
        // 5. If (name, value) is a forbidden request-header, then return.
        if is_forbidden_request_header(&name.0) {
            return Ok(());
        }
        // 6. Combine (name, value) in this's author request headers.
        let mut headers = self.author_headers.borrow_mut();
        match headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(&name.0)) {
            Some((_, existing)) => {
                existing.extend_from_slice(b", ");
                existing.extend_from_slice(&value);
            }
            None => headers.push((name.0, value)),
        }
        Ok(())
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-timeout>
    fn Timeout(&self, _cx: &mut JSContext) -> u32 {
        self.timeout.get()
    }
    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-timeout>: "1. If the current global
    /// object is a Window object and this's synchronous flag is set, then throw an
    /// "InvalidAccessError" DOMException. 2. Set this's timeout to the given value."
    fn SetTimeout(&self, _cx: &mut JSContext, value: u32) -> ErrorResult {
        if self.synchronous.get() {
            return Err(Error::InvalidAccess("A synchronous request from a document cannot have a timeout.".into()));
        }
        self.timeout.set(value);
        Ok(())
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-withcredentials>
    fn WithCredentials(&self, _cx: &mut JSContext) -> bool {
        self.with_credentials.get()
    }
    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-withcredentials>: "1. If this's state
    /// is not unsent or opened, then throw an "InvalidStateError" DOMException. 2. If this's
    /// send() flag is set, then throw an "InvalidStateError" DOMException. 3. Set this's
    /// cross-origin credentials to the given value." (Aperture sends no credentials.)
    fn SetWithCredentials(&self, _cx: &mut JSContext, value: bool) -> ErrorResult {
        if !matches!(self.state.get(), UNSENT | OPENED) || self.send_flag.get() {
            return Err(Error::InvalidState("withCredentials cannot change once the request is sent".into()));
        }
        self.with_credentials.set(value);
        Ok(())
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-upload>
    fn Upload(&self, _cx: &mut JSContext) -> DomRoot<XMLHttpRequestUpload> {
        self.upload.as_rooted()
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-send>
    fn Send(&self, cx: &mut JSContext, body: Option<BodyInit>) -> ErrorResult {
        // 1. If this's state is not opened, then throw an "InvalidStateError" DOMException.
        // 2. If this's send() flag is set, then throw an "InvalidStateError" DOMException.
        if self.state.get() != OPENED || self.send_flag.get() {
            return Err(Error::InvalidState("send() needs an opened request that is not sent".into()));
        }
        // 3. If this's request method is `GET` or `HEAD`, then set body to null.
        let method = self.method.borrow().clone();
        let body = if method == "GET" || method == "HEAD" { None } else { body };
        // 4. If body is not null, then: extract it; if this's author request headers contain
        //    no Content-Type and the extracted type is non-null, set Content-Type to it.
        let body = body.map(|body| {
            let (bytes, content_type) = extract_body(&body);
            if let Some(content_type) = content_type {
                let mut headers = self.author_headers.borrow_mut();
                if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(b"content-type")) {
                    headers.push((b"Content-Type".to_vec(), content_type.into_bytes()));
                }
            }
            bytes
        });
        let body_length = body.as_ref().map_or(0, |b| b.len() as u64);
        // 5. If this's upload object has one or more event listeners registered, then set this's
        //    upload listener flag.
        self.upload_listener.set(self.upload_target().has_any_listeners());
        // 7–9. Unset the upload complete flag (set it when body is null) and the timed out flag.
        self.upload_complete.set(body.is_none());
        // 10. Set this's send() flag.
        self.send_flag.set(true);
        let generation = self.generation.get();
        // 11. If this's synchronous flag is unset, then:
        if !self.synchronous.get() {
            // 11.1 Fire a progress event named loadstart at this with 0 and 0.
            self.fire_progress(cx, self.target(), "loadstart", 0, 0);
            // 11.2 Let requestBodyTransmitted be 0. 11.3 Let requestBodyLength be req's body's
            //      length. 11.5 If this's upload complete flag is unset and this's upload
            //      listener flag is set, then fire a progress event named loadstart at this's
            //      upload object with requestBodyTransmitted and requestBodyLength.
            if !self.upload_complete.get() && self.upload_listener.get() {
                self.fire_progress(cx, self.upload_target(), "loadstart", 0, body_length);
            }
            // 11.6 If this's state is not opened or this's send() flag is unset, then return.
            if self.state.get() != OPENED || !self.send_flag.get() || self.generation.get() != generation {
                return Ok(());
            }
            // 11.8–11.12 Fetch req; the reply settles this from a task.
            let timeout = self.timeout.get();
            match self.request_for(body)? {
                Pending::Ready(result) => {
                    let this = Trusted::new(self);
                    crate::script_thread::queue_task(Box::new(move |cx| {
                        let Some(this) = this.root() else { return };
                        if this.generation.get() == generation && this.send_flag.get() {
                            this.process_async_result(cx, result, body_length);
                        }
                    }));
                }
                Pending::Network { request, cors, preflight } => {
                    let this = Trusted::new(self);
                    let client = net::client();
                    crate::parallel::in_parallel(
                        "XMLHttpRequest",
                        move || {
                            fetch_with_timeout(client, request, preflight, timeout)
                                .and_then(|r| record_of(r, cors.as_ref()))
                        },
                        move |cx, result| {
                            let Some(this) = this.root() else { return };
                            if this.generation.get() != generation || !this.send_flag.get() {
                                return;
                            }
                            let result = result.unwrap_or(Err(Failure::Network));
                            this.process_async_result(cx, result, body_length);
                        },
                    );
                }
            }
            return Ok(());
        }
        // 12. Otherwise, if this's synchronous flag is set: fetch, pausing until the response's
        //     body is complete (the script thread waits); a timeout sets the timed out flag.
        let result = match self.request_for(body)? {
            Pending::Ready(result) => result,
            Pending::Network { request, cors, preflight } => {
                fetch_with_timeout(net::client(), request, preflight, self.timeout.get())
                    .and_then(|r| record_of(r, cors.as_ref()))
            }
        };
        match result {
            Ok(response) => {
                response.store_cookies(&self.global().document().url());
                self.upload_complete.set(true);
                let length = content_length(&response.headers).unwrap_or(0);
                let transmitted = response.body.len() as u64;
                *self.response.borrow_mut() = Some(response);
                // 12.7 Run handle response end-of-body for this.
                self.end_of_body(cx, transmitted, length);
                Ok(())
            }
            // <https://xhr.spec.whatwg.org/#handle-errors>: a timeout throws "TimeoutError", a
            // network error "NetworkError".
            Err(Failure::Timeout) => {
                self.request_error_steps(cx, "timeout", Error::Timeout("The request timed out.".into()))
            }
            Err(Failure::Network) => {
                self.request_error_steps(cx, "error", Error::Network("A network error occurred.".into()))
            }
        }
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-abort>
    fn Abort(&self, cx: &mut JSContext) {
        // 1. Abort this's fetch controller.
        self.generation.set(self.generation.get() + 1);
        // 2. If this's state is opened with this's send() flag set, headers received, or
        //    loading, then run the request error steps for this and abort.
        let state = self.state.get();
        if (state == OPENED && self.send_flag.get()) || state == HEADERS_RECEIVED || state == LOADING {
            let _ = self.request_error_steps(cx, "abort", Error::Abort("The request was aborted.".into()));
        }
        // 3. If this's state is done, then set this's state to unsent and this's response to a
        //    network error. (No readystatechange event is dispatched.)
        if self.state.get() == DONE {
            self.state.set(UNSENT);
            *self.response.borrow_mut() = None;
        }
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-responseurl>
    fn ResponseURL(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.response.borrow().as_ref().map(|r| url_without_fragment(&r.url)).unwrap_or_default())
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-status>
    fn Status(&self, _cx: &mut JSContext) -> u16 {
        self.response.borrow().as_ref().map_or(0, |r| r.status)
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-statustext>
    fn StatusText(&self, _cx: &mut JSContext) -> ByteString {
        ByteString(self.response.borrow().as_ref().map(|r| r.status_text.clone()).unwrap_or_default())
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-getresponseheader>: "the result of
    /// getting name from this's response's header list" (values combined with ", ").
    fn GetResponseHeader(&self, _cx: &mut JSContext, name: ByteString) -> Option<ByteString> {
        let response = self.response.borrow();
        let values: Vec<&[u8]> = response
            .as_ref()?
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(&name.0))
            .map(|(_, v)| v.as_slice())
            .collect();
        (!values.is_empty()).then(|| ByteString(values.join(&b", "[..])))
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-getallresponseheaders>: the headers
    /// sorted and combined, names lower-cased, each line "name: value" ending in CRLF.
    fn GetAllResponseHeaders(&self, _cx: &mut JSContext) -> ByteString {
        let response = self.response.borrow();
        let Some(response) = response.as_ref() else { return ByteString(Vec::new()) };
        let mut names: Vec<Vec<u8>> = response.headers.iter().map(|(n, _)| n.to_ascii_lowercase()).collect();
        names.sort();
        names.dedup();
        let mut out = Vec::new();
        for name in names {
            let values: Vec<&[u8]> = response
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(&name))
                .map(|(_, v)| v.as_slice())
                .collect();
            out.extend_from_slice(&name);
            out.extend_from_slice(b": ");
            out.extend_from_slice(&values.join(&b", "[..]));
            out.extend_from_slice(b"\r\n");
        }
        ByteString(out)
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-overridemimetype>
    fn OverrideMimeType(&self, _cx: &mut JSContext, mime: crate::dom::bindings::str::DOMString) -> ErrorResult {
        // 1. If this's state is loading or done, then throw an "InvalidStateError" DOMException.
        if matches!(self.state.get(), LOADING | DONE) {
            return Err(Error::InvalidState("overrideMimeType() must come before the response".into()));
        }
        // 2. Set this's override MIME type to the result of parsing mime. 3. If it is failure,
        //    then set it to application/octet-stream.
        let mime = mime.to_string();
        let valid = mime.split(';').next().is_some_and(|e| {
            let e = e.trim();
            e.split_once('/').is_some_and(|(t, s)| !t.is_empty() && !s.is_empty())
        });
        *self.override_mime.borrow_mut() =
            Some(if valid { mime.trim().to_owned() } else { "application/octet-stream".to_owned() });
        Ok(())
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-responsetype>
    fn ResponseType(&self, _cx: &mut JSContext) -> ResponseType {
        self.response_type.get()
    }
    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-responsetype>
    fn SetResponseType(&self, _cx: &mut JSContext, value: ResponseType) -> ErrorResult {
        // 2. If this's state is loading or done, then throw an "InvalidStateError" DOMException.
        if matches!(self.state.get(), LOADING | DONE) {
            return Err(Error::InvalidState("responseType cannot change once the response is loading".into()));
        }
        // 3. If the current global object is a Window object and this's synchronous flag is
        //    set, then throw an "InvalidAccessError" DOMException.
        if self.synchronous.get() {
            return Err(Error::InvalidAccess(
                "A synchronous request from a document cannot have a response type.".into(),
            ));
        }
        // 4. Set this's response type to the given value.
        self.response_type.set(value);
        Ok(())
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-response>
    fn Response(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        // 1. If this's response type is the empty string or "text", then: if this's state is
        //    not loading or done, return the empty string; return the text response.
        let response_type = self.response_type.get();
        if matches!(response_type, ResponseType::Empty | ResponseType::Text) {
            let text = if matches!(self.state.get(), LOADING | DONE) { self.text_response() } else { String::new() };
            text.to_jsval(cx, retval);
            return;
        }
        // 2. If this's state is not done, then return null.
        // 3. If this's response object is failure, then return null.
        if self.state.get() != DONE || self.response.borrow().is_none() {
            retval.set(NullValue());
            return;
        }
        // 4. If this's response object is non-null, then return it.
        if self.response_object_made.get() {
            retval.set(self.response_object.get());
            return;
        }
        let window = self.global();
        let bytes = self.response.borrow().as_ref().map(|r| r.body.clone()).unwrap_or_default();
        rooted!(&in(cx) let mut value = UndefinedValue());
        match response_type {
            // 5. arraybuffer: a new ArrayBuffer of this's received bytes.
            ResponseType::Arraybuffer => new_array_buffer(cx, &bytes, value.handle_mut()),
            // 6. blob: a new Blob of the received bytes, typed with the final MIME type.
            ResponseType::Blob => {
                let mime = self.final_mime_type().unwrap_or_default();
                let blob = Blob::new(cx, &window, bytes, mime);
                blob.to_jsval(cx, value.handle_mut());
            }
            // 7. document: set a document response, and return this's response object.
            ResponseType::Document => match self.document_response(cx) {
                Some(document) => document.to_jsval(cx, value.handle_mut()),
                None => value.set(NullValue()),
            },
            // 8. json: if the received bytes are empty, return null; let jsonObject be the result
            //    of running parse JSON from bytes on them; if that threw, return null.
            _ => {
                if bytes.is_empty() {
                    retval.set(NullValue());
                    return;
                }
                let text: Vec<u16> = crate::dom::fetch::response::utf8_decode(&bytes).encode_utf16().collect();
                // SAFETY: `value` is rooted; the text lives for the call; an exception is
                // cleared below.
                let parsed = unsafe {
                    mozjs::jsapi::JS_ParseJSON(cx.raw_cx(), text.as_ptr(), text.len() as u32, value.handle_mut().into())
                };
                if !parsed {
                    crate::dom::bindings::error::clear_pending_exception(cx);
                    retval.set(NullValue());
                    return;
                }
            }
        }
        self.response_object.set(value.get());
        self.response_object_made.set(true);
        retval.set(value.get());
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-responsexml>
    fn ResponseXML(&self, cx: &mut JSContext) -> Fallible<Option<DomRoot<Document>>> {
        // 1. If this's response type is not the empty string or "document", then throw an
        //    "InvalidStateError" DOMException.
        if !matches!(self.response_type.get(), ResponseType::Empty | ResponseType::Document) {
            return Err(Error::InvalidState(
                "responseXML is only available when responseType is '' or 'document'.".into(),
            ));
        }
        // 2. If this's state is not done, then return null.
        if self.state.get() != DONE || self.response.borrow().is_none() {
            return Ok(None);
        }
        // 4. If this's response object is non-null, then return it.
        if self.response_object_made.get() {
            let value = self.response_object.get();
            // SAFETY: the response object is a live reflector (traced by this object) or null.
            return Ok(value
                .is_object()
                .then(|| unsafe { crate::dom::bindings::conversions::root_from_object::<Document>(value.to_object()) })
                .flatten());
        }
        // 5. Set a document response for this. 6. Return this's response object.
        let document = self.document_response(cx);
        rooted!(&in(cx) let mut value = NullValue());
        if let Some(d) = &document {
            d.to_jsval(cx, value.handle_mut());
        }
        self.response_object.set(value.get());
        self.response_object_made.set(true);
        Ok(document)
    }

    /// <https://xhr.spec.whatwg.org/#dom-xmlhttprequest-responsetext>
    fn ResponseText(&self, _cx: &mut JSContext) -> Fallible<USVString> {
        // 1. If this's response type is not the empty string or "text", then throw an
        //    "InvalidStateError" DOMException.
        if !matches!(self.response_type.get(), ResponseType::Empty | ResponseType::Text) {
            return Err(Error::InvalidState("responseText needs responseType '' or 'text'".into()));
        }
        // 2. If this's state is not loading or done, then return the empty string.
        if !matches!(self.state.get(), LOADING | DONE) {
            return Ok(USVString(String::new()));
        }
        // 3. Return the result of getting a text response for this.
        Ok(USVString(self.text_response()))
    }
}

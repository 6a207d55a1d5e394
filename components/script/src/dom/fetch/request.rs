//! `Request` (<https://fetch.spec.whatwg.org/#request-class>): the constructor's
//! algorithm, which `fetch()` runs too, and the request's members; its body
//! readers are the Body mixin's (`body.rs`).

use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rooted;
use mozjs::rust::HandleObject;
use url::Url;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::RequestInit;
use crate::dom::bindings::codegen::Enums::{
    ReferrerPolicy, RequestCache, RequestCredentials, RequestDestination, RequestDuplex, RequestMode, RequestRedirect,
};
use crate::dom::bindings::codegen::RequestBinding::RequestMethods;
use crate::dom::bindings::codegen::Unions::RequestOrUSVString as RequestInfo;
use crate::dom::bindings::error::ErrorResult;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::{ByteString, DOMString, USVString};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::abortsignal::AbortSignal;
use crate::dom::fetch::body::{Body, BodyReader};
use crate::dom::fetch::fetch::{is_method, is_safelisted_method};
use crate::dom::fetch::headers::{Guard, Headers};
use crate::dom::fetch::response::{extract_body, split_body_init};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::streams::readablestream::ReadableStream;
use crate::dom::streams::transformstream::TransformStream;
use crate::dom::streams::transformstreamdefaultcontroller::{NativeTransformer, TransformStreamDefaultController};
use mozjs::rust::HandleValue;

/// A request's settings that are plain values
/// (<https://fetch.spec.whatwg.org/#concept-request>).
#[derive(Clone)]
pub struct RequestData {
    pub method: String,
    pub url: Url,
    /// "about:client", "" (no referrer) or a URL.
    pub referrer: String,
    pub referrer_policy: ReferrerPolicy,
    pub mode: RequestMode,
    pub credentials: RequestCredentials,
    pub cache: RequestCache,
    pub redirect: RequestRedirect,
    pub integrity: String,
    pub keepalive: bool,
    /// The URL's blob URL entry (<https://url.spec.whatwg.org/#concept-url-blob-entry>),
    /// resolved when the Request's URL was parsed, so revoking the blob URL afterwards does not
    /// stop the fetch.
    pub blob_entry: Option<crate::dom::fileapi::bloburl::BlobUrlEntry>,
}

#[dom_struct]
pub struct Request {
    reflector_: Reflector,
    #[no_trace]
    data: RequestData,
    headers: Dom<Headers>,
    signal: Dom<AbortSignal>,
    body: Body,
}

impl Request {
    pub fn data(&self) -> &RequestData {
        &self.data
    }

    pub fn headers(&self) -> &Headers {
        &self.headers
    }

    pub fn signal(&self) -> DomRoot<AbortSignal> {
        DomRoot::from_ref(&*self.signal)
    }

    /// The body's bytes (None for a null body or a stream body).
    pub fn body_bytes(&self) -> Option<std::sync::Arc<[u8]>> {
        self.body.bytes()
    }

    /// The page's ReadableStream of a body given as a stream.
    pub fn body_source_stream(&self) -> Option<DomRoot<ReadableStream>> {
        self.body.source_stream()
    }

    /// Whether the body was given as a stream (its source is null).
    pub fn has_stream_body(&self) -> bool {
        self.body.source_stream().is_some()
    }

    /// <https://fetch.spec.whatwg.org/#dom-request>: the constructor's steps, shared with
    /// `fetch()`.
    pub fn construct(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        input: &RequestInfo,
        init: &RequestInit,
    ) -> Fallible<DomRoot<Request>> {
        // 4. Let baseURL be this's relevant settings object's API base URL.
        let base = global.document().base_url();
        let base_origin = crate::origin::origin_key(&global.document().url());
        // 5./6. input is a string: parse it; a failure or credentials throw a TypeError; the
        //    mode falls back to "cors". input is a Request: take its request and signal.
        let (mut data, input_request) = match input {
            RequestInfo::USVString(s) => {
                let url = base.join(&s.0).map_err(|_| Error::Type(format!("Failed to parse URL from {}", s.0)))?;
                if !url.username().is_empty() || url.password().is_some() {
                    return Err(Error::Type(format!(
                        "Request cannot be constructed from a URL that includes credentials: {}",
                        s.0
                    )));
                }
                // The URL parser's blob URL entry: "If url's scheme is "blob", set url's blob URL
                // entry to the result of resolving the blob URL url, if that did not return failure,
                // and null otherwise."
                let blob_entry = crate::dom::fileapi::bloburl::resolve(&url, &crate::origin::origin_key(&base));
                let data = RequestData {
                    method: "GET".into(),
                    url,
                    blob_entry,
                    referrer: "about:client".into(),
                    referrer_policy: ReferrerPolicy::Empty,
                    mode: RequestMode::Cors,
                    credentials: RequestCredentials::SameOrigin,
                    cache: RequestCache::Default,
                    redirect: RequestRedirect::Follow,
                    integrity: String::new(),
                    keepalive: false,
                };
                (data, None)
            }
            RequestInfo::Request(r) => (r.data.clone(), Some(r.clone())),
        };
        // 13. (A navigate-mode input request becomes same-origin when init is not empty;
        //     Aperture never makes navigate requests.)
        // 14. If init["referrer"] exists: "" means no referrer; otherwise parse it: failure
        //     throws a TypeError; about:client, or another origin than baseURL's, is "client".
        if let Some(referrer) = &init.referrer {
            data.referrer = if referrer.0.is_empty() {
                String::new()
            } else {
                let parsed = base
                    .join(&referrer.0)
                    .map_err(|_| Error::Type(format!("Referrer '{}' is not a valid URL.", referrer.0)))?;
                if parsed.as_str() == "about:client" || crate::origin::origin_key(&parsed) != base_origin {
                    "about:client".into()
                } else {
                    parsed.to_string()
                }
            };
        }
        // 15. referrerPolicy.
        if let Some(policy) = init.referrer_policy {
            data.referrer_policy = policy;
        }
        // 16.–18. mode: "navigate" throws a TypeError.
        if let Some(mode) = init.mode {
            if mode == RequestMode::Navigate {
                return Err(Error::Type(
                    "Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.".into(),
                ));
            }
            data.mode = mode;
        }
        // 19.–20. credentials, cache.
        if let Some(credentials) = init.credentials {
            data.credentials = credentials;
        }
        if let Some(cache) = init.cache {
            data.cache = cache;
        }
        // 21. "only-if-cached" needs mode "same-origin".
        if data.cache == RequestCache::OnlyIfCached && data.mode != RequestMode::SameOrigin {
            return Err(Error::Type("'only-if-cached' can be set only with 'same-origin' mode".into()));
        }
        // 22.–24. redirect, integrity, keepalive.
        if let Some(redirect) = init.redirect {
            data.redirect = redirect;
        }
        if let Some(integrity) = &init.integrity {
            data.integrity = integrity.to_string();
        }
        if let Some(keepalive) = init.keepalive {
            data.keepalive = keepalive;
        }
        // 25. method: a method, not forbidden, normalized.
        if let Some(m) = &init.method {
            if !is_method(&m.0) {
                return Err(Error::Type(format!("'{}' is not a valid HTTP method.", String::from_utf8_lossy(&m.0))));
            }
            let given = String::from_utf8_lossy(&m.0).into_owned();
            let upper = given.to_ascii_uppercase();
            if matches!(upper.as_str(), "CONNECT" | "TRACE" | "TRACK") {
                return Err(Error::Type(format!("'{given}' HTTP method is unsupported.")));
            }
            // Normalize: DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased; others kept.
            data.method = if matches!(upper.as_str(), "DELETE" | "GET" | "HEAD" | "OPTIONS" | "POST" | "PUT") {
                upper
            } else {
                given
            };
        }
        // 26.–29. The signal: init["signal"] if present, else input's; this's signal is a new
        //     one that follows it.
        let parent = match &init.signal {
            Some(s) => s.clone(),
            None => input_request.as_ref().map(|r| r.signal()),
        };
        let signal = AbortSignal::new(cx, global);
        if let Some(parent) = parent {
            follow(cx, &signal, &parent);
        }
        // 30.–33. headers: a copy of input's (or init["headers"]), with guard "request";
        //     "no-cors" requires a CORS-safelisted method.
        let headers = Headers::new(cx, global, Vec::new(), Guard::Request);
        match (init.headers.clone(), &input_request) {
            (Some(h), _) => headers.fill(h)?,
            (None, Some(r)) => {
                for (name, value) in r.headers.list() {
                    headers.append_header(&name, &value)?;
                }
            }
            (None, None) => {}
        }
        if data.mode == RequestMode::NoCors && !is_safelisted_method(&data.method) {
            return Err(Error::Type(format!("'{}' is unsupported in no-cors mode.", data.method)));
        }
        // 34. inputBody: input's body if input is a Request.
        let input_body = input_request.as_ref().and_then(|r| match (r.body.bytes(), r.body.source_stream()) {
            (Some(bytes), _) => Some(Ok(bytes)),
            (None, Some(stream)) => Some(Err(stream)),
            (None, None) => None,
        });
        // 35. A body (init's non-null one, or input's) with GET or HEAD throws a TypeError.
        let init_body = init.body.as_ref().and_then(|b| b.clone());
        if (init_body.is_some() || input_body.is_some()) && (data.method == "GET" || data.method == "HEAD") {
            return Err(Error::Type("Request with GET/HEAD method cannot have body.".into()));
        }
        // 36.–37. init's body is extracted (setting Content-Type when it has none).
        let init_given = init_body.is_some();
        let mut body = input_body;
        if let Some(b) = init_body {
            match split_body_init(b) {
                Ok(b) => {
                    let (bytes, content_type) = extract_body(&b);
                    if let Some(t) = content_type
                        && headers.get_value(b"content-type").is_none()
                    {
                        headers.append_header(b"Content-Type", t.as_bytes())?;
                    }
                    body = Some(Ok(std::sync::Arc::from(bytes)));
                }
                // Extracting a ReadableStream: "If keepalive is true, then throw a TypeError. If
                // object is disturbed or locked, then throw a TypeError."
                Err(stream) => {
                    if data.keepalive {
                        return Err(Error::Type("A keepalive request cannot have a stream body.".into()));
                    }
                    if stream.is_disturbed() || stream.is_locked() {
                        return Err(Error::Type("The body stream is disturbed or locked.".into()));
                    }
                    body = Some(Err(stream));
                }
            }
        } else if init.body.is_some() {
            // An explicit null body.
            body = None;
        }
        // 38. If inputOrInitBody is non-null and its source is null (a stream): "If initBody is
        // non-null and init["duplex"] does not exist, then throw a TypeError. If this's request's
        // mode is neither "same-origin" nor "cors", then throw a TypeError."
        if let Some(Err(_)) = &body {
            if init_given && init.duplex.is_none() {
                return Err(Error::Type("A request with a stream body needs duplex: \"half\".".into()));
            }
            if !matches!(data.mode, RequestMode::SameOrigin | RequestMode::Cors) {
                return Err(Error::Type("A request with a stream body needs mode \"same-origin\" or \"cors\".".into()));
            }
        }
        // 40.–41. Taking input's body needs it usable, and disturbs it.
        if let Some(r) = &input_request
            && !init_given
            && init.body.is_none()
            && body.is_some()
        {
            if r.body.is_unusable() {
                return Err(Error::Type(
                    "Cannot construct a Request with a Request object that has already been used.".into(),
                ));
            }
            match &body {
                // A stream body: "Let identityTransform be a new TransformStream … set finalBody
                // to the result of piping inputBody's stream through it" (input's stream is
                // then locked, so input is unusable).
                Some(Err(stream)) => body = Some(Err(proxy_stream(cx, global, stream))),
                _ => r.body.disturb(),
            }
        }
        let body = match body {
            None => Body::new(None),
            Some(Ok(bytes)) => Body::new(Some(bytes)),
            Some(Err(stream)) => Body::with_stream(&stream),
        };
        let request = Request {
            reflector_: Reflector::new(),
            data,
            headers: Dom::from_ref(&*headers),
            signal: Dom::from_ref(&*signal),
            body,
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(request), global, proto))
    }
}

/// The identity transform of a proxy stream.
#[derive(JSTraceable)]
struct Identity;

impl NativeTransformer for Identity {
    fn transform(
        &self,
        cx: &mut JSContext,
        controller: &TransformStreamDefaultController,
        chunk: HandleValue,
    ) -> ErrorResult {
        controller.enqueue(cx, chunk)
    }

    fn flush(&self, _cx: &mut JSContext, _controller: &TransformStreamDefaultController) -> ErrorResult {
        Ok(())
    }
}

/// <https://fetch.spec.whatwg.org/#concept-body-stream> "create a proxy": `stream` piped through
/// a new identity TransformStream, whose readable side is returned.
fn proxy_stream(cx: &mut JSContext, global: &Window, stream: &ReadableStream) -> DomRoot<ReadableStream> {
    let transform = TransformStream::set_up(cx, global, Rc::new(Identity));
    let promise = crate::dom::streams::pipe::readable_stream_pipe_to(
        cx,
        stream,
        &transform.writable(),
        false,
        false,
        false,
        None,
    );
    promise.mark_handled(cx);
    transform.readable()
}

/// Makes `follower` abort with `parent`'s reason when `parent` aborts (now, if it has)
/// (<https://dom.spec.whatwg.org/#abortsignal-follow>).
fn follow(cx: &mut JSContext, follower: &AbortSignal, parent: &AbortSignal) {
    if parent.is_aborted() {
        rooted!(&in(cx) let reason = parent.reason());
        follower.signal_abort(cx, reason.handle());
        return;
    }
    let follower = Trusted::new(follower);
    parent.add_abort_algorithm(Box::new(move |cx, reason| {
        if let Some(f) = follower.root() {
            f.signal_abort(cx, reason);
        }
    }));
}

impl RequestMethods for Request {
    /// <https://fetch.spec.whatwg.org/#dom-request>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        input: RequestInfo,
        init: &RequestInit,
    ) -> Fallible<DomRoot<Request>> {
        Request::construct(cx, global, proto, &input, init)
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-method>
    fn Method(&self, _cx: &mut JSContext) -> ByteString {
        ByteString(self.data.method.clone().into_bytes())
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-url>: the URL, serialized.
    fn Url(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.data.url.to_string())
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-headers>
    fn Headers(&self, _cx: &mut JSContext) -> DomRoot<Headers> {
        DomRoot::from_ref(&*self.headers)
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-destination>: "" for a script-made request.
    fn Destination(&self, _cx: &mut JSContext) -> RequestDestination {
        RequestDestination::Empty
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-referrer>: "" for no referrer,
    /// "about:client" for the client, else the URL.
    fn Referrer(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.data.referrer.clone())
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-referrerpolicy>
    fn ReferrerPolicy(&self, _cx: &mut JSContext) -> ReferrerPolicy {
        self.data.referrer_policy
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-mode>
    fn Mode(&self, _cx: &mut JSContext) -> RequestMode {
        self.data.mode
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-credentials>
    fn Credentials(&self, _cx: &mut JSContext) -> RequestCredentials {
        self.data.credentials
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-cache>
    fn Cache(&self, _cx: &mut JSContext) -> RequestCache {
        self.data.cache
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-redirect>
    fn Redirect(&self, _cx: &mut JSContext) -> RequestRedirect {
        self.data.redirect
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-integrity>
    fn Integrity(&self, _cx: &mut JSContext) -> DOMString {
        self.data.integrity.clone().into()
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-keepalive>
    fn Keepalive(&self, _cx: &mut JSContext) -> bool {
        self.data.keepalive
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-isreloadnavigation>: never (no navigations).
    fn IsReloadNavigation(&self, _cx: &mut JSContext) -> bool {
        false
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-ishistorynavigation>: never.
    fn IsHistoryNavigation(&self, _cx: &mut JSContext) -> bool {
        false
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-signal>
    fn Signal(&self, _cx: &mut JSContext) -> DomRoot<AbortSignal> {
        self.signal()
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-duplex>
    fn Duplex(&self, _cx: &mut JSContext) -> RequestDuplex {
        RequestDuplex::Half
    }

    /// <https://fetch.spec.whatwg.org/#dom-request-clone>
    fn Clone(&self, cx: &mut JSContext) -> Fallible<DomRoot<Request>> {
        // 1. If this is unusable, then throw a TypeError.
        if self.body.is_unusable() {
            return Err(Error::Type("Request body is already used".into()));
        }
        // 2.–5. A clone of the request (its body cloned: the stream teed, the bytes shared), headers with this's guard, and a
        //    signal that follows this's.
        let global = self.global();
        let body = self.body.clone_body(cx)?;
        let headers = Headers::new(cx, &global, self.headers.list(), self.headers.guard());
        let signal = AbortSignal::new(cx, &global);
        follow(cx, &signal, &self.signal);
        let clone = Request {
            reflector_: Reflector::new(),
            data: self.data.clone(),
            headers: Dom::from_ref(&*headers),
            signal: Dom::from_ref(&*signal),
            body,
        };
        Ok(crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(clone), &global))
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-body>: "return null if this's body is null;
    /// otherwise this's body's stream".
    fn Body(&self, cx: &mut JSContext) -> Option<DomRoot<ReadableStream>> {
        self.body.stream(cx, &self.global())
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-bodyused>
    fn BodyUsed(&self, _cx: &mut JSContext) -> bool {
        self.body.body_used()
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-arraybuffer>
    fn ArrayBuffer(&self, cx: &mut JSContext) -> Rc<Promise> {
        self.body.consume(cx, &self.global(), &self.headers, BodyReader::ArrayBuffer)
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-blob>
    fn Blob(&self, cx: &mut JSContext) -> Rc<Promise> {
        self.body.consume(cx, &self.global(), &self.headers, BodyReader::Blob)
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-bytes>
    fn Bytes(&self, cx: &mut JSContext) -> Rc<Promise> {
        self.body.consume(cx, &self.global(), &self.headers, BodyReader::Bytes)
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-formdata>
    fn FormData(&self, cx: &mut JSContext) -> Rc<Promise> {
        self.body.consume(cx, &self.global(), &self.headers, BodyReader::FormData)
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-json>
    fn Json(&self, cx: &mut JSContext) -> Rc<Promise> {
        self.body.consume(cx, &self.global(), &self.headers, BodyReader::Json)
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-text>
    fn Text(&self, cx: &mut JSContext) -> Rc<Promise> {
        self.body.consume(cx, &self.global(), &self.headers, BodyReader::Text)
    }
}

//! `Response` (<https://fetch.spec.whatwg.org/#response-class>); its Body mixin is
//! `body.rs`'s, shared with `Request`.

use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::ResponseInit;
use crate::dom::bindings::codegen::Enums::ResponseType;
use crate::dom::bindings::codegen::ResponseBinding::ResponseMethods;
use crate::dom::bindings::codegen::Unions::BlobOrArrayBufferViewOrArrayBufferOrFormDataOrURLSearchParamsOrUSVString as XMLHttpRequestBodyInit;
use crate::dom::bindings::codegen::Unions::ReadableStreamOrBlobOrArrayBufferViewOrArrayBufferOrFormDataOrURLSearchParamsOrUSVString as BodyInit;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::{ByteString, USVString};
use crate::dom::fetch::body::{Body, BodyReader};
use crate::dom::fetch::headers::{Guard, HeaderList, Headers};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::streams::readablestream::ReadableStream;

/// What a response is made of, before it is reflected.
pub struct ResponseData {
    pub type_: ResponseType,
    pub url: Option<String>,
    pub redirected: bool,
    pub status: u16,
    pub status_text: Vec<u8>,
    pub headers: HeaderList,
    /// None for a null body.
    pub body: Option<std::sync::Arc<[u8]>>,
}

#[dom_struct]
pub struct Response {
    reflector_: Reflector,
    #[no_trace]
    type_: ResponseType,
    #[no_trace]
    url: Option<String>,
    #[no_trace]
    redirected: bool,
    #[no_trace]
    status: u16,
    #[no_trace]
    status_text: Vec<u8>,
    headers: Dom<Headers>,
    body: Body,
}

/// <https://fetch.spec.whatwg.org/#null-body-status>
fn is_null_body_status(status: u16) -> bool {
    matches!(status, 101 | 103 | 204 | 205 | 304)
}

/// A BodyInit as the bytes kinds (an XMLHttpRequestBodyInit) or a ReadableStream.
pub fn split_body_init(init: BodyInit) -> Result<XMLHttpRequestBodyInit, DomRoot<ReadableStream>> {
    Ok(match init {
        BodyInit::ReadableStream(stream) => return Err(stream),
        BodyInit::Blob(b) => XMLHttpRequestBodyInit::Blob(b),
        BodyInit::ArrayBufferView(b) => XMLHttpRequestBodyInit::ArrayBufferView(b),
        BodyInit::ArrayBuffer(b) => XMLHttpRequestBodyInit::ArrayBuffer(b),
        BodyInit::FormData(b) => XMLHttpRequestBodyInit::FormData(b),
        BodyInit::URLSearchParams(b) => XMLHttpRequestBodyInit::URLSearchParams(b),
        BodyInit::USVString(b) => XMLHttpRequestBodyInit::USVString(b),
    })
}

/// <https://fetch.spec.whatwg.org/#bodyinit-safely-extract>: the bytes and the
/// Content-Type a body init gives.
pub fn extract_body(init: &XMLHttpRequestBodyInit) -> (Vec<u8>, Option<String>) {
    match init {
        XMLHttpRequestBodyInit::Blob(b) => {
            let t = b.type_string();
            (b.bytes().to_vec(), (!t.is_empty()).then(|| t.to_owned()))
        }
        XMLHttpRequestBodyInit::ArrayBufferView(b) => (b.0.clone(), None),
        XMLHttpRequestBodyInit::ArrayBuffer(b) => (b.0.clone(), None),
        XMLHttpRequestBodyInit::USVString(s) => (s.0.clone().into_bytes(), Some("text/plain;charset=UTF-8".into())),
        // FormData: the multipart/form-data encoding, with its boundary in the type.
        XMLHttpRequestBodyInit::FormData(data) => {
            let (bytes, type_) = data.multipart_body();
            (bytes, Some(type_))
        }
        // URLSearchParams: the application/x-www-form-urlencoded serializer.
        XMLHttpRequestBodyInit::URLSearchParams(params) => {
            (params.serialized().into_bytes(), Some("application/x-www-form-urlencoded;charset=UTF-8".into()))
        }
    }
}

/// A MIME type serialized the way `Blob.type` shows it
/// (<https://mimesniff.spec.whatwg.org/#serializing-a-mime-type>, simplified:
/// type and parameter names lower-cased, whitespace around `;` dropped). An
/// unparsable value gives the empty string.
pub(crate) fn serialize_mime_type(value: &str) -> String {
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let Some((t, s)) = essence.split_once('/') else { return String::new() };
    if t.is_empty() || s.is_empty() || essence.contains(char::is_whitespace) {
        return String::new();
    }
    let mut out = essence.clone();
    for p in parts {
        if let Some((name, v)) = p.trim().split_once('=') {
            out.push(';');
            out.push_str(&name.trim().to_ascii_lowercase());
            out.push('=');
            out.push_str(v.trim());
        }
    }
    out
}

/// UTF-8 decode (<https://encoding.spec.whatwg.org/#utf-8-decode>): a leading BOM is dropped.
pub fn utf8_decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

impl Response {
    fn new_inherited(data: ResponseData, headers: &Headers) -> Response {
        let body = Body::new(data.body.clone());
        Response::new_inherited_with_body(data, headers, body)
    }

    fn new_inherited_with_body(data: ResponseData, headers: &Headers, body: Body) -> Response {
        Response {
            reflector_: Reflector::new(),
            type_: data.type_,
            url: data.url,
            redirected: data.redirected,
            status: data.status,
            status_text: data.status_text,
            headers: Dom::from_ref(headers),
            body,
        }
    }

    /// A response as `fetch()` delivers it: its headers are immutable.
    pub fn new(cx: &mut JSContext, global: &Window, data: ResponseData) -> DomRoot<Response> {
        let headers = Headers::new(cx, global, data.headers.clone(), Guard::Immutable);
        reflect_dom_object(cx, Box::new(Response::new_inherited(data, &headers)), global)
    }
}

impl ResponseMethods for Response {
    /// <https://fetch.spec.whatwg.org/#dom-response>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        body: Option<BodyInit>,
        init: &ResponseInit,
    ) -> Fallible<DomRoot<Response>> {
        // "Let body be the result of extracting body": a ReadableStream is the body's stream
        // ("If object is disturbed or locked, then throw a TypeError"), the others give bytes.
        let body = match body.map(split_body_init) {
            Some(Err(stream)) => {
                if stream.is_disturbed() || stream.is_locked() {
                    return Err(Error::Type("The body stream is disturbed or locked.".into()));
                }
                Some(Err(stream))
            }
            Some(Ok(init)) => Some(Ok(extract_body(&init))),
            None => None,
        };
        initialize_response(cx, global, proto, body, init)
    }

    /// <https://fetch.spec.whatwg.org/#dom-response-json>
    fn JsonStatic(
        cx: &mut JSContext,
        global: &Window,
        data: HandleValue,
        init: &ResponseInit,
    ) -> Fallible<DomRoot<Response>> {
        // 1. Let bytes the result of running serialize a JavaScript value to JSON bytes on data.
        let json = serialize_to_json(cx, data)?;
        // 2. Let body be the result of extracting bytes.
        // 3. Let responseObject be the result of creating a Response object, given a new
        //    response, "response", and the current realm.
        // 4. Perform initialize a response given responseObject, init, and (body,
        //    "application/json").
        // 5. Return responseObject.
        initialize_response(cx, global, None, Some(Ok((json.into_bytes(), Some("application/json".into())))), init)
    }

    /// <https://fetch.spec.whatwg.org/#dom-response-error>
    fn Error(cx: &mut JSContext, global: &Window) -> DomRoot<Response> {
        // A new network error: type "error", status 0, immutable empty headers, null body.
        let data = ResponseData {
            type_: ResponseType::Error,
            url: None,
            redirected: false,
            status: 0,
            status_text: Vec::new(),
            headers: Vec::new(),
            body: None,
        };
        Response::new(cx, global, data)
    }

    /// <https://fetch.spec.whatwg.org/#dom-response-type>
    fn Type(&self, _cx: &mut JSContext) -> ResponseType {
        self.type_
    }

    /// <https://fetch.spec.whatwg.org/#dom-response-url>
    fn Url(&self, _cx: &mut JSContext) -> USVString {
        // The empty string if response's URL is null; otherwise it serialized with exclude fragment.
        USVString(self.url.clone().unwrap_or_default())
    }

    /// <https://fetch.spec.whatwg.org/#dom-response-redirected>
    fn Redirected(&self, _cx: &mut JSContext) -> bool {
        self.redirected
    }

    /// <https://fetch.spec.whatwg.org/#dom-response-status>
    fn Status(&self, _cx: &mut JSContext) -> u16 {
        self.status
    }

    /// <https://fetch.spec.whatwg.org/#dom-response-ok>
    fn Ok(&self, _cx: &mut JSContext) -> bool {
        // True if this's response's status is an ok status (200 to 299).
        (200..=299).contains(&self.status)
    }

    /// <https://fetch.spec.whatwg.org/#dom-response-statustext>
    fn StatusText(&self, _cx: &mut JSContext) -> ByteString {
        ByteString(self.status_text.clone())
    }

    /// <https://fetch.spec.whatwg.org/#dom-response-headers>
    fn Headers(&self, _cx: &mut JSContext) -> DomRoot<Headers> {
        self.headers.as_rooted()
    }

    /// <https://fetch.spec.whatwg.org/#dom-response-clone>
    fn Clone(&self, cx: &mut JSContext) -> Fallible<DomRoot<Response>> {
        // Step 1: If this is unusable, then throw a TypeError.
        if self.body.is_unusable() {
            return Err(Error::Type("Response body is already used".into()));
        }
        // Step 2: Let clonedResponse be the result of cloning this's response (its body cloned:
        // the stream teed, or the bytes shared).
        let global = self.global();
        let body = self.body.clone_body(cx)?;
        let headers = Headers::new(cx, &global, self.headers.list(), Guard::Immutable);
        let data = ResponseData {
            type_: self.type_,
            url: self.url.clone(),
            redirected: self.redirected,
            status: self.status,
            status_text: self.status_text.clone(),
            headers: Vec::new(),
            body: None,
        };
        let clone = reflect_dom_object(cx, Box::new(Response::new_inherited_with_body(data, &headers, body)), &global);
        // Step 3: with this's headers' guard.
        clone.headers.set_guard(self.headers.guard());
        Ok(clone)
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

/// <https://fetch.spec.whatwg.org/#initialize-a-response> with an extracted body: bytes with
/// their Content-Type, or a stream.
fn initialize_response(
    cx: &mut JSContext,
    global: &Window,
    proto: Option<HandleObject>,
    body: Option<Result<(Vec<u8>, Option<String>), DomRoot<ReadableStream>>>,
    init: &ResponseInit,
) -> Fallible<DomRoot<Response>> {
    // 1. If init["status"] is not in the range 200 to 599, inclusive, then throw a RangeError.
    if !(200..=599).contains(&init.status) {
        return Err(Error::Range(format!("The status provided ({}) is outside the range [200, 599].", init.status)));
    }
    // 2. If init["statusText"] is not the empty string and does not match the reason-phrase
    //    token production, then throw a TypeError.
    if init.status_text.0.iter().any(|&b| !(b == b'\t' || (0x20..=0x7e).contains(&b) || b >= 0x80)) {
        return Err(Error::Type("Invalid statusText".into()));
    }
    // 5. Headers with guard "response", filled from init["headers"].
    let headers = Headers::new(cx, global, Vec::new(), Guard::Response);
    if let Some(h) = init.headers.clone() {
        headers.fill(h)?;
    }
    // 6. If body was given:
    let mut bytes = None;
    let mut stream = None;
    if let Some(body) = body {
        // 1. If response's status is a null body status, then throw a TypeError.
        if is_null_body_status(init.status) {
            return Err(Error::Type("Response with null body status cannot have body".into()));
        }
        // 2–3. Set response's body to body's body; if body's type is non-null and response's
        //    header list does not contain `Content-Type`, then append (`Content-Type`, type).
        match body {
            Ok((b, content_type)) => {
                if let Some(t) = content_type
                    && headers.get_value(b"content-type").is_none()
                {
                    headers.append_header(b"Content-Type", t.as_bytes())?;
                }
                bytes = Some(std::sync::Arc::from(b));
            }
            // A stream has no Content-Type.
            Err(s) => stream = Some(s),
        }
    }
    let data = ResponseData {
        type_: ResponseType::Default,
        url: None,
        redirected: false,
        status: init.status,
        status_text: init.status_text.0.clone(),
        headers: Vec::new(),
        body: bytes,
    };
    let response = match stream {
        Some(stream) => Response::new_inherited_with_body(data, &headers, Body::with_stream(&stream)),
        None => Response::new_inherited(data, &headers),
    };
    Ok(reflect_dom_object_with_proto(cx, Box::new(response), global, proto))
}

/// <https://infra.spec.whatwg.org/#serialize-a-javascript-value-to-a-json-string>: JSON.stringify
/// of `value`; a TypeError if the result is not a string (undefined, a function); an exception
/// JSON.stringify throws (a cycle, a BigInt) propagates.
pub fn serialize_to_json(cx: &mut JSContext, value: HandleValue) -> Fallible<String> {
    use std::os::raw::c_void;
    unsafe extern "C" fn write(buf: *const u16, len: u32, data: *mut c_void) -> bool {
        // SAFETY: JS_Stringify passes `len` valid UTF-16 units at `buf` and the `data` pointer we
        // gave it, a live `Vec<u16>` owned by the caller's frame.
        let out = unsafe { &mut *(data as *mut Vec<u16>) };
        // SAFETY: SpiderMonkey passes `len` valid UTF-16 units at `buf` for the call.
        out.extend_from_slice(unsafe { std::slice::from_raw_parts(buf, len as usize) });
        true
    }
    let mut out: Vec<u16> = Vec::new();
    rooted!(&in(cx) let replacer = std::ptr::null_mut::<mozjs::jsapi::JSObject>());
    rooted!(&in(cx) let space = mozjs::jsval::UndefinedValue());
    // JS::ToJSON, unlike JS_Stringify, writes nothing where JSON.stringify returns undefined.
    // SAFETY: the value is a handle the caller keeps rooted, the replacer and space are rooted
    // for the call; `out` outlives it.
    let ok = unsafe {
        mozjs::jsapi::JS::ToJSON(
            cx.raw_cx(),
            value.into(),
            replacer.handle().into(),
            space.handle().into(),
            Some(write),
            &mut out as *mut Vec<u16> as *mut c_void,
        )
    };
    if !ok {
        return Err(Error::JSFailed);
    }
    // JSON.stringify gives undefined (nothing written) for undefined, functions and symbols.
    if out.is_empty() {
        return Err(Error::Type("The data is not JSON-serializable.".into()));
    }
    Ok(String::from_utf16_lossy(&out))
}

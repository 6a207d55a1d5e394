//! The Body mixin (<https://fetch.spec.whatwg.org/#body-mixin>) shared by
//! `Request` and `Response`: a body held in memory whole (the host reads
//! bodies completely, so there is no `ReadableStream` and no `body`
//! attribute), whether it was disturbed, and the readers.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::bindings::conversions::ArrayBufferBytes;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::str::USVString;
use crate::dom::fetch::headers::Headers;
use crate::dom::fetch::response::{serialize_mime_type, utf8_decode};
use crate::dom::fileapi::blob::Blob;
use crate::dom::html::window::Window;

/// A request's or response's body and its state.
pub struct Body {
    /// None for a null body.
    bytes: Option<Rc<[u8]>>,
    /// <https://fetch.spec.whatwg.org/#concept-body-disturbed>
    disturbed: Cell<bool>,
    /// The MIME type for `blob()`, from Content-Type when the body was read.
    mime_type: RefCell<Option<String>>,
}

impl Body {
    pub fn new(bytes: Option<Rc<[u8]>>) -> Body {
        Body { bytes, disturbed: Cell::new(false), mime_type: RefCell::new(None) }
    }

    /// The bytes (shared), None for a null body.
    pub fn bytes(&self) -> Option<Rc<[u8]>> {
        self.bytes.clone()
    }

    /// <https://fetch.spec.whatwg.org/#body-unusable>: the body is non-null and disturbed.
    pub fn is_unusable(&self) -> bool {
        self.bytes.is_some() && self.disturbed.get()
    }

    /// Marks a non-null body disturbed (a Request constructed from this one took it).
    pub fn disturb(&self) {
        if self.bytes.is_some() {
            self.disturbed.set(true);
        }
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-bodyused>: true if the body is non-null and
    /// its stream is disturbed.
    pub fn body_used(&self) -> bool {
        self.is_unusable()
    }

    /// <https://fetch.spec.whatwg.org/#concept-body-consume-body>, steps 1–3 for every
    /// reader: reject if unusable, otherwise take the bytes.
    fn consume(&self, cx: &mut JSContext, global: &Window, headers: &Headers) -> Result<Rc<[u8]>, Rc<Promise>> {
        // Step 1: If object is unusable, then return a promise rejected with a TypeError.
        if self.is_unusable() {
            return Err(Promise::new_rejected(cx, global, Error::Type("Body has already been consumed.".into())));
        }
        // Reading disturbs the body; a null body reads as empty.
        self.disturb();
        let mime = headers.get_value(b"content-type").map(|v| serialize_mime_type(&String::from_utf8_lossy(&v)));
        *self.mime_type.borrow_mut() = mime;
        Ok(self.bytes.clone().unwrap_or_else(|| Rc::from(Vec::new())))
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-arraybuffer>
    pub fn array_buffer(&self, cx: &mut JSContext, global: &Window, headers: &Headers) -> Rc<Promise> {
        match self.consume(cx, global, headers) {
            // Convert: create an ArrayBuffer from the bytes.
            Ok(bytes) => Promise::new_resolved(cx, global, &ArrayBufferBytes(bytes.to_vec())),
            Err(rejected) => rejected,
        }
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-blob>
    pub fn blob(&self, cx: &mut JSContext, global: &Window, headers: &Headers) -> Rc<Promise> {
        match self.consume(cx, global, headers) {
            Ok(bytes) => {
                // Convert: a Blob whose contents are bytes and whose type is the MIME type.
                let type_ = self.mime_type.borrow().clone().unwrap_or_default();
                let blob = Blob::new(cx, global, bytes.to_vec(), type_);
                Promise::new_resolved(cx, global, &blob)
            }
            Err(rejected) => rejected,
        }
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-json>
    pub fn json(&self, cx: &mut JSContext, global: &Window, headers: &Headers) -> Rc<Promise> {
        let bytes = match self.consume(cx, global, headers) {
            Ok(bytes) => bytes,
            Err(rejected) => return rejected,
        };
        // Convert: the result of running parse JSON from bytes on the bytes.
        let promise = Promise::new(cx, global);
        let text: Vec<u16> = utf8_decode(&bytes).encode_utf16().collect();
        let _realm = mozjs::jsapi::JSAutoRealm::new(unsafe { cx.raw_cx() }, global.global_object().get());
        rooted!(&in(cx) let mut value = UndefinedValue());
        // SAFETY: `value` is rooted and the text outlives the call.
        let parsed = unsafe {
            mozjs::jsapi::JS_ParseJSON(cx.raw_cx(), text.as_ptr(), text.len() as u32, value.handle_mut().into())
        };
        if parsed {
            promise.resolve(cx, value.handle());
        } else {
            // The SyntaxError JSON.parse threw.
            promise.reject_error(cx, Error::JSFailed);
        }
        promise
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-text>
    pub fn text(&self, cx: &mut JSContext, global: &Window, headers: &Headers) -> Rc<Promise> {
        match self.consume(cx, global, headers) {
            // Convert: the result of running UTF-8 decode on bytes.
            Ok(bytes) => Promise::new_resolved(cx, global, &USVString(utf8_decode(&bytes))),
            Err(rejected) => rejected,
        }
    }
}

//! The Body mixin (<https://fetch.spec.whatwg.org/#body-mixin>) shared by `Request` and
//! `Response`: a body (<https://fetch.spec.whatwg.org/#concept-body>) and its readers.
//!
//! A body is null, bytes held in memory (the host reads network bodies whole), or a page's
//! `ReadableStream` (`new Response(stream)`). The stream of a body of bytes is made when
//! script first asks for it (`body`, `clone()`); until then the readers take the bytes
//! directly, which is what reading the stream would give.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::HandleValue;

use crate::dom::bindings::conversions::{ArrayBufferBytes, ArrayBufferViewBytes, FromJSVal};
use crate::dom::bindings::error::{Error, Fallible, error_to_jsval};
use crate::dom::bindings::jit::is_typed_array;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::USVString;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::fetch::headers::Headers;
use crate::dom::fetch::response::{serialize_mime_type, utf8_decode};
use crate::dom::fileapi::blob::Blob;
use crate::dom::html::window::Window;
use crate::dom::streams::bytesource::readable_stream_from_bytes;
use crate::dom::streams::readablestream::ReadableStream;
use crate::dom::streams::readablestreamdefaultreader::{ReadRequest, ReadableStreamDefaultReader};

/// A request's or response's body and its state.
#[derive(JSTraceable)]
pub struct Body {
    /// The bytes of a body given as bytes (None for a null body or a stream body).
    #[no_trace]
    bytes: Option<std::sync::Arc<[u8]>>,
    /// The body's stream, once there is one.
    stream: MutNullableDom<ReadableStream>,
    /// The bytes were read without making the stream (the stream counts as disturbed).
    #[no_trace]
    disturbed: Cell<bool>,
}

/// What a reader makes of the bytes (<https://fetch.spec.whatwg.org/#body-mixin>'s readers).
#[derive(Clone, Copy)]
pub enum BodyReader {
    ArrayBuffer,
    Blob,
    Bytes,
    FormData,
    Json,
    Text,
}

impl Body {
    /// A body of bytes (None: a null body).
    pub fn new(bytes: Option<std::sync::Arc<[u8]>>) -> Body {
        Body { bytes, stream: Default::default(), disturbed: Cell::new(false) }
    }

    /// A body whose stream is `stream`.
    pub fn with_stream(stream: &ReadableStream) -> Body {
        let body = Body::new(None);
        body.stream.set(Some(stream));
        body
    }

    /// The bytes of a body given as bytes (None for a null body or a stream body).
    pub fn bytes(&self) -> Option<std::sync::Arc<[u8]>> {
        self.bytes.clone()
    }

    /// The page's stream of a body given as a stream (None for a null body or bytes).
    pub fn source_stream(&self) -> Option<DomRoot<ReadableStream>> {
        if self.bytes.is_some() { None } else { self.stream.get() }
    }

    /// <https://fetch.spec.whatwg.org/#concept-body-stream>: the body's stream (None for a
    /// null body), made over the bytes on first use.
    pub fn stream(&self, cx: &mut JSContext, global: &Window) -> Option<DomRoot<ReadableStream>> {
        if let Some(stream) = self.stream.get() {
            return Some(stream);
        }
        let bytes = self.bytes.clone()?;
        let stream = readable_stream_from_bytes(cx, global, bytes);
        if self.disturbed.get() {
            // The bytes were already read: the stream is the one a reader read to its end,
            // disturbed and locked to that reader.
            let _ = ReadableStreamDefaultReader::acquire(cx, global, &stream);
            stream.set_disturbed();
        }
        self.stream.set(Some(&stream));
        Some(stream)
    }

    /// <https://fetch.spec.whatwg.org/#body-unusable>: "body is non-null and body's stream is
    /// disturbed or locked".
    pub fn is_unusable(&self) -> bool {
        match self.stream.get() {
            Some(stream) => stream.is_disturbed() || stream.is_locked(),
            None => self.bytes.is_some() && self.disturbed.get(),
        }
    }

    /// Marks a non-null body disturbed (a Request constructed from this one took it).
    pub fn disturb(&self) {
        match self.stream.get() {
            Some(stream) => stream.set_disturbed(),
            None if self.bytes.is_some() => self.disturbed.set(true),
            None => {}
        }
    }

    /// <https://fetch.spec.whatwg.org/#dom-body-bodyused>: "true if this's body is non-null and
    /// this's body's stream is disturbed".
    pub fn body_used(&self) -> bool {
        match self.stream.get() {
            Some(stream) => stream.is_disturbed(),
            None => self.bytes.is_some() && self.disturbed.get(),
        }
    }

    /// <https://fetch.spec.whatwg.org/#concept-body-clone>: for a body with a stream, "Let « out1,
    /// out2 » be the result of teeing body's stream. Set body's stream to out1. Return a body
    /// whose stream is out2"; a body of bytes not yet streamed shares its bytes.
    pub fn clone_body(&self, cx: &mut JSContext) -> Fallible<Body> {
        let Some(stream) = self.stream.get() else {
            return Ok(Body::new(self.bytes.clone()));
        };
        let (out1, out2) = crate::dom::streams::tee::readable_stream_default_tee(cx, &stream)?;
        self.stream.set(Some(&out1));
        // A body of bytes keeps them too (what a fetch of a cloned Request sends).
        let clone = Body::new(self.bytes.clone());
        clone.stream.set(Some(&out2));
        Ok(clone)
    }

    /// <https://fetch.spec.whatwg.org/#concept-body-consume-body>
    pub fn consume(&self, cx: &mut JSContext, global: &Window, headers: &Headers, reader: BodyReader) -> Rc<Promise> {
        // 1. If object is unusable, then return a promise rejected with a TypeError.
        if self.is_unusable() {
            return Promise::new_rejected(cx, global, Error::Type("Body has already been consumed.".into()));
        }
        let mime = headers.get_value(b"content-type").map(|v| serialize_mime_type(&String::from_utf8_lossy(&v)));
        // 2. Let promise be a new promise.
        let promise = Promise::new(cx, global);
        match self.stream.get() {
            // 5. If object's body is null, then run successSteps with an empty byte sequence.
            None if self.bytes.is_none() => convert(cx, global, reader, &[], mime, &promise),
            // A body of bytes whose stream was never made: reading the stream would give the
            // bytes, and leave it disturbed.
            None => {
                self.disturbed.set(true);
                let bytes = self.bytes.clone().unwrap_or_else(|| std::sync::Arc::from(Vec::new()));
                convert(cx, global, reader, &bytes, mime, &promise)
            }
            // 6. Otherwise, fully read object's body given successSteps, errorSteps.
            Some(stream) => {
                read_all_bytes(cx, global, &stream, promise.clone(), ReadAllDone::Consume { kind: reader, mime })
            }
        }
        // 7. Return promise.
        promise
    }
}

/// The successSteps of consume body: convert the bytes for the reader and resolve `promise`
/// (or reject it when the conversion throws).
fn convert(
    cx: &mut JSContext,
    global: &Window,
    reader: BodyReader,
    bytes: &[u8],
    mime: Option<String>,
    promise: &Promise,
) {
    match reader {
        // <https://fetch.spec.whatwg.org/#dom-body-arraybuffer>: create an ArrayBuffer from the bytes.
        BodyReader::ArrayBuffer => promise.resolve_native(cx, &ArrayBufferBytes(bytes.to_vec())),
        // <https://fetch.spec.whatwg.org/#dom-body-blob>: a Blob whose contents are bytes and whose
        // type is the MIME type.
        BodyReader::Blob => {
            let blob = Blob::new(cx, global, bytes.to_vec(), mime.unwrap_or_default());
            promise.resolve_native(cx, &blob)
        }
        // <https://fetch.spec.whatwg.org/#dom-body-json>: parse JSON from bytes.
        BodyReader::Json => {
            let text: Vec<u16> = utf8_decode(bytes).encode_utf16().collect();
            let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.global_object().get());
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
        }
        // <https://fetch.spec.whatwg.org/#dom-body-text>: UTF-8 decode.
        BodyReader::Text => promise.resolve_native(cx, &USVString(utf8_decode(bytes))),
        // <https://fetch.spec.whatwg.org/#dom-body-bytes>: "create a Uint8Array from bytes".
        BodyReader::Bytes => {
            promise.resolve_native(cx, &crate::dom::bindings::conversions::Uint8ArrayBytes(bytes.to_vec()))
        }
        // <https://fetch.spec.whatwg.org/#dom-body-formdata>: parse by the MIME type's essence
        // (multipart/form-data or application/x-www-form-urlencoded); anything else, or a
        // malformed body, is a TypeError.
        BodyReader::FormData => match crate::dom::fetch::formdataparser::parse_form_data(bytes, mime.as_deref()) {
            Ok(entries) => {
                let data = crate::dom::xhr::formdata::FormData::from_parsed(cx, global, entries);
                promise.resolve_native(cx, &data)
            }
            Err(message) => promise.reject_error(cx, Error::Type(message)),
        },
    }
}

/// What to do with the bytes once a body stream is fully read.
#[derive(JSTraceable)]
pub enum ReadAllDone {
    /// consume body's successSteps: convert the bytes for the reader, settle the promise.
    Consume {
        #[no_trace]
        kind: BodyReader,
        #[no_trace]
        mime: Option<String>,
    },
    /// fetch() of a Request whose body is a stream: send the request with the bytes.
    Fetch { window: Dom<Window>, request: Dom<crate::dom::fetch::request::Request> },
}

/// <https://streams.spec.whatwg.org/#readablestreamdefaultreader-read-all-bytes>: the read-loop's
/// state (for consume body, and for fetch() of a stream body).
#[derive(JSTraceable)]
pub struct ReadAllBytes {
    reader: Dom<ReadableStreamDefaultReader>,
    #[no_trace]
    bytes: RefCell<Vec<u8>>,
    /// Rejected by the failure steps.
    promise: Rc<Promise>,
    done: ReadAllDone,
    /// A read is being made by `read_loop` (a chunk already queued comes back synchronously).
    #[no_trace]
    reading: Cell<bool>,
    /// A chunk came back during that read: read again.
    #[no_trace]
    again: Cell<bool>,
}

/// Reads `stream` to its end (locking it), then runs `done` with the bytes; a failure rejects
/// `promise`.
pub fn read_all_bytes(
    cx: &mut JSContext,
    global: &Window,
    stream: &ReadableStream,
    promise: Rc<Promise>,
    done: ReadAllDone,
) {
    match ReadableStreamDefaultReader::acquire(cx, global, stream) {
        Ok(reader) => {
            let state = Rc::new(ReadAllBytes {
                reader: Dom::from_ref(&reader),
                bytes: RefCell::new(Vec::new()),
                promise,
                done,
                reading: Cell::new(false),
                again: Cell::new(false),
            });
            state.read_loop(cx);
        }
        Err(e) => promise.reject_error(cx, e),
    }
}

impl ReadAllBytes {
    /// chunk steps, given chunk: "If chunk is not a Uint8Array object, call failureSteps with a
    /// TypeError and abort these steps. Append the bytes represented by chunk to bytes. Read-loop
    /// given reader, bytes, successSteps, and failureSteps."
    pub fn chunk_steps(self: &Rc<Self>, cx: &mut JSContext, chunk: HandleValue) {
        let global = self.promise.global();
        if !is_typed_array(chunk, "Uint8Array") {
            rooted!(&in(cx) let mut error = UndefinedValue());
            error_to_jsval(
                cx,
                &global,
                Error::Type("A body stream chunk is not a Uint8Array.".into()),
                error.handle_mut(),
            );
            self.promise.reject(cx, error.handle());
            return;
        }
        match ArrayBufferViewBytes::from_jsval(cx, chunk, ()) {
            Ok(Ok(bytes)) => self.bytes.borrow_mut().extend_from_slice(&bytes.0),
            _ => {
                self.promise.reject_error(cx, Error::Type("A body stream chunk cannot be read.".into()));
                return;
            }
        }
        // Read-loop: a chunk the queue already held arrives inside that read; the loop in
        // `read_loop` then reads again, so a long queue does not grow the stack.
        if self.reading.get() {
            self.again.set(true);
        } else {
            self.read_loop(cx);
        }
    }

    /// "Read-loop": reads the next chunk, again while chunks arrive synchronously.
    fn read_loop(self: &Rc<Self>, cx: &mut JSContext) {
        loop {
            self.again.set(false);
            self.reading.set(true);
            self.reader.read(cx, ReadRequest::ReadAll(self.clone()));
            self.reading.set(false);
            if !self.again.get() {
                break;
            }
        }
    }

    /// close steps: "Call successSteps with bytes."
    pub fn close_steps(&self, cx: &mut JSContext) {
        let global = self.promise.global();
        let bytes = std::mem::take(&mut *self.bytes.borrow_mut());
        match &self.done {
            ReadAllDone::Consume { kind, mime } => convert(cx, &global, *kind, &bytes, mime.clone(), &self.promise),
            ReadAllDone::Fetch { window, request } => {
                crate::dom::fetch::fetch::fetch_with_body(cx, window, request, &self.promise, Some(bytes))
            }
        }
    }

    /// error steps, given e: "Call failureSteps with e."
    pub fn error_steps(&self, cx: &mut JSContext, e: HandleValue) {
        self.promise.reject(cx, e);
    }
}

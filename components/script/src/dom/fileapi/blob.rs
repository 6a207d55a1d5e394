//! `Blob` (<https://w3c.github.io/FileAPI/#blob-section>).

use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::BlobBinding::BlobMethods;
use crate::dom::bindings::codegen::Dictionaries::BlobPropertyBag;
use crate::dom::bindings::codegen::Enums::EndingType;
use crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBufferOrBlobOrUSVString as BlobPart;
use crate::dom::bindings::conversions::ArrayBufferBytes;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct Blob {
    reflector_: Reflector,
    #[no_trace]
    bytes: std::sync::Arc<[u8]>,
    #[no_trace]
    type_: String,
}

impl Blob {
    pub fn new_inherited(bytes: std::sync::Arc<[u8]>, type_: String) -> Blob {
        Blob { reflector_: Reflector::new(), bytes, type_ }
    }

    /// A blob holding `bytes` of MIME type `type_` (e.g. a photo).
    pub fn new(cx: &mut JSContext, global: &Window, bytes: Vec<u8>, type_: String) -> DomRoot<Blob> {
        reflect_dom_object(cx, Box::new(Blob::new_inherited(bytes.into(), type_)), global)
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes, shared (for a blob URL entry).
    pub fn shared_bytes(&self) -> std::sync::Arc<[u8]> {
        self.bytes.clone()
    }

    pub fn type_string(&self) -> &str {
        &self.type_
    }
}

/// <https://w3c.github.io/FileAPI/#process-blob-parts>
pub(crate) fn process_blob_parts(parts: Vec<BlobPart>, endings: EndingType) -> Vec<u8> {
    // 1. Let bytes be an empty sequence of bytes.
    let mut bytes = Vec::new();
    // 2. For each element in parts:
    for part in parts {
        match part {
            // 2.1. "If element is a USVString: let s be element. If options's endings member is
            // "native", set s to the result of converting line endings to native of element.
            // Append the result of UTF-8 encoding s to bytes."
            BlobPart::USVString(s) if endings == EndingType::Native => {
                bytes.extend_from_slice(convert_line_endings_to_native(&s.0).as_bytes())
            }
            BlobPart::USVString(s) => bytes.extend_from_slice(s.0.as_bytes()),
            BlobPart::Blob(b) => bytes.extend_from_slice(b.bytes()),
            BlobPart::ArrayBuffer(b) => bytes.extend_from_slice(&b.0),
            BlobPart::ArrayBufferView(b) => bytes.extend_from_slice(&b.0),
        }
    }
    bytes
}

/// <https://w3c.github.io/FileAPI/#convert-line-endings-to-native>: every CR LF pair, lone CR
/// and lone LF becomes the native line ending, "\n" here ("Let native line ending be the code
/// point U+000A LF. If the underlying platform's conventions are to represent newlines as a
/// carriage return and line feed sequence, set native line ending to U+000D CR followed by
/// U+000A LF").
fn convert_line_endings_to_native(s: &str) -> String {
    let mut result = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                result.push('\n');
            }
            c => result.push(c),
        }
    }
    result
}

/// Normalizes a blob type: lower case, or empty if it has a non-printable-ASCII character.
pub(crate) fn normalize_type(t: &str) -> String {
    if t.chars().any(|c| !('\u{20}'..='\u{7e}').contains(&c)) { String::new() } else { t.to_ascii_lowercase() }
}

/// Resolves `start`/`end` of `slice()` against `size`.
fn relative(value: Option<i64>, default: i64, size: i64) -> i64 {
    match value {
        None => default,
        Some(v) if v < 0 => (size + v).max(0),
        Some(v) => v.min(size),
    }
}

impl BlobMethods for Blob {
    /// <https://w3c.github.io/FileAPI/#constructorBlob>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        blob_parts: Option<Vec<BlobPart>>,
        options: &BlobPropertyBag,
    ) -> Fallible<DomRoot<Blob>> {
        // Step 2: Let bytes be the result of processing blob parts.
        let bytes = process_blob_parts(blob_parts.unwrap_or_default(), options.endings);
        // Step 3: the type, lowercased if it is printable ASCII.
        let type_ = normalize_type(&options.type_);
        Ok(reflect_dom_object_with_proto(cx, Box::new(Blob::new_inherited(bytes.into(), type_)), global, proto))
    }

    /// <https://w3c.github.io/FileAPI/#dfn-size>
    fn Size(&self, _cx: &mut JSContext) -> u64 {
        self.bytes.len() as u64
    }

    /// <https://w3c.github.io/FileAPI/#dfn-type>
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.type_.clone())
    }

    /// <https://w3c.github.io/FileAPI/#dfn-slice>
    fn Slice(
        &self,
        cx: &mut JSContext,
        start: Option<i64>,
        end: Option<i64>,
        content_type: Option<DOMString>,
    ) -> DomRoot<Blob> {
        let size = self.bytes.len() as i64;
        let start = relative(start, 0, size);
        let end = relative(end, size, size);
        let span = (end - start).max(0);
        let bytes: Vec<u8> = self.bytes[start as usize..(start + span) as usize].to_vec();
        let type_ = content_type.map(|t| normalize_type(&t)).unwrap_or_default();
        Blob::new(cx, &self.global(), bytes, type_)
    }

    /// <https://w3c.github.io/FileAPI/#dom-blob-stream>: "return the result of calling get
    /// stream on this" (a stream of the bytes in Uint8Array chunks, in this's relevant realm).
    fn Stream(&self, cx: &mut JSContext) -> DomRoot<crate::dom::streams::readablestream::ReadableStream> {
        crate::dom::streams::bytesource::readable_stream_from_bytes(cx, &self.global(), self.shared_bytes())
    }

    /// <https://w3c.github.io/FileAPI/#dom-blob-text>
    fn Text(&self, cx: &mut JSContext) -> Rc<Promise> {
        // UTF-8 decode of the bytes, resolved at once (the bytes are in memory).
        let text = String::from_utf8_lossy(&self.bytes).into_owned();
        Promise::new_resolved(cx, &self.global(), &USVString(text))
    }

    /// <https://w3c.github.io/FileAPI/#dom-blob-bytes>: a promise of a new Uint8Array of the bytes.
    fn Bytes(&self, cx: &mut JSContext) -> Rc<Promise> {
        Promise::new_resolved(
            cx,
            &self.global(),
            &crate::dom::bindings::conversions::Uint8ArrayBytes(self.bytes.to_vec()),
        )
    }

    /// <https://w3c.github.io/FileAPI/#dom-blob-arraybuffer>
    fn ArrayBuffer(&self, cx: &mut JSContext) -> Rc<Promise> {
        Promise::new_resolved(cx, &self.global(), &ArrayBufferBytes(self.bytes.to_vec()))
    }
}

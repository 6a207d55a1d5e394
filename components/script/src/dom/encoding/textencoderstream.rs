//! `TextEncoderStream` (<https://encoding.spec.whatwg.org/#interface-textencoderstream>): a
//! TransformStream from strings to UTF-8 `Uint8Array`s, keeping a lead surrogate that ends one
//! chunk for the next.

use std::cell::Cell;
use std::ptr::NonNull;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::TextEncoderStreamBinding::TextEncoderStreamMethods;
use crate::dom::bindings::conversions::new_uint8_array;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::html::window::Window;
use crate::dom::streams::readablestream::ReadableStream;
use crate::dom::streams::transformstream::TransformStream;
use crate::dom::streams::transformstreamdefaultcontroller::{NativeTransformer, TransformStreamDefaultController};
use crate::dom::streams::writablestream::WritableStream;

#[dom_struct]
pub struct TextEncoderStream {
    reflector_: Reflector,
    /// [[transform]] (GenericTransformStream)
    transform: Dom<TransformStream>,
}

/// The encoder's state: its leading surrogate
/// (<https://encoding.spec.whatwg.org/#textencoderstream-leading-surrogate>).
#[derive(JSTraceable)]
struct Utf8Encoder {
    #[no_trace]
    leading_surrogate: Cell<Option<u16>>,
}

/// ToString(value) as UTF-16 code units (lone surrogates kept). Err: the exception is pending.
fn to_code_units(cx: &mut JSContext, value: HandleValue) -> Result<Vec<u16>, ()> {
    // SAFETY: `value` is rooted; the string is rooted while its characters are copied, with no GC
    // in between.
    unsafe {
        rooted!(&in(cx) let string = mozjs::rust::ToString(cx, value));
        let Some(string) = NonNull::new(string.get()) else { return Err(()) };
        let mut length = 0;
        if mozjs::jsapi::JS_DeprecatedStringHasLatin1Chars(string.as_ptr()) {
            let chars = mozjs::rust::wrappers2::JS_GetLatin1StringCharsAndLength(cx, string.as_ptr(), &mut length);
            Ok(std::slice::from_raw_parts(chars, length).iter().map(|&c| c as u16).collect())
        } else {
            let chars = mozjs::rust::wrappers2::JS_GetTwoByteStringCharsAndLength(cx, string.as_ptr(), &mut length);
            Ok(std::slice::from_raw_parts(chars, length).to_vec())
        }
    }
}

impl Utf8Encoder {
    /// The bytes of `input` (<https://encoding.spec.whatwg.org/#encode-and-enqueue-a-chunk>,
    /// steps 4-5, with "convert code unit to scalar value").
    fn encode(&self, input: &[u16]) -> Vec<u8> {
        let mut output = Vec::with_capacity(input.len());
        let mut push = |scalar: char| {
            let mut buffer = [0u8; 4];
            output.extend_from_slice(scalar.encode_utf8(&mut buffer).as_bytes());
        };
        for &item in input {
            // "If encoder's leading surrogate is non-null": a trailing surrogate completes the
            // pair; anything else makes the lead U+FFFD and is processed on its own.
            if let Some(lead) = self.leading_surrogate.take() {
                if (0xDC00..=0xDFFF).contains(&item) {
                    let scalar = 0x10000 + ((lead as u32 - 0xD800) << 10) + (item as u32 - 0xDC00);
                    push(char::from_u32(scalar).unwrap_or('\u{FFFD}'));
                    continue;
                }
                push('\u{FFFD}');
            }
            match item {
                // "If item is a leading surrogate, set encoder's leading surrogate to item and
                // return continue."
                0xD800..=0xDBFF => self.leading_surrogate.set(Some(item)),
                // "If item is a trailing surrogate, return U+FFFD."
                0xDC00..=0xDFFF => push('\u{FFFD}'),
                _ => push(char::from_u32(item as u32).unwrap_or('\u{FFFD}')),
            }
        }
        output
    }
}

/// Enqueues `bytes` as a new Uint8Array in the stream of `controller`.
fn enqueue_bytes(cx: &mut JSContext, controller: &TransformStreamDefaultController, bytes: &[u8]) -> ErrorResult {
    rooted!(&in(cx) let mut chunk = UndefinedValue());
    new_uint8_array(cx, bytes, chunk.handle_mut());
    controller.enqueue(cx, chunk.handle())
}

impl NativeTransformer for Utf8Encoder {
    /// <https://encoding.spec.whatwg.org/#encode-and-enqueue-a-chunk>
    fn transform(
        &self,
        cx: &mut JSContext,
        controller: &TransformStreamDefaultController,
        chunk: HandleValue,
    ) -> ErrorResult {
        // 1. Let input be the result of converting chunk to a DOMString.
        let input = to_code_units(cx, chunk).map_err(|_| Error::JSFailed)?;
        // 2-4. Encode each code unit; 4.1. at the end, "If output is not empty, … enqueue chunk".
        let output = self.encode(&input);
        if output.is_empty() {
            return Ok(());
        }
        enqueue_bytes(cx, controller, &output)
    }

    /// <https://encoding.spec.whatwg.org/#encode-and-flush>
    fn flush(&self, cx: &mut JSContext, controller: &TransformStreamDefaultController) -> ErrorResult {
        // "If encoder's leading surrogate is non-null: let chunk be a Uint8Array of « 0xEF, 0xBF,
        // 0xBD » (U+FFFD in UTF-8) and enqueue chunk."
        if self.leading_surrogate.take().is_some() {
            return enqueue_bytes(cx, controller, "\u{FFFD}".as_bytes());
        }
        Ok(())
    }
}

impl TextEncoderStreamMethods for TextEncoderStream {
    /// <https://encoding.spec.whatwg.org/#dom-textencoderstream>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<TextEncoderStream>> {
        // 1. Set this's encoder to an instance of the UTF-8 encoder.
        let encoder = Rc::new(Utf8Encoder { leading_surrogate: Cell::new(None) });
        // 2-5. Let transformStream be a new TransformStream, set up with "encode and enqueue a
        // chunk" and "encode and flush".
        let transform = TransformStream::set_up(cx, global, encoder);
        // 6. Set this's transform to transformStream.
        let stream = TextEncoderStream { reflector_: Reflector::new(), transform: Dom::from_ref(&*transform) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(stream), global, proto))
    }

    /// <https://encoding.spec.whatwg.org/#dom-textencoder-encoding>: "return "utf-8"".
    fn Encoding(&self, _cx: &mut JSContext) -> DOMString {
        "utf-8".into()
    }

    /// <https://streams.spec.whatwg.org/#dom-generictransformstream-readable>
    fn Readable(&self, _cx: &mut JSContext) -> DomRoot<ReadableStream> {
        self.transform.readable()
    }

    /// <https://streams.spec.whatwg.org/#dom-generictransformstream-writable>
    fn Writable(&self, _cx: &mut JSContext) -> DomRoot<WritableStream> {
        self.transform.writable()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_split_across_chunks_is_joined() {
        let encoder = Utf8Encoder { leading_surrogate: Cell::new(None) };
        assert_eq!(encoder.encode(&[0x61, 0xD83D]), b"a");
        assert_eq!(encoder.encode(&[0xDE00]), "\u{1F600}".as_bytes());
        assert_eq!(encoder.encode(&[0xDE00]), "\u{FFFD}".as_bytes(), "a lone trail");
        assert_eq!(encoder.encode(&[0xD800, 0x62]), "\u{FFFD}b".as_bytes(), "a lead before a non-trail");
    }
}

//! `TextEncoder` (<https://encoding.spec.whatwg.org/#interface-textencoder>): UTF-8 only.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::{HandleObject, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::TextEncoderEncodeIntoResult;
use crate::dom::bindings::codegen::TextEncoderBinding::TextEncoderMethods;
use crate::dom::bindings::conversions::{new_uint8_array, with_view_bytes_mut};
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::html::window::Window;

#[dom_struct]
pub struct TextEncoder {
    reflector_: Reflector,
}

/// How many bytes of `destination` the UTF-8 of `source` fills, whole scalar values only, and
/// how many UTF-16 code units that consumed: encodeInto()'s loop
/// (<https://encoding.spec.whatwg.org/#dom-textencoder-encodeinto>).
pub fn encode_into(source: &str, destination: &mut [u8]) -> (u64, u64) {
    let (mut read, mut written) = (0u64, 0usize);
    for c in source.chars() {
        let len = c.len_utf8();
        // "If result is finished … or the bytes do not fit, break."
        if written + len > destination.len() {
            break;
        }
        c.encode_utf8(&mut destination[written..written + len]);
        written += len;
        // "Increment read by 1 if c is a BMP code point, 2 otherwise."
        read += c.len_utf16() as u64;
    }
    (read, written as u64)
}

impl TextEncoderMethods for TextEncoder {
    /// <https://encoding.spec.whatwg.org/#dom-textencoder>: "The new TextEncoder() constructor
    /// steps are to do nothing."
    fn Constructor(cx: &mut JSContext, global: &Window, proto: Option<HandleObject>) -> Fallible<DomRoot<TextEncoder>> {
        Ok(reflect_dom_object_with_proto(cx, Box::new(TextEncoder { reflector_: Reflector::new() }), global, proto))
    }

    /// <https://encoding.spec.whatwg.org/#dom-textencoder-encoding>: "return "utf-8"".
    fn Encoding(&self, _cx: &mut JSContext) -> DOMString {
        "utf-8".into()
    }

    /// <https://encoding.spec.whatwg.org/#dom-textencoder-encode>: "Convert input to an I/O
    /// queue of scalar values, UTF-8 encode it, and return a Uint8Array of the bytes." (A
    /// USVString is already scalar values: lone surrogates became U+FFFD.)
    fn Encode(&self, cx: &mut JSContext, input: USVString, rval: MutableHandleValue) {
        new_uint8_array(cx, input.0.as_bytes(), rval);
    }

    /// <https://encoding.spec.whatwg.org/#dom-textencoder-encodeinto>
    fn EncodeInto(
        &self,
        _cx: &mut JSContext,
        source: USVString,
        destination: HandleObject,
    ) -> TextEncoderEncodeIntoResult {
        let (read, written) = with_view_bytes_mut(destination, |bytes| encode_into(&source.0, bytes));
        TextEncoderEncodeIntoResult { read: Some(read), written: Some(written) }
    }
}

#[cfg(test)]
mod tests {
    use super::encode_into;

    #[test]
    fn encode_into_stops_before_a_scalar_that_does_not_fit() {
        let mut buf = [0u8; 4];
        // "a" (1 byte), "é" (2), "😀" (4 bytes, 2 UTF-16 units) does not fit.
        assert_eq!(encode_into("aé😀", &mut buf), (2, 3));
        assert_eq!(&buf[..3], "aé".as_bytes());
        let mut big = [0u8; 8];
        assert_eq!(encode_into("a😀", &mut big), (3, 5));
    }
}

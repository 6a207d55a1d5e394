//! `TextDecoder` (<https://encoding.spec.whatwg.org/#interface-textdecoder>) on `encoding_rs`:
//! every encoding of the standard, `fatal`, `ignoreBOM` and streaming.

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use encoding_rs::{Decoder, DecoderResult, Encoding};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::{TextDecodeOptions, TextDecoderOptions};
use crate::dom::bindings::codegen::TextDecoderBinding::TextDecoderMethods;
use crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBuffer;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::html::window::Window;

#[dom_struct]
pub struct TextDecoder {
    reflector_: Reflector,
    #[no_trace]
    encoding: &'static Encoding,
    #[no_trace]
    fatal: bool,
    #[no_trace]
    ignore_bom: bool,
    /// The decoder kept between `stream: true` calls.
    #[no_trace]
    decoder: RefCell<Option<Decoder>>,
    /// <https://encoding.spec.whatwg.org/#textdecoder-do-not-flush-flag>
    #[no_trace]
    do_not_flush: Cell<bool>,
}

/// The standard's name of `encoding`, lower-cased as the `encoding` attribute returns it.
fn encoding_name(encoding: &'static Encoding) -> String {
    encoding.name().to_ascii_lowercase()
}

/// Decodes `input` with `decoder`; `last` flushes it. `None` when `fatal` and the input is
/// malformed.
pub fn decode_with(decoder: &mut Decoder, input: &[u8], last: bool, fatal: bool) -> Option<String> {
    let capacity = decoder.max_utf8_buffer_length(input.len()).unwrap_or(input.len() * 3 + 16);
    let mut out = String::with_capacity(capacity);
    if fatal {
        let (result, _read) = decoder.decode_to_string_without_replacement(input, &mut out, last);
        match result {
            DecoderResult::InputEmpty => Some(out),
            // The buffer was sized for the worst case; a short one means a malformed sequence too.
            DecoderResult::Malformed(..) | DecoderResult::OutputFull => None,
        }
    } else {
        let (_result, _read, _replaced) = decoder.decode_to_string(input, &mut out, last);
        Some(out)
    }
}

impl TextDecoderMethods for TextDecoder {
    /// <https://encoding.spec.whatwg.org/#dom-textdecoder>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        label: DOMString,
        options: &TextDecoderOptions,
    ) -> Fallible<DomRoot<TextDecoder>> {
        // 1. "Let encoding be the result of getting an encoding from label."
        // 2. "If encoding is failure or replacement, then throw a RangeError."
        let encoding = match Encoding::for_label_no_replacement(label.as_str().as_bytes()) {
            Some(e) => e,
            None => {
                return Err(Error::Range(format!("The encoding label provided ('{}') is invalid.", label.as_str())));
            }
        };
        // 3–5. "Set this's encoding to encoding"; fatal → error mode "fatal"; ignoreBOM.
        let decoder = TextDecoder {
            reflector_: Reflector::new(),
            encoding,
            fatal: options.fatal,
            ignore_bom: options.ignore_bom,
            decoder: RefCell::new(None),
            do_not_flush: Cell::new(false),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(decoder), global, proto))
    }

    /// <https://encoding.spec.whatwg.org/#dom-textdecoder-encoding>
    fn Encoding(&self, _cx: &mut JSContext) -> DOMString {
        encoding_name(self.encoding).into()
    }
    /// <https://encoding.spec.whatwg.org/#dom-textdecoder-fatal>
    fn Fatal(&self, _cx: &mut JSContext) -> bool {
        self.fatal
    }
    /// <https://encoding.spec.whatwg.org/#dom-textdecoder-ignorebom>
    fn IgnoreBOM(&self, _cx: &mut JSContext) -> bool {
        self.ignore_bom
    }

    /// <https://encoding.spec.whatwg.org/#dom-textdecoder-decode>
    fn Decode(
        &self,
        _cx: &mut JSContext,
        input: Option<ArrayBufferViewOrArrayBuffer>,
        options: &TextDecodeOptions,
    ) -> Fallible<USVString> {
        // 1. "If this's do not flush is false, then set this's decoder to a new instance of this's
        //    encoding's decoder, this's I/O queue to the I/O queue of bytes « end-of-queue », and
        //    this's BOM seen to false."
        let mut slot = self.decoder.borrow_mut();
        if !self.do_not_flush.get() || slot.is_none() {
            *slot = Some(if self.ignore_bom {
                self.encoding.new_decoder_without_bom_handling()
            } else {
                self.encoding.new_decoder_with_bom_removal()
            });
        }
        // 2. "Set this's do not flush to options["stream"]."
        self.do_not_flush.set(options.stream);
        // 3. "If input is given, then push a copy of input to this's I/O queue."
        let bytes: &[u8] = match &input {
            Some(ArrayBufferViewOrArrayBuffer::ArrayBufferView(v)) => &v.0,
            Some(ArrayBufferViewOrArrayBuffer::ArrayBuffer(b)) => &b.0,
            None => &[],
        };
        // 4–5. Process the queue with the decoder; at the end of a call without stream, flush.
        let decoder = slot.as_mut().expect("set above");
        match decode_with(decoder, bytes, !options.stream, self.fatal) {
            Some(text) => Ok(USVString(text)),
            // "If result is error" in fatal mode: "throw a TypeError."
            None => {
                *slot = None;
                self.do_not_flush.set(false);
                Err(Error::Type("The encoded data was not valid.".into()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaming_keeps_a_split_sequence() {
        let mut d = encoding_rs::UTF_8.new_decoder_with_bom_removal();
        let euro = "€".as_bytes();
        assert_eq!(decode_with(&mut d, &euro[..1], false, true).as_deref(), Some(""));
        assert_eq!(decode_with(&mut d, &euro[1..], true, true).as_deref(), Some("€"));
        let mut d = encoding_rs::UTF_8.new_decoder_with_bom_removal();
        assert_eq!(decode_with(&mut d, &[0xff], true, true), None, "fatal");
        let mut d = encoding_rs::UTF_8.new_decoder_with_bom_removal();
        assert_eq!(decode_with(&mut d, &[0xef, 0xbb, 0xbf, b'a', 0xff], true, false).as_deref(), Some("a\u{fffd}"));
    }
}

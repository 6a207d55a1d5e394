//! `TextDecoderStream` (<https://encoding.spec.whatwg.org/#interface-textdecoderstream>): a
//! TransformStream from BufferSource chunks to strings, on the same `encoding_rs` decoders as
//! `TextDecoder`, keeping a sequence split across chunks for the next one.

use std::cell::RefCell;
use std::rc::Rc;

use dom_struct::dom_struct;
use encoding_rs::{Decoder, Encoding};
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::TextDecoderOptions;
use crate::dom::bindings::codegen::TextDecoderStreamBinding::TextDecoderStreamMethods;
use crate::dom::bindings::conversions::{ArrayBufferBytes, ArrayBufferViewBytes, FromJSVal, ToJSVal};
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::jit::{is_array_buffer, is_array_buffer_view};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::encoding::textdecoder::decode_with;
use crate::dom::html::window::Window;
use crate::dom::streams::readablestream::ReadableStream;
use crate::dom::streams::transformstream::TransformStream;
use crate::dom::streams::transformstreamdefaultcontroller::{NativeTransformer, TransformStreamDefaultController};
use crate::dom::streams::writablestream::WritableStream;

#[dom_struct]
pub struct TextDecoderStream {
    reflector_: Reflector,
    #[no_trace]
    encoding: &'static Encoding,
    #[no_trace]
    fatal: bool,
    #[no_trace]
    ignore_bom: bool,
    /// [[transform]] (GenericTransformStream)
    transform: Dom<TransformStream>,
}

/// The decoder (with its BOM handling) and its error mode.
#[derive(JSTraceable)]
struct StreamDecoder {
    #[no_trace]
    decoder: RefCell<Decoder>,
    #[no_trace]
    fatal: bool,
}

impl StreamDecoder {
    /// Decodes `bytes` (`last`: the end of the queue) and enqueues the output if it is not
    /// empty; "If result is error, throw a TypeError."
    fn decode_and_enqueue(
        &self,
        cx: &mut JSContext,
        controller: &TransformStreamDefaultController,
        bytes: &[u8],
        last: bool,
    ) -> ErrorResult {
        let output = decode_with(&mut self.decoder.borrow_mut(), bytes, last, self.fatal)
            .ok_or_else(|| Error::Type("The encoded data was not valid.".into()))?;
        // "Let outputChunk be output, serialized. If outputChunk is not the empty string, then
        // enqueue outputChunk in decoder's transform."
        if output.is_empty() {
            return Ok(());
        }
        rooted!(&in(cx) let mut chunk = UndefinedValue());
        USVString(output).to_jsval(cx, chunk.handle_mut());
        controller.enqueue(cx, chunk.handle())
    }
}

impl NativeTransformer for StreamDecoder {
    /// <https://encoding.spec.whatwg.org/#decode-and-enqueue-a-chunk>
    fn transform(
        &self,
        cx: &mut JSContext,
        controller: &TransformStreamDefaultController,
        chunk: HandleValue,
    ) -> ErrorResult {
        // 1. Let bufferSource be the result of converting chunk to an AllowSharedBufferSource.
        let bytes = if is_array_buffer(chunk) {
            match ArrayBufferBytes::from_jsval(cx, chunk, ()) {
                Ok(Ok(bytes)) => bytes.0,
                _ => return Err(Error::Type("The chunk cannot be read.".into())),
            }
        } else if is_array_buffer_view(chunk) {
            match ArrayBufferViewBytes::from_jsval(cx, chunk, ()) {
                Ok(Ok(bytes)) => bytes.0,
                _ => return Err(Error::Type("The chunk cannot be read.".into())),
            }
        } else {
            return Err(Error::Type("The chunk is not an ArrayBuffer or ArrayBufferView.".into()));
        };
        // 2. Push a copy of bufferSource to decoder's I/O queue. 3-5. Process the queue until
        // it is empty, then enqueue the output (a split sequence stays in the decoder).
        self.decode_and_enqueue(cx, controller, &bytes, false)
    }

    /// <https://encoding.spec.whatwg.org/#flush-and-enqueue>: process end-of-queue and enqueue
    /// what remains.
    fn flush(&self, cx: &mut JSContext, controller: &TransformStreamDefaultController) -> ErrorResult {
        self.decode_and_enqueue(cx, controller, &[], true)
    }
}

impl TextDecoderStreamMethods for TextDecoderStream {
    /// <https://encoding.spec.whatwg.org/#dom-textdecoderstream>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        label: DOMString,
        options: &TextDecoderOptions,
    ) -> Fallible<DomRoot<TextDecoderStream>> {
        // 1. Let encoding be the result of getting an encoding from label. 2. If encoding is
        // failure or replacement, then throw a RangeError.
        let Some(encoding) = Encoding::for_label_no_replacement(label.as_str().as_bytes()) else {
            return Err(Error::Range(format!("The encoding label provided ('{}') is invalid.", label.as_str())));
        };
        // 3-5. Set this's encoding, error mode ("fatal" if options["fatal"]) and ignore BOM.
        // 6. Set this's decoder to a new instance of this's encoding's decoder.
        let decoder = if options.ignore_bom {
            encoding.new_decoder_without_bom_handling()
        } else {
            encoding.new_decoder_with_bom_removal()
        };
        let transformer = Rc::new(StreamDecoder { decoder: RefCell::new(decoder), fatal: options.fatal });
        // 7-10. Let transformStream be a new TransformStream, set up with "decode and enqueue a
        // chunk" and "flush and enqueue"; set this's transform to it.
        let transform = TransformStream::set_up(cx, global, transformer);
        let stream = TextDecoderStream {
            reflector_: Reflector::new(),
            encoding,
            fatal: options.fatal,
            ignore_bom: options.ignore_bom,
            transform: Dom::from_ref(&*transform),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(stream), global, proto))
    }

    /// <https://encoding.spec.whatwg.org/#dom-textdecoder-encoding>: the encoding's name in ASCII
    /// lowercase.
    fn Encoding(&self, _cx: &mut JSContext) -> DOMString {
        self.encoding.name().to_ascii_lowercase().into()
    }

    /// <https://encoding.spec.whatwg.org/#dom-textdecoder-fatal>
    fn Fatal(&self, _cx: &mut JSContext) -> bool {
        self.fatal
    }

    /// <https://encoding.spec.whatwg.org/#dom-textdecoder-ignorebom>
    fn IgnoreBOM(&self, _cx: &mut JSContext) -> bool {
        self.ignore_bom
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

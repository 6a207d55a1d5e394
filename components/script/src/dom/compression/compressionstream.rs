//! `CompressionStream` and `DecompressionStream`
//! (<https://compression.spec.whatwg.org/#compression-stream>,
//! <https://compression.spec.whatwg.org/#decompression-stream>).

use std::cell::RefCell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::CompressionStreamBinding::CompressionStreamMethods;
use crate::dom::bindings::codegen::DecompressionStreamBinding::DecompressionStreamMethods;
use crate::dom::bindings::codegen::Enums::CompressionFormat;
use crate::dom::bindings::conversions::{ArrayBufferBytes, ArrayBufferViewBytes, FromJSVal, new_uint8_array};
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::jit::{is_array_buffer, is_array_buffer_view};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::compression::codec::{DecodeError, Decoder, Encoder, Format};
use crate::dom::html::window::Window;
use crate::dom::streams::readablestream::ReadableStream;
use crate::dom::streams::transformstream::TransformStream;
use crate::dom::streams::transformstreamdefaultcontroller::{NativeTransformer, TransformStreamDefaultController};
use crate::dom::streams::writablestream::WritableStream;

/// The codec of a format, or the `TypeError` the constructors throw: "If format is unsupported in
/// CompressionStream (DecompressionStream), then throw a TypeError." (brotli is not supported.)
fn format_of(format: CompressionFormat) -> Fallible<Format> {
    match format {
        CompressionFormat::Deflate => Ok(Format::Deflate),
        CompressionFormat::DeflateRaw => Ok(Format::DeflateRaw),
        CompressionFormat::Gzip => Ok(Format::Gzip),
        CompressionFormat::Brotli => Err(Error::Type("The \"brotli\" format is not supported.".into())),
    }
}

/// The bytes of a chunk: "If chunk is not a BufferSource type, then throw a TypeError."
fn chunk_bytes(cx: &mut JSContext, chunk: HandleValue) -> Fallible<Vec<u8>> {
    if is_array_buffer(chunk) {
        if let Ok(Ok(bytes)) = ArrayBufferBytes::from_jsval(cx, chunk, ()) {
            return Ok(bytes.0);
        }
    } else if is_array_buffer_view(chunk)
        && let Ok(Ok(bytes)) = ArrayBufferViewBytes::from_jsval(cx, chunk, ())
    {
        return Ok(bytes.0);
    }
    Err(Error::Type("The chunk is not a BufferSource.".into()))
}

/// "If buffer is empty, return. … Let arrays be the result of splitting buffer into one or more
/// non-empty pieces and converting them into Uint8Arrays. For each Uint8Array array of arrays,
/// enqueue array in cs's transform." (One piece.)
fn enqueue_bytes(cx: &mut JSContext, controller: &TransformStreamDefaultController, bytes: &[u8]) -> ErrorResult {
    if bytes.is_empty() {
        return Ok(());
    }
    rooted!(&in(cx) let mut chunk = UndefinedValue());
    new_uint8_array(cx, bytes, chunk.handle_mut());
    controller.enqueue(cx, chunk.handle())
}

fn io_error(e: std::io::Error) -> Error {
    Error::Type(format!("Compression failed: {e}"))
}

fn decode_error(e: DecodeError) -> Error {
    Error::Type(match e {
        DecodeError::Corrupt(why) => format!("The compressed data is invalid: {why}."),
        DecodeError::TrailingData => "Junk found after the end of the compressed data.".into(),
        DecodeError::Truncated => "The compressed data ended early.".into(),
    })
}

#[derive(JSTraceable)]
struct Compressor(#[no_trace] RefCell<Encoder>);

impl NativeTransformer for Compressor {
    /// <https://compression.spec.whatwg.org/#compress-and-enqueue-a-chunk>
    fn transform(
        &self,
        cx: &mut JSContext,
        controller: &TransformStreamDefaultController,
        chunk: HandleValue,
    ) -> ErrorResult {
        // 1. "If chunk is not a BufferSource type, then throw a TypeError."
        let bytes = chunk_bytes(cx, chunk)?;
        // 2. "Let buffer be the result of compressing chunk with cs's format and context."
        let output = self.0.borrow_mut().push(&bytes).map_err(io_error)?;
        // 3–5. Enqueue it, unless it is empty.
        enqueue_bytes(cx, controller, &output)
    }

    /// <https://compression.spec.whatwg.org/#compress-flush-and-enqueue>
    fn flush(&self, cx: &mut JSContext, controller: &TransformStreamDefaultController) -> ErrorResult {
        // 1. "Let buffer be the result of compressing an empty input with cs's format and
        //    context, with the finish flag."
        let output = self.0.borrow_mut().finish().map_err(io_error)?;
        enqueue_bytes(cx, controller, &output)
    }
}

#[derive(JSTraceable)]
struct Decompressor(#[no_trace] RefCell<Decoder>);

impl NativeTransformer for Decompressor {
    /// <https://compression.spec.whatwg.org/#decompress-and-enqueue-a-chunk>
    fn transform(
        &self,
        cx: &mut JSContext,
        controller: &TransformStreamDefaultController,
        chunk: HandleValue,
    ) -> ErrorResult {
        // 1. "If chunk is not a BufferSource type, then throw a TypeError."
        let bytes = chunk_bytes(cx, chunk)?;
        // 2. "Let buffer be the result of decompressing chunk with ds's format and context. If
        //    this results in an error, then throw a TypeError." 3. "If the end of the compressed
        //    input has been reached, and ds's context has not fully consumed chunk, then throw a
        //    TypeError."
        // (What came before an error is enqueued first, as browsers do: the page gets the data
        // that was valid, then the error.)
        let (output, result) = self.0.borrow_mut().push(&bytes);
        enqueue_bytes(cx, controller, &output)?;
        result.map_err(decode_error)
    }

    /// <https://compression.spec.whatwg.org/#decompress-flush-and-enqueue>
    fn flush(&self, _cx: &mut JSContext, _controller: &TransformStreamDefaultController) -> ErrorResult {
        // 1–3. Nothing is buffered past what was enqueued. "If the end of the compressed input
        //    has not been reached, then throw a TypeError."
        self.0.borrow_mut().finish().map_err(decode_error)
    }
}

#[dom_struct]
pub struct CompressionStream {
    reflector_: Reflector,
    /// [[transform]] (GenericTransformStream)
    transform: Dom<TransformStream>,
}

impl CompressionStreamMethods for CompressionStream {
    /// <https://compression.spec.whatwg.org/#dom-compressionstream-compressionstream>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        format: CompressionFormat,
    ) -> Fallible<DomRoot<CompressionStream>> {
        // 1. "If format is unsupported in CompressionStream, then throw a TypeError."
        // 2. "Set this's format to format."
        let format = format_of(format)?;
        // 3–6. "Let transformStream be a new TransformStream; set up transformStream with
        //    transformAlgorithm set to transformAlgorithm and flushAlgorithm set to
        //    flushAlgorithm. Set this's transform to transformStream."
        let transform = TransformStream::set_up(cx, global, Rc::new(Compressor(RefCell::new(Encoder::new(format)))));
        let stream = CompressionStream { reflector_: Reflector::new(), transform: Dom::from_ref(&*transform) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(stream), global, proto))
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

#[dom_struct]
pub struct DecompressionStream {
    reflector_: Reflector,
    /// [[transform]] (GenericTransformStream)
    transform: Dom<TransformStream>,
}

impl DecompressionStreamMethods for DecompressionStream {
    /// <https://compression.spec.whatwg.org/#dom-decompressionstream-decompressionstream>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        format: CompressionFormat,
    ) -> Fallible<DomRoot<DecompressionStream>> {
        // 1. "If format is unsupported in DecompressionStream, then throw a TypeError."
        let format = format_of(format)?;
        // 3–6. As for CompressionStream, with the decompression algorithms.
        let transform = TransformStream::set_up(cx, global, Rc::new(Decompressor(RefCell::new(Decoder::new(format)))));
        let stream = DecompressionStream { reflector_: Reflector::new(), transform: Dom::from_ref(&*transform) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(stream), global, proto))
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

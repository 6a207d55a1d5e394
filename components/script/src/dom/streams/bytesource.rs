//! A readable stream over bytes held in memory: the stream of `Blob.stream()`
//! (<https://w3c.github.io/FileAPI/#blob-get-stream>) and of a Request's or Response's body
//! (<https://fetch.spec.whatwg.org/#concept-body-stream>). Each pull enqueues the next chunk as a
//! new `Uint8Array`; the stream closes after the last one.
//!
//! FIXME: the standards set these streams up "with byte reading support" (a
//! ReadableByteStreamController); Aperture has no byte streams, so they are default streams of
//! Uint8Array chunks and a BYOB reader cannot be acquired on them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::bindings::conversions::new_uint8_array;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::{DomRoot, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::html::window::Window;
use crate::dom::streams::algorithms::SourceAlgorithms;
use crate::dom::streams::readablestream::ReadableStream;
use crate::dom::streams::readablestreamdefaultcontroller::ReadableStreamDefaultController;

/// How many bytes one chunk holds at most.
const CHUNK_SIZE: usize = 65536;

/// The bytes still to enqueue.
#[derive(JSTraceable)]
pub struct BytesSource {
    /// None once cancelled or fully enqueued.
    #[no_trace]
    bytes: RefCell<Option<std::sync::Arc<[u8]>>>,
    #[no_trace]
    offset: Cell<usize>,
}

/// A new ReadableStream (in `global`'s realm) whose chunks are `bytes` in Uint8Arrays. The high
/// water mark is 0, as for a byte stream, so nothing is read before a reader asks.
pub fn readable_stream_from_bytes(cx: &mut JSContext, global: &Window, bytes: std::sync::Arc<[u8]>) -> DomRoot<ReadableStream> {
    let source = Rc::new(BytesSource { bytes: RefCell::new(Some(bytes)), offset: Cell::new(0) });
    ReadableStream::create(cx, global, RootedTraceableBox::new(SourceAlgorithms::Bytes(source)), 0.0)
}

/// The pull algorithm: "while not all bytes have been read", enqueue the next chunk; after
/// the last, close the stream.
pub fn pull(
    cx: &mut JSContext,
    global: &Window,
    source: &BytesSource,
    controller: &ReadableStreamDefaultController,
) -> Rc<Promise> {
    let chunk: Option<Vec<u8>> = source.bytes.borrow().as_ref().map(|bytes| {
        let start = source.offset.get().min(bytes.len());
        let end = (start + CHUNK_SIZE).min(bytes.len());
        bytes[start..end].to_vec()
    });
    if let Some(chunk) = chunk {
        source.offset.set(source.offset.get() + chunk.len());
        let done = source.bytes.borrow().as_ref().is_none_or(|bytes| source.offset.get() >= bytes.len());
        if !chunk.is_empty() && controller.can_close_or_enqueue() {
            // "Let chunk be a new Uint8Array wrapping an ArrayBuffer containing bytes. Enqueue
            // chunk in stream." (Enqueueing a Uint8Array with the count strategy cannot throw.)
            rooted!(&in(cx) let mut array = UndefinedValue());
            new_uint8_array(cx, &chunk, array.handle_mut());
            let _ = controller.enqueue(cx, array.handle());
        }
        if done {
            // "If bytes is done, close stream."
            source.bytes.borrow_mut().take();
            if controller.can_close_or_enqueue() {
                controller.close(cx);
            }
        }
    }
    Promise::new_resolved(cx, global, &())
}

/// The cancel algorithm: drop the bytes.
pub fn cancel(cx: &mut JSContext, global: &Window, source: &BytesSource) -> Rc<Promise> {
    source.bytes.borrow_mut().take();
    Promise::new_resolved(cx, global, &())
}

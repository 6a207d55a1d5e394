//! A readable byte stream over bytes held in memory: the stream of `Blob.stream()`
//! (<https://w3c.github.io/FileAPI/#blob-get-stream>) and of a Request's or Response's body
//! (<https://fetch.spec.whatwg.org/#concept-body-stream>), both "set up with byte reading
//! support" (<https://streams.spec.whatwg.org/#readablestream-set-up-with-byte-reading-support>).
//! Each pull writes into the reader's BYOB request view when there is one, and otherwise
//! enqueues the next chunk as a new `Uint8Array`; the stream closes after the last byte.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::bindings::conversions::{new_uint8_array, with_view_bytes_mut};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::{DomRoot, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::html::window::Window;
use crate::dom::streams::algorithms::SourceAlgorithms;
use crate::dom::streams::readablebytestreamcontroller::ReadableByteStreamController;
use crate::dom::streams::readablestream::ReadableStream;

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

/// A new readable byte stream (in `global`'s realm) over `bytes`. The high water mark is 0, so
/// nothing is read before a reader asks.
pub fn readable_stream_from_bytes(
    cx: &mut JSContext,
    global: &Window,
    bytes: std::sync::Arc<[u8]>,
) -> DomRoot<ReadableStream> {
    let source = Rc::new(BytesSource { bytes: RefCell::new(Some(bytes)), offset: Cell::new(0) });
    ReadableStream::create_byte_stream(cx, global, RootedTraceableBox::new(SourceAlgorithms::Bytes(source)))
}

/// The pull algorithm of the byte stream: "pull from bytes"
/// (<https://streams.spec.whatwg.org/#readablestream-pull-from-bytes>), at most `CHUNK_SIZE`
/// bytes at a time; after the last byte, "close" the stream
/// (<https://streams.spec.whatwg.org/#readablestream-close>).
pub fn pull_bytes(
    cx: &mut JSContext,
    global: &Window,
    source: &BytesSource,
    controller: &ReadableByteStreamController,
) -> Rc<Promise> {
    let Some(bytes) = source.bytes.borrow().clone() else { return Promise::new_resolved(cx, global, &()) };
    let start = source.offset.get().min(bytes.len());
    // 1-3. "Let available be bytes's length. Let desiredSize be available. If stream's current
    // BYOB request view is non-null, then set desiredSize to view's byte length."
    let available = bytes.len() - start;
    let request = controller.get_byob_request(cx);
    rooted!(&in(cx) let view = request.as_ref().map_or(mozjs::jsval::NullValue(), |r| r.view()));
    let desired = if view.get().is_object() {
        rooted!(&in(cx) let object = view.get().to_object());
        with_view_bytes_mut(object.handle(), |bytes| bytes.len())
    } else {
        available.min(CHUNK_SIZE)
    };
    // 4-6. "Let pullSize be the smaller of available and desiredSize. Let pulled be the first
    // pullSize bytes of bytes. Remove them from bytes."
    let pull_size = available.min(desired);
    let pulled = &bytes[start..start + pull_size];
    source.offset.set(start + pull_size);
    if pull_size > 0 {
        let result = if view.get().is_object() {
            // 7. "If stream's current BYOB request view is non-null: write pulled into view.
            // Perform ? ReadableByteStreamControllerRespond(stream.[[controller]], pullSize)."
            rooted!(&in(cx) let object = view.get().to_object());
            with_view_bytes_mut(object.handle(), |target| target[..pull_size].copy_from_slice(pulled));
            controller.respond(cx, pull_size as u64)
        } else {
            // 8. "Otherwise: set view to the result of creating a Uint8Array from pulled in
            // stream's relevant Realm. Perform ? ReadableByteStreamControllerEnqueue(
            // stream.[[controller]], view)."
            rooted!(&in(cx) let mut array = UndefinedValue());
            new_uint8_array(cx, pulled, array.handle_mut());
            controller.enqueue(cx, array.get().to_object())
        };
        if let Err(error) = result {
            // The stream was errored or cancelled meanwhile: report nothing, read nothing more.
            let _ = error;
            crate::dom::bindings::error::clear_pending_exception(cx);
            source.bytes.borrow_mut().take();
        }
    }
    if source.offset.get() >= bytes.len() && source.bytes.borrow_mut().take().is_some() {
        // "If bytes is done, close stream": ReadableByteStreamControllerClose, then respond 0
        // to a pending pull-into.
        if controller.close(cx).is_err() {
            crate::dom::bindings::error::clear_pending_exception(cx);
        }
        if controller.has_pending_pull_intos() && controller.respond(cx, 0).is_err() {
            crate::dom::bindings::error::clear_pending_exception(cx);
        }
    }
    Promise::new_resolved(cx, global, &())
}

/// The cancel algorithm: drop the bytes.
pub fn cancel(cx: &mut JSContext, global: &Window, source: &BytesSource) -> Rc<Promise> {
    source.bytes.borrow_mut().take();
    Promise::new_resolved(cx, global, &())
}

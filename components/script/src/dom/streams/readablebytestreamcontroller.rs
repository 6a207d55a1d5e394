//! `ReadableByteStreamController` (<https://streams.spec.whatwg.org/#rbs-controller-class>) and
//! its abstract operations (<https://streams.spec.whatwg.org/#rbs-controller-abstract-ops>).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, JSAutoRealm, JSObject};
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::ReadableByteStreamControllerBinding::ReadableByteStreamControllerMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible, error_to_jsval};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::streams::algorithms::{
    SourceAlgorithms, call_function, heap_value, invoke_promise_callback, resolved_with, throw_value,
};
use crate::dom::streams::buffers::{self, ViewType};
use crate::dom::streams::readablestream::{ReadableStream, StreamState};
use crate::dom::streams::readablestreambyobreader::ReadIntoRequest;
use crate::dom::streams::readablestreambyobrequest::ReadableStreamBYOBRequest;
use crate::dom::streams::readablestreamdefaultcontroller::StartAlgorithm;
use crate::dom::streams::readablestreamdefaultreader::ReadRequest;

/// A pull-into descriptor's reader type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReaderType {
    Default,
    Byob,
    None,
}

/// A pull-into descriptor (<https://streams.spec.whatwg.org/#pull-into-descriptor>).
#[derive(JSTraceable)]
pub struct PullIntoDescriptor {
    /// buffer (an ArrayBuffer object)
    buffer: Box<Heap<JSVal>>,
    buffer_byte_length: usize,
    byte_offset: usize,
    byte_length: usize,
    bytes_filled: Cell<usize>,
    minimum_fill: usize,
    element_size: usize,
    #[no_trace]
    view_constructor: ViewType,
    #[no_trace]
    reader_type: Cell<ReaderType>,
}

impl PullIntoDescriptor {
    fn buffer(&self) -> *mut JSObject {
        self.buffer.get().to_object()
    }

    fn set_buffer(&self, buffer: *mut JSObject) {
        self.buffer.set(ObjectValue(buffer));
    }
}

/// A readable byte stream queue entry (<https://streams.spec.whatwg.org/#readable-byte-stream-queue-entry>).
#[derive(JSTraceable)]
struct QueueEntry {
    buffer: Box<Heap<JSVal>>,
    byte_offset: Cell<usize>,
    byte_length: Cell<usize>,
}

#[dom_struct]
pub struct ReadableByteStreamController {
    reflector_: Reflector,
    /// [[stream]]
    stream: Dom<ReadableStream>,
    /// [[autoAllocateChunkSize]]
    auto_allocate_chunk_size: Option<u64>,
    /// [[byobRequest]]
    byob_request: MutNullableDom<ReadableStreamBYOBRequest>,
    /// [[closeRequested]], [[pullAgain]], [[pulling]], [[started]]
    close_requested: Cell<bool>,
    pull_again: Cell<bool>,
    pulling: Cell<bool>,
    started: Cell<bool>,
    /// [[pendingPullIntos]]
    pending_pull_intos: RefCell<VecDeque<Rc<PullIntoDescriptor>>>,
    /// [[queue]] and [[queueTotalSize]]
    queue: RefCell<VecDeque<QueueEntry>>,
    queue_total_size: Cell<usize>,
    /// [[strategyHWM]]
    strategy_hwm: f64,
    /// [[pullAlgorithm]] and [[cancelAlgorithm]]
    algorithms: RefCell<SourceAlgorithms>,
}

impl ReadableByteStreamController {
    /// <https://streams.spec.whatwg.org/#set-up-readable-byte-stream-controller>
    pub fn set_up(
        cx: &mut JSContext,
        stream: &ReadableStream,
        start: StartAlgorithm,
        algorithms: RootedTraceableBox<SourceAlgorithms>,
        high_water_mark: f64,
        auto_allocate_chunk_size: Option<u64>,
    ) -> ErrorResult {
        let global = stream.global();
        // 3-13. [[stream]], [[pullAgain]] and [[pulling]] false, [[byobRequest]] null,
        // ResetQueue, [[closeRequested]] and [[started]] false, [[strategyHWM]], the
        // algorithms, [[autoAllocateChunkSize]], [[pendingPullIntos]] empty.
        let controller = ReadableByteStreamController {
            reflector_: Reflector::new(),
            stream: Dom::from_ref(stream),
            auto_allocate_chunk_size,
            byob_request: Default::default(),
            close_requested: Cell::new(false),
            pull_again: Cell::new(false),
            pulling: Cell::new(false),
            started: Cell::new(false),
            pending_pull_intos: Default::default(),
            queue: Default::default(),
            queue_total_size: Cell::new(0),
            strategy_hwm: high_water_mark,
            algorithms: RefCell::new(SourceAlgorithms::Cleared),
        };
        let controller = reflect_dom_object(cx, Box::new(controller), &global);
        *controller.algorithms.borrow_mut() = algorithms.into_inner();
        // 14. Set stream.[[controller]] to controller.
        stream.set_byte_controller(&controller);
        // 15. Let startResult be the result of performing startAlgorithm.
        rooted!(&in(cx) let mut start_result = UndefinedValue());
        match start {
            StartAlgorithm::Undefined => {}
            StartAlgorithm::Call(start, source_this) => {
                rooted!(&in(cx) let argument = ObjectValue(controller.reflector().get_raw()));
                if call_function(cx, start, source_this, &[argument.get()], start_result.handle_mut()).is_err() {
                    return Err(Error::JSFailed);
                }
            }
            StartAlgorithm::Value(value) => start_result.set(value.get()),
        }
        // 16. Let startPromise be a promise resolved with startResult.
        let start_promise = resolved_with(cx, &global, start_result.handle());
        // 17. Upon fulfillment: set [[started]] to true and call pull if needed.
        // 18. Upon rejection with reason r: ReadableByteStreamControllerError(controller, r).
        react(
            cx,
            start_promise.promise_obj(),
            Dom::from_ref(&*controller),
            |cx, controller, _| {
                controller.started.set(true);
                controller.call_pull_if_needed(cx);
            },
            |cx, controller, r| controller.error(cx, r),
        );
        Ok(())
    }

    fn stream(&self) -> DomRoot<ReadableStream> {
        self.stream.as_rooted()
    }

    /// Enters the controller's realm (where the views and buffers it creates live).
    fn realm(&self, cx: &mut JSContext) -> JSAutoRealm {
        crate::dom::bindings::reflector::enter_realm(cx, self.reflector().get_raw())
    }

    /// A JS value for `error` (a TypeError or RangeError), in the controller's realm.
    fn error_value(&self, cx: &mut JSContext, error: Error, rval: MutableHandleValue) {
        error_to_jsval(cx, &self.global(), error, rval);
    }

    pub fn has_pending_pull_intos(&self) -> bool {
        !self.pending_pull_intos.borrow().is_empty()
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-call-pull-if-needed>
    pub fn call_pull_if_needed(&self, cx: &mut JSContext) {
        // 1-2. If ! ReadableByteStreamControllerShouldCallPull(controller) is false, return.
        if !self.should_call_pull() {
            return;
        }
        // 3. If controller.[[pulling]] is true, set [[pullAgain]] to true and return.
        if self.pulling.get() {
            self.pull_again.set(true);
            return;
        }
        // 5. Set controller.[[pulling]] to true.
        self.pulling.set(true);
        // 6. Let pullPromise be the result of performing controller.[[pullAlgorithm]].
        let pull_promise = self.pull_algorithm(cx);
        // 7. Upon fulfillment: [[pulling]] false; if [[pullAgain]], set it false and call pull
        // if needed. 8. Upon rejection with e: ReadableByteStreamControllerError(controller, e).
        react(
            cx,
            pull_promise.promise_obj(),
            Dom::from_ref(self),
            |cx, controller, _| {
                controller.pulling.set(false);
                if controller.pull_again.get() {
                    controller.pull_again.set(false);
                    controller.call_pull_if_needed(cx);
                }
            },
            |cx, controller, e| controller.error(cx, e),
        );
    }

    /// [[pullAlgorithm]]
    fn pull_algorithm(&self, cx: &mut JSContext) -> Rc<Promise> {
        let global = self.global();
        enum Pull {
            Callback(*mut JSObject, *mut JSObject),
            Tee(Rc<crate::dom::streams::bytetee::ByteTeeState>, u8),
            Bytes(Rc<crate::dom::streams::bytesource::BytesSource>),
            Resolved,
        }
        // Read the algorithm out of the cell first: running it runs page script.
        let pull = match &*self.algorithms.borrow() {
            SourceAlgorithms::Source(source) => match &source.pull {
                Some(pull) => Pull::Callback(pull.get(), source.object.get()),
                None => Pull::Resolved,
            },
            SourceAlgorithms::ByteTee { state, branch } => Pull::Tee(state.clone(), *branch),
            SourceAlgorithms::Bytes(source) => Pull::Bytes(source.clone()),
            _ => Pull::Resolved,
        };
        match pull {
            Pull::Callback(pull, this) => {
                // "invoking underlyingSourceDict["pull"] with argument list « controller » and
                // callback this value underlyingSource."
                rooted!(&in(cx) let pull = pull);
                rooted!(&in(cx) let this = ObjectValue(this));
                rooted!(&in(cx) let argument = ObjectValue(self.reflector().get_raw()));
                invoke_promise_callback(cx, &global, pull.handle(), this.handle(), &[argument.get()])
            }
            Pull::Tee(state, branch) => crate::dom::streams::bytetee::pull(cx, &state, branch),
            Pull::Bytes(source) => crate::dom::streams::bytesource::pull_bytes(cx, &global, &source, self),
            Pull::Resolved => Promise::new_resolved(cx, &global, &()),
        }
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-clear-algorithms>
    fn clear_algorithms(&self) {
        // "Set [[pullAlgorithm]] and [[cancelAlgorithm]] to undefined."
        let _old = std::mem::replace(&mut *self.algorithms.borrow_mut(), SourceAlgorithms::Cleared);
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-clear-pending-pull-intos>
    fn clear_pending_pull_intos(&self) {
        // 1. Perform ! ReadableByteStreamControllerInvalidateBYOBRequest(controller).
        self.invalidate_byob_request();
        // 2. Set controller.[[pendingPullIntos]] to a new empty list.
        self.pending_pull_intos.borrow_mut().clear();
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-close>
    pub fn close(&self, cx: &mut JSContext) -> ErrorResult {
        let stream = self.stream();
        // 2. If [[closeRequested]] is true or stream.[[state]] is not "readable", return.
        if self.close_requested.get() || stream.state() != StreamState::Readable {
            return Ok(());
        }
        // 3. If controller.[[queueTotalSize]] > 0: set [[closeRequested]] to true and return.
        if self.queue_total_size.get() > 0 {
            self.close_requested.set(true);
            return Ok(());
        }
        // 4. If controller.[[pendingPullIntos]] is not empty:
        let first = self.pending_pull_intos.borrow().front().cloned();
        if let Some(first) = first {
            // 4.2. If firstPendingPullInto's bytes filled modulo its element size is not 0:
            if first.bytes_filled.get() % first.element_size != 0 {
                // "Let e be a new TypeError exception. Perform !
                // ReadableByteStreamControllerError(controller, e). Throw e."
                let _realm = self.realm(cx);
                rooted!(&in(cx) let mut e = UndefinedValue());
                self.error_value(
                    cx,
                    Error::Type("The stream closed in the middle of an element.".into()),
                    e.handle_mut(),
                );
                self.error(cx, e.handle());
                return Err(throw_value(cx, e.handle()));
            }
        }
        // 5. Perform ! ReadableByteStreamControllerClearAlgorithms(controller).
        self.clear_algorithms();
        // 6. Perform ! ReadableStreamClose(stream).
        stream.close(cx);
        Ok(())
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-commit-pull-into-descriptor>
    fn commit_pull_into_descriptor(&self, cx: &mut JSContext, descriptor: &PullIntoDescriptor) {
        let stream = self.stream();
        // 3-4. Let done be true if stream.[[state]] is "closed".
        let done = stream.state() == StreamState::Closed;
        // 5. Let filledView be ! ReadableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor).
        rooted!(&in(cx) let mut filled_view = UndefinedValue());
        if let Err(error) = self.convert_pull_into_descriptor(cx, descriptor, filled_view.handle_mut()) {
            // The conversion cannot fail for a descriptor the controller made; were it to, the
            // stream errors instead of a read request staying pending.
            rooted!(&in(cx) let mut e = UndefinedValue());
            self.error_value(cx, error, e.handle_mut());
            self.error(cx, e.handle());
            return;
        }
        // 6. If reader type is "default": ReadableStreamFulfillReadRequest(stream, filledView, done).
        // 7. Otherwise: ReadableStreamFulfillReadIntoRequest(stream, filledView, done).
        match descriptor.reader_type.get() {
            ReaderType::Default => stream.fulfill_read_request(cx, filled_view.handle(), done),
            ReaderType::Byob => stream.fulfill_read_into_request(cx, filled_view.handle(), done),
            ReaderType::None => {}
        }
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-convert-pull-into-descriptor>
    fn convert_pull_into_descriptor(
        &self,
        cx: &mut JSContext,
        descriptor: &PullIntoDescriptor,
        rval: MutableHandleValue,
    ) -> ErrorResult {
        let _realm = self.realm(cx);
        // 1-2. Let bytesFilled and elementSize be the descriptor's.
        let bytes_filled = descriptor.bytes_filled.get();
        let element_size = descriptor.element_size;
        // 5. Let buffer be ! TransferArrayBuffer(pullIntoDescriptor's buffer).
        rooted!(&in(cx) let buffer = buffers::transfer(cx, descriptor.buffer())?);
        // 6. Return ! Construct(view constructor, « buffer, byte offset, bytesFilled ÷ elementSize »).
        buffers::construct_view(
            cx,
            descriptor.view_constructor,
            buffer.get(),
            descriptor.byte_offset,
            bytes_filled / element_size,
            rval,
        )
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-enqueue>
    pub fn enqueue(&self, cx: &mut JSContext, chunk: *mut JSObject) -> ErrorResult {
        let _realm = self.realm(cx);
        let stream = self.stream();
        // 2. If [[closeRequested]] is true or stream.[[state]] is not "readable", return.
        if self.close_requested.get() || stream.state() != StreamState::Readable {
            return Ok(());
        }
        // 3-5. Let buffer, byteOffset and byteLength be chunk's.
        rooted!(&in(cx) let chunk = chunk);
        let info = buffers::view_info(cx, chunk.handle());
        rooted!(&in(cx) let buffer = info.buffer);
        let (byte_offset, byte_length) = (info.byte_offset, info.byte_length);
        // 6. If ! IsDetachedBuffer(buffer) is true, throw a TypeError exception.
        if buffers::is_detached(buffer.get()) {
            return Err(Error::Type("The chunk's buffer is detached.".into()));
        }
        // 7. Let transferredBuffer be ? TransferArrayBuffer(buffer).
        rooted!(&in(cx) let transferred = buffers::transfer(cx, buffer.get())?);
        // 8. If controller.[[pendingPullIntos]] is not empty:
        let first = self.pending_pull_intos.borrow().front().cloned();
        if let Some(first) = first {
            // 8.2. If ! IsDetachedBuffer(firstPendingPullInto's buffer) is true, throw a TypeError.
            if buffers::is_detached(first.buffer()) {
                return Err(Error::Type("The pending read's buffer is detached.".into()));
            }
            // 8.3. Perform ! ReadableByteStreamControllerInvalidateBYOBRequest(controller).
            self.invalidate_byob_request();
            // 8.4. Set firstPendingPullInto's buffer to ! TransferArrayBuffer(its buffer).
            first.set_buffer(buffers::transfer(cx, first.buffer())?);
            // 8.5. If its reader type is "none", perform ?
            // ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, it).
            if first.reader_type.get() == ReaderType::None {
                self.enqueue_detached_pull_into_to_queue(cx, &first)?;
            }
        }
        if stream.has_default_reader() {
            // 9. If ! ReadableStreamHasDefaultReader(stream) is true:
            // 9.1. Perform ! ReadableByteStreamControllerProcessReadRequestsUsingQueue(controller).
            self.process_read_requests_using_queue(cx);
            // 9.2. If ! ReadableStreamGetNumReadRequests(stream) is 0: enqueue the chunk.
            if stream.num_read_requests() == 0 {
                self.enqueue_chunk_to_queue(transferred.get(), byte_offset, byte_length);
            } else {
                // 9.3.2. If [[pendingPullIntos]] is not empty, shift it (its reader type is "default").
                if self.has_pending_pull_intos() {
                    self.shift_pending_pull_into();
                }
                // 9.3.3. Let transferredView be ! Construct(%Uint8Array%, « transferredBuffer,
                // byteOffset, byteLength »).
                rooted!(&in(cx) let mut view = UndefinedValue());
                buffers::uint8_view(cx, transferred.get(), byte_offset, byte_length, view.handle_mut())?;
                // 9.3.4. Perform ! ReadableStreamFulfillReadRequest(stream, transferredView, false).
                stream.fulfill_read_request(cx, view.handle(), false);
            }
        } else if stream.has_byob_reader() {
            // 10. Otherwise, if ! ReadableStreamHasBYOBReader(stream) is true: enqueue the chunk,
            // then commit every pull-into descriptor the queue fills.
            self.enqueue_chunk_to_queue(transferred.get(), byte_offset, byte_length);
            let filled = self.process_pull_into_descriptors_using_queue(cx);
            for descriptor in filled.iter() {
                self.commit_pull_into_descriptor(cx, descriptor);
            }
        } else {
            // 11. Otherwise (the stream is not locked): enqueue the chunk.
            self.enqueue_chunk_to_queue(transferred.get(), byte_offset, byte_length);
        }
        // 12. Perform ! ReadableByteStreamControllerCallPullIfNeeded(controller).
        self.call_pull_if_needed(cx);
        Ok(())
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-enqueue-chunk-to-queue>
    fn enqueue_chunk_to_queue(&self, buffer: *mut JSObject, byte_offset: usize, byte_length: usize) {
        // 1. Append a new readable byte stream queue entry to controller.[[queue]].
        self.queue.borrow_mut().push_back(QueueEntry {
            buffer: heap_value(ObjectValue(buffer)),
            byte_offset: Cell::new(byte_offset),
            byte_length: Cell::new(byte_length),
        });
        // 2. Set controller.[[queueTotalSize]] to [[queueTotalSize]] + byteLength.
        self.queue_total_size.set(self.queue_total_size.get() + byte_length);
    }

    /// ReadableByteStreamControllerEnqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength)
    fn enqueue_cloned_chunk_to_queue(
        &self,
        cx: &mut JSContext,
        buffer: *mut JSObject,
        byte_offset: usize,
        byte_length: usize,
    ) -> ErrorResult {
        // 1. Let cloneResult be CloneArrayBuffer(buffer, byteOffset, byteLength, %ArrayBuffer%).
        match buffers::clone_range(cx, buffer, byte_offset, byte_length) {
            // 3. Perform ! ReadableByteStreamControllerEnqueueChunkToQueue(controller,
            // cloneResult.[[Value]], 0, byteLength).
            Ok(clone) => {
                self.enqueue_chunk_to_queue(clone, 0, byte_length);
                Ok(())
            }
            // 2. If cloneResult is an abrupt completion: error the controller with its value
            // and return cloneResult.
            Err(error) => {
                rooted!(&in(cx) let mut e = UndefinedValue());
                self.error_value(cx, error, e.handle_mut());
                self.error(cx, e.handle());
                Err(throw_value(cx, e.handle()))
            }
        }
    }

    /// ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, pullIntoDescriptor)
    fn enqueue_detached_pull_into_to_queue(&self, cx: &mut JSContext, descriptor: &PullIntoDescriptor) -> ErrorResult {
        // 2. If bytes filled > 0, perform ? ReadableByteStreamControllerEnqueueClonedChunkToQueue(
        // controller, buffer, byte offset, bytes filled).
        if descriptor.bytes_filled.get() > 0 {
            self.enqueue_cloned_chunk_to_queue(
                cx,
                descriptor.buffer(),
                descriptor.byte_offset,
                descriptor.bytes_filled.get(),
            )?;
        }
        // 3. Perform ! ReadableByteStreamControllerShiftPendingPullInto(controller).
        self.shift_pending_pull_into();
        Ok(())
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-error>
    pub fn error(&self, cx: &mut JSContext, e: HandleValue) {
        let stream = self.stream();
        // 2. If stream.[[state]] is not "readable", return.
        if stream.state() != StreamState::Readable {
            return;
        }
        // 3. Perform ! ReadableByteStreamControllerClearPendingPullIntos(controller).
        self.clear_pending_pull_intos();
        // 4. Perform ! ResetQueue(controller).
        self.reset_queue();
        // 5. Perform ! ReadableByteStreamControllerClearAlgorithms(controller).
        self.clear_algorithms();
        // 6. Perform ! ReadableStreamError(stream, e).
        stream.error(cx, e);
    }

    fn reset_queue(&self) {
        self.queue.borrow_mut().clear();
        self.queue_total_size.set(0);
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-fill-head-pull-into-descriptor>
    fn fill_head_pull_into_descriptor(&self, size: usize, descriptor: &PullIntoDescriptor) {
        // 3. Set pullIntoDescriptor's bytes filled to bytes filled + size.
        descriptor.bytes_filled.set(descriptor.bytes_filled.get() + size);
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-fill-pull-into-descriptor-from-queue>
    fn fill_pull_into_descriptor_from_queue(&self, cx: &mut JSContext, descriptor: &PullIntoDescriptor) -> bool {
        let bytes_filled = descriptor.bytes_filled.get();
        // 1. Let maxBytesToCopy be min([[queueTotalSize]], byte length − bytes filled).
        let max_bytes_to_copy = self.queue_total_size.get().min(descriptor.byte_length - bytes_filled);
        // 2. Let maxBytesFilled be bytes filled + maxBytesToCopy.
        let max_bytes_filled = bytes_filled + max_bytes_to_copy;
        // 3-4. Let totalBytesToCopyRemaining be maxBytesToCopy. Let ready be false.
        let mut total_remaining = max_bytes_to_copy;
        let mut ready = false;
        // 7-8. Let remainderBytes be maxBytesFilled modulo element size; maxAlignedBytes the rest.
        let remainder_bytes = max_bytes_filled % descriptor.element_size;
        let max_aligned_bytes = max_bytes_filled - remainder_bytes;
        // 9. If maxAlignedBytes ≥ minimum fill: copy up to it, and ready is true.
        if max_aligned_bytes >= descriptor.minimum_fill {
            total_remaining = max_aligned_bytes - bytes_filled;
            ready = true;
        }
        // 11. While totalBytesToCopyRemaining > 0:
        while total_remaining > 0 {
            let (queue_buffer, queue_offset, entry_length) = {
                let queue = self.queue.borrow();
                let Some(head) = queue.front() else { break };
                (head.buffer.get().to_object(), head.byte_offset.get(), head.byte_length.get())
            };
            // 11.2. Let bytesToCopy be min(totalBytesToCopyRemaining, headOfQueue's byte length).
            let bytes_to_copy = total_remaining.min(entry_length);
            // 11.3. Let destStart be byte offset + bytes filled.
            let dest_start = descriptor.byte_offset + descriptor.bytes_filled.get();
            // 11.7-8. Assert CanCopyDataBlockBytes, then CopyDataBlockBytes. (A failed check
            // errors the stream instead of touching invalid memory, as the spec allows.)
            if let Err(error) =
                buffers::copy(cx, descriptor.buffer(), dest_start, queue_buffer, queue_offset, bytes_to_copy)
            {
                rooted!(&in(cx) let mut e = UndefinedValue());
                self.error_value(cx, error, e.handle_mut());
                self.error(cx, e.handle());
                return false;
            }
            // 11.9-10. Remove the head if it is used up; otherwise advance it.
            {
                let mut queue = self.queue.borrow_mut();
                if entry_length == bytes_to_copy {
                    queue.pop_front();
                } else if let Some(head) = queue.front() {
                    head.byte_offset.set(queue_offset + bytes_to_copy);
                    head.byte_length.set(entry_length - bytes_to_copy);
                }
            }
            // 11.11. Set [[queueTotalSize]] to [[queueTotalSize]] − bytesToCopy.
            self.queue_total_size.set(self.queue_total_size.get() - bytes_to_copy);
            // 11.12. Perform ! ReadableByteStreamControllerFillHeadPullIntoDescriptor(controller,
            // bytesToCopy, pullIntoDescriptor).
            self.fill_head_pull_into_descriptor(bytes_to_copy, descriptor);
            // 11.13. Set totalBytesToCopyRemaining to totalBytesToCopyRemaining − bytesToCopy.
            total_remaining -= bytes_to_copy;
        }
        // 13. Return ready.
        ready
    }

    /// ReadableByteStreamControllerFillReadRequestFromQueue(controller, readRequest)
    fn fill_read_request_from_queue(&self, cx: &mut JSContext, request: ReadRequest) {
        let _realm = self.realm(cx);
        // 2-3. Let entry be controller.[[queue]][0]. Remove entry from controller.[[queue]].
        let Some(entry) = self.queue.borrow_mut().pop_front() else { return };
        // 4. Set [[queueTotalSize]] to [[queueTotalSize]] − entry's byte length.
        self.queue_total_size.set(self.queue_total_size.get() - entry.byte_length.get());
        // 5. Perform ! ReadableByteStreamControllerHandleQueueDrain(controller).
        self.handle_queue_drain(cx);
        // 6. Let view be ! Construct(%Uint8Array%, « entry's buffer, byte offset, byte length »).
        rooted!(&in(cx) let buffer = entry.buffer.get().to_object());
        rooted!(&in(cx) let mut view = UndefinedValue());
        if let Err(error) =
            buffers::uint8_view(cx, buffer.get(), entry.byte_offset.get(), entry.byte_length.get(), view.handle_mut())
        {
            rooted!(&in(cx) let mut e = UndefinedValue());
            self.error_value(cx, error, e.handle_mut());
            request.error_steps(cx, e.handle());
            return;
        }
        // 7. Perform readRequest's chunk steps, given view.
        request.chunk_steps(cx, view.handle());
    }

    /// <https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamcontrollergetbyobrequest>
    pub fn get_byob_request(&self, cx: &mut JSContext) -> Option<DomRoot<ReadableStreamBYOBRequest>> {
        // 1. If [[byobRequest]] is null and [[pendingPullIntos]] is not empty:
        if self.byob_request.get().is_none() {
            let first = self.pending_pull_intos.borrow().front().cloned()?;
            let _realm = self.realm(cx);
            // 1.2. Let view be ! Construct(%Uint8Array%, « buffer, byte offset + bytes filled,
            // byte length − bytes filled »).
            rooted!(&in(cx) let mut view = UndefinedValue());
            let filled = first.bytes_filled.get();
            buffers::uint8_view(
                cx,
                first.buffer(),
                first.byte_offset + filled,
                first.byte_length - filled,
                view.handle_mut(),
            )
            .ok()?;
            // 1.3-6. Let byobRequest be a new ReadableStreamBYOBRequest with [[controller]]
            // controller and [[view]] view; set controller.[[byobRequest]] to it.
            let request = ReadableStreamBYOBRequest::new(cx, &self.global(), self, view.handle());
            self.byob_request.set(Some(&request));
        }
        // 2. Return controller.[[byobRequest]].
        self.byob_request.get()
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-get-desired-size>
    pub fn desired_size(&self) -> Option<f64> {
        match self.stream().state() {
            // 2. If state is "errored", return null.
            StreamState::Errored => None,
            // 3. If state is "closed", return 0.
            StreamState::Closed => Some(0.0),
            // 4. Return [[strategyHWM]] − [[queueTotalSize]].
            StreamState::Readable => Some(self.strategy_hwm - self.queue_total_size.get() as f64),
        }
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-handle-queue-drain>
    fn handle_queue_drain(&self, cx: &mut JSContext) {
        // 2. If [[queueTotalSize]] is 0 and [[closeRequested]] is true: clear the algorithms and
        // close the stream. 3. Otherwise, call pull if needed.
        if self.queue_total_size.get() == 0 && self.close_requested.get() {
            self.clear_algorithms();
            self.stream().close(cx);
        } else {
            self.call_pull_if_needed(cx);
        }
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-invalidate-byob-request>
    fn invalidate_byob_request(&self) {
        // 1. If controller.[[byobRequest]] is null, return.
        let Some(request) = self.byob_request.get() else { return };
        // 2-3. Set its [[controller]] to undefined and its [[view]] to null.
        request.invalidate();
        // 4. Set controller.[[byobRequest]] to null.
        self.byob_request.set(None);
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-process-pull-into-descriptors-using-queue>
    fn process_pull_into_descriptors_using_queue(
        &self,
        cx: &mut JSContext,
    ) -> RootedTraceableBox<Vec<Rc<PullIntoDescriptor>>> {
        // 2. Let filledPullIntos be a new empty list. (Rooted: a shifted descriptor's buffer
        // is traced by nothing else while the caller commits the others.)
        let mut filled = Vec::new();
        // 3. While controller.[[pendingPullIntos]] is not empty:
        loop {
            // 3.1. If controller.[[queueTotalSize]] is 0, then break.
            if self.queue_total_size.get() == 0 {
                break;
            }
            // 3.2. Let pullIntoDescriptor be controller.[[pendingPullIntos]][0].
            let Some(descriptor) = self.pending_pull_intos.borrow().front().cloned() else { break };
            // 3.3. If filling it from the queue makes it ready: shift it and append it.
            if self.fill_pull_into_descriptor_from_queue(cx, &descriptor) {
                self.shift_pending_pull_into();
                filled.push(descriptor);
            } else if self.stream().state() != StreamState::Readable {
                break;
            }
        }
        // 4. Return filledPullIntos.
        RootedTraceableBox::new(filled)
    }

    /// ReadableByteStreamControllerProcessReadRequestsUsingQueue(controller)
    fn process_read_requests_using_queue(&self, cx: &mut JSContext) {
        let stream = self.stream();
        // 3. While reader.[[readRequests]] is not empty:
        while stream.num_read_requests() > 0 {
            // 3.1. If controller.[[queueTotalSize]] is 0, return.
            if self.queue_total_size.get() == 0 {
                return;
            }
            // 3.2-3. Let readRequest be reader.[[readRequests]][0]; remove it.
            let Some(request) = stream.shift_read_request() else { return };
            // 3.4. Perform ! ReadableByteStreamControllerFillReadRequestFromQueue(controller, readRequest).
            self.fill_read_request_from_queue(cx, request);
        }
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-pull-into>
    pub fn pull_into(&self, cx: &mut JSContext, view: *mut JSObject, min: u64, request: ReadIntoRequest) {
        let _realm = self.realm(cx);
        let stream = self.stream();
        rooted!(&in(cx) let view = view);
        let info = buffers::view_info(cx, view.handle());
        // 2-5. Let elementSize and ctor be those of view's type (1 and %DataView% for a DataView).
        let element_size = info.kind.element_size();
        // 6. Let minimumFill be min × elementSize.
        let minimum_fill = (min as usize).saturating_mul(element_size);
        // 9-10. Let byteOffset and byteLength be view's.
        let (byte_offset, byte_length) = (info.byte_offset, info.byte_length);
        // 11. Let bufferResult be TransferArrayBuffer(view.[[ViewedArrayBuffer]]).
        let buffer = match buffers::transfer(cx, info.buffer) {
            Ok(buffer) => buffer,
            // 12. If bufferResult is an abrupt completion: perform readIntoRequest's error
            // steps, given bufferResult.[[Value]], and return.
            Err(error) => {
                rooted!(&in(cx) let mut e = UndefinedValue());
                self.error_value(cx, error, e.handle_mut());
                request.error_steps(cx, e.handle());
                return;
            }
        };
        rooted!(&in(cx) let buffer = buffer);
        // 13-14. Let pullIntoDescriptor be a new pull-into descriptor.
        let descriptor = RootedTraceableBox::new(Rc::new(PullIntoDescriptor {
            buffer: heap_value(ObjectValue(buffer.get())),
            buffer_byte_length: buffers::byte_length(buffer.get()),
            byte_offset,
            byte_length,
            bytes_filled: Cell::new(0),
            minimum_fill,
            element_size,
            view_constructor: info.kind,
            reader_type: Cell::new(ReaderType::Byob),
        }));
        // 15. If controller.[[pendingPullIntos]] is not empty: append the descriptor, add the
        // read-into request, and return.
        if self.has_pending_pull_intos() {
            self.pending_pull_intos.borrow_mut().push_back(Rc::clone(&descriptor));
            stream.add_read_into_request(request);
            return;
        }
        // 16. If stream.[[state]] is "closed":
        if stream.state() == StreamState::Closed {
            // "Let emptyView be ! Construct(ctor, « buffer, byte offset, 0 »). Perform
            // readIntoRequest's close steps, given emptyView. Return."
            rooted!(&in(cx) let mut empty = UndefinedValue());
            match buffers::construct_view(cx, info.kind, buffer.get(), byte_offset, 0, empty.handle_mut()) {
                Ok(()) => request.close_steps(cx, empty.handle()),
                Err(error) => {
                    rooted!(&in(cx) let mut e = UndefinedValue());
                    self.error_value(cx, error, e.handle_mut());
                    request.error_steps(cx, e.handle());
                }
            }
            return;
        }
        // 17. If controller.[[queueTotalSize]] > 0:
        if self.queue_total_size.get() > 0 {
            // 17.1. If filling the descriptor from the queue makes it ready:
            if self.fill_pull_into_descriptor_from_queue(cx, &descriptor) {
                // "Let filledView be ! ReadableByteStreamControllerConvertPullIntoDescriptor(
                // pullIntoDescriptor). Perform ! ReadableByteStreamControllerHandleQueueDrain(
                // controller). Perform readIntoRequest's chunk steps, given filledView. Return."
                rooted!(&in(cx) let mut filled_view = UndefinedValue());
                let converted = self.convert_pull_into_descriptor(cx, &descriptor, filled_view.handle_mut());
                self.handle_queue_drain(cx);
                match converted {
                    Ok(()) => request.chunk_steps(cx, filled_view.handle()),
                    Err(error) => {
                        rooted!(&in(cx) let mut e = UndefinedValue());
                        self.error_value(cx, error, e.handle_mut());
                        request.error_steps(cx, e.handle());
                    }
                }
                return;
            }
            // 17.2. If controller.[[closeRequested]] is true: "Let e be a TypeError exception.
            // Perform ! ReadableByteStreamControllerError(controller, e). Perform
            // readIntoRequest's error steps, given e. Return."
            if self.close_requested.get() {
                rooted!(&in(cx) let mut e = UndefinedValue());
                self.error_value(cx, Error::Type("The stream is closing.".into()), e.handle_mut());
                self.error(cx, e.handle());
                request.error_steps(cx, e.handle());
                return;
            }
        }
        // A failed copy errored the stream: the read fails with its error.
        if stream.state() == StreamState::Errored {
            rooted!(&in(cx) let mut e = UndefinedValue());
            stream.stored_error(e.handle_mut());
            request.error_steps(cx, e.handle());
            return;
        }
        // 18. Append pullIntoDescriptor to controller.[[pendingPullIntos]].
        self.pending_pull_intos.borrow_mut().push_back(Rc::clone(&descriptor));
        // 19. Perform ! ReadableStreamAddReadIntoRequest(stream, readIntoRequest).
        stream.add_read_into_request(request);
        // 20. Perform ! ReadableByteStreamControllerCallPullIfNeeded(controller).
        self.call_pull_if_needed(cx);
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond>
    pub fn respond(&self, cx: &mut JSContext, bytes_written: u64) -> ErrorResult {
        // 1-2. Let firstDescriptor be controller.[[pendingPullIntos]][0].
        let Some(first) = self.pending_pull_intos.borrow().front().cloned() else {
            return Err(Error::Type("There is no pending read to respond to.".into()));
        };
        // 3. Let state be controller.[[stream]].[[state]].
        if self.stream().state() == StreamState::Closed {
            // 4.1. If bytesWritten is not 0, throw a TypeError exception.
            if bytes_written != 0 {
                return Err(Error::Type("A closed stream can only be responded to with 0 bytes.".into()));
            }
        } else {
            // 5.2. If bytesWritten is 0, throw a TypeError exception.
            if bytes_written == 0 {
                return Err(Error::Type("bytesWritten must be positive while the stream is readable.".into()));
            }
            // 5.3. If bytes filled + bytesWritten > byte length, throw a RangeError exception.
            if first.bytes_filled.get() as u64 + bytes_written > first.byte_length as u64 {
                return Err(Error::Range("bytesWritten is more than the view holds.".into()));
            }
        }
        // 6. Set firstDescriptor's buffer to ! TransferArrayBuffer(firstDescriptor's buffer).
        {
            let _realm = self.realm(cx);
            first.set_buffer(buffers::transfer(cx, first.buffer())?);
        }
        // 7. Perform ? ReadableByteStreamControllerRespondInternal(controller, bytesWritten).
        self.respond_internal(cx, bytes_written as usize)
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond-in-closed-state>
    fn respond_in_closed_state(&self, cx: &mut JSContext, first: &Rc<PullIntoDescriptor>) {
        // 2. If firstDescriptor's reader type is "none", shift the pending pull-intos.
        if first.reader_type.get() == ReaderType::None {
            self.shift_pending_pull_into();
        }
        let stream = self.stream();
        // 4. If ! ReadableStreamHasBYOBReader(stream) is true:
        if stream.has_byob_reader() {
            // 4.1-2. Shift as many descriptors as there are read-into requests.
            let mut filled = Vec::new();
            while filled.len() < stream.num_read_into_requests() {
                let Some(descriptor) = self.shift_pending_pull_into() else { break };
                filled.push(descriptor);
            }
            let filled = RootedTraceableBox::new(filled);
            // 4.3. For each filledPullInto: ReadableByteStreamControllerCommitPullIntoDescriptor.
            for descriptor in filled.iter() {
                self.commit_pull_into_descriptor(cx, descriptor);
            }
        }
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond-in-readable-state>
    fn respond_in_readable_state(
        &self,
        cx: &mut JSContext,
        bytes_written: usize,
        descriptor: &Rc<PullIntoDescriptor>,
    ) -> ErrorResult {
        // 2. Perform ! ReadableByteStreamControllerFillHeadPullIntoDescriptor(controller,
        // bytesWritten, pullIntoDescriptor).
        self.fill_head_pull_into_descriptor(bytes_written, descriptor);
        // 3. If pullIntoDescriptor's reader type is "none":
        if descriptor.reader_type.get() == ReaderType::None {
            // 3.1. Perform ? ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue.
            self.enqueue_detached_pull_into_to_queue(cx, descriptor)?;
            // 3.2-3. Commit every descriptor the queue fills. 3.4. Return.
            let filled = self.process_pull_into_descriptors_using_queue(cx);
            for filled in filled.iter() {
                self.commit_pull_into_descriptor(cx, filled);
            }
            return Ok(());
        }
        // 4. If bytes filled < minimum fill, return.
        if descriptor.bytes_filled.get() < descriptor.minimum_fill {
            return Ok(());
        }
        // 5. Perform ! ReadableByteStreamControllerShiftPendingPullInto(controller).
        self.shift_pending_pull_into();
        // 6. Let remainderSize be bytes filled modulo element size.
        let remainder = descriptor.bytes_filled.get() % descriptor.element_size;
        // 7. If remainderSize > 0:
        if remainder > 0 {
            // "Let end be byte offset + bytes filled. Perform ?
            // ReadableByteStreamControllerEnqueueClonedChunkToQueue(controller, buffer,
            // end − remainderSize, remainderSize)."
            let end = descriptor.byte_offset + descriptor.bytes_filled.get();
            self.enqueue_cloned_chunk_to_queue(cx, descriptor.buffer(), end - remainder, remainder)?;
        }
        // 8. Set bytes filled to bytes filled − remainderSize.
        descriptor.bytes_filled.set(descriptor.bytes_filled.get() - remainder);
        // 9. Let filledPullIntos be ! ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue.
        let filled = self.process_pull_into_descriptors_using_queue(cx);
        // 10. Commit pullIntoDescriptor. 11. Commit each of filledPullIntos.
        self.commit_pull_into_descriptor(cx, descriptor);
        for filled in filled.iter() {
            self.commit_pull_into_descriptor(cx, filled);
        }
        Ok(())
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond-internal>
    fn respond_internal(&self, cx: &mut JSContext, bytes_written: usize) -> ErrorResult {
        // 1. Let firstDescriptor be controller.[[pendingPullIntos]][0].
        let Some(first) = self.pending_pull_intos.borrow().front().cloned() else { return Ok(()) };
        // (Rooted: it leaves [[pendingPullIntos]] before it is committed.)
        let first = RootedTraceableBox::new(first);
        // 3. Perform ! ReadableByteStreamControllerInvalidateBYOBRequest(controller).
        self.invalidate_byob_request();
        // 4. Let state be controller.[[stream]].[[state]].
        if self.stream().state() == StreamState::Closed {
            // 5. If state is "closed": ReadableByteStreamControllerRespondInClosedState.
            self.respond_in_closed_state(cx, &first);
        } else {
            // 6. Otherwise: ? ReadableByteStreamControllerRespondInReadableState.
            self.respond_in_readable_state(cx, bytes_written, &first)?;
        }
        // 7. Perform ! ReadableByteStreamControllerCallPullIfNeeded(controller).
        self.call_pull_if_needed(cx);
        Ok(())
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond-with-new-view>
    pub fn respond_with_new_view(&self, cx: &mut JSContext, view: *mut JSObject) -> ErrorResult {
        let _realm = self.realm(cx);
        rooted!(&in(cx) let view = view);
        let info = buffers::view_info(cx, view.handle());
        // 1-3. Let firstDescriptor be controller.[[pendingPullIntos]][0].
        let Some(first) = self.pending_pull_intos.borrow().front().cloned() else {
            return Err(Error::Type("There is no pending read to respond to.".into()));
        };
        // 4. Let state be controller.[[stream]].[[state]].
        if self.stream().state() == StreamState::Closed {
            // 5.1. If view.[[ByteLength]] is not 0, throw a TypeError exception.
            if info.byte_length != 0 {
                return Err(Error::Type("A closed stream can only be responded to with an empty view.".into()));
            }
        } else if info.byte_length == 0 {
            // 6.2. If view.[[ByteLength]] is 0, throw a TypeError exception.
            return Err(Error::Type("The view is empty.".into()));
        }
        // 7. If byte offset + bytes filled is not view.[[ByteOffset]], throw a RangeError.
        if first.byte_offset + first.bytes_filled.get() != info.byte_offset {
            return Err(Error::Range("The view's byteOffset does not match the pending read.".into()));
        }
        // 8. If buffer byte length is not view.[[ViewedArrayBuffer]].[[ByteLength]], throw a RangeError.
        if first.buffer_byte_length != buffers::byte_length(info.buffer) {
            return Err(Error::Range("The view's buffer does not match the pending read's.".into()));
        }
        // 9. If bytes filled + view.[[ByteLength]] > byte length, throw a RangeError.
        if first.bytes_filled.get() + info.byte_length > first.byte_length {
            return Err(Error::Range("The view is longer than the pending read.".into()));
        }
        // 10. Let viewByteLength be view.[[ByteLength]].
        let view_byte_length = info.byte_length;
        // 11. Set firstDescriptor's buffer to ? TransferArrayBuffer(view.[[ViewedArrayBuffer]]).
        first.set_buffer(buffers::transfer(cx, info.buffer)?);
        // 12. Perform ? ReadableByteStreamControllerRespondInternal(controller, viewByteLength).
        self.respond_internal(cx, view_byte_length)
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-shift-pending-pull-into>
    fn shift_pending_pull_into(&self) -> Option<Rc<PullIntoDescriptor>> {
        // 2-4. Remove controller.[[pendingPullIntos]][0] and return it.
        self.pending_pull_intos.borrow_mut().pop_front()
    }

    /// <https://streams.spec.whatwg.org/#readable-byte-stream-controller-should-call-pull>
    fn should_call_pull(&self) -> bool {
        let stream = self.stream();
        // 2. If stream.[[state]] is not "readable", return false.
        // 3. If controller.[[closeRequested]] is true, return false.
        // 4. If controller.[[started]] is false, return false.
        if stream.state() != StreamState::Readable || self.close_requested.get() || !self.started.get() {
            return false;
        }
        // 5. If the stream has a default reader with read requests, return true.
        if stream.has_default_reader() && stream.num_read_requests() > 0 {
            return true;
        }
        // 6. If the stream has a BYOB reader with read-into requests, return true.
        if stream.has_byob_reader() && stream.num_read_into_requests() > 0 {
            return true;
        }
        // 7-10. Return whether the desired size is positive.
        self.desired_size().is_some_and(|size| size > 0.0)
    }

    /// <https://streams.spec.whatwg.org/#rbs-controller-private-cancel>
    pub fn cancel_steps(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        let global = self.global();
        // 1. Perform ! ReadableByteStreamControllerClearPendingPullIntos(this).
        self.clear_pending_pull_intos();
        // 2. Perform ! ResetQueue(this).
        self.reset_queue();
        // 3. Let result be the result of performing this.[[cancelAlgorithm]], passing in reason.
        enum Cancel {
            Callback(*mut JSObject, *mut JSObject),
            Tee(Rc<crate::dom::streams::bytetee::ByteTeeState>, u8),
            Bytes(Rc<crate::dom::streams::bytesource::BytesSource>),
            Resolved,
        }
        let cancel = match &*self.algorithms.borrow() {
            SourceAlgorithms::Source(source) => match &source.cancel {
                Some(cancel) => Cancel::Callback(cancel.get(), source.object.get()),
                None => Cancel::Resolved,
            },
            SourceAlgorithms::ByteTee { state, branch } => Cancel::Tee(state.clone(), *branch),
            SourceAlgorithms::Bytes(source) => Cancel::Bytes(source.clone()),
            _ => Cancel::Resolved,
        };
        let result = match cancel {
            Cancel::Callback(cancel, this) => {
                rooted!(&in(cx) let cancel = cancel);
                rooted!(&in(cx) let this = ObjectValue(this));
                invoke_promise_callback(cx, &global, cancel.handle(), this.handle(), &[reason.get()])
            }
            Cancel::Tee(state, branch) => crate::dom::streams::bytetee::cancel(cx, &state, branch, reason),
            Cancel::Bytes(source) => crate::dom::streams::bytesource::cancel(cx, &global, &source),
            Cancel::Resolved => Promise::new_resolved(cx, &global, &()),
        };
        // 4. Perform ! ReadableByteStreamControllerClearAlgorithms(this).
        self.clear_algorithms();
        // 5. Return result.
        result
    }

    /// <https://streams.spec.whatwg.org/#rbs-controller-private-pull>
    pub fn pull_steps(&self, cx: &mut JSContext, request: ReadRequest) {
        let stream = self.stream();
        // 3. If this.[[queueTotalSize]] > 0: fill readRequest from the queue and return.
        if self.queue_total_size.get() > 0 {
            self.fill_read_request_from_queue(cx, request);
            return;
        }
        // 4. Let autoAllocateChunkSize be this.[[autoAllocateChunkSize]].
        // 5. If autoAllocateChunkSize is not undefined:
        if let Some(size) = self.auto_allocate_chunk_size {
            let _realm = self.realm(cx);
            // 5.1. Let buffer be Construct(%ArrayBuffer%, « autoAllocateChunkSize »).
            let buffer = match usize::try_from(size).map_err(|_| Error::Range("Too large.".into())) {
                Ok(size) => buffers::allocate(cx, size),
                Err(error) => Err(error),
            };
            let buffer = match buffer {
                Ok(buffer) => buffer,
                // 5.2. If buffer is an abrupt completion: perform readRequest's error steps,
                // given buffer.[[Value]], and return.
                Err(error) => {
                    rooted!(&in(cx) let mut e = UndefinedValue());
                    self.error_value(cx, error, e.handle_mut());
                    request.error_steps(cx, e.handle());
                    return;
                }
            };
            // 5.3-4. Append a pull-into descriptor over the whole buffer, of Uint8Array
            // elements, with reader type "default".
            let size = size as usize;
            self.pending_pull_intos.borrow_mut().push_back(Rc::new(PullIntoDescriptor {
                buffer: heap_value(ObjectValue(buffer)),
                buffer_byte_length: size,
                byte_offset: 0,
                byte_length: size,
                bytes_filled: Cell::new(0),
                minimum_fill: 1,
                element_size: 1,
                view_constructor: ViewType::Typed(mozjs::jsapi::Scalar::Type::Uint8),
                reader_type: Cell::new(ReaderType::Default),
            }));
        }
        // 6. Perform ! ReadableStreamAddReadRequest(stream, readRequest).
        stream.add_read_request(request);
        // 7. Perform ! ReadableByteStreamControllerCallPullIfNeeded(this).
        self.call_pull_if_needed(cx);
    }

    /// <https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamcontroller-releasesteps>
    pub fn release_steps(&self) {
        // 1. If this.[[pendingPullIntos]] is not empty: keep only its first descriptor, with
        // reader type "none".
        let mut pending = self.pending_pull_intos.borrow_mut();
        if let Some(first) = pending.front().cloned() {
            first.reader_type.set(ReaderType::None);
            pending.clear();
            pending.push_back(first);
        }
    }
}

impl ReadableByteStreamControllerMethods for ReadableByteStreamController {
    /// <https://streams.spec.whatwg.org/#rbs-controller-byob-request>: "Return !
    /// ReadableByteStreamControllerGetBYOBRequest(this)."
    fn ByobRequest(&self, cx: &mut JSContext) -> Option<DomRoot<ReadableStreamBYOBRequest>> {
        self.get_byob_request(cx)
    }

    /// <https://streams.spec.whatwg.org/#rbs-controller-desired-size>
    fn DesiredSize(&self, _cx: &mut JSContext) -> Option<f64> {
        self.desired_size()
    }

    /// <https://streams.spec.whatwg.org/#rbs-controller-close>
    fn Close(&self, cx: &mut JSContext) -> Fallible<()> {
        // 1. If this.[[closeRequested]] is true, throw a TypeError exception.
        if self.close_requested.get() {
            return Err(Error::Type("The stream is already closing.".into()));
        }
        // 2. If this.[[stream]].[[state]] is not "readable", throw a TypeError exception.
        if self.stream().state() != StreamState::Readable {
            return Err(Error::Type("The stream is not readable.".into()));
        }
        // 3. Perform ? ReadableByteStreamControllerClose(this).
        self.close(cx)
    }

    /// <https://streams.spec.whatwg.org/#rbs-controller-enqueue>
    fn Enqueue(&self, cx: &mut JSContext, chunk: HandleObject) -> Fallible<()> {
        // (The IDL type is ArrayBufferView.)
        rooted!(&in(cx) let value = ObjectValue(chunk.get()));
        let Some(view) = buffers::as_view(value.handle()) else {
            return Err(Error::Type("The chunk is not an ArrayBufferView.".into()));
        };
        rooted!(&in(cx) let view = view);
        let info = buffers::view_info(cx, view.handle());
        // 1. If chunk.[[ByteLength]] is 0, throw a TypeError exception.
        if info.byte_length == 0 {
            return Err(Error::Type("The chunk is empty.".into()));
        }
        // 2. If chunk.[[ViewedArrayBuffer]].[[ByteLength]] is 0, throw a TypeError exception.
        if buffers::is_shared(info.buffer) || buffers::byte_length(info.buffer) == 0 {
            return Err(Error::Type("The chunk's buffer is empty.".into()));
        }
        // 3. If this.[[closeRequested]] is true, throw a TypeError exception.
        if self.close_requested.get() {
            return Err(Error::Type("The stream is closing.".into()));
        }
        // 4. If this.[[stream]].[[state]] is not "readable", throw a TypeError exception.
        if self.stream().state() != StreamState::Readable {
            return Err(Error::Type("The stream is not readable.".into()));
        }
        // 5. Return ? ReadableByteStreamControllerEnqueue(this, chunk).
        self.enqueue(cx, view.get())
    }

    /// <https://streams.spec.whatwg.org/#rbs-controller-error>
    fn Error(&self, cx: &mut JSContext, e: HandleValue) {
        // 1. Perform ! ReadableByteStreamControllerError(this, e).
        self.error(cx, e);
    }
}

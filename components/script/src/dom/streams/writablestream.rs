//! `WritableStream` (<https://streams.spec.whatwg.org/#ws-class>) and the abstract operations on
//! a writable stream (<https://streams.spec.whatwg.org/#ws-abstract-ops>).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::WritableStreamBinding::WritableStreamMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::streams::algorithms::heap_value;
use crate::dom::streams::queuingstrategy::{QueuingStrategy, convert_queuing_strategy, extract_high_water_mark};
use crate::dom::streams::readablestreamdefaultcontroller::SizeAlgorithm;
use crate::dom::streams::writablestreamdefaultcontroller::{
    SinkAlgorithms, WritableStreamDefaultController, convert_underlying_sink,
};
use crate::dom::streams::writablestreamdefaultwriter::WritableStreamDefaultWriter;

/// A writable stream's [[state]].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WritableState {
    Writable,
    Closed,
    Erroring,
    Errored,
}

/// A pending abort request (<https://streams.spec.whatwg.org/#pending-abort-request>).
#[derive(JSTraceable)]
struct PendingAbortRequest {
    promise: Rc<Promise>,
    reason: Box<Heap<JSVal>>,
    was_already_erroring: bool,
}

#[dom_struct]
pub struct WritableStream {
    reflector_: Reflector,
    /// [[state]]
    #[no_trace]
    state: Cell<WritableState>,
    /// [[storedError]]
    stored_error: Box<Heap<JSVal>>,
    /// [[backpressure]]
    backpressure: Cell<bool>,
    /// [[controller]]
    controller: MutNullableDom<WritableStreamDefaultController>,
    /// [[writer]]
    writer: MutNullableDom<WritableStreamDefaultWriter>,
    /// [[closeRequest]], [[inFlightCloseRequest]], [[inFlightWriteRequest]]
    close_request: RefCell<Option<Rc<Promise>>>,
    in_flight_close_request: RefCell<Option<Rc<Promise>>>,
    in_flight_write_request: RefCell<Option<Rc<Promise>>>,
    /// [[pendingAbortRequest]]
    pending_abort_request: RefCell<Option<PendingAbortRequest>>,
    /// [[writeRequests]]
    write_requests: RefCell<VecDeque<Rc<Promise>>>,
}

impl WritableStream {
    /// <https://streams.spec.whatwg.org/#initialize-writable-stream>
    fn new_inherited() -> WritableStream {
        WritableStream {
            reflector_: Reflector::new(),
            state: Cell::new(WritableState::Writable),
            stored_error: heap_value(UndefinedValue()),
            backpressure: Cell::new(false),
            controller: Default::default(),
            writer: Default::default(),
            close_request: Default::default(),
            in_flight_close_request: Default::default(),
            in_flight_write_request: Default::default(),
            pending_abort_request: Default::default(),
            write_requests: Default::default(),
        }
    }

    /// CreateWritableStream (<https://streams.spec.whatwg.org/#create-writable-stream>) whose
    /// start algorithm returns `start_value`.
    pub fn create(
        cx: &mut JSContext,
        global: &Window,
        start_value: HandleValue,
        algorithms: RootedTraceableBox<SinkAlgorithms>,
        high_water_mark: f64,
        size: RootedTraceableBox<SizeAlgorithm>,
    ) -> DomRoot<WritableStream> {
        let stream =
            crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(WritableStream::new_inherited()), global);
        rooted!(&in(cx) let undefined = UndefinedValue());
        WritableStreamDefaultController::set_up(
            cx,
            &stream,
            algorithms,
            high_water_mark,
            size,
            undefined.handle(),
            Some(start_value),
        )
        .expect("a start algorithm returning a value cannot throw");
        stream
    }

    pub fn state(&self) -> WritableState {
        self.state.get()
    }

    pub fn stored_error(&self, mut rval: MutableHandleValue) {
        rval.set(self.stored_error.get());
    }

    pub fn backpressure(&self) -> bool {
        self.backpressure.get()
    }

    pub fn controller(&self) -> DomRoot<WritableStreamDefaultController> {
        self.controller.get().expect("a set-up stream has a controller")
    }

    pub fn set_controller(&self, controller: &WritableStreamDefaultController) {
        self.controller.set(Some(controller));
    }

    pub fn writer(&self) -> Option<DomRoot<WritableStreamDefaultWriter>> {
        self.writer.get()
    }

    pub fn set_writer(&self, writer: Option<&WritableStreamDefaultWriter>) {
        self.writer.set(writer);
    }

    /// <https://streams.spec.whatwg.org/#is-writable-stream-locked>
    pub fn is_locked(&self) -> bool {
        self.writer.is_some()
    }

    pub fn has_in_flight_write(&self) -> bool {
        self.in_flight_write_request.borrow().is_some()
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-abort>
    pub fn abort(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        let global = self.global();
        // 1. If stream.[[state]] is "closed" or "errored", return a promise resolved with undefined.
        if matches!(self.state.get(), WritableState::Closed | WritableState::Errored) {
            return Promise::new_resolved(cx, &global, &());
        }
        // 2. Signal abort on stream.[[controller]].[[abortController]] with reason.
        self.controller().signal().signal_abort(cx, reason);
        // 3-4. Let state be stream.[[state]]; if it is "closed" or "errored", return a promise
        // resolved with undefined (an abort algorithm may have changed it).
        let state = self.state.get();
        if matches!(state, WritableState::Closed | WritableState::Errored) {
            return Promise::new_resolved(cx, &global, &());
        }
        // 5. If stream.[[pendingAbortRequest]] is not undefined, return its promise.
        if let Some(request) = &*self.pending_abort_request.borrow() {
            return request.promise.clone();
        }
        // 7-8. If state is "erroring": wasAlreadyErroring is true and reason is undefined.
        let was_already_erroring = state == WritableState::Erroring;
        rooted!(&in(cx) let reason = if was_already_erroring { UndefinedValue() } else { reason.get() });
        // 9-10. Let promise be a new promise; set stream.[[pendingAbortRequest]].
        let promise = Promise::new(cx, &global);
        *self.pending_abort_request.borrow_mut() = Some(PendingAbortRequest {
            promise: promise.clone(),
            reason: heap_value(reason.get()),
            was_already_erroring,
        });
        // 11. If wasAlreadyErroring is false, perform ! WritableStreamStartErroring(stream, reason).
        if !was_already_erroring {
            self.start_erroring(cx, reason.handle());
        }
        promise
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-close>
    pub fn close(&self, cx: &mut JSContext) -> Rc<Promise> {
        let global = self.global();
        // 2. If state is "closed" or "errored", return a promise rejected with a TypeError.
        if matches!(self.state.get(), WritableState::Closed | WritableState::Errored) {
            return Promise::new_rejected(cx, &global, Error::Type("The stream is closed or errored.".into()));
        }
        // 5-6. Let promise be a new promise; set stream.[[closeRequest]] to promise.
        let promise = Promise::new(cx, &global);
        *self.close_request.borrow_mut() = Some(promise.clone());
        // 7-8. If writer is set, stream.[[backpressure]] is true and state is "writable", resolve
        // writer.[[readyPromise]] with undefined.
        if let Some(writer) = self.writer.get()
            && self.backpressure.get()
            && self.state.get() == WritableState::Writable
        {
            writer.ready_promise().resolve_native(cx, &());
        }
        // 9. Perform ! WritableStreamDefaultControllerClose(stream.[[controller]]).
        self.controller().close(cx);
        promise
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-add-write-request>
    pub fn add_write_request(&self, cx: &mut JSContext) -> Rc<Promise> {
        let promise = Promise::new(cx, &self.global());
        self.write_requests.borrow_mut().push_back(promise.clone());
        promise
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-deal-with-rejection>
    pub fn deal_with_rejection(&self, cx: &mut JSContext, error: HandleValue) {
        // 2. If state is "writable": StartErroring(stream, error) and return.
        if self.state.get() == WritableState::Writable {
            self.start_erroring(cx, error);
            return;
        }
        // 4. Perform ! WritableStreamFinishErroring(stream).
        self.finish_erroring(cx);
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-start-erroring>
    pub fn start_erroring(&self, cx: &mut JSContext, reason: HandleValue) {
        // 4. Set stream.[[state]] to "erroring". 5. Set stream.[[storedError]] to reason.
        self.state.set(WritableState::Erroring);
        self.stored_error.set(reason.get());
        // 6-7. If writer is set, WritableStreamDefaultWriterEnsureReadyPromiseRejected(writer, reason).
        if let Some(writer) = self.writer.get() {
            writer.ensure_ready_promise_rejected(cx, reason);
        }
        // 8. If ! WritableStreamHasOperationMarkedInFlight(stream) is false and
        // controller.[[started]] is true, perform ! WritableStreamFinishErroring(stream).
        if !self.has_operation_marked_in_flight() && self.controller().started() {
            self.finish_erroring(cx);
        }
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-finish-erroring>
    pub fn finish_erroring(&self, cx: &mut JSContext) {
        // 3. Set stream.[[state]] to "errored". 4. Perform ! stream.[[controller]].[[ErrorSteps]]().
        self.state.set(WritableState::Errored);
        self.controller().error_steps();
        // 5-7. Reject every write request with storedError; empty the list.
        rooted!(&in(cx) let stored_error = self.stored_error.get());
        let requests = std::mem::take(&mut *self.write_requests.borrow_mut());
        for request in requests {
            request.reject(cx, stored_error.handle());
        }
        // 8. If stream.[[pendingAbortRequest]] is undefined: reject the close and closed
        // promises if needed, and return.
        // 9-10. Let abortRequest be it; set it to undefined.
        let Some(abort_request) = self.pending_abort_request.borrow_mut().take() else {
            self.reject_close_and_closed_promise_if_needed(cx);
            return;
        };
        // 11. If abortRequest's was already erroring is true: reject its promise with
        // storedError, reject the close and closed promises if needed, and return.
        if abort_request.was_already_erroring {
            abort_request.promise.reject(cx, stored_error.handle());
            self.reject_close_and_closed_promise_if_needed(cx);
            return;
        }
        // 12. Let promise be ! stream.[[controller]].[[AbortSteps]](abortRequest's reason).
        rooted!(&in(cx) let reason = abort_request.reason.get());
        let promise = self.controller().abort_steps(cx, reason.handle());
        // 13-14. Upon fulfillment: resolve abortRequest's promise with undefined; upon rejection
        // with reason: reject it with reason. Either way, reject the close and closed promises
        // if needed.
        react(
            cx,
            promise.promise_obj(),
            (Dom::from_ref(self), abort_request.promise),
            |cx, (stream, promise), _| {
                promise.resolve_native(cx, &());
                stream.reject_close_and_closed_promise_if_needed(cx);
            },
            |cx, (stream, promise), reason| {
                promise.reject(cx, reason);
                stream.reject_close_and_closed_promise_if_needed(cx);
            },
        );
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-write>
    pub fn finish_in_flight_write(&self, cx: &mut JSContext) {
        // "Resolve stream.[[inFlightWriteRequest]] with undefined. Set it to undefined."
        if let Some(request) = self.in_flight_write_request.borrow_mut().take() {
            request.resolve_native(cx, &());
        }
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-write-with-error>
    pub fn finish_in_flight_write_with_error(&self, cx: &mut JSContext, error: HandleValue) {
        // "Reject stream.[[inFlightWriteRequest]] with error. Set it to undefined."
        if let Some(request) = self.in_flight_write_request.borrow_mut().take() {
            request.reject(cx, error);
        }
        // "Perform ! WritableStreamDealWithRejection(stream, error)."
        self.deal_with_rejection(cx, error);
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-close>
    pub fn finish_in_flight_close(&self, cx: &mut JSContext) {
        // 2-3. Resolve stream.[[inFlightCloseRequest]] with undefined; set it to undefined.
        if let Some(request) = self.in_flight_close_request.borrow_mut().take() {
            request.resolve_native(cx, &());
        }
        // 6. If state is "erroring": set storedError to undefined; resolve a pending abort
        // request's promise with undefined and drop it.
        if self.state.get() == WritableState::Erroring {
            self.stored_error.set(UndefinedValue());
            if let Some(request) = self.pending_abort_request.borrow_mut().take() {
                request.promise.resolve_native(cx, &());
            }
        }
        // 7. Set stream.[[state]] to "closed".
        self.state.set(WritableState::Closed);
        // 8-9. If writer is set, resolve writer.[[closedPromise]] with undefined.
        if let Some(writer) = self.writer.get() {
            writer.closed_promise().resolve_native(cx, &());
        }
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-close-with-error>
    pub fn finish_in_flight_close_with_error(&self, cx: &mut JSContext, error: HandleValue) {
        // 2-3. Reject stream.[[inFlightCloseRequest]] with error; set it to undefined.
        if let Some(request) = self.in_flight_close_request.borrow_mut().take() {
            request.reject(cx, error);
        }
        // 5. If stream.[[pendingAbortRequest]] is set: reject its promise with error; drop it.
        if let Some(request) = self.pending_abort_request.borrow_mut().take() {
            request.promise.reject(cx, error);
        }
        // 6. Perform ! WritableStreamDealWithRejection(stream, error).
        self.deal_with_rejection(cx, error);
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-close-queued-or-in-flight>
    pub fn close_queued_or_in_flight(&self) -> bool {
        self.close_request.borrow().is_some() || self.in_flight_close_request.borrow().is_some()
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-has-operation-marked-in-flight>
    fn has_operation_marked_in_flight(&self) -> bool {
        self.in_flight_write_request.borrow().is_some() || self.in_flight_close_request.borrow().is_some()
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-mark-close-request-in-flight>
    pub fn mark_close_request_in_flight(&self) {
        let request = self.close_request.borrow_mut().take();
        *self.in_flight_close_request.borrow_mut() = request;
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-mark-first-write-request-in-flight>
    pub fn mark_first_write_request_in_flight(&self) {
        let request = self.write_requests.borrow_mut().pop_front();
        *self.in_flight_write_request.borrow_mut() = request;
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-reject-close-and-closed-promise-if-needed>
    fn reject_close_and_closed_promise_if_needed(&self, cx: &mut JSContext) {
        rooted!(&in(cx) let stored_error = self.stored_error.get());
        // 2-3. If stream.[[closeRequest]] is set: reject it with storedError; set it to undefined.
        if let Some(request) = self.close_request.borrow_mut().take() {
            request.reject(cx, stored_error.handle());
        }
        // 4-5. If writer is set: reject writer.[[closedPromise]] with storedError; mark it handled.
        if let Some(writer) = self.writer.get() {
            let closed = writer.closed_promise();
            closed.reject(cx, stored_error.handle());
            closed.mark_handled(cx);
        }
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-update-backpressure>
    pub fn update_backpressure(&self, cx: &mut JSContext, backpressure: bool) {
        // 3-4. If writer is set and backpressure differs from stream.[[backpressure]]: a new
        // readyPromise when it becomes true, else resolve the current one.
        if let Some(writer) = self.writer.get()
            && backpressure != self.backpressure.get()
        {
            if backpressure {
                writer.set_ready_promise(Promise::new(cx, &self.global()));
            } else {
                writer.ready_promise().resolve_native(cx, &());
            }
        }
        // 5. Set stream.[[backpressure]] to backpressure.
        self.backpressure.set(backpressure);
    }
}

impl WritableStreamMethods for WritableStream {
    /// <https://streams.spec.whatwg.org/#ws-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        underlying_sink: HandleValue,
        strategy: HandleValue,
    ) -> Fallible<DomRoot<WritableStream>> {
        let strategy = convert_queuing_strategy(cx, strategy)?;
        // 1-2. Convert underlyingSink to an UnderlyingSink dictionary.
        let (sink, has_type) = convert_underlying_sink(cx, underlying_sink)?;
        // 3. If underlyingSinkDict["type"] exists, throw a RangeError exception.
        if has_type {
            return Err(Error::Range("Invalid type is specified for the underlying sink.".into()));
        }
        // 4. Perform ! InitializeWritableStream(this).
        let stream = reflect_dom_object_with_proto(cx, Box::new(WritableStream::new_inherited()), global, proto);
        // 6. Let highWaterMark be ? ExtractHighWaterMark(strategy, 1). (Step 5 cannot throw.)
        let high_water_mark = extract_high_water_mark(&strategy, 1.0)?;
        // 5. Let sizeAlgorithm be ! ExtractSizeAlgorithm(strategy).
        let QueuingStrategy { size, .. } = strategy.into_inner();
        let size = RootedTraceableBox::new(match size {
            Some(function) => SizeAlgorithm::Function(function),
            None => SizeAlgorithm::One,
        });
        // 7. Perform ? SetUpWritableStreamDefaultControllerFromUnderlyingSink(this, underlyingSink,
        // underlyingSinkDict, highWaterMark, sizeAlgorithm).
        let algorithms = RootedTraceableBox::new(match sink.into_inner() {
            Some(sink) => SinkAlgorithms::Sink(sink),
            None => SinkAlgorithms::Empty,
        });
        rooted!(&in(cx) let this_sink = underlying_sink.get());
        WritableStreamDefaultController::set_up(
            cx,
            &stream,
            algorithms,
            high_water_mark,
            size,
            this_sink.handle(),
            None,
        )?;
        Ok(stream)
    }

    /// <https://streams.spec.whatwg.org/#ws-locked>: "Return ! IsWritableStreamLocked(this)."
    fn Locked(&self, _cx: &mut JSContext) -> bool {
        self.is_locked()
    }

    /// <https://streams.spec.whatwg.org/#ws-abort>
    fn Abort(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        // 1. If ! IsWritableStreamLocked(this) is true, return a promise rejected with a TypeError.
        if self.is_locked() {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The stream is locked.".into()));
        }
        // 2. Return ! WritableStreamAbort(this, reason).
        self.abort(cx, reason)
    }

    /// <https://streams.spec.whatwg.org/#ws-close>
    fn Close(&self, cx: &mut JSContext) -> Rc<Promise> {
        // 1. If ! IsWritableStreamLocked(this) is true, return a promise rejected with a TypeError.
        if self.is_locked() {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The stream is locked.".into()));
        }
        // 2. If ! WritableStreamCloseQueuedOrInFlight(this) is true, return a promise rejected
        // with a TypeError.
        if self.close_queued_or_in_flight() {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The stream is already closing.".into()));
        }
        // 3. Return ! WritableStreamClose(this).
        self.close(cx)
    }

    /// <https://streams.spec.whatwg.org/#ws-get-writer>: "Return ? AcquireWritableStreamDefaultWriter(this)."
    fn GetWriter(&self, cx: &mut JSContext) -> Fallible<DomRoot<WritableStreamDefaultWriter>> {
        WritableStreamDefaultWriter::acquire(cx, &self.global(), self)
    }
}

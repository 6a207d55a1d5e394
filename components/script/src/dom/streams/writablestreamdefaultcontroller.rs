//! `WritableStreamDefaultController` (<https://streams.spec.whatwg.org/#ws-default-controller-class>),
//! its abstract operations (<https://streams.spec.whatwg.org/#ws-default-controller-abstract-ops>)
//! and the page's underlying sink (<https://streams.spec.whatwg.org/#underlying-sink-api>).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, JSObject};
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::HandleValue;

use crate::dom::bindings::callback::TracedObject;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::WritableStreamDefaultControllerBinding::WritableStreamDefaultControllerMethods;
use crate::dom::bindings::conversions::{get_property, is_callable};
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{Dom, DomRoot, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::abortsignal::AbortSignal;
use crate::dom::globalscope::DomGlobal;
use crate::dom::streams::algorithms::{
    call_function, heap_value, invoke_promise_callback, resolved_with, take_exception,
};
use crate::dom::streams::readablestreamdefaultcontroller::SizeAlgorithm;
use crate::dom::streams::writablestream::{WritableState, WritableStream};

/// The `UnderlyingSink` dictionary (<https://streams.spec.whatwg.org/#dictdef-underlyingsink>).
#[derive(JSTraceable)]
pub struct UnderlyingSink {
    /// The sink object itself (the callbacks' `this`).
    pub object: TracedObject,
    pub start: Option<TracedObject>,
    pub write: Option<TracedObject>,
    pub close: Option<TracedObject>,
    pub abort: Option<TracedObject>,
}

/// Converts `value` to an `UnderlyingSink`: a missing sink is the empty dictionary, a non-object a
/// TypeError; members in lexicographic order (`abort`, `close`, `start`, `type`, `write`), each
/// callback checked to be callable. Returns the dictionary and whether `type` was present.
pub fn convert_underlying_sink(
    cx: &mut JSContext,
    value: HandleValue,
) -> Fallible<(RootedTraceableBox<Option<UnderlyingSink>>, bool)> {
    if value.get().is_undefined() {
        return Ok((RootedTraceableBox::new(None), false));
    }
    if !value.get().is_object() {
        return Err(Error::Type("The underlying sink is not of type 'UnderlyingSink'.".into()));
    }
    rooted!(&in(cx) let object = value.get().to_object());
    // Each callback is rooted while the later members' getters run.
    rooted!(&in(cx) let mut found = Vec::<JSVal>::new());
    rooted!(&in(cx) let mut member = UndefinedValue());
    let mut has_type = false;
    for name in [c"abort", c"close", c"start", c"type", c"write"] {
        get_property(cx, object.handle(), name, member.handle_mut()).map_err(|_| Error::JSFailed)?;
        if name == c"type" {
            // `any type`: only whether it is present matters.
            has_type = !member.get().is_undefined();
            continue;
        }
        if member.get().is_undefined() {
            found.push(UndefinedValue());
            continue;
        }
        if !is_callable(member.handle()) {
            return Err(Error::Type(format!(
                "The underlying sink's '{}' member is not a function.",
                name.to_string_lossy()
            )));
        }
        found.push(member.get());
    }
    let function = |value: JSVal| value.is_object().then(|| TracedObject::new(value.to_object()));
    let sink = UnderlyingSink {
        object: TracedObject::new(object.get()),
        abort: function(found[0]),
        close: function(found[1]),
        start: function(found[2]),
        write: function(found[3]),
    };
    // Nothing runs between reading `found` and rooting the dictionary here.
    Ok((RootedTraceableBox::new(Some(sink)), has_type))
}

/// A controller's write, close and abort algorithms.
#[derive(JSTraceable)]
pub enum SinkAlgorithms {
    /// No sink object: every algorithm returns a promise resolved with undefined.
    Empty,
    Sink(UnderlyingSink),
    /// The writable side of a TransformStream.
    Transform(Dom<crate::dom::streams::transformstream::TransformStream>),
    /// Another standard's sink (<https://streams.spec.whatwg.org/#writablestream-set-up>).
    Native(Rc<dyn NativeSink>),
    Cleared,
}

/// The write, close and abort algorithms another standard gives when it sets up a
/// WritableStream (<https://streams.spec.whatwg.org/#writablestream-set-up>): a
/// `MediaStreamTrackGenerator`.
pub trait NativeSink: JSTraceable {
    fn write(&self, cx: &mut JSContext, chunk: HandleValue) -> Rc<Promise>;
    fn close(&self, cx: &mut JSContext) -> Rc<Promise>;
    fn abort(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise>;
}

/// An entry of [[queue]]: a chunk with its size, or the close sentinel.
#[derive(JSTraceable)]
enum QueueEntry {
    Chunk { value: Box<Heap<JSVal>>, size: f64 },
    Close,
}

#[dom_struct]
pub struct WritableStreamDefaultController {
    reflector_: Reflector,
    /// [[stream]]
    stream: Dom<WritableStream>,
    /// [[abortController]]'s signal
    signal: Dom<AbortSignal>,
    /// [[queue]], [[queueTotalSize]]
    queue: RefCell<VecDeque<QueueEntry>>,
    queue_total_size: Cell<f64>,
    /// [[started]]
    started: Cell<bool>,
    /// [[strategyHWM]]
    strategy_hwm: f64,
    /// [[strategySizeAlgorithm]]
    size_algorithm: RefCell<SizeAlgorithm>,
    /// [[writeAlgorithm]], [[closeAlgorithm]], [[abortAlgorithm]]
    algorithms: RefCell<SinkAlgorithms>,
}

/// Which sink algorithm to run.
#[derive(Clone, Copy)]
enum Which {
    Write,
    Close,
    Abort,
}

impl WritableStreamDefaultController {
    /// <https://streams.spec.whatwg.org/#set-up-writable-stream-default-controller>, with the start
    /// algorithm of SetUpWritableStreamDefaultControllerFromUnderlyingSink.
    pub fn set_up(
        cx: &mut JSContext,
        stream: &WritableStream,
        algorithms: RootedTraceableBox<SinkAlgorithms>,
        high_water_mark: f64,
        size_algorithm: RootedTraceableBox<SizeAlgorithm>,
        sink_this: HandleValue,
        start_value: Option<HandleValue>,
    ) -> ErrorResult {
        let global = stream.global();
        // 5. Let controller.[[abortController]] be a new AbortController.
        let signal = AbortSignal::new(cx, &global);
        // 1-9. Set the slots; ResetQueue; [[started]] false.
        let controller = WritableStreamDefaultController {
            reflector_: Reflector::new(),
            stream: Dom::from_ref(stream),
            signal: Dom::from_ref(&*signal),
            queue: Default::default(),
            queue_total_size: Cell::new(0.0),
            started: Cell::new(false),
            strategy_hwm: high_water_mark,
            size_algorithm: RefCell::new(SizeAlgorithm::Cleared),
            algorithms: RefCell::new(SinkAlgorithms::Cleared),
        };
        let controller = reflect_dom_object(cx, Box::new(controller), &global);
        // The algorithms move in once the controller is traced (reflecting may collect).
        let start = match &*algorithms {
            SinkAlgorithms::Sink(sink) => sink.start.as_ref().map(|start| start.get()),
            _ => None,
        };
        rooted!(&in(cx) let start = start.unwrap_or(std::ptr::null_mut()));
        *controller.algorithms.borrow_mut() = algorithms.into_inner();
        *controller.size_algorithm.borrow_mut() = size_algorithm.into_inner();
        // 2. Set stream.[[controller]] to controller.
        stream.set_controller(&controller);
        // 10-11. Let backpressure be GetBackpressure(controller); UpdateBackpressure(stream, it).
        stream.update_backpressure(cx, controller.backpressure());
        // 12. Let startResult be the result of performing startAlgorithm. (This may throw.)
        rooted!(&in(cx) let mut start_result = UndefinedValue());
        if let Some(value) = start_value {
            // A transform stream's start algorithm returns its start promise.
            start_result.set(value.get());
        } else if !start.get().is_null() {
            rooted!(&in(cx) let argument = ObjectValue(controller.reflector().get_raw()));
            if call_function(cx, start.handle(), sink_this, &[argument.get()], start_result.handle_mut()).is_err() {
                return Err(Error::JSFailed);
            }
        }
        // 13. Let startPromise be a promise resolved with startResult.
        let start_promise = resolved_with(cx, &global, start_result.handle());
        // 14. Upon fulfillment: set [[started]] to true; AdvanceQueueIfNeeded(controller).
        // 15. Upon rejection with r: set [[started]] to true; WritableStreamDealWithRejection(stream, r).
        react(
            cx,
            start_promise.promise_obj(),
            Dom::from_ref(&*controller),
            |cx, controller, _| {
                controller.started.set(true);
                controller.advance_queue_if_needed(cx);
            },
            |cx, controller, r| {
                controller.started.set(true);
                controller.stream.deal_with_rejection(cx, r);
            },
        );
        Ok(())
    }

    pub fn started(&self) -> bool {
        self.started.get()
    }

    pub fn signal(&self) -> DomRoot<AbortSignal> {
        self.signal.as_rooted()
    }

    /// Runs one of the sink's algorithms: "invoking underlyingSinkDict[name] with the argument
    /// list and callback this value underlyingSink", or "return a promise resolved with undefined".
    fn run_algorithm(&self, cx: &mut JSContext, which: Which, argument: HandleValue) -> Rc<Promise> {
        let global = self.global();
        let callback: Option<(*mut JSObject, *mut JSObject)> = match &*self.algorithms.borrow() {
            SinkAlgorithms::Sink(sink) => {
                let function = match which {
                    Which::Write => &sink.write,
                    Which::Close => &sink.close,
                    Which::Abort => &sink.abort,
                };
                function.as_ref().map(|f| (f.get(), sink.object.get()))
            }
            SinkAlgorithms::Transform(_) | SinkAlgorithms::Native(_) => None,
            SinkAlgorithms::Empty | SinkAlgorithms::Cleared => None,
        };
        let native = match &*self.algorithms.borrow() {
            SinkAlgorithms::Native(sink) => Some(sink.clone()),
            _ => None,
        };
        if let Some(sink) = native {
            return match which {
                Which::Write => sink.write(cx, argument),
                Which::Close => sink.close(cx),
                Which::Abort => sink.abort(cx, argument),
            };
        }
        // A transform stream's sink algorithms (read out of the cell first: they may clear it).
        let transform = match &*self.algorithms.borrow() {
            SinkAlgorithms::Transform(stream) => Some(stream.as_rooted()),
            _ => None,
        };
        if let Some(stream) = transform {
            return match which {
                Which::Write => stream.sink_write(cx, argument),
                Which::Close => stream.sink_close(cx),
                Which::Abort => stream.sink_abort(cx, argument),
            };
        }
        let Some((function, this)) = callback else { return Promise::new_resolved(cx, &global, &()) };
        rooted!(&in(cx) let function = function);
        rooted!(&in(cx) let this = ObjectValue(this));
        rooted!(&in(cx) let controller = ObjectValue(self.reflector().get_raw()));
        match which {
            // write(chunk, controller)
            Which::Write => invoke_promise_callback(
                cx,
                &global,
                function.handle(),
                this.handle(),
                &[argument.get(), controller.get()],
            ),
            // close()
            Which::Close => invoke_promise_callback(cx, &global, function.handle(), this.handle(), &[]),
            // abort(reason)
            Which::Abort => invoke_promise_callback(cx, &global, function.handle(), this.handle(), &[argument.get()]),
        }
    }

    /// <https://streams.spec.whatwg.org/#ws-default-controller-private-abort>
    pub fn abort_steps(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        // 1. Let result be the result of performing this.[[abortAlgorithm]], passing reason.
        let result = self.run_algorithm(cx, Which::Abort, reason);
        // 2. Perform ! WritableStreamDefaultControllerClearAlgorithms(this).
        self.clear_algorithms();
        result
    }

    /// <https://streams.spec.whatwg.org/#ws-default-controller-private-error>: "Perform ! ResetQueue(this)."
    pub fn error_steps(&self) {
        self.queue.borrow_mut().clear();
        self.queue_total_size.set(0.0);
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-controller-advance-queue-if-needed>
    pub fn advance_queue_if_needed(&self, cx: &mut JSContext) {
        let stream = &self.stream;
        // 2. If controller.[[started]] is false, return.
        if !self.started.get() {
            return;
        }
        // 3. If stream.[[inFlightWriteRequest]] is not undefined, return.
        if stream.has_in_flight_write() {
            return;
        }
        // 5. If state is "erroring": perform ! WritableStreamFinishErroring(stream) and return.
        if stream.state() == WritableState::Erroring {
            stream.finish_erroring(cx);
            return;
        }
        // 6. If controller.[[queue]] is empty, return.
        // 7-9. Let value be ! PeekQueueValue(controller): the close sentinel processes the close,
        // a chunk the write.
        let chunk = match self.queue.borrow().front() {
            None => return,
            Some(QueueEntry::Close) => None,
            Some(QueueEntry::Chunk { value, .. }) => Some(value.get()),
        };
        match chunk {
            None => self.process_close(cx),
            Some(chunk) => {
                rooted!(&in(cx) let chunk = chunk);
                self.process_write(cx, chunk.handle());
            }
        }
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-controller-clear-algorithms>
    fn clear_algorithms(&self) {
        let _old = std::mem::replace(&mut *self.algorithms.borrow_mut(), SinkAlgorithms::Cleared);
        let _old_size = std::mem::replace(&mut *self.size_algorithm.borrow_mut(), SizeAlgorithm::Cleared);
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-controller-close>
    pub fn close(&self, cx: &mut JSContext) {
        // 1. Perform ! EnqueueValueWithSize(controller, close sentinel, 0).
        self.queue.borrow_mut().push_back(QueueEntry::Close);
        // 2. Perform ! WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller).
        self.advance_queue_if_needed(cx);
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-controller-error>
    fn error(&self, cx: &mut JSContext, error: HandleValue) {
        // 3. Perform ! WritableStreamDefaultControllerClearAlgorithms(controller).
        self.clear_algorithms();
        // 4. Perform ! WritableStreamStartErroring(stream, error).
        self.stream.start_erroring(cx, error);
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-controller-error-if-needed>
    pub fn error_if_needed(&self, cx: &mut JSContext, error: HandleValue) {
        // "If controller.[[stream]].[[state]] is "writable", perform ! …ControllerError(controller, error)."
        if self.stream.state() == WritableState::Writable {
            self.error(cx, error);
        }
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-controller-get-backpressure>
    pub fn backpressure(&self) -> bool {
        // "Let desiredSize be ! …GetDesiredSize(controller). Return true if desiredSize ≤ 0."
        self.desired_size() <= 0.0
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-controller-get-chunk-size>
    pub fn chunk_size(&self, cx: &mut JSContext, chunk: HandleValue) -> f64 {
        let function = match &*self.size_algorithm.borrow() {
            SizeAlgorithm::Function(function) => function.callable().get(),
            // 1. If [[strategySizeAlgorithm]] is undefined (cleared), return 1.
            SizeAlgorithm::One | SizeAlgorithm::Cleared => return 1.0,
        };
        // 2. Let returnValue be the result of performing [[strategySizeAlgorithm]], passing chunk.
        rooted!(&in(cx) let function = function);
        rooted!(&in(cx) let undefined = UndefinedValue());
        rooted!(&in(cx) let mut result = UndefinedValue());
        let size = call_function(cx, function.handle(), undefined.handle(), &[chunk.get()], result.handle_mut())
            // SAFETY: `result` is rooted for the call.
            .and_then(|_| unsafe { mozjs::rust::ToNumber(cx, result.handle()) });
        match size {
            Ok(size) => size,
            // 3. If returnValue is an abrupt completion: ErrorIfNeeded(controller, its value); return 1.
            Err(()) => {
                rooted!(&in(cx) let mut error = UndefinedValue());
                take_exception(cx, &self.global(), error.handle_mut());
                self.error_if_needed(cx, error.handle());
                1.0
            }
        }
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-controller-get-desired-size>:
    /// "Return controller.[[strategyHWM]] − controller.[[queueTotalSize]]."
    pub fn desired_size(&self) -> f64 {
        self.strategy_hwm - self.queue_total_size.get()
    }

    /// Removes the first entry of [[queue]] (DequeueValue).
    fn dequeue(&self) {
        if let Some(QueueEntry::Chunk { size, .. }) = self.queue.borrow_mut().pop_front() {
            self.queue_total_size.set((self.queue_total_size.get() - size).max(0.0));
        }
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-controller-process-close>
    fn process_close(&self, cx: &mut JSContext) {
        // 2. Perform ! WritableStreamMarkCloseRequestInFlight(stream). 3. Perform ! DequeueValue(controller).
        self.stream.mark_close_request_in_flight();
        self.dequeue();
        // 5. Let sinkClosePromise be the result of performing controller.[[closeAlgorithm]].
        rooted!(&in(cx) let undefined = UndefinedValue());
        let sink_close = self.run_algorithm(cx, Which::Close, undefined.handle());
        // 6. Perform ! WritableStreamDefaultControllerClearAlgorithms(controller).
        self.clear_algorithms();
        // 7-8. Upon fulfillment: FinishInFlightClose(stream); upon rejection with reason:
        // FinishInFlightCloseWithError(stream, reason).
        react(
            cx,
            sink_close.promise_obj(),
            Dom::from_ref(&*self.stream),
            |cx, stream, _| stream.finish_in_flight_close(cx),
            |cx, stream, reason| stream.finish_in_flight_close_with_error(cx, reason),
        );
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-controller-process-write>
    fn process_write(&self, cx: &mut JSContext, chunk: HandleValue) {
        // 2. Perform ! WritableStreamMarkFirstWriteRequestInFlight(stream).
        self.stream.mark_first_write_request_in_flight();
        // 3. Let sinkWritePromise be the result of performing controller.[[writeAlgorithm]], passing chunk.
        let sink_write = self.run_algorithm(cx, Which::Write, chunk);
        react(
            cx,
            sink_write.promise_obj(),
            Dom::from_ref(self),
            |cx, controller, _| {
                let stream = &controller.stream;
                // 4.1. Perform ! WritableStreamFinishInFlightWrite(stream).
                stream.finish_in_flight_write(cx);
                // 4.4. Perform ! DequeueValue(controller).
                controller.dequeue();
                // 4.5. If ! WritableStreamCloseQueuedOrInFlight(stream) is false and state is
                // "writable", update the backpressure.
                if !stream.close_queued_or_in_flight() && stream.state() == WritableState::Writable {
                    stream.update_backpressure(cx, controller.backpressure());
                }
                // 4.6. Perform ! WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller).
                controller.advance_queue_if_needed(cx);
            },
            |cx, controller, reason| {
                // 5.1. If stream.[[state]] is "writable", clear the algorithms.
                if controller.stream.state() == WritableState::Writable {
                    controller.clear_algorithms();
                }
                // 5.2. Perform ! WritableStreamFinishInFlightWriteWithError(stream, reason).
                controller.stream.finish_in_flight_write_with_error(cx, reason);
            },
        );
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-controller-write>
    pub fn write(&self, cx: &mut JSContext, chunk: HandleValue, chunk_size: f64) {
        // 1. Let enqueueResult be EnqueueValueWithSize(controller, chunk, chunkSize).
        if chunk_size.is_nan() || chunk_size < 0.0 || chunk_size == f64::INFINITY {
            // 2. If enqueueResult is an abrupt completion: ErrorIfNeeded(controller, its value); return.
            rooted!(&in(cx) let mut error = UndefinedValue());
            crate::dom::bindings::error::error_to_jsval(
                cx,
                &self.global(),
                Error::Range("The chunk size must be a finite, non-negative number.".into()),
                error.handle_mut(),
            );
            self.error_if_needed(cx, error.handle());
            return;
        }
        self.queue.borrow_mut().push_back(QueueEntry::Chunk { value: heap_value(chunk.get()), size: chunk_size });
        self.queue_total_size.set(self.queue_total_size.get() + chunk_size);
        // 4. If the stream's close is not queued or in flight and it is "writable", update the
        // backpressure.
        let stream = &self.stream;
        if !stream.close_queued_or_in_flight() && stream.state() == WritableState::Writable {
            stream.update_backpressure(cx, self.backpressure());
        }
        // 5. Perform ! WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller).
        self.advance_queue_if_needed(cx);
    }
}

impl WritableStreamDefaultControllerMethods for WritableStreamDefaultController {
    /// <https://streams.spec.whatwg.org/#ws-default-controller-signal>: "Return this.[[abortController]]'s signal."
    fn Signal(&self, _cx: &mut JSContext) -> DomRoot<AbortSignal> {
        self.signal.as_rooted()
    }

    /// <https://streams.spec.whatwg.org/#ws-default-controller-error>
    fn Error(&self, cx: &mut JSContext, e: HandleValue) {
        // 1-2. "Let state be this.[[stream]].[[state]]. If state is not "writable", return."
        if self.stream.state() != WritableState::Writable {
            return;
        }
        // 3. Perform ! WritableStreamDefaultControllerError(this, e).
        self.error(cx, e);
    }
}

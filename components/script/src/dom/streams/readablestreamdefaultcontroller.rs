//! `ReadableStreamDefaultController` (<https://streams.spec.whatwg.org/#rs-default-controller-class>)
//! and its abstract operations (<https://streams.spec.whatwg.org/#rs-default-controller-abstract-ops>).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::callback::CallbackFunction;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::ReadableStreamDefaultControllerBinding::ReadableStreamDefaultControllerMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{Dom, DomRoot, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::streams::algorithms::{
    SourceAlgorithms, call_function, heap_value, invoke_promise_callback, resolved_with, take_exception,
};
use crate::dom::streams::readablestream::{ReadableStream, StreamState};
use crate::dom::streams::readablestreamdefaultreader::ReadRequest;

/// [[strategySizeAlgorithm]]: the strategy's `size` function, or "return 1".
#[derive(JSTraceable)]
pub enum SizeAlgorithm {
    One,
    Function(CallbackFunction),
    /// After ClearAlgorithms.
    Cleared,
}

/// A controller's start algorithm: "return undefined", the source's `start` method called on
/// the source, or a value to return (a transform stream's start promise).
pub enum StartAlgorithm<'a> {
    Undefined,
    Call(HandleObject<'a>, HandleValue<'a>),
    Value(HandleValue<'a>),
}

/// A value-with-size record of [[queue]] (<https://streams.spec.whatwg.org/#value-with-size>).
#[derive(JSTraceable)]
struct ValueWithSize {
    value: Box<Heap<JSVal>>,
    size: f64,
}

#[dom_struct]
pub struct ReadableStreamDefaultController {
    reflector_: Reflector,
    /// [[stream]]
    stream: Dom<ReadableStream>,
    /// [[queue]] and [[queueTotalSize]]
    queue: RefCell<VecDeque<ValueWithSize>>,
    queue_total_size: Cell<f64>,
    /// [[started]], [[closeRequested]], [[pullAgain]], [[pulling]]
    started: Cell<bool>,
    close_requested: Cell<bool>,
    pull_again: Cell<bool>,
    pulling: Cell<bool>,
    /// [[strategyHWM]]
    strategy_hwm: f64,
    /// [[strategySizeAlgorithm]]
    size_algorithm: RefCell<SizeAlgorithm>,
    /// [[pullAlgorithm]] and [[cancelAlgorithm]]
    algorithms: RefCell<SourceAlgorithms>,
}

impl ReadableStreamDefaultController {
    /// <https://streams.spec.whatwg.org/#set-up-readable-stream-default-controller>, with the
    /// start algorithm of SetUpReadableStreamDefaultControllerFromUnderlyingSource: `start`
    /// (the source's `start` method, called on `source_this`) or "return undefined".
    pub fn set_up(
        cx: &mut JSContext,
        stream: &ReadableStream,
        start: StartAlgorithm,
        algorithms: RootedTraceableBox<SourceAlgorithms>,
        high_water_mark: f64,
        size_algorithm: RootedTraceableBox<SizeAlgorithm>,
    ) -> ErrorResult {
        let global = stream.global();
        // 2-8. "Set controller.[[stream]] to stream. Perform ! ResetQueue(controller). Set
        // [[started]], [[closeRequested]], [[pullAgain]] and [[pulling]] to false. Set
        // [[strategySizeAlgorithm]], [[strategyHWM]], [[pullAlgorithm]], [[cancelAlgorithm]]."
        let controller = ReadableStreamDefaultController {
            reflector_: Reflector::new(),
            stream: Dom::from_ref(stream),
            queue: Default::default(),
            queue_total_size: Cell::new(0.0),
            started: Cell::new(false),
            close_requested: Cell::new(false),
            pull_again: Cell::new(false),
            pulling: Cell::new(false),
            strategy_hwm: high_water_mark,
            size_algorithm: RefCell::new(SizeAlgorithm::Cleared),
            algorithms: RefCell::new(SourceAlgorithms::Cleared),
        };
        let controller = reflect_dom_object(cx, Box::new(controller), &global);
        // The algorithms move in once the controller is traced (reflecting may collect).
        *controller.algorithms.borrow_mut() = algorithms.into_inner();
        *controller.size_algorithm.borrow_mut() = size_algorithm.into_inner();
        // 9. Set stream.[[controller]] to controller.
        stream.set_controller(&controller);
        // 10. Let startResult be the result of performing startAlgorithm. (This may throw.)
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
        // 11. Let startPromise be a promise resolved with startResult.
        let start_promise = resolved_with(cx, &global, start_result.handle());
        // 12. Upon fulfillment of startPromise: set [[started]] to true and call
        // ! ReadableStreamDefaultControllerCallPullIfNeeded(controller).
        // 13. Upon rejection of startPromise with reason r: perform
        // ! ReadableStreamDefaultControllerError(controller, r).
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

    /// <https://streams.spec.whatwg.org/#readable-stream-default-controller-call-pull-if-needed>
    pub fn call_pull_if_needed(&self, cx: &mut JSContext) {
        // 1-2. If ! ReadableStreamDefaultControllerShouldCallPull(controller) is false, return.
        if !self.should_call_pull() {
            return;
        }
        // 3. If controller.[[pulling]] is true, set controller.[[pullAgain]] to true and return.
        if self.pulling.get() {
            self.pull_again.set(true);
            return;
        }
        // 5. Set controller.[[pulling]] to true.
        self.pulling.set(true);
        // 6. Let pullPromise be the result of performing controller.[[pullAlgorithm]].
        let pull_promise = self.pull_algorithm(cx);
        // 7. Upon fulfillment: set [[pulling]] to false; if [[pullAgain]] is true, set it to
        // false and call pull again. 8. Upon rejection with e: error the controller with e.
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
            Callback(*mut mozjs::jsapi::JSObject, *mut mozjs::jsapi::JSObject),
            Tee(Rc<crate::dom::streams::tee::TeeState>),
            Iterable(Rc<crate::dom::streams::from::IteratorRecord>),
            Transform(DomRoot<crate::dom::streams::transformstream::TransformStream>),
            Native(Rc<dyn crate::dom::streams::algorithms::NativeSource>),
            Resolved,
        }
        // Read the algorithm out of the cell first: running it runs page script.
        let pull = match &*self.algorithms.borrow() {
            SourceAlgorithms::Source(source) => match &source.pull {
                Some(pull) => Pull::Callback(pull.get(), source.object.get()),
                None => Pull::Resolved,
            },
            SourceAlgorithms::Tee { state, .. } => Pull::Tee(state.clone()),
            SourceAlgorithms::Iterable(record) => Pull::Iterable(record.clone()),
            SourceAlgorithms::Transform(stream) => Pull::Transform(stream.as_rooted()),
            SourceAlgorithms::Native(source) => Pull::Native(source.clone()),
            // (Byte sources and byte tee branches belong to byte streams' controllers.)
            SourceAlgorithms::Empty
            | SourceAlgorithms::Cleared
            | SourceAlgorithms::Bytes(_)
            | SourceAlgorithms::ByteTee { .. } => Pull::Resolved,
        };
        let source = match pull {
            Pull::Callback(pull, this) => Some((pull, this)),
            Pull::Tee(state) => return crate::dom::streams::tee::pull(cx, &state),
            Pull::Iterable(record) => return crate::dom::streams::from::pull(cx, &global, &record, self),
            Pull::Transform(stream) => return stream.source_pull(cx),
            Pull::Native(source) => return source.pull(cx, self),
            Pull::Resolved => None,
        };
        let Some((pull, this)) = source else { return Promise::new_resolved(cx, &global, &()) };
        // "invoking underlyingSourceDict["pull"] with argument list « controller » and callback
        // this value underlyingSource."
        rooted!(&in(cx) let pull = pull);
        rooted!(&in(cx) let this = ObjectValue(this));
        rooted!(&in(cx) let argument = ObjectValue(self.reflector().get_raw()));
        invoke_promise_callback(cx, &global, pull.handle(), this.handle(), &[argument.get()])
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-default-controller-should-call-pull>
    pub fn should_call_pull(&self) -> bool {
        let stream = self.stream();
        // 2. If ! ReadableStreamDefaultControllerCanCloseOrEnqueue(controller) is false, return false.
        if !self.can_close_or_enqueue() {
            return false;
        }
        // 3. If controller.[[started]] is false, return false.
        if !self.started.get() {
            return false;
        }
        // 4. If the stream is locked and has read requests, return true.
        if stream.is_locked() && stream.num_read_requests() > 0 {
            return true;
        }
        // 5-7. "Let desiredSize be …GetDesiredSize(controller). If desiredSize > 0, return true.
        // Return false."
        self.desired_size().is_some_and(|size| size > 0.0)
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-default-controller-clear-algorithms>
    fn clear_algorithms(&self) {
        // "Set [[pullAlgorithm]], [[cancelAlgorithm]] and [[strategySizeAlgorithm]] to undefined."
        let _old = std::mem::replace(&mut *self.algorithms.borrow_mut(), SourceAlgorithms::Cleared);
        let _old_size = std::mem::replace(&mut *self.size_algorithm.borrow_mut(), SizeAlgorithm::Cleared);
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-default-controller-close>
    pub fn close(&self, cx: &mut JSContext) {
        // 1. If ! ReadableStreamDefaultControllerCanCloseOrEnqueue(controller) is false, return.
        if !self.can_close_or_enqueue() {
            return;
        }
        // 3. Set controller.[[closeRequested]] to true.
        self.close_requested.set(true);
        // 4. If controller.[[queue]] is empty: clear the algorithms and close the stream.
        if self.queue.borrow().is_empty() {
            self.clear_algorithms();
            self.stream().close(cx);
        }
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-default-controller-enqueue>
    pub fn enqueue(&self, cx: &mut JSContext, chunk: HandleValue) -> ErrorResult {
        let stream = self.stream();
        // 1. If ! ReadableStreamDefaultControllerCanCloseOrEnqueue(controller) is false, return.
        if !self.can_close_or_enqueue() {
            return Ok(());
        }
        // 3. If the stream is locked and has read requests, fulfill one with chunk.
        if stream.is_locked() && stream.num_read_requests() > 0 {
            stream.fulfill_read_request(cx, chunk, false);
        } else {
            // 4.1. Let result be the result of performing controller.[[strategySizeAlgorithm]],
            // passing in chunk.
            let size = match self.chunk_size(cx, chunk) {
                Ok(size) => size,
                // 4.2. If result is an abrupt completion: error the controller with its value
                // and return result.
                Err(()) => {
                    rooted!(&in(cx) let mut error = UndefinedValue());
                    take_exception(cx, &self.global(), error.handle_mut());
                    self.error(cx, error.handle());
                    return Err(self.rethrow(cx, error.handle()));
                }
            };
            // 4.4. Let enqueueResult be EnqueueValueWithSize(controller, chunk, chunkSize).
            // 4.5. If it is an abrupt completion: error the controller and return it.
            if let Err(error) = self.enqueue_value_with_size(chunk, size) {
                rooted!(&in(cx) let mut value = UndefinedValue());
                crate::dom::bindings::error::error_to_jsval(cx, &self.global(), error, value.handle_mut());
                self.error(cx, value.handle());
                return Err(self.rethrow(cx, value.handle()));
            }
        }
        // 5. Perform ! ReadableStreamDefaultControllerCallPullIfNeeded(controller).
        self.call_pull_if_needed(cx);
        Ok(())
    }

    /// Sets `value` as the pending exception again (for a `[Throws]` member).
    fn rethrow(&self, cx: &mut JSContext, value: HandleValue) -> Error {
        // SAFETY: `value` is a rooted handle; `cx` is this thread's live context; its raw pointer goes straight into the call.
        unsafe {
            mozjs::jsapi::JS_SetPendingException(
                cx.raw_cx(),
                value.into(),
                mozjs::jsapi::ExceptionStackBehavior::Capture,
            )
        };
        Error::JSFailed
    }

    /// Runs [[strategySizeAlgorithm]] on `chunk`; `Err` leaves the exception pending.
    fn chunk_size(&self, cx: &mut JSContext, chunk: HandleValue) -> Result<f64, ()> {
        let function = match &*self.size_algorithm.borrow() {
            SizeAlgorithm::Function(function) => function.callable().get(),
            SizeAlgorithm::One | SizeAlgorithm::Cleared => return Ok(1.0),
        };
        rooted!(&in(cx) let function = function);
        rooted!(&in(cx) let mut result = UndefinedValue());
        rooted!(&in(cx) let undefined = UndefinedValue());
        call_function(cx, function.handle(), undefined.handle(), &[chunk.get()], result.handle_mut())?;
        // The callback's return type is unrestricted double.
        // SAFETY: `result` is rooted.
        unsafe { mozjs::rust::ToNumber(cx, result.handle()) }
    }

    /// <https://streams.spec.whatwg.org/#enqueue-value-with-size>
    fn enqueue_value_with_size(&self, value: HandleValue, size: f64) -> ErrorResult {
        // 2. If ! IsNonNegativeNumber(size) is false, throw a RangeError exception.
        // 3. If size is +∞, throw a RangeError exception.
        if size.is_nan() || size < 0.0 || size == f64::INFINITY {
            return Err(Error::Range("The chunk size must be a finite, non-negative number.".into()));
        }
        // 4. Append a new value-with-size with value and size to container.[[queue]].
        self.queue.borrow_mut().push_back(ValueWithSize { value: heap_value(value.get()), size });
        // 5. Set container.[[queueTotalSize]] to container.[[queueTotalSize]] + size.
        self.queue_total_size.set(self.queue_total_size.get() + size);
        Ok(())
    }

    /// <https://streams.spec.whatwg.org/#dequeue-value>
    fn dequeue_value(&self, mut rval: MutableHandleValue) {
        // 3. Let valueWithSize be container.[[queue]][0]. 4. Remove it.
        let entry = self.queue.borrow_mut().pop_front().expect("the queue is not empty");
        // 5. Set [[queueTotalSize]] to [[queueTotalSize]] − size. 6. If that is < 0, set it to 0
        // (rounding errors).
        self.queue_total_size.set((self.queue_total_size.get() - entry.size).max(0.0));
        rval.set(entry.value.get());
    }

    /// <https://streams.spec.whatwg.org/#reset-queue>
    fn reset_queue(&self) {
        self.queue.borrow_mut().clear();
        self.queue_total_size.set(0.0);
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-default-controller-error>
    pub fn error(&self, cx: &mut JSContext, e: HandleValue) {
        let stream = self.stream();
        // 2. If stream.[[state]] is not "readable", return.
        if stream.state() != StreamState::Readable {
            return;
        }
        // 3. Perform ! ResetQueue(controller).
        self.reset_queue();
        // 4. Perform ! ReadableStreamDefaultControllerClearAlgorithms(controller).
        self.clear_algorithms();
        // 5. Perform ! ReadableStreamError(stream, e).
        stream.error(cx, e);
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-default-controller-get-desired-size>
    pub fn desired_size(&self) -> Option<f64> {
        match self.stream().state() {
            // 2. If state is "errored", return null.
            StreamState::Errored => None,
            // 3. If state is "closed", return 0.
            StreamState::Closed => Some(0.0),
            // 4. Return controller.[[strategyHWM]] − controller.[[queueTotalSize]].
            StreamState::Readable => Some(self.strategy_hwm - self.queue_total_size.get()),
        }
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-default-controller-can-close-or-enqueue>
    pub fn can_close_or_enqueue(&self) -> bool {
        // "If controller.[[closeRequested]] is false and state is "readable", return true."
        !self.close_requested.get() && self.stream().state() == StreamState::Readable
    }

    /// <https://streams.spec.whatwg.org/#rs-default-controller-private-cancel>
    pub fn cancel_steps(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        let global = self.global();
        // 1. Perform ! ResetQueue(this).
        self.reset_queue();
        // 2. Let result be the result of performing this.[[cancelAlgorithm]], passing reason.
        enum Cancel {
            Callback(*mut mozjs::jsapi::JSObject, *mut mozjs::jsapi::JSObject),
            Tee(Rc<crate::dom::streams::tee::TeeState>, u8),
            Iterable(Rc<crate::dom::streams::from::IteratorRecord>),
            Transform(DomRoot<crate::dom::streams::transformstream::TransformStream>),
            Native(Rc<dyn crate::dom::streams::algorithms::NativeSource>),
            Resolved,
        }
        // Read the algorithm out of the cell first: running it runs page script.
        let cancel = match &*self.algorithms.borrow() {
            SourceAlgorithms::Source(source) => match &source.cancel {
                Some(cancel) => Cancel::Callback(cancel.get(), source.object.get()),
                None => Cancel::Resolved,
            },
            SourceAlgorithms::Tee { state, branch } => Cancel::Tee(state.clone(), *branch),
            SourceAlgorithms::Iterable(record) => Cancel::Iterable(record.clone()),
            SourceAlgorithms::Transform(stream) => Cancel::Transform(stream.as_rooted()),
            SourceAlgorithms::Native(source) => Cancel::Native(source.clone()),
            SourceAlgorithms::Empty
            | SourceAlgorithms::Cleared
            | SourceAlgorithms::Bytes(_)
            | SourceAlgorithms::ByteTee { .. } => Cancel::Resolved,
        };
        let result = match cancel {
            Cancel::Callback(cancel, this) => {
                // "invoking underlyingSourceDict["cancel"] with argument list « reason » and
                // callback this value underlyingSource."
                rooted!(&in(cx) let cancel = cancel);
                rooted!(&in(cx) let this = ObjectValue(this));
                invoke_promise_callback(cx, &global, cancel.handle(), this.handle(), &[reason.get()])
            }
            Cancel::Tee(state, branch) => crate::dom::streams::tee::cancel(cx, &state, branch, reason),
            Cancel::Iterable(record) => crate::dom::streams::from::cancel(cx, &global, &record, reason),
            Cancel::Transform(stream) => stream.source_cancel(cx, reason),
            Cancel::Native(source) => source.cancel(cx, reason),
            Cancel::Resolved => Promise::new_resolved(cx, &global, &()),
        };
        // 3. Perform ! ReadableStreamDefaultControllerClearAlgorithms(this).
        self.clear_algorithms();
        result
    }

    /// <https://streams.spec.whatwg.org/#rs-default-controller-private-pull>
    pub fn pull_steps(&self, cx: &mut JSContext, request: ReadRequest) {
        let stream = self.stream();
        // 2. If this.[[queue]] is not empty:
        if !self.queue.borrow().is_empty() {
            // 2.1. Let chunk be ! DequeueValue(this).
            rooted!(&in(cx) let mut chunk = UndefinedValue());
            self.dequeue_value(chunk.handle_mut());
            // 2.2. If this.[[closeRequested]] is true and this.[[queue]] is empty: clear the
            // algorithms and close the stream. 2.3. Otherwise, call pull if needed.
            if self.close_requested.get() && self.queue.borrow().is_empty() {
                self.clear_algorithms();
                stream.close(cx);
            } else {
                self.call_pull_if_needed(cx);
            }
            // 2.4. Perform readRequest's chunk steps, given chunk.
            request.chunk_steps(cx, chunk.handle());
        } else {
            // 3.1. Perform ! ReadableStreamAddReadRequest(stream, readRequest).
            stream.add_read_request(request);
            // 3.2. Perform ! ReadableStreamDefaultControllerCallPullIfNeeded(this).
            self.call_pull_if_needed(cx);
        }
    }
}

impl ReadableStreamDefaultControllerMethods for ReadableStreamDefaultController {
    /// <https://streams.spec.whatwg.org/#rs-default-controller-desired-size>
    fn DesiredSize(&self, _cx: &mut JSContext) -> Option<f64> {
        self.desired_size()
    }

    /// <https://streams.spec.whatwg.org/#rs-default-controller-close>
    fn Close(&self, cx: &mut JSContext) -> Fallible<()> {
        // 1. If ! ReadableStreamDefaultControllerCanCloseOrEnqueue(this) is false, throw a TypeError.
        if !self.can_close_or_enqueue() {
            return Err(Error::Type("The stream cannot be closed.".into()));
        }
        // 2. Perform ! ReadableStreamDefaultControllerClose(this).
        self.close(cx);
        Ok(())
    }

    /// <https://streams.spec.whatwg.org/#rs-default-controller-enqueue>
    fn Enqueue(&self, cx: &mut JSContext, chunk: HandleValue) -> Fallible<()> {
        // 1. If ! ReadableStreamDefaultControllerCanCloseOrEnqueue(this) is false, throw a TypeError.
        if !self.can_close_or_enqueue() {
            return Err(Error::Type("Cannot enqueue a chunk into a closed or errored stream.".into()));
        }
        // 2. Perform ? ReadableStreamDefaultControllerEnqueue(this, chunk).
        self.enqueue(cx, chunk)
    }

    /// <https://streams.spec.whatwg.org/#rs-default-controller-error>
    fn Error(&self, cx: &mut JSContext, e: HandleValue) {
        // 1. Perform ! ReadableStreamDefaultControllerError(this, e).
        self.error(cx, e);
    }
}

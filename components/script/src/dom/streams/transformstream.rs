//! `TransformStream` (<https://streams.spec.whatwg.org/#ts-class>) and the abstract operations
//! on a transform stream and its default sink and source
//! (<https://streams.spec.whatwg.org/#ts-abstract-ops>).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::TransformStreamBinding::TransformStreamMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom, RootedTraceableBox};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::streams::algorithms::{SourceAlgorithms, call_function};
use crate::dom::streams::queuingstrategy::{QueuingStrategy, convert_queuing_strategy, extract_high_water_mark};
use crate::dom::streams::readablestream::{ReadableStream, StreamState};
use crate::dom::streams::readablestreamdefaultcontroller::{SizeAlgorithm, StartAlgorithm};
use crate::dom::streams::transformstreamdefaultcontroller::{
    NativeTransformer, TransformStreamDefaultController, convert_transformer,
};
use crate::dom::streams::writablestream::{WritableState, WritableStream};
use crate::dom::streams::writablestreamdefaultcontroller::SinkAlgorithms;

#[dom_struct]
pub struct TransformStream {
    reflector_: Reflector,
    /// [[backpressure]]
    backpressure: Cell<bool>,
    /// [[backpressureChangePromise]]
    backpressure_change_promise: RefCell<Option<Rc<Promise>>>,
    /// [[controller]]
    controller: MutNullableDom<TransformStreamDefaultController>,
    /// [[readable]]
    readable: MutNullableDom<ReadableStream>,
    /// [[writable]]
    writable: MutNullableDom<WritableStream>,
}

fn size_of(strategy: QueuingStrategy) -> RootedTraceableBox<SizeAlgorithm> {
    RootedTraceableBox::new(match strategy.size {
        Some(function) => SizeAlgorithm::Function(function),
        None => SizeAlgorithm::One,
    })
}

impl TransformStream {
    /// TransformStream's transfer-receiving steps
    /// (<https://streams.spec.whatwg.org/#ts-transfer>): a stream whose sides are the
    /// deserialized cross-realm `readable` and `writable` (it has no controller of its own).
    pub fn from_sides(
        cx: &mut JSContext,
        global: &Window,
        readable: &ReadableStream,
        writable: &WritableStream,
    ) -> DomRoot<TransformStream> {
        let stream = TransformStream {
            reflector_: Reflector::new(),
            backpressure: Cell::new(false),
            backpressure_change_promise: RefCell::new(None),
            controller: MutNullableDom::new(None),
            readable: MutNullableDom::new(Some(readable)),
            writable: MutNullableDom::new(Some(writable)),
        };
        crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(stream), global)
    }

    pub fn readable(&self) -> DomRoot<ReadableStream> {
        self.readable.get().expect("set up")
    }

    pub fn writable(&self) -> DomRoot<WritableStream> {
        self.writable.get().expect("set up")
    }

    pub fn controller(&self) -> DomRoot<TransformStreamDefaultController> {
        self.controller.get().expect("set up")
    }

    pub fn set_controller(&self, controller: &TransformStreamDefaultController) {
        self.controller.set(Some(controller));
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-error>
    pub fn error(&self, cx: &mut JSContext, e: HandleValue) {
        // 1. Perform ! ReadableStreamDefaultControllerError(stream.[[readable]].[[controller]], e).
        self.readable().controller().error(cx, e);
        // 2. Perform ! TransformStreamErrorWritableAndUnblockWrite(stream, e).
        self.error_writable_and_unblock_write(cx, e);
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-error-writable-and-unblock-write>
    pub fn error_writable_and_unblock_write(&self, cx: &mut JSContext, e: HandleValue) {
        // 1. Perform ! TransformStreamDefaultControllerClearAlgorithms(stream.[[controller]]).
        self.controller().clear_algorithms();
        // 2. Perform ! WritableStreamDefaultControllerErrorIfNeeded(stream.[[writable]].[[controller]], e).
        self.writable().controller().error_if_needed(cx, e);
        // 3. Perform ! TransformStreamUnblockWrite(stream).
        self.unblock_write(cx);
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-unblock-write>
    fn unblock_write(&self, cx: &mut JSContext) {
        // "If stream.[[backpressure]] is true, perform ! TransformStreamSetBackpressure(stream, false)."
        if self.backpressure.get() {
            self.set_backpressure(cx, false);
        }
    }

    pub fn backpressure(&self) -> bool {
        self.backpressure.get()
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-set-backpressure>
    pub fn set_backpressure(&self, cx: &mut JSContext, backpressure: bool) {
        // 2. If stream.[[backpressureChangePromise]] is not undefined, resolve it with undefined.
        if let Some(promise) = self.backpressure_change_promise.borrow_mut().take() {
            promise.resolve_native(cx, &());
        }
        // 3. Set stream.[[backpressureChangePromise]] to a new promise.
        *self.backpressure_change_promise.borrow_mut() = Some(Promise::new(cx, &self.global()));
        // 4. Set stream.[[backpressure]] to backpressure.
        self.backpressure.set(backpressure);
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-default-sink-write-algorithm>
    pub fn sink_write(&self, cx: &mut JSContext, chunk: HandleValue) -> Rc<Promise> {
        let controller = self.controller();
        // 3. If stream.[[backpressure]] is true: wait for the backpressure change, then (unless
        // the writable side is erroring) perform the transform.
        if self.backpressure.get() {
            let change = self.backpressure_change_promise.borrow().clone().expect("set while backpressure is true");
            let promise = Promise::new(cx, &self.global());
            react(
                cx,
                change.promise_obj(),
                (Dom::from_ref(self), (promise.clone(), crate::dom::streams::algorithms::heap_value(chunk.get()))),
                |cx, (stream, (promise, chunk)), _| {
                    let writable = stream.writable();
                    // "If state is "erroring", throw writable.[[storedError]]."
                    if writable.state() == WritableState::Erroring {
                        rooted!(&in(cx) let mut error = UndefinedValue());
                        writable.stored_error(error.handle_mut());
                        promise.reject(cx, error.handle());
                        return;
                    }
                    // "Return ! TransformStreamDefaultControllerPerformTransform(controller, chunk)."
                    rooted!(&in(cx) let chunk = chunk.get());
                    let transformed = stream.controller().perform_transform(cx, chunk.handle());
                    rooted!(&in(cx) let value = ObjectValue(transformed.promise_obj().get()));
                    promise.resolve(cx, value.handle());
                },
                |cx, (_, (promise, _)), reason| promise.reject(cx, reason),
            );
            return promise;
        }
        // 4. Return ! TransformStreamDefaultControllerPerformTransform(controller, chunk).
        controller.perform_transform(cx, chunk)
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-default-sink-abort-algorithm>
    pub fn sink_abort(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        self.controller().finish_with(cx, Finish::SinkAbort, reason)
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-default-sink-close-algorithm>
    pub fn sink_close(&self, cx: &mut JSContext) -> Rc<Promise> {
        rooted!(&in(cx) let undefined = UndefinedValue());
        self.controller().finish_with(cx, Finish::SinkClose, undefined.handle())
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-default-source-pull>
    pub fn source_pull(&self, cx: &mut JSContext) -> Rc<Promise> {
        // 2. Perform ! TransformStreamSetBackpressure(stream, false).
        self.set_backpressure(cx, false);
        // 3. Return stream.[[backpressureChangePromise]].
        self.backpressure_change_promise.borrow().clone().expect("just set")
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-default-source-cancel>
    pub fn source_cancel(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        self.controller().finish_with(cx, Finish::SourceCancel, reason)
    }

    /// Settles `finish` once `promise` (the transformer's cancel or flush) settles, following the
    /// sink abort, sink close and source cancel algorithms' reactions.
    pub fn react_to_finish(
        &self,
        cx: &mut JSContext,
        kind: Finish,
        promise: &Promise,
        finish: Rc<Promise>,
        reason: HandleValue,
    ) {
        let on_fulfilled: fn(&mut JSContext, &FinishData, HandleValue) = match kind {
            Finish::SinkAbort => |cx: &mut JSContext, (stream, (finish, reason)): &FinishData, _: HandleValue| {
                // "If readable.[[state]] is "errored", reject finishPromise with
                // readable.[[storedError]]. Otherwise: error readable's controller with
                // reason and resolve finishPromise with undefined."
                let readable = stream.readable();
                if readable.state() == StreamState::Errored {
                    rooted!(&in(cx) let mut error = UndefinedValue());
                    readable.stored_error(error.handle_mut());
                    finish.reject(cx, error.handle());
                } else {
                    rooted!(&in(cx) let reason = reason.get());
                    readable.controller().error(cx, reason.handle());
                    finish.resolve_native(cx, &());
                }
            },
            Finish::SinkClose => |cx: &mut JSContext, (stream, (finish, _)): &FinishData, _: HandleValue| {
                // "If readable.[[state]] is "errored", reject finishPromise with
                // readable.[[storedError]]. Otherwise: close readable's controller and
                // resolve finishPromise with undefined."
                let readable = stream.readable();
                if readable.state() == StreamState::Errored {
                    rooted!(&in(cx) let mut error = UndefinedValue());
                    readable.stored_error(error.handle_mut());
                    finish.reject(cx, error.handle());
                } else {
                    readable.controller().close(cx);
                    finish.resolve_native(cx, &());
                }
            },
            Finish::SourceCancel => |cx: &mut JSContext, (stream, (finish, reason)): &FinishData, _: HandleValue| {
                // "If writable.[[state]] is "errored", reject finishPromise with
                // writable.[[storedError]]. Otherwise: error writable's controller if needed
                // with reason, unblock writes, and resolve finishPromise with undefined."
                let writable = stream.writable();
                if writable.state() == WritableState::Errored {
                    rooted!(&in(cx) let mut error = UndefinedValue());
                    writable.stored_error(error.handle_mut());
                    finish.reject(cx, error.handle());
                } else {
                    rooted!(&in(cx) let reason = reason.get());
                    writable.controller().error_if_needed(cx, reason.handle());
                    stream.unblock_write(cx);
                    finish.resolve_native(cx, &());
                }
            },
        };
        let on_rejected: fn(&mut JSContext, &FinishData, HandleValue) = match kind {
            Finish::SinkAbort | Finish::SinkClose => {
                |cx: &mut JSContext, (stream, (finish, _)): &FinishData, r: HandleValue| {
                    // "Perform ! ReadableStreamDefaultControllerError(readable.[[controller]], r).
                    // Reject finishPromise with r."
                    stream.readable().controller().error(cx, r);
                    finish.reject(cx, r);
                }
            }
            Finish::SourceCancel => |cx: &mut JSContext, (stream, (finish, _)): &FinishData, r: HandleValue| {
                // "Perform ! WritableStreamDefaultControllerErrorIfNeeded(writable.[[controller]], r).
                // Perform ! TransformStreamUnblockWrite(stream). Reject finishPromise with r."
                stream.writable().controller().error_if_needed(cx, r);
                stream.unblock_write(cx);
                finish.reject(cx, r);
            },
        };
        let data = (Dom::from_ref(self), (finish, crate::dom::streams::algorithms::heap_value(reason.get())));
        react(cx, promise.promise_obj(), data, on_fulfilled, on_rejected);
    }
}

impl TransformStream {
    /// <https://streams.spec.whatwg.org/#initialize-transform-stream>: a new stream (with
    /// `proto`) whose two sides start when `start_promise` settles.
    fn initialize(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        start_promise: &Promise,
        (writable_hwm, writable_size): (f64, RootedTraceableBox<SizeAlgorithm>),
        (readable_hwm, readable_size): (f64, RootedTraceableBox<SizeAlgorithm>),
    ) -> DomRoot<TransformStream> {
        let stream = reflect_dom_object_with_proto(
            cx,
            Box::new(TransformStream {
                reflector_: Reflector::new(),
                backpressure: Cell::new(false),
                backpressure_change_promise: RefCell::new(None),
                controller: Default::default(),
                readable: Default::default(),
                writable: Default::default(),
            }),
            global,
            proto,
        );
        // 1. Let startAlgorithm be an algorithm that returns startPromise.
        rooted!(&in(cx) let start_value = ObjectValue(start_promise.promise_obj().get()));
        // 2-5. Set stream.[[writable]] to ! CreateWritableStream(startAlgorithm, the sink
        // algorithms, writableHighWaterMark, writableSizeAlgorithm).
        let writable = WritableStream::create(
            cx,
            global,
            start_value.handle(),
            RootedTraceableBox::new(SinkAlgorithms::Transform(Dom::from_ref(&*stream))),
            writable_hwm,
            writable_size,
        );
        stream.writable.set(Some(&writable));
        // 6-9. Set stream.[[readable]] to ! CreateReadableStream(startAlgorithm, the source
        // algorithms, readableHighWaterMark, readableSizeAlgorithm).
        let readable = ReadableStream::create_with(
            cx,
            global,
            StartAlgorithm::Value(start_value.handle()),
            RootedTraceableBox::new(SourceAlgorithms::Transform(Dom::from_ref(&*stream))),
            readable_hwm,
            readable_size,
        );
        stream.readable.set(Some(&readable));
        // 10-11. "Set stream.[[backpressure]] and [[backpressureChangePromise]] to undefined.
        // Perform ! TransformStreamSetBackpressure(stream, true)."
        stream.set_backpressure(cx, true);
        stream
    }

    /// <https://streams.spec.whatwg.org/#transformstream-set-up>: a TransformStream whose
    /// algorithms are `transformer`'s (used by other standards, e.g. TextEncoderStream).
    pub fn set_up(
        cx: &mut JSContext,
        global: &Window,
        transformer: Rc<dyn NativeTransformer>,
    ) -> DomRoot<TransformStream> {
        // 1-2. writableHighWaterMark 1 and writableSizeAlgorithm returning 1. 3-4.
        // readableHighWaterMark 0 and readableSizeAlgorithm returning 1.
        let one = || RootedTraceableBox::new(SizeAlgorithm::One);
        // 9. Let startPromise be a promise resolved with undefined.
        let start_promise = Promise::new_resolved(cx, global, &());
        // 10. Perform ! InitializeTransformStream(stream, startPromise, …).
        let stream = TransformStream::initialize(cx, global, None, &start_promise, (1.0, one()), (0.0, one()));
        // 5-8, 11. The wrapped algorithms and ! SetUpTransformStreamDefaultController(stream,
        // controller, transformAlgorithmWrapper, flushAlgorithmWrapper, cancelAlgorithmWrapper).
        TransformStreamDefaultController::set_up_native(cx, &stream, transformer);
        stream
    }
}

/// The data of the finish reactions: the stream, [[finishPromise]] and the reason.
type FinishData = (Dom<TransformStream>, (Rc<Promise>, Box<mozjs::jsapi::Heap<mozjs::jsval::JSVal>>));

/// Which of the three algorithms that share [[finishPromise]] runs.
#[derive(Clone, Copy)]
pub enum Finish {
    SinkAbort,
    SinkClose,
    SourceCancel,
}

impl TransformStreamMethods for TransformStream {
    /// <https://streams.spec.whatwg.org/#ts-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        transformer: HandleValue,
        writable_strategy: HandleValue,
        readable_strategy: HandleValue,
    ) -> Fallible<DomRoot<TransformStream>> {
        // The two strategies are IDL dictionaries, converted before the steps run.
        let writable_strategy = convert_queuing_strategy(cx, writable_strategy)?;
        let readable_strategy = convert_queuing_strategy(cx, readable_strategy)?;
        // 1-2. Convert transformer to a Transformer dictionary.
        let (transformer_dict, has_readable_type, has_writable_type) = convert_transformer(cx, transformer)?;
        // 3-4. If readableType or writableType exists, throw a RangeError exception.
        if has_readable_type || has_writable_type {
            return Err(Error::Range("Invalid readableType or writableType for the transformer.".into()));
        }
        // 5-8. Extract the readable (default 0) and writable (default 1) high water marks and sizes.
        let readable_hwm = extract_high_water_mark(&readable_strategy, 0.0)?;
        let writable_hwm = extract_high_water_mark(&writable_strategy, 1.0)?;
        let readable_size = size_of(readable_strategy.into_inner());
        let writable_size = size_of(writable_strategy.into_inner());
        // 9. Let startPromise be a new promise.
        let start_promise = Promise::new(cx, global);
        // 10. Perform ! InitializeTransformStream(this, startPromise, writableHighWaterMark,
        // writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm).
        let stream = TransformStream::initialize(
            cx,
            global,
            proto,
            &start_promise,
            (writable_hwm, writable_size),
            (readable_hwm, readable_size),
        );
        // 11. Perform ! SetUpTransformStreamDefaultControllerFromTransformer(this, transformer,
        // transformerDict).
        let start = match &*transformer_dict {
            Some(dict) => dict.start.as_ref().map(|start| start.get()),
            None => None,
        };
        rooted!(&in(cx) let start = start.unwrap_or(std::ptr::null_mut()));
        let controller = TransformStreamDefaultController::set_up(cx, &stream, transformer_dict);
        // 12. If transformerDict["start"] exists, resolve startPromise with the result of invoking
        // it with « this.[[controller]] » and callback this value transformer (rethrowing).
        // 13. Otherwise, resolve startPromise with undefined.
        if !start.get().is_null() {
            rooted!(&in(cx) let argument = ObjectValue(controller.reflector().get_raw()));
            rooted!(&in(cx) let mut result = UndefinedValue());
            call_function(cx, start.handle(), transformer, &[argument.get()], result.handle_mut())
                .map_err(|_| Error::JSFailed)?;
            start_promise.resolve(cx, result.handle());
        } else {
            start_promise.resolve_native(cx, &());
        }
        Ok(stream)
    }

    /// <https://streams.spec.whatwg.org/#ts-readable>: "Return this.[[readable]]."
    fn Readable(&self, _cx: &mut JSContext) -> DomRoot<ReadableStream> {
        self.readable()
    }

    /// <https://streams.spec.whatwg.org/#ts-writable>: "Return this.[[writable]]."
    fn Writable(&self, _cx: &mut JSContext) -> DomRoot<WritableStream> {
        self.writable()
    }
}

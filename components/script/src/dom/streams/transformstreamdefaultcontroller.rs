//! `TransformStreamDefaultController` (<https://streams.spec.whatwg.org/#ts-default-controller-class>),
//! its abstract operations (<https://streams.spec.whatwg.org/#ts-default-controller-abstract-ops>)
//! and the page's transformer (<https://streams.spec.whatwg.org/#transformer-api>).

use std::cell::RefCell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::JSObject;
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::HandleValue;

use crate::dom::bindings::callback::TracedObject;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::TransformStreamDefaultControllerBinding::TransformStreamDefaultControllerMethods;
use crate::dom::bindings::conversions::{get_property, is_callable};
use crate::dom::bindings::error::{Error, ErrorResult, Fallible, error_to_jsval};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{Dom, DomRoot, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::streams::algorithms::{invoke_promise_callback, rejected_with, take_exception};
use crate::dom::streams::transformstream::{Finish, TransformStream};

/// The `Transformer` dictionary (<https://streams.spec.whatwg.org/#dictdef-transformer>).
#[derive(JSTraceable)]
pub struct Transformer {
    pub object: TracedObject,
    pub start: Option<TracedObject>,
    pub transform: Option<TracedObject>,
    pub flush: Option<TracedObject>,
    pub cancel: Option<TracedObject>,
}

/// Converts `value` to a `Transformer`: members in lexicographic order (`cancel`, `flush`,
/// `readableType`, `start`, `transform`, `writableType`). Returns the dictionary and whether
/// `readableType` and `writableType` were present.
pub fn convert_transformer(
    cx: &mut JSContext,
    value: HandleValue,
) -> Fallible<(RootedTraceableBox<Option<Transformer>>, bool, bool)> {
    if value.get().is_undefined() {
        return Ok((RootedTraceableBox::new(None), false, false));
    }
    if !value.get().is_object() {
        return Err(Error::Type("The transformer is not of type 'Transformer'.".into()));
    }
    rooted!(&in(cx) let object = value.get().to_object());
    rooted!(&in(cx) let mut found = Vec::<JSVal>::new());
    rooted!(&in(cx) let mut member = UndefinedValue());
    let (mut readable_type, mut writable_type) = (false, false);
    for name in [c"cancel", c"flush", c"readableType", c"start", c"transform", c"writableType"] {
        get_property(cx, object.handle(), name, member.handle_mut()).map_err(|_| Error::JSFailed)?;
        if name == c"readableType" {
            readable_type = !member.get().is_undefined();
            continue;
        }
        if name == c"writableType" {
            writable_type = !member.get().is_undefined();
            continue;
        }
        if member.get().is_undefined() {
            found.push(UndefinedValue());
            continue;
        }
        if !is_callable(member.handle()) {
            return Err(Error::Type(format!(
                "The transformer's '{}' member is not a function.",
                name.to_string_lossy()
            )));
        }
        found.push(member.get());
    }
    let function = |value: JSVal| value.is_object().then(|| TracedObject::new(value.to_object()));
    let transformer = Transformer {
        object: TracedObject::new(object.get()),
        cancel: function(found[0]),
        flush: function(found[1]),
        start: function(found[2]),
        transform: function(found[3]),
    };
    Ok((RootedTraceableBox::new(Some(transformer)), readable_type, writable_type))
}

/// The algorithms another standard gives when it sets up a TransformStream
/// (<https://streams.spec.whatwg.org/#transformstream-set-up>); there is no cancel algorithm.
pub trait NativeTransformer: JSTraceable {
    /// transformAlgorithm, given chunk (it may enqueue through `controller`).
    fn transform(
        &self,
        cx: &mut JSContext,
        controller: &TransformStreamDefaultController,
        chunk: HandleValue,
    ) -> ErrorResult;
    /// flushAlgorithm.
    fn flush(&self, cx: &mut JSContext, controller: &TransformStreamDefaultController) -> ErrorResult;
}

/// [[transformAlgorithm]], [[flushAlgorithm]], [[cancelAlgorithm]].
#[derive(JSTraceable)]
enum TransformerAlgorithms {
    /// No transformer: the identity transform.
    Identity,
    Transformer(Transformer),
    Native(Rc<dyn NativeTransformer>),
    Cleared,
}

#[dom_struct]
pub struct TransformStreamDefaultController {
    reflector_: Reflector,
    /// [[stream]]
    stream: Dom<TransformStream>,
    /// [[finishPromise]]
    finish_promise: RefCell<Option<Rc<Promise>>>,
    algorithms: RefCell<TransformerAlgorithms>,
}

/// Which transformer method to call.
#[derive(Clone, Copy)]
enum Which {
    Transform,
    Flush,
    Cancel,
}

impl TransformStreamDefaultController {
    /// <https://streams.spec.whatwg.org/#set-up-transform-stream-default-controller-from-transformer>
    pub fn set_up(
        cx: &mut JSContext,
        stream: &TransformStream,
        transformer: RootedTraceableBox<Option<Transformer>>,
    ) -> DomRoot<TransformStreamDefaultController> {
        // 1. Let controller be a new TransformStreamDefaultController.
        let controller = TransformStreamDefaultController {
            reflector_: Reflector::new(),
            stream: Dom::from_ref(stream),
            finish_promise: RefCell::new(None),
            algorithms: RefCell::new(TransformerAlgorithms::Cleared),
        };
        let controller = reflect_dom_object(cx, Box::new(controller), &stream.global());
        // 2-7. The algorithms: the transformer's methods, or the identity transform and
        // "return a promise resolved with undefined".
        *controller.algorithms.borrow_mut() = match transformer.into_inner() {
            Some(transformer) => TransformerAlgorithms::Transformer(transformer),
            None => TransformerAlgorithms::Identity,
        };
        // SetUpTransformStreamDefaultController: "Set stream.[[controller]] to controller."
        stream.set_controller(&controller);
        controller
    }

    /// <https://streams.spec.whatwg.org/#transformstream-set-up>, steps 5-8: a controller whose
    /// algorithms wrap `transformer`'s.
    pub fn set_up_native(
        cx: &mut JSContext,
        stream: &TransformStream,
        transformer: Rc<dyn NativeTransformer>,
    ) -> DomRoot<TransformStreamDefaultController> {
        let controller = TransformStreamDefaultController {
            reflector_: Reflector::new(),
            stream: Dom::from_ref(stream),
            finish_promise: RefCell::new(None),
            algorithms: RefCell::new(TransformerAlgorithms::Native(transformer)),
        };
        let controller = reflect_dom_object(cx, Box::new(controller), &stream.global());
        stream.set_controller(&controller);
        controller
    }

    /// Runs the transform, flush or cancel algorithm.
    fn run(&self, cx: &mut JSContext, which: Which, argument: HandleValue) -> Rc<Promise> {
        let global = self.global();
        let native = match &*self.algorithms.borrow() {
            TransformerAlgorithms::Native(native) => Some(native.clone()),
            _ => None,
        };
        if let Some(native) = native {
            // transformAlgorithmWrapper / flushAlgorithmWrapper: "Let result be the result of
            // running transformAlgorithm given chunk (flushAlgorithm). If this throws an
            // exception e, return a promise rejected with e. Return a promise resolved with
            // undefined." cancelAlgorithmWrapper: "return a promise resolved with undefined".
            // A native transformer works in the stream's realm (the constructor's), whichever
            // realm's script wrote the chunk: its chunks and errors are that realm's objects.
            let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.global_object().get());
            rooted!(&in(cx) let mut chunk = argument.get());
            // SAFETY: `chunk` is rooted and the target realm entered; `cx` is this thread's live context; its raw pointer goes straight into the call.
            if !unsafe { mozjs::jsapi::JS_WrapValue(cx.raw_cx(), chunk.handle_mut().into()) } {
                // Only out of memory: the exception is the rejection reason.
                rooted!(&in(cx) let mut reason = UndefinedValue());
                // SAFETY: taking the pending exception of this context into a rooted value.
                unsafe {
                    mozjs::jsapi::JS_GetPendingException(cx.raw_cx(), reason.handle_mut().into());
                    mozjs::jsapi::JS_ClearPendingException(cx.raw_cx());
                }
                return rejected_with(cx, &global, reason.handle());
            }
            let result = match which {
                Which::Transform => native.transform(cx, self, chunk.handle()),
                Which::Flush => native.flush(cx, self),
                Which::Cancel => Ok(()),
            };
            return match result {
                Ok(()) => Promise::new_resolved(cx, &global, &()),
                Err(error) => {
                    rooted!(&in(cx) let mut value = UndefinedValue());
                    error_to_jsval(cx, &global, error, value.handle_mut());
                    rejected_with(cx, &global, value.handle())
                }
            };
        }
        let callback: Result<Option<(*mut JSObject, *mut JSObject)>, ()> = match &*self.algorithms.borrow() {
            TransformerAlgorithms::Transformer(t) => {
                let function = match which {
                    Which::Transform => &t.transform,
                    Which::Flush => &t.flush,
                    Which::Cancel => &t.cancel,
                };
                match function {
                    Some(f) => Ok(Some((f.get(), t.object.get()))),
                    None if matches!(which, Which::Transform) => Err(()),
                    None => Ok(None),
                }
            }
            TransformerAlgorithms::Identity if matches!(which, Which::Transform) => Err(()),
            TransformerAlgorithms::Identity | TransformerAlgorithms::Native(_) | TransformerAlgorithms::Cleared => {
                Ok(None)
            }
        };
        match callback {
            // The default transform algorithm: "Let result be
            // TransformStreamDefaultControllerEnqueue(controller, chunk). If result is an abrupt
            // completion, return a promise rejected with result.[[Value]]. Otherwise, return a
            // promise resolved with undefined."
            Err(()) => match self.enqueue(cx, argument) {
                Ok(()) => Promise::new_resolved(cx, &global, &()),
                Err(error) => {
                    rooted!(&in(cx) let mut value = UndefinedValue());
                    error_to_jsval(cx, &global, error, value.handle_mut());
                    rejected_with(cx, &global, value.handle())
                }
            },
            Ok(None) => Promise::new_resolved(cx, &global, &()),
            Ok(Some((function, this))) => {
                rooted!(&in(cx) let function = function);
                rooted!(&in(cx) let this = ObjectValue(this));
                rooted!(&in(cx) let controller = ObjectValue(self.reflector().get_raw()));
                let args: Vec<JSVal> = match which {
                    // transform(chunk, controller)
                    Which::Transform => vec![argument.get(), controller.get()],
                    // flush(controller)
                    Which::Flush => vec![controller.get()],
                    // cancel(reason)
                    Which::Cancel => vec![argument.get()],
                };
                rooted!(&in(cx) let args = args);
                invoke_promise_callback(cx, &global, function.handle(), this.handle(), &args)
            }
        }
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-default-controller-clear-algorithms>
    pub fn clear_algorithms(&self) {
        let _old = std::mem::replace(&mut *self.algorithms.borrow_mut(), TransformerAlgorithms::Cleared);
    }

    /// The shared start of the sink abort, sink close and source cancel algorithms: return
    /// [[finishPromise]] if set; otherwise make it, run cancel (abort, source cancel) or flush
    /// (close), clear the algorithms and react.
    pub fn finish_with(&self, cx: &mut JSContext, kind: Finish, reason: HandleValue) -> Rc<Promise> {
        // 2. If controller.[[finishPromise]] is not undefined, return controller.[[finishPromise]].
        if let Some(finish) = &*self.finish_promise.borrow() {
            return finish.clone();
        }
        // 4. Let controller.[[finishPromise]] be a new promise.
        let finish = Promise::new(cx, &self.global());
        *self.finish_promise.borrow_mut() = Some(finish.clone());
        // 5. Let cancelPromise (flushPromise) be the result of performing the cancel (flush) algorithm.
        let promise = match kind {
            Finish::SinkAbort | Finish::SourceCancel => self.run(cx, Which::Cancel, reason),
            Finish::SinkClose => self.run(cx, Which::Flush, reason),
        };
        // 6. Perform ! TransformStreamDefaultControllerClearAlgorithms(controller).
        self.clear_algorithms();
        // 7. React to it.
        self.stream.react_to_finish(cx, kind, &promise, finish.clone(), reason);
        // 8. Return controller.[[finishPromise]].
        finish
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-default-controller-enqueue>
    pub fn enqueue(&self, cx: &mut JSContext, chunk: HandleValue) -> ErrorResult {
        let stream = &self.stream;
        let readable = stream.readable();
        let readable_controller = readable.controller();
        // 3. If ! ReadableStreamDefaultControllerCanCloseOrEnqueue(readableController) is false,
        // throw a TypeError exception.
        if !readable_controller.can_close_or_enqueue() {
            return Err(Error::Type("The readable side cannot take more chunks.".into()));
        }
        // 4. Let enqueueResult be ReadableStreamDefaultControllerEnqueue(readableController, chunk).
        if readable_controller.enqueue(cx, chunk).is_err() {
            // 5. If abrupt: ErrorWritableAndUnblockWrite(stream, enqueueResult.[[Value]]); throw
            // stream.[[readable]].[[storedError]].
            rooted!(&in(cx) let mut error = UndefinedValue());
            take_exception(cx, &self.global(), error.handle_mut());
            stream.error_writable_and_unblock_write(cx, error.handle());
            readable.stored_error(error.handle_mut());
            // SAFETY: `error` is rooted; `cx` is this thread's live context; its raw pointer goes straight into the call.
            unsafe {
                mozjs::jsapi::JS_SetPendingException(
                    cx.raw_cx(),
                    error.handle().into(),
                    mozjs::jsapi::ExceptionStackBehavior::Capture,
                )
            };
            return Err(Error::JSFailed);
        }
        // 6. Let backpressure be ! ReadableStreamDefaultControllerHasBackpressure(readableController).
        let backpressure = !readable_controller.should_call_pull();
        // 7. If backpressure is not stream.[[backpressure]]: SetBackpressure(stream, true).
        if backpressure != stream.backpressure() {
            stream.set_backpressure(cx, true);
        }
        Ok(())
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-default-controller-perform-transform>
    pub fn perform_transform(&self, cx: &mut JSContext, chunk: HandleValue) -> Rc<Promise> {
        // 1. Let transformPromise be the result of performing controller.[[transformAlgorithm]].
        let transform = self.run(cx, Which::Transform, chunk);
        // 2. Return the result of reacting to transformPromise with the rejection steps given r:
        // "Perform ! TransformStreamError(controller.[[stream]], r). Throw r."
        let promise = Promise::new(cx, &self.global());
        react(
            cx,
            transform.promise_obj(),
            (Dom::from_ref(self), promise.clone()),
            |cx, (_, promise), _| promise.resolve_native(cx, &()),
            |cx, (controller, promise), r| {
                controller.stream.error(cx, r);
                promise.reject(cx, r);
            },
        );
        promise
    }

    /// <https://streams.spec.whatwg.org/#transform-stream-default-controller-terminate>
    fn terminate(&self, cx: &mut JSContext) {
        // 3. Perform ! ReadableStreamDefaultControllerClose(readableController).
        self.stream.readable().controller().close(cx);
        // 4. Let error be a TypeError exception indicating that the stream has been terminated.
        rooted!(&in(cx) let mut error = UndefinedValue());
        error_to_jsval(
            cx,
            &self.global(),
            Error::Type("The transform stream was terminated.".into()),
            error.handle_mut(),
        );
        // 5. Perform ! TransformStreamErrorWritableAndUnblockWrite(stream, error).
        self.stream.error_writable_and_unblock_write(cx, error.handle());
    }
}

impl TransformStreamDefaultControllerMethods for TransformStreamDefaultController {
    /// <https://streams.spec.whatwg.org/#ts-default-controller-desired-size>: "Let readableController
    /// be this.[[stream]].[[readable]].[[controller]]. Return ! …GetDesiredSize(readableController)."
    fn DesiredSize(&self, _cx: &mut JSContext) -> Option<f64> {
        self.stream.readable().controller().desired_size()
    }

    /// <https://streams.spec.whatwg.org/#ts-default-controller-enqueue>: "Perform
    /// ? TransformStreamDefaultControllerEnqueue(this, chunk)."
    fn Enqueue(&self, cx: &mut JSContext, chunk: HandleValue) -> Fallible<()> {
        self.enqueue(cx, chunk)
    }

    /// <https://streams.spec.whatwg.org/#ts-default-controller-error>: "Perform
    /// ? TransformStreamDefaultControllerError(this, e)", which is TransformStreamError(stream, e).
    fn Error(&self, cx: &mut JSContext, e: HandleValue) {
        self.stream.error(cx, e);
    }

    /// <https://streams.spec.whatwg.org/#ts-default-controller-terminate>: "Perform
    /// ? TransformStreamDefaultControllerTerminate(this)."
    fn Terminate(&self, cx: &mut JSContext) {
        self.terminate(cx);
    }
}

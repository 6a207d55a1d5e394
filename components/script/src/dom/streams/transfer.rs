//! Transferable streams (<https://streams.spec.whatwg.org/#transferrable-streams>): a
//! `ReadableStream`, `WritableStream` or `TransformStream` in a transfer list moves to the
//! receiving realm (another window of this thread, or a worker) as a pair of entangled
//! `MessagePort`s. The sending side pipes the original stream into a "cross-realm transform
//! writable" on one port; the receiving side gets a "cross-realm transform readable" on the
//! other (and the reverse for a writable stream). The ports are internal: their messages go to
//! the handlers below ([`PortHandler`]), never to page script.

use std::cell::RefCell;
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::HandleValue;

use crate::dom::bindings::codegen::MessagePortBinding::MessagePortMethods;
use crate::dom::bindings::conversions::{ToJSVal, get_property, set_dictionary_property};
use crate::dom::bindings::error::{Error, ErrorResult, error_to_jsval};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::streams::algorithms::{NativeSource, SourceAlgorithms};
use crate::dom::streams::readablestream::ReadableStream;
use crate::dom::streams::readablestreamdefaultcontroller::{ReadableStreamDefaultController, SizeAlgorithm};
use crate::dom::streams::writablestream::WritableStream;
use crate::dom::streams::writablestreamdefaultcontroller::{NativeSink, SinkAlgorithms};
use crate::dom::webmessaging::messageport::{MessagePort, PortHandler};

/// <https://streams.spec.whatwg.org/#abstract-opdef-packandpostmessage>
fn pack_and_post_message(cx: &mut JSContext, port: &MessagePort, kind: &str, value: HandleValue) -> ErrorResult {
    // 1. Let message be OrdinaryObjectCreate(null).
    // SAFETY: a new object with a null prototype, rooted at once.
    rooted!(&in(cx) let message = unsafe {
        mozjs::jsapi::JS_NewObjectWithGivenProto(cx.raw_cx(), std::ptr::null(), mozjs::jsapi::HandleObject::null())
    });
    if message.get().is_null() {
        return Err(Error::JSFailed);
    }
    // 2–3. CreateDataProperty(message, "type", type) and (message, "value", value).
    rooted!(&in(cx) let mut kind_value = UndefinedValue());
    kind.to_string().to_jsval(cx, kind_value.handle_mut());
    set_dictionary_property(cx, message.handle(), c"type", kind_value.handle());
    set_dictionary_property(cx, message.handle(), c"value", value);
    // 4–6. Perform ? MessagePortPostMessageSteps(port, targetPort, message, « »).
    rooted!(&in(cx) let message = ObjectValue(message.get()));
    port.post_from_rust(cx, message.handle())
}

/// <https://streams.spec.whatwg.org/#abstract-opdef-packandpostmessagehandlingerror>: on
/// failure, posts the error instead and returns it (as a value in `error`).
fn pack_and_post_message_handling_error(
    cx: &mut JSContext,
    port: &MessagePort,
    kind: &str,
    value: HandleValue,
    error: &mut Option<Error>,
) {
    // 1. Let result be PackAndPostMessage(port, type, value).
    if let Err(e) = pack_and_post_message(cx, port, kind, value) {
        // 2. If result is an abrupt completion, perform ! PackAndPostMessage(port, "error",
        //    result.[[Value]]).
        rooted!(&in(cx) let mut reason = UndefinedValue());
        error_to_jsval(cx, &port.global(), e.clone(), reason.handle_mut());
        let _ = pack_and_post_message(cx, port, "error", reason.handle());
        // 3. Return result as a completion record.
        *error = Some(e);
    }
}

/// The cancel algorithm of a cross-realm readable and the abort algorithm of a cross-realm
/// writable: "Let result be PackAndPostMessageHandlingError(port, "error", reason). Disentangle
/// port. If result is an abrupt completion, return a promise rejected with result.[[Value]].
/// Otherwise, return a promise resolved with undefined."
fn post_error_and_disentangle(cx: &mut JSContext, port: &MessagePort, reason: HandleValue) -> Rc<Promise> {
    let mut error = None;
    pack_and_post_message_handling_error(cx, port, "error", reason, &mut error);
    port.Close(cx);
    match error {
        Some(e) => Promise::new_rejected(cx, &port.global(), e),
        None => Promise::new_resolved(cx, &port.global(), &()),
    }
}

/// Reads `type` and `value` of a message the other side packed. `None` for anything else.
fn unpack(cx: &mut JSContext, data: HandleValue, value: mozjs::rust::MutableHandleValue) -> Option<String> {
    if !data.get().is_object() {
        return None;
    }
    rooted!(&in(cx) let object = data.get().to_object());
    rooted!(&in(cx) let mut kind = UndefinedValue());
    get_property(cx, object.handle(), c"type", kind.handle_mut()).ok()?;
    get_property(cx, object.handle(), c"value", value).ok()?;
    if !kind.get().is_string() {
        return None;
    }
    // SAFETY: `kind` is a rooted string value.
    let text = unsafe { mozjs::conversions::jsstr_to_string(cx, std::ptr::NonNull::new(kind.get().to_string())?) };
    Some(text)
}

/// A DataCloneError as a value (for the "messageerror" steps).
fn data_clone_error(cx: &mut JSContext, global: &Window, rval: mozjs::rust::MutableHandleValue) {
    error_to_jsval(cx, global, Error::DataClone("A chunk could not be deserialized.".into()), rval);
}

/// The readable side's port handler and source algorithms.
#[derive(JSTraceable)]
struct CrossRealmReadable {
    port: Dom<MessagePort>,
    stream: MutNullableDom<ReadableStream>,
}

impl CrossRealmReadable {
    fn controller(&self) -> Option<DomRoot<ReadableStreamDefaultController>> {
        self.stream.get().map(|s| s.controller())
    }
}

impl PortHandler for CrossRealmReadable {
    /// <https://streams.spec.whatwg.org/#abstract-opdef-setupcrossrealmtransformreadable> step 3.
    fn message(&self, cx: &mut JSContext, data: HandleValue) {
        let Some(controller) = self.controller() else { return };
        rooted!(&in(cx) let mut value = UndefinedValue());
        // 1–4. Let type and value be data's "type" and "value".
        let Some(kind) = unpack(cx, data, value.handle_mut()) else { return };
        match kind.as_str() {
            // 5. If type is "chunk", perform ! ReadableStreamDefaultControllerEnqueue(controller, value).
            "chunk" if controller.can_close_or_enqueue() => {
                let _ = controller.enqueue(cx, value.handle());
            }
            // 6. If type is "close": close controller; disentangle port.
            "close" => {
                if controller.can_close_or_enqueue() {
                    controller.close(cx);
                }
                self.port.Close(cx);
            }
            // 7. If type is "error": error controller with value; disentangle port.
            "error" => {
                controller.error(cx, value.handle());
                self.port.Close(cx);
            }
            _ => {}
        }
    }

    /// Step 4: the "messageerror" steps.
    fn message_error(&self, cx: &mut JSContext) {
        let global = self.port.global();
        rooted!(&in(cx) let mut error = UndefinedValue());
        data_clone_error(cx, &global, error.handle_mut());
        let _ = pack_and_post_message(cx, &self.port, "error", error.handle());
        if let Some(controller) = self.controller() {
            controller.error(cx, error.handle());
        }
        self.port.Close(cx);
    }
}

impl NativeSource for CrossRealmReadable {
    /// Step 7: pullAlgorithm: "Perform ! PackAndPostMessage(port, "pull", undefined). Return a
    /// promise resolved with undefined."
    fn pull(&self, cx: &mut JSContext, _controller: &ReadableStreamDefaultController) -> Rc<Promise> {
        rooted!(&in(cx) let undefined = UndefinedValue());
        let _ = pack_and_post_message(cx, &self.port, "pull", undefined.handle());
        Promise::new_resolved(cx, &self.port.global(), &())
    }

    /// Step 8: cancelAlgorithm.
    fn cancel(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        post_error_and_disentangle(cx, &self.port, reason)
    }
}

/// <https://streams.spec.whatwg.org/#abstract-opdef-setupcrossrealmtransformreadable>: a new
/// ReadableStream in `global`'s realm fed by `port`.
pub fn set_up_cross_realm_transform_readable(
    cx: &mut JSContext,
    global: &Window,
    port: &MessagePort,
) -> DomRoot<ReadableStream> {
    let source = Rc::new(CrossRealmReadable { port: Dom::from_ref(port), stream: MutNullableDom::new(None) });
    // 9. Set up the stream with a high water mark of 0 and a size algorithm returning 1.
    let stream =
        ReadableStream::create(cx, global, RootedTraceableBox::new(SourceAlgorithms::Native(source.clone())), 0.0);
    source.stream.set(Some(&stream));
    // 3–5. The port's message and messageerror handlers; enable its port message queue.
    port.set_native_handler(source);
    stream
}

/// The writable side's port handler and sink algorithms.
#[derive(JSTraceable)]
struct CrossRealmWritable {
    port: Dom<MessagePort>,
    stream: MutNullableDom<WritableStream>,
    /// backpressurePromise
    backpressure: RefCell<Option<Rc<Promise>>>,
}

impl CrossRealmWritable {
    fn resolve_backpressure(&self, cx: &mut JSContext) {
        if let Some(promise) = self.backpressure.borrow_mut().take() {
            promise.resolve_native(cx, &());
        }
    }
}

impl PortHandler for CrossRealmWritable {
    /// <https://streams.spec.whatwg.org/#abstract-opdef-setupcrossrealmtransformwritable> step 4.
    fn message(&self, cx: &mut JSContext, data: HandleValue) {
        rooted!(&in(cx) let mut value = UndefinedValue());
        let Some(kind) = unpack(cx, data, value.handle_mut()) else { return };
        match kind.as_str() {
            // 5. "pull": resolve backpressurePromise and set it to undefined.
            "pull" => self.resolve_backpressure(cx),
            // 6. "error": error the controller if needed; resolve backpressurePromise.
            "error" => {
                if let Some(stream) = self.stream.get() {
                    stream.controller().error_if_needed(cx, value.handle());
                }
                self.resolve_backpressure(cx);
            }
            _ => {}
        }
    }

    /// Step 5: the "messageerror" steps.
    fn message_error(&self, cx: &mut JSContext) {
        let global = self.port.global();
        rooted!(&in(cx) let mut error = UndefinedValue());
        data_clone_error(cx, &global, error.handle_mut());
        let _ = pack_and_post_message(cx, &self.port, "error", error.handle());
        if let Some(stream) = self.stream.get() {
            stream.controller().error_if_needed(cx, error.handle());
        }
        self.port.Close(cx);
    }
}

/// What the write algorithm's reaction needs.
#[derive(JSTraceable)]
struct PendingWrite {
    sink: Rc<CrossRealmWritable>,
    chunk: Box<mozjs::jsapi::Heap<mozjs::jsval::JSVal>>,
    result: Rc<Promise>,
}

/// The sink shared with the stream's controller (the write reaction needs the `Rc`).
#[derive(JSTraceable)]
struct CrossRealmSink(Rc<CrossRealmWritable>);

impl NativeSink for CrossRealmSink {
    /// Step 8: writeAlgorithm.
    fn write(&self, cx: &mut JSContext, chunk: HandleValue) -> Rc<Promise> {
        let sink = &self.0;
        let global = sink.port.global();
        // 1. If backpressurePromise is undefined, set it to a promise resolved with undefined.
        let backpressure =
            sink.backpressure.borrow_mut().get_or_insert_with(|| Promise::new_resolved(cx, &global, &())).clone();
        // 2. Return the result of reacting to backpressurePromise with the fulfillment steps.
        let result = Promise::new(cx, &global);
        let heap = Box::new(mozjs::jsapi::Heap::default());
        heap.set(chunk.get());
        let pending = PendingWrite { sink: sink.clone(), chunk: heap, result: result.clone() };
        rooted!(&in(cx) let promise = backpressure.promise_obj().get());
        crate::dom::bindings::reaction::react(
            cx,
            promise.handle(),
            pending,
            |cx, pending, _| {
                let sink = &pending.sink;
                // 2.1. Set backpressurePromise to a new promise.
                *sink.backpressure.borrow_mut() = Some(Promise::new(cx, &sink.port.global()));
                // 2.2. Let result be PackAndPostMessageHandlingError(port, "chunk", chunk).
                rooted!(&in(cx) let chunk = pending.chunk.get());
                let mut error = None;
                pack_and_post_message_handling_error(cx, &sink.port, "chunk", chunk.handle(), &mut error);
                match error {
                    // 2.3. If result is an abrupt completion: disentangle port; reject.
                    Some(e) => {
                        sink.port.Close(cx);
                        pending.result.reject_error(cx, e);
                    }
                    // 2.4. Otherwise, return a promise resolved with undefined.
                    None => pending.result.resolve_native(cx, &()),
                }
            },
            |cx, pending, reason| pending.result.reject(cx, reason),
        );
        result
    }

    /// Step 9: closeAlgorithm.
    fn close(&self, cx: &mut JSContext) -> Rc<Promise> {
        let sink = &self.0;
        // 1. Perform ! PackAndPostMessage(port, "close", undefined). 2. Disentangle port.
        rooted!(&in(cx) let undefined = UndefinedValue());
        let _ = pack_and_post_message(cx, &sink.port, "close", undefined.handle());
        sink.port.Close(cx);
        // 3. Return a promise resolved with undefined.
        Promise::new_resolved(cx, &sink.port.global(), &())
    }

    /// Step 10: abortAlgorithm.
    fn abort(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        post_error_and_disentangle(cx, &self.0.port, reason)
    }
}

/// <https://streams.spec.whatwg.org/#abstract-opdef-setupcrossrealmtransformwritable>: a new
/// WritableStream in `global`'s realm whose chunks go to `port`.
pub fn set_up_cross_realm_transform_writable(
    cx: &mut JSContext,
    global: &Window,
    port: &MessagePort,
) -> DomRoot<WritableStream> {
    // 2. Let backpressurePromise be a new promise.
    let writable = Rc::new(CrossRealmWritable {
        port: Dom::from_ref(port),
        stream: MutNullableDom::new(None),
        backpressure: RefCell::new(Some(Promise::new(cx, global))),
    });
    // 11. Set up the stream with a high water mark of 1 and a size algorithm returning 1.
    rooted!(&in(cx) let undefined = UndefinedValue());
    let stream = WritableStream::create(
        cx,
        global,
        undefined.handle(),
        RootedTraceableBox::new(SinkAlgorithms::Native(Rc::new(CrossRealmSink(writable.clone())))),
        1.0,
        RootedTraceableBox::new(SizeAlgorithm::One),
    );
    writable.stream.set(Some(&stream));
    // 4–6. The port's handlers; enable its port message queue.
    port.set_native_handler(writable);
    stream
}

/// ReadableStream's transfer steps (<https://streams.spec.whatwg.org/#ref-for-transfer-steps>)
/// up to the serialization of the port: returns the port that travels (port2); the stream is
/// piped into a cross-realm writable on port1. The caller checked that it is not locked.
pub fn transfer_readable(cx: &mut JSContext, stream: &ReadableStream) -> DomRoot<MessagePort> {
    let global = stream.global();
    // 2–3. Let port1 and port2 be the ports of a new MessageChannel in the current realm.
    let (port1, port2) = MessagePort::new_pair(cx, &global);
    // 4. Let writable be a new WritableStream; SetUpCrossRealmTransformWritable(writable, port1).
    let writable = set_up_cross_realm_transform_writable(cx, &global, &port1);
    // 5–6. Let promise be ! ReadableStreamPipeTo(value, writable, false, false, false); set
    //      promise.[[PromiseIsHandled]] to true.
    let promise = crate::dom::streams::pipe::readable_stream_pipe_to(cx, stream, &writable, false, false, false, None);
    promise.mark_handled(cx);
    port2
}

/// WritableStream's transfer steps: the stream receives what a cross-realm readable on port1
/// gives; port2 travels. The caller checked that it is not locked.
pub fn transfer_writable(cx: &mut JSContext, stream: &WritableStream) -> DomRoot<MessagePort> {
    let global = stream.global();
    let (port1, port2) = MessagePort::new_pair(cx, &global);
    // 4. Let readable be a new ReadableStream; SetUpCrossRealmTransformReadable(readable, port1).
    let readable = set_up_cross_realm_transform_readable(cx, &global, &port1);
    // 5–6. Let promise be ! ReadableStreamPipeTo(readable, value, false, false, false); handled.
    let promise = crate::dom::streams::pipe::readable_stream_pipe_to(cx, &readable, stream, false, false, false, None);
    promise.mark_handled(cx);
    port2
}

//! `WritableStreamDefaultWriter` (<https://streams.spec.whatwg.org/#default-writer-class>) and its
//! abstract operations (<https://streams.spec.whatwg.org/#ws-writer-abstract-ops>).

use std::cell::RefCell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::WritableStreamDefaultWriterBinding::WritableStreamDefaultWriterMethods;
use crate::dom::bindings::error::{Error, Fallible, error_to_jsval};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::streams::writablestream::{WritableState, WritableStream};

#[dom_struct]
pub struct WritableStreamDefaultWriter {
    reflector_: Reflector,
    /// [[stream]]
    stream: MutNullableDom<WritableStream>,
    /// [[closedPromise]]
    closed_promise: RefCell<Rc<Promise>>,
    /// [[readyPromise]]
    ready_promise: RefCell<Rc<Promise>>,
}

/// A promise rejected with `error` and marked as handled.
fn rejected_handled(cx: &mut JSContext, global: &Window, error: HandleValue) -> Rc<Promise> {
    let promise = Promise::new(cx, global);
    promise.reject(cx, error);
    promise.mark_handled(cx);
    promise
}

impl WritableStreamDefaultWriter {
    fn new_inherited(placeholder: Rc<Promise>) -> WritableStreamDefaultWriter {
        WritableStreamDefaultWriter {
            reflector_: Reflector::new(),
            stream: Default::default(),
            closed_promise: RefCell::new(placeholder.clone()),
            ready_promise: RefCell::new(placeholder),
        }
    }

    /// <https://streams.spec.whatwg.org/#acquire-writable-stream-default-writer>
    pub fn acquire(
        cx: &mut JSContext,
        global: &Window,
        stream: &WritableStream,
    ) -> Fallible<DomRoot<WritableStreamDefaultWriter>> {
        let placeholder = Promise::new(cx, global);
        let writer = reflect_dom_object(cx, Box::new(Self::new_inherited(placeholder)), global);
        writer.set_up(cx, stream)?;
        Ok(writer)
    }

    /// <https://streams.spec.whatwg.org/#set-up-writable-stream-default-writer>
    fn set_up(&self, cx: &mut JSContext, stream: &WritableStream) -> Fallible<()> {
        let global = self.global();
        // 1. If ! IsWritableStreamLocked(stream) is true, throw a TypeError exception.
        if stream.is_locked() {
            return Err(Error::Type("The stream is locked to another writer.".into()));
        }
        // 2-3. Set writer.[[stream]] to stream; set stream.[[writer]] to writer.
        self.stream.set(Some(stream));
        stream.set_writer(Some(self));
        rooted!(&in(cx) let mut stored_error = UndefinedValue());
        stream.stored_error(stored_error.handle_mut());
        let (ready, closed) = match stream.state() {
            // 5. "writable": readyPromise is a new promise if the close is not queued and there is
            // backpressure, else resolved with undefined; closedPromise a new promise.
            WritableState::Writable => {
                let ready = if !stream.close_queued_or_in_flight() && stream.backpressure() {
                    Promise::new(cx, &global)
                } else {
                    Promise::new_resolved(cx, &global, &())
                };
                (ready, Promise::new(cx, &global))
            }
            // 6. "erroring": readyPromise rejected with storedError (handled); closedPromise new.
            WritableState::Erroring => {
                (rejected_handled(cx, &global, stored_error.handle()), Promise::new(cx, &global))
            }
            // 7. "closed": both resolved with undefined.
            WritableState::Closed => (Promise::new_resolved(cx, &global, &()), Promise::new_resolved(cx, &global, &())),
            // 8. "errored": both rejected with storedError (handled).
            WritableState::Errored => (
                rejected_handled(cx, &global, stored_error.handle()),
                rejected_handled(cx, &global, stored_error.handle()),
            ),
        };
        *self.ready_promise.borrow_mut() = ready;
        *self.closed_promise.borrow_mut() = closed;
        Ok(())
    }

    pub fn closed_promise(&self) -> Rc<Promise> {
        self.closed_promise.borrow().clone()
    }

    pub fn ready_promise(&self) -> Rc<Promise> {
        self.ready_promise.borrow().clone()
    }

    pub fn set_ready_promise(&self, promise: Rc<Promise>) {
        *self.ready_promise.borrow_mut() = promise;
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-writer-ensure-ready-promise-rejected>
    pub fn ensure_ready_promise_rejected(&self, cx: &mut JSContext, error: HandleValue) {
        // "If writer.[[readyPromise]] is pending, reject it with error; otherwise set it to a
        // promise rejected with error. Set its [[PromiseIsHandled]] to true."
        let ready = self.ready_promise();
        if ready.is_pending() {
            ready.reject(cx, error);
            ready.mark_handled(cx);
        } else {
            *self.ready_promise.borrow_mut() = rejected_handled(cx, &self.global(), error);
        }
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-writer-ensure-closed-promise-rejected>
    fn ensure_closed_promise_rejected(&self, cx: &mut JSContext, error: HandleValue) {
        let closed = self.closed_promise();
        if closed.is_pending() {
            closed.reject(cx, error);
            closed.mark_handled(cx);
        } else {
            *self.closed_promise.borrow_mut() = rejected_handled(cx, &self.global(), error);
        }
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-writer-get-desired-size>
    fn desired_size(&self, stream: &WritableStream) -> Option<f64> {
        match stream.state() {
            // 3. If state is "errored" or "erroring", return null.
            WritableState::Errored | WritableState::Erroring => None,
            // 4. If state is "closed", return 0.
            WritableState::Closed => Some(0.0),
            // 5. Return ! WritableStreamDefaultControllerGetDesiredSize(stream.[[controller]]).
            WritableState::Writable => Some(stream.controller().desired_size()),
        }
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-writer-release>
    pub fn release(&self, cx: &mut JSContext) {
        let stream = self.stream.get().expect("a writer being released has a stream");
        // 4. Let releasedError be a new TypeError.
        rooted!(&in(cx) let mut released = UndefinedValue());
        error_to_jsval(
            cx,
            &self.global(),
            Error::Type("The writer's lock was released.".into()),
            released.handle_mut(),
        );
        // 5-6. Ensure the ready and closed promises are rejected with releasedError.
        self.ensure_ready_promise_rejected(cx, released.handle());
        self.ensure_closed_promise_rejected(cx, released.handle());
        // 7-8. Set stream.[[writer]] and writer.[[stream]] to undefined.
        stream.set_writer(None);
        self.stream.set(None);
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-writer-write>
    pub fn write(&self, cx: &mut JSContext, chunk: HandleValue) -> Rc<Promise> {
        let global = self.global();
        let stream = self.stream.get().expect("a writer that writes has a stream");
        // 2-3. Let chunkSize be ! WritableStreamDefaultControllerGetChunkSize(controller, chunk).
        let controller = stream.controller();
        let chunk_size = controller.chunk_size(cx, chunk);
        // 4. If stream is not equal to writer.[[stream]] (the size function released the lock),
        // return a promise rejected with a TypeError.
        if !self.stream.is(Some(&stream)) {
            return Promise::new_rejected(cx, &global, Error::Type("The writer's lock was released.".into()));
        }
        rooted!(&in(cx) let mut stored_error = UndefinedValue());
        stream.stored_error(stored_error.handle_mut());
        let state = stream.state();
        // 6. If state is "errored", return a promise rejected with stream.[[storedError]].
        if state == WritableState::Errored {
            let promise = Promise::new(cx, &global);
            promise.reject(cx, stored_error.handle());
            return promise;
        }
        // 7. If the close is queued or in flight, or state is "closed", reject with a TypeError.
        if stream.close_queued_or_in_flight() || state == WritableState::Closed {
            return Promise::new_rejected(cx, &global, Error::Type("The stream is closing or closed.".into()));
        }
        // 8. If state is "erroring", return a promise rejected with stream.[[storedError]].
        if state == WritableState::Erroring {
            let promise = Promise::new(cx, &global);
            promise.reject(cx, stored_error.handle());
            return promise;
        }
        // 10. Let promise be ! WritableStreamAddWriteRequest(stream).
        let promise = stream.add_write_request(cx);
        // 11. Perform ! WritableStreamDefaultControllerWrite(controller, chunk, chunkSize).
        controller.write(cx, chunk, chunk_size);
        promise
    }

    /// <https://streams.spec.whatwg.org/#writable-stream-default-writer-close-with-error-propagation>
    pub fn close_with_error_propagation(&self, cx: &mut JSContext) -> Rc<Promise> {
        let global = self.global();
        let stream = self.stream.get().expect("a writer that closes has a stream");
        let state = stream.state();
        // 4. If the close is queued or in flight, or state is "closed", resolve with undefined.
        if stream.close_queued_or_in_flight() || state == WritableState::Closed {
            return Promise::new_resolved(cx, &global, &());
        }
        // 5. If state is "errored", return a promise rejected with stream.[[storedError]].
        if state == WritableState::Errored {
            rooted!(&in(cx) let mut stored_error = UndefinedValue());
            stream.stored_error(stored_error.handle_mut());
            let promise = Promise::new(cx, &global);
            promise.reject(cx, stored_error.handle());
            return promise;
        }
        // 7. Return ! WritableStreamDefaultWriterClose(writer).
        stream.close(cx)
    }

    pub fn stream(&self) -> Option<DomRoot<WritableStream>> {
        self.stream.get()
    }
}

impl WritableStreamDefaultWriterMethods for WritableStreamDefaultWriter {
    /// <https://streams.spec.whatwg.org/#default-writer-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        stream: &WritableStream,
    ) -> Fallible<DomRoot<WritableStreamDefaultWriter>> {
        let placeholder = Promise::new(cx, global);
        let writer = reflect_dom_object_with_proto(cx, Box::new(Self::new_inherited(placeholder)), global, proto);
        // "Perform ? SetUpWritableStreamDefaultWriter(this, stream)."
        writer.set_up(cx, stream)?;
        Ok(writer)
    }

    /// <https://streams.spec.whatwg.org/#default-writer-closed>: "Return this.[[closedPromise]]."
    fn Closed(&self, _cx: &mut JSContext) -> Rc<Promise> {
        self.closed_promise()
    }

    /// <https://streams.spec.whatwg.org/#default-writer-desired-size>
    fn DesiredSize(&self, _cx: &mut JSContext) -> Fallible<Option<f64>> {
        // 1. If this.[[stream]] is undefined, throw a TypeError exception.
        let Some(stream) = self.stream.get() else {
            return Err(Error::Type("The writer has no stream.".into()));
        };
        // 2. Return ! WritableStreamDefaultWriterGetDesiredSize(this).
        Ok(self.desired_size(&stream))
    }

    /// <https://streams.spec.whatwg.org/#default-writer-ready>: "Return this.[[readyPromise]]."
    fn Ready(&self, _cx: &mut JSContext) -> Rc<Promise> {
        self.ready_promise()
    }

    /// <https://streams.spec.whatwg.org/#default-writer-abort>
    fn Abort(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        // 1. If this.[[stream]] is undefined, return a promise rejected with a TypeError.
        let Some(stream) = self.stream.get() else {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The writer has no stream.".into()));
        };
        // 2. Return ! WritableStreamDefaultWriterAbort(this, reason) = WritableStreamAbort(stream, reason).
        stream.abort(cx, reason)
    }

    /// <https://streams.spec.whatwg.org/#default-writer-close>
    fn Close(&self, cx: &mut JSContext) -> Rc<Promise> {
        // 1-2. If this.[[stream]] is undefined, return a promise rejected with a TypeError.
        let Some(stream) = self.stream.get() else {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The writer has no stream.".into()));
        };
        // 3. If ! WritableStreamCloseQueuedOrInFlight(stream) is true, reject with a TypeError.
        if stream.close_queued_or_in_flight() {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The stream is already closing.".into()));
        }
        // 4. Return ! WritableStreamDefaultWriterClose(this) = WritableStreamClose(stream).
        stream.close(cx)
    }

    /// <https://streams.spec.whatwg.org/#default-writer-release-lock>
    fn ReleaseLock(&self, cx: &mut JSContext) {
        // 1-2. If this.[[stream]] is undefined, return.
        if self.stream.get().is_none() {
            return;
        }
        // 4. Perform ! WritableStreamDefaultWriterRelease(this).
        self.release(cx);
    }

    /// <https://streams.spec.whatwg.org/#default-writer-write>
    fn Write(&self, cx: &mut JSContext, chunk: HandleValue) -> Rc<Promise> {
        // 1. If this.[[stream]] is undefined, return a promise rejected with a TypeError.
        if self.stream.get().is_none() {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The writer has no stream.".into()));
        }
        // 2. Return ! WritableStreamDefaultWriterWrite(this, chunk).
        self.write(cx, chunk)
    }
}

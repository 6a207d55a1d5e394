//! `ReadableStreamBYOBReader` (<https://streams.spec.whatwg.org/#byob-reader-class>) and read-into
//! requests (<https://streams.spec.whatwg.org/#read-into-request>).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::ReadableStreamBYOBReaderReadOptions;
use crate::dom::bindings::codegen::ReadableStreamBYOBReaderBinding::ReadableStreamBYOBReaderMethods;
use crate::dom::bindings::error::{Error, Fallible, error_to_jsval};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::streams::buffers::{self, ViewType};
use crate::dom::streams::bytetee::ByteTeeState;
use crate::dom::streams::genericreader::GenericReader;
use crate::dom::streams::readablestream::{ReadableStream, StreamState};
use crate::dom::streams::readablestreamdefaultreader::resolve_read_result;

/// A read-into request: what to do with the filled view, the end of the stream, or its error.
#[derive(JSTraceable)]
pub enum ReadIntoRequest {
    /// `read(view)`: settle this promise with a ReadableStreamReadResult.
    Promise(Rc<Promise>),
    /// ReadableByteStreamTee's pullWithBYOBReader, for branch 2 when the flag is true.
    Tee(Rc<ByteTeeState>, bool),
}

impl ReadIntoRequest {
    /// The chunk steps, given chunk.
    pub fn chunk_steps(&self, cx: &mut JSContext, chunk: HandleValue) {
        match self {
            // "Resolve promise with «[ "value" → chunk, "done" → false ]»."
            ReadIntoRequest::Promise(promise) => resolve_read_result(cx, promise, chunk, false),
            ReadIntoRequest::Tee(state, for_branch2) => {
                crate::dom::streams::bytetee::byob_chunk_steps(cx, state, *for_branch2, chunk)
            }
        }
    }

    /// The close steps, given chunk (a view, or undefined).
    pub fn close_steps(&self, cx: &mut JSContext, chunk: HandleValue) {
        match self {
            // "Resolve promise with «[ "value" → chunk, "done" → true ]»."
            ReadIntoRequest::Promise(promise) => resolve_read_result(cx, promise, chunk, true),
            ReadIntoRequest::Tee(state, for_branch2) => {
                crate::dom::streams::bytetee::byob_close_steps(cx, state, *for_branch2, chunk)
            }
        }
    }

    /// The error steps, given e.
    pub fn error_steps(&self, cx: &mut JSContext, e: HandleValue) {
        match self {
            // "Reject promise with e."
            ReadIntoRequest::Promise(promise) => promise.reject(cx, e),
            ReadIntoRequest::Tee(state, _) => crate::dom::streams::bytetee::error_steps(state),
        }
    }
}

#[dom_struct]
pub struct ReadableStreamBYOBReader {
    reflector_: Reflector,
    /// [[stream]] and [[closedPromise]]
    generic: GenericReader,
    /// [[readIntoRequests]]
    read_into_requests: RefCell<VecDeque<ReadIntoRequest>>,
}

impl ReadableStreamBYOBReader {
    fn new_inherited(closed_promise: Rc<Promise>) -> ReadableStreamBYOBReader {
        ReadableStreamBYOBReader {
            reflector_: Reflector::new(),
            generic: GenericReader::new(closed_promise),
            read_into_requests: Default::default(),
        }
    }

    /// <https://streams.spec.whatwg.org/#acquire-readable-stream-byob-reader>
    pub fn acquire(
        cx: &mut JSContext,
        global: &Window,
        stream: &ReadableStream,
    ) -> Fallible<DomRoot<ReadableStreamBYOBReader>> {
        // 1. Let reader be a new ReadableStreamBYOBReader.
        let placeholder = Promise::new(cx, global);
        let reader = reflect_dom_object(cx, Box::new(Self::new_inherited(placeholder)), global);
        // 2. Perform ? SetUpReadableStreamBYOBReader(reader, stream).
        reader.set_up(cx, stream)?;
        Ok(reader)
    }

    /// <https://streams.spec.whatwg.org/#set-up-readable-stream-byob-reader>
    fn set_up(&self, cx: &mut JSContext, stream: &ReadableStream) -> Fallible<()> {
        // 1. If ! IsReadableStreamLocked(stream) is true, throw a TypeError exception.
        if stream.is_locked() {
            return Err(Error::Type("The stream is locked to another reader.".into()));
        }
        // 2. If stream.[[controller]] does not implement ReadableByteStreamController, throw a
        // TypeError exception.
        if stream.byte_controller().is_none() {
            return Err(Error::Type("A BYOB reader needs a readable byte stream.".into()));
        }
        // 3. Perform ! ReadableStreamReaderGenericInitialize(reader, stream).
        self.generic.initialize(cx, &self.global(), stream);
        stream.set_byob_reader(Some(self));
        // 4. Set reader.[[readIntoRequests]] to a new empty list.
        self.read_into_requests.borrow_mut().clear();
        Ok(())
    }

    pub fn stream(&self) -> Option<DomRoot<ReadableStream>> {
        self.generic.stream()
    }

    pub fn closed_promise(&self) -> Rc<Promise> {
        self.generic.closed_promise()
    }

    pub fn num_read_into_requests(&self) -> usize {
        self.read_into_requests.borrow().len()
    }

    pub fn push_read_into_request(&self, request: ReadIntoRequest) {
        self.read_into_requests.borrow_mut().push_back(request);
    }

    pub fn shift_read_into_request(&self) -> Option<ReadIntoRequest> {
        self.read_into_requests.borrow_mut().pop_front()
    }

    pub fn take_read_into_requests(&self) -> VecDeque<ReadIntoRequest> {
        std::mem::take(&mut *self.read_into_requests.borrow_mut())
    }

    /// ReadableStreamBYOBReaderErrorReadIntoRequests(reader, e)
    pub fn error_read_into_requests(&self, cx: &mut JSContext, e: HandleValue) {
        // "Let readIntoRequests be reader.[[readIntoRequests]]. Set it to a new empty list. For
        // each readIntoRequest, perform its error steps, given e."
        for request in self.take_read_into_requests() {
            request.error_steps(cx, e);
        }
    }

    /// <https://streams.spec.whatwg.org/#abstract-opdef-readablestreambyobreaderrelease>
    pub fn release(&self, cx: &mut JSContext) {
        // 1. Perform ! ReadableStreamReaderGenericRelease(reader).
        self.generic.release(cx, &self.global());
        // 2. Let e be a new TypeError exception.
        rooted!(&in(cx) let mut e = UndefinedValue());
        error_to_jsval(cx, &self.global(), Error::Type("The reader's lock was released.".into()), e.handle_mut());
        // 3. Perform ! ReadableStreamBYOBReaderErrorReadIntoRequests(reader, e).
        self.error_read_into_requests(cx, e.handle());
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-byob-reader-read>
    pub fn read(&self, cx: &mut JSContext, view: *mut mozjs::jsapi::JSObject, min: u64, request: ReadIntoRequest) {
        // 1-2. Let stream be reader.[[stream]] (set).
        let Some(stream) = self.generic.stream() else {
            rooted!(&in(cx) let mut error = UndefinedValue());
            error_to_jsval(cx, &self.global(), Error::Type("The reader has no stream.".into()), error.handle_mut());
            request.error_steps(cx, error.handle());
            return;
        };
        // 3. Set stream.[[disturbed]] to true.
        stream.set_disturbed();
        // 4. If stream.[[state]] is "errored", perform readIntoRequest's error steps given
        // stream.[[storedError]].
        if stream.state() == StreamState::Errored {
            rooted!(&in(cx) let mut error = UndefinedValue());
            stream.stored_error(error.handle_mut());
            request.error_steps(cx, error.handle());
            return;
        }
        // 5. Otherwise, perform ! ReadableByteStreamControllerPullInto(stream.[[controller]],
        // view, min, readIntoRequest).
        match stream.byte_controller() {
            Some(controller) => controller.pull_into(cx, view, min, request),
            None => {
                rooted!(&in(cx) let mut error = UndefinedValue());
                error_to_jsval(cx, &self.global(), Error::Type("Not a byte stream.".into()), error.handle_mut());
                request.error_steps(cx, error.handle());
            }
        }
    }
}

impl ReadableStreamBYOBReaderMethods for ReadableStreamBYOBReader {
    /// <https://streams.spec.whatwg.org/#byob-reader-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        stream: &ReadableStream,
    ) -> Fallible<DomRoot<ReadableStreamBYOBReader>> {
        let placeholder = Promise::new(cx, global);
        let reader = reflect_dom_object_with_proto(cx, Box::new(Self::new_inherited(placeholder)), global, proto);
        // 1. Perform ? SetUpReadableStreamBYOBReader(this, stream).
        reader.set_up(cx, stream)?;
        Ok(reader)
    }

    /// <https://streams.spec.whatwg.org/#byob-reader-read>
    fn Read(
        &self,
        cx: &mut JSContext,
        view: HandleObject,
        options: &ReadableStreamBYOBReaderReadOptions,
    ) -> Rc<Promise> {
        let global = self.global();
        // (The IDL type of view is ArrayBufferView.)
        rooted!(&in(cx) let value = ObjectValue(view.get()));
        let Some(view) = buffers::as_view(value.handle()) else {
            return Promise::new_rejected(cx, &global, Error::Type("The argument is not an ArrayBufferView.".into()));
        };
        rooted!(&in(cx) let view = view);
        let info = buffers::view_info(cx, view.handle());
        // 1. If view.[[ByteLength]] is 0, return a promise rejected with a TypeError exception.
        if info.byte_length == 0 {
            return Promise::new_rejected(cx, &global, Error::Type("The view is empty.".into()));
        }
        // 2. If view.[[ViewedArrayBuffer]].[[ByteLength]] is 0, return a promise rejected with a TypeError.
        if buffers::is_shared(info.buffer) || buffers::byte_length(info.buffer) == 0 {
            return Promise::new_rejected(cx, &global, Error::Type("The view's buffer is empty.".into()));
        }
        // 3. If ! IsDetachedBuffer(view.[[ViewedArrayBuffer]]) is true, return a promise
        // rejected with a TypeError exception.
        if buffers::is_detached(info.buffer) {
            return Promise::new_rejected(cx, &global, Error::Type("The view's buffer is detached.".into()));
        }
        // 4. If options["min"] is 0, return a promise rejected with a TypeError exception.
        if options.min == 0 {
            return Promise::new_rejected(cx, &global, Error::Type("min must be positive.".into()));
        }
        // 5-6. If options["min"] > view.[[ArrayLength]] (a typed array) or view.[[ByteLength]]
        // (a DataView), return a promise rejected with a RangeError exception.
        let limit = match info.kind {
            ViewType::DataView => info.byte_length,
            ViewType::Typed(_) => info.length,
        };
        if options.min > limit as u64 {
            return Promise::new_rejected(cx, &global, Error::Range("min is more than the view holds.".into()));
        }
        // 7. If this.[[stream]] is undefined, return a promise rejected with a TypeError exception.
        if self.generic.stream().is_none() {
            return Promise::new_rejected(cx, &global, Error::Type("The reader has no stream.".into()));
        }
        // 8-9. Let promise be a new promise and readIntoRequest a request settling it.
        let promise = Promise::new(cx, &global);
        // 10. Perform ! ReadableStreamBYOBReaderRead(this, view, options["min"], readIntoRequest).
        self.read(cx, view.get(), options.min, ReadIntoRequest::Promise(promise.clone()));
        // 11. Return promise.
        promise
    }

    /// <https://streams.spec.whatwg.org/#byob-reader-release-lock>
    fn ReleaseLock(&self, cx: &mut JSContext) {
        // 1. If this.[[stream]] is undefined, return.
        if self.generic.stream().is_none() {
            return;
        }
        // 2. Perform ! ReadableStreamBYOBReaderRelease(this).
        self.release(cx);
    }

    /// <https://streams.spec.whatwg.org/#generic-reader-closed>: "Return this.[[closedPromise]]."
    fn Closed(&self, _cx: &mut JSContext) -> Rc<Promise> {
        self.generic.closed_promise()
    }

    /// <https://streams.spec.whatwg.org/#generic-reader-cancel>
    fn Cancel(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        // 1. If this.[[stream]] is undefined, return a promise rejected with a TypeError exception.
        let Some(stream) = self.generic.stream() else {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The reader has no stream.".into()));
        };
        // 2. Return ! ReadableStreamReaderGenericCancel(this, reason).
        stream.cancel(cx, reason)
    }
}

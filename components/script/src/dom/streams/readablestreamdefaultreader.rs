//! `ReadableStreamDefaultReader` (<https://streams.spec.whatwg.org/#default-reader-class>), read
//! requests, and the generic reader operations (<https://streams.spec.whatwg.org/#rs-reader-abstract-ops>).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::{BooleanValue, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::ReadableStreamDefaultReaderBinding::ReadableStreamDefaultReaderMethods;
use crate::dom::bindings::conversions::{new_plain_object, set_dictionary_property};
use crate::dom::bindings::error::{Error, Fallible, error_to_jsval};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::streams::genericreader::GenericReader;
use crate::dom::streams::readablestream::{ReadableStream, StreamState};
use crate::dom::streams::tee::TeeState;

/// A read request (<https://streams.spec.whatwg.org/#read-request>): what to do with the next
/// chunk, the end of the stream, or its error.
#[derive(JSTraceable)]
pub enum ReadRequest {
    /// `read()`: settle this promise with a ReadableStreamReadResult.
    Promise(Rc<Promise>),
    /// The read request of ReadableStreamDefaultTee's pull algorithm.
    Tee(Rc<TeeState>),
    /// The read request of ReadableByteStreamTee's pullWithDefaultReader.
    ByteTee(Rc<crate::dom::streams::bytetee::ByteTeeState>),
    /// The read request of ReadableStreamPipeTo's loop (the end and errors are seen through
    /// the reader's closed promise).
    Pipe(Rc<crate::dom::streams::pipe::PipeState>),
    /// The read request of a ReadableStream async iterator's "get the next iteration result".
    Iterator(Rc<crate::dom::streams::asynciterator::IteratorReadRequest>),
    /// The read request of ReadableStreamDefaultReaderReadAllBytes (a body being consumed).
    ReadAll(Rc<crate::dom::fetch::body::ReadAllBytes>),
}

impl ReadRequest {
    /// The chunk steps, given chunk.
    pub fn chunk_steps(&self, cx: &mut JSContext, chunk: HandleValue) {
        match self {
            // "Resolve promise with «[ "value" → chunk, "done" → false ]»."
            ReadRequest::Promise(promise) => resolve_read_result(cx, promise, chunk, false),
            ReadRequest::Tee(state) => crate::dom::streams::tee::chunk_steps(cx, state, chunk),
            ReadRequest::ByteTee(state) => crate::dom::streams::bytetee::default_chunk_steps(cx, state, chunk),
            ReadRequest::Pipe(state) => crate::dom::streams::pipe::chunk_steps(cx, state, chunk),
            ReadRequest::Iterator(request) => request.chunk_steps(cx, chunk),
            ReadRequest::ReadAll(state) => state.chunk_steps(cx, chunk),
        }
    }

    /// The close steps.
    pub fn close_steps(&self, cx: &mut JSContext) {
        match self {
            // "Resolve promise with «[ "value" → undefined, "done" → true ]»."
            ReadRequest::Promise(promise) => {
                rooted!(&in(cx) let undefined = UndefinedValue());
                resolve_read_result(cx, promise, undefined.handle(), true)
            }
            ReadRequest::Tee(state) => crate::dom::streams::tee::close_steps(cx, state),
            ReadRequest::ByteTee(state) => crate::dom::streams::bytetee::default_close_steps(cx, state),
            ReadRequest::Pipe(_) => {}
            ReadRequest::Iterator(request) => request.close_steps(cx),
            ReadRequest::ReadAll(state) => state.close_steps(cx),
        }
    }

    /// The error steps, given e.
    pub fn error_steps(&self, cx: &mut JSContext, e: HandleValue) {
        match self {
            // "Reject promise with e."
            ReadRequest::Promise(promise) => promise.reject(cx, e),
            ReadRequest::Tee(state) => crate::dom::streams::tee::error_steps(state),
            ReadRequest::ByteTee(state) => crate::dom::streams::bytetee::error_steps(state),
            ReadRequest::Pipe(_) => {}
            ReadRequest::Iterator(request) => request.error_steps(cx, e),
            ReadRequest::ReadAll(state) => state.error_steps(cx, e),
        }
    }
}

/// Resolves `promise` with a ReadableStreamReadResult dictionary `{ value, done }`, converted to
/// JS in the current realm (that of the method or reaction running the steps), as WebIDL does.
pub fn resolve_read_result(cx: &mut JSContext, promise: &Promise, value: HandleValue, done: bool) {
    rooted!(&in(cx) let mut value = value.get());
    mozjs::rust::maybe_wrap_value(cx, value.handle_mut());
    rooted!(&in(cx) let result = new_plain_object(cx));
    rooted!(&in(cx) let done = BooleanValue(done));
    // The dictionary's members in order: "done", then "value".
    set_dictionary_property(cx, result.handle(), c"done", done.handle());
    set_dictionary_property(cx, result.handle(), c"value", value.handle());
    rooted!(&in(cx) let result = ObjectValue(result.get()));
    promise.resolve(cx, result.handle());
}

#[dom_struct]
pub struct ReadableStreamDefaultReader {
    reflector_: Reflector,
    /// [[stream]] and [[closedPromise]]
    generic: GenericReader,
    /// [[readRequests]]
    read_requests: RefCell<VecDeque<ReadRequest>>,
}

impl ReadableStreamDefaultReader {
    fn new_inherited(closed_promise: Rc<Promise>) -> ReadableStreamDefaultReader {
        ReadableStreamDefaultReader {
            reflector_: Reflector::new(),
            generic: GenericReader::new(closed_promise),
            read_requests: Default::default(),
        }
    }

    /// <https://streams.spec.whatwg.org/#acquire-readable-stream-reader>
    pub fn acquire(
        cx: &mut JSContext,
        global: &Window,
        stream: &ReadableStream,
    ) -> Fallible<DomRoot<ReadableStreamDefaultReader>> {
        // 1. Let reader be a new ReadableStreamDefaultReader.
        let placeholder = Promise::new(cx, global);
        let reader = reflect_dom_object(cx, Box::new(Self::new_inherited(placeholder)), global);
        // 2. Perform ? SetUpReadableStreamDefaultReader(reader, stream).
        reader.set_up(cx, stream)?;
        Ok(reader)
    }

    /// <https://streams.spec.whatwg.org/#set-up-readable-stream-default-reader>
    fn set_up(&self, cx: &mut JSContext, stream: &ReadableStream) -> Fallible<()> {
        // 1. If ! IsReadableStreamLocked(stream) is true, throw a TypeError exception.
        if stream.is_locked() {
            return Err(Error::Type("The stream is locked to another reader.".into()));
        }
        // 2. Perform ! ReadableStreamReaderGenericInitialize(reader, stream).
        self.generic.initialize(cx, &self.global(), stream);
        stream.set_reader(Some(self));
        // 3. Set reader.[[readRequests]] to a new empty list.
        self.read_requests.borrow_mut().clear();
        Ok(())
    }

    /// <https://streams.spec.whatwg.org/#abstract-opdef-readablestreamdefaultreaderrelease>
    pub fn release(&self, cx: &mut JSContext) {
        // 1. Perform ! ReadableStreamReaderGenericRelease(reader).
        self.generic.release(cx, &self.global());
        // 2. Let e be a new TypeError exception.
        rooted!(&in(cx) let mut e = UndefinedValue());
        error_to_jsval(cx, &self.global(), Error::Type("The reader's lock was released.".into()), e.handle_mut());
        // 3. Perform ! ReadableStreamDefaultReaderErrorReadRequests(reader, e).
        self.error_read_requests(cx, e.handle());
    }

    /// <https://streams.spec.whatwg.org/#abstract-opdef-readablestreamdefaultreadererrorreadrequests>
    pub fn error_read_requests(&self, cx: &mut JSContext, e: HandleValue) {
        // "Let readRequests be reader.[[readRequests]]. Set reader.[[readRequests]] to a new
        // empty list. For each readRequest of readRequests, perform its error steps, given e."
        for request in self.take_read_requests() {
            request.error_steps(cx, e);
        }
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-default-reader-read>
    pub fn read(&self, cx: &mut JSContext, request: ReadRequest) {
        // 1-2. Let stream be reader.[[stream]] (set).
        let Some(stream) = self.generic.stream() else {
            rooted!(&in(cx) let mut error = UndefinedValue());
            error_to_jsval(cx, &self.global(), Error::Type("The reader has no stream.".into()), error.handle_mut());
            request.error_steps(cx, error.handle());
            return;
        };
        // 3. Set stream.[[disturbed]] to true.
        stream.set_disturbed();
        match stream.state() {
            // 4. If stream.[[state]] is "closed", perform readRequest's close steps.
            StreamState::Closed => request.close_steps(cx),
            // 5. If "errored", perform readRequest's error steps given stream.[[storedError]].
            StreamState::Errored => {
                rooted!(&in(cx) let mut error = UndefinedValue());
                stream.stored_error(error.handle_mut());
                request.error_steps(cx, error.handle());
            }
            // 6. Otherwise, perform ! stream.[[controller]].[[PullSteps]](readRequest).
            StreamState::Readable => stream.controller_pull_steps(cx, request),
        }
    }

    /// [[stream]]
    pub fn stream(&self) -> Option<DomRoot<ReadableStream>> {
        self.generic.stream()
    }

    pub fn closed_promise(&self) -> Rc<Promise> {
        self.generic.closed_promise()
    }

    pub fn num_read_requests(&self) -> usize {
        self.read_requests.borrow().len()
    }

    pub fn push_read_request(&self, request: ReadRequest) {
        self.read_requests.borrow_mut().push_back(request);
    }

    pub fn shift_read_request(&self) -> Option<ReadRequest> {
        self.read_requests.borrow_mut().pop_front()
    }

    pub fn take_read_requests(&self) -> VecDeque<ReadRequest> {
        std::mem::take(&mut *self.read_requests.borrow_mut())
    }
}

impl ReadableStreamDefaultReaderMethods for ReadableStreamDefaultReader {
    /// <https://streams.spec.whatwg.org/#default-reader-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        stream: &ReadableStream,
    ) -> Fallible<DomRoot<ReadableStreamDefaultReader>> {
        let placeholder = Promise::new(cx, global);
        let reader = reflect_dom_object_with_proto(cx, Box::new(Self::new_inherited(placeholder)), global, proto);
        // "Perform ? SetUpReadableStreamDefaultReader(this, stream)."
        reader.set_up(cx, stream)?;
        Ok(reader)
    }

    /// <https://streams.spec.whatwg.org/#default-reader-read>
    fn Read(&self, cx: &mut JSContext) -> Rc<Promise> {
        let global = self.global();
        // 1. If this.[[stream]] is undefined, return a promise rejected with a TypeError exception.
        if self.generic.stream().is_none() {
            return Promise::new_rejected(cx, &global, Error::Type("The reader has no stream.".into()));
        }
        // 2. Let promise be a new promise.
        let promise = Promise::new(cx, &global);
        // 3-4. Let readRequest settle promise; perform ! ReadableStreamDefaultReaderRead(this, readRequest).
        self.read(cx, ReadRequest::Promise(promise.clone()));
        // 5. Return promise.
        promise
    }

    /// <https://streams.spec.whatwg.org/#default-reader-release-lock>
    fn ReleaseLock(&self, cx: &mut JSContext) {
        // 1. If this.[[stream]] is undefined, return.
        if self.generic.stream().is_none() {
            return;
        }
        // 2. Perform ! ReadableStreamDefaultReaderRelease(this).
        self.release(cx);
    }

    /// <https://streams.spec.whatwg.org/#generic-reader-closed>: "Return this.[[closedPromise]]."
    fn Closed(&self, _cx: &mut JSContext) -> Rc<Promise> {
        self.closed_promise()
    }

    /// <https://streams.spec.whatwg.org/#generic-reader-cancel>
    fn Cancel(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        // 1. If this.[[stream]] is undefined, return a promise rejected with a TypeError exception.
        let Some(stream) = self.generic.stream() else {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The reader has no stream.".into()));
        };
        // 2. Return ! ReadableStreamReaderGenericCancel(this, reason), which is
        // ! ReadableStreamCancel(stream, reason).
        stream.cancel(cx, reason)
    }
}

//! Async iteration of a `ReadableStream` (<https://streams.spec.whatwg.org/#rs-asynciterator>):
//! the state and algorithms behind `values()` and `for await (… of stream)`. WebIDL's machinery
//! (`next()` queuing, `return()`) is in `bindings/asynciterable.rs`.

use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::HandleValue;

use crate::dom::bindings::asynciterable::{AsyncIteratorSteps, NextIteration};
use crate::dom::bindings::error::{Error, error_to_jsval};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::Dom;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::streams::readablestreamdefaultreader::{ReadRequest, ReadableStreamDefaultReader};

/// A ReadableStream async iterator's slots: its reader and its prevent cancel boolean.
#[derive(JSTraceable)]
pub struct ReadableStreamAsyncIterator {
    reader: Dom<ReadableStreamDefaultReader>,
    prevent_cancel: bool,
}

impl ReadableStreamAsyncIterator {
    /// <https://streams.spec.whatwg.org/#ref-for-asynchronous-iterator-initialization-steps>, after
    /// "Let reader be ? AcquireReadableStreamDefaultReader(stream)": "Set iterator's reader to
    /// reader. … Set iterator's prevent cancel to preventCancel."
    pub fn new(reader: &ReadableStreamDefaultReader, prevent_cancel: bool) -> ReadableStreamAsyncIterator {
        ReadableStreamAsyncIterator { reader: Dom::from_ref(reader), prevent_cancel }
    }
}

/// The read request of the iterator's "get the next iteration result".
#[derive(JSTraceable)]
pub struct IteratorReadRequest {
    reader: Dom<ReadableStreamDefaultReader>,
    next: Rc<NextIteration>,
}

impl IteratorReadRequest {
    /// chunk steps, given chunk: "Resolve promise with chunk."
    pub fn chunk_steps(&self, cx: &mut JSContext, chunk: HandleValue) {
        self.next.value(cx, chunk);
    }

    /// close steps: "Perform ! ReadableStreamDefaultReaderRelease(reader). Resolve promise with
    /// end of iteration."
    pub fn close_steps(&self, cx: &mut JSContext) {
        self.reader.release(cx);
        self.next.end(cx);
    }

    /// error steps, given e: "Perform ! ReadableStreamDefaultReaderRelease(reader). Reject
    /// promise with e."
    pub fn error_steps(&self, cx: &mut JSContext, e: HandleValue) {
        self.reader.release(cx);
        self.next.reject(cx, e);
    }
}

impl AsyncIteratorSteps for ReadableStreamAsyncIterator {
    /// <https://streams.spec.whatwg.org/#ref-for-dfn-get-the-next-iteration-result>
    fn next_iteration_result(&self, cx: &mut JSContext, next: Rc<NextIteration>) {
        // 1-2. Let reader be iterator's reader. Assert: reader.[[stream]] is not undefined (the
        // iterator is finished once the reader is released, so next() does not get here then;
        // were it to, the next() rejects with a TypeError instead of panicking).
        if self.reader.stream().is_none() {
            let global = self.reader.global();
            rooted!(&in(cx) let mut error = UndefinedValue());
            error_to_jsval(cx, &global, Error::Type("The iterator's reader was released.".into()), error.handle_mut());
            next.reject(cx, error.handle());
            return;
        }
        // 3-4. Let promise be a new promise and readRequest a read request settling it.
        let request = IteratorReadRequest { reader: self.reader.clone(), next };
        // 5. Perform ! ReadableStreamDefaultReaderRead(this, readRequest). 6. Return promise.
        self.reader.read(cx, ReadRequest::Iterator(Rc::new(request)));
    }

    /// <https://streams.spec.whatwg.org/#ref-for-asynchronous-iterator-return>
    fn return_steps(&self, cx: &mut JSContext, value: HandleValue) -> Rc<Promise> {
        let global = self.reader.global();
        // 1-3. Let reader be iterator's reader; its stream is set and it has no read requests.
        let Some(stream) = self.reader.stream() else {
            return Promise::new_resolved(cx, &global, &());
        };
        // 4. If iterator's prevent cancel is false:
        if !self.prevent_cancel {
            // 4.1. Let result be ! ReadableStreamReaderGenericCancel(reader, arg).
            let result = stream.cancel(cx, value);
            // 4.2. Perform ! ReadableStreamDefaultReaderRelease(reader). 4.3. Return result.
            self.reader.release(cx);
            return result;
        }
        // 5. Perform ! ReadableStreamDefaultReaderRelease(reader).
        self.reader.release(cx);
        // 6. Return a promise resolved with undefined.
        Promise::new_resolved(cx, &global, &())
    }
}

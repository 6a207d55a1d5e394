//! The `ReadableStreamGenericReader` mixin's slots and operations
//! (<https://streams.spec.whatwg.org/#generic-reader-mixin>), shared by the default and BYOB readers.

use std::cell::RefCell;
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::bindings::error::{Error, error_to_jsval};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::html::window::Window;
use crate::dom::streams::readablestream::{ReadableStream, StreamState};

/// [[stream]] and [[closedPromise]].
#[derive(JSTraceable)]
pub struct GenericReader {
    stream: MutNullableDom<ReadableStream>,
    closed_promise: RefCell<Rc<Promise>>,
}

impl GenericReader {
    pub fn new(closed_promise: Rc<Promise>) -> GenericReader {
        GenericReader { stream: Default::default(), closed_promise: RefCell::new(closed_promise) }
    }

    pub fn stream(&self) -> Option<DomRoot<ReadableStream>> {
        self.stream.get()
    }

    pub fn closed_promise(&self) -> Rc<Promise> {
        self.closed_promise.borrow().clone()
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-reader-generic-initialize>, steps 1 and
    /// 3-5 (the caller sets stream.[[reader]], step 2).
    pub fn initialize(&self, cx: &mut JSContext, global: &Window, stream: &ReadableStream) {
        // 1. Set reader.[[stream]] to stream.
        self.stream.set(Some(stream));
        let closed = match stream.state() {
            // 3. If stream.[[state]] is "readable", set reader.[[closedPromise]] to a new promise.
            StreamState::Readable => Promise::new(cx, global),
            // 4. If "closed", to a promise resolved with undefined.
            StreamState::Closed => Promise::new_resolved(cx, global, &()),
            // 5. Otherwise, to a promise rejected with stream.[[storedError]], marked as handled.
            StreamState::Errored => {
                rooted!(&in(cx) let mut error = UndefinedValue());
                stream.stored_error(error.handle_mut());
                let promise = Promise::new(cx, global);
                promise.reject(cx, error.handle());
                promise.mark_handled(cx);
                promise
            }
        };
        *self.closed_promise.borrow_mut() = closed;
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-reader-generic-release>
    pub fn release(&self, cx: &mut JSContext, global: &Window) {
        // 1-3. Let stream be reader.[[stream]]; it is set, and its reader is this one.
        let Some(stream) = self.stream.get() else { return };
        rooted!(&in(cx) let mut error = UndefinedValue());
        error_to_jsval(cx, global, Error::Type("The reader's lock was released.".into()), error.handle_mut());
        if stream.state() == StreamState::Readable {
            // 4. If stream.[[state]] is "readable", reject reader.[[closedPromise]] with a TypeError.
            self.closed_promise().reject(cx, error.handle());
        } else {
            // 5. Otherwise, set reader.[[closedPromise]] to a promise rejected with a TypeError.
            let promise = Promise::new(cx, global);
            promise.reject(cx, error.handle());
            *self.closed_promise.borrow_mut() = promise;
        }
        // 6. Set reader.[[closedPromise]].[[PromiseIsHandled]] to true.
        self.closed_promise().mark_handled(cx);
        // 7. Perform ! stream.[[controller]].[[ReleaseSteps]]().
        stream.controller_release_steps();
        // 8. Set stream.[[reader]] to undefined. 9. Set reader.[[stream]] to undefined.
        stream.clear_reader();
        self.stream.set(None);
    }
}

//! `ReadableStreamBYOBRequest` (<https://streams.spec.whatwg.org/#rs-byob-request-class>): a
//! pull-into request of a `ReadableByteStreamController`.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, NullValue, ObjectValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::ReadableStreamBYOBRequestBinding::ReadableStreamBYOBRequestMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::html::window::Window;
use crate::dom::streams::algorithms::heap_value;
use crate::dom::streams::buffers;
use crate::dom::streams::readablebytestreamcontroller::ReadableByteStreamController;

#[dom_struct]
pub struct ReadableStreamBYOBRequest {
    reflector_: Reflector,
    /// [[controller]] (undefined once the request is invalidated)
    controller: MutNullableDom<ReadableByteStreamController>,
    /// [[view]]: a Uint8Array, or null once the request is invalidated
    view: Box<Heap<JSVal>>,
}

impl ReadableStreamBYOBRequest {
    /// A request of `controller` whose [[view]] is `view`.
    pub fn new(
        cx: &mut JSContext,
        global: &Window,
        controller: &ReadableByteStreamController,
        view: HandleValue,
    ) -> DomRoot<ReadableStreamBYOBRequest> {
        let request = ReadableStreamBYOBRequest {
            reflector_: Reflector::new(),
            controller: MutNullableDom::new(Some(controller)),
            view: heap_value(view.get()),
        };
        reflect_dom_object(cx, Box::new(request), global)
    }

    /// ReadableByteStreamControllerInvalidateBYOBRequest's steps 2-3: "Set [[controller]] to
    /// undefined. Set [[view]] to null."
    pub fn invalidate(&self) {
        self.controller.set(None);
        self.view.set(NullValue());
    }

    /// [[view]], as a JS value (null after invalidation).
    pub fn view(&self) -> JSVal {
        self.view.get()
    }
}

impl ReadableStreamBYOBRequestMethods for ReadableStreamBYOBRequest {
    /// <https://streams.spec.whatwg.org/#rs-byob-request-view>: "Return this.[[view]]."
    fn View(&self, _cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.view.get());
    }

    /// <https://streams.spec.whatwg.org/#rs-byob-request-respond>
    fn Respond(&self, cx: &mut JSContext, bytes_written: u64) -> Fallible<()> {
        // 1. If this.[[controller]] is undefined, throw a TypeError exception.
        let Some(controller) = self.controller.get() else {
            return Err(Error::Type("The request was already responded to.".into()));
        };
        // 2. If ! IsDetachedBuffer(this.[[view]].[[ArrayBuffer]]) is true, throw a TypeError.
        rooted!(&in(cx) let view = self.view.get());
        let Some(view) = buffers::as_view(view.handle()) else {
            return Err(Error::Type("The request has no view.".into()));
        };
        rooted!(&in(cx) let view = view);
        let info = buffers::view_info(cx, view.handle());
        if buffers::is_detached(info.buffer) {
            return Err(Error::Type("The view's buffer is detached.".into()));
        }
        // 5. Perform ? ReadableByteStreamControllerRespond(this.[[controller]], bytesWritten).
        controller.respond(cx, bytes_written)
    }

    /// <https://streams.spec.whatwg.org/#rs-byob-request-respond-with-new-view>
    fn RespondWithNewView(&self, cx: &mut JSContext, view: HandleObject) -> Fallible<()> {
        // (The IDL type is ArrayBufferView.)
        rooted!(&in(cx) let value = ObjectValue(view.get()));
        let Some(view) = buffers::as_view(value.handle()) else {
            return Err(Error::Type("The argument is not an ArrayBufferView.".into()));
        };
        // 1. If this.[[controller]] is undefined, throw a TypeError exception.
        let Some(controller) = self.controller.get() else {
            return Err(Error::Type("The request was already responded to.".into()));
        };
        // 2. If ! IsDetachedBuffer(view.[[ViewedArrayBuffer]]) is true, throw a TypeError.
        rooted!(&in(cx) let view = view);
        let info = buffers::view_info(cx, view.handle());
        if buffers::is_detached(info.buffer) {
            return Err(Error::Type("The view's buffer is detached.".into()));
        }
        // 3. Return ? ReadableByteStreamControllerRespondWithNewView(this.[[controller]], view).
        controller.respond_with_new_view(cx, view.get())
    }
}

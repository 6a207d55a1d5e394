//! Promises created by DOM code
//! (<https://webidl.spec.whatwg.org/#idl-promise>).
//!
//! An `Rc<Promise>` keeps its JS promise alive (a persistent root) until the
//! last Rust reference goes; DOM objects store it while an asynchronous
//! operation is in flight and settle it from a queued task.

use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsapi::{
    AddPromiseReactions, GetPromiseState, JSObject, NewPromiseObject, PromiseState, RejectPromise, ResolvePromise,
};
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::callback::PersistentObject;
use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::error::{Error, error_to_jsval};
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;

pub struct Promise {
    object: PersistentObject,
}

impl Promise {
    /// A new pending promise in `global`'s realm.
    pub fn new(cx: &mut JSContext, global: &Window) -> Rc<Promise> {
        let global_obj = global.global_object();
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, global_obj.get());
        // SAFETY: `cx` is this thread's live context, in the global's realm; the new promise is
        // rooted at once.
        rooted!(&in(cx) let obj = unsafe { NewPromiseObject(cx.raw_cx(), HandleObject::null().into()) });
        assert!(!obj.get().is_null(), "out of memory creating a promise");
        Rc::new(Promise { object: PersistentObject::new(obj.get()) })
    }

    /// Wraps an existing promise object.
    pub fn from_object(obj: *mut JSObject) -> Rc<Promise> {
        Rc::new(Promise { object: PersistentObject::new(obj) })
    }

    /// A promise already rejected with `error`.
    pub fn new_rejected(cx: &mut JSContext, global: &Window, error: Error) -> Rc<Promise> {
        let p = Promise::new(cx, global);
        p.reject_error(cx, error);
        p
    }

    /// A promise already resolved with `value`.
    pub fn new_resolved<T: ToJSVal + ?Sized>(cx: &mut JSContext, global: &Window, value: &T) -> Rc<Promise> {
        let p = Promise::new(cx, global);
        p.resolve_native(cx, value);
        p
    }

    pub fn promise_obj(&self) -> HandleObject<'_> {
        self.object.handle()
    }

    /// The global the promise belongs to.
    pub fn global(&self) -> DomRoot<Window> {
        Window::from_object(self.object.get())
    }

    pub fn is_pending(&self) -> bool {
        // SAFETY: `self.object` is a persistently rooted Promise.
        unsafe { GetPromiseState(self.object.handle().into()) == PromiseState::Pending }
    }

    pub fn resolve(&self, cx: &mut JSContext, value: HandleValue) {
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, self.object.get());
        // SAFETY: `self.object` is a persistently rooted Promise, `value` a rooted handle, and
        // the promise's realm is entered; `cx` is this thread's live context; its raw pointer goes straight into the call.
        if !unsafe { ResolvePromise(cx.raw_cx(), self.object.handle().into(), value.into()) } {
            crate::script_runtime::report_pending_exception(cx);
        }
    }

    pub fn reject(&self, cx: &mut JSContext, value: HandleValue) {
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, self.object.get());
        // SAFETY: as for `resolve`.
        if !unsafe { RejectPromise(cx.raw_cx(), self.object.handle().into(), value.into()) } {
            crate::script_runtime::report_pending_exception(cx);
        }
    }

    pub fn resolve_native<T: ToJSVal + ?Sized>(&self, cx: &mut JSContext, value: &T) {
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, self.object.get());
        rooted!(&in(cx) let mut v = UndefinedValue());
        value.to_jsval(cx, v.handle_mut());
        self.resolve(cx, v.handle());
    }

    pub fn reject_native<T: ToJSVal + ?Sized>(&self, cx: &mut JSContext, value: &T) {
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, self.object.get());
        rooted!(&in(cx) let mut v = UndefinedValue());
        value.to_jsval(cx, v.handle_mut());
        self.reject(cx, v.handle());
    }

    /// Rejects with the exception `error` names (a DOMException, TypeError…).
    pub fn reject_error(&self, cx: &mut JSContext, error: Error) {
        let global = self.global();
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, self.object.get());
        rooted!(&in(cx) let mut v = UndefinedValue());
        error_to_jsval(cx, &global, error, v.handle_mut());
        self.reject(cx, v.handle());
    }

    /// Marks the promise as handled: a rejection will not be reported as unhandled.
    pub fn mark_handled(&self, cx: &mut JSContext) {
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, self.object.get());
        // SAFETY: `self.object` is a persistently rooted Promise; `cx` is this thread's live context; its raw pointer goes straight into the call.
        unsafe { mozjs::jsapi::SetAnyPromiseIsHandled(cx.raw_cx(), self.object.handle().into()) };
    }

    /// Appends native reactions (used by the host to observe promises).
    pub fn add_reactions(&self, cx: &mut JSContext, on_resolve: HandleObject, on_reject: HandleObject) -> bool {
        // SAFETY: `self.object` is a persistently rooted Promise and the reactions are rooted
        // handles; `cx` is this thread's live context; its raw pointer goes straight into the call.
        unsafe { AddPromiseReactions(cx.raw_cx(), self.object.handle().into(), on_resolve.into(), on_reject.into()) }
    }
}

impl ToJSVal for Rc<Promise> {
    fn to_jsval(&self, cx: &mut JSContext, mut rval: MutableHandleValue) {
        rval.set(ObjectValue(self.object.get()));
        // SAFETY: `rval` is a rooted handle holding the persistently rooted promise.
        unsafe { mozjs::rust::maybe_wrap_object_value(cx, rval) };
    }
}

// SAFETY: the promise object is a persistent root (its `PersistentObject`), traced by
// the runtime's root set, so there is nothing more to trace here.
unsafe impl crate::dom::bindings::trace::JSTraceable for Promise {
    // Persistently rooted by its `PersistentObject`.
    unsafe fn trace(&self, _: *mut mozjs::jsapi::JSTracer) {}
}

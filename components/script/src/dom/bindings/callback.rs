//! Callback functions and callback interfaces held by Rust
//! (<https://webidl.spec.whatwg.org/#idl-callback-functions>,
//! <https://webidl.spec.whatwg.org/#idl-callback-interfaces>).
//!
//! A callback's JS object is traced by whatever stores the callback (a DOM
//! struct field, a timer, a queued microtask), so a listener that closes over
//! its own target does not leak. Promises, which must outlive their creator
//! until settled, use a [`PersistentObject`] root instead.

use std::ffi::CStr;

use mozjs::context::JSContext;
use mozjs::gc::RootedTraceableSet;
use mozjs::jsapi::{HandleValueArray, Heap, IsCallable, JSObject};
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::conversions::{ConversionResult, Failure, FromJSVal, ToJSVal, get_property};
use crate::dom::bindings::error::{Error, Fallible, throw_type_error};
use crate::script_runtime::report_pending_exception;

/// A JS object kept alive while Rust holds this value.
pub struct PersistentObject {
    heap: Box<Heap<*mut JSObject>>,
}

impl PersistentObject {
    pub fn new(obj: *mut JSObject) -> PersistentObject {
        let heap = Box::new(Heap::default());
        heap.set(obj);
        // SAFETY: the heap cell is boxed, so its address is stable until `drop` removes the same
        // pointer from the set; the set traces it on every GC meanwhile.
        unsafe { RootedTraceableSet::add(&*heap as &dyn mozjs::gc::Traceable as *const _) };
        PersistentObject { heap }
    }

    pub fn get(&self) -> *mut JSObject {
        self.heap.get()
    }

    pub fn handle(&self) -> HandleObject<'_> {
        // SAFETY: the boxed heap cell is a registered persistent root for as long as `self`
        // lives, and the handle borrows `self`.
        unsafe { HandleObject::from_raw(self.heap.handle()) }
    }
}

impl Drop for PersistentObject {
    fn drop(&mut self) {
        // SAFETY: the pointer is the one `new` added, and the box is still alive here.
        unsafe { RootedTraceableSet::remove(&*self.heap as &dyn mozjs::gc::Traceable as *const _) };
    }
}

/// What to do when a callback throws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExceptionHandling {
    /// Report the exception (HTML "report the exception": error event, console).
    Report,
    /// Leave it pending for the caller (`Err(Error::JSFailed)`).
    Rethrow,
}

/// A JS object held by a Rust value that is itself traced (a field of a DOM
/// struct, a timer, a queued microtask). Not a root: the owner traces it.
pub struct TracedObject {
    heap: Box<Heap<*mut JSObject>>,
}

impl TracedObject {
    pub fn new(obj: *mut JSObject) -> TracedObject {
        let heap = Box::new(Heap::default());
        heap.set(obj);
        TracedObject { heap }
    }

    pub fn get(&self) -> *mut JSObject {
        self.heap.get()
    }

    pub fn handle(&self) -> HandleObject<'_> {
        // SAFETY: the heap cell lives in `self`, which is traced by its owner, and the handle
        // borrows `self`, so the object cannot be freed while the handle is used.
        unsafe { HandleObject::from_raw(self.heap.handle()) }
    }
}

// SAFETY: `trace` below traces its one object edge, the only GC thing a `TracedObject` holds.
unsafe impl crate::dom::bindings::trace::JSTraceable for TracedObject {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { crate::dom::bindings::trace::trace_object(trc, c"callback", &self.heap) }
    }
}

/// A callback function object. Traced by whoever stores it; keep it in a
/// traced field (or a `RootedTraceableBox`) while it may be called.
pub struct CallbackFunction {
    object: TracedObject,
}

impl CallbackFunction {
    /// Wraps a callable object.
    pub fn new(callable: *mut JSObject) -> CallbackFunction {
        CallbackFunction { object: TracedObject::new(callable) }
    }

    pub fn callable(&self) -> HandleObject<'_> {
        self.object.handle()
    }

    /// Calls the function with `this` and already-converted arguments
    /// (<https://webidl.spec.whatwg.org/#invoke-a-callback-function>).
    pub fn call(
        &self,
        cx: &mut JSContext,
        this: HandleValue,
        args: &HandleValueArray,
        rval: MutableHandleValue,
        handling: ExceptionHandling,
    ) -> Fallible<()> {
        invoke(cx, self.object.handle(), this, self.object.handle(), args, rval, handling)
    }
}

// SAFETY: `trace` below traces its callable object, the only GC thing a `CallbackFunction` holds.
unsafe impl crate::dom::bindings::trace::JSTraceable for CallbackFunction {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { self.object.trace(trc) }
    }
}

/// A callback interface object (e.g. `EventListener`): either callable, or an
/// object whose operation property is looked up at call time.
pub struct CallbackInterface {
    object: TracedObject,
}

impl CallbackInterface {
    pub fn new(object: *mut JSObject) -> CallbackInterface {
        CallbackInterface { object: TracedObject::new(object) }
    }

    pub fn object(&self) -> HandleObject<'_> {
        self.object.handle()
    }

    /// Calls the user object's `operation` (<https://webidl.spec.whatwg.org/#call-a-user-objects-operation>).
    pub fn call_operation(
        &self,
        cx: &mut JSContext,
        operation: &'static CStr,
        this_for_callable: HandleValue,
        args: &HandleValueArray,
        rval: MutableHandleValue,
        handling: ExceptionHandling,
    ) -> Fallible<()> {
        let obj = self.object.handle();
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, obj.get());
        // Step 10: If ! IsCallable(O) is false, get O[opName]; it must be callable.
        // SAFETY: `obj` is the callback object, persistently rooted by `self.object`.
        if unsafe { IsCallable(obj.get()) } {
            return invoke(cx, obj, this_for_callable, obj, args, rval, handling);
        }
        rooted!(&in(cx) let mut f = UndefinedValue());
        if get_property(cx, obj, operation, f.handle_mut()).is_err() {
            return finish_exception(cx, handling);
        }
        // SAFETY: `f` is rooted and holds an object (checked first).
        if !f.get().is_object() || !unsafe { IsCallable(f.get().to_object()) } {
            throw_type_error(
                cx,
                &format!("'{}' property of the listener is not callable.", operation.to_string_lossy()),
            );
            return finish_exception(cx, handling);
        }
        rooted!(&in(cx) let callable = f.get().to_object());
        rooted!(&in(cx) let this = ObjectValue(obj.get()));
        invoke(cx, callable.handle(), this.handle(), obj, args, rval, handling)
    }
}

// SAFETY: `trace` below traces its callback object, the only GC thing a `CallbackInterface` holds.
unsafe impl crate::dom::bindings::trace::JSTraceable for CallbackInterface {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { self.object.trace(trc) }
    }
}

fn invoke(
    cx: &mut JSContext,
    callable: HandleObject,
    this: HandleValue,
    realm_of: HandleObject,
    args: &HandleValueArray,
    mut rval: MutableHandleValue,
    handling: ExceptionHandling,
) -> Fallible<()> {
    // "Prepare to run script" with the callback's realm.
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, realm_of.get());
    rooted!(&in(cx) let fval = ObjectValue(callable.get()));
    // `this` goes as it is: a strict-mode callback given undefined sees undefined (as in
    // browsers), not null.
    // SAFETY: `this`, `fval` and `rval` are rooted handles, `args` is the caller's rooted array,
    // and the callback's realm is entered.
    let ok = unsafe { mozjs::rust::wrappers2::Call(cx, this, fval.handle(), args, rval.reborrow()) };
    if ok { Ok(()) } else { finish_exception(cx, handling) }
}

fn finish_exception(cx: &mut JSContext, handling: ExceptionHandling) -> Fallible<()> {
    match handling {
        ExceptionHandling::Report => {
            report_pending_exception(cx);
            Err(Error::JSFailed)
        }
        ExceptionHandling::Rethrow => Err(Error::JSFailed),
    }
}

/// Converts a callable for a callback-function argument.
pub fn callable_from_jsval(value: HandleValue) -> Result<*mut JSObject, Failure> {
    // SAFETY: `value` is a rooted handle holding an object (checked first); the call only
    // reads its class.
    if value.get().is_object() && unsafe { IsCallable(value.get().to_object()) } {
        Ok(value.get().to_object())
    } else {
        Err(Failure::NotCallable)
    }
}

impl FromJSVal for std::rc::Rc<CallbackFunction> {
    type Config = ();
    fn from_jsval(_: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {
        Ok(callable_from_jsval(value).map(|f| std::rc::Rc::new(CallbackFunction::new(f))))
    }
}

impl ToJSVal for CallbackFunction {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        self.object.get().to_jsval(cx, rval)
    }
}

impl ToJSVal for *mut JSObject {
    fn to_jsval(&self, cx: &mut JSContext, mut rval: MutableHandleValue) {
        if self.is_null() {
            rval.set(mozjs::jsval::NullValue());
        } else {
            rval.set(ObjectValue(*self));
            // SAFETY: `rval` is a rooted handle; the object is the caller's live object (this safe
            // impl on a raw pointer trusts every caller to pass one it holds).
            unsafe { mozjs::rust::maybe_wrap_object_value(cx, rval) };
        }
    }
}

//! Native reactions to promises: the WebIDL "upon fulfillment" / "upon rejection" /
//! "react to" operations (<https://webidl.spec.whatwg.org/#dfn-perform-steps-once-promise-is-settled>)
//! with Rust steps.
//!
//! The steps are a pair of plain `fn`s and a traced `data` value (DOM objects as `Dom<T>`, JS
//! values as `Heap`s). They are owned by a small JS object of [`REACTION_CLASS`] whose trace
//! hook traces `data` and whose finalizer drops it; the two reaction functions keep that object
//! in a reserved slot, and the promise keeps the functions. So whatever the steps need stays
//! alive exactly as long as the promise can still call them, with no persistent root.

// FIXME(issue 17): some unsafe blocks and `unsafe fn`s of this module still lack their
// `// SAFETY:` comment or `# Safety` section; the lints are allowed here until they are written.
#![allow(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

use std::ffi::c_void;
use std::ptr::NonNull;

use mozjs::context::JSContext;
use mozjs::glue::JS_GetReservedSlot;
use mozjs::jsapi::JSCLASS_FOREGROUND_FINALIZE;
use mozjs::jsapi::{
    AddPromiseReactions, CallArgs, GCContext, GetFunctionNativeReserved, JS_NewObject, JS_SetReservedSlot, JSClass,
    JSClassOps, JSContext as RawJSContext, JSObject, JSTracer, NewFunctionWithReserved, SetFunctionNativeReserved,
    Value,
};
use mozjs::jsval::{Int32Value, ObjectValue, PrivateValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::SyncClassOps;
use crate::dom::bindings::root::RootedTraceableBox;
use crate::dom::bindings::trace::JSTraceable;

/// The steps of one reaction, with the data they need.
struct Steps<T: JSTraceable + 'static> {
    data: T,
    on_fulfilled: fn(&mut JSContext, &T, HandleValue),
    on_rejected: fn(&mut JSContext, &T, HandleValue),
}

// SAFETY: traces the data, the only JS references the steps hold.
unsafe impl<T: JSTraceable + 'static> JSTraceable for Steps<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { self.data.trace(trc) }
    }
}

/// Object-safe view of [`Steps`].
trait Settle {
    fn run(&self, cx: &mut JSContext, fulfilled: bool, value: HandleValue);
    unsafe fn trace_data(&self, trc: *mut JSTracer);
}

impl<T: JSTraceable + 'static> Settle for Steps<T> {
    fn run(&self, cx: &mut JSContext, fulfilled: bool, value: HandleValue) {
        if fulfilled { (self.on_fulfilled)(cx, &self.data, value) } else { (self.on_rejected)(cx, &self.data, value) }
    }

    unsafe fn trace_data(&self, trc: *mut JSTracer) {
        // SAFETY: called from the holder's trace hook during a GC.
        unsafe { self.data.trace(trc) }
    }
}

/// The holder's one slot: a `Box<Box<dyn Settle>>` as a private value.
const STEPS_SLOT: u32 = 0;

static REACTION_CLASS_OPS: SyncClassOps = SyncClassOps(JSClassOps {
    addProperty: None,
    delProperty: None,
    enumerate: None,
    newEnumerate: None,
    resolve: None,
    mayResolve: None,
    finalize: Some(finalize_holder),
    call: None,
    construct: None,
    trace: Some(trace_holder),
});

/// The class of the object that owns a reaction's steps.
#[repr(transparent)]
struct SyncClass(JSClass);
// SAFETY: the class is immutable and only read by SpiderMonkey.
unsafe impl Sync for SyncClass {}

static REACTION_CLASS: SyncClass = SyncClass(JSClass {
    name: c"PromiseReactionSteps".as_ptr(),
    flags: JSCLASS_FOREGROUND_FINALIZE
        | ((1 & mozjs::jsapi::JSCLASS_RESERVED_SLOTS_MASK) << mozjs::jsapi::JSCLASS_RESERVED_SLOTS_SHIFT),
    cOps: &REACTION_CLASS_OPS.0,
    spec: std::ptr::null(),
    ext: std::ptr::null(),
    oOps: std::ptr::null(),
});

fn steps_of(holder: *mut JSObject) -> *const Box<dyn Settle> {
    let mut value = UndefinedValue();
    // SAFETY: `holder` is a live object of REACTION_CLASS (its hooks and our natives only).
    unsafe { JS_GetReservedSlot(holder, STEPS_SLOT, &mut value) };
    if value.is_undefined() { std::ptr::null() } else { value.to_private() as *const Box<dyn Settle> }
}

unsafe extern "C" fn trace_holder(trc: *mut JSTracer, obj: *mut JSObject) {
    let steps = steps_of(obj);
    if !steps.is_null() {
        // SAFETY: the box lives until the finalizer below.
        unsafe { (*steps).trace_data(trc) }
    }
}

unsafe extern "C" fn finalize_holder(_gcx: *mut GCContext, obj: *mut JSObject) {
    let steps = steps_of(obj);
    if !steps.is_null() {
        // SAFETY: created by `Box::into_raw` in `react` and dropped only here.
        unsafe { drop(Box::from_raw(steps as *mut Box<dyn Settle>)) }
    }
}

/// The native behind both reaction functions: slot 0 of the function is the holder, slot 1
/// says which steps (1 fulfilled, 0 rejected).
unsafe extern "C" fn reaction_native(raw: *mut RawJSContext, argc: u32, vp: *mut Value) -> bool {
    // SAFETY: SpiderMonkey calls a native with a valid vp/argc and the current context.
    let args = unsafe { CallArgs::from_vp(vp, argc) };
    let callee = args.callee();
    let (holder, fulfilled) = unsafe {
        ((*GetFunctionNativeReserved(callee, 0)).to_object(), (*GetFunctionNativeReserved(callee, 1)).to_int32() == 1)
    };
    let mut cx = unsafe { JSContext::from_ptr(NonNull::new_unchecked(raw)) };
    rooted!(&in(&mut cx) let holder = holder);
    rooted!(&in(&mut cx) let value = if argc > 0 { args.get(0).get() } else { UndefinedValue() });
    let steps = steps_of(holder.get());
    if !steps.is_null() {
        // SAFETY: `holder` is rooted, so the steps it owns stay alive during the call.
        unsafe { (*steps).run(&mut cx, fulfilled, value.handle()) };
    }
    // The steps settle their own promises; an exception they leave is reported, not thrown
    // into a promise nobody sees.
    if unsafe { mozjs::jsapi::JS_IsExceptionPending(raw) } {
        crate::script_runtime::report_pending_exception(&mut cx);
    }
    args.rval().set(UndefinedValue());
    true
}

/// Reacts to the promise object `promise` (<https://webidl.spec.whatwg.org/#dfn-perform-steps-once-promise-is-settled>):
/// `on_fulfilled` or `on_rejected` runs with `data` and the value or reason, in a microtask,
/// like a `then()` reaction (without a derived promise).
pub fn react<T: JSTraceable + 'static>(
    cx: &mut JSContext,
    promise: HandleObject,
    data: T,
    on_fulfilled: fn(&mut JSContext, &T, HandleValue),
    on_rejected: fn(&mut JSContext, &T, HandleValue),
) {
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, promise.get());
    // Rooted until the holder owns it: creating the holder may collect.
    let steps = RootedTraceableBox::new(Steps { data, on_fulfilled, on_rejected });
    unsafe {
        rooted!(&in(cx) let holder = JS_NewObject(cx.raw_cx(), &REACTION_CLASS.0));
        assert!(!holder.get().is_null(), "out of memory creating a promise reaction");
        let steps: Box<Box<dyn Settle>> = Box::new(Box::new(steps.into_inner()));
        JS_SetReservedSlot(holder.get(), STEPS_SLOT, &PrivateValue(Box::into_raw(steps) as *const c_void));
        let make = |cx: &mut JSContext, which: i32| -> *mut JSObject {
            let fun = NewFunctionWithReserved(cx.raw_cx(), Some(reaction_native), 1, 0, c"".as_ptr());
            assert!(!fun.is_null(), "out of memory creating a promise reaction");
            let obj = mozjs::jsapi::JS_GetFunctionObject(fun);
            SetFunctionNativeReserved(obj, 0, &ObjectValue(holder.get()));
            SetFunctionNativeReserved(obj, 1, &Int32Value(which));
            obj
        };
        rooted!(&in(cx) let on_resolve = make(cx, 1));
        rooted!(&in(cx) let on_reject = make(cx, 0));
        let ok =
            AddPromiseReactions(cx.raw_cx(), promise.into(), on_resolve.handle().into(), on_reject.handle().into());
        assert!(ok, "adding reactions to a promise failed");
    }
}

//! Asynchronous iteration of interfaces with an `async iterable<V>` declaration
//! (<https://webidl.spec.whatwg.org/#es-asynchronous-iterable>).
//!
//! The generated `values()` (also `@@asyncIterator`) runs the interface's "asynchronous iterator
//! initialization steps", which return the iterator's own state as an [`AsyncIteratorSteps`],
//! and wraps it in a *default asynchronous iterator object*: a JS object of [`ITERATOR_CLASS`]
//! whose prototype is the interface's asynchronous iterator prototype object (`X AsyncIterator`,
//! made here, with `next()` and `return()`, whose own prototype is `%AsyncIteratorPrototype%`).
//! This module runs WebIDL's `next()`/`return()` steps: the ongoing promise that queues a
//! `next()` behind the previous one, the "is finished" flag, and the iterator result objects.

use std::cell::{Cell, RefCell};
use std::ffi::{CStr, c_void};
use std::ptr::NonNull;
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::glue::JS_GetReservedSlot;
use mozjs::jsapi::JSCLASS_FOREGROUND_FINALIZE;
use mozjs::jsapi::{
    CallArgs, GCContext, GetFunctionNativeReserved, GetRealmAsyncIteratorPrototype, GetWellKnownSymbol, Heap,
    JS_DefinePropertyById2, JS_GetFunctionObject, JS_NewObjectWithGivenProto, JS_SetReservedSlot, JSAutoRealm, JSClass,
    JSClassOps, JSContext as RawJSContext, JSObject, JSPROP_ENUMERATE, JSTracer, NewFunctionWithReserved,
    SetFunctionNativeReserved, SymbolCode, Value,
};
use mozjs::jsval::{BooleanValue, Int32Value, JSVal, ObjectValue, PrivateValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleObject, MutableHandleValue, get_object_class};

use crate::dom::bindings::classes::SyncClassOps;
use crate::dom::bindings::conversions::{new_plain_object, set_dictionary_property};
use crate::dom::bindings::error::Error;
use crate::dom::bindings::interface::define_to_string_tag_pub;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::html::window::Window;

/// What an interface's iterator does, given by its initialization steps.
pub trait AsyncIteratorSteps: JSTraceable {
    /// "Get the next iteration result" (<https://webidl.spec.whatwg.org/#dfn-get-the-next-iteration-result>):
    /// settle `next` with a value, with end of iteration, or reject it.
    fn next_iteration_result(&self, cx: &mut JSContext, next: Rc<NextIteration>);

    /// The "asynchronous iterator return" algorithm
    /// (<https://webidl.spec.whatwg.org/#asynchronous-iterator-return>), given the argument of
    /// `return()`.
    fn return_steps(&self, cx: &mut JSContext, value: HandleValue) -> Rc<Promise>;
}

/// The promise "get the next iteration result" returns, which may fulfill with the special
/// value *end of iteration*.
#[derive(JSTraceable)]
pub struct NextIteration {
    promise: Rc<Promise>,
    end: Cell<bool>,
}

impl NextIteration {
    /// Resolves with `value`.
    pub fn value(&self, cx: &mut JSContext, value: HandleValue) {
        self.promise.resolve(cx, value);
    }

    /// Resolves with end of iteration.
    pub fn end(&self, cx: &mut JSContext) {
        self.end.set(true);
        self.promise.resolve_native(cx, &());
    }

    /// Rejects with `reason`.
    pub fn reject(&self, cx: &mut JSContext, reason: HandleValue) {
        self.promise.reject(cx, reason);
    }
}

/// A default asynchronous iterator object's slots.
#[derive(JSTraceable)]
struct IteratorState {
    /// The interface whose iterator this is (its prototype id).
    proto_id: u16,
    /// The ongoing promise (a Promise or null).
    ongoing: RefCell<Option<Rc<Promise>>>,
    /// The is finished boolean.
    finished: Cell<bool>,
    /// The interface's state and algorithms.
    steps: Box<dyn AsyncIteratorSteps>,
}

/// The iterator object's one slot: a `Box<Rc<IteratorState>>` as a private value.
const STATE_SLOT: u32 = 0;

static ITERATOR_CLASS_OPS: SyncClassOps = SyncClassOps(JSClassOps {
    addProperty: None,
    delProperty: None,
    enumerate: None,
    newEnumerate: None,
    resolve: None,
    mayResolve: None,
    finalize: Some(finalize_iterator),
    call: None,
    construct: None,
    trace: Some(trace_iterator),
});

#[repr(transparent)]
struct SyncClass(JSClass);
// SAFETY: the class is immutable and only read by SpiderMonkey.
unsafe impl Sync for SyncClass {}

/// The class of default asynchronous iterator objects.
static ITERATOR_CLASS: SyncClass = SyncClass(JSClass {
    name: c"AsyncIterator".as_ptr(),
    flags: JSCLASS_FOREGROUND_FINALIZE
        | ((1 & mozjs::jsapi::JSCLASS_RESERVED_SLOTS_MASK) << mozjs::jsapi::JSCLASS_RESERVED_SLOTS_SHIFT),
    cOps: &ITERATOR_CLASS_OPS.0,
    spec: std::ptr::null(),
    ext: std::ptr::null(),
    oOps: std::ptr::null(),
});

fn state_of(obj: *mut JSObject) -> Option<&'static Rc<IteratorState>> {
    let mut value = UndefinedValue();
    // SAFETY: `obj` is a live object of ITERATOR_CLASS.
    unsafe { JS_GetReservedSlot(obj, STATE_SLOT, &mut value) };
    if value.is_undefined() {
        None
    } else {
        // SAFETY: set by `new_async_iterator` from `Box::into_raw`, freed only by the finalizer,
        // which runs after the last use of the object.
        Some(unsafe { &*(value.to_private() as *const Rc<IteratorState>) })
    }
}

unsafe extern "C" fn trace_iterator(trc: *mut JSTracer, obj: *mut JSObject) {
    if let Some(state) = state_of(obj) {
        // SAFETY: called by the GC's trace of this object.
        unsafe { state.trace(trc) }
    }
}

unsafe extern "C" fn finalize_iterator(_gcx: *mut GCContext, obj: *mut JSObject) {
    let mut value = UndefinedValue();
    // SAFETY: `obj` is being finalized; its slot is ours.
    unsafe { JS_GetReservedSlot(obj, STATE_SLOT, &mut value) };
    if !value.is_undefined() {
        // SAFETY: created by `Box::into_raw` in `new_async_iterator` and dropped only here.
        unsafe { drop(Box::from_raw(value.to_private() as *mut Rc<IteratorState>)) }
    }
}

/// Makes a default asynchronous iterator object with prototype `proto` for the interface
/// `proto_id`, in `rval` (<https://webidl.spec.whatwg.org/#default-asynchronous-iterator-object>:
/// "its ongoing promise is null" and "its is finished is false"). Returns the native's result.
pub fn new_async_iterator(
    cx: &mut JSContext,
    proto: HandleObject,
    proto_id: u16,
    steps: Box<dyn AsyncIteratorSteps>,
    mut rval: MutableHandleValue,
) -> bool {
    let state = Rc::new(IteratorState { proto_id, ongoing: RefCell::new(None), finished: Cell::new(false), steps });
    // SAFETY: the new object is rooted before anything else can collect; its slot owns the state.
    unsafe {
        rooted!(&in(cx) let iterator = JS_NewObjectWithGivenProto(cx.raw_cx(), &ITERATOR_CLASS.0, proto.into()));
        if iterator.get().is_null() {
            return false;
        }
        let state: Box<Rc<IteratorState>> = Box::new(state);
        JS_SetReservedSlot(iterator.get(), STATE_SLOT, &PrivateValue(Box::into_raw(state) as *const c_void));
        rval.set(ObjectValue(iterator.get()));
    }
    true
}

/// Makes the asynchronous iterator prototype object of the interface `proto_id` in `global`
/// (<https://webidl.spec.whatwg.org/#es-asynchronous-iterator-prototype-object>): its
/// [[Prototype]] is %AsyncIteratorPrototype%, it has `next` and `return` (regular operations:
/// writable, enumerable, configurable) and its `@@toStringTag` is `name`.
pub fn create_async_iterator_prototype(
    cx: &mut JSContext,
    global: HandleObject,
    name: &CStr,
    proto_id: u16,
    mut rval: MutableHandleObject,
) {
    // SAFETY: the realm is entered on the global; every object is rooted.
    unsafe {
        let _realm = JSAutoRealm::new(cx.raw_cx(), global.get());
        rooted!(&in(cx) let parent = GetRealmAsyncIteratorPrototype(cx.raw_cx()));
        assert!(!parent.get().is_null(), "no %AsyncIteratorPrototype%");
        rooted!(&in(cx) let proto = JS_NewObjectWithGivenProto(cx.raw_cx(), std::ptr::null(), parent.handle().into()));
        assert!(!proto.get().is_null(), "out of memory creating an iterator prototype");
        for (native, fname, length) in
            [(async_iterator_next as NativeFn, c"next", 0), (async_iterator_return as NativeFn, c"return", 1)]
        {
            let fun = NewFunctionWithReserved(cx.raw_cx(), Some(native), length, 0, fname.as_ptr());
            assert!(!fun.is_null(), "out of memory creating an iterator method");
            rooted!(&in(cx) let fun_obj = JS_GetFunctionObject(fun));
            SetFunctionNativeReserved(fun_obj.get(), 0, &Int32Value(proto_id as i32));
            rooted!(&in(cx) let value = ObjectValue(fun_obj.get()));
            assert!(mozjs::jsapi::JS_DefineProperty(
                cx.raw_cx(),
                proto.handle().into(),
                fname.as_ptr(),
                value.handle().into(),
                JSPROP_ENUMERATE as u32
            ));
        }
        define_to_string_tag_pub(cx, proto.handle(), name);
        rval.set(proto.get());
    }
}

/// Makes `proto[@@asyncIterator]` the same function object as `proto.values`
/// (<https://webidl.spec.whatwg.org/#es-asynchronous-iterable>: {writable, !enumerable, configurable}).
pub fn define_async_iterator_alias(cx: &mut JSContext, global: HandleObject, proto: HandleObject) {
    // SAFETY: realm entered on the global; every value rooted; the prototype was just defined.
    unsafe {
        let _realm = JSAutoRealm::new(cx.raw_cx(), global.get());
        rooted!(&in(cx) let mut values = UndefinedValue());
        assert!(mozjs::jsapi::JS_GetProperty(
            cx.raw_cx(),
            proto.into(),
            c"values".as_ptr(),
            values.handle_mut().into()
        ));
        let symbol = GetWellKnownSymbol(cx.raw_cx(), SymbolCode::asyncIterator);
        rooted!(&in(cx) let mut id = mozjs::jsid::VoidId());
        mozjs::glue::RUST_SYMBOL_TO_JSID(symbol, id.handle_mut().into());
        assert!(JS_DefinePropertyById2(cx.raw_cx(), proto.into(), id.handle().into(), values.handle().into(), 0));
    }
}

type NativeFn = unsafe extern "C" fn(*mut RawJSContext, u32, *mut Value) -> bool;

/// The iterator state of `this` when it is a default asynchronous iterator object of the
/// interface `proto_id`.
fn iterator_of(this: HandleValue, proto_id: u16) -> Option<Rc<IteratorState>> {
    if !this.get().is_object() {
        return None;
    }
    let obj = this.get().to_object();
    // SAFETY: reading the class of a live object.
    if !std::ptr::eq(unsafe { get_object_class(obj) }, &ITERATOR_CLASS.0) {
        return None;
    }
    state_of(obj).filter(|state| state.proto_id == proto_id).cloned()
}

/// CreateIteratorResultObject(value, done) (<https://tc39.es/ecma262/#sec-createiterresultobject>).
fn iterator_result(cx: &mut JSContext, value: HandleValue, done: bool, mut rval: MutableHandleValue) {
    rooted!(&in(cx) let mut value = value.get());
    mozjs::rust::maybe_wrap_value(cx, value.handle_mut());
    rooted!(&in(cx) let result = new_plain_object(cx));
    rooted!(&in(cx) let done = BooleanValue(done));
    set_dictionary_property(cx, result.handle(), c"value", value.handle());
    set_dictionary_property(cx, result.handle(), c"done", done.handle());
    rval.set(ObjectValue(result.get()));
}

/// Sets up the native call: the context, its arguments, the interface id in the callee's slot.
///
/// # Safety
/// `raw`, `argc` and `vp` are those SpiderMonkey passed to a native made by
/// `create_async_iterator_prototype`.
unsafe fn native_call(raw: *mut RawJSContext, argc: u32, vp: *mut Value) -> (JSContext, CallArgs, u16) {
    // SAFETY: per the function's contract.
    unsafe {
        let args = CallArgs::from_vp(vp, argc);
        let id = (*GetFunctionNativeReserved(args.callee(), 0)).to_int32() as u16;
        (JSContext::from_ptr(NonNull::new_unchecked(raw)), args, id)
    }
}

/// `next()` of an asynchronous iterator prototype object
/// (<https://webidl.spec.whatwg.org/#es-asynchronous-iterator-prototype-object>).
unsafe extern "C" fn async_iterator_next(raw: *mut RawJSContext, argc: u32, vp: *mut Value) -> bool {
    // SAFETY: called by SpiderMonkey as a native made by `create_async_iterator_prototype`.
    let (mut cx, args, proto_id) = unsafe { native_call(raw, argc, vp) };
    let cx = &mut cx;
    let global = Window::current(cx);
    // SAFETY: the this value of a native call is rooted by the call.
    let this = unsafe { HandleValue::from_raw(args.thisv()) };
    // 3-5. "If object is not a default asynchronous iterator object for interface", reject
    // thisValidationPromiseCapability with a TypeError and return its promise.
    let Some(state) = iterator_of(this, proto_id) else {
        let promise = Promise::new_rejected(cx, &global, Error::Type("next() called on a wrong object.".into()));
        args.rval().set(ObjectValue(promise.promise_obj().get()));
        return true;
    };
    // 7. Let ongoingPromise be object's ongoing promise.
    let ongoing = state.ongoing.borrow().clone();
    let promise = match ongoing {
        // 8. If ongoingPromise is not null: react to it with nextSteps on either outcome, and
        // set the ongoing promise to the result.
        Some(ongoing) => {
            let after = Promise::new(cx, &global);
            let run_next = |cx: &mut JSContext, data: &(Rc<IteratorState>, Rc<Promise>), _: HandleValue| {
                let result = next_steps(cx, &data.0);
                rooted!(&in(cx) let result = ObjectValue(result.promise_obj().get()));
                data.1.resolve(cx, result.handle());
            };
            react(cx, ongoing.promise_obj(), (state.clone(), after.clone()), run_next, run_next);
            after
        }
        // 9. Otherwise, set object's ongoing promise to the result of running nextSteps.
        None => next_steps(cx, &state),
    };
    *state.ongoing.borrow_mut() = Some(promise.clone());
    // 10. Return object's ongoing promise.
    args.rval().set(ObjectValue(promise.promise_obj().get()));
    true
}

/// The nextSteps of `next()`.
fn next_steps(cx: &mut JSContext, state: &Rc<IteratorState>) -> Rc<Promise> {
    let global = Window::current(cx);
    // 1. Let nextPromiseCapability be ! NewPromiseCapability(%Promise%).
    let promise = Promise::new(cx, &global);
    // 2. If object's is finished is true, resolve it with CreateIteratorResultObject(undefined,
    // true) and return its promise.
    if state.finished.get() {
        rooted!(&in(cx) let mut result = UndefinedValue());
        iterator_result(cx, HandleValue::undefined(), true, result.handle_mut());
        promise.resolve(cx, result.handle());
        return promise;
    }
    // 4. Let nextPromise be the result of getting the next iteration result with object's
    // target and object.
    let next = Rc::new(NextIteration { promise: Promise::new(cx, &global), end: Cell::new(false) });
    state.steps.next_iteration_result(cx, next.clone());
    // 5-7. React to nextPromise: on fulfillment, set the ongoing promise to null; for end of
    // iteration set is finished and give CreateIteratorResultObject(undefined, true), else
    // CreateIteratorResultObject(next, false). On rejection, set the ongoing promise to null,
    // set is finished to true and throw the reason.
    let watched = next.promise.clone();
    react(
        cx,
        watched.promise_obj(),
        (state.clone(), next, promise.clone()),
        |cx, (state, next, promise), value| {
            *state.ongoing.borrow_mut() = None;
            let end = next.end.get();
            if end {
                state.finished.set(true);
            }
            rooted!(&in(cx) let mut result = UndefinedValue());
            let value = if end { HandleValue::undefined() } else { value };
            iterator_result(cx, value, end, result.handle_mut());
            promise.resolve(cx, result.handle());
        },
        |cx, (state, _, promise), reason| {
            *state.ongoing.borrow_mut() = None;
            state.finished.set(true);
            promise.reject(cx, reason);
        },
    );
    // 8. Return nextPromiseCapability.[[Promise]].
    promise
}

/// `return(value)` of an asynchronous iterator prototype object
/// (<https://webidl.spec.whatwg.org/#es-asynchronous-iterator-prototype-object>).
unsafe extern "C" fn async_iterator_return(raw: *mut RawJSContext, argc: u32, vp: *mut Value) -> bool {
    // SAFETY: called by SpiderMonkey as a native made by `create_async_iterator_prototype`.
    let (mut cx, args, proto_id) = unsafe { native_call(raw, argc, vp) };
    let cx = &mut cx;
    let global = Window::current(cx);
    // SAFETY: the this value and arguments of a native call are rooted by the call.
    let this = unsafe { HandleValue::from_raw(args.thisv()) };
    // SAFETY: the arguments of a native call are rooted by the call (`args` came from `vp`),
    // and `args.get(0)` is in bounds as `argc > 0`.
    let value = if argc > 0 { unsafe { HandleValue::from_raw(args.get(0)) } } else { HandleValue::undefined() };
    // 1. Let returnPromiseCapability be ! NewPromiseCapability(%Promise%).
    let promise = Promise::new(cx, &global);
    // 3-6. If object is not a default asynchronous iterator object for interface, reject it
    // with a TypeError and return its promise.
    let Some(state) = iterator_of(this, proto_id) else {
        promise.reject_error(cx, Error::Type("return() called on a wrong object.".into()));
        args.rval().set(ObjectValue(promise.promise_obj().get()));
        return true;
    };
    // 8. Let ongoingPromise be object's ongoing promise.
    let ongoing = state.ongoing.borrow().clone();
    let after = match ongoing {
        // 9. If ongoingPromise is not null: react to it with returnSteps on either outcome, and
        // set the ongoing promise to the result (so a later next() or return() waits for it).
        Some(ongoing) => {
            let after = Promise::new(cx, &global);
            let run_return =
                |cx: &mut JSContext, data: &(Rc<IteratorState>, Box<Heap<JSVal>>, Rc<Promise>), _: HandleValue| {
                    rooted!(&in(cx) let value = data.1.get());
                    let result = return_steps(cx, &data.0, value.handle());
                    rooted!(&in(cx) let result = ObjectValue(result.promise_obj().get()));
                    data.2.resolve(cx, result.handle());
                };
            react(cx, ongoing.promise_obj(), (state.clone(), heap(value), after.clone()), run_return, run_return);
            after
        }
        // 10. Otherwise, set object's ongoing promise to the result of running returnSteps.
        None => return_steps(cx, &state, value),
    };
    *state.ongoing.borrow_mut() = Some(after.clone());
    // 11-13. React to object's ongoing promise: on fulfillment, CreateIteratorResultObject(value,
    // true); a rejection passes through.
    react(
        cx,
        after.promise_obj(),
        (heap(value), promise.clone()),
        |cx, (value, promise), _| {
            rooted!(&in(cx) let value = value.get());
            rooted!(&in(cx) let mut result = UndefinedValue());
            iterator_result(cx, value.handle(), true, result.handle_mut());
            promise.resolve(cx, result.handle());
        },
        |cx, (_, promise), reason| promise.reject(cx, reason),
    );
    // 14. Return returnPromiseCapability.[[Promise]].
    args.rval().set(ObjectValue(promise.promise_obj().get()));
    true
}

/// The returnSteps of `return()`.
fn return_steps(cx: &mut JSContext, state: &Rc<IteratorState>, value: HandleValue) -> Rc<Promise> {
    // 2. If object's is finished is true, return a promise resolved with
    // CreateIteratorResultObject(value, true).
    if state.finished.get() {
        let global = Window::current(cx);
        let promise = Promise::new(cx, &global);
        rooted!(&in(cx) let mut result = UndefinedValue());
        iterator_result(cx, value, true, result.handle_mut());
        promise.resolve(cx, result.handle());
        return promise;
    }
    // 3. Set object's is finished to true.
    state.finished.set(true);
    // 4. Return the result of running the asynchronous iterator return algorithm.
    state.steps.return_steps(cx, value)
}

fn heap(value: HandleValue) -> Box<Heap<JSVal>> {
    let heap = Box::new(Heap::default());
    heap.set(value.get());
    heap
}

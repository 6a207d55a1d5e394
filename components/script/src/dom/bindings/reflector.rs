//! Reflectors: the JS object that stands for a DOM object.
//!
//! A DOM struct is boxed and owned by its reflector: the box pointer sits in
//! reserved slot [`DOM_OBJECT_SLOT`] of the reflector and the class's
//! finalizer drops it. The struct in turn keeps the reflector's address in
//! its first field (a [`Reflector`]), which is the single place every root and
//! traced edge to the object points at, so a moving GC updates it once.

use std::cell::UnsafeCell;
use std::ptr;

use mozjs::jsapi::{Heap, JSObject, JSTracer};
use mozjs::rust::HandleObject;

use crate::dom::bindings::inheritance::FirstField;
use crate::dom::bindings::trace::{JSTraceable, trace_object};

/// Slot 0 of every DOM reflector holds the `Box<T>` pointer as a private value.
pub const DOM_OBJECT_SLOT: u32 = 0;

/// The first field of every root DOM struct.
pub struct Reflector {
    object: UnsafeCell<Heap<*mut JSObject>>,
}

impl Default for Reflector {
    fn default() -> Self {
        Self::new()
    }
}

impl Reflector {
    pub fn new() -> Reflector {
        Reflector { object: UnsafeCell::new(Heap::default()) }
    }

    /// The reflector object. Rooted: the handle points at this struct's own
    /// traced `Heap`, which lives as long as `self`.
    pub fn get_jsobject(&self) -> HandleObject<'_> {
        // SAFETY: the heap cell is traced by whoever keeps `self` alive.
        unsafe { HandleObject::from_raw((*self.object.get()).handle()) }
    }

    pub fn get_raw(&self) -> *mut JSObject {
        // SAFETY: the cell is only written by `set_jsobject`, once, before any read, on the
        // script thread; no reference into it is held across that write.
        unsafe { (*self.object.get()).get() }
    }

    /// Stores the reflector; done exactly once, by the generated `Wrap`.
    ///
    /// # Safety
    /// `obj` must be the reflector whose slot holds this struct.
    pub unsafe fn set_jsobject(&self, obj: *mut JSObject) {
        assert!(self.get_raw().is_null(), "a DOM object was reflected twice");
        assert!(!obj.is_null());
        // SAFETY: the reflector is set once (asserted above) on the script thread, before any
        // other access to the cell.
        unsafe { (*self.object.get()).set(obj) };
    }

    /// Points the reflector at `obj`, the new place of its JS object after the collector moved it
    /// (the class's `objectMoved` hook, `classes::reflector_moved`). No barriers: the collector is
    /// running, and the edge is the same object, so nothing is marked or remembered anew.
    ///
    /// # Safety
    /// Only from an `objectMoved` hook, with `obj` the moved reflector of this struct.
    pub unsafe fn object_moved(&self, obj: *mut JSObject) {
        // SAFETY: per the contract; nothing else reads the cell while the collector runs.
        unsafe { *(*self.object.get()).get_unsafe() = obj };
    }

    /// The heap cell itself, for tracing.
    pub fn heap(&self) -> &Heap<*mut JSObject> {
        // SAFETY: as in `get_raw`: the only write is the one-time `set_jsobject`.
        unsafe { &*self.object.get() }
    }
}

/// Traces a DOM object's reflector (keeps the object alive; updates the
/// pointer if the collector moves it).
///
/// # Safety
/// `trc` must be the tracer of a GC in progress on this thread (SpiderMonkey only hands one
/// to trace hooks), and `reflector` must stay where it is until the GC ends, as the collector may
/// write a moved pointer back to it.
pub unsafe fn trace_reflector(trc: *mut JSTracer, description: &'static std::ffi::CStr, reflector: &Reflector) {
    // SAFETY: called from `trace` with the tracer of a GC in progress (the
    // JSTraceable contract), which is what the inner `trace` needs too.
    unsafe { trace_object(trc, description, reflector.heap()) }
}

// The reflector is the object being traced; it has no edge to trace itself.
// SAFETY: a `Reflector` holds no GC thing, so tracing nothing is complete.
unsafe impl JSTraceable for Reflector {
    unsafe fn trace(&self, _: *mut JSTracer) {}
}

/// A DOM object: something with a reflector.
pub trait DomObject: JSTraceable + 'static {
    fn reflector(&self) -> &Reflector;
}

// Every `#[dom_struct]` starts (transitively) with its Reflector at offset 0.
impl<T: FirstField + JSTraceable + 'static> DomObject for T {
    #[inline]
    fn reflector(&self) -> &Reflector {
        // SAFETY: `FirstField` is only implemented by `#[dom_struct]`, which
        // checks that the first field (the parent struct or the Reflector)
        // is at offset 0 of a `#[repr(C)]` struct; by induction the Reflector
        // is at offset 0.
        unsafe { &*(self as *const T as *const Reflector) }
    }
}

/// Identity of two DOM objects.
pub fn same_object<A: DomObject, B: DomObject>(a: &A, b: &B) -> bool {
    ptr::eq(a.reflector(), b.reflector())
}

/// Enters the realm of `target` (a live object: a rooted global or reflector) until the
/// returned guard is dropped.
pub fn enter_realm(cx: &mut mozjs::context::JSContext, target: *mut JSObject) -> mozjs::jsapi::JSAutoRealm {
    // SAFETY: `cx` is this thread's live context; the guard keeps its raw pointer only to leave
    // the realm again when it is dropped, on this thread and before the context goes away.
    mozjs::jsapi::JSAutoRealm::new(unsafe { cx.raw_cx() }, target)
}

//! Tracing: how the garbage collector finds the JS things a DOM struct holds.
//!
//! Every DOM struct derives [`JSTraceable`] (through `#[dom_struct]`); the
//! derive traces each field. Plain-data types trace nothing. A field holding a
//! JS value or object is a `Heap<…>`; a field holding a DOM object is a
//! [`Dom`](super::root::Dom) or [`MutNullableDom`](super::root::MutNullableDom).

use std::cell::{Cell, RefCell, UnsafeCell};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::rc::Rc;

use mozjs::glue::{CallObjectTracer, CallValueTracer};
use mozjs::jsapi::{Heap, JSObject, JSTracer};
use mozjs::jsval::JSVal;

pub use dom_struct::JSTraceable;

/// Types whose JS references can be traced.
///
/// # Safety
/// An implementation must trace every JS object, value or DOM object it keeps
/// alive; forgetting one lets the collector free something still in use.
pub unsafe trait JSTraceable {
    /// Reports every edge held by `self` to `trc`.
    ///
    /// # Safety
    /// `trc` must be the tracer of a GC in progress on this thread, and `self` must not move
    /// until the GC ends (the collector writes moved pointers back into it).
    unsafe fn trace(&self, trc: *mut JSTracer);
}

/// Traces a `Heap<*mut JSObject>` edge (the collector may update it when the object moves).
///
/// # Safety
/// `trc` must be the tracer of a GC in progress on this thread (SpiderMonkey only hands one
/// to trace hooks), and `obj` must stay where it is until the GC ends, as the collector may
/// write a moved pointer back to it.
pub unsafe fn trace_object(trc: *mut JSTracer, description: &'static std::ffi::CStr, obj: &Heap<*mut JSObject>) {
    if !obj.get().is_null() {
        // SAFETY: the caller passes a GC's tracer and an edge that stays put (see # Safety).
        unsafe { CallObjectTracer(trc, obj as *const _ as *mut Heap<*mut JSObject>, description.as_ptr()) };
    }
}

/// Traces a `Heap<JSVal>` edge.
///
/// # Safety
/// `trc` must be the tracer of a GC in progress on this thread (SpiderMonkey only hands one
/// to trace hooks), and `val` must stay where it is until the GC ends, as the collector may
/// write a moved pointer back to it.
pub unsafe fn trace_jsval(trc: *mut JSTracer, description: &'static std::ffi::CStr, val: &Heap<JSVal>) {
    let v = val.get();
    if v.is_markable() {
        // SAFETY: the caller passes a GC's tracer and an edge that stays put (see # Safety).
        unsafe { CallValueTracer(trc, val as *const _ as *mut Heap<JSVal>, description.as_ptr()) };
    }
}

// SAFETY: `trace` below reaches every GC thing a `Heap<*mut JSObject>` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for Heap<*mut JSObject> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { trace_object(trc, c"object", self) }
    }
}

// SAFETY: `trace` below reaches every GC thing a `Heap<JSVal>` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for Heap<JSVal> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { trace_jsval(trc, c"value", self) }
    }
}

/// Types that hold no JS references.
macro_rules! untraced {
    ($($ty:ty),* $(,)?) => {
        $(
            // SAFETY: a `$ty` holds no GC thing, so tracing nothing is complete.
            unsafe impl JSTraceable for $ty {
                #[inline]
                unsafe fn trace(&self, _: *mut JSTracer) {}
            }
        )*
    };
}

untraced!(
    bool,
    u8,
    u16,
    u32,
    u64,
    usize,
    i8,
    i16,
    i32,
    i64,
    isize,
    f32,
    f64,
    char,
    (),
    String,
    &'static str,
    std::time::Instant,
    std::time::Duration,
    url::Url,
    std::path::PathBuf,
    base::RequestId,
    base::SourceId,
    base::CanvasId,
    base::Epoch,
);

// SAFETY: `trace` below reaches every GC thing a `Option<T>` holds, so none is freed
// or moved while it is held.
unsafe impl<T: JSTraceable> JSTraceable for Option<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        if let Some(v) = self {
            // SAFETY: called from `trace` with the tracer of a GC in progress (the
            // JSTraceable contract), which is what the inner `trace` needs too.
            unsafe { v.trace(trc) }
        }
    }
}

// SAFETY: `trace` below reaches every GC thing a `Result<T, E>` holds, so none is freed
// or moved while it is held.
unsafe impl<T: JSTraceable, E: JSTraceable> JSTraceable for Result<T, E> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        match self {
            // SAFETY: called from `trace` with the tracer of a GC in progress (the
            // JSTraceable contract), which is what the inner `trace` needs too.
            Ok(v) => unsafe { v.trace(trc) },
            // SAFETY: called from `trace` with the tracer of a GC in progress (the
            // JSTraceable contract), which is what the inner `trace` needs too.
            Err(e) => unsafe { e.trace(trc) },
        }
    }
}

// SAFETY: `trace` below reaches every GC thing a `Box<T>` holds, so none is freed
// or moved while it is held.
unsafe impl<T: JSTraceable + ?Sized> JSTraceable for Box<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { (**self).trace(trc) }
    }
}

// SAFETY: `trace` below reaches every GC thing a `Rc<T>` holds, so none is freed
// or moved while it is held.
unsafe impl<T: JSTraceable + ?Sized> JSTraceable for Rc<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { (**self).trace(trc) }
    }
}

// SAFETY: `trace` below reaches every GC thing a `[T]` holds, so none is freed
// or moved while it is held.
unsafe impl<T: JSTraceable> JSTraceable for [T] {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        for v in self {
            // SAFETY: called from `trace` with the tracer of a GC in progress (the
            // JSTraceable contract), which is what the inner `trace` needs too.
            unsafe { v.trace(trc) }
        }
    }
}

// SAFETY: `trace` below reaches every GC thing a `[T; N]` holds, so none is freed
// or moved while it is held.
unsafe impl<T: JSTraceable, const N: usize> JSTraceable for [T; N] {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: the caller's contract (a tracer during a GC) passes on to every element.
        unsafe { self.as_slice().trace(trc) }
    }
}

// SAFETY: `trace` below reaches every GC thing a `Vec<T>` holds, so none is freed
// or moved while it is held.
unsafe impl<T: JSTraceable> JSTraceable for Vec<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { self.as_slice().trace(trc) }
    }
}

// SAFETY: `trace` below reaches every GC thing a `VecDeque<T>` holds, so none is freed
// or moved while it is held.
unsafe impl<T: JSTraceable> JSTraceable for VecDeque<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        for v in self {
            // SAFETY: called from `trace` with the tracer of a GC in progress (the
            // JSTraceable contract), which is what the inner `trace` needs too.
            unsafe { v.trace(trc) }
        }
    }
}

// SAFETY: `trace` below reaches every value; keys are not traced, which is sound only while no
// key type holds a GC thing (none does: keys are ids, strings and numbers).
unsafe impl<K, V: JSTraceable, S> JSTraceable for HashMap<K, V, S> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        for v in self.values() {
            // SAFETY: called from `trace` with the tracer of a GC in progress (the
            // JSTraceable contract), which is what the inner `trace` needs too.
            unsafe { v.trace(trc) }
        }
    }
}

// SAFETY: `trace` below reaches every value; keys are not traced, which is sound only while no
// key type holds a GC thing (none does: keys are ids, strings and numbers).
unsafe impl<K, V: JSTraceable> JSTraceable for BTreeMap<K, V> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        for v in self.values() {
            // SAFETY: called from `trace` with the tracer of a GC in progress (the
            // JSTraceable contract), which is what the inner `trace` needs too.
            unsafe { v.trace(trc) }
        }
    }
}

// SAFETY: tracing nothing is complete only while no key type holds a GC thing (none does).
unsafe impl<K, S> JSTraceable for HashSet<K, S> {
    // Keys are plain data by construction (DOM objects are never hash keys).
    unsafe fn trace(&self, _: *mut JSTracer) {}
}

// SAFETY: the value is traced through a copy, which keeps its GC things alive; a pointer the
// collector moves would not be written back to the cell, so no `Cell` may hold a movable GC
// pointer (none does: the cells hold plain data and DOM handles that trace their reflector).
unsafe impl<T: Copy + JSTraceable> JSTraceable for Cell<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { self.get().trace(trc) }
    }
}

// SAFETY: `trace` below reaches every GC thing a `RefCell<T>` holds, so none is freed
// or moved while it is held.
unsafe impl<T: JSTraceable> JSTraceable for RefCell<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract). The collector runs only at points where no Rust borrow is being mutated
        // through, so reading through the cell here does not race a `borrow_mut`.
        unsafe { (*self.as_ptr()).trace(trc) }
    }
}

// SAFETY: `trace` below reaches every GC thing a `UnsafeCell<T>` holds, so none is freed
// or moved while it is held.
unsafe impl<T: JSTraceable> JSTraceable for UnsafeCell<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { (*self.get()).trace(trc) }
    }
}

// SAFETY: `trace` below reaches every GC thing a `(A, B)` holds, so none is freed
// or moved while it is held.
unsafe impl<A: JSTraceable, B: JSTraceable> JSTraceable for (A, B) {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract), which is what the inner `trace` calls need too.
        unsafe {
            self.0.trace(trc);
            self.1.trace(trc);
        }
    }
}

// SAFETY: `trace` below reaches every GC thing a `(A, B, C)` holds, so none is freed
// or moved while it is held.
unsafe impl<A: JSTraceable, B: JSTraceable, C: JSTraceable> JSTraceable for (A, B, C) {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract), which is what the inner `trace` calls need too.
        unsafe {
            self.0.trace(trc);
            self.1.trace(trc);
            self.2.trace(trc);
        }
    }
}

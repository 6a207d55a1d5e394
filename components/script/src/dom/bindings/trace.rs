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
    unsafe fn trace(&self, trc: *mut JSTracer);
}

/// Traces a `Heap<*mut JSObject>` edge (the collector may update it when the object moves).
pub unsafe fn trace_object(trc: *mut JSTracer, description: &'static std::ffi::CStr, obj: &Heap<*mut JSObject>) {
    if !obj.get().is_null() {
        unsafe { CallObjectTracer(trc, obj as *const _ as *mut Heap<*mut JSObject>, description.as_ptr()) };
    }
}

/// Traces a `Heap<JSVal>` edge.
pub unsafe fn trace_jsval(trc: *mut JSTracer, description: &'static std::ffi::CStr, val: &Heap<JSVal>) {
    let v = val.get();
    if v.is_markable() {
        unsafe { CallValueTracer(trc, val as *const _ as *mut Heap<JSVal>, description.as_ptr()) };
    }
}

unsafe impl JSTraceable for Heap<*mut JSObject> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        unsafe { trace_object(trc, c"object", self) }
    }
}

unsafe impl JSTraceable for Heap<JSVal> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        unsafe { trace_jsval(trc, c"value", self) }
    }
}

/// Types that hold no JS references.
macro_rules! untraced {
    ($($ty:ty),* $(,)?) => {
        $(
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

unsafe impl<T: JSTraceable> JSTraceable for Option<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        if let Some(v) = self {
            unsafe { v.trace(trc) }
        }
    }
}

unsafe impl<T: JSTraceable, E: JSTraceable> JSTraceable for Result<T, E> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        match self {
            Ok(v) => unsafe { v.trace(trc) },
            Err(e) => unsafe { e.trace(trc) },
        }
    }
}

unsafe impl<T: JSTraceable + ?Sized> JSTraceable for Box<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        unsafe { (**self).trace(trc) }
    }
}

unsafe impl<T: JSTraceable + ?Sized> JSTraceable for Rc<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        unsafe { (**self).trace(trc) }
    }
}

unsafe impl<T: JSTraceable> JSTraceable for [T] {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        for v in self {
            unsafe { v.trace(trc) }
        }
    }
}

unsafe impl<T: JSTraceable, const N: usize> JSTraceable for [T; N] {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: the caller's contract (a tracer during a GC) passes on to every element.
        unsafe { self.as_slice().trace(trc) }
    }
}

unsafe impl<T: JSTraceable> JSTraceable for Vec<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        unsafe { self.as_slice().trace(trc) }
    }
}

unsafe impl<T: JSTraceable> JSTraceable for VecDeque<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        for v in self {
            unsafe { v.trace(trc) }
        }
    }
}

unsafe impl<K, V: JSTraceable, S> JSTraceable for HashMap<K, V, S> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        for v in self.values() {
            unsafe { v.trace(trc) }
        }
    }
}

unsafe impl<K, V: JSTraceable> JSTraceable for BTreeMap<K, V> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        for v in self.values() {
            unsafe { v.trace(trc) }
        }
    }
}

unsafe impl<K, S> JSTraceable for HashSet<K, S> {
    // Keys are plain data by construction (DOM objects are never hash keys).
    unsafe fn trace(&self, _: *mut JSTracer) {}
}

unsafe impl<T: Copy + JSTraceable> JSTraceable for Cell<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        unsafe { self.get().trace(trc) }
    }
}

unsafe impl<T: JSTraceable> JSTraceable for RefCell<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // The collector runs only at points where no Rust borrow is being
        // mutated through; reading through the cell here is sound.
        unsafe { (*self.as_ptr()).trace(trc) }
    }
}

unsafe impl<T: JSTraceable> JSTraceable for UnsafeCell<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        unsafe { (*self.get()).trace(trc) }
    }
}

unsafe impl<A: JSTraceable, B: JSTraceable> JSTraceable for (A, B) {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        unsafe {
            self.0.trace(trc);
            self.1.trace(trc);
        }
    }
}

unsafe impl<A: JSTraceable, B: JSTraceable, C: JSTraceable> JSTraceable for (A, B, C) {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        unsafe {
            self.0.trace(trc);
            self.1.trace(trc);
            self.2.trace(trc);
        }
    }
}

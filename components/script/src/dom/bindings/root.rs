//! Rooting DOM objects.
//!
//! * [`Dom<T>`]: a traced reference stored in a DOM struct field. It keeps the
//!   target alive through the owner's trace hook.
//! * [`DomRoot<T>`]: a reference on the Rust stack. It registers the target's
//!   reflector in a thread-local root list that the collector traces, and
//!   unregisters it when dropped.
//! * [`MutNullableDom<T>`] / [`MutDom<T>`]: mutable traced fields.
//!
//! No `DomRoot` is ever stored in a struct; store a `Dom`.

use std::cell::{RefCell, UnsafeCell};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::ptr::NonNull;

use mozjs::jsapi::JSTracer;

use crate::dom::bindings::reflector::{DomObject, Reflector, trace_reflector};
use crate::dom::bindings::trace::JSTraceable;

thread_local! {
    /// The reflectors of the live [`DomRoot`]s, each at the slot its root was given; a null
    /// slot is a root dropped while newer ones still live (trailing nulls are popped).
    static STACK_ROOTS: RefCell<Vec<*const Reflector>> = const { RefCell::new(Vec::new()) };
}

/// Traces every live [`DomRoot`] on this thread (called from the runtime's
/// extra-roots tracer).
///
/// # Safety
/// `trc` must be the tracer of a GC in progress on this thread (the runtime's extra-roots
/// tracer passes its own).
pub unsafe fn trace_stack_roots(trc: *mut JSTracer) {
    STACK_ROOTS.with(|roots| {
        for &r in roots.borrow().iter().filter(|r| !r.is_null()) {
            // SAFETY: a non-null slot is the reflector of a live DomRoot (its drop nulls the
            // slot), so `r` points to a live Reflector; `trc` is the GC's tracer (# Safety).
            unsafe { trace_reflector(trc, c"DomRoot", &*r) };
        }
    });
}

/// Number of live stack roots (for leak tests).
pub fn stack_root_count() -> usize {
    STACK_ROOTS.with(|r| r.borrow().iter().filter(|r| !r.is_null()).count())
}

/// A rooted reference to a DOM object, for use on the stack.
pub struct DomRoot<T: DomObject> {
    ptr: NonNull<T>,
    /// This root's slot in `STACK_ROOTS`, so dropping it costs the same in any order (a
    /// `Vec<DomRoot>` drops its first element first, the oldest root).
    slot: usize,
}

impl<T: DomObject> DomRoot<T> {
    /// Roots `value`.
    pub fn from_ref(value: &T) -> DomRoot<T> {
        let slot = STACK_ROOTS.with(|roots| {
            let mut roots = roots.borrow_mut();
            roots.push(value.reflector() as *const Reflector);
            roots.len() - 1
        });
        DomRoot { ptr: NonNull::from(value), slot }
    }

    pub fn as_ptr(&self) -> *const T {
        self.ptr.as_ptr()
    }

    /// Converts to a root of an ancestor interface.
    pub fn upcast<U: DomObject>(root: DomRoot<T>) -> DomRoot<U>
    where
        T: crate::dom::bindings::inheritance::DerivedFrom<U>,
    {
        // SAFETY: `T: DerivedFrom<U>`: every DOM struct has its parent as its first field
        // (`#[dom_struct]`, repr(C)), so a `T` pointer is a valid `U` pointer; `root` keeps it alive.
        let r: &U = unsafe { &*(root.ptr.as_ptr() as *const U) };
        DomRoot::from_ref(r)
    }
}

impl<T: DomObject> Clone for DomRoot<T> {
    fn clone(&self) -> Self {
        DomRoot::from_ref(self)
    }
}

impl<T: DomObject> Drop for DomRoot<T> {
    fn drop(&mut self) {
        // SAFETY: `self` roots the object until the end of this drop, so the pointer is live.
        let reflector = unsafe { self.ptr.as_ref() }.reflector() as *const Reflector;
        STACK_ROOTS.with(|roots| {
            let mut roots = roots.borrow_mut();
            match roots.get_mut(self.slot) {
                Some(r) if *r == reflector => *r = std::ptr::null(),
                // Not at its slot (cannot happen while roots live on one thread's stack): search.
                _ => {
                    if let Some(r) = roots.iter_mut().rev().find(|r| **r == reflector) {
                        *r = std::ptr::null();
                    }
                }
            }
            while roots.last().is_some_and(|r| r.is_null()) {
                roots.pop();
            }
        });
    }
}

impl<T: DomObject> Deref for DomRoot<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: rooted, so the reflector (which owns T) is alive.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: DomObject> PartialEq for DomRoot<T> {
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}
impl<T: DomObject> Eq for DomRoot<T> {}

impl<T: DomObject> fmt::Debug for DomRoot<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DomRoot({:p})", self.ptr)
    }
}

/// A traced reference held in a DOM struct.
pub struct Dom<T: DomObject> {
    ptr: NonNull<T>,
}

impl<T: DomObject> Dom<T> {
    /// Stores a reference to `value`. The caller must be a traced field.
    pub fn from_ref(value: &T) -> Dom<T> {
        Dom { ptr: NonNull::from(value) }
    }

    pub fn as_rooted(&self) -> DomRoot<T> {
        DomRoot::from_ref(self)
    }
}

impl<T: DomObject> Clone for Dom<T> {
    fn clone(&self) -> Self {
        Dom { ptr: self.ptr }
    }
}

impl<T: DomObject> Deref for Dom<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: a Dom lives in a traced field of a live DOM object.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: DomObject> PartialEq for Dom<T> {
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}
impl<T: DomObject> Eq for Dom<T> {}
impl<T: DomObject> Hash for Dom<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.ptr.hash(state)
    }
}

// SAFETY: `trace` below reaches every GC thing a `Dom<T>` holds, so none is freed
// or moved while it is held.
unsafe impl<T: DomObject> JSTraceable for Dom<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { trace_reflector(trc, c"Dom", self.reflector()) }
    }
}

/// A mutable, nullable traced reference.
pub struct MutNullableDom<T: DomObject> {
    ptr: UnsafeCell<Option<Dom<T>>>,
}

impl<T: DomObject> Default for MutNullableDom<T> {
    fn default() -> Self {
        MutNullableDom { ptr: UnsafeCell::new(None) }
    }
}

impl<T: DomObject> MutNullableDom<T> {
    pub fn new(value: Option<&T>) -> Self {
        MutNullableDom { ptr: UnsafeCell::new(value.map(Dom::from_ref)) }
    }

    pub fn get(&self) -> Option<DomRoot<T>> {
        // SAFETY: single-threaded (not Sync) and no reference into the cell outlives a method,
        // so nothing writes the cell while it is read here.
        unsafe { (*self.ptr.get()).as_ref().map(|d| d.as_rooted()) }
    }

    pub fn set(&self, value: Option<&T>) {
        // SAFETY: as in `get`: no reference into the cell is alive during the write.
        unsafe { *self.ptr.get() = value.map(Dom::from_ref) }
    }

    /// Returns the current value, or stores and returns the one `init` makes.
    pub fn or_init(&self, init: impl FnOnce() -> DomRoot<T>) -> DomRoot<T> {
        if let Some(v) = self.get() {
            return v;
        }
        let v = init();
        self.set(Some(&v));
        v
    }

    pub fn is_some(&self) -> bool {
        // SAFETY: as in `get`.
        unsafe { (*self.ptr.get()).is_some() }
    }

    pub fn take(&self) -> Option<DomRoot<T>> {
        let v = self.get();
        self.set(None);
        v
    }

    /// Whether this holds exactly `other`.
    pub fn is(&self, other: Option<&T>) -> bool {
        // SAFETY: as in `get`.
        unsafe {
            match (&*self.ptr.get(), other) {
                (Some(a), Some(b)) => std::ptr::eq(&**a, b),
                (None, None) => true,
                _ => false,
            }
        }
    }
}

// SAFETY: `trace` below reaches every GC thing a `MutNullableDom<T>` holds, so none is freed
// or moved while it is held.
unsafe impl<T: DomObject> JSTraceable for MutNullableDom<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { (*self.ptr.get()).trace(trc) }
    }
}

/// A mutable, non-null traced reference.
pub struct MutDom<T: DomObject> {
    ptr: UnsafeCell<Dom<T>>,
}

impl<T: DomObject> MutDom<T> {
    pub fn new(value: &T) -> Self {
        MutDom { ptr: UnsafeCell::new(Dom::from_ref(value)) }
    }

    pub fn get(&self) -> DomRoot<T> {
        // SAFETY: as in `MutNullableDom::get`: not Sync, no reference into the cell outlives a method.
        unsafe { (*self.ptr.get()).as_rooted() }
    }

    pub fn set(&self, value: &T) {
        // SAFETY: as above.
        unsafe { *self.ptr.get() = Dom::from_ref(value) }
    }
}

// SAFETY: `trace` below reaches every GC thing a `MutDom<T>` holds, so none is freed
// or moved while it is held.
unsafe impl<T: DomObject> JSTraceable for MutDom<T> {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { (*self.ptr.get()).trace(trc) }
    }
}

thread_local! {
    static TRACEABLE_ROOTS: RefCell<Vec<*const dyn JSTraceable>> = const { RefCell::new(Vec::new()) };
}

/// Traces every live [`RootedTraceableBox`] (from the extra-roots tracer).
///
/// # Safety
/// `trc` must be the tracer of a GC in progress on this thread (the runtime's extra-roots
/// tracer passes its own).
pub unsafe fn trace_traceable_roots(trc: *mut JSTracer) {
    TRACEABLE_ROOTS.with(|roots| {
        for &r in roots.borrow().iter() {
            // SAFETY: each entry is the boxed value of a live RootedTraceableBox (its drop
            // removes the entry), so `r` is valid; `trc` is the GC's tracer (# Safety).
            unsafe { (*r).trace(trc) };
        }
    });
}

/// Runs `wrap` with the boxed DOM struct `object` traced as a root, then returns what `wrap`
/// returns. For reflection: until its reflector exists, nothing traces a new DOM struct, so a
/// GC during the reflector's allocation would leave its `Heap` fields pointing at objects that
/// moved (found with GC zeal 14: a `ReadableStreamBYOBRequest` returned a moved view). `wrap`
/// must keep the box where it is (moving ownership of a `Box` keeps its contents in place).
pub fn while_rooted<T: JSTraceable + 'static, R>(object: Box<T>, wrap: impl FnOnce(Box<T>) -> R) -> R {
    let ptr: *const dyn JSTraceable = &*object;
    TRACEABLE_ROOTS.with(|roots| roots.borrow_mut().push(ptr));
    let result = wrap(object);
    TRACEABLE_ROOTS.with(|roots| {
        let mut roots = roots.borrow_mut();
        if let Some(i) = roots.iter().rposition(|r| std::ptr::addr_eq(*r, ptr)) {
            roots.swap_remove(i);
        }
    });
    result
}

/// A boxed traceable value rooted for as long as the box lives (for values
/// holding callbacks or `Heap`s that sit on the Rust stack across a GC).
pub struct RootedTraceableBox<T: JSTraceable + 'static> {
    value: Box<T>,
}

impl<T: JSTraceable + 'static> RootedTraceableBox<T> {
    pub fn new(value: T) -> Self {
        let value = Box::new(value);
        let ptr: *const dyn JSTraceable = &*value;
        TRACEABLE_ROOTS.with(|roots| roots.borrow_mut().push(ptr));
        RootedTraceableBox { value }
    }
}

impl<T: JSTraceable + 'static> RootedTraceableBox<T> {
    /// Unroots the value and returns it; the caller stores it where it is traced before the
    /// next GC can happen.
    pub fn into_inner(self) -> T {
        let this = std::mem::ManuallyDrop::new(self);
        let ptr: *const dyn JSTraceable = &*this.value;
        TRACEABLE_ROOTS.with(|roots| {
            let mut roots = roots.borrow_mut();
            if let Some(i) = roots.iter().rposition(|r| std::ptr::addr_eq(*r, ptr)) {
                roots.swap_remove(i);
            }
        });
        // SAFETY: `this` is never dropped, so the box is read out exactly once.
        *unsafe { std::ptr::read(&this.value) }
    }
}

impl<T: JSTraceable + 'static> Deref for RootedTraceableBox<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: JSTraceable + 'static> Drop for RootedTraceableBox<T> {
    fn drop(&mut self) {
        let ptr: *const dyn JSTraceable = &*self.value;
        TRACEABLE_ROOTS.with(|roots| {
            let mut roots = roots.borrow_mut();
            if let Some(i) = roots.iter().rposition(|r| std::ptr::addr_eq(*r, ptr)) {
                roots.swap_remove(i);
            }
        });
    }
}

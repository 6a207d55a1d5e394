//! `Trusted<T>`: a `Send` token that keeps a DOM object alive while another
//! thread works on its behalf; only the script thread can turn it back into
//! the object.
//!
//! The script thread keeps a table from token ids to rooted reflectors (traced
//! by the runtime). Dropping a token on another thread queues its release;
//! the script thread drains the queue at each task.

use std::cell::RefCell;
use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use mozjs::jsapi::JSTracer;

use crate::dom::bindings::reflector::{DomObject, Reflector, trace_reflector};
use crate::dom::bindings::root::DomRoot;

static NEXT_ID: AtomicU64 = AtomicU64::new(1);
static RELEASED: Mutex<Vec<u64>> = Mutex::new(Vec::new());

thread_local! {
    static LIVE: RefCell<HashMap<u64, *const Reflector>> = RefCell::new(HashMap::new());
}

/// A cross-thread handle to a DOM object of type `T`.
pub struct Trusted<T: DomObject> {
    id: u64,
    _marker: PhantomData<fn() -> T>,
}

// The token is an integer; the pointer never leaves the script thread.
unsafe impl<T: DomObject> Send for Trusted<T> {}

impl<T: DomObject> Trusted<T> {
    /// Roots `object` until the token is dropped. Script thread only.
    pub fn new(object: &T) -> Trusted<T> {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        LIVE.with(|live| live.borrow_mut().insert(id, object.reflector() as *const Reflector));
        Trusted { id, _marker: PhantomData }
    }

    /// The object. Script thread only; `None` anywhere else.
    pub fn root(&self) -> Option<DomRoot<T>> {
        LIVE.try_with(|live| {
            live.borrow().get(&self.id).map(|&r| {
                // SAFETY: the table only holds reflectors of `T`s (typed at
                // creation), kept alive by the table itself.
                DomRoot::from_ref(unsafe { &*(r as *const T) })
            })
        })
        .ok()
        .flatten()
    }
}

impl<T: DomObject> Drop for Trusted<T> {
    fn drop(&mut self) {
        let removed = LIVE.try_with(|live| live.borrow_mut().remove(&self.id).is_some()).unwrap_or(false);
        if !removed {
            // Dropped off the script thread: release at the next task.
            if let Ok(mut released) = RELEASED.lock() {
                released.push(self.id);
            }
        }
    }
}

/// Releases tokens dropped on other threads. Called by the script thread's loop.
pub fn release_dropped_tokens() {
    let ids: Vec<u64> = match RELEASED.lock() {
        Ok(mut r) => std::mem::take(&mut *r),
        Err(_) => return,
    };
    if ids.is_empty() {
        return;
    }
    LIVE.with(|live| {
        let mut live = live.borrow_mut();
        for id in ids {
            live.remove(&id);
        }
    });
}

/// Traces every live token's object (from the runtime's extra-roots tracer).
pub unsafe fn trace_trusted(trc: *mut JSTracer) {
    LIVE.with(|live| {
        for &r in live.borrow().values() {
            unsafe { trace_reflector(trc, c"Trusted", &*r) };
        }
    });
}

/// Number of live tokens (for leak tests).
pub fn live_trusted_count() -> usize {
    LIVE.with(|live| live.borrow().len())
}

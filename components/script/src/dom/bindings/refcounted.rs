//! `Trusted<T>`: a `Send` token that keeps a DOM object alive while another
//! thread works on its behalf; only the script thread can turn it back into
//! the object.
//!
//! Each script thread (a window's or a worker's) keeps a table from token ids to
//! rooted reflectors (traced by its runtime) and a queue of releases. A token
//! remembers its home thread's queue: dropping it on another thread queues its
//! release there, and the home thread drains its own queue at each task (so a
//! token dropped on a worker's thread is released by the thread that made it,
//! not by whichever script thread drains first).

use std::cell::RefCell;
use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use mozjs::jsapi::JSTracer;

use crate::dom::bindings::reflector::{DomObject, Reflector, trace_reflector};
use crate::dom::bindings::root::DomRoot;

/// Token ids (unique in the process, so a token can never name another thread's object).
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A thread's queue of tokens dropped elsewhere.
type ReleaseQueue = Arc<Mutex<Vec<u64>>>;

thread_local! {
    static LIVE: RefCell<HashMap<u64, *const Reflector>> = RefCell::new(HashMap::new());
    static RELEASED: ReleaseQueue = Arc::new(Mutex::new(Vec::new()));
}

/// A cross-thread handle to a DOM object of type `T`.
pub struct Trusted<T: DomObject> {
    id: u64,
    /// The release queue of the thread that made the token (and owns the object).
    home: ReleaseQueue,
    _marker: PhantomData<fn() -> T>,
}

// The token is an integer; the pointer never leaves the script thread.
// SAFETY: the token is an integer key into the thread-local `LIVE` table; on any other thread
// `root` finds nothing (a different table), so the pointer is only dereferenced on its own thread.
unsafe impl<T: DomObject> Send for Trusted<T> {}

impl<T: DomObject> Trusted<T> {
    /// Roots `object` until the token is dropped. Script thread only.
    pub fn new(object: &T) -> Trusted<T> {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        LIVE.with(|live| live.borrow_mut().insert(id, object.reflector() as *const Reflector));
        Trusted { id, home: RELEASED.with(Arc::clone), _marker: PhantomData }
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
            // Dropped off its home thread: the home thread releases it at its next task.
            if let Ok(mut released) = self.home.lock() {
                released.push(self.id);
            }
        }
    }
}

/// Releases this thread's tokens that were dropped on other threads. Called by each script
/// thread's loop.
pub fn release_dropped_tokens() {
    let ids: Vec<u64> = RELEASED.with(|queue| match queue.lock() {
        Ok(mut r) => std::mem::take(&mut *r),
        Err(_) => Vec::new(),
    });
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
///
/// # Safety
/// `trc` must be the tracer of a GC in progress on this thread (the runtime's extra-roots
/// tracer passes its own).
pub unsafe fn trace_trusted(trc: *mut JSTracer) {
    LIVE.with(|live| {
        for &r in live.borrow().values() {
            // SAFETY: the table holds the reflectors of objects it keeps alive until their
            // last token drops, so `r` is live; `trc` is the GC's tracer (# Safety).
            unsafe { trace_reflector(trc, c"Trusted", &*r) };
        }
    });
}

/// Number of live tokens (for leak tests).
pub fn live_trusted_count() -> usize {
    LIVE.with(|live| live.borrow().len())
}

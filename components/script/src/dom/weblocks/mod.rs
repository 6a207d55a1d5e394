//! Web Locks (<https://w3c.github.io/web-locks/>): `navigator.locks`, `LockManager` and `Lock`.
//!
//! The lock managers of this engine live on its script thread, one per origin
//! ([`crate::origin::origin_key`], so every `file:` page shares one), in a thread-local table:
//! the same-origin windows of one engine (a page and its iframes) share their locks, another
//! engine has its own. The "lock task queue" of the standard is this thread: its steps run at
//! once, in the order they were enqueued, and the steps it enqueues on the event loop (invoking
//! a callback) are queued tasks.
//!
//! The table holds plain data and promises (persistent roots); the callbacks and abort signals
//! of the requests whose callbacks have not run yet stay on the requesting `LockManager`
//! (traced), which the table names by a `Trusted`. Window only: a dedicated worker runs on
//! its own thread, which would need its requests carried to this one.

pub mod lock;
pub mod lockmanager;

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::Enums::LockMode;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use lockmanager::LockManager;

/// A lock request (<https://w3c.github.io/web-locks/#lock-request>) while it waits in a queue.
/// Its callback and signal are kept by `manager` under `id`.
pub struct LockRequest {
    pub id: u64,
    pub client_id: String,
    pub name: String,
    pub mode: LockMode,
    pub promise: Rc<Promise>,
    pub manager: Trusted<LockManager>,
}

/// A lock (<https://w3c.github.io/web-locks/#lock-concept>) in a held lock set.
pub struct HeldLock {
    pub id: u64,
    pub client_id: String,
    pub name: String,
    pub mode: LockMode,
    /// The lock's released promise: the promise `request()` returned.
    pub released: Rc<Promise>,
    /// The `LockManager` of the window that holds it.
    pub manager: Trusted<LockManager>,
}

/// One origin's lock manager (<https://w3c.github.io/web-locks/#lock-manager>).
#[derive(Default)]
pub struct Manager {
    /// <https://w3c.github.io/web-locks/#lock-manager-held-lock-set>
    held: Vec<HeldLock>,
    /// <https://w3c.github.io/web-locks/#lock-manager-lock-request-queue-map>, in the order the
    /// names were first requested (a snapshot lists pending requests in that order).
    queues: Vec<(String, VecDeque<LockRequest>)>,
}

impl Manager {
    /// <https://w3c.github.io/web-locks/#get-the-lock-request-queue>
    fn queue(&mut self, name: &str) -> &mut VecDeque<LockRequest> {
        // 1. If queueMap[name] does not exist, set queueMap[name] to a new empty lock request queue.
        let index = match self.queues.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.queues.push((name.to_owned(), VecDeque::new()));
                self.queues.len() - 1
            }
        };
        // 2. Return queueMap[name].
        &mut self.queues[index].1
    }

    /// <https://w3c.github.io/web-locks/#grantable>, for a request of `name` and `mode` that is
    /// the first item of its queue (`first`) or not in it yet.
    fn grantable(&mut self, name: &str, mode: LockMode, first: bool) -> bool {
        // 7. If queue is not empty and request is not the first item in queue, then return false.
        if !first && !self.queue(name).is_empty() {
            return false;
        }
        match mode {
            // 8. If mode is "exclusive", then return true if no lock in held has name equal to
            //    name, and false otherwise.
            LockMode::Exclusive => !self.held.iter().any(|l| l.name == name),
            // 9. Otherwise, mode is "shared"; return true if no lock in held has mode
            //    "exclusive" and has name equal to name, and false otherwise.
            LockMode::Shared => !self.held.iter().any(|l| l.mode == LockMode::Exclusive && l.name == name),
        }
    }

    /// <https://w3c.github.io/web-locks/#process-the-lock-request-queue>
    fn process(&mut self, name: &str) {
        // 2. For each request of queue:
        loop {
            let Some(front) = self.queue(name).front() else { return };
            let mode = front.mode;
            // 2.1. If request is not grantable, then return.
            if !self.grantable(name, mode, true) {
                return;
            }
            // 2.2. Remove request from queue.
            let Some(request) = self.queue(name).pop_front() else { return };
            // 2.3–2.11. Let waiting be a new promise (made with the Lock, in the task below);
            //           let lock be a new lock with request's agent, clientId, manager, mode,
            //           name, released promise p and waiting promise waiting.
            // 2.12. Append lock to manager's held lock set.
            let for_task = request.manager.root().map(|m| Trusted::new(&*m));
            self.held.push(HeldLock {
                id: request.id,
                client_id: request.client_id,
                name: request.name,
                mode,
                released: request.promise,
                manager: request.manager,
            });
            // 2.13. Enqueue the following steps on callback's relevant settings object's
            //       responsible event loop: (the signal check, invoking callback with a new
            //       Lock, resolving waiting; `LockManager::run_granted`).
            let id = request.id;
            crate::script_thread::queue_task(Box::new(move |cx| {
                if let Some(manager) = for_task.and_then(|m| m.root()) {
                    manager.run_granted(cx, id);
                }
            }));
        }
    }

    /// <https://w3c.github.io/web-locks/#release-the-lock>
    fn release(&mut self, id: u64) {
        // 2.–5. Let queue be the lock request queue of lock's name; remove lock from the
        //       manager's held lock set.
        let Some(index) = self.held.iter().position(|l| l.id == id) else { return };
        let lock = self.held.remove(index);
        // 6. Process the lock request queue queue.
        self.process(&lock.name);
    }

    /// <https://w3c.github.io/web-locks/#abort-the-request>: whether the request was queued.
    fn abort(&mut self, id: u64) -> bool {
        // 2.–5. Let queue be the lock request queue of request's name.
        let Some((name, queue)) = self.queues.iter_mut().find(|(_, q)| q.iter().any(|r| r.id == id)) else {
            return false;
        };
        let name = name.clone();
        // 6. Remove request from queue.
        queue.retain(|r| r.id != id);
        // 7. Process the lock request queue queue.
        self.process(&name);
        true
    }
}

thread_local! {
    /// The engine's lock managers, by origin key.
    static MANAGERS: RefCell<HashMap<String, Manager>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// Runs `f` on the lock manager of `origin` (steps on the lock task queue).
fn with_manager<R>(origin: &str, f: impl FnOnce(&mut Manager) -> R) -> R {
    // Taken out of the table while `f` runs: a promise rejected by `f` runs no script now (its
    // reactions are microtasks), but the table must not stay borrowed across anything.
    let mut manager = MANAGERS.with(|m| m.borrow_mut().remove(origin)).unwrap_or_default();
    let result = f(&mut manager);
    if !manager.held.is_empty() || manager.queues.iter().any(|(_, q)| !q.is_empty()) {
        MANAGERS.with(|m| m.borrow_mut().insert(origin.to_owned(), manager));
    }
    result
}

/// A new id for a lock request (and the lock it becomes).
fn next_id() -> u64 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// What to do with a request, once its options have been checked.
pub struct RequestOptions {
    pub mode: LockMode,
    pub if_available: bool,
    pub steal: bool,
}

/// Outcome of the lock task queue's steps of "request a lock" for an `ifAvailable` request.
pub enum Enqueued {
    /// Queued (and perhaps already granted).
    Queued,
    /// Not grantable at once with `ifAvailable`: the callback is to be invoked with null.
    NotAvailable,
}

/// <https://w3c.github.io/web-locks/#request-a-lock>, step 3 (the steps on the lock task queue).
pub fn request_lock(cx: &mut JSContext, origin: &str, request: LockRequest, options: RequestOptions) -> Enqueued {
    with_manager(origin, |manager| {
        let name = request.name.clone();
        // 3.4. If steal is true, then run these steps:
        if options.steal {
            // 3.4.1. For each lock of held: if lock's name is name, remove lock from held and
            //        reject lock's released promise with an "AbortError" DOMException.
            let (stolen, kept): (Vec<_>, Vec<_>) =
                std::mem::take(&mut manager.held).into_iter().partition(|l| l.name == name);
            manager.held = kept;
            for lock in stolen {
                lock.released.reject_error(cx, Error::Abort("The lock was stolen by another request.".into()));
            }
            // 3.4.2. Prepend request in queue.
            manager.queue(&name).push_front(request);
        } else {
            // 3.5.1. If ifAvailable is true and request is not grantable, then enqueue the
            //        steps that invoke callback with null (the caller's) and abort these steps.
            if options.if_available && !manager.grantable(&name, options.mode, false) {
                return Enqueued::NotAvailable;
            }
            // 3.5.2. Enqueue request in queue.
            manager.queue(&name).push_back(request);
        }
        // 3.6. Process the lock request queue queue.
        manager.process(&name);
        Enqueued::Queued
    })
}

/// Called when a lock's waiting promise settles
/// (<https://w3c.github.io/web-locks/#lock-concept-waiting-promise>): "Release the lock lock".
/// Returns the lock's released promise if the lock was still held (not stolen).
pub fn release_lock(origin: &str, id: u64) -> Option<Rc<Promise>> {
    with_manager(origin, |manager| {
        let released = manager.held.iter().find(|l| l.id == id).map(|l| l.released.clone());
        manager.release(id);
        released
    })
}

/// <https://w3c.github.io/web-locks/#abort-the-request>: whether the request was still queued.
pub fn abort_request(origin: &str, id: u64) -> bool {
    with_manager(origin, |manager| manager.abort(id))
}

/// <https://w3c.github.io/web-locks/#snapshot-the-lock-state>: (held, pending) as
/// (name, mode, clientId).
pub fn snapshot(origin: &str) -> (Vec<(String, LockMode, String)>, Vec<(String, LockMode, String)>) {
    MANAGERS.with(|m| {
        let m = m.borrow();
        let Some(manager) = m.get(origin) else { return (Vec::new(), Vec::new()) };
        // 2.–3. For each queue of the lock request queue map's values, for each request of
        //       queue: append «name, mode, clientId» to pending.
        let pending = manager
            .queues
            .iter()
            .flat_map(|(_, q)| q.iter())
            .map(|r| (r.name.clone(), r.mode, r.client_id.clone()))
            .collect();
        // 4.–5. For each lock of the held lock set: append «name, mode, clientId» to held.
        let held = manager.held.iter().map(|l| (l.name.clone(), l.mode, l.client_id.clone())).collect();
        (held, pending)
    })
}

/// The unloading document cleanup steps of `window`'s document
/// (<https://w3c.github.io/web-locks/#termination-of-locks>): "terminate remaining locks and
/// requests with its agent". Its requests are aborted and its locks released; their promises
/// are left alone (nobody can see them any more).
pub fn terminate_window(window: &Window) {
    let of_window = |manager: &Trusted<LockManager>| manager.root().is_some_and(|m| std::ptr::eq(&*m.global(), window));
    let origins: Vec<String> = MANAGERS.with(|m| m.borrow().keys().cloned().collect());
    for origin in origins {
        with_manager(&origin, |manager| {
            // 1. For each lock request request with agent equal to agent: abort the request.
            let requests: Vec<u64> = manager
                .queues
                .iter()
                .flat_map(|(_, q)| q.iter())
                .filter(|r| of_window(&r.manager))
                .map(|r| r.id)
                .collect();
            for id in requests {
                manager.abort(id);
            }
            // 2. For each lock lock with agent equal to agent: release the lock lock.
            let locks: Vec<u64> = manager.held.iter().filter(|l| of_window(&l.manager)).map(|l| l.id).collect();
            for id in locks {
                manager.release(id);
            }
        });
    }
}

/// The end of this thread's event loop: the lock managers (and the promises they hold) are
/// dropped while the runtime is alive. Returns how many managers there were.
pub fn teardown() -> usize {
    crate::script_thread::drain(&MANAGERS)
}

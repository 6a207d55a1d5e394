//! `LockManager` (<https://w3c.github.io/web-locks/#api-lock-manager>): a window's view of its
//! origin's lock manager (the shared state is in `super`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::HandleValue;

use super::lock::Lock;
use super::{Enqueued, LockRequest, RequestOptions};
use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::LockGrantedCallback;
use crate::dom::bindings::codegen::Dictionaries::{LockInfo, LockManagerSnapshot, LockOptions};
use crate::dom::bindings::codegen::Enums::LockMode;
use crate::dom::bindings::codegen::LockManagerBinding::LockManagerMethods;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::abortsignal::AbortSignal;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// What a request keeps until its callback has been invoked.
#[derive(JSTraceable)]
struct Waiting {
    callback: Rc<LockGrantedCallback>,
    /// The request's promise (the lock's released promise once granted).
    promise: Rc<Promise>,
    signal: Option<Dom<AbortSignal>>,
    name: String,
    #[no_trace]
    mode: LockMode,
}

#[dom_struct]
pub struct LockManager {
    reflector_: Reflector,
    /// The window's environment id (<https://html.spec.whatwg.org/multipage/webappapis.html#concept-environment-id>),
    /// the clientId of its requests and locks.
    client_id: String,
    /// The origin key of the window's lock manager.
    origin: String,
    /// The requests of this window whose callback has not been invoked, by request id.
    waiting: RefCell<HashMap<u64, Waiting>>,
}

impl LockManager {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<LockManager> {
        let mut bytes = [0u8; 16];
        if let Err(e) = getrandom::getrandom(&mut bytes) {
            log::warn!("no random source for a lock client id ({e}); ids are still unique per engine");
            bytes = (window as *const Window as usize as u128).to_be_bytes();
        }
        let manager = LockManager {
            reflector_: Reflector::new(),
            client_id: crate::dom::webcrypto::crypto::uuid_v4(bytes),
            origin: crate::origin::origin_key(&window.document().origin_url()),
            waiting: Default::default(),
        };
        reflect_dom_object(cx, Box::new(manager), window)
    }

    /// The checks `request()` and `query()` start with: the document is fully active and the
    /// environment has a lock manager.
    fn check_environment(&self) -> Result<(), Error> {
        let window = self.global();
        // "If environment's relevant global object's associated Document is not fully active,
        // then return a promise rejected with a "InvalidStateError" DOMException."
        if !window.is_attached() {
            return Err(Error::InvalidState("The document is not fully active.".into()));
        }
        // "Let manager be the result of obtaining a lock manager given environment. If that
        // returned failure, then return a promise rejected with a "SecurityError" DOMException."
        // An opaque origin (other than file:, which Aperture keys as one origin) has no storage.
        if self.origin == "null" {
            return Err(Error::Security("Access to the Locks API is denied in this context.".into()));
        }
        Ok(())
    }

    /// <https://w3c.github.io/web-locks/#signal-to-abort-the-request>
    fn signal_to_abort(&self, cx: &mut JSContext, id: u64, reason: HandleValue) {
        // (The algorithm is removed from the signal when the callback is invoked: a request
        // no longer waiting has nothing to abort.)
        let Some(waiting) = self.waiting.borrow().get(&id).map(|w| w.promise.clone()) else { return };
        // 1. Enqueue the steps to abort the request request to the lock task queue.
        super::abort_request(&self.origin, id);
        // 2. Reject request's promise with signal's abort reason.
        waiting.reject(cx, reason);
    }

    /// The callback of a request that was not grantable with `ifAvailable`, invoked with null.
    fn run_not_available(&self, cx: &mut JSContext, id: u64) {
        let Some(waiting) = self.waiting.borrow_mut().remove(&id) else { return };
        // "Let r be the result of invoking callback with null as the only argument."
        rooted!(&in(cx) let mut r = UndefinedValue());
        rooted!(&in(cx) let this = UndefinedValue());
        let result = waiting.callback.Call_(cx, this.handle(), None, r.handle_mut(), ExceptionHandling::Rethrow);
        // "Resolve promise with r" (an abrupt completion rejects it).
        match result {
            Ok(()) => waiting.promise.resolve(cx, r.handle()),
            Err(e) => waiting.promise.reject_error(cx, e),
        }
    }

    /// <https://w3c.github.io/web-locks/#process-the-lock-request-queue>, step 2.13: the steps
    /// on the event loop once request `id` has become a held lock.
    pub fn run_granted(&self, cx: &mut JSContext, id: u64) {
        let Some(waiting) = self.waiting.borrow_mut().remove(&id) else { return };
        // 2.13.1. If signal is present, then run these steps:
        if let Some(signal) = &waiting.signal {
            // 2.13.1.1. If signal is aborted, then enqueue the step "release the lock lock" to
            //           the lock task queue, and return.
            if signal.is_aborted() {
                super::release_lock(&self.origin, id);
                return;
            }
            // 2.13.1.2. Remove the algorithm signal to abort the request request from signal.
            //           (Done by removing `waiting`: the algorithm finds nothing to abort.)
        }
        // 2.10. Let waiting be a new promise.
        let window = self.global();
        let waiting_promise = Promise::new(cx, &window);
        // 2.13.2. Let r be the result of invoking callback with a new Lock object associated
        //         with lock as the only argument.
        let lock = Lock::new(cx, &window, waiting.name.clone(), waiting.mode);
        rooted!(&in(cx) let mut r = UndefinedValue());
        rooted!(&in(cx) let this = UndefinedValue());
        let result = waiting.callback.Call_(cx, this.handle(), Some(&lock), r.handle_mut(), ExceptionHandling::Rethrow);
        // 2.13.3. Resolve waiting with r.
        match result {
            Ok(()) => waiting_promise.resolve(cx, r.handle()),
            Err(e) => waiting_promise.reject_error(cx, e),
        }
        // "When lock's waiting promise settles (fulfills or rejects), enqueue the following
        // steps on the lock task queue: 1. Release the lock lock. 2. Resolve lock's released
        // promise with lock's waiting promise."
        react(
            cx,
            waiting_promise.promise_obj(),
            (waiting_promise.clone(), self.origin.clone(), id),
            |cx, data, _| waiting_settled(cx, data),
            |cx, data, _| waiting_settled(cx, data),
        );
    }
}

/// A lock's waiting promise settled: release the lock and resolve its released promise with
/// the waiting promise.
fn waiting_settled(cx: &mut JSContext, (waiting, origin, id): &(Rc<Promise>, String, u64)) {
    // 1. Release the lock lock. (A stolen lock is no longer held; its released promise was
    //    rejected already, and resolving it now changes nothing.)
    if let Some(released) = super::release_lock(origin, *id) {
        // 2. Resolve lock's released promise with lock's waiting promise.
        rooted!(&in(cx) let value = ObjectValue(waiting.promise_obj().get()));
        released.resolve(cx, value.handle());
    }
}

impl LockManagerMethods for LockManager {
    /// <https://w3c.github.io/web-locks/#dom-lockmanager-request>
    fn Request(&self, cx: &mut JSContext, name: DOMString, callback: Rc<LockGrantedCallback>) -> Rc<Promise> {
        // 1. If options was not passed, then let options be a new LockOptions dictionary with
        //    default members.
        self.Request_(cx, name, &LockOptions::empty(), callback)
    }

    /// <https://w3c.github.io/web-locks/#dom-lockmanager-request-name-options-callback>
    fn Request_(
        &self,
        cx: &mut JSContext,
        name: DOMString,
        options: &LockOptions,
        callback: Rc<LockGrantedCallback>,
    ) -> Rc<Promise> {
        let window = self.global();
        let name = String::from(name);
        // 1. (Without options, `Request` passes a LockOptions dictionary with default members.)
        // 2.–4. Fully active, and the lock manager.
        if let Err(e) = self.check_environment() {
            return Promise::new_rejected(cx, &window, e);
        }
        let signal = options.signal.as_ref();
        // 5. If name starts with U+002D HYPHEN-MINUS (-), then return a promise rejected with a
        //    "NotSupportedError" DOMException.
        let reject = |cx: &mut JSContext, message: &str| {
            Promise::new_rejected(
                cx,
                &window,
                Error::NotSupported(format!("Failed to execute 'request' on 'LockManager': {message}")),
            )
        };
        if name.starts_with('-') {
            return reject(cx, "Names cannot start with '-'.");
        }
        // 6. If both options["steal"] and options["ifAvailable"] are true, then return a promise
        //    rejected with a "NotSupportedError" DOMException.
        if options.steal && options.if_available {
            return reject(cx, "The 'steal' and 'ifAvailable' options cannot be used together.");
        }
        // 7. If options["steal"] is true and options["mode"] is not "exclusive", then return a
        //    promise rejected with a "NotSupportedError" DOMException.
        if options.steal && options.mode != LockMode::Exclusive {
            return reject(cx, "The 'steal' option may only be used with 'exclusive' locks.");
        }
        // 8. If options["signal"] exists, and either of options["steal"] or
        //    options["ifAvailable"] is true, then return a promise rejected with a
        //    "NotSupportedError" DOMException.
        if signal.is_some() && (options.steal || options.if_available) {
            return reject(cx, "The 'signal' option may not be used with the 'steal' or 'ifAvailable' options.");
        }
        // 9. If options["signal"] exists and is aborted, then return a promise rejected with
        //    options["signal"]'s abort reason.
        if let Some(signal) = signal
            && signal.is_aborted()
        {
            rooted!(&in(cx) let reason = signal.reason());
            let promise = Promise::new(cx, &window);
            promise.reject(cx, reason.handle());
            return promise;
        }
        // 10. Let promise be a new promise.
        let promise = Promise::new(cx, &window);
        // 11. Request a lock with promise, the current agent, environment's id, manager,
        //     callback, name, options["mode"], options["ifAvailable"], options["steal"], and
        //     options["signal"]:
        // 11.1. Let request be a new lock request (agent, clientId, manager, name, mode,
        //       callback, promise, signal).
        let id = super::next_id();
        self.waiting.borrow_mut().insert(
            id,
            Waiting {
                callback,
                promise: promise.clone(),
                signal: signal.map(|s| Dom::from_ref(&**s)),
                name: name.clone(),
                mode: options.mode,
            },
        );
        // 11.2. If signal is present, then add the algorithm signal to abort the request
        //       request with signal to signal.
        if let Some(signal) = signal {
            let this = Trusted::new(self);
            signal.add_abort_algorithm(Box::new(move |cx, reason| {
                if let Some(this) = this.root() {
                    this.signal_to_abort(cx, id, reason);
                }
            }));
        }
        // 11.3. Enqueue the following steps to the lock task queue (run now: see `super`).
        let request = LockRequest {
            id,
            client_id: self.client_id.clone(),
            name,
            mode: options.mode,
            promise: promise.clone(),
            manager: Trusted::new(self),
        };
        let queued = super::request_lock(
            cx,
            &self.origin,
            request,
            RequestOptions { mode: options.mode, if_available: options.if_available, steal: options.steal },
        );
        if let Enqueued::NotAvailable = queued {
            // 11.3.5.1. "If ifAvailable is true and request is not grantable, then enqueue the
            //           following steps on callback's relevant settings object's responsible
            //           event loop: let r be the result of invoking callback with null as the only
            //           argument; resolve promise with r and abort these steps."
            let this = Trusted::new(self);
            crate::script_thread::queue_task(Box::new(move |cx| {
                if let Some(this) = this.root() {
                    this.run_not_available(cx, id);
                }
            }));
        }
        // 12. Return promise.
        promise
    }

    /// <https://w3c.github.io/web-locks/#dom-lockmanager-query>
    fn Query(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        // 1.–3. Fully active, and the lock manager.
        if let Err(e) = self.check_environment() {
            return Promise::new_rejected(cx, &window, e);
        }
        // 4. Let promise be a new promise.
        let promise = Promise::new(cx, &window);
        // 5. Enqueue the steps to snapshot the lock state for manager with promise to the lock
        //    task queue.
        let (held, pending) = super::snapshot(&self.origin);
        let info = |(name, mode, client_id): (String, LockMode, String)| LockInfo {
            name: Some(name.into()),
            mode: Some(mode),
            client_id: Some(client_id.into()),
        };
        // 6. Resolve promise with «[ "held" → held, "pending" → pending ]».
        let snapshot = LockManagerSnapshot {
            held: Some(held.into_iter().map(info).collect()),
            pending: Some(pending.into_iter().map(info).collect()),
        };
        promise.resolve_native(cx, &snapshot);
        // 7. Return promise.
        promise
    }
}

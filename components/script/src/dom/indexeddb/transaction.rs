//! `IDBTransaction` (<https://w3c.github.io/IndexedDB/#transaction>): its lifecycle (active,
//! inactive, committing, finished), its request list, commit and abort.
//!
//! Requests run in the order they were placed, one per task of the database's pump
//! (`backend::pump`): the operation runs on the in-memory database, then the request's
//! `success` or `error` event is fired with the transaction active, so requests placed from the
//! event's listeners (and the microtasks after each of them) join the same transaction. A
//! transaction with no request left that is not active commits.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use super::backend::{Shared, schedule};
use super::convert::Value;
use super::database::IDBDatabase;
use super::objectstore::IDBObjectStore;
use super::request::{IDBOpenDBRequest, IDBRequest, Outcome, exception_for, idb_handlers};
use super::store::Database;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Enums::IDBTransactionDurability;
use crate::dom::bindings::codegen::Enums::IDBTransactionMode;
use crate::dom::bindings::codegen::IDBTransactionBinding::IDBTransactionMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::domexception::DOMException;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::domstringlist::DOMStringList;

/// <https://w3c.github.io/IndexedDB/#transaction-state>
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum State {
    Active,
    Inactive,
    Committing,
    Finished,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    ReadOnly,
    ReadWrite,
    VersionChange,
}

/// An operation placed against a transaction: it runs on the database when its turn comes.
pub type Operation = Box<dyn FnOnce(&mut JSContext, &mut Database<Value>) -> Result<Outcome, Error>>;

/// An entry of the request list: an operation still to run, or one already run (a change of
/// the schema in an upgrade runs the operations placed before it first, so they see the schema
/// they were placed under) whose event waits for its turn.
enum Work {
    Pending(Operation),
    Ran(Result<Outcome, Error>),
}

#[dom_struct]
pub struct IDBTransaction {
    eventtarget: EventTarget,
    connection: Dom<IDBDatabase>,
    #[no_trace]
    shared: Rc<Shared>,
    /// <https://w3c.github.io/IndexedDB/#transaction-scope> (sorted); an upgrade transaction's
    /// scope is every object store, read from the database.
    #[no_trace]
    scope: RefCell<Vec<String>>,
    #[no_trace]
    mode: Mode,
    #[no_trace]
    durability: IDBTransactionDurability,
    #[no_trace]
    state: Cell<State>,
    /// Started: it may run its requests (no overlapping earlier transaction is unfinished).
    #[no_trace]
    started: Cell<bool>,
    /// When the pump last ran one of its requests (started transactions take turns).
    #[no_trace]
    served: Cell<u64>,
    /// <https://w3c.github.io/IndexedDB/#transaction-request-list>: the requests not yet
    /// processed, with their operations.
    /// Entries without a request are the schema steps of an upgrade (an index's population):
    /// their failure aborts the transaction.
    #[no_trace]
    requests: RefCell<VecDeque<(Option<Trusted<IDBRequest>>, Work)>>,
    /// The database as it was when the transaction started ("revert all changes" on abort).
    #[no_trace]
    snapshot: RefCell<Option<Database<Value>>>,
    /// The object store handles made in this transaction (one per store).
    handles: RefCell<Vec<Dom<IDBObjectStore>>>,
    error: MutNullableDom<DOMException>,
    /// An upgrade transaction's open request (it is told when the transaction finishes) and the
    /// database's version before.
    #[no_trace]
    upgrade: RefCell<Option<(Trusted<IDBOpenDBRequest>, u64)>>,
}

impl IDBTransaction {
    pub fn new(
        cx: &mut JSContext,
        connection: &IDBDatabase,
        scope: Vec<String>,
        mode: Mode,
        durability: IDBTransactionDurability,
    ) -> DomRoot<IDBTransaction> {
        let window = connection.global();
        let transaction = reflect_dom_object(
            cx,
            Box::new(IDBTransaction {
                eventtarget: EventTarget::new_inherited(),
                connection: Dom::from_ref(connection),
                shared: connection.shared(),
                scope: RefCell::new(scope),
                mode,
                durability,
                state: Cell::new(State::Active),
                started: Cell::new(false),
                served: Cell::new(0),
                requests: RefCell::new(VecDeque::new()),
                snapshot: RefCell::new(None),
                handles: RefCell::new(Vec::new()),
                error: Default::default(),
                upgrade: RefCell::new(None),
            }),
            &window,
        );
        // "Get the parent" of a transaction is its connection.
        transaction.eventtarget.set_event_parent(Some(connection.upcast::<EventTarget>()));
        transaction.shared.transactions.borrow_mut().push(Trusted::new(&*transaction));
        connection.transaction_created();
        transaction
    }

    pub fn shared(&self) -> Rc<Shared> {
        self.shared.clone()
    }

    pub fn connection(&self) -> DomRoot<IDBDatabase> {
        DomRoot::from_ref(&*self.connection)
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn state(&self) -> State {
        self.state.get()
    }

    pub fn set_state(&self, state: State) {
        self.state.set(state);
    }

    pub fn is_upgrade(&self) -> bool {
        self.mode == Mode::VersionChange
    }

    /// "Clone a value … during transaction": the transaction is inactive while the value is
    /// serialized (a getter that runs then cannot place requests).
    pub fn while_inactive<R>(&self, f: impl FnOnce() -> R) -> R {
        let was = self.state.get();
        if was == State::Active {
            self.state.set(State::Inactive);
        }
        let result = f();
        if was == State::Active && self.state.get() == State::Inactive {
            self.state.set(State::Active);
        }
        result
    }

    pub fn is_finished(&self) -> bool {
        self.state.get() == State::Finished
    }

    pub fn set_upgrade(&self, request: &IDBOpenDBRequest, old_version: u64) {
        *self.upgrade.borrow_mut() = Some((Trusted::new(request), old_version));
    }

    /// The names of the object stores in scope.
    pub fn scope_names(&self) -> Vec<String> {
        if self.is_upgrade() && !self.is_finished() {
            let mut names: Vec<String> = self.shared.db.borrow().stores.iter().map(|s| s.name.clone()).collect();
            super::convert::sort_names(&mut names);
            names
        } else {
            self.scope.borrow().clone()
        }
    }

    fn in_scope(&self, name: &str) -> bool {
        self.is_upgrade() || self.scope.borrow().iter().any(|s| s == name)
    }

    /// An upgrade transaction's scope is fixed when it finishes (its objectStoreNames no
    /// longer follow the database).
    fn fix_scope(&self) {
        if self.is_upgrade() {
            let names = self.scope_names();
            *self.scope.borrow_mut() = names;
        }
    }

    /// Whether this transaction and `other` (created before it) may not run at the same time:
    /// "overlapping scopes" and one of them writes.
    pub fn conflicts_with(&self, other: &IDBTransaction) -> bool {
        if self.mode == Mode::ReadOnly && other.mode == Mode::ReadOnly {
            return false;
        }
        if self.is_upgrade() || other.is_upgrade() {
            return true;
        }
        let other_scope = other.scope.borrow();
        self.scope.borrow().iter().any(|name| other_scope.contains(name))
    }

    pub fn is_started(&self) -> bool {
        self.started.get()
    }

    pub fn served(&self) -> u64 {
        self.served.get()
    }

    pub fn set_served(&self, stamp: u64) {
        self.served.set(stamp);
    }

    /// Starts the transaction: a writing one keeps the database as it is now, for rollback.
    pub fn start(&self) {
        self.started.set(true);
        if self.mode != Mode::ReadOnly {
            *self.snapshot.borrow_mut() = Some(self.shared.db.borrow().clone());
        }
    }

    /// The object store handle for `name`, the same one each time in this transaction.
    pub fn handle_for(&self, cx: &mut JSContext, store_id: u64) -> DomRoot<IDBObjectStore> {
        if let Some(handle) = self.handles.borrow().iter().find(|h| h.store_id() == store_id) {
            return DomRoot::from_ref(&**handle);
        }
        let handle = IDBObjectStore::new(cx, &self.global(), self, store_id);
        self.handles.borrow_mut().push(Dom::from_ref(&*handle));
        handle
    }

    /// The handles of this transaction (an aborted upgrade puts their names back).
    pub fn handles(&self) -> Vec<DomRoot<IDBObjectStore>> {
        self.handles.borrow().iter().map(|h| DomRoot::from_ref(&**h)).collect()
    }

    /// <https://w3c.github.io/IndexedDB/#asynchronously-execute-a-request>: "Append request to
    /// transaction's request list", and the database's pump runs it when its turn comes.
    pub fn add_request(&self, request: &IDBRequest, operation: Operation) {
        self.requests.borrow_mut().push_back((Some(Trusted::new(request)), Work::Pending(operation)));
        schedule(&self.shared);
    }

    /// A schema step of an upgrade that failed (an index that cannot be unique): when its turn
    /// comes, the transaction aborts with `error`.
    pub fn add_failed_step(&self, error: Error) {
        self.requests.borrow_mut().push_back((None, Work::Ran(Err(error))));
        schedule(&self.shared);
    }

    /// Runs the operations placed so far (their events keep their turn), before a change of
    /// the schema.
    pub fn run_placed_operations(&self, cx: &mut JSContext) {
        let placed: Vec<usize> = self
            .requests
            .borrow()
            .iter()
            .enumerate()
            .filter(|(_, (_, work))| matches!(work, Work::Pending(_)))
            .map(|(i, _)| i)
            .collect();
        for i in placed {
            let work = std::mem::replace(&mut self.requests.borrow_mut()[i].1, Work::Ran(Ok(Outcome::Undefined)));
            if let Work::Pending(operation) = work {
                let result = {
                    let mut db = self.shared.db.borrow_mut();
                    operation(cx, &mut db)
                };
                self.requests.borrow_mut()[i].1 = Work::Ran(result);
            }
        }
    }

    pub fn has_requests(&self) -> bool {
        !self.requests.borrow().is_empty()
    }

    /// Runs the next request's operation and fires its event (one pump step).
    pub fn process_next_request(&self, cx: &mut JSContext) {
        let Some((request, work)) = self.requests.borrow_mut().pop_front() else { return };
        let window = self.global();
        let result = match work {
            Work::Ran(result) => result,
            Work::Pending(operation) => crate::script_runtime::in_realm(cx, &window, |cx| {
                let mut db = self.shared.db.borrow_mut();
                operation(cx, &mut db)
            }),
        };
        let Some(request) = request.and_then(|r| r.root()) else {
            if let Err(error) = result {
                self.abort(cx, Some(error));
            }
            return;
        };
        match result {
            Ok(outcome) => {
                request.set_outcome(cx, outcome);
                self.fire_success(cx, &request);
            }
            Err(error) => {
                request.set_error(cx, error);
                self.fire_error(cx, &request);
            }
        }
    }

    /// <https://w3c.github.io/IndexedDB/#fire-a-success-event>
    fn fire_success(&self, cx: &mut JSContext, request: &IDBRequest) {
        let window = self.global();
        crate::script_runtime::in_realm(cx, &window, |cx| {
            // "Let event be the result of creating an event using Event. Set event's type
            // attribute to "success". Set event's bubbles and cancelable attributes to false."
            let event = Event::new(cx, &window, "success".into(), false, false);
            event.set_trusted(true);
            // "If transaction's state is inactive, then set transaction's state to active."
            if self.state.get() == State::Inactive {
                self.state.set(State::Active);
            }
            // "Dispatch event at request with legacyOutputDidListenersThrowFlag."
            request.upcast::<EventTarget>().dispatch(cx, &event);
            // "If transaction's state is active, then: set transaction's state to inactive. If
            // legacyOutputDidListenersThrowFlag is true, then run abort a transaction with
            // transaction and a newly created "AbortError" DOMException."
            if self.state.get() == State::Active {
                self.state.set(State::Inactive);
                if event.listeners_threw() {
                    self.abort(cx, Some(Error::Abort("A request's success listener threw an exception.".into())));
                }
            }
            self.commit_if_done();
        });
    }

    /// "The implementation must attempt to commit an inactive transaction when all requests
    /// placed against the transaction have completed and their returned results handled, no new
    /// requests have been placed against the transaction, and the transaction has not been
    /// aborted": from here on it is committing (abort() throws, requests are refused).
    pub fn commit_if_done(&self) {
        if self.state.get() == State::Inactive && !self.has_requests() {
            self.state.set(State::Committing);
            schedule(&self.shared);
        }
    }

    /// <https://w3c.github.io/IndexedDB/#fire-an-error-event>
    fn fire_error(&self, cx: &mut JSContext, request: &IDBRequest) {
        let window = self.global();
        crate::script_runtime::in_realm(cx, &window, |cx| {
            // "Set event's type attribute to "error". Set event's bubbles and cancelable
            // attributes to true."
            let event = Event::new(cx, &window, "error".into(), true, true);
            event.set_trusted(true);
            if self.state.get() == State::Inactive {
                self.state.set(State::Active);
            }
            let not_canceled = request.upcast::<EventTarget>().dispatch(cx, &event);
            if self.state.get() == State::Active {
                self.state.set(State::Inactive);
                // (Then, canceled: "If transaction's request list is empty, then run commit a
                // transaction with transaction", below.)
                // "If legacyOutputDidListenersThrowFlag is true, then run abort a transaction
                // with transaction and a newly created "AbortError" DOMException and terminate
                // these steps. This is done even if event's canceled flag is false."
                if event.listeners_threw() {
                    self.abort(cx, Some(Error::Abort("A request's error listener threw an exception.".into())));
                    return;
                }
                // "If event's canceled flag is false, then run abort a transaction using
                // transaction and request's error, and terminate these steps."
                if not_canceled {
                    let error = request.error_exception();
                    self.abort_with_exception(cx, error.as_deref());
                    return;
                }
            } else if not_canceled && !self.is_finished() {
                // A transaction already committing (commit() was called) with a request that
                // failed and whose error was not handled aborts too, as in Chromium and as
                // WPT's idb-explicit-commit expects ("an error occurs while writing the changes").
                let error = request.error_exception();
                self.abort_with_exception(cx, error.as_deref());
                return;
            }
            self.commit_if_done();
        });
    }

    /// <https://w3c.github.io/IndexedDB/#commit-a-transaction>, once no request is left: the
    /// changes are already in the database; "set transaction's state to finished" and fire
    /// `complete` at it.
    pub fn commit_now(&self, cx: &mut JSContext) {
        self.fix_scope();
        self.state.set(State::Finished);
        self.snapshot.borrow_mut().take();
        self.handles.borrow_mut().clear();
        self.shared.forget_transaction(self);
        let window = self.global();
        // "If transaction is an upgrade transaction, then set transaction's connection's
        // associated database's upgrade transaction to null."
        if self.is_upgrade() {
            self.connection.set_upgrade_transaction(None);
        }
        crate::script_runtime::in_realm(cx, &window, |cx| {
            // "Queue a database task to run these steps: … Fire an event named complete at
            // transaction."
            let event = Event::new(cx, &window, "complete".into(), false, false);
            event.set_trusted(true);
            self.upcast::<EventTarget>().dispatch(cx, &event);
            // "If transaction is an upgrade transaction, then let request be the request
            // associated with transaction and set request's transaction to null."
            if let Some((request, _)) = self.upgrade.borrow_mut().take()
                && let Some(request) = request.root()
            {
                super::backend::upgrade_finished(cx, &self.shared, &request, &self.connection, true);
            }
        });
        self.connection.transaction_finished();
        schedule(&self.shared);
    }

    /// <https://w3c.github.io/IndexedDB/#abort-a-transaction> with a DOMException already made.
    fn abort_with_exception(&self, cx: &mut JSContext, error: Option<&DOMException>) {
        self.error.set(error);
        self.abort(cx, None);
    }

    /// <https://w3c.github.io/IndexedDB/#abort-a-transaction>
    pub fn abort(&self, cx: &mut JSContext, error: Option<Error>) {
        if self.is_finished() {
            return;
        }
        let window = self.global();
        // "All the changes made to the database by the transaction are reverted. For upgrade
        // transactions this includes changes to the set of object stores and indexes, as well
        // as the change to the version."
        if let Some(snapshot) = self.snapshot.borrow_mut().take() {
            *self.shared.db.borrow_mut() = snapshot;
        }
        // "If transaction is an upgrade transaction, then run abort an upgrade transaction":
        // the connection's version and object store handles' names are put back.
        let upgrade = self.upgrade.borrow_mut().take();
        if let Some((_, old_version)) = &upgrade {
            self.connection.set_version(*old_version);
            let db = self.shared.db.borrow();
            for handle in self.handles() {
                handle.revert_after_abort(&db);
            }
        }
        // "Set transaction's state to finished."
        self.fix_scope();
        self.state.set(State::Finished);
        self.shared.forget_transaction(self);
        // "If error is not null, set transaction's error to error."
        if let Some(error) = error {
            let exception = crate::script_runtime::in_realm(cx, &window, |cx| exception_for(cx, &window, error));
            self.error.set(Some(&exception));
        }
        // "For each request of transaction's request list, abort the steps to asynchronously
        // execute a request for request, set request's processed flag to true, and queue a
        // database task to run these steps: set request's done flag to true; set request's
        // result to undefined; set request's error to a newly created "AbortError"
        // DOMException; fire an event named error at request with its bubbles and cancelable
        // attributes initialized to true."
        let pending: Vec<_> =
            self.requests.borrow_mut().drain(..).filter_map(|(r, _)| r.and_then(|r| r.root())).collect();
        let pending: Vec<Trusted<IDBRequest>> = pending.iter().map(|r| Trusted::new(&**r)).collect();
        let this = Trusted::new(self);
        crate::script_thread::queue_database_task(Box::new(move |cx| {
            let Some(this) = this.root() else { return };
            let window = this.global();
            crate::script_runtime::in_realm(cx, &window, |cx| {
                for request in pending.iter().filter_map(|r| r.root()) {
                    request.set_error(cx, Error::Abort("The transaction was aborted.".into()));
                    let event = Event::new(cx, &window, "error".into(), true, true);
                    event.set_trusted(true);
                    request.upcast::<EventTarget>().dispatch(cx, &event);
                }
                // "Queue a database task to fire an event named abort at transaction with its
                // bubbles attribute initialized to true." (An upgrade transaction is no longer
                // its database's by then.)
                if this.is_upgrade() {
                    this.connection.set_upgrade_transaction(None);
                }
                let event = Event::new(cx, &window, "abort".into(), true, false);
                event.set_trusted(true);
                this.upcast::<EventTarget>().dispatch(cx, &event);
                // An aborted upgrade: its open request fails with an AbortError and the
                // connection closes.
                if let Some((request, _)) = upgrade
                    && let Some(request) = request.root()
                {
                    super::backend::upgrade_finished(cx, &this.shared, &request, &this.connection, false);
                }
            });
            this.handles.borrow_mut().clear();
            this.connection.transaction_finished();
            schedule(&this.shared);
        }));
    }

    /// The common checks of a request on an object store or index of this transaction
    /// ("If transaction's state is not active, then throw a TransactionInactiveError").
    pub fn check_active(&self) -> ErrorResult {
        if self.state.get() != State::Active {
            return Err(Error::Transaction("The transaction is not active.".into()));
        }
        Ok(())
    }

    /// "If transaction is a read-only transaction, throw a ReadOnlyError."
    pub fn check_writable(&self) -> ErrorResult {
        if self.mode == Mode::ReadOnly {
            return Err(Error::ReadOnly("The transaction is read-only.".into()));
        }
        Ok(())
    }
}

impl IDBTransactionMethods for IDBTransaction {
    /// <https://w3c.github.io/IndexedDB/#dom-idbtransaction-objectstorenames>
    fn ObjectStoreNames(&self, cx: &mut JSContext) -> DomRoot<DOMStringList> {
        DOMStringList::new(cx, &self.global(), self.scope_names())
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbtransaction-mode>
    fn Mode(&self, _cx: &mut JSContext) -> IDBTransactionMode {
        match self.mode {
            Mode::ReadOnly => IDBTransactionMode::Readonly,
            Mode::ReadWrite => IDBTransactionMode::Readwrite,
            Mode::VersionChange => IDBTransactionMode::Versionchange,
        }
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbtransaction-durability>
    fn Durability(&self, _cx: &mut JSContext) -> IDBTransactionDurability {
        self.durability
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbtransaction-db>
    fn Db(&self, _cx: &mut JSContext) -> DomRoot<IDBDatabase> {
        DomRoot::from_ref(&*self.connection)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbtransaction-error>
    fn Error(&self, _cx: &mut JSContext) -> Option<DomRoot<DOMException>> {
        self.error.get()
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbtransaction-objectstore>
    fn ObjectStore(&self, cx: &mut JSContext, name: DOMString) -> Fallible<DomRoot<IDBObjectStore>> {
        // "1. If this's state is finished, then throw an "InvalidStateError" DOMException."
        if self.is_finished() {
            return Err(Error::InvalidState("The transaction has finished.".into()));
        }
        // "2. Let store be the object store named name in this's scope, or throw a
        // "NotFoundError" DOMException if none."
        let name = String::from(name);
        let id = if self.in_scope(&name) {
            self.shared.db.borrow().stores.iter().find(|s| s.name == name).map(|s| s.id)
        } else {
            None
        };
        let Some(id) = id else {
            return Err(Error::NotFound("The specified object store was not found.".into()));
        };
        // "3. Return an object store handle associated with store and this."
        Ok(self.handle_for(cx, id))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbtransaction-commit>
    fn Commit(&self, _cx: &mut JSContext) -> ErrorResult {
        // "1. If this's state is not active, then throw an "InvalidStateError" DOMException."
        if self.state.get() != State::Active {
            return Err(Error::InvalidState("The transaction is not active.".into()));
        }
        // "2. Run commit a transaction with this": no new request may be placed; it commits
        // once its requests have run.
        self.state.set(State::Committing);
        schedule(&self.shared);
        Ok(())
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbtransaction-abort>
    fn Abort(&self, cx: &mut JSContext) -> ErrorResult {
        // "1. If this's state is committing or finished, then throw an "InvalidStateError"
        // DOMException."
        if matches!(self.state.get(), State::Committing | State::Finished) {
            return Err(Error::InvalidState("The transaction has finished or is committing.".into()));
        }
        // "2. Set this's state to inactive and run abort a transaction with this and null."
        self.state.set(State::Inactive);
        self.abort(cx, None);
        Ok(())
    }

    idb_handlers! {
        Onabort, SetOnabort => "abort";
        Oncomplete, SetOncomplete => "complete";
        Onerror, SetOnerror => "error";
    }
}

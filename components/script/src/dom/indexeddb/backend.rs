//! The databases of this engine and what runs them: one `Shared` per (origin, name), held by
//! the script thread (so per engine, never per process), with its connections, its unfinished
//! transactions and its connection queue (<https://w3c.github.io/IndexedDB/#connection-queue>:
//! the open and delete requests, one at a time).
//!
//! The pump (`schedule`) is a task that takes one step: the next step of the request at the
//! front of the connection queue, or else the next request of the first transaction that may
//! run (a transaction starts when no earlier unfinished transaction overlaps its scope with one
//! of the two writing), or else the commit of a transaction with nothing left to do. Each step
//! that fires an event schedules the next, so events are fired one task at a time, as the
//! standard's "queue a database task" steps do.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use mozjs::context::JSContext;

use super::convert::Value;
use super::database::IDBDatabase;
use super::request::IDBOpenDBRequest;
use super::store::Database;
use super::transaction::{IDBTransaction, Mode, State};
use crate::dom::bindings::codegen::Enums::IDBTransactionDurability;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;

/// One database of an origin, whether or not it exists yet.
pub struct Shared {
    pub origin: String,
    pub name: String,
    /// Whether the database exists (an open creates it; a delete removes it).
    pub exists: Cell<bool>,
    /// The version `databases()` reports: that of the last committed upgrade (a database
    /// whose first upgrade still runs is not listed).
    listed: Cell<Option<u64>>,
    pub db: RefCell<Database<Value>>,
    /// The connections that are not closed.
    pub connections: RefCell<Vec<Trusted<IDBDatabase>>>,
    /// The transactions that are not finished, in the order they were created.
    pub transactions: RefCell<Vec<Trusted<IDBTransaction>>>,
    queue: RefCell<VecDeque<Queued>>,
    pump_queued: Cell<bool>,
    /// Counts the requests the pump ran (the transactions' turns).
    turns: Cell<u64>,
}

struct Queued {
    request: Trusted<IDBOpenDBRequest>,
    /// `Some(version)` for an open (`None`: no version given); `None` for a delete.
    open: Option<Option<u64>>,
    stage: Stage,
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    New,
    /// The other connections were told (`versionchange`); waiting for them to close.
    Waiting {
        old: u64,
        new: Option<u64>,
        blocked_fired: bool,
    },
    /// The upgrade transaction runs.
    Upgrading,
}

thread_local! {
    static DATABASES: RefCell<HashMap<(String, String), Rc<Shared>>> = RefCell::new(HashMap::new());
    /// The transactions created since the last cleanup (<https://w3c.github.io/IndexedDB/#cleanup-indexed-database-transactions>).
    static CREATED: RefCell<Vec<Trusted<IDBTransaction>>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// A new identifier for an object store or index.
pub fn next_id() -> u64 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// The database `name` of `origin` (made, not existing, on first use).
pub fn database(origin: &str, name: &str) -> Rc<Shared> {
    DATABASES.with(|d| {
        d.borrow_mut()
            .entry((origin.to_owned(), name.to_owned()))
            .or_insert_with(|| {
                Rc::new(Shared {
                    origin: origin.to_owned(),
                    name: name.to_owned(),
                    exists: Cell::new(false),
                    listed: Cell::new(None),
                    db: RefCell::new(Database { name: name.to_owned(), version: 0, stores: Vec::new() }),
                    connections: RefCell::new(Vec::new()),
                    transactions: RefCell::new(Vec::new()),
                    queue: RefCell::new(VecDeque::new()),
                    pump_queued: Cell::new(false),
                    turns: Cell::new(0),
                })
            })
            .clone()
    })
}

/// The names and versions of `origin`'s databases, sorted by name.
pub fn databases_of(origin: &str) -> Vec<(String, u64)> {
    let mut list: Vec<(String, u64)> = DATABASES.with(|d| {
        d.borrow()
            .values()
            .filter(|s| s.origin == origin && s.exists.get())
            .filter_map(|s| Some((s.name.clone(), s.listed.get()?)))
            .collect()
    });
    list.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    list
}

/// Notes a transaction made by `transaction()`, to be made inactive at the next cleanup.
pub fn note_created(transaction: &IDBTransaction) {
    CREATED.with(|c| c.borrow_mut().push(Trusted::new(transaction)));
}

/// <https://w3c.github.io/IndexedDB/#cleanup-indexed-database-transactions>: "For each
/// transaction with cleanup event loop matching the current event loop: set transaction's state
/// to inactive; clear transaction's cleanup event loop." Run at each microtask checkpoint.
pub fn cleanup_transactions() {
    let created = CREATED.with(|c| std::mem::take(&mut *c.borrow_mut()));
    for transaction in created.iter().filter_map(|t| t.root()) {
        if transaction.state() == State::Active {
            transaction.set_state(State::Inactive);
            transaction.commit_if_done();
        }
        schedule(&transaction.shared());
    }
}

impl Shared {
    pub fn forget_transaction(&self, transaction: &IDBTransaction) {
        self.transactions.borrow_mut().retain(|t| t.root().is_some_and(|t| !std::ptr::eq(&*t, transaction)));
    }

    pub fn forget_connection(&self, connection: &IDBDatabase) {
        self.connections.borrow_mut().retain(|c| c.root().is_some_and(|c| !std::ptr::eq(&*c, connection)));
    }

    fn open_connections(&self) -> Vec<DomRoot<IDBDatabase>> {
        self.connections.borrow().iter().filter_map(|c| c.root()).collect()
    }

    /// Queues an open (`Some(version)`) or delete (`None`) request.
    pub fn enqueue(self: &Rc<Self>, request: &IDBOpenDBRequest, open: Option<Option<u64>>) {
        self.queue.borrow_mut().push_back(Queued { request: Trusted::new(request), open, stage: Stage::New });
        schedule(self);
    }
}

/// Queues the pump of `shared` unless it is already queued.
pub fn schedule(shared: &Rc<Shared>) {
    if shared.pump_queued.replace(true) {
        return;
    }
    let shared = shared.clone();
    crate::script_thread::queue_database_task(Box::new(move |cx| pump(cx, shared)));
}

fn pump(cx: &mut JSContext, shared: Rc<Shared>) {
    shared.pump_queued.set(false);
    if step_queue(cx, &shared) {
        schedule(&shared);
        return;
    }
    let transactions: Vec<DomRoot<IDBTransaction>> =
        shared.transactions.borrow().iter().filter_map(|t| t.root()).collect();
    // Start, in creation order, each transaction no earlier unfinished one conflicts with.
    for (i, transaction) in transactions.iter().enumerate() {
        if !transaction.is_finished()
            && !transaction.is_started()
            && !transactions[..i].iter().any(|earlier| !earlier.is_finished() && transaction.conflicts_with(earlier))
        {
            transaction.start();
        }
    }
    let running = || transactions.iter().filter(|t| t.is_started() && !t.is_finished());
    // A transaction with nothing left to do commits.
    if let Some(transaction) =
        running().find(|t| !t.has_requests() && matches!(t.state(), State::Inactive | State::Committing))
    {
        transaction.commit_now(cx);
        return;
    }
    // The running transactions take turns: the one served least recently runs its next request
    // (two read-only transactions make progress together, and a transaction that keeps placing
    // requests does not hold back one that does not overlap it).
    if let Some(transaction) = running().filter(|t| t.has_requests()).min_by_key(|t| t.served()) {
        let stamp = shared.turns.get() + 1;
        shared.turns.set(stamp);
        transaction.set_served(stamp);
        transaction.process_next_request(cx);
        schedule(&shared);
    }
}

fn fire_version_change(cx: &mut JSContext, target: &EventTarget, type_: &str, old: u64, new: Option<u64>) -> bool {
    let window = target.global();
    crate::script_runtime::in_realm(cx, &window, |cx| {
        let event = super::versionchangeevent::IDBVersionChangeEvent::new_trusted(cx, &window, type_, old, new);
        target.dispatch(cx, event.upcast::<Event>());
        event.upcast::<Event>().listeners_threw()
    })
}

fn fire_plain(cx: &mut JSContext, target: &EventTarget, type_: &str, bubbles: bool, cancelable: bool) {
    let window = target.global();
    crate::script_runtime::in_realm(cx, &window, |cx| {
        let event = Event::new(cx, &window, type_.into(), bubbles, cancelable);
        event.set_trusted(true);
        target.dispatch(cx, &event);
    });
}

/// One step of the request at the front of the connection queue; true when it did something
/// (the pump goes on), false when it waits (or the queue is empty).
fn step_queue(cx: &mut JSContext, shared: &Rc<Shared>) -> bool {
    let (request, open, stage) = {
        let queue = shared.queue.borrow();
        let Some(front) = queue.front() else { return false };
        (front.request.root(), front.open, front.stage)
    };
    let Some(request) = request else {
        shared.queue.borrow_mut().pop_front();
        return true;
    };
    let set_stage = |stage: Stage| {
        if let Some(front) = shared.queue.borrow_mut().front_mut() {
            front.stage = stage;
        }
    };
    let target = request.upcast::<EventTarget>();
    match (open, stage) {
        // <https://w3c.github.io/IndexedDB/#open-a-database-connection>
        (Some(version), Stage::New) => {
            let current = shared.db.borrow().version;
            // "4. If version is undefined, let version be 1 if db is null, or db's version
            // otherwise. 5. If db's version is greater than version, return a newly created
            // "VersionError" DOMException and abort these steps."
            if let Some(v) = version
                && shared.exists.get()
                && current > v
            {
                request.request().set_error(
                    cx,
                    Error::Version(format!(
                        "The requested version ({v}) is less than the existing version ({current})."
                    )),
                );
                shared.queue.borrow_mut().pop_front();
                fire_plain(cx, target, "error", true, true);
                return true;
            }
            let version = version.unwrap_or(if shared.exists.get() { current } else { 1 });
            // "3. If db is null, let db be a new database with name name, version 0 (zero), and
            // with no object stores."
            if !shared.exists.get() {
                shared.exists.set(true);
                *shared.db.borrow_mut() = Database { name: shared.name.clone(), version: 0, stores: Vec::new() };
            }
            let current = shared.db.borrow().version;
            if current < version {
                // "10.1 Let openConnections be the set of all connections, except connection,
                // associated with db. 10.2 For each entry of openConnections that does not have
                // its close pending flag set, queue a database task to fire a version change
                // event named versionchange at entry with db's version and version."
                for connection in shared.open_connections() {
                    if !connection.close_pending() {
                        fire_version_change(cx, connection.upcast(), "versionchange", current, Some(version));
                    }
                }
                // "10.3 Wait for all of the events to be fired. 10.4 If any of the connections
                // in openConnections are still not closed, queue a database task to fire a
                // version change event named blocked at request."
                let blocked = !shared.open_connections().is_empty();
                set_stage(Stage::Waiting { old: current, new: Some(version), blocked_fired: blocked });
                if blocked {
                    fire_version_change(cx, target, "blocked", current, Some(version));
                }
                return true;
            }
            // "12. Return connection": the request's result, and success.
            let window = request.global();
            let connection = IDBDatabase::new(cx, &window, shared.clone(), current);
            shared.listed.set(Some(current));
            request.request().set_result_value(mozjs::jsval::ObjectValue(connection.reflector().get_raw()));
            shared.queue.borrow_mut().pop_front();
            fire_plain(cx, target, "success", false, false);
            true
        }
        (_, Stage::Waiting { old, new, blocked_fired }) => {
            // "10.4 If any of the connections in openConnections are still not closed, queue a
            // database task to fire a version change event named blocked at request with db's
            // version and version. 10.5 Wait until all connections in openConnections are
            // closed."
            if !shared.open_connections().is_empty() {
                if !blocked_fired {
                    set_stage(Stage::Waiting { old, new, blocked_fired: true });
                    fire_version_change(cx, target, "blocked", old, new);
                }
                return false;
            }
            match new {
                Some(version) => {
                    // "10.6 Run upgrade a database using connection, version and request."
                    run_upgrade(cx, shared, &request, old, version);
                    set_stage(Stage::Upgrading);
                }
                None => {
                    // <https://w3c.github.io/IndexedDB/#delete-a-database>: "8. Let version be
                    // db's version. 9. Delete db. 10. Return version." The success event
                    // carries it as oldVersion, with a null newVersion.
                    shared.exists.set(false);
                    shared.listed.set(None);
                    *shared.db.borrow_mut() = Database { name: shared.name.clone(), version: 0, stores: Vec::new() };
                    request.request().set_result_value(mozjs::jsval::UndefinedValue());
                    shared.queue.borrow_mut().pop_front();
                    fire_version_change(cx, target, "success", old, None);
                }
            }
            true
        }
        (_, Stage::Upgrading) => false,
        // <https://w3c.github.io/IndexedDB/#delete-a-database>
        (None, Stage::New) => {
            if !shared.exists.get() {
                // "3. If db is null, then return 0 (zero)."
                request.request().set_result_value(mozjs::jsval::UndefinedValue());
                shared.queue.borrow_mut().pop_front();
                fire_version_change(cx, target, "success", 0, None);
                return true;
            }
            let current = shared.db.borrow().version;
            // "5. For each entry of openConnections that does not have its close pending flag
            // set, queue a database task to fire a version change event named versionchange at
            // entry with db's version and null."
            for connection in shared.open_connections() {
                if !connection.close_pending() {
                    fire_version_change(cx, connection.upcast(), "versionchange", current, None);
                }
            }
            // "6. Wait for all of the events to be fired. 7. If any of the connections in
            // openConnections are still not closed, queue a database task to fire a version
            // change event named blocked at request with db's version and null."
            let blocked = !shared.open_connections().is_empty();
            set_stage(Stage::Waiting { old: current, new: None, blocked_fired: blocked });
            if blocked {
                fire_version_change(cx, target, "blocked", current, None);
            }
            true
        }
    }
}

/// <https://w3c.github.io/IndexedDB/#upgrade-a-database>
fn run_upgrade(cx: &mut JSContext, shared: &Rc<Shared>, request: &IDBOpenDBRequest, old: u64, version: u64) {
    let window = request.global();
    let connection = IDBDatabase::new(cx, &window, shared.clone(), old);
    // "2. Let transaction be a new upgrade transaction with connection used as connection. 3.
    // Set transaction's scope to connection's object store set. 4. Set db's upgrade
    // transaction to transaction. 5. Set transaction's state to inactive. 6. Start
    // transaction."
    let transaction =
        IDBTransaction::new(cx, &connection, Vec::new(), Mode::VersionChange, IDBTransactionDurability::Default);
    transaction.set_state(State::Inactive);
    transaction.start();
    transaction.set_upgrade(request, old);
    connection.set_upgrade_transaction(Some(&transaction));
    // "7. Let old version be db's version. 8. Set db's version to version. This change is
    // considered part of the transaction, and so if the transaction is aborted, this change is
    // reverted. 9. Set request's processed flag to true."
    shared.db.borrow_mut().version = version;
    connection.set_version(version);
    // "10. Queue a database task to run these steps: 1. Set request's result to connection. 2.
    // Set request's transaction to transaction. 3. Set request's done flag to true. 4. Set
    // transaction's state to active. 5. Let didThrow be the result of firing a version change
    // event named upgradeneeded at request with old version and version. 6. If transaction's
    // state is active, then: set transaction's state to inactive; if didThrow is true, run
    // abort a transaction with transaction and a newly created "AbortError" DOMException."
    request.request().set_result_value(mozjs::jsval::ObjectValue(connection.reflector().get_raw()));
    request.request().set_transaction(Some(&transaction));
    transaction.set_state(State::Active);
    let threw = fire_version_change(cx, request.upcast(), "upgradeneeded", old, Some(version));
    if transaction.state() == State::Active {
        transaction.set_state(State::Inactive);
        if threw {
            transaction.abort(cx, Some(Error::Abort("The upgradeneeded listener threw an exception.".into())));
        }
    }
    transaction.commit_if_done();
}

/// The end of an upgrade transaction: the open request succeeds (`committed`) or fails with an
/// AbortError, and the next request of the connection queue may go.
pub fn upgrade_finished(
    cx: &mut JSContext,
    shared: &Rc<Shared>,
    request: &IDBOpenDBRequest,
    connection: &IDBDatabase,
    committed: bool,
) {
    connection.set_upgrade_transaction(None);
    request.request().set_transaction(None);
    let finished_front = {
        let mut queue = shared.queue.borrow_mut();
        let is_front = queue.front().is_some_and(|q| q.request.root().is_some_and(|r| std::ptr::eq(&*r, request)));
        if is_front {
            queue.pop_front();
        }
        is_front
    };
    let _ = finished_front;
    let target = request.upcast::<EventTarget>();
    if committed {
        shared.listed.set(Some(shared.db.borrow().version));
    }
    if committed && !connection.close_pending() {
        fire_plain(cx, target, "success", false, false);
    } else {
        // "If the upgrade transaction was aborted, run the steps to close a database connection
        // with connection, return a newly created "AbortError" DOMException and abort these
        // steps." A database that did not exist before stays absent.
        connection.close_now();
        if shared.db.borrow().version == 0 {
            shared.exists.set(false);
        }
        request.request().set_error(cx, Error::Abort("The upgrade transaction was aborted.".into()));
        fire_plain(cx, target, "error", true, true);
    }
    schedule(shared);
}

/// The end of the script thread: nothing is kept (the databases live in memory only). Returns
/// how many entries were dropped.
pub fn teardown() -> usize {
    let created = CREATED.with(|c| std::mem::take(&mut *c.borrow_mut()));
    let databases = DATABASES.with(|d| std::mem::take(&mut *d.borrow_mut()));
    for shared in databases.values() {
        shared.connections.borrow_mut().clear();
        shared.transactions.borrow_mut().clear();
        shared.queue.borrow_mut().clear();
    }
    created.len() + databases.len()
}

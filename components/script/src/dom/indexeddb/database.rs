//! `IDBDatabase`: a connection to a database (<https://w3c.github.io/IndexedDB/#database-interface>).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use super::backend::{Shared, next_id, note_created, schedule};
use super::key::KeyPath;
use super::objectstore::IDBObjectStore;
use super::request::idb_handlers;
use super::store::ObjectStore;
use super::transaction::{IDBTransaction, Mode};
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::{IDBObjectStoreParameters, IDBTransactionOptions};
use crate::dom::bindings::codegen::Enums::IDBTransactionMode;
use crate::dom::bindings::codegen::IDBDatabaseBinding::IDBDatabaseMethods;
use crate::dom::bindings::codegen::Unions::StringOrStringSequence;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::domstringlist::DOMStringList;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct IDBDatabase {
    eventtarget: EventTarget,
    #[no_trace]
    shared: Rc<Shared>,
    /// <https://w3c.github.io/IndexedDB/#connection-version>
    #[no_trace]
    version: Cell<u64>,
    /// <https://w3c.github.io/IndexedDB/#connection-close-pending-flag>
    #[no_trace]
    close_pending: Cell<bool>,
    #[no_trace]
    closed: Cell<bool>,
    /// The object store names when the connection closed (its object store set stays as it was).
    #[no_trace]
    names_at_close: RefCell<Option<Vec<String>>>,
    /// How many of its transactions are not finished.
    #[no_trace]
    live_transactions: Cell<usize>,
    /// The database's upgrade transaction, while it runs on this connection.
    upgrade_transaction: MutNullableDom<IDBTransaction>,
}

/// A key path given as `(DOMString or sequence<DOMString>)`.
pub fn key_path_from(path: &StringOrStringSequence) -> KeyPath {
    match path {
        StringOrStringSequence::String(s) => KeyPath::String(s.to_string()),
        StringOrStringSequence::StringSequence(list) => KeyPath::Sequence(list.iter().map(|s| s.to_string()).collect()),
    }
}

impl IDBDatabase {
    pub fn new(cx: &mut JSContext, window: &Window, shared: Rc<Shared>, version: u64) -> DomRoot<IDBDatabase> {
        let connection = reflect_dom_object(
            cx,
            Box::new(IDBDatabase {
                eventtarget: EventTarget::new_inherited(),
                shared,
                version: Cell::new(version),
                close_pending: Cell::new(false),
                closed: Cell::new(false),
                names_at_close: RefCell::new(None),
                live_transactions: Cell::new(0),
                upgrade_transaction: Default::default(),
            }),
            window,
        );
        connection.shared.connections.borrow_mut().push(Trusted::new(&*connection));
        connection
    }

    pub fn shared(&self) -> Rc<Shared> {
        self.shared.clone()
    }

    pub fn set_version(&self, version: u64) {
        self.version.set(version);
    }

    pub fn close_pending(&self) -> bool {
        self.close_pending.get()
    }

    pub fn set_upgrade_transaction(&self, transaction: Option<&IDBTransaction>) {
        self.upgrade_transaction.set(transaction);
    }

    pub fn transaction_created(&self) {
        self.live_transactions.set(self.live_transactions.get() + 1);
    }

    pub fn transaction_finished(&self) {
        self.live_transactions.set(self.live_transactions.get().saturating_sub(1));
        if self.close_pending.get() && self.live_transactions.get() == 0 {
            self.close_now();
        }
    }

    /// <https://w3c.github.io/IndexedDB/#close-a-database-connection>, step 3 on: "Wait for all
    /// transactions created using connection to complete. Once they are complete, connection is
    /// closed."
    pub fn close_now(&self) {
        self.close_pending.set(true);
        if self.closed.replace(true) {
            return;
        }
        *self.names_at_close.borrow_mut() = Some(self.store_names());
        self.shared.forget_connection(self);
        schedule(&self.shared);
    }

    fn store_names(&self) -> Vec<String> {
        if let Some(names) = &*self.names_at_close.borrow() {
            return names.clone();
        }
        let mut names: Vec<String> = self.shared.db.borrow().stores.iter().map(|s| s.name.clone()).collect();
        super::convert::sort_names(&mut names);
        names
    }

    /// The upgrade transaction running on this connection, for the steps that only it allows.
    fn running_upgrade(&self) -> Fallible<DomRoot<IDBTransaction>> {
        // The upgrade transaction stays the database's until its complete or abort event:
        // after abort() and before that event, the steps fail with TransactionInactiveError.
        self.upgrade_transaction
            .get()
            .ok_or_else(|| Error::InvalidState("The database is not running a version change transaction.".into()))
    }
}

impl IDBDatabaseMethods for IDBDatabase {
    /// <https://w3c.github.io/IndexedDB/#dom-idbdatabase-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.shared.name.as_str().into()
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbdatabase-version>
    fn Version(&self, _cx: &mut JSContext) -> u64 {
        self.version.get()
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbdatabase-objectstorenames>
    fn ObjectStoreNames(&self, cx: &mut JSContext) -> DomRoot<DOMStringList> {
        DOMStringList::new(cx, &crate::dom::globalscope::DomGlobal::global(self), self.store_names())
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbdatabase-transaction>
    fn Transaction(
        &self,
        cx: &mut JSContext,
        store_names: StringOrStringSequence,
        mode: IDBTransactionMode,
        options: &IDBTransactionOptions,
    ) -> Fallible<DomRoot<IDBTransaction>> {
        // "1. If a live upgrade transaction is associated with the connection, throw an
        // "InvalidStateError" DOMException."
        if self.upgrade_transaction.get().is_some() {
            return Err(Error::InvalidState("A version change transaction is running.".into()));
        }
        // "2. If this's close pending flag is true, then throw an "InvalidStateError"
        // DOMException."
        if self.close_pending.get() {
            return Err(Error::InvalidState("The database connection is closing.".into()));
        }
        // "3. Let scope be the set of unique strings in storeNames if it is a sequence, and a set
        // containing one string equal to storeNames otherwise."
        let mut scope: Vec<String> = match store_names {
            StringOrStringSequence::String(s) => vec![s.to_string()],
            StringOrStringSequence::StringSequence(list) => list.iter().map(|s| s.to_string()).collect(),
        };
        super::convert::sort_names(&mut scope);
        scope.dedup();
        // "4. If any string in scope is not the name of an object store in the connected
        // database, throw a "NotFoundError" DOMException."
        let names = self.store_names();
        if scope.iter().any(|name| !names.contains(name)) {
            return Err(Error::NotFound("One of the specified object stores was not found.".into()));
        }
        // "5. If scope is empty, throw an "InvalidAccessError" DOMException."
        if scope.is_empty() {
            return Err(Error::InvalidAccess("The storeNames parameter was empty.".into()));
        }
        // "6. If mode is not "readonly" or "readwrite", throw a TypeError."
        let mode = match mode {
            IDBTransactionMode::Readonly => Mode::ReadOnly,
            IDBTransactionMode::Readwrite => Mode::ReadWrite,
            IDBTransactionMode::Versionchange => {
                return Err(Error::Type(
                    "The mode provided ('versionchange') is not one of 'readonly' or 'readwrite'.".into(),
                ));
            }
        };
        // "7. Let transaction be a newly created transaction with connection, mode, options'
        // durability member, and the set of object stores named in scope. 8. Set transaction's
        // cleanup event loop to the current event loop. 9. Return an IDBTransaction object
        // representing transaction."
        let transaction = IDBTransaction::new(cx, self, scope, mode, options.durability);
        note_created(&transaction);
        Ok(transaction)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbdatabase-close>: "Run close a database
    /// connection with this connection."
    fn Close(&self, _cx: &mut JSContext) {
        // "1. Set connection's close pending flag to true." The connection closes once its
        // transactions are finished.
        self.close_pending.set(true);
        if self.live_transactions.get() == 0 {
            self.close_now();
        }
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbdatabase-createobjectstore>
    fn CreateObjectStore(
        &self,
        cx: &mut JSContext,
        name: DOMString,
        options: &IDBObjectStoreParameters,
    ) -> Fallible<DomRoot<IDBObjectStore>> {
        // "1-3. Let transaction be database's upgrade transaction if it is not null, or throw an
        // "InvalidStateError" DOMException otherwise."
        let transaction = self.running_upgrade()?;
        // "4. If transaction's state is not active, then throw a "TransactionInactiveError"
        // DOMException."
        transaction.check_active()?;
        // "5. Let keyPath be options's keyPath member if it is not undefined or null, or null
        // otherwise. 6. If keyPath is not null and is not a valid key path, throw a
        // "SyntaxError" DOMException."
        let key_path = options.key_path.as_ref().map(key_path_from);
        if key_path.as_ref().is_some_and(|p| !p.is_valid()) {
            return Err(Error::Syntax("The keyPath option is not a valid key path.".into()));
        }
        let name = String::from(name);
        // "7. If an object store named name already exists in database throw a
        // "ConstraintError" DOMException."
        if self.shared.db.borrow().stores.iter().any(|s| s.name == name) {
            return Err(Error::Constraint(format!(
                "An object store with the specified name ('{name}') already exists."
            )));
        }
        // "8. Let autoIncrement be options's autoIncrement member. 9. If autoIncrement is true
        // and keyPath is an empty string or any sequence (empty or otherwise), throw an
        // "InvalidAccessError" DOMException."
        let auto_increment = options.auto_increment;
        if auto_increment
            && matches!(&key_path, Some(KeyPath::String(s)) if s.is_empty())
                | matches!(&key_path, Some(KeyPath::Sequence(_)))
        {
            return Err(Error::InvalidAccess(
                "The autoIncrement option was set but the keyPath option was empty or an array.".into(),
            ));
        }
        // "10. Let store be a new object store in database. Set the created object store's name
        // to name. If autoIncrement is true, then the created object store uses a key
        // generator. If keyPath is not null, set the created object store's key path to
        // keyPath. 11. Return a new object store handle associated with store and transaction."
        let id = next_id();
        self.shared.db.borrow_mut().stores.push(ObjectStore::new(id, name, key_path, auto_increment));
        Ok(transaction.handle_for(cx, id))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbdatabase-deleteobjectstore>
    fn DeleteObjectStore(&self, cx: &mut JSContext, name: DOMString) -> ErrorResult {
        let transaction = self.running_upgrade()?;
        transaction.check_active()?;
        let name = String::from(name);
        // "4. Let store be the object store named name in database, or throw a "NotFoundError"
        // DOMException if none."
        let id = self.shared.db.borrow().stores.iter().find(|s| s.name == name).map(|s| s.id);
        let Some(id) = id else {
            return Err(Error::NotFound("The specified object store was not found.".into()));
        };
        transaction.run_placed_operations(cx);
        // "5. Remove store from this's object store set. 6. If there is an object store handle
        // associated with store and transaction, remove all entries from its index set. 7.
        // Destroy store."
        self.shared.db.borrow_mut().stores.retain(|s| s.id != id);
        for handle in transaction.handles() {
            if handle.store_id() == id {
                handle.mark_deleted();
            }
        }
        Ok(())
    }

    idb_handlers! {
        Onabort, SetOnabort => "abort";
        Onclose, SetOnclose => "close";
        Onerror, SetOnerror => "error";
        Onversionchange, SetOnversionchange => "versionchange";
    }
}

//! `IDBObjectStore`: an object store handle (<https://w3c.github.io/IndexedDB/#object-store-interface>),
//! and the read operations that object stores and indexes share.

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::{HandleValue, MutableHandleValue};

use super::backend::next_id;
use super::convert::{self, Value};
use super::cursor::{IDBCursor, Params, iterate};
use super::database::key_path_from;
use super::index::IDBIndex;
use super::key::{Key, KeyPath, KeyRange};
use super::keyrange::IDBKeyRange;
use super::request::{IDBRequest, Outcome, Source};
use super::store::{Database, Index, ObjectStore};
use super::transaction::{IDBTransaction, Operation};
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::{IDBGetAllOptions, IDBIndexParameters};
use crate::dom::bindings::codegen::Enums::IDBCursorDirection;
use crate::dom::bindings::codegen::IDBObjectStoreBinding::IDBObjectStoreMethods;
use crate::dom::bindings::codegen::Unions::StringOrStringSequence;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::domstringlist::DOMStringList;
use crate::dom::html::window::Window;

/// What a read or a cursor runs over.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    Store(u64),
    /// (store, index).
    Index(u64, u64),
}

impl Target {
    pub fn store_id(&self) -> u64 {
        match *self {
            Target::Store(id) | Target::Index(id, _) => id,
        }
    }
}

pub fn find_store(db: &Database<Value>, id: u64) -> Result<&ObjectStore<Value>, Error> {
    db.stores
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::InvalidState("The object store has been deleted.".into()))
}

pub fn find_store_mut(db: &mut Database<Value>, id: u64) -> Result<&mut ObjectStore<Value>, Error> {
    db.stores
        .iter_mut()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::InvalidState("The object store has been deleted.".into()))
}

fn find_index(store: &ObjectStore<Value>, id: u64) -> Result<&Index, Error> {
    store.indexes.iter().find(|i| i.id == id).ok_or_else(|| Error::InvalidState("The index has been deleted.".into()))
}

/// <https://w3c.github.io/IndexedDB/#convert-a-value-to-a-key-range>
pub fn value_to_key_range(cx: &mut JSContext, value: HandleValue, null_disallowed: bool) -> Fallible<KeyRange> {
    // "1. If value is a key range, return value."
    if let Some(range) = IDBKeyRange::from_value(value) {
        return Ok(range);
    }
    // "2. If value is undefined or is null, then throw a "DataError" DOMException if null
    // disallowed flag is true, or return an unbounded key range otherwise."
    if value.get().is_null_or_undefined() {
        if null_disallowed {
            return Err(Error::Data("No key or key range specified.".into()));
        }
        return Ok(KeyRange::unbounded());
    }
    // "3. Let key be the result of converting a value to a key with value. Rethrow any
    // exceptions. 4. If key is invalid, throw a "DataError" DOMException. 5. Return a key range
    // containing only key."
    match convert::value_to_key(cx, value)? {
        Some(key) => Ok(KeyRange::only(key)),
        None => Err(Error::Data("The parameter is not a valid key.".into())),
    }
}

/// The records a read visits: (key, primary key) in `direction` order, at most `count`
/// (0: all). For a store both are the record's key.
fn visit(
    db: &Database<Value>,
    target: Target,
    range: &KeyRange,
    direction: IDBCursorDirection,
    count: u32,
) -> Result<Vec<(Key, Key)>, Error> {
    let store = find_store(db, target.store_id())?;
    let mut entries: Vec<(Key, Key)> = match target {
        Target::Store(_) => store.records_in(range, 0).into_iter().map(|(k, _)| (k.clone(), k.clone())).collect(),
        Target::Index(_, index_id) => {
            let index = find_index(store, index_id)?;
            store.index_entries_in(index, range, 0).into_iter().cloned().collect()
        }
    };
    if matches!(direction, IDBCursorDirection::Nextunique | IDBCursorDirection::Prevunique) {
        // Of the records with the same key, the first (lowest primary key) in both directions.
        entries.dedup_by(|b, a| super::key::compare_keys(&a.0, &b.0).is_eq());
    }
    if matches!(direction, IDBCursorDirection::Prev | IDBCursorDirection::Prevunique) {
        entries.reverse();
    }
    if count > 0 {
        entries.truncate(count as usize);
    }
    Ok(entries)
}

/// The kinds of read (<https://w3c.github.io/IndexedDB/#retrieve-a-value-from-an-object-store>
/// and the next sections).
#[derive(Clone, Copy)]
pub enum Read {
    Value,
    Key,
    AllValues,
    AllKeys,
    AllRecords,
    Count,
}

/// The operation of a read over `target`.
pub fn read_operation(
    target: Target,
    read: Read,
    range: KeyRange,
    direction: IDBCursorDirection,
    count: u32,
) -> Operation {
    Box::new(move |_cx, db| {
        let limit = match read {
            Read::Value | Read::Key => 1,
            Read::Count => 0,
            _ => count,
        };
        let entries = visit(db, target, &range, direction, limit)?;
        let store = find_store(db, target.store_id())?;
        let value_of = |pk: &Key| store.records.get(pk).cloned();
        Ok(match read {
            // "Let record be the first record in store's list of records whose key is in range,
            // if any. If record was not found, return undefined. Return a clone of record's
            // value." (Through an index: the referenced record.)
            Read::Value => Outcome::Value(entries.first().and_then(|(_, pk)| value_of(pk))),
            // getKey(): the record's key (through an index: its primary key).
            Read::Key => Outcome::OptionalKey(entries.into_iter().next().map(|(_, pk)| pk)),
            Read::AllValues => Outcome::Values(entries.iter().filter_map(|(_, pk)| value_of(pk)).collect()),
            Read::AllKeys => Outcome::Keys(entries.into_iter().map(|(_, pk)| pk).collect()),
            Read::AllRecords => Outcome::Records(
                entries
                    .into_iter()
                    .filter_map(|(k, pk)| {
                        let v = value_of(&pk)?;
                        Some((k, pk, v))
                    })
                    .collect(),
            ),
            Read::Count => Outcome::Count(entries.len() as u64),
        })
    })
}

/// The index keys of `value` for each index of `store` (empty where the key path yields no
/// valid key): "For each index which references store: let index key be the result of
/// extracting a key from a value using a key path with value, index's key path, and index's
/// multiEntry flag. If index key is an exception, or invalid, or failure, take no further
/// actions for index."
fn index_keys(cx: &mut JSContext, store: &ObjectStore<Value>, value: &Value) -> Vec<Vec<Key>> {
    if store.indexes.is_empty() {
        return Vec::new();
    }
    rooted!(&in(cx) let mut clone = UndefinedValue());
    convert::deserialize(cx, value, clone.handle_mut());
    store
        .indexes
        .iter()
        .map(|index| match convert::extract_keys(cx, clone.handle(), &index.key_path, index.multi_entry) {
            Ok(Some(Some(keys))) => keys,
            _ => Vec::new(),
        })
        .collect()
}

/// <https://w3c.github.io/IndexedDB/#store-a-record-into-an-object-store> as an operation.
pub fn store_record_operation(store_id: u64, value: Value, key: Option<Key>, no_overwrite: bool) -> Operation {
    Box::new(move |cx, db| {
        let store = find_store_mut(db, store_id)?;
        // A store that fails leaves the key generator as it was.
        let generator_before = store.key_generator.clone();
        let mut value = value;
        // "1. If store uses a key generator, then: if key is undefined, then: let key be the
        // result of generating a key for store; if key is failure, then this operation failed
        // with a "ConstraintError" DOMException; if store also uses in-line keys, then run
        // inject a key into a value using a key path with value, key and store's key path."
        let key = match key {
            Some(key) => key,
            None => {
                let Some(generated) = store.key_generator.as_mut().and_then(|g| g.generate()) else {
                    return Err(Error::Constraint(
                        "The key generator of the object store has reached its maximum.".into(),
                    ));
                };
                let key = Key::Number(generated);
                if let Some(KeyPath::String(path)) = &store.key_path {
                    rooted!(&in(cx) let mut clone = UndefinedValue());
                    convert::deserialize(cx, &value, clone.handle_mut());
                    convert::inject_key(cx, clone.handle(), &key, path);
                    value = convert::serialize(cx, clone.handle(), "put", "IDBObjectStore")?;
                }
                key
            }
        };
        let keys = index_keys(cx, store, &value);
        // "Otherwise, run possibly update the key generator for store with key." (In
        // store_record.) The ConstraintErrors of no-overwrite and unique indexes come from it.
        if let Err(e) = store.store_record(key.clone(), value, &keys, no_overwrite) {
            store.key_generator = generator_before;
            return Err(Error::Constraint(e.0.into()));
        }
        Ok(Outcome::Key(key))
    })
}

#[dom_struct]
pub struct IDBObjectStore {
    reflector_: Reflector,
    transaction: Dom<IDBTransaction>,
    #[no_trace]
    store_id: u64,
    /// The store's name when the handle last saw it (kept after the store is deleted).
    #[no_trace]
    name: RefCell<String>,
    #[no_trace]
    deleted: Cell<bool>,
    /// The index handles made from this handle (one per index).
    indexes: RefCell<Vec<Dom<IDBIndex>>>,
    /// What `keyPath` returned first.
    key_path_value: Box<mozjs::jsapi::Heap<mozjs::jsval::JSVal>>,
}

impl IDBObjectStore {
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        transaction: &IDBTransaction,
        store_id: u64,
    ) -> DomRoot<IDBObjectStore> {
        let name = transaction
            .shared()
            .db
            .borrow()
            .stores
            .iter()
            .find(|s| s.id == store_id)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        reflect_dom_object(
            cx,
            Box::new(IDBObjectStore {
                reflector_: Reflector::new(),
                transaction: Dom::from_ref(transaction),
                store_id,
                name: RefCell::new(name),
                deleted: Cell::new(false),
                indexes: RefCell::new(Vec::new()),
                key_path_value: Box::new(mozjs::jsapi::Heap::default()),
            }),
            window,
        )
    }

    pub fn store_id(&self) -> u64 {
        self.store_id
    }

    pub fn transaction(&self) -> DomRoot<IDBTransaction> {
        DomRoot::from_ref(&*self.transaction)
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted.get()
    }

    pub fn mark_deleted(&self) {
        self.deleted.set(true);
        for index in self.indexes.borrow().iter() {
            index.mark_deleted();
        }
    }

    /// After an aborted upgrade: the handle's name (and its indexes') are the store's again; a
    /// store the upgrade created is gone.
    pub fn revert_after_abort(&self, db: &Database<Value>) {
        match db.stores.iter().find(|s| s.id == self.store_id) {
            Some(store) => {
                *self.name.borrow_mut() = store.name.clone();
                self.deleted.set(false);
                for index in self.indexes.borrow().iter() {
                    index.revert_after_abort(store);
                }
            }
            None => self.mark_deleted(),
        }
    }

    pub fn key_path(&self) -> Option<KeyPath> {
        let shared = self.transaction.shared();
        let db = shared.db.borrow();
        find_store(&db, self.store_id).ok().and_then(|s| s.key_path.clone())
    }

    fn with_store<R>(&self, f: impl FnOnce(&ObjectStore<Value>) -> R) -> Option<R> {
        let shared = self.transaction.shared();
        let db = shared.db.borrow();
        find_store(&db, self.store_id).ok().map(f)
    }

    /// The checks of a read: "If store has been deleted, throw an "InvalidStateError"
    /// DOMException. If transaction's state is not active, then throw a
    /// "TransactionInactiveError" DOMException."
    fn check_read(&self) -> ErrorResult {
        if self.deleted.get() {
            return Err(Error::InvalidState("The object store has been deleted.".into()));
        }
        self.transaction.check_active()
    }

    /// The checks of a write: the read's, then "If transaction is a read-only transaction,
    /// throw a "ReadOnlyError" DOMException."
    fn check_write(&self) -> ErrorResult {
        self.check_read()?;
        self.transaction.check_writable()
    }

    fn request(&self, cx: &mut JSContext, operation: Operation) -> DomRoot<IDBRequest> {
        let window = self.global();
        let request = IDBRequest::new(cx, &window, Source::Store(self), &self.transaction);
        self.transaction.add_request(&request, operation);
        request
    }

    /// <https://w3c.github.io/IndexedDB/#add-or-put>
    fn add_or_put(
        &self,
        cx: &mut JSContext,
        value: HandleValue,
        key: HandleValue,
        no_overwrite: bool,
    ) -> Fallible<DomRoot<IDBRequest>> {
        let operation_name = if no_overwrite { "add" } else { "put" };
        // "1-6. Deleted → InvalidStateError; not active → TransactionInactiveError; read-only →
        // ReadOnlyError."
        self.check_write()?;
        let (key_path, generator) =
            self.with_store(|s| (s.key_path.clone(), s.key_generator.is_some())).unwrap_or((None, false));
        let key_given = !key.get().is_undefined();
        // "7. If store uses in-line keys and key was given, throw a "DataError" DOMException."
        if key_path.is_some() && key_given {
            return Err(Error::Data("The object store uses in-line keys and the key parameter was provided.".into()));
        }
        // "8. If store uses out-of-line keys and has no key generator and key was not given,
        // throw a "DataError" DOMException."
        if key_path.is_none() && !generator && !key_given {
            return Err(Error::Data(
                "The object store uses out-of-line keys and has no key generator and the key parameter was not provided.".into(),
            ));
        }
        // "9. If key was given, then: let r be the result of converting a value to a key with
        // key; rethrow any exceptions; if r is invalid, throw a "DataError" DOMException; let
        // key be r."
        let mut record_key = if key_given {
            match convert::value_to_key(cx, key)? {
                Some(k) => Some(k),
                None => return Err(Error::Data("The parameter is not a valid key.".into())),
            }
        } else {
            None
        };
        // "10. Let targetRealm be a user-agent defined Realm. 11. Let clone be a clone of value
        // in targetRealm during transaction. Rethrow any exceptions."
        let stored =
            self.transaction.while_inactive(|| convert::serialize(cx, value, operation_name, "IDBObjectStore"))?;
        // "12. If store uses in-line keys, then: let kpk be the result of extracting a key from
        // a value using a key path with clone and store's key path; rethrow any exceptions; if
        // kpk is invalid, throw a "DataError" DOMException; if kpk is not failure, let key be
        // kpk; otherwise: if store does not have a key generator, throw a "DataError"
        // DOMException; otherwise, if check that a key could be injected into a value with
        // clone and store's key path return false, throw a "DataError" DOMException."
        if let Some(path) = &key_path {
            rooted!(&in(cx) let mut clone = UndefinedValue());
            convert::deserialize(cx, &stored, clone.handle_mut());
            match convert::extract_keys(cx, clone.handle(), path, false)? {
                Some(Some(keys)) => record_key = keys.into_iter().next(),
                Some(None) => {
                    return Err(Error::Data(
                        "Evaluating the object store's key path yielded a value that is not a valid key.".into(),
                    ));
                }
                None => {
                    if !generator {
                        return Err(Error::Data(
                            "Evaluating the object store's key path did not yield a value.".into(),
                        ));
                    }
                    let KeyPath::String(path) = path else {
                        return Err(Error::Data("The key could not be injected into the value.".into()));
                    };
                    if !convert::could_inject(cx, clone.handle(), path) {
                        return Err(Error::Data("The key could not be injected into the value.".into()));
                    }
                }
            }
        }
        // "13. Let operation be an algorithm to run store a record into an object store with
        // store, clone, key, and no-overwrite flag. 14. Return the result (an IDBRequest) of
        // running asynchronously execute a request with handle and operation."
        Ok(self.request(cx, store_record_operation(self.store_id, stored, record_key, no_overwrite)))
    }

    /// getAll()/getAllKeys(): "If queryOrOptions is a potentially valid key range, … otherwise
    /// the IDBGetAllOptions dictionary" (<https://w3c.github.io/IndexedDB/#create-a-request-to-retrieve-multiple-items>).
    pub fn get_all_arguments(
        cx: &mut JSContext,
        query_or_options: HandleValue,
        count: Option<u32>,
    ) -> Fallible<(KeyRange, IDBCursorDirection, u32)> {
        if is_options_dictionary(cx, query_or_options) {
            return get_all_options(cx, query_or_options);
        }
        let range = value_to_key_range(cx, query_or_options, false)?;
        Ok((range, IDBCursorDirection::Next, count.unwrap_or(0)))
    }

    fn read(
        &self,
        cx: &mut JSContext,
        query: HandleValue,
        read: Read,
        null_disallowed: bool,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.check_read()?;
        let range = value_to_key_range(cx, query, null_disallowed)?;
        Ok(self.request(cx, read_operation(Target::Store(self.store_id), read, range, IDBCursorDirection::Next, 0)))
    }

    fn read_all(
        &self,
        cx: &mut JSContext,
        query_or_options: HandleValue,
        count: Option<u32>,
        read: Read,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.check_read()?;
        let (range, direction, count) = Self::get_all_arguments(cx, query_or_options, count)?;
        Ok(self.request(cx, read_operation(Target::Store(self.store_id), read, range, direction, count)))
    }

    fn open_cursor(
        &self,
        cx: &mut JSContext,
        query: HandleValue,
        direction: IDBCursorDirection,
        key_only: bool,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.check_read()?;
        // "5. Let range be the result of converting a value to a key range with query. Rethrow
        // any exceptions."
        let range = value_to_key_range(cx, query, false)?;
        // "6. Let cursor be a new cursor with its transaction set to transaction, undefined
        // position, direction set to direction, got value flag set to false, undefined key and
        // value, source set to store, range set to range, and key only flag set to false."
        let window = self.global();
        let request = IDBRequest::new(cx, &window, Source::Store(self), &self.transaction);
        let cursor = IDBCursor::create(cx, &window, self, None, &request, direction, range, key_only);
        request.set_cursor(&cursor);
        // "7. Let operation be an algorithm to run iterate a cursor with the current Realm
        // record and cursor."
        let params: Params = cursor.params(1, None, None);
        self.transaction.add_request(&request, Box::new(move |_cx, db| Ok(Outcome::Cursor(iterate(db, &params)?))));
        Ok(request)
    }

    pub fn index_handle(&self, cx: &mut JSContext, index_id: u64) -> DomRoot<IDBIndex> {
        if let Some(handle) = self.indexes.borrow().iter().find(|i| i.index_id() == index_id) {
            return DomRoot::from_ref(&**handle);
        }
        let handle = IDBIndex::new(cx, &self.global(), self, index_id);
        self.indexes.borrow_mut().push(Dom::from_ref(&*handle));
        handle
    }
}

/// An `IDBGetAllOptions` dictionary: (range, direction, count). `query` is read by hand, last
/// (see IndexedDB.webidl).
pub fn get_all_options(cx: &mut JSContext, value: HandleValue) -> Fallible<(KeyRange, IDBCursorDirection, u32)> {
    use crate::dom::bindings::conversions::FromJSVal;
    let options = match IDBGetAllOptions::from_jsval(cx, value, ()) {
        Ok(Ok(options)) => options,
        Ok(Err(failure)) => return Err(Error::Type(failure.describe("The provided value"))),
        Err(()) => return Err(Error::JSFailed),
    };
    rooted!(&in(cx) let mut query = UndefinedValue());
    if value.get().is_object() {
        rooted!(&in(cx) let object = value.get().to_object());
        // SAFETY: `object` and `query` are rooted; the getter may run page script.
        if !unsafe {
            mozjs::jsapi::JS_GetProperty(
                cx.raw_cx(),
                object.handle().into(),
                c"query".as_ptr(),
                query.handle_mut().into(),
            )
        } {
            return Err(Error::JSFailed);
        }
    }
    let range = value_to_key_range(cx, query.handle(), false)?;
    Ok((range, options.direction, options.count.unwrap_or(0)))
}

/// Whether getAll()'s first argument is an options dictionary: an object that is not a
/// "potentially valid key range" (a key range, a Date, an Array or a buffer source).
fn is_options_dictionary(cx: &mut JSContext, value: HandleValue) -> bool {
    if !value.get().is_object() || IDBKeyRange::from_value(value).is_some() {
        return false;
    }
    rooted!(&in(cx) let object = value.get().to_object());
    let mut is = false;
    // SAFETY: `object` is rooted and `cx` is the current context.
    unsafe {
        if mozjs::jsapi::ObjectIsDate(cx.raw_cx(), object.handle().into(), &mut is) && is {
            return false;
        }
        if mozjs::jsapi::IsArrayObject1(cx.raw_cx(), object.handle().into(), &mut is) && is {
            return false;
        }
        let unwrapped = mozjs::jsapi::js::CheckedUnwrapStatic(object.get());
        if !unwrapped.is_null()
            && (mozjs::jsapi::IsArrayBufferObject(unwrapped) || mozjs::jsapi::JS_IsArrayBufferViewObject(unwrapped))
        {
            return false;
        }
    }
    true
}

impl IDBObjectStoreMethods for IDBObjectStore {
    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        // "Return this's name": the handle's own, which a rename in a later transaction does
        // not change.
        self.name.borrow().as_str().into()
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-name>
    fn SetName(&self, _cx: &mut JSContext, name: DOMString) -> ErrorResult {
        let name = String::from(name);
        // "4. If transaction is not an upgrade transaction, throw an "InvalidStateError"
        // DOMException. 5. If store has been deleted, throw an "InvalidStateError"
        // DOMException. 6. If transaction's state is not active, throw a
        // "TransactionInactiveError" DOMException."
        if !self.transaction.is_upgrade() {
            return Err(Error::InvalidState(
                "The object store can only be renamed in a version change transaction.".into(),
            ));
        }
        if self.deleted.get() {
            return Err(Error::InvalidState("The object store has been deleted.".into()));
        }
        self.transaction.check_active()?;
        let shared = self.transaction.shared();
        let mut db = shared.db.borrow_mut();
        // "7. If store's name is equal to name, terminate these steps."
        if db.stores.iter().any(|s| s.id == self.store_id && s.name == name) {
            return Ok(());
        }
        // "8. If an object store named name already exists in store's database, throw a
        // "ConstraintError" DOMException."
        if db.stores.iter().any(|s| s.name == name) {
            return Err(Error::Constraint(format!(
                "An object store with the specified name ('{name}') already exists."
            )));
        }
        // "9. Set store's name to name. 10. Set this's name to name."
        if let Ok(store) = find_store_mut(&mut db, self.store_id) {
            store.name = name.clone();
        }
        *self.name.borrow_mut() = name;
        Ok(())
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-keypath>
    fn KeyPath(&self, cx: &mut JSContext, mut rval: MutableHandleValue) {
        // "The same object instance is returned each time" (a sequence key path's array).
        if !self.key_path_value.get().is_undefined() {
            rval.set(self.key_path_value.get());
            mozjs::rust::maybe_wrap_value(cx, rval);
            return;
        }
        let path = self.key_path();
        convert::key_path_to_value(cx, path.as_ref(), rval.reborrow());
        self.key_path_value.set(rval.get());
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-indexnames>
    fn IndexNames(&self, cx: &mut JSContext) -> DomRoot<DOMStringList> {
        let mut names = if self.deleted.get() {
            Vec::new()
        } else {
            self.with_store(|s| s.indexes.iter().map(|i| i.name.clone()).collect::<Vec<_>>()).unwrap_or_default()
        };
        convert::sort_names(&mut names);
        DOMStringList::new(cx, &self.global(), names)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-transaction>
    fn Transaction(&self, _cx: &mut JSContext) -> DomRoot<IDBTransaction> {
        DomRoot::from_ref(&*self.transaction)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-autoincrement>
    fn AutoIncrement(&self, _cx: &mut JSContext) -> bool {
        self.with_store(|s| s.key_generator.is_some()).unwrap_or(false)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-put>
    fn Put(&self, cx: &mut JSContext, value: HandleValue, key: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        self.add_or_put(cx, value, key, false)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-add>
    fn Add(&self, cx: &mut JSContext, value: HandleValue, key: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        self.add_or_put(cx, value, key, true)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-delete>
    fn Delete(&self, cx: &mut JSContext, query: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        self.check_write()?;
        // "6. Let range be the result of converting a value to a key range with query and null
        // disallowed flag set. Rethrow any exceptions. 7. Let operation be an algorithm to run
        // delete records from an object store with store and range."
        let range = value_to_key_range(cx, query, true)?;
        let store_id = self.store_id;
        Ok(self.request(
            cx,
            Box::new(move |_cx, db| {
                find_store_mut(db, store_id)?.delete_range(&range);
                Ok(Outcome::Undefined)
            }),
        ))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-clear>
    fn Clear(&self, cx: &mut JSContext) -> Fallible<DomRoot<IDBRequest>> {
        self.check_write()?;
        let store_id = self.store_id;
        Ok(self.request(
            cx,
            Box::new(move |_cx, db| {
                find_store_mut(db, store_id)?.clear();
                Ok(Outcome::Undefined)
            }),
        ))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-get>
    fn Get(&self, cx: &mut JSContext, query: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        self.read(cx, query, Read::Value, true)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-getkey>
    fn GetKey(&self, cx: &mut JSContext, query: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        self.read(cx, query, Read::Key, true)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-getall>
    fn GetAll(
        &self,
        cx: &mut JSContext,
        query_or_options: HandleValue,
        count: Option<u32>,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.read_all(cx, query_or_options, count, Read::AllValues)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-getallkeys>
    fn GetAllKeys(
        &self,
        cx: &mut JSContext,
        query_or_options: HandleValue,
        count: Option<u32>,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.read_all(cx, query_or_options, count, Read::AllKeys)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-getallrecords>
    fn GetAllRecords(&self, cx: &mut JSContext, options: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        self.check_read()?;
        let (range, direction, count) = get_all_options(cx, options)?;
        Ok(self.request(cx, read_operation(Target::Store(self.store_id), Read::AllRecords, range, direction, count)))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-count>
    fn Count(&self, cx: &mut JSContext, query: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        self.read(cx, query, Read::Count, false)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-opencursor>
    fn OpenCursor(
        &self,
        cx: &mut JSContext,
        query: HandleValue,
        direction: IDBCursorDirection,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.open_cursor(cx, query, direction, false)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-openkeycursor>
    fn OpenKeyCursor(
        &self,
        cx: &mut JSContext,
        query: HandleValue,
        direction: IDBCursorDirection,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.open_cursor(cx, query, direction, true)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-index>
    fn Index(&self, cx: &mut JSContext, name: DOMString) -> Fallible<DomRoot<IDBIndex>> {
        // "3. If store has been deleted, throw an "InvalidStateError" DOMException. 4. If
        // transaction's state is finished, then throw an "InvalidStateError" DOMException."
        if self.deleted.get() {
            return Err(Error::InvalidState("The object store has been deleted.".into()));
        }
        if self.transaction.is_finished() {
            return Err(Error::InvalidState("The transaction has finished.".into()));
        }
        // "5. Let index be the index named name in this's index set if one exists, or throw a
        // "NotFoundError" DOMException otherwise."
        let name = String::from(name);
        let id = self.with_store(|s| s.indexes.iter().find(|i| i.name == name).map(|i| i.id)).flatten();
        let Some(id) = id else {
            return Err(Error::NotFound("The specified index was not found.".into()));
        };
        // "6. Return an index handle associated with index and this."
        Ok(self.index_handle(cx, id))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-createindex>
    fn CreateIndex(
        &self,
        cx: &mut JSContext,
        name: DOMString,
        key_path: StringOrStringSequence,
        options: &IDBIndexParameters,
    ) -> Fallible<DomRoot<IDBIndex>> {
        let name = String::from(name);
        // "4. If transaction is not an upgrade transaction, throw an "InvalidStateError"
        // DOMException. 5. If store has been deleted, throw an "InvalidStateError"
        // DOMException. 6. If transaction's state is not active, then throw a
        // "TransactionInactiveError" DOMException."
        if !self.transaction.is_upgrade() {
            return Err(Error::InvalidState("Indexes can only be created in a version change transaction.".into()));
        }
        if self.deleted.get() {
            return Err(Error::InvalidState("The object store has been deleted.".into()));
        }
        self.transaction.check_active()?;
        // "7. If an index named name already exists in store, throw a "ConstraintError"
        // DOMException."
        if self.with_store(|s| s.indexes.iter().any(|i| i.name == name)).unwrap_or(false) {
            return Err(Error::Constraint(format!("An index with the specified name ('{name}') already exists.")));
        }
        // "8. If keyPath is not a valid key path, throw a "SyntaxError" DOMException."
        let key_path = key_path_from(&key_path);
        if !key_path.is_valid() {
            return Err(Error::Syntax("The keyPath argument contains an invalid key path.".into()));
        }
        // "9-10. Let unique and multiEntry be options's members. 11. If keyPath is a sequence
        // and multiEntry is true, throw an "InvalidAccessError" DOMException."
        if matches!(key_path, KeyPath::Sequence(_)) && options.multi_entry {
            return Err(Error::InvalidAccess(
                "The keyPath argument was an array and the multiEntry option is true.".into(),
            ));
        }
        // "12. Let index be a new index in store. … 13. Add index to this's index set. 14.
        // Return a new index handle associated with index and this." The index is populated
        // from the store's records now; a unique index that two records share aborts the
        // upgrade transaction with a ConstraintError.
        let id = next_id();
        let shared = self.transaction.shared();
        let mut index = Index {
            id,
            name,
            key_path: key_path.clone(),
            unique: options.unique,
            multi_entry: options.multi_entry,
            entries: Default::default(),
        };
        // The operations placed before this step run first: they are before it in the request
        // list.
        self.transaction.run_placed_operations(cx);
        let records: Vec<(Key, Value)> = {
            let db = shared.db.borrow();
            find_store(&db, self.store_id)?.records.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
        };
        let mut conflict = false;
        for (key, value) in &records {
            rooted!(&in(cx) let mut clone = UndefinedValue());
            convert::deserialize(cx, value, clone.handle_mut());
            if let Ok(Some(Some(keys))) = convert::extract_keys(cx, clone.handle(), &key_path, options.multi_entry) {
                for index_key in keys {
                    if index.unique
                        && index.entries.iter().any(|(k, _)| super::key::compare_keys(k, &index_key).is_eq())
                    {
                        conflict = true;
                    }
                    index.entries.insert((index_key, key.clone()));
                }
            }
        }
        {
            let mut db = shared.db.borrow_mut();
            find_store_mut(&mut db, self.store_id)?.indexes.push(index);
        }
        let handle = self.index_handle(cx, id);
        if conflict {
            // "If … index's unique flag is true and index contains a record with key equal to
            // index key, abort the transaction with a "ConstraintError" DOMException": when
            // this step's turn comes in the request list.
            self.transaction.add_failed_step(Error::Constraint(
                "Unable to add key to index: at least one key does not satisfy the uniqueness requirements.".into(),
            ));
        }
        Ok(handle)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbobjectstore-deleteindex>
    fn DeleteIndex(&self, cx: &mut JSContext, name: DOMString) -> ErrorResult {
        if !self.transaction.is_upgrade() {
            return Err(Error::InvalidState("Indexes can only be deleted in a version change transaction.".into()));
        }
        if self.deleted.get() {
            return Err(Error::InvalidState("The object store has been deleted.".into()));
        }
        self.transaction.check_active()?;
        let name = String::from(name);
        if self.with_store(|s| s.indexes.iter().any(|i| i.name == name)) != Some(true) {
            return Err(Error::NotFound("The specified index was not found.".into()));
        }
        self.transaction.run_placed_operations(cx);
        let shared = self.transaction.shared();
        let mut db = shared.db.borrow_mut();
        let store = find_store_mut(&mut db, self.store_id)?;
        // "7. Let index be the index named name in store if one exists, or throw a
        // "NotFoundError" DOMException otherwise."
        let Some(position) = store.indexes.iter().position(|i| i.name == name) else {
            return Err(Error::NotFound("The specified index was not found.".into()));
        };
        // "8. Remove index from this's index set. 9. Destroy index."
        let id = store.indexes.remove(position).id;
        for handle in self.indexes.borrow().iter() {
            if handle.index_id() == id {
                handle.mark_deleted();
            }
        }
        Ok(())
    }
}

//! `IDBIndex`: an index handle (<https://w3c.github.io/IndexedDB/#index-interface>).

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::{HandleValue, MutableHandleValue};

use super::convert::{self, Value};
use super::cursor::{IDBCursor, Params, iterate};
use super::objectstore::{
    IDBObjectStore, Read, Target, find_store, find_store_mut, get_all_options, read_operation, value_to_key_range,
};
use super::request::{IDBRequest, Outcome, Source};
use super::store::ObjectStore;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Enums::IDBCursorDirection;
use crate::dom::bindings::codegen::IDBIndexBinding::IDBIndexMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct IDBIndex {
    reflector_: Reflector,
    store: Dom<IDBObjectStore>,
    #[no_trace]
    index_id: u64,
    /// The index's name when the handle last saw it.
    #[no_trace]
    name: RefCell<String>,
    #[no_trace]
    deleted: Cell<bool>,
    /// What `keyPath` returned first.
    key_path_value: Box<mozjs::jsapi::Heap<mozjs::jsval::JSVal>>,
}

impl IDBIndex {
    pub fn new(cx: &mut JSContext, window: &Window, store: &IDBObjectStore, index_id: u64) -> DomRoot<IDBIndex> {
        let index = IDBIndex {
            reflector_: Reflector::new(),
            store: Dom::from_ref(store),
            index_id,
            name: RefCell::new(String::new()),
            deleted: Cell::new(false),
            key_path_value: Box::new(mozjs::jsapi::Heap::default()),
        };
        let index = reflect_dom_object(cx, Box::new(index), window);
        if let Some(name) = index.with_index(|i| i.name.clone()) {
            *index.name.borrow_mut() = name;
        }
        index
    }

    pub fn index_id(&self) -> u64 {
        self.index_id
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted.get()
    }

    pub fn mark_deleted(&self) {
        self.deleted.set(true);
    }

    pub fn revert_after_abort(&self, store: &ObjectStore<Value>) {
        match store.indexes.iter().find(|i| i.id == self.index_id) {
            Some(index) => {
                *self.name.borrow_mut() = index.name.clone();
                self.deleted.set(false);
            }
            None => self.deleted.set(true),
        }
    }

    fn with_index<R>(&self, f: impl FnOnce(&super::store::Index) -> R) -> Option<R> {
        let shared = self.store.transaction().shared();
        let db = shared.db.borrow();
        let store = find_store(&db, self.store.store_id()).ok()?;
        store.indexes.iter().find(|i| i.id == self.index_id).map(f)
    }

    /// "If index or index's object store has been deleted, throw an "InvalidStateError"
    /// DOMException. If transaction's state is not active, then throw a
    /// "TransactionInactiveError" DOMException."
    fn check_read(&self) -> ErrorResult {
        if self.deleted.get() || self.store.is_deleted() {
            return Err(Error::InvalidState("The index or its object store has been deleted.".into()));
        }
        self.store.transaction().check_active()
    }

    fn target(&self) -> Target {
        Target::Index(self.store.store_id(), self.index_id)
    }

    fn request(&self, cx: &mut JSContext, operation: super::transaction::Operation) -> DomRoot<IDBRequest> {
        let window = self.global();
        let transaction = self.store.transaction();
        let request = IDBRequest::new(cx, &window, Source::Index(self), &transaction);
        transaction.add_request(&request, operation);
        request
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
        Ok(self.request(cx, read_operation(self.target(), read, range, IDBCursorDirection::Next, 0)))
    }

    fn read_all(
        &self,
        cx: &mut JSContext,
        query_or_options: HandleValue,
        count: Option<u32>,
        read: Read,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.check_read()?;
        let (range, direction, count) = IDBObjectStore::get_all_arguments(cx, query_or_options, count)?;
        Ok(self.request(cx, read_operation(self.target(), read, range, direction, count)))
    }

    fn open_cursor(
        &self,
        cx: &mut JSContext,
        query: HandleValue,
        direction: IDBCursorDirection,
        key_only: bool,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.check_read()?;
        let range = value_to_key_range(cx, query, false)?;
        let window = self.global();
        let transaction = self.store.transaction();
        let request = IDBRequest::new(cx, &window, Source::Index(self), &transaction);
        let cursor = IDBCursor::create(cx, &window, &self.store, Some(self), &request, direction, range, key_only);
        request.set_cursor(&cursor);
        let params: Params = cursor.params(1, None, None);
        transaction.add_request(&request, Box::new(move |_cx, db| Ok(Outcome::Cursor(iterate(db, &params)?))));
        Ok(request)
    }
}

impl IDBIndexMethods for IDBIndex {
    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.name.borrow().as_str().into()
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-name>
    fn SetName(&self, _cx: &mut JSContext, name: DOMString) -> ErrorResult {
        let name = String::from(name);
        let transaction = self.store.transaction();
        // "4. If transaction is not an upgrade transaction, throw an "InvalidStateError"
        // DOMException. 5. If transaction's state is not active, then throw a
        // "TransactionInactiveError" DOMException. 6. If index or index's object store has been
        // deleted, throw an "InvalidStateError" DOMException."
        if !transaction.is_upgrade() {
            return Err(Error::InvalidState("The index can only be renamed in a version change transaction.".into()));
        }
        transaction.check_active()?;
        if self.deleted.get() || self.store.is_deleted() {
            return Err(Error::InvalidState("The index or its object store has been deleted.".into()));
        }
        let shared = transaction.shared();
        let mut db = shared.db.borrow_mut();
        let store = find_store_mut(&mut db, self.store.store_id())?;
        // "7. If index's name is equal to name, terminate these steps. 8. If an index named name
        // already exists in index's object store, throw a "ConstraintError" DOMException."
        if store.indexes.iter().any(|i| i.id == self.index_id && i.name == name) {
            return Ok(());
        }
        if store.indexes.iter().any(|i| i.name == name) {
            return Err(Error::Constraint(format!("An index with the specified name ('{name}') already exists.")));
        }
        // "9. Set index's name to name. 10. Set this's name to name."
        if let Some(index) = store.indexes.iter_mut().find(|i| i.id == self.index_id) {
            index.name = name.clone();
        }
        *self.name.borrow_mut() = name;
        Ok(())
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-objectstore>
    fn ObjectStore(&self, _cx: &mut JSContext) -> DomRoot<IDBObjectStore> {
        DomRoot::from_ref(&*self.store)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-keypath>
    fn KeyPath(&self, cx: &mut JSContext, mut rval: MutableHandleValue) {
        // The same object each time (a sequence key path's array).
        if !self.key_path_value.get().is_undefined() {
            rval.set(self.key_path_value.get());
            mozjs::rust::maybe_wrap_value(cx, rval);
            return;
        }
        let path = self.with_index(|i| i.key_path.clone());
        convert::key_path_to_value(cx, path.as_ref(), rval.reborrow());
        self.key_path_value.set(rval.get());
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-multientry>
    fn MultiEntry(&self, _cx: &mut JSContext) -> bool {
        self.with_index(|i| i.multi_entry).unwrap_or(false)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-unique>
    fn Unique(&self, _cx: &mut JSContext) -> bool {
        self.with_index(|i| i.unique).unwrap_or(false)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-get>
    fn Get(&self, cx: &mut JSContext, query: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        self.read(cx, query, Read::Value, true)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-getkey>
    fn GetKey(&self, cx: &mut JSContext, query: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        self.read(cx, query, Read::Key, true)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-getall>
    fn GetAll(
        &self,
        cx: &mut JSContext,
        query_or_options: HandleValue,
        count: Option<u32>,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.read_all(cx, query_or_options, count, Read::AllValues)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-getallkeys>
    fn GetAllKeys(
        &self,
        cx: &mut JSContext,
        query_or_options: HandleValue,
        count: Option<u32>,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.read_all(cx, query_or_options, count, Read::AllKeys)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-getallrecords>
    fn GetAllRecords(&self, cx: &mut JSContext, options: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        self.check_read()?;
        let (range, direction, count) = get_all_options(cx, options)?;
        Ok(self.request(cx, read_operation(self.target(), Read::AllRecords, range, direction, count)))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-count>
    fn Count(&self, cx: &mut JSContext, query: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        self.read(cx, query, Read::Count, false)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-opencursor>
    fn OpenCursor(
        &self,
        cx: &mut JSContext,
        query: HandleValue,
        direction: IDBCursorDirection,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.open_cursor(cx, query, direction, false)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbindex-openkeycursor>
    fn OpenKeyCursor(
        &self,
        cx: &mut JSContext,
        query: HandleValue,
        direction: IDBCursorDirection,
    ) -> Fallible<DomRoot<IDBRequest>> {
        self.open_cursor(cx, query, direction, true)
    }
}

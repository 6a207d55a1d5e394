//! `IDBCursor` and `IDBCursorWithValue` (<https://w3c.github.io/IndexedDB/#cursor-interface>)
//! and the iteration of a cursor over an object store or an index
//! (<https://w3c.github.io/IndexedDB/#iterate-a-cursor>).

use std::cell::{Cell, RefCell};
use std::ops::Bound;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleValue, MutableHandleValue};

use super::convert::{self, Value};
use super::index::IDBIndex;
use super::key::{Key, KeyRange, compare_keys};
use super::objectstore::{IDBObjectStore, Target, find_store, store_record_operation};
use super::request::{IDBRequest, Outcome, Source};
use super::store::Database;
use super::transaction::IDBTransaction;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Enums::IDBCursorDirection;
use crate::dom::bindings::codegen::IDBCursorBinding::IDBCursorMethods;
use crate::dom::bindings::codegen::IDBCursorWithValueBinding::IDBCursorWithValueMethods;
use crate::dom::bindings::codegen::Unions::IDBObjectStoreOrIDBIndex;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// The smallest key of all ("number" is the lowest type, and −∞ its lowest value).
/// What an iteration needs, copied from the cursor when it is asked to go on.
#[derive(Clone)]
pub struct Params {
    pub target: Target,
    pub direction: IDBCursorDirection,
    pub range: KeyRange,
    pub position: Option<Key>,
    pub object_store_position: Option<Key>,
    /// `continue(key)` / `continuePrimaryKey(key, primaryKey)`.
    pub key: Option<Key>,
    pub primary_key: Option<Key>,
    pub count: u32,
    pub key_only: bool,
}

/// Where a cursor is after an iteration.
pub struct Step {
    pub key: Key,
    pub primary_key: Key,
    pub value: Option<Value>,
}

fn forward(direction: IDBCursorDirection) -> bool {
    matches!(direction, IDBCursorDirection::Next | IDBCursorDirection::Nextunique)
}

fn unique(direction: IDBCursorDirection) -> bool {
    matches!(direction, IDBCursorDirection::Nextunique | IDBCursorDirection::Prevunique)
}

/// <https://w3c.github.io/IndexedDB/#iterate-a-cursor>
pub fn iterate(db: &Database<Value>, p: &Params) -> Result<Option<Step>, Error> {
    let store = find_store(db, p.target.store_id())?;
    let mut position = p.position.clone();
    let mut object_store_position = p.object_store_position.clone();
    let mut target_key = p.key.clone();
    let mut target_primary = p.primary_key.clone();
    let mut count = p.count.max(1);
    loop {
        let found: Option<(Key, Key)> = match p.target {
            Target::Store(_) => {
                // Records are unique by key: "nextunique" is "next", "prevunique" is "prev".
                let ok = |k: &Key| {
                    p.range.contains(k)
                        && target_key.as_ref().is_none_or(|t| {
                            let c = compare_keys(k, t);
                            if forward(p.direction) { c.is_ge() } else { c.is_le() }
                        })
                        && position.as_ref().is_none_or(|pos| {
                            let c = compare_keys(k, pos);
                            if forward(p.direction) { c.is_gt() } else { c.is_lt() }
                        })
                };
                if forward(p.direction) {
                    let start = [p.range.lower.as_ref(), target_key.as_ref(), position.as_ref()]
                        .into_iter()
                        .flatten()
                        .max_by(|a, b| compare_keys(a, b))
                        .cloned();
                    let iter: Box<dyn Iterator<Item = &Key>> = match start {
                        Some(start) => {
                            Box::new(store.records.range((Bound::Included(start), Bound::Unbounded)).map(|(k, _)| k))
                        }
                        None => Box::new(store.records.keys()),
                    };
                    iter.take_while(|k| p.range.upper.as_ref().is_none_or(|u| compare_keys(k, u).is_le()))
                        .find(|k| ok(k))
                        .map(|k| (k.clone(), k.clone()))
                } else {
                    let end = [p.range.upper.as_ref(), target_key.as_ref(), position.as_ref()]
                        .into_iter()
                        .flatten()
                        .min_by(|a, b| compare_keys(a, b))
                        .cloned();
                    let iter: Box<dyn Iterator<Item = &Key>> = match end {
                        Some(end) => Box::new(
                            store.records.range((Bound::Unbounded, Bound::Included(end))).rev().map(|(k, _)| k),
                        ),
                        None => Box::new(store.records.keys().rev()),
                    };
                    iter.take_while(|k| p.range.lower.as_ref().is_none_or(|l| compare_keys(k, l).is_ge()))
                        .find(|k| ok(k))
                        .map(|k| (k.clone(), k.clone()))
                }
            }
            Target::Index(_, index_id) => {
                let index = store
                    .indexes
                    .iter()
                    .find(|i| i.id == index_id)
                    .ok_or_else(|| Error::InvalidState("The cursor's index has been deleted.".into()))?;
                let entries = &index.entries;
                let in_range = |e: &(Key, Key)| p.range.contains(&e.0);
                // The conditions of the standard's steps, per direction.
                let after_target = |e: &(Key, Key)| match (&target_key, &target_primary) {
                    (None, _) => true,
                    (Some(t), None) => {
                        let c = compare_keys(&e.0, t);
                        if forward(p.direction) { c.is_ge() } else { c.is_le() }
                    }
                    (Some(t), Some(tp)) => {
                        let c = compare_keys(&e.0, t).then_with(|| compare_keys(&e.1, tp));
                        if forward(p.direction) { c.is_ge() } else { c.is_le() }
                    }
                };
                let after_position = |e: &(Key, Key)| match &position {
                    None => true,
                    Some(pos) => {
                        if unique(p.direction) {
                            let c = compare_keys(&e.0, pos);
                            if forward(p.direction) { c.is_gt() } else { c.is_lt() }
                        } else {
                            let osp = object_store_position.clone().unwrap_or_else(Key::min);
                            let c = compare_keys(&e.0, pos).then_with(|| compare_keys(&e.1, &osp));
                            if forward(p.direction) { c.is_gt() } else { c.is_lt() }
                        }
                    }
                };
                let ok = |e: &&(Key, Key)| in_range(e) && after_target(e) && after_position(e);
                if forward(p.direction) {
                    let start = [p.range.lower.as_ref(), target_key.as_ref(), position.as_ref()]
                        .into_iter()
                        .flatten()
                        .max_by(|a, b| compare_keys(a, b))
                        .cloned();
                    let iter: Box<dyn Iterator<Item = &(Key, Key)>> = match start {
                        Some(start) => {
                            Box::new(entries.range((Bound::Included((start, Key::min())), Bound::Unbounded)))
                        }
                        None => Box::new(entries.iter()),
                    };
                    iter.take_while(|e| p.range.upper.as_ref().is_none_or(|u| compare_keys(&e.0, u).is_le()))
                        .find(ok)
                        .cloned()
                } else {
                    let iter: Box<dyn Iterator<Item = &(Key, Key)>> = match (&position, &object_store_position) {
                        (Some(pos), Some(osp)) => Box::new(
                            entries.range((Bound::Unbounded, Bound::Included((pos.clone(), osp.clone())))).rev(),
                        ),
                        _ => Box::new(entries.iter().rev()),
                    };
                    let found = iter
                        .take_while(|e| p.range.lower.as_ref().is_none_or(|l| compare_keys(&e.0, l).is_ge()))
                        .find(ok)
                        .cloned();
                    // "prevunique": of the records with the found key, the first one.
                    match found {
                        Some((k, _)) if unique(p.direction) => entries
                            .range((Bound::Included((k.clone(), Key::min())), Bound::Unbounded))
                            .find(|e| compare_keys(&e.0, &k).is_eq() && in_range(e))
                            .cloned(),
                        other => other,
                    }
                }
            }
        };
        // "If found record is null, then: set cursor's key to undefined … return null."
        let Some((key, primary_key)) = found else { return Ok(None) };
        // "Set cursor's position to found record's key. If source is an index, set cursor's
        // object store position to found record's value."
        position = Some(key.clone());
        object_store_position = Some(primary_key.clone());
        target_key = None;
        target_primary = None;
        // "Decrease count by 1": advance() skips count − 1 records.
        count -= 1;
        if count == 0 {
            let value = if p.key_only { None } else { store.records.get(&primary_key).cloned() };
            return Ok(Some(Step { key, primary_key, value }));
        }
    }
}

struct State {
    position: Option<Key>,
    object_store_position: Option<Key>,
    key: Option<Key>,
    primary_key: Option<Key>,
    value: Option<Value>,
    /// <https://w3c.github.io/IndexedDB/#cursor-got-value-flag>
    got_value: bool,
}

#[dom_struct]
pub struct IDBCursor {
    reflector_: Reflector,
    /// The effective object store (the source, or the source index's store).
    store: Dom<IDBObjectStore>,
    index: Option<Dom<IDBIndex>>,
    transaction: Dom<IDBTransaction>,
    request: Dom<IDBRequest>,
    #[no_trace]
    direction: IDBCursorDirection,
    #[no_trace]
    range: KeyRange,
    #[no_trace]
    key_only: bool,
    #[no_trace]
    state: RefCell<State>,
    /// The values `key`, `primaryKey` and `value` return until the cursor moves (the same
    /// object each time).
    key_value: Box<Heap<JSVal>>,
    primary_key_value: Box<Heap<JSVal>>,
    value_value: Box<Heap<JSVal>>,
    #[no_trace]
    cached: Cell<[bool; 3]>,
}

impl IDBCursor {
    fn new_inherited(
        store: &IDBObjectStore,
        index: Option<&IDBIndex>,
        request: &IDBRequest,
        direction: IDBCursorDirection,
        range: KeyRange,
        key_only: bool,
    ) -> IDBCursor {
        IDBCursor {
            reflector_: Reflector::new(),
            store: Dom::from_ref(store),
            index: index.map(Dom::from_ref),
            transaction: Dom::from_ref(&*store.transaction()),
            request: Dom::from_ref(request),
            direction,
            range,
            key_only,
            state: RefCell::new(State {
                position: None,
                object_store_position: None,
                key: None,
                primary_key: None,
                value: None,
                got_value: false,
            }),
            key_value: Box::new(Heap::default()),
            primary_key_value: Box::new(Heap::default()),
            value_value: Box::new(Heap::default()),
            cached: Cell::new([false; 3]),
        }
    }

    /// A new cursor (`IDBCursorWithValue` unless `key_only`) reported by `request`.
    pub fn create(
        cx: &mut JSContext,
        window: &Window,
        store: &IDBObjectStore,
        index: Option<&IDBIndex>,
        request: &IDBRequest,
        direction: IDBCursorDirection,
        range: KeyRange,
        key_only: bool,
    ) -> DomRoot<IDBCursor> {
        let cursor = Self::new_inherited(store, index, request, direction, range, key_only);
        if key_only {
            reflect_dom_object(cx, Box::new(cursor), window)
        } else {
            let cursor = reflect_dom_object(cx, Box::new(IDBCursorWithValue { cursor }), window);
            DomRoot::from_ref(&cursor.cursor)
        }
    }

    pub fn params(&self, count: u32, key: Option<Key>, primary_key: Option<Key>) -> Params {
        let state = self.state.borrow();
        Params {
            target: match &self.index {
                Some(index) => Target::Index(self.store.store_id(), index.index_id()),
                None => Target::Store(self.store.store_id()),
            },
            direction: self.direction,
            range: self.range.clone(),
            position: state.position.clone(),
            object_store_position: state.object_store_position.clone(),
            key,
            primary_key,
            count,
            key_only: self.key_only,
        }
    }

    pub fn take_step(&self, step: Step) {
        let mut state = self.state.borrow_mut();
        state.position = Some(step.key.clone());
        state.object_store_position = Some(step.primary_key.clone());
        state.key = Some(step.key);
        state.primary_key = Some(step.primary_key);
        state.value = step.value;
        state.got_value = true;
        self.cached.set([false; 3]);
    }

    pub fn finish(&self) {
        let mut state = self.state.borrow_mut();
        state.key = None;
        state.value = None;
        state.got_value = false;
        self.cached.set([false; 3]);
    }

    /// The checks every cursor method starts with (the source or its store deleted).
    fn check_source(&self) -> ErrorResult {
        if self.store.is_deleted() || self.index.as_ref().is_some_and(|i| i.is_deleted()) {
            return Err(Error::InvalidState("The cursor's source or effective object store has been deleted.".into()));
        }
        Ok(())
    }

    /// The checks update() and delete() share, then the effective key of the record they
    /// change.
    fn record_to_change(&self) -> Fallible<Key> {
        self.transaction.check_active()?;
        self.transaction.check_writable()?;
        self.check_source()?;
        let state = self.state.borrow();
        if !state.got_value {
            return Err(Error::InvalidState("The cursor is being iterated or has iterated past its end.".into()));
        }
        if self.key_only {
            return Err(Error::InvalidState("The cursor is a key cursor.".into()));
        }
        state.primary_key.clone().ok_or_else(|| Error::InvalidState("The cursor has no record.".into()))
    }

    /// Places the next iteration on the cursor's request.
    fn go_on(&self, count: u32, key: Option<Key>, primary_key: Option<Key>) {
        // "Set this's got value flag to false. Set request's processed flag to false. Set
        // request's done flag to false. Run asynchronously execute a request with this's
        // source, operation (iterate a cursor) and request."
        self.state.borrow_mut().got_value = false;
        self.request.reset();
        let params = self.params(count, key, primary_key);
        self.transaction
            .add_request(&self.request, Box::new(move |_cx, db| Ok(Outcome::Cursor(iterate(db, &params)?))));
    }

    fn cached_value(&self, cx: &mut JSContext, slot: usize, mut rval: MutableHandleValue) {
        let heap = match slot {
            0 => &self.key_value,
            1 => &self.primary_key_value,
            _ => &self.value_value,
        };
        let mut cached = self.cached.get();
        if !cached[slot] {
            rooted!(&in(cx) let mut value = UndefinedValue());
            {
                let state = self.state.borrow();
                match slot {
                    0 => {
                        if let Some(key) = &state.key {
                            convert::key_to_value(cx, key, value.handle_mut());
                        }
                    }
                    1 => {
                        if let Some(key) = &state.primary_key {
                            convert::key_to_value(cx, key, value.handle_mut());
                        }
                    }
                    _ => {
                        if let Some(v) = &state.value {
                            convert::deserialize(cx, v, value.handle_mut());
                        }
                    }
                }
            }
            heap.set(value.get());
            cached[slot] = true;
            self.cached.set(cached);
        }
        rval.set(heap.get());
        mozjs::rust::maybe_wrap_value(cx, rval);
    }
}

impl IDBCursorMethods for IDBCursor {
    /// <https://w3c.github.io/IndexedDB/#dom-idbcursor-source>
    fn Source(&self, _cx: &mut JSContext) -> IDBObjectStoreOrIDBIndex {
        match &self.index {
            Some(index) => IDBObjectStoreOrIDBIndex::IDBIndex(DomRoot::from_ref(&**index)),
            None => IDBObjectStoreOrIDBIndex::IDBObjectStore(DomRoot::from_ref(&*self.store)),
        }
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbcursor-direction>
    fn Direction(&self, _cx: &mut JSContext) -> IDBCursorDirection {
        self.direction
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbcursor-key>
    fn Key(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        self.cached_value(cx, 0, rval)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbcursor-primarykey>
    fn PrimaryKey(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        self.cached_value(cx, 1, rval)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbcursor-request>
    fn Request(&self, _cx: &mut JSContext) -> DomRoot<IDBRequest> {
        DomRoot::from_ref(&*self.request)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbcursor-advance>
    fn Advance(&self, _cx: &mut JSContext, count: u32) -> ErrorResult {
        // "1. If count is 0 (zero), throw a TypeError."
        if count == 0 {
            return Err(Error::Type(
                "A count argument with value 0 (zero) was supplied, must be greater than 0.".into(),
            ));
        }
        // "2. Let transaction be this's transaction. 3. If transaction's state is not active,
        // then throw a "TransactionInactiveError" DOMException."
        self.transaction.check_active()?;
        // "4. If this's source or effective object store has been deleted, throw an
        // "InvalidStateError" DOMException."
        self.check_source()?;
        // "5. If this's got value flag is false, indicating that the cursor is being iterated or
        // has iterated past its end, throw an "InvalidStateError" DOMException."
        if !self.state.borrow().got_value {
            return Err(Error::InvalidState("The cursor is being iterated or has iterated past its end.".into()));
        }
        self.go_on(count, None, None);
        Ok(())
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbcursor-continue>
    fn Continue(&self, cx: &mut JSContext, key: HandleValue) -> ErrorResult {
        self.transaction.check_active()?;
        self.check_source()?;
        if !self.state.borrow().got_value {
            return Err(Error::InvalidState("The cursor is being iterated or has iterated past its end.".into()));
        }
        // "5. If key is given, then: let r be the result of converting a value to a key with
        // key; rethrow any exceptions; if r is invalid, throw a "DataError" DOMException; let
        // key be r. If key is less than or equal to this's position and this's direction is
        // "next" or "nextunique", then throw a "DataError" DOMException. If key is greater than
        // or equal to this's position and this's direction is "prev" or "prevunique", then
        // throw a "DataError" DOMException."
        let key = if key.get().is_undefined() {
            None
        } else {
            let Some(key) = convert::value_to_key(cx, key)? else {
                return Err(Error::Data("The parameter is not a valid key.".into()));
            };
            if let Some(position) = &self.state.borrow().position {
                let c = compare_keys(&key, position);
                if forward(self.direction) && c.is_le() {
                    return Err(Error::Data("The parameter is less than or equal to this cursor's position.".into()));
                }
                if !forward(self.direction) && c.is_ge() {
                    return Err(Error::Data(
                        "The parameter is greater than or equal to this cursor's position.".into(),
                    ));
                }
            }
            Some(key)
        };
        self.go_on(1, key, None);
        Ok(())
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbcursor-continueprimarykey>
    fn ContinuePrimaryKey(&self, cx: &mut JSContext, key: HandleValue, primary_key: HandleValue) -> ErrorResult {
        self.transaction.check_active()?;
        self.check_source()?;
        // "4. If this's source is not an index throw an "InvalidAccessError" DOMException. 5. If
        // this's direction is not "next" or "prev", throw an "InvalidAccessError"
        // DOMException."
        if self.index.is_none() {
            return Err(Error::InvalidAccess("The cursor's source is not an index.".into()));
        }
        if unique(self.direction) {
            return Err(Error::InvalidAccess("The cursor's direction is not 'next' or 'prev'.".into()));
        }
        // "6. If this's got value flag is false … throw an "InvalidStateError" DOMException."
        if !self.state.borrow().got_value {
            return Err(Error::InvalidState("The cursor is being iterated or has iterated past its end.".into()));
        }
        // "7-10. Convert key and primaryKey to keys; invalid → "DataError"."
        let Some(key) = convert::value_to_key(cx, key)? else {
            return Err(Error::Data("The parameter is not a valid key.".into()));
        };
        let Some(primary_key) = convert::value_to_key(cx, primary_key)? else {
            return Err(Error::Data("The parameter is not a valid key.".into()));
        };
        // "11-14. If key is less than this's position, or equal to it with primaryKey less than
        // or equal to this's object store position, and this's direction is "next", throw a
        // "DataError" DOMException (the mirror for "prev")."
        {
            let state = self.state.borrow();
            if let (Some(position), Some(osp)) = (&state.position, &state.object_store_position) {
                let c = compare_keys(&key, position).then_with(|| compare_keys(&primary_key, osp));
                if forward(self.direction) && c.is_le() {
                    return Err(Error::Data("The key and primary key are not after this cursor's position.".into()));
                }
                if !forward(self.direction) && c.is_ge() {
                    return Err(Error::Data("The key and primary key are not before this cursor's position.".into()));
                }
            }
        }
        self.go_on(1, Some(key), Some(primary_key));
        Ok(())
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbcursor-update>
    fn Update(&self, cx: &mut JSContext, value: HandleValue) -> Fallible<DomRoot<IDBRequest>> {
        // "1-2. If transaction's state is not active, throw a "TransactionInactiveError". 3. If
        // transaction is a read-only transaction, throw a "ReadOnlyError". 4. If this's source
        // or effective object store has been deleted, throw an "InvalidStateError". 5. If this's
        // got value flag is false … throw an "InvalidStateError". 6. If this's key only flag is
        // true, throw an "InvalidStateError"."
        let primary_key = self.record_to_change()?;
        // "7-8. Let clone be a clone of value in targetRealm during transaction. Rethrow any
        // exceptions. 9. If this's effective object store uses in-line keys, then: let kpk be
        // the result of extracting a key from a value using a key path with clone and the key
        // path of this's effective object store; rethrow any exceptions; if kpk is failure,
        // invalid, or not equal to this's effective key, throw a "DataError" DOMException."
        let stored = self.transaction.while_inactive(|| convert::serialize(cx, value, "update", "IDBCursor"))?;
        if let Some(path) = self.store.key_path() {
            rooted!(&in(cx) let mut clone = UndefinedValue());
            convert::deserialize(cx, &stored, clone.handle_mut());
            let matches = match convert::extract_keys(cx, clone.handle(), &path, false)? {
                Some(Some(keys)) => keys.first().is_some_and(|k| compare_keys(k, &primary_key).is_eq()),
                _ => false,
            };
            if !matches {
                return Err(Error::Data(
                    "The effective object store of this cursor uses in-line keys and evaluating the key path of the value parameter results in a different value than the cursor's effective key.".into(),
                ));
            }
        }
        // "10. Let operation be an algorithm to run store a record into an object store with
        // this's effective object store, clone, this's effective key, and false. 11. Let
        // request be the result of running asynchronously execute a request with this and
        // operation."
        let window = self.global();
        let request = IDBRequest::new(cx, &window, Source::Cursor(self), &self.transaction);
        let operation = store_record_operation(self.store.store_id(), stored, Some(primary_key), false);
        self.transaction.add_request(&request, operation);
        Ok(request)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbcursor-delete>
    fn Delete(&self, cx: &mut JSContext) -> Fallible<DomRoot<IDBRequest>> {
        // (The checks of update().)
        let primary_key = self.record_to_change()?;
        // "7. Let operation be an algorithm to run delete records from an object store with
        // this's effective object store and this's effective key."
        let window = self.global();
        let request = IDBRequest::new(cx, &window, Source::Cursor(self), &self.transaction);
        let store_id = self.store.store_id();
        self.transaction.add_request(
            &request,
            Box::new(move |_cx, db| {
                let store = super::objectstore::find_store_mut(db, store_id)?;
                store.delete_range(&KeyRange::only(primary_key));
                Ok(Outcome::Undefined)
            }),
        );
        Ok(request)
    }
}

#[dom_struct]
pub struct IDBCursorWithValue {
    cursor: IDBCursor,
}

impl IDBCursorWithValueMethods for IDBCursorWithValue {
    /// <https://w3c.github.io/IndexedDB/#dom-idbcursorwithvalue-value>
    fn Value(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        self.cursor.cached_value(cx, 2, rval)
    }
}

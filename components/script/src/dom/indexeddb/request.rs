//! `IDBRequest` and `IDBOpenDBRequest` (<https://w3c.github.io/IndexedDB/#request-api>).

use std::cell::Cell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::MutableHandleValue;

use super::convert::{Value, deserialize, key_to_value, new_array};
use super::cursor::IDBCursor;
use super::index::IDBIndex;
use super::key::Key;
use super::objectstore::IDBObjectStore;
use super::transaction::IDBTransaction;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Enums::IDBRequestReadyState;
use crate::dom::bindings::codegen::IDBOpenDBRequestBinding::IDBOpenDBRequestMethods;
use crate::dom::bindings::codegen::IDBRequestBinding::IDBRequestMethods;
use crate::dom::bindings::codegen::Unions::IDBObjectStoreOrIDBIndexOrIDBCursor;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::dom::domexception::DOMException;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::window::Window;

/// What a request's operation produced, before it becomes the request's result.
pub enum Outcome {
    Undefined,
    /// `add()`/`put()`: the record's key.
    Key(Key),
    /// `getKey()`: the key, or undefined when there is none.
    OptionalKey(Option<Key>),
    /// `get()`: a clone of the value, or undefined when there is none.
    Value(Option<Value>),
    Values(Vec<Value>),
    Keys(Vec<Key>),
    /// `getAllRecords()`: (key, primary key, value) of each record.
    Records(Vec<(Key, Key, Value)>),
    Count(u64),
    /// A cursor's iteration: its new position, or `None` when it ran past the end.
    Cursor(Option<super::cursor::Step>),
}

#[dom_struct]
pub struct IDBRequest {
    eventtarget: EventTarget,
    source_store: MutNullableDom<IDBObjectStore>,
    source_index: MutNullableDom<IDBIndex>,
    source_cursor: MutNullableDom<IDBCursor>,
    /// The cursor whose iteration this request reports (`openCursor()` and its `continue()`s).
    cursor: MutNullableDom<IDBCursor>,
    transaction: MutNullableDom<IDBTransaction>,
    /// <https://w3c.github.io/IndexedDB/#request-done>
    #[no_trace]
    done: Cell<bool>,
    result: Box<Heap<JSVal>>,
    error: MutNullableDom<DOMException>,
}

/// A request's source.
pub enum Source<'a> {
    None,
    Store(&'a IDBObjectStore),
    Index(&'a IDBIndex),
    Cursor(&'a IDBCursor),
}

impl IDBRequest {
    pub fn new_inherited() -> IDBRequest {
        IDBRequest {
            eventtarget: EventTarget::new_inherited(),
            source_store: Default::default(),
            source_index: Default::default(),
            source_cursor: Default::default(),
            cursor: Default::default(),
            transaction: Default::default(),
            done: Cell::new(false),
            result: Box::new(Heap::default()),
            error: Default::default(),
        }
    }

    /// A new pending request on `transaction`, whose events go up to it ("get the parent" of a
    /// request is its transaction).
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        source: Source<'_>,
        transaction: &IDBTransaction,
    ) -> DomRoot<IDBRequest> {
        let request = reflect_dom_object(cx, Box::new(IDBRequest::new_inherited()), window);
        match source {
            Source::None => {}
            Source::Store(store) => request.source_store.set(Some(store)),
            Source::Index(index) => request.source_index.set(Some(index)),
            Source::Cursor(cursor) => request.source_cursor.set(Some(cursor)),
        }
        request.set_transaction(Some(transaction));
        request
    }

    pub fn set_transaction(&self, transaction: Option<&IDBTransaction>) {
        self.transaction.set(transaction);
        self.eventtarget.set_event_parent(transaction.map(|t| t.upcast::<EventTarget>()));
    }

    pub fn set_cursor(&self, cursor: &IDBCursor) {
        self.cursor.set(Some(cursor));
    }

    pub fn is_done(&self) -> bool {
        self.done.get()
    }

    /// Back to pending, for a cursor's next iteration ("set request's processed flag to false
    /// and its done flag to false").
    pub fn reset(&self) {
        self.done.set(false);
        self.error.set(None);
    }

    /// "Set request's result to result, set request's done flag to true."
    pub fn set_result_value(&self, value: JSVal) {
        self.result.set(value);
        self.error.set(None);
        self.done.set(true);
    }

    /// "Set request's result to undefined, set request's error to error, set request's done flag
    /// to true."
    pub fn set_error(&self, cx: &mut JSContext, error: Error) {
        let window = crate::dom::globalscope::DomGlobal::global(self);
        let exception = exception_for(cx, &window, error);
        self.result.set(UndefinedValue());
        self.error.set(Some(&exception));
        self.done.set(true);
    }

    pub fn error_exception(&self) -> Option<DomRoot<DOMException>> {
        self.error.get()
    }

    /// The request's result from an operation's outcome, converted in the request's realm.
    pub fn set_outcome(&self, cx: &mut JSContext, outcome: Outcome) {
        let window = crate::dom::globalscope::DomGlobal::global(self);
        crate::script_runtime::in_realm(cx, &window, |cx| {
            rooted!(&in(cx) let mut value = UndefinedValue());
            match outcome {
                Outcome::Undefined | Outcome::OptionalKey(None) | Outcome::Value(None) => {}
                Outcome::Key(key) | Outcome::OptionalKey(Some(key)) => key_to_value(cx, &key, value.handle_mut()),
                Outcome::Value(Some(v)) => deserialize(cx, &v, value.handle_mut()),
                Outcome::Count(n) => value.set(mozjs::jsval::DoubleValue(n as f64)),
                Outcome::Values(values) => {
                    new_array(cx, values.len(), value.handle_mut(), |cx, i, out| deserialize(cx, &values[i], out))
                }
                Outcome::Keys(keys) => {
                    new_array(cx, keys.len(), value.handle_mut(), |cx, i, out| key_to_value(cx, &keys[i], out))
                }
                Outcome::Records(records) => new_array(cx, records.len(), value.handle_mut(), |cx, i, mut out| {
                    let (key, primary_key, v) = &records[i];
                    let record = super::record::IDBRecord::new(cx, &window, key, primary_key, v);
                    out.set(mozjs::jsval::ObjectValue(
                        crate::dom::bindings::reflector::DomObject::reflector(&*record).get_raw(),
                    ));
                }),
                Outcome::Cursor(step) => {
                    let cursor = self.cursor.get().expect("a cursor request has its cursor");
                    match step {
                        Some(step) => {
                            cursor.take_step(step);
                            value.set(mozjs::jsval::ObjectValue(
                                crate::dom::bindings::reflector::DomObject::reflector(&*cursor).get_raw(),
                            ));
                        }
                        None => {
                            cursor.finish();
                            value.set(mozjs::jsval::NullValue());
                        }
                    }
                }
            }
            self.set_result_value(value.get());
        });
    }
}

/// The DOMException an error becomes (every error of this API is one).
pub fn exception_for(cx: &mut JSContext, window: &Window, error: Error) -> DomRoot<DOMException> {
    let (name, message) = match error.dom_name() {
        Some((name, message)) => (name, message.to_owned()),
        None => (crate::dom::dom::domexception::DOMErrorName::UnknownError, String::new()),
    };
    DOMException::new(cx, window, name, message)
}

macro_rules! idb_handlers {
    ($($getter:ident, $setter:ident => $event:literal;)*) => {
        $(
            /// <https://w3c.github.io/IndexedDB/#event-handlers>
            fn $getter(&self, _cx: &mut mozjs::context::JSContext) -> Option<std::rc::Rc<crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull>> {
                crate::dom::bindings::inheritance::Castable::upcast::<crate::dom::dom::eventtarget::EventTarget>(self).get_event_handler($event)
            }
            /// <https://w3c.github.io/IndexedDB/#event-handlers>
            fn $setter(&self, _cx: &mut mozjs::context::JSContext, value: Option<std::rc::Rc<crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull>>) {
                crate::dom::bindings::inheritance::Castable::upcast::<crate::dom::dom::eventtarget::EventTarget>(self).set_event_handler($event, value)
            }
        )*
    };
}
pub(crate) use idb_handlers;

impl IDBRequestMethods for IDBRequest {
    /// <https://w3c.github.io/IndexedDB/#dom-idbrequest-result>: "If this's done flag is false,
    /// then throw an "InvalidStateError" DOMException. Otherwise, return this's result, or
    /// undefined if the request resulted in an error."
    fn Result(&self, _cx: &mut JSContext, mut rval: MutableHandleValue) -> Fallible<()> {
        if !self.done.get() {
            return Err(Error::InvalidState("The request has not finished.".into()));
        }
        rval.set(self.result.get());
        // The result lives in the request's realm; a caller in another one gets a wrapper.
        mozjs::rust::maybe_wrap_value(_cx, rval);
        Ok(())
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbrequest-error>: "If this's done flag is false,
    /// then throw an "InvalidStateError" DOMException. Otherwise, return this's error, or null if
    /// no error occurred."
    fn Error(&self, _cx: &mut JSContext) -> Fallible<Option<DomRoot<DOMException>>> {
        if !self.done.get() {
            return Err(Error::InvalidState("The request has not finished.".into()));
        }
        Ok(self.error.get())
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbrequest-source>
    fn Source(&self, _cx: &mut JSContext) -> Option<IDBObjectStoreOrIDBIndexOrIDBCursor> {
        if let Some(store) = self.source_store.get() {
            return Some(IDBObjectStoreOrIDBIndexOrIDBCursor::IDBObjectStore(store));
        }
        if let Some(index) = self.source_index.get() {
            return Some(IDBObjectStoreOrIDBIndexOrIDBCursor::IDBIndex(index));
        }
        self.source_cursor.get().map(IDBObjectStoreOrIDBIndexOrIDBCursor::IDBCursor)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbrequest-transaction>
    fn Transaction(&self, _cx: &mut JSContext) -> Option<DomRoot<IDBTransaction>> {
        self.transaction.get()
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbrequest-readystate>
    fn ReadyState(&self, _cx: &mut JSContext) -> IDBRequestReadyState {
        if self.done.get() { IDBRequestReadyState::Done } else { IDBRequestReadyState::Pending }
    }

    idb_handlers! {
        Onsuccess, SetOnsuccess => "success";
        Onerror, SetOnerror => "error";
    }
}

#[dom_struct]
pub struct IDBOpenDBRequest {
    request: IDBRequest,
}

impl IDBOpenDBRequest {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<IDBOpenDBRequest> {
        reflect_dom_object(cx, Box::new(IDBOpenDBRequest { request: IDBRequest::new_inherited() }), window)
    }

    pub fn request(&self) -> &IDBRequest {
        &self.request
    }
}

impl IDBOpenDBRequestMethods for IDBOpenDBRequest {
    idb_handlers! {
        Onblocked, SetOnblocked => "blocked";
        Onupgradeneeded, SetOnupgradeneeded => "upgradeneeded";
    }
}

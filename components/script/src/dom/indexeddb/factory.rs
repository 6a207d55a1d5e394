//! `IDBFactory`: `window.indexedDB` (<https://w3c.github.io/IndexedDB/#factory-interface>).

use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleValue;

use super::backend;
use super::convert;
use super::key::compare_keys;
use super::request::IDBOpenDBRequest;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::IDBDatabaseInfo;
use crate::dom::bindings::codegen::IDBFactoryBinding::IDBFactoryMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct IDBFactory {
    reflector_: Reflector,
}

impl IDBFactory {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<IDBFactory> {
        reflect_dom_object(cx, Box::new(IDBFactory { reflector_: Reflector::new() }), window)
    }

    /// The storage key of the window's origin: "If storageKey is failure, throw a
    /// SecurityError" (an opaque origin has no storage).
    fn origin(&self) -> Fallible<String> {
        let window = self.global();
        let url = window.document().origin_url();
        if url.origin().is_tuple() || url.scheme() == "file" {
            Ok(crate::origin::origin_key(&url))
        } else {
            Err(Error::Security("Access to the Indexed Database API is denied in this context.".into()))
        }
    }
}

impl IDBFactoryMethods for IDBFactory {
    /// <https://w3c.github.io/IndexedDB/#dom-idbfactory-open>
    fn Open(&self, cx: &mut JSContext, name: DOMString, version: Option<u64>) -> Fallible<DomRoot<IDBOpenDBRequest>> {
        // "1. If version is 0 (zero), throw a TypeError."
        if version == Some(0) {
            return Err(Error::Type("The version provided must not be 0.".into()));
        }
        // "2-4. Let storageKey be the result of running obtain a storage key given environment;
        // if failure, throw a "SecurityError" DOMException."
        let origin = self.origin()?;
        // "5. Let request be a new open request. 6. Run these steps in parallel: open a database
        // connection with storageKey, name, version if given and undefined otherwise, and
        // request." (The connection queue of the database.)
        let request = IDBOpenDBRequest::new(cx, &self.global());
        let shared = backend::database(&origin, &name.to_string());
        Rc::clone(&shared).enqueue(&request, Some(version));
        // "7. Return a new IDBOpenDBRequest object for request."
        Ok(request)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbfactory-deletedatabase>
    fn DeleteDatabase(&self, cx: &mut JSContext, name: DOMString) -> Fallible<DomRoot<IDBOpenDBRequest>> {
        let origin = self.origin()?;
        let request = IDBOpenDBRequest::new(cx, &self.global());
        let shared = backend::database(&origin, &name.to_string());
        shared.enqueue(&request, None);
        Ok(request)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbfactory-databases>: "Resolve p with a list of
    /// IDBDatabaseInfo dictionaries, one per database of the storage key (name and version)."
    fn Databases(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        let promise = Promise::new(cx, &window);
        match self.origin() {
            Err(e) => promise.reject_error(cx, e),
            Ok(origin) => {
                let list: Vec<IDBDatabaseInfo> = backend::databases_of(&origin)
                    .into_iter()
                    .map(|(name, version)| IDBDatabaseInfo { name: Some(name.into()), version: Some(version) })
                    .collect();
                let p = promise.clone();
                crate::script_thread::queue_task(Box::new(move |cx| p.resolve_native(cx, &list)));
            }
        }
        promise
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbfactory-cmp>: "Let a be the result of converting
    /// a value to a key with first. Rethrow any exceptions. If a is invalid, throw a "DataError"
    /// DOMException. (The same for b.) Return the results of comparing two keys with a and b."
    fn Cmp(&self, cx: &mut JSContext, first: HandleValue, second: HandleValue) -> Fallible<i16> {
        let Some(a) = convert::value_to_key(cx, first)? else {
            return Err(Error::Data("The parameter is not a valid key.".into()));
        };
        let Some(b) = convert::value_to_key(cx, second)? else {
            return Err(Error::Data("The parameter is not a valid key.".into()));
        };
        Ok(compare_keys(&a, &b) as i16)
    }
}

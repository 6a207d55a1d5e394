//! `IDBKeyRange` (<https://w3c.github.io/IndexedDB/#keyrange>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::{HandleValue, MutableHandleValue};

use super::convert;
use super::key::{Key, KeyRange};
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::IDBKeyRangeBinding::IDBKeyRangeMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct IDBKeyRange {
    reflector_: Reflector,
    #[no_trace]
    range: KeyRange,
}

fn data_error() -> Error {
    Error::Data("The parameter is not a valid key.".into())
}

/// "Let key be the result of converting a value to a key with value. Rethrow any exceptions. If
/// key is invalid, throw a "DataError" DOMException."
fn key_of(cx: &mut JSContext, value: HandleValue) -> Fallible<Key> {
    convert::value_to_key(cx, value)?.ok_or_else(data_error)
}

impl IDBKeyRange {
    fn new(cx: &mut JSContext, window: &Window, range: KeyRange) -> DomRoot<IDBKeyRange> {
        reflect_dom_object(cx, Box::new(IDBKeyRange { reflector_: Reflector::new(), range }), window)
    }

    /// The key range `value` is, if it is an IDBKeyRange.
    pub fn from_value(value: HandleValue) -> Option<KeyRange> {
        if !value.get().is_object() {
            return None;
        }
        // SAFETY: the object is rooted by the handle; only its class is checked.
        let range =
            unsafe { crate::dom::bindings::conversions::root_from_object::<IDBKeyRange>(value.get().to_object()) }?;
        Some(range.range.clone())
    }

    fn bound_value(&self, cx: &mut JSContext, key: &Option<Key>, mut rval: MutableHandleValue) {
        match key {
            Some(key) => convert::key_to_value(cx, key, rval),
            None => rval.set(mozjs::jsval::UndefinedValue()),
        }
    }
}

impl IDBKeyRangeMethods for IDBKeyRange {
    /// <https://w3c.github.io/IndexedDB/#dom-idbkeyrange-lower>
    fn Lower(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        self.bound_value(cx, &self.range.lower, rval)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbkeyrange-upper>
    fn Upper(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        self.bound_value(cx, &self.range.upper, rval)
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbkeyrange-loweropen>
    fn LowerOpen(&self, _cx: &mut JSContext) -> bool {
        self.range.lower_open
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbkeyrange-upperopen>
    fn UpperOpen(&self, _cx: &mut JSContext) -> bool {
        self.range.upper_open
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbkeyrange-only>: "Create and return a new key
    /// range containing only key."
    fn Only(cx: &mut JSContext, global: &Window, value: HandleValue) -> Fallible<DomRoot<IDBKeyRange>> {
        let key = key_of(cx, value)?;
        Ok(Self::new(cx, global, KeyRange::only(key)))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbkeyrange-lowerbound>: "Create and return a new
    /// key range with lower bound set to lowerKey, lower open flag set to open, upper bound set
    /// to null, and upper open flag set to true."
    fn LowerBound(
        cx: &mut JSContext,
        global: &Window,
        lower: HandleValue,
        open: bool,
    ) -> Fallible<DomRoot<IDBKeyRange>> {
        let key = key_of(cx, lower)?;
        Ok(Self::new(cx, global, KeyRange { lower: Some(key), upper: None, lower_open: open, upper_open: true }))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbkeyrange-upperbound>
    fn UpperBound(
        cx: &mut JSContext,
        global: &Window,
        upper: HandleValue,
        open: bool,
    ) -> Fallible<DomRoot<IDBKeyRange>> {
        let key = key_of(cx, upper)?;
        Ok(Self::new(cx, global, KeyRange { lower: None, upper: Some(key), lower_open: true, upper_open: open }))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbkeyrange-bound>: "If lowerKey is greater than
    /// upperKey, throw a "DataError" DOMException. If lowerKey is equal to upperKey and either
    /// lowerOpen or upperOpen is true, throw a "DataError" DOMException."
    fn Bound(
        cx: &mut JSContext,
        global: &Window,
        lower: HandleValue,
        upper: HandleValue,
        lower_open: bool,
        upper_open: bool,
    ) -> Fallible<DomRoot<IDBKeyRange>> {
        let lower = key_of(cx, lower)?;
        let upper = key_of(cx, upper)?;
        let range = KeyRange::bound(lower, upper, lower_open, upper_open).map_err(|e| Error::Data(e.0.into()))?;
        Ok(Self::new(cx, global, range))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbkeyrange-includes>
    fn Includes(&self, cx: &mut JSContext, key: HandleValue) -> Fallible<bool> {
        let key = key_of(cx, key)?;
        Ok(self.range.contains(&key))
    }
}

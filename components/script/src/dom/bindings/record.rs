//! `record<K, V>` (<https://webidl.spec.whatwg.org/#idl-record>): an ordered
//! map from string keys to values, converted from a JS object's own
//! enumerable properties.

use mozjs::context::JSContext;
use mozjs::jsapi::{JSITER_OWNONLY, JSITER_SYMBOLS, JSPROP_ENUMERATE};
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleValue, IdVector, MutableHandleValue};

use crate::dom::bindings::conversions::{ConversionResult, Failure, FromJSVal, ToJSVal, new_plain_object};
use crate::dom::bindings::str::{ByteString, DOMString, USVString};

/// A converted record: its entries in the object's property order, keys unique.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record<K, V>(pub Vec<(K, V)>);

/// The string types a record may be keyed by.
pub trait RecordKey: FromJSVal + PartialEq {
    fn key_string(&self) -> String;
}

impl RecordKey for DOMString {
    fn key_string(&self) -> String {
        self.as_str().to_owned()
    }
}

impl RecordKey for USVString {
    fn key_string(&self) -> String {
        self.0.clone()
    }
}

impl RecordKey for ByteString {
    fn key_string(&self) -> String {
        self.0.iter().map(|&b| b as char).collect()
    }
}

impl<K: RecordKey, V: FromJSVal> FromJSVal for Record<K, V>
where
    K::Config: Default,
{
    type Config = V::Config;

    /// <https://webidl.spec.whatwg.org/#js-record>
    fn from_jsval(cx: &mut JSContext, value: HandleValue, config: V::Config) -> ConversionResult<Self> {
        // Step 1: If Type(O) is not Object, throw a TypeError.
        if !value.get().is_object() {
            return Ok(Err(Failure::Message("The provided value is not an object.".into())));
        }
        rooted!(&in(cx) let object = value.get().to_object());
        // Step 4: Let keys be ? O.[[OwnPropertyKeys]](). (Only enumerable keys are
        // listed without JSITER_HIDDEN, which is step 5.2's check.)
        let mut ids = IdVector::new(cx);
        // SAFETY: `object` is rooted and `ids` is an IdVector, which SpiderMonkey traces while it
        // lives; `cx` is this thread's live context; its raw pointer goes straight into the call.
        if !unsafe {
            mozjs::jsapi::GetPropertyKeys(
                cx.raw_cx(),
                object.handle().into(),
                JSITER_OWNONLY | JSITER_SYMBOLS,
                ids.handle_mut(),
            )
        } {
            return Err(());
        }
        let mut entries: Vec<(K, V)> = Vec::with_capacity(ids.len());
        rooted!(&in(cx) let mut id = mozjs::jsid::VoidId());
        rooted!(&in(cx) let mut key = UndefinedValue());
        rooted!(&in(cx) let mut property = UndefinedValue());
        for raw_id in ids.iter() {
            id.set(*raw_id);
            // Step 5.2.1: Let typedKey be key converted to K (a symbol throws a TypeError).
            // SAFETY: `id` and `key` are rooted; `cx` is this thread's live context; its raw pointer goes straight into the call.
            if !unsafe { mozjs::jsapi::JS_IdToValue(cx.raw_cx(), id.get(), key.handle_mut().into()) } {
                return Err(());
            }
            let typed_key = match K::from_jsval(cx, key.handle(), K::Config::default())? {
                Ok(k) => k,
                Err(f) => return Ok(Err(f)),
            };
            // Steps 5.2.2–5.2.3: Let value be ? Get(O, key), converted to V.
            // SAFETY: `object`, `id` and `property` are rooted; `cx` is this thread's live context; its raw pointer goes straight into the call.
            if !unsafe {
                mozjs::jsapi::JS_GetPropertyById(
                    cx.raw_cx(),
                    object.handle().into(),
                    id.handle().into(),
                    property.handle_mut().into(),
                )
            } {
                return Err(());
            }
            let typed_value = match V::from_jsval(cx, property.handle(), config)? {
                Ok(v) => v,
                Err(f) => return Ok(Err(f)),
            };
            // Step 5.2.4: Set result[typedKey] to typedValue (an existing key keeps its place).
            match entries.iter_mut().find(|(k, _)| *k == typed_key) {
                Some(entry) => entry.1 = typed_value,
                None => entries.push((typed_key, typed_value)),
            }
        }
        Ok(Ok(Record(entries)))
    }
}

impl<K: RecordKey, V: ToJSVal> ToJSVal for Record<K, V> {
    /// <https://webidl.spec.whatwg.org/#js-record>: a new object with one data property per entry.
    fn to_jsval(&self, cx: &mut JSContext, mut rval: MutableHandleValue) {
        rooted!(&in(cx) let object = new_plain_object(cx));
        rooted!(&in(cx) let mut value = UndefinedValue());
        for (key, v) in &self.0 {
            v.to_jsval(cx, value.handle_mut());
            let name: Vec<u16> = key.key_string().encode_utf16().collect();
            // SAFETY: `object` and `value` are rooted and `name` outlives the call; `cx` is this thread's live context; its raw pointer goes straight into the call.
            let ok = unsafe {
                mozjs::jsapi::JS_DefineUCProperty2(
                    cx.raw_cx(),
                    object.handle().into(),
                    name.as_ptr(),
                    name.len(),
                    value.handle().into(),
                    JSPROP_ENUMERATE as u32,
                )
            };
            assert!(ok, "defining a record entry failed");
        }
        rval.set(ObjectValue(object.get()));
    }
}

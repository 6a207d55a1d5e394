//! Where the Indexed Database API meets JavaScript values: converting values to keys and keys
//! to values, evaluating key paths on values and injecting generated keys into them, and the
//! clones that records hold (<https://w3c.github.io/IndexedDB/#key-construct>,
//! <https://w3c.github.io/IndexedDB/#key-path-construct>).

use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsapi::JSObject;
use mozjs::jsval::{DoubleValue, JSVal, ObjectValue, StringValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleValue, MutableHandleValue};

use super::key::{Key, KeyPath};
use crate::dom::bindings::error::Error;
use crate::dom::html::structuredclone::{CloneCaller, SerializedMessage};

/// A record's value: "a clone of value" made when it was stored, as serialized data. Shared, so
/// a transaction's snapshot of its database (for rollback) does not copy the values.
#[derive(Clone)]
pub struct Value(pub Rc<SerializedMessage>);

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Value")
    }
}

/// <https://html.spec.whatwg.org/multipage/structured-data.html#structuredserializeforstorage>
pub fn serialize(
    cx: &mut JSContext,
    value: HandleValue,
    operation: &'static str,
    interface: &'static str,
) -> Result<Value, Error> {
    let message =
        crate::dom::html::structuredclone::serialize_for_thread(cx, value, &[], CloneCaller { operation, interface })?;
    Ok(Value(Rc::new(message)))
}

/// <https://html.spec.whatwg.org/multipage/structured-data.html#structureddeserialize> of a
/// record's value, in the current realm: a new copy each time.
pub fn deserialize(cx: &mut JSContext, value: &Value, rval: MutableHandleValue) {
    let Some(message) = value.0.try_clone() else {
        unreachable!("records never transfer anything");
    };
    if crate::dom::html::structuredclone::deserialize_from_thread(cx, message, rval).is_err() {
        // Data this engine serialized always reads back; only running out of memory fails.
        log::warn!("indexedDB: a stored value could not be read back");
    }
}

fn object_of(value: HandleValue) -> Option<*mut JSObject> {
    value.get().is_object().then(|| value.get().to_object())
}

/// <https://w3c.github.io/IndexedDB/#convert-value-to-key>: `None` is "invalid"; `Err` an
/// exception a getter threw.
pub fn value_to_key(cx: &mut JSContext, input: HandleValue) -> Result<Option<Key>, Error> {
    let mut seen = Vec::new();
    value_to_key_seen(cx, input, &mut seen)
}

fn value_to_key_seen(
    cx: &mut JSContext,
    input: HandleValue,
    seen: &mut Vec<*mut JSObject>,
) -> Result<Option<Key>, Error> {
    let v = input.get();
    // "If input is a Number: if input is NaN return invalid, otherwise a new key with type
    // number and value input."
    if v.is_number() {
        let n = v.to_number();
        return Ok((!n.is_nan()).then_some(Key::Number(n)));
    }
    // "If input is a String: return a new key with type string and value input."
    if v.is_string() {
        return Ok(Some(Key::String(string_units(cx, input))));
    }
    let Some(object) = object_of(input) else { return Ok(None) };
    rooted!(&in(cx) let object = object);
    // "If seen contains input, then return invalid."
    if seen.contains(&object.get()) {
        return Ok(None);
    }
    // "If input is a Date (has a [[DateValue]] internal slot): let ms be input's [[DateValue]];
    // if ms is NaN return invalid; otherwise a new key with type date and value ms."
    let mut is_date = false;
    // SAFETY: `object` is rooted and `cx` is the current context.
    if unsafe { mozjs::jsapi::ObjectIsDate(cx.raw_cx(), object.handle().into(), &mut is_date) } && is_date {
        let mut ms = f64::NAN;
        // SAFETY: as above; `object` is a Date.
        unsafe { mozjs::jsapi::DateGetMsecSinceEpoch(cx.raw_cx(), object.handle().into(), &mut ms) };
        return Ok((!ms.is_nan()).then_some(Key::Date(ms)));
    }
    // "If input is a buffer source type: if input is detached, return invalid; let bytes be a
    // copy of the bytes held by the buffer source input; return a new key with type binary."
    // SAFETY: `object` is rooted; only its class is inspected.
    let is_buffer = unsafe {
        let unwrapped = mozjs::jsapi::js::CheckedUnwrapStatic(object.get());
        !unwrapped.is_null()
            && (mozjs::jsapi::IsArrayBufferObject(unwrapped) || mozjs::jsapi::JS_IsArrayBufferViewObject(unwrapped))
    };
    if is_buffer {
        // SAFETY: as above.
        let detached = unsafe {
            rooted!(&in(cx) let unwrapped = mozjs::jsapi::js::CheckedUnwrapStatic(object.get()));
            if mozjs::jsapi::IsArrayBufferObject(unwrapped.get()) {
                mozjs::jsapi::IsDetachedArrayBufferObject(unwrapped.get())
            } else {
                let mut shared = false;
                let buffer =
                    mozjs::jsapi::JS_GetArrayBufferViewBuffer(cx.raw_cx(), unwrapped.handle().into(), &mut shared);
                !buffer.is_null() && mozjs::jsapi::IsDetachedArrayBufferObject(buffer)
            }
        };
        if detached {
            return Ok(None);
        }
        let bytes = crate::dom::bindings::conversions::with_buffer_source_bytes_mut(object.handle(), |b| b.to_vec());
        return Ok(bytes.map(Key::Binary));
    }
    // "If input is an Array exotic object: let len be ? ToLength(? Get(input, "length")); append
    // input to seen; let keys be a new empty list; let index be 0; while index < len: let hop
    // be ? HasOwnProperty(input, index); if hop is false return invalid; let entry be ?
    // Get(input, index); let key be the result of converting entry to a key with seen; ReturnIfAbrupt
    // (key); if key is invalid abort these steps and return invalid; append key to keys. Return
    // a new array key with value keys."
    let mut is_array = false;
    // SAFETY: `object` is rooted.
    if unsafe { mozjs::jsapi::IsArrayObject1(cx.raw_cx(), object.handle().into(), &mut is_array) } && is_array {
        let mut length = 0u32;
        // SAFETY: `object` is a rooted array.
        if !unsafe { mozjs::jsapi::GetArrayLength(cx.raw_cx(), object.handle().into(), &mut length) } {
            return Err(Error::JSFailed);
        }
        seen.push(object.get());
        let mut keys = Vec::with_capacity(length as usize);
        for index in 0..length {
            let mut found = false;
            // SAFETY: `object` is rooted; `found` is a plain out-parameter.
            if !unsafe {
                rooted!(&in(cx) let id = mozjs::jsid::IntId(index as i32));
                mozjs::jsapi::JS_HasOwnPropertyById(cx.raw_cx(), object.handle().into(), id.handle().into(), &mut found)
            } {
                return Err(Error::JSFailed);
            }
            if !found {
                return Ok(None);
            }
            rooted!(&in(cx) let mut entry = UndefinedValue());
            // SAFETY: `object` and `entry` are rooted.
            if !unsafe {
                mozjs::jsapi::JS_GetElement(cx.raw_cx(), object.handle().into(), index, entry.handle_mut().into())
            } {
                return Err(Error::JSFailed);
            }
            match value_to_key_seen(cx, entry.handle(), seen)? {
                Some(key) => keys.push(key),
                None => return Ok(None),
            }
        }
        seen.pop();
        return Ok(Some(Key::Array(keys)));
    }
    // "Otherwise, return invalid."
    Ok(None)
}

/// <https://w3c.github.io/IndexedDB/#convert-a-value-to-a-multientry-key>: an array becomes
/// the set of its valid, distinct member keys; anything else converts as a key.
pub fn value_to_multi_entry_keys(cx: &mut JSContext, input: HandleValue) -> Result<Option<Vec<Key>>, Error> {
    let mut is_array = false;
    if let Some(object) = object_of(input) {
        rooted!(&in(cx) let object = object);
        // SAFETY: `object` is rooted.
        unsafe { mozjs::jsapi::IsArrayObject1(cx.raw_cx(), object.handle().into(), &mut is_array) };
        if is_array {
            let mut length = 0u32;
            // SAFETY: `object` is a rooted array.
            if !unsafe { mozjs::jsapi::GetArrayLength(cx.raw_cx(), object.handle().into(), &mut length) } {
                return Err(Error::JSFailed);
            }
            // "Let seen be a new list containing only input. … For each index: let entry be ?
            // Get(input, index); if entry is not in seen, let key be the result of converting
            // entry to a key with seen; if key is not invalid or an abrupt completion, and there
            // is no item in keys equal to key, append key to keys."
            let mut seen = vec![object.get()];
            let mut keys: Vec<Key> = Vec::new();
            for index in 0..length {
                let mut found = false;
                // SAFETY: `object` is rooted.
                if !unsafe {
                    rooted!(&in(cx) let id = mozjs::jsid::IntId(index as i32));
                    mozjs::jsapi::JS_HasOwnPropertyById(
                        cx.raw_cx(),
                        object.handle().into(),
                        id.handle().into(),
                        &mut found,
                    )
                } {
                    return Err(Error::JSFailed);
                }
                if !found {
                    continue;
                }
                rooted!(&in(cx) let mut entry = UndefinedValue());
                // SAFETY: `object` and `entry` are rooted.
                if !unsafe {
                    mozjs::jsapi::JS_GetElement(cx.raw_cx(), object.handle().into(), index, entry.handle_mut().into())
                } {
                    return Err(Error::JSFailed);
                }
                if entry.get().is_object() && seen.contains(&entry.get().to_object()) {
                    continue;
                }
                if let Ok(Some(key)) = value_to_key_seen(cx, entry.handle(), &mut seen)
                    && !keys.contains(&key)
                {
                    keys.push(key);
                }
            }
            return Ok(Some(keys));
        }
    }
    Ok(value_to_key(cx, input)?.map(|key| vec![key]))
}

fn string_units(cx: &mut JSContext, value: HandleValue) -> Vec<u16> {
    // FIXME: lone surrogates become U+FFFD here (the text passes through Rust's UTF-8); keys
    // with them compare as the replacement character.
    crate::dom::bindings::conversions::jsval_to_string(cx, value).unwrap_or_default().encode_utf16().collect()
}

/// <https://w3c.github.io/IndexedDB/#convert-a-key-to-a-value>
pub fn key_to_value(cx: &mut JSContext, key: &Key, mut rval: MutableHandleValue) {
    match key {
        // "number: return an ECMAScript Number value equal to value."
        Key::Number(n) => rval.set(DoubleValue(*n)),
        // "string: return an ECMAScript String value equal to value."
        Key::String(units) => {
            // SAFETY: `units` outlives the call, which copies them.
            let string = unsafe { mozjs::jsapi::JS_NewUCStringCopyN(cx.raw_cx(), units.as_ptr(), units.len()) };
            assert!(!string.is_null(), "out of memory creating a key string");
            // SAFETY: `string` was just created, checked non-null, and is stored in the rooted
            // `rval` before anything can GC.
            rval.set(StringValue(unsafe { &*string }));
        }
        // "date: let date be the result of executing the ECMAScript Date constructor with the
        // single argument value; return date."
        Key::Date(ms) => {
            // SAFETY: a new Date in the current realm from a valid time value.
            let date = unsafe { mozjs::jsapi::NewDateObject(cx.raw_cx(), mozjs::jsapi::JS::ClippedTime { t: *ms }) };
            assert!(!date.is_null(), "out of memory creating a key Date");
            rval.set(ObjectValue(date));
        }
        // "binary: let len be the length of value; let buffer be the result of executing the
        // ECMAScript ArrayBuffer constructor with len; set the entries in buffer's
        // [[ArrayBufferData]] to the entries in value; return buffer."
        Key::Binary(bytes) => crate::dom::bindings::conversions::new_array_buffer(cx, bytes, rval),
        // "array: let array be the result of executing the ECMAScript Array constructor with no
        // arguments; for each entry of value, CreateDataProperty(array, index, the result of
        // converting entry to a value); return array."
        Key::Array(keys) => new_array(cx, keys.len(), rval, |cx, i, out| key_to_value(cx, &keys[i], out)),
    }
}

/// A property key from Rust text (identifiers of key paths may be any Unicode letters).
fn property_id(cx: &mut JSContext, name: &str, mut id: mozjs::rust::MutableHandleId) -> bool {
    let units: Vec<u16> = name.encode_utf16().collect();
    // SAFETY: `units` outlives the copy; the string is rooted before the id is made from it.
    unsafe {
        rooted!(&in(cx) let string = mozjs::jsapi::JS_NewUCStringCopyN(cx.raw_cx(), units.as_ptr(), units.len()));
        !string.get().is_null()
            && mozjs::jsapi::JS_StringToId(cx.raw_cx(), string.handle().into(), id.reborrow().into())
    }
}

/// "Let hop be ? HasOwnProperty(object, identifier). If hop is true, let value be ! Get(object,
/// identifier)": `Ok(false)` when `object` has no own property `identifier`.
fn own_property(
    cx: &mut JSContext,
    object: mozjs::rust::HandleObject,
    identifier: &str,
    mut rval: MutableHandleValue,
) -> Result<bool, Error> {
    rooted!(&in(cx) let mut id = mozjs::jsid::VoidId());
    if !property_id(cx, identifier, id.handle_mut()) {
        return Err(Error::JSFailed);
    }
    let mut found = false;
    // SAFETY: `object` and `id` are rooted, `rval` is a rooted out-parameter.
    let ok = unsafe {
        mozjs::jsapi::JS_HasOwnPropertyById(cx.raw_cx(), object.into(), id.handle().into(), &mut found)
            && (!found
                || mozjs::jsapi::JS_GetPropertyById(
                    cx.raw_cx(),
                    object.into(),
                    id.handle().into(),
                    rval.reborrow().into(),
                ))
    };
    if !ok {
        return Err(Error::JSFailed);
    }
    Ok(found)
}

/// A new Array of `len` items, each written by `item`, in the current realm.
pub fn new_array(
    cx: &mut JSContext,
    len: usize,
    mut rval: MutableHandleValue,
    mut item: impl FnMut(&mut JSContext, usize, MutableHandleValue),
) {
    // SAFETY: a new array in the current realm, rooted at once; each item is rooted before it is
    // defined on it.
    rooted!(&in(cx) let array = unsafe { mozjs::jsapi::NewArrayObject1(cx.raw_cx(), len) });
    assert!(!array.get().is_null(), "out of memory creating an array");
    for i in 0..len {
        rooted!(&in(cx) let mut v = UndefinedValue());
        item(cx, i, v.handle_mut());
        // SAFETY: as above.
        unsafe {
            mozjs::jsapi::JS_DefineElement(
                cx.raw_cx(),
                array.handle().into(),
                i as u32,
                v.handle().into(),
                mozjs::jsapi::JSPROP_ENUMERATE as u32,
            )
        };
    }
    rval.set(ObjectValue(array.get()));
}

/// <https://w3c.github.io/IndexedDB/#evaluate-a-key-path-on-a-value>: `Ok(false)` is
/// "failure"; `rval` holds the result on success.
pub fn evaluate_key_path(
    cx: &mut JSContext,
    value: HandleValue,
    path: &KeyPath,
    mut rval: MutableHandleValue,
) -> Result<bool, Error> {
    match path {
        // "If keyPath is a list of strings: let result be a new Array; for each item of keyPath:
        // let key be the result of recursively evaluating item on value; assert key is not an
        // abrupt completion; if key is failure, abort and return failure; CreateDataProperty
        // (result, i, key)."
        KeyPath::Sequence(items) => {
            let mut keys = Vec::with_capacity(items.len());
            for item in items {
                rooted!(&in(cx) let mut key = UndefinedValue());
                if !evaluate_key_path(cx, value, &KeyPath::String(item.clone()), key.handle_mut())? {
                    return Ok(false);
                }
                keys.push(key.get());
            }
            rooted!(&in(cx) let keys: Vec<JSVal> = keys);
            new_array(cx, keys.len(), rval, |_cx, i, mut out| out.set(keys[i]));
            Ok(true)
        }
        KeyPath::String(path) => {
            // "If keyPath is the empty string, return value and skip the remaining steps."
            rooted!(&in(cx) let mut current = value.get());
            // "Let identifiers be the result of strictly splitting keyPath on U+002E FULL STOP.
            // For each identifier of identifiers, jump to the appropriate step below:"
            for identifier in KeyPath::identifiers(path) {
                let v = current.get();
                // "If Type(value) is String, and identifier is "length": let value be a Number
                // equal to the number of elements in value."
                if v.is_string() && identifier == "length" {
                    // SAFETY: `v` is a string value rooted by `current`.
                    let length = unsafe { mozjs::jsapi::JS_GetStringLength(v.to_string()) };
                    current.set(DoubleValue(length as f64));
                    continue;
                }
                if !v.is_object() {
                    // "If Type(value) is not Object, return failure."
                    return Ok(false);
                }
                rooted!(&in(cx) let object = v.to_object());
                // "If value is an Array and identifier is "length": value = ToLength(? Get
                // (value, "length"))." (Same as the own property below for arrays.)
                // "If value is a Blob and identifier is "size" / "type"; if value is a File and
                // identifier is "name" / "lastModified": the Blob's or File's attribute."
                // SAFETY: `object` is rooted.
                if let Some(blob) = unsafe {
                    crate::dom::bindings::conversions::root_from_object::<crate::dom::fileapi::blob::Blob>(object.get())
                } && let Some(attribute) = blob_attribute(cx, &blob, identifier)
                {
                    current.set(attribute);
                    continue;
                }
                // "Let hop be ? HasOwnProperty(value, identifier); if hop is false, return
                // failure. Let value be ! Get(value, identifier)."
                rooted!(&in(cx) let mut next = UndefinedValue());
                if !own_property(cx, object.handle(), identifier, next.handle_mut())? {
                    return Ok(false);
                }
                current.set(next.get());
            }
            // "Assert: value is not an abrupt completion. Return value."
            rval.set(current.get());
            Ok(true)
        }
    }
}

fn blob_attribute(cx: &mut JSContext, blob: &crate::dom::fileapi::blob::Blob, identifier: &str) -> Option<JSVal> {
    use crate::dom::bindings::codegen::BlobBinding::BlobMethods;
    use crate::dom::bindings::conversions::ToJSVal;
    use crate::dom::bindings::inheritance::Castable;
    rooted!(&in(cx) let mut out = UndefinedValue());
    match identifier {
        "size" => out.set(DoubleValue(blob.Size(cx) as f64)),
        "type" => blob.Type(cx).to_jsval(cx, out.handle_mut()),
        "name" | "lastModified" => {
            use crate::dom::bindings::codegen::FileBinding::FileMethods;
            let file = blob.downcast::<crate::dom::fileapi::file::File>()?;
            if identifier == "name" {
                file.Name(cx).to_jsval(cx, out.handle_mut());
            } else {
                out.set(DoubleValue(file.LastModified(cx) as f64));
            }
        }
        _ => return None,
    }
    Some(out.get())
}

/// <https://w3c.github.io/IndexedDB/#extract-a-key-from-a-value-using-a-key-path>: `Ok(None)` is
/// "failure"; `Ok(Some(None))` is "invalid"; `Ok(Some(Some(keys)))` one key (or a multiEntry
/// index's keys).
pub fn extract_keys(
    cx: &mut JSContext,
    value: HandleValue,
    path: &KeyPath,
    multi_entry: bool,
) -> Result<Option<Option<Vec<Key>>>, Error> {
    // "Let r be the result of evaluating a key path on a value with value and keyPath.
    // ReturnIfAbrupt(r). If r is failure, return failure."
    rooted!(&in(cx) let mut r = UndefinedValue());
    if !evaluate_key_path(cx, value, path, r.handle_mut())? {
        return Ok(None);
    }
    // "Let key be the result of converting a value to a key with r if the multiEntry flag is
    // false, and the result of converting a value to a multiEntry key with r otherwise."
    if multi_entry {
        Ok(Some(value_to_multi_entry_keys(cx, r.handle())?))
    } else {
        Ok(Some(value_to_key(cx, r.handle())?.map(|key| vec![key])))
    }
}

/// A data property `name` = `value` on `object` (CreateDataProperty).
fn define_property(cx: &mut JSContext, object: mozjs::rust::HandleObject, name: &str, value: HandleValue) {
    rooted!(&in(cx) let mut id = mozjs::jsid::VoidId());
    if property_id(cx, name, id.handle_mut()) {
        // SAFETY: `object`, `id` and `value` are rooted.
        unsafe {
            mozjs::jsapi::JS_DefinePropertyById2(
                cx.raw_cx(),
                object.into(),
                id.handle().into(),
                value.into(),
                mozjs::jsapi::JSPROP_ENUMERATE as u32,
            )
        };
    }
}

/// <https://w3c.github.io/IndexedDB/#check-that-a-key-could-be-injected-into-a-value>
pub fn could_inject(cx: &mut JSContext, value: HandleValue, path: &str) -> bool {
    // "Let identifiers be the result of strictly splitting keyPath on U+002E FULL STOP. Assert:
    // identifiers is not empty. Remove the last item of identifiers."
    let mut identifiers = KeyPath::identifiers(path);
    identifiers.pop();
    rooted!(&in(cx) let mut current = value.get());
    // "For each remaining identifier of identifiers: if value is not an Object or an Array,
    // return false. Let hop be ? HasOwnProperty(value, identifier). If hop is false, return
    // true. Let value be ! Get(value, identifier)."
    for identifier in identifiers {
        if !current.get().is_object() {
            return false;
        }
        rooted!(&in(cx) let object = current.get().to_object());
        rooted!(&in(cx) let mut next = UndefinedValue());
        match own_property(cx, object.handle(), identifier, next.handle_mut()) {
            Ok(true) => current.set(next.get()),
            Ok(false) => return true,
            Err(_) => return false,
        }
    }
    // "Return true if value is an Object or an Array, or false otherwise."
    current.get().is_object()
}

/// <https://w3c.github.io/IndexedDB/#inject-a-key-into-a-value-using-a-key-path> (the checks
/// above have passed, so each step succeeds on the plain objects of a clone).
pub fn inject_key(cx: &mut JSContext, value: HandleValue, key: &Key, path: &str) {
    let mut identifiers = KeyPath::identifiers(path);
    let Some(last) = identifiers.pop() else { return };
    rooted!(&in(cx) let mut current = value.get());
    // "For each remaining identifier: let hop be ! HasOwnProperty(value, identifier); if hop is
    // false: let o be a new Object created as if by the expression ({}); CreateDataProperty
    // (value, identifier, o); let value be ! Get(value, identifier)."
    for identifier in identifiers {
        if !current.get().is_object() {
            return;
        }
        rooted!(&in(cx) let object = current.get().to_object());
        rooted!(&in(cx) let mut next = UndefinedValue());
        match own_property(cx, object.handle(), identifier, next.handle_mut()) {
            Ok(true) => {}
            Ok(false) => {
                // SAFETY: a new plain object in the current realm.
                next.set(ObjectValue(unsafe { mozjs::jsapi::JS_NewPlainObject(cx.raw_cx()) }));
                define_property(cx, object.handle(), identifier, next.handle());
            }
            Err(_) => return,
        }
        current.set(next.get());
    }
    // "Let keyValue be the result of converting a key to a value with key. CreateDataProperty
    // (value, last, keyValue)."
    if !current.get().is_object() {
        return;
    }
    rooted!(&in(cx) let object = current.get().to_object());
    rooted!(&in(cx) let mut key_value = UndefinedValue());
    key_to_value(cx, key, key_value.handle_mut());
    define_property(cx, object.handle(), last, key_value.handle());
}

/// `keyPath` as the attribute returns it: a string, or a new array of strings.
pub fn key_path_to_value(cx: &mut JSContext, path: Option<&KeyPath>, mut rval: MutableHandleValue) {
    use crate::dom::bindings::conversions::ToJSVal;
    match path {
        None => rval.set(mozjs::jsval::NullValue()),
        Some(KeyPath::String(s)) => crate::dom::bindings::str::DOMString::from(s.as_str()).to_jsval(cx, rval),
        Some(KeyPath::Sequence(list)) => {
            let list: Vec<crate::dom::bindings::str::DOMString> = list.iter().map(|s| s.as_str().into()).collect();
            list.to_jsval(cx, rval)
        }
    }
}

/// Sorts names as the standard's lists are sorted: by UTF-16 code units (not by Rust's UTF-8
/// byte order, which differs above U+FFFF).
pub fn sort_names(names: &mut [String]) {
    names.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
}

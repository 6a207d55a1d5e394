//! Iteration of interfaces with indexed properties
//! (<https://webidl.spec.whatwg.org/#es-iterators>): their prototype's
//! `@@iterator` is `%Array.prototype.values%`, and a declared value iterator
//! (`iterable<V>`) also gets `entries`, `keys`, `values` and `forEach` from
//! `%Array.prototype%`, so iteration reads `length` and the indexed getter.
//! Pair iterables (`iterable<K, V>`) get `entries`/`keys`/`values`/`forEach` natives that
//! iterate the interface's pairs ([`pair_iteration`]).

use std::ffi::CStr;

use mozjs::context::JSContext;
use mozjs::jsapi::{GetRealmArrayPrototype, JSAutoRealm, JSPROP_ENUMERATE};
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::error::throw_type_error;
use crate::dom::bindings::jit::Args;

/// Defines the iteration members on `proto` (in `global`'s realm).
pub fn define_array_iterator_members(
    cx: &mut JSContext,
    global: HandleObject,
    proto: HandleObject,
    value_iterable: bool,
) {
    // SAFETY: `cx` is this thread's live context, its raw pointer going straight into each call;
    // `global` and `proto` are rooted handles, and the values read are rooted at once.
    unsafe {
        let _realm = JSAutoRealm::new(cx.raw_cx(), global.get());
        rooted!(&in(cx) let array_proto = GetRealmArrayPrototype(cx.raw_cx()));
        assert!(!array_proto.get().is_null(), "no Array.prototype");
        rooted!(&in(cx) let mut function = UndefinedValue());
        let get = |cx: &mut JSContext, name: &CStr, out: mozjs::rust::MutableHandleValue| {
            assert!(mozjs::jsapi::JS_GetProperty(cx.raw_cx(), array_proto.handle().into(), name.as_ptr(), out.into()));
        };
        // @@iterator: %Array.prototype.values% ({writable, !enumerable, configurable}).
        get(cx, c"values", function.handle_mut());
        define_iterator_symbol(cx, proto, function.handle());
        if value_iterable {
            // entries, keys, values and forEach: regular operations ({writable, enumerable, configurable}).
            for name in [c"entries", c"keys", c"values", c"forEach"] {
                get(cx, name, function.handle_mut());
                assert!(mozjs::jsapi::JS_DefineProperty(
                    cx.raw_cx(),
                    proto.into(),
                    name.as_ptr(),
                    function.handle().into(),
                    JSPROP_ENUMERATE as u32
                ));
            }
        }
    }
}

/// Which member of a pair iterator (`iterable<K, V>`) a native implements.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PairIteration {
    Entries,
    Keys,
    Values,
    ForEach,
}

/// The members of a pair iterable declaration (<https://webidl.spec.whatwg.org/#es-iterable>) on
/// `pairs`, the value pairs to iterate, read when the member is called: `entries()`, `keys()` and
/// `values()` return an iterator over them (an Array Iterator over a snapshot: a list changed
/// during iteration is not seen), `forEach(callback, thisArg)` calls
/// `callback(value, key, object)` for each. Returns false with an exception pending on failure.
pub fn pair_iteration<K: ToJSVal, V: ToJSVal>(
    cx: &mut JSContext,
    args: &Args<'_>,
    object: HandleObject,
    kind: PairIteration,
    pairs: Vec<(K, V)>,
    prefix: &str,
) -> bool {
    // SAFETY: every JS value below is rooted; the raw calls take this context and rooted handles.
    unsafe {
        rooted!(&in(cx) let mut key = UndefinedValue());
        rooted!(&in(cx) let mut value = UndefinedValue());
        if kind == PairIteration::ForEach {
            // "If IsCallable(callback) is false, throw a TypeError."
            let callback = args.get(0);
            if !callback.get().is_object() || !mozjs::jsapi::IsCallable(callback.get().to_object()) {
                throw_type_error(cx, &format!("{prefix}: The callback provided as parameter 1 is not a function."));
                return false;
            }
            let this_arg = args.get(1);
            rooted!(&in(cx) let object_value = mozjs::jsval::ObjectValue(object.get()));
            rooted!(&in(cx) let mut ignored = UndefinedValue());
            rooted!(&in(cx) let this_object = this_arg_object(this_arg));
            for (k, v) in &pairs {
                v.to_jsval(cx, value.handle_mut());
                k.to_jsval(cx, key.handle_mut());
                rooted!(&in(cx) let argv = vec![value.get(), key.get(), object_value.get()]);
                let call_args = mozjs::jsapi::HandleValueArray::from(&argv);
                if !mozjs::jsapi::JS_CallFunctionValue(
                    cx.raw_cx(),
                    this_object.handle().into(),
                    callback.into(),
                    &call_args,
                    ignored.handle_mut().into(),
                ) {
                    return false;
                }
            }
            args.rval().set(UndefinedValue());
            return true;
        }
        rooted!(&in(cx) let array = mozjs::jsapi::NewArrayObject1(cx.raw_cx(), pairs.len()));
        if array.get().is_null() {
            return false;
        }
        for (i, (k, v)) in pairs.iter().enumerate() {
            match kind {
                PairIteration::Keys => k.to_jsval(cx, value.handle_mut()),
                PairIteration::Values => v.to_jsval(cx, value.handle_mut()),
                _ => {
                    k.to_jsval(cx, key.handle_mut());
                    v.to_jsval(cx, value.handle_mut());
                    rooted!(&in(cx) let pair = mozjs::jsapi::NewArrayObject1(cx.raw_cx(), 2));
                    if pair.get().is_null()
                        || !mozjs::jsapi::JS_SetElement(cx.raw_cx(), pair.handle().into(), 0, key.handle().into())
                        || !mozjs::jsapi::JS_SetElement(cx.raw_cx(), pair.handle().into(), 1, value.handle().into())
                    {
                        return false;
                    }
                    value.set(mozjs::jsval::ObjectValue(pair.get()));
                }
            }
            if !mozjs::jsapi::JS_SetElement(cx.raw_cx(), array.handle().into(), i as u32, value.handle().into()) {
                return false;
            }
        }
        // The iterator: %Array.prototype.values% called on the snapshot.
        let no_args = mozjs::jsapi::HandleValueArray::empty();
        mozjs::jsapi::JS_CallFunctionName(
            cx.raw_cx(),
            array.handle().into(),
            c"values".as_ptr(),
            &no_args,
            args.rval().into(),
        )
    }
}

/// forEach's thisArg as the object JS_CallFunctionValue takes (null: undefined `this`).
fn this_arg_object(value: HandleValue) -> *mut mozjs::jsapi::JSObject {
    if value.get().is_object() { value.get().to_object() } else { std::ptr::null_mut() }
}

/// Makes a pair iterable's `@@iterator` the same function object as its `entries`
/// (<https://webidl.spec.whatwg.org/#es-iterator>: "the value of the @@iterator property is the
/// same function object as the entries property"), or a setlike's the same as its `values`
/// (<https://webidl.spec.whatwg.org/#es-set-iterator>).
pub fn define_pair_iterator_alias(cx: &mut JSContext, global: HandleObject, proto: HandleObject, setlike: bool) {
    // SAFETY: realm entered on the global; every value rooted; the prototype was just defined.
    unsafe {
        let _realm = JSAutoRealm::new(cx.raw_cx(), global.get());
        rooted!(&in(cx) let mut function = UndefinedValue());
        assert!(mozjs::jsapi::JS_GetProperty(
            cx.raw_cx(),
            proto.into(),
            if setlike { c"values".as_ptr() } else { c"entries".as_ptr() },
            function.handle_mut().into()
        ));
        define_iterator_symbol(cx, proto, function.handle());
    }
}

/// Defines `proto[@@iterator] = function` ({writable, !enumerable, configurable}).
///
/// # Safety
/// Call in `proto`'s realm with rooted handles.
unsafe fn define_iterator_symbol(cx: &mut JSContext, proto: HandleObject, function: HandleValue) {
    // SAFETY: the caller's realm and rooted handles; the id is rooted before use.
    unsafe {
        let symbol = mozjs::jsapi::GetWellKnownSymbol(cx.raw_cx(), mozjs::jsapi::SymbolCode::iterator);
        rooted!(&in(cx) let mut id = mozjs::jsid::VoidId());
        mozjs::glue::RUST_SYMBOL_TO_JSID(symbol, id.handle_mut().into());
        assert!(mozjs::jsapi::JS_DefinePropertyById2(
            cx.raw_cx(),
            proto.into(),
            id.handle().into(),
            function.into(),
            0
        ));
    }
}

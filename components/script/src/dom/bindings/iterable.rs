//! Iteration of interfaces with indexed properties
//! (<https://webidl.spec.whatwg.org/#es-iterators>): their prototype's
//! `@@iterator` is `%Array.prototype.values%`, and a declared value iterator
//! (`iterable<V>`) also gets `entries`, `keys`, `values` and `forEach` from
//! `%Array.prototype%`, so iteration reads `length` and the indexed getter.

use std::ffi::CStr;

use mozjs::context::JSContext;
use mozjs::jsapi::{GetRealmArrayPrototype, JSAutoRealm, JSPROP_ENUMERATE};
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::HandleObject;

/// Defines the iteration members on `proto` (in `global`'s realm).
pub fn define_array_iterator_members(
    cx: &mut JSContext,
    global: HandleObject,
    proto: HandleObject,
    value_iterable: bool,
) {
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
        let symbol = mozjs::jsapi::GetWellKnownSymbol(cx.raw_cx(), mozjs::jsapi::SymbolCode::iterator);
        rooted!(&in(cx) let mut id = mozjs::jsid::VoidId());
        mozjs::glue::RUST_SYMBOL_TO_JSID(symbol, id.handle_mut().into());
        assert!(mozjs::jsapi::JS_DefinePropertyById2(
            cx.raw_cx(),
            proto.into(),
            id.handle().into(),
            function.handle().into(),
            0
        ));
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

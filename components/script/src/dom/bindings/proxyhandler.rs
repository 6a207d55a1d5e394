//! Reflectors of interfaces with indexed or named properties (`NodeList`, `HTMLCollection`,
//! `DOMStringMap`, `Storage`): "legacy platform objects"
//! (<https://webidl.spec.whatwg.org/#es-legacy-platform-objects>), built as SpiderMonkey
//! proxies so `list[0]`, `element.dataset.fooBar` and `localStorage.key` reach Rust.
//!
//! The proxy's private value is the DOM struct's box (as for other reflectors), the handler's
//! "extra" pointer is the interface's `DOMClass`, and reserved slot 0 holds an expando object:
//! the proxy's ordinary own properties (those script defines that are not named properties).
//!
//! The traps implement the internal methods of WebIDL §3.9 for both kinds of properties;
//! [[Get]], [[HasProperty]] and Object.keys go through SpiderMonkey's defaults, which call
//! [[GetOwnProperty]] and [[OwnPropertyKeys]].

// FIXME(issue 17): some unsafe blocks and `unsafe fn`s of this module still lack their
// `// SAFETY:` comment or `# Safety` section; the lints are allowed here until they are written.
#![allow(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

use std::ffi::c_void;
use std::ptr;

use mozjs::context::JSContext;
use mozjs::glue::{
    AppendToIdVector, CreateProxyHandler, GetProxyHandlerExtra, GetProxyPrivate, GetProxyReservedSlot,
    IsProxyHandlerFamily, NewProxyObject, ProxyTraps, RUST_JSID_IS_INT, RUST_JSID_IS_STRING, RUST_JSID_TO_INT,
    RUST_JSID_TO_STRING, SetDataPropertyDescriptor, SetProxyReservedSlot, int_to_jsid,
};
use mozjs::jsapi::{
    GetStaticPrototype, HandleId, HandleObject as RawHandleObject, HandleValue as RawHandleValue,
    JS_DefinePropertyById, JS_DeletePropertyById, JS_GetOwnPropertyDescriptorById, JS_HasOwnPropertyById,
    JS_HasPropertyById, JS_NewObjectWithGivenProto, JS_ValueToId, JSContext as RawJSContext, JSITER_HIDDEN,
    JSITER_OWNONLY, JSITER_SYMBOLS, JSObject, JSPROP_ENUMERATE, JSPROP_READONLY, MutableHandle, MutableHandleIdVector,
    MutableHandleObject as RawMutableHandleObject, ObjectOpResult, PropertyDescriptor,
};
use mozjs::jsval::{ObjectValue, PrivateValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::interface::DOMClass;
use crate::dom::bindings::str::DOMString;

/// Per-interface hooks the proxy traps call.
pub struct IndexedHooks {
    /// Number of supported indices (`length`).
    pub length: unsafe fn(cx: &mut JSContext, this: *const c_void) -> u32,
    /// The value at `index`, if it is a supported index.
    pub get: unsafe fn(cx: &mut JSContext, this: *const c_void, index: u32, rval: MutableHandleValue) -> bool,
    /// The indexed property setter (<https://webidl.spec.whatwg.org/#invoke-indexed-setter>):
    /// converts the value and sets it; false if it threw.
    pub set: Option<unsafe fn(cx: &mut JSContext, this: *const c_void, index: u32, value: HandleValue) -> bool>,
}

/// What a named property hook answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamedResult {
    /// The getter: a supported property name (its value is in `rval`). The deleter: deleted.
    Yes,
    /// The getter: not a supported property name. The deleter: a `boolean` deleter said false.
    No,
    /// The operation threw; the exception is pending.
    Threw,
}

/// Per-interface named property hooks (<https://webidl.spec.whatwg.org/#idl-named-properties>),
/// written by the bindings generator from the interface's named getter, setter and deleter.
pub struct NamedHooks {
    /// "Determine the value of a named property": `Yes` with the value in `rval` if `name` is a
    /// supported property name.
    pub get:
        unsafe fn(cx: &mut JSContext, this: *const c_void, name: DOMString, rval: MutableHandleValue) -> NamedResult,
    /// The supported property names, in the interface's order.
    pub names: unsafe fn(cx: &mut JSContext, this: *const c_void) -> Vec<DOMString>,
    /// The named property setter: converts the value and sets it; false if it threw.
    pub set: Option<unsafe fn(cx: &mut JSContext, this: *const c_void, name: DOMString, value: HandleValue) -> bool>,
    /// The named property deleter.
    pub delete: Option<unsafe fn(cx: &mut JSContext, this: *const c_void, name: DOMString) -> NamedResult>,
    /// `[LegacyOverrideBuiltIns]`.
    pub override_builtins: bool,
    /// `[LegacyUnenumerableNamedProperties]`.
    pub unenumerable: bool,
}

/// Whether `obj` is a proxy, by its class: SpiderMonkey's proxy accessors (`GetProxyHandler`,
/// and `IsProxyHandlerFamily`, which calls it) may only be asked of a proxy; on another object
/// they read its slots as if they were a handler.
///
/// # Safety
/// `obj` must be live.
pub unsafe fn is_proxy(obj: *mut JSObject) -> bool {
    unsafe { (*mozjs::rust::get_object_class(obj)).flags & mozjs::JSCLASS_IS_PROXY != 0 }
}

/// The `DOMClass` of a DOM proxy, if `obj` is one.
///
/// # Safety
/// `obj` must be live.
pub unsafe fn proxy_dom_class(obj: *mut JSObject) -> Option<&'static DOMClass> {
    unsafe {
        if !mozjs::rust::is_dom_object(obj) && is_proxy(obj) && IsProxyHandlerFamily(obj) {
            let extra = GetProxyHandlerExtra(obj) as *const DOMClass;
            if !extra.is_null() {
                return Some(&*extra);
            }
        }
        None
    }
}

/// The DOM struct behind a DOM proxy.
///
/// # Safety
/// `obj` must be a DOM proxy.
pub unsafe fn proxy_private(obj: *mut JSObject) -> *const c_void {
    let mut v = UndefinedValue();
    // SAFETY: per the function's contract.
    unsafe { GetProxyPrivate(obj, &mut v) };
    if v.is_undefined() { ptr::null() } else { v.to_private() }
}

fn hooks_of(obj: *mut JSObject) -> Option<&'static IndexedHooks> {
    // SAFETY: the traps pass their live proxy.
    unsafe { proxy_dom_class(obj).and_then(|c| c.indexed) }
}

fn named_hooks_of(obj: *mut JSObject) -> Option<&'static NamedHooks> {
    // SAFETY: the traps pass their live proxy.
    unsafe { proxy_dom_class(obj).and_then(|c| c.named) }
}

fn index_of(id: HandleId) -> Option<u32> {
    // SAFETY: `id` is a live, rooted id.
    unsafe {
        if RUST_JSID_IS_INT(id) {
            let i = RUST_JSID_TO_INT(id);
            if i >= 0 {
                return Some(i as u32);
            }
        }
    }
    None
}

/// The context a trap was called with, as the `&mut JSContext` the hooks take.
///
/// # Safety
/// `cx` is the live context SpiderMonkey passed to the trap.
unsafe fn context(cx: *mut RawJSContext) -> JSContext {
    // SAFETY: per the function's contract, `cx` is not null.
    unsafe { JSContext::from_ptr(ptr::NonNull::new_unchecked(cx)) }
}

/// The property name `id` stands for, if named properties can see it: a string, or an
/// integer id in decimal when the object has no indexed properties (for an object that has
/// them, an array index is only ever an indexed property). Symbols are never named properties.
fn property_name(cx: &mut JSContext, proxy: *mut JSObject, id: HandleId) -> Option<DOMString> {
    // SAFETY: `id` is a live, rooted id; a string id holds a live string.
    unsafe {
        if RUST_JSID_IS_STRING(id) {
            let s = ptr::NonNull::new(RUST_JSID_TO_STRING(id))?;
            return Some(DOMString::from(mozjs::conversions::jsstr_to_string(cx, s)));
        }
    }
    match index_of(id) {
        Some(index) if hooks_of(proxy).is_none() => Some(DOMString::from(index.to_string())),
        _ => None,
    }
}

fn expando(obj: *mut JSObject) -> *mut JSObject {
    let mut v = UndefinedValue();
    // SAFETY: DOM proxies have reserved slot 0.
    unsafe { GetProxyReservedSlot(obj, 0, &mut v) };
    if v.is_object() { v.to_object() } else { ptr::null_mut() }
}

/// The expando object, made on first use.
///
/// # Safety
/// `cx` and `obj` are a trap's live arguments.
unsafe fn ensure_expando(cx: *mut RawJSContext, obj: RawHandleObject) -> *mut JSObject {
    // SAFETY: `cx` and `obj` are the trap's live arguments.
    unsafe {
        let existing = expando(obj.get());
        if !existing.is_null() {
            return existing;
        }
        let e = JS_NewObjectWithGivenProto(cx, ptr::null(), mozjs::jsapi::HandleObject::null());
        if e.is_null() {
            return e;
        }
        SetProxyReservedSlot(obj.get(), 0, &ObjectValue(e));
        e
    }
}

/// Whether the proxy has an ordinary own property `id` (one in its expando). `None` if an
/// exception is pending.
///
/// # Safety
/// `cx`, `proxy` and `id` are a trap's live arguments.
unsafe fn has_own_ordinary(cx: *mut RawJSContext, proxy: RawHandleObject, id: HandleId) -> Option<bool> {
    let e = expando(proxy.get());
    if e.is_null() {
        return Some(false);
    }
    // SAFETY: `cx` is live; the expando is rooted for the call.
    unsafe {
        rooted!(in(cx) let e = e);
        let mut found = false;
        JS_HasOwnPropertyById(cx, e.handle().into(), id, &mut found).then_some(found)
    }
}

/// Steps 2 to 6 of the named property visibility algorithm
/// (<https://webidl.spec.whatwg.org/#dfn-named-property-visibility>): the answer for a
/// supported property name. `None` if an exception is pending.
///
/// # Safety
/// `cx`, `proxy` and `id` are a trap's live arguments.
unsafe fn visible_if_supported(
    cx: *mut RawJSContext,
    proxy: RawHandleObject,
    id: HandleId,
    hooks: &NamedHooks,
) -> Option<bool> {
    // SAFETY: the trap's live arguments.
    unsafe {
        // 2. If O has an own property named P, then return false.
        if has_own_ordinary(cx, proxy, id)? {
            return Some(false);
        }
        // 3. If O implements an interface that has the [LegacyOverrideBuiltIns] extended
        //    attribute, then return true.
        if hooks.override_builtins {
            return Some(true);
        }
        // 4. Let prototype be O.[[GetPrototypeOf]](). 5. While prototype is not null: if
        //    prototype is not a named properties object, and prototype has an own property
        //    named P, then return false; set prototype to prototype.[[GetPrototypeOf]]().
        rooted!(in(cx) let proto = GetStaticPrototype(proxy.get()));
        if !proto.get().is_null() {
            let mut found = false;
            if !JS_HasPropertyById(cx, proto.handle().into(), id, &mut found) {
                return None;
            }
            if found {
                return Some(false);
            }
        }
        // 6. Return true.
        Some(true)
    }
}

/// The named property visibility algorithm, with the value of a visible named property in
/// `rval`: `Yes` when P is a visible named property, `No` when it is not.
///
/// Steps 2 to 6 run before step 1: the answer is the same (the getter has no side effects), and
/// `collection.length` then finds `length` on the prototype without asking the collection
/// for a named item.
///
/// # Safety
/// `cx`, `proxy` and `id` are a trap's live arguments.
unsafe fn visible_named_value(
    cx: *mut RawJSContext,
    proxy: RawHandleObject,
    id: HandleId,
    hooks: &NamedHooks,
    name: DOMString,
    rval: MutableHandleValue,
) -> NamedResult {
    // SAFETY: the trap's live arguments; the proxy's private is its DOM struct.
    unsafe {
        match visible_if_supported(cx, proxy, id, hooks) {
            Some(true) => {}
            Some(false) => return NamedResult::No,
            None => return NamedResult::Threw,
        }
        // 1. If P is not a supported property name of O, then return false.
        let mut jscx = context(cx);
        (hooks.get)(&mut jscx, proxy_private(proxy.get()), name, rval)
    }
}

/// LegacyPlatformObjectGetOwnProperty(O, P, ignoreNamedProps)
/// (<https://webidl.spec.whatwg.org/#LegacyPlatformObjectGetOwnProperty>). Returns false if
/// an exception is pending.
///
/// # Safety
/// `cx`, `proxy`, `id` and `desc` are a trap's live arguments.
unsafe fn legacy_get_own_property(
    cx: *mut RawJSContext,
    proxy: RawHandleObject,
    id: HandleId,
    ignore_named_props: bool,
    desc: MutableHandle<PropertyDescriptor>,
    is_none: &mut bool,
) -> bool {
    // SAFETY: the trap's live arguments.
    unsafe {
        let mut jscx = context(cx);
        let mut ignore_named_props = ignore_named_props;
        // 1. If O supports indexed properties and P is an array index:
        if let (Some(index), Some(hooks)) = (index_of(id), hooks_of(proxy.get())) {
            rooted!(&in(&mut jscx) let mut value = UndefinedValue());
            // 1.3. If index is a supported property index: {value, writable: true if O implements
            //      an interface with an indexed property setter and false otherwise, enumerable:
            //      true, configurable: true}.
            if (hooks.get)(&mut jscx, proxy_private(proxy.get()), index, value.handle_mut()) {
                let flags = if hooks.set.is_some() { JSPROP_ENUMERATE } else { JSPROP_ENUMERATE | JSPROP_READONLY };
                SetDataPropertyDescriptor(desc, value.handle().into(), flags as u32);
                *is_none = false;
                return true;
            }
            // 1.4. Set ignoreNamedProps to true.
            ignore_named_props = true;
        }
        // 2. If O supports named properties and ignoreNamedProps is false, then: if the result of
        //    running the named property visibility algorithm with P and O is true:
        if !ignore_named_props
            && let Some(hooks) = named_hooks_of(proxy.get())
            && let Some(name) = property_name(&mut jscx, proxy.get(), id)
        {
            rooted!(&in(&mut jscx) let mut value = UndefinedValue());
            match visible_named_value(cx, proxy, id, hooks, name, value.handle_mut()) {
                NamedResult::Threw => return false,
                NamedResult::No => {}
                NamedResult::Yes => {
                    // [[Writable]] is true if O implements an interface with a named property
                    // setter; [[Enumerable]] is false under [LegacyUnenumerableNamedProperties];
                    // [[Configurable]] is true.
                    let mut attrs = 0;
                    if hooks.set.is_none() {
                        attrs |= JSPROP_READONLY;
                    }
                    if !hooks.unenumerable {
                        attrs |= JSPROP_ENUMERATE;
                    }
                    SetDataPropertyDescriptor(desc, value.handle().into(), attrs as u32);
                    *is_none = false;
                    return true;
                }
            }
        }
        // 3. Return OrdinaryGetOwnProperty(O, P).
        let e = expando(proxy.get());
        if e.is_null() {
            *is_none = true;
            return true;
        }
        rooted!(in(cx) let e = e);
        rooted!(in(cx) let mut maybe = PropertyDescriptor::default());
        let mut none = true;
        if !JS_GetOwnPropertyDescriptorById(cx, e.handle().into(), id, maybe.handle_mut().into(), &mut none) {
            return false;
        }
        if !none {
            desc.set(maybe.get());
        }
        *is_none = none;
        true
    }
}

/// <https://webidl.spec.whatwg.org/#legacy-platform-object-getownproperty>: "Return
/// ? LegacyPlatformObjectGetOwnProperty(O, P, false)."
unsafe extern "C" fn get_own_property_descriptor(
    cx: *mut RawJSContext,
    proxy: RawHandleObject,
    id: HandleId,
    desc: MutableHandle<PropertyDescriptor>,
    is_none: *mut bool,
) -> bool {
    // SAFETY: SpiderMonkey calls the trap with live arguments.
    unsafe { legacy_get_own_property(cx, proxy, id, false, desc, &mut *is_none) }
}

/// <https://webidl.spec.whatwg.org/#legacy-platform-object-defineownproperty>
unsafe extern "C" fn define_property(
    cx: *mut RawJSContext,
    proxy: RawHandleObject,
    id: HandleId,
    desc: mozjs::jsapi::Handle<PropertyDescriptor>,
    result: *mut ObjectOpResult,
) -> bool {
    // SAFETY: SpiderMonkey calls the trap with live arguments.
    unsafe {
        // 1. If O supports indexed properties and P is an array index:
        if let (Some(index), Some(hooks)) = (index_of(id), hooks_of(proxy.get())) {
            // 1.1. "If the result of calling IsDataDescriptor(Desc) is false, then return false."
            // 1.2. "If O does not implement an interface with an indexed property setter, then
            //      return false."
            let d = desc.get();
            let Some(set) = hooks.set else {
                return (*result).fail_no_indexed_setter();
            };
            if d.hasGetter_() || d.hasSetter_() {
                return (*result).fail_not_data_descriptor();
            }
            // 1.3. "Invoke the indexed property setter on O with P and Desc.[[Value]]."
            rooted!(in(cx) let value = d.value_);
            let mut jscx = context(cx);
            if !set(&mut jscx, proxy_private(proxy.get()), index, value.handle()) {
                return false;
            }
            // 1.4. "Return true."
            return (*result).succeed();
        }
        // 2. If O supports named properties, O does not implement an interface with the [Global]
        //    extended attribute, Type(P) is String, and P is not an unforgeable property name
        //    of O (no interface with named properties has unforgeable members), then:
        let mut jscx = context(cx);
        if let Some(hooks) = named_hooks_of(proxy.get())
            && let Some(name) = property_name(&mut jscx, proxy.get(), id)
        {
            // 2.1. Let creating be true if P is not a supported property name, and false otherwise.
            rooted!(&in(&mut jscx) let mut ignored = UndefinedValue());
            let creating = match (hooks.get)(&mut jscx, proxy_private(proxy.get()), name.clone(), ignored.handle_mut())
            {
                NamedResult::Yes => false,
                NamedResult::No => true,
                NamedResult::Threw => return false,
            };
            // 2.2. If O implements an interface with the [LegacyOverrideBuiltIns] extended
            //      attribute or O does not have an own property named P, then:
            let has_own = match has_own_ordinary(cx, proxy, id) {
                Some(found) => found,
                None => return false,
            };
            if hooks.override_builtins || !has_own {
                match hooks.set {
                    // 2.2.1. If creating is false and O does not implement an interface with a
                    //        named property setter, then return false.
                    None if !creating => return (*result).fail_no_named_setter(),
                    None => {}
                    // 2.2.2. If O implements an interface with a named property setter, then:
                    Some(set) => {
                        let d = desc.get();
                        // 1. If the result of calling IsDataDescriptor(Desc) is false, then return false.
                        if d.hasGetter_() || d.hasSetter_() {
                            return (*result).fail_not_data_descriptor();
                        }
                        // 2. Invoke the named property setter steps with P and Desc.[[Value]].
                        rooted!(in(cx) let value = d.value_);
                        if !set(&mut jscx, proxy_private(proxy.get()), name, value.handle()) {
                            return false;
                        }
                        // 3. Return true.
                        return (*result).succeed();
                    }
                }
            }
        }
        // 3. Return ! OrdinaryDefineOwnProperty(O, P, Desc).
        let e = ensure_expando(cx, proxy);
        if e.is_null() {
            return false;
        }
        rooted!(in(cx) let e = e);
        JS_DefinePropertyById(cx, e.handle().into(), id, desc, result)
    }
}

/// <https://webidl.spec.whatwg.org/#legacy-platform-object-ownpropertykeys>
unsafe extern "C" fn own_property_keys(
    cx: *mut RawJSContext,
    proxy: RawHandleObject,
    props: MutableHandleIdVector,
) -> bool {
    // SAFETY: SpiderMonkey calls the trap with live arguments.
    unsafe {
        let mut jscx = context(cx);
        let this = proxy_private(proxy.get());
        // 2. If O supports indexed properties, then for each index of O's supported property
        //    indices, in ascending numerical order, append ! ToString(index) to keys.
        if let Some(hooks) = hooks_of(proxy.get()) {
            let length = (hooks.length)(&mut jscx, this);
            rooted!(in(cx) let mut id = mozjs::jsid::VoidId());
            for i in 0..length {
                int_to_jsid(i as i32, id.handle_mut().into());
                if !AppendToIdVector(props, id.handle().into()) {
                    return false;
                }
            }
        }
        // 3. If O supports named properties, then for each P of O's supported property names
        //    that is visible according to the named property visibility algorithm, append P.
        if let Some(hooks) = named_hooks_of(proxy.get()) {
            let names = (hooks.names)(&mut jscx, this);
            rooted!(in(cx) let mut value = UndefinedValue());
            rooted!(in(cx) let mut id = mozjs::jsid::VoidId());
            for name in names {
                name.to_jsval(&mut jscx, value.handle_mut());
                if !JS_ValueToId(cx, value.handle().into(), id.handle_mut().into()) {
                    return false;
                }
                // An array index of an object with indexed properties is never a named property.
                if hooks_of(proxy.get()).is_some() && index_of(id.handle().into()).is_some() {
                    continue;
                }
                match visible_if_supported(cx, proxy, id.handle().into(), hooks) {
                    None => return false,
                    Some(false) => {}
                    Some(true) => {
                        if !AppendToIdVector(props, id.handle().into()) {
                            return false;
                        }
                    }
                }
            }
        }
        // 4–5. For each P of O's own properties that is a String, then that is a Symbol, in
        //      ascending chronological order of property creation, append P.
        let e = expando(proxy.get());
        if !e.is_null() {
            rooted!(in(cx) let e = e);
            if !mozjs::jsapi::GetPropertyKeys(
                cx,
                e.handle().into(),
                JSITER_OWNONLY | JSITER_HIDDEN | JSITER_SYMBOLS,
                props,
            ) {
                return false;
            }
        }
        true
    }
}

/// <https://webidl.spec.whatwg.org/#legacy-platform-object-delete>
unsafe extern "C" fn delete(
    cx: *mut RawJSContext,
    proxy: RawHandleObject,
    id: HandleId,
    result: *mut ObjectOpResult,
) -> bool {
    // SAFETY: SpiderMonkey calls the trap with live arguments.
    unsafe {
        let mut jscx = context(cx);
        // 1. If O supports indexed properties and P is an array index: if index is not a
        //    supported property index, then return true; otherwise return false.
        if let (Some(index), Some(hooks)) = (index_of(id), hooks_of(proxy.get())) {
            if index < (hooks.length)(&mut jscx, proxy_private(proxy.get())) {
                return (*result).fail_cant_delete();
            }
            return (*result).succeed();
        }
        // 2. If O supports named properties, O does not implement an interface with the [Global]
        //    extended attribute and the result of calling the named property visibility
        //    algorithm with property name P and object O is true, then:
        if let Some(hooks) = named_hooks_of(proxy.get())
            && let Some(name) = property_name(&mut jscx, proxy.get(), id)
        {
            rooted!(in(cx) let mut ignored = UndefinedValue());
            match visible_named_value(cx, proxy, id, hooks, name.clone(), ignored.handle_mut()) {
                NamedResult::Threw => return false,
                NamedResult::No => {}
                NamedResult::Yes => {
                    // 2.1. If O does not implement an interface with a named property deleter,
                    //      then return false.
                    let Some(delete) = hooks.delete else { return (*result).fail_cant_delete() };
                    // 2.2–2.4. Perform the deleter's steps with P; if it was declared with a return
                    //          type of boolean and returned false, then return false.
                    return match delete(&mut jscx, proxy_private(proxy.get()), name) {
                        NamedResult::Yes => (*result).succeed(),
                        NamedResult::No => (*result).fail_cant_delete(),
                        NamedResult::Threw => false,
                    };
                }
            }
        }
        // 3. If O has an own property with name P: if the property is not configurable, return
        //    false; otherwise remove the property from O. 4. Return true.
        let e = expando(proxy.get());
        if e.is_null() {
            return (*result).succeed();
        }
        rooted!(in(cx) let e = e);
        JS_DeletePropertyById(cx, e.handle().into(), id, result)
    }
}

/// <https://webidl.spec.whatwg.org/#legacy-platform-object-set>
unsafe extern "C" fn set(
    cx: *mut RawJSContext,
    proxy: RawHandleObject,
    id: HandleId,
    v: RawHandleValue,
    receiver: RawHandleValue,
    result: *mut ObjectOpResult,
) -> bool {
    // SAFETY: SpiderMonkey calls the trap with live arguments.
    unsafe {
        let mut jscx = context(cx);
        // 1. If O and Receiver are the same object, then:
        let receiver_is_o = receiver.get().is_object() && receiver.get().to_object() == proxy.get();
        // 1.1. "If O implements an interface with an indexed property setter and P is an array
        //      index, then invoke the indexed property setter with P and V, and return true."
        if receiver_is_o
            && let (Some(index), Some(hooks)) = (index_of(id), hooks_of(proxy.get()))
            && let Some(set) = hooks.set
        {
            if !set(&mut jscx, proxy_private(proxy.get()), index, HandleValue::from_raw(v)) {
                return false;
            }
            return (*result).succeed();
        }
        // 1.2. If O implements an interface with a named property setter and Type(P) is
        //      String, then invoke the named property setter with P and V, and return true.
        if receiver_is_o
            && let Some(hooks) = named_hooks_of(proxy.get())
            && let Some(set) = hooks.set
            && let Some(name) = property_name(&mut jscx, proxy.get(), id)
        {
            if !set(&mut jscx, proxy_private(proxy.get()), name, HandleValue::from_raw(v)) {
                return false;
            }
            return (*result).succeed();
        }
        // 2. Let ownDesc be ? LegacyPlatformObjectGetOwnProperty(O, P, true).
        rooted!(in(cx) let mut own_desc = PropertyDescriptor::default());
        let mut is_none = true;
        if !legacy_get_own_property(cx, proxy, id, true, own_desc.handle_mut().into(), &mut is_none) {
            return false;
        }
        // 3. Perform ? OrdinarySetWithOwnDescriptor(O, P, V, Receiver, ownDesc).
        let own_desc_handle: mozjs::jsapi::Handle<PropertyDescriptor> = own_desc.handle().into();
        mozjs::jsapi::SetPropertyIgnoringNamedGetter(
            cx,
            proxy,
            id,
            v,
            receiver,
            if is_none { ptr::null() } else { &own_desc_handle },
            result,
        )
    }
}

/// The getPrototypeIfOrdinary trap of Aperture's proxies: the static prototype.
pub(crate) unsafe extern "C" fn get_prototype_if_ordinary(
    _cx: *mut RawJSContext,
    proxy: RawHandleObject,
    is_ordinary: *mut bool,
    proto: RawMutableHandleObject,
) -> bool {
    unsafe {
        *is_ordinary = true;
        proto.set(GetStaticPrototype(proxy.get()));
    }
    true
}

/// The preventExtensions trap: legacy platform objects are always extensible.
pub(crate) unsafe extern "C" fn prevent_extensions(
    _cx: *mut RawJSContext,
    _proxy: RawHandleObject,
    result: *mut ObjectOpResult,
) -> bool {
    // Legacy platform objects are always extensible.
    unsafe { (*result).fail_cant_prevent_extensions() }
}

/// The isExtensible trap: always extensible.
pub(crate) unsafe extern "C" fn is_extensible(
    _cx: *mut RawJSContext,
    _proxy: RawHandleObject,
    extensible: *mut bool,
) -> bool {
    unsafe { *extensible = true };
    true
}

unsafe extern "C" fn class_name(_cx: *mut RawJSContext, proxy: RawHandleObject) -> *const libc::c_char {
    unsafe {
        match proxy_dom_class(proxy.get()) {
            Some(c) => c.c_name.as_ptr(),
            None => c"Object".as_ptr(),
        }
    }
}

unsafe extern "C" fn trace(trc: *mut mozjs::jsapi::JSTracer, proxy: *mut JSObject) {
    unsafe {
        if let Some(class) = proxy_dom_class(proxy) {
            let this = proxy_private(proxy);
            if !this.is_null() {
                (class.trace)(trc, this);
            }
        }
    }
}

unsafe extern "C" fn finalize(_gcx: *mut mozjs::jsapi::GCContext, proxy: *mut JSObject) {
    unsafe {
        if let Some(class) = proxy_dom_class(proxy) {
            let this = proxy_private(proxy);
            if !this.is_null() {
                (class.finalize)(this);
                crate::dom::bindings::classes::note_dom_object_finalized();
            }
        }
    }
}

/// `objectMoved` of DOM proxies: points the struct's reflector at the moved proxy (see
/// `classes::reflector_moved`).
unsafe extern "C" fn object_moved(proxy: *mut JSObject, _old: *mut JSObject) -> usize {
    // SAFETY: SpiderMonkey passes the moved, live proxy; its private is the struct, which starts
    // with its Reflector and lives as long as the proxy.
    unsafe {
        if proxy_dom_class(proxy).is_some() {
            let this = proxy_private(proxy) as *const crate::dom::bindings::reflector::Reflector;
            if !this.is_null() {
                (*this).object_moved(proxy);
            }
        }
    }
    0
}

/// The traps of every DOM proxy.
pub static DOM_PROXY_TRAPS: ProxyTraps = ProxyTraps {
    enter: None,
    getOwnPropertyDescriptor: Some(get_own_property_descriptor),
    defineProperty: Some(define_property),
    ownPropertyKeys: Some(own_property_keys),
    delete_: Some(delete),
    enumerate: None,
    getPrototypeIfOrdinary: Some(get_prototype_if_ordinary),
    getPrototype: None,
    setPrototype: None,
    setImmutablePrototype: None,
    preventExtensions: Some(prevent_extensions),
    isExtensible: Some(is_extensible),
    has: None,
    get: None,
    set: Some(set),
    call: None,
    construct: None,
    hasOwn: None,
    getOwnEnumerablePropertyKeys: None,
    nativeCall: None,
    objectClassIs: None,
    className: Some(class_name),
    fun_toString: None,
    boxedValue_unbox: None,
    defaultValue: None,
    trace: Some(trace),
    finalize: Some(finalize),
    objectMoved: Some(object_moved),
    isCallable: None,
    isConstructor: None,
};

/// Creates a DOM proxy reflector for `private` with interface data `class`.
///
/// # Safety
/// `private` must be the box pointer of the struct `class` describes.
pub unsafe fn new_dom_proxy(
    cx: &mut JSContext,
    class: &'static DOMClass,
    proto: HandleObject,
    private: *const c_void,
) -> *mut JSObject {
    unsafe {
        let handler = class.proxy_handler();
        rooted!(&in(cx) let private = PrivateValue(private));
        let obj = NewProxyObject(cx.raw_cx(), handler, private.handle().into(), proto.get(), ptr::null(), false);
        assert!(!obj.is_null(), "creating a DOM proxy failed");
        crate::dom::bindings::classes::note_dom_object_created();
        obj
    }
}

/// Creates (once per interface) the handler of its proxies.
pub fn create_handler(class: &'static DOMClass) -> *const c_void {
    unsafe { CreateProxyHandler(&DOM_PROXY_TRAPS, class as *const DOMClass as *const c_void) }
}

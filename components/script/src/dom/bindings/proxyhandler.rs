//! Reflectors of interfaces with an indexed property getter (`NodeList`,
//! `HTMLCollection`): "legacy platform objects"
//! (<https://webidl.spec.whatwg.org/#es-legacy-platform-objects>), built as
//! SpiderMonkey proxies so `list[0]` reaches Rust.
//!
//! The proxy's private value is the DOM struct's box (as for other
//! reflectors), the handler's "extra" pointer is the interface's `DOMClass`,
//! and reserved slot 0 holds an expando object for properties set by script.

use std::ffi::c_void;
use std::ptr;

use mozjs::context::JSContext;
use mozjs::glue::{
    AppendToIdVector, CreateProxyHandler, GetProxyHandlerExtra, GetProxyPrivate, GetProxyReservedSlot,
    IsProxyHandlerFamily, NewProxyObject, ProxyTraps, RUST_JSID_IS_INT, RUST_JSID_TO_INT, SetDataPropertyDescriptor,
    SetProxyReservedSlot, int_to_jsid,
};
use mozjs::jsapi::{
    GetStaticPrototype, HandleId, HandleObject as RawHandleObject, JS_DefinePropertyById, JS_DeletePropertyById,
    JS_GetOwnPropertyDescriptorById, JS_NewObjectWithGivenProto, JSContext as RawJSContext, JSITER_HIDDEN,
    JSITER_OWNONLY, JSITER_SYMBOLS, JSObject, JSPROP_ENUMERATE, JSPROP_READONLY, MutableHandle, MutableHandleIdVector,
    MutableHandleObject as RawMutableHandleObject, ObjectOpResult, PropertyDescriptor,
};
use mozjs::jsval::{ObjectValue, PrivateValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleValue};

use crate::dom::bindings::interface::DOMClass;

/// Per-interface hooks the proxy traps call.
pub struct IndexedHooks {
    /// Number of supported indices (`length`).
    pub length: unsafe fn(cx: &mut JSContext, this: *const c_void) -> u32,
    /// The value at `index`, if it is a supported index.
    pub get: unsafe fn(cx: &mut JSContext, this: *const c_void, index: u32, rval: MutableHandleValue) -> bool,
}

/// The `DOMClass` of a DOM proxy, if `obj` is one.
///
/// # Safety
/// `obj` must be live.
pub unsafe fn proxy_dom_class(obj: *mut JSObject) -> Option<&'static DOMClass> {
    unsafe {
        if !mozjs::rust::is_dom_object(obj) && IsProxyHandlerFamily(obj) {
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
    unsafe { GetProxyPrivate(obj, &mut v) };
    if v.is_undefined() { ptr::null() } else { v.to_private() }
}

fn hooks_of(obj: *mut JSObject) -> Option<&'static IndexedHooks> {
    unsafe { proxy_dom_class(obj).and_then(|c| c.indexed) }
}

fn index_of(id: HandleId) -> Option<u32> {
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

fn expando(obj: *mut JSObject) -> *mut JSObject {
    let mut v = UndefinedValue();
    unsafe { GetProxyReservedSlot(obj, 0, &mut v) };
    if v.is_object() { v.to_object() } else { ptr::null_mut() }
}

unsafe fn ensure_expando(cx: *mut RawJSContext, obj: RawHandleObject) -> *mut JSObject {
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

/// <https://webidl.spec.whatwg.org/#legacy-platform-object-getownproperty>
unsafe extern "C" fn get_own_property_descriptor(
    cx: *mut RawJSContext,
    proxy: RawHandleObject,
    id: HandleId,
    desc: MutableHandle<PropertyDescriptor>,
    is_none: *mut bool,
) -> bool {
    unsafe {
        if let (Some(index), Some(hooks)) = (index_of(id), hooks_of(proxy.get())) {
            let this = proxy_private(proxy.get());
            let mut jscx = JSContext::from_ptr(ptr::NonNull::new_unchecked(cx));
            rooted!(&in(&mut jscx) let mut value = UndefinedValue());
            if (hooks.get)(&mut jscx, this, index, value.handle_mut()) {
                // {value, writable: false, enumerable: true, configurable: true}
                SetDataPropertyDescriptor(desc, value.handle().into(), (JSPROP_ENUMERATE | JSPROP_READONLY) as u32);
                *is_none = false;
                return true;
            }
        }
        let e = expando(proxy.get());
        if e.is_null() {
            *is_none = true;
            return true;
        }
        rooted!(in(cx) let e = e);
        rooted!(in(cx) let mut maybe = mozjs::jsapi::PropertyDescriptor::default());
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

/// <https://webidl.spec.whatwg.org/#legacy-platform-object-defineownproperty>
unsafe extern "C" fn define_property(
    cx: *mut RawJSContext,
    proxy: RawHandleObject,
    id: HandleId,
    desc: mozjs::jsapi::Handle<PropertyDescriptor>,
    result: *mut ObjectOpResult,
) -> bool {
    unsafe {
        // Step 1: if O supports indexed properties and P is an array index, return false.
        if index_of(id).is_some() && hooks_of(proxy.get()).is_some() {
            return (*result).fail_no_indexed_setter();
        }
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
    unsafe {
        if let Some(hooks) = hooks_of(proxy.get()) {
            let this = proxy_private(proxy.get());
            let mut jscx = JSContext::from_ptr(ptr::NonNull::new_unchecked(cx));
            let length = (hooks.length)(&mut jscx, this);
            rooted!(in(cx) let mut id = mozjs::jsid::VoidId());
            for i in 0..length {
                int_to_jsid(i as i32, id.handle_mut().into());
                if !AppendToIdVector(props, id.handle().into()) {
                    return false;
                }
            }
        }
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
    unsafe {
        if let (Some(index), Some(hooks)) = (index_of(id), hooks_of(proxy.get())) {
            // A supported index cannot be deleted.
            let mut jscx = JSContext::from_ptr(ptr::NonNull::new_unchecked(cx));
            if index < (hooks.length)(&mut jscx, proxy_private(proxy.get())) {
                return (*result).fail_cant_delete();
            }
            return (*result).succeed();
        }
        let e = expando(proxy.get());
        if e.is_null() {
            return (*result).succeed();
        }
        rooted!(in(cx) let e = e);
        JS_DeletePropertyById(cx, e.handle().into(), id, result)
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
    set: None,
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
    objectMoved: None,
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

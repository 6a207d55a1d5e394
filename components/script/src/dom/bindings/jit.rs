//! JSNatives shared by every interface, JIT info and property specs.
//!
//! Regular attributes and operations are defined with a generic native
//! (`generic_getter`, `generic_setter`, `generic_method`) plus a `JSJitInfo`
//! naming the specialized op and the interface to brand-check against. The
//! generic native checks `this` once and calls the op; SpiderMonkey's JIT can
//! call the op directly when it already knows `this`'s class (the same scheme
//! Gecko and Servo use), which is what makes DOM getters fast.

// FIXME(issue 17): some unsafe blocks and `unsafe fn`s of this module still lack their
// `// SAFETY:` comment or `# Safety` section; the lints are allowed here until they are written.
#![allow(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

use std::ffi::{CStr, c_void};
use std::ptr::{self, NonNull};

use mozjs::context::JSContext;
use mozjs::glue::{CallJitGetterOp, CallJitMethodOp, CallJitSetterOp, RUST_FUNCTION_VALUE_TO_JITINFO};
use mozjs::jsapi::{
    __BindgenBitfieldUnit, CallArgs, CurrentGlobalOrNull, JS_IsExceptionPending, JSContext as RawJSContext,
    JSFunctionSpec, JSJitGetterCallArgs, JSJitGetterOp, JSJitInfo, JSJitInfo__bindgen_ty_1, JSJitInfo__bindgen_ty_2,
    JSJitInfo__bindgen_ty_3, JSJitInfo_AliasSet, JSJitInfo_OpType, JSJitMethodCallArgs, JSJitMethodOp,
    JSJitSetterCallArgs, JSJitSetterOp, JSNative, JSNativeWrapper, JSObject, JSPropertySpec, JSPropertySpec_Accessor,
    JSPropertySpec_AccessorsOrValue, JSPropertySpec_AccessorsOrValue_Accessors, JSPropertySpec_Kind,
    JSPropertySpec_Name, JSValueType, Value,
};
use mozjs::jsval::{JSVal, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::error::throw_type_error;
use crate::dom::bindings::interface::{get_dom_class, private_from_object};

/// A `JSJitInfo` that can live in a `static`.
#[repr(transparent)]
pub struct JitInfo(pub JSJitInfo);
unsafe impl Sync for JitInfo {}

const fn bitfield(op_type: JSJitInfo_OpType, infallible: bool) -> __BindgenBitfieldUnit<[u8; 4]> {
    __BindgenBitfieldUnit::new(
        mozjs::new_jsjitinfo_bitfield_1!(
            op_type as u8,
            JSJitInfo_AliasSet::AliasEverything as u8,
            JSValueType::JSVAL_TYPE_UNKNOWN as u8,
            infallible,
            false, // isMovable
            false, // isEliminatable
            false, // isAlwaysInSlot
            false, // isLazilyCachedInSlot
            false, // isTypedMethod
            0,     // slotIndex
        )
        .to_ne_bytes(),
    )
}

impl JitInfo {
    pub const fn getter(
        op: unsafe extern "C" fn(
            *mut RawJSContext,
            mozjs::jsapi::HandleObject,
            *mut c_void,
            JSJitGetterCallArgs,
        ) -> bool,
        proto_id: u16,
        depth: u16,
        infallible: bool,
    ) -> JitInfo {
        let op: JSJitGetterOp = Some(op);
        JitInfo(JSJitInfo {
            __bindgen_anon_1: JSJitInfo__bindgen_ty_1 { getter: op },
            __bindgen_anon_2: JSJitInfo__bindgen_ty_2 { protoID: proto_id },
            __bindgen_anon_3: JSJitInfo__bindgen_ty_3 { depth },
            _bitfield_align_1: [],
            _bitfield_1: bitfield(JSJitInfo_OpType::Getter, infallible),
        })
    }

    pub const fn setter(
        op: unsafe extern "C" fn(
            *mut RawJSContext,
            mozjs::jsapi::HandleObject,
            *mut c_void,
            JSJitSetterCallArgs,
        ) -> bool,
        proto_id: u16,
        depth: u16,
    ) -> JitInfo {
        let op: JSJitSetterOp = Some(op);
        JitInfo(JSJitInfo {
            __bindgen_anon_1: JSJitInfo__bindgen_ty_1 { setter: op },
            __bindgen_anon_2: JSJitInfo__bindgen_ty_2 { protoID: proto_id },
            __bindgen_anon_3: JSJitInfo__bindgen_ty_3 { depth },
            _bitfield_align_1: [],
            _bitfield_1: bitfield(JSJitInfo_OpType::Setter, false),
        })
    }

    pub const fn method(
        op: unsafe extern "C" fn(
            *mut RawJSContext,
            mozjs::jsapi::HandleObject,
            *mut c_void,
            *const JSJitMethodCallArgs,
        ) -> bool,
        proto_id: u16,
        depth: u16,
        infallible: bool,
    ) -> JitInfo {
        let op: JSJitMethodOp = Some(op);
        JitInfo(JSJitInfo {
            __bindgen_anon_1: JSJitInfo__bindgen_ty_1 { method: op },
            __bindgen_anon_2: JSJitInfo__bindgen_ty_2 { protoID: proto_id },
            __bindgen_anon_3: JSJitInfo__bindgen_ty_3 { depth },
            _bitfield_align_1: [],
            _bitfield_1: bitfield(JSJitInfo_OpType::Method, infallible),
        })
    }
}

/// Terminator of a property spec array.
pub const PROPERTY_SPEC_END: JSPropertySpec = JSPropertySpec::ZERO;
/// Terminator of a function spec array.
pub const FUNCTION_SPEC_END: JSFunctionSpec = JSFunctionSpec::ZERO;

const fn wrapper(op: JSNative, info: *const JSJitInfo) -> JSNativeWrapper {
    JSNativeWrapper { op, info }
}

/// A regular attribute: accessor property with the generic getter/setter.
pub const fn attribute_spec(
    name: &'static CStr,
    flags: u8,
    getter: &'static JitInfo,
    setter: Option<&'static JitInfo>,
) -> JSPropertySpec {
    let setter = match setter {
        Some(info) => wrapper(Some(generic_setter), &info.0 as *const JSJitInfo),
        None => JSNativeWrapper::ZERO,
    };
    JSPropertySpec {
        name: JSPropertySpec_Name { string_: name.as_ptr() },
        attributes_: flags,
        kind_: JSPropertySpec_Kind::NativeAccessor,
        u: JSPropertySpec_AccessorsOrValue {
            accessors: JSPropertySpec_AccessorsOrValue_Accessors {
                getter: JSPropertySpec_Accessor {
                    native: wrapper(Some(generic_getter), &getter.0 as *const JSJitInfo),
                },
                setter: JSPropertySpec_Accessor { native: setter },
            },
        },
    }
}

/// An attribute of a promise type: its getter turns an exception (a failed brand check
/// included) into a rejected promise (<https://webidl.spec.whatwg.org/#dfn-attribute-getter>,
/// "If attribute's type is a promise type, return ! Call(%Promise.reject%, …)").
pub const fn promise_attribute_spec(
    name: &'static CStr,
    flags: u8,
    getter: &'static JitInfo,
    setter: Option<&'static JitInfo>,
) -> JSPropertySpec {
    let mut spec = attribute_spec(name, flags, getter, setter);
    spec.u.accessors.getter.native = wrapper(Some(generic_promise_getter), &getter.0 as *const JSJitInfo);
    spec
}

/// A static attribute: accessor property with plain natives.
pub const fn static_attribute_spec(
    name: &'static CStr,
    flags: u8,
    getter: unsafe extern "C" fn(*mut RawJSContext, u32, *mut Value) -> bool,
    setter: Option<unsafe extern "C" fn(*mut RawJSContext, u32, *mut Value) -> bool>,
) -> JSPropertySpec {
    let setter = match setter {
        Some(s) => wrapper(Some(s), ptr::null()),
        None => JSNativeWrapper::ZERO,
    };
    JSPropertySpec {
        name: JSPropertySpec_Name { string_: name.as_ptr() },
        attributes_: flags,
        kind_: JSPropertySpec_Kind::NativeAccessor,
        u: JSPropertySpec_AccessorsOrValue {
            accessors: JSPropertySpec_AccessorsOrValue_Accessors {
                getter: JSPropertySpec_Accessor { native: wrapper(Some(getter), ptr::null()) },
                setter: JSPropertySpec_Accessor { native: setter },
            },
        },
    }
}

/// A regular operation. Promise-returning operations turn exceptions
/// (including a failed brand check) into rejected promises.
pub const fn method_spec(
    name: &'static CStr,
    info: &'static JitInfo,
    nargs: u16,
    flags: u16,
    returns_promise: bool,
) -> JSFunctionSpec {
    let native: unsafe extern "C" fn(*mut RawJSContext, u32, *mut Value) -> bool =
        if returns_promise { generic_promise_method } else { generic_method };
    JSFunctionSpec {
        name: JSPropertySpec_Name { string_: name.as_ptr() },
        call: wrapper(Some(native), &info.0 as *const JSJitInfo),
        nargs,
        flags,
        selfHostedName: ptr::null(),
    }
}

/// A static operation or namespace operation.
pub const fn static_method_spec(
    name: &'static CStr,
    native: unsafe extern "C" fn(*mut RawJSContext, u32, *mut Value) -> bool,
    nargs: u16,
    flags: u16,
) -> JSFunctionSpec {
    JSFunctionSpec {
        name: JSPropertySpec_Name { string_: name.as_ptr() },
        call: wrapper(Some(native), ptr::null()),
        nargs,
        flags,
        selfHostedName: ptr::null(),
    }
}

/// Finds the DOM object `this` must be for the member described by `info`
/// (<https://webidl.spec.whatwg.org/#es-operations>, step "If esValue does not
/// implement the interface target, throw a TypeError"). An undefined or null
/// `this` means the current global (for `setTimeout(…)` called bare).
unsafe fn this_object(
    cx: &mut JSContext,
    args: &CallArgs,
    info: *const JSJitInfo,
) -> Option<(*mut JSObject, *mut c_void)> {
    unsafe {
        let thisv = args.thisv();
        let obj = if thisv.get().is_null_or_undefined() {
            CurrentGlobalOrNull(cx.raw_cx())
        } else if thisv.get().is_object() {
            thisv.get().to_object()
        } else {
            return None;
        };
        if obj.is_null() {
            return None;
        }
        let proto_id = (*info).__bindgen_anon_2.protoID;
        let depth = (*info).__bindgen_anon_3.depth as usize;
        let class = get_dom_class(obj)?;
        if (class.depth as usize) < depth || class.interface_chain[depth] != proto_id {
            return None;
        }
        let private = private_from_object(obj);
        if private.is_null() {
            return None;
        }
        Some((obj, private as *mut c_void))
    }
}

unsafe fn generic_call(
    raw_cx: *mut RawJSContext,
    argc: u32,
    vp: *mut Value,
    call: unsafe extern "C" fn(
        *const JSJitInfo,
        *mut RawJSContext,
        mozjs::jsapi::HandleObject,
        *mut c_void,
        u32,
        *mut Value,
    ) -> bool,
) -> bool {
    unsafe {
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(raw_cx));
        let args = CallArgs::from_vp(vp, argc);
        let info = RUST_FUNCTION_VALUE_TO_JITINFO(*args.calleev().ptr);
        let Some((obj, this)) = this_object(&mut cx, &args, info) else {
            throw_type_error(&mut cx, "Illegal invocation");
            return false;
        };
        rooted!(&in(&mut cx) let obj = obj);
        call(info, raw_cx, obj.handle().into(), this, argc, vp)
    }
}

unsafe extern "C" fn call_getter(
    info: *const JSJitInfo,
    cx: *mut RawJSContext,
    obj: mozjs::jsapi::HandleObject,
    this: *mut c_void,
    argc: u32,
    vp: *mut Value,
) -> bool {
    unsafe { CallJitGetterOp(info, cx, obj, this, argc, vp) }
}

unsafe extern "C" fn call_setter(
    info: *const JSJitInfo,
    cx: *mut RawJSContext,
    obj: mozjs::jsapi::HandleObject,
    this: *mut c_void,
    argc: u32,
    vp: *mut Value,
) -> bool {
    unsafe {
        if !CallJitSetterOp(info, cx, obj, this, argc, vp) {
            return false;
        }
        *vp = UndefinedValue();
        true
    }
}

unsafe extern "C" fn call_method(
    info: *const JSJitInfo,
    cx: *mut RawJSContext,
    obj: mozjs::jsapi::HandleObject,
    this: *mut c_void,
    argc: u32,
    vp: *mut Value,
) -> bool {
    unsafe { CallJitMethodOp(info, cx, obj, this, argc, vp) }
}

/// The native of every regular attribute getter.
pub unsafe extern "C" fn generic_getter(cx: *mut RawJSContext, argc: u32, vp: *mut Value) -> bool {
    unsafe { generic_call(cx, argc, vp, call_getter) }
}

/// The native of every regular attribute setter.
pub unsafe extern "C" fn generic_setter(cx: *mut RawJSContext, argc: u32, vp: *mut Value) -> bool {
    unsafe { generic_call(cx, argc, vp, call_setter) }
}

/// The native of every regular operation.
pub unsafe extern "C" fn generic_method(cx: *mut RawJSContext, argc: u32, vp: *mut Value) -> bool {
    unsafe { generic_call(cx, argc, vp, call_method) }
}

/// The getter native of promise-typed attributes: an exception becomes a rejected promise.
pub unsafe extern "C" fn generic_promise_getter(cx: *mut RawJSContext, argc: u32, vp: *mut Value) -> bool {
    unsafe {
        if generic_getter(cx, argc, vp) {
            return true;
        }
        let mut jscx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let args = CallArgs::from_vp(vp, argc);
        exception_to_promise(&mut jscx, MutableHandleValue::from_raw(args.rval()))
    }
}

/// The native of promise-returning operations: an exception becomes a rejected promise
/// (<https://webidl.spec.whatwg.org/#dfn-create-operation-function>, "If op has a return
/// type that is a promise type… return a promise rejected with the exception").
pub unsafe extern "C" fn generic_promise_method(cx: *mut RawJSContext, argc: u32, vp: *mut Value) -> bool {
    unsafe {
        if generic_call(cx, argc, vp, call_method) {
            return true;
        }
        let mut jscx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let args = CallArgs::from_vp(vp, argc);
        exception_to_promise(&mut jscx, MutableHandleValue::from_raw(args.rval()))
    }
}

/// Replaces the pending exception by a promise rejected with it, stored in `rval`.
pub fn exception_to_promise(cx: &mut JSContext, mut rval: MutableHandleValue) -> bool {
    unsafe {
        if !JS_IsExceptionPending(cx.raw_cx()) {
            return false;
        }
        rooted!(&in(cx) let mut exception = UndefinedValue());
        if !mozjs::jsapi::JS_GetPendingException(cx.raw_cx(), exception.handle_mut().into()) {
            return false;
        }
        mozjs::jsapi::JS_ClearPendingException(cx.raw_cx());
        rooted!(&in(cx) let promise = mozjs::jsapi::CallOriginalPromiseReject(cx.raw_cx(), exception.handle().into()));
        if promise.get().is_null() {
            return false;
        }
        rval.set(mozjs::jsval::ObjectValue(promise.get()));
        true
    }
}

/// Arguments of a call, from either a JIT call or a plain JSNative call.
pub struct Args<'a> {
    argc: u32,
    argv: *mut JSVal,
    _marker: std::marker::PhantomData<&'a ()>,
}

impl<'a> Args<'a> {
    pub fn from_jit(args: &'a JSJitMethodCallArgs) -> Args<'a> {
        Args { argc: args.argc_, argv: args.argv_, _marker: std::marker::PhantomData }
    }

    pub fn from_call_args(args: &'a CallArgs) -> Args<'a> {
        Args { argc: args.argc_, argv: args.argv_, _marker: std::marker::PhantomData }
    }

    pub fn argc(&self) -> u32 {
        self.argc
    }

    /// Argument `i`, or undefined when missing.
    pub fn get(&self, i: u32) -> HandleValue<'a> {
        unsafe {
            if i < self.argc {
                HandleValue::from_marked_location(self.argv.add(i as usize))
            } else {
                HandleValue::undefined()
            }
        }
    }

    /// Arguments from `start` on (for `any...`); they are rooted by the call.
    pub fn rest(&self, start: usize) -> &'a [JSVal] {
        if start >= self.argc as usize {
            return &[];
        }
        unsafe { std::slice::from_raw_parts(self.argv.add(start), self.argc as usize - start) }
    }

    /// The return value slot.
    pub fn rval(&self) -> MutableHandleValue<'a> {
        unsafe { MutableHandleValue::from_marked_location(self.argv.offset(-2)) }
    }
}

pub fn getter_rval(args: &JSJitGetterCallArgs) -> MutableHandleValue<'_> {
    unsafe { MutableHandleValue::from_raw(args.rval()) }
}

pub fn setter_arg(args: &JSJitSetterCallArgs) -> HandleValue<'_> {
    unsafe { HandleValue::from_raw(args.get(0)) }
}

/// The proxy reserved slot holding a DOM proxy's `[SameObject]` caches (slot 0 is its expando
/// object, `proxyhandler.rs`): a proxy has two reserved slots, not one per cached attribute, so
/// its caches are the elements of one plain object, indexed by the slot number a native reflector
/// would use.
const PROXY_SAME_OBJECT_CACHE_SLOT: u32 = 1;

/// A DOM proxy's `[SameObject]` cache object, made on first use when `create` is true.
fn proxy_cache_object(cx: &mut JSContext, obj: *mut JSObject, create: bool) -> *mut JSObject {
    let mut value = UndefinedValue();
    // SAFETY: `obj` is a live DOM proxy (the caller checked), which has two reserved slots.
    unsafe { mozjs::glue::GetProxyReservedSlot(obj, PROXY_SAME_OBJECT_CACHE_SLOT, &mut value) };
    if value.is_object() {
        return value.to_object();
    }
    if !create {
        return std::ptr::null_mut();
    }
    // SAFETY: a plain object without a prototype, so no inherited property can answer for a
    // missing cache entry; stored in the proxy's slot, which keeps it alive.
    unsafe {
        let cache =
            mozjs::jsapi::JS_NewObjectWithGivenProto(cx.raw_cx(), std::ptr::null(), mozjs::jsapi::HandleObject::null());
        if !cache.is_null() {
            mozjs::glue::SetProxyReservedSlot(obj, PROXY_SAME_OBJECT_CACHE_SLOT, &mozjs::jsval::ObjectValue(cache));
        }
        cache
    }
}

/// Reads a `[SameObject]` cache slot; true if it held a value.
pub fn cached_slot_value(
    cx: &mut JSContext,
    obj: mozjs::rust::HandleObject,
    slot: u32,
    mut rval: MutableHandleValue,
) -> bool {
    let mut value = UndefinedValue();
    // SAFETY: `obj` is the live `this` object of a getter.
    if unsafe { crate::dom::bindings::proxyhandler::proxy_dom_class(obj.get()) }.is_some() {
        let cache = proxy_cache_object(cx, obj.get(), false);
        if cache.is_null() {
            return false;
        }
        rooted!(&in(cx) let cache = cache);
        rooted!(&in(cx) let mut found = UndefinedValue());
        // SAFETY: a rooted plain object and a rooted out-value.
        if !unsafe { mozjs::jsapi::JS_GetElement(cx.raw_cx(), cache.handle().into(), slot, found.handle_mut().into()) }
        {
            return false;
        }
        value = found.get();
    } else {
        // SAFETY: a native DOM reflector has a reserved slot for each cached attribute.
        unsafe { mozjs::glue::JS_GetReservedSlot(obj.get(), slot, &mut value) };
    }
    if value.is_undefined() {
        return false;
    }
    rval.set(value);
    true
}

/// Stores a `[SameObject]` result.
pub fn store_cached_slot_value(cx: &mut JSContext, obj: mozjs::rust::HandleObject, slot: u32, value: HandleValue) {
    // SAFETY: `obj` is the live `this` object of a getter.
    if unsafe { crate::dom::bindings::proxyhandler::proxy_dom_class(obj.get()) }.is_some() {
        let cache = proxy_cache_object(cx, obj.get(), true);
        if cache.is_null() {
            return;
        }
        rooted!(&in(cx) let cache = cache);
        // SAFETY: a rooted plain object and a rooted value.
        unsafe {
            mozjs::jsapi::JS_DefineElement(
                cx.raw_cx(),
                cache.handle().into(),
                slot,
                value.into(),
                mozjs::jsapi::JSPROP_ENUMERATE as u32,
            )
        };
        return;
    }
    // SAFETY: a native DOM reflector has a reserved slot for each cached attribute.
    unsafe { mozjs::jsapi::JS_SetReservedSlot(obj.get(), slot, &*value) };
}

/// Whether `value` is an object with a callable-looking @@iterator.
pub fn has_iterator(cx: &mut JSContext, value: HandleValue) -> Result<bool, ()> {
    if !value.get().is_object() {
        return Ok(false);
    }
    unsafe {
        rooted!(&in(cx) let obj = value.get().to_object());
        let symbol = mozjs::jsapi::GetWellKnownSymbol(cx.raw_cx(), mozjs::jsapi::SymbolCode::iterator);
        rooted!(&in(cx) let mut id = mozjs::jsid::VoidId());
        mozjs::glue::RUST_SYMBOL_TO_JSID(symbol, id.handle_mut().into());
        rooted!(&in(cx) let mut method = UndefinedValue());
        if !mozjs::jsapi::JS_GetPropertyById(
            cx.raw_cx(),
            obj.handle().into(),
            id.handle().into(),
            method.handle_mut().into(),
        ) {
            return Err(());
        }
        Ok(!method.get().is_null_or_undefined())
    }
}

pub fn is_array_buffer(value: HandleValue) -> bool {
    value.get().is_object() && unsafe { mozjs::jsapi::IsArrayBufferObject(value.get().to_object()) }
}

pub fn is_array_buffer_view(value: HandleValue) -> bool {
    value.get().is_object() && unsafe { mozjs::jsapi::JS_IsArrayBufferViewObject(value.get().to_object()) }
}

/// Whether `value` is a `Uint8ClampedArray` (possibly behind a cross-compartment wrapper).
/// Whether `value` is a typed array of the class `name` ("Uint8Array", "Float32Array"…), the
/// test a WebIDL typed array argument makes (cross-compartment wrappers are seen through).
pub fn is_typed_array(value: HandleValue, name: &str) -> bool {
    if !value.get().is_object() {
        return false;
    }
    // SAFETY: `value` is a rooted object handle; unwrapping only reads the object graph, and a
    // class name is a static C string.
    unsafe {
        let obj = mozjs::jsapi::js::CheckedUnwrapStatic(value.get().to_object());
        if obj.is_null() || !mozjs::jsapi::JS_IsTypedArrayObject(obj) {
            return false;
        }
        let class = mozjs::rust::get_object_class(obj);
        !class.is_null()
            && !(*class).name.is_null()
            && std::ffi::CStr::from_ptr((*class).name).to_bytes() == name.as_bytes()
    }
}

/// `HandleObject` for generated code that builds one from a raw handle.
pub fn handle_object(raw: mozjs::jsapi::HandleObject) -> HandleObject<'static> {
    unsafe { HandleObject::from_raw(raw) }
}

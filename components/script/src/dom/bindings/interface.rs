//! Classes of DOM objects, and the creation of prototype objects and
//! interface objects per global
//! (<https://webidl.spec.whatwg.org/#es-interfaces>).

// FIXME(issue 17): some unsafe blocks and `unsafe fn`s of this module still lack their
// `// SAFETY:` comment or `# Safety` section; the lints are allowed here until they are written.
#![allow(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

use std::ffi::CStr;
use std::ptr::{self, NonNull};

use mozjs::context::JSContext;
use mozjs::glue::JS_GetReservedSlot;
use mozjs::jsapi::{
    CallArgs, GetRealmFunctionPrototype, GetRealmObjectPrototype, JS_DefineProperty, JS_DefinePropertyById2,
    JS_GetFunctionObject, JS_LinkConstructorAndPrototype, JS_NewFunction, JS_NewObjectWithGivenProto, JS_SetPrototype,
    JSClass, JSContext as RawJSContext, JSFUN_CONSTRUCTOR, JSFunctionSpec, JSObject, JSPROP_ENUMERATE,
    JSPROP_PERMANENT, JSPROP_READONLY, JSPropertySpec, SymbolCode, Value,
};
use mozjs::jsapi::{GetWellKnownSymbol, JS_AtomizeAndPinString, JS_NewStringCopyZ};
use mozjs::jsval::{JSVal, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleObject, get_object_class, is_dom_class};

use crate::dom::bindings::codegen::PrototypeList;
use crate::dom::bindings::error::throw_type_error_raw;
use crate::dom::bindings::reflector::DOM_OBJECT_SLOT;
use crate::dom::html::window::Window;

/// The longest interface chain we support (EventTarget → Node → Element →
/// HTMLElement → HTMLMediaElement → HTMLVideoElement is 6).
pub const MAX_PROTO_CHAIN_LENGTH: usize = 8;

/// DOM-specific data attached to the JSClass of every reflector (or, for
/// proxies, to their handler).
pub struct DOMClass {
    /// Prototype ids of the interfaces this object implements, root first.
    pub interface_chain: [u16; MAX_PROTO_CHAIN_LENGTH],
    /// Index of the object's own (most derived) interface in the chain.
    pub depth: u8,
    /// The interface's name, for messages.
    pub name: &'static str,
    pub c_name: &'static CStr,
    /// Indexed property access, for interfaces with an indexed getter (proxies).
    pub indexed: Option<&'static crate::dom::bindings::proxyhandler::IndexedHooks>,
    /// Named property access, for interfaces with a named getter (proxies).
    pub named: Option<&'static crate::dom::bindings::proxyhandler::NamedHooks>,
    /// Traces the DOM struct (used by proxies; plain reflectors use their class ops).
    pub trace: unsafe fn(*mut mozjs::jsapi::JSTracer, *const libc::c_void),
    /// Drops the DOM struct's box.
    pub finalize: unsafe fn(*const libc::c_void),
    /// The proxy handler of this interface's proxies, created on first use.
    pub handler: std::sync::OnceLock<usize>,
}

impl DOMClass {
    pub fn proxy_handler(&'static self) -> *const libc::c_void {
        *self.handler.get_or_init(|| crate::dom::bindings::proxyhandler::create_handler(self) as usize)
            as *const libc::c_void
    }
}

/// The JSClass of a reflector, followed by its [`DOMClass`]. A class whose
/// flags contain `JSCLASS_IS_DOMJSCLASS` is always one of these.
#[repr(C)]
pub struct DOMJSClass {
    pub base: JSClass,
    pub dom_class: DOMClass,
}

unsafe impl Sync for DOMJSClass {}

/// A `JSClass` that can live in a `static`.
#[repr(transparent)]
pub struct SyncClass(pub JSClass);
unsafe impl Sync for SyncClass {}

/// Property specs in a `static` (they hold raw pointers).
#[repr(transparent)]
pub struct SyncPropertySpecs<const N: usize>(pub [JSPropertySpec; N]);
unsafe impl<const N: usize> Sync for SyncPropertySpecs<N> {}

/// Function specs in a `static`.
#[repr(transparent)]
pub struct SyncFunctionSpecs<const N: usize>(pub [JSFunctionSpec; N]);
unsafe impl<const N: usize> Sync for SyncFunctionSpecs<N> {}

/// Returns the DOMClass of `obj`, if it is a DOM reflector.
///
/// # Safety
/// `obj` must be a live object (or null).
pub unsafe fn get_dom_class(obj: *mut JSObject) -> Option<&'static DOMClass> {
    if obj.is_null() {
        return None;
    }
    unsafe {
        let class = get_object_class(obj);
        if is_dom_class(&*class) {
            Some(&(*(class as *const DOMJSClass)).dom_class)
        } else {
            crate::dom::bindings::proxyhandler::proxy_dom_class(obj)
        }
    }
}

/// The Rust object behind a reflector, if `obj` implements the interface
/// `(proto_id, depth)`.
///
/// # Safety
/// `obj` must be a live object.
pub unsafe fn unwrap_dom_object(obj: *mut JSObject, proto_id: u16, depth: usize) -> Option<*const libc::c_void> {
    let class = unsafe { get_dom_class(obj)? };
    if class.depth as usize >= depth && class.interface_chain[depth] == proto_id {
        Some(unsafe { private_from_object(obj) })
    } else {
        None
    }
}

/// Reads the `Box<T>` pointer from a reflector's slot.
///
/// # Safety
/// `obj` must be a DOM reflector.
pub unsafe fn private_from_object(obj: *mut JSObject) -> *const libc::c_void {
    if unsafe { !mozjs::rust::is_dom_object(obj) && crate::dom::bindings::proxyhandler::proxy_dom_class(obj).is_some() }
    {
        return unsafe { crate::dom::bindings::proxyhandler::proxy_private(obj) };
    }
    let mut value = UndefinedValue();
    unsafe { JS_GetReservedSlot(obj, DOM_OBJECT_SLOT, &mut value) };
    if value.is_undefined() { ptr::null() } else { value.to_private() }
}

/// Number of entries in a global's prototype/interface-object cache.
pub const PROTO_OR_IFACE_LENGTH: usize = PrototypeList::PROTO_OR_IFACE_LENGTH;

/// Per-global cache of prototype objects and interface objects, traced by the
/// global's trace hook. `Heap` cells, so the write barriers see every store.
pub type ProtoOrIfaceArray = [mozjs::jsapi::Heap<*mut JSObject>; PROTO_OR_IFACE_LENGTH];

/// The global's reserved slot holding its [`ProtoOrIfaceArray`].
pub const DOM_PROTOTYPE_SLOT: u32 = mozjs::JSCLASS_GLOBAL_SLOT_COUNT;

/// # Safety
/// `global` must be a DOM global.
pub unsafe fn get_proto_or_iface_array(global: *mut JSObject) -> *mut ProtoOrIfaceArray {
    let mut value = UndefinedValue();
    unsafe { JS_GetReservedSlot(global, DOM_PROTOTYPE_SLOT, &mut value) };
    if value.is_undefined() { ptr::null_mut() } else { value.to_private() as *mut ProtoOrIfaceArray }
}

/// Returns the cached object at `index` for `global`, creating the
/// interface's objects with `create` on first use.
pub fn get_per_interface_object(
    cx: &mut JSContext,
    global: HandleObject,
    index: usize,
    create: unsafe fn(&mut JSContext, HandleObject, *mut ProtoOrIfaceArray),
    mut rval: MutableHandleObject,
) {
    unsafe {
        let cache = get_proto_or_iface_array(global.get());
        assert!(!cache.is_null(), "not a DOM global");
        let cached = (*cache)[index].get();
        if !cached.is_null() {
            rval.set(cached);
            return;
        }
        create(cx, global, cache);
        rval.set((*cache)[index].get());
        assert!(!rval.get().is_null());
    }
}

/// One constant (<https://webidl.spec.whatwg.org/#es-constants>).
pub struct ConstantSpec {
    pub name: &'static CStr,
    pub value: ConstantValue,
}

#[derive(Clone, Copy)]
pub enum ConstantValue {
    Bool(bool),
    Int(i32),
    Uint(u32),
    Double(f64),
}

impl ConstantValue {
    fn to_jsval(self) -> JSVal {
        use mozjs::jsval::{BooleanValue, DoubleValue, Int32Value, UInt32Value};
        match self {
            ConstantValue::Bool(b) => BooleanValue(b),
            ConstantValue::Int(i) => Int32Value(i),
            ConstantValue::Uint(u) => UInt32Value(u),
            ConstantValue::Double(d) => DoubleValue(d),
        }
    }
}

/// Defines constants as `{writable: false, enumerable: true, configurable: false}`.
pub fn define_constants(cx: &mut JSContext, obj: HandleObject, constants: &[ConstantSpec]) {
    for c in constants {
        rooted!(&in(cx) let value = c.value.to_jsval());
        let ok = unsafe {
            JS_DefineProperty(
                cx.raw_cx(),
                obj.into(),
                c.name.as_ptr(),
                value.handle().into(),
                (JSPROP_ENUMERATE | JSPROP_READONLY | JSPROP_PERMANENT) as u32,
            )
        };
        assert!(ok, "defining a constant failed");
    }
}

/// In which kinds of global an interface or namespace exists
/// (<https://webidl.spec.whatwg.org/#Exposed>).
#[derive(Clone, Copy, Debug)]
pub struct Exposure {
    pub window: bool,
    pub dedicated_worker: bool,
}

impl Exposure {
    /// Whether `global` (a Window or a dedicated worker's global) is one of these kinds.
    pub fn includes(self, global: HandleObject) -> bool {
        if Window::from_object(global.get()).is_worker() { self.dedicated_worker } else { self.window }
    }
}

/// When a member or interface is exposed in a global.
#[derive(Clone, Copy, Debug)]
pub enum Condition {
    Always,
    /// `[Pref=name]`
    Pref(&'static str),
    /// `[SecureContext]`
    SecureContext,
    SecureContextAndPref(&'static str),
    /// `[Exposed=Window]` on a member of an interface also exposed in workers.
    WindowOnly,
}

impl Condition {
    pub fn is_satisfied(self, _cx: &mut JSContext, global: HandleObject) -> bool {
        let window = Window::from_object(global.get());
        match self {
            Condition::Always => true,
            Condition::Pref(p) => window.pref_enabled(p),
            Condition::SecureContext => window.is_secure_context(),
            Condition::SecureContextAndPref(p) => window.is_secure_context() && window.pref_enabled(p),
            Condition::WindowOnly => !window.is_worker(),
        }
    }
}

/// Everything needed to build one interface's objects in a global.
/// A JSNative: the [[Call]]/[[Construct]] of a function object.
pub type JSNativeFn = unsafe extern "C" fn(*mut RawJSContext, u32, *mut Value) -> bool;

pub struct InterfaceSpec {
    pub name: &'static CStr,
    /// Class of the prototype object (a plain class named after the interface).
    pub proto_class: &'static JSClass,
    pub methods: &'static [(Condition, &'static [JSFunctionSpec])],
    pub attributes: &'static [(Condition, &'static [JSPropertySpec])],
    pub constants: &'static [ConstantSpec],
    pub static_methods: &'static [(Condition, &'static [JSFunctionSpec])],
    pub static_attributes: &'static [(Condition, &'static [JSPropertySpec])],
    /// `None` for an interface without a constructor (calling it throws).
    pub constructor: Option<(unsafe extern "C" fn(*mut RawJSContext, u32, *mut Value) -> bool, u32)>,
    /// False for `[LegacyNoInterfaceObject]`.
    pub has_interface_object: bool,
    /// `[Global]`: regular members go on the global itself, not the prototype.
    pub is_global: bool,
    /// DOMException: the prototype's [[Prototype]] is %Error.prototype%.
    pub proto_parent_is_error: bool,
    /// `[LegacyWindowAlias]`: more names the interface object is defined under on the global.
    pub legacy_window_aliases: &'static [&'static CStr],
    /// `[LegacyFactoryFunction]`s: name, [[Construct]] native and length.
    pub legacy_factory_functions: &'static [(&'static CStr, JSNativeFn, u32)],
}

/// Creates the prototype object and the interface object of one interface
/// (<https://webidl.spec.whatwg.org/#create-an-interface-prototype-object>,
/// <https://webidl.spec.whatwg.org/#create-an-interface-object>).
pub fn create_interface_objects(
    cx: &mut JSContext,
    global: HandleObject,
    spec: &InterfaceSpec,
    parent_proto: HandleObject,
    parent_interface: HandleObject,
    mut proto_out: MutableHandleObject,
    mut interface_out: MutableHandleObject,
) {
    unsafe {
        // The prototype: [[Prototype]] is the parent's prototype, or %Object.prototype%.
        rooted!(&in(cx) let mut parent = parent_proto.get());
        if parent.get().is_null() {
            if spec.proto_parent_is_error {
                parent.set(mozjs::jsapi::GetRealmErrorPrototype(cx.raw_cx()));
            } else {
                parent.set(GetRealmObjectPrototype(cx.raw_cx()));
            }
        }
        rooted!(&in(cx) let proto = JS_NewObjectWithGivenProto(cx.raw_cx(), spec.proto_class, parent.handle().into()));
        assert!(!proto.get().is_null());
        if !spec.is_global {
            define_specs(cx, global, proto.handle(), spec.methods, spec.attributes);
        }
        define_constants(cx, proto.handle(), spec.constants);
        define_to_string_tag(cx, proto.handle(), spec.name);
        proto_out.set(proto.get());

        if !spec.has_interface_object {
            return;
        }

        // The interface object: a function whose [[Prototype]] is the parent's
        // interface object, or %Function.prototype%.
        let (native, nargs) = match spec.constructor {
            Some((native, nargs)) => (native, nargs),
            None => (illegal_constructor as unsafe extern "C" fn(*mut RawJSContext, u32, *mut Value) -> bool, 0),
        };
        let fun = JS_NewFunction(cx.raw_cx(), Some(native), nargs, JSFUN_CONSTRUCTOR, spec.name.as_ptr());
        assert!(!fun.is_null());
        rooted!(&in(cx) let interface = JS_GetFunctionObject(fun));
        rooted!(&in(cx) let mut fproto = parent_interface.get());
        if fproto.get().is_null() {
            fproto.set(GetRealmFunctionPrototype(cx.raw_cx()));
        }
        assert!(JS_SetPrototype(cx.raw_cx(), interface.handle().into(), fproto.handle().into()));
        // `prototype` {writable: false, enumerable: false, configurable: false}
        // and `constructor` on the prototype {writable, !enumerable, configurable}.
        assert!(JS_LinkConstructorAndPrototype(cx.raw_cx(), interface.handle().into(), proto.handle().into()));
        define_specs(cx, global, interface.handle(), spec.static_methods, spec.static_attributes);
        define_constants(cx, interface.handle(), spec.constants);
        interface_out.set(interface.get());

        // On the global: {writable: true, enumerable: false, configurable: true}.
        rooted!(&in(cx) let value = mozjs::jsval::ObjectValue(interface.get()));
        assert!(JS_DefineProperty(cx.raw_cx(), global.into(), spec.name.as_ptr(), value.handle().into(), 0));
        // <https://webidl.spec.whatwg.org/#LegacyWindowAlias>: the same object under each alias,
        // on Window globals only.
        let on_window = !crate::dom::html::window::Window::from_object(global.get()).is_worker();
        for alias in spec.legacy_window_aliases.iter().filter(|_| on_window) {
            assert!(JS_DefineProperty(cx.raw_cx(), global.into(), alias.as_ptr(), value.handle().into(), 0));
        }
        // <https://webidl.spec.whatwg.org/#create-a-legacy-factory-function>: a constructor whose
        // `prototype` is the interface prototype object {writable: false, enumerable: false,
        // configurable: false}, defined on the global like an interface object.
        for (name, native, nargs) in spec.legacy_factory_functions {
            let fun = JS_NewFunction(cx.raw_cx(), Some(*native), *nargs, JSFUN_CONSTRUCTOR, name.as_ptr());
            assert!(!fun.is_null());
            rooted!(&in(cx) let factory = JS_GetFunctionObject(fun));
            rooted!(&in(cx) let proto_value = mozjs::jsval::ObjectValue(proto.get()));
            assert!(JS_DefineProperty(
                cx.raw_cx(),
                factory.handle().into(),
                c"prototype".as_ptr(),
                proto_value.handle().into(),
                (mozjs::jsapi::JSPROP_READONLY | mozjs::jsapi::JSPROP_PERMANENT) as u32
            ));
            rooted!(&in(cx) let factory_value = mozjs::jsval::ObjectValue(factory.get()));
            assert!(JS_DefineProperty(cx.raw_cx(), global.into(), name.as_ptr(), factory_value.handle().into(), 0));
        }
    }
}

/// Creates a legacy callback interface object (`NodeFilter`) and defines it on `global`
/// (<https://webidl.spec.whatwg.org/#create-a-legacy-callback-interface-object>): "Let F be
/// CreateBuiltinFunction(steps, « », realm)" whose steps throw a TypeError, named after the
/// interface, with length 0 and the interface's constants; defined on the global
/// {writable: true, enumerable: false, configurable: true}.
pub fn create_legacy_callback_interface_object(
    cx: &mut JSContext,
    global: HandleObject,
    name: &'static CStr,
    constants: &[ConstantSpec],
) {
    unsafe {
        // No JSFUN_CONSTRUCTOR: the object is a plain function; calling it throws.
        let fun = JS_NewFunction(cx.raw_cx(), Some(illegal_constructor), 0, 0, name.as_ptr());
        assert!(!fun.is_null());
        rooted!(&in(cx) let object = JS_GetFunctionObject(fun));
        define_constants(cx, object.handle(), constants);
        rooted!(&in(cx) let value = mozjs::jsval::ObjectValue(object.get()));
        assert!(JS_DefineProperty(cx.raw_cx(), global.into(), name.as_ptr(), value.handle().into(), 0));
    }
}

/// Defines the regular members of a `[Global]` interface on the global itself.
pub fn define_global_members(cx: &mut JSContext, global: HandleObject, spec: &InterfaceSpec) {
    define_specs(cx, global, global, spec.methods, spec.attributes);
}

/// Defines `[LegacyUnforgeable]` members on a new instance
/// (<https://webidl.spec.whatwg.org/#es-platform-objects>: unforgeable members are own properties).
pub fn define_unforgeable_members(
    cx: &mut JSContext,
    global: HandleObject,
    obj: HandleObject,
    methods: &'static [(Condition, &'static [JSFunctionSpec])],
    attributes: &'static [(Condition, &'static [JSPropertySpec])],
) {
    if methods.is_empty() && attributes.is_empty() {
        return;
    }
    define_specs(cx, global, obj, methods, attributes);
}

/// Makes `proto` the (immutable) prototype of the global object.
pub fn set_global_prototype(cx: &mut JSContext, global: HandleObject, proto: HandleObject) {
    unsafe {
        assert!(JS_SetPrototype(cx.raw_cx(), global.into(), proto.into()));
        // Named access on the window: the named properties object goes under Window.prototype.
        crate::dom::html::windowproperties::install(cx, proto);
        let mut succeeded = false;
        assert!(mozjs::jsapi::JS_SetImmutablePrototype(cx.raw_cx(), global.into(), &mut succeeded));
        // <https://webidl.spec.whatwg.org/#create-an-interface-prototype-object>: "If interface is
        // declared with the [Global] extended attribute, or interface is in the set of inherited
        // interfaces of an interface that is declared with the [Global] extended attribute, then
        // set interfaceProtoObj.[[SetPrototypeOf]] as defined in § Immutable prototype exotic
        // objects" — Window.prototype and EventTarget.prototype (Object.prototype already is).
        rooted!(&in(cx) let mut current = proto.get());
        while !current.get().is_null() {
            // (The named properties object, a proxy, is left as it is: its prototype is fixed
            // by its traps.)
            if !crate::dom::bindings::proxyhandler::is_proxy(current.get()) {
                let mut ok = false;
                assert!(mozjs::jsapi::JS_SetImmutablePrototype(cx.raw_cx(), current.handle().into(), &mut ok));
            }
            rooted!(&in(cx) let mut next = std::ptr::null_mut::<mozjs::jsapi::JSObject>());
            assert!(mozjs::jsapi::JS_GetPrototype(cx.raw_cx(), current.handle().into(), next.handle_mut().into()));
            current.set(next.get());
        }
    }
}

fn define_specs(
    cx: &mut JSContext,
    global: HandleObject,
    obj: HandleObject,
    methods: &'static [(Condition, &'static [JSFunctionSpec])],
    attributes: &'static [(Condition, &'static [JSPropertySpec])],
) {
    unsafe {
        for (condition, specs) in methods {
            if condition.is_satisfied(cx, global) {
                mozjs::rust::define_methods(cx, obj, specs).expect("defining DOM methods failed");
            }
        }
        for (condition, specs) in attributes {
            if condition.is_satisfied(cx, global) {
                mozjs::rust::define_properties(cx, obj, specs).expect("defining DOM attributes failed");
            }
        }
    }
}

/// `@@toStringTag` for namespace objects.
pub fn define_to_string_tag_pub(cx: &mut JSContext, obj: HandleObject, name: &CStr) {
    define_to_string_tag(cx, obj, name)
}

/// `@@toStringTag`: {writable: false, enumerable: false, configurable: true}.
fn define_to_string_tag(cx: &mut JSContext, obj: HandleObject, name: &CStr) {
    unsafe {
        let tag_string = JS_NewStringCopyZ(cx.raw_cx(), name.as_ptr());
        assert!(!tag_string.is_null());
        rooted!(&in(cx) let tag = mozjs::jsval::StringValue(&*tag_string));
        let symbol = GetWellKnownSymbol(cx.raw_cx(), SymbolCode::toStringTag);
        rooted!(&in(cx) let mut id = mozjs::jsid::VoidId());
        mozjs::glue::RUST_SYMBOL_TO_JSID(symbol, id.handle_mut().into());
        assert!(JS_DefinePropertyById2(
            cx.raw_cx(),
            obj.into(),
            id.handle().into(),
            tag.handle().into(),
            JSPROP_READONLY as u32
        ));
    }
}

/// Interns a name once (used for property ids in generated code).
pub fn pinned_string(cx: &mut JSContext, name: &CStr) -> *mut mozjs::jsapi::JSString {
    unsafe { JS_AtomizeAndPinString(cx.raw_cx(), name.as_ptr()) }
}

/// The [[Call]]/[[Construct]] of an interface object without a constructor.
unsafe extern "C" fn illegal_constructor(cx: *mut RawJSContext, _argc: u32, _vp: *mut Value) -> bool {
    unsafe { throw_type_error_raw(cx, "Illegal constructor") };
    false
}

/// Checks the `new` requirement of an interface object's [[Call]]
/// (<https://webidl.spec.whatwg.org/#js-interface-object>: "If NewTarget is
/// undefined, throw a TypeError").
///
/// # Safety
/// `cx` must be the current context.
pub unsafe fn check_constructing(cx: *mut RawJSContext, args: &CallArgs, name: &str) -> bool {
    if args.is_constructing() {
        return true;
    }
    unsafe {
        throw_type_error_raw(
            cx,
            &format!(
                "Failed to construct '{name}': Please use the 'new' operator, this DOM object constructor cannot be called as a function."
            ),
        )
    };
    false
}

/// The prototype to give an object created by a constructor call: from
/// `new.target` (so subclasses work), falling back to the interface's own
/// prototype in the realm of `new.target`
/// (<https://webidl.spec.whatwg.org/#internally-create-a-new-object-implementing-the-interface>).
pub fn get_desired_proto(
    cx: &mut JSContext,
    args: &CallArgs,
    default_proto: HandleObject,
    mut rval: MutableHandleObject,
) -> bool {
    unsafe {
        let new_target = args.new_target();
        if !new_target.is_object() {
            rval.set(default_proto.get());
            return true;
        }
        rooted!(&in(cx) let new_target_obj = new_target.to_object());
        rooted!(&in(cx) let mut proto_val = UndefinedValue());
        if !mozjs::jsapi::JS_GetProperty(
            cx.raw_cx(),
            new_target_obj.handle().into(),
            c"prototype".as_ptr(),
            proto_val.handle_mut().into(),
        ) {
            return false;
        }
        if proto_val.get().is_object() {
            rval.set(proto_val.get().to_object());
        } else {
            rval.set(default_proto.get());
        }
        true
    }
}

/// A non-null object pointer, for generated code.
pub fn non_null(obj: *mut JSObject) -> NonNull<JSObject> {
    NonNull::new(obj).expect("a JS object was null")
}

//! JSClasses of reflectors, prototypes, namespaces and globals, and the
//! creation of reflectors and global objects.

// FIXME(issue 17): some unsafe blocks and `unsafe fn`s of this module still lack their
// `// SAFETY:` comment or `# Safety` section; the lints are allowed here until they are written.
#![allow(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

use std::ffi::{CStr, c_void};
use std::ptr;

use mozjs::context::JSContext;
use mozjs::glue::JS_GetReservedSlot;
use mozjs::jsapi::{
    Compartment, CompartmentIterResult, CompartmentSpecifier, GCContext, Heap, IsSharableCompartment,
    IsSystemCompartment, JS_EnumerateStandardClasses, JS_FireOnNewGlobalObject, JS_GlobalObjectTraceHook,
    JS_IterateCompartments, JS_MayResolveStandardClass, JS_NewGlobalObject, JS_NewObjectWithGivenProto,
    JS_ResolveStandardClass, JS_SetReservedSlot, JSAutoRealm, JSClass, JSClassOps, JSContext as RawJSContext, JSObject,
    JSTracer, OnNewGlobalHookOption,
};
use mozjs::jsval::{ObjectValue, PrivateValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, RealmOptions};
// SpiderMonkey's own flag values: a finalizer that runs on the main thread must be declared
// with JSCLASS_FOREGROUND_FINALIZE (1 << 24; a hand-written `1 << 3` was JSCLASS_SLOT0_IS_NSISUPPORTS,
// which debug SpiderMonkey refuses when it allocates the class's first object).
use mozjs::jsapi::{ClassExtension, JSCLASS_FOREGROUND_FINALIZE};
use mozjs::{JSCLASS_GLOBAL_SLOT_COUNT, JSCLASS_IS_DOMJSCLASS, JSCLASS_IS_GLOBAL, JSCLASS_RESERVED_SLOTS_MASK};

use crate::dom::bindings::interface::{
    DOM_PROTOTYPE_SLOT, PROTO_OR_IFACE_LENGTH, ProtoOrIfaceArray, get_proto_or_iface_array,
};
use crate::dom::bindings::reflector::{DOM_OBJECT_SLOT, DomObject};
use crate::dom::bindings::root::{DomRoot, while_rooted};
use crate::dom::bindings::trace::{JSTraceable, trace_object};
use crate::dom::html::window::Window;

const JSCLASS_RESERVED_SLOTS_SHIFT: u32 = 8;

thread_local! {
    /// DOM objects reflected on this thread's runtime and not yet finalized: one
    /// count per runtime (a window's script thread, a worker), never shared by
    /// two engines in one process.
    static LIVE_DOM_OBJECTS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// DOM objects reflected on this thread and not yet finalized (for leak tests).
pub fn live_dom_objects() -> usize {
    LIVE_DOM_OBJECTS.with(|n| n.get())
}

pub(crate) fn note_dom_object_created() {
    LIVE_DOM_OBJECTS.with(|n| n.set(n.get() + 1));
}

pub(crate) fn note_dom_object_finalized() {
    // Finalizers of the runtime's last collection may run while the thread's
    // locals are being destroyed.
    let _ = LIVE_DOM_OBJECTS.try_with(|n| n.set(n.get().saturating_sub(1)));
}

/// `DOMClass::trace` for struct `T`.
pub unsafe fn trace_dom_struct<T: JSTraceable>(trc: *mut JSTracer, this: *const c_void) {
    // SAFETY: called from `trace` with the tracer of a GC in progress (the
    // JSTraceable contract), which is what the inner `trace` needs too.
    unsafe { (*(this as *const T)).trace(trc) }
}

/// `DOMClass::finalize` for struct `T`.
pub unsafe fn finalize_dom_struct<T>(this: *const c_void) {
    unsafe { drop(Box::from_raw(this as *mut T)) }
}
/// Marks the class of a DOM global (Window).
pub const JSCLASS_DOM_GLOBAL: u32 = mozjs::JSCLASS_USERBIT1;

const fn reserved_slots(n: u32) -> u32 {
    (n & JSCLASS_RESERVED_SLOTS_MASK) << JSCLASS_RESERVED_SLOTS_SHIFT
}

/// `JSClassOps` in a `static`.
#[repr(transparent)]
pub struct SyncClassOps(pub JSClassOps);
unsafe impl Sync for SyncClassOps {}

/// Class operations of a reflector for DOM struct `T`: the finalizer drops
/// the box, the trace hook traces the struct's fields.
pub const fn dom_class_ops<T: JSTraceable + 'static>(is_global: bool) -> JSClassOps {
    if is_global {
        JSClassOps {
            addProperty: None,
            delProperty: None,
            enumerate: Some(JS_EnumerateStandardClasses),
            newEnumerate: None,
            resolve: Some(JS_ResolveStandardClass),
            mayResolve: Some(JS_MayResolveStandardClass),
            finalize: Some(finalize_global::<T>),
            call: None,
            construct: None,
            trace: Some(JS_GlobalObjectTraceHook),
        }
    } else {
        JSClassOps {
            addProperty: None,
            delProperty: None,
            enumerate: None,
            newEnumerate: None,
            resolve: None,
            mayResolve: None,
            finalize: Some(finalize_dom_object::<T>),
            call: None,
            construct: None,
            trace: Some(trace_dom_object::<T>),
        }
    }
}

/// `ClassExtension::objectMovedOp` of reflectors (globals included). A compacting collection
/// moves tenured objects; the edges it traces are updated, but a DOM struct's own pointer to its
/// reflector is not traced (the reflector keeps the struct alive, not the other way round), so
/// the hook points it at the new place. Without it, `reflector().get_jsobject()` of an object
/// that moved is a dangling pointer (found with GC zeal 14, which compacts). Every DOM struct
/// starts with its `Reflector` (at offset 0), so one hook serves every class.
///
/// # Safety
/// Called by SpiderMonkey with `obj` the moved reflector, whose slot 0 holds its struct.
pub unsafe extern "C" fn reflector_moved(obj: *mut JSObject, _old: *mut JSObject) -> usize {
    let mut value = UndefinedValue();
    // SAFETY: `obj` is a live reflector of a DOM class, with its reserved slots.
    unsafe { JS_GetReservedSlot(obj, DOM_OBJECT_SLOT, &mut value) };
    if !value.is_undefined() {
        let reflector = value.to_private() as *const crate::dom::bindings::reflector::Reflector;
        if !reflector.is_null() {
            // SAFETY: the struct is alive while its reflector is (its finalizer frees it), and
            // starts with its Reflector.
            unsafe { (*reflector).object_moved(obj) };
        }
    }
    0
}

/// The class extension of every reflector class.
const REFLECTOR_EXTENSION: ClassExtension = ClassExtension { objectMovedOp: Some(reflector_moved) };

/// The JSClass of reflectors: DOM class, private in slot 0, one more slot per
/// `[SameObject]` cache (`slots` counts slot 0 too).
pub const fn dom_instance_class(name: &'static CStr, ops: &'static JSClassOps, slots: u32, is_global: bool) -> JSClass {
    let flags = if is_global {
        JSCLASS_IS_GLOBAL
            | JSCLASS_IS_DOMJSCLASS
            | JSCLASS_DOM_GLOBAL
            | JSCLASS_FOREGROUND_FINALIZE
            | reserved_slots(JSCLASS_GLOBAL_SLOT_COUNT + 1)
    } else {
        JSCLASS_IS_DOMJSCLASS | JSCLASS_FOREGROUND_FINALIZE | reserved_slots(slots)
    };
    JSClass { name: name.as_ptr(), flags, cOps: ops, spec: ptr::null(), ext: &REFLECTOR_EXTENSION, oOps: ptr::null() }
}

/// The class of an interface prototype object.
pub const fn prototype_class(name: &'static CStr) -> JSClass {
    JSClass { name: name.as_ptr(), flags: 0, cOps: ptr::null(), spec: ptr::null(), ext: ptr::null(), oOps: ptr::null() }
}

/// The class of a namespace object.
pub const fn namespace_class(name: &'static CStr) -> JSClass {
    prototype_class(name)
}

unsafe extern "C" fn finalize_dom_object<T: JSTraceable + 'static>(_gcx: *mut GCContext, obj: *mut JSObject) {
    unsafe {
        let mut value = UndefinedValue();
        JS_GetReservedSlot(obj, DOM_OBJECT_SLOT, &mut value);
        if !value.is_undefined() {
            let ptr = value.to_private() as *mut T;
            if !ptr.is_null() {
                drop(Box::from_raw(ptr));
                note_dom_object_finalized();
            }
        }
    }
}

unsafe extern "C" fn trace_dom_object<T: JSTraceable + 'static>(trc: *mut JSTracer, obj: *mut JSObject) {
    unsafe {
        let mut value = UndefinedValue();
        JS_GetReservedSlot(obj, DOM_OBJECT_SLOT, &mut value);
        if !value.is_undefined() {
            let ptr = value.to_private() as *const T;
            if !ptr.is_null() {
                (*ptr).trace(trc);
            }
        }
    }
}

unsafe extern "C" fn finalize_global<T: JSTraceable + 'static>(gcx: *mut GCContext, obj: *mut JSObject) {
    unsafe {
        let cache = get_proto_or_iface_array(obj);
        if !cache.is_null() {
            drop(Box::from_raw(cache));
        }
        finalize_dom_object::<T>(gcx, obj);
    }
}

/// The realm's `traceGlobal` hook: the per-global cache and the Window struct.
unsafe extern "C" fn trace_global(trc: *mut JSTracer, obj: *mut JSObject) {
    unsafe {
        let cache = get_proto_or_iface_array(obj);
        if !cache.is_null() {
            for entry in (*cache).iter() {
                trace_object(trc, c"prototype or interface object", entry);
            }
        }
        let mut value = UndefinedValue();
        JS_GetReservedSlot(obj, DOM_OBJECT_SLOT, &mut value);
        if !value.is_undefined() {
            let window = value.to_private() as *const Window;
            if !window.is_null() {
                (*window).trace(trc);
            }
        }
    }
}

/// Creates a reflector with class `class` and prototype `proto` owning `private`.
///
/// # Safety
/// `private` must be a `Box<T>` pointer whose T matches `class`.
pub unsafe fn new_dom_reflector(
    cx: &mut JSContext,
    class: &'static JSClass,
    proto: HandleObject,
    private: *const c_void,
) -> *mut JSObject {
    unsafe {
        rooted!(&in(cx) let obj = JS_NewObjectWithGivenProto(cx.raw_cx(), class, proto.into()));
        assert!(!obj.get().is_null(), "out of memory creating a reflector");
        JS_SetReservedSlot(obj.get(), DOM_OBJECT_SLOT, &PrivateValue(private));
        note_dom_object_created();
        obj.get()
    }
}

/// Creates a DOM global (a Window) owning `private`. All globals share one
/// compartment, so objects pass between a page and its iframes without
/// cross-compartment wrappers.
///
/// # Safety
/// `private` must be a `Box<Window>` pointer and `class` Window's class.
pub unsafe fn new_dom_global(cx: &mut JSContext, class: &'static JSClass, private: *const c_void) -> *mut JSObject {
    unsafe {
        let mut options = RealmOptions::default();
        options.creationOptions_.traceGlobal_ = Some(trace_global);
        // No shared memory: pages are never cross-origin isolated. (SpiderMonkey gates `Atomics`
        // with it too, so `Atomics` is undefined, where browsers define it; enabling shared
        // memory would also let `WebAssembly.Memory({shared: true})` make SharedArrayBuffers,
        // which the encoding WPT then exercises.)
        options.creationOptions_.sharedMemoryAndAtomics_ = false;
        select_compartment(cx, &mut options);
        rooted!(&in(cx) let global = JS_NewGlobalObject(
            cx.raw_cx(),
            class,
            ptr::null_mut(),
            OnNewGlobalHookOption::DontFireOnNewGlobalHook,
            &*options,
        ));
        assert!(!global.get().is_null(), "creating a global object failed");
        // Reserved slots first, before anything can GC and trace them.
        JS_SetReservedSlot(global.get(), DOM_OBJECT_SLOT, &PrivateValue(private));
        note_dom_object_created();
        let cache: Box<ProtoOrIfaceArray> =
            Box::new(std::array::from_fn::<Heap<*mut JSObject>, PROTO_OR_IFACE_LENGTH, _>(|_| Heap::default()));
        JS_SetReservedSlot(global.get(), DOM_PROTOTYPE_SLOT, &PrivateValue(Box::into_raw(cache) as *const c_void));
        let _realm = JSAutoRealm::new(cx.raw_cx(), global.get());
        JS_FireOnNewGlobalObject(cx.raw_cx(), global.handle().into());
        global.get()
    }
}

fn select_compartment(cx: &mut JSContext, options: &mut RealmOptions) {
    unsafe extern "C" fn find(
        _cx: *mut RawJSContext,
        data: *mut c_void,
        compartment: *mut Compartment,
    ) -> CompartmentIterResult {
        unsafe {
            if !IsSharableCompartment(compartment) || IsSystemCompartment(compartment) {
                return CompartmentIterResult::KeepGoing;
            }
            *(data as *mut *mut Compartment) = compartment;
        }
        CompartmentIterResult::Stop
    }
    let mut compartment: *mut Compartment = ptr::null_mut();
    unsafe { JS_IterateCompartments(cx.raw_cx(), &mut compartment as *mut _ as *mut c_void, Some(find)) };
    if compartment.is_null() {
        options.creationOptions_.compSpec_ = CompartmentSpecifier::NewCompartmentAndZone;
    } else {
        options.creationOptions_.compSpec_ = CompartmentSpecifier::ExistingCompartment;
        options.creationOptions_.__bindgen_anon_1.comp_ = compartment;
    }
}

/// Creates a namespace object (`console`) with `methods` and defines it on
/// `global` as {writable, !enumerable, configurable}
/// (<https://webidl.spec.whatwg.org/#create-a-namespace-object>).
pub fn create_namespace_object(
    cx: &mut JSContext,
    global: HandleObject,
    name: &'static CStr,
    class: &'static JSClass,
    methods: &'static [mozjs::jsapi::JSFunctionSpec],
    cache_index: usize,
) {
    unsafe {
        rooted!(&in(cx) let mut proto = mozjs::jsapi::GetRealmObjectPrototype(cx.raw_cx()));
        if name == c"console" {
            // <https://console.spec.whatwg.org/#console-namespace>: "the namespace object
            // for console must have as its [[Prototype]] an empty object, created as if by
            // OrdinaryObjectCreate(%Object.prototype%), instead of %Object.prototype%."
            let empty = mozjs::jsapi::JS_NewPlainObject(cx.raw_cx());
            assert!(!empty.is_null());
            proto.set(empty);
        }
        rooted!(&in(cx) let obj = JS_NewObjectWithGivenProto(cx.raw_cx(), class, proto.handle().into()));
        assert!(!obj.get().is_null());
        mozjs::rust::define_methods(cx, obj.handle(), methods).expect("defining namespace operations failed");
        crate::dom::bindings::interface::define_to_string_tag_pub(cx, obj.handle(), name);
        let cache = get_proto_or_iface_array(global.get());
        (*cache)[cache_index].set(obj.get());
        rooted!(&in(cx) let value = ObjectValue(obj.get()));
        assert!(mozjs::jsapi::JS_DefineProperty(cx.raw_cx(), global.into(), name.as_ptr(), value.handle().into(), 0));
    }
}

/// Implemented by the generated bindings for every instantiable DOM struct.
pub trait DomObjectWrap: Sized + DomObject {
    const WRAP: fn(&mut JSContext, &Window, Option<HandleObject>, Box<Self>) -> DomRoot<Self>;
}

/// Creates the reflector of `object` in `global` (the usual way to make a DOM object).
/// The struct is traced while its reflector is allocated (see [`while_rooted`]).
pub fn reflect_dom_object<T: DomObjectWrap + JSTraceable + 'static>(
    cx: &mut JSContext,
    object: Box<T>,
    global: &Window,
) -> DomRoot<T> {
    while_rooted(object, |object| T::WRAP(cx, global, None, object))
}

/// Same, with the prototype a subclass constructor asked for.
pub fn reflect_dom_object_with_proto<T: DomObjectWrap + JSTraceable + 'static>(
    cx: &mut JSContext,
    object: Box<T>,
    global: &Window,
    proto: Option<HandleObject>,
) -> DomRoot<T> {
    while_rooted(object, |object| T::WRAP(cx, global, proto, object))
}

//! Named access on the Window object
//! (<https://html.spec.whatwg.org/multipage/nav-history-apis.html#named-access-on-the-window-object>):
//! `window.frameName` for a child navigable's target name, `window.someId` for an element with
//! that id (or that `name`, for `embed`, `form`, `img` and `object`).
//!
//! As WebIDL asks for `[Global]` interfaces with a named getter, the names live on a *named
//! properties object* (<https://webidl.spec.whatwg.org/#named-properties-object>) placed between
//! `Window.prototype` and `EventTarget.prototype`: a SpiderMonkey proxy whose
//! `[[GetOwnProperty]]` looks the name up in the window's document at each access (so the answer
//! follows the tree), after the named property visibility algorithm (a name that any later
//! prototype has, such as `addEventListener` or `toString`, is not shadowed; names on the window
//! itself or `Window.prototype` are found before the proxy is reached).

use std::ffi::c_void;
use std::ptr;

use mozjs::context::JSContext;
use mozjs::glue::{CreateProxyHandler, NewProxyObject, ProxyTraps, SetDataPropertyDescriptor};
use mozjs::jsapi::{
    GetStaticPrototype, HandleId, HandleObject as RawHandleObject, JS_GetPrototype, JS_HasPropertyById,
    JS_SetPrototype, JSContext as RawJSContext, JSObject, MutableHandle, MutableHandleIdVector, ObjectOpResult,
    PropertyDescriptor,
};
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;

use crate::dom::bindings::codegen::HTMLIFrameElementBinding::HTMLIFrameElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::html::htmliframeelement::HTMLIFrameElement;
use crate::dom::html::window::Window;

/// What a name designates.
enum Named {
    Window(DomRoot<Window>),
    Element(DomRoot<Element>),
}

/// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-nameditem>: the
/// first match in tree order.
fn named_item(cx: &mut JSContext, window: &Window, name: &str) -> Option<Named> {
    if name.is_empty() {
        return None;
    }
    let document = window.document();
    let nodes = document.upcast::<Node>().traverse_preorder();
    // "If objects contains a navigable, then return the first such navigable's active
    // WindowProxy": an iframe whose name is the target name.
    for node in &nodes {
        if let Some(iframe) = node.downcast::<HTMLIFrameElement>()
            && iframe.upcast::<Element>().get_attribute_value("name").as_deref() == Some(name)
            && let Some(child) = iframe.ContentWindow(cx)
        {
            return Some(Named::Window(child));
        }
    }
    // "Otherwise, if objects has only one element, return that element; otherwise return an
    // HTMLCollection": Aperture returns the first (a collection of same-named elements is not
    // implemented).
    nodes
        .iter()
        .filter_map(|n| n.downcast::<Element>())
        .find_map(|e| {
            let by_name = matches!(e.local_name(), "embed" | "form" | "img" | "object")
                && e.get_attribute_value("name").as_deref() == Some(name);
            (by_name || e.get_attribute_value("id").as_deref() == Some(name)).then(|| DomRoot::from_ref(e))
        })
        .map(Named::Element)
}

/// The windows of the document's child navigables (iframes with a content window), in tree
/// order: `window.length` and `window[index]`
/// (<https://html.spec.whatwg.org/multipage/nav-history-apis.html#document-tree-child-navigables>).
pub fn child_windows(cx: &mut JSContext, window: &Window) -> Vec<DomRoot<Window>> {
    let document = window.document();
    document
        .upcast::<Node>()
        .traverse_preorder()
        .iter()
        .filter_map(|n| n.downcast::<HTMLIFrameElement>().and_then(|f| f.ContentWindow(cx)))
        .collect()
}

/// <https://webidl.spec.whatwg.org/#named-properties-object-getownproperty>
unsafe extern "C" fn get_own_property_descriptor(
    cx: *mut RawJSContext,
    proxy: RawHandleObject,
    id: HandleId,
    desc: MutableHandle<PropertyDescriptor>,
    is_none: *mut bool,
) -> bool {
    // SAFETY: SpiderMonkey calls the trap with a live context, proxy and id.
    unsafe {
        *is_none = true;
        // `window[index]`: the index-th child navigable's window (WindowProxy's
        // [[GetOwnProperty]] in HTML; answered here, one step up the chain).
        if mozjs::glue::RUST_JSID_IS_INT(id) {
            let index = mozjs::glue::RUST_JSID_TO_INT(id);
            let window = Window::from_object(proxy.get());
            let mut jscx = JSContext::from_ptr(ptr::NonNull::new_unchecked(cx));
            if let Some(child) =
                usize::try_from(index).ok().and_then(|i| child_windows(&mut jscx, &window).into_iter().nth(i))
            {
                rooted!(in(cx) let value = ObjectValue(child.reflector().get_raw()));
                SetDataPropertyDescriptor(desc, value.handle().into(), mozjs::jsapi::JSPROP_ENUMERATE as u32);
                *is_none = false;
            }
            return true;
        }
        if !mozjs::glue::RUST_JSID_IS_STRING(id) {
            return true;
        }
        // The named property visibility algorithm: a later prototype's property wins.
        rooted!(in(cx) let proto = GetStaticPrototype(proxy.get()));
        if !proto.get().is_null() {
            let mut found = false;
            if !JS_HasPropertyById(cx, proto.handle().into(), id, &mut found) {
                return false;
            }
            if found {
                return true;
            }
        }
        // The named properties object belongs to its window's realm.
        let window = Window::from_object(proxy.get());
        let mut jscx = JSContext::from_ptr(ptr::NonNull::new_unchecked(cx));
        let Some(jsstr) = ptr::NonNull::new(mozjs::glue::RUST_JSID_TO_STRING(id)) else { return true };
        let name = mozjs::conversions::jsstr_to_string(&jscx, jsstr);
        let object = match named_item(&mut jscx, &window, &name) {
            Some(Named::Window(w)) => w.reflector().get_raw(),
            Some(Named::Element(e)) => e.reflector().get_raw(),
            None => return true,
        };
        rooted!(in(cx) let value = ObjectValue(object));
        // {[[Value]]: value, [[Writable]]: true, [[Enumerable]]: false, [[Configurable]]: true}
        SetDataPropertyDescriptor(desc, value.handle().into(), 0);
        *is_none = false;
        true
    }
}

/// <https://webidl.spec.whatwg.org/#named-properties-object-defineownproperty>: "Return false."
unsafe extern "C" fn define_property(
    _cx: *mut RawJSContext,
    _proxy: RawHandleObject,
    _id: HandleId,
    _desc: mozjs::jsapi::Handle<PropertyDescriptor>,
    result: *mut ObjectOpResult,
) -> bool {
    // SAFETY: `result` is SpiderMonkey's out-parameter.
    unsafe { (*result).fail_cant_define_window_named_property() }
}

/// <https://webidl.spec.whatwg.org/#named-properties-object-delete>: "Return false."
unsafe extern "C" fn delete(
    _cx: *mut RawJSContext,
    _proxy: RawHandleObject,
    _id: HandleId,
    result: *mut ObjectOpResult,
) -> bool {
    // SAFETY: `result` is SpiderMonkey's out-parameter.
    unsafe { (*result).fail_cant_delete_window_named_property() }
}

/// The names are not enumerable (`[LegacyUnenumerableNamedProperties]`): no own keys listed.
unsafe extern "C" fn own_property_keys(
    _cx: *mut RawJSContext,
    _proxy: RawHandleObject,
    _props: MutableHandleIdVector,
) -> bool {
    true
}

unsafe extern "C" fn class_name(_cx: *mut RawJSContext, _proxy: RawHandleObject) -> *const libc::c_char {
    c"WindowProperties".as_ptr()
}

// The prototype and extensibility traps are the ones every Aperture proxy uses.
use crate::dom::bindings::proxyhandler::{get_prototype_if_ordinary, is_extensible, prevent_extensions};

static TRAPS: ProxyTraps = ProxyTraps {
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
    trace: None,
    finalize: None,
    objectMoved: None,
    isCallable: None,
    isConstructor: None,
};

/// Puts a named properties object between `window_proto` (Window.prototype, while the global
/// is being made) and its prototype (EventTarget.prototype).
///
/// # Safety
/// `cx` is in the new global's realm and `window_proto` is its live Window.prototype.
pub unsafe fn install(cx: &mut JSContext, window_proto: mozjs::rust::HandleObject) {
    // One immutable handler for the process, as for DOM proxies (`proxyhandler::create_handler`):
    // a handler per thread was never freed, so every worker leaked one (found by valgrind).
    static HANDLER: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    // SAFETY: TRAPS is a static table of valid trap functions; no extra data. The handler holds
    // only them, so any thread's runtime may use it.
    let handler = *HANDLER.get_or_init(|| unsafe { CreateProxyHandler(&TRAPS, ptr::null()) } as usize) as *const c_void;
    // SAFETY: per the function's contract; every object made here is rooted.
    unsafe {
        let raw = cx.raw_cx();
        rooted!(in(raw) let mut parent = ptr::null_mut::<JSObject>());
        if !JS_GetPrototype(raw, window_proto.into(), parent.handle_mut().into()) {
            return;
        }
        rooted!(in(raw) let private = UndefinedValue());
        rooted!(in(raw) let named = NewProxyObject(raw, handler, private.handle().into(), parent.get(), ptr::null(), false));
        if named.get().is_null() || !JS_SetPrototype(raw, window_proto.into(), named.handle().into()) {
            log::warn!("named access on the window: the named properties object could not be installed");
        }
    }
}

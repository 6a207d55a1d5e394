//! Event handler content attributes (`<body onload="…">`, `<script onerror="…">`):
//! <https://html.spec.whatwg.org/multipage/webappapis.html#event-handler-content-attributes>.
//!
//! The attribute's value is compiled into a function `(event) => { … }`
//! whose scope chain is the element, then its document, then the global, and
//! becomes the element's event handler (the window's, for the body's
//! window-reflecting handlers). Aperture compiles when the attribute is set on
//! an element whose document runs scripts, or when such an element is
//! inserted into one (HTML compiles lazily, at first use; the difference shows
//! only in when a syntax error is reported). Form owners are not in the scope
//! chain (there are no forms).

use std::ffi::CString;
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsapi::{JS_GetFunctionObject, JSObject, SupportUnscopables};
use mozjs::rooted;
use mozjs::rust::{CompileOptionsWrapper, EnvironmentChain, transform_u16_to_source_text};

use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;

/// <https://html.spec.whatwg.org/multipage/webappapis.html#globaleventhandlers>
/// (the handlers pages commonly use) and the body's window-reflecting ones.
const HANDLERS: &[&str] = &[
    "abort",
    "auxclick",
    "blur",
    "cancel",
    "canplay",
    "canplaythrough",
    "change",
    "click",
    "close",
    "contextmenu",
    "cuechange",
    "dblclick",
    "drag",
    "dragend",
    "dragenter",
    "dragleave",
    "dragover",
    "dragstart",
    "drop",
    "durationchange",
    "emptied",
    "ended",
    "error",
    "focus",
    "input",
    "invalid",
    "keydown",
    "keypress",
    "keyup",
    "load",
    "loadeddata",
    "loadedmetadata",
    "loadstart",
    "mousedown",
    "mouseenter",
    "mouseleave",
    "mousemove",
    "mouseout",
    "mouseover",
    "mouseup",
    "pause",
    "play",
    "playing",
    "pointerdown",
    "pointermove",
    "pointerup",
    "progress",
    "ratechange",
    "reset",
    "resize",
    "scroll",
    "seeked",
    "seeking",
    "select",
    "selectionchange",
    "selectstart",
    "stalled",
    "submit",
    "suspend",
    "timeupdate",
    "toggle",
    "volumechange",
    "waiting",
    "wheel",
    "afterprint",
    "beforeprint",
    "beforeunload",
    "hashchange",
    "languagechange",
    "message",
    "offline",
    "online",
    "pagehide",
    "pageshow",
    "popstate",
    "rejectionhandled",
    "storage",
    "unhandledrejection",
    "unload",
];

/// <https://html.spec.whatwg.org/multipage/webappapis.html#window-reflecting-body-element-event-handler-set>
const WINDOW_REFLECTING: &[&str] = &[
    "blur",
    "error",
    "focus",
    "load",
    "resize",
    "scroll",
    "afterprint",
    "beforeprint",
    "beforeunload",
    "hashchange",
    "languagechange",
    "message",
    "offline",
    "online",
    "pagehide",
    "pageshow",
    "popstate",
    "rejectionhandled",
    "storage",
    "unhandledrejection",
    "unload",
];

/// The event type of handler attribute `name` (`onload` → `load`), if it is one.
fn event_type(name: &str) -> Option<&'static str> {
    let event = name.strip_prefix("on")?;
    HANDLERS.iter().find(|h| **h == event).copied()
}

/// The target whose handler the attribute sets: the element, or the window for
/// the body's window-reflecting handlers. None when the document runs no scripts.
fn handler_target(element: &Element, event: &str) -> Option<DomRoot<EventTarget>> {
    let document = element.upcast::<Node>().owner_doc();
    let window = document.browsing_window()?;
    if element.is_html_element()
        && matches!(element.local_name(), "body" | "frameset")
        && WINDOW_REFLECTING.contains(&event)
    {
        return Some(DomRoot::upcast(window));
    }
    Some(DomRoot::from_ref(element.upcast::<EventTarget>()))
}

/// The attribute change steps for event handler content attributes.
pub fn attribute_changed(cx: &mut JSContext, element: &Element, name: &str) {
    let Some(event) = event_type(name) else { return };
    // Elements with GlobalEventHandlers: HTML, SVG and MathML elements.
    if !element.is_html_svg_or_mathml_element() {
        return;
    }
    let Some(target) = handler_target(element, event) else { return };
    match element.get_attribute_value(name) {
        // Removed: the handler becomes null.
        None => target.set_event_handler(event, None),
        // Set: compile it as the event handler's value.
        Some(body) => {
            let handler = compile(cx, element, name, &body);
            target.set_event_handler(event, handler);
        }
    }
}

/// An element became connected: compile the handler attributes it brought
/// along (parsed by innerHTML into a document without scripting, say).
pub fn inserted(cx: &mut JSContext, node: &Node, connected: bool) {
    if !connected {
        return;
    }
    let Some(element) = node.downcast::<Element>() else { return };
    // Elements with GlobalEventHandlers: HTML, SVG and MathML elements.
    if !element.is_html_svg_or_mathml_element() {
        return;
    }
    for attribute in element.attributes() {
        if attribute.namespace.is_some() {
            continue;
        }
        let Some(event) = event_type(&attribute.local_name) else { continue };
        let Some(target) = handler_target(element, event) else { return };
        if target.get_event_handler(event).is_none() {
            let handler = compile(cx, element, &attribute.local_name, &attribute.value);
            target.set_event_handler(event, handler);
        }
    }
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#getting-the-current-value-of-the-event-handler>,
/// step 1.4 onwards: compile `body` as a function of `event` named after the attribute,
/// with the element and its document on the scope chain. A syntax error is reported
/// and leaves the handler null.
fn compile(cx: &mut JSContext, element: &Element, name: &str, body: &str) -> Option<Rc<EventHandlerNonNull>> {
    let document = element.upcast::<Node>().owner_doc();
    let window = document.window_for_objects();
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.reflector().get_raw());
    // Step 1.10: names resolve on the element, then its document, then the global
    // (the chain lists the innermost object first).
    let chain = EnvironmentChain::new(cx, SupportUnscopables::Yes);
    chain.append(element.reflector().get_raw());
    chain.append(document.reflector().get_raw());
    let url = document.url().to_string();
    let filename = CString::new(url.replace('\0', "")).unwrap_or_default();
    let options = CompileOptionsWrapper::new(cx, filename, 1);
    let function_name = CString::new(name).unwrap_or_default();
    let event_arg = c"event";
    let arg_names = [event_arg.as_ptr()];
    let source: Vec<u16> = body.encode_utf16().collect();
    let mut source = transform_u16_to_source_text(&source);
    // SAFETY: the options, scope chain and source text live across the call; the function
    // returned is rooted (as its object) before anything else can GC; `cx` is this thread's live context; its raw pointer goes straight into the call.
    let function = unsafe {
        mozjs::jsapi::CompileFunction(
            cx.raw_cx(),
            chain.get(),
            options.ptr,
            function_name.as_ptr(),
            arg_names.len() as u32,
            arg_names.as_ptr(),
            &mut source,
        )
    };
    if function.is_null() {
        // Step 1.10 (failure): report the exception; the handler stays null.
        crate::script_runtime::report_pending_exception(cx);
        return None;
    }
    // SAFETY: `function` was just returned non-null and nothing ran since; the object is
    // rooted at once.
    rooted!(&in(cx) let object: *mut JSObject = unsafe { JS_GetFunctionObject(function) });
    Some(Rc::new(EventHandlerNonNull::new(object.get())))
}

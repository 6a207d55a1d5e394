//! The Fullscreen API (<https://fullscreen.spec.whatwg.org/>) in a headless host: there is no
//! screen to fill, so entering fullscreen changes no viewport, but the state machine is the
//! standard's: `requestFullscreen()` asks for transient activation and an element that may be
//! shown fullscreen, consumes the activation, and resolves; `document.fullscreenElement` names
//! the element; `fullscreenchange` (or `fullscreenerror`) fires at it, bubbling and composed,
//! after the promise settles; `exitFullscreen()` leaves. An element that leaves its document is
//! no longer its fullscreen element.
//!
//! `Element` and `Document` include the members with [`element_fullscreen_methods!`] and
//! [`document_fullscreen_methods!`]; `:fullscreen` matches through [`fullscreen_element`]
//! (`dom/dom/selectormatching.rs`). Not here: the top layer's rendering and nested browsing
//! contexts' fullscreen (an iframe's element does not put its iframe into fullscreen).

use std::rc::Rc;

use mozjs::context::JSContext;

use crate::dom::bindings::error::Error;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::{Element, HTML_NAMESPACE};
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";
const MATHML_NAMESPACE: &str = "http://www.w3.org/1998/Math/MathML";

/// <https://fullscreen.spec.whatwg.org/#fullscreen-element>: the document's fullscreen element,
/// if it is still in the document.
pub fn fullscreen_element(document: &Document) -> Option<DomRoot<Element>> {
    let element = document.fullscreen_slot().get()?;
    let node = element.upcast::<Node>();
    if node.is_connected() && std::ptr::eq(&*node.owner_doc(), document) {
        Some(element)
    } else {
        // "Removing steps": an element removed from its document is unfullscreened.
        document.fullscreen_slot().set(None);
        None
    }
}

/// Whether `document` is fully active (shown in a browsing context that is attached).
fn fully_active(document: &Document) -> bool {
    document.browsing_window().is_some_and(|w| w.is_attached())
}

/// <https://fullscreen.spec.whatwg.org/#fullscreen-is-supported> and "allowed to use" the
/// `fullscreen` feature: a top-level document, or an iframe's (Aperture has no permissions
/// policy to deny it).
fn fullscreen_enabled(document: &Document) -> bool {
    fully_active(document)
}

/// <https://fullscreen.spec.whatwg.org/#fullscreen-element-ready-check>
fn ready_check(element: &Element) -> bool {
    let node = element.upcast::<Node>();
    // "element is connected"; "element's node document is allowed to use the "fullscreen"
    // feature"; "element namespace is not the HTML namespace or element's popover visibility
    // state is hidden" (Aperture's popovers are never shown).
    node.is_connected() && fullscreen_enabled(&node.owner_doc())
}

/// Fires `type_` at `element` (or its document if it left it), bubbling and composed, as "run
/// the fullscreen steps" does with the pending fullscreen events.
fn fire(cx: &mut JSContext, window: &Window, document: &Document, element: &Element, type_: &str) {
    let node = element.upcast::<Node>();
    let target: &EventTarget = if node.is_connected() && std::ptr::eq(&*node.owner_doc(), document) {
        element.upcast::<EventTarget>()
    } else {
        document.upcast::<EventTarget>()
    };
    crate::script_runtime::in_realm(cx, window, |cx| {
        let event = Event::new(cx, window, type_.into(), true, false);
        event.set_composed(true);
        event.set_trusted(true);
        target.dispatch(cx, &event);
    });
}

/// Settles `promise` (resolved, or rejected with a TypeError) and then fires `event` at
/// `element`: the promise settles in the standard's parallel steps and the events fire at the
/// next "run the fullscreen steps", after it.
fn settle_then_fire(window: &Window, promise: Rc<Promise>, document: &Document, element: &Element, ok: bool) {
    let tokens = (Trusted::new(window), Trusted::new(document), Trusted::new(element));
    crate::script_thread::queue_task(Box::new(move |cx| {
        if ok {
            promise.resolve_native(cx, &());
        } else {
            promise.reject_error(
                cx,
                Error::Type("Failed to execute 'requestFullscreen' on 'Element': Permissions check failed".into()),
            );
        }
        let event = if ok { "fullscreenchange" } else { "fullscreenerror" };
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let (Some(window), Some(document), Some(element)) = (tokens.0.root(), tokens.1.root(), tokens.2.root()) {
                fire(cx, &window, &document, &element, event);
            }
        }));
    }));
}

/// <https://fullscreen.spec.whatwg.org/#dom-element-requestfullscreen>
pub fn request_fullscreen(cx: &mut JSContext, element: &Element) -> Rc<Promise> {
    // 2. Let pendingDoc be this's node document.
    let pending_doc = element.upcast::<Node>().owner_doc();
    let window = element.global();
    // 3. Let promise be a new promise.
    let promise = Promise::new(cx, &window);
    // 4. If pendingDoc is not fully active, then reject promise with a TypeError exception and
    //    return promise.
    if !fully_active(&pending_doc) {
        promise.reject_error(
            cx,
            Error::Type("Failed to execute 'requestFullscreen' on 'Element': Document not active".into()),
        );
        return promise;
    }
    // 6. If any of the following conditions are false, then set error to true: this's
    //    namespace is the HTML namespace or this is an SVG svg or MathML math element; this
    //    is not a dialog element; the fullscreen element ready check for this returns true;
    //    fullscreen is supported; this's relevant global object has transient activation.
    let namespace = element.namespace();
    let local = element.local_name();
    let allowed_kind = namespace == Some(HTML_NAMESPACE)
        || (namespace == Some(SVG_NAMESPACE) && local == "svg")
        || (namespace == Some(MATHML_NAMESPACE) && local == "math");
    let is_dialog = namespace == Some(HTML_NAMESPACE) && local == "dialog";
    let activated = crate::dom::uievents::useractivation::has_transient_activation(&window);
    let error = !allowed_kind || is_dialog || !ready_check(element) || !activated;
    // 7. If error is false, then consume user activation of this's relevant global object.
    if !error {
        crate::dom::uievents::useractivation::consume_user_activation(&window);
    }
    // 11. If any of the following conditions are false, then set error to true: this's node
    //     document is pendingDoc; the fullscreen element ready check for this returns true.
    // 12. If error is true: append (fullscreenerror, this) to pendingDoc's list of pending
    //     fullscreen events; reject promise with a TypeError exception and terminate these
    //     steps.
    if error {
        settle_then_fire(&window, promise.clone(), &pending_doc, element, false);
        return promise;
    }
    // 15. For each element in fullscreenElements: if element is doc's fullscreen element,
    //     continue; "fullscreen an element" (it becomes the top of the top layer); append
    //     (fullscreenchange, element) to doc's list of pending fullscreen events.
    let already = fullscreen_element(&pending_doc).is_some_and(|f| std::ptr::eq(&*f, element));
    pending_doc.fullscreen_slot().set(Some(element));
    // 16. Resolve promise with undefined.
    if already {
        let resolved = promise.clone();
        crate::script_thread::queue_task(Box::new(move |cx| resolved.resolve_native(cx, &())));
    } else {
        settle_then_fire(&window, promise.clone(), &pending_doc, element, true);
    }
    promise
}

/// <https://fullscreen.spec.whatwg.org/#dom-document-exitfullscreen>
pub fn exit_fullscreen(cx: &mut JSContext, document: &Document) -> Rc<Promise> {
    let window = document.upcast::<Node>().global();
    // 1. Let promise be a new promise.
    let promise = Promise::new(cx, &window);
    // 2. If doc is not fully active or doc's fullscreen element is null, then reject promise
    //    with a TypeError exception and return promise.
    let Some(element) = fullscreen_element(document).filter(|_| fully_active(document)) else {
        promise.reject_error(
            cx,
            Error::Type("Failed to execute 'exitFullscreen' on 'Document': Document not active".into()),
        );
        return promise;
    };
    // 9.–13. Unfullscreen the element, append (fullscreenchange, element) to doc's list of
    //    pending fullscreen events, and resolve promise with undefined.
    document.fullscreen_slot().set(None);
    settle_then_fire(&window, promise.clone(), document, &element, true);
    promise
}

/// <https://fullscreen.spec.whatwg.org/#dom-document-fullscreenenabled>: "return true if this
/// is allowed to use the "fullscreen" feature and fullscreen is supported".
pub fn document_fullscreen_enabled(document: &Document) -> bool {
    fullscreen_enabled(document)
}

/// `onfullscreenchange` and `onfullscreenerror`, which `Element` and `Document` both have
/// (<https://fullscreen.spec.whatwg.org/#handler-document-onfullscreenchange>,
/// <https://fullscreen.spec.whatwg.org/#handler-document-onfullscreenerror>).
macro_rules! fullscreen_event_handlers {
    () => {
        /// <https://fullscreen.spec.whatwg.org/#handler-document-onfullscreenchange> (Element's is the same)
        fn Onfullscreenchange(
            &self,
            _cx: &mut JSContext,
        ) -> Option<std::rc::Rc<crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull>> {
            self.upcast::<crate::dom::dom::eventtarget::EventTarget>().get_event_handler("fullscreenchange")
        }
        /// <https://fullscreen.spec.whatwg.org/#handler-document-onfullscreenchange> (Element's is the same)
        fn SetOnfullscreenchange(
            &self,
            _cx: &mut JSContext,
            value: Option<std::rc::Rc<crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull>>,
        ) {
            self.upcast::<crate::dom::dom::eventtarget::EventTarget>().set_event_handler("fullscreenchange", value)
        }
        /// <https://fullscreen.spec.whatwg.org/#handler-document-onfullscreenerror> (Element's is the same)
        fn Onfullscreenerror(
            &self,
            _cx: &mut JSContext,
        ) -> Option<std::rc::Rc<crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull>> {
            self.upcast::<crate::dom::dom::eventtarget::EventTarget>().get_event_handler("fullscreenerror")
        }
        /// <https://fullscreen.spec.whatwg.org/#handler-document-onfullscreenerror> (Element's is the same)
        fn SetOnfullscreenerror(
            &self,
            _cx: &mut JSContext,
            value: Option<std::rc::Rc<crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull>>,
        ) {
            self.upcast::<crate::dom::dom::eventtarget::EventTarget>().set_event_handler("fullscreenerror", value)
        }
    };
}
pub(crate) use fullscreen_event_handlers;

/// The members, for `Element`'s `ElementMethods` impl block.
macro_rules! element_fullscreen_methods {
    () => {
        /// <https://fullscreen.spec.whatwg.org/#dom-element-requestfullscreen>
        fn RequestFullscreen(
            &self,
            cx: &mut JSContext,
            _options: &crate::dom::bindings::codegen::Dictionaries::FullscreenOptions,
        ) -> std::rc::Rc<crate::dom::bindings::promise::Promise> {
            crate::dom::fullscreen::request_fullscreen(cx, self)
        }
        crate::dom::fullscreen::fullscreen_event_handlers!();
    };
}
pub(crate) use element_fullscreen_methods;

/// The members, for `Document`'s `DocumentMethods` impl block.
macro_rules! document_fullscreen_methods {
    () => {
        /// <https://fullscreen.spec.whatwg.org/#dom-document-fullscreenenabled>
        fn FullscreenEnabled(&self, _cx: &mut JSContext) -> bool {
            crate::dom::fullscreen::document_fullscreen_enabled(self)
        }
        /// <https://fullscreen.spec.whatwg.org/#dom-document-fullscreen>: "return false if
        /// this's fullscreen element is null, and true otherwise".
        fn Fullscreen(&self, _cx: &mut JSContext) -> bool {
            crate::dom::fullscreen::fullscreen_element(self).is_some()
        }
        /// <https://fullscreen.spec.whatwg.org/#dom-document-fullscreenelement> (a document's
        /// fullscreen element is in the document's own tree; Aperture's shadow roots do not
        /// retarget it, as no element in a shadow tree enters fullscreen without its host's
        /// document knowing it)
        fn FullscreenElement(
            &self,
            _cx: &mut JSContext,
        ) -> Option<crate::dom::bindings::root::DomRoot<crate::dom::dom::element::Element>> {
            crate::dom::fullscreen::fullscreen_element(self)
        }
        /// <https://fullscreen.spec.whatwg.org/#dom-document-exitfullscreen>
        fn ExitFullscreen(&self, cx: &mut JSContext) -> std::rc::Rc<crate::dom::bindings::promise::Promise> {
            crate::dom::fullscreen::exit_fullscreen(cx, self)
        }
        crate::dom::fullscreen::fullscreen_event_handlers!();
    };
}
pub(crate) use document_fullscreen_methods;

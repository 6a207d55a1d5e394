//! `EventTarget` (<https://dom.spec.whatwg.org/#interface-eventtarget>) and
//! event dispatch (<https://dom.spec.whatwg.org/#concept-event-dispatch>).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::HandleObject;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Callbacks::{EventHandlerNonNull, EventListener};
use crate::dom::bindings::codegen::EventTargetBinding::EventTargetMethods;
use crate::dom::bindings::codegen::Unions::{AddEventListenerOptionsOrBoolean, EventListenerOptionsOrBoolean};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{Dom, DomRoot, RootedTraceableBox};
use crate::dom::bindings::str::DOMString;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::abortsignal::AbortSignal;
use crate::dom::dom::element::Element;
use crate::dom::dom::event::{Event, EventPhase, PathEntry};
use crate::dom::dom::node::Node;
use crate::dom::dom::shadowroot::ShadowRoot;
use crate::dom::html::window::Window;

/// What a listener calls: a page's listener, or an event handler attribute
/// (`onload = …`), which sits in the list at the place it was first set.
#[derive(Clone)]
pub enum ListenerCallback {
    Listener(Rc<EventListener>),
    Handler(Rc<RefCell<Option<Rc<EventHandlerNonNull>>>>),
}

// SAFETY: `trace` below reaches every GC thing a `ListenerCallback` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for ListenerCallback {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract), which is what the inner `trace` calls need too.
        unsafe {
            match self {
                ListenerCallback::Listener(l) => l.trace(trc),
                ListenerCallback::Handler(h) => h.borrow().trace(trc),
            }
        }
    }
}

/// An event listener (<https://dom.spec.whatwg.org/#concept-event-listener>).
pub struct Listener {
    event_type: String,
    callback: ListenerCallback,
    capture: bool,
    passive: bool,
    once: bool,
    removed: Cell<bool>,
}

// SAFETY: `trace` below reaches every GC thing a `Listener` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for Listener {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { self.callback.trace(trc) }
    }
}

impl Listener {
    fn same_callback(&self, other: &ListenerCallback) -> bool {
        match (&self.callback, other) {
            (ListenerCallback::Listener(a), ListenerCallback::Listener(b)) => a.object().get() == b.object().get(),
            (ListenerCallback::Handler(a), ListenerCallback::Handler(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

#[dom_struct]
pub struct EventTarget {
    reflector_: Reflector,
    listeners: RefCell<Vec<Rc<Listener>>>,
    /// Event handler attributes by event type.
    handlers: RefCell<Vec<(String, Rc<RefCell<Option<Rc<EventHandlerNonNull>>>>)>>,
    /// A parent in the event path (a Node's parent, a document's window), set by subclasses.
    parent: crate::dom::bindings::root::MutNullableDom<EventTarget>,
}

impl EventTarget {
    pub fn new_inherited() -> EventTarget {
        EventTarget {
            reflector_: Reflector::new(),
            listeners: RefCell::new(Vec::new()),
            handlers: RefCell::new(Vec::new()),
            parent: Default::default(),
        }
    }

    /// Sets the next target up the event path ("get the parent").
    pub fn set_event_parent(&self, parent: Option<&EventTarget>) {
        self.parent.set(parent);
    }

    /// "Get the parent" (<https://dom.spec.whatwg.org/#get-the-parent>): a node's
    /// parent, a document's window, or what a subclass set.
    pub fn event_parent(&self) -> Option<DomRoot<EventTarget>> {
        if let Some(node) = self.downcast::<crate::dom::dom::node::Node>() {
            if let Some(document) = node.downcast::<crate::dom::dom::document::Document>() {
                return document.browsing_window().map(DomRoot::upcast);
            }
            return node.parent().map(DomRoot::upcast);
        }
        self.parent.get()
    }

    /// <https://dom.spec.whatwg.org/#add-an-event-listener>
    fn add_listener(
        &self,
        event_type: &str,
        callback: ListenerCallback,
        capture: bool,
        passive: Option<bool>,
        once: bool,
    ) {
        let mut listeners = self.listeners.borrow_mut();
        // Step 5: if the list contains a listener with the same type, callback and capture, do nothing.
        if listeners.iter().any(|l| l.event_type == event_type && l.capture == capture && l.same_callback(&callback)) {
            return;
        }
        listeners.push(Rc::new(Listener {
            event_type: event_type.to_owned(),
            callback,
            capture,
            passive: passive.unwrap_or(false),
            once,
            removed: Cell::new(false),
        }));
    }

    /// <https://dom.spec.whatwg.org/#remove-an-event-listener>
    fn remove_listener(&self, event_type: &str, callback: &ListenerCallback, capture: bool) {
        self.listeners.borrow_mut().retain(|l| {
            let matches = l.event_type == event_type && l.capture == capture && l.same_callback(callback);
            if matches {
                // Step 1: set listener's removed to true.
                l.removed.set(true);
            }
            !matches
        });
    }

    /// The value of event handler attribute `on{event_type}`.
    pub fn get_event_handler(&self, event_type: &str) -> Option<Rc<EventHandlerNonNull>> {
        self.handlers.borrow().iter().find(|(t, _)| t == event_type).and_then(|(_, h)| h.borrow().clone())
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#event-handler-attributes>:
    /// setting a non-null value the first time adds a listener, which keeps its
    /// position when the value changes later.
    pub fn set_event_handler(&self, event_type: &str, value: Option<Rc<EventHandlerNonNull>>) {
        let existing = self.handlers.borrow().iter().find(|(t, _)| t == event_type).map(|(_, h)| h.clone());
        match existing {
            Some(cell) => *cell.borrow_mut() = value,
            None => {
                if value.is_none() {
                    return;
                }
                let cell = Rc::new(RefCell::new(value));
                self.handlers.borrow_mut().push((event_type.to_owned(), cell.clone()));
                self.add_listener(event_type, ListenerCallback::Handler(cell), false, None, false);
            }
        }
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#erase-all-event-listeners-and-handlers>:
    /// every event handler becomes null and every listener is removed (and marked removed, so
    /// a dispatch under way skips it). A handler set later registers a new listener.
    pub fn erase_all_listeners_and_handlers(&self) {
        for (_, handler) in self.handlers.take() {
            *handler.borrow_mut() = None;
        }
        for listener in self.listeners.take() {
            listener.removed.set(true);
        }
    }

    /// Whether any event listener is registered (XHR's "upload listener flag").
    pub fn has_any_listeners(&self) -> bool {
        !self.listeners.borrow().is_empty()
    }

    pub fn has_listeners_for(&self, event_type: &str) -> bool {
        self.listeners.borrow().iter().any(|l| l.event_type == event_type)
    }

    /// Fires a simple trusted event named `name` at this target.
    pub fn fire_event(&self, cx: &mut JSContext, name: &str) -> bool {
        let window = crate::dom::globalscope::DomGlobal::global(self);
        let event = Event::new(cx, &window, name.into(), false, false);
        event.set_trusted(true);
        self.dispatch(cx, &event)
    }

    /// Fires a trusted event that bubbles/is cancelable as asked.
    pub fn fire_event_with(&self, cx: &mut JSContext, name: &str, bubbles: bool, cancelable: bool) -> bool {
        let window = crate::dom::globalscope::DomGlobal::global(self);
        let event = Event::new(cx, &window, name.into(), bubbles, cancelable);
        event.set_trusted(true);
        self.dispatch(cx, &event)
    }

    /// "Get the parent" of this target for `event`
    /// (<https://dom.spec.whatwg.org/#get-the-parent>), where `first_root` is the root of the
    /// path's first invocation target.
    fn parent_for_event(&self, event: &Event, first_root: Option<&Node>) -> Option<DomRoot<EventTarget>> {
        // "A shadow root's get the parent algorithm, given an event, returns null if event's
        // composed flag is unset and shadow root is the root of event's path's first struct's
        // invocation target; otherwise shadow root's host."
        if let Some(shadow) = self.downcast::<ShadowRoot>() {
            if !event.composed() && first_root.is_some_and(|r| std::ptr::eq(r, shadow.upcast::<Node>())) {
                return None;
            }
            return Some(DomRoot::upcast(shadow.host()));
        }
        // "A node's get the parent algorithm, given an event, returns the node's assigned slot,
        // if node is assigned; otherwise node's parent."
        if let Some(node) = self.downcast::<Node>()
            && (node.is::<Element>() || node.is::<crate::dom::dom::text::Text>())
            && let Some(slot) = crate::dom::dom::shadowroot::find_a_slot(node, false)
        {
            return Some(DomRoot::upcast(slot));
        }
        self.event_parent()
    }

    /// <https://dom.spec.whatwg.org/#concept-event-dispatch>. Returns false if
    /// the event was canceled.
    pub fn dispatch(&self, cx: &mut JSContext, event: &Event) -> bool {
        // Step 1: Set event's dispatch flag.
        event.set_dispatching(true);
        // Step 5: build the event path: this target, then "get the parent" of each.
        let first_root = self.downcast::<Node>().map(|n| n.root());
        let mut path: Vec<DomRoot<EventTarget>> = vec![DomRoot::from_ref(self)];
        while let Some(parent) = path.last().and_then(|t| t.parent_for_event(event, first_root.as_deref())) {
            if path.iter().any(|p| std::ptr::eq(&**p, &*parent)) {
                break;
            }
            path.push(parent);
        }
        // The structs' root-of-closed-tree and slot-in-closed-tree, for composedPath().
        let in_closed_shadow_root = |t: &EventTarget| {
            t.downcast::<Node>().and_then(|n| n.root().downcast_root::<ShadowRoot>()).is_some_and(|s| s.is_closed())
        };
        event.set_path(
            path.iter()
                .map(|t| PathEntry {
                    invocation_target: crate::dom::bindings::root::Dom::from_ref(&**t),
                    root_of_closed_tree: t.downcast::<ShadowRoot>().is_some_and(|s| s.is_closed()),
                    slot_in_closed_tree: t.is::<crate::dom::html::htmlslotelement::HTMLSlotElement>()
                        && in_closed_shadow_root(t),
                })
                .collect(),
        );
        // Each struct's invocation-target-in-shadow-tree, fixed when the path is built (a node
        // moved by a listener keeps it): the target is a node whose root is a shadow root.
        let in_shadow_tree: Vec<bool> =
            path.iter().map(|t| t.downcast::<Node>().is_some_and(|node| node.root().is::<ShadowRoot>())).collect();
        // The target as each struct sees it: "retarget target against" the invocation target
        // (a legacy target override is used as it is).
        let override_target = event.target_override();
        let adjusted_target = |item: &EventTarget| -> DomRoot<EventTarget> {
            match &override_target {
                Some(t) => t.clone(),
                None => retarget(self, item),
            }
        };
        // A struct is "at target" when its shadow-adjusted target is itself (with a legacy
        // target override, only the first struct is).
        let at_target = |item: &EventTarget| match &override_target {
            Some(_) => std::ptr::eq(item, self),
            None => std::ptr::eq(&*retarget(self, item), item),
        };
        // Step 5.13: "For each struct in event's path, in reverse order": AT_TARGET if its
        // shadow-adjusted target is non-null, otherwise CAPTURING_PHASE; invoke "capturing".
        for (target, &in_shadow_tree) in path.iter().zip(&in_shadow_tree).rev() {
            if event.propagation_stopped() {
                break;
            }
            event.set_target(Some(&adjusted_target(target)));
            if at_target(target) {
                event.set_phase(EventPhase::AtTarget);
                target.invoke_listeners(cx, event, ListenerPhase::AtTargetCapture, in_shadow_tree);
            } else {
                event.set_phase(EventPhase::Capturing);
                target.invoke_listeners(cx, event, ListenerPhase::Capturing, in_shadow_tree);
            }
        }
        // Step 5.14: "For each struct in event's path": AT_TARGET if its shadow-adjusted target
        // is non-null; otherwise, skip it if event's bubbles is false, else BUBBLING_PHASE;
        // invoke "bubbling".
        for (target, &in_shadow_tree) in path.iter().zip(&in_shadow_tree) {
            if event.propagation_stopped() {
                break;
            }
            event.set_target(Some(&adjusted_target(target)));
            if at_target(target) {
                event.set_phase(EventPhase::AtTarget);
                target.invoke_listeners(cx, event, ListenerPhase::AtTargetBubble, in_shadow_tree);
            } else if event.bubbles() {
                event.set_phase(EventPhase::Bubbling);
                target.invoke_listeners(cx, event, ListenerPhase::Bubbling, in_shadow_tree);
            }
        }
        // The target stays the one the last struct saw.
        if let Some(last) = path.last() {
            event.set_target(Some(&adjusted_target(last)));
        }
        // Steps 6–12: reset phase, current target, path and flags.
        event.set_phase(EventPhase::None);
        event.set_current_target(None);
        event.set_path(Vec::new());
        event.set_dispatching(false);
        event.clear_propagation_flags();
        !event.canceled()
    }

    /// <https://dom.spec.whatwg.org/#concept-event-listener-inner-invoke>
    fn invoke_listeners(&self, cx: &mut JSContext, event: &Event, phase: ListenerPhase, in_shadow_tree: bool) {
        event.set_current_target(Some(self));
        // Step 2 of "invoke": clone the listener list, rooted while we call out.
        let listeners = RootedTraceableBox::new(ListenerList(self.listeners.borrow().clone()));
        let event_type = event.type_str();
        for listener in listeners.0.iter() {
            if listener.event_type != event_type || listener.removed.get() {
                continue;
            }
            let wanted = match phase {
                ListenerPhase::Capturing | ListenerPhase::AtTargetCapture => listener.capture,
                ListenerPhase::Bubbling | ListenerPhase::AtTargetBubble => !listener.capture,
            };
            if !wanted {
                continue;
            }
            // Step: If listener's once is true, remove it.
            if listener.once {
                self.remove_listener(&listener.event_type, &listener.callback, listener.capture);
            }
            if listener.passive {
                event.set_in_passive_listener(true);
            }
            // 8-10. "Let global be listener callback's associated realm's global object. Let
            // currentEvent be undefined. If global is a Window object: set currentEvent to
            // global's current event; if struct's invocation-target-in-shadow-tree is false,
            // set global's current event to event."
            let window = listener_window(&listener.callback);
            let current_event = window.as_ref().map(|window| {
                let current = window.current_event();
                if !in_shadow_tree {
                    window.set_current_event(Some(event));
                }
                current
            });
            // 11. Call the listener's callback. ("Clean up after running a callback": when no
            // script is left on the stack, as for an event fired by a task, the microtask
            // checkpoint runs after each listener, not once after the whole dispatch.)
            self.call_listener(cx, event, &listener.callback);
            crate::script_runtime::microtask_checkpoint_if_idle(cx);
            // 12. Unset event's in passive listener flag.
            event.set_in_passive_listener(false);
            // 13. "If global is a Window object, then set global's current event to currentEvent."
            if let (Some(window), Some(current)) = (window, current_event) {
                window.set_current_event(current.as_deref());
            }
            if event.immediate_propagation_stopped() {
                break;
            }
        }
    }

    fn call_listener(&self, cx: &mut JSContext, event: &Event, callback: &ListenerCallback) {
        let _guard = crate::script_thread::ScriptGuard::new();
        rooted!(&in(cx) let this = ObjectValue(self.reflector().get_raw()));
        match callback {
            ListenerCallback::Listener(listener) => {
                if listener.HandleEvent(cx, this.handle(), event, ExceptionHandling::Report).is_err() {
                    event.set_listeners_threw();
                }
            }
            ListenerCallback::Handler(cell) => {
                let handler = cell.borrow().clone();
                let Some(handler) = handler else { return };
                let handler = RootedTraceableBox::new(HandlerRoot(handler));
                rooted!(&in(cx) let mut retval = UndefinedValue());
                // A non-callable object value is ignored ([LegacyTreatNonObjectAsNull]).
                // SAFETY: the handler's callable is held by the handler (a traced callback object) for
                // this call, and the call only reads its class.
                if !unsafe { mozjs::jsapi::IsCallable(handler.0.callable().get()) } {
                    return;
                }
                // <https://html.spec.whatwg.org/multipage/webappapis.html#the-event-handler-processing-algorithm>:
                // a window's onerror handler receiving an ErrorEvent is an OnErrorEventHandler,
                // called with the event's message, filename, lineno, colno and error; its return
                // value true cancels the event.
                if let Some(error) = self.error_event_for_onerror(event) {
                    let result = call_onerror_handler(cx, &handler.0, this.handle(), &error, retval.handle_mut());
                    if result.is_ok() && retval.get().is_boolean() && retval.get().to_boolean() {
                        event.cancel_from_handler();
                    }
                    return;
                }
                let result = handler.0.Call_(cx, this.handle(), event, retval.handle_mut(), ExceptionHandling::Report);
                if result.is_err() {
                    event.set_listeners_threw();
                }
                // The return value false cancels the event (for most handlers).
                if result.is_ok() && retval.get().is_boolean() && !retval.get().to_boolean() {
                    event.cancel_from_handler();
                }
            }
        }
    }
}

/// The Window of a listener callback's realm, if that global is a Window (not a worker's).
fn listener_window(callback: &ListenerCallback) -> Option<DomRoot<crate::dom::html::window::Window>> {
    let object = match callback {
        ListenerCallback::Listener(listener) => listener.object().get(),
        ListenerCallback::Handler(cell) => cell.borrow().as_ref()?.callable().get(),
    };
    if object.is_null() {
        return None;
    }
    let window = crate::dom::html::window::Window::from_object(object);
    (!window.is_worker()).then_some(window)
}

impl EventTarget {
    /// The ErrorEvent when `event` is an `error` ErrorEvent dispatched at a Window (the case in
    /// which the handler is an OnErrorEventHandler).
    fn error_event_for_onerror(&self, event: &Event) -> Option<DomRoot<crate::dom::html::errorevent::ErrorEvent>> {
        if event.type_str() != "error"
            || !(self.is::<crate::dom::html::window::Window>()
                || self.is::<crate::dom::workers::workerglobalscope::WorkerGlobalScope>())
        {
            return None;
        }
        event.downcast::<crate::dom::html::errorevent::ErrorEvent>().map(DomRoot::from_ref)
    }
}

/// Calls a window's onerror handler with (message, source, lineno, colno, error).
fn call_onerror_handler(
    cx: &mut JSContext,
    handler: &EventHandlerNonNull,
    this: mozjs::rust::HandleValue,
    error: &crate::dom::html::errorevent::ErrorEvent,
    retval: mozjs::rust::MutableHandleValue,
) -> crate::dom::bindings::error::Fallible<()> {
    use crate::dom::bindings::codegen::ErrorEventBinding::ErrorEventMethods;
    use crate::dom::bindings::conversions::ToJSVal;
    // Arguments are converted in the handler's realm.
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, handler.callable().get());
    rooted!(&in(cx) let mut argv = Vec::<mozjs::jsval::JSVal>::new());
    rooted!(&in(cx) let mut arg = UndefinedValue());
    error.Message(cx).to_jsval(cx, arg.handle_mut());
    argv.push(arg.get());
    error.Filename(cx).to_jsval(cx, arg.handle_mut());
    argv.push(arg.get());
    error.Lineno(cx).to_jsval(cx, arg.handle_mut());
    argv.push(arg.get());
    error.Colno(cx).to_jsval(cx, arg.handle_mut());
    argv.push(arg.get());
    error.Error(cx, arg.handle_mut());
    argv.push(arg.get());
    let args = mozjs::jsapi::HandleValueArray::from(&argv);
    handler.call(cx, this, &args, retval, ExceptionHandling::Report)
}

struct ListenerList(Vec<Rc<Listener>>);
// SAFETY: `trace` below reaches every GC thing a `ListenerList` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for ListenerList {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        for l in &self.0 {
            // SAFETY: called from `trace` with the tracer of a GC in progress (the
            // JSTraceable contract), which is what the inner `trace` needs too.
            unsafe { l.trace(trc) };
        }
    }
}

struct HandlerRoot(Rc<EventHandlerNonNull>);
// SAFETY: `trace` below reaches every GC thing a `HandlerRoot` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for HandlerRoot {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { self.0.trace(trc) }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ListenerPhase {
    Capturing,
    AtTargetCapture,
    AtTargetBubble,
    Bubbling,
}

impl EventTargetMethods for EventTarget {
    /// <https://dom.spec.whatwg.org/#dom-eventtarget-eventtarget>
    fn Constructor(cx: &mut JSContext, global: &Window, proto: Option<HandleObject>) -> Fallible<DomRoot<EventTarget>> {
        Ok(reflect_dom_object_with_proto(cx, Box::new(EventTarget::new_inherited()), global, proto))
    }

    /// <https://dom.spec.whatwg.org/#dom-eventtarget-addeventlistener>
    fn AddEventListener(
        &self,
        _cx: &mut JSContext,
        type_: DOMString,
        callback: Option<Rc<EventListener>>,
        options: AddEventListenerOptionsOrBoolean,
    ) {
        // Step 1: flatten more options.
        let (capture, passive, once, signal) = match options {
            AddEventListenerOptionsOrBoolean::Boolean(capture) => (capture, None, false, None),
            AddEventListenerOptionsOrBoolean::AddEventListenerOptions(o) => {
                (o.capture, o.passive, o.once, o.signal.clone())
            }
        };
        // Step 2 of "add an event listener": if signal is aborted, return.
        if signal.as_ref().is_some_and(|s| s.is_aborted()) {
            return;
        }
        // Step 3: if listener's callback is null, return.
        let Some(callback) = callback else { return };
        let callback = ListenerCallback::Listener(callback);
        self.add_listener(&type_, callback.clone(), capture, passive, once);
        // Step 6: if signal is not null, add an abort algorithm that removes the listener.
        if let Some(signal) = signal {
            signal.add_listener_removal(self, type_.to_string(), callback, capture);
        }
    }

    /// <https://dom.spec.whatwg.org/#dom-eventtarget-removeeventlistener>
    fn RemoveEventListener(
        &self,
        _cx: &mut JSContext,
        type_: DOMString,
        callback: Option<Rc<EventListener>>,
        options: EventListenerOptionsOrBoolean,
    ) {
        let capture = match options {
            EventListenerOptionsOrBoolean::Boolean(capture) => capture,
            EventListenerOptionsOrBoolean::EventListenerOptions(o) => o.capture,
        };
        let Some(callback) = callback else { return };
        self.remove_listener(&type_, &ListenerCallback::Listener(callback), capture);
    }

    /// <https://dom.spec.whatwg.org/#dom-eventtarget-dispatchevent>
    fn DispatchEvent(&self, cx: &mut JSContext, event: &Event) -> Fallible<bool> {
        // Step 1: If event's dispatch flag is set, or if its initialized flag is not set,
        // then throw an "InvalidStateError" DOMException.
        if event.is_dispatching() || !event.is_initialized() {
            return Err(Error::InvalidState("The event is already being dispatched or is not initialized.".into()));
        }
        // Step 2: Initialize event's isTrusted attribute to false.
        event.set_trusted(false);
        // Step 3: Return the result of dispatching event to this.
        Ok(self.dispatch(cx, event))
    }
}

/// Removal of a listener when its `signal` aborts.
pub struct SignalRemoval {
    pub target: Dom<EventTarget>,
    pub event_type: String,
    pub callback: ListenerCallback,
    pub capture: bool,
}

// SAFETY: `trace` below reaches every GC thing a `SignalRemoval` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for SignalRemoval {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract), which is what the inner `trace` calls need too.
        unsafe {
            self.target.trace(trc);
            self.callback.trace(trc);
        }
    }
}

impl SignalRemoval {
    pub fn run(&self) {
        self.target.remove_listener(&self.event_type, &self.callback, self.capture);
    }
}

impl AbortSignal {
    fn add_listener_removal(
        &self,
        target: &EventTarget,
        event_type: String,
        callback: ListenerCallback,
        capture: bool,
    ) {
        self.add_removal(SignalRemoval { target: Dom::from_ref(target), event_type, callback, capture });
    }
}

/// Used by `Castable` users that need the target of anything.
pub fn as_event_target<T: Castable + crate::dom::bindings::inheritance::DerivedFrom<EventTarget>>(
    t: &T,
) -> &EventTarget {
    t.upcast::<EventTarget>()
}

/// <https://dom.spec.whatwg.org/#retarget>: "To retarget an object A against an object B,
/// repeat these steps until they return an object: if one of the following is true — A is not
/// a node; A's root is not a shadow root; B is a node and A's root is a shadow-including
/// inclusive ancestor of B — then return A. Set A to A's root's host."
pub fn retarget(a: &EventTarget, b: &EventTarget) -> DomRoot<EventTarget> {
    let mut a = DomRoot::from_ref(a);
    loop {
        let Some(node) = a.downcast::<Node>() else { return a };
        let root = node.root();
        let Some(shadow) = root.downcast::<ShadowRoot>() else { return a };
        if b.downcast::<Node>().is_some_and(|b| root.is_shadow_including_inclusive_ancestor_of(b)) {
            return a;
        }
        a = DomRoot::upcast(shadow.host());
    }
}

//! `Event` (<https://dom.spec.whatwg.org/#interface-event>).

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::EventInit;
use crate::dom::bindings::codegen::EventBinding::EventMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::window::Window;

/// <https://dom.spec.whatwg.org/#dom-event-eventphase>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventPhase {
    None = 0,
    Capturing = 1,
    AtTarget = 2,
    Bubbling = 3,
}

#[dom_struct]
pub struct Event {
    reflector_: Reflector,
    #[no_trace]
    type_: RefCell<String>,
    target: MutNullableDom<EventTarget>,
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#concept-event-fire> "legacy target override".
    target_override: MutNullableDom<EventTarget>,
    current_target: MutNullableDom<EventTarget>,
    #[no_trace]
    phase: Cell<EventPhase>,
    #[no_trace]
    bubbles: Cell<bool>,
    #[no_trace]
    cancelable: Cell<bool>,
    #[no_trace]
    composed: Cell<bool>,
    #[no_trace]
    canceled: Cell<bool>,
    #[no_trace]
    stop_propagation: Cell<bool>,
    #[no_trace]
    stop_immediate: Cell<bool>,
    #[no_trace]
    in_passive_listener: Cell<bool>,
    #[no_trace]
    initialized: Cell<bool>,
    #[no_trace]
    dispatching: Cell<bool>,
    #[no_trace]
    trusted: Cell<bool>,
    #[no_trace]
    time_stamp: f64,
    /// <https://dom.spec.whatwg.org/#event-path>, while the event is dispatched.
    path: RefCell<Vec<PathEntry>>,
    /// <https://dom.spec.whatwg.org/#concept-event-dispatch>'s legacyOutputDidListenersThrowFlag:
    /// set when a listener threw (Indexed Database aborts a transaction then).
    #[no_trace]
    listeners_threw: Cell<bool>,
}

/// A struct of an event's path: its invocation target, and whether it is the root of a closed
/// shadow tree ("root-of-closed-tree") or a slot in one ("slot-in-closed-tree").
pub struct PathEntry {
    pub invocation_target: crate::dom::bindings::root::Dom<EventTarget>,
    pub root_of_closed_tree: bool,
    pub slot_in_closed_tree: bool,
}

// SAFETY: `trace` below reaches the GC things a path entry holds (its DOM objects).
unsafe impl crate::dom::bindings::trace::JSTraceable for PathEntry {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { self.invocation_target.trace(trc) }
    }
}

impl Event {
    pub fn new_inherited(window: &Window) -> Event {
        Event {
            reflector_: Reflector::new(),
            type_: RefCell::new(String::new()),
            target: Default::default(),
            target_override: Default::default(),
            current_target: Default::default(),
            phase: Cell::new(EventPhase::None),
            bubbles: Cell::new(false),
            cancelable: Cell::new(false),
            composed: Cell::new(false),
            canceled: Cell::new(false),
            stop_propagation: Cell::new(false),
            stop_immediate: Cell::new(false),
            in_passive_listener: Cell::new(false),
            initialized: Cell::new(false),
            dispatching: Cell::new(false),
            trusted: Cell::new(false),
            time_stamp: window.time_origin().elapsed().as_secs_f64() * 1000.0,
            path: RefCell::new(Vec::new()),
            listeners_threw: Cell::new(false),
        }
    }

    /// Whether a listener threw while the event was dispatched (the legacy output flag).
    pub fn listeners_threw(&self) -> bool {
        self.listeners_threw.get()
    }

    pub fn set_listeners_threw(&self) {
        self.listeners_threw.set(true);
    }

    /// A new initialized event (as the host fires them).
    pub fn new(cx: &mut JSContext, window: &Window, type_: String, bubbles: bool, cancelable: bool) -> DomRoot<Event> {
        let event = reflect_dom_object(cx, Box::new(Event::new_inherited(window)), window);
        event.init(type_, bubbles, cancelable);
        event
    }

    /// <https://dom.spec.whatwg.org/#concept-event-initialize>
    pub fn init(&self, type_: String, bubbles: bool, cancelable: bool) {
        self.initialized.set(true);
        self.stop_propagation.set(false);
        self.stop_immediate.set(false);
        self.canceled.set(false);
        self.trusted.set(false);
        self.target.set(None);
        *self.type_.borrow_mut() = type_;
        self.bubbles.set(bubbles);
        self.cancelable.set(cancelable);
    }

    pub fn type_str(&self) -> String {
        self.type_.borrow().clone()
    }
    pub fn set_target(&self, target: Option<&EventTarget>) {
        self.target.set(target);
    }
    pub fn set_target_override(&self, target: &EventTarget) {
        self.target_override.set(Some(target));
    }
    pub fn target_override(&self) -> Option<DomRoot<EventTarget>> {
        self.target_override.get()
    }
    pub fn set_current_target(&self, target: Option<&EventTarget>) {
        self.current_target.set(target);
    }
    pub fn set_phase(&self, phase: EventPhase) {
        self.phase.set(phase);
    }
    pub fn composed(&self) -> bool {
        self.composed.get()
    }

    pub fn set_path(&self, path: Vec<PathEntry>) {
        *self.path.borrow_mut() = path;
    }

    pub fn set_composed(&self, composed: bool) {
        self.composed.set(composed);
    }
    pub fn set_trusted(&self, trusted: bool) {
        self.trusted.set(trusted);
    }
    pub fn set_dispatching(&self, dispatching: bool) {
        self.dispatching.set(dispatching);
    }
    pub fn is_dispatching(&self) -> bool {
        self.dispatching.get()
    }
    pub fn is_initialized(&self) -> bool {
        self.initialized.get()
    }
    pub fn bubbles(&self) -> bool {
        self.bubbles.get()
    }
    pub fn canceled(&self) -> bool {
        self.canceled.get()
    }
    pub fn propagation_stopped(&self) -> bool {
        self.stop_propagation.get()
    }
    pub fn immediate_propagation_stopped(&self) -> bool {
        self.stop_immediate.get()
    }
    pub fn clear_propagation_flags(&self) {
        self.stop_propagation.set(false);
        self.stop_immediate.set(false);
    }
    pub fn set_in_passive_listener(&self, value: bool) {
        self.in_passive_listener.set(value);
    }

    /// <https://dom.spec.whatwg.org/#set-the-canceled-flag>
    fn set_canceled_flag(&self) {
        if self.cancelable.get() && !self.in_passive_listener.get() {
            self.canceled.set(true);
        }
    }

    /// An event handler returned false.
    pub fn cancel_from_handler(&self) {
        self.set_canceled_flag();
    }
}

impl EventMethods for Event {
    /// <https://dom.spec.whatwg.org/#dom-event-event>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &EventInit,
    ) -> Fallible<DomRoot<Event>> {
        let event = reflect_dom_object_with_proto(cx, Box::new(Event::new_inherited(global)), global, proto);
        event.init(type_.into(), init.bubbles, init.cancelable);
        event.composed.set(init.composed);
        Ok(event)
    }

    /// <https://dom.spec.whatwg.org/#dom-event-type>
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.type_.borrow().clone())
    }

    /// <https://dom.spec.whatwg.org/#dom-event-target>
    fn Target(&self, _cx: &mut JSContext) -> Option<DomRoot<EventTarget>> {
        self.target.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-event-srcelement>
    fn SrcElement(&self, _cx: &mut JSContext) -> Option<DomRoot<EventTarget>> {
        self.target.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-event-currenttarget>
    fn CurrentTarget(&self, _cx: &mut JSContext) -> Option<DomRoot<EventTarget>> {
        self.current_target.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-event-composedpath>
    fn ComposedPath(&self, _cx: &mut JSContext) -> Vec<DomRoot<EventTarget>> {
        // 1. "Let composedPath be an empty list." 2. "Let path be this's path."
        let path = self.path.borrow();
        // 3. "If path is empty, then return composedPath."
        // 4. "Let currentTarget be this's currentTarget attribute value."
        let Some(current_target) = self.current_target.get().filter(|_| !path.is_empty()) else {
            return Vec::new();
        };
        // 5. "Append currentTarget to composedPath."
        let mut composed = std::collections::VecDeque::from([current_target.clone()]);
        // 6–9. Find currentTarget's index, counting the closed trees around it.
        let mut current_target_index = 0;
        let mut current_target_hidden_level: i32 = 0;
        for (index, entry) in path.iter().enumerate().rev() {
            if entry.root_of_closed_tree {
                current_target_hidden_level += 1;
            }
            if std::ptr::eq(&*entry.invocation_target, &*current_target) {
                current_target_index = index;
                break;
            }
            if entry.slot_in_closed_tree {
                current_target_hidden_level -= 1;
            }
        }
        // 10–12. Prepend the structs before currentTarget that are not in a more hidden tree.
        let (mut current_hidden, mut max_hidden) = (current_target_hidden_level, current_target_hidden_level);
        for entry in path[..current_target_index].iter().rev() {
            if entry.root_of_closed_tree {
                current_hidden += 1;
            }
            if current_hidden <= max_hidden {
                composed.push_front(entry.invocation_target.as_rooted());
            }
            if entry.slot_in_closed_tree {
                current_hidden -= 1;
                max_hidden = max_hidden.min(current_hidden);
            }
        }
        // 13–15. Append the structs after it likewise.
        let (mut current_hidden, mut max_hidden) = (current_target_hidden_level, current_target_hidden_level);
        for entry in path.iter().skip(current_target_index + 1) {
            if entry.slot_in_closed_tree {
                current_hidden += 1;
            }
            if current_hidden <= max_hidden {
                composed.push_back(entry.invocation_target.as_rooted());
            }
            if entry.root_of_closed_tree {
                current_hidden -= 1;
                max_hidden = max_hidden.min(current_hidden);
            }
        }
        // 16. "Return composedPath."
        composed.into()
    }

    /// <https://dom.spec.whatwg.org/#dom-event-eventphase>
    fn EventPhase(&self, _cx: &mut JSContext) -> u16 {
        self.phase.get() as u16
    }

    /// <https://dom.spec.whatwg.org/#dom-event-stoppropagation>
    fn StopPropagation(&self, _cx: &mut JSContext) {
        self.stop_propagation.set(true);
    }

    /// <https://dom.spec.whatwg.org/#dom-event-cancelbubble>
    fn CancelBubble(&self, _cx: &mut JSContext) -> bool {
        self.stop_propagation.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-event-cancelbubble>
    fn SetCancelBubble(&self, _cx: &mut JSContext, value: bool) {
        if value {
            self.stop_propagation.set(true);
        }
    }

    /// <https://dom.spec.whatwg.org/#dom-event-stopimmediatepropagation>
    fn StopImmediatePropagation(&self, _cx: &mut JSContext) {
        self.stop_propagation.set(true);
        self.stop_immediate.set(true);
    }

    /// <https://dom.spec.whatwg.org/#dom-event-bubbles>
    fn Bubbles(&self, _cx: &mut JSContext) -> bool {
        self.bubbles.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-event-cancelable>
    fn Cancelable(&self, _cx: &mut JSContext) -> bool {
        self.cancelable.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-event-returnvalue>
    fn ReturnValue(&self, _cx: &mut JSContext) -> bool {
        !self.canceled.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-event-returnvalue>
    fn SetReturnValue(&self, _cx: &mut JSContext, value: bool) {
        if !value {
            self.set_canceled_flag();
        }
    }

    /// <https://dom.spec.whatwg.org/#dom-event-preventdefault>
    fn PreventDefault(&self, _cx: &mut JSContext) {
        self.set_canceled_flag();
    }

    /// <https://dom.spec.whatwg.org/#dom-event-defaultprevented>
    fn DefaultPrevented(&self, _cx: &mut JSContext) -> bool {
        self.canceled.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-event-composed>
    fn Composed(&self, _cx: &mut JSContext) -> bool {
        self.composed.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-event-istrusted>
    fn IsTrusted(&self, _cx: &mut JSContext) -> bool {
        self.trusted.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-event-timestamp>
    fn TimeStamp(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.time_stamp)
    }

    /// <https://dom.spec.whatwg.org/#dom-event-initevent>
    fn InitEvent(&self, _cx: &mut JSContext, type_: DOMString, bubbles: bool, cancelable: bool) {
        // Step 1: If this's dispatch flag is set, then return.
        if self.dispatching.get() {
            return;
        }
        // Step 2: Initialize this with type, bubbles, and cancelable.
        self.init(type_.into(), bubbles, cancelable);
    }
}

//! The plain-data events (see `simple_event!`).

use crate::dom::bindings::codegen::AnimationEventBinding::AnimationEventMethods;
use crate::dom::bindings::codegen::CloseEventBinding::CloseEventMethods;
use crate::dom::bindings::codegen::HashChangeEventBinding::HashChangeEventMethods;
use crate::dom::bindings::codegen::PageTransitionEventBinding::PageTransitionEventMethods;
use crate::dom::bindings::codegen::ToggleEventBinding::ToggleEventMethods;
use crate::dom::bindings::codegen::TransitionEventBinding::TransitionEventMethods;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::str::{DOMString, USVString};

simple_event! {
    /// `HashChangeEvent` (<https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-hashchangeevent-interface>).
    HashChangeEvent, HashChangeEventMethods, HashChangeEventInit {
        /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-hashchangeevent-oldurl>
        old_url: USVString => OldURL,
        /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-hashchangeevent-newurl>
        new_url: USVString => NewURL,
    }
}

simple_event! {
    /// `PageTransitionEvent` (<https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-pagetransitionevent-interface>).
    PageTransitionEvent, PageTransitionEventMethods, PageTransitionEventInit {
        /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-pagetransitionevent-persisted>
        persisted: bool => Persisted,
    }
}

simple_event! {
    /// `ToggleEvent` (<https://html.spec.whatwg.org/multipage/interaction.html#the-toggleevent-interface>).
    ToggleEvent, ToggleEventMethods, ToggleEventInit {
        /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-toggleevent-oldstate>
        old_state: DOMString => OldState,
        /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-toggleevent-newstate>
        new_state: DOMString => NewState,
    }
}

simple_event! {
    /// `CloseEvent` (<https://websockets.spec.whatwg.org/#the-closeevent-interface>).
    CloseEvent, CloseEventMethods, CloseEventInit {
        /// <https://websockets.spec.whatwg.org/#dom-closeevent-wasclean>
        was_clean: bool => WasClean,
        /// <https://websockets.spec.whatwg.org/#dom-closeevent-code>
        code: u16 => Code,
        /// <https://websockets.spec.whatwg.org/#dom-closeevent-reason>
        reason: USVString => Reason,
    }
}

simple_event! {
    /// `TransitionEvent` (<https://drafts.csswg.org/css-transitions/#interface-transitionevent>).
    TransitionEvent, TransitionEventMethods, TransitionEventInit {
        /// <https://drafts.csswg.org/css-transitions/#dom-transitionevent-propertyname>
        property_name: DOMString => PropertyName,
        /// <https://drafts.csswg.org/css-transitions/#dom-transitionevent-elapsedtime>
        elapsed_time: Finite<f64> => ElapsedTime,
        /// <https://drafts.csswg.org/css-transitions/#dom-transitionevent-pseudoelement>
        pseudo_element: DOMString => PseudoElement,
    }
}

simple_event! {
    /// `AnimationEvent` (<https://drafts.csswg.org/css-animations/#interface-animationevent>).
    AnimationEvent, AnimationEventMethods, AnimationEventInit {
        /// <https://drafts.csswg.org/css-animations/#dom-animationevent-animationname>
        animation_name: DOMString => AnimationName,
        /// <https://drafts.csswg.org/css-animations/#dom-animationevent-elapsedtime>
        elapsed_time: Finite<f64> => ElapsedTime,
        /// <https://drafts.csswg.org/css-animations/#dom-animationevent-pseudoelement>
        pseudo_element: DOMString => PseudoElement,
    }
}

impl HashChangeEvent {
    /// A trusted `hashchange` event (not bubbling, not cancelable), fired after a navigation
    /// changed the fragment.
    pub fn new_trusted(
        cx: &mut mozjs::context::JSContext,
        window: &crate::dom::html::window::Window,
        old_url: String,
        new_url: String,
    ) -> crate::dom::bindings::root::DomRoot<HashChangeEvent> {
        use crate::dom::bindings::inheritance::Castable;
        let event = HashChangeEvent {
            event: crate::dom::dom::event::Event::new_inherited(window),
            old_url: USVString(old_url),
            new_url: USVString(new_url),
        };
        let event = crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(event), window);
        let base = event.upcast::<crate::dom::dom::event::Event>();
        base.init("hashchange".into(), false, false);
        base.set_trusted(true);
        event
    }
}

impl ToggleEvent {
    /// A trusted `beforetoggle` or `toggle` event (not bubbling), with the two states.
    pub fn new_trusted(
        cx: &mut mozjs::context::JSContext,
        window: &crate::dom::html::window::Window,
        type_: &str,
        cancelable: bool,
        old_state: &str,
        new_state: &str,
    ) -> crate::dom::bindings::root::DomRoot<ToggleEvent> {
        use crate::dom::bindings::inheritance::Castable;
        let event = ToggleEvent {
            event: crate::dom::dom::event::Event::new_inherited(window),
            old_state: DOMString::from(old_state),
            new_state: DOMString::from(new_state),
        };
        let event = crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(event), window);
        let base = event.upcast::<crate::dom::dom::event::Event>();
        base.init(type_.into(), false, cancelable);
        base.set_trusted(true);
        event
    }
}

impl CloseEvent {
    /// A trusted `close` event (not bubbling, not cancelable): "fire an event named close at
    /// the WebSocket object, using CloseEvent, with the wasClean attribute initialized to true
    /// if the connection closed cleanly and false otherwise, the code attribute initialized to
    /// the WebSocket connection close code, and the reason attribute initialized to the result
    /// of applying UTF-8 decode without BOM to the WebSocket connection close reason"
    /// (<https://websockets.spec.whatwg.org/#feedback-from-the-protocol>).
    pub fn new_trusted(
        cx: &mut mozjs::context::JSContext,
        window: &crate::dom::html::window::Window,
        was_clean: bool,
        code: u16,
        reason: String,
    ) -> crate::dom::bindings::root::DomRoot<CloseEvent> {
        use crate::dom::bindings::inheritance::Castable;
        let event = CloseEvent {
            event: crate::dom::dom::event::Event::new_inherited(window),
            was_clean,
            code,
            reason: USVString(reason),
        };
        let event = crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(event), window);
        let base = event.upcast::<crate::dom::dom::event::Event>();
        base.init("close".into(), false, false);
        base.set_trusted(true);
        event
    }
}

//! `ProgressEvent` (<https://xhr.spec.whatwg.org/#interface-progressevent>).

use std::cell::Cell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::ProgressEventInit;
use crate::dom::bindings::codegen::ProgressEventBinding::ProgressEventMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::event::Event;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct ProgressEvent {
    event: Event,
    #[no_trace]
    length_computable: Cell<bool>,
    #[no_trace]
    loaded: Cell<f64>,
    #[no_trace]
    total: Cell<f64>,
}

impl ProgressEvent {
    fn new_inherited(window: &Window, length_computable: bool, loaded: f64, total: f64) -> ProgressEvent {
        ProgressEvent {
            event: Event::new_inherited(window),
            length_computable: Cell::new(length_computable),
            loaded: Cell::new(loaded),
            total: Cell::new(total),
        }
    }

    /// <https://xhr.spec.whatwg.org/#firing-events-using-the-progressevent-interface>: a trusted,
    /// non-bubbling, non-cancelable progress event named `type_`.
    pub fn new_trusted(
        cx: &mut JSContext,
        window: &Window,
        type_: &str,
        loaded: f64,
        total: f64,
    ) -> DomRoot<ProgressEvent> {
        let event = reflect_dom_object(cx, Box::new(ProgressEvent::new_inherited(window, true, loaded, total)), window);
        let base = event.upcast::<Event>();
        base.init(type_.into(), false, false);
        base.set_trusted(true);
        event
    }
}

impl ProgressEvent {
    /// The same with an explicit `lengthComputable` (XHR: "true if length is not 0").
    pub fn new_trusted_with(
        cx: &mut JSContext,
        window: &Window,
        type_: &str,
        length_computable: bool,
        loaded: f64,
        total: f64,
    ) -> DomRoot<ProgressEvent> {
        let event = ProgressEvent::new_inherited(window, length_computable, loaded, total);
        let event = reflect_dom_object(cx, Box::new(event), window);
        let base = event.upcast::<Event>();
        base.init(type_.into(), false, false);
        base.set_trusted(true);
        event
    }
}

impl ProgressEventMethods for ProgressEvent {
    /// <https://xhr.spec.whatwg.org/#dom-progressevent-progressevent> (the event constructor)
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &ProgressEventInit,
    ) -> Fallible<DomRoot<ProgressEvent>> {
        let event = ProgressEvent::new_inherited(global, init.length_computable, *init.loaded, *init.total);
        let event = reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        let base = event.upcast::<Event>();
        base.init(type_.into(), init.parent.bubbles, init.parent.cancelable);
        base.set_composed(init.parent.composed);
        Ok(event)
    }
    /// <https://xhr.spec.whatwg.org/#dom-progressevent-lengthcomputable>
    fn LengthComputable(&self, _cx: &mut JSContext) -> bool {
        self.length_computable.get()
    }
    /// <https://xhr.spec.whatwg.org/#dom-progressevent-loaded>
    fn Loaded(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.loaded.get())
    }
    /// <https://xhr.spec.whatwg.org/#dom-progressevent-total>
    fn Total(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.total.get())
    }
}

//! `BlobEvent` (<https://w3c.github.io/mediacapture-record/#blobevent-section>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::BlobEventBinding::BlobEventMethods;
use crate::dom::bindings::codegen::Dictionaries::BlobEventInit;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::event::Event;
use crate::dom::fileapi::blob::Blob;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct BlobEvent {
    event: Event,
    data: Dom<Blob>,
    #[no_trace]
    timecode: f64,
}

impl BlobEvent {
    fn new_inherited(window: &Window, data: &Blob, timecode: f64) -> BlobEvent {
        BlobEvent { event: Event::new_inherited(window), data: Dom::from_ref(data), timecode }
    }

    /// <https://w3c.github.io/mediacapture-record/#fire-a-blob-event>: a trusted, non-bubbling,
    /// non-cancelable event named `type_` carrying `data`.
    pub fn new_trusted(
        cx: &mut JSContext,
        window: &Window,
        type_: &str,
        data: &Blob,
        timecode: f64,
    ) -> DomRoot<BlobEvent> {
        let event = reflect_dom_object(cx, Box::new(BlobEvent::new_inherited(window, data, timecode)), window);
        event.upcast::<Event>().init(type_.into(), false, false);
        event.upcast::<Event>().set_trusted(true);
        event
    }
}

impl BlobEventMethods for BlobEvent {
    /// <https://w3c.github.io/mediacapture-record/#dom-blobevent-blobevent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &BlobEventInit,
    ) -> Fallible<DomRoot<BlobEvent>> {
        // The timecode defaults to 0 when the dictionary leaves it out.
        let timecode = init.timecode.map(|t| *t).unwrap_or(0.0);
        let event = reflect_dom_object_with_proto(
            cx,
            Box::new(BlobEvent::new_inherited(global, &init.data, timecode)),
            global,
            proto,
        );
        let base = event.upcast::<Event>();
        base.init(type_.into(), init.parent.bubbles, init.parent.cancelable);
        base.set_composed(init.parent.composed);
        Ok(event)
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-blobevent-data>
    fn Data(&self, _cx: &mut JSContext) -> DomRoot<Blob> {
        self.data.as_rooted()
    }

    /// <https://w3c.github.io/mediacapture-record/#dom-blobevent-timecode>
    fn Timecode(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.timecode)
    }
}

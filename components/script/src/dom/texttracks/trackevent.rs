//! `TrackEvent` (<https://html.spec.whatwg.org/multipage/media.html#trackevent>): the
//! `addtrack` and `removetrack` events of a media element's list of text tracks.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::TrackEventInit;
use crate::dom::bindings::codegen::TrackEventBinding::TrackEventMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::event::Event;
use crate::dom::html::window::Window;
use crate::dom::texttracks::texttrack::TextTrack;

#[dom_struct]
pub struct TrackEvent {
    event: Event,
    track: MutNullableDom<TextTrack>,
}

impl TrackEvent {
    fn new_inherited(window: &Window, track: Option<&TextTrack>) -> TrackEvent {
        let event = TrackEvent { event: Event::new_inherited(window), track: Default::default() };
        event.track.set(track);
        event
    }

    /// A trusted event that does not bubble and is not cancelable, "using TrackEvent, with the
    /// track attribute initialized to" `track`.
    pub fn new_trusted(cx: &mut JSContext, window: &Window, name: &str, track: &TextTrack) -> DomRoot<TrackEvent> {
        let event = reflect_dom_object(cx, Box::new(TrackEvent::new_inherited(window, Some(track))), window);
        let base = event.upcast::<Event>();
        base.init(name.into(), false, false);
        base.set_trusted(true);
        event
    }
}

impl TrackEventMethods for TrackEvent {
    /// <https://html.spec.whatwg.org/multipage/media.html#dom-trackevent-trackevent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &TrackEventInit,
    ) -> Fallible<DomRoot<TrackEvent>> {
        let event = TrackEvent::new_inherited(global, init.track.as_deref());
        let event = reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        let base = event.upcast::<Event>();
        base.init(type_.into(), init.parent.bubbles, init.parent.cancelable);
        base.set_composed(init.parent.composed);
        Ok(event)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-trackevent-track>: "the value it
    /// was initialized to. It represents the context information for the event."
    fn Track(&self, _cx: &mut JSContext) -> Option<DomRoot<TextTrack>> {
        self.track.get()
    }
}

//! `MediaStreamTrackEvent` (<https://w3c.github.io/mediacapture-main/#mediastreamtrackevent>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::MediaStreamTrackEventInit;
use crate::dom::bindings::codegen::MediaStreamTrackEventBinding::MediaStreamTrackEventMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::event::Event;
use crate::dom::html::window::Window;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;

#[dom_struct]
pub struct MediaStreamTrackEvent {
    event: Event,
    track: Dom<MediaStreamTrack>,
}

impl MediaStreamTrackEvent {
    fn new_inherited(window: &Window, track: &MediaStreamTrack) -> MediaStreamTrackEvent {
        MediaStreamTrackEvent { event: Event::new_inherited(window), track: Dom::from_ref(track) }
    }

    /// A trusted event of type `type_` about `track`, as the User Agent fires them.
    pub fn new_trusted(
        cx: &mut JSContext,
        window: &Window,
        type_: &str,
        track: &MediaStreamTrack,
    ) -> DomRoot<MediaStreamTrackEvent> {
        let event = reflect_dom_object(cx, Box::new(MediaStreamTrackEvent::new_inherited(window, track)), window);
        event.upcast::<Event>().init(type_.into(), false, false);
        event.upcast::<Event>().set_trusted(true);
        event
    }
}

impl MediaStreamTrackEventMethods for MediaStreamTrackEvent {
    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrackevent-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        event_init_dict: &MediaStreamTrackEventInit,
    ) -> Fallible<DomRoot<MediaStreamTrackEvent>> {
        let event = reflect_dom_object_with_proto(
            cx,
            Box::new(MediaStreamTrackEvent::new_inherited(global, &event_init_dict.track)),
            global,
            proto,
        );
        let init = &event_init_dict.parent;
        event.upcast::<Event>().init(type_.into(), init.bubbles, init.cancelable);
        event.upcast::<Event>().set_composed(init.composed);
        Ok(event)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastreamtrackevent-track>
    fn Track(&self, _cx: &mut JSContext) -> DomRoot<MediaStreamTrack> {
        self.track.as_rooted()
    }
}

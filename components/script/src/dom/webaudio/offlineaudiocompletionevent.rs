//! `OfflineAudioCompletionEvent`
//! (<https://webaudio.github.io/web-audio-api/#OfflineAudioCompletionEvent>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::OfflineAudioCompletionEventInit;
use crate::dom::bindings::codegen::OfflineAudioCompletionEventBinding::OfflineAudioCompletionEventMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::event::Event;
use crate::dom::html::window::Window;
use crate::dom::webaudio::audiobuffer::AudioBuffer;

#[dom_struct]
pub struct OfflineAudioCompletionEvent {
    event: Event,
    rendered_buffer: Dom<AudioBuffer>,
}

impl OfflineAudioCompletionEvent {
    fn new_inherited(window: &Window, buffer: &AudioBuffer) -> OfflineAudioCompletionEvent {
        OfflineAudioCompletionEvent { event: Event::new_inherited(window), rendered_buffer: Dom::from_ref(buffer) }
    }

    /// The trusted `complete` event ("fire an event named complete … using
    /// OfflineAudioCompletionEvent whose renderedBuffer property is set to" the buffer): it
    /// does not bubble and cannot be canceled.
    pub fn new_complete(
        cx: &mut JSContext,
        window: &Window,
        buffer: &AudioBuffer,
    ) -> DomRoot<OfflineAudioCompletionEvent> {
        let event =
            reflect_dom_object(cx, Box::new(OfflineAudioCompletionEvent::new_inherited(window, buffer)), window);
        event.upcast::<Event>().init("complete".into(), false, false);
        event.upcast::<Event>().set_trusted(true);
        event
    }
}

impl OfflineAudioCompletionEventMethods for OfflineAudioCompletionEvent {
    /// <https://webaudio.github.io/web-audio-api/#dom-offlineaudiocompletionevent-offlineaudiocompletionevent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &OfflineAudioCompletionEventInit,
    ) -> Fallible<DomRoot<OfflineAudioCompletionEvent>> {
        let event = reflect_dom_object_with_proto(
            cx,
            Box::new(OfflineAudioCompletionEvent::new_inherited(global, &init.rendered_buffer)),
            global,
            proto,
        );
        let base = event.upcast::<Event>();
        base.init(type_.into(), init.parent.bubbles, init.parent.cancelable);
        base.set_composed(init.parent.composed);
        Ok(event)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-offlineaudiocompletionevent-renderedbuffer>
    fn RenderedBuffer(&self, _cx: &mut JSContext) -> DomRoot<AudioBuffer> {
        self.rendered_buffer.as_rooted()
    }
}

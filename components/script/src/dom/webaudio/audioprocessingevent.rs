//! `AudioProcessingEvent` (<https://webaudio.github.io/web-audio-api/#AudioProcessingEvent>):
//! the `audioprocess` event of a `ScriptProcessorNode`.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::AudioProcessingEventBinding::AudioProcessingEventMethods;
use crate::dom::bindings::codegen::Dictionaries::AudioProcessingEventInit;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::event::Event;
use crate::dom::html::window::Window;
use crate::dom::webaudio::audiobuffer::AudioBuffer;

#[dom_struct]
pub struct AudioProcessingEvent {
    event: Event,
    #[no_trace]
    playback_time: f64,
    input_buffer: Dom<AudioBuffer>,
    output_buffer: Dom<AudioBuffer>,
}

impl AudioProcessingEvent {
    fn new_inherited(window: &Window, playback_time: f64, input: &AudioBuffer, output: &AudioBuffer) -> Self {
        AudioProcessingEvent {
            event: Event::new_inherited(window),
            playback_time,
            input_buffer: Dom::from_ref(input),
            output_buffer: Dom::from_ref(output),
        }
    }

    /// The trusted `audioprocess` event a `ScriptProcessorNode` fires: it does not bubble and
    /// cannot be canceled.
    pub fn new_audioprocess(
        cx: &mut JSContext,
        window: &Window,
        playback_time: f64,
        input: &AudioBuffer,
        output: &AudioBuffer,
    ) -> DomRoot<AudioProcessingEvent> {
        let event = reflect_dom_object(
            cx,
            Box::new(AudioProcessingEvent::new_inherited(window, playback_time, input, output)),
            window,
        );
        event.upcast::<Event>().init("audioprocess".into(), false, false);
        event.upcast::<Event>().set_trusted(true);
        event
    }
}

impl AudioProcessingEventMethods for AudioProcessingEvent {
    /// <https://webaudio.github.io/web-audio-api/#dom-audioprocessingevent-audioprocessingevent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &AudioProcessingEventInit,
    ) -> Fallible<DomRoot<AudioProcessingEvent>> {
        let event = reflect_dom_object_with_proto(
            cx,
            Box::new(AudioProcessingEvent::new_inherited(
                global,
                *init.playback_time,
                &init.input_buffer,
                &init.output_buffer,
            )),
            global,
            proto,
        );
        let base = event.upcast::<Event>();
        base.init(type_.into(), init.parent.bubbles, init.parent.cancelable);
        base.set_composed(init.parent.composed);
        Ok(event)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioprocessingevent-playbacktime>
    fn PlaybackTime(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.playback_time)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioprocessingevent-inputbuffer>
    fn InputBuffer(&self, _cx: &mut JSContext) -> DomRoot<AudioBuffer> {
        self.input_buffer.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioprocessingevent-outputbuffer>
    fn OutputBuffer(&self, _cx: &mut JSContext) -> DomRoot<AudioBuffer> {
        self.output_buffer.as_rooted()
    }
}

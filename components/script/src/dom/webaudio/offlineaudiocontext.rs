//! `OfflineAudioContext` (<https://webaudio.github.io/web-audio-api/#OfflineAudioContext>): a
//! context that renders its `length` frames as fast as it can, once, into an `AudioBuffer`.
//! The render thread renders them in one go when `startRendering()` asks; the context never
//! renders in real time.

use std::cell::Cell;
use std::rc::Rc;

use dom_struct::dom_struct;
use media_traits::webaudio::{ContextCommand, MAX_CHANNELS, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Dictionaries::OfflineAudioContextOptions;
use crate::dom::bindings::codegen::Enums::AudioContextState;
use crate::dom::bindings::codegen::OfflineAudioContextBinding::OfflineAudioContextMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct OfflineAudioContext {
    context: BaseAudioContext,
    #[no_trace]
    length: u32,
    #[no_trace]
    channels: u32,
    /// [[rendering started]].
    #[no_trace]
    rendering_started: Cell<bool>,
}

impl OfflineAudioContext {
    fn base(&self) -> &BaseAudioContext {
        self.upcast::<BaseAudioContext>()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-offlineaudiocontext-offlineaudiocontext>
    fn new(
        cx: &mut JSContext,
        window: &Window,
        proto: Option<HandleObject>,
        channels: u32,
        length: u32,
        sample_rate: f32,
    ) -> Fallible<DomRoot<OfflineAudioContext>> {
        // 1. "If the current settings object's relevant global object's associated Document is
        //    NOT fully active, throw an InvalidStateError and abort these steps."
        if !window.is_attached() {
            return Err(Error::InvalidState("The document is not fully active.".into()));
        }
        // 2. "Let c be a new OfflineAudioContext object. Initialize c as follows": the
        //    arguments are those of createBuffer(): "If any of the arguments is out of its
        //    nominal range, throw a NotSupportedError."
        if channels == 0 || channels > MAX_CHANNELS {
            return Err(Error::NotSupported(format!(
                "The number of channels provided ({channels}) is outside the range [1, {MAX_CHANNELS}]."
            )));
        }
        if length == 0 {
            return Err(Error::NotSupported(
                "The number of frames provided (0) is less than the minimum bound (1).".into(),
            ));
        }
        if !(MIN_SAMPLE_RATE..=MAX_SAMPLE_RATE).contains(&sample_rate) {
            return Err(Error::NotSupported(format!(
                "The sample rate provided ({sample_rate}) is outside the range [{MIN_SAMPLE_RATE}, {MAX_SAMPLE_RATE}]."
            )));
        }
        // "Set the [[control thread state]] for c to "suspended"", "Set the [[rendering thread
        // state]] for c to "suspended"", "Construct an AudioDestinationNode with its
        // channelCount set to numberOfChannels."
        let context = OfflineAudioContext {
            context: BaseAudioContext::new_inherited_offline(sample_rate),
            length,
            channels,
            rendering_started: Cell::new(false),
        };
        let context = reflect_dom_object_with_proto(cx, Box::new(context), window, proto);
        context.base().start(cx, window, channels)?;
        Ok(context)
    }
}

impl OfflineAudioContextMethods for OfflineAudioContext {
    /// <https://webaudio.github.io/web-audio-api/#dom-offlineaudiocontext-offlineaudiocontext>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context_options: &OfflineAudioContextOptions,
    ) -> Fallible<DomRoot<OfflineAudioContext>> {
        OfflineAudioContext::new(
            cx,
            global,
            proto,
            context_options.number_of_channels,
            context_options.length,
            *context_options.sample_rate,
        )
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-offlineaudiocontext-offlineaudiocontext-numberofchannels-length-samplerate>
    fn Constructor_(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        number_of_channels: u32,
        length: u32,
        sample_rate: crate::dom::bindings::num::Finite<f32>,
    ) -> Fallible<DomRoot<OfflineAudioContext>> {
        // "The OfflineAudioContext can be constructed with the same arguments as
        // AudioContext.createBuffer."
        OfflineAudioContext::new(cx, global, proto, number_of_channels, length, *sample_rate)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-offlineaudiocontext-startrendering>
    fn StartRendering(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        // 1. "If this's relevant global object's associated Document is not fully active,
        //    return a promise rejected with "InvalidStateError" DOMException."
        if !window.is_attached() {
            return Promise::new_rejected(cx, &window, Error::InvalidState("The document is not fully active.".into()));
        }
        // 2. "If the [[rendering started]] slot on the OfflineAudioContext is true, return a
        //    rejected promise with InvalidStateError, and abort these steps."
        if self.rendering_started.get() {
            return Promise::new_rejected(
                cx,
                &window,
                Error::InvalidState("cannot call startRendering more than once".into()),
            );
        }
        // 3. "Set the [[rendering started]] slot of the OfflineAudioContext to true."
        self.rendering_started.set(true);
        // 4. "Let promise be a new promise."
        let promise = Promise::new(cx, &window);
        // 5–6. "Create a new AudioBuffer, with a number of channels, length and sample rate
        //    equal respectively to the numberOfChannels, length and sampleRate values passed to
        //    this instance's constructor": the buffer is made from the rendered channels when
        //    the rendering completes (the values were checked by the constructor).
        // 7. "Append promise to [[pending promises]]."
        // 8. "Set [[control thread state]] to running."
        self.base().set_control_state(AudioContextState::Running);
        // 9. "Queue a control message to start offline rendering."
        let (length, channels) = (self.length as usize, self.channels);
        self.base().send_control(cx, Some(promise.clone()), |request| ContextCommand::RenderOffline {
            request,
            length,
            channels,
        });
        // The control message's step "queue a media element task to fire an event named
        // statechange" with the state "running".
        self.base().queue_state_change(AudioContextState::Running);
        // 10. "Return promise."
        promise
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-offlineaudiocontext-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.length
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-offlineaudiocontext-oncomplete>
    fn Oncomplete(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.upcast::<EventTarget>().get_event_handler("complete")
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-offlineaudiocontext-oncomplete>
    fn SetOncomplete(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.upcast::<EventTarget>().set_event_handler("complete", value)
    }
}

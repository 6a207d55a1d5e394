//! `AudioContext` (<https://webaudio.github.io/web-audio-api/#AudioContext>): a context that
//! renders in real time. Headless, every context is allowed to start (as in headless
//! Chromium): it starts rendering at construction and reaches "running" in a task.

use std::rc::Rc;

use dom_struct::dom_struct;
use media_traits::webaudio::{ContextCommand, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE, RENDER_QUANTUM_SIZE};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::AudioContextBinding::AudioContextMethods;
use crate::dom::bindings::codegen::Dictionaries::{
    AudioContextOptions, AudioNodeOptions, MediaStreamAudioSourceOptions,
};
use crate::dom::bindings::codegen::Enums::AudioContextState;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::DomRoot;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::mediacapture::mediastream::MediaStream;
use crate::dom::webaudio::audiodestinationnode::DEVICE_CHANNELS;
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;
use crate::dom::webaudio::mediastreamaudiodestinationnode::MediaStreamAudioDestinationNode;
use crate::dom::webaudio::mediastreamaudiosourcenode::MediaStreamAudioSourceNode;

/// The sample rate of a context whose options name none: the "preferred sample rate" of the
/// (absent) output device, 48 kHz as Chromium's headless fake device.
const DEFAULT_SAMPLE_RATE: f32 = 48_000.0;

#[dom_struct]
pub struct AudioContext {
    context: BaseAudioContext,
}

impl AudioContext {
    fn base(&self) -> &BaseAudioContext {
        self.upcast::<BaseAudioContext>()
    }

    /// Rejects with InvalidStateError when the document is not fully active; else a new
    /// promise.
    fn new_promise(&self, cx: &mut JSContext) -> Result<Rc<Promise>, Rc<Promise>> {
        let window = self.global();
        // 1. "If this's relevant global object's associated Document is not fully active,
        //    return a promise rejected with "InvalidStateError" DOMException."
        if !window.is_attached() {
            return Err(Promise::new_rejected(
                cx,
                &window,
                Error::InvalidState("The document is not fully active.".into()),
            ));
        }
        // 2. "Let promise be a new Promise."
        Ok(Promise::new(cx, &window))
    }

    fn reject_closed(cx: &mut JSContext, promise: &Promise) {
        promise.reject_error(cx, Error::InvalidState("The AudioContext is closed.".into()));
    }
}

impl AudioContextMethods for AudioContext {
    /// <https://webaudio.github.io/web-audio-api/#dom-audiocontext-audiocontext>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context_options: &AudioContextOptions,
    ) -> Fallible<DomRoot<AudioContext>> {
        // 1. "If the current settings object's relevant global object's associated Document is
        //    NOT fully active, throw an "InvalidStateError" and abort these steps."
        if !global.is_attached() {
            return Err(Error::InvalidState("The document is not fully active.".into()));
        }
        // "If contextOptions.sampleRate is specified … if the sample rate is not supported,
        // throw a NotSupportedError" (the nominal range is 3000 to 768000 Hz). latencyHint is
        // taken as given: every category renders the same way here.
        let sample_rate = match context_options.sample_rate {
            Some(rate) if !(MIN_SAMPLE_RATE..=MAX_SAMPLE_RATE).contains(&*rate) => {
                return Err(Error::NotSupported(format!(
                    "sampleRate {} is outside {MIN_SAMPLE_RATE}..{MAX_SAMPLE_RATE}.",
                    *rate
                )));
            }
            Some(rate) => *rate,
            None => DEFAULT_SAMPLE_RATE,
        };
        // 2. "Set [[control thread state]] to suspended on the AudioContext."
        // 3. "Set [[rendering thread state]] to suspended on the AudioContext."
        let context = AudioContext { context: BaseAudioContext::new_inherited(sample_rate) };
        let context = reflect_dom_object_with_proto(cx, Box::new(context), global, proto);
        context.base().start(cx, global, DEVICE_CHANNELS)?;
        // 10. "If context is allowed to start, send a control message to start processing."
        context.base().set_control_state(AudioContextState::Running);
        context.base().send_control(cx, None, |request| ContextCommand::Resume { request });
        Ok(context)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiocontext-baselatency>
    fn BaseLatency(&self, _cx: &mut JSContext) -> Finite<f64> {
        // The render thread renders one quantum ahead of the time it reports.
        Finite::<f64>::wrap(RENDER_QUANTUM_SIZE as f64 / self.base().sample_rate() as f64)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiocontext-outputlatency>
    fn OutputLatency(&self, _cx: &mut JSContext) -> Finite<f64> {
        // There is no output device, so nothing stands between the context and its output.
        Finite::<f64>::wrap(0.0)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiocontext-resume>
    fn Resume(&self, cx: &mut JSContext) -> Rc<Promise> {
        let promise = match self.new_promise(cx) {
            Ok(p) => p,
            Err(rejected) => return rejected,
        };
        // 3. "If the [[control thread state]] on the AudioContext is closed reject the promise
        //    with InvalidStateError, abort these steps, returning promise."
        if self.base().control_state() == AudioContextState::Closed {
            AudioContext::reject_closed(cx, &promise);
            return promise;
        }
        // 4. "Set [[suspended by user]] to false."
        self.base().set_suspended_by_user(false);
        // 5. (The context is always allowed to start.)
        // 6. "Set the [[control thread state]] on the AudioContext to running."
        self.base().set_control_state(AudioContextState::Running);
        // 7. "Queue a control message to resume the AudioContext."
        self.base().send_control(cx, Some(promise.clone()), |request| ContextCommand::Resume { request });
        // 8. "Return promise."
        promise
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiocontext-suspend>
    fn Suspend(&self, cx: &mut JSContext) -> Rc<Promise> {
        let promise = match self.new_promise(cx) {
            Ok(p) => p,
            Err(rejected) => return rejected,
        };
        // 3. "If the [[control thread state]] on the AudioContext is closed reject the promise
        //    with InvalidStateError, abort these steps, returning promise."
        if self.base().control_state() == AudioContextState::Closed {
            AudioContext::reject_closed(cx, &promise);
            return promise;
        }
        // 4. "Append promise to [[pending promises]]." (send_control keeps it.)
        // 5. "Set [[suspended by user]] to true."
        self.base().set_suspended_by_user(true);
        // 6. "Set the [[control thread state]] on the AudioContext to suspended."
        self.base().set_control_state(AudioContextState::Suspended);
        // 7. "Queue a control message to suspend the AudioContext."
        self.base().send_control(cx, Some(promise.clone()), |request| ContextCommand::Suspend { request });
        // 8. "Return promise."
        promise
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiocontext-close>
    fn Close(&self, cx: &mut JSContext) -> Rc<Promise> {
        let promise = match self.new_promise(cx) {
            Ok(p) => p,
            Err(rejected) => return rejected,
        };
        // 3. "If the [[control thread state]] flag on the AudioContext is closed reject the
        //    promise with InvalidStateError, abort these steps, returning promise."
        if self.base().control_state() == AudioContextState::Closed {
            AudioContext::reject_closed(cx, &promise);
            return promise;
        }
        // 4. "Set the [[control thread state]] flag on the AudioContext to closed."
        self.base().set_control_state(AudioContextState::Closed);
        // 5. "Queue a control message to close the AudioContext."
        self.base().send_control(cx, Some(promise.clone()), |request| ContextCommand::Close { request });
        // 6. "Return promise."
        promise
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiocontext-createmediastreamsource>
    fn CreateMediaStreamSource(
        &self,
        cx: &mut JSContext,
        media_stream: &MediaStream,
    ) -> Fallible<DomRoot<MediaStreamAudioSourceNode>> {
        // "Creates a MediaStreamAudioSourceNode": the constructor with mediaStream as its option.
        let options = MediaStreamAudioSourceOptions { media_stream: DomRoot::from_ref(media_stream) };
        MediaStreamAudioSourceNode::new(cx, &self.global(), self, &options, None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiocontext-createmediastreamdestination>
    fn CreateMediaStreamDestination(&self, cx: &mut JSContext) -> Fallible<DomRoot<MediaStreamAudioDestinationNode>> {
        // "Creates a MediaStreamAudioDestinationNode": the constructor with default options.
        MediaStreamAudioDestinationNode::new(cx, &self.global(), self, &AudioNodeOptions::empty(), None)
    }
}

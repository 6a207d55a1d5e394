//! `BaseAudioContext` (<https://webaudio.github.io/web-audio-api/#BaseAudioContext>).
//!
//! The context keeps the control thread's state: the `state` attribute (changed only by the
//! tasks the render thread's answers queue, each firing `statechange`), the
//! [[control thread state]] (changed synchronously by `resume()`, `suspend()`, `close()`), the
//! pending promises, and the scheduled sources that play (kept alive until their `ended`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use dom_struct::dom_struct;
use media_traits::webaudio::{AudioCommand, AudioEvent, BufferData, ContextCommand, ContextId, FrameClock, NodeId};
use mozjs::context::JSContext;
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::HandleObject;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::codegen::BaseAudioContextBinding::BaseAudioContextMethods;
use crate::dom::bindings::codegen::Callbacks::{DecodeErrorCallback, DecodeSuccessCallback, EventHandlerNonNull};
use crate::dom::bindings::codegen::Dictionaries::{
    AnalyserOptions, AudioBufferSourceOptions, AudioNodeOptions, BiquadFilterOptions, ChannelMergerOptions,
    ChannelSplitterOptions, ConstantSourceOptions, ConvolverOptions, DelayOptions, DynamicsCompressorOptions,
    GainOptions, IIRFilterOptions, OscillatorOptions, PannerOptions, PeriodicWaveConstraints, StereoPannerOptions,
    WaveShaperOptions,
};
use crate::dom::bindings::codegen::Enums::AudioContextState;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::dom::domexception::{DOMErrorName, DOMException};
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::webaudio::analysernode::AnalyserNode;
use crate::dom::webaudio::audiobuffer::AudioBuffer;
use crate::dom::webaudio::audiobuffersourcenode::AudioBufferSourceNode;
use crate::dom::webaudio::audiodestinationnode::AudioDestinationNode;
use crate::dom::webaudio::audiolistener::AudioListener;
use crate::dom::webaudio::audionode::AudioNode;
use crate::dom::webaudio::audioscheduledsourcenode::AudioScheduledSourceNode;
use crate::dom::webaudio::biquadfilternode::BiquadFilterNode;
use crate::dom::webaudio::channelsplitternode::{ChannelMergerNode, ChannelSplitterNode};
use crate::dom::webaudio::constantsourcenode::ConstantSourceNode;
use crate::dom::webaudio::convolvernode::ConvolverNode;
use crate::dom::webaudio::delaynode::DelayNode;
use crate::dom::webaudio::dynamicscompressornode::DynamicsCompressorNode;
use crate::dom::webaudio::gainnode::GainNode;
use crate::dom::webaudio::iirfilternode::IIRFilterNode;
use crate::dom::webaudio::offlineaudiocompletionevent::OfflineAudioCompletionEvent;
use crate::dom::webaudio::oscillatornode::OscillatorNode;
use crate::dom::webaudio::pannernode::PannerNode;
use crate::dom::webaudio::periodicwave::PeriodicWave;
use crate::dom::webaudio::scriptprocessornode::ScriptProcessorNode;
use crate::dom::webaudio::stereopannernode::StereoPannerNode;
use crate::dom::webaudio::waveshapernode::WaveShaperNode;

/// Context ids: unique in the process, so in every engine.
static NEXT_CONTEXT: AtomicU64 = AtomicU64::new(1);

/// A promise of `resume()`, `suspend()` or `close()` waiting for the render thread's answer.
type Pending = (u64, Rc<Promise>);

/// The callbacks of a `decodeAudioData()` waiting for its decoding, by request.
type PendingDecode = (u64, Option<Rc<DecodeSuccessCallback>>, Option<Rc<DecodeErrorCallback>>);

#[dom_struct]
pub struct BaseAudioContext {
    eventtarget: EventTarget,
    #[no_trace]
    id: ContextId,
    #[no_trace]
    sample_rate: f32,
    /// An `OfflineAudioContext`: it never renders in real time.
    #[no_trace]
    offline: bool,
    #[no_trace]
    clock: FrameClock,
    destination: MutNullableDom<AudioDestinationNode>,
    /// `listener`, made at its first use (by the getter or a `PannerNode`).
    listener: MutNullableDom<AudioListener>,
    /// The `state` attribute.
    #[no_trace]
    state: Cell<AudioContextState>,
    /// [[control thread state]].
    #[no_trace]
    control_state: Cell<AudioContextState>,
    /// [[suspended by user]].
    #[no_trace]
    suspended_by_user: Cell<bool>,
    #[no_trace]
    next_node: Cell<NodeId>,
    #[no_trace]
    next_request: Cell<u64>,
    /// [[pending promises]], by the request that will settle them.
    #[no_trace]
    pending: RefCell<Vec<Pending>>,
    /// Scheduled sources that were started and have not ended ("an AudioScheduledSourceNode
    /// that is playing is kept alive").
    sources: RefCell<Vec<Dom<AudioScheduledSourceNode>>>,
    /// `decodeAudioData()` callbacks (their promises are in `pending`).
    decodes: RefCell<Vec<PendingDecode>>,
    /// The `ScriptProcessorNode`s, kept alive with their context: the render thread hands them
    /// buffers whether or not the page still holds them (as in Chromium, where a processor
    /// with an `audioprocess` listener stays alive while its context runs).
    processors: RefCell<Vec<Dom<ScriptProcessorNode>>>,
}

impl BaseAudioContext {
    /// A context at `sample_rate`, not yet known to the render thread ([`Self::start`]).
    pub fn new_inherited(sample_rate: f32) -> BaseAudioContext {
        BaseAudioContext::new_with(sample_rate, false)
    }

    /// An offline context at `sample_rate` (see [`Self::new_inherited`]).
    pub fn new_inherited_offline(sample_rate: f32) -> BaseAudioContext {
        BaseAudioContext::new_with(sample_rate, true)
    }

    fn new_with(sample_rate: f32, offline: bool) -> BaseAudioContext {
        BaseAudioContext {
            eventtarget: EventTarget::new_inherited(),
            id: NEXT_CONTEXT.fetch_add(1, Ordering::Relaxed),
            sample_rate,
            offline,
            clock: FrameClock::default(),
            destination: MutNullableDom::new(None),
            listener: MutNullableDom::new(None),
            state: Cell::new(AudioContextState::Suspended),
            control_state: Cell::new(AudioContextState::Suspended),
            suspended_by_user: Cell::new(false),
            next_node: Cell::new(1),
            next_request: Cell::new(1),
            pending: RefCell::new(Vec::new()),
            sources: RefCell::new(Vec::new()),
            decodes: RefCell::new(Vec::new()),
            processors: RefCell::new(Vec::new()),
        }
    }

    /// Registers the reflected context with the render thread, which answers through tasks
    /// queued on this thread; creates its destination node with `channels` channels. Fails when
    /// there is no render thread.
    pub fn start(&self, cx: &mut JSContext, window: &Window, channels: u32) -> Fallible<()> {
        let Some(sender) = crate::threads::audio_sender() else {
            return Err(Error::NotSupported("Web Audio is not available: no render thread.".into()));
        };
        let remote = crate::script_thread::remote_task_sender();
        // The render thread holds this until the context is closed or the engine ends.
        let this = Arc::new(Mutex::new(Trusted::new(self)));
        let events = Box::new(move |event: AudioEvent| {
            let this = this.clone();
            let _ = remote.send(Box::new(move |cx: &mut JSContext| {
                let context = this.lock().ok().and_then(|t| t.root());
                if let Some(context) = context {
                    context.handle_event(cx, event);
                }
            }));
        });
        let created = AudioCommand::CreateContext {
            context: self.id,
            sample_rate: self.sample_rate,
            clock: self.clock.clone(),
            events,
        };
        if sender.send(created).is_err() {
            return Err(Error::NotSupported("Web Audio is not available: the render thread has exited.".into()));
        }
        let destination = AudioDestinationNode::new(cx, window, self, channels)?;
        self.destination.set(Some(&destination));
        Ok(())
    }

    pub fn id(&self) -> ContextId {
        self.id
    }

    pub fn sample_rate(&self) -> f32 {
        self.sample_rate
    }

    /// `currentTime`: the frames rendered over the sample rate.
    pub fn current_time(&self) -> f64 {
        self.clock.frames() as f64 / self.sample_rate as f64
    }

    pub fn control_state(&self) -> AudioContextState {
        self.control_state.get()
    }

    pub fn set_control_state(&self, state: AudioContextState) {
        self.control_state.set(state);
    }

    pub fn set_suspended_by_user(&self, suspended: bool) {
        self.suspended_by_user.set(suspended);
    }

    /// Keeps a `ScriptProcessorNode` for the render thread's `audioprocess` hand-offs.
    pub fn keep_script_processor(&self, processor: &ScriptProcessorNode) {
        self.processors.borrow_mut().push(Dom::from_ref(processor));
    }

    /// The context's `AudioListener`, made the first time it is asked for (nothing can observe
    /// a listener before then).
    pub fn listener(&self, cx: &mut JSContext, window: &Window) -> DomRoot<AudioListener> {
        if let Some(listener) = self.listener.get() {
            return listener;
        }
        let listener = AudioListener::new(cx, window, self);
        self.listener.set(Some(&listener));
        listener
    }

    /// The render graph's listener node, which the context's panners read.
    pub fn listener_node(&self, cx: &mut JSContext, window: &Window) -> NodeId {
        self.listener(cx, window).node()
    }

    /// A new node id.
    pub fn next_node_id(&self) -> NodeId {
        self.next_node.replace(self.next_node.get() + 1)
    }

    /// Sends a command for this context; a render thread that is gone is logged.
    pub fn send(&self, command: ContextCommand) -> bool {
        let sent = crate::threads::audio_sender()
            .is_some_and(|s| s.send(AudioCommand::Context { context: self.id, command }).is_ok());
        if !sent {
            log::warn!("web audio: the render thread is gone; a command for context {} was dropped", self.id);
        }
        sent
    }

    /// Sends a control message whose answer settles `promise` (if any) in a task. When the
    /// render thread is gone, the promise is rejected (never left pending).
    pub fn send_control(
        &self,
        cx: &mut JSContext,
        promise: Option<Rc<Promise>>,
        make: impl FnOnce(u64) -> ContextCommand,
    ) {
        let request = self.next_request.replace(self.next_request.get() + 1);
        if let Some(p) = &promise {
            self.pending.borrow_mut().push((request, p.clone()));
            crate::script_thread::request_started();
        }
        if !self.send(make(request))
            && let Some(p) = self.take_pending(request)
        {
            p.reject_error(cx, Error::InvalidState("The Web Audio render thread has exited.".into()));
        }
    }

    fn take_pending(&self, request: u64) -> Option<Rc<Promise>> {
        let mut pending = self.pending.borrow_mut();
        let at = pending.iter().position(|(r, _)| *r == request)?;
        crate::script_thread::request_settled();
        Some(pending.remove(at).1)
    }

    /// "Send a control message to the associated AudioContext to start running its rendering
    /// thread only when all the following conditions are met: the context's
    /// [[control thread state]] is "suspended", the context is allowed to start, the
    /// [[suspended by user]] flag is false" (`start()` of a scheduled source).
    pub fn start_rendering_if_allowed(&self, cx: &mut JSContext) {
        // An offline context renders only through startRendering().
        if self.offline {
            return;
        }
        if self.control_state.get() == AudioContextState::Suspended && !self.suspended_by_user.get() {
            self.control_state.set(AudioContextState::Running);
            self.send_control(cx, None, |request| ContextCommand::Resume { request });
        }
    }

    /// Sets the `state` attribute (firing `statechange`) in a task.
    pub fn queue_state_change(&self, state: AudioContextState) {
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx: &mut JSContext| {
            if let Some(context) = this.root() {
                context.set_state(cx, state);
            }
        }));
    }

    /// Keeps `promise` until the request it gets settles it (the page stays alive meanwhile).
    fn add_pending(&self, promise: &Rc<Promise>) -> u64 {
        let request = self.next_request.replace(self.next_request.get() + 1);
        self.pending.borrow_mut().push((request, promise.clone()));
        crate::script_thread::request_started();
        request
    }

    /// The end of a decoding operation, in a task
    /// (<https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-decodeaudiodata>).
    fn finish_decode(&self, cx: &mut JSContext, request: u64, result: Result<BufferData, String>) {
        let Some(promise) = self.take_pending(request) else { return };
        let (success, failure) = {
            let mut decodes = self.decodes.borrow_mut();
            match decodes.iter().position(|d| d.0 == request) {
                Some(at) => {
                    let (_, s, f) = decodes.remove(at);
                    (s, f)
                }
                None => (None, None),
            }
        };
        let window = self.global();
        let _guard = crate::script_thread::ScriptGuard::new();
        rooted!(&in(cx) let this = UndefinedValue());
        match result {
            Ok(data) => {
                // 1. "Let buffer be an AudioBuffer containing the final result (after possibly
                //    performing sample-rate conversion)."
                let buffer = AudioBuffer::from_data(cx, &window, data);
                // 2. "Resolve promise with buffer."
                promise.resolve_native(cx, &buffer);
                // 3. "If decodeSuccessCallback is not missing, invoke decodeSuccessCallback
                //    with buffer."
                if let Some(callback) = success {
                    let _ = callback.Call_(cx, this.handle(), &buffer, ExceptionHandling::Report);
                }
            }
            Err(reason) => {
                log::debug!("decodeAudioData: {reason}");
                // 1. "Let error be a DOMException whose name is EncodingError."
                let error =
                    DOMException::new(cx, &window, DOMErrorName::EncodingError, "Unable to decode audio data".into());
                // 2. "Reject promise with error, and remove it from [[pending promises]]."
                promise.reject_native(cx, &error);
                // 3. "If errorCallback is not missing, invoke errorCallback with error."
                if let Some(callback) = failure {
                    let _ = callback.Call_(cx, this.handle(), &error, ExceptionHandling::Report);
                }
            }
        }
    }

    /// A started source is kept alive until it ends.
    pub fn add_playing_source(&self, node: &AudioScheduledSourceNode) {
        self.sources.borrow_mut().push(Dom::from_ref(node));
    }

    /// Sets the `state` attribute and fires `statechange` if it changed.
    fn set_state(&self, cx: &mut JSContext, state: AudioContextState) {
        if self.state.get() != state {
            self.state.set(state);
            if self.global().is_attached() {
                self.upcast::<EventTarget>().fire_event(cx, "statechange");
            }
        }
    }

    /// An answer from the render thread, in a task.
    fn handle_event(&self, cx: &mut JSContext, event: AudioEvent) {
        match event {
            // The control message to resume, step "queue a media element task to: resolve all
            // promises in [[pending resume promises]] in order…; if the state attribute of the
            // AudioContext is not already "running": set it to "running", fire statechange".
            AudioEvent::Running { request } => {
                if let Some(p) = self.take_pending(request) {
                    p.resolve_native(cx, &());
                }
                if self.control_state.get() == AudioContextState::Running {
                    self.set_state(cx, AudioContextState::Running);
                }
            }
            // The control message to suspend: "resolve promise; if the state attribute is not
            // already "suspended": set it to "suspended", fire statechange".
            AudioEvent::Suspended { request } => {
                if let Some(p) = self.take_pending(request) {
                    p.resolve_native(cx, &());
                }
                if self.control_state.get() == AudioContextState::Suspended {
                    self.set_state(cx, AudioContextState::Suspended);
                }
            }
            // The control message to close: "resolve promise; if the state attribute is not
            // already "closed": set it to "closed", fire statechange".
            AudioEvent::Closed { request } => {
                if let Some(p) = self.take_pending(request) {
                    p.resolve_native(cx, &());
                }
                // Nothing renders any more: playing sources never end, processors get no
                // buffers.
                self.sources.borrow_mut().clear();
                self.processors.borrow_mut().clear();
                self.set_state(cx, AudioContextState::Closed);
            }
            // The end of offline rendering: "queue a media element task to: resolve the promise
            // created by startRendering() with buffer; queue a media element task to fire an
            // event named complete at the OfflineAudioContext using OfflineAudioCompletionEvent
            // whose renderedBuffer property is set to buffer." The context is then closed, as
            // in Chromium (its state reads "closed" after rendering).
            AudioEvent::Rendered { request, channels } => {
                let window = self.global();
                let data = BufferData { sample_rate: self.sample_rate, channels };
                let buffer = AudioBuffer::from_data(cx, &window, data);
                // Every audioprocess event of the rendering came before this answer.
                self.processors.borrow_mut().clear();
                self.control_state.set(AudioContextState::Closed);
                self.set_state(cx, AudioContextState::Closed);
                if let Some(p) = self.take_pending(request) {
                    p.resolve_native(cx, &buffer);
                }
                let (this, buffer) = (Trusted::new(self), Trusted::new(&*buffer));
                crate::script_thread::queue_task(Box::new(move |cx: &mut JSContext| {
                    let (Some(context), Some(buffer)) = (this.root(), buffer.root()) else { return };
                    let window = context.global();
                    if window.is_attached() {
                        let event = OfflineAudioCompletionEvent::new_complete(cx, &window, &buffer);
                        context.upcast::<EventTarget>().dispatch(cx, event.upcast());
                    }
                }));
            }
            // A ScriptProcessorNode gathered a buffer: fire audioprocess and send the output
            // buffer back.
            AudioEvent::AudioProcess { node, seq, input, playback_time } => {
                let processor = self
                    .processors
                    .borrow()
                    .iter()
                    .find(|p| p.upcast::<AudioNode>().id() == node)
                    .map(|p| p.as_rooted());
                match processor {
                    Some(processor) => processor.process(cx, seq, input, playback_time),
                    None => log::debug!("web audio: audioprocess for unknown node {node}"),
                }
            }
            AudioEvent::Ended { node } => {
                let source = {
                    let mut sources = self.sources.borrow_mut();
                    let at = sources.iter().position(|s| s.upcast::<AudioNode>().id() == node);
                    at.map(|at| sources.remove(at).as_rooted())
                };
                match source {
                    // "When the source node has stopped playing, fire an event named ended."
                    Some(source) if self.global().is_attached() => {
                        source.upcast::<EventTarget>().fire_event(cx, "ended");
                    }
                    Some(_) => {}
                    None => log::debug!("web audio: ended for unknown node {node}"),
                }
            }
        }
    }
}

impl BaseAudioContextMethods for BaseAudioContext {
    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-destination>
    fn Destination(&self, _cx: &mut JSContext) -> DomRoot<AudioDestinationNode> {
        self.destination.get().expect("a started context has its destination")
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-samplerate>
    fn SampleRate(&self, _cx: &mut JSContext) -> Finite<f32> {
        Finite::<f32>::wrap(self.sample_rate)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-currenttime>
    fn CurrentTime(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.current_time())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-state>
    fn State(&self, _cx: &mut JSContext) -> AudioContextState {
        self.state.get()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-onstatechange>
    fn Onstatechange(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("statechange")
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-onstatechange>
    fn SetOnstatechange(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("statechange", value)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createanalyser>
    fn CreateAnalyser(&self, cx: &mut JSContext) -> Fallible<DomRoot<AnalyserNode>> {
        // "Factory method for an AnalyserNode": the constructor with the default options.
        AnalyserNode::new(cx, &self.global(), self, &AnalyserOptions::empty(), None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createbiquadfilter>
    fn CreateBiquadFilter(&self, cx: &mut JSContext) -> Fallible<DomRoot<BiquadFilterNode>> {
        // "Factory method for a BiquadFilterNode": the constructor with the default options.
        BiquadFilterNode::new(cx, &self.global(), self, &BiquadFilterOptions::empty(), None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createchannelmerger>
    fn CreateChannelMerger(&self, cx: &mut JSContext, number_of_inputs: u32) -> Fallible<DomRoot<ChannelMergerNode>> {
        // "Factory method for a ChannelMergerNode": the constructor with numberOfInputs.
        let mut options = ChannelMergerOptions::empty();
        options.number_of_inputs = number_of_inputs;
        ChannelMergerNode::new(cx, &self.global(), self, &options, None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createchannelsplitter>
    fn CreateChannelSplitter(
        &self,
        cx: &mut JSContext,
        number_of_outputs: u32,
    ) -> Fallible<DomRoot<ChannelSplitterNode>> {
        // "Factory method for a ChannelSplitterNode": the constructor with numberOfOutputs.
        let mut options = ChannelSplitterOptions::empty();
        options.number_of_outputs = number_of_outputs;
        ChannelSplitterNode::new(cx, &self.global(), self, &options, None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createdelay>
    fn CreateDelay(&self, cx: &mut JSContext, max_delay_time: Finite<f64>) -> Fallible<DomRoot<DelayNode>> {
        // "Factory method for a DelayNode. The initial default delay time will be 0 seconds":
        // the constructor with maxDelayTime given.
        let mut options = DelayOptions::empty();
        options.max_delay_time = max_delay_time;
        DelayNode::new(cx, &self.global(), self, &options, None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createconvolver>
    fn CreateConvolver(&self, cx: &mut JSContext) -> Fallible<DomRoot<ConvolverNode>> {
        // "Creates a ConvolverNode": the constructor with the default options.
        ConvolverNode::new(cx, &self.global(), self, &ConvolverOptions::empty(), None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createdynamicscompressor>
    fn CreateDynamicsCompressor(&self, cx: &mut JSContext) -> Fallible<DomRoot<DynamicsCompressorNode>> {
        // "Factory method for a DynamicsCompressorNode": the constructor with the default
        // options.
        DynamicsCompressorNode::new(cx, &self.global(), self, &DynamicsCompressorOptions::empty(), None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createiirfilter>
    fn CreateIIRFilter(
        &self,
        cx: &mut JSContext,
        feedforward: Vec<Finite<f64>>,
        feedback: Vec<Finite<f64>>,
    ) -> Fallible<DomRoot<IIRFilterNode>> {
        // "Creates an IIRFilterNode representing a general IIR Filter": the constructor with
        // these coefficients, whose checks throw "NotSupportedError … if the array length is 0
        // or greater than 20" and "InvalidStateError" for an all-zero feedforward or a feedback
        // starting with 0.
        let options = IIRFilterOptions { parent: AudioNodeOptions::empty(), feedforward, feedback };
        IIRFilterNode::new(cx, &self.global(), self, &options, None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createscriptprocessor>
    fn CreateScriptProcessor(
        &self,
        cx: &mut JSContext,
        buffer_size: u32,
        number_of_input_channels: u32,
        number_of_output_channels: u32,
    ) -> Fallible<DomRoot<ScriptProcessorNode>> {
        // "Factory method for a ScriptProcessorNode … An IndexSizeError exception MUST be
        // thrown if bufferSize or numberOfInputChannels or numberOfOutputChannels are outside
        // the valid range. It is invalid for both numberOfInputChannels and
        // numberOfOutputChannels to be zero. In this case an IndexSizeError MUST be thrown."
        ScriptProcessorNode::new(
            cx,
            &self.global(),
            self,
            buffer_size,
            number_of_input_channels,
            number_of_output_channels,
        )
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createwaveshaper>
    fn CreateWaveShaper(&self, cx: &mut JSContext) -> Fallible<DomRoot<WaveShaperNode>> {
        // "Factory method for a WaveShaperNode representing a non-linear distortion": the
        // constructor with the default options.
        WaveShaperNode::new(cx, &self.global(), self, &WaveShaperOptions::empty(), None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-listener>
    fn Listener(&self, cx: &mut JSContext) -> DomRoot<AudioListener> {
        self.listener(cx, &self.global())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createpanner>
    fn CreatePanner(&self, cx: &mut JSContext) -> Fallible<DomRoot<PannerNode>> {
        // "Factory method for a PannerNode": the constructor with the default options.
        PannerNode::new(cx, &self.global(), self, &PannerOptions::empty(), None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createstereopanner>
    fn CreateStereoPanner(&self, cx: &mut JSContext) -> Fallible<DomRoot<StereoPannerNode>> {
        // "Factory method for a StereoPannerNode": the constructor with the default options.
        StereoPannerNode::new(cx, &self.global(), self, &StereoPannerOptions::empty(), None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-creategain>
    fn CreateGain(&self, cx: &mut JSContext) -> Fallible<DomRoot<GainNode>> {
        // "Factory method for GainNode": the constructor with the default options.
        GainNode::new(cx, &self.global(), self, &GainOptions::empty(), None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createoscillator>
    fn CreateOscillator(&self, cx: &mut JSContext) -> Fallible<DomRoot<OscillatorNode>> {
        OscillatorNode::new(cx, &self.global(), self, &OscillatorOptions::empty(), None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createconstantsource>
    fn CreateConstantSource(&self, cx: &mut JSContext) -> Fallible<DomRoot<ConstantSourceNode>> {
        ConstantSourceNode::new(cx, &self.global(), self, &ConstantSourceOptions::empty(), None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createbuffer>
    fn CreateBuffer(
        &self,
        cx: &mut JSContext,
        number_of_channels: u32,
        length: u32,
        sample_rate: Finite<f32>,
    ) -> Fallible<DomRoot<AudioBuffer>> {
        // "Creates an AudioBuffer of the given size… If any of the arguments is negative, zero,
        // or outside its nominal range, a NotSupportedError MUST be thrown."
        AudioBuffer::new_checked(cx, &self.global(), number_of_channels, length, *sample_rate, None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createbuffersource>
    fn CreateBufferSource(&self, cx: &mut JSContext) -> Fallible<DomRoot<AudioBufferSourceNode>> {
        AudioBufferSourceNode::new(cx, &self.global(), self, &AudioBufferSourceOptions::empty(), None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createperiodicwave>
    fn CreatePeriodicWave(
        &self,
        cx: &mut JSContext,
        real: Vec<Finite<f32>>,
        imag: Vec<Finite<f32>>,
        constraints: &PeriodicWaveConstraints,
    ) -> Fallible<DomRoot<PeriodicWave>> {
        // "Factory method to create a PeriodicWave": as the constructor given both arrays
        // ("The real and imag arrays MUST be of the same length, otherwise an IndexSizeError
        // MUST be thrown").
        PeriodicWave::new(cx, &self.global(), Some(&real), Some(&imag), constraints.disable_normalization, None)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-decodeaudiodata>
    fn DecodeAudioData(
        &self,
        cx: &mut JSContext,
        audio_data: HandleObject,
        success_callback: Option<Option<Rc<DecodeSuccessCallback>>>,
        error_callback: Option<Option<Rc<DecodeErrorCallback>>>,
    ) -> Rc<Promise> {
        let window = self.global();
        // (The argument's conversion to ArrayBuffer: a TypeError, as a rejection.)
        let value = ObjectValue(audio_data.get());
        // SAFETY: `value` holds the object `audio_data` roots, for this call only.
        let handle = unsafe { mozjs::rust::HandleValue::from_marked_location(&value) };
        if !crate::dom::bindings::jit::is_array_buffer(handle) {
            return Promise::new_rejected(
                cx,
                &window,
                Error::Type("Failed to execute 'decodeAudioData': parameter 1 is not of type 'ArrayBuffer'.".into()),
            );
        }
        let success = success_callback.flatten();
        let failure = error_callback.flatten();
        // 1. "If this's relevant global object's associated Document is not fully active then
        //    return a promise rejected with "InvalidStateError" DOMException."
        if !window.is_attached() {
            return Promise::new_rejected(cx, &window, Error::InvalidState("The document is not fully active.".into()));
        }
        // 2. "Let realm be this's relevant realm."
        // 3. "Let promise be a new Promise in realm."
        let promise = Promise::new(cx, &window);
        // SAFETY: `audio_data` is a rooted ArrayBuffer (checked above).
        let detached = unsafe { mozjs::jsapi::IsDetachedArrayBufferObject(audio_data.get()) };
        let bytes = if detached {
            None
        } else {
            let bytes = crate::dom::bindings::conversions::with_buffer_source_bytes_mut(audio_data, |b| b.to_vec())
                .unwrap_or_default();
            // 4.2. "Detach the audioData ArrayBuffer. If this operations throws, jump to the
            //      step 3" (the error steps).
            // SAFETY: `audio_data` is a rooted, non-detached ArrayBuffer.
            let ok = unsafe { mozjs::jsapi::DetachArrayBuffer(cx.raw_cx(), audio_data.into()) };
            if !ok {
                crate::dom::bindings::error::clear_pending_exception(cx);
            }
            ok.then_some(bytes)
        };
        let Some(bytes) = bytes else {
            // 5. "Else, execute the following error steps:"
            // 5.1. "Let error be a DataCloneError."
            let error = DOMException::new(
                cx,
                &window,
                DOMErrorName::DataCloneError,
                "Cannot decode detached ArrayBuffer".into(),
            );
            // 5.2. "Reject promise with error, and remove it from [[pending promises]]."
            promise.reject_native(cx, &error);
            // 5.3. "Queue a media element task to invoke errorCallback with error."
            if let Some(callback) = failure {
                let error = Trusted::new(&*error);
                crate::script_thread::queue_task(Box::new(move |cx: &mut JSContext| {
                    let Some(error) = error.root() else { return };
                    let _guard = crate::script_thread::ScriptGuard::new();
                    rooted!(&in(cx) let this = UndefinedValue());
                    let _ = callback.Call_(cx, this.handle(), &error, ExceptionHandling::Report);
                }));
            }
            // 6. "Return promise."
            return promise;
        };
        // 4.1. "Append promise to [[pending promises]]."
        let request = self.add_pending(&promise);
        self.decodes.borrow_mut().push((request, success, failure));
        // 4.3. "Queue a decoding operation to be performed on another thread."
        let remote = crate::script_thread::remote_task_sender();
        let this = Arc::new(Mutex::new(Trusted::new(self)));
        let reply = Box::new(move |result: Result<BufferData, String>| {
            let _ = remote.send(Box::new(move |cx: &mut JSContext| {
                let context = this.lock().ok().and_then(|t| t.root());
                if let Some(context) = context {
                    context.finish_decode(cx, request, result);
                }
            }));
        });
        let command = AudioCommand::Decode { bytes, sample_rate: self.sample_rate, reply };
        let sent = crate::threads::audio_sender().is_some_and(|s| s.send(command).is_ok());
        if !sent {
            self.finish_decode(cx, request, Err("the Web Audio render thread is gone".into()));
        }
        // 6. "Return promise."
        promise
    }
}

//! `ScriptProcessorNode` (<https://webaudio.github.io/web-audio-api/#ScriptProcessorNode>,
//! deprecated but still what recorders and level meters use). The render thread gathers the
//! input into buffers of `bufferSize` frames and hands each to script (an
//! `AudioEvent::AudioProcess`); the page's `audioprocess` handlers fill the event's
//! `outputBuffer`, which goes back through the node's `ScriptPort` and is played two buffers
//! after the input it answers (`playbackTime`), as in Chromium. In real time the render thread
//! never waits for script (an answer that comes late is dropped and its buffer is silent); an
//! `OfflineAudioContext` waits for each answer (`components/webaudio/src/thread.rs`).

use std::rc::Rc;

use dom_struct::dom_struct;
use media_traits::webaudio::{
    ChannelConfig, ChannelCountMode as Mode, ChannelInterpretation as Interpretation, MAX_CHANNELS, NodeKind,
    ScriptPort,
};
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::ScriptProcessorNodeBinding::ScriptProcessorNodeMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::webaudio::audiobuffer::AudioBuffer;
use crate::dom::webaudio::audionode::{AudioNode, ChannelRules, NodeShape};
use crate::dom::webaudio::audioprocessingevent::AudioProcessingEvent;
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

/// The buffer sizes a page may ask for.
const BUFFER_SIZES: [u32; 7] = [256, 512, 1024, 2048, 4096, 8192, 16384];

/// The buffer size `createScriptProcessor(0)` chooses: as Chromium does from its audio
/// device's callback size ("a power of two four times the hardware buffer size", within
/// 256–16384), from the render thread's 5 ms wake-up period, which plays that part here:
/// 1024 frames at 44.1 and 48 kHz. Script then has about 21 ms to answer each buffer.
fn chosen_buffer_size(sample_rate: f32) -> u32 {
    let period = (sample_rate as f64 * 0.005).ceil() as u32;
    (period * 4).next_power_of_two().clamp(256, 16384)
}

#[dom_struct]
pub struct ScriptProcessorNode {
    node: AudioNode,
    #[no_trace]
    buffer_size: u32,
    #[no_trace]
    outputs: u32,
    #[no_trace]
    port: ScriptPort,
}

impl ScriptProcessorNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createscriptprocessor>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        buffer_size: u32,
        inputs: u32,
        outputs: u32,
    ) -> Fallible<DomRoot<ScriptProcessorNode>> {
        // "If the value of this parameter is not one of the allowed power-of-2 values listed
        // above, an IndexSizeError MUST be thrown" (0: "the implementation will choose the best
        // buffer size for the given environment").
        let buffer_size = match buffer_size {
            0 => chosen_buffer_size(context.sample_rate()),
            size if BUFFER_SIZES.contains(&size) => size,
            size => {
                return Err(Error::IndexSize(format!(
                    "bufferSize ({size}) must be 0 or a power of two from 256 to 16384."
                )));
            }
        };
        // "An IndexSizeError exception MUST be thrown if bufferSize or numberOfInputChannels or
        // numberOfOutputChannels are outside the valid range" (the argument descriptions say
        // NotSupportedError for an unsupported channel count; the method's own sentence, which
        // Chromium follows, says IndexSizeError, and so does this).
        if inputs > MAX_CHANNELS || outputs > MAX_CHANNELS {
            return Err(Error::IndexSize(format!(
                "numberOfInputChannels ({inputs}) and numberOfOutputChannels ({outputs}) must not exceed {MAX_CHANNELS}."
            )));
        }
        // "It is invalid for both numberOfInputChannels and numberOfOutputChannels to be zero.
        // In this case an IndexSizeError MUST be thrown."
        if inputs == 0 && outputs == 0 {
            return Err(Error::IndexSize(
                "numberOfInputChannels and numberOfOutputChannels cannot both be zero.".into(),
            ));
        }
        let id = context.next_node_id();
        // One input and one output; channelCount numberOfInputChannels, "explicit", "speakers",
        // neither of the first two changeable (NotSupportedError).
        let shape = NodeShape {
            inputs: 1,
            outputs: 1,
            channels: ChannelConfig { count: inputs, mode: Mode::Explicit, interpretation: Interpretation::Speakers },
            rules: ChannelRules::ScriptProcessor,
        };
        let node = AudioNode::new_inherited(context, id, shape, None)?;
        let port = ScriptPort::new();
        let this = ScriptProcessorNode { node, buffer_size, outputs, port: port.clone() };
        let this = reflect_dom_object(cx, Box::new(this), window);
        this.upcast::<AudioNode>()
            .create_in_renderer(NodeKind::ScriptProcessor { buffer_size, inputs, outputs, port }, &[]);
        context.keep_script_processor(&this);
        Ok(this)
    }

    /// Fires `audioprocess` for the render thread's buffer `seq` (its `input`, one `Vec` per
    /// input channel) and sends the output buffer back as the page left it; an answer is sent
    /// even when nobody listens or the document is gone, so offline rendering never waits in
    /// vain.
    pub fn process(&self, cx: &mut JSContext, seq: u64, input: Vec<Vec<f32>>, playback_time: f64) {
        let window = self.global();
        let rate = self.upcast::<AudioNode>().audio_context().sample_rate();
        let length = self.buffer_size as usize;
        let input = AudioBuffer::from_channels(cx, &window, rate, length, input);
        let output =
            AudioBuffer::from_channels(cx, &window, rate, length, vec![vec![0.0; length]; self.outputs as usize]);
        if window.is_attached() {
            let event = AudioProcessingEvent::new_audioprocess(cx, &window, playback_time, &input, &output);
            self.upcast::<EventTarget>().dispatch(cx, event.upcast());
        }
        self.port.put(seq, output.samples());
    }
}

impl ScriptProcessorNodeMethods for ScriptProcessorNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-scriptprocessornode-onaudioprocess>
    fn Onaudioprocess(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.upcast::<EventTarget>().get_event_handler("audioprocess")
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-scriptprocessornode-onaudioprocess>
    fn SetOnaudioprocess(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.upcast::<EventTarget>().set_event_handler("audioprocess", value)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-scriptprocessornode-buffersize>
    fn BufferSize(&self, _cx: &mut JSContext) -> i32 {
        self.buffer_size as i32
    }
}

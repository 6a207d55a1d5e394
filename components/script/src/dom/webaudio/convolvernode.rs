//! `ConvolverNode` (<https://webaudio.github.io/web-audio-api/#ConvolverNode>): linear
//! convolution with an impulse response. The render thread convolves
//! (`components/webaudio/src/effects.rs`: partitioned FFT convolution, the standard's channel
//! configurations and normalizationScale).

use std::cell::Cell;

use dom_struct::dom_struct;
use media_traits::webaudio::{ContextCommand, NodeKind};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::AudioBufferBinding::AudioBufferMethods;
use crate::dom::bindings::codegen::ConvolverNodeBinding::ConvolverNodeMethods;
use crate::dom::bindings::codegen::Dictionaries::ConvolverOptions;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::html::window::Window;
use crate::dom::webaudio::audiobuffer::AudioBuffer;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct ConvolverNode {
    node: AudioNode,
    buffer: MutNullableDom<AudioBuffer>,
    #[no_trace]
    normalize: Cell<bool>,
}

/// The buffer attribute's step 1: "If the buffer number of channels is not 1, 2, 4, or if the
/// sample-rate of the buffer is not the same as the sample-rate of its associated
/// BaseAudioContext, a NotSupportedError MUST be thrown."
fn check_buffer(cx: &mut JSContext, context: &BaseAudioContext, buffer: &AudioBuffer) -> ErrorResult {
    let channels = buffer.NumberOfChannels(cx);
    if !matches!(channels, 1 | 2 | 4) {
        return Err(Error::NotSupported(format!(
            "The buffer has {channels} channels; a ConvolverNode takes 1, 2 or 4."
        )));
    }
    let rate = *buffer.SampleRate(cx);
    if rate != context.sample_rate() {
        return Err(Error::NotSupported(format!(
            "The buffer's sample rate ({rate}) is not the context's ({}).",
            context.sample_rate()
        )));
    }
    Ok(())
}

impl ConvolverNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-convolvernode-convolvernode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &ConvolverOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<ConvolverNode>> {
        // 1. "Set the attributes normalize to the inverse of the value of
        //    disableNormalization."
        let normalize = !options.disable_normalization;
        // 2. "If buffer exists, set the buffer attribute to its value" (its checks first).
        let buffer = match &options.buffer {
            Some(Some(buffer)) => Some(DomRoot::from_ref(&**buffer)),
            _ => None,
        };
        if let Some(buffer) = &buffer {
            check_buffer(cx, context, buffer)?;
        }
        // 3.–7. "Initialize the AudioNode this" with the channel options: one input and one
        // output; channelCount 2, "clamped-max", "speakers", with the channel count constraints
        // (above 2: NotSupportedError) and channel count mode constraints ("max":
        // NotSupportedError).
        let id = context.next_node_id();
        let shape = NodeShape::stereo_effect();
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        let this =
            ConvolverNode { node, buffer: MutNullableDom::new(buffer.as_deref()), normalize: Cell::new(normalize) };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        // "Acquire the content of the AudioBuffer."
        let content = buffer.and_then(|b| b.acquire_content());
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::Convolver { buffer: content, normalize }, &[]);
        Ok(this)
    }
}

impl ConvolverNodeMethods for ConvolverNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-convolvernode-convolvernode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &ConvolverOptions,
    ) -> Fallible<DomRoot<ConvolverNode>> {
        ConvolverNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-convolvernode-buffer>
    fn Buffer(&self, _cx: &mut JSContext) -> Option<DomRoot<AudioBuffer>> {
        self.buffer.get()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-convolvernode-buffer>
    fn SetBuffer(&self, cx: &mut JSContext, value: Option<&AudioBuffer>) -> ErrorResult {
        let node = self.upcast::<AudioNode>();
        // 1. "If the buffer number of channels is not 1, 2, 4, or if the sample-rate of the
        //    buffer is not the same as the sample-rate of its associated BaseAudioContext, a
        //    NotSupportedError MUST be thrown."
        if let Some(buffer) = value {
            check_buffer(cx, node.audio_context(), buffer)?;
        }
        self.buffer.set(value);
        // 2. "Acquire the content of the AudioBuffer"; "at the time when this attribute is
        //    set, the buffer and the state of the normalize attribute will be used to configure
        //    the ConvolverNode".
        let content = value.and_then(|b| b.acquire_content());
        node.audio_context().send(ContextCommand::SetConvolverBuffer {
            node: node.id(),
            buffer: content,
            normalize: self.normalize.get(),
        });
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-convolvernode-normalize>
    fn Normalize(&self, _cx: &mut JSContext) -> bool {
        self.normalize.get()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-convolvernode-normalize>
    fn SetNormalize(&self, _cx: &mut JSContext, value: bool) {
        // "Changes to this value do not take effect until the next time the buffer attribute
        // is set."
        self.normalize.set(value);
    }
}

//! `AudioDestinationNode` (<https://webaudio.github.io/web-audio-api/#AudioDestinationNode>).
//! The host has no audio output: what reaches a real-time context's destination is mixed and
//! discarded; an offline context's is its rendered buffer.

use dom_struct::dom_struct;
use media_traits::webaudio::{ChannelConfig, ChannelCountMode, ChannelInterpretation, NodeKind};
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::AudioDestinationNodeBinding::AudioDestinationNodeMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, ChannelRules, NodeShape};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

/// maxChannelCount of a real-time context: a stereo device, as Chromium reports headless.
pub const DEVICE_CHANNELS: u32 = 2;

#[dom_struct]
pub struct AudioDestinationNode {
    node: AudioNode,
    /// maxChannelCount: the device's channels, or an offline context's numberOfChannels.
    #[no_trace]
    max_channels: u32,
}

impl AudioDestinationNode {
    /// The destination of `context`, with `channels` channels (its maxChannelCount too).
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        channels: u32,
    ) -> Fallible<DomRoot<AudioDestinationNode>> {
        let shape = NodeShape {
            inputs: 1,
            outputs: 1,
            channels: ChannelConfig {
                count: channels,
                mode: ChannelCountMode::Explicit,
                interpretation: ChannelInterpretation::Speakers,
            },
            rules: ChannelRules::UpTo(channels),
        };
        let node = AudioNode::new_inherited(context, context.next_node_id(), shape, None)?;
        let this = reflect_dom_object(cx, Box::new(AudioDestinationNode { node, max_channels: channels }), window);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::Destination, &[]);
        Ok(this)
    }
}

impl AudioDestinationNodeMethods for AudioDestinationNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-audiodestinationnode-maxchannelcount>
    fn MaxChannelCount(&self, _cx: &mut JSContext) -> u32 {
        self.max_channels
    }
}

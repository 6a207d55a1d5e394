//! `AudioDestinationNode` (<https://webaudio.github.io/web-audio-api/#AudioDestinationNode>).
//! The host has no audio output: what reaches it is mixed and discarded.

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

/// maxChannelCount: a stereo device, as Chromium reports headless.
const MAX_CHANNEL_COUNT: u32 = 2;

#[dom_struct]
pub struct AudioDestinationNode {
    node: AudioNode,
}

impl AudioDestinationNode {
    pub fn new(cx: &mut JSContext, window: &Window, context: &BaseAudioContext) -> Fallible<DomRoot<AudioDestinationNode>> {
        let shape = NodeShape {
            inputs: 1,
            outputs: 1,
            channels: ChannelConfig {
                count: 2,
                mode: ChannelCountMode::Explicit,
                interpretation: ChannelInterpretation::Speakers,
            },
            rules: ChannelRules::UpTo(MAX_CHANNEL_COUNT),
        };
        let node = AudioNode::new_inherited(context, context.next_node_id(), shape, None)?;
        let this = reflect_dom_object(cx, Box::new(AudioDestinationNode { node }), window);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::Destination, &[]);
        Ok(this)
    }
}

impl AudioDestinationNodeMethods for AudioDestinationNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-audiodestinationnode-maxchannelcount>
    fn MaxChannelCount(&self, _cx: &mut JSContext) -> u32 {
        MAX_CHANNEL_COUNT
    }
}

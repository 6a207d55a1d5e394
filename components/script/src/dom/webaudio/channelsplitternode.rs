//! `ChannelSplitterNode` (<https://webaudio.github.io/web-audio-api/#ChannelSplitterNode>) and
//! `ChannelMergerNode` (<https://webaudio.github.io/web-audio-api/#ChannelMergerNode>): one
//! input's channels to as many mono outputs, and as many inputs (each down-mixed to mono) to one
//! output's channels. The render thread routes the channels (`components/webaudio`).

use dom_struct::dom_struct;
use media_traits::webaudio::{
    ChannelConfig, ChannelCountMode as Mode, ChannelInterpretation as Interpretation, NodeKind,
};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::ChannelMergerNodeBinding::ChannelMergerNodeMethods;
use crate::dom::bindings::codegen::ChannelSplitterNodeBinding::ChannelSplitterNodeMethods;
use crate::dom::bindings::codegen::Dictionaries::{ChannelMergerOptions, ChannelSplitterOptions};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, ChannelRules, NodeShape};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

/// The most inputs or outputs: the implementation's maximum channel count.
const MAX_PORTS: u32 = 32;

#[dom_struct]
pub struct ChannelSplitterNode {
    node: AudioNode,
}

impl ChannelSplitterNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-channelsplitternode-channelsplitternode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &ChannelSplitterOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<ChannelSplitterNode>> {
        // ChannelSplitterOptions.numberOfOutputs / createChannelSplitter(): "An IndexSizeError
        // exception MUST be thrown if numberOfOutputs is less than 1 or is greater than the
        // number of supported channels."
        let outputs = options.number_of_outputs;
        if !(1..=MAX_PORTS).contains(&outputs) {
            return Err(Error::IndexSize(format!(
                "The number of outputs provided ({outputs}) is outside the range [1, {MAX_PORTS}]."
            )));
        }
        let id = context.next_node_id();
        // channelCount numberOfOutputs, "explicit", "discrete", none of them changeable.
        let shape = NodeShape {
            inputs: 1,
            outputs,
            channels: ChannelConfig { count: outputs, mode: Mode::Explicit, interpretation: Interpretation::Discrete },
            rules: ChannelRules::Splitter,
        };
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        let this = reflect_dom_object_with_proto(cx, Box::new(ChannelSplitterNode { node }), window, proto);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::Splitter { outputs }, &[]);
        Ok(this)
    }
}

impl ChannelSplitterNodeMethods for ChannelSplitterNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-channelsplitternode-channelsplitternode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &ChannelSplitterOptions,
    ) -> Fallible<DomRoot<ChannelSplitterNode>> {
        ChannelSplitterNode::new(cx, global, context, options, proto)
    }
}

#[dom_struct]
pub struct ChannelMergerNode {
    node: AudioNode,
}

impl ChannelMergerNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-channelmergernode-channelmergernode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &ChannelMergerOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<ChannelMergerNode>> {
        // ChannelMergerOptions.numberOfInputs / createChannelMerger(): "An IndexSizeError
        // exception MUST be thrown if numberOfInputs is less than 1 or is greater than the
        // number of supported channels."
        let inputs = options.number_of_inputs;
        if !(1..=MAX_PORTS).contains(&inputs) {
            return Err(Error::IndexSize(format!(
                "The number of inputs provided ({inputs}) is outside the range [1, {MAX_PORTS}]."
            )));
        }
        let id = context.next_node_id();
        // channelCount 1 and "explicit" (neither changeable), "speakers".
        let shape = NodeShape {
            inputs,
            outputs: 1,
            channels: ChannelConfig { count: 1, mode: Mode::Explicit, interpretation: Interpretation::Speakers },
            rules: ChannelRules::Merger,
        };
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        let this = reflect_dom_object_with_proto(cx, Box::new(ChannelMergerNode { node }), window, proto);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::Merger { inputs }, &[]);
        Ok(this)
    }
}

impl ChannelMergerNodeMethods for ChannelMergerNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-channelmergernode-channelmergernode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &ChannelMergerOptions,
    ) -> Fallible<DomRoot<ChannelMergerNode>> {
        ChannelMergerNode::new(cx, global, context, options, proto)
    }
}

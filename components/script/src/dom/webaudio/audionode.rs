//! `AudioNode` (<https://webaudio.github.io/web-audio-api/#AudioNode>): connections and the
//! channel configuration. The node keeps its outgoing connections (so `disconnect()` can name
//! the InvalidAccessError cases) and tells the render thread each change.

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use media_traits::webaudio::{
    ChannelConfig, ChannelCountMode as Mode, ChannelInterpretation as Interpretation, ContextCommand, MAX_CHANNELS,
    NodeId, NodeKind, Target,
};
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::AudioNodeBinding::AudioNodeMethods;
use crate::dom::bindings::codegen::Dictionaries::AudioNodeOptions;
use crate::dom::bindings::codegen::Enums::{ChannelCountMode, ChannelInterpretation};
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::webaudio::audioparam::AudioParam;
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

/// Node-specific rules for the channel attributes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ChannelRules {
    /// Any count from 1 to 32, any mode.
    Any,
    /// `AudioDestinationNode`: "channelCount … greater than maxChannelCount … IndexSizeError".
    UpTo(u32),
    /// `StereoPannerNode` and `DynamicsCompressorNode`: a channelCount above 2 or the mode
    /// "max" is a NotSupportedError
    /// (<https://webaudio.github.io/web-audio-api/#StereoPanner-channel-limitations>).
    Stereo,
    /// `ScriptProcessorNode`: "The channel count cannot be changed" and "the channel count mode
    /// cannot be changed from "explicit"", each a NotSupportedError
    /// (<https://webaudio.github.io/web-audio-api/#dom-audionode-channelcount>).
    ScriptProcessor,
    /// `ChannelSplitterNode`: channelCount stays numberOfOutputs, the mode "explicit" and the
    /// interpretation "discrete"; any change is an InvalidStateError
    /// (<https://webaudio.github.io/web-audio-api/#ChannelSplitterNode>).
    Splitter,
    /// `ChannelMergerNode`: channelCount stays 1 and the mode "explicit"; any change is an
    /// InvalidStateError (<https://webaudio.github.io/web-audio-api/#ChannelMergerNode>).
    Merger,
}

/// What a node type starts with.
#[derive(Clone, Copy, Debug)]
pub struct NodeShape {
    pub inputs: u32,
    pub outputs: u32,
    pub channels: ChannelConfig,
    pub rules: ChannelRules,
}

impl NodeShape {
    /// A node with the channel settings most node types start with: `channelCount` 2,
    /// `channelCountMode` "max", `channelInterpretation` "speakers", any count allowed.
    pub fn with_default_channels(inputs: u32, outputs: u32) -> NodeShape {
        NodeShape {
            inputs,
            outputs,
            channels: ChannelConfig { count: 2, mode: Mode::Max, interpretation: Interpretation::Speakers },
            rules: ChannelRules::Any,
        }
    }

    /// One input and one output with `channelCount` 2, "clamped-max", "speakers", and the
    /// stereo channel limitations (a count above 2 or the mode "max" is a NotSupportedError):
    /// `StereoPannerNode`, `DynamicsCompressorNode`, `ConvolverNode`.
    pub fn stereo_effect() -> NodeShape {
        NodeShape {
            inputs: 1,
            outputs: 1,
            channels: ChannelConfig { count: 2, mode: Mode::ClampedMax, interpretation: Interpretation::Speakers },
            rules: ChannelRules::Stereo,
        }
    }
}

#[dom_struct]
pub struct AudioNode {
    eventtarget: EventTarget,
    context: Dom<BaseAudioContext>,
    #[no_trace]
    id: NodeId,
    #[no_trace]
    shape: NodeShape,
    #[no_trace]
    channels: Cell<ChannelConfig>,
    /// Outgoing connections: (output, destination).
    #[no_trace]
    connections: RefCell<Vec<(u32, Target)>>,
}

fn mode_to_dom(mode: Mode) -> ChannelCountMode {
    match mode {
        Mode::Max => ChannelCountMode::Max,
        Mode::ClampedMax => ChannelCountMode::ClampedMax,
        Mode::Explicit => ChannelCountMode::Explicit,
    }
}

fn mode_from_dom(mode: ChannelCountMode) -> Mode {
    match mode {
        ChannelCountMode::Max => Mode::Max,
        ChannelCountMode::ClampedMax => Mode::ClampedMax,
        ChannelCountMode::Explicit => Mode::Explicit,
    }
}

fn interpretation_from_dom(i: ChannelInterpretation) -> Interpretation {
    match i {
        ChannelInterpretation::Speakers => Interpretation::Speakers,
        ChannelInterpretation::Discrete => Interpretation::Discrete,
    }
}

impl AudioNode {
    /// A node of `context` with id `id` (from [`BaseAudioContext::next_node_id`]) and `shape`,
    /// with the channel attributes of `options` applied
    /// (<https://webaudio.github.io/web-audio-api/#audionode-constructor-init>).
    pub fn new_inherited(
        context: &BaseAudioContext,
        id: NodeId,
        shape: NodeShape,
        options: Option<&AudioNodeOptions>,
    ) -> Fallible<AudioNode> {
        let node = AudioNode {
            eventtarget: EventTarget::new_inherited(),
            context: Dom::from_ref(context),
            id,
            shape,
            channels: Cell::new(shape.channels),
            connections: RefCell::new(Vec::new()),
        };
        if let Some(options) = options {
            // "If channelCount is present in dict, set the channelCount attribute to it" (and
            // likewise the mode and interpretation), with the setters' exceptions.
            if let Some(count) = options.channel_count {
                node.check_channel_count(count)?;
                node.channels.set(ChannelConfig { count, ..node.channels.get() });
            }
            if let Some(mode) = options.channel_count_mode {
                node.check_channel_mode(mode_from_dom(mode))?;
                node.channels.set(ChannelConfig { mode: mode_from_dom(mode), ..node.channels.get() });
            }
            if let Some(i) = options.channel_interpretation {
                node.check_channel_interpretation(interpretation_from_dom(i))?;
                node.channels.set(ChannelConfig { interpretation: interpretation_from_dom(i), ..node.channels.get() });
            }
        }
        Ok(node)
    }

    /// Tells the render thread about the reflected node.
    pub fn create_in_renderer(&self, kind: NodeKind, params: &[&AudioParam]) {
        self.context.send(ContextCommand::CreateNode {
            node: self.id,
            kind,
            channels: self.channels.get(),
            params: params.iter().map(|p| p.init()).collect(),
        });
    }

    pub fn id(&self) -> NodeId {
        self.id
    }

    pub fn audio_context(&self) -> &BaseAudioContext {
        &self.context
    }

    /// The channel count the node has now (a stream destination records with it).
    pub fn channel_count(&self) -> u32 {
        self.channels.get().count
    }

    fn check_channel_count(&self, count: u32) -> ErrorResult {
        // "If this value is set to zero or to a value greater than the implementation's maximum
        // number of channels the implementation MUST throw a NotSupportedError exception."
        if count == 0 || count > MAX_CHANNELS {
            return Err(Error::NotSupported(format!("channelCount must be between 1 and {MAX_CHANNELS}.")));
        }
        if matches!(self.shape.rules, ChannelRules::Splitter | ChannelRules::Merger)
            && count != self.channels.get().count
        {
            return Err(Error::InvalidState(format!(
                "The channelCount of a {} cannot be changed.",
                if self.shape.rules == ChannelRules::Splitter { "ChannelSplitterNode" } else { "ChannelMergerNode" }
            )));
        }
        if self.shape.rules == ChannelRules::Stereo && count > 2 {
            return Err(Error::NotSupported("This node's channelCount cannot be above 2.".into()));
        }
        if self.shape.rules == ChannelRules::ScriptProcessor && count != self.channels.get().count {
            return Err(Error::NotSupported("The channelCount of a ScriptProcessorNode cannot be changed.".into()));
        }
        if let ChannelRules::UpTo(max) = self.shape.rules
            && count > max
        {
            // AudioDestinationNode: "If the value is greater than maxChannelCount, an
            // IndexSizeError exception MUST be thrown."
            return Err(Error::IndexSize(format!("channelCount must not exceed maxChannelCount ({max}).")));
        }
        Ok(())
    }

    fn check_channel_interpretation(&self, interpretation: Interpretation) -> ErrorResult {
        if self.shape.rules == ChannelRules::Splitter && interpretation != Interpretation::Discrete {
            return Err(Error::InvalidState(
                "The channelInterpretation of a ChannelSplitterNode cannot be changed from \"discrete\".".into(),
            ));
        }
        Ok(())
    }

    fn check_channel_mode(&self, mode: Mode) -> ErrorResult {
        if matches!(self.shape.rules, ChannelRules::Splitter | ChannelRules::Merger) && mode != Mode::Explicit {
            return Err(Error::InvalidState(
                "The channelCountMode of this node cannot be changed from \"explicit\".".into(),
            ));
        }
        if self.shape.rules == ChannelRules::Stereo && mode == Mode::Max {
            return Err(Error::NotSupported("This node's channelCountMode cannot be \"max\".".into()));
        }
        if self.shape.rules == ChannelRules::ScriptProcessor && mode != Mode::Explicit {
            return Err(Error::NotSupported(
                "The channelCountMode of a ScriptProcessorNode cannot be changed from \"explicit\".".into(),
            ));
        }
        Ok(())
    }

    fn set_channels(&self, channels: ChannelConfig) {
        self.channels.set(channels);
        self.context.send(ContextCommand::SetChannels { node: self.id, channels });
    }

    fn check_output(&self, output: u32) -> ErrorResult {
        if output >= self.shape.outputs {
            return Err(Error::IndexSize(format!(
                "output {output} is out of range: the node has {} output(s).",
                self.shape.outputs
            )));
        }
        Ok(())
    }

    /// Removes the connections `matches` selects; false if there was none.
    fn remove_connections(&self, matches: impl Fn(u32, &Target) -> bool) -> bool {
        let removed: Vec<(u32, Target)> = {
            let mut connections = self.connections.borrow_mut();
            let (gone, kept): (Vec<_>, Vec<_>) = connections.drain(..).partition(|(o, t)| matches(*o, t));
            *connections = kept;
            gone
        };
        for (output, to) in &removed {
            self.context.send(ContextCommand::Disconnect { from: self.id, output: *output, to: *to });
        }
        !removed.is_empty()
    }

    fn no_connection() -> Error {
        Error::InvalidAccess("There is no such connection to disconnect.".into())
    }

    fn add_connection(&self, output: u32, to: Target) {
        let mut connections = self.connections.borrow_mut();
        // "Multiple connections with the same termini are ignored."
        if !connections.contains(&(output, to)) {
            connections.push((output, to));
            drop(connections);
            self.context.send(ContextCommand::Connect { from: self.id, output, to });
        }
    }
}

fn is_node(t: &Target, node: NodeId) -> bool {
    matches!(t, Target::Node { node: n, .. } if *n == node)
}

fn is_param(t: &Target, param: &AudioParam) -> bool {
    matches!(t, Target::Param { node, param: slot } if *node == param.node() && *slot == param.slot())
}

impl AudioNodeMethods for AudioNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-connect>
    fn Connect(
        &self,
        _cx: &mut JSContext,
        destination: &AudioNode,
        output: u32,
        input: u32,
    ) -> Fallible<DomRoot<AudioNode>> {
        // "If the destination parameter is an AudioNode that has been created using another
        // AudioContext, an InvalidAccessError MUST be thrown."
        if !std::ptr::eq(destination.audio_context(), self.audio_context()) {
            return Err(Error::InvalidAccess("The destination node belongs to another AudioContext.".into()));
        }
        // "If the output parameter is out-of-bounds, an IndexSizeError exception MUST be thrown."
        self.check_output(output)?;
        // "If the input parameter is out-of-bounds, an IndexSizeError exception MUST be thrown."
        if input >= destination.shape.inputs {
            return Err(Error::IndexSize(format!(
                "input {input} is out of range: the destination has {} input(s).",
                destination.shape.inputs
            )));
        }
        self.add_connection(output, Target::Node { node: destination.id, input });
        // "This method returns destination AudioNode object."
        Ok(DomRoot::from_ref(destination))
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-connect-destinationparam-output>
    fn Connect_(&self, _cx: &mut JSContext, destination: &AudioParam, output: u32) -> ErrorResult {
        // "If destinationParam belongs to an AudioNode that belongs to a BaseAudioContext that
        // is different from the BaseAudioContext that has created the AudioNode on which this
        // method was called, an InvalidAccessError MUST be thrown."
        if !std::ptr::eq(destination.context(), self.audio_context()) {
            return Err(Error::InvalidAccess("The AudioParam belongs to another AudioContext.".into()));
        }
        // "If the parameter is out-of-bounds, an IndexSizeError exception MUST be thrown."
        self.check_output(output)?;
        self.add_connection(output, Target::Param { node: destination.node(), param: destination.slot() });
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-disconnect>
    fn Disconnect(&self, _cx: &mut JSContext) {
        // "Disconnects all outgoing connections from the AudioNode."
        self.remove_connections(|_, _| true);
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-disconnect-output>
    fn Disconnect_(&self, _cx: &mut JSContext, output: u32) -> ErrorResult {
        // "If this parameter is out-of-bounds, an IndexSizeError exception MUST be thrown."
        self.check_output(output)?;
        self.remove_connections(|o, _| o == output);
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-disconnect-destinationnode>
    fn Disconnect__(&self, _cx: &mut JSContext, destination: &AudioNode) -> ErrorResult {
        // "If there is no connection to the destinationNode, an InvalidAccessError exception
        // MUST be thrown."
        if !std::ptr::eq(destination.audio_context(), self.audio_context())
            || !self.remove_connections(|_, t| is_node(t, destination.id))
        {
            return Err(AudioNode::no_connection());
        }
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-disconnect-destinationnode-output>
    fn Disconnect___(&self, _cx: &mut JSContext, destination: &AudioNode, output: u32) -> ErrorResult {
        // "If this parameter is out-of-bounds, an IndexSizeError exception MUST be thrown."
        self.check_output(output)?;
        // "If there is no connection to the destinationNode from the given output, an
        // InvalidAccessError exception MUST be thrown."
        if !std::ptr::eq(destination.audio_context(), self.audio_context())
            || !self.remove_connections(|o, t| o == output && is_node(t, destination.id))
        {
            return Err(AudioNode::no_connection());
        }
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-disconnect-destinationnode-output-input>
    fn Disconnect____(&self, _cx: &mut JSContext, destination: &AudioNode, output: u32, input: u32) -> ErrorResult {
        // "If this parameter [output] is out-of-bounds, an IndexSizeError exception MUST be
        // thrown."
        self.check_output(output)?;
        // "If this parameter [input] is out-of-bounds, an IndexSizeError exception MUST be
        // thrown."
        if input >= destination.shape.inputs {
            return Err(Error::IndexSize(format!("input {input} is out of range.")));
        }
        // "If there is no connection to the destinationNode from the given output to the given
        // input, an InvalidAccessError exception MUST be thrown."
        let target = Target::Node { node: destination.id, input };
        if !std::ptr::eq(destination.audio_context(), self.audio_context())
            || !self.remove_connections(|o, t| o == output && *t == target)
        {
            return Err(AudioNode::no_connection());
        }
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-disconnect-destinationparam>
    fn Disconnect_____(&self, _cx: &mut JSContext, destination: &AudioParam) -> ErrorResult {
        // "If there is no connection to the destinationParam, an InvalidAccessError exception
        // MUST be thrown."
        if !std::ptr::eq(destination.context(), self.audio_context())
            || !self.remove_connections(|_, t| is_param(t, destination))
        {
            return Err(AudioNode::no_connection());
        }
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-disconnect-destinationparam-output>
    fn Disconnect______(&self, _cx: &mut JSContext, destination: &AudioParam, output: u32) -> ErrorResult {
        // "If the parameter is out-of-bounds, an IndexSizeError exception MUST be thrown."
        self.check_output(output)?;
        // "If there is no connection to the destinationParam, an InvalidAccessError exception
        // MUST be thrown."
        if !std::ptr::eq(destination.context(), self.audio_context())
            || !self.remove_connections(|o, t| o == output && is_param(t, destination))
        {
            return Err(AudioNode::no_connection());
        }
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-context>
    fn Context(&self, _cx: &mut JSContext) -> DomRoot<BaseAudioContext> {
        self.context.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-numberofinputs>
    fn NumberOfInputs(&self, _cx: &mut JSContext) -> u32 {
        self.shape.inputs
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-numberofoutputs>
    fn NumberOfOutputs(&self, _cx: &mut JSContext) -> u32 {
        self.shape.outputs
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-channelcount>
    fn ChannelCount(&self, _cx: &mut JSContext) -> u32 {
        self.channels.get().count
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-channelcount>
    fn SetChannelCount(&self, _cx: &mut JSContext, value: u32) -> ErrorResult {
        self.check_channel_count(value)?;
        self.set_channels(ChannelConfig { count: value, ..self.channels.get() });
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-channelcountmode>
    fn ChannelCountMode(&self, _cx: &mut JSContext) -> ChannelCountMode {
        mode_to_dom(self.channels.get().mode)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-channelcountmode>
    fn SetChannelCountMode(&self, _cx: &mut JSContext, value: ChannelCountMode) -> ErrorResult {
        let mode = mode_from_dom(value);
        self.check_channel_mode(mode)?;
        self.set_channels(ChannelConfig { mode, ..self.channels.get() });
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-channelinterpretation>
    fn ChannelInterpretation(&self, _cx: &mut JSContext) -> ChannelInterpretation {
        match self.channels.get().interpretation {
            Interpretation::Speakers => ChannelInterpretation::Speakers,
            Interpretation::Discrete => ChannelInterpretation::Discrete,
        }
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audionode-channelinterpretation>
    fn SetChannelInterpretation(&self, _cx: &mut JSContext, value: ChannelInterpretation) -> ErrorResult {
        let interpretation = interpretation_from_dom(value);
        self.check_channel_interpretation(interpretation)?;
        self.set_channels(ChannelConfig { interpretation, ..self.channels.get() });
        Ok(())
    }
}

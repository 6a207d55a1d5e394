//! `DelayNode` (<https://webaudio.github.io/web-audio-api/#DelayNode>): its input, delayed by
//! the a-rate `delayTime`. The render thread keeps the delay line (`components/webaudio`); in a
//! cycle a delay node is what lets the cycle sound, with a delay of at least one render quantum.

use dom_struct::dom_struct;
use media_traits::webaudio::{
    AutomationRate, ChannelConfig, ChannelCountMode as Mode, ChannelInterpretation as Interpretation, NodeKind,
    ParamSlot,
};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::DelayNodeBinding::DelayNodeMethods;
use crate::dom::bindings::codegen::Dictionaries::DelayOptions;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, ChannelRules, NodeShape};
use crate::dom::webaudio::audioparam::{AudioParam, ParamSpec};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct DelayNode {
    node: AudioNode,
    delay_time: Dom<AudioParam>,
}

impl DelayNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-delaynode-delaynode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &DelayOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<DelayNode>> {
        // DelayOptions.maxDelayTime: "If specified, this value MUST be greater than zero and
        // less than three minutes or a NotSupportedError exception MUST be thrown."
        let max_delay = *options.max_delay_time;
        if !(max_delay > 0.0 && max_delay < 180.0) {
            return Err(Error::NotSupported(format!(
                "The max delay time provided ({max_delay}) is outside the range (0, 180)."
            )));
        }
        let id = context.next_node_id();
        // One input and one output; channelCount 2, "max", "speakers".
        let shape = NodeShape {
            inputs: 1,
            outputs: 1,
            channels: ChannelConfig { count: 2, mode: Mode::Max, interpretation: Interpretation::Speakers },
            rules: ChannelRules::Any,
        };
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        // delayTime: default 0, min 0, max maxDelayTime, a-rate.
        let delay_time = AudioParam::new(
            cx,
            window,
            context,
            id,
            ParamSpec {
                slot: ParamSlot::DelayTime,
                default: 0.0,
                min: 0.0,
                max: max_delay as f32,
                rate: AutomationRate::ARate,
            },
            *options.delay_time as f32,
        );
        let this = DelayNode { node, delay_time: Dom::from_ref(&delay_time) };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::Delay { max_delay }, &[&delay_time]);
        Ok(this)
    }
}

impl DelayNodeMethods for DelayNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-delaynode-delaynode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &DelayOptions,
    ) -> Fallible<DomRoot<DelayNode>> {
        DelayNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-delaynode-delaytime>
    fn DelayTime(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.delay_time.as_rooted()
    }
}

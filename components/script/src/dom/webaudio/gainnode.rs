//! `GainNode` (<https://webaudio.github.io/web-audio-api/#GainNode>).

use dom_struct::dom_struct;
use media_traits::webaudio::{AutomationRate, NodeKind, ParamSlot};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::GainOptions;
use crate::dom::bindings::codegen::GainNodeBinding::GainNodeMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::audioparam::{AudioParam, MOST_POSITIVE, ParamSpec};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct GainNode {
    node: AudioNode,
    gain: Dom<AudioParam>,
}

impl GainNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-gainnode-gainnode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &GainOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<GainNode>> {
        let id = context.next_node_id();
        let shape = NodeShape::with_default_channels(1, 1);
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        let gain = AudioParam::new(
            cx,
            window,
            context,
            id,
            ParamSpec {
                slot: ParamSlot::Gain,
                default: 1.0,
                min: -MOST_POSITIVE,
                max: MOST_POSITIVE,
                rate: AutomationRate::ARate,
            },
            *options.gain,
        );
        let this = GainNode { node, gain: Dom::from_ref(&gain) };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::Gain, &[&gain]);
        Ok(this)
    }
}

impl GainNodeMethods for GainNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-gainnode-gainnode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &GainOptions,
    ) -> Fallible<DomRoot<GainNode>> {
        GainNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-gainnode-gain>
    fn Gain(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.gain.as_rooted()
    }
}

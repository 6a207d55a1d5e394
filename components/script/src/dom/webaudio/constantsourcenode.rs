//! `ConstantSourceNode` (<https://webaudio.github.io/web-audio-api/#ConstantSourceNode>).

use dom_struct::dom_struct;
use media_traits::webaudio::{AutomationRate, NodeKind, ParamSlot};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::ConstantSourceNodeBinding::ConstantSourceNodeMethods;
use crate::dom::bindings::codegen::Dictionaries::ConstantSourceOptions;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::audioparam::{AudioParam, MOST_POSITIVE, ParamSpec};
use crate::dom::webaudio::audioscheduledsourcenode::AudioScheduledSourceNode;
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct ConstantSourceNode {
    source: AudioScheduledSourceNode,
    offset: Dom<AudioParam>,
}

impl ConstantSourceNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-constantsourcenode-constantsourcenode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &ConstantSourceOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<ConstantSourceNode>> {
        let id = context.next_node_id();
        let shape = NodeShape::with_default_channels(0, 1);
        // (ConstantSourceOptions does not inherit AudioNodeOptions.)
        let node = AudioNode::new_inherited(context, id, shape, None)?;
        let offset = AudioParam::new(
            cx,
            window,
            context,
            id,
            ParamSpec {
                slot: ParamSlot::Offset,
                default: 1.0,
                min: -MOST_POSITIVE,
                max: MOST_POSITIVE,
                rate: AutomationRate::ARate,
            },
            *options.offset,
        );
        let this = ConstantSourceNode {
            source: AudioScheduledSourceNode::new_inherited(node),
            offset: Dom::from_ref(&offset),
        };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::ConstantSource, &[&offset]);
        Ok(this)
    }
}

impl ConstantSourceNodeMethods for ConstantSourceNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-constantsourcenode-constantsourcenode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &ConstantSourceOptions,
    ) -> Fallible<DomRoot<ConstantSourceNode>> {
        ConstantSourceNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-constantsourcenode-offset>
    fn Offset(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.offset.as_rooted()
    }
}

//! `StereoPannerNode` (<https://webaudio.github.io/web-audio-api/#StereoPannerNode>): equal-power
//! panning between the two output channels. The render thread pans (`components/webaudio`).

use dom_struct::dom_struct;
use media_traits::webaudio::{AutomationRate, NodeKind, ParamSlot};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::StereoPannerOptions;
use crate::dom::bindings::codegen::StereoPannerNodeBinding::StereoPannerNodeMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::audioparam::{AudioParam, ParamSpec};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct StereoPannerNode {
    node: AudioNode,
    pan: Dom<AudioParam>,
}

impl StereoPannerNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-stereopannernode-stereopannernode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &StereoPannerOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<StereoPannerNode>> {
        let id = context.next_node_id();
        // One input and one output; channelCount 2, "clamped-max", "speakers", and the
        // channel limitations (a count above 2 or "max" is a NotSupportedError).
        let shape = NodeShape::stereo_effect();
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        let pan = AudioParam::new(
            cx,
            window,
            context,
            id,
            ParamSpec { slot: ParamSlot::Pan, default: 0.0, min: -1.0, max: 1.0, rate: AutomationRate::ARate },
            *options.pan,
        );
        let this = StereoPannerNode { node, pan: Dom::from_ref(&pan) };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::StereoPanner, &[&pan]);
        Ok(this)
    }
}

impl StereoPannerNodeMethods for StereoPannerNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-stereopannernode-stereopannernode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &StereoPannerOptions,
    ) -> Fallible<DomRoot<StereoPannerNode>> {
        StereoPannerNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-stereopannernode-pan>
    fn Pan(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.pan.as_rooted()
    }
}

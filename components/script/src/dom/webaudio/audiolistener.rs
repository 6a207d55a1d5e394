//! `AudioListener` (<https://webaudio.github.io/web-audio-api/#AudioListener>): where the
//! context's listener is and which way it faces, for every `PannerNode` of the context. Its
//! nine params live on a node of their own in the render graph (`NodeKind::Listener`), whose
//! output the panners read each render quantum.

use dom_struct::dom_struct;
use media_traits::webaudio::{
    AutomationRate, ChannelConfig, ChannelCountMode, ChannelInterpretation, ContextCommand, NodeKind, ParamSlot,
};
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::AudioListenerBinding::AudioListenerMethods;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::webaudio::audioparam::{AudioParam, MOST_POSITIVE, ParamSpec};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

/// The params in the order the listener node outputs them: position, forward, up; with their
/// defaults (<https://webaudio.github.io/web-audio-api/#AudioListener-attributes>).
const PARAMS: [(ParamSlot, f32); 9] = [
    (ParamSlot::PositionX, 0.0),
    (ParamSlot::PositionY, 0.0),
    (ParamSlot::PositionZ, 0.0),
    (ParamSlot::ForwardX, 0.0),
    (ParamSlot::ForwardY, 0.0),
    (ParamSlot::ForwardZ, -1.0),
    (ParamSlot::UpX, 0.0),
    (ParamSlot::UpY, 1.0),
    (ParamSlot::UpZ, 0.0),
];

#[dom_struct]
pub struct AudioListener {
    reflector_: Reflector,
    /// positionX, positionY, positionZ, forwardX…Z, upX…Z.
    params: Vec<Dom<AudioParam>>,
    #[no_trace]
    node: media_traits::webaudio::NodeId,
}

impl AudioListener {
    /// The listener of `context`, created with it in the render graph.
    pub fn new(cx: &mut JSContext, window: &Window, context: &BaseAudioContext) -> DomRoot<AudioListener> {
        let node = context.next_node_id();
        let params: Vec<DomRoot<AudioParam>> = PARAMS
            .iter()
            .map(|&(slot, default)| {
                // "positionX … upZ: defaultValue …, minValue most-negative-single-float,
                // maxValue most-positive-single-float, automationRate "a-rate"."
                let spec =
                    ParamSpec { slot, default, min: -MOST_POSITIVE, max: MOST_POSITIVE, rate: AutomationRate::ARate };
                AudioParam::new(cx, window, context, node, spec, default)
            })
            .collect();
        context.send(ContextCommand::CreateNode {
            node,
            kind: NodeKind::Listener,
            channels: ChannelConfig {
                count: 1,
                mode: ChannelCountMode::Explicit,
                interpretation: ChannelInterpretation::Discrete,
            },
            params: params.iter().map(|p| p.init()).collect(),
        });
        let listener = AudioListener {
            reflector_: Reflector::new(),
            params: params.iter().map(|p| Dom::from_ref(&**p)).collect(),
            node,
        };
        reflect_dom_object(cx, Box::new(listener), window)
    }

    /// The render graph's listener node, which panners read.
    pub fn node(&self) -> media_traits::webaudio::NodeId {
        self.node
    }

    fn param(&self, index: usize) -> DomRoot<AudioParam> {
        self.params[index].as_rooted()
    }
}

impl AudioListenerMethods for AudioListener {
    /// <https://webaudio.github.io/web-audio-api/#dom-audiolistener-positionx>
    fn PositionX(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(0)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-audiolistener-positiony>
    fn PositionY(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(1)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-audiolistener-positionz>
    fn PositionZ(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(2)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-audiolistener-forwardx>
    fn ForwardX(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(3)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-audiolistener-forwardy>
    fn ForwardY(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(4)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-audiolistener-forwardz>
    fn ForwardZ(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(5)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-audiolistener-upx>
    fn UpX(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(6)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-audiolistener-upy>
    fn UpY(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(7)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-audiolistener-upz>
    fn UpZ(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(8)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiolistener-setposition>: "equivalent to
    /// setting positionX.value, positionY.value, and positionZ.value directly".
    fn SetPosition(&self, cx: &mut JSContext, x: Finite<f32>, y: Finite<f32>, z: Finite<f32>) {
        AudioParam::set_values(cx, &self.params, 0, &[x, y, z]);
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiolistener-setorientation>: "equivalent
    /// to setting forwardX.value, forwardY.value, forwardZ.value, upX.value, upY.value, and
    /// upZ.value directly".
    #[allow(clippy::too_many_arguments)]
    fn SetOrientation(
        &self,
        cx: &mut JSContext,
        x: Finite<f32>,
        y: Finite<f32>,
        z: Finite<f32>,
        x_up: Finite<f32>,
        y_up: Finite<f32>,
        z_up: Finite<f32>,
    ) {
        AudioParam::set_values(cx, &self.params, 3, &[x, y, z, x_up, y_up, z_up]);
    }
}

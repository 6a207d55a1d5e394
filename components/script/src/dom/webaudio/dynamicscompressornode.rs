//! `DynamicsCompressorNode` (<https://webaudio.github.io/web-audio-api/#DynamicsCompressorNode>):
//! a compressor with a fixed 6 ms look-ahead. The render thread compresses
//! (`components/webaudio/src/effects.rs`: the standard's EnvelopeFollower and the curve
//! choices it leaves open) and writes [[internal reduction]] at the end of each render quantum.

use dom_struct::dom_struct;
use media_traits::webaudio::{AutomationRate, NodeKind, ParamSlot, ParamValue};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::DynamicsCompressorOptions;
use crate::dom::bindings::codegen::DynamicsCompressorNodeBinding::DynamicsCompressorNodeMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::audioparam::{AudioParam, ParamSpec};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct DynamicsCompressorNode {
    node: AudioNode,
    threshold: Dom<AudioParam>,
    knee: Dom<AudioParam>,
    ratio: Dom<AudioParam>,
    attack: Dom<AudioParam>,
    release: Dom<AudioParam>,
    /// [[internal reduction]], in dB, written by the render thread.
    #[no_trace]
    reduction: ParamValue,
}

impl DynamicsCompressorNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-dynamicscompressornode-dynamicscompressornode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &DynamicsCompressorOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<DynamicsCompressorNode>> {
        let id = context.next_node_id();
        // One input and one output; channelCount 2, "clamped-max", "speakers", with the
        // channel count constraints (above 2: NotSupportedError) and channel count mode
        // constraints ("max": NotSupportedError).
        let shape = NodeShape::stereo_effect();
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        // Five k-rate params, each with an automation rate constraint.
        let mut param = |slot, default, min, max, value: f32| {
            let p = AudioParam::new(
                cx,
                window,
                context,
                id,
                ParamSpec { slot, default, min, max, rate: AutomationRate::KRate },
                value,
            );
            p.fix_rate();
            p
        };
        let threshold = param(ParamSlot::Threshold, -24.0, -100.0, 0.0, *options.threshold);
        let knee = param(ParamSlot::Knee, 30.0, 0.0, 40.0, *options.knee);
        let ratio = param(ParamSlot::Ratio, 12.0, 1.0, 20.0, *options.ratio);
        let attack = param(ParamSlot::Attack, 0.003, 0.0, 1.0, *options.attack);
        let release = param(ParamSlot::Release, 0.25, 0.0, 1.0, *options.release);
        // "Set [[internal reduction]] to 0.0."
        let reduction = ParamValue::new(0.0);
        let this = DynamicsCompressorNode {
            node,
            threshold: Dom::from_ref(&threshold),
            knee: Dom::from_ref(&knee),
            ratio: Dom::from_ref(&ratio),
            attack: Dom::from_ref(&attack),
            release: Dom::from_ref(&release),
            reduction: reduction.clone(),
        };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        this.upcast::<AudioNode>()
            .create_in_renderer(NodeKind::Compressor { reduction }, &[&threshold, &knee, &ratio, &attack, &release]);
        Ok(this)
    }
}

impl DynamicsCompressorNodeMethods for DynamicsCompressorNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-dynamicscompressornode-dynamicscompressornode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &DynamicsCompressorOptions,
    ) -> Fallible<DomRoot<DynamicsCompressorNode>> {
        DynamicsCompressorNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-dynamicscompressornode-threshold>
    fn Threshold(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.threshold.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-dynamicscompressornode-knee>
    fn Knee(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.knee.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-dynamicscompressornode-ratio>
    fn Ratio(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.ratio.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-dynamicscompressornode-reduction>
    fn Reduction(&self, _cx: &mut JSContext) -> Finite<f32> {
        // "When this attribute is read, return the value of the private slot
        // [[internal reduction]]."
        let reduction = self.reduction.get();
        Finite::<f32>::wrap(if reduction.is_finite() { reduction } else { 0.0 })
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-dynamicscompressornode-attack>
    fn Attack(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.attack.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-dynamicscompressornode-release>
    fn Release(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.release.as_rooted()
    }
}

//! `PannerNode` (<https://webaudio.github.io/web-audio-api/#PannerNode>): a source placed in 3D
//! space around the context's `AudioListener`, panned by equal power between two output
//! channels and attenuated by distance and by its sound cone. The render thread spatializes
//! (`components/webaudio/src/panner.rs`). The "HRTF" panning model pans by equal power too:
//! Aperture ships no head-related impulse responses.

use std::cell::Cell;

use dom_struct::dom_struct;
use media_traits::webaudio::{AutomationRate, ContextCommand, DistanceModel, NodeKind, PannerSettings, ParamSlot};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::PannerOptions;
use crate::dom::bindings::codegen::Enums::{DistanceModelType, PanningModelType};
use crate::dom::bindings::codegen::PannerNodeBinding::PannerNodeMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::audioparam::{AudioParam, MOST_POSITIVE, ParamSpec};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct PannerNode {
    node: AudioNode,
    /// positionX, positionY, positionZ, orientationX, orientationY, orientationZ.
    params: Vec<Dom<AudioParam>>,
    #[no_trace]
    panning_model: Cell<PanningModelType>,
    #[no_trace]
    distance_model: Cell<DistanceModelType>,
    #[no_trace]
    settings: Cell<PannerSettings>,
}

fn distance_model(model: DistanceModelType) -> DistanceModel {
    match model {
        DistanceModelType::Linear => DistanceModel::Linear,
        DistanceModelType::Inverse => DistanceModel::Inverse,
        DistanceModelType::Exponential => DistanceModel::Exponential,
    }
}

/// "refDistance … If this is set to a negative value, a RangeError MUST be thrown."
fn check_ref_distance(value: f64) -> ErrorResult {
    if value < 0.0 {
        return Err(Error::Range(format!("refDistance {value} is negative.")));
    }
    Ok(())
}

/// "maxDistance … If this is set to a non-positive value, a RangeError MUST be thrown."
fn check_max_distance(value: f64) -> ErrorResult {
    if value <= 0.0 {
        return Err(Error::Range(format!("maxDistance {value} is not positive.")));
    }
    Ok(())
}

/// "rolloffFactor … If this is set to a negative value, a RangeError MUST be thrown."
fn check_rolloff(value: f64) -> ErrorResult {
    if value < 0.0 {
        return Err(Error::Range(format!("rolloffFactor {value} is negative.")));
    }
    Ok(())
}

/// "coneOuterGain … It is a linear value (not dB) in the range [0, 1]. An InvalidStateError MUST
/// be thrown if the parameter is outside this range."
fn check_cone_outer_gain(value: f64) -> ErrorResult {
    if !(0.0..=1.0).contains(&value) {
        return Err(Error::InvalidState(format!("coneOuterGain {value} is outside [0, 1].")));
    }
    Ok(())
}

impl PannerNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-pannernode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &PannerOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<PannerNode>> {
        // The attributes' checks, in the order the options dictionary lists them.
        check_ref_distance(*options.ref_distance)?;
        check_max_distance(*options.max_distance)?;
        check_rolloff(*options.rolloff_factor)?;
        check_cone_outer_gain(*options.cone_outer_gain)?;
        let id = context.next_node_id();
        // One input and one output; channelCount 2, "clamped-max", "speakers", and the channel
        // limitations (a count above 2 or "max" is a NotSupportedError).
        let shape = NodeShape::stereo_effect();
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        let initial = [
            (ParamSlot::PositionX, 0.0, *options.position_x),
            (ParamSlot::PositionY, 0.0, *options.position_y),
            (ParamSlot::PositionZ, 0.0, *options.position_z),
            (ParamSlot::OrientationX, 1.0, *options.orientation_x),
            (ParamSlot::OrientationY, 0.0, *options.orientation_y),
            (ParamSlot::OrientationZ, 0.0, *options.orientation_z),
        ];
        let params: Vec<DomRoot<AudioParam>> = initial
            .iter()
            .map(|&(slot, default, value)| {
                let spec =
                    ParamSpec { slot, default, min: -MOST_POSITIVE, max: MOST_POSITIVE, rate: AutomationRate::ARate };
                AudioParam::new(cx, window, context, id, spec, value)
            })
            .collect();
        let settings = PannerSettings {
            hrtf: options.panning_model == PanningModelType::HRTF,
            distance_model: distance_model(options.distance_model),
            ref_distance: *options.ref_distance,
            max_distance: *options.max_distance,
            rolloff_factor: *options.rolloff_factor,
            cone_inner_angle: *options.cone_inner_angle,
            cone_outer_angle: *options.cone_outer_angle,
            cone_outer_gain: *options.cone_outer_gain,
        };
        let listener = context.listener_node(cx, window);
        let this = PannerNode {
            node,
            params: params.iter().map(|p| Dom::from_ref(&**p)).collect(),
            panning_model: Cell::new(options.panning_model),
            distance_model: Cell::new(options.distance_model),
            settings: Cell::new(settings),
        };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        let refs: Vec<&AudioParam> = params.iter().map(|p| &**p).collect();
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::Panner { listener, settings }, &refs);
        Ok(this)
    }

    fn param(&self, index: usize) -> DomRoot<AudioParam> {
        self.params[index].as_rooted()
    }

    /// Changes the attributes and tells the render thread.
    fn update(&self, change: impl FnOnce(&mut PannerSettings)) {
        let mut settings = self.settings.get();
        change(&mut settings);
        self.settings.set(settings);
        let node = self.upcast::<AudioNode>();
        node.audio_context().send(ContextCommand::SetPanner { node: node.id(), settings });
    }
}

impl PannerNodeMethods for PannerNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-pannernode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &PannerOptions,
    ) -> Fallible<DomRoot<PannerNode>> {
        PannerNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-panningmodel>
    fn PanningModel(&self, _cx: &mut JSContext) -> PanningModelType {
        self.panning_model.get()
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-panningmodel>
    fn SetPanningModel(&self, _cx: &mut JSContext, value: PanningModelType) {
        self.panning_model.set(value);
        self.update(|s| s.hrtf = value == PanningModelType::HRTF);
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-positionx>
    fn PositionX(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(0)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-positiony>
    fn PositionY(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(1)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-positionz>
    fn PositionZ(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(2)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-orientationx>
    fn OrientationX(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(3)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-orientationy>
    fn OrientationY(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(4)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-orientationz>
    fn OrientationZ(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.param(5)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-distancemodel>
    fn DistanceModel(&self, _cx: &mut JSContext) -> DistanceModelType {
        self.distance_model.get()
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-distancemodel>
    fn SetDistanceModel(&self, _cx: &mut JSContext, value: DistanceModelType) {
        self.distance_model.set(value);
        self.update(|s| s.distance_model = distance_model(value));
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-refdistance>
    fn RefDistance(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.settings.get().ref_distance)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-refdistance>
    fn SetRefDistance(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        check_ref_distance(*value)?;
        self.update(|s| s.ref_distance = *value);
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-maxdistance>
    fn MaxDistance(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.settings.get().max_distance)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-maxdistance>
    fn SetMaxDistance(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        check_max_distance(*value)?;
        self.update(|s| s.max_distance = *value);
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-rollofffactor>
    fn RolloffFactor(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.settings.get().rolloff_factor)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-rollofffactor>
    fn SetRolloffFactor(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        check_rolloff(*value)?;
        self.update(|s| s.rolloff_factor = *value);
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-coneinnerangle>
    fn ConeInnerAngle(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.settings.get().cone_inner_angle)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-coneinnerangle>
    fn SetConeInnerAngle(&self, _cx: &mut JSContext, value: Finite<f64>) {
        self.update(|s| s.cone_inner_angle = *value);
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-coneouterangle>
    fn ConeOuterAngle(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.settings.get().cone_outer_angle)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-coneouterangle>
    fn SetConeOuterAngle(&self, _cx: &mut JSContext, value: Finite<f64>) {
        self.update(|s| s.cone_outer_angle = *value);
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-coneoutergain>
    fn ConeOuterGain(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.settings.get().cone_outer_gain)
    }
    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-coneoutergain>
    fn SetConeOuterGain(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        check_cone_outer_gain(*value)?;
        self.update(|s| s.cone_outer_gain = *value);
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-setposition>: "equivalent to
    /// setting positionX.value, positionY.value, and positionZ.value directly".
    fn SetPosition(&self, cx: &mut JSContext, x: Finite<f32>, y: Finite<f32>, z: Finite<f32>) {
        AudioParam::set_values(cx, &self.params, 0, &[x, y, z]);
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-pannernode-setorientation>: "equivalent to
    /// setting orientationX.value, orientationY.value, and orientationZ.value directly".
    fn SetOrientation(&self, cx: &mut JSContext, x: Finite<f32>, y: Finite<f32>, z: Finite<f32>) {
        AudioParam::set_values(cx, &self.params, 3, &[x, y, z]);
    }
}

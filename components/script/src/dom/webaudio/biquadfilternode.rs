//! `BiquadFilterNode` (<https://webaudio.github.io/web-audio-api/#BiquadFilterNode>): the
//! common second-order filters. The render thread filters (`components/webaudio`); the
//! coefficients of each type and their frequency response are `media_traits::biquad`, shared
//! with `getFrequencyResponse()`.

use std::cell::Cell;

use dom_struct::dom_struct;
use media_traits::biquad::{self, BiquadFilterType as Filter};
use media_traits::webaudio::{AutomationRate, ContextCommand, NodeKind, ParamSlot};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::BiquadFilterNodeBinding::BiquadFilterNodeMethods;
use crate::dom::bindings::codegen::Dictionaries::BiquadFilterOptions;
use crate::dom::bindings::codegen::Enums::BiquadFilterType;
use crate::dom::bindings::error::{ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::audioparam::{AudioParam, DETUNE_LIMIT, MOST_POSITIVE, ParamSpec};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;
use crate::dom::webaudio::frequency_response;

/// The nominal maximum of `gain`: 40·log10(FLT_MAX) dB
/// (<https://webaudio.github.io/web-audio-api/#dom-biquadfilternode-gain>).
const GAIN_LIMIT: f32 = 1_541.273_8;

#[dom_struct]
pub struct BiquadFilterNode {
    node: AudioNode,
    #[no_trace]
    filter: Cell<BiquadFilterType>,
    frequency: Dom<AudioParam>,
    detune: Dom<AudioParam>,
    q: Dom<AudioParam>,
    gain: Dom<AudioParam>,
}

fn filter(t: BiquadFilterType) -> Filter {
    match t {
        BiquadFilterType::Lowpass => Filter::Lowpass,
        BiquadFilterType::Highpass => Filter::Highpass,
        BiquadFilterType::Bandpass => Filter::Bandpass,
        BiquadFilterType::Lowshelf => Filter::Lowshelf,
        BiquadFilterType::Highshelf => Filter::Highshelf,
        BiquadFilterType::Peaking => Filter::Peaking,
        BiquadFilterType::Notch => Filter::Notch,
        BiquadFilterType::Allpass => Filter::Allpass,
    }
}

impl BiquadFilterNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-biquadfilternode-biquadfilternode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &BiquadFilterOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<BiquadFilterNode>> {
        let id = context.next_node_id();
        // One input and one output; channelCount 2, "max", "speakers".
        let shape = NodeShape::with_default_channels(1, 1);
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        let nyquist = context.sample_rate() / 2.0;
        let mut param = |slot, default, min, max, value: f32| {
            AudioParam::new(
                cx,
                window,
                context,
                id,
                ParamSpec { slot, default, min, max, rate: AutomationRate::ARate },
                value,
            )
        };
        let frequency = param(ParamSlot::Frequency, 350.0, 0.0, nyquist, *options.frequency);
        let detune = param(ParamSlot::Detune, 0.0, -DETUNE_LIMIT, DETUNE_LIMIT, *options.detune);
        let q = param(ParamSlot::Q, 1.0, -MOST_POSITIVE, MOST_POSITIVE, *options.q);
        let gain = param(ParamSlot::Gain, 0.0, -MOST_POSITIVE, GAIN_LIMIT, *options.gain);
        let this = BiquadFilterNode {
            node,
            filter: Cell::new(options.type_),
            frequency: Dom::from_ref(&frequency),
            detune: Dom::from_ref(&detune),
            q: Dom::from_ref(&q),
            gain: Dom::from_ref(&gain),
        };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        this.upcast::<AudioNode>()
            .create_in_renderer(NodeKind::Biquad { filter: filter(options.type_) }, &[&frequency, &detune, &q, &gain]);
        Ok(this)
    }
}

impl BiquadFilterNodeMethods for BiquadFilterNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-biquadfilternode-biquadfilternode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &BiquadFilterOptions,
    ) -> Fallible<DomRoot<BiquadFilterNode>> {
        BiquadFilterNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-biquadfilternode-type>
    fn Type(&self, _cx: &mut JSContext) -> BiquadFilterType {
        self.filter.get()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-biquadfilternode-type>
    fn SetType(&self, _cx: &mut JSContext, value: BiquadFilterType) {
        self.filter.set(value);
        let node = self.upcast::<AudioNode>();
        node.audio_context().send(ContextCommand::SetBiquadType { node: node.id(), filter: filter(value) });
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-biquadfilternode-frequency>
    fn Frequency(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.frequency.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-biquadfilternode-detune>
    fn Detune(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.detune.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-biquadfilternode-q>
    fn Q(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.q.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-biquadfilternode-gain>
    fn Gain(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.gain.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-biquadfilternode-getfrequencyresponse>
    fn GetFrequencyResponse(
        &self,
        _cx: &mut JSContext,
        frequency_hz: HandleObject,
        mag_response: HandleObject,
        phase_response: HandleObject,
    ) -> ErrorResult {
        // "The frequencyHz, magResponse, and phaseResponse arrays MUST be of the same length;
        // otherwise, an InvalidAccessError MUST be thrown." "Given the [[current value]] from
        // each of the filter parameters, synchronously calculates the frequency response"; a
        // frequency outside [0, sampleRate/2] gives NaN in both outputs.
        let sample_rate = f64::from(self.upcast::<AudioNode>().audio_context().sample_rate());
        let c = biquad::coefficients(
            filter(self.filter.get()),
            sample_rate,
            f64::from(self.frequency.current_value()),
            f64::from(self.detune.current_value()),
            f64::from(self.q.current_value()),
            f64::from(self.gain.current_value()),
        );
        frequency_response(frequency_hz, mag_response, phase_response, |f| c.response(f, sample_rate))
    }
}

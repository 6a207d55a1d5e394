//! `OscillatorNode` (<https://webaudio.github.io/web-audio-api/#OscillatorNode>): the
//! built-in waveforms, or "custom" with a `PeriodicWave`.

use std::cell::Cell;

use dom_struct::dom_struct;
use media_traits::webaudio::{AutomationRate, ContextCommand, NodeKind, OscillatorType as Waveform, ParamSlot};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::OscillatorOptions;
use crate::dom::bindings::codegen::Enums::OscillatorType;
use crate::dom::bindings::codegen::OscillatorNodeBinding::OscillatorNodeMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::audioparam::{AudioParam, DETUNE_LIMIT, ParamSpec};
use crate::dom::webaudio::audioscheduledsourcenode::AudioScheduledSourceNode;
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;
use crate::dom::webaudio::periodicwave::PeriodicWave;

#[dom_struct]
pub struct OscillatorNode {
    source: AudioScheduledSourceNode,
    #[no_trace]
    waveform: Cell<OscillatorType>,
    frequency: Dom<AudioParam>,
    detune: Dom<AudioParam>,
}

fn waveform(t: OscillatorType) -> Option<Waveform> {
    match t {
        OscillatorType::Sine => Some(Waveform::Sine),
        OscillatorType::Square => Some(Waveform::Square),
        OscillatorType::Sawtooth => Some(Waveform::Sawtooth),
        OscillatorType::Triangle => Some(Waveform::Triangle),
        OscillatorType::Custom => None,
    }
}

impl OscillatorNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-oscillatornode-oscillatornode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &OscillatorOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<OscillatorNode>> {
        // "If options.type is "custom" and options.periodicWave is not present, then throw an
        // InvalidStateError." "If the periodicWave is specified, then any valid value for type
        // is ignored; it is treated as if it were set to "custom"."
        if options.type_ == OscillatorType::Custom && options.periodic_wave.is_none() {
            return Err(Error::InvalidState(
                "A PeriodicWave must be specified if the type is set to \"custom\"".into(),
            ));
        }
        let wave = waveform(options.type_).unwrap_or(Waveform::Sine);
        let id = context.next_node_id();
        let shape = NodeShape::with_default_channels(0, 1);
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        let nyquist = context.sample_rate() / 2.0;
        let frequency = AudioParam::new(
            cx,
            window,
            context,
            id,
            ParamSpec {
                slot: ParamSlot::Frequency,
                default: 440.0,
                min: -nyquist,
                max: nyquist,
                rate: AutomationRate::ARate,
            },
            *options.frequency,
        );
        let detune = AudioParam::new(
            cx,
            window,
            context,
            id,
            ParamSpec {
                slot: ParamSlot::Detune,
                default: 0.0,
                min: -DETUNE_LIMIT,
                max: DETUNE_LIMIT,
                rate: AutomationRate::ARate,
            },
            *options.detune,
        );
        let oscillator = OscillatorNode {
            source: AudioScheduledSourceNode::new_inherited(node),
            waveform: Cell::new(options.type_),
            frequency: Dom::from_ref(&frequency),
            detune: Dom::from_ref(&detune),
        };
        let oscillator = reflect_dom_object_with_proto(cx, Box::new(oscillator), window, proto);
        oscillator
            .upcast::<AudioNode>()
            .create_in_renderer(NodeKind::Oscillator { waveform: wave }, &[&frequency, &detune]);
        if let Some(periodic_wave) = &options.periodic_wave {
            oscillator.SetPeriodicWave(cx, periodic_wave);
        }
        Ok(oscillator)
    }
}

impl OscillatorNodeMethods for OscillatorNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-oscillatornode-oscillatornode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &OscillatorOptions,
    ) -> Fallible<DomRoot<OscillatorNode>> {
        OscillatorNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-oscillatornode-type>
    fn Type(&self, _cx: &mut JSContext) -> OscillatorType {
        self.waveform.get()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-oscillatornode-type>
    fn SetType(&self, _cx: &mut JSContext, value: OscillatorType) -> ErrorResult {
        // "The type may be changed directly to any of the type constant values except for
        // "custom". Doing so MUST throw an InvalidStateError exception."
        let Some(wave) = waveform(value) else {
            return Err(Error::InvalidState("type cannot be set to \"custom\"; use setPeriodicWave().".into()));
        };
        self.waveform.set(value);
        let node = self.upcast::<AudioNode>();
        node.audio_context().send(ContextCommand::SetOscillatorType { node: node.id(), waveform: wave });
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-oscillatornode-setperiodicwave>
    fn SetPeriodicWave(&self, _cx: &mut JSContext, periodic_wave: &PeriodicWave) {
        // "Sets an arbitrary custom periodic waveform given a PeriodicWave": the type becomes
        // "custom".
        self.waveform.set(OscillatorType::Custom);
        let node = self.upcast::<AudioNode>();
        node.audio_context().send(ContextCommand::SetPeriodicWave { node: node.id(), wave: periodic_wave.data() });
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-oscillatornode-frequency>
    fn Frequency(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.frequency.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-oscillatornode-detune>
    fn Detune(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.detune.as_rooted()
    }
}

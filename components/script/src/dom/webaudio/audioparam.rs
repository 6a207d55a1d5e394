//! `AudioParam` (<https://webaudio.github.io/web-audio-api/#AudioParam>). The automation
//! events go to the render thread, which computes the values; [[current value]] is shared with
//! it so `value` reads without a round trip.

use dom_struct::dom_struct;
use media_traits::webaudio::{
    AutomationEvent, AutomationRate as Rate, ContextCommand, NodeId, ParamInit, ParamSlot, ParamValue,
};
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::AudioParamBinding::AudioParamMethods;
use crate::dom::bindings::codegen::Enums::AutomationRate;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

/// The most positive single-precision float (the nominal range of unbounded params).
pub const MOST_POSITIVE: f32 = f32::MAX;

/// The nominal range of `detune` params: ±1200·log2(FLT_MAX), about 153 600 cents
/// (<https://webaudio.github.io/web-audio-api/#dom-oscillatornode-detune>).
pub const DETUNE_LIMIT: f32 = 153_600.0;

/// What a param is: its slot, default and nominal range.
#[derive(Clone, Copy, Debug)]
pub struct ParamSpec {
    pub slot: ParamSlot,
    pub default: f32,
    pub min: f32,
    pub max: f32,
    pub rate: Rate,
}

#[dom_struct]
pub struct AudioParam {
    reflector_: Reflector,
    context: Dom<BaseAudioContext>,
    #[no_trace]
    node: NodeId,
    #[no_trace]
    spec: ParamSpec,
    #[no_trace]
    rate: std::cell::Cell<Rate>,
    #[no_trace]
    current: ParamValue,
    /// The param's automation rate is fixed (an "automation rate constraint").
    #[no_trace]
    rate_fixed: std::cell::Cell<bool>,
}

impl AudioParam {
    /// The param `spec` of node `node`, starting at `value`.
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        node: NodeId,
        spec: ParamSpec,
        value: f32,
    ) -> DomRoot<AudioParam> {
        let param = AudioParam {
            reflector_: Reflector::new(),
            context: Dom::from_ref(context),
            node,
            spec,
            rate: std::cell::Cell::new(spec.rate),
            current: ParamValue::new(value),
            rate_fixed: std::cell::Cell::new(false),
        };
        reflect_dom_object(cx, Box::new(param), window)
    }

    /// Sets `values` as the `value`s of `params` from `first` on, as `setPosition()` and
    /// `setOrientation()` of panners and listeners do ("equivalent to setting … .value
    /// directly").
    pub fn set_values(cx: &mut JSContext, params: &[Dom<AudioParam>], first: usize, values: &[Finite<f32>]) {
        for (param, value) in params[first..].iter().zip(values) {
            param.SetValue(cx, *value);
        }
    }

    /// Its [[current value]].
    pub fn current_value(&self) -> f32 {
        self.current.get()
    }

    /// What the render thread needs to create it.
    pub fn init(&self) -> ParamInit {
        ParamInit {
            slot: self.spec.slot,
            value: self.current.get(),
            min: self.spec.min,
            max: self.spec.max,
            rate: self.rate.get(),
            current: self.current.clone(),
        }
    }

    /// Gives the param an automation rate constraint: its `automationRate` cannot change.
    pub fn fix_rate(&self) {
        self.rate_fixed.set(true);
    }

    pub fn context(&self) -> &BaseAudioContext {
        &self.context
    }

    pub fn node(&self) -> NodeId {
        self.node
    }

    pub fn slot(&self) -> ParamSlot {
        self.spec.slot
    }

    fn automate(&self, event: AutomationEvent) {
        self.context.send(ContextCommand::Automate { node: self.node, param: self.spec.slot, event });
    }

    /// A time argument: "If [time] is less than currentTime, it is clamped to currentTime";
    /// a negative one is a RangeError.
    fn time(&self, name: &str, time: f64) -> Fallible<f64> {
        if time < 0.0 {
            return Err(Error::Range(format!("{name} must not be negative.")));
        }
        Ok(time.max(self.context.current_time()))
    }
}

impl AudioParamMethods for AudioParam {
    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-value>
    fn Value(&self, _cx: &mut JSContext) -> Finite<f32> {
        // "Return the [[current value]] slot."
        Finite::<f32>::wrap(self.current.get())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-value>
    fn SetValue(&self, _cx: &mut JSContext, value: Finite<f32>) {
        // "Setting this attribute has the effect of assigning the requested value to the
        // [[current value]] slot, and calling the setValueAtTime() method with the current
        // AudioContext's currentTime and [[current value]]."
        self.current.set(*value);
        self.automate(AutomationEvent::SetValue { value: *value, time: self.context.current_time() });
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-automationrate>
    fn AutomationRate(&self, _cx: &mut JSContext) -> AutomationRate {
        match self.rate.get() {
            Rate::ARate => AutomationRate::ARate,
            Rate::KRate => AutomationRate::KRate,
        }
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-automationrate>
    fn SetAutomationRate(&self, cx: &mut JSContext, value: AutomationRate) -> ErrorResult {
        // "Some nodes have additional automation rate constraints… an InvalidStateError
        // exception MUST be thrown" when a constrained param's rate is changed.
        if self.rate_fixed.get() && value != self.AutomationRate(cx) {
            return Err(Error::InvalidState("this AudioParam's automationRate cannot be changed.".into()));
        }
        let rate = match value {
            AutomationRate::ARate => Rate::ARate,
            AutomationRate::KRate => Rate::KRate,
        };
        self.rate.set(rate);
        self.context.send(ContextCommand::SetAutomationRate { node: self.node, param: self.spec.slot, rate });
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-defaultvalue>
    fn DefaultValue(&self, _cx: &mut JSContext) -> Finite<f32> {
        Finite::<f32>::wrap(self.spec.default)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-minvalue>
    fn MinValue(&self, _cx: &mut JSContext) -> Finite<f32> {
        Finite::<f32>::wrap(self.spec.min)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-maxvalue>
    fn MaxValue(&self, _cx: &mut JSContext) -> Finite<f32> {
        Finite::<f32>::wrap(self.spec.max)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-setvalueattime>
    fn SetValueAtTime(
        &self,
        _cx: &mut JSContext,
        value: Finite<f32>,
        start_time: Finite<f64>,
    ) -> Fallible<DomRoot<AudioParam>> {
        // "If startTime is negative … a RangeError exception MUST be thrown."
        let time = self.time("startTime", *start_time)?;
        self.automate(AutomationEvent::SetValue { value: *value, time });
        Ok(DomRoot::from_ref(self))
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-linearramptovalueattime>
    fn LinearRampToValueAtTime(
        &self,
        _cx: &mut JSContext,
        value: Finite<f32>,
        end_time: Finite<f64>,
    ) -> Fallible<DomRoot<AudioParam>> {
        // "A RangeError exception MUST be thrown if endTime is negative."
        let time = self.time("endTime", *end_time)?;
        let scheduled_at = self.context.current_time();
        self.automate(AutomationEvent::LinearRamp { value: *value, time, scheduled_at });
        Ok(DomRoot::from_ref(self))
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-exponentialramptovalueattime>
    fn ExponentialRampToValueAtTime(
        &self,
        _cx: &mut JSContext,
        value: Finite<f32>,
        end_time: Finite<f64>,
    ) -> Fallible<DomRoot<AudioParam>> {
        // "A RangeError exception MUST be thrown if this value is equal to 0."
        if *value == 0.0 {
            return Err(Error::Range("An exponential ramp cannot reach 0.".into()));
        }
        // "A RangeError exception MUST be thrown if endTime is negative."
        let time = self.time("endTime", *end_time)?;
        let scheduled_at = self.context.current_time();
        self.automate(AutomationEvent::ExponentialRamp { value: *value, time, scheduled_at });
        Ok(DomRoot::from_ref(self))
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-settargetattime>
    fn SetTargetAtTime(
        &self,
        _cx: &mut JSContext,
        target: Finite<f32>,
        start_time: Finite<f64>,
        time_constant: Finite<f32>,
    ) -> Fallible<DomRoot<AudioParam>> {
        // "If startTime is negative … a RangeError exception MUST be thrown."
        let time = self.time("startTime", *start_time)?;
        // "If timeConstant is negative, a RangeError exception MUST be thrown." (0: the value
        // jumps to target.)
        if *time_constant < 0.0 {
            return Err(Error::Range("timeConstant must not be negative.".into()));
        }
        self.automate(AutomationEvent::SetTarget { target: *target, time, time_constant: *time_constant as f64 });
        Ok(DomRoot::from_ref(self))
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioparam-cancelscheduledvalues>
    fn CancelScheduledValues(&self, _cx: &mut JSContext, cancel_time: Finite<f64>) -> Fallible<DomRoot<AudioParam>> {
        // "If cancelTime is negative … a RangeError exception MUST be thrown."
        let time = self.time("cancelTime", *cancel_time)?;
        // "Remove all events in [[timeline]] whose time is greater than or equal to cancelTime."
        self.automate(AutomationEvent::Cancel { time });
        Ok(DomRoot::from_ref(self))
    }
}

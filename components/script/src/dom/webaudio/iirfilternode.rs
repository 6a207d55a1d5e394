//! `IIRFilterNode` (<https://webaudio.github.io/web-audio-api/#IIRFilterNode>): a general IIR
//! filter with fixed coefficients. The render thread filters
//! (`components/webaudio/src/effects.rs`); `getFrequencyResponse()` evaluates the transfer
//! function (`media_traits::iir`).

use dom_struct::dom_struct;
use media_traits::webaudio::NodeKind;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::IIRFilterOptions;
use crate::dom::bindings::codegen::IIRFilterNodeBinding::IIRFilterNodeMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;
use crate::dom::webaudio::frequency_response;

/// The most coefficients of each kind.
const MAX_COEFFICIENTS: usize = 20;

#[dom_struct]
pub struct IIRFilterNode {
    node: AudioNode,
    #[no_trace]
    feedforward: Vec<f64>,
    #[no_trace]
    feedback: Vec<f64>,
}

/// The checks of `createIIRFilter()`'s arguments
/// (<https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-createiirfilter>), lengths
/// first, as in Chromium.
fn check(feedforward: &[f64], feedback: &[f64]) -> Result<(), Error> {
    for (name, coefficients) in [("feedforward", feedforward), ("feedback", feedback)] {
        // "A NotSupportedError MUST be thrown if the array length is 0 or greater than 20."
        if coefficients.is_empty() || coefficients.len() > MAX_COEFFICIENTS {
            return Err(Error::NotSupported(format!(
                "{name} has {} coefficients; it must have 1 to {MAX_COEFFICIENTS}.",
                coefficients.len()
            )));
        }
    }
    // feedforward: "If all of the values are zero, an InvalidStateError MUST be thrown."
    if feedforward.iter().all(|b| *b == 0.0) {
        return Err(Error::InvalidState("At least one feedforward coefficient must be non-zero.".into()));
    }
    // feedback: "If the first element of the array is 0, an InvalidStateError MUST be thrown."
    if feedback[0] == 0.0 {
        return Err(Error::InvalidState("The first feedback coefficient must not be 0.".into()));
    }
    Ok(())
}

impl IIRFilterNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-iirfilternode-iirfilternode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &IIRFilterOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<IIRFilterNode>> {
        let feedforward: Vec<f64> = options.feedforward.iter().map(|v: &Finite<f64>| **v).collect();
        let feedback: Vec<f64> = options.feedback.iter().map(|v: &Finite<f64>| **v).collect();
        check(&feedforward, &feedback)?;
        let id = context.next_node_id();
        // One input and one output; channelCount 2, "max", "speakers".
        let shape = NodeShape::with_default_channels(1, 1);
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        let this = IIRFilterNode { node, feedforward: feedforward.clone(), feedback: feedback.clone() };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::IirFilter { feedforward, feedback }, &[]);
        Ok(this)
    }
}

impl IIRFilterNodeMethods for IIRFilterNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-iirfilternode-iirfilternode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &IIRFilterOptions,
    ) -> Fallible<DomRoot<IIRFilterNode>> {
        IIRFilterNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-iirfilternode-getfrequencyresponse>
    fn GetFrequencyResponse(
        &self,
        _cx: &mut JSContext,
        frequency_hz: HandleObject,
        mag_response: HandleObject,
        phase_response: HandleObject,
    ) -> ErrorResult {
        // "The three parameters MUST be Float32Arrays of the same length, or an
        // InvalidAccessError MUST be thrown." "Given the current filter parameter settings,
        // synchronously calculates the frequency response for the specified frequencies";
        // outside [0, sampleRate/2] both are NaN.
        let sample_rate = f64::from(self.upcast::<AudioNode>().audio_context().sample_rate());
        frequency_response(frequency_hz, mag_response, phase_response, |f| {
            media_traits::iir::response(&self.feedforward, &self.feedback, f, sample_rate)
        })
    }
}

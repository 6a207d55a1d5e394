//! `WaveShaperNode` (<https://webaudio.github.io/web-audio-api/#WaveShaperNode>): non-linear
//! distortion by a shaping curve. The render thread shapes (`components/webaudio/src/effects.rs`:
//! the standard's interpolation; "2x"/"4x" up-sample by linear interpolation and down-sample
//! by averaging, a simple anti-aliasing rather than Chromium's polyphase filters).

use std::cell::Cell;
use std::sync::Arc;

use dom_struct::dom_struct;
use media_traits::webaudio::{ContextCommand, NodeKind, OverSample};
use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, JSObject};
use mozjs::jsval::{NullValue, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::WaveShaperOptions;
use crate::dom::bindings::codegen::Enums::OverSampleType;
use crate::dom::bindings::codegen::WaveShaperNodeBinding::WaveShaperNodeMethods;
use crate::dom::bindings::conversions::new_float32_array;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;
use crate::dom::webaudio::read_floats;

#[dom_struct]
pub struct WaveShaperNode {
    node: AudioNode,
    /// The `curve` attribute: a `Float32Array` holding the internal copy, or null.
    curve: Box<Heap<*mut JSObject>>,
    /// [[curve set]].
    #[no_trace]
    curve_set: Cell<bool>,
    #[no_trace]
    oversample: Cell<OverSampleType>,
}

fn oversample(value: OverSampleType) -> OverSample {
    match value {
        OverSampleType::None => OverSample::None,
        OverSampleType::_2x => OverSample::X2,
        OverSampleType::_4x => OverSample::X4,
    }
}

fn too_short() -> Error {
    Error::InvalidState("The curve must have at least 2 values.".into())
}

impl WaveShaperNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-waveshapernode-waveshapernode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &WaveShaperOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<WaveShaperNode>> {
        let id = context.next_node_id();
        // One input and one output; channelCount 2, "max", "speakers".
        let shape = NodeShape::with_default_channels(1, 1);
        let node = AudioNode::new_inherited(context, id, shape, Some(&options.parent))?;
        let curve: Option<Vec<f32>> = options.curve.as_ref().map(|c| c.iter().map(|v| **v).collect());
        if curve.as_ref().is_some_and(|c| c.len() < 2) {
            return Err(too_short());
        }
        let this = WaveShaperNode {
            node,
            curve: Box::new(Heap::default()),
            // "If options is given and specifies a curve, set [[curve set]] to true."
            curve_set: Cell::new(curve.is_some()),
            oversample: Cell::new(options.oversample),
        };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        let shared = curve.map(|c| this.keep_copy(cx, c));
        this.upcast::<AudioNode>().create_in_renderer(
            NodeKind::WaveShaper { curve: shared, oversample: oversample(options.oversample) },
            &[],
        );
        Ok(this)
    }

    /// Makes the internal copy `samples` the attribute's value; returns it for the renderer.
    fn keep_copy(&self, cx: &mut JSContext, samples: Vec<f32>) -> Arc<Vec<f32>> {
        rooted!(&in(cx) let mut value = UndefinedValue());
        new_float32_array(cx, &samples, value.handle_mut());
        self.curve.set(value.get().to_object());
        Arc::new(samples)
    }
}

impl WaveShaperNodeMethods for WaveShaperNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-waveshapernode-waveshapernode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &WaveShaperOptions,
    ) -> Fallible<DomRoot<WaveShaperNode>> {
        WaveShaperNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-waveshapernode-curve>
    fn Curve(&self, _cx: &mut JSContext, mut retval: MutableHandleValue) {
        let curve = self.curve.get();
        retval.set(if curve.is_null() { NullValue() } else { ObjectValue(curve) });
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-waveshapernode-curve>
    fn SetCurve(&self, cx: &mut JSContext, value: Option<HandleObject>) -> ErrorResult {
        // 1. "Let new curve be a Float32Array to be assigned to curve or null."
        let samples = value.map(read_floats);
        // "A InvalidStateError MUST be thrown if this attribute is set with a Float32Array that
        // has a length less than 2."
        if samples.as_ref().is_some_and(|s| s.len() < 2) {
            return Err(too_short());
        }
        // 2. "If new curve is not null and [[curve set]] is true, throw an InvalidStateError and
        //    abort these steps."
        if samples.is_some() && self.curve_set.get() {
            return Err(Error::InvalidState("The curve can be set only once.".into()));
        }
        // 3. "If new curve is not null, set [[curve set]] to true."
        // 4. "Assign new curve to the curve attribute": "an internal copy of the curve is
        //    created by the WaveShaperNode. Subsequent modifications of the contents of the
        //    array used to set the attribute therefore have no effect."
        let shared = match samples {
            Some(samples) => {
                self.curve_set.set(true);
                Some(self.keep_copy(cx, samples))
            }
            None => {
                self.curve.set(std::ptr::null_mut());
                None
            }
        };
        let node = self.upcast::<AudioNode>();
        node.audio_context().send(ContextCommand::SetCurve { node: node.id(), curve: shared });
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-waveshapernode-oversample>
    fn Oversample(&self, _cx: &mut JSContext) -> OverSampleType {
        self.oversample.get()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-waveshapernode-oversample>
    fn SetOversample(&self, _cx: &mut JSContext, value: OverSampleType) {
        self.oversample.set(value);
        let node = self.upcast::<AudioNode>();
        node.audio_context().send(ContextCommand::SetOverSample { node: node.id(), oversample: oversample(value) });
    }
}

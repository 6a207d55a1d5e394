//! `PeriodicWave` (<https://webaudio.github.io/web-audio-api/#PeriodicWave>): the Fourier
//! coefficients of a "custom" oscillator's waveform, immutable once made and shared with the
//! render thread.

use std::sync::Arc;

use dom_struct::dom_struct;
use media_traits::webaudio::PeriodicWaveData;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::PeriodicWaveOptions;
use crate::dom::bindings::codegen::PeriodicWaveBinding::PeriodicWaveMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct PeriodicWave {
    reflector_: Reflector,
    /// [[real]], [[imag]] and [[normalize]].
    #[no_trace]
    data: Arc<PeriodicWaveData>,
}

fn index_size(what: &str, len: usize) -> Error {
    Error::IndexSize(format!("The length of the {what} array provided ({len}) is less than the minimum bound (2)."))
}

impl PeriodicWave {
    /// <https://webaudio.github.io/web-audio-api/#dom-periodicwave-periodicwave>, with the
    /// options' arrays already converted.
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        real: Option<&[Finite<f32>]>,
        imag: Option<&[Finite<f32>]>,
        disable_normalization: bool,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<PeriodicWave>> {
        let floats = |v: &[Finite<f32>]| v.iter().map(|f| **f).collect::<Vec<f32>>();
        // 1. "Let p be a new PeriodicWave object. Let [[real]] and [[imag]] be two internal
        //    slots of type Float32Array, and let [[normalize]] be an internal slot."
        // 2. "Process options according to one of the following cases:"
        let (mut real, mut imag) = match (real, imag) {
            // "If both options.real and options.imag are present: if the lengths of
            // options.real and options.imag are different or if either length is less than 2,
            // throw an IndexSizeError and abort this algorithm."
            (Some(r), Some(i)) => {
                if r.len() != i.len() {
                    return Err(Error::IndexSize(format!(
                        "The length of the real array provided ({}) does not match the length of the imag array ({}).",
                        r.len(),
                        i.len()
                    )));
                }
                if r.len() < 2 {
                    return Err(index_size("real", r.len()));
                }
                (floats(r), floats(i))
            }
            // "If only one of options.real and options.imag is present: if its length is less
            // than 2, throw an IndexSizeError"; the other becomes an array of zeros of the same
            // length.
            (Some(r), None) => {
                if r.len() < 2 {
                    return Err(index_size("real", r.len()));
                }
                (floats(r), vec![0.0; r.len()])
            }
            (None, Some(i)) => {
                if i.len() < 2 {
                    return Err(index_size("imag", i.len()));
                }
                (vec![0.0; i.len()], floats(i))
            }
            // "If neither options.real nor options.imag is present": [[real]] is [0, 0] and
            // [[imag]] is [0, 1] (a sine).
            (None, None) => (vec![0.0, 0.0], vec![0.0, 1.0]),
        };
        // 3. "Set the first element of both [[real]] and [[imag]] to 0" (the DC term is
        //    ignored).
        real[0] = 0.0;
        imag[0] = 0.0;
        // 4. "Initialize the internal slot [[normalize]] of p to the inverse of the
        //    disableNormalization attribute of the PeriodicWaveConstraints on the
        //    PeriodicWaveOptions."
        let data = Arc::new(PeriodicWaveData { real, imag, normalize: !disable_normalization });
        // 5. "Return p."
        Ok(reflect_dom_object_with_proto(
            cx,
            Box::new(PeriodicWave { reflector_: Reflector::new(), data }),
            window,
            proto,
        ))
    }

    /// The coefficients, for the render thread.
    pub fn data(&self) -> Arc<PeriodicWaveData> {
        self.data.clone()
    }
}

impl PeriodicWaveMethods for PeriodicWave {
    /// <https://webaudio.github.io/web-audio-api/#dom-periodicwave-periodicwave>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        _context: &BaseAudioContext,
        options: &PeriodicWaveOptions,
    ) -> Fallible<DomRoot<PeriodicWave>> {
        PeriodicWave::new(
            cx,
            global,
            options.real.as_deref(),
            options.imag.as_deref(),
            options.parent.disable_normalization,
            proto,
        )
    }
}

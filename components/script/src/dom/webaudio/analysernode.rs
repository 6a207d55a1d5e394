//! `AnalyserNode` (<https://webaudio.github.io/web-audio-api/#AnalyserNode>): its input passes
//! through; the render thread keeps the most recent input frames, down-mixed to mono, in an
//! [`AnalyserProbe`], and the getters compute time-domain and frequency data from them on the
//! script thread when a page asks (the level meters and spectrum views of capture pages).

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use media_traits::webaudio::{AnalyserProbe, NodeKind};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;
use realfft::RealFftPlanner;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::AnalyserNodeBinding::AnalyserNodeMethods;
use crate::dom::bindings::codegen::Dictionaries::AnalyserOptions;
use crate::dom::bindings::conversions::with_view_bytes_mut;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;
use crate::dom::webaudio::write_floats;

/// The frequency analysis state: the previous smoothed spectrum, the current frequency data in
/// decibels, and the render quantum it was computed in.
struct Analysis {
    planner: RealFftPlanner<f32>,
    time: Vec<f32>,
    smoothed: Vec<f32>,
    decibels: Vec<f32>,
    computed_at: Option<u64>,
}

#[dom_struct]
pub struct AnalyserNode {
    node: AudioNode,
    #[no_trace]
    probe: AnalyserProbe,
    fft_size: Cell<u32>,
    min_decibels: Cell<f64>,
    max_decibels: Cell<f64>,
    smoothing: Cell<f64>,
    #[no_trace]
    analysis: RefCell<Analysis>,
}

/// <https://webaudio.github.io/web-audio-api/#dom-analysernode-fftsize>: "a power of two in the
/// range 32 to 32768; otherwise an IndexSizeError MUST be thrown".
fn check_fft_size(value: u32) -> ErrorResult {
    if !(32..=32768).contains(&value) || !value.is_power_of_two() {
        return Err(Error::IndexSize(format!(
            "The value provided ({value}) is not a power of two between 32 and 32768."
        )));
    }
    Ok(())
}

/// <https://webaudio.github.io/web-audio-api/#dom-analysernode-smoothingtimeconstant>
fn check_smoothing(value: f64) -> ErrorResult {
    if !(0.0..=1.0).contains(&value) {
        return Err(Error::IndexSize(format!("The smoothing value provided ({value}) is outside the range [0, 1].")));
    }
    Ok(())
}

/// <https://webaudio.github.io/web-audio-api/#dom-analysernode-mindecibels>
fn check_decibels(min: f64, max: f64) -> ErrorResult {
    if min >= max {
        return Err(Error::IndexSize(format!("minDecibels ({min}) must be less than maxDecibels ({max}).")));
    }
    Ok(())
}

/// <https://webaudio.github.io/web-audio-api/#blackman-window>: a = 0.16, a0 = (1 − a)/2,
/// a1 = 1/2, a2 = a/2; w[n] = a0 − a1·cos(2πn/N) + a2·cos(4πn/N).
fn apply_blackman_window(samples: &mut [f32]) {
    let n = samples.len() as f64;
    let (a0, a1, a2) = (0.42, 0.5, 0.08);
    for (i, s) in samples.iter_mut().enumerate() {
        let x = 2.0 * std::f64::consts::PI * i as f64 / n;
        *s = (*s as f64 * (a0 - a1 * x.cos() + a2 * (2.0 * x).cos())) as f32;
    }
}

impl AnalyserNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-analysernode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &AnalyserOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<AnalyserNode>> {
        // "Let node be a new AnalyserNode object. Initialize node, and return node": the
        // options' fftSize, decibel range and smoothing are checked like the attributes are.
        check_fft_size(options.fft_size)?;
        check_smoothing(*options.smoothing_time_constant)?;
        check_decibels(*options.min_decibels, *options.max_decibels)?;
        let shape = NodeShape::with_default_channels(1, 1);
        let node = AudioNode::new_inherited(context, context.next_node_id(), shape, Some(&options.parent))?;
        let probe = AnalyserProbe::new();
        let this = AnalyserNode {
            node,
            probe: probe.clone(),
            fft_size: Cell::new(options.fft_size),
            min_decibels: Cell::new(*options.min_decibels),
            max_decibels: Cell::new(*options.max_decibels),
            smoothing: Cell::new(*options.smoothing_time_constant),
            analysis: RefCell::new(Analysis {
                planner: RealFftPlanner::new(),
                time: Vec::new(),
                smoothed: vec![0.0; options.fft_size as usize / 2],
                decibels: Vec::new(),
                computed_at: None,
            }),
        };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::Analyser { probe }, &[]);
        Ok(this)
    }

    /// <https://webaudio.github.io/web-audio-api/#current-frequency-data>, computed at most once
    /// per render quantum ("If another call … occurs within the same render quantum as a previous
    /// call, the current frequency data is not updated with the same data. Instead, the
    /// previously computed data is returned"); `f` sees the data in decibels.
    fn with_frequency_data<R>(&self, f: impl FnOnce(&[f32]) -> R) -> R {
        let mut guard = self.analysis.borrow_mut();
        let analysis = &mut *guard;
        let n = self.fft_size.get() as usize;
        let quanta = self.probe.quanta();
        if analysis.computed_at != Some(quanta) || analysis.decibels.len() != n / 2 {
            // 1. "Compute the current time-domain data."
            let quanta = self.probe.latest(n, &mut analysis.time);
            // 2. "Apply a Blackman window to the time domain input data."
            apply_blackman_window(&mut analysis.time);
            // 3. "Apply a Fourier transform to the windowed time domain input data to get real
            //    and imaginary frequency data": X[k] = (1/N) Σ x[n] e^(−2πikn/N).
            let fft = analysis.planner.plan_fft_forward(n);
            let mut spectrum = fft.make_output_vec();
            if fft.process(&mut analysis.time, &mut spectrum).is_err() {
                log::warn!("AnalyserNode: the FFT of {n} frames failed; the spectrum is silent");
                spectrum.iter_mut().for_each(|c| *c = Default::default());
            }
            // 4. "Smooth over time the frequency domain data":
            //    X̂[k] = τ·X̂₋₁[k] + (1 − τ)·|X[k]|; a non-finite result is 0.
            let tau = self.smoothing.get() as f32;
            if analysis.smoothed.len() != n / 2 {
                analysis.smoothed = vec![0.0; n / 2];
            }
            for (prev, c) in analysis.smoothed.iter_mut().zip(spectrum.iter()) {
                let value = tau * *prev + (1.0 - tau) * c.norm() / n as f32;
                *prev = if value.is_finite() { value } else { 0.0 };
            }
            // 5. "Convert to dB": Y[k] = 20·log10(X̂[k]).
            analysis.decibels.clear();
            analysis.decibels.extend(analysis.smoothed.iter().map(|m| 20.0 * m.log10()));
            analysis.computed_at = Some(quanta);
        }
        f(&analysis.decibels)
    }

    /// The most recent fftSize frames of input (<https://webaudio.github.io/web-audio-api/#current-time-domain-data>).
    fn with_time_domain_data<R>(&self, f: impl FnOnce(&[f32]) -> R) -> R {
        let mut time = Vec::new();
        self.probe.latest(self.fft_size.get() as usize, &mut time);
        f(&time)
    }
}

impl AnalyserNodeMethods for AnalyserNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-analysernode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &AnalyserOptions,
    ) -> Fallible<DomRoot<AnalyserNode>> {
        AnalyserNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-getfloatfrequencydata>: "If
    /// array has fewer elements than the frequencyBinCount, the excess elements will be dropped.
    /// If array has more elements than the frequencyBinCount, the excess elements will be
    /// ignored."
    fn GetFloatFrequencyData(&self, _cx: &mut JSContext, array: HandleObject) {
        self.with_frequency_data(|decibels| write_floats(array, decibels));
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-getbytefrequencydata>:
    /// b[k] = ⌊255/(dBmax − dBmin) · (Y[k] − dBmin)⌋, clipped to 0..255.
    fn GetByteFrequencyData(&self, _cx: &mut JSContext, array: HandleObject) {
        let (min, max) = (self.min_decibels.get(), self.max_decibels.get());
        self.with_frequency_data(|decibels| {
            with_view_bytes_mut(array, |bytes| {
                for (b, y) in bytes.iter_mut().zip(decibels) {
                    let scaled = (255.0 / (max - min) * (*y as f64 - min)).floor();
                    *b = if scaled.is_nan() { 0 } else { scaled.clamp(0.0, 255.0) as u8 };
                }
            })
        });
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-getfloattimedomaindata>
    fn GetFloatTimeDomainData(&self, _cx: &mut JSContext, array: HandleObject) {
        self.with_time_domain_data(|time| write_floats(array, time));
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-getbytetimedomaindata>:
    /// b[k] = ⌊128·(1 + x[k])⌋, clipped to 0..255.
    fn GetByteTimeDomainData(&self, _cx: &mut JSContext, array: HandleObject) {
        self.with_time_domain_data(|time| {
            with_view_bytes_mut(array, |bytes| {
                for (b, x) in bytes.iter_mut().zip(time) {
                    *b = (128.0 * (1.0 + *x as f64)).floor().clamp(0.0, 255.0) as u8;
                }
            })
        });
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-fftsize>
    fn FftSize(&self, _cx: &mut JSContext) -> u32 {
        self.fft_size.get()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-fftsize>
    fn SetFftSize(&self, _cx: &mut JSContext, value: u32) -> ErrorResult {
        check_fft_size(value)?;
        if value != self.fft_size.get() {
            self.fft_size.set(value);
            // A new size starts a new smoothing history.
            let mut analysis = self.analysis.borrow_mut();
            analysis.smoothed = vec![0.0; value as usize / 2];
            analysis.computed_at = None;
        }
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-frequencybincount>: "Half the
    /// FFT size."
    fn FrequencyBinCount(&self, _cx: &mut JSContext) -> u32 {
        self.fft_size.get() / 2
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-mindecibels>
    fn MinDecibels(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.min_decibels.get())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-mindecibels>: "If the value of
    /// this attribute is set to a value more than or equal to maxDecibels, an IndexSizeError
    /// exception MUST be thrown."
    fn SetMinDecibels(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        check_decibels(*value, self.max_decibels.get())?;
        self.min_decibels.set(*value);
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-maxdecibels>
    fn MaxDecibels(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.max_decibels.get())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-maxdecibels>: "If the value of
    /// this attribute is set to a value less than or equal to minDecibels, an IndexSizeError
    /// exception MUST be thrown."
    fn SetMaxDecibels(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        check_decibels(self.min_decibels.get(), *value)?;
        self.max_decibels.set(*value);
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-smoothingtimeconstant>
    fn SmoothingTimeConstant(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.smoothing.get())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-analysernode-smoothingtimeconstant>: "If
    /// the value of this attribute is set to a value less than 0 or more than 1, an
    /// IndexSizeError exception MUST be thrown."
    fn SetSmoothingTimeConstant(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        check_smoothing(*value)?;
        self.smoothing.set(*value);
        Ok(())
    }
}

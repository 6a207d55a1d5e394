//! The processing of the nodes that keep their own state between render quanta and have no
//! params of their own, or only k-rate ones: `ScriptProcessorNode` (the hand-off to script),
//! `WaveShaperNode`, `DynamicsCompressorNode`, `IIRFilterNode` and `ConvolverNode`. [`crate::graph`] feeds them
//! one render quantum at a time.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use media_traits::webaudio::{AudioEvent, BufferData, NodeId, OverSample, ParamValue, RENDER_QUANTUM_SIZE, ScriptPort};
use realfft::num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};

use crate::mix::{Block, silence};

const N: usize = RENDER_QUANTUM_SIZE;

/// A `ScriptProcessorNode`'s render side
/// (<https://webaudio.github.io/web-audio-api/#ScriptProcessorNode>). Its input is gathered
/// into buffers of `bufferSize` frames; at the end of buffer k the gathered input goes to
/// script (an `audioprocess` event), and the output buffer script fills for it is played
/// during buffer k + 2, as in Chromium: the next buffer gives script a whole buffer's time to
/// answer. An answer that has not arrived when its buffer starts is too late: that buffer is
/// silent (never waited for in real time).
pub struct ScriptProcessor {
    node: NodeId,
    buffer_size: usize,
    outputs: usize,
    port: ScriptPort,
    /// The input gathered so far in this buffer, per input channel.
    gathered: Vec<Vec<f32>>,
    /// Frames into the current buffer.
    position: usize,
    /// The current buffer's number.
    seq: u64,
    /// The buffers whose input went to script (whose answer can come).
    dispatched: VecDeque<u64>,
    /// The answer playing during the current buffer (None: silence).
    playing: Option<Vec<Vec<f32>>>,
    /// A wait for an answer ran out (the page is gone or stuck): later buffers do not wait.
    pub gave_up_waiting: bool,
}

impl ScriptProcessor {
    /// The render side of node `node`.
    pub fn new(node: NodeId, buffer_size: u32, inputs: u32, outputs: u32, port: ScriptPort) -> ScriptProcessor {
        // Whole render quanta: the DOM allows only powers of two from 256.
        let buffer_size = (buffer_size as usize).max(N).next_multiple_of(N);
        ScriptProcessor {
            node,
            buffer_size,
            outputs: outputs as usize,
            port,
            gathered: vec![vec![0.0; buffer_size]; inputs as usize],
            position: 0,
            seq: 0,
            dispatched: VecDeque::new(),
            playing: None,
            gave_up_waiting: false,
        }
    }

    /// One render quantum: plays the current answer and gathers `input`; at the end of a buffer
    /// returns the event for script, when the node is `connected` ("audioprocess events are
    /// only dispatched if the ScriptProcessorNode has at least one input or one output
    /// connected"). `wait` is how long an answer that is due may be waited for (zero in real
    /// time); `frame_end` the context's frame at the end of this quantum.
    pub fn process(
        &mut self,
        input: &Block,
        connected: bool,
        wait: Duration,
        frame_end: u64,
        sample_rate: f32,
    ) -> (Block, Option<AudioEvent>) {
        if self.position == 0 {
            // Buffer `seq` starts: it plays the answer to buffer seq − 2.
            self.playing = None;
            if let Some(due) = self.seq.checked_sub(2) {
                while self.dispatched.front().is_some_and(|s| *s < due) {
                    self.dispatched.pop_front();
                }
                if self.dispatched.front() == Some(&due) {
                    self.dispatched.pop_front();
                    self.playing = self.port.take(due, wait);
                    if self.playing.is_none() && !wait.is_zero() {
                        self.gave_up_waiting = true;
                    }
                }
            }
        }
        let at = self.position;
        let mut out = silence(self.outputs.max(1));
        if let Some(answer) = &self.playing {
            for (channel, samples) in out.iter_mut().zip(answer.iter()).take(self.outputs) {
                if let Some(part) = samples.get(at..at + N) {
                    channel.copy_from_slice(part);
                }
            }
        }
        for (c, gathered) in self.gathered.iter_mut().enumerate() {
            let part = &mut gathered[at..at + N];
            match input.get(c) {
                Some(samples) => part.copy_from_slice(samples),
                None => part.fill(0.0),
            }
        }
        self.position += N;
        let mut event = None;
        if self.position == self.buffer_size {
            self.position = 0;
            let seq = self.seq;
            self.seq += 1;
            if connected {
                self.dispatched.push_back(seq);
                // playbackTime: the answer plays from the start of buffer seq + 2, one buffer
                // after the end of this quantum.
                let playback_frame = frame_end + self.buffer_size as u64;
                event = Some(AudioEvent::AudioProcess {
                    node: self.node,
                    seq,
                    input: self.gathered.clone(),
                    playback_time: playback_frame as f64 / sample_rate as f64,
                });
            }
        }
        (out, event)
    }
}

/// The spec's shaping: "v = (N−1)/2·(x + 1), k = ⌊v⌋, f = v − k; y = c₀ if v < 0, c_{N−1} if
/// v ≥ N − 1, (1−f)·c_k + f·c_{k+1} otherwise"
/// (<https://webaudio.github.io/web-audio-api/#dom-waveshapernode-curve>). NaN input gives c₀.
pub fn shape(curve: &[f32], x: f32) -> f32 {
    let n = curve.len();
    let v = (n as f64 - 1.0) / 2.0 * (x as f64 + 1.0);
    if v.is_nan() || v < 0.0 {
        return curve[0];
    }
    if v >= (n - 1) as f64 {
        return curve[n - 1];
    }
    let k = v.floor() as usize;
    let f = v - k as f64;
    ((1.0 - f) * curve[k] as f64 + f * curve[k + 1] as f64) as f32
}

/// A `WaveShaperNode`'s render side (<https://webaudio.github.io/web-audio-api/#WaveShaperNode>).
/// With "2x" or "4x", each channel is up-sampled by linear interpolation between its input
/// samples (L samples per input sample, the last one being the input sample itself), shaped,
/// and down-sampled by averaging each group of L (a box filter): a light anti-aliasing with
/// half a sample of latency, not the polyphase filters of Chromium.
pub struct WaveShaper {
    /// The curve (None: the input passes unchanged).
    pub curve: Option<Arc<Vec<f32>>>,
    /// `oversample`.
    pub oversample: OverSample,
    /// Per channel, the last input sample (the up-sampler's state).
    last: Vec<f32>,
}

impl WaveShaper {
    /// A shaper with `curve` and `oversample`.
    pub fn new(curve: Option<Arc<Vec<f32>>>, oversample: OverSample) -> WaveShaper {
        WaveShaper { curve, oversample, last: Vec::new() }
    }

    /// Shapes one quantum in place; the output has the input's channels.
    pub fn process(&mut self, block: &mut Block) {
        self.last.resize(block.len(), 0.0);
        let Some(curve) = self.curve.clone().filter(|c| c.len() >= 2) else {
            for (last, channel) in self.last.iter_mut().zip(block.iter()) {
                *last = channel[N - 1];
            }
            return;
        };
        let factor = self.oversample.factor();
        for (last, channel) in self.last.iter_mut().zip(block.iter_mut()) {
            for sample in channel.iter_mut() {
                let x = *sample;
                *sample = if factor == 1 {
                    shape(&curve, x)
                } else {
                    let mut sum = 0.0f64;
                    for j in 1..=factor {
                        let up = *last + (x - *last) * j as f32 / factor as f32;
                        sum += shape(&curve, up) as f64;
                    }
                    (sum / factor as f64) as f32
                };
                *last = x;
            }
        }
    }
}

/// decibels → linear gain: 10^(v/20).
fn db_to_linear(v: f64) -> f64 {
    10f64.powf(v / 20.0)
}

/// linear gain → decibels: −1000 for 0, else 20·log10(v)
/// (<https://webaudio.github.io/web-audio-api/#linear-to-decibel>).
fn linear_to_db(v: f64) -> f64 {
    if v == 0.0 { -1000.0 } else { 20.0 * v.log10() }
}

/// The compression curve (<https://webaudio.github.io/web-audio-api/#compression-curve>), on
/// levels in dB: the identity up to `threshold`, then a quadratic soft knee up to
/// `threshold + knee` (its slope goes from 1 to 1/ratio, so the curve is continuous,
/// differentiable and increasing), then a line of slope 1/ratio. `knee` 0 is a hard knee.
fn curve_db(x: f64, threshold: f64, knee: f64, ratio: f64) -> f64 {
    let slope = 1.0 / ratio;
    if x <= threshold {
        x
    } else if knee > 0.0 && x < threshold + knee {
        x + (slope - 1.0) * (x - threshold).powi(2) / (2.0 * knee)
    } else {
        let knee_end = threshold + knee + (slope - 1.0) * knee / 2.0;
        knee_end + (x - threshold - knee) * slope
    }
}

/// The compression curve on a linear level x > 0.
fn curve_linear(x: f64, threshold: f64, knee: f64, ratio: f64) -> f64 {
    db_to_linear(curve_db(linear_to_db(x), threshold, knee, ratio))
}

/// The compressor's fixed look-ahead: the internal `DelayNode` of 0.006 s.
pub const LOOKAHEAD: f64 = 0.006;

/// A `DynamicsCompressorNode`'s render side
/// (<https://webaudio.github.io/web-audio-api/#DynamicsCompressorOptions-processing>): the
/// input delayed by [`LOOKAHEAD`] times the reduction gain an EnvelopeFollower computes from
/// the undelayed input. The choices the standard leaves open: the detector input is the
/// largest absolute sample of the channels; the detector curve is the identity (the detector
/// rate is the attenuation, in [0, 1]); the envelope rate is 1 − e^(−1/(attack·sampleRate))
/// while attacking and 10^(10 dB/20 / (release·sampleRate)) while releasing (the gain rises
/// 10 dB in `release` seconds), whatever the ratio of gain and average.
pub struct Compressor {
    reduction: ParamValue,
    /// [[detector average]].
    detector_average: f64,
    /// [[compressor gain]].
    compressor_gain: f64,
    /// Per channel, a ring of the last `delay + N` input samples.
    rings: Vec<Vec<f32>>,
    delay: usize,
    write: usize,
}

impl Compressor {
    /// A compressor at `sample_rate` that reports into `reduction`.
    pub fn new(reduction: ParamValue, sample_rate: f32) -> Compressor {
        Compressor {
            reduction,
            detector_average: 0.0,
            compressor_gain: 1.0,
            rings: Vec::new(),
            delay: (LOOKAHEAD * sample_rate as f64).round() as usize,
            write: 0,
        }
    }

    /// One quantum with the k-rate params `[threshold, knee, ratio, attack, release]`.
    pub fn process(&mut self, input: &Block, params: [f32; 5], sample_rate: f32) -> Block {
        let [threshold, knee, ratio, attack, release] = params.map(f64::from);
        let sr = sample_rate as f64;
        let len = self.delay + N;
        while self.rings.len() < input.len() {
            self.rings.push(vec![0.0; len]);
        }
        // "Computing the makeup gain": the 0.6 power of the inverse of the curve at 1.0.
        let makeup = (1.0 / curve_linear(1.0, threshold, knee, ratio)).powf(0.6);
        // 1. "Let attack and release have the values of attack and release … multiplied by
        //    the sample-rate."
        let (attack, release) = (attack * sr, release * sr);
        let attack_rate = if attack > 0.0 { 1.0 - (-1.0 / attack).exp() } else { 1.0 };
        let release_rate = db_to_linear(10.0 / release.max(1.0));
        // 2., 3. "Let detector average/compressor gain be the value of the slot."
        let (mut average, mut gain) = (self.detector_average, self.compressor_gain);
        let mut out = silence(input.len());
        for i in 0..N {
            let level = input.iter().fold(0f32, |m, c| m.max(c[i].abs())) as f64;
            // 4.1. "If the absolute value of input is less than 0.0001, let attenuation be
            //      1.0. Else, let shaped input be the value of applying the compression curve
            //      to the absolute value of input. Let attenuation be shaped input divided by
            //      the absolute value of input."
            let attenuation = if level < 0.0001 { 1.0 } else { curve_linear(level, threshold, knee, ratio) / level };
            // 4.2. "Let releasing be true if attenuation is greater than compressor gain."
            let releasing = attenuation > gain;
            // 4.3. "Let detector rate be the result of applying the detector curve to
            //      attenuation."
            let detector_rate = attenuation.clamp(0.0, 1.0);
            // 4.4. "Subtract detector average from attenuation, and multiply the result by
            //      detector rate. Add this new result to detector average."
            average += (attenuation - average) * detector_rate;
            // 4.5. "Clamp detector average to a maximum of 1.0."
            average = average.min(1.0);
            // 4.6.–4.8. The envelope rate; releasing: "set compressor gain to the product of
            //      compressor gain and envelope rate, clamped to a maximum of 1.0"; else "let
            //      gain increment be detector average minus compressor gain. Multiply gain
            //      increment by envelope rate, and add the result to compressor gain."
            if releasing {
                gain = (gain * release_rate).min(1.0);
            } else {
                gain += (average - gain) * attack_rate;
            }
            // 4.9. "Compute reduction gain to be compressor gain multiplied by the return value
            //      of computing the makeup gain." It is the internal GainNode's gain for the
            //      input delayed by the look-ahead.
            let reduction_gain = (gain * makeup) as f32;
            for (c, ring) in self.rings.iter_mut().enumerate() {
                ring[(self.write + i) % len] = input.get(c).map_or(0.0, |ch| ch[i]);
                let delayed = ring[(self.write + i + len - self.delay) % len];
                if let Some(channel) = out.get_mut(c) {
                    channel[i] = delayed * reduction_gain;
                }
            }
        }
        self.write = (self.write + N) % len;
        // 5., 6. "Set [[compressor gain]] … Set [[detector average]]."
        (self.detector_average, self.compressor_gain) = (average, gain);
        // 7. "Atomically set the internal slot [[internal reduction]] to the value of metering
        //    gain": the compressor gain in dB. (Step 4.10 would include the makeup gain, which
        //    contradicts "if fed no signal the value will be 0"; browsers report the reduction
        //    alone, 0 or negative, and so does this.)
        self.reduction.set(linear_to_db(gain) as f32);
        out
    }
}

/// An `IIRFilterNode`'s render side
/// (<https://webaudio.github.io/web-audio-api/#IIRFilterNode-filter-definition>):
/// Σₖ a_k·y(n−k) = Σₖ b_k·x(n−k), in double precision, one filter state per input channel
/// (the output has the input's channels), starting from the all-zeroes state.
pub struct Iir {
    /// b_k / a₀.
    b: Vec<f64>,
    /// a_k / a₀.
    a: Vec<f64>,
    /// Per channel, the last inputs and outputs (x(n−1)…, y(n−1)…), most recent first.
    state: Vec<(VecDeque<f64>, VecDeque<f64>)>,
}

impl Iir {
    /// A filter with these coefficients (a₀ ≠ 0, checked by the DOM).
    pub fn new(feedforward: &[f64], feedback: &[f64]) -> Iir {
        let a0 = feedback.first().copied().filter(|a| *a != 0.0).unwrap_or(1.0);
        Iir {
            b: feedforward.iter().map(|b| b / a0).collect(),
            a: feedback.iter().map(|a| a / a0).collect(),
            state: Vec::new(),
        }
    }

    /// Filters one quantum in place.
    pub fn process(&mut self, block: &mut Block) {
        let (nb, na) = (self.b.len(), self.a.len());
        while self.state.len() < block.len() {
            self.state.push((VecDeque::from(vec![0.0; nb]), VecDeque::from(vec![0.0; na])));
        }
        for (channel, (xs, ys)) in block.iter_mut().zip(self.state.iter_mut()) {
            for sample in channel.iter_mut() {
                let x = *sample as f64;
                xs.pop_back();
                xs.push_front(x);
                let mut y: f64 = self.b.iter().zip(xs.iter()).map(|(b, x)| b * x).sum();
                y -= self.a.iter().skip(1).zip(ys.iter()).map(|(a, y)| a * y).sum::<f64>();
                // A decaying tail ends in exact silence rather than denormals.
                if y.abs() < 1e-30 {
                    y = 0.0;
                }
                ys.pop_back();
                ys.push_front(y);
                *sample = y as f32;
            }
        }
    }
}

/// The `ConvolverNode`'s normalizationScale
/// (<https://webaudio.github.io/web-audio-api/#dom-convolvernode-normalize>): the inverse RMS
/// power of the impulse response (at least MinPower 0.000125), times GainCalibration 0.00125,
/// times 44100 over its sample rate, halved for a four-channel ("true stereo") response.
pub fn normalization_scale(buffer: &BufferData) -> f64 {
    const GAIN_CALIBRATION: f64 = 0.00125;
    const GAIN_CALIBRATION_SAMPLE_RATE: f64 = 44100.0;
    const MIN_POWER: f64 = 0.000125;
    let channels = buffer.channels.len();
    let length = buffer.len();
    let power: f64 = buffer.channels.iter().map(|c| c.iter().map(|s| f64::from(*s) * f64::from(*s)).sum::<f64>()).sum();
    let mut power = (power / (channels * length) as f64).sqrt();
    // "Protect against accidental overload."
    if !power.is_finite() || power < MIN_POWER {
        power = MIN_POWER;
    }
    let mut scale = 1.0 / power;
    // "Calibrate to make perceived volume same as unprocessed."
    scale *= GAIN_CALIBRATION;
    // "Scale depends on sample-rate."
    if buffer.sample_rate != 0.0 {
        scale *= GAIN_CALIBRATION_SAMPLE_RATE / f64::from(buffer.sample_rate);
    }
    // "True-stereo compensation."
    if channels == 4 {
        scale *= 0.5;
    }
    scale
}

/// The FFT length: two render quanta (overlap-save over 128-frame partitions).
const FFT_LEN: usize = 2 * N;
const BINS: usize = N + 1;

/// A `ConvolverNode`'s render side (<https://webaudio.github.io/web-audio-api/#ConvolverNode>):
/// uniformly partitioned FFT convolution (overlap-save, `realfft`), 128-frame partitions, so
/// no latency; the channel configurations of the standard's diagram: mono input and mono
/// response → mono output; otherwise stereo, a four-channel response as the "true stereo"
/// matrix (L = inL∗b0 + inR∗b2, R = inL∗b1 + inR∗b3; a mono input feeds both sides).
pub struct Convolver {
    /// Per response channel, the spectra of its partitions (scaled by normalizationScale and
    /// 1/FFT_LEN).
    response: Vec<Vec<Vec<Complex<f64>>>>,
    partitions: usize,
    /// Per input channel (two): the previous quantum and the spectra of the last `partitions`
    /// input blocks (a ring written at `next`).
    previous: [[f64; N]; 2],
    spectra: [Vec<Vec<Complex<f64>>>; 2],
    next: usize,
    forward: Arc<dyn RealToComplex<f64>>,
    inverse: Arc<dyn ComplexToReal<f64>>,
}

impl Convolver {
    /// A convolver with the impulse response `buffer` (None: it outputs mono silence),
    /// normalized when `normalize`.
    pub fn new(buffer: Option<Arc<BufferData>>, normalize: bool) -> Convolver {
        let mut planner = RealFftPlanner::<f64>::new();
        let mut convolver = Convolver {
            response: Vec::new(),
            partitions: 0,
            previous: [[0.0; N]; 2],
            spectra: [Vec::new(), Vec::new()],
            next: 0,
            forward: planner.plan_fft_forward(FFT_LEN),
            inverse: planner.plan_fft_inverse(FFT_LEN),
        };
        convolver.set_buffer(buffer, normalize);
        convolver
    }

    /// A new impulse response: the state starts over.
    pub fn set_buffer(&mut self, buffer: Option<Arc<BufferData>>, normalize: bool) {
        self.response.clear();
        self.partitions = 0;
        self.next = 0;
        self.previous = [[0.0; N]; 2];
        let Some(buffer) = buffer.filter(|b| !b.is_empty() && matches!(b.channels.len(), 1 | 2 | 4)) else {
            self.spectra = [Vec::new(), Vec::new()];
            return;
        };
        let scale = if normalize { normalization_scale(&buffer) } else { 1.0 } / FFT_LEN as f64;
        self.partitions = buffer.len().div_ceil(N);
        for channel in &buffer.channels {
            let mut partitions = Vec::with_capacity(self.partitions);
            for part in channel.chunks(N) {
                let mut time = vec![0.0f64; FFT_LEN];
                for (t, s) in time.iter_mut().zip(part) {
                    *t = f64::from(*s) * scale;
                }
                let mut spectrum = vec![Complex::new(0.0, 0.0); BINS];
                let _ = self.forward.process(&mut time, &mut spectrum);
                partitions.push(spectrum);
            }
            self.response.push(partitions);
        }
        let silent = vec![vec![Complex::new(0.0, 0.0); BINS]; self.partitions];
        self.spectra = [silent.clone(), silent];
    }

    /// Convolves one quantum.
    pub fn process(&mut self, input: &Block) -> Block {
        if self.response.is_empty() {
            // "If this node is not actively processing, the output is a single channel of
            // silence" (and without a buffer it is not).
            return silence(1);
        }
        let inputs = input.len().min(2);
        for c in 0..2 {
            let mut time = vec![0.0f64; FFT_LEN];
            time[..N].copy_from_slice(&self.previous[c]);
            if let Some(channel) = input.get(c).filter(|_| c < inputs) {
                for (t, s) in time[N..].iter_mut().zip(channel.iter()) {
                    *t = f64::from(*s);
                }
            }
            self.previous[c].copy_from_slice(&time[N..]);
            let _ = self.forward.process(&mut time, &mut self.spectra[c][self.next]);
        }
        // (input channel, response channel, output channel) of each path.
        let paths: &[(usize, usize, usize)] = match (inputs, self.response.len()) {
            (1, 1) => &[(0, 0, 0)],
            (1, 2) => &[(0, 0, 0), (0, 1, 1)],
            (2, 1) => &[(0, 0, 0), (1, 0, 1)],
            (2, 2) => &[(0, 0, 0), (1, 1, 1)],
            (1, _) => &[(0, 0, 0), (0, 2, 0), (0, 1, 1), (0, 3, 1)],
            _ => &[(0, 0, 0), (1, 2, 0), (0, 1, 1), (1, 3, 1)],
        };
        let outputs = if inputs == 1 && self.response.len() == 1 { 1 } else { 2 };
        let mut out = silence(outputs);
        for (o, channel) in out.iter_mut().enumerate() {
            let mut sum = vec![Complex::new(0.0, 0.0); BINS];
            for &(i, r, _) in paths.iter().filter(|p| p.2 == o) {
                for (p, h) in self.response[r].iter().enumerate() {
                    let x = &self.spectra[i][(self.next + self.partitions - p) % self.partitions];
                    for ((s, x), h) in sum.iter_mut().zip(x).zip(h) {
                        *s += x * h;
                    }
                }
            }
            sum[0].im = 0.0;
            sum[N].im = 0.0;
            let mut time = vec![0.0f64; FFT_LEN];
            let _ = self.inverse.process(&mut sum, &mut time);
            for (o, t) in channel.iter_mut().zip(&time[N..]) {
                *o = if t.abs() < 1e-30 { 0.0 } else { *t as f32 };
            }
        }
        self.next = (self.next + 1) % self.partitions;
        out
    }
}

//! Web Audio (<https://webaudio.github.io/web-audio-api/>) as plain data: the commands script
//! sends to the Web Audio render thread (`components/webaudio`), the events it answers with,
//! and [`AudioTap`], the pipe through which a `MediaStreamAudioDestinationNode`'s samples reach
//! whoever consumes its track (a recording on the Media thread).
//!
//! Ids are chosen by script: a context id is unique in the engine, a node id within its
//! context. An id the render thread does not know (a context already closed) is logged and the
//! command dropped.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Frames in a render quantum (<https://webaudio.github.io/web-audio-api/#render-quantum>).
pub const RENDER_QUANTUM_SIZE: usize = 128;

/// The nominal range of sample rates an `AudioContext` supports
/// (<https://webaudio.github.io/web-audio-api/#dom-audiocontextoptions-samplerate>).
pub const MIN_SAMPLE_RATE: f32 = 3000.0;
/// See [`MIN_SAMPLE_RATE`].
pub const MAX_SAMPLE_RATE: f32 = 768_000.0;

/// The most channels a node's `channelCount` may be set to.
pub const MAX_CHANNELS: u32 = 32;

/// A context, unique in its engine.
pub type ContextId = u64;
/// A node, unique in its context.
pub type NodeId = u64;

/// `OscillatorType` (without "custom": there is no `PeriodicWave`).
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash)]
pub enum OscillatorType {
    /// "sine"
    Sine,
    /// "square"
    Square,
    /// "sawtooth"
    Sawtooth,
    /// "triangle"
    Triangle,
}

/// `ChannelCountMode`.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ChannelCountMode {
    /// "max"
    Max,
    /// "clamped-max"
    ClampedMax,
    /// "explicit"
    Explicit,
}

/// `ChannelInterpretation`.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ChannelInterpretation {
    /// "speakers"
    Speakers,
    /// "discrete"
    Discrete,
}

/// A node's channel configuration (`channelCount`, `channelCountMode`, `channelInterpretation`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChannelConfig {
    /// `channelCount`.
    pub count: u32,
    /// `channelCountMode`.
    pub mode: ChannelCountMode,
    /// `channelInterpretation`.
    pub interpretation: ChannelInterpretation,
}

/// `AutomationRate`.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum AutomationRate {
    /// "a-rate": a value per sample frame.
    ARate,
    /// "k-rate": one value per render quantum.
    KRate,
}

/// Which `AudioParam` of a node.
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash)]
pub enum ParamSlot {
    /// `OscillatorNode.frequency`.
    Frequency,
    /// `OscillatorNode.detune`.
    Detune,
    /// `GainNode.gain`.
    Gain,
    /// `ConstantSourceNode.offset`.
    Offset,
    /// `AudioBufferSourceNode.playbackRate`.
    PlaybackRate,
    /// `BiquadFilterNode.Q` (its `frequency`, `detune` and `gain` use the slots above).
    Q,
    /// `StereoPannerNode.pan`.
    Pan,
    /// `DelayNode.delayTime`.
    DelayTime,
    /// `DynamicsCompressorNode.threshold`.
    Threshold,
    /// `DynamicsCompressorNode.knee`.
    Knee,
    /// `DynamicsCompressorNode.ratio`.
    Ratio,
    /// `DynamicsCompressorNode.attack`.
    Attack,
    /// `DynamicsCompressorNode.release`.
    Release,
    /// `PannerNode.positionX` and `AudioListener.positionX`; likewise Y and Z.
    PositionX,
    /// `positionY`.
    PositionY,
    /// `positionZ`.
    PositionZ,
    /// `PannerNode.orientationX`; likewise Y and Z.
    OrientationX,
    /// `orientationY`.
    OrientationY,
    /// `orientationZ`.
    OrientationZ,
    /// `AudioListener.forwardX`; likewise Y and Z.
    ForwardX,
    /// `forwardY`.
    ForwardY,
    /// `forwardZ`.
    ForwardZ,
    /// `AudioListener.upX`; likewise Y and Z.
    UpX,
    /// `upY`.
    UpY,
    /// `upZ`.
    UpZ,
}

/// `PannerNode.distanceModel` (<https://webaudio.github.io/web-audio-api/#enumdef-distancemodeltype>).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum DistanceModel {
    /// `"linear"`.
    Linear,
    /// `"inverse"` (the default).
    #[default]
    Inverse,
    /// `"exponential"`.
    Exponential,
}

/// What a `PannerNode`'s attributes (not its params) say: the distance and cone models.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PannerSettings {
    /// `panningModel` is "HRTF" (rendered as equal-power: see the node).
    pub hrtf: bool,
    /// `distanceModel`.
    pub distance_model: DistanceModel,
    /// `refDistance`.
    pub ref_distance: f64,
    /// `maxDistance`.
    pub max_distance: f64,
    /// `rolloffFactor`.
    pub rolloff_factor: f64,
    /// `coneInnerAngle`, degrees.
    pub cone_inner_angle: f64,
    /// `coneOuterAngle`, degrees.
    pub cone_outer_angle: f64,
    /// `coneOuterGain`.
    pub cone_outer_gain: f64,
}

impl Default for PannerSettings {
    fn default() -> PannerSettings {
        PannerSettings {
            hrtf: false,
            distance_model: DistanceModel::Inverse,
            ref_distance: 1.0,
            max_distance: 10000.0,
            rolloff_factor: 1.0,
            cone_inner_angle: 360.0,
            cone_outer_angle: 360.0,
            cone_outer_gain: 0.0,
        }
    }
}

/// An `AudioParam`'s [[current value]], written by the render thread at each render quantum and
/// by the `value` setter, read by the `value` getter without a round trip.
#[derive(Clone, Debug)]
pub struct ParamValue(Arc<AtomicU32>);

impl ParamValue {
    /// A slot holding `value`.
    pub fn new(value: f32) -> ParamValue {
        ParamValue(Arc::new(AtomicU32::new(value.to_bits())))
    }
    /// Reads it.
    pub fn get(&self) -> f32 {
        f32::from_bits(self.0.load(Ordering::Relaxed))
    }
    /// Writes it.
    pub fn set(&self, value: f32) {
        self.0.store(value.to_bits(), Ordering::Relaxed)
    }
}

/// A context's rendered frame count ([[current frame]]), advanced by the render thread at each
/// render quantum; `currentTime` is this over the sample rate.
#[derive(Clone, Debug, Default)]
pub struct FrameClock(Arc<AtomicU64>);

impl FrameClock {
    /// Frames rendered so far.
    pub fn frames(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }
    /// Sets the frames rendered so far.
    pub fn set(&self, frames: u64) {
        self.0.store(frames, Ordering::Release)
    }
}

/// What an `AudioParam` starts with.
#[derive(Clone, Debug)]
pub struct ParamInit {
    /// Which one.
    pub slot: ParamSlot,
    /// `defaultValue` or the value the node's options gave.
    pub value: f32,
    /// `minValue`.
    pub min: f32,
    /// `maxValue`.
    pub max: f32,
    /// `automationRate`.
    pub rate: AutomationRate,
    /// [[current value]].
    pub current: ParamValue,
}

/// The kind of a node and what only that kind has.
#[derive(Clone, Debug)]
pub enum NodeKind {
    /// `AudioDestinationNode`: its input is mixed and discarded (the host has no speakers).
    Destination,
    /// `OscillatorNode`.
    Oscillator {
        /// `type`.
        waveform: OscillatorType,
    },
    /// `GainNode`.
    Gain,
    /// `ConstantSourceNode`.
    ConstantSource,
    /// `MediaStreamAudioDestinationNode`: its mixed input goes to `tap`.
    StreamDestination {
        /// Where the samples go.
        tap: AudioTap,
    },
    /// `AudioBufferSourceNode` (its buffer, loop and start come in later commands).
    BufferSource,
    /// `BiquadFilterNode` (params: frequency, detune, Q, gain).
    Biquad {
        /// `type`.
        filter: crate::biquad::BiquadFilterType,
    },
    /// `StereoPannerNode` (param: pan): one or two input channels, two output channels.
    StereoPanner,
    /// `ChannelSplitterNode`: `outputs` mono outputs, one per input channel.
    Splitter {
        /// `numberOfOutputs`.
        outputs: u32,
    },
    /// `ChannelMergerNode`: `inputs` inputs, each one channel of the output.
    Merger {
        /// `numberOfInputs`.
        inputs: u32,
    },
    /// `DelayNode` (param: delayTime), holding up to `max_delay` seconds of its input.
    Delay {
        /// `maxDelayTime`.
        max_delay: f64,
    },
    /// `ScriptProcessorNode`: its input is gathered into buffers of `buffer_size` frames handed
    /// to script ([`AudioEvent::AudioProcess`]); the buffers script fills come back through
    /// `port` and are played two buffers after the input they answer (one buffer of latency
    /// past the gathering, as in Chromium).
    ScriptProcessor {
        /// `bufferSize`: 256 to 16384 frames, a power of two.
        buffer_size: u32,
        /// `numberOfInputChannels` (0 to 32).
        inputs: u32,
        /// `numberOfOutputChannels` (0 to 32).
        outputs: u32,
        /// Where script's output buffers arrive.
        port: ScriptPort,
    },
    /// `WaveShaperNode`: each sample through `curve` (None: pass-through).
    WaveShaper {
        /// The curve's internal copy.
        curve: Option<Arc<Vec<f32>>>,
        /// `oversample`.
        oversample: OverSample,
    },
    /// `DynamicsCompressorNode` (params: threshold, knee, ratio, attack, release); its gain
    /// reduction in dB is written to `reduction` at the end of each render quantum.
    Compressor {
        /// [[internal reduction]].
        reduction: ParamValue,
    },
    /// `ConvolverNode`: the acquired impulse response (None: mono silence), normalized when
    /// `normalize`.
    Convolver {
        /// The `buffer`'s content.
        buffer: Option<Arc<BufferData>>,
        /// `normalize` when the buffer was set.
        normalize: bool,
    },
    /// A context's `AudioListener`: no input; params positionX/Y/Z, forwardX/Y/Z, upX/Y/Z,
    /// whose values it outputs as nine channels for the context's panners to read.
    Listener,
    /// `PannerNode` (params positionX/Y/Z, orientationX/Y/Z): one or two input channels, two
    /// output channels, spatialized against the context's listener node `listener`.
    Panner {
        /// The context's listener node.
        listener: NodeId,
        /// The attributes.
        settings: PannerSettings,
    },
    /// `IIRFilterNode`: one filter per input channel.
    IirFilter {
        /// b₀…b_M.
        feedforward: Vec<f64>,
        /// a₀…a_N (a₀ ≠ 0).
        feedback: Vec<f64>,
    },
    /// `AnalyserNode`: its input passes through and, down-mixed to mono, is kept in `probe`.
    Analyser {
        /// The recent input script reads.
        probe: AnalyserProbe,
    },
    /// `MediaStreamAudioSourceNode`: `channels` channels of its track's audio, silent while the
    /// track is disabled (`enabled`) or muted or ended (`live`).
    StreamSource {
        /// Where the samples come from.
        input: StreamInput,
        /// The output's channel count.
        channels: u32,
        /// The track's [[Enabled]].
        enabled: crate::recorder::EnabledFlag,
        /// Whether the track is neither muted nor ended.
        live: crate::recorder::EnabledFlag,
    },
}

/// `OverSampleType` of a `WaveShaperNode`.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum OverSample {
    /// "none"
    None,
    /// "2x"
    X2,
    /// "4x"
    X4,
}

impl OverSample {
    /// The up-sampling factor.
    pub fn factor(self) -> usize {
        match self {
            OverSample::None => 1,
            OverSample::X2 => 2,
            OverSample::X4 => 4,
        }
    }
}

/// One output buffer of a `ScriptProcessorNode`: the answer to the `audioprocess` event of
/// buffer `seq`, one `Vec` per output channel.
type ScriptBuffers = std::collections::BTreeMap<u64, Vec<Vec<f32>>>;

/// The way back from a `ScriptProcessorNode`'s `audioprocess` handlers to the render thread:
/// script puts the output buffer it filled for buffer `seq`; the render thread takes it when
/// that buffer is due (never waiting while it renders in real time; an offline context may
/// wait). Cloning shares it.
#[derive(Clone, Default)]
pub struct ScriptPort(Arc<(Mutex<ScriptBuffers>, std::sync::Condvar)>);

impl std::fmt::Debug for ScriptPort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ScriptPort")
    }
}

impl ScriptPort {
    /// An empty port.
    pub fn new() -> ScriptPort {
        ScriptPort::default()
    }

    /// Script answers buffer `seq` with `channels`.
    pub fn put(&self, seq: u64, channels: Vec<Vec<f32>>) {
        let (buffers, ready) = &*self.0;
        buffers.lock().unwrap_or_else(PoisonError::into_inner).insert(seq, channels);
        ready.notify_all();
    }

    /// The answer to buffer `seq`, waiting up to `wait` for it; answers to earlier buffers
    /// (too late to play) are dropped. None: no answer (yet).
    pub fn take(&self, seq: u64, wait: std::time::Duration) -> Option<Vec<Vec<f32>>> {
        let (buffers, ready) = &*self.0;
        let deadline = std::time::Instant::now() + wait;
        let mut map = buffers.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            map.retain(|s, _| *s >= seq);
            if let Some(channels) = map.remove(&seq) {
                return Some(channels);
            }
            let now = std::time::Instant::now();
            if now >= deadline {
                return None;
            }
            map = ready.wait_timeout(map, deadline - now).unwrap_or_else(PoisonError::into_inner).0;
        }
    }
}

/// Where a `MediaStreamAudioSourceNode`'s samples come from.
#[derive(Clone, Debug)]
pub enum StreamInput {
    /// A sine tone made by the render thread: the fake microphone's signal (the tone its
    /// recordings carry).
    Tone {
        /// Hz.
        frequency: f32,
        /// Peak amplitude.
        amplitude: f32,
    },
    /// Frames a `MediaStreamAudioDestinationNode` rendered, queued by its tap.
    Queue(StreamQueue),
    /// A track whose audio does not reach Web Audio: silence.
    Silence,
}

/// Interleaved frames on their way from an [`AudioTap`] to a `MediaStreamAudioSourceNode`:
/// the tap's subscriber pushes, the render quantum of the source node pops; at most about one
/// second is kept (older frames are dropped). Cloning shares it.
#[derive(Clone, Debug)]
pub struct StreamQueue {
    frames: Arc<Mutex<std::collections::VecDeque<f32>>>,
    channels: usize,
    capacity_frames: usize,
}

impl StreamQueue {
    /// A queue of `channels`-channel frames keeping at most `capacity_frames`.
    pub fn new(channels: u32, capacity_frames: usize) -> StreamQueue {
        StreamQueue {
            frames: Arc::new(Mutex::new(std::collections::VecDeque::new())),
            channels: channels.max(1) as usize,
            capacity_frames: capacity_frames.max(RENDER_QUANTUM_SIZE),
        }
    }

    /// The channel count of its frames.
    pub fn channels(&self) -> usize {
        self.channels
    }

    /// Adds a tap's block, taking its first channels (and repeating a mono one) to fit.
    pub fn push(&self, block: &AudioBlock<'_>) {
        let from = block.channels.max(1) as usize;
        let mut frames = self.frames.lock().unwrap_or_else(PoisonError::into_inner);
        for frame in block.samples.chunks_exact(from) {
            for c in 0..self.channels {
                frames.push_back(if from == 1 { frame[0] } else { frame.get(c).copied().unwrap_or(0.0) });
            }
        }
        let excess = frames.len().saturating_sub(self.capacity_frames * self.channels);
        frames.drain(..excess);
    }

    /// Takes up to `out[0].len()` frames into the channels of `out` (silence where none are
    /// queued).
    pub fn pop_into(&self, out: &mut [[f32; RENDER_QUANTUM_SIZE]]) {
        let mut frames = self.frames.lock().unwrap_or_else(PoisonError::into_inner);
        for i in 0..RENDER_QUANTUM_SIZE {
            if frames.len() < self.channels {
                break;
            }
            for c in 0..self.channels {
                let v = frames.pop_front().unwrap_or(0.0);
                if let Some(ch) = out.get_mut(c) {
                    ch[i] = v;
                }
            }
        }
    }
}

/// The largest `fftSize` of an `AnalyserNode`, and so the most recent frames an
/// [`AnalyserProbe`] keeps (<https://webaudio.github.io/web-audio-api/#dom-analysernode-fftsize>).
pub const MAX_FFT_SIZE: usize = 32768;

struct ProbeState {
    /// The last [`MAX_FFT_SIZE`] frames, a ring written at `next`.
    ring: Vec<f32>,
    next: usize,
    /// Render quanta seen so far.
    quanta: u64,
}

/// What an `AnalyserNode`'s render side shares with script: the most recent frames of its input,
/// down-mixed to mono, written by the render thread each render quantum and read by script when
/// a page asks for time-domain or frequency data. Cloning shares it.
#[derive(Clone)]
pub struct AnalyserProbe(Arc<Mutex<ProbeState>>);

impl Default for AnalyserProbe {
    fn default() -> AnalyserProbe {
        AnalyserProbe(Arc::new(Mutex::new(ProbeState { ring: vec![0.0; MAX_FFT_SIZE], next: 0, quanta: 0 })))
    }
}

impl std::fmt::Debug for AnalyserProbe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AnalyserProbe")
    }
}

impl AnalyserProbe {
    /// A probe that has heard silence so far.
    pub fn new() -> AnalyserProbe {
        AnalyserProbe::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ProbeState> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The render thread adds one render quantum of mono input.
    pub fn push_quantum(&self, mono: &[f32; RENDER_QUANTUM_SIZE]) {
        let mut state = self.state();
        let at = state.next;
        state.ring[at..at + RENDER_QUANTUM_SIZE].copy_from_slice(mono);
        state.next = (at + RENDER_QUANTUM_SIZE) % MAX_FFT_SIZE;
        state.quanta += 1;
    }

    /// The last `n` frames (at most [`MAX_FFT_SIZE`]), oldest first, into `out`; returns the
    /// number of render quanta the probe has seen (which tells whether the data changed).
    pub fn latest(&self, n: usize, out: &mut Vec<f32>) -> u64 {
        let state = self.state();
        let n = n.min(MAX_FFT_SIZE);
        let start = (state.next + MAX_FFT_SIZE - n) % MAX_FFT_SIZE;
        out.clear();
        out.extend(state.ring[start..].iter().chain(state.ring[..start].iter()).take(n));
        state.quanta
    }

    /// Render quanta seen so far.
    pub fn quanta(&self) -> u64 {
        self.state().quanta
    }
}

/// The content of an `AudioBuffer` as the renderer sees it: a snapshot "acquired" from the
/// buffer (<https://webaudio.github.io/web-audio-api/#acquire-the-content>), immutable and
/// shared.
#[derive(Debug, PartialEq)]
pub struct BufferData {
    /// The buffer's `sampleRate`.
    pub sample_rate: f32,
    /// One `Vec` per channel, each of the buffer's `length`.
    pub channels: Vec<Vec<f32>>,
}

impl BufferData {
    /// `length`: frames per channel.
    pub fn len(&self) -> usize {
        self.channels.first().map_or(0, Vec::len)
    }

    /// Whether it has no frames.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A `PeriodicWave`'s coefficients (<https://webaudio.github.io/web-audio-api/#PeriodicWave>):
/// x(t) = Σₖ real[k]·cos(2πkt) + imag[k]·sin(2πkt) for k ≥ 1 (index 0 is ignored).
#[derive(Debug, PartialEq)]
pub struct PeriodicWaveData {
    /// The cosine terms.
    pub real: Vec<f32>,
    /// The sine terms.
    pub imag: Vec<f32>,
    /// [[normalize]]: scale the waveform to a peak of 1.
    pub normalize: bool,
}

/// The loop attributes of an `AudioBufferSourceNode`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LoopConfig {
    /// `loop`.
    pub enabled: bool,
    /// `loopStart`, seconds.
    pub start: f64,
    /// `loopEnd`, seconds.
    pub end: f64,
}

/// An automation event (<https://webaudio.github.io/web-audio-api/#dfn-automation-event>).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AutomationEvent {
    /// `setValueAtTime(value, time)` (and the `value` setter at `currentTime`).
    SetValue {
        /// The value.
        value: f32,
        /// When.
        time: f64,
    },
    /// `linearRampToValueAtTime(value, time)`.
    LinearRamp {
        /// The value reached at `time`.
        value: f32,
        /// The end of the ramp.
        time: f64,
        /// `currentTime` when it was scheduled (the start when no event precedes it).
        scheduled_at: f64,
    },
    /// `exponentialRampToValueAtTime(value, time)`.
    ExponentialRamp {
        /// The value reached at `time` (never 0).
        value: f32,
        /// The end of the ramp.
        time: f64,
        /// `currentTime` when it was scheduled (the start when no event precedes it).
        scheduled_at: f64,
    },
    /// `setTargetAtTime(target, time, timeConstant)`.
    SetTarget {
        /// The value approached.
        target: f32,
        /// The start.
        time: f64,
        /// The time constant (0: jump to target).
        time_constant: f64,
    },
    /// `cancelScheduledValues(time)`: events at or after `time` are removed.
    Cancel {
        /// The cancel time.
        time: f64,
    },
}

/// Where a connection ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// An input of a node.
    Node {
        /// The node.
        node: NodeId,
        /// Its input.
        input: u32,
    },
    /// An `AudioParam` of a node.
    Param {
        /// The node.
        node: NodeId,
        /// The param.
        param: ParamSlot,
    },
}

/// A command for one context.
#[derive(Debug)]
pub enum ContextCommand {
    /// A new node with its params.
    CreateNode {
        /// Its id.
        node: NodeId,
        /// What it is.
        kind: NodeKind,
        /// Its channel configuration.
        channels: ChannelConfig,
        /// Its params.
        params: Vec<ParamInit>,
    },
    /// `connect()`: output `output` of `from` to `to`.
    Connect {
        /// The source node.
        from: NodeId,
        /// Its output.
        output: u32,
        /// The destination.
        to: Target,
    },
    /// `disconnect()`: the one connection from output `output` of `from` to `to`.
    Disconnect {
        /// The source node.
        from: NodeId,
        /// Its output.
        output: u32,
        /// The destination.
        to: Target,
    },
    /// `channelCount`, `channelCountMode` or `channelInterpretation` changed.
    SetChannels {
        /// The node.
        node: NodeId,
        /// The new configuration.
        channels: ChannelConfig,
    },
    /// An automation method of an `AudioParam`.
    Automate {
        /// The node.
        node: NodeId,
        /// The param.
        param: ParamSlot,
        /// The event.
        event: AutomationEvent,
    },
    /// `automationRate` changed.
    SetAutomationRate {
        /// The node.
        node: NodeId,
        /// The param.
        param: ParamSlot,
        /// The rate.
        rate: AutomationRate,
    },
    /// `OscillatorNode.type` changed.
    SetOscillatorType {
        /// The node.
        node: NodeId,
        /// The waveform.
        waveform: OscillatorType,
    },
    /// `WaveShaperNode.curve` was set (an internal copy; None: pass-through).
    SetCurve {
        /// The node.
        node: NodeId,
        /// The curve.
        curve: Option<Arc<Vec<f32>>>,
    },
    /// `ConvolverNode.buffer` was set (its content acquired then, with `normalize` as it was).
    SetConvolverBuffer {
        /// The node.
        node: NodeId,
        /// The impulse response (None: silence).
        buffer: Option<Arc<BufferData>>,
        /// Whether to scale it by its normalizationScale.
        normalize: bool,
    },
    /// `WaveShaperNode.oversample` changed.
    SetOverSample {
        /// The node.
        node: NodeId,
        /// The oversampling.
        oversample: OverSample,
    },
    /// A `PannerNode` attribute changed.
    SetPanner {
        /// The node.
        node: NodeId,
        /// All its attributes.
        settings: PannerSettings,
    },
    /// `BiquadFilterNode.type` changed.
    SetBiquadType {
        /// The node.
        node: NodeId,
        /// The filter.
        filter: crate::biquad::BiquadFilterType,
    },
    /// `OscillatorNode.setPeriodicWave()`: the oscillator plays this wave ("custom").
    SetPeriodicWave {
        /// The node.
        node: NodeId,
        /// The wave.
        wave: Arc<PeriodicWaveData>,
    },
    /// `start(when)`.
    Start {
        /// The node.
        node: NodeId,
        /// Context time.
        when: f64,
    },
    /// `stop(when)`.
    Stop {
        /// The node.
        node: NodeId,
        /// Context time.
        when: f64,
    },
    /// `AudioBufferSourceNode.buffer` was set (the content acquired then; None: silence).
    SetBuffer {
        /// The node.
        node: NodeId,
        /// The acquired content.
        buffer: Option<Arc<BufferData>>,
    },
    /// `loop`, `loopStart` or `loopEnd` of an `AudioBufferSourceNode` changed.
    SetLoop {
        /// The node.
        node: NodeId,
        /// The new values.
        looping: LoopConfig,
    },
    /// `AudioBufferSourceNode.start(when, offset, duration)`.
    StartBuffer {
        /// The node.
        node: NodeId,
        /// Context time.
        when: f64,
        /// Buffer time to start at, seconds.
        offset: f64,
        /// Buffer time to play, seconds (None: until the end or forever when looping).
        duration: Option<f64>,
    },
    /// Renders an `OfflineAudioContext`'s `length` frames as fast as possible, its
    /// destination's input recorded with `channels` channels; answered with
    /// [`AudioEvent::Rendered`].
    RenderOffline {
        /// Echoed back.
        request: u64,
        /// Frames to render.
        length: usize,
        /// Channels recorded.
        channels: u32,
    },
    /// The control message to resume (`request` is script's, echoed in [`AudioEvent::Running`]).
    Resume {
        /// Echoed back.
        request: u64,
    },
    /// The control message to suspend.
    Suspend {
        /// Echoed back.
        request: u64,
    },
    /// The control message to close: the context's graph is released.
    Close {
        /// Echoed back.
        request: u64,
    },
}

/// Called by the render thread with a context's events (script queues them as tasks).
pub type EventSink = Box<dyn Fn(AudioEvent) + Send>;

/// A command for the render thread.
pub enum AudioCommand {
    /// A new context, suspended, at `sample_rate`.
    CreateContext {
        /// Its id.
        context: ContextId,
        /// Its sample rate.
        sample_rate: f32,
        /// Its frame counter.
        clock: FrameClock,
        /// Where its events go.
        events: EventSink,
    },
    /// A command for one context.
    Context {
        /// The context.
        context: ContextId,
        /// The command.
        command: ContextCommand,
    },
    /// Decodes an encoded audio file (`decodeAudioData`) to `sample_rate`, off the render
    /// loop; `reply` is called exactly once, from whichever thread finishes.
    Decode {
        /// The file's bytes.
        bytes: Vec<u8>,
        /// The context's sample rate.
        sample_rate: f32,
        /// Takes the decoded channels or why decoding failed.
        reply: DecodeReply,
    },
    /// Ends the thread.
    Exit,
}

/// The answer to [`AudioCommand::Decode`].
pub type DecodeReply = Box<dyn FnOnce(Result<BufferData, String>) + Send>;

impl std::fmt::Debug for AudioCommand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AudioCommand::CreateContext { context, sample_rate, .. } => {
                write!(f, "CreateContext {{ context: {context}, sample_rate: {sample_rate} }}")
            }
            AudioCommand::Context { context, command } => write!(f, "Context {{ context: {context}, {command:?} }}"),
            AudioCommand::Decode { bytes, sample_rate, .. } => {
                write!(f, "Decode {{ {} bytes, sample_rate: {sample_rate} }}", bytes.len())
            }
            AudioCommand::Exit => f.write_str("Exit"),
        }
    }
}

/// What the render thread tells a context.
#[derive(Clone, Debug, PartialEq)]
pub enum AudioEvent {
    /// Rendering started (the answer to [`ContextCommand::Resume`]).
    Running {
        /// The request answered.
        request: u64,
    },
    /// Rendering stopped (the answer to [`ContextCommand::Suspend`]).
    Suspended {
        /// The request answered.
        request: u64,
    },
    /// The context released its resources (the answer to [`ContextCommand::Close`]).
    Closed {
        /// The request answered.
        request: u64,
    },
    /// An offline context rendered its frames (the answer to
    /// [`ContextCommand::RenderOffline`]): the destination's input, one `Vec` per channel.
    Rendered {
        /// The request answered.
        request: u64,
        /// The rendered channels.
        channels: Vec<Vec<f32>>,
    },
    /// A scheduled source node stopped playing (`ended`).
    Ended {
        /// The node.
        node: NodeId,
    },
    /// A `ScriptProcessorNode` gathered a buffer of input: script fires `audioprocess` and puts
    /// its output buffer in the node's [`ScriptPort`] under `seq`.
    AudioProcess {
        /// The node.
        node: NodeId,
        /// The buffer's number (0, 1, 2… for the node).
        seq: u64,
        /// The input, one `Vec` of `bufferSize` frames per input channel.
        input: Vec<Vec<f32>>,
        /// `playbackTime`: when the answer will be played, in context time.
        playback_time: f64,
    },
}

/// A render quantum of a `MediaStreamAudioDestinationNode`: interleaved 32-bit float samples.
pub struct AudioBlock<'a> {
    /// The context's sample rate.
    pub rate: u32,
    /// Channels per frame.
    pub channels: u32,
    /// `frames × channels` samples, frame by frame.
    pub samples: &'a [f32],
}

type Subscriber = Box<dyn FnMut(&AudioBlock<'_>) + Send>;

#[derive(Default)]
struct TapState {
    subscribers: Vec<(u64, Subscriber)>,
    next: u64,
    closed: bool,
}

/// The samples of one `MediaStreamAudioDestinationNode`'s track, pushed by the render thread to
/// every subscriber (a recording), from the render thread. Cloning shares it.
#[derive(Clone, Default)]
pub struct AudioTap(Arc<Mutex<TapState>>);

impl std::fmt::Debug for AudioTap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AudioTap")
    }
}

impl AudioTap {
    /// A tap nobody listens to yet.
    pub fn new() -> AudioTap {
        AudioTap::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, TapState> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether anyone listens (the render thread skips interleaving otherwise).
    pub fn has_subscribers(&self) -> bool {
        !self.state().subscribers.is_empty()
    }

    /// Adds a subscriber; returns its token, or None when the tap is closed (the track ended).
    pub fn subscribe(&self, subscriber: impl FnMut(&AudioBlock<'_>) + Send + 'static) -> Option<u64> {
        let mut state = self.state();
        if state.closed {
            return None;
        }
        state.next += 1;
        let token = state.next;
        state.subscribers.push((token, Box::new(subscriber)));
        Some(token)
    }

    /// Removes a subscriber.
    pub fn unsubscribe(&self, token: u64) {
        self.state().subscribers.retain(|(t, _)| *t != token);
    }

    /// The track ended: subscribers are dropped and no samples flow any more.
    pub fn close(&self) {
        let mut state = self.state();
        state.closed = true;
        state.subscribers.clear();
    }

    /// Gives a block to every subscriber.
    pub fn push(&self, block: &AudioBlock<'_>) {
        for (_, s) in self.state().subscribers.iter_mut() {
            s(block);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_queue_fits_channels_drops_old_frames_and_pads_with_silence() {
        let queue = StreamQueue::new(2, RENDER_QUANTUM_SIZE);
        // A mono block is repeated on both channels.
        queue.push(&AudioBlock { rate: 48000, channels: 1, samples: &[0.5; 64] });
        let mut out = [[9.0f32; RENDER_QUANTUM_SIZE]; 2];
        queue.pop_into(&mut out);
        assert!(out.iter().all(|ch| ch[..64].iter().all(|v| *v == 0.5)));
        assert!(out.iter().all(|ch| ch[64..].iter().all(|v| *v == 9.0)), "no frames: left as given");
        // More than the capacity keeps the newest frames.
        let stereo: Vec<f32> = (0..RENDER_QUANTUM_SIZE * 2 * 2).map(|i| (i / 2) as f32).collect();
        queue.push(&AudioBlock { rate: 48000, channels: 2, samples: &stereo });
        let mut out = [[0.0f32; RENDER_QUANTUM_SIZE]; 2];
        queue.pop_into(&mut out);
        assert_eq!(out[0][0], RENDER_QUANTUM_SIZE as f32);
        assert_eq!(out[1][RENDER_QUANTUM_SIZE - 1], (2 * RENDER_QUANTUM_SIZE - 1) as f32);
    }

    #[test]
    fn a_probe_keeps_the_latest_frames_in_order() {
        let probe = AnalyserProbe::new();
        let mut out = Vec::new();
        assert_eq!(probe.latest(4, &mut out), 0);
        assert_eq!(out, vec![0.0; 4]);
        for q in 0..(MAX_FFT_SIZE / RENDER_QUANTUM_SIZE + 1) {
            probe.push_quantum(&[q as f32; RENDER_QUANTUM_SIZE]);
        }
        let quanta = probe.latest(RENDER_QUANTUM_SIZE + 2, &mut out);
        assert_eq!(quanta, (MAX_FFT_SIZE / RENDER_QUANTUM_SIZE + 1) as u64);
        let last = (MAX_FFT_SIZE / RENDER_QUANTUM_SIZE) as f32;
        assert_eq!(&out[..2], &[last - 1.0, last - 1.0]);
        assert!(out[2..].iter().all(|v| *v == last));
        assert_eq!(probe.latest(MAX_FFT_SIZE * 2, &mut out), quanta);
        assert_eq!(out.len(), MAX_FFT_SIZE);
    }

    #[test]
    fn a_closed_tap_takes_no_subscribers() {
        let tap = AudioTap::new();
        let seen = Arc::new(AtomicU64::new(0));
        let s = seen.clone();
        let token = tap.subscribe(move |b| {
            s.fetch_add(b.samples.len() as u64, Ordering::Relaxed);
        });
        assert!(token.is_some());
        tap.push(&AudioBlock { rate: 48000, channels: 2, samples: &[0.0; 256] });
        assert_eq!(seen.load(Ordering::Relaxed), 256);
        tap.close();
        assert!(!tap.has_subscribers());
        assert!(tap.subscribe(|_| {}).is_none());
    }
}

//! One context's audio graph and its rendering, a render quantum at a time
//! (<https://webaudio.github.io/web-audio-api/#rendering-loop>).
//!
//! Nodes are rendered in an order where every node comes after the nodes feeding it (its
//! inputs and its params' inputs). A `DelayNode` in a cycle breaks it: its output is read from
//! what it kept of earlier quanta (its delay is at least one render quantum there, as the
//! standard says) and its input is written after every node has rendered. A cycle without a
//! `DelayNode` is muted at the connection that closes it, as "cycles that do not contain any
//! DelayNode" are.

use std::collections::HashMap;
use std::f64::consts::PI;

use media_traits::webaudio::{
    AudioBlock, AudioEvent, AutomationRate, ChannelConfig, ChannelInterpretation, ContextCommand, NodeId, NodeKind,
    OscillatorType, ParamInit, ParamSlot, ParamValue, RENDER_QUANTUM_SIZE, Target,
};

use media_traits::biquad::{self, BiquadFilterType};

use crate::buffersource::BufferPlayer;
use crate::effects::{Compressor, Convolver, Iir, ScriptProcessor, WaveShaper};

use crate::mix::{Block, computed_channels, mix_into, silence};
use crate::oscillator::{CustomWave, Tables, lookup};
use crate::param::Timeline;

const N: usize = RENDER_QUANTUM_SIZE;

struct Param {
    slot: ParamSlot,
    timeline: Timeline,
    min: f32,
    max: f32,
    rate: AutomationRate,
    current: ParamValue,
    inputs: Vec<(NodeId, u32)>,
}

enum Kind {
    Destination,
    Oscillator {
        waveform: OscillatorType,
        phase: f64,
        custom: Option<Box<CustomWave>>,
    },
    Gain,
    ConstantSource,
    StreamDestination {
        tap: media_traits::webaudio::AudioTap,
        interleaved: Vec<f32>,
    },
    BufferSource(Box<BufferPlayer>),
    Analyser {
        probe: media_traits::webaudio::AnalyserProbe,
    },
    /// Per channel: x[n−1], x[n−2], y[n−1], y[n−2].
    Biquad {
        filter: BiquadFilterType,
        state: Vec<[f64; 4]>,
    },
    StereoPanner,
    /// `ChannelSplitterNode`: output i is channel i of the input.
    Splitter {
        outputs: u32,
    },
    /// `ChannelMergerNode`: channel i of the output is input i, down-mixed to mono.
    Merger {
        inputs: u32,
    },
    /// Per channel, a ring of the last `ring_len` input frames; `write` is where the next
    /// quantum's first frame goes. `in_cycle`: the node breaks a cycle this quantum (its input is
    /// written after the quantum).
    Delay {
        rings: Vec<Vec<f32>>,
        ring_len: usize,
        write: usize,
        in_cycle: bool,
    },
    StreamSource {
        input: media_traits::webaudio::StreamInput,
        channels: usize,
        enabled: media_traits::recorder::EnabledFlag,
        live: media_traits::recorder::EnabledFlag,
        phase: f64,
    },
    ScriptProcessor(Box<ScriptProcessor>),
    WaveShaper(Box<WaveShaper>),
    /// Params: threshold, knee, ratio, attack, release (k-rate).
    Compressor(Box<Compressor>),
    Iir(Box<Iir>),
    Convolver(Box<Convolver>),
    /// The context's `AudioListener` (params positionX…upZ, output: their values).
    Listener,
    /// `PannerNode` (params positionX…orientationZ), reading `listener`'s output.
    Panner {
        listener: NodeId,
        settings: media_traits::webaudio::PannerSettings,
    },
}

struct Node {
    kind: Kind,
    channels: ChannelConfig,
    /// Connections into input 0 (from a node's output).
    inputs: Vec<(NodeId, u32)>,
    /// Connections into inputs 1, 2, … (a `ChannelMergerNode`'s).
    more_inputs: Vec<Vec<(NodeId, u32)>>,
    params: Vec<Param>,
    /// start(when) / stop(when) of a scheduled source.
    start: Option<f64>,
    stop: Option<f64>,
}

impl Node {
    fn is_source(&self) -> bool {
        matches!(self.kind, Kind::Oscillator { .. } | Kind::ConstantSource | Kind::BufferSource(_))
    }

    fn buffer_player(&mut self) -> Option<&mut BufferPlayer> {
        match &mut self.kind {
            Kind::BufferSource(player) => Some(player),
            _ => None,
        }
    }

    fn param_mut(&mut self, slot: ParamSlot) -> Option<&mut Param> {
        self.params.iter_mut().find(|p| p.slot == slot)
    }

    fn dependencies(&self) -> impl Iterator<Item = NodeId> + '_ {
        // A delay that breaks a cycle does not wait for its input (written after the quantum).
        let breaks_cycle = matches!(self.kind, Kind::Delay { in_cycle: true, .. });
        let inputs = if breaks_cycle { &[][..] } else { &self.inputs[..] };
        // A panner renders after the listener whose params it reads.
        let listener = match self.kind {
            Kind::Panner { listener, .. } => Some(listener),
            _ => None,
        };
        inputs
            .iter()
            .chain(self.more_inputs.iter().flatten())
            .map(|(n, _)| *n)
            .chain(self.params.iter().flat_map(|p| p.inputs.iter().map(|(n, _)| *n)))
            .chain(listener)
    }
}

/// A context's graph.
pub struct Graph {
    sample_rate: f32,
    nodes: HashMap<NodeId, Node>,
    tables: Tables,
    /// [[current frame]]: frames rendered so far.
    frame: u64,
    /// An offline context's destination input, per channel, while it renders.
    recording: Option<Vec<Vec<f32>>>,
    /// The connections changed since the delays in cycles were last found.
    topology_changed: bool,
    /// Events for script made by the last render quanta (`audioprocess` hand-offs).
    events: Vec<AudioEvent>,
    /// How long a `ScriptProcessorNode` may wait for script's answer when it is due: zero in
    /// real time, some seconds while an offline context renders.
    script_wait: std::time::Duration,
}

impl Graph {
    /// An empty graph at `sample_rate`.
    pub fn new(sample_rate: f32) -> Graph {
        Graph {
            sample_rate,
            nodes: HashMap::new(),
            tables: Tables::default(),
            frame: 0,
            recording: None,
            topology_changed: true,
            events: Vec::new(),
            script_wait: std::time::Duration::ZERO,
        }
    }

    /// How long a `ScriptProcessorNode` waits for script's answer to a buffer when that answer
    /// is due (zero: never).
    pub fn set_script_wait(&mut self, wait: std::time::Duration) {
        self.script_wait = wait;
    }

    /// The events for script the quanta rendered since the last call made.
    pub fn take_events(&mut self) -> Vec<AudioEvent> {
        std::mem::take(&mut self.events)
    }

    /// From now on the destination's input is kept, mixed to `channels` channels.
    pub fn start_recording(&mut self, channels: u32) {
        self.recording = Some(vec![Vec::new(); channels as usize]);
    }

    /// What the destination received since [`Self::start_recording`], cut to `length` frames.
    pub fn take_recording(&mut self, length: usize) -> Vec<Vec<f32>> {
        let mut channels = self.recording.take().unwrap_or_default();
        for c in channels.iter_mut() {
            c.resize(length, 0.0);
        }
        channels
    }

    /// Frames rendered so far.
    pub fn frame(&self) -> u64 {
        self.frame
    }

    /// Applies a graph command (not the control messages, which the thread handles).
    pub fn apply(&mut self, command: ContextCommand) {
        if matches!(
            command,
            ContextCommand::CreateNode { .. } | ContextCommand::Connect { .. } | ContextCommand::Disconnect { .. }
        ) {
            self.topology_changed = true;
        }
        match command {
            ContextCommand::CreateNode { node, kind, channels, params } => {
                let kind = match kind {
                    NodeKind::Destination => Kind::Destination,
                    NodeKind::Oscillator { waveform } => Kind::Oscillator { waveform, phase: 0.0, custom: None },
                    NodeKind::Gain => Kind::Gain,
                    NodeKind::ConstantSource => Kind::ConstantSource,
                    NodeKind::StreamDestination { tap } => Kind::StreamDestination { tap, interleaved: Vec::new() },
                    NodeKind::BufferSource => Kind::BufferSource(Box::default()),
                    NodeKind::Analyser { probe } => Kind::Analyser { probe },
                    NodeKind::Biquad { filter } => Kind::Biquad { filter, state: Vec::new() },
                    NodeKind::StereoPanner => Kind::StereoPanner,
                    NodeKind::Splitter { outputs } => Kind::Splitter { outputs: outputs.max(1) },
                    NodeKind::Merger { inputs } => Kind::Merger { inputs: inputs.max(1) },
                    NodeKind::Delay { max_delay } => {
                        // Room for the longest delay (at least a quantum, the least in a cycle)
                        // behind the last frame of a quantum.
                        let frames = (max_delay * self.sample_rate as f64).ceil() as usize;
                        Kind::Delay { rings: Vec::new(), ring_len: frames.max(N) + N + 2, write: 0, in_cycle: false }
                    }
                    NodeKind::StreamSource { input, channels, enabled, live } => {
                        Kind::StreamSource { input, channels: channels.max(1) as usize, enabled, live, phase: 0.0 }
                    }
                    NodeKind::ScriptProcessor { buffer_size, inputs, outputs, port } => {
                        Kind::ScriptProcessor(Box::new(ScriptProcessor::new(node, buffer_size, inputs, outputs, port)))
                    }
                    NodeKind::WaveShaper { curve, oversample } => {
                        Kind::WaveShaper(Box::new(WaveShaper::new(curve, oversample)))
                    }
                    NodeKind::Compressor { reduction } => {
                        Kind::Compressor(Box::new(Compressor::new(reduction, self.sample_rate)))
                    }
                    NodeKind::Convolver { buffer, normalize } => {
                        Kind::Convolver(Box::new(Convolver::new(buffer, normalize)))
                    }
                    NodeKind::IirFilter { feedforward, feedback } => {
                        Kind::Iir(Box::new(Iir::new(&feedforward, &feedback)))
                    }
                    NodeKind::Listener => Kind::Listener,
                    NodeKind::Panner { listener, settings } => Kind::Panner { listener, settings },
                };
                let params = params.into_iter().map(Param::new).collect();
                self.nodes.insert(
                    node,
                    Node {
                        kind,
                        channels,
                        inputs: Vec::new(),
                        more_inputs: Vec::new(),
                        params,
                        start: None,
                        stop: None,
                    },
                );
            }
            ContextCommand::Connect { from, output, to } => {
                let Some(list) = self.input_list(to) else { return };
                if !list.contains(&(from, output)) {
                    list.push((from, output));
                }
            }
            ContextCommand::Disconnect { from, output, to } => {
                if let Some(list) = self.input_list(to) {
                    list.retain(|c| *c != (from, output));
                }
            }
            ContextCommand::SetChannels { node, channels } => {
                if let Some(n) = self.node(node) {
                    n.channels = channels;
                }
            }
            ContextCommand::Automate { node, param, event } => {
                if let Some(p) = self.node(node).and_then(|n| n.param_mut(param)) {
                    p.timeline.insert(event);
                }
            }
            ContextCommand::SetAutomationRate { node, param, rate } => {
                if let Some(p) = self.node(node).and_then(|n| n.param_mut(param)) {
                    p.rate = rate;
                }
            }
            ContextCommand::SetPanner { node, settings: new } => {
                if let Some(Node { kind: Kind::Panner { settings, .. }, .. }) = self.node(node) {
                    *settings = new;
                }
            }
            ContextCommand::SetOscillatorType { node, waveform: w } => {
                if let Some(Node { kind: Kind::Oscillator { waveform, custom, .. }, .. }) = self.node(node) {
                    *waveform = w;
                    *custom = None;
                }
            }
            ContextCommand::SetCurve { node, curve } => {
                if let Some(Node { kind: Kind::WaveShaper(shaper), .. }) = self.node(node) {
                    shaper.curve = curve;
                }
            }
            ContextCommand::SetConvolverBuffer { node, buffer, normalize } => {
                if let Some(Node { kind: Kind::Convolver(convolver), .. }) = self.node(node) {
                    convolver.set_buffer(buffer, normalize);
                }
            }
            ContextCommand::SetOverSample { node, oversample } => {
                if let Some(Node { kind: Kind::WaveShaper(shaper), .. }) = self.node(node) {
                    shaper.oversample = oversample;
                }
            }
            ContextCommand::SetBiquadType { node, filter: f } => {
                if let Some(Node { kind: Kind::Biquad { filter, .. }, .. }) = self.node(node) {
                    *filter = f;
                }
            }
            ContextCommand::SetPeriodicWave { node, wave } => {
                if let Some(Node { kind: Kind::Oscillator { custom, .. }, .. }) = self.node(node) {
                    *custom = Some(Box::new(CustomWave::new(wave)));
                }
            }
            ContextCommand::Start { node, when } => {
                if let Some(n) = self.node(node) {
                    n.start = Some(when);
                }
            }
            ContextCommand::Stop { node, when } => {
                if let Some(n) = self.node(node) {
                    n.stop = Some(when);
                }
            }
            ContextCommand::SetBuffer { node, buffer } => {
                if let Some(player) = self.node(node).and_then(Node::buffer_player) {
                    player.buffer = buffer;
                }
            }
            ContextCommand::SetLoop { node, looping } => {
                if let Some(player) = self.node(node).and_then(Node::buffer_player) {
                    player.looping = looping;
                }
            }
            ContextCommand::StartBuffer { node, when, offset, duration } => {
                if let Some(n) = self.node(node) {
                    n.start = Some(when);
                    if let Some(player) = n.buffer_player() {
                        player.offset = offset;
                        player.duration = duration;
                    }
                }
            }
            ContextCommand::Resume { .. }
            | ContextCommand::Suspend { .. }
            | ContextCommand::Close { .. }
            | ContextCommand::RenderOffline { .. } => {}
        }
    }

    fn node(&mut self, id: NodeId) -> Option<&mut Node> {
        let node = self.nodes.get_mut(&id);
        if node.is_none() {
            // An ended source leaves the graph; later commands for it change nothing.
            log::debug!("web audio: node {id} is not in the graph; command dropped");
        }
        node
    }

    fn input_list(&mut self, to: Target) -> Option<&mut Vec<(NodeId, u32)>> {
        match to {
            Target::Node { node, input: 0 } => self.node(node).map(|n| &mut n.inputs),
            Target::Node { node, input } => self.node(node).map(|n| {
                let index = input as usize - 1;
                if n.more_inputs.len() <= index {
                    n.more_inputs.resize(index + 1, Vec::new());
                }
                &mut n.more_inputs[index]
            }),
            Target::Param { node, param } => self.node(node).and_then(|n| n.param_mut(param)).map(|p| &mut p.inputs),
        }
    }

    /// Whether an output of `id` is connected to a node or a param of the graph.
    fn feeds_anything(&self, id: NodeId) -> bool {
        self.nodes.values().any(|n| {
            n.inputs.iter().chain(n.more_inputs.iter().flatten()).any(|(from, _)| *from == id)
                || n.params.iter().any(|p| p.inputs.iter().any(|(from, _)| *from == id))
        })
    }

    /// Marks each `DelayNode` whose input depends on its own output (through inputs or params).
    fn mark_delays_in_cycles(&mut self) {
        let delays: Vec<NodeId> =
            self.nodes.iter().filter(|(_, n)| matches!(n.kind, Kind::Delay { .. })).map(|(id, _)| *id).collect();
        for delay in delays {
            let mut seen = std::collections::HashSet::new();
            let mut stack: Vec<NodeId> = self.nodes[&delay].inputs.iter().map(|(n, _)| *n).collect();
            let mut cycle = false;
            while let Some(id) = stack.pop() {
                if id == delay {
                    cycle = true;
                    break;
                }
                if !seen.insert(id) {
                    continue;
                }
                if let Some(node) = self.nodes.get(&id) {
                    stack.extend(node.inputs.iter().chain(node.more_inputs.iter().flatten()).map(|(n, _)| *n));
                    stack.extend(node.params.iter().flat_map(|p| p.inputs.iter().map(|(n, _)| *n)));
                }
            }
            if let Some(Node { kind: Kind::Delay { in_cycle, .. }, .. }) = self.nodes.get_mut(&delay) {
                *in_cycle = cycle;
            }
        }
    }

    /// Nodes in rendering order: each after the nodes it depends on; a dependency that would
    /// close a cycle is left out (read as silence).
    fn order(&self) -> Vec<NodeId> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            Visiting,
            Done,
        }
        let mut marks: HashMap<NodeId, Mark> = HashMap::new();
        let mut order = Vec::with_capacity(self.nodes.len());
        let mut ids: Vec<NodeId> = self.nodes.keys().copied().collect();
        ids.sort_unstable();
        for root in ids {
            if marks.contains_key(&root) {
                continue;
            }
            // Iterative depth-first search: (node, its dependencies not yet visited).
            let mut stack: Vec<(NodeId, Vec<NodeId>)> = Vec::new();
            marks.insert(root, Mark::Visiting);
            stack.push((root, self.nodes[&root].dependencies().collect()));
            while let Some((id, pending)) = stack.last_mut() {
                match pending.pop() {
                    Some(dep) => {
                        if self.nodes.contains_key(&dep) && !marks.contains_key(&dep) {
                            marks.insert(dep, Mark::Visiting);
                            let deps = self.nodes[&dep].dependencies().collect();
                            stack.push((dep, deps));
                        }
                    }
                    None => {
                        let id = *id;
                        marks.insert(id, Mark::Done);
                        order.push(id);
                        stack.pop();
                    }
                }
            }
        }
        order
    }

    /// Renders one quantum; returns the scheduled sources that stopped playing in it (their
    /// `ended` is due), which leave the graph.
    pub fn render_quantum(&mut self) -> Vec<NodeId> {
        let sr = self.sample_rate as f64;
        let t0 = self.frame as f64 / sr;
        let times: Vec<f64> = (0..N).map(|i| (self.frame + i as u64) as f64 / sr).collect();
        // Each node's output blocks, by (node, output index).
        let mut outputs: HashMap<(NodeId, u32), Block> = HashMap::with_capacity(self.nodes.len());
        let mut ended = Vec::new();
        // Which delays break a cycle changes only with the connections.
        if std::mem::take(&mut self.topology_changed) {
            self.mark_delays_in_cycles();
        }
        let mut delayed_writes: Vec<NodeId> = Vec::new();
        for id in self.order() {
            let Some(mut node) = self.nodes.remove(&id) else { continue };
            let param_values: Vec<[f32; N]> = node.params.iter().map(|p| param_values(p, &times, &outputs)).collect();
            let input = mix_input(&node.channels, &node.inputs, &outputs);
            // Outputs after the first (a `ChannelSplitterNode`'s).
            let mut more_outputs: Vec<Block> = Vec::new();
            let out = match &mut node.kind {
                Kind::Gain => {
                    let mut out = input;
                    for ch in out.iter_mut() {
                        for (s, g) in ch.iter_mut().zip(param_values[0].iter()) {
                            *s *= g;
                        }
                    }
                    Some(out)
                }
                Kind::Oscillator { waveform, phase, custom } => {
                    let (frequency, detune) = (&param_values[0], &param_values[1]);
                    let nyquist = self.sample_rate / 2.0;
                    let mut out = [0f32; N];
                    let mut table = None;
                    for i in 0..N {
                        if !playing(node.start, node.stop, times[i]) {
                            continue;
                        }
                        // computedOscFrequency = frequency · 2^(detune/1200), within ±Nyquist.
                        let f = (frequency[i] * 2f32.powf(detune[i] / 1200.0)).clamp(-nyquist, nyquist);
                        out[i] = match *waveform {
                            _ if custom.is_some() => {
                                let t = table.get_or_insert_with(|| {
                                    custom.as_mut().map(|c| c.table(f, self.sample_rate)).unwrap_or_default()
                                });
                                lookup(t, *phase)
                            }
                            OscillatorType::Sine => (2.0 * PI * *phase).sin() as f32,
                            w => {
                                let t = table.get_or_insert_with(|| self.tables.table(w, f, self.sample_rate)).clone();
                                lookup(&t, *phase)
                            }
                        };
                        *phase = (*phase + f as f64 / sr).rem_euclid(1.0);
                    }
                    Some(vec![out])
                }
                Kind::ConstantSource => {
                    let mut out = [0f32; N];
                    for i in 0..N {
                        if playing(node.start, node.stop, times[i]) {
                            out[i] = param_values[0][i];
                        }
                    }
                    Some(vec![out])
                }
                Kind::Destination => {
                    if let Some(recording) = &mut self.recording {
                        for (kept, channel) in recording.iter_mut().zip(input.iter()) {
                            kept.extend_from_slice(channel);
                        }
                    }
                    None
                }
                Kind::BufferSource(player) => {
                    let playing: Vec<bool> = times.iter().map(|t| playing(node.start, node.stop, *t)).collect();
                    Some(player.render(&playing, param_values[0][0], param_values[1][0], self.sample_rate))
                }
                Kind::Biquad { filter, state } => {
                    // <https://webaudio.github.io/web-audio-api/#BiquadFilterNode>: one filter per
                    // input channel, the output has the input's channel count. The four params are
                    // a-rate: the coefficients follow them sample by sample while they change.
                    let [frequency, detune, q, gain] = [0, 1, 2, 3].map(|k| &param_values[k]);
                    let steady = [frequency, detune, q, gain].iter().all(|v| v.iter().all(|x| *x == v[0]));
                    let at = |i: usize| {
                        biquad::coefficients(
                            *filter,
                            sr,
                            f64::from(frequency[i]),
                            f64::from(detune[i]),
                            f64::from(q[i]),
                            f64::from(gain[i]),
                        )
                    };
                    let mut out = input;
                    state.resize(out.len(), [0.0; 4]);
                    let mut c = at(0);
                    for i in 0..N {
                        if !steady && i > 0 {
                            c = at(i);
                        }
                        for (channel, [x1, x2, y1, y2]) in out.iter_mut().zip(state.iter_mut()) {
                            let x = f64::from(channel[i]);
                            let mut y = c.b0 * x + c.b1 * *x1 + c.b2 * *x2 - c.a1 * *y1 - c.a2 * *y2;
                            // A decaying tail ends in exact silence rather than denormals.
                            if y.abs() < 1e-30 {
                                y = 0.0;
                            }
                            (*x2, *x1, *y2, *y1) = (*x1, x, *y1, y);
                            channel[i] = y as f32;
                        }
                    }
                    Some(out)
                }
                Kind::Splitter { outputs: count } => {
                    // <https://webaudio.github.io/web-audio-api/#ChannelSplitterNode>: the input
                    // (channelCount = numberOfOutputs, "explicit", "discrete") is split into
                    // mono outputs; an output past the input's channels is silent.
                    let mut blocks = (0..*count as usize).map(|c| {
                        let mut mono = silence(1);
                        if let Some(channel) = input.get(c) {
                            mono[0].copy_from_slice(channel);
                        }
                        mono
                    });
                    let first = blocks.next();
                    more_outputs.extend(blocks);
                    first
                }
                Kind::Merger { inputs: count } => {
                    // <https://webaudio.github.io/web-audio-api/#ChannelMergerNode>: each input
                    // is down-mixed to mono (channelCount 1, "explicit") and becomes one channel
                    // of the output, which has numberOfInputs channels (an unconnected input is
                    // a silent channel).
                    let mut out = silence(*count as usize);
                    if let (Some(channel), Some(mono)) = (out.first_mut(), input.first()) {
                        channel.copy_from_slice(mono);
                    }
                    for (i, channel) in out.iter_mut().enumerate().skip(1) {
                        let connections = node.more_inputs.get(i - 1).map_or(&[][..], |v| &v[..]);
                        if let Some(mono) = mix_input(&node.channels, connections, &outputs).first() {
                            channel.copy_from_slice(mono);
                        }
                    }
                    Some(out)
                }
                Kind::Delay { rings, ring_len, write, in_cycle } => {
                    // <https://webaudio.github.io/web-audio-api/#DelayNode>: the output is the
                    // input delayed by delayTime (a-rate), read between frames by linear
                    // interpolation; in a cycle the delay is at least one render quantum. The
                    // output keeps the channels the node has seen, so that the tail of a louder
                    // input plays out.
                    let len = *ring_len;
                    let sr = self.sample_rate as f64;
                    if !*in_cycle {
                        write_delay_input(rings, len, *write, &input);
                    }
                    let min_frames = if *in_cycle { N as f64 } else { 0.0 };
                    let max_frames = (len - N - 2) as f64;
                    let mut out = silence(rings.len().max(1));
                    for (c, ring) in rings.iter().enumerate() {
                        for i in 0..N {
                            let d = (param_values[0][i] as f64 * sr).clamp(min_frames, max_frames.max(min_frames));
                            let position = (*write + i) as f64 - d;
                            let base = position.floor();
                            let frac = (position - base) as f32;
                            let at = |k: f64| ring[(k.rem_euclid(len as f64)) as usize];
                            let (a, b) = (at(base), at(base + 1.0));
                            out[c][i] = if frac == 0.0 { a } else { a + (b - a) * frac };
                        }
                    }
                    if *in_cycle {
                        delayed_writes.push(id);
                    } else {
                        *write = (*write + N) % len;
                    }
                    Some(out)
                }
                Kind::Listener => Some(param_values.to_vec()),
                Kind::Panner { listener, settings } => {
                    let p = &param_values;
                    Some(crate::panner::render(
                        &input,
                        [&p[0], &p[1], &p[2]],
                        [&p[3], &p[4], &p[5]],
                        outputs.get(&(*listener, 0)),
                        settings,
                    ))
                }
                Kind::StereoPanner => {
                    // <https://webaudio.github.io/web-audio-api/#stereopanner-algorithm>: equal-power
                    // panning of a mono input, or of a stereo input toward one side; the input has
                    // one or two channels (channelCount ≤ 2, never "max"), the output two.
                    let pan = &param_values[0];
                    let mut out = silence(2);
                    for i in 0..N {
                        let p = pan[i].clamp(-1.0, 1.0);
                        let (left, right) = if input.len() == 1 {
                            let x = (p + 1.0) / 2.0;
                            let (gain_l, gain_r) =
                                ((x * std::f32::consts::FRAC_PI_2).cos(), (x * std::f32::consts::FRAC_PI_2).sin());
                            (input[0][i] * gain_l, input[0][i] * gain_r)
                        } else {
                            let x = if p <= 0.0 { p + 1.0 } else { p };
                            let (gain_l, gain_r) =
                                ((x * std::f32::consts::FRAC_PI_2).cos(), (x * std::f32::consts::FRAC_PI_2).sin());
                            let (l, r) = (input[0][i], input[1][i]);
                            if p <= 0.0 { (l + r * gain_l, r * gain_r) } else { (l * gain_l, r + l * gain_r) }
                        };
                        out[0][i] = left;
                        out[1][i] = right;
                    }
                    Some(out)
                }
                Kind::ScriptProcessor(processor) => {
                    // <https://webaudio.github.io/web-audio-api/#ScriptProcessorNode>: "audioprocess
                    // events are only dispatched if the ScriptProcessorNode has at least one input
                    // or one output connected."
                    let connected = !node.inputs.is_empty() || self.feeds_anything(id);
                    let frame_end = self.frame + N as u64;
                    let (out, event) =
                        processor.process(&input, connected, self.script_wait, frame_end, self.sample_rate);
                    self.events.extend(event);
                    if processor.gave_up_waiting {
                        // Script did not answer in time: the rest of this rendering does not
                        // wait for it again (it would hold the render thread for every buffer).
                        self.script_wait = std::time::Duration::ZERO;
                    }
                    Some(out)
                }
                Kind::WaveShaper(shaper) => {
                    // <https://webaudio.github.io/web-audio-api/#WaveShaperNode>: "The number of
                    // channels of the output always equals the number of channels of the input."
                    let mut out = input;
                    shaper.process(&mut out);
                    Some(out)
                }
                Kind::Compressor(compressor) => {
                    // <https://webaudio.github.io/web-audio-api/#DynamicsCompressorNode>: five
                    // k-rate params, sampled at the quantum's first frame.
                    let params = [0, 1, 2, 3, 4].map(|k| param_values.get(k).map_or(0.0, |v| v[0]));
                    Some(compressor.process(&input, params, self.sample_rate))
                }
                Kind::Convolver(convolver) => Some(convolver.process(&input)),
                Kind::Iir(filter) => {
                    // <https://webaudio.github.io/web-audio-api/#IIRFilterNode>: "The number of
                    // channels of the output always equals the number of channels of the input."
                    let mut out = input;
                    filter.process(&mut out);
                    Some(out)
                }
                Kind::Analyser { probe } => {
                    // <https://webaudio.github.io/web-audio-api/#AnalyserNode>: "the input signal
                    // is down-mixed to mono as if channelCount is 1, channelCountMode is
                    // "explicit", and channelInterpretation is "speakers""; the input passes
                    // through unchanged.
                    let mut mono = silence(1);
                    mix_into(&mut mono, &input, ChannelInterpretation::Speakers);
                    probe.push_quantum(&mono[0]);
                    Some(input)
                }
                Kind::StreamSource { input, channels, enabled, live, phase } => {
                    // <https://webaudio.github.io/web-audio-api/#MediaStreamAudioSourceNode>: the
                    // track's audio; "a muted or disabled MediaStreamTrack renders silence"
                    // (Media Capture and Streams).
                    let audible = enabled.get() && live.get();
                    let mut out = silence(*channels);
                    match input {
                        media_traits::webaudio::StreamInput::Tone { frequency, amplitude } => {
                            for sample in out[0].iter_mut() {
                                if audible {
                                    *sample = *amplitude * (2.0 * PI * *phase).sin() as f32;
                                }
                                *phase = (*phase + *frequency as f64 / sr).rem_euclid(1.0);
                            }
                            for c in 1..out.len() {
                                out[c] = out[0];
                            }
                        }
                        media_traits::webaudio::StreamInput::Queue(queue) => {
                            // Taken even while silent, so the queue does not grow stale.
                            queue.pop_into(&mut out);
                            if !audible {
                                out = silence(*channels);
                            }
                        }
                        media_traits::webaudio::StreamInput::Silence => {}
                    }
                    Some(out)
                }
                Kind::StreamDestination { tap, interleaved } => {
                    if tap.has_subscribers() {
                        let channels = input.len();
                        interleaved.clear();
                        interleaved.reserve(N * channels);
                        for i in 0..N {
                            interleaved.extend(input.iter().map(|ch| ch[i]));
                        }
                        tap.push(&AudioBlock {
                            rate: self.sample_rate as u32,
                            channels: channels as u32,
                            samples: interleaved,
                        });
                    }
                    None
                }
            };
            if let Some(out) = out {
                outputs.insert((id, 0), out);
            }
            for (index, block) in more_outputs.into_iter().enumerate() {
                outputs.insert((id, index as u32 + 1), block);
            }
            let quantum_end = t0 + N as f64 / sr;
            let finished = matches!(&node.kind, Kind::BufferSource(p) if p.finished);
            let done = node.is_source()
                && (finished
                    || match (node.start, node.stop) {
                        (Some(start), Some(stop)) => stop.max(start) < quantum_end,
                        _ => false,
                    });
            if done {
                ended.push(id);
                self.topology_changed = true;
            } else {
                self.nodes.insert(id, node);
            }
        }
        // The delays that broke a cycle take their input now that every node has rendered.
        for id in delayed_writes {
            let Some(node) = self.nodes.get_mut(&id) else { continue };
            let input = mix_input(&node.channels, &node.inputs, &outputs);
            if let Kind::Delay { rings, ring_len, write, .. } = &mut node.kind {
                write_delay_input(rings, *ring_len, *write, &input);
                *write = (*write + N) % *ring_len;
            }
        }
        for node in self.nodes.values_mut() {
            for p in node.params.iter_mut() {
                p.timeline.forget_before(t0);
            }
        }
        self.frame += N as u64;
        ended
    }
}

impl Param {
    fn new(init: ParamInit) -> Param {
        Param {
            slot: init.slot,
            timeline: Timeline::new(init.value),
            min: init.min,
            max: init.max,
            rate: init.rate,
            current: init.current,
            inputs: Vec::new(),
        }
    }
}

/// Writes a quantum of `input` into a delay's rings at `write` (a ring is added, silent, for each
/// channel the input has beyond them; channels the input lacks get silence).
fn write_delay_input(rings: &mut Vec<Vec<f32>>, len: usize, write: usize, input: &Block) {
    while rings.len() < input.len() {
        rings.push(vec![0.0; len]);
    }
    for (c, ring) in rings.iter_mut().enumerate() {
        for i in 0..N {
            ring[(write + i) % len] = input.get(c).map_or(0.0, |ch| ch[i]);
        }
    }
}

/// Whether a scheduled source plays at time `t`: from its start (inclusive) to its stop
/// (exclusive).
fn playing(start: Option<f64>, stop: Option<f64>, t: f64) -> bool {
    start.is_some_and(|s| t >= s) && stop.is_none_or(|s| t < s)
}

/// The input of a node: its connections mixed to its computed number of channels.
fn mix_input(config: &ChannelConfig, inputs: &[(NodeId, u32)], outputs: &HashMap<(NodeId, u32), Block>) -> Block {
    let connected: Vec<&Block> = inputs.iter().filter_map(|c| outputs.get(c)).collect();
    let max = connected.iter().map(|b| b.len()).max();
    let mut mixed = silence(computed_channels(config, max));
    for b in connected {
        mix_into(&mut mixed, b, config.interpretation);
    }
    mixed
}

/// The param's computed values for the quantum: its timeline's value (every frame for a-rate,
/// the first frame's for k-rate) plus its inputs mixed down to mono, clamped to its nominal
/// range; the first is its new [[current value]].
fn param_values(p: &Param, times: &[f64], outputs: &HashMap<(NodeId, u32), Block>) -> [f32; N] {
    let mut values = [0f32; N];
    match p.rate {
        AutomationRate::ARate => {
            for (v, t) in values.iter_mut().zip(times) {
                *v = p.timeline.value_at(*t);
            }
        }
        AutomationRate::KRate => values = [p.timeline.value_at(times[0]); N],
    }
    if !p.inputs.is_empty() {
        let mut input = silence(1);
        for c in &p.inputs {
            if let Some(b) = outputs.get(c) {
                mix_into(&mut input, b, ChannelInterpretation::Speakers);
            }
        }
        match p.rate {
            AutomationRate::ARate => values.iter_mut().zip(input[0].iter()).for_each(|(v, i)| *v += i),
            AutomationRate::KRate => values.iter_mut().for_each(|v| *v += input[0][0]),
        }
    }
    for v in values.iter_mut() {
        *v = v.clamp(p.min, p.max);
    }
    p.current.set(values[0]);
    values
}

/// Applies `event` to the param `slot` of `node` (tests).
#[cfg(test)]
pub fn automate(graph: &mut Graph, node: NodeId, slot: ParamSlot, event: media_traits::webaudio::AutomationEvent) {
    graph.apply(ContextCommand::Automate { node, param: slot, event });
}

//! Rendering checked against values computed here from the formulas (not read back from the
//! code under test).

use std::f64::consts::PI;
use std::sync::{Arc, Mutex};

use media_traits::webaudio::{
    AudioTap, AutomationEvent, AutomationRate, ChannelConfig, ChannelCountMode, ChannelInterpretation, ContextCommand,
    NodeKind, OscillatorType, ParamInit, ParamSlot, ParamValue, Target,
};

use crate::graph::Graph;

const SPEAKERS_2: ChannelConfig =
    ChannelConfig { count: 2, mode: ChannelCountMode::Explicit, interpretation: ChannelInterpretation::Speakers };
const MAX_2: ChannelConfig =
    ChannelConfig { count: 2, mode: ChannelCountMode::Max, interpretation: ChannelInterpretation::Speakers };

fn param(slot: ParamSlot, value: f32) -> ParamInit {
    ParamInit { slot, value, min: -1e9, max: 1e9, rate: AutomationRate::ARate, current: ParamValue::new(value) }
}

/// A graph with a recording stream destination (node 1); returns the samples it gets (left
/// channel).
fn graph(rate: f32) -> (Graph, Arc<Mutex<Vec<f32>>>) {
    let mut g = Graph::new(rate);
    let tap = AudioTap::new();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    tap.subscribe(move |b| {
        let mut s = s.lock().unwrap();
        s.extend(b.samples.chunks(b.channels as usize).map(|f| f[0]));
    });
    g.apply(ContextCommand::CreateNode {
        node: 1,
        kind: NodeKind::StreamDestination { tap },
        channels: SPEAKERS_2,
        params: vec![],
    });
    (g, seen)
}

fn oscillator(g: &mut Graph, node: u64, waveform: OscillatorType, frequency: f32) {
    g.apply(ContextCommand::CreateNode {
        node,
        kind: NodeKind::Oscillator { waveform },
        channels: MAX_2,
        params: vec![param(ParamSlot::Frequency, frequency), param(ParamSlot::Detune, 0.0)],
    });
}

fn constant(g: &mut Graph, node: u64, offset: f32) {
    g.apply(ContextCommand::CreateNode {
        node,
        kind: NodeKind::ConstantSource,
        channels: MAX_2,
        params: vec![param(ParamSlot::Offset, offset)],
    });
}

fn connect(g: &mut Graph, from: u64, to: u64) {
    g.apply(ContextCommand::Connect { from, output: 0, to: Target::Node { node: to, input: 0 } });
}

fn render(g: &mut Graph, quanta: usize) -> Vec<u64> {
    (0..quanta).flat_map(|_| g.render_quantum()).collect()
}

#[test]
fn sine_oscillator_matches_sin() {
    let (mut g, out) = graph(48000.0);
    oscillator(&mut g, 2, OscillatorType::Sine, 440.0);
    connect(&mut g, 2, 1);
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    render(&mut g, 10);
    let out = out.lock().unwrap();
    assert_eq!(out.len(), 1280);
    for (i, v) in out.iter().enumerate() {
        let expected = (2.0 * PI * 440.0 * i as f64 / 48000.0).sin();
        assert!((*v as f64 - expected).abs() < 1e-4, "frame {i}: {v} vs {expected}");
    }
}

/// Σ b[k] sin(2πkx) over the partials below Nyquist, normalized by its peak on a fine grid.
fn fourier(b: impl Fn(f64) -> f64, partials: u32) -> impl Fn(f64) -> f64 {
    let raw = move |x: f64| (1..=partials).map(|k| b(k as f64) * (2.0 * PI * k as f64 * x).sin()).sum::<f64>();
    let peak = (0..20000).map(|i| raw(i as f64 / 20000.0).abs()).fold(0.0, f64::max);
    move |x| raw(x) / peak
}

#[test]
fn square_sawtooth_and_triangle_follow_their_fourier_series() {
    // 1000 Hz at 48 kHz: 24 partials fit below Nyquist.
    let cases: [(OscillatorType, Box<dyn Fn(f64) -> f64>); 3] = [
        (OscillatorType::Square, Box::new(|k: f64| if k as u32 % 2 == 1 { 4.0 / (k * PI) } else { 0.0 })),
        (OscillatorType::Sawtooth, Box::new(|k: f64| if k as u32 % 2 == 1 { 2.0 } else { -2.0 } / (k * PI))),
        (
            OscillatorType::Triangle,
            Box::new(|k: f64| match k as u32 % 4 {
                1 => 8.0 / (PI * k).powi(2),
                3 => -8.0 / (PI * k).powi(2),
                _ => 0.0,
            }),
        ),
    ];
    for (waveform, b) in cases {
        let (mut g, out) = graph(48000.0);
        oscillator(&mut g, 2, waveform, 1000.0);
        connect(&mut g, 2, 1);
        g.apply(ContextCommand::Start { node: 2, when: 0.0 });
        render(&mut g, 2);
        let expected = fourier(b, 24);
        let out = out.lock().unwrap();
        for (i, v) in out.iter().enumerate() {
            let e = expected(i as f64 * 1000.0 / 48000.0);
            assert!((*v as f64 - e).abs() < 2e-3, "{waveform:?} frame {i}: {v} vs {e}");
        }
        // The peak is 1 (normalization).
        let peak = out.iter().fold(0f32, |m, v| m.max(v.abs()));
        assert!((peak - 1.0).abs() < 0.01, "{waveform:?} peak {peak}");
    }
}

#[test]
fn gain_scales_and_mono_upmixes_to_both_channels() {
    let mut g = Graph::new(8000.0);
    let tap = AudioTap::new();
    let frames = Arc::new(Mutex::new(Vec::new()));
    let f = frames.clone();
    tap.subscribe(move |b| {
        assert_eq!(b.channels, 2);
        f.lock().unwrap().extend_from_slice(b.samples);
    });
    g.apply(ContextCommand::CreateNode {
        node: 1,
        kind: NodeKind::StreamDestination { tap },
        channels: SPEAKERS_2,
        params: vec![],
    });
    constant(&mut g, 2, 0.5);
    g.apply(ContextCommand::CreateNode {
        node: 3,
        kind: NodeKind::Gain,
        channels: MAX_2,
        params: vec![param(ParamSlot::Gain, 0.25)],
    });
    connect(&mut g, 2, 3);
    connect(&mut g, 3, 1);
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    render(&mut g, 1);
    let frames = frames.lock().unwrap();
    assert_eq!(frames.len(), 256);
    assert!(frames.iter().all(|v| *v == 0.125), "{:?}", &frames[..4]);
}

#[test]
fn two_sources_into_one_input_are_summed() {
    let (mut g, out) = graph(8000.0);
    constant(&mut g, 2, 0.25);
    constant(&mut g, 3, 0.5);
    connect(&mut g, 2, 1);
    connect(&mut g, 3, 1);
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    g.apply(ContextCommand::Start { node: 3, when: 0.0 });
    render(&mut g, 1);
    assert!(out.lock().unwrap().iter().all(|v| *v == 0.75));
    // Disconnecting one leaves the other.
    g.apply(ContextCommand::Disconnect { from: 3, output: 0, to: Target::Node { node: 1, input: 0 } });
    out.lock().unwrap().clear();
    render(&mut g, 1);
    assert!(out.lock().unwrap().iter().all(|v| *v == 0.25));
}

#[test]
fn start_and_stop_are_sample_accurate_and_end_the_source() {
    // At 12 800 Hz, 0.015 s is frame 192 and 0.025 s frame 320.
    let (mut g, out) = graph(12800.0);
    constant(&mut g, 2, 1.0);
    connect(&mut g, 2, 1);
    g.apply(ContextCommand::Start { node: 2, when: 0.015 });
    g.apply(ContextCommand::Stop { node: 2, when: 0.025 });
    assert!(render(&mut g, 2).is_empty(), "still playing at the end of frame 255");
    assert_eq!(render(&mut g, 1), vec![2], "ended within the third quantum");
    let out = out.lock().unwrap();
    let first = out.iter().position(|v| *v != 0.0);
    let last = out.iter().rposition(|v| *v != 0.0);
    assert_eq!(first, Some(192));
    assert_eq!(last, Some(319));
}

#[test]
fn a_source_never_started_is_silent() {
    let (mut g, out) = graph(8000.0);
    oscillator(&mut g, 2, OscillatorType::Sine, 100.0);
    connect(&mut g, 2, 1);
    render(&mut g, 3);
    assert!(out.lock().unwrap().iter().all(|v| *v == 0.0));
}

#[test]
fn a_rate_linear_ramp_on_offset() {
    // Offset ramps from 0 at t = 0 to 1 at t = 1 s (frame 8000): frame i has i/8000.
    let (mut g, out) = graph(8000.0);
    constant(&mut g, 2, 0.0);
    connect(&mut g, 2, 1);
    crate::graph::automate(&mut g, 2, ParamSlot::Offset, AutomationEvent::SetValue { value: 0.0, time: 0.0 });
    crate::graph::automate(
        &mut g,
        2,
        ParamSlot::Offset,
        AutomationEvent::LinearRamp { value: 1.0, time: 1.0, scheduled_at: 0.0 },
    );
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    render(&mut g, 4);
    for (i, v) in out.lock().unwrap().iter().enumerate() {
        assert!((*v as f64 - i as f64 / 8000.0).abs() < 1e-6, "frame {i}: {v}");
    }
}

#[test]
fn k_rate_param_holds_one_value_per_quantum() {
    let (mut g, out) = graph(8000.0);
    g.apply(ContextCommand::CreateNode {
        node: 2,
        kind: NodeKind::ConstantSource,
        channels: MAX_2,
        params: vec![ParamInit { rate: AutomationRate::KRate, ..param(ParamSlot::Offset, 0.0) }],
    });
    connect(&mut g, 2, 1);
    crate::graph::automate(
        &mut g,
        2,
        ParamSlot::Offset,
        AutomationEvent::LinearRamp { value: 1.0, time: 1.0, scheduled_at: 0.0 },
    );
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    render(&mut g, 2);
    let out = out.lock().unwrap();
    assert!(out[..128].iter().all(|v| *v == 0.0));
    // The second quantum holds the value at its first frame, 128/8000.
    assert!(out[128..].iter().all(|v| (*v as f64 - 128.0 / 8000.0).abs() < 1e-6));
}

#[test]
fn a_param_input_adds_to_its_value() {
    // A constant 100 into the frequency param of an oscillator at 0 Hz: a 100 Hz sine.
    let (mut g, out) = graph(8000.0);
    oscillator(&mut g, 2, OscillatorType::Sine, 0.0);
    constant(&mut g, 3, 100.0);
    g.apply(ContextCommand::Connect { from: 3, output: 0, to: Target::Param { node: 2, param: ParamSlot::Frequency } });
    connect(&mut g, 2, 1);
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    g.apply(ContextCommand::Start { node: 3, when: 0.0 });
    render(&mut g, 1);
    for (i, v) in out.lock().unwrap().iter().enumerate() {
        let e = (2.0 * PI * 100.0 * i as f64 / 8000.0).sin();
        assert!((*v as f64 - e).abs() < 1e-4, "frame {i}");
    }
}

#[test]
fn a_cycle_is_muted_not_hung() {
    let (mut g, out) = graph(8000.0);
    for n in [2, 3] {
        g.apply(ContextCommand::CreateNode {
            node: n,
            kind: NodeKind::Gain,
            channels: MAX_2,
            params: vec![param(ParamSlot::Gain, 1.0)],
        });
    }
    connect(&mut g, 2, 3);
    connect(&mut g, 3, 2);
    connect(&mut g, 3, 1);
    render(&mut g, 2);
    assert!(out.lock().unwrap().iter().all(|v| *v == 0.0));
}

fn delay(g: &mut Graph, node: u64, max_delay: f64, delay_time: f32) {
    let mut time = param(ParamSlot::DelayTime, delay_time);
    time.min = 0.0;
    time.max = max_delay as f32;
    g.apply(ContextCommand::CreateNode {
        node,
        kind: NodeKind::Delay { max_delay },
        channels: MAX_2,
        params: vec![time],
    });
}

fn gain_node(g: &mut Graph, node: u64, value: f32) {
    g.apply(ContextCommand::CreateNode {
        node,
        kind: NodeKind::Gain,
        channels: MAX_2,
        params: vec![param(ParamSlot::Gain, value)],
    });
}

#[test]
fn delay_shifts_its_input_by_whole_and_fractional_frames() {
    // A step (a constant 1 from frame 0) through delays of 10 and 200.5 frames: silence, then
    // the step; half-way at the fractional frame (linear interpolation).
    for (frames, rate) in [(10.0f64, 48000.0f32), (200.5, 44100.0)] {
        let (mut g, out) = graph(rate);
        constant(&mut g, 2, 1.0);
        delay(&mut g, 3, 1.0, (frames / rate as f64) as f32);
        connect(&mut g, 2, 3);
        connect(&mut g, 3, 1);
        g.apply(ContextCommand::Start { node: 2, when: 0.0 });
        render(&mut g, 4);
        let out = out.lock().unwrap();
        let whole = frames.floor() as usize;
        assert!(out[..whole].iter().all(|v| v.abs() < 1e-4), "silence before frame {whole}: {:?}", &out[..whole + 1]);
        if frames.fract() == 0.0 {
            assert!((out[whole] - 1.0).abs() < 1e-4, "the step at frame {whole}: {}", out[whole]);
        } else {
            assert!((out[whole] - 0.5).abs() < 1e-3, "half the step at frame {whole}: {}", out[whole]);
        }
        assert!(out[whole + 1..].iter().all(|v| (v - 1.0).abs() < 1e-4), "the step after frame {whole}");
    }
}

#[test]
fn a_delay_in_a_cycle_feeds_back_one_quantum_later_at_least() {
    // constant 1 → sum (gain 1) → destination, and sum → delay (0 s asked: a quantum in a
    // cycle) → gain 0.5 → sum: the sum is 1, 1.5, 1.75, … a quantum apart.
    let (mut g, out) = graph(48000.0);
    constant(&mut g, 2, 1.0);
    gain_node(&mut g, 3, 1.0);
    delay(&mut g, 4, 1.0, 0.0);
    gain_node(&mut g, 5, 0.5);
    connect(&mut g, 2, 3);
    connect(&mut g, 3, 1);
    connect(&mut g, 3, 4);
    connect(&mut g, 4, 5);
    connect(&mut g, 5, 3);
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    render(&mut g, 4);
    let out = out.lock().unwrap();
    for (quantum, expected) in [1.0f32, 1.5, 1.75, 1.875].iter().enumerate() {
        let block = &out[quantum * 128..(quantum + 1) * 128];
        assert!(
            block.iter().all(|v| (v - expected).abs() < 1e-5),
            "quantum {quantum}: {:?} vs {expected}",
            &block[..4]
        );
    }
}

#[test]
fn a_cycle_without_a_delay_is_still_muted_where_it_closes() {
    // gain 3 → gain 5 → gain 3, fed by a constant: no delay, so the edge closing the cycle is
    // silent and the output is the constant alone.
    let (mut g, out) = graph(48000.0);
    constant(&mut g, 2, 1.0);
    gain_node(&mut g, 3, 1.0);
    gain_node(&mut g, 5, 0.5);
    connect(&mut g, 2, 3);
    connect(&mut g, 3, 1);
    connect(&mut g, 3, 5);
    connect(&mut g, 5, 3);
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    render(&mut g, 2);
    let out = out.lock().unwrap();
    assert!(out.iter().all(|v| (v - 1.0).abs() < 1e-6), "{:?}", &out[..4]);
}

#[test]
fn a_splitter_feeds_a_merger_input_by_input_and_disconnects_one() {
    // constant 1 (mono) → splitter (2 outputs): output 0 → merger input 1; the merger's
    // channel 1 is 1 and channel 0 silent; after the disconnection both are silent.
    let (mut g, _) = graph(8000.0);
    let tap = AudioTap::new();
    let right = Arc::new(Mutex::new(Vec::new()));
    let r = right.clone();
    tap.subscribe(move |b| r.lock().unwrap().extend(b.samples.chunks(b.channels as usize).map(|f| (f[0], f[1]))));
    g.apply(ContextCommand::CreateNode {
        node: 9,
        kind: NodeKind::StreamDestination { tap },
        channels: SPEAKERS_2,
        params: vec![],
    });
    constant(&mut g, 2, 1.0);
    let discrete =
        ChannelConfig { count: 2, mode: ChannelCountMode::Explicit, interpretation: ChannelInterpretation::Discrete };
    g.apply(ContextCommand::CreateNode {
        node: 3,
        kind: NodeKind::Splitter { outputs: 2 },
        channels: discrete,
        params: vec![],
    });
    let mono =
        ChannelConfig { count: 1, mode: ChannelCountMode::Explicit, interpretation: ChannelInterpretation::Speakers };
    g.apply(ContextCommand::CreateNode {
        node: 4,
        kind: NodeKind::Merger { inputs: 2 },
        channels: mono,
        params: vec![],
    });
    connect(&mut g, 2, 3);
    g.apply(ContextCommand::Connect { from: 3, output: 0, to: Target::Node { node: 4, input: 1 } });
    connect(&mut g, 4, 9);
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    render(&mut g, 1);
    g.apply(ContextCommand::Disconnect { from: 3, output: 0, to: Target::Node { node: 4, input: 1 } });
    render(&mut g, 1);
    let frames = right.lock().unwrap();
    assert_eq!(frames[10], (0.0, 1.0), "connected to input 1");
    assert_eq!(frames[128 + 10], (0.0, 0.0), "disconnected");
}

fn node(g: &mut Graph, id: u64, kind: NodeKind, channels: ChannelConfig, params: Vec<ParamInit>) {
    g.apply(ContextCommand::CreateNode { node: id, kind, channels, params });
}

fn script_processor(g: &mut Graph, id: u64, buffer_size: u32, port: &media_traits::webaudio::ScriptPort) {
    let explicit_1 =
        ChannelConfig { count: 1, mode: ChannelCountMode::Explicit, interpretation: ChannelInterpretation::Speakers };
    node(
        g,
        id,
        NodeKind::ScriptProcessor { buffer_size, inputs: 1, outputs: 1, port: port.clone() },
        explicit_1,
        vec![],
    );
}

fn audio_process(event: &media_traits::webaudio::AudioEvent) -> (u64, Vec<Vec<f32>>, f64) {
    match event {
        media_traits::webaudio::AudioEvent::AudioProcess { seq, input, playback_time, .. } => {
            (*seq, input.clone(), *playback_time)
        }
        other => panic!("not an audioprocess event: {other:?}"),
    }
}

#[test]
fn a_script_processor_hands_whole_buffers_to_script_and_plays_answers_two_buffers_later() {
    // A 256-frame processor at 12 800 Hz fed a ramp (frame i is i): after each 256 frames an
    // event carries exactly those frames; the answer to buffer k (its input plus 1000) plays
    // during buffer k + 2, from frame (k + 2)·256, which is its playbackTime.
    let port = media_traits::webaudio::ScriptPort::new();
    let (mut g, out) = graph(12800.0);
    // The ramp: a constant 0 whose offset param gets a linear ramp of 1 per frame.
    constant(&mut g, 2, 0.0);
    crate::graph::automate(
        &mut g,
        2,
        ParamSlot::Offset,
        AutomationEvent::LinearRamp { value: 12800.0, time: 1.0, scheduled_at: 0.0 },
    );
    script_processor(&mut g, 3, 256, &port);
    connect(&mut g, 2, 3);
    connect(&mut g, 3, 1);
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    let mut events = Vec::new();
    for _ in 0..8 {
        render(&mut g, 1);
        for e in g.take_events() {
            let (seq, input, playback_time) = audio_process(&e);
            // Script answers at once, except for buffer 1 (late: never answered).
            if seq != 1 {
                port.put(seq, vec![input[0].iter().map(|v| v + 1000.0).collect()]);
            }
            events.push((seq, input, playback_time));
        }
    }
    assert_eq!(events.len(), 4, "one event per 256 frames");
    for (k, (seq, input, playback_time)) in events.iter().enumerate() {
        assert_eq!(*seq, k as u64);
        assert_eq!(input.len(), 1);
        assert_eq!(input[0].len(), 256);
        for (i, v) in input[0].iter().enumerate() {
            assert!((v - (k * 256 + i) as f32).abs() < 0.01, "buffer {k} frame {i}: {v}");
        }
        assert_eq!(*playback_time, ((k + 2) * 256) as f64 / 12800.0);
    }
    let out = out.lock().unwrap();
    assert_eq!(out.len(), 1024);
    assert!(out[..512].iter().all(|v| *v == 0.0), "nothing to play in buffers 0 and 1");
    for i in 512..768 {
        assert!((out[i] - (i - 512) as f32 - 1000.0).abs() < 0.01, "frame {i}: buffer 0's answer, {}", out[i]);
    }
    assert!(out[768..].iter().all(|v| *v == 0.0), "buffer 1's answer never came: silence");
}

#[test]
fn an_unconnected_script_processor_fires_nothing_and_offline_rendering_waits_for_answers() {
    let port = media_traits::webaudio::ScriptPort::new();
    let (mut g, out) = graph(12800.0);
    script_processor(&mut g, 3, 256, &port);
    render(&mut g, 4);
    assert!(g.take_events().is_empty(), "neither input nor output connected");
    // Connected to the destination, with offline waiting: an answer put by another thread
    // 50 ms after the event is played, not skipped.
    connect(&mut g, 3, 1);
    g.set_script_wait(std::time::Duration::from_secs(5));
    render(&mut g, 2);
    let events = g.take_events();
    assert_eq!(events.len(), 1);
    let (seq, _, _) = audio_process(&events[0]);
    let answer = port.clone();
    let script = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        answer.put(seq, vec![vec![0.5; 256]]);
    });
    render(&mut g, 4);
    script.join().unwrap();
    let out = out.lock().unwrap();
    // Buffer `seq` was gathered in frames 512–767 and its answer plays in frames 1024–1279.
    let start = (seq as usize + 2) * 256;
    assert_eq!(start, 1024);
    assert!(out[start..start + 256].iter().all(|v| *v == 0.5), "the answer waited for");
}

#[test]
fn a_wave_shaper_interpolates_its_curve_as_the_standard_says() {
    // Curve [0, 1, 0.5]: N = 3, v = (x + 1) for x in [−1, 1]. x = 0.25: v = 1.25, k = 1,
    // f = 0.25, y = 0.75·1 + 0.25·0.5 = 0.875. x = −2: v < 0, c₀ = 0. x = 1: v = 2 ≥ N − 1, c₂.
    for (x, expected) in [(0.25f32, 0.875f32), (-2.0, 0.0), (1.0, 0.5), (-0.5, 0.5), (0.0, 1.0)] {
        let (mut g, out) = graph(8000.0);
        constant(&mut g, 2, x);
        node(
            &mut g,
            3,
            NodeKind::WaveShaper {
                curve: Some(Arc::new(vec![0.0, 1.0, 0.5])),
                oversample: media_traits::webaudio::OverSample::None,
            },
            MAX_2,
            vec![],
        );
        connect(&mut g, 2, 3);
        connect(&mut g, 3, 1);
        g.apply(ContextCommand::Start { node: 2, when: 0.0 });
        render(&mut g, 1);
        let out = out.lock().unwrap();
        assert!(out.iter().all(|v| (v - expected).abs() < 1e-6), "x = {x}: {} vs {expected}", out[0]);
    }
    // An even curve has no value at 0: [0, 2] gives the middle, 1. No input at all is a zero
    // input, so the curve's value at 0 still comes out (the standard's DC note).
    let (mut g, out) = graph(8000.0);
    node(
        &mut g,
        3,
        NodeKind::WaveShaper {
            curve: Some(Arc::new(vec![0.0, 2.0])),
            oversample: media_traits::webaudio::OverSample::None,
        },
        MAX_2,
        vec![],
    );
    connect(&mut g, 3, 1);
    render(&mut g, 1);
    assert!(out.lock().unwrap().iter().all(|v| *v == 1.0));
}

#[test]
fn wave_shaper_oversampling_is_linear_up_sampling_and_averaging() {
    // Identity curve [−1, 1] on a step from 0 to 0.8 at frame 0: the L interpolants between
    // the previous sample p and x are p + (x − p)·j/L, j = 1…L, and their mean is
    // p + (x − p)·(L + 1)/(2L): 0.75·0.8 at the step for 2x, 0.625·0.8 for 4x, 0.8 after.
    for (oversample, weight) in
        [(media_traits::webaudio::OverSample::X2, 0.75f32), (media_traits::webaudio::OverSample::X4, 0.625)]
    {
        let (mut g, out) = graph(8000.0);
        constant(&mut g, 2, 0.8);
        node(&mut g, 3, NodeKind::WaveShaper { curve: Some(Arc::new(vec![-1.0, 1.0])), oversample }, MAX_2, vec![]);
        connect(&mut g, 2, 3);
        connect(&mut g, 3, 1);
        g.apply(ContextCommand::Start { node: 2, when: 0.0 });
        render(&mut g, 1);
        let out = out.lock().unwrap();
        assert!((out[0] - 0.8 * weight).abs() < 1e-6, "{oversample:?}: {}", out[0]);
        assert!(out[1..].iter().all(|v| (v - 0.8).abs() < 1e-6));
    }
}

fn compressor(g: &mut Graph, id: u64, threshold: f32, knee: f32, ratio: f32) -> ParamValue {
    let reduction = ParamValue::new(0.0);
    let k = |slot, value| ParamInit { rate: AutomationRate::KRate, ..param(slot, value) };
    let clamped =
        ChannelConfig { count: 2, mode: ChannelCountMode::ClampedMax, interpretation: ChannelInterpretation::Speakers };
    node(
        g,
        id,
        NodeKind::Compressor { reduction: reduction.clone() },
        clamped,
        vec![
            k(ParamSlot::Threshold, threshold),
            k(ParamSlot::Knee, knee),
            k(ParamSlot::Ratio, ratio),
            k(ParamSlot::Attack, 0.003),
            k(ParamSlot::Release, 0.25),
        ],
    );
    reduction
}

#[test]
fn a_compressor_settles_on_its_hard_knee_curve_with_makeup_gain() {
    // Threshold −24 dB, hard knee, ratio 12. Above the threshold the output level in dB is
    // −24 + (in + 24)/12. Makeup: the curve at 0 dB is −22 dB, so (10^(22/20))^0.6. A DC input
    // of 0.5 (−6.02 dB) settles at the attenuation a = 10^((out − in)/20): the output is
    // 0.5·a·makeup and `reduction` is 20·log10(a).
    let (mut g, out) = graph(48000.0);
    constant(&mut g, 2, 0.5);
    let reduction = compressor(&mut g, 3, -24.0, 0.0, 12.0);
    connect(&mut g, 2, 3);
    connect(&mut g, 3, 1);
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    render(&mut g, 375); // 1 s
    let level_in = 20.0 * 0.5f64.log10();
    let level_out = -24.0 + (level_in + 24.0) / 12.0;
    let a = 10f64.powf((level_out - level_in) / 20.0);
    let makeup = 10f64.powf(22.0 / 20.0).powf(0.6);
    let out = out.lock().unwrap();
    let last = *out.last().unwrap() as f64;
    assert!((last - 0.5 * a * makeup).abs() < 2e-4, "{last} vs {}", 0.5 * a * makeup);
    let r = reduction.get() as f64;
    assert!((r - 20.0 * a.log10()).abs() < 2e-3, "reduction {r} vs {}", 20.0 * a.log10());
}

#[test]
fn a_compressor_below_threshold_is_the_input_delayed_by_its_lookahead_times_makeup() {
    // A 0.001 step (−60 dB, below −24) at 48 kHz: silence for 0.006 s = 288 frames, then
    // 0.001·makeup. With the default knee (30 dB, from −24 to 6 dB) and ratio 12, 0 dB is in
    // the quadratic knee: 0 + (1/12 − 1)·(0 + 24)²/(2·30) = −8.8 dB, so the makeup gain is
    // (10^(8.8/20))^0.6.
    let (mut g, out) = graph(48000.0);
    constant(&mut g, 2, 0.001);
    let reduction = compressor(&mut g, 3, -24.0, 30.0, 12.0);
    connect(&mut g, 2, 3);
    connect(&mut g, 3, 1);
    g.apply(ContextCommand::Start { node: 2, when: 0.0 });
    render(&mut g, 4);
    let makeup = 10f64.powf(8.8 / 20.0).powf(0.6);
    let out = out.lock().unwrap();
    assert!(out[..288].iter().all(|v| *v == 0.0), "the look-ahead");
    assert!(out[288..].iter().all(|v| (*v as f64 - 0.001 * makeup).abs() < 1e-7), "{} vs {}", out[300], 0.001 * makeup);
    assert!(reduction.get().abs() < 1e-6, "no reduction below the threshold: {}", reduction.get());
}

#[test]
fn an_iir_filter_follows_its_difference_equation_per_channel() {
    // feedforward [1, 1], feedback [2, −1]: 2·y[n] − y[n−1] = x[n] + x[n−1], so
    // y[n] = (x[n] + x[n−1])/2 + y[n−1]/2. An impulse gives 0.5, then 0.5 + 0.25 = 0.75, then
    // halves: y[n] = 0.75·0.5^(n−1) for n ≥ 1.
    let (mut g, out) = graph(8000.0);
    let impulse = Arc::new(media_traits::webaudio::BufferData { sample_rate: 8000.0, channels: vec![vec![1.0]] });
    g.apply(ContextCommand::CreateNode {
        node: 2,
        kind: NodeKind::BufferSource,
        channels: MAX_2,
        params: vec![param(ParamSlot::PlaybackRate, 1.0), param(ParamSlot::Detune, 0.0)],
    });
    g.apply(ContextCommand::SetBuffer { node: 2, buffer: Some(impulse) });
    node(&mut g, 3, NodeKind::IirFilter { feedforward: vec![1.0, 1.0], feedback: vec![2.0, -1.0] }, MAX_2, vec![]);
    connect(&mut g, 2, 3);
    connect(&mut g, 3, 1);
    g.apply(ContextCommand::StartBuffer { node: 2, when: 0.0, offset: 0.0, duration: None });
    render(&mut g, 1);
    let out = out.lock().unwrap();
    assert!((out[0] - 0.5).abs() < 1e-7);
    for n in 1..40 {
        let expected = 0.75 * 0.5f64.powi(n as i32 - 1);
        assert!((out[n] as f64 - expected).abs() < 1e-7, "frame {n}: {} vs {expected}", out[n]);
    }
}

#[test]
fn offline_rendering_stops_waiting_for_a_script_that_never_answers() {
    // Ten buffers due, none answered, 100 ms allowed per wait: the first wait runs out, the
    // others are not waited for (about 100 ms in all, not a second).
    let port = media_traits::webaudio::ScriptPort::new();
    let (mut g, out) = graph(12800.0);
    script_processor(&mut g, 3, 256, &port);
    connect(&mut g, 3, 1);
    g.set_script_wait(std::time::Duration::from_millis(100));
    let started = std::time::Instant::now();
    render(&mut g, 24);
    let elapsed = started.elapsed();
    assert_eq!(g.take_events().len(), 12);
    assert!(elapsed >= std::time::Duration::from_millis(100), "the first due answer was waited for: {elapsed:?}");
    assert!(elapsed < std::time::Duration::from_millis(600), "the later ones were not: {elapsed:?}");
    assert!(out.lock().unwrap().iter().all(|v| *v == 0.0));
}

fn convolver(g: &mut Graph, id: u64, channels: Vec<Vec<f32>>, rate: f32, normalize: bool) {
    let clamped =
        ChannelConfig { count: 2, mode: ChannelCountMode::ClampedMax, interpretation: ChannelInterpretation::Speakers };
    let buffer = Arc::new(media_traits::webaudio::BufferData { sample_rate: rate, channels });
    node(g, id, NodeKind::Convolver { buffer: Some(buffer), normalize }, clamped, vec![]);
}

/// A buffer source (node `id`) playing `channels` from frame 0.
fn play(g: &mut Graph, id: u64, channels: Vec<Vec<f32>>, rate: f32) {
    g.apply(ContextCommand::CreateNode {
        node: id,
        kind: NodeKind::BufferSource,
        channels: MAX_2,
        params: vec![param(ParamSlot::PlaybackRate, 1.0), param(ParamSlot::Detune, 0.0)],
    });
    let buffer = Arc::new(media_traits::webaudio::BufferData { sample_rate: rate, channels });
    g.apply(ContextCommand::SetBuffer { node: id, buffer: Some(buffer) });
    g.apply(ContextCommand::StartBuffer { node: id, when: 0.0, offset: 0.0, duration: None });
}

#[test]
fn a_convolver_is_the_direct_convolution_of_its_input_and_response() {
    // A 300-tap response (three partitions) and a 200-frame input, convolved here by the
    // definition y[n] = Σ h[k]·x[n − k], over 5 quanta.
    let h: Vec<f32> = (0..300).map(|k| ((k * 7 % 13) as f32 - 6.0) / 10.0 * 0.99f32.powi(k)).collect();
    let x: Vec<f32> = (0..200).map(|n| ((n * 5 % 11) as f32 - 5.0) / 5.0).collect();
    let (mut g, out) = graph(48000.0);
    play(&mut g, 2, vec![x.clone()], 48000.0);
    convolver(&mut g, 3, vec![h.clone()], 48000.0, false);
    connect(&mut g, 2, 3);
    connect(&mut g, 3, 1);
    render(&mut g, 5);
    let out = out.lock().unwrap();
    for (n, v) in out.iter().enumerate() {
        let expected: f64 = (0..=n.min(299)).filter(|k| n - k < x.len()).map(|k| h[k] as f64 * x[n - k] as f64).sum();
        assert!((*v as f64 - expected).abs() < 1e-5, "frame {n}: {v} vs {expected}");
    }
}

#[test]
fn a_convolver_normalizes_by_rms_and_mixes_a_true_stereo_response() {
    // normalizationScale of a constant 0.5 response at 44.1 kHz: 0.00125 / 0.5 = 0.0025, so an
    // impulse comes out as 0.5·0.0025 for each tap.
    let (mut g, out) = graph(44100.0);
    play(&mut g, 2, vec![vec![1.0]], 44100.0);
    convolver(&mut g, 3, vec![vec![0.5; 10]], 44100.0, true);
    connect(&mut g, 2, 3);
    connect(&mut g, 3, 1);
    render(&mut g, 1);
    let out = out.lock().unwrap();
    assert!(out[..10].iter().all(|v| (v - 0.00125).abs() < 1e-9), "{:?}", &out[..3]);
    assert!(out[10..].iter().all(|v| v.abs() < 1e-9));
    // Four channels: L = inL∗b0 + inR∗b2, R = inL∗b1 + inR∗b3; one-tap responses 1, 10, 100,
    // 1000 and an input impulse of 1 (left) and 2 (right) give 201 and 2010.
    let mut g = Graph::new(8000.0);
    let tap = AudioTap::new();
    let frames = Arc::new(Mutex::new(Vec::new()));
    let f = frames.clone();
    tap.subscribe(move |b| f.lock().unwrap().extend(b.samples.chunks(b.channels as usize).map(|s| (s[0], s[1]))));
    node(&mut g, 1, NodeKind::StreamDestination { tap }, SPEAKERS_2, vec![]);
    play(&mut g, 2, vec![vec![1.0], vec![2.0]], 8000.0);
    convolver(&mut g, 3, vec![vec![1.0], vec![10.0], vec![100.0], vec![1000.0]], 8000.0, false);
    connect(&mut g, 2, 3);
    connect(&mut g, 3, 1);
    render(&mut g, 1);
    let frames = frames.lock().unwrap();
    assert!((frames[0].0 - 201.0).abs() < 1e-3 && (frames[0].1 - 2010.0).abs() < 1e-2, "{:?}", frames[0]);
    assert!(frames[1].0.abs() < 1e-3 && frames[1].1.abs() < 1e-3);
}

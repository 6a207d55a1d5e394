//! The built-in oscillator waveforms
//! (<https://webaudio.github.io/web-audio-api/#oscillator-coefficients>): band-limited tables
//! built from each type's Fourier series, holding only the partials below the Nyquist
//! frequency, normalized to a peak of 1 (<https://webaudio.github.io/web-audio-api/#waveform-normalization>).

use std::collections::HashMap;
use std::f64::consts::PI;
use std::sync::Arc;

use media_traits::webaudio::{OscillatorType, PeriodicWaveData};

/// Samples per table period.
pub const TABLE_SIZE: usize = 4096;

/// The sine coefficient b[k] of partial `k` ≥ 1 (every a[k] is 0 for the built-in types).
pub fn coefficient(waveform: OscillatorType, k: u32) -> f64 {
    let k = k as f64;
    match waveform {
        OscillatorType::Sine => {
            if k == 1.0 {
                1.0
            } else {
                0.0
            }
        }
        // b[k] = (2 / (kπ)) · (1 − (−1)^k)
        OscillatorType::Square => (2.0 / (k * PI)) * (1.0 - (-1f64).powf(k)),
        // b[k] = (−1)^(k+1) · 2 / (kπ)
        OscillatorType::Sawtooth => (-1f64).powf(k + 1.0) * 2.0 / (k * PI),
        // b[k] = 8 sin(kπ/2) / (πk)²
        OscillatorType::Triangle => 8.0 * (k * PI / 2.0).sin() / (PI * k).powi(2),
    }
}

/// Partial counts tables are built for; a frequency uses the largest not above what fits
/// below Nyquist, so a sweep builds a handful of tables.
const PARTIAL_STEPS: [u32; 18] = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512];

/// The tables one context has built, by type and partial count.
#[derive(Default)]
pub struct Tables {
    built: HashMap<(OscillatorType, u32), Arc<Vec<f32>>>,
}

/// The partial count of the table for `frequency` Hz at `sample_rate`.
fn partials_for(frequency: f32, sample_rate: f32) -> u32 {
    let nyquist = sample_rate as f64 / 2.0;
    let fitting = (nyquist / (frequency.abs() as f64).max(1e-3)).floor().max(1.0) as u32;
    PARTIAL_STEPS.iter().copied().rfind(|p| *p <= fitting).unwrap_or(1)
}

impl Tables {
    /// The table for `waveform` at `frequency` Hz and `sample_rate`.
    pub fn table(&mut self, waveform: OscillatorType, frequency: f32, sample_rate: f32) -> Arc<Vec<f32>> {
        let partials = partials_for(frequency, sample_rate);
        self.built.entry((waveform, partials)).or_insert_with(|| Arc::new(build(waveform, partials))).clone()
    }
}

/// The most partials a table period can hold.
const MAX_PARTIALS: usize = TABLE_SIZE / 2;

/// A `PeriodicWave` and the band-limited tables built from it, by partial count.
pub struct CustomWave {
    wave: Arc<PeriodicWaveData>,
    /// The normalization scale, from the whole waveform (1 when not normalizing).
    scale: f64,
    built: HashMap<u32, Arc<Vec<f32>>>,
}

impl CustomWave {
    /// Prepares `wave`: "the waveform is normalized so that its maximum absolute value is 1",
    /// unless normalization is disabled.
    pub fn new(wave: Arc<PeriodicWaveData>) -> CustomWave {
        let scale = if wave.normalize {
            let full = sum_partials(&wave, MAX_PARTIALS as u32);
            let peak = full.iter().fold(0f64, |m, v| m.max(v.abs()));
            if peak > 0.0 { 1.0 / peak } else { 1.0 }
        } else {
            1.0
        };
        CustomWave { wave, scale, built: HashMap::new() }
    }

    /// The table for `frequency` Hz at `sample_rate`.
    pub fn table(&mut self, frequency: f32, sample_rate: f32) -> Arc<Vec<f32>> {
        let partials = partials_for(frequency, sample_rate);
        let (wave, scale) = (&self.wave, self.scale);
        self.built
            .entry(partials)
            .or_insert_with(|| Arc::new(sum_partials(wave, partials).into_iter().map(|v| (v * scale) as f32).collect()))
            .clone()
    }
}

/// One period of Σ real[k]·cos(2πkx) + imag[k]·sin(2πkx) for 1 ≤ k ≤ partials.
fn sum_partials(wave: &PeriodicWaveData, partials: u32) -> Vec<f64> {
    let mut table = vec![0f64; TABLE_SIZE];
    let count = wave.real.len().min(wave.imag.len()).min(partials as usize + 1).min(MAX_PARTIALS);
    for k in 1..count {
        let (a, b) = (wave.real[k] as f64, wave.imag[k] as f64);
        if a == 0.0 && b == 0.0 {
            continue;
        }
        for (i, v) in table.iter_mut().enumerate() {
            let x = 2.0 * PI * k as f64 * i as f64 / TABLE_SIZE as f64;
            *v += a * x.cos() + b * x.sin();
        }
    }
    table
}

/// One period of Σ b[k] sin(2πkx) for k = 1..=partials, scaled to a peak of 1.
fn build(waveform: OscillatorType, partials: u32) -> Vec<f32> {
    let mut table = vec![0f64; TABLE_SIZE];
    for k in 1..=partials {
        let b = coefficient(waveform, k);
        if b == 0.0 {
            continue;
        }
        for (i, v) in table.iter_mut().enumerate() {
            *v += b * (2.0 * PI * k as f64 * i as f64 / TABLE_SIZE as f64).sin();
        }
    }
    let peak = table.iter().fold(0f64, |m, v| m.max(v.abs()));
    let scale = if peak > 0.0 { 1.0 / peak } else { 1.0 };
    table.into_iter().map(|v| (v * scale) as f32).collect()
}

/// The table's value at `phase` (in periods, 0..1), linearly interpolated.
pub fn lookup(table: &[f32], phase: f64) -> f32 {
    let pos = phase.rem_euclid(1.0) * TABLE_SIZE as f64;
    let i = pos.floor() as usize % TABLE_SIZE;
    let frac = (pos - pos.floor()) as f32;
    let a = table[i];
    let b = table[(i + 1) % TABLE_SIZE];
    a + (b - a) * frac
}

//! The built-in oscillator waveforms
//! (<https://webaudio.github.io/web-audio-api/#oscillator-coefficients>): band-limited tables
//! built from each type's Fourier series, holding only the partials below the Nyquist
//! frequency, normalized to a peak of 1 (<https://webaudio.github.io/web-audio-api/#waveform-normalization>).

use std::collections::HashMap;
use std::f64::consts::PI;
use std::sync::Arc;

use media_traits::webaudio::OscillatorType;

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

impl Tables {
    /// The table for `waveform` at `frequency` Hz and `sample_rate`.
    pub fn table(&mut self, waveform: OscillatorType, frequency: f32, sample_rate: f32) -> Arc<Vec<f32>> {
        let nyquist = sample_rate as f64 / 2.0;
        let fitting = (nyquist / (frequency.abs() as f64).max(1e-3)).floor().max(1.0) as u32;
        let partials = PARTIAL_STEPS.iter().copied().filter(|p| *p <= fitting).last().unwrap_or(1);
        self.built.entry((waveform, partials)).or_insert_with(|| Arc::new(build(waveform, partials))).clone()
    }
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

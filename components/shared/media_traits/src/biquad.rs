//! The `BiquadFilterNode`'s filters
//! (<https://webaudio.github.io/web-audio-api/#BiquadFilterNode>): the coefficients of each
//! filter type from its parameters, and the frequency response of a set of coefficients.
//! The render thread filters with them and `getFrequencyResponse()` evaluates them, so both
//! sides use this one definition.

use std::f64::consts::PI;

/// `BiquadFilterType`.
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash)]
pub enum BiquadFilterType {
    /// "lowpass"
    Lowpass,
    /// "highpass"
    Highpass,
    /// "bandpass"
    Bandpass,
    /// "lowshelf"
    Lowshelf,
    /// "highshelf"
    Highshelf,
    /// "peaking"
    Peaking,
    /// "notch"
    Notch,
    /// "allpass"
    Allpass,
}

/// A biquad's coefficients divided by a0: y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coefficients {
    /// b0/a0
    pub b0: f64,
    /// b1/a0
    pub b1: f64,
    /// b2/a0
    pub b2: f64,
    /// a1/a0
    pub a1: f64,
    /// a2/a0
    pub a2: f64,
}

impl Coefficients {
    /// The filter that multiplies its input by `k`.
    const fn scale(k: f64) -> Coefficients {
        Coefficients { b0: k, b1: 0.0, b2: 0.0, a1: 0.0, a2: 0.0 }
    }

    fn normalized(b0: f64, b1: f64, b2: f64, a0: f64, a1: f64, a2: f64) -> Coefficients {
        Coefficients { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 }
    }

    /// The filter's response at `frequency` Hz for a context at `sample_rate`: (magnitude,
    /// phase in radians), H(z) = (b0 + b1·z⁻¹ + b2·z⁻²) / (1 + a1·z⁻¹ + a2·z⁻²) at z = e^{iω},
    /// ω = 2π·frequency/sample_rate. Outside [0, Nyquist] both are NaN
    /// (<https://webaudio.github.io/web-audio-api/#dom-biquadfilternode-getfrequencyresponse>).
    pub fn response(&self, frequency: f64, sample_rate: f64) -> (f64, f64) {
        if !(0.0..=sample_rate / 2.0).contains(&frequency) {
            return (f64::NAN, f64::NAN);
        }
        let w = 2.0 * PI * frequency / sample_rate;
        // z⁻¹ = cos ω − i sin ω, z⁻² = cos 2ω − i sin 2ω.
        let (c1, s1, c2, s2) = (w.cos(), w.sin(), (2.0 * w).cos(), (2.0 * w).sin());
        let (num_re, num_im) = (self.b0 + self.b1 * c1 + self.b2 * c2, -(self.b1 * s1 + self.b2 * s2));
        let (den_re, den_im) = (1.0 + self.a1 * c1 + self.a2 * c2, -(self.a1 * s1 + self.a2 * s2));
        let den = den_re * den_re + den_im * den_im;
        let re = (num_re * den_re + num_im * den_im) / den;
        let im = (num_im * den_re - num_re * den_im) / den;
        (re.hypot(im), im.atan2(re))
    }
}

/// The coefficients of `filter` with the computed parameter values, in a context at
/// `sample_rate`
/// (<https://webaudio.github.io/web-audio-api/#filters-characteristics>):
/// computedFrequency = frequency · 2^(detune/1200), within [0, Nyquist]; then the Audio EQ
/// Cookbook formulas the standard lists, with A = 10^(G/40), ω0 = 2π·f0/Fs,
/// α_Q = sin ω0 / 2Q, α_QdB = sin ω0 / (2·10^(Q/20)) and α_S = (sin ω0 / 2)·√2 (S = 1).
///
/// At the ends of the range (f0 = 0 or Nyquist) and for Q ≤ 0 where a formula divides by Q,
/// the formulas degenerate; there each filter takes the limit it tends to (a pass-through,
/// silence, a gain of A² or an inversion), as Chromium and Firefox do, so the output stays
/// finite.
pub fn coefficients(
    filter: BiquadFilterType,
    sample_rate: f64,
    frequency: f64,
    detune: f64,
    q: f64,
    gain: f64,
) -> Coefficients {
    let nyquist = sample_rate / 2.0;
    let f0 = (frequency * (detune / 1200.0).exp2()).clamp(0.0, nyquist);
    let f0 = if f0.is_nan() { 0.0 } else { f0 };
    // Normalized frequency: 0 at DC, 1 at Nyquist.
    let f = f0 / nyquist;
    let a = 10f64.powf(gain / 40.0);
    let w0 = PI * f;
    let (sin, cos) = w0.sin_cos();
    use BiquadFilterType::*;
    match filter {
        Lowpass => {
            if f >= 1.0 {
                return Coefficients::scale(1.0);
            }
            if f <= 0.0 {
                return Coefficients::scale(0.0);
            }
            let alpha = sin / (2.0 * 10f64.powf(q / 20.0));
            Coefficients::normalized(
                (1.0 - cos) / 2.0,
                1.0 - cos,
                (1.0 - cos) / 2.0,
                1.0 + alpha,
                -2.0 * cos,
                1.0 - alpha,
            )
        }
        Highpass => {
            if f >= 1.0 {
                return Coefficients::scale(0.0);
            }
            if f <= 0.0 {
                return Coefficients::scale(1.0);
            }
            let alpha = sin / (2.0 * 10f64.powf(q / 20.0));
            Coefficients::normalized(
                (1.0 + cos) / 2.0,
                -(1.0 + cos),
                (1.0 + cos) / 2.0,
                1.0 + alpha,
                -2.0 * cos,
                1.0 - alpha,
            )
        }
        Bandpass => {
            if f <= 0.0 || f >= 1.0 {
                return Coefficients::scale(0.0);
            }
            if q <= 0.0 {
                return Coefficients::scale(1.0);
            }
            let alpha = sin / (2.0 * q);
            Coefficients::normalized(alpha, 0.0, -alpha, 1.0 + alpha, -2.0 * cos, 1.0 - alpha)
        }
        Notch => {
            if f <= 0.0 || f >= 1.0 {
                return Coefficients::scale(1.0);
            }
            if q <= 0.0 {
                return Coefficients::scale(0.0);
            }
            let alpha = sin / (2.0 * q);
            Coefficients::normalized(1.0, -2.0 * cos, 1.0, 1.0 + alpha, -2.0 * cos, 1.0 - alpha)
        }
        Allpass => {
            if f <= 0.0 || f >= 1.0 {
                return Coefficients::scale(1.0);
            }
            if q <= 0.0 {
                return Coefficients::scale(-1.0);
            }
            let alpha = sin / (2.0 * q);
            Coefficients::normalized(1.0 - alpha, -2.0 * cos, 1.0 + alpha, 1.0 + alpha, -2.0 * cos, 1.0 - alpha)
        }
        Peaking => {
            if f <= 0.0 || f >= 1.0 {
                return Coefficients::scale(1.0);
            }
            if q <= 0.0 {
                return Coefficients::scale(a * a);
            }
            let alpha = sin / (2.0 * q);
            Coefficients::normalized(
                1.0 + alpha * a,
                -2.0 * cos,
                1.0 - alpha * a,
                1.0 + alpha / a,
                -2.0 * cos,
                1.0 - alpha / a,
            )
        }
        Lowshelf => {
            if f >= 1.0 {
                return Coefficients::scale(a * a);
            }
            if f <= 0.0 {
                return Coefficients::scale(1.0);
            }
            let k = 2.0 * (sin / 2.0 * 2f64.sqrt()) * a.sqrt();
            Coefficients::normalized(
                a * ((a + 1.0) - (a - 1.0) * cos + k),
                2.0 * a * ((a - 1.0) - (a + 1.0) * cos),
                a * ((a + 1.0) - (a - 1.0) * cos - k),
                (a + 1.0) + (a - 1.0) * cos + k,
                -2.0 * ((a - 1.0) + (a + 1.0) * cos),
                (a + 1.0) + (a - 1.0) * cos - k,
            )
        }
        Highshelf => {
            if f >= 1.0 {
                return Coefficients::scale(1.0);
            }
            if f <= 0.0 {
                return Coefficients::scale(a * a);
            }
            let k = 2.0 * (sin / 2.0 * 2f64.sqrt()) * a.sqrt();
            Coefficients::normalized(
                a * ((a + 1.0) + (a - 1.0) * cos + k),
                -2.0 * a * ((a - 1.0) + (a + 1.0) * cos),
                a * ((a + 1.0) + (a - 1.0) * cos - k),
                (a + 1.0) - (a - 1.0) * cos + k,
                2.0 * ((a - 1.0) - (a + 1.0) * cos),
                (a + 1.0) - (a - 1.0) * cos - k,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SR: f64 = 48_000.0;

    fn db(magnitude: f64) -> f64 {
        20.0 * magnitude.log10()
    }

    #[test]
    fn lowpass_passes_dc_and_is_resonant_at_cutoff() {
        let c = coefficients(BiquadFilterType::Lowpass, SR, 1000.0, 0.0, 1.0, 0.0);
        assert!((c.response(0.0, SR).0 - 1.0).abs() < 1e-12);
        // At the cutoff the gain is Q in dB (the cookbook's Q_dB form).
        assert!((db(c.response(1000.0, SR).0) - 1.0).abs() < 1e-9);
        assert!(c.response(20_000.0, SR).0 < 0.01);
    }

    #[test]
    fn shelves_and_peaking_reach_their_gain() {
        let low = coefficients(BiquadFilterType::Lowshelf, SR, 1000.0, 0.0, 1.0, 12.0);
        assert!((db(low.response(0.0, SR).0) - 12.0).abs() < 1e-9);
        let high = coefficients(BiquadFilterType::Highshelf, SR, 1000.0, 0.0, 1.0, -6.0);
        assert!((db(high.response(SR / 2.0, SR).0) + 6.0).abs() < 1e-9);
        let peak = coefficients(BiquadFilterType::Peaking, SR, 2000.0, 0.0, 2.0, 9.0);
        assert!((db(peak.response(2000.0, SR).0) - 9.0).abs() < 1e-9);
    }

    #[test]
    fn notch_and_allpass() {
        let notch = coefficients(BiquadFilterType::Notch, SR, 3000.0, 0.0, 5.0, 0.0);
        assert!(notch.response(3000.0, SR).0 < 1e-9);
        let all = coefficients(BiquadFilterType::Allpass, SR, 3000.0, 0.0, 5.0, 0.0);
        for f in [10.0, 500.0, 3000.0, 15_000.0] {
            assert!((all.response(f, SR).0 - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn detune_moves_the_cutoff_an_octave_per_1200_cents() {
        let a = coefficients(BiquadFilterType::Bandpass, SR, 1000.0, 1200.0, 3.0, 0.0);
        let b = coefficients(BiquadFilterType::Bandpass, SR, 2000.0, 0.0, 3.0, 0.0);
        assert_eq!(a, b);
    }

    #[test]
    fn degenerate_parameters_stay_finite() {
        use BiquadFilterType::*;
        for filter in [Lowpass, Highpass, Bandpass, Lowshelf, Highshelf, Peaking, Notch, Allpass] {
            for (f, q) in [(0.0, 1.0), (SR, 1.0), (1000.0, 0.0), (1000.0, -3.0), (f64::NAN, 1.0)] {
                let c = coefficients(filter, SR, f, 0.0, q, 6.0);
                assert!([c.b0, c.b1, c.b2, c.a1, c.a2].iter().all(|x| x.is_finite()), "{filter:?} {f} {q}: {c:?}");
            }
        }
        assert!(coefficients(Lowpass, SR, 1000.0, 0.0, 1.0, 0.0).response(-1.0, SR).0.is_nan());
        assert!(coefficients(Lowpass, SR, 1000.0, 0.0, 1.0, 0.0).response(SR, SR).1.is_nan());
    }
}

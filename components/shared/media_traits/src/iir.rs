//! The `IIRFilterNode`'s transfer function
//! (<https://webaudio.github.io/web-audio-api/#IIRFilterNode-filter-definition>), evaluated by
//! `getFrequencyResponse()` on the script side; the render thread filters with the same
//! coefficients.

use std::f64::consts::PI;

/// The response of H(z) = Σ b_m z⁻ᵐ / Σ a_n z⁻ⁿ at `frequency` Hz for a context at
/// `sample_rate`: (magnitude, phase in radians) at z = e^{iω}, ω = 2π·frequency/sample_rate.
/// Outside [0, Nyquist] both are NaN
/// (<https://webaudio.github.io/web-audio-api/#dom-iirfilternode-getfrequencyresponse>).
pub fn response(feedforward: &[f64], feedback: &[f64], frequency: f64, sample_rate: f64) -> (f64, f64) {
    if !(0.0..=sample_rate / 2.0).contains(&frequency) {
        return (f64::NAN, f64::NAN);
    }
    let omega = 2.0 * PI * frequency / sample_rate;
    // Σ c_k e^{−iωk} as (re, im).
    let sum = |coefficients: &[f64]| {
        coefficients.iter().enumerate().fold((0.0, 0.0), |(re, im), (k, c)| {
            let angle = -omega * k as f64;
            (re + c * angle.cos(), im + c * angle.sin())
        })
    };
    let (nr, ni) = sum(feedforward);
    let (dr, di) = sum(feedback);
    // (nr + i·ni) / (dr + i·di)
    let d = dr * dr + di * di;
    let (re, im) = ((nr * dr + ni * di) / d, (ni * dr - nr * di) / d);
    (re.hypot(im), im.atan2(re))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_pole_lowpass_has_its_closed_form_response() {
        // y[n] = x[n] + 0.5·y[n−1]: |H| = 1/|1 − 0.5e^{−iω}|, 2 at DC, 2/3 at Nyquist.
        let (b, a) = ([1.0], [1.0, -0.5]);
        let (m0, p0) = response(&b, &a, 0.0, 48000.0);
        assert!((m0 - 2.0).abs() < 1e-12 && p0.abs() < 1e-12);
        let (m, _) = response(&b, &a, 24000.0, 48000.0);
        assert!((m - 2.0 / 3.0).abs() < 1e-12);
        // At a quarter of the rate, ω = π/2: 1/(1 + 0.5i) = (1 − 0.5i)/1.25.
        let (m, p) = response(&b, &a, 12000.0, 48000.0);
        assert!((m - 1.0 / 1.25f64.sqrt()).abs() < 1e-12);
        assert!((p - (-0.5f64).atan2(1.0)).abs() < 1e-12);
        assert!(response(&b, &a, -1.0, 48000.0).0.is_nan());
        assert!(response(&b, &a, 24000.1, 48000.0).1.is_nan());
    }
}

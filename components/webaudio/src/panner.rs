//! `PannerNode`'s spatialization (<https://webaudio.github.io/web-audio-api/#Spatialization>):
//! the source's azimuth and elevation as the listener hears it, equal-power panning, and the
//! distance and cone gains. Computed per frame, since every position and orientation param may
//! be automated at audio rate.
//!
//! "HRTF" panning needs measured head-related impulse responses, which Aperture does not ship:
//! a panner set to it pans by equal power too (the README says so).

use media_traits::webaudio::{DistanceModel, PannerSettings, RENDER_QUANTUM_SIZE as N};

use crate::mix::{Block, silence};

type Vec3 = [f64; 3];

fn sub(a: Vec3, b: Vec3) -> Vec3 {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

fn dot(a: Vec3, b: Vec3) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn cross(a: Vec3, b: Vec3) -> Vec3 {
    [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}

fn length(a: Vec3) -> f64 {
    dot(a, a).sqrt()
}

fn normalized(a: Vec3) -> Vec3 {
    let l = length(a);
    if l == 0.0 { a } else { [a[0] / l, a[1] / l, a[2] / l] }
}

/// An acos that tolerates the rounding of a dot product of unit vectors just outside [-1, 1].
fn acos_degrees(x: f64) -> f64 {
    x.clamp(-1.0, 1.0).acos().to_degrees()
}

/// Where the listener is and looks, at one frame.
#[derive(Clone, Copy)]
pub struct Listener {
    pub position: Vec3,
    pub forward: Vec3,
    pub up: Vec3,
}

/// <https://webaudio.github.io/web-audio-api/#azimuth-elevation>: the source's azimuth and
/// elevation in degrees.
pub fn azimuth_elevation(source: Vec3, listener: &Listener) -> (f64, f64) {
    // "Calculate the source-listener vector."
    let source_listener = sub(source, listener.position);
    if length(source_listener) == 0.0 {
        return (0.0, 0.0);
    }
    let source_listener = normalized(source_listener);
    // "Align axes."
    let right = normalized(cross(listener.forward, listener.up));
    let forward = normalized(listener.forward);
    let up = cross(right, forward);
    let up_projection = dot(source_listener, up);
    let projected =
        normalized(sub(source_listener, [up[0] * up_projection, up[1] * up_projection, up[2] * up_projection]));
    let mut azimuth = acos_degrees(dot(projected, right));
    // "Source in front or behind the listener."
    if dot(projected, forward) < 0.0 {
        azimuth = 360.0 - azimuth;
    }
    // "Make azimuth relative to "forward" and not "right" listener vector."
    azimuth = if (0.0..=270.0).contains(&azimuth) { 90.0 - azimuth } else { 450.0 - azimuth };
    let mut elevation = 90.0 - acos_degrees(dot(source_listener, up));
    if elevation > 90.0 {
        elevation = 180.0 - elevation;
    } else if elevation < -90.0 {
        elevation = -180.0 - elevation;
    }
    (azimuth, elevation)
}

/// <https://webaudio.github.io/web-audio-api/#Spatialization-distance-effects>
pub fn distance_gain(source: Vec3, listener: &Listener, s: &PannerSettings) -> f64 {
    let distance = length(sub(source, listener.position));
    let (d_ref, d_max, f) = (s.ref_distance, s.max_distance, s.rolloff_factor);
    match s.distance_model {
        // "1 − f (max(min(d, d′max), d′ref) − d′ref) / (d′max − d′ref)" with d′ref = min(dref,
        // dmax), d′max = max(dref, dmax); f clamped to [0, 1]; 1 − f when they are equal.
        DistanceModel::Linear => {
            let (lo, hi) = (d_ref.min(d_max), d_ref.max(d_max));
            let f = f.clamp(0.0, 1.0);
            if lo == hi { 1.0 - f } else { 1.0 - f * (distance.clamp(lo, hi) - lo) / (hi - lo) }
        }
        // "dref / (dref + f (max(d, dref) − dref))"
        DistanceModel::Inverse => {
            let denominator = d_ref + f * (distance.max(d_ref) - d_ref);
            if denominator == 0.0 { 1.0 } else { d_ref / denominator }
        }
        // "(max(d, dref) / dref)^−f"
        DistanceModel::Exponential => {
            if d_ref == 0.0 {
                return 1.0;
            }
            (distance.max(d_ref) / d_ref).powf(-f)
        }
    }
}

/// <https://webaudio.github.io/web-audio-api/#Spatialization-sound-cones>
pub fn cone_gain(source: Vec3, orientation: Vec3, listener: &Listener, s: &PannerSettings) -> f64 {
    if length(orientation) == 0.0 || (s.cone_inner_angle == 360.0 && s.cone_outer_angle == 360.0) {
        return 1.0;
    }
    let source_to_listener = normalized(sub(listener.position, source));
    let angle = acos_degrees(dot(source_to_listener, normalized(orientation))).abs();
    let inner = s.cone_inner_angle.abs() / 2.0;
    let outer = s.cone_outer_angle.abs() / 2.0;
    if angle <= inner {
        1.0
    } else if angle >= outer {
        s.cone_outer_gain
    } else {
        let x = (angle - inner) / (outer - inner);
        (1.0 - x) + s.cone_outer_gain * x
    }
}

/// <https://webaudio.github.io/web-audio-api/#Spatialization-equal-power-panning>: one frame of
/// a mono or stereo input to (left, right).
pub fn equal_power(azimuth: f64, input: (f32, Option<f32>)) -> (f32, f32) {
    let mut azimuth = azimuth.clamp(-180.0, 180.0);
    if azimuth < -90.0 {
        azimuth = -180.0 - azimuth;
    } else if azimuth > 90.0 {
        azimuth = 180.0 - azimuth;
    }
    let x = match input.1 {
        None => (azimuth + 90.0) / 180.0,
        Some(_) if azimuth <= 0.0 => (azimuth + 90.0) / 90.0,
        Some(_) => azimuth / 90.0,
    };
    let (gain_l, gain_r) =
        ((x * std::f64::consts::FRAC_PI_2).cos() as f32, (x * std::f64::consts::FRAC_PI_2).sin() as f32);
    match input {
        (mono, None) => (mono * gain_l, mono * gain_r),
        (l, Some(r)) if azimuth <= 0.0 => (l + r * gain_l, r * gain_r),
        (l, Some(r)) => (l * gain_l, r + l * gain_r),
    }
}

/// One quantum of a panner: `input` (one or two channels), its position and orientation params
/// (x, y, z each), the listener node's output (nine channels: position, forward, up).
pub fn render(
    input: &Block,
    position: [&[f32; N]; 3],
    orientation: [&[f32; N]; 3],
    listener: Option<&Block>,
    settings: &PannerSettings,
) -> Block {
    let mut out = silence(2);
    let at = |channel: usize, i: usize, default: f32| listener.and_then(|b| b.get(channel)).map_or(default, |c| c[i]);
    for i in 0..N {
        let l = Listener {
            position: [at(0, i, 0.0).into(), at(1, i, 0.0).into(), at(2, i, 0.0).into()],
            forward: [at(3, i, 0.0).into(), at(4, i, 0.0).into(), at(5, i, -1.0).into()],
            up: [at(6, i, 0.0).into(), at(7, i, 1.0).into(), at(8, i, 0.0).into()],
        };
        let source = [position[0][i].into(), position[1][i].into(), position[2][i].into()];
        let facing = [orientation[0][i].into(), orientation[1][i].into(), orientation[2][i].into()];
        let (azimuth, _elevation) = azimuth_elevation(source, &l);
        let gain = (distance_gain(source, &l, settings) * cone_gain(source, facing, &l, settings)) as f32;
        let frame = match input.len() {
            0 => (0.0, None),
            1 => (input[0][i], None),
            _ => (input[0][i], Some(input[1][i])),
        };
        let (left, right) = equal_power(azimuth, frame);
        out[0][i] = left * gain;
        out[1][i] = right * gain;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRONT: Listener = Listener { position: [0.0; 3], forward: [0.0, 0.0, -1.0], up: [0.0, 1.0, 0.0] };

    #[test]
    fn azimuth_follows_the_listener_axes() {
        // To the right (+x) is 90°, to the left -90°, ahead 0°, above: elevation 90°.
        assert!((azimuth_elevation([1.0, 0.0, 0.0], &FRONT).0 - 90.0).abs() < 1e-9);
        assert!((azimuth_elevation([-1.0, 0.0, 0.0], &FRONT).0 + 90.0).abs() < 1e-9);
        assert!(azimuth_elevation([0.0, 0.0, -1.0], &FRONT).0.abs() < 1e-9);
        assert!((azimuth_elevation([0.0, 1.0, 0.0], &FRONT).1 - 90.0).abs() < 1e-9);
    }

    #[test]
    fn equal_power_pans_a_mono_source_fully_right_at_90_degrees() {
        let (l, r) = equal_power(90.0, (1.0, None));
        assert!(l.abs() < 1e-6 && (r - 1.0).abs() < 1e-6);
        let (l, r) = equal_power(0.0, (1.0, None));
        assert!((l - r).abs() < 1e-6 && (l - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
    }

    #[test]
    fn distance_models() {
        let s = PannerSettings::default();
        // inverse, refDistance 1, rolloff 1: 1 / d.
        assert!((distance_gain([4.0, 0.0, 0.0], &FRONT, &s) - 0.25).abs() < 1e-12);
        let linear = PannerSettings { distance_model: DistanceModel::Linear, max_distance: 11.0, ..s };
        assert!((distance_gain([6.0, 0.0, 0.0], &FRONT, &linear) - 0.5).abs() < 1e-12);
        let exponential = PannerSettings { distance_model: DistanceModel::Exponential, rolloff_factor: 2.0, ..s };
        assert!((distance_gain([2.0, 0.0, 0.0], &FRONT, &exponential) - 0.25).abs() < 1e-12);
    }

    #[test]
    fn cone_gain_between_inner_and_outer() {
        let s = PannerSettings {
            cone_inner_angle: 90.0,
            cone_outer_angle: 270.0,
            cone_outer_gain: 0.2,
            ..Default::default()
        };
        // Source at z = -1 facing away from the listener (orientation -z): angle 180 > 135.
        assert!((cone_gain([0.0, 0.0, -1.0], [0.0, 0.0, -1.0], &FRONT, &s) - 0.2).abs() < 1e-12);
        // Facing the listener: 0°.
        assert!((cone_gain([0.0, 0.0, -1.0], [0.0, 0.0, 1.0], &FRONT, &s) - 1.0).abs() < 1e-12);
        // Facing sideways: 90°, halfway between 45 and 135: 0.5 + 0.2·0.5.
        assert!((cone_gain([0.0, 0.0, -1.0], [1.0, 0.0, 0.0], &FRONT, &s) - 0.6).abs() < 1e-9);
    }
}

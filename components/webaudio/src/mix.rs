//! Channel up-mixing and down-mixing
//! (<https://webaudio.github.io/web-audio-api/#channel-up-mixing-and-down-mixing>).

use media_traits::webaudio::{ChannelConfig, ChannelCountMode, ChannelInterpretation, RENDER_QUANTUM_SIZE};

/// One render quantum of audio: `channels` buffers of 128 frames.
pub type Block = Vec<[f32; RENDER_QUANTUM_SIZE]>;

/// A silent block of `channels` channels.
pub fn silence(channels: usize) -> Block {
    vec![[0.0; RENDER_QUANTUM_SIZE]; channels.max(1)]
}

/// The computedNumberOfChannels of an input whose connections carry `inputs` channels at most
/// (<https://webaudio.github.io/web-audio-api/#computednumberofchannels>).
pub fn computed_channels(config: &ChannelConfig, max_input_channels: Option<usize>) -> usize {
    let count = config.count as usize;
    match config.mode {
        ChannelCountMode::Max => max_input_channels.unwrap_or(1),
        ChannelCountMode::ClampedMax => max_input_channels.unwrap_or(1).min(count),
        ChannelCountMode::Explicit => count,
    }
    .max(1)
}

/// Adds `src` into `dst`, up- or down-mixing it to `dst`'s channel count.
pub fn mix_into(dst: &mut Block, src: &Block, interpretation: ChannelInterpretation) {
    let (n, m) = (src.len(), dst.len());
    if interpretation == ChannelInterpretation::Speakers && n != m {
        match (n, m) {
            // Mono up-mix: "output.L = input; output.R = input".
            (1, 2) => {
                for ch in dst.iter_mut() {
                    add(ch, &src[0], 1.0);
                }
                return;
            }
            // Stereo down-mix: "output = 0.5 * (input.L + input.R)".
            (2, 1) => {
                add(&mut dst[0], &src[0], 0.5);
                add(&mut dst[0], &src[1], 0.5);
                return;
            }
            // FIXME: quad and 5.1 speaker layouts are mixed by the discrete rules.
            _ => {}
        }
    }
    // Discrete: "fill each output channel with its input counterpart"; extra output channels
    // stay silent, extra input channels are dropped.
    for (d, s) in dst.iter_mut().zip(src.iter()) {
        add(d, s, 1.0);
    }
}

fn add(dst: &mut [f32; RENDER_QUANTUM_SIZE], src: &[f32; RENDER_QUANTUM_SIZE], gain: f32) {
    for (d, s) in dst.iter_mut().zip(src.iter()) {
        *d += gain * s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(values: &[f32]) -> Block {
        values.iter().map(|v| [*v; RENDER_QUANTUM_SIZE]).collect()
    }

    #[test]
    fn speakers_mono_to_stereo_copies() {
        let mut dst = silence(2);
        mix_into(&mut dst, &block(&[0.5]), ChannelInterpretation::Speakers);
        assert_eq!(dst, block(&[0.5, 0.5]));
    }

    #[test]
    fn speakers_stereo_to_mono_averages() {
        let mut dst = silence(1);
        mix_into(&mut dst, &block(&[0.2, 0.6]), ChannelInterpretation::Speakers);
        assert!((dst[0][0] - 0.4).abs() < 1e-7);
    }

    #[test]
    fn discrete_fills_and_drops() {
        let mut dst = silence(2);
        mix_into(&mut dst, &block(&[0.5]), ChannelInterpretation::Discrete);
        assert_eq!(dst, block(&[0.5, 0.0]));
        let mut dst = silence(1);
        mix_into(&mut dst, &block(&[0.2, 0.6]), ChannelInterpretation::Discrete);
        assert_eq!(dst, block(&[0.2]));
    }

    #[test]
    fn computed_channel_counts() {
        let c = |count, mode| ChannelConfig { count, mode, interpretation: ChannelInterpretation::Speakers };
        assert_eq!(computed_channels(&c(2, ChannelCountMode::Max), Some(1)), 1);
        assert_eq!(computed_channels(&c(2, ChannelCountMode::Max), None), 1);
        assert_eq!(computed_channels(&c(1, ChannelCountMode::ClampedMax), Some(2)), 1);
        assert_eq!(computed_channels(&c(2, ChannelCountMode::Explicit), Some(1)), 2);
    }
}

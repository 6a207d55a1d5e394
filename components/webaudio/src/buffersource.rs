//! An `AudioBufferSourceNode`'s playback
//! (<https://webaudio.github.io/web-audio-api/#playback-AudioBufferSourceNode>): a playhead
//! moving through the acquired buffer content at the computed playback rate times the ratio of
//! the buffer's sample rate to the context's, reading between frames by linear interpolation,
//! wrapping between the loop points while looping.

use std::sync::Arc;

use media_traits::webaudio::{BufferData, LoopConfig, RENDER_QUANTUM_SIZE};

use crate::mix::Block;

const N: usize = RENDER_QUANTUM_SIZE;

/// The render-side state of one `AudioBufferSourceNode`.
#[derive(Default)]
pub struct BufferPlayer {
    /// The acquired content (None: the node outputs one channel of silence).
    pub buffer: Option<Arc<BufferData>>,
    /// `loop`, `loopStart`, `loopEnd`.
    pub looping: LoopConfig,
    /// `start()`'s offset, seconds of buffer time.
    pub offset: f64,
    /// `start()`'s duration, seconds of buffer time.
    pub duration: Option<f64>,
    /// The playhead, in buffer frames; None until the first frame plays.
    position: Option<f64>,
    /// Buffer frames played so far (for `duration`).
    played: f64,
    /// The playhead left the buffer (not looping) or `duration` ran out: the source stopped.
    pub finished: bool,
}

impl BufferPlayer {
    /// The loop's [actualLoopStart, actualLoopEnd) in buffer frames: "If loopStart and loopEnd
    /// are both zero, or loopStart ≥ loopEnd", the whole buffer; each clamped to the buffer.
    fn loop_frames(&self, buffer: &BufferData) -> (f64, f64) {
        let rate = buffer.sample_rate as f64;
        let len = buffer.len() as f64;
        let LoopConfig { start, end, .. } = self.looping;
        if start >= 0.0 && end > 0.0 && start < end {
            let s = (start * rate).clamp(0.0, len);
            let e = (end * rate).clamp(0.0, len);
            if s < e {
                return (s, e);
            }
        }
        (0.0, len)
    }

    /// One quantum: `playing[i]` says whether frame `i` is between `start()` and `stop()`;
    /// `rate` and `detune` are the k-rate params' values.
    pub fn render(&mut self, playing: &[bool], rate: f32, detune: f32, context_rate: f32) -> Block {
        let Some(buffer) = self.buffer.clone() else {
            return vec![[0f32; N]];
        };
        let channels = buffer.channels.len().max(1);
        let mut out = vec![[0f32; N]; channels];
        if buffer.is_empty() {
            return out;
        }
        let len = buffer.len() as f64;
        // "computedPlaybackRate(t) = playbackRate(t) * pow(2, detune(t) / 1200)", then the
        // sample-rate conversion from the buffer's rate to the context's.
        let computed = rate as f64 * 2f64.powf(detune as f64 / 1200.0);
        let step = computed * buffer.sample_rate as f64 / context_rate as f64;
        let (loop_start, loop_end) = self.loop_frames(&buffer);
        let limit = self.duration.map(|d| d * buffer.sample_rate as f64);
        for (i, &on) in playing.iter().enumerate().take(N) {
            if !on || self.finished {
                continue;
            }
            let looping = self.looping.enabled;
            let mut position = match self.position {
                Some(p) => p,
                None => {
                    // The offset is clamped to the buffer; a looping playhead starting past the
                    // loop's end starts at the loop's start.
                    let p = (self.offset * buffer.sample_rate as f64).clamp(0.0, len);
                    if looping && p >= loop_end { loop_start } else { p }
                }
            };
            if limit.is_some_and(|l| self.played >= l - 1e-9) {
                self.finished = true;
                continue;
            }
            if looping {
                let span = loop_end - loop_start;
                if position >= loop_end {
                    position = loop_start + (position - loop_end) % span;
                } else if position < loop_start && step < 0.0 {
                    position = loop_end - (loop_start - position) % span;
                }
            } else if position >= len || position < 0.0 {
                self.finished = true;
                continue;
            }
            let index = position.floor();
            let frac = (position - index) as f32;
            let index = index as usize;
            let next = if looping && index as f64 + 1.0 >= loop_end { loop_start as usize } else { index + 1 };
            for (c, data) in buffer.channels.iter().enumerate() {
                let a = data.get(index).copied().unwrap_or(0.0);
                out[c][i] = if frac == 0.0 {
                    a
                } else {
                    let b = data.get(next).copied().unwrap_or(0.0);
                    a + (b - a) * frac
                };
            }
            self.position = Some(position + step);
            self.played += step.abs();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ramp(n: usize, rate: f32) -> Arc<BufferData> {
        Arc::new(BufferData { sample_rate: rate, channels: vec![(0..n).map(|i| i as f32).collect()] })
    }

    #[test]
    fn plays_the_buffer_then_finishes() {
        let mut p = BufferPlayer { buffer: Some(ramp(100, 48000.0)), ..Default::default() };
        let out = p.render(&[true; N], 1.0, 0.0, 48000.0);
        assert_eq!(out[0][..100], (0..100).map(|i| i as f32).collect::<Vec<_>>()[..]);
        assert_eq!(out[0][100], 0.0);
        assert!(p.finished);
    }

    #[test]
    fn rate_two_skips_every_other_frame_and_loops_wrap() {
        let mut p = BufferPlayer { buffer: Some(ramp(10, 48000.0)), ..Default::default() };
        let out = p.render(&[true; N], 2.0, 0.0, 48000.0);
        assert_eq!(out[0][..5], [0.0, 2.0, 4.0, 6.0, 8.0]);
        let looping = LoopConfig { enabled: true, start: 0.0, end: 0.0 };
        let mut p = BufferPlayer { buffer: Some(ramp(4, 48000.0)), looping, ..Default::default() };
        let out = p.render(&[true; N], 1.0, 0.0, 48000.0);
        assert_eq!(out[0][..9], [0.0, 1.0, 2.0, 3.0, 0.0, 1.0, 2.0, 3.0, 0.0]);
        assert!(!p.finished);
    }

    #[test]
    fn half_rate_buffer_is_interpolated() {
        let mut p = BufferPlayer { buffer: Some(ramp(4, 24000.0)), ..Default::default() };
        let out = p.render(&[true; N], 1.0, 0.0, 48000.0);
        assert_eq!(out[0][..7], [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]);
    }
}

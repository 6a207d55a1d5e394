//! What script and the Media thread share about a playing media file.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The current playback position of a media file, written by the Media thread's decoding
/// threads as frames and audio go out and read by `currentTime` without a message.
#[derive(Clone, Debug, Default)]
pub struct PlaybackPosition(Arc<AtomicU64>);

impl PlaybackPosition {
    /// Position zero.
    pub fn new() -> PlaybackPosition {
        PlaybackPosition::default()
    }
    /// Sets the position.
    pub fn set(&self, at: Duration) {
        self.0.store(at.as_nanos() as u64, Ordering::Release);
    }
    /// Moves the position forward to `at` (never back).
    pub fn set_if_later(&self, at: Duration) {
        self.0.fetch_max(at.as_nanos() as u64, Ordering::AcqRel);
    }
    /// The position.
    pub fn get(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::Acquire))
    }
}

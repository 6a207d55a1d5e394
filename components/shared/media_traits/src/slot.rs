//! The latest-frame slot a `<video>` sink reads (`HTMLMediaElement.srcObject`).
//!
//! The media side stores each frame into the slot (an `Arc` clone of the
//! frame's pixels, never a copy); the reader takes the latest one when it
//! paints. No per-frame message goes to script, unless the slot was made with a
//! listener (`MediaStreamTrackProcessor`, which hands every frame to the page):
//! the listener then sees each stored frame on the thread that stores it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use base::VideoFrame;

/// A shared "latest frame" cell. Cloning the slot clones the handle.
#[derive(Clone, Debug, Default)]
pub struct FrameSlot(Arc<SlotInner>);

/// Called with each frame stored in a slot, on the storing thread.
pub type SlotListener = Box<dyn Fn(&VideoFrame) + Send + Sync>;

#[derive(Default)]
struct SlotInner {
    frame: Mutex<Option<VideoFrame>>,
    generation: AtomicU64,
    listener: Option<SlotListener>,
}

impl std::fmt::Debug for SlotInner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SlotInner").field("generation", &self.generation).finish_non_exhaustive()
    }
}

impl FrameSlot {
    /// An empty slot.
    pub fn new() -> FrameSlot {
        FrameSlot::default()
    }

    /// An empty slot whose `listener` sees every frame stored in it.
    pub fn with_listener(listener: SlotListener) -> FrameSlot {
        FrameSlot(Arc::new(SlotInner { listener: Some(listener), ..SlotInner::default() }))
    }

    /// Replaces the frame and bumps the generation.
    pub fn store(&self, frame: VideoFrame) {
        if let Some(listener) = &self.0.listener {
            listener(&frame);
        }
        *self.0.frame.lock().unwrap_or_else(PoisonError::into_inner) = Some(frame);
        self.0.generation.fetch_add(1, Ordering::Release);
    }

    /// The latest frame, if any (a cheap `Arc` clone).
    pub fn latest(&self) -> Option<VideoFrame> {
        self.0.frame.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// How many frames were stored so far; readers compare it to skip repaints.
    pub fn generation(&self) -> u64 {
        self.0.generation.load(Ordering::Acquire)
    }

    /// Drops the held frame (e.g. when the sink is detached).
    pub fn clear(&self) {
        *self.0.frame.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Whether two handles are the same slot.
    pub fn same_slot(&self, other: &FrameSlot) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use base::units::ImageSize;
    use base::{FrameBytes, PixelFormat};

    use super::*;

    #[test]
    fn store_shares_pixels_and_counts() {
        let slot = FrameSlot::new();
        assert!(slot.latest().is_none());
        let data = FrameBytes::new(vec![0u8; 16]);
        let frame = VideoFrame {
            size: ImageSize::new(2, 2),
            format: PixelFormat::Rgba8,
            stride: 8,
            has_alpha: false,
            data: data.clone(),
            timestamp: Duration::ZERO,
            sequence: 0,
        };
        slot.clone().store(frame);
        assert_eq!(slot.generation(), 1);
        assert!(slot.latest().unwrap().data.ptr_eq(&data));
        slot.clear();
        assert!(slot.latest().is_none());
    }
}

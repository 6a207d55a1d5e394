//! Video frames as they travel between the canvas thread, the media thread and
//! script. The pixel memory is shared (`Arc`), never copied, once a frame exists.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::units::ImageSize;

/// Byte layout of one pixel in a [`VideoFrame`].
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum PixelFormat {
    /// 8-bit R, G, B, A in memory order, alpha not premultiplied.
    Rgba8,
    /// 8-bit B, G, R, A in memory order, alpha not premultiplied.
    Bgra8,
}

impl PixelFormat {
    pub const fn bytes_per_pixel(self) -> usize {
        4
    }
}

/// Shared, immutable pixel memory. Wraps any owner (a `Vec`, a mapped
/// GStreamer buffer…) so producers hand over memory without copying it.
#[derive(Clone)]
pub struct FrameBytes(Arc<dyn AsRef<[u8]> + Send + Sync>);

impl FrameBytes {
    pub fn new<T: AsRef<[u8]> + Send + Sync + 'static>(owner: T) -> Self {
        FrameBytes(Arc::new(owner))
    }

    pub fn as_slice(&self) -> &[u8] {
        (*self.0).as_ref()
    }

    /// Whether two handles share the same memory (used to count copies in tests).
    pub fn ptr_eq(&self, other: &FrameBytes) -> bool {
        std::ptr::eq(self.as_slice().as_ptr(), other.as_slice().as_ptr())
    }

    /// A handle that does not keep the memory alive (for caches of things made from it).
    pub fn downgrade(&self) -> WeakFrameBytes {
        WeakFrameBytes(Arc::downgrade(&self.0))
    }
}

/// A [`FrameBytes`] that does not keep its memory alive.
#[derive(Clone)]
pub struct WeakFrameBytes(std::sync::Weak<dyn AsRef<[u8]> + Send + Sync>);

impl WeakFrameBytes {
    /// Whether `bytes` is the memory this handle was made from, and it is still alive.
    pub fn is(&self, bytes: &FrameBytes) -> bool {
        self.0.upgrade().is_some_and(|alive| Arc::ptr_eq(&alive, &bytes.0))
    }

    /// Whether the memory is gone.
    pub fn is_gone(&self) -> bool {
        self.0.strong_count() == 0
    }
}

impl fmt::Debug for FrameBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FrameBytes({} bytes @ {:p})", self.as_slice().len(), self.as_slice().as_ptr())
    }
}

/// One decoded video frame.
#[derive(Clone, Debug)]
pub struct VideoFrame {
    pub size: ImageSize,
    pub format: PixelFormat,
    /// Bytes from the start of one row to the start of the next.
    pub stride: usize,
    /// False when every pixel is known to be opaque.
    pub has_alpha: bool,
    pub data: FrameBytes,
    /// Presentation time relative to the source's first frame.
    pub timestamp: Duration,
    /// Per-source frame counter, starting at 0.
    pub sequence: u64,
}

impl VideoFrame {
    /// A frame of tightly packed, non-premultiplied RGBA `pixels` (`width × 4`
    /// bytes per row), timestamp and sequence 0 (a consumer that stamps frames,
    /// such as an embedder camera's, sets its own).
    pub fn from_rgba(size: ImageSize, pixels: impl AsRef<[u8]> + Send + Sync + 'static) -> VideoFrame {
        VideoFrame {
            size,
            format: PixelFormat::Rgba8,
            stride: size.width as usize * 4,
            has_alpha: true,
            data: FrameBytes::new(pixels),
            timestamp: Duration::ZERO,
            sequence: 0,
        }
    }

    /// Returns the RGBA value of pixel (x, y), converting from the stored format.
    pub fn rgba_at(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.size.width || y >= self.size.height {
            return None;
        }
        let offset = y as usize * self.stride + x as usize * self.format.bytes_per_pixel();
        let px = self.data.as_slice().get(offset..offset + 4)?;
        Some(match self.format {
            PixelFormat::Rgba8 => [px[0], px[1], px[2], px[3]],
            PixelFormat::Bgra8 => [px[2], px[1], px[0], px[3]],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rgba_at_reads_both_layouts() {
        let rgba = VideoFrame {
            size: ImageSize::new(2, 1),
            format: PixelFormat::Rgba8,
            stride: 8,
            has_alpha: false,
            data: FrameBytes::new(vec![1u8, 2, 3, 4, 5, 6, 7, 8]),
            timestamp: Duration::ZERO,
            sequence: 0,
        };
        assert_eq!(rgba.rgba_at(1, 0), Some([5, 6, 7, 8]));
        assert_eq!(rgba.rgba_at(2, 0), None);
        let bgra = VideoFrame { format: PixelFormat::Bgra8, ..rgba.clone() };
        assert_eq!(bgra.rgba_at(0, 0), Some([3, 2, 1, 4]));
        assert!(bgra.data.ptr_eq(&rgba.data));
    }
}

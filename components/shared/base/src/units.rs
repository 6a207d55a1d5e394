//! euclid unit markers.

/// Pixels of an image, a canvas bitmap or a video frame.
#[derive(Clone, Copy, Debug)]
pub enum ImagePixel {}

/// CSS pixels (canvas coordinate space before the current transform).
#[derive(Clone, Copy, Debug)]
pub enum CSSPixel {}

pub type ImageSize = euclid::Size2D<u32, ImagePixel>;
pub type ImageRect = euclid::Rect<u32, ImagePixel>;

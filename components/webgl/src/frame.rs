//! Turning a drawing buffer's read-back pixels into the frame the canvas shows.

use base::VideoFrame;
use base::units::ImageSize;
use canvas_traits::pixels::unpremultiply_in_place;
use webgl_traits::DrawingBufferAttributes;

/// Makes a canvas frame of `pixels`, RGBA rows of `size` bottom row first as `glReadPixels`
/// gives them, in place (no copy): rows flipped to top row first; colours un-premultiplied
/// when the context draws premultiplied colours; alpha 255 for a context without alpha.
/// The frame's `has_alpha` is false when every pixel is opaque.
pub(crate) fn canvas_frame(mut pixels: Vec<u8>, size: (u32, u32), attributes: &DrawingBufferAttributes) -> VideoFrame {
    let row = size.0 as usize * 4;
    flip_rows(&mut pixels, row);
    let has_alpha = if !attributes.alpha {
        for px in pixels.chunks_exact_mut(4) {
            px[3] = 255;
        }
        false
    } else if attributes.premultiplied_alpha {
        !unpremultiply_in_place(&mut pixels)
    } else {
        pixels.chunks_exact(4).any(|px| px[3] != 255)
    };
    let mut frame = VideoFrame::from_rgba(ImageSize::new(size.0, size.1), pixels);
    frame.has_alpha = has_alpha;
    frame
}

/// Reverses the order of the `row`-byte rows of `pixels`.
fn flip_rows(pixels: &mut [u8], row: usize) {
    if row == 0 {
        return;
    }
    let rows = pixels.len() / row;
    for top in 0..rows / 2 {
        let (upper, lower) = pixels.split_at_mut((rows - 1 - top) * row);
        upper[top * row..(top + 1) * row].swap_with_slice(&mut lower[..row]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes(alpha: bool, premultiplied_alpha: bool) -> DrawingBufferAttributes {
        DrawingBufferAttributes {
            alpha,
            depth: false,
            stencil: false,
            antialias: false,
            premultiplied_alpha,
            preserve_drawing_buffer: false,
        }
    }

    #[test]
    fn rows_are_flipped_in_place() {
        let mut odd: Vec<u8> = (0..3).flat_map(|r| [r; 8]).collect();
        flip_rows(&mut odd, 8);
        assert_eq!(odd, (0..3).rev().flat_map(|r| [r; 8]).collect::<Vec<u8>>());
        let mut even: Vec<u8> = (0..4).flat_map(|r| [r; 4]).collect();
        flip_rows(&mut even, 4);
        assert_eq!(even, [3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0]);
    }

    #[test]
    fn premultiplied_colours_are_divided_and_opacity_found() {
        // Bottom row: half-transparent red (premultiplied); top row: opaque green.
        let pixels = vec![128, 0, 0, 128, 0, 255, 0, 255];
        let frame = canvas_frame(pixels.clone(), (1, 2), &attributes(true, true));
        assert!(frame.has_alpha);
        assert_eq!(frame.rgba_at(0, 0), Some([0, 255, 0, 255]));
        assert_eq!(frame.rgba_at(0, 1), Some([255, 0, 0, 128]));
        let frame = canvas_frame(pixels.clone(), (1, 2), &attributes(true, false));
        assert!(frame.has_alpha);
        assert_eq!(frame.rgba_at(0, 1), Some([128, 0, 0, 128]));
        let frame = canvas_frame(pixels, (1, 2), &attributes(false, true));
        assert!(!frame.has_alpha);
        assert_eq!(frame.rgba_at(0, 1), Some([128, 0, 0, 255]));
        let frame = canvas_frame(vec![1, 2, 3, 255], (1, 1), &attributes(true, true));
        assert!(!frame.has_alpha);
    }
}

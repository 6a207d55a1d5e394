//! Applying the 2D context's `filter` to a layer: step 2 of the drawing model
//! (<https://html.spec.whatwg.org/multipage/canvas.html#drawing-model>), "use image A as an
//! input to the current filter, creating image B". The functions come parsed from
//! `canvas_traits::filter`; they run in order on the premultiplied layer, colour matrices on
//! un-premultiplied sRGB values as the Filter Effects shorthands specify.

use canvas_traits::filter::{ColorMatrix, FilterFunction};
use canvas_traits::style::Shadow;
use tiny_skia as sk;

use crate::shadow;

/// Largest margin rendered around the bitmap for a filter's blur or offset.
const MAX_MARGIN: f64 = 512.0;

/// Whether the list changes anything (a list of `url()` references only draws unfiltered).
pub(crate) fn is_effective(filter: &[FilterFunction]) -> bool {
    filter.iter().any(|f| !matches!(f, FilterFunction::Url(_)))
}

/// Pixels of margin so that content outside the bitmap that a blur or a shadow offset brings
/// inside is rendered.
pub(crate) fn margin(filter: &[FilterFunction]) -> u32 {
    let spread: f64 = filter
        .iter()
        .map(|f| match *f {
            FilterFunction::Blur(sigma) => 3.0 * sigma,
            FilterFunction::DropShadow { dx, dy, blur, .. } => 3.0 * blur / 2.0 + dx.abs().max(dy.abs()),
            _ => 0.0,
        })
        .sum();
    spread.min(MAX_MARGIN).ceil() as u32 + 1
}

/// Runs every function of `filter` on `layer`, in order.
pub(crate) fn apply(layer: &mut sk::Pixmap, filter: &[FilterFunction]) {
    for function in filter {
        match *function {
            FilterFunction::Blur(sigma) => blur(layer, sigma),
            FilterFunction::DropShadow { dx, dy, blur, color } => {
                // The shadow of the input's alpha, then the input over it.
                let Some(mut out) = shadow::render(layer, &Shadow { offset_x: dx, offset_y: dy, blur, color }) else {
                    continue;
                };
                out.draw_pixmap(0, 0, layer.as_ref(), &sk::PixmapPaint::default(), sk::Transform::identity(), None);
                *layer = out;
            }
            FilterFunction::Url(_) => {}
            _ => {
                if let Some(matrix) = function.color_matrix() {
                    apply_matrix(layer.data_mut(), &matrix);
                }
            }
        }
    }
}

/// A Gaussian blur of all four premultiplied channels.
fn blur(layer: &mut sk::Pixmap, sigma: f64) {
    if sigma <= 0.0 {
        return;
    }
    let (width, height) = (layer.width() as usize, layer.height() as usize);
    let data = layer.data_mut();
    let mut plane = vec![0u8; width * height];
    for channel in 0..4 {
        for (p, px) in plane.iter_mut().zip(data.chunks_exact(4)) {
            *p = px[channel];
        }
        shadow::blur_plane(&mut plane, width, height, sigma);
        for (p, px) in plane.iter().zip(data.chunks_exact_mut(4)) {
            px[channel] = *p;
        }
    }
    // Blurred premultiplied channels stay within alpha only up to rounding; keep them valid.
    for px in data.chunks_exact_mut(4) {
        let a = px[3];
        for c in &mut px[..3] {
            *c = (*c).min(a);
        }
    }
}

/// Applies a colour matrix to premultiplied RGBA bytes (un-premultiplying around it).
pub(crate) fn apply_matrix(data: &mut [u8], matrix: &ColorMatrix) {
    for px in data.chunks_exact_mut(4) {
        let a = px[3] as f64 / 255.0;
        if a == 0.0 {
            continue;
        }
        let [r, g, b] = [px[0], px[1], px[2]].map(|c| (c as f64 / 255.0 / a).min(1.0));
        let out = matrix.rows.map(|row| (row[0] * r + row[1] * g + row[2] * b + row[3]).clamp(0.0, 1.0));
        let alpha = (a * matrix.alpha).clamp(0.0, 1.0);
        // Back to 8 bits by truncation, as Chromium's filters do (opacity(0.5) of opaque gives
        // alpha 127, contrast(0) gives 127); the epsilon absorbs float error in exact values.
        let to_byte = |v: f64| (v * 255.0 + 1e-6).floor().clamp(0.0, 255.0);
        let alpha_byte = to_byte(alpha);
        for (c, v) in px[..3].iter_mut().zip(out) {
            *c = to_byte(v * alpha).min(alpha_byte) as u8;
        }
        px[3] = alpha_byte as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grayscale_of_pure_red_is_its_luminance() {
        // Rec. 709 luminance of (255, 0, 0): 0.2126 × 255 = 54.2.
        let mut px = [255, 0, 0, 255];
        apply_matrix(&mut px, &FilterFunction::Grayscale(1.0).color_matrix().unwrap());
        assert_eq!(px, [54, 54, 54, 255]);
    }

    #[test]
    fn invert_and_opacity_on_premultiplied_pixels() {
        // Half-transparent white (premultiplied 128) inverted is half-transparent black.
        let mut px = [128, 128, 128, 128];
        apply_matrix(&mut px, &FilterFunction::Invert(1.0).color_matrix().unwrap());
        assert_eq!(px, [0, 0, 0, 128]);
        let mut px = [200, 100, 0, 255];
        apply_matrix(&mut px, &FilterFunction::Opacity(0.5).color_matrix().unwrap());
        assert_eq!(px, [100, 50, 0, 127]);
    }

    #[test]
    fn contrast_zero_gives_mid_grey_and_brightness_scales() {
        let mut px = [10, 200, 90, 255];
        apply_matrix(&mut px, &FilterFunction::Contrast(0.0).color_matrix().unwrap());
        assert_eq!(px, [127, 127, 127, 255]);
        let mut px = [100, 50, 20, 255];
        apply_matrix(&mut px, &FilterFunction::Brightness(2.0).color_matrix().unwrap());
        assert_eq!(px, [200, 100, 40, 255]);
    }

    #[test]
    fn blur_spreads_an_edge_and_keeps_flat_areas() {
        let mut layer = sk::Pixmap::new(40, 1).unwrap();
        for (i, px) in layer.data_mut().chunks_exact_mut(4).enumerate() {
            if i < 20 {
                px.copy_from_slice(&[255, 0, 0, 255]);
            }
        }
        blur(&mut layer, 2.0);
        let alpha = |x: usize| layer.data()[x * 4 + 3];
        assert!(alpha(19) < 255 && alpha(20) > 0, "the edge is soft");
        assert_eq!(alpha(30), 0, "far from the edge stays clear");
    }
}

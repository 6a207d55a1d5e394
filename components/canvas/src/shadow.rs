//! Shadows: <https://html.spec.whatwg.org/multipage/canvas.html#when-shadows-are-drawn>.
//!
//! The shape is first rendered alone on a transparent layer A (with a margin
//! around the bitmap, so shapes just outside it still cast shadows into
//! it). The shadow B is A's alpha channel, moved by the offsets, blurred
//! with a Gaussian of standard deviation `shadowBlur / 2` (approximated by
//! three box blurs per direction), coloured with `shadowColor` and scaled by
//! its alpha. `globalAlpha` is already in A's alpha.

use canvas_traits::style::Shadow;
use tiny_skia as sk;

/// The largest margin rendered around the bitmap for a shadow; shapes
/// further outside the bitmap cast no shadow into it.
const MAX_MARGIN: f64 = 512.0;

/// Pixels of margin needed on each side so that content outside the bitmap
/// that the blur or the offset brings inside is rendered.
pub(crate) fn margin(shadow: &Shadow) -> u32 {
    let spread = 3.0 * shadow.blur / 2.0 + shadow.offset_x.abs().max(shadow.offset_y.abs());
    spread.min(MAX_MARGIN).ceil() as u32 + 1
}

/// Builds the shadow B (premultiplied, same size as `layer`) from layer A.
pub(crate) fn render(layer: &sk::Pixmap, shadow: &Shadow) -> Option<sk::Pixmap> {
    let (width, height) = (layer.width() as usize, layer.height() as usize);
    // 1. Copy A's alpha, offset by (shadowOffsetX, shadowOffsetY), sampling
    //    between pixels for fractional offsets.
    let alpha: Vec<u8> = layer.pixels().iter().map(|p| p.alpha()).collect();
    let mut b = shift_bilinear(&alpha, width, height, shadow.offset_x, shadow.offset_y);
    // 2. If shadowBlur > 0, blur with σ = shadowBlur / 2.
    blur_plane(&mut b, width, height, shadow.blur / 2.0);
    // 3. Colour every pixel with shadowColor, its alpha scaled by the colour's.
    let mut out = sk::Pixmap::new(width as u32, height as u32)?;
    let color = shadow.color;
    let scale = |c: u8, a: u32| ((c as u32 * a + 127) / 255) as u8;
    for (pixel, a) in out.data_mut().chunks_exact_mut(4).zip(b) {
        let alpha = (a as u32 * color.alpha as u32 + 127) / 255;
        pixel.copy_from_slice(&[
            scale(color.red, alpha),
            scale(color.green, alpha),
            scale(color.blue, alpha),
            alpha as u8,
        ]);
    }
    Some(out)
}

/// Blurs one 8-bit plane of `width × height` with a Gaussian of standard deviation `sigma`
/// (three box blurs per direction); outside the plane is transparent.
pub(crate) fn blur_plane(plane: &mut [u8], width: usize, height: usize, sigma: f64) {
    if sigma > 0.0 {
        for size in box_sizes(sigma) {
            box_blur_horizontal(plane, width, height, size);
            box_blur_vertical(plane, width, height, size);
        }
    }
}

/// `out(x, y) = in(x − dx, y − dy)`, bilinear between pixel centres; outside
/// the input is transparent.
fn shift_bilinear(input: &[u8], width: usize, height: usize, dx: f64, dy: f64) -> Vec<u8> {
    let (fx, fy) = ((-dx).floor(), (-dy).floor());
    let (tx, ty) = (((-dx) - fx) as f32, ((-dy) - fy) as f32);
    let (sx, sy) = (fx as i64, fy as i64);
    let at = |x: i64, y: i64| -> f32 {
        if x < 0 || y < 0 || x >= width as i64 || y >= height as i64 {
            return 0.0;
        }
        input[y as usize * width + x as usize] as f32
    };
    let mut out = vec![0u8; width * height];
    for y in 0..height as i64 {
        for x in 0..width as i64 {
            let (x0, y0) = (x + sx, y + sy);
            let top = at(x0, y0) * (1.0 - tx) + at(x0 + 1, y0) * tx;
            let bottom = at(x0, y0 + 1) * (1.0 - tx) + at(x0 + 1, y0 + 1) * tx;
            out[y as usize * width + x as usize] = (top * (1.0 - ty) + bottom * ty).round() as u8;
        }
    }
    out
}

/// Widths of three successive box blurs approximating a Gaussian of
/// standard deviation `sigma` (Kutskir, "Fastest Gaussian blur").
fn box_sizes(sigma: f64) -> [usize; 3] {
    let n = 3.0;
    let ideal = (12.0 * sigma * sigma / n + 1.0).sqrt();
    let mut lower = ideal.floor() as i64;
    if lower % 2 == 0 {
        lower -= 1;
    }
    let lower = lower.max(1);
    let upper = lower + 2;
    let l = lower as f64;
    let m = ((12.0 * sigma * sigma - n * l * l - 4.0 * n * l - 3.0 * n) / (-4.0 * l - 4.0)).round() as i64;
    [0, 1, 2].map(|i| if i < m { lower as usize } else { upper as usize })
}

/// One box blur of odd width `size` along each row; outside is transparent.
fn box_blur_horizontal(data: &mut [u8], width: usize, height: usize, size: usize) {
    let radius = size / 2;
    let mut row_copy = vec![0u8; width];
    for row in data.chunks_exact_mut(width).take(height) {
        row_copy.copy_from_slice(row);
        blur_line(&row_copy, radius, |i, v| row[i] = v);
    }
}

/// One box blur of odd width `size` along each column.
fn box_blur_vertical(data: &mut [u8], width: usize, height: usize, size: usize) {
    let radius = size / 2;
    let mut column = vec![0u8; height];
    for x in 0..width {
        for (y, value) in column.iter_mut().enumerate() {
            *value = data[y * width + x];
        }
        blur_line(&column, radius, |y, v| data[y * width + x] = v);
    }
}

/// Running-sum box filter over one line: `out[i]` is the mean of
/// `line[i − radius ..= i + radius]`, zeros outside.
fn blur_line(line: &[u8], radius: usize, mut write: impl FnMut(usize, u8)) {
    let size = (2 * radius + 1) as u32;
    let len = line.len();
    let mut sum: u32 = line.iter().take(radius + 1).map(|v| *v as u32).sum();
    for i in 0..len {
        write(i, ((sum + size / 2) / size) as u8);
        if let Some(entering) = line.get(i + radius + 1) {
            sum += *entering as u32;
        }
        if i >= radius {
            sum -= line[i - radius] as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_blur_preserves_mass_and_spreads() {
        let mut line = vec![0u8; 9];
        line[4] = 90;
        let mut out = vec![0u8; 9];
        blur_line(&line, 1, |i, v| out[i] = v);
        assert_eq!(out, [0, 0, 0, 30, 30, 30, 0, 0, 0]);
    }

    #[test]
    fn box_sizes_grow_with_sigma() {
        assert_eq!(box_sizes(0.5), [1, 1, 1], "too small for boxes: no blur");
        let [a, b, c] = box_sizes(10.0);
        assert!(a >= 19 && c <= 23 && a <= b && b <= c);
    }

    #[test]
    fn shift_moves_and_interpolates() {
        let input = [0, 200, 0, 0];
        assert_eq!(shift_bilinear(&input, 4, 1, 1.0, 0.0), [0, 0, 200, 0]);
        assert_eq!(shift_bilinear(&input, 4, 1, 0.5, 0.0), [0, 100, 100, 0]);
    }
}

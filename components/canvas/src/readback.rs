//! Reading a bitmap back out: un-premultiplied RGBA for `getImageData()`
//! and captured frames (one pass, one copy), and PNG/JPEG encoding for
//! `toDataURL()`/`toBlob()` and canvas dumps.

use base::PixelFormat;
use base::units::ImageSize;
use canvas_traits::command::{EncodeError, ImageEncoding};
use canvas_traits::style::PixelAlpha;
use euclid::default::Rect;

use canvas_traits::pixels::unpremultiply_blocks;

use crate::paint::premultiply;

/// Converts one stored pixel to premultiplied RGBA.
#[inline]
pub(crate) fn to_premultiplied_rgba(px: &[u8], format: PixelFormat, alpha: PixelAlpha) -> [u8; 4] {
    let [r, g, b] = match format {
        PixelFormat::Rgba8 => [px[0], px[1], px[2]],
        PixelFormat::Bgra8 => [px[2], px[1], px[0]],
    };
    match alpha {
        PixelAlpha::Unpremultiplied => premultiply([r, g, b, px[3]]),
        PixelAlpha::Premultiplied => [r.min(px[3]), g.min(px[3]), b.min(px[3]), px[3]],
        PixelAlpha::Opaque => [r, g, b, 255],
    }
}

/// Un-premultiplies `src` into `dst` (same length).
pub(crate) fn unpremultiply_into(dst: &mut [u8], src: &[u8], opaque: bool) {
    let mut offset = 0;
    unpremultiply_blocks(src, opaque, |bytes| {
        dst[offset..offset + bytes.len()].copy_from_slice(bytes);
        offset += bytes.len();
    });
}

/// The whole bitmap as un-premultiplied RGBA: a new buffer, written once
/// (no zero-fill first). This is the one copy a captured frame costs.
pub(crate) fn read_all(pixels: &[u8], opaque: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(pixels.len());
    unpremultiply_blocks(pixels, opaque, |bytes| out.extend_from_slice(bytes));
    out
}

/// Un-premultiplied RGBA of `rect`; pixels outside the bitmap (or all of
/// them, for a bitmap without pixels) are transparent black.
pub(crate) fn read_rect(pixels: Option<&[u8]>, size: ImageSize, opaque: bool, rect: &Rect<i64>) -> Vec<u8> {
    let (out_w, out_h) = (rect.size.width.max(0) as usize, rect.size.height.max(0) as usize);
    let mut out = vec![0u8; out_w * out_h * 4];
    let Some(pixels) = pixels else { return out };
    let bounds = Rect::new(
        euclid::default::Point2D::zero(),
        euclid::default::Size2D::new(size.width as i64, size.height as i64),
    );
    let Some(inside) = rect.intersection(&bounds) else {
        return out;
    };
    let width = size.width as usize;
    let row_bytes = inside.size.width as usize * 4;
    for row in 0..inside.size.height as usize {
        let y = inside.origin.y as usize + row;
        let src_start = (y * width + inside.origin.x as usize) * 4;
        // Offsets into the output in i64: the requested rectangle may start left of or above
        // the bitmap (a negative origin).
        let dst_row = (inside.origin.y + row as i64 - rect.origin.y) as usize;
        let dst_start = (dst_row * out_w + (inside.origin.x - rect.origin.x) as usize) * 4;
        unpremultiply_into(
            &mut out[dst_start..dst_start + row_bytes],
            &pixels[src_start..src_start + row_bytes],
            opaque,
        );
    }
    out
}

/// Encodes premultiplied RGBA pixels.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#a-serialisation-of-the-bitmap-as-a-file>:
/// PNG keeps the alpha channel (un-premultiplied); a format without alpha
/// (JPEG) gets the bitmap composited onto opaque black with source-over,
/// which is exactly the premultiplied colour, so those bytes are encoded
/// as they are.
pub(crate) fn encode(
    pixels: Option<&[u8]>,
    size: ImageSize,
    opaque: bool,
    encoding: ImageEncoding,
) -> Result<Vec<u8>, EncodeError> {
    let Some(pixels) = pixels else {
        return Err(EncodeError::Empty);
    };
    match encoding {
        ImageEncoding::Png => encode_png(&read_all(pixels, opaque), size),
        ImageEncoding::Jpeg { quality } => {
            let (Ok(width), Ok(height)) = (u16::try_from(size.width), u16::try_from(size.height)) else {
                return Err(EncodeError::Encoder("bitmap too large for JPEG".into()));
            };
            let quality = (quality.clamp(0.0, 1.0) * 100.0).round().max(1.0) as u8;
            let mut out = Vec::new();
            jpeg_encoder::Encoder::new(&mut out, quality)
                .encode(pixels, width, height, jpeg_encoder::ColorType::Rgba)
                .map_err(|e| EncodeError::Encoder(e.to_string()))?;
            Ok(out)
        }
        ImageEncoding::Webp { quality } => {
            let rgba = read_all(pixels, opaque);
            let encoder = webp::Encoder::from_rgba(&rgba, size.width, size.height);
            let encoded = if quality >= 1.0 {
                encoder.encode_simple(true, 100.0)
            } else {
                encoder.encode_simple(false, (quality.clamp(0.0, 1.0) * 100.0) as f32)
            };
            encoded.map(|memory| memory.to_vec()).map_err(|e| EncodeError::Encoder(format!("WebP: {e:?}")))
        }
    }
}

/// Encodes un-premultiplied RGBA as PNG with fast compression.
pub(crate) fn encode_png(rgba: &[u8], size: ImageSize) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size.width, size.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let to_error = |e: png::EncodingError| EncodeError::Encoder(e.to_string());
    let mut writer = encoder.write_header().map_err(to_error)?;
    writer.write_image_data(rgba).map_err(to_error)?;
    writer.finish().map_err(to_error)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpremultiply_round_trips_opaque_and_scales_translucent() {
        let src = [10, 20, 30, 255, 64, 32, 0, 128, 5, 5, 5, 0];
        let mut dst = [0u8; 12];
        unpremultiply_into(&mut dst, &src, false);
        assert_eq!(dst, [10, 20, 30, 255, 128, 64, 0, 128, 0, 0, 0, 0]);
        unpremultiply_into(&mut dst, &src, true);
        assert_eq!(dst, [10, 20, 30, 255, 64, 32, 0, 255, 5, 5, 5, 255]);
    }

    #[test]
    fn read_rect_pads_outside_with_transparent_black() {
        let pixels = [255u8; 2 * 2 * 4];
        let rect = Rect::new(euclid::default::Point2D::new(-1, 1), euclid::default::Size2D::new(2, 2));
        let out = read_rect(Some(&pixels), ImageSize::new(2, 2), false, &rect);
        assert_eq!(out, [0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0]);
        // Above and left of the bitmap (getImageData(-1, -1, …)): no panic, padded.
        let rect = Rect::new(euclid::default::Point2D::new(-1, -1), euclid::default::Size2D::new(2, 2));
        let out = read_rect(Some(&pixels), ImageSize::new(2, 2), false, &rect);
        assert_eq!(out, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255]);
    }
}

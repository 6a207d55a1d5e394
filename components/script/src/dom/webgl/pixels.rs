//! Pixel data for texture uploads and readbacks: WebGL's unpack rules
//! (<https://registry.khronos.org/webgl/specs/latest/1.0/#PIXEL_STORAGE_PARAMETERS>) applied on
//! the script thread, so the WebGL thread uploads tightly packed rows.

use base::frame::{PixelFormat, VideoFrame};

pub const UNSIGNED_BYTE: u32 = 0x1401;
pub const FLOAT: u32 = 0x1406;
pub const HALF_FLOAT_OES: u32 = 0x8D61;
pub const UNSIGNED_SHORT_4_4_4_4: u32 = 0x8033;
pub const UNSIGNED_SHORT_5_5_5_1: u32 = 0x8034;
pub const UNSIGNED_SHORT_5_6_5: u32 = 0x8363;
pub const ALPHA: u32 = 0x1906;
pub const RGB: u32 = 0x1907;
pub const RGBA: u32 = 0x1908;
pub const LUMINANCE: u32 = 0x1909;
pub const LUMINANCE_ALPHA: u32 = 0x190A;

/// Channels of an unsized WebGL 1 format, or `None` for an unknown format.
pub fn channels(format: u32) -> Option<usize> {
    Some(match format {
        ALPHA | LUMINANCE => 1,
        LUMINANCE_ALPHA => 2,
        RGB => 3,
        RGBA => 4,
        _ => return None,
    })
}

pub const DEPTH_COMPONENT: u32 = 0x1902;
pub const DEPTH_STENCIL: u32 = 0x84F9;
pub const UNSIGNED_SHORT: u32 = 0x1403;
pub const UNSIGNED_INT: u32 = 0x1405;
pub const UNSIGNED_INT_24_8: u32 = 0x84FA;

/// Whether `format` is a depth format (WEBGL_depth_texture).
pub fn is_depth(format: u32) -> bool {
    matches!(format, DEPTH_COMPONENT | DEPTH_STENCIL)
}

/// Bytes per pixel of `format` with `kind`, or `None` when the pair is not a valid WebGL 1
/// combination (packed types fix the channel count).
pub fn bytes_per_pixel(format: u32, kind: u32) -> Option<usize> {
    match (format, kind) {
        (DEPTH_COMPONENT, UNSIGNED_SHORT) => return Some(2),
        (DEPTH_COMPONENT, UNSIGNED_INT) | (DEPTH_STENCIL, UNSIGNED_INT_24_8) => return Some(4),
        _ => {}
    }
    let channels = channels(format)?;
    match kind {
        UNSIGNED_BYTE => Some(channels),
        UNSIGNED_SHORT_5_6_5 if format == RGB => Some(2),
        UNSIGNED_SHORT_4_4_4_4 | UNSIGNED_SHORT_5_5_5_1 if format == RGBA => Some(2),
        FLOAT => Some(channels * 4),
        HALF_FLOAT_OES => Some(channels * 2),
        _ => None,
    }
}

// WebGL 2.0's formats and types (OpenGL ES 3.0).
pub const RED: u32 = 0x1903;
pub const RG: u32 = 0x8227;
pub const RED_INTEGER: u32 = 0x8D94;
pub const RG_INTEGER: u32 = 0x8228;
pub const RGB_INTEGER: u32 = 0x8D98;
pub const RGBA_INTEGER: u32 = 0x8D99;
pub const BYTE: u32 = 0x1400;
pub const SHORT: u32 = 0x1402;
pub const INT: u32 = 0x1404;
pub const HALF_FLOAT: u32 = 0x140B;
pub const UNSIGNED_INT_2_10_10_10_REV: u32 = 0x8368;
pub const UNSIGNED_INT_10F_11F_11F_REV: u32 = 0x8C3B;
pub const UNSIGNED_INT_5_9_9_9_REV: u32 = 0x8C3E;
pub const FLOAT_32_UNSIGNED_INT_24_8_REV: u32 = 0x8DAD;

/// Channels of a WebGL 2.0 pixel transfer format, or `None` for an unknown one.
pub fn channels2(format: u32) -> Option<usize> {
    Some(match format {
        RED | RED_INTEGER | ALPHA | LUMINANCE | DEPTH_COMPONENT => 1,
        RG | RG_INTEGER | LUMINANCE_ALPHA | DEPTH_STENCIL => 2,
        RGB | RGB_INTEGER => 3,
        RGBA | RGBA_INTEGER => 4,
        _ => return None,
    })
}

/// Whether `kind` is a WebGL 2.0 pixel transfer type.
pub fn known_type2(kind: u32) -> bool {
    matches!(
        kind,
        UNSIGNED_BYTE
            | BYTE
            | UNSIGNED_SHORT
            | SHORT
            | UNSIGNED_INT
            | INT
            | HALF_FLOAT
            | FLOAT
            | UNSIGNED_SHORT_5_6_5
            | UNSIGNED_SHORT_4_4_4_4
            | UNSIGNED_SHORT_5_5_5_1
            | UNSIGNED_INT_2_10_10_10_REV
            | UNSIGNED_INT_10F_11F_11F_REV
            | UNSIGNED_INT_5_9_9_9_REV
            | UNSIGNED_INT_24_8
            | FLOAT_32_UNSIGNED_INT_24_8_REV
    )
}

/// Bytes per pixel of a WebGL 2.0 transfer of `format` with `kind` (packed types fix the
/// size); whether the pair is a valid combination is left to OpenGL ES 3.0, which checks it
/// against the internal format.
pub fn bytes_per_pixel2(format: u32, kind: u32) -> Option<usize> {
    let channels = channels2(format)?;
    Some(match kind {
        UNSIGNED_BYTE | BYTE => channels,
        UNSIGNED_SHORT | SHORT | HALF_FLOAT => channels * 2,
        UNSIGNED_INT | INT | FLOAT => channels * 4,
        UNSIGNED_SHORT_5_6_5 | UNSIGNED_SHORT_4_4_4_4 | UNSIGNED_SHORT_5_5_5_1 => 2,
        UNSIGNED_INT_2_10_10_10_REV | UNSIGNED_INT_10F_11F_11F_REV | UNSIGNED_INT_5_9_9_9_REV | UNSIGNED_INT_24_8 => 4,
        FLOAT_32_UNSIGNED_INT_24_8_REV => 8,
        _ => return None,
    })
}

/// The typed array classes a WebGL 2.0 ArrayBufferView transfer of `kind` may use
/// (<https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>).
pub fn view_class2(kind: u32) -> &'static [&'static str] {
    match kind {
        UNSIGNED_BYTE => &["Uint8Array", "Uint8ClampedArray"],
        BYTE => &["Int8Array"],
        SHORT => &["Int16Array"],
        INT => &["Int32Array"],
        UNSIGNED_SHORT | UNSIGNED_SHORT_5_6_5 | UNSIGNED_SHORT_4_4_4_4 | UNSIGNED_SHORT_5_5_5_1 | HALF_FLOAT => {
            &["Uint16Array"]
        }
        UNSIGNED_INT
        | UNSIGNED_INT_2_10_10_10_REV
        | UNSIGNED_INT_10F_11F_11F_REV
        | UNSIGNED_INT_5_9_9_9_REV
        | UNSIGNED_INT_24_8 => &["Uint32Array"],
        FLOAT => &["Float32Array"],
        _ => &[],
    }
}

/// Whether an upload from a DOM image source can be converted to `format`/`kind` here (the
/// 8-bit, half-float and float colour formats; not the packed 10/11-bit ones).
pub fn dom_convertible(format: u32, kind: u32) -> bool {
    match format {
        RGBA | RGB | ALPHA | LUMINANCE | LUMINANCE_ALPHA => {
            bytes_per_pixel(format, kind).is_some() || matches!(kind, HALF_FLOAT | FLOAT)
        }
        RED | RG => matches!(kind, UNSIGNED_BYTE | HALF_FLOAT | FLOAT),
        RED_INTEGER | RG_INTEGER | RGB_INTEGER | RGBA_INTEGER => kind == UNSIGNED_BYTE,
        _ => false,
    }
}

/// The typed array class an ArrayBufferView upload of `kind` must be
/// (<https://registry.khronos.org/webgl/specs/latest/1.0/#TEXIMAGE2D>).
pub fn view_class(kind: u32) -> &'static [&'static str] {
    match kind {
        UNSIGNED_BYTE => &["Uint8Array", "Uint8ClampedArray"],
        UNSIGNED_SHORT_4_4_4_4 | UNSIGNED_SHORT_5_5_5_1 | UNSIGNED_SHORT_5_6_5 | HALF_FLOAT_OES => &["Uint16Array"],
        FLOAT => &["Float32Array"],
        UNSIGNED_SHORT => &["Uint16Array"],
        UNSIGNED_INT | UNSIGNED_INT_24_8 => &["Uint32Array"],
        _ => &[],
    }
}

/// Bytes of an image of `height` rows `row` bytes long, each starting at a multiple of
/// `alignment` (the last row is not padded), and the padded row stride.
pub fn image_size(height: usize, row: usize, alignment: usize) -> (usize, usize) {
    let stride = row.div_ceil(alignment.max(1)) * alignment.max(1);
    if height == 0 { (0, stride) } else { ((height - 1) * stride + row, stride) }
}

/// Flips rows of an image of `height` rows of `stride` bytes in place.
pub fn flip_rows(data: &mut [u8], height: usize, stride: usize) {
    for y in 0..height / 2 {
        let (top, bottom) = data.split_at_mut((height - 1 - y) * stride);
        let len = stride.min(bottom.len());
        top[y * stride..y * stride + len].swap_with_slice(&mut bottom[..len]);
    }
}

/// Multiplies colour by alpha in tightly packed 8-bit RGBA.
pub fn premultiply_rgba8(data: &mut [u8]) {
    for p in data.chunks_exact_mut(4) {
        let a = u32::from(p[3]);
        for c in &mut p[..3] {
            *c = ((u32::from(*c) * a + 127) / 255) as u8;
        }
    }
}

/// A frame's pixels as tightly packed, un-premultiplied 8-bit RGBA, top row first.
pub fn frame_rgba(frame: &VideoFrame) -> Vec<u8> {
    let width = frame.size.width as usize;
    let height = frame.size.height as usize;
    let src = frame.data.as_slice();
    let mut out = Vec::with_capacity(width * height * 4);
    for y in 0..height {
        let Some(row) = src.get(y * frame.stride..y * frame.stride + width * 4) else { break };
        match frame.format {
            PixelFormat::Rgba8 => out.extend_from_slice(row),
            PixelFormat::Bgra8 => {
                for p in row.chunks_exact(4) {
                    out.extend_from_slice(&[p[2], p[1], p[0], p[3]]);
                }
            }
        }
    }
    out.resize(width * height * 4, 0);
    if !frame.has_alpha {
        for p in out.chunks_exact_mut(4) {
            p[3] = 255;
        }
    }
    out
}

fn f32_to_half(value: f32) -> u16 {
    let bits = value.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let exponent = ((bits >> 23) & 0xff) as i32 - 127 + 15;
    let mantissa = bits & 0x7f_ffff;
    if exponent <= 0 {
        return sign;
    }
    if exponent >= 31 {
        return sign | 0x7c00;
    }
    sign | ((exponent as u16) << 10) | (mantissa >> 13) as u16
}

/// Converts tightly packed 8-bit RGBA (un-premultiplied, top row first) into WebGL's
/// `format`/`kind` for an upload from a DOM image source: rows flipped when `flip_y`, colour
/// multiplied by alpha when `premultiply`; the result is tightly packed (upload it with an
/// unpack alignment of 1).
pub fn convert_rgba8(
    rgba: &[u8],
    width: usize,
    height: usize,
    format: u32,
    kind: u32,
    flip_y: bool,
    premultiply: bool,
) -> Vec<u8> {
    let bpp = bytes_per_pixel(format, kind).or_else(|| bytes_per_pixel2(format, kind)).unwrap_or(4);
    let mut out = Vec::with_capacity(width * height * bpp);
    for y in 0..height {
        let source_row = if flip_y { height - 1 - y } else { y };
        let row = &rgba[source_row * width * 4..(source_row + 1) * width * 4];
        for p in row.chunks_exact(4) {
            let [mut r, mut g, mut b, a] = [p[0], p[1], p[2], p[3]];
            if premultiply {
                let m = |c: u8| ((u32::from(c) * u32::from(a) + 127) / 255) as u8;
                r = m(r);
                g = m(g);
                b = m(b);
            }
            match kind {
                UNSIGNED_BYTE => match format {
                    ALPHA => out.push(a),
                    LUMINANCE | RED | RED_INTEGER => out.push(r),
                    LUMINANCE_ALPHA => out.extend_from_slice(&[r, a]),
                    RG | RG_INTEGER => out.extend_from_slice(&[r, g]),
                    RGB | RGB_INTEGER => out.extend_from_slice(&[r, g, b]),
                    _ => out.extend_from_slice(&[r, g, b, a]),
                },
                UNSIGNED_SHORT_5_6_5 => {
                    let v = (u16::from(r) >> 3) << 11 | (u16::from(g) >> 2) << 5 | u16::from(b) >> 3;
                    out.extend_from_slice(&v.to_ne_bytes());
                }
                UNSIGNED_SHORT_4_4_4_4 => {
                    let v = (u16::from(r) >> 4) << 12
                        | (u16::from(g) >> 4) << 8
                        | (u16::from(b) >> 4) << 4
                        | u16::from(a) >> 4;
                    out.extend_from_slice(&v.to_ne_bytes());
                }
                UNSIGNED_SHORT_5_5_5_1 => {
                    let v = (u16::from(r) >> 3) << 11
                        | (u16::from(g) >> 3) << 6
                        | (u16::from(b) >> 3) << 1
                        | u16::from(a) >> 7;
                    out.extend_from_slice(&v.to_ne_bytes());
                }
                FLOAT | HALF_FLOAT_OES | HALF_FLOAT => {
                    let all = [r, g, b, a];
                    let picked: &[u8] = match format {
                        ALPHA => &all[3..4],
                        LUMINANCE | RED => &all[0..1],
                        LUMINANCE_ALPHA => &[r, a],
                        RG => &all[0..2],
                        RGB => &all[0..3],
                        _ => &all,
                    };
                    for &c in picked {
                        let value = f32::from(c) / 255.0;
                        if kind == FLOAT {
                            out.extend_from_slice(&value.to_ne_bytes());
                        } else {
                            out.extend_from_slice(&f32_to_half(value).to_ne_bytes());
                        }
                    }
                }
                _ => out.extend_from_slice(&[r, g, b, a]),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flips_and_premultiplies() {
        // Two rows of one pixel: red half transparent, then opaque green.
        let rgba = [255, 0, 0, 128, 0, 255, 0, 255];
        assert_eq!(convert_rgba8(&rgba, 1, 2, RGBA, UNSIGNED_BYTE, true, false), vec![0, 255, 0, 255, 255, 0, 0, 128]);
        assert_eq!(convert_rgba8(&rgba, 1, 2, RGBA, UNSIGNED_BYTE, false, true)[..4], [128, 0, 0, 128]);
        assert_eq!(convert_rgba8(&rgba, 1, 2, RGB, UNSIGNED_SHORT_5_6_5, false, false)[..2], 0xf800u16.to_ne_bytes());
    }

    #[test]
    fn sizes_with_alignment() {
        assert_eq!(image_size(2, 9, 4), (21, 12));
        assert_eq!(image_size(0, 4, 4), (0, 4));
        let mut rows = vec![1, 1, 0, 0, 2, 2];
        flip_rows(&mut rows, 3, 2);
        assert_eq!(rows, vec![2, 2, 0, 0, 1, 1]);
    }
}

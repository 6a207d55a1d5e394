//! Un-premultiplying pixels, used on both sides: the canvas thread when it reads a bitmap back
//! (`getImageData()`, captured frames) and script when it turns a shared canvas snapshot into an
//! image (`createImageBitmap(canvas)`, `grabFrame()` of a canvas track).

use std::sync::OnceLock;

/// Divides the colour channels by alpha, rounding to nearest.
#[inline]
pub fn unpremultiply([r, g, b, a]: [u8; 4]) -> [u8; 4] {
    let div = |c: u8| ((c as u32 * 255 + a as u32 / 2) / a as u32).min(255) as u8;
    match a {
        255 => [r, g, b, 255],
        0 => [0, 0, 0, 0],
        _ => [div(r), div(g), div(b), a],
    }
}

/// `table[a][c]` = c × 255 / a rounded to nearest (exact, no per-pixel division); row 0 is all
/// zeros. Built once, immutable.
fn unpremultiply_table() -> &'static [[u8; 256]; 256] {
    static TABLE: OnceLock<Box<[[u8; 256]; 256]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([[0u8; 256]; 256]);
        for (a, row) in table.iter_mut().enumerate().skip(1) {
            for (c, out) in row.iter_mut().enumerate() {
                *out = unpremultiply([c as u8, 0, 0, a as u8])[0];
            }
        }
        table
    })
}

/// Pixels per block when looking for runs of opaque pixels.
const BLOCK: usize = 16 * 4;

/// Un-premultiplies premultiplied 4-byte pixels (RGBA or BGRA: alpha last) in one pass, handing
/// the output to `emit` in order, a block at a time. For an `opaque` bitmap the stored colour is
/// already "composited over black", so it is kept and alpha is forced to 255.
#[inline]
pub fn unpremultiply_blocks(src: &[u8], opaque: bool, mut emit: impl FnMut(&[u8])) {
    if opaque {
        for px in src.chunks_exact(4) {
            emit(&[px[0], px[1], px[2], 255]);
        }
        return;
    }
    let table = unpremultiply_table();
    for block in src.chunks(BLOCK) {
        // Opaque runs, the common case, are copied as they are.
        if block.chunks_exact(4).all(|px| px[3] == 255) {
            emit(block);
            continue;
        }
        for s in block.chunks_exact(4) {
            let row = &table[s[3] as usize];
            emit(&[row[s[0] as usize], row[s[1] as usize], row[s[2] as usize], s[3]]);
        }
    }
}

/// Un-premultiplies 4-byte pixels (RGBA or BGRA: alpha last) in place, in one pass, with the
/// same rounding as [`unpremultiply_blocks`]. Returns whether every pixel is opaque.
pub fn unpremultiply_in_place(data: &mut [u8]) -> bool {
    let table = unpremultiply_table();
    let mut opaque = true;
    for px in data.chunks_exact_mut(4) {
        if px[3] == 255 {
            continue;
        }
        opaque = false;
        let row = &table[px[3] as usize];
        px[0] = row[px[0] as usize];
        px[1] = row[px[1] as usize];
        px[2] = row[px[2] as usize];
    }
    opaque
}

/// Whether every pixel of the rows (`width` pixels of 4 bytes each, `stride` bytes apart) is
/// fully opaque: then premultiplied and un-premultiplied bytes are the same.
pub fn all_opaque(data: &[u8], width: usize, height: usize, stride: usize) -> bool {
    (0..height).all(|y| {
        let row = data.get(y * stride..y * stride + width * 4).unwrap_or(&[]);
        row.len() == width * 4 && row.chunks_exact(4).all(|px| px[3] == 255)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_the_division() {
        let mut out = Vec::new();
        unpremultiply_blocks(&[64, 0, 0, 128, 9, 9, 9, 0, 1, 2, 3, 255], false, |b| out.extend_from_slice(b));
        assert_eq!(out, [128, 0, 0, 128, 0, 0, 0, 0, 1, 2, 3, 255]);
        assert!(all_opaque(&[1, 2, 3, 255, 0, 0, 0, 0], 1, 1, 8));
        assert!(!all_opaque(&[1, 2, 3, 254], 1, 1, 4));
        let mut pixels = [64, 0, 0, 128, 9, 9, 9, 0, 1, 2, 3, 255];
        assert!(!unpremultiply_in_place(&mut pixels));
        assert_eq!(pixels, [128, 0, 0, 128, 0, 0, 0, 0, 1, 2, 3, 255]);
        assert!(unpremultiply_in_place(&mut [1, 2, 3, 255]));
    }
}

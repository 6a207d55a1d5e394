//! Fuzz target: image decoding for every format the canvas accepts (PNG, JPEG, WebP, GIF, BMP,
//! ICO: what `<img>`, `createImageBitmap(blob)` and `drawImage` decode).
//!
//! The decoder is `components/script/src/imaging.rs`, compiled into this test on its own:
//! `script` links SpiderMonkey, and a libFuzzer build of it would rebuild SpiderMonkey with
//! the sanitizer's flags. The input is either raw bytes behind a format's signature, or a
//! small valid image of each format with bytes changed, so the decoders get past their headers.
//!
//! Checks, besides "no panic": a decoded frame has a size within the limits and exactly
//! `width × height × 4` bytes.

#[allow(dead_code)]
#[path = "../../components/script/src/imaging.rs"]
mod imaging;

use fuzz_targets::{Bytes, fuzz};

/// Small valid images of each format, made by the encoders in the tree at first use.
fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let rgba: Vec<u8> = (0..16u8).map(|i| i.wrapping_mul(37)).collect();
        let mut png_bytes = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut png_bytes, 2, 2);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&rgba).unwrap();
        }
        let webp_lossy = webp::Encoder::from_rgba(&rgba, 2, 2).encode(50.0).to_vec();
        let webp_lossless = webp::Encoder::from_rgba(&rgba, 2, 2).encode_lossless().to_vec();
        let mut jpeg_bytes = Vec::new();
        jpeg_encoder::Encoder::new(&mut jpeg_bytes, 90).encode(&rgba, 2, 2, jpeg_encoder::ColorType::Rgba).unwrap();
        let mut gray_png = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut gray_png, 3, 1);
            enc.set_color(png::ColorType::Grayscale);
            enc.set_depth(png::BitDepth::Eight);
            enc.write_header().unwrap().write_image_data(&[0, 128, 255]).unwrap();
        }
        let mut gif_bytes = Vec::new();
        {
            let mut enc = gif::Encoder::new(&mut gif_bytes, 2, 2, &[]).unwrap();
            let mut frame = gif::Frame::from_rgba(2, 2, &mut rgba.clone());
            frame.left = 0;
            enc.write_frame(&frame).unwrap();
        }
        let mut bmp_bytes = Vec::new();
        for part in [&b"BM"[..], &70u32.to_le_bytes(), &[0; 4], &54u32.to_le_bytes(), &40u32.to_le_bytes()] {
            bmp_bytes.extend_from_slice(part);
        }
        for part in
            [&2i32.to_le_bytes()[..], &(-2i32).to_le_bytes(), &1u16.to_le_bytes(), &32u16.to_le_bytes(), &[0; 24]]
        {
            bmp_bytes.extend_from_slice(part);
        }
        bmp_bytes.extend_from_slice(&rgba);
        let mut ico_bytes = Vec::new();
        {
            let image = ico::IconImage::from_rgba_data(2, 2, rgba.clone());
            let mut dir = ico::IconDir::new(ico::ResourceType::Icon);
            dir.add_entry(ico::IconDirEntry::encode_as_bmp(&image).unwrap());
            dir.add_entry(ico::IconDirEntry::encode_as_png(&image).unwrap());
            dir.write(&mut ico_bytes).unwrap();
        }
        vec![png_bytes, gray_png, jpeg_bytes, webp_lossy, webp_lossless, gif_bytes, bmp_bytes, ico_bytes]
    })
}

const SIGNATURES: &[&[u8]] = &[
    b"\x89PNG\r\n\x1a\n",
    &[0xFF, 0xD8, 0xFF],
    b"RIFF\0\0\0\0WEBPVP8 ",
    b"RIFF\0\0\0\0WEBPVP8L",
    b"GIF89a",
    b"BM",
    &[0, 0, 1, 0],
];

fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let bytes = match b.u8() % 3 {
        0 => {
            let mut v = b.pick(SIGNATURES).to_vec();
            v.extend_from_slice(b.rest());
            v
        }
        _ => {
            let mut v = b.pick(seeds()).clone();
            for _ in 0..1 + b.below(8) {
                if b.is_empty() || v.is_empty() {
                    break;
                }
                let at = b.below(v.len());
                match b.u8() % 4 {
                    0 => v[at] = b.u8(),
                    1 => v[at] ^= 1 << (b.u8() % 8),
                    2 => v.truncate(at),
                    _ => {
                        let word = b.u32().to_be_bytes();
                        for (i, x) in word.into_iter().enumerate() {
                            if let Some(slot) = v.get_mut(at + i) {
                                *slot = x;
                            }
                        }
                    }
                }
            }
            v
        }
    };
    if let Ok(frame) = imaging::decode(&bytes) {
        let (w, h) = (frame.size.width, frame.size.height);
        assert!(w > 0 && h > 0 && w <= imaging::MAX_SIDE && h <= imaging::MAX_SIDE, "decoded size {w}x{h}");
        assert_eq!(frame.data.as_slice().len(), w as usize * h as usize * 4, "decoded buffer of a {w}x{h} image");
    }
}

#[test]
fn images() {
    assert!(seeds().len() >= 3);
    fuzz("images", run);
}

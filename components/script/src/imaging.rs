//! Pixel work behind `ImageBitmap`: decoding PNG, JPEG, WebP, GIF, BMP and ICO images, and the
//! crop / resize / flip of "cropped to the source rectangle with formatting"
//! (<https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#cropped-to-the-source-rectangle-with-formatting>).
//!
//! Images are `base::VideoFrame`s (RGBA or BGRA, not premultiplied), so a
//! frame grabbed from a camera becomes a bitmap without a copy.

use std::io::Cursor;
use std::time::Duration;

use base::units::ImageSize;
use base::{FrameBytes, PixelFormat, VideoFrame};

/// The largest image side Aperture decodes or creates (as in most engines).
pub const MAX_SIDE: u32 = 16384;

/// A new RGBA frame owning `pixels` (tightly packed rows).
pub fn rgba_frame(width: u32, height: u32, pixels: Vec<u8>, has_alpha: bool) -> VideoFrame {
    VideoFrame {
        size: ImageSize::new(width, height),
        format: PixelFormat::Rgba8,
        stride: width as usize * 4,
        has_alpha,
        data: FrameBytes::new(pixels),
        timestamp: Duration::ZERO,
        sequence: 0,
    }
}

/// A canvas snapshot as an image: shared when it needs no change (opaque or
/// unpremultiplied), else un-premultiplied into a new RGBA/BGRA buffer.
pub fn frame_from_pixels(pixels: &canvas_traits::style::ImagePixels) -> VideoFrame {
    use canvas_traits::style::PixelAlpha;
    let shared = |has_alpha| VideoFrame {
        size: pixels.size,
        format: pixels.format,
        stride: pixels.stride,
        has_alpha,
        data: pixels.data.clone(),
        timestamp: Duration::ZERO,
        sequence: 0,
    };
    match pixels.alpha {
        PixelAlpha::Opaque => shared(false),
        PixelAlpha::Unpremultiplied => shared(true),
        PixelAlpha::Premultiplied => {
            let (w, h) = (pixels.size.width as usize, pixels.size.height as usize);
            let src = pixels.data.as_slice();
            // Fully opaque content (the common case, even on a canvas with alpha) reads the same
            // premultiplied or not: share it, no copy.
            if canvas_traits::pixels::all_opaque(src, w, h, pixels.stride) {
                return shared(false);
            }
            let mut out = Vec::with_capacity(w * h * 4);
            for y in 0..h {
                let row = src.get(y * pixels.stride..y * pixels.stride + w * 4).unwrap_or(&[]);
                canvas_traits::pixels::unpremultiply_blocks(row, false, |b| out.extend_from_slice(b));
            }
            out.resize(w * h * 4, 0);
            VideoFrame { stride: w * 4, data: FrameBytes::new(out), ..shared(true) }
        }
    }
}

/// The image formats the decoder recognises by their signature
/// (<https://mimesniff.spec.whatwg.org/#image-type-pattern-matching-algorithm>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageType {
    Png,
    Jpeg,
    Webp,
    Gif,
    Bmp,
    /// Windows icons and cursors (`image/x-icon`, `image/vnd.microsoft.icon`).
    Ico,
}

/// Sniffs the image type from the first bytes.
pub fn sniff(bytes: &[u8]) -> Option<ImageType> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageType::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageType::Jpeg)
    } else if bytes.len() >= 14 && bytes.starts_with(b"RIFF") && &bytes[8..14] == b"WEBPVP" {
        Some(ImageType::Webp)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(ImageType::Gif)
    } else if bytes.starts_with(b"BM") {
        Some(ImageType::Bmp)
    } else if bytes.starts_with(&[0, 0, 1, 0]) || bytes.starts_with(&[0, 0, 2, 0]) {
        Some(ImageType::Ico)
    } else {
        None
    }
}

/// Decodes a PNG, JPEG, (still) WebP, GIF (its first frame, as browsers draw an
/// animated image that is not being shown), BMP or ICO file into an RGBA frame.
///
/// The pixels come out in sRGB: an embedded ICC profile (PNG `iCCP`, JPEG `APP2`, WebP
/// `ICCP`) is honoured, so a Display P3, Adobe RGB or CMYK picture keeps its colours
/// (<https://html.spec.whatwg.org/multipage/canvas.html#colour-spaces-and-colour-correction>).
/// An untagged image is sRGB, as the web assumes.
///
/// The image comes out as it is meant to be seen: an EXIF orientation (JPEG, PNG, WebP) is
/// applied, as browsers do for `<img>` (CSS `image-orientation: from-image`, the initial value),
/// for `drawImage()` of it and for `createImageBitmap()` with `imageOrientation: "from-image"`
/// (<https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-imagebitmapoptions-imageorientation-from-image>).
pub fn decode(bytes: &[u8]) -> Result<VideoFrame, String> {
    decode_with(bytes, true)
}

/// [`decode`], with the embedded ICC profile applied only when `color_managed`: without it an
/// RGB image's samples come out as stored (`createImageBitmap()` with `colorSpaceConversion:
/// "none"`); a CMYK JPEG's inks always go through its profile, they are no RGB.
pub fn decode_with(bytes: &[u8], color_managed: bool) -> Result<VideoFrame, String> {
    decode_inner(bytes, color_managed, false).map(|(frame, _)| frame)
}

/// [`decode`] for `<img>`: an image whose size is known but whose pixel data is damaged or
/// cut short (a PNG whose IDAT data ends early or fails its CRC, a JPEG cut in its scan) is
/// still an image, with the rows that decoded (the rest transparent for a PNG, grey for a
/// JPEG, as the decoder leaves them), and `false`: it is available but "not fully decodable"
/// (<https://html.spec.whatwg.org/multipage/images.html#img-available>), which
/// `createImageBitmap()` refuses. An image whose header does not decode is an error.
pub fn decode_lenient(bytes: &[u8]) -> Result<(VideoFrame, bool), String> {
    decode_inner(bytes, true, true)
}

/// [`decode_with`] for `createImageBitmap(blob)`: an image that is not fully decodable (see
/// [`decode_lenient`]) is an error, as the standard's "corrupted" image data.
pub fn decode_complete(bytes: &[u8], color_managed: bool) -> Result<VideoFrame, String> {
    match decode_inner(bytes, color_managed, true)? {
        (frame, true) => Ok(frame),
        (_, false) => Err("the image data is damaged or cut short".into()),
    }
}

fn decode_inner(bytes: &[u8], color_managed: bool, lenient: bool) -> Result<(VideoFrame, bool), String> {
    let mut complete = true;
    let (frame, exif) = match sniff(bytes) {
        Some(ImageType::Png) => decode_png(bytes, color_managed, lenient.then_some(&mut complete))?,
        // Without `lenient`, as before: the decoder fills in a scan cut short.
        Some(ImageType::Jpeg) if !lenient => decode_jpeg(bytes, color_managed, false)?,
        Some(ImageType::Jpeg) => match decode_jpeg(bytes, color_managed, true) {
            Ok(decoded) => decoded,
            // The strict decoder refuses a truncated scan that the lenient one fills in.
            Err(_) => {
                let decoded = decode_jpeg(bytes, color_managed, false)?;
                complete = false;
                decoded
            }
        },
        Some(ImageType::Webp) => (decode_webp(bytes, color_managed)?, webp_chunk(bytes, b"EXIF")),
        Some(ImageType::Gif) => (decode_gif(bytes)?, None),
        Some(ImageType::Bmp) => (decode_bmp(bytes)?, None),
        Some(ImageType::Ico) => (decode_ico(bytes)?, None),
        None => return Err("the data is not a PNG, JPEG, WebP, GIF, BMP or ICO image".into()),
    };
    let frame = match exif.and_then(exif_orientation) {
        Some(orientation) => orient(&frame, orientation),
        None => frame,
    };
    Ok((frame, complete))
}

/// The Orientation tag (0x0112) of the primary image in EXIF data (a TIFF structure), 2 to 8;
/// `None` for 1 (as stored), a missing tag, or data that does not parse.
fn exif_orientation(tiff: Vec<u8>) -> Option<u8> {
    // Some writers keep the APP1 marker's "Exif\0\0" prefix in PNG and WebP chunks.
    let tiff = match tiff.strip_prefix(b"Exif\0\0") {
        Some(rest) => rest.to_vec(),
        None => tiff,
    };
    let exif = exif::Reader::new().read_raw(tiff).ok()?;
    let value = exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?.value.get_uint(0)?;
    u8::try_from(value).ok().filter(|o| (2..=8).contains(o))
}

/// A chunk (EXIF, ICCP) of an extended WebP file (RIFF chunks after the 12-byte header; each
/// chunk is a FourCC, a little-endian size, and its data padded to an even length).
fn webp_chunk(bytes: &[u8], fourcc: &[u8; 4]) -> Option<Vec<u8>> {
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let size = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().ok()?) as usize;
        let data = bytes.get(at + 8..(at + 8).checked_add(size)?)?;
        if &bytes[at..at + 4] == fourcc {
            return Some(data.to_vec());
        }
        at = at + 8 + size + (size & 1);
    }
    None
}

/// `frame` (tightly packed RGBA) turned as EXIF `orientation` (2–8) says: the stored pixel
/// that each pixel of the upright image comes from. The tag names where the stored 0th row and
/// 0th column appear: 2 mirrors left–right, 3 turns 180°, 4 mirrors top–bottom, 5 transposes,
/// 6 turns 90° clockwise, 7 transverses, 8 turns 90° counter-clockwise. 5–8 swap the sides.
pub fn orient(frame: &VideoFrame, orientation: u8) -> VideoFrame {
    let (w, h) = (frame.size.width as usize, frame.size.height as usize);
    let (ow, oh) = if orientation >= 5 { (h, w) } else { (w, h) };
    let src = frame.data.as_slice();
    let mut out = vec![0u8; ow * oh * 4];
    for y in 0..oh {
        for x in 0..ow {
            let (sx, sy) = match orientation {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (y, h - 1 - x),
                7 => (w - 1 - y, h - 1 - x),
                8 => (w - 1 - y, x),
                _ => (x, y),
            };
            let from = sy * frame.stride + sx * 4;
            out[(y * ow + x) * 4..(y * ow + x) * 4 + 4].copy_from_slice(&src[from..from + 4]);
        }
    }
    rgba_frame(ow as u32, oh as u32, out, frame.has_alpha)
}

/// The first frame of a GIF, placed on the image's logical screen: pixels the
/// frame does not cover, and its transparent index, are transparent black.
fn decode_gif(bytes: &[u8]) -> Result<VideoFrame, String> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    // One full-size RGBA frame, and no more, may be allocated.
    options.set_memory_limit(gif::MemoryLimit::Bytes(
        std::num::NonZeroU64::new(MAX_SIDE as u64 * MAX_SIDE as u64 * 4).ok_or("GIF: no memory limit")?,
    ));
    let mut decoder = options.read_info(Cursor::new(bytes)).map_err(|e| format!("GIF: {e}"))?;
    let (width, height) = (u32::from(decoder.width()), u32::from(decoder.height()));
    check_size(width, height)?;
    let frame = decoder.read_next_frame().map_err(|e| format!("GIF: {e}"))?.ok_or("GIF: the image has no frame")?;
    let (w, h) = (width as usize, height as usize);
    let (fw, fh) = (usize::from(frame.width), usize::from(frame.height));
    let (left, top) = (usize::from(frame.left), usize::from(frame.top));
    if frame.buffer.len() != fw * fh * 4 {
        return Err("GIF: unexpected frame size".into());
    }
    let mut rgba = vec![0u8; w * h * 4];
    // The part of the frame inside the logical screen.
    let cols = fw.min(w.saturating_sub(left));
    let rows = if cols == 0 { 0 } else { fh.min(h.saturating_sub(top)) };
    for row in 0..rows {
        let src = &frame.buffer[row * fw * 4..(row * fw + cols) * 4];
        let at = ((top + row) * w + left) * 4;
        rgba[at..at + cols * 4].copy_from_slice(src);
    }
    let has_alpha = rgba.chunks_exact(4).any(|p| p[3] != 255);
    Ok(rgba_frame(width, height, rgba, has_alpha))
}

fn decode_bmp(bytes: &[u8]) -> Result<VideoFrame, String> {
    use zune_bmp::zune_core::colorspace::ColorSpace;
    use zune_bmp::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default().set_max_width(MAX_SIDE as usize).set_max_height(MAX_SIDE as usize);
    // zune-bmp 0.5 reads a few bytes past the last row of some small 24-bit images and fails
    // ("not enough bytes") where browsers decode them; zeros after the file's end give it room
    // and are never pixels (rows are found by offset and size).
    let mut padded = Vec::with_capacity(bytes.len() + 16);
    padded.extend_from_slice(bytes);
    padded.resize(bytes.len() + 16, 0);
    let mut decoder = zune_bmp::BmpDecoder::new_with_options(Cursor::new(padded.as_slice()), options);
    decoder.decode_headers().map_err(|e| format!("BMP: {e:?}"))?;
    let (w, h) = decoder.dimensions().ok_or("BMP: no image information")?;
    let (width, height) = (u32::try_from(w).unwrap_or(u32::MAX), u32::try_from(h).unwrap_or(u32::MAX));
    check_size(width, height)?;
    let colorspace = decoder.colorspace().ok_or("BMP: no colour space")?;
    let pixels = decoder.decode().map_err(|e| format!("BMP: {e:?}"))?;
    let count = w * h;
    let (rgba, has_alpha) = match colorspace {
        ColorSpace::RGBA => (pixels, true),
        ColorSpace::RGB => (expand(&pixels, count, 3, |p| [p[0], p[1], p[2], 255]), false),
        ColorSpace::Luma => (expand(&pixels, count, 1, |p| [p[0], p[0], p[0], 255]), false),
        other => return Err(format!("BMP: unsupported colour space {other:?}")),
    };
    if rgba.len() != count * 4 {
        return Err("BMP: unexpected output size".into());
    }
    Ok(rgba_frame(width, height, rgba, has_alpha))
}

/// An icon file holds several images; like browsers showing an `<img>` of one
/// with no size asked, the largest (then the deepest) is decoded.
fn decode_ico(bytes: &[u8]) -> Result<VideoFrame, String> {
    let dir = ico::IconDir::read(Cursor::new(bytes)).map_err(|e| format!("ICO: {e}"))?;
    let entry = dir
        .entries()
        .iter()
        .max_by_key(|e| (u64::from(e.width()) * u64::from(e.height()), e.bits_per_pixel()))
        .ok_or("ICO: the file has no image")?;
    check_size(entry.width(), entry.height())?;
    let image = entry.decode().map_err(|e| format!("ICO: {e}"))?;
    let (width, height) = (image.width(), image.height());
    check_size(width, height)?;
    let rgba = image.into_rgba_data();
    if rgba.len() != width as usize * height as usize * 4 {
        return Err("ICO: unexpected output size".into());
    }
    let has_alpha = rgba.chunks_exact(4).any(|p| p[3] != 255);
    Ok(rgba_frame(width, height, rgba, has_alpha))
}

/// WebP through libwebp; the declared size is checked before any pixel is
/// decoded. Animated WebP is refused (not decoded).
fn decode_webp(bytes: &[u8], color_managed: bool) -> Result<VideoFrame, String> {
    let features = webp::BitstreamFeatures::new(bytes).ok_or("WebP: not a valid WebP image")?;
    check_size(features.width(), features.height())?;
    if features.has_animation() {
        return Err("WebP: animated images are not supported".into());
    }
    let image = webp::Decoder::new(bytes).decode().ok_or("WebP: the image could not be decoded")?;
    let (width, height) = (image.width(), image.height());
    let pixels = width as usize * height as usize;
    let (rgba, has_alpha) = if image.is_alpha() {
        (image.to_vec(), true)
    } else {
        (expand(&image, pixels, 3, |p| [p[0], p[1], p[2], 255]), false)
    };
    if rgba.len() != pixels * 4 {
        return Err("WebP: unexpected output size".into());
    }
    let mut rgba = rgba;
    if let Some(icc) = webp_chunk(bytes, b"ICCP").filter(|_| color_managed) {
        to_srgb(&mut rgba, &icc);
    }
    Ok(rgba_frame(width, height, rgba, has_alpha))
}

/// With `complete`, pixel data that fails after the header gives the rows decoded so far and
/// sets it to false; without, it is an error.
fn decode_png(
    bytes: &[u8],
    color_managed: bool,
    complete: Option<&mut bool>,
) -> Result<(VideoFrame, Option<Vec<u8>>), String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| format!("PNG: {e}"))?;
    let (width, height, exif, icc) = {
        let info = reader.info();
        // An sRGB chunk says the data is sRGB whatever else is there.
        let icc =
            if info.srgb.is_some() || !color_managed { None } else { info.icc_profile.as_ref().map(|p| p.to_vec()) };
        (info.width, info.height, info.exif_metadata.as_ref().map(|e| e.to_vec()), icc)
    };
    check_size(width, height)?;
    let size = reader.output_buffer_size().ok_or("PNG: the image is too large")?;
    let mut buf = vec![0; size];
    let color_type = match reader.next_frame(&mut buf) {
        Ok(out) => {
            buf.truncate(out.buffer_size());
            out.color_type
        }
        Err(e) => {
            let Some(complete) = complete else { return Err(format!("PNG: {e}")) };
            *complete = false;
            // The rows decoded before the damage; the rest stay transparent.
            let (color_type, _) = reader.output_color_type();
            let bytes_per_pixel = color_type.samples();
            buf.truncate(width as usize * height as usize * bytes_per_pixel);
            if color_type == png::ColorType::Rgba || color_type == png::ColorType::GrayscaleAlpha {
                color_type
            } else {
                // No alpha channel to leave the rest transparent with: the decoded rows over
                // transparent ones.
                let pixels = width as usize * height as usize;
                let rgba = match color_type {
                    png::ColorType::Rgb => expand(&buf, pixels, 3, |p| [p[0], p[1], p[2], 255]),
                    png::ColorType::Grayscale => expand(&buf, pixels, 1, |p| [p[0], p[0], p[0], 255]),
                    _ => return Err(format!("PNG: {e}")),
                };
                buf = rgba;
                png::ColorType::Rgba
            }
        }
    };
    let pixels = width as usize * height as usize;
    let (rgba, has_alpha) = match color_type {
        png::ColorType::Rgba => (buf, true),
        png::ColorType::Rgb => (expand(&buf, pixels, 3, |p| [p[0], p[1], p[2], 255]), false),
        png::ColorType::GrayscaleAlpha => (expand(&buf, pixels, 2, |p| [p[0], p[0], p[0], p[1]]), true),
        png::ColorType::Grayscale => (expand(&buf, pixels, 1, |p| [p[0], p[0], p[0], 255]), false),
        png::ColorType::Indexed => return Err("PNG: palette not expanded".into()),
    };
    if rgba.len() != pixels * 4 {
        return Err("PNG: unexpected output size".into());
    }
    let mut rgba = rgba;
    if let Some(icc) = icc {
        to_srgb(&mut rgba, &icc);
    }
    Ok((rgba_frame(width, height, rgba, has_alpha), exif))
}

/// `strict`: a scan cut short or damaged is an error (without, the decoder fills the rest in).
fn decode_jpeg(bytes: &[u8], color_managed: bool, strict: bool) -> Result<(VideoFrame, Option<Vec<u8>>), String> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default()
        .set_strict_mode(strict)
        .jpeg_set_out_colorspace(ColorSpace::RGBA)
        .set_max_width(MAX_SIDE as usize)
        .set_max_height(MAX_SIDE as usize);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(Cursor::new(bytes), options);
    decoder.decode_headers().map_err(|e| format!("JPEG: {e:?}"))?;
    let profile = decoder.icc_profile().and_then(|icc| color_management::EmbeddedProfile::parse(&icc));
    let input = decoder.input_colorspace();
    // A CMYK (or YCCK) JPEG with a CMYK profile: its inks, decoded as stored, go through the
    // profile.
    let cmyk =
        profile.as_ref().is_some_and(|p| p.is_cmyk()) && matches!(input, Some(ColorSpace::CMYK | ColorSpace::YCCK));
    let raw = input.unwrap_or(ColorSpace::CMYK);
    if cmyk {
        decoder.set_options(options.jpeg_set_out_colorspace(raw));
    }
    let samples = decoder.decode().map_err(|e| format!("JPEG: {e:?}"))?;
    let info = decoder.info().ok_or("JPEG: no image information")?;
    let (width, height) = (info.width as u32, info.height as u32);
    check_size(width, height)?;
    if samples.len() != width as usize * height as usize * 4 {
        return Err("JPEG: unexpected output size".into());
    }
    let rgba = match profile {
        Some(profile) if cmyk => {
            let inks = jpeg_inks(&samples, raw == ColorSpace::YCCK, has_adobe_marker(bytes));
            profile.cmyk8_to_srgb_rgba(&inks).ok_or("JPEG: the CMYK profile could not be applied")?
        }
        Some(profile) if color_managed => {
            let mut pixels = samples;
            profile.rgba8_to_srgb(&mut pixels);
            pixels
        }
        _ => samples,
    };
    Ok((rgba_frame(width, height, rgba, false), decoder.exif().cloned()))
}

/// Whether a JPEG has an Adobe `APP14` segment (marker 0xFFEE, "Adobe") before its scan.
fn has_adobe_marker(bytes: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        if marker == 0xDA || marker == 0xD9 {
            return false;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if marker == 0xEE && bytes.get(at + 4..at + 9) == Some(b"Adobe") {
            return true;
        }
        at += 2 + length;
    }
    false
}

/// The ink amounts (0 = none) of a CMYK JPEG's decoded samples. Files with an Adobe `APP14`
/// segment (Photoshop's convention) store each ink inverted (255 = no ink), others as they
/// are; a YCCK file stores the complements of C, M and Y as YCbCr.
fn jpeg_inks(samples: &[u8], ycck: bool, inverted: bool) -> Vec<u8> {
    let mut inks = Vec::with_capacity(samples.len());
    for p in samples.chunks_exact(4) {
        let (c, m, y) = if ycck {
            let (luma, cb, cr) = (f32::from(p[0]), f32::from(p[1]) - 128.0, f32::from(p[2]) - 128.0);
            // YCbCr to RGB gives the complement of the stored C, M and Y (as libjpeg's YCCK to
            // CMYK conversion).
            let channel = |v: f32| 255 - v.round().clamp(0.0, 255.0) as u8;
            (channel(luma + 1.402 * cr), channel(luma - 0.344_136 * cb - 0.714_136 * cr), channel(luma + 1.772 * cb))
        } else {
            (p[0], p[1], p[2])
        };
        let ink = |v: u8| if inverted { 255 - v } else { v };
        inks.extend_from_slice(&[ink(c), ink(m), ink(y), ink(p[3])]);
    }
    inks
}

/// Converts tightly packed RGBA from the colour space of the ICC profile `icc` to sRGB, in
/// place. A profile that does not parse, or is not an RGB profile (a grey one), leaves the
/// pixels as they are.
fn to_srgb(rgba: &mut [u8], icc: &[u8]) {
    if let Some(profile) = color_management::EmbeddedProfile::parse(icc) {
        profile.rgba8_to_srgb(rgba);
    }
}

fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err("the image has no pixels".into());
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!("the image is too large ({width}x{height})"));
    }
    Ok(())
}

fn expand(buf: &[u8], pixels: usize, channels: usize, f: impl Fn(&[u8]) -> [u8; 4]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pixels * 4);
    for p in buf.chunks_exact(channels).take(pixels) {
        out.extend_from_slice(&f(p));
    }
    out
}

/// How a resize samples (`ResizeQuality`): "pixelated" is nearest neighbour,
/// every other quality is bilinear.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sampling {
    Nearest,
    Bilinear,
}

/// A source rectangle in the frame's pixel space; it may extend past the
/// frame (those pixels are transparent black).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceRect {
    pub x: i64,
    pub y: i64,
    pub width: u32,
    pub height: u32,
}

/// "Cropped to the source rectangle with formatting": the part of `frame`
/// under `rect`, scaled to `output` and flipped vertically if asked. When
/// nothing changes, the frame is shared, not copied.
pub fn crop_scale_flip(
    frame: &VideoFrame,
    rect: SourceRect,
    output: ImageSize,
    sampling: Sampling,
    flip_y: bool,
) -> VideoFrame {
    let whole = rect.x == 0 && rect.y == 0 && rect.width == frame.size.width && rect.height == frame.size.height;
    if whole && output == frame.size && !flip_y {
        return frame.clone();
    }
    let (ow, oh) = (output.width as usize, output.height as usize);
    let mut out = vec![0u8; ow * oh * 4];
    let src = frame.data.as_slice();
    let (fw, fh) = (frame.size.width as i64, frame.size.height as i64);
    let inside = rect.x >= 0 && rect.y >= 0 && rect.x + rect.width as i64 <= fw && rect.y + rect.height as i64 <= fh;
    // Reads pixel (x, y) of the source, transparent black outside it.
    let read = |x: i64, y: i64| -> [f32; 4] {
        if x < 0 || y < 0 || x >= fw || y >= fh {
            return [0.0; 4];
        }
        let o = y as usize * frame.stride + x as usize * 4;
        match src.get(o..o + 4) {
            Some(p) => [p[0] as f32, p[1] as f32, p[2] as f32, p[3] as f32],
            None => [0.0; 4],
        }
    };
    let sx = rect.width as f64 / ow.max(1) as f64;
    let sy = rect.height as f64 / oh.max(1) as f64;
    for oy in 0..oh {
        let dy = if flip_y { oh - 1 - oy } else { oy };
        for ox in 0..ow {
            let px = match sampling {
                Sampling::Nearest => {
                    let x = rect.x + ((ox as f64 + 0.5) * sx).floor() as i64;
                    let y = rect.y + ((oy as f64 + 0.5) * sy).floor() as i64;
                    read(x, y)
                }
                Sampling::Bilinear => {
                    // Sample centres, clamped to the rectangle so edges do not bleed in.
                    let fx = (rect.x as f64 + (ox as f64 + 0.5) * sx - 0.5)
                        .clamp(rect.x as f64, (rect.x + rect.width as i64 - 1) as f64);
                    let fy = (rect.y as f64 + (oy as f64 + 0.5) * sy - 0.5)
                        .clamp(rect.y as f64, (rect.y + rect.height as i64 - 1) as f64);
                    let (x0, y0) = (fx.floor() as i64, fy.floor() as i64);
                    let (tx, ty) = ((fx - x0 as f64) as f32, (fy - y0 as f64) as f32);
                    let (x1, y1) =
                        ((x0 + 1).min(rect.x + rect.width as i64 - 1), (y0 + 1).min(rect.y + rect.height as i64 - 1));
                    let (a, b, c, d) = (read(x0, y0), read(x1, y0), read(x0, y1), read(x1, y1));
                    let mut p = [0.0f32; 4];
                    for i in 0..4 {
                        let top = a[i] + (b[i] - a[i]) * tx;
                        let bottom = c[i] + (d[i] - c[i]) * tx;
                        p[i] = top + (bottom - top) * ty;
                    }
                    p
                }
            };
            let o = (dy * ow + ox) * 4;
            for i in 0..4 {
                out[o + i] = px[i].round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    VideoFrame {
        size: output,
        format: frame.format,
        stride: ow * 4,
        has_alpha: frame.has_alpha || !inside,
        data: FrameBytes::new(out),
        timestamp: frame.timestamp,
        sequence: frame.sequence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame_2x2() -> VideoFrame {
        // red, green / blue, white
        rgba_frame(2, 2, vec![255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255], false)
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some(ImageType::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ImageType::Jpeg));
        assert_eq!(sniff(b"II*\0"), None);
        assert!(decode(b"not an image").is_err());
        assert!(decode(b"\x89PNG\r\n\x1a\ntruncated").is_err());
    }

    #[test]
    fn gif_first_frame_on_its_logical_screen() {
        // A 3x2 screen; the first frame is 1x1 at (2, 1) with palette entry 1 (green); entry 0
        // is transparent. A second frame must not be drawn.
        let mut bytes = Vec::new();
        {
            let palette = [255, 0, 0, 0, 255, 0];
            let mut enc = gif::Encoder::new(&mut bytes, 3, 2, &palette).unwrap();
            let mut frame = gif::Frame { width: 1, height: 1, left: 2, top: 1, ..Default::default() };
            frame.buffer = std::borrow::Cow::Borrowed(&[1]);
            frame.transparent = Some(0);
            enc.write_frame(&frame).unwrap();
            let mut second = gif::Frame { width: 3, height: 2, ..Default::default() };
            second.buffer = std::borrow::Cow::Borrowed(&[0, 0, 0, 0, 0, 0]);
            enc.write_frame(&second).unwrap();
        }
        assert_eq!(sniff(&bytes), Some(ImageType::Gif));
        let f = decode(&bytes).unwrap();
        assert_eq!(f.size, ImageSize::new(3, 2));
        assert_eq!(f.rgba_at(2, 1), Some([0, 255, 0, 255]));
        assert_eq!(f.rgba_at(0, 0), Some([0, 0, 0, 0]));
        assert!(f.has_alpha);
    }

    #[test]
    fn gif_frame_outside_its_screen_draws_nothing() {
        // Found by the `images` fuzz target: a first frame entirely right of the screen.
        let mut bytes = Vec::new();
        {
            let palette = [255, 0, 0, 0, 255, 0];
            let mut enc = gif::Encoder::new(&mut bytes, 3, 2, &palette).unwrap();
            let mut frame = gif::Frame { width: 1, height: 1, left: 5, top: 1, ..Default::default() };
            frame.buffer = std::borrow::Cow::Borrowed(&[1]);
            enc.write_frame(&frame).unwrap();
        }
        let f = decode(&bytes).unwrap();
        assert_eq!(f.size, ImageSize::new(3, 2));
        assert_eq!(f.rgba_at(2, 1), Some([0, 0, 0, 0]));
    }

    #[test]
    fn bmp_bottom_up_24_bit() {
        // 2x2, 24 bits per pixel, rows bottom-up, each padded to 4 bytes.
        let mut bytes = Vec::new();
        let pixel_data: [u8; 16] = [
            0, 0, 255, 0, 255, 0, 0, 0, // bottom row: red, green (BGR), padding
            255, 0, 0, 255, 255, 255, 0, 0, // top row: blue, white
        ];
        bytes.extend_from_slice(b"BM");
        bytes.extend_from_slice(&(54u32 + 16).to_le_bytes());
        bytes.extend_from_slice(&[0; 4]);
        bytes.extend_from_slice(&54u32.to_le_bytes());
        bytes.extend_from_slice(&40u32.to_le_bytes());
        bytes.extend_from_slice(&2i32.to_le_bytes());
        bytes.extend_from_slice(&2i32.to_le_bytes());
        bytes.extend_from_slice(&1u16.to_le_bytes());
        bytes.extend_from_slice(&24u16.to_le_bytes());
        bytes.extend_from_slice(&[0; 24]);
        bytes.extend_from_slice(&pixel_data);
        assert_eq!(sniff(&bytes), Some(ImageType::Bmp));
        let f = decode(&bytes).unwrap();
        assert_eq!(f.size, ImageSize::new(2, 2));
        assert_eq!(f.rgba_at(0, 1), Some([255, 0, 0, 255]));
        assert_eq!(f.rgba_at(1, 1), Some([0, 255, 0, 255]));
        assert_eq!(f.rgba_at(0, 0), Some([0, 0, 255, 255]));
        assert_eq!(f.rgba_at(1, 0), Some([255, 255, 255, 255]));
    }

    #[test]
    fn bmp_one_row_with_padding() {
        // 2x1, 24 bits per pixel: green, blue, then two bytes of row padding.
        let mut bytes = b"BM".to_vec();
        for v in [62u32, 0, 54, 40, 2, 1] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        bytes.extend_from_slice(&1u16.to_le_bytes());
        bytes.extend_from_slice(&24u16.to_le_bytes());
        bytes.extend_from_slice(&[0; 24]);
        bytes.extend_from_slice(&[0, 255, 0, 255, 0, 0, 0, 0]);
        let f = decode(&bytes).unwrap();
        assert_eq!(f.rgba_at(0, 0), Some([0, 255, 0, 255]));
        assert_eq!(f.rgba_at(1, 0), Some([0, 0, 255, 255]));
    }

    #[test]
    fn ico_decodes_its_largest_image() {
        let mut dir = ico::IconDir::new(ico::ResourceType::Icon);
        let small = ico::IconImage::from_rgba_data(1, 1, vec![255, 0, 0, 255]);
        dir.add_entry(ico::IconDirEntry::encode_as_bmp(&small).unwrap());
        let large = ico::IconImage::from_rgba_data(2, 2, [0, 0, 255, 128].repeat(4));
        dir.add_entry(ico::IconDirEntry::encode_as_png(&large).unwrap());
        let mut bytes = Vec::new();
        dir.write(&mut bytes).unwrap();
        assert_eq!(sniff(&bytes), Some(ImageType::Ico));
        let f = decode(&bytes).unwrap();
        assert_eq!(f.size, ImageSize::new(2, 2));
        assert_eq!(f.rgba_at(1, 1), Some([0, 0, 255, 128]));
        assert!(f.has_alpha);
    }

    #[test]
    fn truncated_gif_bmp_and_ico_are_errors() {
        for bytes in [&b"GIF89a\x02\x00"[..], &b"BM\x00\x00"[..], &[0, 0, 1, 0, 1][..]] {
            assert!(decode(bytes).is_err());
        }
    }

    #[test]
    fn png_round_trip() {
        let mut bytes = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut bytes, 2, 1);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&[1, 2, 3, 4, 5, 6]).unwrap();
        }
        let f = decode(&bytes).unwrap();
        assert_eq!(f.size, ImageSize::new(2, 1));
        assert_eq!(f.rgba_at(1, 0), Some([4, 5, 6, 255]));
        assert!(!f.has_alpha);
    }

    #[test]
    fn png_with_a_display_p3_profile_decodes_to_srgb() {
        // Display P3 (255, 0, 0) is outside sRGB: it lands on sRGB red; the alpha is kept.
        let mut bytes = Vec::new();
        {
            let mut info = png::Info::with_size(1, 1);
            info.color_type = png::ColorType::Rgba;
            info.bit_depth = png::BitDepth::Eight;
            info.icc_profile = color_management::icc_profile(color_management::RgbSpace::DisplayP3).map(Into::into);
            let enc = png::Encoder::with_info(&mut bytes, info).unwrap();
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&[187, 0, 0, 204]).unwrap();
        }
        let f = decode(&bytes).unwrap();
        let [r, g, b, a] = f.rgba_at(0, 0).unwrap();
        assert!(r.abs_diff(205) <= 2 && g <= 2 && b <= 2 && a == 204, "{:?}", [r, g, b, a]);
        // Without colour management the samples are as stored.
        assert_eq!(decode_with(&bytes, false).unwrap().rgba_at(0, 0), Some([187, 0, 0, 204]));
    }

    #[test]
    fn cmyk_jpeg_inks() {
        // An APP14 "Adobe" segment right after SOI marks inverted inks.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xEE, 0, 14];
        jpeg.extend_from_slice(b"Adobe\0\x64\0\0\0\0\x02");
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0, 2]);
        assert!(has_adobe_marker(&jpeg));
        assert!(!has_adobe_marker(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]));
        // Full cyan, stored inverted as CMYK (0, 255, 255, 255), or not inverted.
        assert_eq!(jpeg_inks(&[0, 255, 255, 255], false, true), [255, 0, 0, 0]);
        assert_eq!(jpeg_inks(&[255, 0, 0, 0], false, false), [255, 0, 0, 0]);
        // YCCK's YCbCr holds the complement of the stored C, M and Y: black YCbCr is stored
        // (255, 255, 255), no ink; white is stored (0, 0, 0), every ink.
        assert_eq!(jpeg_inks(&[0, 128, 128, 255], true, true), [0, 0, 0, 0]);
        assert_eq!(jpeg_inks(&[255, 128, 128, 0], true, true), [255, 255, 255, 255]);
    }

    #[test]
    fn whole_frame_is_shared() {
        let f = frame_2x2();
        let g = crop_scale_flip(&f, SourceRect { x: 0, y: 0, width: 2, height: 2 }, f.size, Sampling::Bilinear, false);
        assert!(g.data.ptr_eq(&f.data));
    }

    #[test]
    fn crop_flip_and_outside() {
        let f = frame_2x2();
        let g = crop_scale_flip(
            &f,
            SourceRect { x: 1, y: 0, width: 1, height: 2 },
            ImageSize::new(1, 2),
            Sampling::Nearest,
            true,
        );
        assert_eq!(g.rgba_at(0, 0), Some([255, 255, 255, 255]));
        assert_eq!(g.rgba_at(0, 1), Some([0, 255, 0, 255]));
        let h = crop_scale_flip(
            &f,
            SourceRect { x: -1, y: 0, width: 2, height: 1 },
            ImageSize::new(2, 1),
            Sampling::Nearest,
            false,
        );
        assert_eq!(h.rgba_at(0, 0), Some([0, 0, 0, 0]));
        assert_eq!(h.rgba_at(1, 0), Some([255, 0, 0, 255]));
        assert!(h.has_alpha);
    }

    #[test]
    fn canvas_pixels_are_unpremultiplied() {
        use canvas_traits::style::{ImagePixels, PixelAlpha};
        let pixels = ImagePixels {
            size: ImageSize::new(2, 1),
            stride: 8,
            format: PixelFormat::Rgba8,
            alpha: PixelAlpha::Premultiplied,
            data: FrameBytes::new(vec![64u8, 0, 0, 128, 9, 9, 9, 0]),
        };
        let f = frame_from_pixels(&pixels);
        assert_eq!(f.rgba_at(0, 0), Some([128, 0, 0, 128]));
        assert_eq!(f.rgba_at(1, 0), Some([0, 0, 0, 0]));
        let opaque = ImagePixels { alpha: PixelAlpha::Opaque, ..pixels.clone() };
        assert!(frame_from_pixels(&opaque).data.ptr_eq(&pixels.data), "opaque pixels are shared");
    }

    #[test]
    fn scaling() {
        let f = frame_2x2();
        let up = crop_scale_flip(
            &f,
            SourceRect { x: 0, y: 0, width: 2, height: 2 },
            ImageSize::new(4, 4),
            Sampling::Nearest,
            false,
        );
        assert_eq!(up.rgba_at(1, 1), Some([255, 0, 0, 255]));
        assert_eq!(up.rgba_at(3, 3), Some([255, 255, 255, 255]));
        let down = crop_scale_flip(
            &f,
            SourceRect { x: 0, y: 0, width: 2, height: 2 },
            ImageSize::new(1, 1),
            Sampling::Bilinear,
            false,
        );
        // The average of the four pixels.
        assert_eq!(down.rgba_at(0, 0), Some([128, 128, 128, 255]));
    }
}

//! The DOM-free arithmetic of WebCodecs' `VideoFrame` (<https://w3c.github.io/webcodecs/>):
//! the planes of each `VideoPixelFormat`, the rectangle checks ("Parse Visible Rect", "Verify
//! Rect Offset Alignment"), "Compute Layout and Allocation Size", the copy loop of `copyTo()`,
//! and the conversion of any format to 8-bit RGBA for rendering and for `copyTo({format})`.
//!
//! A frame's pixels (its "media resource") are a [`Resource`]: planes over shared bytes
//! (`base::FrameBytes`), so a frame made from a canvas, an ImageBitmap or a camera shares its
//! pixels and `clone()` never copies.

use std::time::Duration;

use base::units::ImageSize;
use base::{FrameBytes, PixelFormat, VideoFrame};

/// How the samples of one plane are laid out: bytes per sample and the sub-sampling factors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plane {
    pub sample_bytes: u32,
    pub sub_w: u32,
    pub sub_h: u32,
}

/// The families of <https://w3c.github.io/webcodecs/#enumdef-videopixelformat>.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Yuv420,
    Yuv422,
    Yuv444,
    Nv12,
    Rgb { bgr: bool },
}

/// A `VideoPixelFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Format {
    family: Family,
    /// Bits per sample: 8, 10 or 12 (10 and 12 are stored in two little-endian bytes).
    bits: u8,
    alpha: bool,
}

/// Every format, by its IDL name.
const FORMATS: &[(&str, Format)] = &[
    ("I420", Format { family: Family::Yuv420, bits: 8, alpha: false }),
    ("I420P10", Format { family: Family::Yuv420, bits: 10, alpha: false }),
    ("I420P12", Format { family: Family::Yuv420, bits: 12, alpha: false }),
    ("I420A", Format { family: Family::Yuv420, bits: 8, alpha: true }),
    ("I420AP10", Format { family: Family::Yuv420, bits: 10, alpha: true }),
    ("I420AP12", Format { family: Family::Yuv420, bits: 12, alpha: true }),
    ("I422", Format { family: Family::Yuv422, bits: 8, alpha: false }),
    ("I422P10", Format { family: Family::Yuv422, bits: 10, alpha: false }),
    ("I422P12", Format { family: Family::Yuv422, bits: 12, alpha: false }),
    ("I422A", Format { family: Family::Yuv422, bits: 8, alpha: true }),
    ("I422AP10", Format { family: Family::Yuv422, bits: 10, alpha: true }),
    ("I422AP12", Format { family: Family::Yuv422, bits: 12, alpha: true }),
    ("I444", Format { family: Family::Yuv444, bits: 8, alpha: false }),
    ("I444P10", Format { family: Family::Yuv444, bits: 10, alpha: false }),
    ("I444P12", Format { family: Family::Yuv444, bits: 12, alpha: false }),
    ("I444A", Format { family: Family::Yuv444, bits: 8, alpha: true }),
    ("I444AP10", Format { family: Family::Yuv444, bits: 10, alpha: true }),
    ("I444AP12", Format { family: Family::Yuv444, bits: 12, alpha: true }),
    ("NV12", Format { family: Family::Nv12, bits: 8, alpha: false }),
    ("RGBA", Format { family: Family::Rgb { bgr: false }, bits: 8, alpha: true }),
    ("RGBX", Format { family: Family::Rgb { bgr: false }, bits: 8, alpha: false }),
    ("BGRA", Format { family: Family::Rgb { bgr: true }, bits: 8, alpha: true }),
    ("BGRX", Format { family: Family::Rgb { bgr: true }, bits: 8, alpha: false }),
];

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        FORMATS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }

    pub fn name(self) -> &'static str {
        FORMATS.iter().find(|(_, f)| *f == self).map_or("RGBA", |(n, _)| n)
    }

    /// An [RGB format](https://w3c.github.io/webcodecs/#rgb-format).
    pub fn is_rgb(self) -> bool {
        matches!(self.family, Family::Rgb { .. })
    }

    pub fn has_alpha(self) -> bool {
        self.alpha
    }

    /// The format's "equivalent opaque format".
    pub fn opaque(self) -> Format {
        Format { alpha: false, ..self }
    }

    /// The planes "as defined by format", in order.
    pub fn planes(self) -> Vec<Plane> {
        let b = if self.bits > 8 { 2 } else { 1 };
        let plane = |sample_bytes, sub_w, sub_h| Plane { sample_bytes, sub_w, sub_h };
        let mut planes = match self.family {
            Family::Rgb { .. } => return vec![plane(4, 1, 1)],
            Family::Nv12 => return vec![plane(1, 1, 1), plane(2, 2, 2)],
            Family::Yuv420 => vec![plane(b, 1, 1), plane(b, 2, 2), plane(b, 2, 2)],
            Family::Yuv422 => vec![plane(b, 1, 1), plane(b, 2, 1), plane(b, 2, 1)],
            Family::Yuv444 => vec![plane(b, 1, 1), plane(b, 1, 1), plane(b, 1, 1)],
        };
        if self.alpha {
            planes.push(plane(b, 1, 1));
        }
        planes
    }
}

/// A rectangle as `DOMRectInit` gives it (doubles; pixels are addressed by truncating).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RectF {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl RectF {
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> RectF {
        RectF { x, y, width, height }
    }

    /// "If any attribute … is negative or not finite".
    pub fn is_negative_or_not_finite(&self) -> bool {
        [self.x, self.y, self.width, self.height].iter().any(|v| !v.is_finite() || *v < 0.0)
    }

    /// The truncated integer rectangle (x, y, width, height).
    pub fn truncated(&self) -> (u32, u32, u32, u32) {
        let t = |v: f64| v.trunc().clamp(0.0, u32::MAX as f64) as u32;
        (t(self.x), t(self.y), t(self.width), t(self.height))
    }
}

/// <https://w3c.github.io/webcodecs/#videoframe-verify-rect-offset-alignment>
pub fn verify_rect_offset_alignment(format: Option<Format>, rect: &RectF) -> bool {
    // 1. If format is null, return true.
    let Some(format) = format else { return true };
    // 2–4. For each plane, x must be a multiple of its sampleWidth and y of its sampleHeight.
    let (x, y, ..) = rect.truncated();
    format.planes().iter().all(|p| x % p.sub_w == 0 && y % p.sub_h == 0)
}

/// <https://w3c.github.io/webcodecs/#videoframe-parse-visible-rect>; `Err` is a TypeError.
pub fn parse_visible_rect(
    default: RectF,
    override_rect: Option<RectF>,
    coded_width: u32,
    coded_height: u32,
    format: Option<Format>,
) -> Result<RectF, String> {
    // 1. Let sourceRect be defaultRect.
    let mut source = default;
    // 2. If overrideRect is not undefined:
    if let Some(rect) = override_rect {
        // 2.1. If any attribute of overrideRect is negative or not finite, return a TypeError.
        if rect.is_negative_or_not_finite() {
            return Err("The rect has a negative or non-finite member.".into());
        }
        // 2.2. If either of overrideRect.width or height is 0, return a TypeError.
        if rect.width == 0.0 || rect.height == 0.0 {
            return Err("The rect has a zero width or height.".into());
        }
        // 2.3–2.4. x + width must not exceed codedWidth, y + height not codedHeight.
        if rect.x + rect.width > coded_width as f64 {
            return Err(format!("The rect's right edge is past the coded width ({coded_width})."));
        }
        if rect.y + rect.height > coded_height as f64 {
            return Err(format!("The rect's bottom edge is past the coded height ({coded_height})."));
        }
        // 2.5. Assign overrideRect to sourceRect.
        source = rect;
    }
    // 3–4. If the offset is not aligned to the format's sub-sampling, throw a TypeError.
    if !verify_rect_offset_alignment(format, &source) {
        return Err("The rect's offset is not aligned to the format's sub-sampling.".into());
    }
    // 5. Return sourceRect.
    Ok(source)
}

/// A "computed plane layout".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ComputedPlane {
    pub destination_offset: u32,
    pub destination_stride: u32,
    pub source_top: u32,
    pub source_height: u32,
    pub source_left_bytes: u32,
    pub source_width_bytes: u32,
}

/// A "combined buffer layout".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CombinedLayout {
    pub allocation_size: u32,
    pub planes: Vec<ComputedPlane>,
}

/// <https://w3c.github.io/webcodecs/#videoframe-compute-layout-and-allocation-size>; `layout`
/// is the page's (offset, stride) per plane. `Err` is a TypeError.
pub fn compute_layout(rect: &RectF, format: Format, layout: Option<&[(u32, u32)]>) -> Result<CombinedLayout, String> {
    // 1. Let numPlanes be the number of planes as defined by format.
    let planes = format.planes();
    // 2. If layout is not undefined and its length does not equal numPlanes, throw a TypeError.
    if let Some(layout) = layout
        && layout.len() != planes.len()
    {
        return Err(format!("The layout has {} planes, the format {}.", layout.len(), planes.len()));
    }
    let (x, y, width, height) = rect.truncated();
    // 3–5. minAllocationSize = 0, computedLayouts and endOffsets empty.
    let mut min_allocation: u64 = 0;
    let mut computed: Vec<ComputedPlane> = Vec::with_capacity(planes.len());
    let mut ends: Vec<u64> = Vec::with_capacity(planes.len());
    // 7. For each plane:
    for (index, plane) in planes.iter().enumerate() {
        // 7.6–7.9. The source rows and bytes of this plane under the rectangle.
        let mut c = ComputedPlane {
            destination_offset: 0,
            destination_stride: 0,
            source_top: y.div_ceil(plane.sub_h),
            source_height: height.div_ceil(plane.sub_h),
            source_left_bytes: (x / plane.sub_w) * plane.sample_bytes,
            source_width_bytes: (width / plane.sub_w) * plane.sample_bytes,
        };
        match layout {
            // 7.10. The page's layout: the stride must hold a row.
            Some(layout) => {
                let (offset, stride) = layout[index];
                if stride < c.source_width_bytes {
                    return Err(format!(
                        "The stride of plane {index} is smaller than a row ({}).",
                        c.source_width_bytes
                    ));
                }
                c.destination_offset = offset;
                c.destination_stride = stride;
            }
            // 7.11. Tight packing.
            None => {
                c.destination_offset = min_allocation as u32;
                c.destination_stride = c.source_width_bytes;
            }
        }
        // 7.12–7.14. planeSize and planeEnd must fit an unsigned long.
        let size = c.destination_stride as u64 * c.source_height as u64;
        let end = size + c.destination_offset as u64;
        if size > u32::MAX as u64 || end > u32::MAX as u64 {
            return Err("The layout is larger than 4 GiB.".into());
        }
        // 7.15–7.16.
        ends.push(end);
        min_allocation = min_allocation.max(end);
        // 7.17–7.18. Planes must not overlap an earlier one.
        for (earlier, earlier_end) in computed.iter().zip(&ends) {
            if end <= earlier.destination_offset as u64 || *earlier_end <= c.destination_offset as u64 {
                continue;
            }
            return Err(format!("Plane {index} overlaps an earlier plane."));
        }
        computed.push(c);
    }
    Ok(CombinedLayout { allocation_size: min_allocation as u32, planes: computed })
}

/// One plane of a resource: where its rows start in the shared bytes, and their stride.
#[derive(Clone, Debug)]
pub struct PlaneData {
    pub data: FrameBytes,
    pub offset: usize,
    pub stride: usize,
}

/// A frame's media resource: its format, coded size and planes.
#[derive(Clone, Debug)]
pub struct Resource {
    pub format: Format,
    pub coded_width: u32,
    pub coded_height: u32,
    pub planes: Vec<PlaneData>,
}

impl Resource {
    /// Bytes its planes' buffers hold (a buffer shared by several planes counted once).
    pub fn byte_size(&self) -> usize {
        let mut total = 0;
        for (i, plane) in self.planes.iter().enumerate() {
            if !self.planes[..i].iter().any(|earlier| earlier.data.ptr_eq(&plane.data)) {
                total += plane.data.as_slice().len();
            }
        }
        total
    }
}

/// How YUV samples become RGB: the matrix's Kr and Kb, and whether the range is full.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YuvMatrix {
    pub kr: f32,
    pub kb: f32,
    pub full_range: bool,
}

impl YuvMatrix {
    /// BT.709, limited range (the "REC709 Color Space").
    pub const REC709: YuvMatrix = YuvMatrix { kr: 0.2126, kb: 0.0722, full_range: false };

    /// The matrix of a `VideoMatrixCoefficients` name ("rgb" or unknown: BT.709).
    pub fn from_names(matrix: Option<&str>, full_range: Option<bool>) -> YuvMatrix {
        let (kr, kb) = match matrix {
            Some("bt470bg") | Some("smpte170m") => (0.299, 0.114),
            Some("bt2020-ncl") => (0.2627, 0.0593),
            _ => (0.2126, 0.0722),
        };
        YuvMatrix { kr, kb, full_range: full_range.unwrap_or(false) }
    }
}

impl Resource {
    /// A resource over a frame from a canvas, an image, a bitmap or a camera: one RGBA or BGRA
    /// plane sharing the frame's bytes (RGBX/BGRX when the frame is known to be opaque).
    pub fn from_video_frame(frame: &VideoFrame) -> Resource {
        let name = match (frame.format, frame.has_alpha) {
            (PixelFormat::Rgba8, true) => "RGBA",
            (PixelFormat::Rgba8, false) => "RGBX",
            (PixelFormat::Bgra8, true) => "BGRA",
            (PixelFormat::Bgra8, false) => "BGRX",
        };
        Resource {
            format: Format::from_name(name).unwrap_or(Format {
                family: Family::Rgb { bgr: false },
                bits: 8,
                alpha: true,
            }),
            coded_width: frame.size.width,
            coded_height: frame.size.height,
            planes: vec![PlaneData { data: frame.data.clone(), offset: 0, stride: frame.stride }],
        }
    }

    /// A new resource of `coded_width`×`coded_height` holding a copy of the pixels of `data`
    /// under `rect`, laid out in `data` as `layout` says ("a new media resource containing a copy
    /// of data", the visible rectangle at the same place in the resource; the rest is zero).
    pub fn copy_from_buffer(
        data: &[u8],
        format: Format,
        coded_width: u32,
        coded_height: u32,
        layout: &CombinedLayout,
    ) -> Resource {
        let planes = format.planes();
        let mut out = Vec::with_capacity(planes.len());
        for (plane, computed) in planes.iter().zip(&layout.planes) {
            let stride = (coded_width.div_ceil(plane.sub_w) * plane.sample_bytes) as usize;
            let rows = coded_height.div_ceil(plane.sub_h) as usize;
            let mut bytes = vec![0u8; stride * rows];
            let row_bytes = computed.source_width_bytes as usize;
            for row in 0..computed.source_height as usize {
                let src = computed.destination_offset as usize + row * computed.destination_stride as usize;
                let dst = (computed.source_top as usize + row) * stride + computed.source_left_bytes as usize;
                if let (Some(s), Some(d)) = (data.get(src..src + row_bytes), bytes.get_mut(dst..dst + row_bytes)) {
                    d.copy_from_slice(s);
                }
            }
            out.push(PlaneData { data: FrameBytes::new(bytes), offset: 0, stride });
        }
        Resource { format, coded_width, coded_height, planes: out }
    }

    /// The copy loop of `copyTo()` (steps 10.1–10.4): each plane's rows under the layout's
    /// source rectangle into `destination` at the layout's offsets and strides. Returns the
    /// (offset, stride) of each plane as `PlaneLayout`s.
    pub fn copy_to(&self, destination: &mut [u8], layout: &CombinedLayout) -> Vec<(u32, u32)> {
        let mut layouts = Vec::with_capacity(layout.planes.len());
        for (plane, computed) in self.planes.iter().zip(&layout.planes) {
            let source = plane.data.as_slice();
            let row_bytes = computed.source_width_bytes as usize;
            let mut source_offset =
                plane.offset + computed.source_top as usize * plane.stride + computed.source_left_bytes as usize;
            let mut destination_offset = computed.destination_offset as usize;
            for _ in 0..computed.source_height {
                if let (Some(s), Some(d)) = (
                    source.get(source_offset..source_offset + row_bytes),
                    destination.get_mut(destination_offset..destination_offset + row_bytes),
                ) {
                    d.copy_from_slice(s);
                }
                source_offset += plane.stride;
                destination_offset += computed.destination_stride as usize;
            }
            layouts.push((computed.destination_offset, row_bytes as u32));
        }
        layouts
    }

    /// Reads sample (x, y) of plane `index` (already divided by the sub-sampling), scaled to
    /// 0..=1.
    fn sample(&self, index: usize, x: u32, y: u32) -> f32 {
        let Some(plane) = self.planes.get(index) else { return 0.0 };
        let bytes = plane.data.as_slice();
        let wide = self.format.bits > 8;
        let at = plane.offset + y as usize * plane.stride + x as usize * if wide { 2 } else { 1 };
        if wide {
            let v = bytes.get(at..at + 2).map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
            v as f32 / ((1u32 << self.format.bits) - 1) as f32
        } else {
            bytes.get(at).copied().unwrap_or(0) as f32 / 255.0
        }
    }

    /// The pixels of the rectangle (x, y, width, height) as tightly packed 8-bit RGBA
    /// ("Convert to RGB frame" into sRGB; YUV through `matrix`). Alpha is 255 for opaque formats.
    pub fn to_rgba(&self, (x0, y0, width, height): (u32, u32, u32, u32), matrix: YuvMatrix) -> Vec<u8> {
        let mut out = vec![0u8; width as usize * height as usize * 4];
        let to_byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        if let Family::Rgb { bgr } = self.format.family {
            let Some(plane) = self.planes.first() else { return out };
            let bytes = plane.data.as_slice();
            for row in 0..height as usize {
                let src = plane.offset + (y0 as usize + row) * plane.stride + x0 as usize * 4;
                let dst = row * width as usize * 4;
                let (Some(s), Some(d)) =
                    (bytes.get(src..src + width as usize * 4), out.get_mut(dst..dst + width as usize * 4))
                else {
                    continue;
                };
                for (s, d) in s.chunks_exact(4).zip(d.chunks_exact_mut(4)) {
                    let (r, b) = if bgr { (s[2], s[0]) } else { (s[0], s[2]) };
                    d.copy_from_slice(&[r, s[1], b, if self.format.alpha { s[3] } else { 255 }]);
                }
            }
            return out;
        }
        let planes = self.format.planes();
        let (kr, kb) = (matrix.kr, matrix.kb);
        let kg = 1.0 - kr - kb;
        let bit_scale = ((1u32 << self.format.bits) - 1) as f32;
        // Limited range: Y in [16, 235], C in [16, 240] at 8 bits (scaled for 10/12 bits).
        let (y_off, y_range, c_range) = if matrix.full_range {
            (0.0, 1.0, 1.0)
        } else {
            let unit = (1u32 << (self.format.bits - 8)) as f32 / bit_scale;
            (16.0 * unit, 219.0 * unit, 224.0 * unit)
        };
        // The neutral chroma value (128 at 8 bits).
        let half = (1u32 << (self.format.bits - 1)) as f32 / bit_scale;
        for row in 0..height {
            for col in 0..width {
                let (x, y) = (x0 + col, y0 + row);
                let luma = self.sample(0, x, y);
                let (cb, cr) = match self.format.family {
                    Family::Nv12 => {
                        let (cx, cy) = (x / 2, y / 2);
                        (self.sample_nv12(cx * 2, cy), self.sample_nv12(cx * 2 + 1, cy))
                    }
                    _ => (
                        self.sample(1, x / planes[1].sub_w, y / planes[1].sub_h),
                        self.sample(2, x / planes[2].sub_w, y / planes[2].sub_h),
                    ),
                };
                let yv = (luma - y_off) / y_range;
                let u = (cb - half) / c_range;
                let v = (cr - half) / c_range;
                let r = yv + 2.0 * (1.0 - kr) * v;
                let b = yv + 2.0 * (1.0 - kb) * u;
                let g = (yv - kr * r - kb * b) / kg;
                let a = if self.format.alpha { self.sample(3, x, y) } else { 1.0 };
                let at = (row as usize * width as usize + col as usize) * 4;
                out[at..at + 4].copy_from_slice(&[to_byte(r), to_byte(g), to_byte(b), to_byte(a)]);
            }
        }
        out
    }

    /// NV12's interleaved chroma plane, byte `x` of row `y`.
    fn sample_nv12(&self, x: u32, y: u32) -> f32 {
        let Some(plane) = self.planes.get(1) else { return 0.0 };
        let at = plane.offset + y as usize * plane.stride + x as usize;
        plane.data.as_slice().get(at).copied().unwrap_or(0) as f32 / 255.0
    }

    /// The rectangle as a `base::VideoFrame` for drawing: shared when the resource is an
    /// RGBA/BGRA plane covering exactly the rectangle, else converted (a copy).
    pub fn to_video_frame(&self, rect: (u32, u32, u32, u32), matrix: YuvMatrix, timestamp: Duration) -> VideoFrame {
        let (x, y, width, height) = rect;
        if let Family::Rgb { bgr } = self.format.family
            && (x, y, width, height) == (0, 0, self.coded_width, self.coded_height)
            && let Some(plane) = self.planes.first()
            && plane.offset == 0
        {
            return VideoFrame {
                size: ImageSize::new(width, height),
                format: if bgr { PixelFormat::Bgra8 } else { PixelFormat::Rgba8 },
                stride: plane.stride,
                has_alpha: self.format.alpha,
                data: plane.data.clone(),
                timestamp,
                sequence: 0,
            };
        }
        VideoFrame {
            size: ImageSize::new(width, height),
            format: PixelFormat::Rgba8,
            stride: width as usize * 4,
            has_alpha: self.format.alpha,
            data: FrameBytes::new(self.to_rgba(rect, matrix)),
            timestamp,
            sequence: 0,
        }
    }
}

/// Rotates an RGBA-like frame clockwise by `rotation` (0, 90, 180 or 270) and then flips it
/// horizontally if asked ("rotating clockwise by rotation degrees, and flipping horizontally").
pub fn rotate_and_flip(frame: &VideoFrame, rotation: u32, flip: bool) -> VideoFrame {
    if rotation == 0 && !flip {
        return frame.clone();
    }
    let (w, h) = (frame.size.width as usize, frame.size.height as usize);
    let (ow, oh) = if rotation == 90 || rotation == 270 { (h, w) } else { (w, h) };
    let src = frame.data.as_slice();
    let mut out = vec![0u8; ow * oh * 4];
    for oy in 0..oh {
        for ox in 0..ow {
            let fx = if flip { ow - 1 - ox } else { ox };
            // The source pixel that lands on (fx, oy) after a clockwise rotation.
            let (sx, sy) = match rotation {
                90 => (oy, h - 1 - fx),
                180 => (w - 1 - fx, h - 1 - oy),
                270 => (w - 1 - oy, fx),
                _ => (fx, oy),
            };
            let s = sy * frame.stride + sx * 4;
            let d = (oy * ow + ox) * 4;
            if let Some(p) = src.get(s..s + 4) {
                out[d..d + 4].copy_from_slice(p);
            }
        }
    }
    VideoFrame {
        size: ImageSize::new(ow as u32, oh as u32),
        format: frame.format,
        stride: ow * 4,
        has_alpha: frame.has_alpha,
        data: FrameBytes::new(out),
        timestamp: frame.timestamp,
        sequence: frame.sequence,
    }
}

/// `frame` with its pixels in BGRA order: shared if they already are, else swizzled (a copy).
/// Frames of images and canvases are BGRA/BGRX in every browser; pages that read them back
/// without asking for a format expect that order.
pub fn to_bgra(frame: &VideoFrame) -> VideoFrame {
    if frame.format == PixelFormat::Bgra8 {
        return frame.clone();
    }
    let (w, h) = (frame.size.width as usize, frame.size.height as usize);
    let src = frame.data.as_slice();
    let mut out = Vec::with_capacity(w * h * 4);
    for y in 0..h {
        let row = src.get(y * frame.stride..y * frame.stride + w * 4).unwrap_or(&[]);
        for px in row.chunks_exact(4) {
            out.extend_from_slice(&[px[2], px[1], px[0], px[3]]);
        }
    }
    out.resize(w * h * 4, 0);
    VideoFrame { format: PixelFormat::Bgra8, stride: w * 4, data: FrameBytes::new(out), ..frame.clone() }
}

/// <https://w3c.github.io/webcodecs/#videoframe-parse-rotation>
pub fn parse_rotation(rotation: f64) -> u32 {
    if !rotation.is_finite() {
        return 0;
    }
    // 1. alignedRotation: the nearest multiple of 90, ties towards positive infinity.
    let aligned = (rotation / 90.0 + 0.5).floor() * 90.0;
    // 2–3. Minus the greatest multiple of 360 not above it.
    (aligned - (aligned / 360.0).floor() * 360.0) as u32
}

/// <https://w3c.github.io/webcodecs/#videoframe-add-rotations>
pub fn add_rotations(base_rotation: u32, base_flip: bool, rotation: u32) -> u32 {
    let combined =
        if base_flip { base_rotation as i64 - rotation as i64 } else { base_rotation as i64 + rotation as i64 };
    combined.rem_euclid(360) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i420() -> Format {
        Format::from_name("I420").unwrap()
    }

    #[test]
    fn tight_i420_layout_of_an_odd_size() {
        let layout = compute_layout(&RectF::new(0.0, 0.0, 5.0, 3.0), i420(), None).unwrap();
        // Y 5×3, U and V (5/2)=2 bytes wide, ceil(3/2)=2 rows.
        assert_eq!(layout.planes[0].destination_stride, 5);
        assert_eq!(layout.planes[1].destination_offset, 15);
        assert_eq!(layout.planes[1].source_width_bytes, 2);
        assert_eq!(layout.planes[2].destination_offset, 19);
        assert_eq!(layout.allocation_size, 23);
    }

    #[test]
    fn page_layouts_are_checked() {
        let rect = RectF::new(0.0, 0.0, 4.0, 2.0);
        let rgba = Format::from_name("RGBA").unwrap();
        assert_eq!(compute_layout(&rect, rgba, Some(&[(8, 16)])).unwrap().allocation_size, 40);
        assert!(compute_layout(&rect, rgba, Some(&[(0, 15)])).is_err(), "stride below a row");
        assert!(compute_layout(&rect, i420(), Some(&[(0, 4)])).is_err(), "plane count");
        assert!(compute_layout(&rect, i420(), Some(&[(0, 4), (4, 2), (8, 2)])).is_err(), "overlap");
        assert!(compute_layout(&rect, i420(), Some(&[(0, 4), (8, 2), (10, 2)])).is_ok());
    }

    #[test]
    fn rects_are_parsed_as_the_spec_says() {
        let coded = RectF::new(0.0, 0.0, 4.0, 4.0);
        assert!(parse_visible_rect(coded, Some(RectF::new(1.0, 0.0, 2.0, 2.0)), 4, 4, Some(i420())).is_err());
        assert!(parse_visible_rect(coded, Some(RectF::new(2.0, 2.0, 2.0, 2.0)), 4, 4, Some(i420())).is_ok());
        assert!(parse_visible_rect(coded, Some(RectF::new(0.0, 0.0, 5.0, 1.0)), 4, 4, None).is_err());
        assert!(parse_visible_rect(coded, Some(RectF::new(0.0, 0.0, 0.0, 1.0)), 4, 4, None).is_err());
        assert!(parse_visible_rect(coded, Some(RectF::new(0.0, f64::NAN, 1.0, 1.0)), 4, 4, None).is_err());
    }

    #[test]
    fn i420_converts_to_rgb() {
        // A 2×2 frame, limited range BT.709: Y=235, U=V=128 is white; Y=16 black.
        let data = [235u8, 16, 235, 16, 128, 128];
        let layout = compute_layout(&RectF::new(0.0, 0.0, 2.0, 2.0), i420(), None).unwrap();
        let resource = Resource::copy_from_buffer(&data, i420(), 2, 2, &layout);
        let rgba = resource.to_rgba((0, 0, 2, 2), YuvMatrix::REC709);
        assert_eq!(&rgba[0..4], &[255, 255, 255, 255]);
        assert_eq!(&rgba[4..8], &[0, 0, 0, 255]);
        // Pure red in BT.709 limited range is about Y=63, U=102, V=240.
        let red = [63u8, 63, 63, 63, 102, 240];
        let resource = Resource::copy_from_buffer(&red, i420(), 2, 2, &layout);
        let px = &resource.to_rgba((0, 0, 1, 1), YuvMatrix::REC709)[..4];
        assert!(px[0] > 250 && px[1] < 5 && px[2] < 5, "{px:?}");
    }

    #[test]
    fn copy_to_round_trips_a_rect() {
        let rgba = Format::from_name("RGBA").unwrap();
        let data: Vec<u8> = (0..32).collect();
        let full = compute_layout(&RectF::new(0.0, 0.0, 4.0, 2.0), rgba, None).unwrap();
        let resource = Resource::copy_from_buffer(&data, rgba, 4, 2, &full);
        let part = compute_layout(&RectF::new(1.0, 1.0, 2.0, 1.0), rgba, None).unwrap();
        let mut out = vec![0u8; part.allocation_size as usize];
        assert_eq!(resource.copy_to(&mut out, &part), vec![(0, 8)]);
        assert_eq!(out, (20..28).collect::<Vec<u8>>());
    }

    #[test]
    fn rotations() {
        assert_eq!(parse_rotation(45.0), 90);
        assert_eq!(parse_rotation(-90.0), 270);
        assert_eq!(parse_rotation(720.0), 0);
        assert_eq!(add_rotations(90, true, 180), 270);
        let frame = crate::imaging::rgba_frame(2, 1, vec![1, 1, 1, 1, 2, 2, 2, 2], true);
        let turned = rotate_and_flip(&frame, 90, false);
        assert_eq!((turned.size.width, turned.size.height), (1, 2));
        assert_eq!(turned.data.as_slice(), &[1, 1, 1, 1, 2, 2, 2, 2]);
        let flipped = rotate_and_flip(&frame, 0, true);
        assert_eq!(flipped.data.as_slice(), &[2, 2, 2, 2, 1, 1, 1, 1]);
    }
}

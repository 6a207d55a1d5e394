//! Conversions from the plain-data drawing state of `canvas_traits` to
//! tiny-skia: paths, shaders (colours, gradients, patterns), blend modes,
//! strokes and image sources.

use std::borrow::Cow;

use base::PixelFormat;
use canvas_traits::color::RgbaColor;
use canvas_traits::style::{
    CompositeOperation, DrawOptions, Gradient, GradientGeometry, ImagePixels, ImageSmoothing, PaintStyle, PixelAlpha,
    SmoothingQuality,
};
use euclid::default::Transform2D;
use tiny_skia as sk;

/// Converts euclid's row-vector matrix to tiny-skia's.
pub(crate) fn to_sk_transform(t: &Transform2D<f32>) -> sk::Transform {
    sk::Transform::from_row(t.m11, t.m12, t.m21, t.m22, t.m31, t.m32)
}

/// The path and stroke forms are shared with script's hit testing.
pub(crate) use canvas_traits::hit::{sk_stroke, to_sk_path};

pub(crate) fn blend_mode(op: CompositeOperation) -> sk::BlendMode {
    use CompositeOperation as C;
    use sk::BlendMode as B;
    match op {
        C::SourceOver => B::SourceOver,
        C::SourceIn => B::SourceIn,
        C::SourceOut => B::SourceOut,
        C::SourceAtop => B::SourceAtop,
        C::DestinationOver => B::DestinationOver,
        C::DestinationIn => B::DestinationIn,
        C::DestinationOut => B::DestinationOut,
        C::DestinationAtop => B::DestinationAtop,
        C::Lighter => B::Plus,
        C::Copy => B::Source,
        C::Clear => B::Clear,
        C::Xor => B::Xor,
        C::Multiply => B::Multiply,
        C::Screen => B::Screen,
        C::Overlay => B::Overlay,
        C::Darken => B::Darken,
        C::Lighten => B::Lighten,
        C::ColorDodge => B::ColorDodge,
        C::ColorBurn => B::ColorBurn,
        C::HardLight => B::HardLight,
        C::SoftLight => B::SoftLight,
        C::Difference => B::Difference,
        C::Exclusion => B::Exclusion,
        C::Hue => B::Hue,
        C::Saturation => B::Saturation,
        C::Color => B::Color,
        C::Luminosity => B::Luminosity,
    }
}

/// The sampling filter for images under the given smoothing settings.
/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-imagesmoothingenabled>
pub(crate) fn filter_quality(smoothing: ImageSmoothing) -> sk::FilterQuality {
    match (smoothing.enabled, smoothing.quality) {
        (false, _) => sk::FilterQuality::Nearest,
        (true, SmoothingQuality::Low) => sk::FilterQuality::Bilinear,
        (true, SmoothingQuality::Medium | SmoothingQuality::High) => sk::FilterQuality::Bicubic,
    }
}

pub(crate) fn sk_color(color: RgbaColor) -> sk::Color {
    sk::Color::from_rgba8(color.red, color.green, color.blue, color.alpha)
}

/// Premultiplied RGBA pixels ready for tiny-skia, borrowed when the source
/// already has that layout, converted (one pass) otherwise.
pub(crate) struct SourcePixmap<'a> {
    data: Cow<'a, [u8]>,
    width: u32,
    height: u32,
}

impl<'a> SourcePixmap<'a> {
    /// Wraps canvas pixels (premultiplied RGBA, tightly packed).
    pub(crate) fn borrowed(data: &'a [u8], width: u32, height: u32) -> SourcePixmap<'a> {
        SourcePixmap { data: Cow::Borrowed(data), width, height }
    }

    /// Views shared image pixels as premultiplied RGBA; `None` when they
    /// are empty or malformed.
    pub(crate) fn from_image(image: &'a ImagePixels) -> Option<SourcePixmap<'a>> {
        let (width, height) = (image.size.width, image.size.height);
        if width == 0 || height == 0 || !image.is_well_formed() {
            return None;
        }
        let row = width as usize * 4;
        let bytes = image.data.as_slice();
        let ready = image.format == PixelFormat::Rgba8 && image.alpha == PixelAlpha::Premultiplied;
        if ready && image.stride == row {
            return Some(SourcePixmap::borrowed(&bytes[..row * height as usize], width, height));
        }
        let mut out = vec![0u8; row * height as usize];
        for (y, out_row) in out.chunks_exact_mut(row).enumerate() {
            let in_row = &bytes[y * image.stride..y * image.stride + row];
            for (o, i) in out_row.chunks_exact_mut(4).zip(in_row.chunks_exact(4)) {
                let [r, g, b] = match image.format {
                    PixelFormat::Rgba8 => [i[0], i[1], i[2]],
                    PixelFormat::Bgra8 => [i[2], i[1], i[0]],
                };
                let px = match image.alpha {
                    PixelAlpha::Opaque => [r, g, b, 255],
                    PixelAlpha::Premultiplied => [r.min(i[3]), g.min(i[3]), b.min(i[3]), i[3]],
                    PixelAlpha::Unpremultiplied => premultiply([r, g, b, i[3]]),
                };
                o.copy_from_slice(&px);
            }
        }
        Some(SourcePixmap { data: Cow::Owned(out), width, height })
    }

    pub(crate) fn as_ref(&self) -> Option<sk::PixmapRef<'_>> {
        sk::PixmapRef::from_bytes(&self.data, self.width, self.height)
    }

    pub(crate) fn width(&self) -> u32 {
        self.width
    }

    /// The premultiplied RGBA bytes, `4 * width` per row.
    pub(crate) fn data(&self) -> &[u8] {
        &self.data
    }

    /// The bytes as an owned buffer (a copy only if they were borrowed).
    /// Whether the pixels are a converted copy (not the source's own memory).
    pub(crate) fn is_owned(&self) -> bool {
        matches!(self.data, Cow::Owned(_))
    }

    pub(crate) fn into_data(self) -> Vec<u8> {
        self.data.into_owned()
    }

    pub(crate) fn height(&self) -> u32 {
        self.height
    }
}

/// Multiplies the colour channels by alpha, rounding to nearest.
#[inline]
pub(crate) fn premultiply([r, g, b, a]: [u8; 4]) -> [u8; 4] {
    let mul = |c: u8| ((c as u32 * a as u32 + 127) / 255) as u8;
    match a {
        255 => [r, g, b, 255],
        0 => [0, 0, 0, 0],
        _ => [mul(r), mul(g), mul(b), a],
    }
}

fn gradient_shader(gradient: &Gradient, transform: sk::Transform) -> Option<sk::Shader<'static>> {
    let stops: Vec<sk::GradientStop> =
        gradient.stops.iter().map(|stop| sk::GradientStop::new(stop.offset as f32, sk_color(stop.color))).collect();
    // A gradient with no stops paints transparent black.
    if stops.is_empty() {
        return Some(sk::Shader::SolidColor(sk::Color::TRANSPARENT));
    }
    let pad = sk::SpreadMode::Pad;
    match gradient.geometry {
        GradientGeometry::Linear { x0, y0, x1, y1 } => {
            // If x0 = x1 and y0 = y1, the linear gradient paints nothing.
            if x0 == x1 && y0 == y1 {
                return None;
            }
            let (start, end) = (sk::Point::from_xy(x0 as f32, y0 as f32), sk::Point::from_xy(x1 as f32, y1 as f32));
            sk::LinearGradient::new(start, end, stops, pad, transform)
        }
        GradientGeometry::Radial { x0, y0, r0, x1, y1, r1 } => {
            // If the two circles are the same, the radial gradient paints nothing.
            if x0 == x1 && y0 == y1 && r0 == r1 {
                return None;
            }
            let start = sk::Point::from_xy(x0 as f32, y0 as f32);
            let end = sk::Point::from_xy(x1 as f32, y1 as f32);
            sk::RadialGradient::new(start, r0 as f32, end, r1 as f32, stops, pad, transform)
        }
        GradientGeometry::Conic { start_angle, x, y } => {
            // Offsets run clockwise through a full turn starting at start_angle.
            let rotated = transform
                .pre_translate(x as f32, y as f32)
                .pre_concat(sk::Transform::from_rotate(start_angle.to_degrees() as f32));
            sk::SweepGradient::new(sk::Point::zero(), 0.0, 360.0, stops, pad, rotated)
        }
    }
}

/// Builds the shader for a fill or stroke style, in user space (tiny-skia
/// applies the drawing transform to it); `None` when the style paints
/// nothing. `pattern` must be the pattern's pixels when the style is a
/// pattern.
pub(crate) fn shader<'a>(
    style: &PaintStyle,
    pattern: Option<&'a SourcePixmap<'_>>,
    options: &DrawOptions,
) -> Option<sk::Shader<'a>> {
    let transform = sk::Transform::identity();
    let mut shader = match style {
        PaintStyle::Color(color) => sk::Shader::SolidColor(sk_color(*color)),
        PaintStyle::Gradient(gradient) => gradient_shader(gradient, transform)?,
        PaintStyle::Pattern(pattern_style) => {
            let pixmap = pattern?.as_ref()?;
            let pattern_transform = to_sk_transform(&pattern_style.transform);
            return Some(sk::Pattern::new(
                pixmap,
                sk::SpreadMode::Repeat,
                filter_quality(options.smoothing),
                options.global_alpha,
                pattern_transform,
            ));
        }
    };
    shader.apply_opacity(options.global_alpha);
    Some(shader)
}

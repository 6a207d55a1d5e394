//! One canvas's bitmap and clip stack, and the 2D drawing operations on it.
//!
//! The bitmap is premultiplied RGBA in an `Arc<Vec<u8>>`: the compositor
//! gets the current pixels by reference ([`DrawTarget::shared_pixels`]), and
//! the next drawing operation copies them only if the compositor still
//! holds them (copy on write).
//!
//! A WebGL canvas shows the frames its context presents (`CanvasCommand::WebGLFrame`): the
//! frame's un-premultiplied pixels are kept as they came, shared, and the premultiplied bitmap
//! is made from them only when something needs it (see [`ShownFrame`]).

use std::cell::OnceCell;
use std::sync::Arc;

use base::units::ImageSize;
use base::{FrameBytes, PixelFormat, VideoFrame};
use canvas_traits::command::DrawImageRects;
use canvas_traits::flatten::{flatten_path, prune_for_stroke, transform_segments};
use canvas_traits::image_data::put_image_data_region;
use canvas_traits::path::Path;
use canvas_traits::style::{
    CompositeOperation, DrawOptions, FillRule, ImagePixels, ImageSmoothing, LineOptions, PaintStyle, Pattern,
    PixelAlpha, Repetition,
};
use euclid::default::{Point2D, Rect, Transform2D};
use tiny_skia as sk;
use webrender_api::ImageKey;

use crate::paint::{self, SourcePixmap, sk_stroke, to_sk_path, to_sk_transform};
use crate::{filter, readback, shadow};

/// Largest width or height of a bitmap; larger canvases get no pixels.
pub const MAX_CANVAS_SIDE: u32 = 32_767;
/// Largest pixel count of a bitmap (a 16384×16384 square).
pub const MAX_CANVAS_PIXELS: u64 = 1 << 28;

/// Shared pixel memory with the `AsRef<[u8]>` that [`FrameBytes`] wants.
struct SharedBitmap(Arc<Vec<u8>>);

impl AsRef<[u8]> for SharedBitmap {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// What a drawing operation covers. Shaders are in user space; tiny-skia
/// maps them with the geometry's transform.
enum Geometry<'a> {
    /// A device-space path, filled.
    Fill { path: &'a sk::Path, rule: sk::FillRule },
    /// A user-space path, stroked with the pen mapped by `transform`.
    Stroke { path: &'a sk::Path, stroke: &'a sk::Stroke, transform: sk::Transform },
    /// A user-space rectangle mapped by `transform`.
    Rect { rect: sk::Rect, transform: sk::Transform },
}

/// Renders `geometry`, moved by `offset` pixels right and down (the margin
/// of a shadow layer).
fn render(
    pixmap: &mut sk::PixmapMut<'_>,
    geometry: &Geometry<'_>,
    paint: &sk::Paint<'_>,
    mask: Option<&sk::Mask>,
    offset: f32,
) {
    let moved = |t: sk::Transform| {
        if offset == 0.0 { t } else { t.post_translate(offset, offset) }
    };
    match *geometry {
        Geometry::Fill { path, rule } => pixmap.fill_path(path, paint, rule, moved(sk::Transform::identity()), mask),
        Geometry::Stroke { path, stroke, transform } => pixmap.stroke_path(path, paint, stroke, moved(transform), mask),
        Geometry::Rect { rect, transform } => pixmap.fill_rect(rect, paint, moved(transform), mask),
    }
}

/// The scale, a hair off 1, that keeps tiny-skia's image filter for an image moved by a
/// fraction of a pixel (1 px of error over 100 000 px).
const FILTER_KEEPING_SCALE: f32 = 1.0 + 1e-5;

/// An image whose pixels land on the bitmap moved only (no scale, rotation or skew) by a
/// fraction of a pixel: with smoothing, Chromium filters it (an image at x = 0.5 spreads each
/// pixel over two), but tiny-skia samples every translated pattern with nearest neighbour;
/// a scale a hair off 1 keeps its filter. Without smoothing, Chromium (Skia) rounds the
/// translation to whole pixels (0.5 up), where tiny-skia would pick the pixel under each
/// pixel's centre; the translation is rounded here the same way. An image drawn at its own
/// size is filtered bilinearly at every smoothing quality, as in Chromium (whose cubic filter
/// is for enlargements). Returns the image-to-user transform and the filter to paint with.
fn fractional_translation_sampling(
    image_to_user: Transform2D<f32>,
    user_to_device: &Transform2D<f32>,
    smoothing: ImageSmoothing,
) -> (Transform2D<f32>, sk::FilterQuality) {
    let quality = paint::filter_quality(smoothing);
    let total = image_to_user.then(user_to_device);
    let translation_only = total.m11 == 1.0 && total.m22 == 1.0 && total.m12 == 0.0 && total.m21 == 0.0;
    if !translation_only || (total.m31.fract() == 0.0 && total.m32.fract() == 0.0) {
        return (image_to_user, quality);
    }
    if smoothing.enabled {
        // Scaled about the image's top left corner on the bitmap.
        let nudged = total
            .then_translate(euclid::default::Vector2D::new(-total.m31, -total.m32))
            .then_scale(FILTER_KEEPING_SCALE, FILTER_KEEPING_SCALE)
            .then_translate(euclid::default::Vector2D::new(total.m31, total.m32));
        let transform = user_to_device.inverse().map_or(image_to_user, |to_user| nudged.then(&to_user));
        return (transform, sk::FilterQuality::Bilinear);
    }
    let round = |v: f32| (v + 0.5).floor();
    let rounded = total
        .then_translate(euclid::default::Vector2D::new(round(total.m31) - total.m31, round(total.m32) - total.m32));
    (user_to_device.inverse().map_or(image_to_user, |to_user| rounded.then(&to_user)), quality)
}

/// How far, in device pixels, the lines `curves_to_lines` makes may stray from the curve.
const FLATTEN_TOLERANCE: f32 = 0.05;

/// `path` with every quadratic and cubic curve replaced by lines that stay within
/// `FLATTEN_TOLERANCE` of it (uniform steps; the count follows the curve's second
/// differences, whose bound on the chord error is `|d| / (8 n²)` for a quadratic and
/// `3 |d| / (4 n²)` for a cubic).
fn curves_to_lines(path: &sk::Path) -> Option<sk::Path> {
    let steps = |deviation: f32| (deviation / FLATTEN_TOLERANCE).sqrt().ceil().clamp(1.0, 256.0) as u32;
    let mut builder = sk::PathBuilder::with_capacity(path.len() * 4, path.len() * 4);
    let mut last = sk::Point::zero();
    for segment in path.segments() {
        match segment {
            sk::PathSegment::MoveTo(p) => {
                builder.move_to(p.x, p.y);
                last = p;
            }
            sk::PathSegment::LineTo(p) => {
                builder.line_to(p.x, p.y);
                last = p;
            }
            sk::PathSegment::QuadTo(c, p) => {
                let d = (last.x - 2.0 * c.x + p.x).hypot(last.y - 2.0 * c.y + p.y);
                let n = steps(d / 8.0);
                for i in 1..=n {
                    let t = i as f32 / n as f32;
                    let u = 1.0 - t;
                    builder.line_to(
                        u * u * last.x + 2.0 * u * t * c.x + t * t * p.x,
                        u * u * last.y + 2.0 * u * t * c.y + t * t * p.y,
                    );
                }
                last = p;
            }
            sk::PathSegment::CubicTo(c1, c2, p) => {
                let d1 = (last.x - 2.0 * c1.x + c2.x).hypot(last.y - 2.0 * c1.y + c2.y);
                let d2 = (c1.x - 2.0 * c2.x + p.x).hypot(c1.y - 2.0 * c2.y + p.y);
                let n = steps(0.75 * d1.max(d2));
                for i in 1..=n {
                    let t = i as f32 / n as f32;
                    let u = 1.0 - t;
                    let (a, b, c, e) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
                    builder.line_to(
                        a * last.x + b * c1.x + c * c2.x + e * p.x,
                        a * last.y + b * c1.y + c * c2.y + e * p.y,
                    );
                }
                last = p;
            }
            sk::PathSegment::Close => builder.close(),
        }
    }
    builder.finish()
}

fn sk_fill_rule(rule: FillRule) -> sk::FillRule {
    match rule {
        FillRule::NonZero => sk::FillRule::Winding,
        FillRule::EvenOdd => sk::FillRule::EvenOdd,
    }
}

/// The rectangle spanned by a possibly negative-sized rect; `None` if empty
/// or not finite.
fn normalized_rect(rect: &Rect<f32>) -> Option<sk::Rect> {
    let (x0, y0) = (rect.origin.x, rect.origin.y);
    let (x1, y1) = (x0 + rect.size.width, y0 + rect.size.height);
    sk::Rect::from_ltrb(x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1))
}

/// Renders the shape alone (source-over) on a transparent layer with `margin` pixels around the
/// bitmap, so content just outside it that a shadow or a filter brings inside is there.
fn render_layer(
    pixmap: &sk::PixmapMut<'_>,
    geometry: &Geometry<'_>,
    paint: &sk::Paint<'_>,
    source_mask: Option<&sk::Mask>,
    margin: u32,
) -> Option<sk::Pixmap> {
    let mut layer = sk::Pixmap::new(pixmap.width() + 2 * margin, pixmap.height() + 2 * margin)?;
    let shape_paint = sk::Paint { blend_mode: sk::BlendMode::SourceOver, ..paint.clone() };
    render(&mut layer.as_mut(), geometry, &shape_paint, source_mask, margin as f32);
    Some(layer)
}

/// Renders the shape alone on a layer with a margin, turns it into its
/// shadow and composites that onto `pixmap` with the operation's composite
/// operator, within the clip.
/// <https://html.spec.whatwg.org/multipage/canvas.html#drawing-model>, step 3.
fn draw_shadow(
    pixmap: &mut sk::PixmapMut<'_>,
    geometry: &Geometry<'_>,
    paint: &sk::Paint<'_>,
    source_mask: Option<&sk::Mask>,
    clip: Option<&sk::Mask>,
    options: &DrawOptions,
) {
    // A pattern's tiling band is bitmap-sized; with one, use no margin.
    let margin = if source_mask.is_some() { 0 } else { shadow::margin(&options.shadow) };
    let Some(layer) = render_layer(pixmap, geometry, paint, source_mask, margin) else {
        return;
    };
    let Some(shadow) = shadow::render(&layer, &options.shadow) else {
        return;
    };
    let composite = sk::PixmapPaint { blend_mode: paint::blend_mode(options.composite), ..sk::PixmapPaint::default() };
    let at = -(margin as i32);
    pixmap.draw_pixmap(at, at, shadow.as_ref(), &composite, sk::Transform::identity(), clip);
}

/// The drawing model with a filter
/// (<https://html.spec.whatwg.org/multipage/canvas.html#drawing-model>): 1. the shape is
/// rendered onto a transparent layer A (with a margin around the bitmap, so content just outside
/// that the filter brings inside is there; `globalAlpha` is already in the shader, which the
/// filters' linearity in alpha allows); 2. the filter turns A into B; 3–5. when shadows are
/// drawn, the shadow of B is composited with the operator within the clip; 6–7. B is composited
/// with the operator within the clip.
fn draw_filtered(
    pixmap: &mut sk::PixmapMut<'_>,
    geometry: &Geometry<'_>,
    paint: &sk::Paint<'_>,
    source_mask: Option<&sk::Mask>,
    clip: Option<&sk::Mask>,
    options: &DrawOptions,
    filter_list: &[canvas_traits::filter::FilterFunction],
) {
    // A pattern's tiling band is bitmap-sized; with one, use no margin. Otherwise room for what
    // the filter and then the shadow bring in from outside the bitmap.
    let margin = match source_mask {
        Some(_) => 0,
        None if options.shadow.is_visible() => filter::margin(filter_list) + shadow::margin(&options.shadow),
        None => filter::margin(filter_list),
    };
    let Some(mut layer) = render_layer(pixmap, geometry, paint, source_mask, margin) else {
        return;
    };
    filter::apply(&mut layer, filter_list);
    let composite = sk::PixmapPaint { blend_mode: paint::blend_mode(options.composite), ..sk::PixmapPaint::default() };
    let at = -(margin as i32);
    if options.shadow.is_visible()
        && let Some(shadow) = shadow::render(&layer, &options.shadow)
    {
        pixmap.draw_pixmap(at, at, shadow.as_ref(), &composite, sk::Transform::identity(), clip);
    }
    pixmap.draw_pixmap(at, at, layer.as_ref(), &composite, sk::Transform::identity(), clip);
}

/// A WebGL frame a canvas shows. Its pixels stay shared as they came, so a captured frame,
/// and the compositor's image of an opaque frame, are the very same memory; the premultiplied
/// bitmap the 2D readers (encode, `getImageData`, snapshots, `drawImage` of the canvas) work on
/// is made from them once, the first time one of them asks.
struct ShownFrame {
    /// Tightly packed RGBA, un-premultiplied, exactly `4 × width × height` bytes (checked by
    /// [`DrawTarget::show_frame`]).
    frame: VideoFrame,
    /// The frame as a premultiplied bitmap (alpha 255 for an opaque frame), made on first use.
    bitmap: OnceCell<Option<Arc<Vec<u8>>>>,
}

impl ShownFrame {
    fn is_opaque(&self) -> bool {
        !self.frame.has_alpha
    }

    /// The frame as a premultiplied bitmap (one copy, the first time).
    fn bitmap(&self) -> Option<&Arc<Vec<u8>>> {
        self.bitmap
            .get_or_init(|| {
                let pixels = ImagePixels::from(&self.frame);
                SourcePixmap::from_image(&pixels).map(|pixmap| Arc::new(pixmap.into_data()))
            })
            .as_ref()
    }

    /// The pixels as premultiplied bytes: the frame itself when it is opaque (premultiplied
    /// and un-premultiplied bytes are the same), else the bitmap made from it.
    fn premultiplied(&self) -> Option<&[u8]> {
        if self.is_opaque() { Some(self.frame.data.as_slice()) } else { self.bitmap().map(|b| b.as_slice()) }
    }

    /// [`ShownFrame::premultiplied`], shared.
    fn shared_premultiplied(&self) -> Option<FrameBytes> {
        if self.is_opaque() {
            Some(self.frame.data.clone())
        } else {
            self.bitmap().map(|bitmap| FrameBytes::new(SharedBitmap(bitmap.clone())))
        }
    }
}

/// A canvas's pixels, clip and compositor key.
pub(crate) struct DrawTarget {
    size: ImageSize,
    /// Premultiplied RGBA, `4 * width` bytes per row; `None` for a zero or
    /// too large size, and while a WebGL frame is shown.
    bitmap: Option<Arc<Vec<u8>>>,
    /// The WebGL frame the canvas shows, if any (then `bitmap` is `None`): the canvas's image
    /// until it is resized or replaced.
    frame: Option<ShownFrame>,
    /// Created with `{ alpha: false }`: starts opaque black and always reads
    /// back with alpha 255 (the colour composited over black).
    opaque: bool,
    /// The clip region as a coverage mask; `None` means "everything".
    clip: Option<Arc<sk::Mask>>,
    clip_stack: Vec<Option<Arc<sk::Mask>>>,
    pub(crate) image_key: ImageKey,
    /// Bumped by every change to the pixels; lets a batch share one
    /// readback between frame captures of an unchanged canvas.
    generation: u64,
}

impl DrawTarget {
    pub(crate) fn new(size: ImageSize, opaque: bool, image_key: ImageKey) -> DrawTarget {
        let mut target = DrawTarget {
            size,
            bitmap: None,
            frame: None,
            opaque,
            clip: None,
            clip_stack: Vec::new(),
            image_key,
            generation: 0,
        };
        target.resize(size);
        target
    }

    /// Sets the bitmap dimensions: the bitmap is reset to transparent black
    /// (opaque black for an opaque canvas) and the clip is cleared.
    /// <https://html.spec.whatwg.org/multipage/canvas.html#concept-canvas-set-bitmap-dimensions>
    pub(crate) fn resize(&mut self, size: ImageSize) {
        self.size = size;
        self.frame = None;
        self.clip = None;
        self.clip_stack.clear();
        self.generation += 1;
        let pixels = size.width as u64 * size.height as u64;
        if pixels == 0 || size.width > MAX_CANVAS_SIDE || size.height > MAX_CANVAS_SIDE || pixels > MAX_CANVAS_PIXELS {
            if pixels != 0 {
                log::warn!("canvas bitmap of {}×{} is too large; it will have no pixels", size.width, size.height);
            }
            self.bitmap = None;
            return;
        }
        let pixel: [u8; 4] = if self.opaque { [0, 0, 0, 255] } else { [0; 4] };
        self.bitmap = Some(Arc::new(pixel.repeat(pixels as usize)));
    }

    /// A new bitmap of the same size, transparent black (opaque black for an opaque canvas); the
    /// clip region stays. The old pixels stay with whoever shares them (an ImageBitmap).
    pub(crate) fn replace_bitmap(&mut self) {
        self.settle_frame();
        if let Some(bitmap) = &self.bitmap {
            let pixel: [u8; 4] = if self.opaque { [0, 0, 0, 255] } else { [0; 4] };
            self.bitmap = Some(Arc::new(pixel.repeat(bitmap.len() / 4)));
            self.generation += 1;
        }
    }

    /// Makes `pixels` the bitmap (premultiplied RGBA, one copy), or with `None` a blank
    /// bitmap of `size`; the clip is cleared. Malformed pixels give a blank bitmap.
    pub(crate) fn set_bitmap(&mut self, pixels: Option<&ImagePixels>, size: ImageSize) {
        self.resize(size);
        let Some(source) = pixels.and_then(paint::SourcePixmap::from_image) else {
            return;
        };
        if self.bitmap.as_ref().is_some_and(|bitmap| bitmap.len() == source.data().len()) {
            self.bitmap = Some(Arc::new(source.into_data()));
        }
    }

    /// This bitmap's size and pixels, shared (for [`DrawTarget::show`]).
    pub(crate) fn share(&self) -> (ImageSize, Option<Arc<Vec<u8>>>) {
        match &self.frame {
            Some(shown) => (self.size, shown.bitmap().cloned()),
            None => (self.size, self.bitmap.clone()),
        }
    }

    /// Shows a WebGL context's presented frame: it becomes the canvas's image, at its size,
    /// kept shared (no copy); the clip is cleared. A frame that is not tightly packed RGBA
    /// of exactly its size is refused (logged) and the image stays as it was.
    pub(crate) fn show_frame(&mut self, frame: VideoFrame) {
        let (width, height) = (frame.size.width as usize, frame.size.height as usize);
        let well_formed = frame.format == PixelFormat::Rgba8
            && frame.stride == width * 4
            && width > 0
            && height > 0
            && frame.data.as_slice().len() == width * height * 4;
        if !well_formed {
            log::warn!(
                "WebGL frame of {}×{} ({:?}, stride {}, {} bytes) refused",
                width,
                height,
                frame.format,
                frame.stride,
                frame.data.as_slice().len()
            );
            return;
        }
        self.size = frame.size;
        self.clip = None;
        self.clip_stack.clear();
        self.generation += 1;
        self.bitmap = None;
        self.frame = Some(ShownFrame { frame, bitmap: OnceCell::new() });
    }

    /// The WebGL frame the canvas shows, if any (its pixels are shared, never copied).
    pub(crate) fn frame(&self) -> Option<&VideoFrame> {
        self.frame.as_ref().map(|shown| &shown.frame)
    }

    /// Before the bitmap is written: a shown WebGL frame becomes the bitmap (premultiplied,
    /// one copy unless a reader already made it) and is dropped.
    fn settle_frame(&mut self) {
        if let Some(shown) = self.frame.take() {
            shown.bitmap();
            self.bitmap = shown.bitmap.into_inner().flatten();
        }
    }

    /// Takes another canvas's shared bitmap as this one's (an OffscreenCanvas's frame shown in
    /// its placeholder): no copy now; whichever of the two paints next copies. The clip is
    /// cleared.
    pub(crate) fn show(&mut self, (size, bitmap): (ImageSize, Option<Arc<Vec<u8>>>)) {
        self.size = size;
        self.clip = None;
        self.clip_stack.clear();
        self.generation += 1;
        let length = size.width as u64 * size.height as u64 * 4;
        self.bitmap = bitmap.filter(|b| b.len() as u64 == length);
        self.frame = None;
    }

    pub(crate) fn size(&self) -> ImageSize {
        self.size
    }

    /// Whether every pixel reads back opaque: a canvas made with `{ alpha: false }`, or one
    /// showing an opaque WebGL frame.
    pub(crate) fn is_opaque(&self) -> bool {
        self.opaque || self.frame.as_ref().is_some_and(ShownFrame::is_opaque)
    }

    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// The premultiplied pixels, if the bitmap has any (a shown translucent WebGL frame is
    /// premultiplied here the first time).
    pub(crate) fn pixels(&self) -> Option<&[u8]> {
        match &self.frame {
            Some(shown) => shown.premultiplied(),
            None => self.bitmap.as_deref().map(Vec::as_slice),
        }
    }

    /// The current pixels by reference, for the compositor (no copy, except the one
    /// premultiplied bitmap of a translucent WebGL frame).
    pub(crate) fn shared_pixels(&self) -> Option<FrameBytes> {
        match &self.frame {
            Some(shown) => shown.shared_premultiplied(),
            None => self.bitmap.as_ref().map(|bitmap| FrameBytes::new(SharedBitmap(bitmap.clone()))),
        }
    }

    /// The current pixels as shared image pixels (no copy).
    pub(crate) fn snapshot(&self) -> Option<ImagePixels> {
        Some(ImagePixels {
            size: self.size,
            stride: self.size.width as usize * 4,
            format: base::PixelFormat::Rgba8,
            alpha: if self.is_opaque() { PixelAlpha::Opaque } else { PixelAlpha::Premultiplied },
            data: self.shared_pixels()?,
        })
    }

    /// Runs `f` on the writable bitmap and the clip mask.
    fn with_pixmap(&mut self, f: impl FnOnce(&mut sk::PixmapMut<'_>, Option<&sk::Mask>)) {
        self.settle_frame();
        let (width, height) = (self.size.width, self.size.height);
        let Some(bitmap) = self.bitmap.as_mut() else { return };
        let data = Arc::make_mut(bitmap);
        let Some(mut pixmap) = sk::PixmapMut::from_bytes(data, width, height) else {
            return;
        };
        f(&mut pixmap, self.clip.as_deref());
        self.generation += 1;
    }

    /// Paints `geometry` with `shader` following the drawing model.
    ///
    /// <https://html.spec.whatwg.org/multipage/canvas.html#drawing-model>: the
    /// shape is rendered onto a transparent surface (here restricted by
    /// `source_mask`, a pattern's tiling band), its alpha multiplied by
    /// `globalAlpha` (folded into the shader), then composited onto the
    /// bitmap within the clip with the composite operator. Operators that
    /// affect pixels outside the shape need that separate surface; the
    /// others give the same result drawn directly, which is faster.
    fn draw(
        &mut self,
        geometry: Geometry<'_>,
        shader: sk::Shader<'_>,
        source_mask: Option<sk::Mask>,
        options: &DrawOptions,
    ) {
        let mut shader = shader;
        if let Geometry::Fill { .. } = geometry {
            // The path is already in bitmap space; the shader is not.
            shader.transform(to_sk_transform(&options.transform));
        }
        let blend_mode = paint::blend_mode(options.composite);
        let unbounded = options.composite.is_unbounded();
        let (width, height) = (self.size.width, self.size.height);
        if let Some(filter) = options.filter.as_deref().filter(|f| filter::is_effective(f)) {
            self.with_pixmap(|pixmap, clip| {
                let paint = sk::Paint { shader, anti_alias: true, ..sk::Paint::default() };
                draw_filtered(pixmap, &geometry, &paint, source_mask.as_ref(), clip, options, filter);
            });
            return;
        }
        self.with_pixmap(|pixmap, clip| {
            let mut paint = sk::Paint { shader, anti_alias: true, ..sk::Paint::default() };
            // When shadows are drawn, the shadow is composited first, with
            // the same operator and clip, then the shape.
            if options.shadow.is_visible() {
                draw_shadow(pixmap, &geometry, &paint, source_mask.as_ref(), clip, options);
            }
            if unbounded {
                let Some(mut layer) = sk::Pixmap::new(width, height) else {
                    return;
                };
                render(&mut layer.as_mut(), &geometry, &paint, source_mask.as_ref(), 0.0);
                let layer_paint = sk::PixmapPaint { blend_mode, ..sk::PixmapPaint::default() };
                pixmap.draw_pixmap(0, 0, layer.as_ref(), &layer_paint, sk::Transform::identity(), clip);
                return;
            }
            paint.blend_mode = blend_mode;
            let combined;
            let mask = match (source_mask, clip) {
                (Some(mut source), Some(clip)) => {
                    for (s, c) in source.data_mut().iter_mut().zip(clip.data()) {
                        *s = ((*s as u16 * *c as u16 + 127) / 255) as u8;
                    }
                    combined = source;
                    Some(&combined)
                }
                (Some(source), None) => {
                    combined = source;
                    Some(&combined)
                }
                (None, clip) => clip,
            };
            render(pixmap, &geometry, &paint, mask, 0.0);
        });
    }

    /// Draws `geometry` with a fill or stroke style.
    fn draw_with_style(&mut self, geometry: Geometry<'_>, style: &PaintStyle, options: &DrawOptions) {
        self.settle_frame();
        if self.bitmap.is_none() {
            return;
        }
        let pattern_pixels = match style {
            PaintStyle::Pattern(pattern) => match SourcePixmap::from_image(&pattern.image) {
                Some(pixels) => Some(pixels),
                // A pattern without pixels paints nothing.
                None => return,
            },
            _ => None,
        };
        let band = match style {
            PaintStyle::Pattern(pattern) if pattern.repetition != Repetition::Repeat => {
                match self.pattern_band(pattern, options) {
                    Some(band) => Some(band),
                    None => return,
                }
            }
            _ => None,
        };
        let Some(shader) = paint::shader(style, pattern_pixels.as_ref(), options) else {
            return;
        };
        self.draw(geometry, shader, band, options);
    }

    /// For a pattern that does not repeat in both directions: the device
    /// area its tiles cover (one row, one column or one tile).
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createpattern>
    fn pattern_band(&self, pattern: &Pattern, options: &DrawOptions) -> Option<sk::Mask> {
        let (width, height) = (self.size.width, self.size.height);
        let mut mask = sk::Mask::new(width, height)?;
        let to_device = pattern.transform.then(&options.transform);
        let Some(to_pattern) = to_device.inverse() else {
            return Some(mask);
        };
        // The canvas's extent in pattern space bounds the infinite strip.
        let corners = [(0.0, 0.0), (width as f32, 0.0), (0.0, height as f32), (width as f32, height as f32)]
            .map(|(x, y)| to_pattern.transform_point(Point2D::new(x, y)));
        let min_x = corners.iter().map(|p| p.x).fold(f32::INFINITY, f32::min) - 1.0;
        let max_x = corners.iter().map(|p| p.x).fold(f32::NEG_INFINITY, f32::max) + 1.0;
        let min_y = corners.iter().map(|p| p.y).fold(f32::INFINITY, f32::min) - 1.0;
        let max_y = corners.iter().map(|p| p.y).fold(f32::NEG_INFINITY, f32::max) + 1.0;
        let (iw, ih) = (pattern.image.size.width as f32, pattern.image.size.height as f32);
        let band = match pattern.repetition {
            Repetition::RepeatX => sk::Rect::from_ltrb(min_x, 0.0, max_x, ih),
            Repetition::RepeatY => sk::Rect::from_ltrb(0.0, min_y, iw, max_y),
            Repetition::NoRepeat | Repetition::Repeat => sk::Rect::from_ltrb(0.0, 0.0, iw, ih),
        };
        if let Some(band) = band {
            let path = sk::PathBuilder::from_rect(band);
            mask.fill_path(&path, sk::FillRule::Winding, true, to_sk_transform(&to_device));
        }
        Some(mask)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fillrect>
    pub(crate) fn fill_rect(&mut self, rect: &Rect<f32>, style: &PaintStyle, options: &DrawOptions) {
        let Some(rect) = normalized_rect(rect) else { return };
        let transform = to_sk_transform(&options.transform);
        self.draw_with_style(Geometry::Rect { rect, transform }, style, options);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-strokerect>:
    /// the rectangle is stroked as a closed subpath; when exactly one of the
    /// width and height is zero it is a single line from (x, y) to
    /// (x + w, y + h); when both are zero nothing is drawn.
    pub(crate) fn stroke_rect(
        &mut self,
        rect: &Rect<f32>,
        style: &PaintStyle,
        line: &LineOptions,
        options: &DrawOptions,
    ) {
        let (x, y, w, h) = (rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
        if ![x, y, w, h].iter().all(|v| v.is_finite()) || (w == 0.0 && h == 0.0) {
            return;
        }
        let mut path = Path::new();
        if w == 0.0 || h == 0.0 {
            // One zero dimension: a single closed subpath of the two points (x, y) and
            // (x + w, y + h), so its ends get joins, not caps (as the rectangle it degenerates
            // from would; WPT 2d.strokeRect.zero.4/5).
            path.move_to(x as f64, y as f64);
            path.line_to((x + w) as f64, (y + h) as f64);
            path.close_path();
        } else {
            path.rect(x as f64, y as f64, w as f64, h as f64);
        }
        let Some(path) = to_sk_path(&prune_for_stroke(&flatten_path(&path, &Transform2D::identity()))) else {
            return;
        };
        let stroke = sk_stroke(line);
        let transform = to_sk_transform(&options.transform);
        self.draw_with_style(Geometry::Stroke { path: &path, stroke: &stroke, transform }, style, options);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-clearrect>:
    /// pixels in the (transformed) rectangle that are inside the clip
    /// become transparent black.
    pub(crate) fn clear_rect(&mut self, rect: &Rect<f32>, transform: &Transform2D<f32>) {
        let Some(sk_rect) = normalized_rect(rect) else { return };
        if self.clip.is_none() && self.clear_pixel_aligned(&sk_rect, transform) {
            return;
        }
        let transform = to_sk_transform(transform);
        self.with_pixmap(|pixmap, clip| {
            // destination-out with opaque black is "clear" scaled by coverage
            // and clip (tiny-skia's Clear mode does not honour the mask).
            let paint =
                sk::Paint { blend_mode: sk::BlendMode::DestinationOut, anti_alias: true, ..sk::Paint::default() };
            pixmap.fill_rect(sk_rect, &paint, transform, clip);
        });
    }

    /// The fast path of `clearRect()` (the usual start of an animation
    /// frame): with no clip and a rectangle landing exactly on pixel
    /// boundaries, zero the rows directly. Returns false if not applicable.
    fn clear_pixel_aligned(&mut self, rect: &sk::Rect, transform: &Transform2D<f32>) -> bool {
        self.settle_frame();
        if transform.m12 != 0.0 || transform.m21 != 0.0 {
            return false;
        }
        let corners = [(rect.left(), rect.top()), (rect.right(), rect.bottom())]
            .map(|(x, y)| transform.transform_point(Point2D::new(x, y)));
        if corners.iter().any(|p| p.x.fract() != 0.0 || p.y.fract() != 0.0) {
            return false;
        }
        let (w, h) = (self.size.width as f32, self.size.height as f32);
        let clamp = |v: f32, max: f32| v.clamp(0.0, max) as usize;
        let (x0, x1) = (clamp(corners[0].x.min(corners[1].x), w), clamp(corners[0].x.max(corners[1].x), w));
        let (y0, y1) = (clamp(corners[0].y.min(corners[1].y), h), clamp(corners[0].y.max(corners[1].y), h));
        let row_bytes = self.size.width as usize * 4;
        if let Some(bitmap) = self.bitmap.as_mut() {
            let data = Arc::make_mut(bitmap);
            for row in data.chunks_exact_mut(row_bytes).take(y1).skip(y0) {
                row[x0 * 4..x1 * 4].fill(0);
            }
            self.generation += 1;
        }
        true
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fill>
    pub(crate) fn fill_path(
        &mut self,
        path: &Path,
        path_transform: &Transform2D<f32>,
        rule: FillRule,
        style: &PaintStyle,
        options: &DrawOptions,
    ) {
        let Some(path) = to_sk_path(&flatten_path(path, path_transform)) else {
            return;
        };
        self.draw_with_style(Geometry::Fill { path: &path, rule: sk_fill_rule(rule) }, style, options);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-stroke>:
    /// the path's points are fixed in bitmap space, but the pen (line width,
    /// joins, dashes) follows the current transformation matrix, so the path
    /// is taken back to user space and stroked under that matrix.
    pub(crate) fn stroke_path(
        &mut self,
        path: &Path,
        path_transform: &Transform2D<f32>,
        style: &PaintStyle,
        line: &LineOptions,
        options: &DrawOptions,
    ) {
        let user_segments = if !path.has_transforms() && *path_transform == options.transform {
            flatten_path(path, &Transform2D::identity())
        } else {
            // A singular matrix draws nothing.
            let Some(to_user) = options.transform.inverse() else {
                return;
            };
            let mut segments = flatten_path(path, path_transform);
            transform_segments(&mut segments, &to_user);
            segments
        };
        let Some(path) = to_sk_path(&prune_for_stroke(&user_segments)) else { return };
        let stroke = sk_stroke(line);
        let transform = to_sk_transform(&options.transform);
        self.draw_with_style(Geometry::Stroke { path: &path, stroke: &stroke, transform }, style, options);
    }

    /// Fills a user-space path (text outlines) under the current transform. The outlines'
    /// curves are cut into lines in device space first, so a glyph covers the same pixels
    /// wherever the bitmap's edge cuts it (the rasterizer chops a curve that crosses the
    /// edge and flattens the pieces anew; browsers draw glyphs from masks the edge does not
    /// touch either).
    pub(crate) fn fill_user_path(&mut self, path: &sk::Path, style: &PaintStyle, options: &DrawOptions) {
        let Some(device) = path.clone().transform(to_sk_transform(&options.transform)) else {
            return;
        };
        let Some(device) = curves_to_lines(&device) else {
            return;
        };
        self.draw_with_style(Geometry::Fill { path: &device, rule: sk::FillRule::Winding }, style, options);
    }

    /// Strokes a user-space path (text outlines) with the pen under the
    /// current transform.
    pub(crate) fn stroke_user_path(
        &mut self,
        path: &sk::Path,
        style: &PaintStyle,
        line: &LineOptions,
        options: &DrawOptions,
    ) {
        let stroke = sk_stroke(line);
        let transform = to_sk_transform(&options.transform);
        self.draw_with_style(Geometry::Stroke { path, stroke: &stroke, transform }, style, options);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-clip>:
    /// the new clip region is the intersection of the current one and the path.
    pub(crate) fn clip_path(&mut self, path: &Path, path_transform: &Transform2D<f32>, rule: FillRule) {
        self.settle_frame();
        let (width, height) = (self.size.width, self.size.height);
        if self.bitmap.is_none() {
            return;
        }
        let sk_path = to_sk_path(&flatten_path(path, path_transform));
        if self.clip.is_none() {
            let Some(mut everything) = sk::Mask::new(width, height) else {
                return;
            };
            everything.data_mut().fill(255);
            self.clip = Some(Arc::new(everything));
        }
        let Some(clip) = self.clip.as_mut() else { return };
        let mask = Arc::make_mut(clip);
        match sk_path {
            Some(path) => mask.intersect_path(&path, sk_fill_rule(rule), true, sk::Transform::identity()),
            // Clipping to an empty path leaves nothing drawable.
            None => mask.clear(),
        }
    }

    /// The clip half of `save()`.
    pub(crate) fn save_clip(&mut self) {
        self.clip_stack.push(self.clip.clone());
    }

    /// The clip half of `restore()`: with nothing saved, nothing happens.
    pub(crate) fn restore_clip(&mut self) {
        if let Some(clip) = self.clip_stack.pop() {
            self.clip = clip;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-drawimage>,
    /// step 7 onward: paint the source rectangle of the image onto the
    /// destination rectangle (mapped by the current transform), sampling
    /// with the smoothing settings; pixels just outside the source rectangle
    /// may be read by the filter, as the spec allows.
    pub(crate) fn draw_image(&mut self, image: &SourcePixmap<'_>, rects: &DrawImageRects, options: &DrawOptions) {
        let image_size = ImageSize::new(image.width(), image.height());
        let Some((source, destination)) = rects.resolve(image_size) else {
            return;
        };
        let Some(pixmap) = image.as_ref() else { return };
        let Some(rect) = sk::Rect::from_xywh(
            destination.origin.x as f32,
            destination.origin.y as f32,
            destination.size.width as f32,
            destination.size.height as f32,
        ) else {
            return;
        };
        let (sx, sy) = (destination.size.width / source.size.width, destination.size.height / source.size.height);
        let image_to_user = Transform2D::translation(-source.origin.x, -source.origin.y)
            .then_scale(sx, sy)
            .then_translate(destination.origin.to_vector())
            .cast::<f32>();
        if self.blit_image(pixmap, &source, &image_to_user, options) {
            return;
        }
        let (image_to_user, quality) =
            fractional_translation_sampling(image_to_user, &options.transform, options.smoothing);
        let shader = sk::Pattern::new(
            pixmap,
            sk::SpreadMode::Pad,
            quality,
            options.global_alpha,
            to_sk_transform(&image_to_user),
        );
        let transform = to_sk_transform(&options.transform);
        self.draw(Geometry::Rect { rect, transform }, shader, None, options);
    }

    /// `drawImage()` of whole source pixels onto whole device pixels at 1:1 (a sprite or a
    /// background drawn unscaled, the common case), with plain source-over and nothing that needs
    /// the raster pipeline (no clip, shadow, filter or global alpha): the rows are blended
    /// directly, which is the same result without a shader per pixel. False when the draw is not
    /// such a draw (the caller draws it the general way).
    fn blit_image(
        &mut self,
        image: sk::PixmapRef<'_>,
        source: &Rect<f64>,
        image_to_user: &Transform2D<f32>,
        options: &DrawOptions,
    ) -> bool {
        let total = image_to_user.then(&options.transform);
        let whole = |v: f32| v.fract() == 0.0;
        let whole64 = |v: f64| v.fract() == 0.0;
        if total.m11 != 1.0
            || total.m22 != 1.0
            || total.m12 != 0.0
            || total.m21 != 0.0
            || !whole(total.m31)
            || !whole(total.m32)
            || ![source.origin.x, source.origin.y, source.size.width, source.size.height].into_iter().all(whole64)
            || options.global_alpha != 1.0
            || options.composite != CompositeOperation::SourceOver
            || options.shadow.is_visible()
            || options.filter.as_deref().is_some_and(filter::is_effective)
            || self.clip.is_some()
        {
            return false;
        }
        let (width, height) = (self.size.width as i64, self.size.height as i64);
        let (sx, sy) = (source.origin.x as i64, source.origin.y as i64);
        let (w, h) = (source.size.width as i64, source.size.height as i64);
        // The device position of source pixel (sx, sy).
        let (dx, dy) = (total.m31 as i64 + sx, total.m32 as i64 + sy);
        let (x0, x1) = (dx.max(0), (dx + w).min(width));
        let (y0, y1) = (dy.max(0), (dy + h).min(height));
        if sx < 0 || sy < 0 || sx + w > i64::from(image.width()) || sy + h > i64::from(image.height()) {
            return false;
        }
        if x0 >= x1 || y0 >= y1 {
            return true;
        }
        let src_stride = image.width() as usize * 4;
        let src = image.data();
        self.with_pixmap(|pixmap, _| {
            let dst_stride = pixmap.width() as usize * 4;
            let dst = pixmap.data_mut();
            for y in y0..y1 {
                let src_row = (sy + y - dy) as usize * src_stride + (sx + x0 - dx) as usize * 4;
                let dst_row = y as usize * dst_stride + x0 as usize * 4;
                let len = (x1 - x0) as usize * 4;
                let (s, d) = (&src[src_row..src_row + len], &mut dst[dst_row..dst_row + len]);
                for (d, s) in d.chunks_exact_mut(4).zip(s.chunks_exact(4)) {
                    match s[3] {
                        255 => d.copy_from_slice(s),
                        0 => {}
                        a => {
                            // Premultiplied source-over: s + d × (255 − a) / 255, rounded (the
                            // division by 255 with rounding, exact for these products).
                            let keep = 255 - u32::from(a);
                            for (dc, sc) in d.iter_mut().zip(s) {
                                let x = u32::from(*dc) * keep + 128;
                                *dc = (u32::from(*sc) + ((x + (x >> 8)) >> 8)).min(255) as u8;
                            }
                        }
                    }
                }
            }
        });
        true
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-putimagedata>:
    /// writes the dirty rectangle's pixels at (dx, dy), premultiplied, with
    /// no transform, alpha, compositing or clipping.
    pub(crate) fn put_image_data(&mut self, data: &ImagePixels, destination: Point2D<i32>, dirty: Rect<i32>) {
        if !data.is_well_formed() {
            log::warn!("putImageData with {} bytes for {:?}", data.data.as_slice().len(), data.size);
            return;
        }
        let Some(region) = put_image_data_region(data.size, self.size, destination.x, destination.y, dirty) else {
            return;
        };
        self.settle_frame();
        let width = self.size.width as usize;
        let Some(bitmap) = self.bitmap.as_mut() else { return };
        let bitmap = Arc::make_mut(bitmap);
        let source = data.data.as_slice();
        let row_bytes = region.source.size.width as usize * 4;
        for row in 0..region.source.size.height as usize {
            let src_start = (region.source.origin.y as usize + row) * data.stride + region.source.origin.x as usize * 4;
            let dst_start = ((region.destination.y as usize + row) * width + region.destination.x as usize) * 4;
            let src = &source[src_start..src_start + row_bytes];
            let dst = &mut bitmap[dst_start..dst_start + row_bytes];
            for (d, s) in dst.chunks_exact_mut(4).zip(src.chunks_exact(4)) {
                d.copy_from_slice(&readback::to_premultiplied_rgba(s, data.format, data.alpha));
            }
        }
        self.generation += 1;
    }

    /// Un-premultiplied RGBA of `rect` (pixels outside the bitmap are
    /// transparent black), for `getImageData()`.
    pub(crate) fn read_rgba(&self, rect: &Rect<i64>) -> Vec<u8> {
        readback::read_rect(self.pixels(), self.size, self.is_opaque(), rect)
    }
}

//! Messages from script to the canvas thread, and the replies.
//!
//! Script sends [`CanvasBatch`]es: one message carries every command queued
//! for one or several canvases since the last send, in order, so a paint and
//! the frame capture that must see it travel (and execute) together.

use std::fmt;

use base::units::ImageSize;
use base::{CanvasId, Epoch, FontKey, RequestId, SourceId, VideoFrame};
use crossbeam_channel::Sender;
use euclid::default::{Point2D, Rect, Size2D};

use crate::path::Path;
use crate::style::{DrawOptions, FillRule, ImagePixels, LineOptions, PaintStyle};
use crate::text::{TextMetrics, TextOptions};

/// The image a `drawImage()` call draws.
#[derive(Clone, Debug)]
pub enum ImageSource {
    /// Another canvas (or the same one), read on the canvas thread.
    Canvas {
        /// The canvas to read.
        canvas: CanvasId,
    },
    /// Pixels shared by reference: an `ImageBitmap`, a video frame.
    Pixels {
        /// The pixels.
        pixels: ImagePixels,
    },
}

/// The three argument forms of `drawImage()`.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-drawimage>
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DrawImageRects {
    /// `drawImage(image, dx, dy)`.
    At {
        /// Destination x.
        dx: f64,
        /// Destination y.
        dy: f64,
    },
    /// `drawImage(image, dx, dy, dw, dh)`.
    Scaled {
        /// Destination x.
        dx: f64,
        /// Destination y.
        dy: f64,
        /// Destination width.
        dw: f64,
        /// Destination height.
        dh: f64,
    },
    /// `drawImage(image, sx, sy, sw, sh, dx, dy, dw, dh)`.
    Cropped {
        /// Source x.
        sx: f64,
        /// Source y.
        sy: f64,
        /// Source width.
        sw: f64,
        /// Source height.
        sh: f64,
        /// Destination x.
        dx: f64,
        /// Destination y.
        dy: f64,
        /// Destination width.
        dw: f64,
        /// Destination height.
        dh: f64,
    },
}

fn normalized_rect(x: f64, y: f64, w: f64, h: f64) -> Rect<f64> {
    Rect::new(Point2D::new(x.min(x + w), y.min(y + h)), Size2D::new(w.abs(), h.abs()))
}

impl DrawImageRects {
    /// Resolves the source and destination rectangles against the image's
    /// size, or `None` when nothing is to be painted.
    ///
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-drawimage>:
    /// 1. If any argument is infinite or NaN, return.
    /// 4. Missing sx, sy are 0, sw, sh the image's size, dw, dh equal sw, sh.
    /// 5. The source and destination rectangles are the ones spanned by their
    ///    corner points (negative sizes extend left/up). If the source
    ///    rectangle is not entirely inside the image, clip it to the image and
    ///    clip the destination rectangle in the same proportion.
    /// 6. If sw or sh is zero, paint nothing.
    pub fn resolve(&self, image_size: ImageSize) -> Option<(Rect<f64>, Rect<f64>)> {
        let (iw, ih) = (image_size.width as f64, image_size.height as f64);
        let [sx, sy, sw, sh, dx, dy, dw, dh] = match *self {
            DrawImageRects::At { dx, dy } => [0.0, 0.0, iw, ih, dx, dy, iw, ih],
            DrawImageRects::Scaled { dx, dy, dw, dh } => [0.0, 0.0, iw, ih, dx, dy, dw, dh],
            DrawImageRects::Cropped { sx, sy, sw, sh, dx, dy, dw, dh } => [sx, sy, sw, sh, dx, dy, dw, dh],
        };
        if [sx, sy, sw, sh, dx, dy, dw, dh].iter().any(|v| !v.is_finite()) || sw == 0.0 || sh == 0.0 {
            return None;
        }
        let source = normalized_rect(sx, sy, sw, sh);
        let destination = normalized_rect(dx, dy, dw, dh);
        let image = Rect::new(Point2D::zero(), Size2D::new(iw, ih));
        let clipped = source.intersection(&image)?;
        if clipped.is_empty() || destination.is_empty() {
            return None;
        }
        let scale_x = destination.size.width / source.size.width;
        let scale_y = destination.size.height / source.size.height;
        let clipped_destination = Rect::new(
            Point2D::new(
                destination.origin.x + (clipped.origin.x - source.origin.x) * scale_x,
                destination.origin.y + (clipped.origin.y - source.origin.y) * scale_y,
            ),
            Size2D::new(clipped.size.width * scale_x, clipped.size.height * scale_y),
        );
        Some((clipped, clipped_destination))
    }
}

/// Output formats of `toDataURL()`/`toBlob()`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ImageEncoding {
    /// `image/png`.
    Png,
    /// `image/jpeg` with a quality in 0–1 (script applies the 0.92 default
    /// when the argument is missing or out of range).
    Jpeg {
        /// Encoder quality, 0–1.
        quality: f64,
    },
    /// `image/webp` with a quality in 0–1: lossy, alpha kept; 1 is lossless, as in
    /// Chromium.
    Webp {
        /// Encoder quality, 0–1.
        quality: f64,
    },
}

impl ImageEncoding {
    /// The encoding of "a serialization of the bitmap as a file" for a requested
    /// type and quality
    /// (<https://html.spec.whatwg.org/multipage/canvas.html#a-serialisation-of-the-bitmap-as-a-file>),
    /// and the MIME type it produces: "image/jpeg" and "image/webp" (ASCII
    /// case-insensitive) "if quality is a Number in the range 0.0 to 1.0 inclusive,
    /// the user agent must treat quality as the desired quality level", else the
    /// defaults Chromium uses (0.92 for JPEG, 0.80 for WebP); "if type is not
    /// supported, then … PNG".
    pub fn for_type(type_: &str, quality: Option<f64>) -> (ImageEncoding, &'static str) {
        let quality = quality.filter(|q| (0.0..=1.0).contains(q));
        if type_.eq_ignore_ascii_case("image/jpeg") {
            (ImageEncoding::Jpeg { quality: quality.unwrap_or(0.92) }, "image/jpeg")
        } else if type_.eq_ignore_ascii_case("image/webp") {
            (ImageEncoding::Webp { quality: quality.unwrap_or(0.80) }, "image/webp")
        } else {
            (ImageEncoding::Png, "image/png")
        }
    }
}

/// A command for the canvas thread. Fields are plain data; pixels travel by
/// shared reference.
#[derive(Clone, Debug)]
pub enum CanvasCommand {
    /// Creates a canvas bitmap, transparent black (opaque black when
    /// `opaque`, for a context created with `{ alpha: false }`).
    Create {
        /// The new canvas's id (allocated by script with `CanvasId::next()`).
        canvas: CanvasId,
        /// Bitmap size; zero in either dimension means "no pixels".
        size: ImageSize,
        /// Whether the context was created with `alpha: false`.
        opaque: bool,
    },
    /// Resizes the bitmap; it is reset to transparent black and the clip
    /// stack is cleared (<https://html.spec.whatwg.org/multipage/canvas.html#concept-canvas-set-bitmap-dimensions>).
    Resize {
        /// The canvas.
        canvas: CanvasId,
        /// The new size.
        size: ImageSize,
    },
    /// Gives the canvas a new bitmap of the same size, transparent black (opaque black for an
    /// opaque canvas), keeping the clip region: `OffscreenCanvas.transferToImageBitmap()` step 4
    /// (the old bitmap lives on in the ImageBitmap).
    ReplaceBitmap {
        /// The canvas.
        canvas: CanvasId,
    },
    /// Makes `pixels` the canvas's bitmap (copied into its premultiplied RGBA), or, with `None`,
    /// a transparent black bitmap of `size` (opaque black for an opaque canvas); the clip is
    /// cleared. "Set an ImageBitmapRenderingContext's output bitmap"
    /// (<https://html.spec.whatwg.org/multipage/canvas.html#set-an-imagebitmaprenderingcontext's-output-bitmap>).
    SetBitmap {
        /// The canvas.
        canvas: CanvasId,
        /// The new bitmap's pixels, if any.
        pixels: Option<ImagePixels>,
        /// The new bitmap's size (`pixels.size` when there are pixels).
        size: ImageSize,
    },
    /// Shows `from`'s bitmap in `to`: the frame an `OffscreenCanvas` pushes to its placeholder
    /// `<canvas>`. `to` takes `from`'s size and shares its pixels (copy-on-write: the next paint
    /// of `from` copies them, so each pushed frame costs at most one copy); the clip of `to`
    /// is cleared.
    Present {
        /// The OffscreenCanvas's bitmap.
        from: CanvasId,
        /// The placeholder canvas's bitmap.
        to: CanvasId,
    },
    /// A WebGL context presented its drawing buffer (sent by the WebGL thread, never by
    /// script): `frame` becomes the canvas's image, at the frame's size. The canvas keeps the
    /// frame's shared pixels as they are, so `CaptureFrame` hands the same memory to the frame
    /// sink with no copy, and an opaque frame goes to the compositor uncopied too; readbacks,
    /// encodes, snapshots and `drawImage()` of the canvas see the frame (converted to the
    /// premultiplied bitmap once, the first time one of them needs it). A later `Resize` of
    /// the canvas drops the frame. `frame` is tightly packed RGBA, un-premultiplied, top row
    /// first; `has_alpha` is false when every pixel is opaque.
    WebGLFrame {
        /// The canvas the WebGL context draws for.
        canvas: CanvasId,
        /// The drawing buffer's pixels.
        frame: VideoFrame,
    },
    /// Drops a canvas and its compositor image.
    Destroy {
        /// The canvas.
        canvas: CanvasId,
    },
    /// `fillRect()`.
    FillRect {
        /// The canvas.
        canvas: CanvasId,
        /// The rectangle in user space (already normalized by script or not).
        rect: Rect<f32>,
        /// `fillStyle`.
        style: PaintStyle,
        /// Transform, alpha, compositing, smoothing.
        options: DrawOptions,
    },
    /// `strokeRect()`.
    StrokeRect {
        /// The canvas.
        canvas: CanvasId,
        /// The rectangle in user space.
        rect: Rect<f32>,
        /// `strokeStyle`.
        style: PaintStyle,
        /// Line width, caps, joins, dashes.
        line: LineOptions,
        /// Transform, alpha, compositing, smoothing.
        options: DrawOptions,
    },
    /// `clearRect()`: the rectangle (transformed, clipped) becomes
    /// transparent black.
    ClearRect {
        /// The canvas.
        canvas: CanvasId,
        /// The rectangle in user space.
        rect: Rect<f32>,
        /// The current transformation matrix.
        transform: euclid::default::Transform2D<f32>,
    },
    /// `fill()`.
    FillPath {
        /// The canvas.
        canvas: CanvasId,
        /// The path.
        path: Path,
        /// Maps the path to bitmap pixels: the current transform for a
        /// `Path2D`, identity for the current default path (whose segments
        /// record their own transforms).
        path_transform: euclid::default::Transform2D<f32>,
        /// Fill rule.
        fill_rule: FillRule,
        /// `fillStyle`.
        style: PaintStyle,
        /// Transform (for the style), alpha, compositing, smoothing.
        options: DrawOptions,
    },
    /// `stroke()`. The pen follows `options.transform`.
    StrokePath {
        /// The canvas.
        canvas: CanvasId,
        /// The path.
        path: Path,
        /// As for `FillPath`.
        path_transform: euclid::default::Transform2D<f32>,
        /// `strokeStyle`.
        style: PaintStyle,
        /// Line styles.
        line: LineOptions,
        /// Transform, alpha, compositing, smoothing.
        options: DrawOptions,
    },
    /// `clip()`: intersects the clip region with the path.
    ClipPath {
        /// The canvas.
        canvas: CanvasId,
        /// The path.
        path: Path,
        /// As for `FillPath`.
        path_transform: euclid::default::Transform2D<f32>,
        /// Fill rule.
        fill_rule: FillRule,
    },
    /// The clip half of `save()`: pushes the current clip region.
    SaveClip {
        /// The canvas.
        canvas: CanvasId,
    },
    /// The clip half of `restore()`: pops the clip region (no-op when empty).
    RestoreClip {
        /// The canvas.
        canvas: CanvasId,
    },
    /// `drawImage()`.
    DrawImage {
        /// The canvas drawn on.
        canvas: CanvasId,
        /// What is drawn.
        source: ImageSource,
        /// Which of the three forms, with its arguments.
        rects: DrawImageRects,
        /// Transform, alpha, compositing, smoothing.
        options: DrawOptions,
    },
    /// A loaded `FontFace`'s bytes (valid font data, checked by script), shared with the
    /// `FontFace`: text commands name it by `key` in their `TextOptions::faces`.
    AddFont {
        /// The registry entry.
        key: FontKey,
        /// The font file.
        data: std::sync::Arc<[u8]>,
    },
    /// The `FontFace` that added `key` is gone.
    RemoveFont {
        /// The registry entry.
        key: FontKey,
    },
    /// `fillText()`, drawn with the faces the font selects.
    FillText {
        /// The canvas.
        canvas: CanvasId,
        /// The text (prepared on the canvas thread).
        text: String,
        /// Anchor x, in user space.
        x: f64,
        /// Anchor y, in user space.
        y: f64,
        /// `maxWidth`: the text is condensed horizontally to fit.
        max_width: Option<f64>,
        /// Font, alignment, baseline, direction.
        text_options: TextOptions,
        /// `fillStyle`.
        style: PaintStyle,
        /// Transform, alpha, compositing, smoothing, shadow.
        options: DrawOptions,
    },
    /// `strokeText()`.
    StrokeText {
        /// The canvas.
        canvas: CanvasId,
        /// The text.
        text: String,
        /// Anchor x.
        x: f64,
        /// Anchor y.
        y: f64,
        /// `maxWidth`.
        max_width: Option<f64>,
        /// Font, alignment, baseline, direction.
        text_options: TextOptions,
        /// `strokeStyle`.
        style: PaintStyle,
        /// Line styles.
        line: LineOptions,
        /// Transform, alpha, compositing, smoothing, shadow.
        options: DrawOptions,
    },
    /// `measureText()`: replies with the metrics (script blocks on it).
    MeasureText {
        /// The text.
        text: String,
        /// Font, alignment, baseline, direction.
        text_options: TextOptions,
        /// Where the metrics go.
        reply: Sender<TextMetrics>,
    },
    /// Layout's text runs: replies with the advance width of each (text, font) in order (script
    /// blocks on it, once per layout, for the runs it has not measured before).
    MeasureWidths {
        /// The runs.
        runs: Vec<(String, TextOptions)>,
        /// Where the widths go.
        reply: Sender<Vec<f64>>,
    },
    /// `putImageData()`: copies un-premultiplied RGBA into the bitmap,
    /// ignoring transform, alpha, compositing and clip.
    PutImageData {
        /// The canvas.
        canvas: CanvasId,
        /// The ImageData's bytes, RGBA, not premultiplied.
        data: ImagePixels,
        /// (dx, dy).
        destination: Point2D<i32>,
        /// The dirty rectangle in ImageData pixels (the whole image if absent).
        dirty: Rect<i32>,
    },
    /// `getImageData()`: replies with un-premultiplied RGBA of `rect`;
    /// pixels outside the bitmap are transparent black.
    GetImageData {
        /// The canvas.
        canvas: CanvasId,
        /// The rectangle, from `get_image_data_rect()`.
        rect: Rect<i64>,
        /// Where the bytes go (script blocks on it: it is the page's own
        /// synchronous readback).
        reply: Sender<Result<Vec<u8>, UnknownCanvas>>,
    },
    /// A snapshot of the bitmap shared with script, for `createPattern()`
    /// and `createImageBitmap()` with a canvas. Costs no copy: the canvas
    /// copies its pixels on its next write if the snapshot is still alive.
    /// The reply is `None` for a canvas without pixels (zero-sized).
    Snapshot {
        /// The canvas.
        canvas: CanvasId,
        /// Premultiplied RGBA (or `PixelAlpha::Opaque` for an opaque canvas).
        reply: Sender<Result<Option<ImagePixels>, UnknownCanvas>>,
    },
    /// `toDataURL()`/`toBlob()`: encodes the bitmap.
    Encode {
        /// The canvas.
        canvas: CanvasId,
        /// Echoed in the reply.
        request: RequestId,
        /// PNG or JPEG.
        encoding: ImageEncoding,
        /// Where the result goes.
        reply: Sender<EncodedImage>,
    },
    /// At a rendering update: hands the current pixels to the compositor
    /// under `epoch`.
    UpdateImage {
        /// The canvas.
        canvas: CanvasId,
        /// The rendering update's epoch.
        epoch: Epoch,
    },
    /// Captures the canvas's current pixels as the next frame of `source`
    /// (a `CanvasCaptureMediaStreamTrack`'s source). Script decides when
    /// (`[[frameCaptureRequested]]`); the canvas thread only executes.
    CaptureFrame {
        /// The canvas.
        canvas: CanvasId,
        /// The media source that receives the frame.
        source: SourceId,
    },
    /// Forgets `source`'s clock and sequence number (its track ended).
    EndCapture {
        /// The media source.
        source: SourceId,
    },
    /// Sizes of the thread's tables (test hook for leak tests).
    Stats {
        /// Where they go.
        reply: Sender<CanvasThreadStats>,
    },
}

/// Sizes of the canvas thread's tables, for leak tests: each goes back to
/// where it was once the canvases and captures a page made are collected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CanvasThreadStats {
    /// Canvas bitmaps (element canvases and `OffscreenCanvas`es).
    pub canvases: usize,
    /// Capture clocks of canvas tracks not yet ended.
    pub capture_clocks: usize,
    /// Web fonts registered by `FontFace`s.
    pub web_fonts: usize,
}

impl CanvasCommand {
    /// The canvas the command is about, if any.
    pub fn canvas(&self) -> Option<CanvasId> {
        use CanvasCommand::*;
        match self {
            Create { canvas, .. }
            | Resize { canvas, .. }
            | ReplaceBitmap { canvas }
            | SetBitmap { canvas, .. }
            | Present { to: canvas, .. }
            | Destroy { canvas }
            | FillRect { canvas, .. }
            | StrokeRect { canvas, .. }
            | ClearRect { canvas, .. }
            | FillPath { canvas, .. }
            | StrokePath { canvas, .. }
            | ClipPath { canvas, .. }
            | SaveClip { canvas }
            | RestoreClip { canvas }
            | DrawImage { canvas, .. }
            | PutImageData { canvas, .. }
            | GetImageData { canvas, .. }
            | Snapshot { canvas, .. }
            | Encode { canvas, .. }
            | UpdateImage { canvas, .. }
            | CaptureFrame { canvas, .. }
            | WebGLFrame { canvas, .. } => Some(*canvas),
            FillText { canvas, .. } | StrokeText { canvas, .. } => Some(*canvas),
            EndCapture { .. }
            | MeasureText { .. }
            | MeasureWidths { .. }
            | AddFont { .. }
            | RemoveFont { .. }
            | Stats { .. } => None,
        }
    }
}

/// The reply to a request about a canvas the thread does not know.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct UnknownCanvas(pub CanvasId);

impl fmt::Display for UnknownCanvas {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} does not exist on the canvas thread", self.0)
    }
}

/// Why an encoding failed.
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum EncodeError {
    /// The canvas does not exist.
    UnknownCanvas(CanvasId),
    /// The bitmap has no pixels (a zero-sized canvas): script returns
    /// `"data:,"` or a null blob.
    Empty,
    /// The encoder failed.
    Encoder(String),
}

/// The reply to [`CanvasCommand::Encode`].
#[derive(Clone, Debug)]
pub struct EncodedImage {
    /// The request this answers.
    pub request: RequestId,
    /// The encoded file, or why there is none.
    pub result: Result<Vec<u8>, EncodeError>,
}

/// Commands sent together and executed in order.
#[derive(Clone, Debug, Default)]
pub struct CanvasBatch {
    /// The commands.
    pub commands: Vec<CanvasCommand>,
}

impl CanvasBatch {
    /// An empty batch.
    pub fn new() -> CanvasBatch {
        CanvasBatch::default()
    }

    /// Appends a command.
    pub fn push(&mut self, command: CanvasCommand) {
        self.commands.push(command);
    }

    /// Whether there is nothing to send.
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }
}

/// A message to the canvas thread.
#[derive(Debug)]
pub enum CanvasMsg {
    /// Commands to run, in order.
    Batch(CanvasBatch),
    /// Stop the thread after the messages already queued.
    Exit,
}

/// The canvas thread has exited.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct CanvasThreadGone;

/// Script's handle for sending to the canvas thread.
#[derive(Clone, Debug)]
pub struct CanvasSender(Sender<CanvasMsg>);

impl CanvasSender {
    /// Wraps the thread's channel.
    pub fn new(sender: Sender<CanvasMsg>) -> CanvasSender {
        CanvasSender(sender)
    }

    /// Sends a batch (nothing is sent for an empty one).
    pub fn send_batch(&self, batch: CanvasBatch) -> Result<(), CanvasThreadGone> {
        if batch.is_empty() {
            return Ok(());
        }
        self.0.send(CanvasMsg::Batch(batch)).map_err(|_| CanvasThreadGone)
    }

    /// Sends one command as its own batch.
    pub fn send(&self, command: CanvasCommand) -> Result<(), CanvasThreadGone> {
        self.send_batch(CanvasBatch { commands: vec![command] })
    }

    /// Asks the thread to stop after the messages already queued (the engine's
    /// shutdown, and the fault tests' "canvas thread gone").
    pub fn send_exit(&self) -> Result<(), CanvasThreadGone> {
        self.0.send(CanvasMsg::Exit).map_err(|_| CanvasThreadGone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect<f64> {
        Rect::new(Point2D::new(x, y), Size2D::new(w, h))
    }

    #[test]
    fn draw_image_forms_resolve() {
        let size = ImageSize::new(100, 50);
        assert_eq!(
            DrawImageRects::At { dx: 5.0, dy: 6.0 }.resolve(size),
            Some((rect(0.0, 0.0, 100.0, 50.0), rect(5.0, 6.0, 100.0, 50.0)))
        );
        assert_eq!(
            DrawImageRects::Scaled { dx: 0.0, dy: 0.0, dw: -200.0, dh: 100.0 }.resolve(size),
            Some((rect(0.0, 0.0, 100.0, 50.0), rect(-200.0, 0.0, 200.0, 100.0)))
        );
        // A source rectangle hanging off the right edge is clipped, and the
        // destination shrinks in proportion.
        let cropped =
            DrawImageRects::Cropped { sx: 50.0, sy: 0.0, sw: 100.0, sh: 50.0, dx: 0.0, dy: 0.0, dw: 200.0, dh: 100.0 };
        assert_eq!(cropped.resolve(size), Some((rect(50.0, 0.0, 50.0, 50.0), rect(0.0, 0.0, 100.0, 100.0))));
        let zero = DrawImageRects::Cropped { sx: 0.0, sy: 0.0, sw: 0.0, sh: 5.0, dx: 0.0, dy: 0.0, dw: 5.0, dh: 5.0 };
        assert_eq!(zero.resolve(size), None);
        assert_eq!(DrawImageRects::At { dx: f64::NAN, dy: 0.0 }.resolve(size), None);
        let outside =
            DrawImageRects::Cropped { sx: 200.0, sy: 0.0, sw: 10.0, sh: 5.0, dx: 0.0, dy: 0.0, dw: 5.0, dh: 5.0 };
        assert_eq!(outside.resolve(size), None);
    }
}

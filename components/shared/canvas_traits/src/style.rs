//! The drawing state script keeps for a 2D context and sends along with each
//! drawing command: paint styles, line styles, compositing, smoothing.
//!
//! <https://html.spec.whatwg.org/multipage/canvas.html#the-canvas-state>

use base::units::ImageSize;
use base::{FrameBytes, PixelFormat, VideoFrame};
use euclid::default::Transform2D;

use crate::color::{RgbaColor, parse_canvas_style_color};
use crate::error::CanvasError;

/// How the alpha channel of some [`ImagePixels`] is stored.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum PixelAlpha {
    /// Colour channels are not multiplied by alpha (video frames, ImageData).
    Unpremultiplied,
    /// Colour channels are already multiplied by alpha (canvas bitmaps).
    Premultiplied,
    /// Every pixel is opaque; the alpha bytes are ignored and read as 255.
    Opaque,
}

/// Image pixels handed to the canvas thread by reference (an `ImageBitmap`, a
/// video frame, a pattern's image). The bytes are shared, never copied on the
/// way to the canvas thread.
#[derive(Clone, Debug)]
pub struct ImagePixels {
    /// Size in pixels.
    pub size: ImageSize,
    /// Bytes from the start of one row to the next (at least `4 * width`).
    pub stride: usize,
    /// Channel order in memory.
    pub format: PixelFormat,
    /// How alpha is stored.
    pub alpha: PixelAlpha,
    /// The pixel memory.
    pub data: FrameBytes,
}

impl ImagePixels {
    /// Whether `data` is large enough for `size` and `stride`.
    pub fn is_well_formed(&self) -> bool {
        let row = self.size.width as usize * self.format.bytes_per_pixel();
        if self.stride < row {
            return false;
        }
        let needed = match self.size.height as usize {
            0 => Some(0),
            h => (h - 1).checked_mul(self.stride).and_then(|n| n.checked_add(row)),
        };
        needed.is_some_and(|needed| self.data.as_slice().len() >= needed)
    }
}

impl From<&VideoFrame> for ImagePixels {
    /// Shares the frame's memory (no copy).
    fn from(frame: &VideoFrame) -> ImagePixels {
        ImagePixels {
            size: frame.size,
            stride: frame.stride,
            format: frame.format,
            alpha: if frame.has_alpha { PixelAlpha::Unpremultiplied } else { PixelAlpha::Opaque },
            data: frame.data.clone(),
        }
    }
}

/// One colour stop of a gradient.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientStop {
    /// Position along the gradient, 0–1.
    pub offset: f64,
    /// Colour at that position.
    pub color: RgbaColor,
}

impl GradientStop {
    /// `CanvasGradient.addColorStop(offset, color)` argument rules.
    ///
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-canvasgradient-addcolorstop>:
    /// an offset below 0 or above 1 (or NaN) throws "IndexSizeError"; a colour
    /// string that does not parse throws "SyntaxError". `current_color` is
    /// the canvas element's computed colour, used for `currentcolor`.
    pub fn parse(offset: f64, color: &str, current_color: Option<RgbaColor>) -> Result<GradientStop, CanvasError> {
        GradientStop::parse_css(offset, color, current_color).map(|(stop, _)| stop)
    }

    /// As [`GradientStop::parse`], and whether the colour is a CSS Color 4/5 form (a gradient
    /// with such a stop interpolates in Oklab).
    pub fn parse_css(
        offset: f64,
        color: &str,
        current_color: Option<RgbaColor>,
    ) -> Result<(GradientStop, bool), CanvasError> {
        if !(0.0..=1.0).contains(&offset) {
            return Err(CanvasError::IndexSize("color stop offset is outside [0, 1]"));
        }
        let (color, modern) = parse_canvas_style_color(color, current_color)
            .ok_or(CanvasError::Syntax("color stop is not a valid CSS color"))?;
        Ok((GradientStop { offset, color }, modern.is_some()))
    }
}

/// Where a gradient's colours vary; the three `create*Gradient()` shapes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GradientGeometry {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createlineargradient>
    Linear {
        /// Start point x.
        x0: f64,
        /// Start point y.
        y0: f64,
        /// End point x.
        x1: f64,
        /// End point y.
        y1: f64,
    },
    /// Two circles: <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createradialgradient>
    Radial {
        /// Start circle centre x.
        x0: f64,
        /// Start circle centre y.
        y0: f64,
        /// Start circle radius (non-negative).
        r0: f64,
        /// End circle centre x.
        x1: f64,
        /// End circle centre y.
        y1: f64,
        /// End circle radius (non-negative).
        r1: f64,
    },
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createconicgradient>
    Conic {
        /// Angle, in radians clockwise from the positive x axis, of offset 0.
        start_angle: f64,
        /// Centre x.
        x: f64,
        /// Centre y.
        y: f64,
    },
}

impl GradientGeometry {
    /// `createRadialGradient()` argument rule: a negative radius throws
    /// "IndexSizeError" (<https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createradialgradient>).
    pub fn radial(x0: f64, y0: f64, r0: f64, x1: f64, y1: f64, r1: f64) -> Result<GradientGeometry, CanvasError> {
        if r0 < 0.0 || r1 < 0.0 {
            return Err(CanvasError::IndexSize("radial gradient radius is negative"));
        }
        Ok(GradientGeometry::Radial { x0, y0, r0, x1, y1, r1 })
    }
}

/// A `CanvasGradient`: its geometry and its stops in the order they were added.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradient {
    /// The gradient's shape.
    pub geometry: GradientGeometry,
    /// Colour stops, in insertion order (stops with equal offsets keep it).
    pub stops: Vec<GradientStop>,
}

/// `createPattern()` repetition.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum Repetition {
    /// Tile in both directions (`"repeat"` or the empty string).
    #[default]
    Repeat,
    /// Tile horizontally only.
    RepeatX,
    /// Tile vertically only.
    RepeatY,
    /// Draw the image once.
    NoRepeat,
}

impl Repetition {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createpattern>:
    /// the empty string means `"repeat"`; any value other than the four
    /// keywords (compared case-sensitively) throws "SyntaxError".
    pub fn parse(value: &str) -> Result<Repetition, CanvasError> {
        match value {
            "" | "repeat" => Ok(Repetition::Repeat),
            "repeat-x" => Ok(Repetition::RepeatX),
            "repeat-y" => Ok(Repetition::RepeatY),
            "no-repeat" => Ok(Repetition::NoRepeat),
            _ => Err(CanvasError::Syntax("pattern repetition is not a known keyword")),
        }
    }
}

/// A `CanvasPattern`.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The image, shared.
    pub image: ImagePixels,
    /// How it tiles.
    pub repetition: Repetition,
    /// `CanvasPattern.setTransform()`; identity by default. Applied before
    /// the context's current transform.
    pub transform: Transform2D<f32>,
}

/// A fill or stroke style.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#fill-and-stroke-styles>
#[derive(Clone, Debug)]
pub enum PaintStyle {
    /// A solid colour.
    Color(RgbaColor),
    /// A linear, radial or conic gradient.
    Gradient(Gradient),
    /// An image pattern.
    Pattern(Pattern),
}

impl Default for PaintStyle {
    fn default() -> PaintStyle {
        PaintStyle::Color(RgbaColor::BLACK)
    }
}

/// `lineCap`.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum LineCap {
    /// `"butt"`, the default.
    #[default]
    Butt,
    /// `"round"`.
    Round,
    /// `"square"`.
    Square,
}

/// `lineJoin`.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum LineJoin {
    /// `"round"`.
    Round,
    /// `"bevel"`.
    Bevel,
    /// `"miter"`, the default.
    #[default]
    Miter,
}

/// The line styles of a stroke.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#line-styles>
#[derive(Clone, Debug, PartialEq)]
pub struct LineOptions {
    /// `lineWidth`, in user units; always finite and > 0.
    pub width: f64,
    /// `lineCap`.
    pub cap: LineCap,
    /// `lineJoin`.
    pub join: LineJoin,
    /// `miterLimit`; always finite and > 0.
    pub miter_limit: f64,
    /// `setLineDash()`, already doubled to an even length; empty = solid.
    pub dash: Vec<f64>,
    /// `lineDashOffset`.
    pub dash_offset: f64,
}

impl Default for LineOptions {
    fn default() -> LineOptions {
        LineOptions {
            width: 1.0,
            cap: LineCap::Butt,
            join: LineJoin::Miter,
            miter_limit: 10.0,
            dash: Vec::new(),
            dash_offset: 0.0,
        }
    }
}

impl LineOptions {
    /// Setter rule shared by `lineWidth` and `miterLimit`: values that are
    /// zero, negative, infinite or NaN are ignored (the setter returns
    /// without changing anything). Returns whether `value` is acceptable.
    pub fn is_valid_width(value: f64) -> bool {
        value.is_finite() && value > 0.0
    }

    /// `setLineDash(segments)`: <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-setlinedash>.
    /// If any value is negative, infinite or NaN, return `None` (ignore the
    /// call). If the number of values is odd, the list is concatenated with
    /// a copy of itself so it becomes even.
    pub fn normalize_dash(segments: &[f64]) -> Option<Vec<f64>> {
        if segments.iter().any(|v| !v.is_finite() || *v < 0.0) {
            return None;
        }
        let mut dash = segments.to_vec();
        if !dash.len().is_multiple_of(2) {
            dash.extend_from_slice(segments);
        }
        Some(dash)
    }
}

/// `globalCompositeOperation`: the Porter-Duff operators and the blend modes.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-globalcompositeoperation>,
/// values from <https://drafts.fxtf.org/compositing/#canvascompositingandblending>.
#[derive(Clone, Copy, Debug, Default, Eq, Hash, PartialEq)]
pub enum CompositeOperation {
    /// `source-over`, the default.
    #[default]
    SourceOver,
    /// `source-in`.
    SourceIn,
    /// `source-out`.
    SourceOut,
    /// `source-atop`.
    SourceAtop,
    /// `destination-over`.
    DestinationOver,
    /// `destination-in`.
    DestinationIn,
    /// `destination-out`.
    DestinationOut,
    /// `destination-atop`.
    DestinationAtop,
    /// `lighter` (plus).
    Lighter,
    /// `copy`.
    Copy,
    /// `clear` (<https://drafts.fxtf.org/compositing/#porterduffcompositingoperators_clear>).
    Clear,
    /// `xor`.
    Xor,
    /// `multiply`.
    Multiply,
    /// `screen`.
    Screen,
    /// `overlay`.
    Overlay,
    /// `darken`.
    Darken,
    /// `lighten`.
    Lighten,
    /// `color-dodge`.
    ColorDodge,
    /// `color-burn`.
    ColorBurn,
    /// `hard-light`.
    HardLight,
    /// `soft-light`.
    SoftLight,
    /// `difference`.
    Difference,
    /// `exclusion`.
    Exclusion,
    /// `hue`.
    Hue,
    /// `saturation`.
    Saturation,
    /// `color`.
    Color,
    /// `luminosity`.
    Luminosity,
}

impl CompositeOperation {
    /// Every operation, with its keyword.
    pub const ALL: [(CompositeOperation, &'static str); 27] = [
        (CompositeOperation::SourceOver, "source-over"),
        (CompositeOperation::SourceIn, "source-in"),
        (CompositeOperation::SourceOut, "source-out"),
        (CompositeOperation::SourceAtop, "source-atop"),
        (CompositeOperation::DestinationOver, "destination-over"),
        (CompositeOperation::DestinationIn, "destination-in"),
        (CompositeOperation::DestinationOut, "destination-out"),
        (CompositeOperation::DestinationAtop, "destination-atop"),
        (CompositeOperation::Lighter, "lighter"),
        (CompositeOperation::Copy, "copy"),
        (CompositeOperation::Clear, "clear"),
        (CompositeOperation::Xor, "xor"),
        (CompositeOperation::Multiply, "multiply"),
        (CompositeOperation::Screen, "screen"),
        (CompositeOperation::Overlay, "overlay"),
        (CompositeOperation::Darken, "darken"),
        (CompositeOperation::Lighten, "lighten"),
        (CompositeOperation::ColorDodge, "color-dodge"),
        (CompositeOperation::ColorBurn, "color-burn"),
        (CompositeOperation::HardLight, "hard-light"),
        (CompositeOperation::SoftLight, "soft-light"),
        (CompositeOperation::Difference, "difference"),
        (CompositeOperation::Exclusion, "exclusion"),
        (CompositeOperation::Hue, "hue"),
        (CompositeOperation::Saturation, "saturation"),
        (CompositeOperation::Color, "color"),
        (CompositeOperation::Luminosity, "luminosity"),
    ];

    /// Setter rule: an unknown keyword (compared case-sensitively) returns
    /// `None`, and the setter must then leave the value unchanged.
    pub fn parse(value: &str) -> Option<CompositeOperation> {
        Self::ALL.iter().find(|(_, name)| *name == value).map(|(op, _)| *op)
    }

    /// The keyword the getter returns.
    pub fn as_str(self) -> &'static str {
        Self::ALL.iter().find(|(op, _)| *op == self).map_or("source-over", |(_, name)| name)
    }

    /// Whether the operation changes destination pixels where the source is
    /// transparent (outside the drawn shape): `copy`, `clear`, `source-in`,
    /// `source-out`, `destination-in` and `destination-atop`. The canvas
    /// drawing model composites the shape's whole (infinite) transparent
    /// surroundings too, so these clear the bitmap outside the shape.
    pub fn is_unbounded(self) -> bool {
        matches!(
            self,
            CompositeOperation::Copy
                | CompositeOperation::Clear
                | CompositeOperation::SourceIn
                | CompositeOperation::SourceOut
                | CompositeOperation::DestinationIn
                | CompositeOperation::DestinationAtop
        )
    }
}

/// `imageSmoothingQuality`.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum SmoothingQuality {
    /// `"low"`, the default.
    #[default]
    Low,
    /// `"medium"`.
    Medium,
    /// `"high"`.
    High,
}

/// `imageSmoothingEnabled` and `imageSmoothingQuality`.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#image-smoothing>
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct ImageSmoothing {
    /// `imageSmoothingEnabled`; true by default.
    pub enabled: bool,
    /// `imageSmoothingQuality`.
    pub quality: SmoothingQuality,
}

impl Default for ImageSmoothing {
    fn default() -> ImageSmoothing {
        ImageSmoothing { enabled: true, quality: SmoothingQuality::Low }
    }
}

/// The fill rule of `fill()`, `clip()` and `isPointInPath()`.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum FillRule {
    /// `"nonzero"`, the default.
    #[default]
    NonZero,
    /// `"evenodd"`.
    EvenOdd,
}

/// Shadow styles.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#shadows>: offsets and
/// blur are in bitmap pixels; the current transform does not affect them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shadow {
    /// `shadowOffsetX`.
    pub offset_x: f64,
    /// `shadowOffsetY`.
    pub offset_y: f64,
    /// `shadowBlur`: twice the standard deviation of the Gaussian blur.
    pub blur: f64,
    /// `shadowColor`; transparent black by default.
    pub color: RgbaColor,
}

impl Default for Shadow {
    fn default() -> Shadow {
        Shadow { offset_x: 0.0, offset_y: 0.0, blur: 0.0, color: RgbaColor::TRANSPARENT }
    }
}

impl Shadow {
    /// Shadows are drawn only if the colour is not fully transparent and
    /// either the blur or an offset is non-zero.
    pub fn is_visible(&self) -> bool {
        self.color.alpha != 0 && (self.blur > 0.0 || self.offset_x != 0.0 || self.offset_y != 0.0)
    }

    /// Setter rule of `shadowOffsetX`/`shadowOffsetY`: infinite or NaN
    /// values are ignored. Returns whether `value` is acceptable.
    pub fn is_valid_offset(value: f64) -> bool {
        value.is_finite()
    }

    /// Setter rule of `shadowBlur`: negative, infinite or NaN values are
    /// ignored. Returns whether `value` is acceptable.
    pub fn is_valid_blur(value: f64) -> bool {
        value.is_finite() && value >= 0.0
    }
}

/// The state every drawing operation composites with.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#drawing-model>
#[derive(Clone, Debug, PartialEq)]
pub struct DrawOptions {
    /// The current transformation matrix (user space → bitmap pixels).
    pub transform: Transform2D<f32>,
    /// `globalAlpha`, 0–1.
    pub global_alpha: f32,
    /// `globalCompositeOperation`.
    pub composite: CompositeOperation,
    /// Smoothing used when sampling images (drawImage, patterns).
    pub smoothing: ImageSmoothing,
    /// Shadow styles.
    pub shadow: Shadow,
    /// `filter`, parsed; `None` for `"none"`.
    pub filter: Option<std::sync::Arc<[crate::filter::FilterFunction]>>,
}

impl Default for DrawOptions {
    fn default() -> DrawOptions {
        DrawOptions {
            transform: Transform2D::identity(),
            global_alpha: 1.0,
            composite: CompositeOperation::SourceOver,
            smoothing: ImageSmoothing::default(),
            shadow: Shadow::default(),
            filter: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composite_keywords_round_trip() {
        for (op, name) in CompositeOperation::ALL {
            assert_eq!(CompositeOperation::parse(name), Some(op));
            assert_eq!(op.as_str(), name);
        }
        assert_eq!(CompositeOperation::parse("Source-Over"), None);
        assert_eq!(CompositeOperation::parse("plus"), None);
    }

    #[test]
    fn setter_rules() {
        assert_eq!(LineOptions::normalize_dash(&[1.0, 2.0, 3.0]), Some(vec![1.0, 2.0, 3.0, 1.0, 2.0, 3.0]));
        assert_eq!(LineOptions::normalize_dash(&[1.0, -2.0]), None);
        assert_eq!(LineOptions::normalize_dash(&[f64::NAN]), None);
        assert!(!LineOptions::is_valid_width(0.0));
        assert!(!LineOptions::is_valid_width(f64::INFINITY));
        assert!(LineOptions::is_valid_width(0.5));
        assert_eq!(Repetition::parse(""), Ok(Repetition::Repeat));
        assert_eq!(Repetition::parse("repeat-x"), Ok(Repetition::RepeatX));
        assert!(matches!(Repetition::parse("Repeat"), Err(CanvasError::Syntax(_))));
    }

    #[test]
    fn shadow_rules() {
        let mut shadow = Shadow::default();
        assert!(!shadow.is_visible());
        shadow.blur = 4.0;
        assert!(!shadow.is_visible(), "transparent colour");
        shadow.color = RgbaColor::BLACK;
        assert!(shadow.is_visible());
        assert!(!Shadow::is_valid_blur(-1.0));
        assert!(!Shadow::is_valid_offset(f64::NAN));
    }

    #[test]
    fn gradient_argument_rules() {
        assert!(matches!(GradientStop::parse(1.5, "red", None), Err(CanvasError::IndexSize(_))));
        assert!(matches!(GradientStop::parse(f64::NAN, "red", None), Err(CanvasError::IndexSize(_))));
        assert!(matches!(GradientStop::parse(0.5, "bogus", None), Err(CanvasError::Syntax(_))));
        assert_eq!(GradientStop::parse(0.0, "#fff", None).unwrap().color, RgbaColor::new(255, 255, 255, 255));
        assert!(matches!(GradientGeometry::radial(0.0, 0.0, -1.0, 0.0, 0.0, 1.0), Err(CanvasError::IndexSize(_))));
    }
}

//! The 2D context's drawing state
//! (<https://html.spec.whatwg.org/multipage/canvas.html#the-canvas-state>):
//! what `save()` pushes and `restore()` pops, kept on the script side and
//! sent with each drawing command.

use std::sync::Arc;

use canvas_traits::color::{RgbaColor, serialize_canvas_color};
use canvas_traits::filter::FilterFunction;
use canvas_traits::style::{CompositeOperation, DrawOptions, ImageSmoothing, LineOptions, PaintStyle, Shadow};
use canvas_traits::text::{
    CanvasFont, FontKerning, FontStretch, FontVariantCaps, SpacingLength, TextAlign, TextBaseline, TextDirection,
    TextOptions, TextRendering, WebFontFace,
};
use euclid::default::Transform2D;

use crate::dom::bindings::codegen::Enums::CanvasDirection;
use crate::dom::bindings::codegen::Unions::StringOrCanvasGradientOrCanvasPattern as StyleUnion;
use crate::dom::bindings::root::Dom;
use crate::dom::bindings::str::DOMString;
use crate::dom::canvas::canvasgradient::CanvasGradient;
use crate::dom::canvas::canvaspattern::CanvasPattern;

/// A `fillStyle`/`strokeStyle` value: a colour, or the very gradient or
/// pattern object the page assigned (the getter returns that object, and
/// colour stops added later still apply).
#[derive(Clone, crate::dom::bindings::trace::JSTraceable)]
pub enum StyleValue {
    /// The colour it paints with and, for a CSS Color 4/5 form, its serialization.
    Color(#[no_trace] RgbaColor, #[no_trace] Option<Arc<str>>),
    Gradient(Dom<CanvasGradient>),
    Pattern(Dom<CanvasPattern>),
}

impl StyleValue {
    /// The style as the canvas thread takes it.
    pub fn to_paint_style(&self) -> PaintStyle {
        match self {
            StyleValue::Color(color, _) => PaintStyle::Color(*color),
            StyleValue::Gradient(gradient) => PaintStyle::Gradient(gradient.as_rooted().to_gradient()),
            StyleValue::Pattern(pattern) => PaintStyle::Pattern(pattern.as_rooted().to_pattern()),
        }
    }

    /// The getter's value: the serialized colour or the object.
    pub fn to_union(&self) -> StyleUnion {
        match self {
            StyleValue::Color(color, css) => StyleUnion::String(match css {
                Some(css) => DOMString::from(&**css),
                None => DOMString::from(serialize_canvas_color(*color)),
            }),
            StyleValue::Gradient(gradient) => StyleUnion::CanvasGradient(gradient.as_rooted()),
            StyleValue::Pattern(pattern) => StyleUnion::CanvasPattern(pattern.as_rooted()),
        }
    }
}

/// One entry of the drawing state stack.
#[derive(Clone, crate::dom::bindings::trace::JSTraceable)]
pub struct DrawingState {
    /// The current transformation matrix, in f64 (sent as f32).
    #[no_trace]
    pub transform: Transform2D<f64>,
    pub fill_style: StyleValue,
    pub stroke_style: StyleValue,
    #[no_trace]
    pub global_alpha: f64,
    #[no_trace]
    pub composite: CompositeOperation,
    #[no_trace]
    pub smoothing: ImageSmoothing,
    #[no_trace]
    pub line: LineOptions,
    #[no_trace]
    pub shadow: Shadow,
    /// `filter`: the string as set (the getter returns it) and its parsed functions (`None`
    /// for "none").
    #[no_trace]
    pub filter: (String, Option<Arc<[FilterFunction]>>),
    #[no_trace]
    pub font: CanvasFont,
    #[no_trace]
    pub text_align: TextAlign,
    #[no_trace]
    pub text_baseline: TextBaseline,
    #[no_trace]
    pub direction: CanvasDirection,
    #[no_trace]
    pub letter_spacing: SpacingLength,
    #[no_trace]
    pub word_spacing: SpacingLength,
    #[no_trace]
    pub font_kerning: FontKerning,
    #[no_trace]
    pub font_stretch: FontStretch,
    #[no_trace]
    pub font_variant_caps: FontVariantCaps,
    #[no_trace]
    pub text_rendering: TextRendering,
    /// `lang`: `"inherit"` or a language tag, kept as given.
    pub lang: String,
}

impl Default for DrawingState {
    fn default() -> DrawingState {
        DrawingState {
            transform: Transform2D::identity(),
            fill_style: StyleValue::Color(RgbaColor::BLACK, None),
            stroke_style: StyleValue::Color(RgbaColor::BLACK, None),
            global_alpha: 1.0,
            composite: CompositeOperation::SourceOver,
            smoothing: ImageSmoothing::default(),
            line: LineOptions::default(),
            shadow: Shadow::default(),
            filter: ("none".into(), None),
            font: CanvasFont::default(),
            text_align: TextAlign::Start,
            text_baseline: TextBaseline::Alphabetic,
            direction: CanvasDirection::Inherit,
            letter_spacing: SpacingLength::zero(),
            word_spacing: SpacingLength::zero(),
            font_kerning: FontKerning::Auto,
            font_stretch: FontStretch::Normal,
            font_variant_caps: FontVariantCaps::Normal,
            text_rendering: TextRendering::Auto,
            lang: "inherit".into(),
        }
    }
}

impl DrawingState {
    /// The current transform in the canvas thread's precision.
    pub fn transform_f32(&self) -> Transform2D<f32> {
        self.transform.cast()
    }

    /// Transform, alpha, compositing, smoothing, shadow and filter for a drawing command.
    pub fn draw_options(&self) -> DrawOptions {
        DrawOptions {
            transform: self.transform_f32(),
            global_alpha: self.global_alpha as f32,
            composite: self.composite,
            smoothing: self.smoothing,
            shadow: self.shadow,
            filter: self.filter.1.clone(),
        }
    }

    /// Font, alignment, baseline, resolved direction and the text drawing attributes for
    /// text commands, with `faces`, the loaded web fonts the canvas's font source has for
    /// the font's families. `"inherit"` resolves to `inherited`, the canvas element's
    /// directionality. Spacing lengths resolve against the current font size.
    pub fn text_options(
        &self,
        faces: Vec<WebFontFace>,
        inherited: TextDirection,
        inherited_language: impl FnOnce() -> Option<String>,
    ) -> TextOptions {
        let size = self.font.size_px;
        TextOptions {
            language: match self.lang.as_str() {
                "inherit" => inherited_language(),
                "" => None,
                lang => Some(lang.to_owned()),
            }
            .filter(|l| !l.is_empty()),
            letter_spacing: self.letter_spacing.to_px(size),
            word_spacing: self.word_spacing.to_px(size),
            kerning: self.font_kerning,
            stretch: self.font_stretch.percent(),
            variant_caps: self.font_variant_caps,
            rendering: self.text_rendering,
            faces,
            font: self.font.clone(),
            align: self.text_align,
            baseline: self.text_baseline,
            direction: match self.direction {
                CanvasDirection::Rtl => TextDirection::Rtl,
                CanvasDirection::Ltr => TextDirection::Ltr,
                CanvasDirection::Inherit => inherited,
            },
        }
    }
}

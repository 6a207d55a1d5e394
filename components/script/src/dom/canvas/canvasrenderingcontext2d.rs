//! `CanvasRenderingContext2D` (<https://html.spec.whatwg.org/multipage/canvas.html#2dcontext>).
//!
//! Script keeps the drawing state stack and the current default path;
//! every drawing call becomes one `CanvasCommand` carrying the state it
//! needs, appended to the shared batch (`rendering::push`), and marks the
//! canvas dirty. Only the page's own readbacks (`getImageData`,
//! `measureText`, `createPattern`'s snapshot) wait for the canvas thread.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use canvas_traits::color::{RgbaColor, parse_canvas_color, parse_canvas_style_color, serialize_canvas_color};
use canvas_traits::command::{CanvasCommand, DrawImageRects, ImageSource};
use canvas_traits::filter::{FilterContext, parse_filter};
use canvas_traits::flatten::{flatten_path, prune_for_stroke, transform_segments};
use canvas_traits::hit::{self, to_sk_path};
use canvas_traits::image_data::{get_image_data_rect, image_data_size};
use canvas_traits::path::Path;
use canvas_traits::style::{
    CompositeOperation, DrawOptions, FillRule, GradientGeometry, ImagePixels, LineCap, LineJoin, LineOptions,
    PaintStyle, PixelAlpha, Repetition, Shadow, SmoothingQuality,
};
use canvas_traits::text::{
    CanvasFont, FontKerning, FontStretch, FontVariantCaps, SpacingLength, TextAlign, TextBaseline,
    TextMetrics as Metrics, TextRendering, WebFontFace, prepare_text,
};
use dom_struct::dom_struct;
use euclid::Angle;
use euclid::default::{Point2D, Rect, Size2D, Transform2D};
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CanvasRenderingContext2DBinding::CanvasRenderingContext2DMethods;
use crate::dom::bindings::codegen::Dictionaries::{
    CanvasRenderingContext2DSettings, DOMMatrix2DInit, ImageDataSettings,
};
use crate::dom::bindings::codegen::Enums::{
    CanvasDirection, CanvasFillRule, CanvasFontKerning, CanvasFontStretch, CanvasFontVariantCaps, CanvasLineCap,
    CanvasLineJoin, CanvasTextAlign, CanvasTextBaseline, CanvasTextRendering, ImageSmoothingQuality,
    PredefinedColorSpace,
};
use crate::dom::bindings::codegen::Unions::StringOrCanvasGradientOrCanvasPattern as StyleUnion;
use crate::dom::bindings::codegen::Unions::UnrestrictedDoubleOrDOMPointInitOrUnrestrictedDoubleOrDOMPointInitSequence as Radii;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::canvas::canvas_error;
use crate::dom::canvas::canvasgradient::CanvasGradient;
use crate::dom::canvas::canvaspattern::CanvasPattern;
use crate::dom::canvas::canvasstate::{DrawingState, StyleValue};
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
use crate::dom::canvas::imagedata::{ImageData, convert_pixels};
use crate::dom::canvas::path2d::{Path2D, corner_radii};
use crate::dom::canvas::rendering;
use crate::dom::canvas::textmetrics::TextMetrics;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::geometry::dommatrix::{DOMMatrix, matrix_from_2d_dictionary};
use crate::dom::geometry::matrix;
use crate::dom::globalscope::DomGlobal;

/// The colour and width of a canvas focus ring: what headless Chromium 156 draws (its light-scheme
/// focus ring colour, 5 device pixels centred on the path).
const FOCUS_RING_COLOR: RgbaColor = RgbaColor::new(16, 16, 16, 255);
const FOCUS_RING_WIDTH: f64 = 5.0;

#[dom_struct]
pub struct CanvasRenderingContext2D {
    reflector_: Reflector,
    canvas: Dom<HTMLCanvasElement>,
    #[no_trace]
    settings: CanvasRenderingContext2DSettings,
    /// The current drawing state.
    state: RefCell<DrawingState>,
    /// The drawing state stack (`save()`/`restore()`).
    saved: RefCell<Vec<DrawingState>>,
    /// The current default path; its segments record the transform they
    /// were added under.
    #[no_trace]
    path: RefCell<Path>,
    /// The transform last recorded in `path`.
    #[no_trace]
    path_transform: Cell<Transform2D<f32>>,
    /// The family list whose `@font-face` faces text last started loading: text drawn
    /// again with the same families (the common case, every frame) does not look again.
    fonts_checked: RefCell<String>,
}

/// The image argument of `drawImage()` and `createPattern()`.
pub use crate::dom::bindings::codegen::Unions::HTMLImageElementOrHTMLVideoElementOrHTMLCanvasElementOrImageBitmapOrOffscreenCanvasOrVideoFrame as CanvasImageSource;

mod drawing;

pub(crate) use drawing::UsableImage;

fn all_finite(values: &[f64]) -> bool {
    values.iter().all(|v| v.is_finite())
}

impl CanvasRenderingContext2D {
    pub fn new(
        cx: &mut JSContext,
        canvas: &HTMLCanvasElement,
        settings: CanvasRenderingContext2DSettings,
    ) -> DomRoot<CanvasRenderingContext2D> {
        let window = canvas.global();
        reflect_dom_object(
            cx,
            Box::new(CanvasRenderingContext2D {
                reflector_: Reflector::new(),
                canvas: Dom::from_ref(canvas),
                settings,
                state: RefCell::new(DrawingState::default()),
                saved: RefCell::new(Vec::new()),
                path: RefCell::new(Path::new()),
                path_transform: Cell::new(Transform2D::identity()),
                fonts_checked: RefCell::new(String::new()),
            }),
            &window,
        )
    }

    /// Whether the context was created with `alpha: false`.
    pub fn is_opaque(&self) -> bool {
        !self.settings.alpha
    }

    fn canvas(&self) -> DomRoot<HTMLCanvasElement> {
        self.canvas.as_rooted()
    }

    /// What `currentcolor` means in a colour set on this context: "parsed … with this's canvas
    /// element" (<https://html.spec.whatwg.org/multipage/canvas.html#parsed-as-a-css-color-value>),
    /// so the element's computed `color` at the time of setting, also when it is not rendered
    /// (`display: none`). `None` (opaque black) for a canvas that has no computed style: one that is
    /// not connected, or the bitmap element of an `OffscreenCanvas`. Only a value that mentions
    /// `currentcolor` pays for the cascade.
    fn current_color(&self, cx: &mut JSContext, value: &str) -> Option<RgbaColor> {
        if !value.to_ascii_lowercase().contains("currentcolor") {
            return None;
        }
        let canvas = self.canvas();
        let element = canvas.upcast::<Element>();
        if !element.upcast::<Node>().is_connected() {
            return None;
        }
        let cascade = crate::dom::css::cascade::Cascade::for_element(cx, element);
        let computed = crate::dom::css::computedstyle::computed_value(
            &cascade,
            element,
            crate::dom::css::computedstyle::Target::Element,
            "color",
        );
        Some(crate::dom::css::cssproperties::color_of(&computed))
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#reset-the-rendering-context-to-its-default-state>,
    /// script side: empty the state stack and the path, default every
    /// state. (The bitmap is cleared by the caller's `Resize`.)
    pub fn reset_to_default_state(&self) {
        self.saved.borrow_mut().clear();
        *self.state.borrow_mut() = DrawingState::default();
        *self.path.borrow_mut() = Path::new();
        self.path_transform.set(Transform2D::identity());
    }

    /// Queues a drawing command for this canvas and marks it painted.
    fn draw(&self, command: CanvasCommand) {
        let canvas = self.canvas();
        canvas.ensure_bitmap();
        rendering::push(command);
        rendering::mark_dirty(&canvas);
    }

    /// The loaded web fonts of the canvas's font source (the document's `fonts`, or a
    /// worker's for an `OffscreenCanvas` there) for `font`'s families. Drawing text creates
    /// no font source: without one there are no web fonts.
    ///
    /// Text drawn or measured with a named family uses the document's `@font-face` faces of
    /// it: those not loaded yet start loading, as when an element uses them (this text falls
    /// back; text after the load uses them), as in Chromium. That is looked for when the
    /// family list differs from the last one looked for; a rule added later for the same
    /// families is found by the next read of `document.fonts`.
    fn web_fonts(&self, cx: &mut JSContext, font: &CanvasFont) -> Vec<WebFontFace> {
        let window = self.global();
        let source = if window.is_worker() {
            window.font_source_if_created()
        } else {
            let document = self.canvas().upcast::<crate::dom::dom::node::Node>().owner_doc();
            let new_families = *self.fonts_checked.borrow() != font.families;
            if new_families {
                self.fonts_checked.replace(font.families.clone());
            }
            if new_families && !crate::dom::css::fontfaceset::named_families(font).is_empty() {
                let fonts = document.fonts(cx);
                fonts.sync_css_faces(cx, &document);
                fonts.load_faces_for(cx, font);
            }
            document.fonts_if_created()
        };
        source.map(|set| set.faces_for(font)).unwrap_or_default()
    }

    /// What `direction = "inherit"` means: the canvas element's directionality
    /// (<https://html.spec.whatwg.org/multipage/dom.html#the-directionality>), from the `dir`
    /// attribute of the element or its nearest ancestor that has a valid one ("auto" and
    /// text-based directionality are taken as left-to-right); an `OffscreenCanvas` in a worker
    /// has none, so left-to-right.
    fn inherited_direction(&self) -> canvas_traits::text::TextDirection {
        use canvas_traits::text::TextDirection;
        if self.global().is_worker() {
            return TextDirection::Ltr;
        }
        let canvas = self.canvas();
        let mut element = Some(DomRoot::from_ref(canvas.upcast::<crate::dom::dom::element::Element>()));
        while let Some(e) = element {
            if e.is_html_element() {
                match e.get_attribute_value("dir").map(|d| d.to_ascii_lowercase()).as_deref() {
                    Some("rtl") => return TextDirection::Rtl,
                    Some("ltr" | "auto") => return TextDirection::Ltr,
                    _ => {}
                }
            }
            element = e
                .upcast::<crate::dom::dom::node::Node>()
                .parent()
                .and_then(|p| p.downcast::<crate::dom::dom::element::Element>().map(DomRoot::from_ref));
        }
        TextDirection::Ltr
    }

    /// The language `lang = "inherit"` stands for
    /// (<https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-lang>): a canvas
    /// element's language (its or its nearest ancestor's `lang` attribute); for a canvas in no
    /// tree and an OffscreenCanvas of a window, the document element's; unknown in a worker.
    fn inherited_language(&self) -> Option<String> {
        use crate::dom::dom::element::Element;
        use crate::dom::dom::node::Node;
        if self.global().is_worker() {
            return None;
        }
        let canvas = self.canvas();
        let node = canvas.upcast::<Node>();
        let mut element = Some(DomRoot::from_ref(canvas.upcast::<Element>()));
        while let Some(e) = element {
            if let Some(lang) = e.get_attribute_value("lang") {
                return Some(lang);
            }
            element = e.upcast::<Node>().parent().and_then(|p| p.downcast::<Element>().map(DomRoot::from_ref));
        }
        if node.is_connected() {
            return None;
        }
        node.owner_doc().document_element().and_then(|root| root.get_attribute_value("lang"))
    }

    /// Taints the canvas if a pattern style in use is not origin-clean.
    fn check_style_origin(&self, cx: &mut JSContext, style: &StyleValue) {
        if let StyleValue::Pattern(pattern) = style
            && !pattern.as_rooted().is_origin_clean()
        {
            self.canvas().taint(cx);
        }
    }

    /// Makes the path record the current transform before a segment is added.
    fn path_for_segment(&self) -> std::cell::RefMut<'_, Path> {
        let transform = self.state.borrow().transform_f32();
        let mut path = self.path.borrow_mut();
        if self.path_transform.get() != transform {
            path.set_transform(transform);
            self.path_transform.set(transform);
        }
        path
    }

    /// Replaces the current transform (used by every transform method).
    fn set_current_transform(&self, transform: Transform2D<f64>) {
        self.state.borrow_mut().transform = transform;
    }

    fn style_setter(&self, cx: &mut JSContext, value: StyleUnion, stroke: bool) {
        let new = match value {
            // "If the given value is a string: let parsedValue be the result of
            // parsing the given value with this's canvas element; if it is
            // failure, then return."
            StyleUnion::String(string) => match parse_canvas_style_color(&string, self.current_color(cx, &string)) {
                Some((color, css)) => StyleValue::Color(color, css.map(Arc::from)),
                None => return,
            },
            StyleUnion::CanvasGradient(gradient) => StyleValue::Gradient(Dom::from_ref(&*gradient)),
            // "If the given value is a CanvasPattern object that is marked as
            // not origin-clean, then set this's origin-clean flag to false."
            StyleUnion::CanvasPattern(pattern) => {
                if !pattern.is_origin_clean() {
                    self.canvas().taint(cx);
                }
                StyleValue::Pattern(Dom::from_ref(&*pattern))
            }
        };
        let mut state = self.state.borrow_mut();
        if stroke {
            state.stroke_style = new;
        } else {
            state.fill_style = new;
        }
    }

    /// Replaces the transform by `matrix × current` (post-multiplication in
    /// the spec's column-vector notation).
    /// Fills `path` (mapped by `path_transform`) with the fillStyle.
    fn fill_path(&self, cx: &mut JSContext, path: Path, path_transform: Transform2D<f32>, fill_rule: CanvasFillRule) {
        let state = self.state.borrow().clone();
        self.check_style_origin(cx, &state.fill_style);
        self.draw(CanvasCommand::FillPath {
            canvas: self.canvas().canvas_id(),
            path,
            path_transform,
            fill_rule: fill_rule_of(fill_rule),
            style: state.fill_style.to_paint_style(),
            options: state.draw_options(),
        });
    }

    /// Traces `path` (mapped by `path_transform`) with the line styles and fills the outline
    /// with the strokeStyle.
    fn stroke_path(&self, cx: &mut JSContext, path: Path, path_transform: Transform2D<f32>) {
        let state = self.state.borrow().clone();
        self.check_style_origin(cx, &state.stroke_style);
        self.draw(CanvasCommand::StrokePath {
            canvas: self.canvas().canvas_id(),
            path,
            path_transform,
            style: state.stroke_style.to_paint_style(),
            line: state.line.clone(),
            options: state.draw_options(),
        });
    }

    /// The drawFocusIfNeeded() steps
    /// (<https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-drawfocusifneeded>)
    /// for `path` mapped by `path_transform` into canvas space.
    fn draw_focus_if_needed(&self, path: Path, path_transform: Transform2D<f32>, element: &Element) {
        let canvas = self.canvas();
        // 1. If element is not focused or is not a descendant of the element with whose context
        //    the method is associated, then return.
        let focused = canvas.upcast::<Node>().owner_doc().focused_element();
        if !focused.is_some_and(|f| std::ptr::eq(&*f, element)) {
            return;
        }
        let (canvas_node, node) = (canvas.upcast::<Node>(), element.upcast::<Node>());
        if std::ptr::eq(canvas_node, node) || !canvas_node.is_inclusive_ancestor_of(node) {
            return;
        }
        // 2. Draw a focus ring of the appropriate style along the intended path, following
        //    platform conventions: as Chromium does, a ring of FOCUS_RING_WIDTH device pixels in
        //    its light-scheme focus colour. "The focus ring should not be subject to the shadow
        //    effects, the global alpha, the global composition operators, or any of the members
        //    in the CanvasFillStrokeStyles, CanvasPathDrawingStyles, CanvasTextDrawingStyles
        //    interfaces, but should be subject to the clipping region." (Open subpaths are not
        //    closed: the path is stroked as it is.)
        self.draw(CanvasCommand::StrokePath {
            canvas: canvas.canvas_id(),
            path,
            path_transform,
            style: PaintStyle::Color(FOCUS_RING_COLOR),
            line: LineOptions { width: FOCUS_RING_WIDTH, ..LineOptions::default() },
            options: DrawOptions::default(),
        });
    }

    /// Intersects the clipping region with `path` (mapped by `path_transform`).
    fn clip_path(&self, path: Path, path_transform: Transform2D<f32>, fill_rule: CanvasFillRule) {
        let canvas = self.canvas();
        canvas.ensure_bitmap();
        rendering::push(CanvasCommand::ClipPath {
            canvas: canvas.canvas_id(),
            path,
            path_transform,
            fill_rule: fill_rule_of(fill_rule),
        });
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-ispointinstroke>:
    /// 1. If any of the arguments are infinite or NaN, then return false.
    /// 2. If the point given by the x and y coordinates, when treated as coordinates in the
    ///    canvas coordinate space unaffected by the current transformation, is inside the path
    ///    that results from the trace of path, using the current line styles, then return true
    ///    (points on the resulting path are inside). 3. Return false.
    ///
    /// The trace happens in user space (as `stroke()` draws it): the current default path
    /// (`in_canvas_space`) is mapped back by the inverse of the current transform, and so is the
    /// point; a singular transform strokes nothing.
    fn point_in_stroke(&self, path: &Path, in_canvas_space: bool, x: f64, y: f64) -> bool {
        if !all_finite(&[x, y]) {
            return false;
        }
        let state = self.state.borrow();
        let Some(to_user) = state.transform.inverse() else {
            return false;
        };
        let mut segments = flatten_path(path, &Transform2D::identity());
        if in_canvas_space {
            transform_segments(&mut segments, &to_user.cast::<f32>());
        }
        let Some(outline) = to_sk_path(&prune_for_stroke(&segments)) else { return false };
        let t = &state.transform;
        let scale = (t.m11 * t.m22 - t.m12 * t.m21).abs().sqrt() as f32;
        hit::point_in_stroke(&outline, &state.line, to_user.transform_point(Point2D::new(x, y)), scale)
    }

    fn pre_transform(&self, matrix: Transform2D<f64>) {
        let current = self.state.borrow().transform;
        self.set_current_transform(matrix.then(&current));
    }
}

impl CanvasRenderingContext2DMethods for CanvasRenderingContext2D {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-canvas>
    fn Canvas(&self, _cx: &mut JSContext) -> DomRoot<HTMLCanvasElement> {
        self.canvas()
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-getcontextattributes>
    fn GetContextAttributes(&self, _cx: &mut JSContext) -> CanvasRenderingContext2DSettings {
        // Only sRGB is implemented: a "display-p3" request reports what the
        // context actually is.
        let mut settings = self.settings.clone();
        settings.color_space = PredefinedColorSpace::Srgb;
        settings
    }

    // ---------------------------------------------------------------- state

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-save>:
    /// push a copy of the current drawing state onto the drawing state stack.
    fn Save(&self, _cx: &mut JSContext) {
        let state = self.state.borrow().clone();
        self.saved.borrow_mut().push(state);
        self.canvas().ensure_bitmap();
        rendering::push(CanvasCommand::SaveClip { canvas: self.canvas().canvas_id() });
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-restore>:
    /// pop the top entry and reset the drawing state to it; do nothing if
    /// there is none.
    fn Restore(&self, _cx: &mut JSContext) {
        let Some(state) = self.saved.borrow_mut().pop() else { return };
        *self.state.borrow_mut() = state;
        rendering::push(CanvasCommand::RestoreClip { canvas: self.canvas().canvas_id() });
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-reset>:
    /// reset the rendering context to its default state (bitmap cleared to
    /// transparent black, clip, path and state stack emptied).
    fn Reset(&self, _cx: &mut JSContext) {
        self.reset_to_default_state();
        let canvas = self.canvas();
        self.draw(CanvasCommand::Resize { canvas: canvas.canvas_id(), size: canvas.bitmap_size() });
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-iscontextlost>:
    /// a software bitmap is never lost.
    fn IsContextLost(&self, _cx: &mut JSContext) -> bool {
        false
    }

    // ---------------------------------------------------------------- transforms

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-scale>
    fn Scale(&self, _cx: &mut JSContext, x: f64, y: f64) {
        // 1. If either of the arguments are infinite or NaN, then return.
        if !all_finite(&[x, y]) {
            return;
        }
        // 2. Add the scaling transformation described by the arguments to the
        //    current transformation matrix.
        self.pre_transform(Transform2D::scale(x, y));
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-rotate>
    fn Rotate(&self, _cx: &mut JSContext, angle: f64) {
        if !angle.is_finite() {
            return;
        }
        // Add the rotation transformation (clockwise, radians).
        self.pre_transform(Transform2D::rotation(Angle::radians(angle)));
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-translate>
    fn Translate(&self, _cx: &mut JSContext, x: f64, y: f64) {
        if !all_finite(&[x, y]) {
            return;
        }
        self.pre_transform(Transform2D::translation(x, y));
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-transform>
    fn Transform(&self, _cx: &mut JSContext, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) {
        // 1. If any of the arguments are infinite or NaN, then return.
        if !all_finite(&[a, b, c, d, e, f]) {
            return;
        }
        // 2. Replace the current transformation matrix with the result of
        //    multiplying the current transformation matrix with the matrix
        //    [a c e; b d f; 0 0 1].
        self.pre_transform(Transform2D::new(a, b, c, d, e, f));
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-settransform>
    fn SetTransform(&self, _cx: &mut JSContext, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) {
        // 1. If any of the arguments are infinite or NaN, then return.
        if !all_finite(&[a, b, c, d, e, f]) {
            return;
        }
        // 2. Reset the current transformation matrix to the matrix described by
        //    the arguments.
        self.set_current_transform(Transform2D::new(a, b, c, d, e, f));
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-settransform-matrix>
    fn SetTransform_(&self, _cx: &mut JSContext, transform: &DOMMatrix2DInit) -> Fallible<()> {
        // 1. Let matrix be the result of creating a DOMMatrix from the 2D dictionary transform.
        let m = matrix_from_2d_dictionary(transform)?;
        // 2. If one or more of matrix's m11, m12, m21, m22, m41, or m42 are infinite or NaN,
        //    then return.
        let six = [m.m11, m.m12, m.m21, m.m22, m.m41, m.m42];
        if !all_finite(&six) {
            return Ok(());
        }
        // 3. Reset the current transformation matrix to matrix.
        let [a, b, c, d, e, f] = six;
        self.set_current_transform(Transform2D::new(a, b, c, d, e, f));
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-gettransform>: "a
    /// newly created DOMMatrix representing a copy of the current transformation matrix".
    fn GetTransform(&self, cx: &mut JSContext) -> DomRoot<DOMMatrix> {
        let t = self.state.borrow().transform;
        let window = self.global();
        DOMMatrix::new(cx, &window, matrix::from_2d(t.m11, t.m12, t.m21, t.m22, t.m31, t.m32), true)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-resettransform>
    fn ResetTransform(&self, _cx: &mut JSContext) {
        self.set_current_transform(Transform2D::identity());
    }

    // ---------------------------------------------------------------- compositing

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-globalalpha>
    fn GlobalAlpha(&self, _cx: &mut JSContext) -> f64 {
        self.state.borrow().global_alpha
    }

    /// On setting, if the value is infinite, NaN, or outside 0.0–1.0, it is ignored.
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-globalalpha>
    fn SetGlobalAlpha(&self, _cx: &mut JSContext, value: f64) {
        if value.is_finite() && (0.0..=1.0).contains(&value) {
            self.state.borrow_mut().global_alpha = value;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-globalcompositeoperation>
    fn GlobalCompositeOperation(&self, _cx: &mut JSContext) -> DOMString {
        self.state.borrow().composite.as_str().into()
    }

    /// On setting, a value that is not a blending or compositing keyword
    /// (case-sensitive) is ignored.
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-globalcompositeoperation>
    fn SetGlobalCompositeOperation(&self, _cx: &mut JSContext, value: DOMString) {
        if let Some(op) = CompositeOperation::parse(&value) {
            self.state.borrow_mut().composite = op;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-imagesmoothingenabled>
    fn ImageSmoothingEnabled(&self, _cx: &mut JSContext) -> bool {
        self.state.borrow().smoothing.enabled
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-imagesmoothingenabled>
    fn SetImageSmoothingEnabled(&self, _cx: &mut JSContext, value: bool) {
        self.state.borrow_mut().smoothing.enabled = value;
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-imagesmoothingquality>
    fn ImageSmoothingQuality(&self, _cx: &mut JSContext) -> ImageSmoothingQuality {
        match self.state.borrow().smoothing.quality {
            SmoothingQuality::Low => ImageSmoothingQuality::Low,
            SmoothingQuality::Medium => ImageSmoothingQuality::Medium,
            SmoothingQuality::High => ImageSmoothingQuality::High,
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-imagesmoothingquality>
    fn SetImageSmoothingQuality(&self, _cx: &mut JSContext, value: ImageSmoothingQuality) {
        self.state.borrow_mut().smoothing.quality = match value {
            ImageSmoothingQuality::Low => SmoothingQuality::Low,
            ImageSmoothingQuality::Medium => SmoothingQuality::Medium,
            ImageSmoothingQuality::High => SmoothingQuality::High,
        };
    }

    // ---------------------------------------------------------------- styles

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-strokestyle>
    fn StrokeStyle(&self, _cx: &mut JSContext) -> StyleUnion {
        self.state.borrow().stroke_style.to_union()
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-strokestyle>
    fn SetStrokeStyle(&self, cx: &mut JSContext, value: StyleUnion) {
        self.style_setter(cx, value, true)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fillstyle>
    fn FillStyle(&self, _cx: &mut JSContext) -> StyleUnion {
        self.state.borrow().fill_style.to_union()
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fillstyle>
    fn SetFillStyle(&self, cx: &mut JSContext, value: StyleUnion) {
        self.style_setter(cx, value, false)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createlineargradient>
    fn CreateLinearGradient(
        &self,
        cx: &mut JSContext,
        x0: Finite<f64>,
        y0: Finite<f64>,
        x1: Finite<f64>,
        y1: Finite<f64>,
    ) -> DomRoot<CanvasGradient> {
        let geometry = GradientGeometry::Linear { x0: *x0, y0: *y0, x1: *x1, y1: *y1 };
        CanvasGradient::new(cx, &self.global(), geometry)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createradialgradient>
    fn CreateRadialGradient(
        &self,
        cx: &mut JSContext,
        x0: Finite<f64>,
        y0: Finite<f64>,
        r0: Finite<f64>,
        x1: Finite<f64>,
        y1: Finite<f64>,
        r1: Finite<f64>,
    ) -> Fallible<DomRoot<CanvasGradient>> {
        // 1. If either of r0 or r1 are negative, then an "IndexSizeError"
        //    DOMException must be thrown.
        let geometry = GradientGeometry::radial(*x0, *y0, *r0, *x1, *y1, *r1).map_err(canvas_error)?;
        Ok(CanvasGradient::new(cx, &self.global(), geometry))
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createconicgradient>
    fn CreateConicGradient(
        &self,
        cx: &mut JSContext,
        start_angle: Finite<f64>,
        x: Finite<f64>,
        y: Finite<f64>,
    ) -> DomRoot<CanvasGradient> {
        let geometry = GradientGeometry::Conic { start_angle: *start_angle, x: *x, y: *y };
        CanvasGradient::new(cx, &self.global(), geometry)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createpattern>
    fn CreatePattern(
        &self,
        cx: &mut JSContext,
        image: CanvasImageSource,
        repetition: DOMString,
    ) -> Fallible<Option<DomRoot<CanvasPattern>>> {
        // 1. Let usability be the result of checking the usability of image
        //    (a zero-sized canvas or a detached bitmap throws there).
        // 2. If usability is bad, then return null.
        let Some(image) = Self::check_usability(&image)? else {
            return Ok(None);
        };
        // 3. If repetition is the empty string, then set it to "repeat".
        // 4. If repetition is not identical to one of "repeat", "repeat-x",
        //    "repeat-y", or "no-repeat", then throw a "SyntaxError".
        let repetition = Repetition::parse(&repetition).map_err(canvas_error)?;
        // 5. Let pattern be a new CanvasPattern object with the image image
        //    (a snapshot, shared with the canvas thread) and the repetition
        //    behavior given by repetition.
        let (pixels, origin_clean) = match image {
            UsableImage::Canvas(canvas) => {
                canvas.ensure_bitmap();
                let source = canvas.canvas_id();
                let pixels = rendering::round_trip(|reply| CanvasCommand::Snapshot { canvas: source, reply });
                let Some(Ok(Some(pixels))) = pixels else {
                    return Ok(None);
                };
                (pixels, canvas.is_origin_clean())
            }
            UsableImage::Pixels { pixels, origin_clean } => (pixels, origin_clean),
        };
        // 6. If image is not origin-clean, then mark pattern as not origin-clean.
        Ok(Some(CanvasPattern::new(cx, &self.global(), pixels, repetition, origin_clean)))
    }

    // ---------------------------------------------------------------- shadows

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-shadowoffsetx>
    fn ShadowOffsetX(&self, _cx: &mut JSContext) -> f64 {
        self.state.borrow().shadow.offset_x
    }

    /// On setting, infinite and NaN values are ignored.
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-shadowoffsetx>
    fn SetShadowOffsetX(&self, _cx: &mut JSContext, value: f64) {
        if Shadow::is_valid_offset(value) {
            self.state.borrow_mut().shadow.offset_x = value;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-shadowoffsety>
    fn ShadowOffsetY(&self, _cx: &mut JSContext) -> f64 {
        self.state.borrow().shadow.offset_y
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-shadowoffsety>
    fn SetShadowOffsetY(&self, _cx: &mut JSContext, value: f64) {
        if Shadow::is_valid_offset(value) {
            self.state.borrow_mut().shadow.offset_y = value;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-shadowblur>
    fn ShadowBlur(&self, _cx: &mut JSContext) -> f64 {
        self.state.borrow().shadow.blur
    }

    /// On setting, negative, infinite and NaN values are ignored.
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-shadowblur>
    fn SetShadowBlur(&self, _cx: &mut JSContext, value: f64) {
        if Shadow::is_valid_blur(value) {
            self.state.borrow_mut().shadow.blur = value;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-shadowcolor>
    fn ShadowColor(&self, _cx: &mut JSContext) -> DOMString {
        serialize_canvas_color(self.state.borrow().shadow.color).into()
    }

    /// On setting, a value that fails to parse as a colour is ignored.
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-shadowcolor>
    fn SetShadowColor(&self, cx: &mut JSContext, value: DOMString) {
        if let Some(color) = parse_canvas_color(&value, self.current_color(cx, &value)) {
            self.state.borrow_mut().shadow.color = color;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-filter>: "return
    /// this's current filter" (the string as it was set).
    fn Filter(&self, _cx: &mut JSContext) -> DOMString {
        self.state.borrow().filter.0.clone().into()
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-filter>
    fn SetFilter(&self, _cx: &mut JSContext, value: DOMString) {
        let mut state = self.state.borrow_mut();
        // 1. Let parsedValue be the result of parsing the given values as a
        //    <filter-value-list>. If any property-independent style sheet syntax like
        //    'inherit' or 'initial' is present, then this parsing must return failure.
        //    (Relative lengths resolve against the current font's size; currentcolor is
        //    opaque black, as for the other colour attributes.)
        let context = FilterContext { font_size_px: state.font.size_px, ..FilterContext::default() };
        // 2. If parsedValue is failure, then return.
        let Some(parsed) = parse_filter(&value, &context) else {
            return;
        };
        // 3. Set this's current filter to the given value ("none" disables filters).
        let parsed = (!parsed.is_empty()).then(|| Arc::from(parsed));
        state.filter = (value.to_string(), parsed);
    }

    // ---------------------------------------------------------------- rects

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-clearrect>
    fn ClearRect(&self, _cx: &mut JSContext, x: f64, y: f64, w: f64, h: f64) {
        // 1. If any of the arguments are infinite or NaN, then return.
        if !all_finite(&[x, y, w, h]) {
            return;
        }
        // 2. Let pixels be the set of pixels in the specified rectangle that
        //    also intersect the current clipping region. 3. Clear the pixels
        //    in pixels to a transparent black, erasing any previous image.
        let transform = self.state.borrow().transform_f32();
        let rect = Rect::new(Point2D::new(x as f32, y as f32), Size2D::new(w as f32, h as f32));
        self.draw(CanvasCommand::ClearRect { canvas: self.canvas().canvas_id(), rect, transform });
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fillrect>
    fn FillRect(&self, cx: &mut JSContext, x: f64, y: f64, w: f64, h: f64) {
        // 1. If any of the arguments are infinite or NaN, then return.
        if !all_finite(&[x, y, w, h]) {
            return;
        }
        // 2. Paint the specified rectangular area using the fillStyle.
        let state = self.state.borrow().clone();
        self.check_style_origin(cx, &state.fill_style);
        let rect = Rect::new(Point2D::new(x as f32, y as f32), Size2D::new(w as f32, h as f32));
        self.draw(CanvasCommand::FillRect {
            canvas: self.canvas().canvas_id(),
            rect,
            style: state.fill_style.to_paint_style(),
            options: state.draw_options(),
        });
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-strokerect>
    fn StrokeRect(&self, cx: &mut JSContext, x: f64, y: f64, w: f64, h: f64) {
        // 1. If any of the arguments are infinite or NaN, then return.
        if !all_finite(&[x, y, w, h]) {
            return;
        }
        // 2. Take the result of tracing the path of the rectangle using the
        //    CanvasPathDrawingStyles and fill it with the strokeStyle.
        let state = self.state.borrow().clone();
        self.check_style_origin(cx, &state.stroke_style);
        let rect = Rect::new(Point2D::new(x as f32, y as f32), Size2D::new(w as f32, h as f32));
        self.draw(CanvasCommand::StrokeRect {
            canvas: self.canvas().canvas_id(),
            rect,
            style: state.stroke_style.to_paint_style(),
            line: state.line.clone(),
            options: state.draw_options(),
        });
    }

    // ---------------------------------------------------------------- paths

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-beginpath>:
    /// empty the list of subpaths in the current default path.
    fn BeginPath(&self, _cx: &mut JSContext) {
        *self.path.borrow_mut() = Path::new();
        self.path_transform.set(Transform2D::identity());
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fill>:
    /// fill the current default path with the fillStyle and the fill rule.
    fn Fill(&self, cx: &mut JSContext, fill_rule: CanvasFillRule) {
        let path = self.path.borrow().clone();
        self.fill_path(cx, path, Transform2D::identity(), fill_rule);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fill>: fill `path`,
    /// transformed by the current transform ("the intended path").
    fn Fill_(&self, cx: &mut JSContext, path: &Path2D, fill_rule: CanvasFillRule) {
        let transform = self.state.borrow().transform_f32();
        self.fill_path(cx, path.path(), transform, fill_rule);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-stroke>:
    /// trace the current default path with the line styles and fill the
    /// result with the strokeStyle.
    fn Stroke(&self, cx: &mut JSContext) {
        let path = self.path.borrow().clone();
        self.stroke_path(cx, path, Transform2D::identity());
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-stroke>: the same
    /// for `path` under the current transform.
    fn Stroke_(&self, cx: &mut JSContext, path: &Path2D) {
        let transform = self.state.borrow().transform_f32();
        self.stroke_path(cx, path.path(), transform);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-drawfocusifneeded>
    /// for the current default path.
    fn DrawFocusIfNeeded(&self, _cx: &mut JSContext, element: &Element) {
        let path = self.path.borrow().clone();
        self.draw_focus_if_needed(path, Transform2D::identity(), element);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-drawfocusifneeded>
    /// for `path` under the current transform.
    fn DrawFocusIfNeeded_(&self, _cx: &mut JSContext, path: &Path2D, element: &Element) {
        let transform = self.state.borrow().transform_f32();
        self.draw_focus_if_needed(path.path(), transform, element);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-clip>:
    /// intersect the current clipping region with the current default path.
    fn Clip(&self, _cx: &mut JSContext, fill_rule: CanvasFillRule) {
        let path = self.path.borrow().clone();
        self.clip_path(path, Transform2D::identity(), fill_rule);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-clip>: the same with
    /// `path` under the current transform.
    fn Clip_(&self, _cx: &mut JSContext, path: &Path2D, fill_rule: CanvasFillRule) {
        let transform = self.state.borrow().transform_f32();
        self.clip_path(path.path(), transform, fill_rule);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-ispointinpath>
    fn IsPointInPath(&self, _cx: &mut JSContext, x: f64, y: f64, fill_rule: CanvasFillRule) -> bool {
        // The current default path is already in canvas coordinates.
        let path = self.path.borrow();
        point_in_path(&path, &Transform2D::identity(), x, y, fill_rule)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-ispointinpath>: with
    /// `path` transformed by the current transform.
    fn IsPointInPath_(&self, _cx: &mut JSContext, path: &Path2D, x: f64, y: f64, fill_rule: CanvasFillRule) -> bool {
        let transform = self.state.borrow().transform_f32();
        point_in_path(&path.path(), &transform, x, y, fill_rule)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-ispointinstroke>
    fn IsPointInStroke(&self, _cx: &mut JSContext, x: f64, y: f64) -> bool {
        let path = self.path.borrow().clone();
        self.point_in_stroke(&path, true, x, y)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-ispointinstroke>: with
    /// `path` under the current transform.
    fn IsPointInStroke_(&self, _cx: &mut JSContext, path: &Path2D, x: f64, y: f64) -> bool {
        self.point_in_stroke(&path.path(), false, x, y)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-closepath>
    fn ClosePath(&self, _cx: &mut JSContext) {
        self.path_for_segment().close_path();
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-moveto>
    fn MoveTo(&self, _cx: &mut JSContext, x: f64, y: f64) {
        self.path_for_segment().move_to(x, y);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-lineto>
    fn LineTo(&self, _cx: &mut JSContext, x: f64, y: f64) {
        self.path_for_segment().line_to(x, y);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-quadraticcurveto>
    fn QuadraticCurveTo(&self, _cx: &mut JSContext, cpx: f64, cpy: f64, x: f64, y: f64) {
        self.path_for_segment().quadratic_curve_to(cpx, cpy, x, y);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-beziercurveto>
    fn BezierCurveTo(&self, _cx: &mut JSContext, cp1x: f64, cp1y: f64, cp2x: f64, cp2y: f64, x: f64, y: f64) {
        self.path_for_segment().bezier_curve_to(cp1x, cp1y, cp2x, cp2y, x, y);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-arcto>:
    /// non-finite arguments do nothing; a negative radius throws "IndexSizeError".
    fn ArcTo(&self, _cx: &mut JSContext, x1: f64, y1: f64, x2: f64, y2: f64, radius: f64) -> Fallible<()> {
        self.path_for_segment().arc_to(x1, y1, x2, y2, radius).map_err(canvas_error)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-rect>
    fn Rect(&self, _cx: &mut JSContext, x: f64, y: f64, w: f64, h: f64) {
        self.path_for_segment().rect(x, y, w, h);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-roundrect>
    fn RoundRect(&self, _cx: &mut JSContext, x: f64, y: f64, w: f64, h: f64, radii: Radii) -> Fallible<()> {
        // 2 (radii as a list) here; 1, 3–14 (checks, corner assignment, scaling, the subpath)
        // in canvas_traits.
        self.path_for_segment().round_rect(x, y, w, h, &corner_radii(radii)).map_err(canvas_error)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-arc>
    fn Arc(
        &self,
        _cx: &mut JSContext,
        x: f64,
        y: f64,
        radius: f64,
        start_angle: f64,
        end_angle: f64,
        counterclockwise: bool,
    ) -> Fallible<()> {
        self.path_for_segment().arc(x, y, radius, start_angle, end_angle, counterclockwise).map_err(canvas_error)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-ellipse>
    fn Ellipse(
        &self,
        _cx: &mut JSContext,
        x: f64,
        y: f64,
        radius_x: f64,
        radius_y: f64,
        rotation: f64,
        start_angle: f64,
        end_angle: f64,
        counterclockwise: bool,
    ) -> Fallible<()> {
        self.path_for_segment()
            .ellipse(x, y, radius_x, radius_y, rotation, start_angle, end_angle, counterclockwise)
            .map_err(canvas_error)
    }

    // ---------------------------------------------------------------- line styles

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-linewidth>
    fn LineWidth(&self, _cx: &mut JSContext) -> f64 {
        self.state.borrow().line.width
    }

    /// On setting, zero, negative, infinite, and NaN values are ignored.
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-linewidth>
    fn SetLineWidth(&self, _cx: &mut JSContext, value: f64) {
        if LineOptions::is_valid_width(value) {
            self.state.borrow_mut().line.width = value;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-linecap>
    fn LineCap(&self, _cx: &mut JSContext) -> CanvasLineCap {
        match self.state.borrow().line.cap {
            LineCap::Butt => CanvasLineCap::Butt,
            LineCap::Round => CanvasLineCap::Round,
            LineCap::Square => CanvasLineCap::Square,
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-linecap>
    fn SetLineCap(&self, _cx: &mut JSContext, value: CanvasLineCap) {
        self.state.borrow_mut().line.cap = match value {
            CanvasLineCap::Butt => LineCap::Butt,
            CanvasLineCap::Round => LineCap::Round,
            CanvasLineCap::Square => LineCap::Square,
        };
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-linejoin>
    fn LineJoin(&self, _cx: &mut JSContext) -> CanvasLineJoin {
        match self.state.borrow().line.join {
            LineJoin::Round => CanvasLineJoin::Round,
            LineJoin::Bevel => CanvasLineJoin::Bevel,
            LineJoin::Miter => CanvasLineJoin::Miter,
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-linejoin>
    fn SetLineJoin(&self, _cx: &mut JSContext, value: CanvasLineJoin) {
        self.state.borrow_mut().line.join = match value {
            CanvasLineJoin::Round => LineJoin::Round,
            CanvasLineJoin::Bevel => LineJoin::Bevel,
            CanvasLineJoin::Miter => LineJoin::Miter,
        };
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-miterlimit>
    fn MiterLimit(&self, _cx: &mut JSContext) -> f64 {
        self.state.borrow().line.miter_limit
    }

    /// On setting, zero, negative, infinite, and NaN values are ignored.
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-miterlimit>
    fn SetMiterLimit(&self, _cx: &mut JSContext, value: f64) {
        if value.is_finite() && value > 0.0 {
            self.state.borrow_mut().line.miter_limit = value;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-setlinedash>
    fn SetLineDash(&self, _cx: &mut JSContext, segments: Vec<f64>) {
        // 1. If any value in segments is not finite or is negative, then
        //    return (without throwing).
        // 2. If the number of elements in segments is odd, then let segments
        //    be the concatenation of two copies of segments.
        // 3. Set the object's dash list to segments.
        if let Some(dash) = LineOptions::normalize_dash(&segments) {
            self.state.borrow_mut().line.dash = dash;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-getlinedash>:
    /// a copy of the dash list.
    fn GetLineDash(&self, _cx: &mut JSContext) -> Vec<f64> {
        self.state.borrow().line.dash.clone()
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-linedashoffset>
    fn LineDashOffset(&self, _cx: &mut JSContext) -> f64 {
        self.state.borrow().line.dash_offset
    }

    /// On setting, infinite and NaN values are ignored.
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-linedashoffset>
    fn SetLineDashOffset(&self, _cx: &mut JSContext, value: f64) {
        if value.is_finite() {
            self.state.borrow_mut().line.dash_offset = value;
        }
    }

    // ---------------------------------------------------------------- text

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-font>
    fn Font(&self, _cx: &mut JSContext) -> DOMString {
        self.state.borrow().font.serialize().into()
    }

    /// On setting, the value is parsed as a CSS font shorthand (relative
    /// sizes against 10px, the canvas default); values that fail to parse
    /// or use CSS-wide keywords are ignored.
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-font>
    fn SetFont(&self, _cx: &mut JSContext, value: DOMString) {
        if let Some(font) = CanvasFont::parse(&value, 10.0) {
            let mut state = self.state.borrow_mut();
            // The shorthand sets font-stretch and font-variant-caps too.
            state.font_stretch = font.stretch.and_then(FontStretch::parse).unwrap_or_default();
            state.font_variant_caps =
                if font.small_caps { FontVariantCaps::SmallCaps } else { FontVariantCaps::Normal };
            state.font = font;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-textalign>
    fn TextAlign(&self, _cx: &mut JSContext) -> CanvasTextAlign {
        match self.state.borrow().text_align {
            TextAlign::Start => CanvasTextAlign::Start,
            TextAlign::End => CanvasTextAlign::End,
            TextAlign::Left => CanvasTextAlign::Left,
            TextAlign::Right => CanvasTextAlign::Right,
            TextAlign::Center => CanvasTextAlign::Center,
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-textalign>
    fn SetTextAlign(&self, _cx: &mut JSContext, value: CanvasTextAlign) {
        self.state.borrow_mut().text_align = match value {
            CanvasTextAlign::Start => TextAlign::Start,
            CanvasTextAlign::End => TextAlign::End,
            CanvasTextAlign::Left => TextAlign::Left,
            CanvasTextAlign::Right => TextAlign::Right,
            CanvasTextAlign::Center => TextAlign::Center,
        };
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-textbaseline>
    fn TextBaseline(&self, _cx: &mut JSContext) -> CanvasTextBaseline {
        match self.state.borrow().text_baseline {
            TextBaseline::Top => CanvasTextBaseline::Top,
            TextBaseline::Hanging => CanvasTextBaseline::Hanging,
            TextBaseline::Middle => CanvasTextBaseline::Middle,
            TextBaseline::Alphabetic => CanvasTextBaseline::Alphabetic,
            TextBaseline::Ideographic => CanvasTextBaseline::Ideographic,
            TextBaseline::Bottom => CanvasTextBaseline::Bottom,
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-textbaseline>
    fn SetTextBaseline(&self, _cx: &mut JSContext, value: CanvasTextBaseline) {
        self.state.borrow_mut().text_baseline = match value {
            CanvasTextBaseline::Top => TextBaseline::Top,
            CanvasTextBaseline::Hanging => TextBaseline::Hanging,
            CanvasTextBaseline::Middle => TextBaseline::Middle,
            CanvasTextBaseline::Alphabetic => TextBaseline::Alphabetic,
            CanvasTextBaseline::Ideographic => TextBaseline::Ideographic,
            CanvasTextBaseline::Bottom => TextBaseline::Bottom,
        };
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-direction>
    fn Direction(&self, _cx: &mut JSContext) -> CanvasDirection {
        self.state.borrow().direction
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-direction>
    fn SetDirection(&self, _cx: &mut JSContext, value: CanvasDirection) {
        self.state.borrow_mut().direction = value;
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-letterspacing>
    fn LetterSpacing(&self, _cx: &mut JSContext) -> DOMString {
        self.state.borrow().letter_spacing.serialize().into()
    }

    /// "On setting: 1. Let parsed be the result of parsing the given value as a CSS
    /// <length>. 2. If parsed is failure, then return. 3. Set this's letter spacing to parsed."
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-letterspacing>
    fn SetLetterSpacing(&self, _cx: &mut JSContext, value: DOMString) {
        if let Some(length) = SpacingLength::parse(&value) {
            self.state.borrow_mut().letter_spacing = length;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-wordspacing>
    fn WordSpacing(&self, _cx: &mut JSContext) -> DOMString {
        self.state.borrow().word_spacing.serialize().into()
    }

    /// "On setting: 1. Let parsed be the result of parsing the given value as a CSS
    /// <length>. 2. If parsed is failure, then return. 3. Set this's word spacing to parsed."
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-wordspacing>
    fn SetWordSpacing(&self, _cx: &mut JSContext, value: DOMString) {
        if let Some(length) = SpacingLength::parse(&value) {
            self.state.borrow_mut().word_spacing = length;
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fontkerning>
    fn FontKerning(&self, _cx: &mut JSContext) -> CanvasFontKerning {
        let kerning = self.state.borrow().font_kerning;
        CanvasFontKerning::from_idl(kerning.as_str()).unwrap_or(CanvasFontKerning::Auto)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fontkerning>
    /// (kept and restored; glyphs are never kerned, see `canvas::text`).
    fn SetFontKerning(&self, _cx: &mut JSContext, value: CanvasFontKerning) {
        self.state.borrow_mut().font_kerning = FontKerning::parse(value.as_str()).unwrap_or_default();
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fontstretch>
    fn FontStretch(&self, _cx: &mut JSContext) -> CanvasFontStretch {
        let stretch = self.state.borrow().font_stretch;
        CanvasFontStretch::from_idl(stretch.as_str()).unwrap_or(CanvasFontStretch::Normal)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fontstretch>: the
    /// width faces are matched against.
    fn SetFontStretch(&self, _cx: &mut JSContext, value: CanvasFontStretch) {
        self.state.borrow_mut().font_stretch = FontStretch::parse(value.as_str()).unwrap_or_default();
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fontvariantcaps>
    fn FontVariantCaps(&self, _cx: &mut JSContext) -> CanvasFontVariantCaps {
        let caps = self.state.borrow().font_variant_caps;
        CanvasFontVariantCaps::from_idl(caps.as_str()).unwrap_or(CanvasFontVariantCaps::Normal)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-fontvariantcaps>:
    /// small capitals are synthesized (see `canvas::text`).
    fn SetFontVariantCaps(&self, _cx: &mut JSContext, value: CanvasFontVariantCaps) {
        self.state.borrow_mut().font_variant_caps = FontVariantCaps::parse(value.as_str()).unwrap_or_default();
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-textrendering>
    fn TextRendering(&self, _cx: &mut JSContext) -> CanvasTextRendering {
        let rendering = self.state.borrow().text_rendering;
        CanvasTextRendering::from_idl(rendering.as_str()).unwrap_or(CanvasTextRendering::Auto)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-textrendering>
    /// (kept and restored; outlines are always drawn unhinted, as `geometricPrecision`).
    fn SetTextRendering(&self, _cx: &mut JSContext, value: CanvasTextRendering) {
        self.state.borrow_mut().text_rendering = TextRendering::parse(value.as_str()).unwrap_or_default();
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-lang>
    fn Lang(&self, _cx: &mut JSContext) -> DOMString {
        self.state.borrow().lang.clone().into()
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-lang>: "On setting,
    /// the language must be set to the new value." (Kept and restored; no language-specific
    /// glyph selection.)
    fn SetLang(&self, _cx: &mut JSContext, value: DOMString) {
        self.state.borrow_mut().lang = value.to_string();
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-filltext>
    fn FillText(&self, cx: &mut JSContext, text: DOMString, x: f64, y: f64, max_width: Option<f64>) {
        self.text(cx, text, x, y, max_width, false)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-stroketext>
    fn StrokeText(&self, cx: &mut JSContext, text: DOMString, x: f64, y: f64, max_width: Option<f64>) {
        self.text(cx, text, x, y, max_width, true)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-measuretext>:
    /// run the text preparation algorithm and return a TextMetrics object
    /// (measured on the canvas thread with the faces the font selects).
    fn MeasureText(&self, cx: &mut JSContext, text: DOMString) -> DomRoot<TextMetrics> {
        let font = self.state.borrow().font.clone();
        let faces = self.web_fonts(cx, &font);
        let text_options =
            self.state.borrow().text_options(faces, self.inherited_direction(), || self.inherited_language());
        let text = prepare_text(&text);
        let metrics = rendering::round_trip(|reply| CanvasCommand::MeasureText { text, text_options, reply })
            .unwrap_or(Metrics::default());
        TextMetrics::new(cx, &self.global(), metrics)
    }

    // ---------------------------------------------------------------- images

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-drawimage>
    fn DrawImage(&self, cx: &mut JSContext, image: CanvasImageSource, dx: f64, dy: f64) -> Fallible<()> {
        self.draw_image(cx, &image, DrawImageRects::At { dx, dy })
    }

    fn DrawImage_(
        &self,
        cx: &mut JSContext,
        image: CanvasImageSource,
        dx: f64,
        dy: f64,
        dw: f64,
        dh: f64,
    ) -> Fallible<()> {
        self.draw_image(cx, &image, DrawImageRects::Scaled { dx, dy, dw, dh })
    }

    fn DrawImage__(
        &self,
        cx: &mut JSContext,
        image: CanvasImageSource,
        sx: f64,
        sy: f64,
        sw: f64,
        sh: f64,
        dx: f64,
        dy: f64,
        dw: f64,
        dh: f64,
    ) -> Fallible<()> {
        self.draw_image(cx, &image, DrawImageRects::Cropped { sx, sy, sw, sh, dx, dy, dw, dh })
    }

    // ---------------------------------------------------------------- pixels

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createimagedata>
    fn CreateImageData(
        &self,
        cx: &mut JSContext,
        sw: i32,
        sh: i32,
        settings: &ImageDataSettings,
    ) -> Fallible<DomRoot<ImageData>> {
        // 1. If one or both of sw and sh are zero, then throw an "IndexSizeError".
        // 2. Let newImageData be a new ImageData object of |sw| × |sh|
        //    (a RangeError if it cannot be allocated), transparent black.
        let size = image_data_size(sw.unsigned_abs(), sh.unsigned_abs()).map_err(canvas_error)?;
        let color_space = settings.color_space.unwrap_or(PredefinedColorSpace::Srgb);
        ImageData::new(cx, &self.global(), size, color_space, None)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-createimagedata-imagedata>:
    /// a transparent-black ImageData of the same size and colour space.
    fn CreateImageData_(&self, cx: &mut JSContext, imagedata: &ImageData) -> Fallible<DomRoot<ImageData>> {
        use crate::dom::bindings::codegen::ImageDataBinding::ImageDataMethods;
        let color_space = imagedata.ColorSpace(cx);
        ImageData::new(cx, &self.global(), imagedata.size(), color_space, None)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-getimagedata>
    fn GetImageData(
        &self,
        cx: &mut JSContext,
        sx: i32,
        sy: i32,
        sw: i32,
        sh: i32,
        settings: &ImageDataSettings,
    ) -> Fallible<DomRoot<ImageData>> {
        // 1. If either the sw or sh arguments are zero, then throw an "IndexSizeError".
        let rect = get_image_data_rect(sx, sy, sw, sh).map_err(canvas_error)?;
        // 2. If the CanvasRenderingContext2D's origin-clean flag is set to
        //    false, then throw a "SecurityError" DOMException.
        let canvas = self.canvas();
        if !canvas.is_origin_clean() {
            return Err(Error::Security("the canvas has been tainted by cross-origin data".into()));
        }
        // 3. Let imageData be a new ImageData of |sw| × |sh|. 4–5. Copy the
        //    source rectangle's pixels (un-premultiplied RGBA, transparent
        //    black outside the bitmap) into it. This is the page's own
        //    synchronous readback: it waits for every earlier command. It
        //    does not make the canvas dirty, so it never produces a frame.
        canvas.ensure_bitmap();
        let id = canvas.canvas_id();
        let bytes = match rendering::round_trip(|reply| CanvasCommand::GetImageData { canvas: id, rect, reply }) {
            Some(Ok(bytes)) => bytes,
            // The canvas thread is gone (or lost this bitmap): the pixels are lost, and the
            // page reads transparent black, as from a lost context in browsers, and goes on.
            other => {
                log::warn!("getImageData: {id}'s pixels are lost ({other:?}); transparent black");
                vec![0; rect.size.width as usize * rect.size.height as usize * 4]
            }
        };
        let size = base::units::ImageSize::new(rect.size.width as u32, rect.size.height as u32);
        // The bitmap is sRGB; pixels asked for in another colour space are converted to it.
        let color_space = settings.color_space.unwrap_or(PredefinedColorSpace::Srgb);
        let bytes = convert_pixels(&bytes, PredefinedColorSpace::Srgb, color_space).unwrap_or(bytes);
        ImageData::new(cx, &self.global(), size, color_space, Some(&bytes))
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-putimagedata-short>:
    /// the dirty rectangle is the whole ImageData.
    fn PutImageData(&self, _cx: &mut JSContext, imagedata: &ImageData, dx: i32, dy: i32) -> Fallible<()> {
        let size = imagedata.size();
        self.put_image_data(
            imagedata,
            dx,
            dy,
            Rect::new(Point2D::zero(), Size2D::new(size.width as i32, size.height as i32)),
        )
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-putimagedata>
    fn PutImageData_(
        &self,
        _cx: &mut JSContext,
        imagedata: &ImageData,
        dx: i32,
        dy: i32,
        dirty_x: i32,
        dirty_y: i32,
        dirty_width: i32,
        dirty_height: i32,
    ) -> Fallible<()> {
        self.put_image_data(
            imagedata,
            dx,
            dy,
            Rect::new(Point2D::new(dirty_x, dirty_y), Size2D::new(dirty_width, dirty_height)),
        )
    }
}

/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-ispointinpath>:
/// 1. If any of the arguments are infinite or NaN, then return false.
/// 2. If the point given by the x and y coordinates, when treated as coordinates in the canvas
///    coordinate space unaffected by the current transformation, is inside the intended path
///    for path as determined by the fill rule indicated by fillRule, then return true. Points
///    on the path itself must be considered to be inside the path.
/// 3. Return false.
fn point_in_path(path: &Path, path_transform: &Transform2D<f32>, x: f64, y: f64, rule: CanvasFillRule) -> bool {
    if !all_finite(&[x, y]) {
        return false;
    }
    let Some(outline) = to_sk_path(&flatten_path(path, path_transform)) else { return false };
    hit::point_in_fill(&outline, Point2D::new(x, y), fill_rule_of(rule))
}

fn fill_rule_of(rule: CanvasFillRule) -> FillRule {
    match rule {
        CanvasFillRule::Nonzero => FillRule::NonZero,
        CanvasFillRule::Evenodd => FillRule::EvenOdd,
    }
}

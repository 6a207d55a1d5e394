//! `HTMLCanvasElement` (<https://html.spec.whatwg.org/multipage/canvas.html#the-canvas-element>).
//!
//! The element owns a canvas id on the canvas thread. The bitmap is created
//! there the first time something needs pixels (a context, `toDataURL`, a
//! `drawImage` of this canvas, a capture), transparent black and of the
//! element's size; a resize resets it. The "2d" and "bitmaprenderer" contexts
//! exist (`imagebitmaprenderingcontext.rs`); `getContext()` returns null for
//! every other context id.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

use base::units::ImageSize;
use base::{CanvasId, Epoch, RequestId};
use canvas_traits::command::{CanvasCommand, EncodeError, EncodedImage, ImageEncoding};
use canvas_traits::style::ImagePixels;
use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::HandleValue;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::codegen::Callbacks::BlobCallback;
use crate::dom::bindings::codegen::Dictionaries::{
    CanvasRenderingContext2DSettings, ImageBitmapRenderingContextSettings, WebGLContextAttributes,
};
use crate::dom::bindings::codegen::HTMLCanvasElementBinding::HTMLCanvasElementMethods;
use crate::dom::bindings::codegen::Unions::CanvasRenderingContext2DOrImageBitmapRenderingContextOrWebGLRenderingContextOrWebGL2RenderingContext as RenderingContext;
use crate::dom::bindings::conversions::FromJSVal;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{DomRoot, MutNullableDom, RootedTraceableBox};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::canvas::canvascapture::check_capture_arguments;
use crate::dom::canvas::canvascapturemediastreamtrack::CanvasCaptureMediaStreamTrack;
use crate::dom::canvas::canvasrenderingcontext2d::CanvasRenderingContext2D;
use crate::dom::canvas::imagebitmaprenderingcontext::{BitmapMode, ImageBitmapRenderingContext};
use crate::dom::canvas::offscreencanvas::OffscreenCanvas;
use crate::dom::canvas::placeholder::{PlaceholderLink, TransferredCanvas};
use crate::dom::canvas::rendering;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::fileapi::blob::Blob;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::mediacapture::mediastream::MediaStream;
use crate::dom::webgl::webgl2renderingcontext::WebGL2RenderingContext;
use crate::dom::webgl::webglrenderingcontext::WebGLRenderingContext;
use webgl_traits::WebGLVersion;

/// The default bitmap size (<https://html.spec.whatwg.org/multipage/canvas.html#attr-canvas-width>).
const DEFAULT_WIDTH: u32 = 300;
const DEFAULT_HEIGHT: u32 = 150;

#[dom_struct]
pub struct HTMLCanvasElement {
    htmlelement: HTMLElement,
    /// The 2D context, once `getContext("2d")` created it (the context mode is then "2d").
    context: MutNullableDom<CanvasRenderingContext2D>,
    /// The "bitmaprenderer" context, once `getContext("bitmaprenderer")` created it (the
    /// context mode is then "bitmaprenderer").
    bitmap_context: MutNullableDom<ImageBitmapRenderingContext>,
    /// The "webgl" context, once `getContext("webgl")` created it (the context mode is then
    /// "webgl").
    webgl_context: MutNullableDom<WebGLRenderingContext>,
    /// The "webgl2" context, once `getContext("webgl2")` created it (the context mode is then
    /// "webgl2", and `webgl_context` is the WebGL context it wraps).
    webgl2_context: MutNullableDom<WebGL2RenderingContext>,
    /// This canvas's bitmap on the canvas thread.
    #[no_trace]
    canvas_id: CanvasId,
    /// Whether `Create` was sent (the bitmap exists on the canvas thread).
    #[no_trace]
    bitmap_created: Cell<bool>,
    /// The bitmap's size, following the width and height attributes.
    #[no_trace]
    size: Cell<ImageSize>,
    /// <https://html.spec.whatwg.org/multipage/canvas.html#concept-canvas-origin-clean>
    #[no_trace]
    origin_clean: Cell<bool>,
    /// Painted with new content since the last rendering update.
    #[no_trace]
    dirty: Cell<bool>,
    /// Called at each rendering update in which the canvas was painted, with
    /// the batch position where its capture commands go (see `rendering`).
    #[no_trace]
    paint_observers: RefCell<Vec<(u64, Rc<dyn Fn(&mut JSContext, &HTMLCanvasElement, Instant)>)>>,
    /// Called when the canvas loses origin-clean.
    #[no_trace]
    taint_observers: RefCell<Vec<(u64, Rc<dyn Fn(&mut JSContext, &HTMLCanvasElement)>)>>,
    /// Called when the bitmap's dimensions are set (capture tracks update
    /// their settings synchronously).
    #[no_trace]
    resize_observers: RefCell<Vec<(u64, Rc<dyn Fn(&HTMLCanvasElement, ImageSize)>)>>,
    #[no_trace]
    next_observer: Cell<u64>,
    /// The context mode is "placeholder": `transferControlToOffscreen()` gave control to an
    /// OffscreenCanvas, whose frames this canvas shows (`placeholder.rs`).
    #[no_trace]
    placeholder: Cell<bool>,
    /// When this element holds the bitmap of an OffscreenCanvas that has a placeholder canvas:
    /// where each painted frame is pushed.
    #[no_trace]
    present_to: RefCell<Option<PlaceholderLink>>,
}

/// `getContext()`'s options converted to a context's settings dictionary: "1. If options is not
/// an object, set options to null. 2. Set options to the result of converting options to a
/// JavaScript value", which the creation algorithm converts to the dictionary (null gives its
/// defaults; a getter's exception is rethrown).
fn context_settings<D: FromJSVal<Config = ()>>(cx: &mut JSContext, options: HandleValue) -> Fallible<D> {
    let options = if options.get().is_object() { options } else { HandleValue::null() };
    match D::from_jsval(cx, options, ()) {
        Ok(Ok(settings)) => Ok(settings),
        Ok(Err(failure)) => Err(Error::Type(failure.describe("The provided value"))),
        Err(()) => Err(Error::JSFailed),
    }
}

/// "Rules for parsing non-negative integers" applied to a dimension
/// attribute, with the reflection's default for a missing, invalid or
/// out-of-range value.
fn parse_dimension(value: Option<String>, default: u32) -> u32 {
    let Some(value) = value else { return default };
    let trimmed = value.trim_start_matches([' ', '\t', '\n', '\u{c}', '\r']);
    let trimmed = trimmed.strip_prefix('+').unwrap_or(trimmed);
    let digits: String = trimmed.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return default;
    }
    match digits.parse::<u64>() {
        Ok(v) if v <= i32::MAX as u64 => v as u32,
        _ => default,
    }
}

impl HTMLCanvasElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLCanvasElement> {
        let window = document.window_for_objects();
        crate::dom::bindings::classes::reflect_dom_object(
            cx,
            Box::new(HTMLCanvasElement {
                htmlelement: HTMLElement::new_inherited(local_name, document),
                context: Default::default(),
                bitmap_context: Default::default(),
                webgl_context: Default::default(),
                webgl2_context: Default::default(),
                canvas_id: CanvasId::next(),
                bitmap_created: Cell::new(false),
                size: Cell::new(ImageSize::new(DEFAULT_WIDTH, DEFAULT_HEIGHT)),
                origin_clean: Cell::new(true),
                dirty: Cell::new(false),
                paint_observers: RefCell::new(Vec::new()),
                taint_observers: RefCell::new(Vec::new()),
                resize_observers: RefCell::new(Vec::new()),
                next_observer: Cell::new(1),
                placeholder: Cell::new(false),
                present_to: RefCell::new(None),
            }),
            &window,
        )
    }

    /// The canvas thread's id for this canvas's bitmap.
    pub fn canvas_id(&self) -> CanvasId {
        self.canvas_id
    }

    /// The bitmap's size.
    pub fn bitmap_size(&self) -> ImageSize {
        self.size.get()
    }

    /// The placeholder canvas this (OffscreenCanvas) bitmap pushes its frames to, if any.
    pub fn set_present_to(&self, link: Option<PlaceholderLink>) {
        *self.present_to.borrow_mut() = link;
    }

    /// The placeholder link, taken away (the OffscreenCanvas is being transferred).
    pub fn take_present_to(&self) -> Option<PlaceholderLink> {
        self.present_to.borrow_mut().take()
    }

    /// The placeholder link, if any (a copy, for a transfer within the thread).
    pub fn present_to(&self) -> Option<PlaceholderLink> {
        self.present_to.borrow().clone()
    }

    /// A frame of `size` was pushed to this placeholder canvas: it takes the frame's size (its
    /// `width` and `height` attributes follow, as in Chromium) and is painted, so its next
    /// rendering update shows the frame and gives it to its capture tracks.
    pub fn frame_presented(&self, cx: &mut JSContext, size: ImageSize) {
        if !self.placeholder.get() {
            return;
        }
        if self.size.get() != size {
            let element = self.upcast::<Element>();
            element.set_attribute_value(cx, "width", size.width.to_string());
            element.set_attribute_value(cx, "height", size.height.to_string());
            self.size.set(size);
            crate::dom::layout::cache::invalidate_node_layout(self.upcast());
        }
        rendering::mark_dirty(self);
    }

    /// Whether the bitmap has no pixels (a zero dimension).
    pub fn has_no_pixels(&self) -> bool {
        let size = self.size.get();
        size.width == 0 || size.height == 0
    }

    pub fn is_origin_clean(&self) -> bool {
        self.origin_clean.get()
    }

    /// Sets the origin-clean flag to false (a cross-origin image was drawn)
    /// and tells the observers (capture tracks stop and mute).
    pub fn taint(&self, cx: &mut JSContext) {
        if !self.origin_clean.replace(false) {
            return;
        }
        let observers: Vec<_> = self.taint_observers.borrow().iter().map(|(_, f)| f.clone()).collect();
        for observer in observers {
            observer(cx, self);
        }
    }

    /// Makes sure the bitmap exists on the canvas thread (transparent black,
    /// or opaque black for an `alpha: false` context).
    ///
    /// For a WebGL canvas this is also where a reader of the canvas's image gets the drawing
    /// buffer as the page drew it in this task (`WebGLRenderingContext::snapshot_if_drawn`).
    pub fn ensure_bitmap(&self) {
        if !self.bitmap_created.replace(true) {
            let opaque = self.is_opaque();
            rendering::push(CanvasCommand::Create { canvas: self.canvas_id, size: self.size.get(), opaque });
        }
        if let Some(webgl) = self.webgl_context.get() {
            webgl.snapshot_if_drawn();
        }
    }

    /// Whether the 2D context was created with `alpha: false` (the bitmap is opaque black until
    /// painted, and reads back composited over black). A "bitmaprenderer" context's `alpha:
    /// false` leaves the pixels that readbacks see unchanged, as in Chromium.
    pub(crate) fn is_opaque(&self) -> bool {
        self.context.get().is_some_and(|c| c.is_opaque()) || self.webgl_context.get().is_some_and(|c| c.is_opaque())
    }

    /// The output bitmap of a "bitmaprenderer" context becomes this canvas's bitmap: `pixels`
    /// (premultiplied on the canvas thread, one copy), or, with `None`, a transparent black
    /// bitmap of the size the width and height attributes give; `origin_clean` is the bitmap's
    /// origin-clean flag (see `ImageBitmapRenderingContext::set_output_bitmap`).
    pub fn set_output_bitmap(&self, pixels: Option<ImagePixels>, origin_clean: bool) {
        let size = match &pixels {
            Some(pixels) => pixels.size,
            None => ImageSize::new(
                parse_dimension(self.element().get_attribute_value("width"), DEFAULT_WIDTH),
                parse_dimension(self.element().get_attribute_value("height"), DEFAULT_HEIGHT),
            ),
        };
        self.ensure_bitmap();
        rendering::push(CanvasCommand::SetBitmap { canvas: self.canvas_id, pixels, size });
        // FIXME: a capture track stopped by an earlier tainted bitmap stays muted when a clean
        // bitmap replaces it.
        self.origin_clean.set(origin_clean);
        if self.size.replace(size) != size {
            let observers: Vec<_> = self.resize_observers.borrow().iter().map(|(_, f)| f.clone()).collect();
            for observer in observers {
                observer(self, size);
            }
        }
    }

    /// Marks the canvas painted since the last rendering update; returns
    /// whether it already was (used by `rendering::mark_dirty`).
    pub fn set_dirty(&self) -> bool {
        self.dirty.replace(true)
    }

    /// Whether the canvas was painted since the last rendering update.
    pub fn is_dirty(&self) -> bool {
        self.dirty.get()
    }

    /// Called by `rendering` at a rendering update when this canvas is dirty:
    /// the compositor gets the image, then each capture observer may append
    /// a `CaptureFrame` to the same batch.
    pub fn update_rendering(&self, cx: &mut JSContext, epoch: Epoch, now: Instant) {
        self.dirty.set(false);
        if !self.bitmap_created.get() {
            return;
        }
        // A WebGL canvas's compositor update and capture frames follow its frame through the
        // WebGL thread: everything before them is sent first (a resize of the bitmap included),
        // then the drawing buffer is presented with them.
        let webgl = self.webgl_context.get();
        if webgl.is_some() {
            rendering::flush();
        }
        let mark = rendering::pending_len();
        rendering::push(CanvasCommand::UpdateImage { canvas: self.canvas_id, epoch });
        let observers: Vec<_> = self.paint_observers.borrow().iter().map(|(_, f)| f.clone()).collect();
        for observer in observers {
            observer(cx, self, now);
        }
        if let Some(webgl) = webgl {
            // An OffscreenCanvas with a placeholder: the frame goes on to the placeholder after
            // it reached this bitmap, and the placeholder takes its size; it is displayed there.
            let link = self.present_to.borrow().clone();
            if let Some(link) = &link {
                rendering::push(CanvasCommand::Present { from: self.canvas_id, to: link.canvas() });
            }
            let then = rendering::take_pending_after(mark);
            webgl.present(then, self.upcast::<Node>().is_connected() || link.is_some());
            if let Some(link) = link {
                link.presented(self.size.get());
            }
            return;
        }
        // An OffscreenCanvas with a placeholder pushes the frame there: the canvas thread
        // shares it first, then the placeholder's thread hears of it.
        let link = self.present_to.borrow().clone();
        if let Some(link) = link {
            rendering::push(CanvasCommand::Present { from: self.canvas_id, to: link.canvas() });
            rendering::flush();
            link.presented(self.size.get());
        }
    }

    /// Registers a paint observer (a capture track); returns its token.
    pub fn add_paint_observer(&self, observer: Rc<dyn Fn(&mut JSContext, &HTMLCanvasElement, Instant)>) -> u64 {
        let token = self.next_observer.get();
        self.next_observer.set(token + 1);
        self.paint_observers.borrow_mut().push((token, observer));
        token
    }

    /// Registers a taint observer; returns its token.
    pub fn add_taint_observer(&self, observer: Rc<dyn Fn(&mut JSContext, &HTMLCanvasElement)>) -> u64 {
        let token = self.next_observer.get();
        self.next_observer.set(token + 1);
        self.taint_observers.borrow_mut().push((token, observer));
        token
    }

    /// Registers a resize observer (called with the new size whenever the
    /// bitmap dimensions are set); returns its token.
    pub fn add_resize_observer(&self, observer: Rc<dyn Fn(&HTMLCanvasElement, ImageSize)>) -> u64 {
        let token = self.next_observer.get();
        self.next_observer.set(token + 1);
        self.resize_observers.borrow_mut().push((token, observer));
        token
    }

    /// Removes an observer of any kind.
    pub fn remove_observer(&self, token: u64) {
        self.paint_observers.borrow_mut().retain(|(t, _)| *t != token);
        self.taint_observers.borrow_mut().retain(|(t, _)| *t != token);
        self.resize_observers.borrow_mut().retain(|(t, _)| *t != token);
    }

    /// The "2d" row of `getContext()`'s table
    /// (<https://html.spec.whatwg.org/multipage/canvas.html#dom-canvas-getcontext>).
    pub fn context_2d(
        &self,
        cx: &mut JSContext,
        options: HandleValue,
    ) -> Fallible<Option<DomRoot<CanvasRenderingContext2D>>> {
        // mode "2d": "Return the same object as was returned the last time the method was
        // invoked with this same first argument."
        if let Some(context) = self.context.get() {
            return Ok(Some(context));
        }
        // mode "bitmaprenderer" or "webgl": "Return null."
        if self.bitmap_context.get().is_some() || self.webgl_context.get().is_some() {
            return Ok(None);
        }
        // mode "none": "Let context be the result of running the 2D context creation
        // algorithm given this, options": convert options to CanvasRenderingContext2DSettings
        // (rethrowing a getter's exception).
        let settings: CanvasRenderingContext2DSettings = context_settings(cx, options)?;
        let context = CanvasRenderingContext2D::new(cx, self, settings);
        // "Set this's context mode to 2d."
        self.context.set(Some(&context));
        // The context's bitmap is created now (opaque black for alpha: false).
        self.recreate_bitmap();
        Ok(Some(context))
    }

    /// The "bitmaprenderer" row of `getContext()`'s table (`offscreen` is the OffscreenCanvas
    /// this element holds the bitmap of, if any: it becomes the context's `canvas`).
    pub fn bitmaprenderer_context(
        &self,
        cx: &mut JSContext,
        options: HandleValue,
        offscreen: Option<&crate::dom::canvas::offscreencanvas::OffscreenCanvas>,
    ) -> Fallible<Option<DomRoot<ImageBitmapRenderingContext>>> {
        // mode "bitmaprenderer": "Return the same object as was returned the last time the
        // method was invoked with this same first argument."
        if let Some(context) = self.bitmap_context.get() {
            return Ok(Some(context));
        }
        // mode "2d" or "webgl": "Return null."
        if self.context.get().is_some() || self.webgl_context.get().is_some() {
            return Ok(None);
        }
        // mode "none": "Let context be the result of running the ImageBitmapRenderingContext
        // creation algorithm given this and options."
        // 1. Let settings be the result of converting options to the dictionary type
        //    ImageBitmapRenderingContextSettings. (This can throw an exception.)
        let settings: ImageBitmapRenderingContextSettings = context_settings(cx, options)?;
        let context = ImageBitmapRenderingContext::new(cx, self, offscreen, &settings);
        // "Set this's context mode to bitmaprenderer."
        self.bitmap_context.set(Some(&context));
        // 4. Set context's output bitmap to the same bitmap as target's bitmap (so that they
        //    are shared). 5. Run the steps to set an ImageBitmapRenderingContext's output
        //    bitmap with context.
        self.recreate_bitmap();
        context.set_output_bitmap(None);
        Ok(Some(context))
    }

    /// The "webgl" and "experimental-webgl" rows of `getContext()`'s table.
    pub fn webgl_context(
        &self,
        cx: &mut JSContext,
        options: HandleValue,
    ) -> Fallible<Option<DomRoot<WebGLRenderingContext>>> {
        // mode "webgl2": "Return null."
        if self.webgl2_context.get().is_some() {
            return Ok(None);
        }
        // mode "webgl": "Return the same object as was returned the last time the method was
        // invoked with this same first argument."
        if let Some(context) = self.webgl_context.get() {
            return Ok(Some(context));
        }
        self.new_webgl_context(cx, options, WebGLVersion::WebGL1)
    }

    /// The "webgl2" row of `getContext()`'s table.
    pub fn webgl2_context(
        &self,
        cx: &mut JSContext,
        options: HandleValue,
    ) -> Fallible<Option<DomRoot<WebGL2RenderingContext>>> {
        // mode "webgl2": "Return the same object as was returned the last time the method was
        // invoked with this same first argument."
        if let Some(context) = self.webgl2_context.get() {
            return Ok(Some(context));
        }
        // mode "webgl": "Return null."
        if self.webgl_context.get().is_some() {
            return Ok(None);
        }
        let Some(base) = self.new_webgl_context(cx, options, WebGLVersion::WebGL2)? else { return Ok(None) };
        let context = WebGL2RenderingContext::new(cx, &self.global(), &base);
        self.webgl2_context.set(Some(&context));
        Ok(Some(context))
    }

    /// Mode "none" of the "webgl" and "webgl2" rows.
    fn new_webgl_context(
        &self,
        cx: &mut JSContext,
        options: HandleValue,
        version: WebGLVersion,
    ) -> Fallible<Option<DomRoot<WebGLRenderingContext>>> {
        // mode "2d" or "bitmaprenderer": "Return null."
        if self.context.get().is_some() || self.bitmap_context.get().is_some() {
            return Ok(None);
        }
        // mode "none": "Let context be the result of following the instructions given in the
        // WebGL specifications' Context Creation sections" (the attributes converted from
        // options; null when no context can be made). "If context is null, then return null;
        // otherwise set this's context mode to webgl or webgl2."
        let attributes: WebGLContextAttributes = context_settings(cx, options)?;
        self.recreate_bitmap();
        let Some(context) = WebGLRenderingContext::create(cx, self, &attributes, version) else {
            return Ok(None);
        };
        self.webgl_context.set(Some(&context));
        Ok(Some(context))
    }

    /// The "webgl2" context, if the context mode is "webgl2".
    pub fn webgl2(&self) -> Option<DomRoot<WebGL2RenderingContext>> {
        self.webgl2_context.get()
    }

    /// The WebGL context, if the context mode is "webgl" (or "webgl2": the context the
    /// WebGL2RenderingContext wraps).
    pub fn webgl(&self) -> Option<DomRoot<WebGLRenderingContext>> {
        self.webgl_context.get()
    }

    /// Whether the context mode is "bitmaprenderer".
    pub fn has_bitmap_context(&self) -> bool {
        self.bitmap_context.get().is_some()
    }

    /// Creates the bitmap of a new context (replacing one made earlier by `toDataURL()` or
    /// `drawImage()` of this canvas), opaque black for `alpha: false`.
    fn recreate_bitmap(&self) {
        if self.bitmap_created.replace(true) {
            rendering::push(CanvasCommand::Destroy { canvas: self.canvas_id });
        }
        rendering::push(CanvasCommand::Create {
            canvas: self.canvas_id,
            size: self.size.get(),
            opaque: self.is_opaque(),
        });
    }

    fn element(&self) -> &Element {
        self.upcast::<Element>()
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#concept-canvas-set-bitmap-dimensions>,
    /// run whenever the width or height attribute is set, changed or removed
    /// (even to the same value: `canvas.width = canvas.width` clears).
    pub fn dimensions_changed(&self) {
        let width = parse_dimension(self.element().get_attribute_value("width"), DEFAULT_WIDTH);
        let height = parse_dimension(self.element().get_attribute_value("height"), DEFAULT_HEIGHT);
        let size = ImageSize::new(width, height);
        // A placeholder's bitmap follows the frames pushed to it, not its attributes (which
        // only those frames change).
        if self.placeholder.get() {
            self.size.set(size);
            crate::dom::layout::cache::invalidate_node_layout(self.upcast());
            return;
        }
        // bitmaprenderer: "If the context's bitmap mode is set to blank, run the steps to set
        // an ImageBitmapRenderingContext's output bitmap, passing the canvas element's
        // rendering context." (A valid output bitmap keeps its own size.)
        if let Some(context) = self.bitmap_context.get() {
            if context.bitmap_mode() == BitmapMode::Blank {
                context.set_output_bitmap(None);
            }
            return;
        }
        self.size.set(size);
        crate::dom::layout::cache::invalidate_node_layout(self.upcast());
        // 2d: 1. Reset the rendering context to its default state.
        if let Some(context) = self.context.get() {
            context.reset_to_default_state();
        }
        // 2. Resize the output bitmap to the new width and height (and clear it). webgl: a new
        //    drawing buffer of the new size (cleared), after the bitmap's resize.
        if let Some(webgl) = self.webgl_context.get() {
            rendering::push(CanvasCommand::Resize { canvas: self.canvas_id, size });
            rendering::flush();
            webgl.resize(size.width, size.height);
        } else if self.bitmap_created.get() {
            rendering::push(CanvasCommand::Resize { canvas: self.canvas_id, size });
            rendering::mark_dirty(self);
        }
        let observers: Vec<_> = self.resize_observers.borrow().iter().map(|(_, f)| f.clone()).collect();
        for observer in observers {
            observer(self, size);
        }
    }

    /// Encodes the bitmap as it is after every command queued so far, without blocking script:
    /// the canvas thread encodes, a helper thread waits for it, and `done` runs as a task with
    /// the file (or the reason there is none).
    pub fn encode_in_parallel(
        &self,
        encoding: ImageEncoding,
        done: impl FnOnce(&mut JSContext, Result<Vec<u8>, EncodeError>) + 'static,
    ) {
        self.ensure_bitmap();
        let request = RequestId::next();
        let (reply, receiver) = crossbeam_channel::bounded::<EncodedImage>(1);
        rendering::push(CanvasCommand::Encode { canvas: self.canvas_id, request, encoding, reply });
        rendering::flush();
        crate::parallel::in_parallel(
            "encode",
            move || {
                receiver
                    .recv()
                    .map(|e| e.result)
                    .unwrap_or_else(|_| Err(EncodeError::Encoder("the canvas thread is gone".into())))
            },
            move |cx, result| {
                let result = result
                    .unwrap_or_else(|| Err(EncodeError::Encoder("the thread waiting for the encoder failed".into())));
                done(cx, result)
            },
        );
    }

    /// Encodes the bitmap (after every pending command) and waits for it.
    fn encode_now(&self, encoding: ImageEncoding) -> Result<Vec<u8>, EncodeError> {
        self.ensure_bitmap();
        let canvas = self.canvas_id;
        let request = RequestId::next();
        match rendering::round_trip(|reply| CanvasCommand::Encode { canvas, request, encoding, reply }) {
            Some(EncodedImage { result, .. }) => result,
            None => Err(EncodeError::Encoder("the canvas thread is gone".into())),
        }
    }
}

impl Drop for HTMLCanvasElement {
    fn drop(&mut self) {
        if self.bitmap_created.get() {
            rendering::push(CanvasCommand::Destroy { canvas: self.canvas_id });
        }
    }
}

/// The encoding `toDataURL()`/`toBlob()` use for a type and quality argument
/// (see [`ImageEncoding::for_type`]; a quality that is not a Number is no quality).
fn encoding_for(type_: &str, quality: HandleValue) -> (ImageEncoding, &'static str) {
    let q = quality.get();
    ImageEncoding::for_type(type_, q.is_number().then(|| q.to_number()))
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

thread_local! {
    /// toBlob() callbacks waiting for their encoded file, by request.
    // The callback is a root while the encoding runs: nothing else may hold the page's function
    // (`canvas.toBlob(blob => …)`), and this table is not traced (found with GC zeal 14, where
    // the function had moved).
    static BLOB_CALLBACKS: RefCell<HashMap<RequestId, (Trusted<HTMLCanvasElement>, RootedTraceableBox<Rc<BlobCallback>>, &'static str)>> =
        RefCell::new(HashMap::new());
}

/// Drops the toBlob() callbacks still waiting (see `script_thread::teardown`).
pub(crate) fn teardown() -> usize {
    crate::script_thread::drain(&BLOB_CALLBACKS)
}

/// Runs a toBlob() callback with the encoded file (a queued task).
fn finish_to_blob(cx: &mut JSContext, request: RequestId, result: Result<Vec<u8>, EncodeError>) {
    let Some((canvas, callback, mime)) = BLOB_CALLBACKS.with(|b| b.borrow_mut().remove(&request)) else {
        return;
    };
    let Some(canvas) = canvas.root() else { return };
    let window = canvas.global();
    // "If result is non-null, set result to a new Blob object … whose type is type."
    let blob = match result {
        Ok(bytes) => Some(Blob::new(cx, &window, bytes, mime.to_owned())),
        Err(error) => {
            if !matches!(error, EncodeError::Empty) {
                log::warn!("toBlob() encoding failed: {error:?}");
            }
            None
        }
    };
    // "Invoke callback with « result » and "report"."
    rooted!(&in(cx) let mut this = UndefinedValue());
    let _ = callback.Call_(cx, this.handle(), blob.as_deref(), ExceptionHandling::Report);
    let _ = &mut this;
}

impl HTMLCanvasElementMethods for HTMLCanvasElement {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-canvas-width>:
    /// reflects the `width` content attribute, limited to non-negative
    /// numbers, default 300.
    fn Width(&self, _cx: &mut JSContext) -> u32 {
        parse_dimension(self.element().get_attribute_value("width"), DEFAULT_WIDTH)
    }

    /// On setting, a value above 2147483647 sets the default instead; the
    /// attribute change steps then reset the bitmap.
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-canvas-width>
    ///
    /// "If this canvas element's context mode is placeholder, throw an InvalidStateError."
    fn SetWidth(&self, cx: &mut JSContext, value: u32) -> ErrorResult {
        if self.placeholder.get() {
            return Err(Error::InvalidState("the canvas has transferred its control to an OffscreenCanvas".into()));
        }
        let value = if value > i32::MAX as u32 { DEFAULT_WIDTH } else { value };
        self.element().set_attribute_value(cx, "width", value.to_string());
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-canvas-height>
    fn Height(&self, _cx: &mut JSContext) -> u32 {
        parse_dimension(self.element().get_attribute_value("height"), DEFAULT_HEIGHT)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-canvas-height>
    ///
    /// "If this canvas element's context mode is placeholder, throw an InvalidStateError."
    fn SetHeight(&self, cx: &mut JSContext, value: u32) -> ErrorResult {
        if self.placeholder.get() {
            return Err(Error::InvalidState("the canvas has transferred its control to an OffscreenCanvas".into()));
        }
        let value = if value > i32::MAX as u32 { DEFAULT_HEIGHT } else { value };
        self.element().set_attribute_value(cx, "height", value.to_string());
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-canvas-getcontext>
    fn GetContext(
        &self,
        cx: &mut JSContext,
        context_id: DOMString,
        options: HandleValue,
    ) -> Fallible<Option<RenderingContext>> {
        // 1. If options is not an object, set options to null.
        // 2. Set options to the result of converting options to a JavaScript value.
        // 3. Run the steps in the cell of the table whose column header matches this canvas
        //    element's canvas context mode and whose row header matches contextId. "webgpu"
        //    and unknown ids are contexts Aperture does not support: null.
        //    Mode "placeholder": "Throw an InvalidStateError DOMException."
        if self.placeholder.get() {
            return Err(Error::InvalidState("the canvas has transferred its control to an OffscreenCanvas".into()));
        }
        match &*context_id {
            "2d" => Ok(self.context_2d(cx, options)?.map(RenderingContext::CanvasRenderingContext2D)),
            "bitmaprenderer" => {
                Ok(self.bitmaprenderer_context(cx, options, None)?.map(RenderingContext::ImageBitmapRenderingContext))
            }
            "webgl" | "experimental-webgl" => {
                Ok(self.webgl_context(cx, options)?.map(RenderingContext::WebGLRenderingContext))
            }
            "webgl2" => Ok(self.webgl2_context(cx, options)?.map(RenderingContext::WebGL2RenderingContext)),
            _ => Ok(None),
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-canvas-transfercontroltooffscreen>
    fn TransferControlToOffscreen(&self, cx: &mut JSContext) -> Fallible<DomRoot<OffscreenCanvas>> {
        // 1. If this canvas element's context mode is not set to none, throw an
        //    "InvalidStateError" DOMException.
        if self.placeholder.get()
            || self.context.get().is_some()
            || self.bitmap_context.get().is_some()
            || self.webgl_context.get().is_some()
        {
            return Err(Error::InvalidState(
                "the canvas already has a rendering context or transferred its control".into(),
            ));
        }
        // (The placeholder's bitmap exists on the canvas thread before a frame can come from
        // another thread's batches.)
        self.ensure_bitmap();
        rendering::flush();
        // 2. Let offscreenCanvas be a new OffscreenCanvas object with its width and height
        //    equal to the values of the width and height content attributes of this canvas
        //    element. 3. Set the placeholder canvas element of offscreenCanvas to a weak
        //    reference to this canvas element.
        let size = self.size.get();
        let window = self.global();
        let transferred = TransferredCanvas {
            width: u64::from(size.width),
            height: u64::from(size.height),
            placeholder: Some(PlaceholderLink::new(self)),
        };
        let offscreen = OffscreenCanvas::received(cx, &window, transferred);
        // 4. Set this canvas element's context mode to placeholder.
        self.placeholder.set(true);
        // 5. Return offscreenCanvas.
        Ok(offscreen)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-canvas-todataurl>
    fn ToDataURL(&self, _cx: &mut JSContext, type_: DOMString, quality: HandleValue) -> Fallible<USVString> {
        // 1. If this canvas element's bitmap's origin-clean flag is set to
        //    false, then throw a "SecurityError" DOMException.
        if !self.origin_clean.get() {
            return Err(Error::Security("the canvas has been tainted by cross-origin data".into()));
        }
        // 2. If this canvas element's bitmap has no pixels (i.e. either its
        //    horizontal dimension or its vertical dimension is zero), then
        //    return the string "data:,".
        if self.has_no_pixels() {
            return Ok(USVString("data:,".into()));
        }
        // 3. Let file be a serialization of this canvas element's bitmap as a
        //    file, passing type and quality if given.
        let (encoding, mime) = encoding_for(&type_, quality);
        match self.encode_now(encoding) {
            // 5. Return a data: URL representing file.
            Ok(bytes) => Ok(USVString(format!("data:{mime};base64,{}", base64(&bytes)))),
            // 4. If file is null, then return "data:,".
            Err(error) => {
                log::warn!("toDataURL() encoding failed: {error:?}");
                Ok(USVString("data:,".into()))
            }
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-canvas-toblob>
    fn ToBlob(
        &self,
        _cx: &mut JSContext,
        callback: Rc<BlobCallback>,
        type_: DOMString,
        quality: HandleValue,
    ) -> Fallible<()> {
        // 1. If this canvas element's bitmap's origin-clean flag is set to
        //    false, then throw a "SecurityError" DOMException.
        if !self.origin_clean.get() {
            return Err(Error::Security("the canvas has been tainted by cross-origin data".into()));
        }
        let (encoding, mime) = encoding_for(&type_, quality);
        let request = RequestId::next();
        BLOB_CALLBACKS
            .with(|b| b.borrow_mut().insert(request, (Trusted::new(self), RootedTraceableBox::new(callback), mime)));
        // 2. Let result be null.
        // 3. If this canvas element's bitmap has pixels, then set result to a
        //    copy of this canvas element's bitmap.
        if self.has_no_pixels() {
            crate::script_thread::queue_task(Box::new(move |cx| finish_to_blob(cx, request, Err(EncodeError::Empty))));
            return Ok(());
        }
        // 4. Run these steps in parallel: serialize result as a file with
        //    type and quality, then queue an element task to create the Blob
        //    and invoke callback.
        self.encode_in_parallel(encoding, move |cx, result| finish_to_blob(cx, request, result));
        Ok(())
    }

    /// <https://w3c.github.io/mediacapture-fromelement/#dom-htmlcanvaselement-capturestream>
    fn CaptureStream(
        &self,
        cx: &mut JSContext,
        frame_request_rate: Option<Finite<f64>>,
    ) -> Fallible<DomRoot<MediaStream>> {
        let frame_request_rate = frame_request_rate.map(|r| *r);
        // (A NaN or infinite frameRequestRate is a TypeError from the WebIDL
        // double conversion.) "This method throws a NotSupportedError if
        // frameRequestRate is negative." "This method throws a SecurityError
        // exception if the canvas is not origin-clean."
        check_capture_arguments(self.origin_clean.get(), frame_request_rate)?;
        // "The resulting MediaStream has a single video
        // CanvasCaptureMediaStreamTrack that matches the dimensions of the
        // canvas element." A canvas removed from its document, or whose
        // document was detached, captures all the same.
        Ok(CanvasCaptureMediaStreamTrack::capture_stream(cx, self, frame_request_rate))
    }
}

/// Attribute change steps for canvas elements (`virtualmethods` calls this).
pub fn attribute_changed(_cx: &mut JSContext, element: &Element, name: &str, _old: Option<&str>) {
    if (name == "width" || name == "height")
        && let Some(canvas) = element.downcast::<HTMLCanvasElement>()
    {
        canvas.dimensions_changed();
    }
}

/// Insertion steps (nothing to do: a canvas paints whether or not it is
/// connected; see docs/canvas-capture.md).
pub fn inserted(_cx: &mut JSContext, _node: &Node, _connected: bool) {}

/// Removing steps (likewise nothing: removal does not stop painting or capture).
pub fn removed(_cx: &mut JSContext, _node: &Node, _was_connected: bool) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimension_parsing() {
        assert_eq!(parse_dimension(None, 300), 300);
        assert_eq!(parse_dimension(Some("  42px".into()), 300), 42);
        assert_eq!(parse_dimension(Some("+7".into()), 300), 7);
        assert_eq!(parse_dimension(Some("-1".into()), 300), 300);
        assert_eq!(parse_dimension(Some("".into()), 150), 150);
        assert_eq!(parse_dimension(Some("4294967296".into()), 150), 150);
        assert_eq!(parse_dimension(Some("0".into()), 150), 0);
    }

    #[test]
    fn base64_encoding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}

//! `OffscreenCanvas` and `OffscreenCanvasRenderingContext2D`
//! (<https://html.spec.whatwg.org/multipage/canvas.html#the-offscreencanvas-interface>).
//!
//! An OffscreenCanvas owns a bitmap on the canvas thread like a `<canvas>` does; Aperture keeps
//! it in an `HTMLCanvasElement` that no document contains, so the 2D context, the rasterizer,
//! readbacks, encoding and the origin-clean flag are the element's, unchanged. Its 2D context
//! is a `CanvasRenderingContext2D` of that element behind the `OffscreenCanvasRenderingContext2D`
//! interface (every member but `canvas` forwards to it; see `build.rs`).

use std::cell::Cell;
use std::rc::Rc;

use canvas_traits::command::{CanvasCommand, ImageEncoding};
use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::CanvasRenderingContext2DBinding::CanvasRenderingContext2DMethods;
use crate::dom::bindings::codegen::Dictionaries::{
    CanvasRenderingContext2DSettings, DOMMatrix2DInit, ImageDataSettings, ImageEncodeOptions,
};
use crate::dom::bindings::codegen::Enums::{
    CanvasDirection, CanvasFillRule, CanvasFontKerning, CanvasFontStretch, CanvasFontVariantCaps, CanvasLineCap,
    CanvasLineJoin, CanvasTextAlign, CanvasTextBaseline, CanvasTextRendering, ImageSmoothingQuality,
    OffscreenRenderingContextId,
};
use crate::dom::bindings::codegen::OffscreenCanvasBinding::OffscreenCanvasMethods;
use crate::dom::bindings::codegen::OffscreenCanvasRenderingContext2DBinding::OffscreenCanvasRenderingContext2DMethods;
use crate::dom::bindings::codegen::Unions::{
    HTMLImageElementOrHTMLVideoElementOrHTMLCanvasElementOrImageBitmapOrOffscreenCanvasOrVideoFrame,
    OffscreenCanvasRenderingContext2DOrImageBitmapRenderingContextOrWebGLRenderingContextOrWebGL2RenderingContext as OffscreenRenderingContext,
    StringOrCanvasGradientOrCanvasPattern, UnrestrictedDoubleOrDOMPointInitOrUnrestrictedDoubleOrDOMPointInitSequence,
};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::canvas::canvasgradient::CanvasGradient;
use crate::dom::canvas::canvaspattern::CanvasPattern;
use crate::dom::canvas::canvasrenderingcontext2d::CanvasRenderingContext2D;
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
use crate::dom::canvas::imagedata::ImageData;
use crate::dom::canvas::path2d::Path2D;
use crate::dom::canvas::placeholder::TransferredCanvas;
use crate::dom::canvas::rendering;
use crate::dom::canvas::textmetrics::TextMetrics;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::fileapi::blob::Blob;
use crate::dom::geometry::dommatrix::DOMMatrix;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::images::imagebitmap::ImageBitmap;

include!(concat!(env!("OUT_DIR"), "/offscreen_2d_delegate.rs"));

#[dom_struct]
pub struct OffscreenCanvas {
    eventtarget: EventTarget,
    /// The element that holds the bitmap (never in a document).
    element: Dom<HTMLCanvasElement>,
    /// The "2d" context, once created (the context mode is then "2d").
    context: MutNullableDom<OffscreenCanvasRenderingContext2D>,
    /// The width and height as set (the bitmap follows them, clamped to what a canvas holds).
    #[no_trace]
    size: Cell<(u64, u64)>,
    /// [[Detached]]: transferred to another realm (its size reads 0×0, its methods throw).
    #[no_trace]
    detached: Cell<bool>,
}

impl OffscreenCanvas {
    fn new(
        cx: &mut JSContext,
        window: &Window,
        proto: Option<HandleObject>,
        width: u64,
        height: u64,
    ) -> DomRoot<OffscreenCanvas> {
        let element = HTMLCanvasElement::new(cx, "canvas", &window.document());
        let canvas = OffscreenCanvas {
            eventtarget: EventTarget::new_inherited(),
            element: Dom::from_ref(&*element),
            context: MutNullableDom::new(None),
            size: Cell::new((width, height)),
            detached: Cell::new(false),
        };
        let canvas = reflect_dom_object_with_proto(cx, Box::new(canvas), window, proto);
        canvas.set_dimension(cx, "width", width);
        canvas.set_dimension(cx, "height", height);
        canvas
    }

    /// The transfer-receiving steps (and `transferControlToOffscreen()`): "initialize value's
    /// bitmap to a rectangular array of transparent black pixels with width given by
    /// dataHolder.[[Width]] and height given by dataHolder.[[Height]]", and set its placeholder
    /// canvas element to dataHolder.[[PlaceholderCanvas]].
    pub fn received(cx: &mut JSContext, window: &Window, data: TransferredCanvas) -> DomRoot<OffscreenCanvas> {
        let canvas = OffscreenCanvas::new(cx, window, None, data.width, data.height);
        canvas.element.set_present_to(data.placeholder);
        canvas
    }

    /// The checks of the transfer steps, before anything moves: a detached OffscreenCanvas is
    /// a "DataCloneError" (StructuredSerializeWithTransfer), and "if value's context mode is
    /// not equal to none, then throw an InvalidStateError DOMException".
    pub fn check_transferable(&self) -> Result<(), Error> {
        if self.detached.get() {
            return Err(Error::DataClone("A detached OffscreenCanvas cannot be transferred.".into()));
        }
        if self.context.get().is_some() || self.element.has_bitmap_context() || self.element.webgl().is_some() {
            return Err(Error::InvalidState(
                "An OffscreenCanvas with a rendering context cannot be transferred.".into(),
            ));
        }
        Ok(())
    }

    /// What the transfer carries: "dataHolder.[[Width]], [[Height]], [[PlaceholderCanvas]]".
    pub fn transfer_data(&self) -> TransferredCanvas {
        let (width, height) = self.size.get();
        TransferredCanvas { width, height, placeholder: self.element.present_to() }
    }

    /// The rest of the transfer steps: "Set value's context mode to detached. … Unset value's
    /// bitmap." Its width and height read 0 (as in every engine).
    pub fn detach(&self, cx: &mut JSContext) {
        self.detached.set(true);
        self.element.take_present_to();
        self.size.set((0, 0));
        self.set_dimension(cx, "width", 0);
        self.set_dimension(cx, "height", 0);
    }

    fn detached_error() -> Error {
        Error::InvalidState("the OffscreenCanvas was transferred (it is detached)".into())
    }

    /// The element holding this canvas's bitmap.
    pub fn bitmap_element(&self) -> DomRoot<HTMLCanvasElement> {
        self.element.as_rooted()
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-offscreencanvas-width>: setting
    /// either dimension sets the bitmap dimensions (the context is reset, the bitmap cleared).
    fn set_dimension(&self, cx: &mut JSContext, name: &str, value: u64) {
        let clamped = value.min(i32::MAX as u64);
        self.element.upcast::<crate::dom::dom::element::Element>().set_attribute_value(cx, name, clamped.to_string());
    }
}

impl OffscreenCanvasMethods for OffscreenCanvas {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-offscreencanvas>: "initialize
    /// the bitmap of offscreenCanvas to a rectangular array of transparent black pixels of the
    /// dimensions specified by width and height".
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        width: u64,
        height: u64,
    ) -> Fallible<DomRoot<OffscreenCanvas>> {
        Ok(OffscreenCanvas::new(cx, global, proto, width, height))
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-offscreencanvas-width>
    fn Width(&self, _cx: &mut JSContext) -> u64 {
        self.size.get().0
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-offscreencanvas-width>
    fn SetWidth(&self, cx: &mut JSContext, value: u64) {
        if self.detached.get() {
            return;
        }
        self.size.set((value, self.size.get().1));
        self.set_dimension(cx, "width", value);
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-offscreencanvas-height>
    fn Height(&self, _cx: &mut JSContext) -> u64 {
        self.size.get().1
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-offscreencanvas-height>
    fn SetHeight(&self, cx: &mut JSContext, value: u64) {
        if self.detached.get() {
            return;
        }
        self.size.set((self.size.get().0, value));
        self.set_dimension(cx, "height", value);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-offscreencanvas-getcontext>
    fn GetContext(
        &self,
        cx: &mut JSContext,
        context_id: OffscreenRenderingContextId,
        options: HandleValue,
    ) -> Fallible<Option<OffscreenRenderingContext>> {
        // (Mode "detached": "Throw an InvalidStateError DOMException.")
        if self.detached.get() {
            return Err(OffscreenCanvas::detached_error());
        }
        // 1–2. (options is converted when a context is created.) 3. Run the steps in the cell
        // of the table whose column header matches the context mode and whose row header
        // matches contextId:
        match context_id {
            OffscreenRenderingContextId::_2d => {
                // mode "2d": "Return the same object as was returned the last time the method
                // was invoked with this same first argument."
                if let Some(context) = self.context.get() {
                    return Ok(Some(OffscreenRenderingContext::OffscreenCanvasRenderingContext2D(context)));
                }
                // mode "none": "Let context be the result of running the offscreen 2D context
                // creation algorithm given this and options. Set this's context mode to 2d.
                // Return context." (mode "bitmaprenderer": "Return null", from the element.)
                let Some(inner) = self.element.context_2d(cx, options)? else {
                    return Ok(None);
                };
                let window = self.global();
                let context = OffscreenCanvasRenderingContext2D {
                    reflector_: Reflector::new(),
                    canvas: Dom::from_ref(self),
                    context: Dom::from_ref(&*inner),
                };
                let context = reflect_dom_object(cx, Box::new(context), &window);
                self.context.set(Some(&context));
                Ok(Some(OffscreenRenderingContext::OffscreenCanvasRenderingContext2D(context)))
            }
            // mode "none": "Let context be the result of running the ImageBitmapRenderingContext
            // creation algorithm given this and options. Set this's context mode to
            // bitmaprenderer. Return context." (Same object again in mode "bitmaprenderer",
            // null in mode "2d".)
            OffscreenRenderingContextId::Bitmaprenderer => Ok(self
                .element
                .bitmaprenderer_context(cx, options, Some(self))?
                .map(OffscreenRenderingContext::ImageBitmapRenderingContext)),
            // mode "none": "Let context be the result of following the instructions given in the
            // WebGL specifications' Context Creation sections. If context is null, then return
            // null; otherwise set this's context mode to webgl. Return context." (The same
            // object again in mode "webgl", null in the other modes.)
            OffscreenRenderingContextId::Webgl => {
                let context = self.element.webgl_context(cx, options)?;
                if let Some(context) = &context {
                    context.set_offscreen(self);
                }
                Ok(context.map(OffscreenRenderingContext::WebGLRenderingContext))
            }
            // The same for "webgl2" (context mode webgl2).
            OffscreenRenderingContextId::Webgl2 => {
                let context = self.element.webgl2_context(cx, options)?;
                if let Some(context) = &context {
                    context.base().set_offscreen(self);
                }
                Ok(context.map(OffscreenRenderingContext::WebGL2RenderingContext))
            }
            // "webgpu" is not supported: null, as for a context type the user agent does not
            // support.
            _ => Ok(None),
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-offscreencanvas-transfertoimagebitmap>
    fn TransferToImageBitmap(&self, cx: &mut JSContext) -> Fallible<DomRoot<ImageBitmap>> {
        // 1. If the value of this OffscreenCanvas object's [[Detached]] internal slot is set
        //    to true, then throw an "InvalidStateError" DOMException.
        if self.detached.get() {
            return Err(OffscreenCanvas::detached_error());
        }
        // 2. If this OffscreenCanvas object's context mode is set to none, then throw an
        //    "InvalidStateError" DOMException.
        let webgl = self.element.webgl();
        if self.context.get().is_none() && !self.element.has_bitmap_context() && webgl.is_none() {
            return Err(Error::InvalidState("the OffscreenCanvas has no rendering context".into()));
        }
        // 3. Let image be a newly created ImageBitmap object that references the same
        //    underlying bitmap data as this OffscreenCanvas object's bitmap. (A snapshot shared
        //    with the canvas thread; a zero-sized bitmap gives a zero-sized ImageBitmap.)
        let element = &self.element;
        let size = element.bitmap_size();
        let frame = if element.has_no_pixels() {
            base::VideoFrame {
                size,
                format: base::PixelFormat::Rgba8,
                stride: size.width as usize * 4,
                has_alpha: true,
                data: base::FrameBytes::new(Vec::<u8>::new()),
                timestamp: std::time::Duration::ZERO,
                sequence: 0,
            }
        } else {
            element.ensure_bitmap();
            let id = element.canvas_id();
            match rendering::round_trip(|reply| CanvasCommand::Snapshot { canvas: id, reply }) {
                Some(Ok(Some(pixels))) => crate::imaging::frame_from_pixels(&pixels),
                _ => return Err(Error::InvalidState("the OffscreenCanvas bitmap is not available".into())),
            }
        };
        let window = self.global();
        let image = ImageBitmap::new(cx, &window, frame, element.is_origin_clean());
        // 4. Set this OffscreenCanvas object's bitmap to reference a newly created bitmap of
        //    the same dimensions and color space as the previous bitmap, and with its pixels
        //    initialized to transparent black, or opaque black if the rendering context's alpha
        //    is false. (The context's state, its clip region included, stays.)
        if !element.has_no_pixels() {
            rendering::push(CanvasCommand::ReplaceBitmap { canvas: element.canvas_id() });
            rendering::mark_dirty(element);
        }
        // (A WebGL context's drawing buffer is the bitmap: it starts again cleared.)
        if let Some(webgl) = webgl {
            let size = element.bitmap_size();
            webgl.resize(size.width, size.height);
        }
        // 5. Return image.
        Ok(image)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-offscreencanvas-converttoblob>
    fn ConvertToBlob(&self, cx: &mut JSContext, options: &ImageEncodeOptions) -> Rc<Promise> {
        let window = self.global();
        let element = &self.element;
        // 1. If the value of this's [[Detached]] internal slot is true, then return a promise
        //    rejected with an "InvalidStateError" DOMException.
        if self.detached.get() {
            return Promise::new_rejected(cx, &window, OffscreenCanvas::detached_error());
        }
        // 2. If this OffscreenCanvas object's context mode is 2d and the rendering context's
        //    output bitmap's origin-clean flag is set to false, then return a promise rejected
        //    with a "SecurityError" DOMException.
        if !element.is_origin_clean() {
            let error = Error::Security("the OffscreenCanvas has been tainted by cross-origin data".into());
            return Promise::new_rejected(cx, &window, error);
        }
        // 3. If this OffscreenCanvas object's bitmap has no pixels (i.e., either its horizontal
        //    dimension or its vertical dimension is zero) then return a promise rejected with
        //    an "IndexSizeError" DOMException.
        if element.has_no_pixels() {
            return Promise::new_rejected(cx, &window, Error::IndexSize("the OffscreenCanvas has no pixels".into()));
        }
        // 4. Let bitmap be a copy of this OffscreenCanvas object's bitmap. 5. Let result be a
        //    new promise object.
        let result = Promise::new(cx, &window);
        let (encoding, mime) = encoding_for(&options.type_.to_string(), options.quality);
        // 6. Run these steps in parallel: 1. Let file be a serialization of bitmap as a file,
        //    with options's type and quality if present. 2. Queue a global task … to: 1. If file
        //    is null, then reject result with an "EncodingError" DOMException. 2. Otherwise,
        //    resolve result with a new Blob object … representing file.
        let promise = result.clone();
        element.encode_in_parallel(encoding, move |cx, file| match file {
            Ok(bytes) => {
                let window = promise.global();
                let blob = Blob::new(cx, &window, bytes, mime.to_owned());
                promise.resolve_native(cx, &blob);
            }
            Err(error) => {
                log::warn!("convertToBlob() encoding failed: {error:?}");
                promise.reject_error(cx, Error::Encoding("the bitmap could not be encoded".into()));
            }
        });
        // 7. Return result.
        result
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#handler-offscreencanvas-oncontextlost>
    fn Oncontextlost(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("contextlost")
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#handler-offscreencanvas-oncontextlost>
    fn SetOncontextlost(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("contextlost", value)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#handler-offscreencanvas-oncontextrestored>
    fn Oncontextrestored(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("contextrestored")
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#handler-offscreencanvas-oncontextrestored>
    fn SetOncontextrestored(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("contextrestored", value)
    }
}

/// The encoding for `convertToBlob()`'s type and quality (see [`ImageEncoding::for_type`]).
fn encoding_for(type_: &str, quality: Option<f64>) -> (ImageEncoding, &'static str) {
    ImageEncoding::for_type(type_, quality)
}

#[dom_struct]
pub struct OffscreenCanvasRenderingContext2D {
    reflector_: Reflector,
    canvas: Dom<OffscreenCanvas>,
    /// The 2D context of the bitmap's element, which every drawing member uses.
    context: Dom<CanvasRenderingContext2D>,
}

impl OffscreenCanvasRenderingContext2DMethods for OffscreenCanvasRenderingContext2D {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-offscreencontext2d-canvas>
    fn Canvas(&self, _cx: &mut JSContext) -> DomRoot<OffscreenCanvas> {
        self.canvas.as_rooted()
    }

    offscreen_2d_delegate!(context);
}

//! `ImageBitmapRenderingContext`, the "bitmaprenderer" context of `<canvas>` and
//! `OffscreenCanvas`
//! (<https://html.spec.whatwg.org/multipage/canvas.html#the-imagebitmaprenderingcontext-interface>).
//!
//! The context's output bitmap is the canvas's bitmap on the canvas thread: "set an
//! ImageBitmapRenderingContext's output bitmap" replaces that bitmap with the ImageBitmap's
//! pixels (one copy into the canvas's premultiplied RGBA, on the canvas thread) or with a blank
//! one, so everything that reads a canvas (`drawImage`, `createImageBitmap`, `toDataURL`,
//! `toBlob`, `captureStream()`, the compositor) reads what the context shows. An OffscreenCanvas
//! keeps its bitmap in an `HTMLCanvasElement` that no document contains (see
//! `offscreencanvas.rs`), so both cases are the same here.

use std::cell::Cell;

use canvas_traits::style::ImagePixels;
use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::ImageBitmapRenderingContextSettings;
use crate::dom::bindings::codegen::ImageBitmapRenderingContextBinding::ImageBitmapRenderingContextMethods;
use crate::dom::bindings::codegen::Unions::HTMLCanvasElementOrOffscreenCanvas;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
use crate::dom::canvas::offscreencanvas::OffscreenCanvas;
use crate::dom::canvas::rendering;
use crate::dom::globalscope::DomGlobal;
use crate::dom::images::imagebitmap::ImageBitmap;

/// <https://html.spec.whatwg.org/multipage/canvas.html#concept-imagebitmaprenderingcontext-bitmap-mode>
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BitmapMode {
    /// The output bitmap came from `transferFromImageBitmap()`.
    Valid,
    /// The output bitmap is the default transparent one.
    Blank,
}

#[dom_struct]
pub struct ImageBitmapRenderingContext {
    reflector_: Reflector,
    /// The element whose bitmap is the output bitmap (the `<canvas>` itself, or the element
    /// holding an OffscreenCanvas's bitmap).
    element: Dom<HTMLCanvasElement>,
    /// The OffscreenCanvas this context is bound to, if it is one (then `canvas` returns it).
    offscreen: MutNullableDom<OffscreenCanvas>,
    #[no_trace]
    bitmap_mode: Cell<BitmapMode>,
    /// <https://html.spec.whatwg.org/multipage/canvas.html#concept-imagebitmaprenderingcontext-alpha>.
    /// FIXME: kept but not applied: Chromium shows `alpha: false` composited over black on
    /// screen while `drawImage()`, `getImageData()` of a copy and encoders read the bitmap
    /// unchanged; Aperture has no screen, so nothing reads the composited form.
    #[no_trace]
    #[allow(dead_code)]
    alpha: bool,
}

impl ImageBitmapRenderingContext {
    /// The ImageBitmapRenderingContext creation algorithm
    /// (<https://html.spec.whatwg.org/multipage/canvas.html#imagebitmaprenderingcontext-creation-algorithm>),
    /// after step 1 (the caller converted `options` to `settings`).
    pub fn new(
        cx: &mut JSContext,
        element: &HTMLCanvasElement,
        offscreen: Option<&OffscreenCanvas>,
        settings: &ImageBitmapRenderingContextSettings,
    ) -> DomRoot<ImageBitmapRenderingContext> {
        // 2. Let context be a new ImageBitmapRenderingContext object.
        // 3. Initialize context's canvas to target.
        // 6. Initialize context's alpha to settings["alpha"].
        let context = ImageBitmapRenderingContext {
            reflector_: Reflector::new(),
            element: Dom::from_ref(element),
            offscreen: MutNullableDom::new(offscreen),
            bitmap_mode: Cell::new(BitmapMode::Blank),
            alpha: settings.alpha,
        };
        let window = element.global();
        reflect_dom_object(cx, Box::new(context), &window)
        // 4–5. (The output bitmap is the target's bitmap; the caller runs "set an
        //      ImageBitmapRenderingContext's output bitmap" with no bitmap once the context is
        //      the canvas's, see `HTMLCanvasElement::set_bitmap_context`.)
    }

    pub fn bitmap_mode(&self) -> BitmapMode {
        self.bitmap_mode.get()
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#set-an-imagebitmaprenderingcontext's-output-bitmap>
    pub fn set_output_bitmap(&self, bitmap: Option<&ImageBitmap>) {
        let element = &self.element;
        match bitmap.and_then(|b| b.frame().map(|frame| (frame, b.origin_clean()))) {
            // 1. If a bitmap argument was not provided, then:
            None => {
                // 1. Set context's bitmap mode to blank.
                self.bitmap_mode.set(BitmapMode::Blank);
                // 2. Let canvas be the canvas element to which context is bound.
                // 3. Set context's output bitmap to be transparent black with a natural width
                //    equal to the numeric value of canvas's width attribute and a natural
                //    height equal to the numeric value of canvas's height attribute, those
                //    values being interpreted in CSS pixels.
                // 4. Set the output bitmap's origin-clean flag to true.
                element.set_output_bitmap(None, true);
            }
            // 2. If a bitmap argument was provided, then:
            Some((frame, origin_clean)) => {
                // 1. Set context's bitmap mode to valid.
                self.bitmap_mode.set(BitmapMode::Valid);
                // 2. Set context's output bitmap to refer to the same underlying bitmap data
                //    as bitmap, without making a copy. (The canvas thread holds it as the
                //    canvas's premultiplied bitmap; see the module comment.) The origin-clean
                //    flag of bitmap is included in the bitmap data.
                element.set_output_bitmap(Some(ImagePixels::from(&frame)), origin_clean);
            }
        }
        rendering::mark_dirty(element);
    }
}

impl ImageBitmapRenderingContextMethods for ImageBitmapRenderingContext {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-imagebitmaprenderingcontext-canvas>
    fn Canvas(&self, _cx: &mut JSContext) -> HTMLCanvasElementOrOffscreenCanvas {
        // The canvas attribute must return the value it was initialized to when the object
        // was created.
        match self.offscreen.get() {
            Some(offscreen) => HTMLCanvasElementOrOffscreenCanvas::OffscreenCanvas(offscreen),
            None => HTMLCanvasElementOrOffscreenCanvas::HTMLCanvasElement(self.element.as_rooted()),
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-imagebitmaprenderingcontext-transferfromimagebitmap>
    fn TransferFromImageBitmap(&self, _cx: &mut JSContext, image_bitmap: Option<&ImageBitmap>) -> Fallible<()> {
        // 1. Let bitmapContext be the ImageBitmapRenderingContext object on which the
        //    transferFromImageBitmap() method was called.
        // 2. If imageBitmap is null, then run the steps to set an ImageBitmapRenderingContext's
        //    output bitmap, with bitmapContext as the context argument and no bitmap argument,
        //    then return.
        let Some(image_bitmap) = image_bitmap else {
            self.set_output_bitmap(None);
            return Ok(());
        };
        // 3. If the value of imageBitmap's [[Detached]] internal slot is set to true, then
        //    throw an "InvalidStateError" DOMException.
        if image_bitmap.is_detached() {
            return Err(Error::InvalidState("The ImageBitmap has been detached.".into()));
        }
        // 4. Run the steps to set an ImageBitmapRenderingContext's output bitmap, with the
        //    context argument equal to bitmapContext, and the bitmap argument referring to
        //    imageBitmap's underlying bitmap data.
        self.set_output_bitmap(Some(image_bitmap));
        // 5. Set the value of imageBitmap's [[Detached]] internal slot to true.
        // 6. Unset imageBitmap's bitmap data.
        image_bitmap.detach();
        Ok(())
    }
}

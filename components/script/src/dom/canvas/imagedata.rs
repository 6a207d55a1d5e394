//! `ImageData` (<https://html.spec.whatwg.org/multipage/canvas.html#imagedata>).
//!
//! `data` is a real `Uint8ClampedArray` object that the ImageData keeps (the
//! one passed to the constructor, not a copy), so writes through it are seen
//! by `putImageData()` and `imageData.data === imageData.data`.

// FIXME(issue 17): some unsafe blocks and `unsafe fn`s of this module still lack their
// `// SAFETY:` comment or `# Safety` section; the lints are allowed here until they are written.
#![allow(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

use base::units::ImageSize;
use canvas_traits::image_data::{image_data_size, image_data_size_from_array};
use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, JSObject};
use mozjs::jsval::ObjectValue;
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleValue};

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::ImageDataSettings;
use crate::dom::bindings::codegen::Enums::PredefinedColorSpace;
use crate::dom::bindings::codegen::ImageDataBinding::ImageDataMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::canvas::canvas_error;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct ImageData {
    reflector_: Reflector,
    #[no_trace]
    width: u32,
    #[no_trace]
    height: u32,
    /// The `Uint8ClampedArray` (set right after the reflector exists, so a
    /// GC while reflecting cannot move it behind our back).
    data: Box<Heap<*mut JSObject>>,
    #[no_trace]
    color_space: PredefinedColorSpace,
}

/// The bytes of a `Uint8ClampedArray` object, or `None` if it is not one.
/// The pointer is valid until the next GC; copy out before allocating.
unsafe fn typed_array_bytes<'a>(array: *mut JSObject) -> Option<&'a mut [u8]> {
    let (mut len, mut shared, mut data) = (0usize, false, std::ptr::null_mut());
    let unwrapped = unsafe { mozjs::jsapi::JS_GetObjectAsUint8ClampedArray(array, &mut len, &mut shared, &mut data) };
    if unwrapped.is_null() {
        return None;
    }
    if data.is_null() || len == 0 {
        return Some(&mut []);
    }
    Some(unsafe { std::slice::from_raw_parts_mut(data, len) })
}

impl ImageData {
    fn new_inherited(size: ImageSize, color_space: PredefinedColorSpace) -> ImageData {
        ImageData {
            reflector_: Reflector::new(),
            width: size.width,
            height: size.height,
            data: Box::new(Heap::default()),
            color_space,
        }
    }

    /// A transparent-black ImageData of `size` (already checked with
    /// `image_data_size`), optionally filled with `bytes` (RGBA, not
    /// premultiplied, `4 × width × height` long).
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        size: ImageSize,
        color_space: PredefinedColorSpace,
        bytes: Option<&[u8]>,
    ) -> Fallible<DomRoot<ImageData>> {
        let image = reflect_dom_object(cx, Box::new(ImageData::new_inherited(size, color_space)), window);
        image.allocate(cx, bytes)?;
        Ok(image)
    }

    /// Creates the pixel array, zeroed or with a copy of `bytes`.
    fn allocate(&self, cx: &mut JSContext, bytes: Option<&[u8]>) -> Fallible<()> {
        let length = self.width as usize * self.height as usize * 4;
        rooted!(&in(cx) let array = unsafe { mozjs::jsapi::JS_NewUint8ClampedArray(cx.raw_cx(), length) });
        if array.get().is_null() {
            crate::dom::bindings::error::clear_pending_exception(cx);
            return Err(Error::Range("out of memory allocating the ImageData".into()));
        }
        if let Some(bytes) = bytes {
            // No allocation between getting the pointer and copying.
            if let Some(target) = unsafe { typed_array_bytes(array.get()) } {
                let n = target.len().min(bytes.len());
                target[..n].copy_from_slice(&bytes[..n]);
            }
        }
        self.data.set(array.get());
        Ok(())
    }

    pub fn size(&self) -> ImageSize {
        ImageSize::new(self.width, self.height)
    }

    /// A copy of the pixels for `putImageData()`, or `None` when the array's
    /// buffer was detached.
    pub fn copy_bytes(&self) -> Option<Vec<u8>> {
        let bytes = unsafe { typed_array_bytes(self.data.get()) }?;
        if bytes.len() != self.width as usize * self.height as usize * 4 {
            return None;
        }
        Some(bytes.to_vec())
    }
    /// The pixels in sRGB, the colour space of every canvas bitmap here: a "display-p3"
    /// ImageData's are converted ("convert … from imageData's colorSpace to the canvas's
    /// color space", <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-putimagedata>);
    /// `None` when the array's buffer was detached.
    pub fn srgb_bytes(&self) -> Option<Vec<u8>> {
        let bytes = self.copy_bytes()?;
        Some(convert_pixels(&bytes, self.color_space, PredefinedColorSpace::Srgb).unwrap_or(bytes))
    }
}

/// The colour-management space of a `PredefinedColorSpace`.
pub fn rgb_space(space: PredefinedColorSpace) -> color_management::RgbSpace {
    match space {
        PredefinedColorSpace::Srgb => color_management::RgbSpace::Srgb,
        PredefinedColorSpace::DisplayP3 => color_management::RgbSpace::DisplayP3,
    }
}

/// Unpremultiplied RGBA `pixels` converted from one predefined colour space to another;
/// `None` when the spaces are the same.
pub fn convert_pixels(pixels: &[u8], from: PredefinedColorSpace, to: PredefinedColorSpace) -> Option<Vec<u8>> {
    color_management::convert_rgba8(pixels, rgb_space(from), rgb_space(to))
}

fn color_space_of(settings: &ImageDataSettings) -> PredefinedColorSpace {
    settings.color_space.unwrap_or(PredefinedColorSpace::Srgb)
}

impl ImageDataMethods for ImageData {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-imagedata>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        sw: u32,
        sh: u32,
        settings: &ImageDataSettings,
    ) -> Fallible<DomRoot<ImageData>> {
        // 1. If one or both of sw and sh are zero, then throw an
        //    "IndexSizeError" DOMException.
        // 2. Initialize this given sw, sh, and settings (a RangeError if the
        //    array cannot be that large).
        let size = image_data_size(sw, sh).map_err(canvas_error)?;
        let image = reflect_dom_object_with_proto(
            cx,
            Box::new(ImageData::new_inherited(size, color_space_of(settings))),
            global,
            proto,
        );
        // 3. Initialize the image data of this to transparent black.
        image.allocate(cx, None)?;
        Ok(image)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-imagedata-with-data>
    fn Constructor_(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        data: HandleObject,
        sw: u32,
        sh: Option<u32>,
        settings: &ImageDataSettings,
    ) -> Fallible<DomRoot<ImageData>> {
        // 1. Let length be the buffer source byte length of data.
        let length = unsafe { typed_array_bytes(data.get()) }.map_or(0, |b| b.len());
        // 2. If length is not a nonzero integral multiple of four, then throw
        //    an "InvalidStateError" DOMException.
        // 3–4. If length / 4 is not an integral multiple of sw, or sh is given
        //    and differs from (length / 4) / sw, throw an "IndexSizeError".
        let size = image_data_size_from_array(length, sw, sh).map_err(canvas_error)?;
        // 5. Initialize this given sw, sh, settings, and source set to data:
        //    the array itself becomes the image data (no copy).
        let image = reflect_dom_object_with_proto(
            cx,
            Box::new(ImageData::new_inherited(size, color_space_of(settings))),
            global,
            proto,
        );
        image.data.set(data.get());
        Ok(image)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-imagedata-width>
    fn Width(&self, _cx: &mut JSContext) -> u32 {
        self.width
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-imagedata-height>
    fn Height(&self, _cx: &mut JSContext) -> u32 {
        self.height
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-imagedata-data>:
    /// the same `Uint8ClampedArray` every time.
    fn Data(&self, _cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(ObjectValue(self.data.get()));
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-imagedata-colorspace>
    fn ColorSpace(&self, _cx: &mut JSContext) -> PredefinedColorSpace {
        self.color_space
    }
}

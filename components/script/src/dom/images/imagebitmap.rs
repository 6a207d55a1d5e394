//! `ImageBitmap` and `createImageBitmap()`
//! (<https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#images-2>).
//!
//! The bitmap data is a `base::VideoFrame` (shared pixels), so a frame from
//! `ImageCapture.grabFrame()` becomes a bitmap without a copy, and the canvas
//! DOM draws it by handing the same frame to the canvas thread
//! ([`ImageBitmap::frame`]).

use std::cell::RefCell;
use std::rc::Rc;

use base::VideoFrame;
use base::units::ImageSize;
use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::ImageBitmapOptions;
use crate::dom::bindings::codegen::Enums::{ColorSpaceConversion, ImageOrientation, ResizeQuality};
use crate::dom::bindings::codegen::ImageBitmapBinding::ImageBitmapMethods;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;
use crate::imaging::{self, Sampling, SourceRect};
use crate::script_runtime::ExternalMemory;

/// `ImageBitmapSource` as the bindings generate it (extended as more sources
/// are supported: add the interface to the typedef in ImageBitmap.webidl and
/// a case in [`bitmap_source_data`]).
pub use crate::dom::bindings::codegen::Unions::HTMLImageElementOrHTMLVideoElementOrHTMLCanvasElementOrImageBitmapOrOffscreenCanvasOrVideoFrameOrBlobOrImageData as ImageBitmapSource;

#[dom_struct]
pub struct ImageBitmap {
    reflector_: Reflector,
    /// The bitmap data; `None` once [[Detached]] (after `close()`).
    #[no_trace]
    bitmap: RefCell<Option<VideoFrame>>,
    /// The bitmap's pixels, counted for the GC while they are held.
    #[no_trace]
    memory: RefCell<Option<ExternalMemory>>,
    /// The origin-clean flag.
    #[no_trace]
    origin_clean: bool,
}

impl ImageBitmap {
    pub fn new_inherited(frame: VideoFrame, origin_clean: bool) -> ImageBitmap {
        let memory = ExternalMemory::new(frame.data.as_slice().len());
        ImageBitmap {
            reflector_: Reflector::new(),
            bitmap: RefCell::new(Some(frame)),
            memory: RefCell::new(Some(memory)),
            origin_clean,
        }
    }

    /// A bitmap holding `frame` (shared, not copied).
    pub fn new(cx: &mut JSContext, window: &Window, frame: VideoFrame, origin_clean: bool) -> DomRoot<ImageBitmap> {
        reflect_dom_object(cx, Box::new(ImageBitmap::new_inherited(frame, origin_clean)), window)
    }

    /// The bitmap data (a cheap handle), or `None` if the bitmap was closed.
    pub fn frame(&self) -> Option<VideoFrame> {
        self.bitmap.borrow().clone()
    }

    /// [[Detached]].
    pub fn is_detached(&self) -> bool {
        self.bitmap.borrow().is_none()
    }

    /// Sets [[Detached]] and unsets the bitmap data (a transfer: `transferFromImageBitmap()`).
    pub fn detach(&self) {
        *self.bitmap.borrow_mut() = None;
        self.memory.borrow_mut().take();
    }

    /// The origin-clean flag (false if the pixels came from another origin).
    pub fn origin_clean(&self) -> bool {
        self.origin_clean
    }
}

impl ImageBitmapMethods for ImageBitmap {
    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-imagebitmap-width>
    fn Width(&self, _cx: &mut JSContext) -> u32 {
        // 1. If this's [[Detached]] internal slot's value is true, then return 0.
        // 2. Return this's width, in CSS pixels.
        self.bitmap.borrow().as_ref().map_or(0, |f| f.size.width)
    }

    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-imagebitmap-height>
    fn Height(&self, _cx: &mut JSContext) -> u32 {
        self.bitmap.borrow().as_ref().map_or(0, |f| f.size.height)
    }

    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-imagebitmap-close>
    fn Close(&self, _cx: &mut JSContext) {
        // 1. Set this's [[Detached]] internal slot value to true.
        // 2. Unset this's bitmap data.
        *self.bitmap.borrow_mut() = None;
        self.memory.borrow_mut().take();
    }
}

/// The `sx, sy, sw, sh` arguments of the second overload.
#[derive(Clone, Copy, Debug)]
pub struct Crop {
    pub sx: i32,
    pub sy: i32,
    pub sw: i32,
    pub sh: i32,
}

/// Where the bitmap data of a source comes from.
enum SourceData {
    /// Available now (a bitmap, a video frame).
    Ready { frame: VideoFrame, origin_clean: bool },
    /// A blob whose bytes (a copy of the encoded file) are decoded in parallel.
    Encoded(Vec<u8>),
}

/// "Check the usability of the image argument" and take its bitmap data
/// (<https://html.spec.whatwg.org/multipage/canvas.html#check-the-usability-of-the-image-argument>).
fn bitmap_source_data(image: &ImageBitmapSource) -> Result<SourceData, Error> {
    match image {
        // ImageBitmap: if image's [[Detached]] internal slot value is set to true, then throw an "InvalidStateError".
        ImageBitmapSource::ImageBitmap(bitmap) => match bitmap.frame() {
            Some(frame) => Ok(SourceData::Ready { frame, origin_clean: bitmap.origin_clean() }),
            None => Err(Error::InvalidState("The ImageBitmap has been closed.".into())),
        },
        ImageBitmapSource::Blob(blob) => Ok(SourceData::Encoded(blob.bytes().to_vec())),
        // ImageData: if image's data attribute value's [[ViewedArrayBuffer]] internal slot is
        // detached, then throw an "InvalidStateError" DOMException. Its pixels are copied
        // ("a copy of image's image data": the page may change the array afterwards).
        ImageBitmapSource::ImageData(data) => match data.srgb_bytes() {
            Some(bytes) => {
                let size = data.size();
                let has_alpha = bytes.chunks_exact(4).any(|p| p[3] != 255);
                Ok(SourceData::Ready {
                    frame: imaging::rgba_frame(size.width, size.height, bytes, has_alpha),
                    origin_clean: true,
                })
            }
            None => Err(Error::InvalidState("The ImageData's buffer is detached.".into())),
        },
        // HTMLImageElement: broken → "InvalidStateError"; not fully decodable → bad (also
        // "InvalidStateError" for createImageBitmap()).
        ImageBitmapSource::HTMLImageElement(image) => match image.frame() {
            Some(_) if !image.is_fully_decodable() => {
                Err(Error::InvalidState("The image element's image is not fully decodable.".into()))
            }
            Some(frame) => Ok(SourceData::Ready { frame, origin_clean: image.is_origin_clean() }),
            None => Err(Error::InvalidState("The image element has no decoded image.".into())),
        },
        // HTMLCanvasElement: if image has either a horizontal or a vertical dimension
        // equal to zero, then throw an "InvalidStateError". Its bitmap is a snapshot
        // shared with the canvas thread (un-premultiplied if it has alpha).
        ImageBitmapSource::HTMLCanvasElement(_) | ImageBitmapSource::OffscreenCanvas(_) => {
            // OffscreenCanvas: the same, on the element holding its bitmap.
            let canvas = match image {
                ImageBitmapSource::OffscreenCanvas(offscreen) => offscreen.bitmap_element(),
                ImageBitmapSource::HTMLCanvasElement(canvas) => canvas.clone(),
                _ => unreachable!("matched above"),
            };
            if canvas.has_no_pixels() {
                return Err(Error::InvalidState("The canvas has no pixels.".into()));
            }
            match canvas_snapshot(&canvas) {
                Some(frame) => Ok(SourceData::Ready { frame, origin_clean: canvas.is_origin_clean() }),
                None => Err(Error::InvalidState("The canvas bitmap is not available.".into())),
            }
        }
        // VideoFrame: a closed frame is InvalidStateError; the bitmap is the frame as rendered.
        ImageBitmapSource::VideoFrame(frame) => match frame.data() {
            Some(data) => Ok(SourceData::Ready { frame: data.rendered(), origin_clean: true }),
            None => Err(Error::InvalidState("The VideoFrame is closed.".into())),
        },
        // HTMLVideoElement: if image's readyState attribute is either HAVE_NOTHING or
        // HAVE_METADATA, then return bad.
        ImageBitmapSource::HTMLVideoElement(video) => match video.current_frame() {
            Some(frame) => Ok(SourceData::Ready { frame, origin_clean: video.is_origin_clean() }),
            None => Err(Error::InvalidState("The video has no frame yet.".into())),
        },
    }
}

/// The bitmap of `canvas` as painted now (drawing commands still batched included), shared with
/// the canvas thread's snapshot (un-premultiplied if it has alpha); `None` if it has no bitmap.
pub fn canvas_snapshot(canvas: &crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement) -> Option<VideoFrame> {
    canvas.ensure_bitmap();
    let id = canvas.canvas_id();
    let snapshot = crate::dom::canvas::rendering::round_trip(|reply| canvas_traits::command::CanvasCommand::Snapshot {
        canvas: id,
        reply,
    });
    match snapshot {
        Some(Ok(Some(pixels))) => Some(crate::imaging::frame_from_pixels(&pixels)),
        _ => None,
    }
}

/// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-createimagebitmap>
pub fn create_image_bitmap(
    cx: &mut JSContext,
    window: &Window,
    image: ImageBitmapSource,
    crop: Option<Crop>,
    options: &ImageBitmapOptions,
) -> Rc<Promise> {
    // 1. If either sw or sh is given and is 0, then return a promise rejected with a RangeError.
    if let Some(c) = crop
        && (c.sw == 0 || c.sh == 0)
    {
        let which = if c.sw == 0 { "width" } else { "height" };
        return Promise::new_rejected(cx, window, Error::Range(format!("The crop rect {which} is 0.")));
    }
    // 2. If either options's resizeWidth or options's resizeHeight is present and is 0, then
    //    return a promise rejected with an "InvalidStateError" DOMException.
    if options.resize_width == Some(0) || options.resize_height == Some(0) {
        return Promise::new_rejected(cx, window, Error::InvalidState("The resize width or height is 0.".into()));
    }
    // 3. Check the usability of the image argument. If this throws an exception or returns bad,
    //    then return a promise rejected with an "InvalidStateError" DOMException.
    let data = match bitmap_source_data(&image) {
        Ok(d) => d,
        Err(e) => return Promise::new_rejected(cx, window, e),
    };
    // 4. Let p be a new promise.
    let promise = Promise::new(cx, window);
    let format = Formatting::from_options(crop, options);
    // 5.–6. Switch on image.
    match data {
        SourceData::Ready { frame, origin_clean } => {
            // Set imageBitmap's bitmap data to a copy of image's bitmap data, cropped to the
            // source rectangle with formatting; queue a global task to resolve p with imageBitmap.
            let result = format.apply(&frame);
            let p = promise.clone();
            crate::script_thread::queue_task(Box::new(move |cx| settle(cx, &p, result, origin_clean)));
        }
        SourceData::Encoded(bytes) => {
            // Blob: run these steps in parallel: read image's data, decode it, and queue a
            // global task to settle p.
            let p = promise.clone();
            crate::parallel::in_parallel(
                "ImageDecoder",
                move || {
                    imaging::decode_complete(&bytes, format.convert_colors)
                        .map_err(|e| format!("The source image could not be decoded: {e}"))
                        .and_then(|f| format.apply(&f))
                },
                move |cx, result| {
                    // If imageData is not in a supported image file format, or is corrupted
                    // → reject p with an "InvalidStateError" DOMException.
                    let result = result.unwrap_or_else(|| Err("The image decoder failed.".into()));
                    settle(cx, &p, result, true)
                },
            );
        }
    }
    promise
}

fn settle(cx: &mut JSContext, promise: &Promise, result: Result<VideoFrame, String>, origin_clean: bool) {
    match result {
        Ok(frame) => {
            let bitmap = ImageBitmap::new(cx, &promise.global(), frame, origin_clean);
            promise.resolve_native(cx, &bitmap);
        }
        Err(message) => promise.reject_error(cx, Error::InvalidState(message)),
    }
}

/// The parameters of "cropped to the source rectangle with formatting".
#[derive(Clone, Copy, Debug)]
struct Formatting {
    crop: Option<Crop>,
    resize_width: Option<u32>,
    resize_height: Option<u32>,
    sampling: Sampling,
    flip_y: bool,
    /// `colorSpaceConversion` is not "none": a decoded image's embedded profile applies.
    convert_colors: bool,
}

impl Formatting {
    fn from_options(crop: Option<Crop>, options: &ImageBitmapOptions) -> Formatting {
        Formatting {
            crop,
            resize_width: options.resize_width,
            resize_height: options.resize_height,
            sampling: if options.resize_quality == ResizeQuality::Pixelated {
                Sampling::Nearest
            } else {
                Sampling::Bilinear
            },
            // "from-image" (and Chromium's legacy "none"): the image as decoded, which applies its
            // EXIF orientation (`imaging::decode`); "flipY" flips that vertically.
            flip_y: options.image_orientation == ImageOrientation::FlipY,
            // premultiplyAlpha changes nothing observable here: bitmaps keep unpremultiplied
            // pixels and 2D drawing gives the same result either way. colorSpaceConversion
            // "none" keeps a Blob's samples as stored (an <img> was decoded colour-managed).
            convert_colors: options.color_space_conversion != ColorSpaceConversion::None,
        }
    }

    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#cropped-to-the-source-rectangle-with-formatting>
    fn apply(&self, frame: &VideoFrame) -> Result<VideoFrame, String> {
        // 1. If sx, sy, sw and sh are specified, let sourceRectangle be the rectangle whose
        //    corners are the four points (sx, sy), (sx+sw, sy), (sx+sw, sy+sh), (sx, sy+sh);
        //    otherwise the whole input.
        let rect = match self.crop {
            Some(c) => {
                let (x0, x1) = (c.sx as i64, c.sx as i64 + c.sw as i64);
                let (y0, y1) = (c.sy as i64, c.sy as i64 + c.sh as i64);
                let (w, h) = ((x1 - x0).unsigned_abs(), (y1 - y0).unsigned_abs());
                if w > imaging::MAX_SIDE as u64 || h > imaging::MAX_SIDE as u64 {
                    return Err("The crop rectangle is too large.".into());
                }
                SourceRect { x: x0.min(x1), y: y0.min(y1), width: w as u32, height: h as u32 }
            }
            None => SourceRect { x: 0, y: 0, width: frame.size.width, height: frame.size.height },
        };
        // 2.–3. The output size: resizeWidth/resizeHeight, the missing one keeping the aspect
        //    ratio (rounded up), else the source rectangle's size.
        let scaled = |given: Option<u32>, other_given: Option<u32>, own: u32, other: u32| -> u64 {
            match (given, other_given) {
                (Some(v), _) => v as u64,
                (None, Some(o)) => (own as u64 * o as u64).div_ceil(other.max(1) as u64),
                (None, None) => own as u64,
            }
        };
        let ow = scaled(self.resize_width, self.resize_height, rect.width, rect.height);
        let oh = scaled(self.resize_height, self.resize_width, rect.height, rect.width);
        if ow == 0 || oh == 0 || ow > imaging::MAX_SIDE as u64 || oh > imaging::MAX_SIDE as u64 {
            return Err(format!("The ImageBitmap could not be allocated ({ow}x{oh})."));
        }
        // 4.–7. Place the input on a transparent black plane, take sourceRectangle, scale it to
        //    the output size with the resize quality, and flip it if imageOrientation is "flipY".
        Ok(imaging::crop_scale_flip(frame, rect, ImageSize::new(ow as u32, oh as u32), self.sampling, self.flip_y))
    }
}

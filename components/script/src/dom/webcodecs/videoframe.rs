//! `VideoFrame` (<https://w3c.github.io/webcodecs/#videoframe-interface>): a frame of pixels a
//! page can make from an image source or a buffer, read back (`copyTo()`), draw
//! (`drawImage()`, `createImageBitmap()`), post to a worker, and read from or write to a
//! `MediaStreamTrack` (`MediaStreamTrackProcessor`, `MediaStreamTrackGenerator`).
//!
//! The pixels are a [`Resource`] over shared bytes: a frame made from a canvas, an ImageBitmap,
//! a video or a camera track shares its pixels, and `clone()`, serialization and a track's
//! frames never copy them. The arithmetic is DOM-free, in [`super::pixels`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use base::units::ImageSize;
use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::{
    DOMRectInit, PlaneLayout, VideoFrameBufferInit, VideoFrameCopyToOptions, VideoFrameInit, VideoFrameMetadata,
};
use crate::dom::bindings::codegen::Enums::{AlphaOption, VideoPixelFormat};
use crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBuffer;
use crate::dom::bindings::codegen::VideoFrameBinding::VideoFrameMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::canvas::canvasrenderingcontext2d::CanvasImageSource;
use crate::dom::geometry::domrect::DOMRectReadOnly;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::webcodecs::pixels::{
    self, CombinedLayout, Format, RectF, Resource, add_rotations, compute_layout, parse_rotation, parse_visible_rect,
};
use crate::dom::webcodecs::videocolorspace::{ColorSpaceData, VideoColorSpace};

/// Everything a frame holds besides its reflector, as plain data: what `clone()` copies, what
/// structured serialization carries to another thread, and what a track's frames are made of.
#[derive(Clone, Debug)]
pub struct FrameData {
    /// [[resource reference]]
    pub resource: Resource,
    /// [[format]] (null when the resource's format has no VideoPixelFormat).
    pub format: Option<Format>,
    /// [[visible left]], [[visible top]], [[visible width]], [[visible height]].
    pub visible: (u32, u32, u32, u32),
    /// [[rotation]] (0, 90, 180 or 270) and [[flip]].
    pub rotation: u32,
    pub flip: bool,
    /// [[display width]], [[display height]].
    pub display: (u32, u32),
    /// [[timestamp]] and [[duration]], in microseconds.
    pub timestamp: i64,
    pub duration: Option<u64>,
    /// [[color space]].
    pub color: ColorSpaceData,
}

impl FrameData {
    /// A frame of a track or an image source: the whole of `frame`, shared.
    pub fn from_video_frame(frame: &base::VideoFrame, timestamp: i64, duration: Option<u64>) -> FrameData {
        let resource = Resource::from_video_frame(frame);
        let (w, h) = (frame.size.width, frame.size.height);
        FrameData {
            format: Some(resource.format),
            resource,
            visible: (0, 0, w, h),
            rotation: 0,
            flip: false,
            display: (w, h),
            timestamp,
            duration,
            color: ColorSpaceData::SRGB,
        }
    }

    /// The frame as rendered (<https://w3c.github.io/webcodecs/#videoframe-rendering>): converted
    /// to RGBA/BGRA, cropped to the visible rectangle, rotated, flipped, and scaled to the display
    /// size. Shared with the resource when nothing changes.
    pub fn rendered(&self) -> base::VideoFrame {
        let timestamp = Duration::from_micros(self.timestamp.max(0) as u64);
        let frame = self.resource.to_video_frame(self.visible, self.color.yuv_matrix(), timestamp);
        let frame = pixels::rotate_and_flip(&frame, self.rotation, self.flip);
        let (dw, dh) = self.display;
        if (dw, dh) == (frame.size.width, frame.size.height) || dw == 0 || dh == 0 {
            return frame;
        }
        let rect = crate::imaging::SourceRect { x: 0, y: 0, width: frame.size.width, height: frame.size.height };
        crate::imaging::crop_scale_flip(&frame, rect, ImageSize::new(dw, dh), crate::imaging::Sampling::Bilinear, false)
    }

    fn visible_rect(&self) -> RectF {
        let (x, y, w, h) = self.visible;
        RectF::new(x as f64, y as f64, w as f64, h as f64)
    }

    /// "Parse VideoFrameCopyToOptions" (<https://w3c.github.io/webcodecs/#videoframe-parse-videoframecopytooptions>).
    fn parse_copy_options(&self, options: &VideoFrameCopyToOptions) -> Fallible<(CombinedLayout, Format)> {
        // 1–5. The rect: the visible rectangle, or options.rect checked against the coded size.
        let override_rect = options.rect.as_ref().map(rect_from_init);
        let rect = parse_visible_rect(
            self.visible_rect(),
            override_rect,
            self.resource.coded_width,
            self.resource.coded_height,
            self.format,
        )
        .map_err(Error::Type)?;
        // 6–7. The page's layout, if any.
        let layout: Option<Vec<(u32, u32)>> =
            options.layout.as_ref().map(|l| l.iter().map(|p| (p.offset, p.stride)).collect());
        // 8–10. The format: the frame's, or one of RGBA, RGBX, BGRA, BGRX; another is
        //       NotSupportedError.
        let format = match options.format {
            None => self.format.ok_or_else(|| Error::NotSupported("The frame's format is not readable.".into()))?,
            Some(f) => match Format::from_name(f.as_str()) {
                Some(format) if format.is_rgb() => format,
                _ => return Err(Error::NotSupported(format!("copyTo() cannot convert to {}.", f.as_str()))),
            },
        };
        // 11. Compute Layout and Allocation Size.
        let combined = compute_layout(&rect, format, layout.as_deref()).map_err(Error::Type)?;
        Ok((combined, format))
    }

    /// "Convert to RGB frame" (<https://w3c.github.io/webcodecs/#videoframe-convert-to-rgb-frame>):
    /// the visible rectangle in `format` (RGBA, RGBX, BGRA or BGRX), in sRGB.
    fn to_rgb_frame(&self, format: Format) -> FrameData {
        let (_, _, w, h) = self.visible;
        let mut rgba = self.resource.to_rgba(self.visible, self.color.yuv_matrix());
        let bgr = format.name().starts_with('B');
        for px in rgba.chunks_exact_mut(4) {
            if bgr {
                px.swap(0, 2);
            }
            if !format.has_alpha() {
                px[3] = 255;
            }
        }
        let resource = Resource {
            format,
            coded_width: w,
            coded_height: h,
            planes: vec![pixels::PlaneData { data: base::FrameBytes::new(rgba), offset: 0, stride: w as usize * 4 }],
        };
        FrameData {
            resource,
            format: Some(format),
            visible: (0, 0, w, h),
            rotation: 0,
            flip: false,
            display: (w, h),
            timestamp: self.timestamp,
            duration: self.duration,
            color: ColorSpaceData::SRGB,
        }
    }
}

fn rect_from_init(r: &DOMRectInit) -> RectF {
    RectF::new(r.x, r.y, r.width, r.height)
}

#[dom_struct]
pub struct VideoFrame {
    reflector_: Reflector,
    /// The frame; `None` once [[Detached]] (closed, transferred or written to a track).
    #[no_trace]
    data: RefCell<Option<FrameData>>,
    /// The frame's pixels, counted for the GC while they are held.
    #[no_trace]
    memory: RefCell<Option<crate::script_runtime::ExternalMemory>>,
    /// [[timestamp]] and [[duration]] survive "Close VideoFrame".
    timestamp: Cell<i64>,
    #[no_trace]
    duration: Cell<Option<u64>>,
    /// [[color space]] as an object, made at the first `colorSpace` get.
    color_space: MutNullableDom<VideoColorSpace>,
    #[no_trace]
    color: ColorSpaceData,
}

impl VideoFrame {
    fn new_inherited(data: FrameData) -> VideoFrame {
        VideoFrame {
            reflector_: Reflector::new(),
            timestamp: Cell::new(data.timestamp),
            duration: Cell::new(data.duration),
            color: data.color,
            memory: RefCell::new(Some(crate::script_runtime::ExternalMemory::new(data.resource.byte_size()))),
            data: RefCell::new(Some(data)),
            color_space: MutNullableDom::new(None),
        }
    }

    /// A new frame holding `data` (a track's frame, a clone, a deserialized frame).
    pub fn new(cx: &mut JSContext, window: &Window, data: FrameData) -> DomRoot<VideoFrame> {
        reflect_dom_object(cx, Box::new(VideoFrame::new_inherited(data)), window)
    }

    /// The frame's data (a cheap handle), or `None` once detached.
    pub fn data(&self) -> Option<FrameData> {
        self.data.borrow().clone()
    }

    /// [[Detached]].
    pub fn is_detached(&self) -> bool {
        self.data.borrow().is_none()
    }

    /// "Close VideoFrame" (<https://w3c.github.io/webcodecs/#close-videoframe>): the resource
    /// reference is dropped and every size becomes 0; the timestamp and duration stay.
    pub fn close_frame(&self) {
        self.data.borrow_mut().take();
        self.memory.borrow_mut().take();
    }

    fn with<R>(&self, default: R, f: impl FnOnce(&FrameData) -> R) -> R {
        self.data.borrow().as_ref().map_or(default, f)
    }
}

/// The bitmap of an image source, its origin-clean flag and (width, height), after "check the
/// usability of the image argument" (an exception or "bad" both become InvalidStateError).
fn image_source_bitmap(image: &CanvasImageSource) -> Fallible<(base::VideoFrame, bool)> {
    use crate::dom::canvas::canvasrenderingcontext2d::UsableImage;
    let bad = || Error::InvalidState("The image source is not usable (broken, not loaded, empty or closed).".into());
    let usable = crate::dom::canvas::canvasrenderingcontext2d::CanvasRenderingContext2D::check_usability(image)
        .map_err(|_| bad())?
        .ok_or_else(bad)?;
    match usable {
        UsableImage::Pixels { pixels, origin_clean } => Ok((crate::imaging::frame_from_pixels(&pixels), origin_clean)),
        UsableImage::Canvas(canvas) => {
            let origin_clean = canvas.is_origin_clean();
            let mut frame = crate::dom::images::imagebitmap::canvas_snapshot(&canvas).ok_or_else(bad)?;
            // The format follows the context's alpha setting, not the content (as in Chromium,
            // whose frames of a canvas are BGRA unless the context is `alpha: false`).
            frame.has_alpha = !canvas.is_opaque();
            Ok((frame, origin_clean))
        }
    }
}

/// "Validate VideoFrameInit" (<https://w3c.github.io/webcodecs/#validate-videoframeinit>).
fn validate_init(init: &VideoFrameInit, format: Option<Format>, coded_width: u32, coded_height: u32) -> bool {
    // 1. If visibleRect exists: aligned, not negative or infinite, not empty, inside the coded size.
    if let Some(r) = &init.visible_rect {
        let rect = rect_from_init(r);
        if !pixels::verify_rect_offset_alignment(format, &rect)
            || rect.is_negative_or_not_finite()
            || rect.width == 0.0
            || rect.height == 0.0
            || rect.y + rect.height > coded_height as f64
            || rect.x + rect.width > coded_width as f64
        {
            return false;
        }
    }
    // 2. If codedWidth = 0 or codedHeight = 0, return false.
    if coded_width == 0 || coded_height == 0 {
        return false;
    }
    // 3–4. displayWidth and displayHeight come together and are not 0.
    if init.display_width.is_some() != init.display_height.is_some() {
        return false;
    }
    !(init.display_width == Some(0) || init.display_height == Some(0))
}

/// "Initialize Visible Rect, Orientation, and Display Size"
/// (<https://w3c.github.io/webcodecs/#videoframe-initialize-visible-rect-orientation-and-display-size>).
fn initialize_visible_rect(
    init: &VideoFrameInit,
    data: &mut FrameData,
    default_visible: RectF,
    base_rotation: u32,
    base_flip: bool,
    default_display: (u32, u32),
) -> Fallible<()> {
    // 1–2. visibleRect: the default, or init's (no negative or non-finite member).
    let mut visible = default_visible;
    if let Some(r) = &init.visible_rect {
        let rect = rect_from_init(r);
        if rect.is_negative_or_not_finite() {
            return Err(Error::Type("visibleRect has a negative or non-finite member.".into()));
        }
        visible = rect;
    }
    // 3. Assign it to the visible slots.
    let (x, y, w, h) = visible.truncated();
    data.visible = (x, y, w, h);
    // 4–6. Rotation and flip, combined with the base orientation.
    let rotation = parse_rotation(*init.rotation);
    data.rotation = add_rotations(base_rotation, base_flip, rotation);
    data.flip = base_flip != init.flip;
    // 7–8. The display size: init's, or the default display size scaled like the visible rect.
    if let (Some(dw), Some(dh)) = (init.display_width, init.display_height) {
        data.display = (dw, dh);
    } else {
        let (ddw, ddh) = (default_display.0 as f64, default_display.1 as f64);
        let (width_scale, height_scale) = if base_rotation == 0 || base_rotation == 180 {
            (ddw / default_visible.width, ddh / default_visible.height)
        } else {
            (ddh / default_visible.width, ddw / default_visible.height)
        };
        let display_width = (w as f64 * width_scale).round() as u32;
        let display_height = (h as f64 * height_scale).round() as u32;
        data.display = if rotation == 0 || rotation == 180 {
            (display_width, display_height)
        } else {
            (display_height, display_width)
        };
    }
    Ok(())
}

/// "Initialize Frame From Other Frame"
/// (<https://w3c.github.io/webcodecs/#videoframe-initialize-frame-from-other-frame>).
fn frame_from_other(init: &VideoFrameInit, other: &FrameData) -> Fallible<FrameData> {
    // 1–2. The format, made opaque if init.alpha is "discard".
    let format = match init.alpha {
        AlphaOption::Discard => other.format.map(Format::opaque),
        AlphaOption::Keep => other.format,
    };
    // 3–4. Validate VideoFrameInit against the other frame's coded size.
    if !validate_init(init, format, other.resource.coded_width, other.resource.coded_height) {
        return Err(Error::Type("The VideoFrameInit is not valid for this frame.".into()));
    }
    // 5–7. The same resource; coded size and colour space from the other frame.
    let mut data = other.clone();
    // 8–11. Visible rect, orientation and display size from the other frame's.
    initialize_visible_rect(init, &mut data, other.visible_rect(), other.rotation, other.flip, other.display)?;
    // 12–13. Duration and timestamp: init's, else the other frame's.
    data.duration = init.duration.or(other.duration);
    data.timestamp = init.timestamp.unwrap_or(other.timestamp);
    // 14. The format.
    data.format = format;
    Ok(data)
}

/// "Initialize Frame With Resource"
/// (<https://w3c.github.io/webcodecs/#videoframe-initialize-frame-with-resource>) for a bitmap
/// of an image source: the whole bitmap, no base rotation, the bitmap's size as display size.
fn frame_with_bitmap(init: &VideoFrameInit, bitmap: &base::VideoFrame, timestamp: i64) -> Fallible<FrameData> {
    let (w, h) = (bitmap.size.width, bitmap.size.height);
    // 3. "A new media resource containing a copy of image's bitmap data", in BGRA order.
    let mut data = FrameData::from_video_frame(&pixels::to_bgra(bitmap), timestamp, init.duration);
    // 3–4. Validate VideoFrameInit with the resource's format and size.
    if !validate_init(init, data.format, w, h) {
        return Err(Error::Type("The VideoFrameInit is not valid for this image.".into()));
    }
    // 6–7. The format, made opaque if init.alpha is "discard".
    if init.alpha == AlphaOption::Discard {
        data.format = data.format.map(Format::opaque);
        data.resource.format = data.resource.format.opaque();
    }
    // 9–10. Visible rect, orientation and display size.
    initialize_visible_rect(init, &mut data, RectF::new(0.0, 0.0, w as f64, h as f64), 0, false, (w, h))?;
    // 13. The colour space of an image's pixels: sRGB.
    Ok(data)
}

impl VideoFrameMethods for VideoFrame {
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-videoframe>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        image: CanvasImageSource,
        init: &VideoFrameInit,
    ) -> Fallible<DomRoot<VideoFrame>> {
        let data = match &image {
            // VideoFrame: "Initialize Frame From Other Frame" (a closed frame is not usable).
            CanvasImageSource::VideoFrame(other) => {
                let other =
                    other.data().ok_or_else(|| Error::InvalidState("The source VideoFrame is closed.".into()))?;
                frame_from_other(init, &other)?
            }
            // HTMLVideoElement: NETWORK_EMPTY is InvalidStateError; the frame at the current
            // playback position is the other frame (its timestamp the current position).
            CanvasImageSource::HTMLVideoElement(video) => {
                use crate::dom::bindings::codegen::HTMLMediaElementBinding::HTMLMediaElementMethods;
                use crate::dom::bindings::inheritance::Castable;
                use crate::dom::html::htmlmediaelement::HTMLMediaElement;
                let media = video.upcast::<HTMLMediaElement>();
                if media.NetworkState(cx) == 0 {
                    return Err(Error::InvalidState("The video has no media (NETWORK_EMPTY).".into()));
                }
                let (bitmap, origin_clean) = image_source_bitmap(&image)?;
                if !origin_clean {
                    return Err(Error::Security("The video is not origin-clean.".into()));
                }
                let position = media.CurrentTime(cx);
                let other = FrameData::from_video_frame(&bitmap, (*position * 1e6).round() as i64, None);
                frame_from_other(init, &other)?
            }
            // Images, canvases, ImageBitmaps, OffscreenCanvases: a timestamp is required.
            _ => {
                // 1. Check the usability of the image argument (InvalidStateError).
                let (bitmap, origin_clean) = image_source_bitmap(&image)?;
                // 2. If image is not origin-clean, then throw a SecurityError.
                if !origin_clean {
                    return Err(Error::Security("The image source is not origin-clean.".into()));
                }
                // "If timestamp does not exist in init, throw a TypeError."
                let Some(timestamp) = init.timestamp else {
                    return Err(Error::Type("VideoFrameInit.timestamp is required for this image source.".into()));
                };
                frame_with_bitmap(init, &bitmap, timestamp)?
            }
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(VideoFrame::new_inherited(data)), global, proto))
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoframe-videoframe-data-init>
    fn Constructor_(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        data: ArrayBufferViewOrArrayBuffer,
        init: &VideoFrameBufferInit,
    ) -> Fallible<DomRoot<VideoFrame>> {
        let bytes: &[u8] = match &data {
            ArrayBufferViewOrArrayBuffer::ArrayBufferView(v) => &v.0,
            ArrayBufferViewOrArrayBuffer::ArrayBuffer(b) => &b.0,
        };
        let format = Format::from_name(init.format.as_str())
            .ok_or_else(|| Error::NotSupported(format!("{} is not supported.", init.format.as_str())))?;
        let (coded_width, coded_height) = (init.coded_width, init.coded_height);
        // 1. If init is not a valid VideoFrameBufferInit, throw a TypeError.
        if coded_width == 0 || coded_height == 0 {
            return Err(Error::Type("codedWidth and codedHeight must not be 0.".into()));
        }
        if let Some(r) = &init.visible_rect {
            let rect = rect_from_init(r);
            if rect.is_negative_or_not_finite()
                || rect.y + rect.height > coded_height as f64
                || rect.x + rect.width > coded_width as f64
            {
                return Err(Error::Type("visibleRect is not inside the coded size.".into()));
            }
        }
        if init.display_width.is_some() != init.display_height.is_some() {
            return Err(Error::Type("displayWidth and displayHeight must be given together.".into()));
        }
        if init.display_width == Some(0) || init.display_height == Some(0) {
            return Err(Error::Type("displayWidth and displayHeight must not be 0.".into()));
        }
        // 2–6. Parse Visible Rect with the coded size as default.
        let default = RectF::new(0.0, 0.0, coded_width as f64, coded_height as f64);
        let rect = parse_visible_rect(
            default,
            init.visible_rect.as_ref().map(rect_from_init),
            coded_width,
            coded_height,
            Some(format),
        )
        .map_err(Error::Type)?;
        // 7–10. Compute Layout and Allocation Size with the page's layout.
        let layout: Option<Vec<(u32, u32)>> =
            init.layout.as_ref().map(|l| l.iter().map(|p: &PlaneLayout| (p.offset, p.stride)).collect());
        let combined = compute_layout(&rect, format, layout.as_deref()).map_err(Error::Type)?;
        // 11. If data.byteLength is less than the allocation size, throw a TypeError.
        if (bytes.len() as u64) < combined.allocation_size as u64 {
            return Err(Error::Type(format!(
                "The data holds {} bytes; the layout needs {}.",
                bytes.len(),
                combined.allocation_size
            )));
        }
        // 15. A new media resource containing a copy of data (the visible rectangle at its place).
        let resource = Resource::copy_from_buffer(bytes, format, coded_width, coded_height, &combined);
        // 21. The frame's slots.
        let (vx, vy, vw, vh) = rect.truncated();
        let rotation = parse_rotation(*init.rotation);
        let display = match (init.display_width, init.display_height) {
            (Some(w), Some(h)) => (w, h),
            _ if rotation == 0 || rotation == 180 => (vw, vh),
            _ => (vh, vw),
        };
        // "Pick Color Space": init's, else sRGB for an RGB format, else REC709.
        let color = match &init.color_space {
            Some(c) => crate::dom::webcodecs::videocolorspace::ColorSpaceData::from_init(c),
            None if format.is_rgb() => ColorSpaceData::SRGB,
            None => ColorSpaceData::REC709,
        };
        let frame = FrameData {
            resource,
            format: Some(format),
            visible: (vx, vy, vw, vh),
            rotation,
            flip: init.flip,
            display,
            timestamp: init.timestamp,
            duration: init.duration,
            color,
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(VideoFrame::new_inherited(frame)), global, proto))
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoframe-format>
    fn Format(&self, _cx: &mut JSContext) -> Option<VideoPixelFormat> {
        self.with(None, |d| d.format.and_then(|f| VideoPixelFormat::from_idl(f.name())))
    }
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-codedwidth>
    fn CodedWidth(&self, _cx: &mut JSContext) -> u32 {
        self.with(0, |d| d.resource.coded_width)
    }
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-codedheight>
    fn CodedHeight(&self, _cx: &mut JSContext) -> u32 {
        self.with(0, |d| d.resource.coded_height)
    }
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-codedrect>
    fn CodedRect(&self, cx: &mut JSContext) -> Option<DomRoot<DOMRectReadOnly>> {
        // 1. If [[Detached]] is true, return null. 2–3. (0, 0, coded width, coded height).
        let (w, h) = self.with(None, |d| Some((d.resource.coded_width, d.resource.coded_height)))?;
        Some(DOMRectReadOnly::new(cx, &self.global(), 0.0, 0.0, w as f64, h as f64))
    }
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-visiblerect>
    fn VisibleRect(&self, cx: &mut JSContext) -> Option<DomRoot<DOMRectReadOnly>> {
        let (x, y, w, h) = self.with(None, |d| Some(d.visible))?;
        Some(DOMRectReadOnly::new(cx, &self.global(), x as f64, y as f64, w as f64, h as f64))
    }
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-rotation>
    fn Rotation(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.with(0.0, |d| d.rotation as f64))
    }
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-flip>
    fn Flip(&self, _cx: &mut JSContext) -> bool {
        self.with(false, |d| d.flip)
    }
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-displaywidth>
    fn DisplayWidth(&self, _cx: &mut JSContext) -> u32 {
        self.with(0, |d| d.display.0)
    }
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-displayheight>
    fn DisplayHeight(&self, _cx: &mut JSContext) -> u32 {
        self.with(0, |d| d.display.1)
    }
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-duration>
    fn Duration(&self, _cx: &mut JSContext) -> Option<u64> {
        self.duration.get()
    }
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-timestamp>
    fn Timestamp(&self, _cx: &mut JSContext) -> i64 {
        self.timestamp.get()
    }
    /// <https://w3c.github.io/webcodecs/#dom-videoframe-colorspace>
    fn ColorSpace(&self, cx: &mut JSContext) -> DomRoot<VideoColorSpace> {
        if let Some(space) = self.color_space.get() {
            return space;
        }
        let space = VideoColorSpace::new(cx, &self.global(), self.color);
        self.color_space.set(Some(&space));
        space
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoframe-metadata>
    fn Metadata(&self, _cx: &mut JSContext) -> Fallible<VideoFrameMetadata> {
        // 1. If [[Detached]] is true, throw an InvalidStateError.
        if self.is_detached() {
            return Err(Error::InvalidState("The VideoFrame is closed.".into()));
        }
        // 2. A copy of [[metadata]] (no registry member is produced: empty).
        Ok(VideoFrameMetadata {})
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoframe-allocationsize>
    fn AllocationSize(&self, _cx: &mut JSContext, options: &VideoFrameCopyToOptions) -> Fallible<u32> {
        // 1. If [[Detached]] is true, throw an InvalidStateError.
        let Some(data) = self.data() else {
            return Err(Error::InvalidState("The VideoFrame is closed.".into()));
        };
        // 2. If [[format]] is null, throw a NotSupportedError.
        if data.format.is_none() {
            return Err(Error::NotSupported("The frame's format is not readable.".into()));
        }
        // 3–5. Parse VideoFrameCopyToOptions; return its allocation size.
        Ok(data.parse_copy_options(options)?.0.allocation_size)
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoframe-copyto>
    fn CopyTo(&self, cx: &mut JSContext, destination: HandleObject, options: &VideoFrameCopyToOptions) -> Rc<Promise> {
        let global = self.global();
        // 1. If [[Detached]] is true, return a promise rejected with an InvalidStateError.
        let Some(data) = self.data() else {
            return Promise::new_rejected(cx, &global, Error::InvalidState("The VideoFrame is closed.".into()));
        };
        // 2. If [[format]] is null, return a promise rejected with a NotSupportedError.
        if data.format.is_none() {
            return Promise::new_rejected(
                cx,
                &global,
                Error::NotSupported("The frame's format is not readable.".into()),
            );
        }
        // 3–4. Parse VideoFrameCopyToOptions.
        let (combined, format) = match data.parse_copy_options(options) {
            Ok(parsed) => parsed,
            Err(e) => return Promise::new_rejected(cx, &global, e),
        };
        // 6. An RGB format other than the frame's: copy from the converted frame.
        let source = if options.format.is_some() && Some(format) != data.format {
            let rgb = data.to_rgb_frame(format);
            // The converted frame's visible rect starts at (0, 0): shift the computed layout.
            let shifted = match options.rect.as_ref() {
                Some(r) => RectF::new(r.x - data.visible.0 as f64, r.y - data.visible.1 as f64, r.width, r.height),
                None => rgb.visible_rect(),
            };
            let layout: Option<Vec<(u32, u32)>> =
                options.layout.as_ref().map(|l| l.iter().map(|p| (p.offset, p.stride)).collect());
            match compute_layout(&shifted, format, layout.as_deref()) {
                Ok(c) => (rgb.resource, c),
                Err(m) => return Promise::new_rejected(cx, &global, Error::Type(m)),
            }
        } else {
            (data.resource.clone(), combined.clone())
        };
        // 5. If destination.byteLength is less than the allocation size, reject with a TypeError.
        let Some(length) = crate::dom::bindings::conversions::buffer_source_length(destination) else {
            return Promise::new_rejected(
                cx,
                &global,
                Error::Type("copyTo()'s destination is not an ArrayBuffer or an ArrayBufferView.".into()),
            );
        };
        if length < combined.allocation_size as usize {
            return Promise::new_rejected(
                cx,
                &global,
                Error::Type(format!(
                    "The destination holds {length} bytes; the copy needs {}.",
                    combined.allocation_size
                )),
            );
        }
        // 10. Copy each plane's rows (at once: the destination is the page's memory), then
        //     queue a task to resolve p with the plane layouts.
        let (resource, layout) = source;
        let layouts = crate::dom::bindings::conversions::with_buffer_source_bytes_mut(destination, |bytes| {
            resource.copy_to(bytes, &layout)
        })
        .unwrap_or_default();
        let promise = Promise::new(cx, &global);
        let p = promise.clone();
        crate::script_thread::queue_task(Box::new(move |cx| {
            let planes: Vec<PlaneLayout> =
                layouts.into_iter().map(|(offset, stride)| PlaneLayout { offset, stride }).collect();
            p.resolve_native(cx, &planes);
        }));
        promise
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoframe-clone>
    fn Clone(&self, cx: &mut JSContext) -> Fallible<DomRoot<VideoFrame>> {
        // 1. If [[Detached]] is true, throw an InvalidStateError.
        let Some(data) = self.data() else {
            return Err(Error::InvalidState("The VideoFrame is closed.".into()));
        };
        // 2. Clone VideoFrame: a new reference to the same resource, every other slot copied.
        let clone = VideoFrame::new(cx, &self.global(), data);
        clone.duration.set(self.duration.get());
        clone.timestamp.set(self.timestamp.get());
        Ok(clone)
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoframe-close>
    fn Close(&self, _cx: &mut JSContext) {
        self.close_frame();
    }
}

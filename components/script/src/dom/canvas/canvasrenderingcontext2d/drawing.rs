//! The drawing steps several `CanvasRenderingContext2D` methods share: checking the
//! usability of an image argument and drawing it (`drawImage`, `createPattern`),
//! drawing text (`fillText`, `strokeText`) and writing pixels (`putImageData`).

use super::*;

/// An image argument that passed the usability check.
pub(crate) enum UsableImage {
    /// A canvas, read on the canvas thread.
    Canvas(DomRoot<HTMLCanvasElement>),
    /// An ImageBitmap's or a video's current frame, shared.
    Pixels { pixels: ImagePixels, origin_clean: bool },
}

impl CanvasRenderingContext2D {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#check-the-usability-of-the-image-argument>,
    /// for `drawImage` and `createPattern`: `Ok(None)` is "bad" (nothing is
    /// drawn), errors are thrown.
    pub(crate) fn check_usability(image: &CanvasImageSource) -> Fallible<Option<UsableImage>> {
        match image {
            // "If image has either a horizontal dimension or a vertical
            // dimension equal to zero, then throw an "InvalidStateError"."
            CanvasImageSource::HTMLCanvasElement(canvas) => {
                if canvas.has_no_pixels() {
                    return Err(Error::InvalidState("the source canvas has a zero width or height".into()));
                }
                Ok(Some(UsableImage::Canvas(canvas.clone())))
            }
            // OffscreenCanvas: "If image has either a horizontal dimension or a vertical
            // dimension equal to zero, then throw an "InvalidStateError"." (It is never
            // detached: it cannot be transferred.)
            CanvasImageSource::OffscreenCanvas(offscreen) => {
                let canvas = offscreen.bitmap_element();
                if canvas.has_no_pixels() {
                    return Err(Error::InvalidState("the source OffscreenCanvas has a zero width or height".into()));
                }
                Ok(Some(UsableImage::Canvas(canvas)))
            }
            // HTMLImageElement: "If image's current request's state is broken, then throw an
            // "InvalidStateError" DOMException. If image is not fully decodable, then return bad."
            CanvasImageSource::HTMLImageElement(image) => {
                use crate::dom::html::htmlimageelement::ImageState;
                match image.state() {
                    ImageState::Broken => {
                        Err(Error::InvalidState("The HTMLImageElement provided is in the 'broken' state.".into()))
                    }
                    ImageState::CompletelyAvailable => Ok(image.frame().map(|frame| UsableImage::Pixels {
                        pixels: ImagePixels::from(&frame),
                        origin_clean: image.is_origin_clean(),
                    })),
                    ImageState::Loading | ImageState::Unavailable => Ok(None),
                }
            }
            // "If image's [[Detached]] internal slot value is set to true, then
            // throw an "InvalidStateError"."
            CanvasImageSource::ImageBitmap(bitmap) => match bitmap.frame() {
                Some(frame) => Ok(Some(UsableImage::Pixels {
                    pixels: ImagePixels::from(&frame),
                    origin_clean: bitmap.origin_clean(),
                })),
                None => Err(Error::InvalidState("the ImageBitmap is detached".into())),
            },
            // "If image's readyState attribute is either HAVE_NOTHING or
            // HAVE_METADATA, then return bad." A MediaStream's content is same-origin (a
            // canvas capture stops when its canvas is tainted); a media file from another
            // origin taints.
            CanvasImageSource::HTMLVideoElement(video) => Ok(video.current_frame().map(|frame| UsableImage::Pixels {
                pixels: ImagePixels::from(&frame),
                origin_clean: video.is_origin_clean(),
            })),
            // VideoFrame (<https://w3c.github.io/webcodecs/#videoframe-interface>, "a VideoFrame is
            // a CanvasImageSource"): a closed frame is InvalidStateError, as a detached bitmap;
            // its pixels are the frame as rendered (visible rect, rotation, display size).
            // Frames are always origin-clean (the constructor refuses a tainted source).
            CanvasImageSource::VideoFrame(frame) => match frame.data() {
                Some(data) => {
                    Ok(Some(UsableImage::Pixels { pixels: ImagePixels::from(&data.rendered()), origin_clean: true }))
                }
                None => Err(Error::InvalidState("The VideoFrame is closed.".into())),
            },
        }
    }

    pub(super) fn draw_image(
        &self,
        cx: &mut JSContext,
        image: &CanvasImageSource,
        rects: DrawImageRects,
    ) -> Fallible<()> {
        // 1. If any of the arguments are infinite or NaN, then return.
        let args: Vec<f64> = match rects {
            DrawImageRects::At { dx, dy } => vec![dx, dy],
            DrawImageRects::Scaled { dx, dy, dw, dh } => vec![dx, dy, dw, dh],
            DrawImageRects::Cropped { sx, sy, sw, sh, dx, dy, dw, dh } => vec![sx, sy, sw, sh, dx, dy, dw, dh],
        };
        if !all_finite(&args) {
            return Ok(());
        }
        // 2. Let usability be the result of checking the usability of image.
        // 3. If usability is bad, then return (without drawing anything).
        let Some(image) = Self::check_usability(image)? else {
            return Ok(());
        };
        // 4–6. Resolve the rectangles (the canvas thread applies them with
        //      `DrawImageRects::resolve`): nothing is painted for an empty source.
        //      An ImageBitmap's or a video frame's pixels are handed over shared,
        //      not copied.
        let (size, source, origin_clean) = match image {
            UsableImage::Canvas(canvas) => {
                canvas.ensure_bitmap();
                (canvas.bitmap_size(), ImageSource::Canvas { canvas: canvas.canvas_id() }, canvas.is_origin_clean())
            }
            UsableImage::Pixels { pixels, origin_clean } => (pixels.size, ImageSource::Pixels { pixels }, origin_clean),
        };
        if rects.resolve(size).is_none() {
            return Ok(());
        }
        // 7. Paint the region of the image argument specified by the source
        //    rectangle on the region of the rendering context's output bitmap
        //    specified by the destination rectangle, after applying the
        //    current transformation matrix.
        let options = self.state.borrow().draw_options();
        self.draw(CanvasCommand::DrawImage { canvas: self.canvas().canvas_id(), source, rects, options });
        // 8. If image is not origin-clean, then set the
        //    CanvasRenderingContext2D's origin-clean flag to false.
        if !origin_clean {
            self.canvas().taint(cx);
        }
        Ok(())
    }

    pub(super) fn text(
        &self,
        cx: &mut JSContext,
        text: DOMString,
        x: f64,
        y: f64,
        max_width: Option<f64>,
        stroke: bool,
    ) {
        // 1. If any of the arguments are infinite or NaN, then return.
        if !all_finite(&[x, y]) || max_width.is_some_and(|w| !w.is_finite()) {
            return;
        }
        // A maxWidth of zero or less leaves nothing to draw.
        if max_width.is_some_and(|w| w <= 0.0) {
            return;
        }
        let state = self.state.borrow().clone();
        let style = if stroke { &state.stroke_style } else { &state.fill_style };
        self.check_style_origin(cx, style);
        let canvas = self.canvas().canvas_id();
        let text = prepare_text(&text);
        let faces = self.web_fonts(cx, &state.font);
        let command = if stroke {
            CanvasCommand::StrokeText {
                canvas,
                text,
                x,
                y,
                max_width,
                text_options: state.text_options(faces, self.inherited_direction(), || self.inherited_language()),
                style: state.stroke_style.to_paint_style(),
                line: state.line.clone(),
                options: state.draw_options(),
            }
        } else {
            CanvasCommand::FillText {
                canvas,
                text,
                x,
                y,
                max_width,
                text_options: state.text_options(faces, self.inherited_direction(), || self.inherited_language()),
                style: state.fill_style.to_paint_style(),
                options: state.draw_options(),
            }
        };
        self.draw(command);
    }

    pub(super) fn put_image_data(&self, imagedata: &ImageData, dx: i32, dy: i32, dirty: Rect<i32>) -> Fallible<()> {
        // 1. If imagedata's data attribute value's [[ViewedArrayBuffer]]
        //    internal slot is detached, then throw an "InvalidStateError".
        let Some(bytes) = imagedata.srgb_bytes() else {
            return Err(Error::InvalidState("the ImageData's buffer is detached".into()));
        };
        // 2–8. The dirty rectangle rules run on the canvas thread
        //    (`put_image_data_region`); pixels are written without transform,
        //    alpha, compositing or clip.
        let size = imagedata.size();
        let data = ImagePixels {
            size,
            stride: size.width as usize * 4,
            format: base::PixelFormat::Rgba8,
            alpha: PixelAlpha::Unpremultiplied,
            data: base::FrameBytes::new(bytes),
        };
        self.draw(CanvasCommand::PutImageData {
            canvas: self.canvas().canvas_id(),
            data,
            destination: Point2D::new(dx, dy),
            dirty,
        });
        Ok(())
    }
}

//! Photo encoding for takePhoto(), off the Media thread.
//!
//! JPEG: GStreamer `appsrc ! videoscale ! videoconvert ! video/x-raw,format=I420 ! jpegenc`
//! (libjpeg-turbo, 4:2:0; about 8 ms at 1080p), falling back to the pure-Rust
//! `jpeg-encoder` (4:2:0) when `jpegenc` is missing or fails. PNG: the `png`
//! crate with `Compression::Fast` (the default level is ~50× slower on
//! camera content, media-backend.md §5.4).

use std::sync::Arc;

use base::units::ImageSize;
use base::{FrameBytes, PixelFormat, RequestId, VideoFrame};
use crossbeam_channel::{Receiver, Sender};
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use media_traits::error::MediaError;
use media_traits::messages::PhotoFormat;
use media_traits::photo::FillLightMode;

use crate::elements::ElementMaker;
use crate::fake_camera::FakeCameraControls;
use crate::pipeline::Internal;

/// JPEG quality used for photos.
pub const JPEG_QUALITY: u8 = 92;

/// The MIME type of a format.
pub fn mime_type(format: PhotoFormat) -> &'static str {
    match format {
        PhotoFormat::Jpeg => "image/jpeg",
        PhotoFormat::Png => "image/png",
    }
}

/// Work for the encoder thread.
pub enum Job {
    /// Encode a frame, scaled to `size`.
    Frame {
        /// Reply id.
        request: RequestId,
        /// The picture.
        frame: VideoFrame,
        /// Photo size.
        size: ImageSize,
        /// Encoding.
        format: PhotoFormat,
    },
    /// Render a fake-camera still at `size` and encode it.
    Still {
        /// Reply id.
        request: RequestId,
        /// The camera.
        controls: Arc<FakeCameraControls>,
        /// Photo size.
        size: ImageSize,
        /// Fill light for this photo.
        fill: Option<FillLightMode>,
        /// Encoding.
        format: PhotoFormat,
    },
}

/// Runs jobs until the channel closes; results go to the Media thread.
pub fn run(jobs: Receiver<Job>, results: Sender<Internal>, maker: Arc<dyn ElementMaker>) {
    let mut encoder = Encoder::new(maker);
    for job in jobs {
        let (request, size, result) = match job {
            Job::Frame { request, frame, size, format } => (request, size, encoder.encode(&frame, size, format)),
            Job::Still { request, controls, size, fill, format } => {
                let rgba = controls.render_still(size.width, size.height, fill);
                (request, size, encoder.encode(&rgba_frame(rgba, size), size, format))
            }
        };
        if results.send(Internal::Encoded(request, result.map(|bytes| (bytes, size)))).is_err() {
            break;
        }
    }
}

/// A tightly packed RGBA frame around `data`.
pub fn rgba_frame(data: Vec<u8>, size: ImageSize) -> VideoFrame {
    VideoFrame {
        size,
        format: PixelFormat::Rgba8,
        stride: size.width as usize * 4,
        has_alpha: false,
        data: FrameBytes::new(data),
        timestamp: std::time::Duration::ZERO,
        sequence: 0,
    }
}

type Key = (PixelFormat, ImageSize, ImageSize);

struct GstJpeg {
    pipeline: gst::Pipeline,
    appsrc: gst_app::AppSrc,
    appsink: gst_app::AppSink,
}

impl Drop for GstJpeg {
    fn drop(&mut self) {
        let _ = self.pipeline.set_state(gst::State::Null);
    }
}

/// Encodes frames, keeping one GStreamer JPEG pipeline per size for reuse.
pub struct Encoder {
    maker: Arc<dyn ElementMaker>,
    jpeg: Option<(Key, GstJpeg)>,
}

impl Encoder {
    /// A new encoder.
    pub fn new(maker: Arc<dyn ElementMaker>) -> Encoder {
        Encoder { maker, jpeg: None }
    }

    /// Encodes `frame` at `size` as `format`.
    pub fn encode(&mut self, frame: &VideoFrame, size: ImageSize, format: PhotoFormat) -> Result<Vec<u8>, MediaError> {
        if size.width == 0 || size.height == 0 || size.width > 16384 || size.height > 16384 {
            return Err(MediaError::Unknown(format!("cannot take a {}x{} photo", size.width, size.height)));
        }
        match format {
            PhotoFormat::Jpeg => match self.gst_jpeg(frame, size) {
                Ok(bytes) => Ok(bytes),
                Err(e) => {
                    log::info!("GStreamer JPEG path unavailable ({e}); using jpeg-encoder");
                    self.jpeg = None;
                    rust_jpeg(frame, size)
                }
            },
            PhotoFormat::Png => rust_png(frame, size),
        }
    }

    fn gst_jpeg(&mut self, frame: &VideoFrame, size: ImageSize) -> Result<Vec<u8>, MediaError> {
        let key = (frame.format, frame.size, size);
        if self.jpeg.as_ref().is_none_or(|(k, _)| *k != key) {
            self.jpeg = None;
            self.jpeg = Some((key, self.build_jpeg(key)?));
        }
        let (_, p) = self.jpeg.as_ref().expect("just built");
        let stride = frame.size.width as usize * 4;
        let buffer = if frame.stride == stride {
            gst::Buffer::from_slice(SharedBytes(frame.data.clone()))
        } else {
            gst::Buffer::from_mut_slice(tight(frame))
        };
        p.appsrc.push_buffer(buffer).map_err(|e| MediaError::Unknown(format!("jpeg push: {e:?}")))?;
        let sample = p
            .appsink
            .try_pull_sample(gst::ClockTime::from_seconds(2))
            .ok_or_else(|| MediaError::Unknown("jpegenc produced nothing".into()))?;
        let buffer = sample.buffer().ok_or_else(|| MediaError::Unknown("empty sample".into()))?;
        let map = buffer.map_readable().map_err(|e| MediaError::Unknown(e.to_string()))?;
        Ok(map.as_slice().to_vec())
    }

    fn build_jpeg(&self, (format, input, output): Key) -> Result<GstJpeg, MediaError> {
        self.maker.require(&["appsrc", "videoscale", "videoconvert", "capsfilter", "jpegenc", "appsink"])?;
        let vformat = if format == PixelFormat::Rgba8 {
            gstreamer_video::VideoFormat::Rgba
        } else {
            gstreamer_video::VideoFormat::Bgra
        };
        let in_caps = gstreamer_video::VideoCapsBuilder::new()
            .format(vformat)
            .width(input.width as i32)
            .height(input.height as i32)
            .framerate(gst::Fraction::new(0, 1))
            .build();
        let appsrc = gst_app::AppSrc::builder().caps(&in_caps).format(gst::Format::Time).build();
        let scale = self.maker.make("videoscale")?;
        let convert = self.maker.make("videoconvert")?;
        let filter = self.maker.make("capsfilter")?;
        filter.set_property(
            "caps",
            gstreamer_video::VideoCapsBuilder::new()
                .format(gstreamer_video::VideoFormat::I420)
                .width(output.width as i32)
                .height(output.height as i32)
                .build(),
        );
        let jpegenc = self.maker.make("jpegenc")?;
        jpegenc.set_property("quality", JPEG_QUALITY as i32);
        let appsink = gst_app::AppSink::builder().sync(false).max_buffers(2).build();
        let pipeline = gst::Pipeline::new();
        let fail = |e: glib::BoolError| MediaError::Unknown(format!("jpeg pipeline: {e}"));
        let elements = [appsrc.upcast_ref::<gst::Element>(), &scale, &convert, &filter, &jpegenc, appsink.upcast_ref()];
        pipeline.add_many(elements).map_err(fail)?;
        gst::Element::link_many(elements).map_err(fail)?;
        pipeline
            .set_state(gst::State::Playing)
            .map_err(|_| MediaError::Unknown("jpeg pipeline did not start".into()))?;
        Ok(GstJpeg { pipeline, appsrc, appsink })
    }
}

struct SharedBytes(FrameBytes);

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

/// The frame's rows without padding (same layout), copying only when padded.
fn tight(frame: &VideoFrame) -> Vec<u8> {
    let row = frame.size.width as usize * 4;
    let data = frame.data.as_slice();
    (0..frame.size.height as usize).flat_map(|y| &data[y * frame.stride..y * frame.stride + row]).copied().collect()
}

/// Bilinear scale to `size`, returning RGBA.
pub fn scale_rgba(frame: &VideoFrame, size: ImageSize) -> Vec<u8> {
    let (sw, sh) = (frame.size.width as usize, frame.size.height as usize);
    let (dw, dh) = (size.width as usize, size.height as usize);
    let data = frame.data.as_slice();
    let swap = frame.format == PixelFormat::Bgra8;
    let mut out = Vec::with_capacity(dw * dh * 4);
    if (sw, sh) == (dw, dh) {
        for y in 0..sh {
            for px in data[y * frame.stride..y * frame.stride + sw * 4].chunks_exact(4) {
                out.extend_from_slice(&if swap { [px[2], px[1], px[0], px[3]] } else { [px[0], px[1], px[2], px[3]] });
            }
        }
        return out;
    }
    let fx = sw as f32 / dw as f32;
    let fy = sh as f32 / dh as f32;
    for y in 0..dh {
        let sy = ((y as f32 + 0.5) * fy - 0.5).clamp(0.0, (sh - 1) as f32);
        let (y0, ty) = (sy as usize, sy.fract());
        let y1 = (y0 + 1).min(sh - 1);
        for x in 0..dw {
            let sx = ((x as f32 + 0.5) * fx - 0.5).clamp(0.0, (sw - 1) as f32);
            let (x0, tx) = (sx as usize, sx.fract());
            let x1 = (x0 + 1).min(sw - 1);
            let at = |xx: usize, yy: usize, c: usize| data[yy * frame.stride + xx * 4 + c] as f32;
            for c in 0..4 {
                let sc = if swap && c < 3 { 2 - c } else { c };
                let top = at(x0, y0, sc) * (1.0 - tx) + at(x1, y0, sc) * tx;
                let bottom = at(x0, y1, sc) * (1.0 - tx) + at(x1, y1, sc) * tx;
                out.push((top * (1.0 - ty) + bottom * ty).round() as u8);
            }
        }
    }
    out
}

fn rust_jpeg(frame: &VideoFrame, size: ImageSize) -> Result<Vec<u8>, MediaError> {
    let rgba = scale_rgba(frame, size);
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    encoder
        .encode(&rgba, size.width as u16, size.height as u16, jpeg_encoder::ColorType::Rgba)
        .map_err(|e| MediaError::Unknown(format!("JPEG encoding failed: {e}")))?;
    Ok(out)
}

fn rust_png(frame: &VideoFrame, size: ImageSize) -> Result<Vec<u8>, MediaError> {
    let direct = frame.size == size && frame.format == PixelFormat::Rgba8 && frame.stride == size.width as usize * 4;
    let scaled;
    let rgba: &[u8] = if direct {
        frame.data.as_slice()
    } else {
        scaled = scale_rgba(frame, size);
        &scaled
    };
    let fail = |e: png::EncodingError| MediaError::Unknown(format!("PNG encoding failed: {e}"));
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size.width, size.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(rgba).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}

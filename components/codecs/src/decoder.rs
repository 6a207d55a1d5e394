//! The video decoder session: chunks in, I420 frames out, in presentation order.
//!
//! ```text
//! our src pad ─▶ (h264parse ─▶) vp8dec | vp9dec | av1dec | openh264dec ─▶ videoconvert ─▶ I420 ─▶ our sink pad
//! ```

use std::collections::HashMap;

use gstreamer as gst;
use gstreamer_video::prelude::*;
use gstreamer_video::{VideoColorMatrix, VideoColorPrimaries, VideoColorRange, VideoTransferFunction};
use media_traits::codecs::{ChunkToDecode, DecodedFrame, DetectedColorSpace, VideoCodec, VideoDecoderSettings};

use crate::Session;
use crate::chain::{Chain, Timeline, caps_filter, make, set};

/// The element factories a decoder of `codec` needs.
pub fn factories(codec: VideoCodec) -> &'static [&'static str] {
    match codec {
        VideoCodec::Vp8 => &["vp8dec", "videoconvert", "capsfilter"],
        VideoCodec::Vp9 { .. } => &["vp9dec", "videoconvert", "capsfilter"],
        VideoCodec::Av1 { .. } => &["av1dec", "videoconvert", "capsfilter"],
        VideoCodec::Avc { .. } => &["h264parse", "videoconvert", "capsfilter"],
    }
}

/// One configured decoder.
pub struct Decoder {
    chain: Chain,
    input: gst::Caps,
    /// Chunk ids by the presentation time given to their buffer.
    chunks: HashMap<u64, u64>,
    timeline: Timeline,
}

impl Session for Decoder {
    type Settings = VideoDecoderSettings;
    type Input = ChunkToDecode;
    type Output = DecodedFrame;

    fn new(serial: u64, settings: &VideoDecoderSettings) -> Result<Decoder, String> {
        let codec = settings.check()?;
        let mut elements = Vec::new();
        let input = match codec {
            VideoCodec::Vp8 => {
                elements.push(make("vp8dec")?);
                gst::Caps::builder("video/x-vp8").build()
            }
            VideoCodec::Vp9 { .. } => {
                elements.push(make("vp9dec")?);
                gst::Caps::builder("video/x-vp9").build()
            }
            VideoCodec::Av1 { .. } => {
                elements.push(make("av1dec")?);
                gst::Caps::builder("video/x-av1").field("stream-format", "obu-stream").field("alignment", "tu").build()
            }
            VideoCodec::Avc { .. } => {
                elements.push(make("h264parse")?);
                // FFmpeg's decoder takes every profile; openh264's only Baseline's tools.
                let decoder = make("avdec_h264").or_else(|_| make("openh264dec"))?;
                // One thread: FFmpeg's frame threads hold a frame back per thread, and a page
                // gets each frame as soon as it can be shown.
                set(&decoder, "max-threads", "1");
                set(&decoder, "output-corrupt", "false");
                elements.push(decoder);
                // With a description (avcC), length-prefixed units; without, Annex B.
                match &settings.description {
                    Some(avcc) => gst::Caps::builder("video/x-h264")
                        .field("stream-format", "avc")
                        .field("alignment", "au")
                        .field("codec_data", gst::Buffer::from_slice(avcc.clone()))
                        .build(),
                    None => gst::Caps::builder("video/x-h264")
                        .field("stream-format", "byte-stream")
                        .field("alignment", "au")
                        .build(),
                }
            }
        };
        // A chunk that does not decode is an error (GStreamer's decoders skip up to ten).
        if let Some(decoder) = elements.last() {
            set(decoder, "max-errors", "0");
        }
        elements.push(make("videoconvert")?);
        elements.push(caps_filter(
            gstreamer_video::VideoCapsBuilder::new().format(gstreamer_video::VideoFormat::I420).build(),
        )?);
        let chain = Chain::new(&elements, &format!("aperture-video-decoder-{serial}"))?;
        Ok(Decoder { chain, input, chunks: HashMap::new(), timeline: Timeline::new(gst::ClockTime::from_mseconds(1)) })
    }

    fn pending(&self) -> bool {
        !self.chunks.is_empty()
    }

    fn process(&mut self, chunk: &ChunkToDecode) -> Result<Vec<DecodedFrame>, String> {
        if chunk.data.is_empty() {
            return Err("an empty chunk".into());
        }
        if !self.chain.set_input(self.input.clone()) {
            return Err("the decoder does not take this stream".into());
        }
        let pts = self.timeline.next(chunk.timestamp);
        self.chunks.insert(pts.nseconds(), chunk.id);
        let mut buffer = gst::Buffer::from_slice(Shared(chunk.data.clone()));
        {
            let b = buffer.get_mut().ok_or("a fresh buffer is writable")?;
            b.set_pts(pts);
            if !chunk.key {
                b.set_flags(gst::BufferFlags::DELTA_UNIT);
            }
        }
        self.chain.push(buffer)?;
        self.take_outputs()
    }

    fn drain(mut self) -> Result<Vec<DecodedFrame>, String> {
        self.chain.finish()?;
        self.take_outputs()
    }
}

impl Decoder {
    fn take_outputs(&mut self) -> Result<Vec<DecodedFrame>, String> {
        let (buffers, caps) = self.chain.take();
        if buffers.is_empty() {
            return Ok(Vec::new());
        }
        let info = caps
            .as_ref()
            .and_then(|c| gstreamer_video::VideoInfo::from_caps(c).ok())
            .ok_or("the decoder gave frames without a format")?;
        let color = detected(&info.colorimetry());
        let mut result = Vec::with_capacity(buffers.len());
        for buffer in buffers {
            let Some(chunk) = buffer.pts().and_then(|p| self.chunks.remove(&p.nseconds())) else {
                log::warn!("a decoded frame matches no chunk; dropped");
                continue;
            };
            let frame = gstreamer_video::VideoFrameRef::from_buffer_ref_readable(buffer.as_ref(), &info)
                .map_err(|_| "a decoded frame could not be read")?;
            let (width, height) = (info.width(), info.height());
            // Tightly packed planes: Y (w×h), then U and V (⌈w/2⌉×⌈h/2⌉ each).
            let mut data = Vec::with_capacity((width * height * 3 / 2 + width + height + 1) as usize);
            for plane in 0..3u32 {
                let (w, h) = if plane == 0 { (width, height) } else { (width.div_ceil(2), height.div_ceil(2)) };
                let stride = frame.plane_stride()[plane as usize] as usize;
                let bytes = frame.plane_data(plane).map_err(|_| "a decoded plane could not be read")?;
                for row in 0..h as usize {
                    let start = row * stride;
                    data.extend_from_slice(bytes.get(start..start + w as usize).ok_or("a short plane")?);
                }
            }
            result.push(DecodedFrame { chunk, width, height, data, color: color.clone() });
        }
        Ok(result)
    }
}

/// The colour space GStreamer read from the bitstream, as WebCodecs names it.
fn detected(c: &gstreamer_video::VideoColorimetry) -> DetectedColorSpace {
    DetectedColorSpace {
        primaries: match c.primaries() {
            VideoColorPrimaries::Bt709 => Some("bt709"),
            VideoColorPrimaries::Bt470bg => Some("bt470bg"),
            VideoColorPrimaries::Smpte170m => Some("smpte170m"),
            VideoColorPrimaries::Bt2020 => Some("bt2020"),
            VideoColorPrimaries::Smpteeg432 => Some("smpte432"),
            _ => None,
        },
        transfer: match c.transfer() {
            VideoTransferFunction::Bt709 => Some("bt709"),
            VideoTransferFunction::Bt601 => Some("smpte170m"),
            VideoTransferFunction::Srgb => Some("iec61966-2-1"),
            VideoTransferFunction::Gamma10 => Some("linear"),
            VideoTransferFunction::Smpte2084 => Some("pq"),
            VideoTransferFunction::AribStdB67 => Some("hlg"),
            _ => None,
        },
        matrix: match c.matrix() {
            VideoColorMatrix::Rgb => Some("rgb"),
            VideoColorMatrix::Bt709 => Some("bt709"),
            VideoColorMatrix::Bt601 => Some("smpte170m"),
            VideoColorMatrix::Bt2020 => Some("bt2020-ncl"),
            _ => None,
        },
        full_range: match c.range() {
            VideoColorRange::Range0_255 => Some(true),
            VideoColorRange::Range16_235 => Some(false),
            _ => None,
        },
    }
}

/// A chunk's shared bytes as a buffer's memory.
struct Shared(std::sync::Arc<[u8]>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

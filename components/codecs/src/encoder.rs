//! The video encoder session: frames in, chunks out.
//!
//! ```text
//! our src pad ─▶ videoconvert ─▶ videoscale ─▶ I420 w×h ─▶ vp8enc | vp9enc | av1enc | openh264enc (─▶ h264parse) ─▶ our sink pad
//! ```

use std::collections::HashMap;

use base::{PixelFormat, VideoFrame};
use gstreamer as gst;
use media_traits::codecs::{AvcFormat, BitrateMode, EncodedOutput, FrameToEncode, VideoCodec, VideoEncoderSettings};

use crate::Session;
use crate::chain::{Chain, Timeline, caps_filter, make, set};

/// The colour space the encoders' input is converted to, as GStreamer's colorimetry (range :
/// matrix : transfer : primaries): full range, BT.709's matrix and primaries, sRGB's transfer,
/// which is what a canvas's pixels are (and what Chromium's encoders report for them).
const FULL_RANGE_BT709: &str = "1:3:7:1";

/// The element factories an encoder of `codec` needs.
pub fn factories(codec: VideoCodec) -> &'static [&'static str] {
    match codec {
        VideoCodec::Vp8 => &["videoconvert", "videoscale", "capsfilter", "vp8enc"],
        VideoCodec::Vp9 { .. } => &["videoconvert", "videoscale", "capsfilter", "vp9enc"],
        VideoCodec::Av1 { .. } => &["videoconvert", "videoscale", "capsfilter", "av1enc"],
        VideoCodec::Avc { .. } => &["videoconvert", "videoscale", "capsfilter", "openh264enc", "h264parse"],
    }
}

/// One configured encoder.
pub struct Encoder {
    serial: u64,
    chain: Chain,
    /// Frame ids by the presentation time given to their buffer.
    frames: HashMap<u64, u64>,
    timeline: Timeline,
    avc_annexb: bool,
    /// Whether the codec makes a key frame when asked (av1enc 1.22 does not).
    honours_key_requests: bool,
}

impl Session for Encoder {
    type Settings = VideoEncoderSettings;
    type Input = FrameToEncode;
    type Output = EncodedOutput;

    fn new(serial: u64, settings: &VideoEncoderSettings) -> Result<Encoder, String> {
        let codec = settings.check()?;
        let convert = make("videoconvert")?;
        let scale = make("videoscale")?;
        // Frames are stretched to the configured size, not letterboxed.
        set(&scale, "add-borders", "false");
        let fps = settings.framerate.filter(|f| f.is_finite() && *f > 0.0);
        let raw = caps_filter(
            gstreamer_video::VideoCapsBuilder::new()
                .format(gstreamer_video::VideoFormat::I420)
                .width(settings.width as i32)
                .height(settings.height as i32)
                .pixel_aspect_ratio(gst::Fraction::new(1, 1))
                .field("colorimetry", FULL_RANGE_BT709)
                .build(),
        )?;
        let bitrate = settings.effective_bitrate().min(i32::MAX as u64);
        let cbr = settings.bitrate_mode == BitrateMode::Constant;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8).to_string();
        let mut chain = vec![convert, scale, raw];
        let mut avc_annexb = false;
        match codec {
            VideoCodec::Vp8 | VideoCodec::Vp9 { .. } => {
                let vp8 = codec == VideoCodec::Vp8;
                let enc = make(if vp8 { "vp8enc" } else { "vp9enc" })?;
                // libvpx: VPX_DL_REALTIME (1) or VPX_DL_GOOD_QUALITY (1 000 000 µs).
                set(&enc, "deadline", if settings.realtime { "1" } else { "1000000" });
                let speed = match (vp8, settings.realtime) {
                    (true, true) => "10",
                    (true, false) => "4",
                    (false, true) => "7",
                    (false, false) => "5",
                };
                set(&enc, "cpu-used", speed);
                set(&enc, "lag-in-frames", "0");
                set(&enc, "target-bitrate", &bitrate.to_string());
                set(&enc, "end-usage", if cbr { "cbr" } else { "vbr" });
                set(&enc, "threads", &threads);
                set(&enc, "row-mt", "true");
                set(&enc, "keyframe-max-dist", "300");
                chain.push(enc);
            }
            VideoCodec::Av1 { .. } => {
                let enc = make("av1enc")?;
                if settings.realtime {
                    set(&enc, "usage-profile", "realtime");
                }
                set(&enc, "cpu-used", if settings.realtime { "8" } else { "6" });
                set(&enc, "lag-in-frames", "0");
                set(&enc, "target-bitrate", &(bitrate / 1000).max(1).to_string());
                set(&enc, "end-usage", if cbr { "cbr" } else { "vbr" });
                set(&enc, "threads", &threads);
                set(&enc, "row-mt", "true");
                set(&enc, "keyframe-max-dist", "300");
                chain.push(enc);
            }
            VideoCodec::Avc { .. } => {
                let enc = make("openh264enc")?;
                set(&enc, "bitrate", &bitrate.min(u32::MAX as u64).to_string());
                set(&enc, "rate-control", "bitrate");
                set(&enc, "enable-frame-skip", "false");
                set(&enc, "gop-size", "300");
                set(&enc, "complexity", if settings.realtime { "low" } else { "medium" });
                chain.push(enc);
                // The profile the codec string names (openh264 encodes Baseline, Main and High).
                let profile = match codec {
                    VideoCodec::Avc { profile: 77, .. } => "main",
                    VideoCodec::Avc { profile: 100, .. } => "high",
                    _ => "constrained-baseline",
                };
                chain.push(caps_filter(gst::Caps::builder("video/x-h264").field("profile", profile).build())?);
                let parse = make("h264parse")?;
                avc_annexb = settings.avc_format == AvcFormat::AnnexB;
                // Annex B: the parameter sets before every key frame, as Chromium emits them.
                set(&parse, "config-interval", if avc_annexb { "-1" } else { "0" });
                chain.push(parse);
                chain.push(caps_filter(
                    gst::Caps::builder("video/x-h264")
                        .field("stream-format", if avc_annexb { "byte-stream" } else { "avc" })
                        .field("alignment", "au")
                        .build(),
                )?);
            }
        }
        let chain = Chain::new(&chain, &format!("aperture-video-encoder-{serial}"))?;
        let interval = gst::ClockTime::from_nseconds((1e9 / fps.unwrap_or(30.0)).max(1.0) as u64);
        Ok(Encoder {
            serial,
            chain,
            frames: HashMap::new(),
            timeline: Timeline::new(interval),
            avc_annexb,
            honours_key_requests: !matches!(codec, VideoCodec::Av1 { .. }),
        })
    }

    fn restarts_for(&self, frame: &FrameToEncode) -> bool {
        // An encoder that ignores key frame requests starts a new stream for one.
        frame.key_frame && !self.honours_key_requests
    }

    fn pending(&self) -> bool {
        !self.frames.is_empty()
    }

    fn process(&mut self, frame: &FrameToEncode) -> Result<Vec<EncodedOutput>, String> {
        let format = match frame.frame.format {
            PixelFormat::Rgba8 => gstreamer_video::VideoFormat::Rgba,
            PixelFormat::Bgra8 => gstreamer_video::VideoFormat::Bgra,
        };
        let caps = gstreamer_video::VideoCapsBuilder::new()
            .format(format)
            .width(frame.frame.size.width as i32)
            .height(frame.frame.size.height as i32)
            .framerate(gst::Fraction::new(0, 1))
            .pixel_aspect_ratio(gst::Fraction::new(1, 1))
            .build();
        let first = self.timeline.is_empty();
        if !self.chain.set_input(caps) {
            return Err("the encoder does not take this frame's format".into());
        }
        let pts = self.timeline.next(frame.timestamp);
        self.frames.insert(pts.nseconds(), frame.id);
        let mut buffer = gst::Buffer::from_slice(Shared(frame.frame.clone()));
        {
            let b = buffer.get_mut().ok_or("a fresh buffer is writable")?;
            b.set_pts(pts);
            b.set_duration(self.timeline.interval);
            if frame.frame.stride != frame.frame.size.width as usize * 4 {
                gstreamer_video::VideoMeta::add_full(
                    b,
                    gstreamer_video::VideoFrameFlags::empty(),
                    format,
                    frame.frame.size.width,
                    frame.frame.size.height,
                    &[0],
                    &[frame.frame.stride as i32],
                )
                .map_err(|e| e.to_string())?;
            }
        }
        if frame.key_frame && !first {
            let event = gstreamer_video::DownstreamForceKeyUnitEvent::builder()
                .timestamp(pts)
                .running_time(pts)
                .all_headers(true)
                .build();
            self.chain.push_event(event);
        }
        self.chain.push(buffer)?;
        Ok(self.take_outputs())
    }

    fn drain(mut self) -> Result<Vec<EncodedOutput>, String> {
        self.chain.finish()?;
        Ok(self.take_outputs())
    }
}

impl Encoder {
    fn take_outputs(&mut self) -> Vec<EncodedOutput> {
        let (buffers, caps) = self.chain.take();
        // AVC in avc format: the avcC record the parser put in the caps.
        let description = if self.avc_annexb {
            None
        } else {
            caps.as_ref()
                .and_then(|c| c.structure(0))
                .and_then(|s| s.get::<gst::Buffer>("codec_data").ok())
                .and_then(|b| b.map_readable().ok().map(|m| m.as_slice().to_vec()))
        };
        let mut result = Vec::with_capacity(buffers.len());
        for buffer in buffers {
            let Some(frame) = buffer.pts().and_then(|p| self.frames.remove(&p.nseconds())) else {
                log::warn!("an encoded chunk matches no frame; dropped");
                continue;
            };
            let Ok(map) = buffer.map_readable() else { continue };
            result.push(EncodedOutput {
                frame,
                config: self.serial,
                data: map.as_slice().to_vec(),
                key: !buffer.flags().contains(gst::BufferFlags::DELTA_UNIT),
                description: description.clone(),
            });
        }
        result
    }
}

/// A frame's shared bytes as a buffer's memory.
struct Shared(VideoFrame);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        self.0.data.as_slice()
    }
}

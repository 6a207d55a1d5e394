//! WebCodecs' codec implementations on GStreamer (<https://w3c.github.io/webcodecs/>), DOM-free.
//!
//! Each encoder is a "codec work queue": a thread of its own that runs the operations script
//! sends (configure, encode, flush) in order and answers each with one event. The codec is a
//! chain of GStreamer elements driven synchronously from that thread, with no source or sink
//! element:
//!
//! ```text
//! our src pad ─▶ videoconvert ─▶ videoscale ─▶ I420 w×h bt709 ─▶ vp8enc | vp9enc | av1enc | openh264enc ─▶ h264parse ─▶ our sink pad
//! ```
//!
//! Pushing a buffer into the chain runs every element on this thread and returns once the
//! encoder has emitted what that frame gives, so the outputs of one `encode` are known when the
//! push returns ("let encoded outputs be the outputs emitted"). Encoders are set up to emit one
//! chunk per frame without lookahead, so a page gets each chunk as soon as its frame is encoded,
//! as in Chromium, and `flush` has nothing to wait for; a codec that did hold frames back would be
//! drained by end-of-stream. Frames are not copied on the
//! way in: the buffer wraps the frame's shared bytes.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use base::{PixelFormat, VideoFrame};
use crossbeam_channel::{Receiver, Sender};
use gstreamer as gst;
use gstreamer::prelude::*;
use media_traits::codecs::{
    AvcFormat, BitrateMode, CodecProvider, EncodedOutput, EncoderEvent, EncoderEvents, FrameToEncode, VideoCodec,
    VideoEncoderBackend, VideoEncoderSettings,
};

/// The colour space the encoders' input is converted to, as GStreamer's colorimetry (range :
/// matrix : transfer : primaries): full range, BT.709's matrix and primaries, sRGB's transfer,
/// which is what a canvas's pixels are (and what Chromium's encoders report for them).
const FULL_RANGE_BT709: &str = "1:3:7:1";

/// The GStreamer codecs. One per engine; cheap.
#[derive(Debug, Default)]
pub struct GstCodecs;

impl GstCodecs {
    /// The provider (initializes GStreamer on first use).
    pub fn new() -> GstCodecs {
        GstCodecs
    }
}

/// The element factories an encoder of `codec` needs.
fn encoder_factories(codec: VideoCodec) -> &'static [&'static str] {
    match codec {
        VideoCodec::Vp8 => &["videoconvert", "videoscale", "capsfilter", "vp8enc"],
        VideoCodec::Vp9 { .. } => &["videoconvert", "videoscale", "capsfilter", "vp9enc"],
        VideoCodec::Av1 { .. } => &["videoconvert", "videoscale", "capsfilter", "av1enc"],
        VideoCodec::Avc { .. } => &["videoconvert", "videoscale", "capsfilter", "openh264enc", "h264parse"],
    }
}

impl CodecProvider for GstCodecs {
    fn video_encoder_available(&self, codec: VideoCodec) -> bool {
        gst::init().is_ok() && encoder_factories(codec).iter().all(|f| gst::ElementFactory::find(f).is_some())
    }

    fn video_encoder(&self, events: EncoderEvents) -> Box<dyn VideoEncoderBackend> {
        let (sender, receiver) = crossbeam_channel::unbounded();
        let discarded = Arc::new(AtomicBool::new(false));
        let flag = discarded.clone();
        let spawned = std::thread::Builder::new()
            .name("video encoder".into())
            .spawn(move || work_queue(receiver, events, flag));
        match spawned {
            Ok(_) => Box::new(EncoderHandle { sender: Some(sender), discarded }),
            Err(e) => {
                // No thread: every operation fails at once (script then closes the encoder).
                log::error!("could not start a video encoder thread: {e}");
                Box::new(EncoderHandle { sender: None, discarded })
            },
        }
    }
}

enum Op {
    Configure(u64, VideoEncoderSettings),
    Encode(FrameToEncode),
    Flush(u64),
}

/// Script's end of an encoder's work queue.
struct EncoderHandle {
    sender: Option<Sender<Op>>,
    discarded: Arc<AtomicBool>,
}

impl EncoderHandle {
    fn send(&self, op: Op) {
        if self.sender.as_ref().is_none_or(|s| s.send(op).is_err()) {
            log::warn!("a video encoder's work queue has ended; an operation was dropped");
        }
    }
}

impl VideoEncoderBackend for EncoderHandle {
    fn configure(&mut self, serial: u64, settings: VideoEncoderSettings) {
        self.send(Op::Configure(serial, settings));
    }

    fn encode(&mut self, frame: FrameToEncode) {
        self.send(Op::Encode(frame));
    }

    fn flush(&mut self, id: u64) {
        self.send(Op::Flush(id));
    }
}

impl Drop for EncoderHandle {
    fn drop(&mut self) {
        // The thread ends after the operation it is running; nothing it finds later is run or
        // reported.
        self.discarded.store(true, Ordering::Release);
    }
}

fn work_queue(receiver: Receiver<Op>, events: EncoderEvents, discarded: Arc<AtomicBool>) {
    if let Err(e) = gst::init() {
        events(EncoderEvent::Failed(format!("GStreamer could not start: {e}")));
        return;
    }
    let mut encoder: Option<Encoder> = None;
    let mut settings: Option<(u64, VideoEncoderSettings)> = None;
    while let Ok(op) = receiver.recv() {
        if discarded.load(Ordering::Acquire) {
            break;
        }
        let event = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match op {
            Op::Configure(serial, new) => {
                // A previous configuration's pending outputs are emitted first (as flush
                // would); the page gets them with the next event.
                let mut carried = Vec::new();
                if let Some(old) = encoder.take() {
                    carried = old.drain().unwrap_or_default();
                }
                let result = Encoder::new(serial, &new).map(|e| encoder = Some(e));
                settings = result.is_ok().then_some((serial, new));
                if !carried.is_empty() {
                    events(EncoderEvent::Encoded(carried));
                }
                EncoderEvent::Configured { config: serial, result }
            },
            Op::Encode(frame) => {
                // An encoder that ignores key frame requests (av1enc) starts a new stream.
                let mut carried = Vec::new();
                if frame.key_frame
                    && let Some(e) = encoder.take_if(|e| !e.honours_key_requests)
                {
                    match e.drain() {
                        Ok(outputs) => carried = outputs,
                        Err(reason) => {
                            settings = None;
                            return EncoderEvent::Failed(reason);
                        },
                    }
                }
                if encoder.is_none() {
                    let Some((serial, s)) = &settings else {
                        return EncoderEvent::Failed("encode() before a supported configuration".into());
                    };
                    match Encoder::new(*serial, s) {
                        Ok(e) => encoder = Some(e),
                        Err(e) => return EncoderEvent::Failed(e),
                    }
                }
                let Some(e) = encoder.as_mut() else { return EncoderEvent::Failed("no encoder".into()) };
                match e.encode(&frame) {
                    Ok(outputs) => {
                        carried.extend(outputs);
                        EncoderEvent::Encoded(carried)
                    },
                    Err(reason) => {
                        encoder = None;
                        settings = None;
                        EncoderEvent::Failed(reason)
                    },
                }
            },
            Op::Flush(id) => {
                // Encoders emit each frame's chunk while encoding it, so usually nothing is
                // pending and the stream goes on. If a codec does hold frames back,
                // end-of-stream drains it, and the next encode starts a new stream.
                let outputs = match encoder.take_if(|e| !e.frames.is_empty()) {
                    Some(e) => match e.drain() {
                        Ok(outputs) => outputs,
                        Err(reason) => {
                            settings = None;
                            return EncoderEvent::Failed(reason);
                        },
                    },
                    None => Vec::new(),
                };
                EncoderEvent::Flushed { id, outputs }
            },
        }));
        let event = event.unwrap_or_else(|_| {
            encoder = None;
            settings = None;
            EncoderEvent::Failed("the encoder failed unexpectedly".into())
        });
        if discarded.load(Ordering::Acquire) {
            break;
        }
        events(event);
    }
}

/// What the chain's end collects while a push runs.
#[derive(Default)]
struct Collected {
    outputs: Vec<(Option<gst::ClockTime>, Vec<u8>, bool)>,
    description: Option<Vec<u8>>,
    eos: bool,
}

/// One configured codec: the element chain and our two pads.
struct Encoder {
    serial: u64,
    pipeline: gst::Pipeline,
    src: gst::Pad,
    sink: gst::Pad,
    collected: Arc<Mutex<Collected>>,
    input: Arc<Mutex<Option<gst::Caps>>>,
    /// Frame ids by the presentation time given to their buffer.
    frames: HashMap<u64, u64>,
    first_timestamp: Option<i64>,
    last_pts: Option<gst::ClockTime>,
    interval: gst::ClockTime,
    avc_annexb: bool,
    description: Option<Vec<u8>>,
    /// Whether the codec makes a key frame when asked (av1enc 1.22 does not).
    honours_key_requests: bool,
}

fn set(element: &gst::Element, name: &str, value: &str) {
    let Some(pspec) = element.find_property(name) else {
        log::debug!("{} has no property {name}", element.name());
        return;
    };
    match glib_value(value, pspec.value_type()) {
        Some(v) => element.set_property_from_value(name, &v),
        None => log::warn!("{}: cannot set {name} to {value}", element.name()),
    }
}

fn glib_value(value: &str, type_: gst::glib::Type) -> Option<gst::glib::Value> {
    gst::glib::Value::deserialize(value, type_).ok()
}

impl Encoder {
    fn new(serial: u64, settings: &VideoEncoderSettings) -> Result<Encoder, String> {
        let codec = settings.check()?;
        let make = |factory: &str| {
            gst::ElementFactory::make(factory)
                .build()
                .map_err(|_| format!("the GStreamer element '{factory}' is not installed"))
        };
        let convert = make("videoconvert")?;
        let scale = make("videoscale")?;
        let raw = make("capsfilter")?;
        let fps = settings.framerate.filter(|f| f.is_finite() && *f > 0.0);
        raw.set_property(
            "caps",
            gstreamer_video::VideoCapsBuilder::new()
                .format(gstreamer_video::VideoFormat::I420)
                .width(settings.width as i32)
                .height(settings.height as i32)
                .pixel_aspect_ratio(gst::Fraction::new(1, 1))
                .field("colorimetry", FULL_RANGE_BT709)
                .build(),
        );
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
            },
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
            },
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
                let profile_caps = make("capsfilter")?;
                profile_caps.set_property(
                    "caps",
                    gst::Caps::builder("video/x-h264").field("profile", profile).build(),
                );
                chain.push(profile_caps);
                let parse = make("h264parse")?;
                avc_annexb = settings.avc_format == AvcFormat::AnnexB;
                // Annex B: the parameter sets before every key frame, as Chromium emits them.
                set(&parse, "config-interval", if avc_annexb { "-1" } else { "0" });
                chain.push(parse);
                let out = make("capsfilter")?;
                out.set_property(
                    "caps",
                    gst::Caps::builder("video/x-h264")
                        .field("stream-format", if avc_annexb { "byte-stream" } else { "avc" })
                        .field("alignment", "au")
                        .build(),
                );
                chain.push(out);
            },
        }
        let pipeline = gst::Pipeline::new();
        pipeline.add_many(&chain).map_err(|e| e.to_string())?;
        gst::Element::link_many(&chain).map_err(|e| format!("could not link the encoder: {e}"))?;

        let collected = Arc::new(Mutex::new(Collected::default()));
        let input: Arc<Mutex<Option<gst::Caps>>> = Arc::new(Mutex::new(None));
        let caps_for_query = input.clone();
        let src = gst::Pad::builder(gst::PadDirection::Src)
            .name("aperture-src")
            .query_function(move |_pad, _parent, query| match query.view_mut() {
                gst::QueryViewMut::Caps(q) => {
                    let caps = caps_for_query.lock().unwrap_or_else(PoisonError::into_inner).clone();
                    q.set_result(&caps.unwrap_or_else(gst::Caps::new_any));
                    true
                },
                _ => false,
            })
            .event_function(|_pad, _parent, _event| true)
            .build();
        let sink_collected = collected.clone();
        let event_collected = collected.clone();
        let sink = gst::Pad::builder(gst::PadDirection::Sink)
            .name("aperture-sink")
            .chain_function(move |_pad, _parent, buffer| {
                let key = !buffer.flags().contains(gst::BufferFlags::DELTA_UNIT);
                let data = buffer.map_readable().map_err(|_| gst::FlowError::Error)?.as_slice().to_vec();
                let mut c = sink_collected.lock().unwrap_or_else(PoisonError::into_inner);
                c.outputs.push((buffer.pts(), data, key));
                Ok(gst::FlowSuccess::Ok)
            })
            .event_function(move |_pad, _parent, event| {
                let mut c = event_collected.lock().unwrap_or_else(PoisonError::into_inner);
                match event.view() {
                    gst::EventView::Caps(caps) => {
                        let data = caps
                            .caps()
                            .structure(0)
                            .and_then(|s| s.get::<gst::Buffer>("codec_data").ok())
                            .and_then(|b| b.map_readable().ok().map(|m| m.as_slice().to_vec()));
                        c.description = data;
                    },
                    gst::EventView::Eos(_) => c.eos = true,
                    _ => {},
                }
                true
            })
            .query_function(|_pad, _parent, query| match query.view_mut() {
                gst::QueryViewMut::Caps(q) => {
                    let caps = q.filter().map_or_else(gst::Caps::new_any, |f| f.to_owned());
                    q.set_result(&caps);
                    true
                },
                gst::QueryViewMut::AcceptCaps(q) => {
                    q.set_result(true);
                    true
                },
                _ => false,
            })
            .build();
        let first = chain.first().and_then(|e| e.static_pad("sink")).ok_or("the chain has no input")?;
        let last = chain.last().and_then(|e| e.static_pad("src")).ok_or("the chain has no output")?;
        src.link(&first).map_err(|e| format!("could not link the encoder's input: {e:?}"))?;
        last.link(&sink).map_err(|e| format!("could not link the encoder's output: {e:?}"))?;
        src.set_active(true).map_err(|e| e.to_string())?;
        sink.set_active(true).map_err(|e| e.to_string())?;
        pipeline.set_state(gst::State::Playing).map_err(|e| format!("the encoder did not start: {e}"))?;
        src.push_event(gst::event::StreamStart::new(&format!("aperture-video-encoder-{serial}")));
        let interval = gst::ClockTime::from_nseconds((1e9 / fps.unwrap_or(30.0)).max(1.0) as u64);
        Ok(Encoder {
            serial,
            pipeline,
            src,
            sink,
            collected,
            input,
            frames: HashMap::new(),
            first_timestamp: None,
            last_pts: None,
            interval,
            avc_annexb,
            description: None,
            honours_key_requests: !matches!(codec, VideoCodec::Av1 { .. }),
        })
    }

    fn error_reason(&self) -> String {
        self.pipeline
            .bus()
            .and_then(|bus| bus.pop_filtered(&[gst::MessageType::Error]))
            .and_then(|m| match m.view() {
                gst::MessageView::Error(e) => Some(e.error().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| "the encoder failed".into())
    }

    fn encode(&mut self, frame: &FrameToEncode) -> Result<Vec<EncodedOutput>, String> {
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
        let changed = {
            let mut input = self.input.lock().unwrap_or_else(PoisonError::into_inner);
            let changed = input.as_ref() != Some(&caps);
            *input = Some(caps.clone());
            changed
        };
        let first = self.last_pts.is_none();
        if changed && !self.src.push_event(gst::event::Caps::new(&caps)) {
            return Err("the encoder does not take this frame's format".into());
        }
        if first {
            self.src.push_event(gst::event::Segment::new(&gst::FormattedSegment::<gst::ClockTime>::new()));
        }
        // Presentation times follow the frames' timestamps (rate control reads them), kept
        // increasing; a frame at or before the previous one is placed one frame interval on.
        let start = *self.first_timestamp.get_or_insert(frame.timestamp);
        let since = u64::try_from(frame.timestamp.saturating_sub(start)).unwrap_or(0);
        let mut pts = gst::ClockTime::from_useconds(since);
        if let Some(last) = self.last_pts
            && pts <= last
        {
            pts = last + self.interval;
        }
        self.last_pts = Some(pts);
        self.frames.insert(pts.nseconds(), frame.id);
        let mut buffer = gst::Buffer::from_slice(Shared(frame.frame.clone()));
        {
            let b = buffer.get_mut().ok_or("a fresh buffer is writable")?;
            b.set_pts(pts);
            b.set_duration(self.interval);
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
            self.src.push_event(event);
        }
        if let Err(e) = self.src.push(buffer) {
            return Err(format!("{} ({e:?})", self.error_reason()));
        }
        Ok(self.take_outputs())
    }

    /// Sends end-of-stream and returns every output the codec still held.
    fn drain(mut self) -> Result<Vec<EncodedOutput>, String> {
        if self.last_pts.is_some() {
            self.src.push_event(gst::event::Eos::new());
            let eos = self.collected.lock().unwrap_or_else(PoisonError::into_inner).eos;
            if !eos {
                return Err(self.error_reason());
            }
        }
        Ok(self.take_outputs())
    }

    fn take_outputs(&mut self) -> Vec<EncodedOutput> {
        let (outputs, description) = {
            let mut c = self.collected.lock().unwrap_or_else(PoisonError::into_inner);
            (std::mem::take(&mut c.outputs), c.description.clone())
        };
        if !self.avc_annexb {
            self.description = description;
        }
        let mut result = Vec::with_capacity(outputs.len());
        for (pts, data, key) in outputs {
            let id = pts.and_then(|p| self.frames.remove(&p.nseconds()));
            let Some(frame) = id else {
                log::warn!("an encoded chunk matches no frame; dropped");
                continue;
            };
            result.push(EncodedOutput { frame, config: self.serial, data, key, description: self.description.clone() });
        }
        result
    }
}

impl Drop for Encoder {
    fn drop(&mut self) {
        let _ = self.pipeline.set_state(gst::State::Null);
        let _ = self.src.set_active(false);
        let _ = self.sink.set_active(false);
    }
}

/// A frame's shared bytes as a buffer's memory.
struct Shared(VideoFrame);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        self.0.data.as_slice()
    }
}

#[cfg(test)]
mod tests;

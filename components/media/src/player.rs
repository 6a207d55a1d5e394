//! Media-file playback for `<video src>`/`<audio src>`
//! (<https://html.spec.whatwg.org/multipage/media.html#media-elements>).
//!
//! Script fetches the resource (any scheme it can fetch: `file:`, `http:`, `data:`, `blob:`)
//! and hands the bytes over; the player writes them to a private temporary file and decodes
//! it with `filesrc ! decodebin` (seekable, so demuxers work in pull mode and seeks are
//! accurate). Why not servo-media's player or `playbin3`: both own their sinks and output
//! (a window, an audio device), while Aperture needs the decoded frames as shared RGBA buffers
//! for its own sources, and the host has no audio device.
//!
//! * Video: `videoconvert ! appsink(RGBA, sync)`. Frames arrive at their presentation time on
//!   the pipeline clock and become frames of a canvas-like source on the Media thread, so a
//!   `<video>` sink, `drawImage(video)`, `grabFrame()`, `captureStream()` and `MediaRecorder`
//!   read them like any other source (shared `Arc`, no copy to readers).
//! * Audio: decoded to `F32LE` and handed to the recorders that subscribed (a captured
//!   stream's audio track being recorded); otherwise discarded, at the clock's pace.
//! * The position is the timestamp of the last frame or audio buffer that went out, shared
//!   with script through [`PlaybackPosition`] (no message per frame).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use base::SourceId;
use base::units::ImageSize;
use crossbeam_channel::Sender;
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use media_traits::error::MediaError;
use media_traits::playback::PlaybackPosition;

use crate::elements::ElementMaker;
use crate::pipeline::{Internal, frame_from_sample};

/// Receivers of a player's decoded audio (recorders).
pub type AudioSubscribers = Arc<Mutex<Vec<crate::recorder::AudioInput>>>;

/// A media file being played.
pub struct Player {
    pipeline: gst::Pipeline,
    path: PathBuf,
    /// What script reads as the current playback position.
    pub position: PlaybackPosition,
    /// Recorders fed with the decoded audio.
    pub audio_subscribers: AudioSubscribers,
    /// Whether a stream of each kind was found.
    pub has_video: Arc<AtomicBool>,
    /// See `has_video`.
    pub has_audio: Arc<AtomicBool>,
    /// Whether the container states its duration (a WebM written while recording, as
    /// MediaRecorder's are, does not: GStreamer's estimate is then not the duration, and the
    /// element reports +Infinity until playback reaches the end, as Chromium does).
    pub duration_known: bool,
    /// The playback rate (`playbackRate`): 0 holds the position while playing.
    rate: f64,
    /// The rate the pipeline's segment was last given (0 never: the pipeline pauses instead).
    applied_rate: f64,
}

impl Player {
    /// Starts decoding `bytes` for `source`, paused on its first frame. The bus reports
    /// `PlayerReady` at preroll, `PlayerError`, and `PlayerEos`.
    pub fn open(
        source: SourceId,
        bytes: &[u8],
        maker: &dyn ElementMaker,
        internal: Sender<Internal>,
    ) -> Result<Player, MediaError> {
        maker.require(&[
            "filesrc",
            "decodebin",
            "videoconvert",
            "audioconvert",
            "audioresample",
            "appsink",
            "queue",
        ])?;
        let path = std::env::temp_dir().join(format!("aperture-media-{}-{}", std::process::id(), source.0));
        std::fs::write(&path, bytes).map_err(|e| MediaError::Unknown(format!("could not buffer the media: {e}")))?;
        let pipeline = gst::Pipeline::new();
        let filesrc = maker.make("filesrc")?;
        filesrc.set_property("location", path.to_string_lossy().to_string());
        let decodebin = maker.make("decodebin")?;
        let fail = |e: glib::BoolError| MediaError::Unknown(format!("player: {e}"));
        pipeline.add_many([&filesrc, &decodebin]).map_err(fail)?;
        filesrc.link(&decodebin).map_err(fail)?;
        let position = PlaybackPosition::new();
        let audio_subscribers: AudioSubscribers = Arc::new(Mutex::new(Vec::new()));
        let has_video = Arc::new(AtomicBool::new(false));
        let has_audio = Arc::new(AtomicBool::new(false));

        let weak = pipeline.downgrade();
        let (tx, pos, subs, hv, ha) =
            (internal.clone(), position.clone(), audio_subscribers.clone(), has_video.clone(), has_audio.clone());
        decodebin.connect_pad_added(move |_, pad| {
            let Some(pipeline) = weak.upgrade() else { return };
            let caps = pad.current_caps().or_else(|| Some(pad.query_caps(None)));
            let is_video = caps.as_ref().and_then(|c| c.structure(0)).is_some_and(|s| s.name().starts_with("video/"));
            let is_audio = caps.as_ref().and_then(|c| c.structure(0)).is_some_and(|s| s.name().starts_with("audio/"));
            let result = if is_video && !hv.swap(true, Ordering::AcqRel) {
                video_branch(&pipeline, pad, source, tx.clone(), pos.clone())
            } else if is_audio && !ha.swap(true, Ordering::AcqRel) {
                audio_branch(&pipeline, pad, pos.clone(), subs.clone())
            } else {
                Ok(())
            };
            if let Err(e) = result {
                let _ = tx.send(Internal::PlayerError(source, e.to_string()));
            }
        });

        let bus = pipeline.bus().expect("pipelines have a bus");
        let tx = internal;
        let pipeline_weak = pipeline.downgrade();
        bus.set_sync_handler(move |_, msg| {
            match msg.view() {
                gst::MessageView::Error(e) => {
                    let _ = tx.send(Internal::PlayerError(source, e.error().to_string()));
                }
                gst::MessageView::Eos(_) => {
                    let _ = tx.send(Internal::PlayerEos(source));
                }
                gst::MessageView::AsyncDone(_) => {
                    let duration = pipeline_weak
                        .upgrade()
                        .and_then(|p| p.query_duration::<gst::ClockTime>())
                        .map(|d| Duration::from_nanos(d.nseconds()));
                    let _ = tx.send(Internal::PlayerSettled(source, duration));
                }
                _ => {}
            }
            gst::BusSyncReply::Drop
        });
        if pipeline.set_state(gst::State::Paused).is_err() {
            let _ = pipeline.set_state(gst::State::Null);
            let _ = std::fs::remove_file(&path);
            return Err(MediaError::NotSupported("the media could not be decoded".into()));
        }
        let duration_known = !matroska_without_duration(bytes);
        Ok(Player {
            pipeline,
            path,
            position,
            audio_subscribers,
            has_video,
            has_audio,
            duration_known,
            rate: 1.0,
            applied_rate: 1.0,
        })
    }

    /// Plays or pauses. At rate 0 the pipeline stays paused: "playing" does not advance.
    pub fn set_playing(&self, playing: bool) {
        let state = if playing && self.rate != 0.0 { gst::State::Playing } else { gst::State::Paused };
        if self.pipeline.set_state(state).is_err() {
            log::warn!("player: could not switch to {state:?}");
        }
    }

    /// Seeks accurately to `to` (the bus then reports `PlayerSettled`), keeping the rate.
    pub fn seek(&mut self, to: Duration) -> Result<(), MediaError> {
        let rate = if self.rate == 0.0 { self.applied_rate } else { self.rate };
        self.seek_at_rate(to, rate).map_err(|e| MediaError::Unknown(format!("seek failed: {e}")))?;
        self.applied_rate = rate;
        self.position.set(to);
        Ok(())
    }

    fn seek_at_rate(&self, to: Duration, rate: f64) -> Result<(), glib::BoolError> {
        self.pipeline.seek(
            rate,
            gst::SeekFlags::FLUSH | gst::SeekFlags::ACCURATE,
            gst::SeekType::Set,
            gst::ClockTime::from_nseconds(to.as_nanos() as u64),
            gst::SeekType::None,
            gst::ClockTime::NONE,
        )
    }

    /// Sets the playback rate: 0 pauses the pipeline while the element plays; any other rate
    /// becomes the segment's rate through a flushing seek to the current position (at once
    /// when `now`, else at [`Player::apply_pending_rate`], after a seek in progress).
    pub fn set_rate(&mut self, rate: f64, playing: bool, now: bool) {
        if !(rate.is_finite() && rate >= 0.0) {
            log::debug!("player: rate {rate} ignored");
            return;
        }
        self.rate = rate;
        if now {
            self.apply_pending_rate(playing);
        }
    }

    /// Gives the pipeline the rate last set, if it has another one.
    pub fn apply_pending_rate(&mut self, playing: bool) {
        if self.rate != 0.0 && self.rate != self.applied_rate {
            match self.seek_at_rate(self.position.get(), self.rate) {
                Ok(()) => self.applied_rate = self.rate,
                Err(e) => log::warn!("player: could not set rate {}: {e}", self.rate),
            }
        }
        self.set_playing(playing);
    }

    /// The caps of the decoded audio, once known.
    pub fn audio_caps(&self) -> Option<gst::Caps> {
        let sink = self.pipeline.by_name("aperture-audio")?;
        sink.static_pad("sink")?.current_caps()
    }

    /// The video size, once the first frame's caps are known.
    pub fn video_size(&self) -> Option<ImageSize> {
        let sink = self.pipeline.by_name("aperture-video")?;
        let caps = sink.static_pad("sink")?.current_caps()?;
        let info = gstreamer_video::VideoInfo::from_caps(&caps).ok()?;
        Some(ImageSize::new(info.width(), info.height()))
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        let _ = self.pipeline.set_state(gst::State::Null);
        if let Some(bus) = self.pipeline.bus() {
            bus.unset_sync_handler();
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

fn link_pad(pipeline: &gst::Pipeline, pad: &gst::Pad, elements: &[gst::Element]) -> Result<(), MediaError> {
    let fail = |e: String| MediaError::Unknown(format!("player: {e}"));
    pipeline.add_many(elements).map_err(|e| fail(e.to_string()))?;
    gst::Element::link_many(elements).map_err(|e| fail(e.to_string()))?;
    let sink = elements[0].static_pad("sink").expect("queue sink pad");
    pad.link(&sink).map_err(|e| fail(format!("{e:?}")))?;
    for e in elements {
        let _ = e.sync_state_with_parent();
    }
    Ok(())
}

fn video_branch(
    pipeline: &gst::Pipeline,
    pad: &gst::Pad,
    source: SourceId,
    tx: Sender<Internal>,
    position: PlaybackPosition,
) -> Result<(), MediaError> {
    let queue = gst::ElementFactory::make("queue").build().map_err(|e| MediaError::Unknown(e.to_string()))?;
    let convert = gst::ElementFactory::make("videoconvert").build().map_err(|e| MediaError::Unknown(e.to_string()))?;
    let sink = gst_app::AppSink::builder()
        .name("aperture-video")
        .caps(&gstreamer_video::VideoCapsBuilder::new().format(gstreamer_video::VideoFormat::Rgba).build())
        .sync(true)
        .max_buffers(2)
        .build();
    let sequence = Arc::new(AtomicU64::new(0));
    let deliver = move |sample: gst::Sample| {
        let seq = sequence.fetch_add(1, Ordering::Relaxed);
        if let Some((frame, _)) = frame_from_sample(&sample, seq) {
            if let Some(pts) = sample.buffer().and_then(|b| b.pts()) {
                let segment = sample.segment().and_then(|s| s.downcast_ref::<gst::ClockTime>().cloned());
                let stream_time = segment.and_then(|s| s.to_stream_time(pts)).unwrap_or(pts);
                position.set(Duration::from_nanos(stream_time.nseconds()));
            }
            let _ = tx.send(Internal::PlayerFrame(source, frame));
        }
    };
    let on_preroll = deliver.clone();
    sink.set_callbacks(
        gst_app::AppSinkCallbacks::builder()
            .new_preroll(move |s| {
                let sample = s.pull_preroll().map_err(|_| gst::FlowError::Eos)?;
                on_preroll(sample);
                Ok(gst::FlowSuccess::Ok)
            })
            .new_sample(move |s| {
                let sample = s.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                deliver(sample);
                Ok(gst::FlowSuccess::Ok)
            })
            .build(),
    );
    link_pad(pipeline, pad, &[queue, convert, sink.upcast()])
}

fn audio_branch(
    pipeline: &gst::Pipeline,
    pad: &gst::Pad,
    position: PlaybackPosition,
    subscribers: AudioSubscribers,
) -> Result<(), MediaError> {
    let make = |n: &str| gst::ElementFactory::make(n).build().map_err(|e| MediaError::Unknown(e.to_string()));
    let (queue, convert, resample) = (make("queue")?, make("audioconvert")?, make("audioresample")?);
    let caps = gst::Caps::builder("audio/x-raw").field("format", "F32LE").field("layout", "interleaved").build();
    let sink = gst_app::AppSink::builder().name("aperture-audio").caps(&caps).sync(true).max_buffers(4).build();
    sink.set_callbacks(
        gst_app::AppSinkCallbacks::builder()
            .new_sample(move |s| {
                let sample = s.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                if let Some(buffer) = sample.buffer_owned() {
                    if let Some(pts) = buffer.pts() {
                        position.set_if_later(Duration::from_nanos(pts.nseconds()));
                    }
                    for input in subscribers.lock().unwrap_or_else(PoisonError::into_inner).iter() {
                        input.push(&buffer);
                    }
                }
                Ok(gst::FlowSuccess::Ok)
            })
            .build(),
    );
    link_pad(pipeline, pad, &[queue, convert, resample, sink.upcast()])
}

/// Whether `bytes` are Matroska/WebM whose Segment Info has no Duration element.
fn matroska_without_duration(bytes: &[u8]) -> bool {
    /// Reads an EBML variable-length integer at `at`: (value, length), the marker bit removed
    /// when `strip` (sizes) or kept (ids).
    fn vint(bytes: &[u8], at: usize, strip: bool) -> Option<(u64, usize)> {
        let first = *bytes.get(at)?;
        let len = first.leading_zeros() as usize + 1;
        if len > 8 {
            return None;
        }
        let mut value = if strip { u64::from(first) & ((1u64 << (8 - len)) - 1) } else { u64::from(first) };
        for i in 1..len {
            value = (value << 8) | u64::from(*bytes.get(at + i)?);
        }
        Some((value, len))
    }
    const EBML: u64 = 0x1A45_DFA3;
    const SEGMENT: u64 = 0x1853_8067;
    const INFO: u64 = 0x1549_A966;
    const DURATION: u64 = 0x4489;
    const CLUSTER: u64 = 0x1F43_B675;
    let mut at = 0;
    let Some((EBML, n)) = vint(bytes, 0, false) else { return false };
    let Some((size, m)) = vint(bytes, n, true) else { return false };
    at += n + m + size as usize;
    let Some((SEGMENT, n)) = vint(bytes, at, false) else { return false };
    let Some((_, m)) = vint(bytes, at + n, true) else { return false };
    at += n + m;
    // The Segment's children up to the first Cluster: find Info, then Duration in it.
    while let (Some((id, n)), true) = (vint(bytes, at, false), at < bytes.len()) {
        let Some((size, m)) = vint(bytes, at + n, true) else { return false };
        if id == CLUSTER {
            return false;
        }
        if id == INFO {
            let (start, end) = (at + n + m, (at + n + m).saturating_add(size as usize).min(bytes.len()));
            let mut p = start;
            while p < end {
                let Some((child, cn)) = vint(bytes, p, false) else { return false };
                let Some((csize, cm)) = vint(bytes, p + cn, true) else { return false };
                if child == DURATION {
                    return false;
                }
                p += cn + cm + csize as usize;
            }
            return true;
        }
        at += n + m + size as usize;
    }
    false
}

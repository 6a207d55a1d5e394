//! `MediaRecorder`'s encoding pipelines (<https://w3c.github.io/mediacapture-record/>).
//!
//! One GStreamer pipeline per recording, separate from the sources' pipelines:
//!
//! ```text
//! source tee ─ queue ─ appsink ──(callback: timestamp, push)──▶ appsrc ─ videoconvert ─ videoscale ─ caps ─ vp8enc ─┐
//!                        fake microphone: audiotestsrc (440 Hz) ─ audioconvert ─ audioresample ─ opusenc ───────────┤
//!                                                                                       webmmux (streamable) ─ appsink ─▶ bytes
//! ```
//!
//! * Frames are not copied on the way in: the buffer the source produced is re-stamped (a
//!   shallow copy shares its memory) and pushed into the recorder's `appsrc`.
//! * Timestamps are capture times: the moment the frame reached the source's `tee`, in the
//!   recorder pipeline's running time, so a canvas painted irregularly records with its true
//!   timing. Pausing sets the pipeline to `PAUSED`, which stops its running time (the paused span
//!   is left out of the recording) and the live audio source with it; frames that arrive while
//!   paused are dropped.
//! * The video size is fixed by the first frame (even sides of at least 16 pixels: smaller
//!   frames are scaled up, as GStreamer's Matroska muxer takes nothing smaller); later size
//!   changes (a resized canvas) are scaled to it, as encoders and WebM need one size per track.
//! * Muxers run in streaming mode (no seeking back), so bytes leave as they are produced; the
//!   Media thread gathers them into chunks (`timeslice`) and answers `requestData()`/`stop()`.
//!   `stop()` sends end-of-stream into every input and answers once the muxer has written its
//!   tail, so the last chunk holds everything.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use base::VideoFrame;
use crossbeam_channel::Sender;
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use media_traits::error::MediaError;
use media_traits::messages::SinkId;
use media_traits::recorder::{
    AudioCodec, Container, EnabledFlag, KeyFrames, MediaKind, RecordedTrack, RecorderConfig, RecorderFormat,
    RecorderId, RecorderSupport, VideoCodec,
};

use crate::elements::ElementMaker;
use crate::pipeline::Internal;

/// The UA's minimum time slice.
const MIN_TIMESLICE: std::time::Duration = std::time::Duration::from_millis(10);

/// Automatic key frames: at most this many frames apart.
const AUTO_KEY_FRAME_DISTANCE: u32 = 100;

/// One video input: the recorder's `appsrc` and what its callback needs.
pub struct VideoInput {
    /// The source it records.
    pub source: base::SourceId,
    /// The branch on that source's tee (detached at stop).
    pub branch: SinkId,
    /// Fed by the Media thread itself, frame by frame as they are pushed (canvas and media-file
    /// sources), rather than by a tee branch: the frames painted before stop() are all in.
    pub direct: bool,
    feeder: Arc<Feeder>,
}

/// Pushes frames of one video track into the recorder, on the source's streaming thread.
struct Feeder {
    appsrc: gst_app::AppSrc,
    scale_caps: gst::Element,
    pipeline: gst::Pipeline,
    shared: Arc<Shared>,
    enabled: EnabledFlag,
    key_frames: KeyFrames,
    state: Mutex<FeedState>,
}

#[derive(Default)]
struct FeedState {
    caps: Option<gst::Caps>,
    size: Option<(u32, u32)>,
    last_pts: Option<gst::ClockTime>,
    frames_since_key: u32,
    last_key: Option<gst::ClockTime>,
    black: Option<(gst::Caps, gst::Buffer)>,
}

/// State shared by the Media thread and the streaming threads.
struct Shared {
    paused: AtomicBool,
    stopping: AtomicBool,
    frames: AtomicU64,
}

/// One audio input fed by a media file's player (its decoded audio, re-stamped on arrival).
#[derive(Clone)]
pub struct AudioInput {
    /// The media file's source.
    pub source: base::SourceId,
    appsrc: gst_app::AppSrc,
    shared: Arc<Shared>,
    enabled: EnabledFlag,
}

impl AudioInput {
    /// Pushes decoded audio (silence while the track is disabled); nothing while paused.
    pub fn push(&self, buffer: &gst::Buffer) {
        if self.shared.paused.load(Ordering::Acquire) || self.shared.stopping.load(Ordering::Acquire) {
            return;
        }
        let mut copy =
            if self.enabled.get() { buffer.copy() } else { gst::Buffer::from_mut_slice(vec![0u8; buffer.size()]) };
        {
            let b = copy.get_mut().expect("a fresh copy is writable");
            b.set_pts(gst::ClockTime::NONE);
            b.set_dts(gst::ClockTime::NONE);
        }
        let _ = self.appsrc.push_buffer(copy);
    }

    /// Sets the input's caps (the player's decoded audio format).
    pub fn set_caps(&self, caps: &gst::Caps) {
        self.appsrc.set_caps(Some(caps));
    }

    /// Whether this input is `other` (to unsubscribe it).
    pub fn same(&self, other: &AudioInput) -> bool {
        self.appsrc == other.appsrc
    }
}

/// One Web Audio input: the render thread's blocks, stamped by sample count from the first
/// block's arrival in the recording's running time (blocks come in bursts of a few quanta, so
/// arrival times would jitter), re-synchronized after a gap (a pause, a suspended context).
struct WebAudioInput {
    appsrc: gst_app::AppSrc,
    pipeline: gst::Pipeline,
    shared: Arc<Shared>,
    enabled: EnabledFlag,
    rate: u32,
    channels: u32,
    next_pts: Option<gst::ClockTime>,
}

impl WebAudioInput {
    /// Called on the render thread with each block (silence while the track is disabled;
    /// nothing while paused or stopping).
    fn push(&mut self, block: &media_traits::webaudio::AudioBlock<'_>) {
        if self.shared.paused.load(Ordering::Acquire) || self.shared.stopping.load(Ordering::Acquire) {
            self.next_pts = None;
            return;
        }
        let (Some(clock), Some(base)) = (self.pipeline.clock(), self.pipeline.base_time()) else { return };
        let now = clock.time().saturating_sub(base);
        let in_channels = block.channels.max(1) as usize;
        let frames = block.samples.len() / in_channels;
        let out_channels = self.channels as usize;
        let mut bytes = Vec::with_capacity(frames * out_channels * 4);
        for frame in block.samples.chunks_exact(in_channels) {
            for c in 0..out_channels {
                // A block with fewer channels than recorded (channelCount lowered) repeats its
                // last one; extra channels are dropped.
                let v = if self.enabled.get() { frame[c.min(in_channels - 1)] } else { 0.0 };
                bytes.extend_from_slice(&v.to_le_bytes());
            }
        }
        let duration = gst::ClockTime::from_nseconds(frames as u64 * 1_000_000_000 / u64::from(self.rate));
        let pts = match self.next_pts {
            Some(next) if next.nseconds().abs_diff(now.nseconds()) < 200_000_000 => next,
            _ => now,
        };
        self.next_pts = Some(pts + duration);
        let mut buffer = gst::Buffer::from_mut_slice(bytes);
        // A buffer made here has one reference, so it is writable.
        if let Some(b) = buffer.get_mut() {
            b.set_pts(pts);
            b.set_duration(duration);
        }
        let _ = self.appsrc.push_buffer(buffer);
    }
}

/// The muxer of `container`.
fn muxer(container: Container) -> &'static str {
    match container {
        Container::WebM => "webmmux",
        Container::Matroska => "matroskamux",
        Container::Mp4 => "mp4mux",
        Container::Ogg => "oggmux",
    }
}

/// Every GStreamer element a recording in `format` is made of.
pub fn needed_elements(format: &RecorderFormat) -> Vec<&'static str> {
    let mut needed = vec![muxer(format.container), "appsrc", "appsink", "queue"];
    if let Some(v) = format.video {
        needed.extend(["videoconvert", "videoscale", "capsfilter"]);
        needed.extend(match v {
            VideoCodec::Vp8 => ["vp8enc"].as_slice(),
            VideoCodec::Vp9 => ["vp9enc"].as_slice(),
            VideoCodec::H264 => ["openh264enc", "h264parse"].as_slice(),
        });
    }
    if let Some(a) = format.audio {
        needed.extend(["audiotestsrc", "audioconvert", "audioresample"]);
        needed.push(match a {
            AudioCodec::Opus => "opusenc",
            AudioCodec::Pcm => "capsfilter",
        });
    }
    needed
}

/// What `maker` can record: each container, video codec and audio codec whose elements exist
/// (each checked with the elements every recording needs; a codec without its muxer).
pub fn support(maker: &dyn ElementMaker) -> RecorderSupport {
    let all = RecorderSupport::everything();
    let base = RecorderFormat { kind: MediaKind::Video, container: Container::Matroska, video: None, audio: None };
    let can = |format: RecorderFormat| {
        let skip = if format.video.is_some() || format.audio.is_some() { muxer(format.container) } else { "" };
        let needed: Vec<&str> = needed_elements(&format).into_iter().filter(|e| *e != skip).collect();
        maker.require(&needed).is_ok()
    };
    RecorderSupport {
        containers: all.containers.into_iter().filter(|&container| can(RecorderFormat { container, ..base })).collect(),
        video: all.video.into_iter().filter(|&v| can(RecorderFormat { video: Some(v), ..base })).collect(),
        audio: all.audio.into_iter().filter(|&a| can(RecorderFormat { audio: Some(a), ..base })).collect(),
    }
}

/// A running recording.
pub struct Recorder {
    /// Its id.
    pub id: RecorderId,
    pipeline: gst::Pipeline,
    /// Video inputs (their tee branches are detached by the Media thread).
    pub videos: Vec<VideoInput>,
    audio_sources: Vec<gst::Element>,
    /// Audio inputs from media files (subscribed to their players by the Media thread).
    pub media_audio: Vec<AudioInput>,
    /// Web Audio inputs: the taps subscribed to (unsubscribed when the recorder goes).
    web_audio: Vec<(media_traits::webaudio::AudioTap, u64)>,
    web_audio_srcs: Vec<gst_app::AppSrc>,
    shared: Arc<Shared>,
    /// Bytes gathered since the last chunk was handed out.
    pub chunk: Vec<u8>,
    /// When the first byte of `chunk` came.
    pub chunk_started: Option<Instant>,
    /// When the first byte of the first chunk came (timecodes count from it).
    pub first_chunk: Option<Instant>,
    /// `start(timeslice)`.
    pub timeslice: Option<std::time::Duration>,
    /// Whether stop() was asked (the reply waits for the muxer's end).
    pub stopping: bool,
    /// Gathered bytes are dropped (the stream's content became inaccessible to the page).
    pub discard: bool,
}

fn make(maker: &dyn ElementMaker, name: &str) -> Result<gst::Element, MediaError> {
    maker.make(name)
}

/// Ends an input's element `chain` with a queue, adds it to `pipeline` and links it, in order,
/// into `mux`.
fn link_into_mux(
    maker: &dyn ElementMaker,
    pipeline: &gst::Pipeline,
    mut chain: Vec<gst::Element>,
    mux: &gst::Element,
) -> Result<(), MediaError> {
    let queue = make(maker, "queue")?;
    chain.push(queue.clone());
    pipeline.add_many(&chain).map_err(not_supported)?;
    gst::Element::link_many(&chain).map_err(not_supported)?;
    queue.link(mux).map_err(not_supported)?;
    Ok(())
}

fn not_supported(what: impl std::fmt::Display) -> MediaError {
    MediaError::NotSupported(format!("the recorder could not be built: {what}"))
}

impl Recorder {
    /// Builds and starts the pipeline of `config`. Video inputs are returned unattached: the
    /// caller adds a branch on each source's tee that calls [`Recorder::feed`].
    pub fn new(
        id: RecorderId,
        config: &RecorderConfig,
        maker: &dyn ElementMaker,
        internal: Sender<Internal>,
    ) -> Result<Recorder, MediaError> {
        let format = config.format;
        let mux_name = muxer(format.container);
        maker.require(&needed_elements(&format))?;

        let pipeline = gst::Pipeline::new();
        pipeline.use_clock(Some(&gst::SystemClock::obtain()));
        let fail = |e: glib::BoolError| not_supported(e);
        let mux = make(maker, mux_name)?;
        match format.container {
            Container::WebM | Container::Matroska => mux.set_property("streamable", true),
            // Fragments make the MP4 flow while recording (a "moov" at the end would need seeking).
            Container::Mp4 => {
                mux.set_property("fragment-duration", 500u32);
                mux.set_property("streamable", true);
            }
            Container::Ogg => {}
        }
        let out = gst_app::AppSink::builder().sync(false).build();
        out.set_property("async", false);
        let tx = internal.clone();
        out.set_callbacks(
            gst_app::AppSinkCallbacks::builder()
                .new_sample(move |sink| {
                    let sample = sink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                    if let Some(buffer) = sample.buffer()
                        && let Ok(map) = buffer.map_readable()
                    {
                        let _ = tx.send(Internal::RecorderBytes(id, map.as_slice().to_vec()));
                    }
                    Ok(gst::FlowSuccess::Ok)
                })
                .build(),
        );
        pipeline.add_many([&mux, out.upcast_ref()]).map_err(fail)?;
        mux.link(&out).map_err(fail)?;

        let shared = Arc::new(Shared {
            paused: AtomicBool::new(false),
            stopping: AtomicBool::new(false),
            frames: AtomicU64::new(0),
        });
        let video_tracks = config.tracks.iter().filter(|t| matches!(t, RecordedTrack::Video { .. })).count().max(1);
        let audio_tracks = config
            .tracks
            .iter()
            .filter(|t| {
                matches!(
                    t,
                    RecordedTrack::FakeMicrophone { .. }
                        | RecordedTrack::MediaAudio { .. }
                        | RecordedTrack::WebAudio { .. }
                )
            })
            .count()
            .max(1);
        let mut videos = Vec::new();
        let mut audio_sources = Vec::new();
        let mut media_audio = Vec::new();
        let mut web_audio = Vec::new();
        let mut web_audio_srcs = Vec::new();
        let audio_encoder = |codec: AudioCodec| -> Result<gst::Element, MediaError> {
            match codec {
                AudioCodec::Opus => {
                    let enc = make(maker, "opusenc")?;
                    let bitrate = (config.bitrates.audio / audio_tracks as u32).clamp(4_000, 650_000);
                    enc.set_property("bitrate", bitrate as i32);
                    Ok(enc)
                }
                AudioCodec::Pcm => {
                    let caps = make(maker, "capsfilter")?;
                    caps.set_property("caps", gst::Caps::builder("audio/x-raw").field("format", "S16LE").build());
                    Ok(caps)
                }
            }
        };
        for track in &config.tracks {
            match track {
                RecordedTrack::Video { source, enabled } => {
                    let codec = format.video.ok_or_else(|| not_supported("no video codec for a video track"))?;
                    let appsrc = gst_app::AppSrc::builder()
                        .format(gst::Format::Time)
                        .is_live(true)
                        .do_timestamp(false)
                        .stream_type(gst_app::AppStreamType::Stream)
                        .build();
                    // An encoder that falls behind drops frames at the source instead of
                    // growing the queue without bound (about two seconds of frames). The
                    // limit is in frames only: appsrc's default `max-bytes` (200 000) is
                    // less than one 320×240 RGBA frame, and with a leaky queue every frame
                    // that had to wait behind another was dropped (a busy machine lost a
                    // third of a recording's frames).
                    appsrc.set_property("max-buffers", 60u64);
                    appsrc.set_property("max-bytes", 0u64);
                    appsrc.set_property("max-time", 0u64);
                    appsrc.set_property_from_str("leaky-type", "downstream");
                    let convert = make(maker, "videoconvert")?;
                    let scale = make(maker, "videoscale")?;
                    let scale_caps = make(maker, "capsfilter")?;
                    let bitrate = (config.bitrates.video / video_tracks as u32).max(1_000);
                    let mut chain: Vec<gst::Element> =
                        vec![appsrc.clone().upcast(), convert, scale, scale_caps.clone()];
                    match codec {
                        VideoCodec::Vp8 | VideoCodec::Vp9 => {
                            let enc = make(maker, if codec == VideoCodec::Vp8 { "vp8enc" } else { "vp9enc" })?;
                            enc.set_property("deadline", 1i64);
                            enc.set_property("cpu-used", 8i32);
                            enc.set_property("lag-in-frames", 0i32);
                            enc.set_property("threads", 2i32);
                            enc.set_property("target-bitrate", bitrate as i32);
                            enc.set_property_from_str("end-usage", "cbr");
                            let distance = match config.key_frames {
                                KeyFrames::Auto => AUTO_KEY_FRAME_DISTANCE as i32,
                                // Key frames are forced by the feeder; the encoder adds none.
                                _ => i32::MAX / 2,
                            };
                            enc.set_property("keyframe-max-dist", distance);
                            chain.push(enc);
                        }
                        VideoCodec::H264 => {
                            let enc = make(maker, "openh264enc")?;
                            enc.set_property("bitrate", bitrate);
                            let gop = match config.key_frames {
                                KeyFrames::Auto => AUTO_KEY_FRAME_DISTANCE,
                                _ => u32::MAX / 2,
                            };
                            enc.set_property("gop-size", gop);
                            chain.push(enc);
                            chain.push(make(maker, "h264parse")?);
                        }
                    }
                    link_into_mux(maker, &pipeline, chain, &mux)?;
                    let feeder = Arc::new(Feeder {
                        appsrc,
                        scale_caps,
                        pipeline: pipeline.clone(),
                        shared: shared.clone(),
                        enabled: enabled.clone(),
                        key_frames: config.key_frames,
                        state: Mutex::new(FeedState::default()),
                    });
                    videos.push(VideoInput { source: *source, branch: SinkId::next(), direct: false, feeder });
                }
                RecordedTrack::FakeMicrophone { enabled } => {
                    let codec = format.audio.ok_or_else(|| not_supported("no audio codec for an audio track"))?;
                    let src = make(maker, "audiotestsrc")?;
                    src.set_property("is-live", true);
                    src.set_property_from_str("wave", "sine");
                    src.set_property("freq", media_traits::recorder::FAKE_MICROPHONE_TONE_HZ);
                    src.set_property("volume", media_traits::recorder::FAKE_MICROPHONE_TONE_VOLUME);
                    // Silence while the track is disabled.
                    let enabled = enabled.clone();
                    if let Some(pad) = src.static_pad("src") {
                        pad.add_probe(gst::PadProbeType::BUFFER, move |_, info| {
                            if !enabled.get()
                                && let Some(gst::PadProbeData::Buffer(buffer)) = info.data.as_mut()
                                && let Ok(mut map) = buffer.make_mut().map_writable()
                            {
                                map.as_mut_slice().fill(0);
                            }
                            gst::PadProbeReturn::Ok
                        });
                    }
                    let mut chain = vec![src.clone(), make(maker, "audioconvert")?, make(maker, "audioresample")?];
                    match codec {
                        AudioCodec::Opus => {
                            let enc = make(maker, "opusenc")?;
                            let bitrate = (config.bitrates.audio / audio_tracks as u32).clamp(4_000, 650_000);
                            enc.set_property("bitrate", bitrate as i32);
                            chain.push(enc);
                        }
                        AudioCodec::Pcm => {
                            let caps = make(maker, "capsfilter")?;
                            caps.set_property(
                                "caps",
                                gst::Caps::builder("audio/x-raw").field("format", "S16LE").build(),
                            );
                            chain.push(caps);
                        }
                    }
                    link_into_mux(maker, &pipeline, chain, &mux)?;
                    audio_sources.push(src);
                }
                RecordedTrack::WebAudio { tap, rate, channels, enabled } => {
                    let codec = format.audio.ok_or_else(|| not_supported("no audio codec for an audio track"))?;
                    let (rate, channels) = ((*rate).max(1), (*channels).clamp(1, 32));
                    let caps = gst::Caps::builder("audio/x-raw")
                        .field("format", "F32LE")
                        .field("layout", "interleaved")
                        .field("rate", rate as i32)
                        .field("channels", channels as i32)
                        .build();
                    let appsrc = gst_app::AppSrc::builder()
                        .format(gst::Format::Time)
                        .is_live(true)
                        .do_timestamp(false)
                        .caps(&caps)
                        .stream_type(gst_app::AppStreamType::Stream)
                        .build();
                    let mut chain: Vec<gst::Element> =
                        vec![appsrc.clone().upcast(), make(maker, "audioconvert")?, make(maker, "audioresample")?];
                    chain.push(audio_encoder(codec)?);
                    link_into_mux(maker, &pipeline, chain, &mux)?;
                    let input = WebAudioInput {
                        appsrc: appsrc.clone(),
                        pipeline: pipeline.clone(),
                        shared: shared.clone(),
                        enabled: enabled.clone(),
                        rate,
                        channels,
                        next_pts: None,
                    };
                    let input = Mutex::new(input);
                    match tap.subscribe(move |block| input.lock().unwrap_or_else(PoisonError::into_inner).push(block)) {
                        Some(token) => web_audio.push((tap.clone(), token)),
                        // The track ended before the recording started: the input only ends.
                        None => {
                            let _ = appsrc.end_of_stream();
                        }
                    }
                    web_audio_srcs.push(appsrc);
                }
                RecordedTrack::MediaAudio { source, enabled } => {
                    let codec = format.audio.ok_or_else(|| not_supported("no audio codec for an audio track"))?;
                    let appsrc = gst_app::AppSrc::builder()
                        .format(gst::Format::Time)
                        .is_live(true)
                        .do_timestamp(true)
                        .stream_type(gst_app::AppStreamType::Stream)
                        .build();
                    let mut chain: Vec<gst::Element> =
                        vec![appsrc.clone().upcast(), make(maker, "audioconvert")?, make(maker, "audioresample")?];
                    chain.push(audio_encoder(codec)?);
                    link_into_mux(maker, &pipeline, chain, &mux)?;
                    media_audio.push(AudioInput {
                        source: *source,
                        appsrc,
                        shared: shared.clone(),
                        enabled: enabled.clone(),
                    });
                }
            }
        }

        let bus = pipeline.bus().expect("pipelines have a bus");
        bus.set_sync_handler(move |_, msg| {
            match msg.view() {
                gst::MessageView::Error(e) => {
                    let _ = internal.send(Internal::RecorderError(id, e.error().to_string()));
                }
                gst::MessageView::Eos(_) => {
                    let _ = internal.send(Internal::RecorderEos(id));
                }
                _ => {}
            }
            gst::BusSyncReply::Drop
        });
        if pipeline.set_state(gst::State::Playing).is_err() {
            let _ = pipeline.set_state(gst::State::Null);
            return Err(MediaError::Unknown("the recording pipeline could not start".into()));
        }
        Ok(Recorder {
            id,
            pipeline,
            videos,
            audio_sources,
            media_audio,
            web_audio,
            web_audio_srcs,
            shared,
            chunk: Vec::new(),
            chunk_started: None,
            first_chunk: None,
            timeslice: config.timeslice.map(|ms| std::time::Duration::from_millis(u64::from(ms))),
            stopping: false,
            discard: false,
        })
    }

    /// The callback a source's recorder branch runs for each frame of video input `index`.
    pub fn feeder(&self, index: usize) -> impl Fn(gst::Sample) + Send + Sync + 'static {
        let feeder = self.videos[index].feeder.clone();
        move |sample| {
            if let (Some(buffer), Some(caps)) = (sample.buffer_owned(), sample.caps_owned()) {
                feeder.push(buffer, caps);
            }
        }
    }

    /// Pushes a frame the Media thread holds (a canvas's paint, a media file's frame).
    pub fn push_frame(&self, index: usize, frame: &VideoFrame) {
        if let Some(input) = self.videos.get(index)
            && let Ok((buffer, caps)) = crate::canvas::frame_buffer(frame)
        {
            input.feeder.push(buffer, caps);
        }
    }

    /// pause()/resume().
    pub fn set_paused(&self, paused: bool) {
        if self.shared.paused.swap(paused, Ordering::AcqRel) == paused || self.stopping {
            return;
        }
        let state = if paused { gst::State::Paused } else { gst::State::Playing };
        if self.pipeline.set_state(state).is_err() {
            log::warn!("{}: could not switch to {state:?}", self.id);
        }
    }

    /// Ends every input; the muxer then writes its tail and the bus reports end-of-stream.
    pub fn finish(&mut self) {
        self.stopping = true;
        self.shared.stopping.store(true, Ordering::Release);
        if self.shared.paused.swap(false, Ordering::AcqRel) {
            let _ = self.pipeline.set_state(gst::State::Playing);
        }
        for v in &self.videos {
            let _ = v.feeder.appsrc.end_of_stream();
        }
        for a in &self.audio_sources {
            a.send_event(gst::event::Eos::new());
        }
        for a in &self.media_audio {
            let _ = a.appsrc.end_of_stream();
        }
        // The render thread may still push a block after this; appsrc refuses it once ended.
        for (tap, token) in self.web_audio.drain(..) {
            tap.unsubscribe(token);
        }
        for a in &self.web_audio_srcs {
            let _ = a.end_of_stream();
        }
    }

    /// Frames pushed so far (tests and benches).
    pub fn frames(&self) -> u64 {
        self.shared.frames.load(Ordering::Relaxed)
    }

    /// Takes the gathered bytes as a chunk: its bytes and its timecode (milliseconds from the
    /// first chunk's first byte; 0 for the first chunk).
    pub fn take_chunk(&mut self, now: Instant) -> (Vec<u8>, f64) {
        if self.discard {
            self.chunk.clear();
        }
        let started = self.chunk_started.take().unwrap_or(now);
        let first = *self.first_chunk.get_or_insert(started);
        let timecode = started.saturating_duration_since(first).as_secs_f64() * 1000.0;
        (std::mem::take(&mut self.chunk), timecode)
    }

    /// Adds muxer output.
    pub fn gather(&mut self, bytes: Vec<u8>, now: Instant) {
        if self.discard {
            return;
        }
        if self.chunk_started.is_none() {
            self.chunk_started = Some(now);
        }
        self.chunk.extend_from_slice(&bytes);
    }

    /// When the current chunk's timeslice ends, if one is gathering.
    pub fn next_chunk_deadline(&self) -> Option<Instant> {
        match (self.timeslice, self.chunk_started) {
            (Some(slice), Some(started)) => Some(started + slice.max(MIN_TIMESLICE)),
            _ => None,
        }
    }

    /// Whether a timeslice chunk is due.
    pub fn chunk_due(&self, now: Instant) -> bool {
        match (self.timeslice, self.chunk_started) {
            (Some(slice), Some(started)) => {
                !self.chunk.is_empty() && now.duration_since(started) >= slice.max(MIN_TIMESLICE)
            }
            _ => false,
        }
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        for (tap, token) in self.web_audio.drain(..) {
            tap.unsubscribe(token);
        }
        let _ = self.pipeline.set_state(gst::State::Null);
        if let Some(bus) = self.pipeline.bus() {
            bus.unset_sync_handler();
        }
    }
}

/// The smallest side a recorded video has (see `Feeder::push`).
const MIN_RECORDED_SIDE: i32 = 16;

impl Feeder {
    fn push(&self, buffer: gst::Buffer, caps: gst::Caps) {
        if self.shared.paused.load(Ordering::Acquire) || self.shared.stopping.load(Ordering::Acquire) {
            return;
        }
        // Capture time: now, in the recorder's running time (which stops while paused).
        let (Some(clock), Some(base)) = (self.pipeline.clock(), self.pipeline.base_time()) else { return };
        let now = clock.time();
        let mut running = now.saturating_sub(base);
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(last) = state.last_pts
            && running <= last
        {
            running = last + gst::ClockTime::from_useconds(1);
        }
        state.last_pts = Some(running);
        let Ok(info) = gstreamer_video::VideoInfo::from_caps(&caps) else { return };
        if state.size.is_none() {
            state.size = Some((info.width(), info.height()));
            // Even sides (H.264 needs them), and at least 16 pixels: GStreamer's Matroska and WebM
            // muxers take no smaller video, so a smaller canvas is recorded scaled up to it
            // (without this its recording failed with not-negotiated).
            let fixed = gstreamer_video::VideoCapsBuilder::new()
                .format(gstreamer_video::VideoFormat::I420)
                .width((info.width() as i32 & !1).max(MIN_RECORDED_SIDE))
                .height((info.height() as i32 & !1).max(MIN_RECORDED_SIDE))
                .pixel_aspect_ratio(gst::Fraction::new(1, 1))
                .build();
            self.scale_caps.set_property("caps", fixed);
        }
        let (caps, buffer) = if self.enabled.get() {
            (caps, buffer)
        } else {
            // "the UA will only record black frames": an opaque black RGBA frame of the same size.
            let (w, h) = (info.width(), info.height());
            let cached = state.black.as_ref().filter(|(c, _)| {
                gstreamer_video::VideoInfo::from_caps(c).is_ok_and(|i| (i.width(), i.height()) == (w, h))
            });
            match cached {
                Some((c, b)) => (c.clone(), b.clone()),
                None => {
                    let mut pixels = vec![0u8; w as usize * h as usize * 4];
                    pixels.chunks_exact_mut(4).for_each(|p| p[3] = 255);
                    let c = gstreamer_video::VideoCapsBuilder::new()
                        .format(gstreamer_video::VideoFormat::Rgba)
                        .width(w as i32)
                        .height(h as i32)
                        .framerate(gst::Fraction::new(0, 1))
                        .build();
                    let b = gst::Buffer::from_mut_slice(pixels);
                    state.black = Some((c.clone(), b.clone()));
                    (c, b)
                }
            }
        };
        if state.caps.as_ref() != Some(&caps) {
            self.appsrc.set_caps(Some(&caps));
            state.caps = Some(caps);
        }
        let force_key = match self.key_frames {
            KeyFrames::Auto => false,
            KeyFrames::Count(n) => state.frames_since_key >= n.max(1),
            KeyFrames::Duration(ms) => state.last_key.is_some_and(|k| {
                running.saturating_sub(k) >= gst::ClockTime::from_nseconds((ms.max(0.0) * 1e6) as u64)
            }),
        };
        if force_key || state.last_key.is_none() {
            state.frames_since_key = 0;
            state.last_key = Some(running);
            if force_key {
                let event = gstreamer_video::DownstreamForceKeyUnitEvent::builder().all_headers(true).build();
                self.appsrc.send_event(event);
            }
        }
        state.frames_since_key += 1;
        drop(state);
        // A shallow copy shares the source's memory; only the timestamps are ours.
        let mut buffer = buffer.copy();
        {
            let b = buffer.get_mut().expect("a fresh copy is writable");
            b.set_pts(running);
            b.set_dts(gst::ClockTime::NONE);
            b.set_duration(gst::ClockTime::NONE);
        }
        if self.appsrc.push_buffer(buffer).is_ok() {
            self.shared.frames.fetch_add(1, Ordering::Relaxed);
        }
    }
}

//! What `MediaRecorder` can record, shared by script (which answers `isTypeSupported()` and
//! derives `mimeType`) and the Media thread (which builds the encoding pipeline from it).
//!
//! <https://w3c.github.io/mediacapture-record/#dom-mediarecorder-istypesupported>
//!
//! Containers and codecs are the ones the bootstrap's GStreamer plugins encode and mux on this
//! host (measured with `gst-launch-1.0`, GStreamer 1.22): WebM with VP8/VP9 and Opus, Matroska
//! with VP8/VP9/H.264 and Opus/PCM, fragmented MP4 with H.264 (OpenH264) and Opus, Ogg with
//! Opus. Not offered: AV1 (the `aom` encoder is far from real time on two cores), HEVC and AAC
//! (`x265enc` and `voaacenc` are installed, but Debian's Chromium records neither), VP9 in MP4
//! (1.22's `mp4mux` refuses it), Vorbis (no engine records it; pages that ask get `false`).
//!
//! Aperture knows every encoder it has when the page asks, so it answers codecs outside the
//! spec's "list of synchronously exposed codec identifiers" exactly too, in the constructor as
//! in `isTypeSupported()` (as Chromium does and the WPT expects): the constructor never accepts a
//! type that `start()` would then fail on asynchronously.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// A recorder, named in Media-thread commands and events.
#[derive(Clone, Copy, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub struct RecorderId(pub u64);

impl RecorderId {
    /// A fresh id, unique in this process.
    pub fn next() -> RecorderId {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        RecorderId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

impl std::fmt::Display for RecorderId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "recorder#{}", self.0)
    }
}

/// A container format.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Container {
    /// WebM (`webmmux`).
    WebM,
    /// Matroska (`matroskamux`).
    Matroska,
    /// Fragmented MP4 (`mp4mux` with fragments, so data flows while recording).
    Mp4,
    /// Ogg (`oggmux`), audio only.
    Ogg,
}

/// A video codec.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum VideoCodec {
    /// VP8 (`vp8enc`).
    Vp8,
    /// VP9 (`vp9enc`).
    Vp9,
    /// H.264 (`openh264enc`), named `avc1` in MIME types.
    H264,
}

/// An audio codec.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum AudioCodec {
    /// Opus (`opusenc`).
    Opus,
    /// 16-bit PCM (Matroska only).
    Pcm,
}

/// `type/subtype` of a recording.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum MediaKind {
    /// `video/…`.
    Video,
    /// `audio/…` (no video track can be recorded).
    Audio,
}

/// A parsed, supported MIME type: what the page constrained (codecs it named, or `None`).
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct ConstrainedType {
    /// `video/` or `audio/`.
    pub kind: MediaKind,
    /// The container.
    pub container: Container,
    /// The video codec named in `codecs=`.
    pub video: Option<VideoCodec>,
    /// The audio codec named in `codecs=`.
    pub audio: Option<AudioCodec>,
    /// Whether `codecs=` was present (then a track kind with no codec named cannot be recorded).
    pub codecs_given: bool,
}

/// The configuration a recording runs with: the container and one codec per track kind present.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct RecorderFormat {
    /// `video/` or `audio/` in the MIME type.
    pub kind: MediaKind,
    /// The container.
    pub container: Container,
    /// The codec of the video tracks, if any is recorded.
    pub video: Option<VideoCodec>,
    /// The codec of the audio tracks, if any is recorded.
    pub audio: Option<AudioCodec>,
}

fn container_of(essence: &str) -> Option<(MediaKind, Container)> {
    Some(match essence {
        "video/webm" => (MediaKind::Video, Container::WebM),
        "audio/webm" => (MediaKind::Audio, Container::WebM),
        "video/x-matroska" | "video/matroska" => (MediaKind::Video, Container::Matroska),
        "audio/x-matroska" | "audio/matroska" => (MediaKind::Audio, Container::Matroska),
        "video/mp4" => (MediaKind::Video, Container::Mp4),
        "audio/mp4" => (MediaKind::Audio, Container::Mp4),
        "audio/ogg" => (MediaKind::Audio, Container::Ogg),
        _ => return None,
    })
}

enum Codec {
    Video(VideoCodec),
    Audio(AudioCodec),
}

/// A codec identifier (the part before the first "."), if Aperture can encode it.
fn codec_of(identifier: &str) -> Option<Codec> {
    Some(match identifier {
        "vp8" => Codec::Video(VideoCodec::Vp8),
        "vp9" | "vp09" => Codec::Video(VideoCodec::Vp9),
        "h264" | "avc1" | "avc3" => Codec::Video(VideoCodec::H264),
        "opus" => Codec::Audio(AudioCodec::Opus),
        "pcm" => Codec::Audio(AudioCodec::Pcm),
        _ => return None,
    })
}

fn container_takes_video(container: Container, codec: VideoCodec) -> bool {
    match container {
        Container::WebM => matches!(codec, VideoCodec::Vp8 | VideoCodec::Vp9),
        Container::Matroska => true,
        Container::Mp4 => codec == VideoCodec::H264,
        Container::Ogg => false,
    }
}

fn container_takes_audio(container: Container, codec: AudioCodec) -> bool {
    match container {
        Container::Matroska => true,
        Container::WebM | Container::Mp4 | Container::Ogg => codec == AudioCodec::Opus,
    }
}

/// Splits a MIME type string into its lowercased essence and its parameters
/// (<https://mimesniff.spec.whatwg.org/#parse-a-mime-type>, enough of it to tell a valid MIME
/// type string: a type and subtype of token code points, `;`-separated `name=value` parameters
/// whose values may be quoted).
pub fn parse_mime_type(input: &str) -> Option<(String, Vec<(String, String)>)> {
    fn is_token(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    }
    let input = input.trim_matches(|c: char| c.is_ascii_whitespace());
    let (essence, mut rest) = match input.find(';') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => (input, ""),
    };
    let essence = essence.trim_end_matches(|c: char| c.is_ascii_whitespace());
    let (type_, subtype) = essence.split_once('/')?;
    if !is_token(type_) || !is_token(subtype) {
        return None;
    }
    let mut params = Vec::new();
    while !rest.is_empty() {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let name_end = rest.find([';', '=']).unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        if let Some(r) = rest.strip_prefix(';') {
            rest = r;
            continue;
        }
        let Some(r) = rest.strip_prefix('=') else { break };
        rest = r;
        let value;
        if let Some(r) = rest.strip_prefix('"') {
            let close = r.find('"')?;
            value = r[..close].to_owned();
            rest = &r[close + 1..];
            rest = match rest.find(';') {
                Some(i) => &rest[i + 1..],
                None => "",
            };
        } else {
            let end = rest.find(';').unwrap_or(rest.len());
            value = rest[..end].trim_end_matches(|c: char| c.is_ascii_whitespace()).to_owned();
            rest = if end < rest.len() { &rest[end + 1..] } else { "" };
        }
        if is_token(&name) && !params.iter().any(|(n, _)| *n == name) {
            params.push((name, value));
        }
    }
    Some((essence.to_ascii_lowercase(), params))
}

/// The "is type supported" algorithm: `Ok(None)` for the empty string (the UA chooses),
/// `Ok(Some(_))` for a supported type, `Err(())` when it is not supported.
///
/// <https://w3c.github.io/mediacapture-record/#is-type-supported>
pub fn constrained_type(type_: &str) -> Result<Option<ConstrainedType>, ()> {
    // 1. "If type is an empty string, then return true."
    if type_.is_empty() {
        return Ok(None);
    }
    // 2. "If type is not a valid MIME type string, then return false."
    let (essence, params) = parse_mime_type(type_).ok_or(())?;
    // 3. "If the MediaRecorder does not support the combination of media type/subtype, and
    //    container specified in type then return false."
    let (kind, container) = container_of(&essence).ok_or(())?;
    // 4. "Let codecStrings be the list result of strictly splitting on "," the string after
    //    codecs= if present in type, or an empty list otherwise."
    let codecs = params.iter().find(|(n, _)| n == "codecs").map(|(_, v)| v.as_str());
    let mut constrained = ConstrainedType { kind, container, video: None, audio: None, codecs_given: codecs.is_some() };
    for codec_string in codecs.map(|c| c.split(',').collect::<Vec<_>>()).unwrap_or_default() {
        // 7. "Let codecIdentifier be the ASCII lowercase of the first part of strictly
        //    splitting codecString on "."."
        let identifier = codec_string.trim().split('.').next().unwrap_or("").to_ascii_lowercase();
        // 8–9. Every identifier must be one Aperture records in this container.
        match codec_of(&identifier).ok_or(())? {
            Codec::Video(v) => {
                // 5. "If codecStrings contains more than one audio codec or more than one video
                //    codec, then return false." An audio/ type records no video.
                if constrained.video.is_some() || kind == MediaKind::Audio || !container_takes_video(container, v) {
                    return Err(());
                }
                constrained.video = Some(v);
            }
            Codec::Audio(a) => {
                if constrained.audio.is_some() || !container_takes_audio(container, a) {
                    return Err(());
                }
                constrained.audio = Some(a);
            }
        }
    }
    Ok(Some(constrained))
}

/// The recording formats the engine's media backend can make: those whose muxer and
/// encoders are installed (GStreamer plugins are packages of their own, and a machine
/// may lack some).
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct RecorderSupport {
    /// Containers whose muxer exists.
    pub containers: Vec<Container>,
    /// Video codecs whose encoder (and what it needs) exists.
    pub video: Vec<VideoCodec>,
    /// Audio codecs whose encoder (and what it needs) exists.
    pub audio: Vec<AudioCodec>,
}

impl RecorderSupport {
    /// Every format (a backend that can make them all, and unit tests).
    pub fn everything() -> RecorderSupport {
        RecorderSupport {
            containers: vec![Container::WebM, Container::Matroska, Container::Mp4, Container::Ogg],
            video: vec![VideoCodec::Vp8, VideoCodec::Vp9, VideoCodec::H264],
            audio: vec![AudioCodec::Opus, AudioCodec::Pcm],
        }
    }

    /// Whether a recording in `format` can be made.
    pub fn can_record(&self, format: &RecorderFormat) -> bool {
        self.containers.contains(&format.container)
            && format.video.is_none_or(|v| self.video.contains(&v))
            && format.audio.is_none_or(|a| self.audio.contains(&a))
    }
}

/// Whether `type_` is supported (`isTypeSupported()`): the type is one Aperture records, and
/// the format it stands for can be made with what `support` says is installed (a type without
/// `codecs=` stands for its default codec of its own kind: `video/webm` for VP8).
pub fn is_type_supported(type_: &str, support: &RecorderSupport) -> bool {
    match constrained_type(type_) {
        Err(()) => false,
        // "If type is an empty string, then return true": the UA chooses when recording starts.
        Ok(None) => true,
        Ok(Some(c)) => {
            let has_video = c.video.is_some() || (!c.codecs_given && c.kind == MediaKind::Video);
            let has_audio = c.audio.is_some() || (!c.codecs_given && c.kind == MediaKind::Audio);
            choose_format(Some(&c), has_video, has_audio).is_some_and(|f| support.can_record(&f))
        }
    }
}

/// The configuration for recording `video_tracks`/`audio_tracks` under `constrained`, or `None`
/// when a track cannot be recorded with it (`start()` then throws `NotSupportedError`).
pub fn choose_format(
    constrained: Option<&ConstrainedType>,
    has_video: bool,
    has_audio: bool,
) -> Option<RecorderFormat> {
    let Some(c) = constrained else {
        // The UA's choice, as Chromium's: WebM with VP8 and Opus (audio/webm for audio only).
        return Some(RecorderFormat {
            kind: if has_video || !has_audio { MediaKind::Video } else { MediaKind::Audio },
            container: Container::WebM,
            video: has_video.then_some(VideoCodec::Vp8),
            audio: has_audio.then_some(AudioCodec::Opus),
        });
    };
    let video = if has_video {
        if c.kind == MediaKind::Audio {
            return None;
        }
        match (c.video, c.codecs_given) {
            (Some(v), _) => Some(v),
            (None, true) => return None,
            (None, false) => Some(match c.container {
                Container::Mp4 => VideoCodec::H264,
                _ => VideoCodec::Vp8,
            }),
        }
    } else {
        None
    };
    let audio = if has_audio {
        match (c.audio, c.codecs_given) {
            (Some(a), _) => Some(a),
            (None, true) => return None,
            (None, false) => Some(AudioCodec::Opus),
        }
    } else {
        None
    };
    Some(RecorderFormat { kind: c.kind, container: c.container, video, audio })
}

impl RecorderFormat {
    /// The extended MIME type `mimeType` reports while recording, e.g. `video/webm;codecs=vp8,opus`.
    pub fn mime_type(&self) -> String {
        let kind = match self.kind {
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
        };
        let subtype = match self.container {
            Container::WebM => "webm",
            Container::Matroska => "x-matroska",
            Container::Mp4 => "mp4",
            Container::Ogg => "ogg",
        };
        let mut codecs = Vec::new();
        if let Some(v) = self.video {
            codecs.push(match v {
                VideoCodec::Vp8 => "vp8",
                VideoCodec::Vp9 => "vp9",
                // Constrained Baseline, level 4.0: what openh264enc produces.
                VideoCodec::H264 => "avc1.42c028",
            });
        }
        if let Some(a) = self.audio {
            codecs.push(match a {
                AudioCodec::Opus => "opus",
                AudioCodec::Pcm => "pcm",
            });
        }
        if codecs.is_empty() {
            format!("{kind}/{subtype}")
        } else {
            format!("{kind}/{subtype};codecs={}", codecs.join(","))
        }
    }
}

/// Bit rates the recorder targets, in bits per second.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct Bitrates {
    /// For all video tracks together.
    pub video: u32,
    /// For all audio tracks together.
    pub audio: u32,
}

/// Chromium's defaults: 2.5 Mbit/s video, 128 kbit/s audio.
pub const DEFAULT_VIDEO_BITS_PER_SECOND: u32 = 2_500_000;
/// See [`DEFAULT_VIDEO_BITS_PER_SECOND`].
pub const DEFAULT_AUDIO_BITS_PER_SECOND: u32 = 128_000;

impl Bitrates {
    /// The constructor's choice (steps "Initialize recorder's videoBitsPerSecond…"): the given
    /// per-kind values or the defaults; a total `bitsPerSecond` overrides both and is split so
    /// that the sum is the total (audio a tenth, at least 1 kbit/s and at most the default).
    pub fn choose(total: Option<u32>, video: Option<u32>, audio: Option<u32>) -> Bitrates {
        match total {
            Some(total) => {
                let audio = (total / 10).clamp(1_000, DEFAULT_AUDIO_BITS_PER_SECOND);
                Bitrates { video: total.saturating_sub(audio).max(1_000), audio }
            }
            None => Bitrates {
                video: video.unwrap_or(DEFAULT_VIDEO_BITS_PER_SECOND),
                audio: audio.unwrap_or(DEFAULT_AUDIO_BITS_PER_SECOND),
            },
        }
    }
}

/// When the video encoder makes key frames
/// (<https://w3c.github.io/mediacapture-record/#dom-mediarecorderoptions-videokeyframeintervalduration>).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeyFrames {
    /// The encoder decides (Aperture: one every 100 frames at most).
    Auto,
    /// The first frame after this many milliseconds since the last key frame.
    Duration(f64),
    /// The first frame after this many frames since the last key frame.
    Count(u32),
}

/// A track's `enabled` flag shared with the Media thread, which records black frames or silence
/// while it is false ("If any Track within the MediaStream is muted or not enabled at any time,
/// the UA will only record black frames or silence").
#[derive(Clone, Debug)]
pub struct EnabledFlag(Arc<AtomicBool>);

impl EnabledFlag {
    /// A flag set to `enabled`.
    pub fn new(enabled: bool) -> EnabledFlag {
        EnabledFlag(Arc::new(AtomicBool::new(enabled)))
    }
    /// Sets it.
    pub fn set(&self, enabled: bool) {
        self.0.store(enabled, Ordering::Relaxed);
    }
    /// Reads it.
    pub fn get(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// The fake microphone's signal, the same wherever it is heard (a recording, Web Audio): a sine
/// tone of this frequency (Hz)…
pub const FAKE_MICROPHONE_TONE_HZ: f64 = 440.0;
/// …and this peak amplitude.
pub const FAKE_MICROPHONE_TONE_VOLUME: f64 = 0.1;

/// One track to record.
#[derive(Clone, Debug)]
pub enum RecordedTrack {
    /// A video track of a Media-thread source.
    Video {
        /// The source.
        source: base::SourceId,
        /// The track's `enabled`.
        enabled: EnabledFlag,
    },
    /// An audio track of the fake microphone: a 440 Hz tone at -20 dBFS.
    FakeMicrophone {
        /// The track's `enabled`.
        enabled: EnabledFlag,
    },
    /// The track of a Web Audio `MediaStreamAudioDestinationNode`: the render thread's samples,
    /// through the node's tap.
    WebAudio {
        /// The node's tap.
        tap: crate::webaudio::AudioTap,
        /// The context's sample rate.
        rate: u32,
        /// Channels recorded (the node's `channelCount` at start; later blocks are fitted to it).
        channels: u32,
        /// The track's `enabled`.
        enabled: EnabledFlag,
    },
    /// The audio of a media file a `<video>`/`<audio>` plays (`captureStream()`).
    MediaAudio {
        /// The media element's source.
        source: base::SourceId,
        /// The track's `enabled`.
        enabled: EnabledFlag,
    },
}

/// What `StartRecorder` asks for.
#[derive(Clone, Debug)]
pub struct RecorderConfig {
    /// Container and codecs.
    pub format: RecorderFormat,
    /// Bit rates.
    pub bitrates: Bitrates,
    /// Key frame rule.
    pub key_frames: KeyFrames,
    /// `start(timeslice)`: data is delivered in chunks of at least this many milliseconds.
    pub timeslice: Option<u32>,
    /// The tracks.
    pub tracks: Vec<RecordedTrack>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supported_types() {
        for t in [
            "",
            "video/webm",
            "video/webm;codecs=vp8",
            "video/webm; codecs=\"vp8, opus\"",
            "video/webm;codecs=vp9.0,opus",
            "audio/webm; codecs=\"opus\"",
            "video/x-matroska;codecs=avc1.64003E,opus",
            "video/matroska; codecs=\"vp9\"",
            "audio/x-matroska; codecs=\"pcm\"",
            "video/mp4",
            "video/mp4; codecs=\"avc1.64003E\"",
            "audio/mp4; codecs=\"opus\"",
            "audio/ogg; codecs=\"opus\"",
            "VIDEO/WEBM;CODECS=VP8",
        ] {
            assert!(is_type_supported(t, &RecorderSupport::everything()), "{t}");
        }
        for t in [
            "audio/banana",
            "video/pineapple",
            "video/invalid",
            "video",
            "/webm",
            "video/webm; codecs=\"av1\"",
            "video/webm; codecs=\"vp8, vorbis\"",
            "video/webm; codecs=\"vp8, vp9\"",
            "audio/webm; codecs=\"vp8\"",
            "video/mp4; codecs=\"vp9\"",
            "video/mp4; codecs=\"avc1.64003E, mp4a.40.2\"",
            "audio/webm; codecs=\"pcm\"",
            "audio/aac",
            "video/ogg",
        ] {
            assert!(!is_type_supported(t, &RecorderSupport::everything()), "{t}");
        }
    }

    #[test]
    fn types_need_their_encoders_and_muxer() {
        // A machine without libvpx and libopus (gst-plugins-good's vpx, gst-plugins-base's opus).
        let support = RecorderSupport {
            containers: vec![Container::WebM, Container::Matroska, Container::Mp4],
            video: vec![VideoCodec::H264],
            audio: vec![AudioCodec::Pcm],
        };
        for t in ["", "video/mp4", "video/x-matroska;codecs=avc1.64003E", "audio/x-matroska;codecs=pcm"] {
            assert!(is_type_supported(t, &support), "{t}");
        }
        for t in [
            "video/webm",
            "video/webm;codecs=vp8",
            "video/webm;codecs=vp9",
            "audio/webm",
            "audio/ogg;codecs=opus",
            "video/mp4;codecs=avc1.64003E,opus",
        ] {
            assert!(!is_type_supported(t, &support), "{t}");
        }
    }

    #[test]
    fn formats_and_mime_types() {
        let f = choose_format(None, true, true).unwrap();
        assert_eq!(f.mime_type(), "video/webm;codecs=vp8,opus");
        assert_eq!(choose_format(None, false, true).unwrap().mime_type(), "audio/webm;codecs=opus");
        let c = constrained_type("video/webm;codecs=vp9").unwrap().unwrap();
        assert_eq!(choose_format(Some(&c), true, false).unwrap().mime_type(), "video/webm;codecs=vp9");
        assert_eq!(choose_format(Some(&c), true, true), None, "no audio codec named");
        let c = constrained_type("audio/ogg").unwrap().unwrap();
        assert_eq!(choose_format(Some(&c), true, false), None, "audio/ type with a video track");
        let c = constrained_type("video/mp4").unwrap().unwrap();
        assert_eq!(choose_format(Some(&c), true, true).unwrap().mime_type(), "video/mp4;codecs=avc1.42c028,opus");
    }

    #[test]
    fn bitrates() {
        assert_eq!(Bitrates::choose(None, None, Some(0)), Bitrates { video: 2_500_000, audio: 0 });
        let b = Bitrates::choose(Some(0), Some(1_000_000), Some(100_000));
        assert!(b.video > 0 && b.audio > 0 && b.video + b.audio < 100_000);
        let b = Bitrates::choose(Some(2_000_000), Some(0), Some(0));
        assert_eq!(b.video + b.audio, 2_000_000);
    }
}

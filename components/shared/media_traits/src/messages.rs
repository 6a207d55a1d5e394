//! Messages between script and the Media thread.
//!
//! Every command with a `request` field is a request and gets exactly one
//! [`MediaEvent::Reply`] naming it, success or error, even when its source
//! stops or the thread exits first. `PushFrame`, `CancelRequest` and `Exit`
//! are not requests. Other events are unsolicited and name their source.

use std::sync::atomic::{AtomicU64, Ordering};

use base::units::ImageSize;
use base::{RequestId, SourceId, VideoFrame};

use crate::constraints::MediaTrackConstraints;
use crate::error::{MediaError, MediaErrorKind};
use crate::photo::{PhotoCapabilities, PhotoOptions, PhotoSettings, PhotoState};
use crate::recorder::{RecorderConfig, RecorderId};
use crate::settings::TrackState;
use crate::slot::FrameSlot;

/// A `<video>` (or other) sink attached to a source.
#[derive(Clone, Copy, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub struct SinkId(pub u64);

impl SinkId {
    /// A fresh id, unique in this process.
    pub fn next() -> SinkId {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        SinkId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// Encoding of a photo.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum PhotoFormat {
    /// `image/jpeg` (the default).
    #[default]
    Jpeg,
    /// `image/png`.
    Png,
}

/// The test-only photo state that stands in for every source's device
/// (Chromium's `ImageCaptureTest` mock; see `wpt/resources/chromium/mock-imagecapture.js`).
#[derive(Clone, Debug, PartialEq)]
pub struct PhotoStateOverride {
    /// The mock's `state()`.
    pub state: PhotoState,
    /// The bytes every takePhoto() returns, unvalidated.
    pub photo_bytes: Vec<u8>,
    /// Their MIME type (e.g. `image/cat`).
    pub photo_mime_type: String,
}

/// What the override looks like after a command wrote options into it; script
/// mirrors `options` into the mock's `options()` and `state` into `state()`.
#[derive(Clone, Debug, PartialEq)]
pub struct OverrideEcho {
    /// The state after the options were applied.
    pub state: PhotoState,
    /// The options last pushed.
    pub options: PhotoOptions,
}

/// Test hooks for the built-in fake camera.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum FakeCameraAction {
    /// The camera disappears: its element fails like an unplugged webcam.
    Unplug,
    /// The camera stops delivering frames (the track becomes muted).
    Freeze,
    /// Frames flow again.
    Thaw,
    /// Test-only: the Media thread's handler for this command panics, as a bug
    /// would; the thread must answer the request with an error and go on.
    PanicInHandler,
}

/// One video input device (`MediaDeviceInfo`).
#[derive(Clone, Debug, PartialEq)]
pub struct DeviceInfo {
    /// A stable identifier, unique among devices (script may hash it per origin).
    pub device_id: String,
    /// Devices of one physical unit share it.
    pub group_id: String,
    /// Human-readable name.
    pub label: String,
    /// Whether this is Aperture's built-in fake camera.
    pub is_fake: bool,
    /// What `getCapabilities()` of a track opened from this device alone, with no
    /// constraints, would return (`InputDeviceInfo.getCapabilities()`); filled in by
    /// `EnumerateDevices`.
    pub capabilities: crate::settings::MediaTrackCapabilities,
}

/// An encoded photo.
#[derive(Clone, Debug, PartialEq)]
pub struct Photo {
    /// The encoded bytes.
    pub bytes: Vec<u8>,
    /// Their MIME type.
    pub mime_type: String,
    /// Pixel size of the photo (0×0 for an override photo).
    pub size: ImageSize,
    /// Set while a photo state override is installed.
    pub echo: Option<OverrideEcho>,
}

/// Counters of one source, for tests and benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SourceStats {
    /// Frames produced by the source (canvas: pushed; camera: delivered by the device).
    pub frames_in: u64,
    /// Frames handed to consumers (grabs and sinks).
    pub frames_out: u64,
    /// Full-frame pixel copies or conversions made on the way to consumers.
    pub copies: u64,
}

impl SourceStats {
    /// Copies per delivered frame.
    pub fn copies_per_frame(&self) -> f64 {
        if self.frames_out == 0 { 0.0 } else { self.copies as f64 / self.frames_out as f64 }
    }
}

/// Sizes of the Media thread's tables, for leak tests: each goes back to
/// where it was once what a page opened is stopped and collected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MediaThreadStats {
    /// Live sources (cameras, canvas captures, element captures).
    pub sources: usize,
    /// Sinks attached to them (`<video>` elements showing a stream).
    pub sinks: usize,
    /// Requests waiting on a source (opens, grabs, photos).
    pub pending: usize,
    /// Recordings not yet ended.
    pub recorders: usize,
    /// Media-file players.
    pub players: usize,
    /// servo-media streams tapped by the engine and not yet released.
    pub streams: usize,
}

/// A command to the Media thread.
#[derive(Debug)]
pub enum MediaCommand {
    /// Lists video input devices, each with its capabilities.
    EnumerateDevices {
        /// Reply id.
        request: RequestId,
        /// Whether the page holds the pan/tilt/zoom permission (else those
        /// capabilities are left out, as for a track).
        ptz_permitted: bool,
    },
    /// getUserMedia: picks a device with SelectSettings and opens it. Script
    /// first rejects required image-capture constraints
    /// (`constraints::disallowed_required_constraint`).
    OpenCamera {
        /// Reply id.
        request: RequestId,
        /// Id script chose for the new source.
        source: SourceId,
        /// The video constraints.
        constraints: MediaTrackConstraints,
        /// Whether the PTZ permission is granted.
        ptz_permitted: bool,
        /// The device the embedder chose when it answered the permission prompt: only it
        /// is considered (`None`: every camera).
        device: Option<String>,
    },
    /// canvas.captureStream(): a source fed by `PushFrame`.
    CreateCanvasSource {
        /// Reply id.
        request: RequestId,
        /// Id script chose for the new source.
        source: SourceId,
        /// Canvas size now.
        size: ImageSize,
        /// `frameRequestRate`, if given.
        frame_rate: Option<f64>,
    },
    /// A painted canvas frame (sent by the canvas thread). Not a request.
    PushFrame {
        /// The canvas source.
        source: SourceId,
        /// The pixels (shared, not copied); may change size.
        frame: VideoFrame,
    },
    /// applyConstraints().
    ApplyConstraints {
        /// Reply id.
        request: RequestId,
        /// The source.
        source: SourceId,
        /// The new constraints (replace the old ones).
        constraints: MediaTrackConstraints,
        /// Whether the PTZ permission is granted.
        ptz_permitted: bool,
    },
    /// Current settings, capabilities and constraints.
    GetTrackState {
        /// Reply id.
        request: RequestId,
        /// The source.
        source: SourceId,
    },
    /// getPhotoCapabilities().
    GetPhotoCapabilities {
        /// Reply id.
        request: RequestId,
        /// The source.
        source: SourceId,
    },
    /// getPhotoSettings().
    GetPhotoSettings {
        /// Reply id.
        request: RequestId,
        /// The source.
        source: SourceId,
    },
    /// takePhoto().
    TakePhoto {
        /// Reply id.
        request: RequestId,
        /// The source.
        source: SourceId,
        /// The photo settings.
        settings: PhotoSettings,
        /// Validate `settings` against the photo capabilities first (Chromium
        /// does once getPhotoCapabilities() was called; wpt relies on it).
        check_settings: bool,
        /// Encoding.
        format: PhotoFormat,
        /// Error to answer if the source stops or ends meanwhile.
        ended_error: MediaErrorKind,
    },
    /// takePhoto() of a canvas capture track: the photo of `frame`, the canvas as script had
    /// painted it when takePhoto() was called (read by script from the canvas thread), with the
    /// source's photo settings and checks.
    TakeCanvasPhoto {
        /// Reply id.
        request: RequestId,
        /// The canvas capture source.
        source: SourceId,
        /// The photo settings.
        settings: PhotoSettings,
        /// Validate `settings` against the photo capabilities first.
        check_settings: bool,
        /// The canvas content to photograph (shared, not copied).
        frame: VideoFrame,
    },
    /// grabFrame(): camera — the next frame; canvas — the latest one if any.
    GrabFrame {
        /// Reply id.
        request: RequestId,
        /// The source.
        source: SourceId,
        /// Error to answer if the source stops or ends meanwhile.
        ended_error: MediaErrorKind,
    },
    /// Settles a pending request now with `error` (e.g. the track was disabled).
    /// Not a request itself; unknown ids are ignored.
    CancelRequest {
        /// The pending request.
        request: RequestId,
        /// What it is answered with.
        error: MediaErrorKind,
    },
    /// track.stop() of the last track on the source: releases it and settles
    /// its pending requests (photo capabilities/settings with OperationError,
    /// grabs and photos with their `ended_error`).
    StopSource {
        /// Reply id.
        request: RequestId,
        /// The source.
        source: SourceId,
    },
    /// Attaches a sink: the media thread keeps `slot` filled with the latest frame.
    AttachSink {
        /// Reply id.
        request: RequestId,
        /// The source.
        source: SourceId,
        /// Id script chose.
        sink: SinkId,
        /// Where frames go.
        slot: FrameSlot,
    },
    /// Detaches a sink.
    DetachSink {
        /// Reply id.
        request: RequestId,
        /// The sink.
        sink: SinkId,
    },
    /// Installs (`Some`) or removes (`None`) the test photo state override.
    SetPhotoStateOverride {
        /// Reply id.
        request: RequestId,
        /// The override.
        state: Option<PhotoStateOverride>,
    },
    /// Test hook on a fake-camera source.
    FakeCamera {
        /// Reply id.
        request: RequestId,
        /// The source.
        source: SourceId,
        /// What to do.
        action: FakeCameraAction,
    },
    /// Counters of a source.
    GetStats {
        /// Reply id.
        request: RequestId,
        /// The source.
        source: SourceId,
    },
    /// Sizes of the thread's tables (test hook for leak tests).
    GetThreadStats {
        /// Reply id.
        request: RequestId,
    },
    /// `MediaRecorder.start()`: builds the recording and answers `RecorderStarted` once it
    /// runs. Data then comes as `RecorderData` events (timeslice chunks), and as the replies to
    /// `RequestRecorderData` and `StopRecorder`.
    StartRecorder {
        /// Reply id.
        request: RequestId,
        /// Id script chose.
        recorder: RecorderId,
        /// What to record, how.
        config: RecorderConfig,
    },
    /// `pause()` (`true`) / `resume()` (`false`). Not a request; unknown ids are ignored.
    PauseRecorder {
        /// The recorder.
        recorder: RecorderId,
        /// Whether to pause.
        paused: bool,
    },
    /// `requestData()`: answers `RecorderData` with the bytes gathered since the last chunk.
    RequestRecorderData {
        /// Reply id.
        request: RequestId,
        /// The recorder.
        recorder: RecorderId,
    },
    /// Stops gathering: answers `RecorderData` with the last chunk once the container is
    /// complete (or what was gathered, if the recording failed).
    StopRecorder {
        /// Reply id.
        request: RequestId,
        /// The recorder.
        recorder: RecorderId,
        /// Discard what was gathered (the stream became inaccessible): the answer is empty.
        discard: bool,
    },
    /// `<video src>`/`<audio src>`: decodes `bytes` (the fetched resource) as a source whose
    /// video frames flow like a canvas's; answers `MediaOpened` once the first frame (or the
    /// metadata of an audio-only file) is decoded, paused there.
    OpenMedia {
        /// Reply id.
        request: RequestId,
        /// Id script chose for the new source.
        source: SourceId,
        /// The resource.
        bytes: Vec<u8>,
    },
    /// Plays (`true`) or pauses a media file. Not a request; unknown ids are ignored.
    PlayMedia {
        /// The media file's source.
        source: SourceId,
        /// Whether to play.
        playing: bool,
    },
    /// Sets a media file's playback rate (the element's `playbackRate`): a positive factor of
    /// the normal speed, or 0 for "playing" without advancing. Not a request; unknown ids are
    /// ignored.
    SetMediaRate {
        /// The media file's source.
        source: SourceId,
        /// The rate: 0, or positive and finite.
        rate: f64,
    },
    /// Seeks a media file accurately; answers `MediaSeeked` once the frame there is decoded.
    SeekMedia {
        /// Reply id.
        request: RequestId,
        /// The media file's source.
        source: SourceId,
        /// Where to.
        position: std::time::Duration,
    },
    /// Stops every source, answers every pending request with AbortError, and ends the thread.
    Exit,
}

impl MediaCommand {
    /// The request this command must answer, if it expects a reply (so a handler
    /// that fails unexpectedly can still settle it).
    pub fn request(&self) -> Option<RequestId> {
        use MediaCommand::*;
        match self {
            EnumerateDevices { request, .. }
            | OpenCamera { request, .. }
            | CreateCanvasSource { request, .. }
            | ApplyConstraints { request, .. }
            | GetTrackState { request, .. }
            | GetPhotoCapabilities { request, .. }
            | GetPhotoSettings { request, .. }
            | TakePhoto { request, .. }
            | TakeCanvasPhoto { request, .. }
            | GrabFrame { request, .. }
            | StopSource { request, .. }
            | AttachSink { request, .. }
            | DetachSink { request, .. }
            | SetPhotoStateOverride { request, .. }
            | FakeCamera { request, .. }
            | GetStats { request, .. }
            | GetThreadStats { request }
            | StartRecorder { request, .. }
            | RequestRecorderData { request, .. }
            | StopRecorder { request, .. }
            | OpenMedia { request, .. }
            | SeekMedia { request, .. } => Some(*request),
            // A cancellation, a pushed frame, a pause or play are answered by nobody.
            CancelRequest { .. }
            | PushFrame { .. }
            | PauseRecorder { .. }
            | PlayMedia { .. }
            | SetMediaRate { .. }
            | Exit => None,
        }
    }
}

/// The successful content of a reply.
// Replies are moved once per request, so boxing the large dictionaries buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum MediaReply {
    /// To `EnumerateDevices`.
    Devices(Vec<DeviceInfo>),
    /// To `OpenCamera` / `CreateCanvasSource`.
    SourceOpened {
        /// The track's dictionaries.
        state: TrackState,
        /// Device label (empty for canvas).
        label: String,
        /// Set while a photo state override is installed (opening applies the
        /// image-capture constraints to it).
        echo: Option<OverrideEcho>,
    },
    /// To `ApplyConstraints`.
    ConstraintsApplied {
        /// The track's dictionaries after the change.
        state: TrackState,
        /// Set while a photo state override is installed.
        echo: Option<OverrideEcho>,
    },
    /// To `GetTrackState`.
    TrackState(TrackState),
    /// To `GetPhotoCapabilities`.
    PhotoCapabilities(PhotoCapabilities),
    /// To `GetPhotoSettings`.
    PhotoSettings(PhotoSettings),
    /// To `TakePhoto`.
    Photo(Photo),
    /// To `GrabFrame`.
    Frame(VideoFrame),
    /// To `StopSource`.
    Stopped,
    /// To `AttachSink` / `DetachSink`.
    SinkDone,
    /// To `SetPhotoStateOverride`.
    OverrideSet,
    /// To `FakeCamera`.
    FakeCameraDone,
    /// To `GetStats`.
    Stats(SourceStats),
    /// To `GetThreadStats`.
    ThreadStats(MediaThreadStats),
    /// To `StartRecorder`.
    RecorderStarted,
    /// To `OpenMedia`: the media's metadata.
    MediaOpened {
        /// Its duration, if the container says.
        duration: Option<std::time::Duration>,
        /// The video's size, if it has video.
        video: Option<ImageSize>,
        /// Whether it has audio.
        audio: bool,
        /// The playback position, updated as it plays.
        position: crate::playback::PlaybackPosition,
        /// The first frame (shared, not copied), shown before playback starts.
        first_frame: Option<VideoFrame>,
    },
    /// To `SeekMedia`.
    MediaSeeked,
    /// To `RequestRecorderData` and `StopRecorder`: a chunk of the recording.
    RecorderData {
        /// The bytes (possibly none).
        data: Vec<u8>,
        /// Milliseconds between the first byte of the recording's first chunk and this one's.
        timecode: f64,
    },
}

/// An event from the Media thread.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum MediaEvent {
    /// The one reply to a request.
    Reply {
        /// The request answered.
        request: RequestId,
        /// The source it concerned, if any.
        source: Option<SourceId>,
        /// The outcome.
        result: Result<MediaReply, MediaError>,
    },
    /// The source ended on its own (device gone, pipeline error): tracks end.
    SourceEnded {
        /// The source.
        source: SourceId,
        /// Why.
        reason: String,
    },
    /// The source stopped or resumed delivering frames (track muted/unmuted).
    MuteChanged {
        /// The source.
        source: SourceId,
        /// Whether it is now muted.
        muted: bool,
    },
    /// Settings changed without a request (e.g. a canvas resized).
    SettingsChanged {
        /// The source.
        source: SourceId,
        /// The new dictionaries.
        state: TrackState,
    },
    /// A sink received its first frame.
    SinkFirstFrame {
        /// The sink.
        sink: SinkId,
        /// Frame size.
        size: ImageSize,
    },
    /// A sink's frames changed size.
    SinkResized {
        /// The sink.
        sink: SinkId,
        /// New size.
        size: ImageSize,
    },
    /// A timeslice's worth of a recording.
    RecorderData {
        /// The recorder.
        recorder: RecorderId,
        /// The bytes.
        data: Vec<u8>,
        /// As in [`MediaReply::RecorderData`].
        timecode: f64,
    },
    /// A media file played to its end.
    MediaEnded {
        /// Its source.
        source: SourceId,
        /// Where it ended: its duration, now known if the container did not say.
        position: std::time::Duration,
    },
    /// A media file failed while playing (a corrupt stretch): `MEDIA_ERR_DECODE`.
    MediaFailed {
        /// Its source.
        source: SourceId,
        /// Why.
        reason: String,
    },
    /// A media file is playing: at most every 250 ms (`timeupdate`).
    MediaProgress {
        /// Its source.
        source: SourceId,
    },
    /// The recording cannot go on (an encoder or muxer failed). Script stops the recorder
    /// with `UnknownError`.
    RecorderFailed {
        /// The recorder.
        recorder: RecorderId,
        /// Why.
        reason: String,
    },
}

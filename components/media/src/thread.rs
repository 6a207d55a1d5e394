//! The Media thread: one `select!` loop over script's commands and the
//! internal messages of GStreamer threads and the encoder, owning the source
//! registry and every pending request. Every request gets exactly one reply.

use std::collections::HashMap;

use std::time::{Duration, Instant};

use base::units::ImageSize;
use base::{RequestId, SourceId, VideoFrame};
use crossbeam_channel::{Receiver, Sender, select};
use media_traits::error::{MediaError, MediaErrorKind};
use media_traits::messages::*;
use media_traits::photo::{PhotoOptions, PhotoSettings, PhotoState, validate_photo_settings};
use media_traits::select::select_settings;

use crate::camera;
use crate::canvas::CanvasFeed;
use crate::encode::{self, Job};
use crate::pipeline::{Counters, Internal, Tap};
use crate::player::Player;
use crate::recorder::Recorder;
use crate::source::{Kind, Source, canvas_mode, canvas_model};
use crate::{EventSink, MediaOptions};
use media_traits::recorder::{RecorderConfig, RecorderId};

/// How long a canvas photo-capabilities request waits for a first frame
/// before being answered from the canvas size.
const CANVAS_PHOTO_WAIT: Duration = Duration::from_millis(500);
/// How long an encode may take.
const ENCODE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a stopped recorder may take to write its tail before it is answered with what it has.
const RECORDER_STOP_TIMEOUT: Duration = Duration::from_secs(5);

enum Waiting {
    /// A camera being opened, answered at its first frame.
    Open,
    /// grabFrame().
    Grab(MediaErrorKind),
    /// takePhoto() waiting for a frame to encode.
    PhotoFrame { ended: MediaErrorKind, size: ImageSize, format: PhotoFormat },
    /// takePhoto() being encoded.
    Encoding { ended: MediaErrorKind, format: PhotoFormat },
    /// getPhotoCapabilities() (true: getPhotoSettings()) of a canvas without frames yet.
    PhotoInfo { settings: bool },
}

struct Pending {
    request: RequestId,
    source: SourceId,
    waiting: Waiting,
    deadline: Instant,
}

struct Override {
    state: PhotoStateOverride,
    options: PhotoOptions,
}

pub(crate) struct MediaLoop {
    options: MediaOptions,
    events: EventSink,
    internal_tx: Sender<Internal>,
    internal_rx: Receiver<Internal>,
    encoder: Option<Sender<Job>>,
    encoder_thread: Option<std::thread::JoinHandle<()>>,
    sources: HashMap<SourceId, Source>,
    sink_owner: HashMap<SinkId, SourceId>,
    pending: Vec<Pending>,
    photo_override: Option<Override>,
    recorders: HashMap<RecorderId, RecorderEntry>,
    players: HashMap<SourceId, PlayerEntry>,
}

/// A media file's player and the requests waiting on it.
struct PlayerEntry {
    player: Player,
    /// `OpenMedia` waits for the first preroll.
    opening: Option<RequestId>,
    /// `SeekMedia` waits for the seek to settle.
    seeking: Option<RequestId>,
    playing: bool,
    last_progress: Instant,
    /// `<video>` slots showing it: filled on the Media thread in frame order, so a seek's
    /// answer comes after the frame at its target is shown.
    sinks: Vec<(SinkId, media_traits::slot::FrameSlot)>,
    last_size: Option<ImageSize>,
}

/// A recording and where its stop stands.
struct RecorderEntry {
    recorder: Recorder,
    /// The pipeline failed: it will not reach its end, so stop() answers at once.
    failed: bool,
    /// stop() was asked: the reply waits for the muxer's end, until the deadline.
    stop: Option<(RequestId, Instant)>,
}

fn stale(source: SourceId) -> MediaError {
    MediaError::InvalidState(format!("{source} is not a live source"))
}

impl MediaLoop {
    pub(crate) fn new(options: MediaOptions, events: EventSink) -> MediaLoop {
        let (internal_tx, internal_rx) = crossbeam_channel::unbounded();
        let (job_tx, job_rx) = crossbeam_channel::unbounded();
        let (tx, maker) = (internal_tx.clone(), options.elements.clone());
        let encoder_thread = std::thread::Builder::new()
            .name("MediaEncoder".into())
            .spawn(move || encode::run(job_rx, tx, maker))
            .map_err(|e| log::error!("could not start the encoder thread: {e}"))
            .ok();
        MediaLoop {
            options,
            events,
            internal_tx,
            internal_rx,
            encoder: Some(job_tx),
            encoder_thread,
            sources: HashMap::new(),
            sink_owner: HashMap::new(),
            pending: Vec::new(),
            photo_override: None,
            recorders: HashMap::new(),
            players: HashMap::new(),
        }
    }

    pub(crate) fn run(mut self, commands: Receiver<MediaCommand>) {
        loop {
            let now = Instant::now();
            let next = self
                .pending
                .iter()
                .map(|p| p.deadline)
                .chain(self.recorders.values().filter_map(RecorderEntry::next_deadline))
                .chain(
                    self.players.values().filter(|p| p.playing).map(|p| p.last_progress + Duration::from_millis(250)),
                )
                .min()
                .unwrap_or(now + Duration::from_millis(250));
            let timeout = next.saturating_duration_since(now).min(Duration::from_millis(250));
            select! {
                recv(commands) -> msg => match msg {
                    Ok(MediaCommand::Exit) => break,
                    Ok(command) => self.handle_guarded(command),
                    Err(_) => {
                        log::warn!("Media thread: command channel closed; exiting");
                        break;
                    },
                },
                recv(self.internal_rx) -> msg => {
                    if let Ok(msg) = msg {
                        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle_internal(msg)));
                        if outcome.is_err() {
                            log::error!("Media thread: an internal message handler panicked; the message was dropped");
                        }
                    }
                },
                default(timeout) => {},
            }
            self.expire(Instant::now());
            self.check_recorders(Instant::now());
            self.check_mute();
        }
        self.shutdown();
        // Commands sent after Exit, before the channel closes with `commands`:
        // each request is answered as a send to the closed channel would be
        // (media_events), so no promise waits on a thread that is gone.
        for command in commands.try_iter() {
            if let Some(request) = command.request() {
                self.reply(request, None, Err(MediaError::NotReadable("the media thread has exited".into())));
            }
        }
    }

    fn emit(&self, event: MediaEvent) {
        (self.events)(event);
    }

    fn reply(&self, request: RequestId, source: Option<SourceId>, result: Result<MediaReply, MediaError>) {
        if let Err(e) = &result {
            log::debug!("{request} failed: {e}");
        }
        self.emit(MediaEvent::Reply { request, source, result });
    }

    fn wait(&mut self, request: RequestId, source: SourceId, waiting: Waiting, timeout: Duration) {
        self.pending.push(Pending { request, source, waiting, deadline: Instant::now() + timeout });
        self.update_grab_gate(source);
    }

    /// Opens the grab branch of a camera only while a grab or photo waits.
    fn update_grab_gate(&self, source: SourceId) {
        if let Some(src) = self.sources.get(&source) {
            let wanted = !src.is_canvas()
                && self
                    .pending
                    .iter()
                    .any(|p| p.source == source && matches!(p.waiting, Waiting::Grab(_) | Waiting::PhotoFrame { .. }));
            src.tap.want_grabs(wanted);
        }
    }

    /// The video inputs, each with the capabilities a track opened from it alone
    /// would have: SelectSettings over that one device with no constraints picks the
    /// mode, and the dictionaries are built as for an open source
    /// (<https://w3c.github.io/mediacapture-main/#dom-inputdeviceinfo-getcapabilities>).
    fn enumerate(&self, ptz_permitted: bool) -> Vec<DeviceInfo> {
        let override_state = self.override_state().cloned();
        camera::discover(&self.options.camera, self.options.camera_backend.as_ref())
            .into_iter()
            .map(|c| {
                let photo = override_state.clone().unwrap_or_else(|| camera::photo_state(&c, None));
                let model = camera::model(&c, photo, None, None);
                let none = media_traits::constraints::MediaTrackConstraints::default();
                let mut info = c.info.clone();
                match select_settings(std::slice::from_ref(&model), &none, ptz_permitted) {
                    Ok(selection) => {
                        // As open_camera builds it: the photo state at the chosen mode and only
                        // the modes of the caps kind (raw or JPEG) the chain would open.
                        let photo =
                            override_state.clone().unwrap_or_else(|| camera::photo_state(&c, Some(&selection.mode)));
                        let model = camera::model(
                            &c,
                            photo,
                            Some(selection.mode),
                            Some(camera::caps_kind(&c, &selection.mode)),
                        );
                        info.capabilities =
                            media_traits::settings::track_state(&model, &selection.mode, &none, ptz_permitted)
                                .capabilities;
                    }
                    Err(e) => log::warn!("enumerateDevices: no capabilities for {}: {e:?}", info.device_id),
                }
                info
            })
            .collect()
    }

    fn override_state(&self) -> Option<&PhotoState> {
        self.photo_override.as_ref().map(|o| &o.state.state)
    }

    fn echo(&self) -> Option<OverrideEcho> {
        self.photo_override.as_ref().map(|o| OverrideEcho { state: o.state.state.clone(), options: o.options.clone() })
    }

    /// Runs one command; a handler that panics (a bug, or a device doing
    /// something unexpected) must not take the thread and every other source
    /// down, nor leave the page's promise pending: its request is answered
    /// with `UnknownError` and the loop goes on.
    fn handle_guarded(&mut self, command: MediaCommand) {
        let request = command.request();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(command)));
        if outcome.is_err() {
            log::error!("Media thread: a command handler panicked; its request fails");
            if let Some(request) = request {
                // If the handler had already replied, script drops this second answer.
                self.reply(
                    request,
                    None,
                    Err(MediaError::Unknown("the Media thread failed to handle the request".into())),
                );
            }
        }
    }

    fn handle(&mut self, command: MediaCommand) {
        match command {
            MediaCommand::EnumerateDevices { request, ptz_permitted } => {
                let devices = self.enumerate(ptz_permitted);
                self.reply(request, None, Ok(MediaReply::Devices(devices)));
            }
            MediaCommand::OpenCamera { request, source, constraints, ptz_permitted, device } => {
                if let Err(e) = self.open_camera(request, source, constraints, ptz_permitted, device) {
                    self.reply(request, Some(source), Err(e));
                }
            }
            MediaCommand::CreateCanvasSource { request, source, size, frame_rate } => {
                let result = self.create_canvas(source, size, frame_rate);
                self.reply(request, Some(source), result);
            }
            MediaCommand::PushFrame { source, frame } => self.push_frame(source, frame),
            MediaCommand::ApplyConstraints { request, source, constraints, ptz_permitted } => {
                let result = self.apply_constraints(source, constraints, ptz_permitted);
                self.reply(request, Some(source), result);
            }
            MediaCommand::GetTrackState { request, source } => {
                let result = match self.sources.get(&source) {
                    Some(src) => Ok(MediaReply::TrackState(src.track_state(self.override_state()))),
                    None => Err(stale(source)),
                };
                self.reply(request, Some(source), result);
            }
            MediaCommand::GetPhotoCapabilities { request, source } => self.photo_info(request, source, false),
            MediaCommand::GetPhotoSettings { request, source } => self.photo_info(request, source, true),
            MediaCommand::TakePhoto { request, source, settings, check_settings, format, ended_error } => {
                if let Err(e) = self.take_photo(request, source, settings, check_settings, format, ended_error, None) {
                    self.reply(request, Some(source), Err(e));
                }
            }
            MediaCommand::TakeCanvasPhoto { request, source, settings, check_settings, frame } => {
                let (format, ended) = (PhotoFormat::Png, MediaErrorKind::Unknown);
                if let Err(e) = self.take_photo(request, source, settings, check_settings, format, ended, Some(frame)) {
                    self.reply(request, Some(source), Err(e));
                }
            }
            MediaCommand::GrabFrame { request, source, ended_error } => self.grab_frame(request, source, ended_error),
            MediaCommand::CancelRequest { request, error } => {
                match self.pending.iter().position(|p| p.request == request) {
                    Some(i) => {
                        let p = self.pending.remove(i);
                        self.update_grab_gate(p.source);
                        self.reply(request, Some(p.source), Err(MediaError::new(error, "the request was cancelled")));
                    }
                    None => log::debug!("CancelRequest: {request} is not pending"),
                }
            }
            MediaCommand::StopSource { request, source } => {
                if !self.sources.contains_key(&source) {
                    log::debug!("StopSource: {source} is already gone");
                }
                self.end_source(source, None);
                self.reply(request, Some(source), Ok(MediaReply::Stopped));
            }
            MediaCommand::AttachSink { request, source, sink, slot } if self.players.contains_key(&source) => {
                let latest = match self.sources.get(&source).map(|s| &s.kind) {
                    Some(Kind::Canvas { latest, .. }) => latest.clone(),
                    _ => None,
                };
                if let Some(frame) = latest {
                    slot.store(frame);
                }
                if let Some(entry) = self.players.get_mut(&source) {
                    entry.sinks.push((sink, slot));
                }
                self.sink_owner.insert(sink, source);
                self.reply(request, Some(source), Ok(MediaReply::SinkDone));
            }
            MediaCommand::AttachSink { request, source, sink, slot } => {
                let result = match self.sources.get_mut(&source) {
                    Some(_) if self.sink_owner.contains_key(&sink) => {
                        Err(MediaError::InvalidState(format!("sink {} is already attached", sink.0)))
                    }
                    Some(src) => {
                        let current = match &src.kind {
                            Kind::Canvas { latest, .. } => latest.clone(),
                            _ => None,
                        };
                        src.tap.attach_sink(sink, slot, current).map(|_| MediaReply::SinkDone)
                    }
                    None => Err(stale(source)),
                };
                if result.is_ok() {
                    self.sink_owner.insert(sink, source);
                }
                self.reply(request, Some(source), result);
            }
            MediaCommand::DetachSink { request, sink } => {
                let owner = self.sink_owner.remove(&sink);
                if let Some(entry) = owner.and_then(|s| self.players.get_mut(&s)) {
                    entry.sinks.retain(|(id, slot)| {
                        if *id == sink {
                            slot.clear();
                        }
                        *id != sink
                    });
                } else if let Some(src) = owner.and_then(|s| self.sources.get_mut(&s)) {
                    src.tap.detach_sink(sink);
                }
                self.reply(request, owner, Ok(MediaReply::SinkDone));
            }
            MediaCommand::SetPhotoStateOverride { request, state } => {
                self.photo_override = match (state, self.photo_override.take()) {
                    (Some(state), Some(old)) => Some(Override { state, options: old.options }),
                    (Some(state), None) => Some(Override { state, options: PhotoOptions::default() }),
                    (None, _) => None,
                };
                self.reply(request, None, Ok(MediaReply::OverrideSet));
            }
            MediaCommand::FakeCamera { request, source, action } => {
                if action == FakeCameraAction::PanicInHandler {
                    panic!("FakeCameraAction::PanicInHandler for {source}");
                }
                let result = match self.sources.get(&source).map(|s| s.controls()) {
                    Some(Some(controls)) => {
                        controls.act(action);
                        Ok(MediaReply::FakeCameraDone)
                    }
                    Some(None) => Err(MediaError::NotSupported(format!("{source} is not the fake camera"))),
                    None => Err(stale(source)),
                };
                self.reply(request, Some(source), result);
            }
            MediaCommand::GetStats { request, source } => {
                let result = match self.sources.get(&source) {
                    Some(src) => Ok(MediaReply::Stats(src.counters.stats())),
                    None => Err(stale(source)),
                };
                self.reply(request, Some(source), result);
            }
            MediaCommand::GetThreadStats { request } => {
                let stats = media_traits::messages::MediaThreadStats {
                    sources: self.sources.len(),
                    sinks: self.sink_owner.len(),
                    pending: self.pending.len(),
                    recorders: self.recorders.len(),
                    players: self.players.len(),
                    streams: self.options.taps.live_stream_count(),
                };
                self.reply(request, None, Ok(MediaReply::ThreadStats(stats)));
            }
            MediaCommand::StartRecorder { request, recorder, config } => {
                let result = self.start_recorder(recorder, &config).map(|_| MediaReply::RecorderStarted);
                self.reply(request, None, result);
            }
            MediaCommand::PauseRecorder { recorder, paused } => match self.recorders.get(&recorder) {
                Some(entry) => entry.recorder.set_paused(paused),
                None => log::debug!("PauseRecorder: {recorder} is not recording"),
            },
            MediaCommand::RequestRecorderData { request, recorder } => {
                let (data, timecode) = match self.recorders.get_mut(&recorder) {
                    Some(entry) => entry.recorder.take_chunk(Instant::now()),
                    None => (Vec::new(), 0.0),
                };
                self.reply(request, None, Ok(MediaReply::RecorderData { data, timecode }));
            }
            MediaCommand::StopRecorder { request, recorder, discard } => {
                if discard && let Some(entry) = self.recorders.get_mut(&recorder) {
                    entry.recorder.discard = true;
                }
                self.stop_recorder(request, recorder)
            }
            MediaCommand::OpenMedia { request, source, bytes } => {
                if let Err(e) = self.open_media(request, source, &bytes) {
                    self.reply(request, Some(source), Err(e));
                }
            }
            MediaCommand::PlayMedia { source, playing } => match self.players.get_mut(&source) {
                Some(entry) => {
                    entry.playing = playing;
                    entry.player.set_playing(playing);
                }
                None => log::debug!("PlayMedia: {source} is not a media file"),
            },
            MediaCommand::SetMediaRate { source, rate } => match self.players.get_mut(&source) {
                // A seek in progress keeps its rate; the new one applies when it settles.
                Some(entry) => entry.player.set_rate(rate, entry.playing, entry.seeking.is_none()),
                None => log::debug!("SetMediaRate: {source} is not a media file"),
            },
            MediaCommand::SeekMedia { request, source, position } => {
                let result = match self.players.get_mut(&source) {
                    Some(entry) if entry.seeking.is_none() => entry.player.seek(position).map(|_| {
                        entry.seeking = Some(request);
                    }),
                    Some(_) => Err(MediaError::InvalidState("a seek is in progress".into())),
                    None => Err(stale(source)),
                };
                if let Err(e) = result {
                    self.reply(request, Some(source), Err(e));
                }
            }
            MediaCommand::Exit => unreachable!("handled by the loop"),
        }
    }

    /// getUserMedia: SelectSettings over the discovered cameras
    /// (<https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia>),
    /// then opens the chosen one; the reply waits for its first frame.
    fn open_camera(
        &mut self,
        request: RequestId,
        id: SourceId,
        constraints: media_traits::constraints::MediaTrackConstraints,
        ptz_permitted: bool,
        device: Option<String>,
    ) -> Result<(), MediaError> {
        if self.sources.contains_key(&id) {
            return Err(MediaError::InvalidState(format!("{id} already exists")));
        }
        let mut cameras = camera::discover(&self.options.camera, self.options.camera_backend.as_ref());
        if let Some(device) = &device {
            // The embedder's choice: that camera or none (NotFoundError below, if it went away).
            cameras.retain(|c| c.info.device_id == *device);
        }
        let override_state = self.override_state().cloned();
        let models: Vec<_> = cameras
            .iter()
            .map(|c| {
                camera::model(c, override_state.clone().unwrap_or_else(|| camera::photo_state(c, None)), None, None)
            })
            .collect();
        let selection = select_settings(&models, &constraints, ptz_permitted)?;
        let camera = cameras.swap_remove(selection.device);
        let chain = camera::open(&camera, &selection.mode, &*self.options.elements)?;
        let counters = Counters::new(false);
        let tap = Tap::attach(
            chain.stream,
            id,
            self.options.elements.clone(),
            self.internal_tx.clone(),
            counters.clone(),
            &self.options.taps,
        )?;
        let mut photo = camera::photo_state(&camera, Some(&selection.mode));
        match &mut self.photo_override {
            Some(o) => {
                o.state.state.apply_options(&selection.options);
                o.options = selection.options.clone();
            }
            None => photo.apply_options(&selection.options),
        }
        if let Some(controls) = &chain.controls {
            controls.set_photo_state(photo.clone());
        }
        let model = camera::model(&camera, photo, Some(selection.mode), Some(chain.kind));
        let label = camera.info.label.clone();
        self.sources.insert(
            id,
            Source {
                id,
                label,
                kind: Kind::Camera { camera, chain },
                tap,
                counters,
                constraints,
                ptz_permitted,
                model,
                mode: selection.mode,
                muted: false,
                ready: false,
            },
        );
        self.wait(request, id, Waiting::Open, self.options.open_timeout);
        Ok(())
    }

    fn create_canvas(&mut self, id: SourceId, size: ImageSize, rate: Option<f64>) -> Result<MediaReply, MediaError> {
        if self.sources.contains_key(&id) {
            return Err(MediaError::InvalidState(format!("{id} already exists")));
        }
        if rate.is_some_and(|r| !r.is_finite() || r < 0.0) {
            return Err(MediaError::NotSupported("frameRequestRate must be a non-negative number".into()));
        }
        let feed = CanvasFeed::new(&*self.options.elements)?;
        let counters = Counters::new(true);
        let tap = Tap::attach(
            feed.stream,
            id,
            self.options.elements.clone(),
            self.internal_tx.clone(),
            counters.clone(),
            &self.options.taps,
        )?;
        let mode = canvas_mode(size, rate);
        let src = Source {
            id,
            label: String::new(),
            kind: Kind::Canvas { feed, latest: None },
            tap,
            counters,
            constraints: Default::default(),
            ptz_permitted: false,
            model: canvas_model(id, &mode),
            mode,
            muted: false,
            ready: true,
        };
        let state = src.track_state(self.override_state());
        self.sources.insert(id, src);
        Ok(MediaReply::SourceOpened { state, label: String::new(), echo: None })
    }

    fn push_frame(&mut self, id: SourceId, frame: VideoFrame) {
        let Some(src) = self.sources.get_mut(&id) else {
            log::debug!("PushFrame: {id} is not a live source; frame dropped");
            return;
        };
        let Kind::Canvas { feed, latest } = &mut src.kind else {
            log::warn!("PushFrame: {id} is not a canvas source; frame dropped");
            return;
        };
        let needed = frame.stride * (frame.size.height as usize).saturating_sub(1) + frame.size.width as usize * 4;
        if frame.size.width == 0
            || frame.size.height == 0
            || frame.stride < frame.size.width as usize * 4
            || frame.data.as_slice().len() < needed
        {
            log::debug!("PushFrame: {id}: malformed or empty {:?} frame dropped", frame.size);
            return;
        }
        src.counters.pushed(frame.data.as_slice().as_ptr() as usize);
        if let Err(e) = feed.push(&frame) {
            log::warn!("{id}: {e}");
        }
        *latest = Some(frame.clone());
        for entry in self.recorders.values().filter(|e| e.stop.is_none()) {
            for (i, input) in entry.recorder.videos.iter().enumerate() {
                if input.direct && input.source == id {
                    entry.recorder.push_frame(i, &frame);
                }
            }
        }
        let mut changed = None;
        if (frame.size.width, frame.size.height) != (src.mode.width, src.mode.height) {
            let mode = canvas_mode(frame.size, Some(src.mode.frame_rate));
            src.mode = mode;
            src.model = canvas_model(id, &mode);
            changed = Some(src.track_state(self.photo_override.as_ref().map(|o| &o.state.state)));
        }
        if let Some(state) = changed {
            self.emit(MediaEvent::SettingsChanged { source: id, state });
        }
        self.frame_arrived(id, frame);
    }

    /// Settles what waits for a frame of `id`.
    fn frame_arrived(&mut self, id: SourceId, frame: VideoFrame) {
        let (ready, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending).into_iter().partition(|p| {
            p.source == id
                && matches!(p.waiting, Waiting::Grab(_) | Waiting::PhotoFrame { .. } | Waiting::PhotoInfo { .. })
        });
        self.pending = rest;
        let is_canvas = self.sources.get(&id).is_some_and(Source::is_canvas);
        for p in ready {
            match p.waiting {
                Waiting::Grab(_) => {
                    if let (true, Some(src)) = (is_canvas, self.sources.get(&id)) {
                        src.counters.delivered(0);
                    }
                    self.reply(p.request, Some(id), Ok(MediaReply::Frame(frame.clone())));
                }
                Waiting::PhotoFrame { ended, size, format } => {
                    let size = if size.width == 0 || size.height == 0 { frame.size } else { size };
                    self.encode(
                        p.request,
                        id,
                        Job::Frame { request: p.request, frame: frame.clone(), size, format },
                        ended,
                        format,
                    );
                }
                Waiting::PhotoInfo { settings } => self.answer_photo_info(p.request, id, settings),
                _ => unreachable!("partitioned"),
            }
        }
        self.update_grab_gate(id);
    }

    fn encode(&mut self, request: RequestId, source: SourceId, job: Job, ended: MediaErrorKind, format: PhotoFormat) {
        match self.encoder.as_ref().map(|e| e.send(job)) {
            Some(Ok(())) => {
                self.pending.push(Pending {
                    request,
                    source,
                    waiting: Waiting::Encoding { ended, format },
                    deadline: Instant::now() + ENCODE_TIMEOUT,
                });
            }
            _ => self.reply(request, Some(source), Err(MediaError::Unknown("the photo encoder is not running".into()))),
        }
    }

    /// applyConstraints (<https://w3c.github.io/mediacapture-main/#dom-constrainablepattern-applyconstraints>):
    /// SelectSettings over this source alone; on success the settings take
    /// effect and the constraints become the track's.
    fn apply_constraints(
        &mut self,
        id: SourceId,
        constraints: media_traits::constraints::MediaTrackConstraints,
        ptz_permitted: bool,
    ) -> Result<MediaReply, MediaError> {
        let override_state = self.override_state().cloned();
        let src = self.sources.get_mut(&id).ok_or_else(|| stale(id))?;
        let model = src.model_with(override_state.as_ref());
        let selection = select_settings(std::slice::from_ref(&model), &constraints, ptz_permitted)?;
        src.set_mode(selection.mode);
        src.constraints = constraints;
        src.ptz_permitted = ptz_permitted;
        match &mut self.photo_override {
            Some(o) => {
                o.state.state.apply_options(&selection.options);
                o.options = selection.options;
            }
            None => {
                src.model.photo.apply_options(&selection.options);
                if let Some(controls) = src.controls() {
                    controls.set_photo_state(src.model.photo.clone());
                }
            }
        }
        let src = &self.sources[&id];
        Ok(MediaReply::ConstraintsApplied { state: src.track_state(self.override_state()), echo: self.echo() })
    }

    fn photo_state(&self, src: &Source) -> PhotoState {
        self.override_state().cloned().unwrap_or_else(|| src.model.photo.clone())
    }

    fn answer_photo_info(&self, request: RequestId, id: SourceId, settings: bool) {
        // getPhotoCapabilities/getPhotoSettings, step "in parallel": gather
        // the data from the device (https://w3c.github.io/mediacapture-image/#dom-imagecapture-getphotocapabilities).
        let result = match self.sources.get(&id) {
            Some(src) => {
                let state = self.photo_state(src);
                Ok(if settings {
                    MediaReply::PhotoSettings(state.photo_settings())
                } else {
                    MediaReply::PhotoCapabilities(state.photo_capabilities())
                })
            }
            None => Err(MediaError::Operation(format!("{id} ended before its photo state was known"))),
        };
        self.reply(request, Some(id), result);
    }

    fn photo_info(&mut self, request: RequestId, id: SourceId, settings: bool) {
        let Some(src) = self.sources.get(&id) else {
            return self.reply(request, Some(id), Err(stale(id)));
        };
        // A canvas's photo size is known once it produced a frame.
        let waits = matches!(&src.kind, Kind::Canvas { latest: None, .. }) && self.photo_override.is_none();
        if waits {
            self.wait(request, id, Waiting::PhotoInfo { settings }, CANVAS_PHOTO_WAIT);
        } else {
            self.answer_photo_info(request, id, settings);
        }
    }

    /// takePhoto (<https://w3c.github.io/mediacapture-image/#dom-imagecapture-takephoto>).
    fn take_photo(
        &mut self,
        request: RequestId,
        id: SourceId,
        settings: PhotoSettings,
        check_settings: bool,
        format: PhotoFormat,
        ended: MediaErrorKind,
        canvas_frame: Option<VideoFrame>,
    ) -> Result<(), MediaError> {
        let src = self.sources.get(&id).ok_or_else(|| stale(id))?;
        let state = self.photo_state(src);
        if check_settings {
            validate_photo_settings(&settings, &state.photo_capabilities())?;
        }
        let options = PhotoOptions::from_photo_settings(&settings);
        if let Some(o) = &mut self.photo_override {
            // Test mode: the options are pushed to the mock and its bytes
            // come back unvalidated.
            o.state.state.apply_options(&options);
            o.options = options;
            let (bytes, mime_type) = (o.state.photo_bytes.clone(), o.state.photo_mime_type.clone());
            let photo = Photo { bytes, mime_type, size: ImageSize::new(0, 0), echo: self.echo() };
            self.reply(request, Some(id), Ok(MediaReply::Photo(photo)));
            return Ok(());
        }
        // Step 3: obtain a still at the requested resolution (the device's
        // current photo size when none is given).
        let pick = |v: Option<f64>, current: f64| v.unwrap_or(current).round().clamp(0.0, 16384.0) as u32;
        let size = ImageSize::new(
            pick(settings.image_width, state.width.current),
            pick(settings.image_height, state.height.current),
        );
        let src = self.sources.get_mut(&id).expect("checked above");
        src.model.photo.width.current = size.width as f64;
        src.model.photo.height.current = size.height as f64;
        if let Some(frame) = canvas_frame {
            // A canvas photo of the content script read at the call.
            let size = if size.width == 0 || size.height == 0 { frame.size } else { size };
            let job = Job::Frame { request, frame, size, format };
            self.encode(request, id, job, ended, format);
        } else if let Some(controls) = src.controls().cloned().filter(|c| !c.is_frozen()) {
            // (A frozen fake camera renders no still: the photo waits for a frame below, like a
            // stalled device's, and its unplugging rejects it.)
            let job = Job::Still { request, controls, size, fill: settings.fill_light_mode, format };
            self.encode(request, id, job, ended, format);
        } else if let Kind::Canvas { latest: Some(frame), .. } = &src.kind {
            let size = if size.width == 0 || size.height == 0 { frame.size } else { size };
            let job = Job::Frame { request, frame: frame.clone(), size, format };
            self.encode(request, id, job, ended, format);
        } else {
            self.wait(request, id, Waiting::PhotoFrame { ended, size, format }, self.options.grab_timeout);
        }
        Ok(())
    }

    /// grabFrame (<https://w3c.github.io/mediacapture-image/#dom-imagecapture-grabframe>):
    /// a camera answers its next frame, a canvas its latest one (or the next).
    fn grab_frame(&mut self, request: RequestId, id: SourceId, ended: MediaErrorKind) {
        let Some(src) = self.sources.get(&id) else {
            return self.reply(request, Some(id), Err(stale(id)));
        };
        if let Kind::Canvas { latest: Some(frame), .. } = &src.kind {
            src.counters.delivered(0);
            let frame = frame.clone();
            return self.reply(request, Some(id), Ok(MediaReply::Frame(frame)));
        }
        self.wait(request, id, Waiting::Grab(ended), self.options.grab_timeout);
    }

    fn handle_internal(&mut self, msg: Internal) {
        match msg {
            Internal::FirstFrame(id) => {
                let echo = self.echo();
                let Some(src) = self.sources.get_mut(&id) else { return };
                src.ready = true;
                let state = src.track_state(self.photo_override.as_ref().map(|o| &o.state.state));
                let label = src.label.clone();
                let opens: Vec<RequestId> = self
                    .pending
                    .iter()
                    .filter(|p| p.source == id && matches!(p.waiting, Waiting::Open))
                    .map(|p| p.request)
                    .collect();
                self.pending.retain(|p| !(p.source == id && matches!(p.waiting, Waiting::Open)));
                for request in opens {
                    let reply =
                        MediaReply::SourceOpened { state: state.clone(), label: label.clone(), echo: echo.clone() };
                    self.reply(request, Some(id), Ok(reply));
                }
            }
            Internal::Grabbed(id, frame) => self.frame_arrived(id, frame),
            Internal::BranchUnlinked(id, sink) => match self.sources.get_mut(&id) {
                Some(src) => src.tap.finish_detach(sink),
                None => log::debug!("{id}: branch {} unlinked after the source ended", sink.0),
            },
            Internal::SinkFrame { sink, size, first } => {
                if self.sink_owner.contains_key(&sink) {
                    self.emit(if first {
                        MediaEvent::SinkFirstFrame { sink, size }
                    } else {
                        MediaEvent::SinkResized { sink, size }
                    });
                }
            }
            Internal::PipelineError(id, reason) => {
                if self.sources.contains_key(&id) {
                    log::warn!("{id} ended: {reason}");
                    self.end_source(id, Some(reason));
                }
            }
            Internal::Eos(id) => {
                if self.sources.contains_key(&id) {
                    self.end_source(id, Some("the source reached its end".into()));
                }
            }
            Internal::RecorderBytes(id, bytes) => {
                let now = Instant::now();
                if let Some(entry) = self.recorders.get_mut(&id) {
                    entry.recorder.gather(bytes, now);
                }
                self.check_recorders(now);
            }
            Internal::RecorderEos(id) => {
                if self.recorders.get(&id).is_some_and(|e| e.stop.is_some()) {
                    self.finish_recorder(id);
                }
            }
            Internal::RecorderError(id, reason) => {
                if let Some(entry) = self.recorders.get_mut(&id) {
                    log::warn!("{id} failed: {reason}");
                    let first = !entry.failed;
                    entry.failed = true;
                    if entry.stop.is_some() {
                        self.finish_recorder(id);
                    } else if first {
                        self.emit(MediaEvent::RecorderFailed { recorder: id, reason });
                    }
                }
            }
            Internal::PlayerFrame(id, frame) => {
                if let Some(entry) = self.players.get_mut(&id) {
                    let resized = entry.last_size.is_some_and(|s| s != frame.size);
                    entry.last_size = Some(frame.size);
                    let sinks: Vec<SinkId> = entry.sinks.iter().map(|(s, _)| *s).collect();
                    for (_, slot) in &entry.sinks {
                        slot.store(frame.clone());
                    }
                    if resized {
                        for sink in sinks {
                            self.emit(MediaEvent::SinkResized { sink, size: frame.size });
                        }
                    }
                }
                self.push_frame(id, frame)
            }
            Internal::PlayerSettled(id, duration) => {
                let Some(entry) = self.players.get_mut(&id) else { return };
                if let Some(request) = entry.opening.take() {
                    let first_frame = match self.sources.get(&id).map(|s| &s.kind) {
                        Some(Kind::Canvas { latest, .. }) => latest.clone(),
                        _ => None,
                    };
                    let reply = MediaReply::MediaOpened {
                        duration: if entry.player.duration_known { duration } else { None },
                        first_frame,
                        video: entry.player.video_size(),
                        audio: entry.player.has_audio.load(std::sync::atomic::Ordering::Acquire),
                        position: entry.player.position.clone(),
                    };
                    self.reply(request, Some(id), Ok(reply));
                } else if let Some(request) = entry.seeking.take() {
                    // A rate set while the seek ran applies from its target on.
                    entry.player.apply_pending_rate(entry.playing);
                    self.reply(request, Some(id), Ok(MediaReply::MediaSeeked));
                }
            }
            Internal::PlayerError(id, reason) => {
                let Some(entry) = self.players.get_mut(&id) else { return };
                log::warn!("{id}: media playback failed: {reason}");
                if let Some(request) = entry.opening.take() {
                    self.reply(
                        request,
                        Some(id),
                        Err(MediaError::NotSupported(format!("the media cannot be played: {reason}"))),
                    );
                    self.end_source(id, None);
                } else {
                    entry.playing = false;
                    if let Some(request) = entry.seeking.take() {
                        self.reply(request, Some(id), Err(MediaError::Unknown(reason.clone())));
                    }
                    self.emit(MediaEvent::MediaFailed { source: id, reason });
                }
            }
            Internal::PlayerEos(id) => {
                let Some(entry) = self.players.get_mut(&id) else { return };
                if let Some(request) = entry.opening.take() {
                    self.reply(
                        request,
                        Some(id),
                        Err(MediaError::NotSupported("the media holds no playable stream".into())),
                    );
                    self.end_source(id, None);
                    return;
                }
                entry.playing = false;
                let position = entry.player.position.get();
                self.emit(MediaEvent::MediaEnded { source: id, position });
            }
            Internal::Encoded(request, result) => {
                let Some(i) = self.pending.iter().position(|p| p.request == request) else {
                    log::debug!("{request}: photo finished after its request was settled");
                    return;
                };
                let p = self.pending.remove(i);
                let Waiting::Encoding { format, .. } = p.waiting else { return };
                let result = result.map(|(bytes, size)| {
                    MediaReply::Photo(Photo {
                        bytes,
                        mime_type: encode::mime_type(format).to_owned(),
                        size,
                        echo: None,
                    })
                });
                // Step 4: any failure becomes UnknownError.
                let result = result.map_err(|e| MediaError::Unknown(e.message().to_owned()));
                self.reply(request, Some(p.source), result);
            }
        }
    }

    /// Ends a source: by StopSource (`reason == None`) or on its own. Every
    /// pending request of the source is settled: photo capabilities/settings
    /// with OperationError (spec), grabs and photos with the error their
    /// caller named, an unfinished open with NotReadableError (or AbortError
    /// when stopped).
    fn end_source(&mut self, id: SourceId, reason: Option<String>) {
        let (mine, rest): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.pending).into_iter().partition(|p| p.source == id);
        self.pending = rest;
        let why = reason.clone().unwrap_or_else(|| "the track was stopped".into());
        let mut was_opening = false;
        for p in mine {
            let error = match p.waiting {
                Waiting::Open => {
                    was_opening = true;
                    match reason {
                        Some(_) => MediaError::NotReadable(format!("the camera failed to start: {why}")),
                        None => MediaError::Abort("getUserMedia was aborted: the source was stopped".into()),
                    }
                }
                Waiting::PhotoInfo { .. } => MediaError::Operation(format!("photo state unavailable: {why}")),
                Waiting::Grab(kind)
                | Waiting::PhotoFrame { ended: kind, .. }
                | Waiting::Encoding { ended: kind, .. } => MediaError::new(kind, why.clone()),
            };
            self.reply(p.request, Some(id), Err(error));
        }
        if let Some(entry) = self.players.remove(&id) {
            for (sink, slot) in &entry.sinks {
                self.sink_owner.remove(sink);
                slot.clear();
            }
            for request in entry.opening.into_iter().chain(entry.seeking) {
                self.reply(request, Some(id), Err(MediaError::Abort("the media was unloaded".into())));
            }
        }
        if let Some(mut src) = self.sources.remove(&id) {
            for sink in src.tap.sink_ids() {
                self.sink_owner.remove(&sink);
            }
            src.tap.teardown();
            if let (Some(reason), false) = (reason, was_opening) {
                self.emit(MediaEvent::SourceEnded { source: id, reason });
            }
        }
    }

    fn expire(&mut self, now: Instant) {
        let (due, rest): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.pending).into_iter().partition(|p| p.deadline <= now);
        self.pending = rest;
        for p in due {
            let id = p.source;
            match p.waiting {
                Waiting::Open => {
                    self.reply(
                        p.request,
                        Some(id),
                        Err(MediaError::NotReadable("the camera delivered no frame".into())),
                    );
                    if let Some(mut src) = self.sources.remove(&id) {
                        src.tap.teardown();
                    }
                }
                Waiting::Grab(_) | Waiting::PhotoFrame { .. } => {
                    let e = MediaError::Unknown(format!("no frame within {:?}", self.options.grab_timeout));
                    self.reply(p.request, Some(id), Err(e));
                }
                Waiting::Encoding { .. } => {
                    self.reply(p.request, Some(id), Err(MediaError::Unknown("encoding timed out".into())))
                }
                Waiting::PhotoInfo { settings } => self.answer_photo_info(p.request, id, settings),
            }
            self.update_grab_gate(id);
        }
    }

    /// A camera that delivers nothing for 25 frame intervals (at least 1 s)
    /// is muted, and unmuted when frames come back.
    fn check_mute(&mut self) {
        let mut changes = Vec::new();
        for src in self.sources.values_mut() {
            if src.is_canvas() || !src.ready {
                continue;
            }
            let limit = (src.frame_interval() * 25).max(Duration::from_secs(1));
            let silent = src.counters.since_last_frame().is_some_and(|d| d > limit);
            if silent != src.muted {
                src.muted = silent;
                changes.push((src.id, silent));
            }
        }
        for (source, muted) in changes {
            self.emit(MediaEvent::MuteChanged { source, muted });
        }
    }

    /// `<video src>`: a canvas-like source fed by a player of `bytes`.
    fn open_media(&mut self, request: RequestId, id: SourceId, bytes: &[u8]) -> Result<(), MediaError> {
        self.create_canvas(id, ImageSize::new(1, 1), None)?;
        match Player::open(id, bytes, &*self.options.elements, self.internal_tx.clone()) {
            Ok(player) => {
                let entry = PlayerEntry {
                    player,
                    opening: Some(request),
                    seeking: None,
                    playing: false,
                    last_progress: Instant::now(),
                    sinks: Vec::new(),
                    last_size: None,
                };
                self.players.insert(id, entry);
                Ok(())
            }
            Err(e) => {
                self.end_source(id, None);
                Err(e)
            }
        }
    }

    /// MediaRecorder.start(): the recording pipeline, and a branch on each video source's tee.
    fn start_recorder(&mut self, id: RecorderId, config: &RecorderConfig) -> Result<(), MediaError> {
        if self.recorders.contains_key(&id) {
            return Err(MediaError::InvalidState(format!("{id} already exists")));
        }
        let mut recorder = Recorder::new(id, config, &*self.options.elements, self.internal_tx.clone())?;
        for i in 0..recorder.videos.len() {
            let input = &recorder.videos[i];
            let Some(src) = self.sources.get_mut(&input.source) else {
                log::debug!("{id}: {} is gone; its track records nothing", input.source);
                continue;
            };
            match &src.kind {
                // Canvas and media-file frames are pushed here by push_frame(), in order with
                // the commands (so a stop() right after a paint keeps that paint); a canvas that
                // is not painted again still records what it shows.
                Kind::Canvas { latest, .. } => {
                    if let Some(frame) = latest {
                        recorder.push_frame(i, frame);
                    }
                    recorder.videos[i].direct = true;
                }
                Kind::Camera { .. } => src.tap.attach_recorder_branch(input.branch, recorder.feeder(i))?,
            }
        }
        for input in &recorder.media_audio {
            match self.players.get(&input.source) {
                Some(entry) => {
                    if let Some(caps) = entry.player.audio_caps() {
                        input.set_caps(&caps);
                    }
                    entry
                        .player
                        .audio_subscribers
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(input.clone());
                }
                None => log::debug!("{id}: {} is gone; its audio records nothing", input.source),
            }
        }
        self.recorders.insert(id, RecorderEntry { recorder, failed: false, stop: None });
        Ok(())
    }

    fn stop_recorder(&mut self, request: RequestId, id: RecorderId) {
        let Some(entry) = self.recorders.get_mut(&id) else {
            log::debug!("StopRecorder: {id} is not recording");
            self.reply(request, None, Ok(MediaReply::RecorderData { data: Vec::new(), timecode: 0.0 }));
            return;
        };
        if entry.stop.is_some() {
            self.reply(request, None, Err(MediaError::InvalidState(format!("{id} is already stopping"))));
            return;
        }
        entry.stop = Some((request, Instant::now() + RECORDER_STOP_TIMEOUT));
        for input in entry.recorder.videos.iter().filter(|v| !v.direct) {
            if let Some(src) = self.sources.get_mut(&input.source) {
                src.tap.detach_sink(input.branch);
            }
        }
        for input in &entry.recorder.media_audio {
            if let Some(p) = self.players.get(&input.source) {
                p.player
                    .audio_subscribers
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .retain(|i| !i.same(input));
            }
        }
        if entry.failed {
            self.finish_recorder(id);
        } else {
            entry.recorder.finish();
        }
    }

    /// Answers a stopped recorder's stop() with its last chunk and drops its pipeline.
    fn finish_recorder(&mut self, id: RecorderId) {
        let Some(mut entry) = self.recorders.remove(&id) else { return };
        let Some((request, _)) = entry.stop else {
            self.recorders.insert(id, entry);
            return;
        };
        let (data, timecode) = entry.recorder.take_chunk(Instant::now());
        self.reply(request, None, Ok(MediaReply::RecorderData { data, timecode }));
    }

    /// Hands out timeslice chunks that are due and ends stops that took too long.
    fn check_recorders(&mut self, now: Instant) {
        let mut late = Vec::new();
        let mut chunks = Vec::new();
        for (id, entry) in &mut self.recorders {
            match entry.stop {
                Some((_, deadline)) if deadline <= now => late.push(*id),
                None if entry.recorder.chunk_due(now) => {
                    let (data, timecode) = entry.recorder.take_chunk(now);
                    chunks.push(MediaEvent::RecorderData { recorder: *id, data, timecode });
                }
                _ => {}
            }
        }
        for (id, entry) in &mut self.players {
            if entry.playing && now.duration_since(entry.last_progress) >= Duration::from_millis(250) {
                entry.last_progress = now;
                chunks.push(MediaEvent::MediaProgress { source: *id });
            }
        }
        for event in chunks {
            self.emit(event);
        }
        for id in late {
            log::warn!("{id}: the recording did not end within {RECORDER_STOP_TIMEOUT:?}; answering with what it has");
            self.finish_recorder(id);
        }
    }

    fn shutdown(&mut self) {
        for p in std::mem::take(&mut self.pending) {
            self.reply(p.request, Some(p.source), Err(MediaError::Abort("the media thread exited".into())));
        }
        let recorders: Vec<RecorderEntry> = self.recorders.drain().map(|(_, e)| e).collect();
        for entry in recorders {
            if let Some((request, _)) = entry.stop {
                self.emit(MediaEvent::Reply {
                    request,
                    source: None,
                    result: Err(MediaError::Abort("the media thread exited".into())),
                });
            }
        }
        let players: Vec<PlayerEntry> = self.players.drain().map(|(_, e)| e).collect();
        for entry in players {
            for request in [entry.opening, entry.seeking].into_iter().flatten() {
                self.reply(request, None, Err(MediaError::Abort("the media thread exited".into())));
            }
        }
        for (_, mut src) in self.sources.drain() {
            src.tap.teardown();
        }
        self.encoder = None;
        if let Some(t) = self.encoder_thread.take() {
            let _ = t.join();
        }
        // Photos the encoder finished before it stopped are still delivered.
        while let Ok(msg) = self.internal_rx.try_recv() {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle_internal(msg)));
            if outcome.is_err() {
                log::error!("Media thread: an internal message handler panicked during shutdown");
            }
        }
    }
}

impl RecorderEntry {
    /// When the loop must wake for this recorder: its stop deadline, or its next timeslice.
    fn next_deadline(&self) -> Option<Instant> {
        match self.stop {
            Some((_, deadline)) => Some(deadline),
            None => self.recorder.next_chunk_deadline(),
        }
    }
}

//! Frame I/O on a servo-media stream: the `tee` Aperture owns on each source,
//! the grab branch (RGBA, gated so it costs nothing while nobody waits), the
//! sink branches (latest-frame slots), the bus watch and the teardown that
//! servo-media needs (`unregister_stream` + pipeline to Null).
//!
//! Branches come and go while the source plays (`<video>` sinks, recorders), so:
//!
//! * every appsink on the tee is `async=false`: a sink that prerolls asynchronously makes the
//!   pipeline lose its state, and GStreamer then restores it from a thread of its own
//!   (`gst_element_call_async`) that sets *every* child to PLAYING, racing with a branch
//!   being stopped and removed on the Media thread;
//! * a branch is one `Bin`, started (sinks first) before the tee is linked to it: a push into
//!   an element still starting returns FLUSHING, which the tee passes upstream, and the
//!   source's streaming thread stops for good;
//! * a branch leaves in two steps: an IDLE probe on its tee pad unlinks it once no buffer is on
//!   its way (at once, on the Media thread, when none is); then the Media thread sets the bin to
//!   NULL (sinks first, so no queue waits on a sink), removes it and releases the tee pad.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use base::units::ImageSize;
use base::{FrameBytes, PixelFormat, SourceId, VideoFrame};
use crossbeam_channel::Sender;
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use gstreamer_base::prelude::*;
use media_traits::error::MediaError;
use media_traits::messages::{SinkId, SourceStats};
use media_traits::slot::FrameSlot;
use servo_media_gstreamer::media_stream::GStreamerMediaStream;
use servo_media_streams::MediaStream;
use servo_media_streams::registry::{MediaStreamId, get_stream, unregister_stream};

use crate::elements::ElementMaker;

/// Messages from GStreamer threads (and the encoder) to the Media thread.
#[derive(Debug)]
pub enum Internal {
    /// The source delivered its first frame.
    FirstFrame(SourceId),
    /// The grab branch produced an RGBA frame.
    Grabbed(SourceId, VideoFrame),
    /// A sink got its first frame, or frames changed size.
    SinkFrame {
        /// The sink.
        sink: SinkId,
        /// Frame size.
        size: ImageSize,
        /// First frame of this sink.
        first: bool,
    },
    /// The pipeline posted an error (e.g. the device went away).
    PipelineError(SourceId, String),
    /// The pipeline ended.
    Eos(SourceId),
    /// A photo encode finished.
    Encoded(base::RequestId, Result<(Vec<u8>, ImageSize), MediaError>),
    /// A recorder's muxer wrote bytes.
    RecorderBytes(media_traits::recorder::RecorderId, Vec<u8>),
    /// A recorder's pipeline ended (after stop()).
    RecorderEos(media_traits::recorder::RecorderId),
    /// A recorder's pipeline failed.
    RecorderError(media_traits::recorder::RecorderId, String),
    /// A media file's decoded video frame.
    PlayerFrame(SourceId, VideoFrame),
    /// A media file's pipeline prerolled or finished a seek (its duration, if known).
    PlayerSettled(SourceId, Option<Duration>),
    /// A media file's pipeline failed.
    PlayerError(SourceId, String),
    /// A media file played to its end.
    PlayerEos(SourceId),
    /// A branch being detached from the source's tee was unlinked by its idle probe on a
    /// streaming thread: the Media thread can now stop and remove it.
    BranchUnlinked(SourceId, SinkId),
}

type StreamHandle = (MediaStreamId, Weak<Mutex<dyn MediaStream>>);

/// The streams one media thread tapped, to check that closed ones were freed (leak checks):
/// each engine's `MediaOptions` holds its own.
#[derive(Clone, Default)]
pub struct TapLedger(Arc<Mutex<Vec<StreamHandle>>>);

impl std::fmt::Debug for TapLedger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TapLedger")
    }
}

impl TapLedger {
    fn record(&self, id: MediaStreamId, weak: Weak<Mutex<dyn MediaStream>>) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).push((id, weak));
    }

    /// How many of the servo-media streams tapped through this ledger are still registered in
    /// servo-media's registry or still alive. Returns to its earlier value once the sources
    /// opened since are closed.
    pub fn live_stream_count(&self) -> usize {
        let mut tapped = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        tapped.retain(|(id, weak)| weak.strong_count() > 0 || get_stream(id).is_some());
        tapped.len()
    }
}

/// Per-source counters, shared with streaming threads.
#[derive(Debug)]
pub struct Counters {
    frames_in: AtomicU64,
    frames_out: AtomicU64,
    copies: AtomicU64,
    first_seen: AtomicBool,
    /// Milliseconds since `epoch` of the last frame entering the tee.
    last_frame_ms: AtomicU64,
    epoch: Instant,
    /// Data pointers of recently pushed canvas frames (zero-copy check).
    pushed: Mutex<VecDeque<usize>>,
    canvas: bool,
}

impl Counters {
    /// Counters for a camera (`canvas == false`) or canvas source.
    pub fn new(canvas: bool) -> Arc<Counters> {
        Arc::new(Counters {
            frames_in: AtomicU64::new(0),
            frames_out: AtomicU64::new(0),
            copies: AtomicU64::new(0),
            first_seen: AtomicBool::new(false),
            last_frame_ms: AtomicU64::new(0),
            epoch: Instant::now(),
            pushed: Mutex::new(VecDeque::new()),
            canvas,
        })
    }

    /// Records a canvas frame pushed with its data pointer.
    pub fn pushed(&self, ptr: usize) {
        self.frames_in.fetch_add(1, Ordering::Relaxed);
        let mut q = self.pushed.lock().unwrap_or_else(PoisonError::into_inner);
        q.push_back(ptr);
        if q.len() > 8 {
            q.pop_front();
        }
    }

    /// Records a frame handed to a consumer, with the copies it cost.
    pub fn delivered(&self, copies: u64) {
        self.frames_out.fetch_add(1, Ordering::Relaxed);
        self.copies.fetch_add(copies, Ordering::Relaxed);
    }

    fn was_pushed(&self, ptr: usize) -> bool {
        self.pushed.lock().unwrap_or_else(PoisonError::into_inner).contains(&ptr)
    }

    /// Time since the last frame entered the tee (None before the first).
    pub fn since_last_frame(&self) -> Option<Duration> {
        if !self.first_seen.load(Ordering::Acquire) {
            return None;
        }
        let now = self.epoch.elapsed().as_millis() as u64;
        Some(Duration::from_millis(now.saturating_sub(self.last_frame_ms.load(Ordering::Relaxed))))
    }

    /// A snapshot for `GetStats`.
    pub fn stats(&self) -> SourceStats {
        SourceStats {
            frames_in: self.frames_in.load(Ordering::Relaxed),
            frames_out: self.frames_out.load(Ordering::Relaxed),
            copies: self.copies.load(Ordering::Relaxed),
        }
    }
}

/// One branch on the tee: its elements in a bin, fed through a tee request pad.
struct SinkBranch {
    bin: gst::Bin,
    tee_pad: gst::Pad,
    /// The latest-frame slot a `<video>` reads (none for a recorder's branch).
    slot: Option<FrameSlot>,
    /// Set when the sink is detached; the branch's callback stores no frame after it.
    detached: Option<Arc<Mutex<bool>>>,
    /// Set by the idle probe once the tee pad is unlinked from the bin.
    unlinked: Arc<AtomicBool>,
}

/// Aperture's frame I/O on one servo-media stream.
pub struct Tap {
    /// The servo-media stream.
    pub stream_id: MediaStreamId,
    /// The stream's pipeline.
    pub pipeline: gst::Pipeline,
    stream: Weak<Mutex<dyn MediaStream>>,
    tee: gst::Element,
    valve: gst::Element,
    sinks: HashMap<SinkId, SinkBranch>,
    /// Branches detached while a buffer was on its way to them: they wait for their idle
    /// probe (`Internal::BranchUnlinked`) before they are stopped and removed.
    detaching: HashMap<SinkId, SinkBranch>,
    source: SourceId,
    internal: Sender<Internal>,
    counters: Arc<Counters>,
    maker: Arc<dyn ElementMaker>,
    torn_down: bool,
}

/// Wraps a mapped GStreamer buffer as frame memory: no copy.
pub(crate) fn frame_from_sample(sample: &gst::Sample, sequence: u64) -> Option<(VideoFrame, usize)> {
    let caps = sample.caps()?;
    let info = gstreamer_video::VideoInfo::from_caps(caps).ok()?;
    let format = match info.format() {
        gstreamer_video::VideoFormat::Rgba => PixelFormat::Rgba8,
        gstreamer_video::VideoFormat::Bgra => PixelFormat::Bgra8,
        _ => return None,
    };
    let buffer = sample.buffer_owned()?;
    let pts = buffer.pts().unwrap_or(gst::ClockTime::ZERO);
    let mapped = buffer.into_mapped_buffer_readable().ok()?;
    let ptr = mapped.as_slice().as_ptr() as usize;
    let frame = VideoFrame {
        size: ImageSize::new(info.width(), info.height()),
        format,
        stride: info.stride()[0] as usize,
        has_alpha: true,
        data: FrameBytes::new(mapped),
        timestamp: Duration::from_nanos(pts.nseconds()),
        sequence,
    };
    Some((frame, ptr))
}

fn link_all(elements: &[&gst::Element]) -> Result<(), MediaError> {
    gst::Element::link_many(elements).map_err(|e| MediaError::NotReadable(format!("could not link the frame tap: {e}")))
}

impl Tap {
    /// Attaches a tee and the grab branch to the stream `id` and starts its
    /// pipeline. Fails cleanly (and unregisters the stream) on any error.
    pub fn attach(
        id: MediaStreamId,
        source: SourceId,
        maker: Arc<dyn ElementMaker>,
        internal: Sender<Internal>,
        counters: Arc<Counters>,
        ledger: &TapLedger,
    ) -> Result<Tap, MediaError> {
        let result = Self::attach_inner(id, source, maker, internal, counters, ledger);
        if result.is_err() {
            if let Some(stream) = get_stream(&id)
                && let Some(gs) = stream
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .as_mut_any()
                    .downcast_mut::<GStreamerMediaStream>()
            {
                let _ = gs.pipeline_or_new().set_state(gst::State::Null);
            }
            release_stream(&id);
        }
        result
    }

    fn attach_inner(
        id: MediaStreamId,
        source: SourceId,
        maker: Arc<dyn ElementMaker>,
        internal: Sender<Internal>,
        counters: Arc<Counters>,
        ledger: &TapLedger,
    ) -> Result<Tap, MediaError> {
        maker.require(&["tee", "queue", "valve", "videoconvert", "appsink"])?;
        let stream = get_stream(&id).ok_or_else(|| MediaError::NotReadable("servo-media lost the stream".into()))?;
        let (src, pipeline) = {
            let mut guard = stream.lock().unwrap_or_else(PoisonError::into_inner);
            let gs = guard
                .as_mut_any()
                .downcast_mut::<GStreamerMediaStream>()
                .ok_or_else(|| MediaError::NotReadable("not a GStreamer stream".into()))?;
            (gs.src_element(), gs.pipeline_or_new())
        };
        let weak = Arc::downgrade(&stream);
        drop(stream);
        ledger.record(id, weak.clone());
        let tee = maker.make("tee")?;
        tee.set_property("allow-not-linked", true);
        pipeline.add(&tee).map_err(|e| MediaError::NotReadable(e.to_string()))?;
        link_all(&[&src, &tee])?;
        let sink_pad = tee.static_pad("sink").expect("tee has a sink pad");
        let c = counters.clone();
        let tx = internal.clone();
        sink_pad.add_probe(gst::PadProbeType::BUFFER, move |_, _| {
            c.frames_in.fetch_add(u64::from(!c.canvas), Ordering::Relaxed);
            c.last_frame_ms.store(c.epoch.elapsed().as_millis() as u64, Ordering::Relaxed);
            if !c.first_seen.swap(true, Ordering::AcqRel) {
                let _ = tx.send(Internal::FirstFrame(source));
            }
            gst::PadProbeReturn::Ok
        });

        // The grab branch: a valve drops buffers before any conversion unless a grab waits.
        let queue = maker.make("queue")?;
        let valve = maker.make("valve")?;
        valve.set_property("drop", true);
        queue.set_property_from_str("leaky", "downstream");
        queue.set_property("max-size-buffers", 1u32);
        let convert = maker.make("videoconvert")?;
        let appsink = gst_app::AppSink::builder()
            .caps(&gstreamer_video::VideoCapsBuilder::new().format(gstreamer_video::VideoFormat::Rgba).build())
            .sync(false)
            .async_(false)
            .max_buffers(1)
            .drop(true)
            .build();
        let sequence = AtomicU64::new(0);
        let (c, tx, conv) = (counters.clone(), internal.clone(), convert.clone());
        appsink.set_callbacks(
            gst_app::AppSinkCallbacks::builder()
                .new_sample(move |sink| {
                    let sample = sink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                    let seq = sequence.fetch_add(1, Ordering::Relaxed);
                    if let Some((frame, ptr)) = frame_from_sample(&sample, seq) {
                        let copies = copies_for(&c, &conv, ptr);
                        c.delivered(copies);
                        let _ = tx.send(Internal::Grabbed(source, frame));
                    }
                    Ok(gst::FlowSuccess::Ok)
                })
                .build(),
        );
        let appsink: gst::Element = appsink.upcast();
        pipeline.add_many([&queue, &valve, &convert, &appsink]).map_err(|e| MediaError::NotReadable(e.to_string()))?;
        link_all(&[&tee, &queue, &valve, &convert, &appsink])?;

        let bus = pipeline.bus().expect("pipelines have a bus");
        let tx = internal.clone();
        bus.set_sync_handler(move |_, msg| {
            match msg.view() {
                gst::MessageView::Error(e) => {
                    let _ = tx.send(Internal::PipelineError(source, e.error().to_string()));
                }
                gst::MessageView::Eos(_) => {
                    let _ = tx.send(Internal::Eos(source));
                }
                _ => {}
            }
            gst::BusSyncReply::Drop
        });
        let tap = Tap {
            stream_id: id,
            pipeline: pipeline.clone(),
            stream: weak,
            tee,
            valve,
            sinks: HashMap::new(),
            detaching: HashMap::new(),
            source,
            internal,
            counters,
            maker,
            torn_down: false,
        };
        pipeline
            .set_state(gst::State::Playing)
            .map_err(|_| MediaError::NotReadable("the capture pipeline could not start".into()))?;
        Ok(tap)
    }

    /// Opens or closes the grab branch.
    pub fn want_grabs(&self, wanted: bool) {
        if self.valve.property::<bool>("drop") == wanted {
            self.valve.set_property("drop", !wanted);
        }
    }

    /// Adds a sink branch filling `slot` with RGBA/BGRA frames. `current`, a pushed source's
    /// latest frame, is the sink's first frame at once: a canvas or generator that painted
    /// once and then stood still would otherwise leave a new sink empty. The same frame, if
    /// it is still on its way through the tee, is not stored twice.
    pub fn attach_sink(
        &mut self,
        sink: SinkId,
        slot: FrameSlot,
        current: Option<VideoFrame>,
    ) -> Result<(), MediaError> {
        let queue = self.maker.make("queue")?;
        queue.set_property_from_str("leaky", "downstream");
        queue.set_property("max-size-buffers", 1u32);
        let convert = self.maker.make("videoconvert")?;
        let caps = gst::Caps::builder("video/x-raw").field("format", gst::List::new(["RGBA", "BGRA"])).build();
        let appsink =
            gst_app::AppSink::builder().caps(&caps).sync(false).async_(false).max_buffers(1).drop(true).build();
        // A weak reference: the callback must not keep the branch's elements alive.
        let (c, tx, conv, s) = (self.counters.clone(), self.internal.clone(), convert.downgrade(), slot.clone());
        // Set (under its lock) when the sink is detached: frames still inside the branch after
        // that are not stored, so a detached slot stays empty.
        let detached = Arc::new(Mutex::new(false));
        let d = detached.clone();
        // The address of the frame given at attach time (0: none), checked once.
        let replayed = AtomicUsize::new(current.as_ref().map_or(0, |f| f.data.as_slice().as_ptr() as usize));
        let last_size = Mutex::new(current.as_ref().map(|f| f.size));
        let sequence = AtomicU64::new(0);
        appsink.set_callbacks(
            gst_app::AppSinkCallbacks::builder()
                .new_sample(move |appsink| {
                    let sample = appsink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                    let seq = sequence.fetch_add(1, Ordering::Relaxed);
                    if let Some((frame, ptr)) = frame_from_sample(&sample, seq)
                        && let Some(conv) = conv.upgrade()
                    {
                        if replayed.swap(0, Ordering::Relaxed) == ptr {
                            // The frame the sink was given when it attached.
                            return Ok(gst::FlowSuccess::Ok);
                        }
                        c.delivered(copies_for(&c, &conv, ptr));
                        let size = frame.size;
                        {
                            let detached = d.lock().unwrap_or_else(PoisonError::into_inner);
                            if *detached {
                                return Ok(gst::FlowSuccess::Ok);
                            }
                            s.store(frame);
                        }
                        let mut last = last_size.lock().unwrap_or_else(PoisonError::into_inner);
                        if *last != Some(size) {
                            let _ = tx.send(Internal::SinkFrame { sink, size, first: last.is_none() });
                            *last = Some(size);
                        }
                    }
                    Ok(gst::FlowSuccess::Ok)
                })
                .build(),
        );
        self.add_branch(sink, vec![queue, convert, appsink.upcast()], Some((slot.clone(), detached)))?;
        if let Some(frame) = current {
            let size = frame.size;
            slot.store(frame);
            let _ = self.internal.send(Internal::SinkFrame { sink, size, first: true });
        }
        Ok(())
    }

    /// Adds a branch that hands every frame, as the source produced it (any raw format), to
    /// `on_sample` on the streaming thread: a recorder's input. Its queue holds up to a second
    /// of frames so a slow encoder never stalls the source (older frames are dropped first).
    pub fn attach_recorder_branch(
        &mut self,
        sink: SinkId,
        on_sample: impl Fn(gst::Sample) + Send + Sync + 'static,
    ) -> Result<(), MediaError> {
        let queue = self.maker.make("queue")?;
        queue.set_property_from_str("leaky", "downstream");
        queue.set_property("max-size-buffers", 60u32);
        queue.set_property("max-size-bytes", 0u32);
        queue.set_property("max-size-time", 0u64);
        let appsink = gst_app::AppSink::builder().sync(false).async_(false).build();
        appsink.set_callbacks(
            gst_app::AppSinkCallbacks::builder()
                .new_sample(move |appsink| {
                    let sample = appsink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                    on_sample(sample);
                    Ok(gst::FlowSuccess::Ok)
                })
                .build(),
        );
        self.add_branch(sink, vec![queue, appsink.upcast()], None)
    }

    /// Puts `elements` (linked in order) in a bin, starts it, then links it to a new tee pad.
    fn add_branch(
        &mut self,
        sink: SinkId,
        elements: Vec<gst::Element>,
        slot: Option<(FrameSlot, Arc<Mutex<bool>>)>,
    ) -> Result<(), MediaError> {
        let fail = |e: glib::BoolError| MediaError::NotReadable(format!("could not add a branch to the tee: {e}"));
        let bin = gst::Bin::new();
        bin.add_many(&elements).map_err(fail)?;
        link_all(&elements.iter().collect::<Vec<_>>())?;
        let target = elements[0].static_pad("sink").expect("a branch starts with a queue");
        let ghost = gst::GhostPad::with_target(&target).map_err(fail)?;
        bin.add_pad(&ghost).map_err(fail)?;
        self.pipeline.add(&bin).map_err(fail)?;
        // The whole branch runs before a buffer can reach it (a bin starts its sinks first).
        let started = bin.sync_state_with_parent();
        let tee_pad = match (started, self.tee.request_pad_simple("src_%u")) {
            (Ok(()), Some(pad)) => pad,
            (_, pad) => {
                if let Some(pad) = pad {
                    self.tee.release_request_pad(&pad);
                }
                let _ = bin.set_state(gst::State::Null);
                let _ = self.pipeline.remove(&bin);
                return Err(MediaError::NotReadable("could not start a branch of the frame tap".into()));
            }
        };
        if let Err(e) = tee_pad.link(&ghost) {
            self.tee.release_request_pad(&tee_pad);
            let _ = bin.set_state(gst::State::Null);
            let _ = self.pipeline.remove(&bin);
            return Err(MediaError::NotReadable(format!("could not link a branch to the tee: {e}")));
        }
        let unlinked = Arc::new(AtomicBool::new(false));
        let (slot, detached) = slot.unzip();
        self.sinks.insert(sink, SinkBranch { bin, tee_pad, slot, detached, unlinked });
        Ok(())
    }

    /// Detaches a branch; returns whether it existed. The tee stops feeding it at once (or
    /// right after the buffer it is pushing into it now); the branch is stopped and removed
    /// then, or when [`Tap::finish_detach`] is called for it.
    pub fn detach_sink(&mut self, sink: SinkId) -> bool {
        let Some(branch) = self.sinks.remove(&sink) else { return false };
        // The slot empties now, not when the branch is unlinked: frames still queued inside the
        // branch are dropped by its callback.
        if let (Some(detached), Some(slot)) = (&branch.detached, &branch.slot) {
            *detached.lock().unwrap_or_else(PoisonError::into_inner) = true;
            slot.clear();
        }
        let (unlinked, tx, source) = (branch.unlinked.clone(), self.internal.clone(), self.source);
        let on_media_thread = std::thread::current().id();
        // Called on this thread before add_probe returns when the pad is idle, else on the
        // streaming thread right after its current push.
        branch.tee_pad.add_probe(gst::PadProbeType::IDLE, move |pad, _| {
            if let Some(peer) = pad.peer() {
                let _ = pad.unlink(&peer);
            }
            unlinked.store(true, Ordering::Release);
            if std::thread::current().id() != on_media_thread {
                let _ = tx.send(Internal::BranchUnlinked(source, sink));
            }
            gst::PadProbeReturn::Remove
        });
        if branch.unlinked.load(Ordering::Acquire) {
            self.remove_branch(branch);
        } else {
            self.detaching.insert(sink, branch);
        }
        true
    }

    /// Stops and removes a detached branch whose idle probe has unlinked it. Unknown ids
    /// (already removed, or the tap was torn down) are ignored.
    pub fn finish_detach(&mut self, sink: SinkId) {
        match self.detaching.remove(&sink) {
            Some(branch) if branch.unlinked.load(Ordering::Acquire) => self.remove_branch(branch),
            Some(branch) => {
                self.detaching.insert(sink, branch);
            }
            None => log::debug!("{}: branch {} is already removed", self.source, sink.0),
        }
    }

    /// An unlinked branch: the tee gives its pad back, the bin stops (elements reach NULL
    /// before anyone can drop them) and leaves the pipeline.
    fn remove_branch(&self, branch: SinkBranch) {
        self.tee.release_request_pad(&branch.tee_pad);
        if branch.bin.set_state(gst::State::Null).is_err() {
            log::warn!("{}: a branch of the frame tap did not stop cleanly", self.source);
        }
        let _ = self.pipeline.remove(&branch.bin);
        if let Some(slot) = branch.slot {
            slot.clear();
        }
    }

    /// The sinks attached.
    pub fn sink_ids(&self) -> Vec<SinkId> {
        self.sinks.keys().copied().collect()
    }

    /// Whether servo-media's stream object is still alive (leak checks).
    pub fn stream_alive(&self) -> bool {
        self.stream.strong_count() > 0
    }

    /// A handle to check, after teardown, that the stream was freed.
    pub fn stream_weak(&self) -> Weak<Mutex<dyn MediaStream>> {
        self.stream.clone()
    }

    /// Stops the pipeline, removes the bus handler and unregisters the
    /// stream from servo-media's registry (which otherwise keeps it forever).
    pub fn teardown(&mut self) {
        if self.torn_down {
            return;
        }
        self.torn_down = true;
        self.want_grabs(false);
        if self.pipeline.set_state(gst::State::Null).is_err() {
            log::warn!("{}: pipeline did not stop cleanly", self.source);
        }
        // Nothing streams any more: every branch, attached or waiting for its probe, goes.
        let branches: Vec<SinkBranch> = self.sinks.drain().chain(self.detaching.drain()).map(|(_, b)| b).collect();
        for branch in branches {
            if let Some(peer) = branch.tee_pad.peer() {
                let _ = branch.tee_pad.unlink(&peer);
            }
            self.remove_branch(branch);
        }
        if let Some(bus) = self.pipeline.bus() {
            bus.unset_sync_handler();
        }
        release_stream(&self.stream_id);
    }
}

/// Removes a stream from servo-media's registry and frees it.
///
/// servo-media trap: `unregister_stream` drops the removed `Arc` while it
/// still holds the registry lock, and `GStreamerMediaStream::drop` calls
/// `unregister_stream` again, so unregistering the last reference deadlocks.
/// Holding a reference across the call makes the final drop happen after the
/// lock is released.
pub fn release_stream(id: &MediaStreamId) {
    let keep = get_stream(id);
    unregister_stream(id);
    drop(keep);
}

impl Drop for Tap {
    fn drop(&mut self) {
        self.teardown();
    }
}

/// Copies a delivered frame cost: canvas frames are free when the consumer
/// sees the pushed memory; camera frames cost one conversion unless
/// `videoconvert` ran in passthrough.
fn copies_for(c: &Counters, convert: &gst::Element, ptr: usize) -> u64 {
    if c.canvas {
        u64::from(!c.was_pushed(ptr))
    } else {
        let passthrough = convert.downcast_ref::<gstreamer_base::BaseTransform>().is_some_and(|t| t.is_passthrough());
        u64::from(!passthrough)
    }
}

//! `MediaStreamTrackProcessor` (<https://w3c.github.io/mediacapture-transform/#track-processor>)
//! and the legacy `MediaStreamTrackGenerator` Chromium ships: a track's frames as a
//! `ReadableStream` of `VideoFrame`s, and a track fed by a `WritableStream` of them.
//!
//! A processor of a camera, canvas or media-file track is a sink branch on its source's `tee`
//! on the Media thread (as a `<video>`'s): each frame the branch stores into its slot is
//! handed, shared, to the processor's incoming queue on the streaming thread, and one task at a
//! time moves what arrived to the script thread ("handleNewFrame"). A processor of a
//! generator's track hears the written frames on this thread, whole (timestamp, visible rect,
//! display size kept). A generator sends each written frame to its Media-thread source (a
//! canvas-like source, so `<video>`, `MediaRecorder` and `ImageCapture` use it) without copying
//! RGBA pixels. `VideoTrackGenerator`, the spec's worker generator, works the same way, with
//! `muted`; its track transferred to a window keeps receiving the worker's frames there.
//!
//! In a dedicated worker, a processor of a transferred track attaches its sink branch like a
//! window's (the request goes through the engine's script thread, `media_events`), and its
//! frames come to the worker's own task channel.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};

use base::units::ImageSize;
use base::{RequestId, SourceId};
use dom_struct::dom_struct;
use media_traits::canvas::canvas_track_state;
use media_traits::messages::{MediaCommand, SinkId};
use media_traits::slot::FrameSlot;
use mozjs::context::JSContext;
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::MediaStreamTrackProcessorInit;
use crate::dom::bindings::codegen::MediaStreamTrackGeneratorBinding::MediaStreamTrackGeneratorMethods;
use crate::dom::bindings::codegen::MediaStreamTrackProcessorBinding::MediaStreamTrackProcessorMethods;
use crate::dom::bindings::codegen::Unions::StringOrMediaStreamTrackGeneratorInit;
use crate::dom::bindings::codegen::VideoTrackGeneratorBinding::VideoTrackGeneratorMethods;
use crate::dom::bindings::conversions::root_from_object;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
use crate::dom::mediacapture::tracksource::{ScriptFrameListener, SourceOrigin, TrackKind, TrackSource};
use crate::dom::streams::algorithms::{NativeSource, SourceAlgorithms};
use crate::dom::streams::readablestream::ReadableStream;
use crate::dom::streams::readablestreamdefaultcontroller::{ReadableStreamDefaultController, SizeAlgorithm};
use crate::dom::streams::writablestream::WritableStream;
use crate::dom::streams::writablestreamdefaultcontroller::{NativeSink, SinkAlgorithms};
use crate::dom::webcodecs::videoframe::{FrameData, VideoFrame};
use crate::media_events;

/// Frames the Media thread's streaming thread handed over and the script thread has not taken
/// yet; `woken` is set while a task to take them is queued.
#[derive(Default)]
struct Incoming {
    frames: VecDeque<base::VideoFrame>,
    woken: bool,
}

/// How a processor is connected to its track's source.
enum Connection {
    None,
    /// A sink branch on the Media thread, and the streaming thread's handle on the processor
    /// (emptied at close, so the processor is no longer kept alive by the branch).
    Sink(SinkId, Arc<Mutex<Option<Trusted<MediaStreamTrackProcessor>>>>),
    /// A generator's frames on this thread (the listener is held here; the source holds it weakly).
    Generator(#[allow(dead_code)] Rc<ScriptFrameListener>),
}

#[dom_struct]
pub struct MediaStreamTrackProcessor {
    reflector_: Reflector,
    /// [[track]]
    track: Dom<MediaStreamTrack>,
    readable: MutNullableDom<ReadableStream>,
    /// [[maxBufferSize]]
    #[no_trace]
    max_buffer_size: usize,
    /// [[queue]]: frames not yet read.
    #[no_trace]
    queue: RefCell<VecDeque<FrameData>>,
    /// [[numPendingReads]]
    pending_reads: Cell<u32>,
    /// [[isClosed]]
    closed: Cell<bool>,
    #[no_trace]
    connection: RefCell<Connection>,
    /// Whether this processor keeps the event loop alive (a read waits on a live track).
    keeping_alive: Cell<bool>,
}

/// The processor's pull and cancel algorithms.
#[derive(JSTraceable)]
struct ProcessorSource {
    processor: Dom<MediaStreamTrackProcessor>,
}

impl NativeSource for ProcessorSource {
    /// <https://w3c.github.io/mediacapture-transform/#processorpull>
    fn pull(&self, cx: &mut JSContext, _controller: &ReadableStreamDefaultController) -> Rc<Promise> {
        let processor = &self.processor;
        // 1. Increment [[numPendingReads]] by 1.
        processor.pending_reads.set(processor.pending_reads.get() + 1);
        processor.update_keep_alive();
        // 2. Queue a task to run maybeReadFrame.
        let this = Trusted::new(&**processor);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(p) = this.root() {
                p.maybe_read_frame(cx);
            }
        }));
        // 3. Return a promise resolved with undefined.
        Promise::new_resolved(cx, &processor.global(), &())
    }

    /// <https://w3c.github.io/mediacapture-transform/#processorcancel>
    fn cancel(&self, cx: &mut JSContext, _reason: HandleValue) -> Rc<Promise> {
        // 1. Run processorClose. 2. Return a promise resolved with undefined.
        self.processor.close(cx);
        Promise::new_resolved(cx, &self.processor.global(), &())
    }
}

impl MediaStreamTrackProcessor {
    fn controller(&self) -> Option<DomRoot<ReadableStreamDefaultController>> {
        self.readable.get().map(|r| r.controller())
    }

    /// Keeps the event loop alive while a read waits for a frame of a live track.
    fn update_keep_alive(&self) {
        let wanted = !self.closed.get() && self.pending_reads.get() > 0;
        if wanted != self.keeping_alive.replace(wanted) {
            if wanted {
                crate::script_thread::request_started();
            } else {
                crate::script_thread::request_settled();
            }
        }
    }

    /// <https://w3c.github.io/mediacapture-transform/#handlenewframe>
    fn handle_new_frame(&self, frame: FrameData) {
        // A disabled track delivers no frame to its processor (what a source produces while
        // the track is disabled is not queued for later reads either).
        if self.closed.get() || !self.track.is_enabled() {
            return;
        }
        // 1. If [[queue]] has [[maxBufferSize]] elements, dequeue one and close it (dropped).
        {
            let mut queue = self.queue.borrow_mut();
            while queue.len() >= self.max_buffer_size {
                queue.pop_front();
            }
            // 2. Enqueue the new frame.
            queue.push_back(frame);
        }
        // 3. Queue a task to run maybeReadFrame.
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(p) = this.root() {
                p.maybe_read_frame(cx);
            }
        }));
    }

    /// <https://w3c.github.io/mediacapture-transform/#maybereadframe>
    fn maybe_read_frame(&self, cx: &mut JSContext) {
        // Tasks run outside any realm: enter the processor's.
        let window = self.global();
        crate::script_runtime::in_realm(cx, &window, |cx| self.read_frames(cx));
    }

    fn read_frames(&self, cx: &mut JSContext) {
        let Some(controller) = self.controller() else { return };
        // 1–2. While the queue has a frame and a read waits:
        while self.pending_reads.get() > 0 && !self.closed.get() {
            let Some(data) = self.queue.borrow_mut().pop_front() else { break };
            // 3–4. Dequeue it and enqueue a VideoFrame of it in readable.
            if !controller.can_close_or_enqueue() {
                break;
            }
            let frame = VideoFrame::new(cx, &self.global(), data);
            rooted!(&in(cx) let value = ObjectValue(frame.reflector().get_raw()));
            let _ = controller.enqueue(cx, value.handle());
            // 5. Decrement [[numPendingReads]].
            self.pending_reads.set(self.pending_reads.get() - 1);
        }
        self.update_keep_alive();
    }

    /// <https://w3c.github.io/mediacapture-transform/#processorclose>
    fn close(&self, cx: &mut JSContext) {
        // 1. If [[isClosed]] is true, abort these steps.
        if self.closed.replace(true) {
            return;
        }
        let window = self.global();
        crate::script_runtime::in_realm(cx, &window, |cx| self.close_steps(cx));
    }

    fn close_steps(&self, cx: &mut JSContext) {
        // 2. Disconnect processor from [[track]].
        match std::mem::replace(&mut *self.connection.borrow_mut(), Connection::None) {
            Connection::Sink(sink, holder) => {
                holder.lock().unwrap_or_else(PoisonError::into_inner).take();
                let request = RequestId::next();
                media_events::send_request_ignoring_reply(request, MediaCommand::DetachSink { request, sink });
            }
            Connection::Generator(_) | Connection::None => {}
        }
        // 3. Close readable's controller.
        if let Some(controller) = self.controller()
            && controller.can_close_or_enqueue()
        {
            controller.close(cx);
        }
        // 4. Empty [[queue]]. 5. ([[isClosed]] set above.)
        self.queue.borrow_mut().clear();
        self.update_keep_alive();
    }

    /// Connects to the track's source: a generator's frames directly, other sources through a
    /// sink branch on the Media thread.
    fn connect(&self, cx: &mut JSContext, source: &Rc<TrackSource>) {
        // A generator's frames are heard whole on its own thread; a generator of another thread
        // (a transferred track) is heard like any source, through a sink branch.
        if source.origin() == SourceOrigin::Generator && !source.is_proxy() {
            let this = Trusted::new(self);
            let listener: Rc<ScriptFrameListener> = Rc::new(move |_cx: &mut JSContext, frame: &FrameData| {
                if let Some(p) = this.root() {
                    p.handle_new_frame(frame.clone());
                }
            });
            source.add_script_frame_listener(&listener);
            *self.connection.borrow_mut() = Connection::Generator(listener);
            return;
        }
        let incoming = Arc::new(Mutex::new(Incoming::default()));
        let holder = Arc::new(Mutex::new(Some(Trusted::new(self))));
        let sender = crate::script_thread::remote_task_sender();
        let max = self.max_buffer_size;
        let (queue, owner) = (incoming.clone(), holder.clone());
        let slot = FrameSlot::with_listener(Box::new(move |frame: &base::VideoFrame| {
            let mut incoming = queue.lock().unwrap_or_else(PoisonError::into_inner);
            if incoming.frames.len() >= max {
                incoming.frames.pop_front();
            }
            incoming.frames.push_back(frame.clone());
            if incoming.woken {
                return;
            }
            incoming.woken = true;
            let (queue, owner) = (queue.clone(), owner.clone());
            // A closed channel means the engine is going away: the frame is dropped.
            let _ = sender.send(Box::new(move |cx: &mut JSContext| {
                let frames: Vec<base::VideoFrame> = {
                    let mut incoming = queue.lock().unwrap_or_else(PoisonError::into_inner);
                    incoming.woken = false;
                    incoming.frames.drain(..).collect()
                };
                let processor = owner.lock().unwrap_or_else(PoisonError::into_inner).as_ref().and_then(|t| t.root());
                if let Some(p) = processor {
                    for frame in frames {
                        let timestamp = frame.timestamp.as_micros() as i64;
                        p.handle_new_frame(FrameData::from_video_frame(&frame, timestamp, None));
                    }
                }
                let _ = cx;
            }));
        }));
        let sink = SinkId::next();
        *self.connection.borrow_mut() = Connection::Sink(sink, holder);
        let request = RequestId::next();
        let command = MediaCommand::AttachSink { request, source: source.id(), sink, slot };
        let this = Trusted::new(self);
        media_events::send_request(cx, request, command, move |cx, result| {
            if let Err(e) = result {
                // The source ended meanwhile: its tracks end, and the processor with them.
                log::debug!("processor sink {sink:?} not attached: {e}");
                if let Some(p) = this.root() {
                    p.close(cx);
                }
            }
        });
    }
}

impl MediaStreamTrackProcessorMethods for MediaStreamTrackProcessor {
    /// Chromium's legacy form, `new MediaStreamTrackProcessor(track, maxBufferSize)`: the same
    /// steps as the dictionary form.
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        track: &MediaStreamTrack,
        max_buffer_size: Option<u16>,
    ) -> Fallible<DomRoot<MediaStreamTrackProcessor>> {
        Self::construct(cx, global, proto, track, max_buffer_size)
    }

    /// <https://w3c.github.io/mediacapture-transform/#dom-mediastreamtrackprocessor-mediastreamtrackprocessor>
    fn Constructor_(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: &MediaStreamTrackProcessorInit,
    ) -> Fallible<DomRoot<MediaStreamTrackProcessor>> {
        Self::construct(cx, global, proto, &init.track, init.max_buffer_size)
    }

    /// <https://w3c.github.io/mediacapture-transform/#dom-mediastreamtrackprocessor-readable>
    fn Readable(&self, _cx: &mut JSContext) -> DomRoot<ReadableStream> {
        self.readable.get().expect("set by the constructor")
    }
}

impl MediaStreamTrackProcessor {
    /// <https://w3c.github.io/mediacapture-transform/#dom-mediastreamtrackprocessor-mediastreamtrackprocessor>
    fn construct(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        track: &MediaStreamTrack,
        max_buffer_size: Option<u16>,
    ) -> Fallible<DomRoot<MediaStreamTrackProcessor>> {
        // 1. If init.track is not a valid MediaStreamTrack, throw a TypeError (an ended track
        //    delivers nothing).
        if !track.is_live() {
            return Err(Error::Type("The track has ended.".into()));
        }
        if track.kind() != TrackKind::Video {
            return Err(Error::NotSupported("Only video tracks can be processed (there is no AudioData).".into()));
        }
        // 2–3. maxBufferSize: 1, or init's if greater than 1.
        let max_buffer_size = match max_buffer_size {
            Some(n) if n > 1 => n as usize,
            _ => 1,
        };
        // 4–9. A new processor with an empty queue and no pending read.
        let processor = reflect_dom_object_with_proto(
            cx,
            Box::new(MediaStreamTrackProcessor {
                reflector_: Reflector::new(),
                track: Dom::from_ref(track),
                readable: MutNullableDom::new(None),
                max_buffer_size,
                queue: RefCell::new(VecDeque::new()),
                pending_reads: Cell::new(0),
                closed: Cell::new(false),
                connection: RefCell::new(Connection::None),
                keeping_alive: Cell::new(false),
            }),
            global,
            proto,
        );
        // readable: set up with processorPull, processorCancel and a high water mark of 0.
        let source = Rc::new(ProcessorSource { processor: Dom::from_ref(&*processor) });
        let readable =
            ReadableStream::create(cx, global, RootedTraceableBox::new(SourceAlgorithms::Native(source)), 0.0);
        processor.readable.set(Some(&readable));
        // "When the [[track]] of a processor ends, processorClose must be executed."
        let this = Trusted::new(&*processor);
        track.add_end_observer(Box::new(move |cx| {
            if let Some(p) = this.root() {
                p.close(cx);
            }
        }));
        processor.connect(cx, track.source());
        Ok(processor)
    }
}

#[dom_struct]
pub struct MediaStreamTrackGenerator {
    track: MediaStreamTrack,
    writable: MutNullableDom<WritableStream>,
}

/// The write, close and abort algorithms of a generator's writable (the legacy
/// `MediaStreamTrackGenerator`'s and `VideoTrackGenerator`'s).
#[derive(JSTraceable)]
struct GeneratorSink {
    global: Dom<Window>,
    /// The source of the generator's tracks.
    #[no_trace]
    source: Rc<TrackSource>,
    /// [[isMuted]] (`VideoTrackGenerator.muted`; always false for the legacy generator).
    #[no_trace]
    muted: Rc<Cell<bool>>,
}

impl NativeSink for GeneratorSink {
    /// <https://w3c.github.io/mediacapture-transform/#writeframe>
    fn write(&self, cx: &mut JSContext, chunk: HandleValue) -> Rc<Promise> {
        let global = &*self.global;
        // 1. If frame is not a VideoFrame object, return a promise rejected with a TypeError.
        let frame = if chunk.get().is_object() {
            // SAFETY: `chunk` is rooted by the caller; the object is only looked at.
            unsafe { root_from_object::<VideoFrame>(chunk.get().to_object()) }
        } else {
            None
        };
        let Some(frame) = frame else {
            return Promise::new_rejected(cx, global, Error::Type("A generator takes VideoFrames.".into()));
        };
        // (A closed frame has no media resource to send: TypeError.)
        let Some(data) = frame.data() else {
            return Promise::new_rejected(cx, global, Error::Type("The VideoFrame is closed.".into()));
        };
        // 2. If generator.[[isMuted]] is false, then for each live track sourced from generator,
        //    send frame to track: the Media-thread source (shared by the generator's track, its
        //    clones and tracks transferred to other threads) and the processors on this thread.
        if !self.muted.get() && !self.source.is_stopped() {
            media_events::send(MediaCommand::PushFrame { source: self.source.id(), frame: data.rendered() });
            self.source.deliver_script_frame(cx, &data);
        }
        // 3. Run the Close VideoFrame algorithm with frame. 4. Return a promise resolved with
        //    undefined.
        frame.close_frame();
        Promise::new_resolved(cx, global, &())
    }

    /// <https://w3c.github.io/mediacapture-transform/#closewritable>
    fn close(&self, cx: &mut JSContext) -> Rc<Promise> {
        // 1. For each track t sourced from generator, end track t.
        self.source.end_by_source(cx, "the generator's writable stream was closed");
        Promise::new_resolved(cx, &self.global, &())
    }

    fn abort(&self, cx: &mut JSContext, _reason: HandleValue) -> Rc<Promise> {
        self.close(cx)
    }
}

/// A new video source for a generator: a canvas-like source on the Media thread, fed by
/// writes (its tracks play in `<video>`, record, and can be photographed).
fn new_generator_source(cx: &mut JSContext) -> Rc<TrackSource> {
    let id = SourceId::next();
    let size = ImageSize::new(0, 0);
    let request = RequestId::next();
    let state = canvas_track_state(id, size, None);
    let source = TrackSource::new(id, TrackKind::Video, SourceOrigin::Generator, String::new(), &state, false);
    let failed = Rc::downgrade(&source);
    media_events::send_request(
        cx,
        request,
        MediaCommand::CreateCanvasSource { request, source: id, size, frame_rate: None },
        move |cx, result| {
            if let (Err(e), Some(source)) = (result, failed.upgrade()) {
                source.end_by_source(cx, e.message());
            }
        },
    );
    source
}

/// A generator's writable: writeFrame, and closeWritable for close and abort; a high water
/// mark of 1.
fn new_generator_writable(cx: &mut JSContext, global: &Window, sink: GeneratorSink) -> DomRoot<WritableStream> {
    rooted!(&in(cx) let undefined = UndefinedValue());
    WritableStream::create(
        cx,
        global,
        undefined.handle(),
        RootedTraceableBox::new(SinkAlgorithms::Native(Rc::new(sink))),
        1.0,
        RootedTraceableBox::new(SizeAlgorithm::One),
    )
}

impl MediaStreamTrackGeneratorMethods for MediaStreamTrackGenerator {
    /// The legacy constructor: `new MediaStreamTrackGenerator(kind)` or `({kind})`.
    /// <https://github.com/w3c/mediacapture-transform/blob/main/explainer.md>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: StringOrMediaStreamTrackGeneratorInit,
    ) -> Fallible<DomRoot<MediaStreamTrackGenerator>> {
        let kind = match &init {
            StringOrMediaStreamTrackGeneratorInit::String(kind) => kind.to_string(),
            StringOrMediaStreamTrackGeneratorInit::MediaStreamTrackGeneratorInit(init) => init.kind.to_string(),
        };
        match kind.as_str() {
            "video" => {}
            "audio" => {
                return Err(Error::NotSupported("Audio generators are not supported (there is no AudioData).".into()));
            }
            _ => return Err(Error::Type(format!("'{kind}' is not a track kind."))),
        }
        let source = new_generator_source(cx);
        let generator = reflect_dom_object_with_proto(
            cx,
            Box::new(MediaStreamTrackGenerator {
                track: MediaStreamTrack::new_inherited(source.clone(), Default::default()),
                writable: MutNullableDom::new(None),
            }),
            global,
            proto,
        );
        generator.upcast::<MediaStreamTrack>().attach();
        let sink = GeneratorSink { global: Dom::from_ref(global), source, muted: Rc::new(Cell::new(false)) };
        generator.writable.set(Some(&new_generator_writable(cx, global, sink)));
        Ok(generator)
    }

    /// The legacy `writable` attribute.
    /// <https://github.com/w3c/mediacapture-transform/blob/main/explainer.md>
    fn Writable(&self, _cx: &mut JSContext) -> DomRoot<WritableStream> {
        self.writable.get().expect("set by the constructor")
    }
}

/// `VideoTrackGenerator` (<https://w3c.github.io/mediacapture-transform/#video-track-generator>):
/// a video track (`track`) fed by a `WritableStream` of `VideoFrame`s, in dedicated workers.
/// Its track can be transferred to the window, where `<video>` and `MediaRecorder` use it.
#[dom_struct]
pub struct VideoTrackGenerator {
    reflector_: Reflector,
    track: Dom<MediaStreamTrack>,
    writable: MutNullableDom<WritableStream>,
    /// [[isMuted]], shared with the writable's sink.
    #[no_trace]
    muted: Rc<Cell<bool>>,
    #[no_trace]
    source: Rc<TrackSource>,
}

impl VideoTrackGeneratorMethods for VideoTrackGenerator {
    /// <https://w3c.github.io/mediacapture-transform/#dom-videotrackgenerator-videotrackgenerator>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<VideoTrackGenerator>> {
        // 1–2. A new generator, and a new video source whose frames it writes.
        let source = new_generator_source(cx);
        // 3. [[track]]: a new MediaStreamTrack of that source.
        let track = MediaStreamTrack::new(cx, global, source.clone(), Default::default());
        // 4. [[isMuted]] is false.
        let muted = Rc::new(Cell::new(false));
        let generator = reflect_dom_object_with_proto(
            cx,
            Box::new(VideoTrackGenerator {
                reflector_: Reflector::new(),
                track: Dom::from_ref(&*track),
                writable: MutNullableDom::new(None),
                muted: muted.clone(),
                source: source.clone(),
            }),
            global,
            proto,
        );
        // 5. [[writable]]: writeFrame, and closeWritable for close and abort.
        let sink = GeneratorSink { global: Dom::from_ref(global), source: source.clone(), muted };
        let writable = new_generator_writable(cx, global, sink);
        generator.writable.set(Some(&writable));
        // When every track sourced from the generator has ended (here or on the threads its
        // track was transferred to), the writable closes: later writes reject with a TypeError.
        let weak = Trusted::new(&*writable);
        source.add_stop_observer(Box::new(move |cx| {
            if let Some(writable) = weak.root()
                && writable.state() == crate::dom::streams::writablestream::WritableState::Writable
                && !writable.close_queued_or_in_flight()
            {
                let global = writable.global();
                crate::script_runtime::in_realm(cx, &global, |cx| {
                    let _ = writable.close(cx);
                });
            }
        }));
        Ok(generator)
    }

    /// <https://w3c.github.io/mediacapture-transform/#dom-videotrackgenerator-writable>
    fn Writable(&self, _cx: &mut JSContext) -> DomRoot<WritableStream> {
        self.writable.get().expect("set by the constructor")
    }

    /// <https://w3c.github.io/mediacapture-transform/#dom-videotrackgenerator-muted>
    fn Muted(&self, _cx: &mut JSContext) -> bool {
        self.muted.get()
    }

    /// <https://w3c.github.io/mediacapture-transform/#dom-videotrackgenerator-muted>
    fn SetMuted(&self, _cx: &mut JSContext, value: bool) {
        // 1. Let newValue be the given value. 2. If newValue equals [[isMuted]], abort.
        if self.muted.get() == value {
            return;
        }
        // 3. Set [[isMuted]] to newValue.
        self.muted.set(value);
        // 4. Queue a task to set the muted state of each track sourced from the generator.
        let source = self.source.clone();
        crate::script_thread::queue_task(Box::new(move |cx| source.set_muted(cx, value)));
    }

    /// <https://w3c.github.io/mediacapture-transform/#dom-videotrackgenerator-track>
    fn Track(&self, _cx: &mut JSContext) -> DomRoot<MediaStreamTrack> {
        DomRoot::from_ref(&*self.track)
    }
}

//! WebCodecs' codec implementations on GStreamer (<https://w3c.github.io/webcodecs/>), DOM-free.
//!
//! Each encoder or decoder is a "codec work queue": a thread of its own that runs the operations
//! script sends (configure, encode or decode, flush) in order and answers each with one event.
//! The codec is a chain of GStreamer elements driven synchronously from that thread, with no
//! source or sink element ([`chain`]): pushing an input runs every element on this thread and
//! returns once the codec has emitted what that input gives, so the outputs of one operation are
//! known when the push returns ("let encoded outputs be the outputs emitted").
//!
//! Encoders are set up to emit one chunk per frame without lookahead, so a page gets each chunk
//! as soon as its frame is encoded, as in Chromium, and `flush` has nothing to wait for; a codec
//! that does hold inputs back (a decoder reordering H.264's B-frames) is drained by
//! end-of-stream, and its next input starts a new stream. Frames are not copied on the way into
//! an encoder: the buffer wraps the frame's shared bytes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossbeam_channel::{Receiver, Sender};
use gstreamer as gst;
use media_traits::codecs::{
    CodecBackend, CodecEvent, CodecEvents, CodecProvider, DecodedFrame, EncodedOutput, VideoCodec, VideoDecoderBackend,
    VideoEncoderBackend,
};

pub mod chain;
mod decoder;
mod encoder;

/// The GStreamer codecs. One per engine; cheap.
#[derive(Debug, Default)]
pub struct GstCodecs;

impl GstCodecs {
    /// The provider (GStreamer is initialized when a codec is first made).
    pub fn new() -> GstCodecs {
        GstCodecs
    }
}

fn installed(factories: &[&str]) -> bool {
    gst::init().is_ok() && factories.iter().all(|f| gst::ElementFactory::find(f).is_some())
}

impl CodecProvider for GstCodecs {
    fn video_encoder_available(&self, codec: VideoCodec) -> bool {
        installed(encoder::factories(codec))
    }

    fn video_encoder(&self, events: CodecEvents<EncodedOutput>) -> Box<VideoEncoderBackend> {
        Box::new(spawn::<encoder::Encoder>("video encoder", events))
    }

    fn video_decoder_available(&self, codec: VideoCodec) -> bool {
        installed(decoder::factories(codec))
            && (!matches!(codec, VideoCodec::Avc { .. }) || installed(&["avdec_h264"]) || installed(&["openh264dec"]))
    }

    fn video_decoder(&self, events: CodecEvents<DecodedFrame>) -> Box<VideoDecoderBackend> {
        Box::new(spawn::<decoder::Decoder>("video decoder", events))
    }
}

/// One configured codec, as the work queue drives it.
trait Session: Sized {
    type Settings: Send + 'static;
    type Input: Send + 'static;
    type Output: Send + 'static;
    /// Builds the codec for `settings` (`Err`: why they are not supported).
    fn new(serial: u64, settings: &Self::Settings) -> Result<Self, String>;
    /// Whether `input` needs a new stream first (an encoder that cannot make a key frame
    /// when asked).
    fn restarts_for(&self, _input: &Self::Input) -> bool {
        false
    }
    /// Whether the codec holds inputs it has not emitted yet.
    fn pending(&self) -> bool;
    /// Encodes or decodes one input.
    fn process(&mut self, input: &Self::Input) -> Result<Vec<Self::Output>, String>;
    /// Ends the stream: every output still held.
    fn drain(self) -> Result<Vec<Self::Output>, String>;
}

enum Op<S, I> {
    Configure(u64, S),
    Process(I),
    Flush(u64),
}

/// Script's end of a work queue.
struct Handle<S, I, O> {
    sender: Option<Sender<Op<S, I>>>,
    discarded: Arc<AtomicBool>,
    /// The owner's events: an operation the queue cannot take (no thread, or it ended) is
    /// still answered, with a failure, so nothing waits on it forever.
    events: Arc<CodecEvents<O>>,
}

fn spawn<T: Session>(name: &str, events: CodecEvents<T::Output>) -> Handle<T::Settings, T::Input, T::Output> {
    let (sender, receiver) = crossbeam_channel::unbounded();
    let discarded = Arc::new(AtomicBool::new(false));
    let flag = discarded.clone();
    let events = Arc::new(events);
    let queue_events = events.clone();
    let spawned =
        std::thread::Builder::new().name(name.into()).spawn(move || work_queue::<T>(receiver, &queue_events, flag));
    match spawned {
        Ok(_) => Handle { sender: Some(sender), discarded, events },
        Err(e) => {
            log::error!("could not start a {name} thread: {e}");
            Handle { sender: None, discarded, events }
        }
    }
}

impl<S: Send, I: Send, O> Handle<S, I, O> {
    fn send(&self, op: Op<S, I>) {
        if self.sender.as_ref().is_none_or(|s| s.send(op).is_err()) {
            log::warn!("a codec's work queue has ended; an operation fails");
            (self.events)(CodecEvent::Failed("the codec is not running".into()));
        }
    }
}

impl<S: Send, I: Send, O: Send> CodecBackend<S, I> for Handle<S, I, O> {
    fn configure(&mut self, serial: u64, settings: S) {
        self.send(Op::Configure(serial, settings));
    }

    fn process(&mut self, input: I) {
        self.send(Op::Process(input));
    }

    fn flush(&mut self, id: u64) {
        self.send(Op::Flush(id));
    }
}

impl<S, I, O> Drop for Handle<S, I, O> {
    fn drop(&mut self) {
        // The thread ends after the operation it is running; nothing it finds later is run or
        // reported.
        self.discarded.store(true, Ordering::Release);
    }
}

/// The codec work queue: one event per operation, in order.
fn work_queue<T: Session>(
    receiver: Receiver<Op<T::Settings, T::Input>>,
    events: &CodecEvents<T::Output>,
    discarded: Arc<AtomicBool>,
) {
    if let Err(e) = gst::init() {
        // Every operation is answered, each with the failure.
        while receiver.recv().is_ok() {
            if discarded.load(Ordering::Acquire) {
                return;
            }
            events(CodecEvent::Failed(format!("GStreamer could not start: {e}")));
        }
        return;
    }
    let mut session: Option<T> = None;
    let mut settings: Option<(u64, T::Settings)> = None;
    while let Ok(op) = receiver.recv() {
        if discarded.load(Ordering::Acquire) {
            break;
        }
        let event = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match op {
            Op::Configure(serial, new) => {
                // A previous configuration's pending outputs are emitted first (as flush
                // would), with an event of their own.
                if let Some(old) = session.take()
                    && let Ok(carried) = old.drain()
                    && !carried.is_empty()
                {
                    events(CodecEvent::Processed(carried));
                }
                let result = T::new(serial, &new).map(|s| session = Some(s));
                settings = result.is_ok().then_some((serial, new));
                CodecEvent::Configured { config: serial, result }
            }
            Op::Process(input) => {
                let mut carried = Vec::new();
                if let Some(s) = session.take_if(|s| s.restarts_for(&input)) {
                    match s.drain() {
                        Ok(outputs) => carried = outputs,
                        Err(reason) => {
                            settings = None;
                            return CodecEvent::Failed(reason);
                        }
                    }
                }
                if session.is_none() {
                    let Some((serial, s)) = &settings else {
                        return CodecEvent::Failed("no supported configuration".into());
                    };
                    match T::new(*serial, s) {
                        Ok(s) => session = Some(s),
                        Err(e) => return CodecEvent::Failed(e),
                    }
                }
                let Some(s) = session.as_mut() else { return CodecEvent::Failed("no codec".into()) };
                match s.process(&input) {
                    Ok(outputs) => {
                        carried.extend(outputs);
                        CodecEvent::Processed(carried)
                    }
                    Err(reason) => {
                        session = None;
                        settings = None;
                        CodecEvent::Failed(reason)
                    }
                }
            }
            Op::Flush(id) => {
                let outputs = match session.take_if(|s| s.pending()) {
                    Some(s) => match s.drain() {
                        Ok(outputs) => outputs,
                        Err(reason) => {
                            settings = None;
                            return CodecEvent::Failed(reason);
                        }
                    },
                    None => Vec::new(),
                };
                CodecEvent::Flushed { id, outputs }
            }
        }));
        let event = event.unwrap_or_else(|_| {
            session = None;
            settings = None;
            CodecEvent::Failed("the codec failed unexpectedly".into())
        });
        if discarded.load(Ordering::Acquire) {
            break;
        }
        events(event);
    }
}

#[cfg(test)]
mod tests;

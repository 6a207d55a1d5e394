//! What `VideoEncoder` and `VideoDecoder` share: the slots and steps of the codec interfaces
//! ([`Control`], the dequeue event, the error callback), and about their codec: the [[codec implementation]]
//! of one configuration run (until reset or close) as the engine's codec provider gives it, the
//! operations outstanding on its work queue, and how the queue's events find the DOM object.
//!
//! While operations are outstanding, the object is kept alive (a `Trusted` the events find it by)
//! and so is the event loop (one request per operation); an idle object holds nothing and can be
//! collected, which drops the codec and ends its thread.

use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};

use media_traits::codecs::{CodecEvent, CodecEvents};
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::codegen::Callbacks::WebCodecsErrorCallback;
use crate::dom::bindings::codegen::Enums::CodecState;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::domexception::{DOMErrorName, DOMException};
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// Where a codec's events find their object, while operations are outstanding.
pub type Holder<T> = Arc<Mutex<Option<Trusted<T>>>>;

/// The codec of one configuration run.
pub struct Codec<B: ?Sized, T: DomObject> {
    /// The work queue.
    pub backend: Box<B>,
    holder: Holder<T>,
    outstanding: u32,
}

/// A codec interface (`VideoEncoder`, `VideoDecoder`): a DOM object that owns a codec, its
/// control message queue, and takes the codec's events.
pub trait CodecOwner: DomObject + DomGlobal + Sized + 'static {
    /// What the codec emits.
    type Output: Send + 'static;
    /// Its control messages.
    type Message;
    /// "encoding" or "decoding", for error messages.
    const WORK: &'static str;
    /// The codec interface's slots.
    fn control(&self) -> std::cell::RefMut<'_, Control<Self::Message>>;
    /// Whether `message` is an input (held back while the codec is saturated).
    fn is_input(message: &Self::Message) -> bool;
    /// Runs a control message.
    fn run_message(&self, cx: &mut JSContext, message: Self::Message);
    /// One event of the current codec arrived (counted off its outstanding operations).
    fn settle_codec(&self);
    /// The configuration `serial` is the codec's now ([[active … config]]).
    fn activate_config(&self, serial: u64);
    /// Output EncodedVideoChunks / Output VideoFrames.
    fn output(&self, cx: &mut JSContext, outputs: Vec<Self::Output>);
    /// The Close algorithm with `exception`.
    fn close_with(&self, cx: &mut JSContext, exception: Error);
    /// Where `dequeue` events fire.
    fn event_target(&self) -> &EventTarget;
}

/// One event of `owner`'s current codec (in its realm): the tasks the codec work queue steps
/// queue.
fn codec_event<T: CodecOwner>(owner: &T, cx: &mut JSContext, event: CodecEvent<T::Output>) {
    owner.settle_codec();
    match event {
        CodecEvent::Configured { config, result } => match result {
            // configure, 2.2. If supported is false, queue a task to run the Close algorithm
            //      with NotSupportedError.
            Err(reason) => owner.close_with(cx, Error::NotSupported(format!("Unsupported configuration: {reason}."))),
            // 2.5. Queue a task: [[message queue blocked]] is false; process the queue.
            Ok(()) => {
                owner.activate_config(config);
                owner.control().blocked = false;
                process_queue(owner, cx);
            }
        },
        CodecEvent::Processed(outputs) => {
            // encode/decode, 4.3. No longer saturated: process the queue (after 4.5).
            let unsaturated = owner.control().input_done();
            // 4.5. Output the outputs.
            owner.output(cx, outputs);
            if unsaturated {
                process_queue(owner, cx);
            }
        }
        CodecEvent::Flushed { id, outputs } => {
            // flush, 1.3. Output the outputs, remove the promise and resolve it.
            owner.output(cx, outputs);
            let promise = owner.control().take_flush(id);
            if let Some(promise) = promise {
                promise.resolve_native(cx, &());
            }
        }
        // 4.2. If the codec fails, the Close algorithm with EncodingError.
        CodecEvent::Failed(reason) => owner.close_with(cx, Error::Encoding(format!("{} failed: {reason}.", T::WORK))),
    }
}

/// "Process the control message queue" (<https://w3c.github.io/webcodecs/#process-the-control-message-queue>):
/// while it is not blocked, run the front message and remove it, unless it is an input the
/// saturated codec cannot take ("not processed").
pub fn process_queue<T: CodecOwner>(owner: &T, cx: &mut JSContext) {
    loop {
        let Some(message) = owner.control().next_message(T::is_input) else { return };
        owner.run_message(cx, message);
    }
}

impl<B: ?Sized, T: CodecOwner> Codec<B, T> {
    /// A codec made by `make` with an event sink that queues each event as a task on this
    /// thread; the task finds `T` through the holder.
    pub fn new(make: impl FnOnce(CodecEvents<T::Output>) -> Box<B>) -> Codec<B, T> {
        let holder: Holder<T> = Arc::new(Mutex::new(None));
        let events_holder = holder.clone();
        let sender = crate::script_thread::remote_task_sender();
        let backend = make(Box::new(move |event| {
            let holder = events_holder.clone();
            let _ = sender.send(Box::new(move |cx: &mut JSContext| {
                let owner: Option<DomRoot<T>> =
                    holder.lock().unwrap_or_else(PoisonError::into_inner).as_ref().and_then(|t| t.root());
                // An object reset or closed since has settled this already.
                if let Some(owner) = owner {
                    let window = owner.global();
                    crate::script_runtime::in_realm(cx, &window, |cx| codec_event(&*owner, cx, event));
                }
            }));
        }));
        Codec { backend, holder, outstanding: 0 }
    }

    /// Counts an operation sent to the codec: `owner` and the event loop stay alive until its
    /// event.
    pub fn started(&mut self, owner: &T) {
        if self.outstanding == 0 {
            *self.holder.lock().unwrap_or_else(PoisonError::into_inner) = Some(Trusted::new(owner));
        }
        self.outstanding += 1;
        crate::script_thread::request_started();
    }

    /// One event arrived. Returns the token to drop once no borrow of the owner is held.
    #[must_use]
    pub fn settled(&mut self) -> Option<Trusted<T>> {
        self.outstanding = self.outstanding.saturating_sub(1);
        crate::script_thread::request_settled();
        if self.outstanding == 0 { self.holder.lock().unwrap_or_else(PoisonError::into_inner).take() } else { None }
    }

    /// Drops the codec: its pending operations are discarded and their events never come.
    /// Returns the token to drop once no borrow of the owner is held.
    #[must_use]
    pub fn release(self) -> Option<Trusted<T>> {
        for _ in 0..self.outstanding {
            crate::script_thread::request_settled();
        }
        let token = self.holder.lock().unwrap_or_else(PoisonError::into_inner).take();
        drop(self.backend);
        token
    }
}

/// Codec inputs handed to the codec and not yet processed at which it counts as [=saturated=]:
/// enough to keep it busy, few enough that the queue size tells a page it is falling behind.
const SATURATION: u32 = 4;

/// The slots every codec interface has (<https://w3c.github.io/webcodecs/#codec-interface>):
/// [[state]], the [[control message queue]] of messages `M`, [[message queue blocked]],
/// [[codec saturated]], the encode or decode queue size, [[pending flush promises]] and
/// [[dequeue event scheduled]].
pub struct Control<M> {
    /// [[state]]
    pub state: CodecState,
    queue: VecDeque<M>,
    /// [[message queue blocked]]
    pub blocked: bool,
    saturated: bool,
    in_codec: u32,
    /// [[encodeQueueSize]] / [[decodeQueueSize]]
    pub queue_size: u32,
    pending_flushes: Vec<(u64, Rc<Promise>)>,
    /// [[dequeue event scheduled]]
    pub dequeue_scheduled: bool,
    next_id: u64,
}

impl<M> Control<M> {
    /// "unconfigured", nothing queued.
    pub fn new() -> Control<M> {
        Control {
            state: CodecState::Unconfigured,
            queue: VecDeque::new(),
            blocked: false,
            saturated: false,
            in_codec: 0,
            queue_size: 0,
            pending_flushes: Vec::new(),
            dequeue_scheduled: false,
            next_id: 0,
        }
    }

    /// A fresh id (configurations, inputs, flushes).
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Queues a control message.
    pub fn push(&mut self, message: M) {
        self.queue.push_back(message);
    }

    /// The next message "Process the control message queue" runs, if any: none while the queue
    /// is blocked or the codec closed, and an input (`is_input`) stays first while the codec is
    /// saturated ("not processed").
    pub fn next_message(&mut self, is_input: fn(&M) -> bool) -> Option<M> {
        if self.blocked || self.state == CodecState::Closed {
            return None;
        }
        let message = self.queue.pop_front()?;
        if is_input(&message) && self.saturated {
            self.queue.push_front(message);
            return None;
        }
        Some(message)
    }

    /// An input goes to the codec: it may saturate it, and the queue size drops.
    pub fn input_sent(&mut self) {
        self.in_codec += 1;
        if self.in_codec >= SATURATION {
            self.saturated = true;
        }
        self.queue_size = self.queue_size.saturating_sub(1);
    }

    /// An input was processed; whether the codec just stopped being saturated.
    pub fn input_done(&mut self) -> bool {
        self.in_codec = self.in_codec.saturating_sub(1);
        let was = self.saturated;
        if was && self.in_codec < SATURATION {
            self.saturated = false;
        }
        was && !self.saturated
    }

    /// A flush promise in [[pending flush promises]]; its id.
    pub fn add_flush(&mut self, promise: Rc<Promise>) -> u64 {
        let id = self.next_id();
        self.pending_flushes.push((id, promise));
        id
    }

    /// Removes the flush promise `id`.
    pub fn take_flush(&mut self, id: u64) -> Option<Rc<Promise>> {
        let index = self.pending_flushes.iter().position(|(i, _)| *i == id)?;
        Some(self.pending_flushes.remove(index).1)
    }

    /// The common steps of "Reset": "unconfigured", no control message left (so nothing blocks),
    /// nothing in the codec. Returns the pending flush promises (to reject) and whether the
    /// queue size was above zero (it is zero now).
    pub fn reset(&mut self) -> (Vec<Rc<Promise>>, bool) {
        self.state = CodecState::Unconfigured;
        self.queue.clear();
        self.blocked = false;
        self.saturated = false;
        self.in_codec = 0;
        let had = std::mem::replace(&mut self.queue_size, 0) > 0;
        (self.pending_flushes.drain(..).map(|(_, p)| p).collect(), had)
    }
}

impl<M> Default for Control<M> {
    fn default() -> Self {
        Control::new()
    }
}

/// "Schedule Dequeue Event" (<https://w3c.github.io/webcodecs/#videoencoder-schedule-dequeue-event>,
/// and the decoder's): at most one `dequeue` event queued at a time.
pub fn schedule_dequeue_event<T: CodecOwner>(owner: &T) {
    // 1–2. If [[dequeue event scheduled]] is true, return; else set it.
    if std::mem::replace(&mut owner.control().dequeue_scheduled, true) {
        return;
    }
    // 3. Queue a task: fire "dequeue", then [[dequeue event scheduled]] is false.
    let this = Trusted::new(owner);
    crate::script_thread::queue_task(Box::new(move |cx| {
        if let Some(owner) = this.root() {
            let window = owner.global();
            crate::script_runtime::in_realm(cx, &window, |cx| {
                owner.event_target().fire_event(cx, "dequeue");
            });
            owner.control().dequeue_scheduled = false;
        }
    }));
}

/// "Invoke [[error callback]] with exception" (the close algorithms' last step): a
/// `DOMException` of the error's name, the exception reported if the callback throws.
pub fn invoke_error_callback(
    cx: &mut JSContext,
    window: &Window,
    callback: &WebCodecsErrorCallback,
    exception: &Error,
) {
    let (name, message) = match exception {
        Error::NotSupported(m) => (DOMErrorName::NotSupportedError, m.clone()),
        Error::Encoding(m) => (DOMErrorName::EncodingError, m.clone()),
        other => (DOMErrorName::OperationError, format!("{other:?}")),
    };
    let error = DOMException::new(cx, window, name, message);
    let _guard = crate::script_thread::ScriptGuard::new();
    rooted!(&in(cx) let this = UndefinedValue());
    let _ = callback.Call_(cx, this.handle(), &error, ExceptionHandling::Report);
}

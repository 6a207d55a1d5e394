//! What `VideoEncoder` and `VideoDecoder` share about their codec: the [[codec implementation]]
//! of one configuration run (until reset or close) as the engine's codec provider gives it, the
//! operations outstanding on its work queue, and how the queue's events find the DOM object.
//!
//! While operations are outstanding, the object is kept alive (a `Trusted` the events find it by)
//! and so is the event loop (one request per operation); an idle object holds nothing and can be
//! collected, which drops the codec and ends its thread.

use std::sync::{Arc, Mutex, PoisonError};

use media_traits::codecs::{CodecEvent, CodecEvents};
use mozjs::context::JSContext;

use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;
use crate::dom::globalscope::DomGlobal;

/// Where a codec's events find their object, while operations are outstanding.
pub type Holder<T> = Arc<Mutex<Option<Trusted<T>>>>;

/// The codec of one configuration run.
pub struct Codec<B: ?Sized, T: DomObject> {
    /// The work queue.
    pub backend: Box<B>,
    holder: Holder<T>,
    outstanding: u32,
}

/// A DOM object that owns a codec and takes its events.
pub trait CodecOwner: DomObject + DomGlobal + Sized + 'static {
    /// What the codec emits.
    type Output: Send + 'static;
    /// Handles one event of the current codec (called in the object's realm).
    fn codec_event(&self, cx: &mut JSContext, event: CodecEvent<Self::Output>);
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
                    crate::script_runtime::in_realm(cx, &window, |cx| owner.codec_event(cx, event));
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

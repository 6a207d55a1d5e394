//! `BroadcastChannel` (<https://html.spec.whatwg.org/multipage/web-messaging.html#broadcasting-to-other-browsing-contexts>):
//! a message to every other channel of the same name and origin, in the engine's windows
//! and workers.
//!
//! The engine keeps one [`BroadcastHub`] (made on the first script thread that asks, handed
//! to each worker's thread like the blob URL store): the open channels in creation order, each
//! with its thread's task channel. `postMessage()` serializes once and queues one delivery task
//! per destination on its thread; the destination deserializes in its own realm. An open
//! channel stays alive until `close()` or its thread's end (the standard keeps one alive while
//! it has message listeners).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::thread::ThreadId;

use crossbeam_channel::Sender;
use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::BroadcastChannelBinding::BroadcastChannelMethods;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::structuredclone::{
    CloneCaller, SerializedMessage, deserialize_from_thread, serialize_for_thread,
};
use crate::dom::html::window::Window;
use crate::dom::webmessaging::messageevent::MessageEvent;
use crate::dom::workers::worker::WorkerShared;
use crate::script_thread::RemoteTask;

/// The open channels of one engine.
#[derive(Clone, Default)]
pub struct BroadcastHub(Arc<Mutex<HubState>>);

#[derive(Default)]
struct HubState {
    /// The creation order of the next channel.
    next: u64,
    /// Open channels, in creation order.
    channels: Vec<Subscriber>,
}

/// An open channel as the hub sees it.
struct Subscriber {
    id: u64,
    /// Its origin (`origin::origin_key`) and name: a message reaches the channels that match
    /// both.
    origin: String,
    name: String,
    tasks: Sender<RemoteTask>,
    thread: ThreadId,
    worker: Option<Arc<WorkerShared>>,
    channel: Arc<Trusted<BroadcastChannel>>,
}

thread_local! {
    /// The hub of the engine this thread belongs to.
    static HUB: RefCell<Option<BroadcastHub>> = const { RefCell::new(None) };
}

/// The hub of this thread's engine, to give to a worker's thread.
pub fn hub() -> BroadcastHub {
    HUB.with(|h| h.borrow_mut().get_or_insert_with(BroadcastHub::default).clone())
}

/// Makes `hub` (the owner's) this thread's hub.
pub fn install_hub(hub: BroadcastHub) {
    HUB.with(|h| *h.borrow_mut() = Some(hub));
}

impl BroadcastHub {
    fn with<R>(&self, f: impl FnOnce(&mut HubState) -> R) -> R {
        let mut state = match self.0.lock() {
            Ok(state) => state,
            // A panic elsewhere while holding the lock leaves a consistent list.
            Err(poisoned) => poisoned.into_inner(),
        };
        f(&mut state)
    }
}

/// The end of this thread's event loop: its channels leave the hub (their tokens are released
/// here, while the runtime lives). Returns how many.
pub fn teardown() -> usize {
    let Some(hub) = HUB.with(|h| h.borrow().clone()) else { return 0 };
    let here = std::thread::current().id();
    let gone: Vec<Subscriber> = hub.with(|state| {
        let (gone, kept) = std::mem::take(&mut state.channels).into_iter().partition(|s| s.thread == here);
        state.channels = kept;
        gone
    });
    gone.len()
}

/// Whether `worker` (a channel's worker, if it lives on one) has its closing flag set.
fn worker_is_closing(worker: Option<&Arc<WorkerShared>>) -> bool {
    worker.is_some_and(|w| w.closing.load(std::sync::atomic::Ordering::SeqCst))
}

#[dom_struct]
pub struct BroadcastChannel {
    eventtarget: EventTarget,
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#channel-name>
    name: String,
    /// The creation order (the hub's key).
    #[no_trace]
    id: u64,
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#concept-broadcastchannel-closed>
    #[no_trace]
    closed: Cell<bool>,
}

impl BroadcastChannel {
    /// A queued delivery on this channel's thread: "1. If destination's closed flag is true,
    /// then abort these steps. 2. Let targetRealm be destination's relevant realm. 3. Let
    /// data be StructuredDeserialize(serialized, targetRealm). If this throws an exception,
    /// catch it, fire an event named messageerror at destination, using MessageEvent, with
    /// the origin attribute initialized to the serialization of sourceOrigin, and then abort
    /// these steps. 4. Fire an event named message at destination, using MessageEvent, with
    /// the data attribute initialized to data and the origin attribute initialized to the
    /// serialization of sourceOrigin."
    fn deliver(&self, cx: &mut JSContext, message: SerializedMessage, origin: String) {
        if self.closed.get() {
            return;
        }
        let window = self.global();
        if !window.is_attached() {
            return;
        }
        crate::script_runtime::in_realm(cx, &window, |cx| {
            rooted!(&in(cx) let mut data = UndefinedValue());
            rooted!(&in(cx) let source = mozjs::jsval::NullValue());
            let kind = match deserialize_from_thread(cx, message, data.handle_mut()) {
                Ok(_) => "message",
                Err(_) => "messageerror",
            };
            let event =
                MessageEvent::new_trusted(cx, &window, kind, data.handle(), origin, source.handle(), Vec::new());
            self.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
        });
    }
}

impl BroadcastChannelMethods for BroadcastChannel {
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-broadcastchannel>: "Set
    /// this's channel name to name."
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        name: DOMString,
    ) -> Fallible<DomRoot<BroadcastChannel>> {
        let hub = hub();
        let id = hub.with(|state| {
            state.next += 1;
            state.next
        });
        let channel = BroadcastChannel {
            eventtarget: EventTarget::new_inherited(),
            name: name.to_string(),
            id,
            closed: Cell::new(false),
        };
        let channel = reflect_dom_object_with_proto(cx, Box::new(channel), global, proto);
        let subscriber = Subscriber {
            id,
            origin: crate::origin::origin_key(&global.document().origin_url()),
            name: channel.name.clone(),
            tasks: crate::script_thread::remote_task_sender(),
            thread: std::thread::current().id(),
            worker: crate::dom::workers::thread::current_worker_shared(),
            channel: Arc::new(Trusted::new(&*channel)),
        };
        hub.with(|state| state.channels.push(subscriber));
        Ok(channel)
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-broadcastchannel-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.name.as_str())
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-broadcastchannel-postmessage>
    fn PostMessage(&self, cx: &mut JSContext, message: HandleValue) -> ErrorResult {
        // 1. If this's relevant global object is not "eligible for messaging" (a Window whose
        //    associated Document is not fully active, a WorkerGlobalScope whose closing flag
        //    is true), then return.
        let window = self.global();
        if !window.is_attached() || worker_is_closing(crate::dom::workers::thread::current_worker_shared().as_ref()) {
            return Ok(());
        }
        // 2. If this's closed flag is true, then throw an "InvalidStateError" DOMException.
        if self.closed.get() {
            return Err(Error::InvalidState(
                "Failed to execute 'postMessage' on 'BroadcastChannel': Channel is closed".into(),
            ));
        }
        // 3. Let serialized be StructuredSerialize(message). Rethrow any exceptions.
        let caller = CloneCaller { operation: "postMessage", interface: "BroadcastChannel" };
        let serialized = serialize_for_thread(cx, message, &[], caller)?;
        // 4. Let sourceOrigin be this's relevant settings object's origin.
        let origin_url = window.document().origin_url();
        let source_key = crate::origin::origin_key(&origin_url);
        let source_origin = origin_url.origin().ascii_serialization();
        // 6. Let destinations be a list of BroadcastChannel objects that match the following
        //    criteria: their relevant global objects are "eligible for messaging"; their
        //    storage keys equal sourceStorageKey; their channel name equals this's channel
        //    name. 7. Remove source from destinations. 8. Sort destinations by creation order.
        // 9. For each destination in destinations, queue a global task on the DOM
        //    manipulation task source given destination's relevant global object to run the
        //    delivery steps (`deliver`).
        hub().with(|state| {
            for subscriber in state.channels.iter().filter(|s| s.id != self.id) {
                if subscriber.origin != source_key
                    || subscriber.name != self.name
                    || worker_is_closing(subscriber.worker.as_ref())
                {
                    continue;
                }
                let Some(message) = serialized.try_clone() else { continue };
                let channel = subscriber.channel.clone();
                let origin = source_origin.clone();
                crate::dom::workers::thread::queue_counted(&subscriber.tasks, subscriber.worker.as_ref(), move |cx| {
                    if let Some(channel) = channel.root() {
                        channel.deliver(cx, message, origin);
                    }
                });
            }
        });
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-broadcastchannel-close>:
    /// "set this's closed flag to true" (it leaves the hub and is no longer kept alive).
    fn Close(&self, _cx: &mut JSContext) {
        if self.closed.replace(true) {
            return;
        }
        let gone = hub().with(|state| {
            state.channels.iter().position(|s| s.id == self.id).map(|index| state.channels.remove(index))
        });
        drop(gone);
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-broadcastchannel-onmessage>
    fn Onmessage(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("message")
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-broadcastchannel-onmessage>
    fn SetOnmessage(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("message", value)
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-broadcastchannel-onmessageerror>
    fn Onmessageerror(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("messageerror")
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-broadcastchannel-onmessageerror>
    fn SetOnmessageerror(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("messageerror", value)
    }
}

//! The cross-thread form of an entangled pair of `MessagePort`s
//! (<https://html.spec.whatwg.org/multipage/web-messaging.html#message-ports>).
//!
//! Two ports created together on one thread are entangled directly (each holds the other,
//! messages are deserialized at once and wait in the receiver's own queue: see
//! `messageport.rs`). The first time one of them is transferred to another thread (a worker,
//! or a worker's owner), the pair switches to a [`PortChannel`]: two sides, each with a
//! mailbox of serialized messages, a closed flag and an owner (the port object that speaks
//! for the side now, the thread it lives on and that thread's task channel).
//!
//! - **Posting** appends to the other side's mailbox and, when that side's port has its
//!   queue enabled, queues a task on the owner's thread that delivers the oldest message. A
//!   port that moves on keeps its mailbox, so a message posted while the port was in transit
//!   is delivered by its new owner, in order.
//! - **Transferring** a port hands its [`Endpoint`] (the owning handle of its side) to the
//!   message; the receiving thread makes a new port that adopts it.
//! - **Disentangling** (`close()`, an endpoint dropped undelivered, the owner's thread ending)
//!   closes the side and queues a `close` event at the other side's port.
//! - A port that owns a side is kept alive by it (a `Trusted` token) until its side closes or
//!   its thread ends: an entangled port may still receive messages.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::thread::ThreadId;

use crossbeam_channel::Sender;
use mozjs::context::JSContext;

use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::structuredclone::SerializedMessage;
use crate::dom::webmessaging::messageport::MessagePort;
use crate::dom::workers::worker::WorkerShared;
use crate::script_thread::RemoteTask;

/// One entangled pair whose ports may live on different threads.
pub struct PortChannel {
    sides: Mutex<[Side; 2]>,
}

#[derive(Default)]
struct Side {
    /// Messages posted to this side, not yet delivered.
    mailbox: VecDeque<SerializedMessage>,
    /// The port that speaks for this side now; `None` while it is in transit.
    owner: Option<Owner>,
    /// This side is disentangled: closed, dropped, or its thread ended. Posts to it are
    /// dropped.
    closed: bool,
    /// The other side was disentangled: this side's port gets a `close` event (once).
    peer_closed: bool,
}

/// Where a side lives.
struct Owner {
    /// The owner's thread's task channel.
    tasks: Sender<RemoteTask>,
    thread: ThreadId,
    /// The port object (rooted while it owns the side).
    port: Trusted<MessagePort>,
    /// Its port message queue is enabled (`start()` or `onmessage`).
    enabled: bool,
    /// The worker whose thread this is, if any: a task queued for it counts as its pending
    /// work, so its owner's event loop does not end before the worker has run it.
    worker: Option<Arc<WorkerShared>>,
}

impl Owner {
    /// Queues `task` on the owner's thread.
    fn queue(&self, task: impl FnOnce(&mut JSContext) + Send + 'static) {
        crate::dom::workers::thread::queue_counted(&self.tasks, self.worker.as_ref(), task);
    }
}

/// The owning handle of one side of a [`PortChannel`]: held by the port that owns the side,
/// or by a serialized message that transfers it. Dropping it disentangles the side.
pub struct Endpoint {
    channel: Arc<PortChannel>,
    side: usize,
}

thread_local! {
    /// The sides owned by ports of this thread, closed when the thread's event loop ends.
    static OWNED: std::cell::RefCell<Vec<(Weak<PortChannel>, usize)>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl PortChannel {
    /// A new pair: two entangled endpoints.
    pub fn pair() -> (Endpoint, Endpoint) {
        let channel = Arc::new(PortChannel { sides: Mutex::new([Side::default(), Side::default()]) });
        (Endpoint { channel: channel.clone(), side: 0 }, Endpoint { channel, side: 1 })
    }

    /// An endpoint entangled with nothing (a port whose partner already went away).
    pub fn unentangled() -> Endpoint {
        let (endpoint, other) = PortChannel::pair();
        if let Some(mut sides) = other.channel.lock() {
            sides[1].closed = true;
        }
        // Side 1 is already closed: dropping its handle changes nothing.
        drop(other);
        endpoint
    }

    fn lock(&self) -> Option<MutexGuard<'_, [Side; 2]>> {
        match self.sides.lock() {
            Ok(sides) => Some(sides),
            Err(_) => {
                log::error!("a message port's channel is poisoned; the operation was dropped");
                None
            }
        }
    }
}

impl Endpoint {
    fn other(&self) -> usize {
        1 - self.side
    }

    /// Whether `other` is the endpoint this one is entangled with.
    pub fn is_entangled_with(&self, other: &Endpoint) -> bool {
        Arc::ptr_eq(&self.channel, &other.channel) && other.side == self.other()
    }

    /// `port` (on this thread) now speaks for this side ("transfer-receiving steps": the new
    /// port takes over the entanglement; its queue starts disabled). If the other side went
    /// away meanwhile, the port gets its `close` event.
    pub fn adopt(&self, port: &MessagePort) {
        let Some(mut sides) = self.channel.lock() else { return };
        let side = &mut sides[self.side];
        let previous = side.owner.replace(Owner {
            tasks: crate::script_thread::remote_task_sender(),
            thread: std::thread::current().id(),
            port: Trusted::new(port),
            enabled: false,
            worker: crate::dom::workers::thread::current_worker_shared(),
        });
        let peer_closed = side.peer_closed;
        drop(sides);
        drop(previous);
        OWNED.with(|o| {
            let mut owned = o.borrow_mut();
            owned.retain(|(channel, _)| channel.strong_count() > 0);
            owned.push((Arc::downgrade(&self.channel), self.side));
        });
        if peer_closed {
            let channel = self.channel.clone();
            let side = self.side;
            crate::script_thread::queue_task(Box::new(move |cx| fire_close(cx, &channel, side)));
        }
    }

    /// The port gives up the side (it is being transferred): it is in transit until another
    /// port adopts it; messages posted meanwhile wait in its mailbox.
    pub fn release(&self) {
        let owner = self.channel.lock().and_then(|mut sides| sides[self.side].owner.take());
        drop(owner);
    }

    /// "Enable the port message queue": the messages waiting in the mailbox are delivered by
    /// tasks, in order.
    pub fn enable(&self) {
        let Some(mut sides) = self.channel.lock() else { return };
        let side = &mut sides[self.side];
        let Some(owner) = side.owner.as_mut() else { return };
        if owner.enabled {
            return;
        }
        owner.enabled = true;
        let waiting = side.mailbox.len();
        drop(sides);
        for _ in 0..waiting {
            let channel = self.channel.clone();
            let side = self.side;
            crate::script_thread::queue_task(Box::new(move |cx| deliver_next(cx, &channel, side)));
        }
    }

    /// Puts `message` at the end of this side's own mailbox (a message that was waiting for
    /// the port when it was transferred: it travels with it).
    pub fn keep(&self, message: SerializedMessage) {
        if let Some(mut sides) = self.channel.lock() {
            sides[self.side].mailbox.push_back(message);
        }
    }

    /// Adds `message` to the other side's port message queue ("add a task that runs the
    /// following steps to the port message queue of targetPort"); dropped if that side is
    /// closed.
    pub fn post(&self, message: SerializedMessage) {
        let Some(mut sides) = self.channel.lock() else { return };
        let target = &mut sides[self.other()];
        if target.closed {
            return;
        }
        target.mailbox.push_back(message);
        if let Some(owner) = target.owner.as_ref().filter(|o| o.enabled) {
            let channel = self.channel.clone();
            let side = self.other();
            owner.queue(move |cx| deliver_next(cx, &channel, side));
        }
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#disentangle>: this side is
    /// closed (its undelivered messages are dropped) and the other side's port gets a `close`
    /// event.
    pub fn disentangle(&self) {
        let Some(mut sides) = self.channel.lock() else { return };
        if sides[self.side].closed {
            return;
        }
        let side = &mut sides[self.side];
        side.closed = true;
        let owner = side.owner.take();
        let dropped = std::mem::take(&mut side.mailbox);
        let other = &mut sides[self.other()];
        if !other.closed {
            other.peer_closed = true;
            if let Some(owner) = &other.owner {
                let channel = self.channel.clone();
                let side = self.other();
                owner.queue(move |cx| fire_close(cx, &channel, side));
            }
        }
        drop(sides);
        drop(owner);
        drop(dropped);
    }
}

impl Drop for Endpoint {
    /// An endpoint dropped without being adopted (a message that was never delivered, a port
    /// that is gone) disentangles its side.
    fn drop(&mut self) {
        self.disentangle();
    }
}

/// The owning port of `side`, if it lives on this thread, with whether its queue is enabled.
fn owner_here(sides: &[Side; 2], side: usize) -> Option<(DomRoot<MessagePort>, bool)> {
    let owner = sides[side].owner.as_ref()?;
    if owner.thread != std::thread::current().id() {
        return None;
    }
    Some((owner.port.root()?, owner.enabled))
}

/// A task on the owner's thread: the oldest message of `side` goes to its port (unless the
/// port moved on, closed, or disabled its queue meanwhile: the message then waits).
fn deliver_next(cx: &mut JSContext, channel: &Arc<PortChannel>, side: usize) {
    let Some(mut sides) = channel.lock() else { return };
    let Some((port, true)) = owner_here(&sides, side) else { return };
    let Some(message) = sides[side].mailbox.pop_front() else { return };
    drop(sides);
    port.deliver_serialized(cx, message);
}

/// A task on the owner's thread: the other side was disentangled; "fire an event named close
/// at" this side's port.
fn fire_close(cx: &mut JSContext, channel: &Arc<PortChannel>, side: usize) {
    let Some(mut sides) = channel.lock() else { return };
    if !sides[side].peer_closed || sides[side].closed {
        return;
    }
    let Some((port, _)) = owner_here(&sides, side) else { return };
    sides[side].peer_closed = false;
    // Nothing can arrive any more: once its mailbox is empty the port is no longer kept alive.
    let released = if sides[side].mailbox.is_empty() {
        sides[side].closed = true;
        sides[side].owner.take()
    } else {
        None
    };
    drop(sides);
    drop(released);
    port.fire_close(cx);
}

/// The thread's event loop is over: every side its ports own is disentangled (their peers get
/// `close` events) and their tokens are released while the runtime lives. Returns how many.
pub fn teardown() -> usize {
    let owned = OWNED.with(|o| std::mem::take(&mut *o.borrow_mut()));
    let here = std::thread::current().id();
    let mut count = 0;
    for (channel, side) in owned {
        let Some(channel) = channel.upgrade() else { continue };
        let owned_here =
            channel.lock().is_some_and(|sides| sides[side].owner.as_ref().is_some_and(|o| o.thread == here));
        if owned_here {
            let endpoint = Endpoint { channel, side };
            endpoint.disentangle();
            count += 1;
        }
    }
    count
}

//! Routing the media thread's replies and events to the DOM objects waiting
//! for them.
//!
//! A request is sent with [`send_request`], which registers a one-shot
//! handler under the request's id and keeps the event loop alive until the
//! reply comes. Unsolicited events (a source ended, muted, resized…) go to
//! the handlers registered for their source or sink. A reply nobody waits for
//! (its handler was cancelled) is logged and dropped.
//!
//! The Media thread sends every event to one thread, the engine's script thread (its
//! "home"). A dedicated worker's thread has a home link: its requests are made by the home
//! thread on its behalf, and each reply comes back to the worker as a task, so a worker's
//! processor or generator waits on its own thread like a window's. Unsolicited events of a
//! source reach workers through the source's owner (`tracksource::SharedSource`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use base::{RequestId, SourceId};
use crossbeam_channel::Sender;
use media_traits::error::MediaError;
use media_traits::messages::{MediaCommand, MediaEvent, MediaReply, SinkId};
use media_traits::recorder::RecorderId;
use mozjs::context::JSContext;

use crate::script_thread::RemoteTask;

type ReplyHandler = Box<dyn FnOnce(&mut JSContext, Result<MediaReply, MediaError>)>;
type SourceHandler = Rc<dyn Fn(&mut JSContext, &MediaEvent)>;

thread_local! {
    static REPLIES: RefCell<HashMap<RequestId, ReplyHandler>> = RefCell::new(HashMap::new());
    static SOURCES: RefCell<HashMap<SourceId, Vec<(u64, SourceHandler)>>> = RefCell::new(HashMap::new());
    static SINKS: RefCell<HashMap<SinkId, SourceHandler>> = RefCell::new(HashMap::new());
    static RECORDERS: RefCell<HashMap<RecorderId, SourceHandler>> = RefCell::new(HashMap::new());
    static NEXT_LISTENER: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
    /// The thread the Media thread's events go to, when it is not this one (a worker's).
    static HOME: RefCell<Option<Sender<RemoteTask>>> = const { RefCell::new(None) };
}

/// Makes `home` the thread that makes this thread's media requests (a worker's thread, at
/// its start: its owner's home).
pub fn set_home(home: Sender<RemoteTask>) {
    HOME.with(|h| *h.borrow_mut() = Some(home));
}

/// The home a worker started from this thread gets: this thread's home, or this thread if
/// it is the home.
pub fn home_for_children() -> Sender<RemoteTask> {
    HOME.with(|h| h.borrow().clone()).unwrap_or_else(crate::script_thread::remote_task_sender)
}

fn home() -> Option<Sender<RemoteTask>> {
    HOME.try_with(|h| h.borrow().clone()).ok().flatten()
}

/// Runs a reply that the home thread forwarded here.
fn deliver_reply(cx: &mut JSContext, request: RequestId, result: Result<MediaReply, MediaError>) {
    let handler = REPLIES.with(|r| r.borrow_mut().remove(&request));
    match handler {
        Some(handler) => {
            crate::script_thread::request_settled();
            handler(cx, result);
        }
        None => log::debug!("forwarded reply to {request} has no handler (cancelled); dropped"),
    }
}

/// Drops every pending reply handler and listener (see `script_thread::teardown`).
pub(crate) fn teardown() -> usize {
    use crate::script_thread::drain;
    drain(&REPLIES) + drain(&SOURCES) + drain(&SINKS) + drain(&RECORDERS)
}

/// Sends `command` (which carries `request`) and calls `handler` with the
/// reply as a task on this thread. If the media thread is missing or gone,
/// `handler` runs at once with an error, so no promise is left pending.
pub fn send_request(
    cx: &mut JSContext,
    request: RequestId,
    command: MediaCommand,
    handler: impl FnOnce(&mut JSContext, Result<MediaReply, MediaError>) + 'static,
) {
    send_boxed_request(cx, request, command, Box::new(handler));
}

fn send_boxed_request(cx: &mut JSContext, request: RequestId, command: MediaCommand, handler: ReplyHandler) {
    if let Some(home) = home() {
        // A worker: the home thread makes the request and sends the reply back here.
        REPLIES.with(|r| r.borrow_mut().insert(request, handler));
        crate::script_thread::request_started();
        let back = crate::script_thread::remote_task_sender();
        let task: RemoteTask = Box::new(move |cx| {
            let forward: ReplyHandler = Box::new(move |_cx, result| {
                let reply: RemoteTask = Box::new(move |cx| deliver_reply(cx, request, result));
                if back.send(reply).is_err() {
                    log::debug!("the worker that made {request} is gone; its reply was dropped");
                }
            });
            send_boxed_request(cx, request, command, forward);
        });
        if home.send(task).is_err() {
            deliver_reply(cx, request, Err(MediaError::NotReadable("the engine's script thread has exited".into())));
        }
        return;
    }
    let Some(sender) = crate::threads::media_sender() else {
        handler(cx, Err(MediaError::NotReadable("the media thread is not running".into())));
        return;
    };
    REPLIES.with(|r| r.borrow_mut().insert(request, handler));
    crate::script_thread::request_started();
    if sender.send(command).is_err() {
        let handler = REPLIES.with(|r| r.borrow_mut().remove(&request));
        crate::script_thread::request_settled();
        if let Some(handler) = handler {
            handler(cx, Err(MediaError::NotReadable("the media thread has exited".into())));
        }
    }
}

/// Sends a request whose reply nobody needs (stopping a source): the reply is
/// taken off the queue when it comes. Needs no JS context, so it can run from
/// a destructor; does nothing once the thread's state is gone (at exit).
pub fn send_request_ignoring_reply(request: RequestId, command: MediaCommand) {
    if let Some(home) = home() {
        // A worker: the home thread sends it and takes the reply off the queue.
        let task: RemoteTask = Box::new(move |_cx| send_request_ignoring_reply(request, command));
        if home.send(task).is_err() {
            log::debug!("the engine's script thread has exited; {request} was dropped");
        }
        return;
    }
    let Some(sender) = crate::threads::media_sender() else { return };
    let registered = REPLIES
        .try_with(|r| r.borrow_mut().insert(request, Box::new(|_: &mut JSContext, _| {}) as ReplyHandler))
        .is_ok();
    if !registered {
        return;
    }
    crate::script_thread::request_started();
    if sender.send(command).is_err() {
        let _ = REPLIES.try_with(|r| r.borrow_mut().remove(&request));
        crate::script_thread::request_settled();
    }
}

/// Sends a command that has no reply (pushing a frame, stopping a source…).
pub fn send(command: MediaCommand) {
    match crate::threads::media_sender() {
        Some(sender) => {
            if sender.send(command).is_err() {
                log::warn!("the media thread has exited; a command was dropped");
            }
        }
        None => log::warn!("no media thread; a command was dropped"),
    }
}

/// Listens to unsolicited events of `source`; returns a token for [`unlisten_source`].
pub fn listen_source(source: SourceId, handler: impl Fn(&mut JSContext, &MediaEvent) + 'static) -> u64 {
    let id = NEXT_LISTENER.with(|n| n.replace(n.get() + 1));
    SOURCES.with(|s| s.borrow_mut().entry(source).or_default().push((id, Rc::new(handler))));
    id
}

pub fn unlisten_source(source: SourceId, token: u64) {
    SOURCES.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(list) = s.get_mut(&source) {
            list.retain(|(id, _)| *id != token);
            if list.is_empty() {
                s.remove(&source);
            }
        }
    });
}

/// Listens to a video sink's events (first frame, size changes).
pub fn listen_sink(sink: SinkId, handler: impl Fn(&mut JSContext, &MediaEvent) + 'static) {
    SINKS.with(|s| s.borrow_mut().insert(sink, Rc::new(handler)));
}

pub fn unlisten_sink(sink: SinkId) {
    SINKS.with(|s| s.borrow_mut().remove(&sink));
}

/// Listens to a recorder's unsolicited events (timeslice chunks, failures).
pub fn listen_recorder(recorder: RecorderId, handler: impl Fn(&mut JSContext, &MediaEvent) + 'static) {
    RECORDERS.with(|r| r.borrow_mut().insert(recorder, Rc::new(handler)));
}

pub fn unlisten_recorder(recorder: RecorderId) {
    RECORDERS.with(|r| r.borrow_mut().remove(&recorder));
}

/// Runs the handler for one event from the media thread (called from a task).
pub fn dispatch(cx: &mut JSContext, event: MediaEvent) {
    match event {
        MediaEvent::Reply { request, result, .. } => {
            let handler = REPLIES.with(|r| r.borrow_mut().remove(&request));
            match handler {
                Some(handler) => {
                    crate::script_thread::request_settled();
                    handler(cx, result);
                }
                None => log::debug!("reply to {request} has no handler (cancelled); dropped"),
            }
        }
        MediaEvent::SourceEnded { source, .. }
        | MediaEvent::MuteChanged { source, .. }
        | MediaEvent::SettingsChanged { source, .. }
        | MediaEvent::MediaEnded { source, .. }
        | MediaEvent::MediaFailed { source, .. }
        | MediaEvent::MediaProgress { source } => {
            let handlers: Vec<SourceHandler> = SOURCES.with(|s| {
                s.borrow().get(&source).map(|l| l.iter().map(|(_, h)| h.clone()).collect()).unwrap_or_default()
            });
            if handlers.is_empty() {
                log::debug!("event for {source} has no listener; dropped");
            }
            for h in handlers {
                h(cx, &event);
            }
        }
        MediaEvent::SinkFirstFrame { sink, .. } | MediaEvent::SinkResized { sink, .. } => {
            let handler = SINKS.with(|s| s.borrow().get(&sink).cloned());
            match handler {
                Some(h) => h(cx, &event),
                None => log::debug!("event for sink {sink:?} has no listener; dropped"),
            }
        }
        MediaEvent::RecorderData { recorder, .. } | MediaEvent::RecorderFailed { recorder, .. } => {
            let handler = RECORDERS.with(|r| r.borrow().get(&recorder).cloned());
            match handler {
                Some(h) => h(cx, &event),
                None => log::debug!("event for {recorder} has no listener; dropped"),
            }
        }
    }
}

/// Forgets a pending request (its DOM object settled it another way); the
/// eventual reply is dropped.
pub fn cancel_request(request: RequestId) {
    if REPLIES.with(|r| r.borrow_mut().remove(&request)).is_some() {
        crate::script_thread::request_settled();
    }
}

/// Outstanding requests (for leak tests).
pub fn pending_request_count() -> usize {
    REPLIES.with(|r| r.borrow().len())
}

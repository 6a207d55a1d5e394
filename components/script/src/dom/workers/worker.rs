//! `Worker` (<https://html.spec.whatwg.org/multipage/workers.html#dedicated-workers-and-the-worker-interface>):
//! the owner's side of a dedicated worker, and the registry of the workers this thread owns.
//!
//! A worker runs on a thread of its own with its own SpiderMonkey runtime and event loop
//! (`thread.rs`). The two sides share nothing but messages: the owner queues tasks on the
//! worker's remote task channel, the worker queues tasks on its owner's, and a task for a
//! `Worker` finds it again by its id in this thread's registry (an unknown id — the worker was
//! collected or its owner went on — is logged and dropped).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use crossbeam_channel::Sender;
use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};
use url::Url;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Dictionaries::WorkerOptions;
use crate::dom::bindings::codegen::Enums::WorkerType;
use crate::dom::bindings::codegen::WorkerBinding::WorkerMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::USVString;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::structuredclone::{CloneCaller, SerializedMessage, serialize_for_thread};
use crate::dom::html::window::Window;
use crate::dom::workers::thread::{ScriptSource, WorkerParams, spawn_worker_thread};
use crate::script_thread::RemoteTask;

/// What the two sides of one worker share.
pub struct WorkerShared {
    /// Set by `terminate()`, by `close()` in the worker and when the owner goes away: the
    /// worker's event loop ends and running script is interrupted.
    pub closing: Arc<AtomicBool>,
    /// Set by `terminate()` (and the owner going away) only: what the worker still posts is
    /// discarded.
    pub terminated: AtomicBool,
    /// The worker's event loop has something to do (it is not waiting for a message).
    pub busy: AtomicBool,
    /// Messages queued for the worker that it has not run yet.
    pub pending: AtomicUsize,
    /// The worker's thread has finished.
    pub finished: AtomicBool,
    /// Interrupts the worker's running script (set once its runtime exists).
    pub interrupt: std::sync::Mutex<Option<mozjs::rust::ThreadSafeJSContext>>,
}

impl WorkerShared {
    fn new() -> Arc<WorkerShared> {
        Arc::new(WorkerShared {
            closing: Arc::new(AtomicBool::new(false)),
            terminated: AtomicBool::new(false),
            busy: AtomicBool::new(true),
            pending: AtomicUsize::new(0),
            finished: AtomicBool::new(false),
            interrupt: std::sync::Mutex::new(None),
        })
    }

    /// Stops the worker: its loop ends before its next task and running script is interrupted.
    pub fn stop(&self) {
        self.closing.store(true, Ordering::SeqCst);
        if let Ok(cx) = self.interrupt.lock()
            && let Some(cx) = cx.as_ref()
        {
            cx.request_interrupt_callback();
        }
    }
}

/// The owner's handle on one worker: the channel into its event loop and its thread.
struct WorkerHandle {
    shared: Arc<WorkerShared>,
    to_worker: Sender<RemoteTask>,
    thread: RefCell<Option<std::thread::JoinHandle<()>>>,
    /// Keeps the `Worker` object alive while its worker runs (a worker's owner-side object
    /// stays reachable for its events as long as the worker may send some).
    object: RefCell<Option<Trusted<Worker>>>,
}

impl WorkerHandle {
    /// Queues `task` on the worker's event loop (dropped if the worker has ended).
    fn post(&self, task: RemoteTask) {
        let shared = self.shared.clone();
        self.shared.pending.fetch_add(1, Ordering::SeqCst);
        let task: RemoteTask = Box::new(move |cx| {
            task(cx);
            shared.pending.fetch_sub(1, Ordering::SeqCst);
        });
        if self.to_worker.send(task).is_err() {
            self.shared.pending.fetch_sub(1, Ordering::SeqCst);
            log::debug!("a message for a worker that has ended was dropped");
        }
    }
}

thread_local! {
    /// The workers this thread owns, by id.
    static WORKERS: RefCell<HashMap<u64, Rc<WorkerHandle>>> = RefCell::new(HashMap::new());
}

static NEXT_WORKER_ID: AtomicU64 = AtomicU64::new(1);

/// Whether a worker this thread owns is working, has messages to run, or is ending (it may
/// still post here, so this thread's event loop must not end). A terminated or closing worker
/// counts until its thread has finished: its ending disentangles the ports it owned, which
/// queues `close` events here before the "finished" task that wakes this loop.
pub fn any_worker_busy() -> bool {
    WORKERS.with(|w| {
        w.borrow().values().any(|h| {
            let s = &h.shared;
            !s.finished.load(Ordering::SeqCst)
                && (s.closing.load(Ordering::SeqCst)
                    || s.busy.load(Ordering::SeqCst)
                    || s.pending.load(Ordering::SeqCst) > 0)
        })
    })
}

/// Terminates every worker this thread owns and waits for their threads (the owner's event
/// loop is ending: an engine shutting down, a worker whose own workers go with it).
pub fn terminate_all() {
    let handles: Vec<Rc<WorkerHandle>> = WORKERS.with(|w| w.borrow_mut().drain().map(|(_, h)| h).collect());
    for handle in &handles {
        handle.shared.terminated.store(true, Ordering::SeqCst);
        handle.shared.stop();
        // Wake a worker waiting for a message.
        let _ = handle.to_worker.send(Box::new(|_| {}));
    }
    for handle in handles {
        if let Some(thread) = handle.thread.borrow_mut().take()
            && thread.join().is_err()
        {
            log::error!("a worker's thread panicked");
        }
        handle.object.borrow_mut().take();
    }
}

/// Runs `f` with the live `Worker` of id `id`, unless it was terminated.
fn with_worker(id: u64, f: impl FnOnce(&Worker)) {
    let Some(handle) = WORKERS.with(|w| w.borrow().get(&id).cloned()) else {
        log::debug!("a task for worker {id}, which is gone, was dropped");
        return;
    };
    if handle.shared.terminated.load(Ordering::SeqCst) {
        return;
    }
    let worker = handle.object.borrow().as_ref().and_then(Trusted::root);
    match worker {
        Some(worker) => f(&worker),
        None => log::debug!("a task for worker {id}, whose object is gone, was dropped"),
    }
}

/// The worker's thread has ended: forget it (its thread is joined here).
pub fn worker_finished(id: u64) {
    let handle = WORKERS.with(|w| w.borrow_mut().remove(&id));
    if let Some(handle) = handle {
        if let Some(thread) = handle.thread.borrow_mut().take()
            && thread.join().is_err()
        {
            log::error!("worker {id}'s thread panicked");
        }
        handle.object.borrow_mut().take();
    }
}

/// A message the worker posted (`self.postMessage()`), run on the owner's thread: "queue a
/// global task on the DOM manipulation task source … fire an event named message at worker"
/// (or `messageerror` when it cannot be deserialized in the owner's realm).
pub fn deliver_to_owner(cx: &mut JSContext, id: u64, message: SerializedMessage) {
    with_worker(id, |worker| {
        crate::dom::workers::thread::fire_message(cx, &worker.global(), worker.upcast::<EventTarget>(), message);
    });
}

/// The worker's script could not be fetched or parsed as a script: "queue a global task on
/// the DOM manipulation task source given worker's relevant global object to fire an event
/// named error at worker".
pub fn fire_simple_error(cx: &mut JSContext, id: u64) {
    with_worker(id, |worker| {
        let window = worker.global();
        crate::script_runtime::in_realm(cx, &window, |cx| {
            let event = Event::new(cx, &window, "error".into(), false, false);
            event.set_trusted(true);
            worker.upcast::<EventTarget>().dispatch(cx, &event);
        });
    });
}

/// An exception the worker's script did not handle
/// (<https://html.spec.whatwg.org/multipage/workers.html#runtime-script-errors-2>): an
/// `ErrorEvent` (cancelable, `error` null) at the `Worker`; if it is not canceled, the error
/// is reported for the owner's global (an `error` event there, then the console).
pub fn report_worker_error(cx: &mut JSContext, id: u64, message: String, filename: String, line: u32, col: u32) {
    with_worker(id, |worker| {
        let window = worker.global();
        crate::script_runtime::in_realm(cx, &window, |cx| {
            rooted!(&in(cx) let error = mozjs::jsval::NullValue());
            let canceled = crate::dom::html::errorevent::ErrorEvent::fire_at(
                cx,
                &window,
                worker.upcast::<EventTarget>(),
                &message,
                &filename,
                line,
                col,
                error.handle(),
            );
            // Not canceled: the owner's global reports it as its own error (its `error` event,
            // `window.onerror`, then the console).
            let canceled = canceled
                || crate::dom::html::errorevent::ErrorEvent::fire_for_exception(
                    cx,
                    &window,
                    &message,
                    &filename,
                    line,
                    col,
                    error.handle(),
                );
            if !canceled {
                crate::script_runtime::report_error_for(
                    &window,
                    &message,
                    (!filename.is_empty()).then(|| format!("{filename}:{line}:{col}")),
                );
            }
        });
    });
}

#[dom_struct]
pub struct Worker {
    eventtarget: EventTarget,
    #[no_trace]
    id: u64,
    #[no_trace]
    shared: Arc<WorkerShared>,
}

impl Worker {
    fn handle(&self) -> Option<Rc<WorkerHandle>> {
        WORKERS.with(|w| w.borrow().get(&self.id).cloned())
    }
}

/// Resolves the worker's script URL to its source where the owner must (a `blob:` URL names
/// an entry of the owner's blob URL store, a `data:` URL carries the script), or leaves the
/// fetch to the worker's thread (`file:`, `http:`).
fn script_source(url: &Url, owner: &Url) -> Option<ScriptSource> {
    match url.scheme() {
        "blob" => {
            let entry = crate::dom::fileapi::bloburl::resolve(url, &crate::origin::origin_key(owner))?;
            Some(ScriptSource::Text(crate::net::sniff::utf8_decode(&entry.bytes)))
        }
        "data" => {
            let (_, body) = crate::net::data_url::process(url)?;
            Some(ScriptSource::Text(crate::net::sniff::utf8_decode(&body)))
        }
        _ => Some(ScriptSource::Fetch),
    }
}

impl WorkerMethods for Worker {
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-worker>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        script_url: USVString,
        options: &WorkerOptions,
    ) -> Fallible<DomRoot<Worker>> {
        // 3. Let worker URL be the result of encoding-parsing a URL given scriptURL, relative to
        //    outside settings. 4. If worker URL is failure, then throw a "SyntaxError".
        let base = global.url();
        let url = global.api_base_url().join(&script_url.0).map_err(|_| {
            Error::Syntax(format!("Failed to construct 'Worker': The URL '{}' is invalid.", script_url.0))
        })?;
        // The script is fetched in "same-origin" mode: another origin's script (or a scheme
        // that cannot be fetched) is a network error, reported by an `error` event at the
        // worker, not an exception (a data: URL gets an opaque origin of its own; file: pages
        // may start file: workers).
        let same_origin = url.origin() == base.origin()
            || matches!(url.scheme(), "data" | "blob")
            || (url.scheme() == "file" && base.scheme() == "file");
        let Some(js) = crate::script_runtime::engine_handle() else {
            return Err(Error::NotSupported("Failed to construct 'Worker': no script engine.".into()));
        };
        let id = NEXT_WORKER_ID.fetch_add(1, Ordering::Relaxed);
        let shared = WorkerShared::new();
        // 5. Let worker be a new Worker object.
        let worker = reflect_dom_object_with_proto(
            cx,
            Box::new(Worker { eventtarget: EventTarget::new_inherited(), id, shared: shared.clone() }),
            global,
            proto,
        );
        let source = if same_origin { script_source(&url, &base) } else { None };
        let channel = crossbeam_channel::unbounded();
        let to_worker = channel.0.clone();
        let params = WorkerParams {
            id,
            url,
            name: options.name.to_string(),
            source,
            js,
            prefs: (**global.prefs()).clone(),
            page: global.page(),
            secure_context: global.is_secure_context(),
            owner: crate::script_thread::remote_task_sender(),
            channel,
            shared: shared.clone(),
            canvas: crate::threads::canvas_sender(),
            webgl: crate::threads::webgl_sender(),
            codecs: crate::threads::codecs(),
            media: crate::threads::media_sender(),
            media_home: crate::media_events::home_for_children(),
            module: options.type_ == WorkerType::Module,
            blob_urls: crate::dom::fileapi::bloburl::store(),
            broadcast: crate::dom::webmessaging::broadcastchannel::hub(),
            net: crate::net::client(),
        };
        // 9. Run this step in parallel: run a worker given worker, worker URL, outside settings,
        //    outside port, and options.
        let thread = spawn_worker_thread(params)
            .map_err(|e| Error::Operation(format!("Failed to construct 'Worker': cannot start its thread ({e}).")))?;
        let handle = Rc::new(WorkerHandle {
            shared,
            to_worker,
            thread: RefCell::new(Some(thread)),
            object: RefCell::new(Some(Trusted::new(&*worker))),
        });
        WORKERS.with(|w| w.borrow_mut().insert(id, handle));
        // 10. Return worker.
        Ok(worker)
    }

    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-worker-terminate>: "terminate a
    /// worker": its loop discards its tasks and ends, running script is aborted, and what it
    /// posted but the owner has not yet received is dropped.
    fn Terminate(&self, _cx: &mut JSContext) {
        self.shared.terminated.store(true, Ordering::SeqCst);
        self.shared.stop();
        if let Some(handle) = self.handle() {
            let _ = handle.to_worker.send(Box::new(|_| {}));
        }
    }

    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-worker-postmessage>: the
    /// message goes through the worker's implicit port; after `terminate()` it is dropped.
    fn PostMessage(&self, cx: &mut JSContext, message: HandleValue, transfer_or_options: HandleValue) -> ErrorResult {
        let transfer = crate::dom::webmessaging::messageport::post_message_transfer(cx, transfer_or_options, "Worker")?;
        let serialized = serialize_for_thread(
            cx,
            message,
            &transfer,
            CloneCaller { operation: "postMessage", interface: "Worker" },
        )?;
        if self.shared.closing.load(Ordering::SeqCst) {
            return Ok(());
        }
        if let Some(handle) = self.handle() {
            handle.post(Box::new(move |cx| crate::dom::workers::thread::deliver_to_worker(cx, serialized)));
        }
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageeventtarget-onmessage>
    fn Onmessage(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("message")
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageeventtarget-onmessage>
    fn SetOnmessage(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("message", value)
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageeventtarget-onmessageerror>
    fn Onmessageerror(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("messageerror")
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageeventtarget-onmessageerror>
    fn SetOnmessageerror(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("messageerror", value)
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-abstractworker-onerror>
    fn Onerror(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("error")
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-abstractworker-onerror>
    fn SetOnerror(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("error", value)
    }
}

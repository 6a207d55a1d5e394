//! A dedicated worker's thread: its SpiderMonkey runtime, its global, its script and its
//! event loop (<https://html.spec.whatwg.org/multipage/workers.html#run-a-worker>).
//!
//! The thread has the same thread-local machinery as the engine's script thread (task
//! queues, timers, microtasks, the canvas thread's channel) and talks to its owner only by
//! queuing tasks on the owner's remote task channel. Its event loop runs until `close()`,
//! `terminate()` or the owner's end; while it has nothing to do it waits for a message and
//! tells its owner it is idle, so an owner whose worker is idle can end too.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use canvas_traits::command::CanvasSender;
use crossbeam_channel::{Receiver, Sender};
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use url::Url;

use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::structuredclone::{SerializedMessage, deserialize_from_thread};
use crate::dom::html::window::{Window, WindowOptions};
use crate::dom::webmessaging::messageevent::MessageEvent;
use crate::dom::workers::dedicatedworkerglobalscope::DedicatedWorkerGlobalScope;
use crate::dom::workers::worker::WorkerShared;
use crate::embedder::{CaptureChange, ConsoleMessage, EmbedderHost, PermissionRequest, PermissionResponder};
use crate::prefs::Prefs;
use crate::script_runtime::ScriptRuntime;
use crate::script_thread::RemoteTask;

/// The native stack of a worker's thread (SpiderMonkey's recursion limit is set from it).
const WORKER_STACK_SIZE: usize = 8 * 1024 * 1024;

/// Where the worker's script comes from.
pub enum ScriptSource {
    /// The owner resolved it (a `blob:` or `data:` URL).
    Text(String),
    /// The worker's thread fetches it (`file:`, `http:`).
    Fetch,
}

/// Everything a worker's thread starts from (all `Send`).
pub struct WorkerParams {
    pub id: u64,
    pub url: Url,
    pub name: String,
    /// `None`: the URL named no blob URL entry or was a bad `data:` URL (a network error).
    pub source: Option<ScriptSource>,
    pub js: mozjs::rust::JSEngineHandle,
    pub prefs: Prefs,
    pub page: crate::embedder::PageId,
    pub secure_context: bool,
    /// The owner's remote task channel.
    pub owner: Sender<RemoteTask>,
    /// This worker's remote task channel (made by the owner, which keeps the sender).
    pub channel: (Sender<RemoteTask>, Receiver<RemoteTask>),
    pub shared: Arc<WorkerShared>,
    pub canvas: Option<CanvasSender>,
    /// The engine's WebGL thread (an OffscreenCanvas's "webgl" context in the worker).
    pub webgl: Option<crossbeam_channel::Sender<webgl_traits::WebGLMsg>>,
    /// The engine's codecs.
    pub codecs: Option<std::sync::Arc<dyn media_traits::codecs::CodecProvider>>,
    /// The Media thread's command channel.
    pub media: Option<Sender<media_traits::messages::MediaCommand>>,
    /// The thread that receives the Media thread's events and makes this worker's requests.
    pub media_home: Sender<RemoteTask>,
    /// `type: "module"`: the script is the root of a module graph.
    pub module: bool,
    /// The engine's blob URL store.
    pub blob_urls: crate::dom::fileapi::bloburl::BlobUrlStore,
    /// The engine's broadcast channels.
    pub broadcast: crate::dom::webmessaging::broadcastchannel::BroadcastHub,
    /// The engine's network client.
    pub net: crate::net::Client,
}

/// What the worker's thread knows of its owner.
struct OwnerLink {
    id: u64,
    owner: Sender<RemoteTask>,
    shared: Arc<WorkerShared>,
}

impl OwnerLink {
    fn send(&self, task: RemoteTask) {
        if self.owner.send(task).is_err() {
            log::debug!("worker {}: its owner is gone; a task for it was dropped", self.id);
        }
    }
}

thread_local! {
    static OWNER: RefCell<Option<Rc<OwnerLink>>> = const { RefCell::new(None) };
}

fn owner() -> Option<Rc<OwnerLink>> {
    OWNER.with(|o| o.borrow().clone())
}

/// <https://mimesniff.spec.whatwg.org/#javascript-mime-type>: whether a Content-Type names
/// JavaScript (its essence, case-insensitively; parameters ignored).
pub fn is_javascript_mime_type(content_type: &str) -> bool {
    const TYPES: &[&str] = &[
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    ];
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    TYPES.contains(&essence.as_str())
}

/// Fetches a classic worker script or an imported script: an HTTP response must be OK and
/// say it is JavaScript ("fetch a classic worker script"/"fetch a classic worker-imported
/// script": otherwise a network error); a file is taken as it is.
pub fn fetch_worker_script(url: &Url) -> Result<String, String> {
    let response = crate::net::client().fetch(url)?;
    if !response.ok() {
        return Err(format!("HTTP status {}", response.status));
    }
    if url.scheme() != "file" {
        let content_type = response.content_type.as_deref().unwrap_or("");
        if !is_javascript_mime_type(content_type) {
            return Err(format!("the script's MIME type ('{content_type}') is not a JavaScript MIME type"));
        }
    }
    // "Fetch a classic worker script" decodes the body as UTF-8.
    Ok(crate::net::sniff::utf8_decode(&response.body))
}

/// Starts the worker's thread.
pub fn spawn_worker_thread(params: WorkerParams) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name(format!("Worker {}", params.id))
        .stack_size(WORKER_STACK_SIZE)
        .spawn(move || worker_thread_main(params))
}

/// The worker's console and uncaught errors go to the owner's embedder, through the owner's
/// thread; a worker asks for no permission (a prompt from it is denied) and captures nothing.
struct ForwardToOwner(Sender<RemoteTask>);

impl EmbedderHost for ForwardToOwner {
    fn request_permission(&self, _request: PermissionRequest, responder: PermissionResponder) {
        drop(responder);
    }

    fn capture_changed(&self, _change: CaptureChange) {}

    fn console_message(&self, message: ConsoleMessage) {
        let task: RemoteTask = Box::new(move |_| crate::embedder::console_message(message));
        if self.0.send(task).is_err() {
            log::debug!("a worker's console message came after its owner ended");
        }
    }
}

fn worker_thread_main(params: WorkerParams) {
    let WorkerParams {
        id,
        url,
        name,
        source,
        js,
        prefs,
        page,
        secure_context,
        owner,
        channel,
        shared,
        canvas,
        webgl,
        codecs,
        media,
        media_home,
        module,
        blob_urls,
        broadcast,
        net,
    } = params;
    let link = Rc::new(OwnerLink { id, owner: owner.clone(), shared: shared.clone() });
    let finish = |link: &OwnerLink| {
        link.shared.busy.store(false, Ordering::SeqCst);
        link.shared.finished.store(true, Ordering::SeqCst);
        link.send(Box::new(move |_| crate::dom::workers::worker::worker_finished(id)));
    };
    if shared.closing.load(Ordering::SeqCst) {
        finish(&link);
        return;
    }
    let mut runtime = ScriptRuntime::new_with_handle(js);
    if let Ok(mut interrupt) = shared.interrupt.lock() {
        *interrupt = Some(runtime.thread_safe_js_context());
    }
    OWNER.with(|o| *o.borrow_mut() = Some(link.clone()));
    crate::script_thread::install_remote_channel(channel);
    crate::dom::fileapi::bloburl::install_store(blob_urls);
    crate::dom::webmessaging::broadcastchannel::install_hub(broadcast);
    crate::net::set_client(net);
    crate::embedder::install_host(Rc::new(ForwardToOwner(owner)));
    if let Some(canvas) = canvas {
        crate::threads::set_canvas_sender(canvas);
    }
    if let Some(webgl) = webgl {
        crate::threads::set_webgl_sender(webgl);
    }
    if let Some(codecs) = codecs {
        crate::threads::set_codecs(codecs);
    }
    if let Some(media) = media {
        crate::threads::set_media_sender(media);
    }
    crate::media_events::set_home(media_home);
    crate::script_thread::set_shutdown_flag(shared.closing.clone());
    let cx = runtime.cx();
    crate::script_runtime::set_interrupt_flag(cx, shared.closing.clone());
    // terminate() may have come before the interrupt handle existed.
    if shared.closing.load(Ordering::SeqCst) {
        finish(&link);
        return;
    }

    let options =
        WindowOptions { url: url.clone(), prefs: Rc::new(prefs), inherited_secure_context: Some(secure_context), page };
    let scope = DedicatedWorkerGlobalScope::new(cx, options, name);
    if module {
        scope.worker_global_scope().set_module();
    }
    run_worker(cx, &scope, &url, source, module, &link);

    // The end: this worker's own workers go with it; nothing of the realm outlives the runtime.
    // Tracks transferred here end: their sources' owners learn it.
    crate::dom::mediacapture::tracksource::release_all_proxies();
    crate::dom::workers::worker::terminate_all();
    crate::script_thread::teardown();
    drop(scope);
    OWNER.with(|o| o.borrow_mut().take());
    finish(&link);
    drop(runtime);
}

/// Fetches and runs the worker's script, then its event loop until it closes or is
/// terminated.
fn run_worker(
    cx: &mut JSContext,
    scope: &DomRoot<DedicatedWorkerGlobalScope>,
    url: &Url,
    source: Option<ScriptSource>,
    module: bool,
    link: &OwnerLink,
) {
    let window: &Window = scope.upcast_window();
    // "Fetch a classic worker script given url, outside settings, destination, inside
    // settings": a network error or a non-OK response fires `error` at the Worker.
    let text = match source {
        Some(ScriptSource::Text(text)) => Some(text),
        Some(ScriptSource::Fetch) => match fetch_worker_script(url) {
            Ok(text) => Some(text),
            Err(e) => {
                log::debug!("worker script {url}: {e}");
                None
            }
        },
        None => None,
    };
    let Some(text) = text else {
        let id = link.id;
        link.send(Box::new(move |cx| crate::dom::workers::worker::fire_simple_error(cx, id)));
        return;
    };
    // "Run a worker": a script that does not parse ("a script whose error to rethrow is
    // non-null") fires a plain `error` event at the Worker; otherwise "run the classic
    // script" (or "run the module script"): an exception is reported (its `error` event at
    // the worker's global, then at the Worker), and the worker lives on.
    let started = if module {
        run_worker_module(cx, window, &text, url)
    } else {
        run_worker_script(cx, window, &text, url.as_str())
    };
    if !started {
        let id = link.id;
        link.send(Box::new(move |cx| crate::dom::workers::worker::fire_simple_error(cx, id)));
        return;
    }
    loop {
        let end = crate::script_thread::run_event_loop(cx, None);
        if link.shared.closing.load(Ordering::SeqCst) || matches!(end, crate::script_thread::LoopEnd::Exit(_)) {
            return;
        }
        // Idle: tell the owner (it may end if it is idle too), then wait for a message.
        link.shared.busy.store(false, Ordering::SeqCst);
        link.send(Box::new(|_| {}));
        let Some(task) = crate::script_thread::next_remote_task() else { return };
        link.shared.busy.store(true, Ordering::SeqCst);
        if link.shared.closing.load(Ordering::SeqCst) {
            return;
        }
        crate::script_thread::run_task_now(cx, task);
    }
}

/// "Fetch a module worker script graph" from the fetched root text, then runs the graph.
/// Returns false when a module of the graph cannot be fetched or does not parse.
fn run_worker_module(cx: &mut JSContext, window: &Window, source: &str, url: &Url) -> bool {
    let global = window.global_object();
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.get());
    match crate::dom::html::modulescripts::fetch_module_graph(cx, window, Some((source, 1)), url) {
        Ok(module) => {
            rooted!(&in(cx) let module = module);
            crate::dom::html::modulescripts::run_module(cx, window, module.handle());
            true
        }
        Err(error) => {
            if let crate::dom::html::modulescripts::GraphError::Parse(_) = error {
                log::debug!("module worker {url}: its module graph does not parse");
            }
            false
        }
    }
}

/// Compiles the worker's script, then runs it. Returns false when it does not parse.
fn run_worker_script(cx: &mut JSContext, window: &Window, source: &str, filename: &str) -> bool {
    let global = window.global_object();
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.get());
    let filename = std::ffi::CString::new(filename.replace('\0', "")).unwrap_or_default();
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, filename, 1);
    let mut text = mozjs::rust::transform_str_to_source_text(source);
    // SAFETY: the options and the source text live across the call; the result is rooted
    // at once.
    rooted!(&in(cx) let script = unsafe { mozjs::jsapi::Compile1(cx.raw_cx(), options.ptr, &mut text) });
    if script.get().is_null() {
        crate::dom::bindings::error::clear_pending_exception(cx);
        return false;
    }
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let _running = crate::script_thread::ScriptGuard::new();
    // SAFETY: `script` and `rval` are rooted; the realm is the worker's.
    let ok = unsafe { mozjs::jsapi::JS_ExecuteScript(cx.raw_cx(), script.handle().into(), rval.handle_mut().into()) };
    drop(_running);
    if !ok {
        crate::script_runtime::report_pending_exception(cx);
    }
    crate::script_runtime::microtask_checkpoint_if_idle(cx);
    true
}

/// A message from the owner (`worker.postMessage()`), run on the worker's thread: a
/// `message` event at the worker's global (`messageerror` if it cannot be deserialized).
pub fn deliver_to_worker(cx: &mut JSContext, message: SerializedMessage) {
    let Some(window) = crate::script_thread::windows().into_iter().find(|w| w.is_worker()) else {
        log::debug!("a message reached a worker thread without a worker global");
        return;
    };
    fire_message(cx, &window, window.upcast::<EventTarget>(), message);
}

/// Deserializes a message from another thread in `window`'s realm and fires `message` at
/// `target` with it ("fire an event named message … with the data attribute initialized to
/// messageClone"), or `messageerror` when it cannot be deserialized. Both sides of a worker
/// deliver this way.
pub fn fire_message(cx: &mut JSContext, window: &Window, target: &EventTarget, message: SerializedMessage) {
    crate::script_runtime::in_realm(cx, window, |cx| {
        rooted!(&in(cx) let mut data = UndefinedValue());
        match deserialize_from_thread(cx, message, data.handle_mut()) {
            Ok(ports) => {
                rooted!(&in(cx) let source = mozjs::jsval::NullValue());
                let event = MessageEvent::new_message(cx, window, data.handle(), String::new(), source.handle(), ports);
                target.dispatch(cx, event.upcast::<Event>());
            }
            Err(_) => {
                let event = Event::new(cx, window, "messageerror".into(), false, false);
                event.set_trusted(true);
                target.dispatch(cx, &event);
            }
        }
    });
}

/// `self.postMessage()` in the worker: the message goes to the owner's `Worker`.
pub fn post_to_owner(message: SerializedMessage) {
    let Some(link) = owner() else { return };
    let id = link.id;
    link.send(Box::new(move |cx| crate::dom::workers::worker::deliver_to_owner(cx, id, message)));
}

/// `self.close()` in the worker: "set the worker's closing flag": the tasks still queued are
/// discarded and the event loop ends after the current task; what it posted before still
/// reaches the owner.
pub fn close() {
    if let Some(link) = owner() {
        link.shared.closing.store(true, Ordering::SeqCst);
    }
}

/// An exception the worker did not handle at its global: the owner's `Worker` gets an
/// `error` event (see `worker::report_worker_error`).
pub fn propagate_error(_window: &Window, message: String, filename: String, line: u32, col: u32) {
    let Some(link) = owner() else { return };
    let id = link.id;
    link.send(Box::new(move |cx| {
        crate::dom::workers::worker::report_worker_error(cx, id, message, filename, line, col)
    }));
}

/// The shared state of the worker whose thread this is (`None` on a window's thread).
pub fn current_worker_shared() -> Option<Arc<WorkerShared>> {
    owner().map(|link| link.shared.clone())
}

/// Queues `task` on the thread whose task channel is `tasks`; when that thread is a worker's
/// (`worker`), the task counts as the worker's pending work until it has run, so the worker's
/// owner does not end its event loop before then (a message port's or a broadcast channel's
/// delivery). Dropped with a log line when the thread has ended.
pub fn queue_counted(
    tasks: &Sender<RemoteTask>,
    worker: Option<&Arc<WorkerShared>>,
    task: impl FnOnce(&mut JSContext) + Send + 'static,
) {
    let worker = worker.cloned();
    if let Some(worker) = &worker {
        worker.pending.fetch_add(1, Ordering::SeqCst);
    }
    let counted = worker.clone();
    let task: RemoteTask = Box::new(move |cx| {
        task(cx);
        if let Some(worker) = counted {
            worker.pending.fetch_sub(1, Ordering::SeqCst);
        }
    });
    if tasks.send(task).is_err() {
        if let Some(worker) = worker {
            worker.pending.fetch_sub(1, Ordering::SeqCst);
        }
        log::debug!("a task for a thread that has ended was dropped");
    }
}

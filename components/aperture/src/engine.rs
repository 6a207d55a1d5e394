//! The engine: its script thread, the canvas, WebGL and media threads that thread
//! starts, and the channel of events that brings what pages ask and say back
//! to the embedder's thread.

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Instant;

use base::{SourceId, VideoFrame};
use canvas::{CompositorSink, FrameSink, NullCompositor};
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use media_traits::messages::MediaCommand;
use script::dom::html::window::{Window, WindowOptions};
use script::embedder::{
    CaptureChange, CaptureId, ConsoleLevel, ConsoleMessage, DeviceKind, EmbedderHost, PageId, PermissionRequest,
    PermissionResponder, PermissionSetting,
};
use script::mozjs::context::JSContext;
use script::mozjs::rust::ThreadSafeJSContext;
use script::prefs::Prefs;
use script::script_runtime::ScriptRuntime;
use script::script_thread::{LoopEnd, RemoteTask};
use url::Url;

use crate::delegates::{CaptureDelegate, ConsoleDelegate, Defaults, PermissionDelegate};

/// The script thread's stack: SpiderMonkey's native stack quota is 1 MiB, the
/// DOM's own frames come on top of it.
const SCRIPT_STACK_SIZE: usize = 16 * 1024 * 1024;

/// Why [`Engine::run_until`] (or [`Engine::run`]) returned.
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum RunOutcome {
    /// Nothing is left to do: no task, timer, rendering update or outstanding
    /// request (a prompt waiting for its answer counts as one).
    Idle,
    /// A page asked the engine to stop, with this code (the WPT runner's
    /// result hook, or a load with `stop_after_load`).
    Exited(i32),
    /// The deadline came first; the engine goes on running.
    TimedOut,
}

/// What can go wrong with an engine.
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum EngineError {
    /// The engine could not start (SpiderMonkey, or the script thread).
    Start(String),
    /// A page could not be loaded: bad URL, network error, HTTP error status.
    Load {
        /// The page.
        page: PageId,
        /// What went wrong.
        message: String,
    },
    /// The engine's script thread is gone (it was shut down or panicked).
    Gone,
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::Start(e) => write!(f, "the engine could not start: {e}"),
            EngineError::Load { message, .. } => write!(f, "{message}"),
            EngineError::Gone => write!(f, "the engine's script thread is gone"),
        }
    }
}

impl std::error::Error for EngineError {}

/// Builds an [`Engine`].
pub struct EngineBuilder {
    camera: media::CameraChoice,
    camera_backend: Option<Arc<dyn media::embedder_camera::CameraBackend>>,
    prefs: Prefs,
    compositor: Option<Box<dyn CompositorSink>>,
    permissions: Box<dyn PermissionDelegate>,
    captures: Box<dyn CaptureDelegate>,
    console: Box<dyn ConsoleDelegate>,
    defaults: Vec<(DeviceKind, bool, PermissionSetting)>,
    save_photos: Option<PathBuf>,
    root_certificates: Vec<Vec<u8>>,
}

impl EngineBuilder {
    /// Which cameras pages see (default: real ones when present, else the fake camera).
    pub fn camera(mut self, camera: media::CameraChoice) -> Self {
        self.camera = camera;
        self
    }

    /// The embedder's own cameras, offered to pages beside GStreamer's (with
    /// [`CameraChoice::Auto`](media::CameraChoice::Auto) they replace the fake
    /// camera; [`CameraChoice::Device`](media::CameraChoice::Device) may name one).
    /// See [`CameraBackend`](crate::CameraBackend).
    pub fn camera_backend(mut self, backend: impl media::embedder_camera::CameraBackend) -> Self {
        self.camera_backend = Some(Arc::new(backend));
        self
    }

    /// The preferences pages run with (e.g. `dom_testing_enabled`).
    pub fn prefs(mut self, prefs: Prefs) -> Self {
        self.prefs = prefs;
        self
    }

    /// Where canvas images go, called on the canvas thread at each rendering
    /// update (default: nowhere).
    pub fn compositor(mut self, sink: impl CompositorSink + 'static) -> Self {
        self.compositor = Some(Box::new(sink));
        self
    }

    /// Who answers permission prompts (default: allow this time).
    pub fn permission_delegate(mut self, delegate: impl PermissionDelegate + 'static) -> Self {
        self.permissions = Box::new(delegate);
        self
    }

    /// Who is told about captures starting and stopping (default: nobody).
    pub fn capture_delegate(mut self, delegate: impl CaptureDelegate + 'static) -> Self {
        self.captures = Box::new(delegate);
        self
    }

    /// Who gets console records and uncaught errors (default: printed).
    pub fn console_delegate(mut self, delegate: impl ConsoleDelegate + 'static) -> Self {
        self.console = Box::new(delegate);
        self
    }

    /// The permission state every origin starts with for `kind` (default:
    /// "granted" for cameras and microphones, as for a local page in a
    /// headless host). "prompt" asks the [`PermissionDelegate`].
    pub fn default_permission(mut self, kind: DeviceKind, setting: PermissionSetting) -> Self {
        self.defaults.push((kind, false, setting));
        self
    }

    /// The state every origin starts with for moving the camera
    /// (`{camera, panTiltZoom: true}`; default "prompt").
    pub fn default_pan_tilt_zoom_permission(mut self, setting: PermissionSetting) -> Self {
        self.defaults.push((DeviceKind::Camera, true, setting));
        self
    }

    /// Writes every photo `takePhoto()` resolves with to `dir`.
    pub fn save_photos(mut self, dir: impl Into<PathBuf>) -> Self {
        self.save_photos = Some(dir.into());
        self
    }

    /// The certificates (DER) that `https:` servers are verified against, *instead of* the
    /// bundled Mozilla roots: an organisation's own CA, or a test server's certificate. See
    /// [`certificates_from_pem`](crate::certificates_from_pem) for PEM files.
    pub fn root_certificates(mut self, certificates: impl IntoIterator<Item = Vec<u8>>) -> Self {
        self.root_certificates = certificates.into_iter().collect();
        self
    }

    /// Starts the engine's threads.
    pub fn build(self) -> Result<Engine, EngineError> {
        let js = js_engine().map_err(EngineError::Start)?;
        let (events_tx, events) = crossbeam_channel::unbounded();
        let (ready_tx, ready) = crossbeam_channel::bounded(1);
        let shutdown = Arc::new(AtomicBool::new(false));
        let setup = ScriptSetup {
            js,
            camera: self.camera,
            camera_backend: self.camera_backend,
            prefs: self.prefs,
            compositor: self.compositor.unwrap_or_else(|| Box::new(NullCompositor::new())),
            defaults: self.defaults,
            save_photos: self.save_photos,
            root_certificates: self.root_certificates,
            events: events_tx,
            shutdown: shutdown.clone(),
        };
        let script = std::thread::Builder::new()
            .name("Script".into())
            .stack_size(SCRIPT_STACK_SIZE)
            .spawn(move || script_thread_main(setup, ready_tx))
            .map_err(|e| EngineError::Start(format!("cannot spawn the script thread: {e}")))?;
        let (remote, interrupt) = match ready.recv() {
            Ok(r) => r,
            Err(_) => {
                let _ = script.join();
                return Err(EngineError::Start("the script thread failed to start".into()));
            }
        };
        Ok(Engine {
            remote,
            events,
            interrupt,
            shutdown,
            script: Some(script),
            permissions: self.permissions,
            captures: self.captures,
            console: self.console,
            sent: 0,
            next_page: 1,
            load_error: None,
            uncaught: 0,
        })
    }
}

/// An engine instance: its own script, canvas and media threads, pages,
/// permissions and delegates. It lives on the thread that built it (the
/// delegates are called there); dropping it shuts the threads down.
pub struct Engine {
    remote: Sender<RemoteTask>,
    events: Receiver<Event>,
    interrupt: ThreadSafeJSContext,
    shutdown: Arc<AtomicBool>,
    script: Option<JoinHandle<()>>,
    permissions: Box<dyn PermissionDelegate>,
    captures: Box<dyn CaptureDelegate>,
    console: Box<dyn ConsoleDelegate>,
    /// Commands sent to the script thread, so an `Idle` report that predates
    /// the last one is not taken for the engine being idle.
    sent: u64,
    next_page: u64,
    load_error: Option<EngineError>,
    uncaught: usize,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("sent", &self.sent).field("uncaught", &self.uncaught).finish()
    }
}

impl Engine {
    /// A builder with the headless host's defaults.
    pub fn builder() -> EngineBuilder {
        EngineBuilder {
            camera: media::CameraChoice::Auto,
            camera_backend: None,
            prefs: Prefs::new(),
            compositor: None,
            permissions: Box::new(Defaults),
            captures: Box::new(Defaults),
            console: Box::new(Defaults),
            defaults: Vec::new(),
            save_photos: None,
            root_certificates: Vec::new(),
        }
    }

    /// Loads `page` (a URL, or a path resolved against the current directory)
    /// into a new top-level window. Loading happens on the script thread; a
    /// page that cannot be fetched makes the next `run*` call return
    /// [`EngineError::Load`].
    pub fn load(&mut self, page: &str) -> Result<PageId, EngineError> {
        self.load_with(page, false)
    }

    /// Like [`load`](Self::load), then the engine exits with code 0 right
    /// after the page's `load` event (a crash test: did it get that far?).
    pub fn load_and_stop_after_load(&mut self, page: &str) -> Result<PageId, EngineError> {
        self.load_with(page, true)
    }

    fn load_with(&mut self, page: &str, stop_after_load: bool) -> Result<PageId, EngineError> {
        let id = PageId(self.next_page);
        self.next_page += 1;
        let url = crate::page_url(page).map_err(|message| EngineError::Load { page: id, message })?;
        self.send(move |cx| load_page(cx, id, url, stop_after_load))?;
        Ok(id)
    }

    /// Runs until the engine is idle or a page asks to stop, calling the
    /// delegates as requests and records come.
    pub fn run(&mut self) -> Result<RunOutcome, EngineError> {
        self.run_until(None)
    }

    /// Like [`run`](Self::run), but returns [`RunOutcome::TimedOut`] at `deadline`.
    pub fn run_until(&mut self, deadline: Option<Instant>) -> Result<RunOutcome, EngineError> {
        loop {
            let event = match deadline {
                Some(d) => match self.events.recv_timeout(d.saturating_duration_since(Instant::now())) {
                    Ok(e) => e,
                    Err(RecvTimeoutError::Timeout) => return Ok(RunOutcome::TimedOut),
                    Err(RecvTimeoutError::Disconnected) => return Err(EngineError::Gone),
                },
                None => self.events.recv().map_err(|_| EngineError::Gone)?,
            };
            if let Some(outcome) = self.handle(event) {
                return outcome;
            }
        }
    }

    /// Handles the requests and records waiting now and returns at once:
    /// `Some` when the engine went idle or exited meanwhile.
    pub fn spin_once(&mut self) -> Result<Option<RunOutcome>, EngineError> {
        let mut last = None;
        while let Ok(event) = self.events.try_recv() {
            if let Some(outcome) = self.handle(event) {
                last = Some(outcome?);
            }
        }
        Ok(last)
    }

    /// Uncaught exceptions and unhandled rejections reported so far (as
    /// delivered to the console delegate).
    pub fn uncaught_error_count(&self) -> usize {
        self.uncaught
    }

    /// Sets a permission of `origin` (an ASCII-serialized origin such as
    /// `http://localhost:8000`). Setting "denied" revokes it: the captures it
    /// covered end, and their tracks fire `ended`.
    pub fn set_permission(
        &mut self,
        origin: &str,
        kind: DeviceKind,
        setting: PermissionSetting,
    ) -> Result<(), EngineError> {
        let origin = origin.to_owned();
        self.send(move |cx| script::embedder::set_permission(cx, &origin, kind, false, setting))
    }

    /// Sets the `{camera, panTiltZoom: true}` permission of `origin`.
    pub fn set_pan_tilt_zoom_permission(
        &mut self,
        origin: &str,
        setting: PermissionSetting,
    ) -> Result<(), EngineError> {
        let origin = origin.to_owned();
        self.send(move |cx| script::embedder::set_permission(cx, &origin, DeviceKind::Camera, true, setting))
    }

    /// Tells pages that the set of devices changed (say, the embedder's
    /// [`CameraBackend`](crate::CameraBackend) lists other cameras now): each
    /// `navigator.mediaDevices` enumerates again and fires `devicechange` if
    /// what it exposes differs from what it exposed before.
    pub fn devices_changed(&mut self) -> Result<(), EngineError> {
        self.send(script::embedder::devices_changed)
    }

    /// Delivers the user's input to `page`: a click at a point of its viewport, or keys typed
    /// into its focused element. The page gets the trusted events a browser fires for them
    /// (`pointerdown` … `click`, `keydown` … `keyup`) and, with them, user activation
    /// (`navigator.userActivation`). Input for a page that is gone is dropped.
    pub fn send_input(&mut self, page: PageId, input: crate::UserInput) -> Result<(), EngineError> {
        self.send(move |cx| script::embedder::send_input(cx, page, &input))
    }

    /// Stops a capture (the user pressed "stop sharing"): the device is
    /// released and the page's tracks of it end and fire `ended`. A capture
    /// that already stopped is ignored.
    pub fn stop_capture(&mut self, capture: CaptureId) -> Result<(), EngineError> {
        self.send(move |cx| script::embedder::stop_capture(cx, capture, "stopped by the embedder"))
    }

    /// Stops the engine: a running script is interrupted, the threads end.
    /// Called by `Drop` too.
    pub fn shutdown(mut self) {
        self.stop_threads();
    }

    fn stop_threads(&mut self) {
        let Some(script) = self.script.take() else {
            return;
        };
        self.shutdown.store(true, Ordering::SeqCst);
        // Wake the loop if it waits, and stop a script that never yields.
        let _ = self.remote.send(Box::new(|_| {}));
        self.interrupt.request_interrupt_callback();
        if script.join().is_err() {
            log::error!("the script thread panicked while shutting down");
        }
        // Records sent before the end still reach the delegates.
        while let Ok(event) = self.events.try_recv() {
            let _ = self.handle(event);
        }
    }

    fn send(&mut self, task: impl FnOnce(&mut JSContext) + Send + 'static) -> Result<(), EngineError> {
        self.sent += 1;
        let seq = self.sent;
        let task: RemoteTask = Box::new(move |cx| {
            COMMANDS_SEEN.with(|c| c.set(seq));
            task(cx)
        });
        self.remote.send(task).map_err(|_| EngineError::Gone)
    }

    /// Calls the delegate an event is for; `Some` when the event ends a run.
    fn handle(&mut self, event: Event) -> Option<Result<RunOutcome, EngineError>> {
        match event {
            Event::Permission(request, responder) => self.permissions.request_permission(request, responder),
            Event::Capture(change) => self.captures.capture_changed(change),
            Event::Console(message) => {
                if message.level == ConsoleLevel::Uncaught {
                    self.uncaught += 1;
                }
                self.console.console_message(message);
            }
            Event::LoadFailed(page, message) => {
                self.load_error.get_or_insert(EngineError::Load { page, message });
            }
            Event::Idle { seen } if seen == self.sent => {
                return Some(match self.load_error.take() {
                    Some(e) => Err(e),
                    None => Ok(RunOutcome::Idle),
                });
            }
            Event::Idle { .. } => {}
            Event::Exited(code) => {
                return Some(match self.load_error.take() {
                    Some(e) => Err(e),
                    None => Ok(RunOutcome::Exited(code)),
                });
            }
        }
        None
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.stop_threads();
    }
}

/// What the script thread tells the embedder's thread.
enum Event {
    Permission(PermissionRequest, PermissionResponder),
    Capture(CaptureChange),
    Console(ConsoleMessage),
    LoadFailed(PageId, String),
    /// The event loop went idle after running every command up to `seen`.
    Idle {
        seen: u64,
    },
    Exited(i32),
}

thread_local! {
    /// The last embedder command the script thread ran.
    static COMMANDS_SEEN: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Forwards what script asks of its embedder to the embedder's thread.
struct Forwarder(Sender<Event>);

impl Forwarder {
    fn send(&self, event: Event) {
        if self.0.send(event).is_err() {
            log::debug!("the engine is gone; an event for its embedder was dropped");
        }
    }
}

impl EmbedderHost for Forwarder {
    fn request_permission(&self, request: PermissionRequest, responder: PermissionResponder) {
        self.send(Event::Permission(request, responder));
    }

    fn capture_changed(&self, change: CaptureChange) {
        self.send(Event::Capture(change));
    }

    fn console_message(&self, message: ConsoleMessage) {
        self.send(Event::Console(message));
    }
}

/// SpiderMonkey is initialized once per process (`JS_Init`); every engine's
/// runtime hangs off that one initialization. It is shut down when the
/// process exits (`JS_ShutDown`, before SpiderMonkey's own static destructors,
/// which fail while its helper threads still run), provided no engine is
/// alive then; a process cannot initialize it twice, so it is never shut down
/// earlier.
fn js_engine() -> Result<script::mozjs::rust::JSEngineHandle, String> {
    let mut js = JS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(engine) = &*js {
        return Ok(engine.0.handle());
    }
    let engine = script::script_runtime::Engine::init()?;
    let handle = engine.handle();
    *js = Some(ProcessJs(engine));
    // SAFETY: registering a plain `extern "C"` function with the C library.
    if unsafe { atexit(shut_down_js) } != 0 {
        log::warn!("cannot register SpiderMonkey's shutdown at exit");
    }
    Ok(handle)
}

/// The process's SpiderMonkey initialization.
struct ProcessJs(script::script_runtime::Engine);

// SAFETY: the engine value is only a count of live runtimes plus the right to call
// `JS_ShutDown`; SpiderMonkey's initialization is process-wide, not tied to a thread, and
// the mutex below serializes every use.
unsafe impl Send for ProcessJs {}

static JS: std::sync::Mutex<Option<ProcessJs>> = std::sync::Mutex::new(None);

unsafe extern "C" {
    fn atexit(callback: extern "C" fn()) -> std::ffi::c_int;
}

extern "C" fn shut_down_js() {
    let Ok(mut js) = JS.lock() else { return };
    if let Some(engine) = js.take() {
        if engine.0.can_shutdown() {
            drop(engine);
        } else {
            // An engine still runs (the process exits under it): leave SpiderMonkey be.
            std::mem::forget(engine);
        }
    }
}

struct ScriptSetup {
    js: script::mozjs::rust::JSEngineHandle,
    camera: media::CameraChoice,
    camera_backend: Option<Arc<dyn media::embedder_camera::CameraBackend>>,
    prefs: Prefs,
    compositor: Box<dyn CompositorSink>,
    defaults: Vec<(DeviceKind, bool, PermissionSetting)>,
    save_photos: Option<PathBuf>,
    root_certificates: Vec<Vec<u8>>,
    events: Sender<Event>,
    shutdown: Arc<AtomicBool>,
}

thread_local! {
    /// The engine's preferences, for each window it creates.
    static PREFS: std::cell::RefCell<Option<Rc<Prefs>>> = const { std::cell::RefCell::new(None) };
    /// The channel to the embedder's thread.
    static EVENTS: std::cell::RefCell<Option<Sender<Event>>> = const { std::cell::RefCell::new(None) };
}

/// The script thread: the runtime, the other threads, then the event loop
/// until shutdown, reporting each time it goes idle.
fn script_thread_main(setup: ScriptSetup, ready: Sender<(Sender<RemoteTask>, ThreadSafeJSContext)>) {
    let mut runtime = ScriptRuntime::new_with_handle(setup.js);
    let events = setup.events;
    script::embedder::install_host(Rc::new(Forwarder(events.clone())));
    for (kind, ptz, setting) in setup.defaults {
        script::embedder::set_default_permission(kind, ptz, setting);
    }
    script::dom::imagecapture::photos::set_save_photos_dir(setup.save_photos);
    // The engine's network client: its connection pool and trusted roots, for every fetch of
    // its pages (workers get it from their owner).
    let net_options =
        script::net::ClientOptions { root_certificates: setup.root_certificates, ..script::net::default_options() };
    script::net::set_client(script::net::Client::new(&net_options));
    PREFS.with(|p| *p.borrow_mut() = Some(Rc::new(setup.prefs)));
    EVENTS.with(|e| *e.borrow_mut() = Some(events.clone()));
    script::script_thread::set_shutdown_flag(setup.shutdown.clone());
    script::script_runtime::set_interrupt_flag(runtime.cx(), setup.shutdown.clone());
    let threads = start_threads(setup.camera, setup.camera_backend, setup.compositor);
    let remote = script::script_thread::remote_task_sender();
    if ready.send((remote, runtime.thread_safe_js_context())).is_err() {
        return;
    }
    let cx = runtime.cx();
    loop {
        let end = script::script_thread::run_event_loop(cx, None);
        if setup.shutdown.load(Ordering::SeqCst) {
            break;
        }
        let event = match end {
            LoopEnd::Exit(code) => Event::Exited(code),
            LoopEnd::Idle | LoopEnd::TimedOut => Event::Idle { seen: COMMANDS_SEEN.with(|c| c.get()) },
        };
        if events.send(event).is_err() {
            break;
        }
        if !script::script_thread::wait_for_remote_task(cx) || setup.shutdown.load(Ordering::SeqCst) {
            break;
        }
    }
    // The page's workers end (their runtimes before this one), then the WebGL, canvas and media
    // threads; every promise, callback and root the script thread's tables still hold goes
    // before the runtime.
    script::dom::workers::worker::terminate_all();
    drop(threads);
    script::script_thread::teardown();
    // A last collection finalizes what nothing holds any more (the pages' DOM structs drop the
    // roots they keep, such as their promises) and empties the nursery: no root left for the
    // runtime's destruction may point into it (SpiderMonkey's debug build asserts so).
    script::script_runtime::collect_garbage(cx);
}

/// Loads `url` into a new top-level window: fetch the HTML, parse it (running
/// classic scripts in document order), fire `DOMContentLoaded` and `load`.
fn load_page(cx: &mut JSContext, page: PageId, url: Url, stop_after_load: bool) {
    let fail = |message: String| {
        let sent = EVENTS.with(|e| e.borrow().as_ref().map(|e| e.send(Event::LoadFailed(page, message))));
        if !matches!(sent, Some(Ok(()))) {
            log::warn!("a page failed to load after its engine went away");
        }
    };
    // A top-level load is same-site: the engine's cookies for the URL go with it, and the
    // response's Set-Cookie headers are stored.
    let request = script::net::with_cookies(script::net::Request::get(&url), &url);
    let response = match script::net::client().fetch_request(&request) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    script::net::store_cookies(&response.url, &response.headers, &response.url);
    if !response.ok() {
        return fail(format!("{url}: HTTP status {}", response.status));
    }
    // <https://html.spec.whatwg.org/multipage/parsing.html#encoding-sniffing-algorithm>
    let (html, encoding) = script::net::sniff::decode_html(&response.body, response.content_type.as_deref(), None);
    let prefs = PREFS.with(|p| p.borrow().clone()).unwrap_or_default();
    let options = WindowOptions { url: response.url.clone(), prefs, inherited_secure_context: None, page };
    let window = Window::new(cx, options);
    let document = window.document();
    document.set_encoding(encoding);
    script::dom::html::parser::parse_document(cx, &document, &html);
    script::dom::html::parser::finish_loading(cx, &document);
    if stop_after_load {
        // Run the load task (and anything queued before it) now, then stop.
        script::script_thread::run_pending_local_tasks(cx);
        script::script_thread::request_exit(0);
    }
}

/// Captured canvas frames go straight to the media thread (never through script).
struct MediaFrameSink(Sender<MediaCommand>);

impl FrameSink for MediaFrameSink {
    fn push_frame(&self, source: SourceId, frame: VideoFrame) {
        if self.0.send(MediaCommand::PushFrame { source, frame }).is_err() {
            log::warn!("the media thread has exited; a canvas frame was dropped");
        }
    }
}

/// The canvas, WebGL and media threads of one engine; dropping this stops them (the WebGL
/// thread first: it presents to the canvas thread).
struct Threads {
    _webgl: Option<webgl::WebGLThread>,
    _canvas: canvas::CanvasThread,
    _media: Option<media::MediaThread>,
    _audio: Option<webaudio::AudioThread>,
}

/// Starts the media and canvas threads and gives script their channels. Call
/// on the script thread (replies come back to it).
fn start_threads(
    camera: media::CameraChoice,
    camera_backend: Option<Arc<dyn media::embedder_camera::CameraBackend>>,
    compositor: Box<dyn CompositorSink>,
) -> Threads {
    let remote = script::script_thread::remote_task_sender();
    let media = match media::spawn(
        media::MediaOptions { camera, camera_backend, ..Default::default() },
        Box::new(move |event| {
            let _ = remote.send(Box::new(move |cx| script::media_events::dispatch(cx, event)));
        }),
    ) {
        Ok(m) => Some(m),
        Err(e) => {
            log::error!("the media thread could not start ({e:?}); camera and capture features will fail");
            None
        }
    };
    if let Some(m) = &media {
        script::threads::set_media_sender(m.sender());
        script::threads::set_recorder_support(m.recorder_support());
    }
    let frames: Box<dyn FrameSink> = match &media {
        Some(m) => Box::new(MediaFrameSink(m.sender())),
        None => Box::new(canvas::NullFrameSink),
    };
    let canvas = canvas::spawn(compositor, frames);
    script::threads::set_canvas_sender(canvas.sender());
    // WebGL contexts present to the canvas thread. Without EGL the thread still runs and
    // refuses every context (getContext("webgl") returns null).
    let webgl = match webgl::spawn(canvas.sender()) {
        Ok(w) => {
            script::threads::set_webgl_sender(w.sender());
            Some(w)
        }
        Err(e) => {
            log::error!("the WebGL thread could not start ({e}); getContext(\"webgl\") will return null");
            None
        }
    };
    // WebCodecs' encoders: a work queue per encoder, made on demand (no thread until then).
    script::threads::set_codecs(Arc::new(codecs::GstCodecs::new()));
    let audio = match webaudio::spawn() {
        Ok(a) => {
            script::threads::set_audio_sender(a.sender());
            Some(a)
        }
        Err(e) => {
            log::error!("the Web Audio render thread could not start ({e}); AudioContext will throw");
            None
        }
    };
    Threads { _webgl: webgl, _canvas: canvas, _media: media, _audio: audio }
}

//! The SpiderMonkey runtime of the script thread: engine start-up, GC roots
//! from Rust, the microtask queue, promise rejection tracking and exception
//! reporting.

use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::ptr::NonNull;

use mozjs::context::JSContext;
use mozjs::glue::{CreateJobQueue, DeleteJobQueue, JS_DequeueNextMicroTask, JobQueueTraps};
use mozjs::jsapi::{
    EnqueueMicroTask, GetExecutionGlobalFromJSMicroTask, HasAnyMicroTasks, IsJSMicroTask, JS_AddExtraGCRootsTracer,
    JSContext as RawJSContext, JSObject, JSTracer, JobQueueIsEmpty, JobQueueMayNotBeEmpty,
    MutableHandleObject as RawMutableHandleObject, PromiseRejectionHandlingState, RunJSMicroTask, SetJobQueue,
    SetPromiseRejectionTrackerCallback, ToMaybeWrappedJSMicroTask,
};
use mozjs::jsval::{JSVal, PrivateValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleValue, JSEngine, JSEngineHandle, Runtime};

use crate::dom::bindings::callback::PersistentObject;
use crate::dom::bindings::conversions::{ToJSVal, jsval_to_string, root_from_object};
use crate::dom::bindings::refcounted::trace_trusted;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::{DomRoot, trace_stack_roots, trace_traceable_roots};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::domexception::DOMException;
use crate::dom::html::window::Window;

/// Owns the JS engine for the process. Create once, before any runtime.
pub struct Engine {
    engine: JSEngine,
}

impl Engine {
    pub fn init() -> Result<Engine, String> {
        JSEngine::init().map(|engine| Engine { engine }).map_err(|e| format!("SpiderMonkey failed to start: {e:?}"))
    }

    pub fn handle(&self) -> JSEngineHandle {
        self.engine.handle()
    }

    /// Whether no runtime uses the engine any more (dropping it then shuts SpiderMonkey down).
    pub fn can_shutdown(&self) -> bool {
        self.engine.can_shutdown()
    }
}

/// The script thread's runtime and its Rust-side hooks.
pub struct ScriptRuntime {
    /// Dropped by hand, before the job queue it uses is deleted.
    runtime: std::mem::ManuallyDrop<Runtime>,
    job_queue: *mut mozjs::glue::RustJobQueue,
}

static JOB_QUEUE_TRAPS: JobQueueTraps = JobQueueTraps {
    getHostDefinedData: Some(get_host_defined_data),
    getHostDefinedGlobal: Some(get_host_defined_global),
    runJobs: Some(run_jobs),
    traceNonGCThingMicroTask: Some(trace_user_microtask),
};

impl ScriptRuntime {
    pub fn new(engine: &Engine) -> ScriptRuntime {
        ScriptRuntime::new_with_handle(engine.handle())
    }

    /// A runtime on this thread, from a handle of the process's engine (one
    /// per engine instance, each on its own script thread).
    pub fn new_with_handle(engine: JSEngineHandle) -> ScriptRuntime {
        ENGINE_HANDLE.with(|h| *h.borrow_mut() = Some(engine.clone()));
        let mut runtime = Runtime::new(engine);
        let cx = runtime.cx();
        // SAFETY: `cx` is the context of the runtime just made on this thread, alive as long as
        // `runtime`; the callbacks installed below are `extern "C"` functions and statics that
        // live for the whole program, and no JS has run yet, so nothing needs rooting.
        unsafe {
            JS_AddExtraGCRootsTracer(cx.raw_cx(), Some(trace_rust_roots), std::ptr::null_mut());
            // Live ranges are held weakly; the collector updates the list (`dom/ranges/liveranges.rs`).
            crate::dom::ranges::liveranges::install(cx.raw_cx());
            // So are the active WebGL contexts (`dom/webgl/loss.rs`).
            crate::dom::webgl::install_context_list(cx.raw_cx());
        }
        // SAFETY: JOB_QUEUE_TRAPS is a static; the job queue is kept in the ScriptRuntime (and
        // dropped with it) while `cx` uses it.
        let job_queue = unsafe { CreateJobQueue(&JOB_QUEUE_TRAPS) };
        // SAFETY: as for the first block: live context, static callbacks.
        unsafe {
            SetJobQueue(cx.raw_cx(), job_queue as *mut _);
            SetPromiseRejectionTrackerCallback(cx.raw_cx(), Some(promise_rejection_tracker), std::ptr::null_mut());
            // DOM objects with JIT info: let the JIT call their ops directly.
            mozjs::jsapi::SetDOMCallbacks(cx.raw_cx(), &DOM_CALLBACKS);
            // A WeakRef or FinalizationRegistry target that is a DOM object asks the embedding
            // to "preserve its wrapper"; without callbacks SpiderMonkey calls a null pointer at
            // the next GC. A reflector is the DOM object itself (the Rust value lives as long
            // as it), so there is nothing to preserve and nothing is ever released early.
            mozjs::jsapi::js::SetPreserveWrapperCallbacks(
                cx.raw_cx(),
                Some(preserve_wrapper),
                Some(has_released_wrapper),
            );
            // `import`, `import()` and `import.meta` (the host side of module loading).
            crate::dom::html::modulescripts::install_hooks(mozjs::jsapi::JS_GetRuntime(cx.raw_cx()));
            // A collection asked for by external memory growth while script runs.
            mozjs::jsapi::JS_AddInterruptCallback(cx.raw_cx(), Some(gc_interrupt_callback));
        }
        let interrupt = runtime.thread_safe_js_context();
        GC_INTERRUPT.with(|g| *g.borrow_mut() = Some(interrupt));
        ScriptRuntime { runtime: std::mem::ManuallyDrop::new(runtime), job_queue }
    }

    pub fn cx(&mut self) -> &mut JSContext {
        self.runtime.cx()
    }

    /// A handle other threads can interrupt running script with.
    pub fn thread_safe_js_context(&self) -> mozjs::rust::ThreadSafeJSContext {
        self.runtime.thread_safe_js_context()
    }
}

thread_local! {
    /// The process's SpiderMonkey this thread's runtime hangs off (workers' runtimes too).
    static ENGINE_HANDLE: RefCell<Option<JSEngineHandle>> = const { RefCell::new(None) };
}

/// A handle of the SpiderMonkey engine this thread's runtime uses, for a worker's runtime.
pub fn engine_handle() -> Option<JSEngineHandle> {
    ENGINE_HANDLE.with(|h| h.borrow().clone())
}

impl Drop for ScriptRuntime {
    /// The thread's handle of the engine goes with its runtime (an engine can only shut
    /// down once no handle is left).
    fn drop(&mut self) {
        // SAFETY: `runtime` is dropped exactly once, here, and not used after; the job queue
        // was made for it by CreateJobQueue and is deleted only once the runtime that used it
        // is gone (valgrind found it leaked, 48 bytes per runtime: every worker's too).
        unsafe {
            std::mem::ManuallyDrop::drop(&mut self.runtime);
            DeleteJobQueue(self.job_queue);
        }
        let _ = ENGINE_HANDLE.try_with(|h| h.borrow_mut().take());
        let _ = GC_INTERRUPT.try_with(|g| g.borrow_mut().take());
    }
}

thread_local! {
    /// Set by the embedder to stop the engine: an interrupt then ends running script.
    static INTERRUPT_FLAG: RefCell<Option<std::sync::Arc<std::sync::atomic::AtomicBool>>> = const { RefCell::new(None) };
}

/// Makes an interrupt requested from another thread
/// (`ThreadSafeJSContext::request_interrupt_callback`) end the running script
/// (uncatchably) once `flag` is set; before that, interrupts let it go on.
pub fn set_interrupt_flag(cx: &mut JSContext, flag: std::sync::Arc<std::sync::atomic::AtomicBool>) {
    INTERRUPT_FLAG.with(|f| *f.borrow_mut() = Some(flag));
    // SAFETY: cx is this thread's live context; the callback is a plain function.
    unsafe { mozjs::jsapi::JS_AddInterruptCallback(cx.raw_cx(), Some(interrupt_callback)) };
}

/// Returns false (terminate the script) once the engine is shutting down.
unsafe extern "C" fn interrupt_callback(_cx: *mut RawJSContext) -> bool {
    let stopping = INTERRUPT_FLAG
        .try_with(|f| f.borrow().as_ref().is_some_and(|f| f.load(std::sync::atomic::Ordering::SeqCst)))
        .unwrap_or(true);
    !stopping
}

/// The preserve-wrapper callback: nothing to do (see `ScriptRuntime::new`).
unsafe extern "C" fn preserve_wrapper(_cx: *mut mozjs::jsapi::JSContext, _obj: mozjs::jsapi::HandleObject) -> bool {
    true
}

/// The has-released-wrapper callback: a reflector is never released while its object lives.
unsafe extern "C" fn has_released_wrapper(_obj: mozjs::jsapi::HandleObject) -> bool {
    false
}

static DOM_CALLBACKS: mozjs::jsapi::DOMCallbacks = mozjs::jsapi::DOMCallbacks {
    instanceClassMatchesProto: Some(instance_class_matches_proto),
    instanceClassIsError: Some(instance_class_is_error),
    // SpiderMonkey calls this, without a null check, for every DOM object it reports as an
    // uncaught exception (a DOMException thrown from a listener).
    extractExceptionInfo: Some(extract_exception_info),
};

/// No DOM class is a JS error class.
unsafe extern "C" fn instance_class_is_error(_clasp: *const mozjs::jsapi::JSClass) -> bool {
    false
}

/// Answers "not an exception object" for every DOM object: SpiderMonkey then reports it
/// through its string form (a DOMException's is "SyntaxError: …", from Error.prototype).
unsafe extern "C" fn extract_exception_info(
    _cx: *mut mozjs::jsapi::JSContext,
    _obj: mozjs::jsapi::HandleObject,
    is_exception: *mut bool,
    _file_name: mozjs::jsapi::MutableHandle<*mut mozjs::jsapi::JSString>,
    _line: *mut u32,
    _column: *mut u32,
    _message: mozjs::jsapi::MutableHandle<*mut mozjs::jsapi::JSString>,
) -> bool {
    // SAFETY: SpiderMonkey passes a valid out pointer.
    unsafe { *is_exception = false };
    true
}

/// Lets the JIT check `this` for a DOM getter or method without calling us.
unsafe extern "C" fn instance_class_matches_proto(
    clasp: *const mozjs::jsapi::JSClass,
    proto_id: u32,
    depth: u32,
) -> bool {
    // SAFETY: SpiderMonkey calls this only with the class of an object it knows to be a DOM
    // object (JSCLASS_IS_DOMJSCLASS), and every such class is the `base` (first field, repr(C))
    // of a static DOMJSClass; `depth` is below the chain's length, as the JIT info was made from it.
    unsafe {
        let dom = &(*(clasp as *const crate::dom::bindings::interface::DOMJSClass)).dom_class;
        dom.depth as u32 >= depth && dom.interface_chain[depth as usize] as u32 == proto_id
    }
}

/// Traces everything Rust keeps alive: stack roots, boxed roots and `Trusted` tokens.
unsafe extern "C" fn trace_rust_roots(trc: *mut JSTracer, _data: *mut c_void) {
    // SAFETY: SpiderMonkey calls this extra-roots tracer on the script thread during a GC with
    // a valid tracer; the thread-local root lists it walks hold only live, registered roots.
    unsafe {
        trace_stack_roots(trc);
        trace_traceable_roots(trc);
        trace_trusted(trc);
    }
}

// ------------------------------------------------------------------ microtasks

/// A microtask queued from Rust (`queueMicrotask`, DOM callbacks).
pub trait Microtask: JSTraceable {
    fn run(&self, cx: &mut JSContext);
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#queue-a-microtask>
pub fn enqueue_microtask(cx: &mut JSContext, task: Box<dyn Microtask>) {
    let raw = Box::into_raw(Box::new(task));
    // SAFETY: `cx` is this thread's live context; the private value owns the boxed task until
    // `microtask_checkpoint` takes it back with Box::from_raw (trace_user_microtask traces it
    // meanwhile).
    unsafe {
        JobQueueMayNotBeEmpty(cx.raw_cx());
        assert!(
            EnqueueMicroTask(cx.raw_cx(), &PrivateValue(raw as *const c_void)),
            "out of memory queueing a microtask"
        );
    }
}

unsafe extern "C" fn trace_user_microtask(trc: *mut JSTracer, val: *mut JSVal) {
    // SAFETY: SpiderMonkey passes a live queue entry that is not a JS microtask, so its private
    // is the `Box<Box<dyn Microtask>>` that `enqueue_microtask` leaked (or null).
    unsafe {
        let task = (*val).to_private() as *const Box<dyn Microtask>;
        if !task.is_null() {
            (**task).trace(trc);
        }
    }
}

unsafe extern "C" fn get_host_defined_data(
    cx: *mut RawJSContext,
    incumbent: RawMutableHandleObject,
    data: RawMutableHandleObject,
) -> bool {
    // SAFETY: SpiderMonkey passes valid out handles and its live context.
    unsafe {
        data.set(std::ptr::null_mut());
        get_host_defined_global(cx, incumbent)
    }
}

unsafe extern "C" fn get_host_defined_global(cx: *mut RawJSContext, out: RawMutableHandleObject) -> bool {
    // SAFETY: SpiderMonkey passes a valid out handle and its live context.
    unsafe { out.set(mozjs::jsapi::CurrentGlobalOrNull(cx)) };
    true
}

unsafe extern "C" fn run_jobs(cx: *mut RawJSContext) {
    // SAFETY: SpiderMonkey calls the job queue's runJobs with the live, non-null context of
    // this thread, and no other JSContext wrapper is in use across this callback.
    let mut cx = unsafe { JSContext::from_ptr(NonNull::new_unchecked(cx)) };
    microtask_checkpoint(&mut cx);
}

thread_local! {
    static PERFORMING_CHECKPOINT: Cell<bool> = const { Cell::new(false) };
    static CHECKPOINTS: Cell<u64> = const { Cell::new(0) };
    /// Rejected promises without a handler, waiting for the end of the checkpoint.
    static ABOUT_TO_BE_NOTIFIED: RefCell<Vec<PersistentObject>> = const { RefCell::new(Vec::new()) };
    static ERROR_COUNT: Cell<usize> = const { Cell::new(0) };
}

thread_local! {
    /// Bytes outside the GC heap held by this runtime's DOM objects ([`ExternalMemory`]).
    static EXTERNAL_BYTES: Cell<usize> = const { Cell::new(0) };
    /// What [`EXTERNAL_BYTES`] was after the last collection made for it (or less, if memory
    /// was released since).
    static EXTERNAL_BASELINE: Cell<usize> = const { Cell::new(0) };
}

/// Growth of external memory since the last collection that makes the event loop collect.
const EXTERNAL_GC_THRESHOLD: usize = 128 << 20;

/// Pixel memory a DOM object holds outside the GC heap (an `ImageBitmap`'s or a `VideoFrame`'s
/// frame), counted while the guard lives. SpiderMonkey sees only a small reflector for such an
/// object, so a page that drops 1080p bitmaps without `close()` would otherwise grow by
/// gigabytes before the GC heap grew enough for a collection; browsers tell their GC about
/// this memory too. Dropped on `close()` or when the object is finalized.
#[derive(Debug)]
pub struct ExternalMemory(usize);

impl ExternalMemory {
    /// Counts `bytes` until the guard is dropped. Past the threshold, asks for a collection
    /// at script's next interrupt check (a loop that makes bitmaps inside one task, with its
    /// promises resolved in microtasks, never returns to the event loop).
    pub fn new(bytes: usize) -> ExternalMemory {
        let live = EXTERNAL_BYTES.with(|e| {
            e.set(e.get().saturating_add(bytes));
            e.get()
        });
        if live.saturating_sub(EXTERNAL_BASELINE.with(|b| b.get())) >= EXTERNAL_GC_THRESHOLD
            && !GC_REQUESTED.with(|r| r.replace(true))
        {
            GC_INTERRUPT.with(|g| {
                if let Some(handle) = g.borrow().as_ref() {
                    handle.request_interrupt_callback();
                }
            });
        }
        ExternalMemory(bytes)
    }
}

thread_local! {
    /// Interrupts this thread's running script (to collect at a safe point).
    static GC_INTERRUPT: RefCell<Option<mozjs::rust::ThreadSafeJSContext>> = const { RefCell::new(None) };
    /// A collection was asked for and has not run yet.
    static GC_REQUESTED: Cell<bool> = const { Cell::new(false) };
}

/// The interrupt callback of every runtime: runs the collection [`ExternalMemory`] asked for.
/// An interrupt check is a point where SpiderMonkey may collect anyway.
unsafe extern "C" fn gc_interrupt_callback(cx: *mut RawJSContext) -> bool {
    if GC_REQUESTED.try_with(|r| r.get()).unwrap_or(false) {
        // SAFETY: SpiderMonkey calls interrupt callbacks on the context's own thread with a live
        // context, at a point where a GC is allowed (the engine's own GC requests run there).
        let mut cx = unsafe { JSContext::from_ptr(NonNull::new_unchecked(cx)) };
        collect_if_pressured(&mut cx);
    }
    true
}

impl Drop for ExternalMemory {
    fn drop(&mut self) {
        // Finalizers of the runtime's last collection may run while thread locals are destroyed.
        let _ = EXTERNAL_BYTES.try_with(|e| e.set(e.get().saturating_sub(self.0)));
    }
}

/// Collects garbage when the external memory of this runtime's DOM objects has grown by
/// [`EXTERNAL_GC_THRESHOLD`] since the last such collection. Called by the event loop between
/// tasks, where a collection is as safe as at any allocation.
pub fn collect_if_pressured(cx: &mut JSContext) {
    let live = EXTERNAL_BYTES.with(|e| e.get());
    let baseline = EXTERNAL_BASELINE.with(|b| {
        b.set(b.get().min(live));
        b.get()
    });
    if live - baseline < EXTERNAL_GC_THRESHOLD {
        return;
    }
    log::debug!("collecting: {} MiB of external memory since the last collection", (live - baseline) >> 20);
    GC_REQUESTED.with(|r| r.set(false));
    collect_garbage(cx);
    // What survived is the new baseline.
    let after = EXTERNAL_BYTES.with(|e| e.get());
    EXTERNAL_BASELINE.with(|b| b.set(after));
}

/// Bytes counted by live [`ExternalMemory`] guards on this thread (tests).
pub fn external_memory_bytes() -> usize {
    EXTERNAL_BYTES.with(|e| e.get())
}

/// A full, non-incremental collection (before the runtime is destroyed).
pub fn collect_garbage(cx: &mut JSContext) {
    // SAFETY: `cx` is this thread's live context; a GC may run at any allocation anyway.
    unsafe { mozjs::jsapi::JS_GC(cx.raw_cx(), mozjs::jsapi::GCReason::API) };
}

/// Drops the rejected promises not yet reported (see `script_thread::teardown`).
pub(crate) fn teardown() -> usize {
    crate::script_thread::drain(&ABOUT_TO_BE_NOTIFIED)
}

/// Errors reported so far (uncaught exceptions and unhandled rejections).
pub fn reported_error_count() -> usize {
    ERROR_COUNT.with(|c| c.get())
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#perform-a-microtask-checkpoint>
/// How many microtask checkpoints this thread has performed: a count that changes each time
/// control returns to the event loop after script (WebGL 2.0 queries and syncs become
/// available only then).
pub fn checkpoints() -> u64 {
    CHECKPOINTS.with(Cell::get)
}

pub fn microtask_checkpoint(cx: &mut JSContext) {
    // Step 1: If the event loop's performing a microtask checkpoint is true, return.
    if PERFORMING_CHECKPOINT.with(|p| p.replace(true)) {
        return;
    }
    CHECKPOINTS.with(|c| c.set(c.get() + 1));
    rooted!(&in(cx) let mut generic_task = UndefinedValue());
    rooted!(&in(cx) let mut js_task = std::ptr::null_mut::<mozjs::jsapi::JSMicroTask>());
    rooted!(&in(cx) let mut execution_global = std::ptr::null_mut::<JSObject>());
    // Step 3: While the microtask queue is not empty: dequeue and run the oldest.
    // SAFETY: `cx` is this thread's live context, its raw pointer goes straight into the call
    // (as for every call below), and the values passed are held by the `rooted!` slots above.
    while unsafe { HasAnyMicroTasks(cx.raw_cx()) } {
        // SAFETY: as above; `generic_task` is rooted.
        unsafe { JS_DequeueNextMicroTask(cx.raw_cx(), generic_task.handle_mut().into()) };
        // SAFETY: as above.
        if !unsafe { HasAnyMicroTasks(cx.raw_cx()) } {
            // SAFETY: as above.
            unsafe { JobQueueIsEmpty(cx.raw_cx()) };
        }
        // SAFETY: `generic_task` is rooted; the call only reads it.
        if !unsafe { IsJSMicroTask(&generic_task.get()) } {
            // SAFETY: a queue entry that is not a JS microtask was queued by
            // `enqueue_microtask`, whose private is the leaked `Box<Box<dyn Microtask>>`; it was
            // just dequeued, so this is its one owner.
            let task = unsafe { Box::from_raw(generic_task.get().to_private() as *mut Box<dyn Microtask>) };
            let task = crate::dom::bindings::root::RootedTraceableBox::new(MicrotaskHolder(task));
            task.0.run(cx);
            continue;
        }
        // SAFETY: `generic_task` is a rooted JS microtask (checked above); the result is rooted at once.
        js_task.set(unsafe { ToMaybeWrappedJSMicroTask(&generic_task.get()) });
        // SAFETY: `js_task` is rooted; the global is rooted at once.
        execution_global.set(unsafe { GetExecutionGlobalFromJSMicroTask(js_task.get()) });
        if execution_global.get().is_null() {
            continue;
        }
        let ok = {
            // SAFETY: the raw pointer of the live `cx` goes straight into JSAutoRealm, which
            // leaves the realm when dropped at the end of this block; the global is rooted.
            let _realm = crate::dom::bindings::reflector::enter_realm(cx, execution_global.get());
            // SAFETY: `js_task` is rooted; the realm of its global is entered.
            unsafe { RunJSMicroTask(cx.raw_cx(), js_task.handle().into()) }
        };
        if !ok && crate::dom::bindings::error::is_exception_pending(cx) {
            report_pending_exception(cx);
        }
    }
    // Step 4: notify about rejected promises.
    notify_about_rejected_promises(cx);
    // Step 5: cleanup Indexed Database transactions.
    crate::dom::indexeddb::cleanup_transactions();
    // Step 7: Set performing a microtask checkpoint to false.
    PERFORMING_CHECKPOINT.with(|p| p.set(false));
}

struct MicrotaskHolder(Box<Box<dyn Microtask>>);

// SAFETY: `trace` traces the task's own GC things, which is all this holder owns.
unsafe impl JSTraceable for MicrotaskHolder {
    unsafe fn trace(&self, trc: *mut JSTracer) {
        // SAFETY: the caller passes the tracer of a GC in progress (JSTraceable's contract).
        unsafe { (**self.0).trace(trc) }
    }
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#the-hostpromiserejectiontracker-implementation>
unsafe extern "C" fn promise_rejection_tracker(
    _cx: *mut RawJSContext,
    _muted_errors: bool,
    promise: mozjs::jsapi::HandleObject,
    state: PromiseRejectionHandlingState,
    _data: *mut c_void,
) {
    let promise = promise.get();
    ABOUT_TO_BE_NOTIFIED.with(|list| {
        let mut list = list.borrow_mut();
        match state {
            // "reject": append to the about-to-be-notified list.
            PromiseRejectionHandlingState::Unhandled => list.push(PersistentObject::new(promise)),
            // "handle": if it is in the list, remove it (a late handler before notification).
            PromiseRejectionHandlingState::Handled => list.retain(|p| p.get() != promise),
        }
    });
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#notify-about-rejected-promises>:
/// fires `unhandledrejection` and, unless it is canceled, reports the error.
fn notify_about_rejected_promises(cx: &mut JSContext) {
    let pending: Vec<PersistentObject> = ABOUT_TO_BE_NOTIFIED.with(|l| std::mem::take(&mut *l.borrow_mut()));
    for promise in pending {
        // Skip promises that got a handler meanwhile.
        // SAFETY: `promise` is a PersistentObject (a persistent root), so it is a live Promise.
        if unsafe { mozjs::jsapi::GetPromiseIsHandled(promise.handle().into()) } {
            continue;
        }
        let window = Window::from_object(promise.get());
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.global_object().get());
        rooted!(&in(cx) let mut reason = UndefinedValue());
        // SAFETY: `promise` is a persistently rooted, rejected Promise; `reason` is rooted.
        unsafe { mozjs::glue::JS_GetPromiseResult(promise.handle().into(), reason.handle_mut().into()) };
        let not_canceled = crate::dom::html::promiserejectionevent::PromiseRejectionEvent::fire_unhandled(
            cx,
            &window,
            promise.handle(),
            reason.handle(),
        );
        if not_canceled {
            let (message, location) = describe_value_as_error(cx, reason.handle());
            report_error(Some(&window), &format!("Uncaught (in promise) {message}"), location);
        }
        // SAFETY: `cx` is this thread's live context (raw pointer used for this call only);
        // `promise` is persistently rooted.
        unsafe { mozjs::jsapi::SetAnyPromiseIsHandled(cx.raw_cx(), promise.handle().into()) };
    }
}

/// Reports an error the page did not handle to the embedder (the headless host prints
/// "location: message" on stderr) and counts it.
fn report_error(window: Option<&Window>, message: &str, location: Option<String>) {
    ERROR_COUNT.with(|c| c.set(c.get() + 1));
    crate::embedder::console_message(crate::embedder::ConsoleMessage {
        page: window.map(Window::page),
        level: crate::embedder::ConsoleLevel::Uncaught,
        text: message.to_owned(),
        location,
        group_depth: 0,
    });
}

/// Reports an error that `window`'s realm did not handle (a worker's error its `Worker` did
/// not cancel): the embedder's console gets "Uncaught …" and the error counts.
pub fn report_error_for(window: &Window, message: &str, location: Option<String>) {
    report_error(Some(window), message, location);
}

/// A JS value as an error message, with "file:line:col" when it has one.
pub fn describe_value_as_error(cx: &mut JSContext, value: HandleValue) -> (String, Option<String>) {
    if value.get().is_object() {
        rooted!(&in(cx) let obj = value.get().to_object());
        // SAFETY: `obj` is rooted just above; the DomRoot returned keeps the DOMException alive.
        if let Some(exception) = unsafe { root_from_object::<DOMException>(obj.get()) } {
            return (format!("{}: {}", exception.name_str(), exception.message_str()), None);
        }
        // Error objects: "TypeError: message" and the location of their creation.
        // SAFETY: `obj` is rooted; the context is only used without GC (`raw_cx_no_gc`);
        // `report` is the live JSErrorReport the helper lends for the closure, and its filename
        // is a NUL-terminated C string owned by the report, read before the closure returns.
        let location = mozjs::rust::borrowed_error_report(cx, |cx, report| unsafe {
            if !mozjs::jsapi::JS_ErrorFromException(cx.raw_cx_no_gc(), obj.handle().into(), report)
                || report.report_.is_null()
            {
                return None;
            }
            let r = &*report.report_;
            let file = if r._base.filename.data_.is_null() {
                String::new()
            } else {
                std::ffi::CStr::from_ptr(r._base.filename.data_).to_string_lossy().into_owned()
            };
            Some((!file.is_empty()).then(|| format!("{file}:{}:{}", r._base.lineno, r._base.column._base)))
        });
        if let Some(location) = location {
            let text = jsval_to_string(cx, value).unwrap_or_else(|_| "Error".into());
            return (text, location);
        }
    }
    let text = match jsval_to_string(cx, value) {
        Ok(s) => s,
        Err(()) => {
            crate::dom::bindings::error::clear_pending_exception(cx);
            "<unprintable value>".into()
        }
    };
    (text, None)
}

thread_local! {
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#concept-global-error-reporting-mode>,
    /// for the one global whose error event is being dispatched on this thread.
    static IN_ERROR_REPORTING_MODE: Cell<bool> = const { Cell::new(false) };
}

/// Leaves error reporting mode when the dispatch is over (also when it unwinds).
struct ResetErrorReportingMode;

impl Drop for ResetErrorReportingMode {
    fn drop(&mut self) {
        IN_ERROR_REPORTING_MODE.with(|m| m.set(false));
    }
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#report-an-exception>:
/// takes the pending exception, fires `error` on the current global and,
/// unless canceled, prints "file:line:col: Uncaught …".
pub fn report_pending_exception(cx: &mut JSContext) {
    if !crate::dom::bindings::error::is_exception_pending(cx) {
        return;
    }
    rooted!(&in(cx) let mut exception = UndefinedValue());
    let info = mozjs::rust::error_info_from_exception_stack(cx, exception.handle_mut());
    let (mut message, mut location) = describe_value_as_error(cx, exception.handle());
    if let Some(info) = &info {
        if location.is_none() && !info.filename.is_empty() {
            location = Some(format!("{}:{}:{}", info.filename, info.line, info.col));
        }
        if message.is_empty() {
            message = info.message.clone();
        }
    }
    // SAFETY: `cx` is this thread's live context (its raw pointer goes straight into the call,
    // which cannot GC); the current global is kept alive by the realm entered on `cx`.
    let global = unsafe { mozjs::jsapi::CurrentGlobalOrNull(cx.raw_cx()) };
    let window = (!global.is_null()).then(|| Window::from_object(global));
    // "If global is not in error reporting mode": an exception thrown while the error event
    // of another is dispatched (an onerror handler that throws) is not dispatched again, it is
    // reported as not handled.
    let canceled = match &window {
        None => false,
        Some(_) if IN_ERROR_REPORTING_MODE.with(|m| m.get()) => false,
        Some(window) => {
            // "Set global's in error reporting mode to true" for the dispatch.
            IN_ERROR_REPORTING_MODE.with(|m| m.set(true));
            let _reset = ResetErrorReportingMode;
            let (file, line, col) = match &info {
                Some(i) => (i.filename.clone(), i.line, i.col),
                None => (String::new(), 0, 0),
            };
            // The ErrorEvent's message is the report's, "Uncaught Error: …", as in browsers.
            crate::dom::html::errorevent::ErrorEvent::fire_for_exception(
                cx,
                window,
                &format!("Uncaught {message}"),
                &file,
                line,
                col,
                exception.handle(),
            )
        }
    };
    if !canceled {
        // A worker's error goes to its `Worker` object, and is reported there unless canceled.
        if let Some(window) = window.as_ref().filter(|w| w.is_worker()) {
            let (file, line, col) = match &info {
                Some(i) => (i.filename.clone(), i.line, i.col),
                None => (String::new(), 0, 0),
            };
            crate::dom::workers::thread::propagate_error(window, format!("Uncaught {message}"), file, line, col);
            return;
        }
        report_error(window.as_deref(), &format!("Uncaught {message}"), location);
    }
}

/// Runs `f` with the current realm set to `window`'s global.
pub fn in_realm<R>(cx: &mut JSContext, window: &Window, f: impl FnOnce(&mut JSContext) -> R) -> R {
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.reflector().get_raw());
    f(cx)
}

/// Evaluates classic script `source` in `window` (<https://html.spec.whatwg.org/multipage/webappapis.html#run-a-classic-script>),
/// reporting a thrown exception or a syntax error.
pub fn run_classic_script(
    cx: &mut JSContext,
    window: &Window,
    source: &str,
    filename: &str,
    line: u32,
) -> Result<(), ()> {
    // The report below needs the window's realm to be the current one.
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.global_object().get());
    let result = evaluate_script_rethrowing(cx, window, source, filename, line).map_err(|_| ());
    if result.is_err() {
        report_pending_exception(cx);
    }
    microtask_checkpoint_if_idle(cx);
    result
}

/// Evaluates `source` (starting at `line`) in `window`'s realm; an exception (a syntax error
/// too) stays pending and is returned as `JSFailed`, so `importScripts()` propagates it.
pub fn evaluate_script_rethrowing(
    cx: &mut JSContext,
    window: &Window,
    source: &str,
    filename: &str,
    line: u32,
) -> Result<(), crate::dom::bindings::error::Error> {
    let global = window.global_object();
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.get());
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let options = mozjs::rust::CompileOptionsWrapper::new(
        cx,
        std::ffi::CString::new(filename.replace('\0', "")).unwrap_or_default(),
        line,
    );
    let mut text = mozjs::rust::transform_str_to_source_text(source);
    // SAFETY: the options and the source text outlive the call; the script is rooted at once.
    rooted!(&in(cx) let script = unsafe { mozjs::jsapi::Compile1(cx.raw_cx(), options.ptr, &mut text) });
    if script.get().is_null() {
        return Err(crate::dom::bindings::error::Error::JSFailed);
    }
    // The script's base URL (<https://html.spec.whatwg.org/multipage/webappapis.html#concept-script-base-url>)
    // is its URL: `import()` in it resolves against it.
    if let Ok(url) = url::Url::parse(filename) {
        let private = window.module_loader().url_private(url);
        // SAFETY: the script is rooted; the private points to a URL the realm keeps alive.
        unsafe { mozjs::jsapi::SetScriptPrivate(script.get(), &mozjs::jsval::PrivateValue(private)) };
    }
    // SAFETY: the script and rval are rooted; the realm is entered.
    let ok = unsafe { mozjs::jsapi::JS_ExecuteScript(cx.raw_cx(), script.handle().into(), rval.handle_mut().into()) };
    mozjs::panic::maybe_resume_unwind();
    if ok { Ok(()) } else { Err(crate::dom::bindings::error::Error::JSFailed) }
}

/// A microtask checkpoint, unless JS is still on the stack (nested script runs).
pub fn microtask_checkpoint_if_idle(cx: &mut JSContext) {
    if !crate::script_thread::is_running_script() {
        microtask_checkpoint(cx);
    }
}

/// Converts a value for generic consumers (used by console, hooks).
pub fn value_to_jsval<T: ToJSVal>(cx: &mut JSContext, value: &T, rval: mozjs::rust::MutableHandleValue) {
    value.to_jsval(cx, rval)
}

/// A handle to the current global's Window, if any.
pub fn current_window(cx: &mut JSContext) -> Option<DomRoot<Window>> {
    // SAFETY: `cx` is this thread's live context (its raw pointer goes straight into the call,
    // which cannot GC); the current global is kept alive by the realm entered on `cx`.
    let g = unsafe { mozjs::jsapi::CurrentGlobalOrNull(cx.raw_cx()) };
    (!g.is_null()).then(|| Window::from_object(g))
}

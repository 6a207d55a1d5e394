//! The script thread's event loop
//! (<https://html.spec.whatwg.org/multipage/webappapis.html#event-loop-processing-model>).
//!
//! One task at a time from the task queues, a microtask checkpoint after each,
//! timers, and tasks sent by other threads (replies from the media and canvas
//! threads). The loop ends when nothing can happen any more: no task, no
//! timer, no outstanding request to another thread — or at the deadline, or
//! when the page asks (the WPT result hook).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, unbounded};
use mozjs::context::JSContext;

use crate::dom::bindings::refcounted::{Trusted, release_dropped_tokens};
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;
use crate::script_runtime::microtask_checkpoint;

/// A task queued on the script thread by script-thread code.
pub type LocalTask = Box<dyn FnOnce(&mut JSContext)>;
/// A task sent by another thread.
pub type RemoteTask = Box<dyn FnOnce(&mut JSContext) + Send>;

/// Why the event loop stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoopEnd {
    /// Nothing left to do.
    Idle,
    /// The deadline passed.
    TimedOut,
    /// The page or the host asked to stop, with an exit code.
    Exit(i32),
}

thread_local! {
    static LOCAL_TASKS: RefCell<VecDeque<LocalTask>> = RefCell::new(VecDeque::new());
    /// The database access task source's tasks (Indexed Database): run when no other local
    /// task is queued and no timer is due, so a transaction that keeps placing requests does
    /// not starve timers.
    static DATABASE_TASKS: RefCell<VecDeque<LocalTask>> = RefCell::new(VecDeque::new());
    static REMOTE: RefCell<Option<(Sender<RemoteTask>, Receiver<RemoteTask>)>> = const { RefCell::new(None) };
    static WINDOWS: RefCell<Vec<Trusted<Window>>> = const { RefCell::new(Vec::new()) };
    static OUTSTANDING: Cell<usize> = const { Cell::new(0) };
    static EXIT: Cell<Option<i32>> = const { Cell::new(None) };
    static SCRIPT_DEPTH: Cell<usize> = const { Cell::new(0) };
    static SHUTDOWN: RefCell<Option<std::sync::Arc<std::sync::atomic::AtomicBool>>> = const { RefCell::new(None) };
}

/// Empties this thread's tables of pending work while the runtime is still alive: requests to
/// the other threads, prompts, fetches, callbacks, queued tasks, windows. Their promises,
/// callbacks and roots are dropped now; left to the thread-locals' destructors they would be
/// dropped after the runtime and its root sets (the process aborted when a page ended, by
/// `--timeout` or its test hook, with a getUserMedia prompt or a media request pending).
/// Call once the event loop is over, before the runtime is dropped.
pub fn teardown() {
    // Dropping an entry may queue more (a track's end, a task): repeat until all are empty.
    for _ in 0..8 {
        let dropped = crate::media_events::teardown()
            + crate::parallel::teardown()
            + crate::embedder::teardown()
            + crate::script_runtime::teardown()
            + crate::dom::fetch::fetch::teardown()
            + crate::dom::canvas::htmlcanvaselement::teardown()
            + crate::dom::canvas::testing::teardown()
            + crate::dom::html::customelements::reactions::teardown()
            + crate::dom::imagecapture::imagecapturetest::teardown()
            + crate::dom::webmessaging::portchannel::teardown()
            + crate::dom::webmessaging::broadcastchannel::teardown()
            + crate::dom::websockets::websocket::teardown()
            + crate::dom::serversentevents::eventsource::teardown()
            + crate::dom::indexeddb::backend::teardown()
            + crate::dom::weblocks::teardown()
            + drain(&LOCAL_TASKS)
            + drain(&DATABASE_TASKS)
            + drain(&WINDOWS);
        if dropped == 0 {
            return;
        }
    }
    log::warn!("script state still pending at teardown");
}

/// Takes a thread-local table's entries out and drops them after its borrow has ended
/// (dropping one may use the table again); returns how many there were.
pub(crate) fn drain<T: Default + IntoIterator>(table: &'static std::thread::LocalKey<RefCell<T>>) -> usize {
    table.with(|t| std::mem::take(&mut *t.borrow_mut())).into_iter().count()
}

/// The embedder's stop flag: once set, the event loop returns before its next task.
pub fn set_shutdown_flag(flag: std::sync::Arc<std::sync::atomic::AtomicBool>) {
    SHUTDOWN.with(|s| *s.borrow_mut() = Some(flag));
}

fn shutting_down() -> bool {
    SHUTDOWN.with(|s| s.borrow().as_ref().is_some_and(|f| f.load(std::sync::atomic::Ordering::SeqCst)))
}

/// Queues a task on this (the script) thread.
pub fn queue_task(task: LocalTask) {
    LOCAL_TASKS.with(|q| q.borrow_mut().push_back(task));
}

/// Queues a task on the database access task source
/// (<https://w3c.github.io/IndexedDB/#database-access-task-source>).
pub fn queue_database_task(task: LocalTask) {
    DATABASE_TASKS.with(|q| q.borrow_mut().push_back(task));
}

/// A sender other threads use to queue tasks here. Call on the script thread.
pub fn remote_task_sender() -> Sender<RemoteTask> {
    REMOTE.with(|r| {
        let mut r = r.borrow_mut();
        r.get_or_insert_with(unbounded).0.clone()
    })
}

/// Makes `channel` this thread's remote task channel (a worker's thread: its owner made the
/// channel, so messages can be posted before the thread runs). Call first on the thread.
pub fn install_remote_channel(channel: (Sender<RemoteTask>, Receiver<RemoteTask>)) {
    REMOTE.with(|r| *r.borrow_mut() = Some(channel));
}

/// Waits for the next task from another thread; `None` when every sender is gone.
pub fn next_remote_task() -> Option<RemoteTask> {
    remote_receiver().recv().ok()
}

/// Runs a task and the microtask checkpoint after it.
pub fn run_task_now(cx: &mut JSContext, task: RemoteTask) {
    run_task(cx, task);
}

fn remote_receiver() -> Receiver<RemoteTask> {
    REMOTE.with(|r| r.borrow_mut().get_or_insert_with(unbounded).1.clone())
}

/// Notes a request sent to another thread; the loop will not end while it is
/// outstanding. Pair with [`request_settled`].
pub fn request_started() {
    OUTSTANDING.with(|c| c.set(c.get() + 1));
}

/// Notes a reply to a request (or the request being abandoned).
pub fn request_settled() {
    OUTSTANDING.with(|c| c.set(c.get().saturating_sub(1)));
}

/// Keeps the event loop from going idle while it lives, for work that will produce tasks
/// without a request outstanding (a media file playing towards its end). Dropping it lets the
/// loop go idle again. Belongs to the script thread that made it.
pub struct LoopKeepAlive(std::marker::PhantomData<*const ()>);

impl LoopKeepAlive {
    pub fn new() -> Self {
        request_started();
        LoopKeepAlive(std::marker::PhantomData)
    }
}

impl Default for LoopKeepAlive {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for LoopKeepAlive {
    fn drop(&mut self) {
        // The thread's tables may already be gone when a page is torn down at thread exit.
        let _ = OUTSTANDING.try_with(|c| c.set(c.get().saturating_sub(1)));
    }
}

/// Asks the loop to end after the current task.
pub fn request_exit(code: i32) {
    EXIT.with(|e| e.set(Some(code)));
}

/// Registers a window whose timers the loop runs.
pub fn add_window(window: &Window) {
    WINDOWS.with(|w| w.borrow_mut().push(Trusted::new(window)));
}

/// Unregisters a window (a removed iframe's).
pub fn remove_window(window: &Window) {
    WINDOWS.with(|w| {
        w.borrow_mut().retain(|t| t.root().is_some_and(|root| !std::ptr::eq(&*root, window)));
    });
}

/// The engine's live windows (top-level and iframes).
pub fn windows() -> Vec<DomRoot<Window>> {
    WINDOWS.with(|w| w.borrow().iter().filter_map(|t| t.root()).collect())
}

/// Whether JS is on the stack (a microtask checkpoint must wait for it to unwind).
pub fn is_running_script() -> bool {
    SCRIPT_DEPTH.with(|d| d.get() > 0)
}

/// Marks JS running for the guard's lifetime.
pub struct ScriptGuard;

impl ScriptGuard {
    pub fn new() -> ScriptGuard {
        SCRIPT_DEPTH.with(|d| d.set(d.get() + 1));
        ScriptGuard
    }
}

impl Default for ScriptGuard {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for ScriptGuard {
    fn drop(&mut self) {
        SCRIPT_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Runs one task and the microtask checkpoint after it.
fn run_task(cx: &mut JSContext, task: impl FnOnce(&mut JSContext)) {
    task(cx);
    microtask_checkpoint(cx);
}

/// Runs the event loop until it goes idle, `deadline` passes or an exit is requested.
pub fn run_event_loop(cx: &mut JSContext, deadline: Option<Instant>) -> LoopEnd {
    let remote = remote_receiver();
    loop {
        if let Some(code) = EXIT.with(|e| e.take()) {
            return LoopEnd::Exit(code);
        }
        if shutting_down() {
            return LoopEnd::Exit(0);
        }
        release_dropped_tokens();
        crate::script_runtime::collect_if_pressured(cx);

        // Update the rendering when a rendering opportunity has come and
        // something was painted (only canvases paint in a headless host) or
        // an animation frame callback waits.
        // (Whether resize observations are active costs a layout: asked only when an update
        // could be due.)
        let now = Instant::now();
        if crate::dom::canvas::rendering::rendering_update_due(now, true) {
            let animating = any_window_animating(cx);
            if crate::dom::canvas::rendering::rendering_update_due(now, animating) {
                update_the_rendering(cx, now);
            }
        }

        // A local task.
        if let Some(task) = LOCAL_TASKS.with(|q| q.borrow_mut().pop_front()) {
            run_task(cx, task);
            continue;
        }
        // A task from another thread.
        if let Ok(task) = remote.try_recv() {
            run_task(cx, task);
            continue;
        }
        // Due timers, oldest first.
        let now = Instant::now();
        let mut ran_timer = false;
        for window in windows() {
            if window.run_due_timer(cx, now) {
                microtask_checkpoint(cx);
                ran_timer = true;
                break;
            }
        }
        if ran_timer {
            continue;
        }
        // A database task.
        if let Some(task) = DATABASE_TASKS.with(|q| q.borrow_mut().pop_front()) {
            run_task(cx, task);
            continue;
        }

        // Idle?
        let next_timer = windows().iter().filter_map(|w| w.next_timer_deadline()).min();
        // A dirty canvas or a waiting animation frame callback keeps the loop
        // alive until its rendering update; so does a waiting video frame callback.
        let animating = any_window_animating(cx);
        let next_timer =
            [next_timer, crate::dom::canvas::rendering::next_rendering_deadline(animating)].into_iter().flatten().min();
        let outstanding = OUTSTANDING.with(|c| c.get());
        // A worker still working (or with messages to run) may post to this thread; it sends
        // a task here when it goes idle, which wakes this loop to check again.
        if next_timer.is_none()
            && outstanding == 0
            && remote.is_empty()
            && !crate::dom::workers::worker::any_worker_busy()
        {
            return LoopEnd::Idle;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return LoopEnd::TimedOut;
        }
        let wake = [next_timer, deadline].into_iter().flatten().min();
        let wait = wake.map(|w| w.saturating_duration_since(Instant::now())).unwrap_or(Duration::from_secs(3600));
        match remote.recv_timeout(wait) {
            Ok(task) => run_task(cx, task),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {}
        }
    }
}

/// Whether some window waits for a rendering update besides painting: an animation frame
/// callback, a video frame callback on a playing video, a `timeupdate` listener on a playing
/// MediaStream, an intersection observation not yet computed, or an active resize observation
/// (asking that costs a layout).
fn any_window_animating(cx: &mut JSContext) -> bool {
    windows().iter().any(|w| {
        !w.animation_frames().borrow().is_empty()
            || w.has_video_frame_callbacks()
            || w.has_media_time_listeners()
            || w.has_pending_intersection_observations()
            || w.has_active_resize_observations(cx)
    })
}

/// HTML "update the rendering" (<https://html.spec.whatwg.org/multipage/webappapis.html#update-the-rendering>)
/// as a headless host has it, at the rendering opportunity `now`: for each window, "run the
/// animation frame callbacks" with `now` (step 14); then the canvases paint and decide their
/// capture frames (`canvas::rendering`), so a paint in a callback is in this update.
pub fn update_the_rendering(cx: &mut JSContext, now: Instant) {
    // Video frame callbacks run before the animation frame callbacks
    // (<https://wicg.github.io/video-rvfc/#video-frame-request-callbacks>).
    for window in windows() {
        if window.has_video_frame_callbacks() {
            crate::dom::html::videoframecallbacks::run_video_frame_callbacks(cx, &window, now);
        }
    }
    for window in windows() {
        if !window.animation_frames().borrow().is_empty() {
            crate::dom::html::animationframes::run_animation_frame_callbacks(cx, &window, now);
        }
    }
    // Then the resize observers (step 16), before the canvases paint, so a resize made in a
    // callback is painted in this update.
    for window in windows() {
        crate::dom::resizeobserver::resizeobserver::broadcast_active_observations(cx, &window);
    }
    // Then the intersection observers (step 19): entries are queued, a task notifies.
    for window in windows() {
        crate::dom::intersectionobserver::intersectionobserver::update_intersection_observations(cx, &window);
    }
    // Playing MediaStreams' timeupdate events ("time marches on").
    for window in windows() {
        window.media_time_marches_on(now);
    }
    crate::dom::canvas::rendering::update_the_rendering(cx, now);
    microtask_checkpoint(cx);
}

/// Runs whatever tasks are queued right now (used while parsing, between scripts).
pub fn run_pending_local_tasks(cx: &mut JSContext) {
    while let Some(task) = LOCAL_TASKS.with(|q| q.borrow_mut().pop_front()) {
        run_task(cx, task);
    }
}

/// Blocks until another thread sends a task, then runs it (for an embedder
/// whose engine went idle). Returns false when every sender is gone.
pub fn wait_for_remote_task(cx: &mut JSContext) -> bool {
    match remote_receiver().recv() {
        Ok(task) => {
            run_task(cx, task);
            true
        }
        Err(_) => false,
    }
}

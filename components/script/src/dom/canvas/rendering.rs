//! The canvas part of HTML's "update the rendering"
//! (<https://html.spec.whatwg.org/multipage/webappapis.html#update-the-rendering>),
//! and the one command batch every canvas on this thread shares.
//!
//! Drawing calls append commands to the pending batch ([`push`]) and mark
//! their canvas dirty ([`mark_dirty`]). Nothing is sent per call: the batch
//! goes to the canvas thread
//! * at a rendering update, together with each dirty canvas's `UpdateImage`
//!   and the `CaptureFrame`s its capture tracks want, so a captured frame is
//!   exactly the pixels of that paint and is read back once, on the canvas
//!   thread, in the same batch;
//! * before a synchronous readback (`getImageData`, `measureText`,
//!   `toDataURL`, a pattern snapshot), which must see every earlier command;
//! * when it grows past [`FLUSH_THRESHOLD`] commands, to bound memory in a
//!   long-running script (order is kept, so this changes nothing visible).
//!
//! Rendering updates run at most every [`RENDERING_INTERVAL`] and only while
//! some canvas is dirty or an animation frame callback waits: an idle page has
//! no rendering timer, and a page whose canvases did not change costs nothing
//! per frame. The event loop (`script_thread`) runs the animation frame
//! callbacks first, then this module's part.

use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

use base::Epoch;
use canvas_traits::command::{CanvasBatch, CanvasCommand};
use crossbeam_channel::{Sender, bounded};
use mozjs::context::JSContext;

use crate::dom::bindings::refcounted::Trusted;
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;

/// The cadence of rendering updates while something is dirty (60 Hz).
pub const RENDERING_INTERVAL: Duration = Duration::from_micros(16_667);

/// Commands after which the pending batch is sent without waiting for the
/// rendering update.
pub const FLUSH_THRESHOLD: usize = 4096;

thread_local! {
    static PENDING: RefCell<CanvasBatch> = RefCell::new(CanvasBatch::new());
    static DIRTY: RefCell<Vec<Trusted<HTMLCanvasElement>>> = const { RefCell::new(Vec::new()) };
    static LAST_UPDATE: Cell<Option<Instant>> = const { Cell::new(None) };
    static EPOCH: Cell<Epoch> = const { Cell::new(Epoch(0)) };
    static UPDATES: Cell<u64> = const { Cell::new(0) };
}

/// Appends a command to the pending batch.
pub fn push(command: CanvasCommand) {
    // During thread teardown (a canvas finalized after the thread-locals
    // are gone) there is nobody left to paint for: drop the command.
    let full = PENDING.try_with(|p| match p.try_borrow_mut() {
        Ok(mut batch) => {
            batch.push(command);
            batch.commands.len() >= FLUSH_THRESHOLD
        }
        // Only a finalizer can get here while the batch is borrowed (GC does
        // not run inside push/flush); send its command on its own.
        Err(_) => {
            send(CanvasBatch { commands: vec![command] });
            false
        }
    });
    if full == Ok(true) {
        flush();
    }
}

fn send(batch: CanvasBatch) {
    match crate::threads::canvas_sender() {
        Some(sender) => {
            if sender.send_batch(batch).is_err() {
                log::warn!("the canvas thread has exited; canvas commands were dropped");
            }
        }
        None => log::warn!("no canvas thread; canvas commands were dropped"),
    }
}

/// How many commands the pending batch holds (a mark for [`take_pending_after`]).
pub fn pending_len() -> usize {
    PENDING.with(|p| p.borrow().commands.len())
}

/// Takes the commands pushed after `mark` out of the pending batch (a WebGL canvas's
/// compositor update and captures, which go to the canvas thread through the WebGL thread,
/// after its frame). Empty if the batch was sent in between.
pub fn take_pending_after(mark: usize) -> Vec<CanvasCommand> {
    PENDING.with(|p| {
        let mut batch = p.borrow_mut();
        if mark >= batch.commands.len() { Vec::new() } else { batch.commands.split_off(mark) }
    })
}

/// Sends the pending batch now.
pub fn flush() {
    let batch = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    send(batch);
}

/// Sends `command` after everything pending and waits for its reply: the
/// synchronous readbacks the page itself asked for (`getImageData`,
/// `measureText`, `toDataURL`, a pattern's snapshot). `None` if the canvas
/// thread is gone.
pub fn round_trip<T>(make: impl FnOnce(Sender<T>) -> CanvasCommand) -> Option<T> {
    let (sender, receiver) = bounded(1);
    push(make(sender));
    flush();
    match receiver.recv() {
        Ok(reply) => Some(reply),
        Err(_) => {
            log::warn!("the canvas thread did not answer a readback");
            None
        }
    }
}

/// Notes that `canvas` was painted with new content since the last
/// rendering update (a drawing command, a resize, `putImageData`).
pub fn mark_dirty(canvas: &HTMLCanvasElement) {
    if !canvas.set_dirty() {
        DIRTY.with(|d| d.borrow_mut().push(Trusted::new(canvas)));
    }
}

/// When the event loop should run the next rendering update: `None` while
/// no canvas is dirty and no animation frame callback waits (`animating`):
/// no rendering timer keeps the loop alive then.
pub fn next_rendering_deadline(animating: bool) -> Option<Instant> {
    if !animating && DIRTY.with(|d| d.borrow().is_empty()) {
        return None;
    }
    Some(match LAST_UPDATE.with(Cell::get) {
        Some(last) => last + RENDERING_INTERVAL,
        None => Instant::now(),
    })
}

/// Whether a rendering update is due now (something to paint or animate, and
/// the interval since the last one passed).
pub fn rendering_update_due(now: Instant, animating: bool) -> bool {
    (animating || !DIRTY.with(|d| d.borrow().is_empty()))
        && LAST_UPDATE.with(Cell::get).is_none_or(|last| last + RENDERING_INTERVAL <= now)
}

/// Makes the next rendering update due at once (benchmarks drive updates
/// back to back instead of at 60 Hz).
pub fn forget_last_update() {
    LAST_UPDATE.with(|l| l.set(None));
}

/// Rendering updates run so far (for tests and benchmarks).
pub fn rendering_update_count() -> u64 {
    UPDATES.with(Cell::get)
}

/// HTML "update the rendering", canvas part: every dirty canvas hands its
/// image to the compositor under a new epoch and appends the frames its
/// capture tracks want, all in one batch with the paints before them.
pub fn update_the_rendering(cx: &mut JSContext, now: Instant) {
    LAST_UPDATE.with(|l| l.set(Some(now)));
    let dirty = DIRTY.with(|d| std::mem::take(&mut *d.borrow_mut()));
    if dirty.is_empty() {
        return;
    }
    let epoch = EPOCH.with(|e| {
        let next = e.get().next();
        e.set(next);
        next
    });
    UPDATES.with(|u| u.set(u.get() + 1));
    for canvas in dirty.iter().filter_map(Trusted::root) {
        canvas.update_rendering(cx, epoch, now);
    }
    flush();
}

//! Cooperative scheduling of background tasks (<https://w3c.github.io/requestidlecallback/>).
//!
//! A headless host is idle whenever no task is ready, so an idle callback runs as a task of its
//! own once the tasks queued before it have run, with an idle period of 50 ms ("the maximum
//! deadline") that ends early if a timer is due sooner.

pub mod idledeadline;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::codegen::Callbacks::IdleRequestCallback;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::html::window::Window;
use idledeadline::IdleDeadline;

/// The idle period's length when nothing else is due.
const MAX_DEADLINE: Duration = Duration::from_millis(50);

/// A window's idle callbacks: the last handle and the ones not yet run or cancelled.
#[derive(Default)]
pub struct IdleCallbacks {
    last_handle: u32,
    pending: HashMap<u32, Rc<IdleRequestCallback>>,
}

// SAFETY: `trace` below reaches every callback the list holds.
unsafe impl crate::dom::bindings::trace::JSTraceable for IdleCallbacks {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        for callback in self.pending.values() {
            // SAFETY: called while the window is traced; the callbacks are live.
            unsafe { callback.trace(trc) };
        }
    }
}

/// <https://w3c.github.io/requestidlecallback/#the-requestidlecallback-method>
pub fn request(
    window: &Window,
    state: &RefCell<IdleCallbacks>,
    callback: Rc<IdleRequestCallback>,
    timeout: Option<u32>,
) -> u32 {
    // 3–4. "Increment the window's idle callback identifier by one; let handle be its value."
    let handle = {
        let mut s = state.borrow_mut();
        s.last_handle = s.last_handle.wrapping_add(1).max(1);
        let h = s.last_handle;
        s.pending.insert(h, callback);
        h
    };
    // 5–6. Append to the list of idle request callbacks; the "timeout" option only makes it run
    // sooner, and it runs at the next idle period anyway.
    let _ = timeout;
    let this = Trusted::new(window);
    crate::script_thread::queue_task(Box::new(move |cx| {
        if let Some(window) = this.root() {
            invoke(cx, &window, handle);
        }
    }));
    handle
}

/// <https://w3c.github.io/requestidlecallback/#the-cancelidlecallback-method>
pub fn cancel(state: &RefCell<IdleCallbacks>, handle: u32) {
    state.borrow_mut().pending.remove(&handle);
}

/// <https://w3c.github.io/requestidlecallback/#invoke-idle-callbacks-algorithm>
fn invoke(cx: &mut JSContext, window: &Window, handle: u32) {
    let Some(callback) = window.idle_callbacks().borrow_mut().pending.remove(&handle) else { return };
    // The deadline: 50 ms from now, or the next timer, whichever is sooner.
    let now = Instant::now();
    let deadline = window.next_timer_deadline().map_or(now + MAX_DEADLINE, |t| t.min(now + MAX_DEADLINE));
    let idle = IdleDeadline::new(cx, window, deadline, false);
    rooted!(&in(cx) let this = UndefinedValue());
    let _ = callback.Call_(cx, this.handle(), &idle, ExceptionHandling::Report);
}

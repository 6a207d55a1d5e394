//! Animation frame callbacks (<https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#animation-frames>):
//! `requestAnimationFrame()`/`cancelAnimationFrame()` keep each window's map of callbacks, and
//! the rendering update (`script_thread`) runs them, in registration order, with one timestamp
//! shared by every callback of the update, before the canvases are flushed and their capture
//! frames decided — so a paint in a callback is shown and captured in that same update.
//!
//! Rendering updates come at most at 60 Hz ([`crate::dom::canvas::rendering::RENDERING_INTERVAL`])
//! and only while a canvas is dirty or a callback waits; a headless host never throttles them
//! (capture keeps running when no one watches).

use std::rc::Rc;
use std::time::Instant;

use mozjs::context::JSContext;
use mozjs::rooted;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::codegen::Callbacks::FrameRequestCallback;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::html::window::Window;

/// A window's map of animation frame callbacks
/// (<https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#list-of-animation-frame-callbacks>)
/// and its animation frame callback identifier.
#[derive(Default)]
pub struct AnimationFrames {
    /// "The target object's animation frame callback identifier", incremented before use.
    identifier: u32,
    /// Handle → callback, in insertion (= handle) order.
    callbacks: Vec<(u32, Rc<FrameRequestCallback>)>,
}

// SAFETY: `trace` below reaches every GC thing a `AnimationFrames` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for AnimationFrames {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        for (_, callback) in &self.callbacks {
            // SAFETY: tracing the callbacks' objects during the window's own trace.
            unsafe { callback.trace(trc) };
        }
    }
}

impl AnimationFrames {
    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-animationframeprovider-requestanimationframe>
    pub fn request(&mut self, callback: Rc<FrameRequestCallback>) -> u32 {
        // 2. "Let target be this's relevant global object."
        // 3. "Increment target's animation frame callback identifier by one, and let handle be
        //    the result."
        self.identifier = self.identifier.wrapping_add(1);
        let handle = self.identifier;
        // 4. "Let callbacks be this's target object's map of animation frame callbacks."
        // 5. "Set callbacks[handle] to callback."
        self.callbacks.push((handle, callback));
        // 6. "Return handle."
        handle
    }

    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#animationframeprovider-cancelanimationframe>:
    /// "Remove callbacks[handle]" (nothing for an unknown handle).
    pub fn cancel(&mut self, handle: u32) {
        self.callbacks.retain(|(h, _)| *h != handle);
    }

    pub fn is_empty(&self) -> bool {
        self.callbacks.is_empty()
    }

    fn take(&mut self, handle: u32) -> Option<Rc<FrameRequestCallback>> {
        let i = self.callbacks.iter().position(|(h, _)| *h == handle)?;
        Some(self.callbacks.remove(i).1)
    }

    fn handles(&self) -> Vec<u32> {
        self.callbacks.iter().map(|(h, _)| *h).collect()
    }
}

/// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#run-the-animation-frame-callbacks>
/// for `window`, at the rendering update's time `now`.
pub fn run_animation_frame_callbacks(cx: &mut JSContext, window: &Window, now: Instant) {
    // The timestamp: the update's time relative to this window's time origin, coarsened as
    // performance.now() is, so it never runs ahead of a performance.now() read in the callback.
    let ms = now.saturating_duration_since(window.time_origin()).as_secs_f64() * 1000.0;
    let timestamp = Finite::<f64>::wrap((ms * 200.0).floor() / 200.0);
    // 1. "Let callbacks be target's map of animation frame callbacks."
    // 2. "Let callbackHandles be the result of getting the keys of callbacks." (Callbacks
    //    requested while these run wait for the next update.)
    let handles = window.animation_frames().borrow().handles();
    // 3. "For each handle in callbackHandles, if handle exists in callbacks:"
    for handle in handles {
        // 3.1 "Let callback be callbacks[handle]." 3.2 "Remove callbacks[handle]."
        let Some(callback) = window.animation_frames().borrow_mut().take(handle) else { continue };
        // 3.3 "Invoke callback with « now » and "report"."
        {
            let _guard = crate::script_thread::ScriptGuard::new();
            // "Invoke" with no this value: undefined (a strict-mode callback sees it).
            rooted!(&in(cx) let this = mozjs::jsval::UndefinedValue());
            let _ = callback.Call_(cx, this.handle(), timestamp, ExceptionHandling::Report);
        }
        // Cleaning up after running a callback performs a microtask checkpoint.
        crate::script_runtime::microtask_checkpoint(cx);
    }
}

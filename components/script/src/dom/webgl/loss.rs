//! Context loss and restoration (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.15.2>,
//! <https://registry.khronos.org/webgl/specs/latest/1.0/#5.15.3>).
//!
//! A context is lost in two ways here: WEBGL_lose_context's `loseContext()`, and eviction: a
//! script thread keeps at most 16 active contexts (4 in a worker), as Chromium does, and making
//! one more loses the oldest, with Chromium's console warning. A lost context has no GL context
//! on the WebGL thread (its memory is freed at once); its methods return before doing anything
//! (`return_if_lost!`). Restoring makes a new GL context with a new id, so the objects made
//! before the loss, which carry the old id, no longer belong to the context.
//!
//! The list of active contexts holds them weakly, as the live ranges are held
//! (`dom/ranges/liveranges.rs`): a context the page dropped is collected as before and leaves
//! the list before it is finalized.

use std::cell::RefCell;

use mozjs::context::JSContext;
use mozjs::jsapi::{JS_AddWeakPointerZonesCallback, JS_UpdateWeakPointerAfterGCUnbarriered, JSObject, JSTracer};
use webgl_traits::glow::{self, HasContext};
use webgl_traits::{WebGLContextId, WebGLMsg, WebGLVersion};

use super::extensions::Extension;
use super::webglcontextevent::WebGLContextEvent;
use super::webglrenderingcontext::{PixelStore, WebGLRenderingContext, gl_run, open_gl_context};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;

/// The context id of objects made while their context was lost: no context has it, so such
/// an object is invalid everywhere ("WebGLObject creation is infallible": the create methods
/// return objects even then).
pub(super) const NO_CONTEXT: WebGLContextId = WebGLContextId(0);

/// The GL name such an object carries (never given to GL).
pub(super) const PLACEHOLDER_NAME: std::num::NonZeroU32 = std::num::NonZeroU32::MAX;

/// `CONTEXT_LOST_WEBGL`.
const CONTEXT_LOST_WEBGL: u32 = 0x9242;

/// Active contexts a window's script thread keeps (Chromium's limit per page).
const MAX_ACTIVE: usize = 16;
/// Active contexts a worker keeps (Chromium's limit per worker).
const MAX_ACTIVE_IN_WORKER: usize = 4;

/// Chromium's console warning when the oldest context is lost for a new one.
const EVICTION_WARNING: &str = "WARNING: Too many active WebGL contexts. Oldest context will be lost.";

/// One active context: its reflector (the weak pointer) and its struct.
struct Entry {
    object: *mut JSObject,
    context: *const WebGLRenderingContext,
}

thread_local! {
    /// This script thread's active (not lost) contexts, oldest first.
    static ACTIVE: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// Registers the weak-pointer callback on this thread's runtime (once, when it is created).
///
/// # Safety
/// `cx` must be this thread's live context.
pub unsafe fn install(cx: *mut mozjs::jsapi::JSContext) {
    // SAFETY: `cx` is this thread's live context; the callback is a plain function that only
    // touches this thread's list.
    unsafe {
        JS_AddWeakPointerZonesCallback(cx, Some(update_after_gc), std::ptr::null_mut());
    }
}

/// After marking: drop the contexts that were not marked, update the moved ones.
unsafe extern "C" fn update_after_gc(trc: *mut JSTracer, _data: *mut std::ffi::c_void) {
    // No borrow of the list spans an allocation of a GC thing (`activate` and `deactivate` only
    // copy and compare pointers while they hold it).
    let _ = ACTIVE.try_with(|list| {
        list.borrow_mut().retain_mut(|entry| {
            // SAFETY: called by the collector with its tracer, on a pointer to a reflector; it
            // returns whether the object survived and updates the pointer if it moved.
            let alive = unsafe { JS_UpdateWeakPointerAfterGCUnbarriered(trc, &mut entry.object) };
            alive && !entry.object.is_null()
        });
    });
}

/// Makes `context` the newest active context of this thread, and loses the oldest ones beyond
/// the thread's limit.
pub(super) fn activate(context: &WebGLRenderingContext) {
    let limit = if context.window().is_worker() { MAX_ACTIVE_IN_WORKER } else { MAX_ACTIVE };
    let evicted: Vec<DomRoot<WebGLRenderingContext>> = ACTIVE.with(|list| {
        let mut list = list.borrow_mut();
        list.push(Entry { object: context.reflector().get_raw(), context: context as *const _ });
        let excess = list.len().saturating_sub(limit);
        list.drain(..excess)
            // SAFETY: an entry leaves the list before its object can be finalized, so every
            // struct pointer in it is a live context.
            .map(|entry| DomRoot::from_ref(unsafe { &*entry.context }))
            .collect()
    });
    for old in evicted {
        let window = old.window();
        crate::embedder::console_message(crate::embedder::ConsoleMessage {
            page: Some(window.page()),
            level: crate::embedder::ConsoleLevel::Warning,
            text: EVICTION_WARNING.to_owned(),
            location: None,
            group_depth: 0,
        });
        old.lose_context();
    }
}

/// Removes `context` from this thread's active contexts.
fn deactivate(context: &WebGLRenderingContext) {
    ACTIVE.with(|list| list.borrow_mut().retain(|entry| !std::ptr::eq(entry.context, context)));
}

impl WebGLRenderingContext {
    /// The webgl context lost flag
    /// (<https://registry.khronos.org/webgl/specs/latest/1.0/#webgl-context-lost-flag>).
    pub fn is_lost(&self) -> bool {
        self.lost.get()
    }

    /// An error WEBGL_lose_context generates: while the context is lost, `getError()` returns
    /// it after CONTEXT_LOST_WEBGL ("loseContext and restoreContext are allowed to generate
    /// INVALID_OPERATION errors even when the context is lost").
    pub(super) fn lost_context_error(&self, code: u32) {
        if self.is_lost() {
            self.loss.borrow_mut().errors.push_back(code);
        } else {
            self.error(code);
        }
    }

    /// `getError()` while the context is lost: CONTEXT_LOST_WEBGL "the first time this method
    /// is called" after the loss, then WEBGL_lose_context's errors, then NO_ERROR.
    pub(super) fn lost_error(&self) -> u32 {
        self.loss.borrow_mut().errors.pop_front().unwrap_or(glow::NO_ERROR)
    }

    /// The target of the context events: the canvas, or the OffscreenCanvas.
    fn event_target(&self) -> DomRoot<EventTarget> {
        match self.offscreen.get() {
            Some(offscreen) => DomRoot::upcast(offscreen),
            None => DomRoot::upcast(DomRoot::from_ref(&*self.canvas)),
        }
    }

    /// "Lose the context"
    /// (<https://registry.khronos.org/webgl/specs/latest/1.0/#CONTEXT_LOST>), for
    /// WEBGL_lose_context's `loseContext()` and for an evicted context. Such a context is
    /// restored only by `restoreContext()` (Chromium may also restore an evicted one when
    /// fewer contexts are active; this engine does not).
    pub(super) fn lose_context(&self) {
        // "If context's webgl context lost flag is set, abort these steps." "Set context's
        // webgl context lost flag."
        if self.lost.replace(true) {
            return;
        }
        {
            let mut loss = self.loss.borrow_mut();
            loss.errors.clear();
            loss.errors.push_back(CONTEXT_LOST_WEBGL);
            loss.restore_allowed = false;
            loss.restoring = false;
        }
        self.error.set(glow::NO_ERROR);
        // "Set the invalidated flag of each WebGLObject instance created by this context":
        // the objects carry the id of the GL context that made them, which a restored context
        // no longer has; while the context is lost, no method looks at them.
        // "Disable all extensions except "WEBGL_lose_context"."
        self.enabled_extensions.borrow_mut().retain(|e| *e == Extension::WebglLoseContext);
        // WEBGL_lose_context: "Implementations should destroy the underlying graphics context
        // and all graphics resources".
        self.queue.tasks.borrow_mut().clear();
        if self.sender.send(WebGLMsg::Destroy { context: self.id() }).is_err() {
            log::warn!("the WebGL thread has exited; a lost context was not destroyed");
        }
        deactivate(self);
        // "Queue a WebGL task to perform the following steps: Fire a WebGL context event named
        // "webglcontextlost" at canvas, with its statusMessage attribute set to "". If the
        // event's canceled flag is not set, abort these steps." Otherwise restoration is
        // allowed.
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(this) = this.root() {
                this.fire_context_lost(cx);
            }
        }));
    }

    fn fire_context_lost(&self, cx: &mut JSContext) {
        let window = self.window();
        let event = WebGLContextEvent::new_trusted(cx, &window, "webglcontextlost", true);
        self.event_target().dispatch(cx, event.upcast::<Event>());
        if self.is_lost() {
            self.loss.borrow_mut().restore_allowed = event.upcast::<Event>().canceled();
        }
    }

    /// WEBGL_lose_context's `restoreContext()`: INVALID_OPERATION unless the context is lost
    /// and its `webglcontextlost` event was canceled; otherwise the context is restored in a
    /// task of its own ("Because this only enqueues the 'webglcontextrestored' event, the
    /// context will not be restored until the current event handler returns").
    pub(super) fn request_restore(&self) {
        if !self.is_lost() {
            return self.error(glow::INVALID_OPERATION);
        }
        let mut loss = self.loss.borrow_mut();
        if !loss.restore_allowed {
            loss.errors.push_back(glow::INVALID_OPERATION);
            return;
        }
        if loss.restoring {
            return;
        }
        loss.restoring = true;
        drop(loss);
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(this) = this.root() {
                this.restore_context(cx);
            }
        }));
    }

    /// "Restore the context" (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.15.3>).
    fn restore_context(&self, cx: &mut JSContext) {
        // "If context's webgl context lost flag is not set, abort these steps."
        if !self.is_lost() {
            return;
        }
        self.loss.borrow_mut().restoring = false;
        // "Attempt to create a drawing buffer using context's requested attributes [...]. If
        // the drawing buffer could not be created, abort these steps": the context stays lost
        // (and restoreContext() may be called again).
        let version = if self.webgl2 { WebGLVersion::WebGL2 } else { WebGLVersion::WebGL1 };
        let Some((id, info)) = open_gl_context(&self.sender, &self.canvas, version, self.requested.buffer) else {
            log::warn!("restoreContext(): no GL context could be made; the context stays lost");
            return;
        };
        // "Clear context's webgl context lost flag." What was queued while lost (the releases
        // of objects of the lost GL context) has nothing to act on.
        self.queue.tasks.borrow_mut().clear();
        self.queue.context.set(id);
        self.lost.set(false);
        {
            let mut loss = self.loss.borrow_mut();
            loss.errors.clear();
            loss.restore_allowed = false;
        }
        self.size.set(info.size);
        // "Reset the state of context to the initial state": every binding, parameter and
        // pixel storage value as a new context has them; the drawing buffer is new and clear.
        self.reset_state();
        if self.webgl2 {
            // As at creation (<https://registry.khronos.org/webgl/specs/latest/2.0/#5.18>).
            gl_run!(self, move |gl| gl.enable(glow::PRIMITIVE_RESTART_FIXED_INDEX));
        }
        activate(self);
        // "Fire a WebGL context event named "webglcontextrestored" at canvas, with its
        // statusMessage attribute set to ""."
        let window = self.window();
        let event = WebGLContextEvent::new_trusted(cx, &window, "webglcontextrestored", false);
        self.event_target().dispatch(cx, event.upcast::<Event>());
    }

    /// The script-side state of a new context.
    fn reset_state(&self) {
        self.error.set(glow::NO_ERROR);
        self.pixel_store.set(PixelStore::INITIAL);
        self.array_buffer.set(None);
        self.framebuffer.set(None);
        self.renderbuffer.set(None);
        self.current_program.set(None);
        for unit in self.texture_units.iter() {
            unit.texture_2d.set(None);
            unit.cube_map.set(None);
            unit.texture_3d.set(None);
            unit.texture_2d_array.set(None);
            unit.sampler.set(None);
        }
        self.active_texture.set(0);
        self.default_vao.reset();
        self.bound_vao.set(None);
        for value in self.current_attribs.iter() {
            value.set([0.0, 0.0, 0.0, 1.0]);
        }
        self.gl2.reset();
        // Extension objects are made anew when asked for again (WEBGL_lose_context's stays).
        self.extension_objects.forget_all_but_lose_context();
        // The new drawing buffer is clear: the canvas shows it at the next rendering update,
        // and a read of the canvas as an image takes it.
        self.buffer_marked.set(false);
        self.drawn_since_snapshot.set(true);
        self.drew();
    }
}

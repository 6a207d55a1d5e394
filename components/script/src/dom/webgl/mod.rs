//! WebGL 1.0 (<https://registry.khronos.org/webgl/specs/latest/1.0/>) and 2.0
//! (<https://registry.khronos.org/webgl/specs/latest/2.0/>).
//!
//! `WebGLRenderingContext` (`webglrenderingcontext.rs`) keeps what the page can observe without
//! asking GL (bound objects, vertex attribute pointers, pixel storage, the WebGL-only checks)
//! and sends the GL calls to the engine's WebGL thread (`components/webgl`) as closures, in
//! batches: nothing is sent per call, a batch goes at a synchronous query, at a rendering
//! update (with the presentation of the drawing buffer) and when it grows large. The GL
//! objects (`objects.rs`) hold the names the thread made for them.
//!
//! A WebGL 2.0 context is a `WebGLRenderingContext` made for WebGL 2.0 (its `webgl2` flag and
//! `gl2` state change what the shared members accept), wrapped by the
//! `WebGL2RenderingContext` object the page gets (`webgl2renderingcontext.rs`), which forwards
//! the shared members to it and implements WebGL 2.0's own.

mod compressed;
mod extension_api;
pub mod extensions;
mod gl2;
mod loss;
pub mod objects;
pub mod pixels;
pub mod webgl2renderingcontext;
pub mod webglcontextevent;
pub mod webglrenderingcontext;

/// Registers the weak list of active WebGL contexts with this thread's runtime.
///
/// # Safety
/// `cx` must be this thread's live context.
pub unsafe fn install_context_list(cx: *mut mozjs::jsapi::JSContext) {
    // SAFETY: as the caller promises.
    unsafe { loss::install(cx) }
}

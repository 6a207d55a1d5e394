//! WebGL 1.0 (<https://registry.khronos.org/webgl/specs/latest/1.0/>).
//!
//! `WebGLRenderingContext` (`webglrenderingcontext.rs`) keeps what the page can observe without
//! asking GL (bound objects, vertex attribute pointers, pixel storage, the WebGL-only checks)
//! and sends the GL calls to the engine's WebGL thread (`components/webgl`) as closures, in
//! batches: nothing is sent per call, a batch goes at a synchronous query, at a rendering
//! update (with the presentation of the drawing buffer) and when it grows large. The GL
//! objects (`objects.rs`) hold the names the thread made for them.

pub mod extensions;
pub mod objects;
pub mod pixels;
pub mod webglcontextevent;
pub mod webglrenderingcontext;

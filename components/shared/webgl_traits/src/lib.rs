//! What script and the WebGL thread say to each other.
//!
//! The WebGL thread (`components/webgl`) owns one OpenGL ES context per
//! `WebGLRenderingContext`/`WebGL2RenderingContext` and that context's drawing buffer
//! (an off-screen framebuffer). Script never links it: it sends [`WebGLMsg`]s through the
//! engine's sender. A GL call is a [`GlTask`], a closure the thread runs with its context
//! current; a call that returns something carries its own reply channel in the closure.
//! Presenting a drawing buffer sends its pixels to the canvas thread as the canvas's
//! image (`canvas_traits::command::CanvasCommand::WebGLFrame`), followed by the canvas commands
//! script attached (compositor update, captures), so they see exactly that frame.
//!
//! A message about a context the thread does not know (destroyed, never made, or refused) is
//! logged and dropped; its reply sender, if any, is dropped unanswered, so a receiver waiting
//! on it wakes with a disconnection error at once.

use base::id::CanvasId;
use canvas_traits::command::CanvasCommand;
use crossbeam_channel::Sender;
pub use glow;

/// One WebGL context on the WebGL thread.
#[derive(Clone, Copy, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub struct WebGLContextId(pub u64);

/// Which API a context implements (and so which OpenGL ES shading languages it accepts).
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum WebGLVersion {
    /// WebGL 1.0 (OpenGL ES 2.0 semantics, GLSL ES 1.00).
    WebGL1,
    /// WebGL 2.0 (OpenGL ES 3.0 semantics, GLSL ES 1.00 and 3.00).
    WebGL2,
}

/// The context creation attributes that shape the drawing buffer
/// (<https://registry.khronos.org/webgl/specs/latest/1.0/#WEBGLCONTEXTATTRIBUTES>).
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct DrawingBufferAttributes {
    /// The colour buffer has an alpha channel.
    pub alpha: bool,
    /// A depth buffer of at least 16 bits (the thread makes 24).
    pub depth: bool,
    /// A stencil buffer of at least 8 bits.
    pub stencil: bool,
    /// Multisampled (resolved before it is read or presented).
    pub antialias: bool,
    /// The page draws premultiplied colours (the presented frame is un-premultiplied from them).
    pub premultiplied_alpha: bool,
    /// Presenting keeps the contents; otherwise they are cleared after each presentation.
    pub preserve_drawing_buffer: bool,
}

/// What the thread tells script about a context it made.
#[derive(Clone, Debug)]
pub struct ContextInfo {
    /// The attributes the drawing buffer really has (antialias may be false when the
    /// implementation cannot multisample).
    pub attributes: DrawingBufferAttributes,
    /// The drawing buffer's size (the canvas size clamped to the implementation's limits).
    pub size: (u32, u32),
    /// `GL_EXTENSIONS` of the underlying OpenGL ES context, for deciding which WebGL
    /// extensions can be offered.
    pub gl_extensions: Vec<String>,
}

/// The drawing buffer of the context a task runs on: the "default framebuffer" of WebGL.
pub trait DrawingBuffer {
    /// The framebuffer to bind when the page binds `null` (multisampled when antialiased).
    fn framebuffer(&self) -> glow::NativeFramebuffer;
    /// Before a read from the default framebuffer (`readPixels`, `copyTexImage2D`,
    /// `copyTexSubImage2D`, `blitFramebuffer` from it): resolves a multisampled buffer and
    /// binds the single-sampled one as the read framebuffer (every other binding and state
    /// stays as the page left it). Call [`DrawingBuffer::end_read`] after.
    fn begin_read(&mut self, gl: &glow::Context);
    /// Restores the page's read framebuffer binding after [`DrawingBuffer::begin_read`].
    fn end_read(&mut self, gl: &glow::Context);
    /// The buffer's size in pixels.
    fn size(&self) -> (u32, u32);
    /// Marks the buffer as drawn into since the last presentation (`clear`, `draw*`). The
    /// thread presents on every `Present` anyway; an unmarked presentation is logged as a
    /// hint that a drawing call forgot to mark.
    fn mark_dirty(&mut self);
    /// The context's OpenGL ES extension entry points that glow does not load.
    fn ext(&self) -> ExtFunctions;
}

/// OpenGL ES extension entry points glow has no wrapper for (`None` where the driver lacks
/// them), loaded once per context on the WebGL thread.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExtFunctions {
    /// `glClipControlEXT(origin, depth)` (EXT_clip_control).
    pub clip_control: Option<unsafe extern "system" fn(u32, u32)>,
    /// `glPolygonOffsetClampEXT(factor, units, clamp)` (EXT_polygon_offset_clamp).
    pub polygon_offset_clamp: Option<unsafe extern "system" fn(f32, f32, f32)>,
    /// `glGetQueryiv(target, pname, params)` (OpenGL ES 3.0; QUERY_COUNTER_BITS_EXT).
    pub get_queryiv: Option<unsafe extern "system" fn(u32, u32, *mut i32)>,
}

impl ExtFunctions {
    /// Loads the entry points with `load` (the driver's address of a function, null if it has
    /// none).
    pub fn load(load: impl Fn(&str) -> *const std::ffi::c_void) -> ExtFunctions {
        let clip_control = load("glClipControlEXT");
        let polygon_offset_clamp = load("glPolygonOffsetClampEXT");
        let get_queryiv = load("glGetQueryiv");
        ExtFunctions {
            // SAFETY: a non-null address the driver gave for this name is the function with the
            // signature the extension specifies (two GLenums; three GLfloats, returning void).
            clip_control: (!clip_control.is_null()).then(|| unsafe {
                std::mem::transmute::<*const std::ffi::c_void, unsafe extern "system" fn(u32, u32)>(clip_control)
            }),
            // SAFETY: as above.
            polygon_offset_clamp: (!polygon_offset_clamp.is_null()).then(|| unsafe {
                std::mem::transmute::<*const std::ffi::c_void, unsafe extern "system" fn(f32, f32, f32)>(
                    polygon_offset_clamp,
                )
            }),
            // SAFETY: as above (a GLenum, a GLenum and a GLint pointer).
            get_queryiv: (!get_queryiv.is_null()).then(|| unsafe {
                std::mem::transmute::<*const std::ffi::c_void, unsafe extern "system" fn(u32, u32, *mut i32)>(
                    get_queryiv,
                )
            }),
        }
    }
}

/// One GL call (or a few) run on the WebGL thread with the context current.
pub type GlTask = Box<dyn FnOnce(&glow::Context, &mut dyn DrawingBuffer) + Send>;

/// Script → WebGL thread.
pub enum WebGLMsg {
    /// Makes a context and its drawing buffer (cleared to transparent black, depth 1,
    /// stencil 0), bound as `FRAMEBUFFER`, with the viewport and scissor box its size. The
    /// reply is `Err` with a message when no GL context can be made (no driver) or the id is
    /// in use: `getContext()` then returns null.
    Create {
        /// The new context's id.
        context: WebGLContextId,
        /// The canvas whose image it presents to.
        canvas: CanvasId,
        /// Which API.
        version: WebGLVersion,
        /// The requested attributes.
        attributes: DrawingBufferAttributes,
        /// The canvas size.
        size: (u32, u32),
        /// The answer.
        reply: Sender<Result<ContextInfo, String>>,
    },
    /// The canvas was resized: the drawing buffer is reallocated at the new size and cleared
    /// (the viewport is the page's to change).
    Resize {
        /// The context.
        context: WebGLContextId,
        /// The canvas size.
        size: (u32, u32),
        /// The new drawing buffer size.
        reply: Sender<(u32, u32)>,
    },
    /// Runs GL calls.
    Run {
        /// The context.
        context: WebGLContextId,
        /// The calls.
        task: GlTask,
    },
    /// At a rendering update, for a context drawn into since its last presentation: the
    /// drawing buffer's pixels go to the canvas thread as the canvas's image
    /// (`CanvasCommand::WebGLFrame`), then `then` (compositor update, captures) in order;
    /// then, if `clear` and unless `preserveDrawingBuffer`, the buffer is cleared (the page's
    /// clear colour, masks and scissor are kept). For a context the thread does not know,
    /// `then` is still sent (the canvas keeps the image it has).
    Present {
        /// The context.
        context: WebGLContextId,
        /// Canvas commands to send right after the frame.
        then: Vec<CanvasCommand>,
        /// Whether the frame was displayed, so that the drawing buffer is cleared after it: a
        /// canvas that is not in a document is not displayed, and its drawing buffer keeps
        /// its contents (as in Chromium).
        clear: bool,
    },
    /// The page reads its canvas as an image within the task that drew it (`drawImage`,
    /// `toDataURL`, `createImageBitmap`, …): the drawing buffer's current pixels go to the
    /// canvas thread as the canvas's image (nothing is cleared); the reply comes after the
    /// frame was sent, so script's next canvas commands see it.
    Snapshot {
        /// The context.
        context: WebGLContextId,
        /// Sent once the frame is on its way to the canvas thread.
        reply: Sender<()>,
    },
    /// The context's objects and drawing buffer can go.
    Destroy {
        /// The context.
        context: WebGLContextId,
    },
    /// Ends the thread (engine shutdown).
    Exit,
}

//! `WebGLRenderingContext` (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.14>).
//!
//! GL calls run on the engine's WebGL thread, on an OpenGL ES 3.0 context of its own with an
//! off-screen drawing buffer (`components/webgl`). This side queues them as closures and sends
//! the queue at a synchronous query (`getError()`, `getParameter()`, `readPixels()`…), before a
//! presentation and when it grows past [`QUEUE_LIMIT`]; what WebGL checks beyond OpenGL ES
//! (object ownership, the binding rules, draws reading past a buffer's end, unpack rules) is
//! checked here and reported through [`WebGLRenderingContext::error`], ahead of GL's own errors.
//!
//! The drawing buffer reaches the canvas when the rendering is updated (`present`): the WebGL
//! thread reads it back once into a frame that becomes the canvas's image on the canvas thread,
//! followed by the compositor update and the capture frames of that update, then clears it
//! unless `preserveDrawingBuffer`. A page reading its WebGL canvas as an image in the task that
//! drew (`drawImage()`, `toDataURL()`, `texImage2D()` of it…) gets the current drawing buffer
//! (`snapshot_if_drawn`).
//!
//! Known differences from the specification, documented in the README: non-power-of-two
//! textures with REPEAT wrapping or mipmap filters sample their texels (OpenGL ES 3.0 allows it)
//! instead of black; shaders are compiled by Mesa without WebGL's GLSL validation (only the
//! `#version 300 es` refusal is made here). Context loss and restoration are in `loss.rs`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use crossbeam_channel::Sender;
use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::{BooleanValue, DoubleValue, Int32Value, NullValue, ObjectValue, UInt32Value};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};
use webgl_traits::glow::{self, HasContext, PixelPackData, PixelUnpackData};
use webgl_traits::{DrawingBuffer, DrawingBufferAttributes, GlTask, WebGLContextId, WebGLMsg, WebGLVersion};

use super::compressed::{CompressedData, Region};
use super::extensions::{Extension, ExtensionObjects, WebGLVertexArrayObjectOES};
use super::gl2::WebGL2State;
use super::loss::{NO_CONTEXT, PLACEHOLDER_NAME};
use super::objects::{
    ActiveVariable, GlObject, LinkedProgram, VertexArrayState, WebGLActiveInfo, WebGLBuffer, WebGLFramebuffer,
    WebGLProgram, WebGLRenderbuffer, WebGLSampler, WebGLShader, WebGLShaderPrecisionFormat, WebGLTexture,
    WebGLUniformLocation, WebGLVertexArrayObject,
};
use super::pixels;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::WebGLContextAttributes;
use crate::dom::bindings::codegen::Enums::{PredefinedColorSpace, WebGLPowerPreference};
use crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBuffer;
use crate::dom::bindings::codegen::Unions::HTMLCanvasElementOrOffscreenCanvas;
use crate::dom::bindings::codegen::Unions::ImageBitmapOrImageDataOrHTMLImageElementOrHTMLCanvasElementOrHTMLVideoElementOrOffscreenCanvasOrVideoFrame as TexImageSource;
use crate::dom::bindings::codegen::WebGLRenderingContextBinding::WebGLRenderingContextMethods;
use crate::dom::bindings::conversions::{FromJSVal, ToJSVal};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
use crate::dom::canvas::offscreencanvas::OffscreenCanvas;
use crate::dom::canvas::rendering;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// Queued calls after which the queue is sent without waiting for a query or a presentation.
const QUEUE_LIMIT: usize = 512;

// WebGL-only enums (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.14>).
const UNPACK_FLIP_Y_WEBGL: u32 = 0x9240;
const UNPACK_PREMULTIPLY_ALPHA_WEBGL: u32 = 0x9241;
const UNPACK_COLORSPACE_CONVERSION_WEBGL: u32 = 0x9243;
const BROWSER_DEFAULT_WEBGL: u32 = 0x9244;
// WEBGL_debug_renderer_info.
const UNMASKED_VENDOR_WEBGL: u32 = 0x9245;
const UNMASKED_RENDERER_WEBGL: u32 = 0x9246;
// ANGLE_instanced_arrays.
const VERTEX_ATTRIB_ARRAY_DIVISOR_ANGLE: u32 = 0x88FE;
// KHR_parallel_shader_compile.
const COMPLETION_STATUS_KHR: u32 = 0x91B1;
// WEBGL_depth_texture.
const UNSIGNED_INT_24_8_WEBGL: u32 = 0x84FA;

static NEXT_CONTEXT: AtomicU64 = AtomicU64::new(1);

/// The GL calls of a context not sent yet, and the id of the GL context they go to (a new one
/// after the context was lost and restored).
pub(super) struct GlQueue {
    pub(super) tasks: RefCell<Vec<GlTask>>,
    pub(super) context: Cell<WebGLContextId>,
}

/// Queues GL calls that return nothing; the body runs on the WebGL thread.
macro_rules! gl_run {
    ($self:expr, move |$gl:ident| $body:expr) => {
        $self.enqueue(Box::new(move |$gl: &glow::Context, _: &mut dyn webgl_traits::DrawingBuffer| {
            // SAFETY: the WebGL thread runs this with this context's GL context current; the
            // arguments are plain values and names this context made, and GL answers an invalid
            // value with a GL error, never by touching memory (the pointer-taking calls get
            // slices sized here).
            unsafe { $body };
        }))
    };
}

/// Runs GL calls on the WebGL thread after everything queued and waits for their result
/// (`None` if the thread is gone).
macro_rules! gl_query {
    ($self:expr, move |$gl:ident| $body:expr) => {
        $self.call(move |$gl: &glow::Context, _: &mut dyn webgl_traits::DrawingBuffer| {
            // SAFETY: as in `gl_run!`.
            unsafe { $body }
        })
    };
}

/// The step before every method without WebGL's own context-loss handling
/// (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.14>, the methods not marked
/// `[WebGLHandlesContextLoss]`): while the webgl context lost flag is set, the method does
/// nothing and returns null when its return type is `any` or nullable, else its type's default
/// (false, 0, nothing). The second form also sets the `any` result to null.
macro_rules! return_if_lost {
    ($context:expr) => {
        if $context.is_lost() {
            return $crate::dom::webgl::webglrenderingcontext::LostValue::lost_value();
        }
    };
    ($context:expr, $rval:ident) => {
        if $context.is_lost() {
            $rval.set(mozjs::jsval::NullValue());
            return $crate::dom::webgl::webglrenderingcontext::LostValue::lost_value();
        }
    };
}

/// What a method returns when it returns early because the context is lost: null (`None`),
/// false, 0, nothing; a method that may throw returns normally.
pub trait LostValue {
    /// The value.
    fn lost_value() -> Self;
}

macro_rules! lost_value_default {
    ($($ty:ty),*) => {
        $(impl LostValue for $ty {
            fn lost_value() -> Self {
                Default::default()
            }
        })*
    };
}

lost_value_default!((), bool, i32, u32, i64, u64, f32, f64, DOMString);

impl<T> LostValue for Option<T> {
    fn lost_value() -> Self {
        None
    }
}

impl<T: LostValue> LostValue for Fallible<T> {
    fn lost_value() -> Self {
        Ok(T::lost_value())
    }
}

pub(super) use {gl_query, gl_run, return_if_lost};

/// One texture unit's bindings.
#[derive(JSTraceable)]
pub(super) struct TextureUnit {
    pub(super) texture_2d: MutNullableDom<WebGLTexture>,
    pub(super) cube_map: MutNullableDom<WebGLTexture>,
    /// WebGL 2.0's TEXTURE_3D and TEXTURE_2D_ARRAY bindings and sampler.
    pub(super) texture_3d: MutNullableDom<WebGLTexture>,
    pub(super) texture_2d_array: MutNullableDom<WebGLTexture>,
    pub(super) sampler: MutNullableDom<WebGLSampler>,
}

/// Implementation limits read once at creation.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Limits {
    pub(super) max_vertex_attribs: u32,
    pub(super) max_texture_units: u32,
    pub(super) max_texture_size: i32,
    pub(super) max_cube_map_size: i32,
    pub(super) max_renderbuffer_size: i32,
    // WebGL 2.0's.
    pub(super) max_uniform_buffer_bindings: u32,
    pub(super) max_draw_buffers: u32,
    pub(super) max_3d_texture_size: i32,
    pub(super) max_array_texture_layers: i32,
}

/// The texture units script tracks.
fn units_count(limits: &Limits) -> u32 {
    limits.max_texture_units.min(64)
}

/// The page's pixel storage parameters.
#[derive(Clone, Copy, Debug)]
pub(super) struct PixelStore {
    pub(super) flip_y: bool,
    pub(super) premultiply_alpha: bool,
    pub(super) colorspace_conversion: u32,
    pub(super) unpack_alignment: i32,
    pub(super) pack_alignment: i32,
}

impl PixelStore {
    /// The initial values.
    pub(super) const INITIAL: PixelStore = PixelStore {
        flip_y: false,
        premultiply_alpha: false,
        colorspace_conversion: BROWSER_DEFAULT_WEBGL,
        unpack_alignment: 4,
        pack_alignment: 4,
    };
}

#[dom_struct]
pub struct WebGLRenderingContext {
    pub(super) reflector_: Reflector,
    /// The canvas element, or the element holding an OffscreenCanvas's bitmap.
    pub(super) canvas: Dom<HTMLCanvasElement>,
    /// The OffscreenCanvas whose context this is (`canvas` then returns it).
    pub(super) offscreen: MutNullableDom<OffscreenCanvas>,
    #[no_trace]
    pub(super) sender: Sender<WebGLMsg>,
    /// The attributes the page asked for.
    #[no_trace]
    pub(super) requested: RequestedAttributes,
    /// The drawing buffer's real attributes.
    #[no_trace]
    pub(super) actual: DrawingBufferAttributes,
    /// The drawing buffer's size.
    #[no_trace]
    pub(super) size: Cell<(u32, u32)>,
    /// `GL_EXTENSIONS` of the OpenGL ES context.
    #[no_trace]
    pub(super) gl_extensions: Vec<String>,
    #[no_trace]
    pub(super) limits: Limits,
    /// GL calls not sent yet, and the id of the GL context they go to (shared, weakly, with
    /// the objects this context made, which queue the deletion of their GL object when the
    /// page drops them undeleted).
    #[no_trace]
    pub(super) queue: Rc<GlQueue>,
    /// The first error WebGL's own checks found and `getError()` has not returned yet.
    #[no_trace]
    pub(super) error: Cell<u32>,
    /// Drawn into since the canvas thread last got the drawing buffer.
    #[no_trace]
    pub(super) drawn_since_snapshot: Cell<bool>,
    /// WEBGL_multi_draw's `gl_DrawID` for the next draw (0 but inside a multi-draw call).
    pub(super) draw_id: Cell<i32>,
    /// Drawn into since the last presentation (the buffer and the canvas are marked dirty).
    #[no_trace]
    pub(super) buffer_marked: Cell<bool>,
    #[no_trace]
    pub(super) pixel_store: Cell<PixelStore>,
    #[no_trace]
    pub(super) drawing_buffer_color_space: Cell<PredefinedColorSpace>,
    #[no_trace]
    pub(super) unpack_color_space: Cell<PredefinedColorSpace>,
    pub(super) array_buffer: MutNullableDom<WebGLBuffer>,
    pub(super) framebuffer: MutNullableDom<WebGLFramebuffer>,
    pub(super) renderbuffer: MutNullableDom<WebGLRenderbuffer>,
    pub(super) current_program: MutNullableDom<WebGLProgram>,
    pub(super) texture_units: Box<[TextureUnit]>,
    #[no_trace]
    pub(super) active_texture: Cell<u32>,
    /// The vertex array state when no vertex array object is bound.
    pub(super) default_vao: VertexArrayState,
    /// OES_vertex_array_object's bound vertex array.
    pub(super) bound_vao: MutNullableDom<WebGLVertexArrayObjectOES>,
    /// The generic attribute values (CURRENT_VERTEX_ATTRIB), context state.
    #[no_trace]
    pub(super) current_attribs: Box<[Cell<[f32; 4]>]>,
    /// The objects `getExtension()` gave out.
    pub(super) extension_objects: ExtensionObjects,
    /// The extensions this context offers.
    #[no_trace]
    pub(super) supported_extensions: Vec<Extension>,
    /// The extensions the page enabled with `getExtension()`.
    #[no_trace]
    pub(super) enabled_extensions: RefCell<Vec<Extension>>,
    /// A WebGL 2.0 context (wrapped by a `WebGL2RenderingContext`).
    #[no_trace]
    pub(super) webgl2: bool,
    /// WebGL 2.0's state (untouched in a WebGL 1.0 context).
    pub(super) gl2: WebGL2State,
    /// The "webgl context lost flag"
    /// (<https://registry.khronos.org/webgl/specs/latest/1.0/#webgl-context-lost-flag>).
    #[no_trace]
    pub(super) lost: Cell<bool>,
    /// The rest of the context-loss state.
    #[no_trace]
    pub(super) loss: RefCell<LossState>,
}

/// What a context remembers of its loss
/// (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.15.2>).
#[derive(Default)]
pub(super) struct LossState {
    /// What `getError()` returns while the context is lost: CONTEXT_LOST_WEBGL first, then the
    /// INVALID_OPERATIONs WEBGL_lose_context may generate while lost; NO_ERROR after them.
    pub(super) errors: std::collections::VecDeque<u32>,
    /// The `webglcontextlost` event was canceled, so the context may be restored.
    pub(super) restore_allowed: bool,
    /// A restoration is queued.
    pub(super) restoring: bool,
}

/// The bound vertex array state: the default one or a vertex array object's.
pub(super) enum VaoRef<'a> {
    Default(&'a VertexArrayState),
    Object(DomRoot<WebGLVertexArrayObjectOES>),
    Core(DomRoot<WebGLVertexArrayObject>),
}

impl std::ops::Deref for VaoRef<'_> {
    type Target = VertexArrayState;
    fn deref(&self) -> &VertexArrayState {
        match self {
            VaoRef::Default(state) => state,
            VaoRef::Object(object) => object.state(),
            VaoRef::Core(object) => object.state(),
        }
    }
}

/// The creation attributes as the page gave them (`getContextAttributes()` reports these for
/// the members the drawing buffer does not decide).
#[derive(Clone, Copy, Debug)]
pub(super) struct RequestedAttributes {
    /// The drawing buffer asked for (a restored context asks for it again).
    pub(super) buffer: DrawingBufferAttributes,
    depth: bool,
    stencil: bool,
    antialias: bool,
    power_preference: WebGLPowerPreference,
    fail_if_major_performance_caveat: bool,
    desynchronized: bool,
}

/// Makes a GL context and its drawing buffer for `canvas` on the WebGL thread, at the canvas's
/// size: its new id and what the thread reports, or `None` (logged) if it cannot.
pub(super) fn open_gl_context(
    sender: &Sender<WebGLMsg>,
    canvas: &HTMLCanvasElement,
    version: WebGLVersion,
    attributes: DrawingBufferAttributes,
) -> Option<(WebGLContextId, webgl_traits::ContextInfo)> {
    let id = WebGLContextId(NEXT_CONTEXT.fetch_add(1, Ordering::Relaxed));
    // The canvas's bitmap exists on the canvas thread before the first frame is sent to it.
    canvas.ensure_bitmap();
    rendering::flush();
    let bitmap = canvas.bitmap_size();
    let (reply, answer) = crossbeam_channel::bounded(1);
    sender
        .send(WebGLMsg::Create {
            context: id,
            canvas: canvas.canvas_id(),
            version,
            attributes,
            size: (bitmap.width, bitmap.height),
            reply,
        })
        .ok()?;
    match answer.recv() {
        Ok(Ok(info)) => Some((id, info)),
        Ok(Err(message)) => {
            log::warn!("no {version:?} context ({message})");
            None
        }
        Err(_) => None,
    }
}

impl WebGLRenderingContext {
    /// The WebGL context creation steps
    /// (<https://registry.khronos.org/webgl/specs/latest/1.0/#2.1>): `None` (getContext()
    /// returns null) when the engine has no WebGL thread or it cannot make a GL context.
    pub fn create(
        cx: &mut JSContext,
        canvas: &HTMLCanvasElement,
        attributes: &WebGLContextAttributes,
        version: WebGLVersion,
    ) -> Option<DomRoot<WebGLRenderingContext>> {
        let sender = crate::threads::webgl_sender()?;
        let requested_buffer = DrawingBufferAttributes {
            alpha: attributes.alpha,
            depth: attributes.depth,
            stencil: attributes.stencil,
            antialias: attributes.antialias,
            premultiplied_alpha: attributes.premultiplied_alpha,
            preserve_drawing_buffer: attributes.preserve_drawing_buffer,
        };
        let (id, info) = open_gl_context(&sender, canvas, version, requested_buffer)?;
        let (reply, answer) = crossbeam_channel::bounded(1);
        let webgl2 = version == WebGLVersion::WebGL2;
        let task: GlTask = Box::new(move |gl: &glow::Context, _: &mut dyn DrawingBuffer| {
            // SAFETY: run by the WebGL thread with the new context current; plain queries.
            let limits = unsafe {
                if webgl2 {
                    // WebGL 2.0 restarts primitives at the fixed index, always
                    // (<https://registry.khronos.org/webgl/specs/latest/2.0/#5.18>).
                    gl.enable(glow::PRIMITIVE_RESTART_FIXED_INDEX);
                }
                Limits {
                    max_vertex_attribs: gl.get_parameter_i32(glow::MAX_VERTEX_ATTRIBS).max(0) as u32,
                    max_texture_units: gl.get_parameter_i32(glow::MAX_COMBINED_TEXTURE_IMAGE_UNITS).max(0) as u32,
                    max_texture_size: gl.get_parameter_i32(glow::MAX_TEXTURE_SIZE),
                    max_cube_map_size: gl.get_parameter_i32(glow::MAX_CUBE_MAP_TEXTURE_SIZE),
                    max_renderbuffer_size: gl.get_parameter_i32(glow::MAX_RENDERBUFFER_SIZE),
                    max_uniform_buffer_bindings: gl.get_parameter_i32(glow::MAX_UNIFORM_BUFFER_BINDINGS).max(0) as u32,
                    max_draw_buffers: gl.get_parameter_i32(glow::MAX_DRAW_BUFFERS).max(1) as u32,
                    max_3d_texture_size: gl.get_parameter_i32(glow::MAX_3D_TEXTURE_SIZE),
                    max_array_texture_layers: gl.get_parameter_i32(glow::MAX_ARRAY_TEXTURE_LAYERS),
                }
            };
            let _ = reply.send(limits);
        });
        sender.send(WebGLMsg::Run { context: id, task }).ok()?;
        let limits = answer.recv().ok()?;
        let window = canvas.global();
        let units = (0..units_count(&limits))
            .map(|_| TextureUnit {
                texture_2d: MutNullableDom::default(),
                cube_map: MutNullableDom::default(),
                texture_3d: MutNullableDom::default(),
                texture_2d_array: MutNullableDom::default(),
                sampler: MutNullableDom::default(),
            })
            .collect();
        let attribs = limits.max_vertex_attribs.min(64) as usize;
        let supported_extensions = super::extensions::supported(&info.gl_extensions, webgl2);
        let gl2 = WebGL2State::new(
            attribs,
            limits.max_uniform_buffer_bindings.min(128) as usize,
            limits.max_draw_buffers.min(16) as usize,
        );
        let context = reflect_dom_object(
            cx,
            Box::new(WebGLRenderingContext {
                reflector_: Reflector::new(),
                canvas: Dom::from_ref(canvas),
                offscreen: MutNullableDom::default(),
                sender,
                requested: RequestedAttributes {
                    buffer: requested_buffer,
                    depth: attributes.depth,
                    stencil: attributes.stencil,
                    antialias: attributes.antialias,
                    power_preference: attributes.power_preference,
                    fail_if_major_performance_caveat: attributes.fail_if_major_performance_caveat,
                    desynchronized: attributes.desynchronized,
                },
                actual: info.attributes,
                size: Cell::new(info.size),
                gl_extensions: info.gl_extensions,
                limits,
                queue: Rc::new(GlQueue { tasks: RefCell::new(Vec::new()), context: Cell::new(id) }),
                error: Cell::new(glow::NO_ERROR),
                drawn_since_snapshot: Cell::new(false),
                draw_id: Cell::new(0),
                buffer_marked: Cell::new(false),
                pixel_store: Cell::new(PixelStore::INITIAL),
                drawing_buffer_color_space: Cell::new(PredefinedColorSpace::Srgb),
                unpack_color_space: Cell::new(PredefinedColorSpace::Srgb),
                array_buffer: MutNullableDom::default(),
                framebuffer: MutNullableDom::default(),
                renderbuffer: MutNullableDom::default(),
                current_program: MutNullableDom::default(),
                texture_units: units,
                active_texture: Cell::new(0),
                default_vao: VertexArrayState::new(attribs),
                bound_vao: MutNullableDom::default(),
                current_attribs: (0..attribs).map(|_| Cell::new([0.0, 0.0, 0.0, 1.0])).collect(),
                extension_objects: ExtensionObjects::default(),
                supported_extensions,
                enabled_extensions: RefCell::new(Vec::new()),
                webgl2,
                gl2,
                lost: Cell::new(false),
                loss: RefCell::new(LossState::default()),
            }),
            &window,
        );
        super::loss::activate(&context);
        Some(context)
    }

    /// Makes this the context of `offscreen` (whose bitmap element it was created on).
    pub fn set_offscreen(&self, offscreen: &OffscreenCanvas) {
        self.offscreen.set(Some(offscreen));
    }

    /// Whether the drawing buffer has no alpha channel (the canvas's image is opaque).
    pub fn is_opaque(&self) -> bool {
        !self.actual.alpha
    }

    /// The bound vertex array state.
    pub(super) fn vao(&self) -> VaoRef<'_> {
        if let Some(object) = self.gl2.vertex_array.get() {
            return VaoRef::Core(object);
        }
        match self.bound_vao.get() {
            Some(object) => VaoRef::Object(object),
            None => VaoRef::Default(&self.default_vao),
        }
    }

    /// The id of the GL context under this one (a new one after a restoration).
    pub(super) fn id(&self) -> WebGLContextId {
        self.queue.context.get()
    }

    /// Whether the page enabled `extension` with `getExtension()`.
    pub fn enabled(&self, extension: Extension) -> bool {
        self.enabled_extensions.borrow().contains(&extension)
    }

    /// Queues a GL task.
    pub(super) fn enqueue(&self, task: GlTask) {
        // A lost context has no GL context to run it in.
        if self.is_lost() {
            return;
        }
        let full = {
            let mut queue = self.queue.tasks.borrow_mut();
            queue.push(task);
            queue.len() >= QUEUE_LIMIT
        };
        if full {
            self.flush_queue();
        }
    }

    /// What an object of this context runs when the page drops it without deleting it: the
    /// deletion of its GL object, queued after the calls already queued (which may still name
    /// it), if this context still exists.
    pub(super) fn releaser<N: Copy + Send + 'static>(
        &self,
        name: N,
        delete: fn(&glow::Context, N),
    ) -> Box<dyn FnOnce()> {
        let queue = Rc::downgrade(&self.queue);
        let context = self.id();
        Box::new(move || {
            // Not once the context was lost: the name belonged to the GL context that is gone.
            if let Some(queue) = queue.upgrade()
                && queue.context.get() == context
            {
                let task: GlTask = Box::new(move |gl: &glow::Context, _: &mut dyn DrawingBuffer| delete(gl, name));
                queue.tasks.borrow_mut().push(task);
            }
        })
    }

    /// Sends the queued GL calls as one task.
    pub(super) fn flush_queue(&self) {
        let tasks = std::mem::take(&mut *self.queue.tasks.borrow_mut());
        // A lost context has no GL context to run them in.
        if tasks.is_empty() || self.is_lost() {
            return;
        }
        let task: GlTask = Box::new(move |gl: &glow::Context, buffer: &mut dyn DrawingBuffer| {
            for task in tasks {
                task(gl, buffer);
            }
        });
        if self.sender.send(WebGLMsg::Run { context: self.id(), task }).is_err() {
            log::warn!("the WebGL thread has exited; GL calls were dropped");
        }
    }

    /// Runs `f` after everything queued and waits for its result.
    pub(super) fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&glow::Context, &mut dyn DrawingBuffer) -> T + Send + 'static,
    ) -> Option<T> {
        let (reply, answer) = crossbeam_channel::bounded(1);
        self.enqueue(Box::new(move |gl: &glow::Context, buffer: &mut dyn DrawingBuffer| {
            let _ = reply.send(f(gl, buffer));
        }));
        self.flush_queue();
        match answer.recv() {
            Ok(value) => Some(value),
            Err(_) => {
                log::warn!("the WebGL thread did not answer");
                None
            }
        }
    }

    /// Records a WebGL error ("if no error is recorded yet"; later ones are dropped, as GL does).
    pub(super) fn error(&self, code: u32) {
        if self.error.get() == glow::NO_ERROR {
            self.error.set(code);
        }
    }

    /// Notes a draw into the drawing buffer (when no framebuffer object is bound): the canvas
    /// gets it at the next rendering update.
    pub(super) fn drew(&self) {
        if self.framebuffer.get().is_some() {
            return;
        }
        self.drawn_since_snapshot.set(true);
        // Once per presentation, not per draw call.
        if !self.buffer_marked.replace(true) {
            let task: GlTask = Box::new(|_: &glow::Context, buffer: &mut dyn DrawingBuffer| buffer.mark_dirty());
            self.enqueue(task);
            rendering::mark_dirty(&self.canvas);
        }
    }

    /// At a rendering update in which the canvas is dirty: the drawing buffer becomes the
    /// canvas's image, then `then` (compositor update, captures) runs on the canvas thread
    /// (see `webgl_traits::WebGLMsg::Present`).
    /// `displayed` is false for a canvas outside the document, whose drawing buffer is then
    /// kept.
    pub fn present(&self, then: Vec<canvas_traits::command::CanvasCommand>, displayed: bool) {
        if self.is_lost() {
            // No frame: the canvas keeps its image; the rest of the update still goes.
            for command in then {
                rendering::push(command);
            }
            rendering::flush();
            return;
        }
        self.flush_queue();
        self.buffer_marked.set(false);
        // A displayed frame clears the drawing buffer (unless preserveDrawingBuffer): the
        // canvas read as an image then gives the cleared buffer, as in Chromium, so the next
        // reader takes a snapshot again.
        self.drawn_since_snapshot.set(displayed && !self.actual.preserve_drawing_buffer);
        if self.sender.send(WebGLMsg::Present { context: self.id(), then, clear: displayed }).is_err() {
            log::warn!("the WebGL thread has exited; a frame was not presented");
        }
    }

    /// Before the canvas is read as an image (`drawImage()`, `toDataURL()`, a pattern, a
    /// bitmap, a texture): if the page drew since the canvas thread last got the drawing
    /// buffer, it gets it now, and script waits until it was sent.
    pub fn snapshot_if_drawn(&self) {
        if self.is_lost() || !self.drawn_since_snapshot.replace(false) {
            return;
        }
        // The canvas's bitmap (and whatever else is batched) reaches the canvas thread before
        // the frame does.
        rendering::flush();
        self.flush_queue();
        let (reply, answer) = crossbeam_channel::bounded(1);
        if self.sender.send(WebGLMsg::Snapshot { context: self.id(), reply }).is_ok() {
            let _ = answer.recv();
        }
    }

    /// The canvas was resized: a new, cleared drawing buffer.
    pub fn resize(&self, width: u32, height: u32) {
        if self.is_lost() {
            return;
        }
        self.flush_queue();
        let (reply, answer) = crossbeam_channel::bounded(1);
        if self.sender.send(WebGLMsg::Resize { context: self.id(), size: (width, height), reply }).is_ok()
            && let Ok(size) = answer.recv()
        {
            self.size.set(size);
        }
        self.drawn_since_snapshot.set(true);
        rendering::mark_dirty(&self.canvas);
    }

    /// Checks an object argument: another context's object is INVALID_OPERATION, a deleted one
    /// INVALID_VALUE (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.14>).
    pub(super) fn check_object<T: GlObject>(&self, object: &T) -> bool {
        if object.object().context() != self.id() {
            self.error(glow::INVALID_OPERATION);
            return false;
        }
        if object.object().is_deleted() {
            self.error(glow::INVALID_VALUE);
            return false;
        }
        true
    }

    /// Checks an object to bind: another context's or a deleted one is INVALID_OPERATION.
    pub(super) fn check_bindable<T: GlObject>(&self, object: &T) -> bool {
        if object.object().context() != self.id() || object.object().is_deleted() {
            self.error(glow::INVALID_OPERATION);
            return false;
        }
        true
    }

    pub(super) fn window(&self) -> DomRoot<Window> {
        self.canvas.global()
    }

    /// The buffer bound to `target`, or INVALID_ENUM for another target.
    pub(super) fn bound_buffer(&self, target: u32) -> Result<Option<DomRoot<WebGLBuffer>>, ()> {
        match target {
            glow::ARRAY_BUFFER => Ok(self.array_buffer.get()),
            glow::ELEMENT_ARRAY_BUFFER => Ok(self.vao().element_array_buffer.get()),
            _ => match self.gl2.buffer_slot(self.webgl2, target) {
                Some(slot) => Ok(slot.get()),
                None => {
                    self.error(glow::INVALID_ENUM);
                    Err(())
                }
            },
        }
    }

    /// The buffer type rules of binding `buffer` to `target`, recording its type at its first
    /// binding: WebGL 1.0 "A buffer bound to one target cannot be bound to the other"
    /// (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.1>); WebGL 2.0 "an element array
    /// buffer can only be bound to ELEMENT_ARRAY_BUFFER, COPY_READ_BUFFER or COPY_WRITE_BUFFER,
    /// and a buffer of any other type cannot be bound to ELEMENT_ARRAY_BUFFER"
    /// (<https://registry.khronos.org/webgl/specs/latest/2.0/#5.1>). INVALID_OPERATION otherwise.
    pub(super) fn check_buffer_type(&self, buffer: &WebGLBuffer, target: u32) -> bool {
        if !self.webgl2 {
            match buffer.target() {
                Some(t) if t != target => {
                    self.error(glow::INVALID_OPERATION);
                    return false;
                }
                Some(_) => {}
                None => buffer.set_target(target),
            }
            return true;
        }
        let element = target == glow::ELEMENT_ARRAY_BUFFER;
        let copy = matches!(target, glow::COPY_READ_BUFFER | glow::COPY_WRITE_BUFFER);
        // The type is recorded as ELEMENT_ARRAY_BUFFER, or ARRAY_BUFFER for "other".
        match buffer.target() {
            None if element => buffer.set_target(glow::ELEMENT_ARRAY_BUFFER),
            None => buffer.set_target(glow::ARRAY_BUFFER),
            Some(glow::ELEMENT_ARRAY_BUFFER) if !element && !copy => {
                self.error(glow::INVALID_OPERATION);
                return false;
            }
            Some(t) if t != glow::ELEMENT_ARRAY_BUFFER && element => {
                self.error(glow::INVALID_OPERATION);
                return false;
            }
            Some(_) => {}
        }
        true
    }

    /// The texture bound for `target` on the active unit (a cube face's target names the cube
    /// map when `faces` is true), or the error to record.
    pub(super) fn bound_texture(&self, target: u32, faces: bool) -> Result<Option<DomRoot<WebGLTexture>>, u32> {
        let unit = &self.texture_units[self.active_texture.get() as usize];
        match target {
            glow::TEXTURE_2D => Ok(unit.texture_2d.get()),
            glow::TEXTURE_CUBE_MAP if !faces => Ok(unit.cube_map.get()),
            glow::TEXTURE_CUBE_MAP_POSITIVE_X..=glow::TEXTURE_CUBE_MAP_NEGATIVE_Z if faces => Ok(unit.cube_map.get()),
            glow::TEXTURE_3D if self.webgl2 => Ok(unit.texture_3d.get()),
            glow::TEXTURE_2D_ARRAY if self.webgl2 => Ok(unit.texture_2d_array.get()),
            _ => Err(glow::INVALID_ENUM),
        }
    }

    /// The texture bound for `target` on the active unit, or `None` with the error recorded:
    /// INVALID_ENUM for a bad target, INVALID_OPERATION when no texture is bound.
    pub(super) fn texture_for(&self, target: u32, faces: bool) -> Option<DomRoot<WebGLTexture>> {
        match self.bound_texture(target, faces) {
            Ok(Some(texture)) => Some(texture),
            Ok(None) => {
                self.error(glow::INVALID_OPERATION);
                None
            }
            Err(e) => {
                self.error(e);
                None
            }
        }
    }

    /// The first steps of every `delete*()`: an object of another context is
    /// INVALID_OPERATION, a deleted one is ignored; otherwise it is marked deleted and the
    /// caller deletes its GL object (true).
    pub(super) fn begin_delete<T: GlObject>(&self, object: &T) -> bool {
        if object.object().context() != self.id() {
            self.error(glow::INVALID_OPERATION);
            return false;
        }
        !object.object().mark_deleted()
    }

    /// The check before a read from the read framebuffer: WebGL 2.0's drawing buffer read with
    /// `readBuffer(NONE)` is INVALID_OPERATION.
    pub(super) fn can_read(&self) -> bool {
        if self.webgl2 && self.read_framebuffer().is_none() && self.gl2.default_read_buffer.get() == glow::NONE {
            self.error(glow::INVALID_OPERATION);
            return false;
        }
        true
    }

    /// Whether the default framebuffer (the drawing buffer) is the one bound (for drawing).
    pub(super) fn default_framebuffer_bound(&self) -> bool {
        self.framebuffer.get().is_none()
    }

    /// The framebuffer object reads come from (WebGL 2.0's READ_FRAMEBUFFER binding), or
    /// `None` for the drawing buffer.
    pub(super) fn read_framebuffer(&self) -> Option<DomRoot<WebGLFramebuffer>> {
        if self.webgl2 { self.gl2.read_framebuffer.get() } else { self.framebuffer.get() }
    }

    /// The framebuffer object bound to `target` (FRAMEBUFFER and DRAW_FRAMEBUFFER: the draw
    /// binding), or `Err` with INVALID_ENUM recorded for a target this context does not have.
    pub(super) fn framebuffer_for(&self, target: u32) -> Result<Option<DomRoot<WebGLFramebuffer>>, ()> {
        match target {
            glow::FRAMEBUFFER => Ok(self.framebuffer.get()),
            glow::DRAW_FRAMEBUFFER if self.webgl2 => Ok(self.framebuffer.get()),
            glow::READ_FRAMEBUFFER if self.webgl2 => Ok(self.gl2.read_framebuffer.get()),
            _ => {
                self.error(glow::INVALID_ENUM);
                Err(())
            }
        }
    }

    /// Whether `attachment` is an attachment point of a framebuffer object here.
    pub(super) fn valid_attachment(&self, attachment: u32) -> bool {
        valid_attachment(attachment)
            || ((self.webgl2 || self.enabled(Extension::WebglDrawBuffers))
                && (glow::COLOR_ATTACHMENT0..glow::COLOR_ATTACHMENT0 + self.limits.max_draw_buffers.min(16))
                    .contains(&attachment))
    }

    /// The checks every draw makes (<https://registry.khronos.org/webgl/specs/latest/1.0/#6.6>):
    /// a linked current program, and each enabled array the program reads backed by a buffer
    /// holding `vertices` vertices.
    pub(super) fn check_draw(&self, mode: u32, vertices: u64, instances: u64) -> bool {
        if mode > glow::TRIANGLE_FAN {
            self.error(glow::INVALID_ENUM);
            return false;
        }
        let Some(program) = self.current_program.get() else {
            self.error(glow::INVALID_OPERATION);
            return false;
        };
        let Some(linked) = program.linked() else {
            self.error(glow::INVALID_OPERATION);
            return false;
        };
        // A shader writing gl_FragColor writes draw buffer 0 only; another active draw buffer
        // with an image would get no value, which Chromium refuses (INVALID_OPERATION).
        if linked.writes_frag_color
            && let Some(framebuffer) = self.framebuffer.get()
            && (1..self.limits.max_draw_buffers.min(16)).any(|i| {
                framebuffer.draw_buffer(i as usize) != glow::NONE
                    && (framebuffer.attached_texture(glow::COLOR_ATTACHMENT0 + i).is_some()
                        || framebuffer.attached_renderbuffer(glow::COLOR_ATTACHMENT0 + i).is_some())
            })
        {
            self.error(glow::INVALID_OPERATION);
            return false;
        }
        let vao = self.vao();
        for attribute in &linked.attributes {
            let Some(attrib) = usize::try_from(attribute.location).ok().and_then(|l| vao.attribs.get(l)) else {
                continue;
            };
            if !attrib.enabled.get() {
                continue;
            }
            let Some(buffer) = attrib.buffer.get() else {
                self.error(glow::INVALID_OPERATION);
                return false;
            };
            // An instanced array is read once per `divisor` instances.
            let divisor = u64::from(attrib.divisor.get());
            let elements = if divisor == 0 { vertices } else { instances.div_ceil(divisor) };
            if elements == 0 || vertices == 0 {
                continue;
            }
            let element = element_size(attrib.size.get(), attrib.kind.get());
            let stride = if attrib.stride.get() == 0 { element } else { attrib.stride.get() as u64 };
            let needed = attrib.offset.get() as u64 + stride * (elements - 1) + element;
            if needed > buffer.size() as u64 {
                self.error(glow::INVALID_OPERATION);
                return false;
            }
        }
        true
    }

    /// The framebuffer to bind for `framebuffer` (the drawing buffer's for null).
    pub(super) fn bind_framebuffer_task(&self, target: u32, framebuffer: Option<glow::NativeFramebuffer>) {
        self.enqueue(Box::new(move |gl: &glow::Context, buffer: &mut dyn DrawingBuffer| {
            let name = framebuffer.unwrap_or_else(|| buffer.framebuffer());
            // SAFETY: as in `gl_run!`.
            unsafe { gl.bind_framebuffer(target, Some(name)) };
        }));
    }
}

impl Drop for WebGLRenderingContext {
    fn drop(&mut self) {
        if !self.lost.get() {
            let _ = self.sender.send(WebGLMsg::Destroy { context: self.id() });
        }
    }
}

/// Bytes of one component of a vertex attribute type.
pub(super) fn type_size(kind: u32) -> usize {
    match kind {
        glow::BYTE | glow::UNSIGNED_BYTE => 1,
        glow::SHORT | glow::UNSIGNED_SHORT | glow::HALF_FLOAT => 2,
        _ => 4,
    }
}

/// Bytes of one vertex attribute element of `size` components of `kind` (the packed types
/// hold all four in 4 bytes).
pub(super) fn element_size(size: i32, kind: u32) -> u64 {
    match kind {
        glow::INT_2_10_10_10_REV | glow::UNSIGNED_INT_2_10_10_10_REV => 4,
        _ => size as u64 * type_size(kind) as u64,
    }
}

/// Converts a `Float32List` argument (`Float32Array or sequence<GLfloat>`).
pub(super) fn float_list(cx: &mut JSContext, value: HandleValue) -> Fallible<Vec<f32>> {
    if crate::dom::bindings::jit::is_typed_array(value, "Float32Array") {
        rooted!(&in(cx) let object = value.get().to_object());
        return Ok(crate::dom::bindings::conversions::with_view_bytes_mut(object.handle(), |bytes| {
            bytes.chunks_exact(4).map(|b| f32::from_ne_bytes([b[0], b[1], b[2], b[3]])).collect()
        }));
    }
    match Vec::<f32>::from_jsval(cx, value, ()) {
        Ok(Ok(values)) => Ok(values),
        Ok(Err(failure)) => Err(Error::Type(failure.describe("The provided value"))),
        Err(()) => Err(Error::JSFailed),
    }
}

/// Converts an `Int32List` argument (`Int32Array or sequence<GLint>`).
pub(super) fn int_list(cx: &mut JSContext, value: HandleValue) -> Fallible<Vec<i32>> {
    if crate::dom::bindings::jit::is_typed_array(value, "Int32Array") {
        rooted!(&in(cx) let object = value.get().to_object());
        return Ok(crate::dom::bindings::conversions::with_view_bytes_mut(object.handle(), |bytes| {
            bytes.chunks_exact(4).map(|b| i32::from_ne_bytes([b[0], b[1], b[2], b[3]])).collect()
        }));
    }
    match Vec::<i32>::from_jsval(cx, value, crate::dom::bindings::conversions::IntConversion::Default) {
        Ok(Ok(values)) => Ok(values),
        Ok(Err(failure)) => Err(Error::Type(failure.describe("The provided value"))),
        Err(()) => Err(Error::JSFailed),
    }
}

/// The WebGL 1 enable caps.
pub(super) fn valid_cap(cap: u32) -> bool {
    matches!(
        cap,
        glow::BLEND
            | glow::CULL_FACE
            | glow::DEPTH_TEST
            | glow::DITHER
            | glow::POLYGON_OFFSET_FILL
            | glow::SAMPLE_ALPHA_TO_COVERAGE
            | glow::SAMPLE_COVERAGE
            | glow::SCISSOR_TEST
            | glow::STENCIL_TEST
    )
}

pub(super) fn valid_blend_equation(mode: u32, minmax: bool) -> bool {
    matches!(mode, glow::FUNC_ADD | glow::FUNC_SUBTRACT | glow::FUNC_REVERSE_SUBTRACT)
        || (minmax && matches!(mode, glow::MIN | glow::MAX))
}

pub(super) fn valid_blend_factor(factor: u32) -> bool {
    matches!(
        factor,
        glow::ZERO
            | glow::ONE
            | glow::SRC_COLOR
            | glow::ONE_MINUS_SRC_COLOR
            | glow::DST_COLOR
            | glow::ONE_MINUS_DST_COLOR
            | glow::SRC_ALPHA
            | glow::ONE_MINUS_SRC_ALPHA
            | glow::DST_ALPHA
            | glow::ONE_MINUS_DST_ALPHA
            | glow::CONSTANT_COLOR
            | glow::ONE_MINUS_CONSTANT_COLOR
            | glow::CONSTANT_ALPHA
            | glow::ONE_MINUS_CONSTANT_ALPHA
            | glow::SRC_ALPHA_SATURATE
    )
}

/// WebGL 1 forbids a constant colour factor with a constant alpha factor
/// (<https://registry.khronos.org/webgl/specs/latest/1.0/#6.13>).
fn conflicting_constants(a: u32, b: u32) -> bool {
    let color = |f| matches!(f, glow::CONSTANT_COLOR | glow::ONE_MINUS_CONSTANT_COLOR);
    let alpha = |f| matches!(f, glow::CONSTANT_ALPHA | glow::ONE_MINUS_CONSTANT_ALPHA);
    (color(a) && alpha(b)) || (alpha(a) && color(b))
}

fn valid_compare(func: u32) -> bool {
    (glow::NEVER..=glow::ALWAYS).contains(&func)
}

fn valid_stencil_op(op: u32) -> bool {
    matches!(
        op,
        glow::KEEP
            | glow::ZERO
            | glow::REPLACE
            | glow::INCR
            | glow::DECR
            | glow::INVERT
            | glow::INCR_WRAP
            | glow::DECR_WRAP
    )
}

fn valid_face(face: u32) -> bool {
    matches!(face, glow::FRONT | glow::BACK | glow::FRONT_AND_BACK)
}

/// What `getParameter()` answers for `pname` and how (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>).
pub(super) enum ParamKind {
    Bool,
    /// A capability, read with glIsEnabled (for drivers that do not answer glGetBooleanv).
    Enabled,
    Bools4,
    Int,
    UInt,
    Float,
    Floats(usize),
    Ints(usize),
}

pub(super) fn param_kind(pname: u32) -> Option<ParamKind> {
    use ParamKind::*;
    Some(match pname {
        glow::BLEND
        | glow::CULL_FACE
        | glow::DEPTH_TEST
        | glow::DITHER
        | glow::POLYGON_OFFSET_FILL
        | glow::SAMPLE_ALPHA_TO_COVERAGE
        | glow::SAMPLE_COVERAGE
        | glow::SCISSOR_TEST
        | glow::STENCIL_TEST
        | glow::DEPTH_WRITEMASK
        | glow::SAMPLE_COVERAGE_INVERT => Bool,
        glow::COLOR_WRITEMASK => Bools4,
        glow::ACTIVE_TEXTURE
        | glow::ALPHA_BITS
        | glow::BLUE_BITS
        | glow::GREEN_BITS
        | glow::RED_BITS
        | glow::DEPTH_BITS
        | glow::STENCIL_BITS
        | glow::BLEND_DST_ALPHA
        | glow::BLEND_DST_RGB
        | glow::BLEND_SRC_ALPHA
        | glow::BLEND_SRC_RGB
        | glow::BLEND_EQUATION_RGB
        | glow::BLEND_EQUATION_ALPHA
        | glow::CULL_FACE_MODE
        | glow::DEPTH_FUNC
        | glow::FRONT_FACE
        | glow::GENERATE_MIPMAP_HINT
        | glow::IMPLEMENTATION_COLOR_READ_FORMAT
        | glow::IMPLEMENTATION_COLOR_READ_TYPE
        | glow::MAX_COMBINED_TEXTURE_IMAGE_UNITS
        | glow::MAX_CUBE_MAP_TEXTURE_SIZE
        | glow::MAX_FRAGMENT_UNIFORM_VECTORS
        | glow::MAX_RENDERBUFFER_SIZE
        | glow::MAX_TEXTURE_IMAGE_UNITS
        | glow::MAX_TEXTURE_SIZE
        | glow::MAX_VARYING_VECTORS
        | glow::MAX_VERTEX_ATTRIBS
        | glow::MAX_VERTEX_TEXTURE_IMAGE_UNITS
        | glow::MAX_VERTEX_UNIFORM_VECTORS
        | glow::SAMPLE_BUFFERS
        | glow::SAMPLES
        | glow::STENCIL_BACK_FAIL
        | glow::STENCIL_BACK_FUNC
        | glow::STENCIL_BACK_PASS_DEPTH_FAIL
        | glow::STENCIL_BACK_PASS_DEPTH_PASS
        | glow::STENCIL_BACK_REF
        | glow::STENCIL_CLEAR_VALUE
        | glow::STENCIL_FAIL
        | glow::STENCIL_FUNC
        | glow::STENCIL_PASS_DEPTH_FAIL
        | glow::STENCIL_PASS_DEPTH_PASS
        | glow::STENCIL_REF
        | glow::SUBPIXEL_BITS => Int,
        glow::STENCIL_BACK_VALUE_MASK
        | glow::STENCIL_BACK_WRITEMASK
        | glow::STENCIL_VALUE_MASK
        | glow::STENCIL_WRITEMASK => UInt,
        glow::DEPTH_CLEAR_VALUE
        | glow::LINE_WIDTH
        | glow::POLYGON_OFFSET_FACTOR
        | glow::POLYGON_OFFSET_UNITS
        | glow::SAMPLE_COVERAGE_VALUE => Float,
        glow::ALIASED_LINE_WIDTH_RANGE | glow::ALIASED_POINT_SIZE_RANGE | glow::DEPTH_RANGE => Floats(2),
        glow::BLEND_COLOR | glow::COLOR_CLEAR_VALUE => Floats(4),
        glow::MAX_VIEWPORT_DIMS => Ints(2),
        glow::SCISSOR_BOX | glow::VIEWPORT => Ints(4),
        _ => return None,
    })
}

/// Answers of GL for a parameter query, sent back from the WebGL thread.
pub(super) enum ParamValue {
    Bool(bool),
    Bools(Vec<bool>),
    Int(i32),
    UInt(u32),
    Float(f32),
    Floats(Vec<f32>),
    Ints(Vec<i32>),
}

pub(super) fn query_param(gl: &glow::Context, pname: u32, kind: &ParamKind) -> ParamValue {
    // SAFETY: plain state queries with output slices of the sizes GL writes for these names.
    unsafe {
        match kind {
            ParamKind::Bool => ParamValue::Bool(gl.get_parameter_bool(pname)),
            ParamKind::Enabled => ParamValue::Bool(gl.is_enabled(pname)),
            ParamKind::Bools4 => ParamValue::Bools(gl.get_parameter_bool_array::<4>(pname).to_vec()),
            ParamKind::Int => ParamValue::Int(gl.get_parameter_i32(pname)),
            ParamKind::UInt => ParamValue::UInt(gl.get_parameter_i32(pname) as u32),
            ParamKind::Float => ParamValue::Float(gl.get_parameter_f32(pname)),
            ParamKind::Floats(n) => {
                let mut out = vec![0.0; *n];
                gl.get_parameter_f32_slice(pname, &mut out);
                ParamValue::Floats(out)
            }
            ParamKind::Ints(n) => {
                let mut out = vec![0; *n];
                gl.get_parameter_i32_slice(pname, &mut out);
                ParamValue::Ints(out)
            }
        }
    }
}

pub(super) fn new_int32_array(cx: &mut JSContext, values: &[i32], rval: MutableHandleValue) {
    crate::dom::bindings::conversions::new_typed_array_i32(cx, values, rval);
}

pub(super) fn new_uint32_array(cx: &mut JSContext, values: &[u32], rval: MutableHandleValue) {
    crate::dom::bindings::conversions::new_typed_array_u32(cx, values, rval);
}

pub(super) fn set_param(cx: &mut JSContext, value: ParamValue, mut rval: MutableHandleValue) {
    match value {
        ParamValue::Bool(b) => rval.set(BooleanValue(b)),
        ParamValue::Bools(b) => b.to_jsval(cx, rval),
        ParamValue::Int(i) => rval.set(Int32Value(i)),
        ParamValue::UInt(u) => rval.set(UInt32Value(u)),
        ParamValue::Float(f) => rval.set(DoubleValue(f64::from(f))),
        ParamValue::Floats(f) => crate::dom::bindings::conversions::new_float32_array(cx, &f, rval),
        ParamValue::Ints(i) => new_int32_array(cx, &i, rval),
    }
}

/// Reads the active attributes and uniforms of a program that just linked.
/// The uniform a vertex shader's `gl_DrawID` (WEBGL_multi_draw) becomes: OpenGL ES has no
/// `GL_ANGLE_multi_draw`, so each draw sets it (0 outside the multi-draw calls).
pub(super) const DRAW_ID_UNIFORM: &str = "webgl_aperture_DrawID";

pub(super) fn read_linked(gl: &glow::Context, program: glow::NativeProgram) -> Option<LinkedProgram> {
    // SAFETY: queries on a program name this context made.
    unsafe {
        if !gl.get_program_link_status(program) {
            return None;
        }
        let mut linked = LinkedProgram::default();
        for index in 0..gl.get_active_attributes(program) {
            if let Some(a) = gl.get_active_attribute(program, index) {
                let location = gl.get_attrib_location(program, &a.name).map_or(-1, |l| l as i32);
                linked.attributes.push(ActiveVariable { name: a.name, kind: a.atype, size: a.size, location });
            }
        }
        for index in 0..gl.get_active_uniforms(program) {
            if let Some(u) = gl.get_active_uniform(program, index) {
                // The page cannot name `webgl_` identifiers, so one is Aperture's own.
                if u.name == DRAW_ID_UNIFORM {
                    linked.hidden_uniform = Some(index);
                    linked.draw_id = gl.get_uniform_location(program, DRAW_ID_UNIFORM);
                    continue;
                }
                linked.uniforms.push(ActiveVariable { name: u.name, kind: u.utype, size: u.size, location: -1 });
            }
        }
        Some(linked)
    }
}

/// Components of a uniform type, and whether it is read as integers.
pub(super) fn uniform_shape(kind: u32) -> (usize, bool) {
    match kind {
        glow::FLOAT => (1, false),
        glow::FLOAT_VEC2 => (2, false),
        glow::FLOAT_VEC3 => (3, false),
        glow::FLOAT_VEC4 | glow::FLOAT_MAT2 => (4, false),
        glow::FLOAT_MAT3 => (9, false),
        glow::FLOAT_MAT4 => (16, false),
        glow::INT | glow::BOOL | glow::SAMPLER_2D | glow::SAMPLER_CUBE => (1, true),
        glow::INT_VEC2 | glow::BOOL_VEC2 => (2, true),
        glow::INT_VEC3 | glow::BOOL_VEC3 => (3, true),
        glow::INT_VEC4 | glow::BOOL_VEC4 => (4, true),
        _ => (1, false),
    }
}

pub(super) fn is_bool_uniform(kind: u32) -> bool {
    matches!(kind, glow::BOOL | glow::BOOL_VEC2 | glow::BOOL_VEC3 | glow::BOOL_VEC4)
}

impl WebGLRenderingContextMethods for WebGLRenderingContext {
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#DOM-WebGLRenderingContext-canvas>
    fn Canvas(&self, _cx: &mut JSContext) -> HTMLCanvasElementOrOffscreenCanvas {
        match self.offscreen.get() {
            Some(offscreen) => HTMLCanvasElementOrOffscreenCanvas::OffscreenCanvas(offscreen),
            None => HTMLCanvasElementOrOffscreenCanvas::HTMLCanvasElement(self.canvas.as_rooted()),
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#DOM-WebGLRenderingContext-drawingBufferWidth>
    fn DrawingBufferWidth(&self, _cx: &mut JSContext) -> i32 {
        // A lost context has no drawing buffer (0, as in Chromium).
        if self.is_lost() {
            return 0;
        }
        self.size.get().0 as i32
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#DOM-WebGLRenderingContext-drawingBufferHeight>
    fn DrawingBufferHeight(&self, _cx: &mut JSContext) -> i32 {
        if self.is_lost() {
            return 0;
        }
        self.size.get().1 as i32
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#DOM-WebGLRenderingContext-drawingBufferColorSpace>:
    /// kept as set; the drawing buffer is presented as sRGB.
    fn DrawingBufferColorSpace(&self, _cx: &mut JSContext) -> PredefinedColorSpace {
        self.drawing_buffer_color_space.get()
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#DOM-WebGLRenderingContext-drawingBufferColorSpace>
    fn SetDrawingBufferColorSpace(&self, _cx: &mut JSContext, value: PredefinedColorSpace) {
        self.drawing_buffer_color_space.set(value);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#DOM-WebGLRenderingContext-unpackColorSpace>
    fn UnpackColorSpace(&self, _cx: &mut JSContext) -> PredefinedColorSpace {
        self.unpack_color_space.get()
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#DOM-WebGLRenderingContext-unpackColorSpace>
    fn SetUnpackColorSpace(&self, _cx: &mut JSContext, value: PredefinedColorSpace) {
        self.unpack_color_space.set(value);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.2>: the actual attributes.
    fn GetContextAttributes(&self, _cx: &mut JSContext) -> Option<WebGLContextAttributes> {
        return_if_lost!(self);
        let mut attributes = WebGLContextAttributes::empty();
        attributes.alpha = self.actual.alpha;
        attributes.depth = self.requested.depth && self.actual.depth;
        attributes.stencil = self.requested.stencil && self.actual.stencil;
        attributes.antialias = self.requested.antialias && self.actual.antialias;
        attributes.premultiplied_alpha = self.actual.premultiplied_alpha;
        attributes.preserve_drawing_buffer = self.actual.preserve_drawing_buffer;
        attributes.power_preference = self.requested.power_preference;
        attributes.fail_if_major_performance_caveat = self.requested.fail_if_major_performance_caveat;
        attributes.desynchronized = self.requested.desynchronized;
        attributes.xr_compatible = false;
        Some(attributes)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.13>: the webgl context lost
    /// flag (`loss.rs`).
    fn IsContextLost(&self, _cx: &mut JSContext) -> bool {
        self.is_lost()
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.14>: the extensions the
    /// OpenGL ES context under this one supports (see `extensions.rs`).
    fn GetSupportedExtensions(&self, _cx: &mut JSContext) -> Option<Vec<DOMString>> {
        return_if_lost!(self);
        Some(self.supported_extensions.iter().map(|e| DOMString::from(super::extensions::name(*e))).collect())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.14>: the extension object
    /// (the same one each time), which enables the extension; null for a name not supported
    /// (matched ASCII case-insensitively).
    fn GetExtension(&self, cx: &mut JSContext, name: DOMString, mut rval: MutableHandleValue) {
        rval.set(NullValue());
        // A lost context enables no extension (as in Chromium, not even WEBGL_lose_context).
        if self.is_lost() {
            return;
        }
        let Some(extension) = super::extensions::by_name(&name.to_string()) else { return };
        if !self.supported_extensions.contains(&extension) {
            return;
        }
        {
            let mut enabled = self.enabled_extensions.borrow_mut();
            if !enabled.contains(&extension) {
                enabled.push(extension);
            }
            // WEBGL_multi_draw on a WebGL 1.0 context enables ANGLE_instanced_arrays with it
            // (its instanced variants need the divisors).
            if extension == Extension::WebglMultiDraw
                && !self.webgl2
                && !enabled.contains(&Extension::AngleInstancedArrays)
            {
                enabled.push(Extension::AngleInstancedArrays);
            }
        }
        let window = self.window();
        self.extension_objects.get(cx, &window, self, extension, rval);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn ActiveTexture(&self, _cx: &mut JSContext, texture: u32) {
        return_if_lost!(self);
        let unit = texture.wrapping_sub(glow::TEXTURE0);
        if unit as usize >= self.texture_units.len() {
            return self.error(glow::INVALID_ENUM);
        }
        self.active_texture.set(unit);
        gl_run!(self, move |gl| gl.active_texture(texture));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn AttachShader(&self, _cx: &mut JSContext, program: &WebGLProgram, shader: &WebGLShader) {
        return_if_lost!(self);
        if !self.check_object(program) || !self.check_object(shader) {
            return;
        }
        // "only one shader object of each type may be attached to a program": a second one (or
        // the same one again) is INVALID_OPERATION.
        if program.shader(shader.kind()).is_some() {
            return self.error(glow::INVALID_OPERATION);
        }
        program.set_shader(shader.kind(), Some(shader));
        shader.attached(1);
        let (p, s) = (program.name(), shader.name());
        gl_run!(self, move |gl| gl.attach_shader(p, s));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn BindAttribLocation(&self, _cx: &mut JSContext, program: &WebGLProgram, index: u32, name: DOMString) {
        return_if_lost!(self);
        if !self.check_object(program) {
            return;
        }
        if index >= self.limits.max_vertex_attribs {
            return self.error(glow::INVALID_VALUE);
        }
        // Names longer than 256 characters are INVALID_VALUE; the reserved prefixes
        // INVALID_OPERATION (<https://registry.khronos.org/webgl/specs/latest/1.0/#6.21>).
        let name = name.to_string();
        if name.len() > 256 {
            return self.error(glow::INVALID_VALUE);
        }
        if name.starts_with("webgl_") || name.starts_with("_webgl_") || name.starts_with("gl_") {
            return self.error(glow::INVALID_OPERATION);
        }
        let p = program.name();
        gl_run!(self, move |gl| gl.bind_attrib_location(p, index, &name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.5>
    fn BindBuffer(&self, _cx: &mut JSContext, target: u32, buffer: Option<&WebGLBuffer>) {
        return_if_lost!(self);
        let slot = self.gl2.buffer_slot(self.webgl2, target);
        if target != glow::ARRAY_BUFFER && target != glow::ELEMENT_ARRAY_BUFFER && slot.is_none() {
            return self.error(glow::INVALID_ENUM);
        }
        if let Some(buffer) = buffer {
            if !self.check_bindable(buffer) {
                return;
            }
            if !self.check_buffer_type(buffer, target) {
                return;
            }
        }
        if target == glow::ARRAY_BUFFER {
            self.array_buffer.set(buffer);
        } else if target == glow::ELEMENT_ARRAY_BUFFER {
            self.vao().element_array_buffer.set(buffer);
        } else if let Some(slot) = slot {
            slot.set(buffer);
        }
        let name = buffer.map(|b| b.name());
        gl_run!(self, move |gl| gl.bind_buffer(target, name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.6>: null binds the drawing buffer.
    fn BindFramebuffer(&self, _cx: &mut JSContext, target: u32, framebuffer: Option<&WebGLFramebuffer>) {
        return_if_lost!(self);
        if self.framebuffer_for(target).is_err() {
            return;
        }
        if let Some(framebuffer) = framebuffer {
            if !self.check_bindable(framebuffer) {
                return;
            }
            framebuffer.set_bound();
        }
        match target {
            glow::DRAW_FRAMEBUFFER => self.framebuffer.set(framebuffer),
            glow::READ_FRAMEBUFFER => self.gl2.read_framebuffer.set(framebuffer),
            _ => {
                self.framebuffer.set(framebuffer);
                if self.webgl2 {
                    self.gl2.read_framebuffer.set(framebuffer);
                }
            }
        }
        self.bind_framebuffer_task(target, framebuffer.map(|f| f.name()));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.7>
    fn BindRenderbuffer(&self, _cx: &mut JSContext, target: u32, renderbuffer: Option<&WebGLRenderbuffer>) {
        return_if_lost!(self);
        if target != glow::RENDERBUFFER {
            return self.error(glow::INVALID_ENUM);
        }
        if let Some(renderbuffer) = renderbuffer {
            if !self.check_bindable(renderbuffer) {
                return;
            }
            renderbuffer.set_bound();
        }
        self.renderbuffer.set(renderbuffer);
        let name = renderbuffer.map(|r| r.name());
        gl_run!(self, move |gl| gl.bind_renderbuffer(target, name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>
    fn BindTexture(&self, _cx: &mut JSContext, target: u32, texture: Option<&WebGLTexture>) {
        return_if_lost!(self);
        let webgl2_target = self.webgl2 && matches!(target, glow::TEXTURE_3D | glow::TEXTURE_2D_ARRAY);
        if target != glow::TEXTURE_2D && target != glow::TEXTURE_CUBE_MAP && !webgl2_target {
            return self.error(glow::INVALID_ENUM);
        }
        if let Some(texture) = texture {
            if !self.check_bindable(texture) {
                return;
            }
            // A texture keeps the target of its first binding.
            match texture.target() {
                Some(t) if t != target => return self.error(glow::INVALID_OPERATION),
                Some(_) => {}
                None => texture.set_target(target),
            }
        }
        let unit = &self.texture_units[self.active_texture.get() as usize];
        match target {
            glow::TEXTURE_2D => unit.texture_2d.set(texture),
            glow::TEXTURE_3D => unit.texture_3d.set(texture),
            glow::TEXTURE_2D_ARRAY => unit.texture_2d_array.set(texture),
            _ => unit.cube_map.set(texture),
        }
        let name = texture.map(|t| t.name());
        gl_run!(self, move |gl| gl.bind_texture(target, name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn BlendColor(&self, _cx: &mut JSContext, red: f32, green: f32, blue: f32, alpha: f32) {
        return_if_lost!(self);
        gl_run!(self, move |gl| gl.blend_color(red, green, blue, alpha));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn BlendEquation(&self, _cx: &mut JSContext, mode: u32) {
        return_if_lost!(self);
        if !valid_blend_equation(mode, self.webgl2 || self.enabled(Extension::ExtBlendMinmax)) {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.blend_equation(mode));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn BlendEquationSeparate(&self, _cx: &mut JSContext, mode_rgb: u32, mode_alpha: u32) {
        return_if_lost!(self);
        let minmax = self.webgl2 || self.enabled(Extension::ExtBlendMinmax);
        if !valid_blend_equation(mode_rgb, minmax) || !valid_blend_equation(mode_alpha, minmax) {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.blend_equation_separate(mode_rgb, mode_alpha));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn BlendFunc(&self, _cx: &mut JSContext, sfactor: u32, dfactor: u32) {
        return_if_lost!(self);
        if !valid_blend_factor(sfactor) || !valid_blend_factor(dfactor) || dfactor == glow::SRC_ALPHA_SATURATE {
            return self.error(glow::INVALID_ENUM);
        }
        if conflicting_constants(sfactor, dfactor) {
            return self.error(glow::INVALID_OPERATION);
        }
        gl_run!(self, move |gl| gl.blend_func(sfactor, dfactor));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn BlendFuncSeparate(&self, _cx: &mut JSContext, src_rgb: u32, dst_rgb: u32, src_alpha: u32, dst_alpha: u32) {
        return_if_lost!(self);
        if ![src_rgb, dst_rgb, src_alpha, dst_alpha].into_iter().all(valid_blend_factor)
            || dst_rgb == glow::SRC_ALPHA_SATURATE
            || dst_alpha == glow::SRC_ALPHA_SATURATE
        {
            return self.error(glow::INVALID_ENUM);
        }
        if conflicting_constants(src_rgb, dst_rgb) {
            return self.error(glow::INVALID_OPERATION);
        }
        gl_run!(self, move |gl| gl.blend_func_separate(src_rgb, dst_rgb, src_alpha, dst_alpha));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.6>
    fn CheckFramebufferStatus(&self, _cx: &mut JSContext, target: u32) -> u32 {
        // [WebGLHandlesContextLoss]: "If the context's webgl context lost flag is set, returns
        // FRAMEBUFFER_UNSUPPORTED."
        if self.is_lost() {
            return glow::FRAMEBUFFER_UNSUPPORTED;
        }
        let Ok(bound) = self.framebuffer_for(target) else { return 0 };
        let Some(framebuffer) = bound else {
            return glow::FRAMEBUFFER_COMPLETE;
        };
        if self.webgl2 && self.float_attachment_unrenderable(&framebuffer) {
            return glow::FRAMEBUFFER_INCOMPLETE_ATTACHMENT;
        }
        gl_query!(self, move |gl| gl.check_framebuffer_status(target)).unwrap_or(0)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.11>
    fn Clear(&self, _cx: &mut JSContext, mask: u32) {
        return_if_lost!(self);
        if mask & !(glow::COLOR_BUFFER_BIT | glow::DEPTH_BUFFER_BIT | glow::STENCIL_BUFFER_BIT) != 0 {
            return self.error(glow::INVALID_VALUE);
        }
        gl_run!(self, move |gl| gl.clear(mask));
        self.drew();
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn ClearColor(&self, _cx: &mut JSContext, red: f32, green: f32, blue: f32, alpha: f32) {
        return_if_lost!(self);
        gl_run!(self, move |gl| gl.clear_color(red, green, blue, alpha));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn ClearDepth(&self, _cx: &mut JSContext, depth: f32) {
        return_if_lost!(self);
        gl_run!(self, move |gl| gl.clear_depth_f32(depth.clamp(0.0, 1.0)));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn ClearStencil(&self, _cx: &mut JSContext, s: i32) {
        return_if_lost!(self);
        gl_run!(self, move |gl| gl.clear_stencil(s));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn ColorMask(&self, _cx: &mut JSContext, red: bool, green: bool, blue: bool, alpha: bool) {
        return_if_lost!(self);
        for slot in self.gl2.color_masks.iter() {
            slot.set([red, green, blue, alpha]);
        }
        gl_run!(self, move |gl| gl.color_mask(red, green, blue, alpha));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>: WebGL 1 takes GLSL ES 1.00
    /// only; a `#version 300 es` shader fails to compile.
    fn CompileShader(&self, _cx: &mut JSContext, shader: &WebGLShader) {
        return_if_lost!(self);
        if !self.check_object(shader) {
            return;
        }
        let name = shader.name();
        let source = shader.source();
        let es3 = source.trim_start().starts_with("#version")
            && !source.trim_start()["#version".len()..].trim_start().starts_with("100");
        let version = source.trim_start().strip_prefix("#version").map(|rest| rest.trim_start().to_owned());
        let source = if self.webgl2 {
            // WebGL 2.0 takes GLSL ES 1.00 and 3.00 shaders (Mesa checks them), not the later
            // versions the OpenGL ES context may know.
            match version {
                Some(v) if !v.starts_with("100") && !v.starts_with("300 es") => {
                    "#error WebGL 2.0 accepts GLSL ES 1.00 and 3.00 shaders only\n".to_owned()
                }
                _ => source,
            }
        } else if es3 {
            // A source GL rejects the same way, with the reason in the info log.
            "#error WebGL 1.0 accepts GLSL ES 1.00 shaders only (no #version 300 es)\n".to_owned()
        } else {
            source
        };
        let source = self.rewrite_extension_directives(source, shader.kind());
        shader.set_compiled_source(source.clone());
        gl_run!(self, move |gl| {
            gl.shader_source(name, &source);
            gl.compile_shader(name)
        });
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>
    fn CopyTexImage2D(
        &self,
        _cx: &mut JSContext,
        target: u32,
        level: i32,
        internalformat: u32,
        x: i32,
        y: i32,
        width: i32,
        height: i32,
        border: i32,
    ) {
        return_if_lost!(self);
        if self.texture_for(target, true).is_none() {
            return;
        }
        // WebGL 2.0 takes OpenGL ES 3.0's formats, which GL checks.
        if !self.webgl2 && pixels::channels(internalformat).is_none() {
            return self.error(glow::INVALID_ENUM);
        }
        if level < 0 || width < 0 || height < 0 || border != 0 {
            return self.error(glow::INVALID_VALUE);
        }
        if !self.can_read() {
            return;
        }
        let from_default = self.read_framebuffer().is_none();
        self.enqueue(Box::new(move |gl: &glow::Context, buffer: &mut dyn DrawingBuffer| {
            if from_default {
                buffer.begin_read(gl);
            }
            // SAFETY: as in `gl_run!`.
            unsafe { gl.copy_tex_image_2d(target, level, internalformat, x, y, width, height, border) };
            if from_default {
                buffer.end_read(gl);
            }
        }));
        self.specified(target, level, width, height);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>
    fn CopyTexSubImage2D(
        &self,
        _cx: &mut JSContext,
        target: u32,
        level: i32,
        xoffset: i32,
        yoffset: i32,
        x: i32,
        y: i32,
        width: i32,
        height: i32,
    ) {
        return_if_lost!(self);
        if self.texture_for(target, true).is_none() {
            return;
        }
        if level < 0 || width < 0 || height < 0 || xoffset < 0 || yoffset < 0 {
            return self.error(glow::INVALID_VALUE);
        }
        if !self.can_read() {
            return;
        }
        let from_default = self.read_framebuffer().is_none();
        self.enqueue(Box::new(move |gl: &glow::Context, buffer: &mut dyn DrawingBuffer| {
            if from_default {
                buffer.begin_read(gl);
            }
            // SAFETY: as in `gl_run!`.
            unsafe { gl.copy_tex_sub_image_2d(target, level, xoffset, yoffset, x, y, width, height) };
            if from_default {
                buffer.end_read(gl);
            }
        }));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.5>
    fn CreateBuffer(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLBuffer>> {
        if self.is_lost() {
            // WebGL objects are made even while the context is lost; this one belongs to no
            // context, so it is invalid everywhere (`loss.rs`).
            return Some(WebGLBuffer::new(cx, &self.window(), NO_CONTEXT, glow::NativeBuffer(PLACEHOLDER_NAME)));
        }
        let name = gl_query!(self, move |gl| gl.create_buffer().ok())??;
        let object = WebGLBuffer::new(cx, &self.window(), self.id(), name);
        // SAFETY: run on the WebGL thread with this context current; `name` is an object of it.
        object.object().set_release(self.releaser(name, |gl, name| unsafe { gl.delete_buffer(name) }));
        Some(object)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.6>
    fn CreateFramebuffer(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLFramebuffer>> {
        if self.is_lost() {
            // WebGL objects are made even while the context is lost; this one belongs to no
            // context, so it is invalid everywhere (`loss.rs`).
            return Some(WebGLFramebuffer::new(
                cx,
                &self.window(),
                NO_CONTEXT,
                glow::NativeFramebuffer(PLACEHOLDER_NAME),
            ));
        }
        let name = gl_query!(self, move |gl| gl.create_framebuffer().ok())??;
        let object = WebGLFramebuffer::new(cx, &self.window(), self.id(), name);
        // SAFETY: run on the WebGL thread with this context current; `name` is an object of it.
        object.object().set_release(self.releaser(name, |gl, name| unsafe { gl.delete_framebuffer(name) }));
        Some(object)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn CreateProgram(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLProgram>> {
        if self.is_lost() {
            // WebGL objects are made even while the context is lost; this one belongs to no
            // context, so it is invalid everywhere (`loss.rs`).
            return Some(WebGLProgram::new(cx, &self.window(), NO_CONTEXT, glow::NativeProgram(PLACEHOLDER_NAME)));
        }
        let name = gl_query!(self, move |gl| gl.create_program().ok())??;
        let object = WebGLProgram::new(cx, &self.window(), self.id(), name);
        // SAFETY: run on the WebGL thread with this context current; `name` is an object of it.
        object.object().set_release(self.releaser(name, |gl, name| unsafe { gl.delete_program(name) }));
        Some(object)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.7>
    fn CreateRenderbuffer(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLRenderbuffer>> {
        if self.is_lost() {
            // WebGL objects are made even while the context is lost; this one belongs to no
            // context, so it is invalid everywhere (`loss.rs`).
            return Some(WebGLRenderbuffer::new(
                cx,
                &self.window(),
                NO_CONTEXT,
                glow::NativeRenderbuffer(PLACEHOLDER_NAME),
            ));
        }
        let name = gl_query!(self, move |gl| gl.create_renderbuffer().ok())??;
        let object = WebGLRenderbuffer::new(cx, &self.window(), self.id(), name);
        // SAFETY: run on the WebGL thread with this context current; `name` is an object of it.
        object.object().set_release(self.releaser(name, |gl, name| unsafe { gl.delete_renderbuffer(name) }));
        Some(object)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn CreateShader(&self, cx: &mut JSContext, type_: u32) -> Option<DomRoot<WebGLShader>> {
        if self.is_lost() {
            // WebGL objects are made even while the context is lost; this one belongs to no
            // context, so it is invalid everywhere (`loss.rs`).
            return Some(WebGLShader::new_of_kind(
                cx,
                &self.window(),
                NO_CONTEXT,
                glow::NativeShader(PLACEHOLDER_NAME),
                type_,
            ));
        }
        if type_ != glow::VERTEX_SHADER && type_ != glow::FRAGMENT_SHADER {
            self.error(glow::INVALID_ENUM);
            return None;
        }
        let name = gl_query!(self, move |gl| gl.create_shader(type_).ok())??;
        let object = WebGLShader::new_of_kind(cx, &self.window(), self.id(), name, type_);
        // SAFETY: run on the WebGL thread with this context current; `name` is an object of it.
        object.object().set_release(self.releaser(name, |gl, name| unsafe { gl.delete_shader(name) }));
        Some(object)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>
    fn CreateTexture(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLTexture>> {
        if self.is_lost() {
            // WebGL objects are made even while the context is lost; this one belongs to no
            // context, so it is invalid everywhere (`loss.rs`).
            return Some(WebGLTexture::new(cx, &self.window(), NO_CONTEXT, glow::NativeTexture(PLACEHOLDER_NAME)));
        }
        let name = gl_query!(self, move |gl| gl.create_texture().ok())??;
        let object = WebGLTexture::new(cx, &self.window(), self.id(), name);
        // SAFETY: run on the WebGL thread with this context current; `name` is an object of it.
        object.object().set_release(self.releaser(name, |gl, name| unsafe { gl.delete_texture(name) }));
        Some(object)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn CullFace(&self, _cx: &mut JSContext, mode: u32) {
        return_if_lost!(self);
        if !valid_face(mode) {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.cull_face(mode));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.5>: deleting a bound buffer
    /// unbinds it.
    fn DeleteBuffer(&self, _cx: &mut JSContext, buffer: Option<&WebGLBuffer>) {
        return_if_lost!(self);
        let Some(buffer) = buffer else { return };
        if !self.begin_delete(buffer) {
            return;
        }
        if self.array_buffer.get().is_some_and(|b| std::ptr::eq(&*b, buffer)) {
            self.array_buffer.set(None);
        }
        self.vao().unbind_buffer(buffer);
        self.gl2.unbind_buffer(buffer);
        let name = buffer.name();
        gl_run!(self, move |gl| gl.delete_buffer(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.6>: deleting the bound
    /// framebuffer binds the drawing buffer again.
    fn DeleteFramebuffer(&self, _cx: &mut JSContext, framebuffer: Option<&WebGLFramebuffer>) {
        return_if_lost!(self);
        let Some(framebuffer) = framebuffer else { return };
        if !self.begin_delete(framebuffer) {
            return;
        }
        let name = framebuffer.name();
        gl_run!(self, move |gl| gl.delete_framebuffer(name));
        if self.framebuffer.get().is_some_and(|f| std::ptr::eq(&*f, framebuffer)) {
            self.framebuffer.set(None);
            let target = if self.webgl2 { glow::DRAW_FRAMEBUFFER } else { glow::FRAMEBUFFER };
            self.bind_framebuffer_task(target, None);
        }
        if self.gl2.read_framebuffer.get().is_some_and(|f| std::ptr::eq(&*f, framebuffer)) {
            self.gl2.read_framebuffer.set(None);
            self.bind_framebuffer_task(glow::READ_FRAMEBUFFER, None);
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn DeleteProgram(&self, _cx: &mut JSContext, program: Option<&WebGLProgram>) {
        return_if_lost!(self);
        let Some(program) = program else { return };
        if program.object().context() != self.id() {
            return self.error(glow::INVALID_OPERATION);
        }
        if !program.request_delete() {
            return;
        }
        let name = program.name();
        gl_run!(self, move |gl| gl.delete_program(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.7>
    fn DeleteRenderbuffer(&self, _cx: &mut JSContext, renderbuffer: Option<&WebGLRenderbuffer>) {
        return_if_lost!(self);
        let Some(renderbuffer) = renderbuffer else { return };
        if !self.begin_delete(renderbuffer) {
            return;
        }
        if self.renderbuffer.get().is_some_and(|r| std::ptr::eq(&*r, renderbuffer)) {
            self.renderbuffer.set(None);
        }
        for framebuffer in [self.framebuffer.get(), self.gl2.read_framebuffer.get()].into_iter().flatten() {
            framebuffer.detach_renderbuffer(renderbuffer);
        }
        let name = renderbuffer.name();
        gl_run!(self, move |gl| gl.delete_renderbuffer(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn DeleteShader(&self, _cx: &mut JSContext, shader: Option<&WebGLShader>) {
        return_if_lost!(self);
        let Some(shader) = shader else { return };
        if !self.begin_delete(shader) {
            return;
        }
        let name = shader.name();
        gl_run!(self, move |gl| gl.delete_shader(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>: deleting a bound texture
    /// unbinds it from every unit.
    fn DeleteTexture(&self, _cx: &mut JSContext, texture: Option<&WebGLTexture>) {
        return_if_lost!(self);
        let Some(texture) = texture else { return };
        if !self.begin_delete(texture) {
            return;
        }
        for framebuffer in [self.framebuffer.get(), self.gl2.read_framebuffer.get()].into_iter().flatten() {
            framebuffer.detach_texture(texture);
        }
        for unit in self.texture_units.iter() {
            for slot in [&unit.texture_2d, &unit.cube_map, &unit.texture_3d, &unit.texture_2d_array] {
                if slot.get().is_some_and(|t| std::ptr::eq(&*t, texture)) {
                    slot.set(None);
                }
            }
        }
        let name = texture.name();
        gl_run!(self, move |gl| gl.delete_texture(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn DepthFunc(&self, _cx: &mut JSContext, func: u32) {
        return_if_lost!(self);
        if !valid_compare(func) {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.depth_func(func));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn DepthMask(&self, _cx: &mut JSContext, flag: bool) {
        return_if_lost!(self);
        gl_run!(self, move |gl| gl.depth_mask(flag));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>: zNear > zFar is
    /// INVALID_OPERATION (<https://registry.khronos.org/webgl/specs/latest/1.0/#6.11>).
    fn DepthRange(&self, _cx: &mut JSContext, z_near: f32, z_far: f32) {
        return_if_lost!(self);
        if z_near > z_far {
            return self.error(glow::INVALID_OPERATION);
        }
        gl_run!(self, move |gl| gl.depth_range_f32(z_near.clamp(0.0, 1.0), z_far.clamp(0.0, 1.0)));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn DetachShader(&self, _cx: &mut JSContext, program: &WebGLProgram, shader: &WebGLShader) {
        return_if_lost!(self);
        if !self.check_object(program) || !self.check_object(shader) {
            return;
        }
        if !program.shader(shader.kind()).is_some_and(|s| std::ptr::eq(&*s, shader)) {
            return self.error(glow::INVALID_OPERATION);
        }
        program.set_shader(shader.kind(), None);
        shader.attached(-1);
        let (p, s) = (program.name(), shader.name());
        gl_run!(self, move |gl| gl.detach_shader(p, s));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn Disable(&self, _cx: &mut JSContext, cap: u32) {
        return_if_lost!(self);
        if !self.cap_allowed(cap) {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.disable(cap));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn DisableVertexAttribArray(&self, _cx: &mut JSContext, index: u32) {
        return_if_lost!(self);
        let vao = self.vao();
        let Some(attrib) = vao.attribs.get(index as usize) else {
            return self.error(glow::INVALID_VALUE);
        };
        attrib.enabled.set(false);
        gl_run!(self, move |gl| gl.disable_vertex_attrib_array(index));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.11>
    fn DrawArrays(&self, _cx: &mut JSContext, mode: u32, first: i32, count: i32) {
        return_if_lost!(self);
        self.draw_arrays(mode, first, count, None);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.11>
    fn DrawElements(&self, _cx: &mut JSContext, mode: u32, count: i32, type_: u32, offset: i64) {
        return_if_lost!(self);
        self.draw_elements(mode, count, type_, offset, None);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn Enable(&self, _cx: &mut JSContext, cap: u32) {
        return_if_lost!(self);
        if !self.cap_allowed(cap) {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.enable(cap));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn EnableVertexAttribArray(&self, _cx: &mut JSContext, index: u32) {
        return_if_lost!(self);
        let vao = self.vao();
        let Some(attrib) = vao.attribs.get(index as usize) else {
            return self.error(glow::INVALID_VALUE);
        };
        attrib.enabled.set(true);
        gl_run!(self, move |gl| gl.enable_vertex_attrib_array(index));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.11>: waits for the WebGL
    /// thread to have run every call.
    fn Finish(&self, _cx: &mut JSContext) {
        return_if_lost!(self);
        let _ = gl_query!(self, move |gl| gl.finish());
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.11>: sends the queued calls.
    fn Flush(&self, _cx: &mut JSContext) {
        return_if_lost!(self);
        self.flush_queue();
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.6>
    fn FramebufferRenderbuffer(
        &self,
        _cx: &mut JSContext,
        target: u32,
        attachment: u32,
        renderbuffertarget: u32,
        renderbuffer: Option<&WebGLRenderbuffer>,
    ) {
        return_if_lost!(self);
        let Ok(bound) = self.framebuffer_for(target) else { return };
        if renderbuffertarget != glow::RENDERBUFFER || !self.valid_attachment(attachment) {
            return self.error(glow::INVALID_ENUM);
        }
        let Some(framebuffer) = bound else {
            return self.error(glow::INVALID_OPERATION);
        };
        if let Some(renderbuffer) = renderbuffer
            && !self.check_object(renderbuffer)
        {
            return;
        }
        framebuffer.attach(attachment, None, renderbuffer);
        let name = renderbuffer.map(|r| r.name());
        if attachment == glow::DEPTH_STENCIL_ATTACHMENT {
            gl_run!(self, move |gl| {
                gl.framebuffer_renderbuffer(target, glow::DEPTH_ATTACHMENT, renderbuffertarget, name);
                gl.framebuffer_renderbuffer(target, glow::STENCIL_ATTACHMENT, renderbuffertarget, name)
            });
        } else {
            gl_run!(self, move |gl| gl.framebuffer_renderbuffer(target, attachment, renderbuffertarget, name));
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.6>
    fn FramebufferTexture2D(
        &self,
        _cx: &mut JSContext,
        target: u32,
        attachment: u32,
        textarget: u32,
        texture: Option<&WebGLTexture>,
        level: i32,
    ) {
        return_if_lost!(self);
        let Ok(bound) = self.framebuffer_for(target) else { return };
        if !self.valid_attachment(attachment) {
            return self.error(glow::INVALID_ENUM);
        }
        if textarget != glow::TEXTURE_2D
            && !(glow::TEXTURE_CUBE_MAP_POSITIVE_X..=glow::TEXTURE_CUBE_MAP_NEGATIVE_Z).contains(&textarget)
        {
            return self.error(glow::INVALID_ENUM);
        }
        let Some(framebuffer) = bound else {
            return self.error(glow::INVALID_OPERATION);
        };
        if let Some(texture) = texture {
            if !self.check_object(texture) {
                return;
            }
            // WebGL 1.0 renders to level 0 only (OES_fbo_render_mipmap aside); WebGL 2.0 to
            // any level, checked by GL.
            if level != 0 && !self.webgl2 && !self.enabled(Extension::OesFboRenderMipmap) {
                return self.error(glow::INVALID_VALUE);
            }
        }
        framebuffer.attach(attachment, texture, None);
        let name = texture.map(|t| t.name());
        if attachment == glow::DEPTH_STENCIL_ATTACHMENT {
            gl_run!(self, move |gl| {
                gl.framebuffer_texture_2d(target, glow::DEPTH_ATTACHMENT, textarget, name, level);
                gl.framebuffer_texture_2d(target, glow::STENCIL_ATTACHMENT, textarget, name, level)
            });
        } else {
            gl_run!(self, move |gl| gl.framebuffer_texture_2d(target, attachment, textarget, name, level));
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn FrontFace(&self, _cx: &mut JSContext, mode: u32) {
        return_if_lost!(self);
        if mode != glow::CW && mode != glow::CCW {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.front_face(mode));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>
    fn GenerateMipmap(&self, _cx: &mut JSContext, target: u32) {
        return_if_lost!(self);
        let Some(texture) = self.texture_for(target, false) else { return };
        // WebGL 2.0: the level 0 format must be colour-renderable and filterable
        // (<https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>): float formats only
        // with the extensions that make them so (Mesa's context has both on).
        if self.webgl2 {
            let format = texture.internal_format();
            let float32 = matches!(format, glow::R32F | glow::RG32F | glow::RGB32F | glow::RGBA32F);
            if (super::gl2::needs_color_buffer_float(format) && !self.enabled(Extension::ExtColorBufferFloat))
                || (float32 && !self.enabled(Extension::OesTextureFloatLinear))
                || matches!(format, glow::RGB16F | glow::RGB32F)
            {
                return self.error(glow::INVALID_OPERATION);
            }
        }
        // WebGL 1: only power-of-two textures have mipmaps; EXT_sRGB's formats none.
        if !self.webgl2
            && (!texture.is_power_of_two() || matches!(texture.internal_format(), SRGB_EXT | SRGB_ALPHA_EXT))
        {
            return self.error(glow::INVALID_OPERATION);
        }
        gl_run!(self, move |gl| gl.generate_mipmap(target));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn GetActiveAttrib(
        &self,
        cx: &mut JSContext,
        program: &WebGLProgram,
        index: u32,
    ) -> Option<DomRoot<WebGLActiveInfo>> {
        return_if_lost!(self);
        if !self.check_object(program) {
            return None;
        }
        let linked = program.linked().unwrap_or_default();
        let Some(variable) = linked.attributes.get(index as usize) else {
            self.error(glow::INVALID_VALUE);
            return None;
        };
        Some(WebGLActiveInfo::new(cx, &self.window(), variable))
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn GetActiveUniform(
        &self,
        cx: &mut JSContext,
        program: &WebGLProgram,
        index: u32,
    ) -> Option<DomRoot<WebGLActiveInfo>> {
        return_if_lost!(self);
        if !self.check_object(program) {
            return None;
        }
        let linked = program.linked().unwrap_or_default();
        let Some(variable) = linked.uniforms.get(index as usize) else {
            self.error(glow::INVALID_VALUE);
            return None;
        };
        Some(WebGLActiveInfo::new(cx, &self.window(), variable))
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn GetAttachedShaders(&self, _cx: &mut JSContext, program: &WebGLProgram) -> Option<Vec<DomRoot<WebGLShader>>> {
        return_if_lost!(self);
        if !self.check_object(program) {
            return None;
        }
        Some(program.attached_shaders())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn GetAttribLocation(&self, _cx: &mut JSContext, program: &WebGLProgram, name: DOMString) -> i32 {
        // [WebGLHandlesContextLoss]: -1 while the context is lost.
        if self.is_lost() || !self.check_object(program) {
            return -1;
        }
        let Some(linked) = program.linked() else {
            self.error(glow::INVALID_OPERATION);
            return -1;
        };
        let name = name.to_string();
        linked.attributes.iter().find(|a| a.name == name).map_or(-1, |a| a.location)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.5>
    fn GetBufferParameter(&self, _cx: &mut JSContext, target: u32, pname: u32, mut rval: MutableHandleValue) {
        return_if_lost!(self, rval);
        rval.set(NullValue());
        let Ok(buffer) = self.bound_buffer(target) else { return };
        let Some(buffer) = buffer else {
            return self.error(glow::INVALID_OPERATION);
        };
        match pname {
            glow::BUFFER_SIZE => rval.set(Int32Value(buffer.size() as i32)),
            glow::BUFFER_USAGE => rval.set(UInt32Value(buffer.usage())),
            _ => self.error(glow::INVALID_ENUM),
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>: each pname answers with
    /// the type the table of that section gives it.
    fn GetParameter(&self, cx: &mut JSContext, pname: u32, mut rval: MutableHandleValue) {
        return_if_lost!(self, rval);
        rval.set(NullValue());
        let store = self.pixel_store.get();
        let unit = &self.texture_units[self.active_texture.get() as usize];
        if self.webgl2 && self.get_parameter2(cx, pname, rval.reborrow()) {
            return;
        }
        match pname {
            glow::VERSION => return "WebGL 1.0 (OpenGL ES 2.0 Aperture)".to_jsval(cx, rval),
            glow::SHADING_LANGUAGE_VERSION => {
                return "WebGL GLSL ES 1.0 (OpenGL ES GLSL ES 1.0 Aperture)".to_jsval(cx, rval);
            }
            glow::VENDOR => return "WebKit".to_jsval(cx, rval),
            glow::RENDERER => return "WebKit WebGL".to_jsval(cx, rval),
            glow::ARRAY_BUFFER_BINDING => return self.array_buffer.get().to_jsval(cx, rval),
            glow::ELEMENT_ARRAY_BUFFER_BINDING => return self.vao().element_array_buffer.get().to_jsval(cx, rval),
            glow::CURRENT_PROGRAM => return self.current_program.get().to_jsval(cx, rval),
            glow::FRAMEBUFFER_BINDING => return self.framebuffer.get().to_jsval(cx, rval),
            glow::RENDERBUFFER_BINDING => return self.renderbuffer.get().to_jsval(cx, rval),
            glow::TEXTURE_BINDING_2D => return unit.texture_2d.get().to_jsval(cx, rval),
            glow::TEXTURE_BINDING_CUBE_MAP => return unit.cube_map.get().to_jsval(cx, rval),
            UNPACK_FLIP_Y_WEBGL => return rval.set(BooleanValue(store.flip_y)),
            UNPACK_PREMULTIPLY_ALPHA_WEBGL => return rval.set(BooleanValue(store.premultiply_alpha)),
            UNPACK_COLORSPACE_CONVERSION_WEBGL => return rval.set(UInt32Value(store.colorspace_conversion)),
            glow::UNPACK_ALIGNMENT => return rval.set(Int32Value(store.unpack_alignment)),
            glow::PACK_ALIGNMENT => return rval.set(Int32Value(store.pack_alignment)),
            glow::COMPRESSED_TEXTURE_FORMATS => return new_uint32_array(cx, &self.compressed_texture_formats(), rval),
            // The units and attributes this side tracks (the driver may have more).
            glow::MAX_COMBINED_TEXTURE_IMAGE_UNITS => return rval.set(Int32Value(self.texture_units.len() as i32)),
            glow::MAX_VERTEX_ATTRIBS => return rval.set(Int32Value(self.default_vao.attribs.len() as i32)),
            glow::VERTEX_ARRAY_BINDING if self.enabled(Extension::OesVertexArrayObject) => {
                return self.bound_vao.get().to_jsval(cx, rval);
            }
            UNMASKED_VENDOR_WEBGL | UNMASKED_RENDERER_WEBGL if self.enabled(Extension::WebglDebugRendererInfo) => {
                let name = if pname == UNMASKED_VENDOR_WEBGL { glow::VENDOR } else { glow::RENDERER };
                let value = gl_query!(self, move |gl| gl.get_parameter_string(name)).unwrap_or_default();
                return value.to_jsval(cx, rval);
            }
            glow::MAX_TEXTURE_MAX_ANISOTROPY_EXT if self.enabled(Extension::ExtTextureFilterAnisotropic) => {
                let value = gl_query!(self, move |gl| gl.get_parameter_f32(pname)).unwrap_or(1.0);
                return rval.set(DoubleValue(f64::from(value)));
            }
            glow::DRAW_BUFFER0..=glow::DRAW_BUFFER15 if self.enabled(Extension::WebglDrawBuffers) => {
                return self.draw_buffer_parameter(pname, rval);
            }
            // EXT_disjoint_timer_query: the GPU's time now, in nanoseconds.
            super::webgl2renderingcontext::TIMESTAMP_EXT if self.enabled(Extension::ExtDisjointTimerQuery) => {
                let value = gl_query!(self, move |gl| gl.get_parameter_i64(pname)).unwrap_or(0);
                return rval.set(DoubleValue(value as f64));
            }
            glow::FRAGMENT_SHADER_DERIVATIVE_HINT if self.enabled(Extension::OesStandardDerivatives) => {
                let value = gl_query!(self, move |gl| gl.get_parameter_i32(pname)).unwrap_or(0);
                return rval.set(UInt32Value(value as u32));
            }
            _ => {}
        }
        let Some(kind) = param_kind(pname).or_else(|| self.extension_param_kind(pname)) else {
            return self.error(glow::INVALID_ENUM);
        };
        if let Some(value) = self.call(move |gl, _| query_param(gl, pname, &kind)) {
            set_param(cx, value, rval);
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>: WebGL's own error first,
    /// then GL's.
    fn GetError(&self, _cx: &mut JSContext) -> u32 {
        // [WebGLHandlesContextLoss]: "If the context's webgl context lost flag is set, returns
        // CONTEXT_LOST_WEBGL the first time this method is called. Afterward, returns NO_ERROR
        // until the context has been restored."
        if self.is_lost() {
            return self.lost_error();
        }
        let own = self.error.replace(glow::NO_ERROR);
        if own != glow::NO_ERROR {
            return own;
        }
        gl_query!(self, move |gl| gl.get_error()).unwrap_or(glow::NO_ERROR)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.6>
    fn GetFramebufferAttachmentParameter(
        &self,
        cx: &mut JSContext,
        target: u32,
        attachment: u32,
        pname: u32,
        mut rval: MutableHandleValue,
    ) {
        return_if_lost!(self, rval);
        rval.set(NullValue());
        if self.webgl2 {
            return self.get_framebuffer_attachment_parameter2(cx, target, attachment, pname, rval);
        }
        if target != glow::FRAMEBUFFER || !self.valid_attachment(attachment) {
            return self.error(glow::INVALID_ENUM);
        }
        if self.default_framebuffer_bound() {
            return self.error(glow::INVALID_OPERATION);
        }
        let queried = if attachment == glow::DEPTH_STENCIL_ATTACHMENT { glow::DEPTH_ATTACHMENT } else { attachment };
        match pname {
            glow::FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE
            | glow::FRAMEBUFFER_ATTACHMENT_TEXTURE_LEVEL
            | glow::FRAMEBUFFER_ATTACHMENT_TEXTURE_CUBE_MAP_FACE
            | glow::FRAMEBUFFER_ATTACHMENT_OBJECT_NAME => {}
            glow::FRAMEBUFFER_ATTACHMENT_COLOR_ENCODING if self.enabled(Extension::ExtSrgb) => {}
            _ => return self.error(glow::INVALID_ENUM),
        }
        let object_type = gl_query!(self, move |gl| gl.get_framebuffer_attachment_parameter_i32(
            target,
            queried,
            glow::FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE
        ))
        .unwrap_or(0) as u32;
        match pname {
            glow::FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE => rval.set(UInt32Value(object_type)),
            glow::FRAMEBUFFER_ATTACHMENT_OBJECT_NAME => {
                let Some(framebuffer) = self.framebuffer.get() else { return };
                if let Some(texture) = framebuffer.attached_texture(attachment) {
                    texture.to_jsval(cx, rval)
                } else if let Some(renderbuffer) = framebuffer.attached_renderbuffer(attachment) {
                    renderbuffer.to_jsval(cx, rval)
                }
            }
            // EXT_sRGB: LINEAR or SRGB_EXT, for a texture or a renderbuffer.
            glow::FRAMEBUFFER_ATTACHMENT_COLOR_ENCODING if object_type != glow::NONE => {
                let value = gl_query!(self, move |gl| gl
                    .get_framebuffer_attachment_parameter_i32(target, queried, pname))
                .unwrap_or(0);
                rval.set(UInt32Value(value as u32));
            }
            _ if object_type != glow::TEXTURE => self.error(glow::INVALID_ENUM),
            _ => {
                let value = gl_query!(self, move |gl| gl
                    .get_framebuffer_attachment_parameter_i32(target, queried, pname))
                .unwrap_or(0);
                rval.set(Int32Value(value));
            }
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn GetProgramParameter(
        &self,
        _cx: &mut JSContext,
        program: &WebGLProgram,
        pname: u32,
        mut rval: MutableHandleValue,
    ) {
        return_if_lost!(self, rval);
        rval.set(NullValue());
        if !self.check_object(program) {
            return;
        }
        let linked = program.linked();
        match pname {
            glow::DELETE_STATUS => rval.set(BooleanValue(program.delete_status())),
            COMPLETION_STATUS_KHR if self.enabled(Extension::KhrParallelShaderCompile) => rval.set(BooleanValue(true)),
            glow::LINK_STATUS => rval.set(BooleanValue(linked.is_some())),
            glow::ATTACHED_SHADERS => rval.set(Int32Value(program.attached_shaders().len() as i32)),
            glow::ACTIVE_ATTRIBUTES => rval.set(Int32Value(linked.map_or(0, |l| l.attributes.len() as i32))),
            glow::ACTIVE_UNIFORMS => rval.set(Int32Value(linked.map_or(0, |l| l.uniforms.len() as i32))),
            glow::VALIDATE_STATUS => {
                let name = program.name();
                let valid = gl_query!(self, move |gl| gl.get_program_validate_status(name)).unwrap_or(false);
                rval.set(BooleanValue(valid))
            }
            glow::ACTIVE_UNIFORM_BLOCKS | glow::TRANSFORM_FEEDBACK_VARYINGS if self.webgl2 => {
                let name = program.name();
                let value = gl_query!(self, move |gl| gl.get_program_parameter_i32(name, pname)).unwrap_or(0);
                rval.set(Int32Value(value))
            }
            glow::TRANSFORM_FEEDBACK_BUFFER_MODE if self.webgl2 => {
                let name = program.name();
                let value = gl_query!(self, move |gl| gl.get_program_parameter_i32(name, pname)).unwrap_or(0);
                rval.set(UInt32Value(value as u32))
            }
            _ => self.error(glow::INVALID_ENUM),
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn GetProgramInfoLog(&self, _cx: &mut JSContext, program: &WebGLProgram) -> Option<DOMString> {
        return_if_lost!(self);
        if !self.check_object(program) {
            return None;
        }
        let name = program.name();
        gl_query!(self, move |gl| gl.get_program_info_log(name)).map(|log| DOMString::from(log.as_str()))
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.7>
    fn GetRenderbufferParameter(&self, _cx: &mut JSContext, target: u32, pname: u32, mut rval: MutableHandleValue) {
        return_if_lost!(self, rval);
        rval.set(NullValue());
        if target != glow::RENDERBUFFER {
            return self.error(glow::INVALID_ENUM);
        }
        if self.renderbuffer.get().is_none() {
            return self.error(glow::INVALID_OPERATION);
        }
        match pname {
            glow::RENDERBUFFER_WIDTH
            | glow::RENDERBUFFER_HEIGHT
            | glow::RENDERBUFFER_INTERNAL_FORMAT
            | glow::RENDERBUFFER_RED_SIZE
            | glow::RENDERBUFFER_GREEN_SIZE
            | glow::RENDERBUFFER_BLUE_SIZE
            | glow::RENDERBUFFER_ALPHA_SIZE
            | glow::RENDERBUFFER_DEPTH_SIZE
            | glow::RENDERBUFFER_STENCIL_SIZE => {}
            glow::RENDERBUFFER_SAMPLES if self.webgl2 => {}
            _ => return self.error(glow::INVALID_ENUM),
        }
        let value = gl_query!(self, move |gl| gl.get_renderbuffer_parameter_i32(target, pname)).unwrap_or(0);
        if pname == glow::RENDERBUFFER_INTERNAL_FORMAT {
            // DEPTH_STENCIL is stored as DEPTH24_STENCIL8; WebGL 1 reports its own name.
            let value =
                if value as u32 == glow::DEPTH24_STENCIL8 && !self.webgl2 { glow::DEPTH_STENCIL } else { value as u32 };
            rval.set(UInt32Value(value));
        } else {
            rval.set(Int32Value(value));
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn GetShaderParameter(&self, _cx: &mut JSContext, shader: &WebGLShader, pname: u32, mut rval: MutableHandleValue) {
        return_if_lost!(self, rval);
        rval.set(NullValue());
        if !self.check_object(shader) {
            return;
        }
        match pname {
            glow::SHADER_TYPE => rval.set(UInt32Value(shader.kind())),
            // Compiling is synchronous here: always complete.
            COMPLETION_STATUS_KHR if self.enabled(Extension::KhrParallelShaderCompile) => rval.set(BooleanValue(true)),
            glow::DELETE_STATUS => rval.set(BooleanValue(shader.object().is_deleted())),
            glow::COMPILE_STATUS => {
                let name = shader.name();
                let compiled = gl_query!(self, move |gl| gl.get_shader_compile_status(name)).unwrap_or(false);
                rval.set(BooleanValue(compiled))
            }
            _ => self.error(glow::INVALID_ENUM),
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn GetShaderPrecisionFormat(
        &self,
        cx: &mut JSContext,
        shadertype: u32,
        precisiontype: u32,
    ) -> Option<DomRoot<WebGLShaderPrecisionFormat>> {
        return_if_lost!(self);
        if shadertype != glow::VERTEX_SHADER && shadertype != glow::FRAGMENT_SHADER {
            self.error(glow::INVALID_ENUM);
            return None;
        }
        if !(glow::LOW_FLOAT..=glow::HIGH_INT).contains(&precisiontype) {
            self.error(glow::INVALID_ENUM);
            return None;
        }
        let format = gl_query!(self, move |gl| gl.get_shader_precision_format(shadertype, precisiontype).map(|f| (
            f.range_min,
            f.range_max,
            f.precision
        )))
        .flatten()
        .unwrap_or((0, 0, 0));
        Some(WebGLShaderPrecisionFormat::new(cx, &self.window(), format.0, format.1, format.2))
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn GetShaderInfoLog(&self, _cx: &mut JSContext, shader: &WebGLShader) -> Option<DOMString> {
        return_if_lost!(self);
        if !self.check_object(shader) {
            return None;
        }
        let name = shader.name();
        gl_query!(self, move |gl| gl.get_shader_info_log(name)).map(|log| DOMString::from(log.as_str()))
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn GetShaderSource(&self, _cx: &mut JSContext, shader: &WebGLShader) -> Option<DOMString> {
        return_if_lost!(self);
        if !self.check_object(shader) {
            return None;
        }
        Some(DOMString::from(shader.source().as_str()))
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>
    fn GetTexParameter(&self, _cx: &mut JSContext, target: u32, pname: u32, mut rval: MutableHandleValue) {
        return_if_lost!(self, rval);
        rval.set(NullValue());
        if self.texture_for(target, false).is_none() {
            return;
        }
        if self.webgl2 && self.get_tex_parameter2(target, pname, rval.reborrow()) {
            return;
        }
        match pname {
            glow::TEXTURE_MAG_FILTER | glow::TEXTURE_MIN_FILTER | glow::TEXTURE_WRAP_S | glow::TEXTURE_WRAP_T => {}
            glow::TEXTURE_MAX_ANISOTROPY_EXT if self.enabled(Extension::ExtTextureFilterAnisotropic) => {
                let value = gl_query!(self, move |gl| gl.get_tex_parameter_f32(target, pname)).unwrap_or(1.0);
                return rval.set(DoubleValue(f64::from(value)));
            }
            _ => return self.error(glow::INVALID_ENUM),
        }
        if pname == glow::TEXTURE_MIN_FILTER
            && let Ok(Some(texture)) = self.bound_texture(target, false)
        {
            return rval.set(UInt32Value(texture.min_filter()));
        }
        let value = gl_query!(self, move |gl| gl.get_tex_parameter_i32(target, pname)).unwrap_or(0);
        rval.set(UInt32Value(value as u32));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>: the value in the type of
    /// the uniform (a number, a boolean, or a typed array / array of booleans for vectors and
    /// matrices).
    fn GetUniform(
        &self,
        cx: &mut JSContext,
        program: &WebGLProgram,
        location: &WebGLUniformLocation,
        mut rval: MutableHandleValue,
    ) {
        return_if_lost!(self, rval);
        rval.set(NullValue());
        if !self.check_object(program) {
            return;
        }
        if location.context() != self.id() || !std::ptr::eq(&*location.program(), program) || !location.is_current() {
            return self.error(glow::INVALID_OPERATION);
        }
        let kind = location.kind();
        let (components, integer) = uniform_shape(kind);
        let (name, loc) = (program.name(), location.location());
        if self.webgl2 && self.get_uniform2(cx, name, &loc, kind, rval.reborrow()) {
            return;
        }
        if integer {
            let values = gl_query!(self, move |gl| {
                let mut out = vec![0i32; components];
                gl.get_uniform_i32(name, &loc, &mut out);
                out
            })
            .unwrap_or_default();
            if is_bool_uniform(kind) {
                let bools: Vec<bool> = values.iter().map(|v| *v != 0).collect();
                if components == 1 { rval.set(BooleanValue(bools[0])) } else { bools.to_jsval(cx, rval) }
            } else if components == 1 {
                rval.set(Int32Value(values.first().copied().unwrap_or(0)))
            } else {
                new_int32_array(cx, &values, rval)
            }
        } else {
            let values = gl_query!(self, move |gl| {
                let mut out = vec![0f32; components];
                gl.get_uniform_f32(name, &loc, &mut out);
                out
            })
            .unwrap_or_default();
            if components == 1 {
                rval.set(DoubleValue(f64::from(values.first().copied().unwrap_or(0.0))))
            } else {
                crate::dom::bindings::conversions::new_float32_array(cx, &values, rval)
            }
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>: a name of an active
    /// uniform, of an element of an active array (`u[2]`), or `u` for `u[0]`.
    fn GetUniformLocation(
        &self,
        cx: &mut JSContext,
        program: &WebGLProgram,
        name: DOMString,
    ) -> Option<DomRoot<WebGLUniformLocation>> {
        return_if_lost!(self);
        if !self.check_object(program) {
            return None;
        }
        let Some(linked) = program.linked() else {
            self.error(glow::INVALID_OPERATION);
            return None;
        };
        let name = name.to_string();
        if name.starts_with("webgl_") || name.starts_with("_webgl_") || name.starts_with("gl_") {
            return None;
        }
        // Find the active uniform it names and the element index.
        let (base, index) = match name.strip_suffix(']').and_then(|n| n.rsplit_once('[')) {
            Some((base, index)) => (base.to_owned(), index.parse::<i32>().ok()?),
            None => (name.clone(), 0),
        };
        let uniform = linked
            .uniforms
            .iter()
            .find(|u| u.name == name || u.name == format!("{base}[0]") || (index == 0 && u.name == base))?;
        if index >= uniform.size {
            return None;
        }
        let p = program.name();
        let location = gl_query!(self, move |gl| gl.get_uniform_location(p, &name))??;
        Some(WebGLUniformLocation::new(cx, &self.window(), program, location, uniform.kind, uniform.size - index))
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn GetVertexAttrib(&self, cx: &mut JSContext, index: u32, pname: u32, mut rval: MutableHandleValue) {
        return_if_lost!(self, rval);
        rval.set(NullValue());
        let vao = self.vao();
        let Some(attrib) = vao.attribs.get(index as usize) else {
            return self.error(glow::INVALID_VALUE);
        };
        match pname {
            glow::VERTEX_ATTRIB_ARRAY_BUFFER_BINDING => attrib.buffer.get().to_jsval(cx, rval),
            glow::VERTEX_ATTRIB_ARRAY_ENABLED => rval.set(BooleanValue(attrib.enabled.get())),
            glow::VERTEX_ATTRIB_ARRAY_SIZE => rval.set(Int32Value(attrib.size.get())),
            glow::VERTEX_ATTRIB_ARRAY_STRIDE => rval.set(Int32Value(attrib.stride.get())),
            glow::VERTEX_ATTRIB_ARRAY_TYPE => rval.set(UInt32Value(attrib.kind.get())),
            glow::VERTEX_ATTRIB_ARRAY_NORMALIZED => rval.set(BooleanValue(attrib.normalized.get())),
            VERTEX_ATTRIB_ARRAY_DIVISOR_ANGLE if self.webgl2 || self.enabled(Extension::AngleInstancedArrays) => {
                rval.set(UInt32Value(attrib.divisor.get()))
            }
            glow::VERTEX_ATTRIB_ARRAY_INTEGER if self.webgl2 => rval.set(BooleanValue(attrib.integer.get())),
            glow::CURRENT_VERTEX_ATTRIB => match self.gl2.current_attrib_ints.get(index as usize).and_then(Cell::get) {
                Some((values, false)) => new_int32_array(cx, &values, rval),
                Some((values, true)) => new_uint32_array(cx, &values.map(|v| v as u32), rval),
                None => crate::dom::bindings::conversions::new_float32_array(
                    cx,
                    &self.current_attribs[index as usize].get(),
                    rval,
                ),
            },
            _ => self.error(glow::INVALID_ENUM),
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn GetVertexAttribOffset(&self, _cx: &mut JSContext, index: u32, pname: u32) -> i64 {
        return_if_lost!(self);
        let vao = self.vao();
        let Some(attrib) = vao.attribs.get(index as usize) else {
            self.error(glow::INVALID_VALUE);
            return 0;
        };
        if pname != glow::VERTEX_ATTRIB_ARRAY_POINTER {
            self.error(glow::INVALID_ENUM);
            return 0;
        }
        attrib.offset.get()
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn Hint(&self, _cx: &mut JSContext, target: u32, mode: u32) {
        return_if_lost!(self);
        let derivatives = target == glow::FRAGMENT_SHADER_DERIVATIVE_HINT
            && (self.webgl2 || self.enabled(Extension::OesStandardDerivatives));
        if (target != glow::GENERATE_MIPMAP_HINT && !derivatives)
            || !matches!(mode, glow::DONT_CARE | glow::FASTEST | glow::NICEST)
        {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.hint(target, mode));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.5>: a buffer of this context,
    /// not deleted, that was bound once.
    fn IsBuffer(&self, _cx: &mut JSContext, buffer: Option<&WebGLBuffer>) -> bool {
        return_if_lost!(self);
        buffer.is_some_and(|b| b.object().context() == self.id() && !b.object().is_deleted() && b.target().is_some())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn IsEnabled(&self, _cx: &mut JSContext, cap: u32) -> bool {
        return_if_lost!(self);
        if !self.cap_allowed(cap) {
            self.error(glow::INVALID_ENUM);
            return false;
        }
        gl_query!(self, move |gl| gl.is_enabled(cap)).unwrap_or(false)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.6>
    fn IsFramebuffer(&self, _cx: &mut JSContext, framebuffer: Option<&WebGLFramebuffer>) -> bool {
        return_if_lost!(self);
        framebuffer.is_some_and(|f| f.object().context() == self.id() && !f.object().is_deleted() && f.was_bound())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn IsProgram(&self, _cx: &mut JSContext, program: Option<&WebGLProgram>) -> bool {
        return_if_lost!(self);
        program.is_some_and(|p| p.object().context() == self.id() && !p.object().is_deleted())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.7>
    fn IsRenderbuffer(&self, _cx: &mut JSContext, renderbuffer: Option<&WebGLRenderbuffer>) -> bool {
        return_if_lost!(self);
        renderbuffer.is_some_and(|r| r.object().context() == self.id() && !r.object().is_deleted() && r.was_bound())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn IsShader(&self, _cx: &mut JSContext, shader: Option<&WebGLShader>) -> bool {
        return_if_lost!(self);
        shader.is_some_and(|s| s.object().context() == self.id() && !s.object().is_deleted())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>
    fn IsTexture(&self, _cx: &mut JSContext, texture: Option<&WebGLTexture>) -> bool {
        return_if_lost!(self);
        texture.is_some_and(|t| t.object().context() == self.id() && !t.object().is_deleted() && t.target().is_some())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>: NaN is ignored, and widths
    /// are clamped to the implementation's range by GL.
    fn LineWidth(&self, _cx: &mut JSContext, width: f32) {
        return_if_lost!(self);
        if width.is_nan() || width <= 0.0 {
            if width <= 0.0 {
                self.error(glow::INVALID_VALUE);
            }
            return;
        }
        gl_run!(self, move |gl| gl.line_width(width));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>: the program's active
    /// variables are read once, after the link.
    fn LinkProgram(&self, _cx: &mut JSContext, program: &WebGLProgram) {
        return_if_lost!(self);
        if !self.check_object(program) {
            return;
        }
        let name = program.name();
        let linked = self.call(move |gl, _| {
            // SAFETY: as in `gl_run!`.
            unsafe { gl.link_program(name) };
            read_linked(gl, name)
        });
        // WEBGL_draw_buffers: a fragment shader writing gl_FragColor (not gl_FragData) writes
        // draw buffer 0 only.
        let writes_frag_color = program.shader(glow::FRAGMENT_SHADER).is_some_and(|s| {
            let source = s.compiled_source();
            source.contains("gl_FragColor") && !source.contains("gl_FragData")
        });
        program.set_linked(linked.flatten().map(|l| LinkedProgram { writes_frag_color, ..l }));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#PIXEL_STORAGE_PARAMETERS>
    fn PixelStorei(&self, _cx: &mut JSContext, pname: u32, param: i32) {
        return_if_lost!(self);
        let mut store = self.pixel_store.get();
        match pname {
            UNPACK_FLIP_Y_WEBGL => store.flip_y = param != 0,
            UNPACK_PREMULTIPLY_ALPHA_WEBGL => store.premultiply_alpha = param != 0,
            UNPACK_COLORSPACE_CONVERSION_WEBGL => {
                if param as u32 != BROWSER_DEFAULT_WEBGL && param != 0 {
                    return self.error(glow::INVALID_VALUE);
                }
                store.colorspace_conversion = param as u32;
            }
            glow::UNPACK_ALIGNMENT | glow::PACK_ALIGNMENT => {
                if !matches!(param, 1 | 2 | 4 | 8) {
                    return self.error(glow::INVALID_VALUE);
                }
                if pname == glow::UNPACK_ALIGNMENT {
                    store.unpack_alignment = param;
                } else {
                    store.pack_alignment = param;
                }
            }
            _ if self.webgl2 => return self.pixel_store2(pname, param),
            _ => return self.error(glow::INVALID_ENUM),
        }
        self.pixel_store.set(store);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn PolygonOffset(&self, _cx: &mut JSContext, factor: f32, units: f32) {
        return_if_lost!(self);
        gl_run!(self, move |gl| gl.polygon_offset(factor, units));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.7>: WebGL 1's formats;
    /// DEPTH_STENCIL is stored as DEPTH24_STENCIL8.
    fn RenderbufferStorage(&self, _cx: &mut JSContext, target: u32, internalformat: u32, width: i32, height: i32) {
        return_if_lost!(self);
        if self.webgl2 {
            return self.renderbuffer_storage2(target, 0, internalformat, width, height);
        }
        if target != glow::RENDERBUFFER {
            return self.error(glow::INVALID_ENUM);
        }
        let format = match internalformat {
            glow::RGBA4 | glow::RGB565 | glow::RGB5_A1 | glow::DEPTH_COMPONENT16 | glow::STENCIL_INDEX8 => {
                internalformat
            }
            glow::DEPTH_STENCIL => glow::DEPTH24_STENCIL8,
            glow::RGBA32F if self.enabled(Extension::WebglColorBufferFloat) => internalformat,
            glow::SRGB8_ALPHA8 if self.enabled(Extension::ExtSrgb) => internalformat,
            glow::RGBA16F | glow::RGB16F if self.enabled(Extension::ExtColorBufferHalfFloat) => internalformat,
            _ => return self.error(glow::INVALID_ENUM),
        };
        let Some(bound) = self.renderbuffer.get() else {
            return self.error(glow::INVALID_OPERATION);
        };
        if width < 0
            || height < 0
            || width > self.limits.max_renderbuffer_size
            || height > self.limits.max_renderbuffer_size
        {
            return self.error(glow::INVALID_VALUE);
        }
        bound.set_size(width, height);
        bound.set_internal_format(format);
        gl_run!(self, move |gl| gl.renderbuffer_storage(target, format, width, height));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn SampleCoverage(&self, _cx: &mut JSContext, value: f32, invert: bool) {
        return_if_lost!(self);
        gl_run!(self, move |gl| gl.sample_coverage(value.clamp(0.0, 1.0), invert));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.4>
    fn Scissor(&self, _cx: &mut JSContext, x: i32, y: i32, width: i32, height: i32) {
        return_if_lost!(self);
        if width < 0 || height < 0 {
            return self.error(glow::INVALID_VALUE);
        }
        gl_run!(self, move |gl| gl.scissor(x, y, width, height));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>: kept here; GL gets it at
    /// `compileShader()`.
    fn ShaderSource(&self, _cx: &mut JSContext, shader: &WebGLShader, source: DOMString) {
        return_if_lost!(self);
        if !self.check_object(shader) {
            return;
        }
        shader.set_source(source.to_string());
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn StencilFunc(&self, _cx: &mut JSContext, func: u32, ref_: i32, mask: u32) {
        return_if_lost!(self);
        if !valid_compare(func) {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.stencil_func(func, ref_, mask));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn StencilFuncSeparate(&self, _cx: &mut JSContext, face: u32, func: u32, ref_: i32, mask: u32) {
        return_if_lost!(self);
        if !valid_face(face) || !valid_compare(func) {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.stencil_func_separate(face, func, ref_, mask));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn StencilMask(&self, _cx: &mut JSContext, mask: u32) {
        return_if_lost!(self);
        gl_run!(self, move |gl| gl.stencil_mask(mask));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn StencilMaskSeparate(&self, _cx: &mut JSContext, face: u32, mask: u32) {
        return_if_lost!(self);
        if !valid_face(face) {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.stencil_mask_separate(face, mask));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn StencilOp(&self, _cx: &mut JSContext, fail: u32, zfail: u32, zpass: u32) {
        return_if_lost!(self);
        if ![fail, zfail, zpass].into_iter().all(valid_stencil_op) {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.stencil_op(fail, zfail, zpass));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.3>
    fn StencilOpSeparate(&self, _cx: &mut JSContext, face: u32, fail: u32, zfail: u32, zpass: u32) {
        return_if_lost!(self);
        if !valid_face(face) || ![fail, zfail, zpass].into_iter().all(valid_stencil_op) {
            return self.error(glow::INVALID_ENUM);
        }
        gl_run!(self, move |gl| gl.stencil_op_separate(face, fail, zfail, zpass));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>
    fn TexParameterf(&self, cx: &mut JSContext, target: u32, pname: u32, param: f32) {
        return_if_lost!(self);
        if self.webgl2 {
            return self.tex_parameter2(target, pname, param);
        }
        if pname == glow::TEXTURE_MAX_ANISOTROPY_EXT && self.enabled(Extension::ExtTextureFilterAnisotropic) {
            if self.texture_for(target, false).is_none() {
                return;
            }
            if param.is_nan() || param < 1.0 {
                return self.error(glow::INVALID_VALUE);
            }
            gl_run!(self, move |gl| gl.tex_parameter_f32(target, pname, param));
            return;
        }
        self.TexParameteri(cx, target, pname, param as i32)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>: WebGL 1's four parameters
    /// and their values.
    fn TexParameteri(&self, _cx: &mut JSContext, target: u32, pname: u32, param: i32) {
        return_if_lost!(self);
        if self.webgl2 {
            return self.tex_parameter2(target, pname, param as f32);
        }
        if self.texture_for(target, false).is_none() {
            return;
        }
        let value = param as u32;
        let valid = match pname {
            glow::TEXTURE_MAG_FILTER => matches!(value, glow::NEAREST | glow::LINEAR),
            glow::TEXTURE_MIN_FILTER => matches!(
                value,
                glow::NEAREST
                    | glow::LINEAR
                    | glow::NEAREST_MIPMAP_NEAREST
                    | glow::LINEAR_MIPMAP_NEAREST
                    | glow::NEAREST_MIPMAP_LINEAR
                    | glow::LINEAR_MIPMAP_LINEAR
            ),
            glow::TEXTURE_WRAP_S | glow::TEXTURE_WRAP_T => self.wrap_allowed(value),
            _ => return self.error(glow::INVALID_ENUM),
        };
        if !valid {
            return self.error(glow::INVALID_ENUM);
        }
        if let Ok(Some(texture)) = self.bound_texture(target, false) {
            texture.set_sampling(pname, value);
            if pname != glow::TEXTURE_MAG_FILTER {
                self.sync_min_filter(target, &texture);
            }
        }
        if pname == glow::TEXTURE_MIN_FILTER {
            return;
        }
        gl_run!(self, move |gl| gl.tex_parameter_i32(target, pname, param));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>: the current program;
    /// an unlinked program is INVALID_OPERATION.
    fn UseProgram(&self, _cx: &mut JSContext, program: Option<&WebGLProgram>) {
        return_if_lost!(self);
        if let Some(program) = program {
            // A deleted program is INVALID_OPERATION here (as in Chromium), not INVALID_VALUE.
            if !self.check_bindable(program) {
                return;
            }
            if !program.is_linked() {
                return self.error(glow::INVALID_OPERATION);
            }
        }
        if let Some(old) = self.current_program.get() {
            old.set_in_use(false);
        }
        if let Some(program) = program {
            program.set_in_use(true);
        }
        self.current_program.set(program);
        let name = program.map(|p| p.name());
        gl_run!(self, move |gl| gl.use_program(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.9>
    fn ValidateProgram(&self, _cx: &mut JSContext, program: &WebGLProgram) {
        return_if_lost!(self);
        if !self.check_object(program) {
            return;
        }
        let name = program.name();
        gl_run!(self, move |gl| gl.validate_program(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.4>
    fn Viewport(&self, _cx: &mut JSContext, x: i32, y: i32, width: i32, height: i32) {
        return_if_lost!(self);
        if width < 0 || height < 0 {
            return self.error(glow::INVALID_VALUE);
        }
        gl_run!(self, move |gl| gl.viewport(x, y, width, height));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform1f(&self, _cx: &mut JSContext, location: Option<&WebGLUniformLocation>, x: f32) {
        return_if_lost!(self);
        let Some(loc) = self.uniform_location(location) else { return };
        gl_run!(self, move |gl| gl.uniform_1_f32(Some(&loc), x));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform2f(&self, _cx: &mut JSContext, location: Option<&WebGLUniformLocation>, x: f32, y: f32) {
        return_if_lost!(self);
        let Some(loc) = self.uniform_location(location) else { return };
        gl_run!(self, move |gl| gl.uniform_2_f32(Some(&loc), x, y));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform3f(&self, _cx: &mut JSContext, location: Option<&WebGLUniformLocation>, x: f32, y: f32, z: f32) {
        return_if_lost!(self);
        let Some(loc) = self.uniform_location(location) else { return };
        gl_run!(self, move |gl| gl.uniform_3_f32(Some(&loc), x, y, z));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform4f(&self, _cx: &mut JSContext, location: Option<&WebGLUniformLocation>, x: f32, y: f32, z: f32, w: f32) {
        return_if_lost!(self);
        let Some(loc) = self.uniform_location(location) else { return };
        gl_run!(self, move |gl| gl.uniform_4_f32(Some(&loc), x, y, z, w));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform1i(&self, _cx: &mut JSContext, location: Option<&WebGLUniformLocation>, x: i32) {
        return_if_lost!(self);
        let Some(loc) = self.uniform_location(location) else { return };
        gl_run!(self, move |gl| gl.uniform_1_i32(Some(&loc), x));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform2i(&self, _cx: &mut JSContext, location: Option<&WebGLUniformLocation>, x: i32, y: i32) {
        return_if_lost!(self);
        let Some(loc) = self.uniform_location(location) else { return };
        gl_run!(self, move |gl| gl.uniform_2_i32(Some(&loc), x, y));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform3i(&self, _cx: &mut JSContext, location: Option<&WebGLUniformLocation>, x: i32, y: i32, z: i32) {
        return_if_lost!(self);
        let Some(loc) = self.uniform_location(location) else { return };
        gl_run!(self, move |gl| gl.uniform_3_i32(Some(&loc), x, y, z));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform4i(&self, _cx: &mut JSContext, location: Option<&WebGLUniformLocation>, x: i32, y: i32, z: i32, w: i32) {
        return_if_lost!(self);
        let Some(loc) = self.uniform_location(location) else { return };
        gl_run!(self, move |gl| gl.uniform_4_i32(Some(&loc), x, y, z, w));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform1fv(&self, cx: &mut JSContext, location: Option<&WebGLUniformLocation>, v: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.uniform_fv(cx, location, v, 1)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform2fv(&self, cx: &mut JSContext, location: Option<&WebGLUniformLocation>, v: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.uniform_fv(cx, location, v, 2)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform3fv(&self, cx: &mut JSContext, location: Option<&WebGLUniformLocation>, v: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.uniform_fv(cx, location, v, 3)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform4fv(&self, cx: &mut JSContext, location: Option<&WebGLUniformLocation>, v: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.uniform_fv(cx, location, v, 4)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform1iv(&self, cx: &mut JSContext, location: Option<&WebGLUniformLocation>, v: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.uniform_iv(cx, location, v, 1)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform2iv(&self, cx: &mut JSContext, location: Option<&WebGLUniformLocation>, v: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.uniform_iv(cx, location, v, 2)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform3iv(&self, cx: &mut JSContext, location: Option<&WebGLUniformLocation>, v: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.uniform_iv(cx, location, v, 3)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn Uniform4iv(&self, cx: &mut JSContext, location: Option<&WebGLUniformLocation>, v: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.uniform_iv(cx, location, v, 4)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn UniformMatrix2fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        value: HandleValue,
    ) -> Fallible<()> {
        return_if_lost!(self);
        self.uniform_matrix(cx, location, transpose, value, 2)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn UniformMatrix3fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        value: HandleValue,
    ) -> Fallible<()> {
        return_if_lost!(self);
        self.uniform_matrix(cx, location, transpose, value, 3)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn UniformMatrix4fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        value: HandleValue,
    ) -> Fallible<()> {
        return_if_lost!(self);
        self.uniform_matrix(cx, location, transpose, value, 4)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn VertexAttrib1f(&self, _cx: &mut JSContext, index: u32, x: f32) {
        return_if_lost!(self);
        self.vertex_attrib(index, [x, 0.0, 0.0, 1.0]);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn VertexAttrib2f(&self, _cx: &mut JSContext, index: u32, x: f32, y: f32) {
        return_if_lost!(self);
        self.vertex_attrib(index, [x, y, 0.0, 1.0]);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn VertexAttrib3f(&self, _cx: &mut JSContext, index: u32, x: f32, y: f32, z: f32) {
        return_if_lost!(self);
        self.vertex_attrib(index, [x, y, z, 1.0]);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn VertexAttrib4f(&self, _cx: &mut JSContext, index: u32, x: f32, y: f32, z: f32, w: f32) {
        return_if_lost!(self);
        self.vertex_attrib(index, [x, y, z, w]);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn VertexAttrib1fv(&self, cx: &mut JSContext, index: u32, values: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.vertex_attrib_v(cx, index, values, 1)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn VertexAttrib2fv(&self, cx: &mut JSContext, index: u32, values: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.vertex_attrib_v(cx, index, values, 2)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn VertexAttrib3fv(&self, cx: &mut JSContext, index: u32, values: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.vertex_attrib_v(cx, index, values, 3)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>
    fn VertexAttrib4fv(&self, cx: &mut JSContext, index: u32, values: HandleValue) -> Fallible<()> {
        return_if_lost!(self);
        self.vertex_attrib_v(cx, index, values, 4)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10> with the checks of
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#6.2> (no client-side arrays),
    /// #6.3 (aligned offsets and strides) and #6.9 (strides up to 255).
    fn VertexAttribPointer(
        &self,
        _cx: &mut JSContext,
        index: u32,
        size: i32,
        type_: u32,
        normalized: bool,
        stride: i32,
        offset: i64,
    ) {
        return_if_lost!(self);
        let vao = self.vao();
        let Some(attrib) = vao.attribs.get(index as usize) else {
            return self.error(glow::INVALID_VALUE);
        };
        let webgl2_type = self.webgl2
            && matches!(
                type_,
                glow::INT
                    | glow::UNSIGNED_INT
                    | glow::HALF_FLOAT
                    | glow::INT_2_10_10_10_REV
                    | glow::UNSIGNED_INT_2_10_10_10_REV
            );
        if !matches!(type_, glow::BYTE | glow::UNSIGNED_BYTE | glow::SHORT | glow::UNSIGNED_SHORT | glow::FLOAT)
            && !webgl2_type
        {
            return self.error(glow::INVALID_ENUM);
        }
        if !(1..=4).contains(&size) || !(0..=255).contains(&stride) || offset < 0 {
            return self.error(glow::INVALID_VALUE);
        }
        if matches!(type_, glow::INT_2_10_10_10_REV | glow::UNSIGNED_INT_2_10_10_10_REV) && size != 4 {
            return self.error(glow::INVALID_OPERATION);
        }
        let component = type_size(type_) as i64;
        if offset % component != 0 || i64::from(stride) % component != 0 {
            return self.error(glow::INVALID_OPERATION);
        }
        let buffer = self.array_buffer.get();
        if buffer.is_none() && offset != 0 {
            return self.error(glow::INVALID_OPERATION);
        }
        attrib.buffer.set(buffer.as_deref());
        attrib.size.set(size);
        attrib.kind.set(type_);
        attrib.normalized.set(normalized);
        attrib.stride.set(stride);
        attrib.offset.set(offset);
        attrib.integer.set(false);
        let offset = offset as i32;
        gl_run!(self, move |gl| gl.vertex_attrib_pointer_f32(index, size, type_, normalized, stride, offset));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.5>: `bufferData(target, size,
    /// usage)` or `bufferData(target, data, usage)`, told apart as WebIDL's overload resolution
    /// does: null is the data overload (and INVALID_VALUE), an ArrayBuffer or a view is data,
    /// anything else is converted to a size.
    fn BufferData(&self, cx: &mut JSContext, target: u32, size_or_data: HandleValue, usage: u32) -> Fallible<()> {
        return_if_lost!(self);
        if size_or_data.get().is_null() {
            if self.buffer_for_data(target, usage).is_some() {
                self.error(glow::INVALID_VALUE);
            }
            return Ok(());
        }
        let is_data = crate::dom::bindings::jit::is_array_buffer(size_or_data)
            || crate::dom::bindings::jit::is_array_buffer_view(size_or_data);
        if is_data {
            let bytes = match ArrayBufferViewOrArrayBuffer::from_jsval(cx, size_or_data, ()) {
                Ok(Ok(ArrayBufferViewOrArrayBuffer::ArrayBufferView(view))) => view.0,
                Ok(Ok(ArrayBufferViewOrArrayBuffer::ArrayBuffer(buffer))) => buffer.0,
                Ok(Err(failure)) => return Err(Error::Type(failure.describe("The provided value"))),
                Err(()) => return Err(Error::JSFailed),
            };
            let Some(buffer) = self.buffer_for_data(target, usage) else { return Ok(()) };
            buffer.set_data(bytes.len() as i64, usage, Some(&bytes));
            gl_run!(self, move |gl| gl.buffer_data_u8_slice(target, &bytes, usage));
            return Ok(());
        }
        let size = match i64::from_jsval(cx, size_or_data, crate::dom::bindings::conversions::IntConversion::Default) {
            Ok(Ok(size)) => size,
            Ok(Err(failure)) => return Err(Error::Type(failure.describe("The provided value"))),
            Err(()) => return Err(Error::JSFailed),
        };
        let Some(buffer) = self.buffer_for_data(target, usage) else { return Ok(()) };
        if size < 0 || size > i64::from(i32::MAX) {
            self.error(glow::INVALID_VALUE);
            return Ok(());
        }
        buffer.set_data(size, usage, None);
        let size = size as i32;
        gl_run!(self, move |gl| gl.buffer_data_size(target, size, usage));
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.5>: the data must fit in the store.
    fn BufferSubData(&self, _cx: &mut JSContext, target: u32, offset: i64, data: ArrayBufferViewOrArrayBuffer) {
        return_if_lost!(self);
        let Ok(buffer) = self.bound_buffer(target) else { return };
        let Some(buffer) = buffer else {
            return self.error(glow::INVALID_OPERATION);
        };
        let bytes = match data {
            ArrayBufferViewOrArrayBuffer::ArrayBufferView(view) => view.0,
            ArrayBufferViewOrArrayBuffer::ArrayBuffer(buffer) => buffer.0,
        };
        if offset < 0 || offset + bytes.len() as i64 > buffer.size() {
            return self.error(glow::INVALID_VALUE);
        }
        buffer.set_sub_data(offset as usize, &bytes);
        let offset = offset as i32;
        gl_run!(self, move |gl| gl.buffer_sub_data_u8_slice(target, offset, &bytes));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.12>: RGBA/UNSIGNED_BYTE (or
    /// the implementation's read format) into a Uint8Array; pixels outside the drawing buffer
    /// are left untouched (<https://registry.khronos.org/webgl/specs/latest/1.0/#4.1>).
    fn ReadPixels(
        &self,
        cx: &mut JSContext,
        x: i32,
        y: i32,
        width: i32,
        height: i32,
        format: u32,
        type_: u32,
        pixels: Option<HandleObject>,
    ) -> Fallible<()> {
        return_if_lost!(self);
        let Some(pixels) = pixels else {
            self.error(glow::INVALID_VALUE);
            return Ok(());
        };
        rooted!(&in(cx) let view_value = ObjectValue(pixels.get()));
        if !crate::dom::bindings::jit::is_array_buffer_view(view_value.handle()) {
            return Err(Error::Type("readPixels: pixels is not an ArrayBufferView.".into()));
        }
        if !matches!(format, glow::ALPHA | glow::RGB | glow::RGBA) {
            self.error(glow::INVALID_ENUM);
            return Ok(());
        }
        if !matches!(
            type_,
            glow::UNSIGNED_BYTE
                | glow::UNSIGNED_SHORT_5_6_5
                | glow::UNSIGNED_SHORT_4_4_4_4
                | glow::UNSIGNED_SHORT_5_5_5_1
                | glow::FLOAT
        ) {
            self.error(glow::INVALID_ENUM);
            return Ok(());
        }
        let float_read = (format, type_) == (glow::RGBA, glow::FLOAT)
            && (self.enabled(Extension::WebglColorBufferFloat) || self.enabled(Extension::ExtColorBufferHalfFloat));
        if (format, type_) != (glow::RGBA, glow::UNSIGNED_BYTE) && !float_read {
            let implementation = gl_query!(self, move |gl| (
                gl.get_parameter_i32(glow::IMPLEMENTATION_COLOR_READ_FORMAT) as u32,
                gl.get_parameter_i32(glow::IMPLEMENTATION_COLOR_READ_TYPE) as u32
            ));
            if implementation != Some((format, type_)) {
                self.error(glow::INVALID_OPERATION);
                return Ok(());
            }
        }
        let class_ok = pixels::view_class(type_)
            .iter()
            .any(|class| crate::dom::bindings::jit::is_typed_array(view_value.handle(), class));
        if !class_ok {
            self.error(glow::INVALID_OPERATION);
            return Ok(());
        }
        if width < 0 || height < 0 {
            self.error(glow::INVALID_VALUE);
            return Ok(());
        }
        let bpp = pixels::bytes_per_pixel(format, type_).unwrap_or(4);
        let (width, height) = (width as usize, height as usize);
        let store = self.pixel_store.get();
        let (needed, stride) = pixels::image_size(height, width * bpp, store.pack_alignment as usize);
        let available = crate::dom::bindings::conversions::with_view_bytes_mut(pixels, |bytes| bytes.len());
        if available < needed {
            self.error(glow::INVALID_OPERATION);
            return Ok(());
        }
        if width == 0 || height == 0 {
            return Ok(());
        }
        // The rectangle clipped to the framebuffer (the drawing buffer, or a framebuffer
        // object's first attachment).
        let from_default = self.default_framebuffer_bound();
        let (fb_width, fb_height) = match self.framebuffer.get() {
            None => self.size.get(),
            // Without attachments GL itself answers (INVALID_FRAMEBUFFER_OPERATION).
            Some(framebuffer) => match framebuffer.size() {
                Some((w, h)) => (w.max(0) as u32, h.max(0) as u32),
                None => (i32::MAX as u32, i32::MAX as u32),
            },
        };
        let x0 = x.max(0);
        let y0 = y.max(0);
        let x1 = (x as i64 + width as i64).min(i64::from(fb_width)) as i32;
        let y1 = (y as i64 + height as i64).min(i64::from(fb_height)) as i32;
        if x1 <= x0 || y1 <= y0 {
            return Ok(());
        }
        let (read_width, read_height) = ((x1 - x0) as usize, (y1 - y0) as usize);
        let read = self.call(move |gl, buffer| {
            if from_default {
                buffer.begin_read(gl);
            }
            let mut out = vec![0u8; read_width * read_height * bpp];
            // SAFETY: `out` holds exactly the rows GL writes with a pack alignment of 1.
            unsafe {
                gl.pixel_store_i32(glow::PACK_ALIGNMENT, 1);
                gl.read_pixels(
                    x0,
                    y0,
                    read_width as i32,
                    read_height as i32,
                    format,
                    type_,
                    PixelPackData::Slice(Some(&mut out)),
                );
            }
            if from_default {
                buffer.end_read(gl);
            }
            out
        });
        let Some(read) = read else { return Ok(()) };
        let skip_x = (x0 - x) as usize;
        let skip_y = (y0 - y) as usize;
        crate::dom::bindings::conversions::with_view_bytes_mut(pixels, |bytes| {
            for row in 0..read_height {
                let src = &read[row * read_width * bpp..(row + 1) * read_width * bpp];
                let start = (row + skip_y) * stride + skip_x * bpp;
                if let Some(dst) = bytes.get_mut(start..start + src.len()) {
                    dst.copy_from_slice(src);
                }
            }
        });
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>: "If internalformat is not
    /// one of the compressed formats enabled by an extension, generates INVALID_ENUM"; the
    /// checks are in `compressed.rs`.
    #[allow(clippy::too_many_arguments)]
    fn CompressedTexImage2D(
        &self,
        cx: &mut JSContext,
        target: u32,
        level: i32,
        internalformat: u32,
        width: i32,
        height: i32,
        border: i32,
        data: HandleObject,
    ) -> Fallible<()> {
        return_if_lost!(self);
        let bytes = self.compressed_view_bytes(cx, data)?;
        let region = Region { target, level, offset: (0, 0, 0), size: (width, height, 1), three_d: false };
        self.compressed_image(region, internalformat, border, CompressedData::Bytes(bytes));
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>
    #[allow(clippy::too_many_arguments)]
    fn CompressedTexSubImage2D(
        &self,
        cx: &mut JSContext,
        target: u32,
        level: i32,
        xoffset: i32,
        yoffset: i32,
        width: i32,
        height: i32,
        format: u32,
        data: HandleObject,
    ) -> Fallible<()> {
        return_if_lost!(self);
        let bytes = self.compressed_view_bytes(cx, data)?;
        let region = Region { target, level, offset: (xoffset, yoffset, 0), size: (width, height, 1), three_d: false };
        self.compressed_sub_image(region, format, CompressedData::Bytes(bytes));
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>: from an ArrayBufferView
    /// (or zeros for null).
    fn TexImage2D(
        &self,
        cx: &mut JSContext,
        target: u32,
        level: i32,
        internalformat: i32,
        width: i32,
        height: i32,
        border: i32,
        format: u32,
        type_: u32,
        pixels: Option<HandleObject>,
    ) -> Fallible<()> {
        return_if_lost!(self);
        let Some(bpp) =
            self.check_tex_image(target, level, internalformat as u32, width, height, border, format, type_)
        else {
            return Ok(());
        };
        if pixels::is_depth(format) && pixels.is_some() {
            self.error(glow::INVALID_OPERATION);
            return Ok(());
        }
        let Some(data) = self.view_pixels(cx, pixels, width, height, bpp, type_, gl_upload_format(format))? else {
            return Ok(());
        };
        let alignment = self.pixel_store.get().unpack_alignment;
        self.specified_format(target, level, format);
        let (internalformat, type_) = gl_texture_format(internalformat, format, type_);
        let format = gl_upload_format(format);
        gl_run!(self, move |gl| {
            gl.pixel_store_i32(glow::UNPACK_ALIGNMENT, alignment);
            gl.tex_image_2d(
                target,
                level,
                internalformat,
                width,
                height,
                0,
                format,
                type_,
                PixelUnpackData::Slice(Some(&data)),
            )
        });
        self.specified(target, level, width, height);
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>: from a DOM image source.
    fn TexImage2D_(
        &self,
        _cx: &mut JSContext,
        target: u32,
        level: i32,
        internalformat: i32,
        format: u32,
        type_: u32,
        source: TexImageSource,
    ) -> Fallible<()> {
        return_if_lost!(self);
        if pixels::is_depth(format) {
            self.error(glow::INVALID_OPERATION);
            return Ok(());
        }
        let Some((width, height, data)) = self.source_pixels(&source, gl_upload_format(format), type_)? else {
            return Ok(());
        };
        if self.check_tex_image(target, level, internalformat as u32, width, height, 0, format, type_).is_none() {
            return Ok(());
        }
        self.specified_format(target, level, format);
        let (internalformat, type_) = gl_texture_format(internalformat, format, type_);
        let format = gl_upload_format(format);
        gl_run!(self, move |gl| {
            gl.pixel_store_i32(glow::UNPACK_ALIGNMENT, 1);
            gl.tex_image_2d(
                target,
                level,
                internalformat,
                width,
                height,
                0,
                format,
                type_,
                PixelUnpackData::Slice(Some(&data)),
            )
        });
        self.specified(target, level, width, height);
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>
    fn TexSubImage2D(
        &self,
        cx: &mut JSContext,
        target: u32,
        level: i32,
        xoffset: i32,
        yoffset: i32,
        width: i32,
        height: i32,
        format: u32,
        type_: u32,
        pixels: Option<HandleObject>,
    ) -> Fallible<()> {
        return_if_lost!(self);
        let Some(bpp) = self.check_tex_sub_image(target, level, xoffset, yoffset, width, height, format, type_) else {
            return Ok(());
        };
        if pixels.is_none() {
            self.error(glow::INVALID_VALUE);
            return Ok(());
        }
        let Some(data) = self.view_pixels(cx, pixels, width, height, bpp, type_, gl_upload_format(format))? else {
            return Ok(());
        };
        let alignment = self.pixel_store.get().unpack_alignment;
        let type_ = gl_texture_format(format as i32, format, type_).1;
        let format = gl_upload_format(format);
        gl_run!(self, move |gl| {
            gl.pixel_store_i32(glow::UNPACK_ALIGNMENT, alignment);
            gl.tex_sub_image_2d(
                target,
                level,
                xoffset,
                yoffset,
                width,
                height,
                format,
                type_,
                PixelUnpackData::Slice(Some(&data)),
            )
        });
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>: from a DOM image source.
    fn TexSubImage2D_(
        &self,
        _cx: &mut JSContext,
        target: u32,
        level: i32,
        xoffset: i32,
        yoffset: i32,
        format: u32,
        type_: u32,
        source: TexImageSource,
    ) -> Fallible<()> {
        return_if_lost!(self);
        let Some((width, height, data)) = self.source_pixels(&source, gl_upload_format(format), type_)? else {
            return Ok(());
        };
        if self.check_tex_sub_image(target, level, xoffset, yoffset, width, height, format, type_).is_none() {
            return Ok(());
        }
        let type_ = gl_texture_format(format as i32, format, type_).1;
        let format = gl_upload_format(format);
        gl_run!(self, move |gl| {
            gl.pixel_store_i32(glow::UNPACK_ALIGNMENT, 1);
            gl.tex_sub_image_2d(
                target,
                level,
                xoffset,
                yoffset,
                width,
                height,
                format,
                type_,
                PixelUnpackData::Slice(Some(&data)),
            )
        });
        Ok(())
    }
}

/// The attachment points of WebGL 1.
pub(super) fn valid_attachment(attachment: u32) -> bool {
    matches!(
        attachment,
        glow::COLOR_ATTACHMENT0 | glow::DEPTH_ATTACHMENT | glow::STENCIL_ATTACHMENT | glow::DEPTH_STENCIL_ATTACHMENT
    )
}

impl WebGLRenderingContext {
    /// `drawArrays()`, or with `instances` ANGLE_instanced_arrays' `drawArraysInstancedANGLE()`.
    pub(super) fn draw_arrays(&self, mode: u32, first: i32, count: i32, instances: Option<i32>) {
        if mode > glow::TRIANGLE_FAN {
            return self.error(glow::INVALID_ENUM);
        }
        if first < 0 || count < 0 || instances.is_some_and(|i| i < 0) {
            return self.error(glow::INVALID_VALUE);
        }
        let primcount = instances.unwrap_or(1);
        if !self.check_draw(mode, if count == 0 { 0 } else { first as u64 + count as u64 }, primcount as u64) {
            return;
        }
        if count == 0 || primcount == 0 {
            return;
        }
        self.apply_draw_id();
        match instances {
            None => gl_run!(self, move |gl| gl.draw_arrays(mode, first, count)),
            Some(n) => gl_run!(self, move |gl| gl.draw_arrays_instanced(mode, first, count, n)),
        }
        self.drew();
    }

    /// `drawElements()`, or with `instances` ANGLE_instanced_arrays' `drawElementsInstancedANGLE()`.
    pub(super) fn draw_elements(&self, mode: u32, count: i32, type_: u32, offset: i64, instances: Option<i32>) {
        if mode > glow::TRIANGLE_FAN {
            return self.error(glow::INVALID_ENUM);
        }
        let index_size = match type_ {
            glow::UNSIGNED_BYTE => 1,
            glow::UNSIGNED_SHORT => 2,
            glow::UNSIGNED_INT if self.webgl2 || self.enabled(Extension::OesElementIndexUint) => 4,
            _ => return self.error(glow::INVALID_ENUM),
        };
        if count < 0 || offset < 0 || instances.is_some_and(|i| i < 0) {
            return self.error(glow::INVALID_VALUE);
        }
        if offset % index_size as i64 != 0 {
            return self.error(glow::INVALID_OPERATION);
        }
        let Some(elements) = self.vao().element_array_buffer.get() else {
            return self.error(glow::INVALID_OPERATION);
        };
        let vertices = if count == 0 {
            0
        } else {
            // WebGL 2.0 restarts primitives at the largest index of the type, which reads no
            // vertex.
            match elements.max_index(offset as usize, count as usize, index_size, self.webgl2) {
                Some(max) => u64::from(max) + 1,
                None => return self.error(glow::INVALID_OPERATION),
            }
        };
        let primcount = instances.unwrap_or(1);
        if !self.check_draw(mode, vertices, primcount as u64) {
            return;
        }
        if count == 0 || primcount == 0 {
            return;
        }
        let offset = offset as i32;
        self.apply_draw_id();
        match instances {
            None => gl_run!(self, move |gl| gl.draw_elements(mode, count, type_, offset)),
            Some(n) => gl_run!(self, move |gl| gl.draw_elements_instanced(mode, count, type_, offset, n)),
        }
        self.drew();
    }

    /// Gives the current program's hidden `gl_DrawID` uniform (if its vertex shader uses
    /// WEBGL_multi_draw's `gl_DrawID`) the number of this draw.
    fn apply_draw_id(&self) {
        let Some(program) = self.current_program.get() else { return };
        let Some(location) = program.linked().and_then(|l| l.draw_id) else { return };
        let id = self.draw_id.get();
        if program.set_draw_id_value(id) {
            gl_run!(self, move |gl| gl.uniform_1_i32(Some(&location), id));
        }
    }

    /// ANGLE_instanced_arrays' `drawArraysInstancedANGLE()`.
    pub fn draw_arrays_instanced(&self, mode: u32, first: i32, count: i32, primcount: i32) {
        self.draw_arrays(mode, first, count, Some(primcount));
    }

    /// ANGLE_instanced_arrays' `drawElementsInstancedANGLE()`.
    pub fn draw_elements_instanced(&self, mode: u32, count: i32, type_: u32, offset: i64, primcount: i32) {
        self.draw_elements(mode, count, type_, offset, Some(primcount));
    }

    /// ANGLE_instanced_arrays' `vertexAttribDivisorANGLE()`.
    pub fn vertex_attrib_divisor(&self, index: u32, divisor: u32) {
        let vao = self.vao();
        let Some(attrib) = vao.attribs.get(index as usize) else {
            return self.error(glow::INVALID_VALUE);
        };
        attrib.divisor.set(divisor);
        gl_run!(self, move |gl| gl.vertex_attrib_divisor(index, divisor));
    }

    /// OES_vertex_array_object's `createVertexArrayOES()`.
    pub fn create_vertex_array(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLVertexArrayObjectOES>> {
        if self.is_lost() {
            // Made while the context is lost: belongs to no context (`loss.rs`).
            let name = glow::NativeVertexArray(PLACEHOLDER_NAME);
            return Some(WebGLVertexArrayObjectOES::new(
                cx,
                &self.window(),
                NO_CONTEXT,
                name,
                self.default_vao.attribs.len(),
            ));
        }
        // SAFETY: as in `gl_run!`.
        let name = self.call(move |gl, _| unsafe { gl.create_vertex_array() }.ok())??;
        let object =
            WebGLVertexArrayObjectOES::new(cx, &self.window(), self.id(), name, self.default_vao.attribs.len());
        // SAFETY: run on the WebGL thread with this context current; `name` is an object of it.
        object.object().set_release(self.releaser(name, |gl, name| unsafe { gl.delete_vertex_array(name) }));
        Some(object)
    }

    /// OES_vertex_array_object's `deleteVertexArrayOES()`: deleting the bound one binds the
    /// default vertex array.
    pub fn delete_vertex_array(&self, array: Option<&WebGLVertexArrayObjectOES>) {
        let Some(array) = array else { return };
        if !self.begin_delete(array) {
            return;
        }
        if self.bound_vao.get().is_some_and(|v| std::ptr::eq(&*v, array)) {
            self.bind_vertex_array(None);
        }
        let name = array.name();
        gl_run!(self, move |gl| gl.delete_vertex_array(name));
    }

    /// OES_vertex_array_object's `isVertexArrayOES()`.
    pub fn is_vertex_array(&self, array: Option<&WebGLVertexArrayObjectOES>) -> bool {
        array.is_some_and(|a| a.object().context() == self.id() && !a.object().is_deleted() && a.was_bound())
    }

    /// OES_vertex_array_object's `bindVertexArrayOES()` (null: the default vertex array).
    pub fn bind_vertex_array(&self, array: Option<&WebGLVertexArrayObjectOES>) {
        if let Some(array) = array {
            if !self.check_bindable(array) {
                return;
            }
            array.set_bound();
        }
        self.bound_vao.set(array);
        let name = array.map(|a| a.name());
        gl_run!(self, move |gl| gl.bind_vertex_array(name));
    }

    /// Level `level` of the texture bound for `target` was (re)specified at `width`×`height`:
    /// level 0's size decides the power-of-two rules.
    /// Notes the WebGL 1 format of a texture's level 0 (EXT_sRGB's have no mipmaps).
    fn specified_format(&self, target: u32, level: i32, format: u32) {
        if level == 0
            && let Ok(Some(texture)) = self.bound_texture(target, true)
        {
            texture.set_internal_format(format);
        }
    }

    pub(super) fn specified(&self, target: u32, level: i32, width: i32, height: i32) {
        if level != 0 {
            return;
        }
        if let Ok(Some(texture)) = self.bound_texture(target, true) {
            texture.set_size(width, height);
            let binding = if target == glow::TEXTURE_2D { glow::TEXTURE_2D } else { glow::TEXTURE_CUBE_MAP };
            self.sync_min_filter(binding, &texture);
        }
    }

    /// Gives GL the texture's effective minification filter (see
    /// `WebGLTexture::effective_min_filter`).
    pub(super) fn sync_min_filter(&self, binding: u32, texture: &WebGLTexture) {
        // WebGL 2.0 has no non-power-of-two rules: GL holds the page's filter.
        if self.webgl2 {
            return;
        }
        let filter = texture.effective_min_filter() as i32;
        gl_run!(self, move |gl| gl.tex_parameter_i32(binding, glow::TEXTURE_MIN_FILTER, filter));
    }

    /// A uniform location argument: null does nothing; one of another context or program, or of
    /// an earlier link, is INVALID_OPERATION
    /// (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>).
    pub(super) fn uniform_location(
        &self,
        location: Option<&WebGLUniformLocation>,
    ) -> Option<glow::NativeUniformLocation> {
        let location = location?;
        let current = self.current_program.get();
        let belongs = current.is_some_and(|p| std::ptr::eq(&*p, &*location.program()));
        if location.context() != self.id() || !belongs || !location.is_current() {
            self.error(glow::INVALID_OPERATION);
            return None;
        }
        Some(location.location())
    }

    pub(super) fn uniform_fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        v: HandleValue,
        n: usize,
    ) -> Fallible<()> {
        let values = float_list(cx, v)?;
        self.uniform_f32s(location, values, n);
        Ok(())
    }

    /// `uniform{1,2,3,4}fv()` with the values converted.
    pub(super) fn uniform_f32s(&self, location: Option<&WebGLUniformLocation>, values: Vec<f32>, n: usize) {
        let Some(loc) = self.uniform_location(location) else { return };
        if values.is_empty() || !values.len().is_multiple_of(n) {
            return self.error(glow::INVALID_VALUE);
        }
        gl_run!(self, move |gl| match n {
            1 => gl.uniform_1_f32_slice(Some(&loc), &values),
            2 => gl.uniform_2_f32_slice(Some(&loc), &values),
            3 => gl.uniform_3_f32_slice(Some(&loc), &values),
            _ => gl.uniform_4_f32_slice(Some(&loc), &values),
        });
    }

    pub(super) fn uniform_iv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        v: HandleValue,
        n: usize,
    ) -> Fallible<()> {
        let values = int_list(cx, v)?;
        self.uniform_i32s(location, values, n);
        Ok(())
    }

    /// `uniform{1,2,3,4}iv()` with the values converted.
    pub(super) fn uniform_i32s(&self, location: Option<&WebGLUniformLocation>, values: Vec<i32>, n: usize) {
        let Some(loc) = self.uniform_location(location) else { return };
        if values.is_empty() || !values.len().is_multiple_of(n) {
            return self.error(glow::INVALID_VALUE);
        }
        gl_run!(self, move |gl| match n {
            1 => gl.uniform_1_i32_slice(Some(&loc), &values),
            2 => gl.uniform_2_i32_slice(Some(&loc), &values),
            3 => gl.uniform_3_i32_slice(Some(&loc), &values),
            _ => gl.uniform_4_i32_slice(Some(&loc), &values),
        });
    }

    /// `uniformMatrix{2,3,4}fv()`: `transpose` must be false in WebGL 1.
    pub(super) fn uniform_matrix(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        value: HandleValue,
        n: usize,
    ) -> Fallible<()> {
        let values = float_list(cx, value)?;
        self.uniform_matrix_values(location, transpose, values, n, n);
        Ok(())
    }

    /// `uniformMatrix{C}x{R}fv()` with the values converted (`cols`×`rows` per matrix).
    pub(super) fn uniform_matrix_values(
        &self,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        values: Vec<f32>,
        cols: usize,
        rows: usize,
    ) {
        let Some(loc) = self.uniform_location(location) else { return };
        if (transpose && !self.webgl2) || values.is_empty() || !values.len().is_multiple_of(cols * rows) {
            return self.error(glow::INVALID_VALUE);
        }
        gl_run!(self, move |gl| match (cols, rows) {
            (2, 2) => gl.uniform_matrix_2_f32_slice(Some(&loc), transpose, &values),
            (3, 3) => gl.uniform_matrix_3_f32_slice(Some(&loc), transpose, &values),
            (4, 4) => gl.uniform_matrix_4_f32_slice(Some(&loc), transpose, &values),
            (2, 3) => gl.uniform_matrix_2x3_f32_slice(Some(&loc), transpose, &values),
            (2, 4) => gl.uniform_matrix_2x4_f32_slice(Some(&loc), transpose, &values),
            (3, 2) => gl.uniform_matrix_3x2_f32_slice(Some(&loc), transpose, &values),
            (3, 4) => gl.uniform_matrix_3x4_f32_slice(Some(&loc), transpose, &values),
            (4, 2) => gl.uniform_matrix_4x2_f32_slice(Some(&loc), transpose, &values),
            _ => gl.uniform_matrix_4x3_f32_slice(Some(&loc), transpose, &values),
        });
    }

    pub(super) fn vertex_attrib(&self, index: u32, value: [f32; 4]) {
        let vao = self.vao();
        let Some(attrib) = vao.attribs.get(index as usize) else {
            return self.error(glow::INVALID_VALUE);
        };
        let _ = attrib;
        self.current_attribs[index as usize].set(value);
        if let Some(ints) = self.gl2.current_attrib_ints.get(index as usize) {
            ints.set(None);
        }
        gl_run!(self, move |gl| gl.vertex_attrib_4_f32(index, value[0], value[1], value[2], value[3]));
    }

    pub(super) fn vertex_attrib_v(
        &self,
        cx: &mut JSContext,
        index: u32,
        values: HandleValue,
        n: usize,
    ) -> Fallible<()> {
        let values = float_list(cx, values)?;
        if values.len() < n {
            self.error(glow::INVALID_VALUE);
            return Ok(());
        }
        let mut value = [0.0, 0.0, 0.0, 1.0];
        value[..n].copy_from_slice(&values[..n]);
        self.vertex_attrib(index, value);
        Ok(())
    }

    /// `compressedTex(Sub)Image2D()`: the data must be an ArrayBufferView (TypeError), then, with
    /// a texture bound for `target`, INVALID_ENUM for every format (none is enabled).
    fn compressed_view_bytes(&self, cx: &mut JSContext, data: HandleObject) -> Fallible<Vec<u8>> {
        rooted!(&in(cx) let value = ObjectValue(data.get()));
        if !crate::dom::bindings::jit::is_array_buffer_view(value.handle()) {
            return Err(Error::Type("The data is not an ArrayBufferView.".into()));
        }
        Ok(crate::dom::bindings::conversions::with_view_bytes_mut(data, |bytes| bytes.to_vec()))
    }

    /// The buffer `bufferData()` fills: the target and usage checked, a buffer bound.
    pub(super) fn buffer_for_data(&self, target: u32, usage: u32) -> Option<DomRoot<WebGLBuffer>> {
        let buffer = self.bound_buffer(target).ok()?;
        let webgl2_usage = self.webgl2
            && matches!(
                usage,
                glow::STREAM_READ
                    | glow::STREAM_COPY
                    | glow::STATIC_READ
                    | glow::STATIC_COPY
                    | glow::DYNAMIC_READ
                    | glow::DYNAMIC_COPY
            );
        if !matches!(usage, glow::STREAM_DRAW | glow::STATIC_DRAW | glow::DYNAMIC_DRAW) && !webgl2_usage {
            self.error(glow::INVALID_ENUM);
            return None;
        }
        if buffer.is_none() {
            self.error(glow::INVALID_OPERATION);
        }
        buffer
    }

    /// Whether `format` is a texture format of WebGL 1 or of an enabled extension.
    pub(super) fn texture_format_allowed(&self, format: u32) -> bool {
        pixels::channels(format).is_some()
            || (pixels::is_depth(format) && self.enabled(Extension::WebglDepthTexture))
            || (matches!(format, SRGB_EXT | SRGB_ALPHA_EXT) && self.enabled(Extension::ExtSrgb))
    }

    /// Whether `type_` is a texture type of WebGL 1 or of an enabled extension.
    pub(super) fn texture_type_allowed(&self, type_: u32) -> bool {
        match type_ {
            glow::UNSIGNED_BYTE
            | glow::UNSIGNED_SHORT_5_6_5
            | glow::UNSIGNED_SHORT_4_4_4_4
            | glow::UNSIGNED_SHORT_5_5_5_1 => true,
            glow::FLOAT => self.enabled(Extension::OesTextureFloat),
            pixels::HALF_FLOAT_OES => self.enabled(Extension::OesTextureHalfFloat),
            glow::UNSIGNED_SHORT | glow::UNSIGNED_INT | UNSIGNED_INT_24_8_WEBGL => {
                self.enabled(Extension::WebglDepthTexture)
            }
            _ => false,
        }
    }

    /// The target, level, size, format and type checks of `texImage2D()`; the bytes per pixel.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn check_tex_image(
        &self,
        target: u32,
        level: i32,
        internalformat: u32,
        width: i32,
        height: i32,
        border: i32,
        format: u32,
        type_: u32,
    ) -> Option<usize> {
        self.texture_for(target, true)?;
        // An internal format WebGL 1 does not know is INVALID_VALUE (as OpenGL ES 2.0 says, and
        // Chromium does); an unknown format INVALID_ENUM.
        if !self.texture_format_allowed(internalformat) {
            self.error(glow::INVALID_VALUE);
            return None;
        }
        if !self.texture_format_allowed(format) {
            self.error(glow::INVALID_ENUM);
            return None;
        }
        if !self.texture_type_allowed(type_) {
            self.error(glow::INVALID_ENUM);
            return None;
        }
        // WEBGL_depth_texture: 2D textures, level 0, no data.
        if pixels::is_depth(format) && (target != glow::TEXTURE_2D || level != 0) {
            self.error(glow::INVALID_OPERATION);
            return None;
        }
        let max = if target == glow::TEXTURE_2D { self.limits.max_texture_size } else { self.limits.max_cube_map_size };
        if level < 0
            || width < 0
            || height < 0
            || border != 0
            || level > 31
            || width > (max >> level)
            || height > (max >> level)
        {
            self.error(glow::INVALID_VALUE);
            return None;
        }
        if target != glow::TEXTURE_2D && width != height {
            self.error(glow::INVALID_VALUE);
            return None;
        }
        // WebGL 1: mipmap levels above 0 exist only for power-of-two sizes.
        if level > 0 && (!(width as u32).is_power_of_two() || !(height as u32).is_power_of_two()) {
            self.error(glow::INVALID_VALUE);
            return None;
        }
        if internalformat != format {
            self.error(glow::INVALID_OPERATION);
            return None;
        }
        // EXT_sRGB: 8-bit data only.
        if matches!(format, SRGB_EXT | SRGB_ALPHA_EXT) && type_ != glow::UNSIGNED_BYTE {
            self.error(glow::INVALID_OPERATION);
            return None;
        }
        let Some(bpp) = pixels::bytes_per_pixel(gl_upload_format(format), type_) else {
            self.error(glow::INVALID_OPERATION);
            return None;
        };
        Some(bpp)
    }

    /// The checks of `texSubImage2D()`; the bytes per pixel.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn check_tex_sub_image(
        &self,
        target: u32,
        level: i32,
        xoffset: i32,
        yoffset: i32,
        width: i32,
        height: i32,
        format: u32,
        type_: u32,
    ) -> Option<usize> {
        self.texture_for(target, true)?;
        if !self.texture_format_allowed(format) || !self.texture_type_allowed(type_) {
            self.error(glow::INVALID_ENUM);
            return None;
        }
        if pixels::is_depth(format) {
            self.error(glow::INVALID_OPERATION);
            return None;
        }
        if level < 0 || width < 0 || height < 0 || xoffset < 0 || yoffset < 0 {
            self.error(glow::INVALID_VALUE);
            return None;
        }
        if matches!(format, SRGB_EXT | SRGB_ALPHA_EXT) && type_ != glow::UNSIGNED_BYTE {
            self.error(glow::INVALID_OPERATION);
            return None;
        }
        let Some(bpp) = pixels::bytes_per_pixel(gl_upload_format(format), type_) else {
            self.error(glow::INVALID_OPERATION);
            return None;
        };
        Some(bpp)
    }

    /// The bytes of an ArrayBufferView upload (zeros for null): the view's type must match
    /// `type_`, it must hold the rows with the unpack alignment, and the flip and premultiply
    /// rules apply (<https://registry.khronos.org/webgl/specs/latest/1.0/#PIXEL_STORAGE_PARAMETERS>).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn view_pixels(
        &self,
        cx: &mut JSContext,
        pixels: Option<HandleObject>,
        width: i32,
        height: i32,
        bpp: usize,
        type_: u32,
        format: u32,
    ) -> Fallible<Option<Vec<u8>>> {
        let store = self.pixel_store.get();
        let (width, height) = (width as usize, height as usize);
        let (needed, stride) = pixels::image_size(height, width * bpp, store.unpack_alignment as usize);
        let Some(pixels) = pixels else {
            // Zeros up to 1 GiB; beyond, OUT_OF_MEMORY rather than an allocation that fails.
            if needed > 1 << 30 {
                self.error(glow::OUT_OF_MEMORY);
                return Ok(None);
            }
            return Ok(Some(vec![0; needed]));
        };
        rooted!(&in(cx) let value = ObjectValue(pixels.get()));
        if !crate::dom::bindings::jit::is_array_buffer_view(value.handle()) {
            return Err(Error::Type("The pixels argument is not an ArrayBufferView.".into()));
        }
        if !pixels::view_class(type_)
            .iter()
            .any(|class| crate::dom::bindings::jit::is_typed_array(value.handle(), class))
        {
            self.error(glow::INVALID_OPERATION);
            return Ok(None);
        }
        let mut data = crate::dom::bindings::conversions::with_view_bytes_mut(pixels, |bytes| {
            bytes.get(..needed).map(<[u8]>::to_vec)
        });
        let Some(data) = data.as_mut() else {
            self.error(glow::INVALID_OPERATION);
            return Ok(None);
        };
        if store.flip_y {
            data.resize(stride * height, 0);
            pixels::flip_rows(data, height, stride);
            data.truncate(needed);
        }
        if store.premultiply_alpha && format == glow::RGBA && type_ == glow::UNSIGNED_BYTE {
            for row in 0..height {
                if let Some(bytes) = data.get_mut(row * stride..row * stride + width * 4) {
                    pixels::premultiply_rgba8(bytes);
                }
            }
        }
        Ok(Some(std::mem::take(data)))
    }

    /// The pixels of a DOM image source, converted for an upload: `(width, height, bytes)`, or
    /// `None` when there is nothing to upload (an image not loaded yet). A source that is not
    /// origin-clean throws SecurityError
    /// (<https://registry.khronos.org/webgl/specs/latest/1.0/#4.2>).
    pub(super) fn source_pixels(
        &self,
        source: &TexImageSource,
        format: u32,
        type_: u32,
    ) -> Fallible<Option<(i32, i32, Vec<u8>)>> {
        let (frame, origin_clean) = match source {
            TexImageSource::ImageBitmap(bitmap) => match bitmap.frame() {
                Some(frame) => (frame, bitmap.origin_clean()),
                None => return Err(Error::InvalidState("The ImageBitmap has been closed.".into())),
            },
            TexImageSource::ImageData(data) => match data.srgb_bytes() {
                Some(bytes) => {
                    let size = data.size();
                    (crate::imaging::rgba_frame(size.width, size.height, bytes, true), true)
                }
                None => return Err(Error::InvalidState("The ImageData's buffer is detached.".into())),
            },
            TexImageSource::HTMLImageElement(image) => match image.frame() {
                Some(frame) => (frame, image.is_origin_clean()),
                None => return Ok(None),
            },
            TexImageSource::HTMLCanvasElement(canvas) => {
                if canvas.has_no_pixels() {
                    return Ok(None);
                }
                match crate::dom::images::imagebitmap::canvas_snapshot(canvas) {
                    Some(frame) => (frame, canvas.is_origin_clean()),
                    None => return Ok(None),
                }
            }
            TexImageSource::OffscreenCanvas(offscreen) => {
                let canvas = offscreen.bitmap_element();
                if canvas.has_no_pixels() {
                    return Ok(None);
                }
                match crate::dom::images::imagebitmap::canvas_snapshot(&canvas) {
                    Some(frame) => (frame, canvas.is_origin_clean()),
                    None => return Ok(None),
                }
            }
            TexImageSource::HTMLVideoElement(video) => match video.current_frame() {
                Some(frame) => (frame, video.is_origin_clean()),
                None => return Ok(None),
            },
            TexImageSource::VideoFrame(frame) => match frame.data() {
                Some(data) => (data.rendered(), true),
                None => return Err(Error::InvalidState("The VideoFrame is closed.".into())),
            },
        };
        if !origin_clean {
            return Err(Error::Security("The image is not origin-clean.".into()));
        }
        if pixels::bytes_per_pixel(format, type_).is_none() && !(self.webgl2 && pixels::dom_convertible(format, type_))
        {
            // Reported by the format checks that follow.
            return Ok(Some((frame.size.width as i32, frame.size.height as i32, Vec::new())));
        }
        let store = self.pixel_store.get();
        // "UNPACK_FLIP_Y_WEBGL, UNPACK_PREMULTIPLY_ALPHA_WEBGL and UNPACK_COLORSPACE_CONVERSION_WEBGL
        // are ignored" for an ImageBitmap, which carries its own orientation and alpha
        // (<https://registry.khronos.org/webgl/specs/latest/1.0/#PIXEL_STORAGE_PARAMETERS>).
        let (flip_y, premultiply) = match source {
            TexImageSource::ImageBitmap(_) => (false, false),
            _ => (store.flip_y, store.premultiply_alpha),
        };
        let rgba = pixels::frame_rgba(&frame);
        let (width, height) = (frame.size.width as usize, frame.size.height as usize);
        let data = pixels::convert_rgba8(&rgba, width, height, format, type_, flip_y, premultiply);
        Ok(Some((width as i32, height as i32, data)))
    }
}

/// The OpenGL ES 3.0 internal format and type for a WebGL 1 upload: float and half-float
/// colour textures get their sized formats (so that they are renderable with
/// WEBGL_color_buffer_float / EXT_color_buffer_half_float), and HALF_FLOAT_OES becomes
/// HALF_FLOAT; everything else is passed as it is.
/// EXT_sRGB's formats (<https://registry.khronos.org/webgl/extensions/EXT_sRGB/>).
pub(super) const SRGB_EXT: u32 = 0x8C40;
pub(super) const SRGB_ALPHA_EXT: u32 = 0x8C42;

/// The client format GL takes for a WebGL 1 upload format: EXT_sRGB's carry RGB and RGBA data.
pub(super) fn gl_upload_format(format: u32) -> u32 {
    match format {
        SRGB_EXT => glow::RGB,
        SRGB_ALPHA_EXT => glow::RGBA,
        _ => format,
    }
}

pub(super) fn gl_texture_format(internalformat: i32, format: u32, type_: u32) -> (i32, u32) {
    match (format, type_) {
        // EXT_sRGB's unsized formats are OpenGL ES 3.0's sized ones.
        (SRGB_EXT, _) => (glow::SRGB8 as i32, type_),
        (SRGB_ALPHA_EXT, _) => (glow::SRGB8_ALPHA8 as i32, type_),
        (glow::RGBA, glow::FLOAT) => (glow::RGBA32F as i32, type_),
        (glow::RGB, glow::FLOAT) => (glow::RGB32F as i32, type_),
        (glow::RGBA, pixels::HALF_FLOAT_OES) => (glow::RGBA16F as i32, glow::HALF_FLOAT),
        (glow::RGB, pixels::HALF_FLOAT_OES) => (glow::RGB16F as i32, glow::HALF_FLOAT),
        _ => (internalformat, type_),
    }
}

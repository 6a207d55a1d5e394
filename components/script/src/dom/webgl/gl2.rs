//! WebGL 2.0's state in a `WebGLRenderingContext` made for WebGL 2.0, and what the members it
//! shares with WebGL 1.0 do differently there
//! (<https://registry.khronos.org/webgl/specs/latest/2.0/#5>): more buffer, framebuffer and
//! texture targets, OpenGL ES 3.0's parameters, formats and pixel storage.

use std::cell::Cell;

use mozjs::context::JSContext;
use mozjs::jsval::{BooleanValue, DoubleValue, Int32Value, UInt32Value};
use mozjs::rust::MutableHandleValue;
use webgl_traits::glow::{self, HasContext};

use super::extensions::Extension;
use super::objects::{
    GlObject, IndexedBinding, TransformFeedbackState, WebGLBuffer, WebGLFramebuffer, WebGLTransformFeedback,
    WebGLVertexArrayObject,
};
use super::webglrenderingcontext::{
    ParamKind, WebGLRenderingContext, gl_query, gl_run, new_uint32_array, query_param, set_param,
};
use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::trace::JSTraceable;

/// `getParameter(MAX_CLIENT_WAIT_TIMEOUT_WEBGL)`: `clientWaitSync()` never blocks here.
pub(super) const MAX_CLIENT_WAIT_TIMEOUT_WEBGL: u32 = 0x9247;

/// WebGL 2.0's pixel storage parameters beyond WebGL 1.0's
/// (<https://registry.khronos.org/webgl/specs/latest/2.0/#PIXEL_STORE_PARAM_CONSTRAINTS>).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct PixelStore2 {
    pub(super) pack_row_length: i32,
    pub(super) pack_skip_pixels: i32,
    pub(super) pack_skip_rows: i32,
    pub(super) unpack_row_length: i32,
    pub(super) unpack_image_height: i32,
    pub(super) unpack_skip_pixels: i32,
    pub(super) unpack_skip_rows: i32,
    pub(super) unpack_skip_images: i32,
}

/// The bindings and state WebGL 2.0 adds.
#[derive(JSTraceable)]
pub(super) struct WebGL2State {
    pub(super) copy_read_buffer: MutNullableDom<WebGLBuffer>,
    pub(super) copy_write_buffer: MutNullableDom<WebGLBuffer>,
    pub(super) pixel_pack_buffer: MutNullableDom<WebGLBuffer>,
    pub(super) pixel_unpack_buffer: MutNullableDom<WebGLBuffer>,
    /// The generic UNIFORM_BUFFER and TRANSFORM_FEEDBACK_BUFFER bindings.
    pub(super) uniform_buffer: MutNullableDom<WebGLBuffer>,
    pub(super) transform_feedback_buffer: MutNullableDom<WebGLBuffer>,
    /// UNIFORM_BUFFER's indexed bindings.
    pub(super) uniform_bindings: Box<[IndexedBinding]>,
    /// READ_FRAMEBUFFER (the draw binding is the context's `framebuffer`).
    pub(super) read_framebuffer: MutNullableDom<WebGLFramebuffer>,
    /// The bound vertex array object (null: the default one).
    pub(super) vertex_array: MutNullableDom<WebGLVertexArrayObject>,
    /// The bound transform feedback object (null: the default one, whose state is below).
    pub(super) transform_feedback: MutNullableDom<WebGLTransformFeedback>,
    pub(super) default_transform_feedback: TransformFeedbackState,
    /// The active queries: ANY_SAMPLES_PASSED(_CONSERVATIVE) and
    /// TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN.
    pub(super) occlusion_query: MutNullableDom<super::objects::WebGLQuery>,
    /// EXT_disjoint_timer_query_webgl2's active TIME_ELAPSED_EXT query.
    pub(super) timer_query: MutNullableDom<super::objects::WebGLQuery>,
    pub(super) primitives_query: MutNullableDom<super::objects::WebGLQuery>,
    #[no_trace]
    pub(super) pixel_store: Cell<PixelStore2>,
    /// The drawing buffer's READ_BUFFER and DRAW_BUFFER0 (BACK or NONE).
    #[no_trace]
    pub(super) default_read_buffer: Cell<u32>,
    #[no_trace]
    pub(super) default_draw_buffer: Cell<u32>,
    /// Integer generic attribute values (`vertexAttribI4*()`), with whether they are unsigned;
    /// `None` where the value is the float one of the context.
    #[no_trace]
    pub(super) current_attrib_ints: Box<[Cell<Option<([i32; 4], bool)>>]>,
    /// COLOR_WRITEMASK of each draw buffer (`colorMask()` sets them all; OES_draw_buffers_indexed's
    /// `colorMaskiOES()` one), for `getIndexedParameter()`.
    #[no_trace]
    pub(super) color_masks: Box<[Cell<[bool; 4]>]>,
}

impl WebGL2State {
    /// The initial state for `attribs` vertex attributes, `uniform_bindings` uniform buffer
    /// binding points and `draw_buffers` draw buffers.
    pub(super) fn new(attribs: usize, uniform_bindings: usize, draw_buffers: usize) -> WebGL2State {
        WebGL2State {
            copy_read_buffer: MutNullableDom::default(),
            copy_write_buffer: MutNullableDom::default(),
            pixel_pack_buffer: MutNullableDom::default(),
            pixel_unpack_buffer: MutNullableDom::default(),
            uniform_buffer: MutNullableDom::default(),
            transform_feedback_buffer: MutNullableDom::default(),
            uniform_bindings: (0..uniform_bindings).map(|_| IndexedBinding::default()).collect(),
            read_framebuffer: MutNullableDom::default(),
            vertex_array: MutNullableDom::default(),
            transform_feedback: MutNullableDom::default(),
            default_transform_feedback: TransformFeedbackState::new(),
            occlusion_query: MutNullableDom::default(),
            timer_query: MutNullableDom::default(),
            primitives_query: MutNullableDom::default(),
            pixel_store: Cell::new(PixelStore2::default()),
            default_read_buffer: Cell::new(glow::BACK),
            default_draw_buffer: Cell::new(glow::BACK),
            current_attrib_ints: (0..attribs).map(|_| Cell::new(None)).collect(),
            color_masks: (0..draw_buffers).map(|_| Cell::new([true; 4])).collect(),
        }
    }

    /// Back to the initial state (a restored context).
    pub(super) fn reset(&self) {
        for slot in [
            &self.copy_read_buffer,
            &self.copy_write_buffer,
            &self.pixel_pack_buffer,
            &self.pixel_unpack_buffer,
            &self.uniform_buffer,
            &self.transform_feedback_buffer,
        ] {
            slot.set(None);
        }
        for binding in self.uniform_bindings.iter() {
            binding.reset();
        }
        self.read_framebuffer.set(None);
        self.vertex_array.set(None);
        self.transform_feedback.set(None);
        self.default_transform_feedback.reset();
        self.occlusion_query.set(None);
        self.timer_query.set(None);
        self.primitives_query.set(None);
        self.pixel_store.set(PixelStore2::default());
        self.default_read_buffer.set(glow::BACK);
        self.default_draw_buffer.set(glow::BACK);
        for value in self.current_attrib_ints.iter() {
            value.set(None);
        }
        for mask in self.color_masks.iter() {
            mask.set([true; 4]);
        }
    }

    /// The generic binding of a WebGL 2.0 buffer target (`None` for WebGL 1.0, whose two
    /// targets the context keeps, and for unknown targets).
    pub(super) fn buffer_slot(&self, webgl2: bool, target: u32) -> Option<&MutNullableDom<WebGLBuffer>> {
        if !webgl2 {
            return None;
        }
        Some(match target {
            glow::COPY_READ_BUFFER => &self.copy_read_buffer,
            glow::COPY_WRITE_BUFFER => &self.copy_write_buffer,
            glow::PIXEL_PACK_BUFFER => &self.pixel_pack_buffer,
            glow::PIXEL_UNPACK_BUFFER => &self.pixel_unpack_buffer,
            glow::UNIFORM_BUFFER => &self.uniform_buffer,
            glow::TRANSFORM_FEEDBACK_BUFFER => &self.transform_feedback_buffer,
            _ => return None,
        })
    }

    /// The transform feedback state in use.
    pub(super) fn with_transform_feedback<R>(&self, f: impl FnOnce(&TransformFeedbackState) -> R) -> R {
        match self.transform_feedback.get() {
            Some(object) => f(object.state()),
            None => f(&self.default_transform_feedback),
        }
    }

    /// Forgets a deleted buffer in every WebGL 2.0 binding of the context (those of the bound
    /// transform feedback object included, as GL does).
    pub(super) fn unbind_buffer(&self, buffer: &WebGLBuffer) {
        let same = |slot: &MutNullableDom<WebGLBuffer>| {
            if slot.get().is_some_and(|b| std::ptr::eq(&*b, buffer)) {
                slot.set(None);
            }
        };
        for slot in [
            &self.copy_read_buffer,
            &self.copy_write_buffer,
            &self.pixel_pack_buffer,
            &self.pixel_unpack_buffer,
            &self.uniform_buffer,
            &self.transform_feedback_buffer,
        ] {
            same(slot);
        }
        for binding in self.uniform_bindings.iter() {
            same(&binding.buffer);
        }
        self.with_transform_feedback(|state| {
            for binding in state.buffers.iter() {
                same(&binding.buffer);
            }
        });
    }
}

/// What a colour buffer of an internal format holds, for the `clearBuffer*()` checks.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub(super) enum ColorKind {
    /// Floating point or normalized fixed point (`clearBufferfv()`).
    Float,
    /// Signed integers (`clearBufferiv()`).
    Int,
    /// Unsigned integers (`clearBufferuiv()`).
    UInt,
}

/// The kind of a colour internal format.
pub(super) fn color_kind(format: u32) -> ColorKind {
    match format {
        glow::R8I
        | glow::R16I
        | glow::R32I
        | glow::RG8I
        | glow::RG16I
        | glow::RG32I
        | glow::RGB8I
        | glow::RGB16I
        | glow::RGB32I
        | glow::RGBA8I
        | glow::RGBA16I
        | glow::RGBA32I => ColorKind::Int,
        glow::R8UI
        | glow::R16UI
        | glow::R32UI
        | glow::RG8UI
        | glow::RG16UI
        | glow::RG32UI
        | glow::RGB8UI
        | glow::RGB16UI
        | glow::RGB32UI
        | glow::RGBA8UI
        | glow::RGBA16UI
        | glow::RGBA32UI
        | glow::RGB10_A2UI => ColorKind::UInt,
        _ => ColorKind::Float,
    }
}

/// Whether rendering to `format` needs EXT_color_buffer_float.
pub(super) fn needs_color_buffer_float(format: u32) -> bool {
    matches!(
        format,
        glow::R16F | glow::RG16F | glow::RGBA16F | glow::R32F | glow::RG32F | glow::RGBA32F | glow::R11F_G11F_B10F
    )
}

/// The type of a WebGL 2.0 `getParameter()` name OpenGL ES answers.
fn param_kind2(pname: u32) -> Option<ParamKind> {
    use ParamKind::*;
    Some(match pname {
        glow::RASTERIZER_DISCARD => Bool,
        glow::MAX_3D_TEXTURE_SIZE
        | glow::MAX_ARRAY_TEXTURE_LAYERS
        | glow::MAX_COLOR_ATTACHMENTS
        | glow::MAX_COMBINED_UNIFORM_BLOCKS
        | glow::MAX_DRAW_BUFFERS
        | glow::MAX_ELEMENTS_INDICES
        | glow::MAX_ELEMENTS_VERTICES
        | glow::MAX_FRAGMENT_INPUT_COMPONENTS
        | glow::MAX_FRAGMENT_UNIFORM_BLOCKS
        | glow::MAX_FRAGMENT_UNIFORM_COMPONENTS
        | glow::MAX_PROGRAM_TEXEL_OFFSET
        | glow::MIN_PROGRAM_TEXEL_OFFSET
        | glow::MAX_SAMPLES
        | glow::MAX_TRANSFORM_FEEDBACK_INTERLEAVED_COMPONENTS
        | glow::MAX_TRANSFORM_FEEDBACK_SEPARATE_ATTRIBS
        | glow::MAX_TRANSFORM_FEEDBACK_SEPARATE_COMPONENTS
        | glow::MAX_UNIFORM_BUFFER_BINDINGS
        | glow::MAX_VARYING_COMPONENTS
        | glow::MAX_VERTEX_OUTPUT_COMPONENTS
        | glow::MAX_VERTEX_UNIFORM_BLOCKS
        | glow::MAX_VERTEX_UNIFORM_COMPONENTS
        | glow::UNIFORM_BUFFER_OFFSET_ALIGNMENT => Int,
        glow::FRAGMENT_SHADER_DERIVATIVE_HINT => UInt,
        glow::MAX_TEXTURE_LOD_BIAS => Float,
        _ => return None,
    })
}

impl WebGLRenderingContext {
    /// `getParameter()`'s WebGL 2.0 names
    /// (<https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.2>); false for a name WebGL
    /// 1.0's table answers.
    pub(super) fn get_parameter2(&self, cx: &mut JSContext, pname: u32, mut rval: MutableHandleValue) -> bool {
        let store = self.gl2.pixel_store.get();
        let unit = &self.texture_units[self.active_texture.get() as usize];
        match pname {
            glow::VERSION => "WebGL 2.0 (OpenGL ES 3.0 Aperture)".to_jsval(cx, rval),
            glow::SHADING_LANGUAGE_VERSION => "WebGL GLSL ES 3.00 (OpenGL ES GLSL ES 3.0 Aperture)".to_jsval(cx, rval),
            glow::COPY_READ_BUFFER_BINDING => self.gl2.copy_read_buffer.get().to_jsval(cx, rval),
            glow::COPY_WRITE_BUFFER_BINDING => self.gl2.copy_write_buffer.get().to_jsval(cx, rval),
            glow::PIXEL_PACK_BUFFER_BINDING => self.gl2.pixel_pack_buffer.get().to_jsval(cx, rval),
            glow::PIXEL_UNPACK_BUFFER_BINDING => self.gl2.pixel_unpack_buffer.get().to_jsval(cx, rval),
            glow::UNIFORM_BUFFER_BINDING => self.gl2.uniform_buffer.get().to_jsval(cx, rval),
            glow::TRANSFORM_FEEDBACK_BUFFER_BINDING => self.gl2.transform_feedback_buffer.get().to_jsval(cx, rval),
            glow::TRANSFORM_FEEDBACK_BINDING => self.gl2.transform_feedback.get().to_jsval(cx, rval),
            glow::TRANSFORM_FEEDBACK_ACTIVE => {
                rval.set(BooleanValue(self.gl2.with_transform_feedback(|t| t.active.get())))
            }
            glow::TRANSFORM_FEEDBACK_PAUSED => {
                rval.set(BooleanValue(self.gl2.with_transform_feedback(|t| t.paused.get())))
            }
            glow::READ_FRAMEBUFFER_BINDING => self.gl2.read_framebuffer.get().to_jsval(cx, rval),
            glow::VERTEX_ARRAY_BINDING => self.gl2.vertex_array.get().to_jsval(cx, rval),
            glow::TEXTURE_BINDING_3D => unit.texture_3d.get().to_jsval(cx, rval),
            glow::TEXTURE_BINDING_2D_ARRAY => unit.texture_2d_array.get().to_jsval(cx, rval),
            glow::SAMPLER_BINDING => unit.sampler.get().to_jsval(cx, rval),
            glow::PACK_ROW_LENGTH => rval.set(Int32Value(store.pack_row_length)),
            glow::PACK_SKIP_PIXELS => rval.set(Int32Value(store.pack_skip_pixels)),
            glow::PACK_SKIP_ROWS => rval.set(Int32Value(store.pack_skip_rows)),
            glow::UNPACK_ROW_LENGTH => rval.set(Int32Value(store.unpack_row_length)),
            glow::UNPACK_IMAGE_HEIGHT => rval.set(Int32Value(store.unpack_image_height)),
            glow::UNPACK_SKIP_PIXELS => rval.set(Int32Value(store.unpack_skip_pixels)),
            glow::UNPACK_SKIP_ROWS => rval.set(Int32Value(store.unpack_skip_rows)),
            glow::UNPACK_SKIP_IMAGES => rval.set(Int32Value(store.unpack_skip_images)),
            MAX_CLIENT_WAIT_TIMEOUT_WEBGL => rval.set(DoubleValue(0.0)),
            glow::READ_BUFFER => match self.gl2.read_framebuffer.get() {
                None => rval.set(UInt32Value(self.gl2.default_read_buffer.get())),
                Some(_) => {
                    let value = gl_query!(self, move |gl| gl.get_parameter_i32(glow::READ_BUFFER)).unwrap_or(0);
                    rval.set(UInt32Value(value as u32))
                }
            },
            glow::DRAW_BUFFER0..=glow::DRAW_BUFFER15 => self.draw_buffer_parameter(pname, rval),
            glow::MAX_COMBINED_FRAGMENT_UNIFORM_COMPONENTS
            | glow::MAX_COMBINED_VERTEX_UNIFORM_COMPONENTS
            | glow::MAX_ELEMENT_INDEX
            | glow::MAX_SERVER_WAIT_TIMEOUT
            | glow::MAX_UNIFORM_BLOCK_SIZE => {
                let value = gl_query!(self, move |gl| gl.get_parameter_i64(pname)).unwrap_or(0);
                rval.set(DoubleValue(value as f64))
            }
            // EXT_disjoint_timer_query_webgl2: the GPU's time now, in nanoseconds.
            super::webgl2renderingcontext::TIMESTAMP_EXT if self.enabled(Extension::ExtDisjointTimerQueryWebgl2) => {
                let value = gl_query!(self, move |gl| gl.get_parameter_i64(pname)).unwrap_or(0);
                rval.set(DoubleValue(value as f64))
            }
            _ => {
                let Some(kind) = param_kind2(pname) else { return false };
                if let Some(value) = self.call(move |gl, _| query_param(gl, pname, &kind)) {
                    set_param(cx, value, rval);
                }
            }
        }
        true
    }

    /// `getFramebufferAttachmentParameter()` in WebGL 2.0
    /// (<https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.4>): the drawing buffer's
    /// BACK, DEPTH and STENCIL can be asked about too.
    pub(super) fn get_framebuffer_attachment_parameter2(
        &self,
        cx: &mut JSContext,
        target: u32,
        attachment: u32,
        pname: u32,
        mut rval: MutableHandleValue,
    ) {
        let Ok(bound) = self.framebuffer_for(target) else { return };
        let known_pname = matches!(
            pname,
            glow::FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE
                | glow::FRAMEBUFFER_ATTACHMENT_OBJECT_NAME
                | glow::FRAMEBUFFER_ATTACHMENT_TEXTURE_LEVEL
                | glow::FRAMEBUFFER_ATTACHMENT_TEXTURE_CUBE_MAP_FACE
                | glow::FRAMEBUFFER_ATTACHMENT_TEXTURE_LAYER
                | glow::FRAMEBUFFER_ATTACHMENT_RED_SIZE
                | glow::FRAMEBUFFER_ATTACHMENT_GREEN_SIZE
                | glow::FRAMEBUFFER_ATTACHMENT_BLUE_SIZE
                | glow::FRAMEBUFFER_ATTACHMENT_ALPHA_SIZE
                | glow::FRAMEBUFFER_ATTACHMENT_DEPTH_SIZE
                | glow::FRAMEBUFFER_ATTACHMENT_STENCIL_SIZE
                | glow::FRAMEBUFFER_ATTACHMENT_COMPONENT_TYPE
                | glow::FRAMEBUFFER_ATTACHMENT_COLOR_ENCODING
        );
        if !known_pname {
            return self.error(glow::INVALID_ENUM);
        }
        let Some(framebuffer) = bound else {
            // The drawing buffer: its attachments are named BACK, DEPTH and STENCIL, and are
            // the drawing buffer framebuffer's colour, depth and stencil attachments in GL.
            let queried = match attachment {
                glow::BACK => glow::COLOR_ATTACHMENT0,
                glow::DEPTH => glow::DEPTH_ATTACHMENT,
                glow::STENCIL => glow::STENCIL_ATTACHMENT,
                _ => return self.error(glow::INVALID_ENUM),
            };
            let gl_target = target;
            let object_type = gl_query!(self, move |gl| gl.get_framebuffer_attachment_parameter_i32(
                gl_target,
                queried,
                glow::FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE
            ))
            .unwrap_or(0) as u32;
            return match pname {
                glow::FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE => rval.set(UInt32Value(if object_type == glow::NONE {
                    glow::NONE
                } else {
                    glow::FRAMEBUFFER_DEFAULT
                })),
                _ if object_type == glow::NONE => self.error(glow::INVALID_OPERATION),
                glow::FRAMEBUFFER_ATTACHMENT_RED_SIZE
                | glow::FRAMEBUFFER_ATTACHMENT_GREEN_SIZE
                | glow::FRAMEBUFFER_ATTACHMENT_BLUE_SIZE
                | glow::FRAMEBUFFER_ATTACHMENT_ALPHA_SIZE
                | glow::FRAMEBUFFER_ATTACHMENT_DEPTH_SIZE
                | glow::FRAMEBUFFER_ATTACHMENT_STENCIL_SIZE => {
                    let value = gl_query!(self, move |gl| gl
                        .get_framebuffer_attachment_parameter_i32(gl_target, queried, pname))
                    .unwrap_or(0);
                    rval.set(Int32Value(value))
                }
                glow::FRAMEBUFFER_ATTACHMENT_COMPONENT_TYPE | glow::FRAMEBUFFER_ATTACHMENT_COLOR_ENCODING => {
                    let value = gl_query!(self, move |gl| gl
                        .get_framebuffer_attachment_parameter_i32(gl_target, queried, pname))
                    .unwrap_or(0);
                    rval.set(UInt32Value(value as u32))
                }
                _ => self.error(glow::INVALID_ENUM),
            };
        };
        if !self.valid_attachment(attachment) {
            return self.error(glow::INVALID_ENUM);
        }
        if pname == glow::FRAMEBUFFER_ATTACHMENT_OBJECT_NAME {
            if let Some(texture) = framebuffer.attached_texture(attachment) {
                return texture.to_jsval(cx, rval);
            }
            if let Some(renderbuffer) = framebuffer.attached_renderbuffer(attachment) {
                return renderbuffer.to_jsval(cx, rval);
            }
            // Nothing attached: null, as GL's 0.
            return;
        }
        let value = self.call(move |gl, _| {
            // SAFETY: as in `gl_run!`.
            unsafe {
                let value = gl.get_framebuffer_attachment_parameter_i32(target, attachment, pname);
                (value, gl.get_error())
            }
        });
        let Some((value, error)) = value else { return };
        if error != glow::NO_ERROR {
            return self.error(error);
        }
        match pname {
            glow::FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE
            | glow::FRAMEBUFFER_ATTACHMENT_TEXTURE_CUBE_MAP_FACE
            | glow::FRAMEBUFFER_ATTACHMENT_COMPONENT_TYPE
            | glow::FRAMEBUFFER_ATTACHMENT_COLOR_ENCODING => rval.set(UInt32Value(value as u32)),
            _ => rval.set(Int32Value(value)),
        }
    }

    /// `getTexParameter()`'s WebGL 2.0 names; false for WebGL 1.0's (answered as there, but
    /// for TEXTURE_MIN_FILTER, which GL holds as the page set it in WebGL 2.0).
    pub(super) fn get_tex_parameter2(&self, target: u32, pname: u32, mut rval: MutableHandleValue) -> bool {
        match pname {
            glow::TEXTURE_MIN_FILTER
            | glow::TEXTURE_WRAP_R
            | glow::TEXTURE_BASE_LEVEL
            | glow::TEXTURE_MAX_LEVEL
            | glow::TEXTURE_COMPARE_FUNC
            | glow::TEXTURE_COMPARE_MODE
            | glow::TEXTURE_IMMUTABLE_LEVELS => {
                let value = gl_query!(self, move |gl| gl.get_tex_parameter_i32(target, pname)).unwrap_or(0);
                match pname {
                    glow::TEXTURE_BASE_LEVEL | glow::TEXTURE_MAX_LEVEL => rval.set(Int32Value(value)),
                    _ => rval.set(UInt32Value(value as u32)),
                }
            }
            glow::TEXTURE_IMMUTABLE_FORMAT => {
                let value = gl_query!(self, move |gl| gl.get_tex_parameter_i32(target, pname)).unwrap_or(0);
                rval.set(BooleanValue(value != 0))
            }
            glow::TEXTURE_MIN_LOD | glow::TEXTURE_MAX_LOD => {
                let value = gl_query!(self, move |gl| gl.get_tex_parameter_f32(target, pname)).unwrap_or(0.0);
                rval.set(DoubleValue(f64::from(value)))
            }
            _ => return false,
        }
        true
    }

    /// `texParameter[fi]()` in WebGL 2.0: OpenGL ES 3.0's names and values (GL checks the
    /// values; WebGL 2.0 has no non-power-of-two rules).
    pub(super) fn tex_parameter2(&self, target: u32, pname: u32, param: f32) {
        if self.texture_for(target, false).is_none() {
            return;
        }
        match pname {
            glow::TEXTURE_MIN_LOD | glow::TEXTURE_MAX_LOD => {
                gl_run!(self, move |gl| gl.tex_parameter_f32(target, pname, param));
            }
            glow::TEXTURE_MAX_ANISOTROPY_EXT if self.enabled(Extension::ExtTextureFilterAnisotropic) => {
                if param.is_nan() || param < 1.0 {
                    return self.error(glow::INVALID_VALUE);
                }
                gl_run!(self, move |gl| gl.tex_parameter_f32(target, pname, param));
            }
            glow::TEXTURE_MAG_FILTER
            | glow::TEXTURE_MIN_FILTER
            | glow::TEXTURE_WRAP_S
            | glow::TEXTURE_WRAP_T
            | glow::TEXTURE_WRAP_R
            | glow::TEXTURE_BASE_LEVEL
            | glow::TEXTURE_MAX_LEVEL
            | glow::TEXTURE_COMPARE_FUNC
            | glow::TEXTURE_COMPARE_MODE => {
                let value = param as i32;
                if matches!(pname, glow::TEXTURE_BASE_LEVEL | glow::TEXTURE_MAX_LEVEL) && value < 0 {
                    return self.error(glow::INVALID_VALUE);
                }
                if matches!(pname, glow::TEXTURE_WRAP_S | glow::TEXTURE_WRAP_T | glow::TEXTURE_WRAP_R)
                    && !self.wrap_allowed(value as u32)
                {
                    return self.error(glow::INVALID_ENUM);
                }
                if let Ok(Some(texture)) = self.bound_texture(target, false) {
                    texture.set_sampling(pname, value as u32);
                }
                gl_run!(self, move |gl| gl.tex_parameter_i32(target, pname, value));
            }
            _ => self.error(glow::INVALID_ENUM),
        }
    }

    /// `pixelStorei()`'s WebGL 2.0 names: non-negative counts.
    pub(super) fn pixel_store2(&self, pname: u32, param: i32) {
        let mut store = self.gl2.pixel_store.get();
        let slot = match pname {
            glow::PACK_ROW_LENGTH => &mut store.pack_row_length,
            glow::PACK_SKIP_PIXELS => &mut store.pack_skip_pixels,
            glow::PACK_SKIP_ROWS => &mut store.pack_skip_rows,
            glow::UNPACK_ROW_LENGTH => &mut store.unpack_row_length,
            glow::UNPACK_IMAGE_HEIGHT => &mut store.unpack_image_height,
            glow::UNPACK_SKIP_PIXELS => &mut store.unpack_skip_pixels,
            glow::UNPACK_SKIP_ROWS => &mut store.unpack_skip_rows,
            glow::UNPACK_SKIP_IMAGES => &mut store.unpack_skip_images,
            _ => return self.error(glow::INVALID_ENUM),
        };
        if param < 0 {
            return self.error(glow::INVALID_VALUE);
        }
        *slot = param;
        self.gl2.pixel_store.set(store);
    }

    /// `renderbufferStorage()` and `renderbufferStorageMultisample()` in WebGL 2.0: OpenGL ES
    /// 3.0's renderable formats (checked by GL), the float ones only with
    /// EXT_color_buffer_float (<https://registry.khronos.org/webgl/extensions/EXT_color_buffer_float/>),
    /// and DEPTH_STENCIL as DEPTH24_STENCIL8.
    pub(super) fn renderbuffer_storage2(
        &self,
        target: u32,
        samples: i32,
        internalformat: u32,
        width: i32,
        height: i32,
    ) {
        if target != glow::RENDERBUFFER {
            return self.error(glow::INVALID_ENUM);
        }
        if needs_color_buffer_float(internalformat) && !self.enabled(Extension::ExtColorBufferFloat) {
            return self.error(glow::INVALID_ENUM);
        }
        if internalformat == glow::RGB16F && !self.enabled(Extension::ExtColorBufferHalfFloat) {
            return self.error(glow::INVALID_ENUM);
        }
        let format = if internalformat == glow::DEPTH_STENCIL { glow::DEPTH24_STENCIL8 } else { internalformat };
        let Some(bound) = self.renderbuffer.get() else {
            return self.error(glow::INVALID_OPERATION);
        };
        // "If internalformat is a signed or unsigned integer format and samples is greater than
        // 0, an INVALID_OPERATION error is generated" (OpenGL ES 3.0, which WebGL 2.0 keeps).
        if samples > 0 && color_kind(internalformat) != ColorKind::Float {
            return self.error(glow::INVALID_OPERATION);
        }
        if samples < 0
            || width < 0
            || height < 0
            || width > self.limits.max_renderbuffer_size
            || height > self.limits.max_renderbuffer_size
        {
            return self.error(glow::INVALID_VALUE);
        }
        bound.set_size(width, height);
        bound.set_internal_format(format);
        gl_run!(self, move |gl| gl.renderbuffer_storage_multisample(target, samples, format, width, height));
    }

    /// `getUniform()` of WebGL 2.0's uniform types (unsigned integers, non-square matrices);
    /// false for WebGL 1.0's.
    pub(super) fn get_uniform2(
        &self,
        cx: &mut JSContext,
        program: glow::NativeProgram,
        location: &glow::NativeUniformLocation,
        kind: u32,
        mut rval: MutableHandleValue,
    ) -> bool {
        let loc = *location;
        let unsigned = match kind {
            glow::UNSIGNED_INT => Some(1),
            glow::UNSIGNED_INT_VEC2 => Some(2),
            glow::UNSIGNED_INT_VEC3 => Some(3),
            glow::UNSIGNED_INT_VEC4 => Some(4),
            _ => None,
        };
        if let Some(n) = unsigned {
            let values = gl_query!(self, move |gl| {
                let mut out = vec![0u32; n];
                gl.get_uniform_u32(program, &loc, &mut out);
                out
            })
            .unwrap_or_default();
            if n == 1 {
                rval.set(UInt32Value(values.first().copied().unwrap_or(0)));
            } else {
                new_uint32_array(cx, &values, rval);
            }
            return true;
        }
        let matrix = match kind {
            glow::FLOAT_MAT2x3 | glow::FLOAT_MAT3x2 => 6,
            glow::FLOAT_MAT2x4 | glow::FLOAT_MAT4x2 => 8,
            glow::FLOAT_MAT3x4 | glow::FLOAT_MAT4x3 => 12,
            _ => 0,
        };
        if matrix > 0 {
            let values = gl_query!(self, move |gl| {
                let mut out = vec![0f32; matrix];
                gl.get_uniform_f32(program, &loc, &mut out);
                out
            })
            .unwrap_or_default();
            crate::dom::bindings::conversions::new_float32_array(cx, &values, rval);
            return true;
        }
        let sampler = matches!(
            kind,
            glow::SAMPLER_3D
                | glow::SAMPLER_2D_SHADOW
                | glow::SAMPLER_2D_ARRAY
                | glow::SAMPLER_2D_ARRAY_SHADOW
                | glow::SAMPLER_CUBE_SHADOW
                | glow::INT_SAMPLER_2D
                | glow::INT_SAMPLER_3D
                | glow::INT_SAMPLER_CUBE
                | glow::INT_SAMPLER_2D_ARRAY
                | glow::UNSIGNED_INT_SAMPLER_2D
                | glow::UNSIGNED_INT_SAMPLER_3D
                | glow::UNSIGNED_INT_SAMPLER_CUBE
                | glow::UNSIGNED_INT_SAMPLER_2D_ARRAY
        );
        if sampler {
            let values = gl_query!(self, move |gl| {
                let mut out = vec![0i32; 1];
                gl.get_uniform_i32(program, &loc, &mut out);
                out
            })
            .unwrap_or_default();
            rval.set(Int32Value(values.first().copied().unwrap_or(0)));
            return true;
        }
        false
    }

    /// WebGL 2.0's framebuffer completeness beyond OpenGL ES 3.0's: a float colour attachment
    /// is FRAMEBUFFER_INCOMPLETE_ATTACHMENT unless EXT_color_buffer_float is enabled.
    pub(super) fn float_attachment_unrenderable(&self, framebuffer: &WebGLFramebuffer) -> bool {
        !self.enabled(Extension::ExtColorBufferFloat)
            && framebuffer.color_formats().into_iter().any(needs_color_buffer_float)
    }

    /// Whether `buffer` is bound for transform feedback while it is active (reading or writing
    /// it by other means is then INVALID_OPERATION,
    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#5.1>).
    pub(super) fn in_active_transform_feedback(&self, buffer: &WebGLBuffer) -> bool {
        self.gl2.with_transform_feedback(|state| {
            state.active.get()
                && state.buffers.iter().any(|b| b.buffer.get().is_some_and(|x| std::ptr::eq(&*x, buffer)))
        })
    }

    /// The object kind check shared by the WebGL 2.0 `is*()` members.
    pub(super) fn owns_live<T: GlObject>(&self, object: Option<&T>) -> bool {
        object.is_some_and(|o| o.object().context() == self.id() && !o.object().is_deleted())
    }

    /// The vertex array bound now, for WebGL 2.0's `bindVertexArray()`.
    pub(super) fn bound_vertex_array(&self) -> Option<DomRoot<WebGLVertexArrayObject>> {
        self.gl2.vertex_array.get()
    }
}

//! The WebGL 1 extensions (<https://registry.khronos.org/webgl/extensions/>): which ones a
//! context offers (those the OpenGL ES context under it supports), the objects
//! `getExtension()` returns (one per context and name), and what enabling one allows
//! ([`Extension`], checked by the context).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::{Int32Value, NullValue};
use mozjs::rust::{HandleValue, MutableHandleValue};
use webgl_traits::glow;

use super::objects::{GlObject, VertexArrayState, WebGLObject, WebGLQuery, WebGLShader};
use super::webgl2renderingcontext::{QUERY_COUNTER_BITS_EXT, TIME_ELAPSED_EXT, TIMESTAMP_EXT};
use super::webglrenderingcontext::{WebGLRenderingContext, int_list, return_if_lost};
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::ANGLE_instanced_arraysBinding::ANGLE_instanced_arraysMethods;
use crate::dom::bindings::codegen::EXT_clip_controlBinding::EXT_clip_controlMethods;
use crate::dom::bindings::codegen::EXT_disjoint_timer_query_webgl2Binding::EXT_disjoint_timer_query_webgl2Methods;
use crate::dom::bindings::codegen::EXT_disjoint_timer_queryBinding::EXT_disjoint_timer_queryMethods;
use crate::dom::bindings::codegen::EXT_polygon_offset_clampBinding::EXT_polygon_offset_clampMethods;
use crate::dom::bindings::codegen::OES_draw_buffers_indexedBinding::OES_draw_buffers_indexedMethods;
use crate::dom::bindings::codegen::OES_vertex_array_objectBinding::OES_vertex_array_objectMethods;
use crate::dom::bindings::codegen::WEBGL_compressed_texture_astcBinding::WEBGL_compressed_texture_astcMethods;
use crate::dom::bindings::codegen::WEBGL_debug_shadersBinding::WEBGL_debug_shadersMethods;
use crate::dom::bindings::codegen::WEBGL_draw_buffersBinding::WEBGL_draw_buffersMethods;
use crate::dom::bindings::codegen::WEBGL_lose_contextBinding::WEBGL_lose_contextMethods;
use crate::dom::bindings::codegen::WEBGL_multi_drawBinding::WEBGL_multi_drawMethods;
use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::html::window::Window;

/// An extension a context can offer.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Extension {
    AngleInstancedArrays,
    ExtBlendMinmax,
    ExtClipControl,
    ExtColorBufferFloat,
    ExtColorBufferHalfFloat,
    ExtDepthClamp,
    ExtDisjointTimerQuery,
    ExtDisjointTimerQueryWebgl2,
    ExtFloatBlend,
    ExtFragDepth,
    ExtPolygonOffsetClamp,
    ExtShaderTextureLod,
    ExtSrgb,
    ExtTextureCompressionBptc,
    ExtTextureCompressionRgtc,
    ExtTextureFilterAnisotropic,
    ExtTextureMirrorClampToEdge,
    KhrParallelShaderCompile,
    NvShaderNoperspectiveInterpolation,
    OesDrawBuffersIndexed,
    OesElementIndexUint,
    OesFboRenderMipmap,
    OesSampleVariables,
    OesShaderMultisampleInterpolation,
    OesStandardDerivatives,
    OesTextureFloat,
    OesTextureFloatLinear,
    OesTextureHalfFloat,
    OesTextureHalfFloatLinear,
    OesVertexArrayObject,
    WebglClipCullDistance,
    WebglColorBufferFloat,
    WebglCompressedTextureAstc,
    WebglCompressedTextureEtc,
    WebglCompressedTextureEtc1,
    WebglCompressedTextureS3tc,
    WebglCompressedTextureS3tcSrgb,
    WebglDebugRendererInfo,
    WebglDebugShaders,
    WebglDepthTexture,
    WebglDrawBuffers,
    WebglLoseContext,
    WebglMultiDraw,
}

/// Every extension, in the order `getSupportedExtensions()` lists them, with its name and the
/// OpenGL ES 3.0 extensions it needs (none: core in OpenGL ES 3.0).
pub const ALL: &[(Extension, &str, &[&str])] = &[
    (Extension::AngleInstancedArrays, "ANGLE_instanced_arrays", &[]),
    (Extension::ExtBlendMinmax, "EXT_blend_minmax", &[]),
    (Extension::ExtClipControl, "EXT_clip_control", &["GL_EXT_clip_control"]),
    (Extension::ExtColorBufferFloat, "EXT_color_buffer_float", &["GL_EXT_color_buffer_float"]),
    (Extension::ExtColorBufferHalfFloat, "EXT_color_buffer_half_float", &["GL_EXT_color_buffer_half_float"]),
    (Extension::ExtDepthClamp, "EXT_depth_clamp", &["GL_EXT_depth_clamp"]),
    (Extension::ExtDisjointTimerQuery, "EXT_disjoint_timer_query", &["GL_EXT_disjoint_timer_query"]),
    (Extension::ExtDisjointTimerQueryWebgl2, "EXT_disjoint_timer_query_webgl2", &["GL_EXT_disjoint_timer_query"]),
    (Extension::ExtFloatBlend, "EXT_float_blend", &["GL_EXT_float_blend"]),
    (Extension::ExtFragDepth, "EXT_frag_depth", &["GL_EXT_frag_depth"]),
    (Extension::ExtPolygonOffsetClamp, "EXT_polygon_offset_clamp", &["GL_EXT_polygon_offset_clamp"]),
    (Extension::ExtShaderTextureLod, "EXT_shader_texture_lod", &["GL_EXT_shader_texture_lod"]),
    (Extension::ExtSrgb, "EXT_sRGB", &[]),
    (Extension::ExtTextureCompressionBptc, "EXT_texture_compression_bptc", &["GL_EXT_texture_compression_bptc"]),
    (Extension::ExtTextureCompressionRgtc, "EXT_texture_compression_rgtc", &["GL_EXT_texture_compression_rgtc"]),
    (Extension::ExtTextureFilterAnisotropic, "EXT_texture_filter_anisotropic", &["GL_EXT_texture_filter_anisotropic"]),
    (
        Extension::ExtTextureMirrorClampToEdge,
        "EXT_texture_mirror_clamp_to_edge",
        &["GL_EXT_texture_mirror_clamp_to_edge"],
    ),
    (Extension::KhrParallelShaderCompile, "KHR_parallel_shader_compile", &[]),
    (
        Extension::NvShaderNoperspectiveInterpolation,
        "NV_shader_noperspective_interpolation",
        &["GL_NV_shader_noperspective_interpolation"],
    ),
    (Extension::OesDrawBuffersIndexed, "OES_draw_buffers_indexed", &["GL_OES_draw_buffers_indexed"]),
    (Extension::OesElementIndexUint, "OES_element_index_uint", &[]),
    (Extension::OesFboRenderMipmap, "OES_fbo_render_mipmap", &[]),
    (Extension::OesSampleVariables, "OES_sample_variables", &["GL_OES_sample_variables"]),
    (
        Extension::OesShaderMultisampleInterpolation,
        "OES_shader_multisample_interpolation",
        &["GL_OES_shader_multisample_interpolation"],
    ),
    (Extension::OesStandardDerivatives, "OES_standard_derivatives", &["GL_OES_standard_derivatives"]),
    (Extension::OesTextureFloat, "OES_texture_float", &["GL_OES_texture_float"]),
    (Extension::OesTextureFloatLinear, "OES_texture_float_linear", &["GL_OES_texture_float_linear"]),
    (Extension::OesTextureHalfFloat, "OES_texture_half_float", &["GL_OES_texture_half_float"]),
    (Extension::OesTextureHalfFloatLinear, "OES_texture_half_float_linear", &["GL_OES_texture_half_float_linear"]),
    (Extension::OesVertexArrayObject, "OES_vertex_array_object", &[]),
    (Extension::WebglClipCullDistance, "WEBGL_clip_cull_distance", &["GL_EXT_clip_cull_distance"]),
    (Extension::WebglColorBufferFloat, "WEBGL_color_buffer_float", &["GL_EXT_color_buffer_float"]),
    (Extension::WebglCompressedTextureAstc, "WEBGL_compressed_texture_astc", &["GL_KHR_texture_compression_astc_ldr"]),
    (Extension::WebglCompressedTextureEtc, "WEBGL_compressed_texture_etc", &[]),
    (Extension::WebglCompressedTextureEtc1, "WEBGL_compressed_texture_etc1", &["GL_OES_compressed_ETC1_RGB8_texture"]),
    (Extension::WebglCompressedTextureS3tc, "WEBGL_compressed_texture_s3tc", &["GL_EXT_texture_compression_s3tc"]),
    (
        Extension::WebglCompressedTextureS3tcSrgb,
        "WEBGL_compressed_texture_s3tc_srgb",
        &["GL_EXT_texture_compression_s3tc_srgb"],
    ),
    (Extension::WebglDebugRendererInfo, "WEBGL_debug_renderer_info", &[]),
    (Extension::WebglDebugShaders, "WEBGL_debug_shaders", &[]),
    (Extension::WebglDepthTexture, "WEBGL_depth_texture", &["GL_OES_depth_texture"]),
    (Extension::WebglDrawBuffers, "WEBGL_draw_buffers", &["GL_EXT_draw_buffers"]),
    (Extension::WebglLoseContext, "WEBGL_lose_context", &[]),
    (Extension::WebglMultiDraw, "WEBGL_multi_draw", &[]),
];

/// Whether a WebGL 2.0 context offers `extension`: the others are core in WebGL 2.0 (or, for
/// the WebGL 1.0 float and half-float colour buffer ones, replaced by EXT_color_buffer_float).
fn in_webgl2(extension: Extension) -> bool {
    matches!(
        extension,
        Extension::ExtColorBufferFloat
            | Extension::ExtColorBufferHalfFloat
            | Extension::ExtFloatBlend
            | Extension::ExtTextureFilterAnisotropic
            | Extension::KhrParallelShaderCompile
            | Extension::OesTextureFloatLinear
            | Extension::WebglDebugRendererInfo
            | Extension::WebglLoseContext
            | Extension::ExtTextureCompressionBptc
            | Extension::ExtTextureCompressionRgtc
            | Extension::WebglCompressedTextureAstc
            | Extension::WebglCompressedTextureEtc
            | Extension::WebglCompressedTextureEtc1
            | Extension::WebglCompressedTextureS3tc
            | Extension::WebglCompressedTextureS3tcSrgb
            | Extension::ExtClipControl
            | Extension::ExtDepthClamp
            | Extension::ExtPolygonOffsetClamp
            | Extension::ExtTextureMirrorClampToEdge
            | Extension::WebglDebugShaders
            | Extension::WebglMultiDraw
    ) || webgl2_only(extension)
}

/// The extensions only a WebGL 2.0 context offers.
fn webgl2_only(extension: Extension) -> bool {
    matches!(
        extension,
        Extension::ExtColorBufferFloat
            | Extension::ExtDisjointTimerQueryWebgl2
            | Extension::NvShaderNoperspectiveInterpolation
            | Extension::OesDrawBuffersIndexed
            | Extension::OesSampleVariables
            | Extension::OesShaderMultisampleInterpolation
            | Extension::WebglClipCullDistance
    )
}

/// Extensions not offered although Mesa's context lists what they need, because the driver
/// does not honour it (measured on Mesa 22.3 llvmpipe against the checks Chromium passes):
/// MIRROR_CLAMP_TO_EDGE_EXT is refused by `glTexParameteri` with INVALID_ENUM, and
/// `gl_ClipDistance` clips with its CLIP_DISTANCEi capability disabled.
const NOT_HONOURED: &[Extension] = &[Extension::ExtTextureMirrorClampToEdge, Extension::WebglClipCullDistance];

/// The extensions a WebGL 1.0 (or, with `webgl2`, 2.0) context offers on top of an OpenGL ES
/// context with `gl_extensions`.
pub fn supported(gl_extensions: &[String], webgl2: bool) -> Vec<Extension> {
    ALL.iter()
        .filter(|(e, _, _)| !NOT_HONOURED.contains(e))
        .filter(|(e, _, _)| if webgl2 { in_webgl2(*e) } else { !webgl2_only(*e) })
        .filter(|(_, _, needs)| needs.iter().all(|n| gl_extensions.iter().any(|e| e == n)))
        .map(|(e, _, _)| *e)
        .collect()
}

/// The extension `name` names (ASCII case-insensitively, as `getExtension()` matches).
pub fn by_name(name: &str) -> Option<Extension> {
    ALL.iter().find(|(_, n, _)| n.eq_ignore_ascii_case(name)).map(|(e, _, _)| *e)
}

/// The name of an extension.
pub fn name(extension: Extension) -> &'static str {
    ALL.iter().find(|(e, _, _)| *e == extension).map_or("", |(_, n, _)| n)
}

macro_rules! plain_extension {
    ($($name:ident),* $(,)?) => {
        $(
            /// An extension object with constants only.
            #[dom_struct]
            pub struct $name {
                reflector_: Reflector,
            }

            impl $name {
                /// A new extension object.
                pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<$name> {
                    reflect_dom_object(cx, Box::new($name { reflector_: Reflector::new() }), window)
                }
            }
        )*
    };
}

plain_extension!(
    EXT_blend_minmax,
    EXT_color_buffer_float,
    EXT_color_buffer_half_float,
    EXT_float_blend,
    EXT_frag_depth,
    EXT_shader_texture_lod,
    EXT_sRGB,
    EXT_texture_filter_anisotropic,
    KHR_parallel_shader_compile,
    OES_element_index_uint,
    OES_fbo_render_mipmap,
    OES_standard_derivatives,
    OES_texture_float,
    OES_texture_float_linear,
    OES_texture_half_float,
    OES_texture_half_float_linear,
    WEBGL_color_buffer_float,
    WEBGL_debug_renderer_info,
    WEBGL_depth_texture,
    WEBGL_compressed_texture_s3tc,
    WEBGL_compressed_texture_s3tc_srgb,
    WEBGL_compressed_texture_etc,
    WEBGL_compressed_texture_etc1,
    EXT_texture_compression_bptc,
    EXT_texture_compression_rgtc,
    EXT_depth_clamp,
    EXT_texture_mirror_clamp_to_edge,
    NV_shader_noperspective_interpolation,
    OES_sample_variables,
    OES_shader_multisample_interpolation,
    WEBGL_clip_cull_distance,
);

macro_rules! context_extension {
    ($($name:ident),* $(,)?) => {
        $(
            /// An extension object whose methods act on its context.
            #[dom_struct]
            pub struct $name {
                reflector_: Reflector,
                context: Dom<WebGLRenderingContext>,
            }

            impl $name {
                /// The extension object of `context`.
                pub fn new(cx: &mut JSContext, window: &Window, context: &WebGLRenderingContext) -> DomRoot<$name> {
                    reflect_dom_object(
                        cx,
                        Box::new($name { reflector_: Reflector::new(), context: Dom::from_ref(context) }),
                        window,
                    )
                }
            }
        )*
    };
}

context_extension!(
    EXT_clip_control,
    EXT_polygon_offset_clamp,
    WEBGL_debug_shaders,
    OES_draw_buffers_indexed,
    WEBGL_draw_buffers,
    EXT_disjoint_timer_query_webgl2,
    WEBGL_multi_draw,
);

impl EXT_disjoint_timer_query_webgl2Methods for EXT_disjoint_timer_query_webgl2 {
    /// <https://registry.khronos.org/webgl/extensions/EXT_disjoint_timer_query_webgl2/>
    fn QueryCounterEXT(&self, _cx: &mut JSContext, query: &WebGLQuery, target: u32) {
        return_if_lost!(self.context);
        self.context.query_counter(query, target);
    }
}

/// <https://registry.khronos.org/webgl/extensions/EXT_disjoint_timer_query/>: a timer query
/// of a WebGL 1.0 context, which works as WebGL 2.0's query object it holds.
#[dom_struct]
pub struct WebGLTimerQueryEXT {
    object: WebGLObject,
    query: Dom<WebGLQuery>,
}

impl WebGLTimerQueryEXT {
    fn new(cx: &mut JSContext, window: &Window, query: &WebGLQuery) -> DomRoot<WebGLTimerQueryEXT> {
        reflect_dom_object(
            cx,
            Box::new(WebGLTimerQueryEXT {
                object: WebGLObject::new_for(query.object().context()),
                query: Dom::from_ref(query),
            }),
            window,
        )
    }
}

/// <https://registry.khronos.org/webgl/extensions/EXT_disjoint_timer_query/>
#[dom_struct]
pub struct EXT_disjoint_timer_query {
    reflector_: Reflector,
    context: Dom<WebGLRenderingContext>,
    /// The running TIME_ELAPSED_EXT query, as the page knows it (CURRENT_QUERY_EXT).
    current: MutNullableDom<WebGLTimerQueryEXT>,
}

impl EXT_disjoint_timer_query {
    /// The extension object of `context`.
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &WebGLRenderingContext,
    ) -> DomRoot<EXT_disjoint_timer_query> {
        reflect_dom_object(
            cx,
            Box::new(EXT_disjoint_timer_query {
                reflector_: Reflector::new(),
                context: Dom::from_ref(context),
                current: MutNullableDom::default(),
            }),
            window,
        )
    }

    /// Forgets CURRENT_QUERY_EXT once the context's TIME_ELAPSED_EXT query is no longer it.
    fn sync_current(&self) {
        let running = self.context.gl2.timer_query.get();
        if !self.current.get().is_some_and(|c| running.is_some_and(|r| std::ptr::eq(&*r, &*c.query))) {
            self.current.set(None);
        }
    }
}

impl EXT_disjoint_timer_queryMethods for EXT_disjoint_timer_query {
    /// <https://registry.khronos.org/webgl/extensions/EXT_disjoint_timer_query/>
    fn CreateQueryEXT(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLTimerQueryEXT>> {
        let query = self.context.create_query(cx)?;
        Some(WebGLTimerQueryEXT::new(cx, &self.context.window(), &query))
    }

    /// <https://registry.khronos.org/webgl/extensions/EXT_disjoint_timer_query/>: a running
    /// query ends.
    fn DeleteQueryEXT(&self, _cx: &mut JSContext, query: Option<&WebGLTimerQueryEXT>) {
        self.context.delete_query(query.map(|q| &*q.query));
        self.sync_current();
    }

    /// <https://registry.khronos.org/webgl/extensions/EXT_disjoint_timer_query/>: begun at least
    /// once, and not deleted.
    fn IsQueryEXT(&self, _cx: &mut JSContext, query: Option<&WebGLTimerQueryEXT>) -> bool {
        self.context.is_query(query.map(|q| &*q.query))
    }

    /// <https://registry.khronos.org/webgl/extensions/EXT_disjoint_timer_query/>: TIME_ELAPSED_EXT only.
    fn BeginQueryEXT(&self, _cx: &mut JSContext, target: u32, query: &WebGLTimerQueryEXT) {
        self.context.begin_query(target, &query.query);
        if self.context.gl2.timer_query.get().is_some_and(|r| std::ptr::eq(&*r, &*query.query)) {
            self.current.set(Some(query));
        }
    }

    /// <https://registry.khronos.org/webgl/extensions/EXT_disjoint_timer_query/>
    fn EndQueryEXT(&self, _cx: &mut JSContext, target: u32) {
        self.context.end_query(target);
        self.sync_current();
    }

    /// <https://registry.khronos.org/webgl/extensions/EXT_disjoint_timer_query/>: TIMESTAMP_EXT only.
    fn QueryCounterEXT(&self, _cx: &mut JSContext, query: &WebGLTimerQueryEXT, target: u32) {
        return_if_lost!(self.context);
        self.context.query_counter(&query.query, target);
    }

    /// <https://registry.khronos.org/webgl/extensions/EXT_disjoint_timer_query/>:
    /// CURRENT_QUERY_EXT (none for TIMESTAMP_EXT) and QUERY_COUNTER_BITS_EXT of the two targets.
    fn GetQueryEXT(&self, cx: &mut JSContext, target: u32, pname: u32, mut rval: MutableHandleValue) {
        return_if_lost!(self.context, rval);
        rval.set(NullValue());
        if !matches!(target, TIME_ELAPSED_EXT | TIMESTAMP_EXT) {
            return self.context.error(glow::INVALID_ENUM);
        }
        match pname {
            glow::CURRENT_QUERY if target == TIME_ELAPSED_EXT => self.current.get().to_jsval(cx, rval),
            glow::CURRENT_QUERY => {}
            QUERY_COUNTER_BITS_EXT => rval.set(Int32Value(self.context.query_counter_bits(target))),
            _ => self.context.error(glow::INVALID_ENUM),
        }
    }

    /// <https://registry.khronos.org/webgl/extensions/EXT_disjoint_timer_query/>: as WebGL 2.0's
    /// `getQueryParameter()`, results only once control has returned to the event loop.
    fn GetQueryObjectEXT(&self, _cx: &mut JSContext, query: &WebGLTimerQueryEXT, pname: u32, rval: MutableHandleValue) {
        self.context.get_query_parameter(&query.query, pname, rval);
    }
}

impl WEBGL_multi_drawMethods for WEBGL_multi_draw {
    /// <https://registry.khronos.org/webgl/extensions/WEBGL_multi_draw/>
    fn MultiDrawArraysWEBGL(
        &self,
        cx: &mut JSContext,
        mode: u32,
        firsts: HandleValue,
        firsts_offset: u64,
        counts: HandleValue,
        counts_offset: u64,
        drawcount: i32,
    ) -> Fallible<()> {
        return_if_lost!(self.context);
        let (firsts, counts) = (int_list(cx, firsts)?, int_list(cx, counts)?);
        let lists = [(&firsts[..], firsts_offset), (&counts[..], counts_offset)];
        self.context.multi_draw(mode, &lists, drawcount, |gl, v| gl.draw_arrays(mode, v[0], v[1], None));
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/extensions/WEBGL_multi_draw/>
    fn MultiDrawElementsWEBGL(
        &self,
        cx: &mut JSContext,
        mode: u32,
        counts: HandleValue,
        counts_offset: u64,
        type_: u32,
        offsets: HandleValue,
        offsets_offset: u64,
        drawcount: i32,
    ) -> Fallible<()> {
        return_if_lost!(self.context);
        let (counts, offsets) = (int_list(cx, counts)?, int_list(cx, offsets)?);
        let lists = [(&counts[..], counts_offset), (&offsets[..], offsets_offset)];
        self.context
            .multi_draw(mode, &lists, drawcount, |gl, v| gl.draw_elements(mode, v[0], type_, i64::from(v[1]), None));
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/extensions/WEBGL_multi_draw/>
    fn MultiDrawArraysInstancedWEBGL(
        &self,
        cx: &mut JSContext,
        mode: u32,
        firsts: HandleValue,
        firsts_offset: u64,
        counts: HandleValue,
        counts_offset: u64,
        instance_counts: HandleValue,
        instance_counts_offset: u64,
        drawcount: i32,
    ) -> Fallible<()> {
        return_if_lost!(self.context);
        let (firsts, counts, instances) =
            (int_list(cx, firsts)?, int_list(cx, counts)?, int_list(cx, instance_counts)?);
        let lists =
            [(&firsts[..], firsts_offset), (&counts[..], counts_offset), (&instances[..], instance_counts_offset)];
        self.context.multi_draw(mode, &lists, drawcount, |gl, v| gl.draw_arrays(mode, v[0], v[1], Some(v[2])));
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/extensions/WEBGL_multi_draw/>
    fn MultiDrawElementsInstancedWEBGL(
        &self,
        cx: &mut JSContext,
        mode: u32,
        counts: HandleValue,
        counts_offset: u64,
        type_: u32,
        offsets: HandleValue,
        offsets_offset: u64,
        instance_counts: HandleValue,
        instance_counts_offset: u64,
        drawcount: i32,
    ) -> Fallible<()> {
        return_if_lost!(self.context);
        let (counts, offsets, instances) =
            (int_list(cx, counts)?, int_list(cx, offsets)?, int_list(cx, instance_counts)?);
        let lists =
            [(&counts[..], counts_offset), (&offsets[..], offsets_offset), (&instances[..], instance_counts_offset)];
        self.context.multi_draw(mode, &lists, drawcount, |gl, v| {
            gl.draw_elements(mode, v[0], type_, i64::from(v[1]), Some(v[2]))
        });
        Ok(())
    }
}

impl WEBGL_draw_buffersMethods for WEBGL_draw_buffers {
    /// <https://registry.khronos.org/webgl/extensions/WEBGL_draw_buffers/>
    fn DrawBuffersWEBGL(&self, _cx: &mut JSContext, buffers: Vec<u32>) {
        return_if_lost!(self.context);
        self.context.draw_buffers(buffers);
    }
}

impl EXT_clip_controlMethods for EXT_clip_control {
    /// <https://registry.khronos.org/webgl/extensions/EXT_clip_control/>
    fn ClipControlEXT(&self, _cx: &mut JSContext, origin: u32, depth: u32) {
        return_if_lost!(self.context);
        self.context.clip_control(origin, depth);
    }
}

impl EXT_polygon_offset_clampMethods for EXT_polygon_offset_clamp {
    /// <https://registry.khronos.org/webgl/extensions/EXT_polygon_offset_clamp/>
    fn PolygonOffsetClampEXT(&self, _cx: &mut JSContext, factor: f32, units: f32, clamp: f32) {
        return_if_lost!(self.context);
        self.context.polygon_offset_clamp(factor, units, clamp);
    }
}

impl WEBGL_debug_shadersMethods for WEBGL_debug_shaders {
    /// <https://registry.khronos.org/webgl/extensions/WEBGL_debug_shaders/>
    fn GetTranslatedShaderSource(&self, _cx: &mut JSContext, shader: &WebGLShader) -> DOMString {
        return_if_lost!(self.context);
        DOMString::from(self.context.translated_shader_source(shader))
    }
}

impl OES_draw_buffers_indexedMethods for OES_draw_buffers_indexed {
    /// <https://registry.khronos.org/webgl/extensions/OES_draw_buffers_indexed/>
    fn EnableiOES(&self, _cx: &mut JSContext, target: u32, index: u32) {
        return_if_lost!(self.context);
        self.context.enable_indexed(target, index, true);
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_draw_buffers_indexed/>
    fn DisableiOES(&self, _cx: &mut JSContext, target: u32, index: u32) {
        return_if_lost!(self.context);
        self.context.enable_indexed(target, index, false);
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_draw_buffers_indexed/>
    fn BlendEquationiOES(&self, _cx: &mut JSContext, buf: u32, mode: u32) {
        return_if_lost!(self.context);
        self.context.blend_equation_indexed(buf, mode, mode);
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_draw_buffers_indexed/>
    fn BlendEquationSeparateiOES(&self, _cx: &mut JSContext, buf: u32, mode_rgb: u32, mode_alpha: u32) {
        return_if_lost!(self.context);
        self.context.blend_equation_indexed(buf, mode_rgb, mode_alpha);
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_draw_buffers_indexed/>
    fn BlendFunciOES(&self, _cx: &mut JSContext, buf: u32, src: u32, dst: u32) {
        return_if_lost!(self.context);
        self.context.blend_func_indexed(buf, src, dst, src, dst);
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_draw_buffers_indexed/>
    fn BlendFuncSeparateiOES(
        &self,
        _cx: &mut JSContext,
        buf: u32,
        src_rgb: u32,
        dst_rgb: u32,
        src_alpha: u32,
        dst_alpha: u32,
    ) {
        return_if_lost!(self.context);
        self.context.blend_func_indexed(buf, src_rgb, dst_rgb, src_alpha, dst_alpha);
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_draw_buffers_indexed/>
    fn ColorMaskiOES(&self, _cx: &mut JSContext, buf: u32, r: bool, g: bool, b: bool, a: bool) {
        return_if_lost!(self.context);
        self.context.color_mask_indexed(buf, [r, g, b, a]);
    }
}

/// <https://registry.khronos.org/webgl/extensions/WEBGL_compressed_texture_astc/>: its formats'
/// constants, and the profiles the context supports.
#[dom_struct]
pub struct WEBGL_compressed_texture_astc {
    reflector_: Reflector,
}

impl WEBGL_compressed_texture_astc {
    /// A new extension object.
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<WEBGL_compressed_texture_astc> {
        reflect_dom_object(cx, Box::new(WEBGL_compressed_texture_astc { reflector_: Reflector::new() }), window)
    }
}

impl WEBGL_compressed_texture_astcMethods for WEBGL_compressed_texture_astc {
    /// <https://registry.khronos.org/webgl/extensions/WEBGL_compressed_texture_astc/>: "Returns
    /// a list of the ASTC profiles supported": the LDR profile (the OpenGL ES context under it
    /// has KHR_texture_compression_astc_ldr, not the HDR extension).
    fn GetSupportedProfiles(&self, _cx: &mut JSContext) -> Vec<DOMString> {
        vec![DOMString::from("ldr")]
    }
}

/// <https://registry.khronos.org/webgl/extensions/WEBGL_lose_context/>: simulated context loss
/// and restoration (the steps are the context's, in `loss.rs`). Its object keeps working while
/// the context is lost.
#[dom_struct]
pub struct WEBGL_lose_context {
    reflector_: Reflector,
    context: Dom<WebGLRenderingContext>,
}

impl WEBGL_lose_context {
    /// The extension object of `context`.
    pub fn new(cx: &mut JSContext, window: &Window, context: &WebGLRenderingContext) -> DomRoot<WEBGL_lose_context> {
        reflect_dom_object(
            cx,
            Box::new(WEBGL_lose_context { reflector_: Reflector::new(), context: Dom::from_ref(context) }),
            window,
        )
    }
}

impl WEBGL_lose_contextMethods for WEBGL_lose_context {
    /// <https://registry.khronos.org/webgl/extensions/WEBGL_lose_context/>: "When this function
    /// is called and the context is not lost, simulate losing the context [...] If the context
    /// is already lost when this function is called, generate an INVALID_OPERATION error."
    fn LoseContext(&self, _cx: &mut JSContext) {
        if self.context.is_lost() {
            return self.context.lost_context_error(glow::INVALID_OPERATION);
        }
        self.context.lose_context();
    }

    /// <https://registry.khronos.org/webgl/extensions/WEBGL_lose_context/>: "When this function
    /// is called while the context is lost, and the conditions defined by the WebGL
    /// specification for restoring the context are met, simulate the context being restored
    /// [...]" (asynchronously); INVALID_OPERATION when the context is not lost or may not be
    /// restored.
    fn RestoreContext(&self, _cx: &mut JSContext) {
        self.context.request_restore();
    }
}

/// <https://registry.khronos.org/webgl/extensions/ANGLE_instanced_arrays/>
#[dom_struct]
pub struct ANGLE_instanced_arrays {
    reflector_: Reflector,
    context: Dom<WebGLRenderingContext>,
}

impl ANGLE_instanced_arrays {
    /// The extension object of `context`.
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &WebGLRenderingContext,
    ) -> DomRoot<ANGLE_instanced_arrays> {
        reflect_dom_object(
            cx,
            Box::new(ANGLE_instanced_arrays { reflector_: Reflector::new(), context: Dom::from_ref(context) }),
            window,
        )
    }
}

impl ANGLE_instanced_arraysMethods for ANGLE_instanced_arrays {
    /// <https://registry.khronos.org/webgl/extensions/ANGLE_instanced_arrays/>
    fn DrawArraysInstancedANGLE(&self, _cx: &mut JSContext, mode: u32, first: i32, count: i32, primcount: i32) {
        return_if_lost!(self.context);
        self.context.draw_arrays_instanced(mode, first, count, primcount);
    }

    /// <https://registry.khronos.org/webgl/extensions/ANGLE_instanced_arrays/>
    fn DrawElementsInstancedANGLE(
        &self,
        _cx: &mut JSContext,
        mode: u32,
        count: i32,
        type_: u32,
        offset: i64,
        primcount: i32,
    ) {
        return_if_lost!(self.context);
        self.context.draw_elements_instanced(mode, count, type_, offset, primcount);
    }

    /// <https://registry.khronos.org/webgl/extensions/ANGLE_instanced_arrays/>
    fn VertexAttribDivisorANGLE(&self, _cx: &mut JSContext, index: u32, divisor: u32) {
        return_if_lost!(self.context);
        self.context.vertex_attrib_divisor(index, divisor);
    }
}

/// <https://registry.khronos.org/webgl/extensions/OES_vertex_array_object/>
#[dom_struct]
pub struct OES_vertex_array_object {
    reflector_: Reflector,
    context: Dom<WebGLRenderingContext>,
}

impl OES_vertex_array_object {
    /// The extension object of `context`.
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &WebGLRenderingContext,
    ) -> DomRoot<OES_vertex_array_object> {
        reflect_dom_object(
            cx,
            Box::new(OES_vertex_array_object { reflector_: Reflector::new(), context: Dom::from_ref(context) }),
            window,
        )
    }
}

impl OES_vertex_array_objectMethods for OES_vertex_array_object {
    /// <https://registry.khronos.org/webgl/extensions/OES_vertex_array_object/>
    fn CreateVertexArrayOES(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLVertexArrayObjectOES>> {
        return_if_lost!(self.context);
        self.context.create_vertex_array(cx)
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_vertex_array_object/>
    fn DeleteVertexArrayOES(&self, _cx: &mut JSContext, array_object: Option<&WebGLVertexArrayObjectOES>) {
        return_if_lost!(self.context);
        self.context.delete_vertex_array(array_object);
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_vertex_array_object/>
    fn IsVertexArrayOES(&self, _cx: &mut JSContext, array_object: Option<&WebGLVertexArrayObjectOES>) -> bool {
        return_if_lost!(self.context);
        self.context.is_vertex_array(array_object)
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_vertex_array_object/>
    fn BindVertexArrayOES(&self, _cx: &mut JSContext, array_object: Option<&WebGLVertexArrayObjectOES>) {
        return_if_lost!(self.context);
        self.context.bind_vertex_array(array_object);
    }
}

/// <https://registry.khronos.org/webgl/extensions/OES_vertex_array_object/>: a vertex array
/// object and the state it holds.
#[dom_struct]
pub struct WebGLVertexArrayObjectOES {
    object: WebGLObject,
    #[no_trace]
    name: glow::NativeVertexArray,
    state: VertexArrayState,
    /// Bound at least once (`isVertexArrayOES()` is false before).
    #[no_trace]
    bound: std::cell::Cell<bool>,
}

impl WebGLVertexArrayObjectOES {
    /// A new vertex array object of `context` with `attribs` attribute slots.
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: webgl_traits::WebGLContextId,
        name: glow::NativeVertexArray,
        attribs: usize,
    ) -> DomRoot<WebGLVertexArrayObjectOES> {
        reflect_dom_object(
            cx,
            Box::new(WebGLVertexArrayObjectOES {
                object: WebGLObject::new_for(context),
                name,
                state: VertexArrayState::new(attribs),
                bound: std::cell::Cell::new(false),
            }),
            window,
        )
    }
    /// The GL name.
    pub fn name(&self) -> glow::NativeVertexArray {
        self.name
    }
    /// The state it holds.
    pub fn state(&self) -> &VertexArrayState {
        &self.state
    }
    /// Notes a binding.
    pub fn set_bound(&self) {
        self.bound.set(true);
    }
    /// Whether it was ever bound.
    pub fn was_bound(&self) -> bool {
        self.bound.get()
    }
}

impl GlObject for WebGLVertexArrayObjectOES {
    fn object(&self) -> &WebGLObject {
        &self.object
    }
}

/// The extension objects a context gave out (the same object for every `getExtension()` of a
/// name).
#[derive(Default, JSTraceable)]
pub struct ExtensionObjects {
    pub angle_instanced_arrays: MutNullableDom<ANGLE_instanced_arrays>,
    pub ext_blend_minmax: MutNullableDom<EXT_blend_minmax>,
    pub ext_color_buffer_half_float: MutNullableDom<EXT_color_buffer_half_float>,
    pub ext_float_blend: MutNullableDom<EXT_float_blend>,
    pub ext_color_buffer_float: MutNullableDom<EXT_color_buffer_float>,
    pub ext_frag_depth: MutNullableDom<EXT_frag_depth>,
    pub ext_shader_texture_lod: MutNullableDom<EXT_shader_texture_lod>,
    pub ext_srgb: MutNullableDom<EXT_sRGB>,
    pub ext_texture_filter_anisotropic: MutNullableDom<EXT_texture_filter_anisotropic>,
    pub khr_parallel_shader_compile: MutNullableDom<KHR_parallel_shader_compile>,
    pub oes_element_index_uint: MutNullableDom<OES_element_index_uint>,
    pub oes_fbo_render_mipmap: MutNullableDom<OES_fbo_render_mipmap>,
    pub oes_standard_derivatives: MutNullableDom<OES_standard_derivatives>,
    pub oes_texture_float: MutNullableDom<OES_texture_float>,
    pub oes_texture_float_linear: MutNullableDom<OES_texture_float_linear>,
    pub oes_texture_half_float: MutNullableDom<OES_texture_half_float>,
    pub oes_texture_half_float_linear: MutNullableDom<OES_texture_half_float_linear>,
    pub oes_vertex_array_object: MutNullableDom<OES_vertex_array_object>,
    pub webgl_color_buffer_float: MutNullableDom<WEBGL_color_buffer_float>,
    pub webgl_debug_renderer_info: MutNullableDom<WEBGL_debug_renderer_info>,
    pub webgl_depth_texture: MutNullableDom<WEBGL_depth_texture>,
    pub webgl_lose_context: MutNullableDom<WEBGL_lose_context>,
    pub webgl_compressed_texture_s3tc: MutNullableDom<WEBGL_compressed_texture_s3tc>,
    pub webgl_compressed_texture_s3tc_srgb: MutNullableDom<WEBGL_compressed_texture_s3tc_srgb>,
    pub webgl_compressed_texture_etc: MutNullableDom<WEBGL_compressed_texture_etc>,
    pub webgl_compressed_texture_etc1: MutNullableDom<WEBGL_compressed_texture_etc1>,
    pub webgl_compressed_texture_astc: MutNullableDom<WEBGL_compressed_texture_astc>,
    pub ext_texture_compression_bptc: MutNullableDom<EXT_texture_compression_bptc>,
    pub ext_texture_compression_rgtc: MutNullableDom<EXT_texture_compression_rgtc>,
    pub ext_depth_clamp: MutNullableDom<EXT_depth_clamp>,
    pub ext_texture_mirror_clamp_to_edge: MutNullableDom<EXT_texture_mirror_clamp_to_edge>,
    pub nv_shader_noperspective_interpolation: MutNullableDom<NV_shader_noperspective_interpolation>,
    pub oes_sample_variables: MutNullableDom<OES_sample_variables>,
    pub oes_shader_multisample_interpolation: MutNullableDom<OES_shader_multisample_interpolation>,
    pub webgl_clip_cull_distance: MutNullableDom<WEBGL_clip_cull_distance>,
    pub ext_clip_control: MutNullableDom<EXT_clip_control>,
    pub ext_polygon_offset_clamp: MutNullableDom<EXT_polygon_offset_clamp>,
    pub webgl_debug_shaders: MutNullableDom<WEBGL_debug_shaders>,
    pub oes_draw_buffers_indexed: MutNullableDom<OES_draw_buffers_indexed>,
    pub webgl_draw_buffers: MutNullableDom<WEBGL_draw_buffers>,
    pub ext_disjoint_timer_query_webgl2: MutNullableDom<EXT_disjoint_timer_query_webgl2>,
    pub webgl_multi_draw: MutNullableDom<WEBGL_multi_draw>,
    pub ext_disjoint_timer_query: MutNullableDom<EXT_disjoint_timer_query>,
}

impl ExtensionObjects {
    /// Forgets the objects given out, but WEBGL_lose_context's (a restored context makes new
    /// ones when the page asks again).
    pub fn forget_all_but_lose_context(&self) {
        self.angle_instanced_arrays.set(None);
        self.webgl_multi_draw.set(None);
        self.ext_disjoint_timer_query.set(None);
        self.ext_blend_minmax.set(None);
        self.ext_color_buffer_half_float.set(None);
        self.ext_float_blend.set(None);
        self.ext_color_buffer_float.set(None);
        self.ext_frag_depth.set(None);
        self.ext_shader_texture_lod.set(None);
        self.ext_srgb.set(None);
        self.ext_texture_filter_anisotropic.set(None);
        self.khr_parallel_shader_compile.set(None);
        self.oes_element_index_uint.set(None);
        self.oes_fbo_render_mipmap.set(None);
        self.oes_standard_derivatives.set(None);
        self.oes_texture_float.set(None);
        self.oes_texture_float_linear.set(None);
        self.oes_texture_half_float.set(None);
        self.oes_texture_half_float_linear.set(None);
        self.oes_vertex_array_object.set(None);
        self.webgl_color_buffer_float.set(None);
        self.webgl_debug_renderer_info.set(None);
        self.webgl_depth_texture.set(None);
        self.webgl_compressed_texture_s3tc.set(None);
        self.webgl_compressed_texture_s3tc_srgb.set(None);
        self.webgl_compressed_texture_etc.set(None);
        self.webgl_compressed_texture_etc1.set(None);
        self.webgl_compressed_texture_astc.set(None);
        self.ext_texture_compression_bptc.set(None);
        self.ext_texture_compression_rgtc.set(None);
        self.ext_depth_clamp.set(None);
        self.ext_texture_mirror_clamp_to_edge.set(None);
        self.nv_shader_noperspective_interpolation.set(None);
        self.oes_sample_variables.set(None);
        self.oes_shader_multisample_interpolation.set(None);
        self.webgl_clip_cull_distance.set(None);
        self.ext_clip_control.set(None);
        self.ext_polygon_offset_clamp.set(None);
        self.webgl_debug_shaders.set(None);
        self.oes_draw_buffers_indexed.set(None);
        self.webgl_draw_buffers.set(None);
        self.ext_disjoint_timer_query_webgl2.set(None);
    }

    /// The object of `extension` as a JS value, made on first use.
    pub fn get(
        &self,
        cx: &mut JSContext,
        window: &Window,
        context: &WebGLRenderingContext,
        extension: Extension,
        rval: mozjs::rust::MutableHandleValue,
    ) {
        macro_rules! plain {
            ($field:ident, $ty:ident) => {
                self.$field.or_init(|| $ty::new(cx, window)).to_jsval(cx, rval)
            };
        }
        match extension {
            Extension::AngleInstancedArrays => self
                .angle_instanced_arrays
                .or_init(|| ANGLE_instanced_arrays::new(cx, window, context))
                .to_jsval(cx, rval),
            Extension::OesVertexArrayObject => self
                .oes_vertex_array_object
                .or_init(|| OES_vertex_array_object::new(cx, window, context))
                .to_jsval(cx, rval),
            Extension::ExtBlendMinmax => plain!(ext_blend_minmax, EXT_blend_minmax),
            Extension::ExtColorBufferHalfFloat => plain!(ext_color_buffer_half_float, EXT_color_buffer_half_float),
            Extension::ExtFloatBlend => plain!(ext_float_blend, EXT_float_blend),
            Extension::ExtColorBufferFloat => plain!(ext_color_buffer_float, EXT_color_buffer_float),
            Extension::ExtFragDepth => plain!(ext_frag_depth, EXT_frag_depth),
            Extension::ExtShaderTextureLod => plain!(ext_shader_texture_lod, EXT_shader_texture_lod),
            Extension::ExtSrgb => plain!(ext_srgb, EXT_sRGB),
            Extension::ExtTextureFilterAnisotropic => {
                plain!(ext_texture_filter_anisotropic, EXT_texture_filter_anisotropic)
            }
            Extension::KhrParallelShaderCompile => plain!(khr_parallel_shader_compile, KHR_parallel_shader_compile),
            Extension::OesElementIndexUint => plain!(oes_element_index_uint, OES_element_index_uint),
            Extension::OesFboRenderMipmap => plain!(oes_fbo_render_mipmap, OES_fbo_render_mipmap),
            Extension::OesStandardDerivatives => plain!(oes_standard_derivatives, OES_standard_derivatives),
            Extension::OesTextureFloat => plain!(oes_texture_float, OES_texture_float),
            Extension::OesTextureFloatLinear => plain!(oes_texture_float_linear, OES_texture_float_linear),
            Extension::OesTextureHalfFloat => plain!(oes_texture_half_float, OES_texture_half_float),
            Extension::OesTextureHalfFloatLinear => {
                plain!(oes_texture_half_float_linear, OES_texture_half_float_linear)
            }
            Extension::WebglColorBufferFloat => plain!(webgl_color_buffer_float, WEBGL_color_buffer_float),
            Extension::WebglDebugRendererInfo => plain!(webgl_debug_renderer_info, WEBGL_debug_renderer_info),
            Extension::WebglDepthTexture => plain!(webgl_depth_texture, WEBGL_depth_texture),
            Extension::WebglCompressedTextureS3tc => {
                plain!(webgl_compressed_texture_s3tc, WEBGL_compressed_texture_s3tc)
            }
            Extension::WebglCompressedTextureS3tcSrgb => {
                plain!(webgl_compressed_texture_s3tc_srgb, WEBGL_compressed_texture_s3tc_srgb)
            }
            Extension::WebglCompressedTextureEtc => plain!(webgl_compressed_texture_etc, WEBGL_compressed_texture_etc),
            Extension::WebglCompressedTextureEtc1 => {
                plain!(webgl_compressed_texture_etc1, WEBGL_compressed_texture_etc1)
            }
            Extension::WebglCompressedTextureAstc => {
                plain!(webgl_compressed_texture_astc, WEBGL_compressed_texture_astc)
            }
            Extension::ExtTextureCompressionBptc => plain!(ext_texture_compression_bptc, EXT_texture_compression_bptc),
            Extension::ExtTextureCompressionRgtc => plain!(ext_texture_compression_rgtc, EXT_texture_compression_rgtc),
            Extension::ExtDepthClamp => plain!(ext_depth_clamp, EXT_depth_clamp),
            Extension::ExtTextureMirrorClampToEdge => {
                plain!(ext_texture_mirror_clamp_to_edge, EXT_texture_mirror_clamp_to_edge)
            }
            Extension::NvShaderNoperspectiveInterpolation => {
                plain!(nv_shader_noperspective_interpolation, NV_shader_noperspective_interpolation)
            }
            Extension::OesSampleVariables => plain!(oes_sample_variables, OES_sample_variables),
            Extension::OesShaderMultisampleInterpolation => {
                plain!(oes_shader_multisample_interpolation, OES_shader_multisample_interpolation)
            }
            Extension::WebglClipCullDistance => plain!(webgl_clip_cull_distance, WEBGL_clip_cull_distance),
            Extension::ExtClipControl => {
                self.ext_clip_control.or_init(|| EXT_clip_control::new(cx, window, context)).to_jsval(cx, rval)
            }
            Extension::ExtPolygonOffsetClamp => self
                .ext_polygon_offset_clamp
                .or_init(|| EXT_polygon_offset_clamp::new(cx, window, context))
                .to_jsval(cx, rval),
            Extension::WebglDebugShaders => {
                self.webgl_debug_shaders.or_init(|| WEBGL_debug_shaders::new(cx, window, context)).to_jsval(cx, rval)
            }
            Extension::ExtDisjointTimerQueryWebgl2 => self
                .ext_disjoint_timer_query_webgl2
                .or_init(|| EXT_disjoint_timer_query_webgl2::new(cx, window, context))
                .to_jsval(cx, rval),
            Extension::WebglDrawBuffers => {
                self.webgl_draw_buffers.or_init(|| WEBGL_draw_buffers::new(cx, window, context)).to_jsval(cx, rval)
            }
            Extension::OesDrawBuffersIndexed => self
                .oes_draw_buffers_indexed
                .or_init(|| OES_draw_buffers_indexed::new(cx, window, context))
                .to_jsval(cx, rval),
            Extension::ExtDisjointTimerQuery => self
                .ext_disjoint_timer_query
                .or_init(|| EXT_disjoint_timer_query::new(cx, window, context))
                .to_jsval(cx, rval),
            Extension::WebglMultiDraw => {
                self.webgl_multi_draw.or_init(|| WEBGL_multi_draw::new(cx, window, context)).to_jsval(cx, rval)
            }
            Extension::WebglLoseContext => {
                self.webgl_lose_context.or_init(|| WEBGL_lose_context::new(cx, window, context)).to_jsval(cx, rval)
            }
        }
    }
}

//! The WebGL 1 extensions (<https://registry.khronos.org/webgl/extensions/>): which ones a
//! context offers (those the OpenGL ES context under it supports), the objects
//! `getExtension()` returns (one per context and name), and what enabling one allows
//! ([`Extension`], checked by the context).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use webgl_traits::glow;

use super::objects::{GlObject, VertexArrayState, WebGLObject};
use super::webglrenderingcontext::WebGLRenderingContext;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::ANGLE_instanced_arraysBinding::ANGLE_instanced_arraysMethods;
use crate::dom::bindings::codegen::OES_vertex_array_objectBinding::OES_vertex_array_objectMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::html::window::Window;

/// An extension a context can offer.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Extension {
    AngleInstancedArrays,
    ExtBlendMinmax,
    ExtColorBufferFloat,
    ExtColorBufferHalfFloat,
    ExtFloatBlend,
    ExtFragDepth,
    ExtShaderTextureLod,
    ExtTextureFilterAnisotropic,
    KhrParallelShaderCompile,
    OesElementIndexUint,
    OesFboRenderMipmap,
    OesStandardDerivatives,
    OesTextureFloat,
    OesTextureFloatLinear,
    OesTextureHalfFloat,
    OesTextureHalfFloatLinear,
    OesVertexArrayObject,
    WebglColorBufferFloat,
    WebglDebugRendererInfo,
    WebglDepthTexture,
}

/// Every extension, in the order `getSupportedExtensions()` lists them, with its name and the
/// OpenGL ES 3.0 extensions it needs (none: core in OpenGL ES 3.0).
pub const ALL: &[(Extension, &str, &[&str])] = &[
    (Extension::AngleInstancedArrays, "ANGLE_instanced_arrays", &[]),
    (Extension::ExtBlendMinmax, "EXT_blend_minmax", &[]),
    (Extension::ExtColorBufferFloat, "EXT_color_buffer_float", &["GL_EXT_color_buffer_float"]),
    (Extension::ExtColorBufferHalfFloat, "EXT_color_buffer_half_float", &["GL_EXT_color_buffer_half_float"]),
    (Extension::ExtFloatBlend, "EXT_float_blend", &["GL_EXT_float_blend"]),
    (Extension::ExtFragDepth, "EXT_frag_depth", &["GL_EXT_frag_depth"]),
    (Extension::ExtShaderTextureLod, "EXT_shader_texture_lod", &["GL_EXT_shader_texture_lod"]),
    (Extension::ExtTextureFilterAnisotropic, "EXT_texture_filter_anisotropic", &["GL_EXT_texture_filter_anisotropic"]),
    (Extension::KhrParallelShaderCompile, "KHR_parallel_shader_compile", &[]),
    (Extension::OesElementIndexUint, "OES_element_index_uint", &[]),
    (Extension::OesFboRenderMipmap, "OES_fbo_render_mipmap", &[]),
    (Extension::OesStandardDerivatives, "OES_standard_derivatives", &["GL_OES_standard_derivatives"]),
    (Extension::OesTextureFloat, "OES_texture_float", &["GL_OES_texture_float"]),
    (Extension::OesTextureFloatLinear, "OES_texture_float_linear", &["GL_OES_texture_float_linear"]),
    (Extension::OesTextureHalfFloat, "OES_texture_half_float", &["GL_OES_texture_half_float"]),
    (Extension::OesTextureHalfFloatLinear, "OES_texture_half_float_linear", &["GL_OES_texture_half_float_linear"]),
    (Extension::OesVertexArrayObject, "OES_vertex_array_object", &[]),
    (Extension::WebglColorBufferFloat, "WEBGL_color_buffer_float", &["GL_EXT_color_buffer_float"]),
    (Extension::WebglDebugRendererInfo, "WEBGL_debug_renderer_info", &[]),
    (Extension::WebglDepthTexture, "WEBGL_depth_texture", &["GL_OES_depth_texture"]),
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
    )
}

/// The extensions a WebGL 1.0 (or, with `webgl2`, 2.0) context offers on top of an OpenGL ES
/// context with `gl_extensions`.
pub fn supported(gl_extensions: &[String], webgl2: bool) -> Vec<Extension> {
    ALL.iter()
        .filter(|(e, _, _)| if webgl2 { in_webgl2(*e) } else { *e != Extension::ExtColorBufferFloat })
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
);

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
        self.context.draw_elements_instanced(mode, count, type_, offset, primcount);
    }

    /// <https://registry.khronos.org/webgl/extensions/ANGLE_instanced_arrays/>
    fn VertexAttribDivisorANGLE(&self, _cx: &mut JSContext, index: u32, divisor: u32) {
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
        self.context.create_vertex_array(cx)
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_vertex_array_object/>
    fn DeleteVertexArrayOES(&self, _cx: &mut JSContext, array_object: Option<&WebGLVertexArrayObjectOES>) {
        self.context.delete_vertex_array(array_object);
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_vertex_array_object/>
    fn IsVertexArrayOES(&self, _cx: &mut JSContext, array_object: Option<&WebGLVertexArrayObjectOES>) -> bool {
        self.context.is_vertex_array(array_object)
    }

    /// <https://registry.khronos.org/webgl/extensions/OES_vertex_array_object/>
    fn BindVertexArrayOES(&self, _cx: &mut JSContext, array_object: Option<&WebGLVertexArrayObjectOES>) {
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
}

impl ExtensionObjects {
    /// The object of `extension` as a JS value, made on first use.
    pub fn get(
        &self,
        cx: &mut JSContext,
        window: &Window,
        context: &WebGLRenderingContext,
        extension: Extension,
        rval: mozjs::rust::MutableHandleValue,
    ) {
        use crate::dom::bindings::conversions::ToJSVal;
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
        }
    }
}

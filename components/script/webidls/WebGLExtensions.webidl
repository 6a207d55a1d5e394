// The WebGL 1 extensions Aperture offers (https://registry.khronos.org/webgl/extensions/), each
// when the OpenGL ES context under it supports what the extension needs. Absent (never
// offered): WEBGL_lose_context (contexts are never lost), WEBGL_draw_buffers, EXT_sRGB,
// EXT_disjoint_timer_query and the compressed texture formats.

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface ANGLE_instanced_arrays {
    const GLenum VERTEX_ATTRIB_ARRAY_DIVISOR_ANGLE = 0x88FE;
    undefined drawArraysInstancedANGLE(GLenum mode, GLint first, GLsizei count, GLsizei primcount);
    undefined drawElementsInstancedANGLE(GLenum mode, GLsizei count, GLenum type, GLintptr offset, GLsizei primcount);
    undefined vertexAttribDivisorANGLE(GLuint index, GLuint divisor);
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface EXT_blend_minmax {
    const GLenum MIN_EXT = 0x8007;
    const GLenum MAX_EXT = 0x8008;
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface EXT_color_buffer_half_float {
    const GLenum RGBA16F_EXT = 0x881A;
    const GLenum RGB16F_EXT = 0x881B;
    const GLenum FRAMEBUFFER_ATTACHMENT_COMPONENT_TYPE_EXT = 0x8211;
    const GLenum UNSIGNED_NORMALIZED_EXT = 0x8C17;
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface EXT_float_blend {
};

// https://registry.khronos.org/webgl/extensions/EXT_color_buffer_float/ (WebGL 2.0 only)
[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface EXT_color_buffer_float {
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface EXT_frag_depth {
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface EXT_shader_texture_lod {
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface EXT_texture_filter_anisotropic {
    const GLenum TEXTURE_MAX_ANISOTROPY_EXT = 0x84FE;
    const GLenum MAX_TEXTURE_MAX_ANISOTROPY_EXT = 0x84FF;
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface KHR_parallel_shader_compile {
    const GLenum COMPLETION_STATUS_KHR = 0x91B1;
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface OES_element_index_uint {
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface OES_fbo_render_mipmap {
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface OES_standard_derivatives {
    const GLenum FRAGMENT_SHADER_DERIVATIVE_HINT_OES = 0x8B8B;
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface OES_texture_float {
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface OES_texture_float_linear {
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface OES_texture_half_float {
    const GLenum HALF_FLOAT_OES = 0x8D61;
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface OES_texture_half_float_linear {
};

[Exposed=(Window,Worker)]
interface WebGLVertexArrayObjectOES : WebGLObject {
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface OES_vertex_array_object {
    const GLenum VERTEX_ARRAY_BINDING_OES = 0x85B5;
    WebGLVertexArrayObjectOES? createVertexArrayOES();
    undefined deleteVertexArrayOES(WebGLVertexArrayObjectOES? arrayObject);
    GLboolean isVertexArrayOES(WebGLVertexArrayObjectOES? arrayObject);
    undefined bindVertexArrayOES(WebGLVertexArrayObjectOES? arrayObject);
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface WEBGL_color_buffer_float {
    const GLenum RGBA32F_EXT = 0x8814;
    const GLenum FRAMEBUFFER_ATTACHMENT_COMPONENT_TYPE_EXT = 0x8211;
    const GLenum UNSIGNED_NORMALIZED_EXT = 0x8C17;
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface WEBGL_debug_renderer_info {
    const GLenum UNMASKED_VENDOR_WEBGL = 0x9245;
    const GLenum UNMASKED_RENDERER_WEBGL = 0x9246;
};

[Exposed=(Window,Worker), LegacyNoInterfaceObject]
interface WEBGL_depth_texture {
    const GLenum UNSIGNED_INT_24_8_WEBGL = 0x84FA;
};

//! What enabling an extension adds to the context's own members
//! (<https://registry.khronos.org/webgl/extensions/>): capabilities, parameters, texture wrap
//! modes, shader `#extension` directives, and the steps of the extension objects' methods
//! (EXT_clip_control, EXT_polygon_offset_clamp, WEBGL_debug_shaders, OES_draw_buffers_indexed).
//! The objects themselves are in `extensions.rs`.

use webgl_traits::glow::{self, HasContext};

use super::extensions::Extension;
use super::objects::{WebGLQuery, WebGLShader};
use super::webgl2renderingcontext::TIMESTAMP_EXT;
use super::webglrenderingcontext::{
    ParamKind, WebGLRenderingContext, gl_run, valid_blend_equation, valid_blend_factor,
};

// EXT_disjoint_timer_query_webgl2.
const GPU_DISJOINT_EXT: u32 = 0x8FBB;
// EXT_depth_clamp.
const DEPTH_CLAMP_EXT: u32 = 0x864F;
// EXT_clip_control.
const LOWER_LEFT_EXT: u32 = 0x8CA1;
const UPPER_LEFT_EXT: u32 = 0x8CA2;
const NEGATIVE_ONE_TO_ONE_EXT: u32 = 0x935E;
const ZERO_TO_ONE_EXT: u32 = 0x935F;
const CLIP_ORIGIN_EXT: u32 = 0x935C;
const CLIP_DEPTH_MODE_EXT: u32 = 0x935D;
// EXT_polygon_offset_clamp.
const POLYGON_OFFSET_CLAMP_EXT: u32 = 0x8E1B;
// EXT_texture_mirror_clamp_to_edge.
pub(super) const MIRROR_CLAMP_TO_EDGE_EXT: u32 = 0x8743;
// OES_shader_multisample_interpolation.
const MIN_FRAGMENT_INTERPOLATION_OFFSET_OES: u32 = 0x8E5B;
const MAX_FRAGMENT_INTERPOLATION_OFFSET_OES: u32 = 0x8E5C;
const FRAGMENT_INTERPOLATION_OFFSET_BITS_OES: u32 = 0x8E5D;
// WEBGL_clip_cull_distance.
const MAX_CLIP_DISTANCES_WEBGL: u32 = 0x0D32;
const MAX_CULL_DISTANCES_WEBGL: u32 = 0x82F9;
const MAX_COMBINED_CLIP_AND_CULL_DISTANCES_WEBGL: u32 = 0x82FA;
const CLIP_DISTANCE0_WEBGL: u32 = 0x3000;
const CLIP_DISTANCE7_WEBGL: u32 = 0x3007;

/// The shader extensions pages name in `#extension` directives: the WebGL extension that
/// enables each, the name OpenGL ES knows it by, and whether it is one of WebGL 1.0's (which a
/// WebGL 2.0 context leaves to GL, as before these were checked).
const SHADER_EXTENSIONS: &[(&str, Extension, &str, bool)] = &[
    ("GL_OES_standard_derivatives", Extension::OesStandardDerivatives, "GL_OES_standard_derivatives", true),
    ("GL_EXT_frag_depth", Extension::ExtFragDepth, "GL_EXT_frag_depth", true),
    ("GL_EXT_shader_texture_lod", Extension::ExtShaderTextureLod, "GL_EXT_shader_texture_lod", true),
    ("GL_EXT_draw_buffers", Extension::WebglDrawBuffers, "GL_EXT_draw_buffers", true),
    (
        "GL_NV_shader_noperspective_interpolation",
        Extension::NvShaderNoperspectiveInterpolation,
        "GL_NV_shader_noperspective_interpolation",
        false,
    ),
    ("GL_OES_sample_variables", Extension::OesSampleVariables, "GL_OES_sample_variables", false),
    (
        "GL_OES_shader_multisample_interpolation",
        Extension::OesShaderMultisampleInterpolation,
        "GL_OES_shader_multisample_interpolation",
        false,
    ),
    ("GL_ANGLE_clip_cull_distance", Extension::WebglClipCullDistance, "GL_EXT_clip_cull_distance", false),
];

/// What a shader's uses of the `GL_ANGLE_multi_draw` macro become (see
/// `rewrite_extension_directives`).
const MULTI_DRAW_MACRO: &str = "webgl_aperture_multi_draw";

/// `source` with each whole-word `name` replaced by `with`.
fn replace_identifier(source: &str, name: &str, with: &str) -> String {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find(name) {
        let before_ok = !rest[..at].chars().next_back().is_some_and(word);
        let after_ok = !rest[at + name.len()..].chars().next().is_some_and(word);
        out.push_str(&rest[..at]);
        out.push_str(if before_ok && after_ok { with } else { name });
        rest = &rest[at + name.len()..];
    }
    out.push_str(rest);
    out
}

/// An `#extension name : behavior` line: its name and behaviour.
fn directive(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start().strip_prefix('#')?.trim_start().strip_prefix("extension")?;
    let (name, behavior) = rest.split_once(':')?;
    Some((name.trim(), behavior.trim()))
}

impl WebGLRenderingContext {
    /// Whether `enable()`, `disable()` and `isEnabled()` take `cap`: WebGL 1.0's capabilities,
    /// RASTERIZER_DISCARD in WebGL 2.0, and those of enabled extensions.
    pub(super) fn cap_allowed(&self, cap: u32) -> bool {
        super::webglrenderingcontext::valid_cap(cap)
            || (self.webgl2 && cap == glow::RASTERIZER_DISCARD)
            || (cap == DEPTH_CLAMP_EXT && self.enabled(Extension::ExtDepthClamp))
            || ((CLIP_DISTANCE0_WEBGL..=CLIP_DISTANCE7_WEBGL).contains(&cap)
                && self.enabled(Extension::WebglClipCullDistance))
    }

    /// Whether a texture or sampler wrap mode is allowed: WebGL's three, and
    /// MIRROR_CLAMP_TO_EDGE_EXT once EXT_texture_mirror_clamp_to_edge is enabled.
    pub(super) fn wrap_allowed(&self, value: u32) -> bool {
        matches!(value, glow::REPEAT | glow::CLAMP_TO_EDGE | glow::MIRRORED_REPEAT)
            || (value == MIRROR_CLAMP_TO_EDGE_EXT && self.enabled(Extension::ExtTextureMirrorClampToEdge))
    }

    /// `getParameter()` names an enabled extension adds (queried from GL), with their types.
    pub(super) fn extension_param_kind(&self, pname: u32) -> Option<ParamKind> {
        let kind = match pname {
            // Mesa's OpenGL ES context refuses glGetBooleanv for it (INVALID_ENUM); the caller
            // asks glIsEnabled for `ParamKind::Enabled`.
            DEPTH_CLAMP_EXT if self.enabled(Extension::ExtDepthClamp) => ParamKind::Enabled,
            GPU_DISJOINT_EXT
                if self.enabled(Extension::ExtDisjointTimerQueryWebgl2)
                    || self.enabled(Extension::ExtDisjointTimerQuery) =>
            {
                ParamKind::Bool
            }
            glow::MAX_COLOR_ATTACHMENTS | glow::MAX_DRAW_BUFFERS if self.enabled(Extension::WebglDrawBuffers) => {
                ParamKind::Int
            }
            CLIP_ORIGIN_EXT | CLIP_DEPTH_MODE_EXT if self.enabled(Extension::ExtClipControl) => ParamKind::UInt,
            POLYGON_OFFSET_CLAMP_EXT if self.enabled(Extension::ExtPolygonOffsetClamp) => ParamKind::Float,
            MIN_FRAGMENT_INTERPOLATION_OFFSET_OES | MAX_FRAGMENT_INTERPOLATION_OFFSET_OES
                if self.enabled(Extension::OesShaderMultisampleInterpolation) =>
            {
                ParamKind::Float
            }
            FRAGMENT_INTERPOLATION_OFFSET_BITS_OES if self.enabled(Extension::OesShaderMultisampleInterpolation) => {
                ParamKind::Int
            }
            MAX_CLIP_DISTANCES_WEBGL | MAX_CULL_DISTANCES_WEBGL | MAX_COMBINED_CLIP_AND_CULL_DISTANCES_WEBGL
                if self.enabled(Extension::WebglClipCullDistance) =>
            {
                ParamKind::Int
            }
            CLIP_DISTANCE0_WEBGL..=CLIP_DISTANCE7_WEBGL if self.enabled(Extension::WebglClipCullDistance) => {
                ParamKind::Bool
            }
            _ => return None,
        };
        Some(kind)
    }

    /// EXT_clip_control's `clipControlEXT()`: INVALID_ENUM for an origin other than
    /// LOWER_LEFT_EXT/UPPER_LEFT_EXT or a depth mode other than NEGATIVE_ONE_TO_ONE_EXT/
    /// ZERO_TO_ONE_EXT.
    pub(super) fn clip_control(&self, origin: u32, depth: u32) {
        if !matches!(origin, LOWER_LEFT_EXT | UPPER_LEFT_EXT)
            || !matches!(depth, NEGATIVE_ONE_TO_ONE_EXT | ZERO_TO_ONE_EXT)
        {
            return self.error(glow::INVALID_ENUM);
        }
        self.enqueue(Box::new(move |_: &glow::Context, buffer: &mut dyn webgl_traits::DrawingBuffer| {
            if let Some(clip_control) = buffer.ext().clip_control {
                // SAFETY: the driver's glClipControlEXT, called with the context current and two
                // enums it accepts.
                unsafe { clip_control(origin, depth) };
            }
        }));
    }

    /// EXT_polygon_offset_clamp's `polygonOffsetClampEXT()`.
    pub(super) fn polygon_offset_clamp(&self, factor: f32, units: f32, clamp: f32) {
        self.enqueue(Box::new(move |_: &glow::Context, buffer: &mut dyn webgl_traits::DrawingBuffer| {
            if let Some(polygon_offset_clamp) = buffer.ext().polygon_offset_clamp {
                // SAFETY: the driver's glPolygonOffsetClampEXT, called with the context current
                // and plain floats.
                unsafe { polygon_offset_clamp(factor, units, clamp) };
            }
        }));
    }

    /// WebGL 2.0's `drawBuffers()` and WEBGL_draw_buffers' `drawBuffersWEBGL()`
    /// (<https://registry.khronos.org/webgl/extensions/WEBGL_draw_buffers/>): for the drawing
    /// buffer, one buffer, BACK or NONE; for a framebuffer, at most MAX_DRAW_BUFFERS, the i-th
    /// COLOR_ATTACHMENTi or NONE (INVALID_OPERATION otherwise, INVALID_VALUE for too many).
    pub(super) fn draw_buffers(&self, buffers: Vec<u32>) {
        if self.framebuffer.get().is_none() {
            if buffers.len() != 1 || !matches!(buffers[0], glow::BACK | glow::NONE) {
                return self.error(glow::INVALID_OPERATION);
            }
            self.gl2.default_draw_buffer.set(buffers[0]);
            let gl_buffer = if buffers[0] == glow::BACK { glow::COLOR_ATTACHMENT0 } else { glow::NONE };
            gl_run!(self, move |gl| gl.draw_buffers(&[gl_buffer]));
            return;
        }
        if buffers.len() > self.limits.max_draw_buffers as usize {
            return self.error(glow::INVALID_VALUE);
        }
        for (i, b) in buffers.iter().enumerate() {
            if *b != glow::NONE && *b != glow::COLOR_ATTACHMENT0 + i as u32 {
                return self.error(if *b == glow::BACK || self.valid_attachment(*b) {
                    glow::INVALID_OPERATION
                } else {
                    glow::INVALID_ENUM
                });
            }
        }
        if let Some(framebuffer) = self.framebuffer.get() {
            framebuffer.set_draw_buffers(buffers.clone());
        }
        gl_run!(self, move |gl| gl.draw_buffers(&buffers));
    }

    /// `getParameter(DRAW_BUFFERi)`: the drawing buffer's is BACK or NONE for the first and NONE
    /// for the others; a framebuffer's are GL's.
    pub(super) fn draw_buffer_parameter(&self, pname: u32, mut rval: mozjs::rust::MutableHandleValue) {
        if pname - glow::DRAW_BUFFER0 >= self.limits.max_draw_buffers {
            self.error(glow::INVALID_ENUM);
            rval.set(mozjs::jsval::NullValue());
        } else if self.framebuffer.get().is_none() {
            let value = if pname == glow::DRAW_BUFFER0 { self.gl2.default_draw_buffer.get() } else { glow::NONE };
            rval.set(mozjs::jsval::UInt32Value(value))
        } else {
            let value =
                super::webglrenderingcontext::gl_query!(self, move |gl| gl.get_parameter_i32(pname)).unwrap_or(0);
            rval.set(mozjs::jsval::UInt32Value(value as u32))
        }
    }

    /// EXT_disjoint_timer_query_webgl2's `queryCounterEXT()`: records the GPU time into `query`
    /// once the commands before it completed; INVALID_ENUM for a target other than
    /// TIMESTAMP_EXT, INVALID_OPERATION for a query of another context, a deleted or active
    /// one, or one used with another target. Its result is available, as any query's, after
    /// control returned to the event loop.
    pub(super) fn query_counter(&self, query: &WebGLQuery, target: u32) {
        if target != TIMESTAMP_EXT {
            return self.error(glow::INVALID_ENUM);
        }
        if !self.check_bindable(query) {
            return;
        }
        if self.query_active(query) {
            return self.error(glow::INVALID_OPERATION);
        }
        match query.target() {
            Some(t) if t != target => return self.error(glow::INVALID_OPERATION),
            Some(_) => {}
            None => query.set_target(target),
        }
        query.set_ended_at(Some(crate::script_runtime::checkpoints()));
        let name = query.name();
        gl_run!(self, move |gl| gl.query_counter(name, target));
    }

    /// WEBGL_debug_shaders' `getTranslatedShaderSource()`: the source this context gave
    /// OpenGL ES at the shader's last `compileShader()` (Aperture does not translate shaders
    /// beyond the `#extension` directives it rewrites); "" before any compilation and after a
    /// failed one ("if the shader has not been compiled successfully, returns the empty
    /// string").
    pub(super) fn translated_shader_source(&self, shader: &WebGLShader) -> String {
        if !self.check_object(shader) {
            return String::new();
        }
        let name = shader.name();
        let compiled = super::webglrenderingcontext::gl_query!(self, move |gl| gl.get_shader_compile_status(name))
            .unwrap_or(false);
        if compiled { shader.compiled_source() } else { String::new() }
    }

    /// The checks of the indexed draw-buffer calls: INVALID_VALUE for a draw buffer at or past
    /// MAX_DRAW_BUFFERS.
    fn draw_buffer_index(&self, buf: u32) -> bool {
        if buf >= self.limits.max_draw_buffers {
            self.error(glow::INVALID_VALUE);
            return false;
        }
        true
    }

    /// OES_draw_buffers_indexed's `enableiOES()`/`disableiOES()`: BLEND only.
    pub(super) fn enable_indexed(&self, target: u32, index: u32, enable: bool) {
        if target != glow::BLEND {
            return self.error(glow::INVALID_ENUM);
        }
        if !self.draw_buffer_index(index) {
            return;
        }
        gl_run!(self, move |gl| if enable {
            gl.enable_draw_buffer(target, index)
        } else {
            gl.disable_draw_buffer(target, index)
        });
    }

    /// OES_draw_buffers_indexed's `blendEquation(Separate)iOES()`.
    pub(super) fn blend_equation_indexed(&self, buf: u32, mode_rgb: u32, mode_alpha: u32) {
        if !valid_blend_equation(mode_rgb, true) || !valid_blend_equation(mode_alpha, true) {
            return self.error(glow::INVALID_ENUM);
        }
        if !self.draw_buffer_index(buf) {
            return;
        }
        gl_run!(self, move |gl| gl.blend_equation_separate_draw_buffer(buf, mode_rgb, mode_alpha));
    }

    /// OES_draw_buffers_indexed's `blendFunc(Separate)iOES()`.
    pub(super) fn blend_func_indexed(&self, buf: u32, src_rgb: u32, dst_rgb: u32, src_alpha: u32, dst_alpha: u32) {
        if ![src_rgb, dst_rgb, src_alpha, dst_alpha].into_iter().all(valid_blend_factor) {
            return self.error(glow::INVALID_ENUM);
        }
        if !self.draw_buffer_index(buf) {
            return;
        }
        gl_run!(self, move |gl| gl.blend_func_separate_draw_buffer(buf, src_rgb, dst_rgb, src_alpha, dst_alpha));
    }

    /// OES_draw_buffers_indexed's `colorMaskiOES()`; the mask is kept for
    /// `getIndexedParameter(COLOR_WRITEMASK, buf)`.
    pub(super) fn color_mask_indexed(&self, buf: u32, mask: [bool; 4]) {
        if !self.draw_buffer_index(buf) {
            return;
        }
        if let Some(slot) = self.gl2.color_masks.get(buf as usize) {
            slot.set(mask);
        }
        let [r, g, b, a] = mask;
        gl_run!(self, move |gl| gl.color_mask_draw_buffer(buf, r, g, b, a));
    }

    /// WEBGL_multi_draw's four calls
    /// (<https://registry.khronos.org/webgl/extensions/WEBGL_multi_draw/>): `drawcount` draws,
    /// the i-th with element `offset + i` of each list and `gl_DrawID` i. A negative drawcount
    /// is INVALID_VALUE; a list without `drawcount` elements from its offset INVALID_OPERATION
    /// (as in Chromium, also an offset at or past the end when drawcount is 0).
    pub(super) fn multi_draw(
        &self,
        mode: u32,
        lists: &[(&[i32], u64)],
        drawcount: i32,
        mut draw: impl FnMut(&Self, &[i32]),
    ) {
        if drawcount < 0 {
            return self.error(glow::INVALID_VALUE);
        }
        for (list, offset) in lists {
            let len = list.len() as u64;
            if *offset >= len || len - offset < drawcount as u64 {
                return self.error(glow::INVALID_OPERATION);
            }
        }
        if mode > glow::TRIANGLE_FAN {
            return self.error(glow::INVALID_ENUM);
        }
        let mut values = vec![0; lists.len()];
        for i in 0..drawcount as usize {
            for (value, (list, offset)) in values.iter_mut().zip(lists) {
                *value = list[*offset as usize + i];
            }
            self.draw_id.set(i as i32);
            draw(self, &values);
        }
        self.draw_id.set(0);
    }

    /// A shader's `#extension` directives (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.14>:
    /// the shading language features of an extension are only available once it is enabled).
    /// Mesa knows more extensions than WebGL offers, so each directive is rewritten: one for an
    /// enabled extension stays, under the name OpenGL ES knows it by; one for an extension
    /// that is not enabled (or that WebGL does not have) becomes, with `require`, an `#error`
    /// giving the reason (the compilation fails, as in browsers), and otherwise an empty line
    /// (the shader compiles without it). Line numbers are kept, but for one line more after
    /// the directives when `gl_DrawID` becomes a uniform (WEBGL_multi_draw). In a WebGL 2.0
    /// context the WebGL 1.0 extensions' directives are left to GL.
    pub(super) fn rewrite_extension_directives(&self, source: String, kind: u32) -> String {
        let multi_draw_macro = self.enabled(Extension::WebglMultiDraw) && source.contains("GL_ANGLE_multi_draw");
        if !source.contains("#extension") && !source.contains("# extension") && !multi_draw_macro {
            return source;
        }
        let mut out = String::with_capacity(source.len());
        // Where the line after the last directive starts, and whether gl_DrawID was enabled.
        let (mut after_directives, mut draw_id) = (0, false);
        for line in source.split_inclusive('\n') {
            let Some((name, behavior)) = directive(line) else {
                out.push_str(line);
                continue;
            };
            let newline = if line.ends_with('\n') { "\n" } else { "" };
            if name == "all" {
                out.push_str(line);
                after_directives = out.len();
                continue;
            }
            // WEBGL_multi_draw's gl_DrawID, in vertex shaders only: OpenGL ES lacks it, so it
            // becomes a uniform each draw sets.
            if name == "GL_ANGLE_multi_draw" && kind == glow::VERTEX_SHADER && self.enabled(Extension::WebglMultiDraw) {
                draw_id = behavior != "disable";
                // The extension's macro, under a name GLSL lets a shader define (names starting
                // with GL_ are reserved); the uses of GL_ANGLE_multi_draw are renamed below.
                out.push_str(&format!("#define {MULTI_DRAW_MACRO} 1{newline}"));
                after_directives = out.len();
                continue;
            }
            match SHADER_EXTENSIONS.iter().find(|(n, ..)| *n == name) {
                Some((_, _, _, true)) if self.webgl2 => out.push_str(line),
                Some((_, extension, gl_name, _)) if self.enabled(*extension) => {
                    out.push_str(&format!("#extension {gl_name} : {behavior}{newline}"));
                }
                _ if behavior == "require" => out.push_str(&format!(
                    "#error extension {name} is not supported or not enabled (getExtension() enables it){newline}"
                )),
                _ => out.push_str(newline),
            }
            after_directives = out.len();
        }
        if draw_id {
            // Declared after the last directive, where declarations may start.
            let uniform = super::webglrenderingcontext::DRAW_ID_UNIFORM;
            let newline = if out[..after_directives].ends_with('\n') || after_directives == 0 { "" } else { "\n" };
            out.insert_str(after_directives, &format!("{newline}uniform int {uniform};\n"));
            out = replace_identifier(&out, "gl_DrawID", uniform);
        }
        // "GL_ANGLE_multi_draw" is a defined macro once the extension is enabled, with or without
        // the directive (as in Chromium: pages test it with `#if defined(GL_ANGLE_multi_draw)`).
        if multi_draw_macro {
            if !out.contains(&format!("#define {MULTI_DRAW_MACRO} 1")) {
                // After the #version line, if there is one.
                let at = if out.trim_start().starts_with("#version") {
                    out.find('\n').map_or(out.len(), |n| n + 1)
                } else {
                    0
                };
                let newline = if at == out.len() && !out.ends_with('\n') { "\n" } else { "" };
                out.insert_str(at, &format!("{newline}#define {MULTI_DRAW_MACRO} 1\n"));
            }
            out = replace_identifier(&out, "GL_ANGLE_multi_draw", MULTI_DRAW_MACRO);
        }
        out
    }
}

//! `WebGL2RenderingContext` (<https://registry.khronos.org/webgl/specs/latest/2.0/#3.7>).
//!
//! The object the page gets from `getContext("webgl2")`. It wraps a `WebGLRenderingContext`
//! made for WebGL 2.0: the members of `WebGLRenderingContextBase` forward to it (a macro
//! written by build.rs from the generated trait), and it keeps WebGL 2.0's state (`gl2.rs`),
//! which those members consult. WebGL 2.0's own members are here; what WebGL checks beyond
//! OpenGL ES 3.0 (object ownership, binding rules, buffer ranges, client memory sizes) is checked
//! before a call is queued, the rest is left to GL, whose errors `getError()` returns.
//!
//! Known differences from the specification, documented in the README: sync objects and
//! query results become available after control returned to the event loop once (a microtask
//! checkpoint), not at a later frame; uploads from a DOM image source convert to the 8-bit,
//! half-float and float formats only (the packed 10/11-bit ones are INVALID_OPERATION); no
//! compressed texture format is offered.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::{BooleanValue, Int32Value, NullValue, ObjectValue, UInt32Value};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};
use webgl_traits::DrawingBuffer;
use webgl_traits::glow::{self, HasContext, PixelPackData, PixelUnpackData};

use super::compressed::{CompressedData, Region};
use super::extensions::Extension;
use super::loss::{NO_CONTEXT, PLACEHOLDER_NAME};
use super::objects::{
    ActiveVariable, GlObject, SyncHandle, WebGLActiveInfo, WebGLBuffer, WebGLFramebuffer, WebGLProgram, WebGLQuery,
    WebGLRenderbuffer, WebGLSampler, WebGLShader, WebGLShaderPrecisionFormat, WebGLSync, WebGLTexture,
    WebGLTransformFeedback, WebGLUniformLocation, WebGLVertexArrayObject,
};
use super::pixels;
use super::webglrenderingcontext::{
    WebGLRenderingContext, float_list, gl_query, gl_run, int_list, new_int32_array, return_if_lost,
};
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::WebGLContextAttributes;
use crate::dom::bindings::codegen::Enums::PredefinedColorSpace;
use crate::dom::bindings::codegen::Unions::HTMLCanvasElementOrOffscreenCanvas;
use crate::dom::bindings::codegen::Unions::ImageBitmapOrImageDataOrHTMLImageElementOrHTMLCanvasElementOrHTMLVideoElementOrOffscreenCanvasOrVideoFrame as TexImageSource;
use crate::dom::bindings::codegen::WebGL2RenderingContextBinding::WebGL2RenderingContextMethods;
use crate::dom::bindings::codegen::WebGLRenderingContextBinding::WebGLRenderingContextMethods;
use crate::dom::bindings::conversions::{FromJSVal, IntConversion, ToJSVal, with_view_bytes_mut};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::jit::{is_array_buffer, is_array_buffer_view, is_typed_array};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;

include!(concat!(env!("OUT_DIR"), "/webgl2_base_delegate.rs"));

#[dom_struct]
pub struct WebGL2RenderingContext {
    reflector_: Reflector,
    /// The WebGL context (made for WebGL 2.0) that does the work.
    base: Dom<WebGLRenderingContext>,
}

impl WebGL2RenderingContext {
    /// The object for `base`, a context made for WebGL 2.0.
    pub fn new(cx: &mut JSContext, window: &Window, base: &WebGLRenderingContext) -> DomRoot<WebGL2RenderingContext> {
        reflect_dom_object(
            cx,
            Box::new(WebGL2RenderingContext { reflector_: Reflector::new(), base: Dom::from_ref(base) }),
            window,
        )
    }

    /// The context it wraps.
    pub fn base(&self) -> DomRoot<WebGLRenderingContext> {
        self.base.as_rooted()
    }
}

/// Bytes per element of an ArrayBufferView (1 for a DataView).
fn view_element_size(value: HandleValue) -> usize {
    const SIZES: [(&str, usize); 11] = [
        ("Int8Array", 1),
        ("Uint8Array", 1),
        ("Uint8ClampedArray", 1),
        ("Int16Array", 2),
        ("Uint16Array", 2),
        ("Float16Array", 2),
        ("Int32Array", 4),
        ("Uint32Array", 4),
        ("Float32Array", 4),
        ("Float64Array", 8),
        ("BigInt64Array", 8),
    ];
    SIZES
        .iter()
        .find(|(class, _)| is_typed_array(value, class))
        .map_or_else(|| if is_typed_array(value, "BigUint64Array") { 8 } else { 1 }, |(_, size)| *size)
}

/// Converts a `Uint32List` argument (`Uint32Array or sequence<GLuint>`).
fn uint_list(cx: &mut JSContext, value: HandleValue) -> Fallible<Vec<u32>> {
    if is_typed_array(value, "Uint32Array") {
        rooted!(&in(cx) let object = value.get().to_object());
        return Ok(with_view_bytes_mut(object.handle(), |bytes| {
            bytes.chunks_exact(4).map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]])).collect()
        }));
    }
    match Vec::<u32>::from_jsval(cx, value, IntConversion::Default) {
        Ok(Ok(values)) => Ok(values),
        Ok(Err(failure)) => Err(Error::Type(failure.describe("The provided value"))),
        Err(()) => Err(Error::JSFailed),
    }
}

/// The part of a list WebGL 2.0's `srcOffset`/`srcLength` select (length 0: to the end), or
/// `None` (INVALID_VALUE) when it runs past the end
/// (<https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.1>).
fn sub_list<T>(mut values: Vec<T>, src_offset: u64, src_length: u32) -> Option<Vec<T>> {
    let offset = usize::try_from(src_offset).ok().filter(|o| *o <= values.len())?;
    let length = if src_length == 0 { values.len() - offset } else { src_length as usize };
    if offset.checked_add(length)? > values.len() {
        return None;
    }
    values.truncate(offset + length);
    values.drain(..offset);
    Some(values)
}

/// The largest texture made without data (zero-filled here) before OUT_OF_MEMORY: 1 GiB.
const MAX_ZEROED_UPLOAD: u128 = 1 << 30;

/// Where a WebGL 2.0 texture upload reads its pixels.
enum UploadSource {
    /// An offset into the PIXEL_UNPACK_BUFFER.
    Pbo(i64),
    /// Client memory: the view's bytes from `srcOffset` on, and whether the view's type
    /// suits `type`.
    Bytes(Vec<u8>, bool),
    /// `null` (zeros for `texImage*`, INVALID_VALUE for `texSubImage*`).
    Null,
    /// A DOM image source.
    Image(TexImageSource),
    /// A DOM image source's pixels, converted for the upload once (`decode_image`): width,
    /// height, tightly packed bytes.
    Decoded(usize, usize, Vec<u8>),
}

/// The layout of client pixels with WebGL 2.0's unpack parameters: where the first pixel is,
/// the row and image strides, and the bytes needed
/// (<https://registry.khronos.org/OpenGL/specs/es/3.0/es_spec_3.0.pdf#section.3.7.2>).
struct Layout {
    start: usize,
    row: usize,
    image: usize,
    needed: usize,
}

#[allow(clippy::too_many_arguments)]
fn layout(
    width: usize,
    height: usize,
    depth: usize,
    bpp: usize,
    alignment: usize,
    row_length: i32,
    image_height: i32,
    skip: (i32, i32, i32),
) -> Layout {
    // In 128 bits, saturated to usize::MAX: sizes a page makes up cannot overflow, and a layout
    // too large for memory fails every size check that follows.
    let fit = |v: u128| usize::try_from(v).unwrap_or(usize::MAX);
    let (w, h, d, bpp) = (width as u128, height as u128, depth as u128, bpp as u128);
    let row_pixels = if row_length > 0 { row_length as u128 } else { w };
    let rows_per_image = if image_height > 0 { image_height as u128 } else { h };
    let alignment = alignment.max(1) as u128;
    let row = (row_pixels * bpp).div_ceil(alignment) * alignment;
    let image = row * rows_per_image;
    let start = skip.2.max(0) as u128 * image + skip.1.max(0) as u128 * row + skip.0.max(0) as u128 * bpp;
    let needed = if w == 0 || h == 0 || d == 0 { 0 } else { start + (d - 1) * image + (h - 1) * row + w * bpp };
    let (start, row, image, needed) = (fit(start), fit(row), fit(image), fit(needed));
    Layout { start, row, image, needed }
}

impl WebGLRenderingContext {
    /// Resolves the `any` pixel source of a WebGL 2.0 upload as WebIDL's overload resolution
    /// would: with `srcOffset` it must be an ArrayBufferView; null/undefined is the null view; a
    /// view is client memory; an image source is one; anything else is a PBO offset.
    fn upload_source(
        &self,
        cx: &mut JSContext,
        value: HandleValue,
        src_offset: Option<u64>,
        type_: u32,
    ) -> Fallible<UploadSource> {
        if src_offset.is_none() && (value.get().is_null() || value.get().is_undefined()) {
            return Ok(UploadSource::Null);
        }
        if is_array_buffer_view(value) {
            let class_ok = pixels::view_class2(type_).iter().any(|class| is_typed_array(value, class));
            let element = view_element_size(value);
            rooted!(&in(cx) let object = value.get().to_object());
            let offset = src_offset.unwrap_or(0).saturating_mul(element as u64);
            let bytes = with_view_bytes_mut(object.handle(), |bytes| {
                usize::try_from(offset).ok().and_then(|o| bytes.get(o..)).map(<[u8]>::to_vec)
            });
            return match bytes {
                Some(bytes) => Ok(UploadSource::Bytes(bytes, class_ok)),
                // srcOffset past the end: INVALID_OPERATION (reported by the caller as a too
                // short view).
                None => Ok(UploadSource::Bytes(Vec::new(), class_ok)),
            };
        }
        if src_offset.is_some() {
            return Err(Error::Type("The source is not an ArrayBufferView.".into()));
        }
        if value.get().is_object()
            && let Ok(Ok(source)) = TexImageSource::from_jsval(cx, value, ())
        {
            return Ok(UploadSource::Image(source));
        }
        match i64::from_jsval(cx, value, IntConversion::Default) {
            Ok(Ok(offset)) => Ok(UploadSource::Pbo(offset)),
            Ok(Err(failure)) => Err(Error::Type(failure.describe("The offset"))),
            Err(()) => Err(Error::JSFailed),
        }
    }

    /// The pixel bytes of a WebGL 2.0 upload of `width`×`height`×`depth` pixels of
    /// `format`/`type_`, tightly packed, or `None` with the error recorded. A PBO source gives
    /// `Some(None)`: GL reads the buffer with the unpack parameters itself.
    #[allow(clippy::too_many_arguments)]
    fn upload_bytes(
        &self,
        source: UploadSource,
        width: i32,
        height: i32,
        depth: i32,
        format: u32,
        type_: u32,
        null_allowed: bool,
        three_d: bool,
    ) -> Fallible<Option<Option<Vec<u8>>>> {
        let Some(bpp) = pixels::bytes_per_pixel2(format, type_) else {
            self.error(glow::INVALID_ENUM);
            return Ok(None);
        };
        if width < 0 || height < 0 || depth < 0 {
            self.error(glow::INVALID_VALUE);
            return Ok(None);
        }
        let pbo = self.gl2.pixel_unpack_buffer.get();
        let (w, h, d) = (width as usize, height as usize, depth as usize);
        let store = self.pixel_store.get();
        let store2 = self.gl2.pixel_store.get();
        match source {
            UploadSource::Pbo(offset) => {
                let Some(pbo) = pbo else {
                    self.error(glow::INVALID_OPERATION);
                    return Ok(None);
                };
                if offset < 0 {
                    self.error(glow::INVALID_VALUE);
                    return Ok(None);
                }
                let l = layout(
                    w,
                    h,
                    d,
                    bpp,
                    store.unpack_alignment as usize,
                    store2.unpack_row_length,
                    if three_d { store2.unpack_image_height } else { 0 },
                    (
                        store2.unpack_skip_pixels,
                        store2.unpack_skip_rows,
                        if three_d { store2.unpack_skip_images } else { 0 },
                    ),
                );
                if offset as u64 + l.needed as u64 > pbo.size() as u64 {
                    self.error(glow::INVALID_OPERATION);
                    return Ok(None);
                }
                if offset % (bpp / pixels::channels2(format).unwrap_or(1)).max(1) as i64 != 0 {
                    self.error(glow::INVALID_OPERATION);
                    return Ok(None);
                }
                Ok(Some(None))
            }
            _ if pbo.is_some() => {
                // "If a WebGLBuffer is bound to the PIXEL_UNPACK_BUFFER target, calls taking
                // client data generate INVALID_OPERATION."
                self.error(glow::INVALID_OPERATION);
                Ok(None)
            }
            UploadSource::Null => {
                if !null_allowed {
                    self.error(glow::INVALID_VALUE);
                    return Ok(None);
                }
                // The zeros WebGL gives a texture made without data, up to a size this side
                // allocates (GL's own limits are far above what memory holds here).
                let bytes = w as u128 * h as u128 * d as u128 * bpp as u128;
                if bytes > MAX_ZEROED_UPLOAD {
                    self.error(glow::OUT_OF_MEMORY);
                    return Ok(None);
                }
                Ok(Some(Some(vec![0; bytes as usize])))
            }
            UploadSource::Bytes(bytes, class_ok) => {
                if !class_ok {
                    self.error(glow::INVALID_OPERATION);
                    return Ok(None);
                }
                if three_d && (store.flip_y || store.premultiply_alpha) && w * h * d > 0 {
                    // <https://registry.khronos.org/webgl/specs/latest/2.0/#PIXEL_STORE_PARAM_CONSTRAINTS>
                    self.error(glow::INVALID_OPERATION);
                    return Ok(None);
                }
                let l = layout(
                    w,
                    h,
                    d,
                    bpp,
                    store.unpack_alignment as usize,
                    store2.unpack_row_length,
                    if three_d { store2.unpack_image_height } else { 0 },
                    (
                        store2.unpack_skip_pixels,
                        store2.unpack_skip_rows,
                        if three_d { store2.unpack_skip_images } else { 0 },
                    ),
                );
                if bytes.len() < l.needed {
                    self.error(glow::INVALID_OPERATION);
                    return Ok(None);
                }
                let mut out = Vec::with_capacity(w * h * d * bpp);
                for z in 0..d {
                    for y in 0..h {
                        let source_row = if store.flip_y { h - 1 - y } else { y };
                        let at = l.start + z * l.image + source_row * l.row;
                        out.extend_from_slice(&bytes[at..at + w * bpp]);
                    }
                }
                if store.premultiply_alpha && format == glow::RGBA && type_ == glow::UNSIGNED_BYTE {
                    pixels::premultiply_rgba8(&mut out);
                }
                Ok(Some(Some(out)))
            }
            UploadSource::Image(image) => {
                let Some(decoded) = self.decode_image(UploadSource::Image(image), format, type_)? else {
                    return Ok(None);
                };
                self.upload_bytes(decoded, width, height, depth, format, type_, null_allowed, three_d)
            }
            UploadSource::Decoded(sw, sh, data) => {
                // The sub-rectangle the unpack parameters select (the whole image when the
                // size given is its size and nothing is skipped).
                let rows_per_image =
                    if three_d && store2.unpack_image_height > 0 { store2.unpack_image_height as usize } else { h };
                let skip_x = store2.unpack_skip_pixels as usize;
                let skip_y = store2.unpack_skip_rows as usize;
                let skip_z = if three_d { store2.unpack_skip_images as usize } else { 0 };
                if skip_x + w > sw || (skip_z + d.max(1) - 1) * rows_per_image + skip_y + h > sh {
                    self.error(glow::INVALID_OPERATION);
                    return Ok(None);
                }
                let mut out = Vec::with_capacity(w * h * d * bpp);
                for z in 0..d {
                    for y in 0..h {
                        let row = (skip_z + z) * rows_per_image + skip_y + y;
                        let at = (row * sw + skip_x) * bpp;
                        out.extend_from_slice(&data[at..at + w * bpp]);
                    }
                }
                Ok(Some(Some(out)))
            }
        }
    }

    /// Queues a texture upload: client bytes with an unpack alignment of 1 and the other
    /// unpack parameters at their defaults, or a PBO read with the page's unpack parameters.
    fn queue_upload(&self, data: Option<Vec<u8>>, pbo_offset: i64, three_d: bool, upload: Upload) {
        let store = self.pixel_store.get();
        let store2 = self.gl2.pixel_store.get();
        self.enqueue(Box::new(move |gl: &glow::Context, _: &mut dyn DrawingBuffer| {
            // SAFETY: client bytes hold exactly the pixels GL reads with an alignment of 1 and
            // no row length or skips (the sizes were computed for `upload`'s size); a PBO read
            // is checked by GL against the buffer's size.
            unsafe {
                match &data {
                    Some(_) => gl.pixel_store_i32(glow::UNPACK_ALIGNMENT, 1),
                    None => {
                        gl.pixel_store_i32(glow::UNPACK_ALIGNMENT, store.unpack_alignment);
                        gl.pixel_store_i32(glow::UNPACK_ROW_LENGTH, store2.unpack_row_length);
                        gl.pixel_store_i32(glow::UNPACK_SKIP_PIXELS, store2.unpack_skip_pixels);
                        gl.pixel_store_i32(glow::UNPACK_SKIP_ROWS, store2.unpack_skip_rows);
                        if three_d {
                            gl.pixel_store_i32(glow::UNPACK_IMAGE_HEIGHT, store2.unpack_image_height);
                            gl.pixel_store_i32(glow::UNPACK_SKIP_IMAGES, store2.unpack_skip_images);
                        }
                    }
                }
                let pixels = match &data {
                    Some(bytes) => PixelUnpackData::Slice(Some(bytes)),
                    None => PixelUnpackData::BufferOffset(pbo_offset as u32),
                };
                match upload {
                    Upload::Image2D { target, level, internalformat, width, height, format, type_ } => {
                        gl.tex_image_2d(target, level, internalformat, width, height, 0, format, type_, pixels)
                    }
                    Upload::Sub2D { target, level, x, y, width, height, format, type_ } => {
                        gl.tex_sub_image_2d(target, level, x, y, width, height, format, type_, pixels)
                    }
                    Upload::Image3D { target, level, internalformat, width, height, depth, format, type_ } => {
                        gl.tex_image_3d(target, level, internalformat, width, height, depth, 0, format, type_, pixels)
                    }
                    Upload::Sub3D { target, level, x, y, z, width, height, depth, format, type_ } => {
                        gl.tex_sub_image_3d(target, level, x, y, z, width, height, depth, format, type_, pixels)
                    }
                }
                if data.is_none() {
                    gl.pixel_store_i32(glow::UNPACK_ROW_LENGTH, 0);
                    gl.pixel_store_i32(glow::UNPACK_SKIP_PIXELS, 0);
                    gl.pixel_store_i32(glow::UNPACK_SKIP_ROWS, 0);
                    gl.pixel_store_i32(glow::UNPACK_IMAGE_HEIGHT, 0);
                    gl.pixel_store_i32(glow::UNPACK_SKIP_IMAGES, 0);
                }
            }
        }));
    }

    /// The size a 2D texture image of `target` may have at `level`.
    fn max_size_2d(&self, target: u32, level: i32) -> i32 {
        let max = if target == glow::TEXTURE_2D { self.limits.max_texture_size } else { self.limits.max_cube_map_size };
        if (0..32).contains(&level) { max >> level } else { 0 }
    }

    /// `texImage2D()` in WebGL 2.0, every form.
    #[allow(clippy::too_many_arguments)]
    fn tex_image_2d2(
        &self,
        target: u32,
        level: i32,
        internalformat: i32,
        width: i32,
        height: i32,
        border: i32,
        format: u32,
        type_: u32,
        source: UploadSource,
    ) -> Fallible<()> {
        if self.texture_for(target, true).is_none() || matches!(target, glow::TEXTURE_CUBE_MAP) {
            if target == glow::TEXTURE_CUBE_MAP {
                self.error(glow::INVALID_ENUM);
            }
            return Ok(());
        }
        // A DOM image source gives its own size to the six-argument form (width -1).
        let Some(source) = self.decode_image(source, format, type_)? else {
            return Ok(());
        };
        let (width, height) = match (&source, width) {
            (UploadSource::Decoded(w, h, _), -1) => (*w as i32, *h as i32),
            _ => (width, height),
        };
        if level < 0
            || width < 0
            || height < 0
            || border != 0
            || width > self.max_size_2d(target, level)
            || height > self.max_size_2d(target, level)
        {
            self.error(glow::INVALID_VALUE);
            return Ok(());
        }
        if target != glow::TEXTURE_2D && width != height {
            self.error(glow::INVALID_VALUE);
            return Ok(());
        }
        let pbo_offset = if let UploadSource::Pbo(o) = source { o } else { 0 };
        let Some(data) = self.upload_bytes(source, width, height, 1, format, type_, true, false)? else {
            return Ok(());
        };
        self.queue_upload(
            data,
            pbo_offset,
            false,
            Upload::Image2D { target, level, internalformat, width, height, format, type_ },
        );
        if level == 0
            && let Ok(Some(texture)) = self.bound_texture(target, true)
        {
            texture.set_size(width, height);
            texture.set_internal_format(internalformat as u32);
        }
        Ok(())
    }

    /// `texSubImage2D()` in WebGL 2.0, every form.
    #[allow(clippy::too_many_arguments)]
    fn tex_sub_image_2d2(
        &self,
        target: u32,
        level: i32,
        x: i32,
        y: i32,
        width: i32,
        height: i32,
        format: u32,
        type_: u32,
        source: UploadSource,
    ) -> Fallible<()> {
        if self.texture_for(target, true).is_none() {
            return Ok(());
        }
        let Some(source) = self.decode_image(source, format, type_)? else {
            return Ok(());
        };
        let (width, height) = match (&source, width) {
            (UploadSource::Decoded(w, h, _), -1) => (*w as i32, *h as i32),
            _ => (width, height),
        };
        if level < 0 || x < 0 || y < 0 {
            self.error(glow::INVALID_VALUE);
            return Ok(());
        }
        let pbo_offset = if let UploadSource::Pbo(o) = source { o } else { 0 };
        let Some(data) = self.upload_bytes(source, width, height, 1, format, type_, false, false)? else {
            return Ok(());
        };
        self.queue_upload(data, pbo_offset, false, Upload::Sub2D { target, level, x, y, width, height, format, type_ });
        Ok(())
    }

    /// Converts a DOM image source's pixels for an upload of `format`/`type_`, once; other
    /// sources pass through. `None` when there is nothing to upload: the image is not loaded
    /// yet, or the format cannot be converted to (INVALID_OPERATION recorded).
    fn decode_image(&self, source: UploadSource, format: u32, type_: u32) -> Fallible<Option<UploadSource>> {
        let UploadSource::Image(image) = source else { return Ok(Some(source)) };
        if !pixels::dom_convertible(format, type_) {
            self.error(glow::INVALID_OPERATION);
            return Ok(None);
        }
        Ok(self
            .source_pixels(&image, format, type_)?
            .map(|(w, h, data)| UploadSource::Decoded(w as usize, h as usize, data)))
    }

    /// The 3D texture bound for `target` (TEXTURE_3D or TEXTURE_2D_ARRAY), or `None` with the
    /// error recorded.
    fn texture_3d_for(&self, target: u32) -> Option<DomRoot<WebGLTexture>> {
        if !matches!(target, glow::TEXTURE_3D | glow::TEXTURE_2D_ARRAY) {
            self.error(glow::INVALID_ENUM);
            return None;
        }
        self.texture_for(target, false)
    }

    /// The buffer a WebGL 2.0 call reads or writes through `target`: INVALID_ENUM for a bad
    /// target, INVALID_OPERATION when none is bound or it is in use for transform feedback.
    fn buffer_at(&self, target: u32) -> Option<DomRoot<WebGLBuffer>> {
        let buffer = self.bound_buffer(target).ok()?;
        let Some(buffer) = buffer else {
            self.error(glow::INVALID_OPERATION);
            return None;
        };
        if target != glow::TRANSFORM_FEEDBACK_BUFFER && self.in_active_transform_feedback(&buffer) {
            self.error(glow::INVALID_OPERATION);
            return None;
        }
        Some(buffer)
    }

    /// The active query bindings (occlusion, transform feedback, timer).
    fn query_slots(&self) -> [&crate::dom::bindings::root::MutNullableDom<WebGLQuery>; 3] {
        [&self.gl2.occlusion_query, &self.gl2.primitives_query, &self.gl2.timer_query]
    }

    /// Whether `query` is active at one of the query targets.
    pub(super) fn query_active(&self, query: &WebGLQuery) -> bool {
        self.query_slots().iter().any(|s| s.get().is_some_and(|q| std::ptr::eq(&*q, query)))
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>
    pub(super) fn create_query(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLQuery>> {
        if self.is_lost() {
            // WebGL objects are made even while the context is lost; this one belongs to no
            // context, so it is invalid everywhere (`loss.rs`).
            return Some(WebGLQuery::new(cx, &self.window(), NO_CONTEXT, glow::NativeQuery(PLACEHOLDER_NAME)));
        }
        let name = gl_query!(self, move |g| g.create_query().ok())??;
        let query = WebGLQuery::new(cx, &self.window(), self.id(), name);
        // SAFETY: run on the WebGL thread with this context current; `name` is an object of it.
        query.object().set_release(self.releaser(name, |g, name| unsafe { g.delete_query(name) }));
        Some(query)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>: an active query ends.
    pub(super) fn delete_query(&self, query: Option<&WebGLQuery>) {
        return_if_lost!(self);
        let Some(query) = query else { return };
        if !self.begin_delete(query) {
            return;
        }
        for slot in self.query_slots() {
            if slot.get().is_some_and(|q| std::ptr::eq(&*q, query)) {
                slot.set(None);
                if let Some(target) = query.target() {
                    gl_run!(self, move |g| g.end_query(target));
                }
            }
        }
        let name = query.name();
        gl_run!(self, move |g| g.delete_query(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>: began at least once.
    pub(super) fn is_query(&self, query: Option<&WebGLQuery>) -> bool {
        return_if_lost!(self);
        self.owns_live(query) && query.is_some_and(|q| q.target().is_some())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>
    pub(super) fn begin_query(&self, target: u32, query: &WebGLQuery) {
        return_if_lost!(self);
        let Some(slot) = self.query_target_slot(target) else {
            return self.error(glow::INVALID_ENUM);
        };
        if !self.check_bindable(query) {
            return;
        }
        if slot.get().is_some() || self.query_active(query) {
            return self.error(glow::INVALID_OPERATION);
        }
        match query.target() {
            Some(t) if t != target => return self.error(glow::INVALID_OPERATION),
            Some(_) => {}
            None => query.set_target(target),
        }
        slot.set(Some(query));
        query.set_ended_at(None);
        let name = query.name();
        gl_run!(self, move |g| g.begin_query(target, name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>
    pub(super) fn end_query(&self, target: u32) {
        return_if_lost!(self);
        let Some(slot) = self.query_target_slot(target) else {
            return self.error(glow::INVALID_ENUM);
        };
        let Some(query) = slot.get() else {
            return self.error(glow::INVALID_OPERATION);
        };
        if query.target() != Some(target) {
            return self.error(glow::INVALID_OPERATION);
        }
        slot.set(None);
        query.set_ended_at(Some(crate::script_runtime::checkpoints()));
        gl_run!(self, move |g| g.end_query(target));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>: "a query's result must
    /// not be made available until control has returned to the user agent's main loop".
    pub(super) fn get_query_parameter(&self, query: &WebGLQuery, pname: u32, mut rval: MutableHandleValue) {
        rval.set(NullValue());
        return_if_lost!(self);
        if !self.check_object(query) {
            return;
        }
        let Some(ended) = query.ended_at() else {
            return self.error(glow::INVALID_OPERATION);
        };
        let returned = crate::script_runtime::checkpoints() > ended;
        let name = query.name();
        match pname {
            glow::QUERY_RESULT_AVAILABLE => {
                if !returned {
                    return rval.set(BooleanValue(false));
                }
                let available = gl_query!(self, move |g| g.get_query_parameter_u32(name, pname)).unwrap_or(0);
                rval.set(BooleanValue(available != 0))
            }
            glow::QUERY_RESULT => {
                if !returned {
                    return rval.set(NullValue());
                }
                if matches!(query.target(), Some(TIME_ELAPSED_EXT | TIMESTAMP_EXT)) {
                    // Nanoseconds, as a GLuint64EXT.
                    let value = gl_query!(self, move |g| g.get_query_parameter_u64(name, pname)).unwrap_or(0);
                    return rval.set(mozjs::jsval::DoubleValue(value as f64));
                }
                let value = gl_query!(self, move |g| g.get_query_parameter_u32(name, pname)).unwrap_or(0);
                match query.target() {
                    Some(glow::TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN) => rval.set(UInt32Value(value)),
                    _ => rval.set(BooleanValue(value != 0)),
                }
            }
            _ => self.error(glow::INVALID_ENUM),
        }
    }

    /// QUERY_COUNTER_BITS_EXT of a timer query target (TIME_ELAPSED_EXT, TIMESTAMP_EXT).
    pub(super) fn query_counter_bits(&self, target: u32) -> i32 {
        self.call(move |_, buffer| {
            let mut bits = 0;
            if let Some(get_queryiv) = buffer.ext().get_queryiv {
                // SAFETY: the driver's glGetQueryiv, with the context current, writing one GLint
                // for this pname.
                unsafe { get_queryiv(target, QUERY_COUNTER_BITS_EXT, &mut bits) };
            }
            bits
        })
        .unwrap_or(0)
    }

    /// The active query binding of a query target (ANY_SAMPLES_PASSED and its conservative
    /// form share one), or `None` for another target.
    fn query_target_slot(&self, target: u32) -> Option<&crate::dom::bindings::root::MutNullableDom<WebGLQuery>> {
        match target {
            glow::ANY_SAMPLES_PASSED | glow::ANY_SAMPLES_PASSED_CONSERVATIVE => Some(&self.gl2.occlusion_query),
            glow::TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN => Some(&self.gl2.primitives_query),
            TIME_ELAPSED_EXT
                if self.enabled(Extension::ExtDisjointTimerQueryWebgl2)
                    || self.enabled(Extension::ExtDisjointTimerQuery) =>
            {
                Some(&self.gl2.timer_query)
            }
            _ => None,
        }
    }
}

// EXT_disjoint_timer_query_webgl2.
pub(super) const QUERY_COUNTER_BITS_EXT: u32 = 0x8864;
pub(super) const TIME_ELAPSED_EXT: u32 = 0x88BF;
pub(super) const TIMESTAMP_EXT: u32 = 0x8E28;

/// A texture upload's call.
enum Upload {
    Image2D {
        target: u32,
        level: i32,
        internalformat: i32,
        width: i32,
        height: i32,
        format: u32,
        type_: u32,
    },
    Sub2D {
        target: u32,
        level: i32,
        x: i32,
        y: i32,
        width: i32,
        height: i32,
        format: u32,
        type_: u32,
    },
    Image3D {
        target: u32,
        level: i32,
        internalformat: i32,
        width: i32,
        height: i32,
        depth: i32,
        format: u32,
        type_: u32,
    },
    Sub3D {
        target: u32,
        level: i32,
        x: i32,
        y: i32,
        z: i32,
        width: i32,
        height: i32,
        depth: i32,
        format: u32,
        type_: u32,
    },
}

/// Sampler parameters (<https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.13>).
fn sampler_pname(pname: u32) -> Option<bool> {
    match pname {
        glow::TEXTURE_MIN_LOD | glow::TEXTURE_MAX_LOD => Some(true),
        glow::TEXTURE_MAG_FILTER
        | glow::TEXTURE_MIN_FILTER
        | glow::TEXTURE_WRAP_S
        | glow::TEXTURE_WRAP_T
        | glow::TEXTURE_WRAP_R
        | glow::TEXTURE_COMPARE_FUNC
        | glow::TEXTURE_COMPARE_MODE => Some(false),
        _ => None,
    }
}

impl WebGL2RenderingContextMethods for WebGL2RenderingContext {
    webgl2_base_delegate!(base);

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.3>: "If readTarget and
    /// writeTarget are the same buffer, the ranges must not overlap"; copying between an element
    /// array buffer and another type is INVALID_OPERATION.
    fn CopyBufferSubData(
        &self,
        _cx: &mut JSContext,
        read_target: u32,
        write_target: u32,
        read_offset: i64,
        write_offset: i64,
        size: i64,
    ) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let Some(src) = gl.buffer_at(read_target) else { return };
        let Some(dst) = gl.buffer_at(write_target) else { return };
        if read_offset < 0 || write_offset < 0 || size < 0 {
            return gl.error(glow::INVALID_VALUE);
        }
        if read_offset + size > src.size() || write_offset + size > dst.size() {
            return gl.error(glow::INVALID_VALUE);
        }
        if std::ptr::eq(&*src, &*dst) && read_offset < write_offset + size && write_offset < read_offset + size {
            return gl.error(glow::INVALID_VALUE);
        }
        let element = |b: &WebGLBuffer| b.target() == Some(glow::ELEMENT_ARRAY_BUFFER);
        if element(&src) != element(&dst) {
            return gl.error(glow::INVALID_OPERATION);
        }
        if element(&dst) {
            let bytes = src.elements().get(read_offset as usize..(read_offset + size) as usize).map(<[u8]>::to_vec);
            if let Some(bytes) = bytes {
                dst.set_sub_data(write_offset as usize, &bytes);
            }
        }
        let (ro, wo, size) = (read_offset as i32, write_offset as i32, size as i32);
        gl_run!(gl, move |g| g.copy_buffer_sub_data(read_target, write_target, ro, wo, size));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.3>: reads the buffer's range
    /// into `dstBuffer` from `dstOffset` (in elements), `length` elements (0: to the end).
    fn GetBufferSubData(
        &self,
        cx: &mut JSContext,
        target: u32,
        src_byte_offset: i64,
        dst_buffer: HandleObject,
        dst_offset: u64,
        length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let gl = &*self.base;
        rooted!(&in(cx) let value = ObjectValue(dst_buffer.get()));
        if !is_array_buffer_view(value.handle()) {
            return Err(Error::Type("getBufferSubData: dstBuffer is not an ArrayBufferView.".into()));
        }
        let Some(buffer) = gl.buffer_at(target) else { return Ok(()) };
        if src_byte_offset < 0 {
            gl.error(glow::INVALID_VALUE);
            return Ok(());
        }
        let element = view_element_size(value.handle()) as u64;
        let view_len = with_view_bytes_mut(dst_buffer, |bytes| bytes.len() as u64) / element;
        if dst_offset > view_len {
            gl.error(glow::INVALID_VALUE);
            return Ok(());
        }
        let count = if length == 0 { view_len - dst_offset } else { u64::from(length) };
        if dst_offset + count > view_len {
            gl.error(glow::INVALID_VALUE);
            return Ok(());
        }
        let bytes = count * element;
        if src_byte_offset as u64 + bytes > buffer.size() as u64 {
            gl.error(glow::INVALID_VALUE);
            return Ok(());
        }
        if bytes == 0 {
            return Ok(());
        }
        let (offset, len) = (src_byte_offset as i32, bytes as usize);
        let read = gl.call(move |g, _| {
            // SAFETY: the range was checked against the buffer's size; the mapping is read
            // for `len` bytes and unmapped before the task ends.
            unsafe {
                let ptr = g.map_buffer_range(target, offset, len as i32, glow::MAP_READ_BIT);
                if ptr.is_null() {
                    return None;
                }
                let out = std::slice::from_raw_parts(ptr, len).to_vec();
                g.unmap_buffer(target);
                Some(out)
            }
        });
        if let Some(Some(read)) = read {
            let start = (dst_offset * element) as usize;
            with_view_bytes_mut(dst_buffer, |bytes| {
                if let Some(dst) = bytes.get_mut(start..start + read.len()) {
                    dst.copy_from_slice(&read);
                }
            });
        }
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.4>: the drawing buffer is
    /// resolved first when it is the read framebuffer.
    fn BlitFramebuffer(
        &self,
        _cx: &mut JSContext,
        src_x0: i32,
        src_y0: i32,
        src_x1: i32,
        src_y1: i32,
        dst_x0: i32,
        dst_y0: i32,
        dst_x1: i32,
        dst_y1: i32,
        mask: u32,
        filter: u32,
    ) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if mask & !(glow::COLOR_BUFFER_BIT | glow::DEPTH_BUFFER_BIT | glow::STENCIL_BUFFER_BIT) != 0 {
            return gl.error(glow::INVALID_VALUE);
        }
        if !matches!(filter, glow::NEAREST | glow::LINEAR) {
            return gl.error(glow::INVALID_ENUM);
        }
        if mask & glow::COLOR_BUFFER_BIT != 0 && !gl.can_read() {
            return;
        }
        let from_default = gl.read_framebuffer().is_none();
        gl.enqueue(Box::new(move |g: &glow::Context, buffer: &mut dyn DrawingBuffer| {
            if from_default {
                buffer.begin_read(g);
            }
            // SAFETY: as in `gl_run!`.
            unsafe { g.blit_framebuffer(src_x0, src_y0, src_x1, src_y1, dst_x0, dst_y0, dst_x1, dst_y1, mask, filter) };
            if from_default {
                buffer.end_read(g);
            }
        }));
        gl.drew();
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.4>
    fn FramebufferTextureLayer(
        &self,
        _cx: &mut JSContext,
        target: u32,
        attachment: u32,
        texture: Option<&WebGLTexture>,
        level: i32,
        layer: i32,
    ) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let Ok(bound) = gl.framebuffer_for(target) else { return };
        if !gl.valid_attachment(attachment) {
            return gl.error(glow::INVALID_ENUM);
        }
        let Some(framebuffer) = bound else {
            return gl.error(glow::INVALID_OPERATION);
        };
        if let Some(texture) = texture {
            if !gl.check_object(texture) {
                return;
            }
            if !matches!(texture.target(), Some(glow::TEXTURE_3D | glow::TEXTURE_2D_ARRAY)) {
                return gl.error(glow::INVALID_OPERATION);
            }
        }
        if level < 0 || layer < 0 {
            return gl.error(glow::INVALID_VALUE);
        }
        framebuffer.attach(attachment, texture, None);
        let name = texture.map(|t| t.name());
        if attachment == glow::DEPTH_STENCIL_ATTACHMENT {
            gl_run!(gl, move |g| {
                g.framebuffer_texture_layer(target, glow::DEPTH_ATTACHMENT, name, level, layer);
                g.framebuffer_texture_layer(target, glow::STENCIL_ATTACHMENT, name, level, layer)
            });
        } else {
            gl_run!(gl, move |g| g.framebuffer_texture_layer(target, attachment, name, level, layer));
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.4>
    fn InvalidateFramebuffer(&self, cx: &mut JSContext, target: u32, attachments: Vec<u32>) {
        return_if_lost!(self.base);
        let (width, height) = self.base.size.get();
        self.InvalidateSubFramebuffer(cx, target, attachments, 0, 0, width as i32, height as i32);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.4>: the drawing buffer's COLOR,
    /// DEPTH and STENCIL name its framebuffer's attachments.
    fn InvalidateSubFramebuffer(
        &self,
        _cx: &mut JSContext,
        target: u32,
        attachments: Vec<u32>,
        x: i32,
        y: i32,
        width: i32,
        height: i32,
    ) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let Ok(bound) = gl.framebuffer_for(target) else { return };
        let mut mapped = Vec::with_capacity(attachments.len());
        for attachment in attachments {
            let gl_attachment = if bound.is_none() {
                match attachment {
                    glow::COLOR => glow::COLOR_ATTACHMENT0,
                    glow::DEPTH => glow::DEPTH_ATTACHMENT,
                    glow::STENCIL => glow::STENCIL_ATTACHMENT,
                    _ => return gl.error(glow::INVALID_ENUM),
                }
            } else if gl.valid_attachment(attachment) {
                attachment
            } else {
                return gl.error(glow::INVALID_ENUM);
            };
            mapped.push(gl_attachment);
        }
        if width < 0 || height < 0 {
            return gl.error(glow::INVALID_VALUE);
        }
        gl_run!(gl, move |g| g.invalidate_sub_framebuffer(target, &mapped, x, y, width, height));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.4>: BACK or NONE for the
    /// drawing buffer, COLOR_ATTACHMENTi or NONE for a framebuffer object.
    fn ReadBuffer(&self, _cx: &mut JSContext, src: u32) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        match gl.gl2.read_framebuffer.get() {
            None => {
                if !matches!(src, glow::BACK | glow::NONE) {
                    return gl.error(if gl.valid_attachment(src) {
                        glow::INVALID_OPERATION
                    } else {
                        glow::INVALID_ENUM
                    });
                }
                gl.gl2.default_read_buffer.set(src);
            }
            Some(_) => {
                if src == glow::BACK {
                    return gl.error(glow::INVALID_OPERATION);
                }
                if src != glow::NONE && !gl.valid_attachment(src) {
                    return gl.error(glow::INVALID_ENUM);
                }
                gl_run!(gl, move |g| g.read_buffer(src));
            }
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.5>: SAMPLES of a renderable
    /// format, as an Int32Array.
    fn GetInternalformatParameter(
        &self,
        cx: &mut JSContext,
        target: u32,
        internalformat: u32,
        pname: u32,
        mut rval: MutableHandleValue,
    ) {
        return_if_lost!(self.base, rval);
        let gl = &*self.base;
        rval.set(NullValue());
        if target != glow::RENDERBUFFER || pname != glow::SAMPLES {
            return gl.error(glow::INVALID_ENUM);
        }
        if super::gl2::needs_color_buffer_float(internalformat)
            && !gl.enabled(super::extensions::Extension::ExtColorBufferFloat)
        {
            return gl.error(glow::INVALID_ENUM);
        }
        // OpenGL ES 3.0 multisamples no integer format (a later OpenGL ES under the context may).
        let integer = super::gl2::color_kind(internalformat) != super::gl2::ColorKind::Float;
        let samples = gl.call(move |g, _| {
            // SAFETY: as in `gl_run!`; the slice is sized by GL's own count.
            unsafe {
                let mut count = [0i32; 1];
                g.get_internal_format_i32_slice(target, internalformat, glow::NUM_SAMPLE_COUNTS, &mut count);
                let error = g.get_error();
                let mut samples = vec![0i32; count[0].clamp(0, 64) as usize];
                if !samples.is_empty() {
                    g.get_internal_format_i32_slice(target, internalformat, glow::SAMPLES, &mut samples);
                }
                (samples, error)
            }
        });
        let Some((samples, error)) = samples else { return };
        if error != glow::NO_ERROR {
            return gl.error(error);
        }
        new_int32_array(cx, if integer { &[] } else { &samples }, rval);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.5>
    fn RenderbufferStorageMultisample(
        &self,
        _cx: &mut JSContext,
        target: u32,
        samples: i32,
        internalformat: u32,
        width: i32,
        height: i32,
    ) {
        return_if_lost!(self.base);
        self.base.renderbuffer_storage2(target, samples, internalformat, width, height);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>
    fn TexStorage2D(
        &self,
        _cx: &mut JSContext,
        target: u32,
        levels: i32,
        internalformat: u32,
        width: i32,
        height: i32,
    ) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if target == glow::TEXTURE_CUBE_MAP_POSITIVE_X || !matches!(target, glow::TEXTURE_2D | glow::TEXTURE_CUBE_MAP) {
            return gl.error(glow::INVALID_ENUM);
        }
        let Some(texture) = gl.texture_for(target, false) else { return };
        if !gl.compressed_format_usable(internalformat) {
            return gl.error(glow::INVALID_ENUM);
        }
        if levels < 1 || width < 1 || height < 1 {
            return gl.error(glow::INVALID_VALUE);
        }
        if !gl.compressed_storage_allowed(internalformat, target, width, height) {
            return;
        }
        texture.set_size(width, height);
        texture.set_internal_format(internalformat);
        gl_run!(gl, move |g| g.tex_storage_2d(target, levels, internalformat, width, height));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>
    fn TexStorage3D(
        &self,
        _cx: &mut JSContext,
        target: u32,
        levels: i32,
        internalformat: u32,
        width: i32,
        height: i32,
        depth: i32,
    ) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let Some(texture) = gl.texture_3d_for(target) else { return };
        if !gl.compressed_format_usable(internalformat) {
            return gl.error(glow::INVALID_ENUM);
        }
        if levels < 1 || width < 1 || height < 1 || depth < 1 {
            return gl.error(glow::INVALID_VALUE);
        }
        if !gl.compressed_storage_allowed(internalformat, target, width, height) {
            return;
        }
        texture.set_size(width, height);
        texture.set_internal_format(internalformat);
        gl_run!(gl, move |g| g.tex_storage_3d(target, levels, internalformat, width, height, depth));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>: from a PBO, a DOM image
    /// source, client memory or zeros.
    fn TexImage3D(
        &self,
        cx: &mut JSContext,
        target: u32,
        level: i32,
        internalformat: i32,
        width: i32,
        height: i32,
        depth: i32,
        border: i32,
        format: u32,
        type_: u32,
        source: HandleValue,
        src_offset: Option<u64>,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let source = gl.upload_source(cx, source, src_offset, type_)?;
        let Some(texture) = gl.texture_3d_for(target) else {
            return Ok(());
        };
        if level == 0 {
            texture.set_size(width, height);
            texture.set_internal_format(internalformat as u32);
        }
        let max = if target == glow::TEXTURE_3D { gl.limits.max_3d_texture_size } else { gl.limits.max_texture_size };
        let max = if (0..32).contains(&level) { max >> level } else { 0 };
        let max_depth = if target == glow::TEXTURE_3D { max } else { gl.limits.max_array_texture_layers };
        if level < 0 || border != 0 || width > max || height > max || depth > max_depth {
            gl.error(glow::INVALID_VALUE);
            return Ok(());
        }
        let pbo_offset = if let UploadSource::Pbo(o) = source { o } else { 0 };
        let Some(data) = gl.upload_bytes(source, width, height, depth, format, type_, true, true)? else {
            return Ok(());
        };
        gl.queue_upload(
            data,
            pbo_offset,
            true,
            Upload::Image3D { target, level, internalformat, width, height, depth, format, type_ },
        );
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>
    fn TexSubImage3D(
        &self,
        cx: &mut JSContext,
        target: u32,
        level: i32,
        xoffset: i32,
        yoffset: i32,
        zoffset: i32,
        width: i32,
        height: i32,
        depth: i32,
        format: u32,
        type_: u32,
        source: HandleValue,
        src_offset: u64,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let offset = if src_offset == 0 { None } else { Some(src_offset) };
        let source = if offset.is_none() && is_array_buffer_view(source) {
            gl.upload_source(cx, source, Some(0), type_)?
        } else {
            gl.upload_source(cx, source, offset, type_)?
        };
        if gl.texture_3d_for(target).is_none() {
            return Ok(());
        }
        if level < 0 || xoffset < 0 || yoffset < 0 || zoffset < 0 {
            gl.error(glow::INVALID_VALUE);
            return Ok(());
        }
        let pbo_offset = if let UploadSource::Pbo(o) = source { o } else { 0 };
        let Some(data) = gl.upload_bytes(source, width, height, depth, format, type_, false, true)? else {
            return Ok(());
        };
        gl.queue_upload(
            data,
            pbo_offset,
            true,
            Upload::Sub3D { target, level, x: xoffset, y: yoffset, z: zoffset, width, height, depth, format, type_ },
        );
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>
    fn CopyTexSubImage3D(
        &self,
        _cx: &mut JSContext,
        target: u32,
        level: i32,
        xoffset: i32,
        yoffset: i32,
        zoffset: i32,
        x: i32,
        y: i32,
        width: i32,
        height: i32,
    ) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if gl.texture_3d_for(target).is_none() {
            return;
        }
        if level < 0 || width < 0 || height < 0 {
            return gl.error(glow::INVALID_VALUE);
        }
        if !gl.can_read() {
            return;
        }
        let from_default = gl.read_framebuffer().is_none();
        gl.enqueue(Box::new(move |g: &glow::Context, buffer: &mut dyn DrawingBuffer| {
            if from_default {
                buffer.begin_read(g);
            }
            // SAFETY: as in `gl_run!`.
            unsafe { g.copy_tex_sub_image_3d(target, level, xoffset, yoffset, zoffset, x, y, width, height) };
            if from_default {
                buffer.end_read(g);
            }
        }));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>: from an ArrayBufferView
    /// (`srcOffset`, `srcLengthOverride`) or from the PIXEL_UNPACK_BUFFER (`imageSize`,
    /// `offset`); the checks are in `compressed.rs`.
    fn CompressedTexImage3D(
        &self,
        cx: &mut JSContext,
        target: u32,
        level: i32,
        internalformat: u32,
        width: i32,
        height: i32,
        depth: i32,
        border: i32,
        data: HandleValue,
        src_offset_or_offset: HandleValue,
        src_length_override: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let Some(data) = self.compressed_source(cx, data, src_offset_or_offset, src_length_override)? else {
            return Ok(());
        };
        let region = Region { target, level, offset: (0, 0, 0), size: (width, height, depth), three_d: true };
        self.base.compressed_image(region, internalformat, border, data);
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>: as `compressedTexImage3D()`.
    fn CompressedTexSubImage3D(
        &self,
        cx: &mut JSContext,
        target: u32,
        level: i32,
        xoffset: i32,
        yoffset: i32,
        zoffset: i32,
        width: i32,
        height: i32,
        depth: i32,
        format: u32,
        data: HandleValue,
        src_offset_or_offset: HandleValue,
        src_length_override: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let Some(data) = self.compressed_source(cx, data, src_offset_or_offset, src_length_override)? else {
            return Ok(());
        };
        let region =
            Region { target, level, offset: (xoffset, yoffset, zoffset), size: (width, height, depth), three_d: true };
        self.base.compressed_sub_image(region, format, data);
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.7>
    fn GetFragDataLocation(&self, _cx: &mut JSContext, program: &WebGLProgram, name: DOMString) -> i32 {
        let gl = &*self.base;
        // [WebGLHandlesContextLoss]: -1 while the context is lost.
        if gl.is_lost() || !gl.check_object(program) {
            return -1;
        }
        if !program.is_linked() {
            gl.error(glow::INVALID_OPERATION);
            return -1;
        }
        let (p, name) = (program.name(), name.to_string());
        gl_query!(gl, move |g| g.get_frag_data_location(p, &name)).unwrap_or(-1)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform1ui(&self, _cx: &mut JSContext, location: Option<&WebGLUniformLocation>, v0: u32) {
        return_if_lost!(self.base);
        self.uniform_u32s(location, vec![v0], 1);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform2ui(&self, _cx: &mut JSContext, location: Option<&WebGLUniformLocation>, v0: u32, v1: u32) {
        return_if_lost!(self.base);
        self.uniform_u32s(location, vec![v0, v1], 2);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform3ui(&self, _cx: &mut JSContext, location: Option<&WebGLUniformLocation>, v0: u32, v1: u32, v2: u32) {
        return_if_lost!(self.base);
        self.uniform_u32s(location, vec![v0, v1, v2], 3);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform4ui(
        &self,
        _cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        v0: u32,
        v1: u32,
        v2: u32,
        v3: u32,
    ) {
        return_if_lost!(self.base);
        self.uniform_u32s(location, vec![v0, v1, v2, v3], 4);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform1uiv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_uiv(cx, location, data, src_offset, src_length, 1)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform2uiv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_uiv(cx, location, data, src_offset, src_length, 2)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform3uiv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_uiv(cx, location, data, src_offset, src_length, 3)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform4uiv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_uiv(cx, location, data, src_offset, src_length, 4)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn UniformMatrix3x2fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_matrix(cx, location, transpose, data, src_offset, src_length, 3, 2)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn UniformMatrix4x2fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_matrix(cx, location, transpose, data, src_offset, src_length, 4, 2)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn UniformMatrix2x3fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_matrix(cx, location, transpose, data, src_offset, src_length, 2, 3)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn UniformMatrix4x3fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_matrix(cx, location, transpose, data, src_offset, src_length, 4, 3)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn UniformMatrix2x4fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_matrix(cx, location, transpose, data, src_offset, src_length, 2, 4)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn UniformMatrix3x4fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_matrix(cx, location, transpose, data, src_offset, src_length, 3, 4)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.9>
    fn VertexAttribI4i(&self, _cx: &mut JSContext, index: u32, x: i32, y: i32, z: i32, w: i32) {
        return_if_lost!(self.base);
        self.vertex_attrib_int(index, [x, y, z, w], false);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.9>
    fn VertexAttribI4iv(&self, cx: &mut JSContext, index: u32, values: HandleValue) -> Fallible<()> {
        return_if_lost!(self.base);
        let values = int_list(cx, values)?;
        if values.len() < 4 {
            self.base.error(glow::INVALID_VALUE);
            return Ok(());
        }
        self.vertex_attrib_int(index, [values[0], values[1], values[2], values[3]], false);
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.9>
    fn VertexAttribI4ui(&self, _cx: &mut JSContext, index: u32, x: u32, y: u32, z: u32, w: u32) {
        return_if_lost!(self.base);
        self.vertex_attrib_int(index, [x as i32, y as i32, z as i32, w as i32], true);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.9>
    fn VertexAttribI4uiv(&self, cx: &mut JSContext, index: u32, values: HandleValue) -> Fallible<()> {
        return_if_lost!(self.base);
        let values = uint_list(cx, values)?;
        if values.len() < 4 {
            self.base.error(glow::INVALID_VALUE);
            return Ok(());
        }
        self.vertex_attrib_int(index, [values[0] as i32, values[1] as i32, values[2] as i32, values[3] as i32], true);
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.9>: integer attribute arrays
    /// (the alignment and stride rules of `vertexAttribPointer()`).
    fn VertexAttribIPointer(&self, _cx: &mut JSContext, index: u32, size: i32, type_: u32, stride: i32, offset: i64) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let vao = gl.vao();
        let Some(attrib) = vao.attribs.get(index as usize) else {
            return gl.error(glow::INVALID_VALUE);
        };
        if !matches!(
            type_,
            glow::BYTE | glow::UNSIGNED_BYTE | glow::SHORT | glow::UNSIGNED_SHORT | glow::INT | glow::UNSIGNED_INT
        ) {
            return gl.error(glow::INVALID_ENUM);
        }
        if !(1..=4).contains(&size) || !(0..=255).contains(&stride) || offset < 0 {
            return gl.error(glow::INVALID_VALUE);
        }
        let component = super::webglrenderingcontext::type_size(type_) as i64;
        if offset % component != 0 || i64::from(stride) % component != 0 {
            return gl.error(glow::INVALID_OPERATION);
        }
        let buffer = gl.array_buffer.get();
        if buffer.is_none() && offset != 0 {
            return gl.error(glow::INVALID_OPERATION);
        }
        attrib.buffer.set(buffer.as_deref());
        attrib.size.set(size);
        attrib.kind.set(type_);
        attrib.normalized.set(false);
        attrib.stride.set(stride);
        attrib.offset.set(offset);
        attrib.integer.set(true);
        let offset = offset as i32;
        gl_run!(gl, move |g| g.vertex_attrib_pointer_i32(index, size, type_, stride, offset));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.9>
    fn VertexAttribDivisor(&self, _cx: &mut JSContext, index: u32, divisor: u32) {
        return_if_lost!(self.base);
        self.base.vertex_attrib_divisor(index, divisor);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.9>
    fn DrawArraysInstanced(&self, _cx: &mut JSContext, mode: u32, first: i32, count: i32, instance_count: i32) {
        return_if_lost!(self.base);
        self.base.draw_arrays_instanced(mode, first, count, instance_count);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.9>
    fn DrawElementsInstanced(
        &self,
        _cx: &mut JSContext,
        mode: u32,
        count: i32,
        type_: u32,
        offset: i64,
        instance_count: i32,
    ) {
        return_if_lost!(self.base);
        self.base.draw_elements_instanced(mode, count, type_, offset, instance_count);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.9>: `start` and `end` bound
    /// the indices (INVALID_VALUE when `end < start`); the draw reads as `drawElements()`.
    fn DrawRangeElements(
        &self,
        cx: &mut JSContext,
        mode: u32,
        start: u32,
        end: u32,
        count: i32,
        type_: u32,
        offset: i64,
    ) {
        return_if_lost!(self.base);
        if end < start {
            return self.base.error(glow::INVALID_VALUE);
        }
        WebGLRenderingContextMethods::DrawElements(&*self.base, cx, mode, count, type_, offset);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.11>: for the drawing buffer
    /// one of BACK or NONE; for a framebuffer object COLOR_ATTACHMENTi or NONE at index i.
    fn DrawBuffers(&self, _cx: &mut JSContext, buffers: Vec<u32>) {
        return_if_lost!(self.base);
        self.base.draw_buffers(buffers);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.11>
    fn ClearBufferfv(
        &self,
        cx: &mut JSContext,
        buffer: u32,
        drawbuffer: i32,
        values: HandleValue,
        src_offset: u64,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let values = float_list(cx, values)?;
        let needed = if buffer == glow::COLOR { 4 } else { 1 };
        let Some(values) = self.clear_values(
            buffer,
            &[glow::COLOR, glow::DEPTH],
            values,
            src_offset,
            needed,
            drawbuffer,
            super::gl2::ColorKind::Float,
        ) else {
            return Ok(());
        };
        gl_run!(self.base, move |g| g.clear_buffer_f32_slice(buffer, drawbuffer as u32, &values));
        self.base.drew();
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.11>
    fn ClearBufferiv(
        &self,
        cx: &mut JSContext,
        buffer: u32,
        drawbuffer: i32,
        values: HandleValue,
        src_offset: u64,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let values = int_list(cx, values)?;
        let needed = if buffer == glow::COLOR { 4 } else { 1 };
        let Some(values) = self.clear_values(
            buffer,
            &[glow::COLOR, glow::STENCIL],
            values,
            src_offset,
            needed,
            drawbuffer,
            super::gl2::ColorKind::Int,
        ) else {
            return Ok(());
        };
        gl_run!(self.base, move |g| g.clear_buffer_i32_slice(buffer, drawbuffer as u32, &values));
        self.base.drew();
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.11>
    fn ClearBufferuiv(
        &self,
        cx: &mut JSContext,
        buffer: u32,
        drawbuffer: i32,
        values: HandleValue,
        src_offset: u64,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let values = uint_list(cx, values)?;
        let Some(values) =
            self.clear_values(buffer, &[glow::COLOR], values, src_offset, 4, drawbuffer, super::gl2::ColorKind::UInt)
        else {
            return Ok(());
        };
        gl_run!(self.base, move |g| g.clear_buffer_u32_slice(buffer, drawbuffer as u32, &values));
        self.base.drew();
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.11>
    fn ClearBufferfi(&self, _cx: &mut JSContext, buffer: u32, drawbuffer: i32, depth: f32, stencil: i32) {
        return_if_lost!(self.base);
        if buffer != glow::DEPTH_STENCIL {
            return self.base.error(glow::INVALID_ENUM);
        }
        gl_run!(self.base, move |g| g.clear_buffer_depth_stencil(buffer, drawbuffer as u32, depth, stencil));
        self.base.drew();
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>
    fn CreateQuery(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLQuery>> {
        self.base.create_query(cx)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>: an active query ends.
    fn DeleteQuery(&self, _cx: &mut JSContext, query: Option<&WebGLQuery>) {
        self.base.delete_query(query)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>: began at least once.
    fn IsQuery(&self, _cx: &mut JSContext, query: Option<&WebGLQuery>) -> bool {
        self.base.is_query(query)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>
    fn BeginQuery(&self, _cx: &mut JSContext, target: u32, query: &WebGLQuery) {
        self.base.begin_query(target, query)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>
    fn EndQuery(&self, _cx: &mut JSContext, target: u32) {
        self.base.end_query(target)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>: CURRENT_QUERY.
    fn GetQuery(&self, cx: &mut JSContext, target: u32, pname: u32, mut rval: MutableHandleValue) {
        return_if_lost!(self.base, rval);
        let gl = &*self.base;
        rval.set(NullValue());
        // EXT_disjoint_timer_query_webgl2: QUERY_COUNTER_BITS_EXT of TIME_ELAPSED_EXT and
        // TIMESTAMP_EXT.
        if gl.enabled(Extension::ExtDisjointTimerQueryWebgl2)
            && matches!(target, TIME_ELAPSED_EXT | TIMESTAMP_EXT)
            && pname == QUERY_COUNTER_BITS_EXT
        {
            return rval.set(Int32Value(gl.query_counter_bits(target)));
        }
        // TIMESTAMP_EXT is a target of queryCounterEXT() only: no query of it is ever current.
        if gl.enabled(Extension::ExtDisjointTimerQueryWebgl2) && target == TIMESTAMP_EXT && pname == glow::CURRENT_QUERY
        {
            return;
        }
        let Some(slot) = gl.query_target_slot(target) else {
            return gl.error(glow::INVALID_ENUM);
        };
        if pname != glow::CURRENT_QUERY {
            return gl.error(glow::INVALID_ENUM);
        }
        slot.get().filter(|q| q.target() == Some(target)).to_jsval(cx, rval);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.12>: "a query's result must
    /// not be made available until control has returned to the user agent's main loop".
    fn GetQueryParameter(&self, _cx: &mut JSContext, query: &WebGLQuery, pname: u32, rval: MutableHandleValue) {
        self.base.get_query_parameter(query, pname, rval)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.13>
    fn CreateSampler(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLSampler>> {
        if self.base.is_lost() {
            // WebGL objects are made even while the context is lost; this one belongs to no
            // context, so it is invalid everywhere (`loss.rs`).
            return Some(WebGLSampler::new(cx, &self.base.window(), NO_CONTEXT, glow::NativeSampler(PLACEHOLDER_NAME)));
        }
        let gl = &*self.base;
        let name = gl_query!(gl, move |g| g.create_sampler().ok())??;
        let sampler = WebGLSampler::new(cx, &gl.window(), gl.id(), name);
        // SAFETY: run on the WebGL thread with this context current; `name` is an object of it.
        sampler.object().set_release(gl.releaser(name, |g, name| unsafe { g.delete_sampler(name) }));
        Some(sampler)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.13>: unbound from every unit.
    fn DeleteSampler(&self, _cx: &mut JSContext, sampler: Option<&WebGLSampler>) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let Some(sampler) = sampler else { return };
        if !gl.begin_delete(sampler) {
            return;
        }
        for unit in gl.texture_units.iter() {
            if unit.sampler.get().is_some_and(|s| std::ptr::eq(&*s, sampler)) {
                unit.sampler.set(None);
            }
        }
        let name = sampler.name();
        gl_run!(gl, move |g| g.delete_sampler(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.13>
    fn IsSampler(&self, _cx: &mut JSContext, sampler: Option<&WebGLSampler>) -> bool {
        return_if_lost!(self.base);
        self.base.owns_live(sampler)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.13>
    fn BindSampler(&self, _cx: &mut JSContext, unit: u32, sampler: Option<&WebGLSampler>) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let Some(slot) = gl.texture_units.get(unit as usize) else {
            return gl.error(glow::INVALID_VALUE);
        };
        if let Some(sampler) = sampler
            && !gl.check_bindable(sampler)
        {
            return;
        }
        slot.sampler.set(sampler);
        let name = sampler.map(|s| s.name());
        gl_run!(gl, move |g| g.bind_sampler(unit, name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.13>
    fn SamplerParameteri(&self, _cx: &mut JSContext, sampler: &WebGLSampler, pname: u32, param: i32) {
        return_if_lost!(self.base);
        self.sampler_parameter(sampler, pname, param as f32, Some(param));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.13>
    fn SamplerParameterf(&self, _cx: &mut JSContext, sampler: &WebGLSampler, pname: u32, param: f32) {
        return_if_lost!(self.base);
        self.sampler_parameter(sampler, pname, param, None);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.13>
    fn GetSamplerParameter(
        &self,
        _cx: &mut JSContext,
        sampler: &WebGLSampler,
        pname: u32,
        mut rval: MutableHandleValue,
    ) {
        return_if_lost!(self.base, rval);
        let gl = &*self.base;
        rval.set(NullValue());
        if !gl.check_object(sampler) {
            return;
        }
        let name = sampler.name();
        match sampler_pname(pname) {
            None => gl.error(glow::INVALID_ENUM),
            Some(true) => {
                let value = gl_query!(gl, move |g| g.get_sampler_parameter_f32(name, pname)).unwrap_or(0.0);
                rval.set(mozjs::jsval::DoubleValue(f64::from(value)))
            }
            Some(false) => {
                let value = gl_query!(gl, move |g| g.get_sampler_parameter_i32(name, pname)).unwrap_or(0);
                rval.set(UInt32Value(value as u32))
            }
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.14>
    fn FenceSync(&self, cx: &mut JSContext, condition: u32, flags: u32) -> Option<DomRoot<WebGLSync>> {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if condition != glow::SYNC_GPU_COMMANDS_COMPLETE {
            gl.error(glow::INVALID_ENUM);
            return None;
        }
        if flags != 0 {
            gl.error(glow::INVALID_VALUE);
            return None;
        }
        let fence = gl_query!(gl, move |g| g.fence_sync(condition, flags).ok().map(SyncHandle))??;
        let sync = WebGLSync::new(cx, &gl.window(), gl.id(), fence);
        // SAFETY: run on the WebGL thread with this context current; `fence` is an object of it.
        sync.object().set_release(gl.releaser(fence, |g, fence| unsafe { g.delete_sync(fence.0) }));
        Some(sync)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.14>
    fn IsSync(&self, _cx: &mut JSContext, sync: Option<&WebGLSync>) -> bool {
        return_if_lost!(self.base);
        self.base.owns_live(sync)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.14>
    fn DeleteSync(&self, _cx: &mut JSContext, sync: Option<&WebGLSync>) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let Some(sync) = sync else { return };
        if !gl.begin_delete(sync) {
            return;
        }
        let fence = sync.name();
        gl_run!(gl, move |g| {
            // The whole handle moves into the closure (not its raw pointer field).
            let fence = fence;
            g.delete_sync(fence.0)
        });
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.14>: never blocks
    /// (MAX_CLIENT_WAIT_TIMEOUT_WEBGL is 0); the sync is signalled at the earliest once control
    /// returned to the event loop.
    fn ClientWaitSync(&self, _cx: &mut JSContext, sync: &WebGLSync, flags: u32, timeout: u64) -> u32 {
        let gl = &*self.base;
        // [WebGLHandlesContextLoss]: WAIT_FAILED while the context is lost.
        if gl.is_lost() || !gl.check_object(sync) {
            return glow::WAIT_FAILED;
        }
        if flags & !glow::SYNC_FLUSH_COMMANDS_BIT != 0 {
            gl.error(glow::INVALID_VALUE);
            return glow::WAIT_FAILED;
        }
        if timeout > 0 {
            gl.error(glow::INVALID_OPERATION);
            return glow::WAIT_FAILED;
        }
        if self.sync_signaled(sync) { glow::ALREADY_SIGNALED } else { glow::TIMEOUT_EXPIRED }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.14>
    fn WaitSync(&self, _cx: &mut JSContext, sync: &WebGLSync, flags: u32, timeout: i64) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if !gl.check_object(sync) {
            return;
        }
        if flags != 0 || timeout != -1 {
            return gl.error(glow::INVALID_VALUE);
        }
        let fence = sync.name();
        gl_run!(gl, move |g| {
            let fence = fence;
            g.wait_sync(fence.0, 0, glow::TIMEOUT_IGNORED)
        });
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.14>
    fn GetSyncParameter(&self, _cx: &mut JSContext, sync: &WebGLSync, pname: u32, mut rval: MutableHandleValue) {
        let gl = &*self.base;
        rval.set(NullValue());
        return_if_lost!(gl);
        if !gl.check_object(sync) {
            return;
        }
        match pname {
            glow::OBJECT_TYPE => rval.set(UInt32Value(glow::SYNC_FENCE)),
            glow::SYNC_CONDITION => rval.set(UInt32Value(glow::SYNC_GPU_COMMANDS_COMPLETE)),
            glow::SYNC_FLAGS => rval.set(UInt32Value(0)),
            glow::SYNC_STATUS => {
                rval.set(UInt32Value(if self.sync_signaled(sync) { glow::SIGNALED } else { glow::UNSIGNALED }))
            }
            _ => gl.error(glow::INVALID_ENUM),
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.15>
    fn CreateTransformFeedback(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLTransformFeedback>> {
        if self.base.is_lost() {
            // WebGL objects are made even while the context is lost; this one belongs to no
            // context, so it is invalid everywhere (`loss.rs`).
            return Some(WebGLTransformFeedback::new(
                cx,
                &self.base.window(),
                NO_CONTEXT,
                glow::NativeTransformFeedback(PLACEHOLDER_NAME),
            ));
        }
        let gl = &*self.base;
        let name = gl_query!(gl, move |g| g.create_transform_feedback().ok())??;
        let object = WebGLTransformFeedback::new(cx, &gl.window(), gl.id(), name);
        // SAFETY: run on the WebGL thread with this context current; `name` is an object of it.
        object.object().set_release(gl.releaser(name, |g, name| unsafe { g.delete_transform_feedback(name) }));
        Some(object)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.15>: an active one cannot be
    /// deleted (INVALID_OPERATION); the bound one is unbound.
    fn DeleteTransformFeedback(&self, _cx: &mut JSContext, tf: Option<&WebGLTransformFeedback>) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let Some(tf) = tf else { return };
        if tf.object().context() == gl.id() && tf.state().active.get() {
            return gl.error(glow::INVALID_OPERATION);
        }
        if !gl.begin_delete(tf) {
            return;
        }
        if gl.gl2.transform_feedback.get().is_some_and(|t| std::ptr::eq(&*t, tf)) {
            gl.gl2.transform_feedback.set(None);
            gl_run!(gl, move |g| g.bind_transform_feedback(glow::TRANSFORM_FEEDBACK, None));
        }
        let name = tf.name();
        gl_run!(gl, move |g| g.delete_transform_feedback(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.15>
    fn IsTransformFeedback(&self, _cx: &mut JSContext, tf: Option<&WebGLTransformFeedback>) -> bool {
        return_if_lost!(self.base);
        self.base.owns_live(tf) && tf.is_some_and(|t| t.was_bound())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.15>: not while the bound one
    /// is active and not paused.
    fn BindTransformFeedback(&self, _cx: &mut JSContext, target: u32, tf: Option<&WebGLTransformFeedback>) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if target != glow::TRANSFORM_FEEDBACK {
            return gl.error(glow::INVALID_ENUM);
        }
        if let Some(tf) = tf
            && !gl.check_bindable(tf)
        {
            return;
        }
        if gl.gl2.with_transform_feedback(|t| t.active.get() && !t.paused.get()) {
            return gl.error(glow::INVALID_OPERATION);
        }
        if let Some(tf) = tf {
            tf.set_bound();
        }
        gl.gl2.transform_feedback.set(tf);
        let name = tf.map(|t| t.name());
        gl_run!(gl, move |g| g.bind_transform_feedback(target, name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.15>
    fn BeginTransformFeedback(&self, _cx: &mut JSContext, primitive_mode: u32) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if !matches!(primitive_mode, glow::POINTS | glow::LINES | glow::TRIANGLES) {
            return gl.error(glow::INVALID_ENUM);
        }
        let Some(program) = gl.current_program.get() else {
            return gl.error(glow::INVALID_OPERATION);
        };
        if gl.gl2.with_transform_feedback(|t| t.active.get()) {
            return gl.error(glow::INVALID_OPERATION);
        }
        gl.gl2.with_transform_feedback(|t| {
            t.active.set(true);
            t.paused.set(false);
            t.program.set(Some(&program));
        });
        gl_run!(gl, move |g| g.begin_transform_feedback(primitive_mode));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.15>
    fn EndTransformFeedback(&self, _cx: &mut JSContext) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if !gl.gl2.with_transform_feedback(|t| t.active.get()) {
            return gl.error(glow::INVALID_OPERATION);
        }
        gl.gl2.with_transform_feedback(|t| {
            t.active.set(false);
            t.paused.set(false);
            t.program.set(None);
        });
        gl_run!(gl, move |g| g.end_transform_feedback());
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.15>: takes effect at the
    /// next link.
    fn TransformFeedbackVaryings(
        &self,
        _cx: &mut JSContext,
        program: &WebGLProgram,
        varyings: Vec<DOMString>,
        buffer_mode: u32,
    ) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if !gl.check_object(program) {
            return;
        }
        if !matches!(buffer_mode, glow::INTERLEAVED_ATTRIBS | glow::SEPARATE_ATTRIBS) {
            return gl.error(glow::INVALID_ENUM);
        }
        if buffer_mode == glow::SEPARATE_ATTRIBS && varyings.len() > 4 {
            return gl.error(glow::INVALID_VALUE);
        }
        let names: Vec<String> = varyings.iter().map(|v| v.to_string()).collect();
        let p = program.name();
        gl_run!(gl, move |g| {
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            g.transform_feedback_varyings(p, &refs, buffer_mode)
        });
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.15>
    fn GetTransformFeedbackVarying(
        &self,
        cx: &mut JSContext,
        program: &WebGLProgram,
        index: u32,
    ) -> Option<DomRoot<WebGLActiveInfo>> {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if !gl.check_object(program) {
            return None;
        }
        let p = program.name();
        let varying = gl
            .call(move |g, _| {
                // SAFETY: as in `gl_run!`.
                unsafe {
                    let count = g.get_program_parameter_i32(p, glow::TRANSFORM_FEEDBACK_VARYINGS);
                    if index as i32 >= count {
                        return None;
                    }
                    g.get_transform_feedback_varying(p, index)
                }
            })
            .flatten();
        let Some(varying) = varying else {
            gl.error(glow::INVALID_VALUE);
            return None;
        };
        let variable = ActiveVariable { name: varying.name, kind: varying.tftype, size: varying.size, location: -1 };
        Some(WebGLActiveInfo::new(cx, &gl.window(), &variable))
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.15>
    fn PauseTransformFeedback(&self, _cx: &mut JSContext) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if !gl.gl2.with_transform_feedback(|t| t.active.get() && !t.paused.get()) {
            return gl.error(glow::INVALID_OPERATION);
        }
        gl.gl2.with_transform_feedback(|t| t.paused.set(true));
        gl_run!(gl, move |g| g.pause_transform_feedback());
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.15>
    fn ResumeTransformFeedback(&self, _cx: &mut JSContext) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if !gl.gl2.with_transform_feedback(|t| t.active.get() && t.paused.get()) {
            return gl.error(glow::INVALID_OPERATION);
        }
        gl.gl2.with_transform_feedback(|t| t.paused.set(false));
        gl_run!(gl, move |g| g.resume_transform_feedback());
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.16>
    fn BindBufferBase(&self, _cx: &mut JSContext, target: u32, index: u32, buffer: Option<&WebGLBuffer>) {
        return_if_lost!(self.base);
        self.bind_buffer_range(target, index, buffer, 0, 0, false);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.16>
    fn BindBufferRange(
        &self,
        _cx: &mut JSContext,
        target: u32,
        index: u32,
        buffer: Option<&WebGLBuffer>,
        offset: i64,
        size: i64,
    ) {
        return_if_lost!(self.base);
        self.bind_buffer_range(target, index, buffer, offset, size, true);
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.16>: the buffer (or, for the
    /// _START and _SIZE names, the range) bound at `index`.
    fn GetIndexedParameter(&self, cx: &mut JSContext, target: u32, index: u32, mut rval: MutableHandleValue) {
        return_if_lost!(self.base, rval);
        let gl = &*self.base;
        rval.set(NullValue());
        let answer = |bindings: &[super::objects::IndexedBinding], rval: MutableHandleValue, cx: &mut JSContext| {
            let Some(binding) = bindings.get(index as usize) else {
                gl.error(glow::INVALID_VALUE);
                return;
            };
            let mut rval = rval;
            match target {
                glow::UNIFORM_BUFFER_BINDING | glow::TRANSFORM_FEEDBACK_BUFFER_BINDING => {
                    binding.buffer.get().to_jsval(cx, rval)
                }
                glow::UNIFORM_BUFFER_START | glow::TRANSFORM_FEEDBACK_BUFFER_START => {
                    rval.set(mozjs::jsval::DoubleValue(binding.range.get().0 as f64))
                }
                _ => rval.set(mozjs::jsval::DoubleValue(binding.range.get().1 as f64)),
            }
        };
        match target {
            glow::UNIFORM_BUFFER_BINDING | glow::UNIFORM_BUFFER_START | glow::UNIFORM_BUFFER_SIZE => {
                answer(&gl.gl2.uniform_bindings, rval, cx)
            }
            glow::TRANSFORM_FEEDBACK_BUFFER_BINDING
            | glow::TRANSFORM_FEEDBACK_BUFFER_START
            | glow::TRANSFORM_FEEDBACK_BUFFER_SIZE => gl.gl2.with_transform_feedback(|t| answer(&t.buffers, rval, cx)),
            // OES_draw_buffers_indexed: each draw buffer's blend state and colour mask.
            glow::BLEND_EQUATION_RGB
            | glow::BLEND_EQUATION_ALPHA
            | glow::BLEND_SRC_RGB
            | glow::BLEND_SRC_ALPHA
            | glow::BLEND_DST_RGB
            | glow::BLEND_DST_ALPHA
            | glow::COLOR_WRITEMASK
                if gl.enabled(super::extensions::Extension::OesDrawBuffersIndexed) =>
            {
                if index >= gl.limits.max_draw_buffers {
                    return gl.error(glow::INVALID_VALUE);
                }
                if target == glow::COLOR_WRITEMASK {
                    let mask = gl.gl2.color_masks.get(index as usize).map_or([true; 4], std::cell::Cell::get);
                    mask.to_vec().to_jsval(cx, rval);
                    return;
                }
                let value = gl_query!(gl, move |g| g.get_parameter_indexed_i32(target, index)).unwrap_or(0);
                rval.set(mozjs::jsval::UInt32Value(value as u32));
            }
            _ => gl.error(glow::INVALID_ENUM),
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.16>
    fn GetUniformIndices(
        &self,
        _cx: &mut JSContext,
        program: &WebGLProgram,
        uniform_names: Vec<DOMString>,
    ) -> Option<Vec<u32>> {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if !gl.check_object(program) {
            return None;
        }
        if !program.is_linked() {
            gl.error(glow::INVALID_OPERATION);
            return None;
        }
        let names: Vec<String> = uniform_names.iter().map(|n| n.to_string()).collect();
        let p = program.name();
        gl_query!(gl, move |g| {
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            g.get_uniform_indices(p, &refs).into_iter().map(|i| i.unwrap_or(glow::INVALID_INDEX)).collect()
        })
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.16>: one value per index, in
    /// the type of `pname` (GLenum, GLint or GLboolean).
    fn GetActiveUniforms(
        &self,
        cx: &mut JSContext,
        program: &WebGLProgram,
        uniform_indices: Vec<u32>,
        pname: u32,
        mut rval: MutableHandleValue,
    ) {
        return_if_lost!(self.base, rval);
        let gl = &*self.base;
        rval.set(NullValue());
        if !gl.check_object(program) {
            return;
        }
        if !matches!(
            pname,
            glow::UNIFORM_TYPE
                | glow::UNIFORM_SIZE
                | glow::UNIFORM_BLOCK_INDEX
                | glow::UNIFORM_OFFSET
                | glow::UNIFORM_ARRAY_STRIDE
                | glow::UNIFORM_MATRIX_STRIDE
                | glow::UNIFORM_IS_ROW_MAJOR
        ) {
            return gl.error(glow::INVALID_ENUM);
        }
        let count = program.linked().map_or(0, |l| l.uniforms.len());
        if uniform_indices.iter().any(|i| *i as usize >= count) {
            return gl.error(glow::INVALID_VALUE);
        }
        let p = program.name();
        let values =
            gl_query!(gl, move |g| g.get_active_uniforms_parameter(p, &uniform_indices, pname)).unwrap_or_default();
        match pname {
            glow::UNIFORM_TYPE => values.iter().map(|v| *v as u32).collect::<Vec<u32>>().to_jsval(cx, rval),
            glow::UNIFORM_IS_ROW_MAJOR => values.iter().map(|v| *v != 0).collect::<Vec<bool>>().to_jsval(cx, rval),
            _ => values.to_jsval(cx, rval),
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.16>
    fn GetUniformBlockIndex(&self, _cx: &mut JSContext, program: &WebGLProgram, uniform_block_name: DOMString) -> u32 {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if !gl.check_object(program) {
            return glow::INVALID_INDEX;
        }
        let (p, name) = (program.name(), uniform_block_name.to_string());
        gl_query!(gl, move |g| g.get_uniform_block_index(p, &name)).flatten().unwrap_or(glow::INVALID_INDEX)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.16>
    fn GetActiveUniformBlockParameter(
        &self,
        cx: &mut JSContext,
        program: &WebGLProgram,
        uniform_block_index: u32,
        pname: u32,
        mut rval: MutableHandleValue,
    ) {
        return_if_lost!(self.base, rval);
        let gl = &*self.base;
        rval.set(NullValue());
        if !gl.check_object(program) {
            return;
        }
        if !matches!(
            pname,
            glow::UNIFORM_BLOCK_BINDING
                | glow::UNIFORM_BLOCK_DATA_SIZE
                | glow::UNIFORM_BLOCK_ACTIVE_UNIFORMS
                | glow::UNIFORM_BLOCK_ACTIVE_UNIFORM_INDICES
                | glow::UNIFORM_BLOCK_REFERENCED_BY_VERTEX_SHADER
                | glow::UNIFORM_BLOCK_REFERENCED_BY_FRAGMENT_SHADER
        ) {
            return gl.error(glow::INVALID_ENUM);
        }
        let p = program.name();
        let answer = gl.call(move |g, _| {
            // SAFETY: as in `gl_run!`; the index list is sized by GL's own count.
            unsafe {
                let blocks = g.get_program_parameter_i32(p, glow::ACTIVE_UNIFORM_BLOCKS);
                if uniform_block_index as i32 >= blocks {
                    return None;
                }
                if pname == glow::UNIFORM_BLOCK_ACTIVE_UNIFORM_INDICES {
                    let n = g.get_active_uniform_block_parameter_i32(
                        p,
                        uniform_block_index,
                        glow::UNIFORM_BLOCK_ACTIVE_UNIFORMS,
                    );
                    let mut out = vec![0i32; n.max(0) as usize];
                    g.get_active_uniform_block_parameter_i32_slice(p, uniform_block_index, pname, &mut out);
                    Some(out)
                } else {
                    Some(vec![g.get_active_uniform_block_parameter_i32(p, uniform_block_index, pname)])
                }
            }
        });
        let Some(Some(values)) = answer else {
            return gl.error(glow::INVALID_VALUE);
        };
        let first = values.first().copied().unwrap_or(0);
        match pname {
            glow::UNIFORM_BLOCK_ACTIVE_UNIFORM_INDICES => {
                crate::dom::bindings::conversions::new_typed_array_u32(
                    cx,
                    &values.iter().map(|v| *v as u32).collect::<Vec<_>>(),
                    rval,
                );
            }
            glow::UNIFORM_BLOCK_REFERENCED_BY_VERTEX_SHADER | glow::UNIFORM_BLOCK_REFERENCED_BY_FRAGMENT_SHADER => {
                rval.set(BooleanValue(first != 0))
            }
            _ => rval.set(UInt32Value(first as u32)),
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.16>
    fn GetActiveUniformBlockName(
        &self,
        _cx: &mut JSContext,
        program: &WebGLProgram,
        uniform_block_index: u32,
    ) -> Option<DOMString> {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if !gl.check_object(program) {
            return None;
        }
        if !program.is_linked() {
            gl.error(glow::INVALID_OPERATION);
            return None;
        }
        let p = program.name();
        let name = gl_query!(gl, move |g| {
            let blocks = g.get_program_parameter_i32(p, glow::ACTIVE_UNIFORM_BLOCKS);
            (uniform_block_index as i32) < blocks
        })
        .unwrap_or(false)
        .then(|| gl_query!(gl, move |g| g.get_active_uniform_block_name(p, uniform_block_index)))
        .flatten();
        match name {
            Some(name) => Some(DOMString::from(name.as_str())),
            None => {
                gl.error(glow::INVALID_VALUE);
                None
            }
        }
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.16>
    fn UniformBlockBinding(
        &self,
        _cx: &mut JSContext,
        program: &WebGLProgram,
        uniform_block_index: u32,
        uniform_block_binding: u32,
    ) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if !gl.check_object(program) {
            return;
        }
        if uniform_block_binding as usize >= gl.gl2.uniform_bindings.len() {
            return gl.error(glow::INVALID_VALUE);
        }
        let p = program.name();
        gl_run!(gl, move |g| g.uniform_block_binding(p, uniform_block_index, uniform_block_binding));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.17>
    fn CreateVertexArray(&self, cx: &mut JSContext) -> Option<DomRoot<WebGLVertexArrayObject>> {
        if self.base.is_lost() {
            // WebGL objects are made even while the context is lost; this one belongs to no
            // context, so it is invalid everywhere (`loss.rs`).
            return Some(WebGLVertexArrayObject::new(
                cx,
                &self.base.window(),
                NO_CONTEXT,
                glow::NativeVertexArray(PLACEHOLDER_NAME),
                self.base.default_vao.attribs.len(),
            ));
        }
        let gl = &*self.base;
        let name = gl_query!(gl, move |g| g.create_vertex_array().ok())??;
        let object = WebGLVertexArrayObject::new(cx, &gl.window(), gl.id(), name, gl.default_vao.attribs.len());
        // SAFETY: run on the WebGL thread with this context current; `name` is an object of it.
        object.object().set_release(gl.releaser(name, |g, name| unsafe { g.delete_vertex_array(name) }));
        Some(object)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.17>: deleting the bound one
    /// binds the default vertex array.
    fn DeleteVertexArray(&self, cx: &mut JSContext, vertex_array: Option<&WebGLVertexArrayObject>) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let Some(array) = vertex_array else { return };
        if !gl.begin_delete(array) {
            return;
        }
        if gl.bound_vertex_array().is_some_and(|v| std::ptr::eq(&*v, array)) {
            self.BindVertexArray(cx, None);
        }
        let name = array.name();
        gl_run!(gl, move |g| g.delete_vertex_array(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.17>
    fn IsVertexArray(&self, _cx: &mut JSContext, vertex_array: Option<&WebGLVertexArrayObject>) -> bool {
        return_if_lost!(self.base);
        self.base.owns_live(vertex_array) && vertex_array.is_some_and(|v| v.was_bound())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.17>
    fn BindVertexArray(&self, _cx: &mut JSContext, array: Option<&WebGLVertexArrayObject>) {
        return_if_lost!(self.base);
        let gl = &*self.base;
        if let Some(array) = array {
            if !gl.check_bindable(array) {
                return;
            }
            array.set_bound();
        }
        gl.gl2.vertex_array.set(array);
        let name = array.map(|a| a.name());
        gl_run!(gl, move |g| g.bind_vertex_array(name));
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.3>: `bufferData(target, size,
    /// usage)`, `(target, srcData, usage)` or `(target, srcData, usage, srcOffset, length)`.
    fn BufferData(
        &self,
        cx: &mut JSContext,
        target: u32,
        size_or_data: HandleValue,
        usage: u32,
        src_offset: Option<u64>,
        length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let Some(src_offset) = src_offset else {
            if gl.bound_buffer(target).ok().flatten().is_some_and(|b| gl.in_active_transform_feedback(&b)) {
                gl.error(glow::INVALID_OPERATION);
                return Ok(());
            }
            return WebGLRenderingContextMethods::BufferData(gl, cx, target, size_or_data, usage);
        };
        if !is_array_buffer_view(size_or_data) {
            return Err(Error::Type("bufferData: srcData is not an ArrayBufferView.".into()));
        }
        let Some(bytes) = self.view_range(cx, size_or_data, src_offset, length) else { return Ok(()) };
        let Some(buffer) = gl.buffer_for_data(target, usage) else { return Ok(()) };
        if gl.in_active_transform_feedback(&buffer) {
            gl.error(glow::INVALID_OPERATION);
            return Ok(());
        }
        buffer.set_data(bytes.len() as i64, usage, Some(&bytes));
        gl_run!(gl, move |g| g.buffer_data_u8_slice(target, &bytes, usage));
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.3>
    fn BufferSubData(
        &self,
        cx: &mut JSContext,
        target: u32,
        dst_byte_offset: i64,
        src_data: HandleObject,
        src_offset: Option<u64>,
        length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let gl = &*self.base;
        rooted!(&in(cx) let value = ObjectValue(src_data.get()));
        let bytes = match src_offset {
            None if is_array_buffer(value.handle()) || is_array_buffer_view(value.handle()) => {
                match crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBuffer::from_jsval(
                    cx,
                    value.handle(),
                    (),
                ) {
                    Ok(Ok(crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBuffer::ArrayBufferView(v))) => {
                        v.0
                    }
                    Ok(Ok(crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBuffer::ArrayBuffer(b))) => b.0,
                    Ok(Err(failure)) => return Err(Error::Type(failure.describe("srcData"))),
                    Err(()) => return Err(Error::JSFailed),
                }
            }
            None => return Err(Error::Type("bufferSubData: srcData is not a BufferSource.".into())),
            Some(offset) => {
                if !is_array_buffer_view(value.handle()) {
                    return Err(Error::Type("bufferSubData: srcData is not an ArrayBufferView.".into()));
                }
                match self.view_range(cx, value.handle(), offset, length) {
                    Some(bytes) => bytes,
                    None => return Ok(()),
                }
            }
        };
        let Some(buffer) = gl.buffer_at(target) else { return Ok(()) };
        if dst_byte_offset < 0 || dst_byte_offset + bytes.len() as i64 > buffer.size() {
            gl.error(glow::INVALID_VALUE);
            return Ok(());
        }
        buffer.set_sub_data(dst_byte_offset as usize, &bytes);
        let offset = dst_byte_offset as i32;
        gl_run!(gl, move |g| g.buffer_sub_data_u8_slice(target, offset, &bytes));
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>: the WebGL 1.0 form from a
    /// DOM image source (its own size).
    fn TexImage2D(
        &self,
        _cx: &mut JSContext,
        target: u32,
        level: i32,
        internalformat: i32,
        format: u32,
        type_: u32,
        source: TexImageSource,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.base.tex_image_2d2(target, level, internalformat, -1, -1, 0, format, type_, UploadSource::Image(source))
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>: from client memory (or
    /// zeros), a PBO or a DOM image source.
    fn TexImage2D_(
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
        source: HandleValue,
        src_offset: Option<u64>,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let source = self.base.upload_source(cx, source, src_offset, type_)?;
        self.base.tex_image_2d2(target, level, internalformat, width, height, border, format, type_, source)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>: the WebGL 1.0 form from a
    /// DOM image source.
    fn TexSubImage2D(
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
        return_if_lost!(self.base);
        self.base.tex_sub_image_2d2(target, level, xoffset, yoffset, -1, -1, format, type_, UploadSource::Image(source))
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>
    fn TexSubImage2D_(
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
        source: HandleValue,
        src_offset: Option<u64>,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let source = self.base.upload_source(cx, source, src_offset, type_)?;
        self.base.tex_sub_image_2d2(target, level, xoffset, yoffset, width, height, format, type_, source)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>: from an ArrayBufferView
    /// (`srcOffset`, `srcLengthOverride`) or from the PIXEL_UNPACK_BUFFER (`imageSize`,
    /// `offset`); the checks are in `compressed.rs`.
    fn CompressedTexImage2D(
        &self,
        cx: &mut JSContext,
        target: u32,
        level: i32,
        internalformat: u32,
        width: i32,
        height: i32,
        border: i32,
        data: HandleValue,
        src_offset_or_offset: HandleValue,
        src_length_override: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let Some(data) = self.compressed_source(cx, data, src_offset_or_offset, src_length_override)? else {
            return Ok(());
        };
        let region = Region { target, level, offset: (0, 0, 0), size: (width, height, 1), three_d: false };
        self.base.compressed_image(region, internalformat, border, data);
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>: as `compressedTexImage2D()`.
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
        data: HandleValue,
        src_offset_or_offset: HandleValue,
        src_length_override: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let Some(data) = self.compressed_source(cx, data, src_offset_or_offset, src_length_override)? else {
            return Ok(());
        };
        let region = Region { target, level, offset: (xoffset, yoffset, 0), size: (width, height, 1), three_d: false };
        self.base.compressed_sub_image(region, format, data);
        Ok(())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform1fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_fv(cx, location, data, src_offset, src_length, 1)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform2fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_fv(cx, location, data, src_offset, src_length, 2)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform3fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_fv(cx, location, data, src_offset, src_length, 3)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform4fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_fv(cx, location, data, src_offset, src_length, 4)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform1iv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_iv(cx, location, data, src_offset, src_length, 1)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform2iv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_iv(cx, location, data, src_offset, src_length, 2)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform3iv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_iv(cx, location, data, src_offset, src_length, 3)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn Uniform4iv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_iv(cx, location, data, src_offset, src_length, 4)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn UniformMatrix2fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_matrix(cx, location, transpose, data, src_offset, src_length, 2, 2)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn UniformMatrix3fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_matrix(cx, location, transpose, data, src_offset, src_length, 3, 3)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.8>
    fn UniformMatrix4fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        self.uniform_matrix(cx, location, transpose, data, src_offset, src_length, 4, 4)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.10>: into client memory (from
    /// `dstOffset`, in elements, with the pack parameters) or into the PIXEL_PACK_BUFFER.
    fn ReadPixels(
        &self,
        cx: &mut JSContext,
        x: i32,
        y: i32,
        width: i32,
        height: i32,
        format: u32,
        type_: u32,
        dst: HandleValue,
        dst_offset: Option<u64>,
    ) -> Fallible<()> {
        return_if_lost!(self.base);
        let gl = &*self.base;
        let pixels_object = if is_array_buffer_view(dst) {
            Some(dst.get().to_object())
        } else if dst_offset.is_some() {
            return Err(Error::Type("readPixels: dstData is not an ArrayBufferView.".into()));
        } else if dst.get().is_null() || dst.get().is_undefined() {
            None
        } else if dst.get().is_object() {
            return Err(Error::Type("readPixels: dstData is not an ArrayBufferView.".into()));
        } else {
            let offset = match i64::from_jsval(cx, dst, IntConversion::Default) {
                Ok(Ok(offset)) => offset,
                Ok(Err(failure)) => return Err(Error::Type(failure.describe("The offset"))),
                Err(()) => return Err(Error::JSFailed),
            };
            self.read_pixels_to_buffer(x, y, width, height, format, type_, offset);
            return Ok(());
        };
        if gl.gl2.pixel_pack_buffer.get().is_some() {
            gl.error(glow::INVALID_OPERATION);
            return Ok(());
        }
        let Some(object) = pixels_object else {
            gl.error(glow::INVALID_VALUE);
            return Ok(());
        };
        rooted!(&in(cx) let object = object);
        self.read_pixels_to_view(cx, x, y, width, height, format, type_, object.handle(), dst_offset.unwrap_or(0));
        Ok(())
    }
}

impl WebGL2RenderingContext {
    fn uniform_u32s(&self, location: Option<&WebGLUniformLocation>, values: Vec<u32>, n: usize) {
        let gl = &*self.base;
        let Some(loc) = gl.uniform_location(location) else { return };
        if values.is_empty() || !values.len().is_multiple_of(n) {
            return gl.error(glow::INVALID_VALUE);
        }
        gl_run!(gl, move |g| match n {
            1 => g.uniform_1_u32_slice(Some(&loc), &values),
            2 => g.uniform_2_u32_slice(Some(&loc), &values),
            3 => g.uniform_3_u32_slice(Some(&loc), &values),
            _ => g.uniform_4_u32_slice(Some(&loc), &values),
        });
    }

    fn uniform_uiv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
        n: usize,
    ) -> Fallible<()> {
        let values = uint_list(cx, data)?;
        match sub_list(values, src_offset, src_length) {
            Some(values) => self.uniform_u32s(location, values, n),
            None => self.base.error(glow::INVALID_VALUE),
        }
        Ok(())
    }

    fn uniform_fv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
        n: usize,
    ) -> Fallible<()> {
        let values = float_list(cx, data)?;
        match sub_list(values, src_offset, src_length) {
            Some(values) => self.base.uniform_f32s(location, values, n),
            None => self.base.error(glow::INVALID_VALUE),
        }
        Ok(())
    }

    fn uniform_iv(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
        n: usize,
    ) -> Fallible<()> {
        let values = int_list(cx, data)?;
        match sub_list(values, src_offset, src_length) {
            Some(values) => self.base.uniform_i32s(location, values, n),
            None => self.base.error(glow::INVALID_VALUE),
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn uniform_matrix(
        &self,
        cx: &mut JSContext,
        location: Option<&WebGLUniformLocation>,
        transpose: bool,
        data: HandleValue,
        src_offset: u64,
        src_length: u32,
        cols: usize,
        rows: usize,
    ) -> Fallible<()> {
        let values = float_list(cx, data)?;
        match sub_list(values, src_offset, src_length) {
            Some(values) => self.base.uniform_matrix_values(location, transpose, values, cols, rows),
            None => self.base.error(glow::INVALID_VALUE),
        }
        Ok(())
    }

    /// `vertexAttribI4*()`: an integer generic attribute value.
    fn vertex_attrib_int(&self, index: u32, values: [i32; 4], unsigned: bool) {
        let gl = &*self.base;
        let Some(slot) = gl.gl2.current_attrib_ints.get(index as usize) else {
            return gl.error(glow::INVALID_VALUE);
        };
        slot.set(Some((values, unsigned)));
        if unsigned {
            let v = values.map(|v| v as u32);
            gl_run!(gl, move |g| g.vertex_attrib_4_u32(index, v[0], v[1], v[2], v[3]));
        } else {
            gl_run!(gl, move |g| g.vertex_attrib_4_i32(index, values[0], values[1], values[2], values[3]));
        }
    }

    /// The values of `clearBuffer*v()`: a valid `buffer`, and at least `needed` values from
    /// `srcOffset`.
    fn clear_values<T: Copy>(
        &self,
        buffer: u32,
        allowed: &[u32],
        values: Vec<T>,
        src_offset: u64,
        needed: usize,
        drawbuffer: i32,
        kind: super::gl2::ColorKind,
    ) -> Option<Vec<T>> {
        if !allowed.contains(&buffer) {
            self.base.error(glow::INVALID_ENUM);
            return None;
        }
        // "If the type of the buffer does not match the function, INVALID_OPERATION"
        // (<https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.11>): the drawing buffer
        // is normalized; a framebuffer object's draw buffer has its attachment's format.
        if buffer == glow::COLOR {
            let held = match self.base.framebuffer.get() {
                None => super::gl2::ColorKind::Float,
                Some(framebuffer) => {
                    let attachment = framebuffer.draw_buffer(drawbuffer.max(0) as usize);
                    let format = if attachment == glow::NONE { 0 } else { framebuffer.attached_format(attachment) };
                    if format == 0 { kind } else { super::gl2::color_kind(format) }
                }
            };
            if held != kind {
                self.base.error(glow::INVALID_OPERATION);
                return None;
            }
        }
        let offset = usize::try_from(src_offset).ok()?;
        if offset.checked_add(needed).is_none_or(|end| end > values.len()) {
            self.base.error(glow::INVALID_VALUE);
            return None;
        }
        Some(values[offset..offset + needed].to_vec())
    }

    fn sampler_parameter(&self, sampler: &WebGLSampler, pname: u32, value: f32, int: Option<i32>) {
        let gl = &*self.base;
        if !gl.check_object(sampler) {
            return;
        }
        let name = sampler.name();
        match sampler_pname(pname) {
            None => gl.error(glow::INVALID_ENUM),
            Some(true) => gl_run!(gl, move |g| g.sampler_parameter_f32(name, pname, value)),
            Some(false) => {
                let value = int.unwrap_or(value as i32);
                if matches!(pname, glow::TEXTURE_WRAP_S | glow::TEXTURE_WRAP_T | glow::TEXTURE_WRAP_R)
                    && !gl.wrap_allowed(value as u32)
                {
                    return gl.error(glow::INVALID_ENUM);
                }
                gl_run!(gl, move |g| g.sampler_parameter_i32(name, pname, value))
            }
        }
    }

    /// Whether `sync` is signalled: never before control returned to the event loop once after
    /// it was made, then as GL says.
    fn sync_signaled(&self, sync: &WebGLSync) -> bool {
        if sync.signaled() {
            return true;
        }
        if crate::script_runtime::checkpoints() <= sync.made_at() {
            return false;
        }
        let fence = sync.name();
        let status = gl_query!(self.base, move |g| {
            let fence = fence;
            g.get_sync_status(fence.0)
        })
        .unwrap_or(glow::UNSIGNALED);
        if status == glow::SIGNALED {
            sync.set_signaled();
        }
        status == glow::SIGNALED
    }

    /// `bindBufferBase()`/`bindBufferRange()` (the range checked when `ranged`).
    fn bind_buffer_range(
        &self,
        target: u32,
        index: u32,
        buffer: Option<&WebGLBuffer>,
        offset: i64,
        size: i64,
        ranged: bool,
    ) {
        let gl = &*self.base;
        let (generic, alignment) = match target {
            glow::UNIFORM_BUFFER => (&gl.gl2.uniform_buffer, 256),
            glow::TRANSFORM_FEEDBACK_BUFFER => (&gl.gl2.transform_feedback_buffer, 4),
            _ => return gl.error(glow::INVALID_ENUM),
        };
        if let Some(buffer) = buffer
            && (!gl.check_bindable(buffer) || !gl.check_buffer_type(buffer, target))
        {
            return;
        }
        if target == glow::TRANSFORM_FEEDBACK_BUFFER && gl.gl2.with_transform_feedback(|t| t.active.get()) {
            return gl.error(glow::INVALID_OPERATION);
        }
        if ranged
            && buffer.is_some()
            && (offset < 0
                || size <= 0
                || (target == glow::TRANSFORM_FEEDBACK_BUFFER && (offset % alignment != 0 || size % 4 != 0)))
        {
            return gl.error(glow::INVALID_VALUE);
        }
        let set = |bindings: &[super::objects::IndexedBinding]| match bindings.get(index as usize) {
            Some(binding) => {
                binding.buffer.set(buffer);
                binding.range.set(if ranged { (offset, size) } else { (0, 0) });
                true
            }
            None => false,
        };
        let ok = if target == glow::UNIFORM_BUFFER {
            set(&gl.gl2.uniform_bindings)
        } else {
            gl.gl2.with_transform_feedback(|t| set(&t.buffers))
        };
        if !ok {
            return gl.error(glow::INVALID_VALUE);
        }
        generic.set(buffer);
        let name = buffer.map(|b| b.name());
        if ranged && buffer.is_some() {
            let (offset, size) = (offset as i32, size as i32);
            gl_run!(gl, move |g| g.bind_buffer_range(target, index, name, offset, size));
        } else {
            gl_run!(gl, move |g| g.bind_buffer_base(target, index, name));
        }
    }

    /// The bytes of an ArrayBufferView from element `src_offset`, `length` elements (0: to the
    /// end), or `None` with INVALID_VALUE recorded when the range runs past the view.
    /// The data of a compressed upload, as WebIDL would resolve the overloads: an
    /// ArrayBufferView with `srcOffset` and `srcLengthOverride` (in elements; INVALID_VALUE past
    /// its end), or `imageSize` and `offset` into the PIXEL_UNPACK_BUFFER. A view while a
    /// PIXEL_UNPACK_BUFFER is bound, or an offset while none is, is INVALID_OPERATION; `None`
    /// when an error was recorded.
    fn compressed_source(
        &self,
        cx: &mut JSContext,
        data: HandleValue,
        src_offset_or_offset: HandleValue,
        src_length_override: u32,
    ) -> Fallible<Option<CompressedData>> {
        let gl = &*self.base;
        let pbo_bound = gl.gl2.pixel_unpack_buffer.get().is_some();
        if is_array_buffer_view(data) {
            let src_offset = if src_offset_or_offset.get().is_undefined() {
                0
            } else {
                match u64::from_jsval(cx, src_offset_or_offset, IntConversion::Default) {
                    Ok(Ok(offset)) => offset,
                    Ok(Err(failure)) => return Err(Error::Type(failure.describe("srcOffset"))),
                    Err(()) => return Err(Error::JSFailed),
                }
            };
            if pbo_bound {
                gl.error(glow::INVALID_OPERATION);
                return Ok(None);
            }
            return Ok(self.view_range(cx, data, src_offset, src_length_override).map(CompressedData::Bytes));
        }
        // The PIXEL_UNPACK_BUFFER form takes both numbers; with one argument fewer only the
        // ArrayBufferView form matches, whose conversion fails.
        if src_offset_or_offset.get().is_undefined() || data.get().is_object() || data.get().is_null() {
            return Err(Error::Type("The data is not an ArrayBufferView.".into()));
        }
        let size = match i32::from_jsval(cx, data, IntConversion::Default) {
            Ok(Ok(size)) => size,
            Ok(Err(failure)) => return Err(Error::Type(failure.describe("imageSize"))),
            Err(()) => return Err(Error::JSFailed),
        };
        let offset = match i64::from_jsval(cx, src_offset_or_offset, IntConversion::Default) {
            Ok(Ok(offset)) => offset,
            Ok(Err(failure)) => return Err(Error::Type(failure.describe("offset"))),
            Err(()) => return Err(Error::JSFailed),
        };
        if !pbo_bound {
            gl.error(glow::INVALID_OPERATION);
            return Ok(None);
        }
        if offset < 0 || size < 0 {
            gl.error(glow::INVALID_VALUE);
            return Ok(None);
        }
        Ok(Some(CompressedData::Pbo { offset, size }))
    }

    fn view_range(&self, cx: &mut JSContext, value: HandleValue, src_offset: u64, length: u32) -> Option<Vec<u8>> {
        let element = view_element_size(value) as u64;
        rooted!(&in(cx) let object = value.get().to_object());
        let bytes = with_view_bytes_mut(object.handle(), |bytes| {
            let count = bytes.len() as u64 / element;
            if src_offset > count {
                return None;
            }
            let n = if length == 0 { count - src_offset } else { u64::from(length) };
            if src_offset + n > count {
                return None;
            }
            Some(bytes[(src_offset * element) as usize..((src_offset + n) * element) as usize].to_vec())
        });
        if bytes.is_none() {
            self.base.error(glow::INVALID_VALUE);
        }
        bytes
    }

    /// The format and type checks of `readPixels()` in WebGL 2.0; the bytes per pixel.
    fn read_format(&self, format: u32, type_: u32) -> Option<usize> {
        let gl = &*self.base;
        let Some(bpp) = pixels::bytes_per_pixel2(format, type_) else {
            gl.error(glow::INVALID_ENUM);
            return None;
        };
        if matches!(format, pixels::DEPTH_COMPONENT | pixels::DEPTH_STENCIL) {
            gl.error(glow::INVALID_ENUM);
            return None;
        }
        Some(bpp)
    }

    /// `readPixels()` into the PIXEL_PACK_BUFFER at `offset`.
    #[allow(clippy::too_many_arguments)]
    fn read_pixels_to_buffer(&self, x: i32, y: i32, width: i32, height: i32, format: u32, type_: u32, offset: i64) {
        let gl = &*self.base;
        let Some(pbo) = gl.gl2.pixel_pack_buffer.get() else {
            return gl.error(glow::INVALID_OPERATION);
        };
        let Some(bpp) = self.read_format(format, type_) else { return };
        if width < 0 || height < 0 || offset < 0 {
            return gl.error(glow::INVALID_VALUE);
        }
        if !gl.can_read() {
            return;
        }
        let store = gl.pixel_store.get();
        let store2 = gl.gl2.pixel_store.get();
        let l = layout(
            width as usize,
            height as usize,
            1,
            bpp,
            store.pack_alignment as usize,
            store2.pack_row_length,
            0,
            (store2.pack_skip_pixels, store2.pack_skip_rows, 0),
        );
        if offset as u64 + l.needed as u64 > pbo.size() as u64 {
            return gl.error(glow::INVALID_OPERATION);
        }
        let from_default = gl.read_framebuffer().is_none();
        gl.enqueue(Box::new(move |g: &glow::Context, buffer: &mut dyn DrawingBuffer| {
            if from_default {
                buffer.begin_read(g);
            }
            // SAFETY: GL writes into the bound pack buffer, whose size was checked above (and GL
            // checks again).
            unsafe {
                g.pixel_store_i32(glow::PACK_ALIGNMENT, store.pack_alignment);
                g.pixel_store_i32(glow::PACK_ROW_LENGTH, store2.pack_row_length);
                g.pixel_store_i32(glow::PACK_SKIP_PIXELS, store2.pack_skip_pixels);
                g.pixel_store_i32(glow::PACK_SKIP_ROWS, store2.pack_skip_rows);
                g.read_pixels(x, y, width, height, format, type_, PixelPackData::BufferOffset(offset as u32));
                g.pixel_store_i32(glow::PACK_ROW_LENGTH, 0);
                g.pixel_store_i32(glow::PACK_SKIP_PIXELS, 0);
                g.pixel_store_i32(glow::PACK_SKIP_ROWS, 0);
            }
            if from_default {
                buffer.end_read(g);
            }
        }));
    }

    /// `readPixels()` into client memory: the rectangle clipped to the read framebuffer is read
    /// tightly and placed with the pack parameters from `dst_offset` elements on; pixels outside
    /// the framebuffer are left untouched.
    #[allow(clippy::too_many_arguments)]
    fn read_pixels_to_view(
        &self,
        cx: &mut JSContext,
        x: i32,
        y: i32,
        width: i32,
        height: i32,
        format: u32,
        type_: u32,
        view: HandleObject,
        dst_offset: u64,
    ) {
        let gl = &*self.base;
        let Some(bpp) = self.read_format(format, type_) else { return };
        rooted!(&in(cx) let value = ObjectValue(view.get()));
        if !pixels::view_class2(type_).iter().any(|class| is_typed_array(value.handle(), class)) {
            return gl.error(glow::INVALID_OPERATION);
        }
        if width < 0 || height < 0 {
            return gl.error(glow::INVALID_VALUE);
        }
        if !gl.can_read() {
            return;
        }
        let element = view_element_size(value.handle()) as u64;
        let store = gl.pixel_store.get();
        let store2 = gl.gl2.pixel_store.get();
        let (w, h) = (width as usize, height as usize);
        let l = layout(
            w,
            h,
            1,
            bpp,
            store.pack_alignment as usize,
            store2.pack_row_length,
            0,
            (store2.pack_skip_pixels, store2.pack_skip_rows, 0),
        );
        let available = with_view_bytes_mut(view, |bytes| bytes.len() as u64);
        let start = dst_offset.saturating_mul(element);
        if start > available || available - start < l.needed as u64 {
            return gl.error(glow::INVALID_OPERATION);
        }
        if w == 0 || h == 0 {
            return;
        }
        let (fb_width, fb_height) = match gl.read_framebuffer() {
            None => gl.size.get(),
            Some(framebuffer) => match framebuffer.size() {
                Some((fw, fh)) => (fw.max(0) as u32, fh.max(0) as u32),
                None => (i32::MAX as u32, i32::MAX as u32),
            },
        };
        let x0 = x.max(0);
        let y0 = y.max(0);
        let x1 = (x as i64 + width as i64).min(i64::from(fb_width)) as i32;
        let y1 = (y as i64 + height as i64).min(i64::from(fb_height)) as i32;
        if x1 <= x0 || y1 <= y0 {
            return;
        }
        let (read_width, read_height) = ((x1 - x0) as usize, (y1 - y0) as usize);
        let from_default = gl.read_framebuffer().is_none();
        let read = gl.call(move |g, buffer| {
            if from_default {
                buffer.begin_read(g);
            }
            let mut out = vec![0u8; read_width * read_height * bpp];
            // SAFETY: `out` holds exactly the rows GL writes with a pack alignment of 1 and no
            // row length or skips; the error check tells whether GL wrote them.
            let error = unsafe {
                let before = g.get_error();
                g.pixel_store_i32(glow::PACK_ALIGNMENT, 1);
                g.read_pixels(
                    x0,
                    y0,
                    read_width as i32,
                    read_height as i32,
                    format,
                    type_,
                    PixelPackData::Slice(Some(&mut out)),
                );
                (before, g.get_error())
            };
            if from_default {
                buffer.end_read(g);
            }
            (out, error)
        });
        let Some((read, (before, error))) = read else { return };
        if before != glow::NO_ERROR {
            gl.error(before);
        }
        if error != glow::NO_ERROR {
            return gl.error(error);
        }
        let skip_x = (x0 - x) as usize;
        let skip_y = (y0 - y) as usize;
        with_view_bytes_mut(view, |bytes| {
            for row in 0..read_height {
                let src = &read[row * read_width * bpp..(row + 1) * read_width * bpp];
                let at = start as usize + l.start + (row + skip_y) * l.row + skip_x * bpp;
                if let Some(dst) = bytes.get_mut(at..at + src.len()) {
                    dst.copy_from_slice(src);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_lists() {
        assert_eq!(sub_list(vec![1, 2, 3, 4], 1, 2), Some(vec![2, 3]));
        assert_eq!(sub_list(vec![1, 2, 3, 4], 1, 0), Some(vec![2, 3, 4]));
        assert_eq!(sub_list(vec![1, 2, 3, 4], 4, 0), Some(vec![]));
        assert_eq!(sub_list(vec![1, 2, 3, 4], 5, 0), None);
        assert_eq!(sub_list(vec![1, 2, 3, 4], 2, 3), None);
    }

    #[test]
    fn unpack_layout() {
        // 2×2 RGBA8 rows in a 3-pixel-wide image, skipping one row and one pixel.
        let l = layout(2, 2, 1, 4, 4, 3, 0, (1, 1, 0));
        assert_eq!((l.start, l.row, l.needed), (16, 12, 16 + 12 + 8));
        // RGB8 rows padded to the alignment.
        let l = layout(3, 2, 1, 3, 4, 0, 0, (0, 0, 0));
        assert_eq!((l.row, l.needed), (12, 21));
        // Two images of a 3D upload with an image height of 3 rows.
        let l = layout(1, 2, 2, 1, 1, 0, 3, (0, 0, 1));
        assert_eq!((l.image, l.start, l.needed), (3, 3, 3 + 3 + 1 + 1));
    }
}

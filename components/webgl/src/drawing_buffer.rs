//! A context's drawing buffer: the framebuffer WebGL calls the default one.
//!
//! <https://registry.khronos.org/webgl/specs/latest/1.0/#THE_DRAWING_BUFFER>: a colour buffer
//! (RGBA8, or RGB8 for `{ alpha: false }`), a depth buffer of at least 16 bits and a stencil
//! buffer of at least 8 when asked for (none when not), multisampled when antialiased. Here it
//! is one single-sampled framebuffer, read and presented from, and with `antialias` a 4×
//! multisampled one the page draws into, resolved (`glBlitFramebuffer`) into the first before
//! anything reads it.
//!
//! Everything here runs on the WebGL thread with the buffer's context current, between the
//! page's own GL calls, so each operation puts back whatever page-visible state it changes
//! (bindings, masks, enables, pack parameters).

use glow::HasContext;
use webgl_traits::{DrawingBuffer, DrawingBufferAttributes};

/// Samples of a multisampled drawing buffer (fewer if the implementation has fewer).
const SAMPLES: i32 = 4;

/// The most pixels a drawing buffer has (4096²: a 4K screen fits; with 4× multisampling and
/// depth/stencil that is already about half a gigabyte of software-rendered memory).
const MAX_PIXELS: u64 = 4096 * 4096;

/// The drawing buffer size for a canvas size: each side at least 1 (a 0×0 canvas gets a 1×1
/// buffer, as in browsers) and at most the implementation's limit, and both sides scaled
/// down alike to at most [`MAX_PIXELS`]. WebGL allows any smaller buffer when the requested
/// one "cannot be satisfied"
/// (<https://registry.khronos.org/webgl/specs/latest/1.0/#2.2>); `drawingBufferWidth` and
/// `drawingBufferHeight` tell the page.
pub(crate) fn drawing_buffer_size(canvas: (u32, u32), max: (u32, u32)) -> (u32, u32) {
    let (width, height) = (canvas.0.clamp(1, max.0.max(1)), canvas.1.clamp(1, max.1.max(1)));
    let pixels = width as u64 * height as u64;
    if pixels <= MAX_PIXELS {
        return (width, height);
    }
    let scale = (MAX_PIXELS as f64 / pixels as f64).sqrt();
    let scaled = |side: u32| ((side as f64 * scale).floor() as u32).max(1);
    (scaled(width), scaled(height))
}

/// One renderbuffer attached to a framebuffer.
struct Attachment {
    /// `COLOR_ATTACHMENT0`, `DEPTH_ATTACHMENT`, `STENCIL_ATTACHMENT` or
    /// `DEPTH_STENCIL_ATTACHMENT`.
    point: u32,
    renderbuffer: glow::NativeRenderbuffer,
    /// The sized internal format.
    format: u32,
}

/// A framebuffer with its renderbuffers, all `samples`-sampled (0: single-sampled).
struct Framebuffer {
    framebuffer: glow::NativeFramebuffer,
    /// The colour attachment first.
    attachments: Vec<Attachment>,
    samples: i32,
}

impl Framebuffer {
    /// Makes a complete framebuffer with renderbuffers of `formats` (attachment point, sized
    /// internal format). Leaves it bound as `FRAMEBUFFER` and changes the renderbuffer
    /// binding; only for a context the page has not used yet.
    fn new(gl: &glow::Context, formats: &[(u32, u32)], samples: i32, size: (u32, u32)) -> Result<Framebuffer, String> {
        // SAFETY: the context is current on this thread; every object named is made here.
        unsafe {
            let framebuffer = gl.create_framebuffer()?;
            let mut made = Framebuffer { framebuffer, attachments: Vec::new(), samples };
            gl.bind_framebuffer(glow::FRAMEBUFFER, Some(framebuffer));
            for &(point, format) in formats {
                let renderbuffer = match gl.create_renderbuffer() {
                    Ok(renderbuffer) => renderbuffer,
                    Err(error) => {
                        made.delete(gl);
                        return Err(error);
                    }
                };
                made.attachments.push(Attachment { point, renderbuffer, format });
                gl.bind_renderbuffer(glow::RENDERBUFFER, Some(renderbuffer));
                made.storage(gl, format, size);
                gl.framebuffer_renderbuffer(glow::FRAMEBUFFER, point, glow::RENDERBUFFER, Some(renderbuffer));
            }
            let status = gl.check_framebuffer_status(glow::FRAMEBUFFER);
            if status != glow::FRAMEBUFFER_COMPLETE {
                made.delete(gl);
                return Err(format!("the drawing buffer is incomplete (status 0x{status:x}, {samples} samples)"));
            }
            Ok(made)
        }
    }

    /// Allocates storage for the renderbuffer bound to `RENDERBUFFER`.
    fn storage(&self, gl: &glow::Context, format: u32, (width, height): (u32, u32)) {
        // SAFETY: the context is current on this thread and a renderbuffer of it is bound.
        unsafe {
            if self.samples > 0 {
                gl.renderbuffer_storage_multisample(
                    glow::RENDERBUFFER,
                    self.samples,
                    format,
                    width as i32,
                    height as i32,
                );
            } else {
                gl.renderbuffer_storage(glow::RENDERBUFFER, format, width as i32, height as i32);
            }
        }
    }

    /// Reallocates every renderbuffer at `size` (contents undefined until cleared), keeping
    /// the page's renderbuffer binding.
    fn reallocate(&self, gl: &glow::Context, size: (u32, u32)) {
        // SAFETY: the context is current on this thread; the renderbuffers are its own.
        unsafe {
            let page_renderbuffer = gl.get_parameter_renderbuffer(glow::RENDERBUFFER_BINDING);
            for attachment in &self.attachments {
                gl.bind_renderbuffer(glow::RENDERBUFFER, Some(attachment.renderbuffer));
                self.storage(gl, attachment.format, size);
            }
            gl.bind_renderbuffer(glow::RENDERBUFFER, page_renderbuffer);
        }
    }

    fn delete(&self, gl: &glow::Context) {
        // SAFETY: the context is current on this thread; the objects are its own and nothing
        // uses them after this.
        unsafe {
            gl.delete_framebuffer(self.framebuffer);
            for attachment in &self.attachments {
                gl.delete_renderbuffer(attachment.renderbuffer);
            }
        }
    }

    fn has(&self, point: u32) -> bool {
        self.attachments.iter().any(|a| a.point == point)
    }
}

/// The state a clear of the drawing buffer changes, saved to be put back.
struct ClearState {
    draw_framebuffer: Option<glow::NativeFramebuffer>,
    draw_buffer0: u32,
    color_mask: [bool; 4],
    depth_mask: bool,
    stencil_front_mask: u32,
    stencil_back_mask: u32,
    scissor_test: bool,
    rasterizer_discard: bool,
}

/// The drawing buffer of one context.
pub(crate) struct Buffer {
    size: (u32, u32),
    /// The largest width and height the implementation can render.
    max_size: (u32, u32),
    /// What the buffer has (`antialias` false when it could not be multisampled).
    attributes: DrawingBufferAttributes,
    /// Single-sampled: read and presented from; drawn into unless antialiased.
    resolved: Framebuffer,
    /// Multisampled, drawn into when antialiased.
    multisampled: Option<Framebuffer>,
    /// Drawn into since the last presentation (script's tasks say so).
    dirty: bool,
    /// The page's read framebuffer while [`DrawingBuffer::begin_read`] has the resolved one
    /// bound.
    saved_read: Option<Option<glow::NativeFramebuffer>>,
    /// The extension entry points glow does not load.
    pub(crate) ext: webgl_traits::ExtFunctions,
}

impl Buffer {
    /// Makes the drawing buffer of a new context (current, not used by the page yet), cleared
    /// to transparent black, depth 1, stencil 0, and sets up the context as WebGL requires:
    /// the drawing buffer bound as `FRAMEBUFFER`, the viewport and scissor box its size.
    pub(crate) fn new(
        gl: &glow::Context,
        requested: DrawingBufferAttributes,
        canvas_size: (u32, u32),
    ) -> Result<Buffer, String> {
        // SAFETY: the context is current on this thread.
        let (max_renderbuffer, max_viewport, max_samples) = unsafe {
            let mut viewport = [0i32; 2];
            gl.get_parameter_i32_slice(glow::MAX_VIEWPORT_DIMS, &mut viewport);
            (gl.get_parameter_i32(glow::MAX_RENDERBUFFER_SIZE), viewport, gl.get_parameter_i32(glow::MAX_SAMPLES))
        };
        let limit = |a: i32| a.max(1) as u32;
        let max_size =
            (limit(max_renderbuffer).min(limit(max_viewport[0])), limit(max_renderbuffer).min(limit(max_viewport[1])));
        let size = drawing_buffer_size(canvas_size, max_size);
        let color = if requested.alpha { glow::RGBA8 } else { glow::RGB8 };
        // Depth 24 bits either way (WebGL asks for at least 16; pages expect what browsers
        // give, 24), stencil 8.
        let depth_stencil = match (requested.depth, requested.stencil) {
            (true, true) => Some((glow::DEPTH_STENCIL_ATTACHMENT, glow::DEPTH24_STENCIL8)),
            (true, false) => Some((glow::DEPTH_ATTACHMENT, glow::DEPTH_COMPONENT24)),
            (false, true) => Some((glow::STENCIL_ATTACHMENT, glow::STENCIL_INDEX8)),
            (false, false) => None,
        };
        let samples = SAMPLES.min(max_samples);
        let mut attributes = requested;
        let (resolved, multisampled) = if requested.antialias && samples >= 2 {
            match Self::multisampled_pair(gl, color, depth_stencil, samples, size) {
                Ok(pair) => pair,
                Err(error) => {
                    log::warn!("no multisampled drawing buffer ({error}); antialias is off");
                    attributes.antialias = false;
                    (Self::single(gl, color, depth_stencil, size)?, None)
                }
            }
        } else {
            attributes.antialias = false;
            (Self::single(gl, color, depth_stencil, size)?, None)
        };
        let buffer = Buffer {
            size,
            max_size,
            attributes,
            resolved,
            multisampled,
            dirty: false,
            saved_read: None,
            ext: Default::default(),
        };
        // SAFETY: the context is current on this thread; the framebuffer is the buffer's own.
        unsafe {
            gl.bind_renderbuffer(glow::RENDERBUFFER, None);
            gl.bind_framebuffer(glow::FRAMEBUFFER, Some(buffer.framebuffer()));
            gl.viewport(0, 0, size.0 as i32, size.1 as i32);
            gl.scissor(0, 0, size.0 as i32, size.1 as i32);
        }
        buffer.clear(gl);
        Ok(buffer)
    }

    fn single(
        gl: &glow::Context,
        color: u32,
        depth_stencil: Option<(u32, u32)>,
        size: (u32, u32),
    ) -> Result<Framebuffer, String> {
        let mut formats = vec![(glow::COLOR_ATTACHMENT0, color)];
        formats.extend(depth_stencil);
        Framebuffer::new(gl, &formats, 0, size)
    }

    /// The resolve target (colour only) and the multisampled framebuffer.
    fn multisampled_pair(
        gl: &glow::Context,
        color: u32,
        depth_stencil: Option<(u32, u32)>,
        samples: i32,
        size: (u32, u32),
    ) -> Result<(Framebuffer, Option<Framebuffer>), String> {
        let resolved = Framebuffer::new(gl, &[(glow::COLOR_ATTACHMENT0, color)], 0, size)?;
        let mut formats = vec![(glow::COLOR_ATTACHMENT0, color)];
        formats.extend(depth_stencil);
        match Framebuffer::new(gl, &formats, samples, size) {
            Ok(multisampled) => Ok((resolved, Some(multisampled))),
            Err(error) => {
                resolved.delete(gl);
                Err(error)
            }
        }
    }

    /// What the buffer really has.
    pub(crate) fn attributes(&self) -> DrawingBufferAttributes {
        self.attributes
    }

    /// Returns whether the buffer was marked drawn into, and unmarks it.
    pub(crate) fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    /// Reallocates the buffer for a new canvas size, cleared; returns the buffer's size.
    /// The viewport stays as the page set it (WebGL leaves that to the page).
    pub(crate) fn resize(&mut self, gl: &glow::Context, canvas_size: (u32, u32)) -> (u32, u32) {
        self.size = drawing_buffer_size(canvas_size, self.max_size);
        self.resolved.reallocate(gl, self.size);
        if let Some(multisampled) = &self.multisampled {
            multisampled.reallocate(gl, self.size);
        }
        // The resolve target is only read after a resolve overwrote it, but clear it too, so
        // nothing of the old contents can show.
        if self.multisampled.is_some() {
            self.clear_framebuffer(gl, &self.resolved);
        }
        self.clear(gl);
        self.size
    }

    /// Clears the buffer the page draws into to transparent black, depth 1, stencil 0,
    /// whatever the page's masks, scissor test and clear values: `glClearBuffer*` takes its
    /// values as arguments, and the masks, enables, draw buffer and binding it depends on are
    /// set for the clear and put back after.
    pub(crate) fn clear(&self, gl: &glow::Context) {
        self.clear_framebuffer(gl, self.multisampled.as_ref().unwrap_or(&self.resolved));
    }

    fn clear_framebuffer(&self, gl: &glow::Context, target: &Framebuffer) {
        // SAFETY: the context is current on this thread; the framebuffer is the buffer's own,
        // and every state changed is read first and put back.
        unsafe {
            let saved = ClearState {
                draw_framebuffer: gl.get_parameter_framebuffer(glow::DRAW_FRAMEBUFFER_BINDING),
                draw_buffer0: 0,
                color_mask: gl.get_parameter_bool_array::<4>(glow::COLOR_WRITEMASK),
                depth_mask: gl.get_parameter_bool(glow::DEPTH_WRITEMASK),
                stencil_front_mask: gl.get_parameter_i32(glow::STENCIL_WRITEMASK) as u32,
                stencil_back_mask: gl.get_parameter_i32(glow::STENCIL_BACK_WRITEMASK) as u32,
                scissor_test: gl.is_enabled(glow::SCISSOR_TEST),
                rasterizer_discard: gl.is_enabled(glow::RASTERIZER_DISCARD),
            };
            gl.bind_framebuffer(glow::DRAW_FRAMEBUFFER, Some(target.framebuffer));
            // WebGL 2's drawBuffers() on the default framebuffer changes this framebuffer's
            // draw buffer.
            let saved = ClearState { draw_buffer0: gl.get_parameter_i32(glow::DRAW_BUFFER0) as u32, ..saved };
            if saved.draw_buffer0 != glow::COLOR_ATTACHMENT0 {
                gl.draw_buffers(&[glow::COLOR_ATTACHMENT0]);
            }
            gl.color_mask(true, true, true, true);
            gl.depth_mask(true);
            gl.stencil_mask(0xFF);
            gl.disable(glow::SCISSOR_TEST);
            gl.disable(glow::RASTERIZER_DISCARD);

            gl.clear_buffer_f32_slice(glow::COLOR, 0, &[0.0, 0.0, 0.0, 0.0]);
            let (depth, stencil) = (target.has(glow::DEPTH_ATTACHMENT), target.has(glow::STENCIL_ATTACHMENT));
            if target.has(glow::DEPTH_STENCIL_ATTACHMENT) {
                gl.clear_buffer_depth_stencil(glow::DEPTH_STENCIL, 0, 1.0, 0);
            } else if depth {
                gl.clear_buffer_f32_slice(glow::DEPTH, 0, &[1.0]);
            } else if stencil {
                gl.clear_buffer_i32_slice(glow::STENCIL, 0, &[0]);
            }

            let [r, g, b, a] = saved.color_mask;
            gl.color_mask(r, g, b, a);
            gl.depth_mask(saved.depth_mask);
            gl.stencil_mask_separate(glow::FRONT, saved.stencil_front_mask);
            gl.stencil_mask_separate(glow::BACK, saved.stencil_back_mask);
            if saved.scissor_test {
                gl.enable(glow::SCISSOR_TEST);
            }
            if saved.rasterizer_discard {
                gl.enable(glow::RASTERIZER_DISCARD);
            }
            if saved.draw_buffer0 != glow::COLOR_ATTACHMENT0 {
                gl.draw_buffers(&[saved.draw_buffer0]);
            }
            gl.bind_framebuffer(glow::DRAW_FRAMEBUFFER, saved.draw_framebuffer);
        }
    }

    /// With a multisampled buffer: resolves it into the single-sampled one (the page's
    /// bindings, scissor test and the multisampled framebuffer's read buffer are kept).
    fn resolve(&self, gl: &glow::Context) {
        let Some(multisampled) = &self.multisampled else {
            return;
        };
        let (width, height) = (self.size.0 as i32, self.size.1 as i32);
        // SAFETY: the context is current on this thread; both framebuffers are the buffer's
        // own, and every state changed is read first and put back.
        unsafe {
            let read = gl.get_parameter_framebuffer(glow::READ_FRAMEBUFFER_BINDING);
            let draw = gl.get_parameter_framebuffer(glow::DRAW_FRAMEBUFFER_BINDING);
            let scissor_test = gl.is_enabled(glow::SCISSOR_TEST);
            let rasterizer_discard = gl.is_enabled(glow::RASTERIZER_DISCARD);
            gl.bind_framebuffer(glow::READ_FRAMEBUFFER, Some(multisampled.framebuffer));
            gl.bind_framebuffer(glow::DRAW_FRAMEBUFFER, Some(self.resolved.framebuffer));
            let read_buffer = gl.get_parameter_i32(glow::READ_BUFFER) as u32;
            if read_buffer != glow::COLOR_ATTACHMENT0 {
                gl.read_buffer(glow::COLOR_ATTACHMENT0);
            }
            gl.disable(glow::SCISSOR_TEST);
            gl.disable(glow::RASTERIZER_DISCARD);
            gl.blit_framebuffer(0, 0, width, height, 0, 0, width, height, glow::COLOR_BUFFER_BIT, glow::NEAREST);
            if read_buffer != glow::COLOR_ATTACHMENT0 {
                gl.read_buffer(read_buffer);
            }
            if scissor_test {
                gl.enable(glow::SCISSOR_TEST);
            }
            if rasterizer_discard {
                gl.enable(glow::RASTERIZER_DISCARD);
            }
            gl.bind_framebuffer(glow::READ_FRAMEBUFFER, read);
            gl.bind_framebuffer(glow::DRAW_FRAMEBUFFER, draw);
        }
    }

    /// The whole buffer as RGBA bytes, bottom row first (as `glReadPixels` gives them):
    /// resolved first if multisampled. The page's read binding, pixel pack buffer and pack
    /// parameters are kept.
    pub(crate) fn read_pixels(&self, gl: &glow::Context) -> Vec<u8> {
        self.resolve(gl);
        let (width, height) = self.size;
        let mut pixels = vec![0u8; width as usize * height as usize * 4];
        // SAFETY: the context is current on this thread; the framebuffer is the buffer's own;
        // no pixel pack buffer is bound during the read and the pack parameters describe
        // tightly packed rows, so GL writes exactly `pixels.len()` bytes into `pixels`.
        unsafe {
            let read = gl.get_parameter_framebuffer(glow::READ_FRAMEBUFFER_BINDING);
            let pack_buffer = gl.get_parameter_buffer(glow::PIXEL_PACK_BUFFER_BINDING);
            let pack = [glow::PACK_ALIGNMENT, glow::PACK_ROW_LENGTH, glow::PACK_SKIP_PIXELS, glow::PACK_SKIP_ROWS];
            let saved_pack = pack.map(|parameter| gl.get_parameter_i32(parameter));
            gl.bind_framebuffer(glow::READ_FRAMEBUFFER, Some(self.resolved.framebuffer));
            let read_buffer = gl.get_parameter_i32(glow::READ_BUFFER) as u32;
            if read_buffer != glow::COLOR_ATTACHMENT0 {
                gl.read_buffer(glow::COLOR_ATTACHMENT0);
            }
            gl.bind_buffer(glow::PIXEL_PACK_BUFFER, None);
            for (parameter, value) in pack.iter().zip([4, 0, 0, 0]) {
                gl.pixel_store_i32(*parameter, value);
            }
            gl.read_pixels(
                0,
                0,
                width as i32,
                height as i32,
                glow::RGBA,
                glow::UNSIGNED_BYTE,
                glow::PixelPackData::Slice(Some(&mut pixels)),
            );
            for (parameter, value) in pack.iter().zip(saved_pack) {
                gl.pixel_store_i32(*parameter, value);
            }
            gl.bind_buffer(glow::PIXEL_PACK_BUFFER, pack_buffer);
            if read_buffer != glow::COLOR_ATTACHMENT0 {
                gl.read_buffer(read_buffer);
            }
            gl.bind_framebuffer(glow::READ_FRAMEBUFFER, read);
        }
        pixels
    }

    /// Deletes the framebuffers and renderbuffers.
    pub(crate) fn delete(&self, gl: &glow::Context) {
        self.resolved.delete(gl);
        if let Some(multisampled) = &self.multisampled {
            multisampled.delete(gl);
        }
    }
}

impl DrawingBuffer for Buffer {
    fn ext(&self) -> webgl_traits::ExtFunctions {
        self.ext
    }

    fn framebuffer(&self) -> glow::NativeFramebuffer {
        self.multisampled.as_ref().unwrap_or(&self.resolved).framebuffer
    }

    fn begin_read(&mut self, gl: &glow::Context) {
        self.resolve(gl);
        // SAFETY: the context is current on this thread (tasks run with it current); the
        // framebuffer is the buffer's own.
        unsafe {
            let read = gl.get_parameter_framebuffer(glow::READ_FRAMEBUFFER_BINDING);
            // A second begin_read without end_read keeps the page's binding from the first.
            self.saved_read.get_or_insert(read);
            gl.bind_framebuffer(glow::READ_FRAMEBUFFER, Some(self.resolved.framebuffer));
        }
    }

    fn end_read(&mut self, gl: &glow::Context) {
        let Some(read) = self.saved_read.take() else {
            log::warn!("end_read without begin_read: the read framebuffer binding is left as it is");
            return;
        };
        // SAFETY: the context is current on this thread; `read` is the page's binding of it.
        unsafe { gl.bind_framebuffer(glow::READ_FRAMEBUFFER, read) };
    }

    fn size(&self) -> (u32, u32) {
        self.size
    }

    fn mark_dirty(&mut self) {
        self.dirty = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_clamped_to_one_and_the_limits() {
        assert_eq!(drawing_buffer_size((300, 150), (16384, 16384)), (300, 150));
        assert_eq!(drawing_buffer_size((0, 0), (16384, 16384)), (1, 1));
        assert_eq!(drawing_buffer_size((0, 20), (16384, 16384)), (1, 20));
        assert_eq!(drawing_buffer_size((40000, 100), (16384, 8192)), (16384, 100));
        assert_eq!(drawing_buffer_size((100, 9000), (16384, 8192)), (100, 8192));
        assert_eq!(drawing_buffer_size((4096, 4096), (16384, 16384)), (4096, 4096));
        // Larger areas are scaled down alike on both sides.
        assert_eq!(drawing_buffer_size((8192, 8192), (16384, 16384)), (4096, 4096));
        let (w, h) = drawing_buffer_size((16384, 2000), (16384, 16384));
        assert!(w as u64 * h as u64 <= MAX_PIXELS && (w as f64 / h as f64 - 8.192).abs() < 0.01, "{w}×{h}");
    }
}

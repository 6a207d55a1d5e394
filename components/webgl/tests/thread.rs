//! The WebGL thread end to end, on the machine's EGL (Mesa's llvmpipe here): contexts, tasks,
//! presentation to a stand-in canvas thread, drawing buffer semantics, and faults.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use base::{CanvasId, Epoch, SourceId, VideoFrame};
use canvas_traits::command::{CanvasCommand, CanvasMsg, CanvasSender};
use canvas_traits::pixels::unpremultiply;
use crossbeam_channel::{Receiver, unbounded};
use glow::HasContext;
use webgl::WebGLThread;
use webgl_traits::{ContextInfo, DrawingBuffer, DrawingBufferAttributes, WebGLContextId, WebGLMsg, WebGLVersion};

const TIMEOUT: Duration = Duration::from_secs(30);

fn next_context_id() -> WebGLContextId {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    WebGLContextId(NEXT.fetch_add(1, Ordering::Relaxed))
}

/// WebGL's default attributes (`antialias` off unless a test wants it).
fn attributes() -> DrawingBufferAttributes {
    DrawingBufferAttributes {
        alpha: true,
        depth: true,
        stencil: false,
        antialias: false,
        premultiplied_alpha: true,
        preserve_drawing_buffer: false,
    }
}

/// A WebGL thread whose canvas thread is a channel.
struct Harness {
    thread: WebGLThread,
    canvas: Receiver<CanvasMsg>,
}

struct Context {
    id: WebGLContextId,
    canvas: CanvasId,
    info: ContextInfo,
}

fn harness() -> Harness {
    let (sender, canvas) = unbounded();
    let thread = webgl::spawn(CanvasSender::new(sender)).expect("WebGL thread");
    Harness { thread, canvas }
}

impl Harness {
    fn send(&self, message: WebGLMsg) {
        self.thread.sender().send(message).expect("the WebGL thread is running");
    }

    fn try_create(&self, attributes: DrawingBufferAttributes, size: (u32, u32)) -> Result<Context, String> {
        let (id, canvas) = (next_context_id(), CanvasId::next());
        let (reply, answer) = unbounded();
        self.send(WebGLMsg::Create { context: id, canvas, version: WebGLVersion::WebGL1, attributes, size, reply });
        let info = answer.recv_timeout(TIMEOUT).expect("Create is answered")?;
        Ok(Context { id, canvas, info })
    }

    fn create(&self, attributes: DrawingBufferAttributes, size: (u32, u32)) -> Context {
        self.try_create(attributes, size).unwrap_or_else(|e| panic!("no WebGL context (is Mesa's EGL installed?): {e}"))
    }

    /// Runs `f` with the context current and returns what it returns.
    fn run<R: Send + 'static>(
        &self,
        context: &Context,
        f: impl FnOnce(&glow::Context, &mut dyn DrawingBuffer) -> R + Send + 'static,
    ) -> R {
        let (reply, answer) = unbounded();
        self.send(WebGLMsg::Run {
            context: context.id,
            task: Box::new(move |gl, buffer| {
                let _ = reply.send(f(gl, buffer));
            }),
        });
        answer.recv_timeout(TIMEOUT).expect("the task ran")
    }

    /// The next batch the canvas thread gets.
    fn next_batch(&self) -> Vec<CanvasCommand> {
        match self.canvas.recv_timeout(TIMEOUT).expect("a batch for the canvas thread") {
            CanvasMsg::Batch(batch) => batch.commands,
            CanvasMsg::Exit => panic!("Exit sent to the canvas thread"),
        }
    }

    /// Presents and returns the frame and the commands that followed it.
    fn present(&self, context: &Context, then: Vec<CanvasCommand>) -> (VideoFrame, Vec<CanvasCommand>) {
        self.send(WebGLMsg::Present { context: context.id, then, clear: true });
        let mut commands = self.next_batch().into_iter();
        match commands.next() {
            Some(CanvasCommand::WebGLFrame { canvas, frame }) => {
                assert_eq!(canvas, context.canvas, "the frame goes to the context's canvas");
                (frame, commands.collect())
            }
            other => panic!("expected a WebGLFrame first, got {other:?}"),
        }
    }
}

/// Clears the drawing buffer to a colour with the page's GL calls.
fn clear_to(r: f32, g: f32, b: f32, a: f32) -> impl FnOnce(&glow::Context, &mut dyn DrawingBuffer) + Send {
    move |gl, buffer| {
        // SAFETY: tasks run with their context current.
        unsafe {
            gl.clear_color(r, g, b, a);
            gl.clear(glow::COLOR_BUFFER_BIT);
        }
        buffer.mark_dirty();
    }
}

fn assert_every_pixel(frame: &VideoFrame, expected: [u8; 4], what: &str) {
    for y in 0..frame.size.height {
        for x in 0..frame.size.width {
            assert_eq!(frame.rgba_at(x, y), Some(expected), "{what}: pixel ({x}, {y})");
        }
    }
}

#[test]
fn a_cleared_buffer_is_presented_unpremultiplied_then_the_attached_commands() {
    let h = harness();
    let context = h.create(attributes(), (4, 3));
    assert_eq!(context.info.size, (4, 3));
    assert!(!context.info.gl_extensions.is_empty());
    // A fresh buffer is transparent black.
    let (frame, _) = h.present(&context, Vec::new());
    assert_every_pixel(&frame, [0, 0, 0, 0], "new buffer");

    h.run(&context, clear_to(0.5, 0.25, 0.0, 0.5));
    let source = SourceId::next();
    let then = vec![
        CanvasCommand::UpdateImage { canvas: context.canvas, epoch: Epoch(7) },
        CanvasCommand::CaptureFrame { canvas: context.canvas, source },
    ];
    let (frame, after) = h.present(&context, then);
    assert_eq!((frame.size.width, frame.size.height), (4, 3));
    assert_eq!(frame.stride, 16);
    assert!(frame.has_alpha);
    // The page's premultiplied (128, 64, 0, 128) is (255, 128, 0, 128) un-premultiplied.
    assert_every_pixel(&frame, unpremultiply([128, 64, 0, 128]), "cleared");
    assert_eq!(unpremultiply([128, 64, 0, 128]), [255, 128, 0, 128]);
    assert!(matches!(
        after.as_slice(),
        [
            CanvasCommand::UpdateImage { canvas: a, epoch: Epoch(7) },
            CanvasCommand::CaptureFrame { canvas: b, source: s },
        ] if *a == context.canvas && *b == context.canvas && *s == source
    ));
}

/// Draws an opaque red triangle over the lower-left half of the drawing buffer (clip space
/// (-1, -1), (1, -1), (-1, 1)) with a GLSL ES 1.00 program.
fn draw_lower_left_triangle(gl: &glow::Context, buffer: &mut dyn DrawingBuffer) {
    const VERTEX: &str =
        "#version 100\nattribute vec2 position;\nvoid main() { gl_Position = vec4(position, 0.0, 1.0); }\n";
    const FRAGMENT: &str =
        "#version 100\nprecision mediump float;\nvoid main() { gl_FragColor = vec4(1.0, 0.0, 0.0, 1.0); }\n";
    // SAFETY: tasks run with their context current; every object is made here.
    unsafe {
        let program = gl.create_program().unwrap();
        for (kind, source) in [(glow::VERTEX_SHADER, VERTEX), (glow::FRAGMENT_SHADER, FRAGMENT)] {
            let shader = gl.create_shader(kind).unwrap();
            gl.shader_source(shader, source);
            gl.compile_shader(shader);
            assert!(gl.get_shader_compile_status(shader), "{}", gl.get_shader_info_log(shader));
            gl.attach_shader(program, shader);
        }
        gl.bind_attrib_location(program, 0, "position");
        gl.link_program(program);
        assert!(gl.get_program_link_status(program), "{}", gl.get_program_info_log(program));
        gl.use_program(Some(program));
        let vertices: [f32; 6] = [-1.0, -1.0, 1.0, -1.0, -1.0, 1.0];
        let bytes: Vec<u8> = vertices.iter().flat_map(|v| v.to_ne_bytes()).collect();
        let vbo = gl.create_buffer().unwrap();
        gl.bind_buffer(glow::ARRAY_BUFFER, Some(vbo));
        gl.buffer_data_u8_slice(glow::ARRAY_BUFFER, &bytes, glow::STATIC_DRAW);
        gl.enable_vertex_attrib_array(0);
        gl.vertex_attrib_pointer_f32(0, 2, glow::FLOAT, false, 0, 0);
        gl.draw_arrays(glow::TRIANGLES, 0, 3);
    }
    buffer.mark_dirty();
}

#[test]
fn a_triangle_in_the_lower_left_half_lands_in_the_bottom_rows_of_the_frame() {
    let h = harness();
    let context = h.create(attributes(), (8, 8));
    h.run(&context, draw_lower_left_triangle);
    let (frame, _) = h.present(&context, Vec::new());
    // Top-down row r covers GL row 7 - r; the triangle holds the pixels whose centres have
    // x + y_gl < 7, i.e. x < r. Pixels on the diagonal are left to the rasterizer.
    for r in 0..8 {
        for x in 0..8 {
            let pixel = frame.rgba_at(x, r).unwrap();
            if x < r {
                assert_eq!(pixel, [255, 0, 0, 255], "inside, ({x}, {r})");
            } else if x > r {
                assert_eq!(pixel, [0, 0, 0, 0], "outside, ({x}, {r})");
            }
        }
    }
}

#[test]
fn an_antialiased_buffer_is_resolved_before_it_is_read_or_presented() {
    let h = harness();
    let context = h.create(DrawingBufferAttributes { antialias: true, ..attributes() }, (8, 8));
    assert!(context.info.attributes.antialias, "llvmpipe multisamples");
    let (default_fb, read_binding_after, read_back) = h.run(&context, |gl, buffer| {
        draw_lower_left_triangle(gl, buffer);
        let mut pixels = vec![0u8; 8 * 8 * 4];
        buffer.begin_read(gl);
        // SAFETY: tasks run with their context current.
        unsafe {
            gl.read_pixels(0, 0, 8, 8, glow::RGBA, glow::UNSIGNED_BYTE, glow::PixelPackData::Slice(Some(&mut pixels)));
        }
        buffer.end_read(gl);
        // SAFETY: as above.
        let read = unsafe { gl.get_parameter_framebuffer(glow::READ_FRAMEBUFFER_BINDING) };
        (buffer.framebuffer(), read, pixels)
    });
    assert_eq!(read_binding_after, Some(default_fb), "end_read restored the page's read binding");
    // The page's readPixels saw the resolved triangle (bottom-up rows): GL row 0 is red but
    // for its last pixel.
    assert_eq!(&read_back[0..4], &[255, 0, 0, 255]);
    let (frame, _) = h.present(&context, Vec::new());
    let mut edge_alphas = Vec::new();
    for r in 0..8 {
        for x in 0..8 {
            let pixel = frame.rgba_at(x, r).unwrap();
            if x < r {
                assert_eq!(pixel, [255, 0, 0, 255], "inside, ({x}, {r})");
            } else if x > r {
                assert_eq!(pixel, [0, 0, 0, 0], "outside, ({x}, {r})");
            } else {
                edge_alphas.push(pixel[3]);
                if pixel[3] > 0 {
                    assert_eq!(&pixel[..3], &[255, 0, 0], "edge colour un-premultiplied, ({x}, {r})");
                }
            }
        }
    }
    // The diagonal's pixels are half covered: with 4 samples, partly transparent.
    assert!(edge_alphas.iter().all(|&a| a > 0 && a < 255), "edge alphas {edge_alphas:?}");
}

#[test]
fn presenting_clears_the_buffer_but_keeps_the_pages_state() {
    let h = harness();
    for antialias in [false, true] {
        let context = h.create(DrawingBufferAttributes { antialias, stencil: true, ..attributes() }, (4, 4));
        h.run(&context, |gl, buffer| {
            // SAFETY: tasks run with their context current.
            unsafe {
                gl.clear_color(0.0, 0.0, 1.0, 1.0);
                gl.clear(glow::COLOR_BUFFER_BIT);
                gl.clear_color(0.25, 0.5, 0.75, 1.0);
                gl.clear_depth_f32(0.5);
                gl.clear_stencil(3);
                gl.color_mask(true, false, true, true);
                gl.depth_mask(false);
                gl.stencil_mask_separate(glow::FRONT, 0x0F);
                gl.stencil_mask_separate(glow::BACK, 0xF0);
                gl.enable(glow::SCISSOR_TEST);
                gl.scissor(1, 1, 2, 2);
            }
            buffer.mark_dirty();
        });
        let (frame, _) = h.present(&context, Vec::new());
        assert_every_pixel(&frame, [0, 0, 255, 255], "drawn");
        let (frame, _) = h.present(&context, Vec::new());
        assert_every_pixel(&frame, [0, 0, 0, 0], "cleared after the first presentation");
        let state = h.run(&context, |gl, buffer| {
            // SAFETY: tasks run with their context current.
            unsafe {
                let mut clear_color = [0f32; 4];
                gl.get_parameter_f32_slice(glow::COLOR_CLEAR_VALUE, &mut clear_color);
                let mut scissor = [0i32; 4];
                gl.get_parameter_i32_slice(glow::SCISSOR_BOX, &mut scissor);
                (
                    clear_color,
                    gl.get_parameter_f32(glow::DEPTH_CLEAR_VALUE),
                    gl.get_parameter_i32(glow::STENCIL_CLEAR_VALUE),
                    gl.get_parameter_bool_array::<4>(glow::COLOR_WRITEMASK),
                    gl.get_parameter_bool(glow::DEPTH_WRITEMASK),
                    gl.get_parameter_i32(glow::STENCIL_WRITEMASK),
                    gl.get_parameter_i32(glow::STENCIL_BACK_WRITEMASK),
                    gl.is_enabled(glow::SCISSOR_TEST),
                    scissor,
                    gl.get_parameter_framebuffer(glow::DRAW_FRAMEBUFFER_BINDING) == Some(buffer.framebuffer()),
                    gl.get_parameter_framebuffer(glow::READ_FRAMEBUFFER_BINDING) == Some(buffer.framebuffer()),
                    gl.get_error(),
                )
            }
        });
        assert_eq!(
            state,
            (
                [0.25, 0.5, 0.75, 1.0],
                0.5,
                3,
                [true, false, true, true],
                false,
                0x0F,
                0xF0,
                true,
                [1, 1, 2, 2],
                true,
                true,
                glow::NO_ERROR
            ),
            "antialias {antialias}"
        );
    }
}

#[test]
fn preserve_drawing_buffer_keeps_the_contents_and_snapshot_never_clears() {
    let h = harness();
    let context = h.create(DrawingBufferAttributes { preserve_drawing_buffer: true, ..attributes() }, (2, 2));
    h.run(&context, clear_to(0.0, 1.0, 0.0, 1.0));
    for _ in 0..2 {
        let (frame, _) = h.present(&context, Vec::new());
        assert_every_pixel(&frame, [0, 255, 0, 255], "preserved");
        assert!(!frame.has_alpha, "every pixel is opaque");
    }

    let context = h.create(attributes(), (2, 2));
    h.run(&context, clear_to(1.0, 0.0, 0.0, 1.0));
    let (reply, done) = unbounded();
    h.send(WebGLMsg::Snapshot { context: context.id, reply });
    done.recv_timeout(TIMEOUT).expect("the snapshot is answered");
    // The frame was on its way before the reply.
    match h.canvas.try_recv() {
        Ok(CanvasMsg::Batch(batch)) => match batch.commands.as_slice() {
            [CanvasCommand::WebGLFrame { frame, .. }] => assert_every_pixel(frame, [255, 0, 0, 255], "snapshot"),
            other => panic!("expected one WebGLFrame, got {other:?}"),
        },
        _ => panic!("no snapshot frame before the reply"),
    }
    let (frame, _) = h.present(&context, Vec::new());
    assert_every_pixel(&frame, [255, 0, 0, 255], "a snapshot does not clear");
}

#[test]
fn a_context_without_alpha_presents_opaque_frames() {
    let h = harness();
    let context = h.create(DrawingBufferAttributes { alpha: false, ..attributes() }, (3, 2));
    assert!(!context.info.attributes.alpha);
    let (frame, _) = h.present(&context, Vec::new());
    assert!(!frame.has_alpha);
    assert_every_pixel(&frame, [0, 0, 0, 255], "new opaque buffer");
    h.run(&context, clear_to(0.0, 0.0, 1.0, 0.0));
    let (frame, _) = h.present(&context, Vec::new());
    assert_every_pixel(&frame, [0, 0, 255, 255], "alpha ignored");
}

#[test]
fn resizing_reallocates_cleared_at_the_real_size() {
    let h = harness();
    let context = h.create(DrawingBufferAttributes { antialias: true, ..attributes() }, (0, 0));
    assert_eq!(context.info.size, (1, 1), "a 0×0 canvas gets a 1×1 buffer");
    let resize = |size| {
        let (reply, answer) = unbounded();
        h.send(WebGLMsg::Resize { context: context.id, size, reply });
        answer.recv_timeout(TIMEOUT).expect("Resize is answered")
    };
    h.run(&context, clear_to(1.0, 1.0, 1.0, 1.0));
    assert_eq!(resize((10, 6)), (10, 6));
    assert_eq!(h.run(&context, |_, buffer| buffer.size()), (10, 6));
    let (frame, _) = h.present(&context, Vec::new());
    assert_eq!((frame.size.width, frame.size.height), (10, 6));
    assert_every_pixel(&frame, [0, 0, 0, 0], "cleared by the resize");
    h.run(&context, clear_to(1.0, 1.0, 1.0, 1.0));
    let (frame, _) = h.present(&context, Vec::new());
    assert_every_pixel(&frame, [255, 255, 255, 255], "drawn at the new size");
    assert_eq!(resize((0, 3)), (1, 3));
    let (huge_w, _) = resize((1 << 20, 2));
    assert!(huge_w < 1 << 20, "clamped to the implementation's limit");
}

#[test]
fn a_stale_context_id_is_dropped_and_the_thread_goes_on() {
    let h = harness();
    let stale = next_context_id();
    h.send(WebGLMsg::Run { context: stale, task: Box::new(|_, _| panic!("a task of no context ran")) });
    let (reply, answer) = unbounded();
    h.send(WebGLMsg::Resize { context: stale, size: (2, 2), reply });
    assert!(answer.recv_timeout(TIMEOUT).is_err(), "no reply: the sender is dropped");
    let (reply, answer) = unbounded();
    h.send(WebGLMsg::Snapshot { context: stale, reply });
    assert!(answer.recv_timeout(TIMEOUT).is_err());
    // The attached canvas commands still go.
    let canvas = CanvasId::next();
    h.send(WebGLMsg::Present {
        context: stale,
        then: vec![CanvasCommand::UpdateImage { canvas, epoch: Epoch(1) }],
        clear: true,
    });
    assert!(matches!(h.next_batch().as_slice(), [CanvasCommand::UpdateImage { epoch: Epoch(1), .. }]));

    let context = h.create(attributes(), (2, 2));
    h.send(WebGLMsg::Destroy { context: context.id });
    h.send(WebGLMsg::Destroy { context: context.id });
    h.send(WebGLMsg::Run { context: context.id, task: Box::new(|_, _| panic!("a destroyed context ran")) });
    let other = h.create(attributes(), (2, 2));
    h.run(&other, clear_to(0.0, 1.0, 0.0, 1.0));
    let (frame, _) = h.present(&other, Vec::new());
    assert_every_pixel(&frame, [0, 255, 0, 255], "the thread still works");
}

#[test]
fn a_panicking_task_leaves_the_thread_and_its_contexts_alive() {
    let h = harness();
    let context = h.create(attributes(), (2, 2));
    h.run(&context, clear_to(1.0, 0.0, 0.0, 1.0));
    h.send(WebGLMsg::Run { context: context.id, task: Box::new(|_, _| panic!("a page's task panics")) });
    assert_eq!(h.run(&context, |_, buffer| buffer.size()), (2, 2));
    let (frame, _) = h.present(&context, Vec::new());
    assert_every_pixel(&frame, [255, 0, 0, 255], "drawn before the panic");
}

#[test]
fn contexts_keep_their_own_state_and_two_threads_run_at_once() {
    let (h1, h2) = (harness(), harness());
    let a = h1.create(attributes(), (2, 2));
    let b = h1.create(attributes(), (3, 3));
    let c = h2.create(attributes(), (4, 4));
    let set_clear_color = |r, g, b| {
        // SAFETY: tasks run with their context current.
        move |gl: &glow::Context, _: &mut dyn DrawingBuffer| unsafe { gl.clear_color(r, g, b, 1.0) }
    };
    h1.run(&a, set_clear_color(1.0, 0.0, 0.0));
    h1.run(&b, set_clear_color(0.0, 1.0, 0.0));
    h2.run(&c, set_clear_color(0.0, 0.0, 1.0));
    for (h, context) in [(&h1, &a), (&h1, &b), (&h2, &c)] {
        // SAFETY: tasks run with their context current.
        h.run(context, |gl, buffer| unsafe {
            gl.clear(glow::COLOR_BUFFER_BIT);
            buffer.mark_dirty();
        });
    }
    let (fa, _) = h1.present(&a, Vec::new());
    let (fc, _) = h2.present(&c, Vec::new());
    let (fb, _) = h1.present(&b, Vec::new());
    assert_every_pixel(&fa, [255, 0, 0, 255], "context a");
    assert_every_pixel(&fb, [0, 255, 0, 255], "context b");
    assert_every_pixel(&fc, [0, 0, 255, 255], "context c, other thread");
    // One engine's end leaves the other's contexts working.
    drop(h1);
    h2.run(&c, clear_to(1.0, 1.0, 0.0, 1.0));
    let (fc, _) = h2.present(&c, Vec::new());
    assert_every_pixel(&fc, [255, 255, 0, 255], "context c after the other thread ended");
}

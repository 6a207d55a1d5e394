//! The WebGL thread's loop: one OpenGL ES context per WebGL context, made current before the
//! messages about it run.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use base::CanvasId;
use canvas_traits::command::{CanvasBatch, CanvasCommand, CanvasSender};
use crossbeam_channel::{Receiver, Sender, select};
use khronos_egl as egl;
use webgl_traits::{
    ContextInfo, DrawingBuffer, DrawingBufferAttributes, GlTask, WebGLContextId, WebGLMsg, WebGLVersion,
};

use crate::drawing_buffer::Buffer;
use crate::egl::Display;
use crate::frame::canvas_frame;

/// One WebGL context: its EGL context, GL function table and drawing buffer.
struct GlContext {
    egl_context: egl::Context,
    gl: glow::Context,
    buffer: Buffer,
    /// The canvas whose image it presents to.
    canvas: CanvasId,
    version: WebGLVersion,
}

/// The state the WebGL thread owns.
pub(crate) struct WebGLWorker {
    /// The EGL display, or why there is none (then every `Create` is answered with it).
    display: Result<Display, String>,
    contexts: HashMap<WebGLContextId, GlContext>,
    /// The context current on this thread.
    current: Option<WebGLContextId>,
    /// Where presented frames go.
    canvas: CanvasSender,
}

impl WebGLWorker {
    /// Opens the display (on the calling thread, which must be the one that runs the loop).
    pub(crate) fn new(canvas: CanvasSender) -> WebGLWorker {
        let display = match catch_unwind(Display::open) {
            Ok(Ok(display)) => {
                log::debug!("WebGL: {}", display.description());
                Ok(display)
            }
            Ok(Err(error)) => Err(error),
            Err(_) => Err("opening the EGL display panicked".to_owned()),
        };
        if let Err(error) = &display {
            log::warn!("WebGL is unavailable: {error}");
        }
        WebGLWorker { display, contexts: HashMap::new(), current: None, canvas }
    }

    /// Runs messages until `Exit` (or every sender is gone).
    pub(crate) fn run(&mut self, receiver: Receiver<WebGLMsg>) {
        'event_loop: loop {
            select! {
                recv(receiver) -> message => match message {
                    Ok(WebGLMsg::Exit) => break 'event_loop,
                    Ok(message) => {
                        if catch_unwind(AssertUnwindSafe(|| self.handle(message))).is_err() {
                            // One bad message must not take every context down.
                            log::error!("a WebGL message panicked; it was skipped");
                        }
                    }
                    Err(_) => {
                        log::debug!("every WebGL sender is gone; the WebGL thread exits");
                        break 'event_loop;
                    }
                },
            }
        }
    }

    fn handle(&mut self, message: WebGLMsg) {
        match message {
            WebGLMsg::Create { context, canvas, version, attributes, size, reply } => {
                let result = self.create(context, canvas, version, attributes, size);
                if let Err(error) = &result {
                    log::warn!("WebGL context {} not created: {error}", context.0);
                }
                if reply.send(result).is_err() {
                    log::debug!("WebGL context {} created for nobody: script stopped waiting", context.0);
                }
            }
            WebGLMsg::Resize { context, size, reply } => {
                let Some(current) = self.make_current(context, "Resize") else { return };
                let size = current.buffer.resize(&current.gl, size);
                send_reply(&reply, size, context);
            }
            WebGLMsg::Run { context, task } => self.run_task(context, task),
            WebGLMsg::Present { context, then, clear } => self.present(context, then, clear),
            WebGLMsg::Snapshot { context, reply } => {
                let Some(current) = self.make_current(context, "Snapshot") else { return };
                let frame = canvas_frame(
                    current.buffer.read_pixels(&current.gl),
                    current.buffer.size(),
                    &current.buffer.attributes(),
                );
                let batch = CanvasBatch { commands: vec![CanvasCommand::WebGLFrame { canvas: current.canvas, frame }] };
                if self.canvas.send_batch(batch).is_err() {
                    log::warn!("the canvas thread is gone; WebGL context {} snapshot dropped", context.0);
                }
                send_reply(&reply, (), context);
            }
            WebGLMsg::Destroy { context } => self.destroy(context),
            WebGLMsg::Exit => log::error!("Exit reached the message handler"),
        }
    }

    /// Makes a context and its drawing buffer.
    fn create(
        &mut self,
        context: WebGLContextId,
        canvas: CanvasId,
        version: WebGLVersion,
        requested: DrawingBufferAttributes,
        size: (u32, u32),
    ) -> Result<ContextInfo, String> {
        let display = self.display.as_ref().map_err(Clone::clone)?;
        if self.contexts.contains_key(&context) {
            return Err(format!("context id {} is already in use", context.0));
        }
        let egl_context = display.create_context()?;
        // Whatever was current is not any more, whether this works or not.
        self.current = None;
        let made = display.make_current(egl_context).and_then(|()| {
            catch_unwind(AssertUnwindSafe(|| {
                // SAFETY: `egl_context` is current on this thread, and the loader returns
                // EGL's addresses of GL functions (null for unknown names), which glow checks
                // before use.
                let gl = unsafe { glow::Context::from_loader_function(|name| display.proc_address(name)) };
                let mut buffer = Buffer::new(&gl, requested, size)?;
                buffer.ext = webgl_traits::ExtFunctions::load(|name| display.proc_address(name));
                Ok((gl, buffer))
            }))
            .unwrap_or_else(|_| Err("making the GL context's function table or drawing buffer panicked".to_owned()))
        });
        let (gl, buffer) = match made {
            Ok(made) => made,
            Err(error) => {
                display.release_current();
                display.destroy_context(egl_context);
                return Err(error);
            }
        };
        let mut gl_extensions: Vec<String> = glow::HasContext::supported_extensions(&gl).iter().cloned().collect();
        gl_extensions.sort();
        let info = ContextInfo { attributes: buffer.attributes(), size: buffer.size(), gl_extensions };
        log::debug!("WebGL context {} ({version:?}) for {canvas}: {:?}", context.0, info.size);
        self.contexts.insert(context, GlContext { egl_context, gl, buffer, canvas, version });
        self.current = Some(context);
        Ok(info)
    }

    /// The context, made current if it is not; `None` (logged) for an unknown one or one
    /// that cannot be made current.
    fn make_current(&mut self, context: WebGLContextId, what: &str) -> Option<&mut GlContext> {
        let Some(gl_context) = self.contexts.get_mut(&context) else {
            log::warn!("{what} for unknown WebGL context {}: dropped", context.0);
            return None;
        };
        if self.current != Some(context) {
            let display = self.display.as_ref().ok()?;
            if let Err(error) = display.make_current(gl_context.egl_context) {
                log::error!("{what} for WebGL context {} dropped: {error}", context.0);
                self.current = None;
                return None;
            }
            self.current = Some(context);
        }
        Some(gl_context)
    }

    /// Runs a page's GL calls; a task that panics is logged and the thread goes on.
    fn run_task(&mut self, context: WebGLContextId, task: GlTask) {
        let Some(current) = self.make_current(context, "Run") else { return };
        let GlContext { gl, buffer, version, .. } = current;
        let outcome = catch_unwind(AssertUnwindSafe(|| task(gl, buffer as &mut dyn DrawingBuffer)));
        if outcome.is_err() {
            log::error!("a GL task of WebGL context {} ({version:?}) panicked; it was skipped", context.0);
        }
    }

    /// Sends the drawing buffer to the canvas thread, then `then`; clears the buffer unless
    /// `preserveDrawingBuffer`. For an unknown context `then` still goes (the canvas keeps
    /// the image it has).
    fn present(&mut self, context: WebGLContextId, then: Vec<CanvasCommand>, clear: bool) {
        let mut commands = Vec::with_capacity(then.len() + 1);
        if let Some(current) = self.make_current(context, "Present") {
            if !current.buffer.take_dirty() {
                // Script presents what it believes was drawn; a task that drew without
                // marking the buffer shows up here.
                log::debug!("WebGL context {} presented without being marked dirty", context.0);
            }
            let attributes = current.buffer.attributes();
            let frame = canvas_frame(current.buffer.read_pixels(&current.gl), current.buffer.size(), &attributes);
            commands.push(CanvasCommand::WebGLFrame { canvas: current.canvas, frame });
            // https://registry.khronos.org/webgl/specs/latest/1.0/#THE_DRAWING_BUFFER: "Once the
            // drawing buffer is presented ... the contents of the drawing buffer are cleared to
            // their default values" unless preserveDrawingBuffer. A canvas outside a document
            // is not displayed, and keeps its buffer (as in Chromium).
            if clear && !attributes.preserve_drawing_buffer {
                current.buffer.clear(&current.gl);
            }
        }
        commands.extend(then);
        if self.canvas.send_batch(CanvasBatch { commands }).is_err() {
            log::warn!("the canvas thread is gone; WebGL context {} presented to nobody", context.0);
        }
    }

    /// Deletes a context's drawing buffer and its EGL context.
    fn destroy(&mut self, context: WebGLContextId) {
        if self.make_current(context, "Destroy").is_none() {
            // Unknown (logged), or not current-able: drop what can be dropped.
            if let Some(gl_context) = self.contexts.remove(&context)
                && let Ok(display) = &self.display
            {
                display.destroy_context(gl_context.egl_context);
            }
            return;
        }
        let Some(gl_context) = self.contexts.remove(&context) else { return };
        gl_context.buffer.delete(&gl_context.gl);
        if let Ok(display) = &self.display {
            display.release_current();
            display.destroy_context(gl_context.egl_context);
        }
        self.current = None;
    }
}

impl Drop for WebGLWorker {
    fn drop(&mut self) {
        let Ok(display) = &self.display else { return };
        display.release_current();
        for (_, gl_context) in self.contexts.drain() {
            // Destroying the EGL context frees its objects.
            display.destroy_context(gl_context.egl_context);
        }
    }
}

/// Answers a request about `context`; a receiver that is gone is only logged.
fn send_reply<T>(reply: &Sender<T>, value: T, context: WebGLContextId) {
    if reply.send(value).is_err() {
        log::debug!("reply for WebGL context {} dropped: script stopped waiting", context.0);
    }
}

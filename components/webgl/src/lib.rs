//! The WebGL thread: every WebGL context of one engine, each an OpenGL ES 3.0 context on EGL
//! with its drawing buffer in framebuffer objects.
//!
//! Script sends [`webgl_traits::WebGLMsg`]s (see that crate for the protocol) through the
//! sender [`WebGLThread::sender`] gives; the thread presents drawing buffers to the canvas
//! thread as `CanvasCommand::WebGLFrame`s, followed in the same batch by the canvas commands
//! script attached (compositor update, frame captures), which therefore see that frame.
//!
//! - `egl`: `libEGL.so.1` loaded at run time, Mesa's surfaceless platform (a pbuffer on the
//!   default display where it is missing), one context per WebGL context. Without EGL every
//!   `Create` is answered with the reason and the thread keeps answering.
//! - `drawing_buffer`: the default framebuffer of WebGL (colour, depth, stencil, 4× MSAA with
//!   a resolve), cleared after each presentation unless `preserveDrawingBuffer`, with the
//!   page's GL state kept around everything the thread does itself.
//! - `frame`: read-back pixels, flipped and un-premultiplied in place, as a `VideoFrame` (the
//!   one full-frame copy between a WebGL canvas and a captured media frame).
//!
//! The thread has no process-wide state of its own: two engines, two threads, each with its
//! own contexts (the EGL display they share is never terminated, see `egl`).

#![deny(missing_docs)]

mod drawing_buffer;
mod egl;
mod frame;
mod thread;

use std::thread::JoinHandle;

use canvas_traits::command::CanvasSender;
use crossbeam_channel::{Sender, unbounded};
use webgl_traits::WebGLMsg;

/// The engine's handle on its WebGL thread: the sender for script, and the thread to join.
/// Dropping it ends the thread (after the messages already queued).
pub struct WebGLThread {
    sender: Sender<WebGLMsg>,
    join: Option<JoinHandle<()>>,
}

impl WebGLThread {
    /// A sender for script (cheap to clone).
    pub fn sender(&self) -> Sender<WebGLMsg> {
        self.sender.clone()
    }

    /// Asks the thread to exit after the messages already queued, and waits.
    pub fn exit(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        let _ = self.sender.send(WebGLMsg::Exit);
        if let Some(join) = self.join.take()
            && join.join().is_err()
        {
            log::error!("the WebGL thread panicked");
        }
    }
}

impl Drop for WebGLThread {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// Starts a WebGL thread (named `"WebGL"`) that presents to the canvas thread behind
/// `canvas`. EGL is loaded on the new thread; if it is missing the thread still runs and
/// answers every `Create` with the reason. `Err` only when the OS cannot start a thread.
pub fn spawn(canvas: CanvasSender) -> Result<WebGLThread, String> {
    let (sender, receiver) = unbounded();
    let join = std::thread::Builder::new()
        .name("WebGL".into())
        .spawn(move || {
            let mut worker = thread::WebGLWorker::new(canvas);
            worker.run(receiver);
        })
        .map_err(|e| format!("the OS could not start the WebGL thread: {e}"))?;
    Ok(WebGLThread { sender, join: Some(join) })
}

//! Placeholder canvases (<https://html.spec.whatwg.org/multipage/canvas.html#offscreencanvas-placeholder>):
//! a `<canvas>` whose control went to an `OffscreenCanvas` (`transferControlToOffscreen()`),
//! and the transfer of an `OffscreenCanvas` to another realm or thread.
//!
//! The OffscreenCanvas, wherever it lives (a worker's thread, or the page's), holds a
//! [`PlaceholderLink`]. At each rendering update of its thread in which it was painted, it
//! sends `Present` to the canvas thread, which makes the placeholder's bitmap share the frame's
//! pixels (no copy; the next paint of the OffscreenCanvas copies them once), then a task to the
//! placeholder's thread, which takes the frame's size and marks the placeholder painted: its
//! next rendering update hands the frame to the compositor and to its capture tracks, and
//! `toDataURL()`, `drawImage()` and `createImageBitmap()` of the placeholder read it.

use std::sync::Arc;

use base::CanvasId;
use base::units::ImageSize;
use crossbeam_channel::Sender;

use crate::dom::bindings::refcounted::Trusted;
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
use crate::script_thread::RemoteTask;

/// How an OffscreenCanvas reaches its placeholder canvas, from any thread.
#[derive(Clone)]
pub struct PlaceholderLink {
    /// The placeholder's bitmap on the canvas thread.
    canvas: CanvasId,
    /// The task channel of the placeholder's thread.
    tasks: Sender<RemoteTask>,
    /// The placeholder element. FIXME: the HTML Standard holds it weakly; here it stays alive
    /// while an OffscreenCanvas links to it.
    element: Arc<Trusted<HTMLCanvasElement>>,
}

impl PlaceholderLink {
    /// A link to `element`, made on its thread.
    pub fn new(element: &HTMLCanvasElement) -> PlaceholderLink {
        PlaceholderLink {
            canvas: element.canvas_id(),
            tasks: crate::script_thread::remote_task_sender(),
            element: Arc::new(Trusted::new(element)),
        }
    }

    /// The placeholder's bitmap on the canvas thread.
    pub fn canvas(&self) -> CanvasId {
        self.canvas
    }

    /// After `Present` reached the canvas thread: the placeholder learns that a frame of
    /// `size` was pushed to it.
    pub fn presented(&self, size: ImageSize) {
        let element = self.element.clone();
        let task: RemoteTask = Box::new(move |cx| {
            if let Some(element) = element.root() {
                element.frame_presented(cx, size);
            }
        });
        if self.tasks.send(task).is_err() {
            log::debug!("a placeholder canvas's thread has ended; a pushed frame was dropped");
        }
    }
}

/// What a transferred OffscreenCanvas carries to its new realm (the transfer steps'
/// dataHolder: [[Width]], [[Height]], [[PlaceholderCanvas]]).
#[derive(Clone)]
pub struct TransferredCanvas {
    pub width: u64,
    pub height: u64,
    pub placeholder: Option<PlaceholderLink>,
}

//! `grabFrame()` and `takePhoto()` on a `CanvasCaptureMediaStreamTrack` read the canvas as script
//! has painted it at the moment of the call, not the track's latest captured frame (which is the
//! paint before, until the next rendering update captures). WebKit made the same change.
//!
//! The read is the canvas thread's `Snapshot` command, appended after every drawing command still
//! batched on the script thread and sent at once; the snapshot shares the canvas's pixels
//! (copy-on-write on the canvas thread), and its un-premultiplication, the only full-frame pass,
//! runs on a helper thread, so script never blocks. A grab is not a captured frame of the track:
//! the frame rate rules, `[[frameCaptureRequested]]` and the track's consumers (`<video>`,
//! recorders) see nothing of it.
//!
//! Outcomes beyond the specs' (see docs/canvas-capture.md): a canvas that is not origin-clean (its
//! tracks are muted) gives no pixels: `UnknownError`; a canvas with a zero width or height has no
//! bitmap: `UnknownError`; a canvas without a context grabs its transparent bitmap; a canvas
//! removed from its document grabs as any other.

use std::rc::Rc;

use base::VideoFrame;
use canvas_traits::command::CanvasCommand;
use canvas_traits::style::ImagePixels;
use crossbeam_channel::Receiver;
use mozjs::context::JSContext;

use crate::dom::bindings::error::Error;
use crate::dom::bindings::promise::Promise;
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
use crate::dom::canvas::rendering;
use crate::dom::images::imagebitmap::ImageBitmap;

type SnapshotReply = Result<Option<ImagePixels>, canvas_traits::command::UnknownCanvas>;

/// Asks the canvas thread for `canvas`'s bitmap after every command painted so far; the answer
/// arrives on the returned channel. Errors are the ones a page gets.
fn request_snapshot(canvas: &HTMLCanvasElement) -> Result<Receiver<SnapshotReply>, Error> {
    if !canvas.is_origin_clean() {
        return Err(Error::Unknown("The canvas is not origin-clean: its capture tracks carry no pixels.".into()));
    }
    if canvas.has_no_pixels() {
        return Err(Error::Unknown("The canvas has no pixels (its width or height is 0).".into()));
    }
    canvas.ensure_bitmap();
    let (reply, receiver) = crossbeam_channel::bounded(1);
    rendering::push(CanvasCommand::Snapshot { canvas: canvas.canvas_id(), reply });
    rendering::flush();
    Ok(receiver)
}

/// Waits (off the script thread) for a snapshot and turns it into a frame.
fn frame_of(receiver: Receiver<SnapshotReply>) -> Result<VideoFrame, String> {
    match receiver.recv() {
        Ok(Ok(Some(pixels))) => Ok(crate::imaging::frame_from_pixels(&pixels)),
        Ok(Ok(None)) => Err("the canvas has no pixels".into()),
        Ok(Err(unknown)) => Err(format!("the canvas thread does not know {unknown:?}")),
        Err(_) => Err("the canvas thread is gone".into()),
    }
}

/// The canvas content at this moment as a frame, in `then` (on the script thread, as a task);
/// `Err` with the page-facing error when the canvas cannot be read.
pub fn with_current_frame(
    canvas: &HTMLCanvasElement,
    then: impl FnOnce(&mut JSContext, Result<VideoFrame, Error>) + 'static,
) -> Result<(), Error> {
    let receiver = request_snapshot(canvas)?;
    crate::parallel::in_parallel(
        "canvas grab",
        move || frame_of(receiver),
        move |cx, result| {
            let result = result
                .unwrap_or_else(|| Err("the grab thread failed".into()))
                .map_err(|m| Error::Unknown(format!("The canvas could not be read: {m}.")));
            then(cx, result)
        },
    );
    Ok(())
}

/// <https://w3c.github.io/mediacapture-image/#dom-imagecapture-grabframe> for a canvas track,
/// after the track checks: "In parallel, gather data from track into an ImageBitmap object" —
/// the canvas as painted now — "and resolve p with it"; "If the UA is unable to execute the
/// grabFrame() method for any reason … reject p with a new DOMException whose name is
/// UnknownError".
pub fn grab_frame(cx: &mut JSContext, promise: &Rc<Promise>, canvas: &HTMLCanvasElement) {
    let p = promise.clone();
    let started = with_current_frame(canvas, move |cx, result| match result {
        Ok(frame) => {
            let bitmap = ImageBitmap::new(cx, &p.global(), frame, true);
            p.resolve_native(cx, &bitmap);
        }
        Err(e) => p.reject_error(cx, e),
    });
    if let Err(e) = started {
        promise.reject_error(cx, e);
    }
}

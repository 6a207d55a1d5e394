//! The canvas element and its 2D context
//! (<https://html.spec.whatwg.org/multipage/canvas.html>), and the canvas
//! part of HTML's "update the rendering" ([`rendering`]).
//!
//! Script keeps the drawing state; pixels live on the canvas thread, which
//! script reaches only through `canvas_traits` commands, queued in one batch
//! ([`rendering::push`]) and sent at the rendering update or before a
//! synchronous readback.

pub mod bench;
pub mod canvascapture;
pub mod canvascapturemediastreamtrack;
pub mod canvasgradient;
pub mod canvaspattern;
pub mod canvasrenderingcontext2d;
pub mod canvasstate;
pub mod htmlcanvaselement;
pub mod imagebitmaprenderingcontext;
pub mod imagedata;
pub mod offscreencanvas;
pub mod path2d;
pub mod placeholder;
pub mod rendering;
pub mod testing;
pub mod textmetrics;

use crate::dom::bindings::error::Error;

/// Maps the canvas argument rules' errors to DOM errors (same names).
pub fn canvas_error(error: canvas_traits::error::CanvasError) -> Error {
    use canvas_traits::error::CanvasError;
    match error {
        CanvasError::IndexSize(m) => Error::IndexSize(m.into()),
        CanvasError::Range(m) => Error::Range(m.into()),
        CanvasError::Syntax(m) => Error::Syntax(m.into()),
        CanvasError::InvalidState(m) => Error::InvalidState(m.into()),
    }
}

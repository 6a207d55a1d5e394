//! Errors the 2D context's argument rules raise. Script maps each variant to
//! the DOMException (or `RangeError`) of the same name at the DOM boundary.

use std::fmt;

/// An exception a canvas API must throw, with a message for developers.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum CanvasError {
    /// "IndexSizeError" DOMException (negative radius, zero-sized ImageData…).
    IndexSize(&'static str),
    /// A JavaScript `RangeError` (bad `roundRect()` radii, ImageData too large).
    Range(&'static str),
    /// "SyntaxError" DOMException (unparsable colour stop, bad repetition).
    Syntax(&'static str),
    /// "InvalidStateError" DOMException (ImageData array of a wrong length).
    InvalidState(&'static str),
}

impl fmt::Display for CanvasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CanvasError::IndexSize(m) => write!(f, "IndexSizeError: {m}"),
            CanvasError::Range(m) => write!(f, "RangeError: {m}"),
            CanvasError::Syntax(m) => write!(f, "SyntaxError: {m}"),
            CanvasError::InvalidState(m) => write!(f, "InvalidStateError: {m}"),
        }
    }
}

impl std::error::Error for CanvasError {}

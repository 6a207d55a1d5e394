//! Errors the media thread reports. Each variant maps to exactly one
//! DOMException name, so script converts them once at the DOM boundary.

use std::fmt;

/// The DOMException name an error maps to, without its message. Commands use
/// it to tell the media thread which error to answer in a given situation
/// (for example, what a pending `grabFrame()` becomes when its source ends).
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq)]
pub enum MediaErrorKind {
    /// "NotFoundError": no device matches (or the id names no device).
    NotFound,
    /// "NotReadableError": the device exists but could not be started.
    NotReadable,
    /// "OverconstrainedError": a required constraint cannot be satisfied.
    Overconstrained,
    /// "NotSupportedError": the request uses something the source lacks.
    NotSupported,
    /// "InvalidStateError": the source is not in a state that allows this.
    InvalidState,
    /// "OperationError": the data could not be gathered.
    Operation,
    /// "UnknownError": the operation failed for an unspecified reason.
    Unknown,
    /// "AbortError": the request was cancelled before it completed.
    Abort,
}

impl MediaErrorKind {
    /// The DOMException `name` this kind maps to.
    pub const fn dom_name(self) -> &'static str {
        match self {
            MediaErrorKind::NotFound => "NotFoundError",
            MediaErrorKind::NotReadable => "NotReadableError",
            MediaErrorKind::Overconstrained => "OverconstrainedError",
            MediaErrorKind::NotSupported => "NotSupportedError",
            MediaErrorKind::InvalidState => "InvalidStateError",
            MediaErrorKind::Operation => "OperationError",
            MediaErrorKind::Unknown => "UnknownError",
            MediaErrorKind::Abort => "AbortError",
        }
    }
}

/// An error answered to a request. Every variant carries a human-readable
/// message; `Overconstrained` also names the failing constraint (its IDL
/// member name, e.g. `"torch"`, or `""` when no single constraint is to blame).
#[derive(Clone, Debug, PartialEq)]
pub enum MediaError {
    /// See [`MediaErrorKind::NotFound`].
    NotFound(String),
    /// See [`MediaErrorKind::NotReadable`].
    NotReadable(String),
    /// See [`MediaErrorKind::Overconstrained`].
    Overconstrained {
        /// The IDL name of the constraint that could not be satisfied.
        constraint: String,
        /// Explanation for developers.
        message: String,
    },
    /// See [`MediaErrorKind::NotSupported`].
    NotSupported(String),
    /// See [`MediaErrorKind::InvalidState`].
    InvalidState(String),
    /// See [`MediaErrorKind::Operation`].
    Operation(String),
    /// See [`MediaErrorKind::Unknown`].
    Unknown(String),
    /// See [`MediaErrorKind::Abort`].
    Abort(String),
}

impl MediaError {
    /// Builds an error of `kind` with `message`. For `Overconstrained` the
    /// constraint name is empty; use [`MediaError::overconstrained`] to name one.
    pub fn new(kind: MediaErrorKind, message: impl Into<String>) -> MediaError {
        let message = message.into();
        match kind {
            MediaErrorKind::NotFound => MediaError::NotFound(message),
            MediaErrorKind::NotReadable => MediaError::NotReadable(message),
            MediaErrorKind::Overconstrained => MediaError::Overconstrained { constraint: String::new(), message },
            MediaErrorKind::NotSupported => MediaError::NotSupported(message),
            MediaErrorKind::InvalidState => MediaError::InvalidState(message),
            MediaErrorKind::Operation => MediaError::Operation(message),
            MediaErrorKind::Unknown => MediaError::Unknown(message),
            MediaErrorKind::Abort => MediaError::Abort(message),
        }
    }

    /// An `OverconstrainedError` naming `constraint`.
    pub fn overconstrained(constraint: impl Into<String>, message: impl Into<String>) -> MediaError {
        MediaError::Overconstrained { constraint: constraint.into(), message: message.into() }
    }

    /// Which DOMException this error maps to.
    pub fn kind(&self) -> MediaErrorKind {
        match self {
            MediaError::NotFound(_) => MediaErrorKind::NotFound,
            MediaError::NotReadable(_) => MediaErrorKind::NotReadable,
            MediaError::Overconstrained { .. } => MediaErrorKind::Overconstrained,
            MediaError::NotSupported(_) => MediaErrorKind::NotSupported,
            MediaError::InvalidState(_) => MediaErrorKind::InvalidState,
            MediaError::Operation(_) => MediaErrorKind::Operation,
            MediaError::Unknown(_) => MediaErrorKind::Unknown,
            MediaError::Abort(_) => MediaErrorKind::Abort,
        }
    }

    /// The DOMException `name`.
    pub fn dom_name(&self) -> &'static str {
        self.kind().dom_name()
    }

    /// The message for developers.
    pub fn message(&self) -> &str {
        match self {
            MediaError::NotFound(m)
            | MediaError::NotReadable(m)
            | MediaError::NotSupported(m)
            | MediaError::InvalidState(m)
            | MediaError::Operation(m)
            | MediaError::Unknown(m)
            | MediaError::Abort(m) => m,
            MediaError::Overconstrained { message, .. } => message,
        }
    }

    /// The failing constraint's name, for `Overconstrained` only.
    pub fn constraint(&self) -> Option<&str> {
        match self {
            MediaError::Overconstrained { constraint, .. } => Some(constraint),
            _ => None,
        }
    }
}

impl fmt::Display for MediaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.constraint() {
            Some(c) => write!(f, "{} ({c}): {}", self.dom_name(), self.message()),
            None => write!(f, "{}: {}", self.dom_name(), self.message()),
        }
    }
}

impl std::error::Error for MediaError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_name_dom_exceptions() {
        let kinds = [
            MediaErrorKind::NotFound,
            MediaErrorKind::NotReadable,
            MediaErrorKind::Overconstrained,
            MediaErrorKind::NotSupported,
            MediaErrorKind::InvalidState,
            MediaErrorKind::Operation,
            MediaErrorKind::Unknown,
            MediaErrorKind::Abort,
        ];
        for kind in kinds {
            let e = MediaError::new(kind, "m");
            assert_eq!(e.kind(), kind);
            assert_eq!(e.message(), "m");
            assert!(e.dom_name().ends_with("Error"));
        }
        let e = MediaError::overconstrained("torch", "no torch");
        assert_eq!(e.constraint(), Some("torch"));
        assert_eq!(e.to_string(), "OverconstrainedError (torch): no torch");
    }
}

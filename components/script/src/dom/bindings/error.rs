//! Errors DOM methods return, and how they become JS exceptions.
//!
//! Only `[Throws]` members and constructors return [`Fallible`]; promise
//! returning methods reject instead of throwing.

use std::ffi::CString;

use mozjs::context::JSContext;
use mozjs::jsapi::{JS_ClearPendingException, JS_IsExceptionPending, JSContext as RawJSContext};
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::MutableHandleValue;

use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::dom::domexception::{DOMErrorName, DOMException};
use crate::dom::html::window::Window;

/// A DOM error: a DOMException name, or one of the ECMAScript error types.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    IndexSize(String),
    HierarchyRequest(String),
    WrongDocument(String),
    InvalidCharacter(String),
    NoModificationAllowed(String),
    NotFound(String),
    NotSupported(String),
    InUseAttribute(String),
    InvalidState(String),
    Syntax(String),
    InvalidModification(String),
    InvalidNodeType(String),
    Namespace(String),
    InvalidAccess(String),
    TypeMismatch(String),
    Security(String),
    Network(String),
    Abort(String),
    Timeout(String),
    DataClone(String),
    Encoding(String),
    NotReadable(String),
    Unknown(String),
    Constraint(String),
    Data(String),
    Transaction(String),
    ReadOnly(String),
    Version(String),
    Operation(String),
    NotAllowed(String),
    Quota(String),
    /// An `OverconstrainedError` naming the constraint that could not be satisfied.
    Overconstrained {
        constraint: String,
        message: String,
    },
    /// ECMAScript TypeError.
    Type(String),
    /// ECMAScript RangeError.
    Range(String),
    /// A JS exception is already pending on the context (e.g. a callback threw).
    JSFailed,
}

pub type Fallible<T> = Result<T, Error>;
pub type ErrorResult = Fallible<()>;

impl Error {
    /// The DOMException name, for DOMException variants.
    pub fn dom_name(&self) -> Option<(DOMErrorName, &str)> {
        use DOMErrorName as N;
        Some(match self {
            Error::IndexSize(m) => (N::IndexSizeError, m),
            Error::HierarchyRequest(m) => (N::HierarchyRequestError, m),
            Error::WrongDocument(m) => (N::WrongDocumentError, m),
            Error::InvalidCharacter(m) => (N::InvalidCharacterError, m),
            Error::NoModificationAllowed(m) => (N::NoModificationAllowedError, m),
            Error::NotFound(m) => (N::NotFoundError, m),
            Error::NotSupported(m) => (N::NotSupportedError, m),
            Error::InvalidState(m) => (N::InvalidStateError, m),
            Error::Syntax(m) => (N::SyntaxError, m),
            Error::InvalidModification(m) => (N::InvalidModificationError, m),
            Error::InvalidNodeType(m) => (N::InvalidNodeTypeError, m),
            Error::InUseAttribute(m) => (N::InUseAttributeError, m),
            Error::Namespace(m) => (N::NamespaceError, m),
            Error::InvalidAccess(m) => (N::InvalidAccessError, m),
            Error::Security(m) => (N::SecurityError, m),
            Error::Network(m) => (N::NetworkError, m),
            Error::Abort(m) => (N::AbortError, m),
            Error::Timeout(m) => (N::TimeoutError, m),
            Error::DataClone(m) => (N::DataCloneError, m),
            Error::Encoding(m) => (N::EncodingError, m),
            Error::NotReadable(m) => (N::NotReadableError, m),
            Error::Unknown(m) => (N::UnknownError, m),
            Error::Constraint(m) => (N::ConstraintError, m),
            Error::Data(m) => (N::DataError, m),
            Error::Transaction(m) => (N::TransactionInactiveError, m),
            Error::ReadOnly(m) => (N::ReadOnlyError, m),
            Error::Version(m) => (N::VersionError, m),
            Error::Operation(m) => (N::OperationError, m),
            Error::TypeMismatch(m) => (N::TypeMismatchError, m),
            Error::NotAllowed(m) => (N::NotAllowedError, m),
            Error::Quota(m) => (N::QuotaExceededError, m),
            Error::Overconstrained { .. } | Error::Type(_) | Error::Range(_) | Error::JSFailed => return None,
        })
    }
}

/// Clears the exception pending on `cx`, if any.
pub fn clear_pending_exception(cx: &mut JSContext) {
    // SAFETY: `cx` is this thread's live context; the raw pointer goes straight into a call
    // that only drops the pending exception (it cannot run a GC).
    unsafe { JS_ClearPendingException(cx.raw_cx()) }
}

/// Whether an exception is pending on `cx`.
pub fn is_exception_pending(cx: &mut JSContext) -> bool {
    // SAFETY: `cx` is this thread's live context; the raw pointer goes straight into a call
    // that only reads its state.
    unsafe { JS_IsExceptionPending(cx.raw_cx()) }
}

/// Throws a TypeError with `message` on a raw context.
///
/// # Safety
/// `cx` must be the current context.
pub unsafe fn throw_type_error_raw(cx: *mut RawJSContext, message: &str) {
    let message = CString::new(message.replace('\0', "")).unwrap_or_default();
    // SAFETY: the caller passes the current, live context (see # Safety), and no other
    // `JSContext` wrapper is used while this one lives.
    unsafe { mozjs::error::throw_type_error(&mut JSContext::from_ptr(std::ptr::NonNull::new_unchecked(cx)), &message) };
}

/// Throws a TypeError with `message`.
pub fn throw_type_error(cx: &mut JSContext, message: &str) {
    let message = CString::new(message.replace('\0', "")).unwrap_or_default();
    mozjs::error::throw_type_error(cx, &message);
}

/// Throws a RangeError with `message`.
pub fn throw_range_error(cx: &mut JSContext, message: &str) {
    let message = CString::new(message.replace('\0', "")).unwrap_or_default();
    mozjs::error::throw_range_error(cx, &message);
}

/// Turns `error` into a JS value (a DOMException, an OverconstrainedError, a
/// TypeError…). A pending exception (`JSFailed`) is taken off the context.
pub fn error_to_jsval(cx: &mut JSContext, global: &Window, error: Error, mut rval: MutableHandleValue) {
    match error {
        // SAFETY: `cx` is this thread's live context; its raw pointer goes straight into the call. `rval` is a rooted handle.
        Error::JSFailed => unsafe {
            if JS_IsExceptionPending(cx.raw_cx()) {
                assert!(mozjs::jsapi::JS_GetPendingException(cx.raw_cx(), rval.reborrow().into()));
                JS_ClearPendingException(cx.raw_cx());
            } else {
                rval.set(UndefinedValue());
            }
        },
        Error::Type(message) => {
            throw_type_error(cx, &message);
            error_to_jsval(cx, global, Error::JSFailed, rval);
        }
        Error::Range(message) => {
            throw_range_error(cx, &message);
            error_to_jsval(cx, global, Error::JSFailed, rval);
        }
        Error::Overconstrained { constraint, message } => {
            let err = crate::dom::mediacapture::overconstrainederror::OverconstrainedError::new(
                cx, global, constraint, message,
            );
            err.to_jsval(cx, rval);
        }
        other => {
            let (name, message) = other.dom_name().expect("every other variant is a DOMException");
            let exception = DOMException::new(cx, global, name, message.to_owned());
            exception.to_jsval(cx, rval);
        }
    }
}

/// Sets `error` as the pending exception on `cx`.
pub fn throw_dom_exception(cx: &mut JSContext, global: &Window, error: Error) {
    match error {
        // The exception is already pending — or there is none because script was terminated
        // (an interrupt ended it: `terminate()`, the engine's end), which is uncatchable and
        // must propagate as it is.
        Error::JSFailed => {
            // SAFETY: `cx` is this thread's live context; its raw pointer goes straight into the call.
            if !unsafe { JS_IsExceptionPending(cx.raw_cx()) } {
                log::debug!("a script was terminated inside a DOM call; the termination propagates");
            }
        }
        Error::Type(message) => throw_type_error(cx, &message),
        Error::Range(message) => throw_range_error(cx, &message),
        other => {
            rooted!(&in(cx) let mut value = UndefinedValue());
            error_to_jsval(cx, global, other, value.handle_mut());
            unsafe {
                // SAFETY: `cx` is this thread's live context; its raw pointer goes straight into the call. `value` is rooted.
                mozjs::jsapi::JS_SetPendingException(
                    cx.raw_cx(),
                    value.handle().into(),
                    mozjs::jsapi::ExceptionStackBehavior::Capture,
                )
            };
        }
    }
}

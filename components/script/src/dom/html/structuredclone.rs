//! `structuredClone()` (<https://html.spec.whatwg.org/multipage/structured-data.html#dom-structuredclone>)
//! on SpiderMonkey's structured clone algorithm: primitives, plain objects, arrays, Date, RegExp,
//! Map, Set, ArrayBuffer and views, Error objects and wrapper objects are cloned by the engine;
//! everything it cannot clone (functions, symbols, DOM objects: Aperture registers no
//! serializable platform objects yet) is a "DataCloneError" DOMException.
//!
//! FIXME: the `transfer` option (StructuredSerializeOptions) is not supported; the second
//! argument is not declared.

use std::ffi::CStr;
use std::os::raw::{c_char, c_void};

use mozjs::context::JSContext;
use mozjs::rust::{HandleValue, MutableHandleValue};

use crate::dom::bindings::error::{Error, ErrorResult};

/// Where the error hook leaves SpiderMonkey's message.
struct CloneError {
    message: Option<String>,
}

/// The `reportError` hook: records the message instead of throwing SpiderMonkey's own error,
/// so the caller throws the DOMException the HTML Standard names.
unsafe extern "C" fn report_error(
    _cx: *mut mozjs::jsapi::JSContext,
    _id: u32,
    closure: *mut c_void,
    message: *const c_char,
) {
    // SAFETY: `closure` is the `CloneError` that `structured_clone` passes for this call, alive
    // until JS_StructuredClone returns; `message` is null or a C string owned by SpiderMonkey.
    unsafe {
        let error = &mut *(closure as *mut CloneError);
        error.message = Some(if message.is_null() {
            String::new()
        } else {
            CStr::from_ptr(message).to_string_lossy().into_owned()
        });
    }
}

static CALLBACKS: mozjs::jsapi::JSStructuredCloneCallbacks = mozjs::jsapi::JSStructuredCloneCallbacks {
    read: None,
    write: None,
    reportError: Some(report_error),
    readTransfer: None,
    writeTransfer: None,
    freeTransfer: None,
    canTransfer: None,
    sabCloned: None,
};

/// StructuredSerialize then StructuredDeserialize of `value` in the current realm.
pub fn structured_clone(cx: &mut JSContext, value: HandleValue, rval: MutableHandleValue) -> ErrorResult {
    let mut error = CloneError { message: None };
    // SAFETY: `value` and `rval` are rooted handles; the callbacks are static and the closure
    // outlives the call.
    let ok = unsafe {
        mozjs::jsapi::JS_StructuredClone(
            cx.raw_cx(),
            value.into(),
            rval.into(),
            &CALLBACKS,
            &mut error as *mut CloneError as *mut c_void,
        )
    };
    if ok {
        return Ok(());
    }
    // An exception thrown by a getter while serializing propagates as it is.
    if error.message.is_none() && unsafe { mozjs::jsapi::JS_IsExceptionPending(cx.raw_cx()) } {
        return Err(Error::JSFailed);
    }
    // SAFETY: clearing whatever SpiderMonkey left pending before the DOMException is thrown.
    unsafe { mozjs::jsapi::JS_ClearPendingException(cx.raw_cx()) };
    let message = error.message.filter(|m| !m.is_empty()).unwrap_or_else(|| "The value could not be cloned.".into());
    Err(Error::DataClone(format!("Failed to execute 'structuredClone' on 'Window': {message}")))
}

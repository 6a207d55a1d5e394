//! The DOM: one file per interface, named after it in lower case, plus the
//! bindings runtime in `bindings/`.

pub mod bindings;
pub mod types;

pub mod abortcontroller;
pub mod abortsignal;
pub mod aperturetesthooks;
pub mod blob;
pub mod console;
pub mod domexception;
pub mod errorevent;
pub mod event;
pub mod eventtarget;
pub mod globalscope;
pub mod location;
pub mod navigator;
pub mod overconstrainederror;
pub mod performance;
pub mod promiserejectionevent;
pub mod window;

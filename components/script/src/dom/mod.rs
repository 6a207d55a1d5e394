//! The DOM: one file per interface, named after it in lower case, plus the
//! bindings runtime in `bindings/`.

pub mod bindings;
pub mod types;

pub mod abortcontroller;
pub mod abortsignal;
pub mod aperturetesthooks;
pub mod blob;
pub mod characterdata;
pub mod comment;
pub mod console;
pub mod create;
pub mod document;
pub mod documentfragment;
pub mod documenttype;
pub mod domexception;
pub mod element;
pub mod errorevent;
pub mod event;
pub mod eventtarget;
pub mod globalscope;
pub mod htmlcollection;
pub mod htmlelement;
pub mod htmlelements;
pub mod htmlmediaelement;
pub mod htmlscriptelement;
pub mod htmlvideoelement;
pub mod imagebitmap;
pub mod imagecapture;
pub mod location;
pub mod mediacapture;
pub mod navigator;
pub mod node;
pub mod nodelist;
pub mod overconstrainederror;
pub mod parentnode;
pub mod parser;
pub mod performance;
pub mod permissions;
pub mod promiserejectionevent;
pub mod text;
pub mod virtualmethods;
pub mod window;

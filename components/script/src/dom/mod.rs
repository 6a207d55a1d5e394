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
pub mod computedstyle;
pub mod console;
pub mod create;
pub mod cssproperties;
pub mod cssstyledeclaration;
pub mod document;
pub mod documentfragment;
pub mod documenttype;
pub mod domexception;
pub mod element;
pub mod errorevent;
pub mod eventhandlerattributes;
pub mod event;
pub mod eventtarget;
pub mod fetch;
pub mod globalscope;
pub mod headers;
pub mod htmlcollection;
pub mod htmlelement;
pub mod htmlelements;
pub mod htmliframeelement;
pub mod htmlscriptelement;
pub mod location;
pub mod navigator;
pub mod node;
pub mod nodelist;
pub mod overconstrainederror;
pub mod parentnode;
pub mod parser;
pub mod performance;
pub mod promiserejectionevent;
pub mod response;
pub mod selectormatching;
pub mod text;
pub mod virtualmethods;
pub mod window;

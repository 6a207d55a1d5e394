//! The bindings runtime: everything between SpiderMonkey and the DOM structs.

pub mod asynciterable;
pub mod callback;
pub mod classes;
pub mod codegen;
pub mod codegen_prelude;
pub mod conversions;
pub mod error;
pub mod inheritance;
pub mod interface;
pub mod iterable;
pub mod jit;
pub mod num;
pub mod promise;
pub mod proxyhandler;
pub mod reaction;
pub mod record;
pub mod refcounted;
pub mod reflector;
pub mod root;
pub mod str;
pub mod trace;

//! The bindings generated from `webidls/` by `webidl_codegen` (see build.rs).
#![allow(clippy::all, non_snake_case, non_camel_case_types, unused_imports, dead_code)]

include!(concat!(env!("OUT_DIR"), "/bindings.rs"));

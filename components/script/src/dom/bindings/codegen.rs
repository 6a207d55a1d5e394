//! The bindings generated from `webidls/` by `webidl_codegen` (see build.rs).
#![allow(clippy::all, non_snake_case, non_camel_case_types, unused_imports, dead_code)]
// FIXME(issue 17): the generator does not yet emit `unsafe {}` blocks inside its `unsafe extern
// "C"` ops nor `// SAFETY:` comments on its blocks and `unsafe impl`s (about 15 000 sites in the
// output), so the unsafe lints Cargo.toml denies are allowed here, in the generated module only.
#![allow(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

include!(concat!(env!("OUT_DIR"), "/bindings.rs"));

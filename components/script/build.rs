//! Generates the DOM bindings from `webidls/*.webidl` (see webidl_codegen).

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("bindings.rs");
    let webidls = manifest.join("webidls");
    println!("cargo:rerun-if-changed={}", webidls.display());
    match webidl_codegen::generate(&webidls, &webidls.join("Bindings.toml"), &out) {
        Ok(files) => {
            for f in files {
                println!("cargo:rerun-if-changed={}", f.display());
            }
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
                println!("cargo:warning={e}");
            }
            panic!("{} WebIDL error(s); see above", errors.len());
        }
    }
}

//! Golden tests: the generator's output for `golden/*.webidl` must equal the
//! checked-in `.rs` files. `UPDATE_GOLDEN=1 ./mach cargo test --workspace --test golden`
//! rewrites them after an intended change.

use webidl_codegen::emit::{Config, emit};

fn check(name: &str) {
    let dir = std::path::PathBuf::from(
        std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("tests/golden");
    let idl = dir.join(format!("{name}.webidl"));
    let text = std::fs::read_to_string(&idl).unwrap();
    let model = webidl_codegen::load_sources(&[(idl.clone(), text)]).unwrap_or_else(|e| panic!("{e:?}"));
    let mut config = Config::default();
    config.prefs.insert("sample_pref".into(), "a test pref".into());
    let output = emit(&model, &config).unwrap_or_else(|e| panic!("{e:?}")).to_source();
    let golden = dir.join(format!("{name}.rs"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &output).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    if expected != output {
        let first_diff = expected.lines().zip(output.lines()).position(|(a, b)| a != b);
        panic!(
            "{name}.rs differs from the generator's output (first differing line: {:?}); run with UPDATE_GOLDEN=1 if the change is intended",
            first_diff.map(|l| l + 1)
        );
    }
}

#[test]
fn sample() {
    check("Sample");
}

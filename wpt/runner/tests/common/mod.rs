//! Helpers shared by wpt-runner's integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

pub fn fixtures() -> PathBuf {
    PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into()))
        .join("tests/fixtures")
}

pub fn fixture_wpt() -> PathBuf {
    fixtures().join("wpt")
}

/// The real WPT subset, when present: $APERTURE_WPT_ROOT, else `shared/wpt` beside the checkout.
pub fn shared_wpt() -> Option<PathBuf> {
    let p = std::env::var_os("APERTURE_WPT_ROOT").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into()))
            .join("../../../shared/wpt")
    });
    p.join("resources/testharness.js").is_file().then_some(p)
}

/// A fresh, empty temporary directory (removed by `TempDir`'s drop).
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("wpt-runner-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

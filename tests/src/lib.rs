//! Helpers to run the `aperture` binary on a page and look at what it did.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// What a page run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// The repository root.
///
/// Read at run time (cargo sets `CARGO_MANIFEST_DIR` for the tests it runs): the target directory
/// is shared between checkouts (`.ci/run` builds a fresh clone into it), and cargo does not
/// rebuild a library only because its checkout moved, so a path compiled in with `env!` could
/// name another checkout's files.
pub fn repo_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    manifest.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR"))).parent().unwrap().to_path_buf()
}

/// The `aperture` binary built by the workspace (same target dir as this test).
pub fn aperture_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("APERTURE_BINARY") {
        return p.into();
    }
    // tests run from <target>/debug/deps/<test>; the binary is in <target>/debug.
    let exe = std::env::current_exe().unwrap();
    exe.parent().and_then(|deps| deps.parent()).map(|d| d.join("aperture")).unwrap()
}

/// Runs `aperture ARGS PAGE` with a generous deadline.
pub fn run(args: &[&str], page: &Path) -> Run {
    run_with(args, page.as_os_str(), &[])
}

/// Runs `aperture ARGS PAGE` (a path or a URL) with environment variables added.
pub fn run_with(args: &[&str], page: &std::ffi::OsStr, env: &[(&str, &std::ffi::OsStr)]) -> Run {
    let start = Instant::now();
    let mut command = Command::new(aperture_binary());
    command.args(args).arg(page);
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().unwrap_or_else(|e| {
        panic!("cannot run {}: {e} (build the workspace first: ./mach build)", aperture_binary().display())
    });
    Run {
        status: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: start.elapsed(),
    }
}

/// A page under tests/pages.
pub fn page(name: &str) -> PathBuf {
    repo_root().join("tests/pages").join(name)
}

/// Runs a test page that uses `resources/check.js`: every check must pass.
///
/// `APERTURE_PAGE_TIMEOUT` (seconds, default 60) is for slow builds: `./mach gc-zeal` runs the
/// pages under SpiderMonkey's GC zeal, many times slower.
pub fn run_check_page(name: &str, extra_args: &[&str]) {
    let timeout = std::env::var("APERTURE_PAGE_TIMEOUT").unwrap_or_else(|_| "60".to_owned());
    let mut args = vec!["--pref", "dom_testing_enabled=true", "--timeout", &timeout];
    args.extend_from_slice(extra_args);
    let r = run(&args, &page(name));
    assert_checks_pass(name, &r);
}

/// Every check of a `resources/check.js` page run passed, and the page ended normally.
pub fn assert_checks_pass(name: &str, r: &Run) {
    let passes = r.stdout.lines().filter(|l| l.starts_with("PASS ")).count();
    let fails: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("FAIL ")).collect();
    assert!(
        fails.is_empty() && passes > 0 && r.stdout.contains("CHECKS DONE") && r.status == Some(0),
        "{name}: {passes} passed, failures: {fails:#?}\nstatus {:?}\nstdout:\n{}\nstderr:\n{}",
        r.status,
        r.stdout,
        r.stderr
    );
}

/// The `.html` files directly in `tests/pages/<dir>` (`""` for `tests/pages`), sorted;
/// never empty (a test that finds no page would pass without checking anything).
/// `APERTURE_PAGES` (a comma-separated list of substrings) keeps the pages whose names contain
/// one of them, for running a few pages under `./mach gc-zeal`.
pub fn check_pages(dir: &str) -> Vec<String> {
    let mut pages: Vec<String> = std::fs::read_dir(repo_root().join("tests/pages").join(dir))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    if let Ok(filter) = std::env::var("APERTURE_PAGES") {
        pages.retain(|p| filter.split(',').any(|f| p.contains(f)));
        if pages.is_empty() {
            return pages;
        }
    }
    pages.sort();
    assert!(!pages.is_empty(), "no check pages in tests/pages/{dir}");
    pages
}

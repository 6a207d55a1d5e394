//! The DOM fuzzer (`tests/fuzz/dom-fuzz.html`) in the host, for a fixed set of seeds.
//!
//! Each seed runs `iterations` random calls; the page's own exceptions are expected
//! (`--allow-errors`). A bug is: a run killed by a signal (a crash, an abort), a hang past
//! `--timeout` (status 124), a panic or failed assertion on stderr, or a page that never printed
//! `FUZZ DONE`. `./mach test` runs a few seeds; `./mach fuzz dom [SEEDS] [ITERATIONS]` runs
//! more (APERTURE_DOM_FUZZ_SEEDS, APERTURE_DOM_FUZZ_ITERATIONS; APERTURE_DOM_FUZZ_FIRST_SEED
//! starts elsewhere). A failing seed replays with every call printed:
//! `aperture --pref dom_testing_enabled=true --allow-errors 'tests/fuzz/dom-fuzz.html?seed=N&n=M&log=1'`.

use std::path::Path;

use page_tests::{repo_root, run};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// What is wrong with one seed's run, if anything.
fn fuzz_seed(seed: u64, iterations: u64) -> Option<String> {
    let page = repo_root().join("tests/fuzz/dom-fuzz.html");
    let url = format!("{}?seed={seed}&n={iterations}", page.display());
    let r = run(&["--pref", "dom_testing_enabled=true", "--allow-errors", "--timeout", "20"], Path::new(&url));
    let stderr_bug = ["panicked", "assertion", "fatal runtime error", "RUST_BACKTRACE"]
        .into_iter()
        .find(|marker| r.stderr.contains(marker));
    let problem = match (r.status, stderr_bug) {
        (None, _) => Some("killed by a signal".to_string()),
        (Some(124), _) => Some("hung past --timeout 20".to_string()),
        (_, Some(marker)) => Some(format!("{marker:?} on stderr")),
        (Some(0), None) if r.stdout.contains("FUZZ DONE") => None,
        (Some(code), None) => Some(format!("status {code} without FUZZ DONE")),
    };
    problem.map(|p| {
        let tail: Vec<&str> = r.stderr.lines().filter(|l| !l.contains("Uncaught")).take(30).collect();
        format!(
            "seed {seed}: {p}\n  replay: aperture --pref dom_testing_enabled=true --allow-errors '{url}&log=1'\n{}",
            tail.join("\n")
        )
    })
}

#[test]
fn dom_fuzzer_finds_no_crash() {
    let first = env_number("APERTURE_DOM_FUZZ_FIRST_SEED", 1);
    let seeds = env_number("APERTURE_DOM_FUZZ_SEEDS", 12);
    let iterations = env_number("APERTURE_DOM_FUZZ_ITERATIONS", 400);
    let start = std::time::Instant::now();
    let failures: Vec<String> = (first..first + seeds).filter_map(|seed| fuzz_seed(seed, iterations)).collect();
    eprintln!(
        "DOM fuzzer: {seeds} seeds × {iterations} iterations in {:.1} s, {} failing",
        start.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

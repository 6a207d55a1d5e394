//! The runner end to end, against a fake engine (`tests/fixtures/fake-engine.sh`) that answers
//! like the protocol says: a result line, a crash, a hang, a panic.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::TempDir;

fn runner(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wpt-runner"));
    cmd.arg("--wpt-root")
        .arg(common::fixture_wpt())
        .arg("--binary")
        .arg(common::fixtures().join("fake-engine.sh"))
        // harness timeout 1 s, killed after 1.5 s + 0.5 s
        .args(["--timeout-multiplier", "0.1", "--kill-grace", "0.5"])
        .args(args)
        .env_remove("APERTURE_WPT_ROOT");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn last_two_lines(o: &Output) -> Vec<String> {
    let out = stdout(o);
    let lines: Vec<&str> = out.lines().collect();
    lines[lines.len() - 2..].iter().map(|s| s.to_string()).collect()
}

#[test]
fn passing_tests_exit_zero() {
    // (The fake engine only runs window pages: the .any.js test is named by its window URL.)
    let o = runner(&["basic/pass.html", "basic/idl.window.js", "basic/thing.any.html", "basic/ok-crash.html"], &[]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}\n{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("OK                        2/2          0  /basic/pass.html"), "{out}");
    assert!(out.contains("OK                        1/1          0  /basic/idl.window.html"), "{out}");
    assert!(out.contains("PASS                      1/1          0  /basic/ok-crash.html"), "{out}");
    assert_eq!(last_two_lines(&o), ["5 passed, 0 failed", "0 unexpected"]);
}

#[test]
fn engine_command_line() {
    let dir = TempDir::new("cmdline");
    let log = dir.0.join("log");
    let o = runner(&["basic/pass.html", "basic/long.html", "basic/ok-crash.html"], &[("FAKE_ENGINE_LOG", &log)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let lines: Vec<String> = fs::read_to_string(&log).unwrap().lines().map(str::to_owned).collect();
    let mut port_free: Vec<String> = lines
        .iter()
        .map(|l| {
            let (head, url) = l.split_once("url=http://127.0.0.1:").unwrap();
            format!("{head}url={}", &url[url.find('/').unwrap()..])
        })
        .collect();
    port_free.sort();
    assert_eq!(
        port_free,
        [
            // timeout=long: 60 s x 0.1; normal: 10 s x 0.1
            "crashtest=0 timeout=1 url=/basic/pass.html",
            "crashtest=0 timeout=6 url=/basic/long.html",
            "crashtest=1 timeout=1 url=/basic/ok-crash.html",
        ]
    );
}

#[test]
fn timeout_crash_and_errors_are_unexpected_by_default() {
    let dir = TempDir::new("failures");
    let report = dir.0.join("report.json");
    let o = runner(
        &[
            "-j",
            "3",
            "--log-wptreport",
            report.to_str().unwrap(),
            "basic/fail.html",
            "basic/hang.html",
            "basic/panic.html",
            "basic/segv-crash.html",
            "basic/silent.html",
            "basic/pass.html",
        ],
        &[],
    );
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("ERROR                     1/3          3  /basic/fail.html"), "{out}");
    assert!(out.contains("TIMEOUT                   0/0          1  /basic/hang.html"), "{out}");
    assert!(out.contains("CRASH                     0/0          1  /basic/panic.html"), "{out}");
    assert!(out.contains("CRASH                     0/1          1  /basic/segv-crash.html"), "{out}");
    assert!(out.contains("ERROR                     0/0          1  /basic/silent.html"), "{out}");
    assert!(out.contains("[broken] FAIL (expected PASS)\n      assert_equals: expected 1 but got 2"), "{out}");
    assert!(out.contains("engine crashed: exit code 101 (Rust panic)\n      thread 'main' panicked"), "{out}");
    assert!(out.contains("killed by signal 11 (SIGSEGV)"), "{out}");
    assert!(out.contains("engine exited 0 without reporting a result"), "{out}");
    assert_eq!(last_two_lines(&o), ["3 passed, 3 failed", "7 unexpected"]);

    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert!(json["time_start"].as_u64().unwrap() <= json["time_end"].as_u64().unwrap());
    assert_eq!(json["run_info"]["product"], "aperture");
    let results = json["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    let fail = results.iter().find(|r| r["test"] == "/basic/fail.html").unwrap();
    assert_eq!(fail["status"], "ERROR");
    assert_eq!(fail["expected"], "OK");
    assert_eq!(fail["message"], "Error: uncaught\nat line 3");
    assert_eq!(fail["subtests"][0], serde_json::json!({"name": "works", "status": "PASS", "message": null}));
    assert_eq!(fail["subtests"][1]["expected"], "PASS");
    assert!(fail["duration"].is_u64());
    let hang = results.iter().find(|r| r["test"] == "/basic/hang.html").unwrap();
    assert_eq!(hang["status"], "TIMEOUT");
    let pass = results.iter().find(|r| r["test"] == "/basic/pass.html").unwrap();
    assert!(pass.get("expected").is_none());
}

#[test]
fn expectations_update_and_compare() {
    let dir = TempDir::new("update");
    let meta = dir.0.join("meta");
    fs::create_dir_all(meta.join("basic")).unwrap();
    // A stale file (its test no longer exists) and an expectation that pass.html now beats.
    fs::write(meta.join("basic/removed.html.ini"), "[removed.html]\n  # r\n  expected: ERROR\n").unwrap();
    fs::write(meta.join("basic/pass.html.ini"), "[pass.html]\n  [one]\n    # not implemented\n    expected: FAIL\n")
        .unwrap();
    fs::write(
        meta.join("basic/hang.html.ini"),
        "[hang.html]\n  # hangs forever\n  expected: TIMEOUT\n  [first]\n    # never finishes\n    expected: TIMEOUT\n",
    )
    .unwrap();
    let meta_s = meta.to_str().unwrap();
    // The whole directory (so that stale files in it are looked for), filtered to four tests.
    let mut args = vec!["--meta", meta_s, "basic"];
    for t in ["/basic/fail.html", "/basic/hang.html", "/basic/pass.html", "/basic/segv-crash.html"] {
        args.extend(["--include", t]);
    }

    // The unexpected PASS fails the run; the stale file is reported.
    let o = runner(&args, &[]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("[one] PASS (expected FAIL)"), "{out}");
    assert!(out.contains("basic/removed.html is not a test (any more)"), "{out}");
    // The timed-out test's known subtest is NOTRUN.
    assert!(out.contains("[first] NOTRUN (expected TIMEOUT)"), "{out}");

    let mut update = args.clone();
    update.push("--update-expectations");
    let o = runner(&update, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!meta.join("basic/pass.html.ini").exists(), "fully passing: file deleted");
    assert!(!meta.join("basic/removed.html.ini").exists(), "stale file deleted");
    assert_eq!(
        fs::read_to_string(meta.join("basic/hang.html.ini")).unwrap(),
        "[hang.html]\n  # hangs forever\n  expected: TIMEOUT\n  [first]\n    # not run: engine timed out\n    expected: NOTRUN\n"
    );
    assert_eq!(
        fs::read_to_string(meta.join("basic/fail.html.ini")).unwrap(),
        "[fail.html]\n  # Error: uncaught\n  expected: ERROR\n  [broken]\n    # assert_equals: expected 1 but got 2\n    expected: FAIL\n  [later]\n    # not run: harness stopped early\n    expected: NOTRUN\n"
    );
    assert_eq!(
        fs::read_to_string(meta.join("basic/segv-crash.html.ini")).unwrap(),
        "[segv-crash.html]\n  # engine crashed: killed by signal 11 (SIGSEGV)\n  expected: CRASH\n"
    );

    // Now everything is as expected.
    let o = runner(&args, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(last_two_lines(&o), ["3 passed, 4 failed", "0 unexpected"]);

    // A missing reason fails the run even when the results match.
    fs::write(meta.join("basic/segv-crash.html.ini"), "[segv-crash.html]\n  expected: CRASH\n").unwrap();
    let o = runner(&args, &[]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("Expectation file errors (1):"), "{out}");
    assert!(out.contains("`expected: CRASH` has no reason"), "{out}");
    assert_eq!(last_two_lines(&o), ["3 passed, 4 failed", "0 unexpected"]);
}

#[test]
fn disabled_tests_are_skipped() {
    let dir = TempDir::new("disabled");
    fs::create_dir_all(dir.0.join("basic")).unwrap();
    fs::write(dir.0.join("basic/hang.html.ini"), "[hang.html]\n  disabled: hangs the CI\n").unwrap();
    let o = runner(&["--meta", dir.0.to_str().unwrap(), "basic/hang.html"], &[]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("/basic/hang.html: disabled: hangs the CI"), "{out}");
    assert_eq!(last_two_lines(&o), ["0 passed, 0 failed", "0 unexpected"]);
}

#[test]
fn usage_errors_exit_two() {
    let o = runner(&["--bogus"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = runner(&["basic/does-not-exist.html"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = Command::new(env!("CARGO_BIN_EXE_wpt-runner")).arg("--help").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("--update-expectations"));
    let o = Command::new(env!("CARGO_BIN_EXE_wpt-runner"))
        .args(["--binary", "/bin/true"])
        .env_remove("APERTURE_WPT_ROOT")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "no WPT root");
}

#[test]
fn list_only() {
    let o = runner(&["--list", "--exclude", "crash", "--include", "/basic/*i*.html", "basic"], &[]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("testharness /basic/idl.window.html  (timeout=long)\n"), "{out}");
    assert!(out.contains("testharness /basic/silent.html\n"), "{out}");
    assert!(!out.contains("ok-crash"), "excluded: {out}");
    assert!(!out.contains("pass.html"), "not included: {out}");
    assert!(out.contains("skipped     /basic/click-manual.html: manual test"), "{out}");
    assert!(!out.contains("reftest"), "skipped URLs are filtered too: {out}");
}

#[test]
fn chunks_split_the_files_without_overlap() {
    let listed = |args: &[&str]| -> Vec<String> {
        let o = runner(args, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o).lines().filter(|l| !l.starts_with("skipped")).map(str::to_owned).collect()
    };
    let all = listed(&["--list", "basic"]);
    let mut union = Vec::new();
    for n in ["1", "2", "3"] {
        let chunk = listed(&["--list", "--total-chunks", "3", "--this-chunk", n, "basic"]);
        assert!(!chunk.is_empty(), "chunk {n} is empty");
        assert!(chunk.iter().all(|l| !union.contains(l)), "chunk {n} overlaps an earlier one");
        union.extend(chunk);
    }
    union.sort();
    let mut all_sorted = all.clone();
    all_sorted.sort();
    assert_eq!(union, all_sorted, "the chunks together are the whole set");
    let o = runner(&["--list", "--total-chunks", "2", "--this-chunk", "3", "basic"], &[]);
    assert_eq!(o.status.code(), Some(2), "a chunk past the total is a usage error");
}

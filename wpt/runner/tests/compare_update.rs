//! Comparing results with expectations, and `--update-expectations`.

use std::collections::BTreeSet;

use wpt_runner::discovery::{Kind, TestFile};
use wpt_runner::ini::{self, interpret, parse};
use wpt_runner::results::{SubtestResult, TestResult, compare, find_report, parse_report};
use wpt_runner::status::Status::{self, *};
use wpt_runner::update::{reason_for, updated_file};

fn test(url: &str, kind: Kind) -> TestFile {
    let source = url.trim_start_matches('/').split('?').next().unwrap().to_owned();
    TestFile { source, url: url.into(), kind, timeout_long: false }
}

fn result(url: &str, status: Status, subtests: &[(&str, Status, Option<&str>)]) -> TestResult {
    TestResult {
        test: test(url, Kind::Testharness),
        status,
        message: None,
        subtests: subtests
            .iter()
            .map(|(n, s, m)| SubtestResult { name: n.to_string(), status: *s, message: m.map(str::to_owned) })
            .collect(),
        duration_ms: 1,
        stdout: String::new(),
        stderr: String::new(),
    }
}

fn expectations(text: &str) -> std::collections::BTreeMap<String, ini::TestExpectation> {
    let (t, errors) = interpret(&parse(text).unwrap());
    assert!(errors.is_empty(), "{errors:?}");
    t
}

#[test]
fn parses_result_lines() {
    let out = "noise\nprefix @@APERTURE-WPT-RESULT@@ {\"status\":2,\"message\":\"slow\",\"stack\":null,\"tests\":[{\"name\":\"a\",\"status\":4,\"message\":null,\"stack\":null}]}\n";
    let (status, message, subtests) = parse_report(find_report(out).unwrap()).unwrap();
    assert_eq!(status, Timeout);
    assert_eq!(message.as_deref(), Some("slow"));
    assert_eq!(subtests, [SubtestResult { name: "a".into(), status: PreconditionFailed, message: None }]);
    assert!(find_report("nothing here").is_none());
    assert!(parse_report("{").is_err());
    assert!(parse_report("{\"status\":9,\"tests\":[]}").unwrap_err().contains("unknown harness status"));
    assert!(parse_report("{\"status\":0,\"tests\":[{\"name\":\"a\",\"status\":7}]}").is_err());
    assert!(parse_report("{\"status\":0}").is_err());
}

#[test]
fn no_expectations_means_everything_passes() {
    let r = result("/d/t.html", Ok, &[("a", Pass, None), ("b", Fail, Some("nope"))]);
    let c = compare(&r, None);
    assert_eq!(c.unexpected.len(), 1);
    assert_eq!(c.unexpected[0].subtest.as_deref(), Some("b"));
    assert_eq!(c.unexpected[0].expected, [Pass]);
    assert_eq!(r.counts(), (1, 1));
    assert!(!r.fully_passes());
}

#[test]
fn unexpected_pass_is_unexpected() {
    let e = expectations(
        "[t.html]\n  # r\n  expected: ERROR\n  [a]\n    # r\n    expected: FAIL\n  [gone]\n    # r\n    expected: FAIL\n",
    );
    let r = result("/d/t.html", Ok, &[("a", Pass, None)]);
    let c = compare(&r, e.get("t.html"));
    let got: Vec<(Option<&str>, Status, Vec<Status>)> =
        c.unexpected.iter().map(|u| (u.subtest.as_deref(), u.actual, u.expected.clone())).collect();
    assert_eq!(got, [(None, Ok, vec![Error]), (Some("a"), Pass, vec![Fail])]);
    assert_eq!(c.stale_subtests, ["gone"]);

    let expected = result("/d/t.html", Error, &[("a", Fail, None), ("gone", Fail, None)]);
    assert!(compare(&expected, e.get("t.html")).unexpected.is_empty());
}

#[test]
fn intermittent_lists_and_crashtests() {
    let e = expectations("[t.html]\n  # flaky\n  expected: [OK, TIMEOUT]\n");
    assert!(compare(&result("/d/t.html", Timeout, &[]), e.get("t.html")).unexpected.is_empty());
    assert!(compare(&result("/d/t.html", Ok, &[]), e.get("t.html")).unexpected.is_empty());
    assert_eq!(compare(&result("/d/t.html", Crash, &[]), e.get("t.html")).unexpected.len(), 1);

    let mut crash = result("/d/x-crash.html", Pass, &[]);
    crash.test.kind = Kind::Crashtest;
    assert!(compare(&crash, None).unexpected.is_empty());
    assert_eq!(crash.counts(), (1, 0));
    crash.status = Crash;
    assert_eq!(compare(&crash, None).unexpected[0].expected, [Pass]);
    assert_eq!(crash.counts(), (0, 1));
}

#[test]
fn reasons_from_messages() {
    assert_eq!(
        reason_for(Fail, Some("  assert_equals: expected 1 but got 2\n    at foo.js:1\n")),
        "assert_equals: expected 1 but got 2"
    );
    assert_eq!(reason_for(Fail, Some("\n\nsecond line first")), "second line first");
    let long = "x".repeat(300);
    let r = reason_for(Fail, Some(&long));
    assert_eq!(r.chars().count(), 100);
    assert!(r.ends_with("..."));
    assert_eq!(reason_for(NotRun, None), "not run: harness stopped early");
    assert_eq!(reason_for(Timeout, Some("  ")), "timed out");
    assert_eq!(reason_for(Fail, None), "failed");
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn update_writes_new_failures_with_reasons() {
    let mut r = result(
        "/d/t.html",
        Error,
        &[("ok", Pass, None), ("bad", Fail, Some("assert_true: nope\nstack")), ("later", NotRun, None)],
    );
    r.message = Some("ReferenceError: ImageCaptureTest is not defined".into());
    let f = updated_file(None, &[&r], &names(&["t.html"]));
    assert_eq!(
        ini::write(&f),
        "[t.html]\n  # ReferenceError: ImageCaptureTest is not defined\n  expected: ERROR\n  [bad]\n    # assert_true: nope\n    expected: FAIL\n  [later]\n    # not run: harness stopped early\n    expected: NOTRUN\n"
    );
}

#[test]
fn update_keeps_reasons_of_unchanged_expectations() {
    let old = parse(
        "[t.html]\n  # old harness reason\n  expected: ERROR\n  bug: 123\n  [bad]\n    # hand-written reason\n    expected: FAIL\n  [fixed]\n    # was broken\n    expected: FAIL\n  [changed]\n    # was failing\n    expected: FAIL\n  [stale]\n    # gone\n    expected: FAIL\n  [flaky]\n    # sometimes times out\n    expected: [PASS, TIMEOUT]\n  [noreason]\n    expected: FAIL\n",
    )
    .unwrap();
    let r = result(
        "/d/t.html",
        Error,
        &[
            ("bad", Fail, Some("new message")),
            ("fixed", Pass, None),
            ("changed", Timeout, None),
            ("flaky", Pass, None),
            ("noreason", Fail, Some("why it fails")),
        ],
    );
    let f = updated_file(Some(&old), &[&r], &names(&["t.html"]));
    assert_eq!(
        ini::write(&f),
        "[t.html]\n  # old harness reason\n  expected: ERROR\n  bug: 123\n  [bad]\n    # hand-written reason\n    expected: FAIL\n  [changed]\n    # timed out\n    expected: TIMEOUT\n  [flaky]\n    # sometimes times out\n    expected: [PASS, TIMEOUT]\n  [noreason]\n    # why it fails\n    expected: FAIL\n"
    );
}

#[test]
fn update_drops_fully_passing_tests_and_keeps_unrun_ones() {
    let old = parse(
        "[t.any.html]\n  # r\n  expected: ERROR\n[t.any.worker.html]\n  # workers\n  expected: CRASH\n[t.any.gone.html]\n  # r\n  expected: ERROR\n",
    )
    .unwrap();
    let pass = result("/d/t.any.html", Ok, &[("a", Pass, None)]);
    let f = updated_file(Some(&old), &[&pass], &names(&["t.any.html", "t.any.worker.html"]));
    // The passing test's heading goes; the unrun (skipped) one stays; the unknown one goes.
    assert_eq!(ini::write(&f), "[t.any.worker.html]\n  # workers\n  expected: CRASH\n");
    let only = updated_file(
        Some(&parse("[t.html]\n  # r\n  expected: ERROR\n").unwrap()),
        &[&result("/d/t.html", Ok, &[])],
        &names(&["t.html"]),
    );
    assert!(only.is_empty(), "a fully passing test needs no file");
}

#[test]
fn update_output_is_stable() {
    let r = result("/d/t.html", Ok, &[("z", Fail, Some("z")), ("a", Fail, Some("a")), ("m", Timeout, None)]);
    let once = ini::write(&updated_file(None, &[&r], &names(&["t.html"])));
    let twice = ini::write(&updated_file(Some(&parse(&once).unwrap()), &[&r], &names(&["t.html"])));
    assert_eq!(once, twice);
    assert!(once.find("[a]").unwrap() < once.find("[m]").unwrap());
    assert!(once.find("[m]").unwrap() < once.find("[z]").unwrap());
    let (_, errors) = interpret(&parse(&once).unwrap());
    assert!(errors.is_empty(), "updated files satisfy the reason rule: {errors:?}");
}

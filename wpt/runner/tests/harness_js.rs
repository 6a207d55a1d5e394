//! Our testharnessreport.js and testdriver-vendor.js, run with WPT's real testharness.js and
//! testdriver.js under Node. Skipped when `node` or the WPT checkout is missing.

mod common;

use std::process::Command;

use serde_json::Value;

fn run(mode: &str) -> Option<String> {
    let root = common::shared_wpt().or_else(|| {
        eprintln!("skipped: no WPT checkout (set APERTURE_WPT_ROOT)");
        None
    })?;
    let harness = std::path::PathBuf::from(
        std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("../harness");
    let out = match Command::new("node")
        .arg(common::fixtures().join("harness-check.js"))
        .arg(&root)
        .arg(&harness)
        .arg(mode)
        .output()
    {
        Ok(o) => o,
        Err(_) => {
            eprintln!("skipped: no node");
            return None;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    Some(stdout)
}

fn line<'a>(out: &'a str, prefix: &str) -> Option<&'a str> {
    out.lines().find_map(|l| l.strip_prefix(prefix))
}

fn statuses(report: &Value) -> Vec<(String, i64)> {
    report["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap().to_owned(), t["status"].as_i64().unwrap()))
        .collect()
}

#[test]
fn reports_through_the_hook_and_rejects_set_permission() {
    let Some(out) = run("hooks") else { return };
    let report: Value = serde_json::from_str(line(&out, "REPORT ").expect(&out)).unwrap();
    assert_eq!(report["status"], 0);
    assert!(report["message"].is_null());
    let names = |v: &[(&str, i64)]| v.iter().map(|(n, s)| (n.to_string(), *s)).collect::<Vec<_>>();
    assert_eq!(
        statuses(&report),
        names(&[
            ("passes", 0),
            ("fails", 1),
            ("permission-helper tolerates or succeeds", 0),
            ("set_permission", 1),
            ("in automation", 0),
        ])
    );
    let fails = &report["tests"][1];
    assert!(fails["message"].as_str().unwrap().contains("one is two"), "{fails}");
    assert!(fails["stack"].is_string() || fails["stack"].is_null());
    let set = &report["tests"][3];
    assert!(set["message"].as_str().unwrap().contains("set_permission not implemented"), "{set}");
    // With the hook present, the in-page results table is turned off; no multiplier by default.
    assert_eq!(line(&out, "SETUP ").unwrap(), "{\"output\":false}");
    assert!(!out.contains("@@APERTURE-WPT-RESULT@@"));
}

#[test]
fn set_permission_goes_to_the_hook() {
    let Some(out) = run("permission") else { return };
    let report: Value = serde_json::from_str(line(&out, "REPORT ").expect(&out)).unwrap();
    assert!(statuses(&report).iter().all(|(n, s)| *s == 0 || n == "fails"), "{report}");
    let calls: Vec<Value> =
        out.lines().filter_map(|l| l.strip_prefix("PERMISSION ")).map(|j| serde_json::from_str(j).unwrap()).collect();
    assert_eq!(
        calls,
        [
            serde_json::json!({"descriptor": {"name": "camera"}, "state": "granted"}),
            serde_json::json!({"descriptor": {"name": "microphone"}, "state": "granted"}),
            serde_json::json!({"descriptor": {"name": "camera", "panTiltZoom": true}, "state": "denied"}),
        ]
    );
}

#[test]
fn without_hooks_the_result_goes_to_the_console() {
    let Some(out) = run("console") else { return };
    let json = line(&out, "@@APERTURE-WPT-RESULT@@ ").expect(&out);
    let report: Value = serde_json::from_str(json).unwrap();
    assert_eq!(report["tests"].as_array().unwrap().len(), 5);
    assert!(line(&out, "SETUP ").is_none(), "no setup() call needed: {out}");
    // The same parser the runner uses accepts it.
    let (status, _, subtests) =
        wpt_runner::results::parse_report(wpt_runner::results::find_report(&out).unwrap()).unwrap();
    assert_eq!(status, wpt_runner::status::Status::Ok);
    assert_eq!(subtests.len(), 5);
}

#[test]
fn timeout_multiplier_reaches_testharness() {
    let Some(out) = run("multiplier") else { return };
    assert_eq!(line(&out, "SETUP ").unwrap(), "{\"output\":false,\"timeout_multiplier\":3}");
    assert!(line(&out, "REPORT ").is_some());
}

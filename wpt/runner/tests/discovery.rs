//! Finding tests in a WPT tree.

mod common;

use wpt_runner::discovery::{Kind, discover, find_tags, pattern_matches, resolve_path};

#[test]
fn discovers_the_fixture_tree() {
    let d = discover(&common::fixture_wpt(), &[]).unwrap();
    let tests: Vec<(&str, Kind, bool)> = d.tests.iter().map(|t| (t.url.as_str(), t.kind, t.timeout_long)).collect();
    use Kind::*;
    assert_eq!(
        tests,
        [
            ("/basic/crashtests/in-dir.html", Crashtest, false),
            ("/basic/fail.html", Testharness, false),
            ("/basic/hang.html", Testharness, false),
            ("/basic/idl.window.html", Testharness, true),
            ("/basic/job.worker.html", Testharness, false),
            ("/basic/long.html", Testharness, true),
            ("/basic/ok-crash.html", Crashtest, false),
            ("/basic/panic.html", Testharness, false),
            ("/basic/pass.html", Testharness, false),
            ("/basic/segv-crash.html", Crashtest, false),
            ("/basic/silent.html", Testharness, false),
            ("/basic/thing.any.html", Testharness, false),
            ("/basic/thing.any.worker.html", Testharness, false),
            ("/basic/variants.html?a", Testharness, false),
            ("/basic/variants.html?b", Testharness, false),
            ("/basic/workeronly.any.worker.html", Testharness, false),
        ]
    );
    let skipped: Vec<&str> = d.skipped.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(
        skipped,
        [
            "/basic/click-manual.html",
            "/basic/reftest.html",
            "/basic/thing.any.serviceworker.html",
            "/basic/thing.any.sharedworker.html",
        ]
    );
    assert!(
        d.skipped
            .iter()
            .find(|s| s.url.ends_with("thing.any.sharedworker.html"))
            .unwrap()
            .reason
            .contains("not supported")
    );
    // Names used for expectation files.
    let idl = d.tests.iter().find(|t| t.url == "/basic/idl.window.html").unwrap();
    assert_eq!(idl.source, "basic/idl.window.js");
    assert_eq!(idl.meta_path(), "basic/idl.window.js.ini");
    assert_eq!(idl.section_name(), "idl.window.html");
    let v = d.tests.iter().find(|t| t.url == "/basic/variants.html?b").unwrap();
    assert_eq!(v.section_name(), "variants.html?b");
    assert_eq!(v.meta_path(), "basic/variants.html.ini");
}

#[test]
fn paths_select_files_dirs_and_urls() {
    let root = common::fixture_wpt();
    let urls = |paths: &[&str]| {
        let paths: Vec<String> = paths.iter().map(|s| s.to_string()).collect();
        discover(&root, &paths).unwrap().tests.into_iter().map(|t| t.url).collect::<Vec<_>>()
    };
    assert_eq!(urls(&["basic/pass.html"]), ["/basic/pass.html"]);
    assert_eq!(urls(&["/basic/idl.window.js"]), ["/basic/idl.window.html"]);
    assert_eq!(urls(&["basic/idl.window.html"]), ["/basic/idl.window.html"]);
    assert_eq!(urls(&["basic/variants.html?b"]), ["/basic/variants.html?b"]);
    assert_eq!(urls(&["./basic/crashtests/"]), ["/basic/crashtests/in-dir.html"]);
    assert_eq!(urls(&["basic/pass.html", "basic/pass.html"]), ["/basic/pass.html"]);
    assert!(urls(&["hdr"]).is_empty());
    assert!(urls(&["basic/support/helper.html"]).is_empty(), "support files are never tests");
    assert_eq!(urls(&["basic/thing.any.worker.html"]), ["/basic/thing.any.worker.html"]);
    let skipped = discover(&root, &["basic/thing.any.sharedworker.html".into()]).unwrap();
    assert!(skipped.tests.is_empty());
    assert_eq!(skipped.skipped.len(), 1);
    assert!(discover(&root, &["basic/nothing.html".into()]).is_err());
    assert!(discover(&root.join("nope"), &[]).is_err());
}

#[test]
fn tag_scanner_and_paths() {
    let tags = find_tags(
        "<SCRIPT src=a.js></script><script\nsrc='b.js' async><scripts src=x><meta name=timeout content=\"long\">",
        "script",
    );
    let srcs: Vec<&str> = tags.iter().map(|t| t["src"].as_str()).collect();
    assert_eq!(srcs, ["a.js", "b.js"]);
    assert!(tags[1].contains_key("async"));
    assert_eq!(resolve_path("/a/b/t.html", "../resources/testharness.js").unwrap(), "/a/resources/testharness.js");
    assert_eq!(resolve_path("/a/t.html", "../resources/testharness.js?x").unwrap(), "/resources/testharness.js");
    assert_eq!(resolve_path("/a/t.html", "/resources/testharness.js").unwrap(), "/resources/testharness.js");
    assert_eq!(resolve_path("/a/t.html", "http://x/resources/testharness.js"), None);
}

#[test]
fn include_exclude_patterns() {
    assert!(pattern_matches("pass", "/basic/pass.html"));
    assert!(!pattern_matches("fail", "/basic/pass.html"));
    assert!(pattern_matches("/basic/*.html", "/basic/pass.html"));
    assert!(pattern_matches("basic/p?ss.*", "/basic/pass.html"));
    assert!(!pattern_matches("/other/*", "/basic/pass.html"));
}

#[test]
fn discovers_the_shared_wpt_subset() {
    let Some(root) = common::shared_wpt() else {
        eprintln!("skipped: no WPT checkout (set APERTURE_WPT_ROOT)");
        return;
    };
    let d = discover(&root, &["mediacapture-image".into(), "mediacapture-fromelement".into()]).unwrap();
    assert_eq!(d.tests.len(), 33);
    assert_eq!(d.tests.iter().filter(|t| t.kind == Kind::Crashtest).count(), 1);
    let long: Vec<&str> = d.tests.iter().filter(|t| t.timeout_long).map(|t| t.url.as_str()).collect();
    assert_eq!(long, ["/mediacapture-image/idlharness.https.window.html"]);
    assert!(d.tests.iter().any(|t| t.url == "/mediacapture-fromelement/idlharness.window.html"));
    assert!(
        d.tests.iter().any(|t| t.url == "/mediacapture-image/takePhoto-without-PhotoCapabilities.https.window.html")
    );
    assert!(d.skipped.is_empty());
}

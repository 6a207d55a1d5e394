//! `.window.js`/`.any.js` wrappers and their META lines.

use wpt_runner::wrapper::{any_globals, any_suffix, any_window_wrapper, parse_meta, variants, window_wrapper};

fn meta(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn meta_lines_are_read_until_the_first_other_line() {
    let src = "// META: title=A & B\n//META:script=/x.js\n// META: timeout=long\r\n\n// META: script=/late.js\n";
    assert_eq!(parse_meta(src), meta(&[("title", "A & B"), ("script", "/x.js"), ("timeout", "long")]));
    assert!(parse_meta("'use strict';\n// META: script=/x.js\n").is_empty());
    assert!(parse_meta("  // META: script=/x.js\n").is_empty(), "wptserve only matches at line start");
}

#[test]
fn window_wrapper_matches_wptserve() {
    let m =
        meta(&[("script", "/resources/WebIDLParser.js"), ("script", "/resources/idlharness.js"), ("timeout", "long")]);
    let expected = "<!doctype html>\n<meta charset=utf-8>\n<meta name=\"timeout\" content=\"long\">\n\
<script src=\"/resources/testharness.js\"></script>\n<script src=\"/resources/testharnessreport.js\"></script>\n\
<script src=\"/resources/WebIDLParser.js\"></script>\n<script src=\"/resources/idlharness.js\"></script>\n\
<div id=log></div>\n<script src=\"/mediacapture-image/idlharness.https.window.js\"></script>\n";
    assert_eq!(window_wrapper(&m, "/mediacapture-image/idlharness.https.window.js"), expected);
    // No META: empty sections, as wptserve leaves them.
    assert_eq!(
        window_wrapper(&[], "/a/b.window.js"),
        "<!doctype html>\n<meta charset=utf-8>\n\n<script src=\"/resources/testharness.js\"></script>\n\
<script src=\"/resources/testharnessreport.js\"></script>\n\n<div id=log></div>\n<script src=\"/a/b.window.js\"></script>\n"
    );
}

#[test]
fn wrapper_escapes_title_and_script() {
    let w = window_wrapper(
        &meta(&[("title", "a<b & c"), ("script", "x.js?a=1&b=\"2\""), ("timeout", "normal")]),
        "/t.window.js",
    );
    assert!(w.contains("<title>a&lt;b &amp; c</title>"));
    assert!(w.contains("<script src=\"x.js?a=1&amp;b=&quot;2&quot;\"></script>"));
    assert!(!w.contains("name=\"timeout\""), "only timeout=long produces a meta tag");
}

#[test]
fn any_wrapper_defines_global_before_testharness() {
    let w = any_window_wrapper(&meta(&[("title", "T")]), "/a/x.any.js");
    let global = w.find("self.GLOBAL = {").unwrap();
    let harness = w.find("/resources/testharness.js").unwrap();
    assert!(global < harness);
    assert!(w.contains("isWindow: function() { return true; }"));
    assert!(w.contains("isWorker: function() { return false; }"));
    assert!(w.contains("isShadowRealm: function() { return false; }"));
    assert!(w.contains("<title>T</title>"));
    assert!(w.ends_with("<script src=\"/a/x.any.js\"></script>\n"));
}

#[test]
fn any_globals_and_suffixes() {
    let g = |v: &str| any_globals(&meta(&[("global", v)])).into_iter().collect::<Vec<_>>();
    assert_eq!(any_globals(&[]).into_iter().collect::<Vec<_>>(), ["dedicatedworker", "window"]);
    assert_eq!(g("window,worker"), ["dedicatedworker", "serviceworker", "sharedworker", "window"]);
    assert_eq!(g("default,-dedicatedworker"), ["window"]);
    assert_eq!(g("dedicatedworker"), ["dedicatedworker"]);
    assert_eq!(any_suffix("window"), ".any.html");
    assert_eq!(any_suffix("dedicatedworker"), ".any.worker.html");
    assert_eq!(any_suffix("sharedworker"), ".any.sharedworker.html");
    assert_eq!(variants(&[]), [""]);
    assert_eq!(variants(&meta(&[("variant", "?a"), ("variant", "?b")])), ["?a", "?b"]);
}

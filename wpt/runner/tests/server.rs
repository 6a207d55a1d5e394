//! Serving the WPT root like wptserve.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;

use wpt_runner::server::{Request, Response, ServeConfig, Server, content_type, respond};

fn cfg() -> ServeConfig {
    ServeConfig { root: common::fixture_wpt(), timeout_multiplier: 1.0 }
}

fn get(target: &str) -> Response {
    respond(&cfg(), &Request::get(target, 8000))
}

fn body(r: &Response) -> String {
    String::from_utf8(r.body.clone()).unwrap()
}

#[test]
fn webidlparser_is_rewritten() {
    let r = get("/resources/WebIDLParser.js");
    assert_eq!(r.status, 200);
    assert!(body(&r).contains("fixture: the file /resources/WebIDLParser.js is rewritten to"));
    assert_eq!(r.header("content-type"), Some("text/javascript; charset=utf-8"));
}

#[test]
fn our_harness_files_replace_wpts() {
    let r = get("/resources/testharnessreport.js");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/javascript; charset=utf-8"));
    let b = body(&r);
    assert!(b.contains("var __apertureTimeoutMultiplier = 1;"));
    assert!(b.contains("@@APERTURE-WPT-RESULT@@"));
    assert!(b.contains("add_completion_callback"));
    let slow = respond(
        &ServeConfig { root: common::fixture_wpt(), timeout_multiplier: 2.5 },
        &Request::get("/resources/testharnessreport.js", 1),
    );
    assert!(body(&slow).contains("var __apertureTimeoutMultiplier = 2.5;"));
    let v = get("/resources/testdriver-vendor.js");
    assert_eq!(v.status, 200);
    assert!(body(&v).contains("set_permission not implemented"));
}

#[test]
fn wrappers_are_generated() {
    let r = get("/basic/idl.window.html");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html"));
    let b = body(&r);
    assert!(b.contains("<title>IDL &amp; &lt;friends></title>"), "{b}");
    assert!(b.contains("<meta name=\"timeout\" content=\"long\">"));
    assert!(b.contains("<script src=\"/resources/WebIDLParser.js\"></script>\n<script src=\"helper.js?a=1&amp;b=&quot;2&quot;\"></script>"));
    assert!(b.contains("<script src=\"/basic/idl.window.js\"></script>"));
    assert!(!b.contains("ignored.js"));

    let any = get("/basic/thing.any.html?x=1");
    assert_eq!(any.status, 200);
    assert!(body(&any).contains("self.GLOBAL"));
    assert!(body(&any).contains("<script src=\"/basic/thing.any.js\"></script>"));
    // Worker-only .any.js has no window wrapper; the dedicated worker wrapper page runs the
    // generated worker script, which imports testharness.js and the test.
    assert_eq!(get("/basic/workeronly.any.html").status, 404);
    let page = get("/basic/thing.any.worker.html?x=1");
    assert_eq!(page.status, 200);
    assert!(
        body(&page).contains("fetch_tests_from_worker(new Worker(\"/basic/thing.any.worker.js?x=1\"))"),
        "{}",
        body(&page)
    );
    let script = get("/basic/thing.any.worker.js");
    assert_eq!(script.status, 200);
    assert!(body(&script).contains("importScripts(\"/resources/testharness.js\");"));
    assert!(body(&script).contains("importScripts(\"/basic/thing.any.js\");\ndone();"));
    assert_eq!(get("/basic/job.worker.html").status, 200);
    assert_eq!(get("/basic/thing.any.sharedworker.html").status, 404);
    assert_eq!(get("/basic/missing.window.html").status, 404);
    // The script itself is served as is.
    let js = get("/basic/idl.window.js");
    assert_eq!(js.status, 200);
    assert_eq!(js.header("content-type"), Some("text/javascript"));
}

#[test]
fn headers_files_apply_dir_then_file() {
    let r = get("/hdr/page.html");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-dir"), Some("from-dir"));
    assert_eq!(r.header("x-both"), Some("file"));
    assert_eq!(r.header("content-type"), Some("text/html; charset=windows-1252"));
    assert_eq!(r.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case("content-type")).count(), 1);
    // __dir__.headers applies to the other files of the directory too.
    assert_eq!(get("/hdr/data.idl").header("x-dir"), Some("from-dir"));
    // But not to other directories.
    assert_eq!(get("/basic/pass.html").header("x-dir"), None);
}

#[test]
fn sub_files_are_substituted() {
    let mut req = Request::get("/hdr/page.sub.html?x=<v>&y=2", 8123);
    req.headers.push(("Host".into(), "127.0.0.1:8123".into()));
    let b = body(&respond(&cfg(), &req));
    assert!(b.contains("host=127.0.0.1 port=8123 www=www1.localhost main=127.0.0.1 alt=localhost"), "{b}");
    assert!(b.contains("loc=127.0.0.1:8123 path=/hdr/page.sub.html query=?x=&lt;v&gt;&amp;y=2 get=&lt;v&gt;"), "{b}");
    assert!(b.contains("unknown={{nope}}"), "unsupported expressions stay as written");
    // Not substituted without `.sub.`.
    assert!(body(&get("/basic/pass.html")).contains("FAKE-ENGINE"));
}

#[test]
fn content_types_and_errors() {
    assert_eq!(content_type("a/b.html"), "text/html");
    assert_eq!(content_type("a/b.xhtml"), "application/xhtml+xml");
    assert_eq!(content_type("a/b.js"), "text/javascript");
    assert_eq!(content_type("a/b.webm"), "video/webm");
    assert_eq!(content_type("a/b.idl"), "text/plain");
    assert_eq!(content_type("a/b.png"), "image/png");
    assert_eq!(content_type("a/b"), "application/octet-stream");
    assert_eq!(get("/nope.html").status, 404);
    assert_eq!(get("/basic").status, 404, "no directory listings");
    assert_eq!(get("/../etc/passwd").status, 403);
    assert_eq!(get("/basic/%2e%2e/%2e%2e/etc/passwd").status, 403);
    assert_eq!(get("/basic/pass%2Ehtml").status, 200, "percent-decoding");
    let mut post = Request::get("/basic/pass.html", 1);
    post.method = "POST".into();
    assert_eq!(respond(&cfg(), &post).status, 405);
    let mut head = Request::get("/basic/pass.html", 1);
    head.method = "HEAD".into();
    let h = respond(&cfg(), &head);
    assert!(h.body.is_empty());
    assert_eq!(h.header("content-length").unwrap(), get("/basic/pass.html").body.len().to_string());
}

#[test]
fn serves_over_tcp() {
    let server = Server::start(cfg()).unwrap();
    assert!(server.base_url().starts_with("http://127.0.0.1:"));
    let fetch = |target: &str| {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(s, "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", server.port).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    };
    let ok = fetch("/basic/pass.html");
    assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
    assert!(ok.contains("\r\nContent-Type: text/html\r\n"));
    assert!(ok.contains("\r\nConnection: close\r\n"));
    assert!(ok.ends_with(&body(&get("/basic/pass.html"))));
    assert!(fetch("/missing").starts_with("HTTP/1.1 404 Not Found\r\n"));
    let sub = fetch("/hdr/page.sub.html");
    assert!(sub.contains(&format!("port={}", server.port)));
}

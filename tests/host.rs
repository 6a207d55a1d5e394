//! The headless host, run as a user runs it.

use std::io::{Read, Write};
use std::net::TcpListener;

use page_tests::{page, repo_root, run};

#[test]
fn hello_example_runs_in_order() {
    let r = run(&[], &repo_root().join("examples/hello.html"));
    assert_eq!(r.status, Some(0), "stderr: {}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let expected_prefixes = [
        "1. inline script: hello from hello.html",
        "2. external script: object [ 1, 2, 3 ] { answer: 42 }",
        "3. a microtask runs when the script ends",
        "4. a resolved promise",
        "5. load event, trusted: true",
        "6. setTimeout chain, step 1",
        "6. setTimeout chain, step 2",
        "6. setTimeout chain, step 3",
        "7. done after",
    ];
    assert_eq!(lines.len(), expected_prefixes.len(), "stdout:\n{}", r.stdout);
    for (line, prefix) in lines.iter().zip(expected_prefixes) {
        assert!(line.starts_with(prefix), "expected {prefix:?}, got {line:?}");
    }
    assert!(lines[8].ends_with("secure context: true"), "{}", lines[8]);
}

#[test]
fn syntax_error_names_file_and_line() {
    let r = run(&[], &page("host/syntax-error.html"));
    assert_eq!(r.status, Some(1), "stdout {}\nstderr {}", r.stdout, r.stderr);
    assert!(r.stderr.contains("syntax-error.html:4:"), "stderr: {}", r.stderr);
    assert!(r.stderr.contains("SyntaxError"), "stderr: {}", r.stderr);
    // The next script still runs.
    assert!(r.stdout.contains("after the broken script"), "stdout: {}", r.stdout);
    assert!(!r.stderr.contains("panicked"), "stderr: {}", r.stderr);
}

#[test]
fn uncaught_exception_names_file_and_line() {
    let r = run(&[], &page("host/uncaught.html"));
    assert_eq!(r.status, Some(1));
    assert!(r.stderr.contains("uncaught.js:3:"), "stderr: {}", r.stderr);
    assert!(r.stderr.contains("Uncaught TypeError"), "stderr: {}", r.stderr);
    assert!(r.stderr.contains("Uncaught Error: from a timer"), "stderr: {}", r.stderr);
    assert!(r.stderr.contains("Uncaught (in promise) RangeError: rejected and never handled"), "stderr: {}", r.stderr);
    assert!(!r.stderr.contains("handled later"), "a handled rejection was reported: {}", r.stderr);
    // --allow-errors keeps the exit status 0.
    let r = run(&["--allow-errors"], &page("host/uncaught.html"));
    assert_eq!(r.status, Some(0));
}

#[test]
fn timeout_stops_a_page_that_never_ends() {
    let r = run(&["--timeout", "0.5"], &page("host/forever.html"));
    assert_eq!(r.status, Some(124), "stderr {}", r.stderr);
    assert!(r.elapsed.as_secs_f64() < 10.0);
    assert!(r.stdout.contains("tick"), "{}", r.stdout);
}

#[test]
fn bad_usage_and_missing_page() {
    let r = run(&["--no-such-option"], &page("host/forever.html"));
    assert_eq!(r.status, Some(2));
    let r = run(&[], &page("host/does-not-exist.html"));
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("404") || r.stderr.contains("not"), "{}", r.stderr);
}

/// Serves `files` on localhost for one test.
fn serve(files: Vec<(&'static str, &'static str)>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let path = request.split_whitespace().nth(1).unwrap_or("/").split('?').next().unwrap_or("/").to_string();
            let body = files.iter().find(|(p, _)| *p == path).map(|(_, b)| *b);
            let response = match body {
                Some(b) => format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{b}", b.len()),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    port
}

#[test]
fn http_localhost_page_keeps_its_query() {
    let port = serve(vec![
        ("/page.html", "<script src=\"lib.js\"></script><script>console.log(location.search, location.host === `127.0.0.1:${location.port}`, isSecureContext, answer)</script>"),
        ("/lib.js", "var answer = 42;"),
    ]);
    let url = format!("http://127.0.0.1:{port}/page.html?x=1&y=two");
    let r = run(&[], std::path::Path::new(&url));
    assert_eq!(r.status, Some(0), "stderr {}", r.stderr);
    assert_eq!(r.stdout.trim(), "?x=1&y=two true true 42");
}

#[test]
fn file_page_with_query_string() {
    let p = format!("{}?mode=fast", page("host/query.html").display());
    let r = run(&[], std::path::Path::new(&p));
    assert_eq!(r.status, Some(0), "stderr {}", r.stderr);
    assert_eq!(r.stdout.trim(), "?mode=fast");
}

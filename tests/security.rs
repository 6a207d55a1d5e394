//! Security of pixels and of local resources (issue 15, item 5), with two real origins:
//! `tests/pages/security/origin-security.html` is served as `http://127.0.0.1:PORT`, and the
//! same server is another origin as `http://localhost:PORT` (a cross-origin image that taints,
//! a frame whose blob URL the page must not use). The media-capture paths of a tainted canvas
//! are also covered with the test hook in `tests/pages/media/canvas-capture.html` and
//! `recorder.html`.

use std::io::{Read, Write};
use std::net::TcpListener;

use page_tests::{repo_root, run};

/// A 2×2 opaque red PNG.
const RED_PNG: [u8; 74] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x06, 0x00, 0x00, 0x00, 0x72, 0xb6, 0x0d, 0x24, 0x00, 0x00, 0x00, 0x11, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x84, 0x19, 0x60, 0x0c, 0x00, 0x47, 0xca, 0x07,
    0xf9, 0x67, 0x59, 0x6e, 0xb7, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Serves `files` (path, content type, body) on 127.0.0.1 (reached as `localhost` too), and
/// each under `/cors/` with `Access-Control-Allow-Origin: *`.
fn serve(files: Vec<(&'static str, &'static str, Vec<u8>)>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 8192];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let path = request.split_whitespace().nth(1).unwrap_or("/").split('?').next().unwrap_or("/").to_string();
            // `/cors/NAME` is NAME with a CORS header that allows every origin.
            let (path, cors) = match path.strip_prefix("/cors") {
                Some(rest) => (rest.to_string(), "Access-Control-Allow-Origin: *\r\n"),
                None => (path, ""),
            };
            let response: Vec<u8> = match files.iter().find(|(p, _, _)| *p == path) {
                Some((_, ty, body)) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {ty}\r\n{cors}Content-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                )
                .into_bytes()
                .into_iter()
                .chain(body.iter().copied())
                .collect(),
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    port
}

#[test]
fn no_pixels_of_a_tainted_canvas_and_no_foreign_local_resources() {
    let read = |p: &str| std::fs::read(repo_root().join(p)).unwrap();
    let port = serve(vec![
        ("/page.html", "text/html", read("tests/pages/security/origin-security.html")),
        ("/child.html", "text/html", read("tests/pages/security/child.html")),
        ("/check.js", "text/javascript", read("tests/pages/resources/check.js")),
        ("/red.png", "image/png", RED_PNG.to_vec()),
        ("/green.webm", "video/webm", read("tests/pages/security/green.webm")),
    ]);
    let url = format!("http://127.0.0.1:{port}/page.html");
    let r = run(&["--pref", "dom_testing_enabled=true", "--timeout", "60"], std::path::Path::new(&url));
    let passes = r.stdout.lines().filter(|l| l.starts_with("PASS ")).count();
    let fails: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("FAIL ")).collect();
    assert!(
        fails.is_empty() && passes > 0 && r.stdout.contains("CHECKS DONE") && r.status == Some(0),
        "{passes} passed, failures: {fails:#?}\nstatus {:?}\nstdout:\n{}\nstderr:\n{}",
        r.status,
        r.stdout,
        r.stderr
    );
}

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
        (
            "/page.html",
            "<script src=\"lib.js\"></script><script>console.log(location.search, location.host === `127.0.0.1:${location.port}`, isSecureContext, answer)</script>",
        ),
        ("/lib.js", "var answer = 42;"),
    ]);
    let url = format!("http://127.0.0.1:{port}/page.html?x=1&y=two");
    let r = run(&[], std::path::Path::new(&url));
    assert_eq!(r.status, Some(0), "stderr {}", r.stderr);
    assert_eq!(r.stdout.trim(), "?x=1&y=two true true 42");
}

#[test]
fn document_cookie_over_http() {
    let port = serve(vec![
        ("/pages/cookies.html", include_str!("pages/host/cookies.html")),
        ("/pages/check.js", include_str!("pages/resources/check.js")),
    ]);
    let url = format!("http://127.0.0.1:{port}/pages/cookies.html");
    let r = run(&[], std::path::Path::new(&url));
    assert_eq!(r.status, Some(0), "stdout {} stderr {}", r.stdout, r.stderr);
    assert!(!r.stdout.contains("FAIL"), "{}", r.stdout);
    assert!(r.stdout.contains("CHECKS DONE 12/12"), "{}", r.stdout);
}

#[test]
fn file_page_with_query_string() {
    let p = format!("{}?mode=fast", page("host/query.html").display());
    let r = run(&[], std::path::Path::new(&p));
    assert_eq!(r.status, Some(0), "stderr {}", r.stderr);
    assert_eq!(r.stdout.trim(), "?mode=fast");
}

/// A request the test server got: method, path, headers (lower-case names), body.
struct Received {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

/// Serves on localhost, answering every request with `handler`'s raw response.
fn serve_with(handler: fn(&Received, u16) -> String) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut data = Vec::new();
            let mut buf = [0u8; 4096];
            // Read the head, then as much body as Content-Length says.
            let head_end = loop {
                let n = stream.read(&mut buf).unwrap_or(0);
                if n == 0 {
                    break None;
                }
                data.extend_from_slice(&buf[..n]);
                if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                    break Some(i + 4);
                }
            };
            let Some(head_end) = head_end else { continue };
            let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
            let mut lines = head.lines();
            let mut first = lines.next().unwrap_or("").split_whitespace();
            let method = first.next().unwrap_or("").to_string();
            let path = first.next().unwrap_or("/").to_string();
            let headers: Vec<(String, String)> = lines
                .filter_map(|l| l.split_once(':').map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string())))
                .collect();
            let length: usize =
                headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
            while data.len() < head_end + length {
                let n = stream.read(&mut buf).unwrap_or(0);
                if n == 0 {
                    break;
                }
                data.extend_from_slice(&buf[..n]);
            }
            let body = String::from_utf8_lossy(&data[head_end..]).into_owned();
            let response = handler(&Received { method, path, headers, body }, port);
            let _ = stream.write_all(response.as_bytes());
        }
    });
    port
}

/// A page of `pages/host/` with its reporting functions (`pages/host/report.js`) put in.
fn host_page(html: &str) -> String {
    html.replace("/*REPORT*/", include_str!("pages/host/report.js"))
}

fn http_response(status: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut s = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (n, v) in headers {
        s.push_str(&format!("{n}: {v}\r\n"));
    }
    s.push_str("\r\n");
    s.push_str(body);
    s
}

static OTHER_ORIGIN_PORT: std::sync::OnceLock<u16> = std::sync::OnceLock::new();

#[test]
fn fetch_over_http() {
    let other = serve_with(|r, _| match r.path.as_str() {
        "/open" => http_response(
            "200 OK",
            &[("Access-Control-Allow-Origin", "*"), ("X-Hidden", "1"), ("Content-Type", "text/plain")],
            "open",
        ),
        // A CORS preflight allows PUT with X-Custom; the request itself echoes what came.
        "/preflight" if r.method == "OPTIONS" => http_response(
            "204 No Content",
            &[
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Methods", "PUT"),
                ("Access-Control-Allow-Headers", "X-Custom"),
            ],
            "",
        ),
        "/preflight" => {
            let custom = r.headers.iter().find(|(n, _)| n == "x-custom").map(|(_, v)| v.as_str()).unwrap_or("");
            http_response("200 OK", &[("Access-Control-Allow-Origin", "*")], &format!("{} {custom}", r.method))
        }
        "/referer" => {
            let referer = r.headers.iter().find(|(n, _)| n == "referer").map(|(_, v)| v.as_str()).unwrap_or("");
            http_response("200 OK", &[("Access-Control-Allow-Origin", "*")], referer)
        }
        _ => http_response("200 OK", &[], "closed"),
    });
    OTHER_ORIGIN_PORT.set(other).unwrap();
    let port = serve_with(|r, port| {
        let header = |name: &str| r.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
        match r.path.as_str() {
            "/page.html" => {
                let other = OTHER_ORIGIN_PORT.get().unwrap();
                let page =
                    host_page(include_str!("pages/host/fetch-http.html")).replace("OTHER_PORT", &other.to_string());
                http_response("200 OK", &[("Content-Type", "text/html")], &page)
            }
            "/echo" => {
                let json = format!(
                    r#"{{"method":"{}","body":"{}","custom":"{}","type":"{}","origin":"{}","referer":"{}","cookie":"{}"}}"#,
                    r.method,
                    r.body.replace('\\', "\\\\").replace('"', "\\\"").replace('\r', "\\r").replace('\n', "\\n"),
                    header("x-custom"),
                    header("content-type"),
                    header("origin"),
                    header("referer"),
                    header("cookie")
                );
                // The standard reason phrase: Aperture's HTTP client (ureq 3) does not keep the
                // one a server sends, and reports the standard one (Chromium shows a custom
                // phrase over HTTP/1.1; see docs/architecture.md, "Network").
                http_response(
                    "200 OK",
                    &[("Content-Type", "application/json"), ("Set-Cookie", "a=b"), ("X-Server", "test")],
                    &json,
                )
            }
            "/set-cookie" => {
                let mut response = http_response("200 OK", &[], "set");
                // Two Set-Cookie headers, one HttpOnly.
                response = response.replacen(
                    "\r\n\r\n",
                    "\r\nSet-Cookie: session=xyz; HttpOnly\r\nSet-Cookie: visible=1\r\n\r\n",
                    1,
                );
                response
            }
            "/redirect" => http_response("302 Found", &[("Location", &format!("http://127.0.0.1:{port}/echo"))], ""),
            "/missing" => http_response("404 Not Found", &[], "nothing here"),
            _ => http_response("404 Not Found", &[], ""),
        }
    });
    let url = format!("http://127.0.0.1:{port}/page.html");
    let r = run(&["--timeout", "30"], std::path::Path::new(&url));
    let fails: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("FAIL")).collect();
    assert!(
        fails.is_empty() && r.stdout.contains("CHECKS DONE") && r.status == Some(0),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
}

/// A TLS server configuration with a fresh self-signed certificate for "localhost", and the
/// certificate as PEM. (rustls deprecates its ring provider for lacking post-quantum key
/// exchange; the host's client uses ring too.)
#[allow(deprecated)]
fn localhost_tls() -> (std::sync::Arc<rustls::ServerConfig>, String) {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let pem = certified.cert.pem();
    let chain = vec![CertificateDer::from(certified.cert.der().to_vec())];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.signing_key.serialize_der()));
    let config =
        rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap();
    (std::sync::Arc::new(config), pem)
}

/// Accepts TLS connections on localhost with a fresh self-signed certificate for "localhost",
/// each handed to `handle` on a thread of its own; returns the port and the certificate as PEM.
fn serve_tls(
    handle: impl Fn(rustls::StreamOwned<rustls::ServerConnection, std::net::TcpStream>) + Send + Sync + 'static,
) -> (u16, String) {
    let (config, pem) = localhost_tls();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::sync::Arc::new(handle);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(tcp) = stream else { continue };
            let Ok(connection) = rustls::ServerConnection::new(config.clone()) else { continue };
            let handle = handle.clone();
            std::thread::spawn(move || handle(rustls::StreamOwned::new(connection, tcp)));
        }
    });
    (port, pem)
}

/// Serves `files` over TLS on localhost with a fresh self-signed certificate for
/// "localhost"; returns the port and the certificate as PEM.
fn serve_https(files: Vec<(&'static str, &'static str, &'static str)>) -> (u16, String) {
    serve_tls(move |mut tls| {
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        // A client that does not trust the certificate ends the handshake: read fails.
        while !head.ends_with(b"\r\n\r\n") {
            match tls.read(&mut byte) {
                Ok(1) => head.push(byte[0]),
                _ => break,
            }
        }
        let head = String::from_utf8_lossy(&head);
        let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
        let response = match files.iter().find(|(p, _, _)| *p == path) {
            Some((_, content_type, body)) => http_response("200 OK", &[("Content-Type", content_type)], body),
            None => http_response("404 Not Found", &[], ""),
        };
        let _ = tls.write_all(response.as_bytes());
        tls.conn.send_close_notify();
        let _ = tls.flush();
    })
}

#[test]
fn https_pages_scripts_and_fetches_with_the_roots_the_embedder_trusts() {
    let (port, pem) = serve_https(vec![
        (
            "/page.html",
            "text/html",
            "<script src=\"lib.js\"></script><script>fetch('/data').then(r => r.json()).then(d => \
             console.log(location.protocol, isSecureContext, answer, d.ok))</script>",
        ),
        ("/lib.js", "text/javascript", "var answer = 42;"),
        ("/data", "application/json", "{\"ok\": \"yes\"}"),
    ]);
    let roots = std::env::temp_dir().join(format!("aperture-https-roots-{}.pem", std::process::id()));
    std::fs::write(&roots, pem).unwrap();
    let url = format!("https://localhost:{port}/page.html");
    let trusted = run(&["--timeout", "30", "--root-certificates", roots.to_str().unwrap()], std::path::Path::new(&url));
    assert_eq!(trusted.status, Some(0), "stdout {} stderr {}", trusted.stdout, trusted.stderr);
    assert_eq!(trusted.stdout.trim(), "https: true 42 yes");
    // Without the certificate among the roots, the page cannot be loaded (Mozilla's roots do
    // not vouch for it): exit status 2 and a message naming the certificate.
    let untrusted = run(&["--timeout", "30"], std::path::Path::new(&url));
    std::fs::remove_file(&roots).ok();
    assert_eq!(untrusted.status, Some(2), "stdout {} stderr {}", untrusted.stdout, untrusted.stderr);
    assert!(untrusted.stderr.to_lowercase().contains("certificate"), "stderr {}", untrusted.stderr);
}

/// Runs the host with `input` on its stdin (a person at the terminal).
fn run_with_input(args: &[&str], page: &std::path::Path, input: &str) -> (Option<i32>, String, String) {
    let mut child = std::process::Command::new(page_tests::aperture_binary())
        .args(args)
        .arg(page)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn permission_option_denies_and_prompts_on_the_terminal() {
    let gum = page("host/gum.html");
    let r = run(&["--camera", "fake", "--permission", "camera=denied"], &gum);
    assert_eq!(r.stdout.trim(), "rejected NotAllowedError", "stderr {}", r.stderr);
    let (_, stdout, stderr) = run_with_input(&["--camera", "fake", "--permission", "camera=prompt"], &gum, "y\n");
    assert_eq!(stdout.trim(), "granted", "stderr {stderr}");
    assert!(stderr.contains("file:// wants to use your camera. Allow? [y/N]"), "stderr {stderr}");
    let (_, stdout, _) = run_with_input(&["--camera", "fake", "--permission", "camera=prompt"], &gum, "n\n");
    assert_eq!(stdout.trim(), "rejected NotAllowedError");
    let (_, stdout, _) = run_with_input(&["--camera", "fake", "--permission", "camera=prompt"], &gum, "");
    assert_eq!(stdout.trim(), "rejected NotAllowedError", "end of input denies");
    let r = run(&["--permission", "camera=maybe"], &gum);
    assert_eq!(r.status, Some(2), "a bad --permission is bad usage");
}

/// A WebSocket server for `pages/host/websocket.html`; what it does depends on the path.
fn serve_websockets() -> u16 {
    use tungstenite::Message;
    use tungstenite::handshake::server::{ErrorResponse, Request, Response};
    use tungstenite::http::HeaderValue;
    use tungstenite::protocol::CloseFrame;
    use tungstenite::protocol::frame::coding::CloseCode;

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            #[allow(clippy::result_large_err, reason = "tiny_http's own callback shape")]
            std::thread::spawn(move || {
                let mut path = String::new();
                let mut headers_json = String::new();
                let callback = |request: &Request, mut response: Response| -> Result<Response, ErrorResponse> {
                    path = request.uri().path().to_string();
                    let header = |name: &str| {
                        request.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
                    };
                    headers_json = format!(
                        r#"{{"origin":"{}","protocol":"{}","cookie":"{}","path":"{}","userAgent":"{}"}}"#,
                        header("origin"),
                        header("sec-websocket-protocol"),
                        header("cookie"),
                        path,
                        header("user-agent")
                    );
                    match path.as_str() {
                        "/reject" => {
                            let mut refusal = ErrorResponse::new(Some("no".into()));
                            *refusal.status_mut() = tungstenite::http::StatusCode::FORBIDDEN;
                            return Err(refusal);
                        }
                        "/protocol" => {
                            response.headers_mut().insert("Sec-WebSocket-Protocol", HeaderValue::from_static("second"));
                        }
                        "/wrong-protocol" => {
                            response.headers_mut().insert("Sec-WebSocket-Protocol", HeaderValue::from_static("other"));
                        }
                        "/headers" => {
                            response.headers_mut().insert("Set-Cookie", HeaderValue::from_static("fromws=yes"));
                        }
                        _ => {}
                    }
                    Ok(response)
                };
                let Ok(mut socket) = tungstenite::accept_hdr(stream, callback) else { return };
                match path.as_str() {
                    "/headers" => {
                        let _ = socket.send(Message::text(headers_json));
                    }
                    "/server-close" => {
                        let _ = socket.send(Message::text("bye-soon"));
                        let _ = socket.close(Some(CloseFrame { code: CloseCode::from(4001), reason: "bye".into() }));
                    }
                    "/drop" => {
                        let _ = socket.send(Message::text("last"));
                        let _ = socket.get_mut().shutdown(std::net::Shutdown::Both);
                        return;
                    }
                    _ => {}
                }
                // Echo until the connection ends.
                loop {
                    match socket.read() {
                        Ok(message @ (Message::Text(_) | Message::Binary(_))) => {
                            if socket.send(message).is_err() {
                                return;
                            }
                        }
                        Ok(_) => {}
                        Err(_) => return,
                    }
                }
            });
        }
    });
    port
}

#[test]
fn websockets_over_http() {
    let ws_port = serve_websockets();
    static WS_PORT: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    WS_PORT.set(ws_port).unwrap();
    let port = serve_with(|r, _| match r.path.as_str() {
        "/page.html" => {
            let page = host_page(include_str!("pages/host/websocket.html"))
                .replace("WS_PORT", &WS_PORT.get().unwrap().to_string());
            http_response("200 OK", &[("Content-Type", "text/html")], &page)
        }
        _ => http_response("404 Not Found", &[], ""),
    });
    let url = format!("http://127.0.0.1:{port}/page.html");
    let r = run(&["--timeout", "30"], std::path::Path::new(&url));
    let passes = r.stdout.lines().filter(|l| l.starts_with("PASS")).count();
    let fails: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("FAIL")).collect();
    assert!(
        fails.is_empty() && passes == 7 && r.stdout.contains("CHECKS DONE") && r.status == Some(0),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
}

/// A `wss:` echo server on localhost with a fresh self-signed certificate; returns the port and
/// the certificate as PEM.
fn serve_wss_echo() -> (u16, String) {
    serve_tls(|tls| {
        // A client that does not trust the certificate ends the TLS handshake here.
        let Ok(mut socket) = tungstenite::accept(tls) else { return };
        while let Ok(message) = socket.read() {
            if (message.is_text() || message.is_binary()) && socket.send(message).is_err() {
                return;
            }
        }
    })
}

#[test]
fn secure_websockets_with_the_roots_the_embedder_trusts() {
    let (port, pem) = serve_wss_echo();
    let dir = std::env::temp_dir().join(format!("aperture-wss-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let roots = dir.join("roots.pem");
    std::fs::write(&roots, pem).unwrap();
    let page = dir.join("page.html");
    std::fs::write(
        &page,
        format!(
            "<script>const s = new WebSocket('wss://localhost:{port}/');\n\
             s.onopen = () => s.send('secure');\n\
             s.onmessage = e => {{ console.log(e.data, s.url); s.close(); }};\n\
             s.onclose = e => console.log('close', e.code, e.wasClean);</script>"
        ),
    )
    .unwrap();
    let trusted = run(&["--timeout", "30", "--root-certificates", roots.to_str().unwrap()], &page);
    let untrusted = run(&["--timeout", "30"], &page);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(trusted.status, Some(0), "stdout {} stderr {}", trusted.stdout, trusted.stderr);
    assert_eq!(trusted.stdout.trim(), format!("secure wss://localhost:{port}/\nclose 1005 true"));
    // Mozilla's roots do not vouch for the certificate: the connection fails.
    assert_eq!(untrusted.status, Some(0), "stdout {} stderr {}", untrusted.stdout, untrusted.stderr);
    assert_eq!(untrusted.stdout.trim(), "close 1006 false");
}

#[test]
fn event_source_over_http() {
    static OTHER: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    let other = serve_with(|r, _| match r.path.as_str() {
        "/open-events" => {
            let body = "data: cross\n\n";
            let mut s = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nAccess-Control-Allow-Origin: *\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            s.push_str(body);
            s
        }
        _ => {
            let body = "data: secret\n\n";
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
        }
    });
    OTHER.set(other).unwrap();
    let port = serve_with(|r, _| {
        let header = |name: &str| r.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
        let events = |body: &str| {
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
        };
        match r.path.as_str() {
            "/page.html" => {
                let page = host_page(include_str!("pages/host/eventsource.html"))
                    .replace("OTHER_PORT", &OTHER.get().unwrap().to_string());
                http_response("200 OK", &[("Content-Type", "text/html")], &page)
            }
            // The first connection: two events (the second named, with an id), a short
            // reconnection time, then the end of the stream; the reconnection says which id it
            // came back with.
            "/events" if header("last-event-id").is_empty() => {
                assert_eq!(header("accept"), "text/event-stream");
                events(
                    ": hello\nretry: 50\ndata: one\n\nevent: tick\ndata: two\ndata: lines\nid: 7\n\ndata: unfinished",
                )
            }
            "/events" => events(&format!("data: again-{}\n\n", header("last-event-id"))),
            "/plain" => http_response("200 OK", &[("Content-Type", "text/plain")], "data: no\n\n"),
            _ => http_response("404 Not Found", &[], ""),
        }
    });
    let url = format!("http://127.0.0.1:{port}/page.html");
    let r = run(&["--timeout", "30"], std::path::Path::new(&url));
    let passes = r.stdout.lines().filter(|l| l.starts_with("PASS")).count();
    assert!(
        passes == 5 && !r.stdout.contains("FAIL") && r.stdout.contains("CHECKS DONE") && r.status == Some(0),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
}

/// What the beacon servers received: "METHOD path type=… cookie=… origin=… body".
static BEACONS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

fn note_beacon(r: &Received) {
    let header = |name: &str| r.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    BEACONS.lock().unwrap().push(format!(
        "{} {} type={} cookie={} origin={} {}",
        r.method,
        r.path,
        header("content-type"),
        header("cookie"),
        header("origin"),
        r.body
    ));
}

#[test]
fn send_beacon_posts_and_does_not_wait() {
    static OTHER: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    // A beacon's credentials mode is "include": the preflight must name the origin and allow
    // credentials ("*" is refused).
    let other = serve_with(|r, _| {
        note_beacon(r);
        let origin = r.headers.iter().find(|(n, _)| n == "origin").map(|(_, v)| v.clone()).unwrap_or_default();
        http_response(
            "204 No Content",
            &[
                ("Access-Control-Allow-Origin", &origin),
                ("Access-Control-Allow-Credentials", "true"),
                ("Access-Control-Allow-Methods", "POST"),
                ("Access-Control-Allow-Headers", "Content-Type"),
            ],
            "",
        )
    });
    OTHER.set(other).unwrap();
    let port = serve_with(|r, _| match r.path.as_str() {
        "/page.html" => {
            let page = include_str!("pages/host/beacon.html").replace("OTHER_PORT", &OTHER.get().unwrap().to_string());
            http_response("200 OK", &[("Content-Type", "text/html")], &page)
        }
        _ => {
            note_beacon(r);
            http_response("204 No Content", &[], "")
        }
    });
    let url = format!("http://127.0.0.1:{port}/page.html");
    let r = run(&["--timeout", "30"], std::path::Path::new(&url));
    assert_eq!(r.status, Some(0), "stdout {} stderr {}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout.trim(),
        "string: true\njson blob: true\nform: true\nno data: true\ncross-origin json: true\ntoo large: false\n\
         ftp: TypeError\nbad URL: TypeError\nstream: TypeError"
    );
    let mut got = BEACONS.lock().unwrap().clone();
    got.sort();
    let origin = format!("http://127.0.0.1:{port}");
    let mut expected = vec![
        "POST /beacon?kind=string type=text/plain;charset=UTF-8 cookie=session=abc origin= hello".to_string(),
        "POST /beacon?kind=blob type=application/json cookie=session=abc origin= {\"a\":1}".to_string(),
        "POST /beacon?kind=form type=application/x-www-form-urlencoded;charset=UTF-8 cookie=session=abc origin= x=1&y=two"
            .to_string(),
        "POST /beacon?kind=empty type= cookie=session=abc origin= ".to_string(),
        format!("OPTIONS /beacon?kind=cross type= cookie= origin={origin} "),
        // Credentials "include": the cookie goes too (cookies do not depend on the port).
        format!("POST /beacon?kind=cross type=application/json cookie=session=abc origin={origin} {{}}"),
    ];
    expected.sort();
    assert_eq!(got, expected);
}

//! Issue 15's fault matrix, each run as a page runs: a GStreamer plugin missing
//! from the real registry, the media or canvas thread gone, a `--save-photos`
//! directory that refuses writes, an HTTP server that resets or hangs. Each
//! gives the error the specs name (or the documented outcome) and the page goes
//! on; nothing panics and nothing outlives `--timeout`. The README's
//! "Reliability" section has the matrix.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use page_tests::{Run, assert_checks_pass, page, repo_root, run, run_with};

const ARGS: &[&str] = &["--pref", "dom_testing_enabled=true", "--camera", "fake", "--timeout", "60"];

/// Nothing on stderr says a thread panicked.
fn assert_no_panic(name: &str, r: &Run) {
    assert!(!r.stderr.contains("panicked"), "{name}: a thread panicked:\n{}", r.stderr);
}

/// GStreamer's system plugin directory.
fn system_plugin_dir() -> PathBuf {
    let out = std::process::Command::new("pkg-config")
        .args(["--variable=pluginsdir", "gstreamer-1.0"])
        .output()
        .expect("pkg-config (installed by ./mach bootstrap)");
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    assert!(dir.is_dir(), "GStreamer's plugin directory {} does not exist", dir.display());
    dir
}

/// A plugin directory with every system plugin but `missing` (file stems such as
/// `libgstvpx`), and a registry file of its own, as the environment of a run:
/// GStreamer then sees a machine where those packages are not installed.
fn registry_without(tag: &str, missing: &[&str]) -> (PathBuf, Vec<(&'static str, PathBuf)>) {
    let dir = std::env::temp_dir().join(format!("aperture-faults-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let plugins = dir.join("plugins");
    std::fs::create_dir_all(&plugins).unwrap();
    let mut dropped = 0;
    for entry in std::fs::read_dir(system_plugin_dir()).unwrap().flatten() {
        let path = entry.path();
        let stem = path.file_stem().and_then(OsStr::to_str).unwrap_or("");
        if path.extension() != Some(OsStr::new("so")) {
            continue;
        }
        if missing.contains(&stem) {
            dropped += 1;
            continue;
        }
        std::os::unix::fs::symlink(&path, plugins.join(entry.file_name())).unwrap();
    }
    assert_eq!(dropped, missing.len(), "every plugin to leave out is installed here");
    let env = vec![
        ("GST_PLUGIN_SYSTEM_PATH_1_0", plugins.clone()),
        ("GST_PLUGIN_PATH_1_0", plugins),
        ("GST_REGISTRY_1_0", dir.join("registry.bin")),
    ];
    (dir, env)
}

fn run_without_plugins(name: &str, missing: &[&str]) -> Run {
    let (dir, env) = registry_without(name.trim_end_matches(".html"), missing);
    let env: Vec<(&str, &OsStr)> = env.iter().map(|(n, v)| (*n, v.as_os_str())).collect();
    let r = run_with(ARGS, page(&format!("faults/{name}")).as_os_str(), &env);
    let _ = std::fs::remove_dir_all(dir);
    r
}

#[test]
fn recording_encoders_and_jpeg_plugins_missing() {
    let r = run_without_plugins("missing-plugins.html", &["libgstvpx", "libgstjpeg", "libgstopus"]);
    assert_checks_pass("faults/missing-plugins.html", &r);
    assert_no_panic("faults/missing-plugins.html", &r);
}

#[test]
fn fake_camera_elements_missing() {
    let r = run_without_plugins("camera-elements-missing.html", &["libgstvideoconvertscale"]);
    assert_checks_pass("faults/camera-elements-missing.html", &r);
    assert_no_panic("faults/camera-elements-missing.html", &r);
}

#[test]
fn media_and_canvas_threads_gone() {
    let r = run(ARGS, &page("faults/threads.html"));
    assert_checks_pass("faults/threads.html", &r);
    assert_no_panic("faults/threads.html", &r);
}

#[test]
fn save_photos_directory_refuses_writes() {
    // /proc exists, and no file can be created in it, even by root: every write fails.
    let mut args = ARGS.to_vec();
    args.extend_from_slice(&["--save-photos", "/proc"]);
    let r = run(&args, &page("faults/save-photos.html"));
    assert_checks_pass("faults/save-photos.html", &r);
    assert!(r.stderr.contains("--save-photos: /proc/photo-0001.jpg"), "the failed write is logged: {}", r.stderr);
    assert!(r.stderr.contains("--save-photos: /proc/photo-0002.jpg"), "and the next one: {}", r.stderr);
    assert_no_panic("faults/save-photos.html", &r);
}

#[test]
fn save_photos_directory_that_cannot_be_made_is_a_usage_error() {
    let mut args = ARGS.to_vec();
    args.extend_from_slice(&["--save-photos", "/proc/aperture-cannot-make-this"]);
    let r = run(&args, &page("faults/save-photos.html"));
    assert_eq!(r.status, Some(2), "bad usage; stderr:\n{}", r.stderr);
    assert!(r.stderr.contains("--save-photos /proc/aperture-cannot-make-this:"), "{}", r.stderr);
    assert!(r.stdout.lines().all(|l| !l.starts_with("PASS")), "the page did not run: {}", r.stdout);
}

/// A server for the HTTP faults: `/reset` is closed with a TCP reset before any
/// answer, `/hang` is read and never answered, `/ok` answers "ok", and the page
/// and its two scripts are served from `tests/pages`.
fn serve_faults() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream));
        }
    });
    port
}

fn answer(mut stream: TcpStream) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    // Peek at the request line without consuming it, so that a reset leaves it unread.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let n = stream.peek(&mut buf).unwrap_or(0);
    let line = String::from_utf8_lossy(&buf[..n]).into_owned();
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    if path == "/reset" {
        // Closing a socket with unread data makes Linux send RST instead of FIN.
        std::thread::sleep(Duration::from_millis(20));
        drop(stream);
        return;
    }
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let pages = repo_root().join("tests/pages");
    let file = |p: &Path| std::fs::read(p).unwrap();
    let (content_type, body) = match path.as_str() {
        "/hang" => {
            // Keep the connection open and silent until the client gives up.
            let _ = stream.set_read_timeout(None);
            let _ = stream.read(&mut buf);
            return;
        }
        "/ok" => ("text/plain", b"ok".to_vec()),
        "/check.js" => ("text/javascript", file(&pages.join("resources/check.js"))),
        "/serial.js" => ("text/javascript", file(&pages.join("media/resources/serial.js"))),
        p => ("text/html; charset=utf-8", file(&pages.join("faults").join(p.trim_start_matches('/')))),
    };
    let header = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    let _ = stream.write_all(&body);
}

#[test]
fn http_server_that_resets_or_hangs() {
    let port = serve_faults();
    let url = format!("http://127.0.0.1:{port}/http.html");
    let r = run_with(ARGS, OsStr::new(&url), &[]);
    assert_checks_pass("faults/http.html", &r);
    assert_no_panic("faults/http.html", &r);
}

#[test]
fn a_fetch_never_answered_ends_at_the_timeout() {
    let port = serve_faults();
    let url = format!("http://127.0.0.1:{port}/http-hang.html");
    let r = run_with(&["--timeout", "3"], OsStr::new(&url), &[]);
    assert!(r.stdout.contains("STARTED"), "the page ran: {}", r.stdout);
    assert!(!r.stdout.contains("ANSWERED") && !r.stdout.contains("REJECTED"), "{}", r.stdout);
    assert_eq!(r.status, Some(124), "the --timeout status; stderr:\n{}", r.stderr);
    assert!(r.elapsed < Duration::from_secs(20), "the host ended the page {:?} after starting it", r.elapsed);
    assert_no_panic("faults/http-hang.html", &r);
}

//! A small read-only HTTP/1.1 server that serves a WPT checkout the way wptserve does, as far as
//! the tests we run need: Content-Types, `.headers` files, `.sub.` substitutions, the generated
//! `.window.js`/`.any.js` wrappers, the `/resources/WebIDLParser.js` rewrite and our own
//! `testharnessreport.js`/`testdriver-vendor.js`.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::wrapper;

/// Our `testharnessreport.js` (served instead of WPT's).
pub const TESTHARNESSREPORT_JS: &str = include_str!("../../harness/testharnessreport.js");
/// Our `testdriver-vendor.js` (served instead of WPT's empty one).
pub const TESTDRIVER_VENDOR_JS: &str = include_str!("../../harness/testdriver-vendor.js");

/// What the server needs to know.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    pub root: PathBuf,
    /// Handed to testharness.js through `testharnessreport.js`.
    pub timeout_multiplier: f64,
}

/// A response, before serialisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    fn with_type(content_type: &str, body: Vec<u8>) -> Response {
        Response { status: 200, headers: vec![("Content-Type".into(), content_type.into())], body }
    }

    /// Sets a header, replacing any earlier value of the same name.
    pub fn set_header(&mut self, name: &str, value: &str) {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.to_owned()));
    }
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        _ => "Unknown",
    }
}

/// wptserve's table (`wptserve/constants.py`), plus `.idl` as text.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('/').next().unwrap_or(path).rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html",
        "xht" | "xhtm" | "xhtml" => "application/xhtml+xml",
        "js" | "mjs" => "text/javascript",
        "css" => "text/css",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "xml" => "application/xml",
        "txt" | "md" | "idl" => "text/plain",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "bmp" => "image/bmp",
        "avif" => "image/avif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "webm" => "video/webm",
        "mp4" | "m4v" => "video/mp4",
        "ogg" | "ogv" => "video/ogg",
        "oga" => "audio/ogg",
        "weba" => "audio/webm",
        "m4a" => "audio/mp4",
        "mp3" => "audio/mpeg",
        "wav" => "audio/x-wav",
        "flac" => "audio/flac",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes (invalid ones are kept as written).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = ((b[i + 1] as char).to_digit(16), (b[i + 2] as char).to_digit(16))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses `a=1&b=2` into (name, value) pairs, decoding `+` and `%XX`.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (percent_decode(&k.replace('+', " ")), percent_decode(&v.replace('+', " ")))
        })
        .collect()
}

/// What a request carries that responses may depend on.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub method: String,
    /// Path only, percent-decoded (`/dir/file.html`).
    pub path: String,
    /// Raw query without `?`.
    pub query: String,
    pub headers: Vec<(String, String)>,
    /// The server's port (for substitutions).
    pub port: u16,
}

impl Request {
    /// Parses a request target (`/a/b.html?x=1`).
    pub fn get(target: &str, port: u16) -> Request {
        let target = target.split('#').next().unwrap_or("");
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        Request { method: "GET".into(), path: percent_decode(path), query: query.to_owned(), headers: Vec::new(), port }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Maps a URL path to a WPT-relative path, refusing anything that leaves the root.
fn relative_path(url_path: &str) -> Option<String> {
    let mut parts = Vec::new();
    for seg in url_path.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s if s.contains('\\') || s.contains('\0') => return None,
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn parse_headers_file(data: &str) -> Vec<(String, String)> {
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// Headers from `__dir__.headers` beside the file, then `FILE.headers` (a `.sub.headers`
/// variant is substituted first), as wptserve does; later ones override earlier ones.
pub fn file_headers(root: &Path, rel: &str, req: &Request) -> Vec<(String, String)> {
    let dir = rel.rfind('/').map_or("", |i| &rel[..i]);
    let dir_base = if dir.is_empty() { "__dir__".to_owned() } else { format!("{dir}/__dir__") };
    let mut out = Vec::new();
    for base in [dir_base, rel.to_owned()] {
        let sub = root.join(format!("{base}.sub.headers"));
        let plain = root.join(format!("{base}.headers"));
        if let Ok(data) = fs::read_to_string(&sub) {
            out.extend(parse_headers_file(&substitute(&data, req, false)));
        } else if let Ok(data) = fs::read_to_string(&plain) {
            out.extend(parse_headers_file(&data));
        }
    }
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn pseudo_uuid() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut x = nanos ^ (n.wrapping_mul(0x9E37_79B9_7F4A_7C15)) ^ (std::process::id() as u64) << 32;
    let mut next = || {
        // splitmix64
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let (a, b) = (next(), next());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        ((b >> 48) & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

/// The main host name substituted for `{{host}}` and friends.
pub const HOST: &str = "127.0.0.1";
/// The "alternate" host (`{{hosts[alt][]}}`): another origin that needs no DNS.
pub const ALT_HOST: &str = "localhost";

/// One `{{...}}` expression's value, or `None` when unsupported.
fn substitution_value(expr: &str, req: &Request) -> Option<String> {
    let expr = expr.trim();
    if expr == "uuid()" {
        return Some(pseudo_uuid());
    }
    let (name, rest) = expr.split_at(expr.find('[').unwrap_or(expr.len()));
    let mut keys = Vec::new();
    let mut rest = rest;
    while let Some(r) = rest.strip_prefix('[') {
        let end = r.find(']')?;
        keys.push(r[..end].trim().trim_matches(['"', '\'']).to_owned());
        rest = &r[end + 1..];
    }
    if !rest.trim().is_empty() {
        return None;
    }
    let sub_host = |base: &str, sub: &str| {
        if sub.is_empty() { base.to_owned() } else { format!("{sub}.{ALT_HOST}") }
    };
    let host_header = req.header("host").map(str::to_owned).unwrap_or_else(|| format!("{HOST}:{}", req.port));
    let (hostname, port) = match host_header.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => (h.to_owned(), p.to_owned()),
        _ => (host_header.clone(), req.port.to_string()),
    };
    let k = |i: usize| keys.get(i).map(String::as_str);
    match (name, keys.len()) {
        ("host", 0) => Some(HOST.into()),
        ("domains", 1) => Some(sub_host(HOST, k(0)?)),
        ("hosts", 2) => match k(0)? {
            "" => Some(sub_host(HOST, k(1)?)),
            "alt" if k(1)?.is_empty() => Some(ALT_HOST.into()),
            _ => None,
        },
        ("ports", 2) if k(0)? == "http" && k(1)? == "0" => Some(req.port.to_string()),
        ("location", 1) => Some(match k(0)? {
            "scheme" => "http".into(),
            "host" => format!("{hostname}:{port}"),
            "hostname" => hostname,
            "port" => port,
            "path" | "pathname" => req.path.clone(),
            "query" => {
                if req.query.is_empty() {
                    String::new()
                } else {
                    format!("?{}", req.query)
                }
            }
            "server" => format!("http://{hostname}:{port}"),
            _ => return None,
        }),
        ("GET", 1) => parse_query(&req.query).into_iter().find(|(n, _)| n == k(0).unwrap_or("")).map(|(_, v)| v),
        ("headers", 1) => req.header(k(0)?).map(str::to_owned),
        _ => None,
    }
}

/// wptserve's `sub` pipe, for the expressions listed in the README; unsupported expressions
/// are left as written. Values are HTML-escaped when `escape` is set (as wptserve does for files).
pub fn substitute(text: &str, req: &Request, escape: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        match substitution_value(&after[..end], req) {
            Some(v) if escape => out.push_str(&html_escape(&v)),
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn harnessreport_js(cfg: &ServeConfig) -> String {
    format!(
        "// Served by wpt-runner from wpt/harness/testharnessreport.js.\n\
         var __apertureTimeoutMultiplier = {};\n{}",
        cfg.timeout_multiplier, TESTHARNESSREPORT_JS
    )
}

/// Answers one request. Pure apart from reading files under the root.
pub fn respond(cfg: &ServeConfig, req: &Request) -> Response {
    let mut resp = respond_inner(cfg, req);
    if req.method == "HEAD" {
        resp.set_header("Content-Length", &resp.body.len().to_string());
        resp.body.clear();
    }
    resp
}

fn respond_inner(cfg: &ServeConfig, req: &Request) -> Response {
    if req.method != "GET" && req.method != "HEAD" {
        return Response::text(405, "wpt-runner serves GET and HEAD only\n");
    }
    let js = "text/javascript; charset=utf-8";
    let path = match req.path.as_str() {
        "/resources/testharnessreport.js" => {
            return Response::with_type(js, harnessreport_js(cfg).into_bytes());
        }
        "/resources/testdriver-vendor.js" => {
            return Response::with_type(js, TESTDRIVER_VENDOR_JS.as_bytes().to_vec());
        }
        "/resources/WebIDLParser.js" => "/resources/webidl2/lib/webidl2.js",
        p => p,
    };
    let Some(rel) = relative_path(path) else {
        return Response::text(403, "path leaves the WPT root\n");
    };
    // Generated wrappers take precedence, as in wptserve's routes.
    let wrapped: Option<(&str, &str)> = if rel.ends_with(".window.html") {
        Some((".window.html", ".window.js"))
    } else if rel.ends_with(".any.html") {
        Some((".any.html", ".any.js"))
    } else {
        None
    };
    if let Some((from, to)) = wrapped {
        let js_rel = format!("{}{to}", &rel[..rel.len() - from.len()]);
        let Ok(source) = fs::read_to_string(cfg.root.join(&js_rel)) else {
            return Response::text(404, &format!("no {js_rel} to wrap\n"));
        };
        let meta = wrapper::parse_meta(&source);
        let js_url = format!("/{js_rel}");
        let body = if to == ".window.js" {
            wrapper::window_wrapper(&meta, &js_url)
        } else {
            if !wrapper::any_globals(&meta).contains("window") {
                return Response::text(404, "this test cannot be loaded in window scope\n");
            }
            wrapper::any_window_wrapper(&meta, &js_url)
        };
        let mut resp = Response::with_type("text/html", body.into_bytes());
        for (k, v) in file_headers(&cfg.root, &rel, req) {
            resp.set_header(&k, &v);
        }
        return resp;
    }
    // Dedicated worker scopes: the page (`X.any.worker.html`, `X.worker.html`) and the
    // generated worker script (`X.any.worker.js`).
    if let Some(stem) = rel.strip_suffix(".any.worker.html") {
        let Ok(source) = fs::read_to_string(cfg.root.join(format!("{stem}.any.js"))) else {
            return Response::text(404, &format!("no {stem}.any.js to wrap\n"));
        };
        let meta = wrapper::parse_meta(&source);
        if !wrapper::any_globals(&meta).contains("dedicatedworker") {
            return Response::text(404, "this test cannot be loaded in dedicated worker scope\n");
        }
        let query = if req.query.is_empty() { String::new() } else { format!("?{}", req.query) };
        let body = wrapper::worker_page_wrapper(&meta, &format!("/{stem}.any.worker.js{query}"));
        return Response::with_type("text/html", body.into_bytes());
    }
    if let Some(stem) = rel.strip_suffix(".any.worker.js") {
        let Ok(source) = fs::read_to_string(cfg.root.join(format!("{stem}.any.js"))) else {
            return Response::text(404, &format!("no {stem}.any.js to wrap\n"));
        };
        let meta = wrapper::parse_meta(&source);
        let body = wrapper::any_worker_script(&meta, &format!("/{stem}.any.js"));
        return Response::with_type("text/javascript; charset=utf-8", body.into_bytes());
    }
    if let Some(stem) = rel.strip_suffix(".worker.html") {
        let Ok(source) = fs::read_to_string(cfg.root.join(format!("{stem}.worker.js"))) else {
            return Response::text(404, &format!("no {stem}.worker.js to wrap\n"));
        };
        let meta = wrapper::parse_meta(&source);
        let body = wrapper::worker_page_wrapper(&meta, &format!("/{stem}.worker.js"));
        return Response::with_type("text/html", body.into_bytes());
    }
    if rel.contains(".any.") && rel.ends_with(".html") {
        return Response::text(404, "shared, service worker and other scopes are not supported by wpt-runner\n");
    }
    let full = cfg.root.join(&rel);
    if !full.is_file() {
        return Response::text(404, &format!("not found: /{rel}\n"));
    }
    let Ok(mut body) = fs::read(&full) else {
        return Response::text(500, "could not read the file\n");
    };
    let name = rel.rsplit('/').next().unwrap_or(&rel);
    let sub = name.split('.').skip(1).any(|p| p == "sub")
        || parse_query(&req.query).iter().any(|(k, v)| k == "pipe" && v.split('|').any(|p| p.trim() == "sub"));
    if sub && let Ok(text) = String::from_utf8(body.clone()) {
        body = substitute(&text, req, true).into_bytes();
    }
    let mut resp = Response::with_type(content_type(&rel), body);
    for (k, v) in file_headers(&cfg.root, &rel, req) {
        resp.set_header(&k, &v);
    }
    for (k, v) in pipe_headers(&req.query) {
        resp.set_header(&k, &v);
    }
    resp
}

/// wptserve's `header(name, value)` pipe (`?pipe=header(Access-Control-Allow-Origin,*)`): the
/// headers it sets on the response, in order. (The optional third "append" argument is
/// accepted and treated as a plain set.)
fn pipe_headers(query: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, v) in parse_query(query) {
        if k != "pipe" {
            continue;
        }
        for pipe in v.split('|') {
            let Some(args) = pipe.trim().strip_prefix("header(").and_then(|a| a.strip_suffix(')')) else { continue };
            let mut parts = args.splitn(3, ',');
            if let (Some(name), Some(value)) = (parts.next(), parts.next()) {
                out.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
    }
    out
}

fn read_request(stream: &mut BufReader<TcpStream>, port: u16) -> std::io::Result<Option<Request>> {
    let mut line = String::new();
    if stream.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "bad request line"));
    };
    let mut req = Request::get(target, port);
    // Absolute-form targets (`http://host/path`).
    if let Some(rest) = target.strip_prefix("http://") {
        let path = rest.find('/').map_or("/", |i| &rest[i..]);
        req = Request::get(path, port);
    }
    req.method = method.to_owned();
    let mut total = 0usize;
    loop {
        let mut h = String::new();
        let n = stream.read_line(&mut h)?;
        total += n;
        if n == 0 || h.trim_end().is_empty() {
            break;
        }
        if total > 64 * 1024 {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "headers too large"));
        }
        if let Some((k, v)) = h.split_once(':') {
            req.headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    // Discard a request body.
    if let Some(len) = req.header("content-length").and_then(|v| v.parse::<u64>().ok()) {
        std::io::copy(&mut stream.by_ref().take(len.min(16 << 20)), &mut std::io::sink())?;
    }
    Ok(Some(req))
}

fn handle(cfg: &ServeConfig, stream: TcpStream, port: u16) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let resp = match read_request(&mut reader, port) {
        Ok(Some(req)) => respond(cfg, &req),
        Ok(None) => return Ok(()),
        Err(_) => Response::text(400, "bad request\n"),
    };
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason_phrase(resp.status));
    let mut headers: HashMap<String, ()> = HashMap::new();
    for (k, v) in &resp.headers {
        headers.insert(k.to_ascii_lowercase(), ());
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers.contains_key("content-length") {
        head.push_str(&format!("Content-Length: {}\r\n", resp.body.len()));
    }
    head.push_str("Connection: close\r\n\r\n");
    writer.write_all(head.as_bytes())?;
    writer.write_all(&resp.body)?;
    writer.flush()
}

/// A running server; it lives until the process exits.
pub struct Server {
    pub port: u16,
}

impl Server {
    /// Binds `127.0.0.1:<free port>` and serves on background threads.
    pub fn start(cfg: ServeConfig) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let port = listener.local_addr()?.port();
        let cfg = Arc::new(cfg);
        thread::Builder::new().name("wpt-http".into()).spawn(move || {
            for stream in listener.incoming().flatten() {
                let cfg = Arc::clone(&cfg);
                let _ = thread::Builder::new().name("wpt-http-conn".into()).spawn(move || {
                    let _ = handle(&cfg, stream, port);
                });
            }
        })?;
        Ok(Server { port })
    }

    pub fn base_url(&self) -> String {
        format!("http://{HOST}:{}", self.port)
    }
}

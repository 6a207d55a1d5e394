//! Fetching page resources: `file:` URLs and HTTP/1.1 over TCP (localhost
//! servers such as the WPT runner's). No TLS: remote pages are out of scope.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use url::Url;

/// A fetched resource.
#[derive(Debug)]
pub struct Response {
    pub url: Url,
    pub status: u16,
    /// The HTTP reason phrase ("OK" for files).
    pub status_text: String,
    pub content_type: Option<String>,
    /// Every response header, in order, names as sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// `Location` of a redirect.
    pub location: Option<String>,
    /// Whether a redirect was followed to get here.
    pub redirected: bool,
}

impl Response {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A request for [`fetch_request`]: `GET` of a URL unless told otherwise.
#[derive(Clone, Debug)]
pub struct Request {
    pub url: Url,
    pub method: String,
    /// Extra request headers (names and values as given).
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

impl Request {
    pub fn get(url: &Url) -> Request {
        Request { url: url.clone(), method: "GET".into(), headers: Vec::new(), body: None }
    }
}

/// Fetches `url`, following up to 5 redirects.
pub fn fetch(url: &Url) -> Result<Response, String> {
    fetch_request(&Request::get(url))
}

/// Sends `request`, following up to 5 redirects (a 303, or a 301/302 answering
/// a POST, turns into a `GET` without body, as browsers do).
pub fn fetch_request(request: &Request) -> Result<Response, String> {
    let mut request = request.clone();
    let mut redirected = false;
    for _ in 0..5 {
        let url = request.url.clone();
        let mut response = match url.scheme() {
            "file" if request.method == "GET" || request.method == "HEAD" => fetch_file(&url)?,
            "file" => return Err(format!("cannot {} a file: URL ({url})", request.method)),
            "http" => fetch_http(&request)?,
            other => return Err(format!("cannot fetch {url}: the '{other}' scheme is not supported")),
        };
        if matches!(response.status, 301 | 302 | 303 | 307 | 308) {
            if let Some(next) = response.location.as_deref().and_then(|l| url.join(l).ok()) {
                if response.status == 303 || (matches!(response.status, 301 | 302) && request.method == "POST") {
                    request.method = if request.method == "HEAD" { "HEAD".into() } else { "GET".into() };
                    request.body = None;
                }
                request.url = next;
                redirected = true;
                continue;
            }
        }
        if request.method == "HEAD" {
            response.body.clear();
        }
        response.redirected = redirected;
        return Ok(response);
    }
    Err(format!("too many redirects fetching {}", request.url))
}

fn fetch_file(url: &Url) -> Result<Response, String> {
    let path = url.to_file_path().map_err(|_| format!("not a local file URL: {url}"))?;
    match std::fs::read(&path) {
        Ok(body) => {
            let content_type = guess_type(url.path());
            let headers = content_type.iter().map(|t| ("Content-Type".to_string(), t.clone())).collect();
            Ok(Response {
                url: url.clone(),
                status: 200,
                status_text: "OK".into(),
                content_type,
                headers,
                body,
                location: None,
                redirected: false,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Response {
            url: url.clone(),
            status: 404,
            status_text: "Not Found".into(),
            content_type: None,
            headers: Vec::new(),
            body: Vec::new(),
            location: None,
            redirected: false,
        }),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

fn guess_type(path: &str) -> Option<String> {
    let ext = path.rsplit('.').next()?.to_ascii_lowercase();
    Some(
        match ext.as_str() {
            "html" | "htm" => "text/html",
            "js" | "mjs" => "text/javascript",
            "css" => "text/css",
            "json" => "application/json",
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "txt" | "idl" => "text/plain",
            _ => return None,
        }
        .to_string(),
    )
}

fn fetch_http(request: &Request) -> Result<Response, String> {
    let url = &request.url;
    let host = url.host_str().ok_or_else(|| format!("no host in {url}"))?;
    let port = url.port_or_known_default().unwrap_or(80);
    let addr_host = if host == "localhost" || host.ends_with(".localhost") { "127.0.0.1" } else { host };
    let mut stream =
        TcpStream::connect((addr_host, port)).map_err(|e| format!("cannot connect to {host}:{port}: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    };
    let mut head = format!("{} {path} HTTP/1.1\r\nHost: {host}:{port}\r\n", request.method);
    let has = |name: &str| request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    if !has("user-agent") {
        head.push_str(&format!("User-Agent: {}\r\n", crate::dom::html::navigator::USER_AGENT));
    }
    if !has("accept") {
        head.push_str("Accept: */*\r\n");
    }
    for (name, value) in &request.headers {
        // The connection is ours to manage: one request per connection.
        if !matches!(name.to_ascii_lowercase().as_str(), "host" | "connection" | "content-length") {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    if let Some(body) = &request.body {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    } else if matches!(request.method.as_str(), "POST" | "PUT") {
        head.push_str("Content-Length: 0\r\n");
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut bytes = head.into_bytes();
    if let Some(body) = &request.body {
        bytes.extend_from_slice(body);
    }
    stream.write_all(&bytes).map_err(|e| format!("cannot send request to {url}: {e}"))?;
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).map_err(|e| format!("no response from {url}: {e}"))?;
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line from {url}: {status_line:?}"))?;
    // The reason phrase: whatever follows "HTTP/1.1 200 ".
    let status_text = status_line.trim_end().splitn(3, ' ').nth(2).unwrap_or("").to_string();
    let mut headers = Vec::new();
    let mut content_type = None;
    let mut content_length = None;
    let mut chunked = false;
    let mut location = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(|e| format!("reading headers from {url}: {e}"))? == 0 {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            let value = value.trim().to_string();
            headers.push((name.trim().to_string(), value.clone()));
            match name.trim().to_ascii_lowercase().as_str() {
                "content-type" => content_type = Some(value),
                "content-length" => content_length = value.parse::<usize>().ok(),
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "location" => location = Some(value),
                _ => {}
            }
        }
    }
    let mut body = Vec::new();
    let has_body = request.method != "HEAD" && !matches!(status, 100..=199 | 204 | 304);
    if !has_body {
        // No body follows (RFC 9110 §6.4.1).
    } else if chunked {
        loop {
            let mut size_line = String::new();
            reader.read_line(&mut size_line).map_err(|e| e.to_string())?;
            let size = usize::from_str_radix(size_line.trim().split(';').next().unwrap_or("0"), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            let mut chunk = vec![0; size];
            reader.read_exact(&mut chunk).map_err(|e| e.to_string())?;
            body.extend_from_slice(&chunk);
            let mut crlf = String::new();
            reader.read_line(&mut crlf).map_err(|e| e.to_string())?;
        }
    } else if let Some(len) = content_length {
        body.resize(len, 0);
        reader.read_exact(&mut body).map_err(|e| format!("short body from {url}: {e}"))?;
    } else {
        reader.read_to_end(&mut body).map_err(|e| format!("reading body from {url}: {e}"))?;
    }
    Ok(Response { url: url.clone(), status, status_text, content_type, headers, body, location, redirected: false })
}

/// Turns the command line's PAGE into a URL: a URL as is, otherwise a path.
pub fn page_url(page: &str) -> Result<Url, String> {
    if let Ok(url) = Url::parse(page) {
        if url.scheme().len() > 1 {
            return Ok(url);
        }
    }
    let path = std::path::Path::new(page);
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(|e| e.to_string())?.join(path)
    };
    // Keep a `?query` written after a path (`page.html?x=1`).
    let (file, query) = match page.split_once('?') {
        Some((f, q)) if !std::path::Path::new(page).exists() => {
            let f = if std::path::Path::new(f).is_absolute() {
                f.into()
            } else {
                std::env::current_dir().map_err(|e| e.to_string())?.join(f)
            };
            (f, Some(q.to_string()))
        }
        _ => (absolute, None),
    };
    let mut url = Url::from_file_path(&file).map_err(|_| format!("not a usable path: {page}"))?;
    url.set_query(query.as_deref());
    Ok(url)
}

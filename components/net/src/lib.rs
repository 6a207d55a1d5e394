//! Aperture's network and resource-decoding backend; no DOM.
//!
//! - [`Client`]: `file:`, `http:` and `https:` fetches on [`ureq`] (HTTP/1.1 with keep-alive,
//!   TLS on rustls with Mozilla's root certificates, gzip and brotli content codings). One client
//!   belongs to one engine (its connection pool and its trusted roots); redirects are followed
//!   here, hop by hop, so that the caller sees the final URL and whether a redirect happened.
//! - [`data_url`]: the Fetch Standard's `data:` URL processor (the `data-url` crate).
//! - [`eventsource`]: the event stream format of server-sent events.
//! - [`websocket`]: WebSocket connections (`ws:`, `wss:`) on `tungstenite`, a thread each.
//! - [`sniff`]: the HTML Standard's encoding sniffing for documents and the "decode with
//!   fallback" of classic scripts (on `encoding_rs`).
//!
//! What the Fetch Standard asks beyond moving bytes (CORS, referrer policy, redirect modes,
//! cookies) is applied by the caller, which knows the request's client; [`referrer`] holds the
//! referrer policy algorithm that needs no DOM.

use std::io::Read;
use std::time::Duration;

use url::Url;

pub mod cors;
pub mod data_url;
pub mod eventsource;
pub mod referrer;
pub mod sniff;
pub mod websocket;

/// A fetched resource.
#[derive(Debug)]
pub struct Response {
    pub url: Url,
    pub status: u16,
    /// The status message: "OK" for files, the standard reason phrase of the status code for
    /// HTTP (the HTTP client does not keep the phrase a server sent; HTTP/2 has none).
    pub status_text: String,
    pub content_type: Option<String>,
    /// Every response header, in order (names in lower case for HTTP).
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

    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The `charset` parameter of the response's Content-Type, if any.
    pub fn charset(&self) -> Option<String> {
        self.content_type.as_deref().and_then(sniff::charset_parameter)
    }
}

/// A request for [`Client::fetch_request`]: `GET` of a URL unless told otherwise.
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

/// Ports no fetch may use (<https://fetch.spec.whatwg.org/#bad-port>): an HTTP(S) request or a
/// WebSocket to one fails.
pub fn is_bad_port(port: u16) -> bool {
    const BAD: &[u16] = &[
        1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109,
        110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530,
        531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190,
        5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
    ];
    BAD.binary_search(&port).is_ok()
}

/// Takes a streamed response ([`Client::fetch_streaming`]).
pub trait BodySink {
    /// The final response (after redirects, with an empty body); false: do not read its body.
    fn response(&mut self, response: &Response) -> bool;
    /// The next piece of the body; false: stop reading.
    fn chunk(&mut self, bytes: &[u8]) -> bool;
}

/// How a [`Client`] is set up.
#[derive(Clone, Debug, Default)]
pub struct ClientOptions {
    /// The `User-Agent` header of every request that does not set its own.
    pub user_agent: String,
    /// DER certificates to trust as roots *instead of* Mozilla's (an embedder's own CA, a test
    /// server's certificate). Empty: Mozilla's roots (the `webpki-roots` crate).
    pub root_certificates: Vec<Vec<u8>>,
}

/// The network client of one engine. Cloning shares the connection pool.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    user_agent: String,
    /// The roots trusted instead of Mozilla's (empty: Mozilla's), for `wss:` connections,
    /// which do not go through ureq.
    root_certificates: std::sync::Arc<Vec<Vec<u8>>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("user_agent", &self.user_agent).finish_non_exhaustive()
    }
}

/// Redirects followed before a fetch fails (<https://fetch.spec.whatwg.org/#http-redirect-fetch>
/// step 5: "If request's redirect count is 20, then return a network error").
const MAX_REDIRECTS: usize = 20;

impl Client {
    pub fn new(options: &ClientOptions) -> Client {
        use ureq::tls::{Certificate, RootCerts, TlsConfig};
        let mut tls = TlsConfig::builder();
        if !options.root_certificates.is_empty() {
            let certs: Vec<Certificate<'static>> =
                options.root_certificates.iter().map(|der| Certificate::from_der(der).to_owned()).collect();
            tls = tls.root_certs(RootCerts::new_with_certs(&certs));
        }
        let config = ureq::Agent::config_builder()
            .tls_config(tls.build())
            // Redirects are followed by `fetch_request` (it reports them), HTTP error statuses
            // are responses, and any method token a page may send is allowed.
            .max_redirects(0)
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .user_agent(options.user_agent.as_str())
            .accept("*/*")
            .timeout_connect(Some(Duration::from_secs(30)))
            .timeout_recv_response(Some(Duration::from_secs(60)))
            .timeout_per_read(Some(Duration::from_secs(30)))
            .build();
        let agent = ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::default(),
            LoopbackResolver::default(),
        );
        Client {
            agent,
            user_agent: options.user_agent.clone(),
            root_certificates: std::sync::Arc::new(options.root_certificates.clone()),
        }
    }

    /// Fetches `url` (`GET`), following redirects.
    pub fn fetch(&self, url: &Url) -> Result<Response, String> {
        self.fetch_request(&Request::get(url))
    }

    /// Sends `request` once: a redirect is the response (a CORS preflight's answer).
    pub fn fetch_request_no_redirect(&self, request: &Request) -> Result<Response, String> {
        match request.url.scheme() {
            "http" | "https" => self.fetch_http(request),
            other => Err(format!("cannot send {} to a '{other}' URL", request.method)),
        }
    }

    /// Sends `request`, following redirects as
    /// <https://fetch.spec.whatwg.org/#http-redirect-fetch> does: a 303 (other than to a `HEAD`),
    /// or a 301/302 answering a `POST`, turns into a `GET` without body; the 21st redirect is a
    /// network error. A `file:` URL is read from disk (`GET`/`HEAD` only; a missing file is a 404).
    pub fn fetch_request(&self, request: &Request) -> Result<Response, String> {
        self.fetch_request_with(request, None)
    }

    /// Sends `request` as [`Client::fetch_request`] does, but hands the final response's body
    /// to `sink` as it arrives instead of collecting it (an event stream never ends). Returns
    /// the response (with an empty body) once the body ended or `sink` stopped it; a network
    /// error while reading the body is an `Err` too. Reads have no timeout: a stream may be
    /// silent for long.
    pub fn fetch_streaming(&self, request: &Request, sink: &mut dyn BodySink) -> Result<Response, String> {
        self.fetch_request_with(request, Some(sink))
    }

    fn fetch_request_with(&self, request: &Request, mut sink: Option<&mut dyn BodySink>) -> Result<Response, String> {
        let mut request = request.clone();
        let mut redirected = false;
        for _ in 0..=MAX_REDIRECTS {
            let url = request.url.clone();
            let (mut response, body) = match url.scheme() {
                "file" if request.method == "GET" || request.method == "HEAD" => (fetch_file(&url)?, None),
                "file" => return Err(format!("cannot {} a file: URL ({url})", request.method)),
                "http" | "https" => self.http_head(&request, sink.is_some())?,
                other => return Err(format!("cannot fetch {url}: the '{other}' scheme is not supported")),
            };
            if matches!(response.status, 301 | 302 | 303 | 307 | 308)
                && let Some(next) = response.location.as_deref().and_then(|l| url.join(l).ok())
            {
                // Step 4: a location URL whose scheme is not an HTTP(S) scheme is a network error.
                if !matches!(next.scheme(), "http" | "https") {
                    return Err(format!("{url} redirected to {next}, which is not an HTTP(S) URL"));
                }
                // Step 12: change the method to GET and drop the body.
                if (response.status == 303 && request.method != "HEAD")
                    || (matches!(response.status, 301 | 302) && request.method == "POST")
                {
                    request.method = "GET".into();
                    request.body = None;
                    request.headers.retain(|(n, _)| {
                        !matches!(
                            n.to_ascii_lowercase().as_str(),
                            "content-encoding" | "content-language" | "content-location" | "content-type"
                        )
                    });
                }
                // Step 13: a redirect to another origin drops the Authorization header.
                if next.origin() != url.origin() {
                    request.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("authorization"));
                }
                request.url = next;
                redirected = true;
                continue;
            }
            response.redirected = redirected;
            match (sink.as_deref_mut(), body) {
                (Some(sink), body) => {
                    let file_body = std::mem::take(&mut response.body);
                    if !sink.response(&response) {
                        return Ok(response);
                    }
                    match body {
                        Some(body) => {
                            let mut reader = body.into_reader();
                            let mut buf = vec![0u8; 16 * 1024];
                            loop {
                                let n = reader
                                    .read(&mut buf)
                                    .map_err(|e| format!("reading the body of {}: {e}", response.url))?;
                                if n == 0 || !sink.chunk(&buf[..n]) {
                                    break;
                                }
                            }
                        }
                        None if request.method != "HEAD" && !file_body.is_empty() => {
                            sink.chunk(&file_body);
                        }
                        None => {}
                    }
                }
                (None, Some(mut body)) => {
                    response.body = body
                        .with_config()
                        .limit(u64::MAX)
                        .read_to_vec()
                        .map_err(|e| format!("reading the body of {}: {e}", response.url))?;
                }
                (None, None) => {}
            }
            if request.method == "HEAD" {
                response.body.clear();
            }
            return Ok(response);
        }
        Err(format!("too many redirects fetching {}", request.url))
    }

    fn fetch_http(&self, request: &Request) -> Result<Response, String> {
        let (mut response, body) = self.http_head(request, false)?;
        if let Some(mut body) = body {
            response.body = body
                .with_config()
                .limit(u64::MAX)
                .read_to_vec()
                .map_err(|e| format!("reading the body of {}: {e}", request.url))?;
        }
        Ok(response)
    }

    /// Sends `request` and reads the response's head; the body, if it has one, is left to read
    /// (`streaming`: with no per-read timeout).
    fn http_head(&self, request: &Request, streaming: bool) -> Result<(Response, Option<ureq::Body>), String> {
        use ureq::http;
        let url = &request.url;
        // <https://fetch.spec.whatwg.org/#block-bad-port>: "If url's scheme is an HTTP(S) scheme
        // and url's port is a bad port, then return blocked" (each request of a redirect chain).
        if let Some(port) = url.port().filter(|p| is_bad_port(*p)) {
            return Err(format!("cannot fetch {url}: port {port} is blocked"));
        }
        let method = http::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| format!("'{}' is not an HTTP method", request.method))?;
        // The fragment is not part of an HTTP request's target (RFC 9110 §7.1).
        let mut target = url.clone();
        target.set_fragment(None);
        let mut builder = http::Request::builder().method(method).uri(target.as_str());
        for (name, value) in &request.headers {
            // The connection and the framing are the client's to manage.
            if !matches!(
                name.to_ascii_lowercase().as_str(),
                "host" | "connection" | "content-length" | "transfer-encoding" | "keep-alive"
            ) {
                builder = builder.header(name.as_str(), value.as_bytes());
            }
        }
        let run = |request: http::Request<Vec<u8>>| {
            if streaming {
                let request = self.agent.configure_request(request).timeout_per_read(None).build();
                self.agent.run(request)
            } else {
                self.agent.run(request)
            }
        };
        let result = match &request.body {
            Some(body) => run(builder.body(body.clone()).map_err(|e| format!("{url}: {e}"))?),
            // POST and PUT always say how long their (empty) body is.
            None if matches!(request.method.as_str(), "POST" | "PUT" | "PATCH") => {
                run(builder.body(Vec::<u8>::new()).map_err(|e| format!("{url}: {e}"))?)
            }
            None if streaming => {
                let request = builder.body(()).map_err(|e| format!("{url}: {e}"))?;
                self.agent.run(self.agent.configure_request(request).timeout_per_read(None).build())
            }
            None => self.agent.run(builder.body(()).map_err(|e| format!("{url}: {e}"))?),
        };
        let response = result.map_err(|e| format!("cannot fetch {url}: {e}"))?;
        let status = response.status();
        let mut headers = Vec::new();
        for (name, value) in response.headers() {
            // Header values are bytes; a page sees them as ISO-8859-1 ("byte strings").
            let value: String = value.as_bytes().iter().map(|&b| b as char).collect();
            headers.push((name.as_str().to_string(), value));
        }
        let find = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        let content_type = find("content-type");
        let location = find("location");
        let has_body = request.method != "HEAD" && !matches!(status.as_u16(), 100..=199 | 204 | 304);
        let body = if has_body { Some(response.into_body()) } else { None };
        let head = Response {
            url: url.clone(),
            status: status.as_u16(),
            status_text: status.canonical_reason().unwrap_or("").to_string(),
            content_type,
            headers,
            body: Vec::new(),
            location,
            redirected: false,
        };
        Ok((head, body))
    }
}

/// Name resolution that answers `localhost` and every `*.localhost` name with the loopback
/// addresses without asking DNS, as browsers do ("let localhost be localhost", RFC 6761 §6.3;
/// the WPT runner's other origins are such names), and asks the system for the rest.
#[derive(Debug, Default)]
struct LoopbackResolver(ureq::unversioned::resolver::DefaultResolver);

impl ureq::unversioned::resolver::Resolver for LoopbackResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or("").to_ascii_lowercase();
        if host == "localhost" || host.ends_with(".localhost") {
            let port = uri.port_u16().unwrap_or(if uri.scheme_str() == Some("https") { 443 } else { 80 });
            let mut addrs = self.empty();
            addrs.push(std::net::SocketAddr::from(([127, 0, 0, 1], port)));
            addrs.push(std::net::SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, port)));
            return Ok(addrs);
        }
        self.0.resolve(uri, config, timeout)
    }
}

fn fetch_file(url: &Url) -> Result<Response, String> {
    let path = url.to_file_path().map_err(|_| format!("not a local file URL: {url}"))?;
    let (status, status_text, body) = match std::fs::read(&path) {
        Ok(body) => (200, "OK", body),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (404, "Not Found", Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let content_type = if status == 200 { guess_type(url.path()) } else { None };
    let headers = content_type.iter().map(|t| ("Content-Type".to_string(), t.clone())).collect();
    Ok(Response {
        url: url.clone(),
        status,
        status_text: status_text.into(),
        content_type,
        headers,
        body,
        location: None,
        redirected: false,
    })
}

/// The Content-Type of a local file, from its extension.
fn guess_type(path: &str) -> Option<String> {
    let ext = path.rsplit('.').next()?.to_ascii_lowercase();
    Some(
        match ext.as_str() {
            "html" | "htm" => "text/html",
            "xhtml" => "application/xhtml+xml",
            "js" | "mjs" => "text/javascript",
            "css" => "text/css",
            "json" => "application/json",
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "webp" => "image/webp",
            "svg" => "image/svg+xml",
            "webm" => "video/webm",
            "mp4" => "video/mp4",
            "txt" | "idl" => "text/plain",
            _ => return None,
        }
        .to_string(),
    )
}

/// The certificates of a PEM file (other items are skipped), as DER for
/// [`ClientOptions::root_certificates`].
pub fn certificates_from_pem(pem: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(pem) {
        if let ureq::tls::PemItem::Certificate(certificate) = item.map_err(|e| e.to_string())? {
            certificates.push(certificate.der().to_vec());
        }
    }
    if certificates.is_empty() {
        return Err("no certificate in the PEM data".into());
    }
    Ok(certificates)
}

/// Turns a command line's PAGE into a URL: a URL as is, otherwise a path (relative to the
/// current directory; a `?query` after a path that does not exist as written is kept).
pub fn page_url(page: &str) -> Result<Url, String> {
    if let Ok(url) = Url::parse(page)
        && url.scheme().len() > 1
    {
        return Ok(url);
    }
    let absolute = |p: &std::path::Path| -> Result<std::path::PathBuf, String> {
        Ok(if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().map_err(|e| e.to_string())?.join(p) })
    };
    let (file, query) = match page.split_once('?') {
        Some((f, q)) if !std::path::Path::new(page).exists() => (absolute(std::path::Path::new(f))?, Some(q)),
        _ => (absolute(std::path::Path::new(page))?, None),
    };
    let mut url = Url::from_file_path(&file).map_err(|_| format!("not a usable path: {page}"))?;
    url.set_query(query);
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_a_404_and_a_present_one_has_its_type() {
        let dir = std::env::temp_dir().join(format!("aperture-net-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.html");
        std::fs::write(&file, b"<p>hi").unwrap();
        let client = Client::new(&ClientOptions::default());
        let ok = client.fetch(&Url::from_file_path(&file).unwrap()).unwrap();
        assert_eq!(
            (ok.status, ok.content_type.as_deref(), ok.body.as_slice()),
            (200, Some("text/html"), &b"<p>hi"[..])
        );
        let missing = client.fetch(&Url::from_file_path(dir.join("b.html")).unwrap()).unwrap();
        assert_eq!(missing.status, 404);
        std::fs::remove_dir_all(&dir).ok();
    }

    /// Serves one canned HTTP response per connection on 127.0.0.1; returns the port.
    fn serve(response: &'static str) -> u16 {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                    head.push(byte[0]);
                }
                let _ = stream.write_all(response.as_bytes());
            }
        });
        port
    }

    #[test]
    fn localhost_subdomains_are_loopback_and_bodies_arrive_whole() {
        let port =
            serve("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        let client = Client::new(&ClientOptions::default());
        for host in ["127.0.0.1", "localhost", "www1.localhost", "xn--lve-6lad.localhost"] {
            let response = client.fetch(&Url::parse(&format!("http://{host}:{port}/x?q=1#frag")).unwrap()).unwrap();
            assert_eq!((response.status, response.body.as_slice()), (200, &b"hello"[..]), "{host}");
            assert_eq!(response.status_text, "OK");
            assert_eq!(response.content_type.as_deref(), Some("text/plain"));
        }
    }

    #[test]
    fn redirects_are_followed_and_reported() {
        let target = serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        let location: &'static str = Box::leak(
            format!("HTTP/1.1 302 Found\r\nLocation: http://localhost:{target}/end\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .into_boxed_str(),
        );
        let start = serve(location);
        let client = Client::new(&ClientOptions::default());
        let response = client.fetch(&Url::parse(&format!("http://127.0.0.1:{start}/")).unwrap()).unwrap();
        assert!(response.redirected);
        assert_eq!(response.url.as_str(), format!("http://localhost:{target}/end"));
        assert_eq!(response.body, b"ok");
    }

    #[test]
    fn unsupported_schemes_and_file_posts_are_errors() {
        let client = Client::new(&ClientOptions::default());
        // A bad port is blocked before any connection.
        let blocked = client.fetch(&Url::parse("http://127.0.0.1:25/").unwrap()).unwrap_err();
        assert!(blocked.contains("blocked"), "{blocked}");
        assert!(client.fetch(&Url::parse("ftp://example.com/").unwrap()).is_err());
        let mut post = Request::get(&Url::parse("file:///tmp/x").unwrap());
        post.method = "POST".into();
        assert!(client.fetch_request(&post).is_err());
    }
}

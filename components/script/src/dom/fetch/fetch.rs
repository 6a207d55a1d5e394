//! `fetch()` (<https://fetch.spec.whatwg.org/#fetch-method>): the request is
//! checked on the script thread, sent from a worker thread with
//! [`crate::net`], and the promise settles from a task the worker queues.
//!
//! Supported: `file:` (GET/HEAD; a missing file is a network error),
//! `http:` (same-origin, or cross-origin "simple" requests whose response
//! passes the CORS check), and `data:` URLs; `signal` aborts. No
//! preflight, no cookies, no cache.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::rooted;
use url::Url;

use crate::dom::bindings::codegen::Dictionaries::RequestInit;
use crate::dom::bindings::codegen::Enums::{RequestCredentials, RequestMode, RequestRedirect, ResponseType};
use crate::dom::bindings::codegen::Unions::RequestOrUSVString as RequestInfo;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::dom::abortsignal::AbortSignal;
use crate::dom::fetch::body::{ReadAllDone, read_all_bytes};
use crate::dom::fetch::headers::HeaderList;
use crate::dom::fetch::request::Request;
use crate::dom::fetch::response::{Response, ResponseData};
use crate::dom::html::window::Window;
use crate::net;

/// A fetch waiting for its worker's reply.
struct PendingFetch {
    promise: Rc<Promise>,
    /// The request's redirect mode is "error": a redirect is a network error.
    redirect_error: bool,
    /// The origin whose CORS check the response must pass (a cross-origin request), and
    /// whether the credentials mode is "include".
    cors: Option<(String, bool)>,
    /// The client's URL when the response's cookies go to the store (a same-origin request
    /// whose credentials mode is not "omit").
    cookies_for: Option<Url>,
}

thread_local! {
    static PENDING: RefCell<HashMap<u64, PendingFetch>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// Drops the fetches still in flight (see `script_thread::teardown`).
pub(crate) fn teardown() -> usize {
    crate::script_thread::drain(&PENDING)
}

/// <https://fetch.spec.whatwg.org/#concept-method>: a token.
pub(crate) fn is_method(method: &[u8]) -> bool {
    !method.is_empty() && method.iter().all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// <https://fetch.spec.whatwg.org/#cors-safelisted-method>
pub(crate) fn is_safelisted_method(method: &str) -> bool {
    net::cors::is_safelisted_method(method)
}

/// <https://fetch.spec.whatwg.org/#cors-safelisted-request-header> (names and
/// the Content-Type values; the byte-level checks are left out).
pub(crate) fn is_safelisted_request_header(name: &[u8], value: &[u8]) -> bool {
    match name.to_ascii_lowercase().as_slice() {
        b"accept" | b"accept-language" | b"content-language" => true,
        b"content-type" => {
            let essence = String::from_utf8_lossy(value).split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            matches!(essence.as_str(), "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain")
        }
        _ => false,
    }
}

/// <https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names>: the names of the
/// headers that are not CORS-safelisted, lower-cased, sorted and without duplicates.
pub(crate) fn cors_unsafe_header_names(headers: &[(Vec<u8>, Vec<u8>)]) -> Vec<String> {
    let mut names: Vec<String> = headers
        .iter()
        .filter(|(n, v)| !is_safelisted_request_header(n, v))
        .map(|(n, _)| String::from_utf8_lossy(n).to_ascii_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// <https://fetch.spec.whatwg.org/#fetch-method>
pub fn fetch(cx: &mut JSContext, window: &Window, input: RequestInfo, init: &RequestInit) -> Rc<Promise> {
    // Step 1: Let p be a new promise.
    let promise = Promise::new(cx, window);
    // Step 2: Let requestObject be the result of invoking the initial value of Request as
    //    constructor with input and init as arguments.
    let request = match Request::construct(cx, window, None, &input, init) {
        Ok(request) => request,
        // Step 3: If that threw, reject p with it and return p.
        Err(error) => {
            promise.reject_error(cx, error);
            return promise;
        }
    };
    match request.body_source_stream() {
        // A body given as a ReadableStream is read whole first, then sent (Aperture does not
        // stream request bodies: the network layer takes the body as one buffer).
        Some(stream) => {
            let done = ReadAllDone::Fetch { window: Dom::from_ref(window), request: Dom::from_ref(&*request) };
            read_all_bytes(cx, window, &stream, promise.clone(), done);
        }
        None => {
            let body = request.body_bytes().map(|b| b.to_vec());
            fetch_with_body(cx, window, &request, &promise, body);
        }
    }
    promise
}

/// Fetches `request` with `body` (its body's bytes), settling `promise`; an error rejects it.
pub fn fetch_with_body(
    cx: &mut JSContext,
    window: &Window,
    request: &Request,
    promise: &Rc<Promise>,
    body: Option<Vec<u8>>,
) {
    if let Err(error) = start_fetch(cx, window, request, promise, body) {
        promise.reject_error(cx, error);
    }
}

/// "Fetch" the request a `Request` holds (<https://fetch.spec.whatwg.org/#concept-fetch>).
fn start_fetch(
    cx: &mut JSContext,
    window: &Window,
    request: &Request,
    promise: &Rc<Promise>,
    body: Option<Vec<u8>>,
) -> Result<(), Error> {
    let base = window.document().base_url();
    let data = request.data();
    let url = data.url.clone();
    let method = data.method.clone();
    let header_list: HeaderList = request.headers().list();
    let redirect_error = data.redirect == RequestRedirect::Error;

    // fetch() step 4: an aborted signal rejects at once with its reason; otherwise aborting
    // later rejects the promise and drops the response.
    let signal = Some(request.signal());
    if let Some(signal) = &signal
        && signal.is_aborted()
    {
        rooted!(&in(cx) let reason = signal.reason());
        promise.reject(cx, reason.handle());
        return Ok(());
    }

    // "Main fetch": the scheme decides.
    let request_origin = crate::origin::origin_key(&base);
    let cross_origin = crate::origin::origin_key(&url) != request_origin;
    // <https://fetch.spec.whatwg.org/#main-fetch> step 12: a "same-origin" request for another
    // origin is a network error.
    if cross_origin && data.mode == RequestMode::SameOrigin && !matches!(url.scheme(), "data" | "blob") {
        return Err(Error::Type(format!("Failed to fetch {url}: mode is 'same-origin' but the URL is cross-origin")));
    }
    match url.scheme() {
        // <https://fetch.spec.whatwg.org/#data-url-processor>
        "data" => {
            let (mime, bytes) = crate::net::data_url::process(&url)
                .ok_or_else(|| Error::Type("Failed to fetch: invalid data: URL".into()))?;
            respond_locally(
                promise,
                signal,
                &url,
                vec![(b"Content-Type".to_vec(), mime.into_bytes())],
                std::sync::Arc::from(bytes),
            );
            Ok(())
        }
        // <https://fetch.spec.whatwg.org/#scheme-fetch> "blob": the blob URL entry, or a network
        // error (a GET only).
        "blob" => {
            // "Let blobURLEntry be request's current URL's blob URL entry": the one the Request
            // resolved when its URL was parsed.
            let entry = data
                .blob_entry
                .clone()
                .or_else(|| crate::dom::fileapi::bloburl::resolve(&url, &request_origin))
                .filter(|_| method.eq_ignore_ascii_case("GET"))
                .ok_or_else(|| Error::Type(format!("Failed to fetch {url}: no such blob URL (or not a GET)")))?;
            respond_locally(promise, signal, &url, blob_url_headers(&entry), entry.bytes.clone());
            Ok(())
        }
        "file" | "http" | "https" => {
            // <https://fetch.spec.whatwg.org/#main-fetch> step 12: a cross-origin request is a
            // CORS request; it needs a preflight when its method or a header is not
            // CORS-safelisted, or a stream body sets the use-CORS-preflight flag.
            let include_credentials = data.credentials == RequestCredentials::Include;
            let mut preflight = None;
            if cross_origin {
                if url.scheme() == "file" {
                    return Err(Error::Type(format!("Failed to fetch {url}: cross-origin file access")));
                }
                let unsafe_headers = cors_unsafe_header_names(&header_list);
                if request.has_stream_body() || !is_safelisted_method(&method) || !unsafe_headers.is_empty() {
                    preflight = Some(net::cors::Preflight {
                        method: method.clone(),
                        unsafe_headers,
                        origin: request_origin.clone(),
                        referer: None,
                        include_credentials,
                    });
                }
            }
            let mut net_request = net::Request::get(&url);
            net_request.method = method;
            net_request.headers = header_list
                .iter()
                .map(|(n, v)| (String::from_utf8_lossy(n).into_owned(), String::from_utf8_lossy(v).into_owned()))
                .collect();
            if cross_origin {
                net_request.headers.push(("Origin".into(), request_origin.clone()));
            }
            net_request.body = body;
            // <https://fetch.spec.whatwg.org/#main-fetch> step 8: the request's referrer under its
            // referrer policy ("" is the default policy); "about:client" is the document's URL.
            let referrer = match data.referrer.as_str() {
                "" => None,
                "about:client" => Some(window.document().url()),
                other => Url::parse(other).ok(),
            };
            if let Some(referrer) = referrer {
                let policy = net::referrer::Policy::parse(data.referrer_policy.as_str()).unwrap_or_default();
                net_request = net::with_referrer(net_request, &referrer, policy);
            }
            if let Some(preflight) = &mut preflight {
                preflight.referer =
                    net_request.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("referer")).map(|(_, v)| v.clone());
            }
            // <https://fetch.spec.whatwg.org/#http-network-or-cache-fetch> step 13: "includeCredentials"
            // for a same-origin request unless its credentials mode is "omit": the Cookie
            // header, and the response's cookies are stored. (Aperture sends no credentials to
            // other origins, whatever the mode.)
            let cookies_for =
                (!cross_origin && data.credentials != RequestCredentials::Omit).then(|| window.document().url());
            if let Some(client_url) = &cookies_for {
                net_request = net::with_cookies(net_request, client_url);
            }
            let cors = cross_origin.then_some((request_origin, include_credentials));
            let id = send(promise, net_request, cors, redirect_error, preflight, cookies_for)?;
            if let Some(signal) = signal {
                // <https://fetch.spec.whatwg.org/#abort-fetch>: reject with the reason; the reply is ignored.
                signal.add_abort_algorithm(Box::new(move |cx, reason| {
                    if let Some(pending) = PENDING.with(|p| p.borrow_mut().remove(&id)) {
                        pending.promise.reject(cx, reason);
                    }
                }));
            }
            Ok(())
        }
        other => Err(Error::Type(format!("Failed to fetch {url}: the '{other}' scheme is not supported"))),
    }
}

/// Answers a request the user agent serves itself (a `data:` or `blob:` URL) with a 200 response
/// of `headers` and `body`, settled from a task as every fetch is; an abort before that task
/// rejects with the signal's reason (<https://fetch.spec.whatwg.org/#abort-fetch>).
fn respond_locally(
    promise: &Rc<Promise>,
    signal: Option<DomRoot<AbortSignal>>,
    url: &Url,
    headers: HeaderList,
    body: std::sync::Arc<[u8]>,
) {
    let data = ResponseData {
        type_: ResponseType::Basic,
        url: Some(url_without_fragment(url)),
        redirected: false,
        status: 200,
        status_text: b"OK".to_vec(),
        headers,
        body: Some(body),
    };
    if let Some(signal) = signal {
        let promise = promise.clone();
        signal.add_abort_algorithm(Box::new(move |cx, reason| {
            if promise.is_pending() {
                promise.reject(cx, reason);
            }
        }));
    }
    let promise = promise.clone();
    crate::script_thread::queue_task(Box::new(move |cx| {
        if !promise.is_pending() {
            return;
        }
        let global = promise.global();
        let response = Response::new(cx, &global, data);
        promise.resolve_native(cx, &response);
    }));
}

/// Sends `request` in parallel (<https://fetch.spec.whatwg.org/#concept-fetch>); the reply settles
/// `promise` from a task. A panic while fetching settles it as a network error.
fn send(
    promise: &Rc<Promise>,
    request: net::Request,
    cors: Option<(String, bool)>,
    redirect_error: bool,
    preflight: Option<net::cors::Preflight>,
    cookies_for: Option<Url>,
) -> Result<u64, Error> {
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    PENDING.with(|p| {
        p.borrow_mut().insert(id, PendingFetch { promise: promise.clone(), cors, redirect_error, cookies_for })
    });
    let client = net::client();
    crate::parallel::in_parallel(
        &format!("fetch {id}"),
        move || {
            // <https://fetch.spec.whatwg.org/#http-network-or-cache-fetch>: the CORS-preflight
            // fetch first; its failure is the request's network error.
            if let Some(preflight) = &preflight {
                net::cors::preflight(&client, &request.url, preflight)?;
            }
            client.fetch_request(&request)
        },
        move |cx, result| {
            let result = result.unwrap_or_else(|| Err("the fetch thread failed".to_owned()));
            settle(cx, id, result)
        },
    );
    Ok(id)
}

/// The reply task: resolve with a Response, or reject with a TypeError for a network error.
fn settle(cx: &mut JSContext, id: u64, result: Result<net::Response, String>) {
    let Some(pending) = PENDING.with(|p| p.borrow_mut().remove(&id)) else { return };
    let promise = pending.promise;
    let response = match result {
        Ok(r) => r,
        Err(message) => {
            promise.reject_error(cx, Error::Type(format!("Failed to fetch: {message}")));
            return;
        }
    };
    // <https://fetch.spec.whatwg.org/#http-redirect-fetch> with redirect mode "error": a
    // network error.
    if pending.redirect_error && response.redirected {
        promise.reject_error(
            cx,
            Error::Type(format!("Failed to fetch {}: redirected, and redirect is 'error'", response.url)),
        );
        return;
    }
    // A missing file is a network error (there is no HTTP status for files).
    if response.url.scheme() == "file" && !response.ok() {
        promise.reject_error(cx, Error::Type(format!("Failed to fetch {}: no such file", response.url)));
        return;
    }
    if let Some(client_url) = &pending.cookies_for {
        net::store_cookies(&response.url, &response.headers, client_url);
    }
    let headers: HeaderList =
        response.headers.iter().map(|(n, v)| (n.clone().into_bytes(), v.clone().into_bytes())).collect();
    let (type_, headers) = match &pending.cors {
        None => (ResponseType::Basic, basic_filter(headers)),
        Some((origin, include_credentials)) => {
            if !net::cors::check(&response.headers, origin, *include_credentials) {
                promise
                    .reject_error(cx, Error::Type(format!("Failed to fetch {}: the CORS check failed", response.url)));
                return;
            }
            (ResponseType::Cors, cors_filter(headers))
        }
    };
    let data = ResponseData {
        type_,
        url: Some(url_without_fragment(&response.url)),
        redirected: response.redirected,
        status: response.status,
        status_text: response.status_text.into_bytes(),
        headers,
        body: Some(std::sync::Arc::from(response.body)),
    };
    let global = promise.global();
    let dom_response = Response::new(cx, &global, data);
    promise.resolve_native(cx, &dom_response);
}

/// <https://fetch.spec.whatwg.org/#concept-cors-check> for a request whose credentials mode is
/// not "include" (scripts and images with `crossorigin="anonymous"`).
pub(crate) fn cors_check(headers: &[(String, String)], origin: &str) -> bool {
    net::cors::check(headers, origin, false)
}

/// The headers of a response the user agent makes for a `blob:` URL entry.
pub(crate) fn blob_url_headers(entry: &crate::dom::fileapi::bloburl::BlobUrlEntry) -> HeaderList {
    let mut headers = vec![(b"Content-Length".to_vec(), entry.bytes.len().to_string().into_bytes())];
    if !entry.type_.is_empty() {
        headers.push((b"Content-Type".to_vec(), entry.type_.clone().into_bytes()));
    }
    headers
}

/// <https://fetch.spec.whatwg.org/#concept-filtered-response-basic>: without `Set-Cookie`.
pub(crate) fn basic_filter(headers: HeaderList) -> HeaderList {
    headers
        .into_iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case(b"set-cookie") && !n.eq_ignore_ascii_case(b"set-cookie2"))
        .collect()
}

/// <https://fetch.spec.whatwg.org/#concept-filtered-response-cors>: safelisted
/// response headers and those named in `Access-Control-Expose-Headers`.
pub(crate) fn cors_filter(headers: HeaderList) -> HeaderList {
    let exposed: Vec<Vec<u8>> = headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(b"access-control-expose-headers"))
        .flat_map(|(_, v)| {
            String::from_utf8_lossy(v)
                .split(',')
                .map(|s| s.trim().to_ascii_lowercase().into_bytes())
                .collect::<Vec<_>>()
        })
        .collect();
    const SAFELISTED: &[&[u8]] = &[
        b"cache-control",
        b"content-language",
        b"content-length",
        b"content-type",
        b"expires",
        b"last-modified",
        b"pragma",
    ];
    headers
        .into_iter()
        .filter(|(n, _)| {
            let lower = n.to_ascii_lowercase();
            SAFELISTED.contains(&lower.as_slice()) || exposed.contains(&lower) || exposed.iter().any(|e| e == b"*")
        })
        .collect()
}

pub(crate) fn url_without_fragment(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.to_string()
}

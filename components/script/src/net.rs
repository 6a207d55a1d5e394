//! The network client of the engine this thread belongs to. The client itself, `data:` URLs,
//! encoding sniffing and referrer policy live in the `net` crate (no DOM); the script thread is
//! given its engine's client at start (`set_client`), and work sent in parallel takes a clone
//! with it ([`client`]) so that one engine's fetches share one connection pool and one set of
//! trusted roots.

use std::cell::RefCell;

pub use ::net::{
    Client, ClientOptions, Request, Response, certificates_from_pem, cors, data_url, page_url, referrer, sniff,
};

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// The options of a client nobody configured: Aperture's user agent, Mozilla's roots.
pub fn default_options() -> ClientOptions {
    ClientOptions { user_agent: crate::dom::html::navigator::USER_AGENT.to_owned(), root_certificates: Vec::new() }
}

/// Makes `client` this thread's (the script thread of an engine, or a worker's thread, which
/// gets its owner's).
pub fn set_client(client: Client) {
    CLIENT.with(|c| *c.borrow_mut() = Some(client));
}

/// This thread's client (a default one is made for a thread that was given none).
pub fn client() -> Client {
    CLIENT.with(|c| c.borrow_mut().get_or_insert_with(|| Client::new(&default_options())).clone())
}

/// A `GET` of `url` made by a document or worker at `client_url` (an image, a script, a media
/// file, a font, a frame): its `Referer` is the one the default referrer policy gives
/// (<https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer>), and a
/// same-origin one carries the engine's cookies.
pub fn get_from(url: &url::Url, client_url: &url::Url) -> Request {
    // Subresources are fetched with credentials mode "include" (no-cors) or "same-origin"
    // (crossorigin="anonymous", module scripts); either way a same-origin request carries the
    // engine's cookies, and Aperture sends none to other origins.
    let request = with_referrer(Request::get(url), client_url, referrer::Policy::default());
    if url.origin() == client_url.origin() { with_cookies(request, client_url) } else { request }
}

/// Adds the `Referer` header `policy` gives for a request from `client_url` (none when the
/// request already has one or the policy gives none).
pub fn with_referrer(mut request: Request, client_url: &url::Url, policy: referrer::Policy) -> Request {
    let has = request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("referer"));
    if !has && let Some(value) = referrer::referrer_for(client_url, &request.url, policy) {
        request.headers.push(("Referer".into(), value));
    }
    request
}

/// The cookie context of a request to `url` made by a document or worker at `client_url`: its
/// same-site status (the same scheme and host, Aperture having no public suffix list) and
/// whether the connection is secure.
fn cookie_context<'a>(url: &'a url::Url, client_url: &url::Url) -> crate::cookies::CookieContext<'a> {
    crate::cookies::CookieContext {
        url,
        same_site: url.scheme() == client_url.scheme() && url.host_str() == client_url.host_str(),
        secure: referrer::is_potentially_trustworthy(url),
    }
}

/// Adds the `Cookie` header of an HTTP(S) request (the engine's cookies for its URL, `HttpOnly`
/// ones included; `SameSite` ones only for a same-site request), unless the request has one.
/// Call on the script thread, which holds the engine's cookie store.
pub fn with_cookies(mut request: Request, client_url: &url::Url) -> Request {
    if !matches!(request.url.scheme(), "http" | "https")
        || request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("cookie"))
    {
        return request;
    }
    let url = request.url.clone();
    let context = cookie_context(&url, client_url);
    let value = crate::cookies::with_store(|s| s.cookie_string_for_http(&context, crate::cookies::now_secs()));
    if !value.is_empty() {
        request.headers.push(("Cookie".into(), value));
    }
    request
}

/// Stores the cookies of a response's `Set-Cookie` headers (on the script thread).
pub fn store_cookies(response_url: &url::Url, headers: &[(String, String)], client_url: &url::Url) {
    if !matches!(response_url.scheme(), "http" | "https") {
        return;
    }
    let context = cookie_context(response_url, client_url);
    let now = crate::cookies::now_secs();
    for (_, value) in headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie")) {
        crate::cookies::with_store(|s| s.set_from_http(value, &context, now));
    }
}

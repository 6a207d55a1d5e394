//! The network client of the engine this thread belongs to. The client itself, `data:` URLs,
//! encoding sniffing and referrer policy live in the `net` crate (no DOM); the script thread is
//! given its engine's client at start (`set_client`), and work sent in parallel takes a clone
//! with it ([`client`]) so that one engine's fetches share one connection pool and one set of
//! trusted roots.

use std::cell::RefCell;

pub use ::net::{Client, ClientOptions, Request, Response, certificates_from_pem, cors, data_url, page_url, referrer, sniff};

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
/// (<https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer>).
pub fn get_from(url: &url::Url, client_url: &url::Url) -> Request {
    with_referrer(Request::get(url), client_url, referrer::Policy::default())
}

/// Adds the `Referer` header `policy` gives for a request from `client_url` (none when the
/// request already has one or the policy gives none).
pub fn with_referrer(mut request: Request, client_url: &url::Url, policy: referrer::Policy) -> Request {
    let has = request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("referer"));
    if !has {
        if let Some(value) = referrer::referrer_for(client_url, &request.url, policy) {
            request.headers.push(("Referer".into(), value));
        }
    }
    request
}

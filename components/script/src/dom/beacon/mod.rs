//! Beacon (<https://w3c.github.io/beacon/>): `navigator.sendBeacon()`, a `POST` that is queued
//! and not waited for. The request goes out in parallel on the engine's network client (with
//! the engine's cookies, `Referer` and, across origins, `Origin` and the CORS preflight a
//! non-safelisted `Content-Type` needs); its response is discarded. The event loop stays alive
//! until it has been sent, so a beacon queued as a page ends still leaves.

use url::Url;

use crate::dom::bindings::codegen::Unions::ReadableStreamOrBlobOrArrayBufferViewOrArrayBufferOrFormDataOrURLSearchParamsOrUSVString as BodyInit;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::html::window::Window;

/// The most a beacon may carry: the keepalive quota of Fetch's "HTTP-network-or-cache fetch"
/// ("If the sum of contentLength and inflightKeepaliveBytes is greater than 64 kibibytes, then
/// return a network error"), which `sendBeacon()` answers with false.
const KEEPALIVE_QUOTA: usize = 64 * 1024;

/// <https://w3c.github.io/beacon/#sec-processing-model>
pub fn send_beacon(window: &Window, url: &str, data: Option<BodyInit>) -> Fallible<bool> {
    // 1. Set base to this's relevant settings object's API base URL.
    // 2. Set origin to this's relevant settings object's origin.
    let client_url = window.url();
    let origin_url = window.document().origin_url();
    // 3. Set parsedUrl to the result of the URL parser steps with url and base. If the
    //    algorithm returns an error, or if parsedUrl's scheme is not "http" or "https", throw a
    //    "TypeError" exception and terminate these steps.
    let parsed = Url::options().base_url(Some(&window.api_base_url())).parse(url).map_err(|_| {
        Error::Type(format!(
            "Failed to execute 'sendBeacon' on 'Navigator': The URL argument is ill-formed or unsupported: '{url}'."
        ))
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::Type(
            "Failed to execute 'sendBeacon' on 'Navigator': Beacons are only supported over HTTP(S).".into(),
        ));
    }
    // 4. Let headerList be an empty list. 5. Let corsMode be "no-cors".
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut cors_mode = false;
    let mut body = Vec::new();
    // 6. If data is not null:
    if let Some(data) = data {
        // 6.1. Set transmittedData and contentType to the result of extracting data's byte
        //      stream with the keepalive flag set (a ReadableStream with keepalive: TypeError).
        let init = crate::dom::fetch::response::split_body_init(data).map_err(|_| {
            Error::Type(
                "Failed to execute 'sendBeacon' on 'Navigator': a ReadableStream cannot be sent with keepalive.".into(),
            )
        })?;
        let (bytes, content_type) = crate::dom::fetch::response::extract_body(&init);
        // 6.2. If the amount of data that can be queued to be sent by keepalive enabled
        //      requests is exceeded by the size of transmittedData, set the return value to
        //      false and terminate these steps.
        if bytes.len() > KEEPALIVE_QUOTA {
            return Ok(false);
        }
        // 6.3. If contentType is not null: set corsMode to "cors"; if contentType value is a
        //      CORS-safelisted request-header value for the Content-Type header, set corsMode
        //      to "no-cors"; append a Content-Type header with value contentType to headerList.
        if let Some(content_type) = content_type {
            cors_mode =
                !crate::dom::fetch::fetch::is_safelisted_request_header(b"content-type", content_type.as_bytes());
            headers.push(("Content-Type".into(), content_type));
        }
        body = bytes;
    }
    // 7. Set the return value to true, return the sendBeacon() call, and continue to run the
    //    following step in parallel: let req be a new request (method POST, url parsedUrl,
    //    header list headerList, origin origin, keepalive flag set, body transmittedData, mode
    //    corsMode, credentials mode "include", initiator type "beacon"); fetch req.
    let cross_origin = parsed.origin() != origin_url.origin();
    let origin = origin_url.origin().ascii_serialization();
    let mut request = net::Request { url: parsed, method: "POST".into(), headers, body: Some(body) };
    request = crate::net::with_referrer(request, &client_url, net::referrer::Policy::default());
    request = crate::net::with_cookies(request, &client_url);
    if cross_origin {
        request.headers.push(("Origin".into(), origin.clone()));
    }
    let preflight = (cross_origin && cors_mode).then(|| net::cors::Preflight {
        method: "POST".into(),
        unsafe_headers: vec!["content-type".into()],
        origin,
        referer: request.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("referer")).map(|(_, v)| v.clone()),
        include_credentials: true,
    });
    let client = crate::net::client();
    crate::parallel::in_parallel(
        "beacon",
        move || {
            if let Some(preflight) = &preflight {
                net::cors::preflight(&client, &request.url, preflight)?;
            }
            client.fetch_request(&request).map(|response| response.status)
        },
        // The response is not looked at ("the user agent ... does not need to process it").
        |_cx, result| {
            if let Some(Err(e)) = result {
                log::info!("a beacon was not delivered: {e}");
            }
        },
    );
    Ok(true)
}

//! CORS (<https://fetch.spec.whatwg.org/#http-cors-protocol>): the CORS check of a response and
//! the CORS-preflight fetch, which need no DOM. Which requests need a preflight, and the
//! filtering of what a page may read, are decided by the caller (it knows the request's headers
//! as the page set them).

use url::Url;

use crate::{Client, Request};

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
}

/// <https://fetch.spec.whatwg.org/#concept-cors-check>: `Access-Control-Allow-Origin` is the
/// request's origin, or `*` when the credentials mode is not "include"; with credentials,
/// `Access-Control-Allow-Credentials` must also be `true`.
pub fn check(headers: &[(String, String)], origin: &str, include_credentials: bool) -> bool {
    // 1.–2. "Let origin be the result of getting `Access-Control-Allow-Origin` from response's
    //    header list. If origin is null, then return failure."
    let Some(allowed) = header(headers, "access-control-allow-origin") else { return false };
    // 3. "If request's credentials mode is not "include" and origin is `*`, then return success."
    if !include_credentials && allowed == "*" {
        return true;
    }
    // 4. "If the result of byte-serializing a request origin with request is not origin, then
    //    return failure."
    if allowed != origin {
        return false;
    }
    // 5.–7. "If request's credentials mode is not "include", then return success. Let
    //    credentials be the result of getting `Access-Control-Allow-Credentials`… If credentials
    //    is `true`, then return success. Return failure."
    !include_credentials || header(headers, "access-control-allow-credentials") == Some("true")
}

/// The values of a comma-separated header list (`Access-Control-Allow-Methods`/`-Headers`).
fn list(headers: &[(String, String)], name: &str) -> Vec<String> {
    headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .flat_map(|(_, v)| v.split(','))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// <https://fetch.spec.whatwg.org/#cors-safelisted-method>
pub fn is_safelisted_method(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "POST")
}

/// What a request that needs a preflight asks for.
#[derive(Clone, Debug)]
pub struct Preflight {
    /// The request's method.
    pub method: String,
    /// Its CORS-unsafe request-header names, lower-cased, sorted and without duplicates
    /// (<https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names>).
    pub unsafe_headers: Vec<String>,
    /// The serialized origin of the request's client.
    pub origin: String,
    /// The request's `Referer`, if it has one.
    pub referer: Option<String>,
    /// The credentials mode is "include".
    pub include_credentials: bool,
}

/// <https://fetch.spec.whatwg.org/#cors-preflight-fetch>: an `OPTIONS` request that asks
/// whether `preflight.method` and the unsafe headers may be sent to `url`; `Err` is a network
/// error. (There is no preflight cache: each request that needs one makes one.)
pub fn preflight(client: &Client, url: &Url, preflight: &Preflight) -> Result<(), String> {
    // 1.–4. "Let preflight be a new request whose method is `OPTIONS`, URL list is a clone of
    //    request's URL list, … origin, referrer …; append (`Accept`, `*/*`), append
    //    (`Access-Control-Request-Method`, request's method); if headers is not empty, append
    //    (`Access-Control-Request-Headers`, value)" (the names joined by ",").
    let mut request = Request::get(url);
    request.method = "OPTIONS".into();
    request.headers.push(("Accept".into(), "*/*".into()));
    request.headers.push(("Origin".into(), preflight.origin.clone()));
    request.headers.push(("Access-Control-Request-Method".into(), preflight.method.clone()));
    if !preflight.unsafe_headers.is_empty() {
        request.headers.push(("Access-Control-Request-Headers".into(), preflight.unsafe_headers.join(",")));
    }
    if let Some(referer) = &preflight.referer {
        request.headers.push(("Referer".into(), referer.clone()));
    }
    // 5. "Let response be the result of running HTTP-network-or-cache fetch given a new fetch
    //    params": no redirects are followed for a preflight (a redirect is not an ok status).
    let response = client.fetch_request_no_redirect(&request)?;
    // 6. "If a CORS check for request and response returns success and response's status is an
    //    ok status, then: …"
    if !check(&response.headers, &preflight.origin, preflight.include_credentials) {
        return Err(format!("the CORS preflight of {url} failed its CORS check"));
    }
    if !response.ok() {
        return Err(format!("the CORS preflight of {url} was answered with status {}", response.status));
    }
    // 6.1–6.2 "Let methods be the result of extracting header list values given
    //    `Access-Control-Allow-Methods`… Let headerNames be … `Access-Control-Allow-Headers`."
    let methods = list(&response.headers, "access-control-allow-methods");
    let names = list(&response.headers, "access-control-allow-headers");
    let wildcard = |values: &[String]| !preflight.include_credentials && values.iter().any(|v| v == "*");
    // 6.5 "If request's method is not in methods, request's method is not a CORS-safelisted
    //    method, and request's credentials mode is "include" or methods does not contain `*`,
    //    then return a network error."
    if !methods.contains(&preflight.method) && !is_safelisted_method(&preflight.method) && !wildcard(&methods) {
        return Err(format!("the CORS preflight of {url} does not allow the method {}", preflight.method));
    }
    // 6.6 "If one of request's header list's names is a CORS non-wildcard request-header name
    //    and is not a byte-case-insensitive match for an item in headerNames, then return a
    //    network error." 6.7 "For each unsafeName in the CORS-unsafe request-header names …, if
    //    unsafeName is not a byte-case-insensitive match for an item in headerNames and
    //    request's credentials mode is "include" or headerNames does not contain `*`, return a
    //    network error."
    for name in &preflight.unsafe_headers {
        let listed = names.iter().any(|n| n.eq_ignore_ascii_case(name));
        let by_wildcard = wildcard(&names) && name != "authorization";
        if !listed && !by_wildcard {
            return Err(format!("the CORS preflight of {url} does not allow the header {name}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_cors_check_with_and_without_credentials() {
        let o = "http://a.test";
        assert!(check(&h(&[("Access-Control-Allow-Origin", "*")]), o, false));
        assert!(!check(&h(&[("Access-Control-Allow-Origin", "*")]), o, true));
        assert!(!check(&h(&[("Access-Control-Allow-Origin", o)]), o, true));
        assert!(check(
            &h(&[("Access-Control-Allow-Origin", o), ("Access-Control-Allow-Credentials", "true")]),
            o,
            true
        ));
        assert!(!check(&h(&[("Access-Control-Allow-Origin", "http://b.test")]), o, false));
        assert!(!check(&h(&[]), o, false));
    }
}

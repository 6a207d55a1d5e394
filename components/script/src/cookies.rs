//! The engine's cookie store: RFC 6265bis (<https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html>)
//! parsing of a set-cookie-string (§5.6), the storage model (§5.7) and the retrieval of a
//! cookie-string (§5.8), as `document.cookie` uses them (a "non-HTTP" API).
//!
//! One store per engine, held by the engine's script thread (every window of an engine runs on
//! it), in memory only. Cookies are keyed by host, not origin, as the RFC says.
//!
//! Approximations (documented in README.md):
//! - Aperture has no public suffix list: a `Domain` attribute naming a single-label host other
//!   than the request host (`com`, `localhost` from `a.localhost`) is treated as a public suffix
//!   and the cookie is ignored; a "site" is the scheme and host (no registrable-domain folding).
//! - Cookies are not (yet) sent with or stored from HTTP requests (`net.rs` is a plain HTTP/1.1
//!   client called off the script thread); only `document.cookie` reads and writes the store.

use std::cell::RefCell;
use std::time::{SystemTime, UNIX_EPOCH};

use url::Url;

/// §5.6.1: "the maximum age of the cookie (400 days or less)".
const COOKIE_AGE_LIMIT_SECS: f64 = 400.0 * 24.0 * 3600.0;
/// §5.6: "If the sum of the lengths of the name string and the value string is more than 4096
/// octets, abort these steps and ignore the set-cookie-string entirely."
const NAME_VALUE_LIMIT: usize = 4096;
/// §5.6: an attribute-value longer than 1024 octets is ignored.
const ATTRIBUTE_VALUE_LIMIT: usize = 1024;

/// <https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-the-samesite-attribute-2>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameSite {
    None,
    Lax,
    Strict,
    /// No (or an unrecognised) `SameSite` attribute: treated as `Lax`, as Chromium does.
    Default,
}

/// A stored cookie (§5.7: the fields the storage model keeps).
#[derive(Clone, Debug, PartialEq)]
pub struct Cookie {
    pub name: String,
    pub value: String,
    /// The canonicalized host or `Domain` attribute.
    pub domain: String,
    pub host_only: bool,
    pub path: String,
    /// Seconds since the Unix epoch; `None` for a session cookie (no `persistent-flag`).
    pub expiry: Option<f64>,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    /// Insertion order, for the retrieval sort ("earlier creation-times first").
    creation: u64,
}

/// The parts of a set-cookie-string (§5.6) before the storage model looks at them.
#[derive(Debug, Default, PartialEq)]
struct Parsed {
    name: String,
    value: String,
    /// `Expires` or `Max-Age`, in seconds since the epoch; `Max-Age` wins.
    expires: Option<f64>,
    max_age: Option<f64>,
    domain: Option<String>,
    path: Option<String>,
    secure: bool,
    http_only: bool,
    same_site: Option<SameSite>,
}

/// The context a cookie is read or written from.
pub struct CookieContext<'a> {
    pub url: &'a Url,
    /// Whether the document is same-site with its top-level document (§5.2 "same-site").
    pub same_site: bool,
    /// Whether the URL is a secure context (https, or a loopback host as Chromium allows).
    pub secure: bool,
}

#[derive(Default)]
pub struct CookieStore {
    cookies: Vec<Cookie>,
    next_creation: u64,
}

thread_local! {
    /// The engine's cookie store (one script thread per engine).
    static STORE: RefCell<CookieStore> = RefCell::new(CookieStore::default());
}

/// Runs `f` on this engine's cookie store.
pub fn with_store<R>(f: impl FnOnce(&mut CookieStore) -> R) -> R {
    STORE.with(|s| f(&mut s.borrow_mut()))
}

pub fn now_secs() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}

fn is_wsp(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// §5.6: parse a set-cookie-string; `None` when it is ignored entirely.
fn parse_set_cookie_string(input: &str, now: f64) -> Option<Parsed> {
    // "If the set-cookie-string contains a %x00-08 / %x0A-1F / %x7F character (CTL characters
    // excluding HTAB): Abort these steps and ignore the set-cookie-string entirely."
    if input.chars().any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}')) {
        return None;
    }
    // "If the set-cookie-string contains a %x3B (";") character: The name-value-pair string
    // consists of the characters up to, but not including, the first %x3B (";"), and the
    // unparsed-attributes consist of the remainder... Otherwise: the name-value-pair string
    // consists of all the characters contained in the set-cookie-string, and the
    // unparsed-attributes is the empty string."
    let (pair, mut unparsed) = match input.find(';') {
        Some(i) => (&input[..i], &input[i..]),
        None => (input, ""),
    };
    // "If the name-value-pair string lacks a %x3D ("=") character, then the name string is empty,
    // and the value string is the value of name-value-pair. Otherwise, the name string consists
    // of the characters up to, but not including, the first %x3D ("=") character, and the
    // (possibly empty) value string consists of the characters after the first %x3D ("=")."
    let (name, value) = match pair.find('=') {
        Some(i) => (&pair[..i], &pair[i + 1..]),
        None => ("", pair),
    };
    // "Remove any leading or trailing WSP characters from the name string and the value string."
    let name = name.trim_matches(is_wsp);
    let value = value.trim_matches(is_wsp);
    // "If the sum of the lengths of the name string and the value string is 0, abort" and "more
    // than 4096 octets, abort".
    if name.len() + value.len() == 0 || name.len() + value.len() > NAME_VALUE_LIMIT {
        return None;
    }
    let mut parsed = Parsed { name: name.into(), value: value.into(), ..Default::default() };
    // §5.6: "If the unparsed-attributes string is empty, skip the rest of these steps."
    while !unparsed.is_empty() {
        // "Discard the first character of the unparsed-attributes (which will be a %x3B (";")
        // character)." "If the remaining unparsed-attributes contains a %x3B (";") character:
        // Consume the characters of the unparsed-attributes up to, but not including, the first
        // %x3B (";") character. Otherwise: Consume the remainder of the unparsed-attributes."
        let rest = &unparsed[1..];
        let (av, remainder) = match rest.find(';') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        unparsed = remainder;
        // "If the cookie-av string contains a %x3D ("=") character: ... Otherwise: The
        // attribute-name string consists of the entire cookie-av string, and the attribute-value
        // string is empty."
        let (attr_name, attr_value) = match av.find('=') {
            Some(i) => (&av[..i], &av[i + 1..]),
            None => (av, ""),
        };
        let attr_name = attr_name.trim_matches(is_wsp);
        let attr_value = attr_value.trim_matches(is_wsp);
        // "If the attribute-value is longer than 1024 octets, ignore the cookie-av string."
        if attr_value.len() > ATTRIBUTE_VALUE_LIMIT {
            continue;
        }
        match attr_name.to_ascii_lowercase().as_str() {
            // §5.6.1: "Let expiry-time be the result of parsing the attribute-value as
            // cookie-date. If the attribute-value failed to parse as a cookie date, ignore the
            // cookie-av." "If the expiry-time is later than the last date the user agent can
            // represent, the user agent MAY replace the expiry-time with the last representable
            // date" / the cookie-age-limit.
            "expires" => {
                if let Some(t) = parse_cookie_date(attr_value) {
                    parsed.expires = Some(t.min(now + COOKIE_AGE_LIMIT_SECS));
                }
            }
            // §5.6.2: "If the first character of the attribute-value is neither a DIGIT, nor a
            // "-" character followed by a DIGIT, ignore the cookie-av. If the remainder of
            // attribute-value contains a non-DIGIT character, ignore the cookie-av."
            "max-age" => {
                let digits = attr_value.strip_prefix('-').unwrap_or(attr_value);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                let delta: f64 = digits.parse::<f64>().unwrap_or(f64::MAX);
                let delta = if attr_value.starts_with('-') { -delta } else { delta };
                // "If delta-seconds is less than or equal to zero (0), let expiry-time be the
                // earliest representable date and time. Otherwise, let the expiry-time be the
                // current date and time plus delta-seconds seconds" (capped at the age limit).
                parsed.max_age = Some(if delta <= 0.0 { f64::MIN } else { now + delta.min(COOKIE_AGE_LIMIT_SECS) });
            }
            // §5.6.3: "If the attribute-value is empty, the behavior is undefined. However, the
            // user agent SHOULD ignore the cookie-av entirely." "If the first character of the
            // attribute-value string is %x2E ("."): Let cookie-domain be the attribute-value
            // without the leading %x2E (".") character." "Convert the cookie-domain to lower case."
            "domain" => {
                if attr_value.is_empty() {
                    continue;
                }
                parsed.domain = Some(attr_value.strip_prefix('.').unwrap_or(attr_value).to_ascii_lowercase());
            }
            // §5.6.4: "If the attribute-value is empty or if the first character of the
            // attribute-value is not %x2F ("/"): Let cookie-path be the default-path."
            "path" => {
                parsed.path = attr_value.starts_with('/').then(|| attr_value.to_string());
            }
            "secure" => parsed.secure = true,
            "httponly" => parsed.http_only = true,
            // §5.6.7: "None", "Strict", "Lax" (case-insensitive); otherwise "Default".
            "samesite" => {
                parsed.same_site = Some(match attr_value.to_ascii_lowercase().as_str() {
                    "none" => SameSite::None,
                    "strict" => SameSite::Strict,
                    "lax" => SameSite::Lax,
                    _ => SameSite::Default,
                })
            }
            _ => {}
        }
    }
    Some(parsed)
}

/// §5.1.1: parse a cookie-date; seconds since the Unix epoch.
pub fn parse_cookie_date(input: &str) -> Option<f64> {
    // "delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E"
    let is_delimiter = |c: char| matches!(c, '\u{9}' | '\u{20}'..='\u{2f}' | '\u{3b}'..='\u{40}' | '\u{5b}'..='\u{60}' | '\u{7b}'..='\u{7e}');
    let (mut time, mut day, mut month, mut year) = (None, None, None, None);
    // Leading digits of a token (at most `max`), which must be followed by a non-digit or the end.
    fn digits(token: &str, min: usize, max: usize) -> Option<(u32, &str)> {
        let n = token.bytes().take_while(u8::is_ascii_digit).count();
        if n < min || n > max {
            return None;
        }
        Some((token[..n].parse().ok()?, &token[n..]))
    }
    for token in input.split(is_delimiter).filter(|t| !t.is_empty()) {
        // "If the found-time flag is not set and the token matches the time production":
        // hms-time = time-field ":" time-field ":" time-field; time-field = 1*2DIGIT.
        if time.is_none() {
            let hms = (|| {
                let (h, rest) = digits(token, 1, 2)?;
                let (m, rest) = digits(rest.strip_prefix(':')?, 1, 2)?;
                let (s, _) = digits(rest.strip_prefix(':')?, 1, 2)?;
                Some((h, m, s))
            })();
            if hms.is_some() {
                time = hms;
                continue;
            }
        }
        // "If the found-day-of-month flag is not set and the date-token matches the day-of-month
        // production" (1*2DIGIT ( non-digit *OCTET )).
        if day.is_none()
            && let Some((d, _)) = digits(token, 1, 2)
        {
            day = Some(d);
            continue;
        }
        // "If the found-month flag is not set and the date-token matches the month production":
        // the first three characters name a month, case-insensitively.
        if month.is_none() && token.len() >= 3 && token.is_char_boundary(3) {
            const MONTHS: [&str; 12] =
                ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
            if let Some(i) = MONTHS.iter().position(|m| token[..3].eq_ignore_ascii_case(m)) {
                month = Some(i as u32 + 1);
                continue;
            }
        }
        // "If the found-year flag is not set and the date-token matches the year production"
        // (2*4DIGIT ( non-digit *OCTET )).
        if year.is_none()
            && let Some((y, _)) = digits(token, 2, 4)
        {
            year = Some(y);
            continue;
        }
    }
    let (h, mi, s) = time?;
    let (d, mo, mut y) = (day?, month?, year?);
    // "If the year-value is greater than or equal to 70 and less than or equal to 99, increment
    // the year-value by 1900. If the year-value is greater than or equal to 0 and less than or
    // equal to 69, increment the year-value by 2000."
    if (70..=99).contains(&y) {
        y += 1900;
    } else if y <= 69 {
        y += 2000;
    }
    // "Abort these steps and fail to parse the cookie-date if: ... the day-of-month-value is less
    // than 1 or greater than 31, the year-value is less than 1601, the hour-value is greater than
    // 23, the minute-value is greater than 59, or the second-value is greater than 59."
    if !(1..=31).contains(&d) || y < 1601 || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    // "If the date does not exist, abort these steps and fail to parse the cookie-date."
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if d > month_days[mo as usize - 1] {
        return None;
    }
    Some(days_from_civil(y as i64, mo as i64, d as i64) as f64 * 86400.0 + (h * 3600 + mi * 60 + s) as f64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// §5.1.3: "domain-match".
fn domain_matches(host: &str, domain: &str) -> bool {
    // "The domain string and the string are identical", or "the domain string is a suffix of the
    // string, the last character of the string that is not included in the domain string is a
    // %x2E (".") character, and the string is a host name (i.e., not an IP address)."
    host == domain
        || (host.ends_with(domain)
            && host[..host.len() - domain.len()].ends_with('.')
            && host.parse::<std::net::IpAddr>().is_err()
            && !host.starts_with('['))
}

/// §5.1.4: "default-path" of a URL.
fn default_path(url: &Url) -> String {
    // "If the uri-path is empty or if the first character of the uri-path is not a %x2F ("/")
    // character, output %x2F ("/")." "If the uri-path contains no more than one %x2F ("/")
    // character, output %x2F ("/")." "Output the characters of the uri-path from the first
    // character up to, but not including, the right-most %x2F ("/")."
    let path = url.path();
    if !path.starts_with('/') || path.matches('/').count() <= 1 {
        return "/".into();
    }
    path[..path.rfind('/').unwrap_or(0)].to_string()
}

/// §5.1.4: "path-match".
fn path_matches(request_path: &str, cookie_path: &str) -> bool {
    request_path == cookie_path
        || (request_path.starts_with(cookie_path)
            && (cookie_path.ends_with('/') || request_path[cookie_path.len()..].starts_with('/')))
}

fn canonical_host(url: &Url) -> Option<String> {
    url.host_str().map(|h| h.to_ascii_lowercase())
}

/// Where a cookie comes from or goes to (§5.7, §5.8.3): an HTTP request or response, or a
/// "non-HTTP" API (`document.cookie`), which neither sees nor sets `HttpOnly` cookies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Http,
    NonHttp,
}

impl CookieStore {
    /// §5.7 "Storage Model", for a cookie received from a non-HTTP API at `context.url`.
    pub fn set_from_script(&mut self, set_cookie_string: &str, context: &CookieContext<'_>, now: f64) {
        self.set(set_cookie_string, context, now, Source::NonHttp)
    }

    /// §5.7 "Storage Model", for the value of a `Set-Cookie` header of a response from
    /// `context.url`.
    pub fn set_from_http(&mut self, set_cookie_string: &str, context: &CookieContext<'_>, now: f64) {
        self.set(set_cookie_string, context, now, Source::Http)
    }

    fn set(&mut self, set_cookie_string: &str, context: &CookieContext<'_>, now: f64, source: Source) {
        let Some(parsed) = parse_set_cookie_string(set_cookie_string, now) else { return };
        let Some(host) = canonical_host(context.url) else { return };
        // Step 3-4: "If the cookie-attribute-list contains an attribute with an attribute-name of
        // "Max-Age": set the cookie's persistent-flag to true; set the expiry-time to the
        // attribute-value of the last attribute ... Otherwise, if ... "Expires" ... Otherwise:
        // set the persistent-flag to false."
        let expiry = parsed.max_age.or(parsed.expires);
        // Step 5-6: the Domain attribute.
        let (domain, host_only) = match parsed.domain.as_deref() {
            Some(d) if !d.is_empty() => {
                // "If the user agent is configured to reject "public suffixes" and the
                // domain-attribute is a public suffix: If the domain-attribute is identical to
                // the canonicalized request-host: Let the domain-attribute be the empty string.
                // Otherwise: Abort these steps and ignore the cookie entirely."
                // FIXME: no public suffix list; single-label domains stand for public suffixes.
                if d == host {
                    (host.clone(), true)
                } else if !d.contains('.') {
                    return;
                } else if domain_matches(&host, d) {
                    // "If the canonicalized request-host does not domain-match the
                    // domain-attribute: Ignore the cookie entirely. Otherwise: Set the cookie's
                    // host-only-flag to false. Set the cookie's domain to the domain-attribute."
                    (d.to_string(), false)
                } else {
                    return;
                }
            }
            // "Otherwise: Set the cookie's host-only-flag to true. Set the cookie's domain to the
            // canonicalized request-host."
            _ => (host.clone(), true),
        };
        // Step 7: "If the cookie-attribute-list contains an attribute with an attribute-name of
        // "Path", set the cookie's path to attribute-value of the last attribute ... Otherwise,
        // set the cookie's path to the default-path of the request-uri."
        let path = parsed.path.clone().unwrap_or_else(|| default_path(context.url));
        // Step 8: "If the cookie-attribute-list contains an attribute with an attribute-name of
        // "Secure", set the cookie's secure-only-flag to true" and step 9: "If the scheme
        // component of the request-uri does not denote a "secure" protocol (as defined by the
        // user agent), and the cookie's secure-only-flag is true, then abort these steps".
        if parsed.secure && !context.secure {
            return;
        }
        // Step 10-11: "If the cookie was received from a "non-HTTP" API and the cookie's
        // http-only-flag is true, abort these steps and ignore the cookie entirely."
        if parsed.http_only && source == Source::NonHttp {
            return;
        }
        // Step 13: "If all of the following conditions are true, then abort these steps and
        // ignore the cookie entirely: The cookie's secure-only-flag is false. The scheme
        // component of request-uri does not denote a "secure" protocol. The user agent contains
        // at least one cookie that ... has a secure-only-flag true, the same name, a domain
        // that domain-matches (or is domain-matched by) the cookie's, a path that path-matches
        // the cookie's path."
        if !parsed.secure
            && !context.secure
            && self.cookies.iter().any(|c| {
                c.secure
                    && c.name == parsed.name
                    && (domain_matches(&c.domain, &domain) || domain_matches(&domain, &c.domain))
                    && path_matches(&c.path, &path)
            })
        {
            return;
        }
        // Step 14-15: the SameSite attribute. "If the cookie's "same-site-flag" is not "None":
        // If the cookie was received from a "non-HTTP" API, and the API was called from a
        // browsing context's active document whose "site for cookies" is not same-site with the
        // top-level origin, then abort these steps and ignore the newly created cookie entirely.
        // If the cookie was received from a "same-site" request …, skip the remaining substeps
        // and continue processing the cookie. If the cookie was received from a request which is
        // navigating a top-level browsing context … continue processing the cookie. Otherwise,
        // abort these steps and ignore the newly created cookie entirely." (`context.same_site`
        // is the request's same-site status; a top-level load is same-site.)
        let same_site = parsed.same_site.unwrap_or(SameSite::Default);
        if same_site != SameSite::None && !context.same_site {
            return;
        }
        // Step 16: "If the cookie's "same-site-flag" is "None", abort these steps and ignore the
        // cookie entirely unless the cookie's secure-only-flag is true."
        if same_site == SameSite::None && !parsed.secure {
            return;
        }
        // Step 18-19: the "__Secure-" and "__Host-" prefixes (case-insensitive).
        let lower = parsed.name.to_ascii_lowercase();
        if lower.starts_with("__secure-") && !parsed.secure {
            return;
        }
        if lower.starts_with("__host-") && !(parsed.secure && host_only && path == "/") {
            return;
        }
        // Step 20: "If the cookie-name is empty and either of the following conditions are true,
        // abort these steps and ignore the cookie entirely: the cookie-value begins with a
        // case-insensitive match for "__Secure-"; ... "__Host-"."
        if parsed.name.is_empty() {
            let v = parsed.value.to_ascii_lowercase();
            if v.starts_with("__secure-") || v.starts_with("__host-") {
                return;
            }
        }
        // Step 22: "If the cookie store contains a cookie with the same name, domain, host-only-flag,
        // and path as the newly-created cookie: Let old-cookie be the existing cookie ... If the
        // newly-created cookie was received from a "non-HTTP" API and the old-cookie's
        // http-only-flag is true, abort these steps and ignore the newly created cookie entirely.
        // Update the creation-time of the newly-created cookie to match the creation-time of the
        // old-cookie. Remove the old-cookie from the cookie store."
        let mut creation = self.next_creation;
        if let Some(i) = self
            .cookies
            .iter()
            .position(|c| c.name == parsed.name && c.domain == domain && c.host_only == host_only && c.path == path)
        {
            if self.cookies[i].http_only && source == Source::NonHttp {
                return;
            }
            creation = self.cookies.remove(i).creation;
        } else {
            self.next_creation += 1;
        }
        // Step 23: "Insert the newly-created cookie into the cookie store." A cookie whose
        // expiry-time is in the past is removed at once (§5.7.3 "The user agent MUST evict all
        // expired cookies from the cookie store"), which is how pages delete cookies.
        if expiry.is_some_and(|t| t <= now) {
            return;
        }
        self.cookies.push(Cookie {
            name: parsed.name,
            value: parsed.value,
            domain,
            host_only,
            path,
            expiry,
            secure: parsed.secure,
            http_only: parsed.http_only,
            same_site,
            creation,
        });
    }

    /// §5.8.3 "Retrieval Algorithm" for a non-HTTP API: the cookie-string for `context.url`.
    pub fn cookie_string_for_script(&mut self, context: &CookieContext<'_>, now: f64) -> String {
        self.cookie_string(context, now, Source::NonHttp)
    }

    /// §5.8.3 "Retrieval Algorithm" for an HTTP request to `context.url`: the value of its
    /// `Cookie` header (empty: send none).
    pub fn cookie_string_for_http(&mut self, context: &CookieContext<'_>, now: f64) -> String {
        self.cookie_string(context, now, Source::Http)
    }

    fn cookie_string(&mut self, context: &CookieContext<'_>, now: f64, source: Source) -> String {
        // §5.7.3: "The user agent MUST evict all expired cookies from the cookie store if, at any
        // time, an expired cookie exists in the cookie store."
        self.cookies.retain(|c| c.expiry.is_none_or(|t| t > now));
        let Some(host) = canonical_host(context.url) else { return String::new() };
        let path = context.url.path();
        // "Let cookie-list be the set of cookies from the cookie store that meets all of the
        // following requirements: Either the cookie's host-only-flag is true and the
        // canonicalized host of the retrieval's URI is identical to the cookie's domain, or the
        // cookie's host-only-flag is false and the canonicalized host of the retrieval's URI
        // domain-matches the cookie's domain. The retrieval's URI's path path-matches the
        // cookie's path. If the cookie's secure-only-flag is true, then the retrieval's URI must
        // denote a "secure" connection. If the cookie's http-only-flag is true, then exclude the
        // cookie if the retrieval's type is "non-HTTP". If the cookie's same-site-flag is not
        // "None" and the retrieval's same-site status is "cross-site", then exclude the cookie."
        let mut list: Vec<&Cookie> = self
            .cookies
            .iter()
            .filter(|c| if c.host_only { host == c.domain } else { domain_matches(&host, &c.domain) })
            .filter(|c| path_matches(path, &c.path))
            .filter(|c| !c.secure || context.secure)
            .filter(|c| !c.http_only || source == Source::Http)
            .filter(|c| c.same_site == SameSite::None || context.same_site)
            .collect();
        // "Cookies with longer paths are listed before cookies with shorter paths. Among cookies
        // that have equal-length path fields, cookies with earlier creation-times are listed
        // before cookies with later creation-times."
        list.sort_by(|a, b| b.path.len().cmp(&a.path.len()).then(a.creation.cmp(&b.creation)));
        // "Serialize the cookie-list into a cookie-string by processing each cookie in the
        // cookie-list in order: If the cookies' name is not empty, output the cookie's name
        // followed by the %x3D ("=") character. If the cookies' value is not empty, output the
        // cookie's value. If there is an unprocessed cookie in the cookie-list, output the
        // characters %x3B and %x20 ("; ")."
        list.iter()
            .map(|c| if c.name.is_empty() { c.value.clone() } else { format!("{}={}", c.name, c.value) })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(url: &Url) -> CookieContext<'_> {
        CookieContext { url, same_site: true, secure: false }
    }

    #[test]
    fn cookie_dates_parse_as_the_rfc_says() {
        assert_eq!(parse_cookie_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(parse_cookie_date("Wed, 21 Oct 2015 07:28:00 GMT"), Some(1445412480.0));
        assert_eq!(parse_cookie_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(784111777.0));
        assert_eq!(parse_cookie_date("Fri, 31 Feb 2020 00:00:00 GMT"), None);
        assert_eq!(parse_cookie_date("not a date"), None);
    }

    #[test]
    fn set_read_replace_and_delete() {
        let url = Url::parse("http://example.org/dir/page.html").unwrap();
        let mut store = CookieStore::default();
        let now = 1_000_000.0;
        store.set_from_script("a=1", &ctx(&url), now);
        store.set_from_script("b=2; path=/", &ctx(&url), now);
        store.set_from_script("c=3; path=/other", &ctx(&url), now);
        assert_eq!(store.cookie_string_for_script(&ctx(&url), now), "a=1; b=2");
        store.set_from_script("a=one", &ctx(&url), now);
        assert_eq!(store.cookie_string_for_script(&ctx(&url), now), "a=one; b=2");
        store.set_from_script("a=; max-age=0", &ctx(&url), now);
        store.set_from_script("b=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/", &ctx(&url), now);
        assert_eq!(store.cookie_string_for_script(&ctx(&url), now), "");
        store.set_from_script("short=1; max-age=10", &ctx(&url), now);
        assert_eq!(store.cookie_string_for_script(&ctx(&url), now + 11.0), "");
    }

    #[test]
    fn domain_secure_and_httponly_rules() {
        let url = Url::parse("http://www.example.org/").unwrap();
        let other = Url::parse("http://example.org/").unwrap();
        let mut store = CookieStore::default();
        store.set_from_script("d=1; domain=.example.org", &ctx(&url), 0.0);
        store.set_from_script("h=1", &ctx(&url), 0.0);
        store.set_from_script("x=1; domain=other.org", &ctx(&url), 0.0);
        store.set_from_script("tld=1; domain=org", &ctx(&url), 0.0);
        store.set_from_script("s=1; secure", &ctx(&url), 0.0);
        store.set_from_script("ho=1; httponly", &ctx(&url), 0.0);
        store.set_from_script("n=1; samesite=none", &ctx(&url), 0.0);
        store.set_from_script("nameless", &ctx(&url), 0.0);
        assert_eq!(store.cookie_string_for_script(&ctx(&url), 0.0), "d=1; h=1; nameless");
        assert_eq!(store.cookie_string_for_script(&ctx(&other), 0.0), "d=1");
    }

    #[test]
    fn http_cookies_keep_httponly_from_script() {
        let url = Url::parse("http://example.org/").unwrap();
        let mut store = CookieStore::default();
        store.set_from_http("session=xyz; HttpOnly", &ctx(&url), 0.0);
        store.set_from_http("visible=1", &ctx(&url), 0.0);
        assert_eq!(store.cookie_string_for_http(&ctx(&url), 0.0), "session=xyz; visible=1");
        assert_eq!(store.cookie_string_for_script(&ctx(&url), 0.0), "visible=1");
        // Script can neither overwrite nor add an HttpOnly cookie.
        store.set_from_script("session=changed", &ctx(&url), 0.0);
        store.set_from_script("other=1; HttpOnly", &ctx(&url), 0.0);
        assert_eq!(store.cookie_string_for_http(&ctx(&url), 0.0), "session=xyz; visible=1");
        // A cross-site request gets no SameSite-defaulted (Lax) cookie.
        let cross = CookieContext { url: &url, same_site: false, secure: false };
        assert_eq!(store.cookie_string_for_http(&cross, 0.0), "");
    }
}

//! The `Referer` header: <https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer>.

use url::Url;

/// A referrer policy (<https://w3c.github.io/webappsec-referrer-policy/#referrer-policies>);
/// the empty policy is the default, `strict-origin-when-cross-origin`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Policy {
    NoReferrer,
    NoReferrerWhenDowngrade,
    SameOrigin,
    Origin,
    StrictOrigin,
    OriginWhenCrossOrigin,
    #[default]
    StrictOriginWhenCrossOrigin,
    UnsafeUrl,
}

impl Policy {
    /// A policy token (case-sensitive, as the `referrerpolicy` attribute's keywords and the
    /// `ReferrerPolicy` enum are); `None` for "" or an unknown token.
    pub fn parse(token: &str) -> Option<Policy> {
        Some(match token {
            "no-referrer" => Policy::NoReferrer,
            "no-referrer-when-downgrade" => Policy::NoReferrerWhenDowngrade,
            "same-origin" => Policy::SameOrigin,
            "origin" => Policy::Origin,
            "strict-origin" => Policy::StrictOrigin,
            "origin-when-cross-origin" => Policy::OriginWhenCrossOrigin,
            "strict-origin-when-cross-origin" => Policy::StrictOriginWhenCrossOrigin,
            "unsafe-url" => Policy::UnsafeUrl,
            _ => return None,
        })
    }
}

/// <https://w3c.github.io/webappsec-referrer-policy/#strip-url>
fn strip(url: &Url, origin_only: bool) -> Option<Url> {
    // Step 2: a local scheme has no referrer.
    if matches!(url.scheme(), "about" | "blob" | "data") {
        return None;
    }
    let mut url = url.clone();
    // Steps 3–4: no credentials, no fragment.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_fragment(None);
    // Steps 5–6: origin only means no path and no query.
    if origin_only {
        url.set_path("");
        url.set_query(None);
    }
    Some(url)
}

/// <https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy>, the parts a URL
/// decides: https/wss, file, and loopback hosts (about: and data: never).
pub fn is_potentially_trustworthy(url: &Url) -> bool {
    match url.scheme() {
        "https" | "wss" | "file" => true,
        "about" | "data" => false,
        _ => match url.host() {
            Some(url::Host::Domain(d)) => d == "localhost" || d.ends_with(".localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        },
    }
}

/// The value of the `Referer` header for a request to `target` from `referrer` under `policy`,
/// or `None` for no header (<https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer>
/// steps 4–8; the length limit of step 6 is 4096 bytes).
pub fn referrer_for(referrer: &Url, target: &Url, policy: Policy) -> Option<String> {
    // File URLs are no referrer either (browsers send none from file: pages).
    if referrer.scheme() == "file" {
        return None;
    }
    let full = strip(referrer, false)?;
    let origin_only = strip(referrer, true)?;
    // Step 6: a referrer URL longer than 4096 bytes falls back to its origin.
    let full = if full.as_str().len() > 4096 { origin_only.clone() } else { full };
    let same_origin = referrer.origin() == target.origin();
    let downgrade = is_potentially_trustworthy(referrer) && !is_potentially_trustworthy(target);
    let chosen = match policy {
        Policy::NoReferrer => return None,
        Policy::Origin => origin_only,
        Policy::UnsafeUrl => full,
        Policy::StrictOrigin if downgrade => return None,
        Policy::StrictOrigin => origin_only,
        Policy::StrictOriginWhenCrossOrigin if same_origin => full,
        Policy::StrictOriginWhenCrossOrigin if downgrade => return None,
        Policy::StrictOriginWhenCrossOrigin => origin_only,
        Policy::SameOrigin if same_origin => full,
        Policy::SameOrigin => return None,
        Policy::OriginWhenCrossOrigin if same_origin => full,
        Policy::OriginWhenCrossOrigin => origin_only,
        Policy::NoReferrerWhenDowngrade if downgrade => return None,
        Policy::NoReferrerWhenDowngrade => full,
    };
    Some(chosen.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(from: &str, to: &str, policy: Policy) -> Option<String> {
        referrer_for(&Url::parse(from).unwrap(), &Url::parse(to).unwrap(), policy)
    }

    #[test]
    fn the_default_policy_is_strict_origin_when_cross_origin() {
        let from = "https://user:pw@a.example/p?q=1#frag";
        assert_eq!(r(from, "https://a.example/x", Policy::default()).as_deref(), Some("https://a.example/p?q=1"));
        assert_eq!(r(from, "https://b.example/x", Policy::default()).as_deref(), Some("https://a.example/"));
        assert_eq!(r(from, "http://b.example/x", Policy::default()), None);
        assert_eq!(r(from, "http://localhost:8000/x", Policy::default()).as_deref(), Some("https://a.example/"));
    }

    #[test]
    fn other_policies_and_local_schemes() {
        let from = "http://a.example/p";
        assert_eq!(r(from, "http://b.example/", Policy::NoReferrer), None);
        assert_eq!(r(from, "http://b.example/", Policy::UnsafeUrl).as_deref(), Some("http://a.example/p"));
        assert_eq!(r(from, "http://b.example/", Policy::SameOrigin), None);
        assert_eq!(r(from, "http://a.example/", Policy::Origin).as_deref(), Some("http://a.example/"));
        assert_eq!(r("data:text/html,x", "http://a.example/", Policy::UnsafeUrl), None);
        assert_eq!(r("file:///tmp/x.html", "http://a.example/", Policy::UnsafeUrl), None);
        assert_eq!(Policy::parse("origin"), Some(Policy::Origin));
        assert_eq!(Policy::parse("Origin"), None);
    }
}

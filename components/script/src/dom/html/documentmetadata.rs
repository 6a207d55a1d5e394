//! The resource metadata members of `Document`
//! (<https://html.spec.whatwg.org/multipage/dom.html#resource-metadata-management>):
//! `cookie`, `referrer`, `lastModified` and `domain`. `Document`'s impl block includes them with
//! [`document_metadata_methods!`]; the cookie store itself is `crate::cookies`.

use crate::cookies::{CookieContext, now_secs, with_store};
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::document::Document;

/// <https://html.spec.whatwg.org/multipage/dom.html#cookie-averse-document-object>: "A Document
/// object that has no browsing context" or "whose URL's scheme is not an HTTP(S) scheme".
fn is_cookie_averse(document: &Document) -> bool {
    document.browsing_window().is_none() || !matches!(document.url().scheme(), "http" | "https")
}

/// The cookie context of `document`: its URL, whether it is same-site with its top-level
/// document (a "site" here is scheme and host: Aperture has no public suffix list), and whether
/// the URL counts as secure (https or a loopback host, as Chromium allows `Secure` cookies there).
fn with_cookie_context<R>(document: &Document, f: impl FnOnce(&CookieContext<'_>) -> R) -> R {
    let url = document.url();
    let mut top = document.browsing_window();
    while let Some(parent) = top.as_ref().and_then(|w| w.parent_window()) {
        top = Some(parent);
    }
    let top_url = top.map(|w| w.url()).unwrap_or_else(|| url.clone());
    let same_site = top_url.scheme() == url.scheme() && top_url.host_str() == url.host_str();
    let secure = crate::dom::html::window::is_potentially_trustworthy(&url);
    f(&CookieContext { url: &url, same_site, secure })
}

/// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-cookie> (getter)
pub fn cookie(document: &Document) -> Fallible<USVString> {
    // 1. "If this is a cookie-averse Document object, then return the empty string."
    if is_cookie_averse(document) {
        return Ok(USVString(String::new()));
    }
    // 2. "If this's origin is an opaque origin, then throw a "SecurityError" DOMException."
    if !document.url().origin().is_tuple() {
        return Err(Error::Security("The document's origin is opaque.".into()));
    }
    // 3. "Let cookie-string be the result of running the "get cookie-string" algorithm for this's
    //    URL, with the "non-HTTP" source and a same-site status determined from this."
    // 4. "Return cookie-string, decoded without BOM."
    Ok(USVString(with_cookie_context(document, |ctx| with_store(|s| s.cookie_string_for_script(ctx, now_secs())))))
}

/// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-cookie> (setter)
pub fn set_cookie(document: &Document, value: USVString) -> ErrorResult {
    // 1. "If this is a cookie-averse Document object, then return."
    if is_cookie_averse(document) {
        return Ok(());
    }
    // 2. "If this's origin is an opaque origin, then throw a "SecurityError" DOMException."
    if !document.url().origin().is_tuple() {
        return Err(Error::Security("The document's origin is opaque.".into()));
    }
    // 3. "Let cookie-string be the given value, UTF-8 encoded."
    // 4. "Run the "set-cookie-string" algorithm for this's URL, with cookie-string, the
    //    "non-HTTP" source, and a same-site status determined from this."
    with_cookie_context(document, |ctx| with_store(|s| s.set_from_script(&value.0, ctx, now_secs())));
    Ok(())
}

/// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-referrer>: "The referrer
/// attribute's getter must return the document's referrer", set when the document was created.
pub fn referrer(document: &Document) -> USVString {
    USVString(document.referrer())
}

/// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-lastmodified>: "The
/// Document's source file's last modification date and time must be derived from relevant
/// features of the networking protocols used, e.g. from the value of the HTTP `Last-Modified`
/// header of the document, or from metadata in the file system for local files. If the last
/// modification date and time are not known, the attribute must return the current date and
/// time in the above format." Aperture keeps neither, so it is always the current local time,
/// "in the form "MM/DD/YYYY hh:mm:ss", in the user's local time zone".
pub fn last_modified() -> DOMString {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as libc::time_t)
        .unwrap_or(0);
    // SAFETY: `tm` is plain data that `localtime_r` fills; both pointers are valid for the call.
    let tm = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&now, &mut tm).is_null() {
            return "01/01/1970 00:00:00".into();
        }
        tm
    };
    format!(
        "{:02}/{:02}/{:04} {:02}:{:02}:{:02}",
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_year + 1900,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    )
    .into()
}

/// <https://html.spec.whatwg.org/multipage/browsers.html#dom-document-domain> (getter)
pub fn domain(document: &Document) -> USVString {
    // 1. "Let effectiveDomain be this's origin's effective domain."
    // 2. "If effectiveDomain is null, then return the empty string."
    // 3. "Return effectiveDomain, serialized."
    let url = document.url();
    if !url.origin().is_tuple() {
        return USVString(String::new());
    }
    USVString(url.host_str().unwrap_or_default().to_string())
}

/// <https://html.spec.whatwg.org/multipage/browsers.html#dom-document-domain> (setter)
pub fn set_domain(document: &Document, value: USVString) -> ErrorResult {
    // 1. "If this's browsing context is null, then throw a "SecurityError" DOMException."
    if document.browsing_window().is_none() {
        return Err(Error::Security("The document has no browsing context.".into()));
    }
    // 2. "If this's active sandboxing flag set has its sandboxed document.domain browsing context
    //    flag set, then throw a "SecurityError" DOMException." (Aperture has no sandboxing.)
    // 3. "Let effectiveDomain be this's origin's effective domain."
    // 4. "If effectiveDomain is null, then throw a "SecurityError" DOMException."
    let url = document.url();
    let Some(original) = url.origin().is_tuple().then(|| url.host()).flatten() else {
        return Err(Error::Security("The document's origin has no domain.".into()));
    };
    // 5. "If the given value is not a registrable domain suffix of and is not equal to
    //    effectiveDomain, then throw a "SecurityError" DOMException."
    if !is_registrable_domain_suffix_or_equal(&value.0, &original) {
        return Err(Error::Security(format!("'{}' is not a suffix of the document's domain.", value.0)));
    }
    // 6. "If the surrounding agent's agent cluster's is origin-keyed is true, then return."
    // Aperture's agent clusters are origin-keyed (Chromium's default since version 115), so
    // setting the domain changes nothing after the checks.
    Ok(())
}

/// <https://html.spec.whatwg.org/multipage/browsers.html#is-a-registrable-domain-suffix-of-or-is-equal-to>
fn is_registrable_domain_suffix_or_equal(host_suffix: &str, original: &url::Host<&str>) -> bool {
    // 1. "If hostSuffixString is the empty string, then return false."
    if host_suffix.is_empty() {
        return false;
    }
    // 2. "Let hostSuffix be the result of parsing hostSuffixString." 3. "If hostSuffix is failure,
    //    then return false."
    let Ok(suffix) = url::Host::parse(host_suffix) else { return false };
    // 4. "If hostSuffix does not equal originalHost, then:"
    if suffix.to_string() != original.to_string() {
        // "If hostSuffix or originalHost is not a domain, then return false."
        let (url::Host::Domain(s), url::Host::Domain(o)) = (&suffix, original) else { return false };
        // "If hostSuffix, prefixed by U+002E (.), does not match the end of originalHost, then
        // return false."
        if !o.ends_with(&format!(".{s}")) {
            return false;
        }
        // "If any of the following are true: hostSuffix equals hostSuffix's public suffix; or
        // hostSuffix, prefixed by U+002E (.), matches the end of originalHost's public suffix,
        // then return false." FIXME: no public suffix list; a single label stands for one.
        if !s.contains('.') {
            return false;
        }
    }
    // 5. "Return true."
    true
}

/// The `Document` members of this file, for `Document`'s `DocumentMethods` impl block.
macro_rules! document_metadata_methods {
    () => {
        /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-cookie>
        fn Cookie(&self, _cx: &mut JSContext) -> Fallible<USVString> {
            crate::dom::html::documentmetadata::cookie(self)
        }
        /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-cookie>
        fn SetCookie(&self, _cx: &mut JSContext, value: USVString) -> Fallible<()> {
            crate::dom::html::documentmetadata::set_cookie(self, value)
        }
        /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-referrer>
        fn Referrer(&self, _cx: &mut JSContext) -> USVString {
            crate::dom::html::documentmetadata::referrer(self)
        }
        /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-lastmodified>
        fn LastModified(&self, _cx: &mut JSContext) -> DOMString {
            crate::dom::html::documentmetadata::last_modified()
        }
        /// <https://html.spec.whatwg.org/multipage/browsers.html#dom-document-domain>
        fn Domain(&self, _cx: &mut JSContext) -> USVString {
            crate::dom::html::documentmetadata::domain(self)
        }
        /// <https://html.spec.whatwg.org/multipage/browsers.html#dom-document-domain>
        fn SetDomain(&self, _cx: &mut JSContext, value: USVString) -> Fallible<()> {
            crate::dom::html::documentmetadata::set_domain(self, value)
        }
    };
}
pub(crate) use document_metadata_methods;

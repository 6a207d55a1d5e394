//! The one place that says which origin a URL belongs to when Aperture keys state by origin
//! (permissions, fetch's same-origin and CORS decisions).
//!
//! An origin's ASCII serialization
//! (<https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin>)
//! is `"null"` for every opaque origin, which would make all opaque origins one key. `file:` URLs
//! have an opaque origin whose details the URL Standard leaves to the implementation
//! (<https://url.spec.whatwg.org/#concept-url-origin>); Aperture treats every local file as one
//! origin, serialised `"file://"`, for both permissions and fetch. What a page reads
//! (`location.origin`) stays the standard serialization (`"null"` for `file:`).

use url::Url;

/// The key Aperture uses for `url`'s origin: its ASCII serialization, or `"file://"` for `file:` URLs.
pub fn origin_key(url: &Url) -> String {
    if url.scheme() == "file" { "file://".into() } else { url.origin().ascii_serialization() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_share_one_origin_and_others_serialize() {
        let a = Url::parse("file:///tmp/a.html").unwrap();
        let b = Url::parse("file:///home/b/c.html").unwrap();
        assert_eq!(origin_key(&a), "file://");
        assert_eq!(origin_key(&a), origin_key(&b));
        let web = Url::parse("http://example.org:8080/x?y").unwrap();
        assert_eq!(origin_key(&web), "http://example.org:8080");
    }
}

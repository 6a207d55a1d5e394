//! `data:` URLs: <https://fetch.spec.whatwg.org/#data-url-processor>, on the `data-url` crate
//! (which implements that algorithm and the MIME Sniffing Standard's MIME type parser).

use url::Url;

/// The MIME type (serialized) and body of a `data:` URL, or `None` when the processor returns
/// failure (no ",", or ";base64" with a body that forgiving-base64 decoding rejects).
pub fn process(url: &Url) -> Option<(String, Vec<u8>)> {
    let data = data_url::DataUrl::process(url.as_str()).ok()?;
    let mime = data.mime_type().to_string();
    let (body, _fragment) = data.decode_to_vec().ok()?;
    Some((mime, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> Option<(String, Vec<u8>)> {
        process(&Url::parse(input).unwrap())
    }

    #[test]
    fn types_bodies_and_failures_follow_the_fetch_standard() {
        assert_eq!(run("data:,a%20b"), Some(("text/plain;charset=US-ASCII".into(), b"a b".to_vec())));
        assert_eq!(run("data:text/html;base64,PGI+"), Some(("text/html".into(), b"<b>".to_vec())));
        assert_eq!(run("data:;charset=utf-8,x"), Some(("text/plain;charset=utf-8".into(), b"x".to_vec())));
        assert_eq!(run("data:image/png;base64,%3D"), None);
        assert_eq!(run("data:text/plain"), None);
        assert_eq!(run("data:TEXT/PLAIN;Base64 , QQ==#frag").map(|(_, b)| b), Some(b"A".to_vec()));
    }
}

//! Character encodings of fetched documents and scripts, on `encoding_rs`:
//! - documents: <https://html.spec.whatwg.org/multipage/parsing.html#encoding-sniffing-algorithm>
//!   (BOM, the transport's charset, the prescan of the first 1024 bytes for `<meta charset>`, the
//!   parent document's encoding, autodetection of UTF-8, then windows-1252);
//! - classic scripts: "decode with fallback" of
//!   <https://html.spec.whatwg.org/multipage/webappapis.html#fetch-a-classic-script> (BOM, the
//!   response's charset, then the `charset` attribute's or the document's encoding);
//! - worker and module scripts: UTF-8 decode.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// The `charset` parameter of a Content-Type value, if the value parses as a MIME type
/// (<https://mimesniff.spec.whatwg.org/#parse-a-mime-type>).
pub fn charset_parameter(content_type: &str) -> Option<String> {
    let mime: data_url::mime::Mime = content_type.parse().ok()?;
    mime.get_parameter("charset").map(str::to_owned)
}

/// <https://encoding.spec.whatwg.org/#concept-encoding-get> of a Content-Type's charset.
fn transport_encoding(content_type: Option<&str>) -> Option<&'static Encoding> {
    Encoding::for_label(charset_parameter(content_type?)?.as_bytes())
}

/// The encoding of an HTML document and its text. `parent` is the encoding of the parent
/// document when it is of the same origin (an iframe's), used before autodetection (step 7).
pub fn decode_html(
    bytes: &[u8],
    content_type: Option<&str>,
    parent: Option<&'static Encoding>,
) -> (String, &'static Encoding) {
    let sniffed = html_encoding(bytes, content_type, parent);
    // "Decode" (<https://encoding.spec.whatwg.org/#decode>) sniffs the BOM again and removes it.
    let (text, used, _) = sniffed.decode(bytes);
    (text.into_owned(), used)
}

/// The encoding sniffing algorithm's answer for `bytes` (the whole resource is at hand, so the
/// prescan sees its first 1024 bytes at once).
pub fn html_encoding(bytes: &[u8], content_type: Option<&str>, parent: Option<&'static Encoding>) -> &'static Encoding {
    // Step 1: BOM sniffing.
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    // Step 4: the transport layer's character encoding, if supported.
    if let Some(encoding) = transport_encoding(content_type) {
        return encoding;
    }
    // Step 5: prescan the byte stream.
    if let Some(encoding) = prescan(bytes) {
        return encoding;
    }
    // Step 7: the same-origin parent document's encoding (not UTF-16: the caller gives none then).
    if let Some(parent) = parent.filter(|e| *e != UTF_16BE && *e != UTF_16LE) {
        return parent;
    }
    // Step 8: autodetection. Aperture's is one rule: input with non-ASCII bytes that is valid
    // UTF-8 is UTF-8 (what browsers' detectors conclude for such input).
    if !bytes.is_ascii() && Encoding::utf8_valid_up_to(bytes) == bytes.len() {
        return UTF_8;
    }
    // Step 9: the default of an English-language user agent.
    WINDOWS_1252
}

/// A classic script's text: <https://html.spec.whatwg.org/multipage/webappapis.html#fetch-a-classic-script>
/// step 11 ("legacy extract an encoding" from the response's Content-Type, with `fallback`, the
/// `charset` attribute's encoding or else the document's) and step 12 (decode: a BOM wins).
pub fn decode_classic_script(bytes: &[u8], content_type: Option<&str>, fallback: &'static Encoding) -> String {
    let encoding = transport_encoding(content_type).unwrap_or(fallback);
    encoding.decode(bytes).0.into_owned()
}

/// <https://encoding.spec.whatwg.org/#utf-8-decode>: worker scripts, module scripts, JSON.
pub fn utf8_decode(bytes: &[u8]) -> String {
    UTF_8.decode_with_bom_removal(bytes).0.into_owned()
}

fn is_space(b: u8) -> bool {
    matches!(b, 0x09 | 0x0A | 0x0C | 0x0D | 0x20)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The "charset" state of the prescan: null, failure, or an encoding.
#[derive(Clone, Copy, PartialEq)]
enum Charset {
    Null,
    Failure,
    Found(&'static Encoding),
}

/// <https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding>
pub fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let input = &bytes[..bytes.len().min(1024)];
    let mut pos = 0;
    while pos < input.len() {
        let rest = &input[pos..];
        if rest.starts_with(b"<!--") {
            // "Advance the position pointer so that it points at the first 0x3E byte which is
            // preceded by two 0x2D bytes (i.e. at the end of an ASCII '-->' sequence) and comes
            // after the 0x3C byte that was found": the two dashes may be the opening ones.
            pos = pos + 2 + find(&input[pos + 2..], b"-->")? + 3;
            continue;
        }
        if rest.len() >= 6 && rest[..5].eq_ignore_ascii_case(b"<meta") && (is_space(rest[5]) || rest[5] == b'/') {
            // "Advance the position pointer so that it points at the next byte after the 0x09,
            // 0x0A, 0x0C, 0x0D, 0x20, or 0x2F byte."
            pos += 6;
            let mut names: Vec<Vec<u8>> = Vec::new();
            let mut got_pragma = false;
            let mut need_pragma: Option<bool> = None;
            let mut charset = Charset::Null;
            while let Some((name, value)) = get_attribute(input, &mut pos) {
                // "If the attribute's name is already in attribute list, then return to the
                // step labeled attributes."
                if names.contains(&name) {
                    continue;
                }
                match name.as_slice() {
                    b"http-equiv" => got_pragma |= value == b"content-type",
                    b"content" => {
                        if charset == Charset::Null
                            && let Some(label) = extract_from_meta(&value)
                        {
                            charset = Encoding::for_label(label).map_or(Charset::Failure, Charset::Found);
                            need_pragma = Some(true);
                        }
                    }
                    b"charset" if charset == Charset::Null => {
                        charset = Encoding::for_label(&value).map_or(Charset::Failure, Charset::Found);
                        need_pragma = Some(false);
                    }
                    _ => {}
                }
                names.push(name);
            }
            // Processing: null need pragma, a missing pragma or a failed charset go on with
            // the next byte; UTF-16 becomes UTF-8 and x-user-defined windows-1252.
            if let (Some(need), Charset::Found(encoding)) = (need_pragma, charset)
                && (!need || got_pragma)
            {
                return Some(match encoding {
                    e if e == UTF_16BE || e == UTF_16LE => UTF_8,
                    e if e == X_USER_DEFINED => WINDOWS_1252,
                    e => e,
                });
            }
            pos += 1;
            continue;
        }
        let tag_start = rest.len() >= 2
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic() || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)));
        if tag_start {
            // "Advance the position pointer so that it points at the next 0x09, 0x0A, 0x0C,
            // 0x0D, 0x20, or 0x3E byte", then skip the tag's attributes.
            while pos < input.len() && !is_space(input[pos]) && input[pos] != b'>' {
                pos += 1;
            }
            while get_attribute(input, &mut pos).is_some() {}
            pos += 1;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            pos += find(rest, b">")? + 1;
            continue;
        }
        pos += 1;
    }
    None
}

/// <https://html.spec.whatwg.org/multipage/parsing.html#concept-get-attributes-when-sniffing>:
/// the next attribute's name and value (lower-cased), or `None` at a `>` or the end of the input.
fn get_attribute(input: &[u8], pos: &mut usize) -> Option<(Vec<u8>, Vec<u8>)> {
    let at = |p: usize| input.get(p).copied();
    // Step 1: skip whitespace and "/".
    while at(*pos).is_some_and(|b| is_space(b) || b == b'/') {
        *pos += 1;
    }
    // Step 2: ">" means there is no attribute.
    let first = at(*pos)?;
    if first == b'>' {
        return None;
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    // Step 4: the name.
    loop {
        let b = at(*pos)?;
        match b {
            b'=' if !name.is_empty() => {
                *pos += 1;
                break;
            }
            b if is_space(b) => {
                // Step 5–6: spaces, then an "=" or an attribute without value.
                while at(*pos).is_some_and(is_space) {
                    *pos += 1;
                }
                if at(*pos)? != b'=' {
                    return Some((name, value));
                }
                *pos += 1;
                break;
            }
            b'/' | b'>' => return Some((name, value)),
            b => name.push(b.to_ascii_lowercase()),
        }
        *pos += 1;
    }
    // Step 8: spaces before the value.
    while at(*pos).is_some_and(is_space) {
        *pos += 1;
    }
    // Step 9: a quoted value, or ">", or the first byte of an unquoted one.
    match at(*pos)? {
        quote @ (b'"' | b'\'') => loop {
            *pos += 1;
            let b = at(*pos)?;
            if b == quote {
                *pos += 1;
                return Some((name, value));
            }
            value.push(b.to_ascii_lowercase());
        },
        b'>' => return Some((name, value)),
        b => {
            value.push(b.to_ascii_lowercase());
            *pos += 1;
        }
    }
    // Step 10: the rest of an unquoted value.
    loop {
        let b = at(*pos)?;
        if is_space(b) || b == b'>' {
            return Some((name, value));
        }
        value.push(b.to_ascii_lowercase());
        *pos += 1;
    }
}

/// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#algorithm-for-extracting-a-character-encoding-from-a-meta-element>
fn extract_from_meta(s: &[u8]) -> Option<&[u8]> {
    let mut pos = 0;
    loop {
        // Step 2: find "charset" (case-insensitively) after the position.
        let found = s[pos..].windows(7).position(|w| w.eq_ignore_ascii_case(b"charset"))?;
        pos += found + 7;
        // Step 3: skip whitespace; without "=", loop.
        while s.get(pos).copied().is_some_and(is_space) {
            pos += 1;
        }
        if s.get(pos) != Some(&b'=') {
            continue;
        }
        pos += 1;
        // Step 5: skip whitespace.
        while s.get(pos).copied().is_some_and(is_space) {
            pos += 1;
        }
        // Step 6: a quoted value with its closing quote, or an unquoted one.
        return match *s.get(pos)? {
            quote @ (b'"' | b'\'') => {
                let end = s[pos + 1..].iter().position(|&b| b == quote)?;
                Some(&s[pos + 1..pos + 1 + end])
            }
            _ => {
                let end = s[pos..].iter().position(|&b| is_space(b) || b == b';').unwrap_or(s.len() - pos);
                Some(&s[pos..pos + end])
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_2, SHIFT_JIS, WINDOWS_1251};

    fn name(bytes: &[u8], content_type: Option<&str>) -> &'static str {
        html_encoding(bytes, content_type, None).name()
    }

    #[test]
    fn bom_then_transport_then_meta_then_detection() {
        assert_eq!(name(b"\xEF\xBB\xBF<meta charset=latin2>", Some("text/html;charset=shift_jis")), "UTF-8");
        assert_eq!(name(b"<meta charset=latin2>", Some("text/html; charset=\"Shift_JIS\"")), "Shift_JIS");
        assert_eq!(name(b"<meta charset=latin2>", Some("text/html")), "ISO-8859-2");
        assert_eq!(name("<p>caf\u{e9}".as_bytes(), None), "UTF-8");
        assert_eq!(name(b"<p>caf\xE9", None), "windows-1252");
        assert_eq!(name(b"<p>plain", None), "windows-1252");
        assert_eq!(html_encoding(b"<p>x", None, Some(SHIFT_JIS)), SHIFT_JIS);
    }

    #[test]
    fn the_prescan_follows_the_html_standard() {
        assert_eq!(prescan(b"<!doctype html><META CHARSET='windows-1251'>"), Some(WINDOWS_1251));
        assert_eq!(
            prescan(b"<meta http-equiv=Content-Type content=\"text/html; charset=iso-8859-2\">"),
            Some(ISO_8859_2)
        );
        // A content charset without the pragma does not count.
        assert_eq!(prescan(b"<meta content=\"text/html; charset=iso-8859-2\">"), None);
        // Comments, other tags' attribute values and late declarations are skipped.
        assert_eq!(prescan(b"<!-- <meta charset=latin2> --><meta charset=utf-8>"), Some(UTF_8));
        assert_eq!(prescan(b"<div title='<meta charset=latin2>'><meta charset=sjis>"), Some(SHIFT_JIS));
        assert_eq!(prescan(b"<!--><meta charset=latin2>"), Some(ISO_8859_2));
        let mut late = vec![b' '; 1024];
        late.extend_from_slice(b"<meta charset=latin2>");
        assert_eq!(prescan(&late), None);
        // UTF-16 declared in markup is UTF-8; an unknown label goes on to the next meta.
        assert_eq!(prescan(b"<meta charset=utf-16le>"), Some(UTF_8));
        assert_eq!(prescan(b"<meta charset=nonsense><meta charset=latin2>"), Some(ISO_8859_2));
        // The first of two charset attributes wins.
        assert_eq!(prescan(b"<meta charset=latin2 charset=sjis>"), Some(ISO_8859_2));
    }

    #[test]
    fn classic_scripts_use_the_response_charset_then_the_fallback() {
        assert_eq!(decode_classic_script(b"'\xE9'", Some("text/javascript; charset=iso-8859-1"), UTF_8), "'\u{e9}'");
        assert_eq!(decode_classic_script(b"'\xE9'", None, WINDOWS_1252), "'\u{e9}'");
        assert_eq!(decode_classic_script(b"\xEF\xBB\xBF'\xC3\xA9'", None, WINDOWS_1252), "'\u{e9}'");
        assert_eq!(utf8_decode(b"\xEF\xBB\xBFx"), "x");
    }
}

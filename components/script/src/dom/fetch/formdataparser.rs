//! The `formData()` reader of the Body mixin (<https://fetch.spec.whatwg.org/#dom-body-formdata>):
//! parsing a body as `multipart/form-data` (RFC 7578) or `application/x-www-form-urlencoded`
//! (<https://url.spec.whatwg.org/#concept-urlencoded-parser>) into a FormData's entry list.
//! DOM-free: the entries come back as plain data.

/// A parsed entry's value: a string, or a file's bytes with its name and type.
#[derive(Debug, PartialEq)]
pub enum ParsedValue {
    Text(String),
    File { name: String, type_: String, bytes: Vec<u8> },
}

/// "Let mimeType be the result of get the MIME type with this", then by its essence: the
/// entries, or `Err` (the TypeError the reader rejects with).
pub fn parse_form_data(bytes: &[u8], mime: Option<&str>) -> Result<Vec<(String, ParsedValue)>, String> {
    let mime = mime.unwrap_or("");
    let mut parts = mime.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        // "If mimeType's essence is "multipart/form-data": parse bytes, using the value of the
        // `boundary` parameter from mimeType, per the rules set forth in RFC 7578. If that fails
        // for some reason, then throw a TypeError."
        "multipart/form-data" => {
            let boundary = parts
                .filter_map(|p| p.split_once('='))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("boundary"))
                .map(|(_, value)| value.trim().trim_matches('"').to_owned())
                .filter(|b| !b.is_empty())
                .ok_or("The multipart/form-data type has no boundary.")?;
            parse_multipart(bytes, boundary.as_bytes())
        }
        // "Otherwise, if mimeType's essence is "application/x-www-form-urlencoded": let entries be
        // the result of parsing bytes"; each name-value pair is a string entry.
        "application/x-www-form-urlencoded" => Ok(form_urlencoded::parse(bytes)
            .map(|(name, value)| (name.into_owned(), ParsedValue::Text(value.into_owned())))
            .collect()),
        // "Otherwise, throw a TypeError."
        _ => Err(format!("A body of type '{mime}' cannot be read as FormData.")),
    }
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    haystack[from..].windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

/// The value of `parameter` (`name`, `filename`) in a Content-Disposition header value, quoted
/// or not. Browsers percent-encode `"`, CR and LF in names (HTML's multipart encoding), and
/// parse them back as written: the value is kept as it is.
fn disposition_parameter(value: &str, parameter: &str) -> Option<String> {
    let mut rest = value;
    while let Some(at) = rest.find(';') {
        rest = rest[at + 1..].trim_start();
        let (name, tail) = rest.split_once('=')?;
        let tail = tail.trim_start();
        let (parsed, remainder) = if let Some(quoted) = tail.strip_prefix('"') {
            let end = quoted.find('"')?;
            (quoted[..end].to_owned(), &quoted[end + 1..])
        } else {
            let end = tail.find(';').unwrap_or(tail.len());
            (tail[..end].trim().to_owned(), &tail[end..])
        };
        if name.trim().eq_ignore_ascii_case(parameter) {
            return Some(parsed);
        }
        rest = remainder;
    }
    None
}

/// RFC 7578 parsing: parts between `--boundary` delimiters, each with its headers
/// (Content-Disposition `form-data` with `name`, and `filename` for a file; Content-Type),
/// a blank line, and its content up to the CRLF before the next delimiter.
fn parse_multipart(bytes: &[u8], boundary: &[u8]) -> Result<Vec<(String, ParsedValue)>, String> {
    let fail = || "The multipart/form-data body is malformed.".to_owned();
    let delimiter = [b"--".as_slice(), boundary].concat();
    let next_delimiter = [b"\r\n--".as_slice(), boundary].concat();
    // The body starts with the first delimiter (a preamble before it is skipped).
    let mut at = find(bytes, &delimiter, 0).ok_or_else(fail)? + delimiter.len();
    let mut entries = Vec::new();
    loop {
        // "--" after a delimiter closes the body.
        if bytes[at..].starts_with(b"--") {
            return Ok(entries);
        }
        // Otherwise the delimiter line ends with CRLF (transport padding allowed).
        while bytes.get(at).is_some_and(|&b| b == b' ' || b == b'\t') {
            at += 1;
        }
        if !bytes[at..].starts_with(b"\r\n") {
            return Err(fail());
        }
        at += 2;
        // The part's headers, up to a blank line.
        let headers_end = find(bytes, b"\r\n\r\n", at).ok_or_else(fail)?;
        let headers = String::from_utf8_lossy(&bytes[at..headers_end]).into_owned();
        let content_start = headers_end + 4;
        let content_end = find(bytes, &next_delimiter, content_start - 2).ok_or_else(fail)?;
        let content = &bytes[content_start.min(content_end)..content_end];
        let (mut name, mut filename, mut type_) = (None, None, None);
        for line in headers.split("\r\n") {
            let Some((header, value)) = line.split_once(':') else { return Err(fail()) };
            let value = value.trim();
            if header.trim().eq_ignore_ascii_case("content-disposition") {
                if !value.split(';').next().is_some_and(|kind| kind.trim().eq_ignore_ascii_case("form-data")) {
                    return Err(fail());
                }
                name = disposition_parameter(value, "name");
                filename = disposition_parameter(value, "filename");
            } else if header.trim().eq_ignore_ascii_case("content-type") {
                type_ = Some(value.to_owned());
            }
        }
        let name = name.ok_or_else(fail)?;
        let value = match filename {
            // A part with a filename is a File: its type is the part's Content-Type, or
            // "text/plain" when it has none (as browsers do).
            Some(filename) => ParsedValue::File {
                name: filename,
                type_: type_.unwrap_or_else(|| "text/plain".into()),
                bytes: content.to_vec(),
            },
            None => ParsedValue::Text(String::from_utf8_lossy(content).into_owned()),
        };
        entries.push((name, value));
        at = content_end + next_delimiter.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencoded_entries() {
        let entries =
            parse_form_data(b"a=1&b=%20x+y&a=2", Some("application/x-www-form-urlencoded;charset=UTF-8")).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[1], ("b".into(), ParsedValue::Text(" x y".into())));
    }

    #[test]
    fn multipart_text_and_file() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\nContent-Type: text/csv\r\n\r\n1,2\r\n--XyZ--\r\n";
        let entries = parse_form_data(body, Some("multipart/form-data; boundary=XyZ")).unwrap();
        assert_eq!(entries[0], ("a".into(), ParsedValue::Text("one".into())));
        assert_eq!(
            entries[1],
            ("f".into(), ParsedValue::File { name: "x.txt".into(), type_: "text/csv".into(), bytes: b"1,2".to_vec() })
        );
    }

    #[test]
    fn malformed_and_other_types_fail() {
        assert!(parse_form_data(b"--b\r\nno headers", Some("multipart/form-data; boundary=b")).is_err());
        assert!(parse_form_data(b"x", Some("multipart/form-data")).is_err());
        assert!(parse_form_data(b"a=1", Some("text/plain")).is_err());
        assert!(parse_form_data(b"a=1", None).is_err());
    }
}

//! `btoa()` and `atob()` (<https://html.spec.whatwg.org/multipage/webappapis.html#atob>) on the
//! `base64` crate, with the Infra Standard's forgiving-base64 decode.

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::dom::bindings::error::Error;

/// The standard alphabet, padding optional when decoding, trailing bits ignored (forgiving).
const FORGIVING: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-btoa>: "If data contains any code
/// point whose value is greater than U+00FF, then throw an "InvalidCharacterError"
/// DOMException"; otherwise the base64 of the code points as bytes.
pub fn btoa(data: &str) -> Result<String, Error> {
    let mut bytes = Vec::with_capacity(data.len());
    for c in data.chars() {
        let Ok(byte) = u8::try_from(u32::from(c)) else {
            return Err(Error::InvalidCharacter(
                "The string to be encoded contains characters outside of the Latin1 range.".into(),
            ));
        };
        bytes.push(byte);
    }
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// <https://infra.spec.whatwg.org/#forgiving-base64-decode>, failure being atob()'s
/// "InvalidCharacterError".
pub fn atob(data: &str) -> Result<Vec<u8>, Error> {
    let invalid = || Error::InvalidCharacter("The string to be decoded is not correctly encoded.".into());
    // 1. "Remove all ASCII whitespace from data."
    let mut s: String = data.chars().filter(|c| !matches!(c, ' ' | '\t' | '\n' | '\u{c}' | '\r')).collect();
    // 2. "If data's code point length divides by 4 leaving no remainder, then: if data ends with
    //    one or two U+003D (=) code points, then remove them from data."
    if s.len().is_multiple_of(4) {
        if s.ends_with("==") {
            s.truncate(s.len() - 2);
        } else if s.ends_with('=') {
            s.truncate(s.len() - 1);
        }
    }
    // 3. "If data's code point length divides by 4 leaving a remainder of 1, return failure."
    // 4. "If data contains a code point that is not ASCII alphanumeric, + or /, return failure."
    if s.len() % 4 == 1 || !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/') {
        return Err(invalid());
    }
    // 5–9. Decode the 6-bit groups, discarding leftover bits.
    FORGIVING.decode(s.as_bytes()).map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_forgives() {
        assert_eq!(btoa("hello").unwrap(), "aGVsbG8=");
        assert_eq!(btoa("\u{ff}").unwrap(), "/w==");
        assert!(btoa("€").is_err());
        assert_eq!(atob("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(atob(" aGVs bG8 ").unwrap(), b"hello");
        assert_eq!(atob("aGVsbG8").unwrap(), b"hello");
        assert_eq!(atob("YQ").unwrap(), b"a");
        assert_eq!(atob("YR==").unwrap(), b"a", "trailing bits are ignored");
        assert!(atob("a").is_err());
        assert!(atob("a===").is_err());
        assert!(atob("ab$c").is_err());
        assert_eq!(atob("").unwrap(), b"");
    }
}

//! WebVTT timestamps (<https://w3c.github.io/webvtt/#webvtt-timestamp>).

/// Collects a run of ASCII digits of `input` at `position` ("collect a sequence of code
/// points that are ASCII digits"), moving `position` past them.
fn collect_digits<'a>(input: &'a str, position: &mut usize) -> &'a str {
    let rest = input.get(*position..).unwrap_or("");
    let len = rest.bytes().take_while(u8::is_ascii_digit).count();
    *position += len;
    rest.get(..len).unwrap_or("")
}

/// Moves `position` past `expected` if that is the character there; false (an error in the
/// calling algorithm) if `position` is past the end or another character is there.
fn expect(input: &str, position: &mut usize, expected: u8) -> bool {
    if input.as_bytes().get(*position) == Some(&expected) {
        *position += 1;
        true
    } else {
        false
    }
}

/// The value of a short run of ASCII digits (two or three of them here).
fn small_value(digits: &str) -> f64 {
    digits.bytes().fold(0.0, |value, digit| value * 10.0 + f64::from(digit - b'0'))
}

/// <https://w3c.github.io/webvtt/#collect-a-webvtt-timestamp>, from `input` at `position`
/// (a byte offset, left just after the timestamp). Returns seconds, or `None` for the
/// algorithm's "error" (where `position` is then unspecified).
///
/// The hours may have any number of digits; a time too large to be a finite number of
/// seconds is an error here (the times of cues are finite doubles).
pub(crate) fn collect_timestamp(input: &str, position: &mut usize) -> Option<f64> {
    // "If position is past the end of input, return an error" / "If the character indicated
    // by position is not an ASCII digit, then return an error".
    if !input.as_bytes().get(*position).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // "Collect a sequence of code points that are ASCII digits ... Let value1 be that integer."
    let string = collect_digits(input, position);
    let mut value1: f64 = string.parse().ok()?;
    // "If string is not exactly two characters in length, or if value1 is greater than 59,
    // let most significant units be hours."
    let hours = string.len() != 2 || value1 > 59.0;
    // "If position is beyond the end of input or if the character at position is not a
    // U+003A COLON character (:), then return an error".
    if !expect(input, position, b':') {
        return None;
    }
    // "If string is not exactly two characters in length, return an error".
    let string = collect_digits(input, position);
    if string.len() != 2 {
        return None;
    }
    let mut value2 = small_value(string);
    let value3;
    // "If most significant units is hours, or if ... the character at position is a U+003A
    // COLON character (:)": a third field (seconds).
    if hours || input.as_bytes().get(*position) == Some(&b':') {
        if !expect(input, position, b':') {
            return None;
        }
        let string = collect_digits(input, position);
        if string.len() != 2 {
            return None;
        }
        value3 = small_value(string);
    } else {
        // "let value3 have the value of value2, then value2 have the value of value1, then let
        // value1 equal zero."
        value3 = value2;
        value2 = value1;
        value1 = 0.0;
    }
    // "If ... the character at position is not a U+002E FULL STOP character (.), then return
    // an error" ; three digits of thousandths.
    if !expect(input, position, b'.') {
        return None;
    }
    let string = collect_digits(input, position);
    if string.len() != 3 {
        return None;
    }
    let value4 = small_value(string);
    // "If value2 is greater than 59 or if value3 is greater than 59, return an error."
    if value2 > 59.0 || value3 > 59.0 {
        return None;
    }
    // "Let result be value1×60×60 + value2×60 + value3 + value4∕1000." Summed in whole
    // milliseconds (exact below 2^53) and divided once, so that e.g. 59.999 is the double
    // nearest to 59.999.
    let milliseconds = value1 * 3_600_000.0 + value2 * 60_000.0 + value3 * 1000.0 + value4;
    let result = milliseconds / 1000.0;
    result.is_finite().then_some(result)
}

/// <https://w3c.github.io/webvtt/#collect-a-webvtt-timestamp> on the whole of `s`: the
/// seconds of a WebVTT timestamp ("mm:ss.ttt" or "h…h:mm:ss.ttt"), or `None` if the
/// algorithm fails or anything follows the timestamp (as for the cue text's timestamp tags).
pub fn parse_timestamp(s: &str) -> Option<f64> {
    let mut position = 0;
    let seconds = collect_timestamp(s, &mut position)?;
    (position == s.len()).then_some(seconds)
}

/// <https://w3c.github.io/webvtt/#webvtt-cue-text-dom-construction-rules>: the data of the
/// processing instruction of a WebVTT Timestamp Object, "a WebVTT timestamp representing the
/// value ... with all optional components included, with one leading zero if the hours
/// component is less than ten, and with no leading zeros otherwise": "hh:mm:ss.ttt".
///
/// Seconds are rounded to the nearest millisecond; negative or non-finite values format as
/// zero (the parser never produces them).
pub fn format_timestamp(seconds: f64) -> String {
    let milliseconds = if seconds.is_finite() && seconds > 0.0 { (seconds * 1000.0).round() } else { 0.0 };
    let hours = (milliseconds / 3_600_000.0).floor();
    // Exact for any time a timestamp can write with whole milliseconds below 2^53; clamped
    // for the imprecise rest.
    let rest = (milliseconds - hours * 3_600_000.0).clamp(0.0, 3_599_999.0) as u32;
    let minutes = rest / 60_000;
    let secs = rest / 1000 % 60;
    let millis = rest % 1000;
    format!("{hours:02.0}:{minutes:02}:{secs:02}.{millis:03}")
}

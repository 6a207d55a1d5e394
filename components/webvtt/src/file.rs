//! WebVTT file parsing (<https://w3c.github.io/webvtt/#file-parsing>): the WebVTT parser
//! algorithm, collecting blocks, cue timings and settings, and region settings.

use std::collections::HashMap;

use crate::timestamp::collect_timestamp;
use crate::{Cue, LineAlign, ParsedFile, PositionAlign, Region, TextAlign, Vertical};

/// <https://w3c.github.io/webvtt/#webvtt-parser-algorithm>: `None` when the file fails the
/// signature check (the caller then fires `error`); otherwise the cues and regions, in file
/// order (possibly none: "successfully processed, but it contains no useful data").
///
/// The bytes are decoded as UTF-8 with replacement, a leading BOM skipped ("UTF-8 decode");
/// NULs become U+FFFD and CR / CRLF become LF. `STYLE` blocks are collected and dropped.
pub fn parse(input: &[u8]) -> Option<ParsedFile> {
    let input = preprocess(input);
    let mut parser = FileParser {
        input: &input,
        position: 0,
        seen_cue: false,
        regions: Vec::new(),
        last_region_with_id: HashMap::new(),
    };
    parser.run()
}

/// "UTF-8 decode" the bytes, then: "Replace all U+0000 NULL characters by U+FFFD REPLACEMENT
/// CHARACTERs. Replace each U+000D CARRIAGE RETURN U+000A LINE FEED (CRLF) character pair by a
/// single U+000A LINE FEED (LF) character. Replace all remaining U+000D CARRIAGE RETURN
/// characters by U+000A LINE FEED (LF) characters."
fn preprocess(bytes: &[u8]) -> String {
    // UTF-8 decode skips one leading byte order mark (a second one stays, and fails the
    // signature check).
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let decoded = String::from_utf8_lossy(bytes);
    let mut output = String::with_capacity(decoded.len());
    let mut chars = decoded.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\0' => output.push('\u{FFFD}'),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                output.push('\n');
            }
            c => output.push(c),
        }
    }
    output
}

/// The signature check: "If input is less than six characters long", "exactly six characters
/// long but does not exactly equal "WEBVTT"", or "more than six characters long but the first
/// six characters do not exactly equal "WEBVTT", or the seventh character is not a U+0020
/// SPACE character, a U+0009 CHARACTER TABULATION (tab) character, or a U+000A LINE FEED (LF)
/// character", the file is not a WebVTT file. (CRs are LFs already.)
fn has_signature(input: &str) -> bool {
    input.strip_prefix("WEBVTT").is_some_and(|rest| matches!(rest.bytes().next(), None | Some(b' ' | b'\t' | b'\n')))
}

/// What "collect a WebVTT block" returns.
enum Block {
    Cue(Cue),
    Region(Region),
    /// A CSS style sheet (not parsed here: nothing applies it).
    StyleSheet,
    None,
}

struct FileParser<'a> {
    /// The preprocessed input.
    input: &'a str,
    /// A byte offset into `input`, always at a character boundary.
    position: usize,
    seen_cue: bool,
    /// The text track list of regions, so far.
    regions: Vec<Region>,
    /// For each region identifier, the index of the last region in `regions` with it.
    last_region_with_id: HashMap<String, usize>,
}

impl<'a> FileParser<'a> {
    fn past_end(&self) -> bool {
        self.position >= self.input.len()
    }

    /// "collect a sequence of code points that are not U+000A LINE FEED (LF) characters".
    fn collect_line(&mut self) -> &'a str {
        let rest = self.input.get(self.position..).unwrap_or("");
        let len = rest.find('\n').unwrap_or(rest.len());
        self.position += len;
        rest.get(..len).unwrap_or("")
    }

    /// "collect a sequence of code points that are U+000A LINE FEED (LF) characters".
    fn collect_line_feeds(&mut self) {
        let rest = self.input.get(self.position..).unwrap_or("");
        self.position += rest.bytes().take_while(|&b| b == b'\n').count();
    }

    /// The steps of the WebVTT parser algorithm after the preprocessing.
    fn run(&mut self) -> Option<ParsedFile> {
        // The signature check: abort ("not successfully processed") on failure.
        if !has_signature(self.input) {
            return None;
        }
        let empty = ParsedFile::default();
        // "collect a sequence of code points that are not U+000A LINE FEED (LF) characters."
        self.collect_line();
        // "If position is past the end of input, then abort these steps. The file was
        // successfully processed, but it contains no useful data".
        if self.past_end() {
            return Some(empty);
        }
        // "The character indicated by position is a U+000A LINE FEED (LF) character. Advance
        // position to the next character in input."
        self.position += 1;
        if self.past_end() {
            return Some(empty);
        }
        // "Header: If the character indicated by position is not a U+000A LINE FEED (LF)
        // character, then collect a WebVTT block with the in header flag set. Otherwise,
        // advance position to the next character in input." (What the header block holds is
        // dropped.)
        if self.input.as_bytes().get(self.position) == Some(&b'\n') {
            self.position += 1;
        } else {
            self.collect_block(true);
        }
        self.collect_line_feeds();
        let mut cues = Vec::new();
        // "Block loop: While position doesn't point past the end of input:"
        while !self.past_end() {
            match self.collect_block(false) {
                // "If block is a WebVTT cue, add block to the text track list of cues output."
                Block::Cue(cue) => cues.push(cue),
                // "Otherwise, if block is a WebVTT region object, add block to regions."
                Block::Region(region) => {
                    self.last_region_with_id.insert(region.id.clone(), self.regions.len());
                    self.regions.push(region);
                }
                Block::StyleSheet | Block::None => {}
            }
            self.collect_line_feeds();
        }
        // "End: The file has ended. ... The file was successfully processed."
        Some(ParsedFile { cues, regions: std::mem::take(&mut self.regions) })
    }

    /// <https://w3c.github.io/webvtt/#collect-a-webvtt-block>, optionally with the "in
    /// header" flag set.
    fn collect_block(&mut self, in_header: bool) -> Block {
        let mut line_count: usize = 0;
        let mut previous_position = self.position;
        let mut buffer = String::new();
        let mut seen_arrow = false;
        let mut cue: Option<Cue> = None;
        let mut stylesheet = false;
        let mut region: Option<Region> = None;
        // "Loop: Run these substeps in a loop:"
        loop {
            // "collect a sequence of code points that are not U+000A LINE FEED (LF) characters.
            // Let line be those characters, if any. Increment line count by 1."
            let line = self.collect_line();
            line_count += 1;
            // "If position is past the end of input, let seen EOF be true. Otherwise, ...
            // advance position to the next character in input."
            let seen_eof = self.past_end();
            if !seen_eof {
                self.position += 1;
            }
            if line.contains("-->") {
                // "If in header is not set and at least one of the following conditions are
                // true: line count is 1; line count is 2 and seen arrow is false".
                if !in_header && (line_count == 1 || (line_count == 2 && !seen_arrow)) {
                    seen_arrow = true;
                    previous_position = self.position;
                    // "Cue creation": the defaults, with buffer as the identifier.
                    let mut new_cue = Cue { id: buffer.clone(), ..Cue::default() };
                    // "Collect WebVTT cue timings and settings from line using regions for cue.
                    // If that fails, let cue be null. Otherwise, let buffer be the empty string
                    // and let seen cue be true."
                    if collect_cue_timings_and_settings(line, &self.last_region_with_id, &mut new_cue) {
                        cue = Some(new_cue);
                        buffer.clear();
                        self.seen_cue = true;
                    } else {
                        cue = None;
                    }
                } else {
                    // "Otherwise, let position be previous position and break out of loop."
                    self.position = previous_position;
                    break;
                }
            } else if line.is_empty() {
                // "Otherwise, if line is the empty string, break out of loop."
                break;
            } else {
                // "If in header is not set and line count is 2": a STYLE or REGION block, if
                // no cue was seen and the first line is the keyword and ASCII whitespace.
                if !in_header && line_count == 2 && !self.seen_cue {
                    if is_keyword_line(&buffer, "STYLE") {
                        stylesheet = true;
                        buffer.clear();
                    } else if is_keyword_line(&buffer, "REGION") {
                        // "Region creation".
                        region = Some(Region::default());
                        buffer.clear();
                    }
                }
                // "If buffer is not the empty string, append a U+000A LINE FEED (LF) character
                // to buffer. Append line to buffer. Let previous position be position."
                if !buffer.is_empty() {
                    buffer.push('\n');
                }
                buffer.push_str(line);
                previous_position = self.position;
            }
            // "If seen EOF is true, break out of loop."
            if seen_eof {
                break;
            }
        }
        // "If cue is not null, let the cue text of cue be buffer, and return cue."
        if let Some(mut cue) = cue {
            cue.text = buffer;
            return Block::Cue(cue);
        }
        // "Otherwise, if stylesheet is not null, then Parse a stylesheet from buffer. ...
        // return stylesheet." (There is nothing to apply it to here.)
        if stylesheet {
            return Block::StyleSheet;
        }
        // "Otherwise, if region is not null, then collect WebVTT region settings from buffer
        // using region for the results."
        if let Some(mut region) = region {
            collect_region_settings(&buffer, &mut region);
            return Block::Region(region);
        }
        Block::None
    }
}

/// "buffer starts with the substring "STYLE" [or "REGION"], and the remaining characters in
/// buffer (if any) are all ASCII whitespace".
fn is_keyword_line(buffer: &str, keyword: &str) -> bool {
    buffer.strip_prefix(keyword).is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_whitespace()))
}

/// Infra's ASCII whitespace (tab, LF, FF, CR, space), the "spaces" that "split a string on
/// spaces" and "skip whitespace" mean.
fn is_ascii_whitespace(c: char) -> bool {
    c.is_ascii_whitespace()
}

/// "split a string on spaces": the non-empty tokens between runs of ASCII whitespace.
fn split_on_spaces(input: &str) -> impl Iterator<Item = &str> {
    input.split(is_ascii_whitespace).filter(|token| !token.is_empty())
}

/// The name and value of a setting: "If setting does not contain a U+003A COLON character
/// (:), or if the first U+003A COLON character (:) in setting is either the first or last
/// character of setting, then jump to the step labeled next setting." `None` then.
fn name_and_value(setting: &str) -> Option<(&str, &str)> {
    setting.split_once(':').filter(|(name, value)| !name.is_empty() && !value.is_empty())
}

/// Splits `value` at its first comma: "the leading substring of value up to and excluding the
/// first U+002C COMMA character (,)" and the trailing substring after it (`None` without a
/// comma).
fn split_at_comma(value: &str) -> (&str, Option<&str>) {
    match value.split_once(',') {
        Some((before, after)) => (before, Some(after)),
        None => (value, None),
    }
}

/// <https://w3c.github.io/webvtt/#collect-webvtt-cue-timings-and-settings> from the line
/// `input`, using the regions (by identifier, the last one of each) for `cue`. False is the
/// algorithm's "failure".
fn collect_cue_timings_and_settings(input: &str, regions: &HashMap<String, usize>, cue: &mut Cue) -> bool {
    let bytes = input.as_bytes();
    let skip_whitespace = |position: &mut usize| {
        while bytes.get(*position).is_some_and(u8::is_ascii_whitespace) {
            *position += 1;
        }
    };
    let mut position = 0;
    // "Skip whitespace. Collect a WebVTT timestamp. If that algorithm fails, then abort these
    // steps and return failure. Otherwise, let cue's text track cue start time be the
    // collected time."
    skip_whitespace(&mut position);
    let Some(start) = collect_timestamp(input, &mut position) else {
        return false;
    };
    cue.start = start;
    skip_whitespace(&mut position);
    // The "-->": "If the character at position is not a U+002D HYPHEN-MINUS character (-) then
    // abort these steps and return failure. Otherwise, move position forwards one character."
    // (twice), then the same with U+003E GREATER-THAN SIGN.
    for expected in *b"-->" {
        if bytes.get(position) != Some(&expected) {
            return false;
        }
        position += 1;
    }
    skip_whitespace(&mut position);
    let Some(end) = collect_timestamp(input, &mut position) else {
        return false;
    };
    cue.end = end;
    // "Let remainder be the trailing substring of input starting at position. Parse the
    // WebVTT cue settings from remainder using regions for cue."
    parse_cue_settings(input.get(position..).unwrap_or(""), regions, cue);
    true
}

/// <https://w3c.github.io/webvtt/#parse-the-webvtt-cue-settings> from `input` for `cue`.
fn parse_cue_settings(input: &str, regions: &HashMap<String, usize>, cue: &mut Cue) {
    // "Let settings be the result of splitting input on spaces. For each token setting in the
    // list settings" (a setting that fails a step below goes on to the "next setting").
    for setting in split_on_spaces(input) {
        let Some((name, value)) = name_and_value(setting) else {
            continue;
        };
        match name {
            // "Let cue's WebVTT cue region be the last WebVTT region in regions whose WebVTT
            // region identifier is value, if any, or null otherwise."
            "region" => cue.region = regions.get(value).copied(),
            "vertical" => {
                // "rl": vertical growing left; "lr": vertical growing right.
                match value {
                    "rl" => cue.vertical = Vertical::Rl,
                    "lr" => cue.vertical = Vertical::Lr,
                    _ => {}
                }
                // "If cue's WebVTT cue writing direction is not horizontal, let cue's WebVTT cue
                // region be null (there are no vertical regions)."
                if cue.vertical != Vertical::Horizontal {
                    cue.region = None;
                }
            }
            "line" => parse_line_setting(value, cue),
            "position" => {
                // "If value contains a U+002C COMMA character (,), then let colpos be the
                // leading substring ... and let colalign be the trailing substring".
                let (colpos, colalign) = split_at_comma(value);
                // "If parse a percentage string from colpos doesn't fail, let number be the
                // returned percentage, otherwise jump to the step labeled next setting".
                let Some(number) = parse_percentage(colpos) else {
                    continue;
                };
                // "line-left", "center", "line-right"; "Otherwise, if colalign is not null,
                // then jump to the step labeled next setting."
                match colalign {
                    None => {}
                    Some("line-left") => cue.position_align = PositionAlign::LineLeft,
                    Some("center") => cue.position_align = PositionAlign::Center,
                    Some("line-right") => cue.position_align = PositionAlign::LineRight,
                    Some(_) => continue,
                }
                // "Let cue's position be number."
                cue.position = Some(number);
            }
            "size" => {
                // "If parse a percentage string from value doesn't fail, let number be the
                // returned percentage, otherwise jump to the step labeled next setting."
                let Some(number) = parse_percentage(value) else {
                    continue;
                };
                cue.size = number;
                // "If cue's WebVTT cue size is not 100, let cue's WebVTT cue region be null".
                if number != 100.0 {
                    cue.region = None;
                }
            }
            // "start", "center", "end", "left", "right" (anything else changes nothing).
            "align" => match value {
                "start" => cue.text_align = TextAlign::Start,
                "center" => cue.text_align = TextAlign::Center,
                "end" => cue.text_align = TextAlign::End,
                "left" => cue.text_align = TextAlign::Left,
                "right" => cue.text_align = TextAlign::Right,
                _ => {}
            },
            _ => {}
        }
    }
}

/// The `line` setting of <https://w3c.github.io/webvtt/#parse-the-webvtt-cue-settings>.
/// Returning early is "jump to the step labeled next setting".
fn parse_line_setting(value: &str, cue: &mut Cue) {
    // "If value contains a U+002C COMMA character (,), then let linepos be the leading
    // substring ... and linealign be the trailing substring ... Otherwise let linepos be the
    // full value string and linealign be null."
    let (linepos, linealign) = split_at_comma(value);
    // "If linepos does not contain at least one ASCII digit, then jump to the step labeled
    // next setting."
    if !linepos.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let percent = linepos.ends_with('%');
    let number = if percent {
        // "If the last character in linepos is a U+0025 PERCENT SIGN character (%): If parse
        // a percentage string from linepos doesn't fail, let number be the returned
        // percentage, otherwise jump to the step labeled next setting."
        match parse_percentage(linepos) {
            Some(number) => number,
            None => return,
        }
    } else {
        let bytes = linepos.as_bytes();
        // "If linepos contains any characters other than U+002D HYPHEN-MINUS characters (-),
        // ASCII digits, and U+002E DOT character (.)" ...
        if !bytes.iter().all(|&b| b == b'-' || b == b'.' || b.is_ascii_digit()) {
            return;
        }
        // "If any character in linepos other than the first character is a U+002D
        // HYPHEN-MINUS character (-)" ...
        if bytes.iter().skip(1).any(|&b| b == b'-') {
            return;
        }
        // "If there are more than one U+002E DOT characters (.)" ... "If there is a U+002E DOT
        // character (.) and the character before or the character after is not an ASCII digit,
        // or if the U+002E DOT character (.) is the first or the last character" ...
        let mut dots = bytes.iter().enumerate().filter(|&(_, &b)| b == b'.');
        if let Some((dot, _)) = dots.next() {
            if dots.next().is_some() {
                return;
            }
            let digit_at = |index: Option<usize>| index.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
            if !digit_at(dot.checked_sub(1)) || !digit_at(dot.checked_add(1)) {
                return;
            }
        }
        // "Let number be the result of parsing linepos using the rules for parsing
        // floating-point number values. If number is an error, then jump to the step labeled
        // next setting."
        match parse_float(linepos) {
            Some(number) => number,
            None => return,
        }
    };
    // "start", "center", "end"; "Otherwise, if linealign is not null, then jump to the step
    // labeled next setting."
    match linealign {
        None => {}
        Some("start") => cue.line_align = LineAlign::Start,
        Some("center") => cue.line_align = LineAlign::Center,
        Some("end") => cue.line_align = LineAlign::End,
        Some(_) => return,
    }
    // "Let cue's WebVTT cue line be number. If the last character in linepos is a U+0025
    // PERCENT SIGN character (%), then let cue's WebVTT cue snap-to-lines flag be false.
    // Otherwise, let it be true."
    cue.line = Some(number);
    cue.snap_to_lines = !percent;
    // "If cue's WebVTT cue line is not auto, let cue's WebVTT cue region be null".
    cue.region = None;
}

/// The HTML "rules for parsing floating-point number values", for the strings that reach them
/// here: an optional "-", ASCII digits, and optionally "." and ASCII digits (what the line
/// setting and "parse a percentage string" have checked before). Anything else is `None`. The
/// value is the nearest double; too large a value for a finite double is an error, as in HTML,
/// and -0 is 0 (HTML's conversion step has no -0).
fn parse_float(input: &str) -> Option<f64> {
    let unsigned = input.strip_prefix('-').unwrap_or(input);
    let (integer, fraction) = split_at_dot(unsigned);
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(integer) || !fraction.is_none_or(all_digits) {
        return None;
    }
    let value: f64 = input.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    Some(if value == 0.0 { 0.0 } else { value })
}

fn split_at_dot(input: &str) -> (&str, Option<&str>) {
    match input.split_once('.') {
        Some((before, after)) => (before, Some(after)),
        None => (input, None),
    }
}

/// <https://w3c.github.io/webvtt/#parse-a-percentage-string>: a number in 0..=100, or `None`
/// for "fails".
fn parse_percentage(input: &str) -> Option<f64> {
    // "If input does not match the syntax for a WebVTT percentage, then fail": one or more
    // ASCII digits, optionally a "." and one or more ASCII digits, then "%".
    let number = input.strip_suffix('%')?;
    if number.starts_with('-') {
        return None;
    }
    // "Remove the last character from input. Let percentage be the result of parsing input
    // using the rules for parsing floating-point number values."
    let percentage = parse_float(number)?;
    // "If percentage is an error, is less than 0, or is greater than 100, then fail."
    (0.0..=100.0).contains(&percentage).then_some(percentage)
}

/// <https://w3c.github.io/webvtt/#collect-webvtt-region-settings> from `input` for `region`.
fn collect_region_settings(input: &str, region: &mut Region) {
    // "Let settings be the result of splitting input on spaces. For each token setting in the
    // list settings" (a setting that fails a step below goes on to the "next setting").
    for setting in split_on_spaces(input) {
        let Some((name, value)) = name_and_value(setting) else {
            continue;
        };
        match name {
            // "Let region's identifier be value."
            "id" => region.id = value.to_owned(),
            // "If parse a percentage string from value returns a percentage, let region's
            // WebVTT region width be percentage."
            "width" => {
                if let Some(percentage) = parse_percentage(value) {
                    region.width = percentage;
                }
            }
            // "If value contains any characters other than ASCII digits, then jump to the step
            // labeled next setting. Interpret value as an integer ... Let region's WebVTT region
            // lines be number." (Saturating at the largest `unsigned long`.)
            "lines" if value.bytes().all(|b| b.is_ascii_digit()) => {
                region.lines = value
                    .bytes()
                    .fold(0u32, |number, digit| number.saturating_mul(10).saturating_add(u32::from(digit - b'0')));
            }
            // "If value does not contain a U+002C COMMA character (,)" ... "If parse a
            // percentage string from anchorX or parse a percentage string from anchorY don't
            // return a percentage, then jump to the step labeled next setting." Then the tuple.
            "regionanchor" => {
                if let Some(anchor) = parse_anchor(value) {
                    region.region_anchor = anchor;
                }
            }
            "viewportanchor" => {
                if let Some(anchor) = parse_anchor(value) {
                    region.viewport_anchor = anchor;
                }
            }
            // "If value is a case-sensitive match for the string "up", then let region's scroll
            // value be up."
            "scroll" if value == "up" => region.scroll_up = true,
            _ => {}
        }
    }
}

/// The two percentages, split at the first comma, of `regionanchor` and `viewportanchor`.
fn parse_anchor(value: &str) -> Option<(f64, f64)> {
    let (x, y) = value.split_once(',')?;
    Some((parse_percentage(x)?, parse_percentage(y)?))
}

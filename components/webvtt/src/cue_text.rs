//! The WebVTT cue text parsing rules (<https://w3c.github.io/webvtt/#cue-text-parsing-rules>)
//! and the WebVTT cue text tokenizer.

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

use crate::timestamp::collect_timestamp;
use crate::{CueNode, ElementKind};

/// How deeply internal node objects nest at most. The spec has no limit; a start tag that
/// would open one more is ignored, so that the tree (and the DOM built from it, and the
/// recursive `Drop`/`Clone` of [`CueNode`]) stays shallow for hostile input.
const MAX_DEPTH: usize = 512;

/// A token of the WebVTT cue text tokenizer.
#[derive(Debug, PartialEq)]
enum Token {
    /// A string token.
    Text(String),
    /// A start tag: tag name, classes, annotation ("" for none).
    StartTag(String, Vec<String>, String),
    /// An end tag, with its tag name.
    EndTag(String),
    /// A timestamp tag, with its tag value.
    Timestamp(String),
}

/// <https://w3c.github.io/webvtt/#cue-text-parsing-rules>: the list of WebVTT Node Objects of
/// a cue text (without a fallback language: the root's applicable language is unset).
///
/// One deviation: internal node objects nest at most 512 deep (a deeper start tag is
/// ignored), to keep the tree, and recursion over it, bounded on hostile input.
pub fn parse_cue_text(text: &str) -> Vec<CueNode> {
    let mut tokenizer = Tokenizer { input: text, position: 0 };
    // "Let result be a list of WebVTT Node Objects, initially empty. Let current be the WebVTT
    // Internal Node Object result." `current` is the last of `open` (the internal node
    // objects from `result` down to `current`), or `result` when `open` is empty.
    let mut result: Vec<CueNode> = Vec::new();
    let mut open: Vec<OpenElement> = Vec::new();
    // "Let language stack be a stack of language tags, initially empty."
    let mut language_stack: Vec<String> = Vec::new();
    // "Loop: If position is past the end of input, return result and abort these steps."
    while tokenizer.position < text.len() {
        // "Let token be the result of invoking the WebVTT cue text tokenizer."
        match tokenizer.next_token() {
            // "Create a WebVTT Text Object whose value is the value of the string token token.
            // Append the newly created WebVTT Text Object to current."
            Token::Text(value) => children_of_current(&mut result, &mut open).push(CueNode::Text(value)),
            Token::StartTag(name, classes, annotation) => {
                let current = open.last().map(|element| element.kind);
                let kind = match name.as_str() {
                    "c" => ElementKind::Class,
                    "i" => ElementKind::Italic,
                    "b" => ElementKind::Bold,
                    "u" => ElementKind::Underline,
                    "ruby" => ElementKind::Ruby,
                    // "If current is a WebVTT Ruby Object, then attach a WebVTT Ruby Text
                    // Object."
                    "rt" if current == Some(ElementKind::Ruby) => ElementKind::RubyText,
                    // "Attach a WebVTT Voice Object, and set its value to the token's
                    // annotation string, or the empty string if there is no annotation string."
                    "v" => ElementKind::Voice,
                    "lang" => ElementKind::Language,
                    // "Otherwise: Ignore the token."
                    _ => continue,
                };
                if open.len() >= MAX_DEPTH {
                    continue;
                }
                // "Push the value of the token's annotation string, or the empty string if there
                // is no annotation string, onto the language stack; then attach a WebVTT
                // Language Object."
                if kind == ElementKind::Language {
                    language_stack.push(annotation.clone());
                }
                // "attach a WebVTT Internal Node Object": "Set the new object's list of applicable
                // classes to the list of classes in the token, excluding any classes that are the
                // empty string. Set the new object's applicable language to the top entry on the
                // language stack, if the stack is not empty. Append the newly created node object
                // to current. Let current be the newly created node object." (It is appended to
                // its parent when it is closed, or at the end.)
                open.push(OpenElement {
                    kind,
                    classes: classes.into_iter().filter(|class| !class.is_empty()).collect(),
                    annotation,
                    language: language_stack.last().cloned().unwrap_or_default(),
                    children: Vec::new(),
                });
            }
            Token::EndTag(name) => {
                let Some(current) = open.last().map(|element| element.kind) else {
                    // current is result: "Otherwise, ignore the token."
                    continue;
                };
                match (name.as_str(), current) {
                    // "If any of the following conditions is true, then let current be the parent
                    // node of current": the end tag's name is that of current's class.
                    ("c", ElementKind::Class)
                    | ("i", ElementKind::Italic)
                    | ("b", ElementKind::Bold)
                    | ("u", ElementKind::Underline)
                    | ("ruby", ElementKind::Ruby)
                    | ("rt", ElementKind::RubyText)
                    | ("v", ElementKind::Voice) => close_current(&mut result, &mut open),
                    // "Otherwise, if the tag name of the end tag token token is "lang" and current
                    // is a WebVTT Language Object, then let current be the parent node of current,
                    // and pop the top value from the language stack."
                    ("lang", ElementKind::Language) => {
                        close_current(&mut result, &mut open);
                        language_stack.pop();
                    }
                    // "Otherwise, if the tag name of the end tag token token is "ruby" and current
                    // is a WebVTT Ruby Text Object, then let current be the parent node of the
                    // parent node of current." (A ruby text object's parent is a ruby object.)
                    ("ruby", ElementKind::RubyText) => {
                        close_current(&mut result, &mut open);
                        close_current(&mut result, &mut open);
                    }
                    // "Otherwise, ignore the token."
                    _ => {}
                }
            }
            Token::Timestamp(value) => {
                // "Collect a WebVTT timestamp" from the tag value. "If that algorithm does not
                // fail, and if position now points at the end of input (i.e. there are no
                // trailing characters after the timestamp), then create a WebVTT Timestamp Object
                // whose value is the collected time, then append it to current. Otherwise, ignore
                // the token."
                let mut position = 0;
                if let Some(seconds) = collect_timestamp(&value, &mut position)
                    && position == value.len()
                {
                    children_of_current(&mut result, &mut open).push(CueNode::Timestamp(seconds));
                }
            }
        }
    }
    // What is still open is still attached to its parent.
    while !open.is_empty() {
        close_current(&mut result, &mut open);
    }
    result
}

/// A WebVTT Internal Node Object not yet appended to its parent.
struct OpenElement {
    kind: ElementKind,
    classes: Vec<String>,
    annotation: String,
    language: String,
    children: Vec<CueNode>,
}

/// The child list of current.
fn children_of_current<'a>(result: &'a mut Vec<CueNode>, open: &'a mut [OpenElement]) -> &'a mut Vec<CueNode> {
    match open.last_mut() {
        Some(element) => &mut element.children,
        None => result,
    }
}

/// "let current be the parent node of current": appends current to its parent.
fn close_current(result: &mut Vec<CueNode>, open: &mut Vec<OpenElement>) {
    if let Some(element) = open.pop() {
        let OpenElement { kind, classes, annotation, language, children } = element;
        children_of_current(result, open).push(CueNode::Element { kind, classes, annotation, language, children });
    }
}

/// The states of <https://w3c.github.io/webvtt/#webvtt-cue-text-tokenizer>. (The two HTML
/// character reference states are folded into the states that enter them: the reference is
/// consumed right away, from the character after the "&".)
#[derive(Clone, Copy)]
enum State {
    Data,
    Tag,
    StartTag,
    StartTagClass,
    StartTagAnnotation,
    EndTag,
    TimestampTag,
}

struct Tokenizer<'a> {
    input: &'a str,
    /// A byte offset into `input`, at a character boundary.
    position: usize,
}

impl Tokenizer<'_> {
    /// The character at `position`, `None` being the end-of-file marker.
    fn current(&self) -> Option<char> {
        self.input.get(self.position..).and_then(|rest| rest.chars().next())
    }

    /// <https://w3c.github.io/webvtt/#webvtt-cue-text-tokenizer>: the next token, from a
    /// `position` that is not past the end.
    fn next_token(&mut self) -> Token {
        // "Let tokenizer state be WebVTT data state. Let result be the empty string. Let
        // classes be an empty list." (And buffer, which the start tag states use.)
        let mut state = State::Data;
        let mut result = String::new();
        let mut classes: Vec<String> = Vec::new();
        let mut buffer = String::new();
        // "Loop: If position is past the end of input, let c be an end-of-file marker.
        // Otherwise, let c be the character in input pointed to by position."
        loop {
            let c = self.current();
            match state {
                State::Data => match c {
                    // "U+0026 AMPERSAND (&): Set tokenizer state to the HTML character reference
                    // in data state" which "Attempt[s] to consume an HTML character reference,
                    // with no additional allowed character. If nothing is returned, append a
                    // U+0026 AMPERSAND character (&) to result. Otherwise, append the data of the
                    // character tokens that were returned to result."
                    Some('&') => {
                        self.position += 1;
                        self.consume_character_reference(&mut result);
                        continue;
                    }
                    // "U+003C LESS-THAN SIGN (<): If result is the empty string, then set
                    // tokenizer state to the WebVTT tag state ... Otherwise, return a string
                    // token whose value is result and abort these steps."
                    Some('<') => {
                        if !result.is_empty() {
                            return Token::Text(result);
                        }
                        state = State::Tag;
                    }
                    // "End-of-file marker: Return a string token whose value is result".
                    None => return Token::Text(result),
                    // "Anything else: Append c to result".
                    Some(c) => result.push(c),
                },
                State::Tag => match c {
                    // Tab, LF, FF, space: "Set tokenizer state to the WebVTT start tag annotation
                    // state".
                    Some('\t' | '\n' | '\x0C' | ' ') => state = State::StartTagAnnotation,
                    // "U+002E FULL STOP character (.): Set tokenizer state to the WebVTT start
                    // tag class state".
                    Some('.') => state = State::StartTagClass,
                    // "U+002F SOLIDUS character (/): Set tokenizer state to the WebVTT end tag
                    // state".
                    Some('/') => state = State::EndTag,
                    // "ASCII digits: Set result to c, set tokenizer state to the WebVTT
                    // timestamp tag state".
                    Some(c @ '0'..='9') => {
                        result.push(c);
                        state = State::TimestampTag;
                    }
                    // ">": advance, then as at the end of the file: "Return a start tag whose
                    // tag name is the empty string, with no classes and no annotation".
                    Some('>') => {
                        self.position += 1;
                        return Token::StartTag(String::new(), Vec::new(), String::new());
                    }
                    None => return Token::StartTag(String::new(), Vec::new(), String::new()),
                    // "Anything else: Set result to c, set tokenizer state to the WebVTT start
                    // tag state".
                    Some(c) => {
                        result.push(c);
                        state = State::StartTag;
                    }
                },
                State::StartTag => match c {
                    // Tab, FF, space: "Set tokenizer state to the WebVTT start tag annotation
                    // state".
                    Some('\t' | '\x0C' | ' ') => state = State::StartTagAnnotation,
                    // "U+000A LINE FEED (LF) character: Set buffer to c, set tokenizer state to
                    // the WebVTT start tag annotation state".
                    Some('\n') => {
                        buffer = String::from('\n');
                        state = State::StartTagAnnotation;
                    }
                    // ".": "Set tokenizer state to the WebVTT start tag class state".
                    Some('.') => state = State::StartTagClass,
                    // ">" (after advancing) and EOF: "Return a start tag whose tag name is
                    // result, with no classes and no annotation".
                    Some('>') => {
                        self.position += 1;
                        return Token::StartTag(result, Vec::new(), String::new());
                    }
                    None => return Token::StartTag(result, Vec::new(), String::new()),
                    // "Anything else: Append c to result".
                    Some(c) => result.push(c),
                },
                State::StartTagClass => match c {
                    // Tab, FF, space: "Append to classes an entry whose value is buffer, set
                    // buffer to the empty string, set tokenizer state to the WebVTT start tag
                    // annotation state".
                    Some('\t' | '\x0C' | ' ') => {
                        classes.push(std::mem::take(&mut buffer));
                        state = State::StartTagAnnotation;
                    }
                    // LF: the same, but "set buffer to c".
                    Some('\n') => {
                        classes.push(std::mem::take(&mut buffer));
                        buffer.push('\n');
                        state = State::StartTagAnnotation;
                    }
                    // ".": "Append to classes an entry whose value is buffer, set buffer to the
                    // empty string".
                    Some('.') => classes.push(std::mem::take(&mut buffer)),
                    // ">" (after advancing) and EOF: "Append to classes an entry whose value is
                    // buffer, then return a start tag whose tag name is result, with the classes
                    // given in classes but no annotation".
                    Some('>') => {
                        self.position += 1;
                        classes.push(buffer);
                        return Token::StartTag(result, classes, String::new());
                    }
                    None => {
                        classes.push(buffer);
                        return Token::StartTag(result, classes, String::new());
                    }
                    // "Anything else: Append c to buffer".
                    Some(c) => buffer.push(c),
                },
                State::StartTagAnnotation => match c {
                    // "U+0026 AMPERSAND (&): Set tokenizer state to the HTML character reference
                    // in annotation state", which attempts "to consume an HTML character
                    // reference, with the additional allowed character being U+003E
                    // GREATER-THAN SIGN (>)", appending its data, or "&", to buffer.
                    Some('&') => {
                        self.position += 1;
                        self.consume_character_reference(&mut buffer);
                        continue;
                    }
                    // ">" (after advancing) and EOF: "Remove any leading or trailing ASCII
                    // whitespace characters from buffer, and replace any sequence of one or more
                    // consecutive ASCII whitespace characters in buffer with a single U+0020 SPACE
                    // character; then, return a start tag whose tag name is result, with the
                    // classes given in classes, and with buffer as the annotation".
                    Some('>') => {
                        self.position += 1;
                        return Token::StartTag(result, classes, collapse_whitespace(&buffer));
                    }
                    None => return Token::StartTag(result, classes, collapse_whitespace(&buffer)),
                    // "Anything else: Append c to buffer".
                    Some(c) => buffer.push(c),
                },
                State::EndTag => match c {
                    // ">" (after advancing) and EOF: "Return an end tag whose tag name is
                    // result".
                    Some('>') => {
                        self.position += 1;
                        return Token::EndTag(result);
                    }
                    None => return Token::EndTag(result),
                    // "Anything else: Append c to result".
                    Some(c) => result.push(c),
                },
                State::TimestampTag => match c {
                    // ">" (after advancing) and EOF: "Return a timestamp tag whose tag name is
                    // result".
                    Some('>') => {
                        self.position += 1;
                        return Token::Timestamp(result);
                    }
                    None => return Token::Timestamp(result),
                    // "Anything else: Append c to result".
                    Some(c) => result.push(c),
                },
            }
            // "Next: Advance position to the next character in input." (`c` is not the
            // end-of-file marker here: every EOF entry returns.)
            self.position += c.map_or(1, char::len_utf8);
        }
    }

    /// <https://w3c.github.io/webvtt/#consume-an-html-character-reference>, from `position`
    /// (just after the "&"), which is left after what was consumed: appends the characters
    /// of the reference to `output`, or "&" when nothing is returned (then nothing is
    /// consumed).
    ///
    /// This is HTML's "consume a character reference" (not as part of an attribute): a named
    /// reference is the longest name in HTML's table of named character references that the
    /// input starts with (with or without its ";", as the table has it); a numeric one is "#"
    /// or "#x"/"#X" and one or more (hex) digits, then an optional ";", where 0, surrogates
    /// and values beyond U+10FFFF become U+FFFD and 0x80..=0x9F go through HTML's table of
    /// C1 replacements. The "additional allowed character" (">" in annotations) never starts
    /// a reference either way.
    fn consume_character_reference(&mut self, output: &mut String) {
        let rest = self.input.get(self.position..).unwrap_or("").as_bytes();
        match rest.first() {
            // "Not a character reference. No characters are consumed, and nothing is
            // returned": tab, LF, FF, space, "<", "&", EOF (and the additional allowed
            // character, which no reference starts with).
            None | Some(b'\t' | b'\n' | b'\x0C' | b' ' | b'<' | b'&') => output.push('&'),
            Some(b'#') => {
                let hex = matches!(rest.get(1), Some(b'x' | b'X'));
                let prefix = if hex { 2 } else { 1 };
                let radix = if hex { 16 } else { 10 };
                let digits = rest.get(prefix..).unwrap_or(&[]);
                let count = digits.iter().take_while(|b| char::from(**b).is_digit(radix)).count();
                if count == 0 {
                    // "If no characters match the range, then don't consume any characters (and
                    // unconsume the U+0023 NUMBER SIGN character and, if appropriate, the X
                    // character)" and return nothing.
                    output.push('&');
                    return;
                }
                // Past U+10FFFF the exact value no longer matters: saturate there.
                let value = digits.iter().take(count).fold(0u32, |value, b| {
                    let digit = char::from(*b).to_digit(radix).unwrap_or(0);
                    value.saturating_mul(radix).saturating_add(digit).min(0x11_0000)
                });
                let mut consumed = prefix + count;
                // "the next character should be a U+003B SEMICOLON; consume it" if it is.
                if rest.get(consumed) == Some(&b';') {
                    consumed += 1;
                }
                self.position += consumed;
                output.push(numeric_reference(value));
            }
            Some(_) => {
                // "Consume the maximum number of characters possible, with the consumed
                // characters matching one of the identifiers in the named character references
                // table (in a case-sensitive manner)." The table also lists every prefix of a
                // name (with no characters), so the search stops as soon as no name can follow.
                let mut best: Option<(usize, (u32, u32))> = None;
                for length in 1..=rest.len() {
                    let Some(name) = self.input.get(self.position..self.position + length) else {
                        break;
                    };
                    match NAMED_ENTITIES.get(name) {
                        None => break,
                        Some(&(0, _)) => {}
                        Some(&characters) => best = Some((length, characters)),
                    }
                }
                match best {
                    None => output.push('&'),
                    Some((length, (first, second))) => {
                        self.position += length;
                        output.extend([first, second].into_iter().filter(|&c| c != 0).filter_map(char::from_u32));
                    }
                }
            }
        }
    }
}

/// The character of a numeric character reference of value `value` (HTML's "numeric
/// character reference end state").
fn numeric_reference(value: u32) -> char {
    match value {
        // "If the number is 0x00", "greater than 0x10FFFF" or "a surrogate": U+FFFD.
        0 | 0xD800..=0xDFFF | 0x11_0000.. => '\u{FFFD}',
        // "If the number is one of the numbers in the first column of the following table,
        // then find the row with that number in the first column, and set the character
        // reference code to the number in the second column of that row."
        0x80..=0x9F => C1_REPLACEMENTS
            .get((value - 0x80) as usize)
            .copied()
            .flatten()
            .or_else(|| char::from_u32(value))
            .unwrap_or('\u{FFFD}'),
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    }
}

/// Strips leading and trailing ASCII whitespace and turns every run of it inside into one
/// U+0020 SPACE.
fn collapse_whitespace(input: &str) -> String {
    input.split(|c: char| c.is_ascii_whitespace()).filter(|word| !word.is_empty()).collect::<Vec<_>>().join(" ")
}

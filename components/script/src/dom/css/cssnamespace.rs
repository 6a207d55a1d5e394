//! The `CSS` namespace (<https://drafts.csswg.org/cssom/#namespacedef-css>): `escape()` and
//! `supports()` (<https://drafts.csswg.org/css-conditional-3/#the-css-namespace>), answered
//! from the properties Aperture validates (`cssproperties.rs`) and the selectors
//! `querySelector()` parses (`selectormatching.rs`).

use cssparser::{ParseError, Parser, Token};
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::CSSBinding::CSSMethods;
use crate::dom::bindings::str::DOMString;
use crate::dom::css::cssproperties;
use crate::dom::html::window::Window;

/// The namespace's implementation (no instances).
pub struct CSS;

impl CSSMethods for CSS {
    /// <https://drafts.csswg.org/cssom/#dom-css-escape>: "return the result of invoking
    /// serialize an identifier of ident."
    fn Escape(_cx: &mut JSContext, _global: &Window, ident: DOMString) -> DOMString {
        serialize_identifier(ident.as_str()).into()
    }

    /// <https://drafts.csswg.org/css-conditional-3/#dom-css-supports>
    fn Supports(_cx: &mut JSContext, _global: &Window, property: DOMString, value: DOMString) -> bool {
        supports_declaration(property.as_str(), value.as_str())
    }

    /// <https://drafts.csswg.org/css-conditional-3/#dom-css-supports-conditiontext>
    fn Supports_(_cx: &mut JSContext, _global: &Window, condition_text: DOMString) -> bool {
        // 1. "If conditionText, parsed and evaluated as a <supports-condition>, would return
        //    true, return true."
        // 2. "Otherwise, If conditionText, wrapped in parentheses and then parsed and evaluated
        //    as a <supports-condition>, would return true, return true."
        // 3. "Otherwise, return false."
        evaluate_condition_text(condition_text.as_str())
            || evaluate_condition_text(&format!("({})", condition_text.as_str()))
    }
}

/// <https://drafts.csswg.org/cssom/#serialize-an-identifier>
pub fn serialize_identifier(ident: &str) -> String {
    let chars: Vec<char> = ident.chars().collect();
    let mut out = String::new();
    // "To serialize an identifier means to create a string represented by the concatenation
    // of, for each character of the identifier:"
    for (i, &c) in chars.iter().enumerate() {
        let escape_code_point = |out: &mut String| out.push_str(&format!("\\{:x} ", c as u32));
        match c {
            // "If the character is NULL (U+0000), then the REPLACEMENT CHARACTER (U+FFFD)."
            '\0' => out.push('\u{FFFD}'),
            // "If the character is in the range [\1-\1f] (U+0001 to U+001F) or is U+007F, then
            // the character escaped as code point."
            '\u{1}'..='\u{1f}' | '\u{7f}' => escape_code_point(&mut out),
            // "If the character is the first character and is in the range [0-9] (U+0030 to
            // U+0039), then the character escaped as code point."
            '0'..='9' if i == 0 => escape_code_point(&mut out),
            // "If the character is the second character and is in the range [0-9] (U+0030 to
            // U+0039) and the first character is a "-" (U+002D), then the character escaped as
            // code point."
            '0'..='9' if i == 1 && chars[0] == '-' => escape_code_point(&mut out),
            // "If the character is the first character and is a "-" (U+002D), and there is no
            // second character, then the escaped character."
            '-' if i == 0 && chars.len() == 1 => out.push_str("\\-"),
            // "If the character is not handled by one of the above rules and is greater than or
            // equal to U+0080, is "-" (U+002D) or "_" (U+005F), or is in one of the ranges [0-9]
            // (U+0030 to U+0039), [A-Z] (U+0041 to U+005A), or \[a-z] (U+0061 to U+007A), then
            // the character itself."
            c if c as u32 >= 0x80 || c == '-' || c == '_' || c.is_ascii_alphanumeric() => out.push(c),
            // "Otherwise, the escaped character."
            c => {
                out.push('\\');
                out.push(c);
            }
        }
    }
    out
}

/// <https://drafts.csswg.org/css-conditional-3/#dom-css-supports>: "If property is an ASCII
/// case-insensitive match for any defined CSS property that the UA supports, or is a custom
/// property name string, and value successfully parses according to that property's grammar,
/// return true. Otherwise, return false."
fn supports_declaration(property: &str, value: &str) -> bool {
    if cssproperties::is_custom(property) {
        // A custom property's grammar is <declaration-value>?: anything that is not a bad token.
        return parses_as_declaration_value(value);
    }
    let property = property.to_ascii_lowercase();
    cssproperties::is_supported(&property) && cssproperties::parse_property(&property, value).is_some()
}

/// Whether `value` parses as `<declaration-value>?` (no bad string/URL, no unbalanced closing
/// bracket, no top-level `!important` or `;`).
fn parses_as_declaration_value(value: &str) -> bool {
    let mut parser = Parser::new(value);
    while let Ok(token) = parser.next_including_whitespace_and_comments() {
        match token {
            Token::BadString(_)
            | Token::BadUrl(_)
            | Token::CloseParenthesis
            | Token::CloseSquareBracket
            | Token::CloseCurlyBracket
            | Token::Semicolon
            | Token::Delim('!') => return false,
            _ => {}
        }
    }
    true
}

/// Parses `text` as a `<supports-condition>` and evaluates it; false when it does not parse.
fn evaluate_condition_text(text: &str) -> bool {
    let mut parser = Parser::new(text);
    let result = supports_condition(&mut parser);
    match result {
        Some(value) if parser.is_exhausted() => value,
        _ => false,
    }
}

/// `<supports-condition> = not <supports-in-parens> | <supports-in-parens> [ and
/// <supports-in-parens> ]* | <supports-in-parens> [ or <supports-in-parens> ]*`
/// (<https://drafts.csswg.org/css-conditional-3/#typedef-supports-condition>); `None` when it
/// does not parse.
fn supports_condition(parser: &mut Parser<'_>) -> Option<bool> {
    if parser.try_parse(|p| p.expect_ident_matching("not")).is_ok() {
        return supports_in_parens(parser).map(|v| !v);
    }
    let first = supports_in_parens(parser)?;
    let state = parser.state();
    let combinator = match parser.next() {
        Ok(Token::Ident(word)) if word.eq_ignore_ascii_case("and") => "and",
        Ok(Token::Ident(word)) if word.eq_ignore_ascii_case("or") => "or",
        _ => {
            parser.reset(&state);
            return Some(first);
        }
    };
    let mut value = first;
    loop {
        let next = supports_in_parens(parser)?;
        value = if combinator == "and" { value && next } else { value || next };
        // Mixing `and` and `or` without parentheses is invalid.
        let state = parser.state();
        match parser.next() {
            Ok(Token::Ident(word)) if word.eq_ignore_ascii_case(combinator) => continue,
            Ok(_) => return None,
            Err(_) => {
                parser.reset(&state);
                return Some(value);
            }
        }
    }
}

/// `<supports-in-parens> = ( <supports-condition> ) | <supports-feature> | <general-enclosed>`.
/// A `<general-enclosed>` (an unknown function or parenthesized text) evaluates to false.
fn supports_in_parens(parser: &mut Parser<'_>) -> Option<bool> {
    let token = parser.next().ok()?.clone();
    match token {
        Token::ParenthesisBlock => parser
            .parse_nested_block(|p| {
                // ( <supports-condition> )
                if let Ok(v) = p.try_parse(|p| {
                    let v = supports_condition(p).ok_or(ParseError::custom(()))?;
                    p.expect_exhausted()?;
                    Ok::<bool, ParseError<()>>(v)
                }) {
                    return Ok(v);
                }
                // <supports-decl> = ( <declaration> )
                if let Ok(v) = p.try_parse(supports_decl) {
                    return Ok(v);
                }
                // <general-enclosed>: any other content, false.
                while p.next_including_whitespace_and_comments().is_ok() {}
                Ok::<bool, ParseError<()>>(false)
            })
            .ok(),
        // <supports-selector-fn> = selector( <complex-selector> )
        Token::Function(name) if name.eq_ignore_ascii_case("selector") => parser
            .parse_nested_block(|p| {
                let start = p.position();
                while p.next_including_whitespace_and_comments().is_ok() {}
                let source = p.slice_from(start).to_string();
                Ok::<bool, ParseError<()>>(supports_selector(&source))
            })
            .ok(),
        // <general-enclosed> = [ <function-token> <any-value>? ) ]: false.
        Token::Function(_) => parser
            .parse_nested_block(|p| {
                while p.next_including_whitespace_and_comments().is_ok() {}
                Ok::<bool, ParseError<()>>(false)
            })
            .ok(),
        _ => None,
    }
}

/// `<supports-decl>`: "The result is true if the UA supports the declaration within the
/// parentheses."
fn supports_decl(p: &mut Parser<'_>) -> Result<bool, ParseError<()>> {
    let name = p.expect_ident()?.to_string();
    p.expect_colon()?;
    let start = p.position();
    while p.next_including_whitespace_and_comments().is_ok() {}
    let mut value = p.slice_from(start).trim().to_string();
    // A declaration may end in `!important`.
    let lower = value.to_ascii_lowercase();
    if let Some(stripped) = lower.strip_suffix("important") {
        let stripped = stripped.trim_end();
        if let Some(before) = stripped.strip_suffix('!') {
            value = value[..before.trim_end().len()].to_string();
        }
    }
    Ok(supports_declaration(&name, &value))
}

/// `selector(<complex-selector>)`: "The result is true if the UA supports the selector": one
/// complex selector that Aperture's selector engine parses.
fn supports_selector(source: &str) -> bool {
    crate::dom::dom::selectormatching::parse_selectors(source).is_ok_and(|list| list.slice().len() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_follows_serialize_an_identifier() {
        assert_eq!(serialize_identifier("a#b.c"), "a\\#b\\.c");
        assert_eq!(serialize_identifier("1a"), "\\31 a");
        assert_eq!(serialize_identifier("-1"), "-\\31 ");
        assert_eq!(serialize_identifier("-"), "\\-");
        assert_eq!(serialize_identifier("\0x"), "\u{FFFD}x");
        assert_eq!(serialize_identifier("é_-"), "é_-");
    }
}

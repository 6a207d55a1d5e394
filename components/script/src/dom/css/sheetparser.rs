//! Parsing style sheets and rules into plain data (<https://drafts.csswg.org/css-syntax-3/#parse-a-stylesheet>,
//! <https://drafts.csswg.org/cssom/#parse-a-css-rule>), with cssparser's rule parsers. The
//! DOM objects (`CSSStyleRule`, `CSSMediaRule`…) are built from this tree; nothing here
//! touches the DOM, so the grammar is unit-tested below.

use cssparser::{
    AtRuleParser, BasicParseErrorKind, CowRcStr, ParseError, Parser, ParserState, QualifiedRuleParser,
    StyleSheetParser, ToCss, Token,
};

use crate::dom::css::cssproperties::{Declaration, parse_declaration_block};
use crate::dom::cssomview::mediaqueries;
use crate::dom::dom::selectormatching::parse_selectors;

/// A parsed CSS rule of a kind Aperture models.
#[derive(Clone, Debug, PartialEq)]
pub enum RuleData {
    /// A style rule: its selector list (serialized) and its declarations.
    Style { selectors: String, block: Vec<Declaration> },
    /// `@import url [layer] [supports()] [media]`.
    Import { href: String, media: Vec<String>, layer: Option<String>, supports: Option<String> },
    /// `@namespace [prefix] url`.
    Namespace { prefix: String, uri: String },
    /// `@media list { rules }`.
    Media { media: Vec<String>, rules: Vec<RuleData> },
    /// `@supports condition { rules }`.
    Supports { condition: String, rules: Vec<RuleData> },
    /// `@font-face { descriptors }`.
    FontFace { block: Vec<Declaration> },
    /// `@keyframes name { keyframe rules }`.
    Keyframes { name: String, keyframes: Vec<KeyframeData> },
}

impl RuleData {
    pub fn is_import(&self) -> bool {
        matches!(self, RuleData::Import { .. })
    }
    pub fn is_namespace(&self) -> bool {
        matches!(self, RuleData::Namespace { .. })
    }
}

/// One keyframe rule: its selectors (`from` is 0%, `to` 100%) and declarations.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyframeData {
    pub keys: Vec<f64>,
    pub block: Vec<Declaration>,
}

/// Where a rule list is parsed: top level, or inside a grouping rule (no @import/@namespace).
#[derive(Clone, Copy, PartialEq)]
enum Context {
    TopLevel,
    Nested,
}

enum Prelude {
    Import { href: String, media: Vec<String>, layer: Option<String>, supports: Option<String> },
    Namespace { prefix: String, uri: String },
    Media(Vec<String>),
    Supports(String),
    FontFace,
    Keyframes(String),
}

struct RulesParser {
    context: Context,
}

type Failure<'i> = ParseError<()>;

fn invalid<'i>(_input: &Parser<'i>) -> Failure<'i> {
    ParseError::from_basic_kind(BasicParseErrorKind::QualifiedRuleInvalid)
}

/// The rest of `input` as written, and everything consumed.
fn rest<'i>(input: &mut Parser<'i>) -> String {
    let start = input.position();
    while input.next().is_ok() {}
    input.slice_from(start).trim().to_owned()
}

/// Whitespace collapsed to single spaces (for condition texts kept as written).
fn collapse(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// <https://drafts.csswg.org/cssom/#parse-a-media-query-list>: each query serialized, or
/// "not all" for one that does not parse.
pub fn parse_media_list(text: &str) -> Vec<String> {
    let serialized = mediaqueries::serialize(text);
    if serialized.is_empty() { Vec::new() } else { serialized.split(", ").map(str::to_owned).collect() }
}

/// `from`, `to` or a percentage (<https://drafts.csswg.org/css-animations/#typedef-keyframe-selector>).
pub fn parse_keyframe_selector(text: &str) -> Option<Vec<f64>> {
    let mut parser = Parser::new(text);
    let keys: Result<Vec<f64>, Failure<'_>> = parser.parse_comma_separated(|i| match i.next()?.clone() {
        Token::Ident(ref name) if name.eq_ignore_ascii_case("from") => Ok(0.0),
        Token::Ident(ref name) if name.eq_ignore_ascii_case("to") => Ok(100.0),
        Token::Percentage { unit_value, .. } if (0.0..=1.0).contains(&unit_value) => Ok(f64::from(unit_value) * 100.0),
        _ => Err(ParseError::unexpected_token()),
    });
    keys.ok()
}

/// The keyText serialization: each key as a percentage, joined by ", ".
pub fn serialize_keys(keys: &[f64]) -> String {
    keys.iter()
        .map(|k| format!("{}%", crate::dom::css::cssproperties::format_number(*k)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl<'i> AtRuleParser<'i> for RulesParser {
    type Prelude = Prelude;
    type AtRule = RuleData;
    type Error = ();

    fn parse_prelude(&mut self, name: CowRcStr<'i>, input: &mut Parser<'i>) -> Result<Prelude, Failure<'i>> {
        let name = name.to_ascii_lowercase();
        match name.as_str() {
            "import" if self.context == Context::TopLevel => {
                let href = input.expect_url_or_string()?.to_string();
                let mut layer = None;
                let mut supports = None;
                let state = input.state();
                match input.next() {
                    Ok(Token::Ident(n)) if n.eq_ignore_ascii_case("layer") => layer = Some(String::new()),
                    Ok(Token::Function(n)) if n.eq_ignore_ascii_case("layer") => {
                        layer = Some(input.parse_nested_block(|i| Ok::<_, Failure<'i>>(collapse(&rest(i))))?);
                    }
                    _ => input.reset(&state),
                }
                let state = input.state();
                match input.next() {
                    Ok(Token::Function(n)) if n.eq_ignore_ascii_case("supports") => {
                        supports = Some(input.parse_nested_block(|i| Ok::<_, Failure<'i>>(collapse(&rest(i))))?);
                    }
                    _ => input.reset(&state),
                }
                let media = parse_media_list(&rest(input));
                Ok(Prelude::Import { href, media, layer, supports })
            }
            "namespace" if self.context == Context::TopLevel => {
                let prefix = input.try_parse(|i| i.expect_ident_cloned()).map(|p| p.to_string()).unwrap_or_default();
                let uri = input.expect_url_or_string()?.to_string();
                input.expect_exhausted()?;
                Ok(Prelude::Namespace { prefix, uri })
            }
            "media" => Ok(Prelude::Media(parse_media_list(&rest(input)))),
            "supports" => {
                let condition = collapse(&rest(input));
                if condition.is_empty() {
                    return Err(invalid(input));
                }
                Ok(Prelude::Supports(condition))
            }
            "font-face" => {
                input.expect_exhausted()?;
                Ok(Prelude::FontFace)
            }
            "keyframes" | "-webkit-keyframes" => {
                let name = match input.next()?.clone() {
                    Token::Ident(n)
                        if !matches!(
                            &*n.to_ascii_lowercase(),
                            "none" | "initial" | "inherit" | "unset" | "default"
                        ) =>
                    {
                        n.to_string()
                    }
                    Token::QuotedString(s) => s.to_string(),
                    _ => return Err(ParseError::unexpected_token()),
                };
                input.expect_exhausted()?;
                Ok(Prelude::Keyframes(name))
            }
            _ => Err(invalid(input)),
        }
    }

    fn rule_without_block(&mut self, prelude: Prelude, _start: &ParserState) -> Result<RuleData, ()> {
        match prelude {
            Prelude::Import { href, media, layer, supports } => Ok(RuleData::Import { href, media, layer, supports }),
            Prelude::Namespace { prefix, uri } => Ok(RuleData::Namespace { prefix, uri }),
            _ => Err(()),
        }
    }

    fn parse_block(
        &mut self,
        prelude: Prelude,
        _start: &ParserState,
        input: &mut Parser<'i>,
    ) -> Result<RuleData, Failure<'i>> {
        match prelude {
            Prelude::Media(media) => Ok(RuleData::Media { media, rules: rule_list(input, Context::Nested) }),
            Prelude::Supports(condition) => {
                Ok(RuleData::Supports { condition, rules: rule_list(input, Context::Nested) })
            }
            Prelude::FontFace => Ok(RuleData::FontFace { block: parse_descriptors(&rest(input)) }),
            Prelude::Keyframes(name) => Ok(RuleData::Keyframes { name, keyframes: keyframe_list(input) }),
            Prelude::Import { .. } | Prelude::Namespace { .. } => Err(invalid(input)),
        }
    }
}

impl<'i> QualifiedRuleParser<'i> for RulesParser {
    type Prelude = String;
    type QualifiedRule = RuleData;
    type Error = ();

    fn parse_prelude(&mut self, input: &mut Parser<'i>) -> Result<String, Failure<'i>> {
        let text = rest(input);
        match parse_selectors(&text) {
            Ok(list) => Ok(list.to_css_string()),
            Err(_) => Err(invalid(input)),
        }
    }

    fn parse_block(
        &mut self,
        selectors: String,
        _start: &ParserState,
        input: &mut Parser<'i>,
    ) -> Result<RuleData, Failure<'i>> {
        Ok(RuleData::Style { selectors, block: parse_declaration_block(&rest(input)) })
    }
}

/// The rules of a block or sheet; invalid rules are dropped.
fn rule_list(input: &mut Parser<'_>, context: Context) -> Vec<RuleData> {
    let mut parser = RulesParser { context };
    let mut rules: Vec<RuleData> = Vec::new();
    for rule in StyleSheetParser::new(input, &mut parser).filter_map(Result::ok) {
        // <https://drafts.csswg.org/css-cascade-5/#at-import>: "Any @import rules must precede
        // all other valid at-rules and style rules in a style sheet (ignoring @charset and
        // @layer statement rules) … otherwise the @import rule is invalid";
        // <https://drafts.csswg.org/css-namespaces/#syntax>: "Any @namespace rules must follow
        // all @charset and @import rules and precede all other non-ignored at-rules and style
        // rules in a style sheet."
        let valid = if rule.is_import() {
            rules.iter().all(RuleData::is_import)
        } else if rule.is_namespace() {
            rules.iter().all(|r| r.is_import() || r.is_namespace())
        } else {
            true
        };
        if valid {
            rules.push(rule);
        }
    }
    rules
}

/// The keyframe rules of an @keyframes block (invalid ones dropped).
fn keyframe_list(input: &mut Parser<'_>) -> Vec<KeyframeData> {
    let mut parser = KeyframesParser;
    StyleSheetParser::new(input, &mut parser).filter_map(Result::ok).collect()
}

struct KeyframesParser;

impl<'i> AtRuleParser<'i> for KeyframesParser {
    type Prelude = ();
    type AtRule = KeyframeData;
    type Error = ();
}

impl<'i> QualifiedRuleParser<'i> for KeyframesParser {
    type Prelude = Vec<f64>;
    type QualifiedRule = KeyframeData;
    type Error = ();

    fn parse_prelude(&mut self, input: &mut Parser<'i>) -> Result<Vec<f64>, Failure<'i>> {
        let text = rest(input);
        parse_keyframe_selector(&text).ok_or_else(|| invalid(input))
    }

    fn parse_block(
        &mut self,
        keys: Vec<f64>,
        _start: &ParserState,
        input: &mut Parser<'i>,
    ) -> Result<KeyframeData, Failure<'i>> {
        Ok(KeyframeData { keys, block: parse_declaration_block(&rest(input)) })
    }
}

/// Descriptor declarations (`@font-face`): kept as written, names lower-cased; a later
/// declaration of a descriptor replaces an earlier one.
fn parse_descriptors(text: &str) -> Vec<Declaration> {
    let mut block: Vec<Declaration> = Vec::new();
    for part in text.split(';') {
        let Some((name, value)) = part.split_once(':') else { continue };
        let name = name.trim().to_ascii_lowercase();
        let value = collapse(value);
        if name.is_empty() || value.is_empty() || name.contains(char::is_whitespace) {
            continue;
        }
        crate::dom::css::cssproperties::set_declaration(&mut block, &name, value, false);
    }
    block
}

/// <https://drafts.csswg.org/css-syntax-3/#parse-a-css-stylesheet>: the top-level rules of
/// `text`, invalid ones dropped.
pub fn parse_stylesheet(text: &str) -> Vec<RuleData> {
    let mut parser = Parser::new(text);
    rule_list(&mut parser, Context::TopLevel)
}

/// <https://drafts.csswg.org/cssom/#parse-a-css-rule>: exactly one rule (surrounded by
/// whitespace only), or `None` for a syntax error. `nested` parses it as a rule inside a
/// grouping rule, where @import and @namespace are invalid.
pub fn parse_rule(text: &str, nested: bool) -> Option<RuleData> {
    let mut parser = Parser::new(text);
    let mut rules_parser = RulesParser { context: if nested { Context::Nested } else { Context::TopLevel } };
    // "2. Let rule be the result of consuming a rule" — one rule, valid, and nothing after it.
    let mut iter = StyleSheetParser::new(&mut parser, &mut rules_parser);
    let first = iter.next()?.ok()?;
    if iter.next().is_some() {
        return None;
    }
    Some(first)
}

/// Parses a rule for `insertRule()` on a grouping rule: like [`parse_rule`], but reports an
/// @import or @namespace rule separately (they parse, but cannot be inserted there).
pub fn parse_rule_for_group(text: &str) -> Result<RuleData, bool> {
    match parse_rule(text, true) {
        Some(rule) => Ok(rule),
        None => Err(parse_rule(text, false).is_some_and(|r| r.is_import() || r.is_namespace())),
    }
}

/// A keyframe rule's text (`50% { opacity: 0 }`) for `appendRule()`.
pub fn parse_keyframe_rule(text: &str) -> Option<KeyframeData> {
    let mut parser = Parser::new(text);
    let mut keyframes = KeyframesParser;
    let mut iter = StyleSheetParser::new(&mut parser, &mut keyframes);
    let first = iter.next()?.ok()?;
    if iter.next().is_some() {
        return None;
    }
    Some(first)
}

/// <https://drafts.csswg.org/cssom/#serialize-a-url>
pub fn serialize_url(url: &str) -> String {
    let mut out = String::from("url(");
    let _ = cssparser::serialize_string(url, &mut out);
    out.push(')');
    out
}

/// <https://drafts.csswg.org/cssom/#serialize-a-string>
pub fn serialize_string(s: &str) -> String {
    let mut out = String::new();
    let _ = cssparser::serialize_string(s, &mut out);
    out
}

/// <https://drafts.csswg.org/cssom/#serialize-an-identifier>
pub fn serialize_identifier(s: &str) -> String {
    let mut out = String::new();
    let _ = cssparser::serialize_identifier(s, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_rules_and_invalid_ones() {
        let rules = parse_stylesheet("div>p { color: red; bogus: 1 } ??? { color: blue } .a, #b{margin:0}");
        assert_eq!(rules.len(), 2);
        match &rules[0] {
            RuleData::Style { selectors, block } => {
                assert_eq!(selectors, "div > p");
                assert_eq!(block.len(), 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn at_rules() {
        let rules = parse_stylesheet(
            "@import url(a.css) screen; @namespace svg url(http://www.w3.org/2000/svg);\
             @media screen and (min-width: 100px) { a { color: red } }\
             @supports (display: grid) { b { color: red } }\
             @font-face { font-family: X; src: url(x.woff) }\
             @keyframes spin { from { opacity: 0 } 50%, to { opacity: 1 } }",
        );
        assert_eq!(rules.len(), 6);
        assert_eq!(parse_stylesheet("a {} @import 'x.css'; @namespace x 'y';").len(), 1);
        assert!(matches!(&rules[0], RuleData::Import { href, media, .. } if href == "a.css" && media == &["screen"]));
        assert!(matches!(&rules[1], RuleData::Namespace { prefix, .. } if prefix == "svg"));
        assert!(matches!(&rules[2], RuleData::Media { rules, .. } if rules.len() == 1));
        assert!(matches!(&rules[5], RuleData::Keyframes { keyframes, .. } if keyframes[1].keys == vec![50.0, 100.0]));
    }

    #[test]
    fn one_rule_only() {
        assert!(parse_rule("a { }", false).is_some());
        assert!(parse_rule("a { } b { }", false).is_none());
        assert!(parse_rule("", false).is_none());
        assert!(parse_rule("@import 'x.css';", true).is_none());
        assert_eq!(parse_rule_for_group("@import 'x.css';"), Err(true));
    }
}

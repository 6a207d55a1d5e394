//! Media queries (<https://drafts.csswg.org/mediaqueries-5/>) evaluated against the headless
//! host's fixed environment: an 800×600 screen viewport at 1 dppx, light colour scheme, a fine
//! pointer that can hover, 8 bits per colour, scripting enabled, no motion or contrast
//! preference. A query that does not parse is "not all" (matches nothing), as in browsers; an
//! unknown feature is false.

use super::{VIEWPORT_HEIGHT, VIEWPORT_WIDTH};

/// Whether `query` (a media query list) matches.
pub fn matches(query: &str) -> bool {
    let query = query.trim();
    // "An empty media query list evaluates to true."
    if query.is_empty() {
        return true;
    }
    split_top_level(query, ',').iter().any(|q| matches_one(q.trim()).unwrap_or(false))
}

/// Evaluates one `<media-condition>` (as in `sizes` and `<source media>`): `None` when it does
/// not parse.
pub fn evaluate_condition(condition: &str) -> Option<bool> {
    matches_one(condition.trim())
}

/// The serialization `MediaQueryList.media` returns: each query trimmed, joined by ", ", a query
/// that does not parse is "not all".
pub fn serialize(query: &str) -> String {
    let query = query.trim();
    if query.is_empty() {
        return String::new();
    }
    split_top_level(query, ',')
        .iter()
        .map(|q| {
            let q = q.trim();
            if matches_one(q).is_some() { normalize_space(q) } else { "not all".to_owned() }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn normalize_space(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase()
}

fn split_top_level(s: &str, sep: char) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0i32, 0usize, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth == 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// One media query: `[not|only] type [and (feature)]…`, or a condition of features joined by
/// `and`/`or`, with `not`. `None` when it does not parse.
fn matches_one(q: &str) -> Option<bool> {
    let lower = q.to_ascii_lowercase();
    let tokens = tokenize(&lower)?;
    let mut it = tokens.iter().peekable();
    let mut negate = false;
    match it.peek() {
        Some(Token::Word(w)) if w == "not" && !matches!(tokens.get(1), Some(Token::Group(_))) => {
            negate = true;
            it.next();
        }
        Some(Token::Word(w)) if w == "only" => {
            it.next();
        }
        _ => {}
    }
    // A media type, optionally followed by "and" conditions.
    if let Some(Token::Word(w)) = it.peek()
        && w != "not"
    {
        let type_matches = match w.as_str() {
            "all" | "screen" => true,
            "print" | "speech" | "tty" | "tv" | "projection" | "handheld" | "braille" | "embossed" | "aural" => false,
            _ => return None,
        };
        it.next();
        let mut result = Tri::from(type_matches);
        while let Some(t) = it.next() {
            match t {
                Token::Word(w) if w == "and" => {}
                _ => return None,
            }
            result = result.and(condition(&mut it)?);
        }
        // "unknown" counts as false at the top level, after "not" (which keeps it unknown).
        return Some(if negate { result.not() } else { result } == Tri::True);
    }
    // A media condition.
    let result = condition_list(&mut it)?;
    if it.next().is_some() {
        return None;
    }
    Some(if negate { result.not() } else { result } == Tri::True)
}

/// <https://drafts.csswg.org/mediaqueries-4/#evaluating>: Kleene's three-valued logic; an
/// unknown feature, a feature with a value it does not take, and `<general-enclosed>` are
/// "unknown".
#[derive(Clone, Copy, Debug, PartialEq)]
enum Tri {
    True,
    False,
    Unknown,
}

impl From<bool> for Tri {
    fn from(b: bool) -> Tri {
        if b { Tri::True } else { Tri::False }
    }
}

impl Tri {
    fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
    fn and(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::False, _) | (_, Tri::False) => Tri::False,
            (Tri::True, Tri::True) => Tri::True,
            _ => Tri::Unknown,
        }
    }
    fn or(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::True, _) | (_, Tri::True) => Tri::True,
            (Tri::False, Tri::False) => Tri::False,
            _ => Tri::Unknown,
        }
    }
}

/// Whether the text's square and curly brackets balance, as `<any-value>` in
/// `<general-enclosed>` needs.
fn brackets_balance(text: &str) -> bool {
    let mut stack = Vec::new();
    for c in text.chars() {
        match c {
            '[' | '{' | '(' => stack.push(c),
            ']' if stack.pop() != Some('[') => return false,
            '}' if stack.pop() != Some('{') => return false,
            ')' if stack.pop() != Some('(') => return false,
            _ => {}
        }
    }
    stack.is_empty()
}

#[derive(Debug)]
enum Token {
    Word(String),
    Group(String),
}

fn tokenize(s: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' {
            let mut depth = 0;
            let mut end = None;
            for (j, d) in s[i..].char_indices() {
                match d {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i + j);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let end = end?;
            tokens.push(Token::Group(s[i + 1..end].to_owned()));
            while chars.peek().is_some_and(|&(k, _)| k <= end) {
                chars.next();
            }
        } else {
            let mut word = String::new();
            while let Some(&(_, d)) = chars.peek() {
                if d.is_whitespace() || d == '(' {
                    break;
                }
                word.push(d);
                chars.next();
            }
            tokens.push(Token::Word(word));
        }
    }
    Some(tokens)
}

/// `(feature)` or `not (…)` or `(condition)`, or a function (`<general-enclosed>`: unknown).
fn condition<'a>(it: &mut std::iter::Peekable<std::slice::Iter<'a, Token>>) -> Option<Tri> {
    match it.next()? {
        Token::Word(w) if w == "not" => condition(it).map(Tri::not),
        Token::Group(g) => group(g),
        Token::Word(w) if w != "and" && w != "or" && matches!(it.peek(), Some(Token::Group(_))) => {
            let Some(Token::Group(g)) = it.next() else { return None };
            brackets_balance(g).then_some(Tri::Unknown)
        }
        _ => None,
    }
}

/// Conditions joined by one kind of operator (`and` or `or`).
fn condition_list<'a>(it: &mut std::iter::Peekable<std::slice::Iter<'a, Token>>) -> Option<Tri> {
    let mut result = condition(it)?;
    let mut op: Option<String> = None;
    while let Some(Token::Word(w)) = it.peek() {
        if w != "and" && w != "or" {
            return None;
        }
        if op.as_ref().is_some_and(|o| o != w) {
            return None;
        }
        op = Some(w.clone());
        it.next();
        let next = condition(it)?;
        result = if w == "and" { result.and(next) } else { result.or(next) };
    }
    Some(result)
}

/// The inside of a parenthesized group: a nested condition, a feature test, or a range; what
/// is none of these but has balanced brackets is `<general-enclosed>` (unknown), the rest does
/// not parse.
fn group(g: &str) -> Option<Tri> {
    let g = g.trim();
    if !brackets_balance(g) {
        return None;
    }
    let known = || -> Option<Tri> {
        if g.starts_with('(') || g.starts_with("not ") || g.starts_with("not(") {
            let tokens = tokenize(g)?;
            let mut it = tokens.iter().peekable();
            let r = condition_list(&mut it)?;
            return if it.next().is_none() { Some(r) } else { None };
        }
        if let Some((name, value)) = g.split_once(':') {
            return feature(name.trim(), Some(value.trim())).map(Tri::from);
        }
        // A range: split at the first comparison (the right side may hold a second one).
        if let Some(i) = g.find(['<', '>', '=']) {
            let op = if g[i + 1..].starts_with('=') && &g[i..i + 1] != "=" { &g[i..i + 2] } else { &g[i..i + 1] };
            return range(g[..i].trim(), op, g[i + op.len()..].trim()).map(Tri::from);
        }
        feature(g, None).map(Tri::from)
    };
    Some(known().unwrap_or(Tri::Unknown))
}

/// A length in CSS pixels (every absolute, font-relative and viewport unit, a bare 0, and math
/// functions), read as `sizes` reads its lengths.
fn length(v: &str) -> Option<f64> {
    crate::dom::html::imagesource::parse_length(v.trim()).map(|(v, _)| v)
}

/// A resolution in dppx.
fn resolution(v: &str) -> Option<f64> {
    let v = v.trim();
    let (num, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(v.len()));
    let n: f64 = num.trim().parse().ok()?;
    match unit {
        "dppx" | "x" => Some(n),
        "dpi" => Some(n / 96.0),
        "dpcm" => Some(n * 2.54 / 96.0),
        _ => None,
    }
}

fn ratio(v: &str) -> Option<f64> {
    match v.split_once('/') {
        Some((a, b)) => Some(a.trim().parse::<f64>().ok()? / b.trim().parse::<f64>().ok()?),
        None => v.trim().parse().ok(),
    }
}

/// A range feature's value and how to read a comparison operand.
fn numeric(name: &str) -> Option<(f64, fn(&str) -> Option<f64>)> {
    let (w, h) = (f64::from(VIEWPORT_WIDTH), f64::from(VIEWPORT_HEIGHT));
    Some(match name {
        "width" | "device-width" => (w, length),
        "height" | "device-height" => (h, length),
        "aspect-ratio" | "device-aspect-ratio" => (w / h, ratio),
        "resolution" => (1.0, resolution),
        "color" => (8.0, |v| v.parse().ok()),
        "color-index" | "monochrome" => (0.0, |v| v.parse().ok()),
        _ => return None,
    })
}

fn compare(actual: f64, op: &str, value: f64) -> bool {
    const EPS: f64 = 1e-9;
    match op {
        "<" => actual < value - EPS,
        "<=" => actual <= value + EPS,
        ">" => actual > value + EPS,
        ">=" => actual >= value - EPS,
        _ => (actual - value).abs() <= EPS,
    }
}

/// `(name)` (boolean context) or `(name: value)`.
fn feature(name: &str, value: Option<&str>) -> Option<bool> {
    if let Some(base) = name.strip_prefix("min-").or_else(|| name.strip_prefix("max-")) {
        let (actual, parse) = numeric(base)?;
        let v = parse(value?)?;
        return Some(compare(actual, if name.starts_with("min-") { ">=" } else { "<=" }, v));
    }
    if let Some((actual, parse)) = numeric(name) {
        return Some(match value {
            None => actual != 0.0,
            Some(v) => compare(actual, "=", parse(v)?),
        });
    }
    let current: &[&str] = match name {
        "orientation" => &["landscape"],
        "prefers-color-scheme" => &["light"],
        "prefers-reduced-motion" | "prefers-reduced-transparency" | "prefers-reduced-data" => &["no-preference"],
        "prefers-contrast" => &["no-preference"],
        "forced-colors" | "inverted-colors" => &["none"],
        "hover" | "any-hover" => &["hover"],
        "pointer" | "any-pointer" => &["fine"],
        "display-mode" => &["browser"],
        "scripting" => &["enabled"],
        "update" => &["fast"],
        "dynamic-range" | "video-dynamic-range" => &["standard"],
        "color-gamut" => &["srgb"],
        "overflow-block" => &["scroll"],
        "overflow-inline" => &["scroll"],
        "grid" => &["0"],
        // An unknown feature: the caller makes it "unknown".
        _ => return None,
    };
    Some(match value {
        // Boolean context: true unless the value is the feature's "none"-like one.
        None => !matches!(current[0], "none" | "no-preference" | "0"),
        Some(v) => current.contains(&v),
    })
}

/// `(width > 600px)`, `(400px <= width)`, and the two-sided `(400px < width < 900px)`.
fn range(left: &str, op: &str, right: &str) -> Option<bool> {
    // Two-sided: "a < name < b".
    if let Some(i) = right.find(['<', '>']) {
        let op2 = if right[i + 1..].starts_with('=') { &right[i..i + 2] } else { &right[i..i + 1] };
        let (name, far) = (right[..i].trim(), right[i + op2.len()..].trim());
        return Some(range(left, op, name)? && range(name, op2, far)?);
    }
    if let Some((actual, parse)) = numeric(left) {
        return Some(compare(actual, op, parse(right)?));
    }
    let (actual, parse) = numeric(right)?;
    let flipped = match op {
        "<" => ">",
        "<=" => ">=",
        ">" => "<",
        ">=" => "<=",
        _ => "=",
    };
    Some(compare(actual, flipped, parse(left)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries() {
        for q in [
            "",
            "all",
            "screen",
            "(min-width: 600px)",
            "(max-width: 1024px)",
            "screen and (min-width: 40em) and (orientation: landscape)",
            "(prefers-color-scheme: light)",
            "(prefers-reduced-motion: no-preference)",
            "(hover: hover) and (pointer: fine)",
            "(width > 700px)",
            "(400px < width <= 800px)",
            "not print",
            "print, (min-width: 10px)",
            "(min-resolution: 1dppx)",
            "(min-aspect-ratio: 4/3)",
            "not (max-width: 100px)",
            "(color)",
            "only screen and (max-width: 800px)",
            // Three-valued: true or unknown is true.
            "(min-width: 0) or (unknown-feature)",
            "(min-width: 0) or (min-width: unknown-value)",
            "(min-width: 0) or unknown-function(foo)",
            "(min-width: calc(0))",
        ] {
            assert!(matches(q), "{q}");
        }
        for q in [
            "print",
            "(max-width: 600px)",
            "(prefers-color-scheme: dark)",
            "(prefers-reduced-motion: reduce)",
            "(orientation: portrait)",
            "(min-resolution: 2dppx)",
            "(hover: none)",
            "garbage(",
            "(width > 800px)",
            "(unknown-feature)",
            "(monochrome)",
            // "not unknown" is unknown, which is false; unbalanced brackets do not parse.
            "not (unknown-feature)",
            "not (!)",
            "(min-width: 0) or (])",
            "not ((max-width: 0) or (unknown \"x\"))",
        ] {
            assert!(!matches(q), "{q}");
        }
        assert_eq!(serialize("(MIN-width:  600px)"), "(min-width: 600px)");
        assert_eq!(serialize("garbage("), "not all");
    }
}

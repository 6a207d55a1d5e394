//! Responsive images without the DOM (<https://html.spec.whatwg.org/multipage/images.html#source-set>):
//! parsing `srcset` and `sizes`, building a source set, normalizing its pixel densities and
//! choosing one image source. `HTMLImageElement` feeds it the attributes of the `<img>` and of a
//! `<picture>`'s `<source>` children.
//!
//! Lengths in `sizes` resolve against the headless host's fixed environment (the viewport of
//! `dom::cssomview`, a 16px font); media conditions go to `dom::cssomview::mediaqueries`.

use cssparser::{Parser, Token};

use crate::dom::cssomview::{VIEWPORT_HEIGHT, VIEWPORT_WIDTH};

/// <https://html.spec.whatwg.org/multipage/images.html#image-candidate-string>: what one
/// candidate of a `srcset` says about its image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Descriptor {
    /// No descriptor: a pixel density of 1.
    None,
    /// A width descriptor (`300w`), in image pixels.
    Width(u32),
    /// A pixel density descriptor (`2x`).
    Density(f64),
}

/// One image candidate: its URL as written and its descriptor.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageCandidate {
    pub url: String,
    pub descriptor: Descriptor,
}

/// <https://html.spec.whatwg.org/multipage/images.html#source-set>: candidates with their
/// normalized pixel densities.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceSet {
    /// (URL as written, pixel density).
    pub sources: Vec<(String, f64)>,
}

fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' ')
}

/// <https://html.spec.whatwg.org/multipage/common-microsyntaxes.html#valid-non-negative-integer>
fn valid_non_negative_integer(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.parse::<u64>().unwrap_or(u64::MAX))
}

/// <https://html.spec.whatwg.org/multipage/common-microsyntaxes.html#valid-floating-point-number>:
/// `-`? digits (`.` digits)? or `-`? `.` digits, then an optional exponent. The value is the
/// closest finite double ("rules for parsing floating-point number values").
fn valid_floating_point_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    let int = digits(&mut i);
    let mut frac = false;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        frac = digits(&mut i);
        if !frac {
            return None;
        }
    }
    if !int && !frac {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    let value: f64 = s.parse().ok()?;
    Some(if value.is_infinite() { f64::MAX.copysign(value) } else { value })
}

/// <https://html.spec.whatwg.org/multipage/images.html#parse-a-srcset-attribute>
pub fn parse_srcset(input: &str) -> Vec<ImageCandidate> {
    let chars: Vec<char> = input.chars().collect();
    let mut position = 0;
    let mut candidates = Vec::new();
    loop {
        // "Splitting loop: Collect a sequence of code points that are ASCII whitespace or U+002C
        // COMMA characters." (Commas here are a parse error, otherwise ignored.)
        while position < chars.len() && (is_space(chars[position]) || chars[position] == ',') {
            position += 1;
        }
        // "If position is past the end of input, return candidates."
        if position >= chars.len() {
            return candidates;
        }
        // "Collect a sequence of code points that are not ASCII whitespace, and let that be url."
        let start = position;
        while position < chars.len() && !is_space(chars[position]) {
            position += 1;
        }
        let mut url: String = chars[start..position].iter().collect();
        let mut descriptors: Vec<String> = Vec::new();
        // "If url ends with U+002C (,), then: remove all trailing U+002C COMMA characters from
        // url." Otherwise run the descriptor tokenizer.
        if url.ends_with(',') {
            while url.ends_with(',') {
                url.pop();
            }
        } else {
            // "Descriptor tokenizer: Skip ASCII whitespace within input given position."
            while position < chars.len() && is_space(chars[position]) {
                position += 1;
            }
            #[derive(PartialEq)]
            enum State {
                InDescriptor,
                InParens,
                AfterDescriptor,
            }
            let mut current = String::new();
            let mut state = State::InDescriptor;
            loop {
                let c = chars.get(position).copied();
                match state {
                    State::InDescriptor => match c {
                        // "ASCII whitespace: If current descriptor is not empty, append current
                        // descriptor to descriptors and let current descriptor be the empty
                        // string. Set state to after descriptor."
                        Some(c) if is_space(c) => {
                            if !current.is_empty() {
                                descriptors.push(std::mem::take(&mut current));
                            }
                            state = State::AfterDescriptor;
                        }
                        // "U+002C COMMA (,): Advance position to the next character in input. If
                        // current descriptor is not empty, append current descriptor to
                        // descriptors. Jump to the step labeled descriptor parser."
                        Some(',') => {
                            position += 1;
                            if !current.is_empty() {
                                descriptors.push(std::mem::take(&mut current));
                            }
                            break;
                        }
                        // "U+0028 LEFT PARENTHESIS ((): Append c to current descriptor. Set state
                        // to in parens."
                        Some('(') => {
                            current.push('(');
                            state = State::InParens;
                        }
                        // "EOF: If current descriptor is not empty, append current descriptor to
                        // descriptors. Jump to the step labeled descriptor parser."
                        None => {
                            if !current.is_empty() {
                                descriptors.push(std::mem::take(&mut current));
                            }
                            break;
                        }
                        Some(c) => current.push(c),
                    },
                    State::InParens => match c {
                        Some(')') => {
                            current.push(')');
                            state = State::InDescriptor;
                        }
                        None => {
                            descriptors.push(std::mem::take(&mut current));
                            break;
                        }
                        Some(c) => current.push(c),
                    },
                    State::AfterDescriptor => match c {
                        Some(c) if is_space(c) => {}
                        None => break,
                        // "Anything else: Set state to in descriptor. Set position to the
                        // previous character in input."
                        Some(_) => {
                            state = State::InDescriptor;
                            continue;
                        }
                    },
                }
                position += 1;
            }
        }
        // "Descriptor parser"
        if let Some(descriptor) = parse_descriptors(&descriptors) {
            candidates.push(ImageCandidate { url, descriptor });
        }
    }
}

/// The descriptor parser of "parse a srcset attribute": `None` is a parse error (the candidate
/// is dropped).
fn parse_descriptors(descriptors: &[String]) -> Option<Descriptor> {
    let (mut width, mut density, mut height) = (None, None, None);
    for descriptor in descriptors {
        let (value, last) = descriptor.split_at(descriptor.len() - descriptor.chars().last()?.len_utf8());
        match last {
            // "If the last character is U+0077 (w): if width or density are not absent, error;
            // if the value is not a valid non-negative integer, error; if it is zero, error."
            "w" => {
                if width.is_some() || density.is_some() {
                    return None;
                }
                let w = valid_non_negative_integer(value).filter(|w| *w > 0)?;
                width = Some(w.min(u64::from(u32::MAX)) as u32);
            }
            // "U+0078 (x): if width, density or future-compat-h are not absent, error; if the
            // value is not a valid floating-point number, error; if it is less than zero, error."
            "x" => {
                if width.is_some() || density.is_some() || height.is_some() {
                    return None;
                }
                let d = valid_floating_point_number(value).filter(|d| *d >= 0.0)?;
                density = Some(d);
            }
            // "U+0068 (h): if future-compat-h or density are not absent, error; a valid
            // non-negative integer greater than zero."
            "h" => {
                if height.is_some() || density.is_some() {
                    return None;
                }
                height = Some(valid_non_negative_integer(value).filter(|h| *h > 0)?);
            }
            _ => return None,
        }
    }
    // "If future-compat-h is not absent and width is absent, let error be yes."
    if height.is_some() && width.is_none() {
        return None;
    }
    Some(match (width, density) {
        (Some(w), _) => Descriptor::Width(w),
        (_, Some(d)) => Descriptor::Density(d),
        _ => Descriptor::None,
    })
}

/// What `sizes` says for one element: a length in CSS pixels, or `auto` (the rendered width,
/// for lazy images), with the 100vw default.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SourceSize {
    Length(f64),
    Auto,
}

/// <https://html.spec.whatwg.org/multipage/images.html#parse-a-sizes-attribute>
pub fn parse_sizes(input: &str, media_matches: &dyn Fn(&str) -> Option<bool>) -> SourceSize {
    // "Let unparsed sizes list be the result of parsing a comma-separated list of component
    // values from the value of element's sizes attribute."
    for unparsed in split_top_level_commas(input) {
        // "Remove all consecutive <whitespace-token>s from the end of unparsed size. If unparsed
        // size is now empty, that is a parse error; continue."
        let unparsed = unparsed.trim_end_matches(is_space);
        if Parser::new(unparsed).is_exhausted() {
            continue;
        }
        // "If the last component value in unparsed size is a valid non-negative
        // <source-size-value>, then set size to its value and remove the component value from
        // unparsed size. … Otherwise, there is a parse error; continue."
        let Some((size, rest)) = last_component_as_size(unparsed) else { continue };
        let rest = rest.trim_matches(is_space);
        // "If unparsed size is now empty: … if size is not auto, then return size."
        if Parser::new(rest).is_exhausted() {
            return size;
        }
        // "Parse the remaining component values in unparsed size as a <media-condition>. If it
        // does not parse correctly, or it does parse correctly but the <media-condition>
        // evaluates to false, continue."
        if !looks_like_media_condition(rest) || media_matches(rest) != Some(true) {
            continue;
        }
        return size;
    }
    // "Return 100vw."
    SourceSize::Length(f64::from(VIEWPORT_WIDTH))
}

/// A `<media-condition>` starts with `(`, `not`, or a function (general-enclosed); a media
/// type (`screen`) is a query, not a condition.
fn looks_like_media_condition(text: &str) -> bool {
    let mut parser = Parser::new(text);
    match parser.next() {
        Ok(Token::ParenthesisBlock) | Ok(Token::Function(_)) => true,
        Ok(Token::Ident(ident)) if ident.eq_ignore_ascii_case("not") => {
            matches!(parser.next(), Ok(Token::ParenthesisBlock) | Ok(Token::Function(_)))
        }
        _ => false,
    }
}

/// Splits at top-level commas (commas inside blocks stay), as "parse a comma-separated list of
/// component values" does; the pieces are raw text.
fn split_top_level_commas(input: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut parser = Parser::new(input);
    let mut start = parser.position();
    loop {
        let before = parser.position();
        match parser.next_including_whitespace_and_comments() {
            Ok(Token::Comma) => {
                pieces.push(parser.slice(start..before));
                start = parser.position();
            }
            Ok(_) => {}
            Err(_) => {
                pieces.push(parser.slice_from(start));
                break;
            }
        }
    }
    pieces
}

/// Takes the last component value of `text` as a `<source-size-value>`: the size and the text
/// before it.
fn last_component_as_size(text: &str) -> Option<(SourceSize, &str)> {
    let mut parser = Parser::new(text);
    let mut last_start = None;
    loop {
        let before = parser.position();
        match parser.next_including_whitespace_and_comments() {
            Ok(Token::WhiteSpace(_)) | Ok(Token::Comment(_)) => {}
            Ok(_) => last_start = Some(before),
            Err(_) => break,
        }
    }
    let last_start = last_start?;
    let (head, tail) = text.split_at(last_start.byte_index());
    let size = parse_source_size_value(tail)?;
    Some((size, head))
}

/// `<source-size-value> = <length> | auto`; a negative length is invalid, a math function
/// that comes out negative is clamped to zero.
fn parse_source_size_value(text: &str) -> Option<SourceSize> {
    let mut parser = Parser::new(text);
    let auto =
        parser.parse_entirely(|p| -> Result<(), cssparser::ParseError<()>> { Ok(p.expect_ident_matching("auto")?) });
    if auto.is_ok() {
        return Some(SourceSize::Auto);
    }
    match parse_length(text)? {
        (v, true) => Some(SourceSize::Length(v.max(0.0))),
        (v, false) if v >= 0.0 => Some(SourceSize::Length(v)),
        _ => None,
    }
}

/// A `<length>` in CSS pixels in the host's environment: a dimension, a unitless 0, or a math
/// function of lengths (`calc()`, `min()`, `max()`, `clamp()`); and whether it was a math
/// function. Media features (`dom::cssomview::mediaqueries`) read their lengths with it too.
pub(crate) fn parse_length(text: &str) -> Option<(f64, bool)> {
    let mut parser = Parser::new(text);
    let result = parser.parse_entirely(|p| -> Result<(f64, bool), cssparser::ParseError<()>> {
        let token = p.next()?.clone();
        match token {
            Token::Number { value: 0.0, .. } => Ok((0.0, false)),
            Token::Dimension { value, ref unit, .. } => absolute_length(f64::from(value), unit)
                .map(|v| (v, false))
                .ok_or_else(|| cssparser::ParseError::custom(())),
            Token::Function(ref name) if is_math_function(name) => {
                let name = name.clone();
                match p.parse_nested_block(|p| math_function(p, &name))? {
                    Calc::Length(v) if v.is_finite() => Ok((v, true)),
                    // `calc(0)` is taken as a zero length, as in Chromium.
                    Calc::Number(0.0) => Ok((0.0, true)),
                    _ => Err(cssparser::ParseError::custom(())),
                }
            }
            _ => Err(cssparser::ParseError::custom(())),
        }
    });
    result.ok()
}

fn is_math_function(name: &str) -> bool {
    ["calc", "min", "max", "clamp"].iter().any(|f| name.eq_ignore_ascii_case(f))
}

/// A length in CSS pixels for `value` `unit` in the host's environment.
fn absolute_length(value: f64, unit: &str) -> Option<f64> {
    let font = 16.0;
    let (vw, vh) = (f64::from(VIEWPORT_WIDTH) / 100.0, f64::from(VIEWPORT_HEIGHT) / 100.0);
    let factor = match unit.to_ascii_lowercase().as_str() {
        "px" => 1.0,
        "em" | "rem" => font,
        "ex" | "rex" | "ch" | "rch" => font / 2.0,
        "cap" | "rcap" => font * 0.7,
        "ic" | "ric" | "lh" | "rlh" => font,
        "vw" | "svw" | "lvw" | "dvw" | "vi" | "svi" | "lvi" | "dvi" => vw,
        "vh" | "svh" | "lvh" | "dvh" | "vb" | "svb" | "lvb" | "dvb" => vh,
        "vmin" | "svmin" | "lvmin" | "dvmin" => vw.min(vh),
        "vmax" | "svmax" | "lvmax" | "dvmax" => vw.max(vh),
        "cm" => 96.0 / 2.54,
        "mm" => 96.0 / 25.4,
        "q" => 96.0 / 101.6,
        "in" => 96.0,
        "pc" => 16.0,
        "pt" => 96.0 / 72.0,
        _ => return None,
    };
    Some(value * factor)
}

/// A math function's value: a length in CSS pixels or a plain number.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Calc {
    Length(f64),
    Number(f64),
}

type CalcResult<'i> = Result<Calc, cssparser::ParseError<()>>;

/// <https://drafts.csswg.org/css-values-4/#math>: `calc()`, `min()`, `max()` and `clamp()`
/// over lengths and numbers (percentages have no basis in `sizes` and are invalid).
fn math_function<'i>(p: &mut Parser<'i>, name: &str) -> CalcResult<'i> {
    if name.eq_ignore_ascii_case("calc") {
        return calc_sum(p);
    }
    let mut args = vec![calc_sum(p)?];
    while p.try_parse(|p| p.expect_comma()).is_ok() {
        args.push(calc_sum(p)?);
    }
    let kind_of = |c: &Calc| matches!(c, Calc::Length(_));
    let is_length = kind_of(&args[0]);
    if args.iter().any(|a| kind_of(a) != is_length) {
        return Err(cssparser::ParseError::custom(()));
    }
    let values: Vec<f64> = args
        .iter()
        .map(|a| match a {
            Calc::Length(v) | Calc::Number(v) => *v,
        })
        .collect();
    let value = if name.eq_ignore_ascii_case("min") {
        values.iter().copied().fold(f64::INFINITY, f64::min)
    } else if name.eq_ignore_ascii_case("max") {
        values.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    } else {
        // clamp(MIN, VAL, MAX) = max(MIN, min(VAL, MAX))
        if values.len() != 3 {
            return Err(cssparser::ParseError::custom(()));
        }
        values[0].max(values[1].min(values[2]))
    };
    Ok(if is_length { Calc::Length(value) } else { Calc::Number(value) })
}

fn calc_sum<'i>(p: &mut Parser<'i>) -> CalcResult<'i> {
    let mut left = calc_product(p)?;
    loop {
        let state = p.state();
        let sign = match p.next() {
            Ok(Token::Delim('+')) => 1.0,
            Ok(Token::Delim('-')) => -1.0,
            _ => {
                p.reset(&state);
                return Ok(left);
            }
        };
        let right = calc_product(p)?;
        left = match (left, right) {
            (Calc::Length(a), Calc::Length(b)) => Calc::Length(a + sign * b),
            (Calc::Number(a), Calc::Number(b)) => Calc::Number(a + sign * b),
            _ => return Err(cssparser::ParseError::custom(())),
        };
    }
}

fn calc_product<'i>(p: &mut Parser<'i>) -> CalcResult<'i> {
    let mut left = calc_value(p)?;
    loop {
        let state = p.state();
        let op = match p.next() {
            Ok(Token::Delim('*')) => '*',
            Ok(Token::Delim('/')) => '/',
            _ => {
                p.reset(&state);
                return Ok(left);
            }
        };
        let right = calc_value(p)?;
        left = match (op, left, right) {
            ('*', Calc::Length(a), Calc::Number(b)) | ('*', Calc::Number(b), Calc::Length(a)) => Calc::Length(a * b),
            ('*', Calc::Number(a), Calc::Number(b)) => Calc::Number(a * b),
            ('/', Calc::Length(a), Calc::Number(b)) => Calc::Length(a / b),
            ('/', Calc::Number(a), Calc::Number(b)) => Calc::Number(a / b),
            _ => return Err(cssparser::ParseError::custom(())),
        };
    }
}

fn calc_value<'i>(p: &mut Parser<'i>) -> CalcResult<'i> {
    let token = p.next()?.clone();
    match token {
        Token::Number { value, .. } => Ok(Calc::Number(f64::from(value))),
        Token::Dimension { value, ref unit, .. } => {
            absolute_length(f64::from(value), unit).map(Calc::Length).ok_or_else(|| cssparser::ParseError::custom(()))
        }
        Token::ParenthesisBlock => p.parse_nested_block(calc_sum),
        Token::Function(ref name) if is_math_function(name) => {
            let name = name.clone();
            p.parse_nested_block(|p| math_function(p, &name))
        }
        _ => Err(cssparser::ParseError::custom(())),
    }
}

/// <https://html.spec.whatwg.org/multipage/images.html#create-a-source-set>: the candidates of
/// `srcset`, the `src` fallback (density 1, when no candidate has density 1 or a width), then
/// "normalize the source densities".
pub fn create_source_set(srcset: &str, src: Option<&str>, size: SourceSize) -> SourceSet {
    let candidates = parse_srcset(srcset);
    let mut set = normalize(&candidates, size);
    // "If default source is not the empty string and source set does not contain an image
    // source with a pixel density descriptor value of 1, and no image source with a width
    // descriptor, append default source to source set."
    if let Some(src) = src.filter(|s| !s.is_empty()) {
        let has_width = candidates.iter().any(|c| matches!(c.descriptor, Descriptor::Width(_)));
        let has_one = set.sources.iter().any(|(_, d)| *d == 1.0);
        if !has_width && !has_one {
            set.sources.push((src.to_owned(), 1.0));
        }
    }
    set
}

/// <https://html.spec.whatwg.org/multipage/images.html#normalise-the-source-densities>: "If the
/// image source has a pixel density descriptor, continue. Otherwise, if it has a width
/// descriptor, replace it with a density descriptor of the width divided by the source size.
/// Otherwise give it a pixel density descriptor of 1x."
pub fn normalize(candidates: &[ImageCandidate], size: SourceSize) -> SourceSet {
    let size = match size {
        SourceSize::Length(v) => v,
        SourceSize::Auto => f64::from(VIEWPORT_WIDTH),
    };
    SourceSet {
        sources: candidates
            .iter()
            .map(|c| {
                let density = match c.descriptor {
                    Descriptor::Density(d) => d,
                    Descriptor::Width(w) => f64::from(w) / size,
                    Descriptor::None => 1.0,
                };
                (c.url.clone(), density)
            })
            .collect(),
    }
}

/// <https://html.spec.whatwg.org/multipage/images.html#select-an-image-source-from-a-source-set>:
/// "In an implementation-defined manner, choose one image source from source set." As Chromium
/// does: duplicates of a density keep the first, then, by increasing density, the first image
/// whose density reaches the device pixel ratio (`dpr`), preferring the lower one when the ratio
/// is below the geometric mean of two neighbours.
pub fn select(set: &SourceSet, dpr: f64) -> Option<(String, f64)> {
    let mut sources: Vec<&(String, f64)> = Vec::new();
    for source in &set.sources {
        if !sources.iter().any(|s| s.1 == source.1) {
            sources.push(source);
        }
    }
    sources.sort_by(|a, b| a.1.total_cmp(&b.1));
    let last = sources.len().checked_sub(1)?;
    let mut chosen = last;
    for i in 0..last {
        let (current, next) = (sources[i].1, sources[i + 1].1);
        if next < dpr {
            continue;
        }
        let geometric_mean = (current * next).sqrt();
        chosen = if (dpr <= 1.0 && dpr > current) || dpr >= geometric_mean { i + 1 } else { i };
        break;
    }
    let (url, density) = sources[chosen];
    Some((url.clone(), *density))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(input: &str) -> Vec<(String, Descriptor)> {
        parse_srcset(input).into_iter().map(|c| (c.url, c.descriptor)).collect()
    }

    #[test]
    fn srcset_candidates_and_descriptors() {
        assert_eq!(
            urls("a.png 1x, b.png 2x"),
            vec![("a.png".into(), Descriptor::Density(1.0)), ("b.png".into(), Descriptor::Density(2.0))]
        );
        assert_eq!(urls("a.png 100w 50h"), vec![("a.png".into(), Descriptor::Width(100))]);
        assert_eq!(
            urls("data:,a,, data:,b"),
            vec![("data:,a".into(), Descriptor::None), ("data:,b".into(), Descriptor::None)]
        );
        // Errors drop the candidate.
        assert!(urls("a.png 0w").is_empty());
        assert!(urls("a.png 1x 1x").is_empty());
        assert!(urls("a.png 10h").is_empty());
        assert!(urls("a.png -1x").is_empty());
        assert!(urls("a.png 1.x").is_empty());
        assert_eq!(urls("a.png foo(1 2) "), vec![]);
        assert_eq!(urls("a.png 9e99999x")[0].1, Descriptor::Density(f64::MAX));
    }

    #[test]
    fn sizes_lengths_conditions_and_fallback() {
        let never = |_: &str| Some(false);
        let always = |_: &str| Some(true);
        assert_eq!(parse_sizes("1px", &never), SourceSize::Length(1.0));
        assert_eq!(parse_sizes("(min-width: 10px) 5px, 2px", &never), SourceSize::Length(2.0));
        assert_eq!(parse_sizes("(min-width: 10px) 5px, 2px", &always), SourceSize::Length(5.0));
        assert_eq!(parse_sizes("(),1px", &always), SourceSize::Length(1.0));
        assert_eq!(parse_sizes("-1px", &never), SourceSize::Length(800.0));
        assert_eq!(parse_sizes("calc(1px + 2px)", &never), SourceSize::Length(3.0));
        assert_eq!(parse_sizes("min(-100px, 1px)", &never), SourceSize::Length(0.0));
        assert_eq!(parse_sizes("screen 1px, 2px", &always), SourceSize::Length(2.0));
        assert_eq!(parse_sizes("1px,(", &never), SourceSize::Length(1.0));
        assert_eq!(parse_sizes("/* */1px/* */", &never), SourceSize::Length(1.0));
        assert_eq!(parse_sizes("", &never), SourceSize::Length(800.0));
        assert_eq!(parse_sizes("1", &never), SourceSize::Length(800.0));
    }

    #[test]
    fn selection_by_density() {
        let set = create_source_set("a 1x, b 2x", Some("c"), SourceSize::Length(800.0));
        assert_eq!(select(&set, 1.0), Some(("a".into(), 1.0)));
        let set = create_source_set("a 2x", Some("c"), SourceSize::Length(800.0));
        assert_eq!(select(&set, 1.0), Some(("c".into(), 1.0)));
        let set = create_source_set("a 50w, b 51w", None, SourceSize::Length(1.0));
        assert_eq!(select(&set, 1.0).unwrap().0, "a");
        let set = create_source_set("a 300w, b 301w", None, SourceSize::Length(800.0));
        assert_eq!(select(&set, 1.0).unwrap().0, "b");
        assert_eq!(select(&SourceSet::default(), 1.0), None);
    }
}

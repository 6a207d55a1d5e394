//! The `@font-face` descriptor grammars `FontFace` parses its arguments and attributes
//! with (<https://drafts.csswg.org/css-fonts/#font-face-rule>), DOM-free: each parser
//! returns the value to keep, or `None` for a syntax error.

use canvas_traits::text::{FaceDescriptors, FontStretch, FontStyle};
use cssparser::{ParseError, Parser, Token};
use url::Url;

type Result<T> = std::result::Result<T, ParseError<()>>;

fn bad() -> ParseError<()> {
    ParseError::custom(())
}

fn invalid<T>() -> Result<T> {
    Err(bad())
}

/// Runs `parse` over the whole of `value` (leading and trailing white space allowed).
fn parse_all<T>(value: &str, parse: impl FnOnce(&mut Parser<'_>) -> Result<T>) -> Option<T> {
    let mut parser = Parser::new(value);
    parser.parse_entirely(parse).ok()
}

/// `font-style`: `normal | italic | oblique <angle [-90deg,90deg]>{0,2}` (`auto` too).
pub fn parse_style(value: &str) -> Option<FontStyle> {
    parse_all(value, |p| {
        let ident = p.expect_ident_cloned().map_err(|_| bad())?;
        match &*ident.to_ascii_lowercase() {
            "normal" | "auto" => Ok(FontStyle::Normal),
            "italic" => Ok(FontStyle::Italic),
            "oblique" => {
                for _ in 0..2 {
                    let angle = p.try_parse(|p| match *p.next()? {
                        Token::Dimension { value, ref unit, .. } => {
                            let degrees = match &*unit.to_ascii_lowercase() {
                                "deg" => value,
                                "grad" => value * 0.9,
                                "rad" => value.to_degrees(),
                                "turn" => value * 360.0,
                                _ => return Err(bad()),
                            };
                            Ok(degrees)
                        }
                        _ => Err(bad()),
                    });
                    match angle {
                        Ok(degrees) if (-90.0..=90.0).contains(&degrees) => {}
                        Ok(_) => return invalid(),
                        Err(_) => break,
                    }
                }
                Ok(FontStyle::Oblique)
            }
            _ => invalid(),
        }
    })
}

/// `font-weight`: `auto | normal | bold | <number [1,1000]>{1,2}`: a range.
pub fn parse_weight(value: &str) -> Option<(f32, f32)> {
    parse_all(value, |p| {
        if let Ok(ident) = p.try_parse(|p| p.expect_ident_cloned()) {
            return match &*ident.to_ascii_lowercase() {
                "normal" | "auto" => Ok((400.0, 400.0)),
                "bold" => Ok((700.0, 700.0)),
                _ => invalid(),
            };
        }
        let number = |p: &mut Parser<'_>| -> Result<f32> {
            match p.expect_number() {
                Ok(n) if (1.0..=1000.0).contains(&n) => Ok(n),
                _ => invalid(),
            }
        };
        let lo = number(p)?;
        let hi = p.try_parse(|p| number(p).map_err(|_| bad())).unwrap_or(lo);
        Ok(if lo <= hi { (lo, hi) } else { (hi, lo) })
    })
}

/// `font-stretch`: `auto | normal | <percentage [0,∞]>{1,2} | <keyword>{1,2}`: a range in percent.
pub fn parse_stretch(value: &str) -> Option<(f32, f32)> {
    parse_all(value, |p| {
        let one = |p: &mut Parser<'_>| -> Result<f32> {
            match p.next() {
                Ok(Token::Percentage { unit_value, .. }) if *unit_value >= 0.0 => Ok(unit_value * 100.0),
                Ok(Token::Ident(ident)) => {
                    let lower = ident.to_ascii_lowercase();
                    if lower == "auto" {
                        return Ok(100.0);
                    }
                    FontStretch::parse(&lower).map(FontStretch::percent).map_or_else(invalid, Ok)
                }
                _ => invalid(),
            }
        };
        let lo = one(p)?;
        let hi = p.try_parse(|p| one(p).map_err(|_| bad())).unwrap_or(lo);
        Ok(if lo <= hi { (lo, hi) } else { (hi, lo) })
    })
}

/// `unicode-range`: `<unicode-range-token>#`.
pub fn parse_unicode_range(value: &str) -> Option<()> {
    parse_all(value, |p| {
        p.parse_comma_separated(|p| cssparser::UnicodeRange::parse(p).map(|_| ()).map_err(|_| bad()))
            .map(|_| ())
            .map_err(|_| bad())
    })
}

/// `font-feature-settings`: `normal | [<string> [<integer [0,∞]> | on | off]?]#` (four-letter
/// ASCII tags).
pub fn parse_feature_settings(value: &str) -> Option<()> {
    parse_all(value, |p| {
        if p.try_parse(|p| p.expect_ident_matching("normal")).is_ok() {
            return Ok(());
        }
        p.parse_comma_separated(|p| {
            let tag = p.expect_string_cloned()?;
            if tag.len() != 4 || !tag.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
                return Err(bad());
            }
            let _ = p.try_parse(|p| match *p.next()? {
                Token::Number { int_value: Some(n), .. } if n >= 0 => Ok(()),
                Token::Ident(ref i) if i.eq_ignore_ascii_case("on") || i.eq_ignore_ascii_case("off") => Ok(()),
                _ => Err(bad()),
            });
            Ok(())
        })
        .map(|_| ())
        .map_err(|_| bad())
    })
}

/// `font-variation-settings`: `normal | [<string> <number>]#`.
pub fn parse_variation_settings(value: &str) -> Option<()> {
    parse_all(value, |p| {
        if p.try_parse(|p| p.expect_ident_matching("normal")).is_ok() {
            return Ok(());
        }
        p.parse_comma_separated(|p| {
            let tag = p.expect_string_cloned()?;
            if tag.len() != 4 {
                return Err(bad());
            }
            p.expect_number()?;
            Ok(())
        })
        .map(|_| ())
        .map_err(|_| bad())
    })
}

/// `font-display`: `auto | block | swap | fallback | optional`.
pub fn parse_display(value: &str) -> Option<()> {
    parse_all(value, |p| {
        let ident = p.expect_ident_cloned().map_err(|_| bad())?;
        match &*ident.to_ascii_lowercase() {
            "auto" | "block" | "swap" | "fallback" | "optional" => Ok(()),
            _ => invalid(),
        }
    })
}

/// `ascent-override`, `descent-override`, `line-gap-override`: `normal | <percentage [0,∞]>{1,2}`.
pub fn parse_metric_override(value: &str) -> Option<()> {
    parse_all(value, |p| {
        if p.try_parse(|p| p.expect_ident_matching("normal")).is_ok() {
            return Ok(());
        }
        for i in 0..2 {
            match p.try_parse(|p| p.expect_percentage()) {
                Ok(v) if v >= 0.0 => {}
                Ok(_) => return invalid(),
                Err(_) if i == 1 => break,
                Err(_) => return invalid(),
            }
        }
        Ok(())
    })
}

/// `font-family` in `@font-face`: one `<family-name>` (a string, or identifiers joined by a
/// space; generic keywords and CSS-wide keywords are not family names).
pub fn parse_family_name(value: &str) -> Option<String> {
    parse_all(value, |p| {
        if let Ok(s) = p.try_parse(|p| p.expect_string_cloned()) {
            return Ok(s.to_string());
        }
        let mut words = vec![p.expect_ident_cloned()?.to_string()];
        while let Ok(w) = p.try_parse(|p| p.expect_ident_cloned()) {
            words.push(w.to_string());
        }
        const RESERVED: [&str; 10] = [
            "inherit",
            "initial",
            "unset",
            "revert",
            "default",
            "serif",
            "sans-serif",
            "monospace",
            "cursive",
            "fantasy",
        ];
        if words.len() == 1 && RESERVED.iter().any(|k| words[0].eq_ignore_ascii_case(k)) {
            return invalid();
        }
        Ok(words.join(" "))
    })
}

/// The matching descriptors of a face, from its attribute values (each checked already).
pub fn face_descriptors(style: &str, weight: &str, stretch: &str) -> FaceDescriptors {
    FaceDescriptors {
        style: parse_style(style).unwrap_or_default(),
        weight: parse_weight(weight).unwrap_or((400.0, 400.0)),
        stretch: parse_stretch(stretch).unwrap_or((100.0, 100.0)),
    }
}

/// One entry of a `src` descriptor.
#[derive(Clone, Debug, PartialEq)]
pub enum FontSource {
    /// `url(…)` resolved against the base URL, with its `format()` hint if any.
    Url(Url, Option<String>),
    /// `local(…)`: a font installed on the system, by full name.
    Local(String),
}

/// `src`: `[ <url> [format(<string>#)]? [tech(…)]? | local(<family-name>) ]#`, URLs resolved
/// against `base`. `None` for a syntax error (or a URL that does not resolve).
pub fn parse_src(value: &str, base: &Url) -> Option<Vec<FontSource>> {
    parse_all(value, |p| {
        p.parse_comma_separated(|p| {
            if let Ok(url) = p.try_parse(|p| p.expect_url_or_string().map(|u| u.to_string())) {
                let url = base.join(&url).map_err(|_| bad())?;
                let mut format = None;
                while let Ok(name) = p.try_parse(|p| p.expect_function().map(|f| f.to_ascii_lowercase())) {
                    let inner = p.parse_nested_block(|p| {
                        let mut first = None;
                        while !p.is_exhausted() {
                            match p.next()?.clone() {
                                Token::QuotedString(s) | Token::Ident(s) if first.is_none() => {
                                    first = Some(s.to_string())
                                }
                                _ => {}
                            }
                        }
                        Ok::<_, ParseError<()>>(first)
                    })?;
                    if name == "format" {
                        format = inner;
                    }
                }
                return Ok(FontSource::Url(url, format));
            }
            p.expect_function_matching("local")?;
            let name = p.parse_nested_block(|p| {
                if let Ok(s) = p.try_parse(|p| p.expect_string_cloned()) {
                    return Ok(s.to_string());
                }
                let mut words = vec![p.expect_ident_cloned()?.to_string()];
                while let Ok(w) = p.try_parse(|p| p.expect_ident_cloned()) {
                    words.push(w.to_string());
                }
                Ok::<_, ParseError<()>>(words.join(" "))
            })?;
            Ok(FontSource::Local(name))
        })
        .map_err(|_| bad())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors() {
        assert_eq!(parse_style("italic"), Some(FontStyle::Italic));
        assert_eq!(parse_style("oblique 10deg 20deg"), Some(FontStyle::Oblique));
        assert_eq!(parse_style("oblique 100deg"), None);
        assert_eq!(parse_style("bold"), None);
        assert_eq!(parse_weight("bold"), Some((700.0, 700.0)));
        assert_eq!(parse_weight("700 300"), Some((300.0, 700.0)));
        assert_eq!(parse_weight("bolder"), None);
        assert_eq!(parse_weight("0"), None);
        assert_eq!(parse_stretch("condensed expanded"), Some((75.0, 125.0)));
        assert_eq!(parse_stretch("50%"), Some((50.0, 50.0)));
        assert_eq!(parse_stretch("-5%"), None);
        assert!(parse_unicode_range("U+0-7F, U+4??").is_some());
        assert!(parse_unicode_range("A-Z").is_none());
        assert!(parse_feature_settings("\"liga\" 0, \"kern\"").is_some());
        assert!(parse_feature_settings("liga").is_none());
        assert!(parse_display("swap").is_some());
        assert!(parse_display("sometimes").is_none());
        assert!(parse_metric_override("90%").is_some());
        assert!(parse_metric_override("-1%").is_none());
    }

    #[test]
    fn family_names() {
        assert_eq!(parse_family_name("\"My Font\"").as_deref(), Some("My Font"));
        assert_eq!(parse_family_name("My   Font").as_deref(), Some("My Font"));
        assert_eq!(parse_family_name("serif"), None);
        assert_eq!(parse_family_name("a, b"), None);
    }

    #[test]
    fn src_lists() {
        let base = Url::parse("http://example.com/dir/page.html").unwrap();
        let src = parse_src("url('/fonts/A.ttf') format('truetype'), local(Open Sans), url(b.woff)", &base).unwrap();
        assert_eq!(
            src,
            vec![
                FontSource::Url(Url::parse("http://example.com/fonts/A.ttf").unwrap(), Some("truetype".into())),
                FontSource::Local("Open Sans".into()),
                FontSource::Url(Url::parse("http://example.com/dir/b.woff").unwrap(), None),
            ]
        );
        assert_eq!(parse_src("nonsense", &base), None);
        assert_eq!(parse_src("", &base), None);
    }
}

//! Reflecting content attributes in IDL attributes
//! (<https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#reflecting-content-attributes-in-idl-attributes>):
//! macros that write the getter/setter pair of a reflected attribute inside an element's
//! `…Methods` impl, and the HTML integer parsing rules they use.
//!
//! Each macro takes the Rust names of the getter and setter, the content attribute's name and the
//! spec URL of the IDL attribute (it becomes the methods' doc link). The element type must
//! upcast to `HTMLElement`.

/// A `crossorigin` CORS settings attribute reflected as a nullable IDL attribute
/// (<https://html.spec.whatwg.org/multipage/urls-and-fetching.html#cors-settings-attributes>):
/// null when absent, otherwise limited to the known values "anonymous" (also for the empty
/// and invalid values) and "use-credentials".
pub fn cors_settings_attribute(
    element: &crate::dom::dom::element::Element,
) -> Option<crate::dom::bindings::str::DOMString> {
    let value = element.get_attribute_value("crossorigin")?;
    Some(if value.eq_ignore_ascii_case("use-credentials") { "use-credentials".into() } else { "anonymous".into() })
}

/// Sets a reflected nullable `crossorigin` attribute: null removes the content attribute.
pub fn set_cors_settings_attribute(
    cx: &mut mozjs::context::JSContext,
    element: &crate::dom::dom::element::Element,
    value: Option<crate::dom::bindings::str::DOMString>,
) {
    match value {
        Some(v) => element.set_attribute_value(cx, "crossorigin", v.into()),
        None => element.remove_attribute_named(cx, None, "crossorigin"),
    }
}

/// The "rules for parsing integers"
/// (<https://html.spec.whatwg.org/multipage/common-microsyntaxes.html#rules-for-parsing-integers>):
/// skip ASCII whitespace, an optional sign, then at least one ASCII digit; the rest is ignored.
pub fn parse_integer(input: &str) -> Option<i64> {
    let s = input.trim_start_matches([' ', '\t', '\n', '\u{c}', '\r']);
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let digits: &str = &s[..s.bytes().take_while(u8::is_ascii_digit).count()];
    if digits.is_empty() {
        return None;
    }
    // Values too large for i64 are out of every reflected range anyway.
    let value: i64 = digits.parse().unwrap_or(i64::MAX);
    Some(if negative { -value } else { value })
}

/// The "rules for parsing non-negative integers": an integer that is not negative.
pub fn parse_non_negative_integer(input: &str) -> Option<i64> {
    parse_integer(input).filter(|v| *v >= 0)
}

/// The "rules for parsing floating-point number values"
/// (<https://html.spec.whatwg.org/multipage/common-microsyntaxes.html#rules-for-parsing-floating-point-number-values>):
/// skip ASCII whitespace, an optional sign, digits with an optional fraction (or a fraction
/// alone), an optional exponent; whatever follows is ignored. `None` is the algorithm's error.
pub fn parse_float_value(input: &str) -> Option<f64> {
    let s = input.trim_start_matches([' ', '\t', '\n', '\u{c}', '\r']).as_bytes();
    let mut i = 0;
    let mut text = String::new();
    if let Some(&sign) = s.first().filter(|c| **c == b'-' || **c == b'+') {
        if sign == b'-' {
            text.push('-');
        }
        i += 1;
    }
    let digits = |from: usize| s[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let int_len = digits(i);
    // "If the character indicated by position is a U+002E FULL STOP (.), and that is not the
    // last character in input, and the character after the character indicated by position is
    // an ASCII digit, then set value to zero and jump to the step labeled fraction."
    let fraction_next = s.get(i + int_len) == Some(&b'.') && s.get(i + int_len + 1).is_some_and(u8::is_ascii_digit);
    if int_len == 0 && !fraction_next {
        return None;
    }
    text.push_str(std::str::from_utf8(&s[i..i + int_len]).ok()?);
    i += int_len;
    if fraction_next {
        let frac_len = digits(i + 1);
        text.push_str(std::str::from_utf8(&s[i..i + 1 + frac_len]).ok()?);
        i += 1 + frac_len;
    }
    if text.is_empty() || text == "-" {
        text.push('0');
    }
    // "If the character indicated by position is U+0065 (e) or U+0045 (E)": an exponent with an
    // optional sign; without digits after it, the exponent is ignored.
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        let mut exponent = String::from("e");
        if let Some(&sign) = s.get(j).filter(|c| **c == b'-' || **c == b'+') {
            exponent.push(sign as char);
            j += 1;
        }
        let exp_len = digits(j);
        if exp_len > 0 {
            exponent.push_str(std::str::from_utf8(&s[j..j + exp_len]).ok()?);
            text.push_str(&exponent);
        }
    }
    // "Conversion: … If value is outside the range of doubles, return an error"; −0 is 0.
    let value: f64 = text.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    Some(if value == 0.0 { 0.0 } else { value })
}

/// A reflected `DOMString` attribute.
macro_rules! reflect_string {
    ($get:ident, $set:ident, $attr:literal, $url:literal) => {
        #[doc = concat!("<", $url, ">")]
        fn $get(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::DOMString {
            use crate::dom::bindings::inheritance::Castable;
            self.upcast::<crate::dom::html::htmlelement::HTMLElement>().get_string_attribute($attr)
        }
        #[doc = concat!("<", $url, ">")]
        fn $set(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::DOMString) {
            use crate::dom::bindings::inheritance::Castable;
            self.upcast::<crate::dom::html::htmlelement::HTMLElement>().set_string_attribute(cx, $attr, value)
        }
    };
}

/// A reflected `boolean` attribute: true when the content attribute is present.
macro_rules! reflect_bool {
    ($get:ident, $set:ident, $attr:literal, $url:literal) => {
        #[doc = concat!("<", $url, ">")]
        fn $get(&self, _cx: &mut mozjs::context::JSContext) -> bool {
            use crate::dom::bindings::inheritance::Castable;
            self.upcast::<crate::dom::html::htmlelement::HTMLElement>().get_bool_attribute($attr)
        }
        #[doc = concat!("<", $url, ">")]
        fn $set(&self, cx: &mut mozjs::context::JSContext, value: bool) {
            use crate::dom::bindings::inheritance::Castable;
            self.upcast::<crate::dom::html::htmlelement::HTMLElement>().set_bool_attribute(cx, $attr, value)
        }
    };
}

/// A reflected `USVString` attribute holding a URL: resolved against the document's URL.
macro_rules! reflect_url {
    ($get:ident, $set:ident, $attr:literal, $url:literal) => {
        #[doc = concat!("<", $url, ">")]
        fn $get(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::str::USVString {
            use crate::dom::bindings::inheritance::Castable;
            self.upcast::<crate::dom::html::htmlelement::HTMLElement>().get_url_attribute($attr)
        }
        #[doc = concat!("<", $url, ">")]
        fn $set(&self, cx: &mut mozjs::context::JSContext, value: crate::dom::bindings::str::USVString) {
            use crate::dom::bindings::inheritance::Castable;
            self.upcast::<crate::dom::html::htmlelement::HTMLElement>().set_string_attribute(cx, $attr, value.0.into())
        }
    };
}

/// A reflected `unsigned long` attribute with a default; `nonzero` makes it "limited to only
/// positive numbers" (0 reads as the default too).
macro_rules! reflect_unsigned {
    ($get:ident, $set:ident, $attr:literal, $default:expr, $nonzero:expr, $url:literal) => {
        #[doc = concat!("<", $url, ">")]
        fn $get(&self, _cx: &mut mozjs::context::JSContext) -> u32 {
            use crate::dom::bindings::inheritance::Castable;
            let element = self.upcast::<crate::dom::dom::element::Element>();
            let minimum = if $nonzero { 1 } else { 0 };
            element
                .get_attribute_value($attr)
                .and_then(|v| crate::dom::html::reflect::parse_non_negative_integer(&v))
                .filter(|v| *v >= minimum && *v <= i32::MAX as i64)
                .map(|v| v as u32)
                .unwrap_or($default)
        }
        #[doc = concat!("<", $url, ">")]
        fn $set(&self, cx: &mut mozjs::context::JSContext, value: u32) {
            use crate::dom::bindings::inheritance::Castable;
            // "If the given value is in the range 0 (1 when limited to positive numbers) to
            // 2147483647, set the content attribute to it; otherwise to the default."
            let minimum = if $nonzero { 1 } else { 0 };
            let value = if value >= minimum && value <= i32::MAX as u32 { value } else { $default };
            self.upcast::<crate::dom::dom::element::Element>().set_attribute_value(cx, $attr, value.to_string());
        }
    };
}

/// A reflected `unsigned long` attribute "clamped to the range [min, max]" with a default: a value
/// that parses as a non-negative integer is clamped into the range; anything else reads as the
/// default. Setting is the plain `unsigned long` rule (0 to 2147483647, else the default).
macro_rules! reflect_clamped_unsigned {
    ($get:ident, $set:ident, $attr:literal, $default:expr, $min:expr, $max:expr, $url:literal) => {
        #[doc = concat!("<", $url, ">")]
        fn $get(&self, _cx: &mut mozjs::context::JSContext) -> u32 {
            use crate::dom::bindings::inheritance::Castable;
            self.upcast::<crate::dom::dom::element::Element>()
                .get_attribute_value($attr)
                .and_then(|v| crate::dom::html::reflect::parse_non_negative_integer(&v))
                .map(|v| v.clamp($min, $max) as u32)
                .unwrap_or($default)
        }
        #[doc = concat!("<", $url, ">")]
        fn $set(&self, cx: &mut mozjs::context::JSContext, value: u32) {
            use crate::dom::bindings::inheritance::Castable;
            let value = if value <= i32::MAX as u32 { value } else { $default };
            self.upcast::<crate::dom::dom::element::Element>().set_attribute_value(cx, $attr, value.to_string());
        }
    };
}

/// A reflected `[Throws] long` attribute "limited to only non-negative numbers" (maxLength,
/// minLength): -1 when absent or invalid; setting a negative value throws "IndexSizeError".
macro_rules! reflect_non_negative_long {
    ($get:ident, $set:ident, $attr:literal, $url:literal) => {
        #[doc = concat!("<", $url, ">")]
        fn $get(&self, _cx: &mut mozjs::context::JSContext) -> crate::dom::bindings::error::Fallible<i32> {
            use crate::dom::bindings::inheritance::Castable;
            Ok(self
                .upcast::<crate::dom::dom::element::Element>()
                .get_attribute_value($attr)
                .and_then(|v| crate::dom::html::reflect::parse_non_negative_integer(&v))
                .filter(|v| *v <= i32::MAX as i64)
                .map(|v| v as i32)
                .unwrap_or(-1))
        }
        #[doc = concat!("<", $url, ">")]
        fn $set(&self, cx: &mut mozjs::context::JSContext, value: i32) -> crate::dom::bindings::error::ErrorResult {
            use crate::dom::bindings::inheritance::Castable;
            // "If the given value is negative, throw an "IndexSizeError" DOMException."
            if value < 0 {
                return Err(crate::dom::bindings::error::Error::IndexSize(format!(
                    "The value provided ({value}) is negative."
                )));
            }
            self.upcast::<crate::dom::dom::element::Element>().set_attribute_value(cx, $attr, value.to_string());
            Ok(())
        }
    };
}

pub(crate) use {
    reflect_bool, reflect_clamped_unsigned, reflect_non_negative_long, reflect_string, reflect_unsigned, reflect_url,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_parse_by_the_html_rules() {
        assert_eq!(parse_integer("  42px"), Some(42));
        assert_eq!(parse_integer("-7"), Some(-7));
        assert_eq!(parse_integer("+3"), Some(3));
        assert_eq!(parse_integer("x1"), None);
        assert_eq!(parse_integer(""), None);
        assert_eq!(parse_non_negative_integer("-1"), None);
        assert_eq!(parse_non_negative_integer("0"), Some(0));
    }

    #[test]
    fn floats_parse_by_the_html_rules() {
        assert_eq!(parse_float_value(" 1.5px"), Some(1.5));
        assert_eq!(parse_float_value(".5"), Some(0.5));
        assert_eq!(parse_float_value("+2e1"), Some(20.0));
        assert_eq!(parse_float_value("3e"), Some(3.0));
        assert_eq!(parse_float_value("-0"), Some(0.0));
        assert_eq!(parse_float_value("1e999"), None);
        assert_eq!(parse_float_value("."), None);
        assert_eq!(parse_float_value("x"), None);
        assert_eq!(parse_float_value("5."), Some(5.0));
    }
}

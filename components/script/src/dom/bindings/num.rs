//! Restricted floating-point values (WebIDL `float`/`double`), and numbers as JavaScript prints
//! them (console output, reflected attributes, form control values).

use std::ops::Deref;

/// A finite floating-point value (not NaN, not ±Infinity).
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Finite<T>(T);

impl Finite<f64> {
    pub fn new(value: f64) -> Option<Self> {
        value.is_finite().then_some(Finite(value))
    }
    /// Panics (debug) on a non-finite value: for values computed from finite inputs.
    pub fn wrap(value: f64) -> Self {
        debug_assert!(value.is_finite(), "Finite::wrap({value})");
        Finite(if value.is_finite() { value } else { 0.0 })
    }
}

impl Finite<f32> {
    pub fn new(value: f32) -> Option<Self> {
        value.is_finite().then_some(Finite(value))
    }
    pub fn wrap(value: f32) -> Self {
        debug_assert!(value.is_finite(), "Finite::wrap({value})");
        Finite(if value.is_finite() { value } else { 0.0 })
    }
}

impl<T> Deref for Finite<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

// SAFETY: a `Finite` wraps a number, so it holds no GC thing, so tracing nothing is complete.
unsafe impl<T> crate::dom::bindings::trace::JSTraceable for Finite<T> {
    unsafe fn trace(&self, _: *mut mozjs::jsapi::JSTracer) {}
}

/// Number::toString (<https://tc39.es/ecma262/#sec-numeric-types-number-tostring>) with radix 10,
/// except that -0 shows as "-0" as in Chrome's console. Rust's `{:e}` gives the shortest digits
/// that round-trip (the spec's k digits s and exponent n); the layout below is the spec's.
pub fn number_to_string(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let sci = format!("{:e}", x.abs());
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i64;
    // n such that the value is 0.digits × 10^n.
    let n = exponent.parse::<i64>().unwrap_or(0) + 1;
    let body = if k <= n && n <= 21 {
        // "the k digits of s followed by n - k occurrences of 0"
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        // "the most significant n digits of s, then '.', then the remaining k - n digits"
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        // "'0.', then -n occurrences of 0, then the k digits of s"
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        // Exponential form: "e", then "+" or "-", then abs(n - 1).
        let e = n - 1;
        let e_sign = if e >= 0 { '+' } else { '-' };
        if k == 1 {
            format!("{digits}e{e_sign}{}", e.abs())
        } else {
            format!("{}.{}e{e_sign}{}", &digits[..1], &digits[1..], e.abs())
        }
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::number_to_string;

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        for (n, text) in [
            (1e19, "10000000000000000000"),
            (1e21, "1e+21"),
            (1.5e300, "1.5e+300"),
            (1e-7, "1e-7"),
            (1.25e-7, "1.25e-7"),
            (0.000001, "0.000001"),
            (0.1 + 0.2, "0.30000000000000004"),
            (123.456, "123.456"),
            (-42.0, "-42"),
            (-0.0, "-0"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (9007199254740993.0, "9007199254740992"),
        ] {
            assert_eq!(number_to_string(n), text, "{n:?}");
        }
    }
}

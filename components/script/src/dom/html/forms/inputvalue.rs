//! The input element's type-specific value rules, as plain functions
//! (<https://html.spec.whatwg.org/multipage/input.html#the-input-element>): the type keyword,
//! value sanitization, numbers and dates, and stepping. No DOM here.

use crate::dom::bindings::num::number_to_string;

/// The `type` attribute's keyword (<https://html.spec.whatwg.org/multipage/input.html#attr-input-type>):
/// an unknown or missing value is the Text state.
pub fn type_keyword(attribute: Option<&str>) -> &'static str {
    const TYPES: [&str; 22] = [
        "hidden",
        "text",
        "search",
        "tel",
        "url",
        "email",
        "password",
        "date",
        "month",
        "week",
        "time",
        "datetime-local",
        "number",
        "range",
        "color",
        "checkbox",
        "radio",
        "file",
        "submit",
        "image",
        "reset",
        "button",
    ];
    let Some(value) = attribute else { return "text" };
    let lower = value.to_ascii_lowercase();
    TYPES.iter().find(|t| **t == lower).copied().unwrap_or("text")
}

/// The `value` IDL attribute's mode (<https://html.spec.whatwg.org/multipage/input.html#dom-input-value>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueMode {
    Value,
    Default,
    DefaultOn,
    Filename,
}

pub fn value_mode(kind: &str) -> ValueMode {
    match kind {
        "hidden" | "submit" | "image" | "reset" | "button" => ValueMode::Default,
        "checkbox" | "radio" => ValueMode::DefaultOn,
        "file" => ValueMode::Filename,
        _ => ValueMode::Value,
    }
}

/// <https://html.spec.whatwg.org/multipage/common-microsyntaxes.html#rules-for-parsing-floating-point-number-values>
/// for a string that must be a *valid* floating-point number
/// (<https://html.spec.whatwg.org/multipage/common-microsyntaxes.html#valid-floating-point-number>):
/// optional "-", digits and/or "." digits, optional exponent; nothing else.
pub fn parse_valid_float(s: &str) -> Option<f64> {
    let bytes = s.as_bytes();
    let mut i = 0;
    if bytes.first() == Some(&b'-') {
        i += 1;
    }
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - start;
        if frac_digits == 0 {
            return None;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// "The best representation of the number n as a floating-point number" (JavaScript's ToString).
pub fn float_to_string(n: f64) -> String {
    number_to_string(if n == 0.0 { 0.0 } else { n })
}

fn strip_newlines(s: &str) -> String {
    s.chars().filter(|c| *c != '\n' && *c != '\r').collect()
}

fn trim_ascii_whitespace(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\u{c}', '\r'])
}

/// The numeric constraints of a number or range input.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// The allowed value step; `None` for `step="any"`.
    pub step: Option<f64>,
    pub step_base: f64,
}

impl Range {
    /// The constraints from the attributes, with the defaults of `kind` ("number" or "range").
    pub fn new(
        kind: &str,
        min: Option<&str>,
        max: Option<&str>,
        step: Option<&str>,
        value_attr: Option<&str>,
    ) -> Range {
        let range = kind == "range";
        let parsed_min = min.and_then(parse_valid_float);
        let parsed_max = max.and_then(parse_valid_float);
        // Range: default minimum 0, default maximum 100; a maximum below the minimum is the minimum.
        let min = parsed_min.or(range.then_some(0.0));
        let mut max = parsed_max.or(range.then_some(100.0));
        if range
            && let (Some(lo), Some(hi)) = (min, max)
            && hi < lo
        {
            max = Some(lo);
        }
        // <https://html.spec.whatwg.org/multipage/input.html#concept-input-step>: the default
        // step is 1 for both; "any" means no allowed value step; an invalid or non-positive
        // value is the default.
        let step = match step {
            Some(s) if s.eq_ignore_ascii_case("any") => None,
            Some(s) => Some(parse_valid_float(s).filter(|v| *v > 0.0).unwrap_or(1.0)),
            None => Some(1.0),
        };
        // <https://html.spec.whatwg.org/multipage/input.html#concept-input-min-zero>: the step base
        // is the minimum if valid, else the value attribute if valid, else the default step base (0).
        let step_base = parsed_min.or_else(|| value_attr.and_then(parse_valid_float)).unwrap_or(0.0);
        Range { min, max, step, step_base }
    }

    /// The range input's default value: the minimum plus half the distance to the maximum.
    pub fn default_value(&self) -> f64 {
        let (lo, hi) = (self.min.unwrap_or(0.0), self.max.unwrap_or(100.0));
        if hi < lo { lo } else { lo + (hi - lo) / 2.0 }
    }

    /// The range input's sanitization (<https://html.spec.whatwg.org/multipage/input.html#range-state-(type=range)>):
    /// clamp to the range, then to the nearest allowed step (ties upwards), staying inside.
    pub fn sanitize_range(&self, value: f64) -> f64 {
        let (lo, hi) = (self.min.unwrap_or(0.0), self.max.unwrap_or(100.0));
        let mut v = value.clamp(lo, hi);
        if let Some(step) = self.step {
            let n = ((v - self.step_base) / step + 0.5).floor();
            let mut snapped = self.step_base + n * step;
            if snapped > hi {
                snapped -= step;
            }
            if snapped < lo {
                snapped += step;
            }
            if snapped >= lo && snapped <= hi {
                v = snapped;
            }
        }
        tidy(v)
    }
}

/// The value sanitization algorithm of `kind` (<https://html.spec.whatwg.org/multipage/input.html#value-sanitization-algorithm>).
/// `range` gives the constraints of number and range inputs.
pub fn sanitize(kind: &str, value: &str, range: &Range) -> String {
    match kind {
        "text" | "search" | "tel" | "password" => strip_newlines(value),
        "url" => trim_ascii_whitespace(&strip_newlines(value)).to_owned(),
        "email" => trim_ascii_whitespace(&strip_newlines(value)).to_owned(),
        "number" => {
            if parse_valid_float(value).is_some() {
                value.to_owned()
            } else {
                String::new()
            }
        }
        "range" => {
            let v = parse_valid_float(value).unwrap_or_else(|| range.default_value());
            float_to_string(range.sanitize_range(v))
        }
        "color" => {
            let ok = value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit());
            if ok { value.to_ascii_lowercase() } else { "#000000".into() }
        }
        "date" => {
            if parse_date(value).is_some() {
                value.to_owned()
            } else {
                String::new()
            }
        }
        "time" => {
            if parse_time(value).is_some() {
                value.to_owned()
            } else {
                String::new()
            }
        }
        // FIXME: month, week and datetime-local values are kept as given (not validated).
        _ => value.to_owned(),
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap { 29 } else { 28 }
        }
    }
}

/// A valid date string (<https://html.spec.whatwg.org/multipage/common-microsyntaxes.html#valid-date-string>):
/// `YYYY-MM-DD` with a year of four or more digits, greater than zero.
pub fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() < 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    if !(y.bytes().all(|b| b.is_ascii_digit())
        && m.bytes().all(|b| b.is_ascii_digit())
        && d.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (year, month, day): (i64, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if year == 0 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some((year, month, day))
}

/// A valid time string (<https://html.spec.whatwg.org/multipage/common-microsyntaxes.html#valid-time-string>):
/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.s{1,3}`; milliseconds since midnight.
pub fn parse_time(s: &str) -> Option<f64> {
    let two = |t: &str, max: u32| -> Option<u32> {
        (t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten().filter(|v| *v <= max)
    };
    let mut parts = s.split(':');
    let h = two(parts.next()?, 23)?;
    let m = two(parts.next()?, 59)?;
    let mut ms = f64::from(h * 3600 + m * 60) * 1000.0;
    if let Some(sec) = parts.next() {
        let (whole, frac) = sec.split_once('.').map_or((sec, None), |(a, b)| (a, Some(b)));
        ms += f64::from(two(whole, 59)?) * 1000.0;
        if let Some(frac) = frac {
            if frac.is_empty() || frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            ms += format!("0.{frac}").parse::<f64>().ok()? * 1000.0;
        }
    }
    if parts.next().is_some() {
        return None;
    }
    Some(ms)
}

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date of a day count from 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// valueAsNumber's reading (<https://html.spec.whatwg.org/multipage/input.html#dom-input-valueasnumber>):
/// `None` when the type has no numeric value, NaN when the value does not parse.
pub fn value_as_number(kind: &str, value: &str) -> Option<f64> {
    match kind {
        "number" | "range" => Some(parse_valid_float(value).unwrap_or(f64::NAN)),
        "date" => Some(parse_date(value).map_or(f64::NAN, |(y, m, d)| days_from_civil(y, m, d) as f64 * 86_400_000.0)),
        "time" => Some(parse_time(value).unwrap_or(f64::NAN)),
        _ => None,
    }
}

/// The string a numeric value is written back as for `kind` (valueAsNumber's setter, stepping).
pub fn number_to_value(kind: &str, n: f64) -> String {
    match kind {
        "date" => {
            let (y, m, d) = civil_from_days((n / 86_400_000.0).floor() as i64);
            format!("{y:04}-{m:02}-{d:02}")
        }
        "time" => {
            let ms = n.rem_euclid(86_400_000.0);
            let (h, rest) = ((ms / 3_600_000.0).floor(), ms % 3_600_000.0);
            let (m, rest) = ((rest / 60_000.0).floor(), rest % 60_000.0);
            let (s, milli) = ((rest / 1000.0).floor(), (rest % 1000.0).round());
            if milli > 0.0 {
                format!("{h:02}:{m:02}:{s:02}.{milli:03}")
            } else if s > 0.0 {
                format!("{h:02}:{m:02}:{s:02}")
            } else {
                format!("{h:02}:{m:02}")
            }
        }
        _ => float_to_string(n),
    }
}

/// stepUp()/stepDown() on a number or range value
/// (<https://html.spec.whatwg.org/multipage/input.html#dom-input-stepup>), steps 5–10: the new
/// value, or `None` when the value must not change.
pub fn step(value: f64, n: i32, up: bool, range: &Range, step: f64) -> Option<f64> {
    // 5–6. Let value be the element's value parsed (0 if it does not parse); remember it.
    let before = value;
    let mut value = value;
    let offset = (value - range.step_base) / step;
    // 7. "If value subtracted from the step base is not an integral multiple of the allowed value
    //    step, then set value to the nearest value that … is an integral multiple of the allowed
    //    value step, and that is less than value if the method invoked was stepDown() and more
    //    than value otherwise." Otherwise add n × step (negated for stepDown()).
    if (offset - offset.round()).abs() > 1e-9 {
        value = range.step_base + if up { offset.ceil() } else { offset.floor() } * step;
    } else {
        let delta = step * f64::from(n);
        value += if up { delta } else { -delta };
    }
    // 8–9. Clamp to the minimum and maximum, staying on a step.
    if let Some(min) = range.min
        && value < min
    {
        value = range.step_base + ((min - range.step_base) / step).ceil() * step;
    }
    if let Some(max) = range.max
        && value > max
    {
        value = range.step_base + ((max - range.step_base) / step).floor() * step;
    }
    // 10. "If either the method invoked was stepDown() and valueBeforeStepping is less than value,
    //     or the method invoked was stepUp() and valueBeforeStepping is greater than value, return."
    if (!up && before < value) || (up && before > value) {
        return None;
    }
    Some(tidy(value))
}

/// Removes the binary noise of step arithmetic (0.1 × 3 = 0.30000000000000004), so a step-aligned
/// value reads as its decimal (browsers step in decimal arithmetic).
fn tidy(value: f64) -> f64 {
    if value.abs() >= 1e9 { value } else { (value * 1e12).round() / 1e12 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_keywords_and_modes() {
        assert_eq!(type_keyword(Some("CHECKBOX")), "checkbox");
        assert_eq!(type_keyword(Some("bogus")), "text");
        assert_eq!(type_keyword(None), "text");
        assert_eq!(value_mode("checkbox"), ValueMode::DefaultOn);
        assert_eq!(value_mode("number"), ValueMode::Value);
    }

    #[test]
    fn floats_must_be_valid() {
        assert_eq!(parse_valid_float("1.5"), Some(1.5));
        assert_eq!(parse_valid_float("-.5"), Some(-0.5));
        assert_eq!(parse_valid_float("1e3"), Some(1000.0));
        assert_eq!(parse_valid_float("+1"), None);
        assert_eq!(parse_valid_float("1."), None);
        assert_eq!(parse_valid_float(" 1"), None);
        assert_eq!(parse_valid_float("abc"), None);
    }

    #[test]
    fn sanitization_per_type() {
        let r = Range::new("range", None, None, None, None);
        assert_eq!(sanitize("range", "", &r), "50");
        assert_eq!(sanitize("range", "150", &r), "100");
        assert_eq!(sanitize("range", "3.7", &r), "4");
        let r = Range::new("range", Some("0"), Some("1"), Some("0.1"), None);
        assert_eq!(sanitize("range", "0.25", &r), "0.3");
        assert_eq!(sanitize("number", "12a", &r), "");
        assert_eq!(sanitize("color", "#ABCDEF", &r), "#abcdef");
        assert_eq!(sanitize("color", "red", &r), "#000000");
        assert_eq!(sanitize("text", "a\nb", &r), "ab");
        assert_eq!(sanitize("email", "  a@b.c ", &r), "a@b.c");
        assert_eq!(sanitize("date", "2024-02-30", &r), "");
        assert_eq!(sanitize("date", "2024-02-29", &r), "2024-02-29");
    }

    #[test]
    fn dates_and_times_convert() {
        assert_eq!(value_as_number("date", "1970-01-02"), Some(86_400_000.0));
        assert_eq!(number_to_value("date", 86_400_000.0 * 365.0), "1971-01-01");
        assert_eq!(value_as_number("time", "01:00"), Some(3_600_000.0));
        assert_eq!(number_to_value("time", 3_723_000.0), "01:02:03");
        assert!(value_as_number("number", "x").unwrap().is_nan());
        assert_eq!(value_as_number("text", "1"), None);
    }

    #[test]
    fn stepping() {
        let r = Range::new("number", Some("0"), Some("10"), Some("2"), None);
        assert_eq!(step(3.0, 1, true, &r, 2.0), Some(4.0));
        assert_eq!(step(3.0, 1, false, &r, 2.0), Some(2.0));
        assert_eq!(step(4.0, 2, true, &r, 2.0), Some(8.0));
        assert_eq!(step(10.0, 1, true, &r, 2.0), Some(10.0));
        assert_eq!(step(0.0, 1, false, &r, 2.0), Some(0.0));
        let r = Range::new("number", None, None, Some("0.1"), None);
        assert_eq!(step(0.2, 1, true, &r, 0.1), Some(0.3));
    }
}

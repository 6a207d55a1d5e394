//! CSS math functions in colour components (<https://drafts.csswg.org/css-values-4/#math>):
//! `calc()`, `min()`, `max()` and `clamp()` over numbers, percentages and angles, with the
//! constants `e`, `pi`, `infinity`, `-infinity` and `NaN`, and (in a relative colour) the
//! origin's channel keywords as numbers.
//!
//! A colour string's math functions that need no channel keyword are replaced by their values
//! before the colour parsers see it ([`substitute`]); a relative colour's channels evaluate the
//! rest themselves ([`parse_function`]).

use cssparser::{ParseError, Parser, Token, match_ignore_ascii_case};

/// A math function's value, by type: CSS math adds and compares only values of one type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A `<number>`.
    Number(f64),
    /// A `<percentage>`, in percent (`50%` is 50).
    Percentage(f64),
    /// An `<angle>`, in degrees.
    Angle(f64),
}

impl Value {
    fn amount(self) -> f64 {
        match self {
            Value::Number(v) | Value::Percentage(v) | Value::Angle(v) => v,
        }
    }

    fn with(self, amount: f64) -> Value {
        match self {
            Value::Number(_) => Value::Number(amount),
            Value::Percentage(_) => Value::Percentage(amount),
            Value::Angle(_) => Value::Angle(amount),
        }
    }

    fn same_type(self, other: Value) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }

    /// The value as CSS text the colour parsers read (an infinite or NaN amount becomes the
    /// largest finite one of its sign, or 0, as CSS clamps them to the component's range).
    pub fn to_css(self) -> String {
        let v = self.amount();
        let v = if v.is_nan() {
            0.0
        } else if v.is_infinite() {
            f64::from(f32::MAX).copysign(v)
        } else {
            v
        };
        match self {
            Value::Number(_) => format!("{v}"),
            Value::Percentage(_) => format!("{v}%"),
            Value::Angle(_) => format!("{v}deg"),
        }
    }
}

type MathResult<T> = Result<T, ParseError<()>>;

fn invalid() -> ParseError<()> {
    ParseError::custom(())
}

/// Whether `name` is a math function this module evaluates.
pub fn is_math_function(name: &str) -> bool {
    match_ignore_ascii_case! { name,
        "calc" | "min" | "max" | "clamp" => true,
        _ => false,
    }
}

/// Evaluates the math function `name` whose arguments are in `input` (inside its block).
/// `keyword` gives the number an identifier stands for (a relative colour's channels), if any.
pub fn parse_function(name: &str, input: &mut Parser<'_>, keyword: &dyn Fn(&str) -> Option<f64>) -> MathResult<Value> {
    let result = function_body(name, input, keyword);
    result.map_err(|_| invalid())
}

fn function_body(name: &str, input: &mut Parser<'_>, keyword: &dyn Fn(&str) -> Option<f64>) -> MathResult<Value> {
    let mut arguments = Vec::new();
    loop {
        arguments.push(sum(input, keyword)?);
        if input.is_exhausted() {
            break;
        }
        input.expect_comma().map_err(|_| invalid())?;
    }
    let first = arguments[0];
    if arguments.iter().any(|a| !a.same_type(first)) {
        return Err(invalid());
    }
    let amounts: Vec<f64> = arguments.iter().map(|a| a.amount()).collect();
    let amount = match_ignore_ascii_case! { name,
        "calc" if amounts.len() == 1 => amounts[0],
        "min" => amounts.iter().copied().fold(f64::INFINITY, |m, v| if v.is_nan() || m.is_nan() { f64::NAN } else { m.min(v) }),
        "max" => amounts.iter().copied().fold(f64::NEG_INFINITY, |m, v| if v.is_nan() || m.is_nan() { f64::NAN } else { m.max(v) }),
        // clamp(MIN, VAL, MAX) is max(MIN, min(VAL, MAX)).
        "clamp" if amounts.len() == 3 => amounts[0].max(amounts[1].min(amounts[2])),
        _ => return Err(invalid()),
    };
    Ok(first.with(amount))
}

/// `<calc-sum>`: products joined by ` + ` and ` - ` (CSS requires the spaces, so `1 -2` is two
/// values, which is an error here).
fn sum(input: &mut Parser<'_>, keyword: &dyn Fn(&str) -> Option<f64>) -> MathResult<Value> {
    let mut value = product(input, keyword)?;
    loop {
        let state = input.state();
        let sign = match input.next() {
            Ok(Token::Delim('+')) => 1.0,
            Ok(Token::Delim('-')) => -1.0,
            _ => {
                input.reset(&state);
                return Ok(value);
            }
        };
        let right = product(input, keyword)?;
        if !value.same_type(right) {
            return Err(invalid());
        }
        value = value.with(value.amount() + sign * right.amount());
    }
}

/// `<calc-product>`: values joined by `*` and `/`; one side of `*`, and the right side of `/`,
/// must be a number.
fn product(input: &mut Parser<'_>, keyword: &dyn Fn(&str) -> Option<f64>) -> MathResult<Value> {
    let mut value = term(input, keyword)?;
    loop {
        let state = input.state();
        let multiply = match input.next() {
            Ok(Token::Delim('*')) => true,
            Ok(Token::Delim('/')) => false,
            _ => {
                input.reset(&state);
                return Ok(value);
            }
        };
        let right = term(input, keyword)?;
        value = match (multiply, value, right) {
            (true, Value::Number(a), other) | (true, other, Value::Number(a)) => other.with(other.amount() * a),
            (false, left, Value::Number(b)) => left.with(left.amount() / b),
            _ => return Err(invalid()),
        };
    }
}

/// `<calc-value>`: a number, percentage, angle, constant, keyword, parenthesized sum or nested
/// math function.
fn term(input: &mut Parser<'_>, keyword: &dyn Fn(&str) -> Option<f64>) -> MathResult<Value> {
    let token = input.next().map_err(|_| invalid())?.clone();
    Ok(match token {
        Token::Number { value, .. } => Value::Number(f64::from(value)),
        Token::Percentage { unit_value, .. } => Value::Percentage(f64::from(unit_value) * 100.0),
        Token::Dimension { value, ref unit, .. } => {
            let v = f64::from(value);
            Value::Angle(match_ignore_ascii_case! { unit,
                "deg" => v,
                "rad" => v.to_degrees(),
                "grad" => v * 0.9,
                "turn" => v * 360.0,
                _ => return Err(invalid()),
            })
        }
        Token::Ident(ref ident) => Value::Number(match_ignore_ascii_case! { ident,
            "e" => std::f64::consts::E,
            "pi" => std::f64::consts::PI,
            "infinity" => f64::INFINITY,
            "-infinity" => f64::NEG_INFINITY,
            "nan" => f64::NAN,
            _ => keyword(ident).ok_or_else(invalid)?,
        }),
        Token::ParenthesisBlock => input
            .parse_nested_block(|i| -> Result<Value, ParseError<()>> {
                let v = sum(i, keyword).map_err(|_| invalid())?;
                i.expect_exhausted().map_err(|_| invalid())?;
                Ok(v)
            })
            .map_err(|_| invalid())?,
        Token::Function(ref name) if is_math_function(name) => {
            let name = name.to_string();
            input.parse_nested_block(|i| parse_function(&name, i, keyword)).map_err(|_| invalid())?
        }
        _ => return Err(invalid()),
    })
}

/// `input` with each math function that needs no keyword replaced by its value, or `None`
/// when it has none (most colours: the caller parses `input` as it is). A math function that
/// does not evaluate (a keyword, mixed types) is kept as written, for the colour parser to
/// evaluate or refuse.
pub fn substitute(input: &str) -> Option<String> {
    let lower = input.to_ascii_lowercase();
    if !["calc(", "min(", "max(", "clamp("].iter().any(|f| lower.contains(f)) {
        return None;
    }
    let mut parser = Parser::new(input);
    let mut out = String::with_capacity(input.len());
    copy_substituted(&mut parser, &mut out);
    Some(out)
}

/// Copies the tokens of `parser` to `out`, replacing math functions by their values.
fn copy_substituted(parser: &mut Parser<'_>, out: &mut String) {
    loop {
        let start = parser.position();
        let state = parser.state();
        let token = match parser.next_including_whitespace_and_comments() {
            Ok(token) => token.clone(),
            Err(_) => return,
        };
        match token {
            Token::Function(ref name) if is_math_function(name) => {
                let name = name.to_string();
                let value = parser.parse_nested_block(|i| {
                    let v = parse_function(&name, i, &|_| None)?;
                    i.expect_exhausted().map_err(|_| invalid())?;
                    Ok(v)
                });
                match value {
                    Ok(value) => out.push_str(&value.to_css()),
                    Err(_) => {
                        // Kept as written.
                        parser.reset(&state);
                        let _ = parser.next_including_whitespace_and_comments();
                        let _ = parser.parse_nested_block(|i| -> Result<(), ParseError<()>> {
                            while i.next_including_whitespace_and_comments().is_ok() {}
                            Ok(())
                        });
                        out.push_str(parser.slice_from(start));
                    }
                }
            }
            Token::Function(_) | Token::ParenthesisBlock | Token::SquareBracketBlock | Token::CurlyBracketBlock => {
                // The opening text, the block's tokens, the closing character.
                out.push_str(parser.slice_from(start));
                let close = match token {
                    Token::SquareBracketBlock => "]",
                    Token::CurlyBracketBlock => "}",
                    _ => ")",
                };
                let _ = parser.parse_nested_block(|i| -> Result<(), ParseError<()>> {
                    copy_substituted(i, out);
                    Ok(())
                });
                out.push_str(close);
            }
            _ => out.push_str(parser.slice_from(start)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitutes_what_evaluates() {
        assert_eq!(substitute("red"), None);
        assert_eq!(substitute("rgb(calc(255) 0 0)").as_deref(), Some("rgb(255 0 0)"));
        assert_eq!(substitute("rgb(calc(100 + 27.5) calc(50% / 2) min(10, 4))").as_deref(), Some("rgb(127.5 25% 4)"));
        assert_eq!(substitute("hsl(calc(0.25turn) 100% 50%)").as_deref(), Some("hsl(90deg 100% 50%)"));
        assert_eq!(substitute("lab(clamp(0, 150, 100) calc(2 * (10 + 10)) 0)").as_deref(), Some("lab(100 40 0)"));
        // Mixed types, and a channel keyword, stay as written.
        assert_eq!(substitute("rgb(calc(50% + 10) 0 0)").as_deref(), Some("rgb(calc(50% + 10) 0 0)"));
        assert_eq!(substitute("rgb(from red calc(r / 2) g b)").as_deref(), Some("rgb(from red calc(r / 2) g b)"));
        // CSS needs spaces around + and -.
        assert_eq!(substitute("rgb(calc(1 +2) 0 0)").as_deref(), Some("rgb(calc(1 +2) 0 0)"));
    }

    #[test]
    fn evaluates_keywords_and_constants() {
        let mut parser = Parser::new("r * 2 + pi - pi");
        let value = parse_function("calc", &mut parser, &|k| (k == "r").then_some(10.0)).unwrap();
        assert!((value.amount() - 20.0).abs() < 1e-9);
        assert_eq!(Value::Number(f64::INFINITY).to_css(), format!("{}", f64::from(f32::MAX)));
    }
}

//! The abstract 4×4 matrix behind `DOMMatrixReadOnly`/`DOMMatrix`, the transforms the Geometry
//! Interfaces apply to it, and the parsing of a CSS `<transform-list>` into one
//! (<https://drafts.fxtf.org/geometry/#dommatrix-parse>). No DOM here: `dommatrix.rs` wraps it.
//!
//! Storage follows the spec's element names: `m41`/`m42`/`m43` are the translation, a point is
//! a column vector pre-multiplied by the matrix. euclid's `Transform3D` uses the same names with
//! row vectors, so the spec's `A·B` ("B post-multiplied to A") is `B.then(&A)` here.

use cssparser::{ParseError, Parser, Token};
use euclid::default::Transform3D;

/// A matrix with the spec's element names.
pub type Matrix = Transform3D<f64>;

/// The spec's "post-multiply": `matrix · other` (other applies first).
pub fn post_multiply(matrix: &Matrix, other: &Matrix) -> Matrix {
    other.then(matrix)
}

/// The spec's "pre-multiply": `other · matrix`.
pub fn pre_multiply(matrix: &Matrix, other: &Matrix) -> Matrix {
    matrix.then(other)
}

/// The 16 elements in the order m11, m12, m13, m14, m21 … m44.
pub fn elements(m: &Matrix) -> [f64; 16] {
    [m.m11, m.m12, m.m13, m.m14, m.m21, m.m22, m.m23, m.m24, m.m31, m.m32, m.m33, m.m34, m.m41, m.m42, m.m43, m.m44]
}

/// A matrix from 16 elements in the order m11 … m44.
pub fn from_elements(e: &[f64; 16]) -> Matrix {
    Matrix::new(e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9], e[10], e[11], e[12], e[13], e[14], e[15])
}

/// The 2D matrix `[a c e; b d f]` as a 4×4 matrix.
pub fn from_2d(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) -> Matrix {
    Matrix::new(a, b, 0.0, 0.0, c, d, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, e, f, 0.0, 1.0)
}

/// A translation.
pub fn translation(x: f64, y: f64, z: f64) -> Matrix {
    Matrix::new(1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, x, y, z, 1.0)
}

/// A non-uniform scale.
pub fn scaling(x: f64, y: f64, z: f64) -> Matrix {
    Matrix::new(x, 0.0, 0.0, 0.0, 0.0, y, 0.0, 0.0, 0.0, 0.0, z, 0.0, 0.0, 0.0, 0.0, 1.0)
}

/// A skew by `ax` degrees along x and `ay` degrees along y (CSS `skew()`).
pub fn skewing(ax_degrees: f64, ay_degrees: f64) -> Matrix {
    from_2d(1.0, ay_degrees.to_radians().tan(), ax_degrees.to_radians().tan(), 1.0, 0.0, 0.0)
}

/// The rotation of `angle` degrees around the vector (x, y, z), as CSS Transforms defines
/// `rotate3d()` (<https://drafts.csswg.org/css-transforms-2/#Rotate3dDefined>). A vector that
/// cannot be normalized gives the identity.
pub fn rotation(x: f64, y: f64, z: f64, angle_degrees: f64) -> Matrix {
    let length = (x * x + y * y + z * z).sqrt();
    if length == 0.0 || !length.is_finite() {
        return Matrix::identity();
    }
    let (x, y, z) = (x / length, y / length, z / length);
    // Around the z axis alone (every 2D rotation), use sin and cos directly so that right
    // angles give exact zeros and ones, as browsers do.
    let half = angle_degrees.to_radians() / 2.0;
    let (sc, sq) = if (x, y) == (0.0, 0.0) {
        let (sin, cos) = (angle_degrees.to_radians().sin(), angle_degrees.to_radians().cos());
        let (sin, cos) = exact_right_angle(angle_degrees).unwrap_or((sin, cos));
        // sin(a)/2 = sin(a/2)cos(a/2); (1 - cos(a))/2 = sin²(a/2).
        (sin / 2.0, (1.0 - cos) / 2.0)
    } else {
        (half.sin() * half.cos(), half.sin() * half.sin())
    };
    Matrix::new(
        1.0 - 2.0 * (y * y + z * z) * sq,
        2.0 * (x * y * sq + z * sc),
        2.0 * (x * z * sq - y * sc),
        0.0,
        2.0 * (x * y * sq - z * sc),
        1.0 - 2.0 * (x * x + z * z) * sq,
        2.0 * (y * z * sq + x * sc),
        0.0,
        2.0 * (x * z * sq + y * sc),
        2.0 * (y * z * sq - x * sc),
        1.0 - 2.0 * (x * x + y * y) * sq,
        0.0,
        0.0,
        0.0,
        0.0,
        1.0,
    )
}

/// (sin, cos) of a multiple of 90°, exactly.
fn exact_right_angle(degrees: f64) -> Option<(f64, f64)> {
    if !degrees.is_finite() || degrees % 90.0 != 0.0 {
        return None;
    }
    Some(match (degrees / 90.0).rem_euclid(4.0) as u8 {
        0 => (0.0, 1.0),
        1 => (1.0, 0.0),
        2 => (0.0, -1.0),
        _ => (-1.0, 0.0),
    })
}

/// Whether the matrix is the identity (the spec's `isIdentity`; -0 counts as 0).
pub fn is_identity(m: &Matrix) -> bool {
    let zero = [m.m12, m.m13, m.m14, m.m21, m.m23, m.m24, m.m31, m.m32, m.m34, m.m41, m.m42, m.m43];
    zero.iter().all(|v| *v == 0.0) && [m.m11, m.m22, m.m33, m.m44].iter().all(|v| *v == 1.0)
}

/// <https://drafts.fxtf.org/geometry/#dom-dommatrix-invertself>: the inverse, or every element
/// NaN when the matrix is not invertible.
pub fn invert(m: &Matrix) -> Option<Matrix> {
    if elements(m).iter().any(|v| !v.is_finite()) {
        return None;
    }
    // A matrix with only 2D content is inverted as the 3×3 matrix it is: the general 4×4
    // cofactor expansion would add rounding (1/2 · 2 giving 0.9999999999999999).
    let flat = [m.m13, m.m14, m.m23, m.m24, m.m31, m.m32, m.m34, m.m43].iter().all(|v| *v == 0.0)
        && m.m33 == 1.0
        && m.m44 == 1.0;
    if flat {
        let (a, b, c, d, e, f) = (m.m11, m.m12, m.m21, m.m22, m.m41, m.m42);
        let det = a * d - b * c;
        if det == 0.0 || !det.is_finite() {
            return None;
        }
        return Some(from_2d(d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det));
    }
    m.inverse()
}

/// A matrix whose elements are all NaN (the non-invertible result).
pub fn nan_matrix() -> Matrix {
    from_elements(&[f64::NAN; 16])
}

/// A value inside a transform function.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Value {
    Number(f64),
    /// An absolute length, in px.
    Length(f64),
    /// An angle, in degrees.
    Angle(f64),
    /// A percentage, as a fraction (50% = 0.5).
    Percentage(f64),
    /// A `calc()` of a length (px) and a percentage (fraction) of the reference box.
    Mixed(f64, f64),
}

/// What relative lengths and percentages resolve against in a CSS `transform` value: the
/// element's font size (`em`), the root's (`rem`), the viewport, and the element's reference
/// box (its border box) for the percentages of `translate()`. DOMMatrix's parser has none:
/// there they are syntax errors.
#[derive(Clone, Copy, Debug)]
pub struct LengthContext {
    pub em: f64,
    pub rem: f64,
    pub viewport: (f64, f64),
    pub reference_box: (f64, f64),
}

impl LengthContext {
    /// px per unit of any length unit: absolute ones, then those relative to the font and the
    /// viewport.
    pub fn px_per_unit(&self, unit: &str) -> Option<f64> {
        absolute_length(unit).or_else(|| self.relative(unit))
    }

    /// px per unit of a font- or viewport-relative length unit.
    fn relative(&self, unit: &str) -> Option<f64> {
        let (vw, vh) = (self.viewport.0 / 100.0, self.viewport.1 / 100.0);
        Some(match unit.to_ascii_lowercase().as_str() {
            "em" => self.em,
            "rem" => self.rem,
            // The x-height and the "0" advance: half an em, as layout models them.
            "ex" | "ch" => self.em / 2.0,
            "vw" => vw,
            "vh" => vh,
            "vmin" => vw.min(vh),
            "vmax" => vw.max(vh),
            _ => return None,
        })
    }
}

impl Value {
    fn number(self) -> Result<f64, ()> {
        match self {
            Value::Number(v) => Ok(v),
            _ => Err(()),
        }
    }
    /// A `<length>`: an absolute length or a unitless zero.
    fn length(self) -> Result<f64, ()> {
        match self {
            Value::Length(v) => Ok(v),
            Value::Number(0.0) => Ok(0.0),
            _ => Err(()),
        }
    }
    /// A `<length-percentage>` of `translate()` along `axis` (0: x, 1: y) of the reference box;
    /// percentages only where a CSS context gives the box.
    fn length_along(self, ctx: Option<&LengthContext>, axis: usize) -> Result<f64, ()> {
        let basis = |ctx: Option<&LengthContext>| {
            ctx.map(|c| if axis == 0 { c.reference_box.0 } else { c.reference_box.1 }).ok_or(())
        };
        match self {
            Value::Percentage(f) => Ok(f * basis(ctx)?),
            Value::Mixed(px, f) => Ok(px + f * basis(ctx)?),
            other => other.length(),
        }
    }
    /// An `<angle>` or unitless zero.
    fn angle(self) -> Result<f64, ()> {
        match self {
            Value::Angle(v) => Ok(v),
            Value::Number(0.0) => Ok(0.0),
            _ => Err(()),
        }
    }
    /// `<number> | <percentage>` (the `scale()` family).
    fn factor(self) -> Result<f64, ()> {
        match self {
            Value::Number(v) | Value::Percentage(v) => Ok(v),
            _ => Err(()),
        }
    }
}

/// px per unit of the absolute length units (<https://drafts.csswg.org/css-values/#absolute-lengths>).
fn absolute_length(unit: &str) -> Option<f64> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "px" => 1.0,
        "cm" => 96.0 / 2.54,
        "mm" => 96.0 / 25.4,
        "q" => 96.0 / 101.6,
        "in" => 96.0,
        "pt" => 96.0 / 72.0,
        "pc" => 16.0,
        _ => return None,
    })
}

/// Degrees per unit of the angle units.
fn angle_unit(unit: &str) -> Option<f64> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "deg" => 1.0,
        "grad" => 0.9,
        "rad" => 180.0 / std::f64::consts::PI,
        "turn" => 360.0,
        _ => return None,
    })
}

type Parse<T> = Result<T, ParseError<()>>;

fn fail<T>() -> Parse<T> {
    Err(ParseError::custom(()))
}

/// The exact value of the numeric token just read (the tokenizer keeps only an f32): its source
/// text without the unit, read as an f64.
fn exact(text: &str, unit_len: usize, fallback: f32) -> f64 {
    text.get(..text.len().saturating_sub(unit_len)).and_then(|t| t.parse::<f64>().ok()).unwrap_or(fallback.into())
}

/// One value: a number, an absolute length, an angle, a percentage or a `calc()` of them.
/// Relative lengths (em, vw…) and percentages of lengths are not absolute, so they fail.
fn value<'i>(parser: &mut Parser<'i>, ctx: Option<&LengthContext>) -> Parse<Value> {
    parser.skip_whitespace();
    let start = parser.position();
    let token = parser.next()?.clone();
    let text = parser.slice_from(start).trim_end();
    match token {
        Token::Number { value, .. } => Ok(Value::Number(exact(text, 0, value))),
        Token::Percentage { unit_value, .. } => Ok(Value::Percentage(exact(text, 1, unit_value * 100.0) / 100.0)),
        Token::Dimension { value, ref unit, .. } => {
            let value = exact(text, unit.len(), value);
            let px = match ctx {
                Some(c) => c.px_per_unit(unit),
                None => absolute_length(unit),
            };
            if let Some(px) = px {
                Ok(Value::Length(value * px))
            } else if let Some(deg) = angle_unit(unit) {
                Ok(Value::Angle(value * deg))
            } else {
                fail()
            }
        }
        Token::Function(ref name) if name.eq_ignore_ascii_case("calc") => {
            parser.parse_nested_block(|p| calc_sum(p, ctx))
        }
        _ => fail(),
    }
}

/// `calc()` over numbers, absolute lengths and angles (<https://drafts.csswg.org/css-values/#calc-syntax>):
/// sums of products, parenthesised groups and nested `calc()`.
fn calc_sum<'i>(parser: &mut Parser<'i>, ctx: Option<&LengthContext>) -> Parse<Value> {
    let mut total = calc_product(parser, ctx)?;
    loop {
        let state = parser.state();
        let sign = match parser.next_including_whitespace() {
            Ok(Token::WhiteSpace(_)) => match parser.next() {
                Ok(Token::Delim('+')) => 1.0,
                Ok(Token::Delim('-')) => -1.0,
                _ => {
                    parser.reset(&state);
                    parser.skip_whitespace();
                    return if parser.is_exhausted() { Ok(total) } else { fail() };
                }
            },
            _ => {
                parser.reset(&state);
                return if parser.is_exhausted() { Ok(total) } else { fail() };
            }
        };
        // "+" and "-" need whitespace on both sides.
        if !matches!(parser.next_including_whitespace(), Ok(Token::WhiteSpace(_))) {
            return fail();
        }
        let rhs = calc_product(parser, ctx)?;
        let parts = |v: Value| match v {
            Value::Length(px) => Some((px, 0.0)),
            Value::Percentage(f) => Some((0.0, f)),
            Value::Mixed(px, f) => Some((px, f)),
            _ => None,
        };
        total = match (total, rhs) {
            (Value::Number(a), Value::Number(b)) => Value::Number(a + sign * b),
            (Value::Length(a), Value::Length(b)) => Value::Length(a + sign * b),
            (Value::Angle(a), Value::Angle(b)) => Value::Angle(a + sign * b),
            (Value::Percentage(a), Value::Percentage(b)) => Value::Percentage(a + sign * b),
            // A length and a percentage: only in a CSS value, where a box resolves it.
            (a, b) if ctx.is_some() => match (parts(a), parts(b)) {
                (Some((pa, fa)), Some((pb, fb))) => Value::Mixed(pa + sign * pb, fa + sign * fb),
                _ => return fail(),
            },
            _ => return fail(),
        };
    }
}

fn calc_product<'i>(parser: &mut Parser<'i>, ctx: Option<&LengthContext>) -> Parse<Value> {
    let mut product = calc_factor(parser, ctx)?;
    loop {
        let state = parser.state();
        let op = match parser.next() {
            Ok(Token::Delim('*')) => '*',
            Ok(Token::Delim('/')) => '/',
            _ => {
                parser.reset(&state);
                return Ok(product);
            }
        };
        let rhs = calc_factor(parser, ctx)?;
        product = match (op, product, rhs) {
            ('*', Value::Number(a), Value::Number(b)) => Value::Number(a * b),
            ('*', Value::Number(n), other) | ('*', other, Value::Number(n)) => scale_value(other, n),
            ('/', value, Value::Number(n)) => scale_value(value, 1.0 / n),
            _ => return fail(),
        };
    }
}

fn scale_value(value: Value, factor: f64) -> Value {
    match value {
        Value::Number(v) => Value::Number(v * factor),
        Value::Length(v) => Value::Length(v * factor),
        Value::Angle(v) => Value::Angle(v * factor),
        Value::Percentage(v) => Value::Percentage(v * factor),
        Value::Mixed(px, f) => Value::Mixed(px * factor, f * factor),
    }
}

fn calc_factor<'i>(parser: &mut Parser<'i>, ctx: Option<&LengthContext>) -> Parse<Value> {
    let state = parser.state();
    if let Ok(Token::ParenthesisBlock) = parser.next() {
        return parser.parse_nested_block(|p| calc_sum(p, ctx));
    }
    parser.reset(&state);
    value(parser, ctx)
}

/// One `<transform-function>`: its matrix and whether it is a 3D function.
fn transform_function<'i>(parser: &mut Parser<'i>, name: &str, ctx: Option<&LengthContext>) -> Parse<(Matrix, bool)> {
    let name = name.to_ascii_lowercase();
    // `perspective(none)` is the only keyword argument.
    if name == "perspective" && parser.try_parse(|p| p.expect_ident_matching("none")).is_ok() {
        return Ok((Matrix::identity(), false));
    }
    let args = parser.parse_comma_separated(|p| value(p, ctx))?;
    let n = args.len();
    let check = |ok: Result<Matrix, ()>| ok.map_err(|()| ParseError::custom(()));
    let matrix = match (name.as_str(), n) {
        ("matrix", 6) => {
            let v: Result<Vec<f64>, ()> = args.iter().map(|a| a.number()).collect();
            check(v.map(|v| from_2d(v[0], v[1], v[2], v[3], v[4], v[5])))?
        }
        ("matrix3d", 16) => {
            let v: Result<Vec<f64>, ()> = args.iter().map(|a| a.number()).collect();
            check(v.map(|v| from_elements(&v.try_into().expect("16 values"))))?
        }
        ("translate", 1 | 2) => {
            let y = if n == 2 { args[1].length_along(ctx, 1) } else { Ok(0.0) };
            check(args[0].length_along(ctx, 0).and_then(|x| Ok(translation(x, y?, 0.0))))?
        }
        ("translatex", 1) => check(args[0].length_along(ctx, 0).map(|x| translation(x, 0.0, 0.0)))?,
        ("translatey", 1) => check(args[0].length_along(ctx, 1).map(|y| translation(0.0, y, 0.0)))?,
        ("translatez", 1) => check(args[0].length().map(|z| translation(0.0, 0.0, z)))?,
        ("translate3d", 3) => check((|| {
            Ok(translation(args[0].length_along(ctx, 0)?, args[1].length_along(ctx, 1)?, args[2].length()?))
        })())?,
        ("scale", 1 | 2) => check((|| {
            let x = args[0].factor()?;
            let y = if n == 2 { args[1].factor()? } else { x };
            Ok(scaling(x, y, 1.0))
        })())?,
        ("scalex", 1) => check(args[0].factor().map(|x| scaling(x, 1.0, 1.0)))?,
        ("scaley", 1) => check(args[0].factor().map(|y| scaling(1.0, y, 1.0)))?,
        ("scalez", 1) => check(args[0].factor().map(|z| scaling(1.0, 1.0, z)))?,
        ("scale3d", 3) => check((|| Ok(scaling(args[0].factor()?, args[1].factor()?, args[2].factor()?)))())?,
        ("rotate" | "rotatez", 1) => check(args[0].angle().map(|a| rotation(0.0, 0.0, 1.0, a)))?,
        ("rotatex", 1) => check(args[0].angle().map(|a| rotation(1.0, 0.0, 0.0, a)))?,
        ("rotatey", 1) => check(args[0].angle().map(|a| rotation(0.0, 1.0, 0.0, a)))?,
        ("rotate3d", 4) => {
            check((|| Ok(rotation(args[0].number()?, args[1].number()?, args[2].number()?, args[3].angle()?)))())?
        }
        ("skew", 1 | 2) => check((|| Ok(skewing(args[0].angle()?, if n == 2 { args[1].angle()? } else { 0.0 })))())?,
        ("skewx", 1) => check(args[0].angle().map(|a| skewing(a, 0.0)))?,
        ("skewy", 1) => check(args[0].angle().map(|a| skewing(0.0, a)))?,
        ("perspective", 1) => check(args[0].length().and_then(|d| {
            if d < 0.0 {
                return Err(());
            }
            // Distances below 1px are clamped to 1px (css-transforms-2 "perspective()").
            let mut m = Matrix::identity();
            m.m34 = -1.0 / d.max(1.0);
            Ok(m)
        }))?,
        _ => return fail(),
    };
    let is_3d = matches!(
        name.as_str(),
        "matrix3d"
            | "translatez"
            | "translate3d"
            | "scalez"
            | "scale3d"
            | "rotatex"
            | "rotatey"
            | "rotatez"
            | "rotate3d"
            | "perspective"
    );
    Ok((matrix, is_3d))
}

/// <https://drafts.fxtf.org/geometry/#parse-a-string-into-an-abstract-matrix>: the matrix and
/// its "2dTransform" flag, or `Err` (the caller throws a "SyntaxError").
pub fn parse_transform_list(transform_list: &str) -> Result<(Matrix, bool), ()> {
    parse_transform_list_in(transform_list, None)
}

/// A CSS `transform` value's matrix (<https://drafts.csswg.org/css-transforms-2/#transform-functions>),
/// with relative lengths and the percentages of `translate()` resolved by `ctx`: what
/// `getComputedStyle()` gives and `getBoundingClientRect()` applies.
pub fn parse_css_transform(transform_list: &str, ctx: &LengthContext) -> Result<(Matrix, bool), ()> {
    parse_transform_list_in(transform_list, Some(ctx))
}

fn parse_transform_list_in(transform_list: &str, ctx: Option<&LengthContext>) -> Result<(Matrix, bool), ()> {
    // 1. If transformList is the empty string, set it to the string "matrix(1, 0, 0, 1, 0, 0)".
    if transform_list.is_empty() {
        return Ok((Matrix::identity(), true));
    }
    // 2. Parse transformList into parsedValue given the grammar for the CSS transform property.
    let mut parser = Parser::new(transform_list);
    // 3. If parsedValue is none, set parsedValue to a <transform-list> containing a single
    //    identity matrix.
    if parser.try_parse(|p| p.expect_ident_matching("none").and_then(|()| p.expect_exhausted())).is_ok() {
        return Ok((Matrix::identity(), true));
    }
    let mut matrix = Matrix::identity();
    let mut is_2d = true;
    let mut count = 0;
    loop {
        parser.skip_whitespace();
        if parser.is_exhausted() {
            break;
        }
        let name = match parser.next() {
            Ok(Token::Function(name)) => name.clone(),
            _ => return Err(()),
        };
        let (function, is_3d) =
            parser.parse_nested_block(|p| transform_function(p, &name, ctx)).map_err(|_: ParseError<()>| ())?;
        // 4. If parsedValue consists of any three-dimensional transform functions, set
        //    2dTransform to false.
        is_2d &= !is_3d;
        // 5. Transform all <transform-function>s to 4x4 abstract matrices … 6. Let matrix be
        //    the result of post-multiplying all of them in order.
        matrix = post_multiply(&matrix, &function);
        count += 1;
    }
    // A <transform-list> has at least one function; anything else is a failure.
    if count == 0 {
        return Err(());
    }
    Ok((matrix, is_2d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approx(a: &Matrix, b: &Matrix) -> bool {
        elements(a).iter().zip(elements(b)).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    #[test]
    fn parses_transform_lists() {
        let expected = from_2d(2.0, 0.0, 0.0, 2.0, 10.0, 10.0);
        for s in [
            "scale(2) translateX(5px) translateY(5px)",
            "scale(2, 2) translateX(5px) translateY(5px)",
            "scale(2)translateX(5px)translateY(5px)",
            "scale(2) translateX(calc(2 * 2.5px)) translateY(5px)",
            "scale(2) translateX(5px) translateY(5px) rotate(5deg) rotate(-5deg)",
            "matrix(2, 0, 0, 2, 10, 10)",
            "scale(200%) translate(3.75pt, 5px)",
        ] {
            let (m, is_2d) = parse_transform_list(s).unwrap_or_else(|()| panic!("{s}"));
            assert!(approx(&m, &expected), "{s}: {m:?}");
            assert!(is_2d, "{s}");
        }
        assert_eq!(parse_transform_list(""), Ok((Matrix::identity(), true)));
        assert_eq!(parse_transform_list("none"), Ok((Matrix::identity(), true)));
        assert_eq!(parse_transform_list("translateZ(0)").map(|r| r.1), Ok(false));
        for s in [
            " ",
            "/**/",
            "none;",
            "null",
            "translateX    (5px)",
            "scale(2 2)",
            "scale(2, 2), translateX(5px)",
            "translateX(5em)",
            "translateX(5%)",
            "translateX(5)",
            "rotate(5)",
            "rotate(5deg, 5px, 5px)",
            "inherit",
            "none none",
        ] {
            assert_eq!(parse_transform_list(s), Err(()), "{s:?}");
        }
    }

    #[test]
    fn rotations_and_products() {
        // 90° about z: exact, as in browsers.
        assert_eq!(elements(&rotation(0.0, 0.0, 1.0, 90.0))[..6], [0.0, 1.0, 0.0, 0.0, -1.0, 0.0]);
        // translate then scale: the point (1, 1) goes to (2·1 + 10, 2·1 + 10).
        let m = post_multiply(&translation(10.0, 10.0, 0.0), &scaling(2.0, 2.0, 1.0));
        assert_eq!((m.m11, m.m41), (2.0, 10.0));
        assert!(invert(&scaling(0.0, 1.0, 1.0)).is_none());
        assert!(is_identity(&from_2d(1.0, -0.0, 0.0, 1.0, -0.0, 0.0)));
    }
}

//! SVG geometry from an element's attributes, without rendering: each basic shape and path as
//! polylines in its user space (<https://svgwg.org/svg2-draft/shapes.html>, curves cut into
//! short lines), their bounding box (`getBBox()`), length and the point at a length
//! (`getTotalLength()`, `getPointAtLength()`), and the `transform` attribute's matrix.

use std::str::FromStr;

/// A point in user units.
pub type Point = (f64, f64);

/// One subpath, flattened: its points and whether it is closed.
pub struct Polyline {
    pub points: Vec<Point>,
    pub closed: bool,
}

/// An SVG `<length>` attribute in user units: numbers and absolute units; `em`/`ex` against
/// `font_size`; percentages of `percent_of` (the viewport's width, height or diagonal).
pub fn length(value: Option<String>, font_size: f64, percent_of: f64) -> f64 {
    let Some(value) = value else { return 0.0 };
    let Ok(l) = svgtypes::Length::from_str(value.trim()) else { return 0.0 };
    use svgtypes::LengthUnit as U;
    l.number
        * match l.unit {
            U::None | U::Px => 1.0,
            U::Em => font_size,
            U::Ex => font_size / 2.0,
            U::In => 96.0,
            U::Cm => 96.0 / 2.54,
            U::Mm => 96.0 / 25.4,
            U::Pt => 96.0 / 72.0,
            U::Pc => 16.0,
            U::Percent => percent_of / 100.0,
        }
}

/// Lines for a cubic Bézier from `p0` (enough that each is a fraction of a unit long).
fn cubic(out: &mut Vec<Point>, p0: Point, c1: Point, c2: Point, p: Point) {
    let hull = dist(p0, c1) + dist(c1, c2) + dist(c2, p);
    let n = (hull * 4.0).ceil().clamp(8.0, 4096.0) as usize;
    for i in 1..=n {
        let t = i as f64 / n as f64;
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        out.push((a * p0.0 + b * c1.0 + c * c2.0 + d * p.0, a * p0.1 + b * c1.1 + c * c2.1 + d * p.1));
    }
}

fn dist(a: Point, b: Point) -> f64 {
    (b.0 - a.0).hypot(b.1 - a.1)
}

/// Path data (<https://svgwg.org/svg2-draft/paths.html#PathDataBNF>) as polylines, through
/// svgtypes' simplifying parser (absolute moves, lines, cubic and quadratic curves; arcs as
/// cubics). Parsing stops at the first error, keeping what came before, as SVG says.
pub fn path_data(d: &str) -> Vec<Polyline> {
    use svgtypes::SimplePathSegment as S;
    let mut lines: Vec<Polyline> = Vec::new();
    let mut current = (0.0, 0.0);
    let mut start = (0.0, 0.0);
    let open = |lines: &mut Vec<Polyline>, at: Point| {
        if lines.last().is_none_or(|l| l.closed || l.points.last() != Some(&at)) {
            lines.push(Polyline { points: vec![at], closed: false });
        }
    };
    for segment in svgtypes::SimplifyingPathParser::from(d) {
        let Ok(segment) = segment else { break };
        match segment {
            S::MoveTo { x, y } => {
                lines.push(Polyline { points: vec![(x, y)], closed: false });
                current = (x, y);
                start = current;
            }
            S::LineTo { x, y } => {
                open(&mut lines, current);
                lines.last_mut().expect("opened").points.push((x, y));
                current = (x, y);
            }
            S::CurveTo { x1, y1, x2, y2, x, y } => {
                open(&mut lines, current);
                cubic(&mut lines.last_mut().expect("opened").points, current, (x1, y1), (x2, y2), (x, y));
                current = (x, y);
            }
            S::Quadratic { x1, y1, x, y } => {
                open(&mut lines, current);
                let c1 = (current.0 + 2.0 / 3.0 * (x1 - current.0), current.1 + 2.0 / 3.0 * (y1 - current.1));
                let c2 = (x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
                cubic(&mut lines.last_mut().expect("opened").points, current, c1, c2, (x, y));
                current = (x, y);
            }
            S::ClosePath => {
                if let Some(l) = lines.last_mut() {
                    l.closed = true;
                }
                current = start;
            }
        }
    }
    lines
}

/// An ellipse (or circle) as one closed polyline, from the rightmost point clockwise in
/// screen coordinates, as the shape's path is defined.
pub fn ellipse(cx: f64, cy: f64, rx: f64, ry: f64) -> Vec<Polyline> {
    if rx <= 0.0 || ry <= 0.0 {
        return Vec::new();
    }
    // Chords within 0.001 user units of the curve.
    let r = rx.max(ry);
    let n = (std::f64::consts::PI / (1.0 - 0.001 / r).max(-1.0).acos()).ceil().clamp(64.0, 20000.0) as usize;
    let points = (0..=n)
        .map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            (cx + rx * a.cos(), cy + ry * a.sin())
        })
        .collect();
    vec![Polyline { points, closed: true }]
}

/// `points` of `<polyline>`/`<polygon>`; an odd coordinate at the end is dropped.
pub fn points(value: &str, closed: bool) -> Vec<Polyline> {
    let points: Vec<Point> = svgtypes::PointsParser::from(value).collect();
    if points.is_empty() {
        return Vec::new();
    }
    vec![Polyline { points, closed }]
}

/// The bounding box (x, y, width, height) of the polylines mapped by `m`, or `None` when
/// there are none.
pub fn bounds(lines: &[Polyline], m: &svgtypes::Transform) -> Option<(f64, f64, f64, f64)> {
    let mut it =
        lines.iter().flat_map(|l| l.points.iter()).map(|&(x, y)| (m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f));
    let first = it.next()?;
    let (mut x0, mut y0, mut x1, mut y1) = (first.0, first.1, first.0, first.1);
    for (x, y) in it {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    Some((x0, y0, x1 - x0, y1 - y0))
}

/// The union of two boxes.
pub fn union(a: Option<(f64, f64, f64, f64)>, b: Option<(f64, f64, f64, f64)>) -> Option<(f64, f64, f64, f64)> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let (x0, y0) = (a.0.min(b.0), a.1.min(b.1));
            let (x1, y1) = ((a.0 + a.2).max(b.0 + b.2), (a.1 + a.3).max(b.1 + b.3));
            Some((x0, y0, x1 - x0, y1 - y0))
        }
        (a, None) => a,
        (None, b) => b,
    }
}

/// The segments of the polylines in order (a closed one ends back at its start).
fn segments(lines: &[Polyline]) -> impl Iterator<Item = (Point, Point)> + '_ {
    lines.iter().flat_map(|l| {
        let closing = l.closed.then(|| (*l.points.last().unwrap_or(&(0.0, 0.0)), l.points[0]));
        l.points.windows(2).map(|w| (w[0], w[1])).chain(closing)
    })
}

/// The total length of the polylines.
pub fn total_length(lines: &[Polyline]) -> f64 {
    segments(lines).map(|(a, b)| dist(a, b)).sum()
}

/// The point `distance` along the polylines, clamped to [0, total length]
/// (<https://svgwg.org/svg2-draft/types.html#__svg__SVGGeometryElement__getPointAtLength>).
pub fn point_at_length(lines: &[Polyline], distance: f64) -> Point {
    let Some(first) = lines.first().and_then(|l| l.points.first()) else { return (0.0, 0.0) };
    let mut left = distance.max(0.0);
    let mut last = *first;
    for (a, b) in segments(lines) {
        let d = dist(a, b);
        if left <= d && d > 0.0 {
            let t = left / d;
            return (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        }
        left -= d;
        last = b;
    }
    last
}

/// The `transform` attribute's matrix (SVG's transform list syntax: unitless numbers, commas
/// or spaces, `rotate(a cx cy)`); identity when absent or invalid.
pub fn transform_attribute(value: Option<String>) -> svgtypes::Transform {
    value.and_then(|v| svgtypes::Transform::from_str(&v).ok()).unwrap_or_default()
}

/// `outer` after `inner`: a point mapped by `inner`, then by `outer`.
pub fn then(inner: &svgtypes::Transform, outer: &svgtypes::Transform) -> svgtypes::Transform {
    svgtypes::Transform::new(
        outer.a * inner.a + outer.c * inner.b,
        outer.b * inner.a + outer.d * inner.b,
        outer.a * inner.c + outer.c * inner.d,
        outer.b * inner.c + outer.d * inner.d,
        outer.a * inner.e + outer.c * inner.f + outer.e,
        outer.b * inner.e + outer.d * inner.f + outer.f,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_points() {
        let square = path_data("M0 0 H10 V10 H0 Z");
        assert_eq!(total_length(&square), 40.0);
        assert_eq!(point_at_length(&square, 15.0), (10.0, 5.0));
        assert_eq!(point_at_length(&square, 100.0), (0.0, 0.0));
        assert_eq!(bounds(&square, &svgtypes::Transform::default()), Some((0.0, 0.0, 10.0, 10.0)));
        let circle = ellipse(0.0, 0.0, 10.0, 10.0);
        assert!((total_length(&circle) - 20.0 * std::f64::consts::PI).abs() < 0.01);
        // A curve's box is its extent, not its control points'.
        let arch = path_data("M0 0 C0 -10 10 -10 10 0");
        let b = bounds(&arch, &svgtypes::Transform::default()).unwrap();
        assert!((b.1 + 7.5).abs() < 0.01, "{b:?}");
        let moved = transform_attribute(Some("translate(5 5) scale(2)".into()));
        assert_eq!(bounds(&square, &moved), Some((5.0, 5.0, 20.0, 20.0)));
    }
}

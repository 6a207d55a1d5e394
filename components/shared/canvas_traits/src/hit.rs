//! Hit testing of paths for `isPointInPath()` and `isPointInStroke()`, and the tiny-skia path
//! and stroke forms the canvas thread rasterizes (one definition, so that a hit test traces the
//! same outline the rasterizer fills).
//!
//! <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-ispointinpath>

use euclid::default::Point2D;
use tiny_skia_path as sk;

use crate::flatten::DeviceSegment;
use crate::style::{FillRule, LineCap, LineJoin, LineOptions};

/// The segments as a tiny-skia path; `None` when they draw nothing.
pub fn to_sk_path(segments: &[DeviceSegment]) -> Option<sk::Path> {
    let mut builder = sk::PathBuilder::with_capacity(segments.len(), segments.len() * 3);
    for segment in segments {
        match *segment {
            DeviceSegment::MoveTo(p) => builder.move_to(p.x, p.y),
            DeviceSegment::LineTo(p) => builder.line_to(p.x, p.y),
            DeviceSegment::QuadTo(c, p) => builder.quad_to(c.x, c.y, p.x, p.y),
            DeviceSegment::CubicTo(c1, c2, p) => builder.cubic_to(c1.x, c1.y, c2.x, c2.y, p.x, p.y),
            DeviceSegment::Close => builder.close(),
        }
    }
    builder.finish()
}

/// The line styles as a tiny-skia stroke.
pub fn sk_stroke(line: &LineOptions) -> sk::Stroke {
    let dash: Vec<f32> = line.dash.iter().map(|v| *v as f32).collect();
    sk::Stroke {
        width: line.width as f32,
        miter_limit: line.miter_limit as f32,
        line_cap: match line.cap {
            LineCap::Butt => sk::LineCap::Butt,
            LineCap::Round => sk::LineCap::Round,
            LineCap::Square => sk::LineCap::Square,
        },
        line_join: match line.join {
            LineJoin::Miter => sk::LineJoin::Miter,
            LineJoin::Round => sk::LineJoin::Round,
            LineJoin::Bevel => sk::LineJoin::Bevel,
        },
        // An all-zero dash list cannot be built and means a solid line.
        dash: if dash.is_empty() { None } else { sk::StrokeDash::new(dash, line.dash_offset as f32) },
    }
}

/// Line pieces per curve when curves are flattened for a hit test.
const CURVE_STEPS: usize = 32;

/// The closed polygons of a path (curves flattened; every subpath closed, as filling does).
fn polygons(path: &sk::Path) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let point = |p: sk::Point| (f64::from(p.x), f64::from(p.y));
    for segment in path.segments() {
        match segment {
            sk::PathSegment::MoveTo(p) => {
                if current.len() > 1 {
                    out.push(std::mem::take(&mut current));
                }
                current.clear();
                current.push(point(p));
            }
            sk::PathSegment::LineTo(p) => current.push(point(p)),
            sk::PathSegment::QuadTo(c, p) => {
                let start = *current.last().unwrap_or(&point(c));
                let (c, p) = (point(c), point(p));
                for i in 1..=CURVE_STEPS {
                    let t = i as f64 / CURVE_STEPS as f64;
                    let u = 1.0 - t;
                    current.push((
                        u * u * start.0 + 2.0 * u * t * c.0 + t * t * p.0,
                        u * u * start.1 + 2.0 * u * t * c.1 + t * t * p.1,
                    ));
                }
            }
            sk::PathSegment::CubicTo(c1, c2, p) => {
                let start = *current.last().unwrap_or(&point(c1));
                let (c1, c2, p) = (point(c1), point(c2), point(p));
                for i in 1..=CURVE_STEPS {
                    let t = i as f64 / CURVE_STEPS as f64;
                    let u = 1.0 - t;
                    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
                    current.push((
                        a * start.0 + b * c1.0 + c * c2.0 + d * p.0,
                        a * start.1 + b * c1.1 + c * c2.1 + d * p.1,
                    ));
                }
            }
            sk::PathSegment::Close => {
                if current.len() > 1 {
                    let start = current[0];
                    out.push(std::mem::take(&mut current));
                    // A segment after a close starts at the closed subpath's first point.
                    current.push(start);
                }
            }
        }
    }
    if current.len() > 1 {
        out.push(current);
    }
    out
}

/// Whether `p` lies on the segment from `a` to `b` (within a small tolerance).
fn on_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> bool {
    const EPSILON: f64 = 1e-4;
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length_squared = dx * dx + dy * dy;
    let t = if length_squared == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length_squared).clamp(0.0, 1.0)
    };
    let (nx, ny) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
    nx * nx + ny * ny <= EPSILON * EPSILON
}

/// Whether `point` is inside `path` under `rule`; "points on the path itself must be
/// considered to be inside the path".
pub fn point_in_fill(path: &sk::Path, point: Point2D<f64>, rule: FillRule) -> bool {
    let p = (point.x, point.y);
    let mut winding = 0i32;
    for polygon in polygons(path) {
        for i in 0..polygon.len() {
            let a = polygon[i];
            let b = polygon[(i + 1) % polygon.len()];
            if on_segment(p, a, b) {
                return true;
            }
            let cross = (b.0 - a.0) * (p.1 - a.1) - (p.0 - a.0) * (b.1 - a.1);
            if a.1 <= p.1 {
                if b.1 > p.1 && cross > 0.0 {
                    winding += 1;
                }
            } else if b.1 <= p.1 && cross < 0.0 {
                winding -= 1;
            }
        }
    }
    match rule {
        FillRule::NonZero => winding != 0,
        FillRule::EvenOdd => winding % 2 != 0,
    }
}

/// Whether `point` (in the path's own coordinates) is inside the outline that tracing `path`
/// with `line` gives (<https://html.spec.whatwg.org/multipage/canvas.html#trace-a-path>),
/// dashes included. `resolution_scale` is how much the path is magnified on the canvas (the
/// current transform's scale): dash lengths along curves and the stroke outline are computed
/// with that precision, as the rasterizer does under the transform.
pub fn point_in_stroke(path: &sk::Path, line: &LineOptions, point: Point2D<f64>, resolution_scale: f32) -> bool {
    let stroke = sk_stroke(line);
    let resolution_scale = if resolution_scale.is_finite() && resolution_scale > 0.0 { resolution_scale } else { 1.0 };
    let dashed;
    let source = match &stroke.dash {
        Some(dash) => match path.dash(dash, resolution_scale) {
            Some(d) => {
                dashed = d;
                &dashed
            }
            None => return false,
        },
        None => path,
    };
    match source.stroke(&stroke, resolution_scale) {
        Some(outline) => point_in_fill(&outline, point, FillRule::NonZero),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flatten::flatten_path;
    use crate::path::Path;

    fn square(x: f64, y: f64, size: f64) -> Path {
        let mut path = Path::new();
        path.rect(x, y, size, size);
        path
    }

    fn sk(path: &Path) -> sk::Path {
        to_sk_path(&flatten_path(path, &euclid::default::Transform2D::identity())).unwrap()
    }

    #[test]
    fn fill_rules_and_edges() {
        let mut path = square(0.0, 0.0, 20.0);
        // A second square inside, same direction: a hole only under evenodd.
        path.rect(5.0, 5.0, 10.0, 10.0);
        let path = sk(&path);
        let p = |x, y| Point2D::new(x, y);
        assert!(point_in_fill(&path, p(10.0, 10.0), FillRule::NonZero));
        assert!(!point_in_fill(&path, p(10.0, 10.0), FillRule::EvenOdd));
        assert!(point_in_fill(&path, p(2.0, 2.0), FillRule::EvenOdd));
        // Points on the path are inside, the corners too; outside is outside.
        for (x, y) in [(0.0, 0.0), (10.0, 0.0), (20.0, 20.0), (20.0, 10.0)] {
            assert!(point_in_fill(&path, p(x, y), FillRule::NonZero), "({x}, {y})");
        }
        assert!(!point_in_fill(&path, p(-1.0, 10.0), FillRule::NonZero));
        assert!(!point_in_fill(&path, p(21.0, 10.0), FillRule::NonZero));
    }

    #[test]
    fn stroke_outline() {
        let path = sk(&square(10.0, 10.0, 20.0));
        let line = LineOptions { width: 4.0, ..LineOptions::default() };
        let p = |x, y| Point2D::new(x, y);
        assert!(point_in_stroke(&path, &line, p(10.0, 20.0), 1.0));
        assert!(point_in_stroke(&path, &line, p(8.5, 20.0), 1.0));
        assert!(!point_in_stroke(&path, &line, p(7.0, 20.0), 1.0));
        assert!(!point_in_stroke(&path, &line, p(20.0, 20.0), 1.0));
        // Miter joins reach the corner's outside point; round joins do not.
        assert!(point_in_stroke(&path, &line, p(8.2, 8.2), 1.0));
        let round = LineOptions { join: LineJoin::Round, ..line.clone() };
        assert!(!point_in_stroke(&path, &round, p(8.2, 8.2), 1.0));
        // A dash gap is not part of the stroke.
        let dashed = LineOptions { dash: vec![5.0, 5.0], ..line };
        assert!(point_in_stroke(&path, &dashed, p(12.0, 10.0), 1.0));
        assert!(!point_in_stroke(&path, &dashed, p(17.0, 10.0), 1.0));
    }
}

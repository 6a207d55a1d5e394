//! Turns a [`Path`] into device-space lines and Bézier curves, following the
//! path-building steps of the 2D context (subpath bookkeeping, `arcTo()`
//! tangents, arcs as cubic curves). Pure geometry, no rasterizer: the canvas
//! thread feeds the result to its rasterizer, and script may use it for
//! hit testing.
//!
//! <https://html.spec.whatwg.org/multipage/canvas.html#building-paths>

use std::f64::consts::{FRAC_PI_2, TAU};

use euclid::default::{Point2D, Transform2D, Vector2D};

use crate::path::{CornerRadius, Path, PathSegment};

/// One drawing instruction in device space.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DeviceSegment {
    /// Starts a subpath.
    MoveTo(Point2D<f32>),
    /// A straight line from the previous point.
    LineTo(Point2D<f32>),
    /// A quadratic Bézier curve: control point, end point.
    QuadTo(Point2D<f32>, Point2D<f32>),
    /// A cubic Bézier curve: two control points, end point.
    CubicTo(Point2D<f32>, Point2D<f32>, Point2D<f32>),
    /// Closes the current subpath.
    Close,
}

type Point = Point2D<f64>;

struct Flattener {
    out: Vec<DeviceSegment>,
    /// Maps the coordinates of the segment being processed to device space.
    transform: Transform2D<f64>,
    base: Transform2D<f64>,
    /// Device-space first point of the current subpath, if there is one.
    subpath_start: Option<Point>,
    /// Device-space last point of the current subpath.
    last: Point,
    /// Set after `closePath()`: the next segment starts with a move to
    /// `subpath_start`, because a closed subpath is followed by a new one
    /// starting at the same point.
    reopen: bool,
}

fn f32_point(p: Point) -> Point2D<f32> {
    p.cast()
}

impl Flattener {
    fn map(&self, x: f64, y: f64) -> Point {
        self.transform.transform_point(Point::new(x, y))
    }

    fn move_to_device(&mut self, p: Point) {
        self.out.push(DeviceSegment::MoveTo(f32_point(p)));
        self.subpath_start = Some(p);
        self.last = p;
        self.reopen = false;
    }

    /// Emits the move that starts the subpath following a `closePath()`.
    fn reopen_if_closed(&mut self) {
        if self.reopen
            && let Some(start) = self.subpath_start
        {
            self.move_to_device(start);
        }
    }

    /// "Ensure there is a subpath for (x, y)": with no subpath, start one at
    /// the point. Returns whether a subpath already existed.
    fn ensure_subpath(&mut self, p: Point) -> bool {
        if self.subpath_start.is_none() {
            self.move_to_device(p);
            return false;
        }
        self.reopen_if_closed();
        true
    }

    fn line_to_device(&mut self, p: Point) {
        if self.ensure_subpath(p) {
            self.out.push(DeviceSegment::LineTo(f32_point(p)));
            self.last = p;
        }
    }

    fn close(&mut self) {
        // closePath(): with no subpath, do nothing. Otherwise mark the subpath
        // closed and start a new one at its first point.
        if let Some(start) = self.subpath_start
            && !self.reopen
        {
            self.out.push(DeviceSegment::Close);
            self.last = start;
            self.reopen = true;
        }
    }

    fn segment(&mut self, segment: &PathSegment) {
        match *segment {
            PathSegment::Transform { transform } => {
                self.transform = transform.cast::<f64>().then(&self.base);
            }
            PathSegment::MoveTo { x, y } => {
                let p = self.map(x, y);
                self.move_to_device(p);
            }
            PathSegment::LineTo { x, y } => {
                let p = self.map(x, y);
                self.line_to_device(p);
            }
            PathSegment::QuadraticCurveTo { cpx, cpy, x, y } => {
                let (c, p) = (self.map(cpx, cpy), self.map(x, y));
                self.ensure_subpath(c);
                self.out.push(DeviceSegment::QuadTo(f32_point(c), f32_point(p)));
                self.last = p;
            }
            PathSegment::BezierCurveTo { cp1x, cp1y, cp2x, cp2y, x, y } => {
                let (c1, c2, p) = (self.map(cp1x, cp1y), self.map(cp2x, cp2y), self.map(x, y));
                self.ensure_subpath(c1);
                self.out.push(DeviceSegment::CubicTo(f32_point(c1), f32_point(c2), f32_point(p)));
                self.last = p;
            }
            PathSegment::ArcTo { x1, y1, x2, y2, radius } => self.arc_to(x1, y1, x2, y2, radius),
            PathSegment::Ellipse { x, y, radius_x, radius_y, rotation, start_angle, end_angle, counterclockwise } => {
                let sweep = arc_sweep(start_angle, end_angle, counterclockwise);
                let ellipse = Ellipse { center: Point::new(x, y), radius_x, radius_y, rotation };
                self.ellipse(&ellipse, start_angle, sweep, true);
            }
            PathSegment::Rect { x, y, width, height } => {
                // rect(): a new closed subpath with the four corners, then a
                // new subpath at (x, y).
                self.move_to_device(self.map(x, y));
                for (px, py) in [(x + width, y), (x + width, y + height), (x, y + height)] {
                    self.line_to_device(self.map(px, py));
                }
                self.close();
                self.move_to_device(self.map(x, y));
            }
            PathSegment::RoundRect { x, y, width, height, radii } => self.round_rect(x, y, width, height, radii),
            PathSegment::ClosePath => self.close(),
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-arcto>
    fn arc_to(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, radius: f64) {
        let p1_device = self.map(x1, y1);
        // 2. Ensure there is a subpath for (x1, y1).
        if !self.ensure_subpath(p1_device) {
            return;
        }
        // 4. Let (x0, y0) be the last point of the subpath, transformed by the
        //    inverse of the current transformation matrix.
        let Some(inverse) = self.transform.inverse() else {
            self.line_to_device(p1_device);
            return;
        };
        let p0 = inverse.transform_point(self.last);
        let (p1, p2) = (Point::new(x1, y1), Point::new(x2, y2));
        // 5. If (x0, y0) equals (x1, y1), or (x1, y1) equals (x2, y2), or the
        //    radius is zero, add (x1, y1) with a straight line.
        // 6. Otherwise, if the three points are on one line, do the same.
        let (v1, v2) = (p0 - p1, p2 - p1);
        let cross = v1.cross(v2);
        if p0 == p1 || p1 == p2 || radius == 0.0 || cross.abs() <= 1e-12 * v1.length() * v2.length() {
            self.line_to_device(p1_device);
            return;
        }
        // 7. Otherwise, the arc of the circle of the given radius that touches
        //    both lines: draw a line to the first tangent point, then the arc
        //    to the second.
        let (u1, u2) = (v1.normalize(), v2.normalize());
        let half_angle = u1.angle_to(u2).radians.abs() / 2.0;
        let tangent_distance = radius / half_angle.tan();
        let t1 = p1 + u1 * tangent_distance;
        let t2 = p1 + u2 * tangent_distance;
        let center = p1 + (u1 + u2).normalize() * (radius / half_angle.sin());
        let start = angle_of(t1 - center);
        let mut sweep = angle_of(t2 - center) - start;
        if sweep > std::f64::consts::PI {
            sweep -= TAU;
        } else if sweep < -std::f64::consts::PI {
            sweep += TAU;
        }
        let circle = Ellipse { center, radius_x: radius, radius_y: radius, rotation: 0.0 };
        self.ellipse(&circle, start, sweep, true);
    }

    /// Adds an arc of `ellipse` from `start` through `sweep` radians
    /// (positive = clockwise on screen). When `connect` is set, the arc's
    /// first point is joined to the current subpath with a straight line, as
    /// `arc()`/`ellipse()` do.
    fn ellipse(&mut self, ellipse: &Ellipse, start: f64, sweep: f64, connect: bool) {
        let first = self.map_point(ellipse.point(start));
        if connect && self.subpath_start.is_some() {
            self.line_to_device(first);
        } else {
            self.move_to_device(first);
        }
        if sweep == 0.0 || (ellipse.radius_x == 0.0 && ellipse.radius_y == 0.0) {
            return;
        }
        // Split into pieces of at most a quarter turn, each one cubic with
        // the usual 4/3·tan(θ/4) handle length.
        let pieces = (sweep.abs() / FRAC_PI_2 - 1e-9).ceil().max(1.0) as usize;
        let step = sweep / pieces as f64;
        let handle = 4.0 / 3.0 * (step / 4.0).tan();
        let mut a0 = start;
        for _ in 0..pieces {
            let a1 = a0 + step;
            let (p0, p3) = (ellipse.point(a0), ellipse.point(a1));
            let c1 = p0 + ellipse.derivative(a0) * handle;
            let c2 = p3 - ellipse.derivative(a1) * handle;
            let [c1, c2, p3] = [c1, c2, p3].map(|p| f32_point(self.map_point(p)));
            self.out.push(DeviceSegment::CubicTo(c1, c2, p3));
            a0 = a1;
        }
        self.last = self.map_point(ellipse.point(start + sweep));
    }

    fn map_point(&self, p: Point) -> Point {
        self.transform.transform_point(p)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-roundrect>,
    /// steps 12–14: the rounded rectangle as a closed subpath (mirrored when
    /// the width or height is negative), then a new subpath at (x, y).
    fn round_rect(&mut self, x: f64, y: f64, width: f64, height: f64, radii: [CornerRadius; 4]) {
        let saved = self.transform;
        // Draw the shape for |w|×|h| at the origin and mirror it into place.
        let mirror = Transform2D::scale(width.signum(), height.signum()).then_translate(Vector2D::new(x, y));
        self.transform = mirror.then(&saved);
        let (w, h) = (width.abs(), height.abs());
        let [ul, ur, lr, ll] = radii;
        let corner = |cx: f64, cy: f64, r: CornerRadius| Ellipse {
            center: Point::new(cx, cy),
            radius_x: r.x,
            radius_y: r.y,
            rotation: 0.0,
        };
        self.move_to_device(self.map(ul.x, 0.0));
        self.line_to_device(self.map(w - ur.x, 0.0));
        self.ellipse(&corner(w - ur.x, ur.y, ur), -FRAC_PI_2, FRAC_PI_2, true);
        self.line_to_device(self.map(w, h - lr.y));
        self.ellipse(&corner(w - lr.x, h - lr.y, lr), 0.0, FRAC_PI_2, true);
        self.line_to_device(self.map(ll.x, h));
        self.ellipse(&corner(ll.x, h - ll.y, ll), FRAC_PI_2, FRAC_PI_2, true);
        self.line_to_device(self.map(0.0, ul.y));
        self.ellipse(&corner(ul.x, ul.y, ul), std::f64::consts::PI, FRAC_PI_2, true);
        self.close();
        self.move_to_device(self.map(0.0, 0.0));
        self.transform = saved;
    }
}

/// An ellipse in user space.
struct Ellipse {
    center: Point,
    radius_x: f64,
    radius_y: f64,
    rotation: f64,
}

impl Ellipse {
    fn point(&self, angle: f64) -> Point {
        let local = Vector2D::new(self.radius_x * angle.cos(), self.radius_y * angle.sin());
        self.center + rotate(local, self.rotation)
    }

    /// d(point)/d(angle).
    fn derivative(&self, angle: f64) -> Vector2D<f64> {
        rotate(Vector2D::new(-self.radius_x * angle.sin(), self.radius_y * angle.cos()), self.rotation)
    }
}

fn rotate(v: Vector2D<f64>, angle: f64) -> Vector2D<f64> {
    let (sin, cos) = angle.sin_cos();
    Vector2D::new(v.x * cos - v.y * sin, v.x * sin + v.y * cos)
}

fn angle_of(v: Vector2D<f64>) -> f64 {
    v.y.atan2(v.x)
}

/// The signed angle an `arc()`/`ellipse()` call travels.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-ellipse>:
/// going clockwise, an end angle at least a full turn past the start draws
/// the whole ellipse (likewise counterclockwise); otherwise the arc runs from
/// the start point to the end point in the given direction. When the angles
/// are given the other way round (an end angle before the start going
/// clockwise), the arc goes round to the end point, and an exact multiple of a
/// full turn is the whole ellipse: `arc(x, y, r, 0, 2 * Math.PI, true)` draws a
/// circle in every browser, which pages rely on.
pub fn arc_sweep(start_angle: f64, end_angle: f64, counterclockwise: bool) -> f64 {
    let (forward, sign) =
        if counterclockwise { (start_angle - end_angle, -1.0) } else { (end_angle - start_angle, 1.0) };
    let magnitude = if forward >= TAU {
        TAU
    } else if forward >= 0.0 {
        forward
    } else {
        TAU - (-forward) % TAU
    };
    sign * magnitude
}

/// Maps every point of `segments` by `transform` (device space back to user space, for
/// tracing a stroke in the coordinates its line width is given in).
pub fn transform_segments(segments: &mut [DeviceSegment], transform: &Transform2D<f32>) {
    let map = |p: &mut Point2D<f32>| *p = transform.transform_point(*p);
    for segment in segments {
        match segment {
            DeviceSegment::MoveTo(p) | DeviceSegment::LineTo(p) => map(p),
            DeviceSegment::QuadTo(c, p) => [c, p].into_iter().for_each(map),
            DeviceSegment::CubicTo(c1, c2, p) => [c1, c2, p].into_iter().for_each(map),
            DeviceSegment::Close => {}
        }
    }
}

/// <https://html.spec.whatwg.org/multipage/canvas.html#trace-a-path>: "zero-length line
/// segments are pruned before stroking a path", and subpaths left with no line (a single
/// point) are removed, so a zero-sized `rect()` or a zero-radius arc strokes nothing, whatever
/// the caps and joins.
pub fn prune_for_stroke(segments: &[DeviceSegment]) -> Vec<DeviceSegment> {
    let mut out = Vec::with_capacity(segments.len());
    // Index in `out` of the current subpath's MoveTo, whether it has a line yet, and the
    // current point.
    let mut subpath: Option<(usize, bool)> = None;
    let mut current = Point2D::zero();
    let finish = |out: &mut Vec<DeviceSegment>, subpath: Option<(usize, bool)>| {
        if let Some((start, false)) = subpath {
            out.truncate(start);
        }
    };
    for segment in segments {
        match *segment {
            DeviceSegment::MoveTo(p) => {
                finish(&mut out, subpath);
                subpath = Some((out.len(), false));
                out.push(*segment);
                current = p;
            }
            DeviceSegment::LineTo(p) => {
                if p != current {
                    out.push(*segment);
                    subpath = subpath.map(|(start, _)| (start, true));
                    current = p;
                }
            }
            DeviceSegment::QuadTo(c, p) => {
                if c != current || p != current {
                    out.push(*segment);
                    subpath = subpath.map(|(start, _)| (start, true));
                    current = p;
                }
            }
            DeviceSegment::CubicTo(c1, c2, p) => {
                if c1 != current || c2 != current || p != current {
                    out.push(*segment);
                    subpath = subpath.map(|(start, _)| (start, true));
                    current = p;
                }
            }
            DeviceSegment::Close => {
                if matches!(subpath, Some((_, true))) {
                    out.push(*segment);
                }
            }
        }
    }
    finish(&mut out, subpath);
    out
}

/// Flattens `path` to device space. Segments before the first
/// [`PathSegment::Transform`] are mapped by `path_transform` alone; later
/// ones by their recorded transform, then `path_transform`.
pub fn flatten_path(path: &Path, path_transform: &Transform2D<f32>) -> Vec<DeviceSegment> {
    let base = path_transform.cast::<f64>();
    let mut flattener = Flattener {
        out: Vec::with_capacity(path.segments().len() * 2),
        transform: base,
        base,
        subpath_start: None,
        last: Point::zero(),
        reopen: false,
    };
    for segment in path.segments() {
        flattener.segment(segment);
    }
    flattener.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning() {
        let p = |x, y| Point2D::new(x, y);
        let dot = [DeviceSegment::MoveTo(p(1.0, 1.0)), DeviceSegment::LineTo(p(1.0, 1.0)), DeviceSegment::Close];
        assert_eq!(prune_for_stroke(&dot), vec![]);
        let line = [
            DeviceSegment::MoveTo(p(0.0, 0.0)),
            DeviceSegment::LineTo(p(0.0, 0.0)),
            DeviceSegment::LineTo(p(5.0, 0.0)),
            DeviceSegment::MoveTo(p(9.0, 9.0)),
        ];
        assert_eq!(
            prune_for_stroke(&line),
            vec![DeviceSegment::MoveTo(p(0.0, 0.0)), DeviceSegment::LineTo(p(5.0, 0.0))]
        );
    }

    #[test]
    fn arc_sweeps() {
        use std::f64::consts::PI;
        assert_eq!(arc_sweep(0.0, 2.0 * PI, false), TAU);
        assert_eq!(arc_sweep(0.0, 2.0 * PI, true), -TAU, "the other way round: still a circle");
        assert_eq!(arc_sweep(0.0, 0.0, true), 0.0);
        assert!((arc_sweep(0.0, -PI / 2.0, false) - 1.5 * PI).abs() < 1e-12);
        assert!((arc_sweep(0.0, PI / 2.0, true) + 1.5 * PI).abs() < 1e-12);
        assert_eq!(arc_sweep(0.0, 5.0 * PI, false), TAU);
    }

    fn p(x: f32, y: f32) -> Point2D<f32> {
        Point2D::new(x, y)
    }

    #[test]
    fn line_without_subpath_starts_one() {
        let mut path = Path::new();
        path.line_to(1.0, 2.0);
        path.line_to(3.0, 4.0);
        let out = flatten_path(&path, &Transform2D::identity());
        assert_eq!(out, vec![DeviceSegment::MoveTo(p(1.0, 2.0)), DeviceSegment::LineTo(p(3.0, 4.0))]);
    }

    #[test]
    fn rect_is_closed_and_followed_by_a_move() {
        let mut path = Path::new();
        path.rect(1.0, 1.0, 2.0, 3.0);
        let out = flatten_path(&path, &Transform2D::translation(10.0, 0.0));
        assert_eq!(
            out,
            vec![
                DeviceSegment::MoveTo(p(11.0, 1.0)),
                DeviceSegment::LineTo(p(13.0, 1.0)),
                DeviceSegment::LineTo(p(13.0, 4.0)),
                DeviceSegment::LineTo(p(11.0, 4.0)),
                DeviceSegment::Close,
                DeviceSegment::MoveTo(p(11.0, 1.0)),
            ]
        );
    }

    #[test]
    fn sweep_rules() {
        use std::f64::consts::PI;
        assert_eq!(arc_sweep(0.0, 3.0 * PI, false), TAU);
        assert_eq!(arc_sweep(0.0, -PI / 2.0, false), 1.5 * PI);
        assert_eq!(arc_sweep(0.0, PI / 2.0, true), -1.5 * PI);
        assert_eq!(arc_sweep(0.0, -2.0 * PI, true), -TAU);
        assert_eq!(arc_sweep(1.0, 1.0, false), 0.0);
    }

    #[test]
    fn arc_points_lie_on_the_circle() {
        let mut path = Path::new();
        path.arc(50.0, 50.0, 20.0, 0.0, TAU, false).unwrap();
        let out = flatten_path(&path, &Transform2D::identity());
        assert_eq!(out[0], DeviceSegment::MoveTo(p(70.0, 50.0)));
        assert_eq!(out.len(), 5);
        for segment in &out[1..] {
            let DeviceSegment::CubicTo(_, _, end) = segment else { panic!("{segment:?}") };
            assert!(((*end - p(50.0, 50.0)).length() - 20.0).abs() < 1e-3);
        }
    }

    #[test]
    fn arc_to_draws_line_then_tangent_arc() {
        let mut path = Path::new();
        path.move_to(0.0, 0.0);
        path.arc_to(10.0, 0.0, 10.0, 10.0, 5.0).unwrap();
        let out = flatten_path(&path, &Transform2D::identity());
        assert_eq!(out[1], DeviceSegment::LineTo(p(5.0, 0.0)));
        assert_eq!(out.len(), 3, "{out:?}");
        let DeviceSegment::CubicTo(_, _, end) = out[2] else { panic!("{out:?}") };
        assert!((end - p(10.0, 5.0)).length() < 1e-4, "{end:?}");
        // Collinear points fall back to a straight line to (x1, y1).
        let mut path = Path::new();
        path.move_to(0.0, 0.0);
        path.arc_to(5.0, 0.0, 10.0, 0.0, 5.0).unwrap();
        assert_eq!(flatten_path(&path, &Transform2D::identity())[1], DeviceSegment::LineTo(p(5.0, 0.0)));
    }

    #[test]
    fn recorded_transforms_apply_per_segment() {
        let mut path = Path::new();
        path.set_transform(Transform2D::scale(2.0, 2.0));
        path.move_to(1.0, 1.0);
        path.set_transform(Transform2D::identity());
        path.line_to(1.0, 1.0);
        let out = flatten_path(&path, &Transform2D::identity());
        assert_eq!(out, vec![DeviceSegment::MoveTo(p(2.0, 2.0)), DeviceSegment::LineTo(p(1.0, 1.0))]);
    }

    #[test]
    fn close_then_line_reopens_at_start() {
        let mut path = Path::new();
        path.move_to(1.0, 1.0);
        path.line_to(5.0, 1.0);
        path.close_path();
        path.line_to(5.0, 5.0);
        let out = flatten_path(&path, &Transform2D::identity());
        assert_eq!(
            &out[2..],
            &[DeviceSegment::Close, DeviceSegment::MoveTo(p(1.0, 1.0)), DeviceSegment::LineTo(p(5.0, 5.0))]
        );
    }
}

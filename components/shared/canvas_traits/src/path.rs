//! Paths as script builds them: a list of the `CanvasPath` calls, with the
//! argument rules that throw checked as the segments are appended. The
//! canvas thread turns a path into curves with [`crate::flatten`].
//!
//! <https://html.spec.whatwg.org/multipage/canvas.html#building-paths>

use euclid::default::Transform2D;

use crate::error::CanvasError;

/// One radius of `roundRect()`: a number `r` is `{ x: r, y: r }`, a
/// `DOMPointInit` gives both.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CornerRadius {
    /// Horizontal radius.
    pub x: f64,
    /// Vertical radius.
    pub y: f64,
}

impl CornerRadius {
    /// A circular corner.
    pub const fn uniform(radius: f64) -> CornerRadius {
        CornerRadius { x: radius, y: radius }
    }
}

/// One call made on a path, with its arguments (already checked).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PathSegment {
    /// `moveTo(x, y)`.
    MoveTo {
        /// Point x.
        x: f64,
        /// Point y.
        y: f64,
    },
    /// `lineTo(x, y)`.
    LineTo {
        /// Point x.
        x: f64,
        /// Point y.
        y: f64,
    },
    /// `quadraticCurveTo(cpx, cpy, x, y)`.
    QuadraticCurveTo {
        /// Control point x.
        cpx: f64,
        /// Control point y.
        cpy: f64,
        /// End point x.
        x: f64,
        /// End point y.
        y: f64,
    },
    /// `bezierCurveTo(cp1x, cp1y, cp2x, cp2y, x, y)`.
    BezierCurveTo {
        /// First control point x.
        cp1x: f64,
        /// First control point y.
        cp1y: f64,
        /// Second control point x.
        cp2x: f64,
        /// Second control point y.
        cp2y: f64,
        /// End point x.
        x: f64,
        /// End point y.
        y: f64,
    },
    /// `arcTo(x1, y1, x2, y2, radius)`.
    ArcTo {
        /// Corner point x.
        x1: f64,
        /// Corner point y.
        y1: f64,
        /// Second tangent point x.
        x2: f64,
        /// Second tangent point y.
        y2: f64,
        /// Radius, ≥ 0.
        radius: f64,
    },
    /// `ellipse(...)`; `arc(x, y, r, ...)` is stored as an ellipse with
    /// `radius_x == radius_y == r` and no rotation.
    Ellipse {
        /// Centre x.
        x: f64,
        /// Centre y.
        y: f64,
        /// Radius along the (rotated) x axis, ≥ 0.
        radius_x: f64,
        /// Radius along the (rotated) y axis, ≥ 0.
        radius_y: f64,
        /// Rotation of the axes, radians clockwise.
        rotation: f64,
        /// Start angle, radians clockwise from the rotated x axis.
        start_angle: f64,
        /// End angle.
        end_angle: f64,
        /// Direction of travel.
        counterclockwise: bool,
    },
    /// `rect(x, y, w, h)`.
    Rect {
        /// Corner x.
        x: f64,
        /// Corner y.
        y: f64,
        /// Width (may be negative).
        width: f64,
        /// Height (may be negative).
        height: f64,
    },
    /// `roundRect(x, y, w, h, radii)` with the radii already assigned to
    /// the corners and scaled down so they do not overlap.
    RoundRect {
        /// Corner x.
        x: f64,
        /// Corner y.
        y: f64,
        /// Width (may be negative: the shape is mirrored).
        width: f64,
        /// Height (may be negative).
        height: f64,
        /// Upper-left, upper-right, lower-right, lower-left.
        radii: [CornerRadius; 4],
    },
    /// `closePath()`.
    ClosePath,
    /// Not a canvas call: from here on, coordinates are mapped by
    /// `transform` (before the path transform given when the path is used).
    ///
    /// The current default path records the current transformation matrix
    /// at each call (`beginPath()` and every transform change), because
    /// points added to it are transformed when they are added. `addPath()`
    /// records the transform it was given.
    Transform {
        /// The mapping for the following segments.
        transform: Transform2D<f32>,
    },
}

/// A path: the segments added by script, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Path {
    segments: Vec<PathSegment>,
    /// The mapping set by the last `Transform` segment.
    current_transform: Option<Transform2D<f32>>,
}

fn all_finite(values: &[f64]) -> bool {
    values.iter().all(|v| v.is_finite())
}

impl Path {
    /// An empty path.
    pub fn new() -> Path {
        Path::default()
    }

    /// The segments, in the order they were added.
    pub fn segments(&self) -> &[PathSegment] {
        &self.segments
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// Whether any segment carries its own transform.
    pub fn has_transforms(&self) -> bool {
        self.current_transform.is_some()
    }

    /// Appends a segment without checks (for code that already checked).
    pub fn push(&mut self, segment: PathSegment) {
        if let PathSegment::Transform { transform } = segment {
            self.current_transform = Some(transform);
        }
        self.segments.push(segment);
    }

    /// Records the transform that maps the segments added from now on; see
    /// [`PathSegment::Transform`]. Consecutive records collapse into one.
    pub fn set_transform(&mut self, transform: Transform2D<f32>) {
        if let Some(PathSegment::Transform { .. }) = self.segments.last() {
            self.segments.pop();
        }
        self.push(PathSegment::Transform { transform });
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-moveto>:
    /// non-finite arguments are ignored; otherwise a new subpath starts at the point.
    pub fn move_to(&mut self, x: f64, y: f64) {
        if all_finite(&[x, y]) {
            self.push(PathSegment::MoveTo { x, y });
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-lineto>:
    /// non-finite arguments are ignored.
    pub fn line_to(&mut self, x: f64, y: f64) {
        if all_finite(&[x, y]) {
            self.push(PathSegment::LineTo { x, y });
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-quadraticcurveto>:
    /// non-finite arguments are ignored.
    pub fn quadratic_curve_to(&mut self, cpx: f64, cpy: f64, x: f64, y: f64) {
        if all_finite(&[cpx, cpy, x, y]) {
            self.push(PathSegment::QuadraticCurveTo { cpx, cpy, x, y });
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-beziercurveto>:
    /// non-finite arguments are ignored.
    pub fn bezier_curve_to(&mut self, cp1x: f64, cp1y: f64, cp2x: f64, cp2y: f64, x: f64, y: f64) {
        if all_finite(&[cp1x, cp1y, cp2x, cp2y, x, y]) {
            self.push(PathSegment::BezierCurveTo { cp1x, cp1y, cp2x, cp2y, x, y });
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-arcto>:
    /// 1. If any argument is infinite or NaN, return (nothing is added).
    /// 3. If radius is negative, throw an "IndexSizeError".
    ///
    /// (Step 2, "ensure there is a subpath", happens when the path is flattened.)
    pub fn arc_to(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, radius: f64) -> Result<(), CanvasError> {
        if !all_finite(&[x1, y1, x2, y2, radius]) {
            return Ok(());
        }
        if radius < 0.0 {
            return Err(CanvasError::IndexSize("arcTo() radius is negative"));
        }
        self.push(PathSegment::ArcTo { x1, y1, x2, y2, radius });
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-arc>:
    /// same as `ellipse()` with both radii equal to `radius` and no rotation.
    pub fn arc(
        &mut self,
        x: f64,
        y: f64,
        radius: f64,
        start_angle: f64,
        end_angle: f64,
        counterclockwise: bool,
    ) -> Result<(), CanvasError> {
        self.ellipse(x, y, radius, radius, 0.0, start_angle, end_angle, counterclockwise)
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-ellipse>:
    /// 1. If any numeric argument is infinite or NaN, return.
    /// 2. If either radius is negative, throw an "IndexSizeError".
    pub fn ellipse(
        &mut self,
        x: f64,
        y: f64,
        radius_x: f64,
        radius_y: f64,
        rotation: f64,
        start_angle: f64,
        end_angle: f64,
        counterclockwise: bool,
    ) -> Result<(), CanvasError> {
        if !all_finite(&[x, y, radius_x, radius_y, rotation, start_angle, end_angle]) {
            return Ok(());
        }
        if radius_x < 0.0 || radius_y < 0.0 {
            return Err(CanvasError::IndexSize("arc or ellipse radius is negative"));
        }
        self.push(PathSegment::Ellipse {
            x,
            y,
            radius_x,
            radius_y,
            rotation,
            start_angle,
            end_angle,
            counterclockwise,
        });
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-rect>:
    /// non-finite arguments are ignored.
    pub fn rect(&mut self, x: f64, y: f64, width: f64, height: f64) {
        if all_finite(&[x, y, width, height]) {
            self.push(PathSegment::Rect { x, y, width, height });
        }
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-roundrect>.
    /// `radii` is the argument as a list (a single radius is a list of one).
    pub fn round_rect(
        &mut self,
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        radii: &[CornerRadius],
    ) -> Result<(), CanvasError> {
        if let Some(radii) = normalize_round_rect_radii(x, y, width, height, radii)? {
            self.push(PathSegment::RoundRect { x, y, width, height, radii });
        }
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-closepath>.
    pub fn close_path(&mut self) {
        self.push(PathSegment::ClosePath);
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-path2d-addpath>:
    /// appends `other`'s subpaths, their points transformed by `transform`.
    /// The caller checks the `DOMMatrix2DInit` (step 2) and skips the call
    /// when a member is not finite (step 3).
    pub fn add_path(&mut self, other: &Path, transform: Transform2D<f32>) {
        let restore = self.current_transform;
        self.set_transform(transform);
        for segment in &other.segments {
            match *segment {
                PathSegment::Transform { transform: inner } => self.set_transform(inner.then(&transform)),
                other => self.push(other),
            }
        }
        self.set_transform(restore.unwrap_or_else(Transform2D::identity));
    }
}

/// The radii steps of `roundRect()`; returns `Ok(None)` when the call must
/// do nothing, or the four corners (upper-left, upper-right, lower-right,
/// lower-left) scaled so that they fit.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-roundrect>
pub fn normalize_round_rect_radii(
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    radii: &[CornerRadius],
) -> Result<Option<[CornerRadius; 4]>, CanvasError> {
    // 1. If any of x, y, w, or h are infinite or NaN, then return.
    if !all_finite(&[x, y, width, height]) {
        return Ok(None);
    }
    // 3. If radii is not a list of size one, two, three, or four, throw a RangeError.
    if !(1..=4).contains(&radii.len()) {
        return Err(CanvasError::Range("roundRect() needs one to four radii"));
    }
    // 5. For each radius: if a member is infinite or NaN, return; if a member
    //    is negative, throw a RangeError.
    for radius in radii {
        if !all_finite(&[radius.x, radius.y]) {
            return Ok(None);
        }
        if radius.x < 0.0 || radius.y < 0.0 {
            return Err(CanvasError::Range("roundRect() radius is negative"));
        }
    }
    // 6–10. Assign the radii to the corners, like the CSS border-radius shorthand.
    let [upper_left, upper_right, lower_right, lower_left] = match *radii {
        [all] => [all; 4],
        [a, b] => [a, b, a, b],
        [a, b, c] => [a, b, c, b],
        [a, b, c, d] => [a, b, c, d],
        _ => unreachable!("length checked above"),
    };
    let mut corners = [upper_left, upper_right, lower_right, lower_left];
    // 11. If the corners overlap, scale every radius by the smallest ratio of
    //     a side's length to the sum of the radii along it.
    let (w, h) = (width.abs(), height.abs());
    let top = upper_left.x + upper_right.x;
    let right = upper_right.y + lower_right.y;
    let bottom = lower_right.x + lower_left.x;
    let left = upper_left.y + lower_left.y;
    let scale = [w / top, h / right, w / bottom, h / left]
        .into_iter()
        .filter(|ratio| !ratio.is_nan())
        .fold(f64::INFINITY, f64::min);
    if scale < 1.0 {
        for corner in &mut corners {
            corner.x *= scale;
            corner.y *= scale;
        }
    }
    Ok(Some(corners))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throwing_rules() {
        let mut path = Path::new();
        assert!(matches!(path.arc(0.0, 0.0, -1.0, 0.0, 1.0, false), Err(CanvasError::IndexSize(_))));
        assert!(matches!(path.ellipse(0.0, 0.0, 1.0, -1.0, 0.0, 0.0, 1.0, false), Err(CanvasError::IndexSize(_))));
        assert!(matches!(path.arc_to(0.0, 0.0, 1.0, 1.0, -0.5), Err(CanvasError::IndexSize(_))));
        // Non-finite arguments win over the negative-radius check: nothing happens.
        assert_eq!(path.arc(f64::NAN, 0.0, -1.0, 0.0, 1.0, false), Ok(()));
        assert_eq!(path.arc_to(f64::INFINITY, 0.0, 1.0, 1.0, -1.0), Ok(()));
        assert!(path.is_empty());
        path.arc(0.0, 0.0, 0.0, 0.0, 1.0, true).unwrap();
        assert_eq!(path.segments().len(), 1);
    }

    #[test]
    fn round_rect_radii() {
        let r = CornerRadius::uniform;
        assert!(matches!(normalize_round_rect_radii(0.0, 0.0, 10.0, 10.0, &[]), Err(CanvasError::Range(_))));
        assert!(matches!(normalize_round_rect_radii(0.0, 0.0, 10.0, 10.0, &[r(1.0); 5]), Err(CanvasError::Range(_))));
        assert!(matches!(normalize_round_rect_radii(0.0, 0.0, 10.0, 10.0, &[r(-1.0)]), Err(CanvasError::Range(_))));
        assert_eq!(normalize_round_rect_radii(0.0, 0.0, 10.0, 10.0, &[r(f64::NAN), r(-1.0)]), Ok(None));
        assert_eq!(normalize_round_rect_radii(f64::INFINITY, 0.0, 10.0, 10.0, &[r(-1.0)]), Ok(None));
        assert_eq!(
            normalize_round_rect_radii(0.0, 0.0, 10.0, 10.0, &[r(1.0), r(2.0), r(3.0)]),
            Ok(Some([r(1.0), r(2.0), r(3.0), r(2.0)]))
        );
        // Radii of 10 on a 10×10 square overlap by a factor of two.
        assert_eq!(normalize_round_rect_radii(0.0, 0.0, -10.0, 10.0, &[r(10.0)]), Ok(Some([r(5.0); 4])));
        // Zero radii do not divide by zero.
        assert_eq!(normalize_round_rect_radii(0.0, 0.0, 0.0, 0.0, &[r(0.0)]), Ok(Some([r(0.0); 4])));
    }

    #[test]
    fn add_path_records_transforms() {
        let mut inner = Path::new();
        inner.rect(0.0, 0.0, 1.0, 1.0);
        let mut outer = Path::new();
        outer.move_to(5.0, 5.0);
        let scale = Transform2D::scale(2.0, 2.0);
        outer.add_path(&inner, scale);
        assert_eq!(
            outer.segments(),
            &[
                PathSegment::MoveTo { x: 5.0, y: 5.0 },
                PathSegment::Transform { transform: scale },
                PathSegment::Rect { x: 0.0, y: 0.0, width: 1.0, height: 1.0 },
                PathSegment::Transform { transform: Transform2D::identity() },
            ]
        );
    }
}

//! `Path2D` (<https://html.spec.whatwg.org/multipage/canvas.html#path2d-objects>): a path that
//! script builds once and fills, strokes, clips or hit-tests with any context. It holds the
//! same segment list as the context's current default path (`canvas_traits::path::Path`),
//! in its own coordinates: the context's transform applies when the path is used.

use std::cell::RefCell;

use canvas_traits::flatten::{DeviceSegment, flatten_path};
use canvas_traits::path::{CornerRadius, Path};
use dom_struct::dom_struct;
use euclid::default::Transform2D;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::DOMMatrix2DInit;
use crate::dom::bindings::codegen::Path2DBinding::Path2DMethods;
use crate::dom::bindings::codegen::Unions::Path2DOrString;
use crate::dom::bindings::codegen::Unions::UnrestrictedDoubleOrDOMPointInit as Radius;
use crate::dom::bindings::codegen::Unions::UnrestrictedDoubleOrDOMPointInitOrUnrestrictedDoubleOrDOMPointInitSequence as Radii;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::canvas::canvas_error;
use crate::dom::geometry::dommatrix::matrix_from_2d_dictionary;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct Path2D {
    reflector_: Reflector,
    #[no_trace]
    path: RefCell<Path>,
}

impl Path2D {
    /// A copy of the path's segments.
    pub fn path(&self) -> Path {
        self.path.borrow().clone()
    }
}

/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-roundrect> step 2: "If
/// radii is an unrestricted double or DOMPointInit, then set radii to « radii »", each radius
/// as its horizontal and vertical radii.
pub fn corner_radii(radii: Radii) -> Vec<CornerRadius> {
    let corner = |radius: &Radius| match radius {
        Radius::UnrestrictedDouble(r) => CornerRadius::uniform(*r),
        Radius::DOMPointInit(point) => CornerRadius { x: point.x, y: point.y },
    };
    match radii {
        Radii::UnrestrictedDouble(r) => vec![CornerRadius::uniform(r)],
        Radii::DOMPointInit(point) => vec![CornerRadius { x: point.x, y: point.y }],
        Radii::UnrestrictedDoubleOrDOMPointInitSequence(list) => list.iter().map(corner).collect(),
    }
}

/// The last point of flattened segments, if any.
fn last_point(segments: &[DeviceSegment]) -> Option<(f64, f64)> {
    let mut first = None;
    let mut last = None;
    for segment in segments {
        let point = match *segment {
            DeviceSegment::MoveTo(p) => {
                first = Some(p);
                p
            }
            DeviceSegment::LineTo(p) | DeviceSegment::QuadTo(_, p) | DeviceSegment::CubicTo(_, _, p) => p,
            // After closePath() the current point is the subpath's first point.
            DeviceSegment::Close => match first {
                Some(p) => p,
                None => continue,
            },
        };
        last = Some((f64::from(point.x), f64::from(point.y)));
    }
    last
}

/// Parses SVG path data (<https://svgwg.org/svg2-draft/paths.html#PathDataBNF>) into `path`,
/// following SVG's error handling: the segments before the first error are kept. Relative,
/// shorthand and arc commands arrive resolved to absolute lines and curves (arcs as cubic
/// Bézier curves) from svgtypes' simplifying parser. Returns the last point.
fn add_svg_path_data(path: &mut Path, data: &str) -> Option<(f64, f64)> {
    use svgtypes::SimplePathSegment as S;
    let mut last = None;
    let mut subpath_start = None;
    for segment in svgtypes::SimplifyingPathParser::from(data) {
        let Ok(segment) = segment else { break };
        match segment {
            S::MoveTo { x, y } => {
                path.move_to(x, y);
                subpath_start = Some((x, y));
                last = Some((x, y));
            }
            S::LineTo { x, y } => {
                path.line_to(x, y);
                last = Some((x, y));
            }
            S::CurveTo { x1, y1, x2, y2, x, y } => {
                path.bezier_curve_to(x1, y1, x2, y2, x, y);
                last = Some((x, y));
            }
            S::Quadratic { x1, y1, x, y } => {
                path.quadratic_curve_to(x1, y1, x, y);
                last = Some((x, y));
            }
            S::ClosePath => {
                path.close_path();
                last = subpath_start;
            }
        }
    }
    last
}

impl Path2DMethods for Path2D {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-path2d>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        path: Option<Path2DOrString>,
    ) -> Fallible<DomRoot<Path2D>> {
        // 1. Let output be a new Path2D object.
        let output = match path {
            // 2. If path is not given, return output.
            None => Path::new(),
            // 3. If path is a Path2D object, then add all subpaths of path to output and return
            //    output. (In other words, it returns a copy of the argument.)
            Some(Path2DOrString::Path2D(other)) => other.path(),
            Some(Path2DOrString::String(data)) => {
                let mut output = Path::new();
                // 4. Let svgPath be the result of parsing and interpreting path according to
                //    SVG 2's rules for path data. 5. Let (x, y) be the last point in svgPath.
                //    6. Add all the subpaths, if any, from svgPath to output.
                let last = add_svg_path_data(&mut output, &data.to_string());
                // 7. Create a new subpath in output with (x, y) as the only point in the subpath.
                if let Some((x, y)) = last {
                    output.move_to(x, y);
                }
                output
            }
        };
        // 8. Return output.
        let object = Path2D { reflector_: Reflector::new(), path: RefCell::new(output) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(object), global, proto))
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-path2d-addpath>
    fn AddPath(&self, _cx: &mut JSContext, path: &Path2D, transform: &DOMMatrix2DInit) -> Fallible<()> {
        // 1. If the Path2D object path has no subpaths, then return.
        let other = path.path();
        if other.is_empty() {
            return Ok(());
        }
        // 2. Let matrix be the result of creating a DOMMatrix from the 2D dictionary transform.
        let m = matrix_from_2d_dictionary(transform)?;
        // 3. If one or more of matrix's m11, m12, m21, m22, m41, or m42 are infinite or NaN,
        //    then return.
        let six = [m.m11, m.m12, m.m21, m.m22, m.m41, m.m42];
        if six.iter().any(|v| !v.is_finite()) {
            return Ok(());
        }
        let [a, b, c, d, e, f] = six.map(|v| v as f32);
        let matrix = Transform2D::new(a, b, c, d, e, f);
        // 4–5. Create a copy of all the subpaths in path, transformed by matrix. 6. Let (x, y)
        //      be the last point in the last subpath of c.
        let last = last_point(&flatten_path(&other, &matrix));
        // 7. Add all the subpaths in c to the Path2D object.
        let mut own = self.path.borrow_mut();
        own.add_path(&other, matrix);
        // 8. Create a new subpath in the Path2D object with (x, y) as the only point in the
        //    subpath.
        if let Some((x, y)) = last {
            own.move_to(x, y);
        }
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-closepath>
    fn ClosePath(&self, _cx: &mut JSContext) {
        self.path.borrow_mut().close_path();
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-moveto>
    fn MoveTo(&self, _cx: &mut JSContext, x: f64, y: f64) {
        self.path.borrow_mut().move_to(x, y);
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-lineto>
    fn LineTo(&self, _cx: &mut JSContext, x: f64, y: f64) {
        self.path.borrow_mut().line_to(x, y);
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-quadraticcurveto>
    fn QuadraticCurveTo(&self, _cx: &mut JSContext, cpx: f64, cpy: f64, x: f64, y: f64) {
        self.path.borrow_mut().quadratic_curve_to(cpx, cpy, x, y);
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-beziercurveto>
    fn BezierCurveTo(&self, _cx: &mut JSContext, cp1x: f64, cp1y: f64, cp2x: f64, cp2y: f64, x: f64, y: f64) {
        self.path.borrow_mut().bezier_curve_to(cp1x, cp1y, cp2x, cp2y, x, y);
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-arcto>
    fn ArcTo(&self, _cx: &mut JSContext, x1: f64, y1: f64, x2: f64, y2: f64, radius: f64) -> Fallible<()> {
        self.path.borrow_mut().arc_to(x1, y1, x2, y2, radius).map_err(canvas_error)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-rect>
    fn Rect(&self, _cx: &mut JSContext, x: f64, y: f64, w: f64, h: f64) {
        self.path.borrow_mut().rect(x, y, w, h);
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-roundrect>
    fn RoundRect(&self, _cx: &mut JSContext, x: f64, y: f64, w: f64, h: f64, radii: Radii) -> Fallible<()> {
        self.path.borrow_mut().round_rect(x, y, w, h, &corner_radii(radii)).map_err(canvas_error)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-arc>
    fn Arc(
        &self,
        _cx: &mut JSContext,
        x: f64,
        y: f64,
        radius: f64,
        start_angle: f64,
        end_angle: f64,
        counterclockwise: bool,
    ) -> Fallible<()> {
        self.path.borrow_mut().arc(x, y, radius, start_angle, end_angle, counterclockwise).map_err(canvas_error)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-ellipse>
    fn Ellipse(
        &self,
        _cx: &mut JSContext,
        x: f64,
        y: f64,
        radius_x: f64,
        radius_y: f64,
        rotation: f64,
        start_angle: f64,
        end_angle: f64,
        counterclockwise: bool,
    ) -> Fallible<()> {
        self.path
            .borrow_mut()
            .ellipse(x, y, radius_x, radius_y, rotation, start_angle, end_angle, counterclockwise)
            .map_err(canvas_error)
    }
}

//! `DOMPointReadOnly` and `DOMPoint` (<https://drafts.fxtf.org/geometry/#DOMPoint>).

use std::cell::Cell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::{HandleObject, MutableHandleValue};

use super::dommatrix::{matrix_from_dictionary, write_json};
use super::matrix::Matrix;
use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::DOMPointBinding::DOMPointMethods;
use crate::dom::bindings::codegen::DOMPointReadOnlyBinding::DOMPointReadOnlyMethods;
use crate::dom::bindings::codegen::Dictionaries::{DOMMatrixInit, DOMPointInit};
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// The four coordinates of a point.
pub type Coordinates = (f64, f64, f64, f64);

#[dom_struct]
pub struct DOMPointReadOnly {
    reflector_: Reflector,
    #[no_trace]
    point: Cell<Coordinates>,
}

impl DOMPointReadOnly {
    fn new_inherited(point: Coordinates) -> DOMPointReadOnly {
        DOMPointReadOnly { reflector_: Reflector::new(), point: Cell::new(point) }
    }

    /// The coordinates.
    pub fn coordinates(&self) -> Coordinates {
        self.point.get()
    }

    /// A new `DOMPointReadOnly` (structured deserialization).
    pub fn new(cx: &mut JSContext, window: &Window, point: Coordinates) -> DomRoot<DOMPointReadOnly> {
        reflect_dom_object(cx, Box::new(DOMPointReadOnly::new_inherited(point)), window)
    }
}

/// <https://drafts.fxtf.org/geometry/#transform-a-point-with-a-matrix>: the point as a column
/// vector (x, y, z, w), pre-multiplied by the matrix.
pub fn transform_point(matrix: &Matrix, (x, y, z, w): Coordinates) -> Coordinates {
    let m = matrix;
    (
        m.m11 * x + m.m21 * y + m.m31 * z + m.m41 * w,
        m.m12 * x + m.m22 * y + m.m32 * z + m.m42 * w,
        m.m13 * x + m.m23 * y + m.m33 * z + m.m43 * w,
        m.m14 * x + m.m24 * y + m.m34 * z + m.m44 * w,
    )
}

/// <https://drafts.fxtf.org/geometry/#create-a-dompoint-from-the-dictionary>
pub fn coordinates_of(init: &DOMPointInit) -> Coordinates {
    (init.x, init.y, init.z, init.w)
}

impl DOMPointReadOnlyMethods for DOMPointReadOnly {
    /// <https://drafts.fxtf.org/geometry/#dom-dompointreadonly-dompointreadonly>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        x: f64,
        y: f64,
        z: f64,
        w: f64,
    ) -> Fallible<DomRoot<DOMPointReadOnly>> {
        Ok(reflect_dom_object_with_proto(cx, Box::new(DOMPointReadOnly::new_inherited((x, y, z, w))), global, proto))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompointreadonly-frompoint>
    fn FromPoint(cx: &mut JSContext, global: &Window, other: &DOMPointInit) -> DomRoot<DOMPointReadOnly> {
        reflect_dom_object(cx, Box::new(DOMPointReadOnly::new_inherited(coordinates_of(other))), global)
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompointreadonly-x>
    fn X(&self, _cx: &mut JSContext) -> f64 {
        self.point.get().0
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompointreadonly-y>
    fn Y(&self, _cx: &mut JSContext) -> f64 {
        self.point.get().1
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompointreadonly-z>
    fn Z(&self, _cx: &mut JSContext) -> f64 {
        self.point.get().2
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompointreadonly-w>
    fn W(&self, _cx: &mut JSContext) -> f64 {
        self.point.get().3
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompointreadonly-matrixtransform>:
    /// 1. Let matrixObject be the result of invoking create a DOMMatrix from the dictionary matrix.
    /// 2. Return the result of invoking transform a point with a matrix, given the current point
    ///    and matrixObject.
    fn MatrixTransform(&self, cx: &mut JSContext, matrix: &DOMMatrixInit) -> Fallible<DomRoot<DOMPoint>> {
        let (matrix, _) = matrix_from_dictionary(matrix)?;
        let window = self.global();
        Ok(DOMPoint::new(cx, &window, transform_point(&matrix, self.point.get())))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompointreadonly-tojson>
    fn ToJSON(&self, cx: &mut JSContext, retval: MutableHandleValue) {
        let (x, y, z, w) = self.point.get();
        write_json(cx, &[(c"x", x), (c"y", y), (c"z", z), (c"w", w)], &[], retval);
    }
}

#[dom_struct]
pub struct DOMPoint {
    point: DOMPointReadOnly,
}

impl DOMPoint {
    /// A new `DOMPoint`.
    pub fn new(cx: &mut JSContext, window: &Window, point: Coordinates) -> DomRoot<DOMPoint> {
        reflect_dom_object(cx, Box::new(DOMPoint { point: DOMPointReadOnly::new_inherited(point) }), window)
    }

    fn update(&self, f: impl FnOnce(&mut Coordinates)) {
        let mut p = self.point.point.get();
        f(&mut p);
        self.point.point.set(p);
    }

    /// The coordinates.
    pub fn coordinates(&self) -> Coordinates {
        self.point.point.get()
    }
}

impl DOMPointMethods for DOMPoint {
    /// <https://drafts.fxtf.org/geometry/#dom-dompoint-dompoint>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        x: f64,
        y: f64,
        z: f64,
        w: f64,
    ) -> Fallible<DomRoot<DOMPoint>> {
        let point = DOMPoint { point: DOMPointReadOnly::new_inherited((x, y, z, w)) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(point), global, proto))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompoint-frompoint>
    fn FromPoint(cx: &mut JSContext, global: &Window, other: &DOMPointInit) -> DomRoot<DOMPoint> {
        DOMPoint::new(cx, global, coordinates_of(other))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompoint-x>
    fn X(&self, _cx: &mut JSContext) -> f64 {
        self.point.point.get().0
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompoint-x>
    fn SetX(&self, _cx: &mut JSContext, value: f64) {
        self.update(|p| p.0 = value);
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompoint-y>
    fn Y(&self, _cx: &mut JSContext) -> f64 {
        self.point.point.get().1
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompoint-y>
    fn SetY(&self, _cx: &mut JSContext, value: f64) {
        self.update(|p| p.1 = value);
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompoint-z>
    fn Z(&self, _cx: &mut JSContext) -> f64 {
        self.point.point.get().2
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompoint-z>
    fn SetZ(&self, _cx: &mut JSContext, value: f64) {
        self.update(|p| p.2 = value);
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompoint-w>
    fn W(&self, _cx: &mut JSContext) -> f64 {
        self.point.point.get().3
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dompoint-w>
    fn SetW(&self, _cx: &mut JSContext, value: f64) {
        self.update(|p| p.3 = value);
    }
}

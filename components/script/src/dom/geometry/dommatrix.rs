//! `DOMMatrixReadOnly` and `DOMMatrix` (<https://drafts.fxtf.org/geometry/#DOMMatrix>), on the
//! abstract matrix of [`super::matrix`].

use std::cell::Cell;
use std::ffi::CStr;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::{BooleanValue, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleValue};

use super::dompoint::{DOMPoint, coordinates_of, transform_point};
use super::matrix::{self, Matrix};
use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::DOMMatrixBinding::DOMMatrixMethods;
use crate::dom::bindings::codegen::DOMMatrixReadOnlyBinding::DOMMatrixReadOnlyMethods;
use crate::dom::bindings::codegen::Dictionaries::{DOMMatrix2DInit, DOMMatrixInit, DOMPointInit};
use crate::dom::bindings::codegen::Unions::StringOrUnrestrictedDoubleSequence;
use crate::dom::bindings::conversions::{
    ToJSVal, new_float32_array, new_float64_array, new_plain_object, set_dictionary_property, with_view_bytes_mut,
};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::num::number_to_string;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// <https://drafts.fxtf.org/geometry/#dommatrixreadonly>: the matrix and its is2D flag.
#[dom_struct]
pub struct DOMMatrixReadOnly {
    reflector_: Reflector,
    #[no_trace]
    matrix: Cell<Matrix>,
    is_2d: Cell<bool>,
}

impl DOMMatrixReadOnly {
    fn new_inherited(matrix: Matrix, is_2d: bool) -> DOMMatrixReadOnly {
        DOMMatrixReadOnly { reflector_: Reflector::new(), matrix: Cell::new(matrix), is_2d: Cell::new(is_2d) }
    }

    /// A new `DOMMatrixReadOnly` (structured deserialization).
    pub fn new(cx: &mut JSContext, window: &Window, m: Matrix, is_2d: bool) -> DomRoot<DOMMatrixReadOnly> {
        reflect_dom_object(cx, Box::new(DOMMatrixReadOnly::new_inherited(m, is_2d)), window)
    }

    /// The matrix and its is2D flag.
    pub fn matrix(&self) -> (Matrix, bool) {
        (self.matrix.get(), self.is_2d.get())
    }

    /// A new `DOMMatrix` holding this matrix (the first step of every immutable method:
    /// "Let result be the resulting matrix initialized to the values of the current matrix").
    fn copy(&self, cx: &mut JSContext) -> DomRoot<DOMMatrix> {
        let window = self.global();
        DOMMatrix::new(cx, &window, self.matrix.get(), self.is_2d.get())
    }

    fn element(&self, f: impl Fn(&Matrix) -> f64) -> f64 {
        f(&self.matrix.get())
    }

    /// Sets an element; the elements of the third row/column (and m34…) clear is2D when set to
    /// a value other than the identity's (the DOMMatrix setters).
    fn set_element(&self, f: impl FnOnce(&mut Matrix), affects_2d: Option<f64>) {
        let mut m = self.matrix.get();
        f(&mut m);
        self.matrix.set(m);
        if let Some(identity) = affects_2d {
            // "If the value is not 0 or -0" (1 for m33 and m44), "set is 2D to false".
            if m_value_differs(&m, identity) {
                self.is_2d.set(false);
            }
        }
    }

    fn post_multiply_self(&self, other: &Matrix) {
        self.matrix.set(matrix::post_multiply(&self.matrix.get(), other));
    }

    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-translateself>
    fn translate_self(&self, tx: f64, ty: f64, tz: f64) {
        // 1. Post-multiply a translation transformation on the current matrix.
        self.post_multiply_self(&matrix::translation(tx, ty, tz));
        // 2. If tz is specified and not 0 or -0, set is 2D of the current matrix to false.
        if tz != 0.0 {
            self.is_2d.set(false);
        }
    }

    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-scaleself>
    fn scale_self(&self, sx: f64, sy: Option<f64>, sz: f64, ox: f64, oy: f64, oz: f64) {
        // 1. Perform a translateSelf() transformation with arguments originX, originY, originZ.
        self.translate_self(ox, oy, oz);
        // 2. If scaleY is missing, set scaleY to the value of scaleX.
        let sy = sy.unwrap_or(sx);
        // 3. Post-multiply a non-uniform scale transformation.
        self.post_multiply_self(&matrix::scaling(sx, sy, sz));
        // 4. Negate originX, originY and originZ. 5. Perform a translateSelf() with them.
        self.translate_self(-ox, -oy, -oz);
        // 6. If scaleZ is not 1, set is 2D of the current matrix to false.
        if sz != 1.0 {
            self.is_2d.set(false);
        }
    }

    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-scale3dself>
    fn scale3d_self(&self, scale: f64, ox: f64, oy: f64, oz: f64) {
        // 1. translateSelf(originX, originY, originZ). 2. Post-multiply a uniform 3D scale.
        self.translate_self(ox, oy, oz);
        self.post_multiply_self(&matrix::scaling(scale, scale, scale));
        // 3. Negate the origins. 4. translateSelf with them.
        self.translate_self(-ox, -oy, -oz);
        // 5. If scale is not 1, set is 2D of the current matrix to false.
        if scale != 1.0 {
            self.is_2d.set(false);
        }
    }

    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-rotateself>
    fn rotate_self(&self, rot_x: f64, rot_y: Option<f64>, rot_z: Option<f64>) {
        // 1. If rotY and rotZ are both missing, set rotZ to the value of rotX and set rotX and
        //    rotY to 0.
        let (rot_x, rot_y, rot_z) = match (rot_y, rot_z) {
            (None, None) => (0.0, 0.0, rot_x),
            // 2. If rotY is still missing, set rotY to 0. 3. If rotZ is still missing, set rotZ to 0.
            (y, z) => (rot_x, y.unwrap_or(0.0), z.unwrap_or(0.0)),
        };
        // 4. If rotX or rotY are not 0 or -0, set is 2D of the current matrix to false.
        if rot_x != 0.0 || rot_y != 0.0 {
            self.is_2d.set(false);
        }
        // 5. Post-multiply a rotation around the vector (0, 0, 1) by rotZ degrees.
        self.post_multiply_self(&matrix::rotation(0.0, 0.0, 1.0, rot_z));
        // 6. … around (0, 1, 0) by rotY degrees. 7. … around (1, 0, 0) by rotX degrees.
        self.post_multiply_self(&matrix::rotation(0.0, 1.0, 0.0, rot_y));
        self.post_multiply_self(&matrix::rotation(1.0, 0.0, 0.0, rot_x));
    }

    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-rotatefromvectorself>: post-multiply a
    /// rotation by the angle between (1, 0) and (x, y) (0 when both are 0).
    fn rotate_from_vector_self(&self, x: f64, y: f64) {
        let angle = if x == 0.0 && y == 0.0 { 0.0 } else { y.atan2(x).to_degrees() };
        self.post_multiply_self(&matrix::rotation(0.0, 0.0, 1.0, angle));
    }

    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-rotateaxisangleself>
    fn rotate_axis_angle_self(&self, x: f64, y: f64, z: f64, angle: f64) {
        // 1. Post-multiply a rotation around the vector (x, y, z) by angle degrees.
        self.post_multiply_self(&matrix::rotation(x, y, z, angle));
        // 2. If x or y are not 0 or -0, set is 2D of the current matrix to false.
        if x != 0.0 || y != 0.0 {
            self.is_2d.set(false);
        }
    }

    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-multiplyself>
    fn multiply_self(&self, other: &DOMMatrixInit) -> Fallible<()> {
        // 1. Let otherObject be the result of invoking create a DOMMatrix from the dictionary other.
        let (other, other_is_2d) = matrix_from_dictionary(other)?;
        // 2. The otherObject matrix gets post-multiplied to the current matrix.
        self.post_multiply_self(&other);
        // 3. If is 2D of otherObject is false, set is 2D of the current matrix to false.
        if !other_is_2d {
            self.is_2d.set(false);
        }
        Ok(())
    }

    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-invertself>
    fn invert_self(&self) {
        // 1. Invert the current matrix.
        match matrix::invert(&self.matrix.get()) {
            Some(inverse) => self.matrix.set(inverse),
            // 2. If the current matrix is not invertible set all attributes to NaN and set is 2D
            //    to false.
            None => {
                self.matrix.set(matrix::nan_matrix());
                self.is_2d.set(false);
            }
        }
    }

    fn set_matrix_value(&self, transform_list: &str) -> Fallible<()> {
        // 1. Parse transformList into an abstract matrix, and let matrix and 2dTransform be the
        //    result. If the result is failure, then throw a "SyntaxError" DOMException.
        let (m, is_2d) = parse(transform_list)?;
        // 2. Set is 2D to the value of 2dTransform. 3. Set m11 … m44 to the elements of matrix.
        self.is_2d.set(is_2d);
        self.matrix.set(m);
        Ok(())
    }
}

/// Whether any element that an identity 2D matrix pins (0, or 1 for m33/m44) has another value.
fn m_value_differs(m: &Matrix, _identity: f64) -> bool {
    [m.m13, m.m14, m.m23, m.m24, m.m31, m.m32, m.m34, m.m43].iter().any(|v| *v != 0.0) || m.m33 != 1.0 || m.m44 != 1.0
}

fn parse(transform_list: &str) -> Fallible<(Matrix, bool)> {
    matrix::parse_transform_list(transform_list)
        .map_err(|()| Error::Syntax(format!("'{transform_list}' is not a transform list")))
}

fn same_value_zero(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// <https://drafts.fxtf.org/geometry/#matrix-validate-and-fixup-2d>: the six 2D elements
/// (m11, m12, m21, m22, m41, m42).
fn validate_and_fixup_2d(dict: &DOMMatrix2DInit) -> Fallible<[f64; 6]> {
    // 1. If at least one of the following conditions are true for dict, then throw a TypeError:
    //    a and m11 are both present and SameValueZero(a, m11) is false; likewise b/m12, c/m21,
    //    d/m22, e/m41, f/m42.
    let pairs = [
        (dict.a, dict.m11),
        (dict.b, dict.m12),
        (dict.c, dict.m21),
        (dict.d, dict.m22),
        (dict.e, dict.m41),
        (dict.f, dict.m42),
    ];
    for (alias, element) in pairs {
        if let (Some(alias), Some(element)) = (alias, element)
            && !same_value_zero(alias, element)
        {
            return Err(Error::Type("the matrix dictionary gives two different values for one element".into()));
        }
    }
    // 2–7. If m11 is not present then set it to the value of member a, or value 1 if a is also
    //      not present (m12 ← b or 0, m21 ← c or 0, m22 ← d or 1, m41 ← e or 0, m42 ← f or 0).
    let pick = |element: Option<f64>, alias: Option<f64>, default: f64| element.or(alias).unwrap_or(default);
    Ok([
        pick(dict.m11, dict.a, 1.0),
        pick(dict.m12, dict.b, 0.0),
        pick(dict.m21, dict.c, 0.0),
        pick(dict.m22, dict.d, 1.0),
        pick(dict.m41, dict.e, 0.0),
        pick(dict.m42, dict.f, 0.0),
    ])
}

/// <https://drafts.fxtf.org/geometry/#create-a-dommatrix-from-the-2d-dictionary>: the matrix of a
/// `DOMMatrix2DInit` (used by the 2D canvas's `setTransform()` and `addPath()`).
pub fn matrix_from_2d_dictionary(dict: &DOMMatrix2DInit) -> Fallible<Matrix> {
    // 1. Validate and fixup (2D) other. 2. Return the result of invoking create a 2d matrix
    //    with the six elements m11, m12, m21, m22, m41 and m42.
    let [a, b, c, d, e, f] = validate_and_fixup_2d(dict)?;
    Ok(matrix::from_2d(a, b, c, d, e, f))
}

/// <https://drafts.fxtf.org/geometry/#create-a-dommatrix-from-the-dictionary>: the matrix and its
/// is2D flag, after <https://drafts.fxtf.org/geometry/#matrix-validate-and-fixup>.
pub fn matrix_from_dictionary(dict: &DOMMatrixInit) -> Fallible<(Matrix, bool)> {
    // 1. Validate and fixup (2D) dict.
    let [m11, m12, m21, m22, m41, m42] = validate_and_fixup_2d(&dict.parent)?;
    let zeros = [dict.m13, dict.m14, dict.m23, dict.m24, dict.m31, dict.m32, dict.m34, dict.m43];
    let is_3d_content = zeros.iter().any(|v| *v != 0.0) || dict.m33 != 1.0 || dict.m44 != 1.0;
    // 2. If is2D is true and: at least one of m13, m14, m23, m24, m31, m32, m34, m43 are present
    //    with a value other than 0 or -0, or at least one of m33, m44 are present with a value
    //    other than 1, then throw a TypeError.
    if dict.is2_d == Some(true) && is_3d_content {
        return Err(Error::Type("is2D is true but the matrix dictionary has 3D elements".into()));
    }
    // 3. If is2D is not present and at least one of those … set is2D to false.
    // 4. If is2D is still not present, set it to true.
    let is_2d = dict.is2_d.unwrap_or(!is_3d_content);
    // create a DOMMatrix from the dictionary: if is2D is true, a 2d matrix with the six elements
    // m11, m12, m21, m22, m41, m42; otherwise a 3d matrix with the sixteen.
    let m = if is_2d {
        matrix::from_2d(m11, m12, m21, m22, m41, m42)
    } else {
        matrix::from_elements(&[
            m11, m12, dict.m13, dict.m14, m21, m22, dict.m23, dict.m24, dict.m31, dict.m32, dict.m33, dict.m34, m41,
            m42, dict.m43, dict.m44,
        ])
    };
    Ok((m, is_2d))
}

/// <https://drafts.fxtf.org/geometry/#create-a-dommatrix-from-the-sequence> (also the
/// `fromFloat32Array()`/`fromFloat64Array()` steps): 6 elements are a 2D matrix, 16 a 3D one,
/// any other length a TypeError.
fn matrix_from_sequence(values: &[f64]) -> Fallible<(Matrix, bool)> {
    match values.len() {
        6 => Ok((matrix::from_2d(values[0], values[1], values[2], values[3], values[4], values[5]), true)),
        16 => Ok((matrix::from_elements(values.try_into().expect("16 values")), false)),
        n => Err(Error::Type(format!("a matrix needs 6 or 16 elements, not {n}"))),
    }
}

/// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-dommatrixreadonly>: the matrix of
/// the constructor argument.
fn matrix_from_init(global: &Window, init: Option<StringOrUnrestrictedDoubleSequence>) -> Fallible<(Matrix, bool)> {
    match init {
        // 1. If init is omitted, return an identity matrix with is2D true.
        None => Ok((Matrix::identity(), true)),
        // 2. If init is a DOMString: 1. If current global object is not a Window object, then
        //    throw a TypeError exception. 2. Parse init into an abstract matrix; failure is a
        //    "SyntaxError".
        Some(StringOrUnrestrictedDoubleSequence::String(_)) if global.is_worker() => {
            Err(Error::Type("A DOMMatrix is made from a string only in a Window.".into()))
        }
        Some(StringOrUnrestrictedDoubleSequence::String(s)) => parse(&s.to_string()),
        // 3. If init is a sequence: create from the sequence.
        Some(StringOrUnrestrictedDoubleSequence::UnrestrictedDoubleSequence(values)) => matrix_from_sequence(&values),
    }
}

fn float32_values(array: HandleObject) -> Vec<f64> {
    with_view_bytes_mut(array, |bytes| {
        bytes.chunks_exact(4).map(|c| f64::from(f32::from_ne_bytes(c.try_into().expect("4 bytes")))).collect()
    })
}

fn float64_values(array: HandleObject) -> Vec<f64> {
    with_view_bytes_mut(array, |bytes| {
        bytes.chunks_exact(8).map(|c| f64::from_ne_bytes(c.try_into().expect("8 bytes"))).collect()
    })
}

/// Writes a plain object with the given number and boolean members to `retval` (the default
/// toJSON steps of the geometry interfaces).
pub fn write_json(
    cx: &mut JSContext,
    numbers: &[(&'static CStr, f64)],
    booleans: &[(&'static CStr, bool)],
    mut retval: MutableHandleValue,
) {
    rooted!(&in(cx) let object = new_plain_object(cx));
    rooted!(&in(cx) let mut value = UndefinedValue());
    for (name, v) in numbers {
        v.to_jsval(cx, value.handle_mut());
        set_dictionary_property(cx, object.handle(), name, value.handle());
    }
    for (name, v) in booleans {
        value.set(BooleanValue(*v));
        set_dictionary_property(cx, object.handle(), name, value.handle());
    }
    retval.set(ObjectValue(object.get()));
}

/// ToString of a Number (-0 gives "0").
fn js_number(v: f64) -> String {
    if v == 0.0 { "0".into() } else { number_to_string(v) }
}

macro_rules! read_only_members {
    ($self:ident, $inner:expr) => {
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-a>
        fn A(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m11) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-b>
        fn B(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m12) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-c>
        fn C(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m21) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-d>
        fn D(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m22) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-e>
        fn E(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m41) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-f>
        fn F(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m42) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m11>
        fn M11(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m11) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m12>
        fn M12(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m12) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m13>
        fn M13(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m13) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m14>
        fn M14(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m14) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m21>
        fn M21(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m21) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m22>
        fn M22(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m22) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m23>
        fn M23(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m23) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m24>
        fn M24(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m24) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m31>
        fn M31(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m31) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m32>
        fn M32(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m32) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m33>
        fn M33(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m33) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m34>
        fn M34(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m34) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m41>
        fn M41(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m41) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m42>
        fn M42(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m42) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m43>
        fn M43(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m43) }
        /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-m44>
        fn M44(&$self, _cx: &mut JSContext) -> f64 { $inner.element(|m| m.m44) }
    };
}

impl DOMMatrixReadOnlyMethods for DOMMatrixReadOnly {
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-dommatrixreadonly>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: Option<StringOrUnrestrictedDoubleSequence>,
    ) -> Fallible<DomRoot<DOMMatrixReadOnly>> {
        let (m, is_2d) = matrix_from_init(global, init)?;
        Ok(reflect_dom_object_with_proto(cx, Box::new(DOMMatrixReadOnly::new_inherited(m, is_2d)), global, proto))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-frommatrix>
    fn FromMatrix(cx: &mut JSContext, global: &Window, other: &DOMMatrixInit) -> Fallible<DomRoot<DOMMatrixReadOnly>> {
        let (m, is_2d) = matrix_from_dictionary(other)?;
        Ok(reflect_dom_object(cx, Box::new(DOMMatrixReadOnly::new_inherited(m, is_2d)), global))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-fromfloat32array>
    fn FromFloat32Array(
        cx: &mut JSContext,
        global: &Window,
        array32: HandleObject,
    ) -> Fallible<DomRoot<DOMMatrixReadOnly>> {
        let (m, is_2d) = matrix_from_sequence(&float32_values(array32))?;
        Ok(reflect_dom_object(cx, Box::new(DOMMatrixReadOnly::new_inherited(m, is_2d)), global))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-fromfloat64array>
    fn FromFloat64Array(
        cx: &mut JSContext,
        global: &Window,
        array64: HandleObject,
    ) -> Fallible<DomRoot<DOMMatrixReadOnly>> {
        let (m, is_2d) = matrix_from_sequence(&float64_values(array64))?;
        Ok(reflect_dom_object(cx, Box::new(DOMMatrixReadOnly::new_inherited(m, is_2d)), global))
    }

    read_only_members!(self, self);

    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-is2d>
    fn Is2D(&self, _cx: &mut JSContext) -> bool {
        self.is_2d.get()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-isidentity>
    fn IsIdentity(&self, _cx: &mut JSContext) -> bool {
        matrix::is_identity(&self.matrix.get())
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-translate>
    fn Translate(&self, cx: &mut JSContext, tx: f64, ty: f64, tz: f64) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.translate_self(tx, ty, tz);
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-scale>: "If scaleY is missing,
    /// set scaleY to the value of scaleX", then scaleSelf() on a copy.
    fn Scale(
        &self,
        cx: &mut JSContext,
        sx: f64,
        sy: Option<f64>,
        sz: f64,
        ox: f64,
        oy: f64,
        oz: f64,
    ) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.scale_self(sx, Some(sy.unwrap_or(sx)), sz, ox, oy, oz);
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-scalenonuniform>: scaleSelf(scaleX,
    /// scaleY, 1, 0, 0, 0) on a copy.
    fn ScaleNonUniform(&self, cx: &mut JSContext, sx: f64, sy: f64) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.scale_self(sx, Some(sy), 1.0, 0.0, 0.0, 0.0);
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-scale3d>
    fn Scale3d(&self, cx: &mut JSContext, scale: f64, ox: f64, oy: f64, oz: f64) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.scale3d_self(scale, ox, oy, oz);
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-rotate>
    fn Rotate(&self, cx: &mut JSContext, rot_x: f64, rot_y: Option<f64>, rot_z: Option<f64>) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.rotate_self(rot_x, rot_y, rot_z);
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-rotatefromvector>
    fn RotateFromVector(&self, cx: &mut JSContext, x: f64, y: f64) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.rotate_from_vector_self(x, y);
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-rotateaxisangle>
    fn RotateAxisAngle(&self, cx: &mut JSContext, x: f64, y: f64, z: f64, angle: f64) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.rotate_axis_angle_self(x, y, z, angle);
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-skewx>
    fn SkewX(&self, cx: &mut JSContext, sx: f64) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.post_multiply_self(&matrix::skewing(sx, 0.0));
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-skewy>
    fn SkewY(&self, cx: &mut JSContext, sy: f64) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.post_multiply_self(&matrix::skewing(0.0, sy));
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-multiply>
    fn Multiply(&self, cx: &mut JSContext, other: &DOMMatrixInit) -> Fallible<DomRoot<DOMMatrix>> {
        let result = self.copy(cx);
        result.matrix.multiply_self(other)?;
        Ok(result)
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-flipx>: post-multiply
    /// `matrix(-1, 0, 0, 1, 0, 0)` on a copy.
    fn FlipX(&self, cx: &mut JSContext) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.post_multiply_self(&matrix::from_2d(-1.0, 0.0, 0.0, 1.0, 0.0, 0.0));
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-flipy>: post-multiply
    /// `matrix(1, 0, 0, -1, 0, 0)` on a copy.
    fn FlipY(&self, cx: &mut JSContext) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.post_multiply_self(&matrix::from_2d(1.0, 0.0, 0.0, -1.0, 0.0, 0.0));
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-inverse>
    fn Inverse(&self, cx: &mut JSContext) -> DomRoot<DOMMatrix> {
        let result = self.copy(cx);
        result.matrix.invert_self();
        result
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-transformpoint>:
    /// 1. Let pointObject be the result of invoking create a DOMPoint from the dictionary point.
    /// 2. Return the result of invoking transform a point with a matrix, given pointObject and
    ///    the current matrix.
    fn TransformPoint(&self, cx: &mut JSContext, point: &DOMPointInit) -> DomRoot<DOMPoint> {
        let window = self.global();
        DOMPoint::new(cx, &window, transform_point(&self.matrix.get(), coordinates_of(point)))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-tofloat32array>
    fn ToFloat32Array(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        let values = matrix::elements(&self.matrix.get()).map(|v| v as f32);
        new_float32_array(cx, &values, rval);
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-tofloat64array>
    fn ToFloat64Array(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        new_float64_array(cx, &matrix::elements(&self.matrix.get()), rval);
    }
    /// <https://drafts.fxtf.org/geometry/#dommatrixreadonly-stringification-behavior>
    fn Stringifier(&self, _cx: &mut JSContext) -> Fallible<DOMString> {
        let m = self.matrix.get();
        let elements = matrix::elements(&m);
        // 1. If one or more of m11 … m44 are a non-finite value, then throw an
        //    "InvalidStateError" DOMException.
        if elements.iter().any(|v| !v.is_finite()) {
            return Err(Error::InvalidState("a matrix with non-finite elements has no string form".into()));
        }
        // 2. Let string be the empty string. 3. If is 2D is true: "matrix(" followed by
        //    ToString of a, b, c, d, e, f separated by ", ", then ")". 4. Otherwise the same
        //    with "matrix3d(" and all sixteen elements.
        let (name, values): (&str, Vec<f64>) = if self.is_2d.get() {
            ("matrix", vec![m.m11, m.m12, m.m21, m.m22, m.m41, m.m42])
        } else {
            ("matrix3d", elements.to_vec())
        };
        let list: Vec<String> = values.into_iter().map(js_number).collect();
        Ok(format!("{name}({})", list.join(", ")).into())
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrixreadonly-tojson>: the default toJSON steps
    /// (a … f, m11 … m44, is2D, isIdentity).
    fn ToJSON(&self, cx: &mut JSContext, retval: MutableHandleValue) {
        let m = self.matrix.get();
        let e = matrix::elements(&m);
        let numbers = [
            (c"a", m.m11),
            (c"b", m.m12),
            (c"c", m.m21),
            (c"d", m.m22),
            (c"e", m.m41),
            (c"f", m.m42),
            (c"m11", e[0]),
            (c"m12", e[1]),
            (c"m13", e[2]),
            (c"m14", e[3]),
            (c"m21", e[4]),
            (c"m22", e[5]),
            (c"m23", e[6]),
            (c"m24", e[7]),
            (c"m31", e[8]),
            (c"m32", e[9]),
            (c"m33", e[10]),
            (c"m34", e[11]),
            (c"m41", e[12]),
            (c"m42", e[13]),
            (c"m43", e[14]),
            (c"m44", e[15]),
        ];
        let booleans = [(c"is2D", self.is_2d.get()), (c"isIdentity", matrix::is_identity(&m))];
        write_json(cx, &numbers, &booleans, retval);
    }
}

/// <https://drafts.fxtf.org/geometry/#dommatrix>
#[dom_struct]
pub struct DOMMatrix {
    matrix: DOMMatrixReadOnly,
}

impl DOMMatrix {
    /// A new `DOMMatrix`.
    pub fn new(cx: &mut JSContext, window: &Window, m: Matrix, is_2d: bool) -> DomRoot<DOMMatrix> {
        reflect_dom_object(cx, Box::new(DOMMatrix { matrix: DOMMatrixReadOnly::new_inherited(m, is_2d) }), window)
    }

    fn with_proto(
        cx: &mut JSContext,
        window: &Window,
        proto: Option<HandleObject>,
        (m, is_2d): (Matrix, bool),
    ) -> DomRoot<DOMMatrix> {
        let object = DOMMatrix { matrix: DOMMatrixReadOnly::new_inherited(m, is_2d) };
        reflect_dom_object_with_proto(cx, Box::new(object), window, proto)
    }

    fn this(&self) -> DomRoot<DOMMatrix> {
        DomRoot::from_ref(self)
    }
}

macro_rules! setters {
    ($($name:ident => $field:ident, $pins:expr;)*) => {
        $(
            /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-m11> (and the other elements):
            /// setting an element of the 3D part to a value other than the identity's sets is 2D
            /// to false.
            fn $name(&self, _cx: &mut JSContext, value: f64) {
                self.matrix.set_element(|m| m.$field = value, $pins);
            }
        )*
    };
}

impl DOMMatrixMethods for DOMMatrix {
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-dommatrix>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: Option<StringOrUnrestrictedDoubleSequence>,
    ) -> Fallible<DomRoot<DOMMatrix>> {
        Ok(DOMMatrix::with_proto(cx, global, proto, matrix_from_init(global, init)?))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-frommatrix>
    fn FromMatrix(cx: &mut JSContext, global: &Window, other: &DOMMatrixInit) -> Fallible<DomRoot<DOMMatrix>> {
        Ok(DOMMatrix::with_proto(cx, global, None, matrix_from_dictionary(other)?))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-fromfloat32array>
    fn FromFloat32Array(cx: &mut JSContext, global: &Window, array32: HandleObject) -> Fallible<DomRoot<DOMMatrix>> {
        Ok(DOMMatrix::with_proto(cx, global, None, matrix_from_sequence(&float32_values(array32))?))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-fromfloat64array>
    fn FromFloat64Array(cx: &mut JSContext, global: &Window, array64: HandleObject) -> Fallible<DomRoot<DOMMatrix>> {
        Ok(DOMMatrix::with_proto(cx, global, None, matrix_from_sequence(&float64_values(array64))?))
    }

    read_only_members!(self, self.matrix);

    setters! {
        SetA => m11, None;
        SetB => m12, None;
        SetC => m21, None;
        SetD => m22, None;
        SetE => m41, None;
        SetF => m42, None;
        SetM11 => m11, None;
        SetM12 => m12, None;
        SetM13 => m13, Some(0.0);
        SetM14 => m14, Some(0.0);
        SetM21 => m21, None;
        SetM22 => m22, None;
        SetM23 => m23, Some(0.0);
        SetM24 => m24, Some(0.0);
        SetM31 => m31, Some(0.0);
        SetM32 => m32, Some(0.0);
        SetM33 => m33, Some(1.0);
        SetM34 => m34, Some(0.0);
        SetM41 => m41, None;
        SetM42 => m42, None;
        SetM43 => m43, Some(0.0);
        SetM44 => m44, Some(1.0);
    }

    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-multiplyself>
    fn MultiplySelf(&self, _cx: &mut JSContext, other: &DOMMatrixInit) -> Fallible<DomRoot<DOMMatrix>> {
        self.matrix.multiply_self(other)?;
        Ok(self.this())
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-premultiplyself>:
    /// 1. Let otherObject be the result of invoking create a DOMMatrix from the dictionary other.
    /// 2. The otherObject matrix gets pre-multiplied to the current matrix.
    /// 3. If is 2D of otherObject is false, set is 2D of the current matrix to false.
    fn PreMultiplySelf(&self, _cx: &mut JSContext, other: &DOMMatrixInit) -> Fallible<DomRoot<DOMMatrix>> {
        let (other, other_is_2d) = matrix_from_dictionary(other)?;
        let inner = &self.matrix;
        inner.matrix.set(matrix::pre_multiply(&inner.matrix.get(), &other));
        if !other_is_2d {
            inner.is_2d.set(false);
        }
        Ok(self.this())
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-translateself>
    fn TranslateSelf(&self, _cx: &mut JSContext, tx: f64, ty: f64, tz: f64) -> DomRoot<DOMMatrix> {
        self.matrix.translate_self(tx, ty, tz);
        self.this()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-scaleself>
    fn ScaleSelf(
        &self,
        _cx: &mut JSContext,
        sx: f64,
        sy: Option<f64>,
        sz: f64,
        ox: f64,
        oy: f64,
        oz: f64,
    ) -> DomRoot<DOMMatrix> {
        self.matrix.scale_self(sx, sy, sz, ox, oy, oz);
        self.this()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-scale3dself>
    fn Scale3dSelf(&self, _cx: &mut JSContext, scale: f64, ox: f64, oy: f64, oz: f64) -> DomRoot<DOMMatrix> {
        self.matrix.scale3d_self(scale, ox, oy, oz);
        self.this()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-rotateself>
    fn RotateSelf(
        &self,
        _cx: &mut JSContext,
        rot_x: f64,
        rot_y: Option<f64>,
        rot_z: Option<f64>,
    ) -> DomRoot<DOMMatrix> {
        self.matrix.rotate_self(rot_x, rot_y, rot_z);
        self.this()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-rotatefromvectorself>
    fn RotateFromVectorSelf(&self, _cx: &mut JSContext, x: f64, y: f64) -> DomRoot<DOMMatrix> {
        self.matrix.rotate_from_vector_self(x, y);
        self.this()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-rotateaxisangleself>
    fn RotateAxisAngleSelf(&self, _cx: &mut JSContext, x: f64, y: f64, z: f64, angle: f64) -> DomRoot<DOMMatrix> {
        self.matrix.rotate_axis_angle_self(x, y, z, angle);
        self.this()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-skewxself>: post-multiply skewX(sx).
    fn SkewXSelf(&self, _cx: &mut JSContext, sx: f64) -> DomRoot<DOMMatrix> {
        self.matrix.post_multiply_self(&matrix::skewing(sx, 0.0));
        self.this()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-skewyself>: post-multiply skewY(sy).
    fn SkewYSelf(&self, _cx: &mut JSContext, sy: f64) -> DomRoot<DOMMatrix> {
        self.matrix.post_multiply_self(&matrix::skewing(0.0, sy));
        self.this()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-invertself>
    fn InvertSelf(&self, _cx: &mut JSContext) -> DomRoot<DOMMatrix> {
        self.matrix.invert_self();
        self.this()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-dommatrix-setmatrixvalue>
    fn SetMatrixValue(&self, _cx: &mut JSContext, transform_list: DOMString) -> Fallible<DomRoot<DOMMatrix>> {
        self.matrix.set_matrix_value(&transform_list.to_string())?;
        Ok(self.this())
    }
}

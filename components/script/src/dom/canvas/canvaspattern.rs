//! `CanvasPattern` (<https://html.spec.whatwg.org/multipage/canvas.html#canvaspattern>).
//!
//! Holds a snapshot of the source image shared with the canvas thread (no
//! copy: the source canvas copies on its next write while the snapshot lives).

use std::cell::Cell;

use canvas_traits::style::{ImagePixels, Pattern, Repetition};
use dom_struct::dom_struct;
use euclid::default::Transform2D;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CanvasPatternBinding::CanvasPatternMethods;
use crate::dom::bindings::codegen::Dictionaries::DOMMatrix2DInit;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::geometry::dommatrix::matrix_from_2d_dictionary;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CanvasPattern {
    reflector_: Reflector,
    #[no_trace]
    image: ImagePixels,
    #[no_trace]
    repetition: Repetition,
    /// Whether the image was origin-clean; a canvas that uses a pattern that
    /// is not becomes tainted.
    #[no_trace]
    origin_clean: bool,
    /// The pattern's transformation matrix (`setTransform()`).
    #[no_trace]
    transform: Cell<Transform2D<f32>>,
}

impl CanvasPattern {
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        image: ImagePixels,
        repetition: Repetition,
        origin_clean: bool,
    ) -> DomRoot<CanvasPattern> {
        reflect_dom_object(
            cx,
            Box::new(CanvasPattern {
                reflector_: Reflector::new(),
                image,
                repetition,
                origin_clean,
                transform: Cell::new(Transform2D::identity()),
            }),
            window,
        )
    }

    /// The pattern for a drawing command (the pixels are shared, not copied).
    pub fn to_pattern(&self) -> Pattern {
        Pattern { image: self.image.clone(), repetition: self.repetition, transform: self.transform.get() }
    }

    pub fn is_origin_clean(&self) -> bool {
        self.origin_clean
    }
}

impl CanvasPatternMethods for CanvasPattern {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-canvaspattern-settransform>
    fn SetTransform(&self, _cx: &mut JSContext, transform: &DOMMatrix2DInit) -> Fallible<()> {
        // 1. Let matrix be the result of creating a DOMMatrix from the 2D dictionary transform.
        let m = matrix_from_2d_dictionary(transform)?;
        // 2. If one or more of matrix's m11, m12, m21, m22, m41, or m42 are infinite or NaN,
        //    then return.
        let six = [m.m11, m.m12, m.m21, m.m22, m.m41, m.m42];
        if six.iter().any(|v| !v.is_finite()) {
            return Ok(());
        }
        // 3. Reset the pattern's transformation matrix to matrix.
        let [a, b, c, d, e, f] = six.map(|v| v as f32);
        self.transform.set(Transform2D::new(a, b, c, d, e, f));
        Ok(())
    }
}

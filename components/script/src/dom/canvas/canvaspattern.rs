//! `CanvasPattern` (<https://html.spec.whatwg.org/multipage/canvas.html#canvaspattern>).
//!
//! Holds a snapshot of the source image shared with the canvas thread (no
//! copy: the source canvas copies on its next write while the snapshot lives).

use canvas_traits::style::{ImagePixels, Pattern, Repetition};
use dom_struct::dom_struct;
use euclid::default::Transform2D;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CanvasPatternBinding::CanvasPatternMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
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
            Box::new(CanvasPattern { reflector_: Reflector::new(), image, repetition, origin_clean }),
            window,
        )
    }

    /// The pattern for a drawing command (the pixels are shared, not copied).
    pub fn to_pattern(&self) -> Pattern {
        Pattern { image: self.image.clone(), repetition: self.repetition, transform: Transform2D::identity() }
    }

    pub fn is_origin_clean(&self) -> bool {
        self.origin_clean
    }
}

impl CanvasPatternMethods for CanvasPattern {}

//! `CanvasGradient` (<https://html.spec.whatwg.org/multipage/canvas.html#canvasgradient>).

use std::cell::RefCell;

use canvas_traits::style::{Gradient, GradientGeometry, GradientStop};
use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CanvasGradientBinding::CanvasGradientMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::canvas::canvas_error;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CanvasGradient {
    reflector_: Reflector,
    #[no_trace]
    geometry: GradientGeometry,
    /// Colour stops, ordered by offset (equal offsets in insertion order).
    #[no_trace]
    stops: RefCell<Vec<GradientStop>>,
    /// A stop was written as a CSS Color 4/5 colour: the gradient interpolates in Oklab
    /// (<https://drafts.csswg.org/css-color-4/#interpolation-space>), as Chromium does.
    #[no_trace]
    oklab: std::cell::Cell<bool>,
    /// The stops as drawn (the Oklab expansion of `stops`), made on the first draw after a change.
    #[no_trace]
    drawn: RefCell<Option<Vec<GradientStop>>>,
}

impl CanvasGradient {
    pub fn new(cx: &mut JSContext, window: &Window, geometry: GradientGeometry) -> DomRoot<CanvasGradient> {
        reflect_dom_object(
            cx,
            Box::new(CanvasGradient {
                reflector_: Reflector::new(),
                geometry,
                stops: RefCell::new(Vec::new()),
                oklab: std::cell::Cell::new(false),
                drawn: RefCell::new(None),
            }),
            window,
        )
    }

    /// The gradient as it is now, for a drawing command.
    pub fn to_gradient(&self) -> Gradient {
        let mut drawn = self.drawn.borrow_mut();
        let stops = drawn.get_or_insert_with(|| {
            let stops = self.stops.borrow();
            if self.oklab.get() { canvas_traits::color4::oklab_stops(&stops) } else { stops.clone() }
        });
        Gradient { geometry: self.geometry, stops: stops.clone() }
    }
}

impl CanvasGradientMethods for CanvasGradient {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-canvasgradient-addcolorstop>
    fn AddColorStop(&self, _cx: &mut JSContext, offset: Finite<f64>, color: DOMString) -> Fallible<()> {
        // 1. If the offset is less than 0 or greater than 1, then throw an
        //    "IndexSizeError" DOMException.
        // 2. Let parsedColor be the result of parsing color (no element, so
        //    currentcolor is black). 3. If parsedColor is failure, throw a
        //    "SyntaxError" DOMException.
        let (stop, modern) = GradientStop::parse_css(*offset, &color, None).map_err(canvas_error)?;
        if modern {
            self.oklab.set(true);
        }
        self.drawn.borrow_mut().take();
        // 4. Place a new stop on the gradient, at offset offset relative to the
        //    whole gradient, and with the color parsedColor. If multiple stops
        //    are added at the same offset, they are placed in the order added.
        let mut stops = self.stops.borrow_mut();
        let index = stops.partition_point(|s| s.offset <= stop.offset);
        stops.insert(index, stop);
        Ok(())
    }
}

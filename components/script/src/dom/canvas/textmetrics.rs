//! `TextMetrics` (<https://html.spec.whatwg.org/multipage/canvas.html#textmetrics>),
//! measured on the canvas thread with the bundled font.

use canvas_traits::text::TextMetrics as Metrics;
use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::TextMetricsBinding::TextMetricsMethods;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct TextMetrics {
    reflector_: Reflector,
    #[no_trace]
    metrics: Metrics,
}

impl TextMetrics {
    pub fn new(cx: &mut JSContext, window: &Window, metrics: Metrics) -> DomRoot<TextMetrics> {
        reflect_dom_object(cx, Box::new(TextMetrics { reflector_: Reflector::new(), metrics }), window)
    }
}

fn finite(value: f64) -> Finite<f64> {
    Finite::<f64>::new(value).unwrap_or(Finite::<f64>::wrap(0.0))
}

impl TextMetricsMethods for TextMetrics {
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-width>
    fn Width(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.width)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-actualboundingboxleft>
    fn ActualBoundingBoxLeft(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.actual_bounding_box_left)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-actualboundingboxright>
    fn ActualBoundingBoxRight(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.actual_bounding_box_right)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-fontboundingboxascent>
    fn FontBoundingBoxAscent(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.font_bounding_box_ascent)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-fontboundingboxdescent>
    fn FontBoundingBoxDescent(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.font_bounding_box_descent)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-actualboundingboxascent>
    fn ActualBoundingBoxAscent(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.actual_bounding_box_ascent)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-actualboundingboxdescent>
    fn ActualBoundingBoxDescent(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.actual_bounding_box_descent)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-emheightascent>
    fn EmHeightAscent(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.em_height_ascent)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-emheightdescent>
    fn EmHeightDescent(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.em_height_descent)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-hangingbaseline>
    fn HangingBaseline(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.hanging_baseline)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-alphabeticbaseline>
    fn AlphabeticBaseline(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.alphabetic_baseline)
    }
    /// <https://html.spec.whatwg.org/multipage/canvas.html#dom-textmetrics-ideographicbaseline>
    fn IdeographicBaseline(&self, _cx: &mut JSContext) -> Finite<f64> {
        finite(self.metrics.ideographic_baseline)
    }
}

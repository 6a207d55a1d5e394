//! `Performance` (<https://w3c.github.io/hr-time/#sec-performance>).

use std::time::{SystemTime, UNIX_EPOCH};

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::ObjectValue;
use mozjs::rooted;
use mozjs::rust::MutableHandleValue;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::PerformanceBinding::PerformanceMethods;
use crate::dom::bindings::conversions::{ToJSVal, new_plain_object, set_dictionary_property};
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct Performance {
    eventtarget: EventTarget,
    window: Dom<Window>,
    /// The time origin as milliseconds since the Unix epoch.
    #[no_trace]
    time_origin_unix_ms: f64,
}

impl Performance {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<Performance> {
        let elapsed = window.time_origin().elapsed();
        let now_unix = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0);
        let performance = Performance {
            eventtarget: EventTarget::new_inherited(),
            window: Dom::from_ref(window),
            time_origin_unix_ms: now_unix - elapsed.as_secs_f64() * 1000.0,
        };
        reflect_dom_object(cx, Box::new(performance), window)
    }
}

impl PerformanceMethods for Performance {
    /// <https://w3c.github.io/hr-time/#dom-performance-now>
    fn Now(&self, _cx: &mut JSContext) -> Finite<f64> {
        // The current high resolution time relative to the time origin, coarsened to 5 µs.
        let ms = self.window.time_origin().elapsed().as_secs_f64() * 1000.0;
        Finite::<f64>::wrap((ms * 200.0).floor() / 200.0)
    }

    /// <https://w3c.github.io/hr-time/#dom-performance-timeorigin>
    fn TimeOrigin(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.time_origin_unix_ms)
    }

    /// <https://w3c.github.io/hr-time/#dom-performance-tojson>
    fn ToJSON(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        // The default toJSON steps: an object with the interface's serializable attributes.
        rooted!(&in(cx) let object = new_plain_object(cx));
        rooted!(&in(cx) let mut value = mozjs::jsval::UndefinedValue());
        self.TimeOrigin(cx).to_jsval(cx, value.handle_mut());
        set_dictionary_property(cx, object.handle(), c"timeOrigin", value.handle());
        retval.set(ObjectValue(object.get()));
    }
}

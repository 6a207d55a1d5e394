//! `DOMQuad` (<https://drafts.fxtf.org/geometry/#DOMQuad>): four `DOMPoint`s, live.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleValue};

use super::dompoint::{DOMPoint, coordinates_of};
use super::domrect::DOMRect;
use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::DOMQuadBinding::DOMQuadMethods;
use crate::dom::bindings::codegen::Dictionaries::{DOMPointInit, DOMQuadInit, DOMRectInit};
use crate::dom::bindings::conversions::{ToJSVal, new_plain_object, set_dictionary_property};
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct DOMQuad {
    reflector_: Reflector,
    points: [Dom<DOMPoint>; 4],
}

impl DOMQuad {
    fn new(
        cx: &mut JSContext,
        window: &Window,
        proto: Option<HandleObject>,
        points: [(f64, f64, f64, f64); 4],
    ) -> DomRoot<DOMQuad> {
        let points = points.map(|p| Dom::from_ref(&*DOMPoint::new(cx, window, p)));
        reflect_dom_object_with_proto(cx, Box::new(DOMQuad { reflector_: Reflector::new(), points }), window, proto)
    }
}

impl DOMQuad {
    /// A new quad of four points (structured deserialization).
    pub fn from_points(cx: &mut JSContext, window: &Window, points: [(f64, f64, f64, f64); 4]) -> DomRoot<DOMQuad> {
        DOMQuad::new(cx, window, None, points)
    }

    /// The four points' coordinates.
    pub fn points(&self) -> [(f64, f64, f64, f64); 4] {
        [0, 1, 2, 3].map(|i| self.points[i].coordinates())
    }
}

/// <https://drafts.fxtf.org/geometry/#dom-domquad-getbounds>: "the NaN-safe minimum" and maximum.
fn nan_safe(values: [f64; 4], pick: fn(f64, f64) -> f64) -> f64 {
    if values.iter().any(|v| v.is_nan()) { f64::NAN } else { values.into_iter().reduce(pick).expect("four values") }
}

impl DOMQuadMethods for DOMQuad {
    /// <https://drafts.fxtf.org/geometry/#dom-domquad-domquad>: each point is created from its
    /// dictionary.
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        p1: &DOMPointInit,
        p2: &DOMPointInit,
        p3: &DOMPointInit,
        p4: &DOMPointInit,
    ) -> Fallible<DomRoot<DOMQuad>> {
        let points = [p1, p2, p3, p4].map(coordinates_of);
        Ok(DOMQuad::new(cx, global, proto, points))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domquad-fromrect>: the corners (x, y),
    /// (x + width, y), (x + width, y + height), (x, y + height), with z 0 and w 1.
    fn FromRect(cx: &mut JSContext, global: &Window, other: &DOMRectInit) -> DomRoot<DOMQuad> {
        let (x, y, w, h) = (other.x, other.y, other.width, other.height);
        let points = [(x, y, 0.0, 1.0), (x + w, y, 0.0, 1.0), (x + w, y + h, 0.0, 1.0), (x, y + h, 0.0, 1.0)];
        DOMQuad::new(cx, global, None, points)
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domquad-fromquad>: each point from its dictionary
    /// (an absent one is the default point).
    fn FromQuad(cx: &mut JSContext, global: &Window, other: &DOMQuadInit) -> DomRoot<DOMQuad> {
        let default = (0.0, 0.0, 0.0, 1.0);
        let points = [&other.p1, &other.p2, &other.p3, &other.p4].map(|p| p.as_ref().map_or(default, coordinates_of));
        DOMQuad::new(cx, global, None, points)
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domquad-p1>
    fn P1(&self, _cx: &mut JSContext) -> DomRoot<DOMPoint> {
        self.points[0].as_rooted()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domquad-p2>
    fn P2(&self, _cx: &mut JSContext) -> DomRoot<DOMPoint> {
        self.points[1].as_rooted()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domquad-p3>
    fn P3(&self, _cx: &mut JSContext) -> DomRoot<DOMPoint> {
        self.points[2].as_rooted()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domquad-p4>
    fn P4(&self, _cx: &mut JSContext) -> DomRoot<DOMPoint> {
        self.points[3].as_rooted()
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domquad-getbounds>:
    /// 2. Let left be the NaN-safe minimum of the x coordinates; 3. top the NaN-safe minimum of
    /// the y coordinates; 4. right and 5. bottom their NaN-safe maximums; 6–9. the bounds are
    /// (left, top, right − left, bottom − top).
    fn GetBounds(&self, cx: &mut JSContext) -> DomRoot<DOMRect> {
        let points = [0, 1, 2, 3].map(|i| self.points[i].coordinates());
        let xs = points.map(|p| p.0);
        let ys = points.map(|p| p.1);
        let (left, top) = (nan_safe(xs, f64::min), nan_safe(ys, f64::min));
        let (right, bottom) = (nan_safe(xs, f64::max), nan_safe(ys, f64::max));
        let window = self.global();
        DOMRect::new(cx, &window, left, top, right - left, bottom - top)
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domquad-tojson>: the default toJSON steps (the four
    /// points, as objects).
    fn ToJSON(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        rooted!(&in(cx) let object = new_plain_object(cx));
        rooted!(&in(cx) let mut value = mozjs::jsval::UndefinedValue());
        for (name, point) in [c"p1", c"p2", c"p3", c"p4"].into_iter().zip(&self.points) {
            point.as_rooted().to_jsval(cx, value.handle_mut());
            set_dictionary_property(cx, object.handle(), name, value.handle());
        }
        retval.set(mozjs::jsval::ObjectValue(object.get()));
    }
}

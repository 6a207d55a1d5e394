//! `DOMRectReadOnly`, `DOMRect` (<https://drafts.fxtf.org/geometry/#DOMRect>) and `DOMRectList`
//! (<https://drafts.csswg.org/cssom-view/#domrectlist>), and the element boxes Aperture reports.

use std::cell::Cell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::ObjectValue;
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleValue};

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::DOMRectBinding::DOMRectMethods;
use crate::dom::bindings::codegen::DOMRectListBinding::DOMRectListMethods;
use crate::dom::bindings::codegen::DOMRectReadOnlyBinding::DOMRectReadOnlyMethods;
use crate::dom::bindings::codegen::Dictionaries::DOMRectInit;
use crate::dom::bindings::conversions::{ToJSVal, new_plain_object, set_dictionary_property};
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::dom::element::Element;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct DOMRectReadOnly {
    reflector_: Reflector,
    #[no_trace]
    rect: Cell<(f64, f64, f64, f64)>,
}

impl DOMRectReadOnly {
    fn new_inherited(x: f64, y: f64, w: f64, h: f64) -> DOMRectReadOnly {
        DOMRectReadOnly { reflector_: Reflector::new(), rect: Cell::new((x, y, w, h)) }
    }

    /// A new `DOMRectReadOnly` (structured deserialization).
    pub fn new(cx: &mut JSContext, window: &Window, x: f64, y: f64, w: f64, h: f64) -> DomRoot<DOMRectReadOnly> {
        reflect_dom_object(cx, Box::new(DOMRectReadOnly::new_inherited(x, y, w, h)), window)
    }

    /// x, y, width and height.
    pub fn values(&self) -> (f64, f64, f64, f64) {
        self.rect.get()
    }
}

/// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-top> and friends: NaN-safe min/max
/// ("the minimum of y and y + height", where a NaN operand gives NaN).
fn min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() { f64::NAN } else { a.min(b) }
}
fn max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() { f64::NAN } else { a.max(b) }
}

impl DOMRectReadOnlyMethods for DOMRectReadOnly {
    /// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-domrectreadonly>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        x: f64,
        y: f64,
        width: f64,
        height: f64,
    ) -> Fallible<DomRoot<DOMRectReadOnly>> {
        Ok(reflect_dom_object_with_proto(
            cx,
            Box::new(DOMRectReadOnly::new_inherited(x, y, width, height)),
            global,
            proto,
        ))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-fromrect>
    fn FromRect(cx: &mut JSContext, global: &Window, other: &DOMRectInit) -> DomRoot<DOMRectReadOnly> {
        let rect = DOMRectReadOnly::new_inherited(other.x, other.y, other.width, other.height);
        reflect_dom_object(cx, Box::new(rect), global)
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-x>
    fn X(&self, _cx: &mut JSContext) -> f64 {
        self.rect.get().0
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-y>
    fn Y(&self, _cx: &mut JSContext) -> f64 {
        self.rect.get().1
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-width>
    fn Width(&self, _cx: &mut JSContext) -> f64 {
        self.rect.get().2
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-height>
    fn Height(&self, _cx: &mut JSContext) -> f64 {
        self.rect.get().3
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-top>
    fn Top(&self, _cx: &mut JSContext) -> f64 {
        let (_, y, _, h) = self.rect.get();
        min(y, y + h)
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-right>
    fn Right(&self, _cx: &mut JSContext) -> f64 {
        let (x, _, w, _) = self.rect.get();
        max(x, x + w)
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-bottom>
    fn Bottom(&self, _cx: &mut JSContext) -> f64 {
        let (_, y, _, h) = self.rect.get();
        max(y, y + h)
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-left>
    fn Left(&self, _cx: &mut JSContext) -> f64 {
        let (x, _, w, _) = self.rect.get();
        min(x, x + w)
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrectreadonly-tojson>: the default toJSON steps
    /// (x, y, width, height, top, right, bottom, left).
    fn ToJSON(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        rooted!(&in(cx) let object = new_plain_object(cx));
        rooted!(&in(cx) let mut value = mozjs::jsval::UndefinedValue());
        let fields: [(&std::ffi::CStr, f64); 8] = [
            (c"x", self.X(cx)),
            (c"y", self.Y(cx)),
            (c"width", self.Width(cx)),
            (c"height", self.Height(cx)),
            (c"top", self.Top(cx)),
            (c"right", self.Right(cx)),
            (c"bottom", self.Bottom(cx)),
            (c"left", self.Left(cx)),
        ];
        for (name, v) in fields {
            v.to_jsval(cx, value.handle_mut());
            set_dictionary_property(cx, object.handle(), name, value.handle());
        }
        retval.set(ObjectValue(object.get()));
    }
}

#[dom_struct]
pub struct DOMRect {
    rect: DOMRectReadOnly,
}

impl DOMRect {
    pub fn new(cx: &mut JSContext, window: &Window, x: f64, y: f64, w: f64, h: f64) -> DomRoot<DOMRect> {
        reflect_dom_object(cx, Box::new(DOMRect { rect: DOMRectReadOnly::new_inherited(x, y, w, h) }), window)
    }

    fn update(&self, f: impl FnOnce(&mut (f64, f64, f64, f64))) {
        let mut r = self.rect.rect.get();
        f(&mut r);
        self.rect.rect.set(r);
    }
}

impl DOMRectMethods for DOMRect {
    /// <https://drafts.fxtf.org/geometry/#dom-domrect-domrect>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        x: f64,
        y: f64,
        width: f64,
        height: f64,
    ) -> Fallible<DomRoot<DOMRect>> {
        let rect = DOMRect { rect: DOMRectReadOnly::new_inherited(x, y, width, height) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(rect), global, proto))
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrect-fromrect>
    fn FromRect(cx: &mut JSContext, global: &Window, other: &DOMRectInit) -> DomRoot<DOMRect> {
        DOMRect::new(cx, global, other.x, other.y, other.width, other.height)
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrect-x>
    fn X(&self, _cx: &mut JSContext) -> f64 {
        self.rect.rect.get().0
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrect-x>
    fn SetX(&self, _cx: &mut JSContext, value: f64) {
        self.update(|r| r.0 = value);
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrect-y>
    fn Y(&self, _cx: &mut JSContext) -> f64 {
        self.rect.rect.get().1
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrect-y>
    fn SetY(&self, _cx: &mut JSContext, value: f64) {
        self.update(|r| r.1 = value);
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrect-width>
    fn Width(&self, _cx: &mut JSContext) -> f64 {
        self.rect.rect.get().2
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrect-width>
    fn SetWidth(&self, _cx: &mut JSContext, value: f64) {
        self.update(|r| r.2 = value);
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrect-height>
    fn Height(&self, _cx: &mut JSContext) -> f64 {
        self.rect.rect.get().3
    }
    /// <https://drafts.fxtf.org/geometry/#dom-domrect-height>
    fn SetHeight(&self, _cx: &mut JSContext, value: f64) {
        self.update(|r| r.3 = value);
    }
}

#[dom_struct]
pub struct DOMRectList {
    reflector_: Reflector,
    rects: Vec<Dom<DOMRect>>,
}

impl DOMRectListMethods for DOMRectList {
    /// <https://drafts.csswg.org/cssom-view/#dom-domrectlist-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.rects.len() as u32
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-domrectlist-item>
    fn Item(&self, _cx: &mut JSContext, index: u32) -> Option<DomRoot<DOMRect>> {
        self.rects.get(index as usize).map(|r| r.as_rooted())
    }
}

/// <https://drafts.csswg.org/cssom-view/#dom-element-getboundingclientrect>
pub fn bounding_client_rect(cx: &mut JSContext, window: &Window, element: &Element) -> DomRoot<DOMRect> {
    // 1. "Let list be the result of invoking getClientRects() on element."
    // 2. "If the list is empty return a DOMRect object whose x, y, width and height members
    //    are zero."
    // 3-5. The union of the list's rectangles: one box per element here (an inline box's
    //    pieces are already united), so its border box as transforms draw it, relative to the
    //    viewport's origin (nothing scrolls).
    let rect = crate::dom::layout::queries::transformed_border_box(cx, element).unwrap_or_default();
    DOMRect::new(cx, window, rect.x, rect.y, rect.width, rect.height)
}

/// <https://drafts.csswg.org/cssom-view/#dom-element-getclientrects>: "If the element on which
/// it was invoked does not have an associated layout box return an empty DOMRectList object";
/// otherwise its border box (FIXME: an inline box split over lines gives one rectangle, their
/// union, where the specification lists one per piece).
pub fn client_rects(cx: &mut JSContext, window: &Window, element: &Element) -> DomRoot<DOMRectList> {
    let rects = match crate::dom::layout::queries::transformed_border_box(cx, element) {
        Some(r) => vec![Dom::from_ref(&*DOMRect::new(cx, window, r.x, r.y, r.width, r.height))],
        None => Vec::new(),
    };
    reflect_dom_object(cx, Box::new(DOMRectList { reflector_: Reflector::new(), rects }), window)
}

//! `VisualViewport` (<https://drafts.csswg.org/cssom-view/#the-visualviewport-interface>).
//!
//! The headless host has no pinch zoom and no scrollbars, and its viewport neither scrolls nor
//! changes size: the visual viewport is the layout viewport (`VIEWPORT_WIDTH` ×
//! `VIEWPORT_HEIGHT` at the window's scroll position, as `innerWidth`, `innerHeight`, `scrollX`
//! and `scrollY` report it) at scale 1. So its `resize`, `scroll` and `scrollend` events never
//! fire; the handlers are there for pages that set them.

use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use super::{VIEWPORT_HEIGHT, VIEWPORT_WIDTH};
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::VisualViewportBinding::VisualViewportMethods;
use crate::dom::bindings::codegen::WindowBinding::WindowMethods;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct VisualViewport {
    eventtarget: EventTarget,
}

impl VisualViewport {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<VisualViewport> {
        reflect_dom_object(cx, Box::new(VisualViewport { eventtarget: EventTarget::new_inherited() }), window)
    }

    /// "If the visual viewport's associated document is not fully active, return 0", else
    /// `value`.
    fn if_fully_active(&self, value: f64) -> Finite<f64> {
        Finite::<f64>::wrap(if self.global().is_attached() { value } else { 0.0 })
    }
}

impl VisualViewportMethods for VisualViewport {
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-offsetleft>: "the offset of the
    /// left edge of the visual viewport from the left edge of the layout viewport" (they are one).
    fn OffsetLeft(&self, _cx: &mut JSContext) -> Finite<f64> {
        self.if_fully_active(0.0)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-offsettop>
    fn OffsetTop(&self, _cx: &mut JSContext) -> Finite<f64> {
        self.if_fully_active(0.0)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-pageleft>: "the offset of the left
    /// edge of the visual viewport from the left edge of the initial containing block of the
    /// layout viewport's document": the window's horizontal scroll position.
    fn PageLeft(&self, cx: &mut JSContext) -> Finite<f64> {
        let scroll_x = *self.global().ScrollX(cx);
        self.if_fully_active(scroll_x)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-pagetop>
    fn PageTop(&self, cx: &mut JSContext) -> Finite<f64> {
        let scroll_y = *self.global().ScrollY(cx);
        self.if_fully_active(scroll_y)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-width>: "the width of the visual
    /// viewport excluding the width of any rendered vertical classic scrollbar that is fixed to
    /// the visual viewport" (there are none).
    fn Width(&self, _cx: &mut JSContext) -> Finite<f64> {
        self.if_fully_active(f64::from(VIEWPORT_WIDTH))
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-height>
    fn Height(&self, _cx: &mut JSContext) -> Finite<f64> {
        self.if_fully_active(f64::from(VIEWPORT_HEIGHT))
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-scale>: "the visual viewport's
    /// scale factor", 1 without pinch zoom.
    fn Scale(&self, _cx: &mut JSContext) -> Finite<f64> {
        self.if_fully_active(1.0)
    }

    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-onresize>
    fn Onresize(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("resize")
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-onresize>
    fn SetOnresize(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("resize", value)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-onscroll>
    fn Onscroll(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("scroll")
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-onscroll>
    fn SetOnscroll(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("scroll", value)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-onscrollend>
    fn Onscrollend(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("scrollend")
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-visualviewport-onscrollend>
    fn SetOnscrollend(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("scrollend", value)
    }
}

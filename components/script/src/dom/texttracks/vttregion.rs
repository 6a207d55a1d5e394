//! `VTTRegion` (<https://w3c.github.io/webvtt/#the-vttregion-interface>): a WebVTT region,
//! from a `REGION` block of a file or made by script, that cues can point at.

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Enums::ScrollSetting;
use crate::dom::bindings::codegen::VTTRegionBinding::VTTRegionMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct VTTRegion {
    reflector_: Reflector,
    #[no_trace]
    region: RefCell<webvtt::Region>,
}

/// The check of the percentage setters of VTTRegion and VTTCue: "If the new value is negative
/// or greater than 100, then throw an IndexSizeError exception."
pub(crate) fn percentage(value: f64, what: &str) -> Fallible<f64> {
    if (0.0..=100.0).contains(&value) {
        Ok(value)
    } else {
        Err(Error::IndexSize(format!("The {what} must be between 0 and 100, not {value}.")))
    }
}

impl VTTRegion {
    pub fn new(cx: &mut JSContext, window: &Window, region: webvtt::Region) -> DomRoot<VTTRegion> {
        reflect_dom_object(
            cx,
            Box::new(VTTRegion { reflector_: Reflector::new(), region: RefCell::new(region) }),
            window,
        )
    }

    fn with(&self, change: impl FnOnce(&mut webvtt::Region)) {
        change(&mut self.region.borrow_mut());
    }
}

impl VTTRegionMethods for VTTRegion {
    /// <https://w3c.github.io/webvtt/#dom-vttregion-vttregion>: "Create a new WebVTT region.
    /// Let region be that WebVTT region. Let region's WebVTT region identifier be the empty
    /// string. Let region's WebVTT region width be 100. Let region's WebVTT region lines be 3.
    /// Let region's text track region anchor point be (0,100). Let region's text track region
    /// viewport anchor point be (0,100). Let region's WebVTT region scroll be the empty string."
    fn Constructor(cx: &mut JSContext, global: &Window, proto: Option<HandleObject>) -> Fallible<DomRoot<VTTRegion>> {
        let region = VTTRegion { reflector_: Reflector::new(), region: RefCell::new(webvtt::Region::default()) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(region), global, proto))
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-id>
    fn Id(&self, _cx: &mut JSContext) -> DOMString {
        self.region.borrow().id.as_str().into()
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-id>
    fn SetId(&self, _cx: &mut JSContext, value: DOMString) {
        self.with(|r| r.id = value.into());
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-width>
    fn Width(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.region.borrow().width)
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-width>
    fn SetWidth(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        let value = percentage(*value, "width")?;
        self.with(|r| r.width = value);
        Ok(())
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-lines>
    fn Lines(&self, _cx: &mut JSContext) -> u32 {
        self.region.borrow().lines
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-lines>
    fn SetLines(&self, _cx: &mut JSContext, value: u32) {
        self.with(|r| r.lines = value);
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-regionanchorx>
    fn RegionAnchorX(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.region.borrow().region_anchor.0)
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-regionanchorx>
    fn SetRegionAnchorX(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        let value = percentage(*value, "region anchor X")?;
        self.with(|r| r.region_anchor.0 = value);
        Ok(())
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-regionanchory>
    fn RegionAnchorY(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.region.borrow().region_anchor.1)
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-regionanchory>
    fn SetRegionAnchorY(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        let value = percentage(*value, "region anchor Y")?;
        self.with(|r| r.region_anchor.1 = value);
        Ok(())
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-viewportanchorx>
    fn ViewportAnchorX(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.region.borrow().viewport_anchor.0)
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-viewportanchorx>
    fn SetViewportAnchorX(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        let value = percentage(*value, "viewport anchor X")?;
        self.with(|r| r.viewport_anchor.0 = value);
        Ok(())
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-viewportanchory>
    fn ViewportAnchorY(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.region.borrow().viewport_anchor.1)
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-viewportanchory>
    fn SetViewportAnchorY(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        let value = percentage(*value, "viewport anchor Y")?;
        self.with(|r| r.viewport_anchor.1 = value);
        Ok(())
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-scroll>
    fn Scroll(&self, _cx: &mut JSContext) -> ScrollSetting {
        if self.region.borrow().scroll_up { ScrollSetting::Up } else { ScrollSetting::Empty }
    }

    /// <https://w3c.github.io/webvtt/#dom-vttregion-scroll>
    fn SetScroll(&self, _cx: &mut JSContext, value: ScrollSetting) {
        self.with(|r| r.scroll_up = value == ScrollSetting::Up);
    }
}

//! `Screen` (<https://drafts.csswg.org/cssom-view/#the-screen-interface>): the headless host's
//! screen, the size of its viewport, 24 bits per pixel.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use super::{VIEWPORT_HEIGHT, VIEWPORT_WIDTH};
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::ScreenBinding::ScreenMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct Screen {
    reflector_: Reflector,
}

impl Screen {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<Screen> {
        reflect_dom_object(cx, Box::new(Screen { reflector_: Reflector::new() }), window)
    }
}

impl ScreenMethods for Screen {
    /// <https://drafts.csswg.org/cssom-view/#dom-screen-availwidth>
    fn AvailWidth(&self, _cx: &mut JSContext) -> i32 {
        VIEWPORT_WIDTH
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-screen-availheight>
    fn AvailHeight(&self, _cx: &mut JSContext) -> i32 {
        VIEWPORT_HEIGHT
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-screen-width>
    fn Width(&self, _cx: &mut JSContext) -> i32 {
        VIEWPORT_WIDTH
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-screen-height>
    fn Height(&self, _cx: &mut JSContext) -> i32 {
        VIEWPORT_HEIGHT
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-screen-colordepth>: "return 24".
    fn ColorDepth(&self, _cx: &mut JSContext) -> u32 {
        24
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-screen-pixeldepth>: "return 24".
    fn PixelDepth(&self, _cx: &mut JSContext) -> u32 {
        24
    }
}

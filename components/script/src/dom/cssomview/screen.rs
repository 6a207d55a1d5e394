//! `Screen` (<https://drafts.csswg.org/cssom-view/#the-screen-interface>): the headless host's
//! screen, the size of its viewport, 24 bits per pixel; and its `ScreenOrientation`
//! (<https://w3c.github.io/screen-orientation/>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use super::{VIEWPORT_HEIGHT, VIEWPORT_WIDTH};
use crate::dom::bindings::classes::reflect_dom_object;
use std::rc::Rc;

use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Enums::{OrientationLockType, OrientationType};
use crate::dom::bindings::codegen::ScreenBinding::ScreenMethods;
use crate::dom::bindings::codegen::ScreenOrientationBinding::ScreenOrientationMethods;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct Screen {
    reflector_: Reflector,
    orientation: MutNullableDom<ScreenOrientation>,
}

impl Screen {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<Screen> {
        reflect_dom_object(
            cx,
            Box::new(Screen { reflector_: Reflector::new(), orientation: Default::default() }),
            window,
        )
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
    /// <https://w3c.github.io/screen-orientation/#dom-screen-orientation>
    fn Orientation(&self, cx: &mut JSContext) -> DomRoot<ScreenOrientation> {
        self.orientation.or_init(|| ScreenOrientation::new(cx, &self.global()))
    }
}

/// `ScreenOrientation` (<https://w3c.github.io/screen-orientation/#screenorientation-interface>):
/// the headless host's screen never turns, and its orientation cannot be locked (as on a
/// desktop): `type` follows the screen's shape, `angle` is 0, `lock()` rejects with
/// NotSupportedError.
#[dom_struct]
pub struct ScreenOrientation {
    eventtarget: EventTarget,
}

impl ScreenOrientation {
    fn new(cx: &mut JSContext, window: &Window) -> DomRoot<ScreenOrientation> {
        reflect_dom_object(cx, Box::new(ScreenOrientation { eventtarget: EventTarget::new_inherited() }), window)
    }

    /// Whether the document of this object's global is fully active.
    fn fully_active(&self) -> bool {
        self.global().is_attached()
    }
}

impl ScreenOrientationMethods for ScreenOrientation {
    /// <https://w3c.github.io/screen-orientation/#dom-screenorientation-lock>
    fn Lock(&self, cx: &mut JSContext, _orientation: OrientationLockType) -> Rc<Promise> {
        let window = self.global();
        // 1. If this's relevant global object's associated Document is not fully active,
        //    return a promise rejected with an "InvalidStateError" DOMException.
        if !self.fully_active() {
            return Promise::new_rejected(cx, &window, Error::InvalidState("The document is not fully active.".into()));
        }
        // 3. If the user agent does not support locking the screen orientation, return a
        //    promise rejected with a "NotSupportedError" DOMException.
        Promise::new_rejected(
            cx,
            &window,
            Error::NotSupported("screen.orientation.lock() is not available on this device.".into()),
        )
    }

    /// <https://w3c.github.io/screen-orientation/#dom-screenorientation-unlock>
    fn Unlock(&self, _cx: &mut JSContext) -> ErrorResult {
        // 1. If this's relevant global object's associated Document is not fully active,
        //    throw an "InvalidStateError" DOMException.
        if !self.fully_active() {
            return Err(Error::InvalidState("The document is not fully active.".into()));
        }
        // 3. If the user agent does not support locking the screen orientation, then return.
        Ok(())
    }

    /// <https://w3c.github.io/screen-orientation/#dom-screenorientation-type>: the screen's
    /// current orientation type; a screen wider than tall (or square) is landscape.
    fn Type(&self, _cx: &mut JSContext) -> OrientationType {
        if VIEWPORT_WIDTH >= VIEWPORT_HEIGHT {
            OrientationType::LandscapePrimary
        } else {
            OrientationType::PortraitPrimary
        }
    }

    /// <https://w3c.github.io/screen-orientation/#dom-screenorientation-angle>: the screen is
    /// in its natural orientation.
    fn Angle(&self, _cx: &mut JSContext) -> u16 {
        0
    }

    /// <https://w3c.github.io/screen-orientation/#dom-screenorientation-onchange>
    fn Onchange(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("change")
    }
    /// <https://w3c.github.io/screen-orientation/#dom-screenorientation-onchange>
    fn SetOnchange(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("change", value)
    }
}

//! `MockImageCapture` (test-only, `ImageCaptureTest.webidl`): the object
//! `ImageCaptureTest.mockImageCapture()` returns, holding the mock's live
//! `state()` object and the last pushed settings, `options()`.
//!
//! The state object is a plain JS object the page may change at will; the
//! engine reads it ([`MockImageCapture::read_state`]) before each request that
//! consults the photo state, and writes the settings it pushes back into it
//! ([`MockImageCapture::absorb`]), as Chromium's mock `setPhotoOptions()` does.

use std::ffi::CStr;

use dom_struct::dom_struct;
use media_traits::messages::OverrideEcho;
use media_traits::photo::PhotoState;
use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, JSObject};
use mozjs::jsval::{BooleanValue, DoubleValue, NullValue, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::{MockPhotoState, Point2D};
use crate::dom::bindings::codegen::MockImageCaptureBinding::MockImageCaptureMethods;
use crate::dom::bindings::conversions::{FromJSVal, ToJSVal, get_property};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;
use crate::dom::imagecapture::mockstate::{
    StateWrite, photo_settings_out, photo_state_in, photo_state_out, point_out, state_writes,
};

#[dom_struct]
pub struct MockImageCapture {
    reflector_: Reflector,
    /// The live `state()` object.
    state: Box<Heap<*mut JSObject>>,
    /// The `options()` object; null before the first push.
    options: Box<Heap<*mut JSObject>>,
}

/// Sets `obj[name] = value` as an assignment would (setters run, frozen
/// objects stay as they are). A throwing setter is logged and ignored: the
/// write-back happens in a reply task, which must not leave an exception.
fn assign(cx: &mut JSContext, obj: HandleObject, name: &CStr, value: HandleValue) {
    // SAFETY: `obj` and `value` are rooted handles, `name` a C string; `cx` is this thread's live context; its raw pointer goes straight into the call.
    let ok = unsafe { mozjs::jsapi::JS_SetProperty(cx.raw_cx(), obj.into(), name.as_ptr(), value.into()) };
    if !ok {
        log::warn!("ImageCaptureTest: writing state.{} threw", name.to_string_lossy());
        crate::dom::bindings::error::clear_pending_exception(cx);
    }
}

impl MockImageCapture {
    /// A mock whose `state()` is a new object holding `initial`.
    pub fn new(cx: &mut JSContext, window: &Window, initial: &PhotoState) -> DomRoot<MockImageCapture> {
        rooted!(&in(cx) let mut value = UndefinedValue());
        photo_state_out(initial).to_jsval(cx, value.handle_mut());
        let state = Box::new(Heap::default());
        state.set(value.get().to_object());
        let mock = MockImageCapture { reflector_: Reflector::new(), state, options: Box::new(Heap::default()) };
        reflect_dom_object(cx, Box::new(mock), window)
    }

    /// The photo state the page left in `state()`, converted like a
    /// `MockPhotoState` dictionary argument: a wrong type or an enum value
    /// Mojo does not define is a TypeError; a throwing getter's exception is
    /// left pending (`Error::JSFailed`).
    pub fn read_state(&self, cx: &mut JSContext) -> Fallible<PhotoState> {
        rooted!(&in(cx) let obj = self.state.get());
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, obj.get());
        rooted!(&in(cx) let value = ObjectValue(obj.get()));
        let dictionary = match MockPhotoState::from_jsval(cx, value.handle(), ()) {
            Ok(Ok(d)) => d,
            Ok(Err(failure)) => {
                return Err(Error::Type(format!("ImageCaptureTest state: {}", failure.describe("the state"))));
            }
            Err(()) => return Err(Error::JSFailed),
        };
        photo_state_in(&dictionary)
    }

    /// Takes what the engine pushed to the device: `options()` becomes the
    /// pushed settings and their values are written into `state()` (each
    /// range's `current`, the current modes, `pointsOfInterest`, `torch`,
    /// `fillLightMode`). A push without any value changes nothing.
    pub fn absorb(&self, cx: &mut JSContext, echo: &OverrideEcho) {
        if echo.options.is_empty() {
            return;
        }
        rooted!(&in(cx) let state = self.state.get());
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, state.get());
        rooted!(&in(cx) let mut value = UndefinedValue());
        for write in state_writes(&echo.options) {
            match write {
                StateWrite::Current(name, v) => {
                    rooted!(&in(cx) let mut member = UndefinedValue());
                    if get_property(cx, state.handle(), name, member.handle_mut()).is_err() {
                        crate::dom::bindings::error::clear_pending_exception(cx);
                        continue;
                    }
                    if member.get().is_object() {
                        rooted!(&in(cx) let range = member.get().to_object());
                        value.set(DoubleValue(v));
                        assign(cx, range.handle(), c"current", value.handle());
                    }
                }
                StateWrite::Number(name, v) => {
                    value.set(DoubleValue(v));
                    assign(cx, state.handle(), name, value.handle());
                }
                StateWrite::Bool(name, v) => {
                    value.set(BooleanValue(v));
                    assign(cx, state.handle(), name, value.handle());
                }
                StateWrite::Points(points) => {
                    let points: Vec<Point2D> = points.iter().map(point_out).collect();
                    points.to_jsval(cx, value.handle_mut());
                    assign(cx, state.handle(), c"pointsOfInterest", value.handle());
                }
                StateWrite::FillLightMode(mode) => {
                    vec![mode].to_jsval(cx, value.handle_mut());
                    assign(cx, state.handle(), c"fillLightMode", value.handle());
                }
            }
        }
        photo_settings_out(&echo.options).to_jsval(cx, value.handle_mut());
        self.options.set(value.get().to_object());
    }
}

impl MockImageCaptureMethods for MockImageCapture {
    /// The live state object (the same object until `reset()`).
    fn State(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(ObjectValue(self.state.get()));
        mozjs::rust::maybe_wrap_value(cx, retval);
    }

    /// The settings last pushed to the device, or null.
    fn Options(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        let options = self.options.get();
        if options.is_null() {
            retval.set(NullValue());
            return;
        }
        retval.set(ObjectValue(options));
        mozjs::rust::maybe_wrap_value(cx, retval);
    }
}

//! `MediaDeviceInfo` (<https://w3c.github.io/mediacapture-main/#device-info>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::MutableHandleValue;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Enums::MediaDeviceKind;
use crate::dom::bindings::codegen::MediaDeviceInfoBinding::MediaDeviceInfoMethods;
use crate::dom::bindings::conversions::{ToJSVal, new_plain_object, set_dictionary_property};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct MediaDeviceInfo {
    reflector_: Reflector,
    #[no_trace]
    device_id: String,
    #[no_trace]
    kind: MediaDeviceKind,
    #[no_trace]
    label: String,
    #[no_trace]
    group_id: String,
}

impl MediaDeviceInfo {
    /// The plain value, for `InputDeviceInfo`.
    pub fn new_inherited(device_id: String, kind: MediaDeviceKind, label: String, group_id: String) -> MediaDeviceInfo {
        MediaDeviceInfo { reflector_: Reflector::new(), device_id, kind, label, group_id }
    }

    /// `deviceId`, for the User Agent's own comparisons.
    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// `kind`.
    pub fn kind(&self) -> MediaDeviceKind {
        self.kind
    }

    /// A device that is not an input (Aperture lists none: it has no audio outputs).
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        device_id: String,
        kind: MediaDeviceKind,
        label: String,
        group_id: String,
    ) -> DomRoot<MediaDeviceInfo> {
        reflect_dom_object(cx, Box::new(MediaDeviceInfo::new_inherited(device_id, kind, label, group_id)), window)
    }
}

impl MediaDeviceInfoMethods for MediaDeviceInfo {
    /// <https://w3c.github.io/mediacapture-main/#dom-mediadeviceinfo-deviceid>
    fn DeviceId(&self, _cx: &mut JSContext) -> DOMString {
        self.device_id.as_str().into()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediadeviceinfo-kind>
    fn Kind(&self, _cx: &mut JSContext) -> MediaDeviceKind {
        self.kind
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediadeviceinfo-label>
    fn Label(&self, _cx: &mut JSContext) -> DOMString {
        self.label.as_str().into()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediadeviceinfo-groupid>
    fn GroupId(&self, _cx: &mut JSContext) -> DOMString {
        self.group_id.as_str().into()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediadeviceinfo-tojson>
    fn ToJSON(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        // The default toJSON steps: an object with deviceId, kind, label and groupId.
        rooted!(&in(cx) let object = new_plain_object(cx));
        rooted!(&in(cx) let mut value = UndefinedValue());
        self.device_id.to_jsval(cx, value.handle_mut());
        set_dictionary_property(cx, object.handle(), c"deviceId", value.handle());
        self.kind.to_jsval(cx, value.handle_mut());
        set_dictionary_property(cx, object.handle(), c"kind", value.handle());
        self.label.to_jsval(cx, value.handle_mut());
        set_dictionary_property(cx, object.handle(), c"label", value.handle());
        self.group_id.to_jsval(cx, value.handle_mut());
        set_dictionary_property(cx, object.handle(), c"groupId", value.handle());
        retval.set(ObjectValue(object.get()));
    }
}

//! `InputDeviceInfo` (<https://w3c.github.io/mediacapture-main/#input-specific-device-info>):
//! the `MediaDeviceInfo` of a camera or microphone, which can also tell what a
//! track opened from it would be capable of.

use dom_struct::dom_struct;
use media_traits::settings as ms;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::MediaTrackCapabilities;
use crate::dom::bindings::codegen::Enums::MediaDeviceKind;
use crate::dom::bindings::codegen::InputDeviceInfoBinding::InputDeviceInfoMethods;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;
use crate::dom::mediacapture::constraints::capabilities_out;
use crate::dom::mediacapture::mediadeviceinfo::MediaDeviceInfo;

#[dom_struct]
pub struct InputDeviceInfo {
    info: MediaDeviceInfo,
    /// The capabilities of a track opened from this device alone with no constraints;
    /// `None` when the entry is filtered (no permission for its kind).
    #[no_trace]
    capabilities: Option<ms::MediaTrackCapabilities>,
}

impl InputDeviceInfo {
    /// An exposed device: its identity and the capabilities the Media thread computed.
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        device: media_traits::messages::DeviceInfo,
        kind: MediaDeviceKind,
    ) -> DomRoot<InputDeviceInfo> {
        let info = MediaDeviceInfo::new_inherited(device.device_id, kind, device.label, device.group_id);
        reflect_dom_object(cx, Box::new(InputDeviceInfo { info, capabilities: Some(device.capabilities) }), window)
    }

    /// A filtered entry (no permission for its kind): empty `deviceId`, `label` and
    /// `groupId`, and empty capabilities.
    pub fn new_filtered(cx: &mut JSContext, window: &Window, kind: MediaDeviceKind) -> DomRoot<InputDeviceInfo> {
        let info = MediaDeviceInfo::new_inherited(String::new(), kind, String::new(), String::new());
        reflect_dom_object(cx, Box::new(InputDeviceInfo { info, capabilities: None }), window)
    }
}

impl InputDeviceInfoMethods for InputDeviceInfo {
    /// <https://w3c.github.io/mediacapture-main/#dom-inputdeviceinfo-getcapabilities>
    fn GetCapabilities(&self, _cx: &mut JSContext) -> MediaTrackCapabilities {
        // "If the relevant global object's [[canExposeDeviceInformation]] is false (this
        // entry was filtered), return an empty dictionary." Otherwise the capabilities of
        // the first track of this kind that getUserMedia({deviceId: id}) would return, with
        // no other constraint (the Media thread runs SelectSettings over this device alone).
        match &self.capabilities {
            Some(c) => capabilities_out(c),
            None => capabilities_out(&ms::MediaTrackCapabilities::default()),
        }
    }
}

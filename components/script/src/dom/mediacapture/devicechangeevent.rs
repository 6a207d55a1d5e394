//! `DeviceChangeEvent` (<https://w3c.github.io/mediacapture-main/#devicechangeevent>):
//! the `devicechange` event of `navigator.mediaDevices`, with the exposed device list.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::DeviceChangeEventBinding::DeviceChangeEventMethods;
use crate::dom::bindings::codegen::Dictionaries::DeviceChangeEventInit;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::event::Event;
use crate::dom::html::window::Window;
use crate::dom::mediacapture::mediadeviceinfo::MediaDeviceInfo;

#[dom_struct]
pub struct DeviceChangeEvent {
    event: Event,
    /// `devices`.
    devices: Vec<Dom<MediaDeviceInfo>>,
    /// `userInsertedDevices`.
    user_inserted: Vec<Dom<MediaDeviceInfo>>,
}

impl DeviceChangeEvent {
    fn new_inherited(
        window: &Window,
        devices: &[DomRoot<MediaDeviceInfo>],
        user_inserted: &[DomRoot<MediaDeviceInfo>],
    ) -> DeviceChangeEvent {
        let dom = |l: &[DomRoot<MediaDeviceInfo>]| l.iter().map(|d| Dom::from_ref(&**d)).collect();
        DeviceChangeEvent {
            event: Event::new_inherited(window),
            devices: dom(devices),
            user_inserted: dom(user_inserted),
        }
    }

    /// The device change notification steps' event: "fire an event named devicechange,
    /// using the DeviceChangeEvent constructor with devices initialized to
    /// newExposedDevices and userInsertedDevices to the devices in it that were not
    /// exposed before" (trusted, not bubbling, not cancelable).
    pub fn new_trusted(
        cx: &mut JSContext,
        window: &Window,
        devices: &[DomRoot<MediaDeviceInfo>],
        user_inserted: &[DomRoot<MediaDeviceInfo>],
    ) -> DomRoot<DeviceChangeEvent> {
        let event =
            reflect_dom_object(cx, Box::new(DeviceChangeEvent::new_inherited(window, devices, user_inserted)), window);
        let base = event.upcast::<Event>();
        base.init("devicechange".into(), false, false);
        base.set_trusted(true);
        event
    }
}

impl DeviceChangeEventMethods for DeviceChangeEvent {
    /// <https://w3c.github.io/mediacapture-main/#dom-devicechangeevent-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &DeviceChangeEventInit,
    ) -> Fallible<DomRoot<DeviceChangeEvent>> {
        // devices from the dictionary; userInsertedDevices is the User Agent's to fill
        // and starts empty.
        let event = DeviceChangeEvent::new_inherited(global, &init.devices, &[]);
        let event = reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        let base = event.upcast::<Event>();
        base.init(type_.into(), init.parent.bubbles, init.parent.cancelable);
        base.set_composed(init.parent.composed);
        Ok(event)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-devicechangeevent-devices>
    fn Devices(&self, _cx: &mut JSContext) -> Vec<DomRoot<MediaDeviceInfo>> {
        self.devices.iter().map(|d| d.as_rooted()).collect()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-devicechangeevent-userinserteddevices>
    fn UserInsertedDevices(&self, _cx: &mut JSContext) -> Vec<DomRoot<MediaDeviceInfo>> {
        self.user_inserted.iter().map(|d| d.as_rooted()).collect()
    }
}

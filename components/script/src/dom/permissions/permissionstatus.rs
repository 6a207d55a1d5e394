//! `PermissionStatus` (<https://w3c.github.io/permissions/#permissionstatus-interface>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Enums::PermissionState;
use crate::dom::bindings::codegen::PermissionStatusBinding::PermissionStatusMethods;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::window::Window;
use crate::dom::permissions::store::PermissionKey;

#[dom_struct]
pub struct PermissionStatus {
    eventtarget: EventTarget,
    #[no_trace]
    key: PermissionKey,
    #[no_trace]
    state: PermissionState,
}

impl PermissionStatus {
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        key: PermissionKey,
        state: PermissionState,
    ) -> DomRoot<PermissionStatus> {
        reflect_dom_object(
            cx,
            Box::new(PermissionStatus { eventtarget: EventTarget::new_inherited(), key, state }),
            window,
        )
    }
}

impl PermissionStatusMethods for PermissionStatus {
    /// <https://w3c.github.io/permissions/#dom-permissionstatus-state>
    fn State(&self, _cx: &mut JSContext) -> PermissionState {
        self.state
    }

    /// <https://w3c.github.io/permissions/#dom-permissionstatus-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.key.name().into()
    }
}

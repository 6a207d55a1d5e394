//! `PermissionStatus` (<https://w3c.github.io/permissions/#permissionstatus-interface>).

use std::cell::Cell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
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
    state: Cell<PermissionState>,
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
            Box::new(PermissionStatus { eventtarget: EventTarget::new_inherited(), key, state: Cell::new(state) }),
            window,
        )
    }
}

impl PermissionStatus {
    /// The permission this status reports.
    pub fn key(&self) -> PermissionKey {
        self.key
    }

    /// <https://w3c.github.io/permissions/#dfn-permissionstatus-update-steps>,
    /// run in a task after the permission store changed for this status's
    /// origin: "1. Run status's query algorithm … 2. If the state changed, fire
    /// an event named `change` at status."
    pub fn update(&self, cx: &mut JSContext, state: PermissionState) {
        if self.state.replace(state) != state {
            self.eventtarget.fire_event(cx, "change");
        }
    }
}

impl PermissionStatusMethods for PermissionStatus {
    /// <https://w3c.github.io/permissions/#dom-permissionstatus-state>
    fn State(&self, _cx: &mut JSContext) -> PermissionState {
        self.state.get()
    }

    /// <https://w3c.github.io/permissions/#dom-permissionstatus-onchange>
    fn Onchange(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("change")
    }

    /// <https://w3c.github.io/permissions/#dom-permissionstatus-onchange>
    fn SetOnchange(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("change", value)
    }

    /// <https://w3c.github.io/permissions/#dom-permissionstatus-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.key.name().into()
    }
}

//! `Lock` (<https://w3c.github.io/web-locks/#api-lock>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Enums::LockMode;
use crate::dom::bindings::codegen::LockBinding::LockMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;

/// A `Lock` object: the name and mode of the lock it is associated with.
#[dom_struct]
pub struct Lock {
    reflector_: Reflector,
    name: String,
    #[no_trace]
    mode: LockMode,
}

impl Lock {
    pub fn new(cx: &mut JSContext, window: &Window, name: String, mode: LockMode) -> DomRoot<Lock> {
        reflect_dom_object(cx, Box::new(Lock { reflector_: Reflector::new(), name, mode }), window)
    }
}

impl LockMethods for Lock {
    /// <https://w3c.github.io/web-locks/#dom-lock-name>: "return the associated lock's name".
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.name.clone().into()
    }

    /// <https://w3c.github.io/web-locks/#dom-lock-mode>: "return the associated lock's mode".
    fn Mode(&self, _cx: &mut JSContext) -> LockMode {
        self.mode
    }
}

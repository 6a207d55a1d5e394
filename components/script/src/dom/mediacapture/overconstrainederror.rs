//! `OverconstrainedError` (<https://w3c.github.io/mediacapture-main/#overconstrainederror-interface>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::OverconstrainedErrorBinding::OverconstrainedErrorMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::domexception::DOMException;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct OverconstrainedError {
    exception: DOMException,
    #[no_trace]
    constraint: String,
}

impl OverconstrainedError {
    /// Step 2 of the constructor: the DOMException's name is "OverconstrainedError".
    fn new_inherited(constraint: String, message: String) -> OverconstrainedError {
        OverconstrainedError {
            exception: DOMException::new_inherited("OverconstrainedError".into(), message),
            constraint,
        }
    }

    pub fn new(
        cx: &mut JSContext,
        global: &Window,
        constraint: String,
        message: String,
    ) -> DomRoot<OverconstrainedError> {
        reflect_dom_object(cx, Box::new(OverconstrainedError::new_inherited(constraint, message)), global)
    }
}

impl OverconstrainedErrorMethods for OverconstrainedError {
    /// <https://w3c.github.io/mediacapture-main/#dom-overconstrainederror-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        constraint: DOMString,
        message: DOMString,
    ) -> Fallible<DomRoot<OverconstrainedError>> {
        Ok(reflect_dom_object_with_proto(
            cx,
            Box::new(OverconstrainedError::new_inherited(constraint.into(), message.into())),
            global,
            proto,
        ))
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-overconstrainederror-constraint>
    fn Constraint(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.constraint.clone())
    }
}

//! `AbortController` (<https://dom.spec.whatwg.org/#interface-abortcontroller>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::AbortControllerBinding::AbortControllerMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::dom::abortsignal::AbortSignal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct AbortController {
    reflector_: Reflector,
    signal: Dom<AbortSignal>,
}

impl AbortControllerMethods for AbortController {
    /// <https://dom.spec.whatwg.org/#dom-abortcontroller-abortcontroller>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<AbortController>> {
        // Step 1: Let signal be a new AbortSignal object.
        let signal = AbortSignal::new(cx, global);
        // Step 2: Set this's signal to signal.
        Ok(reflect_dom_object_with_proto(
            cx,
            Box::new(AbortController { reflector_: Reflector::new(), signal: Dom::from_ref(&signal) }),
            global,
            proto,
        ))
    }

    /// <https://dom.spec.whatwg.org/#dom-abortcontroller-signal>
    fn Signal(&self, _cx: &mut JSContext) -> DomRoot<AbortSignal> {
        self.signal.as_rooted()
    }

    /// <https://dom.spec.whatwg.org/#dom-abortcontroller-abort>
    fn Abort(&self, cx: &mut JSContext, reason: HandleValue) {
        // Signal abort on this's signal with reason if it is given.
        self.signal.signal_abort(cx, reason);
    }
}

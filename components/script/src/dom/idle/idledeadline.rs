//! `IdleDeadline` (<https://w3c.github.io/requestidlecallback/#the-idledeadline-interface>).

use std::time::Instant;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::IdleDeadlineBinding::IdleDeadlineMethods;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct IdleDeadline {
    reflector_: Reflector,
    #[no_trace]
    deadline: Instant,
    #[no_trace]
    did_timeout: bool,
}

impl IdleDeadline {
    pub fn new(cx: &mut JSContext, window: &Window, deadline: Instant, did_timeout: bool) -> DomRoot<IdleDeadline> {
        reflect_dom_object(cx, Box::new(IdleDeadline { reflector_: Reflector::new(), deadline, did_timeout }), window)
    }
}

impl IdleDeadlineMethods for IdleDeadline {
    /// <https://w3c.github.io/requestidlecallback/#dom-idledeadline-timeremaining>: "Let
    /// timeRemaining be deadline - now; if timeRemaining is negative, set it to 0."
    fn TimeRemaining(&self, _cx: &mut JSContext) -> Finite<f64> {
        let remaining = self.deadline.saturating_duration_since(Instant::now());
        Finite::<f64>::wrap(remaining.as_secs_f64() * 1000.0)
    }

    /// <https://w3c.github.io/requestidlecallback/#dom-idledeadline-didtimeout>
    fn DidTimeout(&self, _cx: &mut JSContext) -> bool {
        self.did_timeout
    }
}

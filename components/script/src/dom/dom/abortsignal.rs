//! `AbortSignal` (<https://dom.spec.whatwg.org/#interface-AbortSignal>).

use std::cell::RefCell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleValue, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::AbortSignalBinding::AbortSignalMethods;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::domexception::{DOMErrorName, DOMException};
use crate::dom::dom::eventtarget::{EventTarget, SignalRemoval};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct AbortSignal {
    eventtarget: EventTarget,
    /// The abort reason; undefined while not aborted.
    reason: Box<Heap<JSVal>>,
    removals: RefCell<Vec<SignalRemoval>>,
    /// Other abort algorithms (a fetch to reject), run with the abort reason.
    #[no_trace]
    algorithms: RefCell<Vec<AbortAlgorithm>>,
}

/// An abort algorithm (<https://dom.spec.whatwg.org/#abortsignal-abort-algorithms>)
/// holding no traced values (it may hold persistently rooted ones, such as promises).
pub type AbortAlgorithm = Box<dyn FnOnce(&mut JSContext, HandleValue)>;

impl AbortSignal {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<AbortSignal> {
        let signal = AbortSignal {
            eventtarget: EventTarget::new_inherited(),
            reason: Box::default(),
            removals: RefCell::new(Vec::new()),
            algorithms: RefCell::new(Vec::new()),
        };
        reflect_dom_object(cx, Box::new(signal), window)
    }

    /// <https://dom.spec.whatwg.org/#abortsignal-aborted>
    pub fn is_aborted(&self) -> bool {
        !self.reason.get().is_undefined()
    }

    pub(crate) fn add_removal(&self, removal: SignalRemoval) {
        self.removals.borrow_mut().push(removal);
    }

    /// <https://dom.spec.whatwg.org/#abortsignal-add>: runs `algorithm` when the signal
    /// aborts (never, if it already has: check [`AbortSignal::is_aborted`] first).
    pub fn add_abort_algorithm(&self, algorithm: AbortAlgorithm) {
        if !self.is_aborted() {
            self.algorithms.borrow_mut().push(algorithm);
        }
    }

    /// The abort reason (undefined while not aborted).
    pub fn reason(&self) -> JSVal {
        self.reason.get()
    }

    /// <https://dom.spec.whatwg.org/#abortsignal-signal-abort>
    pub fn signal_abort(&self, cx: &mut JSContext, reason: HandleValue) {
        // Step 1: If signal is aborted, then return.
        if self.is_aborted() {
            return;
        }
        // Step 2: Set signal's abort reason to reason if it is given; otherwise to a new "AbortError" DOMException.
        if reason.get().is_undefined() {
            let exception = DOMException::new(
                cx,
                &self.global(),
                DOMErrorName::AbortError,
                "signal is aborted without reason".into(),
            );
            rooted!(&in(cx) let mut value = UndefinedValue());
            exception.to_jsval(cx, value.handle_mut());
            self.reason.set(value.get());
        } else {
            self.reason.set(reason.get());
        }
        // Steps 4–5: run the abort algorithms (listener removals), then fire "abort".
        for removal in self.removals.borrow_mut().drain(..) {
            removal.run();
        }
        let algorithms: Vec<AbortAlgorithm> = self.algorithms.borrow_mut().drain(..).collect();
        rooted!(&in(cx) let reason = self.reason.get());
        for algorithm in algorithms {
            algorithm(cx, reason.handle());
        }
        self.upcast::<EventTarget>().fire_event(cx, "abort");
    }
}

impl AbortSignalMethods for AbortSignal {
    /// <https://dom.spec.whatwg.org/#dom-abortsignal-abort>
    fn Abort(cx: &mut JSContext, global: &Window, reason: HandleValue) -> DomRoot<AbortSignal> {
        let signal = AbortSignal::new(cx, global);
        signal.signal_abort(cx, reason);
        signal
    }

    /// <https://dom.spec.whatwg.org/#dom-abortsignal-aborted>
    fn Aborted(&self, _cx: &mut JSContext) -> bool {
        self.is_aborted()
    }

    /// <https://dom.spec.whatwg.org/#dom-abortsignal-reason>
    fn Reason(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.reason.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
    }

    /// <https://dom.spec.whatwg.org/#dom-abortsignal-throwifaborted>
    fn ThrowIfAborted(&self, cx: &mut JSContext) -> ErrorResult {
        if self.is_aborted() {
            rooted!(&in(cx) let reason = self.reason.get());
            unsafe {
                mozjs::jsapi::JS_SetPendingException(
                    cx.raw_cx(),
                    reason.handle().into(),
                    mozjs::jsapi::ExceptionStackBehavior::Capture,
                )
            };
            return Err(Error::JSFailed);
        }
        Ok(())
    }

    /// <https://dom.spec.whatwg.org/#handler-abortsignal-onabort>
    fn Onabort(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("abort")
    }

    /// <https://dom.spec.whatwg.org/#handler-abortsignal-onabort>
    fn SetOnabort(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("abort", value)
    }
}

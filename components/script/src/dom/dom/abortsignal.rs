//! `AbortSignal` (<https://dom.spec.whatwg.org/#interface-AbortSignal>).

use std::cell::{Cell, RefCell};
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
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{Dom, DomRoot};
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
    /// <https://dom.spec.whatwg.org/#abortsignal-dependent>
    #[no_trace]
    dependent: Cell<bool>,
    /// <https://dom.spec.whatwg.org/#abortsignal-source-signals>
    sources: RefCell<Vec<Dom<AbortSignal>>>,
    /// <https://dom.spec.whatwg.org/#abortsignal-dependent-signals>
    dependents: RefCell<Vec<Dom<AbortSignal>>>,
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
            dependent: Cell::new(false),
            sources: RefCell::new(Vec::new()),
            dependents: RefCell::new(Vec::new()),
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
        // 1. If signal is aborted, then return.
        if self.is_aborted() {
            return;
        }
        // 2. Set signal's abort reason to reason if it is given; otherwise to a new
        //    "AbortError" DOMException.
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
        // 3. Let dependentSignalsToAbort be a new list.
        // 4. For each dependentSignal of signal's dependent signals: if dependentSignal is not
        //    aborted, then set dependentSignal's abort reason to signal's abort reason and
        //    append dependentSignal to dependentSignalsToAbort.
        let to_abort: Vec<DomRoot<AbortSignal>> =
            self.dependents.borrow().iter().map(|d| d.as_rooted()).filter(|d| !d.is_aborted()).collect();
        for dependent in &to_abort {
            dependent.reason.set(self.reason.get());
        }
        // 5. Run the abort steps for signal.
        self.run_abort_steps(cx);
        // 6. For each dependentSignal of dependentSignalsToAbort, run the abort steps for
        //    dependentSignal.
        for dependent in to_abort {
            dependent.run_abort_steps(cx);
        }
    }

    /// <https://dom.spec.whatwg.org/#run-the-abort-steps>
    fn run_abort_steps(&self, cx: &mut JSContext) {
        // 1. For each algorithm of signal's abort algorithms: run algorithm. (Listener
        //    removals first, then the others.) 2. Empty signal's abort algorithms.
        let removals: Vec<SignalRemoval> = self.removals.borrow_mut().drain(..).collect();
        for removal in removals {
            removal.run();
        }
        let algorithms: Vec<AbortAlgorithm> = self.algorithms.borrow_mut().drain(..).collect();
        rooted!(&in(cx) let reason = self.reason.get());
        for algorithm in algorithms {
            algorithm(cx, reason.handle());
        }
        // 3. Fire an event named abort at signal.
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

    /// <https://dom.spec.whatwg.org/#dom-abortsignal-timeout>
    fn Timeout(cx: &mut JSContext, global: &Window, milliseconds: u64) -> DomRoot<AbortSignal> {
        // 1. Let signal be a new AbortSignal object.
        let signal = AbortSignal::new(cx, global);
        // 2. Let global be signal's relevant global object.
        // 3. Run steps after a timeout given global, "AbortSignal-timeout", milliseconds, and
        //    the following step: queue a global task on the timer task source given global to
        //    signal abort given signal and a new "TimeoutError" DOMException. (The pending
        //    timeout keeps the signal alive until it fires.)
        let pending = Trusted::new(&*signal);
        global.run_steps_after_timeout(milliseconds, move |cx| {
            let Some(signal) = pending.root() else { return };
            let exception =
                DOMException::new(cx, &signal.global(), DOMErrorName::TimeoutError, "signal timed out".into());
            rooted!(&in(cx) let mut reason = UndefinedValue());
            exception.to_jsval(cx, reason.handle_mut());
            signal.signal_abort(cx, reason.handle());
        });
        // 4. Return signal.
        signal
    }

    /// <https://dom.spec.whatwg.org/#dom-abortsignal-any>: "create a dependent abort signal"
    /// (<https://dom.spec.whatwg.org/#create-a-dependent-abort-signal>) from signals.
    fn Any(cx: &mut JSContext, global: &Window, signals: Vec<DomRoot<AbortSignal>>) -> DomRoot<AbortSignal> {
        // 1. Let resultSignal be a new object implementing signalInterface using realm.
        let result = AbortSignal::new(cx, global);
        // 2. For each signal of signals: if signal is aborted, then set resultSignal's abort
        //    reason to signal's abort reason and return resultSignal.
        if let Some(aborted) = signals.iter().find(|s| s.is_aborted()) {
            result.reason.set(aborted.reason.get());
            return result;
        }
        // 3. Set resultSignal's dependent to true.
        result.dependent.set(true);
        // 4. For each signal of signals:
        for signal in &signals {
            // 1. If signal's dependent is false: append signal to resultSignal's source
            //    signals and resultSignal to signal's dependent signals.
            // 2. Otherwise, for each sourceSignal of signal's source signals (never dependent
            //    themselves), do the same with sourceSignal.
            let sources: Vec<DomRoot<AbortSignal>> = if signal.dependent.get() {
                signal.sources.borrow().iter().map(|s| s.as_rooted()).collect()
            } else {
                vec![signal.clone()]
            };
            for source in sources {
                let known = result.sources.borrow().iter().any(|s| std::ptr::eq(&**s, &*source));
                if !known {
                    result.sources.borrow_mut().push(Dom::from_ref(&*source));
                    source.dependents.borrow_mut().push(Dom::from_ref(&*result));
                }
            }
        }
        // 5. Return resultSignal.
        result
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
            // SAFETY: `reason` is rooted just above; `cx` is this thread's live context; its raw pointer goes straight into the call.
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

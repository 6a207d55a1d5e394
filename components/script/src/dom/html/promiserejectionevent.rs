//! `PromiseRejectionEvent` (<https://html.spec.whatwg.org/multipage/webappapis.html#promiserejectionevent>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, JSObject};
use mozjs::jsval::{JSVal, ObjectValue};
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::PromiseRejectionEventBinding::PromiseRejectionEventMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct PromiseRejectionEvent {
    event: Event,
    promise: Box<Heap<*mut JSObject>>,
    reason: Box<Heap<JSVal>>,
}

impl PromiseRejectionEvent {
    /// Fires `unhandledrejection` (cancelable) at `window`; returns true if not canceled.
    pub fn fire_unhandled(cx: &mut JSContext, window: &Window, promise: HandleObject, reason: HandleValue) -> bool {
        let p = Box::new(Heap::default());
        p.set(promise.get());
        let r = Box::new(Heap::default());
        r.set(reason.get());
        let event = reflect_dom_object(
            cx,
            Box::new(PromiseRejectionEvent { event: Event::new_inherited(window), promise: p, reason: r }),
            window,
        );
        let base = event.upcast::<Event>();
        base.init("unhandledrejection".into(), false, true);
        base.set_trusted(true);
        window.upcast::<EventTarget>().dispatch(cx, base)
    }
}

impl PromiseRejectionEventMethods for PromiseRejectionEvent {
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-promiserejectionevent-promise>
    fn Promise(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(ObjectValue(self.promise.get()));
        mozjs::rust::maybe_wrap_value(cx, retval);
    }
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-promiserejectionevent-reason>
    fn Reason(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.reason.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
    }
}

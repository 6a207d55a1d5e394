//! `PromiseRejectionEvent` (<https://html.spec.whatwg.org/multipage/webappapis.html#promiserejectionevent>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, JSObject};
use mozjs::jsval::{JSVal, ObjectValue};
use mozjs::rooted;
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
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#promiserejectionevent>: the
    /// constructor with PromiseRejectionEventInit: promise (required object), reason (any),
    /// read in that order after EventInit's members.
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<mozjs::rust::HandleObject>,
        type_: crate::dom::bindings::str::DOMString,
        init: HandleValue,
    ) -> crate::dom::bindings::error::Fallible<crate::dom::bindings::root::DomRoot<PromiseRejectionEvent>> {
        use crate::dom::bindings::error::Error;
        use crate::dom::webmessaging::messageevent::member;
        if !init.get().is_null_or_undefined() && !init.get().is_object() {
            return Err(Error::Type("The provided value is not of type 'PromiseRejectionEventInit'.".into()));
        }
        rooted!(&in(cx) let dict = if init.get().is_object() { init.get().to_object() } else { std::ptr::null_mut() });
        let dict = (!dict.get().is_null()).then(|| dict.handle());
        let (bubbles, cancelable, composed) = crate::dom::html::errorevent::event_init(cx, dict)?;
        rooted!(&in(cx) let mut promise = mozjs::jsval::UndefinedValue());
        member(cx, dict, c"promise", promise.handle_mut())?;
        if promise.get().is_undefined() {
            return Err(Error::Type(
                "Failed to construct 'PromiseRejectionEvent': required member promise is undefined.".into(),
            ));
        }
        if !promise.get().is_object() {
            return Err(Error::Type(
                "Failed to construct 'PromiseRejectionEvent': member promise is not an object.".into(),
            ));
        }
        rooted!(&in(cx) let mut reason = mozjs::jsval::UndefinedValue());
        member(cx, dict, c"reason", reason.handle_mut())?;
        let p = Box::new(Heap::default());
        p.set(promise.get().to_object());
        let r = Box::new(Heap::default());
        r.set(reason.get());
        let event = crate::dom::bindings::classes::reflect_dom_object_with_proto(
            cx,
            Box::new(PromiseRejectionEvent { event: Event::new_inherited(global), promise: p, reason: r }),
            global,
            proto,
        );
        let base = event.upcast::<Event>();
        base.init(type_.to_string(), bubbles, cancelable);
        base.set_composed(composed);
        Ok(event)
    }

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

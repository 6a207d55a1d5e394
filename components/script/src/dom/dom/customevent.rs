//! `CustomEvent` (<https://dom.spec.whatwg.org/#interface-customevent>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, NullValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::CustomEventBinding::CustomEventMethods;
use crate::dom::bindings::conversions::get_property;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::event::Event;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CustomEvent {
    event: Event,
    /// <https://dom.spec.whatwg.org/#dom-customevent-detail>
    detail: Box<Heap<JSVal>>,
}

/// The members of a `CustomEventInit` dictionary.
struct CustomEventInit {
    bubbles: bool,
    cancelable: bool,
    composed: bool,
}

/// Converts `value` to a `CustomEventInit` (<https://webidl.spec.whatwg.org/#es-dictionary>):
/// undefined and null are the defaults, another non-object is a TypeError, and the members are
/// read in order (EventInit's `bubbles`, `cancelable`, `composed`, then `detail`, stored into
/// `detail`), a getter's exception propagating.
fn convert_init(cx: &mut JSContext, value: HandleValue, mut detail: MutableHandleValue) -> Fallible<CustomEventInit> {
    detail.set(NullValue());
    let mut init = CustomEventInit { bubbles: false, cancelable: false, composed: false };
    if value.get().is_null_or_undefined() {
        return Ok(init);
    }
    if !value.get().is_object() {
        return Err(Error::Type(
            "Failed to construct 'CustomEvent': The provided value is not of type 'CustomEventInit'.".into(),
        ));
    }
    rooted!(&in(cx) let object = value.get().to_object());
    rooted!(&in(cx) let mut member = UndefinedValue());
    for (name, slot) in
        [(c"bubbles", &mut init.bubbles), (c"cancelable", &mut init.cancelable), (c"composed", &mut init.composed)]
    {
        get_property(cx, object.handle(), name, member.handle_mut()).map_err(|_| Error::JSFailed)?;
        if !member.get().is_undefined() {
            // SAFETY: `member` is rooted; ToBoolean runs no script.
            *slot = unsafe { mozjs::rust::ToBoolean(member.handle()) };
        }
    }
    get_property(cx, object.handle(), c"detail", member.handle_mut()).map_err(|_| Error::JSFailed)?;
    if !member.get().is_undefined() {
        detail.set(member.get());
    }
    Ok(init)
}

impl CustomEvent {
    /// An uninitialized CustomEvent (detail null), for `document.createEvent("CustomEvent")`.
    pub fn new_uninitialized(cx: &mut JSContext, window: &Window) -> DomRoot<CustomEvent> {
        let heap = Box::new(Heap::default());
        heap.set(NullValue());
        let event = CustomEvent { event: Event::new_inherited(window), detail: heap };
        crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(event), window)
    }
}

impl CustomEventMethods for CustomEvent {
    /// <https://dom.spec.whatwg.org/#concept-event-constructor> for CustomEvent.
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        event_init_dict: HandleValue,
    ) -> Fallible<DomRoot<CustomEvent>> {
        rooted!(&in(cx) let mut detail = NullValue());
        let init = convert_init(cx, event_init_dict, detail.handle_mut())?;
        let heap = Box::new(Heap::default());
        heap.set(detail.get());
        let event = CustomEvent { event: Event::new_inherited(global), detail: heap };
        let event = reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        // "Initialize event's type, bubbles, cancelable, composed and detail from the dictionary."
        let base = event.upcast::<Event>();
        base.init(type_.into(), init.bubbles, init.cancelable);
        base.set_composed(init.composed);
        Ok(event)
    }

    /// <https://dom.spec.whatwg.org/#dom-customevent-detail>
    fn Detail(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.detail.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
    }

    /// <https://dom.spec.whatwg.org/#dom-customevent-initcustomevent>
    fn InitCustomEvent(
        &self,
        _cx: &mut JSContext,
        type_: DOMString,
        bubbles: bool,
        cancelable: bool,
        detail: HandleValue,
    ) {
        let base = self.upcast::<Event>();
        // 1. "If this's dispatch flag is set, then return."
        if base.is_dispatching() {
            return;
        }
        // 2. "Initialize this with type, bubbles, and cancelable." 3. "Set this's detail to detail."
        base.init(type_.into(), bubbles, cancelable);
        self.detail.set(detail.get());
    }
}

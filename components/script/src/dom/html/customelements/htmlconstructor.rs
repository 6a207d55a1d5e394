//! The HTML element constructor steps
//! (<https://html.spec.whatwg.org/multipage/dom.html#html-element-constructors>), run by the
//! `[HTMLConstructor]` native the bindings generator emits for `HTMLElement`: `super()` in a
//! custom element's constructor, and `new MyElement()`.

use mozjs::context::JSContext;
use mozjs::jsapi::CallArgs;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::error::throw_type_error;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::element::Element;
use crate::dom::html::customelements::{ConstructionStackEntry, CustomElementState};
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::window::Window;

/// Runs the steps for `HTMLElement`'s interface object called with `call_args`; `prototype` is
/// `Get(NewTarget, "prototype")` (or the realm's `HTMLElement.prototype` when that is not an
/// object). Returns false with an exception pending on failure.
pub fn html_element_constructor(
    cx: &mut JSContext,
    global: &Window,
    call_args: &CallArgs,
    prototype: HandleObject,
) -> bool {
    // 1. "Let registry be the current global object's CustomElementRegistry object."
    let registry = global.custom_element_registry(cx);
    // (NewTarget is read after that allocation, from the rooted call arguments.)
    let new_target = call_args.new_target();
    // 2. "If NewTarget is equal to the active function object, then throw a TypeError."
    if new_target.is_object() && new_target.to_object() == call_args.callee() {
        throw_type_error(cx, "Illegal constructor.");
        return false;
    }
    // 3. "Let definition be the item in registry's custom element definition set with
    //    constructor equal to NewTarget. If there is no such item, then throw a TypeError."
    let Some(definition) = registry.definition_by_constructor(new_target.to_object()) else {
        throw_type_error(cx, "Illegal constructor: this constructor is not a defined custom element.");
        return false;
    };
    // 4–5. "If definition's local name is equal to definition's name (i.e., definition is for
    //    an autonomous custom element), then: if the active function object is not
    //    HTMLElement, then throw a TypeError." The active function object is HTMLElement here:
    //    no other interface has [HTMLConstructor] (customized built-ins are not supported).
    // 6. "Let prototype be ? Get(NewTarget, "prototype")" (the binding did this).
    // 7. "If definition's construction stack is empty, then:"
    let last = definition.construction_stack.borrow_mut().pop();
    let element: DomRoot<Element> = match last {
        None => {
            // 7.1. "Let element be the result of internally creating a new object implementing
            //    the interface to which the active function object corresponds, given the
            //    current Realm Record and NewTarget." 7.2–7.7: "Set element's node document to
            //    the current global object's associated Document; namespace to the HTML
            //    namespace; namespace prefix to null; local name to definition's local name;
            //    custom element state to "custom"; custom element definition to definition;
            //    is value to null."
            let document = global.document();
            let html = reflect_dom_object_with_proto(
                cx,
                Box::new(HTMLElement::new_inherited(&definition.local_name, &document)),
                global,
                Some(prototype),
            );
            let element = DomRoot::upcast::<Element>(html);
            element.set_custom_element_state(CustomElementState::Custom);
            element.set_custom_element_definition(Some(definition.clone()));
            // 7.8. "Return element."
            element
                .reflector()
                .get_jsobject()
                .get()
                // SAFETY: the return value slot of a native call is rooted by the call (`vp`).
                .to_jsval(cx, unsafe { mozjs::rust::MutableHandleValue::from_raw(call_args.rval()) });
            return true;
        }
        // 9. "If element is an already constructed marker, then throw a TypeError."
        Some(ConstructionStackEntry::AlreadyConstructed) => {
            definition.construction_stack.borrow_mut().push(ConstructionStackEntry::AlreadyConstructed);
            throw_type_error(cx, "This custom element has already been constructed.");
            return false;
        }
        // 8. "Let element be the last entry in definition's construction stack."
        Some(ConstructionStackEntry::Element(e)) => e.as_rooted(),
    };
    // 10. "Perform ? element.[[SetPrototypeOf]](prototype)."
    // SAFETY: the element's reflector is alive (the element is rooted) and `prototype` is a
    // rooted handle; `cx` is this thread's live context; its raw pointer goes straight into the call.
    let ok = unsafe {
        mozjs::jsapi::JS_SetPrototype(cx.raw_cx(), element.reflector().get_jsobject().into(), prototype.into())
    };
    // 11. "Replace the last entry in definition's construction stack with an already
    //    constructed marker."
    definition.construction_stack.borrow_mut().push(ConstructionStackEntry::AlreadyConstructed);
    if !ok {
        return false;
    }
    // 12. "Return element."
    element
        .reflector()
        .get_jsobject()
        .get()
        // SAFETY: the return value slot of a native call is rooted by the call (`vp`).
        .to_jsval(cx, unsafe { mozjs::rust::MutableHandleValue::from_raw(call_args.rval()) });
    true
}

//! `WebGLContextEvent` (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.15>): pages
//! construct them, and a context fires `webglcontextlost` and `webglcontextrestored` at its
//! canvas (`loss.rs`).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::WebGLContextEventInit;
use crate::dom::bindings::codegen::WebGLContextEventBinding::WebGLContextEventMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::event::Event;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct WebGLContextEvent {
    event: Event,
    #[no_trace]
    status_message: String,
}

impl WebGLContextEvent {
    /// A trusted event named `type_` with an empty status message, as a context fires them
    /// ("fire a WebGL context event named e": the statusMessage is the empty string when the
    /// implementation has no more to say).
    pub fn new_trusted(
        cx: &mut JSContext,
        global: &Window,
        type_: &str,
        cancelable: bool,
    ) -> DomRoot<WebGLContextEvent> {
        let event = crate::dom::bindings::classes::reflect_dom_object(
            cx,
            Box::new(WebGLContextEvent { event: Event::new_inherited(global), status_message: String::new() }),
            global,
        );
        let base = event.upcast::<Event>();
        base.init(type_.into(), false, cancelable);
        base.set_trusted(true);
        event
    }
}

impl WebGLContextEventMethods for WebGLContextEvent {
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.15>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &WebGLContextEventInit,
    ) -> Fallible<DomRoot<WebGLContextEvent>> {
        let event = reflect_dom_object_with_proto(
            cx,
            Box::new(WebGLContextEvent {
                event: Event::new_inherited(global),
                status_message: init.status_message.to_string(),
            }),
            global,
            proto,
        );
        let base = event.upcast::<Event>();
        base.init(type_.into(), init.parent.bubbles, init.parent.cancelable);
        base.set_composed(init.parent.composed);
        Ok(event)
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#dom-webglcontextevent-statusmessage>
    fn StatusMessage(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.status_message.as_str())
    }
}

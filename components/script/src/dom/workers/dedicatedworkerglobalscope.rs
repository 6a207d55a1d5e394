//! `DedicatedWorkerGlobalScope` (<https://html.spec.whatwg.org/multipage/workers.html#dedicated-workers-and-the-dedicatedworkerglobalscope-interface>):
//! the global object of a dedicated worker.

use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleValue;

use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::DedicatedWorkerGlobalScopeBinding;
use crate::dom::bindings::codegen::DedicatedWorkerGlobalScopeBinding::DedicatedWorkerGlobalScopeMethods;
use crate::dom::bindings::error::ErrorResult;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::structuredclone::{CloneCaller, serialize_for_thread};
use crate::dom::html::window::{Window, WindowOptions};
use crate::dom::workers::workerglobalscope::WorkerGlobalScope;

#[dom_struct]
pub struct DedicatedWorkerGlobalScope {
    workerglobalscope: WorkerGlobalScope,
    #[no_trace]
    name: String,
}

impl DedicatedWorkerGlobalScope {
    /// Creates the worker's global object on this (the worker's) thread, with every interface
    /// exposed in dedicated workers defined on it.
    pub fn new(cx: &mut JSContext, options: WindowOptions, name: String) -> DomRoot<DedicatedWorkerGlobalScope> {
        let scope =
            Box::new(DedicatedWorkerGlobalScope { workerglobalscope: WorkerGlobalScope::new_inherited(options), name });
        // SAFETY: called once per worker thread, on that thread, with its runtime's context.
        let scope = unsafe { DedicatedWorkerGlobalScopeBinding::WrapGlobal(cx, scope) };
        scope.upcast_window().finish_global(cx);
        scope
    }

    /// The `WorkerGlobalScope` part of this global.
    pub fn worker_global_scope(&self) -> &WorkerGlobalScope {
        &self.workerglobalscope
    }

    /// The realm's settings part of this global (see `workerglobalscope.rs`).
    pub fn upcast_window(&self) -> &Window {
        self.workerglobalscope.window()
    }
}

impl DedicatedWorkerGlobalScopeMethods for DedicatedWorkerGlobalScope {
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-dedicatedworkerglobalscope-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.name.as_str())
    }

    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-dedicatedworkerglobalscope-postmessage>:
    /// "post a message through the worker's implicit port": the owner's `Worker` gets a
    /// `message` event.
    fn PostMessage(&self, cx: &mut JSContext, message: HandleValue, transfer_or_options: HandleValue) -> ErrorResult {
        let transfer = crate::dom::webmessaging::messageport::post_message_transfer(
            cx,
            transfer_or_options,
            "DedicatedWorkerGlobalScope",
        )?;
        let serialized = serialize_for_thread(
            cx,
            message,
            &transfer,
            CloneCaller { operation: "postMessage", interface: "DedicatedWorkerGlobalScope" },
        )?;
        crate::dom::workers::thread::post_to_owner(serialized);
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-dedicatedworkerglobalscope-close>:
    /// "close a worker": discard the tasks of its event loop and set its closing flag.
    fn Close(&self, _cx: &mut JSContext) {
        crate::dom::workers::thread::close();
    }

    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-animationframeprovider-requestanimationframe>:
    /// a dedicated worker "supports animation frames" (its owner is a window's); the
    /// callbacks run at the worker's rendering opportunities, at most 60 times a second.
    fn RequestAnimationFrame(
        &self,
        cx: &mut JSContext,
        callback: Rc<crate::dom::bindings::codegen::Callbacks::FrameRequestCallback>,
    ) -> u32 {
        use crate::dom::bindings::codegen::WindowBinding::WindowMethods;
        self.upcast_window().RequestAnimationFrame(cx, callback)
    }

    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#animationframeprovider-cancelanimationframe>
    fn CancelAnimationFrame(&self, cx: &mut JSContext, handle: u32) {
        use crate::dom::bindings::codegen::WindowBinding::WindowMethods;
        self.upcast_window().CancelAnimationFrame(cx, handle)
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageeventtarget-onmessage>
    fn Onmessage(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.upcast::<EventTarget>().get_event_handler("message")
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageeventtarget-onmessage>
    fn SetOnmessage(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.upcast::<EventTarget>().set_event_handler("message", value)
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageeventtarget-onmessageerror>
    fn Onmessageerror(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.upcast::<EventTarget>().get_event_handler("messageerror")
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageeventtarget-onmessageerror>
    fn SetOnmessageerror(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.upcast::<EventTarget>().set_event_handler("messageerror", value)
    }
}

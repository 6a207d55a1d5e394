//! `HTMLDialogElement` (<https://html.spec.whatwg.org/multipage/interactive-elements.html#the-dialog-element>):
//! the open attribute, the modal flag, the return value and the dialog's events. Nothing is
//! rendered, so the top layer, inertness and focus steps have nothing to act on.

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::HTMLDialogElementBinding::HTMLDialogElementMethods;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::events::events::ToggleEvent;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::htmlelement::HTMLElement;

#[dom_struct]
pub struct HTMLDialogElement {
    htmlelement: HTMLElement,
    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#dom-dialog-returnvalue>
    #[no_trace]
    return_value: RefCell<String>,
    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#is-modal>
    #[no_trace]
    is_modal: Cell<bool>,
    /// The dialog toggle task tracker.
    #[no_trace]
    pending_toggle: crate::dom::html::toggletask::ToggleTaskTracker,
}

impl HTMLDialogElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLDialogElement> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(HTMLDialogElement {
                htmlelement: HTMLElement::new_inherited(local_name, document),
                return_value: RefCell::new(String::new()),
                is_modal: Cell::new(false),
                pending_toggle: Default::default(),
            }),
            &window,
        )
    }

    fn is_open(&self) -> bool {
        self.htmlelement.get_bool_attribute("open")
    }

    /// Fires `beforetoggle` (cancelable when opening); returns whether it was not canceled.
    fn fire_beforetoggle(&self, cx: &mut JSContext, old_state: &str, new_state: &str, cancelable: bool) -> bool {
        let window = self.global();
        let event = ToggleEvent::new_trusted(cx, &window, "beforetoggle", cancelable, old_state, new_state);
        self.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>())
    }

    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#queue-a-dialog-toggle-event-task>
    fn queue_toggle(&self, old_state: &str, new_state: &str) {
        crate::dom::html::toggletask::queue_toggle_task(self, |d| &d.pending_toggle, old_state, new_state);
    }

    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#close-the-dialog> with
    /// `result`.
    fn close_the_dialog(&self, cx: &mut JSContext, result: Option<DOMString>) {
        // 1. If subject does not have an open attribute, then return.
        if !self.is_open() {
            return;
        }
        // 2. Fire an event named beforetoggle, using ToggleEvent, with the oldState attribute
        //    initialized to "open" and the newState attribute initialized to "closed" at
        //    subject. 3. If subject does not have an open attribute, then return.
        self.fire_beforetoggle(cx, "open", "closed", false);
        if !self.is_open() {
            return;
        }
        // 4. Queue a dialog toggle event task given subject, "open", and "closed".
        self.queue_toggle("open", "closed");
        // 5. Remove subject's open attribute. 7. Set the is modal flag of subject to false.
        self.htmlelement.set_bool_attribute(cx, "open", false);
        self.is_modal.set(false);
        // 9. If result is not null, then set the returnValue attribute to result.
        if let Some(result) = result {
            *self.return_value.borrow_mut() = result.to_string();
        }
        // 14. Queue an element task on the user interaction task source given the subject
        //     element to fire an event named close at subject.
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            let Some(this) = this.root() else { return };
            let window = this.global();
            crate::script_runtime::in_realm(cx, &window, |cx| {
                this.upcast::<EventTarget>().fire_event(cx, "close");
            });
        }));
    }

    /// The steps `show()` and `showModal()` share once the checks passed: "fire beforetoggle
    /// (cancelable) … queue a dialog toggle event task … add an open attribute".
    fn open_dialog(&self, cx: &mut JSContext, modal: bool) {
        if !self.fire_beforetoggle(cx, "closed", "open", true) {
            return;
        }
        if self.is_open() {
            return;
        }
        if modal && !self.upcast::<Node>().is_connected() {
            return;
        }
        self.queue_toggle("closed", "open");
        self.htmlelement.set_bool_attribute(cx, "open", true);
        self.is_modal.set(modal);
    }
}

impl HTMLDialogElementMethods for HTMLDialogElement {
    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#dom-dialog-open>
    fn Open(&self, _cx: &mut JSContext) -> bool {
        self.is_open()
    }
    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#dom-dialog-open>
    fn SetOpen(&self, cx: &mut JSContext, value: bool) {
        self.htmlelement.set_bool_attribute(cx, "open", value);
        if !value {
            self.is_modal.set(false);
        }
    }
    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#dom-dialog-returnvalue>
    fn ReturnValue(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.return_value.borrow().as_str())
    }
    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#dom-dialog-returnvalue>
    fn SetReturnValue(&self, _cx: &mut JSContext, value: DOMString) {
        *self.return_value.borrow_mut() = value.to_string();
    }
    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#dom-dialog-show>
    fn Show(&self, cx: &mut JSContext) -> ErrorResult {
        // 1. If this has an open attribute and is modal of this is false, then return.
        if self.is_open() && !self.is_modal.get() {
            return Ok(());
        }
        // 2. If this has an open attribute, then throw an "InvalidStateError" DOMException.
        if self.is_open() {
            return Err(Error::InvalidState("The dialog is already open as a modal dialog.".into()));
        }
        // 3–6. beforetoggle, the toggle task, the open attribute.
        self.open_dialog(cx, false);
        Ok(())
    }
    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#dom-dialog-showmodal>
    fn ShowModal(&self, cx: &mut JSContext) -> ErrorResult {
        // 1. If subject has an open attribute and is modal of subject is true, then return.
        if self.is_open() && self.is_modal.get() {
            return Ok(());
        }
        // 2. If subject has an open attribute, then throw an "InvalidStateError" DOMException.
        if self.is_open() {
            return Err(Error::InvalidState("The dialog is already open as a non-modal dialog.".into()));
        }
        // 3. If subject's node document is not fully active, then throw an
        //    "InvalidStateError" DOMException.
        if !self.global().is_attached() {
            return Err(Error::InvalidState("The document is not fully active.".into()));
        }
        // 4. If subject is not connected, then throw an "InvalidStateError" DOMException.
        if !self.upcast::<Node>().is_connected() {
            return Err(Error::InvalidState("The dialog is not connected to a document.".into()));
        }
        // 6–12. beforetoggle (cancelable), the toggle task, the open attribute, is modal.
        self.open_dialog(cx, true);
        Ok(())
    }
    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#dom-dialog-close>: "1.
    /// If returnValue is not given, then set it to null. 2. Close the dialog this with
    /// returnValue."
    fn Close(&self, cx: &mut JSContext, result: Option<DOMString>) {
        self.close_the_dialog(cx, result);
    }
    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#dom-dialog-requestclose>:
    /// "1. If this does not have an open attribute, then return." Then (no close watcher
    /// without user activation): fire a cancelable `cancel` event; unless it was canceled,
    /// close the dialog with the result.
    fn RequestClose(&self, cx: &mut JSContext, result: Option<DOMString>) {
        if !self.is_open() {
            return;
        }
        if !self.upcast::<EventTarget>().fire_event_with(cx, "cancel", false, true) {
            return;
        }
        self.close_the_dialog(cx, result);
    }
}

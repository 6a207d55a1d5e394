//! `MediaQueryList` (<https://drafts.csswg.org/cssom-view/#the-mediaquerylist-interface>). The
//! host's environment never changes, so a list's `matches` is fixed and `change` never fires.

use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::{EventHandlerNonNull, EventListener};
use crate::dom::bindings::codegen::EventTargetBinding::EventTargetMethods;
use crate::dom::bindings::codegen::MediaQueryListBinding::MediaQueryListMethods;
use crate::dom::bindings::codegen::Unions::{AddEventListenerOptionsOrBoolean, EventListenerOptionsOrBoolean};
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct MediaQueryList {
    eventtarget: EventTarget,
    #[no_trace]
    media: String,
    #[no_trace]
    matches: bool,
}

impl MediaQueryList {
    /// <https://drafts.csswg.org/cssom-view/#dom-window-matchmedia>: "Let parsed media query list
    /// be the result of parsing query. Return a new MediaQueryList object, with this's associated
    /// Document as the document, with parsed media query list as its associated media query list."
    pub fn new(cx: &mut JSContext, window: &Window, query: &str) -> DomRoot<MediaQueryList> {
        let list = MediaQueryList {
            eventtarget: EventTarget::new_inherited(),
            media: super::mediaqueries::serialize(query),
            matches: super::mediaqueries::matches(query),
        };
        reflect_dom_object(cx, Box::new(list), window)
    }
}

impl MediaQueryListMethods for MediaQueryList {
    /// <https://drafts.csswg.org/cssom-view/#dom-mediaquerylist-media>
    fn Media(&self, _cx: &mut JSContext) -> DOMString {
        self.media.clone().into()
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-mediaquerylist-matches>
    fn Matches(&self, _cx: &mut JSContext) -> bool {
        self.matches
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-mediaquerylist-addlistener>: "add an event
    /// listener with this and an event listener whose type is change, and callback is callback".
    fn AddListener(&self, cx: &mut JSContext, callback: Option<Rc<EventListener>>) {
        self.eventtarget.AddEventListener(
            cx,
            "change".into(),
            callback,
            AddEventListenerOptionsOrBoolean::Boolean(false),
        );
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-mediaquerylist-removelistener>
    fn RemoveListener(&self, cx: &mut JSContext, callback: Option<Rc<EventListener>>) {
        self.eventtarget.RemoveEventListener(
            cx,
            "change".into(),
            callback,
            EventListenerOptionsOrBoolean::Boolean(false),
        );
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-mediaquerylist-onchange>
    fn Onchange(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("change")
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-mediaquerylist-onchange>
    fn SetOnchange(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("change", value)
    }
}

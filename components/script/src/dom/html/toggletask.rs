//! The toggle task tracker that dialog and details elements (and popovers, in the standard)
//! share: "queue a … toggle event task" coalesces the `toggle` events of one element queued
//! before the first one runs into one event, with the first old state and the last new state
//! (<https://html.spec.whatwg.org/multipage/interactive-elements.html#queue-a-details-toggle-event-task>,
//! <https://html.spec.whatwg.org/multipage/interactive-elements.html#queue-a-dialog-toggle-event-task>).

use std::cell::RefCell;

use crate::dom::bindings::inheritance::{Castable, DerivedFrom};
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::events::events::ToggleEvent;
use crate::dom::globalscope::DomGlobal;

/// An element's toggle task tracker: the old and new states of its queued `toggle` event.
#[derive(Default)]
pub struct ToggleTaskTracker(RefCell<Option<(String, String)>>);

/// Queues a toggle event task for `element`, whose tracker `tracker` finds.
pub fn queue_toggle_task<T>(element: &T, tracker: fn(&T) -> &ToggleTaskTracker, old_state: &str, new_state: &str)
where
    T: DomObject + DerivedFrom<EventTarget> + 'static,
{
    // 1. "If element's … toggle task tracker is not null, then: set oldState to element's …
    //    toggle task tracker's old state; remove element's … toggle task tracker's task from its
    //    task queue; set element's … toggle task tracker to null." (The queued task stays; it
    //    reads the tracker when it runs.)
    let already_queued = {
        let mut pending = tracker(element).0.borrow_mut();
        let queued = pending.take();
        let first_old = queued.as_ref().map_or_else(|| old_state.to_owned(), |(old, _)| old.clone());
        *pending = Some((first_old, new_state.to_owned()));
        queued.is_some()
    };
    if already_queued {
        return;
    }
    // 2. "Queue an element task given the DOM manipulation task source and element to run the
    //    following steps: fire an event named toggle at element, using ToggleEvent, with the
    //    oldState attribute initialized to oldState and the newState attribute initialized to
    //    newState; set element's … toggle task tracker to null."
    let this = Trusted::new(element);
    crate::script_thread::queue_task(Box::new(move |cx| {
        let Some(this) = this.root() else { return };
        let Some((old_state, new_state)) = tracker(&this).0.borrow_mut().take() else { return };
        let window = this.global();
        crate::script_runtime::in_realm(cx, &window, |cx| {
            let event = ToggleEvent::new_trusted(cx, &window, "toggle", false, &old_state, &new_state);
            this.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
        });
    }));
}

//! `TextTrackCueList` (<https://html.spec.whatwg.org/multipage/media.html#texttrackcuelist>):
//! a text track's list of cues, or its active cues, kept in text track cue order. A track
//! hands out the same object each time (`cues`, `activeCues`), which changes as the list does.

use std::cell::RefCell;
use std::cmp::Ordering;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::TextTrackCueListBinding::TextTrackCueListMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;
use crate::dom::texttracks::texttrackcue::TextTrackCue;

#[dom_struct]
pub struct TextTrackCueList {
    reflector_: Reflector,
    cues: RefCell<Vec<Dom<TextTrackCue>>>,
}

/// <https://html.spec.whatwg.org/multipage/media.html#text-track-cue-order> within one track:
/// "sorted by their text track cue start time, earliest first; then, any cues with the same
/// start time must be sorted by their text track cue end time, latest first; and finally, any
/// cues with identical end times must be sorted in the order they were last added to their
/// respective text track list of cues, oldest first".
pub fn cue_order(a: &TextTrackCue, b: &TextTrackCue) -> Ordering {
    a.start()
        .partial_cmp(&b.start())
        .unwrap_or(Ordering::Equal)
        .then_with(|| b.end().partial_cmp(&a.end()).unwrap_or(Ordering::Equal))
        .then_with(|| a.added().cmp(&b.added()))
}

impl TextTrackCueList {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<TextTrackCueList> {
        reflect_dom_object(
            cx,
            Box::new(TextTrackCueList { reflector_: Reflector::new(), cues: RefCell::new(Vec::new()) }),
            window,
        )
    }

    pub fn len(&self) -> usize {
        self.cues.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.cues.borrow().is_empty()
    }

    pub fn cues(&self) -> Vec<DomRoot<TextTrackCue>> {
        self.cues.borrow().iter().map(|c| c.as_rooted()).collect()
    }

    /// Whether a cue of the list has its active flag set.
    pub fn any_active(&self) -> bool {
        self.cues.borrow().iter().any(|c| c.is_active())
    }

    pub fn contains(&self, cue: &TextTrackCue) -> bool {
        self.cues.borrow().iter().any(|c| std::ptr::eq(&**c, cue))
    }

    /// Adds `cue` at its place in text track cue order (after the cues it ties with).
    pub fn insert(&self, cue: &TextTrackCue) {
        let mut cues = self.cues.borrow_mut();
        let at = cues.partition_point(|c| cue_order(c, cue) != Ordering::Greater);
        cues.insert(at, Dom::from_ref(cue));
    }

    /// Removes `cue`; whether it was there.
    pub fn remove(&self, cue: &TextTrackCue) -> bool {
        let mut cues = self.cues.borrow_mut();
        let before = cues.len();
        cues.retain(|c| !std::ptr::eq(&**c, cue));
        cues.len() != before
    }

    pub fn clear(&self) {
        self.cues.borrow_mut().clear();
    }

    /// Replaces the whole list (the active cues), sorted in text track cue order.
    pub fn set(&self, mut cues: Vec<DomRoot<TextTrackCue>>) {
        cues.sort_by(|a, b| cue_order(a, b));
        *self.cues.borrow_mut() = cues.iter().map(|c| Dom::from_ref(&**c)).collect();
    }

    /// Sorts the list again after a cue's times changed.
    pub fn resort(&self) {
        self.cues.borrow_mut().sort_by(|a, b| cue_order(a, b));
    }
}

impl TextTrackCueListMethods for TextTrackCueList {
    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcuelist-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.len() as u32
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcuelist-item>: "the
    /// indexth text track cue in the list represented by the TextTrackCueList object".
    fn IndexedGetter(&self, _cx: &mut JSContext, index: u32) -> Option<DomRoot<TextTrackCue>> {
        self.cues.borrow().get(index as usize).map(|c| c.as_rooted())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcuelist-getcuebyid>:
    /// "when called with an argument other than the empty string, must return the first text
    /// track cue in the list … whose text track cue identifier is id, if any, or null
    /// otherwise. If the argument is the empty string, then the method must return null."
    fn GetCueById(&self, _cx: &mut JSContext, id: DOMString) -> Option<DomRoot<TextTrackCue>> {
        if id.is_empty() {
            return None;
        }
        self.cues.borrow().iter().find(|c| c.id() == *id).map(|c| c.as_rooted())
    }
}

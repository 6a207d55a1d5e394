//! `TextTrackList` (<https://html.spec.whatwg.org/multipage/media.html#texttracklist>): a media
//! element's list of text tracks, "in the following order: 1. The text tracks corresponding
//! to track element children of the media element, in tree order. 2. Any text tracks added
//! using the addTextTrack() method, in the order they were added, oldest first. 3. Any
//! media-resource-specific text tracks" (Aperture has none of the third kind).

use std::cell::RefCell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::TextTrackListBinding::TextTrackListMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::html::window::Window;
use crate::dom::texttracks::texttrack::TextTrack;

#[dom_struct]
pub struct TextTrackList {
    eventtarget: EventTarget,
    tracks: RefCell<Vec<Dom<TextTrack>>>,
}

impl TextTrackList {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<TextTrackList> {
        reflect_dom_object(
            cx,
            Box::new(TextTrackList { eventtarget: EventTarget::new_inherited(), tracks: RefCell::new(Vec::new()) }),
            window,
        )
    }

    pub fn tracks(&self) -> Vec<DomRoot<TextTrack>> {
        self.tracks.borrow().iter().map(|t| t.as_rooted()).collect()
    }

    /// Whether a track of the list satisfies `test` (without copying the list).
    pub fn any(&self, test: impl Fn(&TextTrack) -> bool) -> bool {
        self.tracks.borrow().iter().any(|t| test(t))
    }

    pub fn contains(&self, track: &TextTrack) -> bool {
        self.tracks.borrow().iter().any(|t| std::ptr::eq(&**t, track))
    }

    /// Adds a track at its place: a `<track>`'s after the `<track>` children that precede it
    /// in tree order (and before every `addTextTrack()` track), any other track last.
    pub fn add(&self, track: &TextTrack) {
        if self.contains(track) {
            return;
        }
        let mut tracks = self.tracks.borrow_mut();
        let at = match track.track_element() {
            Some(element) => {
                let node = element.upcast::<Node>();
                tracks
                    .iter()
                    .position(|t| match t.track_element() {
                        Some(other) => crate::dom::dom::nodecompare::is_preceding(node, other.upcast::<Node>()),
                        None => true,
                    })
                    .unwrap_or(tracks.len())
            }
            None => tracks.len(),
        };
        tracks.insert(at, Dom::from_ref(track));
    }

    /// Removes a track; whether it was there.
    pub fn remove(&self, track: &TextTrack) -> bool {
        let mut tracks = self.tracks.borrow_mut();
        let before = tracks.len();
        tracks.retain(|t| !std::ptr::eq(&**t, track));
        tracks.len() != before
    }

    /// The position of `track` in the list (the first key of text track cue order).
    pub fn index_of(&self, track: &TextTrack) -> Option<usize> {
        self.tracks.borrow().iter().position(|t| std::ptr::eq(&**t, track))
    }
}

impl TextTrackListMethods for TextTrackList {
    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttracklist-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.tracks.borrow().len() as u32
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttracklist-item>: "the
    /// indexth text track in the list represented by the TextTrackList object".
    fn IndexedGetter(&self, _cx: &mut JSContext, index: u32) -> Option<DomRoot<TextTrack>> {
        self.tracks.borrow().get(index as usize).map(|t| t.as_rooted())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttracklist-gettrackbyid>:
    /// "the first TextTrack in the TextTrackList object whose id IDL attribute would return a
    /// value equal to the value of the id argument. When no tracks match the given argument,
    /// the method must return null." (An empty id matches no track: a track without one has
    /// none to match.)
    fn GetTrackById(&self, _cx: &mut JSContext, id: DOMString) -> Option<DomRoot<TextTrack>> {
        if id.is_empty() {
            return None;
        }
        self.tracks
            .borrow()
            .iter()
            .find(|t| {
                t.track_element()
                    .and_then(|e| e.upcast::<Element>().get_attribute_value("id"))
                    .is_some_and(|v| v == *id)
            })
            .map(|t| t.as_rooted())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-tracklist-onchange>
    fn Onchange(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("change")
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-tracklist-onchange>
    fn SetOnchange(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("change", value)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-tracklist-onaddtrack>
    fn Onaddtrack(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("addtrack")
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-tracklist-onaddtrack>
    fn SetOnaddtrack(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("addtrack", value)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-tracklist-onremovetrack>
    fn Onremovetrack(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("removetrack")
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-tracklist-onremovetrack>
    fn SetOnremovetrack(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("removetrack", value)
    }
}

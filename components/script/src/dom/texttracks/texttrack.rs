//! `TextTrack` (<https://html.spec.whatwg.org/multipage/media.html#texttrack>): a text track
//! of a media element, from a `<track>` element or `addTextTrack()`, with its mode, readiness
//! state, list of cues and active cues.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Enums::{TextTrackKind, TextTrackMode};
use crate::dom::bindings::codegen::TextTrackBinding::TextTrackMethods;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::htmlmediaelement::HTMLMediaElement;
use crate::dom::html::window::Window;
use crate::dom::texttracks::htmltrackelement::HTMLTrackElement;
use crate::dom::texttracks::texttrackcue::TextTrackCue;
use crate::dom::texttracks::texttrackcuelist::TextTrackCueList;
use crate::dom::texttracks::vttcue::VTTCue;

/// <https://html.spec.whatwg.org/multipage/media.html#text-track-readiness-state>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readiness {
    NotLoaded,
    Loading,
    Loaded,
    FailedToLoad,
}

#[dom_struct]
pub struct TextTrack {
    eventtarget: EventTarget,
    /// Kind, label and language of a track made by `addTextTrack()` (a `<track>`'s come from
    /// its attributes).
    #[no_trace]
    kind: Cell<TextTrackKind>,
    #[no_trace]
    label: RefCell<String>,
    #[no_trace]
    language: RefCell<String>,
    #[no_trace]
    mode: Cell<TextTrackMode>,
    #[no_trace]
    readiness: Cell<Readiness>,
    /// The text track list of cues.
    cues: Dom<TextTrackCueList>,
    /// The cues whose active flag is set.
    active_cues: Dom<TextTrackCueList>,
    /// The `<track>` element the track corresponds to, if any.
    track_element: MutNullableDom<HTMLTrackElement>,
    /// The media element whose list of text tracks holds the track.
    media: MutNullableDom<HTMLMediaElement>,
    /// Counts additions to the list of cues (text track cue order's last key).
    #[no_trace]
    additions: Cell<u64>,
}

impl TextTrack {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        kind: TextTrackKind,
        label: String,
        language: String,
        mode: TextTrackMode,
        readiness: Readiness,
        track_element: Option<&HTMLTrackElement>,
    ) -> DomRoot<TextTrack> {
        let cues = TextTrackCueList::new(cx, window);
        let active_cues = TextTrackCueList::new(cx, window);
        let track = TextTrack {
            eventtarget: EventTarget::new_inherited(),
            kind: Cell::new(kind),
            label: RefCell::new(label),
            language: RefCell::new(language),
            mode: Cell::new(mode),
            readiness: Cell::new(readiness),
            cues: Dom::from_ref(&*cues),
            active_cues: Dom::from_ref(&*active_cues),
            track_element: Default::default(),
            media: Default::default(),
            additions: Cell::new(0),
        };
        let track = reflect_dom_object(cx, Box::new(track), window);
        track.track_element.set(track_element);
        track
    }

    pub fn track_element(&self) -> Option<DomRoot<HTMLTrackElement>> {
        self.track_element.get()
    }

    pub fn set_track_element(&self, element: &HTMLTrackElement) {
        self.track_element.set(Some(element));
    }

    pub fn media(&self) -> Option<DomRoot<HTMLMediaElement>> {
        self.media.get()
    }

    pub fn set_media(&self, media: Option<&HTMLMediaElement>) {
        self.media.set(media);
    }

    pub fn kind(&self) -> TextTrackKind {
        match self.track_element.get() {
            Some(element) => element.kind(),
            None => self.kind.get(),
        }
    }

    pub fn mode(&self) -> TextTrackMode {
        self.mode.get()
    }

    pub fn readiness(&self) -> Readiness {
        self.readiness.get()
    }

    pub fn set_readiness(&self, readiness: Readiness) {
        self.readiness.set(readiness);
    }

    /// Whether the list of cues is empty, and whether one of its cues is active (no copies:
    /// asked at each rendering update of a playing stream).
    pub fn has_cues(&self) -> bool {
        !self.cues.is_empty()
    }

    pub fn has_active_cues(&self) -> bool {
        self.cues.any_active()
    }

    /// The text track list of cues, in text track cue order.
    pub fn cue_list(&self) -> Vec<DomRoot<TextTrackCue>> {
        self.cues.cues()
    }

    /// The cues with the active flag set, as `activeCues` shows them.
    pub fn set_active_cues(&self, cues: Vec<DomRoot<TextTrackCue>>) {
        self.active_cues.set(cues);
    }

    /// Adds a cue to the list of cues (`addCue()`, and the cues a WebVTT file gives).
    pub fn add_cue(&self, cx: &mut JSContext, cue: &TextTrackCue) {
        // 1. "If the given cue is in a text track list of cues, then remove cue from that text
        //    track list of cues."
        if let Some(old) = cue.track() {
            old.take_cue(cx, cue);
        }
        // 2. "Add cue to the TextTrack object's text track's text track list of cues."
        self.additions.set(self.additions.get() + 1);
        cue.set_track(Some(self), self.additions.get());
        self.cues.insert(cue);
        self.list_of_cues_changed(cx);
    }

    /// Adds the cues of a parsed WebVTT file (then runs time marches on once, not per cue).
    pub fn add_parsed_cues(&self, cx: &mut JSContext, cues: &[DomRoot<VTTCue>]) {
        for cue in cues {
            self.additions.set(self.additions.get() + 1);
            cue.cue().set_track(Some(self), self.additions.get());
            self.cues.insert(cue.cue());
        }
        if !cues.is_empty() {
            self.list_of_cues_changed(cx);
        }
    }

    /// Removes `cue` from the list of cues; whether it was there.
    fn take_cue(&self, cx: &mut JSContext, cue: &TextTrackCue) -> bool {
        if !self.cues.remove(cue) {
            return false;
        }
        let was_active = self.detach_cue(cue);
        self.cues_removed(cx, was_active);
        true
    }

    /// Unlinks a cue that left the list; whether it was active.
    fn detach_cue(&self, cue: &TextTrackCue) -> bool {
        cue.set_track(None, 0);
        let was_active = cue.is_active();
        if was_active {
            cue.set_active(false);
            self.active_cues.remove(cue);
        }
        was_active
    }

    /// After cues left the list: an active cue that left is no longer shown, so activeCues
    /// changed, which the track reports with one cuechange; then time marches on once.
    fn cues_removed(&self, cx: &mut JSContext, any_was_active: bool) {
        if any_was_active && let Some(media) = self.media.get() {
            media.queue_cuechange(self);
        }
        self.list_of_cues_changed(cx);
    }

    /// Empties the list of cues (a `<track>`'s `src` changed), with one cuechange and one run
    /// of time marches on for the whole list.
    pub fn clear_cues(&self, cx: &mut JSContext) {
        let cues = self.cues.cues();
        if cues.is_empty() {
            return;
        }
        self.cues.clear();
        let mut any_was_active = false;
        for cue in &cues {
            any_was_active |= self.detach_cue(cue);
        }
        self.cues_removed(cx, any_was_active);
    }

    /// A cue's start or end time changed: the list keeps text track cue order, and the media
    /// element runs time marches on.
    pub fn cue_times_changed(&self, cx: &mut JSContext) {
        self.cues.resort();
        self.active_cues.resort();
        self.list_of_cues_changed(cx);
    }

    /// "If the media element's show poster flag is not set, run the time marches on steps"
    /// when a text track of the element gains or loses cues, or a cue's times change.
    fn list_of_cues_changed(&self, cx: &mut JSContext) {
        if let Some(media) = self.media.get() {
            media.text_track_cues_changed(cx);
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-mode> and what follows
    /// a change of the text track mode.
    pub fn set_mode(&self, cx: &mut JSContext, mode: TextTrackMode) {
        if self.mode.replace(mode) == mode {
            return;
        }
        // A disabled track is ignored: none of its cues are active.
        if mode == TextTrackMode::Disabled {
            for cue in self.cues.cues() {
                cue.set_active(false);
            }
            self.active_cues.clear();
        }
        // <https://html.spec.whatwg.org/multipage/media.html#start-the-track-processing-model>:
        // a <track>'s track whose mode becomes hidden or showing while its readiness state is
        // not loaded starts loading.
        if mode != TextTrackMode::Disabled
            && self.readiness.get() == Readiness::NotLoaded
            && let Some(element) = self.track_element.get()
        {
            element.start_track_processing(cx);
        }
        // "Whenever a text track that is in a media element's list of text tracks has its text
        // track mode change value, the user agent must run the following steps for the media
        // element": the change event of its TextTrackList, and time marches on.
        if let Some(media) = self.media.get() {
            media.text_track_mode_changed(cx);
        }
    }
}

impl TextTrackMethods for TextTrack {
    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-kind>
    fn Kind(&self, _cx: &mut JSContext) -> TextTrackKind {
        self.kind()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-label>: a `<track>`'s
    /// label is its `label` attribute.
    fn Label(&self, _cx: &mut JSContext) -> DOMString {
        match self.track_element.get() {
            Some(element) => element.upcast::<Element>().get_attribute_value("label").unwrap_or_default().into(),
            None => self.label.borrow().as_str().into(),
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-language>: a
    /// `<track>`'s language is its `srclang` attribute.
    fn Language(&self, _cx: &mut JSContext) -> DOMString {
        match self.track_element.get() {
            Some(element) => element.upcast::<Element>().get_attribute_value("srclang").unwrap_or_default().into(),
            None => self.language.borrow().as_str().into(),
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-id>: "the text track's
    /// identifier, if it has one, or the empty string otherwise. For tracks that correspond to
    /// track elements, the track's identifier is the value of the element's id attribute".
    fn Id(&self, _cx: &mut JSContext) -> DOMString {
        match self.track_element.get() {
            Some(element) => element.upcast::<Element>().get_attribute_value("id").unwrap_or_default().into(),
            None => DOMString::new(),
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-inbandmetadatatrackdispatchtype>:
    /// the empty string for tracks that are not in-band metadata tracks (Aperture exposes no
    /// in-band tracks).
    fn InBandMetadataTrackDispatchType(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::new()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-mode>
    fn Mode(&self, _cx: &mut JSContext) -> TextTrackMode {
        self.mode.get()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-mode>: "On setting, if
    /// the new value isn't equal to what the attribute would currently return, the new value
    /// must be processed as follows": set the text track mode to it.
    fn SetMode(&self, cx: &mut JSContext, value: TextTrackMode) {
        self.set_mode(cx, value);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-cues>: "If the text
    /// track mode … is not the text track disabled mode, then the cues attribute must return a
    /// live TextTrackCueList object …. Otherwise, it must return null. For each TextTrack
    /// object, when an object is returned, the same TextTrackCueList object must be returned
    /// each time."
    fn Cues(&self, _cx: &mut JSContext) -> Option<DomRoot<TextTrackCueList>> {
        (self.mode.get() != TextTrackMode::Disabled).then(|| self.cues.as_rooted())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-activecues>: the cues
    /// of the list whose active flag is set, in text track cue order, or null for a disabled
    /// track; the same object each time.
    fn ActiveCues(&self, _cx: &mut JSContext) -> Option<DomRoot<TextTrackCueList>> {
        (self.mode.get() != TextTrackMode::Disabled).then(|| self.active_cues.as_rooted())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-addcue>
    fn AddCue(&self, cx: &mut JSContext, cue: &TextTrackCue) {
        self.add_cue(cx, cue);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrack-removecue>: "1. If the
    /// given cue is not in the TextTrack object's text track's text track list of cues, then
    /// throw a NotFoundError DOMException. 2. Remove cue from the TextTrack object's text
    /// track's text track list of cues."
    fn RemoveCue(&self, cx: &mut JSContext, cue: &TextTrackCue) -> ErrorResult {
        if self.take_cue(cx, cue) {
            Ok(())
        } else {
            Err(Error::NotFound("The cue is not in this track's list of cues.".into()))
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-texttrack-oncuechange>
    fn Oncuechange(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("cuechange")
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-texttrack-oncuechange>
    fn SetOncuechange(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("cuechange", value)
    }
}

//! `TextTrackCue` (<https://html.spec.whatwg.org/multipage/media.html#texttrackcue>): the
//! timing part of a cue (identifier, start and end time, pause-on-exit, the active flag) that
//! every kind of cue shares; `VTTCue` adds the WebVTT settings and text.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::TextTrackCueBinding::TextTrackCueMethods;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::texttracks::texttrack::TextTrack;

#[dom_struct]
pub struct TextTrackCue {
    eventtarget: EventTarget,
    /// The text track cue identifier.
    #[no_trace]
    id: RefCell<String>,
    /// The text track cue start and end times, in seconds.
    #[no_trace]
    start: Cell<f64>,
    #[no_trace]
    end: Cell<f64>,
    /// The text track cue pause-on-exit flag.
    #[no_trace]
    pause_on_exit: Cell<bool>,
    /// The text track whose list of cues holds this cue.
    track: MutNullableDom<TextTrack>,
    /// The text track cue active flag.
    #[no_trace]
    active: Cell<bool>,
    /// When the cue was added to its track's list (the last key of text track cue order).
    #[no_trace]
    added: Cell<u64>,
}

impl TextTrackCue {
    pub fn new_inherited(id: String, start: f64, end: f64) -> TextTrackCue {
        TextTrackCue {
            eventtarget: EventTarget::new_inherited(),
            id: RefCell::new(id),
            start: Cell::new(start),
            end: Cell::new(end),
            pause_on_exit: Cell::new(false),
            track: Default::default(),
            active: Cell::new(false),
            added: Cell::new(0),
        }
    }

    pub fn id(&self) -> String {
        self.id.borrow().clone()
    }

    pub fn start(&self) -> f64 {
        self.start.get()
    }

    pub fn end(&self) -> f64 {
        self.end.get()
    }

    pub fn pause_on_exit(&self) -> bool {
        self.pause_on_exit.get()
    }

    pub fn is_active(&self) -> bool {
        self.active.get()
    }

    pub fn set_active(&self, active: bool) {
        self.active.set(active);
    }

    pub fn track(&self) -> Option<DomRoot<TextTrack>> {
        self.track.get()
    }

    pub fn set_track(&self, track: Option<&TextTrack>, added: u64) {
        self.track.set(track);
        self.added.set(added);
    }

    pub fn added(&self) -> u64 {
        self.added.get()
    }

    /// After a time changed: the track's list of cues keeps text track cue order, and "if the
    /// TextTrackCue object's text track cue is in a text track's list of cues, and that text
    /// track is in a media element's list of text tracks, and the media element's show poster
    /// flag is not set, then run the time marches on steps for that media element."
    fn times_changed(&self, cx: &mut JSContext) {
        if let Some(track) = self.track.get() {
            track.cue_times_changed(cx);
        }
    }
}

impl TextTrackCueMethods for TextTrackCue {
    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcue-track>: "the
    /// TextTrack object of the text track in whose list of cues the text track cue … finds
    /// itself, if any; or null otherwise."
    fn Track(&self, _cx: &mut JSContext) -> Option<DomRoot<TextTrack>> {
        self.track.get()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcue-id>
    fn Id(&self, _cx: &mut JSContext) -> DOMString {
        self.id.borrow().as_str().into()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcue-id>
    fn SetId(&self, _cx: &mut JSContext, value: DOMString) {
        *self.id.borrow_mut() = value.into();
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcue-starttime>
    fn StartTime(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.start.get())
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcue-starttime>: "On
    /// setting, the text track cue start time must be set to the new value, interpreted in
    /// seconds; then, if the … cue is in a text track's list of cues, and that text track is
    /// in a media element's list of text tracks, and the media element's show poster flag is
    /// not set, then run the time marches on steps for that media element."
    fn SetStartTime(&self, cx: &mut JSContext, value: Finite<f64>) {
        self.start.set(*value);
        self.times_changed(cx);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcue-endtime>
    fn EndTime(&self, _cx: &mut JSContext) -> f64 {
        self.end.get()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcue-endtime>: as the
    /// start time.
    fn SetEndTime(&self, cx: &mut JSContext, value: f64) {
        self.end.set(value);
        self.times_changed(cx);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcue-pauseonexit>
    fn PauseOnExit(&self, _cx: &mut JSContext) -> bool {
        self.pause_on_exit.get()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-texttrackcue-pauseonexit>
    fn SetPauseOnExit(&self, _cx: &mut JSContext, value: bool) {
        self.pause_on_exit.set(value);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-texttrackcue-onenter>
    fn Onenter(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("enter")
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-texttrackcue-onenter>
    fn SetOnenter(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("enter", value)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-texttrackcue-onexit>
    fn Onexit(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("exit")
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#handler-texttrackcue-onexit>
    fn SetOnexit(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("exit", value)
    }
}

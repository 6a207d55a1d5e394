//! A media element's text tracks (<https://html.spec.whatwg.org/multipage/media.html#timed-text-tracks>):
//! its list of text tracks, the sourcing of `<track>` children, automatic text track
//! selection, and the cue part of "time marches on" (enter, exit and cuechange events, the
//! active flags, pause-on-exit).

use mozjs::context::JSContext;

use super::HTMLMediaElement;
use crate::dom::bindings::codegen::Enums::{TextTrackKind, TextTrackMode};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::globalscope::DomGlobal;
use crate::dom::texttracks::htmltrackelement::HTMLTrackElement;
use crate::dom::texttracks::texttrack::{Readiness, TextTrack};
use crate::dom::texttracks::texttrackcue::TextTrackCue;
use crate::dom::texttracks::texttracklist::TextTrackList;
use crate::dom::texttracks::trackevent::TrackEvent;

impl HTMLMediaElement {
    /// The element's list of text tracks (`textTracks`, the same object each time).
    pub fn text_track_list(&self, cx: &mut JSContext) -> DomRoot<TextTrackList> {
        if let Some(list) = self.text_tracks.get() {
            return list;
        }
        let list = TextTrackList::new(cx, &self.global());
        self.text_tracks.set(Some(&list));
        list
    }

    fn tracks(&self) -> Vec<DomRoot<TextTrack>> {
        self.text_tracks.get().map(|l| l.tracks()).unwrap_or_default()
    }

    /// Adds a text track to the list, with its `addtrack` event: "queue a media element task
    /// given the media element to fire an event named addtrack at the media element's
    /// textTracks attribute's TextTrackList object, using TrackEvent, with the track attribute
    /// initialized to the text track's TextTrack object."
    pub(crate) fn add_text_track(&self, cx: &mut JSContext, track: &TextTrack) {
        let list = self.text_track_list(cx);
        if list.contains(track) {
            return;
        }
        list.add(track);
        track.set_media(Some(self));
        let trusted = Trusted::new(track);
        self.queue_media_task(move |cx, e| {
            let (Some(track), Some(list)) = (trusted.root(), e.text_tracks.get()) else { return };
            let event = TrackEvent::new_trusted(cx, &e.global(), "addtrack", &track);
            list.upcast::<EventTarget>().dispatch(cx, event.upcast::<crate::dom::dom::event::Event>());
        });
    }

    /// "When a track element's parent changes and the new parent is a media element, then the
    /// user agent must add the track element's corresponding text track to the media element's
    /// list of text tracks, and then queue a media element task given the media element to run
    /// the following steps for the media element: 1. If the element's blocked-on-parser flag
    /// is true, then return. 2. If the element's did-perform-automatic-track-selection flag is
    /// true, then return. 3. Honor user preferences for automatic text track selection for
    /// this element."
    pub(crate) fn track_element_inserted(&self, cx: &mut JSContext, element: &HTMLTrackElement) {
        let track = element.text_track();
        self.add_text_track(cx, &track);
        self.queue_media_task(|cx, e| {
            if !e.did_automatic_track_selection.get() {
                e.honor_user_preferences(cx);
            }
        });
        // A track whose mode is already hidden or showing starts loading under its new parent.
        element.start_track_processing(cx);
    }

    /// "When a track element's parent changes and the old parent was a media element, then
    /// the user agent must remove the track element's corresponding text track from the media
    /// element's list of text tracks", firing `removetrack`.
    pub(crate) fn track_element_removed(&self, _cx: &mut JSContext, element: &HTMLTrackElement) {
        let track = element.text_track();
        let Some(list) = self.text_tracks.get() else { return };
        if !list.remove(&track) {
            return;
        }
        track.set_media(None);
        // Its cues stop being active here.
        let was_active = track.cue_list().iter().any(|c| c.is_active());
        for cue in track.cue_list() {
            cue.set_active(false);
        }
        track.set_active_cues(Vec::new());
        if was_active {
            self.queue_cuechange(&track);
        }
        let trusted = Trusted::new(&*track);
        self.queue_media_task(move |cx, e| {
            let (Some(track), Some(list)) = (trusted.root(), e.text_tracks.get()) else { return };
            let event = TrackEvent::new_trusted(cx, &e.global(), "removetrack", &track);
            list.upcast::<EventTarget>().dispatch(cx, event.upcast::<crate::dom::dom::event::Event>());
        });
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#honor-user-preferences-for-automatic-text-track-selection>
    /// (the user has no preferences here): "1. Perform automatic text track selection for
    /// subtitles and captions. 2. If there are any text tracks in the media element's list of
    /// text tracks whose text track kind is chapters or metadata that correspond to track
    /// elements with a default attribute set whose text track mode is set to disabled, then
    /// set the text track mode of all such tracks to hidden." Descriptions are selected the
    /// same way as subtitles and captions, on their own.
    fn honor_user_preferences(&self, cx: &mut JSContext) {
        self.did_automatic_track_selection.set(true);
        self.automatic_selection(cx, &[TextTrackKind::Subtitles, TextTrackKind::Captions]);
        self.automatic_selection(cx, &[TextTrackKind::Descriptions]);
        for track in self.tracks() {
            if matches!(track.kind(), TextTrackKind::Chapters | TextTrackKind::Metadata)
                && track.mode() == TextTrackMode::Disabled
                && has_default(&track)
            {
                track.set_mode(cx, TextTrackMode::Hidden);
            }
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#perform-automatic-text-track-selection>:
    /// "1. Let candidates be a list consisting of the text tracks in the media element's list
    /// of text tracks whose text track kind is one of the kinds that were passed to the
    /// algorithm, if any, in the order given in the list of text tracks. 2. If candidates is
    /// empty, then return. 3. If any of the text tracks in candidates have a text track mode
    /// set to showing, then return. … 5. Otherwise, if there are any text tracks in candidates
    /// that correspond to track elements with a default attribute set whose text track mode
    /// is set to disabled, then set the text track mode of the first such track to showing."
    fn automatic_selection(&self, cx: &mut JSContext, kinds: &[TextTrackKind]) {
        let candidates: Vec<_> = self.tracks().into_iter().filter(|t| kinds.contains(&t.kind())).collect();
        if candidates.iter().any(|t| t.mode() == TextTrackMode::Showing) {
            return;
        }
        if let Some(track) = candidates.iter().find(|t| t.mode() == TextTrackMode::Disabled && has_default(t)) {
            track.set_mode(cx, TextTrackMode::Showing);
        }
    }

    /// A text track of the element changed mode: "1. If the media element's pending text track
    /// change notification flag is set, return. 2. Set the media element's pending text track
    /// change notification flag. 3. Queue a media element task given the media element to run
    /// these steps: 1. Unset the media element's pending text track change notification flag.
    /// 2. Fire an event named change at the media element's textTracks attribute's
    /// TextTrackList object. 4. If the media element's show poster flag is not set, run the
    /// time marches on steps."
    pub fn text_track_mode_changed(&self, cx: &mut JSContext) {
        if !self.pending_text_track_change.replace(true) {
            self.queue_media_task(|cx, e| {
                e.pending_text_track_change.set(false);
                if let Some(list) = e.text_tracks.get() {
                    list.upcast::<EventTarget>().fire_event(cx, "change");
                }
            });
        }
        if !self.show_poster.get() {
            self.text_tracks_time_marches_on(cx, false);
        }
    }

    /// A text track's list of cues changed (cues added or removed, times changed).
    pub fn text_track_cues_changed(&self, cx: &mut JSContext) {
        if !self.show_poster.get() {
            self.text_tracks_time_marches_on(cx, false);
        }
    }

    /// Queues `cuechange` at a track and then at its `<track>` element: "queue a media element
    /// task given the media element to fire an event named cuechange at the TextTrack object,
    /// and, if the text track has a corresponding track element, to then fire an event named
    /// cuechange at the track element as well."
    pub fn queue_cuechange(&self, track: &TextTrack) {
        let trusted = Trusted::new(track);
        self.queue_media_task(move |cx, _| {
            let Some(track) = trusted.root() else { return };
            track.upcast::<EventTarget>().fire_event(cx, "cuechange");
            if let Some(element) = track.track_element() {
                element.upcast::<EventTarget>().fire_event(cx, "cuechange");
            }
        });
    }

    /// Whether any text track can have active cues (the checks a playing stream's rendering
    /// update makes before queueing time marches on).
    pub(super) fn has_live_text_tracks(&self) -> bool {
        self.text_tracks.get().is_some_and(|list| {
            list.any(|t| (t.mode() != TextTrackMode::Disabled && t.has_cues()) || t.has_active_cues())
        })
    }

    /// The current playback position, for the cues.
    fn cue_position(&self) -> f64 {
        if self.src_object.get().is_some() { self.stream_time() } else { self.current_time() }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#time-marches-on>, the steps about
    /// cues (the element fires `timeupdate` itself). `normal_playback`: "the time was reached
    /// through the usual monotonic increase of the current playback position during normal
    /// playback".
    pub(super) fn text_tracks_time_marches_on(&self, _cx: &mut JSContext, normal_playback: bool) {
        let Some(list) = self.text_tracks.get() else { return };
        let tracks = list.tracks();
        let now = self.cue_position();
        // 1. "Let current cues be a list of cues, initialized to contain all the cues of all
        //    the hidden or showing text tracks of the media element (not the disabled ones)
        //    whose start times are less than or equal to the current playback position and
        //    whose end times are greater than the current playback position."
        // 2. "Let other cues be a list of cues, initialized to contain all the cues of hidden
        //    and showing text tracks of the media element that are not present in current
        //    cues."
        let mut current: Vec<(usize, DomRoot<TextTrackCue>)> = Vec::new();
        let mut other: Vec<(usize, DomRoot<TextTrackCue>)> = Vec::new();
        for (index, track) in tracks.iter().enumerate() {
            if track.mode() == TextTrackMode::Disabled {
                continue;
            }
            for cue in track.cue_list() {
                if cue.start() <= now && cue.end() > now {
                    current.push((index, cue));
                } else {
                    other.push((index, cue));
                }
            }
        }
        // 3. "Let last time be the current playback position at the time this algorithm was
        //    last run for this media element, if this is not the first time it has run." If
        //    the time was reached through normal playback, missed cues are "the cues in other
        //    cues whose start times are greater than or equal to last time and whose end
        //    times are less than or equal to the current playback position."
        let last = self.last_cue_time.replace(Some(now));
        let missed: Vec<(usize, DomRoot<TextTrackCue>)> = match last {
            Some(last) if normal_playback => other
                .iter()
                // (A cue that ends before it starts is missed once its start is passed, as
                // in Chromium: its end counts as its start.)
                .filter(|(_, c)| c.start() >= last && c.end().max(c.start()) <= now)
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        let is_missed = |cue: &TextTrackCue| missed.iter().any(|(_, m)| std::ptr::eq(&**m, cue));
        // 5. "If all of the cues in current cues have their text track cue active flag set,
        //    none of the cues in other cues have their text track cue active flag set, and
        //    missed cues is empty, then return."
        if current.iter().all(|(_, c)| c.is_active()) && !other.iter().any(|(_, c)| c.is_active()) && missed.is_empty()
        {
            return;
        }
        // 6. "If the time was reached through the usual monotonic increase of the current
        //    playback position during normal playback, and there are cues in other cues that
        //    have their text track cue pause-on-exit flag set and that either have their text
        //    track cue active flag set or are also in missed cues, then immediately pause the
        //    media element."
        if normal_playback && other.iter().any(|(_, c)| c.pause_on_exit() && (c.is_active() || is_missed(c))) {
            self.internal_pause();
        }
        // 7. "Let events be a list of tasks, initially empty. Each task in this list will be
        //    associated with a text track, a text track cue, and a time, which are used to
        //    sort the list before the tasks are queued."
        struct Prepared {
            time: f64,
            track: usize,
            cue: DomRoot<TextTrackCue>,
            enter: bool,
        }
        let mut events: Vec<Prepared> = Vec::new();
        // 8. "For each text track cue in missed cues, prepare an event named enter for the
        //    TextTrackCue object with the text track cue start time."
        for (track, cue) in &missed {
            events.push(Prepared { time: cue.start(), track: *track, cue: cue.clone(), enter: true });
        }
        // 9. "For each text track cue in other cues that either has its text track cue active
        //    flag set or is in missed cues, prepare an event named exit for the TextTrackCue
        //    object with the later of the text track cue end time and the text track cue start
        //    time."
        for (track, cue) in &other {
            if cue.is_active() || is_missed(cue) {
                events.push(Prepared {
                    time: cue.end().max(cue.start()),
                    track: *track,
                    cue: cue.clone(),
                    enter: false,
                });
            }
        }
        // 10. "For each text track cue in current cues that does not have its text track cue
        //     active flag set, prepare an event named enter for the TextTrackCue object with
        //     the text track cue start time."
        for (track, cue) in &current {
            if !cue.is_active() {
                events.push(Prepared { time: cue.start(), track: *track, cue: cue.clone(), enter: true });
            }
        }
        // 11. "Sort the tasks in events in ascending time order (tasks with earlier times
        //     first). Further sort tasks in events that have the same time by the relative text
        //     track cue order of the text track cues associated with these tasks. Finally, sort
        //     tasks in events that have the same time and same text track cue order by placing
        //     tasks that fire enter events before those that fire exit events."
        events.sort_by(|a, b| {
            a.time
                .partial_cmp(&b.time)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.track.cmp(&b.track))
                .then_with(|| crate::dom::texttracks::texttrackcuelist::cue_order(&a.cue, &b.cue))
                .then(b.enter.cmp(&a.enter))
        });
        // 12. "Queue a media element task given the media element for each task in events, in
        //     list order."
        let mut affected: Vec<usize> = Vec::new();
        for event in &events {
            if !affected.contains(&event.track) {
                affected.push(event.track);
            }
            let cue = Trusted::new(&*event.cue);
            let name = if event.enter { "enter" } else { "exit" };
            self.queue_media_task(move |cx, _| {
                if let Some(cue) = cue.root() {
                    cue.upcast::<EventTarget>().fire_event(cx, name);
                }
            });
        }
        // 13. "Sort affected tracks in the same order as the text tracks appear in the media
        //     element's list of text tracks, and remove duplicates." 14. For each, queue
        //     cuechange at the TextTrack object and at its track element.
        affected.sort_unstable();
        for index in affected {
            if let Some(track) = tracks.get(index) {
                self.queue_cuechange(track);
            }
        }
        // 15. "Set the text track cue active flag of all the cues in the current cues, and
        //     unset the text track cue active flag of all the cues in the other cues."
        for (_, cue) in &current {
            cue.set_active(true);
        }
        for (_, cue) in &other {
            cue.set_active(false);
        }
        for track in &tracks {
            if track.mode() != TextTrackMode::Disabled {
                track.set_active_cues(track.cue_list().into_iter().filter(|c| c.is_active()).collect());
            }
        }
        // 16. (The rules for updating the text track rendering: Aperture does not render cues.)
    }

    /// The load algorithm drops the media resource: the cues active at the old position exit
    /// (`exit` and `cuechange`, as in Chromium), and the next run of time marches on is a
    /// first one.
    pub(super) fn text_tracks_reset(&self, _cx: &mut JSContext) {
        self.last_cue_time.set(None);
        for track in self.tracks() {
            let active: Vec<_> = track.cue_list().into_iter().filter(|c| c.is_active()).collect();
            if active.is_empty() {
                continue;
            }
            for cue in &active {
                cue.set_active(false);
                let cue = Trusted::new(&**cue);
                self.queue_media_task(move |cx, _| {
                    if let Some(cue) = cue.root() {
                        cue.upcast::<EventTarget>().fire_event(cx, "exit");
                    }
                });
            }
            track.set_active_cues(Vec::new());
            self.queue_cuechange(&track);
        }
    }
}

/// Whether the track corresponds to a `<track>` with a `default` attribute.
fn has_default(track: &TextTrack) -> bool {
    track.track_element().is_some_and(|e| e.upcast::<Element>().has_attribute_named("default"))
}

/// The sourcing of out-of-band text tracks, for the tree: a `<track>` inserted as a child of a
/// media element, or removed from one.
pub fn child_inserted(cx: &mut JSContext, parent: &Node, child: &Node) {
    if let (Some(media), Some(track)) = (parent.downcast::<HTMLMediaElement>(), child.downcast::<HTMLTrackElement>()) {
        media.track_element_inserted(cx, track);
    }
}

/// See [`child_inserted`].
pub fn child_removed(cx: &mut JSContext, parent: &Node, child: &Node) {
    if let (Some(media), Some(track)) = (parent.downcast::<HTMLMediaElement>(), child.downcast::<HTMLTrackElement>()) {
        media.track_element_removed(cx, track);
    }
}

/// `addTextTrack()`'s new track: "readiness state loaded, mode hidden" and not from a
/// `<track>`.
pub(super) fn new_script_track(
    cx: &mut JSContext,
    window: &crate::dom::html::window::Window,
    kind: TextTrackKind,
    label: String,
    language: String,
) -> DomRoot<TextTrack> {
    TextTrack::new(cx, window, kind, label, language, TextTrackMode::Hidden, Readiness::Loaded, None)
}

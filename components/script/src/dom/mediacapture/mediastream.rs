//! `MediaStream` (<https://w3c.github.io/mediacapture-main/#mediastream>).

use std::cell::RefCell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::MediaStreamBinding::MediaStreamMethods;
use crate::dom::bindings::codegen::MediaStreamTrackBinding::MediaStreamTrackMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
use crate::dom::mediacapture::mediastreamtrackevent::MediaStreamTrackEvent;
use crate::dom::mediacapture::new_uuid;
use crate::dom::mediacapture::tracksource::TrackKind;

#[dom_struct]
pub struct MediaStream {
    eventtarget: EventTarget,
    #[no_trace]
    id: String,
    /// The track set, in the order tracks were added.
    tracks: RefCell<Vec<Dom<MediaStreamTrack>>>,
    /// Told when a track is added to or removed from the track set (recorders).
    #[no_trace]
    track_set_observers: RefCell<Vec<(u64, Rc<dyn Fn()>)>>,
}

impl MediaStream {
    pub fn new_inherited() -> MediaStream {
        MediaStream {
            eventtarget: EventTarget::new_inherited(),
            id: new_uuid(),
            tracks: RefCell::new(Vec::new()),
            track_set_observers: RefCell::new(Vec::new()),
        }
    }

    /// A new stream holding `tracks`.
    pub fn new(cx: &mut JSContext, window: &Window, tracks: &[&MediaStreamTrack]) -> DomRoot<MediaStream> {
        let stream = reflect_dom_object(cx, Box::new(MediaStream::new_inherited()), window);
        for t in tracks {
            stream.add_track(t);
        }
        stream
    }

    fn contains(&self, track: &MediaStreamTrack) -> bool {
        self.tracks.borrow().iter().any(|t| std::ptr::eq(&**t, track))
    }

    /// Adds `track` to the track set (no event), unless it is already there.
    pub fn add_track(&self, track: &MediaStreamTrack) {
        if !self.contains(track) {
            self.tracks.borrow_mut().push(Dom::from_ref(track));
            self.track_set_changed();
        }
    }

    /// Removes `track` from the track set without an event (the caller fires it).
    pub fn remove_track_silently(&self, track: &MediaStreamTrack) {
        self.remove_track(track);
    }

    fn remove_track(&self, track: &MediaStreamTrack) {
        if self.contains(track) {
            self.tracks.borrow_mut().retain(|t| !std::ptr::eq(&**t, track));
            self.track_set_changed();
        }
    }

    /// Calls `observer` each time a track is added to or removed from the track set; returns a
    /// token for [`unobserve_track_set`](Self::unobserve_track_set).
    pub fn observe_track_set(&self, observer: Rc<dyn Fn()>) -> u64 {
        thread_local!(static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(1) });
        let token = NEXT.with(|n| n.replace(n.get() + 1));
        self.track_set_observers.borrow_mut().push((token, observer));
        token
    }

    pub fn unobserve_track_set(&self, token: u64) {
        self.track_set_observers.borrow_mut().retain(|(t, _)| *t != token);
    }

    fn track_set_changed(&self) {
        let observers: Vec<Rc<dyn Fn()>> = self.track_set_observers.borrow().iter().map(|(_, o)| o.clone()).collect();
        for observer in observers {
            observer();
        }
    }

    /// The tracks, in order.
    pub fn tracks(&self) -> Vec<DomRoot<MediaStreamTrack>> {
        self.tracks.borrow().iter().map(|t| t.as_rooted()).collect()
    }

    fn tracks_of(&self, kind: TrackKind) -> Vec<DomRoot<MediaStreamTrack>> {
        self.tracks().into_iter().filter(|t| t.kind() == kind).collect()
    }

    /// The User Agent adds a track (e.g. a source starts producing a new kind):
    /// <https://w3c.github.io/mediacapture-main/#add-track>, which fires `addtrack`.
    pub fn add_track_by_user_agent(&self, cx: &mut JSContext, track: &MediaStreamTrack) {
        // 1. If track is already in stream's track set, then abort these steps.
        if self.contains(track) {
            return;
        }
        // 2. Add track to stream's track set.
        self.add_track(track);
        // 3. Fire a track event named addtrack with track at stream.
        let event = MediaStreamTrackEvent::new_trusted(cx, &self.global(), "addtrack", track);
        self.upcast::<EventTarget>().dispatch(cx, event.upcast());
    }

    /// <https://w3c.github.io/mediacapture-main/#remove-track>, which fires `removetrack`.
    pub fn remove_track_by_user_agent(&self, cx: &mut JSContext, track: &MediaStreamTrack) {
        // 1. If track is not in stream's track set, then abort these steps.
        if !self.contains(track) {
            return;
        }
        // 2. Remove track from stream's track set.
        self.remove_track(track);
        // 3. Fire a track event named removetrack with track at stream.
        let event = MediaStreamTrackEvent::new_trusted(cx, &self.global(), "removetrack", track);
        self.upcast::<EventTarget>().dispatch(cx, event.upcast());
    }

    /// `active`: at least one track is not ended.
    pub fn is_active(&self) -> bool {
        self.tracks.borrow().iter().any(|t| t.is_live())
    }
}

impl MediaStreamMethods for MediaStream {
    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-constructor>
    fn Constructor(cx: &mut JSContext, global: &Window, proto: Option<HandleObject>) -> Fallible<DomRoot<MediaStream>> {
        // 1. Let stream be a newly constructed MediaStream object.
        // 2. Initialize stream.id to a newly generated value.
        // 3. (No argument: the track set is empty.)
        Ok(reflect_dom_object_with_proto(cx, Box::new(MediaStream::new_inherited()), global, proto))
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-constructor-stream>
    fn Constructor_(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        stream: &MediaStream,
    ) -> Fallible<DomRoot<MediaStream>> {
        let new = reflect_dom_object_with_proto(cx, Box::new(MediaStream::new_inherited()), global, proto);
        // 3. If the constructor's argument is a MediaStream, add each of its tracks (the
        //    same objects, not clones) unless already present.
        for t in stream.tracks() {
            new.add_track(&t);
        }
        Ok(new)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-constructor-tracks>
    fn Constructor__(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        tracks: Vec<DomRoot<MediaStreamTrack>>,
    ) -> Fallible<DomRoot<MediaStream>> {
        let new = reflect_dom_object_with_proto(cx, Box::new(MediaStream::new_inherited()), global, proto);
        // 3. For each MediaStreamTrack in the sequence: if it is already in stream's track
        //    set, skip it; otherwise add it.
        for t in &tracks {
            new.add_track(t);
        }
        Ok(new)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-id>
    fn Id(&self, _cx: &mut JSContext) -> DOMString {
        self.id.as_str().into()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-getaudiotracks>
    fn GetAudioTracks(&self, _cx: &mut JSContext) -> Vec<DomRoot<MediaStreamTrack>> {
        self.tracks_of(TrackKind::Audio)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-getvideotracks>
    fn GetVideoTracks(&self, _cx: &mut JSContext) -> Vec<DomRoot<MediaStreamTrack>> {
        self.tracks_of(TrackKind::Video)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-gettracks>
    fn GetTracks(&self, _cx: &mut JSContext) -> Vec<DomRoot<MediaStreamTrack>> {
        self.tracks()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-gettrackbyid>
    fn GetTrackById(&self, cx: &mut JSContext, track_id: DOMString) -> Option<DomRoot<MediaStreamTrack>> {
        // Return the track in the track set whose id is trackId, or null.
        self.tracks().into_iter().find(|t| t.Id(cx) == track_id)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-addtrack>
    fn AddTrack(&self, _cx: &mut JSContext, track: &MediaStreamTrack) {
        // 1. Let track be the argument. 2. If track is already in stream's track set,
        //    abort. 3. Add track to stream's track set. (No event.)
        self.add_track(track);
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-removetrack>
    fn RemoveTrack(&self, _cx: &mut JSContext, track: &MediaStreamTrack) {
        // 2. If track is not in stream's track set, abort. 3. Remove it. (No event.)
        self.remove_track(track);
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-clone>
    fn Clone(&self, cx: &mut JSContext) -> DomRoot<MediaStream> {
        // 1. Let streamClone be a newly constructed MediaStream object.
        // 2. Initialize streamClone.id to a newly generated value.
        let clone = reflect_dom_object(cx, Box::new(MediaStream::new_inherited()), &self.global());
        // 3. Clone each track in this stream and add the clone to streamClone's track set.
        for t in self.tracks() {
            let track_clone = t.Clone(cx);
            clone.add_track(&track_clone);
        }
        // 4. Return streamClone.
        clone
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-active>
    fn Active(&self, _cx: &mut JSContext) -> bool {
        self.is_active()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-onaddtrack>
    fn Onaddtrack(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("addtrack")
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-onaddtrack>
    fn SetOnaddtrack(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("addtrack", value)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-onremovetrack>
    fn Onremovetrack(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("removetrack")
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-mediastream-onremovetrack>
    fn SetOnremovetrack(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("removetrack", value)
    }
}

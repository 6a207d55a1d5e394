//! Timed text tracks (<https://html.spec.whatwg.org/multipage/media.html#timed-text-tracks>)
//! and their WebVTT cues (<https://w3c.github.io/webvtt/>): `<track>`, `TextTrack`,
//! `TextTrackList`, `TextTrackCue`, `TextTrackCueList`, `TrackEvent`, `VTTCue` and
//! `VTTRegion`. The media element's side (its list of text tracks, automatic selection, time
//! marches on for cues) is `dom::html::htmlmediaelement::texttracks`; the WebVTT parser is the
//! DOM-free `webvtt` crate.

pub mod htmltrackelement;
pub mod texttrack;
pub mod texttrackcue;
pub mod texttrackcuelist;
pub mod texttracklist;
pub mod trackevent;
pub mod vttcue;
pub mod vttregion;

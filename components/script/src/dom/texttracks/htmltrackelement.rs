//! `HTMLTrackElement` (<https://html.spec.whatwg.org/multipage/media.html#the-track-element>):
//! a media element's out-of-band text track. Its text track is in the parent media element's
//! list of text tracks; the track processing model fetches its `src` off the script thread
//! (`file:`, `http:`, `data:`, `blob:`) and the `webvtt` crate parses the file into `VTTCue`s.

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Enums::{TextTrackKind, TextTrackMode};
use crate::dom::bindings::codegen::HTMLTrackElementBinding::HTMLTrackElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::htmlmediaelement::HTMLMediaElement;
use crate::dom::html::reflect::{reflect_bool, reflect_string, reflect_url};
use crate::dom::texttracks::texttrack::{Readiness, TextTrack};
use crate::dom::texttracks::vttcue::VTTCue;
use crate::dom::texttracks::vttregion::VTTRegion;

pub const NONE: u16 = 0;
pub const LOADING: u16 = 1;
pub const LOADED: u16 = 2;
pub const ERROR: u16 = 3;

#[dom_struct]
pub struct HTMLTrackElement {
    htmlelement: HTMLElement,
    /// The track element's corresponding text track.
    track: Dom<TextTrack>,
    /// The track processing model runs for this element (it then waits for a new URL).
    #[no_trace]
    processing: Cell<bool>,
    /// The URL the processing model last fetched ("wait until the track URL is no longer
    /// equal to URL").
    #[no_trace]
    fetched_url: RefCell<Option<String>>,
    /// Bumped by each fetch, so the answer of an abandoned one is dropped.
    #[no_trace]
    fetch: Cell<u64>,
}

impl HTMLTrackElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLTrackElement> {
        let window = document.window_for_objects();
        // "The track element's corresponding text track": kind, label and language from its
        // attributes, readiness state not loaded, mode disabled, an empty list of cues.
        let track = TextTrack::new(
            cx,
            &window,
            TextTrackKind::Subtitles,
            String::new(),
            String::new(),
            TextTrackMode::Disabled,
            Readiness::NotLoaded,
            None,
        );
        let element = HTMLTrackElement {
            htmlelement: HTMLElement::new_inherited(local_name, document),
            track: Dom::from_ref(&*track),
            processing: Cell::new(false),
            fetched_url: RefCell::new(None),
            fetch: Cell::new(0),
        };
        let element = reflect_dom_object(cx, Box::new(element), &window);
        track.set_track_element(&element);
        element
    }

    pub fn text_track(&self) -> DomRoot<TextTrack> {
        self.track.as_rooted()
    }

    fn element(&self) -> &Element {
        self.upcast::<Element>()
    }

    /// The parent, when it is a media element.
    pub fn media_parent(&self) -> Option<DomRoot<HTMLMediaElement>> {
        let parent = self.upcast::<Node>().parent()?;
        parent.downcast::<HTMLMediaElement>().map(DomRoot::from_ref)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#attr-track-kind>: an enumerated
    /// attribute whose missing value default is subtitles and invalid value default metadata.
    pub fn kind(&self) -> TextTrackKind {
        let Some(value) = self.element().get_attribute_value("kind") else { return TextTrackKind::Subtitles };
        match value.to_ascii_lowercase().as_str() {
            "subtitles" => TextTrackKind::Subtitles,
            "captions" => TextTrackKind::Captions,
            "descriptions" => TextTrackKind::Descriptions,
            "chapters" => TextTrackKind::Chapters,
            _ => TextTrackKind::Metadata,
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#track-url>: "the result of
    /// encoding-parsing a URL given the element's src attribute's value, relative to the
    /// element's node document", if that succeeds; else the empty string.
    fn track_url(&self) -> Option<url::Url> {
        let value = self.element().get_attribute_value("src")?;
        if value.is_empty() {
            return None;
        }
        self.upcast::<Node>().owner_doc().base_url().join(&value).ok()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#start-the-track-processing-model>
    pub fn start_track_processing(&self, cx: &mut JSContext) {
        // 1. "If another occurrence of this algorithm is already running for this text track
        //    and its track element, return, letting that other algorithm take care of this
        //    element."
        if self.processing.get() {
            return;
        }
        // 2. "If the text track's text track mode is not set to one of hidden or showing, then
        //    return."
        if self.track.mode() == TextTrackMode::Disabled {
            return;
        }
        // 3. "If the text track's track element does not have a media element as a parent,
        //    return."
        if self.media_parent().is_none() {
            return;
        }
        // 4. "Run the remainder of these steps in parallel, allowing whatever caused these
        //    steps to run to continue." 5. "Top: Await a stable state."
        self.processing.set(true);
        crate::script_runtime::enqueue_microtask(cx, Box::new(TrackStableState { element: Trusted::new(self) }));
    }

    /// The track processing model from "Top", in its synchronous section.
    fn top(&self, _cx: &mut JSContext) {
        // 1. "Set the text track readiness state to loading."
        self.track.set_readiness(Readiness::Loading);
        // 2. "Let URL be the track URL of the track element."
        let url = self.track_url();
        *self.fetched_url.borrow_mut() = Some(url.as_ref().map(|u| u.to_string()).unwrap_or_default());
        // 3. "If the track element's parent is a media element then let corsAttributeState be
        //    the state of the parent media element's crossorigin content attribute. Otherwise,
        //    let corsAttributeState be No CORS."
        let cors = self.media_parent().is_some_and(|m| m.upcast::<Element>().has_attribute_named("crossorigin"));
        let fetch = self.fetch.get() + 1;
        self.fetch.set(fetch);
        let Some(url) = url else {
            // 8. "If URL is the empty string, then queue an element task on the DOM
            //    manipulation task source given the media element to first change the text
            //    track readiness state to failed to load and then fire an event named error at
            //    the track element." (The state changes at once, as in Chromium.)
            self.track.set_readiness(Readiness::FailedToLoad);
            self.queue_element_task(move |cx, e| e.fetch_failed(cx, fetch, "no track URL"));
            return;
        };
        // 7. "Create a potential-CORS request given URL, "track", and corsAttributeState, and
        //    with the same-origin fallback flag set", fetch it, and process the response with
        //    the WebVTT parser. A cross-origin file needs CORS: without a crossorigin
        //    attribute on the media element it fails to load, as in Chromium.
        let document = self.upcast::<Node>().owner_doc();
        let base = document.base_url();
        let page_origin = crate::origin::origin_key(&base);
        let blob = crate::dom::fileapi::bloburl::resolve(&url, &page_origin).map(|e| e.bytes.to_vec());
        let cross_origin = url.scheme() != "data" && blob.is_none() && crate::origin::origin_key(&url) != page_origin;
        let client = crate::net::client();
        let request = crate::net::get_from(&url, &base);
        let this = Trusted::new(self);
        crate::parallel::in_parallel(
            "text track fetch",
            move || -> Result<webvtt::ParsedFile, String> {
                let bytes = match blob {
                    Some(bytes) => bytes,
                    None if url.scheme() == "blob" => return Err("no such blob URL".into()),
                    None if cross_origin && !cors => {
                        return Err("a cross-origin text track needs the crossorigin attribute".into());
                    }
                    None => {
                        let (bytes, allowed) =
                            crate::dom::html::htmlimageelement::fetch_bytes(&client, &request, &page_origin)?;
                        if cross_origin && !allowed {
                            return Err("the text track's response fails the CORS check".into());
                        }
                        bytes
                    }
                };
                webvtt::parse(&bytes).ok_or_else(|| "not a WebVTT file".to_owned())
            },
            move |cx, result| {
                let Some(this) = this.root() else { return };
                match result {
                    Some(Ok(file)) => this.fetch_succeeded(cx, fetch, file),
                    Some(Err(e)) => this.fetch_failed(cx, fetch, &e),
                    None => this.fetch_failed(cx, fetch, "the fetch thread failed"),
                }
            },
        );
    }

    /// The file was parsed: its cues join the track's list of cues; "queue an element task
    /// … to first change the text track readiness state to loaded, and then fire an event
    /// named load at the track element."
    fn fetch_succeeded(&self, cx: &mut JSContext, fetch: u64, file: webvtt::ParsedFile) {
        if self.fetch.get() != fetch {
            return;
        }
        let window = self.global();
        let regions: Vec<DomRoot<VTTRegion>> =
            file.regions.into_iter().map(|r| VTTRegion::new(cx, &window, r)).collect();
        let cues: Vec<DomRoot<VTTCue>> = file
            .cues
            .into_iter()
            .map(|cue| {
                let region = cue.region.and_then(|i| regions.get(i)).map(|r| &**r);
                VTTCue::from_parsed(cx, &window, cue, region)
            })
            .collect();
        self.track.add_parsed_cues(cx, &cues);
        self.track.set_readiness(Readiness::Loaded);
        self.upcast::<EventTarget>().fire_event(cx, "load");
        self.fetch_done(cx);
    }

    /// "If fetching fails for any reason (network error, the server returns an error code,
    /// CORS fails, etc.), or if URL is the empty string, then queue an element task … to
    /// first change the text track readiness state to failed to load and then fire an event
    /// named error at the track element."
    fn fetch_failed(&self, cx: &mut JSContext, fetch: u64, reason: &str) {
        if self.fetch.get() != fetch {
            return;
        }
        log::debug!("<track>: {reason}");
        self.track.set_readiness(Readiness::FailedToLoad);
        self.upcast::<EventTarget>().fire_event(cx, "error");
        self.fetch_done(cx);
    }

    /// Steps 9–11: "Wait until the text track readiness state is no longer set to loading";
    /// "wait until the track URL is no longer equal to URL, at the same time as the text track
    /// mode is set to hidden or showing"; "jump to the step labeled top."
    fn fetch_done(&self, cx: &mut JSContext) {
        self.restart_if_url_changed(cx);
    }

    /// A new `src` while the track loads abandons that fetch: the track fails to load (`error`,
    /// as in Chromium), and the processing model starts over with the new URL.
    fn src_changed(&self, cx: &mut JSContext) {
        if self.processing.get() && self.track.readiness() == Readiness::Loading {
            self.fetch.set(self.fetch.get() + 1);
            self.track.set_readiness(Readiness::FailedToLoad);
            self.queue_element_task(|cx, e| {
                e.upcast::<EventTarget>().fire_event(cx, "error");
            });
        }
        self.restart_if_url_changed(cx);
    }

    /// Step 10's wait: a new URL while the mode is hidden or showing starts over from "Top".
    pub fn restart_if_url_changed(&self, cx: &mut JSContext) {
        if !self.processing.get() || self.track.readiness() == Readiness::Loading {
            return;
        }
        if self.track.mode() == TextTrackMode::Disabled {
            return;
        }
        let current = self.track_url().map(|u| u.to_string()).unwrap_or_default();
        if self.fetched_url.borrow().as_deref() != Some(current.as_str()) {
            crate::script_runtime::enqueue_microtask(cx, Box::new(TrackStableState { element: Trusted::new(self) }));
        }
    }

    /// "Queue an element task on the DOM manipulation task source given the track element".
    fn queue_element_task(&self, steps: impl FnOnce(&mut JSContext, &HTMLTrackElement) + 'static) {
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(this) = this.root() {
                steps(cx, &this);
            }
        }));
    }
}

/// The track processing model's "await a stable state", then its synchronous section.
struct TrackStableState {
    element: Trusted<HTMLTrackElement>,
}

// SAFETY: `Trusted` keeps the element alive through the script thread's trusted-root list,
// which the runtime traces; there is nothing else to trace.
unsafe impl crate::dom::bindings::trace::JSTraceable for TrackStableState {
    unsafe fn trace(&self, _trc: *mut mozjs::jsapi::JSTracer) {}
}

impl crate::script_runtime::Microtask for TrackStableState {
    fn run(&self, cx: &mut JSContext) {
        if let Some(element) = self.element.root() {
            element.top(cx);
        }
    }
}

/// "If a track element's src attribute is set, changed, or removed, the user agent must
/// immediately empty the element's text track's text track list of cues." The processing
/// model then fetches the new URL once the mode is hidden or showing. A change of `kind`,
/// `label` or `srclang` changes the text track's (they are read from the attributes).
pub fn attribute_changed(cx: &mut JSContext, element: &Element, name: &str, old: Option<&str>) {
    let Some(track) = element.downcast::<HTMLTrackElement>() else { return };
    // (Setting the same value again changes nothing, as in Chromium and WPT.)
    if name == "src" && element.get_attribute_value("src").as_deref() != old {
        track.track.clear_cues(cx);
        track.src_changed(cx);
    }
}

impl HTMLTrackElementMethods for HTMLTrackElement {
    /// <https://html.spec.whatwg.org/multipage/media.html#dom-track-kind>: reflects `kind`,
    /// limited to only known values.
    fn Kind(&self, _cx: &mut JSContext) -> DOMString {
        self.kind().as_str().into()
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-track-kind>
    fn SetKind(&self, cx: &mut JSContext, value: DOMString) {
        self.element().set_attribute_value(cx, "kind", value.into());
    }

    reflect_url!(Src, SetSrc, "src", "https://html.spec.whatwg.org/multipage/media.html#dom-track-src");
    reflect_string!(
        Srclang,
        SetSrclang,
        "srclang",
        "https://html.spec.whatwg.org/multipage/media.html#dom-track-srclang"
    );
    reflect_string!(Label, SetLabel, "label", "https://html.spec.whatwg.org/multipage/media.html#dom-track-label");
    reflect_bool!(
        Default,
        SetDefault,
        "default",
        "https://html.spec.whatwg.org/multipage/media.html#dom-track-default"
    );

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-track-readystate>: "the numeric
    /// value corresponding to the text track readiness state of the track element's text
    /// track": NONE (not loaded), LOADING, LOADED, ERROR (failed to load).
    fn ReadyState(&self, _cx: &mut JSContext) -> u16 {
        match self.track.readiness() {
            Readiness::NotLoaded => NONE,
            Readiness::Loading => LOADING,
            Readiness::Loaded => LOADED,
            Readiness::FailedToLoad => ERROR,
        }
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-track-track>: "the TextTrack
    /// object corresponding to the text track of the track element."
    fn Track(&self, _cx: &mut JSContext) -> DomRoot<TextTrack> {
        self.track.as_rooted()
    }
}

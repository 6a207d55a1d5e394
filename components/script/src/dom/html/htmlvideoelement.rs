//! `HTMLVideoElement` (<https://html.spec.whatwg.org/multipage/media.html#htmlvideoelement>).

use std::cell::RefCell;
use std::rc::Rc;

use base::VideoFrame;
use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::VideoFrameRequestCallback;
use crate::dom::bindings::codegen::HTMLVideoElementBinding::HTMLVideoElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::USVString;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::htmlmediaelement::HTMLMediaElement;
use crate::dom::html::videoframecallbacks::VideoFrameCallbacks;
use crate::dom::html::videoplaybackquality::VideoPlaybackQuality;

#[dom_struct]
pub struct HTMLVideoElement {
    htmlmediaelement: HTMLMediaElement,
    /// <https://wicg.github.io/video-rvfc/#list-of-video-frame-request-callbacks>
    video_frame_callbacks: RefCell<VideoFrameCallbacks>,
}

impl HTMLVideoElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLVideoElement> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(HTMLVideoElement {
                htmlmediaelement: HTMLMediaElement::new_inherited(local_name, document),
                video_frame_callbacks: RefCell::new(VideoFrameCallbacks::default()),
            }),
            &window,
        )
    }

    pub fn media(&self) -> &HTMLMediaElement {
        &self.htmlmediaelement
    }

    pub fn video_frame_callbacks(&self) -> &RefCell<VideoFrameCallbacks> {
        &self.video_frame_callbacks
    }

    /// The frame the video shows now (what `drawImage(video)` and
    /// `createImageBitmap(video)` take), if its readyState is at least
    /// HAVE_CURRENT_DATA. The pixels are shared, not copied.
    pub fn current_frame(&self) -> Option<VideoFrame> {
        self.htmlmediaelement.current_frame()
    }

    /// Whether its content is CORS-same-origin (a MediaStream's always is; a media file fetched
    /// from another origin is not), so drawing it keeps a canvas origin-clean.
    pub fn is_origin_clean(&self) -> bool {
        self.htmlmediaelement.is_origin_clean()
    }

    /// A reflected `unsigned long` content attribute
    /// (<https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#reflecting-content-attributes-in-idl-attributes>).
    fn get_unsigned(&self, name: &str) -> u32 {
        // Parse with the rules for parsing non-negative integers; out of range or an
        // error gives the default, 0.
        let value = self.upcast::<Element>().get_attribute_value(name).unwrap_or_default();
        let digits: String = value
            .trim_start_matches([' ', '\t', '\n', '\x0c', '\r'])
            .trim_start_matches('+')
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse::<u64>().ok().filter(|v| *v <= 2147483647).map_or(0, |v| v as u32)
    }

    fn set_unsigned(&self, cx: &mut JSContext, name: &str, value: u32) {
        // Values above 2147483647 set the default, 0.
        let value = if value > 2147483647 { 0 } else { value };
        self.upcast::<Element>().set_attribute_value(cx, name, value.to_string());
    }
}

impl HTMLVideoElementMethods for HTMLVideoElement {
    /// <https://wicg.github.io/video-rvfc/#dom-htmlvideoelement-requestvideoframecallback>
    fn RequestVideoFrameCallback(&self, _cx: &mut JSContext, callback: Rc<VideoFrameRequestCallback>) -> u32 {
        // 1. If this's node document is not fully active, throw an "InvalidStateError".
        //    (FIXME: Aperture has no session history: a document is fully active while its
        //    window exists, so this never throws.)
        let window = self.global();
        // 2. Let callbackId be the result of incrementing this's last callback identifier.
        // 3. Append callback to this's list of video frame request callbacks, associated with
        //    callbackId.
        let generation = self.htmlmediaelement.presented_generation().unwrap_or(0);
        let handle = self.video_frame_callbacks.borrow_mut().request(callback, generation);
        window.add_video_frame_element(self);
        // 4. Return callbackId.
        handle
    }

    /// <https://w3c.github.io/media-playback-quality/#dom-htmlvideoelement-getvideoplaybackquality>
    fn GetVideoPlaybackQuality(&self, cx: &mut JSContext) -> DomRoot<VideoPlaybackQuality> {
        // 1. Let playbackQuality be a new instance of VideoPlaybackQuality.
        // 2. Set playbackQuality.creationTime to the value returned by a call to
        //    Performance.now().
        // 3. Set playbackQuality.totalVideoFrames to the current value of the total video
        //    frame count: the frames the element's frame slot received since its media was
        //    loaded (a load gives the element a new slot, which counts from 0).
        // 4. Set playbackQuality.droppedVideoFrames to the current value of the dropped video
        //    frame count: 0.
        // 5. Return playbackQuality.
        let total = self.htmlmediaelement.presented_generation().unwrap_or(0).min(u32::MAX as u64) as u32;
        VideoPlaybackQuality::new(cx, &self.global(), total)
    }

    /// <https://wicg.github.io/video-rvfc/#dom-htmlvideoelement-cancelvideoframecallback>
    fn CancelVideoFrameCallback(&self, _cx: &mut JSContext, handle: u32) {
        // 1. Remove the callback associated with handle from this's list of video frame request
        //    callbacks, if any.
        self.video_frame_callbacks.borrow_mut().cancel(handle);
    }

    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-width>
    fn Width(&self, _cx: &mut JSContext) -> u32 {
        self.get_unsigned("width")
    }

    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-width>
    fn SetWidth(&self, cx: &mut JSContext, value: u32) {
        self.set_unsigned(cx, "width", value)
    }

    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-height>
    fn Height(&self, _cx: &mut JSContext) -> u32 {
        self.get_unsigned("height")
    }

    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-height>
    fn SetHeight(&self, cx: &mut JSContext, value: u32) {
        self.set_unsigned(cx, "height", value)
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-video-videowidth>
    fn VideoWidth(&self, _cx: &mut JSContext) -> u32 {
        // The intrinsic width of the video in CSS pixels; 0 if readyState is HAVE_NOTHING.
        self.htmlmediaelement.video_size().0
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-video-videoheight>
    fn VideoHeight(&self, _cx: &mut JSContext) -> u32 {
        self.htmlmediaelement.video_size().1
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-video-poster>: reflects the
    /// `poster` content attribute as a URL: absent gives the empty string, a value that parses
    /// against the document's base URL gives the parsed URL, any other value itself. (The host
    /// draws nothing, so the poster image is not fetched.)
    fn Poster(&self, _cx: &mut JSContext) -> USVString {
        let Some(value) = self.upcast::<Element>().get_attribute_value("poster") else {
            return USVString(String::new());
        };
        let base = self.upcast::<Node>().owner_doc().base_url();
        USVString(base.join(&value).map(|u| u.to_string()).unwrap_or(value))
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-video-poster>
    fn SetPoster(&self, cx: &mut JSContext, value: USVString) {
        self.upcast::<Element>().set_attribute_value(cx, "poster", value.0);
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-video-playsinline>
    fn PlaysInline(&self, _cx: &mut JSContext) -> bool {
        self.upcast::<Element>().has_attribute_named("playsinline")
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-video-playsinline>
    fn SetPlaysInline(&self, cx: &mut JSContext, value: bool) {
        if value {
            self.upcast::<Element>().set_attribute_value(cx, "playsinline", String::new());
        } else {
            self.upcast::<Element>().remove_attribute_named(cx, None, "playsinline");
        }
    }
}

/// `HTMLAudioElement` (<https://html.spec.whatwg.org/multipage/media.html#htmlaudioelement>).
#[dom_struct]
pub struct HTMLAudioElement {
    htmlmediaelement: HTMLMediaElement,
}

impl HTMLAudioElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLAudioElement> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(HTMLAudioElement { htmlmediaelement: HTMLMediaElement::new_inherited(local_name, document) }),
            &window,
        )
    }
}

impl crate::dom::bindings::codegen::HTMLAudioElementBinding::HTMLAudioElementMethods for HTMLAudioElement {
    /// <https://html.spec.whatwg.org/multipage/media.html#dom-audio>
    fn LegacyFactoryFunction(
        cx: &mut JSContext,
        global: &crate::dom::html::window::Window,
        _proto: Option<mozjs::rust::HandleObject>,
        src: Option<crate::dom::bindings::str::DOMString>,
    ) -> crate::dom::bindings::error::Fallible<DomRoot<HTMLAudioElement>> {
        // 1–2. "Let document be the current global object's associated Document. Let audio be
        //    the result of creating an element given document, "audio", and the HTML namespace."
        let document = global.document();
        let audio = HTMLAudioElement::new(cx, "audio", &document);
        // 3. "Set an attribute value for audio using "preload" and "auto"."
        audio.upcast::<Element>().set_attribute_value(cx, "preload", "auto".to_string());
        // 4. "If src is given, then set an attribute value for audio using "src" and src."
        if let Some(src) = src {
            audio.upcast::<Element>().set_attribute_value(cx, "src", String::from(src));
        }
        Ok(audio)
    }
}

//! `HTMLImageElement` and `new Image()` (<https://html.spec.whatwg.org/multipage/embedded-content.html#the-img-element>):
//! "update the image data" with responsive images: the `srcset`/`sizes` of the `<img>` and of
//! a `<picture>`'s `<source>` children choose one image source and its pixel density
//! (`dom::html::imagesource`); the URL is fetched (`http:`, `file:`, `data:`, `blob:`) and
//! decoded in parallel, and `load` or `error` fires from a task. The element keeps a current
//! and a pending request as the standard does, and the document's list of available images
//! answers a URL already decoded synchronously. The decoded image is a shared frame that
//! `drawImage()`, `createPattern()` and `createImageBitmap()` use without a copy;
//! `naturalWidth`/`naturalHeight` are density-corrected. A cross-origin image without a
//! passing CORS check (`crossorigin` attribute and an `Access-Control-Allow-Origin` answer) is
//! not origin-clean: drawing it taints the canvas. Loading delays the document's load event.
//!
//! FIXME: the device pixel ratio is 1 and `sizes="auto"` has no rendered width to use (it is
//! ignored, as for an image that is not rendered); `loading="lazy"` loads at once.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use base::VideoFrame;
use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::codegen::HTMLImageElementBinding::HTMLImageElementMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::imagesource::{self, SourceSet};
use crate::dom::html::reflect::{reflect_bool, reflect_string, reflect_unsigned, reflect_url};
use crate::dom::html::window::Window;

/// <https://html.spec.whatwg.org/multipage/images.html#img-req-state>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageState {
    Unavailable,
    Loading,
    CompletelyAvailable,
    Broken,
}

/// At most this many decoded bytes stay in a document's list of available images; past it the
/// list is emptied (the standard lets the user agent drop entries at any time).
const AVAILABLE_IMAGES_BYTES: usize = 64 << 20;

/// <https://html.spec.whatwg.org/multipage/images.html#list-of-available-images>: decoded
/// images keyed by URL and whether they were requested with CORS, with their origin-clean flag.
#[derive(Default)]
pub struct AvailableImages(RefCell<HashMap<(String, bool), (VideoFrame, bool)>>);

impl AvailableImages {
    fn get(&self, url: &str, cors: bool) -> Option<(VideoFrame, bool)> {
        self.0.borrow().get(&(url.to_owned(), cors)).cloned()
    }

    fn insert(&self, url: String, cors: bool, frame: VideoFrame, origin_clean: bool) {
        let mut map = self.0.borrow_mut();
        let bytes: usize = map.values().map(|(f, _)| f.size.width as usize * f.size.height as usize * 4).sum();
        if bytes > AVAILABLE_IMAGES_BYTES {
            map.clear();
        }
        map.insert((url, cors), (frame, origin_clean));
    }
}

/// The pending request (<https://html.spec.whatwg.org/multipage/images.html#pending-request>):
/// its fetch and what it will show once it becomes the current request.
struct PendingRequest {
    id: u64,
    url: String,
    density: f64,
}

#[dom_struct]
pub struct HTMLImageElement {
    htmlelement: HTMLElement,
    /// The current request's state, image, origin-clean flag, current URL and pixel density.
    #[no_trace]
    state: Cell<ImageState>,
    #[no_trace]
    frame: RefCell<Option<VideoFrame>>,
    #[no_trace]
    origin_clean: Cell<bool>,
    /// False for an image whose size decoded but whose pixel data is damaged or cut short:
    /// available, drawn as far as it decoded, but not "fully decodable", so
    /// `createImageBitmap()` refuses it.
    #[no_trace]
    fully_decodable: Cell<bool>,
    #[no_trace]
    current_src: RefCell<String>,
    /// <https://html.spec.whatwg.org/multipage/images.html#current-pixel-density>
    #[no_trace]
    density: Cell<f64>,
    /// The fetch whose answer the current request waits for (0: none).
    #[no_trace]
    current_fetch: Cell<u64>,
    #[no_trace]
    pending: RefCell<Option<PendingRequest>>,
    /// Bumped by each "update the image data": "if another instance of this algorithm for this
    /// img element was started after this instance, then return".
    #[no_trace]
    generation: Cell<u64>,
    /// Numbers the fetches, so an aborted one's answer is dropped.
    #[no_trace]
    fetches: Cell<u64>,
    #[no_trace]
    decode_promises: RefCell<Vec<Rc<Promise>>>,
    /// The microtask of "update the image data" is queued and has not run.
    #[no_trace]
    update_queued: Cell<bool>,
    /// A lazy image (`loading="lazy"`) waits, disconnected, for its fetch: the "lazy load
    /// resumption steps" run when it is connected.
    #[no_trace]
    lazy_waiting: Cell<bool>,
    /// What the lazy load resumption steps fetch: the URL, its serialization and the fetch id.
    #[no_trace]
    lazy_resume: RefCell<Option<(url::Url, String, u64)>>,
    /// The document whose load event the current fetch delays.
    delayed_document: MutNullableDom<Document>,
}

/// The rest of "update the image data", run as a microtask.
struct ContinueUpdate {
    image: Trusted<HTMLImageElement>,
    generation: u64,
    maybe_omit_events: bool,
    previous_url: String,
}

// SAFETY: `Trusted` keeps the element alive through the script thread's trusted-root list,
// which the runtime traces; the other fields hold no GC things.
unsafe impl JSTraceable for ContinueUpdate {
    unsafe fn trace(&self, _trc: *mut mozjs::jsapi::JSTracer) {}
}

impl crate::script_runtime::Microtask for ContinueUpdate {
    fn run(&self, cx: &mut JSContext) {
        if let Some(image) = self.image.root() {
            image.update_after_stable_state(cx, self.generation, self.maybe_omit_events, &self.previous_url);
        }
    }
}

impl HTMLImageElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLImageElement> {
        let window = document.window_for_objects();
        crate::dom::bindings::classes::reflect_dom_object(
            cx,
            Box::new(Self::new_inherited(local_name, document)),
            &window,
        )
    }

    fn new_inherited(local_name: &str, document: &Document) -> HTMLImageElement {
        HTMLImageElement {
            htmlelement: HTMLElement::new_inherited(local_name, document),
            state: Cell::new(ImageState::Unavailable),
            frame: RefCell::new(None),
            origin_clean: Cell::new(true),
            fully_decodable: Cell::new(true),
            current_src: RefCell::new(String::new()),
            density: Cell::new(1.0),
            current_fetch: Cell::new(0),
            pending: RefCell::new(None),
            generation: Cell::new(0),
            fetches: Cell::new(0),
            decode_promises: RefCell::new(Vec::new()),
            update_queued: Cell::new(false),
            lazy_waiting: Cell::new(false),
            lazy_resume: RefCell::new(None),
            delayed_document: Default::default(),
        }
    }

    pub fn state(&self) -> ImageState {
        self.state.get()
    }

    /// The decoded image, when completely available.
    pub fn frame(&self) -> Option<VideoFrame> {
        self.frame.borrow().clone()
    }

    /// Whether the image's pixel data decoded whole (see `fully_decodable`).
    pub fn is_fully_decodable(&self) -> bool {
        self.fully_decodable.get()
    }

    /// <https://html.spec.whatwg.org/multipage/images.html#density-corrected-natural-width-and-height>:
    /// the decoded size divided by the current pixel density, when the image is available.
    pub fn density_corrected_size(&self) -> Option<(f64, f64)> {
        let frame = self.frame.borrow();
        let frame = frame.as_ref()?;
        let density = self.density.get();
        let scale = |v: u32| if density > 0.0 { f64::from(v) / density } else { 0.0 };
        Some((scale(frame.size.width), scale(frame.size.height)))
    }

    /// The current request's decoded image: its size is the natural size layout uses.
    fn set_frame(&self, frame: Option<VideoFrame>) {
        *self.frame.borrow_mut() = frame;
        self.fully_decodable.set(true);
        crate::dom::layout::cache::invalidate_node_layout(self.upcast());
    }

    pub fn is_origin_clean(&self) -> bool {
        self.origin_clean.get()
    }

    fn element(&self) -> &Element {
        self.upcast::<Element>()
    }

    fn stop_delaying_load(&self) {
        if let Some(document) = self.delayed_document.get() {
            self.delayed_document.set(None);
            document.undelay_load_event();
        }
    }

    /// Settles the decode() promises with the outcome of the current request.
    fn settle_decodes(&self, cx: &mut JSContext, ok: bool) {
        let promises = std::mem::take(&mut *self.decode_promises.borrow_mut());
        for p in promises {
            if ok {
                p.resolve_native(cx, &());
            } else {
                p.reject_error(cx, Error::Encoding("The source image cannot be decoded.".into()))
            }
        }
    }

    /// Settles the waiting decode() promises unless a selection, fetch or lazy load is still
    /// under way.
    fn settle_decodes_if_idle(&self, cx: &mut JSContext) {
        let busy = self.update_queued.get()
            || self.lazy_waiting.get()
            || self.pending.borrow().is_some()
            || self.state.get() == ImageState::Loading;
        if !busy {
            self.settle_decodes(cx, self.state.get() == ImageState::CompletelyAvailable);
        }
    }

    /// "Queue an element task on the DOM manipulation task source given the img element".
    fn queue_element_task(&self, steps: impl FnOnce(&mut JSContext, &HTMLImageElement) + 'static) {
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(this) = this.root() {
                steps(cx, &this);
            }
        }));
    }

    /// <https://html.spec.whatwg.org/multipage/images.html#use-srcset-or-picture>: a `srcset`
    /// attribute, or a `<picture>` parent.
    fn uses_srcset_or_picture(&self) -> bool {
        self.element().has_attribute_named("srcset") || self.picture_parent().is_some()
    }

    fn picture_parent(&self) -> Option<DomRoot<Node>> {
        self.upcast::<Node>()
            .parent()
            .filter(|p| p.downcast::<Element>().is_some_and(|e| e.local_name() == "picture" && e.is_html_element()))
    }

    /// The CORS mode of a request for this element: whether `crossorigin` asks for a CORS check.
    fn cors_requested(&self) -> bool {
        self.element().has_attribute_named("crossorigin")
    }

    /// <https://html.spec.whatwg.org/multipage/images.html#update-the-image-data>, the steps
    /// before the microtask.
    pub fn update_the_image_data(&self, cx: &mut JSContext) {
        self.update_the_image_data_with(cx, false);
    }

    fn update_the_image_data_with(&self, cx: &mut JSContext, maybe_omit_events: bool) {
        let generation = self.generation.get() + 1;
        self.generation.set(generation);
        // 1. "If the element's node document is not fully active, then: continue running this
        //    algorithm in parallel; wait until the element's node document is fully active."
        //    A document without a browsing context (DOMParser, createHTMLDocument, a template's
        //    contents) never becomes fully active here, so nothing loads and no event fires.
        if self.upcast::<Node>().owner_doc().browsing_window().is_none() {
            return;
        }
        // decode(): "If any of the following occur: … the img element's current request changes
        // or is mutated …: reject promise with an "EncodingError" DOMException."
        self.settle_decodes(cx, false);
        // 3. "Let previous URL be the current request's current URL."
        let previous_url = self.current_src.borrow().clone();
        // 5–6. "If the element does not use srcset or picture, … and it has a src attribute
        //    specified whose value is not the empty string, let selected source be the value of
        //    the element's src attribute, and selected pixel density be 1.0."
        let selected = if self.uses_srcset_or_picture() {
            None
        } else {
            self.element().get_attribute_value("src").filter(|s| !s.is_empty())
        };
        // 8. "If selected source is not null, then: parse it; if the list of available images
        //    contains an entry for key, then": use it synchronously.
        if let Some(selected) = selected {
            let document = self.upcast::<Node>().owner_doc();
            if let Ok(url) = document.base_url().join(&selected) {
                let url = url.to_string();
                if let Some((frame, origin_clean)) = document.available_images().get(&url, self.cors_requested()) {
                    // "Abort the image request for the current request and the pending request;
                    // set current request to a new image request whose current URL is urlString;
                    // set its state to completely available; set the current pixel density to the
                    // selected pixel density."
                    self.pending.borrow_mut().take();
                    self.current_fetch.set(0);
                    // An earlier update still queued (a `crossorigin` change just before this
                    // `src`) is superseded: its microtask sees a newer generation and does nothing,
                    // so it must not leave the element looking busy (`complete` false for good).
                    self.update_queued.set(false);
                    self.stop_delaying_load();
                    *self.current_src.borrow_mut() = url.clone();
                    self.density.set(1.0);
                    self.origin_clean.set(origin_clean);
                    self.set_frame(Some(frame));
                    self.state.set(ImageState::CompletelyAvailable);
                    // "Queue an element task …: if maybe omit events is not set or previous URL is
                    // not urlString, then fire an event named load at the img element."
                    self.queue_element_task(move |cx, this| {
                        this.settle_decodes(cx, true);
                        if !maybe_omit_events || previous_url != url {
                            this.upcast::<EventTarget>().fire_event(cx, "load");
                        }
                    });
                    return;
                }
            }
        }
        // 9. "Queue a microtask to perform the following steps."
        self.update_queued.set(true);
        self.lazy_waiting.set(false);
        self.lazy_resume.borrow_mut().take();
        let task = ContinueUpdate { image: Trusted::new(self), generation, maybe_omit_events, previous_url };
        crate::script_runtime::enqueue_microtask(cx, Box::new(task));
    }

    /// Step 9 of "update the image data": after a stable state, select the image source and
    /// fetch it.
    fn update_after_stable_state(&self, cx: &mut JSContext, generation: u64, omit: bool, previous: &str) {
        if self.generation.get() == generation {
            self.update_queued.set(false);
        }
        self.select_and_fetch(cx, generation, omit, previous);
        self.settle_decodes_if_idle(cx);
    }

    fn select_and_fetch(&self, cx: &mut JSContext, generation: u64, _omit: bool, _previous: &str) {
        // 9.1. "If another instance of this algorithm for this img element was started after
        //      this instance (even if it aborted and is no longer running), then return."
        if self.generation.get() != generation {
            return;
        }
        // 9.2. "Let selected source and selected pixel density be the URL and pixel density
        //      that results from selecting an image source, respectively."
        let Some((source, density)) = imagesource::select(&self.update_the_source_set(), 1.0) else {
            // 9.3. "If selected source is null, then: set the current request's state to broken,
            //      abort the image request for the current request and the pending request, and
            //      set the pending request to null; queue an element task to change the current
            //      request's current URL to the empty string, and then, if the element has a src
            //      attribute or it uses srcset or picture, fire an event named error."
            self.pending.borrow_mut().take();
            self.current_fetch.set(0);
            self.stop_delaying_load();
            self.set_frame(None);
            self.state.set(if self.element().has_attribute_named("src") || self.uses_srcset_or_picture() {
                ImageState::Broken
            } else {
                ImageState::Unavailable
            });
            // The standard fires error for a srcset or picture too; browsers (and WPT's
            // null-image-source.html) fire it only when there is a src attribute.
            let fire_error = self.element().has_attribute_named("src");
            self.queue_element_task(move |cx, this| {
                this.current_src.borrow_mut().clear();
                if fire_error {
                    this.upcast::<EventTarget>().fire_event(cx, "error");
                }
            });
            return;
        };
        // 9.4. "Let urlString be the result of encoding-parsing-and-serializing a URL given
        //      selected source, relative to the element's node document."
        let document = self.upcast::<Node>().owner_doc();
        let base = document.base_url();
        let Ok(url) = base.join(&source) else {
            // 9.5. "If urlString is failure, then: abort the image request for the current
            //      request and the pending request; set the current request's state to broken;
            //      set the pending request to null; queue an element task to change the current
            //      request's current URL to selected source, fire an event named error."
            self.pending.borrow_mut().take();
            self.current_fetch.set(0);
            self.stop_delaying_load();
            self.set_frame(None);
            self.state.set(ImageState::Broken);
            self.queue_element_task(move |cx, this| {
                *this.current_src.borrow_mut() = source;
                this.upcast::<EventTarget>().fire_event(cx, "error");
            });
            return;
        };
        let url_string = url.to_string();
        // 9.6. "If the pending request is not null and urlString is the same as the pending
        //      request's current URL, then return."
        if self.pending.borrow().as_ref().is_some_and(|p| p.url == url_string) {
            return;
        }
        // 9.7. "If urlString is the same as the current request's current URL and current
        //      request's state is partially available, then abort the image request for the
        //      pending request … and return."
        if *self.current_src.borrow() == url_string && self.state.get() == ImageState::Loading {
            self.pending.borrow_mut().take();
            return;
        }
        // 9.8–9.10. Abort the pending request; a new image request becomes the current request
        //      when the current one is unavailable or broken, else the pending request.
        let id = self.fetches.get() + 1;
        self.fetches.set(id);
        // (A request still fetching has no image data yet: it is "unavailable" too.)
        if self.state.get() != ImageState::CompletelyAvailable {
            self.pending.borrow_mut().take();
            self.current_fetch.set(id);
            *self.current_src.borrow_mut() = url_string.clone();
            self.density.set(density);
            self.set_frame(None);
            self.state.set(ImageState::Loading);
        } else {
            *self.pending.borrow_mut() = Some(PendingRequest { id, url: url_string.clone(), density });
        }
        self.stop_delaying_load();
        // "If the will lazy load element steps given the img return true, then: set the img's
        // lazy load resumption steps to the rest of this algorithm starting with the step
        // labeled fetch the image; start intersection-observing a lazy loading element; return."
        // Without a viewport to intersect, a lazy image waits only while it is disconnected.
        if self.will_lazy_load() {
            self.lazy_waiting.set(true);
            *self.lazy_resume.borrow_mut() = Some((url, url_string, id));
            return;
        }
        self.fetch_current_selection(cx, &document, url, url_string, id);
    }

    /// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#will-lazy-load-element-steps>:
    /// `loading="lazy"` (and scripting enabled); here only a disconnected image is held back.
    fn will_lazy_load(&self) -> bool {
        self.element().get_attribute_value("loading").is_some_and(|v| v.eq_ignore_ascii_case("lazy"))
            && !self.upcast::<Node>().is_connected()
    }

    /// The step labeled "fetch the image" onwards.
    fn fetch_current_selection(
        &self,
        _cx: &mut JSContext,
        document: &Document,
        url: url::Url,
        url_string: String,
        id: u64,
    ) {
        let base = document.base_url();
        if document.delay_load_event() {
            self.delayed_document.set(Some(document));
        }
        // 9.11. Fetch the image. CORS: a cross-origin image is origin-clean only when requested
        //      with `crossorigin` and answered with a matching Access-Control-Allow-Origin.
        let page_origin = crate::origin::origin_key(&base);
        let cross_origin = url.scheme() != "data" && crate::origin::origin_key(&url) != page_origin;
        let cors_requested = self.cors_requested();
        // A blob URL resolves here, on the thread that owns the store; its bytes are decoded in parallel.
        let blob = crate::dom::fileapi::bloburl::resolve(&url, &page_origin).map(|e| e.bytes.to_vec());
        let cross_origin = cross_origin && blob.is_none();
        let this = Trusted::new(self);
        let client = crate::net::client();
        let request = crate::net::get_from(&url, &base);
        crate::parallel::in_parallel(
            "image fetch",
            move || match blob {
                Some(bytes) => crate::imaging::decode_lenient(&bytes).map(|(f, complete)| (f, true, complete)),
                None if url.scheme() == "blob" => Err("no such blob URL".into()),
                None => fetch_and_decode(&client, &request, cross_origin && cors_requested, &page_origin),
            },
            move |cx, result| {
                let Some(this) = this.root() else { return };
                let result = result
                    .unwrap_or_else(|| Err("the image thread failed".into()))
                    .map(|(frame, cors_ok, complete)| (frame, !cross_origin || cors_ok, complete));
                this.fetch_done(cx, id, &url_string, cors_requested, result);
            },
        );
    }

    /// The end of a fetch: "upgrade the pending request to the current request" when it was
    /// the pending one, then the image is completely available (load) or broken (error).
    fn fetch_done(
        &self,
        cx: &mut JSContext,
        id: u64,
        url: &str,
        cors_requested: bool,
        result: Result<(VideoFrame, bool, bool), String>,
    ) {
        let pending = self.pending.borrow().as_ref().is_some_and(|p| p.id == id);
        if pending {
            // <https://html.spec.whatwg.org/multipage/images.html#upgrade-the-pending-request-to-the-current-request>
            if let Some(p) = self.pending.borrow_mut().take() {
                *self.current_src.borrow_mut() = p.url;
                self.density.set(p.density);
                self.current_fetch.set(id);
            }
        } else if self.current_fetch.get() != id {
            // An aborted request's answer.
            return;
        }
        self.current_fetch.set(0);
        match result {
            Ok((frame, origin_clean, complete)) => {
                // "Add the image to the list of available images", then "set the current
                // request's state to completely available" and fire load. (A damaged image
                // is not kept in the list: the next request decodes it again.)
                let document = self.upcast::<Node>().owner_doc();
                if complete {
                    document.available_images().insert(url.to_owned(), cors_requested, frame.clone(), origin_clean);
                }
                self.set_frame(Some(frame));
                self.fully_decodable.set(complete);
                self.origin_clean.set(origin_clean);
                self.state.set(ImageState::CompletelyAvailable);
                self.settle_decodes(cx, true);
                self.upcast::<EventTarget>().fire_event(cx, "load");
            }
            Err(message) => {
                log::debug!("<img> {url}: {message}");
                self.set_frame(None);
                self.state.set(ImageState::Broken);
                self.settle_decodes(cx, false);
                self.upcast::<EventTarget>().fire_event(cx, "error");
            }
        }
        self.stop_delaying_load();
    }

    /// <https://html.spec.whatwg.org/multipage/images.html#update-the-source-set>
    fn update_the_source_set(&self) -> SourceSet {
        let own = || {
            let srcset = self.element().get_attribute_value("srcset").unwrap_or_default();
            let src = self.element().get_attribute_value("src");
            let sizes = self.element().get_attribute_value("sizes").unwrap_or_default();
            let size = imagesource::parse_sizes(&sizes, &crate::dom::cssomview::mediaqueries::evaluate_condition);
            imagesource::create_source_set(&srcset, src.as_deref(), size)
        };
        // 3. "If el has a parent node and that is a picture element, then replace the contents
        //    of elements with el's parent node's child elements, retaining relative order."
        let Some(picture) = self.picture_parent() else { return own() };
        for child in picture.children() {
            // 5.1. "If child is el: … create a source set given img's srcset, sizes and src."
            if std::ptr::eq(&*child, self.upcast::<Node>()) {
                return own();
            }
            // 5.2. "If child is not a source element, then continue."
            let Some(source) =
                child.downcast::<Element>().filter(|e| e.local_name() == "source" && e.is_html_element())
            else {
                continue;
            };
            // 5.3. "If child does not have a srcset attribute, continue to the next child."
            let Some(srcset) = source.get_attribute_value("srcset") else { continue };
            // 5.4. "Parse child's srcset attribute …; if the source set is empty, continue."
            let candidates = imagesource::parse_srcset(&srcset);
            if candidates.is_empty() {
                continue;
            }
            // 5.5. "If child has a media attribute, and its value does not match the
            //      environment, continue to the next child."
            if let Some(media) = source.get_attribute_value("media")
                && !crate::dom::cssomview::mediaqueries::matches(&media)
            {
                continue;
            }
            // 5.6. "Parse child's sizes attribute with img, and let source set's source size be
            //      the returned value."
            let sizes = source.get_attribute_value("sizes").unwrap_or_default();
            let size = imagesource::parse_sizes(&sizes, &crate::dom::cssomview::mediaqueries::evaluate_condition);
            // 5.7. "If child has a type attribute, and its value is an unknown or unsupported
            //      MIME type, continue to the next child."
            if let Some(mime) = source.get_attribute_value("type")
                && !is_supported_image_type(&mime)
            {
                continue;
            }
            // 5.9–5.10. "Normalize the source densities of source set"; it is el's source set.
            return imagesource::normalize(&candidates, size);
        }
        own()
    }
}

/// Whether a `<source type>` names an image type this engine decodes (an empty type is no
/// restriction, as in browsers).
fn is_supported_image_type(mime: &str) -> bool {
    let essence = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence.is_empty()
        || matches!(
            essence.as_str(),
            "image/png"
                | "image/apng"
                | "image/jpeg"
                | "image/pjpeg"
                | "image/jpg"
                | "image/gif"
                | "image/webp"
                | "image/bmp"
                | "image/x-bmp"
                | "image/x-ms-bmp"
                | "image/x-icon"
                | "image/vnd.microsoft.icon"
        )
}

/// Fetches and decodes an image off the script thread: the frame, and whether a CORS check was
/// asked for and passed.
fn fetch_and_decode(
    client: &crate::net::Client,
    request: &crate::net::Request,
    cors: bool,
    origin: &str,
) -> Result<(VideoFrame, bool, bool), String> {
    let (bytes, allowed) = fetch_bytes(client, request, origin)?;
    let (frame, complete) = crate::imaging::decode_lenient(&bytes)?;
    Ok((frame, cors && allowed, complete))
}

/// Fetches a `data:`, `file:` or `http:` resource off the script thread (images, media files):
/// its bytes, and whether the response allows `origin` (Access-Control-Allow-Origin).
pub(crate) fn fetch_bytes(
    client: &crate::net::Client,
    request: &crate::net::Request,
    origin: &str,
) -> Result<(Vec<u8>, bool), String> {
    Ok(if request.url.scheme() == "data" {
        let (_, bytes) = crate::net::data_url::process(&request.url).ok_or("an invalid data: URL")?;
        (bytes, true)
    } else {
        let response = client.fetch_request(request)?;
        if !response.ok() {
            return Err(format!("status {}", response.status));
        }
        let allowed = response
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("access-control-allow-origin"))
            .is_some_and(|(_, v)| v.trim() == "*" || v.trim() == origin);
        (response.body, allowed)
    })
}

/// The state of a CORS settings attribute (<https://html.spec.whatwg.org/multipage/urls-and-fetching.html#cors-settings-attribute>):
/// none, anonymous (also the empty and invalid values), or use-credentials.
fn cors_state(value: Option<&str>) -> u8 {
    match value {
        None => 0,
        Some(v) if v.eq_ignore_ascii_case("use-credentials") => 2,
        Some(_) => 1,
    }
}

/// The state of a `referrerpolicy` attribute: a known policy, or the empty string.
fn referrer_policy_state(value: Option<&str>) -> String {
    crate::dom::html::hyperlink::referrer_policy_keyword(value).to_owned()
}

fn is_html_named(node: &Node, name: &str) -> bool {
    node.downcast::<Element>().is_some_and(|e| e.local_name() == name && e.is_html_element())
}

/// Runs "update the image data" for every `<img>` among `first` and its following siblings
/// (the images a `<source>` of a `<picture>` is a previous sibling of).
fn update_images_from(cx: &mut JSContext, first: Option<DomRoot<Node>>) {
    let mut next = first;
    while let Some(node) = next {
        if let Some(image) = node.downcast::<HTMLImageElement>() {
            image.update_the_image_data(cx);
        }
        next = node.next_sibling();
    }
}

/// <https://html.spec.whatwg.org/multipage/images.html#relevant-mutations>, for attributes:
/// an img's `src`, `srcset` and `sizes` set, changed or removed (also to the same value), its
/// `crossorigin` or `referrerpolicy` state changed; a `<source>`'s `srcset`, `sizes`, `media`,
/// `type`, `width` or `height` when the source is a previous sibling of an img in a `<picture>`.
pub fn attribute_changed(cx: &mut JSContext, element: &Element, name: &str, old: Option<&str>) {
    if let Some(image) = element.downcast::<HTMLImageElement>() {
        let new = element.get_attribute_value(name);
        let relevant = match name {
            "src" | "srcset" | "sizes" => true,
            "crossorigin" => cors_state(old) != cors_state(new.as_deref()),
            "referrerpolicy" => referrer_policy_state(old) != referrer_policy_state(new.as_deref()),
            _ => false,
        };
        if relevant {
            image.update_the_image_data(cx);
        }
        return;
    }
    if element.local_name() == "source"
        && element.is_html_element()
        && matches!(name, "srcset" | "sizes" | "media" | "type" | "width" | "height")
    {
        let node = element.upcast::<Node>();
        if node.parent().is_some_and(|p| is_html_named(&p, "picture")) {
            update_images_from(cx, node.next_sibling());
        }
    }
}

/// Relevant mutations of the tree: an img inserted into a `<picture>` parent, or a `<source>`
/// inserted before an img there. Called once for the inserted node, not its descendants.
pub fn child_inserted(cx: &mut JSContext, parent: &Node, child: &Node) {
    if !is_html_named(parent, "picture") {
        return;
    }
    if let Some(image) = child.downcast::<HTMLImageElement>() {
        image.update_the_image_data(cx);
    } else if is_html_named(child, "source") {
        update_images_from(cx, child.next_sibling());
    }
}

/// An img removed from a `<picture>` parent, or a `<source>` removed from before an img there
/// (`old_next` is the source's next sibling before the removal).
pub fn child_removed(cx: &mut JSContext, parent: &Node, child: &Node, old_next: Option<DomRoot<Node>>) {
    if !is_html_named(parent, "picture") {
        return;
    }
    if let Some(image) = child.downcast::<HTMLImageElement>() {
        image.update_the_image_data(cx);
    } else if is_html_named(child, "source") {
        update_images_from(cx, old_next);
    }
}

/// Insertion steps: a lazy image that waited while disconnected runs its lazy load resumption
/// steps once connected.
pub fn inserted(cx: &mut JSContext, node: &Node, connected: bool) {
    let Some(image) = node.downcast::<HTMLImageElement>() else { return };
    if !connected {
        return;
    }
    let resume = image.lazy_resume.borrow_mut().take();
    if let Some((url, url_string, id)) = resume {
        image.lazy_waiting.set(false);
        let document = node.owner_doc();
        image.fetch_current_selection(cx, &document, url, url_string, id);
    }
}

/// "The element is adopted": a relevant mutation (its document, and base URL, changed).
pub fn adopted(cx: &mut JSContext, node: &Node) {
    if let Some(image) = node.downcast::<HTMLImageElement>()
        && (image.element().has_attribute_named("src") || image.uses_srcset_or_picture())
    {
        image.update_the_image_data(cx);
    }
}

impl HTMLImageElementMethods for HTMLImageElement {
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-image>
    fn LegacyFactoryFunction(
        cx: &mut JSContext,
        global: &Window,
        _proto: Option<HandleObject>,
        width: Option<u32>,
        height: Option<u32>,
    ) -> Fallible<DomRoot<HTMLImageElement>> {
        // 1–2. "Let document be the current global object's associated Document. Let img be the
        //    result of creating an element given document, "img", and the HTML namespace."
        let document = global.document();
        let image = HTMLImageElement::new(cx, "img", &document);
        // 3–4. "If width is given, then set an attribute value for img using "width" and width";
        //    likewise height.
        if let Some(w) = width {
            image.element().set_attribute_value(cx, "width", w.to_string());
        }
        if let Some(h) = height {
            image.element().set_attribute_value(cx, "height", h.to_string());
        }
        Ok(image)
    }

    reflect_string!(Alt, SetAlt, "alt", "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-alt");
    reflect_string!(
        Decoding,
        SetDecoding,
        "decoding",
        "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-decoding"
    );
    reflect_string!(
        Loading,
        SetLoading,
        "loading",
        "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-loading"
    );
    reflect_url!(Src, SetSrc, "src", "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-src");
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-srcset>
    fn Srcset(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.element().get_attribute_value("srcset").unwrap_or_default())
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-srcset>
    fn SetSrcset(&self, cx: &mut JSContext, value: USVString) {
        self.element().set_attribute_value(cx, "srcset", value.0);
    }
    reflect_string!(
        Sizes,
        SetSizes,
        "sizes",
        "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-sizes"
    );
    reflect_string!(
        UseMap,
        SetUseMap,
        "usemap",
        "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-usemap"
    );
    reflect_bool!(
        IsMap,
        SetIsMap,
        "ismap",
        "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-ismap"
    );
    reflect_string!(Name, SetName, "name", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-img-name");
    reflect_url!(Lowsrc, SetLowsrc, "lowsrc", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-img-lowsrc");
    reflect_string!(Align, SetAlign, "align", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-img-align");
    reflect_unsigned!(
        Hspace,
        SetHspace,
        "hspace",
        0,
        false,
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-img-hspace"
    );
    reflect_unsigned!(
        Vspace,
        SetVspace,
        "vspace",
        0,
        false,
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-img-vspace"
    );
    reflect_url!(
        LongDesc,
        SetLongDesc,
        "longdesc",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-img-longdesc"
    );
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-img-border>: `[LegacyNullToEmptyString]`.
    fn Border(&self, _cx: &mut JSContext) -> DOMString {
        self.element().get_attribute_value("border").unwrap_or_default().into()
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-img-border>
    fn SetBorder(&self, cx: &mut JSContext, value: DOMString) {
        self.element().set_attribute_value(cx, "border", value.into());
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-referrerpolicy>:
    /// limited to the known referrer policies.
    fn ReferrerPolicy(&self, _cx: &mut JSContext) -> DOMString {
        let value = self.element().get_attribute_value("referrerpolicy");
        crate::dom::html::hyperlink::referrer_policy_keyword(value.as_deref()).into()
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-referrerpolicy>
    fn SetReferrerPolicy(&self, cx: &mut JSContext, value: DOMString) {
        self.element().set_attribute_value(cx, "referrerpolicy", value.into());
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-fetchpriority>:
    /// limited to "high", "low" and "auto" (the missing and invalid value default).
    fn FetchPriority(&self, _cx: &mut JSContext) -> DOMString {
        let value = self.element().get_attribute_value("fetchpriority").unwrap_or_default();
        ["high", "low"].into_iter().find(|k| k.eq_ignore_ascii_case(&value)).unwrap_or("auto").into()
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-fetchpriority>
    fn SetFetchPriority(&self, cx: &mut JSContext, value: DOMString) {
        self.element().set_attribute_value(cx, "fetchpriority", value.into());
    }

    /// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#dom-img-crossorigin>: the
    /// CORS settings attribute, limited to "anonymous" and "use-credentials".
    fn CrossOrigin(&self, _cx: &mut JSContext) -> Option<DOMString> {
        crate::dom::html::reflect::cors_settings_attribute(self.element())
    }
    /// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#dom-img-crossorigin>
    fn SetCrossOrigin(&self, cx: &mut JSContext, value: Option<DOMString>) {
        crate::dom::html::reflect::set_cors_settings_attribute(cx, self.element(), value)
    }

    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-width>: the
    /// attribute, else the density-corrected natural width (FIXME: a rendered image's is its
    /// layout width).
    fn Width(&self, cx: &mut JSContext) -> u32 {
        self.element()
            .get_attribute_value("width")
            .and_then(|v| crate::dom::html::reflect::parse_non_negative_integer(&v))
            .map_or_else(|| self.NaturalWidth(cx), |v| v.min(u32::MAX as i64) as u32)
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-width>
    fn SetWidth(&self, cx: &mut JSContext, value: u32) {
        self.element().set_attribute_value(cx, "width", value.to_string());
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-height>
    fn Height(&self, cx: &mut JSContext) -> u32 {
        self.element()
            .get_attribute_value("height")
            .and_then(|v| crate::dom::html::reflect::parse_non_negative_integer(&v))
            .map_or_else(|| self.NaturalHeight(cx), |v| v.min(u32::MAX as i64) as u32)
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-height>
    fn SetHeight(&self, cx: &mut JSContext, value: u32) {
        self.element().set_attribute_value(cx, "height", value.to_string());
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-naturalwidth>: the
    /// density-corrected natural width if the image is available, else 0.
    fn NaturalWidth(&self, _cx: &mut JSContext) -> u32 {
        self.density_corrected_size().map_or(0, |(w, _)| w as u32)
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-naturalheight>
    fn NaturalHeight(&self, _cx: &mut JSContext) -> u32 {
        self.density_corrected_size().map_or(0, |(_, h)| h as u32)
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-complete>: true
    /// without a src, with an empty src, or when the request is completely available or broken.
    fn Complete(&self, _cx: &mut JSContext) -> bool {
        let src = self.element().get_attribute_value("src");
        let srcset = self.element().has_attribute_named("srcset");
        // "Both the src attribute and the srcset attribute are omitted; the srcset attribute is
        // omitted and the src attribute's value is the empty string; the current request's
        // state is completely available or broken and its pending request is null."
        (!srcset && src.as_deref().is_none_or(str::is_empty))
            || (matches!(self.state.get(), ImageState::CompletelyAvailable | ImageState::Broken)
                && self.pending.borrow().is_none()
                && !self.update_queued.get())
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-currentsrc>
    fn CurrentSrc(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.current_src.borrow().clone())
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-decode>: resolves
    /// once the image is decoded, rejects with "EncodingError" if it cannot be.
    fn Decode(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.upcast::<Node>().owner_doc().window_for_objects();
        let promise = Promise::new(cx, &window);
        // The promise waits for the selection still queued, the current request's fetch, or
        // the pending request; then it resolves if the current request is completely available
        // and rejects with "EncodingError" otherwise.
        // "If this's node document is not fully active, then reject promise with an
        // "EncodingError" DOMException."
        if self.upcast::<Node>().owner_doc().browsing_window().is_none() {
            promise.reject_error(cx, Error::Encoding("The image's document is not fully active.".into()));
            return promise;
        }
        self.decode_promises.borrow_mut().push(promise.clone());
        self.settle_decodes_if_idle(cx);
        promise
    }
}

//! `HTMLImageElement` and `new Image()` (<https://html.spec.whatwg.org/multipage/embedded-content.html#the-img-element>):
//! "update the image data" fetches `src` (`http:`, `file:`, `data:`) in parallel, decodes it
//! (PNG, JPEG) and fires `load` or `error` from a task; the decoded image is a shared frame that
//! `drawImage()`, `createPattern()` and `createImageBitmap()` use without a copy. A cross-origin
//! image without a passing CORS check (`crossorigin` attribute and an
//! `Access-Control-Allow-Origin` answer) is not origin-clean: drawing it taints the canvas.
//! Loading delays the document's load event.
//!
//! FIXME: no `srcset`/`sizes` selection and no `<picture>`; `width`/`height` are the attributes
//! or the natural size, not yet the rendered size from layout (`dom/layout`).

use std::cell::{Cell, RefCell};
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
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::reflect::reflect_string;
use crate::dom::html::window::Window;

/// <https://html.spec.whatwg.org/multipage/images.html#img-req-state>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageState {
    Unavailable,
    Loading,
    CompletelyAvailable,
    Broken,
}

#[dom_struct]
pub struct HTMLImageElement {
    htmlelement: HTMLElement,
    #[no_trace]
    state: Cell<ImageState>,
    #[no_trace]
    frame: RefCell<Option<VideoFrame>>,
    #[no_trace]
    origin_clean: Cell<bool>,
    #[no_trace]
    current_src: RefCell<String>,
    /// Bumped by each "update the image data": an older fetch's answer is dropped.
    #[no_trace]
    generation: Cell<u64>,
    #[no_trace]
    decode_promises: RefCell<Vec<Rc<Promise>>>,
    /// The document whose load event the current fetch delays.
    delayed_document: MutNullableDom<Document>,
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
            current_src: RefCell::new(String::new()),
            generation: Cell::new(0),
            decode_promises: RefCell::new(Vec::new()),
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

    /// The current request's decoded image: its size is the natural size layout uses.
    fn set_frame(&self, frame: Option<VideoFrame>) {
        *self.frame.borrow_mut() = frame;
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
                p.reject_error(cx, Error::Encoding("The source image cannot be decoded.".into()));
            }
        }
    }

    /// Fires `name` at the element from a task (the "queue an element task" of the algorithm).
    fn queue_event(&self, name: &'static str) {
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(this) = this.root() {
                this.upcast::<EventTarget>().fire_event(cx, name);
            }
        }));
    }

    /// <https://html.spec.whatwg.org/multipage/images.html#update-the-image-data>
    pub fn update_the_image_data(&self, cx: &mut JSContext) {
        let generation = self.generation.get() + 1;
        self.generation.set(generation);
        self.stop_delaying_load();
        let src = self.element().get_attribute_value("src");
        // "If selected source is null (no src attribute): set the current request to the
        // unavailable state … return." An empty src is broken and fires error.
        let Some(src) = src else {
            self.set_frame(None);
            self.state.set(ImageState::Unavailable);
            self.current_src.borrow_mut().clear();
            self.settle_decodes(cx, false);
            return;
        };
        let document = self.upcast::<Node>().owner_doc();
        let base = document.base_url();
        let url = if src.is_empty() { None } else { base.join(&src).ok() };
        let Some(url) = url else {
            // "If urlString is failure (or empty): … set the current request's state to broken,
            // queue an element task to fire an event named error."
            self.set_frame(None);
            self.state.set(ImageState::Broken);
            *self.current_src.borrow_mut() = src;
            self.settle_decodes(cx, false);
            self.queue_event("error");
            return;
        };
        *self.current_src.borrow_mut() = url.to_string();
        self.state.set(ImageState::Loading);
        if document.delay_load_event() {
            self.delayed_document.set(Some(&document));
        }
        // CORS: a cross-origin image is origin-clean only when requested with `crossorigin`
        // and answered with a matching Access-Control-Allow-Origin.
        let page_origin = crate::origin::origin_key(&base);
        let cross_origin = url.scheme() != "data" && crate::origin::origin_key(&url) != page_origin;
        let cors_requested = self.element().has_attribute_named("crossorigin");
        // A blob URL resolves here, on the thread that owns the store; its bytes are decoded in parallel.
        let blob = crate::dom::fileapi::bloburl::resolve(&url, &page_origin).map(|e| e.bytes.to_vec());
        let cross_origin = cross_origin && blob.is_none();
        let this = Trusted::new(self);
        crate::parallel::in_parallel(
            "image fetch",
            move || match blob {
                Some(bytes) => crate::imaging::decode(&bytes).map(|f| (f, true)),
                None if url.scheme() == "blob" => Err("no such blob URL".into()),
                None => fetch_and_decode(&url, cross_origin && cors_requested, &page_origin),
            },
            move |cx, result| {
                let Some(this) = this.root() else { return };
                if this.generation.get() != generation {
                    return;
                }
                match result.unwrap_or_else(|| Err("the image thread failed".into())) {
                    Ok((frame, cors_ok)) => {
                        // "Set the current request's state to completely available", then fire load.
                        this.set_frame(Some(frame));
                        this.origin_clean.set(!cross_origin || cors_ok);
                        this.state.set(ImageState::CompletelyAvailable);
                        this.settle_decodes(cx, true);
                        this.upcast::<EventTarget>().fire_event(cx, "load");
                    }
                    Err(message) => {
                        log::debug!("<img> {}: {message}", this.current_src.borrow());
                        this.set_frame(None);
                        this.state.set(ImageState::Broken);
                        this.settle_decodes(cx, false);
                        this.upcast::<EventTarget>().fire_event(cx, "error");
                    }
                }
                this.stop_delaying_load();
            },
        );
    }
}

/// Fetches and decodes an image off the script thread: the frame, and whether a CORS check was
/// asked for and passed.
fn fetch_and_decode(url: &url::Url, cors: bool, origin: &str) -> Result<(VideoFrame, bool), String> {
    let (bytes, allowed) = fetch_bytes(url, origin)?;
    let frame = crate::imaging::decode(&bytes)?;
    Ok((frame, cors && allowed))
}

/// Fetches a `data:`, `file:` or `http:` resource off the script thread (images, media files):
/// its bytes, and whether the response allows `origin` (Access-Control-Allow-Origin).
pub(crate) fn fetch_bytes(url: &url::Url, origin: &str) -> Result<(Vec<u8>, bool), String> {
    Ok(if url.scheme() == "data" {
        let (_, bytes) = crate::dom::fetch::fetch::process_data_url(url).ok_or("an invalid data: URL")?;
        (bytes, true)
    } else {
        let response = crate::net::fetch(url)?;
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

/// Attribute change steps: src and crossorigin start a new "update the image data".
pub fn attribute_changed(cx: &mut JSContext, element: &Element, name: &str, _old: Option<&str>) {
    if matches!(name, "src" | "crossorigin") {
        if let Some(image) = element.downcast::<HTMLImageElement>() {
            image.update_the_image_data(cx);
        }
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
    crate::dom::html::reflect::reflect_url!(
        Src,
        SetSrc,
        "src",
        "https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-src"
    );

    /// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#dom-img-crossorigin>: the
    /// CORS settings attribute, limited to "anonymous" and "use-credentials".
    fn CrossOrigin(&self, _cx: &mut JSContext) -> Option<DOMString> {
        let value = self.element().get_attribute_value("crossorigin")?;
        Some(if value.eq_ignore_ascii_case("use-credentials") { "use-credentials".into() } else { "anonymous".into() })
    }
    /// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#dom-img-crossorigin>
    fn SetCrossOrigin(&self, cx: &mut JSContext, value: Option<DOMString>) {
        match value {
            Some(v) => self.element().set_attribute_value(cx, "crossorigin", v.into()),
            None => self.element().remove_attribute_named(cx, None, "crossorigin"),
        }
    }

    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-width>: the
    /// attribute, else the natural width (FIXME: a rendered image's is its layout width).
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
        self.frame.borrow().as_ref().map_or(0, |f| f.size.width)
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-naturalheight>
    fn NaturalHeight(&self, _cx: &mut JSContext) -> u32 {
        self.frame.borrow().as_ref().map_or(0, |f| f.size.height)
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-complete>: true
    /// without a src, with an empty src, or when the request is completely available or broken.
    fn Complete(&self, _cx: &mut JSContext) -> bool {
        self.state.get() != ImageState::Loading
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
        match self.state.get() {
            ImageState::CompletelyAvailable => promise.resolve_native(cx, &()),
            ImageState::Loading => self.decode_promises.borrow_mut().push(promise.clone()),
            ImageState::Broken | ImageState::Unavailable => {
                promise.reject_error(cx, Error::Encoding("The source image cannot be decoded.".into()))
            }
        }
        promise
    }
}

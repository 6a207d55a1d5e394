//! `HTMLIFrameElement` and its nested browsing context
//! (<https://html.spec.whatwg.org/multipage/iframe-embed-object.html#the-iframe-element>).
//!
//! A connected iframe in a document with a browsing context gets a child
//! `Window` (same compartment as its parent, so objects pass freely) showing
//! an initial `about:blank` document; `srcdoc` or `src` then load a new
//! document into that window (the window is reused, as for a navigation away
//! from the initial `about:blank`). Removing the iframe detaches the child:
//! its window stops running timers and its documents lose their browsing
//! context, while script holding their objects can still use them.

use std::cell::Cell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use url::Url;

use crate::dom::bindings::codegen::HTMLIFrameElementBinding::HTMLIFrameElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::dom::virtualmethods::TreeHooks;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::window::{Window, WindowOptions};

/// What a navigation of the child browsing context loads.
enum Target {
    /// `srcdoc`: the document's markup, shown as `about:srcdoc`.
    Srcdoc(String),
    /// A URL (`src`, or `about:blank`).
    Url(Url),
}

#[dom_struct]
pub struct HTMLIFrameElement {
    htmlelement: HTMLElement,
    /// The active window of the child navigable; none while disconnected.
    content_window: MutNullableDom<Window>,
    /// Bumped by every navigation and by removal: a load finishing for an
    /// older generation is dropped.
    #[no_trace]
    generation: Cell<u64>,
    /// The node document whose load event this iframe delays while it loads.
    delayed_document: MutNullableDom<Document>,
}

/// The iframe's behaviour in the tree algorithms (see `virtualmethods`).
pub const TREE_HOOKS: TreeHooks = TreeHooks { inserted, removed, attribute_changed };

/// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#the-iframe-element>:
/// the iframe HTML element post-connection steps.
fn inserted(cx: &mut JSContext, node: &Node, connected: bool) {
    let Some(iframe) = node.downcast::<HTMLIFrameElement>() else { return };
    // Step 1: Create a new child navigable for insertedNode (if its document has a browsing context).
    if !connected || iframe.content_window.is_some() {
        return;
    }
    let document = node.owner_doc();
    let Some(parent) = document.browsing_window() else { return };
    iframe.create_child_navigable(cx, &parent);
    // Step 3: Process the iframe attributes for insertedNode, with initialInsertion set to true.
    iframe.process_attributes(cx, true);
}

/// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#the-iframe-element>:
/// the iframe HTML element removing steps destroy the child navigable.
fn removed(_cx: &mut JSContext, node: &Node, _was_connected: bool) {
    if let Some(iframe) = node.downcast::<HTMLIFrameElement>() {
        iframe.destroy_child_navigable();
    }
}

/// Setting `src` or `srcdoc` (or removing `srcdoc`) navigates a connected iframe.
fn attribute_changed(cx: &mut JSContext, element: &Element, name: &str, _old: Option<&str>) {
    let Some(iframe) = element.downcast::<HTMLIFrameElement>() else { return };
    if !matches!(name, "src" | "srcdoc") || iframe.content_window.get().is_none() {
        return;
    }
    // "Whenever an iframe element with a non-null content navigable has its srcdoc
    // attribute set, changed, or removed, … process the iframe attributes"; for
    // src, only when there is no srcdoc attribute.
    if name == "src" && element.has_attribute_named("srcdoc") {
        return;
    }
    iframe.process_attributes(cx, false);
}

impl HTMLIFrameElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLIFrameElement> {
        let window = document.window_for_objects();
        let element = HTMLIFrameElement {
            htmlelement: HTMLElement::new_inherited(local_name, document),
            content_window: Default::default(),
            generation: Cell::new(0),
            delayed_document: Default::default(),
        };
        crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(element), &window)
    }

    fn element(&self) -> &Element {
        self.upcast()
    }

    /// <https://html.spec.whatwg.org/multipage/document-sequences.html#create-a-new-child-navigable>:
    /// a child window showing the initial about:blank document.
    fn create_child_navigable(&self, cx: &mut JSContext, parent: &Window) {
        let url = Url::parse("about:blank").expect("a valid URL");
        // The initial about:blank document inherits the secure-context flag of its creator.
        let options = WindowOptions {
            url: url.clone(),
            prefs: parent.prefs().clone(),
            inherited_secure_context: Some(parent.is_secure_context()),
            page: parent.page(),
        };
        let child = Window::new(cx, options);
        child.set_parent(Some(parent));
        // "Let targetName be null. If element has a name content attribute, then set targetName to
        // the value of that attribute." (https://html.spec.whatwg.org/multipage/document-sequences.html#create-a-new-child-navigable)
        child.browsing_context().set_name(&self.upcast::<Element>().get_attribute_value("name").unwrap_or_default());
        let document = child.document();
        document.set_container(Some(self));
        // "If creator is non-null, then: Set document's referrer to the serialization of
        // creator's URL." (https://html.spec.whatwg.org/multipage/document-sequences.html#creating-a-new-browsing-context)
        document.set_referrer(self.upcast::<Node>().owner_doc().url().to_string());
        // The initial about:blank document: html, head and body, already complete.
        crate::dom::html::parser::parse_document(cx, &document, "");
        document.mark_completely_loaded();
        self.content_window.set(Some(&child));
    }

    /// <https://html.spec.whatwg.org/multipage/document-sequences.html#destroy-a-child-navigable>
    fn destroy_child_navigable(&self) {
        // Step 2: Let navigable be container's content navigable. If null, return.
        let Some(child) = self.content_window.take() else { return };
        // A pending load is dropped; the parent's load event no longer waits for it.
        self.generation.set(self.generation.get() + 1);
        self.stop_delaying_load();
        // Step 3: Set container's content navigable to null.
        // Steps 4–6: destroy the document's descendant navigables, then the document:
        // it loses its browsing context (defaultView becomes null) and the window
        // stops running timers.
        detach_window(&child);
    }

    /// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#process-the-iframe-attributes>
    fn process_attributes(&self, cx: &mut JSContext, initial_insertion: bool) {
        let element = self.element();
        // Step 1: If element's srcdoc attribute is specified, navigate to about:srcdoc with it.
        if let Some(srcdoc) = element.get_attribute_value("srcdoc") {
            self.navigate(cx, Target::Srcdoc(srcdoc));
            return;
        }
        // Step 2: Let url be the result of running the shared attribute processing steps.
        let url = self.shared_attribute_processing_url();
        // Step 4: If url matches about:blank and initialInsertion is true, run the
        // iframe load event steps given element, and return.
        if initial_insertion && url.as_str() == "about:blank" {
            self.run_load_event_steps(cx);
            return;
        }
        // Step 6: Navigate an iframe or frame given element and url.
        self.navigate(cx, Target::Url(url));
    }

    /// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#shared-attribute-processing-steps-for-iframe-and-frame-elements>
    fn shared_attribute_processing_url(&self) -> Url {
        // Step 1: Let url be the URL about:blank.
        let blank = Url::parse("about:blank").expect("a valid URL");
        // Step 2: If element has a non-empty src attribute, parse it relative to
        // element's node document; if that is not failure, set url to it.
        match self.element().get_attribute_value("src") {
            Some(src) if !src.is_empty() => self.upcast::<Node>().owner_doc().base_url().join(&src).unwrap_or(blank),
            _ => blank,
        }
    }

    /// Starts loading `target` into the child window; the document appears from
    /// a queued task (srcdoc, about:blank) or from a fetch's reply.
    fn navigate(&self, _cx: &mut JSContext, target: Target) {
        if self.content_window.get().is_none() {
            return;
        }
        let generation = self.generation.get() + 1;
        self.generation.set(generation);
        // The iframe's loading delays its node document's load event.
        if self.delayed_document.get().is_none() {
            let document = self.upcast::<Node>().owner_doc();
            if document.delay_load_event() {
                self.delayed_document.set(Some(&document));
            }
        }
        let this = Trusted::new(self);
        match target {
            Target::Srcdoc(html) => {
                let url = Url::parse("about:srcdoc").expect("a valid URL");
                crate::script_thread::queue_task(Box::new(move |cx| {
                    if let Some(this) = this.root() {
                        this.load_document(cx, generation, url, &html, encoding_rs::UTF_8);
                    }
                }));
            }
            Target::Url(url) if url.scheme() == "about" => {
                // about:blank (and any other about: URL, which has no content).
                crate::script_thread::queue_task(Box::new(move |cx| {
                    if let Some(this) = this.root() {
                        this.load_document(cx, generation, url, "", encoding_rs::UTF_8);
                    }
                }));
            }
            Target::Url(url) => {
                // Fetch in parallel; the reply is a task.
                let request_url = url.clone();
                let client = crate::net::client();
                let request = crate::net::get_from(&url, &self.upcast::<Node>().owner_doc().url());
                crate::parallel::in_parallel(
                    "iframe fetch",
                    move || client.fetch_request(&request),
                    move |cx, result| {
                        let Some(this) = this.root() else { return };
                        // A failed fetch (or a failed fetch thread) shows an empty document
                        // (a browser's error page) and still loads.
                        let (url, html, encoding) = match result {
                            Some(Ok(r)) => {
                                let parent = this.upcast::<Node>().owner_doc();
                                if r.url.origin() == parent.url().origin() {
                                    crate::net::store_cookies(&r.url, &r.headers, &parent.url());
                                }
                                // The encoding sniffing algorithm, step 7: a same-origin parent's
                                // encoding comes before autodetection.
                                let parent = (crate::origin::origin_key(&parent.url())
                                    == crate::origin::origin_key(&r.url))
                                .then(|| parent.encoding());
                                let (html, encoding) =
                                    crate::net::sniff::decode_html(&r.body, r.content_type.as_deref(), parent);
                                (r.url.clone(), html, encoding)
                            }
                            _ => (request_url, String::new(), encoding_rs::UTF_8),
                        };
                        this.load_document(cx, generation, url, &html, encoding);
                    },
                );
            }
        }
    }

    /// Replaces the child window's document with a new one parsed from `html`
    /// (<https://html.spec.whatwg.org/multipage/document-lifecycle.html#initialise-the-document-object>).
    fn load_document(
        &self,
        cx: &mut JSContext,
        generation: u64,
        url: Url,
        html: &str,
        encoding: &'static encoding_rs::Encoding,
    ) {
        // A newer navigation or the iframe's removal supersedes this load.
        if generation != self.generation.get() {
            return;
        }
        let Some(child) = self.content_window.get() else { return };
        // The previous document is unloaded: it no longer has a browsing context.
        let old = child.document();
        detach_descendant_navigables(&old);
        old.detach();
        let document = Document::new_for_window(cx, &child, url.clone());
        document.set_container(Some(self));
        document.set_encoding(encoding);
        // The navigation's request has the iframe's node document as its client, so the new
        // document's referrer is that document's URL under the default referrer policy.
        // An about:blank or about:srcdoc document keeps its creator's URL, as the initial one.
        let referrer = self.upcast::<Node>().owner_doc().url();
        document.set_referrer(if url.scheme() == "about" {
            referrer.to_string()
        } else {
            crate::net::referrer::referrer_for(&referrer, &url, Default::default()).unwrap_or_default()
        });
        child.set_url(url);
        child.set_document(&document);
        crate::dom::html::parser::parse_document(cx, &document, html);
        // When the document completely finishes loading, it queues this iframe's load event steps.
        crate::dom::html::parser::finish_loading(cx, &document);
    }

    /// Queues the iframe load event steps (the child document completely loaded).
    pub fn queue_load_event_steps(&self) {
        let this = Trusted::new(self);
        let generation = self.generation.get();
        crate::script_thread::queue_task(Box::new(move |cx| {
            let Some(this) = this.root() else { return };
            if generation == this.generation.get() && this.content_window.get().is_some() {
                this.run_load_event_steps(cx);
            }
        }));
    }

    /// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#iframe-load-event-steps>
    fn run_load_event_steps(&self, cx: &mut JSContext) {
        // Step 5: Fire an event named load at element.
        self.upcast::<EventTarget>().fire_event(cx, "load");
        // The node document's load event no longer waits for this iframe.
        self.stop_delaying_load();
    }

    fn stop_delaying_load(&self) {
        if let Some(document) = self.delayed_document.take() {
            document.undelay_load_event();
        }
    }
}

/// Destroys the navigables of the iframes in `document` (it is being unloaded or detached).
fn detach_descendant_navigables(document: &Document) {
    for node in document.upcast::<Node>().traverse_preorder() {
        if let Some(iframe) = node.downcast::<HTMLIFrameElement>() {
            iframe.destroy_child_navigable();
        }
    }
}

/// Detaches `window` and its document from the browsing context tree.
fn detach_window(window: &Window) {
    let document = window.document();
    detach_descendant_navigables(&document);
    document.detach();
    crate::dom::weblocks::terminate_window(window);
    crate::script_thread::remove_window(window);
}

impl HTMLIFrameElementMethods for HTMLIFrameElement {
    /// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#dom-iframe-src>
    fn Src(&self, _cx: &mut JSContext) -> USVString {
        self.htmlelement.get_url_attribute("src")
    }
    /// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#dom-iframe-src>
    fn SetSrc(&self, cx: &mut JSContext, value: USVString) {
        self.element().set_attribute_value(cx, "src", value.0);
    }
    /// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#dom-iframe-srcdoc>
    fn Srcdoc(&self, _cx: &mut JSContext) -> DOMString {
        self.htmlelement.get_string_attribute("srcdoc")
    }
    /// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#dom-iframe-srcdoc>
    fn SetSrcdoc(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "srcdoc", value)
    }
    /// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#dom-iframe-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.htmlelement.get_string_attribute("name")
    }
    /// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#dom-iframe-name>
    fn SetName(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "name", value)
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-width>
    fn Width(&self, _cx: &mut JSContext) -> DOMString {
        self.htmlelement.get_string_attribute("width")
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-width>
    fn SetWidth(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "width", value)
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-height>
    fn Height(&self, _cx: &mut JSContext) -> DOMString {
        self.htmlelement.get_string_attribute("height")
    }
    /// <https://html.spec.whatwg.org/multipage/embedded-content-other.html#dom-dim-height>
    fn SetHeight(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "height", value)
    }
    /// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#dom-iframe-contentdocument>
    fn ContentDocument(&self, _cx: &mut JSContext) -> Option<DomRoot<Document>> {
        // The content document: the active document of the content navigable, if any
        // (same origin always, here).
        self.content_window.get().map(|w| w.document())
    }
    /// <https://html.spec.whatwg.org/multipage/iframe-embed-object.html#dom-iframe-contentwindow>
    fn ContentWindow(&self, _cx: &mut JSContext) -> Option<DomRoot<Window>> {
        // The content navigable's active WindowProxy, or null.
        self.content_window.get()
    }
}

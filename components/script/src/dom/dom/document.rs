//! `Document` (<https://dom.spec.whatwg.org/#interface-document>,
//! <https://html.spec.whatwg.org/multipage/dom.html#the-document-object>).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;
use url::Url;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Callbacks::{EventHandlerNonNull, NodeFilter};
use crate::dom::bindings::codegen::DocumentBinding::DocumentMethods;
use crate::dom::bindings::codegen::Unions::StringOrElementCreationOptions;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::attr::Attr;
use crate::dom::dom::comment::Comment;
use crate::dom::dom::createelement::create_element;
use crate::dom::dom::documentfragment::DocumentFragment;
use crate::dom::dom::documenttype::DocumentType;
use crate::dom::dom::element::{Attribute, Element, HTML_NAMESPACE, validate_name, validate_qualified};
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::htmlcollection::{CollectionFilter, HTMLCollection};
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::dom::nodeiterator::NodeIterator;
use crate::dom::dom::parentnode;
use crate::dom::dom::text::Text;
use crate::dom::dom::treewalker::TreeWalker;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::htmliframeelement::HTMLIFrameElement;
use crate::dom::html::htmlscriptelement::HTMLScriptElement;
use crate::dom::html::simpleelements::HTMLHeadElement;
use crate::dom::html::window::Window;

/// <https://html.spec.whatwg.org/multipage/dom.html#current-document-readiness>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadyState {
    Loading,
    Interactive,
    Complete,
}

impl ReadyState {
    fn as_str(self) -> &'static str {
        match self {
            ReadyState::Loading => "loading",
            ReadyState::Interactive => "interactive",
            ReadyState::Complete => "complete",
        }
    }
}

#[dom_struct]
pub struct Document {
    node: Node,
    /// The window of the browsing context showing this document; none for
    /// documents created by script or after an iframe's removal.
    browsing_window: MutNullableDom<Window>,
    /// The global whose realm this document's objects are created in.
    relevant_window: Dom<Window>,
    #[no_trace]
    url: RefCell<Url>,
    #[no_trace]
    ready_state: Cell<ReadyState>,
    #[no_trace]
    is_html: bool,
    /// <https://dom.spec.whatwg.org/#concept-document-content-type>
    #[no_trace]
    content_type: &'static str,
    /// <https://dom.spec.whatwg.org/#concept-document-encoding>: UTF-8 unless the loader
    /// sniffed another for the document's bytes.
    #[no_trace]
    encoding: Cell<&'static encoding_rs::Encoding>,
    /// <https://html.spec.whatwg.org/multipage/scripting.html#associated-inert-template-document>
    inert_template_document: MutNullableDom<Document>,
    /// Whether this document was made as another's inert template document.
    #[no_trace]
    is_inert_template_document: Cell<bool>,
    /// The iframe whose content this document is, if any
    /// (<https://html.spec.whatwg.org/multipage/document-sequences.html#nav-container>).
    container: MutNullableDom<HTMLIFrameElement>,
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-currentscript>
    current_script: MutNullableDom<HTMLScriptElement>,
    /// The document base URL while no `<base>` element changes (`None`: compute it again).
    #[no_trace]
    base_url_cache: RefCell<Option<Url>>,
    /// <https://html.spec.whatwg.org/multipage/scripting.html#list-of-scripts-that-will-execute-when-the-document-has-finished-parsing>
    scripts_after_parsing: RefCell<Vec<crate::dom::bindings::root::Dom<HTMLScriptElement>>>,
    /// Things that delay the load event (<https://html.spec.whatwg.org/multipage/parsing.html#delay-the-load-event>):
    /// iframes still loading.
    #[no_trace]
    load_delays: Cell<u32>,
    /// Parsing finished while the load event was delayed.
    #[no_trace]
    load_waiting: Cell<bool>,
    /// The load steps are queued (or ran): nothing can delay them any more.
    #[no_trace]
    load_queued: Cell<bool>,
    /// The element focused in this document (<https://html.spec.whatwg.org/multipage/interaction.html#focused-area-of-the-document>).
    focused: MutNullableDom<Element>,
    /// <https://fullscreen.spec.whatwg.org/#fullscreen-element>: the element that last entered
    /// fullscreen and has not left it (Aperture keeps one: the top of the top layer).
    fullscreen: MutNullableDom<Element>,
    /// The [SameObject] collections: images, embeds (also `plugins`), links, forms, scripts.
    images: MutNullableDom<HTMLCollection>,
    embeds: MutNullableDom<HTMLCollection>,
    anchors: MutNullableDom<HTMLCollection>,
    applets: MutNullableDom<HTMLCollection>,
    /// `designMode` is "on" (nothing is editable here either way).
    #[no_trace]
    design_mode: Cell<bool>,
    links: MutNullableDom<HTMLCollection>,
    forms: MutNullableDom<HTMLCollection>,
    scripts: MutNullableDom<HTMLCollection>,
    /// The NodeIterators whose root's node document this is (their pre-removing steps).
    node_iterators: RefCell<Vec<Dom<NodeIterator>>>,
    /// The document's selection (<https://w3c.github.io/selection-api/#dfn-selection>), made
    /// when first asked for.
    selection: MutNullableDom<crate::dom::ranges::selection::Selection>,
    /// <https://w3c.github.io/selection-api/#dfn-has-scheduled-selectionchange-event>
    #[no_trace]
    selectionchange_scheduled: Cell<bool>,
    /// `styleSheets` and `adoptedStyleSheets` (<https://drafts.csswg.org/cssom/#extensions-to-the-document-or-shadow-root-interface>).
    css_sheets: crate::dom::css::documentorshadowroot::DocumentOrShadowRootSheets,
    /// <https://html.spec.whatwg.org/multipage/dom.html#the-document's-referrer>
    #[no_trace]
    referrer: RefCell<String>,
    /// <https://drafts.csswg.org/css-font-loading/#font-source>: the document's
    /// `FontFaceSet` (`document.fonts`), made on first use.
    fonts: MutNullableDom<crate::dom::css::fontfaceset::FontFaceSet>,
    /// The last layout of this document (`dom::layout::cache`).
    layout: crate::dom::layout::cache::LayoutCache,
    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#active-parser>
    #[no_trace]
    active_parser: RefCell<Option<Rc<crate::dom::html::parser::HtmlParser>>>,
    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#throw-on-dynamic-markup-insertion-counter>
    #[no_trace]
    throw_on_dynamic_markup_insertion: Cell<u32>,
    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#ignore-destructive-writes-counter>
    #[no_trace]
    ignore_destructive_writes: Cell<u32>,
    /// <https://html.spec.whatwg.org/multipage/images.html#list-of-available-images>
    #[no_trace]
    available_images: crate::dom::html::htmlimageelement::AvailableImages,
}

impl Document {
    /// The adopted style sheets that apply (see `DocumentOrShadowRootSheets::adopted`).
    pub fn adopted_style_sheets(
        &self,
        cx: &mut JSContext,
    ) -> Vec<DomRoot<crate::dom::css::cssstylesheet::CSSStyleSheet>> {
        self.css_sheets.adopted(cx, self)
    }

    /// Whether `adoptedStyleSheets` has been used (its array exists).
    pub fn has_adopted_style_sheets(&self) -> bool {
        self.css_sheets.has_adopted()
    }

    /// A [SameObject] collection of the document, made on first use.
    fn collection(
        &self,
        cx: &mut JSContext,
        cell: &MutNullableDom<HTMLCollection>,
        filter: CollectionFilter,
    ) -> DomRoot<HTMLCollection> {
        if let Some(c) = cell.get() {
            return c;
        }
        let c = HTMLCollection::new(cx, self.upcast(), filter);
        cell.set(Some(&c));
        c
    }

    pub(crate) fn new_inherited(
        window: &Window,
        browsing: bool,
        url: Url,
        is_html: bool,
        content_type: &'static str,
    ) -> Document {
        Document {
            node: Node::new_inherited(NodeKind::Document, None),
            browsing_window: MutNullableDom::new(browsing.then_some(window)),
            relevant_window: Dom::from_ref(window),
            url: RefCell::new(url),
            ready_state: Cell::new(ReadyState::Loading),
            is_html,
            content_type,
            encoding: Cell::new(encoding_rs::UTF_8),
            inert_template_document: Default::default(),
            is_inert_template_document: Cell::new(false),
            container: Default::default(),
            current_script: Default::default(),
            scripts_after_parsing: Default::default(),
            base_url_cache: Default::default(),
            load_delays: Cell::new(0),
            load_waiting: Cell::new(false),
            load_queued: Cell::new(false),
            focused: Default::default(),
            fullscreen: Default::default(),
            images: Default::default(),
            embeds: Default::default(),
            anchors: Default::default(),
            applets: Default::default(),
            design_mode: Cell::new(false),
            links: Default::default(),
            forms: Default::default(),
            scripts: Default::default(),
            node_iterators: RefCell::new(Vec::new()),
            selection: Default::default(),
            selectionchange_scheduled: Cell::new(false),
            css_sheets: Default::default(),
            referrer: RefCell::new(String::new()),
            fonts: Default::default(),
            layout: Default::default(),
            active_parser: Default::default(),
            throw_on_dynamic_markup_insertion: Cell::new(0),
            ignore_destructive_writes: Cell::new(0),
            available_images: Default::default(),
        }
    }

    /// <https://dom.spec.whatwg.org/#concept-document-encoding>
    pub fn encoding(&self) -> &'static encoding_rs::Encoding {
        self.encoding.get()
    }

    /// Sets the document's encoding (the loader's, before parsing).
    pub fn set_encoding(&self, encoding: &'static encoding_rs::Encoding) {
        self.encoding.set(encoding);
    }

    /// <https://html.spec.whatwg.org/multipage/images.html#list-of-available-images>
    pub fn available_images(&self) -> &crate::dom::html::htmlimageelement::AvailableImages {
        &self.available_images
    }

    /// The slot of this document's last layout.
    pub fn layout_cache(&self) -> &crate::dom::layout::cache::LayoutCache {
        &self.layout
    }

    /// Sets the "has scheduled selectionchange event" flag; returns whether it changed.
    pub fn set_selectionchange_scheduled(&self, value: bool) -> bool {
        self.selectionchange_scheduled.replace(value) != value
    }

    /// The selection, made on first use.
    pub fn selection(&self, cx: &mut JSContext) -> DomRoot<crate::dom::ranges::selection::Selection> {
        if let Some(selection) = self.selection.get() {
            return selection;
        }
        let selection = crate::dom::ranges::selection::Selection::new(cx, self);
        self.selection.set(Some(&selection));
        selection
    }

    pub fn register_node_iterator(&self, iterator: &NodeIterator) {
        self.node_iterators.borrow_mut().push(Dom::from_ref(iterator));
    }

    /// <https://dom.spec.whatwg.org/#concept-node-remove>, step 7: "For each NodeIterator object
    /// iterator whose root's node document is node's node document, run the NodeIterator
    /// pre-removing steps given node and iterator."
    pub fn run_node_iterator_pre_removing_steps(&self, node: &Node) {
        let iterators: Vec<DomRoot<NodeIterator>> =
            self.node_iterators.borrow().iter().map(|i| i.as_rooted()).collect();
        for iterator in iterators {
            iterator.pre_removing_steps(node);
        }
    }

    /// The focused element, if it is still in this document.
    pub fn focused_element(&self) -> Option<DomRoot<Element>> {
        self.focused.get().filter(|e| {
            let node = e.upcast::<Node>();
            node.is_connected() && std::ptr::eq(&*node.owner_doc(), self)
        })
    }

    pub fn set_focused_element(&self, element: Option<&Element>) {
        self.focused.set(element);
    }

    /// The document a window shows (created with the window).
    pub fn new_for_window(cx: &mut JSContext, window: &Window, url: Url) -> DomRoot<Document> {
        reflect_dom_object(cx, Box::new(Document::new_inherited(window, true, url, true, "text/html")), window)
    }

    /// A document not shown in any browsing context.
    pub fn new_inert(cx: &mut JSContext, window: &Window, url: Url) -> DomRoot<Document> {
        reflect_dom_object(cx, Box::new(Document::new_inherited(window, false, url, true, "text/html")), window)
    }

    /// <https://dom.spec.whatwg.org/#concept-node-clone>, the document case: "Set copy's
    /// encoding, content type, URL, origin, type, and mode to those of node."
    pub fn clone_document(&self, cx: &mut JSContext) -> DomRoot<Document> {
        let window = self.window_for_objects();
        if self.is::<crate::dom::dom::domimplementation::XMLDocument>() {
            let copy = crate::dom::dom::domimplementation::XMLDocument::new(cx, &window, self.content_type);
            copy.upcast::<Document>().set_url(self.url());
            return DomRoot::upcast(copy);
        }
        let copy = Document::new_inherited(&window, false, self.url(), self.is_html, self.content_type);
        reflect_dom_object(cx, Box::new(copy), &window)
    }

    /// <https://html.spec.whatwg.org/multipage/scripting.html#appropriate-template-contents-owner-document>
    pub fn template_contents_owner_document(&self, cx: &mut JSContext) -> DomRoot<Document> {
        // 1. "If doc is not a Document created by this algorithm, then:"
        if self.is_inert_template_document.get() {
            // 2. "Return doc."
            return DomRoot::from_ref(self);
        }
        // 1.1. "If doc does not yet have an associated inert template document, then:"
        if let Some(inert) = self.inert_template_document.get() {
            return inert;
        }
        // 1.1.1. "Let new doc be a new Document (whose browsing context is null). This is "a
        //        Document created by this algorithm" for the purposes of the step above."
        // 1.1.2. "If doc is an HTML document, mark new doc as an HTML document also."
        let window = self.window_for_objects();
        let url = Url::parse("about:blank").expect("a valid URL");
        let content_type = if self.is_html { "text/html" } else { "application/xml" };
        let inert = reflect_dom_object(
            cx,
            Box::new(Document::new_inherited(&window, false, url, self.is_html, content_type)),
            &window,
        );
        inert.is_inert_template_document.set(true);
        // 1.1.3. "Let doc's associated inert template document be new doc."
        self.inert_template_document.set(Some(&inert));
        // 1.2. "Set doc to doc's associated inert template document."
        inert
    }

    /// An `XMLDocument` not shown in any browsing context, with `url` and the XML
    /// `content_type` (`DOMParser`, `responseXML`).
    pub fn new_inert_xml(cx: &mut JSContext, window: &Window, url: Url, content_type: &str) -> DomRoot<Document> {
        // Content types are static strings; the XML ones a document can be parsed as.
        let content_type = match content_type {
            "text/xml" => "text/xml",
            "image/svg+xml" => "image/svg+xml",
            "application/xhtml+xml" => "application/xhtml+xml",
            _ => "application/xml",
        };
        let document = crate::dom::dom::domimplementation::XMLDocument::new(cx, window, content_type);
        let document: DomRoot<Document> = DomRoot::upcast(document);
        document.set_url(url);
        document
    }

    /// Changes the document's URL (history.pushState/replaceState).
    pub fn set_url(&self, url: Url) {
        *self.url.borrow_mut() = url;
        self.base_url_changed();
    }

    /// A URL whose origin is the document's origin: its own URL, except that an `about:blank`
    /// or `about:srcdoc` document in an iframe has the origin of the iframe's document
    /// (<https://html.spec.whatwg.org/multipage/document-sequences.html#determining-the-origin>:
    /// the creator's origin for `about:blank`, the parent's for `about:srcdoc`).
    pub fn origin_url(&self) -> Url {
        let url = self.url();
        if url.scheme() == "about"
            && let Some(container) = self.container()
        {
            return container.upcast::<Node>().owner_doc().origin_url();
        }
        url
    }

    /// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#document-base-url>: the
    /// frozen base URL of the first `<base>` element with an `href` in tree order, else the
    /// fallback base URL (the document's URL). URLs in attributes, `fetch()`, XHR, workers and
    /// scripts resolve against it.
    pub fn base_url(&self) -> Url {
        if let Some(url) = self.base_url_cache.borrow().as_ref() {
            return url.clone();
        }
        // <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#fallback-base-url>: an
        // iframe's about:srcdoc (or about:blank) document falls back to its container
        // document's base URL, other documents to their own URL.
        let url = self.url();
        let fallback = match self.container() {
            Some(container) if url.scheme() == "about" => container.upcast::<Node>().owner_doc().base_url(),
            _ => url,
        };
        let base = self
            .upcast::<Node>()
            .traverse_preorder()
            .into_iter()
            .find_map(|node| {
                node.downcast::<crate::dom::html::simpleelements::HTMLBaseElement>()?
                    .upcast::<Element>()
                    .get_attribute_value("href")
            })
            // <https://html.spec.whatwg.org/multipage/semantics.html#set-the-frozen-base-url>:
            // the href parsed against the fallback base URL; a failure (or a data: or
            // javascript: URL) leaves the fallback.
            .and_then(|href: String| fallback.join(&href).ok())
            .filter(|url| !matches!(url.scheme(), "data" | "javascript"))
            .unwrap_or(fallback);
        *self.base_url_cache.borrow_mut() = Some(base.clone());
        base
    }

    /// A `<base>` element was inserted, removed or changed its `href`: the base URL is
    /// computed again on next use.
    pub fn base_url_changed(&self) {
        self.base_url_cache.borrow_mut().take();
    }

    pub fn url(&self) -> Url {
        self.url.borrow().clone()
    }

    /// <https://html.spec.whatwg.org/multipage/dom.html#the-document's-referrer>
    pub fn referrer(&self) -> String {
        self.referrer.borrow().clone()
    }

    pub fn set_referrer(&self, referrer: String) {
        *self.referrer.borrow_mut() = referrer;
    }

    pub fn is_html_document(&self) -> bool {
        self.is_html
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfacesource-fonts>: the
    /// document's font source, made on first use.
    pub fn fonts(&self, cx: &mut JSContext) -> DomRoot<crate::dom::css::fontfaceset::FontFaceSet> {
        if let Some(fonts) = self.fonts.get() {
            return fonts;
        }
        let fonts = crate::dom::css::fontfaceset::FontFaceSet::new(cx, &self.window_for_objects());
        self.fonts.set(Some(&fonts));
        fonts
    }

    /// The font source if a page asked for it (no web fonts exist otherwise).
    pub fn fonts_if_created(&self) -> Option<DomRoot<crate::dom::css::fontfaceset::FontFaceSet>> {
        self.fonts.get()
    }

    /// The global to create this document's nodes in.
    pub fn window_for_objects(&self) -> DomRoot<Window> {
        self.relevant_window.as_rooted()
    }

    /// The window showing this document, if any (`defaultView`).
    /// The element in fullscreen, if one is ([`crate::dom::fullscreen`]).
    pub fn fullscreen_slot(&self) -> &MutNullableDom<Element> {
        &self.fullscreen
    }

    pub fn browsing_window(&self) -> Option<DomRoot<Window>> {
        self.browsing_window.get()
    }

    /// Detaches the document from its browsing context (an iframe removed).
    pub fn detach(&self) {
        self.browsing_window.set(None);
    }

    /// The iframe showing this document.
    pub fn container(&self) -> Option<DomRoot<HTMLIFrameElement>> {
        self.container.get()
    }

    pub fn set_container(&self, iframe: Option<&HTMLIFrameElement>) {
        self.container.set(iframe);
    }

    /// Delays the load event until [`Document::undelay_load_event`]. False
    /// (nothing delayed) once the load steps are queued.
    pub fn delay_load_event(&self) -> bool {
        if self.load_queued.get() {
            return false;
        }
        self.load_delays.set(self.load_delays.get() + 1);
        true
    }

    /// Ends one delay; the load steps follow if parsing is done and nothing else delays them.
    pub fn undelay_load_event(&self) {
        self.load_delays.set(self.load_delays.get().saturating_sub(1));
        if self.load_delays.get() == 0 && self.load_waiting.get() {
            self.load_waiting.set(false);
            self.load_queued.set(true);
            crate::dom::html::parser::queue_load_event(self);
        }
    }

    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-currentscript>: set
    /// while a script element runs; returns the previous value.
    /// Appends `script` to the list of scripts that will execute when the document has
    /// finished parsing (deferred classic scripts and module scripts without `async`).
    pub fn add_script_after_parsing(&self, script: &HTMLScriptElement) {
        self.scripts_after_parsing.borrow_mut().push(crate::dom::bindings::root::Dom::from_ref(script));
    }

    /// Takes the first script of that list.
    pub fn take_script_after_parsing(&self) -> Option<DomRoot<HTMLScriptElement>> {
        let mut list = self.scripts_after_parsing.borrow_mut();
        (!list.is_empty()).then(|| DomRoot::from_ref(&*list.remove(0)))
    }

    pub fn set_current_script(&self, script: Option<&HTMLScriptElement>) -> Option<DomRoot<HTMLScriptElement>> {
        let old = self.current_script.get();
        self.current_script.set(script);
        old
    }

    /// Parsing reached its end: queue the load steps unless something delays them.
    pub fn note_parsing_finished(&self) {
        if self.load_delays.get() > 0 {
            self.load_waiting.set(true);
        } else if !self.load_queued.replace(true) {
            crate::dom::html::parser::queue_load_event(self);
        }
    }

    /// The document's active parser, if any.
    pub(crate) fn active_parser(&self) -> Option<Rc<crate::dom::html::parser::HtmlParser>> {
        self.active_parser.borrow().clone()
    }

    /// Makes `parser` the active parser; returns the one before.
    pub(crate) fn set_active_parser(
        &self,
        parser: Option<Rc<crate::dom::html::parser::HtmlParser>>,
    ) -> Option<Rc<crate::dom::html::parser::HtmlParser>> {
        self.active_parser.replace(parser)
    }

    /// Whether the throw-on-dynamic-markup-insertion counter is above 0.
    pub fn throws_on_dynamic_markup_insertion(&self) -> bool {
        self.throw_on_dynamic_markup_insertion.get() > 0
    }

    /// Raises (`true`) or lowers the throw-on-dynamic-markup-insertion counter (the parser
    /// does while it creates a custom element).
    pub fn adjust_throw_on_dynamic_markup_insertion(&self, raise: bool) {
        let n = self.throw_on_dynamic_markup_insertion.get();
        self.throw_on_dynamic_markup_insertion.set(if raise { n + 1 } else { n.saturating_sub(1) });
    }

    /// Whether the ignore-destructive-writes counter is above 0.
    pub fn ignores_destructive_writes(&self) -> bool {
        self.ignore_destructive_writes.get() > 0
    }

    /// Raises (`true`) or lowers the ignore-destructive-writes counter (around an external
    /// or module script's execution).
    pub fn adjust_ignore_destructive_writes(&self, raise: bool) {
        let n = self.ignore_destructive_writes.get();
        self.ignore_destructive_writes.set(if raise { n + 1 } else { n.saturating_sub(1) });
    }

    /// `document.open()`: the document loads again, so its load steps will run once more
    /// when its new parser finishes.
    pub fn restart_loading(&self) {
        self.load_queued.set(false);
        self.load_waiting.set(false);
    }

    /// Marks a document that never loads (an initial about:blank) as complete.
    pub fn mark_completely_loaded(&self) {
        self.ready_state.set(ReadyState::Complete);
        self.load_queued.set(true);
    }

    pub fn ready_state(&self) -> ReadyState {
        self.ready_state.get()
    }

    /// <https://html.spec.whatwg.org/multipage/dom.html#update-the-current-document-readiness>
    pub fn set_ready_state(&self, cx: &mut JSContext, state: ReadyState) {
        if self.ready_state.get() == state {
            return;
        }
        self.ready_state.set(state);
        self.upcast::<EventTarget>().fire_event(cx, "readystatechange");
    }

    pub fn document_element(&self) -> Option<DomRoot<Element>> {
        parentnode::first_element_child(self.upcast())
    }

    /// The `<head>` element child of the `<html>` element.
    pub fn head(&self) -> Option<DomRoot<HTMLHeadElement>> {
        let root = self.document_element()?;
        root.upcast::<Node>().children().into_iter().find_map(|c| c.downcast_root::<HTMLHeadElement>())
    }

    /// <https://html.spec.whatwg.org/multipage/dom.html#the-body-element-2>
    pub fn body(&self) -> Option<DomRoot<HTMLElement>> {
        let root = self.document_element()?;
        if root.local_name() != "html" {
            return None;
        }
        root.upcast::<Node>()
            .children()
            .into_iter()
            .filter_map(|c| c.downcast_root::<Element>())
            .find(|e| e.is_html_element() && (e.local_name() == "body" || e.local_name() == "frameset"))
            .and_then(|e| e.upcast::<Node>().downcast_root::<HTMLElement>())
    }

    /// <https://html.spec.whatwg.org/multipage/dom.html#the-title-element-2>
    fn title_element(&self) -> Option<DomRoot<Element>> {
        self.upcast::<Node>()
            .element_descendants()
            .into_iter()
            .find(|e| e.is_html_element() && e.local_name() == "title")
    }
}

/// The commands of the editing specification `queryCommandSupported()` reports, as Chromium
/// does.
const SUPPORTED_COMMANDS: &[&str] = &[
    "backColor",
    "bold",
    "copy",
    "createLink",
    "cut",
    "defaultParagraphSeparator",
    "delete",
    "fontName",
    "fontSize",
    "foreColor",
    "formatBlock",
    "forwardDelete",
    "hiliteColor",
    "indent",
    "insertHorizontalRule",
    "insertHTML",
    "insertImage",
    "insertLineBreak",
    "insertOrderedList",
    "insertParagraph",
    "insertText",
    "insertUnorderedList",
    "italic",
    "justifyCenter",
    "justifyFull",
    "justifyLeft",
    "justifyRight",
    "outdent",
    "redo",
    "removeFormat",
    "selectAll",
    "strikethrough",
    "styleWithCSS",
    "subscript",
    "superscript",
    "underline",
    "undo",
    "unlink",
    "useCSS",
];

/// `document.anchors`: the `a` elements with a `name` attribute, in tree order.
fn named_anchors(root: &Node) -> Vec<DomRoot<Element>> {
    root.element_descendants()
        .into_iter()
        .filter(|e| e.is_html_element() && e.local_name() == "a" && e.get_attribute_value("name").is_some())
        .collect()
}

impl Document {
    /// An attribute of the body element, for the obsolete colour members ("" without one).
    fn body_attribute(&self, name: &str) -> DOMString {
        self.body().and_then(|b| b.upcast::<Element>().get_attribute_value(name)).unwrap_or_default().into()
    }

    /// Sets an attribute of the body element (nothing without one).
    fn set_body_attribute(&self, cx: &mut JSContext, name: &str, value: DOMString) {
        if let Some(body) = self.body() {
            body.upcast::<Element>().set_attribute_value(cx, name, value.into());
        }
    }
}

impl DocumentMethods for Document {
    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfacesource-fonts>: the document's
    /// font source, its CSS-connected faces brought in step with the `@font-face` rules.
    fn Fonts(&self, cx: &mut JSContext) -> DomRoot<crate::dom::css::fontfaceset::FontFaceSet> {
        let fonts = self.fonts(cx);
        fonts.sync_css_faces(cx, self);
        fonts.load_faces_used_by(cx, self);
        fonts
    }

    /// <https://drafts.csswg.org/cssom-view/#dom-document-elementfrompoint>
    fn ElementFromPoint(
        &self,
        cx: &mut JSContext,
        x: crate::dom::bindings::num::Finite<f64>,
        y: crate::dom::bindings::num::Finite<f64>,
    ) -> Option<DomRoot<Element>> {
        crate::dom::cssomview::elementfrompoint::element_from_point(cx, self.upcast(), *x, *y)
    }

    /// <https://drafts.csswg.org/cssom-view/#dom-document-elementsfrompoint>
    fn ElementsFromPoint(
        &self,
        cx: &mut JSContext,
        x: crate::dom::bindings::num::Finite<f64>,
        y: crate::dom::bindings::num::Finite<f64>,
    ) -> Vec<DomRoot<Element>> {
        crate::dom::cssomview::elementfrompoint::elements_from_point(cx, self.upcast(), *x, *y)
    }

    /// <https://drafts.csswg.org/cssom/#dom-documentorshadowroot-stylesheets>
    fn StyleSheets(&self, cx: &mut JSContext) -> DomRoot<crate::dom::css::stylesheetlist::StyleSheetList> {
        let window = self.upcast::<Node>().owner_doc().window_for_objects();
        self.css_sheets.style_sheets(cx, &window, self.upcast())
    }

    /// <https://drafts.csswg.org/cssom/#dom-documentorshadowroot-adoptedstylesheets>
    fn AdoptedStyleSheets(&self, cx: &mut JSContext, retval: mozjs::rust::MutableHandleValue) -> Fallible<()> {
        let window = self.upcast::<Node>().owner_doc().window_for_objects();
        self.css_sheets.get_adopted(cx, &window, retval)
    }

    /// <https://drafts.csswg.org/cssom/#dom-documentorshadowroot-adoptedstylesheets>
    fn SetAdoptedStyleSheets(&self, cx: &mut JSContext, value: mozjs::rust::HandleValue) -> ErrorResult {
        let document = self.upcast::<Node>().owner_doc();
        self.css_sheets.set_adopted(cx, value, &document)
    }
    crate::dom::html::htmlelement::all_global_event_handlers!();
    crate::dom::fullscreen::document_fullscreen_methods!();

    /// <https://dom.spec.whatwg.org/#dom-document-document>
    fn Constructor(cx: &mut JSContext, global: &Window, proto: Option<HandleObject>) -> Fallible<DomRoot<Document>> {
        let url = Url::parse("about:blank").expect("a valid URL");
        let document = Document::new_inherited(global, false, url, false, "application/xml");
        Ok(reflect_dom_object_with_proto(cx, Box::new(document), global, proto))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-url>
    fn URL(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url.borrow().to_string())
    }
    /// <https://dom.spec.whatwg.org/#dom-document-documenturi>
    fn DocumentURI(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url.borrow().to_string())
    }
    /// <https://dom.spec.whatwg.org/#dom-document-compatmode>
    fn CompatMode(&self, _cx: &mut JSContext) -> DOMString {
        "CSS1Compat".into()
    }
    /// <https://dom.spec.whatwg.org/#dom-document-characterset>: "return this's encoding's name".
    fn CharacterSet(&self, _cx: &mut JSContext) -> DOMString {
        self.encoding.get().name().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-document-charset>
    fn Charset(&self, _cx: &mut JSContext) -> DOMString {
        self.encoding.get().name().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-document-inputencoding>
    fn InputEncoding(&self, _cx: &mut JSContext) -> DOMString {
        self.encoding.get().name().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-document-contenttype>
    fn ContentType(&self, _cx: &mut JSContext) -> DOMString {
        self.content_type.into()
    }
    /// <https://dom.spec.whatwg.org/#dom-document-doctype>
    fn Doctype(&self, _cx: &mut JSContext) -> Option<DomRoot<DocumentType>> {
        self.upcast::<Node>().children().into_iter().find_map(|c| c.downcast_root::<DocumentType>())
    }
    /// <https://dom.spec.whatwg.org/#dom-document-documentelement>
    fn DocumentElement(&self, _cx: &mut JSContext) -> Option<DomRoot<Element>> {
        self.document_element()
    }
    /// <https://dom.spec.whatwg.org/#dom-document-getelementsbytagname>
    fn GetElementsByTagName(&self, cx: &mut JSContext, name: DOMString) -> DomRoot<HTMLCollection> {
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::QualifiedName(name.into()))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-getelementsbytagnamens>: "1. If namespace is
    /// the empty string, then set it to null." then the elements with that namespace and local
    /// name ("*" matching any).
    fn GetElementsByTagNameNS(
        &self,
        cx: &mut JSContext,
        namespace: Option<DOMString>,
        local_name: DOMString,
    ) -> DomRoot<HTMLCollection> {
        let namespace = namespace.map(|n| n.to_string()).filter(|n| !n.is_empty());
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::NamespaceLocalName(namespace, local_name.into()))
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-getelementsbyname>
    fn GetElementsByName(&self, cx: &mut JSContext, name: DOMString) -> DomRoot<crate::dom::dom::nodelist::NodeList> {
        crate::dom::dom::nodelist::NodeList::new_by_name(cx, self.upcast(), name.into())
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-dir>: reflects the html
    /// element's `dir`, limited to the known values (ltr, rtl, auto; "" otherwise).
    fn Dir(&self, _cx: &mut JSContext) -> DOMString {
        let value = self
            .document_element()
            .filter(|e| e.is_html_element() && e.local_name() == "html")
            .and_then(|e| e.get_attribute_value("dir"))
            .map(|v| v.to_ascii_lowercase())
            .unwrap_or_default();
        match value.as_str() {
            "ltr" | "rtl" | "auto" => value.into(),
            _ => DOMString::new(),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-dir>: sets the html
    /// element's `dir` (nothing without one).
    fn SetDir(&self, cx: &mut JSContext, value: DOMString) {
        if let Some(html) = self.document_element().filter(|e| e.is_html_element() && e.local_name() == "html") {
            html.set_attribute_value(cx, "dir", value.into());
        }
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-document-designmode>
    fn DesignMode(&self, _cx: &mut JSContext) -> DOMString {
        if self.design_mode.get() { "on".into() } else { "off".into() }
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-document-designmode>: "1. Let
    /// value be the given value, converted to ASCII lowercase. 2. If value is "on" and this's
    /// design mode enabled is false, then set it to true (…). 3. If value is "off", then set
    /// this's design mode enabled to false." Nothing becomes editable here (no editing host).
    fn SetDesignMode(&self, _cx: &mut JSContext, value: DOMString) {
        match value.to_ascii_lowercase().as_str() {
            "on" => self.design_mode.set(true),
            "off" => self.design_mode.set(false),
            _ => {}
        }
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-fgcolor>: body's `text`.
    fn FgColor(&self, _cx: &mut JSContext) -> DOMString {
        self.body_attribute("text")
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-fgcolor>
    fn SetFgColor(&self, cx: &mut JSContext, value: DOMString) {
        self.set_body_attribute(cx, "text", value)
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-linkcolor>: body's `link`.
    fn LinkColor(&self, _cx: &mut JSContext) -> DOMString {
        self.body_attribute("link")
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-linkcolor>
    fn SetLinkColor(&self, cx: &mut JSContext, value: DOMString) {
        self.set_body_attribute(cx, "link", value)
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-vlinkcolor>: body's `vlink`.
    fn VlinkColor(&self, _cx: &mut JSContext) -> DOMString {
        self.body_attribute("vlink")
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-vlinkcolor>
    fn SetVlinkColor(&self, cx: &mut JSContext, value: DOMString) {
        self.set_body_attribute(cx, "vlink", value)
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-alinkcolor>: body's `alink`.
    fn AlinkColor(&self, _cx: &mut JSContext) -> DOMString {
        self.body_attribute("alink")
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-alinkcolor>
    fn SetAlinkColor(&self, cx: &mut JSContext, value: DOMString) {
        self.set_body_attribute(cx, "alink", value)
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-bgcolor>: body's `bgcolor`.
    fn BgColor(&self, _cx: &mut JSContext) -> DOMString {
        self.body_attribute("bgcolor")
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-bgcolor>
    fn SetBgColor(&self, cx: &mut JSContext, value: DOMString) {
        self.set_body_attribute(cx, "bgcolor", value)
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-anchors>: "the a
    /// elements with name attributes".
    fn Anchors(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        self.collection(cx, &self.anchors, CollectionFilter::Computed(named_anchors))
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-applets>: "must return
    /// an HTMLCollection rooted at the Document node, whose filter matches nothing".
    fn Applets(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        self.collection(cx, &self.applets, CollectionFilter::Computed(|_| Vec::new()))
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-clear>: "must do nothing".
    fn Clear(&self, _cx: &mut JSContext) {}
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-captureevents>: "must do
    /// nothing".
    fn CaptureEvents(&self, _cx: &mut JSContext) {}
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-document-releaseevents>: "must do
    /// nothing".
    fn ReleaseEvents(&self, _cx: &mut JSContext) {}
    /// <https://w3c.github.io/editing/docs/execCommand/#execcommand()>: there is no editing host
    /// here, and the clipboard commands need user activation (and a clipboard), so no command
    /// does anything and the answer is false, as in Chromium without activation; `selectAll`
    /// selects the document's contents and answers true.
    fn ExecCommand(&self, cx: &mut JSContext, command: DOMString, _show_ui: bool, _value: DOMString) -> bool {
        if !command.eq_ignore_ascii_case("selectAll") {
            return false;
        }
        use crate::dom::bindings::codegen::SelectionBinding::SelectionMethods;
        if self.browsing_window().is_none() {
            return false;
        }
        if let Some(root) =
            self.body().map(DomRoot::upcast::<Node>).or_else(|| self.document_element().map(DomRoot::upcast))
        {
            let _ = self.selection(cx).SelectAllChildren(cx, &root);
        }
        true
    }
    /// <https://w3c.github.io/editing/docs/execCommand/#querycommandenabled()>: no command is
    /// enabled without an editing host.
    fn QueryCommandEnabled(&self, _cx: &mut JSContext, _command: DOMString) -> bool {
        false
    }
    /// <https://w3c.github.io/editing/docs/execCommand/#querycommandindeterm()>
    fn QueryCommandIndeterm(&self, _cx: &mut JSContext, _command: DOMString) -> bool {
        false
    }
    /// <https://w3c.github.io/editing/docs/execCommand/#querycommandstate()>
    fn QueryCommandState(&self, _cx: &mut JSContext, _command: DOMString) -> bool {
        false
    }
    /// <https://w3c.github.io/editing/docs/execCommand/#querycommandsupported()>: the commands
    /// the editing specification defines (Chromium's list: `paste` is not supported in web
    /// content).
    fn QueryCommandSupported(&self, _cx: &mut JSContext, command: DOMString) -> bool {
        SUPPORTED_COMMANDS.iter().any(|c| c.eq_ignore_ascii_case(&command))
    }
    /// <https://w3c.github.io/editing/docs/execCommand/#querycommandvalue()>
    fn QueryCommandValue(&self, _cx: &mut JSContext, _command: DOMString) -> DOMString {
        DOMString::new()
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-document-scrollingelement>: the root element in
    /// no-quirks mode (the only mode this engine has).
    fn ScrollingElement(&self, _cx: &mut JSContext) -> Option<DomRoot<Element>> {
        self.document_element()
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-images>
    fn Images(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        self.collection(cx, &self.images, CollectionFilter::LocalNames(&["img"]))
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-embeds>
    fn Embeds(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        self.collection(cx, &self.embeds, CollectionFilter::LocalNames(&["embed"]))
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-plugins>: "must return the
    /// same object as that returned by the embeds attribute".
    fn Plugins(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        self.Embeds(cx)
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-links>
    fn Links(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        self.collection(cx, &self.links, CollectionFilter::Links)
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-forms>
    fn Forms(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        self.collection(cx, &self.forms, CollectionFilter::LocalNames(&["form"]))
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-scripts>
    fn Scripts(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        self.collection(cx, &self.scripts, CollectionFilter::LocalNames(&["script"]))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-getelementsbyclassname>
    fn GetElementsByClassName(&self, cx: &mut JSContext, names: DOMString) -> DomRoot<HTMLCollection> {
        let classes = names.split_ascii_whitespace().map(str::to_owned).collect();
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::ClassNames(classes))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createelement>
    fn CreateElement(
        &self,
        cx: &mut JSContext,
        local_name: DOMString,
        _options: StringOrElementCreationOptions,
    ) -> Fallible<DomRoot<Element>> {
        // Step 1: If localName is not a valid element local name, throw an "InvalidCharacterError".
        validate_name(&local_name)?;
        // Step 2: lower-case it in an HTML document.
        let name = if self.is_html { local_name.to_ascii_lowercase() } else { local_name.to_string() };
        // Steps 5–7: HTML namespace for HTML documents.
        let namespace = if self.is_html { Some(HTML_NAMESPACE) } else { None };
        // Step 7: "Return the result of creating an element given this, localName, namespace,
        // null, is, and with the synchronous custom elements flag set."
        Ok(crate::dom::dom::createelement::create_element_synchronously(cx, self, &name, namespace, None))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createelementns>
    fn CreateElementNS(
        &self,
        cx: &mut JSContext,
        namespace: Option<DOMString>,
        qualified_name: DOMString,
        _options: StringOrElementCreationOptions,
    ) -> Fallible<DomRoot<Element>> {
        let (namespace, prefix, local) = validate_qualified(namespace.map(String::from), &qualified_name)?;
        // "Return the result of creating an element given document, localName, namespace,
        // prefix, is, and the synchronous custom elements flag set."
        Ok(crate::dom::dom::createelement::create_element_synchronously(cx, self, &local, namespace.as_deref(), prefix))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createdocumentfragment>
    fn CreateDocumentFragment(&self, cx: &mut JSContext) -> DomRoot<DocumentFragment> {
        DocumentFragment::new(cx, self)
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createtextnode>
    fn CreateTextNode(&self, cx: &mut JSContext, data: DOMString) -> DomRoot<Text> {
        Text::new(cx, data.into(), self)
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createcomment>
    fn CreateComment(&self, cx: &mut JSContext, data: DOMString) -> DomRoot<Comment> {
        Comment::new(cx, data.into(), self)
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createcdatasection>
    fn CreateCDATASection(
        &self,
        cx: &mut JSContext,
        data: DOMString,
    ) -> Fallible<DomRoot<crate::dom::dom::processinginstruction::CDATASection>> {
        // 1. "If this is an HTML document, then throw a "NotSupportedError" DOMException."
        if self.is_html_document() {
            return Err(Error::NotSupported("HTML documents have no CDATA sections.".into()));
        }
        // 2. "If data contains the string "]]>", then throw an "InvalidCharacterError"
        //    DOMException."
        if data.contains("]]>") {
            return Err(Error::InvalidCharacter("A CDATA section cannot contain ']]>'.".into()));
        }
        // 3. "Return a new CDATASection node with its data set to data and node document set to
        //    this."
        Ok(crate::dom::dom::processinginstruction::CDATASection::new(cx, data.into(), self))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createprocessinginstruction>
    fn CreateProcessingInstruction(
        &self,
        cx: &mut JSContext,
        target: DOMString,
        data: DOMString,
    ) -> Fallible<DomRoot<crate::dom::dom::processinginstruction::ProcessingInstruction>> {
        // 1. "If target does not match the Name production, then throw an
        //    "InvalidCharacterError" DOMException."
        if !crate::dom::dom::processinginstruction::is_xml_name(&target) {
            return Err(Error::InvalidCharacter(format!("'{target}' is not a valid processing instruction target.")));
        }
        // 2. "If data contains the string "?>", then throw an "InvalidCharacterError"
        //    DOMException."
        if data.contains("?>") {
            return Err(Error::InvalidCharacter("A processing instruction cannot contain '?>'.".into()));
        }
        // 3. "Return a new ProcessingInstruction node, with target set to target, data set to
        //    data, and node document set to this."
        Ok(crate::dom::dom::processinginstruction::ProcessingInstruction::new(cx, target.into(), data.into(), self))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-implementation>
    fn Implementation(&self, cx: &mut JSContext) -> DomRoot<crate::dom::dom::domimplementation::DOMImplementation> {
        // [SameObject]: the binding keeps the first one.
        crate::dom::dom::domimplementation::DOMImplementation::new(cx, self)
    }
    /// <https://dom.spec.whatwg.org/#dom-document-importnode>
    fn ImportNode(&self, cx: &mut JSContext, node: &Node, subtree: bool) -> Fallible<DomRoot<Node>> {
        // 1. "If node is a document or shadow root, then throw a "NotSupportedError" DOMException."
        if node.kind() == NodeKind::Document {
            return Err(Error::NotSupported("A document cannot be imported.".into()));
        }
        // 2. "Return the result of cloning a node given node with document set to this and
        //    subtree set to subtree."
        Ok(node.clone_node(cx, Some(self), subtree))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-adoptnode>
    fn AdoptNode(&self, cx: &mut JSContext, node: &Node) -> Fallible<DomRoot<Node>> {
        // 1. "If node is a document, then throw a "NotSupportedError" DOMException."
        if node.kind() == NodeKind::Document {
            return Err(Error::NotSupported("A document cannot be adopted.".into()));
        }
        // 2. "If node is a shadow root, then throw a "HierarchyRequestError" DOMException."
        //    (Aperture has no shadow roots.)
        // 3. "If node is a DocumentFragment node whose host is non-null, then return."
        if node.downcast::<DocumentFragment>().is_some_and(|f| f.host().is_some()) {
            return Ok(DomRoot::from_ref(node));
        }
        // 4. "Adopt node into this."
        Node::adopt(cx, node, self);
        // 5. "Return node."
        Ok(DomRoot::from_ref(node))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createattribute>
    fn CreateAttribute(&self, cx: &mut JSContext, local_name: DOMString) -> Fallible<DomRoot<Attr>> {
        // 1. "If localName is not a valid attribute local name, then throw an
        //    "InvalidCharacterError" DOMException."
        validate_name(&local_name)?;
        // 2. "If this is an HTML document, then set localName to localName in ASCII lowercase."
        let local_name = if self.is_html { local_name.to_ascii_lowercase() } else { local_name.to_string() };
        // 3. "Return a new attribute whose local name is localName and node document is this."
        let attribute = Attribute { namespace: None, prefix: None, local_name, value: String::new() };
        Ok(Attr::new(cx, attribute, None, self))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createattributens>
    fn CreateAttributeNS(
        &self,
        cx: &mut JSContext,
        namespace: Option<DOMString>,
        qualified_name: DOMString,
    ) -> Fallible<DomRoot<Attr>> {
        // 1. "Let (namespace, prefix, localName) be the result of validating and extracting
        //    namespace and qualifiedName given "attribute"."
        let (namespace, prefix, local_name) = validate_qualified(namespace.map(String::from), &qualified_name)?;
        // 2. "Return a new attribute whose namespace is namespace, namespace prefix is prefix,
        //    local name is localName, and node document is this."
        let attribute = Attribute { namespace, prefix, local_name, value: String::new() };
        Ok(Attr::new(cx, attribute, None, self))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createnodeiterator>
    fn CreateNodeIterator(
        &self,
        cx: &mut JSContext,
        root: &Node,
        what_to_show: u32,
        filter: Option<Rc<NodeFilter>>,
    ) -> DomRoot<NodeIterator> {
        NodeIterator::new(cx, self, root, what_to_show, filter)
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createtreewalker>
    fn CreateTreeWalker(
        &self,
        cx: &mut JSContext,
        root: &Node,
        what_to_show: u32,
        filter: Option<Rc<NodeFilter>>,
    ) -> DomRoot<TreeWalker> {
        TreeWalker::new(cx, self, root, what_to_show, filter)
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createrange>
    fn CreateRange(&self, cx: &mut JSContext) -> DomRoot<crate::dom::ranges::range::Range> {
        // "return a new live range with (this, 0) as its start and end."
        let point = crate::dom::ranges::boundary::BoundaryPoint::new(self.upcast(), 0);
        crate::dom::ranges::range::Range::new(cx, self, &point, &point)
    }
    /// <https://w3c.github.io/selection-api/#dom-document-getselection>
    fn GetSelection(&self, cx: &mut JSContext) -> Option<DomRoot<crate::dom::ranges::selection::Selection>> {
        // "return the selection associated with this if this has an associated browsing
        // context, and null otherwise."
        self.browsing_window()?;
        Some(self.selection(cx))
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-location>
    fn Location(&self, cx: &mut JSContext) -> Option<DomRoot<crate::dom::html::location::Location>> {
        // "The Document object's location getter steps are to return this's relevant global
        // object's Location object, if this is fully active, and null otherwise."
        use crate::dom::bindings::codegen::WindowBinding::WindowMethods;
        self.browsing_window.get().map(|window| window.Location(cx))
    }
    /// <https://dom.spec.whatwg.org/#dom-document-createevent>
    fn CreateEvent(&self, cx: &mut JSContext, interface: DOMString) -> Fallible<DomRoot<Event>> {
        match interface.to_ascii_lowercase().as_str() {
            "event" | "events" | "htmlevents" => {
                Ok(reflect_dom_object(cx, Box::new(Event::new_inherited(&self.relevant_window)), &self.relevant_window))
            }
            "customevent" => Ok(DomRoot::upcast(crate::dom::dom::customevent::CustomEvent::new_uninitialized(
                cx,
                &self.relevant_window,
            ))),
            _ => Err(Error::NotSupported(format!("The provided event type ('{interface}') is invalid."))),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-document-open>
    fn Open(
        &self,
        cx: &mut JSContext,
        _unused1: Option<DOMString>,
        _unused2: Option<DOMString>,
    ) -> Fallible<DomRoot<Document>> {
        // "The document.open(unused1, unused2) method steps are to run the document open
        // steps with this."
        crate::dom::html::parser::document_open(cx, self)?;
        Ok(DomRoot::from_ref(self))
    }
    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-document-close>
    fn Close(&self, cx: &mut JSContext) -> Fallible<()> {
        crate::dom::html::parser::document_close(cx, self)
    }
    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-document-write>
    fn Write(&self, cx: &mut JSContext, text: Vec<DOMString>) -> Fallible<()> {
        // "Run the document write steps with this, text, false, and "Document write"": the
        // strings are concatenated.
        let text: String = text.iter().map(|t| t.to_string()).collect();
        crate::dom::html::parser::document_write(cx, self, &text)
    }
    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-document-writeln>
    fn Writeln(&self, cx: &mut JSContext, text: Vec<DOMString>) -> Fallible<()> {
        // "Run the document write steps with this, text, true, and "Document writeln"": a
        // line feed follows the concatenated strings.
        let mut text: String = text.iter().map(|t| t.to_string()).collect();
        text.push('\n');
        crate::dom::html::parser::document_write(cx, self, &text)
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-readystate>
    fn ReadyState(&self, _cx: &mut JSContext) -> DOMString {
        self.ready_state.get().as_str().into()
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#document.title>
    fn Title(&self, _cx: &mut JSContext) -> DOMString {
        let text = self.title_element().map(|t| t.upcast::<Node>().child_text_content()).unwrap_or_default();
        // Strip and collapse ASCII whitespace.
        text.split_ascii_whitespace().collect::<Vec<_>>().join(" ").into()
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#document.title>
    fn SetTitle(&self, cx: &mut JSContext, value: DOMString) {
        let title = match self.title_element() {
            Some(t) => t,
            None => {
                let Some(head) = self.head() else { return };
                let t = create_element(cx, self, "title", Some(HTML_NAMESPACE), None);
                let _ = head.upcast::<Node>().pre_insert(cx, t.upcast(), None);
                t
            }
        };
        use crate::dom::bindings::codegen::NodeBinding::NodeMethods;
        title.upcast::<Node>().SetTextContent(cx, Some(value));
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-body>
    fn Body(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLElement>> {
        self.body()
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-head>
    fn Head(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLHeadElement>> {
        self.head()
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-currentscript>
    fn CurrentScript(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLScriptElement>> {
        self.current_script.get()
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-document-defaultview>
    fn DefaultView(&self, _cx: &mut JSContext) -> Option<DomRoot<Window>> {
        self.browsing_window.get()
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-document-activeelement>: the
    /// focused element, else the body element, else the document element.
    fn ActiveElement(&self, _cx: &mut JSContext) -> Option<DomRoot<Element>> {
        if let Some(focused) = self.focused_element() {
            return Some(focused);
        }
        let root = self.upcast::<Node>().children().into_iter().find_map(|c| c.downcast_root::<Element>())?;
        let body = root
            .upcast::<Node>()
            .children()
            .into_iter()
            .filter_map(|c| c.downcast_root::<Element>())
            .find(|e| e.is_html_element() && matches!(e.local_name(), "body" | "frameset"));
        Some(body.unwrap_or(root))
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-document-hidden>: a headless
    /// host shows its pages as visible ("visible" keeps capture and animations running).
    fn Hidden(&self, _cx: &mut JSContext) -> bool {
        false
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-document-visibilitystate>
    fn VisibilityState(&self, _cx: &mut JSContext) -> DOMString {
        "visible".into()
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#handler-onvisibilitychange>
    fn Onvisibilitychange(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.upcast::<EventTarget>().get_event_handler("visibilitychange")
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#handler-onvisibilitychange>
    fn SetOnvisibilitychange(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.upcast::<EventTarget>().set_event_handler("visibilitychange", value)
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-document-hasfocus>
    fn HasFocus(&self, _cx: &mut JSContext) -> bool {
        // A headless host has no system focus.
        false
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#handler-onreadystatechange>
    fn Onreadystatechange(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.upcast::<EventTarget>().get_event_handler("readystatechange")
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#handler-onreadystatechange>
    fn SetOnreadystatechange(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.upcast::<EventTarget>().set_event_handler("readystatechange", value)
    }
    crate::dom::dom::parentnode::non_element_parent_node_methods!();
    crate::dom::dom::parentnode::parent_node_methods!();
    crate::dom::html::documentmetadata::document_metadata_methods!();
}

//! HTML parsing into Aperture's DOM with html5ever's tree builder
//! (<https://html.spec.whatwg.org/multipage/parsing.html>). Parser-inserted
//! classic scripts run when their end tag is seen, so scripts see the
//! document as parsed so far.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::ptr::NonNull;
use std::rc::Rc;

use html5ever::TokenizerResult;
use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{Attribute as HtmlAttribute, LocalName, Namespace, QualName};
use mozjs::context::JSContext;
use mozjs::jsapi::JSContext as RawJSContext;

use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::same_object;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::comment::Comment;
use crate::dom::dom::createelement::create_element;
use crate::dom::dom::document::{Document, ReadyState};
use crate::dom::dom::documentfragment::DocumentFragment;
use crate::dom::dom::documenttype::DocumentType;
use crate::dom::dom::element::{Attribute, Element};
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::dom::text::Text;
use crate::dom::html::htmlscriptelement::HTMLScriptElement;

/// An element's name as html5ever atoms.
#[derive(Debug)]
pub struct OwnedElemName {
    ns: Namespace,
    local: LocalName,
}

impl ElemName for OwnedElemName {
    fn ns(&self) -> &Namespace {
        &self.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.local
    }
}

/// The tree builder's sink: builds nodes of `document`. The XML parser
/// (`dom/domparsing/xmlparser.rs`) builds through it too.
pub(crate) struct Sink {
    cx: *mut RawJSContext,
    document: DomRoot<Document>,
    /// Fragment parsing: scripts never run.
    fragment: bool,
    line: Cell<u64>,
    quirks: RefCell<QuirksMode>,
}

impl Sink {
    /// A sink for a document without a browsing context (its scripts never run).
    pub(crate) fn inert(cx: &mut JSContext, document: &Document) -> Sink {
        Sink {
            // SAFETY: FIXME(issue 17): the raw context is stored in the sink for the parse, which
            // raw_cx's contract forbids (it must go straight into a call); it is the live context of this
            // thread for the whole parse, which is what makes it work.
            cx: unsafe { cx.raw_cx() },
            document: DomRoot::from_ref(document),
            fragment: true,
            line: Cell::new(1),
            quirks: RefCell::new(QuirksMode::NoQuirks),
        }
    }

    fn push_element_queue(&self) {
        if !self.fragment {
            crate::dom::html::customelements::reactions::push_element_queue();
        }
    }

    fn pop_element_queue(&self, cx: &mut JSContext) {
        if !self.fragment {
            crate::dom::html::customelements::reactions::pop_element_queue(cx);
        }
    }

    /// A `ProcessingInstruction` node of this sink's document (XML parsing).
    pub(crate) fn create_processing_instruction(&self, target: &str, data: &str) -> DomRoot<Node> {
        let mut cx = self.cx();
        DomRoot::upcast(crate::dom::dom::processinginstruction::ProcessingInstruction::new(
            &mut cx,
            target.to_owned(),
            data.to_owned(),
            &self.document,
        ))
    }

    fn cx(&self) -> JSContext {
        // SAFETY: the parser runs on the script thread while its caller holds the context.
        unsafe { JSContext::from_ptr(NonNull::new_unchecked(self.cx)) }
    }

    fn append_text(&self, parent: &Node, text: &str, before: Option<&Node>) {
        // Merge with an adjacent Text node, as the tree builder expects.
        let adjacent = match before {
            Some(b) => b.prev_sibling(),
            None => parent.last_child(),
        };
        if let Some(t) = adjacent.as_ref().and_then(|n| n.downcast::<Text>()) {
            t.upcast::<CharacterData>().append(text);
            return;
        }
        let mut cx = self.cx();
        let node = Text::new(&mut cx, text.to_owned(), &self.document);
        parent.insert(&mut cx, node.upcast(), before, true);
    }
}

impl TreeSink for Sink {
    type Handle = DomRoot<Node>;
    type Output = ();
    type ElemName<'a> = OwnedElemName;

    fn finish(self) {}

    fn parse_error(&self, _msg: Cow<'static, str>) {
        // Parse errors are recoverable by design; the tree builder handles them.
    }

    fn get_document(&self) -> DomRoot<Node> {
        DomRoot::upcast(self.document.clone())
    }

    fn elem_name<'a>(&'a self, target: &'a DomRoot<Node>) -> OwnedElemName {
        let element = target.downcast::<Element>().expect("the tree builder asked for the name of a non-element");
        OwnedElemName {
            ns: Namespace::from(element.namespace().unwrap_or("")),
            local: LocalName::from(element.local_name()),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<HtmlAttribute>, _flags: ElementFlags) -> DomRoot<Node> {
        let mut cx = self.cx();
        let ns = name.ns.to_string();
        let namespace = (!ns.is_empty()).then_some(ns.as_str());
        // <https://html.spec.whatwg.org/multipage/parsing.html#create-an-element-for-the-token>:
        // "will execute script" when a custom element definition exists and this is not the
        // fragment case: push an element queue, create the element synchronously, append its
        // attributes, then pop the queue and invoke its reactions.
        let prefix = name.prefix.map(|p| p.to_string());
        let will_execute_script = !self.fragment
            && crate::dom::html::customelements::look_up_definition(&self.document, namespace, &name.local).is_some();
        if will_execute_script {
            crate::dom::html::customelements::reactions::push_element_queue();
        }
        let element = if will_execute_script {
            // "Increment document's throw-on-dynamic-markup-insertion counter" while the
            // constructor runs, then decrement it.
            self.document.adjust_throw_on_dynamic_markup_insertion(true);
            let element = crate::dom::dom::createelement::create_element_synchronously(
                &mut cx,
                &self.document,
                &name.local,
                namespace,
                prefix,
            );
            self.document.adjust_throw_on_dynamic_markup_insertion(false);
            element
        } else {
            create_element(&mut cx, &self.document, &name.local, namespace, prefix)
        };
        for a in attrs {
            let ns = a.name.ns.to_string();
            element.set_attribute_full(
                &mut cx,
                Attribute {
                    namespace: (!ns.is_empty()).then_some(ns),
                    prefix: a.name.prefix.map(|p| p.to_string()),
                    local_name: a.name.local.to_string(),
                    value: a.value.to_string(),
                },
            );
        }
        if will_execute_script {
            crate::dom::html::customelements::reactions::pop_element_queue(&mut cx);
        }
        if let Some(script) = element.downcast::<HTMLScriptElement>() {
            script.set_parser_inserted();
            script.set_source_line(self.line.get() as u32);
            if self.fragment {
                script.mark_already_started();
            }
        }
        DomRoot::upcast(element)
    }

    fn create_comment(&self, text: StrTendril) -> DomRoot<Node> {
        let mut cx = self.cx();
        DomRoot::upcast(Comment::new(&mut cx, text.to_string(), &self.document))
    }

    fn create_pi(&self, _target: StrTendril, data: StrTendril) -> DomRoot<Node> {
        // Processing instructions only occur in XML; HTML parsing turns them into comments.
        let mut cx = self.cx();
        DomRoot::upcast(Comment::new(&mut cx, data.to_string(), &self.document))
    }

    fn append(&self, parent: &DomRoot<Node>, child: NodeOrText<DomRoot<Node>>) {
        match child {
            NodeOrText::AppendNode(node) => {
                let mut cx = self.cx();
                // "Insert an element at the adjusted insertion location": outside the fragment
                // case, inside its own element queue (connectedCallback runs now).
                self.push_element_queue();
                parent.insert(&mut cx, &node, None, true);
                self.pop_element_queue(&mut cx);
            }
            NodeOrText::AppendText(text) => self.append_text(parent, &text, None),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &DomRoot<Node>,
        prev_element: &DomRoot<Node>,
        child: NodeOrText<DomRoot<Node>>,
    ) {
        if element.parent().is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        let mut cx = self.cx();
        let doctype =
            DocumentType::new(&mut cx, name.to_string(), public_id.to_string(), system_id.to_string(), &self.document);
        self.document.upcast::<Node>().insert(&mut cx, doctype.upcast(), None, true);
    }

    fn get_template_contents(&self, target: &DomRoot<Node>) -> DomRoot<Node> {
        // <https://html.spec.whatwg.org/multipage/parsing.html#appropriate-place-for-inserting-a-node>:
        // "If the adjusted insertion location is inside a template element, let it instead be
        // inside the template element's template contents".
        let Some(template) = target.downcast::<crate::dom::html::htmltemplateelement::HTMLTemplateElement>() else {
            // The tree builder asks only for templates; anything else keeps its children itself.
            log::warn!("the tree builder asked for the template contents of a non-template");
            return target.clone();
        };
        let mut cx = self.cx();
        DomRoot::upcast(template.contents(&mut cx))
    }

    fn same_node(&self, x: &DomRoot<Node>, y: &DomRoot<Node>) -> bool {
        same_object(&**x, &**y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        *self.quirks.borrow_mut() = mode;
    }

    fn append_before_sibling(&self, sibling: &DomRoot<Node>, new_node: NodeOrText<DomRoot<Node>>) {
        let Some(parent) = sibling.parent() else { return };
        match new_node {
            NodeOrText::AppendNode(node) => {
                let mut cx = self.cx();
                self.push_element_queue();
                parent.insert(&mut cx, &node, Some(sibling), true);
                self.pop_element_queue(&mut cx);
            }
            NodeOrText::AppendText(text) => self.append_text(&parent, &text, Some(sibling)),
        }
    }

    fn add_attrs_if_missing(&self, target: &DomRoot<Node>, attrs: Vec<HtmlAttribute>) {
        let Some(element) = target.downcast::<Element>() else { return };
        let mut cx = self.cx();
        for a in attrs {
            if !element.has_attribute_named(&a.name.local) {
                element.set_attribute_value(&mut cx, &a.name.local, a.value.to_string());
            }
        }
    }

    fn remove_from_parent(&self, target: &DomRoot<Node>) {
        if let Some(parent) = target.parent() {
            let mut cx = self.cx();
            parent.remove(&mut cx, target, true);
        }
    }

    fn reparent_children(&self, node: &DomRoot<Node>, new_parent: &DomRoot<Node>) {
        let mut cx = self.cx();
        for child in node.children() {
            new_parent.insert(&mut cx, &child, None, true);
        }
    }

    fn mark_script_already_started(&self, node: &DomRoot<Node>) {
        if let Some(script) = node.downcast::<HTMLScriptElement>() {
            script.mark_already_started();
        }
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }
}

/// An HTML parser associated with a document: the document's loading parser, or a
/// script-created parser made by `document.open()`
/// (<https://html.spec.whatwg.org/multipage/parsing.html#parsing>). While it is the document's
/// active parser, `document.write()` reaches its tokenizer.
pub struct HtmlParser {
    tokenizer: Tokenizer<TreeBuilder<DomRoot<Node>, Sink>>,
    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#script-created-parser>:
    /// it ends only at `document.close()`'s explicit end-of-file.
    script_created: bool,
    scripting: bool,
    /// <https://html.spec.whatwg.org/multipage/parsing.html#script-nesting-level>
    nesting_level: Cell<u32>,
    /// The tokenizer is running (inside `feed`): nothing may feed it again, so a
    /// `document.write()` from a custom element reaction or a mutation at that moment throws.
    feeding: Cell<bool>,
    /// The parser was stopped (`document.open()` replaced it, or it reached its end).
    stopped: Cell<bool>,
}

impl HtmlParser {
    fn new(cx: &mut JSContext, document: &Document, scripting: bool, script_created: bool) -> HtmlParser {
        let sink = Sink {
            // SAFETY: as in `Sink::inert` (FIXME there).
            cx: unsafe { cx.raw_cx() },
            document: DomRoot::from_ref(document),
            fragment: false,
            line: Cell::new(1),
            quirks: RefCell::new(QuirksMode::NoQuirks),
        };
        let opts = TreeBuilderOpts { scripting_enabled: scripting, ..Default::default() };
        HtmlParser {
            tokenizer: Tokenizer::new(TreeBuilder::new(sink, opts), TokenizerOpts::default()),
            script_created,
            scripting,
            nesting_level: Cell::new(0),
            feeding: Cell::new(false),
            stopped: Cell::new(false),
        }
    }

    /// Runs the tokenizer over `input` until it is consumed, running each parser-inserted
    /// script when its end tag is reached (the parser's script nesting level is raised while
    /// it runs, so the script's `document.write()` inserts right after its end tag).
    fn pump(&self, cx: &mut JSContext, input: &BufferQueue) {
        loop {
            if self.stopped.get() {
                return;
            }
            self.feeding.set(true);
            let result = self.tokenizer.feed(input);
            self.feeding.set(false);
            match result {
                TokenizerResult::Done => return,
                TokenizerResult::Script(_) if !self.scripting => {}
                TokenizerResult::Script(node) => {
                    self.nesting_level.set(self.nesting_level.get() + 1);
                    if let Some(script) = node.downcast::<HTMLScriptElement>() {
                        script.prepare(cx);
                    }
                    crate::script_thread::run_pending_local_tasks(cx);
                    self.nesting_level.set(self.nesting_level.get() - 1);
                }
                // The input is already decoded text; a <meta charset> changes nothing.
                TokenizerResult::EncodingIndicator(_) => {}
            }
        }
    }

    /// The end-of-file token: the tree builder closes what is open.
    fn end(&self) {
        if !self.stopped.replace(true) {
            self.feeding.set(true);
            self.tokenizer.end();
            self.feeding.set(false);
        }
    }
}

/// Parses `html` into `document`, running parser-inserted scripts as their
/// end tags are reached, then finishes loading
/// (<https://html.spec.whatwg.org/multipage/parsing.html#the-end>).
pub fn parse_document(cx: &mut JSContext, document: &Document, html: &str) {
    parse_into(cx, document, html, true);
}

/// Parses `html` into a document that has no browsing context (`DOMParser`): scripting is
/// disabled (so `<noscript>` content is parsed as markup) and no script runs.
pub fn parse_inert_document(cx: &mut JSContext, document: &Document, html: &str) {
    parse_into(cx, document, html, false);
}

fn parse_into(cx: &mut JSContext, document: &Document, html: &str, scripting: bool) {
    let parser = Rc::new(HtmlParser::new(cx, document, scripting, false));
    // The document's active parser while it parses, so its scripts can write into it.
    let previous = document.set_active_parser(Some(parser.clone()));
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    parser.pump(cx, &input);
    parser.end();
    // A script of the document may have opened it: its new parser stays the active one.
    if document.active_parser().is_some_and(|p| Rc::ptr_eq(&p, &parser)) {
        document.set_active_parser(previous);
    }
}

/// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#document-open-steps>
pub fn document_open(cx: &mut JSContext, document: &Document) -> Fallible<()> {
    // Step 1: If document is an XML document, then throw an "InvalidStateError".
    if !document.is_html_document() {
        return Err(Error::InvalidState("Only HTML documents can be opened.".into()));
    }
    // Step 2: If document's throw-on-dynamic-markup-insertion counter is greater than 0,
    // then throw an "InvalidStateError".
    if document.throws_on_dynamic_markup_insertion() {
        return Err(Error::InvalidState("The document cannot be opened while it is being parsed into.".into()));
    }
    // Step 3: Let entryDocument be the entry global object's associated Document. If
    // document's origin is not same origin to entryDocument's origin, then throw a
    // "SecurityError".
    let entry = entry_document(cx).unwrap_or_else(|| DomRoot::from_ref(document));
    if !same_origin(&entry, document) {
        return Err(Error::Security("The document's origin is not the origin of the calling script.".into()));
    }
    if let Some(parser) = document.active_parser() {
        // Step 4: If document has an active parser whose script nesting level is greater than
        // 0, then return document.
        if parser.nesting_level.get() > 0 {
            return Ok(());
        }
    }
    // Step 5 (the unload counter) and step 6 (the active parser was aborted) never apply:
    // Aperture runs no unload handlers, and nothing aborts a parser (no `window.stop()`, no
    // navigation away from a loading document).
    // Step 7: stop document loading: an active parser (a script-created one not closed yet)
    // is aborted.
    if let Some(parser) = document.set_active_parser(None) {
        parser.stopped.set(true);
    }
    // Step 8: For each shadow-including inclusive descendant node of document, erase all
    // event listeners and handlers given node.
    for node in document.upcast::<Node>().shadow_including_inclusive_descendants() {
        node.upcast::<EventTarget>().erase_all_listeners_and_handlers();
    }
    // Step 9: If document is the associated Document of its relevant global object, then
    // erase all event listeners and handlers given that global.
    if let Some(window) = document.browsing_window()
        && same_object(&*window.document(), document)
    {
        window.upcast::<EventTarget>().erase_all_listeners_and_handlers();
    }
    // Step 10: Replace all with null within document, without firing any mutation events.
    document.upcast::<Node>().replace_all(cx, None);
    // Step 11: If document is fully active: let newURL be a copy of entryDocument's URL; if
    // entryDocument is not document, set newURL's fragment to null; run the URL and history
    // update steps with document and newURL.
    if document.browsing_window().is_some() {
        let mut url = entry.url();
        if !same_object(&*entry, document) {
            url.set_fragment(None);
        }
        document.set_url(url);
    }
    // Steps 12–13 (is initial about:blank, the iframe load flags): the document now loads
    // again; its load event will be fired when the new parser finishes.
    document.restart_loading();
    // Step 14: Create a new HTML parser and associate it with document. This is a
    // script-created parser.
    let parser = Rc::new(HtmlParser::new(cx, document, true, true));
    document.set_active_parser(Some(parser));
    // Step 15 (set the insertion point just before the end of the empty input stream) holds
    // for a script-created parser: writes are parsed as they come.
    // Step 16: Update the current document readiness of document to "loading".
    document.set_ready_state(cx, ReadyState::Loading);
    Ok(())
}

/// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#document-write-steps>
pub fn document_write(cx: &mut JSContext, document: &Document, text: &str) -> Fallible<()> {
    // Step 1 (Trusted Types) does not apply: the text is a string.
    // Step 2: If document is an XML document, then throw an "InvalidStateError".
    if !document.is_html_document() {
        return Err(Error::InvalidState("Only HTML documents can be written to.".into()));
    }
    // Step 3: If document's throw-on-dynamic-markup-insertion counter is greater than 0,
    // then throw an "InvalidStateError". The tokenizer running right now (a custom element
    // made by the parser, a reaction it triggers) counts as such.
    if document.throws_on_dynamic_markup_insertion() || document.active_parser().is_some_and(|p| p.feeding.get()) {
        return Err(Error::InvalidState("The document cannot be written to while it is being parsed into.".into()));
    }
    // Step 4 (the active parser was aborted) never applies: nothing aborts a parser here.
    // Step 5: If the insertion point is undefined: if the ignore-destructive-writes counter
    // is greater than 0, return; else run the document open steps with document.
    // The insertion point is defined for a script-created parser, and for the loading parser
    // while it runs a script (its nesting level is above 0).
    let has_insertion_point =
        document.active_parser().is_some_and(|p| !p.stopped.get() && (p.script_created || p.nesting_level.get() > 0));
    if !has_insertion_point {
        if document.ignores_destructive_writes() {
            return Ok(());
        }
        document_open(cx, document)?;
    }
    let Some(parser) = document.active_parser() else { return Ok(()) };
    // Step 6: Insert input into the input stream just before the insertion point.
    // Step 7: If there is no pending parsing-blocking script, have the HTML parser process
    // the characters that were inserted, one at a time, processing resulting tokens as they
    // are emitted, and stopping when the tokenizer reaches the insertion point or when the
    // processing of the tokenizer is aborted by the tree construction stage (a script end tag).
    // Scripts run as they are reached (the host fetches blocking scripts synchronously), so
    // what was inserted is consumed here, before the rest of the input.
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    parser.pump(cx, &input);
    Ok(())
}

/// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-document-close>
pub fn document_close(cx: &mut JSContext, document: &Document) -> Fallible<()> {
    // Step 1: If this is an XML document, then throw an "InvalidStateError".
    if !document.is_html_document() {
        return Err(Error::InvalidState("Only HTML documents can be closed.".into()));
    }
    // Step 2: If this's throw-on-dynamic-markup-insertion counter is greater than zero, then
    // throw an "InvalidStateError".
    if document.throws_on_dynamic_markup_insertion() || document.active_parser().is_some_and(|p| p.feeding.get()) {
        return Err(Error::InvalidState("The document cannot be closed while it is being parsed into.".into()));
    }
    // Step 3: If there is no script-created parser associated with this, then return.
    let Some(parser) = document.active_parser().filter(|p| p.script_created && !p.stopped.get()) else {
        return Ok(());
    };
    // Step 4: Insert an explicit "EOF" character at the end of the parser's input stream.
    // Step 5: If this's pending parsing-blocking script is not null, then return (none is:
    // blocking scripts run as they are reached).
    // Step 6: Run the tokenizer, processing resulting tokens as they are emitted, and
    // stopping when the tokenizer reaches the explicit "EOF" character or spins the event loop.
    parser.end();
    if document.active_parser().is_some_and(|p| Rc::ptr_eq(&p, &parser)) {
        document.set_active_parser(None);
    }
    // The end (<https://html.spec.whatwg.org/multipage/parsing.html#the-end>).
    finish_loading(cx, document);
    Ok(())
}

/// The document of the entry global object (here, the global of the innermost script on
/// the stack, which is the entry global for a call made by a page's script).
fn entry_document(cx: &mut JSContext) -> Option<DomRoot<Document>> {
    // SAFETY: asks SpiderMonkey for the global of the innermost scripted caller.
    let global = unsafe { mozjs::jsapi::GetScriptedCallerGlobal(cx.raw_cx()) };
    if global.is_null() {
        return None;
    }
    // Document is exposed on Window only, so its caller's global is a window.
    Some(crate::dom::html::window::Window::from_object(global).document())
}

/// Whether two documents are same origin (<https://html.spec.whatwg.org/multipage/browsers.html#same-origin>).
/// Opaque origins (`file:`, `data:`) compare by URL scheme here: Aperture gives the pages of
/// one local run one origin, as `ContentDocument` does.
fn same_origin(a: &Document, b: &Document) -> bool {
    let (a, b) = (a.origin_url().origin(), b.origin_url().origin());
    !(a.is_tuple() && b.is_tuple()) || a == b
}

/// The end of parsing (<https://html.spec.whatwg.org/multipage/parsing.html#the-end>):
/// `DOMContentLoaded`, then `load` from a queued task once nothing delays the
/// load event (scripts queued during parsing run first; loading iframes hold it).
pub fn finish_loading(cx: &mut JSContext, document: &Document) {
    // Step 3: Update the current document readiness to "interactive".
    document.set_ready_state(cx, ReadyState::Interactive);
    // Step 5: "While the list of scripts that will execute when the document has finished
    // parsing is not empty": execute the first (deferred classic scripts and module scripts,
    // in document order) and remove it.
    while let Some(script) = document.take_script_after_parsing() {
        script.execute_pending(cx);
        crate::script_runtime::microtask_checkpoint(cx);
    }
    // Step 6: fire DOMContentLoaded at the document (bubbles).
    document.upcast::<EventTarget>().fire_event_with(cx, "DOMContentLoaded", true, false);
    crate::script_runtime::microtask_checkpoint(cx);
    // Step 7: once nothing delays the load event, queue the load steps.
    document.note_parsing_finished();
}

/// <https://html.spec.whatwg.org/multipage/parsing.html#the-end>, step 7's
/// queued task (the document calls this when nothing delays its load event).
pub(crate) fn queue_load_event(document: &Document) {
    let document = crate::dom::bindings::refcounted::Trusted::new(document);
    crate::script_thread::queue_task(Box::new(move |cx| {
        let Some(document) = document.root() else { return };
        // Step 7.3: Update the current document readiness to "complete".
        document.set_ready_state(cx, ReadyState::Complete);
        // Step 7.4: If the Document's browsing context is null, then abort these steps.
        let Some(window) = document.browsing_window() else { return };
        // Step 7.5: fire load at the window (not bubbling to it from the document).
        let event = crate::dom::dom::event::Event::new(cx, &window, "load".into(), false, false);
        event.set_trusted(true);
        event.set_target_override(document.upcast());
        window.upcast::<EventTarget>().dispatch(cx, &event);
        // <https://html.spec.whatwg.org/multipage/document-lifecycle.html#completely-finish-loading>:
        // a document in an iframe queues the iframe load event steps.
        if let Some(iframe) = document.container() {
            iframe.queue_load_event_steps();
        }
    }));
}

/// <https://html.spec.whatwg.org/multipage/parsing.html#html-fragment-parsing-algorithm>
pub fn parse_fragment(cx: &mut JSContext, context: &Element, html: &str) -> DomRoot<DocumentFragment> {
    let owner = context.upcast::<Node>().owner_doc();
    // Step 1: a new Document to parse into.
    let scratch = Document::new_inert(cx, &owner.window_for_objects(), owner.url());
    let sink = Sink {
        // SAFETY: as in `Sink::inert` (FIXME there).
        cx: unsafe { cx.raw_cx() },
        document: scratch.clone(),
        fragment: true,
        line: Cell::new(1),
        quirks: RefCell::new(QuirksMode::NoQuirks),
    };
    let context_handle =
        DomRoot::upcast::<Node>(create_element(cx, &scratch, context.local_name(), context.namespace(), None));
    let opts = TreeBuilderOpts { scripting_enabled: true, ..Default::default() };
    let builder = TreeBuilder::new_for_fragment(sink, context_handle, None, opts);
    let tok_opts =
        TokenizerOpts { initial_state: Some(builder.tokenizer_state_for_context_elem(false)), ..Default::default() };
    let tokenizer = Tokenizer::new(builder, tok_opts);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    // Steps 14–15: the new children of the root `html` element, moved into a fragment.
    let fragment = DocumentFragment::new(cx, &owner);
    let root = scratch.document_element();
    if let Some(root) = root {
        for child in root.upcast::<Node>().children() {
            fragment.upcast::<Node>().insert(cx, &child, None, true);
        }
    }
    fragment
}

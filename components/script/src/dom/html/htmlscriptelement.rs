//! `HTMLScriptElement` and the script processing model for classic scripts, module scripts
//! and import maps (<https://html.spec.whatwg.org/multipage/scripting.html#the-script-element>).

use std::cell::Cell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLScriptElementBinding::HTMLScriptElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::html::htmlelement::HTMLElement;

#[dom_struct]
pub struct HTMLScriptElement {
    htmlelement: HTMLElement,
    /// <https://html.spec.whatwg.org/multipage/scripting.html#already-started>
    #[no_trace]
    already_started: Cell<bool>,
    /// <https://html.spec.whatwg.org/multipage/scripting.html#parser-document>
    #[no_trace]
    parser_inserted: Cell<bool>,
    /// <https://html.spec.whatwg.org/multipage/scripting.html#script-force-async>
    #[no_trace]
    force_async: Cell<bool>,
    /// The line of the element's start tag, for inline scripts' error locations.
    #[no_trace]
    source_line: Cell<u32>,
    /// What a prepared script that runs later (deferred, async or inserted by script) runs.
    #[no_trace]
    pending: std::cell::RefCell<Option<PendingScript>>,
}

/// <https://html.spec.whatwg.org/multipage/scripting.html#concept-script-type>
#[derive(Clone, Copy, Debug, PartialEq)]
enum ScriptType {
    Classic,
    Module,
    ImportMap,
}

/// A prepared script waiting to be executed: the spec's "result" of the element, before the
/// fetch (fetches are synchronous here, so they happen when the script is executed).
#[derive(Debug)]
enum PendingScript {
    /// A classic script from a URL (`None`: the `src` did not parse).
    ExternalClassic(Option<url::Url>),
    /// An inline module script: its text, the line it starts on, and the document base URL
    /// when it was prepared (its base URL).
    InlineModule(String, u32, url::Url),
    /// A module script from a URL (`None`: the `src` did not parse).
    ExternalModule(Option<url::Url>),
}

impl HTMLScriptElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLScriptElement> {
        let window = document.window_for_objects();
        let element = HTMLScriptElement {
            htmlelement: HTMLElement::new_inherited(local_name, document),
            already_started: Cell::new(false),
            parser_inserted: Cell::new(false),
            force_async: Cell::new(true),
            source_line: Cell::new(1),
            pending: Default::default(),
        };
        crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(element), &window)
    }

    fn element(&self) -> &Element {
        self.upcast()
    }

    /// `createContextualFragment()` step 8: "set script's already started to false; set
    /// script's parser document to null" (so the script runs once inserted).
    pub fn reset_for_contextual_fragment(&self) {
        self.already_started.set(false);
        self.parser_inserted.set(false);
    }

    /// Set by the parser when it creates the element.
    pub fn set_parser_inserted(&self) {
        self.parser_inserted.set(true);
        self.force_async.set(false);
    }

    pub fn set_source_line(&self, line: u32) {
        self.source_line.set(line.max(1));
    }

    pub fn mark_already_started(&self) {
        self.already_started.set(true);
    }

    /// The script's type from `type`/`language`, or `None` for a data block
    /// (<https://html.spec.whatwg.org/multipage/scripting.html#prepare-the-script-element>, steps 8–9).
    fn script_type(&self) -> Option<ScriptType> {
        let type_attr = self.element().get_attribute_value("type");
        let language = self.element().get_attribute_value("language");
        // Step 8: the script block's type string.
        let essence = match (type_attr, language) {
            (Some(t), _) if !t.is_empty() => t.trim().to_ascii_lowercase(),
            (None, Some(l)) if !l.is_empty() => format!("text/{}", l.to_ascii_lowercase()),
            _ => "text/javascript".into(),
        };
        // Step 9: a JavaScript MIME type essence match is classic; "module" and "importmap"
        // are theirs; anything else is a data block.
        match essence.as_str() {
            "module" => Some(ScriptType::Module),
            "importmap" => Some(ScriptType::ImportMap),
            e if crate::dom::workers::thread::is_javascript_mime_type(e) && !e.contains(';') => {
                Some(ScriptType::Classic)
            }
            _ => None,
        }
    }

    /// Insertion steps for a script element that became connected.
    pub fn on_connected(&self, cx: &mut JSContext) {
        // Parser-inserted scripts are prepared by the parser when their end tag is seen.
        if !self.parser_inserted.get() {
            self.prepare(cx);
        }
    }

    pub fn on_children_changed(&self, cx: &mut JSContext) {
        if !self.parser_inserted.get() && self.upcast::<Node>().is_connected() {
            self.prepare(cx);
        }
    }

    pub fn on_attribute_changed(&self, cx: &mut JSContext, name: &str, old: Option<&str>) {
        // Setting src on a connected, not yet started, non-parser-inserted script prepares it.
        if name == "src" && old.is_none() && !self.parser_inserted.get() && self.upcast::<Node>().is_connected() {
            self.prepare(cx);
        }
    }

    /// <https://html.spec.whatwg.org/multipage/scripting.html#prepare-the-script-element>.
    /// The parser calls this at the end tag; insertion calls it otherwise.
    pub fn prepare(&self, cx: &mut JSContext) {
        // Step 1: If el's already started is true, then return.
        if self.already_started.get() {
            return;
        }
        let node = self.upcast::<Node>();
        let has_src = self.element().has_attribute_named("src");
        // Steps 5–6: no src and no text (child text content empty) → return.
        let source_text = node.child_text_content();
        if !has_src && source_text.is_empty() {
            return;
        }
        // Step 7: If el is not connected, then return.
        if !node.is_connected() {
            return;
        }
        // Steps 8–9: classic, module, import map, or a data block (which does not run).
        let Some(script_type) = self.script_type() else { return };
        // Step 11: Set el's already started to true.
        self.already_started.set(true);
        let document = node.owner_doc();
        let Some(window) = document.browsing_window() else { return };
        // Step 20: "If el has a nomodule content attribute and its type is "classic", then
        // return": browsers with module scripts skip the fallback.
        if script_type == ScriptType::Classic && self.element().has_attribute_named("nomodule") {
            return;
        }
        let is_async = self.element().has_attribute_named("async");
        let is_defer = self.element().has_attribute_named("defer");
        let parser_inserted = self.parser_inserted.get();
        if script_type == ScriptType::ImportMap {
            if has_src {
                // Step 26's import map case: an external import map is not supported; "queue
                // an element task ... to fire an event named error at el".
                let this = Trusted::new(self);
                crate::script_thread::queue_task(Box::new(move |cx| {
                    if let Some(this) = this.root() {
                        this.upcast::<EventTarget>().fire_event(cx, "error");
                    }
                }));
                return;
            }
            // Step 33's import map case: register it now
            // (<https://html.spec.whatwg.org/multipage/webappapis.html#register-an-import-map>).
            window.module_loader().register_import_map(cx, &window, &source_text, &document.base_url());
            return;
        }
        let pending = match (script_type, has_src) {
            (ScriptType::Classic, true) | (ScriptType::Module, true) => {
                // Steps 30–31: the src URL, parsed against the document's base URL.
                let src = self.element().get_attribute_value("src").unwrap_or_default();
                let url = document.base_url().join(&src).ok();
                if script_type == ScriptType::Classic {
                    if parser_inserted && is_defer && !is_async {
                        // Step 33.1: a deferred classic script runs when parsing is done.
                        self.pending.replace(Some(PendingScript::ExternalClassic(url)));
                        document.add_script_after_parsing(self);
                        return;
                    }
                    if parser_inserted {
                        // A parser-blocking script: fetch and run now (the host's fetch is
                        // synchronous).
                        self.fetch_and_execute(cx, url);
                        return;
                    }
                    PendingScript::ExternalClassic(url)
                } else {
                    PendingScript::ExternalModule(url)
                }
            }
            (ScriptType::Module, false) => {
                PendingScript::InlineModule(source_text, self.source_line.get(), document.base_url())
            }
            _ => {
                // Step 32: inline classic script: execute it now.
                let line = self.source_line.get();
                let url = document.url().to_string();
                self.execute(cx, &window, &source_text, &url, line);
                return;
            }
        };
        self.pending.replace(Some(pending));
        if parser_inserted && !is_async && matches!(script_type, ScriptType::Module) {
            // Step 33.1: a module script without async, from the parser, runs when the
            // document has finished parsing, in order with deferred classic scripts.
            document.add_script_after_parsing(self);
            return;
        }
        // Steps 33.2–33.4: async scripts and scripts inserted by script run from queued
        // tasks, in insertion order.
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(this) = this.root() {
                this.execute_pending(cx);
            }
        }));
    }

    /// <https://html.spec.whatwg.org/multipage/scripting.html#execute-the-script-element>
    /// for a script prepared to run later.
    pub fn execute_pending(&self, cx: &mut JSContext) {
        let Some(pending) = self.pending.borrow_mut().take() else { return };
        let document = self.upcast::<Node>().owner_doc();
        // Step 2: a script moved to another document does not run.
        let Some(window) = document.browsing_window() else { return };
        match pending {
            PendingScript::ExternalClassic(url) => self.fetch_and_execute(cx, url),
            PendingScript::InlineModule(text, line, base) => {
                self.execute_module(cx, &window, Some((&text, line)), &base);
            }
            PendingScript::ExternalModule(None) => {
                self.upcast::<EventTarget>().fire_event(cx, "error");
            }
            PendingScript::ExternalModule(Some(url)) => {
                self.execute_module(cx, &window, None, &url);
            }
        }
    }

    /// Step 6's module case: `currentScript` is null while a module runs; an external module
    /// gets `load`, or `error` if its graph could not be fetched.
    fn execute_module(
        &self,
        cx: &mut JSContext,
        window: &crate::dom::html::window::Window,
        source: Option<(&str, u32)>,
        url: &url::Url,
    ) {
        let document = self.upcast::<Node>().owner_doc();
        let old = document.set_current_script(None);
        // Step 4: a module script raises the ignore-destructive-writes counter while it runs.
        document.adjust_ignore_destructive_writes(true);
        let outcome = crate::dom::html::modulescripts::run_module_script(cx, window, source, url);
        document.adjust_ignore_destructive_writes(false);
        document.set_current_script(old.as_deref());
        let target = self.upcast::<EventTarget>();
        match outcome {
            crate::dom::html::modulescripts::ModuleOutcome::FetchFailed => {
                target.fire_event(cx, "error");
            }
            crate::dom::html::modulescripts::ModuleOutcome::Ran if source.is_none() => {
                target.fire_event(cx, "load");
            }
            crate::dom::html::modulescripts::ModuleOutcome::Ran => {}
        }
    }

    /// <https://html.spec.whatwg.org/multipage/scripting.html#execute-the-script-element>,
    /// the classic script case.
    fn execute(
        &self,
        cx: &mut JSContext,
        window: &crate::dom::html::window::Window,
        source: &str,
        url: &str,
        line: u32,
    ) {
        let document = self.upcast::<Node>().owner_doc();
        // Step 5.1: Let oldCurrentScript be document's currentScript; set it to el.
        let old = document.set_current_script(Some(self));
        // Step 5.2: Run the classic script.
        let _ = window.run_script(cx, source, url, line);
        // Step 5.3: Set document's currentScript to oldCurrentScript.
        document.set_current_script(old.as_deref());
    }

    fn fetch_and_execute(&self, cx: &mut JSContext, url: Option<url::Url>) {
        let target = self.upcast::<EventTarget>();
        let Some(url) = url else {
            target.fire_event(cx, "error");
            return;
        };
        let document = self.upcast::<Node>().owner_doc();
        let Some(window) = document.browsing_window() else { return };
        // A classic script is fetched in "no-cors" mode: any origin's script runs.
        match crate::dom::html::modulescripts::fetch_script_resource(&window, &url, false) {
            Ok((_, content_type, body)) => {
                // <https://html.spec.whatwg.org/multipage/scripting.html#prepare-the-script-element>
                // step 18: the encoding of the charset attribute, if it names one, else the
                // document's; "fetch a classic script" decodes with it as the fallback.
                let charset = self.element().get_attribute_value("charset");
                let fallback = charset
                    .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
                    .unwrap_or_else(|| document.encoding());
                let source = crate::net::sniff::decode_classic_script(&body, content_type.as_deref(), fallback);
                // <https://html.spec.whatwg.org/multipage/scripting.html#execute-the-script-element>
                // Step 4: "If el is from an external file, or el's type is "module", then
                // increment el's node document's ignore-destructive-writes counter" (an async
                // script's document.write() does not wipe the page), decremented after step 6.
                document.adjust_ignore_destructive_writes(true);
                self.execute(cx, &window, &source, url.as_str(), 1);
                document.adjust_ignore_destructive_writes(false);
                // Step 6: fire "load" at el for a script from a URL.
                target.fire_event(cx, "load");
            }
            _ => {
                // A failed fetch: fire "error" at el.
                target.fire_event(cx, "error");
            }
        }
    }
}

impl HTMLScriptElementMethods for HTMLScriptElement {
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-script-src>
    fn Src(&self, _cx: &mut JSContext) -> USVString {
        self.htmlelement.get_url_attribute("src")
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-script-src>
    fn SetSrc(&self, cx: &mut JSContext, value: USVString) {
        self.element().set_attribute_value(cx, "src", value.0);
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-script-type>
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        self.htmlelement.get_string_attribute("type")
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-script-type>
    fn SetType(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "type", value)
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-script-async>
    fn Async(&self, _cx: &mut JSContext) -> bool {
        self.force_async.get() || self.element().has_attribute_named("async")
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-script-async>
    fn SetAsync(&self, cx: &mut JSContext, value: bool) {
        self.force_async.set(false);
        self.htmlelement.set_bool_attribute(cx, "async", value)
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-script-defer>
    fn Defer(&self, _cx: &mut JSContext) -> bool {
        self.element().has_attribute_named("defer")
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-script-defer>
    fn SetDefer(&self, cx: &mut JSContext, value: bool) {
        self.htmlelement.set_bool_attribute(cx, "defer", value)
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-script-text>
    fn Text(&self, _cx: &mut JSContext) -> DOMString {
        self.upcast::<Node>().child_text_content().into()
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-script-text>
    fn SetText(&self, cx: &mut JSContext, value: DOMString) {
        use crate::dom::bindings::codegen::NodeBinding::NodeMethods;
        self.upcast::<Node>().SetTextContent(cx, Some(value));
    }
}

//! `HTMLScriptElement` and the script processing model for classic scripts
//! (<https://html.spec.whatwg.org/multipage/scripting.html#the-script-element>).

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
        };
        crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(element), &window)
    }

    fn element(&self) -> &Element {
        self.upcast()
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

    /// Whether `type`/`language` make this a classic script
    /// (<https://html.spec.whatwg.org/multipage/scripting.html#prepare-the-script-element>, step 8).
    fn is_classic(&self) -> bool {
        let type_attr = self.element().get_attribute_value("type");
        let language = self.element().get_attribute_value("language");
        let essence = match (type_attr, language) {
            (Some(t), _) if !t.is_empty() => t.trim().to_ascii_lowercase(),
            (None, Some(l)) if !l.is_empty() => format!("text/{}", l.to_ascii_lowercase()),
            _ => "text/javascript".into(),
        };
        matches!(
            essence.as_str(),
            "application/ecmascript"
                | "application/javascript"
                | "application/x-ecmascript"
                | "application/x-javascript"
                | "text/ecmascript"
                | "text/javascript"
                | "text/javascript1.0"
                | "text/javascript1.1"
                | "text/javascript1.2"
                | "text/javascript1.3"
                | "text/javascript1.4"
                | "text/javascript1.5"
                | "text/jscript"
                | "text/livescript"
                | "text/x-ecmascript"
                | "text/x-javascript"
        )
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

    /// <https://html.spec.whatwg.org/multipage/scripting.html#prepare-the-script-element>
    /// (classic scripts). The parser calls this at the end tag; insertion calls it otherwise.
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
        // Step 8: only classic scripts run (modules and data blocks are not supported).
        if !self.is_classic() {
            return;
        }
        // Step 11: Set el's already started to true.
        self.already_started.set(true);
        let document = node.owner_doc();
        let Some(window) = document.browsing_window() else { return };
        if has_src {
            // Steps 30–31: fetch the script from the src URL.
            let src = self.element().get_attribute_value("src").unwrap_or_default();
            let url = document.url().join(&src);
            if self.parser_inserted.get() {
                // A parser-blocking script: fetch and run now (the host's fetch is synchronous).
                self.fetch_and_execute(cx, url.ok());
            } else {
                // Not parser-inserted: in insertion order ("async" false) or as soon as
                // possible; both run from queued tasks, in order.
                let this = Trusted::new(self);
                crate::script_thread::queue_task(Box::new(move |cx| {
                    if let Some(this) = this.root() {
                        this.fetch_and_execute(cx, url.ok());
                    }
                }));
            }
        } else {
            // Step 32: inline classic script: execute it now.
            let line = self.source_line.get();
            let url = document.url().to_string();
            self.execute(cx, &window, &source_text, &url, line);
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
        match crate::net::fetch(&url) {
            Ok(response) if response.ok() => {
                let source = String::from_utf8_lossy(&response.body).into_owned();
                // <https://html.spec.whatwg.org/multipage/scripting.html#execute-the-script-element>
                self.execute(cx, &window, &source, url.as_str(), 1);
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

//! `WorkerGlobalScope` (<https://html.spec.whatwg.org/multipage/workers.html#the-workerglobalscope-common-interface>).
//!
//! The struct starts with a `Window`: the realm's settings (URL, preferences, timers,
//! console, performance, the per-realm caches) that every DOM object reaches through its
//! global, so the platform objects exposed in workers work unchanged on a worker's thread.
//! That `Window` is never visible to script: the global object's class and prototype chain
//! are `DedicatedWorkerGlobalScope`'s, and a `Window`'s own members are not defined on it.
//! Its document is an inert one no script can reach.

use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::JSVal;
use mozjs::rust::{HandleValue, MutableHandleValue};

use crate::dom::bindings::codegen::Callbacks::{EventHandlerNonNull, VoidFunction};
use crate::dom::bindings::codegen::Dictionaries::ImageBitmapOptions;
use crate::dom::bindings::codegen::Dictionaries::RequestInit;
use crate::dom::bindings::codegen::Unions::{RequestOrUSVString, StringOrFunction};
use crate::dom::bindings::codegen::WindowBinding::WindowMethods;
use crate::dom::bindings::codegen::WorkerGlobalScopeBinding::WorkerGlobalScopeMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::{ByteString, DOMString, USVString};
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::hrtime::performance::Performance;
use crate::dom::html::window::{Window, WindowOptions};
use crate::dom::images::imagebitmap::ImageBitmapSource;
use crate::dom::webcrypto::crypto::Crypto;
use crate::dom::workers::workerlocation::WorkerLocation;
use crate::dom::workers::workernavigator::WorkerNavigator;

#[dom_struct]
pub struct WorkerGlobalScope {
    window: Window,
    location: MutNullableDom<WorkerLocation>,
    navigator: MutNullableDom<WorkerNavigator>,
    /// The worker runs a module script (`type: "module"`), where `importScripts()` throws.
    #[no_trace]
    module: std::cell::Cell<bool>,
}

impl WorkerGlobalScope {
    pub fn new_inherited(options: WindowOptions) -> WorkerGlobalScope {
        WorkerGlobalScope {
            window: Window::new_inherited(options, true),
            location: Default::default(),
            navigator: Default::default(),
            module: Default::default(),
        }
    }

    /// Marks the worker's global as a module worker's.
    pub fn set_module(&self) {
        self.module.set(true);
    }

    /// The realm's settings (see the module docs).
    pub fn window(&self) -> &Window {
        &self.window
    }

    fn target(&self) -> &EventTarget {
        self.upcast::<EventTarget>()
    }

    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerglobalscope-importscripts>:
    /// "import scripts into worker global scope": each URL is parsed (any failure is a
    /// "SyntaxError" before anything is fetched), then each script is fetched synchronously
    /// and run in order; a fetch failure is a "NetworkError", an exception a script throws
    /// propagates.
    fn import_scripts(&self, cx: &mut JSContext, urls: Vec<USVString>) -> ErrorResult {
        // 1. "If worker global scope's type is "module", throw a TypeError exception."
        if self.module.get() {
            return Err(Error::Type(
                "Failed to execute 'importScripts' on 'WorkerGlobalScope': Module scripts don't support importScripts()."
                    .into(),
            ));
        }
        // 4. Let urlRecords be a list; for each url of urls: let urlRecord be the result of
        //    encoding-parsing a URL given url, relative to settings object; if urlRecord is
        //    failure, then throw a "SyntaxError" DOMException. (Parsing a blob: URL resolves its
        //    blob URL entry now, so a script that revokes a later URL of the same call does not
        //    keep that one from loading.)
        let base = self.window.url();
        let mut parsed = Vec::with_capacity(urls.len());
        for url in &urls {
            let url = base.join(&url.0).map_err(|_| {
                Error::Syntax(format!(
                    "Failed to execute 'importScripts' on 'WorkerGlobalScope': The URL '{}' is invalid.",
                    url.0
                ))
            })?;
            let blob_entry = (url.scheme() == "blob")
                .then(|| crate::dom::fileapi::bloburl::resolve(&url, &crate::origin::origin_key(&base)));
            parsed.push((url, blob_entry));
        }
        // 5. For each urlRecord of urlRecords: fetch a classic worker-imported script given
        //    urlRecord (rethrowing its exception), then run it with rethrow errors set to true.
        for (url, blob_entry) in parsed {
            let source = match (url.scheme(), blob_entry) {
                ("data", _) => crate::net::data_url::process(&url)
                    .map(|(_, body)| crate::net::sniff::utf8_decode(&body))
                    .ok_or_else(|| "an invalid data: URL".to_owned()),
                (_, Some(entry)) => entry
                    .map(|entry| crate::net::sniff::utf8_decode(&entry.bytes))
                    .ok_or_else(|| "no such blob URL in this worker".to_owned()),
                _ => crate::dom::workers::thread::fetch_worker_script(&url),
            };
            let source = source.map_err(|why| {
                Error::Network(format!(
                    "Failed to execute 'importScripts' on 'WorkerGlobalScope': The script at '{url}' failed to load ({why})."
                ))
            })?;
            crate::script_runtime::evaluate_script_rethrowing(cx, &self.window, &source, url.as_str(), 1)?;
        }
        Ok(())
    }
}

impl WorkerGlobalScopeMethods for WorkerGlobalScope {
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerglobalscope-self>
    fn Self_(&self, _cx: &mut JSContext) -> DomRoot<WorkerGlobalScope> {
        DomRoot::from_ref(self)
    }

    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerglobalscope-location>
    fn Location(&self, cx: &mut JSContext) -> DomRoot<WorkerLocation> {
        self.location.or_init(|| WorkerLocation::new(cx, &self.window))
    }

    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-worker-navigator>
    fn Navigator(&self, cx: &mut JSContext) -> DomRoot<WorkerNavigator> {
        self.navigator.or_init(|| WorkerNavigator::new(cx, &self.window))
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfacesource-fonts>: the worker's
    /// font source, which its `OffscreenCanvas` text draws with.
    fn Fonts(&self, cx: &mut JSContext) -> DomRoot<crate::dom::css::fontfaceset::FontFaceSet> {
        self.window.font_source(cx)
    }

    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-workerglobalscope-importscripts>
    fn ImportScripts(&self, cx: &mut JSContext, urls: Vec<USVString>) -> ErrorResult {
        self.import_scripts(cx, urls)
    }

    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-onerror>
    fn Onerror(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.target().get_event_handler("error")
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-onerror>
    fn SetOnerror(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.target().set_event_handler("error", value)
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-onlanguagechange>
    fn Onlanguagechange(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.target().get_event_handler("languagechange")
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-onlanguagechange>
    fn SetOnlanguagechange(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.target().set_event_handler("languagechange", value)
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-onoffline>
    fn Onoffline(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.target().get_event_handler("offline")
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-onoffline>
    fn SetOnoffline(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.target().set_event_handler("offline", value)
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-ononline>
    fn Ononline(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.target().get_event_handler("online")
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-ononline>
    fn SetOnonline(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.target().set_event_handler("online", value)
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-onrejectionhandled>
    fn Onrejectionhandled(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.target().get_event_handler("rejectionhandled")
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-onrejectionhandled>
    fn SetOnrejectionhandled(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.target().set_event_handler("rejectionhandled", value)
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-onunhandledrejection>
    fn Onunhandledrejection(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.target().get_event_handler("unhandledrejection")
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#handler-workerglobalscope-onunhandledrejection>
    fn SetOnunhandledrejection(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.target().set_event_handler("unhandledrejection", value)
    }

    // WindowOrWorkerGlobalScope: the same steps as the window's, on the realm's settings.

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-origin>
    fn Origin(&self, cx: &mut JSContext) -> USVString {
        self.window.Origin(cx)
    }
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-issecurecontext>
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-crossoriginisolated>: false
    /// (no COOP/COEP, as in the window).
    fn CrossOriginIsolated(&self, _cx: &mut JSContext) -> bool {
        false
    }

    fn IsSecureContext(&self, cx: &mut JSContext) -> bool {
        self.window.IsSecureContext(cx)
    }
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-reporterror>
    fn ReportError(&self, cx: &mut JSContext, e: HandleValue) {
        self.window.ReportError(cx, e)
    }
    /// <https://html.spec.whatwg.org/multipage/structured-data.html#dom-structuredclone>
    fn StructuredClone(
        &self,
        cx: &mut JSContext,
        value: HandleValue,
        options: HandleValue,
        rval: MutableHandleValue,
    ) -> ErrorResult {
        self.window.StructuredClone(cx, value, options, rval)
    }
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-btoa>
    fn Btoa(&self, cx: &mut JSContext, data: DOMString) -> Fallible<DOMString> {
        self.window.Btoa(cx, data)
    }
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-atob>
    fn Atob(&self, cx: &mut JSContext, data: DOMString) -> Fallible<ByteString> {
        self.window.Atob(cx, data)
    }
    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-settimeout>
    fn SetTimeout(&self, cx: &mut JSContext, handler: StringOrFunction, timeout: i32, arguments: &[JSVal]) -> i32 {
        self.window.SetTimeout(cx, handler, timeout, arguments)
    }
    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-cleartimeout>
    fn ClearTimeout(&self, cx: &mut JSContext, id: i32) {
        self.window.ClearTimeout(cx, id)
    }
    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-setinterval>
    fn SetInterval(&self, cx: &mut JSContext, handler: StringOrFunction, timeout: i32, arguments: &[JSVal]) -> i32 {
        self.window.SetInterval(cx, handler, timeout, arguments)
    }
    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-clearinterval>
    fn ClearInterval(&self, cx: &mut JSContext, id: i32) {
        self.window.ClearInterval(cx, id)
    }
    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-queuemicrotask>
    fn QueueMicrotask(&self, cx: &mut JSContext, callback: Rc<VoidFunction>) {
        self.window.QueueMicrotask(cx, callback)
    }
    /// <https://w3c.github.io/hr-time/#dom-windoworworkerglobalscope-performance>
    fn Performance(&self, cx: &mut JSContext) -> DomRoot<Performance> {
        self.window.Performance(cx)
    }
    /// <https://w3c.github.io/webcrypto/#dom-windoworworkerglobalscope-crypto>
    fn Crypto(&self, cx: &mut JSContext) -> DomRoot<Crypto> {
        self.window.Crypto(cx)
    }
    /// <https://fetch.spec.whatwg.org/#dom-global-fetch>
    fn Fetch(&self, cx: &mut JSContext, input: RequestOrUSVString, init: &RequestInit) -> Rc<Promise> {
        self.window.Fetch(cx, input, init)
    }
    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-createimagebitmap>
    fn CreateImageBitmap(
        &self,
        cx: &mut JSContext,
        image: ImageBitmapSource,
        options: &ImageBitmapOptions,
    ) -> Rc<Promise> {
        self.window.CreateImageBitmap(cx, image, options)
    }
    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-createimagebitmap>
    #[allow(clippy::too_many_arguments)]
    fn CreateImageBitmap_(
        &self,
        cx: &mut JSContext,
        image: ImageBitmapSource,
        sx: i32,
        sy: i32,
        sw: i32,
        sh: i32,
        options: &ImageBitmapOptions,
    ) -> Rc<Promise> {
        self.window.CreateImageBitmap_(cx, image, sx, sy, sw, sh, options)
    }
}

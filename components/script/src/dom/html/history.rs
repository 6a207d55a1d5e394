//! `History` and `PopStateEvent`
//! (<https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-history-interface>): a
//! window's same-document session history entries made by `pushState()`/`replaceState()`, and
//! their traversal with `back()`/`forward()`/`go()` (a `popstate` event).

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, NullValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleValue, MutableHandleValue};
use url::Url;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Enums::ScrollRestoration;
use crate::dom::bindings::codegen::HistoryBinding::HistoryMethods;
use crate::dom::bindings::codegen::PopStateEventBinding::PopStateEventMethods;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::window::Window;

/// A session history entry: its URL and serialized state (kept as a clone).
#[derive(crate::dom::bindings::trace::JSTraceable)]
struct Entry {
    #[no_trace]
    url: Url,
    state: Box<Heap<JSVal>>,
}

#[dom_struct]
pub struct History {
    reflector_: Reflector,
    window: Dom<Window>,
    entries: RefCell<Vec<Entry>>,
    #[no_trace]
    index: Cell<usize>,
    #[no_trace]
    scroll_restoration: Cell<ScrollRestoration>,
}

fn heap(value: JSVal) -> Box<Heap<JSVal>> {
    let h = Box::new(Heap::default());
    h.set(value);
    h
}

impl History {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<History> {
        let first = Entry { url: window.url(), state: heap(NullValue()) };
        let history = History {
            reflector_: Reflector::new(),
            window: Dom::from_ref(window),
            entries: RefCell::new(vec![first]),
            index: Cell::new(0),
            scroll_restoration: Cell::new(ScrollRestoration::Auto),
        };
        reflect_dom_object(cx, Box::new(history), window)
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#shared-history-push/replace-state-steps>
    fn push_or_replace(
        &self,
        cx: &mut JSContext,
        data: HandleValue,
        url: Option<USVString>,
        replace: bool,
    ) -> ErrorResult {
        // 2. "If document is not fully active, then throw a SecurityError DOMException."
        if !self.window.is_attached() {
            return Err(Error::Security("The document is not fully active.".into()));
        }
        // 4. "Let serializedData be StructuredSerializeForStorage(data)." (Kept as a clone.)
        rooted!(&in(cx) let mut clone = UndefinedValue());
        crate::dom::html::structuredclone::structured_clone(cx, data, clone.handle_mut())?;
        // 5–6. "Let newURL be document's URL. If url is not null or the empty string: parse url
        //    relative to document; if that fails, throw a SecurityError; if document cannot have
        //    its URL rewritten to newURL, throw a SecurityError."
        let document_url = self.window.url();
        let new_url = match url.map(|u| u.0).filter(|u| !u.is_empty()) {
            None => document_url.clone(),
            Some(u) => {
                let parsed =
                    document_url.join(&u).map_err(|_| Error::Security(format!("'{u}' cannot be parsed as a URL.")))?;
                if !can_rewrite(&document_url, &parsed) {
                    return Err(Error::Security(format!(
                        "A history state object with URL '{parsed}' cannot be created in a document with URL '{document_url}'."
                    )));
                }
                parsed
            }
        };
        // 8. "Run the URL and history update steps given document and newURL, with
        //    serializedData and historyHandling": push removes the forward entries.
        self.add_entry(Entry { url: new_url, state: heap(clone.get()) }, replace);
        Ok(())
    }

    /// Makes `entry` the current session history entry: it replaces the current one, or (push)
    /// follows it and removes the entries after it; the document's URL becomes the entry's.
    fn add_entry(&self, entry: Entry, replace: bool) {
        let url = entry.url.clone();
        {
            let mut entries = self.entries.borrow_mut();
            let index = self.index.get();
            if replace {
                entries[index] = entry;
            } else {
                entries.truncate(index + 1);
                entries.push(entry);
                self.index.set(index + 1);
            }
        }
        self.window.set_url(url.clone());
        self.window.document().set_url(url);
    }

    /// <https://html.spec.whatwg.org/multipage/browsing-the-web.html#navigate-fragid>: the
    /// document's URL becomes `url` (which differs from it only in its fragment) through a new
    /// session history entry (or the current one, with `replace`) whose state is null; then
    /// "update document for history step application": `popstate` is fired at once with that
    /// null state, and, when the fragment changed, a task fires `hashchange`.
    pub fn navigate_to_fragment(&self, cx: &mut JSContext, url: Url, replace: bool) {
        let old_url = self.window.url();
        self.add_entry(Entry { url: url.clone(), state: heap(NullValue()) }, replace);
        rooted!(&in(cx) let state = NullValue());
        let event = PopStateEvent::new_trusted(cx, &self.window, state.handle());
        self.window.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
        queue_hashchange(&self.window, &old_url, &url);
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-history-go>: traverse by
    /// `delta` in a task, then fire `popstate` with the entry's state.
    fn traverse(&self, delta: i32) {
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            let Some(this) = this.root() else { return };
            let target = this.index.get() as i64 + i64::from(delta);
            if target < 0 || target >= this.entries.borrow().len() as i64 || !this.window.is_attached() {
                return;
            }
            this.index.set(target as usize);
            let old_url = this.window.url();
            let (url, state) = {
                let entries = this.entries.borrow();
                let e = &entries[target as usize];
                (e.url.clone(), e.state.get())
            };
            this.window.set_url(url.clone());
            this.window.document().set_url(url);
            rooted!(&in(cx) let state = state);
            let event = PopStateEvent::new_trusted(cx, &this.window, state.handle());
            this.window.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
            let new_url = this.window.url();
            queue_hashchange(&this.window, &old_url, &new_url);
        }));
    }
}

/// "If oldURL's fragment is not equal to entry's URL's fragment, then queue a global task on
/// the DOM manipulation task source given document's relevant global object to fire an event
/// named hashchange at document's relevant global object, using HashChangeEvent, with the
/// oldURL attribute initialized to the serialization of oldURL and the newURL attribute
/// initialized to the serialization of entry's URL."
fn queue_hashchange(window: &Window, old_url: &Url, new_url: &Url) {
    if old_url.fragment() == new_url.fragment() {
        return;
    }
    let window = Trusted::new(window);
    let (old_url, new_url) = (old_url.to_string(), new_url.to_string());
    crate::script_thread::queue_task(Box::new(move |cx| {
        let Some(window) = window.root() else { return };
        if !window.is_attached() {
            return;
        }
        crate::script_runtime::in_realm(cx, &window, |cx| {
            let event = crate::dom::events::events::HashChangeEvent::new_trusted(cx, &window, old_url, new_url);
            window.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
        });
    }));
}

/// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#can-have-its-url-rewritten>
fn can_rewrite(document: &Url, target: &Url) -> bool {
    // 1–2. Scheme, username, password, host and port must be the same.
    if document.scheme() != target.scheme()
        || document.username() != target.username()
        || document.password() != target.password()
        || document.host() != target.host()
        || document.port() != target.port()
    {
        return false;
    }
    // 3. "If targetURL's scheme is an HTTP(S) scheme, then return true."
    if matches!(target.scheme(), "http" | "https") {
        return true;
    }
    // 4. "If targetURL's scheme is "file", and targetURL and documentURL differ in their path
    //    component, then return false." 5. "If they differ in any component besides fragment
    //    and query, then return false."
    document.path() == target.path()
}

impl HistoryMethods for History {
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-history-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.entries.borrow().len() as u32
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-history-scroll-restoration>
    fn ScrollRestoration(&self, _cx: &mut JSContext) -> ScrollRestoration {
        self.scroll_restoration.get()
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-history-scroll-restoration>
    fn SetScrollRestoration(&self, _cx: &mut JSContext, value: ScrollRestoration) {
        self.scroll_restoration.set(value);
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-history-state>
    fn State(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.entries.borrow()[self.index.get()].state.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-history-go>
    fn Go(&self, _cx: &mut JSContext, delta: i32) {
        // "If delta is 0, then reload": Aperture does not reload pages; nothing happens.
        if delta != 0 {
            self.traverse(delta);
        }
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-history-back>
    fn Back(&self, _cx: &mut JSContext) {
        self.traverse(-1);
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-history-forward>
    fn Forward(&self, _cx: &mut JSContext) {
        self.traverse(1);
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-history-pushstate>
    fn PushState(
        &self,
        cx: &mut JSContext,
        data: HandleValue,
        _unused: DOMString,
        url: Option<USVString>,
    ) -> ErrorResult {
        self.push_or_replace(cx, data, url, false)
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-history-replacestate>
    fn ReplaceState(
        &self,
        cx: &mut JSContext,
        data: HandleValue,
        _unused: DOMString,
        url: Option<USVString>,
    ) -> ErrorResult {
        self.push_or_replace(cx, data, url, true)
    }
}

#[dom_struct]
pub struct PopStateEvent {
    event: Event,
    state: Box<Heap<JSVal>>,
}

impl PopStateEvent {
    fn new_trusted(cx: &mut JSContext, window: &Window, state: HandleValue) -> DomRoot<PopStateEvent> {
        let event = PopStateEvent { event: Event::new_inherited(window), state: heap(state.get()) };
        let event = reflect_dom_object(cx, Box::new(event), window);
        event.upcast::<Event>().init("popstate".into(), false, false);
        event.upcast::<Event>().set_trusted(true);
        event
    }
}

impl PopStateEventMethods for PopStateEvent {
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-popstateevent-state>
    fn State(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.state.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
    }
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-popstateevent-hasuavisualtransition>
    fn HasUAVisualTransition(&self, _cx: &mut JSContext) -> bool {
        false
    }
}

//! The browsing-context members of `Window`
//! (<https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-window-object>): `name`,
//! `closed`, `close()`, `focus()`, `blur()`, `opener`, `open()` and `print()`, as a headless host
//! that never creates auxiliary browsing contexts answers them. `Window`'s impl block includes
//! them with [`window_browsing_context_methods!`].

use std::cell::{Cell, RefCell};

use mozjs::context::JSContext;
use mozjs::rust::{HandleValue, MutableHandleValue};

use crate::dom::bindings::codegen::HistoryBinding::HistoryMethods;
use crate::dom::bindings::codegen::WindowBinding::WindowMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::window::Window;

/// What a window's browsing context remembers besides its document.
#[derive(Default)]
pub struct BrowsingContextState {
    /// <https://html.spec.whatwg.org/multipage/document-sequences.html#nav-target>
    name: RefCell<String>,
    /// <https://html.spec.whatwg.org/multipage/document-sequences.html#is-closing>
    is_closing: Cell<bool>,
}

impl BrowsingContextState {
    pub fn set_name(&self, name: &str) {
        *self.name.borrow_mut() = name.to_string();
    }
}

/// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-name>
pub fn name(window: &Window) -> DOMString {
    // 1. "If this's navigable is null, then return the empty string."
    if !window.is_attached() {
        return DOMString::new();
    }
    // 2. "Return this's navigable's target name."
    window.browsing_context().name.borrow().as_str().into()
}

/// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-name>
pub fn set_name(window: &Window, value: DOMString) {
    // 1. "If this's navigable is null, then return."
    if !window.is_attached() {
        return;
    }
    // 2. "Set this's navigable's active session history entry's document state's navigable
    //    target name to the given value."
    window.browsing_context().set_name(value.as_str());
}

/// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-closed>: "return true
/// if this's browsing context is null or its is closing is true; otherwise false."
pub fn closed(window: &Window) -> bool {
    !window.is_attached() || window.browsing_context().is_closing.get()
}

/// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-close>
pub fn close(cx: &mut JSContext, window: &Window) {
    // 1. "Let thisTraversable be this's navigable."
    // 2. "If thisTraversable is not a top-level traversable, then return."
    if !window.is_attached() || window.parent_window().is_some() {
        return;
    }
    // 3. "If thisTraversable's is closing is true, then return."
    if window.browsing_context().is_closing.get() {
        return;
    }
    // 4-5. "If all the following are true: thisTraversable is script-closable (its session
    //    history has one entry, as a page the host loaded has until it pushes state) …"
    // FIXME: a page that pushed history entries is not script-closable; browsers then log a
    // warning and do nothing, and Aperture does the same.
    if window.History(cx).Length(cx) > 1 {
        eprintln!("window.close(): scripts may close only the windows they opened");
        return;
    }
    // "Set thisTraversable's is closing to true." "Queue a task on the DOM manipulation task
    // source to definitely close thisTraversable." A headless host has no window to take
    // away: the page keeps running to the end of its tasks, with `closed` true.
    window.browsing_context().is_closing.set(true);
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#dom-window-focus>
pub fn focus(cx: &mut JSContext, window: &Window) {
    // 1. "Let current be this's navigable." 2. "If current is null, then return."
    if !window.is_attached() {
        return;
    }
    // 4. "Run the focusing steps with current." The focus chain of an iframe's document runs
    //    through its container: the iframe becomes the focused area of its parent's document.
    //    A top-level traversable's viewport already has what focus a headless host can give
    //    (none of the system's: `document.hasFocus()` stays false), so nothing changes there.
    // 5. "If current is a top-level traversable, user agents are encouraged to trigger some sort
    //    of notification" — no user to notify.
    if let Some(container) = window.document().container() {
        crate::dom::html::focus::focus_navigable_container(cx, container.upcast::<Element>());
    }
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#dom-window-blur>: "The blur()
/// method steps are to do nothing."
pub fn blur() {}

/// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-opener>: Aperture creates
/// no auxiliary browsing contexts, so no window has an opener browsing context.
pub fn opener(window: &Window, mut retval: MutableHandleValue) {
    // 1. "Let current be this's browsing context." 2. "If current is null, then return null."
    // 3. "If current's disowned is true, then return null."
    // 4. "If current's opener browsing context is null, then return null."
    let _ = window;
    retval.set(mozjs::jsval::NullValue());
}

/// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-opener>
pub fn set_opener(cx: &mut JSContext, window: &Window, value: HandleValue) -> ErrorResult {
    // 1. "If the given value is null and this's browsing context is non-null, then set this's
    //    browsing context's opener browsing context to null." (It is null already.)
    if value.is_null() {
        return Ok(());
    }
    // 2. "If the given value is non-null, then perform ? DefinePropertyOrThrow(this, "opener",
    //    { [[Value]]: the given value, [[Writable]]: true, [[Enumerable]]: true,
    //    [[Configurable]]: true })."
    let global = window.reflector().get_jsobject();
    // SAFETY: `global` is the window's rooted reflector and `value` a rooted handle from the
    // binding; the name is a NUL-terminated literal.
    let ok = unsafe {
        mozjs::jsapi::JS_DefineProperty(
            cx.raw_cx(),
            global.into(),
            c"opener".as_ptr(),
            value.into(),
            mozjs::jsapi::JSPROP_ENUMERATE as u32,
        )
    };
    if ok { Ok(()) } else { Err(Error::JSFailed) }
}

/// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-open>: the window open
/// steps, as far as a host without auxiliary browsing contexts goes.
pub fn open(
    window: &Window,
    url: USVString,
    target: DOMString,
    features: DOMString,
) -> Fallible<Option<DomRoot<Window>>> {
    let _ = features;
    // 1. "If environment's navigable is null, then return null."
    if !window.is_attached() {
        return Ok(None);
    }
    // 4. "Let urlRecord be null." 5. "If url is not the empty string, then: Set urlRecord to the
    //    result of encoding-parsing a URL given url, relative to the entry settings object. If
    //    urlRecord is failure, then throw a "SyntaxError" DOMException."
    if !url.0.is_empty() && window.document().base_url().join(&url.0).is_err() {
        return Err(Error::Syntax(format!("'{}' is not a valid URL.", url.0)));
    }
    // 9-10. "Let targetNavigable and windowType be the result of applying the rules for choosing
    //    a navigable" — a new top-level traversable for "_blank" or an unknown name. Aperture's
    //    host creates none, so it answers as a browser that blocks the popup (Chromium without
    //    user activation): "If targetNavigable is null, then return null."
    // FIXME: `_self`/`_parent`/`_top` and the names of existing frames would navigate those
    // frames; Aperture has no navigation of an existing window, so these also return null.
    eprintln!("window.open({}, {}): no new windows in a headless host (blocked)", url.0, target.as_str());
    Ok(None)
}

/// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-print>: the
/// printing steps.
pub fn print(cx: &mut JSContext, window: &Window) {
    // 1. "Let document be this's associated Document."
    // 2. "If document is not fully active, then return."
    if !window.is_attached() {
        return;
    }
    // 3-4. (Unload counter, sandboxed modals: neither exists in Aperture.)
    // 5. "If the printing dialog is blocked by a Document's sandbox, then return."
    // 6. "Fire an event named beforeprint at this."
    window.upcast::<EventTarget>().fire_event(cx, "beforeprint");
    // 7-8. "The user agent should offer the user the opportunity to obtain a physical form …":
    //    a headless host has no printer and no dialog; nothing is printed.
    // 9. "Fire an event named afterprint at this."
    window.upcast::<EventTarget>().fire_event(cx, "afterprint");
}

/// The `Window` members of this file, for `Window`'s `WindowMethods` impl block.
macro_rules! window_browsing_context_methods {
    () => {
        /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-name>
        fn Name(&self, _cx: &mut JSContext) -> DOMString {
            crate::dom::html::windowbrowsingcontext::name(self)
        }
        /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-name>
        fn SetName(&self, _cx: &mut JSContext, value: DOMString) {
            crate::dom::html::windowbrowsingcontext::set_name(self, value)
        }
        /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-closed>
        fn Closed(&self, _cx: &mut JSContext) -> bool {
            crate::dom::html::windowbrowsingcontext::closed(self)
        }
        /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-close>
        fn Close(&self, cx: &mut JSContext) {
            crate::dom::html::windowbrowsingcontext::close(cx, self)
        }
        /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-window-focus>
        fn Focus(&self, cx: &mut JSContext) {
            crate::dom::html::windowbrowsingcontext::focus(cx, self)
        }
        /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-window-blur>
        fn Blur(&self, _cx: &mut JSContext) {
            crate::dom::html::windowbrowsingcontext::blur()
        }
        /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-opener>
        fn Opener(&self, _cx: &mut JSContext, retval: mozjs::rust::MutableHandleValue) {
            crate::dom::html::windowbrowsingcontext::opener(self, retval)
        }
        /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-opener>
        fn SetOpener(
            &self,
            cx: &mut JSContext,
            value: mozjs::rust::HandleValue,
        ) -> crate::dom::bindings::error::Fallible<()> {
            crate::dom::html::windowbrowsingcontext::set_opener(cx, self, value)
        }
        /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-open>
        fn Open(
            &self,
            _cx: &mut JSContext,
            url: USVString,
            target: DOMString,
            features: DOMString,
        ) -> crate::dom::bindings::error::Fallible<Option<DomRoot<Window>>> {
            crate::dom::html::windowbrowsingcontext::open(self, url, target, features)
        }
        /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-print>
        fn Print(&self, cx: &mut JSContext) {
            crate::dom::html::windowbrowsingcontext::print(cx, self)
        }
    };
}
pub(crate) use window_browsing_context_methods;

//! Focus (<https://html.spec.whatwg.org/multipage/interaction.html#focus>) as far as a headless
//! host has it: each document remembers its focused element; focus() and blur() move it and fire
//! `blur`/`focusout` then `focus`/`focusin`. There is no system focus and no sequential
//! navigation; `document.hasFocus()` stays false.
//!
//! FIXME: the events are plain `Event`s; they become `FocusEvent`s with `relatedTarget` once that
//! interface exists.

use mozjs::context::JSContext;

use crate::dom::bindings::inheritance::Castable;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;

/// Elements that are focusable areas without a tabindex attribute (the HTML spec's suggested
/// defaults, <https://html.spec.whatwg.org/multipage/interaction.html#focusable-area>): links with
/// href, form controls that are not disabled or hidden inputs, iframes, summary.
pub fn focusable_by_default(element: &Element) -> bool {
    if !element.is_html_element() {
        return false;
    }
    match element.local_name() {
        "a" | "area" => element.has_attribute_named("href"),
        "input" => {
            !element.get_attribute_value("type").is_some_and(|t| t.eq_ignore_ascii_case("hidden"))
                && !crate::dom::html::forms::is_disabled_control(element)
        }
        "button" | "select" | "textarea" => !crate::dom::html::forms::is_disabled_control(element),
        "iframe" | "summary" => true,
        _ => false,
    }
}

/// Whether `element` can be focused: connected, and focusable by default or with a tabindex
/// attribute that parses as an integer.
pub fn is_focusable(element: &Element) -> bool {
    element.upcast::<Node>().is_connected()
        && (focusable_by_default(element)
            || element
                .get_attribute_value("tabindex")
                .and_then(|v| crate::dom::html::reflect::parse_integer(&v))
                .is_some())
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#focusing-steps>
pub fn focusing_steps(cx: &mut JSContext, element: &Element) {
    // 1. "If new focus target is not a focusable area, … return."
    if !is_focusable(element) {
        return;
    }
    let document = element.upcast::<Node>().owner_doc();
    let old = document.focused_element();
    // 4. "If old focus target is new focus target, return."
    if old.as_deref().is_some_and(|o| std::ptr::eq(o, element)) {
        return;
    }
    // 8–9. The focus update steps: blur the old chain, then focus the new one.
    document.set_focused_element(Some(element));
    if let Some(old) = old {
        fire_focus_events(cx, &old, "blur", "focusout");
    }
    fire_focus_events(cx, element, "focus", "focusin");
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#unfocusing-steps>: if `element` is
/// focused, focus goes back to the viewport (the body is the active element).
pub fn unfocusing_steps(cx: &mut JSContext, element: &Element) {
    let document = element.upcast::<Node>().owner_doc();
    if !document.focused_element().is_some_and(|f| std::ptr::eq(&*f, element)) {
        return;
    }
    document.set_focused_element(None);
    fire_focus_events(cx, element, "blur", "focusout");
}

/// "Fire a focus event named blur/focus" (not bubbling) and then focusout/focusin (bubbling).
fn fire_focus_events(cx: &mut JSContext, element: &Element, plain: &str, bubbling: &str) {
    let target = element.upcast::<EventTarget>();
    target.fire_event_with(cx, plain, false, false);
    target.fire_event_with(cx, bubbling, true, false);
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#focusing-steps> for a navigable
/// whose container is `container` (`iframeWindow.focus()`): the focus chain of the navigable's
/// document runs through its container, so the container becomes the focused area of its own
/// document (the focus update steps fire `blur`/`focusout` at the old focused element and
/// `focus`/`focusin` at the container).
pub fn focus_navigable_container(cx: &mut JSContext, container: &Element) {
    let document = container.upcast::<Node>().owner_doc();
    let old = document.focused_element();
    // "If old focus target is new focus target, return."
    if old.as_deref().is_some_and(|o| std::ptr::eq(o, container)) {
        return;
    }
    document.set_focused_element(Some(container));
    if let Some(old) = old {
        fire_focus_events(cx, &old, "blur", "focusout");
    }
    fire_focus_events(cx, container, "focus", "focusin");
}

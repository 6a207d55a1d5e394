//! Input from the user: what an embedder delivers (`Engine::send_input`) and what WPT's
//! testdriver asks for (`test_driver.click`, `bless`, `send_keys`), turned into the trusted
//! events a browser fires, in Chromium's order:
//! - a click at a point: `pointerdown`, `mousedown` (focus moves), `pointerup`, `mouseup`,
//!   `click` (a `PointerEvent`, with the activation behaviour of what was clicked);
//! - typed keys into the focused element: `keydown`, `keypress`, `beforeinput`, the text edit,
//!   `input`, `keyup` for each key; Enter submits implicitly, Backspace deletes.
//!
//! `pointerdown` and `keydown` are activation-triggering input events
//! (<https://html.spec.whatwg.org/multipage/interaction.html#activation-triggering-input-event>):
//! the activation notification runs before they are dispatched.

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::Dictionaries::{
    InputEventInit, KeyboardEventInit, MouseEventInit, PointerEventInit,
};
use crate::dom::bindings::codegen::HTMLInputElementBinding::HTMLInputElementMethods;
use crate::dom::bindings::codegen::HTMLTextAreaElementBinding::HTMLTextAreaElementMethods;
use crate::dom::bindings::codegen::InputEventBinding::InputEventMethods;
use crate::dom::bindings::codegen::KeyboardEventBinding::KeyboardEventMethods;
use crate::dom::bindings::codegen::MouseEventBinding::MouseEventMethods;
use crate::dom::bindings::codegen::PointerEventBinding::PointerEventMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::element::Element;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::html::forms::htmlinputelement::HTMLInputElement;
use crate::dom::html::forms::htmltextareaelement::HTMLTextAreaElement;
use crate::dom::html::window::Window;
use crate::dom::uievents::events::{InputEvent, KeyboardEvent, MouseEvent, PointerEvent};
use crate::dom::uievents::useractivation::activation_notification;

/// One piece of user input.
#[derive(Clone, Debug, PartialEq)]
pub enum UserInput {
    /// A primary-button click at a point of the viewport (CSS pixels).
    Click { x: f64, y: f64 },
    /// Keys typed into the focused element, as WebDriver's Element Send Keys takes them: each
    /// character is a key; U+E003 is Backspace, U+E006/U+E007 Enter, U+E004 Tab, U+E00C Escape.
    Keys(String),
}

/// Delivers `input` to `window`'s document.
pub fn dispatch(cx: &mut JSContext, window: &Window, input: &UserInput) {
    crate::script_runtime::in_realm(cx, window, |cx| match input {
        UserInput::Click { x, y } => click(cx, window, *x, *y),
        UserInput::Keys(keys) => type_keys(cx, window, keys),
    });
}

/// The element a point hits, or the document element.
fn hit_test(cx: &mut JSContext, window: &Window, x: f64, y: f64) -> Option<DomRoot<Element>> {
    let document = window.document();
    crate::dom::cssomview::elementfrompoint::element_from_point(cx, document.upcast(), x, y)
        .or_else(|| document.document_element())
}

fn mouse_init(window: &Window, x: f64, y: f64, buttons: u16, detail: i32) -> MouseEventInit {
    let mut init = MouseEventInit::empty();
    init.parent.parent.parent.bubbles = true;
    init.parent.parent.parent.cancelable = true;
    init.parent.parent.parent.composed = true;
    init.parent.parent.view = Some(DomRoot::from_ref(window));
    init.parent.parent.detail = detail;
    init.client_x = Finite::<f64>::wrap(x);
    init.client_y = Finite::<f64>::wrap(y);
    init.screen_x = Finite::<f64>::wrap(x);
    init.screen_y = Finite::<f64>::wrap(y);
    init.button = 0;
    init.buttons = buttons;
    init
}

/// A trusted PointerEvent of the mouse (pointer 1, primary).
fn pointer_event(
    cx: &mut JSContext,
    window: &Window,
    type_: &str,
    init: MouseEventInit,
) -> Option<DomRoot<PointerEvent>> {
    let mut pointer = PointerEventInit::empty();
    pointer.parent = init;
    pointer.pointer_id = 1;
    pointer.pointer_type = "mouse".into();
    pointer.is_primary = true;
    if pointer.parent.buttons != 0 {
        pointer.pressure = Finite::<f32>::wrap(0.5);
    }
    let event = <PointerEvent as PointerEventMethods>::Constructor(cx, window, None, type_.into(), &pointer).ok()?;
    event.upcast::<Event>().set_trusted(true);
    Some(event)
}

/// Fires a trusted event at `target`; whether it was not canceled.
fn fire(cx: &mut JSContext, target: &Element, event: &Event) -> bool {
    event.set_trusted(true);
    target.upcast::<EventTarget>().dispatch(cx, event)
}

/// A click of the primary button at (x, y).
fn click(cx: &mut JSContext, window: &Window, x: f64, y: f64) {
    let Some(target) = hit_test(cx, window, x, y) else { return };
    // pointerdown is activation-triggering (its pointerType is "mouse"): "the user agent must
    // perform the following activation notification steps before dispatching the event".
    activation_notification(window);
    let pointer_down = pointer_event(cx, window, "pointerdown", mouse_init(window, x, y, 1, 0));
    let down_not_canceled = pointer_down.is_some_and(|e| fire(cx, &target, e.upcast()));
    // "Authors can prevent the production of certain compatibility mouse events by canceling
    // the pointerdown event" (Pointer Events, 11.1): mousedown and mouseup are not fired then.
    let mut focus = true;
    if down_not_canceled
        && let Ok(mousedown) = <MouseEvent as MouseEventMethods>::Constructor(
            cx,
            window,
            None,
            "mousedown".into(),
            &mouse_init(window, x, y, 1, 1),
        )
    {
        // The default action of mousedown moves the focus; canceling it keeps the focus.
        focus = fire(cx, &target, mousedown.upcast());
    }
    if focus {
        focus_for_click(cx, window, &target);
    }
    if let Some(up) = pointer_event(cx, window, "pointerup", mouse_init(window, x, y, 0, 0)) {
        fire(cx, &target, up.upcast());
    }
    if down_not_canceled
        && let Ok(mouseup) = <MouseEvent as MouseEventMethods>::Constructor(
            cx,
            window,
            None,
            "mouseup".into(),
            &mouse_init(window, x, y, 0, 1),
        )
    {
        fire(cx, &target, mouseup.upcast());
    }
    // The target may have been removed meanwhile: "click" goes to it if it is still connected,
    // as Chromium does, else nowhere.
    if !target.upcast::<Node>().is_connected() {
        return;
    }
    // A disabled form control gets no click (<https://html.spec.whatwg.org/multipage/semantics-other.html#concept-element-disabled>).
    if crate::dom::html::forms::is_disabled_control(&target) {
        return;
    }
    if let Some(click) = pointer_event(cx, window, "click", mouse_init(window, x, y, 0, 1)) {
        click.upcast::<Event>().set_trusted(true);
        crate::dom::html::forms::dispatch_user_click(cx, &target, click.upcast());
    }
}

/// The focus a click gives: the clicked element's nearest focusable inclusive ancestor, or the
/// viewport (the focused element loses focus).
fn focus_for_click(cx: &mut JSContext, window: &Window, target: &Element) {
    let mut node = Some(DomRoot::from_ref(target.upcast::<Node>()));
    while let Some(current) = node {
        if let Some(element) = current.downcast::<Element>()
            && crate::dom::html::focus::is_focusable(element)
        {
            crate::dom::html::focus::focusing_steps(cx, element);
            return;
        }
        node = current.parent();
    }
    if let Some(focused) = window.document().focused_element() {
        crate::dom::html::focus::unfocusing_steps(cx, &focused);
    }
}

/// A key's `key` and `code` values (UI Events KeyboardEvent key/code values) and the text it
/// inserts, for a WebDriver key character.
fn key_of(c: char) -> (String, String, Option<String>) {
    match c {
        '\u{E003}' => ("Backspace".into(), "Backspace".into(), None),
        '\u{E004}' => ("Tab".into(), "Tab".into(), None),
        '\u{E006}' | '\u{E007}' => ("Enter".into(), "Enter".into(), None),
        '\u{E00C}' => ("Escape".into(), "Escape".into(), None),
        '\u{E00D}' | ' ' => (" ".into(), "Space".into(), Some(" ".into())),
        '\u{E012}' => ("ArrowLeft".into(), "ArrowLeft".into(), None),
        '\u{E013}' => ("ArrowUp".into(), "ArrowUp".into(), None),
        '\u{E014}' => ("ArrowRight".into(), "ArrowRight".into(), None),
        '\u{E015}' => ("ArrowDown".into(), "ArrowDown".into(), None),
        '\u{E017}' => ("Delete".into(), "Delete".into(), None),
        c if ('\u{E000}'..='\u{F8FF}').contains(&c) => ("Unidentified".into(), String::new(), None),
        c => {
            let code = if c.is_ascii_alphabetic() {
                format!("Key{}", c.to_ascii_uppercase())
            } else if c.is_ascii_digit() {
                format!("Digit{c}")
            } else {
                String::new()
            };
            (c.to_string(), code, Some(c.to_string()))
        }
    }
}

fn keyboard_event(
    cx: &mut JSContext,
    window: &Window,
    type_: &str,
    key: &str,
    code: &str,
) -> Option<DomRoot<KeyboardEvent>> {
    let mut init = KeyboardEventInit::empty();
    init.parent.parent.parent.bubbles = true;
    init.parent.parent.parent.cancelable = true;
    init.parent.parent.parent.composed = true;
    init.parent.parent.view = Some(DomRoot::from_ref(window));
    init.key = key.into();
    init.code = code.into();
    let legacy = legacy_key_code(key);
    if type_ == "keypress" {
        init.char_code = key.chars().next().filter(|_| key.chars().count() == 1).map_or(13, |c| c as u32);
        init.key_code = init.char_code;
    } else {
        init.key_code = legacy;
    }
    init.parent.parent.which = init.key_code;
    <KeyboardEvent as KeyboardEventMethods>::Constructor(cx, window, None, type_.into(), &init).ok()
}

/// The legacy `keyCode` of keydown/keyup for a key value (the virtual key codes of a US layout).
fn legacy_key_code(key: &str) -> u32 {
    match key {
        "Backspace" => 8,
        "Tab" => 9,
        "Enter" => 13,
        "Escape" => 27,
        " " => 32,
        "ArrowLeft" => 37,
        "ArrowUp" => 38,
        "ArrowRight" => 39,
        "ArrowDown" => 40,
        "Delete" => 46,
        _ => match key.chars().next() {
            Some(c) if key.chars().count() == 1 && c.is_ascii_alphanumeric() => c.to_ascii_uppercase() as u32,
            _ => 0,
        },
    }
}

fn input_event(
    cx: &mut JSContext,
    window: &Window,
    type_: &str,
    input_type: &str,
    data: Option<&str>,
) -> Option<DomRoot<InputEvent>> {
    let mut init = InputEventInit::empty();
    init.parent.parent.bubbles = true;
    init.parent.parent.cancelable = type_ == "beforeinput";
    init.parent.parent.composed = true;
    init.parent.view = Some(DomRoot::from_ref(window));
    init.input_type = input_type.into();
    init.data = data.map(DOMString::from);
    <InputEvent as InputEventMethods>::Constructor(cx, window, None, type_.into(), &init).ok()
}

/// The text control typing goes to: a focused input whose value the user edits as text, or a
/// textarea, neither disabled nor read-only.
enum TextControl {
    Input(DomRoot<HTMLInputElement>),
    TextArea(DomRoot<HTMLTextAreaElement>),
}

fn text_control(element: &Element) -> Option<TextControl> {
    if crate::dom::html::forms::is_disabled_control(element) || element.has_attribute_named("readonly") {
        return None;
    }
    if let Some(input) = element.downcast::<HTMLInputElement>() {
        let editable = !matches!(
            input.input_type(),
            "checkbox" | "radio" | "button" | "submit" | "reset" | "image" | "hidden" | "file" | "color" | "range"
        );
        return editable.then(|| TextControl::Input(DomRoot::from_ref(input)));
    }
    element.downcast::<HTMLTextAreaElement>().map(|t| TextControl::TextArea(DomRoot::from_ref(t)))
}

impl TextControl {
    fn value(&self, cx: &mut JSContext) -> String {
        match self {
            TextControl::Input(i) => i.Value(cx).map(|v| v.to_string()).unwrap_or_default(),
            TextControl::TextArea(t) => t.Value(cx).to_string(),
        }
    }

    /// The selection, in UTF-16 code units.
    fn selection(&self, value: &str) -> (u32, u32) {
        let (start, end, _) = match self {
            TextControl::Input(i) => i.selection_state().get(value),
            TextControl::TextArea(t) => t.selection_state().get(value),
        };
        (start, end)
    }

    /// Replaces the selection (or the code unit before the caret for `Backspace`) with `text`,
    /// as a user edit: the value becomes dirty and the caret follows the inserted text. Whether
    /// the value changed.
    fn edit(&self, cx: &mut JSContext, text: &str, backspace: bool) -> bool {
        let value = self.value(cx);
        let units: Vec<u16> = value.encode_utf16().collect();
        let (mut start, end) = self.selection(&value);
        if backspace && start == end {
            if start == 0 {
                return false;
            }
            start -= 1;
        }
        let (start, end) = (start as usize, (end as usize).min(units.len()));
        // A user cannot type past maxlength (<https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#attr-fe-maxlength>).
        let element: &Element = match self {
            TextControl::Input(i) => i.upcast(),
            TextControl::TextArea(t) => t.upcast(),
        };
        let inserted: Vec<u16> = text.encode_utf16().collect();
        if let Some(max) = element
            .get_attribute_value("maxlength")
            .and_then(|v| crate::dom::html::reflect::parse_non_negative_integer(&v))
            && !inserted.is_empty()
            && (units.len() - (end - start) + inserted.len()) as i64 > max
        {
            return false;
        }
        let mut new_units = units[..start].to_vec();
        new_units.extend_from_slice(&inserted);
        new_units.extend_from_slice(&units[end..]);
        let new_value = String::from_utf16_lossy(&new_units);
        let caret = (start + inserted.len()) as u32;
        match self {
            TextControl::Input(i) => {
                i.SetValue(cx, new_value.into()).ok();
                let current = i.Value(cx).map(|v| v.to_string()).unwrap_or_default();
                i.selection_state().set_range(i.upcast(), &current, caret, caret, None);
            }
            TextControl::TextArea(t) => {
                t.SetValue(cx, new_value.into());
                let current = t.Value(cx).to_string();
                t.selection_state().set_range(t.upcast(), &current, caret, caret, None);
            }
        }
        true
    }
}

/// Types `keys` into the focused element (the body when nothing is focused).
fn type_keys(cx: &mut JSContext, window: &Window, keys: &str) {
    for c in keys.chars() {
        let document = window.document();
        let body = document.body().map(DomRoot::upcast::<Element>);
        let Some(target) = document.focused_element().or(body).or_else(|| document.document_element()) else {
            return;
        };
        let (key, code, text) = key_of(c);
        // keydown is activation-triggering unless it is the Escape key.
        if key != "Escape" {
            activation_notification(window);
        }
        let Some(down) = keyboard_event(cx, window, "keydown", &key, &code) else { return };
        let not_canceled = fire(cx, &target, down.upcast());
        if not_canceled {
            key_default_action(cx, window, &target, &key, text.as_deref());
        }
        if let Some(up) = keyboard_event(cx, window, "keyup", &key, &code) {
            fire(cx, &target, up.upcast());
        }
    }
}

/// What a key that was not canceled does: keypress for characters and Enter, then the edit of a
/// text control (beforeinput, the change, input), or Enter's implicit submission.
fn key_default_action(cx: &mut JSContext, window: &Window, target: &Element, key: &str, text: Option<&str>) {
    if (text.is_some() || key == "Enter")
        && let Some(press) = keyboard_event(cx, window, "keypress", if key == "Enter" { "Enter" } else { key }, "")
        && !fire(cx, target, press.upcast())
    {
        return;
    }
    let Some(control) = text_control(target) else { return };
    let (input_type, data, inserted, backspace) = match (key, text) {
        (_, Some(t)) => ("insertText", Some(t), t.to_string(), false),
        ("Backspace", None) => ("deleteContentBackward", None, String::new(), true),
        ("Enter", None) => match &control {
            TextControl::TextArea(_) => ("insertLineBreak", None, "\n".to_string(), false),
            TextControl::Input(input) => {
                implicit_submission(cx, input);
                return;
            }
        },
        _ => return,
    };
    let Some(before) = input_event(cx, window, "beforeinput", input_type, data) else { return };
    if !fire(cx, target, before.upcast()) {
        return;
    }
    if control.edit(cx, &inserted, backspace)
        && let Some(input) = input_event(cx, window, "input", input_type, data)
    {
        fire(cx, target, input.upcast());
    }
}

/// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#implicit-submission>:
/// Enter in a field of a form clicks the form's default button; without one, a form with at most
/// one field that blocks implicit submission is submitted.
fn implicit_submission(cx: &mut JSContext, input: &HTMLInputElement) {
    let Some(form) = crate::dom::html::forms::form_owner(input.upcast()) else { return };
    let controls = form.listed_elements();
    // "A form element's default button is the first submit button in tree order whose form
    // owner is that form element."
    let default_button = controls.iter().find(|e| {
        e.downcast::<HTMLInputElement>().is_some_and(|i| i.is_submit_button())
            || (e.is::<crate::dom::html::simpleelements::HTMLButtonElement>()
                && matches!(
                    e.get_attribute_value("type").map(|t| t.to_ascii_lowercase()).as_deref(),
                    None | Some("submit") | Some("")
                ))
    });
    if let Some(button) = default_button {
        // "If the user agent supports letting the user submit a form implicitly …, then doing so
        // for a form, whose default button has activation behavior and is not disabled, must
        // cause the user agent to fire a click event at that default button."
        if !crate::dom::html::forms::is_disabled_control(button)
            && let Some(button) = button.downcast::<crate::dom::html::htmlelement::HTMLElement>()
        {
            crate::dom::html::forms::click(cx, button);
        }
        return;
    }
    // "If the form has no submit button, then the implicit submission mechanism must perform the
    // following steps: if the form has more than one field that blocks implicit submission,
    // then return; submit the form element from the form element itself with userInvolvement
    // set to "activation"."
    let blocking = controls
        .iter()
        .filter_map(|e| e.downcast::<HTMLInputElement>())
        .filter(|i| {
            matches!(
                i.input_type(),
                "text"
                    | "search"
                    | "url"
                    | "tel"
                    | "email"
                    | "password"
                    | "date"
                    | "month"
                    | "week"
                    | "time"
                    | "datetime-local"
                    | "number"
            )
        })
        .count();
    if blocking <= 1 {
        form.submit_from(cx, None, false);
    }
}

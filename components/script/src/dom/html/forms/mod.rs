//! Forms (<https://html.spec.whatwg.org/multipage/forms.html>): the form element, its controls
//! (input, textarea, select, option, optgroup) and labels, with the shared algorithms they use
//! (form owner, labelable elements, activation behaviour of submit and reset buttons).
//!
//! Constraint validation (`validation.rs`) and the selection APIs of text controls
//! (`textselection.rs`) are here too. Submitting a form validates it, then fires `submit` and
//! navigates nowhere: a headless host has no navigation.

pub mod collections;
pub mod formelements;
pub mod htmlformelement;
pub mod htmlinputelement;
pub mod htmllabelelement;
pub mod htmloptionelement;
pub mod htmlselectelement;
pub mod htmltextareaelement;
pub mod inputvalue;
pub mod textselection;
pub mod validation;

use mozjs::context::JSContext;

use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::dom::nodelist::NodeList;
use crate::dom::html::forms::htmlformelement::HTMLFormElement;
use crate::dom::html::forms::htmlinputelement::HTMLInputElement;
use crate::dom::html::forms::htmllabelelement::HTMLLabelElement;
use crate::dom::html::forms::htmlselectelement::HTMLSelectElement;
use crate::dom::html::forms::htmltextareaelement::HTMLTextAreaElement;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::simpleelements::HTMLButtonElement;

/// <https://html.spec.whatwg.org/multipage/forms.html#category-listed>
pub fn is_listed(element: &Element) -> bool {
    element.is_html_element()
        && matches!(element.local_name(), "button" | "fieldset" | "input" | "object" | "output" | "select" | "textarea")
}

/// <https://html.spec.whatwg.org/multipage/forms.html#category-label>
pub fn is_labelable(element: &Element) -> bool {
    if !element.is_html_element() {
        return false;
    }
    match element.local_name() {
        "button" | "meter" | "output" | "progress" | "select" | "textarea" => true,
        "input" => !element.get_attribute_value("type").is_some_and(|t| t.eq_ignore_ascii_case("hidden")),
        _ => false,
    }
}

/// The form owner of a form-associated element
/// (<https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#form-owner>): the
/// element its `form` attribute names when that is a form in the same tree, otherwise (without
/// the attribute) its nearest form ancestor.
pub fn form_owner(element: &Element) -> Option<DomRoot<HTMLFormElement>> {
    let node = element.upcast::<Node>();
    if let Some(id) = element.get_attribute_value("form") {
        // "If element has a form content attribute and is connected, … the first element in
        // element's tree, in tree order, whose ID is that attribute's value" when it is a form.
        if !node.is_connected() || id.is_empty() {
            return None;
        }
        let root = node.root();
        let found =
            root.element_descendants().into_iter().find(|e| e.get_attribute_value("id").as_deref() == Some(&id));
        return found.and_then(|e| e.downcast_root::<HTMLFormElement>());
    }
    let mut current = node.parent();
    while let Some(ancestor) = current {
        if let Some(form) = ancestor.downcast_root::<HTMLFormElement>() {
            return Some(form);
        }
        current = ancestor.parent();
    }
    None
}

/// The labels of a labelable element
/// (<https://html.spec.whatwg.org/multipage/forms.html#dom-lfe-labels>): the label elements in its
/// tree whose labeled control it is, in tree order, as a new static NodeList.
pub fn labels(cx: &mut JSContext, element: &Element) -> DomRoot<NodeList> {
    let node = element.upcast::<Node>();
    let root = node.root();
    let found: Vec<DomRoot<Node>> = root
        .element_descendants()
        .into_iter()
        .filter(|e| {
            e.downcast::<HTMLLabelElement>()
                .and_then(|label| label.labeled_control())
                .is_some_and(|c| std::ptr::eq(c.upcast::<Element>(), element))
        })
        .map(DomRoot::upcast)
        .collect();
    NodeList::new_static(cx, node, found)
}

/// Whether `element` is a form control that is disabled
/// (<https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#concept-fe-disabled>):
/// its own `disabled` attribute, or a disabled fieldset ancestor (outside that fieldset's first
/// legend).
pub fn is_disabled_control(element: &Element) -> bool {
    if !element.is_html_element() || !matches!(element.local_name(), "button" | "input" | "select" | "textarea") {
        return false;
    }
    element.has_attribute_named("disabled") || in_disabled_fieldset(element)
}

/// <https://html.spec.whatwg.org/multipage/form-elements.html#concept-fieldset-disabled>: "A
/// fieldset element is a disabled fieldset if it matches any of the following conditions: its
/// disabled attribute is specified; it is a descendant of another fieldset element whose disabled
/// attribute is specified, and is not a descendant of that fieldset element's first legend
/// element child, if any."
pub fn is_disabled_fieldset(element: &Element) -> bool {
    element.has_attribute_named("disabled") || in_disabled_fieldset(element)
}

/// Whether `element` is a descendant of a fieldset with `disabled`, outside that fieldset's
/// first legend child.
fn in_disabled_fieldset(element: &Element) -> bool {
    let mut child = DomRoot::from_ref(element.upcast::<Node>());
    while let Some(parent) = child.parent() {
        if let Some(fieldset) = parent.downcast::<Element>()
            && fieldset.is_html_element()
            && fieldset.local_name() == "fieldset"
            && fieldset.has_attribute_named("disabled")
        {
            let first_legend = parent
                .children()
                .into_iter()
                .filter_map(|c| c.downcast_root::<Element>())
                .find(|e| e.is_html_element() && e.local_name() == "legend");
            let inside_legend =
                first_legend.is_some_and(|l| l.upcast::<Node>().is_inclusive_ancestor_of(element.upcast()));
            if !inside_legend {
                return true;
            }
        }
        child = parent;
    }
    false
}

/// What a click's legacy-pre-activation behaviour changed, for the canceled-activation steps
/// (<https://dom.spec.whatwg.org/#eventtarget-legacy-pre-activation-behavior>).
pub enum PreActivation {
    None,
    Checkbox { was_checked: bool, was_indeterminate: bool },
    Radio { previous: Option<DomRoot<HTMLInputElement>> },
}

/// A synthetic click on an element (<https://html.spec.whatwg.org/multipage/interaction.html#dom-click>):
/// legacy-pre-activation behaviour, the `click` event, then the activation behaviour or the
/// legacy-canceled-activation behaviour
/// (<https://dom.spec.whatwg.org/#concept-event-dispatch>, steps on activationTarget).
pub fn click(cx: &mut JSContext, element: &HTMLElement) {
    use crate::dom::dom::eventtarget::EventTarget;
    use crate::dom::globalscope::DomGlobal;
    let input = element.downcast::<HTMLInputElement>();
    let pre = input.map(|i| i.legacy_pre_activation(cx)).unwrap_or(PreActivation::None);
    // "Fire a synthetic pointer event named click": a trusted PointerEvent.
    let window = element.global();
    let event = crate::dom::uievents::events::MouseEvent::new_synthetic_click(cx, &window);
    let not_canceled = element.upcast::<EventTarget>().dispatch(cx, event.upcast());
    if !not_canceled {
        if let Some(input) = input {
            input.legacy_canceled_activation(cx, pre);
        }
        return;
    }
    activation_behavior(cx, element);
}

/// Dispatches a trusted `click` (made by the caller, from user input) at `target`, with the
/// activation behaviour of the activation target: "if isActivationEvent is true and target has
/// activation behavior, then set activationTarget to target"; otherwise the first ancestor in the
/// event path that has one (<https://dom.spec.whatwg.org/#concept-event-dispatch>, step 5.5 and
/// the parent loop).
pub fn dispatch_user_click(cx: &mut JSContext, target: &Element, event: &crate::dom::dom::event::Event) {
    use crate::dom::dom::eventtarget::EventTarget;
    let mut activation: Option<DomRoot<HTMLElement>> = None;
    let mut node = Some(DomRoot::from_ref(target.upcast::<Node>()));
    while let Some(current) = node {
        if let Some(element) = current.downcast::<HTMLElement>()
            && has_activation_behavior(element)
        {
            activation = Some(DomRoot::from_ref(element));
            break;
        }
        node = current.parent();
    }
    let input = activation.as_deref().and_then(|a| a.downcast::<HTMLInputElement>());
    let pre = input.map(|i| i.legacy_pre_activation(cx)).unwrap_or(PreActivation::None);
    let not_canceled = target.upcast::<EventTarget>().dispatch(cx, event);
    let Some(activation) = activation else { return };
    if !not_canceled {
        if let Some(input) = activation.downcast::<HTMLInputElement>() {
            input.legacy_canceled_activation(cx, pre);
        }
        return;
    }
    activation_behavior(cx, &activation);
}

/// Whether `element` is one of the elements whose activation behaviour Aperture runs.
fn has_activation_behavior(element: &HTMLElement) -> bool {
    element.is::<HTMLInputElement>() || element.is::<HTMLButtonElement>() || element.is::<HTMLLabelElement>()
}

/// The activation behaviour of the elements that have one.
fn activation_behavior(cx: &mut JSContext, element: &HTMLElement) {
    if let Some(input) = element.downcast::<HTMLInputElement>() {
        return input.activation_behavior(cx);
    }
    if let Some(button) = element.downcast::<HTMLButtonElement>() {
        // <https://html.spec.whatwg.org/multipage/form-elements.html#the-button-element>: "If
        // element is disabled, then return. If element does not have a form owner, return. …
        // Submit Button: submit element's form owner from element; Reset Button: reset it."
        let el = button.upcast::<Element>();
        if is_disabled_control(el) {
            return;
        }
        let Some(form) = form_owner(el) else { return };
        match el.get_attribute_value("type").map(|t| t.to_ascii_lowercase()).as_deref() {
            Some("reset") => form.reset_form(cx),
            Some("button") => {}
            _ => form.submit_from(cx, Some(button.upcast::<HTMLElement>()), false),
        }
        return;
    }
    if let Some(label) = element.downcast::<HTMLLabelElement>() {
        // <https://html.spec.whatwg.org/multipage/forms.html#the-label-element>: the label's
        // activation behaviour fires a synthetic click at its labeled control.
        if let Some(control) = label.labeled_control() {
            click(cx, &control);
        }
    }
}

/// Resets a form-associated element
/// (<https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#concept-form-reset-control>).
pub fn reset_control(cx: &mut JSContext, element: &Element) {
    if let Some(input) = element.downcast::<HTMLInputElement>() {
        input.reset(cx);
    } else if let Some(textarea) = element.downcast::<HTMLTextAreaElement>() {
        textarea.reset();
    } else if let Some(select) = element.downcast::<HTMLSelectElement>() {
        select.reset();
    } else if let Some(output) = element.downcast::<formelements::HTMLOutputElement>() {
        output.reset(cx);
    }
}

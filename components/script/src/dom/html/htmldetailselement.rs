//! `HTMLDetailsElement` (<https://html.spec.whatwg.org/multipage/interactive-elements.html#the-details-element>):
//! the `open` and `name` attributes, the coalesced `toggle` event, and the exclusive accordion
//! of details elements sharing a name. Nothing is rendered, so there is no summary to click;
//! script opens and closes them.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::HTMLDetailsElementBinding::HTMLDetailsElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::reflect::{reflect_bool, reflect_string};

#[dom_struct]
pub struct HTMLDetailsElement {
    htmlelement: HTMLElement,
    /// The details toggle task tracker.
    #[no_trace]
    pending_toggle: crate::dom::html::toggletask::ToggleTaskTracker,
}

impl HTMLDetailsElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLDetailsElement> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(HTMLDetailsElement {
                htmlelement: HTMLElement::new_inherited(local_name, document),
                pending_toggle: Default::default(),
            }),
            &window,
        )
    }

    fn element(&self) -> &Element {
        self.upcast()
    }

    fn group_name(&self) -> Option<String> {
        self.element().get_attribute_value("name").filter(|n| !n.is_empty())
    }

    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#details-name-group>:
    /// the other details elements with the same non-empty name in the same tree, in tree order.
    fn other_group_members(&self) -> Vec<DomRoot<HTMLDetailsElement>> {
        let Some(name) = self.group_name() else {
            return Vec::new();
        };
        let root = self.upcast::<Node>().root();
        root.element_descendants()
            .into_iter()
            .filter_map(|e| e.downcast_root::<HTMLDetailsElement>())
            .filter(|d| !std::ptr::eq(&**d, self) && d.group_name().as_deref() == Some(name.as_str()))
            .collect()
    }

    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#ensure-details-exclusivity-by-closing-other-elements-if-needed>
    fn close_others(&self, cx: &mut JSContext) {
        // 1. "Assert: element has an open attribute." 2. "If element does not have a name
        //    attribute, or its name attribute is the empty string, then return."
        // 3. "Let groupMembers be a list of elements, containing all elements in element's details
        //    name group except for element, in tree order."
        // 4. "For each element otherElement of groupMembers: if the open attribute is set on
        //    otherElement, then: assert that otherElement is the only element in groupMembers
        //    that has the open attribute set; remove the open attribute on otherElement; break."
        if let Some(open) = self.other_group_members().into_iter().find(|d| d.element().has_attribute_named("open")) {
            open.element().remove_attribute_named(cx, None, "open");
        }
    }

    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#ensure-details-exclusivity-by-closing-the-given-element-if-needed>
    fn close_self_if_needed(&self, cx: &mut JSContext) {
        // 1. "If element does not have an open attribute, then return." 2. (no name: the group is
        //    empty.)
        if !self.element().has_attribute_named("open") {
            return;
        }
        // 3–4. "For each element otherElement of groupMembers: if the open attribute is set on
        //    otherElement, then remove the open attribute on element and break."
        if self.other_group_members().iter().any(|d| d.element().has_attribute_named("open")) {
            self.element().remove_attribute_named(cx, None, "open");
        }
    }

    /// <https://html.spec.whatwg.org/multipage/interactive-elements.html#queue-a-details-toggle-event-task>
    fn queue_toggle(&self, old_state: &str, new_state: &str) {
        crate::dom::html::toggletask::queue_toggle_task(self, |d| &d.pending_toggle, old_state, new_state);
    }
}

/// The details element's attribute changed steps
/// (<https://html.spec.whatwg.org/multipage/interactive-elements.html#the-details-element:concept-element-attributes-change-ext>).
pub fn attribute_changed(cx: &mut JSContext, element: &Element, name: &str, old: Option<&str>) {
    let Some(details) = element.downcast::<HTMLDetailsElement>() else {
        return;
    };
    match name {
        // 2. "If localName is name, then ensure details exclusivity by closing the given element
        //    if needed given element."
        "name" => details.close_self_if_needed(cx),
        "open" => {
            let now = element.has_attribute_named("open");
            // 3.1. "If one of oldValue or value is null and the other is not null": queue a toggle
            //      event task, "closed" → "open" when oldValue is null, else "open" → "closed".
            match (old.is_some(), now) {
                (false, true) => {
                    details.queue_toggle("closed", "open");
                    // 3.2. "If oldValue is null and value is not null, then ensure details
                    //      exclusivity by closing other elements if needed given element."
                    details.close_others(cx);
                }
                (true, false) => details.queue_toggle("open", "closed"),
                _ => {}
            }
        }
        _ => {}
    }
}

/// The details element's insertion steps: "ensure details exclusivity by closing the given
/// element if needed given insertedNode."
pub fn inserted(cx: &mut JSContext, node: &Node, _connected: bool) {
    if let Some(details) = node.downcast::<HTMLDetailsElement>() {
        details.close_self_if_needed(cx);
    }
}

impl HTMLDetailsElementMethods for HTMLDetailsElement {
    reflect_string!(
        Name,
        SetName,
        "name",
        "https://html.spec.whatwg.org/multipage/interactive-elements.html#dom-details-name"
    );
    reflect_bool!(
        Open,
        SetOpen,
        "open",
        "https://html.spec.whatwg.org/multipage/interactive-elements.html#dom-details-open"
    );
}

//! `HTMLSlotElement` (<https://html.spec.whatwg.org/multipage/scripting.html#the-slot-element>)
//! with named slot assignment, computed when asked (no slotchange events).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::Dictionaries::AssignedNodesOptions;
use crate::dom::bindings::codegen::HTMLSlotElementBinding::HTMLSlotElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::dom::shadowroot::find_slottables;
use crate::dom::html::htmlelement::HTMLElement;

#[dom_struct]
pub struct HTMLSlotElement {
    htmlelement: HTMLElement,
}

impl HTMLSlotElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLSlotElement> {
        let window = document.window_for_objects();
        crate::dom::bindings::classes::reflect_dom_object(
            cx,
            Box::new(HTMLSlotElement { htmlelement: HTMLElement::new_inherited(local_name, document) }),
            &window,
        )
    }

    /// <https://dom.spec.whatwg.org/#slot-name>: the name attribute's value, or the empty string.
    pub fn slot_name(&self) -> String {
        self.upcast::<Element>().get_attribute_value("name").unwrap_or_default()
    }

    /// <https://dom.spec.whatwg.org/#find-flattened-slotables>
    fn flattened_slottables(&self) -> Vec<DomRoot<Node>> {
        // 3. "Let slottables be the result of finding slottables given slot."
        let mut slottables = find_slottables(self);
        // 4. "If slottables is the empty list, then append each slottable child of slot, in tree
        //    order, to slottables."
        if slottables.is_empty() {
            slottables = self
                .upcast::<Node>()
                .children()
                .into_iter()
                .filter(|c| c.is::<Element>() || c.is::<crate::dom::dom::text::Text>())
                .collect();
        }
        // 5. "For each node in slottables: if node is a slot whose root is a shadow root, append
        //    the result of finding flattened slottables given node; otherwise append node."
        let mut result = Vec::new();
        for node in slottables {
            match node.downcast::<HTMLSlotElement>() {
                Some(slot) if slot.upcast::<Node>().root().is::<crate::dom::dom::shadowroot::ShadowRoot>() => {
                    result.extend(slot.flattened_slottables())
                }
                _ => result.push(node),
            }
        }
        result
    }

    /// The slot's children in the flat tree (<https://drafts.csswg.org/css-scoping/#flat-tree>):
    /// its flattened slottables (assigned nodes, else its own children), for layout.
    pub fn flat_tree_children(&self) -> Vec<DomRoot<Node>> {
        self.assigned(true)
    }

    fn assigned(&self, flatten: bool) -> Vec<DomRoot<Node>> {
        // "If options["flatten"] is false, then return this's assigned nodes. Return the result of
        // finding flattened slottables with this."
        if flatten {
            // 2. "If slot's root is not a shadow root, then return result."
            if !self.upcast::<Node>().root().is::<crate::dom::dom::shadowroot::ShadowRoot>() {
                return Vec::new();
            }
            self.flattened_slottables()
        } else {
            find_slottables(self)
        }
    }
}

impl HTMLSlotElementMethods for HTMLSlotElement {
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-slot-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        // Reflects the name content attribute.
        self.slot_name().into()
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-slot-name>
    fn SetName(&self, cx: &mut JSContext, value: DOMString) {
        self.upcast::<Element>().set_attribute_value(cx, "name", value.into());
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-slot-assignednodes>
    fn AssignedNodes(&self, _cx: &mut JSContext, options: &AssignedNodesOptions) -> Vec<DomRoot<Node>> {
        self.assigned(options.flatten)
    }
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-slot-assignedelements>
    fn AssignedElements(&self, _cx: &mut JSContext, options: &AssignedNodesOptions) -> Vec<DomRoot<Element>> {
        // The same, filtered to Element nodes.
        self.assigned(options.flatten).into_iter().filter_map(|n| n.downcast_root::<Element>()).collect()
    }
}

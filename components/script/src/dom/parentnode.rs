//! The `ParentNode` and `NonElementParentNode` mixins
//! (<https://dom.spec.whatwg.org/#interface-parentnode>), shared by Document,
//! DocumentFragment and Element.

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::Unions::NodeOrString;
use crate::dom::bindings::error::{ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::element::Element;
use crate::dom::node::Node;
use crate::dom::nodelist::NodeList;
use crate::dom::selectormatching::scope_match;

/// <https://dom.spec.whatwg.org/#dom-nonelementparentnode-getelementbyid>
pub fn get_element_by_id(node: &Node, id: &str) -> Option<DomRoot<Element>> {
    if id.is_empty() {
        return None;
    }
    node.element_descendants().into_iter().find(|e| e.get_attribute_value("id").as_deref() == Some(id))
}

/// <https://dom.spec.whatwg.org/#dom-parentnode-firstelementchild>
pub fn first_element_child(node: &Node) -> Option<DomRoot<Element>> {
    node.children().into_iter().find_map(|c| c.downcast_root::<Element>())
}

/// <https://dom.spec.whatwg.org/#dom-parentnode-lastelementchild>
pub fn last_element_child(node: &Node) -> Option<DomRoot<Element>> {
    node.children().into_iter().rev().find_map(|c| c.downcast_root::<Element>())
}

/// <https://dom.spec.whatwg.org/#dom-parentnode-childelementcount>
pub fn child_element_count(node: &Node) -> u32 {
    node.children().iter().filter(|c| c.is::<Element>()).count() as u32
}

/// <https://dom.spec.whatwg.org/#dom-parentnode-prepend>
pub fn prepend(cx: &mut JSContext, node: &Node, nodes: Vec<NodeOrString>) -> ErrorResult {
    // Step 1: convert nodes into a node; Step 2: pre-insert it before this's first child.
    let converted = node.convert_nodes_into_node(cx, nodes);
    let first = node.first_child();
    node.pre_insert(cx, &converted, first.as_deref()).map(|_| ())
}

/// <https://dom.spec.whatwg.org/#dom-parentnode-append>
pub fn append(cx: &mut JSContext, node: &Node, nodes: Vec<NodeOrString>) -> ErrorResult {
    // Step 1: convert nodes into a node; Step 2: append it to this.
    let converted = node.convert_nodes_into_node(cx, nodes);
    node.pre_insert(cx, &converted, None).map(|_| ())
}

/// <https://dom.spec.whatwg.org/#dom-parentnode-queryselector>
pub fn query_selector(node: &Node, selectors: &str) -> Fallible<Option<DomRoot<Element>>> {
    // Return the first result of running scope-match a selectors string selectors against this, if any.
    Ok(scope_match(node, selectors, true)?.into_iter().next())
}

/// <https://dom.spec.whatwg.org/#dom-parentnode-queryselectorall>
pub fn query_selector_all(cx: &mut JSContext, node: &Node, selectors: &str) -> Fallible<DomRoot<NodeList>> {
    // Return the static result of running scope-match a selectors string selectors against this.
    let found = scope_match(node, selectors, false)?;
    Ok(NodeList::new_static(cx, node, found.into_iter().map(DomRoot::upcast).collect()))
}

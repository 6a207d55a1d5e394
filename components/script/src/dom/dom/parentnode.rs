//! The `ParentNode` and `NonElementParentNode` mixins
//! (<https://dom.spec.whatwg.org/#interface-parentnode>), shared by Document,
//! DocumentFragment and Element.

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::Unions::NodeOrString;
use crate::dom::bindings::error::{ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::dom::nodelist::NodeList;
use crate::dom::dom::selectormatching::scope_match;

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

/// <https://dom.spec.whatwg.org/#dom-parentnode-replacechildren>
pub fn replace_children(cx: &mut JSContext, node: &Node, nodes: Vec<NodeOrString>) -> ErrorResult {
    // 1. "Let node be the result of converting nodes into a node given nodes and this's node document."
    let converted = node.convert_nodes_into_node(cx, nodes);
    // 2. "Ensure pre-insert validity of node into this before null."
    node.ensure_pre_insertion_validity(&converted, None)?;
    // 3. "Replace all with node within this."
    node.replace_all(cx, Some(&converted));
    Ok(())
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

/// The `ParentNode` mixin's members for an interface that includes it (Document,
/// DocumentFragment, Element): expands inside its `…Methods` impl, each member
/// calling the shared algorithm above.
macro_rules! parent_node_methods {
    () => {
        /// <https://dom.spec.whatwg.org/#dom-parentnode-children>
        fn Children(
            &self,
            cx: &mut mozjs::context::JSContext,
        ) -> $crate::dom::bindings::root::DomRoot<$crate::dom::dom::htmlcollection::HTMLCollection> {
            $crate::dom::dom::htmlcollection::HTMLCollection::children(cx, $crate::dom::dom::parentnode::as_node(self))
        }
        /// <https://dom.spec.whatwg.org/#dom-parentnode-firstelementchild>
        fn FirstElementChild(
            &self,
            _cx: &mut mozjs::context::JSContext,
        ) -> Option<$crate::dom::bindings::root::DomRoot<$crate::dom::dom::element::Element>> {
            $crate::dom::dom::parentnode::first_element_child($crate::dom::dom::parentnode::as_node(self))
        }
        /// <https://dom.spec.whatwg.org/#dom-parentnode-lastelementchild>
        fn LastElementChild(
            &self,
            _cx: &mut mozjs::context::JSContext,
        ) -> Option<$crate::dom::bindings::root::DomRoot<$crate::dom::dom::element::Element>> {
            $crate::dom::dom::parentnode::last_element_child($crate::dom::dom::parentnode::as_node(self))
        }
        /// <https://dom.spec.whatwg.org/#dom-parentnode-childelementcount>
        fn ChildElementCount(&self, _cx: &mut mozjs::context::JSContext) -> u32 {
            $crate::dom::dom::parentnode::child_element_count($crate::dom::dom::parentnode::as_node(self))
        }
        /// <https://dom.spec.whatwg.org/#dom-parentnode-prepend>
        fn Prepend(
            &self,
            cx: &mut mozjs::context::JSContext,
            nodes: Vec<$crate::dom::bindings::codegen::Unions::NodeOrString>,
        ) -> $crate::dom::bindings::error::ErrorResult {
            $crate::dom::dom::parentnode::prepend(cx, $crate::dom::dom::parentnode::as_node(self), nodes)
        }
        /// <https://dom.spec.whatwg.org/#dom-parentnode-append>
        fn Append(
            &self,
            cx: &mut mozjs::context::JSContext,
            nodes: Vec<$crate::dom::bindings::codegen::Unions::NodeOrString>,
        ) -> $crate::dom::bindings::error::ErrorResult {
            $crate::dom::dom::parentnode::append(cx, $crate::dom::dom::parentnode::as_node(self), nodes)
        }
        /// <https://dom.spec.whatwg.org/#dom-parentnode-replacechildren>
        fn ReplaceChildren(
            &self,
            cx: &mut mozjs::context::JSContext,
            nodes: Vec<$crate::dom::bindings::codegen::Unions::NodeOrString>,
        ) -> $crate::dom::bindings::error::ErrorResult {
            $crate::dom::dom::parentnode::replace_children(cx, $crate::dom::dom::parentnode::as_node(self), nodes)
        }
        /// <https://dom.spec.whatwg.org/#dom-parentnode-queryselector>
        fn QuerySelector(
            &self,
            _cx: &mut mozjs::context::JSContext,
            selectors: $crate::dom::bindings::str::DOMString,
        ) -> $crate::dom::bindings::error::Fallible<
            Option<$crate::dom::bindings::root::DomRoot<$crate::dom::dom::element::Element>>,
        > {
            $crate::dom::dom::parentnode::query_selector($crate::dom::dom::parentnode::as_node(self), &selectors)
        }
        /// <https://dom.spec.whatwg.org/#dom-parentnode-queryselectorall>
        fn QuerySelectorAll(
            &self,
            cx: &mut mozjs::context::JSContext,
            selectors: $crate::dom::bindings::str::DOMString,
        ) -> $crate::dom::bindings::error::Fallible<
            $crate::dom::bindings::root::DomRoot<$crate::dom::dom::nodelist::NodeList>,
        > {
            $crate::dom::dom::parentnode::query_selector_all(
                cx,
                $crate::dom::dom::parentnode::as_node(self),
                &selectors,
            )
        }
    };
}
pub(crate) use parent_node_methods;

/// The `NonElementParentNode` mixin's member (Document, DocumentFragment).
macro_rules! non_element_parent_node_methods {
    () => {
        /// <https://dom.spec.whatwg.org/#dom-nonelementparentnode-getelementbyid>
        fn GetElementById(
            &self,
            _cx: &mut mozjs::context::JSContext,
            id: $crate::dom::bindings::str::DOMString,
        ) -> Option<$crate::dom::bindings::root::DomRoot<$crate::dom::dom::element::Element>> {
            $crate::dom::dom::parentnode::get_element_by_id($crate::dom::dom::parentnode::as_node(self), &id)
        }
    };
}
pub(crate) use non_element_parent_node_methods;

/// The `NonDocumentTypeChildNode` mixin's members (Element, CharacterData).
macro_rules! non_document_type_child_node_methods {
    () => {
        /// <https://dom.spec.whatwg.org/#dom-nondocumenttypechildnode-previouselementsibling>
        fn PreviousElementSibling(
            &self,
            _cx: &mut mozjs::context::JSContext,
        ) -> Option<$crate::dom::bindings::root::DomRoot<$crate::dom::dom::element::Element>> {
            $crate::dom::dom::characterdata::previous_element_sibling($crate::dom::dom::parentnode::as_node(self))
        }
        /// <https://dom.spec.whatwg.org/#dom-nondocumenttypechildnode-nextelementsibling>
        fn NextElementSibling(
            &self,
            _cx: &mut mozjs::context::JSContext,
        ) -> Option<$crate::dom::bindings::root::DomRoot<$crate::dom::dom::element::Element>> {
            $crate::dom::dom::characterdata::next_element_sibling($crate::dom::dom::parentnode::as_node(self))
        }
    };
}
pub(crate) use non_document_type_child_node_methods;

/// The `ChildNode` mixin's members (Element, CharacterData, DocumentType).
macro_rules! child_node_methods {
    () => {
        /// <https://dom.spec.whatwg.org/#dom-childnode-before>
        fn Before(
            &self,
            cx: &mut mozjs::context::JSContext,
            nodes: Vec<$crate::dom::bindings::codegen::Unions::NodeOrString>,
        ) -> $crate::dom::bindings::error::ErrorResult {
            $crate::dom::dom::characterdata::child_node_before(cx, $crate::dom::dom::parentnode::as_node(self), nodes)
        }
        /// <https://dom.spec.whatwg.org/#dom-childnode-after>
        fn After(
            &self,
            cx: &mut mozjs::context::JSContext,
            nodes: Vec<$crate::dom::bindings::codegen::Unions::NodeOrString>,
        ) -> $crate::dom::bindings::error::ErrorResult {
            $crate::dom::dom::characterdata::child_node_after(cx, $crate::dom::dom::parentnode::as_node(self), nodes)
        }
        /// <https://dom.spec.whatwg.org/#dom-childnode-replacewith>
        fn ReplaceWith(
            &self,
            cx: &mut mozjs::context::JSContext,
            nodes: Vec<$crate::dom::bindings::codegen::Unions::NodeOrString>,
        ) -> $crate::dom::bindings::error::ErrorResult {
            $crate::dom::dom::characterdata::child_node_replace_with(
                cx,
                $crate::dom::dom::parentnode::as_node(self),
                nodes,
            )
        }
        /// <https://dom.spec.whatwg.org/#dom-childnode-remove>
        fn Remove(&self, cx: &mut mozjs::context::JSContext) {
            $crate::dom::dom::characterdata::child_node_remove(cx, $crate::dom::dom::parentnode::as_node(self))
        }
    };
}
pub(crate) use child_node_methods;

/// `node` as a `Node`, for the mixin macros (their includers all derive from Node).
pub fn as_node<T: Castable + crate::dom::bindings::inheritance::DerivedFrom<Node>>(node: &T) -> &Node {
    node.upcast::<Node>()
}

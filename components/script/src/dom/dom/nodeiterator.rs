//! `NodeIterator` (<https://dom.spec.whatwg.org/#interface-nodeiterator>), with the pre-removing
//! steps that keep its reference valid when the tree changes.

use std::cell::Cell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::NodeFilter;
use crate::dom::bindings::codegen::NodeIteratorBinding::NodeIteratorMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::{Reflector, same_object};
use crate::dom::bindings::root::{Dom, DomRoot, MutDom};
use crate::dom::dom::document::Document;
use crate::dom::dom::node::Node;
use crate::dom::dom::traversal::{FILTER_ACCEPT, filter_node};

#[dom_struct]
pub struct NodeIterator {
    reflector_: Reflector,
    root: Dom<Node>,
    #[no_trace]
    what_to_show: u32,
    filter: Option<Rc<NodeFilter>>,
    #[no_trace]
    active: Cell<bool>,
    /// <https://dom.spec.whatwg.org/#nodeiterator-reference>
    reference: MutDom<Node>,
    /// <https://dom.spec.whatwg.org/#nodeiterator-pointer-before-reference>
    #[no_trace]
    pointer_before_reference: Cell<bool>,
}

/// The node following `node` in tree order within `root` (<https://dom.spec.whatwg.org/#concept-tree-following>).
fn following(node: &Node, root: &Node) -> Option<DomRoot<Node>> {
    if let Some(child) = node.first_child() {
        return Some(child);
    }
    following_skipping_children(node, root)
}

/// The first node following `node` that is not one of its descendants, within `root`.
fn following_skipping_children(node: &Node, root: &Node) -> Option<DomRoot<Node>> {
    let mut current = DomRoot::from_ref(node);
    loop {
        if same_object(&*current, root) {
            return None;
        }
        if let Some(sibling) = current.next_sibling() {
            return Some(sibling);
        }
        current = current.parent()?;
    }
}

/// The node preceding `node` in tree order within `root` (<https://dom.spec.whatwg.org/#concept-tree-preceding>).
fn preceding(node: &Node, root: &Node) -> Option<DomRoot<Node>> {
    if same_object(node, root) {
        return None;
    }
    match node.prev_sibling() {
        Some(sibling) => Some(last_inclusive_descendant(&sibling)),
        None => node.parent(),
    }
}

/// The inclusive descendant of `node` that comes last in tree order.
fn last_inclusive_descendant(node: &Node) -> DomRoot<Node> {
    let mut last = DomRoot::from_ref(node);
    while let Some(child) = last.last_child() {
        last = child;
    }
    last
}

impl NodeIterator {
    /// <https://dom.spec.whatwg.org/#dom-document-createnodeiterator>
    pub fn new(
        cx: &mut JSContext,
        document: &Document,
        root: &Node,
        what_to_show: u32,
        filter: Option<Rc<NodeFilter>>,
    ) -> DomRoot<NodeIterator> {
        // 1. "Let iterator be a new NodeIterator object." 2. "Set iterator's root and iterator's
        //    reference to root." 3. "Set iterator's pointer before reference to true."
        //    4. "Set iterator's whatToShow to whatToShow." 5. "Set iterator's filter to filter."
        let window = document.window_for_objects();
        let iterator = reflect_dom_object(
            cx,
            Box::new(NodeIterator {
                reflector_: Reflector::new(),
                root: Dom::from_ref(root),
                what_to_show,
                filter,
                active: Cell::new(false),
                reference: MutDom::new(root),
                pointer_before_reference: Cell::new(true),
            }),
            &window,
        );
        // The pre-removing steps run for "each NodeIterator object iterator whose root's node
        // document is node's node document": the root's node document keeps the list.
        // FIXME: the list holds the iterators strongly (no weak references to DOM objects yet),
        // so an iterator lives as long as that document; an adopted root keeps the old document's.
        root.owner_doc().register_node_iterator(&iterator);
        // 6. "Return iterator."
        iterator
    }

    /// <https://dom.spec.whatwg.org/#nodeiterator-pre-removing-steps>
    pub fn pre_removing_steps(&self, to_be_removed: &Node) {
        let reference = self.reference.get();
        // 1. "If toBeRemovedNode is not an inclusive ancestor of nodeIterator's reference, or
        //    toBeRemovedNode is nodeIterator's root, then return."
        if !to_be_removed.is_inclusive_ancestor_of(&reference) || same_object(to_be_removed, &*self.root) {
            return;
        }
        // 2. "If nodeIterator's pointer before reference is true, then:"
        if self.pointer_before_reference.get() {
            // 2.1. "Let next be toBeRemovedNode's first following node that is an inclusive
            //      descendant of nodeIterator's root and is not an inclusive descendant of
            //      toBeRemovedNode, and null if there is no such node."
            let next = following_skipping_children(to_be_removed, &self.root);
            // 2.2. "If next is non-null, then set nodeIterator's reference to next and return."
            if let Some(next) = next {
                self.reference.set(&next);
                return;
            }
            // 2.3. "Otherwise, set nodeIterator's pointer before reference to false."
            self.pointer_before_reference.set(false);
        }
        // 3. "Set nodeIterator's reference to toBeRemovedNode's parent, if toBeRemovedNode's
        //    previous sibling is null, and to the inclusive descendant of toBeRemovedNode's
        //    previous sibling that appears last in tree order otherwise."
        let new_reference = match to_be_removed.prev_sibling() {
            None => to_be_removed.parent(),
            Some(sibling) => Some(last_inclusive_descendant(&sibling)),
        };
        if let Some(new_reference) = new_reference {
            self.reference.set(&new_reference);
        }
    }

    /// The root (for the document's list).
    pub fn root(&self) -> DomRoot<Node> {
        self.root.as_rooted()
    }

    /// <https://dom.spec.whatwg.org/#concept-nodeiterator-traverse>
    fn traverse(&self, cx: &mut JSContext, next: bool) -> Fallible<Option<DomRoot<Node>>> {
        // 1. "Let node be iterator's reference." 2. "Let beforeNode be iterator's pointer before
        //    reference."
        let mut node = self.reference.get();
        let mut before_node = self.pointer_before_reference.get();
        // 3. "While true:"
        loop {
            // 3.1. "Branch on direction:"
            if next {
                // next: "If beforeNode is false, then set node to the first node following node in
                // iterator's iterator collection. If there is no such node, then return null.
                // If beforeNode is true, then set it to false."
                if !before_node {
                    match following(&node, &self.root) {
                        Some(n) => node = n,
                        None => return Ok(None),
                    }
                } else {
                    before_node = false;
                }
            } else {
                // previous: "If beforeNode is true, then set node to the first node preceding node
                // in iterator's iterator collection. If there is no such node, then return null.
                // If beforeNode is false, then set it to true."
                if before_node {
                    match preceding(&node, &self.root) {
                        Some(n) => node = n,
                        None => return Ok(None),
                    }
                } else {
                    before_node = true;
                }
            }
            // 3.2. "Let result be the result of filtering node within iterator."
            let result = filter_node(cx, &node, self.what_to_show, self.filter.as_ref(), &self.active)?;
            // 3.3. "If result is FILTER_ACCEPT, then break."
            if result == FILTER_ACCEPT {
                break;
            }
        }
        // 4. "Set iterator's reference to node." 5. "Set iterator's pointer before reference to
        //    beforeNode." 6. "Return node."
        self.reference.set(&node);
        self.pointer_before_reference.set(before_node);
        Ok(Some(node))
    }
}

impl NodeIteratorMethods for NodeIterator {
    /// <https://dom.spec.whatwg.org/#dom-nodeiterator-root>
    fn Root(&self, _cx: &mut JSContext) -> DomRoot<Node> {
        self.root.as_rooted()
    }
    /// <https://dom.spec.whatwg.org/#dom-nodeiterator-referencenode>
    fn ReferenceNode(&self, _cx: &mut JSContext) -> DomRoot<Node> {
        self.reference.get()
    }
    /// <https://dom.spec.whatwg.org/#dom-nodeiterator-pointerbeforereferencenode>
    fn PointerBeforeReferenceNode(&self, _cx: &mut JSContext) -> bool {
        self.pointer_before_reference.get()
    }
    /// <https://dom.spec.whatwg.org/#dom-nodeiterator-whattoshow>
    fn WhatToShow(&self, _cx: &mut JSContext) -> u32 {
        self.what_to_show
    }
    /// <https://dom.spec.whatwg.org/#dom-nodeiterator-filter>
    fn Filter(&self, _cx: &mut JSContext) -> Option<Rc<NodeFilter>> {
        self.filter.clone()
    }
    /// <https://dom.spec.whatwg.org/#dom-nodeiterator-nextnode>
    fn NextNode(&self, cx: &mut JSContext) -> Fallible<Option<DomRoot<Node>>> {
        // "return the result of traversing with this and next."
        self.traverse(cx, true)
    }
    /// <https://dom.spec.whatwg.org/#dom-nodeiterator-previousnode>
    fn PreviousNode(&self, cx: &mut JSContext) -> Fallible<Option<DomRoot<Node>>> {
        // "return the result of traversing with this and previous."
        self.traverse(cx, false)
    }
    /// <https://dom.spec.whatwg.org/#dom-nodeiterator-detach>
    fn Detach(&self, _cx: &mut JSContext) {
        // "The detach() method steps are to do nothing."
    }
}

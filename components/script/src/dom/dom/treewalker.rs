//! `TreeWalker` (<https://dom.spec.whatwg.org/#interface-treewalker>).

use std::cell::Cell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::NodeFilter;
use crate::dom::bindings::codegen::TreeWalkerBinding::TreeWalkerMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::{Reflector, same_object};
use crate::dom::bindings::root::{Dom, DomRoot, MutDom};
use crate::dom::dom::document::Document;
use crate::dom::dom::node::Node;
use crate::dom::dom::traversal::{FILTER_ACCEPT, FILTER_REJECT, FILTER_SKIP, filter_node};

#[dom_struct]
pub struct TreeWalker {
    reflector_: Reflector,
    root: Dom<Node>,
    #[no_trace]
    what_to_show: u32,
    filter: Option<Rc<NodeFilter>>,
    #[no_trace]
    active: Cell<bool>,
    current: MutDom<Node>,
}

/// Which child `traverse_children` starts from.
#[derive(Clone, Copy, PartialEq)]
enum Edge {
    First,
    Last,
}

impl TreeWalker {
    /// <https://dom.spec.whatwg.org/#dom-document-createtreewalker>
    pub fn new(
        cx: &mut JSContext,
        document: &Document,
        root: &Node,
        what_to_show: u32,
        filter: Option<Rc<NodeFilter>>,
    ) -> DomRoot<TreeWalker> {
        // 1. "Let walker be a new TreeWalker object." 2. "Set walker's root and walker's
        //    current to root." 3. "Set walker's whatToShow to whatToShow." 4. "Set walker's
        //    filter to filter." 5. "Return walker."
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(TreeWalker {
                reflector_: Reflector::new(),
                root: Dom::from_ref(root),
                what_to_show,
                filter,
                active: Cell::new(false),
                current: MutDom::new(root),
            }),
            &window,
        )
    }

    fn filter(&self, cx: &mut JSContext, node: &Node) -> Fallible<u16> {
        filter_node(cx, node, self.what_to_show, self.filter.as_ref(), &self.active)
    }

    fn is_root(&self, node: &Node) -> bool {
        same_object(node, &*self.root)
    }

    /// <https://dom.spec.whatwg.org/#concept-traverse-children>
    fn traverse_children(&self, cx: &mut JSContext, edge: Edge) -> Fallible<Option<DomRoot<Node>>> {
        let first = |n: &Node| if edge == Edge::First { n.first_child() } else { n.last_child() };
        let next = |n: &Node| if edge == Edge::First { n.next_sibling() } else { n.prev_sibling() };
        // 1. "Let node be walker's current." 2. "Set node to node's first child if type is
        //    first, and node's last child if type is last."
        let mut node = first(&self.current.get());
        // 3. "While node is non-null:"
        while let Some(n) = node {
            // 3.1. "Let result be the result of filtering node within walker."
            let result = self.filter(cx, &n)?;
            // 3.2. "If result is FILTER_ACCEPT, then set walker's current to node and return node."
            if result == FILTER_ACCEPT {
                self.current.set(&n);
                return Ok(Some(n));
            }
            // 3.3. "If result is FILTER_SKIP, then: let child be node's first child if type is
            //      first, and node's last child if type is last. If child is non-null, then set
            //      node to child and continue."
            if result == FILTER_SKIP
                && let Some(child) = first(&n)
            {
                node = Some(child);
                continue;
            }
            // 3.4. "While node is non-null:"
            let mut current = Some(n);
            node = None;
            while let Some(c) = current {
                // 3.4.1. "Let sibling be node's next sibling if type is first, and node's previous
                //        sibling if type is last." 3.4.2. "If sibling is non-null, then set node to
                //        sibling and break."
                if let Some(sibling) = next(&c) {
                    node = Some(sibling);
                    break;
                }
                // 3.4.3. "Let parent be node's parent." 3.4.4. "If parent is null, walker's root,
                //        or walker's current, then return null."
                let parent = c.parent();
                match &parent {
                    None => return Ok(None),
                    Some(p) if self.is_root(p) || same_object(&**p, &*self.current.get()) => return Ok(None),
                    _ => {}
                }
                // 3.4.5. "Set node to parent."
                current = parent;
            }
        }
        // 4. "Return null."
        Ok(None)
    }

    /// <https://dom.spec.whatwg.org/#concept-traverse-siblings>
    fn traverse_siblings(&self, cx: &mut JSContext, edge: Edge) -> Fallible<Option<DomRoot<Node>>> {
        // Edge::First is "next", Edge::Last is "previous".
        let sibling_of = |n: &Node| if edge == Edge::First { n.next_sibling() } else { n.prev_sibling() };
        let child_of = |n: &Node| if edge == Edge::First { n.first_child() } else { n.last_child() };
        // 1. "Let node be walker's current." 2. "If node is root, then return null."
        let mut node = self.current.get();
        if self.is_root(&node) {
            return Ok(None);
        }
        // 3. "While true:"
        loop {
            // 3.1. "Let sibling be node's next sibling if type is next, and node's previous
            //      sibling if type is previous."
            let mut sibling = sibling_of(&node);
            // 3.2. "While sibling is non-null:"
            while let Some(s) = sibling {
                // 3.2.1. "Set node to sibling." 3.2.2. "Let result be the result of filtering node
                //        within walker."
                node = s;
                let result = self.filter(cx, &node)?;
                // 3.2.3. "If result is FILTER_ACCEPT, then set walker's current to node and return node."
                if result == FILTER_ACCEPT {
                    self.current.set(&node);
                    return Ok(Some(node));
                }
                // 3.2.4. "Set sibling to node's first child if type is next, and node's last child
                //        if type is previous."
                sibling = child_of(&node);
                // 3.2.5. "If result is FILTER_REJECT or sibling is null, then set sibling to node's
                //        next sibling if type is next, and node's previous sibling if type is previous."
                if result == FILTER_REJECT || sibling.is_none() {
                    sibling = sibling_of(&node);
                }
            }
            // 3.3. "Set node to node's parent."
            let Some(parent) = node.parent() else { return Ok(None) };
            node = parent;
            // 3.4. "If node is null or walker's root, then return null."
            if self.is_root(&node) {
                return Ok(None);
            }
            // 3.5. "If the return value of filtering node within walker is FILTER_ACCEPT, then
            //      return null."
            if self.filter(cx, &node)? == FILTER_ACCEPT {
                return Ok(None);
            }
        }
    }
}

impl TreeWalkerMethods for TreeWalker {
    /// <https://dom.spec.whatwg.org/#dom-treewalker-root>
    fn Root(&self, _cx: &mut JSContext) -> DomRoot<Node> {
        self.root.as_rooted()
    }
    /// <https://dom.spec.whatwg.org/#dom-treewalker-whattoshow>
    fn WhatToShow(&self, _cx: &mut JSContext) -> u32 {
        self.what_to_show
    }
    /// <https://dom.spec.whatwg.org/#dom-treewalker-filter>
    fn Filter(&self, _cx: &mut JSContext) -> Option<Rc<NodeFilter>> {
        self.filter.clone()
    }
    /// <https://dom.spec.whatwg.org/#dom-treewalker-currentnode>
    fn CurrentNode(&self, _cx: &mut JSContext) -> DomRoot<Node> {
        self.current.get()
    }
    /// <https://dom.spec.whatwg.org/#dom-treewalker-currentnode>
    fn SetCurrentNode(&self, _cx: &mut JSContext, node: &Node) {
        // "The currentNode setter steps are to set this's current to the given value."
        self.current.set(node);
    }
    /// <https://dom.spec.whatwg.org/#dom-treewalker-parentnode>
    fn ParentNode(&self, cx: &mut JSContext) -> Fallible<Option<DomRoot<Node>>> {
        // 1. "Let node be this's current."
        let mut node = Some(self.current.get());
        // 2. "While node is non-null and is not this's root:"
        while let Some(n) = node {
            if self.is_root(&n) {
                break;
            }
            // 2.1. "Set node to node's parent."
            node = n.parent();
            // 2.2. "If node is non-null and filtering node within this returns FILTER_ACCEPT,
            //      then set this's current to node and return node."
            if let Some(p) = &node
                && self.filter(cx, p)? == FILTER_ACCEPT
            {
                self.current.set(p);
                return Ok(Some(p.clone()));
            }
        }
        // 3. "Return null."
        Ok(None)
    }
    /// <https://dom.spec.whatwg.org/#dom-treewalker-firstchild>
    fn FirstChild(&self, cx: &mut JSContext) -> Fallible<Option<DomRoot<Node>>> {
        self.traverse_children(cx, Edge::First)
    }
    /// <https://dom.spec.whatwg.org/#dom-treewalker-lastchild>
    fn LastChild(&self, cx: &mut JSContext) -> Fallible<Option<DomRoot<Node>>> {
        self.traverse_children(cx, Edge::Last)
    }
    /// <https://dom.spec.whatwg.org/#dom-treewalker-previoussibling>
    fn PreviousSibling(&self, cx: &mut JSContext) -> Fallible<Option<DomRoot<Node>>> {
        self.traverse_siblings(cx, Edge::Last)
    }
    /// <https://dom.spec.whatwg.org/#dom-treewalker-nextsibling>
    fn NextSibling(&self, cx: &mut JSContext) -> Fallible<Option<DomRoot<Node>>> {
        self.traverse_siblings(cx, Edge::First)
    }
    /// <https://dom.spec.whatwg.org/#dom-treewalker-previousnode>
    fn PreviousNode(&self, cx: &mut JSContext) -> Fallible<Option<DomRoot<Node>>> {
        // 1. "Let node be this's current."
        let mut node = self.current.get();
        // 2. "While node is not this's root:"
        while !self.is_root(&node) {
            // 2.1. "Let sibling be node's previous sibling."
            let mut sibling = node.prev_sibling();
            // 2.2. "While sibling is non-null:"
            while let Some(s) = sibling {
                // 2.2.1. "Set node to sibling." 2.2.2. "Let result be the result of filtering node
                //        within this."
                node = s;
                let mut result = self.filter(cx, &node)?;
                // 2.2.3. "While result is not FILTER_REJECT and node has a child: set node to
                //        node's last child; set result to the result of filtering node within this."
                while result != FILTER_REJECT {
                    let Some(last) = node.last_child() else { break };
                    node = last;
                    result = self.filter(cx, &node)?;
                }
                // 2.2.4. "If result is FILTER_ACCEPT, then set this's current to node and return node."
                if result == FILTER_ACCEPT {
                    self.current.set(&node);
                    return Ok(Some(node));
                }
                // 2.2.5. "Set sibling to node's previous sibling."
                sibling = node.prev_sibling();
            }
            // 2.3. "If node is this's root or node's parent is null, then return null."
            let Some(parent) = node.parent() else { return Ok(None) };
            if self.is_root(&node) {
                return Ok(None);
            }
            // 2.4. "Set node to node's parent."
            node = parent;
            // 2.5. "If the return value of filtering node within this is FILTER_ACCEPT, then set
            //      this's current to node and return node."
            if self.filter(cx, &node)? == FILTER_ACCEPT {
                self.current.set(&node);
                return Ok(Some(node));
            }
        }
        // 3. "Return null."
        Ok(None)
    }
    /// <https://dom.spec.whatwg.org/#dom-treewalker-nextnode>
    fn NextNode(&self, cx: &mut JSContext) -> Fallible<Option<DomRoot<Node>>> {
        // 1. "Let node be this's current." 2. "Let result be FILTER_ACCEPT."
        let mut node = self.current.get();
        let mut result = FILTER_ACCEPT;
        // 3. "While true:"
        loop {
            // 3.1. "While result is not FILTER_REJECT and node has a child:"
            while result != FILTER_REJECT {
                let Some(child) = node.first_child() else { break };
                // 3.1.1. "Set node to its first child." 3.1.2. "Set result to the result of
                //        filtering node within this."
                node = child;
                result = self.filter(cx, &node)?;
                // 3.1.3. "If result is FILTER_ACCEPT, then set this's current to node and return node."
                if result == FILTER_ACCEPT {
                    self.current.set(&node);
                    return Ok(Some(node));
                }
            }
            // 3.2. "Let sibling be null." 3.3. "Let temporary be node."
            let mut sibling = None;
            let mut temporary = Some(node.clone());
            // 3.4. "While temporary is non-null:"
            while let Some(t) = temporary {
                // 3.4.1. "If temporary is this's root, then return null."
                if self.is_root(&t) {
                    return Ok(None);
                }
                // 3.4.2. "Set sibling to temporary's next sibling." 3.4.3. "If sibling is
                //        non-null, then set node to sibling and break."
                sibling = t.next_sibling();
                if sibling.is_some() {
                    break;
                }
                // 3.4.4. "Set temporary to temporary's parent."
                temporary = t.parent();
            }
            // FIXME: the spec has no exit when current lies outside root and nothing follows it
            // (it would filter the same node forever); return null as if the root were reached.
            let Some(s) = sibling else { return Ok(None) };
            node = s;
            // 3.5. "Set result to the result of filtering node within this."
            result = self.filter(cx, &node)?;
            // 3.6. "If result is FILTER_ACCEPT, then set this's current to node and return node."
            if result == FILTER_ACCEPT {
                self.current.set(&node);
                return Ok(Some(node));
            }
        }
    }
}

//! `Node` and the tree (<https://dom.spec.whatwg.org/#interface-node>).

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::NodeBinding::NodeMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::same_object;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::document::Document;
use crate::dom::dom::documentfragment::DocumentFragment;
use crate::dom::dom::documenttype::DocumentType;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::nodelist::NodeList;
use crate::dom::dom::processinginstruction::{CDATASection, ProcessingInstruction};
use crate::dom::dom::shadowroot::ShadowRoot;
use crate::dom::dom::text::Text;

/// What kind of node a `Node` is (its `nodeType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Element,
    /// An `Attr` (<https://dom.spec.whatwg.org/#interface-attr>): never in a tree.
    Attribute,
    Text,
    Comment,
    /// A `ProcessingInstruction`. (A `CDATASection` is a `Text` node: `NodeKind::Text`.)
    ProcessingInstruction,
    Document,
    DocumentType,
    DocumentFragment,
}

#[dom_struct]
pub struct Node {
    eventtarget: EventTarget,
    #[no_trace]
    kind: NodeKind,
    parent: MutNullableDom<Node>,
    first_child: MutNullableDom<Node>,
    last_child: MutNullableDom<Node>,
    prev_sibling: MutNullableDom<Node>,
    next_sibling: MutNullableDom<Node>,
    /// None only for documents, whose node document is themselves.
    owner_document: MutNullableDom<Document>,
    #[no_trace]
    child_count: Cell<u32>,
    /// <https://dom.spec.whatwg.org/#registered-observer-list>
    registered_observers: RefCell<Vec<crate::dom::dom::mutationobserver::Registration>>,
}

impl Node {
    pub fn new_inherited(kind: NodeKind, document: Option<&Document>) -> Node {
        Node {
            eventtarget: EventTarget::new_inherited(),
            kind,
            parent: Default::default(),
            first_child: Default::default(),
            last_child: Default::default(),
            prev_sibling: Default::default(),
            next_sibling: Default::default(),
            owner_document: MutNullableDom::new(document),
            child_count: Cell::new(0),
            registered_observers: RefCell::new(Vec::new()),
        }
    }

    /// The node's registered observers (MutationObserver).
    pub fn registered_observers(&self) -> std::cell::Ref<'_, Vec<crate::dom::dom::mutationobserver::Registration>> {
        self.registered_observers.borrow()
    }

    pub fn registered_observers_mut(
        &self,
    ) -> std::cell::RefMut<'_, Vec<crate::dom::dom::mutationobserver::Registration>> {
        self.registered_observers.borrow_mut()
    }

    pub fn kind(&self) -> NodeKind {
        self.kind
    }

    pub fn is_element(&self) -> bool {
        self.kind == NodeKind::Element
    }

    /// The node document (<https://dom.spec.whatwg.org/#concept-node-document>).
    pub fn owner_doc(&self) -> DomRoot<Document> {
        match self.owner_document.get() {
            Some(d) => d,
            None => DomRoot::from_ref(self.downcast::<Document>().expect("only a document has no node document")),
        }
    }

    pub fn set_owner_doc(&self, document: &Document) {
        if self.kind != NodeKind::Document {
            self.owner_document.set(Some(document));
        }
    }

    pub fn parent(&self) -> Option<DomRoot<Node>> {
        self.parent.get()
    }
    pub fn first_child(&self) -> Option<DomRoot<Node>> {
        self.first_child.get()
    }
    pub fn last_child(&self) -> Option<DomRoot<Node>> {
        self.last_child.get()
    }
    pub fn next_sibling(&self) -> Option<DomRoot<Node>> {
        self.next_sibling.get()
    }
    pub fn prev_sibling(&self) -> Option<DomRoot<Node>> {
        self.prev_sibling.get()
    }
    pub fn child_count(&self) -> u32 {
        self.child_count.get()
    }

    /// The children, in order.
    pub fn children(&self) -> Vec<DomRoot<Node>> {
        let mut out = Vec::with_capacity(self.child_count.get() as usize);
        let mut child = self.first_child.get();
        while let Some(c) = child {
            child = c.next_sibling.get();
            out.push(c);
        }
        out
    }

    /// The inclusive descendants in tree order.
    pub fn traverse_preorder(&self) -> Vec<DomRoot<Node>> {
        let mut out = Vec::new();
        let mut stack = vec![DomRoot::from_ref(self)];
        while let Some(node) = stack.pop() {
            let mut children = node.children();
            children.reverse();
            stack.extend(children);
            out.push(node);
        }
        out
    }

    /// Calls `f` with each inclusive descendant in tree order, holding one root at a time: for
    /// walks over a whole document, where [`Node::traverse_preorder`]'s vector of roots costs
    /// time quadratic in its length when it is dropped (stack roots are released by a search
    /// from the newest). `f` must not change the tree.
    pub fn for_each_inclusive_descendant(&self, mut f: impl FnMut(&Node)) {
        let mut node = DomRoot::from_ref(self);
        loop {
            f(&node);
            if let Some(child) = node.first_child.get() {
                node = child;
                continue;
            }
            loop {
                if std::ptr::eq(&*node, self) {
                    return;
                }
                if let Some(next) = node.next_sibling.get() {
                    node = next;
                    break;
                }
                match node.parent.get() {
                    Some(parent) => node = parent,
                    None => return,
                }
            }
        }
    }

    /// The element descendants (exclusive) in tree order.
    pub fn element_descendants(&self) -> Vec<DomRoot<Element>> {
        self.traverse_preorder().into_iter().skip(1).filter_map(|n| n.downcast_root::<Element>()).collect()
    }

    /// The root (<https://dom.spec.whatwg.org/#concept-tree-root>).
    pub fn root(&self) -> DomRoot<Node> {
        let mut node = DomRoot::from_ref(self);
        while let Some(p) = node.parent.get() {
            node = p;
        }
        node
    }

    /// <https://dom.spec.whatwg.org/#concept-shadow-including-root>: the root, or, if that is
    /// a shadow root, its host's shadow-including root.
    pub fn shadow_including_root(&self) -> DomRoot<Node> {
        let mut root = self.root();
        while let Some(host) = root.downcast::<ShadowRoot>().map(|s| s.host()) {
            root = host.upcast::<Node>().root();
        }
        root
    }

    /// <https://dom.spec.whatwg.org/#connected>: its shadow-including root is a document.
    pub fn is_connected(&self) -> bool {
        self.shadow_including_root().kind == NodeKind::Document
    }

    /// The shadow-including inclusive descendants, in shadow-including tree order
    /// (<https://dom.spec.whatwg.org/#concept-shadow-including-tree-order>): a shadow host's
    /// shadow root and its tree come right after the host, before the host's children.
    pub fn shadow_including_inclusive_descendants(&self) -> Vec<DomRoot<Node>> {
        let mut out = Vec::new();
        let mut stack = vec![DomRoot::from_ref(self)];
        while let Some(node) = stack.pop() {
            let mut children = node.children();
            children.reverse();
            stack.extend(children);
            if let Some(shadow) = node.downcast::<Element>().and_then(|e| e.shadow_root()) {
                stack.push(DomRoot::upcast(shadow));
            }
            out.push(node);
        }
        out
    }

    /// The shadow-including descendants (exclusive), in shadow-including tree order.
    pub fn shadow_including_descendants(&self) -> Vec<DomRoot<Node>> {
        self.shadow_including_inclusive_descendants().into_iter().skip(1).collect()
    }

    /// <https://dom.spec.whatwg.org/#concept-shadow-including-inclusive-ancestor>: "an inclusive
    /// ancestor or a shadow-including inclusive ancestor of other's root's host".
    pub fn is_shadow_including_inclusive_ancestor_of(&self, other: &Node) -> bool {
        let mut node = Some(DomRoot::from_ref(other));
        while let Some(n) = node {
            if same_object(&*n, self) {
                return true;
            }
            node = match n.parent.get() {
                Some(p) => Some(p),
                None => n.downcast::<ShadowRoot>().map(|s| DomRoot::upcast(s.host())),
            };
        }
        false
    }

    /// <https://dom.spec.whatwg.org/#concept-tree-host-including-inclusive-ancestor>
    pub fn is_host_including_inclusive_ancestor_of(&self, other: &Node) -> bool {
        let mut node = Some(DomRoot::from_ref(other));
        while let Some(n) = node {
            if same_object(&*n, self) {
                return true;
            }
            // "or if B's root has a non-null host and A is a host-including inclusive ancestor
            // of B's root's host": a shadow root's host, or the template element whose
            // contents the fragment is.
            node = match n.parent.get() {
                Some(p) => Some(p),
                None => n.downcast::<ShadowRoot>().map(|s| DomRoot::upcast(s.host())).or_else(|| {
                    n.downcast::<crate::dom::dom::documentfragment::DocumentFragment>()
                        .and_then(|f| f.host())
                        .map(DomRoot::upcast)
                }),
            };
        }
        false
    }

    pub fn is_inclusive_ancestor_of(&self, other: &Node) -> bool {
        let mut node = Some(DomRoot::from_ref(other));
        while let Some(n) = node {
            if same_object(&*n, self) {
                return true;
            }
            node = n.parent.get();
        }
        false
    }

    /// <https://dom.spec.whatwg.org/#concept-child-text-content>
    pub fn child_text_content(&self) -> String {
        self.children()
            .iter()
            .filter_map(|c| c.downcast::<Text>().map(|t| t.upcast::<CharacterData>().data_string()))
            .collect()
    }

    /// <https://dom.spec.whatwg.org/#concept-descendant-text-content>
    pub fn descendant_text_content(&self) -> String {
        self.traverse_preorder()
            .iter()
            .filter_map(|n| n.downcast::<Text>().map(|t| t.upcast::<CharacterData>().data_string()))
            .collect()
    }

    /// <https://dom.spec.whatwg.org/#concept-node-ensure-pre-insertion-validity>
    pub fn ensure_pre_insertion_validity(&self, node: &Node, child: Option<&Node>) -> ErrorResult {
        self.ensure_validity(node, child, false)
    }

    /// Steps 1–6 of pre-insertion validity, or, with `replacing`, of
    /// <https://dom.spec.whatwg.org/#concept-node-replace> (child is the node replaced: it does
    /// not count as a child, and the order checks are against it).
    fn ensure_validity(&self, node: &Node, child: Option<&Node>, replacing: bool) -> ErrorResult {
        // Step 1: parent must be a Document, DocumentFragment or Element.
        if !matches!(self.kind, NodeKind::Document | NodeKind::DocumentFragment | NodeKind::Element) {
            return Err(Error::HierarchyRequest("The parent cannot have children.".into()));
        }
        // Step 2: node must not be a host-including inclusive ancestor of parent.
        if node.is_host_including_inclusive_ancestor_of(self) {
            return Err(Error::HierarchyRequest("The new child contains the parent.".into()));
        }
        // Step 3: child, if given, must be a child of parent.
        if let Some(child) = child
            && !child.parent.is(Some(self))
        {
            return Err(Error::NotFound(
                "The node before which the new node is to be inserted is not a child of this node.".into(),
            ));
        }
        // Step 4: node must be a DocumentFragment, DocumentType, Element or CharacterData.
        if node.kind == NodeKind::Document {
            return Err(Error::HierarchyRequest("A document cannot be inserted.".into()));
        }
        if node.kind == NodeKind::Attribute {
            return Err(Error::HierarchyRequest("An attribute cannot be inserted.".into()));
        }
        // Step 5: no text in a document, no doctype outside one.
        if (node.kind == NodeKind::Text && self.kind == NodeKind::Document)
            || (node.kind == NodeKind::DocumentType && self.kind != NodeKind::Document)
        {
            return Err(Error::HierarchyRequest("This node cannot be inserted here.".into()));
        }
        // Step 6: a document has at most one element and one doctype, doctype first.
        if self.kind == NodeKind::Document {
            let children = self.children();
            let is_element = |n: &Node| n.kind == NodeKind::Element;
            let is_doctype = |n: &Node| n.kind == NodeKind::DocumentType;
            let not_child = |c: &Node| !replacing || child.is_none_or(|ch| !same_object(c, ch));
            // "parent has an element child" ("that is not child", when replacing).
            let has_element_child = children.iter().any(|c| is_element(c) && not_child(c));
            // "child is non-null and a doctype is following child".
            let doctype_follows = child.is_some_and(|ch| {
                let mut n = ch.next_sibling();
                while let Some(s) = n {
                    if is_doctype(&s) {
                        return true;
                    }
                    n = s.next_sibling();
                }
                false
            });
            // "child is a doctype" (pre-insert only: replacing a doctype by an element is fine).
            let child_is_doctype = !replacing && child.is_some_and(is_doctype);
            let element_rule_broken = has_element_child || child_is_doctype || doctype_follows;
            match node.kind {
                NodeKind::DocumentFragment => {
                    // "If node has more than one element child or has a Text node child", or
                    // "otherwise, if node has one element child and" the element rule is broken.
                    let elements = node.children().iter().filter(|c| is_element(c)).count();
                    if elements > 1 || node.children().iter().any(|c| c.kind == NodeKind::Text) {
                        return Err(Error::HierarchyRequest("Invalid document fragment for a document.".into()));
                    }
                    if elements == 1 && element_rule_broken {
                        return Err(Error::HierarchyRequest("The document cannot take that element here.".into()));
                    }
                }
                NodeKind::Element if element_rule_broken => {
                    return Err(Error::HierarchyRequest("The document cannot take that element here.".into()));
                }
                NodeKind::DocumentType => {
                    // "parent has a doctype child (that is not child), child is non-null and an
                    // element is preceding child, or child is null and parent has an element
                    // child."
                    let has_doctype = children.iter().any(|c| is_doctype(c) && not_child(c));
                    let element_precedes = child.is_some_and(|ch| {
                        let mut n = ch.prev_sibling();
                        while let Some(s) = n {
                            if is_element(&s) {
                                return true;
                            }
                            n = s.prev_sibling();
                        }
                        false
                    });
                    let element_without_child = !replacing && child.is_none() && has_element_child;
                    if has_doctype || element_precedes || element_without_child {
                        return Err(Error::HierarchyRequest("The document cannot take a doctype here.".into()));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// <https://dom.spec.whatwg.org/#concept-node-adopt>
    pub fn adopt(cx: &mut JSContext, node: &Node, document: &Document) {
        // 1. "Let oldDocument be node's node document."
        let old_document = node.owner_doc();
        // 2. "If node's parent is non-null, then remove node."
        if let Some(parent) = node.parent.get() {
            parent.remove(cx, node, false);
        }
        // 3. "If document is not oldDocument:"
        if same_object(&*old_document, document) {
            return;
        }
        let descendants = node.shadow_including_inclusive_descendants();
        // 3.1. "For each inclusiveDescendant in node's shadow-including inclusive descendants:
        //      set inclusiveDescendant's node document to document; if inclusiveDescendant is
        //      an element, then set the node document of each attribute in inclusiveDescendant's
        //      attribute list to document."
        for descendant in &descendants {
            descendant.set_owner_doc(document);
            if let Some(element) = descendant.downcast::<Element>() {
                for attr in element.attr_nodes() {
                    attr.upcast::<Node>().set_owner_doc(document);
                }
            }
        }
        // 3.2. "For each inclusiveDescendant in node's shadow-including inclusive descendants that
        //      is custom, enqueue a custom element callback reaction with inclusiveDescendant,
        //      callback name "adoptedCallback", and « oldDocument, document »."
        for descendant in &descendants {
            if let Some(element) = descendant.downcast::<Element>() {
                crate::dom::html::customelements::adopted(cx, element, &old_document, document);
            }
        }
        // 3.3. "For each inclusiveDescendant in node's shadow-including inclusive descendants, in
        //      shadow-including tree order: run the adopting steps with inclusiveDescendant and
        //      oldDocument."
        for descendant in &descendants {
            crate::dom::dom::virtualmethods::adopted(cx, descendant, &old_document);
        }
    }

    /// <https://dom.spec.whatwg.org/#concept-node-pre-insert>
    pub fn pre_insert(&self, cx: &mut JSContext, node: &Node, child: Option<&Node>) -> Fallible<DomRoot<Node>> {
        self.ensure_pre_insertion_validity(node, child)?;
        // Steps 2–3: reference child; if it is node, use node's next sibling.
        let reference = match child {
            Some(c) if same_object(c, node) => node.next_sibling.get(),
            Some(c) => Some(DomRoot::from_ref(c)),
            None => None,
        };
        // Step 4: Insert node into parent before referenceChild.
        self.insert(cx, node, reference.as_deref(), false);
        Ok(DomRoot::from_ref(node))
    }

    /// <https://dom.spec.whatwg.org/#concept-node-insert>
    pub fn insert(&self, cx: &mut JSContext, node: &Node, child: Option<&Node>, suppress_observers: bool) {
        // Step 1: nodes are node's children if it is a fragment, else node.
        let nodes: Vec<DomRoot<Node>> =
            if node.kind == NodeKind::DocumentFragment { node.children() } else { vec![DomRoot::from_ref(node)] };
        // Step 4: remove a fragment's children (each is its first child when removed: the
        // live range steps of "remove" run with index 0).
        if node.kind == NodeKind::DocumentFragment {
            for n in &nodes {
                crate::dom::ranges::liveranges::remove(n, node, 0);
                node.remove_child_raw(n);
            }
        }
        // Step 5: "If child is non-null": live ranges in parent after child's index move by
        // count.
        if let Some(child) = child {
            crate::dom::ranges::liveranges::insert(
                self,
                crate::dom::ranges::boundary::index(child),
                nodes.len() as u32,
            );
        }
        let document = self.owner_doc();
        // Step 8 (below) needs the sibling before the inserted nodes, as it is before any move.
        let mut previous = None;
        for n in &nodes {
            // Step 7.1: "Adopt node into parent's node document."
            Node::adopt(cx, n, &document);
            if previous.is_none() {
                previous = Some(match child {
                    Some(c) => c.prev_sibling.get(),
                    None => self.last_child.get(),
                });
            }
            self.insert_child_raw(n, child);
        }
        // Step 10: "If suppress observers flag is unset, then queue a tree mutation record for
        // parent with nodes, « », previousSibling, and child."
        if !suppress_observers {
            crate::dom::dom::mutationobserver::queue_tree_record(
                cx,
                self,
                nodes.clone(),
                Vec::new(),
                previous.flatten(),
                child.map(DomRoot::from_ref),
            );
        }
        // Step 7.7: "For each shadow-including inclusive descendant inclusiveDescendant of node,
        // in shadow-including tree order": run the insertion steps; then, "if
        // inclusiveDescendant is connected": a custom element's connectedCallback, or try to
        // upgrade it.
        let connected = self.is_connected();
        for n in &nodes {
            for descendant in n.shadow_including_inclusive_descendants() {
                crate::dom::dom::virtualmethods::inserted(cx, &descendant, connected);
                if connected && let Some(element) = descendant.downcast::<Element>() {
                    crate::dom::html::customelements::inserted(cx, element);
                }
            }
        }
        for n in &nodes {
            crate::dom::dom::virtualmethods::child_inserted(cx, self, n);
        }
        crate::dom::dom::virtualmethods::children_changed(cx, self);
    }

    fn insert_child_raw(&self, node: &Node, before: Option<&Node>) {
        crate::dom::layout::cache::invalidate_node(self);
        node.parent.set(Some(self));
        match before {
            Some(before) => {
                let prev = before.prev_sibling.get();
                node.prev_sibling.set(prev.as_deref());
                node.next_sibling.set(Some(before));
                before.prev_sibling.set(Some(node));
                match prev {
                    Some(p) => p.next_sibling.set(Some(node)),
                    None => self.first_child.set(Some(node)),
                }
            }
            None => {
                let last = self.last_child.get();
                node.prev_sibling.set(last.as_deref());
                node.next_sibling.set(None);
                match last {
                    Some(l) => l.next_sibling.set(Some(node)),
                    None => self.first_child.set(Some(node)),
                }
                self.last_child.set(Some(node));
            }
        }
        self.child_count.set(self.child_count.get() + 1);
    }

    fn remove_child_raw(&self, node: &Node) {
        crate::dom::layout::cache::invalidate_node(self);
        let prev = node.prev_sibling.get();
        let next = node.next_sibling.get();
        match &prev {
            Some(p) => p.next_sibling.set(next.as_deref()),
            None => self.first_child.set(next.as_deref()),
        }
        match &next {
            Some(n) => n.prev_sibling.set(prev.as_deref()),
            None => self.last_child.set(prev.as_deref()),
        }
        node.prev_sibling.set(None);
        node.next_sibling.set(None);
        node.parent.set(None);
        self.child_count.set(self.child_count.get().saturating_sub(1));
    }

    /// <https://dom.spec.whatwg.org/#concept-node-remove>
    pub fn remove(&self, cx: &mut JSContext, node: &Node, suppress_observers: bool) {
        let was_connected = node.is_connected();
        // Steps 4–7: the live ranges in node move to (parent, index); those in parent after
        // index move back by one.
        crate::dom::ranges::liveranges::remove(node, self, crate::dom::ranges::boundary::index(node));
        // Step 7: the NodeIterator pre-removing steps.
        node.owner_doc().run_node_iterator_pre_removing_steps(node);
        // Steps 9–10: the old previous and next siblings, for the record.
        let (previous, next) = (node.prev_sibling.get(), node.next_sibling.get());
        let old_next = next.clone();
        self.remove_child_raw(node);
        // Step 20: "If suppress observers flag is unset, then queue a tree mutation record for
        // parent with « », « node », oldPreviousSibling, and oldNextSibling."
        if !suppress_observers {
            crate::dom::dom::mutationobserver::queue_tree_record(
                cx,
                self,
                Vec::new(),
                vec![DomRoot::from_ref(node)],
                previous,
                next,
            );
        }
        // Steps 14–16: the removing steps for node and each of its shadow-including
        // descendants; "if node is custom and isParentConnected is true", its
        // disconnectedCallback (likewise for the descendants).
        for descendant in node.shadow_including_inclusive_descendants() {
            crate::dom::dom::virtualmethods::removed(cx, &descendant, was_connected);
            if was_connected && let Some(element) = descendant.downcast::<Element>() {
                crate::dom::html::customelements::removed(cx, element);
            }
        }
        crate::dom::dom::virtualmethods::child_removed(cx, self, node, old_next);
        crate::dom::dom::virtualmethods::children_changed(cx, self);
    }

    /// <https://dom.spec.whatwg.org/#concept-node-pre-remove>
    pub fn pre_remove(&self, cx: &mut JSContext, child: &Node) -> Fallible<DomRoot<Node>> {
        if !child.parent.is(Some(self)) {
            return Err(Error::NotFound("The node to be removed is not a child of this node.".into()));
        }
        self.remove(cx, child, false);
        Ok(DomRoot::from_ref(child))
    }

    /// <https://dom.spec.whatwg.org/#concept-node-replace-all>
    pub fn replace_all(&self, cx: &mut JSContext, node: Option<&Node>) {
        // 2. "Let removedNodes be parent's children." 3. "Let addedNodes be the empty set.
        //    If node is a DocumentFragment node, then set addedNodes to node's children;
        //    otherwise, if node is non-null, set addedNodes to « node »."
        let removed = self.children();
        let added = match node {
            Some(n) if n.kind == NodeKind::DocumentFragment => n.children(),
            Some(n) => vec![DomRoot::from_ref(n)],
            None => Vec::new(),
        };
        // 4–5. Remove all children and insert node, with the suppress observers flag set.
        for child in &removed {
            self.remove(cx, child, true);
        }
        if let Some(node) = node {
            self.insert(cx, node, None, true);
        }
        // 6. "If either addedNodes or removedNodes is not empty, then queue a tree mutation
        //    record for parent with addedNodes, removedNodes, null, and null."
        crate::dom::dom::mutationobserver::queue_tree_record(cx, self, added, removed, None, None);
    }

    /// Converts `(Node or DOMString)...` into one node
    /// (<https://dom.spec.whatwg.org/#converting-nodes-into-a-node>).
    pub fn convert_nodes_into_node(
        &self,
        cx: &mut JSContext,
        nodes: Vec<crate::dom::bindings::codegen::Unions::NodeOrString>,
    ) -> DomRoot<Node> {
        use crate::dom::bindings::codegen::Unions::NodeOrString;
        let document = self.owner_doc();
        let mut converted: Vec<DomRoot<Node>> = nodes
            .into_iter()
            .map(|n| match n {
                NodeOrString::Node(node) => node,
                NodeOrString::String(s) => DomRoot::upcast(Text::new(cx, s.into(), &document)),
            })
            .collect();
        if converted.len() == 1 {
            return converted.pop().unwrap();
        }
        let fragment = DocumentFragment::new(cx, &document);
        for n in converted {
            let _ = fragment.upcast::<Node>().pre_insert(cx, &n, None);
        }
        DomRoot::upcast(fragment)
    }

    /// <https://dom.spec.whatwg.org/#concept-node-clone>
    pub fn clone_node(&self, cx: &mut JSContext, document: Option<&Document>, deep: bool) -> DomRoot<Node> {
        let document = document.map(DomRoot::from_ref).unwrap_or_else(|| self.owner_doc());
        let copy: DomRoot<Node> = match self.kind {
            NodeKind::Element => {
                let element = self.downcast::<Element>().unwrap();
                DomRoot::upcast(element.clone_element(cx, &document))
            }
            NodeKind::Text if self.is::<CDATASection>() => DomRoot::upcast(CDATASection::new(
                cx,
                self.downcast::<CharacterData>().unwrap().data_string(),
                &document,
            )),
            NodeKind::Text => {
                DomRoot::upcast(Text::new(cx, self.downcast::<CharacterData>().unwrap().data_string(), &document))
            }
            NodeKind::ProcessingInstruction => {
                let pi = self.downcast::<ProcessingInstruction>().unwrap();
                let data = self.downcast::<CharacterData>().unwrap().data_string();
                DomRoot::upcast(ProcessingInstruction::new(cx, pi.target().to_owned(), data, &document))
            }
            NodeKind::Comment => DomRoot::upcast(crate::dom::dom::comment::Comment::new(
                cx,
                self.downcast::<CharacterData>().unwrap().data_string(),
                &document,
            )),
            NodeKind::DocumentType => {
                let d = self.downcast::<DocumentType>().unwrap();
                DomRoot::upcast(DocumentType::new(
                    cx,
                    d.name_string(),
                    d.public_id_string(),
                    d.system_id_string(),
                    &document,
                ))
            }
            NodeKind::DocumentFragment => DomRoot::upcast(DocumentFragment::new(cx, &document)),
            NodeKind::Document => {
                let this = self.downcast::<Document>().unwrap();
                DomRoot::upcast(this.clone_document(cx))
            }
            NodeKind::Attribute => {
                let attr = self.downcast::<crate::dom::dom::attr::Attr>().unwrap();
                DomRoot::upcast(crate::dom::dom::attr::Attr::new(cx, attr.attribute(), None, &document))
            }
        };
        // "Run any cloning steps defined for node in other applicable specifications" (template
        // contents).
        crate::dom::html::htmltemplateelement::cloning_steps(cx, self, &copy, deep);
        if deep {
            for child in self.children() {
                let child_copy = child.clone_node(cx, Some(&copy.owner_doc()), true);
                copy.insert_child_raw(&child_copy, None);
            }
        }
        copy
    }

    fn node_name(&self) -> String {
        match self.kind {
            NodeKind::Element => self.downcast::<Element>().unwrap().tag_name(),
            NodeKind::Attribute => self.downcast::<crate::dom::dom::attr::Attr>().unwrap().qualified_name(),
            NodeKind::Text if self.is::<CDATASection>() => "#cdata-section".into(),
            NodeKind::Text => "#text".into(),
            NodeKind::Comment => "#comment".into(),
            NodeKind::ProcessingInstruction => self.downcast::<ProcessingInstruction>().unwrap().target().to_owned(),
            NodeKind::Document => "#document".into(),
            NodeKind::DocumentType => self.downcast::<DocumentType>().unwrap().name_string(),
            NodeKind::DocumentFragment => "#document-fragment".into(),
        }
    }
}

impl NodeMethods for Node {
    /// <https://dom.spec.whatwg.org/#dom-node-nodetype>
    fn NodeType(&self, _cx: &mut JSContext) -> u16 {
        match self.kind {
            NodeKind::Element => 1,
            NodeKind::Attribute => 2,
            NodeKind::Text if self.is::<CDATASection>() => 4,
            NodeKind::Text => 3,
            NodeKind::ProcessingInstruction => 7,
            NodeKind::Comment => 8,
            NodeKind::Document => 9,
            NodeKind::DocumentType => 10,
            NodeKind::DocumentFragment => 11,
        }
    }

    /// <https://dom.spec.whatwg.org/#dom-node-nodename>
    fn NodeName(&self, _cx: &mut JSContext) -> DOMString {
        self.node_name().into()
    }

    /// <https://dom.spec.whatwg.org/#dom-node-baseuri>
    fn BaseURI(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.owner_doc().base_url().to_string())
    }

    /// <https://dom.spec.whatwg.org/#dom-node-isconnected>
    fn IsConnected(&self, _cx: &mut JSContext) -> bool {
        self.is_connected()
    }

    /// <https://dom.spec.whatwg.org/#dom-node-ownerdocument>
    fn OwnerDocument(&self, _cx: &mut JSContext) -> Option<DomRoot<Document>> {
        // Null for a document.
        self.owner_document.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-node-getrootnode>
    fn GetRootNode(
        &self,
        _cx: &mut JSContext,
        options: &crate::dom::bindings::codegen::Dictionaries::GetRootNodeOptions,
    ) -> DomRoot<Node> {
        // "The getRootNode(options) method steps are to return this's shadow-including root if
        // options["composed"] is true; otherwise this's root."
        if options.composed { self.shadow_including_root() } else { self.root() }
    }

    /// <https://dom.spec.whatwg.org/#dom-node-parentnode>
    fn ParentNode(&self, _cx: &mut JSContext) -> Option<DomRoot<Node>> {
        self.parent.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-node-parentelement>
    fn ParentElement(&self, _cx: &mut JSContext) -> Option<DomRoot<Element>> {
        self.parent.get().and_then(|p| p.downcast_root::<Element>())
    }

    /// <https://dom.spec.whatwg.org/#dom-node-haschildnodes>
    fn HasChildNodes(&self, _cx: &mut JSContext) -> bool {
        self.first_child.is_some()
    }

    /// <https://dom.spec.whatwg.org/#dom-node-childnodes>
    fn ChildNodes(&self, cx: &mut JSContext) -> DomRoot<NodeList> {
        NodeList::new_child_list(cx, self)
    }

    /// <https://dom.spec.whatwg.org/#dom-node-firstchild>
    fn FirstChild(&self, _cx: &mut JSContext) -> Option<DomRoot<Node>> {
        self.first_child.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-node-lastchild>
    fn LastChild(&self, _cx: &mut JSContext) -> Option<DomRoot<Node>> {
        self.last_child.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-node-previoussibling>
    fn PreviousSibling(&self, _cx: &mut JSContext) -> Option<DomRoot<Node>> {
        self.prev_sibling.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-node-nextsibling>
    fn NextSibling(&self, _cx: &mut JSContext) -> Option<DomRoot<Node>> {
        self.next_sibling.get()
    }

    /// <https://dom.spec.whatwg.org/#dom-node-nodevalue>
    fn NodeValue(&self, _cx: &mut JSContext) -> Option<DOMString> {
        // Attr: "this's value"; CharacterData: "this's data"; otherwise null.
        if let Some(attr) = self.downcast::<crate::dom::dom::attr::Attr>() {
            return Some(attr.value_string().into());
        }
        self.downcast::<CharacterData>().map(|c| c.data_string().into())
    }

    /// <https://dom.spec.whatwg.org/#dom-node-nodevalue>
    fn SetNodeValue(&self, cx: &mut JSContext, value: Option<DOMString>) {
        // "If the given value is null, act as if it was the empty string instead."
        if let Some(attr) = self.downcast::<crate::dom::dom::attr::Attr>() {
            attr.set_existing_value(cx, value.map(String::from).unwrap_or_default());
            return;
        }
        if let Some(c) = self.downcast::<CharacterData>() {
            c.replace_data(cx, value.map(String::from).unwrap_or_default());
        }
    }

    /// <https://dom.spec.whatwg.org/#dom-node-textcontent>
    fn TextContent(&self, _cx: &mut JSContext) -> Option<DOMString> {
        match self.kind {
            NodeKind::Element | NodeKind::DocumentFragment => Some(self.descendant_text_content().into()),
            NodeKind::Text | NodeKind::Comment | NodeKind::ProcessingInstruction => {
                self.downcast::<CharacterData>().map(|c| c.data_string().into())
            }
            NodeKind::Attribute => Some(self.downcast::<crate::dom::dom::attr::Attr>().unwrap().value_string().into()),
            NodeKind::Document | NodeKind::DocumentType => None,
        }
    }

    /// <https://dom.spec.whatwg.org/#dom-node-textcontent>
    fn SetTextContent(&self, cx: &mut JSContext, value: Option<DOMString>) {
        let value: String = value.map(String::from).unwrap_or_default();
        match self.kind {
            NodeKind::Element | NodeKind::DocumentFragment => {
                // String replace all: a Text node with the value, or nothing for "".
                let node = (!value.is_empty()).then(|| Text::new(cx, value, &self.owner_doc()));
                self.replace_all(cx, node.as_ref().map(|t| t.upcast::<Node>()));
            }
            NodeKind::Text | NodeKind::Comment | NodeKind::ProcessingInstruction => {
                self.downcast::<CharacterData>().unwrap().replace_data(cx, value)
            }
            NodeKind::Attribute => {
                self.downcast::<crate::dom::dom::attr::Attr>().unwrap().set_existing_value(cx, value)
            }
            NodeKind::Document | NodeKind::DocumentType => {}
        }
    }

    /// <https://dom.spec.whatwg.org/#dom-node-clonenode>
    fn CloneNode(&self, cx: &mut JSContext, deep: bool) -> Fallible<DomRoot<Node>> {
        // 1. "If this is a shadow root, then throw a "NotSupportedError" DOMException."
        if self.is::<ShadowRoot>() {
            return Err(Error::NotSupported("A shadow root cannot be cloned.".into()));
        }
        // 2. "Return the result of cloning a node given this with subtree set to subtree."
        // FIXME: a clonable shadow root is not cloned with its host.
        Ok(self.clone_node(cx, None, deep))
    }

    /// <https://dom.spec.whatwg.org/#dom-node-normalize>
    fn Normalize(&self, cx: &mut JSContext) {
        crate::dom::dom::nodecompare::normalize(cx, self)
    }

    /// <https://dom.spec.whatwg.org/#dom-node-lookupprefix>
    fn LookupPrefix(&self, _cx: &mut JSContext, namespace: Option<DOMString>) -> Option<DOMString> {
        crate::dom::dom::namespacelookup::lookup_prefix(self, namespace.as_deref()).map(DOMString::from)
    }

    /// <https://dom.spec.whatwg.org/#dom-node-lookupnamespaceuri>: "1. If prefix is the empty
    /// string, then set it to null. 2. Return the result of running locate a namespace for
    /// this using prefix."
    fn LookupNamespaceURI(&self, _cx: &mut JSContext, prefix: Option<DOMString>) -> Option<DOMString> {
        let prefix = prefix.as_deref().filter(|p| !p.is_empty());
        crate::dom::dom::namespacelookup::locate_namespace(self, prefix).map(DOMString::from)
    }

    /// <https://dom.spec.whatwg.org/#dom-node-isdefaultnamespace>: "1. If namespace is the
    /// empty string, then set it to null. 2. Let defaultNamespace be the result of running
    /// locate a namespace for this using null. 3. Return true if defaultNamespace is the same
    /// as namespace; otherwise false."
    fn IsDefaultNamespace(&self, _cx: &mut JSContext, namespace: Option<DOMString>) -> bool {
        let namespace = namespace.as_deref().filter(|n| !n.is_empty()).map(str::to_owned);
        crate::dom::dom::namespacelookup::locate_namespace(self, None) == namespace
    }

    /// <https://dom.spec.whatwg.org/#dom-node-isequalnode>
    fn IsEqualNode(&self, _cx: &mut JSContext, other: Option<&Node>) -> bool {
        // "return true if otherNode is non-null and this equals otherNode; otherwise false."
        other.is_some_and(|o| crate::dom::dom::nodecompare::equals(self, o))
    }

    /// <https://dom.spec.whatwg.org/#dom-node-comparedocumentposition>
    fn CompareDocumentPosition(&self, _cx: &mut JSContext, other: &Node) -> u16 {
        crate::dom::dom::nodecompare::compare_document_position(self, other)
    }

    /// <https://dom.spec.whatwg.org/#dom-node-issamenode>
    fn IsSameNode(&self, _cx: &mut JSContext, other: Option<&Node>) -> bool {
        other.is_some_and(|o| same_object(o, self))
    }

    /// <https://dom.spec.whatwg.org/#dom-node-contains>
    fn Contains(&self, _cx: &mut JSContext, other: Option<&Node>) -> bool {
        other.is_some_and(|o| self.is_inclusive_ancestor_of(o))
    }

    /// <https://dom.spec.whatwg.org/#dom-node-insertbefore>
    fn InsertBefore(&self, cx: &mut JSContext, node: &Node, child: Option<&Node>) -> Fallible<DomRoot<Node>> {
        self.pre_insert(cx, node, child)
    }

    /// <https://dom.spec.whatwg.org/#dom-node-appendchild>
    fn AppendChild(&self, cx: &mut JSContext, node: &Node) -> Fallible<DomRoot<Node>> {
        self.pre_insert(cx, node, None)
    }

    /// <https://dom.spec.whatwg.org/#dom-node-replacechild>
    fn ReplaceChild(&self, cx: &mut JSContext, node: &Node, child: &Node) -> Fallible<DomRoot<Node>> {
        // Step 3: child's parent must be this.
        if !child.parent.is(Some(self)) {
            return Err(Error::NotFound("The node to be replaced is not a child of this node.".into()));
        }
        // Steps 1–6: validity, child being replaced.
        self.ensure_validity(node, Some(child), true)?;
        // 7–8. "Let referenceChild be child's next sibling. If referenceChild is node, then set
        //      referenceChild to node's next sibling."
        let reference = match child.next_sibling.get() {
            Some(n) if same_object(&*n, node) => node.next_sibling.get(),
            other => other,
        };
        // 9. "Let previousSibling be child's previous sibling."
        let previous = child.prev_sibling.get();
        // 10–11. "If child's parent is non-null: set removedNodes to « child »; remove child
        //        with the suppress observers flag set."
        self.remove(cx, child, true);
        // 12–13. "Let nodes be node's children if node is a DocumentFragment node; otherwise
        //        « node ». Insert node into parent before referenceChild with the suppress
        //        observers flag set."
        let nodes =
            if node.kind == NodeKind::DocumentFragment { node.children() } else { vec![DomRoot::from_ref(node)] };
        self.insert(cx, node, reference.as_deref(), true);
        // 14. "Queue a tree mutation record for parent with nodes, removedNodes,
        //     previousSibling, and referenceChild."
        crate::dom::dom::mutationobserver::queue_tree_record(
            cx,
            self,
            nodes,
            vec![DomRoot::from_ref(child)],
            previous,
            reference,
        );
        // 15. "Return child."
        Ok(DomRoot::from_ref(child))
    }

    /// <https://dom.spec.whatwg.org/#dom-node-removechild>
    fn RemoveChild(&self, cx: &mut JSContext, child: &Node) -> Fallible<DomRoot<Node>> {
        self.pre_remove(cx, child)
    }
}

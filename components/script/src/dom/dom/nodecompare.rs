//! Comparing and normalizing nodes: `compareDocumentPosition()`, `isEqualNode()` and
//! `normalize()` (<https://dom.spec.whatwg.org/#interface-node>).

use mozjs::context::JSContext;

use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::same_object;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::attr::Attr;
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::documenttype::DocumentType;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::dom::processinginstruction::{CDATASection, ProcessingInstruction};

pub const DOCUMENT_POSITION_DISCONNECTED: u16 = 0x01;
pub const DOCUMENT_POSITION_PRECEDING: u16 = 0x02;
pub const DOCUMENT_POSITION_FOLLOWING: u16 = 0x04;
pub const DOCUMENT_POSITION_CONTAINS: u16 = 0x08;
pub const DOCUMENT_POSITION_CONTAINED_BY: u16 = 0x10;
pub const DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC: u16 = 0x20;

/// The inclusive ancestors of `node`, root first.
fn ancestors_from_root(node: &Node) -> Vec<DomRoot<Node>> {
    let mut chain = vec![DomRoot::from_ref(node)];
    while let Some(parent) = chain.last().unwrap().parent() {
        chain.push(parent);
    }
    chain.reverse();
    chain
}

/// <https://dom.spec.whatwg.org/#concept-tree-preceding>: whether `a` precedes `b` in tree
/// order (both in the same tree, neither an inclusive ancestor of the other).
pub fn is_preceding(a: &Node, b: &Node) -> bool {
    let (chain_a, chain_b) = (ancestors_from_root(a), ancestors_from_root(b));
    // The first level where the chains differ holds two siblings; the earlier one precedes.
    let diverge = chain_a.iter().zip(&chain_b).take_while(|(x, y)| same_object(&***x, &***y)).count();
    let (Some(child_a), Some(child_b)) = (chain_a.get(diverge), chain_b.get(diverge)) else {
        // One is an ancestor of the other: the ancestor precedes.
        return chain_a.len() < chain_b.len();
    };
    let mut sibling = child_a.next_sibling();
    while let Some(s) = sibling {
        if same_object(&*s, &**child_b) {
            return true;
        }
        sibling = s.next_sibling();
    }
    false
}

/// <https://dom.spec.whatwg.org/#dom-node-comparedocumentposition>
pub fn compare_document_position(this: &Node, other: &Node) -> u16 {
    // 1. "If this is other, then return zero."
    if same_object(this, other) {
        return 0;
    }
    // 2. "Let node1 be other and node2 be this."
    let mut node1 = Some(DomRoot::from_ref(other));
    let mut node2 = Some(DomRoot::from_ref(this));
    // 3. "Let attr1 and attr2 be null."
    let mut attr1: Option<DomRoot<Attr>> = None;
    let mut attr2: Option<DomRoot<Attr>> = None;
    // 4. "If node1 is an attribute, then set attr1 to node1 and node1 to attr1's element."
    if let Some(attr) = other.downcast::<Attr>() {
        attr1 = Some(DomRoot::from_ref(attr));
        node1 = attr.element().map(DomRoot::upcast);
    }
    // 5. "If node2 is an attribute, then:"
    if let Some(attr) = this.downcast::<Attr>() {
        // 5.1. "Set attr2 to node2 and node2 to attr2's element."
        attr2 = Some(DomRoot::from_ref(attr));
        node2 = attr.element().map(DomRoot::upcast);
        // 5.2. "If attr1 and node1 are non-null, and node2 is node1, then:"
        if let (Some(a1), Some(n1), Some(n2)) = (&attr1, &node1, &node2)
            && same_object(&**n1, &**n2)
        {
            // 5.2.1. "For each attr in node2's attribute list:"
            let element = n2.downcast::<Element>().unwrap();
            for attribute in element.attributes() {
                let same = |a: &Attr| {
                    a.namespace() == attribute.namespace.as_deref() && a.local_name() == attribute.local_name
                };
                // 1. "If attr equals attr1, then return the result of adding
                //    DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC and DOCUMENT_POSITION_PRECEDING."
                if same(a1) {
                    return DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC | DOCUMENT_POSITION_PRECEDING;
                }
                // 2. "If attr equals attr2, then return the result of adding
                //    DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC and DOCUMENT_POSITION_FOLLOWING."
                if same(attr) {
                    return DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC | DOCUMENT_POSITION_FOLLOWING;
                }
            }
        }
    }
    // 6. "If node1 or node2 is null, or node1's root is not node2's root, then return the result
    //    of adding DOCUMENT_POSITION_DISCONNECTED, DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC, and
    //    either DOCUMENT_POSITION_PRECEDING or DOCUMENT_POSITION_FOLLOWING, with the constraint
    //    that this is to be consistent, together."
    let (n1, n2) = match (node1, node2) {
        (Some(n1), Some(n2)) if same_object(&*n1.root(), &*n2.root()) => (n1, n2),
        _ => {
            // Consistent: order by the addresses of the two nodes, which do not move.
            let direction = if (other as *const Node) < (this as *const Node) {
                DOCUMENT_POSITION_PRECEDING
            } else {
                DOCUMENT_POSITION_FOLLOWING
            };
            return DOCUMENT_POSITION_DISCONNECTED | DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC | direction;
        }
    };
    let same = same_object(&*n1, &*n2);
    // 7. "If node1 is an ancestor of node2 and attr1 is null, or node1 is node2 and attr2 is
    //    non-null, then return the result of adding DOCUMENT_POSITION_CONTAINS to
    //    DOCUMENT_POSITION_PRECEDING."
    if (!same && n1.is_inclusive_ancestor_of(&n2) && attr1.is_none()) || (same && attr2.is_some()) {
        return DOCUMENT_POSITION_CONTAINS | DOCUMENT_POSITION_PRECEDING;
    }
    // 8. "If node1 is a descendant of node2 and attr2 is null, or node1 is node2 and attr1 is
    //    non-null, then return the result of adding DOCUMENT_POSITION_CONTAINED_BY to
    //    DOCUMENT_POSITION_FOLLOWING."
    if (!same && n2.is_inclusive_ancestor_of(&n1) && attr2.is_none()) || (same && attr1.is_some()) {
        return DOCUMENT_POSITION_CONTAINED_BY | DOCUMENT_POSITION_FOLLOWING;
    }
    // 9. "If node1 is preceding node2, then return DOCUMENT_POSITION_PRECEDING."
    if is_preceding(&n1, &n2) {
        return DOCUMENT_POSITION_PRECEDING;
    }
    // 10. "Return DOCUMENT_POSITION_FOLLOWING."
    DOCUMENT_POSITION_FOLLOWING
}

/// <https://dom.spec.whatwg.org/#concept-node-equals>
pub fn equals(a: &Node, b: &Node) -> bool {
    // "A and B implement the same interfaces" (the same nodeType is enough for Aperture's nodes).
    if a.kind() != b.kind() || a.is::<CDATASection>() != b.is::<CDATASection>() {
        return false;
    }
    // "The following are equal, switching on the interface A implements:"
    let same_data = match a.kind() {
        // DocumentType: "Its name, public ID, and system ID."
        NodeKind::DocumentType => {
            let (x, y) = (a.downcast::<DocumentType>().unwrap(), b.downcast::<DocumentType>().unwrap());
            x.name_string() == y.name_string()
                && x.public_id_string() == y.public_id_string()
                && x.system_id_string() == y.system_id_string()
        }
        // Element: "Its namespace, namespace prefix, local name, and its attribute list's size."
        NodeKind::Element => {
            let (x, y) = (a.downcast::<Element>().unwrap(), b.downcast::<Element>().unwrap());
            x.namespace() == y.namespace()
                && x.prefix() == y.prefix()
                && x.local_name() == y.local_name()
                && x.attribute_count() == y.attribute_count()
                // "If A is an element, each attribute in its attribute list has an attribute that
                // equals an attribute in B's attribute list."
                && x.attributes().iter().all(|attribute| {
                    y.attributes().iter().any(|other| {
                        other.namespace == attribute.namespace
                            && other.local_name == attribute.local_name
                            && other.value == attribute.value
                    })
                })
        }
        // Attr: "Its namespace, local name, and value."
        NodeKind::Attribute => {
            let (x, y) = (a.downcast::<Attr>().unwrap(), b.downcast::<Attr>().unwrap());
            x.namespace() == y.namespace() && x.local_name() == y.local_name() && x.value_string() == y.value_string()
        }
        // ProcessingInstruction: "Its target and data."
        NodeKind::ProcessingInstruction => {
            a.downcast::<ProcessingInstruction>().unwrap().target()
                == b.downcast::<ProcessingInstruction>().unwrap().target()
                && a.downcast::<CharacterData>().unwrap().data_string()
                    == b.downcast::<CharacterData>().unwrap().data_string()
        }
        // Text, Comment: "Its data."
        NodeKind::Text | NodeKind::Comment => {
            a.downcast::<CharacterData>().unwrap().data_string() == b.downcast::<CharacterData>().unwrap().data_string()
        }
        NodeKind::Document | NodeKind::DocumentFragment => true,
    };
    if !same_data {
        return false;
    }
    // "A and B have the same number of children. Each child of A equals the child of B at the
    // identical index."
    let (children_a, children_b) = (a.children(), b.children());
    children_a.len() == children_b.len() && children_a.iter().zip(&children_b).all(|(x, y)| equals(x, y))
}

/// <https://dom.spec.whatwg.org/#exclusive-text-node>: "a Text node that is not a CDATASection
/// node".
fn is_exclusive_text(node: &Node) -> bool {
    node.kind() == NodeKind::Text && !node.is::<CDATASection>()
}

/// <https://dom.spec.whatwg.org/#dom-node-normalize>
pub fn normalize(cx: &mut JSContext, node: &Node) {
    // "The normalize() method steps are to run these steps for each descendant exclusive Text
    // node node of this:"
    let texts: Vec<DomRoot<Node>> =
        node.traverse_preorder().into_iter().skip(1).filter(|n| is_exclusive_text(n)).collect();
    for text in texts {
        // An earlier step may have removed this node as a contiguous sibling of another.
        let Some(parent) = text.parent() else { continue };
        if !node.is_inclusive_ancestor_of(&parent) {
            continue;
        }
        let data = text.downcast::<CharacterData>().unwrap();
        // 1. "Let length be node's length." 2. "If length is zero, then remove node and continue
        //    with the next exclusive Text node, if any."
        if data.data_string().is_empty() {
            parent.remove(cx, &text, false);
            continue;
        }
        // 3. "Let data be the concatenation of the data of node's contiguous exclusive Text nodes
        //    (excluding itself), in tree order."
        let mut contiguous = Vec::new();
        let mut sibling = text.next_sibling();
        while let Some(s) = sibling.filter(|s| is_exclusive_text(s)) {
            sibling = s.next_sibling();
            contiguous.push(s);
        }
        // Only following siblings: the preceding ones were handled (or emptied and removed) before.
        let appended: String =
            contiguous.iter().map(|s| s.downcast::<CharacterData>().unwrap().data_string()).collect();
        // 4. "Replace data with node node, offset length, count 0, and data data."
        let mut length = data.utf16_len();
        if !appended.is_empty() {
            let _ = data.replace_range(cx, length, 0, &appended);
        }
        // 5–6. "Let currentNode be node's next sibling. While currentNode is an exclusive Text
        //      node": move the live ranges in it, or at its index in parent, into node (6.1–6.4);
        //      "add currentNode's length to length".
        for s in &contiguous {
            crate::dom::ranges::liveranges::normalize(
                &text,
                s,
                &parent,
                crate::dom::ranges::boundary::index(s),
                length,
            );
            length += crate::dom::ranges::boundary::node_length(s);
        }
        // 7. "Remove node's contiguous exclusive Text nodes (excluding itself), in tree order."
        for s in contiguous {
            parent.remove(cx, &s, false);
        }
    }
}

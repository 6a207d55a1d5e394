//! Boundary points (<https://dom.spec.whatwg.org/#boundary-points>) and the tree facts ranges
//! are defined with: a node's length and index, and the position of one boundary point
//! relative to another.

use std::cmp::Ordering;

use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::same_object;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::dom::nodecompare::{DOCUMENT_POSITION_FOLLOWING, compare_document_position};

/// A boundary point: a node and an offset into it.
#[derive(Clone)]
pub struct BoundaryPoint {
    pub node: DomRoot<Node>,
    pub offset: u32,
}

impl BoundaryPoint {
    pub fn new(node: &Node, offset: u32) -> BoundaryPoint {
        BoundaryPoint { node: DomRoot::from_ref(node), offset }
    }
}

/// <https://dom.spec.whatwg.org/#concept-node-length>: "If node is a DocumentType or Attr node,
/// then return 0. If node is a CharacterData node, then return node's data's length. Return
/// the number of node's children."
pub fn node_length(node: &Node) -> u32 {
    match node.kind() {
        NodeKind::DocumentType | NodeKind::Attribute => 0,
        NodeKind::Text | NodeKind::Comment | NodeKind::ProcessingInstruction => {
            node.downcast::<CharacterData>().map_or(0, |c| c.utf16_len())
        }
        _ => node.child_count(),
    }
}

/// <https://dom.spec.whatwg.org/#concept-tree-index>: the number of node's preceding siblings.
pub fn index(node: &Node) -> u32 {
    let mut count = 0;
    let mut sibling = node.prev_sibling();
    while let Some(s) = sibling {
        count += 1;
        sibling = s.prev_sibling();
    }
    count
}

/// Whether `a` and `b` are in the same tree (<https://dom.spec.whatwg.org/#concept-tree-root>).
pub fn same_root(a: &Node, b: &Node) -> bool {
    same_object(&*a.root(), &*b.root())
}

/// <https://dom.spec.whatwg.org/#concept-range-bp-position>: the position of (node A, offset A)
/// relative to (node B, offset B); `Less` is "before", `Greater` is "after". Both nodes must
/// share a root.
pub fn position(node_a: &Node, offset_a: u32, node_b: &Node, offset_b: u32) -> Ordering {
    // 2. "If nodeA is nodeB, then return equal if offsetA is offsetB, before if offsetA is less
    //    than offsetB, and after if offsetA is greater than offsetB."
    if same_object(node_a, node_b) {
        return offset_a.cmp(&offset_b);
    }
    // 3. "If nodeA is following nodeB, then if the position of (nodeB, offsetB) relative to
    //    (nodeA, offsetA) is before, return after, and if it is after, return before."
    if compare_document_position(node_b, node_a) & DOCUMENT_POSITION_FOLLOWING != 0 {
        return position(node_b, offset_b, node_a, offset_a).reverse();
    }
    // 4. "If nodeA is an ancestor of nodeB:"
    if node_a.is_inclusive_ancestor_of(node_b) {
        // 4.1–4.2. "Let child be nodeB. While child is not a child of nodeA, set child to its
        //          parent."
        let mut child = DomRoot::from_ref(node_b);
        while let Some(parent) = child.parent() {
            if same_object(&*parent, node_a) {
                break;
            }
            child = parent;
        }
        // 4.3. "If child's index is less than offsetA, then return after."
        if index(&child) < offset_a {
            return Ordering::Greater;
        }
    }
    // 5. "Return before."
    Ordering::Less
}

/// `position()` of two boundary points.
pub fn compare(a: &BoundaryPoint, b: &BoundaryPoint) -> Ordering {
    position(&a.node, a.offset, &b.node, b.offset)
}

/// The UTF-16 code units `offset..offset + count` of a CharacterData node's data
/// (<https://dom.spec.whatwg.org/#concept-cd-substring>), the count clamped to the data.
pub fn substring(node: &Node, offset: u32, count: u32) -> String {
    let Some(data) = node.downcast::<CharacterData>() else { return String::new() };
    let units: Vec<u16> = data.data_string().encode_utf16().collect();
    let start = (offset as usize).min(units.len());
    let end = start.saturating_add(count as usize).min(units.len());
    String::from_utf16_lossy(&units[start..end])
}

/// Whether `node` is a CharacterData node (Text, CDATASection, Comment, ProcessingInstruction).
pub fn is_character_data(node: &Node) -> bool {
    matches!(node.kind(), NodeKind::Text | NodeKind::Comment | NodeKind::ProcessingInstruction)
}

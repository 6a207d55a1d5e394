//! `Range` (<https://dom.spec.whatwg.org/#interface-range>), a live range: the tree mutation
//! algorithms keep its boundary points valid (`liveranges.rs`).

use std::cmp::Ordering;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::RangeBinding::RangeMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::same_object;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::document::Document;
use crate::dom::dom::documentfragment::DocumentFragment;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::dom::text::Text;
use crate::dom::html::window::Window;
use crate::dom::ranges::abstractrange::AbstractRange;
use crate::dom::ranges::boundary::{self, BoundaryPoint, index, is_character_data, node_length, position, same_root};
use crate::dom::ranges::liveranges;

/// Which of the two contents algorithms runs.
#[derive(Clone, Copy, PartialEq)]
enum Contents {
    Extract,
    Clone,
}

/// The `how` constants of compareBoundaryPoints() (the IDL's `Range.START_TO_START` …).
const START_TO_START: u16 = 0;
const START_TO_END: u16 = 1;
const END_TO_END: u16 = 2;
const END_TO_START: u16 = 3;

#[dom_struct]
pub struct Range {
    abstract_range: AbstractRange,
    /// The document whose selection this range is (<https://w3c.github.io/selection-api/#dfn-range>),
    /// told when the boundary points change.
    selection_of: MutNullableDom<Document>,
}

impl Range {
    /// A new live range from `start` to `end`, in the realm of `document`.
    pub fn new(cx: &mut JSContext, document: &Document, start: &BoundaryPoint, end: &BoundaryPoint) -> DomRoot<Range> {
        let window = document.window_for_objects();
        let range = reflect_dom_object(cx, Box::new(Range::new_inherited(start, end)), &window);
        liveranges::register(&range);
        range
    }

    fn new_inherited(start: &BoundaryPoint, end: &BoundaryPoint) -> Range {
        Range {
            abstract_range: AbstractRange::new_inherited(&start.node, start.offset, &end.node, end.offset),
            selection_of: MutNullableDom::new(None),
        }
    }

    pub fn abstract_range(&self) -> &AbstractRange {
        &self.abstract_range
    }

    pub fn start(&self) -> BoundaryPoint {
        self.abstract_range.start()
    }

    pub fn end(&self) -> BoundaryPoint {
        self.abstract_range.end()
    }

    pub fn is_collapsed(&self) -> bool {
        self.abstract_range.is_collapsed()
    }

    /// <https://dom.spec.whatwg.org/#concept-range-root>: the root of its start node.
    pub fn root(&self) -> DomRoot<Node> {
        self.abstract_range.start_node().root()
    }

    /// Marks this range as (or no longer as) the selection of `document`.
    pub fn set_selection_of(&self, document: Option<&Document>) {
        self.selection_of.set(document);
    }

    /// Called whenever a boundary point changed: a selection's range changing schedules
    /// `selectionchange`.
    pub fn boundaries_mutated(&self) {
        if let Some(document) = self.selection_of.get() {
            crate::dom::ranges::selection::schedule_selectionchange(&document);
        }
    }

    fn set_start_point(&self, node: &Node, offset: u32) {
        self.abstract_range.set_start(node, offset);
        self.boundaries_mutated();
    }

    fn set_end_point(&self, node: &Node, offset: u32) {
        self.abstract_range.set_end(node, offset);
        self.boundaries_mutated();
    }

    /// <https://dom.spec.whatwg.org/#concept-range-bp-set>: "set the start or end" of this to
    /// (node, offset).
    pub fn set_boundary(&self, node: &Node, offset: u32, is_start: bool) -> ErrorResult {
        // 1. "If node is a doctype, then throw an "InvalidNodeTypeError" DOMException."
        if node.kind() == NodeKind::DocumentType {
            return Err(Error::InvalidNodeType("A range boundary cannot be in a doctype.".into()));
        }
        // 2. "If offset is greater than node's length, then throw an "IndexSizeError"
        //    DOMException."
        if offset > node_length(node) {
            return Err(Error::IndexSize(format!("The offset {offset} is larger than the node's length.")));
        }
        // 3. "Let bp be the boundary point (node, offset)."
        let other_root = !same_root(node, &self.root());
        if is_start {
            // 4. "If these steps were invoked as "set the start": 1. If range's root is not
            //    equal to node's root, or if bp is after the range's end, set range's end to bp.
            //    2. Set range's start to bp."
            let end = self.end();
            if other_root || position(node, offset, &end.node, end.offset) == Ordering::Greater {
                self.abstract_range.set_end(node, offset);
            }
            self.set_start_point(node, offset);
        } else {
            // 5. "If these steps were invoked as "set the end": 1. If range's root is not equal
            //    to node's root, or if bp is before the range's start, set range's start to bp.
            //    2. Set range's end to bp."
            let start = self.start();
            if other_root || position(node, offset, &start.node, start.offset) == Ordering::Less {
                self.abstract_range.set_start(node, offset);
            }
            self.set_end_point(node, offset);
        }
        Ok(())
    }

    /// <https://dom.spec.whatwg.org/#concept-range-select>: "select" node within this.
    fn select(&self, node: &Node) -> ErrorResult {
        // 1–2. "Let parent be node's parent. If parent is null, then throw an
        //      "InvalidNodeTypeError" DOMException."
        let Some(parent) = node.parent() else {
            return Err(Error::InvalidNodeType("The node has no parent.".into()));
        };
        // 3. "Let index be node's index."
        let i = index(node);
        // 4–5. "Set range's start to boundary point (parent, index). Set range's end to
        //      boundary point (parent, index plus 1)."
        self.abstract_range.set_start(&parent, i);
        self.set_end_point(&parent, i + 1);
        Ok(())
    }

    /// <https://dom.spec.whatwg.org/#contained>: "A node node is contained in a live range
    /// range if node's root is range's root, and (node, 0) is after range's start, and (node,
    /// node's length) is before range's end."
    fn contains(&self, node: &Node) -> bool {
        let (start, end) = (self.start(), self.end());
        same_root(node, &start.node)
            && position(node, 0, &start.node, start.offset) == Ordering::Greater
            && position(node, node_length(node), &end.node, end.offset) == Ordering::Less
    }

    /// <https://dom.spec.whatwg.org/#partially-contained>: "if it's an inclusive ancestor of
    /// the live range's start node but not its end node, or vice versa."
    fn partially_contains(&self, node: &Node) -> bool {
        node.is_inclusive_ancestor_of(&self.abstract_range.start_node())
            != node.is_inclusive_ancestor_of(&self.abstract_range.end_node())
    }

    /// The new boundary point deleteContents() and extractContents() collapse to (steps 5–6
    /// of the one, 10–11 of the other).
    fn collapse_point(start: &BoundaryPoint, end: &BoundaryPoint) -> BoundaryPoint {
        // "If original start node is an inclusive ancestor of original end node, set new node
        // to original start node and new offset to original start offset."
        if start.node.is_inclusive_ancestor_of(&end.node) {
            return start.clone();
        }
        // "Otherwise: Let reference node equal original start node. While reference node's
        // parent is not null and is not an inclusive ancestor of original end node, set
        // reference node to its parent. Set new node to the parent of reference node, and new
        // offset to one plus the index of reference node."
        let mut reference = start.node.clone();
        while let Some(parent) = reference.parent() {
            if parent.is_inclusive_ancestor_of(&end.node) {
                break;
            }
            reference = parent;
        }
        match reference.parent() {
            Some(parent) => BoundaryPoint { offset: index(&reference) + 1, node: parent },
            // Both boundary points share a root, so the loop stops below it.
            None => start.clone(),
        }
    }

    /// The children of the common ancestor the extract and clone algorithms work with (steps
    /// 5–9 of both): the common ancestor, the first and last partially contained children and
    /// the contained children, or the `HierarchyRequestError` of a contained doctype.
    fn split_at_common_ancestor(
        &self,
        start: &BoundaryPoint,
        end: &BoundaryPoint,
    ) -> Fallible<(Option<DomRoot<Node>>, Vec<DomRoot<Node>>, Option<DomRoot<Node>>)> {
        // 5. "Let common ancestor be original start node. While common ancestor is not an
        //    inclusive ancestor of original end node, set common ancestor to its own parent."
        let mut common = start.node.clone();
        while !common.is_inclusive_ancestor_of(&end.node) {
            match common.parent() {
                Some(parent) => common = parent,
                None => break,
            }
        }
        let children = common.children();
        // 6. "If original start node is an inclusive ancestor of original end node, set first
        //    partially contained child to null. Otherwise, let first partially contained child
        //    be the first child of common ancestor that is partially contained in range."
        let first = if start.node.is_inclusive_ancestor_of(&end.node) {
            None
        } else {
            children.iter().find(|c| self.partially_contains(c)).cloned()
        };
        // 7. The same for the last partially contained child, with the end node.
        let last = if end.node.is_inclusive_ancestor_of(&start.node) {
            None
        } else {
            children.iter().rev().find(|c| self.partially_contains(c)).cloned()
        };
        // 8. "Let contained children be a list of all children of common ancestor that are
        //    contained in range, in tree order."
        let contained: Vec<DomRoot<Node>> = children.into_iter().filter(|c| self.contains(c)).collect();
        // 9. "If any member of contained children is a doctype, then throw a
        //    "HierarchyRequestError" DOMException."
        if contained.iter().any(|c| c.kind() == NodeKind::DocumentType) {
            return Err(Error::HierarchyRequest("The range contains a doctype.".into()));
        }
        Ok((first, contained, last))
    }

    /// A clone of a CharacterData node holding `data` ("let clone be a clone of node; set the
    /// data of clone to …").
    fn clone_with_data(cx: &mut JSContext, node: &Node, data: String) -> DomRoot<Node> {
        let clone = node.clone_node(cx, None, false);
        if let Some(cd) = clone.downcast::<CharacterData>() {
            cd.set_data(data);
        }
        clone
    }

    /// <https://dom.spec.whatwg.org/#concept-range-extract>
    fn extract(&self, cx: &mut JSContext) -> Fallible<DomRoot<DocumentFragment>> {
        self.extract_or_clone(cx, Contents::Extract)
    }

    /// <https://dom.spec.whatwg.org/#concept-range-clone>
    fn clone_contents(&self, cx: &mut JSContext) -> Fallible<DomRoot<DocumentFragment>> {
        self.extract_or_clone(cx, Contents::Clone)
    }

    /// The two algorithms the standard writes out in parallel, "extract" (the contents move
    /// into the fragment and the range collapses) and "clone the contents" (copies, nothing
    /// changes); the steps are numbered as in "extract".
    fn extract_or_clone(&self, cx: &mut JSContext, mode: Contents) -> Fallible<DomRoot<DocumentFragment>> {
        let extract = mode == Contents::Extract;
        let (start, end) = (self.start(), self.end());
        // 1. "Let fragment be a new DocumentFragment node whose node document is range's start
        //    node's node document."
        let fragment = DocumentFragment::new(cx, &start.node.owner_doc());
        let frag = fragment.upcast::<Node>();
        // 2. "If range is collapsed, then return fragment."
        if self.is_collapsed() {
            return Ok(fragment);
        }
        // 4. "If original start node is original end node and it is a CharacterData node,
        //    then:"
        if same_object(&*start.node, &*end.node) && is_character_data(&start.node) {
            // 4.1–4.3. "Let clone be a clone of original start node. Set the data of clone to
            //          the result of substringing data with node original start node, offset
            //          original start offset, and count original end offset minus original
            //          start offset. Append clone to fragment."
            let count = end.offset - start.offset;
            let clone = Self::clone_with_data(cx, &start.node, boundary::substring(&start.node, start.offset, count));
            frag.pre_insert(cx, &clone, None)?;
            // 4.4. (extract) "Replace data with node original start node, offset original
            //      start offset, count original end offset minus original start offset, and
            //      data the empty string."
            if extract && let Some(cd) = start.node.downcast::<CharacterData>() {
                cd.replace_range(cx, start.offset, count, "")?;
            }
            // 4.5. "Return fragment."
            return Ok(fragment);
        }
        // 5–9.
        let (first, contained, last) = self.split_at_common_ancestor(&start, &end)?;
        // 10–11. (extract) The new boundary point.
        let new_point = Self::collapse_point(&start, &end);
        // 12. "If first partially contained child is a CharacterData node, then:"
        if let Some(first) = &first {
            if is_character_data(first) {
                // "Let clone be a clone of original start node. Set the data of clone to the
                // result of substringing data with node original start node, offset original
                // start offset, and count original start node's length minus original start
                // offset. Append clone to fragment." (extract) "Replace data with node original
                // start node, offset original start offset, count original start node's length
                // minus original start offset, and data the empty string."
                let count = node_length(&start.node) - start.offset;
                let clone =
                    Self::clone_with_data(cx, &start.node, boundary::substring(&start.node, start.offset, count));
                frag.pre_insert(cx, &clone, None)?;
                if extract && let Some(cd) = start.node.downcast::<CharacterData>() {
                    cd.replace_range(cx, start.offset, count, "")?;
                }
            } else {
                // 13. "Otherwise, if first partially contained child is not null: Let clone be
                //     a clone of first partially contained child. Append clone to fragment. Let
                //     subrange be a new live range whose start is (original start node,
                //     original start offset) and whose end is (first partially contained
                //     child, first partially contained child's length). Let subfragment be the
                //     result of extracting (cloning the contents of) subrange. Append
                //     subfragment to clone."
                let clone = first.clone_node(cx, None, false);
                frag.pre_insert(cx, &clone, None)?;
                let subrange =
                    Range::new(cx, &start.node.owner_doc(), &start, &BoundaryPoint::new(first, node_length(first)));
                let subfragment = subrange.extract_or_clone(cx, mode)?;
                clone.pre_insert(cx, subfragment.upcast(), None)?;
            }
        }
        // 14. "For each contained child in contained children, append contained child to
        //     fragment." (clone: "Let clone be a clone of contained child with subtree set to
        //     true. Append clone to fragment.")
        for child in &contained {
            if extract {
                frag.pre_insert(cx, child, None)?;
            } else {
                let clone = child.clone_node(cx, None, true);
                frag.pre_insert(cx, &clone, None)?;
            }
        }
        // 15. "If last partially contained child is a CharacterData node, then:"
        if let Some(last) = &last {
            if is_character_data(last) {
                // "Let clone be a clone of original end node. Set the data of clone to the
                // result of substringing data with node original end node, offset 0, and count
                // original end offset. Append clone to fragment." (extract) "Replace data with
                // node original end node, offset 0, count original end offset, and data the
                // empty string."
                let clone = Self::clone_with_data(cx, &end.node, boundary::substring(&end.node, 0, end.offset));
                frag.pre_insert(cx, &clone, None)?;
                if extract && let Some(cd) = end.node.downcast::<CharacterData>() {
                    cd.replace_range(cx, 0, end.offset, "")?;
                }
            } else {
                // 16. "Otherwise, if last partially contained child is not null: … Let subrange
                //     be a new live range whose start is (last partially contained child, 0)
                //     and whose end is (original end node, original end offset)…"
                let clone = last.clone_node(cx, None, false);
                frag.pre_insert(cx, &clone, None)?;
                let subrange = Range::new(cx, &end.node.owner_doc(), &BoundaryPoint::new(last, 0), &end);
                let subfragment = subrange.extract_or_clone(cx, mode)?;
                clone.pre_insert(cx, subfragment.upcast(), None)?;
            }
        }
        // 17. (extract) "Set range's start and end to (new node, new offset)."
        if extract {
            self.abstract_range.set_start(&new_point.node, new_point.offset);
            self.set_end_point(&new_point.node, new_point.offset);
        }
        // 18. "Return fragment."
        Ok(fragment)
    }

    /// <https://dom.spec.whatwg.org/#concept-range-insert>: "insert" node into this.
    fn insert(&self, cx: &mut JSContext, node: &Node) -> ErrorResult {
        let start = self.start();
        // 1. "If range's start node is a ProcessingInstruction or Comment node, is a Text node
        //    whose parent is null, or is node, then throw a "HierarchyRequestError"
        //    DOMException."
        if matches!(start.node.kind(), NodeKind::Comment | NodeKind::ProcessingInstruction)
            || (start.node.kind() == NodeKind::Text && start.node.parent().is_none())
            || same_object(&*start.node, node)
        {
            return Err(Error::HierarchyRequest("A node cannot be inserted at this range's start.".into()));
        }
        // 2–4. "Let referenceNode be null. If range's start node is a Text node, set
        //      referenceNode to that Text node. Otherwise, set referenceNode to the child of
        //      start node whose index is start offset, and null if there is no such child."
        let mut reference: Option<DomRoot<Node>> = if start.node.kind() == NodeKind::Text {
            Some(start.node.clone())
        } else {
            start.node.children().into_iter().nth(start.offset as usize)
        };
        // 5. "Let parent be range's start node if referenceNode is null, and referenceNode's
        //    parent otherwise."
        let parent = match &reference {
            None => start.node.clone(),
            // Step 1 made sure a Text start node has a parent; a child has one by definition.
            Some(r) => r.parent().ok_or_else(|| Error::HierarchyRequest("The range's start has no parent.".into()))?,
        };
        // 6. "Ensure pre-insert validity of node into parent before referenceNode."
        parent.ensure_pre_insertion_validity(node, reference.as_deref())?;
        // 7. "If range's start node is a Text node, set referenceNode to the result of
        //    splitting it with offset range's start offset."
        if let Some(text) = start.node.downcast::<Text>() {
            reference = Some(DomRoot::upcast(text.split(cx, start.offset)?));
        }
        // 8. "If node is referenceNode, set referenceNode to its next sibling."
        if reference.as_deref().is_some_and(|r| same_object(r, node)) {
            reference = node.next_sibling();
        }
        // 9. "If node's parent is non-null, then remove node."
        if let Some(old_parent) = node.parent() {
            old_parent.remove(cx, node, false);
        }
        // 10. "Let newOffset be parent's length if referenceNode is null; otherwise
        //     referenceNode's index."
        let mut new_offset = match &reference {
            None => node_length(&parent),
            Some(r) => index(r),
        };
        // 11. "Increase newOffset by node's length if node is a DocumentFragment node;
        //     otherwise 1."
        new_offset += if node.kind() == NodeKind::DocumentFragment { node_length(node) } else { 1 };
        // 12. "Pre-insert node into parent before referenceNode."
        parent.pre_insert(cx, node, reference.as_deref())?;
        // 13. "If range is collapsed, then set range's end to (parent, newOffset)."
        if self.is_collapsed() {
            self.set_end_point(&parent, new_offset);
        }
        Ok(())
    }

    /// <https://dom.spec.whatwg.org/#dom-range-deletecontents>
    pub fn delete_contents(&self, cx: &mut JSContext) -> ErrorResult {
        // 1. "If this is collapsed, then return."
        if self.is_collapsed() {
            return Ok(());
        }
        // 2. The original start and end.
        let (start, end) = (self.start(), self.end());
        // 3. "If original start node is original end node and it is a CharacterData node,
        //    then replace data with node original start node, offset original start offset,
        //    count original end offset minus original start offset, and data the empty string,
        //    and then return."
        if same_object(&*start.node, &*end.node) && is_character_data(&start.node) {
            return match start.node.downcast::<CharacterData>() {
                Some(cd) => cd.replace_range(cx, start.offset, end.offset - start.offset, ""),
                None => Ok(()),
            };
        }
        // 4. "Let nodes to remove be a list of all the nodes that are contained in this, in tree
        //    order, omitting any node whose parent is also contained in this."
        let root = self.root();
        let mut to_remove = Vec::new();
        root.for_each_inclusive_descendant(|n| {
            if self.contains(n) && !n.parent().is_some_and(|p| self.contains(&p)) {
                to_remove.push(DomRoot::from_ref(n));
            }
        });
        // 5–6. The new boundary point.
        let new_point = Self::collapse_point(&start, &end);
        // 7. "If original start node is a CharacterData node, then replace data with node
        //    original start node, offset original start offset, count original start node's
        //    length minus original start offset, data the empty string."
        if let Some(cd) = start.node.downcast::<CharacterData>() {
            cd.replace_range(cx, start.offset, node_length(&start.node) - start.offset, "")?;
        }
        // 8. "For each node in nodes to remove, in tree order, remove node."
        for node in to_remove {
            if let Some(parent) = node.parent() {
                parent.remove(cx, &node, false);
            }
        }
        // 9. "If original end node is a CharacterData node, then replace data with node
        //    original end node, offset 0, count original end offset and data the empty
        //    string."
        if let Some(cd) = end.node.downcast::<CharacterData>() {
            cd.replace_range(cx, 0, end.offset, "")?;
        }
        // 10. "Set start and end to (new node, new offset)."
        self.abstract_range.set_start(&new_point.node, new_point.offset);
        self.set_end_point(&new_point.node, new_point.offset);
        Ok(())
    }

    /// The text of the range (<https://dom.spec.whatwg.org/#dom-range-stringifier>).
    pub fn text(&self) -> String {
        let (start, end) = (self.start(), self.end());
        // 1. "Let s be the empty string."
        let mut s = String::new();
        // 2. "If this's start node is this's end node and it is a Text node, then return the
        //    substring of that Text node's data beginning at this's start offset and ending at
        //    this's end offset."
        if same_object(&*start.node, &*end.node) && start.node.kind() == NodeKind::Text {
            return boundary::substring(&start.node, start.offset, end.offset.saturating_sub(start.offset));
        }
        // 3. "If this's start node is a Text node, then append the substring of that node's
        //    data from this's start offset until the end to s."
        if start.node.kind() == NodeKind::Text {
            s.push_str(&boundary::substring(&start.node, start.offset, u32::MAX));
        }
        // 4. "Append the concatenation of the data of all Text nodes that are contained in
        //    this, in tree order, to s."
        self.root().for_each_inclusive_descendant(|n| {
            if n.kind() == NodeKind::Text
                && self.contains(n)
                && let Some(cd) = n.downcast::<CharacterData>()
            {
                s.push_str(&cd.data_string());
            }
        });
        // 5. "If this's end node is a Text node, then append the substring of that node's data
        //    from its start until this's end offset to s."
        if end.node.kind() == NodeKind::Text {
            s.push_str(&boundary::substring(&end.node, 0, end.offset));
        }
        // 6. "Return s."
        s
    }

    /// A boundary point's position relative to this range for isPointInRange() and
    /// comparePoint(): the checks of steps 2–3 of both, then before (-1), in (0) or after (1).
    fn point_position(&self, node: &Node, offset: u32) -> Fallible<i16> {
        // "If node is a doctype, then throw an "InvalidNodeTypeError" DOMException."
        if node.kind() == NodeKind::DocumentType {
            return Err(Error::InvalidNodeType("A boundary point cannot be in a doctype.".into()));
        }
        // "If offset is greater than node's length, then throw an "IndexSizeError"
        // DOMException."
        if offset > node_length(node) {
            return Err(Error::IndexSize(format!("The offset {offset} is larger than the node's length.")));
        }
        // "If (node, offset) is before start, return −1. If (node, offset) is after end, return
        // 1. Return 0."
        let (start, end) = (self.start(), self.end());
        if position(node, offset, &start.node, start.offset) == Ordering::Less {
            return Ok(-1);
        }
        if position(node, offset, &end.node, end.offset) == Ordering::Greater {
            return Ok(1);
        }
        Ok(0)
    }
}

impl RangeMethods for Range {
    /// <https://dom.spec.whatwg.org/#dom-range-range>
    fn Constructor(cx: &mut JSContext, global: &Window, proto: Option<HandleObject>) -> Fallible<DomRoot<Range>> {
        // "The new Range() constructor steps are to set this's start and end to (current
        // global object's associated Document, 0)."
        let document = global.document();
        let point = BoundaryPoint::new(document.upcast(), 0);
        let range = reflect_dom_object_with_proto(cx, Box::new(Range::new_inherited(&point, &point)), global, proto);
        liveranges::register(&range);
        Ok(range)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-commonancestorcontainer>
    fn CommonAncestorContainer(&self, _cx: &mut JSContext) -> DomRoot<Node> {
        // "1. Let container be start node. 2. While container is not an inclusive ancestor of
        // end node, let container be container's parent. 3. Return container."
        let end = self.abstract_range.end_node();
        let mut container = self.abstract_range.start_node();
        while !container.is_inclusive_ancestor_of(&end) {
            match container.parent() {
                Some(parent) => container = parent,
                None => break,
            }
        }
        container
    }

    /// <https://dom.spec.whatwg.org/#dom-range-setstart>
    fn SetStart(&self, _cx: &mut JSContext, node: &Node, offset: u32) -> ErrorResult {
        self.set_boundary(node, offset, true)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-setend>
    fn SetEnd(&self, _cx: &mut JSContext, node: &Node, offset: u32) -> ErrorResult {
        self.set_boundary(node, offset, false)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-setstartbefore>
    fn SetStartBefore(&self, _cx: &mut JSContext, node: &Node) -> ErrorResult {
        // "1. Let parent be node's parent. 2. If parent is null, then throw an
        // "InvalidNodeTypeError" DOMException. 3. Set the start of this to boundary point
        // (parent, node's index)."
        let parent = node.parent().ok_or_else(|| Error::InvalidNodeType("The node has no parent.".into()))?;
        self.set_boundary(&parent, index(node), true)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-setstartafter>
    fn SetStartAfter(&self, _cx: &mut JSContext, node: &Node) -> ErrorResult {
        // "… Set the start of this to boundary point (parent, node's index plus 1)."
        let parent = node.parent().ok_or_else(|| Error::InvalidNodeType("The node has no parent.".into()))?;
        self.set_boundary(&parent, index(node) + 1, true)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-setendbefore>
    fn SetEndBefore(&self, _cx: &mut JSContext, node: &Node) -> ErrorResult {
        let parent = node.parent().ok_or_else(|| Error::InvalidNodeType("The node has no parent.".into()))?;
        self.set_boundary(&parent, index(node), false)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-setendafter>
    fn SetEndAfter(&self, _cx: &mut JSContext, node: &Node) -> ErrorResult {
        let parent = node.parent().ok_or_else(|| Error::InvalidNodeType("The node has no parent.".into()))?;
        self.set_boundary(&parent, index(node) + 1, false)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-collapse>
    fn Collapse(&self, _cx: &mut JSContext, to_start: bool) {
        // "if toStart is true, set end to start; otherwise set start to end."
        if to_start {
            let start = self.start();
            self.set_end_point(&start.node, start.offset);
        } else {
            let end = self.end();
            self.set_start_point(&end.node, end.offset);
        }
    }

    /// <https://dom.spec.whatwg.org/#dom-range-selectnode>
    fn SelectNode(&self, _cx: &mut JSContext, node: &Node) -> ErrorResult {
        self.select(node)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-selectnodecontents>
    fn SelectNodeContents(&self, _cx: &mut JSContext, node: &Node) -> ErrorResult {
        // 1. "If node is a doctype, throw an "InvalidNodeTypeError" DOMException."
        if node.kind() == NodeKind::DocumentType {
            return Err(Error::InvalidNodeType("A range cannot select the contents of a doctype.".into()));
        }
        // 2–4. "Let length be the length of node. Set start to the boundary point (node, 0).
        //      Set end to the boundary point (node, length)."
        self.abstract_range.set_start(node, 0);
        self.set_end_point(node, node_length(node));
        Ok(())
    }

    /// <https://dom.spec.whatwg.org/#dom-range-compareboundarypoints>
    fn CompareBoundaryPoints(&self, _cx: &mut JSContext, how: u16, source: &Range) -> Fallible<i16> {
        // 1. "If how is not one of START_TO_START, START_TO_END, END_TO_END, and END_TO_START,
        //    then throw a "NotSupportedError" DOMException."
        // 3–4. "If how is: START_TO_START: let this point be this's start, other point be
        //      sourceRange's start; START_TO_END: this's end, sourceRange's start; END_TO_END:
        //      this's end, sourceRange's end; END_TO_START: this's start, sourceRange's end."
        let (this_point, other_point) = match how {
            START_TO_START => (self.start(), source.start()),
            START_TO_END => (self.end(), source.start()),
            END_TO_END => (self.end(), source.end()),
            END_TO_START => (self.start(), source.end()),
            _ => return Err(Error::NotSupported(format!("{how} is not a way to compare boundary points."))),
        };
        // 2. "If this's root is not the same as sourceRange's root, then throw a
        //    "WrongDocumentError" DOMException."
        if !same_object(&*self.root(), &*source.root()) {
            return Err(Error::WrongDocument("The two ranges are in different trees.".into()));
        }
        // 5. "If the position of this point relative to other point is before, return −1;
        //    equal, 0; after, 1."
        Ok(match boundary::compare(&this_point, &other_point) {
            Ordering::Less => -1,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        })
    }

    /// <https://dom.spec.whatwg.org/#dom-range-deletecontents>
    fn DeleteContents(&self, cx: &mut JSContext) -> ErrorResult {
        self.delete_contents(cx)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-extractcontents>
    fn ExtractContents(&self, cx: &mut JSContext) -> Fallible<DomRoot<DocumentFragment>> {
        self.extract(cx)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-clonecontents>
    fn CloneContents(&self, cx: &mut JSContext) -> Fallible<DomRoot<DocumentFragment>> {
        self.clone_contents(cx)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-insertnode>
    fn InsertNode(&self, cx: &mut JSContext, node: &Node) -> ErrorResult {
        self.insert(cx, node)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-surroundcontents>
    fn SurroundContents(&self, cx: &mut JSContext, new_parent: &Node) -> ErrorResult {
        // 1. "If a non-Text node is partially contained in this, then throw an
        //    "InvalidStateError" DOMException."
        let (start, end) = (self.start(), self.end());
        let mut partial = false;
        for bound in [&start.node, &end.node] {
            let mut node = Some(bound.clone());
            while let Some(n) = node {
                if n.kind() != NodeKind::Text && self.partially_contains(&n) {
                    partial = true;
                }
                node = n.parent();
            }
        }
        if partial {
            return Err(Error::InvalidState("The range partially contains a non-Text node.".into()));
        }
        // 2. "If newParent is a Document, DocumentType, or DocumentFragment node, then throw an
        //    "InvalidNodeTypeError" DOMException."
        if matches!(new_parent.kind(), NodeKind::Document | NodeKind::DocumentType | NodeKind::DocumentFragment) {
            return Err(Error::InvalidNodeType("That node cannot surround a range's contents.".into()));
        }
        // 3. "Let fragment be the result of extracting this."
        let fragment = self.extract(cx)?;
        // 4. "If newParent has children, then replace all with null within newParent."
        if new_parent.first_child().is_some() {
            new_parent.replace_all(cx, None);
        }
        // 5. "Insert newParent into this."
        self.insert(cx, new_parent)?;
        // 6. "Append fragment to newParent."
        new_parent.pre_insert(cx, fragment.upcast(), None)?;
        // 7. "Select newParent within this."
        self.select(new_parent)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-clonerange>
    fn CloneRange(&self, cx: &mut JSContext) -> DomRoot<Range> {
        // "return a new live range with the same start and end as this."
        let document = self.abstract_range.start_node().owner_doc();
        Range::new(cx, &document, &self.start(), &self.end())
    }

    /// <https://dom.spec.whatwg.org/#dom-range-detach>: "do nothing".
    fn Detach(&self, _cx: &mut JSContext) {}

    /// <https://dom.spec.whatwg.org/#dom-range-ispointinrange>
    fn IsPointInRange(&self, _cx: &mut JSContext, node: &Node, offset: u32) -> Fallible<bool> {
        // 1. "If node's root is different from this's root, return false."
        if !same_root(node, &self.root()) {
            return Ok(false);
        }
        // 2–5.
        Ok(self.point_position(node, offset)? == 0)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-comparepoint>
    fn ComparePoint(&self, _cx: &mut JSContext, node: &Node, offset: u32) -> Fallible<i16> {
        // 1. "If node's root is different from this's root, then throw a "WrongDocumentError"
        //    DOMException."
        if !same_root(node, &self.root()) {
            return Err(Error::WrongDocument("The node is not in this range's tree.".into()));
        }
        // 2–6.
        self.point_position(node, offset)
    }

    /// <https://dom.spec.whatwg.org/#dom-range-intersectsnode>
    fn IntersectsNode(&self, _cx: &mut JSContext, node: &Node) -> bool {
        // 1. "If node's root is different from this's root, return false."
        if !same_root(node, &self.root()) {
            return false;
        }
        // 2–3. "Let parent be node's parent. If parent is null, return true."
        let Some(parent) = node.parent() else { return true };
        // 4. "Let offset be node's index."
        let offset = index(node);
        // 5. "If (parent, offset) is before end and (parent, offset plus 1) is after start,
        //    return true." 6. "Return false."
        let (start, end) = (self.start(), self.end());
        position(&parent, offset, &end.node, end.offset) == Ordering::Less
            && position(&parent, offset + 1, &start.node, start.offset) == Ordering::Greater
    }

    /// <https://dom.spec.whatwg.org/#dom-range-stringifier>
    fn Stringifier(&self, _cx: &mut JSContext) -> DOMString {
        self.text().into()
    }

    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-range-createcontextualfragment>
    fn CreateContextualFragment(&self, cx: &mut JSContext, string: DOMString) -> DomRoot<DocumentFragment> {
        // 2. "Let node be this's start node."
        let node = self.abstract_range.start_node();
        // 3–5. "Let element be null. If node implements Element, set element to node.
        //      Otherwise, if node implements Text or Comment, set element to node's parent
        //      element."
        let element: Option<DomRoot<Element>> = match node.kind() {
            NodeKind::Element => node.downcast_root::<Element>(),
            NodeKind::Text | NodeKind::Comment => node.parent().and_then(|p| p.downcast_root::<Element>()),
            _ => None,
        };
        // 6. "If element is null or all of the following are true: element's node document is
        //    an HTML document, element's local name is "html", and element's namespace is the
        //    HTML namespace; then set element to the result of creating an element given this's
        //    node document, "body", and the HTML namespace."
        let document = node.owner_doc();
        let element = match element {
            Some(e)
                if !(e.upcast::<Node>().owner_doc().is_html_document()
                    && e.is_html_element()
                    && e.local_name() == "html") =>
            {
                e
            }
            _ => crate::dom::dom::createelement::create_element(
                cx,
                &document,
                "body",
                Some(crate::dom::dom::element::HTML_NAMESPACE),
                None,
            ),
        };
        // 7. "Let fragment node be the result of invoking the fragment parsing algorithm steps
        //    with element and compliantString."
        let fragment = crate::dom::html::parser::parse_fragment(cx, &element, &string);
        // 8. "For each script of fragment node's script element descendants: set script's
        //    already started to false; set script's parser document to null."
        fragment.upcast::<Node>().for_each_inclusive_descendant(|n| {
            if let Some(script) = n.downcast::<crate::dom::html::htmlscriptelement::HTMLScriptElement>() {
                script.reset_for_contextual_fragment();
            }
        });
        // 9. "Return fragment node."
        fragment
    }
}

//! `Selection` (<https://w3c.github.io/selection-api/#selection-interface>): each document's
//! one selection, a live `Range` or nothing, with a direction. Aperture has no user who
//! selects, so only scripts change it; `selectionchange` is fired as the specification says.

use std::cell::Cell;
use std::cmp::Ordering;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::GetComposedRangesOptions;
use crate::dom::bindings::codegen::SelectionBinding::SelectionMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::{Reflector, same_object};
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::dom::shadowroot::ShadowRoot;
use crate::dom::ranges::abstractrange::StaticRange;
use crate::dom::ranges::boundary::{BoundaryPoint, index, node_length, position, same_root};
use crate::dom::ranges::range::Range;

/// <https://w3c.github.io/selection-api/#dfn-direction>
#[derive(Clone, Copy, PartialEq)]
enum Direction {
    Forwards,
    Backwards,
    Directionless,
}

#[dom_struct]
pub struct Selection {
    reflector_: Reflector,
    document: Dom<Document>,
    range: MutNullableDom<Range>,
    #[no_trace]
    direction: Cell<Direction>,
}

impl Selection {
    pub fn new(cx: &mut JSContext, document: &Document) -> DomRoot<Selection> {
        let selection = Selection {
            reflector_: Reflector::new(),
            document: Dom::from_ref(document),
            range: MutNullableDom::new(None),
            direction: Cell::new(Direction::Directionless),
        };
        reflect_dom_object(cx, Box::new(selection), &document.window_for_objects())
    }

    /// The associated range, when there is one.
    pub fn range(&self) -> Option<DomRoot<Range>> {
        self.range.get()
    }

    /// "Set this's range to" `range` (or make it empty), which schedules `selectionchange`.
    fn set_range(&self, range: Option<&Range>, direction: Direction) {
        if let Some(old) = self.range.get() {
            old.set_selection_of(None);
        }
        if let Some(range) = range {
            range.set_selection_of(Some(&self.document));
        }
        self.range.set(range);
        self.direction.set(direction);
        schedule_selectionchange(&self.document);
    }

    /// A new live range in this selection's document from `start` to `end`.
    fn new_range(&self, cx: &mut JSContext, start: &BoundaryPoint, end: &BoundaryPoint) -> DomRoot<Range> {
        Range::new(cx, &self.document, start, end)
    }

    /// Whether the document associated with this is a shadow-including inclusive ancestor of
    /// `node`.
    fn holds(&self, node: &Node) -> bool {
        same_object(&*node.shadow_including_root(), self.document.upcast::<Node>())
    }

    /// The anchor (<https://w3c.github.io/selection-api/#dfn-anchor>): the range's start when the
    /// direction is forwards, else its end.
    fn anchor(&self) -> Option<BoundaryPoint> {
        let range = self.range.get()?;
        Some(if self.direction.get() == Direction::Forwards { range.start() } else { range.end() })
    }

    /// The focus: the other boundary point.
    fn focus(&self) -> Option<BoundaryPoint> {
        let range = self.range.get()?;
        Some(if self.direction.get() == Direction::Forwards { range.end() } else { range.start() })
    }

    /// Whether a boundary point is in the document tree (not in a shadow tree).
    fn in_document_tree(point: &BoundaryPoint) -> bool {
        point.node.root().kind() == NodeKind::Document
    }

    /// The range, when the selection is not empty and both its ends are in the document tree
    /// (what `rangeCount`, `type` and `getRangeAt()` look at).
    fn visible_range(&self) -> Option<DomRoot<Range>> {
        let range = self.range.get()?;
        (Self::in_document_tree(&range.start()) && Self::in_document_tree(&range.end())).then_some(range)
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-collapse>
    fn collapse_to(&self, cx: &mut JSContext, node: Option<&Node>, offset: u32) -> ErrorResult {
        // 1. "If node is null, this method must behave identically as removeAllRanges()."
        let Some(node) = node else {
            self.remove_all();
            return Ok(());
        };
        // 2. "If node is a DocumentType, throw an InvalidNodeTypeError exception."
        if node.kind() == NodeKind::DocumentType {
            return Err(Error::InvalidNodeType("A selection cannot be in a doctype.".into()));
        }
        // 3. "The method must throw an IndexSizeError exception if offset is longer than node's
        //    length."
        if offset > node_length(node) {
            return Err(Error::IndexSize(format!("The offset {offset} is larger than the node's length.")));
        }
        // 4. "If document associated with this is not a shadow-including inclusive ancestor of
        //    node, abort these steps."
        if !self.holds(node) {
            return Ok(());
        }
        // 5–7. "Let newRange be a new range. Set the start the start and the end of newRange to
        //      (node, offset). Set this's range to newRange."
        let point = BoundaryPoint::new(node, offset);
        let range = self.new_range(cx, &point, &point);
        self.set_range(Some(&range), Direction::Directionless);
        Ok(())
    }

    fn remove_all(&self) {
        if self.range.get().is_some() {
            self.set_range(None, Direction::Directionless);
        }
    }
}

/// <https://w3c.github.io/selection-api/#scheduling-selectionhange-event>: "If target's has
/// scheduled selectionchange event is true, abort these steps. Set target's has scheduled
/// selectionchange event to true. Queue a task on the user interaction task source to fire a
/// selectionchange event on target." The task sets the flag back to false and fires an event
/// that bubbles and is not cancelable.
pub fn schedule_selectionchange(document: &Document) {
    if !document.set_selectionchange_scheduled(true) {
        return;
    }
    let target = Trusted::new(document);
    crate::script_thread::queue_task(Box::new(move |cx| {
        let Some(document) = target.root() else { return };
        document.set_selectionchange_scheduled(false);
        let window = document.window_for_objects();
        crate::script_runtime::in_realm(cx, &window, |cx| {
            document.upcast::<EventTarget>().fire_event_with(cx, "selectionchange", false, false);
        });
    }));
}

impl SelectionMethods for Selection {
    /// <https://w3c.github.io/selection-api/#dom-selection-anchornode>
    fn AnchorNode(&self, _cx: &mut JSContext) -> Option<DomRoot<Node>> {
        self.anchor().filter(Self::in_document_tree).map(|p| p.node)
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-anchoroffset>
    fn AnchorOffset(&self, _cx: &mut JSContext) -> u32 {
        self.anchor().filter(Self::in_document_tree).map_or(0, |p| p.offset)
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-focusnode>
    fn FocusNode(&self, _cx: &mut JSContext) -> Option<DomRoot<Node>> {
        self.focus().filter(Self::in_document_tree).map(|p| p.node)
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-focusoffset>
    fn FocusOffset(&self, _cx: &mut JSContext) -> u32 {
        self.focus().filter(Self::in_document_tree).map_or(0, |p| p.offset)
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-iscollapsed>: "true if and only if
    /// the anchor and focus are the same (including if both are null)".
    fn IsCollapsed(&self, _cx: &mut JSContext) -> bool {
        self.range.get().is_none_or(|r| r.is_collapsed())
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-rangecount>
    fn RangeCount(&self, _cx: &mut JSContext) -> u32 {
        u32::from(self.visible_range().is_some())
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-type>
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        match self.visible_range() {
            None => "None",
            Some(r) if r.is_collapsed() => "Caret",
            Some(_) => "Range",
        }
        .into()
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-direction>
    fn Direction(&self, _cx: &mut JSContext) -> DOMString {
        // A caret has no direction in Chromium either ("none" after a collapsed
        // setBaseAndExtent()).
        match (self.range.get(), self.direction.get()) {
            (None, _) | (_, Direction::Directionless) => "none",
            (Some(range), _) if range.is_collapsed() => "none",
            (_, Direction::Forwards) => "forward",
            (_, Direction::Backwards) => "backward",
        }
        .into()
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-getrangeat>
    fn GetRangeAt(&self, _cx: &mut JSContext, index: u32) -> Fallible<DomRoot<Range>> {
        // "throw an IndexSizeError exception if index is not 0, or if this is empty or either
        // focus or anchor is not in the document tree. Otherwise, … return a reference to (not
        // a copy of) this's range."
        match self.visible_range() {
            Some(range) if index == 0 => Ok(range),
            _ => Err(Error::IndexSize(format!("{index} is not the index of a range of the selection."))),
        }
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-addrange>
    fn AddRange(&self, _cx: &mut JSContext, range: &Range) {
        // 1. "If the root of the range's boundary points are not the document associated with
        //    this, abort these steps."
        if !same_object(&*range.root(), self.document.upcast::<Node>()) {
            return;
        }
        // 2. "If rangeCount is not 0, abort these steps."
        if self.range.get().is_some() {
            return;
        }
        // 3. "Set this's range to range by a strong reference (not by making a copy)." As in
        //    every browser, the selection is then forwards: its anchor is the range's start.
        self.set_range(Some(range), Direction::Forwards);
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-removerange>
    fn RemoveRange(&self, _cx: &mut JSContext, range: &Range) -> ErrorResult {
        // "make this empty by disassociating its range if this's range is range. Otherwise, it
        // must throw a NotFoundError."
        match self.range.get() {
            Some(current) if same_object(&*current, range) => {
                self.set_range(None, Direction::Directionless);
                Ok(())
            }
            _ => Err(Error::NotFound("The range is not the selection's range.".into())),
        }
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-removeallranges>
    fn RemoveAllRanges(&self, _cx: &mut JSContext) {
        self.remove_all();
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-empty>
    fn Empty(&self, _cx: &mut JSContext) {
        self.remove_all();
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-getcomposedranges>
    fn GetComposedRanges(&self, cx: &mut JSContext, options: &GetComposedRangesOptions) -> Vec<DomRoot<StaticRange>> {
        // 1. "If this is empty, return an empty array."
        let Some(range) = self.range.get() else { return Vec::new() };
        let shadow_roots: Vec<DomRoot<ShadowRoot>> =
            options.shadow_roots.iter().map(|r| DomRoot::from_ref(&**r)).collect();
        // Whether a root of a node is a shadow root that none of the given roots is inside.
        let hidden_host = |node: &Node| -> Option<DomRoot<Node>> {
            let root = node.root();
            let shadow = root.downcast::<ShadowRoot>()?;
            let allowed = shadow_roots
                .iter()
                .any(|r| shadow.upcast::<Node>().is_shadow_including_inclusive_ancestor_of(r.upcast()));
            (!allowed).then(|| DomRoot::upcast(shadow.host()))
        };
        // 2–3. "While startNode … 's root is a shadow root … that is not a shadow-including
        //      inclusive ancestor of any of options["shadowRoots"]: set startOffset to index of
        //      startNode's root's host; set startNode to that host's parent."
        let mut start = range.start();
        while let Some(host) = hidden_host(&start.node) {
            let Some(parent) = host.parent() else { break };
            start = BoundaryPoint { offset: index(&host), node: parent };
        }
        // 4–5. The same for the end, with the host's index plus 1.
        let mut end = range.end();
        while let Some(host) = hidden_host(&end.node) {
            let Some(parent) = host.parent() else { break };
            end = BoundaryPoint { offset: index(&host) + 1, node: parent };
        }
        // 6. "Return an array consisting of new StaticRange …"
        let window = self.document.window_for_objects();
        vec![StaticRange::new(cx, &window, &start, &end)]
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-collapse>
    fn Collapse(&self, cx: &mut JSContext, node: Option<&Node>, offset: u32) -> ErrorResult {
        self.collapse_to(cx, node, offset)
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-setposition>: an alias of collapse().
    fn SetPosition(&self, cx: &mut JSContext, node: Option<&Node>, offset: u32) -> ErrorResult {
        self.collapse_to(cx, node, offset)
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-collapsetostart>
    fn CollapseToStart(&self, cx: &mut JSContext) -> ErrorResult {
        // "throw InvalidStateError exception if the this is empty. Otherwise, it must create a
        // new range, set both its start and end to the start of this's range, and then set
        // this's range to the newly-created range."
        let range = self.range.get().ok_or_else(|| Error::InvalidState("The selection is empty.".into()))?;
        let start = range.start();
        let new = self.new_range(cx, &start, &start);
        self.set_range(Some(&new), Direction::Directionless);
        Ok(())
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-collapsetoend>
    fn CollapseToEnd(&self, cx: &mut JSContext) -> ErrorResult {
        let range = self.range.get().ok_or_else(|| Error::InvalidState("The selection is empty.".into()))?;
        let end = range.end();
        let new = self.new_range(cx, &end, &end);
        self.set_range(Some(&new), Direction::Directionless);
        Ok(())
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-extend>
    fn Extend(&self, cx: &mut JSContext, node: &Node, offset: u32) -> ErrorResult {
        // 1. "If the document associated with this is not a shadow-including inclusive ancestor
        //    of node, abort these steps."
        if !self.holds(node) {
            return Ok(());
        }
        // 2. "If this is empty, throw an InvalidStateError exception."
        let Some(range) = self.range.get() else {
            return Err(Error::InvalidState("The selection is empty.".into()));
        };
        // The "set the start or end" checks a new range's boundary points go through.
        if node.kind() == NodeKind::DocumentType {
            return Err(Error::InvalidNodeType("A selection cannot be in a doctype.".into()));
        }
        if offset > node_length(node) {
            return Err(Error::IndexSize(format!("The offset {offset} is larger than the node's length.")));
        }
        // 3. "Let oldAnchor and oldFocus be the this's anchor and focus, and let newFocus be the
        //    boundary point (node, offset)."
        let Some(old_anchor) = self.anchor() else {
            return Err(Error::InvalidState("The selection is empty.".into()));
        };
        let new_focus = BoundaryPoint::new(node, offset);
        // 4–7. newRange: collapsed at newFocus in another tree, else from oldAnchor to
        //      newFocus in tree order.
        let new = if !same_root(node, &range.root()) {
            self.new_range(cx, &new_focus, &new_focus)
        } else if position(&old_anchor.node, old_anchor.offset, node, offset) != Ordering::Greater {
            self.new_range(cx, &old_anchor, &new_focus)
        } else {
            self.new_range(cx, &new_focus, &old_anchor)
        };
        // 8–9. "Set this's range to newRange. If newFocus is before oldAnchor, set this's
        //      direction to backwards. Otherwise, set it to forwards."
        let backwards = same_root(node, &old_anchor.node)
            && position(node, offset, &old_anchor.node, old_anchor.offset) == Ordering::Less;
        self.set_range(Some(&new), if backwards { Direction::Backwards } else { Direction::Forwards });
        Ok(())
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-setbaseandextent>
    fn SetBaseAndExtent(
        &self,
        cx: &mut JSContext,
        anchor_node: &Node,
        anchor_offset: u32,
        focus_node: &Node,
        focus_offset: u32,
    ) -> ErrorResult {
        // The doctype check of "set the start or end".
        if anchor_node.kind() == NodeKind::DocumentType || focus_node.kind() == NodeKind::DocumentType {
            return Err(Error::InvalidNodeType("A selection cannot be in a doctype.".into()));
        }
        // 1. "If anchorOffset is longer than anchorNode's length or if focusOffset is longer
        //    than focusNode's length, throw an IndexSizeError exception."
        if anchor_offset > node_length(anchor_node) || focus_offset > node_length(focus_node) {
            return Err(Error::IndexSize("An offset is larger than its node's length.".into()));
        }
        // 2. "If document associated with this is not a shadow-including inclusive ancestor of
        //    anchorNode or focusNode, abort these steps."
        if !self.holds(anchor_node) || !self.holds(focus_node) {
            return Ok(());
        }
        // 3–5. "Let anchor be … and focus be …. Let newRange be a new range. If anchor is
        //      before focus, set the start the newRange's start to anchor and its end to focus.
        //      Otherwise, set the start them to focus and anchor respectively."
        let anchor = BoundaryPoint::new(anchor_node, anchor_offset);
        let focus = BoundaryPoint::new(focus_node, focus_offset);
        let comparable = same_root(anchor_node, focus_node);
        let anchor_first =
            comparable && position(anchor_node, anchor_offset, focus_node, focus_offset) == Ordering::Less;
        let new = if anchor_first {
            self.new_range(cx, &anchor, &focus)
        } else if comparable {
            self.new_range(cx, &focus, &anchor)
        } else {
            // In two trees, "set the start" to focus moves the end there too, and the end then
            // to anchor moves the start along: the range collapses at anchor.
            self.new_range(cx, &anchor, &anchor)
        };
        // 6–7. "Set this's range to newRange. If focus is before anchor, set this's direction to
        //      backwards. Otherwise, set it to forwards."
        let backwards = comparable && position(focus_node, focus_offset, anchor_node, anchor_offset) == Ordering::Less;
        self.set_range(Some(&new), if backwards { Direction::Backwards } else { Direction::Forwards });
        Ok(())
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-selectallchildren>
    fn SelectAllChildren(&self, cx: &mut JSContext, node: &Node) -> ErrorResult {
        // 1. "If node is a DocumentType, throw an InvalidNodeTypeError exception."
        if node.kind() == NodeKind::DocumentType {
            return Err(Error::InvalidNodeType("A selection cannot be in a doctype.".into()));
        }
        // 2. "If node's root is not the document associated with this, abort these steps."
        if !same_object(&*node.root(), self.document.upcast::<Node>()) {
            return Ok(());
        }
        // 3–7. "Let newRange be a new range and childCount be the number of children of node.
        //      Set newRange's start to (node, 0). Set newRange's end to (node, childCount). Set
        //      this's range to newRange. Set this's direction to forwards."
        let new = self.new_range(cx, &BoundaryPoint::new(node, 0), &BoundaryPoint::new(node, node.child_count()));
        self.set_range(Some(&new), Direction::Forwards);
        Ok(())
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-deletefromdocument>
    fn DeleteFromDocument(&self, cx: &mut JSContext) -> ErrorResult {
        // "invoke deleteContents() on this's range if this is not empty and both focus and
        // anchor are in the document tree. Otherwise the method must do nothing."
        match self.visible_range() {
            Some(range) => range.delete_contents(cx),
            None => Ok(()),
        }
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-containsnode>
    fn ContainsNode(&self, _cx: &mut JSContext, node: &Node, allow_partial: bool) -> bool {
        // "return false if this is empty or if node's root is not the document associated with
        // this."
        let Some(range) = self.range.get() else { return false };
        if !same_object(&*node.root(), self.document.upcast::<Node>()) {
            return false;
        }
        let (start, end) = (range.start(), range.end());
        let length = node_length(node);
        if allow_partial {
            // "true if and only if start of its range is before or visually equivalent to the
            // last boundary point in the node and end of its range is after or visually
            // equivalent to the first boundary point in the node."
            position(&start.node, start.offset, node, length) != Ordering::Greater
                && position(&end.node, end.offset, node, 0) != Ordering::Less
        } else {
            // "true if and only if start of its range is before or visually equivalent to the
            // first boundary point in the node and end of its range is after or visually
            // equivalent to the last boundary point in the node."
            position(&start.node, start.offset, node, 0) != Ordering::Greater
                && position(&end.node, end.offset, node, length) != Ordering::Less
        }
    }

    /// <https://w3c.github.io/selection-api/#dom-selection-stringifier>: the rendered text of
    /// the range, as browsers give it (`html/renderedtext.rs`).
    fn Stringifier(&self, cx: &mut JSContext) -> DOMString {
        match self.range.get() {
            Some(range) => crate::dom::html::renderedtext::range_text(cx, &range).into(),
            None => DOMString::new(),
        }
    }
}

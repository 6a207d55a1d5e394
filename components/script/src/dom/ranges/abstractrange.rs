//! `AbstractRange` (<https://dom.spec.whatwg.org/#interface-abstractrange>) and `StaticRange`
//! (<https://dom.spec.whatwg.org/#interface-staticrange>).

use std::cell::Cell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::AbstractRangeBinding::AbstractRangeMethods;
use crate::dom::bindings::codegen::Dictionaries::StaticRangeInit;
use crate::dom::bindings::codegen::StaticRangeBinding::StaticRangeMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::{Reflector, same_object};
use crate::dom::bindings::root::{DomRoot, MutDom};
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::html::window::Window;
use crate::dom::ranges::boundary::BoundaryPoint;

/// The start and end boundary points every range has.
#[dom_struct]
pub struct AbstractRange {
    reflector_: Reflector,
    start_node: MutDom<Node>,
    #[no_trace]
    start_offset: Cell<u32>,
    end_node: MutDom<Node>,
    #[no_trace]
    end_offset: Cell<u32>,
}

impl AbstractRange {
    pub fn new_inherited(start: &Node, start_offset: u32, end: &Node, end_offset: u32) -> AbstractRange {
        AbstractRange {
            reflector_: Reflector::new(),
            start_node: MutDom::new(start),
            start_offset: Cell::new(start_offset),
            end_node: MutDom::new(end),
            end_offset: Cell::new(end_offset),
        }
    }

    pub fn start(&self) -> BoundaryPoint {
        BoundaryPoint { node: self.start_node.get(), offset: self.start_offset.get() }
    }

    pub fn end(&self) -> BoundaryPoint {
        BoundaryPoint { node: self.end_node.get(), offset: self.end_offset.get() }
    }

    pub fn start_node(&self) -> DomRoot<Node> {
        self.start_node.get()
    }

    pub fn end_node(&self) -> DomRoot<Node> {
        self.end_node.get()
    }

    pub fn start_offset(&self) -> u32 {
        self.start_offset.get()
    }

    pub fn end_offset(&self) -> u32 {
        self.end_offset.get()
    }

    pub fn set_start(&self, node: &Node, offset: u32) {
        self.start_node.set(node);
        self.start_offset.set(offset);
    }

    pub fn set_end(&self, node: &Node, offset: u32) {
        self.end_node.set(node);
        self.end_offset.set(offset);
    }

    pub fn set_start_offset(&self, offset: u32) {
        self.start_offset.set(offset);
    }

    pub fn set_end_offset(&self, offset: u32) {
        self.end_offset.set(offset);
    }

    /// <https://dom.spec.whatwg.org/#range-collapsed>: "its start node is its end node and its
    /// start offset is its end offset".
    pub fn is_collapsed(&self) -> bool {
        same_object(&*self.start_node.get(), &*self.end_node.get()) && self.start_offset.get() == self.end_offset.get()
    }
}

impl AbstractRangeMethods for AbstractRange {
    /// <https://dom.spec.whatwg.org/#dom-range-startcontainer>
    fn StartContainer(&self, _cx: &mut JSContext) -> DomRoot<Node> {
        self.start_node.get()
    }
    /// <https://dom.spec.whatwg.org/#dom-range-startoffset>
    fn StartOffset(&self, _cx: &mut JSContext) -> u32 {
        self.start_offset.get()
    }
    /// <https://dom.spec.whatwg.org/#dom-range-endcontainer>
    fn EndContainer(&self, _cx: &mut JSContext) -> DomRoot<Node> {
        self.end_node.get()
    }
    /// <https://dom.spec.whatwg.org/#dom-range-endoffset>
    fn EndOffset(&self, _cx: &mut JSContext) -> u32 {
        self.end_offset.get()
    }
    /// <https://dom.spec.whatwg.org/#dom-range-collapsed>
    fn Collapsed(&self, _cx: &mut JSContext) -> bool {
        self.is_collapsed()
    }
}

/// A range that does not follow mutations of the tree; its boundary points are not checked.
#[dom_struct]
pub struct StaticRange {
    abstract_range: AbstractRange,
}

impl StaticRange {
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        start: &BoundaryPoint,
        end: &BoundaryPoint,
    ) -> DomRoot<StaticRange> {
        let range = StaticRange {
            abstract_range: AbstractRange::new_inherited(&start.node, start.offset, &end.node, end.offset),
        };
        crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(range), window)
    }
}

impl StaticRangeMethods for StaticRange {
    /// <https://dom.spec.whatwg.org/#dom-staticrange-staticrange>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: &StaticRangeInit,
    ) -> Fallible<DomRoot<StaticRange>> {
        // 1. "If init["startContainer"] or init["endContainer"] is a DocumentType or Attr node,
        //    then throw an "InvalidNodeTypeError" DOMException."
        for node in [&init.start_container, &init.end_container] {
            if matches!(node.kind(), NodeKind::DocumentType | NodeKind::Attribute) {
                return Err(Error::InvalidNodeType(
                    "A StaticRange cannot start or end in a doctype or an attribute.".into(),
                ));
            }
        }
        // 2. "Set this's start to (init["startContainer"], init["startOffset"]) and end to
        //    (init["endContainer"], init["endOffset"])."
        let range = StaticRange {
            abstract_range: AbstractRange::new_inherited(
                &init.start_container,
                init.start_offset,
                &init.end_container,
                init.end_offset,
            ),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(range), global, proto))
    }
}

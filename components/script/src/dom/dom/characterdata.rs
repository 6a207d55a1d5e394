//! `CharacterData` (<https://dom.spec.whatwg.org/#interface-characterdata>).

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::CharacterDataBinding::CharacterDataMethods;
use crate::dom::bindings::codegen::Unions::NodeOrString;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::{Node, NodeKind};

#[dom_struct]
pub struct CharacterData {
    node: Node,
    #[no_trace]
    data: RefCell<String>,
}

impl CharacterData {
    pub fn new_inherited(kind: NodeKind, data: String, document: &Document) -> CharacterData {
        CharacterData { node: Node::new_inherited(kind, Some(document)), data: RefCell::new(data) }
    }

    pub fn data_string(&self) -> String {
        self.data.borrow().clone()
    }

    pub fn set_data(&self, data: String) {
        *self.data.borrow_mut() = data;
        crate::dom::layout::cache::invalidate_node(self.upcast());
    }

    /// <https://dom.spec.whatwg.org/#concept-cd-replace> of all the data: "Queue a mutation
    /// record of "characterData" for node with … oldValue node's data", then replace it.
    pub fn replace_data(&self, cx: &mut JSContext, data: String) {
        let old = self.data_string();
        let (old_len, new_len) = (old.encode_utf16().count() as u32, data.encode_utf16().count() as u32);
        crate::dom::dom::mutationobserver::queue_character_data_record(cx, self.upcast(), old);
        self.set_data(data);
        // 8–11. The live ranges in node, as for offset 0 and count its old length.
        crate::dom::ranges::liveranges::replace_data(self.upcast(), 0, old_len, new_len);
    }

    /// <https://dom.spec.whatwg.org/#concept-cd-replace>, offsets and counts in UTF-16 code
    /// units.
    pub fn replace_range(&self, cx: &mut JSContext, offset: u32, count: u32, data: &str) -> Fallible<()> {
        let units: Vec<u16> = self.data.borrow().encode_utf16().collect();
        // 1–2. Let length be node's length; if offset is greater than length, throw an
        //      "IndexSizeError" DOMException.
        let offset = offset as usize;
        if offset > units.len() {
            return Err(Error::IndexSize("The offset is larger than the data's length.".into()));
        }
        // 3. If offset plus count is greater than length, then set count to length minus offset.
        let end = offset + (count as usize).min(units.len() - offset);
        // 4. Queue a mutation record of "characterData" for node with oldValue node's data.
        // 5–6. Insert data into node's data after offset code units, then remove count code
        //      units starting from offset + data's length.
        let mut out: Vec<u16> = Vec::with_capacity(units.len() + data.len());
        out.extend_from_slice(&units[..offset]);
        out.extend(data.encode_utf16());
        let data_len = (out.len() - offset) as u32;
        out.extend_from_slice(&units[end..]);
        let old = self.data_string();
        crate::dom::dom::mutationobserver::queue_character_data_record(cx, self.upcast(), old);
        self.set_data(String::from_utf16_lossy(&out));
        // 8–11. "For each live range whose start node is node and start offset is greater
        //       than offset but less than or equal to offset plus count …" (liveranges.rs).
        crate::dom::ranges::liveranges::replace_data(self.upcast(), offset as u32, (end - offset) as u32, data_len);
        Ok(())
    }

    pub fn append(&self, text: &str) {
        self.data.borrow_mut().push_str(text);
        crate::dom::layout::cache::invalidate_node(self.upcast());
    }

    pub fn utf16_len(&self) -> u32 {
        self.data.borrow().encode_utf16().count() as u32
    }
}

/// Shared by the ChildNode mixin members of CharacterData, DocumentType and Element.
pub fn child_node_before(cx: &mut JSContext, node: &Node, nodes: Vec<NodeOrString>) -> ErrorResult {
    // <https://dom.spec.whatwg.org/#dom-childnode-before>
    let Some(parent) = node.parent() else { return Ok(()) };
    let converted = node.convert_nodes_into_node(cx, nodes);
    parent.pre_insert(cx, &converted, Some(node)).map(|_| ())
}

pub fn child_node_after(cx: &mut JSContext, node: &Node, nodes: Vec<NodeOrString>) -> ErrorResult {
    // <https://dom.spec.whatwg.org/#dom-childnode-after>
    let Some(parent) = node.parent() else { return Ok(()) };
    let next = node.next_sibling();
    let converted = node.convert_nodes_into_node(cx, nodes);
    parent.pre_insert(cx, &converted, next.as_deref()).map(|_| ())
}

pub fn child_node_replace_with(cx: &mut JSContext, node: &Node, nodes: Vec<NodeOrString>) -> ErrorResult {
    // <https://dom.spec.whatwg.org/#dom-childnode-replacewith>
    let Some(parent) = node.parent() else { return Ok(()) };
    let next = node.next_sibling();
    let converted = node.convert_nodes_into_node(cx, nodes);
    if node.parent().is_some_and(|p| std::ptr::eq(&*p, &*parent)) {
        parent.remove(cx, node, false);
    }
    parent.pre_insert(cx, &converted, next.as_deref()).map(|_| ())
}

pub fn child_node_remove(cx: &mut JSContext, node: &Node) {
    // <https://dom.spec.whatwg.org/#dom-childnode-remove>
    if let Some(parent) = node.parent() {
        parent.remove(cx, node, false);
    }
}

pub fn previous_element_sibling(node: &Node) -> Option<DomRoot<Element>> {
    let mut n = node.prev_sibling();
    while let Some(s) = n {
        if let Some(e) = s.downcast_root::<Element>() {
            return Some(e);
        }
        n = s.prev_sibling();
    }
    None
}

pub fn next_element_sibling(node: &Node) -> Option<DomRoot<Element>> {
    let mut n = node.next_sibling();
    while let Some(s) = n {
        if let Some(e) = s.downcast_root::<Element>() {
            return Some(e);
        }
        n = s.next_sibling();
    }
    None
}

impl CharacterDataMethods for CharacterData {
    /// <https://dom.spec.whatwg.org/#dom-characterdata-data>
    fn Data(&self, _cx: &mut JSContext) -> DOMString {
        self.data_string().into()
    }

    /// <https://dom.spec.whatwg.org/#dom-characterdata-data>
    fn SetData(&self, cx: &mut JSContext, value: DOMString) {
        self.replace_data(cx, value.into());
    }

    /// <https://dom.spec.whatwg.org/#dom-characterdata-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.utf16_len()
    }

    /// <https://dom.spec.whatwg.org/#dom-characterdata-substringdata>
    fn SubstringData(&self, _cx: &mut JSContext, offset: u32, count: u32) -> Fallible<DOMString> {
        let units: Vec<u16> = self.data.borrow().encode_utf16().collect();
        // Step 2: If offset is greater than length, throw an "IndexSizeError".
        if offset as usize > units.len() {
            return Err(Error::IndexSize("The offset is larger than the data's length.".into()));
        }
        let end = (offset as usize + count as usize).min(units.len());
        Ok(String::from_utf16_lossy(&units[offset as usize..end]).into())
    }

    /// <https://dom.spec.whatwg.org/#dom-characterdata-appenddata>
    fn AppendData(&self, cx: &mut JSContext, data: DOMString) {
        let old = self.data_string();
        crate::dom::dom::mutationobserver::queue_character_data_record(cx, self.upcast(), old);
        self.append(&data);
    }

    /// <https://dom.spec.whatwg.org/#dom-characterdata-insertdata>
    fn InsertData(&self, cx: &mut JSContext, offset: u32, data: DOMString) -> Fallible<()> {
        // "replace data with node this, offset offset, count 0, and data data".
        self.replace_range(cx, offset, 0, &data)
    }

    /// <https://dom.spec.whatwg.org/#dom-characterdata-deletedata>
    fn DeleteData(&self, cx: &mut JSContext, offset: u32, count: u32) -> Fallible<()> {
        // "replace data with node this, offset offset, count count, and data the empty string".
        self.replace_range(cx, offset, count, "")
    }

    /// <https://dom.spec.whatwg.org/#dom-characterdata-replacedata>
    fn ReplaceData(&self, cx: &mut JSContext, offset: u32, count: u32, data: DOMString) -> Fallible<()> {
        self.replace_range(cx, offset, count, &data)
    }

    crate::dom::dom::parentnode::non_document_type_child_node_methods!();
    crate::dom::dom::parentnode::child_node_methods!();
}

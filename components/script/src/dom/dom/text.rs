//! `Text` (<https://dom.spec.whatwg.org/#interface-text>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::TextBinding::TextMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::document::Document;
use crate::dom::dom::node::NodeKind;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct Text {
    characterdata: CharacterData,
}

impl Text {
    pub fn new_inherited(data: String, document: &Document) -> Text {
        Text { characterdata: CharacterData::new_inherited(NodeKind::Text, data, document) }
    }

    pub fn new(cx: &mut JSContext, data: String, document: &Document) -> DomRoot<Text> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(Text { characterdata: CharacterData::new_inherited(NodeKind::Text, data, document) }),
            &window,
        )
    }

    /// <https://dom.spec.whatwg.org/#concept-text-split>: "split a Text node" at `offset`.
    pub fn split(&self, cx: &mut JSContext, offset: u32) -> Fallible<DomRoot<Text>> {
        // 1–2. If offset is greater than length, throw an "IndexSizeError" DOMException.
        let data = self.upcast::<CharacterData>();
        let units: Vec<u16> = data.data_string().encode_utf16().collect();
        if offset as usize > units.len() {
            return Err(crate::dom::bindings::error::Error::IndexSize(
                "The offset is larger than the Text node's length.".into(),
            ));
        }
        // 3–4. Let new data be the result of substringing data with offset and count.
        let new_data = String::from_utf16_lossy(&units[offset as usize..]);
        // 5. Let new node be a new Text node with the same node document, data new data.
        let node = self.upcast::<crate::dom::dom::node::Node>();
        let new_node = Text::new(cx, new_data, &node.owner_doc());
        // 6–7. If parent is not null: insert new node into parent before node's next sibling,
        //      then move the live ranges (steps 7.2–7.5).
        if let Some(parent) = node.parent() {
            let next = node.next_sibling();
            parent.insert(cx, new_node.upcast(), next.as_deref(), false);
            let node_index = crate::dom::ranges::boundary::index(node);
            crate::dom::ranges::liveranges::split_text(node, new_node.upcast(), offset, &parent, node_index);
        }
        // 8. Replace data with node node, offset offset, count count, and data the empty string.
        data.replace_range(cx, offset, units.len() as u32 - offset, "")?;
        // 9. Return new node.
        Ok(new_node)
    }
}

impl TextMethods for Text {
    /// <https://dom.spec.whatwg.org/#dom-text-text>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        data: DOMString,
    ) -> Fallible<DomRoot<Text>> {
        let document = global.document();
        let text = Text { characterdata: CharacterData::new_inherited(NodeKind::Text, data.into(), &document) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(text), global, proto))
    }

    /// <https://dom.spec.whatwg.org/#dom-text-splittext>
    fn SplitText(&self, cx: &mut JSContext, offset: u32) -> Fallible<DomRoot<Text>> {
        self.split(cx, offset)
    }

    /// <https://dom.spec.whatwg.org/#dom-text-wholetext>
    fn WholeText(&self, _cx: &mut JSContext) -> DOMString {
        // The data of the contiguous Text nodes around this one.
        let node = self.upcast::<crate::dom::dom::node::Node>();
        let mut first = crate::dom::bindings::root::DomRoot::from_ref(node);
        while let Some(prev) = first.prev_sibling().filter(|p| p.is::<Text>()) {
            first = prev;
        }
        let mut text = String::new();
        let mut current = Some(first);
        while let Some(n) = current.filter(|n| n.is::<Text>()) {
            text.push_str(&n.downcast::<CharacterData>().unwrap().data_string());
            current = n.next_sibling();
        }
        text.into()
    }

    /// <https://dom.spec.whatwg.org/#dom-slotable-assignedslot>
    fn AssignedSlot(
        &self,
        _cx: &mut JSContext,
    ) -> Option<crate::dom::bindings::root::DomRoot<crate::dom::html::htmlslotelement::HTMLSlotElement>> {
        // "return the result of find a slot given this and with the open flag set."
        crate::dom::dom::shadowroot::find_a_slot(self.upcast(), true)
    }
}

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
    pub fn new(cx: &mut JSContext, data: String, document: &Document) -> DomRoot<Text> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(Text { characterdata: CharacterData::new_inherited(NodeKind::Text, data, document) }),
            &window,
        )
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

//! `ProcessingInstruction` (<https://dom.spec.whatwg.org/#interface-processinginstruction>) and
//! `CDATASection` (<https://dom.spec.whatwg.org/#interface-cdatasection>), the two nodes XML
//! documents add to the tree.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CDATASectionBinding::CDATASectionMethods;
use crate::dom::bindings::codegen::ProcessingInstructionBinding::ProcessingInstructionMethods;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::document::Document;
use crate::dom::dom::node::NodeKind;
use crate::dom::dom::text::Text;

#[dom_struct]
pub struct ProcessingInstruction {
    characterdata: CharacterData,
    #[no_trace]
    target: String,
}

impl ProcessingInstruction {
    pub fn new(
        cx: &mut JSContext,
        target: String,
        data: String,
        document: &Document,
    ) -> DomRoot<ProcessingInstruction> {
        let window = document.window_for_objects();
        let node = ProcessingInstruction {
            characterdata: CharacterData::new_inherited(NodeKind::ProcessingInstruction, data, document),
            target,
        };
        reflect_dom_object(cx, Box::new(node), &window)
    }

    pub fn target(&self) -> &str {
        &self.target
    }
}

impl ProcessingInstructionMethods for ProcessingInstruction {
    /// <https://dom.spec.whatwg.org/#dom-processinginstruction-target>
    fn Target(&self, _cx: &mut JSContext) -> DOMString {
        self.target.clone().into()
    }
}

/// A Text node that XML serializes as `<![CDATA[…]]>`. It is a Text node (`NodeKind::Text`)
/// everywhere "Text node" is said, and not an exclusive Text node.
#[dom_struct]
pub struct CDATASection {
    text: Text,
}

impl CDATASection {
    pub fn new(cx: &mut JSContext, data: String, document: &Document) -> DomRoot<CDATASection> {
        let window = document.window_for_objects();
        reflect_dom_object(cx, Box::new(CDATASection { text: Text::new_inherited(data, document) }), &window)
    }
}

impl CDATASectionMethods for CDATASection {}

/// <https://www.w3.org/TR/xml/#NT-Name>: whether `name` matches the XML `Name` production.
pub fn is_xml_name(name: &str) -> bool {
    fn is_start(c: char) -> bool {
        matches!(c,
            ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
            | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
            | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
            | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
            | '\u{10000}'..='\u{EFFFF}')
    }
    fn is_name_char(c: char) -> bool {
        is_start(c) || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
    }
    let mut chars = name.chars();
    chars.next().is_some_and(is_start) && chars.all(is_name_char)
}

#[cfg(test)]
mod tests {
    use super::is_xml_name;

    #[test]
    fn xml_names() {
        for good in ["a", "xml-stylesheet", "_x", ":a", "a1.b-c", "é"] {
            assert!(is_xml_name(good), "{good}");
        }
        for bad in ["", "1a", "-a", "a b", "a?", ".a"] {
            assert!(!is_xml_name(bad), "{bad}");
        }
    }
}

//! `DocumentType` (<https://dom.spec.whatwg.org/#interface-documenttype>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::DocumentTypeBinding::DocumentTypeMethods;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::node::{Node, NodeKind};

#[dom_struct]
pub struct DocumentType {
    node: Node,
    #[no_trace]
    name: String,
    #[no_trace]
    public_id: String,
    #[no_trace]
    system_id: String,
}

impl DocumentType {
    pub fn new(
        cx: &mut JSContext,
        name: String,
        public_id: String,
        system_id: String,
        document: &Document,
    ) -> DomRoot<DocumentType> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(DocumentType {
                node: Node::new_inherited(NodeKind::DocumentType, Some(document)),
                name,
                public_id,
                system_id,
            }),
            &window,
        )
    }
    pub fn name_string(&self) -> String {
        self.name.clone()
    }
    pub fn public_id_string(&self) -> String {
        self.public_id.clone()
    }
    pub fn system_id_string(&self) -> String {
        self.system_id.clone()
    }
}

impl DocumentTypeMethods for DocumentType {
    /// <https://dom.spec.whatwg.org/#dom-documenttype-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.name.clone().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-documenttype-publicid>
    fn PublicId(&self, _cx: &mut JSContext) -> DOMString {
        self.public_id.clone().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-documenttype-systemid>
    fn SystemId(&self, _cx: &mut JSContext) -> DOMString {
        self.system_id.clone().into()
    }
    crate::dom::dom::parentnode::child_node_methods!();
}

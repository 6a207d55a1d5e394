//! `DocumentFragment` (<https://dom.spec.whatwg.org/#interface-documentfragment>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::DocumentFragmentBinding::DocumentFragmentMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::html::window::Window;

#[dom_struct]
pub struct DocumentFragment {
    node: Node,
    /// <https://dom.spec.whatwg.org/#concept-documentfragment-host>: a template element for its
    /// template contents (a shadow root keeps its host in `ShadowRoot`).
    host: MutNullableDom<Element>,
}

impl DocumentFragment {
    pub fn new_inherited(document: &Document) -> DocumentFragment {
        DocumentFragment {
            node: Node::new_inherited(NodeKind::DocumentFragment, Some(document)),
            host: Default::default(),
        }
    }

    pub fn new(cx: &mut JSContext, document: &Document) -> DomRoot<DocumentFragment> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(DocumentFragment {
                node: Node::new_inherited(NodeKind::DocumentFragment, Some(document)),
                host: Default::default(),
            }),
            &window,
        )
    }

    pub fn host(&self) -> Option<DomRoot<Element>> {
        self.host.get()
    }

    pub fn set_host(&self, host: Option<&Element>) {
        self.host.set(host);
    }
}

impl DocumentFragmentMethods for DocumentFragment {
    /// <https://dom.spec.whatwg.org/#dom-documentfragment-documentfragment>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<DocumentFragment>> {
        let document = global.document();
        let fragment = DocumentFragment {
            node: Node::new_inherited(NodeKind::DocumentFragment, Some(&document)),
            host: Default::default(),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(fragment), global, proto))
    }

    crate::dom::dom::parentnode::non_element_parent_node_methods!();
    crate::dom::dom::parentnode::parent_node_methods!();
}

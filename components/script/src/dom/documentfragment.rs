//! `DocumentFragment` (<https://dom.spec.whatwg.org/#interface-documentfragment>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::DocumentFragmentBinding::DocumentFragmentMethods;
use crate::dom::bindings::codegen::Unions::NodeOrString;
use crate::dom::bindings::error::{ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::document::Document;
use crate::dom::element::Element;
use crate::dom::htmlcollection::HTMLCollection;
use crate::dom::nodelist::NodeList;
use crate::dom::node::{Node, NodeKind};
use crate::dom::parentnode;
use crate::dom::window::Window;

#[dom_struct]
pub struct DocumentFragment {
    node: Node,
}

impl DocumentFragment {
    pub fn new(cx: &mut JSContext, document: &Document) -> DomRoot<DocumentFragment> {
        let window = document.window_for_objects();
        reflect_dom_object(cx, Box::new(DocumentFragment { node: Node::new_inherited(NodeKind::DocumentFragment, Some(document)) }), &window)
    }
}

impl DocumentFragmentMethods for DocumentFragment {
    /// <https://dom.spec.whatwg.org/#dom-documentfragment-documentfragment>
    fn Constructor(cx: &mut JSContext, global: &Window, proto: Option<HandleObject>) -> Fallible<DomRoot<DocumentFragment>> {
        let document = global.document();
        let fragment = DocumentFragment { node: Node::new_inherited(NodeKind::DocumentFragment, Some(&document)) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(fragment), global, proto))
    }

    fn GetElementById(&self, _cx: &mut JSContext, id: DOMString) -> Option<DomRoot<Element>> {
        parentnode::get_element_by_id(self.upcast(), &id)
    }
    fn Children(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        HTMLCollection::children(cx, self.upcast())
    }
    fn FirstElementChild(&self, _cx: &mut JSContext) -> Option<DomRoot<Element>> {
        parentnode::first_element_child(self.upcast())
    }
    fn LastElementChild(&self, _cx: &mut JSContext) -> Option<DomRoot<Element>> {
        parentnode::last_element_child(self.upcast())
    }
    fn ChildElementCount(&self, _cx: &mut JSContext) -> u32 {
        parentnode::child_element_count(self.upcast())
    }
    fn Prepend(&self, cx: &mut JSContext, nodes: Vec<NodeOrString>) -> ErrorResult {
        parentnode::prepend(cx, self.upcast(), nodes)
    }
    fn Append(&self, cx: &mut JSContext, nodes: Vec<NodeOrString>) -> ErrorResult {
        parentnode::append(cx, self.upcast(), nodes)
    }
    fn QuerySelector(&self, _cx: &mut JSContext, selectors: DOMString) -> Fallible<Option<DomRoot<Element>>> {
        parentnode::query_selector(self.upcast(), &selectors)
    }
    fn QuerySelectorAll(&self, cx: &mut JSContext, selectors: DOMString) -> Fallible<DomRoot<NodeList>> {
        parentnode::query_selector_all(cx, self.upcast(), &selectors)
    }
}

//! `Attr` (<https://dom.spec.whatwg.org/#interface-attr>): an attribute as a node.
//!
//! An element keeps its attribute list as plain data (`element::Attribute`); the `Attr` node of
//! an attribute is made when script first asks for it and then kept by the element
//! (`Element::attr_node`), so the same attribute is always the same object while it lives. An
//! `Attr` holds a copy of its data: the element updates it whenever the attribute changes, and
//! it keeps the last value once the attribute is removed.

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::AttrBinding::AttrMethods;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::{Attribute, Element};
use crate::dom::dom::node::{Node, NodeKind};

#[dom_struct]
pub struct Attr {
    node: Node,
    #[no_trace]
    namespace: Option<String>,
    #[no_trace]
    prefix: Option<String>,
    #[no_trace]
    local_name: String,
    #[no_trace]
    value: RefCell<String>,
    /// <https://dom.spec.whatwg.org/#concept-attribute-element>
    element: MutNullableDom<Element>,
}

impl Attr {
    pub fn new(
        cx: &mut JSContext,
        attribute: Attribute,
        element: Option<&Element>,
        document: &Document,
    ) -> DomRoot<Attr> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(Attr {
                node: Node::new_inherited(NodeKind::Attribute, Some(document)),
                namespace: attribute.namespace,
                prefix: attribute.prefix,
                local_name: attribute.local_name,
                value: RefCell::new(attribute.value),
                element: MutNullableDom::new(element),
            }),
            &window,
        )
    }

    /// The attribute as plain data.
    pub fn attribute(&self) -> Attribute {
        Attribute {
            namespace: self.namespace.clone(),
            prefix: self.prefix.clone(),
            local_name: self.local_name.clone(),
            value: self.value.borrow().clone(),
        }
    }

    pub fn namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }

    pub fn local_name(&self) -> &str {
        &self.local_name
    }

    pub fn value_string(&self) -> String {
        self.value.borrow().clone()
    }

    /// <https://dom.spec.whatwg.org/#concept-attribute-qualified-name>
    pub fn qualified_name(&self) -> String {
        match &self.prefix {
            Some(p) => format!("{p}:{}", self.local_name),
            None => self.local_name.clone(),
        }
    }

    pub fn element(&self) -> Option<DomRoot<Element>> {
        self.element.get()
    }

    /// Called by the element: the attribute's value changed in its list.
    pub(crate) fn note_value(&self, value: &str) {
        if *self.value.borrow() != value {
            *self.value.borrow_mut() = value.to_owned();
        }
    }

    /// Called by the element when the attribute enters or leaves its list.
    pub(crate) fn set_element(&self, element: Option<&Element>) {
        self.element.set(element);
    }

    /// <https://dom.spec.whatwg.org/#set-an-existing-attribute-value>
    pub fn set_existing_value(&self, cx: &mut JSContext, value: String) {
        match self.element.get() {
            // 1. "If attribute's element is null, then set attribute's value to value."
            None => *self.value.borrow_mut() = value,
            // 2. "Otherwise, change attribute to value."
            Some(element) => element.change_attribute(cx, self.namespace.as_deref(), &self.local_name, value),
        }
    }
}

impl AttrMethods for Attr {
    /// <https://dom.spec.whatwg.org/#dom-attr-namespaceuri>
    fn NamespaceURI(&self, _cx: &mut JSContext) -> Option<DOMString> {
        self.namespace.clone().map(Into::into)
    }
    /// <https://dom.spec.whatwg.org/#dom-attr-prefix>
    fn Prefix(&self, _cx: &mut JSContext) -> Option<DOMString> {
        self.prefix.clone().map(Into::into)
    }
    /// <https://dom.spec.whatwg.org/#dom-attr-localname>
    fn LocalName(&self, _cx: &mut JSContext) -> DOMString {
        self.local_name.clone().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-attr-name>: the qualified name.
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.qualified_name().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-attr-value>
    fn Value(&self, _cx: &mut JSContext) -> DOMString {
        self.value_string().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-attr-value>: "set an existing attribute value with this
    /// and the given value".
    fn SetValue(&self, cx: &mut JSContext, value: DOMString) {
        self.set_existing_value(cx, value.into());
    }
    /// <https://dom.spec.whatwg.org/#dom-attr-ownerelement>
    fn OwnerElement(&self, _cx: &mut JSContext) -> Option<DomRoot<Element>> {
        self.element.get()
    }
    /// <https://dom.spec.whatwg.org/#dom-attr-specified>: "The specified getter steps are to
    /// return true."
    fn Specified(&self, _cx: &mut JSContext) -> bool {
        true
    }
}

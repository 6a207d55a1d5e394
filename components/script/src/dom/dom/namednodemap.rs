//! `NamedNodeMap` (<https://dom.spec.whatwg.org/#interface-namednodemap>): a live view of an
//! element's attribute list as `Attr` nodes.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::NamedNodeMapBinding::NamedNodeMapMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::attr::Attr;
use crate::dom::dom::element::Element;
use crate::dom::globalscope::DomGlobal;

#[dom_struct]
pub struct NamedNodeMap {
    reflector_: Reflector,
    element: Dom<Element>,
}

impl NamedNodeMap {
    pub fn new(cx: &mut JSContext, element: &Element) -> DomRoot<NamedNodeMap> {
        let window = element.global();
        reflect_dom_object(
            cx,
            Box::new(NamedNodeMap { reflector_: Reflector::new(), element: Dom::from_ref(element) }),
            &window,
        )
    }
}

impl NamedNodeMapMethods for NamedNodeMap {
    /// <https://dom.spec.whatwg.org/#dom-namednodemap-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        // "the attribute list's size".
        self.element.attribute_count() as u32
    }
    /// <https://dom.spec.whatwg.org/#dom-namednodemap-item>
    fn Item(&self, cx: &mut JSContext, index: u32) -> Option<DomRoot<Attr>> {
        // 1. "If index is equal to or greater than this's attribute list's size, then return null."
        // 2. "Otherwise, return this's attribute list[index]."
        let attribute = self.element.attribute_at(index as usize)?;
        Some(self.element.attr_node(cx, &attribute))
    }
    /// <https://dom.spec.whatwg.org/#dom-namednodemap-getnameditem>
    fn GetNamedItem(&self, cx: &mut JSContext, qualified_name: DOMString) -> Option<DomRoot<Attr>> {
        // "return the result of getting an attribute given qualifiedName and element."
        let attribute = self.element.attribute_by_qualified_name(&qualified_name)?;
        Some(self.element.attr_node(cx, &attribute))
    }
    /// <https://dom.spec.whatwg.org/#dom-namednodemap-getnameditemns>
    fn GetNamedItemNS(
        &self,
        cx: &mut JSContext,
        namespace: Option<DOMString>,
        local_name: DOMString,
    ) -> Option<DomRoot<Attr>> {
        // "return the result of getting an attribute given namespace, localName, and element."
        let attribute = self.element.attribute_by_namespace(namespace.as_deref(), &local_name)?;
        Some(self.element.attr_node(cx, &attribute))
    }
    /// <https://dom.spec.whatwg.org/#dom-namednodemap-setnameditem>
    fn SetNamedItem(&self, cx: &mut JSContext, attr: &Attr) -> Fallible<Option<DomRoot<Attr>>> {
        // "return the result of setting an attribute given attr and element."
        self.element.set_attribute_node(cx, attr)
    }
    /// <https://dom.spec.whatwg.org/#dom-namednodemap-setnameditemns>
    fn SetNamedItemNS(&self, cx: &mut JSContext, attr: &Attr) -> Fallible<Option<DomRoot<Attr>>> {
        // The same steps as setNamedItem().
        self.element.set_attribute_node(cx, attr)
    }
    /// <https://dom.spec.whatwg.org/#dom-namednodemap-removenameditem>
    fn RemoveNamedItem(&self, cx: &mut JSContext, qualified_name: DOMString) -> Fallible<DomRoot<Attr>> {
        // 1. "Let attr be the result of removing an attribute given qualifiedName and element."
        // 2. "If attr is null, then throw a "NotFoundError" DOMException."
        let Some(attribute) = self.element.attribute_by_qualified_name(&qualified_name) else {
            return Err(Error::NotFound(format!("No attribute named '{qualified_name}'.")));
        };
        // 3. "Return attr."
        Ok(self.element.remove_attribute_node_of(cx, &attribute))
    }
    /// <https://dom.spec.whatwg.org/#dom-namednodemap-removenameditemns>
    fn RemoveNamedItemNS(
        &self,
        cx: &mut JSContext,
        namespace: Option<DOMString>,
        local_name: DOMString,
    ) -> Fallible<DomRoot<Attr>> {
        // 1. "Let attr be the result of removing an attribute given namespace, localName, and
        //    element." 2. "If attr is null, then throw a "NotFoundError" DOMException."
        let Some(attribute) = self.element.attribute_by_namespace(namespace.as_deref(), &local_name) else {
            return Err(Error::NotFound(format!("No attribute named '{local_name}' in that namespace.")));
        };
        // 3. "Return attr."
        Ok(self.element.remove_attribute_node_of(cx, &attribute))
    }
}

//! `lookupPrefix()`, `lookupNamespaceURI()` and `isDefaultNamespace()`
//! (<https://dom.spec.whatwg.org/#locate-a-namespace-prefix>,
//! <https://dom.spec.whatwg.org/#locate-a-namespace>).

use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::attr::Attr;
use crate::dom::dom::document::Document;
use crate::dom::dom::documentfragment::DocumentFragment;
use crate::dom::dom::documenttype::DocumentType;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;

const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";

/// The element the lookups of `node` start from ("switch on the interface this implements"):
/// an element itself, a document's document element, an attribute's element, another node's
/// parent element; `None` for a doctype and a document fragment.
fn start_element(node: &Node) -> Option<DomRoot<Element>> {
    if let Some(element) = node.downcast::<Element>() {
        return Some(DomRoot::from_ref(element));
    }
    if let Some(document) = node.downcast::<Document>() {
        return document.document_element();
    }
    if node.is::<DocumentType>() || node.is::<DocumentFragment>() {
        return None;
    }
    if let Some(attr) = node.downcast::<Attr>() {
        return attr.element();
    }
    node.parent().and_then(|p| p.downcast_root::<Element>())
}

fn parent_element(element: &Element) -> Option<DomRoot<Element>> {
    element.upcast::<Node>().parent().and_then(|p| p.downcast_root::<Element>())
}

/// "Locate a namespace prefix" for `element` using `namespace`.
fn locate_prefix(element: &Element, namespace: &str) -> Option<String> {
    // 1. "If element's namespace is namespace and its namespace prefix is non-null, then
    //    return its namespace prefix."
    if element.namespace() == Some(namespace)
        && let Some(prefix) = element.prefix()
    {
        return Some(prefix.to_owned());
    }
    // 2. "If element has an attribute whose namespace prefix is "xmlns" and value is
    //    namespace, then return element's first such attribute's local name."
    if let Some(attribute) =
        element.attributes().into_iter().find(|a| a.prefix.as_deref() == Some("xmlns") && a.value == namespace)
    {
        return Some(attribute.local_name);
    }
    // 3. "If element's parent element is not null, then return the result of running locate
    //    a namespace prefix on that element using namespace." 4. "Return null."
    parent_element(element).and_then(|parent| locate_prefix(&parent, namespace))
}

/// "Locate a namespace" for `element` using `prefix`.
fn locate_namespace_of(element: &Element, prefix: Option<&str>) -> Option<String> {
    // 1. "If prefix is "xml", then return the XML namespace." 2. "If prefix is "xmlns", then
    //    return the XMLNS namespace."
    match prefix {
        Some("xml") => return Some(XML_NAMESPACE.to_owned()),
        Some("xmlns") => return Some(XMLNS_NAMESPACE.to_owned()),
        _ => {}
    }
    // 3. "If its namespace is non-null and its namespace prefix is prefix, then return
    //    namespace."
    if let Some(namespace) = element.namespace()
        && element.prefix() == prefix
    {
        return Some(namespace.to_owned());
    }
    // 4. "If it has an attribute whose namespace is the XMLNS namespace, namespace prefix is
    //    "xmlns", and local name is prefix, or if prefix is null and it has an attribute whose
    //    namespace is the XMLNS namespace, namespace prefix is null, and local name is "xmlns",
    //    then return its value if it is not the empty string, and null otherwise."
    let declared = element.attributes().into_iter().find(|a| {
        a.namespace.as_deref() == Some(XMLNS_NAMESPACE)
            && match prefix {
                Some(prefix) => a.prefix.as_deref() == Some("xmlns") && a.local_name == prefix,
                None => a.prefix.is_none() && a.local_name == "xmlns",
            }
    });
    if let Some(attribute) = declared {
        return (!attribute.value.is_empty()).then_some(attribute.value);
    }
    // 5. "If its parent element is null, then return null." 6. "Return the result of running
    //    locate a namespace on its parent element using prefix."
    parent_element(element).and_then(|parent| locate_namespace_of(&parent, prefix))
}

/// "Locate a namespace" for `node` using `prefix`.
pub fn locate_namespace(node: &Node, prefix: Option<&str>) -> Option<String> {
    start_element(node).and_then(|element| locate_namespace_of(&element, prefix))
}

/// <https://dom.spec.whatwg.org/#dom-node-lookupprefix>
pub fn lookup_prefix(node: &Node, namespace: Option<&str>) -> Option<String> {
    // 1. "If namespace is null or the empty string, then return null."
    let namespace = namespace.filter(|n| !n.is_empty())?;
    // 2. "Switch on the interface this implements" and locate a namespace prefix.
    start_element(node).and_then(|element| locate_prefix(&element, namespace))
}

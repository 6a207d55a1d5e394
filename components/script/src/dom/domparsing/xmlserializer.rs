//! `XMLSerializer` and the XML serialization algorithm of DOM Parsing and
//! Serialization (<https://w3c.github.io/DOM-Parsing/#xml-serialization>),
//! with "require well-formed" false (what `serializeToString()` asks for):
//! namespace declarations are added where the tree needs them, prefixes are
//! generated (`ns1`, `ns2`, …) where two namespaces would clash.

use std::collections::HashMap;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::XMLSerializerBinding::XMLSerializerMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::documenttype::DocumentType;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::html::window::Window;

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";
const HTML_NS: &str = "http://www.w3.org/1999/xhtml";

#[dom_struct]
pub struct XMLSerializer {
    reflector_: Reflector,
}

impl XMLSerializerMethods for XMLSerializer {
    /// <https://w3c.github.io/DOM-Parsing/#dom-xmlserializer-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<XMLSerializer>> {
        Ok(reflect_dom_object_with_proto(cx, Box::new(XMLSerializer { reflector_: Reflector::new() }), global, proto))
    }

    /// <https://w3c.github.io/DOM-Parsing/#dom-xmlserializer-serializetostring>
    fn SerializeToString(&self, _cx: &mut JSContext, root: &Node) -> DOMString {
        // "Produce an XML serialization of root passing a value of false for the require
        // well-formed parameter, and return the result."
        xml_serialization(root).into()
    }
}

/// The namespace prefix map: each namespace (null is a key too) with its prefixes, in the
/// order they were added (<https://w3c.github.io/DOM-Parsing/#dfn-namespace-prefix-map>).
#[derive(Clone, Default)]
struct PrefixMap(HashMap<Option<String>, Vec<String>>);

impl PrefixMap {
    fn add(&mut self, namespace: Option<&str>, prefix: &str) {
        self.0.entry(namespace.map(str::to_owned)).or_default().push(prefix.to_owned());
    }

    fn has(&self, namespace: Option<&str>, prefix: &str) -> bool {
        self.0.get(&namespace.map(str::to_owned)).is_some_and(|l| l.iter().any(|p| p == prefix))
    }

    /// <https://w3c.github.io/DOM-Parsing/#dfn-retrieving-a-preferred-prefix-string>
    fn preferred(&self, preferred: Option<&str>, namespace: Option<&str>) -> Option<String> {
        // 1. Let candidates list be the result of retrieving a list from map where there
        //    exists a key in map that matches the value of ns; if there is none, return null.
        let candidates = self.0.get(&namespace.map(str::to_owned))?;
        // 2. For each prefix value in candidates list: if it matches preferred prefix,
        //    return it; if it is the last item, return it.
        candidates.iter().find(|p| Some(p.as_str()) == preferred).or(candidates.last()).cloned()
    }
}

/// The serializer's state for one call.
struct Serializer {
    out: String,
    /// The generated-prefix index.
    prefix_index: u32,
}

/// <https://w3c.github.io/DOM-Parsing/#dfn-xml-serialization> of `root` (require
/// well-formed false), with a null context namespace.
pub fn xml_serialization(root: &Node) -> String {
    // "Let namespace be a context namespace with value null. Let prefix map be a new
    // namespace prefix map. Add the XML namespace with prefix value "xml" to prefix map.
    // Let prefix index be a generated namespace prefix index with value 1."
    let mut map = PrefixMap::default();
    map.add(Some(XML_NS), "xml");
    let mut s = Serializer { out: String::new(), prefix_index: 1 };
    s.node(root, None, &mut map);
    s.out
}

impl Serializer {
    /// <https://w3c.github.io/DOM-Parsing/#dfn-xml-serialization-algorithm>
    fn node(&mut self, node: &Node, namespace: Option<&str>, map: &mut PrefixMap) {
        match node.kind() {
            NodeKind::Element => self.element(node.downcast::<Element>().unwrap(), namespace, map),
            // "An Attr object: return an empty string."
            NodeKind::Attribute => {}
            NodeKind::Document | NodeKind::DocumentFragment => {
                for child in node.children() {
                    self.node(&child, namespace, map);
                }
            }
            NodeKind::Comment => {
                self.out.push_str("<!--");
                self.out.push_str(&node.downcast::<CharacterData>().unwrap().data_string());
                self.out.push_str("-->");
            }
            // A CDATASection: "<![CDATA[", its data, "]]>".
            NodeKind::Text if node.is::<crate::dom::dom::processinginstruction::CDATASection>() => {
                self.out.push_str("<![CDATA[");
                self.out.push_str(&node.downcast::<CharacterData>().unwrap().data_string());
                self.out.push_str("]]>");
            }
            // <https://w3c.github.io/DOM-Parsing/#xml-serializing-a-processinginstruction-node>
            // (require well-formed false): "<?", the target, a space, the data, "?>".
            NodeKind::ProcessingInstruction => {
                let pi = node.downcast::<crate::dom::dom::processinginstruction::ProcessingInstruction>().unwrap();
                self.out.push_str("<?");
                self.out.push_str(pi.target());
                self.out.push(' ');
                self.out.push_str(&node.downcast::<CharacterData>().unwrap().data_string());
                self.out.push_str("?>");
            }
            NodeKind::Text => {
                // "&" → "&amp;", "<" → "&lt;", ">" → "&gt;".
                for c in node.downcast::<CharacterData>().unwrap().data_string().chars() {
                    match c {
                        '&' => self.out.push_str("&amp;"),
                        '<' => self.out.push_str("&lt;"),
                        '>' => self.out.push_str("&gt;"),
                        c => self.out.push(c),
                    }
                }
            }
            NodeKind::DocumentType => {
                let doctype = node.downcast::<DocumentType>().unwrap();
                let (public, system) = (doctype.public_id_string(), doctype.system_id_string());
                self.out.push_str("<!DOCTYPE ");
                self.out.push_str(&doctype.name_string());
                if !public.is_empty() {
                    self.out.push_str(" PUBLIC \"");
                    self.out.push_str(&public);
                    self.out.push('"');
                }
                if !system.is_empty() && public.is_empty() {
                    self.out.push_str(" SYSTEM");
                }
                if !system.is_empty() {
                    self.out.push_str(" \"");
                    self.out.push_str(&system);
                    self.out.push('"');
                }
                self.out.push('>');
            }
        }
    }

    /// <https://w3c.github.io/DOM-Parsing/#xml-serializing-an-element-node>
    fn element(&mut self, element: &Element, context: Option<&str>, parent_map: &PrefixMap) {
        // 2. Let markup be "<". 3. Let qualified name be an empty string.
        // 4. Let skip end tag be false. 5. Let ignore namespace definition attribute be false.
        self.out.push('<');
        let qualified_name;
        let mut ignore_namespace_definition = false;
        // 6. Let map be a copy of the namespace prefix map.
        let mut map = parent_map.clone();
        // 7. Let local prefixes map be an empty map.
        let mut local_prefixes: HashMap<String, Option<String>> = HashMap::new();
        // 8. Let local default namespace be the result of recording the namespace
        //    information for node given map and local prefixes map.
        let local_default = record_namespace_information(element, &mut map, &mut local_prefixes);
        // 9. Let inherited ns be a copy of namespace. 10. Let ns be the value of node's namespaceURI.
        let mut inherited: Option<String> = context.map(str::to_owned);
        let ns = element.namespace().map(str::to_owned);
        let local = element.local_name();
        if inherited == ns {
            // 11. If inherited ns is equal to ns: if local default namespace is not null, set
            //     ignore namespace definition attribute to true; the qualified name is
            //     "xml:" + local name for the XML namespace, else the local name.
            if local_default.is_some() {
                ignore_namespace_definition = true;
            }
            qualified_name = if ns.as_deref() == Some(XML_NS) { format!("xml:{local}") } else { local.to_owned() };
            self.out.push_str(&qualified_name);
        } else {
            // 12. Otherwise: let prefix be node's prefix, candidate prefix the preferred
            //     prefix string of prefix for ns in map.
            let mut prefix = element.prefix().map(str::to_owned);
            let mut candidate = map.preferred(prefix.as_deref(), ns.as_deref());
            // 12.3 If prefix is "xmlns" (an error only when well-formedness is required),
            //      candidate prefix is prefix.
            if prefix.as_deref() == Some("xmlns") {
                candidate = prefix.clone();
            }
            if let Some(candidate) = candidate {
                // 12.4 A candidate: qualified name is candidate:local; if local default
                //      namespace is not null nor the XML namespace, inherited ns becomes it
                //      (null for the empty string).
                qualified_name = format!("{candidate}:{local}");
                if let Some(d) = &local_default
                    && d != XML_NS
                {
                    inherited = (!d.is_empty()).then(|| d.clone());
                }
                self.out.push_str(&qualified_name);
            } else if let Some(p) = prefix.take() {
                // 12.5 A prefix but no candidate: if the local prefixes map has it, generate
                //      a new one; add it to map; declare it.
                let p = if local_prefixes.contains_key(&p) {
                    self.generate_prefix(&mut map, &mut local_prefixes, ns.as_deref())
                } else {
                    map.add(ns.as_deref(), &p);
                    p
                };
                qualified_name = format!("{p}:{local}");
                self.out.push_str(&qualified_name);
                self.out.push_str(" xmlns:");
                self.out.push_str(&p);
                self.out.push_str("=\"");
                self.out.push_str(&attribute_value(ns.as_deref().unwrap_or("")));
                self.out.push('"');
                if let Some(d) = &local_default {
                    inherited = (!d.is_empty()).then(|| d.clone());
                }
            } else if local_default.is_none() || local_default != ns.clone().or(Some(String::new())) {
                // 12.6 No prefix, and the local default namespace is null or not ns: declare
                //      ns as the default namespace.
                ignore_namespace_definition = true;
                qualified_name = local.to_owned();
                inherited = ns.clone();
                self.out.push_str(&qualified_name);
                self.out.push_str(" xmlns=\"");
                self.out.push_str(&attribute_value(ns.as_deref().unwrap_or("")));
                self.out.push('"');
            } else {
                // 12.7 Otherwise the local default namespace is ns.
                qualified_name = local.to_owned();
                inherited = ns.clone();
                self.out.push_str(&qualified_name);
            }
        }
        // 13. Append the XML serialization of node's attributes.
        self.attributes(element, &mut map, &local_prefixes, ignore_namespace_definition);
        let node = element.upcast::<Node>();
        let children = node.children();
        // 14. An HTML-namespace void element with no children ends with " />".
        // 15. Any other element with no children ends with "/>".
        if children.is_empty() {
            if ns.as_deref() == Some(HTML_NS) {
                if crate::dom::dom::element::is_void(local) {
                    self.out.push_str(" /");
                    self.out.push('>');
                    return;
                }
            } else {
                self.out.push_str("/>");
                return;
            }
        }
        // 16. Append ">".
        self.out.push('>');
        // 19. Append the XML serialization of each child, given inherited ns and map.
        for child in &children {
            self.node(child, inherited.as_deref(), &mut map);
        }
        // 20. Append "</", qualified name and ">".
        self.out.push_str("</");
        self.out.push_str(&qualified_name);
        self.out.push('>');
    }

    /// <https://w3c.github.io/DOM-Parsing/#dfn-generating-a-prefix>
    fn generate_prefix(
        &mut self,
        map: &mut PrefixMap,
        local_prefixes: &mut HashMap<String, Option<String>>,
        namespace: Option<&str>,
    ) -> String {
        // 1. Let generated prefix be "ns" followed by prefix index; increment the index.
        let prefix = format!("ns{}", self.prefix_index);
        self.prefix_index += 1;
        // 2. Add to map; add to local prefixes map.
        map.add(namespace, &prefix);
        local_prefixes.insert(prefix.clone(), namespace.map(str::to_owned));
        prefix
    }

    /// <https://w3c.github.io/DOM-Parsing/#dfn-xml-serialization-of-the-attributes>
    fn attributes(
        &mut self,
        element: &Element,
        map: &mut PrefixMap,
        local_prefixes: &HashMap<String, Option<String>>,
        ignore_namespace_definition: bool,
    ) {
        let mut local_prefixes = local_prefixes.clone();
        for attr in element.attributes() {
            // 3.2 Let attribute namespace be attr's namespaceURI; candidate prefix null.
            let mut candidate: Option<String> = None;
            if let Some(attr_ns) = attr.namespace.as_deref() {
                // 3.5.1 Let candidate prefix be the preferred prefix string of attr's prefix.
                candidate = map.preferred(attr.prefix.as_deref(), Some(attr_ns));
                if attr_ns == XMLNS_NS {
                    // 3.5.2 A namespace declaration: skipped if it declares the XML
                    // namespace, if it is the default namespace declaration the element
                    // already made, or if it is a prefix declaration the local prefixes map
                    // holds for another namespace.
                    let declared_elsewhere = attr.prefix.is_some()
                        && local_prefixes
                            .get(&attr.local_name)
                            .is_some_and(|ns| ns.as_deref().unwrap_or("") != attr.value);
                    if attr.value == XML_NS
                        || (attr.prefix.is_none() && ignore_namespace_definition)
                        || declared_elsewhere
                    {
                        continue;
                    }
                    candidate = Some("xmlns".into());
                } else if candidate.is_none() {
                    // 3.5.3 No prefix for the namespace yet: generate one and declare it.
                    let prefix = self.generate_prefix(map, &mut local_prefixes, Some(attr_ns));
                    self.out.push_str(" xmlns:");
                    self.out.push_str(&prefix);
                    self.out.push_str("=\"");
                    self.out.push_str(&attribute_value(attr_ns));
                    self.out.push('"');
                    candidate = Some(prefix);
                }
            }
            // 3.6–3.9 " ", "candidate:" when there is one, the local name, "=\"", the value, "\"".
            self.out.push(' ');
            if let Some(c) = candidate {
                // An attribute declaring the default namespace keeps its plain name "xmlns".
                if !(c == "xmlns" && attr.prefix.is_none()) {
                    self.out.push_str(&c);
                    self.out.push(':');
                }
            }
            self.out.push_str(&attr.local_name);
            self.out.push_str("=\"");
            self.out.push_str(&attribute_value(&attr.value));
            self.out.push('"');
        }
    }
}

/// <https://w3c.github.io/DOM-Parsing/#dfn-recording-the-namespace-information>
fn record_namespace_information(
    element: &Element,
    map: &mut PrefixMap,
    local_prefixes: &mut HashMap<String, Option<String>>,
) -> Option<String> {
    // 1. Let default namespace attr value be null.
    let mut default = None;
    // 2. For each attribute in the element's attribute list:
    for attr in element.attributes() {
        if attr.namespace.as_deref() != Some(XMLNS_NS) {
            continue;
        }
        match &attr.prefix {
            // 2.3.1 A default namespace declaration: remember its value.
            None => default = Some(attr.value.clone()),
            // 2.3.2 A prefix declaration.
            Some(_) => {
                let prefix_definition = attr.local_name.clone();
                let namespace_definition = (!attr.value.is_empty()).then(|| attr.value.clone());
                // The XML namespace is never redeclared; a pair already in map is not added.
                if namespace_definition.as_deref() == Some(XML_NS)
                    || map.has(namespace_definition.as_deref(), &prefix_definition)
                {
                    continue;
                }
                map.add(namespace_definition.as_deref(), &prefix_definition);
                local_prefixes.insert(prefix_definition, namespace_definition);
            }
        }
    }
    // 3. Return the default namespace attr value.
    default
}

/// <https://w3c.github.io/DOM-Parsing/#dfn-serializing-an-attribute-value>: "&", """, "<"
/// and ">" escaped.
fn attribute_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

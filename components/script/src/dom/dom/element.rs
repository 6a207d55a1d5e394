//! `Element` (<https://dom.spec.whatwg.org/#interface-element>).

use std::cell::RefCell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::ElementBinding::ElementMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::same_object;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::attr::Attr;
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::document::Document;
use crate::dom::dom::domtokenlist::DOMTokenList;
use crate::dom::dom::htmlcollection::{CollectionFilter, HTMLCollection};
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::dom::selectormatching::{element_matches, parse_selectors};
use crate::dom::dom::shadowroot::ShadowRoot;
use crate::dom::html::customelements::{CustomElementDefinition, CustomElementReaction, CustomElementState};

pub const HTML_NAMESPACE: &str = "http://www.w3.org/1999/xhtml";
pub const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";
pub const MATHML_NAMESPACE: &str = "http://www.w3.org/1998/Math/MathML";

/// An attribute (<https://dom.spec.whatwg.org/#concept-attribute>), kept as plain data.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub namespace: Option<String>,
    pub prefix: Option<String>,
    pub local_name: String,
    pub value: String,
}

impl Attribute {
    pub fn qualified_name(&self) -> String {
        match &self.prefix {
            Some(p) => format!("{p}:{}", self.local_name),
            None => self.local_name.clone(),
        }
    }
}

#[dom_struct]
pub struct Element {
    node: Node,
    #[no_trace]
    local_name: String,
    #[no_trace]
    namespace: Option<String>,
    #[no_trace]
    prefix: Option<String>,
    #[no_trace]
    attributes: RefCell<Vec<Attribute>>,
    /// The `Attr` nodes script has seen, one per attribute still in the list (see `attr.rs`).
    attr_nodes: RefCell<Vec<Dom<Attr>>>,
    /// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#cryptographicnonce>
    /// (used by the HTMLOrSVGElement mixin).
    #[no_trace]
    cryptographic_nonce: RefCell<String>,
    /// <https://dom.spec.whatwg.org/#concept-element-custom-element-state>
    #[no_trace]
    custom_element_state: std::cell::Cell<CustomElementState>,
    /// <https://dom.spec.whatwg.org/#concept-element-custom-element-definition>
    custom_element_definition: RefCell<Option<Rc<CustomElementDefinition>>>,
    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#custom-element-reaction-queue>
    custom_element_reactions: RefCell<std::collections::VecDeque<CustomElementReaction>>,
    /// <https://dom.spec.whatwg.org/#concept-element-shadow-root>
    shadow_root: MutNullableDom<ShadowRoot>,
}

impl Element {
    pub fn new_inherited(
        local_name: String,
        namespace: Option<String>,
        prefix: Option<String>,
        document: &Document,
    ) -> Element {
        Element {
            node: Node::new_inherited(NodeKind::Element, Some(document)),
            local_name,
            namespace,
            prefix,
            attributes: RefCell::new(Vec::new()),
            attr_nodes: RefCell::new(Vec::new()),
            cryptographic_nonce: RefCell::new(String::new()),
            custom_element_state: std::cell::Cell::new(CustomElementState::Uncustomized),
            custom_element_definition: RefCell::new(None),
            custom_element_reactions: RefCell::new(Default::default()),
            shadow_root: Default::default(),
        }
    }

    pub fn local_name(&self) -> &str {
        &self.local_name
    }

    pub fn namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }

    pub fn prefix(&self) -> Option<&str> {
        self.prefix.as_deref()
    }

    pub fn is_html_element(&self) -> bool {
        self.namespace.as_deref() == Some(HTML_NAMESPACE)
    }

    pub fn is_svg_element(&self) -> bool {
        self.namespace.as_deref() == Some(SVG_NAMESPACE)
    }

    /// Whether the element's interface includes `HTMLOrSVGElement` and `GlobalEventHandlers`
    /// (HTML, SVG and MathML elements).
    pub fn is_html_svg_or_mathml_element(&self) -> bool {
        matches!(self.namespace.as_deref(), Some(HTML_NAMESPACE | SVG_NAMESPACE | MATHML_NAMESPACE))
    }

    pub fn custom_element_state(&self) -> CustomElementState {
        self.custom_element_state.get()
    }

    pub fn set_custom_element_state(&self, state: CustomElementState) {
        self.custom_element_state.set(state);
        // `:defined` may match now.
        crate::dom::layout::cache::invalidate_node(self.upcast());
    }

    pub fn custom_element_definition(&self) -> Option<Rc<CustomElementDefinition>> {
        self.custom_element_definition.borrow().clone()
    }

    pub fn set_custom_element_definition(&self, definition: Option<Rc<CustomElementDefinition>>) {
        *self.custom_element_definition.borrow_mut() = definition;
    }

    pub fn push_custom_element_reaction(&self, reaction: CustomElementReaction) {
        self.custom_element_reactions.borrow_mut().push_back(reaction);
    }

    pub fn take_first_custom_element_reaction(&self) -> Option<CustomElementReaction> {
        self.custom_element_reactions.borrow_mut().pop_front()
    }

    pub fn clear_custom_element_reactions(&self) {
        self.custom_element_reactions.borrow_mut().clear();
    }

    /// <https://dom.spec.whatwg.org/#concept-element-shadow-root>
    pub fn shadow_root(&self) -> Option<DomRoot<ShadowRoot>> {
        self.shadow_root.get()
    }

    pub fn set_shadow_root(&self, shadow: &ShadowRoot) {
        self.shadow_root.set(Some(shadow));
        // The host's children leave the flat tree for the shadow tree's.
        crate::dom::layout::cache::invalidate_node(self.upcast());
    }

    /// <https://dom.spec.whatwg.org/#element-shadow-host>
    pub fn is_shadow_host(&self) -> bool {
        self.shadow_root.get().is_some()
    }

    /// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#cryptographicnonce>
    pub fn cryptographic_nonce(&self) -> String {
        self.cryptographic_nonce.borrow().clone()
    }

    pub fn set_cryptographic_nonce(&self, value: String) {
        *self.cryptographic_nonce.borrow_mut() = value;
    }

    /// <https://dom.spec.whatwg.org/#concept-element-qualified-name>
    pub fn qualified_name(&self) -> String {
        match &self.prefix {
            Some(p) => format!("{p}:{}", self.local_name),
            None => self.local_name.clone(),
        }
    }

    /// <https://dom.spec.whatwg.org/#element-html-uppercased-qualified-name>
    pub fn tag_name(&self) -> String {
        let name = self.qualified_name();
        if self.is_html_element() && self.node.owner_doc().is_html_document() {
            name.to_ascii_uppercase()
        } else {
            name
        }
    }

    /// The value of the attribute with local name `name` and no namespace.
    pub fn get_attribute_value(&self, name: &str) -> Option<String> {
        self.attributes.borrow().iter().find(|a| a.namespace.is_none() && a.local_name == name).map(|a| a.value.clone())
    }

    pub fn has_attribute_named(&self, name: &str) -> bool {
        self.attributes.borrow().iter().any(|a| a.namespace.is_none() && a.local_name == name)
    }

    pub fn attributes(&self) -> Vec<Attribute> {
        self.attributes.borrow().clone()
    }

    /// Sets an attribute without namespace (parser and reflection use this).
    pub fn set_attribute_value(&self, cx: &mut JSContext, name: &str, value: String) {
        self.set_attribute_full(cx, Attribute { namespace: None, prefix: None, local_name: name.to_owned(), value });
    }

    /// <https://dom.spec.whatwg.org/#concept-element-attributes-set-value>
    pub fn set_attribute_full(&self, cx: &mut JSContext, attribute: Attribute) {
        let name = attribute.local_name.clone();
        let namespace = attribute.namespace.clone();
        let new_value = attribute.value.clone();
        // "Handle attribute changes": queue a mutation record of "attributes" with the old value.
        let previous = self
            .attributes
            .borrow()
            .iter()
            .find(|a| a.namespace == attribute.namespace && a.local_name == attribute.local_name)
            .map(|a| a.value.clone());
        crate::dom::dom::mutationobserver::queue_attribute_record(
            cx,
            self.upcast(),
            &name,
            namespace.as_deref(),
            previous,
        );
        let old = {
            crate::dom::layout::cache::invalidate_attribute(self, namespace.as_deref(), &name);
            let mut attributes = self.attributes.borrow_mut();
            match attributes
                .iter_mut()
                .find(|a| a.namespace == attribute.namespace && a.local_name == attribute.local_name)
            {
                Some(existing) => Some(std::mem::replace(&mut existing.value, attribute.value)),
                None => {
                    attributes.push(attribute);
                    None
                }
            }
        };
        if let Some(node) = self.cached_attr_node(namespace.as_deref(), &name)
            && let Some(value) = self.attribute_value_ns(namespace.as_deref(), &name)
        {
            node.note_value(&value);
        }
        // <https://dom.spec.whatwg.org/#concept-element-attributes-change>, step 2: the
        // attributeChangedCallback reaction of a custom element.
        crate::dom::html::customelements::attribute_changed(
            cx,
            self,
            &name,
            namespace.as_deref(),
            old.clone(),
            Some(new_value),
        );
        if namespace.is_none() {
            crate::dom::dom::virtualmethods::attribute_changed(cx, self, &name, old.as_deref());
        }
    }

    pub fn remove_attribute_named(&self, cx: &mut JSContext, namespace: Option<&str>, name: &str) {
        let old = self
            .attributes
            .borrow()
            .iter()
            .find(|a| a.namespace.as_deref() == namespace && a.local_name == name)
            .map(|a| a.value.clone());
        if old.is_some() {
            crate::dom::dom::mutationobserver::queue_attribute_record(cx, self.upcast(), name, namespace, old.clone());
        }
        let removed = {
            crate::dom::layout::cache::invalidate_attribute(self, namespace, name);
            let mut attributes = self.attributes.borrow_mut();
            let before = attributes.len();
            attributes.retain(|a| !(a.namespace.as_deref() == namespace && a.local_name == name));
            before != attributes.len()
        };
        if removed {
            // The attribute's node keeps its last value and no longer has an element.
            self.forget_attr_node(namespace, name);
            crate::dom::html::customelements::attribute_changed(cx, self, name, namespace, old.clone(), None);
        }
        // The attribute change steps get the old value and a null value.
        if removed && namespace.is_none() {
            crate::dom::dom::virtualmethods::attribute_changed(cx, self, name, old.as_deref());
        }
    }

    /// The class attribute split on ASCII whitespace.
    pub fn class_list(&self) -> Vec<String> {
        self.get_attribute_value("class")
            .map(|c| c.split_ascii_whitespace().map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// Lower-cases `name` for HTML elements in an HTML document (the attribute name rules).
    fn adjusted_name(&self, name: &str) -> String {
        if self.is_html_element() && self.node.owner_doc().is_html_document() {
            name.to_ascii_lowercase()
        } else {
            name.to_owned()
        }
    }

    fn find_by_qualified_name(&self, qualified: &str) -> Option<Attribute> {
        let qualified = self.adjusted_name(qualified);
        self.attributes.borrow().iter().find(|a| a.qualified_name() == qualified).cloned()
    }

    /// <https://dom.spec.whatwg.org/#concept-node-clone>, the element case.
    pub fn clone_element(&self, cx: &mut JSContext, document: &Document) -> DomRoot<Element> {
        let copy = crate::dom::dom::createelement::create_element(
            cx,
            document,
            &self.local_name,
            self.namespace.as_deref(),
            self.prefix.clone(),
        );
        for a in self.attributes() {
            copy.set_attribute_full(cx, a);
        }
        // <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#nonce-attributes>: "the
        // cloning steps … set copy's [[CryptographicNonce]] to element's [[CryptographicNonce]]."
        copy.set_cryptographic_nonce(self.cryptographic_nonce());
        copy
    }
}

/// Attribute nodes (<https://dom.spec.whatwg.org/#interface-attr>) over the plain attribute list.
impl Element {
    fn attribute_value_ns(&self, namespace: Option<&str>, local_name: &str) -> Option<String> {
        self.attributes
            .borrow()
            .iter()
            .find(|a| a.namespace.as_deref() == namespace && a.local_name == local_name)
            .map(|a| a.value.clone())
    }

    fn cached_attr_node(&self, namespace: Option<&str>, local_name: &str) -> Option<DomRoot<Attr>> {
        self.attr_nodes
            .borrow()
            .iter()
            .find(|n| n.namespace() == namespace && n.local_name() == local_name)
            .map(|n| n.as_rooted())
    }

    fn forget_attr_node(&self, namespace: Option<&str>, local_name: &str) {
        let node = self.cached_attr_node(namespace, local_name);
        if let Some(node) = node {
            node.set_element(None);
            self.attr_nodes.borrow_mut().retain(|n| !same_object(&**n, &*node));
        }
    }

    /// The `Attr` node of `attribute` (in this element's list): the same object every time.
    pub fn attr_node(&self, cx: &mut JSContext, attribute: &Attribute) -> DomRoot<Attr> {
        if let Some(node) = self.cached_attr_node(attribute.namespace.as_deref(), &attribute.local_name) {
            return node;
        }
        let node = Attr::new(cx, attribute.clone(), Some(self), &self.node.owner_doc());
        self.attr_nodes.borrow_mut().push(Dom::from_ref(&*node));
        node
    }

    /// The attribute nodes made so far (adoption moves them to the new document).
    pub fn attr_nodes(&self) -> Vec<DomRoot<Attr>> {
        self.attr_nodes.borrow().iter().map(|n| n.as_rooted()).collect()
    }

    /// The number of attributes (`NamedNodeMap.length`).
    pub fn attribute_count(&self) -> usize {
        self.attributes.borrow().len()
    }

    /// The index-th attribute (`NamedNodeMap.item()`).
    pub fn attribute_at(&self, index: usize) -> Option<Attribute> {
        self.attributes.borrow().get(index).cloned()
    }

    /// <https://dom.spec.whatwg.org/#concept-element-attributes-get-by-name>
    pub fn attribute_by_qualified_name(&self, qualified_name: &str) -> Option<Attribute> {
        self.find_by_qualified_name(qualified_name)
    }

    /// <https://dom.spec.whatwg.org/#concept-element-attributes-get-by-namespace>
    pub fn attribute_by_namespace(&self, namespace: Option<&str>, local_name: &str) -> Option<Attribute> {
        // 1. "If namespace is the empty string, then set it to null."
        let namespace = namespace.filter(|n| !n.is_empty());
        // 2. "Return the attribute in element's attribute list whose namespace is namespace and
        //    local name is localName, if any; otherwise null."
        self.attributes
            .borrow()
            .iter()
            .find(|a| a.namespace.as_deref() == namespace && a.local_name == local_name)
            .cloned()
    }

    /// <https://dom.spec.whatwg.org/#concept-element-attributes-change>
    pub fn change_attribute(&self, cx: &mut JSContext, namespace: Option<&str>, local_name: &str, value: String) {
        let existing = self.attribute_by_namespace(namespace, local_name);
        if let Some(mut attribute) = existing {
            attribute.value = value;
            self.set_attribute_full(cx, attribute);
        }
    }

    /// <https://dom.spec.whatwg.org/#concept-element-attributes-set>
    pub fn set_attribute_node(&self, cx: &mut JSContext, attr: &Attr) -> Fallible<Option<DomRoot<Attr>>> {
        // 1. "If attr's element is neither null nor element, throw an "InUseAttributeError"
        //    DOMException."
        if let Some(owner) = attr.element()
            && !same_object(&*owner, self)
        {
            return Err(Error::InUseAttribute("The attribute is in use by another element.".into()));
        }
        // 2. "Let oldAttr be the result of getting an attribute given attr's namespace, attr's
        //    local name, and element."
        let old = self.attribute_by_namespace(attr.namespace(), attr.local_name());
        let old_node = old.as_ref().map(|a| self.attr_node(cx, a));
        // 3. "If oldAttr is attr, return attr."
        if let Some(old_node) = &old_node
            && same_object(&**old_node, attr)
        {
            return Ok(Some(DomRoot::from_ref(attr)));
        }
        let data = attr.attribute();
        let (namespace, name) = (data.namespace.clone(), data.local_name.clone());
        // "Handle attribute changes for attribute with element, oldValue, and newValue": the
        // mutation record first, with oldAttr's value (null when appending).
        crate::dom::dom::mutationobserver::queue_attribute_record(
            cx,
            self.upcast(),
            &name,
            namespace.as_deref(),
            old.as_ref().map(|a| a.value.clone()),
        );
        {
            crate::dom::layout::cache::invalidate_attribute(self, namespace.as_deref(), &name);
            let mut attributes = self.attributes.borrow_mut();
            match attributes.iter_mut().find(|a| a.namespace == namespace && a.local_name == name) {
                // 4. "If oldAttr is non-null, then replace oldAttr with attr": same position.
                Some(slot) => *slot = data,
                // 5. "Otherwise, append attr to element."
                None => attributes.push(data),
            }
        }
        // "Set oldAttr's element to null" and "set attr's element to element".
        if let Some(old_node) = &old_node {
            old_node.set_element(None);
            self.attr_nodes.borrow_mut().retain(|n| !same_object(&**n, &**old_node));
        }
        attr.set_element(Some(self));
        self.attr_nodes.borrow_mut().push(Dom::from_ref(attr));
        if namespace.is_none() {
            crate::dom::dom::virtualmethods::attribute_changed(cx, self, &name, old.map(|a| a.value).as_deref());
        }
        // 6. "Return oldAttr."
        Ok(old_node)
    }

    /// <https://dom.spec.whatwg.org/#concept-element-attributes-remove>, returning the removed
    /// attribute's node.
    pub fn remove_attribute_node_of(&self, cx: &mut JSContext, attribute: &Attribute) -> DomRoot<Attr> {
        let node = self.attr_node(cx, attribute);
        self.remove_attribute_named(cx, attribute.namespace.as_deref(), &attribute.local_name);
        node
    }
}

impl Element {
    /// <https://dom.spec.whatwg.org/#insert-adjacent>
    fn insert_adjacent(&self, cx: &mut JSContext, where_: &str, node: &Node) -> Fallible<Option<DomRoot<Node>>> {
        let this = self.upcast::<Node>();
        match where_.to_ascii_lowercase().as_str() {
            // "beforebegin": null if this has no parent; otherwise pre-insert node into the parent before this.
            "beforebegin" => match this.parent() {
                Some(parent) => parent.pre_insert(cx, node, Some(this)).map(Some),
                None => Ok(None),
            },
            // "afterbegin": pre-insert node into this before this's first child.
            "afterbegin" => {
                let first = this.first_child();
                this.pre_insert(cx, node, first.as_deref()).map(Some)
            }
            // "beforeend": pre-insert node into this before null.
            "beforeend" => this.pre_insert(cx, node, None).map(Some),
            // "afterend": null if this has no parent; otherwise pre-insert node into the parent before this's next sibling.
            "afterend" => match this.parent() {
                Some(parent) => {
                    let next = this.next_sibling();
                    parent.pre_insert(cx, node, next.as_deref()).map(Some)
                }
                None => Ok(None),
            },
            // Otherwise: throw a "SyntaxError" DOMException.
            _ => Err(Error::Syntax(format!("'{where_}' is not a valid position."))),
        }
    }
}

/// <https://html.spec.whatwg.org/multipage/parsing.html#serialising-html-fragments>
pub fn serialize_children(node: &Node, out: &mut String) {
    // 2. "If the node is a template element, then let the node instead be the template
    //    element's template contents (a DocumentFragment node)."
    if let Some(template) = node.downcast::<crate::dom::html::htmltemplateelement::HTMLTemplateElement>() {
        if let Some(contents) = template.existing_contents() {
            serialize_children(contents.upcast(), out);
        }
        return;
    }
    for child in node.children() {
        serialize_node(&child, out);
    }
}

/// Elements that serialize as void
/// (<https://html.spec.whatwg.org/multipage/parsing.html#serializes-as-void>).
pub(crate) fn is_void(name: &str) -> bool {
    // The void elements and the obsolete ones that serialize as void.
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

pub fn serialize_node(node: &Node, out: &mut String) {
    match node.kind() {
        NodeKind::Element => {
            let e = node.downcast::<Element>().unwrap();
            let name = e.qualified_name();
            out.push('<');
            out.push_str(&name);
            for a in e.attributes() {
                out.push(' ');
                out.push_str(&a.qualified_name());
                out.push_str("=\"");
                for c in a.value.chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '"' => out.push_str("&quot;"),
                        '\u{a0}' => out.push_str("&nbsp;"),
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            out.push('>');
            if e.is_html_element() && is_void(&name) {
                return;
            }
            serialize_children(node, out);
            out.push_str("</");
            out.push_str(&name);
            out.push('>');
        }
        NodeKind::Text => {
            let raw = node.parent().and_then(|p| p.downcast_root::<Element>()).is_some_and(|p| {
                p.is_html_element()
                    && matches!(
                        p.local_name(),
                        "style" | "script" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext"
                    )
            });
            let data = node.downcast::<CharacterData>().unwrap().data_string();
            if raw {
                out.push_str(&data);
            } else {
                for c in data.chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '\u{a0}' => out.push_str("&nbsp;"),
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        c => out.push(c),
                    }
                }
            }
        }
        NodeKind::Comment => {
            out.push_str("<!--");
            out.push_str(&node.downcast::<CharacterData>().unwrap().data_string());
            out.push_str("-->");
        }
        // "If current node is a ProcessingInstruction: "<?", its target, a space, its data, ">"."
        NodeKind::ProcessingInstruction => {
            out.push_str("<?");
            out.push_str(
                node.downcast::<crate::dom::dom::processinginstruction::ProcessingInstruction>().unwrap().target(),
            );
            out.push(' ');
            out.push_str(&node.downcast::<CharacterData>().unwrap().data_string());
            out.push('>');
        }
        NodeKind::DocumentType => {
            out.push_str("<!DOCTYPE ");
            out.push_str(&node.downcast::<crate::dom::dom::documenttype::DocumentType>().unwrap().name_string());
            out.push('>');
        }
        NodeKind::Document | NodeKind::DocumentFragment => serialize_children(node, out),
        // Attributes are never children.
        NodeKind::Attribute => {}
    }
}

/// Validates a qualified name (`prefix:local`) for createElementNS/setAttributeNS.
fn validate_and_extract(
    namespace: Option<String>,
    qualified: &str,
) -> Fallible<(Option<String>, Option<String>, String)> {
    // <https://dom.spec.whatwg.org/#validate-and-extract>
    let namespace = namespace.filter(|n| !n.is_empty());
    if qualified.is_empty() || qualified.contains(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '/') {
        return Err(Error::InvalidCharacter(format!("'{qualified}' is not a valid name.")));
    }
    let (prefix, local) = match qualified.split_once(':') {
        Some((p, l)) if !p.is_empty() && !l.is_empty() && !l.contains(':') => (Some(p.to_owned()), l.to_owned()),
        Some(_) => return Err(Error::InvalidCharacter(format!("'{qualified}' is not a valid qualified name."))),
        None => (None, qualified.to_owned()),
    };
    if prefix.is_some() && namespace.is_none() {
        return Err(Error::Namespace("A prefix needs a namespace.".into()));
    }
    const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
    const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";
    // "If prefix is "xml" and namespace is not the XML namespace, then throw a "NamespaceError"."
    if prefix.as_deref() == Some("xml") && namespace.as_deref() != Some(XML_NAMESPACE) {
        return Err(Error::Namespace("The xml prefix needs the XML namespace.".into()));
    }
    // "If either qualifiedName or prefix is "xmlns" and namespace is not the XMLNS namespace,
    // then throw a "NamespaceError"."
    let is_xmlns = qualified == "xmlns" || prefix.as_deref() == Some("xmlns");
    if is_xmlns && namespace.as_deref() != Some(XMLNS_NAMESPACE) {
        return Err(Error::Namespace("xmlns needs the XMLNS namespace.".into()));
    }
    // "If namespace is the XMLNS namespace and neither qualifiedName nor prefix is "xmlns", then
    // throw a "NamespaceError"."
    if namespace.as_deref() == Some(XMLNS_NAMESPACE) && !is_xmlns {
        return Err(Error::Namespace("The XMLNS namespace needs xmlns.".into()));
    }
    Ok((namespace, prefix, local))
}

pub fn validate_name(name: &str) -> ErrorResult {
    if name.is_empty()
        || name.contains(|c: char| {
            c.is_whitespace() || c == '<' || c == '>' || c == '/' || c == '=' || c == '"' || c == '\''
        })
    {
        return Err(Error::InvalidCharacter(format!("'{name}' is not a valid attribute name.")));
    }
    Ok(())
}

pub fn validate_qualified(
    namespace: Option<String>,
    qualified: &str,
) -> Fallible<(Option<String>, Option<String>, String)> {
    validate_and_extract(namespace, qualified)
}

impl ElementMethods for Element {
    crate::dom::cssomview::elementscroll::element_scroll_methods!();
    crate::dom::fullscreen::element_fullscreen_methods!();
    /// <https://drafts.csswg.org/cssom-view/#dom-element-getclientrects>
    fn GetClientRects(&self, cx: &mut JSContext) -> DomRoot<crate::dom::geometry::domrect::DOMRectList> {
        let window = crate::dom::globalscope::DomGlobal::global(self);
        crate::dom::geometry::domrect::client_rects(cx, &window, self)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-element-getboundingclientrect>
    fn GetBoundingClientRect(&self, cx: &mut JSContext) -> DomRoot<crate::dom::geometry::domrect::DOMRect> {
        let window = crate::dom::globalscope::DomGlobal::global(self);
        crate::dom::geometry::domrect::bounding_client_rect(cx, &window, self)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-element-clienttop>: "1. If the element has no
    /// associated CSS layout box or if the CSS layout box is inline, return zero. 2. Return the
    /// computed value of the border-top-width property plus the height of any scrollbar
    /// rendered between the top padding edge and the top border edge" (no scroll bars).
    fn ClientTop(&self, cx: &mut JSContext) -> i32 {
        crate::dom::layout::queries::element_box(cx, self)
            .map_or(0, |b| crate::dom::layout::queries::client_area(&b).y.round() as i32)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-element-clientleft>
    fn ClientLeft(&self, cx: &mut JSContext) -> i32 {
        crate::dom::layout::queries::element_box(cx, self)
            .map_or(0, |b| crate::dom::layout::queries::client_area(&b).x.round() as i32)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-element-clientwidth>: "1. If the element has no
    /// associated CSS layout box or if the CSS layout box is inline, return zero. 2. If the
    /// element is the root element and the element's node document is not in quirks mode, …
    /// return the viewport width excluding the size of a rendered scroll bar (if any). 4. Return
    /// the width of the padding edge excluding the width of any rendered scrollbar".
    fn ClientWidth(&self, cx: &mut JSContext) -> i32 {
        if crate::dom::layout::queries::is_root(self) && self.upcast::<Node>().is_connected() {
            return crate::dom::cssomview::VIEWPORT_WIDTH;
        }
        crate::dom::layout::queries::element_box(cx, self)
            .map_or(0, |b| crate::dom::layout::queries::client_area(&b).width.round() as i32)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-element-clientheight>
    fn ClientHeight(&self, cx: &mut JSContext) -> i32 {
        if crate::dom::layout::queries::is_root(self) && self.upcast::<Node>().is_connected() {
            return crate::dom::cssomview::VIEWPORT_HEIGHT;
        }
        crate::dom::layout::queries::element_box(cx, self)
            .map_or(0, |b| crate::dom::layout::queries::client_area(&b).height.round() as i32)
    }

    /// <https://dom.spec.whatwg.org/#dom-element-namespaceuri>
    fn NamespaceURI(&self, _cx: &mut JSContext) -> Option<DOMString> {
        self.namespace.clone().map(Into::into)
    }
    /// <https://dom.spec.whatwg.org/#dom-element-prefix>
    fn Prefix(&self, _cx: &mut JSContext) -> Option<DOMString> {
        self.prefix.clone().map(Into::into)
    }
    /// <https://dom.spec.whatwg.org/#dom-element-localname>
    fn LocalName(&self, _cx: &mut JSContext) -> DOMString {
        self.local_name.clone().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-element-tagname>
    fn TagName(&self, _cx: &mut JSContext) -> DOMString {
        self.tag_name().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-element-id>
    fn Id(&self, _cx: &mut JSContext) -> DOMString {
        self.get_attribute_value("id").unwrap_or_default().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-element-id>
    fn SetId(&self, cx: &mut JSContext, value: DOMString) {
        self.set_attribute_value(cx, "id", value.into());
    }
    /// <https://dom.spec.whatwg.org/#dom-element-classname>
    fn ClassName(&self, _cx: &mut JSContext) -> DOMString {
        self.get_attribute_value("class").unwrap_or_default().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-element-classname>
    fn SetClassName(&self, cx: &mut JSContext, value: DOMString) {
        self.set_attribute_value(cx, "class", value.into());
    }
    /// <https://dom.spec.whatwg.org/#dom-element-hasattributes>
    fn HasAttributes(&self, _cx: &mut JSContext) -> bool {
        !self.attributes.borrow().is_empty()
    }
    /// <https://dom.spec.whatwg.org/#dom-element-getattributenames>
    fn GetAttributeNames(&self, _cx: &mut JSContext) -> Vec<DOMString> {
        self.attributes.borrow().iter().map(|a| a.qualified_name().into()).collect()
    }
    /// <https://dom.spec.whatwg.org/#dom-element-getattribute>
    fn GetAttribute(&self, _cx: &mut JSContext, name: DOMString) -> Option<DOMString> {
        self.find_by_qualified_name(&name).map(|a| a.value.into())
    }
    /// <https://dom.spec.whatwg.org/#dom-element-getattributens>
    fn GetAttributeNS(
        &self,
        _cx: &mut JSContext,
        namespace: Option<DOMString>,
        local_name: DOMString,
    ) -> Option<DOMString> {
        let namespace = namespace.map(String::from).filter(|n| !n.is_empty());
        self.attributes
            .borrow()
            .iter()
            .find(|a| a.namespace == namespace && a.local_name == *local_name)
            .map(|a| a.value.clone().into())
    }
    /// <https://dom.spec.whatwg.org/#dom-element-setattribute>
    fn SetAttribute(&self, cx: &mut JSContext, name: DOMString, value: DOMString) -> ErrorResult {
        // Step 1: If qualifiedName is not a valid attribute local name, throw an "InvalidCharacterError".
        validate_name(&name)?;
        // Step 2: lower-case it for an HTML element in an HTML document.
        let name = self.adjusted_name(&name);
        // Steps 3–5: set the first attribute with that qualified name, or append a new one.
        let existing = self.attributes.borrow().iter().find(|a| a.qualified_name() == name).cloned();
        match existing {
            Some(mut a) => {
                a.value = value.into();
                self.set_attribute_full(cx, a);
            }
            None => self.set_attribute_value(cx, &name, value.into()),
        }
        Ok(())
    }
    /// <https://dom.spec.whatwg.org/#dom-element-setattributens>
    fn SetAttributeNS(
        &self,
        cx: &mut JSContext,
        namespace: Option<DOMString>,
        name: DOMString,
        value: DOMString,
    ) -> ErrorResult {
        let (namespace, prefix, local_name) = validate_and_extract(namespace.map(String::from), &name)?;
        self.set_attribute_full(cx, Attribute { namespace, prefix, local_name, value: value.into() });
        Ok(())
    }
    /// <https://dom.spec.whatwg.org/#dom-element-removeattribute>
    fn RemoveAttribute(&self, cx: &mut JSContext, name: DOMString) {
        if let Some(a) = self.find_by_qualified_name(&name) {
            self.remove_attribute_named(cx, a.namespace.as_deref(), &a.local_name);
        }
    }
    /// <https://dom.spec.whatwg.org/#dom-element-removeattributens>
    fn RemoveAttributeNS(&self, cx: &mut JSContext, namespace: Option<DOMString>, local_name: DOMString) {
        let namespace = namespace.map(String::from).filter(|n| !n.is_empty());
        self.remove_attribute_named(cx, namespace.as_deref(), &local_name);
    }
    /// <https://dom.spec.whatwg.org/#dom-element-toggleattribute>
    fn ToggleAttribute(&self, cx: &mut JSContext, name: DOMString, force: Option<bool>) -> Fallible<bool> {
        validate_name(&name)?;
        let name = self.adjusted_name(&name);
        match self.find_by_qualified_name(&name) {
            None if force != Some(false) => {
                self.set_attribute_value(cx, &name, String::new());
                Ok(true)
            }
            None => Ok(false),
            Some(a) if force != Some(true) => {
                self.remove_attribute_named(cx, a.namespace.as_deref(), &a.local_name);
                Ok(false)
            }
            Some(_) => Ok(true),
        }
    }
    /// <https://dom.spec.whatwg.org/#dom-element-hasattribute>
    fn HasAttribute(&self, _cx: &mut JSContext, name: DOMString) -> bool {
        self.find_by_qualified_name(&name).is_some()
    }
    /// <https://dom.spec.whatwg.org/#dom-element-hasattributens>
    fn HasAttributeNS(&self, _cx: &mut JSContext, namespace: Option<DOMString>, local_name: DOMString) -> bool {
        let namespace = namespace.map(String::from).filter(|n| !n.is_empty());
        self.attributes.borrow().iter().any(|a| a.namespace == namespace && a.local_name == *local_name)
    }
    /// <https://dom.spec.whatwg.org/#dom-element-attributes>
    fn Attributes(&self, cx: &mut JSContext) -> DomRoot<crate::dom::dom::namednodemap::NamedNodeMap> {
        // [SameObject]: the binding keeps the first map.
        crate::dom::dom::namednodemap::NamedNodeMap::new(cx, self)
    }
    /// <https://dom.spec.whatwg.org/#dom-element-getattributenode>
    fn GetAttributeNode(&self, cx: &mut JSContext, qualified_name: DOMString) -> Option<DomRoot<Attr>> {
        // "return the result of getting an attribute given qualifiedName and this."
        self.find_by_qualified_name(&qualified_name).map(|a| self.attr_node(cx, &a))
    }
    /// <https://dom.spec.whatwg.org/#dom-element-getattributenodens>
    fn GetAttributeNodeNS(
        &self,
        cx: &mut JSContext,
        namespace: Option<DOMString>,
        local_name: DOMString,
    ) -> Option<DomRoot<Attr>> {
        // "return the result of getting an attribute given namespace, localName, and this."
        self.attribute_by_namespace(namespace.as_deref(), &local_name).map(|a| self.attr_node(cx, &a))
    }
    /// <https://dom.spec.whatwg.org/#dom-element-setattributenode>
    fn SetAttributeNode(&self, cx: &mut JSContext, attr: &Attr) -> Fallible<Option<DomRoot<Attr>>> {
        // "return the result of setting an attribute given attr and this."
        self.set_attribute_node(cx, attr)
    }
    /// <https://dom.spec.whatwg.org/#dom-element-setattributenodens>
    fn SetAttributeNodeNS(&self, cx: &mut JSContext, attr: &Attr) -> Fallible<Option<DomRoot<Attr>>> {
        // The same steps as setAttributeNode().
        self.set_attribute_node(cx, attr)
    }
    /// <https://dom.spec.whatwg.org/#dom-element-removeattributenode>
    fn RemoveAttributeNode(&self, cx: &mut JSContext, attr: &Attr) -> Fallible<DomRoot<Attr>> {
        // 1. "If this's attribute list does not contain attr, then throw a "NotFoundError"
        //    DOMException."
        if !attr.element().is_some_and(|e| same_object(&*e, self)) {
            return Err(Error::NotFound("The attribute is not an attribute of this element.".into()));
        }
        // 2. "Remove attr." 3. "Return attr."
        self.remove_attribute_named(cx, attr.namespace(), attr.local_name());
        Ok(DomRoot::from_ref(attr))
    }
    /// <https://dom.spec.whatwg.org/#dom-element-classlist>
    fn ClassList(&self, cx: &mut JSContext) -> DomRoot<DOMTokenList> {
        // A DOMTokenList whose associated attribute is class ([SameObject] in the binding).
        DOMTokenList::new(cx, self, "class")
    }
    /// <https://dom.spec.whatwg.org/#dom-element-closest>
    fn Closest(&self, _cx: &mut JSContext, selectors: DOMString) -> Fallible<Option<DomRoot<Element>>> {
        // Step 1: Let s be the result of parse a selector from selectors; if failure, throw a "SyntaxError".
        let s = parse_selectors(&selectors)?;
        // Steps 2–3: for each element in this's inclusive ancestors, return it if it matches s
        // with scoping root this.
        let mut node = Some(DomRoot::from_ref(self.upcast::<Node>()));
        while let Some(n) = node {
            if let Some(element) = n.downcast::<Element>()
                && element_matches(&s, element, Some(self))
            {
                return Ok(Some(DomRoot::from_ref(element)));
            }
            node = n.parent();
        }
        // Step 4: Return null.
        Ok(None)
    }
    /// <https://dom.spec.whatwg.org/#dom-element-matches>
    fn Matches(&self, _cx: &mut JSContext, selectors: DOMString) -> Fallible<bool> {
        // Step 1: Let s be the result of parse a selector from selectors; if failure, throw a "SyntaxError".
        let s = parse_selectors(&selectors)?;
        // Step 2: true if this matches s with scoping root this.
        Ok(element_matches(&s, self, Some(self)))
    }
    /// <https://dom.spec.whatwg.org/#dom-element-webkitmatchesselector>
    fn WebkitMatchesSelector(&self, cx: &mut JSContext, selectors: DOMString) -> Fallible<bool> {
        // The legacy alias: the same steps as matches().
        self.Matches(cx, selectors)
    }
    /// <https://dom.spec.whatwg.org/#dom-element-getelementsbytagname>
    fn GetElementsByTagName(&self, cx: &mut JSContext, name: DOMString) -> DomRoot<HTMLCollection> {
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::QualifiedName(name.into()))
    }
    /// <https://dom.spec.whatwg.org/#dom-element-getelementsbyclassname>
    fn GetElementsByClassName(&self, cx: &mut JSContext, names: DOMString) -> DomRoot<HTMLCollection> {
        let classes = names.split_ascii_whitespace().map(str::to_owned).collect();
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::ClassNames(classes))
    }
    /// <https://dom.spec.whatwg.org/#dom-element-insertadjacentelement>
    fn InsertAdjacentElement(
        &self,
        cx: &mut JSContext,
        where_: DOMString,
        element: &Element,
    ) -> Fallible<Option<DomRoot<Element>>> {
        // Return the result of running insert adjacent, given this, where, and element.
        Ok(self.insert_adjacent(cx, &where_, element.upcast())?.and_then(|n| n.downcast_root::<Element>()))
    }
    /// <https://dom.spec.whatwg.org/#dom-element-insertadjacenttext>
    fn InsertAdjacentText(&self, cx: &mut JSContext, where_: DOMString, data: DOMString) -> ErrorResult {
        // Step 1: Let text be a new Text node whose data is data and node document is this's node document.
        let text = crate::dom::dom::text::Text::new(cx, data.into(), &self.upcast::<Node>().owner_doc());
        // Step 2: Run insert adjacent, given this, where, and text.
        self.insert_adjacent(cx, &where_, text.upcast()).map(|_| ())
    }
    /// <https://w3c.github.io/DOM-Parsing/#dom-element-insertadjacenthtml>
    fn InsertAdjacentHTML(&self, cx: &mut JSContext, position: DOMString, text: DOMString) -> ErrorResult {
        let node = self.upcast::<Node>();
        // Step 1: the context: this's parent for "beforebegin"/"afterend", this for the others.
        let context: DomRoot<Node> = match position.to_ascii_lowercase().as_str() {
            "beforebegin" | "afterend" => match node.parent() {
                // If context is null or a Document, throw a "NoModificationAllowedError".
                Some(p) if p.kind() != NodeKind::Document => p,
                _ => return Err(Error::NoModificationAllowed("The element has no parent element.".into())),
            },
            "afterbegin" | "beforeend" => DomRoot::from_ref(node),
            // Otherwise, throw a "SyntaxError" DOMException.
            _ => return Err(Error::Syntax(format!("'{position}' is not a valid position."))),
        };
        // Step 2: If context is not an Element, or is the html element of an HTML document,
        // parse in the context of a new body element.
        let document = node.owner_doc();
        let context = match context.downcast_root::<Element>() {
            Some(e) if !(document.is_html_document() && e.is_html_element() && e.local_name() == "html") => e,
            _ => crate::dom::dom::createelement::create_element(cx, &document, "body", Some(HTML_NAMESPACE), None),
        };
        // Step 3: Let fragment be the result of invoking the fragment parsing algorithm.
        let fragment = crate::dom::html::parser::parse_fragment(cx, &context, &text);
        // Step 4: insert it at the position.
        self.insert_adjacent(cx, &position, fragment.upcast()).map(|_| ())
    }

    /// <https://w3c.github.io/DOM-Parsing/#dom-element-innerhtml>
    fn InnerHTML(&self, _cx: &mut JSContext) -> Fallible<DOMString> {
        let mut out = String::new();
        serialize_children(self.upcast(), &mut out);
        Ok(out.into())
    }
    /// <https://w3c.github.io/DOM-Parsing/#dom-element-innerhtml>
    fn SetInnerHTML(&self, cx: &mut JSContext, value: DOMString) -> ErrorResult {
        // Parse a fragment with this element as the context, then replace all children with it.
        let fragment = crate::dom::html::parser::parse_fragment(cx, self, &value);
        // "If context is a template element, then set context to the template element's template
        // contents (a DocumentFragment)."
        if let Some(template) = self.downcast::<crate::dom::html::htmltemplateelement::HTMLTemplateElement>() {
            let contents = template.contents(cx);
            contents.upcast::<Node>().replace_all(cx, Some(fragment.upcast()));
            return Ok(());
        }
        self.upcast::<Node>().replace_all(cx, Some(fragment.upcast()));
        Ok(())
    }
    /// <https://w3c.github.io/DOM-Parsing/#dom-element-outerhtml>
    fn OuterHTML(&self, _cx: &mut JSContext) -> Fallible<DOMString> {
        let mut out = String::new();
        serialize_node(self.upcast(), &mut out);
        Ok(out.into())
    }
    /// <https://w3c.github.io/DOM-Parsing/#dom-element-outerhtml>
    fn SetOuterHTML(&self, cx: &mut JSContext, value: DOMString) -> ErrorResult {
        let node = self.upcast::<Node>();
        let Some(parent) = node.parent() else { return Ok(()) };
        if parent.kind() == NodeKind::Document {
            return Err(Error::NoModificationAllowed("Cannot set outerHTML of the document element.".into()));
        }
        let context = parent.downcast_root::<Element>();
        let fragment = match context {
            Some(c) => crate::dom::html::parser::parse_fragment(cx, &c, &value),
            None => {
                let body = crate::dom::dom::createelement::create_element(
                    cx,
                    &node.owner_doc(),
                    "body",
                    Some(HTML_NAMESPACE),
                    None,
                );
                crate::dom::html::parser::parse_fragment(cx, &body, &value)
            }
        };
        let next = node.next_sibling();
        parent.remove(cx, node, false);
        parent.insert(cx, fragment.upcast(), next.as_deref(), false);
        Ok(())
    }

    /// <https://dom.spec.whatwg.org/#dom-element-attachshadow>
    fn AttachShadow(
        &self,
        cx: &mut JSContext,
        init: &crate::dom::bindings::codegen::Dictionaries::ShadowRootInit,
    ) -> Fallible<DomRoot<ShadowRoot>> {
        // 1. "Run attach a shadow root with this, init["mode"], init["clonable"],
        //    init["serializable"], init["delegatesFocus"], and init["slotAssignment"]."
        // 2. "Return this's shadow root."
        crate::dom::dom::shadowroot::attach_shadow_root(
            cx,
            self,
            crate::dom::dom::shadowroot::ShadowRootOptions {
                mode: init.mode,
                delegates_focus: init.delegates_focus,
                slot_assignment: init.slot_assignment,
                clonable: init.clonable,
                serializable: init.serializable,
            },
        )
    }
    /// <https://dom.spec.whatwg.org/#dom-element-shadowroot>
    fn ShadowRoot(&self, _cx: &mut JSContext) -> Option<DomRoot<ShadowRoot>> {
        // 1. "Let shadow be this's shadow root." 2. "If shadow is null or its mode is "closed",
        //    then return null." 3. "Return shadow."
        self.shadow_root().filter(|s| !s.is_closed())
    }
    /// <https://dom.spec.whatwg.org/#dom-element-slot>
    fn Slot(&self, _cx: &mut JSContext) -> DOMString {
        // Reflects the slot content attribute.
        self.get_attribute_value("slot").unwrap_or_default().into()
    }
    /// <https://dom.spec.whatwg.org/#dom-element-slot>
    fn SetSlot(&self, cx: &mut JSContext, value: DOMString) {
        self.set_attribute_value(cx, "slot", value.into());
    }
    /// <https://dom.spec.whatwg.org/#dom-slotable-assignedslot>
    fn AssignedSlot(&self, _cx: &mut JSContext) -> Option<DomRoot<crate::dom::html::htmlslotelement::HTMLSlotElement>> {
        // "return the result of find a slot given this and with the open flag set."
        crate::dom::dom::shadowroot::find_a_slot(self.upcast(), true)
    }

    crate::dom::dom::parentnode::parent_node_methods!();
    crate::dom::dom::parentnode::non_document_type_child_node_methods!();
    crate::dom::dom::parentnode::child_node_methods!();
}

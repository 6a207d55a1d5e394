//! `HTMLCollection` (<https://dom.spec.whatwg.org/#interface-htmlcollection>):
//! a live view of the elements of a subtree matching a filter.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::HTMLCollectionBinding::HTMLCollectionMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::globalscope::DomGlobal;

/// Which elements a collection holds.
#[derive(Clone, Debug)]
pub enum CollectionFilter {
    /// The element children of the root.
    Children,
    /// <https://dom.spec.whatwg.org/#concept-getelementsbytagname>
    QualifiedName(String),
    /// <https://dom.spec.whatwg.org/#concept-getelementsbyclassname>
    ClassNames(Vec<String>),
    /// <https://dom.spec.whatwg.org/#concept-getelementsbytagnamens>: a namespace (`None` for
    /// null, `Some("*")` for any) and a local name (`"*"` for any).
    NamespaceLocalName(Option<String>, String),
    /// A select element's list of options (root: the select).
    Options,
    /// A select element's selected options (root: the select).
    SelectedOptions,
    /// A form's listed elements (root: the form).
    FormControls,
    /// HTML elements with one of these local names (`document.images`, `forms`, `scripts`…).
    LocalNames(&'static [&'static str]),
    /// `a` and `area` elements with an `href` (`document.links`).
    Links,
    /// Elements an interface's own rule finds from the root, in the collection's order
    /// (a table's `rows`, a row's `cells`…).
    Computed(fn(&Node) -> Vec<DomRoot<Element>>),
}

#[dom_struct]
pub struct HTMLCollection {
    reflector_: Reflector,
    root: Dom<Node>,
    #[no_trace]
    filter: CollectionFilter,
}

impl HTMLCollection {
    pub fn new(cx: &mut JSContext, root: &Node, filter: CollectionFilter) -> DomRoot<HTMLCollection> {
        let window = root.global();
        reflect_dom_object(cx, Box::new(HTMLCollection::new_inherited(root, filter)), &window)
    }

    /// The collection part of a derived collection interface.
    pub fn new_inherited(root: &Node, filter: CollectionFilter) -> HTMLCollection {
        HTMLCollection { reflector_: Reflector::new(), root: Dom::from_ref(root), filter }
    }

    /// The node the collection is rooted at.
    pub fn root_node(&self) -> DomRoot<Node> {
        self.root.as_rooted()
    }

    pub fn children(cx: &mut JSContext, root: &Node) -> DomRoot<HTMLCollection> {
        HTMLCollection::new(cx, root, CollectionFilter::Children)
    }

    /// The matching elements, in tree order, computed now (the collection is live).
    pub fn elements(&self) -> Vec<DomRoot<Element>> {
        use crate::dom::html::forms::htmlformelement::HTMLFormElement;
        use crate::dom::html::forms::htmlselectelement::HTMLSelectElement;
        match &self.filter {
            CollectionFilter::Options => self
                .root
                .downcast::<HTMLSelectElement>()
                .map(|s| s.list_of_options().into_iter().map(DomRoot::upcast).collect())
                .unwrap_or_default(),
            CollectionFilter::SelectedOptions => self
                .root
                .downcast::<HTMLSelectElement>()
                .map(|s| s.selected_options().into_iter().map(DomRoot::upcast).collect())
                .unwrap_or_default(),
            CollectionFilter::FormControls => {
                self.root.downcast::<HTMLFormElement>().map(|f| f.listed_elements()).unwrap_or_default()
            }
            CollectionFilter::Children => {
                self.root.children().into_iter().filter_map(|c| c.downcast_root::<Element>()).collect()
            }
            CollectionFilter::NamespaceLocalName(namespace, local) => self
                .root
                .element_descendants()
                .into_iter()
                .filter(|e| {
                    // "If both namespace and localName are "*", return a collection rooted at
                    // root, whose filter matches descendant elements. If namespace is "*", …
                    // whose local name is localName. If localName is "*", … whose namespace is
                    // namespace. Otherwise, … whose namespace is namespace and local name is
                    // localName."
                    (namespace.as_deref() == Some("*") || e.namespace() == namespace.as_deref())
                        && (local == "*" || e.local_name() == local)
                })
                .collect(),
            CollectionFilter::QualifiedName(name) => {
                let in_html = self.root.owner_doc().is_html_document();
                let lower = name.to_ascii_lowercase();
                self.root
                    .element_descendants()
                    .into_iter()
                    .filter(|e| {
                        if name == "*" {
                            return true;
                        }
                        // HTML elements in an HTML document match the lower-cased name.
                        if in_html && e.is_html_element() {
                            e.qualified_name() == lower
                        } else {
                            e.qualified_name() == *name
                        }
                    })
                    .collect()
            }
            CollectionFilter::LocalNames(names) => self
                .root
                .element_descendants()
                .into_iter()
                .filter(|e| e.is_html_element() && names.contains(&e.local_name()))
                .collect(),
            CollectionFilter::Computed(find) => find(&self.root),
            CollectionFilter::Links => self
                .root
                .element_descendants()
                .into_iter()
                .filter(|e| {
                    e.is_html_element() && matches!(e.local_name(), "a" | "area") && e.has_attribute_named("href")
                })
                .collect(),
            CollectionFilter::ClassNames(classes) => {
                if classes.is_empty() {
                    return Vec::new();
                }
                self.root
                    .element_descendants()
                    .into_iter()
                    .filter(|e| {
                        let own = e.class_list();
                        classes.iter().all(|c| own.iter().any(|o| o == c))
                    })
                    .collect()
            }
        }
    }
}

impl HTMLCollectionMethods for HTMLCollection {
    /// <https://dom.spec.whatwg.org/#dom-htmlcollection-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.elements().len() as u32
    }

    /// <https://dom.spec.whatwg.org/#dom-htmlcollection-item>
    fn Item(&self, _cx: &mut JSContext, index: u32) -> Option<DomRoot<Element>> {
        self.elements().into_iter().nth(index as usize)
    }

    /// <https://dom.spec.whatwg.org/#dom-htmlcollection-nameditem>
    fn NamedItem(&self, _cx: &mut JSContext, name: DOMString) -> Option<DomRoot<Element>> {
        if name.is_empty() {
            return None;
        }
        self.elements().into_iter().find(|e| {
            e.get_attribute_value("id").as_deref() == Some(&*name)
                || (e.is_html_element() && e.get_attribute_value("name").as_deref() == Some(&*name))
        })
    }

    /// <https://dom.spec.whatwg.org/#ref-for-dfn-supported-property-names>
    fn SupportedPropertyNames(&self, _cx: &mut JSContext) -> Vec<DOMString> {
        // 1. Let result be an empty list.
        let mut result: Vec<DOMString> = Vec::new();
        // 2. For each element represented by the collection, in tree order:
        for e in self.elements() {
            // 2.1. If element has an ID which is not in result, append element's ID to result.
            if let Some(id) = e.get_attribute_value("id").filter(|id| !id.is_empty())
                && !result.iter().any(|n| **n == *id)
            {
                result.push(id.into());
            }
            // 2.2. If element is in the HTML namespace and has a name attribute whose value is
            //      neither the empty string nor is in result, append element's name attribute
            //      value to result.
            if e.is_html_element()
                && let Some(name) = e.get_attribute_value("name").filter(|n| !n.is_empty())
                && !result.iter().any(|n| **n == *name)
            {
                result.push(name.into());
            }
        }
        // 3. Return result.
        result
    }
}

//! `NodeList` (<https://dom.spec.whatwg.org/#interface-nodelist>): a static
//! list (from `querySelectorAll`) or the live children of a node.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::NodeListBinding::NodeListMethods;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::node::Node;
use crate::dom::globalscope::DomGlobal;

enum ListKind {
    Static(Vec<Dom<Node>>),
    Children(Dom<Node>),
    /// The elements of a collection whose id or name is the given name, in tree order (a
    /// RadioNodeList's live view).
    Named(Dom<crate::dom::dom::htmlcollection::HTMLCollection>, String),
    /// The HTML elements under a document whose `name` attribute is the given value
    /// (`getElementsByName()`), live.
    ByName(Dom<Node>, String),
}

// SAFETY: `trace` below reaches every GC thing a `ListKind` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for ListKind {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract), which is what the inner `trace` calls need too.
        unsafe {
            match self {
                ListKind::Static(v) => v.trace(trc),
                ListKind::Children(n) => n.trace(trc),
                ListKind::Named(c, _) => c.trace(trc),
                ListKind::ByName(n, _) => n.trace(trc),
            }
        }
    }
}

#[dom_struct]
pub struct NodeList {
    reflector_: crate::dom::bindings::reflector::Reflector,
    kind: ListKind,
}

impl NodeList {
    pub fn new_child_list(cx: &mut JSContext, node: &Node) -> DomRoot<NodeList> {
        let window = node.global();
        reflect_dom_object(
            cx,
            Box::new(NodeList { reflector_: Default::default(), kind: ListKind::Children(Dom::from_ref(node)) }),
            &window,
        )
    }

    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-document-getelementsbyname>: "a
    /// live NodeList containing all the HTML elements in that document that have a name
    /// attribute whose value is identical to the elementName argument, in tree order".
    pub fn new_by_name(cx: &mut JSContext, document: &Node, name: String) -> DomRoot<NodeList> {
        let window = document.global();
        reflect_dom_object(
            cx,
            Box::new(NodeList {
                reflector_: Default::default(),
                kind: ListKind::ByName(Dom::from_ref(document), name),
            }),
            &window,
        )
    }

    pub fn new_static(cx: &mut JSContext, owner: &Node, nodes: Vec<DomRoot<Node>>) -> DomRoot<NodeList> {
        let window = owner.global();
        let nodes = nodes.iter().map(|n| Dom::from_ref(&**n)).collect();
        reflect_dom_object(
            cx,
            Box::new(NodeList { reflector_: Default::default(), kind: ListKind::Static(nodes) }),
            &window,
        )
    }
}

impl NodeList {
    /// The list part of a RadioNodeList: the elements of `collection` whose id or name is `name`.
    pub fn new_named_inherited(collection: &crate::dom::dom::htmlcollection::HTMLCollection, name: String) -> NodeList {
        NodeList { reflector_: Default::default(), kind: ListKind::Named(Dom::from_ref(collection), name) }
    }

    /// The nodes of the list now, in order.
    pub fn nodes(&self) -> Vec<DomRoot<Node>> {
        match &self.kind {
            ListKind::Static(v) => v.iter().map(|n| n.as_rooted()).collect(),
            ListKind::Children(n) => n.children(),
            ListKind::ByName(document, name) => document
                .element_descendants()
                .into_iter()
                .filter(|e| e.is_html_element() && e.get_attribute_value("name").as_deref() == Some(name.as_str()))
                .map(DomRoot::upcast)
                .collect(),
            ListKind::Named(collection, name) => collection
                .elements()
                .into_iter()
                .filter(|e| {
                    e.get_attribute_value("id").as_deref() == Some(name.as_str())
                        || e.get_attribute_value("name").as_deref() == Some(name.as_str())
                })
                .map(DomRoot::upcast)
                .collect(),
        }
    }
}

impl NodeListMethods for NodeList {
    /// <https://dom.spec.whatwg.org/#dom-nodelist-item>
    fn Item(&self, _cx: &mut JSContext, index: u32) -> Option<DomRoot<Node>> {
        match &self.kind {
            ListKind::Static(v) => v.get(index as usize).map(|n| n.as_rooted()),
            ListKind::Children(n) => n.children().into_iter().nth(index as usize),
            ListKind::Named(..) | ListKind::ByName(..) => self.nodes().into_iter().nth(index as usize),
        }
    }

    /// <https://dom.spec.whatwg.org/#dom-nodelist-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        match &self.kind {
            ListKind::Static(v) => v.len() as u32,
            ListKind::Children(n) => n.child_count(),
            ListKind::Named(..) | ListKind::ByName(..) => self.nodes().len() as u32,
        }
    }
}

//! `HTMLTemplateElement` (<https://html.spec.whatwg.org/multipage/scripting.html#the-template-element>):
//! its template contents, a `DocumentFragment` in the template contents owner document, which the
//! parser fills (`parser.rs`, `get_template_contents`), cloning copies and `innerHTML` serializes.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::HTMLTemplateElementBinding::HTMLTemplateElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::dom::document::Document;
use crate::dom::dom::documentfragment::DocumentFragment;
use crate::dom::dom::node::Node;
use crate::dom::html::htmlelement::HTMLElement;

#[dom_struct]
pub struct HTMLTemplateElement {
    htmlelement: HTMLElement,
    /// <https://html.spec.whatwg.org/multipage/scripting.html#template-contents>, made on first use
    /// (nothing can observe it earlier).
    contents: MutNullableDom<DocumentFragment>,
}

impl HTMLTemplateElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLTemplateElement> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(HTMLTemplateElement {
                htmlelement: HTMLElement::new_inherited(local_name, document),
                contents: Default::default(),
            }),
            &window,
        )
    }

    /// The template contents (<https://html.spec.whatwg.org/multipage/scripting.html#the-template-element>:
    /// "When a template element is created, the user agent must run the following steps to
    /// establish the template contents").
    pub fn contents(&self, cx: &mut JSContext) -> DomRoot<DocumentFragment> {
        if let Some(contents) = self.contents.get() {
            return contents;
        }
        // 1. "Let doc be the template element's node document's appropriate template contents
        //    owner document."
        let doc = self.upcast::<Node>().owner_doc().template_contents_owner_document(cx);
        // 2. "Create a DocumentFragment object whose node document is doc and host is the
        //    template element." 3. "Set the template element's template contents to the newly
        //    created DocumentFragment object."
        let fragment = DocumentFragment::new(cx, &doc);
        fragment.set_host(Some(self.upcast()));
        self.contents.set(Some(&fragment));
        fragment
    }

    /// The template contents if they were made (serializing needs no new fragment).
    pub fn existing_contents(&self) -> Option<DomRoot<DocumentFragment>> {
        self.contents.get()
    }

    /// The adopting steps (<https://html.spec.whatwg.org/multipage/scripting.html#template-adopting-steps>).
    pub fn adopting_steps(&self, cx: &mut JSContext, _old_document: &Document) {
        // Contents not made yet will be made in the right document.
        let Some(contents) = self.contents.get() else { return };
        // 1. "Let doc be node's node document's appropriate template contents owner document."
        let doc = self.upcast::<Node>().owner_doc().template_contents_owner_document(cx);
        // 2. "Adopt node's template contents (a DocumentFragment object) into doc."
        Node::adopt(cx, contents.upcast(), &doc);
    }
}

/// The cloning steps (<https://html.spec.whatwg.org/multipage/scripting.html#template-clone-steps>),
/// run for every node cloned: for a template, its contents are copied.
pub fn cloning_steps(cx: &mut JSContext, node: &Node, copy: &Node, subtree: bool) {
    let (Some(template), Some(copy)) = (node.downcast::<HTMLTemplateElement>(), copy.downcast::<HTMLTemplateElement>())
    else {
        return;
    };
    // 1. "If subtree is false, then return."
    if !subtree {
        return;
    }
    // 2. "For each child of node's template contents's children, in tree order: clone a node
    //    given child with document set to copy's template contents's node document, subtree set
    //    to true, and parent set to copy's template contents."
    let source = template.contents(cx);
    let target = copy.contents(cx);
    let document = target.upcast::<Node>().owner_doc();
    for child in source.upcast::<Node>().children() {
        let child_copy = child.clone_node(cx, Some(&document), true);
        target.upcast::<Node>().insert(cx, &child_copy, None, true);
    }
}

impl HTMLTemplateElementMethods for HTMLTemplateElement {
    /// <https://html.spec.whatwg.org/multipage/scripting.html#dom-template-content>
    fn Content(&self, cx: &mut JSContext) -> DomRoot<DocumentFragment> {
        // "The content getter steps are to return template's template contents", except for a
        // declarative shadow root host (Aperture has no shadow trees).
        self.contents(cx)
    }
}

//! Per-element behaviour run by the tree algorithms: insertion and removing
//! steps (<https://dom.spec.whatwg.org/#concept-node-insert-ext>) and
//! attribute change steps, dispatched on the node's concrete interface.

use mozjs::context::JSContext;

use crate::dom::bindings::inheritance::Castable;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::html::htmlscriptelement::HTMLScriptElement;

/// Insertion steps for `node` (an inclusive descendant of the inserted node).
pub fn inserted(cx: &mut JSContext, node: &Node, connected: bool) {
    if node.is::<crate::dom::html::simpleelements::HTMLBaseElement>() {
        node.owner_doc().base_url_changed();
    }
    if let Some(script) = node.downcast::<HTMLScriptElement>() {
        // <https://html.spec.whatwg.org/multipage/scripting.html#script-processing-model>:
        // a script element that becomes connected is prepared.
        if connected {
            script.on_connected(cx);
        }
    }
    crate::dom::html::eventhandlerattributes::inserted(cx, node, connected);
    crate::dom::html::htmlimageelement::inserted(cx, node, connected);
    for hook in extra_hooks() {
        (hook.inserted)(cx, node, connected);
    }
}

/// Removing steps for `node`.
pub fn removed(cx: &mut JSContext, node: &Node, was_connected: bool) {
    if node.is::<crate::dom::html::simpleelements::HTMLBaseElement>() {
        node.owner_doc().base_url_changed();
    }
    for hook in extra_hooks() {
        (hook.removed)(cx, node, was_connected);
    }
}

/// Adopting steps (<https://dom.spec.whatwg.org/#concept-node-adopt-ext>) for `node`, now in a
/// new document.
pub fn adopted(cx: &mut JSContext, node: &Node, old_document: &crate::dom::dom::document::Document) {
    if let Some(template) = node.downcast::<crate::dom::html::htmltemplateelement::HTMLTemplateElement>() {
        template.adopting_steps(cx, old_document);
    }
    crate::dom::html::htmlimageelement::adopted(cx, node);
}

/// `child` was inserted into `parent` (once per inserted node, after its insertion steps).
pub fn child_inserted(cx: &mut JSContext, parent: &Node, child: &Node) {
    crate::dom::html::htmlimageelement::child_inserted(cx, parent, child);
    crate::dom::html::htmlmediaelement::texttracks::child_inserted(cx, parent, child);
}

/// `child` was removed from `parent`; `old_next` was its next sibling.
pub fn child_removed(
    cx: &mut JSContext,
    parent: &Node,
    child: &Node,
    old_next: Option<crate::dom::bindings::root::DomRoot<Node>>,
) {
    crate::dom::html::htmlmediaelement::texttracks::child_removed(cx, parent, child);
    crate::dom::html::htmlimageelement::child_removed(cx, parent, child, old_next);
}

/// Children changed steps for `parent`.
pub fn children_changed(cx: &mut JSContext, parent: &Node) {
    if let Some(script) = parent.downcast::<HTMLScriptElement>() {
        // A connected script element without src gets prepared when it gains text.
        script.on_children_changed(cx);
    }
    if let Some(style) = parent.downcast::<crate::dom::html::htmlstyleelement::HTMLStyleElement>() {
        style.children_changed();
    }
    if let Some(textarea) = parent.downcast::<crate::dom::html::forms::htmltextareaelement::HTMLTextAreaElement>() {
        textarea.children_changed();
    }
}

/// Attribute change steps (<https://dom.spec.whatwg.org/#concept-element-attributes-change-ext>).
pub fn attribute_changed(cx: &mut JSContext, element: &Element, name: &str, old: Option<&str>) {
    // Event handler content attributes (onload="…") first: a script's src change
    // below may run it, and its onload must be in place.
    crate::dom::html::eventhandlerattributes::attribute_changed(cx, element, name);
    crate::dom::html::htmlorsvgelement::attribute_changed(element, name);
    if name == "href" && element.is::<crate::dom::html::simpleelements::HTMLBaseElement>() {
        element.upcast::<Node>().owner_doc().base_url_changed();
    }
    if let Some(script) = element.downcast::<HTMLScriptElement>() {
        script.on_attribute_changed(cx, name, old);
    }
    if matches!(name, "type" | "value")
        && let Some(input) = element.downcast::<crate::dom::html::forms::htmlinputelement::HTMLInputElement>()
    {
        input.value_may_have_changed(name, old);
    }
    for hook in extra_hooks() {
        (hook.attribute_changed)(cx, element, name, old);
    }
}

/// Behaviour other modules add to the tree algorithms (iframes, media elements, canvases).
pub struct TreeHooks {
    pub inserted: fn(&mut JSContext, &Node, bool),
    pub removed: fn(&mut JSContext, &Node, bool),
    pub attribute_changed: fn(&mut JSContext, &Element, &str, Option<&str>),
}

fn extra_hooks() -> &'static [TreeHooks] {
    static HOOKS: &[TreeHooks] = &[
        crate::dom::html::htmliframeelement::TREE_HOOKS,
        crate::dom::html::htmlmediaelement::TREE_HOOKS,
        TreeHooks {
            inserted: |_, _, _| {},
            removed: |_, _, _| {},
            attribute_changed: crate::dom::html::htmlimageelement::attribute_changed,
        },
        TreeHooks {
            inserted: |_, _, _| {},
            removed: |_, _, _| {},
            attribute_changed: crate::dom::texttracks::htmltrackelement::attribute_changed,
        },
        TreeHooks {
            inserted: |_, _, _| {},
            removed: crate::dom::html::htmlstyleelement::removed,
            attribute_changed: crate::dom::html::htmlstyleelement::attribute_changed,
        },
        TreeHooks {
            inserted: crate::dom::html::htmldetailselement::inserted,
            removed: |_, _, _| {},
            attribute_changed: crate::dom::html::htmldetailselement::attribute_changed,
        },
        TreeHooks {
            inserted: crate::dom::canvas::htmlcanvaselement::inserted,
            removed: crate::dom::canvas::htmlcanvaselement::removed,
            attribute_changed: crate::dom::canvas::htmlcanvaselement::attribute_changed,
        },
    ];
    HOOKS
}

//! The box tree (<https://drafts.csswg.org/css-display/#box-tree>) of a document as
//! [`::layout::Node`]s, built from the flat tree (shadow trees in place of their hosts' children,
//! slots holding their assigned nodes) and the cascade.
//!
//! Built for the whole document at once, when a query finds the document's cached layout stale
//! (`cache.rs`).

use std::collections::HashMap;
use std::rc::Rc;

use mozjs::context::JSContext;

use ::layout::{Kind, Node as BoxNode, Style, Viewport};

use super::styles::{Inherited, Values, element_style, element_values, generates_no_box};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::css::cascade::Cascade;
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::dom::shadowroot::{ShadowRoot, find_a_slot};
use crate::dom::html::htmlslotelement::HTMLSlotElement;

/// The boxes built, the element of each box id, and the adopted style sheets the cascade read
/// (by document or shadow root).
pub struct BoxTree {
    pub root: BoxNode,
    pub elements: Vec<DomRoot<Element>>,
    pub adopted: Vec<(DomRoot<Node>, Vec<DomRoot<crate::dom::css::cssstylesheet::CSSStyleSheet>>)>,
    pub values: CascadedValues,
    /// Whether each box can be hit (visible, `pointer-events` not `none`), by box id.
    pub hittable: Vec<bool>,
    /// The (font, text) of each text and space box, in tree order, to be measured.
    pub runs: Vec<(std::rc::Rc<str>, String)>,
}

/// Each element's cascaded values, by element address, with the `style` attribute they were
/// cascaded with.
pub type CascadedValues = HashMap<usize, (Option<String>, Rc<Values>)>;

/// The parent of `node` in the flat tree (<https://drafts.csswg.org/css-scoping/#flat-tree>):
/// a host's child goes to its assigned slot (none: it is not rendered), a shadow root's child to
/// the host.
pub fn flat_parent(node: &Node) -> Option<DomRoot<Node>> {
    let parent = node.parent()?;
    if let Some(shadow) = parent.downcast::<ShadowRoot>() {
        return Some(DomRoot::upcast(shadow.host()));
    }
    if parent.downcast::<Element>().is_some_and(|e| e.shadow_root().is_some()) {
        return find_a_slot(node, false).map(DomRoot::upcast);
    }
    Some(parent)
}

/// The children of `node` in the flat tree.
fn flat_children(node: &Node) -> Vec<DomRoot<Node>> {
    if let Some(element) = node.downcast::<Element>() {
        if let Some(shadow) = element.shadow_root() {
            return shadow.upcast::<Node>().children();
        }
        if let Some(slot) = node.downcast::<HTMLSlotElement>()
            && node.root().is::<ShadowRoot>()
        {
            return slot.flat_tree_children();
        }
    }
    node.children()
}

/// The natural size of a replaced element and whether it has a natural ratio, or `None` when
/// the element is not replaced.
fn replaced(element: &Element) -> Option<(f64, f64, bool)> {
    if element.is_svg_element() {
        // An outer <svg>: its width/height attributes in pixels, else the default object size.
        let dim = |name: &str, default: f64| {
            element
                .get_attribute_value(name)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v >= 0.0)
                .unwrap_or(default)
        };
        return (element.local_name() == "svg").then(|| (dim("width", 300.0), dim("height", 150.0), true));
    }
    if !element.is_html_element() {
        return None;
    }
    match element.local_name() {
        // <https://html.spec.whatwg.org/multipage/canvas.html#attr-canvas-width>: the natural
        // size is the bitmap's (a placeholder's is its last frame's).
        "canvas" => {
            let size = element
                .downcast::<crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement>()
                .map(|c| c.bitmap_size())
                .map_or((300.0, 150.0), |s| (f64::from(s.width), f64::from(s.height)));
            Some((size.0, size.1, true))
        }
        "img" => {
            let natural = element
                .downcast::<crate::dom::html::htmlimageelement::HTMLImageElement>()
                .and_then(|i| i.density_corrected_size());
            Some(match natural {
                Some((w, h)) => (w, h, w > 0.0 && h > 0.0),
                None => (0.0, 0.0, false),
            })
        }
        "video" => {
            let (w, h) = element
                .downcast::<crate::dom::html::htmlvideoelement::HTMLVideoElement>()
                .map(|v| v.upcast::<crate::dom::html::htmlmediaelement::HTMLMediaElement>().video_size())
                .map(|(w, h)| (f64::from(w), f64::from(h)))
                .filter(|(w, h)| *w > 0.0 && *h > 0.0)
                .unwrap_or((300.0, 150.0));
            Some((w, h, true))
        }
        // <https://html.spec.whatwg.org/multipage/rendering.html#replaced-elements>: the default
        // object size, no ratio.
        "iframe" | "embed" | "object" => Some((300.0, 150.0, false)),
        _ => None,
    }
}

pub struct Builder<'p> {
    /// The cascade of each tree (document or shadow root) met so far, and whether an
    /// element's values in that tree may be taken from `previous`.
    cascades: Vec<(DomRoot<Node>, Cascade, bool)>,
    elements: Vec<DomRoot<Element>>,
    hittable: Vec<bool>,
    viewport: Viewport,
    /// The cascaded values of a previous build, still right for every element whose `style`
    /// attribute is unchanged (nothing else that changes what matches has happened since).
    previous: Option<&'p CascadedValues>,
    values: CascadedValues,
    runs: Vec<(std::rc::Rc<str>, String)>,
}

impl<'p> Builder<'p> {
    pub fn new(viewport: Viewport, previous: Option<&'p CascadedValues>) -> Builder<'p> {
        Builder {
            cascades: Vec::new(),
            elements: Vec::new(),
            hittable: Vec::new(),
            viewport,
            previous,
            values: HashMap::new(),
            runs: Vec::new(),
        }
    }

    /// Builds the boxes of `root` (the root element) and everything in it.
    pub fn build(mut self, cx: &mut JSContext, root: &Element) -> Option<BoxTree> {
        let tree = self.cascade(cx, &root.upcast::<Node>().root());
        let mut boxes = self.element(cx, root, &Inherited::initial(), false, true, tree);
        let root = boxes.pop()?;
        let adopted = self.cascades.drain(..).flat_map(|(_, c, _)| c.adopted).collect();
        Some(BoxTree {
            root,
            elements: self.elements,
            adopted,
            values: self.values,
            hittable: self.hittable,
            runs: self.runs,
        })
    }

    /// The index of the cascade of the tree whose root is `root` (a document or shadow root).
    fn cascade(&mut self, cx: &mut JSContext, root: &Node) -> usize {
        if let Some(i) = self.cascades.iter().position(|(r, _, _)| std::ptr::eq(&**r, root)) {
            return i;
        }
        let cascade = Cascade::for_tree(cx, root);
        let reuse = self.previous.is_some() && !cascade.names_style_attribute();
        self.cascades.push((DomRoot::from_ref(root), cascade, reuse));
        self.cascades.len() - 1
    }

    /// The cascaded values of `element`, of the tree `tree`: the previous build's while its
    /// `style` attribute is the same.
    fn values(&mut self, element: &Element, in_list: bool, tree: usize) -> Rc<Values> {
        let key = element as *const Element as usize;
        let style = element.get_attribute_value("style");
        let (_, cascade, reuse) = &self.cascades[tree];
        let previous = self.previous.filter(|_| *reuse).and_then(|p| p.get(&key)).filter(|(s, _)| *s == style);
        let values = match previous {
            Some((_, values)) => values.clone(),
            None => Rc::new(element_values(cascade, element, in_list)),
        };
        self.values.insert(key, (style, values.clone()));
        values
    }

    /// The boxes of `element` (none for `display: none`, its children's for `display: contents`),
    /// whose tree's cascade is `self.cascades[tree]`.
    fn element(
        &mut self,
        cx: &mut JSContext,
        element: &Element,
        parent: &Inherited,
        in_list: bool,
        root: bool,
        tree: usize,
    ) -> Vec<BoxNode> {
        let values = self.values(element, in_list, tree);
        let no_box = generates_no_box(&values);
        if no_box == Some("none") {
            return Vec::new();
        }
        let inherited = element_style(&values, parent, root, self.viewport);
        if element.is_html_element() && element.local_name() == "br" {
            return vec![BoxNode::text(inline(&inherited.style), Kind::LineBreak)];
        }
        let in_list = in_list
            || (element.is_html_element() && matches!(element.local_name(), "ul" | "ol" | "menu" | "dir" | "dl"));
        if no_box == Some("contents") && !root {
            return self.children(cx, element, &inherited, in_list, tree);
        }
        let id = self.elements.len();
        self.elements.push(DomRoot::from_ref(element));
        self.hittable.push(inherited.visible && inherited.pointer_events);
        if let Some((width, height, ratio)) = replaced(element) {
            // A replaced element's children are not rendered.
            return vec![BoxNode {
                id: Some(id),
                style: inherited.style,
                kind: Kind::Replaced { width, height, ratio },
                children: Vec::new(),
            }];
        }
        let children = if element.is_svg_element() {
            // Inside an <svg> nothing has a CSS box.
            Vec::new()
        } else {
            self.children(cx, element, &inherited, in_list, tree)
        };
        vec![BoxNode::element(id, inherited.style, children)]
    }

    /// The boxes of `element`'s children in the flat tree; `tree` is the element's tree.
    fn children(
        &mut self,
        cx: &mut JSContext,
        element: &Element,
        inherited: &Inherited,
        in_list: bool,
        tree: usize,
    ) -> Vec<BoxNode> {
        let node = element.upcast::<Node>();
        // The children's tree: a host's are its shadow tree's; a slot's assigned nodes come
        // from its host's tree (each child's root is looked up); others share the element's.
        let child_tree = match element.shadow_root() {
            Some(shadow) => Some(self.cascade(cx, shadow.upcast())),
            None if node.is::<HTMLSlotElement>() && node.root().is::<ShadowRoot>() => None,
            None => Some(tree),
        };
        let mut out = Vec::new();
        for child in flat_children(node) {
            match child.kind() {
                NodeKind::Element => {
                    if let Some(element) = child.downcast::<Element>() {
                        let tree = match child_tree {
                            Some(t) => t,
                            None => self.cascade(cx, &child.root()),
                        };
                        out.extend(self.element(cx, element, inherited, in_list, false, tree));
                    }
                }
                NodeKind::Text => {
                    if let Some(data) = child.downcast::<CharacterData>() {
                        text_boxes(&data.data_string(), inherited, &mut out, &mut self.runs);
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// The style text runs get: their parent's font, inline.
fn inline(style: &Style) -> Style {
    Style { font: style.font, line_height: style.line_height, ..Style::default() }
}

/// The boxes of a text node's `data` under `white-space` (<https://drafts.csswg.org/css-text/#white-space-processing>):
/// collapsible white space becomes one space (a run of only spaces makes no line of its own),
/// preserved newlines are forced breaks.
fn text_boxes(data: &str, inherited: &Inherited, out: &mut Vec<BoxNode>, runs: &mut Vec<(std::rc::Rc<str>, String)>) {
    let style = inline(&inherited.style);
    let mut segments = if inherited.keep_newlines { data.split('\n').collect::<Vec<_>>() } else { vec![data] };
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.drain(..).enumerate() {
        let collapsed: String = if inherited.keep_spaces {
            segment.replace('\t', " ")
        } else {
            let mut text = String::with_capacity(segment.len());
            let mut in_space = false;
            for ch in segment.chars() {
                let space = matches!(ch, ' ' | '\t' | '\n' | '\r' | '\x0c');
                if !(space && in_space) {
                    text.push(if space { ' ' } else { ch });
                }
                in_space = space;
            }
            text
        };
        let chars = collapsed.chars().count();
        if chars > 0 {
            let only_space = !inherited.keep_spaces && collapsed == " ";
            // The run is measured after the tree is built (`measure_runs`), in this order.
            runs.push((inherited.font.clone(), if only_space { " ".to_owned() } else { collapsed }));
            out.push(BoxNode::text(
                style.clone(),
                if only_space { Kind::Space { width: None } } else { Kind::Text { chars, width: None } },
            ));
        }
        if i < last {
            out.push(BoxNode::text(style.clone(), Kind::LineBreak));
        }
    }
}

//! The layout cache: a document is laid out once and every geometry query reads that result
//! until something that can move a box changes.
//!
//! Validity is one number, the layout generation of the document's realm
//! (`Window::layout_generation`), which these paths bump (`invalidate_node` / `Window::invalidate_layout`):
//!
//! - the tree: a child inserted or removed (`Node`'s raw insert and remove, which every
//!   insertion, removal, move and the parser go through), text data changed (`CharacterData`);
//! - attributes: any attribute set, changed or removed (`Element`: `style`, `class`, `id`,
//!   `hidden`, `width`/`height`, and whatever a selector may match);
//! - shadow trees: a shadow root attached, a slot's manual assignment, an element's custom
//!   element state (`:defined`);
//! - style sheets: a `<style>`'s text is its child text (the tree), its `media` an attribute;
//!   CSSOM changes (`insertRule()`/`deleteRule()`, `replace()`/`replaceSync()`, a rule's
//!   selector or declarations, a `MediaList`, `disabled`) and setting `adoptedStyleSheets`
//!   bump the realm of the CSSOM object, which is its sheet's document's. The
//!   `adoptedStyleSheets` arrays are plain JS arrays a page can `push()` into without Aperture
//!   seeing it, so the sheets read from each array are kept and compared at every query;
//! - replaced elements' natural sizes: a canvas bitmap's size, an image's decoded frame, a
//!   video's frame size.
//!
//! Not inputs of the model, so nothing to watch: the viewport (fixed 800×600), web fonts (text
//! widths are measured in system faces, `measure_runs`, and kept per document; a run's width
//! depends only on its text and font; `metrics_for_family` gives line metrics by family name),
//! user interaction states (`:hover`, `:focus` never match), scrolling.
//!
//! Changes to nodes that are not connected bump nothing: they reach layout only by being
//! inserted, which bumps.

use std::collections::HashMap;
use std::rc::Rc;

use mozjs::context::JSContext;

use ::layout::{BoxGeometry, Geometry, Node as BoxNode};

use super::boxtree::{Builder, CascadedValues};
use super::queries::viewport;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::documentorshadowroot::adopted_sheets_of;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::globalscope::DomGlobal;

/// One layout of a document.
pub struct LaidOut {
    /// The realm's layout generation when the layout started.
    generation: u64,
    /// The realm's style generation when the layout started.
    style_generation: u64,
    /// Each element's cascaded values, for the next layout while the style generation stays.
    values: CascadedValues,
    /// The element of each box id.
    elements: Vec<Dom<Element>>,
    /// Box id by element address (the elements are kept alive by `elements`).
    index: HashMap<usize, usize>,
    geometry: Geometry,
    /// The box tree laid out (none when the document has no root element).
    tree: Option<BoxNode>,
    /// Whether each box can be hit, by box id.
    hittable: Vec<bool>,
    /// The adopted style sheets read from each document or shadow root that has an
    /// `adoptedStyleSheets` array.
    adopted: Vec<(Dom<Node>, Vec<Dom<CSSStyleSheet>>)>,
}

impl LaidOut {
    /// The geometry of `element`'s box: `None` when it has none.
    pub fn geometry(&self, element: &Element) -> Option<BoxGeometry> {
        let id = self.id(element)?;
        self.geometry.boxes.get(&id).copied()
    }

    /// Whether the cascade declares a `transform` for `element` (as of this layout).
    pub fn has_transform(&self, element: &Element) -> bool {
        self.values.get(&(element as *const Element as usize)).is_some_and(|(_, values)| values.has_transform())
    }

    /// The box id of `element`.
    pub fn id(&self, element: &Element) -> Option<usize> {
        self.index.get(&(element as *const Element as usize)).copied()
    }

    /// The element of box `id`.
    pub fn element(&self, id: usize) -> Option<DomRoot<Element>> {
        self.elements.get(id).map(|e| e.as_rooted())
    }

    /// The geometry of box `id`.
    pub fn geometry_of(&self, id: usize) -> Option<BoxGeometry> {
        self.geometry.boxes.get(&id).copied()
    }

    /// Whether box `id` can be hit (visible, `pointer-events` not `none`).
    pub fn hittable(&self, id: usize) -> bool {
        self.hittable.get(id).copied().unwrap_or(false)
    }

    /// The box tree (the root element's box), if the document has a root element.
    pub fn tree(&self) -> Option<&BoxNode> {
        self.tree.as_ref()
    }
}

/// A document's slot for its last layout.
#[derive(Default)]
pub struct LayoutCache {
    laid_out: std::cell::RefCell<Option<Rc<LaidOut>>>,
    /// The advance widths of text runs measured so far, by CSS font, then text.
    text_widths: std::cell::RefCell<HashMap<String, HashMap<String, f64>>>,
}

/// How many run widths a document keeps before it forgets them all.
const MAX_TEXT_WIDTHS: usize = 50_000;

/// Sets the width of every text and space box of `root` from its run's measured advance (the
/// runs not measured before are measured in one round trip to the canvas thread, with the
/// faces the font selects, as canvas text is). Without a canvas thread the widths stay
/// estimates.
fn measure_runs(cache: &LayoutCache, root: &mut ::layout::Node, runs: &[(Rc<str>, String)]) {
    let mut widths = cache.text_widths.borrow_mut();
    if widths.values().map(HashMap::len).sum::<usize>() > MAX_TEXT_WIDTHS {
        widths.clear();
    }
    let known = |widths: &HashMap<String, HashMap<String, f64>>, (font, text): &(Rc<str>, String)| {
        widths.get(&**font).is_some_and(|w| w.contains_key(text))
    };
    let mut missing: Vec<&(Rc<str>, String)> = runs.iter().filter(|run| !known(&widths, run)).collect();
    missing.sort_unstable();
    missing.dedup();
    if !missing.is_empty() {
        let requests: Vec<(String, canvas_traits::text::TextOptions)> = missing
            .iter()
            .map(|(font, text)| {
                let font = canvas_traits::text::CanvasFont::parse(font, 16.0).unwrap_or_default();
                (text.clone(), canvas_traits::text::TextOptions { font, ..Default::default() })
            })
            .collect();
        let Some(measured) = crate::dom::canvas::rendering::round_trip(|reply| {
            canvas_traits::command::CanvasCommand::MeasureWidths { runs: requests, reply }
        }) else {
            return;
        };
        for ((font, text), width) in missing.into_iter().zip(measured) {
            widths.entry(font.to_string()).or_default().insert(text.clone(), width);
        }
    }
    let mut next = runs.iter();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &mut node.kind {
            ::layout::Kind::Text { width, .. } | ::layout::Kind::Space { width } => {
                let Some(run) = next.next() else {
                    log::warn!("layout: more text boxes than measured runs; the rest are estimated");
                    return;
                };
                *width = widths.get(&*run.0).and_then(|w| w.get(&run.1)).copied();
            }
            _ => {}
        }
        // Children in tree order: pushed reversed so the first is taken first.
        stack.extend(node.children.iter_mut().rev());
    }
}

// SAFETY: traces every DOM object the cached layout holds.
unsafe impl JSTraceable for LayoutCache {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        if let Some(laid_out) = self.laid_out.borrow().as_ref() {
            // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
            // contract), which is what the inner `trace` calls need too.
            unsafe {
                laid_out.elements.trace(trc);
                for (root, sheets) in &laid_out.adopted {
                    root.trace(trc);
                    sheets.trace(trc);
                }
            }
        }
    }
}

impl LayoutCache {
    /// Drops the cached layout (the document goes away, or a test wants a cold start).
    pub fn clear(&self) {
        self.laid_out.borrow_mut().take();
    }
}

/// `document`'s current layout: the cached one while it is fresh, else a new one.
pub fn laid_out(cx: &mut JSContext, document: &Document) -> Rc<LaidOut> {
    let cache = document.layout_cache();
    let window = document.window_for_objects();
    let (generation, style_generation) = (window.layout_generation(), window.style_generation());
    let cached = cache.laid_out.borrow().clone();
    let mut previous = None;
    if let Some(laid_out) = cached {
        let adopted_unchanged = adopted_unchanged(cx, &laid_out);
        if laid_out.generation == generation && adopted_unchanged {
            return laid_out;
        }
        if laid_out.style_generation == style_generation && adopted_unchanged {
            previous = Some(laid_out);
        }
    }
    let laid_out = Rc::new(lay_out(cx, document, generation, style_generation, previous.as_deref()));
    *cache.laid_out.borrow_mut() = Some(laid_out.clone());
    laid_out
}

/// Whether every `adoptedStyleSheets` array read by the layout still holds the same sheets.
fn adopted_unchanged(cx: &mut JSContext, laid_out: &LaidOut) -> bool {
    laid_out.adopted.iter().all(|(root, sheets)| {
        let now = adopted_sheets_of(cx, root).unwrap_or_default();
        now.len() == sheets.len() && now.iter().zip(sheets).all(|(a, b)| std::ptr::eq(&**a, &**b))
    })
}

/// Lays out `document` from its root element, taking the cascaded values from `previous`
/// where they still hold.
fn lay_out(
    cx: &mut JSContext,
    document: &Document,
    generation: u64,
    style_generation: u64,
    previous: Option<&LaidOut>,
) -> LaidOut {
    let mut laid_out = LaidOut {
        generation,
        style_generation,
        values: HashMap::new(),
        elements: Vec::new(),
        index: HashMap::new(),
        geometry: Geometry::default(),
        tree: None,
        hittable: Vec::new(),
        adopted: Vec::new(),
    };
    let Some(root) = document.document_element() else { return laid_out };
    let Some(mut built) = Builder::new(viewport(), previous.map(|p| &p.values)).build(cx, &root) else {
        return laid_out;
    };
    measure_runs(document.layout_cache(), &mut built.root, &built.runs);
    laid_out.geometry = ::layout::layout(&built.root, viewport());
    laid_out.index = built.elements.iter().enumerate().map(|(i, e)| (&**e as *const Element as usize, i)).collect();
    laid_out.elements = built.elements.iter().map(|e| Dom::from_ref(&**e)).collect();
    laid_out.adopted = built
        .adopted
        .iter()
        .map(|(root, sheets)| (Dom::from_ref(&**root), sheets.iter().map(|s| Dom::from_ref(&**s)).collect()))
        .collect();
    laid_out.values = built.values;
    laid_out.hittable = built.hittable;
    laid_out.tree = Some(built.root);
    laid_out
}

/// A change to `node` (its children, data, attributes, shadow root, custom element state)
/// that can change which rules match and move boxes: stale layouts and cascaded values of its
/// document's realm, when it is connected.
pub fn invalidate_node(node: &Node) {
    if node.is_connected() {
        node.owner_doc().window_for_objects().invalidate_style();
    }
}

/// A change to `node` that can move boxes but not change which rules match (a replaced
/// element's natural size): stale layouts of its document's realm, when it is connected.
pub fn invalidate_node_layout(node: &Node) {
    if node.is_connected() {
        node.owner_doc().window_for_objects().invalidate_layout();
    }
}

/// An attribute of `element` set, changed or removed. The `style` attribute changes only the
/// element's own cascaded values (a layout whose cascade has a selector naming `style` does
/// not reuse cascaded values); any other attribute can change what selectors match.
pub fn invalidate_attribute(element: &Element, namespace: Option<&str>, name: &str) {
    if namespace.is_none() && name == "style" {
        invalidate_node_layout(element.upcast());
    } else {
        invalidate_node(element.upcast());
    }
}

/// A change to a CSSOM object (a sheet, rule, declaration block or media list) that can move
/// boxes: stale layouts of its realm, whose documents are the ones its sheet can apply to (a
/// `<style>`'s sheet is made in its document's realm, a constructed one in its constructor
/// document's).
pub fn invalidate_cssom(object: &impl DomObject) {
    if !object.reflector().get_raw().is_null() {
        object.global().invalidate_style();
    }
}

//! `HTMLElement.innerText` and `outerText`
//! (<https://html.spec.whatwg.org/multipage/dom.html#the-innertext-idl-attribute>).
//!
//! Layout's box tree (`dom/layout`) is not consulted here: "being rendered" and the CSS boxes the getter walks are
//! approximated from the computed style Aperture models (`dom/css/computedstyle.rs`: inline
//! style, the UA `display` defaults, `[hidden]`):
//! - a node is rendered when it is connected and no inclusive ancestor computes `display: none`;
//! - a text node is one text box; its white space collapses to single spaces unless the parent's
//!   `white-space` is `pre`, `pre-wrap`, `break-spaces` or `pre-line`, and a collapsible space
//!   at the start or end of a line, or after another space, is dropped (CSS Text's phase II);
//! - `text-transform` is applied for `uppercase`/`lowercase`;
//! - there is no line wrapping: a line ends only where the steps put a line break.

use std::cmp::Ordering;

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::CharacterDataBinding::CharacterDataMethods;
use crate::dom::bindings::codegen::NodeBinding::NodeMethods;
use crate::dom::bindings::codegen::RangeBinding::RangeMethods;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::same_object;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::css::cascade::Cascade;
use crate::dom::css::computedstyle::{Target, computed_value};
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::document::Document;
use crate::dom::dom::documentfragment::DocumentFragment;
use crate::dom::dom::element::{Element, HTML_NAMESPACE};
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::dom::text::Text;
use crate::dom::ranges::boundary::{BoundaryPoint, node_length, position};
use crate::dom::ranges::range::Range;

/// An item of the rendered text collection steps: a string (with whether its spaces collapse)
/// or a required line break count.
enum Item {
    Text(String, bool),
    Break(u32),
}

/// Whether `element` is being rendered: connected, with no inclusive ancestor that computes
/// `display: none` (see the module documentation).
fn is_rendered(c: &Cascade, element: &Element) -> bool {
    if !element.upcast::<Node>().is_connected() {
        return false;
    }
    let mut current = Some(DomRoot::from_ref(element));
    while let Some(e) = current {
        if computed_value(c, &e, Target::Element, "display") == "none" {
            return false;
        }
        current = e.upcast::<Node>().parent().and_then(|p| p.downcast_root::<Element>());
    }
    true
}

fn display(c: &Cascade, element: &Element) -> String {
    computed_value(c, element, Target::Element, "display")
}

/// <https://html.spec.whatwg.org/multipage/dom.html#dom-innertext> (getter): the get the text
/// steps.
pub fn get_the_text(cx: &mut JSContext, element: &Element) -> DOMString {
    // The author style sheets of the element's tree, gathered once for the whole walk.
    let c = &Cascade::for_element(cx, element);
    // 1. "If element is not being rendered or if the user agent is a non-CSS user agent, then
    //    return element's descendant text content."
    if !is_rendered(c, element) {
        return element.upcast::<Node>().descendant_text_content().into();
    }
    // 2. "Let results be a new empty list."
    let mut results = Vec::new();
    // 3. "For each child node node of element: Let current be the list resulting in running
    //    the rendered text collection steps with node. Append the items of current to results."
    for child in element.upcast::<Node>().children() {
        collect(c, &child, true, &mut results, None);
    }
    finish(results).into()
}

/// The part of the tree a selection's text is collected from.
struct Clip {
    start: BoundaryPoint,
    end: BoundaryPoint,
}

impl Clip {
    /// Whether `node` lies entirely before the start or entirely after the end.
    fn excludes(&self, node: &Node) -> bool {
        position(node, node_length(node), &self.start.node, self.start.offset) != Ordering::Greater
            || position(node, 0, &self.end.node, self.end.offset) != Ordering::Less
    }

    /// The code units of a Text node inside the range.
    fn text_span(&self, node: &Node) -> (u32, u32) {
        let start = if same_object(&*self.start.node, node) { self.start.offset } else { 0 };
        let end = if same_object(&*self.end.node, node) { self.end.offset } else { node_length(node) };
        (start, end.max(start))
    }
}

/// The text of a selection's range, as browsers give it for `Selection.toString()`: the
/// rendered text collection steps of `innerText` over the part of the tree in the range (text
/// nodes cut at the boundary points). As Chromium does, a `p` starts with one line break and
/// ends with two. A range whose nodes are not rendered gives its text content.
pub fn range_text(cx: &mut JSContext, range: &Range) -> String {
    if range.is_collapsed() {
        return String::new();
    }
    let container = range.CommonAncestorContainer(cx);
    let element = match container.downcast_root::<Element>() {
        Some(e) => Some(e),
        None if container.kind() == NodeKind::Document => {
            container.downcast::<Document>().and_then(|d| d.document_element())
        }
        None => container.parent().and_then(|p| p.downcast_root::<Element>()),
    };
    let Some(element) = element else { return range.text() };
    let c = &Cascade::for_element(cx, &element);
    if !is_rendered(c, &element) {
        return range.text();
    }
    let clip = Clip { start: range.start(), end: range.end() };
    let mut results = Vec::new();
    if container.kind() == NodeKind::Text {
        collect(c, &container, true, &mut results, Some(&clip));
    } else {
        for child in container.children() {
            collect(c, &child, true, &mut results, Some(&clip));
        }
    }
    finish(results)
}

/// <https://html.spec.whatwg.org/multipage/dom.html#rendered-text-collection-steps>;
/// `rendered` says whether `node`'s parent is being rendered; `clip` limits the walk to a
/// selection's range.
fn collect(c: &Cascade, node: &Node, parent_rendered: bool, items: &mut Vec<Item>, clip: Option<&Clip>) {
    if clip.is_some_and(|clip| clip.excludes(node)) {
        return;
    }
    let element = node.downcast::<Element>();
    let rendered = parent_rendered && element.is_none_or(|e| display(c, e) != "none");
    // 1. "Let items be the result of running the rendered text collection steps with each child
    //    node of node in tree order, and then concatenating the results to a single list."
    let start = items.len();
    if let Some(element) = element {
        for child in node.children() {
            collect(c, &child, rendered, items, clip);
        }
        // 2. "If node's computed value of 'visibility' is not 'visible', then return items."
        // 3. "If node is not being rendered, then return items."
        if !rendered || computed_value(c, element, Target::Element, "visibility") != "visible" {
            return;
        }
        // 5. "If node is a br element, then append a string containing a single U+000A LF code
        //    point to items."
        if element.is_html_element() && element.local_name() == "br" {
            items.push(Item::Text("\n".into(), false));
        }
        let display = display(c, element);
        // 6. "If node's computed value of 'display' is 'table-cell', and node's CSS box is not
        //    the last 'table-cell' box of its enclosing 'table-row' box, then append a string
        //    containing a single U+0009 TAB code point to items."
        if display == "table-cell" && later_sibling_with_display(c, node, "table-cell") {
            items.push(Item::Text("\t".into(), false));
        }
        // 7. "If node's computed value of 'display' is 'table-row', and node's CSS box is not the
        //    last 'table-row' box of the nearest ancestor 'table' box, then append a string
        //    containing a single U+000A LF code point to items." (Rows are compared within
        //    their row group here.)
        if display == "table-row" && later_sibling_with_display(c, node, "table-row") {
            items.push(Item::Text("\n".into(), false));
        }
        // 8. "If node is a p element, then append 2 (a required line break count) at the
        //    beginning and end of items."
        if element.is_html_element() && element.local_name() == "p" {
            items.insert(start, Item::Break(if clip.is_some() { 1 } else { 2 }));
            items.push(Item::Break(2));
        }
        // 9. "If node's used value of 'display' is block-level or 'table-caption', then append 1
        //    (a required line break count) at the beginning and end of items."
        if is_block_level(&display) || display == "table-caption" {
            items.insert(start, Item::Break(1));
            items.push(Item::Break(1));
        }
        return;
    }
    // 4. "If node is a Text node, then for each CSS text box produced by node, in content order,
    //    compute the text of the box after application of the CSS 'white-space' processing rules
    //    and 'text-transform' rules, set items to the list of the resulting strings."
    if node.kind() != NodeKind::Text || !parent_rendered {
        return;
    }
    let Some(parent) = node.parent().and_then(|p| p.downcast_root::<Element>()) else { return };
    if computed_value(c, &parent, Target::Element, "visibility") != "visible" {
        return;
    }
    let data = match clip {
        Some(clip) => {
            let (start, end) = clip.text_span(node);
            crate::dom::ranges::boundary::substring(node, start, end - start)
        }
        None => node.downcast::<CharacterData>().map(|c| c.data_string()).unwrap_or_default(),
    };
    let white_space = computed_value(c, &parent, Target::Element, "white-space");
    let preserve = matches!(white_space.as_str(), "pre" | "pre-wrap" | "break-spaces" | "pre-line")
        || (white_space.is_empty() && parent.local_name() == "pre");
    let text = if preserve {
        data
    } else {
        let mut out = String::with_capacity(data.len());
        for c in data.chars() {
            if c.is_ascii_whitespace() {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    let text = match computed_value(c, &parent, Target::Element, "text-transform").as_str() {
        "uppercase" => text.to_uppercase(),
        "lowercase" => text.to_lowercase(),
        _ => text,
    };
    items.push(Item::Text(text, !preserve));
}

/// Block-level `display` values (<https://drafts.csswg.org/css-display/#block-level>).
fn is_block_level(display: &str) -> bool {
    matches!(display, "block" | "list-item" | "table" | "flex" | "grid" | "flow-root")
        || display.starts_with("block ")
        || display.ends_with(" list-item")
}

/// Whether a later rendered sibling element of `node` computes `display` to `wanted`.
fn later_sibling_with_display(c: &Cascade, node: &Node, wanted: &str) -> bool {
    let mut next = node.next_sibling();
    while let Some(n) = next {
        if let Some(e) = n.downcast::<Element>()
            && display(c, e) == wanted
        {
            return true;
        }
        next = n.next_sibling();
    }
    false
}

/// Steps 4–7 of the get the text steps over the collected items.
fn finish(results: Vec<Item>) -> String {
    // CSS white-space phase II without layout: a collapsible space after a space or at the
    // start or end of a line goes.
    let mut cleaned: Vec<Item> = Vec::new();
    // Whether the output so far ends at a line start or with a collapsible space.
    let mut after_space = true;
    for item in results {
        match item {
            Item::Text(mut s, collapsible) => {
                if collapsible && after_space {
                    s = s.trim_start_matches(' ').to_string();
                }
                if s.is_empty() {
                    continue;
                }
                if !collapsible && s.starts_with('\n') {
                    trim_trailing_space(&mut cleaned);
                }
                after_space = s.ends_with('\n') || (collapsible && s.ends_with(' '));
                cleaned.push(Item::Text(s, collapsible));
            }
            Item::Break(n) => {
                trim_trailing_space(&mut cleaned);
                after_space = true;
                cleaned.push(Item::Break(n));
            }
        }
    }
    trim_trailing_space(&mut cleaned);
    // 4. "Remove any items from results that are the empty string."
    // 5. "Remove any runs of consecutive required line break count items at the start or end of
    //    results."
    let first = cleaned.iter().position(|i| matches!(i, Item::Text(..))).unwrap_or(cleaned.len());
    let last = cleaned.iter().rposition(|i| matches!(i, Item::Text(..))).map_or(first, |i| i + 1);
    // 6. "Replace each remaining run of consecutive required line break count items with a
    //    string consisting of as many U+000A LF code points as the maximum of the values in the
    //    required line break count items."
    // 7. "Return the concatenation of the string items in results."
    let mut out = String::new();
    let mut run = 0;
    for item in &cleaned[first..last] {
        match item {
            Item::Break(n) => run = run.max(*n),
            Item::Text(s, _) => {
                out.extend(std::iter::repeat_n('\n', run as usize));
                run = 0;
                out.push_str(s);
            }
        }
    }
    out
}

/// Drops a collapsible space that ends a line (the last text item's trailing space).
fn trim_trailing_space(items: &mut [Item]) {
    if let Some(Item::Text(s, true)) = items.iter_mut().rev().find(|i| matches!(i, Item::Text(..))) {
        while s.ends_with(' ') {
            s.pop();
        }
    }
}

/// <https://html.spec.whatwg.org/multipage/dom.html#rendered-text-fragment>
fn rendered_text_fragment(cx: &mut JSContext, input: &str, document: &Document) -> DomRoot<DocumentFragment> {
    // 1. "Let fragment be a new DocumentFragment whose node document is document."
    let fragment = DocumentFragment::new(cx, document);
    // 2. "Let position be a position variable for input, initially pointing at the start of
    //    input." 3. "Let text be the empty string."
    let mut rest = input;
    // 4. "While position is not past the end of input:"
    while !rest.is_empty() {
        // "Collect a sequence of code points that are not U+000A LF or U+000D CR from input
        //  given position, and set text to the result." "If text is not the empty string, then
        //  append a new Text node whose data is text and node document is document to fragment."
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        if end > 0 {
            let text = Text::new(cx, rest[..end].to_string(), document);
            let _ = fragment.upcast::<Node>().AppendChild(cx, text.upcast());
        }
        rest = &rest[end..];
        // "While position is not past the end of input, and the code point at position is either
        //  U+000A LF or U+000D CR: If the code point at position is U+000D CR and the next code
        //  point is U+000A LF, then advance position to the next code point in input. Advance
        //  position to the next code point in input. Append the result of creating an element
        //  given document, "br", and the HTML namespace to fragment."
        while rest.starts_with(['\n', '\r']) {
            rest = rest.strip_prefix("\r\n").unwrap_or(&rest[1..]);
            let br = crate::dom::dom::createelement::create_element(cx, document, "br", Some(HTML_NAMESPACE), None);
            let _ = fragment.upcast::<Node>().AppendChild(cx, br.upcast());
        }
    }
    // 5. "Return fragment."
    fragment
}

/// <https://html.spec.whatwg.org/multipage/dom.html#set-the-inner-text-steps>
pub fn set_inner_text(cx: &mut JSContext, element: &Element, value: DOMString) {
    let document = element.upcast::<Node>().owner_doc();
    // 1. "Let fragment be the rendered text fragment for value given element's node document."
    let fragment = rendered_text_fragment(cx, value.as_str(), &document);
    // 2. "If fragment has no children, then append a new Text node whose data is the empty
    //    string and node document is element's node document to fragment."
    if fragment.upcast::<Node>().first_child().is_none() {
        let text = Text::new(cx, String::new(), &document);
        let _ = fragment.upcast::<Node>().AppendChild(cx, text.upcast());
    }
    // 3. "Replace all with fragment within element."
    element.upcast::<Node>().replace_all(cx, Some(fragment.upcast()));
}

/// <https://html.spec.whatwg.org/multipage/dom.html#dom-outertext> (setter)
pub fn set_outer_text(cx: &mut JSContext, element: &Element, value: DOMString) -> ErrorResult {
    let node = element.upcast::<Node>();
    // 1. "If this's parent is null, then throw a "NoModificationAllowedError" DOMException."
    let Some(parent) = node.parent() else {
        return Err(Error::NoModificationAllowed("The element has no parent.".into()));
    };
    // 2. "Let next be this's next sibling." 3. "Let previous be this's previous sibling."
    let next = node.next_sibling();
    let previous = node.prev_sibling();
    // 4. "Let fragment be the rendered text fragment for the given value given this's node
    //    document."
    let document = node.owner_doc();
    let fragment = rendered_text_fragment(cx, value.as_str(), &document);
    // 5. "If fragment has no children, then append a new Text node whose data is the empty
    //    string and node document is this's node document to fragment."
    if fragment.upcast::<Node>().first_child().is_none() {
        let text = Text::new(cx, String::new(), &document);
        let _ = fragment.upcast::<Node>().AppendChild(cx, text.upcast());
    }
    // 6. "Replace this with fragment within this's parent."
    parent.ReplaceChild(cx, fragment.upcast(), node)?;
    // 7. "If next is non-null and next's previous sibling is a Text node, then merge with the
    //    next text node given next's previous sibling."
    if let Some(prev_of_next) = next.and_then(|n| n.prev_sibling())
        && prev_of_next.kind() == NodeKind::Text
    {
        merge_with_next_text_node(cx, &prev_of_next);
    }
    // 8. "If previous is a Text node, then merge with the next text node given previous."
    if let Some(previous) = previous.filter(|p| p.kind() == NodeKind::Text) {
        merge_with_next_text_node(cx, &previous);
    }
    Ok(())
}

/// <https://html.spec.whatwg.org/multipage/dom.html#merge-with-the-next-text-node>
fn merge_with_next_text_node(cx: &mut JSContext, node: &Node) {
    // 1. "Let next be node's next sibling." 2. "If next is not a Text node, then return."
    let Some(next) = node.next_sibling().filter(|n| n.kind() == NodeKind::Text) else { return };
    // 3. "Replace data with node, node's data's length, 0, and next's data."
    let next_data = next.downcast::<CharacterData>().map(|c| c.data_string()).unwrap_or_default();
    if let Some(data) = node.downcast::<CharacterData>() {
        data.AppendData(cx, next_data.into());
    }
    // 4. "Remove next."
    if let Some(parent) = next.parent() {
        let _ = parent.RemoveChild(cx, &next);
    }
}

/// The `HTMLElement` members of this file, for `HTMLElement`'s impl block.
macro_rules! rendered_text_methods {
    () => {
        /// <https://html.spec.whatwg.org/multipage/dom.html#dom-innertext>
        fn InnerText(&self, cx: &mut JSContext) -> DOMString {
            crate::dom::html::renderedtext::get_the_text(cx, self.upcast())
        }
        /// <https://html.spec.whatwg.org/multipage/dom.html#dom-innertext>
        fn SetInnerText(&self, cx: &mut JSContext, value: DOMString) {
            crate::dom::html::renderedtext::set_inner_text(cx, self.upcast(), value)
        }
        /// <https://html.spec.whatwg.org/multipage/dom.html#dom-outertext>: "return the result of
        /// running get the text steps with this".
        fn OuterText(&self, cx: &mut JSContext) -> DOMString {
            crate::dom::html::renderedtext::get_the_text(cx, self.upcast())
        }
        /// <https://html.spec.whatwg.org/multipage/dom.html#dom-outertext>
        fn SetOuterText(&self, cx: &mut JSContext, value: DOMString) -> crate::dom::bindings::error::Fallible<()> {
            crate::dom::html::renderedtext::set_outer_text(cx, self.upcast(), value)
        }
    };
}
pub(crate) use rendered_text_methods;

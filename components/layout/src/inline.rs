//! Inline formatting (<https://www.w3.org/TR/CSS21/visuren.html#inline-formatting>), reduced:
//! a run of inline-level content is cut into lines at forced breaks only (no wrapping). Each
//! line's height comes from its strut and the line-height boxes of its text
//! (<https://www.w3.org/TR/CSS21/visudet.html#line-height>) and from its atomic inlines, which
//! sit on the baseline by their bottom margin edge (`vertical-align: baseline` of a replaced
//! element; an inline-block's sits on the baseline of its last line). Content goes left to
//! right, moved by `text-align`.

use crate::block::{self, Containing, Env, Fragment};
use crate::style::{Display, Font, LineHeight, Style, TextAlign};
use crate::{Kind, Node};

/// The lines of one run of inline content.
pub(crate) struct Lines {
    /// Fragments of atomic inlines, inline boxes and out-of-flow boxes, relative to the run's
    /// top-left corner.
    pub fragments: Vec<Fragment>,
    pub height: f64,
    /// Whether at least one line box exists (a run of white space or empty inline boxes has
    /// none: "line boxes that contain no text, no preserved white space, no inline elements with
    /// non-zero margins, padding, or borders or other in-flow content … must be treated as
    /// zero-height line boxes").
    pub has_line: bool,
    /// The baseline of the last line box, from the run's top.
    pub last_baseline: Option<f64>,
}

/// One piece of a line.
enum Item<'a> {
    Text { font: Font, line_height: LineHeight, width: f64, space: bool },
    Atomic(&'a Node),
    OutOfFlow(&'a Node),
    Open(&'a Node),
    Close,
    Break,
}

fn flatten<'a>(node: &'a Node, items: &mut Vec<Item<'a>>) {
    match node.kind {
        Kind::Text { chars, width } => items.push(Item::Text {
            font: node.style.font,
            line_height: node.style.line_height,
            width: width.unwrap_or_else(|| node.style.font.text_width(chars)),
            space: false,
        }),
        Kind::Space { width } => items.push(Item::Text {
            font: node.style.font,
            line_height: node.style.line_height,
            width: width.unwrap_or_else(|| node.style.font.text_width(1)),
            space: true,
        }),
        Kind::LineBreak => items.push(Item::Break),
        _ if node.style.is_out_of_flow() => items.push(Item::OutOfFlow(node)),
        Kind::Replaced { .. } => items.push(Item::Atomic(node)),
        // A block inside an inline box is laid out as an atomic inline (FIXME: CSS breaks the
        // inline around it).
        Kind::Element if node.style.display != Display::Inline => items.push(Item::Atomic(node)),
        Kind::Element => {
            items.push(Item::Open(node));
            for child in &node.children {
                flatten(child, items);
            }
            items.push(Item::Close);
        }
    }
}

/// An atomic inline laid out (its fragment's `x` is its left margin).
fn layout_atomic(node: &Node, cb: Containing, env: Env) -> Fragment {
    let forced = if node.kind == Kind::Element && node.style.width == crate::Size::Auto {
        let (padding, margin) = block::edges(&node.style, cb.width);
        let outside = padding[1]
            + padding[3]
            + node.style.border[1]
            + node.style.border[3]
            + margin[1].unwrap_or(0.0)
            + margin[3].unwrap_or(0.0);
        Some(block::shrink_to_fit(node, cb.width - outside))
    } else {
        None
    };
    let mut laid = block::layout_block(node, cb, env, false, forced);
    // Atomic inlines' `auto` margins are 0 (<https://www.w3.org/TR/CSS21/visudet.html#inline-width>).
    let (_, margin) = block::edges(&node.style, cb.width);
    let m = margin.map(|m| m.unwrap_or(0.0));
    laid.fragment.margin = m;
    laid.fragment.x = m[3];
    laid.fragment
}

/// An inline box being laid out on the current line.
struct OpenBox<'a> {
    node: &'a Node,
    /// The left edge of its border box.
    start: f64,
    /// Its rectangle so far on earlier lines: (x0, y0, x1, y1).
    earlier: Option<(f64, f64, f64, f64)>,
}

/// Lays out the inline-level `run` of a block container with style `container` and content
/// width `cb.width`.
pub(crate) fn layout_run(run: &[&Node], container: &Style, cb: Containing, env: Env) -> Lines {
    let mut items = Vec::new();
    for node in run {
        flatten(node, &mut items);
    }
    // Atomic inlines are laid out once, up front.
    let atomics: Vec<Option<Fragment>> = items
        .iter()
        .map(|item| match item {
            Item::Atomic(node) => Some(layout_atomic(node, cb, env)),
            _ => None,
        })
        .collect();

    let strut = container.line_height.strut(&container.font);
    let mut out = Lines { fragments: Vec::new(), height: 0.0, has_line: false, last_baseline: None };
    let mut open: Vec<OpenBox> = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let end = items[start..].iter().position(|i| matches!(i, Item::Break)).map_or(items.len(), |p| start + p + 1);
        let line = start..end;
        start = end;

        // Does this line exist, and how tall is it?
        let exists = items[line.clone()]
            .iter()
            .any(|i| matches!(i, Item::Text { space: false, .. } | Item::Atomic(_) | Item::Break));
        let (mut above, mut below) = strut;
        for (i, item) in items[line.clone()].iter().enumerate() {
            match item {
                Item::Text { font, line_height, space: false, .. } => {
                    let (a, b) = line_height.strut(font);
                    above = above.max(a);
                    below = below.max(b);
                }
                Item::Atomic(node) => {
                    if let Some(f) = &atomics[line.start + i] {
                        let a = atomic_ascent(node, f);
                        above = above.max(a);
                        below = below.max(f.margin_box_height() - a);
                    }
                }
                _ => {}
            }
        }
        let top = out.height;
        let baseline = top + above;
        if exists {
            out.has_line = true;
            out.height += above + below;
            out.last_baseline = Some(baseline);
        }

        // Collapsible spaces at the line's start and end, and after another space, are removed
        // (<https://drafts.csswg.org/css-text/#white-space-phase-2>).
        let kept = kept_spaces(&items[line.clone()]);
        // <https://drafts.csswg.org/css-text/#text-align-property>: the line's content moves
        // within the line box (an overflowing line stays at the start).
        let free = (cb.width - line_width(&items[line.clone()], &kept, &atomics[line.clone()], cb)).max(0.0);
        let mut x = match container.text_align {
            TextAlign::Start => 0.0,
            TextAlign::Center => free / 2.0,
            TextAlign::End => free,
        };
        for (i, item) in items[line.clone()].iter().enumerate() {
            match item {
                Item::Text { width, .. } => {
                    if kept[i] {
                        x += width
                    }
                }
                Item::Atomic(node) => {
                    if let Some(mut f) = atomics[line.start + i].clone() {
                        f.x = x + f.margin[3];
                        f.y = baseline - atomic_ascent(node, &f) + f.margin[0];
                        x += f.margin_box_width();
                        out.fragments.push(f);
                    }
                }
                Item::OutOfFlow(node) => {
                    let mut f = block::layout_out_of_flow(node, env);
                    f.x += x;
                    f.y = top + f.margin[0];
                    out.fragments.push(f);
                }
                Item::Open(node) => {
                    let (padding, margin) = block::edges(&node.style, cb.width);
                    x += margin[3].unwrap_or(0.0);
                    open.push(OpenBox { node, start: x, earlier: None });
                    x += node.style.border[3] + padding[3];
                }
                Item::Close => {
                    let Some(b) = open.pop() else { continue };
                    let (padding, margin) = block::edges(&b.node.style, cb.width);
                    x += padding[1] + b.node.style.border[1];
                    let rect = union(b.earlier, inline_rect(b.node, b.start, x, baseline));
                    x += margin[1].unwrap_or(0.0);
                    out.fragments.push(inline_fragment(b.node, rect, padding, cb));
                }
                Item::Break => {}
            }
        }
        // Inline boxes that go on to the next line keep this line's piece.
        for b in &mut open {
            b.earlier = Some(union(b.earlier, inline_rect(b.node, b.start, x, baseline)));
            b.start = 0.0;
        }
    }
    out
}

/// Which items of one line are kept: every item but the collapsible spaces at the start, at the
/// end and after another space.
fn kept_spaces(line: &[Item]) -> Vec<bool> {
    let mut kept = vec![true; line.len()];
    let mut after_space = true;
    for (i, item) in line.iter().enumerate() {
        match item {
            Item::Text { space: true, .. } => {
                kept[i] = !after_space;
                after_space = true;
            }
            Item::Text { space: false, .. } | Item::Atomic(_) => after_space = false,
            _ => {}
        }
    }
    for (i, item) in line.iter().enumerate().rev() {
        match item {
            Item::Text { space: true, .. } => kept[i] = false,
            Item::Text { space: false, .. } | Item::Atomic(_) => break,
            _ => {}
        }
    }
    kept
}

/// The width of one line's content: kept text, atomic inlines' margin boxes, inline boxes'
/// margins, borders and paddings.
fn line_width(line: &[Item], kept: &[bool], atomics: &[Option<Fragment>], cb: Containing) -> f64 {
    let mut width = 0.0;
    for (i, item) in line.iter().enumerate() {
        width += match item {
            Item::Text { width, .. } if kept[i] => *width,
            Item::Atomic(_) => atomics[i].as_ref().map_or(0.0, Fragment::margin_box_width),
            Item::Open(node) => {
                let (padding, margin) = block::edges(&node.style, cb.width);
                margin[3].unwrap_or(0.0) + node.style.border[3] + padding[3]
            }
            _ => 0.0,
        };
    }
    // Inline boxes' right edges (their `Close` carries no node): counted where they open.
    for item in line {
        if let Item::Open(node) = item {
            let (padding, margin) = block::edges(&node.style, cb.width);
            width += padding[1] + node.style.border[1] + margin[1].unwrap_or(0.0);
        }
    }
    width
}

/// How far an atomic inline reaches above the baseline, from its top margin edge: a replaced
/// element (or an inline-block without line boxes, or one that clips) sits on its bottom margin
/// edge, an inline-block on its last line box's baseline.
fn atomic_ascent(node: &Node, f: &Fragment) -> f64 {
    match f.last_baseline {
        Some(b) if node.kind == Kind::Element && !node.style.clips => f.margin[0] + b,
        _ => f.margin_box_height(),
    }
}

/// The rectangle of an inline box's piece on one line: from `x0` to `x1`, the content area of
/// its font around the baseline (what Chromium reports: ascent + descent, without leading).
fn inline_rect(node: &Node, x0: f64, x1: f64, baseline: f64) -> (f64, f64, f64, f64) {
    let (a, d) = node.style.font.ascent_descent();
    let s = &node.style;
    (x0, baseline - a - s.border[0], x1.max(x0), baseline + d + s.border[2])
}

fn union(a: Option<(f64, f64, f64, f64)>, b: (f64, f64, f64, f64)) -> (f64, f64, f64, f64) {
    match a {
        None => b,
        Some(a) => (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)),
    }
}

fn inline_fragment(node: &Node, (x0, y0, x1, y1): (f64, f64, f64, f64), padding: [f64; 4], cb: Containing) -> Fragment {
    let (_, margin) = block::edges(&node.style, cb.width);
    let mut f = Fragment {
        id: node.id,
        x: x0,
        y: y0 - padding[0],
        width: x1 - x0,
        height: (y1 - y0) + padding[0] + padding[2],
        border: node.style.border,
        padding,
        margin: margin.map(|m| m.unwrap_or(0.0)),
        positioned: node.style.position != crate::Position::Static,
        inline: true,
        out_of_flow: None,
        last_baseline: None,
        children: Vec::new(),
    };
    block::relative_offset(&mut f, &node.style, cb);
    f
}

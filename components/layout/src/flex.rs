//! Single-line row flex containers (<https://drafts.csswg.org/css-flexbox-1/#layout-algorithm>),
//! reduced: every in-flow child is one flex item on one line (`flex-wrap` is ignored), a run of
//! text is an anonymous item of its estimated width. Each item's flex base size is its
//! `flex-basis`, else its `width`, else its estimated max-content width; positive free space
//! grows items by `flex-grow`, negative free space shrinks them by `flex-shrink` × base size
//! (one pass, no freezing of items hitting their limits; an automatic minimum size is 0, a
//! replaced element's its width). `justify-content` and `align-items` (start, centre, end,
//! stretch, the space-* values) place them; `gap` separates them. Column containers are laid
//! out as blocks (FIXME: their margins collapse, and `align-items` is ignored there).

use crate::block::{self, Containing, Env, Fragment, replaced_size};
use crate::intrinsic;
use crate::style::{Align, FlexContainer, Justify, Size};
use crate::{Kind, Node};

/// One flex item: an element, or a run of text children.
enum Item<'a> {
    Element(&'a Node),
    Text(Vec<&'a Node>),
}

/// Lays out the children of a row flex container `node` in its content box `cb`; fragments are
/// relative to the container's border box (`origin` is its content box's corner). Returns them
/// and the content height.
pub(crate) fn layout_row(
    node: &Node,
    flex: FlexContainer,
    cb: Containing,
    env: Env,
    origin: (f64, f64),
) -> (Vec<Fragment>, f64) {
    let mut fragments = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for child in &node.children {
        match child.kind {
            _ if child.style.is_out_of_flow() && matches!(child.kind, Kind::Element | Kind::Replaced { .. }) => {
                // Its static position: the content box's corner.
                let mut f = block::layout_out_of_flow(child, env);
                f.x += origin.0;
                f.y = origin.1 + f.margin[0];
                fragments.push(f);
            }
            Kind::Element | Kind::Replaced { .. } => items.push(Item::Element(child)),
            Kind::Text { .. } => match items.last_mut() {
                Some(Item::Text(run)) => run.push(child),
                _ => items.push(Item::Text(vec![child])),
            },
            // White space between items is not rendered; a forced break has nothing to break.
            Kind::Space { .. } | Kind::LineBreak => {}
        }
    }
    if items.is_empty() {
        return (fragments, 0.0);
    }

    // The base sizes (content widths) and what lies outside them.
    let mut sizes = Vec::with_capacity(items.len());
    for item in &items {
        let (base, outside, grow, shrink, min) = match item {
            Item::Text(run) => (run.iter().map(|t| intrinsic::max_content(t)).sum::<f64>(), 0.0, 0.0, 1.0, 0.0),
            Item::Element(child) => {
                let s = &child.style;
                let (padding, margin) = block::edges(s, cb.width);
                let pb = padding[1] + padding[3] + s.border[1] + s.border[3];
                let outside = pb + margin[1].unwrap_or(0.0) + margin[3].unwrap_or(0.0);
                let content = |w: f64| if s.border_box_sizing { (w - pb).max(0.0) } else { w };
                let replaced = matches!(child.kind, Kind::Replaced { .. });
                let base = match s.flex_basis.resolve(Some(cb.width)) {
                    Some(b) => content(b),
                    None => match s.width.resolve(Some(cb.width)) {
                        Some(w) => content(w),
                        None if replaced => replaced_size(child, cb, padding).0,
                        None => intrinsic::max_content_inside(child),
                    },
                };
                let min = s.min_width.resolve(Some(cb.width)).map(content).unwrap_or(if replaced { base } else { 0.0 });
                let max = s.max_width.resolve(Some(cb.width)).map(content).unwrap_or(f64::INFINITY);
                (base.min(max).max(min), outside, s.flex_grow, s.flex_shrink, min)
            }
        };
        sizes.push((base, outside, grow, shrink, min));
    }
    let gaps = flex.gap * (items.len() - 1) as f64;
    let used: f64 = sizes.iter().map(|(b, o, ..)| b + o).sum::<f64>() + gaps;
    let free = cb.width - used;
    let total_grow: f64 = sizes.iter().map(|s| s.2).sum();
    let total_shrink: f64 = sizes.iter().map(|s| s.3 * s.0).sum();
    let targets: Vec<f64> = sizes
        .iter()
        .map(|&(base, _, grow, shrink, min)| {
            // Sizes in Chromium's 1/64 px, rounded (so 584px shared 2:1 is 389.328125 and
            // 194.671875, as there).
            let size = if free > 0.0 && total_grow > 0.0 {
                base + free * grow / total_grow
            } else if free < 0.0 && total_shrink > 0.0 {
                (base + free * shrink * base / total_shrink).max(min)
            } else {
                base
            };
            (size * 64.0).round() / 64.0
        })
        .collect();

    // Lay the items out at their sizes.
    let mut laid: Vec<Fragment> = Vec::with_capacity(items.len());
    for (item, target) in items.iter().zip(&targets) {
        let f = match item {
            Item::Element(child) => {
                let mut f = block::layout_block(child, cb, env, false, Some(*target)).fragment;
                // A flex item's `auto` margins are 0 here (FIXME: they should take free
                // space), and none is over-constrained.
                let (_, margin) = block::edges(&child.style, cb.width);
                f.margin = margin.map(|m| m.unwrap_or(0.0));
                f
            }
            Item::Text(run) => {
                let lines =
                    crate::inline::layout_run(run, &node.style, Containing { width: *target, height: None }, env);
                let mut f = Fragment { width: *target, height: lines.height, ..Fragment::default() };
                f.children = lines.fragments;
                f
            }
        };
        laid.push(f);
    }
    let margins = |f: &Fragment| f.margin[0] + f.margin[2];
    let cross = cb.height.unwrap_or_else(|| laid.iter().map(|f| f.height + margins(f)).fold(0.0, f64::max));

    // Main axis: justify-content over what is left.
    let left: f64 = (cb.width - laid.iter().map(Fragment::margin_box_width).sum::<f64>() - gaps).max(0.0);
    let n = laid.len() as f64;
    let (mut x, between) = match flex.justify {
        Justify::Start => (0.0, 0.0),
        Justify::Center => (left / 2.0, 0.0),
        Justify::End => (left, 0.0),
        Justify::SpaceBetween if n > 1.0 => (0.0, left / (n - 1.0)),
        Justify::SpaceBetween => (0.0, 0.0),
        Justify::SpaceAround => (left / n / 2.0, left / n),
        Justify::SpaceEvenly => (left / (n + 1.0), left / (n + 1.0)),
    };
    for (item, mut f) in items.iter().zip(laid) {
        // Cross axis: align-items (stretch makes an auto-height item the line's height).
        let stretch = matches!(item, Item::Element(c) if c.style.height == Size::Auto && flex.align == Align::Stretch);
        if stretch {
            f.height = (cross - margins(&f)).max(f.height);
        }
        let y = match flex.align {
            Align::Start | Align::Stretch => f.margin[0],
            Align::Center => (cross - f.height - margins(&f)) / 2.0 + f.margin[0],
            Align::End => cross - f.height - f.margin[2],
        };
        f.x = origin.0 + x + f.margin[3];
        f.y = origin.1 + y;
        x += f.margin_box_width() + flex.gap + between;
        if let Item::Element(child) = item {
            block::relative_offset(&mut f, &child.style, Containing { width: cb.width, height: cb.height });
        }
        fragments.push(f);
    }
    (fragments, cross)
}

//! A minimal block box model (CSS 2.1 visual formatting model, normal flow), DOM-free.
//!
//! The DOM side (`script::dom::layout`) builds a [`Node`] tree from the cascade; [`layout`]
//! returns every box's geometry in CSS pixels relative to the initial containing block (the
//! viewport: nothing scrolls). What is modelled:
//!
//! - Block boxes in normal flow: widths by <https://www.w3.org/TR/CSS21/visudet.html#blockwidth>
//!   (auto width fills the containing block, `auto` margins centre, over-constrained
//!   `margin-right` is ignored), `min-width`/`max-width`, `box-sizing`, margins and paddings in
//!   pixels or percentages of the containing block's width; heights by
//!   <https://www.w3.org/TR/CSS21/visudet.html#normal-block> (a specified `height`, a percentage
//!   only against a definite containing block height, else the content), `min-height`/`max-height`.
//! - Margin collapsing (<https://www.w3.org/TR/CSS21/box.html#collapsing-margins>) between
//!   siblings, between a box and its first/last in-flow child (no top/bottom border or padding,
//!   auto height, not a formatting context root) and through empty boxes.
//! - Inline content, one line box per run between forced breaks (`<br>`, preserved newlines):
//!   no line wrapping. A line is as tall as its strut and its atomic inlines (replaced elements
//!   and inline-blocks, sitting on the baseline by their bottom margin edge), per
//!   <https://www.w3.org/TR/CSS21/visudet.html#line-height>; `text-align` moves a line's content
//!   (start, centre, end); `vertical-align` is ignored; text widths are estimated (half an em
//!   per character); collapsible spaces at a line's ends are removed.
//! - Replaced elements (<https://www.w3.org/TR/CSS21/visudet.html#inline-replaced-width>):
//!   natural size, one specified dimension scaled by the natural ratio.
//! - `position: relative` offsets; `absolute`/`fixed` boxes placed by `left`/`top` (or
//!   `right`/`bottom` against a definite containing block) in their containing block's padding box,
//!   else at their static position; `auto` widths of those and of inline-blocks shrink to an
//!   estimated max-content width.
//!
//! - Single-line row flex containers (`flex.rs`: grow, shrink, basis, gap, `justify-content`,
//!   `align-items`).
//!
//! Not modelled: floats (laid out as blocks), column flex containers and grid (children stacked
//! as blocks), flex wrapping, tables
//! (rows and cells stacked as blocks), line wrapping, `vertical-align`, justification,
//! transforms, scrolling and overflow, writing modes and right-to-left text.

mod block;
mod flex;
mod inline;
mod intrinsic;
pub mod style;

use std::collections::HashMap;

pub use style::{
    Align, Display, FlexContainer, Font, FontMetrics, Justify, LineHeight, Position, Size, Style, TextAlign,
};

/// One box of the box tree, or a piece of text.
#[derive(Clone, Debug)]
pub struct Node {
    /// The caller's id of the element (text has none): the key of its geometry.
    pub id: Option<usize>,
    pub style: Style,
    pub kind: Kind,
    pub children: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A non-replaced element: its children are laid out inside it.
    Element,
    /// A replaced element (canvas, img, video…) with its natural size; `ratio` when it has a
    /// natural aspect ratio.
    Replaced { width: f64, height: f64, ratio: bool },
    /// Collapsed text of `chars` characters (never only white space), `width` pixels wide when
    /// the caller measured it (else estimated from the font size).
    Text { chars: usize, width: Option<f64> },
    /// White space between inline content: the width of one space (`width` when measured), but
    /// no line of its own.
    Space { width: Option<f64> },
    /// A forced line break (`<br>`, a preserved newline).
    LineBreak,
}

impl Node {
    pub fn element(id: usize, style: Style, children: Vec<Node>) -> Node {
        Node { id: Some(id), style, kind: Kind::Element, children }
    }

    pub fn text(style: Style, kind: Kind) -> Node {
        Node { id: None, style, kind, children: Vec::new() }
    }
}

/// A rectangle in CSS pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// The geometry of one element's box.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BoxGeometry {
    /// The border box, relative to the initial containing block.
    pub border_box: Rect,
    /// Used widths, top, right, bottom, left.
    pub border: [f64; 4],
    pub padding: [f64; 4],
    pub margin: [f64; 4],
    /// Whether the box is positioned (`position` other than `static`).
    pub positioned: bool,
    /// Whether it is an inline box (`display: inline`, not replaced): its rectangle is the
    /// union of its pieces of lines, and it has no client area.
    pub inline: bool,
    /// Whether it is `position: fixed`.
    pub fixed: bool,
}

impl BoxGeometry {
    /// The padding box (the border box without the borders).
    pub fn padding_box(&self) -> Rect {
        let b = self.border_box;
        Rect {
            x: b.x + self.border[3],
            y: b.y + self.border[0],
            width: (b.width - self.border[1] - self.border[3]).max(0.0),
            height: (b.height - self.border[0] - self.border[2]).max(0.0),
        }
    }

    /// The content box (the padding box without the paddings).
    pub fn content_box(&self) -> Rect {
        let p = self.padding_box();
        Rect {
            x: p.x + self.padding[3],
            y: p.y + self.padding[0],
            width: (p.width - self.padding[1] - self.padding[3]).max(0.0),
            height: (p.height - self.padding[0] - self.padding[2]).max(0.0),
        }
    }
}

/// The geometry of every element that has a box, by the caller's id.
#[derive(Debug, Default)]
pub struct Geometry {
    pub boxes: HashMap<usize, BoxGeometry>,
}

/// The size of the initial containing block.
#[derive(Clone, Copy, Debug)]
pub struct Viewport {
    pub width: f64,
    pub height: f64,
}

/// Lays out `root`, the root element's box, in the initial containing block `viewport`.
pub fn layout(root: &Node, viewport: Viewport) -> Geometry {
    let fragment = block::layout_root(root, viewport);
    let mut geometry = Geometry::default();
    let origin = (0.0, 0.0);
    block::place(&fragment, origin, origin, &mut geometry);
    geometry
}

#[cfg(test)]
mod tests;

//! Estimated intrinsic widths (<https://drafts.csswg.org/css-sizing-3/#max-content>), for
//! shrink-to-fit boxes (inline-blocks, absolutely positioned boxes with an `auto` width). Text
//! is measured with the estimate of [`crate::Font::text_width`]; percentages count as 0.

use crate::block::is_block_level;
use crate::style::{Display, Size, Style};
use crate::{Kind, Node};

/// Pixel margins, paddings and borders on the left and right.
fn outside(style: &Style) -> f64 {
    let px = |s: Size| if let Size::Px(px) = s { px } else { 0.0 };
    px(style.margin[1])
        + px(style.margin[3])
        + px(style.padding[1])
        + px(style.padding[3])
        + style.border[1]
        + style.border[3]
}

/// The max-content width of `node`'s margin box.
pub(crate) fn max_content(node: &Node) -> f64 {
    match node.kind {
        Kind::Text { chars, width } => width.unwrap_or_else(|| node.style.font.text_width(chars)),
        Kind::Space { width } => width.unwrap_or_else(|| node.style.font.text_width(1)),
        Kind::LineBreak => 0.0,
        Kind::Replaced { width, height, ratio } => {
            let s = &node.style;
            let w = match (s.width, s.height) {
                (Size::Px(w), _) => w,
                (_, Size::Px(h)) if ratio && height > 0.0 => h * width / height,
                _ => width,
            };
            w + outside(s)
        }
        Kind::Element => {
            let s = &node.style;
            if let Size::Px(w) = s.width {
                let padding_border = outside(s) - margins(s);
                let border_box = if s.border_box_sizing { w.max(padding_border) } else { w + padding_border };
                return border_box + margins(s);
            }
            max_content_inside(node) + outside(s)
        }
    }
}

fn margins(style: &Style) -> f64 {
    let px = |s: Size| if let Size::Px(px) = s { px } else { 0.0 };
    px(style.margin[1]) + px(style.margin[3])
}

/// The max-content width of `node`'s content box: the widest block child or line.
pub(crate) fn max_content_inside(node: &Node) -> f64 {
    let mut widest: f64 = 0.0;
    let mut line = 0.0;
    for child in &node.children {
        if child.style.is_out_of_flow() {
            continue;
        }
        if is_block_level(child) && node.style.display != Display::Inline {
            widest = widest.max(line).max(max_content(child));
            line = 0.0;
        } else if child.kind == Kind::LineBreak {
            widest = widest.max(line);
            line = 0.0;
        } else if child.kind == Kind::Element && child.style.display == Display::Inline {
            line += max_content_inside(child) + outside(&child.style);
        } else {
            line += max_content(child);
        }
    }
    widest.max(line)
}

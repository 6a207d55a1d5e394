//! Hit testing (<https://drafts.csswg.org/cssom-view/#hit-testing>) on a document's layout:
//! which element boxes are "a target for hit testing" at a point, topmost first.
//!
//! Paint order is CSS 2.1's (<https://www.w3.org/TR/CSS21/zindex.html>) as far as the box model
//! knows it: there is no `z-index`, so the root element's stacking context is the only one;
//! in it the in-flow, non-positioned boxes paint in tree order, then the positioned ones
//! (`relative`, `absolute`, `fixed`) in tree order, each with its own non-positioned content
//! (step 8, "positioned descendants with 'z-index: auto'"). Later paints are over earlier ones.
//! A box is hit inside its border box, and inside the padding box of each ancestor whose
//! `overflow` clips; boxes with `visibility: hidden`/`collapse` or `pointer-events: none` are
//! not targets (their descendants may be). Not modelled: `z-index`, transforms, border radii,
//! the line pieces of an inline box split over lines (its union rectangle is hit).

use ::layout::{Node as BoxNode, Position, Rect};

use super::cache::LaidOut;

/// Whether `(x, y)` is in `rect` (edges: left and top in, right and bottom out).
fn contains(rect: &Rect, x: f64, y: f64) -> bool {
    x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height
}

fn intersect(a: Option<Rect>, b: Rect) -> Rect {
    let Some(a) = a else { return b };
    let x = a.x.max(b.x);
    let y = a.y.max(b.y);
    let right = (a.x + a.width).min(b.x + b.width);
    let bottom = (a.y + a.height).min(b.y + b.height);
    Rect { x, y, width: (right - x).max(0.0), height: (bottom - y).max(0.0) }
}

/// The boxes of a document in paint order, each with the clip its ancestors put on it.
struct Painter<'a> {
    laid_out: &'a LaidOut,
    out: Vec<(usize, Option<Rect>)>,
}

impl Painter<'_> {
    /// Paints `node` and its non-positioned descendants in tree order; the positioned
    /// descendants go to `deferred`, in tree order, with their clip.
    fn layer<'n>(&mut self, node: &'n BoxNode, clip: Option<Rect>, deferred: &mut Vec<(&'n BoxNode, Option<Rect>)>) {
        if let Some(id) = node.id {
            self.out.push((id, clip));
        }
        let clip = match node.id.and_then(|id| self.laid_out.geometry_of(id)) {
            Some(g) if node.style.clips => Some(intersect(clip, g.padding_box())),
            _ => clip,
        };
        for child in &node.children {
            if child.id.is_some() && child.style.position != Position::Static {
                deferred.push((child, clip));
            } else {
                self.layer(child, clip, deferred);
            }
        }
    }

    /// Paints a positioned box as if it made a stacking context, its positioned descendants
    /// after its other content, in tree order.
    fn positioned(&mut self, node: &BoxNode, clip: Option<Rect>) {
        let mut deferred = Vec::new();
        self.layer(node, clip, &mut deferred);
        for (child, clip) in deferred {
            self.positioned(child, clip);
        }
    }
}

/// The ids of the boxes that are targets for hit testing at `(x, y)` (viewport coordinates),
/// topmost first.
pub fn boxes_at(laid_out: &LaidOut, x: f64, y: f64) -> Vec<usize> {
    let Some(root) = laid_out.tree() else { return Vec::new() };
    let mut painter = Painter { laid_out, out: Vec::new() };
    // The root element's box is painted like a positioned one: first its in-flow content,
    // then its positioned descendants.
    painter.positioned(root, None);
    painter
        .out
        .iter()
        .rev()
        .filter(|(id, clip)| {
            laid_out.hittable(*id)
                && clip.is_none_or(|c| contains(&c, x, y))
                && laid_out.geometry_of(*id).is_some_and(|g| contains(&g.border_box, x, y))
        })
        .map(|(id, _)| *id)
        .collect()
}

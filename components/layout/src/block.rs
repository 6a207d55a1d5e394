//! Block layout in normal flow (<https://www.w3.org/TR/CSS21/visuren.html#normal-flow>), margin
//! collapsing, out-of-flow boxes, and the final pass that turns parent-relative positions into
//! positions in the initial containing block.
//!
//! Layout runs in two passes. [`layout_block`] computes sizes top-down (widths) and bottom-up
//! (heights), placing each box relative to its parent's border box: where a box's top margin
//! collapses with its first child's, its position is only known once its parent has placed it.
//! [`place`] then adds the offsets up.

use crate::inline;
use crate::intrinsic;
use crate::style::{Display, Position, Size, Style};
use crate::{BoxGeometry, Geometry, Kind, Node, Rect, Viewport};

/// A containing block: its width, and its height when it is definite.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Containing {
    pub width: f64,
    pub height: Option<f64>,
}

/// What descendants need besides their containing block.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Env {
    pub viewport: Viewport,
    /// The padding box of the nearest positioned ancestor (the initial containing block when
    /// there is none): the containing block of `position: absolute` descendants.
    pub abs_cb: Containing,
}

/// Where an absolutely positioned box goes, relative to its containing block's padding box
/// (the viewport for `fixed`); a coordinate that is `None` keeps the static position.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OutOfFlow {
    pub fixed: bool,
    pub x: Option<f64>,
    pub y: Option<f64>,
}

/// A laid out box: border box size, and position relative to its parent fragment's border box.
#[derive(Clone, Debug, Default)]
pub(crate) struct Fragment {
    pub id: Option<usize>,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub border: [f64; 4],
    pub padding: [f64; 4],
    pub margin: [f64; 4],
    pub positioned: bool,
    pub inline: bool,
    pub out_of_flow: Option<OutOfFlow>,
    /// The baseline of its last line box, from its border box's top (an inline-block's
    /// baseline, <https://www.w3.org/TR/CSS21/visudet.html#propdef-vertical-align>).
    pub last_baseline: Option<f64>,
    pub children: Vec<Fragment>,
}

impl Fragment {
    /// The height of the margin box (what a line or a parent stacks).
    pub fn margin_box_height(&self) -> f64 {
        self.margin[0] + self.height + self.margin[2]
    }

    pub fn margin_box_width(&self) -> f64 {
        self.margin[3] + self.width + self.margin[1]
    }
}

/// Adjoining margins being collapsed (<https://www.w3.org/TR/CSS21/box.html#collapsing-margins>):
/// "the maximum of the adjoining margins", with negative margins deducted ("the most negative").
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Strut {
    positive: f64,
    negative: f64,
}

impl Strut {
    pub fn of(margin: f64) -> Strut {
        let mut s = Strut::default();
        s.add(margin);
        s
    }

    pub fn add(&mut self, margin: f64) {
        if margin >= 0.0 {
            self.positive = self.positive.max(margin);
        } else {
            self.negative = self.negative.min(margin);
        }
    }

    pub fn join(&mut self, other: Strut) {
        self.positive = self.positive.max(other.positive);
        self.negative = self.negative.min(other.negative);
    }

    /// The collapsed margin's width.
    pub fn sum(&self) -> f64 {
        self.positive + self.negative
    }
}

/// A block-level box laid out: its fragment (`x` set to its left margin, `y` left to the
/// parent), and the margins that collapse through its top and bottom edges.
pub(crate) struct Laid {
    pub fragment: Fragment,
    /// Its top margin collapsed with those of its first children.
    pub top: Strut,
    /// Its bottom margin collapsed with those of its last children.
    pub bottom: Strut,
    /// Its top and bottom margins are adjoining (an empty box): they collapse through it.
    pub through: bool,
}

/// Whether `node` is block-level in its parent: a block box, or an inline box holding one (laid
/// out as a block: FIXME, CSS splits the inline around the block instead).
pub(crate) fn is_block_level(node: &Node) -> bool {
    if !matches!(node.kind, Kind::Element | Kind::Replaced { .. }) || node.style.is_out_of_flow() {
        return false;
    }
    match node.style.display {
        Display::Block => true,
        Display::Inline => node.kind == Kind::Element && node.children.iter().any(is_block_level),
        Display::InlineBlock => false,
    }
}

/// Used paddings (percentages of the containing block's width, negative ones as 0) and margins
/// (`None` for `auto`).
pub(crate) fn edges(style: &Style, cb_width: f64) -> ([f64; 4], [Option<f64>; 4]) {
    let padding = style.padding.map(|p| p.resolve_or_zero(cb_width).max(0.0));
    let margin = style.margin.map(|m| m.resolve(Some(cb_width)));
    (padding, margin)
}

/// The content-box size a `box-sizing: border-box` length stands for.
fn content_size(style: &Style, size: f64, padding_border: f64) -> f64 {
    if style.border_box_sizing { (size - padding_border).max(0.0) } else { size }
}

/// Clamps a content size by `min-*`/`max-*` (<https://www.w3.org/TR/CSS21/visudet.html#min-max-widths>):
/// the maximum first, then the minimum, which wins.
fn clamp(style: &Style, value: f64, min: Size, max: Size, basis: Option<f64>, padding_border: f64) -> f64 {
    let mut value = value;
    if let Some(max) = max.resolve(basis) {
        value = value.min(content_size(style, max, padding_border));
    }
    if let Some(min) = min.resolve(basis) {
        value = value.max(content_size(style, min, padding_border));
    }
    value.max(0.0)
}

/// The used width and horizontal margins of a block-level non-replaced box in normal flow
/// (<https://www.w3.org/TR/CSS21/visudet.html#blockwidth>): "margin-left + border-left-width +
/// padding-left + width + padding-right + border-right-width + margin-right = width of
/// containing block".
fn block_width(width: Option<f64>, cb_width: f64, padding_border: f64, margin: [Option<f64>; 4]) -> (f64, f64, f64) {
    let (left, right) = (margin[3], margin[1]);
    match width {
        // "If 'width' is set to 'auto', any other 'auto' values become '0' and 'width' follows
        // from the resulting equality."
        None => {
            let (l, r) = (left.unwrap_or(0.0), right.unwrap_or(0.0));
            ((cb_width - l - r - padding_border).max(0.0), l, r)
        }
        Some(w) => {
            let remaining = cb_width - w - padding_border;
            match (left, right) {
                // "If both 'margin-left' and 'margin-right' are 'auto', their used values are
                // equal" (an over-wide box keeps its left margin at 0 in left-to-right text).
                (None, None) => (w, (remaining / 2.0).max(0.0), remaining - (remaining / 2.0).max(0.0)),
                // "If there is exactly one value specified as 'auto', its used value follows
                // from the equality."
                (None, Some(r)) => (w, remaining - r, r),
                // "If all of the above have a computed value other than 'auto', the values are
                // said to be over-constrained" and margin-right is ignored (left-to-right).
                (Some(l), _) => (w, l, remaining - l),
            }
        }
    }
}

/// The used content size of a replaced element (<https://www.w3.org/TR/CSS21/visudet.html#inline-replaced-width>
/// and #inline-replaced-height): a specified dimension, the other from the natural ratio, else
/// the natural size; then `min-*`/`max-*` (FIXME: without re-applying the ratio).
pub(crate) fn replaced_size(node: &Node, cb: Containing, padding: [f64; 4]) -> (f64, f64) {
    let Kind::Replaced { width: nw, height: nh, ratio } = node.kind else { return (0.0, 0.0) };
    let s = &node.style;
    let pb_w = padding[1] + padding[3] + s.border[1] + s.border[3];
    let pb_h = padding[0] + padding[2] + s.border[0] + s.border[2];
    let w = s.width.resolve(Some(cb.width)).map(|w| content_size(s, w, pb_w));
    let h = s.height.resolve(cb.height).map(|h| content_size(s, h, pb_h));
    let (w, h) = match (w, h) {
        (Some(w), Some(h)) => (w, h),
        (Some(w), None) => (w, if ratio && nw > 0.0 { w * nh / nw } else { nh }),
        (None, Some(h)) => (if ratio && nh > 0.0 { h * nw / nh } else { nw }, h),
        (None, None) => (nw, nh),
    };
    (
        clamp(s, w, s.min_width, s.max_width, Some(cb.width), pb_w),
        clamp(s, h, s.min_height, s.max_height, cb.height, pb_h),
    )
}

/// Lays out the root element's box in the initial containing block.
pub(crate) fn layout_root(root: &Node, viewport: Viewport) -> Fragment {
    let icb = Containing { width: viewport.width, height: Some(viewport.height) };
    let env = Env { viewport, abs_cb: icb };
    let laid = layout_block(root, icb, env, true, None);
    let mut fragment = laid.fragment;
    // "Margins of the root element's box do not collapse."
    fragment.y = laid.top.sum();
    fragment
}

/// Lays out a block-level box (or an atomic inline, an out-of-flow box: the root of a block
/// formatting context when `root` or by its style) in containing block `cb`. `forced_width` is
/// a content width already decided (shrink-to-fit).
pub(crate) fn layout_block(node: &Node, cb: Containing, env: Env, root: bool, forced_width: Option<f64>) -> Laid {
    let s = &node.style;
    let (padding, margin) = edges(s, cb.width);
    let border = s.border;
    let pb_w = padding[1] + padding[3] + border[1] + border[3];
    let pb_h = padding[0] + padding[2] + border[0] + border[2];

    // Widths.
    let replaced = matches!(node.kind, Kind::Replaced { .. });
    let (content_w, margin_l, margin_r) = if replaced {
        let (w, _) = replaced_size(node, cb, padding);
        block_width(Some(w), cb.width, pb_w, margin)
    } else if let Some(w) = forced_width {
        block_width(Some(w), cb.width, pb_w, margin)
    } else {
        let specified = s.width.resolve(Some(cb.width)).map(|w| content_size(s, w, pb_w));
        let tentative = block_width(specified, cb.width, pb_w, margin);
        let clamped = clamp(s, tentative.0, s.min_width, s.max_width, Some(cb.width), pb_w);
        if clamped == tentative.0 { tentative } else { block_width(Some(clamped), cb.width, pb_w, margin) }
    };
    let margin_t = margin[0].unwrap_or(0.0);
    let margin_b = margin[2].unwrap_or(0.0);

    // A specified height: definite when it resolves (a percentage needs a definite containing
    // block height, <https://www.w3.org/TR/CSS21/visudet.html#the-height-property>).
    let specified_h = s.height.resolve(cb.height).map(|h| content_size(s, h, pb_h));
    let definite_h = specified_h.map(|h| clamp(s, h, s.min_height, s.max_height, cb.height, pb_h));

    let mut fragment = Fragment {
        id: node.id,
        x: margin_l,
        y: 0.0,
        width: content_w + pb_w,
        height: 0.0,
        border,
        padding,
        margin: [margin_t, margin_r, margin_b, margin_l],
        positioned: s.position != Position::Static,
        inline: false,
        out_of_flow: None,
        last_baseline: None,
        children: Vec::new(),
    };

    if replaced {
        let (_, h) = replaced_size(node, cb, padding);
        fragment.height = h + pb_h;
        return Laid { fragment, top: Strut::of(margin_t), bottom: Strut::of(margin_b), through: false };
    }

    let child_cb = Containing { width: content_w, height: definite_h };
    let child_env = if fragment.positioned {
        Env {
            abs_cb: Containing {
                width: content_w + padding[1] + padding[3],
                height: definite_h.map(|h| h + padding[0] + padding[2]),
            },
            ..env
        }
    } else {
        env
    };

    // A block formatting context root keeps its children's margins inside.
    let bfc_root = root || s.clips || s.display == Display::InlineBlock || s.is_out_of_flow() || s.flex.is_some();
    let collapse_top = !bfc_root && padding[0] == 0.0 && border[0] == 0.0;
    let collapse_bottom = !bfc_root && padding[2] == 0.0 && border[2] == 0.0 && s.height == Size::Auto;

    let mut flow = Flow {
        origin: (border[3] + padding[3], border[0] + padding[0]),
        top: Strut::of(margin_t),
        at_top: collapse_top,
        y: 0.0,
        pending: Strut::default(),
        last_baseline: None,
        fragments: Vec::new(),
    };
    let mut run: Vec<&Node> = Vec::new();
    let row = s.flex.filter(|f| f.row);
    if let Some(flex) = row {
        let (fragments, height) = crate::flex::layout_row(node, flex, child_cb, child_env, flow.origin);
        flow.fragments = fragments;
        flow.y = height;
    }
    for child in node.children.iter().filter(|_| row.is_none()) {
        if is_block_level(child) {
            flow.inline_run(&run, s, child_cb, child_env);
            run.clear();
            flow.block_child(child, child_cb, child_env);
        } else if child.style.is_out_of_flow() && matches!(child.kind, Kind::Element | Kind::Replaced { .. }) {
            flow.inline_run(&run, s, child_cb, child_env);
            run.clear();
            let static_y = if flow.at_top { 0.0 } else { flow.y + flow.pending.sum() };
            let mut f = layout_out_of_flow(child, child_env);
            f.x += flow.origin.0;
            f.y = flow.origin.1 + static_y + f.margin[0];
            flow.fragments.push(f);
        } else {
            run.push(child);
        }
    }
    flow.inline_run(&run, s, child_cb, child_env);

    let min_h_zero = s.min_height.resolve(cb.height).unwrap_or(0.0) <= 0.0;
    let through = flow.at_top && collapse_top && collapse_bottom && min_h_zero && definite_h.unwrap_or(0.0) == 0.0;
    let (content_h, bottom) = if through {
        (0.0, Strut::of(margin_b))
    } else if collapse_bottom && !flow.at_top {
        let mut bottom = flow.pending;
        bottom.add(margin_b);
        (flow.y, bottom)
    } else {
        (flow.y + flow.pending.sum(), Strut::of(margin_b))
    };
    let used_h = match definite_h {
        Some(h) => h,
        None => clamp(s, content_h, s.min_height, s.max_height, cb.height, pb_h),
    };
    fragment.height = used_h + pb_h;
    fragment.last_baseline = flow.last_baseline;
    fragment.children = flow.fragments;
    Laid { fragment, top: flow.top, bottom, through }
}

/// The block-direction state of one block container's children.
struct Flow {
    /// The content box's origin in the container's border box.
    origin: (f64, f64),
    /// The container's top margin, with the children's that collapse with it.
    top: Strut,
    /// Nothing that separates margins has been placed yet, and the container's top margin
    /// collapses with its children's.
    at_top: bool,
    /// The bottom of the last placed content, from the content box's top.
    y: f64,
    /// The margins after the last placed content.
    pending: Strut,
    /// The baseline of the last line box inside, from the container's border box top.
    last_baseline: Option<f64>,
    fragments: Vec<Fragment>,
}

impl Flow {
    fn block_child(&mut self, child: &Node, cb: Containing, env: Env) {
        let laid = layout_block(child, cb, env, false, None);
        let mut f = laid.fragment;
        let y = if laid.through {
            // An empty box: its margins join those around it.
            let mut m = laid.top;
            m.join(laid.bottom);
            if self.at_top {
                self.top.join(m);
                0.0
            } else {
                self.pending.join(m);
                self.y
            }
        } else if self.at_top {
            self.top.join(laid.top);
            self.at_top = false;
            0.0
        } else {
            self.pending.join(laid.top);
            self.y + self.pending.sum()
        };
        if !laid.through {
            self.y = y + f.height;
            self.pending = laid.bottom;
        }
        f.x += self.origin.0;
        f.y = self.origin.1 + y;
        if let Some(b) = f.last_baseline.filter(|_| !child.style.clips && child.style.display == Display::Block) {
            self.last_baseline = Some(f.y + b);
        }
        relative_offset(&mut f, &child.style, cb);
        self.fragments.push(f);
    }

    fn inline_run(&mut self, run: &[&Node], container: &Style, cb: Containing, env: Env) {
        if run.is_empty() {
            return;
        }
        let lines = inline::layout_run(run, container, cb, env);
        let y = if lines.height > 0.0 || lines.has_line {
            let y = if self.at_top { 0.0 } else { self.y + self.pending.sum() };
            self.at_top = false;
            self.pending = Strut::default();
            self.y = y + lines.height;
            if let Some(b) = lines.last_baseline {
                self.last_baseline = Some(self.origin.1 + y + b);
            }
            y
        } else if self.at_top {
            // No line box: nothing separates the margins around the run.
            0.0
        } else {
            self.y
        };
        for mut f in lines.fragments {
            f.x += self.origin.0;
            f.y += self.origin.1 + y;
            self.fragments.push(f);
        }
    }
}

/// `position: relative` (<https://www.w3.org/TR/CSS21/visuren.html#relative-positioning>): the
/// box moves by `left` (else minus `right`) and `top` (else minus `bottom`).
pub(crate) fn relative_offset(f: &mut Fragment, style: &Style, cb: Containing) {
    if style.position != Position::Relative {
        return;
    }
    let [top, right, bottom, left] = style.inset;
    f.x += left.resolve(Some(cb.width)).or_else(|| right.resolve(Some(cb.width)).map(|r| -r)).unwrap_or(0.0);
    f.y += top.resolve(cb.height).or_else(|| bottom.resolve(cb.height).map(|b| -b)).unwrap_or(0.0);
}

/// An absolutely positioned box (<https://www.w3.org/TR/CSS21/visudet.html#abs-non-replaced-width>,
/// simplified): `auto` margins are 0; an `auto` width stretches between `left` and `right` when
/// both are set, else shrinks to the estimated max-content width; `left`/`top` place it, or
/// `right`/`bottom` against a definite containing block. The fragment's `x` is its left margin
/// and `y` 0 (the static position is the caller's).
pub(crate) fn layout_out_of_flow(node: &Node, env: Env) -> Fragment {
    let s = &node.style;
    let fixed = s.position == Position::Fixed;
    let cb =
        if fixed { Containing { width: env.viewport.width, height: Some(env.viewport.height) } } else { env.abs_cb };
    let [top, right, bottom, left] = s.inset;
    let left = left.resolve(Some(cb.width));
    let right = right.resolve(Some(cb.width));
    let top = top.resolve(cb.height);
    let bottom = bottom.resolve(cb.height);
    let (padding, margin) = edges(s, cb.width);
    let margin = margin.map(|m| m.unwrap_or(0.0));
    let pb_w = padding[1] + padding[3] + s.border[1] + s.border[3];
    let forced = if matches!(node.kind, Kind::Replaced { .. }) || s.width != Size::Auto {
        None
    } else if let (Some(l), Some(r)) = (left, right) {
        Some((cb.width - l - r - margin[1] - margin[3] - pb_w).max(0.0))
    } else {
        Some(shrink_to_fit(node, cb.width - margin[1] - margin[3] - pb_w))
    };
    let mut laid = layout_block(node, cb, env, false, forced);
    let f = &mut laid.fragment;
    f.margin = [margin[0], margin[1], margin[2], margin[3]];
    f.x = margin[3];
    let x = left.map(|l| l + margin[3]).or_else(|| right.map(|r| cb.width - r - margin[1] - f.width));
    let y = top.map(|t| t + margin[0]).or_else(|| {
        let h = cb.height?;
        bottom.map(|b| h - b - margin[2] - f.height)
    });
    f.out_of_flow = Some(OutOfFlow { fixed, x, y });
    laid.fragment
}

/// A shrink-to-fit content width (<https://www.w3.org/TR/CSS21/visudet.html#shrink-to-fit-float>)
/// with the estimated max-content width as the preferred width and no minimum.
pub(crate) fn shrink_to_fit(node: &Node, available: f64) -> f64 {
    intrinsic::max_content_inside(node).min(available.max(0.0))
}

/// The second pass: every fragment's position in the initial containing block, into `out`.
/// `parent` is the parent fragment's border-box origin, `abs_cb` the padding-box origin of the
/// nearest positioned ancestor.
pub(crate) fn place(f: &Fragment, parent: (f64, f64), abs_cb: (f64, f64), out: &mut Geometry) {
    let (x, y) = match f.out_of_flow {
        Some(o) => {
            let base = if o.fixed { (0.0, 0.0) } else { abs_cb };
            (o.x.map_or(parent.0 + f.x, |x| base.0 + x), o.y.map_or(parent.1 + f.y, |y| base.1 + y))
        }
        None => (parent.0 + f.x, parent.1 + f.y),
    };
    if let Some(id) = f.id {
        out.boxes.insert(
            id,
            BoxGeometry {
                border_box: Rect { x, y, width: f.width, height: f.height },
                border: f.border,
                padding: f.padding,
                margin: f.margin,
                positioned: f.positioned,
                inline: f.inline,
                fixed: f.out_of_flow.is_some_and(|o| o.fixed),
            },
        );
    }
    let child_abs_cb = if f.positioned { (x + f.border[3], y + f.border[0]) } else { abs_cb };
    for child in &f.children {
        place(child, (x, y), child_abs_cb, out);
    }
}

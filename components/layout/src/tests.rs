//! The box model against figures measured in headless Chromium 156 (default font Liberation
//! Serif 16px, viewport 780×493 there, so auto widths below are 780 − 16 = 764).

use crate::style::{Display, Font, FontMetrics, LineHeight, Position, Size, Style};
use crate::{Geometry, Kind, Node, Rect, Viewport, layout};

const VIEWPORT: Viewport = Viewport { width: 780.0, height: 493.0 };

fn block() -> Style {
    Style { display: Display::Block, ..Style::default() }
}

fn px(v: f64) -> Size {
    Size::Px(v)
}

fn text(chars: usize) -> Node {
    Node::text(Style::default(), Kind::Text { chars, width: None })
}

fn canvas(id: usize, w: f64, h: f64) -> Node {
    Node {
        id: Some(id),
        style: Style::default(),
        kind: Kind::Replaced { width: w, height: h, ratio: true },
        children: vec![],
    }
}

/// `<html><body>children</body></html>` with the UA's 8px body margin; ids 0 and 1.
fn page(children: Vec<Node>) -> Node {
    let body = Style { margin: [px(8.0); 4], ..block() };
    Node::element(0, block(), vec![Node::element(1, body, children)])
}

fn rect(g: &Geometry, id: usize) -> Rect {
    g.boxes[&id].border_box
}

fn r(x: f64, y: f64, width: f64, height: f64) -> Rect {
    Rect { x, y, width, height }
}

#[test]
fn auto_width_fills_the_body_and_text_is_one_line() {
    let g = layout(&page(vec![Node::element(2, block(), vec![text(5)])]), VIEWPORT);
    assert_eq!(rect(&g, 1), r(8.0, 8.0, 764.0, 18.0));
    assert_eq!(rect(&g, 2), r(8.0, 8.0, 764.0, 18.0));
    // The root: the body and its margins.
    assert_eq!(rect(&g, 0), r(0.0, 0.0, 780.0, 34.0));
}

#[test]
fn a_canvas_on_a_line_leaves_room_below_the_baseline() {
    // <div><canvas width=300 height=150></canvas></div>: 154px (Chromium).
    let g = layout(&page(vec![Node::element(2, block(), vec![canvas(3, 300.0, 150.0)])]), VIEWPORT);
    assert_eq!(rect(&g, 2), r(8.0, 8.0, 764.0, 154.0));
    assert_eq!(rect(&g, 3), r(8.0, 8.0, 300.0, 150.0));
    // display: block: exactly the canvas.
    let mut c = canvas(3, 300.0, 150.0);
    c.style.display = Display::Block;
    let g = layout(&page(vec![Node::element(2, block(), vec![c])]), VIEWPORT);
    assert_eq!(rect(&g, 2).height, 150.0);
    // A line-height of 30px at 16px: 50 + 10 (Chromium: 60).
    let tall = Style { line_height: LineHeight::Px(30.0), ..block() };
    let g = layout(&page(vec![Node::element(2, tall, vec![canvas(3, 30.0, 50.0)])]), VIEWPORT);
    assert_eq!(rect(&g, 2).height, 60.0);
    // A short canvas: the strut's 18px.
    let g = layout(&page(vec![Node::element(2, block(), vec![canvas(3, 30.0, 5.0)])]), VIEWPORT);
    assert_eq!(rect(&g, 2).height, 18.0);
}

#[test]
fn an_inline_box_spans_its_fonts_content_area() {
    // <div><span>text</span> <canvas width=50 height=20></canvas></div>: div 24 tall, the
    // span 17 tall at 6px (Chromium; its width depends on glyphs, estimated here).
    let span = Node::element(3, Style::default(), vec![text(4)]);
    let space = Node::text(Style::default(), Kind::Space { width: None });
    let g = layout(&page(vec![Node::element(2, block(), vec![span, space, canvas(4, 50.0, 20.0)])]), VIEWPORT);
    assert_eq!(rect(&g, 2).height, 24.0);
    let s = rect(&g, 3);
    assert_eq!((s.x, s.y, s.height), (8.0, 14.0, 17.0));
    assert!(g.boxes[&3].inline);
}

#[test]
fn breaks_make_lines_and_empty_runs_none() {
    let br = || Node::text(Style::default(), Kind::LineBreak);
    let g = layout(
        &page(vec![
            Node::element(2, block(), vec![text(1), br(), text(1)]),
            Node::element(3, block(), vec![br()]),
            Node::element(4, block(), vec![Node::element(5, Style::default(), vec![])]),
            Node::element(6, block(), vec![Node::text(Style::default(), Kind::Space { width: None })]),
        ]),
        VIEWPORT,
    );
    assert_eq!(rect(&g, 2).height, 36.0);
    assert_eq!(rect(&g, 3).height, 18.0);
    assert_eq!(rect(&g, 4).height, 0.0);
    assert_eq!(rect(&g, 6), r(8.0, 62.0, 764.0, 0.0));
}

#[test]
fn widths_paddings_borders_and_box_sizing() {
    let fixed = Style { width: px(200.0), padding: [px(10.0); 4], border: [5.0; 4], ..block() };
    let border_box = Style { border_box_sizing: true, ..fixed.clone() };
    let half = Style { width: Size::Fraction(0.5), ..block() };
    let centred = Style { width: px(100.0), margin: [px(0.0), Size::Auto, px(0.0), Size::Auto], ..block() };
    let limited = Style { max_width: px(300.0), min_height: px(40.0), ..block() };
    let g = layout(
        &page(vec![
            Node::element(2, fixed, vec![]),
            Node::element(3, border_box, vec![]),
            Node::element(4, half, vec![]),
            Node::element(5, centred, vec![]),
            Node::element(6, limited, vec![]),
        ]),
        VIEWPORT,
    );
    assert_eq!(rect(&g, 2), r(8.0, 8.0, 230.0, 30.0));
    assert_eq!(g.boxes[&2].content_box(), r(23.0, 23.0, 200.0, 0.0));
    assert_eq!(rect(&g, 3), r(8.0, 38.0, 200.0, 30.0));
    assert_eq!(rect(&g, 4), r(8.0, 68.0, 382.0, 0.0));
    assert_eq!(rect(&g, 5), r(8.0 + 332.0, 68.0, 100.0, 0.0));
    assert_eq!(rect(&g, 6), r(8.0, 68.0, 300.0, 40.0));
}

#[test]
fn heights_specified_and_percentages() {
    let fixed = Style { height: px(120.0), ..block() };
    // A percentage of an auto-height body is auto; of a fixed-height parent it resolves.
    let pct = Style { height: Size::Fraction(0.5), ..block() };
    let g = layout(
        &page(vec![
            Node::element(2, fixed, vec![Node::element(3, pct.clone(), vec![])]),
            Node::element(4, pct, vec![text(1)]),
        ]),
        VIEWPORT,
    );
    assert_eq!(rect(&g, 2).height, 120.0);
    assert_eq!(rect(&g, 3).height, 60.0);
    assert_eq!(rect(&g, 4), r(8.0, 128.0, 764.0, 18.0));
}

#[test]
fn margins_collapse_between_siblings_and_through_parents() {
    // <body><p>para</p><h1>Head</h1></body>: the p's 16px top margin collapses with the body's
    // 8px (body at 16), the h1's 21.44px with the p's 16px bottom margin (Chromium: 18 + 21.44).
    let p = Style { margin: [px(16.0), px(0.0), px(16.0), px(0.0)], ..block() };
    let h1_font = Font { size: 32.0, metrics: FontMetrics::SERIF };
    let h1 = Style { margin: [px(21.44), px(0.0), px(21.44), px(0.0)], font: h1_font, ..block() };
    // Chromium keeps lengths in 1/64 px: 21.44 is 21.4375 there.
    let m = 21.4375;
    let h1_text = Node::text(Style { font: h1_font, ..Style::default() }, Kind::Text { chars: 4, width: None });
    let g = layout(&page(vec![Node::element(2, p, vec![text(4)]), Node::element(3, h1, vec![h1_text])]), VIEWPORT);
    assert_eq!(rect(&g, 1).y, 16.0);
    assert_eq!(rect(&g, 2), r(8.0, 16.0, 764.0, 18.0));
    assert_eq!(rect(&g, 3), r(8.0, 16.0 + 18.0 + m, 764.0, 37.0));
    // The h1's bottom margin collapses through the body's (8px), so the root ends 21.4375px below.
    assert_eq!(rect(&g, 0).height, 16.0 + 18.0 + m + 37.0 + m);
}

#[test]
fn padding_or_border_keeps_margins_apart() {
    let outer = Style { padding: [px(1.0), px(0.0), px(0.0), px(0.0)], ..block() };
    let inner = Style { margin: [px(20.0), px(0.0), px(0.0), px(0.0)], height: px(10.0), ..block() };
    let g = layout(&page(vec![Node::element(2, outer, vec![Node::element(3, inner, vec![])])]), VIEWPORT);
    assert_eq!(rect(&g, 2), r(8.0, 8.0, 764.0, 31.0));
    assert_eq!(rect(&g, 3).y, 29.0);
}

#[test]
fn replaced_elements_keep_their_ratio() {
    // <canvas width=300 style="width:600px">: 600×300.
    let mut c = canvas(2, 300.0, 150.0);
    c.style.width = px(600.0);
    c.style.display = Display::Block;
    let g = layout(&page(vec![c]), VIEWPORT);
    assert_eq!(rect(&g, 2), r(8.0, 8.0, 600.0, 300.0));
}

#[test]
fn absolute_and_relative_positioning() {
    let abs = Style {
        position: Position::Absolute,
        inset: [px(10.0), Size::Auto, Size::Auto, px(20.0)],
        width: px(50.0),
        height: px(30.0),
        ..block()
    };
    let rel = Style {
        position: Position::Relative,
        inset: [px(5.0), Size::Auto, Size::Auto, px(7.0)],
        height: px(40.0),
        ..block()
    };
    let g = layout(
        &page(vec![Node::element(2, rel, vec![Node::element(3, abs.clone(), vec![])]), Node::element(4, abs, vec![])]),
        VIEWPORT,
    );
    // The relative box moves, its followers do not.
    assert_eq!(rect(&g, 2), r(15.0, 13.0, 764.0, 40.0));
    // Absolute inside it: its padding box is the containing block.
    assert_eq!(rect(&g, 3), r(35.0, 23.0, 50.0, 30.0));
    // Absolute with no positioned ancestor: the initial containing block.
    assert_eq!(rect(&g, 4), r(20.0, 10.0, 50.0, 30.0));
    // Out of flow: the body holds only the relative box.
    assert_eq!(rect(&g, 1).height, 40.0);
}

#[test]
fn inline_blocks_shrink_to_fit() {
    let ib = Style { display: Display::InlineBlock, padding: [px(2.0); 4], ..Style::default() };
    let g = layout(
        &page(vec![Node::element(2, block(), vec![Node::element(3, ib, vec![canvas(4, 100.0, 50.0)])])]),
        VIEWPORT,
    );
    // 100 + 4 wide; its canvas sits on the inline-block's own line (50 + 4 below the baseline).
    assert_eq!(rect(&g, 3).width, 104.0);
    assert_eq!(rect(&g, 3).height, 58.0);
    // The inline-block sits on its line's baseline by its own last baseline, so the outer line
    // is 58px tall too (Chromium: 58).
    assert_eq!(rect(&g, 2).height, 58.0);
}

#[test]
fn odd_values_do_not_panic() {
    let odd = Style {
        width: Size::Fraction(f64::MAX),
        margin: [Size::Px(-1e300), Size::Auto, Size::Fraction(-3.0), Size::Auto],
        padding: [Size::Px(-5.0); 4],
        min_width: px(1e9),
        max_width: px(-10.0),
        ..block()
    };
    let g = layout(&page(vec![Node::element(2, odd, vec![text(3)])]), VIEWPORT);
    assert!(g.boxes.contains_key(&2));
}

#[test]
fn spaces_at_line_ends_go_and_text_align_moves_lines() {
    // <div>\n  <canvas>\n</div>: the canvas starts the line (Chromium: x = 8).
    let space = || Node::text(Style::default(), Kind::Space { width: None });
    let g = layout(&page(vec![Node::element(2, block(), vec![space(), canvas(3, 100.0, 50.0), space()])]), VIEWPORT);
    assert_eq!(rect(&g, 3).x, 8.0);
    // text-align: center / right (Chromium: 8 + (764 − 100) / 2 = 340, 8 + 664 = 672).
    let centred = Style { text_align: crate::TextAlign::Center, ..block() };
    let right = Style { text_align: crate::TextAlign::End, ..block() };
    let g = layout(
        &page(vec![
            Node::element(2, centred, vec![space(), canvas(3, 100.0, 50.0), space()]),
            Node::element(4, right, vec![canvas(5, 100.0, 50.0)]),
        ]),
        VIEWPORT,
    );
    assert_eq!(rect(&g, 3).x, 340.0);
    assert_eq!(rect(&g, 5).x, 672.0);
}

#[test]
fn row_flex_containers() {
    use crate::style::{Align, FlexContainer, Justify};
    // <div style="display:flex; gap:10px"><div style="flex:1"><canvas 100×50></div>
    // <div style="width:200px; height:20px"></div></div> (Chromium: 554×54 at 8, 200×20 at 572).
    let flex = FlexContainer { row: true, gap: 10.0, justify: Justify::Start, align: Align::Stretch };
    let container = Style { flex: Some(flex), ..block() };
    let grow = Style { flex_grow: 1.0, flex_basis: Size::Fraction(0.0), ..block() };
    let fixed = Style { width: px(200.0), height: px(20.0), ..block() };
    let g = layout(
        &page(vec![Node::element(
            2,
            container,
            vec![Node::element(3, grow, vec![canvas(4, 100.0, 50.0)]), Node::element(5, fixed, vec![])],
        )]),
        VIEWPORT,
    );
    assert_eq!(rect(&g, 2), r(8.0, 8.0, 764.0, 54.0));
    assert_eq!(rect(&g, 3), r(8.0, 8.0, 554.0, 54.0));
    assert_eq!(rect(&g, 5), r(572.0, 8.0, 200.0, 20.0));
}

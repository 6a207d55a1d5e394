//! Shadows: offset, blur, colour alpha, globalAlpha, shapes outside the bitmap.

mod common;

use canvas_traits::style::{DrawOptions, PaintStyle, Shadow};
use common::*;

fn with_shadow(offset_x: f64, offset_y: f64, blur: f64, color: canvas_traits::color::RgbaColor) -> DrawOptions {
    DrawOptions { shadow: Shadow { offset_x, offset_y, blur, color }, ..Default::default() }
}

#[test]
fn offset_shadow_is_drawn_under_the_shape() {
    let h = harness();
    let canvas = h.create(40, 40);
    let options = with_shadow(5.0, 5.0, 0.0, rgba(0, 0, 0, 255));
    h.send(vec![fill_rect_with(
        canvas,
        rect(10.0, 10.0, 10.0, 10.0),
        PaintStyle::Color(rgba(255, 0, 0, 255)),
        options,
    )]);
    assert_eq!(h.pixel(canvas, 12, 12), [255, 0, 0, 255], "shape over its shadow");
    assert_eq!(h.pixel(canvas, 22, 22), [0, 0, 0, 255], "shadow only");
    assert_eq!(h.pixel(canvas, 8, 8), [0, 0, 0, 0]);
    assert_eq!(h.pixel(canvas, 26, 26), [0, 0, 0, 0]);
}

#[test]
fn shadow_alpha_follows_colour_and_global_alpha() {
    let h = harness();
    let canvas = h.create(40, 20);
    let translucent = with_shadow(10.0, 0.0, 0.0, rgba(0, 0, 255, 128));
    let half = DrawOptions { global_alpha: 0.5, ..with_shadow(10.0, 0.0, 0.0, rgba(0, 0, 255, 255)) };
    h.send(vec![
        fill_rect_with(canvas, rect(0.0, 0.0, 5.0, 5.0), PaintStyle::Color(rgba(0, 255, 0, 255)), translucent),
        fill_rect_with(canvas, rect(0.0, 10.0, 5.0, 5.0), PaintStyle::Color(rgba(0, 255, 0, 255)), half),
    ]);
    assert_close(h.pixel(canvas, 12, 2), [0, 0, 255, 128], 1, "shadowColor alpha");
    assert_close(h.pixel(canvas, 12, 12), [0, 0, 255, 128], 1, "globalAlpha");
}

#[test]
fn blurred_shadow_fades_smoothly_and_symmetrically() {
    let h = harness();
    let canvas = h.create(60, 60);
    let options = with_shadow(0.0, 0.0, 8.0, rgba(0, 0, 0, 255));
    h.send(vec![fill_rect_with(
        canvas,
        rect(20.0, 20.0, 20.0, 20.0),
        PaintStyle::Color(rgba(255, 255, 255, 255)),
        options,
    )]);
    let alpha_at = |x, y| h.pixel(canvas, x, y)[3];
    let (near, mid, far) = (alpha_at(19, 30), alpha_at(16, 30), alpha_at(8, 30));
    assert!(near > mid && mid > far, "fades with distance: {near} {mid} {far}");
    assert!(near > 64 && near < 192, "about half at the edge: {near}");
    assert!(far < 8, "σ = 4: nearly nothing 12 px out: {far}");
    assert_close([alpha_at(40, 30), 0, 0, 0], [alpha_at(19, 30), 0, 0, 0], 2, "left and right edges match");
    assert_eq!(h.pixel(canvas, 30, 30), [255, 255, 255, 255]);
}

#[test]
fn shapes_outside_the_bitmap_cast_shadows_into_it() {
    let h = harness();
    let canvas = h.create(30, 10);
    let options = with_shadow(25.0, 0.0, 0.0, rgba(0, 0, 0, 255));
    h.send(vec![fill_rect_with(
        canvas,
        rect(-20.0, 0.0, 10.0, 10.0),
        PaintStyle::Color(rgba(255, 0, 0, 255)),
        options,
    )]);
    assert_eq!(h.pixel(canvas, 7, 5), [0, 0, 0, 255]);
    assert_eq!(h.pixel(canvas, 3, 5), [0, 0, 0, 0]);
}

#[test]
fn invisible_shadows_cost_nothing_visible() {
    let h = harness();
    let canvas = h.create(10, 10);
    let transparent = with_shadow(3.0, 3.0, 4.0, rgba(0, 0, 0, 0));
    h.send(vec![fill_rect_with(canvas, rect(0.0, 0.0, 5.0, 5.0), PaintStyle::Color(rgba(1, 2, 3, 255)), transparent)]);
    assert_eq!(h.pixel(canvas, 7, 7), [0, 0, 0, 0]);
}

//! Resize Observer (<https://drafts.csswg.org/resize-observer/>): `ResizeObserver`,
//! `ResizeObserverEntry`, `ResizeObserverSize`. Each window keeps its resize observers in
//! creation order; the rendering update broadcasts the observations whose size changed
//! (`broadcast_active_observations`). Sizes come from layout (`dom::layout`): the content box
//! (the border box less borders and paddings), the border box, and the device-pixel content
//! box, equal to the content box (device pixel ratio 1); an element without a box, or an
//! inline one, is 0×0.

pub mod resizeobserver;

//! Resize Observer (<https://drafts.csswg.org/resize-observer/>): `ResizeObserver`,
//! `ResizeObserverEntry`, `ResizeObserverSize`. Each window keeps its resize observers in
//! creation order; the rendering update broadcasts the observations whose size changed
//! (`broadcast_active_observations`). Sizes come from Aperture's box sizes without layout
//! (`geometry::domrect::box_size`): canvases, images and videos have one, other elements are
//! 0×0, so only those elements ever notify; there is no padding or border, so the content,
//! border and device-pixel boxes are the same (device pixel ratio 1).

pub mod resizeobserver;

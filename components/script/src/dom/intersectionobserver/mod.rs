//! Intersection Observer (<https://w3c.github.io/IntersectionObserver/>): `IntersectionObserver`
//! and `IntersectionObserverEntry`. The geometry (margins, intersections, threshold indices)
//! is DOM-free in `geometry.rs`; the observers of a window are updated in its rendering update,
//! after the resize observers.

pub mod geometry;
pub mod intersectionobserver;

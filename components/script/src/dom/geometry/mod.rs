//! Geometry Interfaces (<https://drafts.fxtf.org/geometry/>): `DOMRectReadOnly`, `DOMRect`, and
//! CSSOM View's `DOMRectList` and element box queries for a host that lays nothing out.

pub mod domrect;

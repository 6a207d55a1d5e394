//! Geometry Interfaces (<https://drafts.fxtf.org/geometry/>): `DOMPoint(ReadOnly)`,
//! `DOMRect(ReadOnly)`, `DOMQuad`, `DOMMatrix(ReadOnly)` with CSS transform-list parsing, and
//! CSSOM View's `DOMRectList` and element box queries for a host that lays nothing out.

pub mod dommatrix;
pub mod dompoint;
pub mod domquad;
pub mod domrect;
pub mod matrix;

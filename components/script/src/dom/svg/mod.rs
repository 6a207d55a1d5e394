//! SVG 2 (<https://svgwg.org/svg2-draft/>) in the DOM, without rendering: the element
//! interfaces, so SVG-namespace elements are `SVGElement`s with their common members.

pub mod geometry;
pub mod svganimatedstring;
pub mod svgelement;
pub mod svgelements;

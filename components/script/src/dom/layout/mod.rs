//! Layout on demand: the CSS box model behind CSSOM View's geometry
//! (`getBoundingClientRect()`, `getClientRects()`, `client*`, `offset*`, `scroll*` sizes) and
//! `ResizeObserver`.
//!
//! Each query builds the box tree of the element's document from the cascade (`boxtree.rs`,
//! `styles.rs`) and lays it out with the DOM-free `layout` crate (`components/layout`: CSS 2.1
//! normal flow; see its crate documentation for what is and is not modelled). Nothing is cached:
//! a style or tree change is seen by the next query. The initial containing block is the
//! viewport Aperture reports (`cssomview::VIEWPORT_WIDTH`×`VIEWPORT_HEIGHT`, 800×600; there are
//! no scroll bars and nothing scrolls), for iframes' documents too.

pub mod boxtree;
pub mod queries;
pub mod styles;

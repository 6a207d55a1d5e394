//! Layout on demand: the CSS box model behind CSSOM View's geometry
//! (`getBoundingClientRect()`, `getClientRects()`, `client*`, `offset*`, `scroll*` sizes) and
//! `ResizeObserver`.
//!
//! A query reads its document's layout (`cache.rs`): the box tree of the whole document built
//! from the cascade (`boxtree.rs`, `styles.rs`) and laid out with the DOM-free `layout` crate
//! (`components/layout`: CSS 2.1 normal flow; see its crate documentation for what is and is
//! not modelled), made again only when something that can move a box changed since, so a style
//! or tree change is seen by the next query and a loop of queries lays out once. The initial containing block is the
//! viewport Aperture reports (`cssomview::VIEWPORT_WIDTH`×`VIEWPORT_HEIGHT`, 800×600; there are
//! no scroll bars and nothing scrolls), for iframes' documents too.

pub mod bench;
pub mod boxtree;
pub mod cache;
pub mod hittest;
pub mod queries;
pub mod styles;

//! CSS as Aperture models it without style sheets: inline style, `CSSStyleDeclaration` and
//! `getComputedStyle()` (<https://drafts.csswg.org/cssom/>).

pub mod computedstyle;
pub mod cssnamespace;
pub mod cssproperties;
pub mod cssstyledeclaration;

//! CSS: inline style, style sheets and their rules (CSSOM), `CSSStyleDeclaration` and
//! `getComputedStyle()` (<https://drafts.csswg.org/cssom/>).

pub mod cascade;
pub mod computedstyle;
pub mod cssconditionrule;
pub mod cssfontfacerule;
pub mod cssgroupingrule;
pub mod cssimportrule;
pub mod csskeyframerule;
pub mod csskeyframesrule;
pub mod cssmediarule;
pub mod cssnamespace;
pub mod cssnamespacerule;
pub mod cssproperties;
pub mod cssrule;
pub mod cssrulelist;
pub mod cssstyledeclaration;
pub mod cssstylerule;
pub mod cssstylesheet;
pub mod csssupportsrule;
pub mod documentorshadowroot;
pub mod medialist;
pub mod sheetparser;
pub mod stylesheet;
pub mod stylesheetlist;

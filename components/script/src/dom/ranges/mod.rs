//! Ranges (<https://dom.spec.whatwg.org/#ranges>) and the selection
//! (<https://w3c.github.io/selection-api/>).

pub mod abstractrange;
pub mod boundary;
pub mod liveranges;
pub mod range;
pub mod selection;

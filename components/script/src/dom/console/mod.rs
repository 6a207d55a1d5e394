//! The Console Standard (<https://console.spec.whatwg.org/>).

pub mod console;

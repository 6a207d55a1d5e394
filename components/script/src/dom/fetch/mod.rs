//! The Fetch Standard (<https://fetch.spec.whatwg.org/>): `fetch()`, `Headers`, `Response`.

pub mod fetch;
pub mod headers;
pub mod response;

//! The Fetch Standard (<https://fetch.spec.whatwg.org/>): `fetch()`, `Headers`, `Request`,
//! `Response` and their Body mixin.

pub mod body;
pub mod fetch;
pub mod formdataparser;
pub mod headers;
pub mod request;
pub mod response;

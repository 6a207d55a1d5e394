//! The URL Standard (<https://url.spec.whatwg.org/>): `URL` on the `url` crate (its parser and the
//! URL API setters of `url::quirks`), `URLSearchParams` on `form_urlencoded`.

pub mod url;
pub mod urlsearchparams;

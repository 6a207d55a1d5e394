//! XMLHttpRequest Standard (<https://xhr.spec.whatwg.org/>): `XMLHttpRequest` and `FormData`.

pub mod formdata;
pub mod xmlhttprequest;

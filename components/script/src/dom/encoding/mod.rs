//! The Encoding Standard (<https://encoding.spec.whatwg.org/>): `TextEncoder` and `TextDecoder`
//! on `encoding_rs` (the labels, decoders and encoders of the standard).

pub mod textdecoder;
pub mod textencoder;

//! The Encoding Standard (<https://encoding.spec.whatwg.org/>): `TextEncoder`, `TextDecoder`
//! and their streams (`TextEncoderStream`, `TextDecoderStream`, TransformStreams set up with
//! native algorithms) on `encoding_rs` (the labels, decoders and encoders of the standard).

pub mod textdecoder;
pub mod textdecoderstream;
pub mod textencoder;
pub mod textencoderstream;

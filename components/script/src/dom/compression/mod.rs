//! The Compression Standard (<https://compression.spec.whatwg.org/>): `CompressionStream` and
//! `DecompressionStream`, TransformStreams of bytes over the codecs of `codec.rs`.

pub mod codec;
pub mod compressionstream;

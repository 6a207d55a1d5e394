//! WebCodecs (<https://w3c.github.io/webcodecs/>): raw frames (`VideoFrame`, `VideoColorSpace`) and
//! the video encoder and decoder (`VideoEncoder`, `VideoDecoder`, `EncodedVideoChunk`) on the engine's
//! codec provider. No audio interface is implemented.

pub mod codecwork;
pub mod encodedvideochunk;
pub mod pixels;
pub mod videocolorspace;
pub mod videodecoder;
pub mod videoencoder;
pub mod videoframe;

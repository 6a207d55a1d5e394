//! WebCodecs (<https://w3c.github.io/webcodecs/>): raw frames (`VideoFrame`, `VideoColorSpace`)
//! and the video encoder (`VideoEncoder`, `EncodedVideoChunk`) on the engine's codec provider.
//! No decoder and no audio interface is implemented.

pub mod encodedvideochunk;
pub mod pixels;
pub mod videocolorspace;
pub mod videoencoder;
pub mod videoframe;

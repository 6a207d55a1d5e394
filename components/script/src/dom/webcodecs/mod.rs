//! WebCodecs' raw frames (<https://w3c.github.io/webcodecs/>): `VideoFrame` and
//! `VideoColorSpace`. No codec is implemented.

pub mod pixels;
pub mod videocolorspace;
pub mod videoframe;

//! The WebGL thread (to be written).

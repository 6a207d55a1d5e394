//! MediaStream Recording (<https://w3c.github.io/mediacapture-record/>): `MediaRecorder` and
//! `BlobEvent`, on the Media thread's recording pipelines (`media/src/recorder.rs`).

pub mod blobevent;
pub mod mediarecorder;

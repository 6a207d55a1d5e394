//! MediaStream Image Capture (<https://w3c.github.io/mediacapture-image/>):
//! the `ImageCapture` interface. Its constrainable properties live with
//! `MediaStreamTrack` (`dom/mediacapture`). `ImageCaptureTest` and
//! `MockImageCapture` are the test-only mock the wpt files use
//! (docs/imagecapture-test.md).

pub mod canvasgrab;
pub mod imagecapture;
pub mod imagecapturetest;
pub mod mockimagecapture;
pub mod mockstate;
pub mod photos;

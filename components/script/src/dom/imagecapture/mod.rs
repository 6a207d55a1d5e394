//! MediaStream Image Capture (<https://w3c.github.io/mediacapture-image/>):
//! the `ImageCapture` interface. Its constrainable properties live with
//! `MediaStreamTrack` (`dom/mediacapture`).

pub mod imagecapture;
pub mod photos;

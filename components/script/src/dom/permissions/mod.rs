//! The Permissions API (<https://w3c.github.io/permissions/>) for the
//! powerful features Aperture has: "camera" (with the `panTiltZoom` member of
//! mediacapture-main's camera descriptor) and "microphone".

pub mod permissions;
pub mod permissionstatus;
pub mod store;

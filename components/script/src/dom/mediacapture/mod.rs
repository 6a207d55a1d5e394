//! Media Capture and Streams (<https://w3c.github.io/mediacapture-main/>):
//! `navigator.mediaDevices`, `MediaStream`, `MediaStreamTrack` and the
//! constrainable pattern, on top of the Media thread (`media_traits`).

pub mod bench;
pub mod constraints;
pub mod devicechangeevent;
pub mod fakemicrophone;
pub mod inputdeviceinfo;
pub mod insertablestreams;
pub mod mediadeviceinfo;
pub mod mediadevices;
pub mod mediastream;
pub mod mediastreamtrack;
pub mod mediastreamtrackevent;
pub mod overconstrainederror;
pub mod testing;
pub mod tracksource;

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use crate::dom::bindings::error::Error;
use media_traits::error::MediaError;

/// A new random identifier in the UUID v4 format (stream and track ids).
pub fn new_uuid() -> String {
    // RandomState is seeded randomly per instance; two draws give 128 bits.
    let draw = || {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(0);
        h.finish()
    };
    let (a, b) = (draw(), draw());
    let time_hi = ((a >> 16) & 0x0fff) | 0x4000;
    let clock = ((b >> 48) & 0x3fff) | 0x8000;
    format!("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, a & 0xffff, time_hi, clock, b & 0xffff_ffff_ffff)
}

/// Maps a media thread error to the DOM error it stands for (one place).
pub fn dom_error(e: MediaError) -> Error {
    match e {
        MediaError::NotFound(m) => Error::NotFound(m),
        MediaError::NotReadable(m) => Error::NotReadable(m),
        MediaError::Overconstrained { constraint, message } => Error::Overconstrained { constraint, message },
        MediaError::NotSupported(m) => Error::NotSupported(m),
        MediaError::InvalidState(m) => Error::InvalidState(m),
        MediaError::Operation(m) => Error::Operation(m),
        MediaError::Unknown(m) => Error::Unknown(m),
        MediaError::Abort(m) => Error::Abort(m),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn uuids_look_like_v4_and_differ() {
        let a = super::new_uuid();
        let b = super::new_uuid();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
    }
}

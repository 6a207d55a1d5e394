//! The model of a canvas capture source (`HTMLCanvasElement.captureStream()`),
//! shared so that script, which creates the track synchronously, and the
//! Media thread describe the same source the same way.
//!
//! A canvas source has one mode: the canvas's current size at the
//! `frameRequestRate` given (60 without one, Chromium's default), no
//! crop-and-scale, and a photo model that is its size and nothing else.

use base::SourceId;
use base::units::ImageSize;

use crate::constraints::MediaTrackConstraints;
use crate::photo::{PhotoRange, PhotoState};
use crate::select::{ActiveMode, DeviceModel, ResizeMode, VideoMode};
use crate::settings::{TrackState, track_state};

/// The frame rate a canvas source reports without a `frameRequestRate`.
pub const DEFAULT_CANVAS_FRAME_RATE: f64 = 60.0;

/// The photo model of a canvas: its current size, nothing else.
pub fn canvas_photo_state(size: ImageSize) -> PhotoState {
    let (w, h) = (size.width as f64, size.height as f64);
    PhotoState { width: PhotoRange::new(w, w, w, 0.0), height: PhotoRange::new(h, h, h, 0.0), ..Default::default() }
}

/// The mode of a canvas of `size` captured at `rate`.
pub fn canvas_mode(size: ImageSize, rate: Option<f64>) -> ActiveMode {
    let native =
        VideoMode { width: size.width, height: size.height, frame_rate: rate.unwrap_or(DEFAULT_CANVAS_FRAME_RATE) };
    ActiveMode {
        native,
        width: size.width,
        height: size.height,
        frame_rate: native.frame_rate,
        resize_mode: ResizeMode::None,
    }
}

/// The SelectSettings model of a canvas source.
pub fn canvas_model(id: SourceId, mode: &ActiveMode) -> DeviceModel {
    DeviceModel {
        device_id: format!("canvas-{}", id.0),
        group_id: String::new(),
        facing_mode: None,
        modes: vec![mode.native],
        crop_and_scale: false,
        photo: canvas_photo_state(ImageSize::new(mode.width, mode.height)),
        current: Some(*mode),
    }
}

/// The settings and capabilities of canvas source `id` for a canvas of
/// `size` captured at `rate` (what `getSettings()`/`getCapabilities()` show).
pub fn canvas_track_state(id: SourceId, size: ImageSize, rate: Option<f64>) -> TrackState {
    let mode = canvas_mode(size, rate);
    track_state(&canvas_model(id, &mode), &mode, &MediaTrackConstraints::default(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_follow_size_and_rate() {
        let state = canvas_track_state(SourceId(7), ImageSize::new(166, 72), None);
        assert_eq!(state.settings.width, Some(166));
        assert_eq!(state.settings.height, Some(72));
        assert_eq!(state.settings.frame_rate, Some(60.0));
        assert_eq!(state.settings.device_id.as_deref(), Some("canvas-7"));
        assert_eq!(state.capabilities.torch, None);
        let zero = canvas_track_state(SourceId(7), ImageSize::new(0, 0), Some(0.0));
        assert_eq!(
            (zero.settings.width, zero.settings.height, zero.settings.frame_rate),
            (Some(0), Some(0), Some(0.0))
        );
    }
}

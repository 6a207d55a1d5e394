//! One source in the Media thread's registry: a camera or a canvas feed, its
//! tap, its SelectSettings model and its constraints.

use std::sync::Arc;

use base::{SourceId, VideoFrame};
use gstreamer::prelude::*;
use media_traits::constraints::MediaTrackConstraints;
use media_traits::photo::PhotoState;
use media_traits::select::{ActiveMode, DeviceModel};
use media_traits::settings::{TrackState, track_state};

use crate::camera::{self, Camera, CameraChain};
use crate::canvas::CanvasFeed;
use crate::fake_camera::FakeCameraControls;
use crate::pipeline::{Counters, Tap};

/// What feeds the source.
#[allow(clippy::large_enum_variant, reason = "one per source, never moved in bulk")]
pub enum Kind {
    /// A camera opened through the device monitor.
    Camera {
        /// The device (kept so the GstDevice outlives the element it made).
        #[allow(dead_code)]
        camera: Camera,
        /// Its element chain.
        chain: CameraChain,
    },
    /// A canvas fed by `PushFrame`.
    Canvas {
        /// The producer pipeline.
        feed: CanvasFeed,
        /// The last pushed frame (grabFrame answers it at once).
        latest: Option<VideoFrame>,
    },
}

/// A live source.
pub struct Source {
    /// Its id.
    pub id: SourceId,
    /// Device label (empty for canvas).
    pub label: String,
    /// What feeds it.
    pub kind: Kind,
    /// Frame I/O. Dropped (torn down) with the source.
    pub tap: Tap,
    /// Counters shared with streaming threads.
    pub counters: Arc<Counters>,
    /// Constraints last applied.
    pub constraints: MediaTrackConstraints,
    /// Whether the PTZ permission was granted for it.
    pub ptz_permitted: bool,
    /// The SelectSettings model; `model.photo` is the source's own photo state.
    pub model: DeviceModel,
    /// What it delivers now.
    pub mode: ActiveMode,
    /// Whether it reported itself muted.
    pub muted: bool,
    /// Whether a first frame went through.
    pub ready: bool,
}

pub use media_traits::canvas::{canvas_mode, canvas_model};

impl Source {
    /// The fake camera's controls, if this is the fake camera.
    pub fn controls(&self) -> Option<&Arc<FakeCameraControls>> {
        match &self.kind {
            Kind::Camera { chain, .. } => chain.controls.as_ref(),
            Kind::Canvas { .. } => None,
        }
    }

    /// Whether it is a canvas source.
    pub fn is_canvas(&self) -> bool {
        matches!(self.kind, Kind::Canvas { .. })
    }

    /// The model with `photo` standing in for the device's controls.
    pub fn model_with(&self, photo: Option<&PhotoState>) -> DeviceModel {
        let mut m = self.model.clone();
        if let Some(p) = photo {
            m.photo = p.clone();
        }
        m.current = Some(self.mode);
        m
    }

    /// The dictionaries, with `photo` standing in for the device's controls.
    pub fn track_state(&self, photo: Option<&PhotoState>) -> TrackState {
        track_state(&self.model_with(photo), &self.mode, &self.constraints, self.ptz_permitted)
    }

    /// Switches a camera to `mode` by re-setting its capsfilters (the device
    /// renegotiates). Canvas modes follow the canvas and never change here.
    pub fn set_mode(&mut self, mode: ActiveMode) {
        if let Kind::Camera { chain, .. } = &self.kind {
            let native_changes = mode.native != self.mode.native;
            let out_changes =
                (mode.width, mode.height, mode.frame_rate) != (self.mode.width, self.mode.height, self.mode.frame_rate);
            // The device may renegotiate (on its streaming thread) between the two capsfilter
            // changes. A new native rate below the old delivered one, or the reverse, cannot be
            // negotiated (videorate only drops frames) and would stop the stream with
            // not-negotiated; so while both change, the delivered caps fix only the size, and
            // get their rate back once the native mode is in place.
            if native_changes && out_changes {
                chain.out_filter.set_property("caps", camera::out_size_caps(&mode));
            }
            if native_changes {
                if let Some(embedder) = &chain.embedder {
                    embedder.set_mode(mode.native);
                }
                chain.native_filter.set_property("caps", camera::native_caps(&mode, chain.kind));
            }
            if out_changes {
                chain.out_filter.set_property("caps", camera::out_caps(&mode));
            }
            self.mode = mode;
            self.model.current = Some(mode);
        }
    }

    /// Frame interval of the current mode.
    pub fn frame_interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(1.0 / self.mode.frame_rate.max(1.0))
    }
}

//! Aperture's fake camera: a GStreamer device provider that lists one
//! "Aperture Fake Camera" (device class `Video/Source`, UVC-like YUY2 and
//! MJPEG modes), whose `create_element()` gives a live source element that
//! draws a test scene and applies every image-capture control to it.
//!
//! Opening it goes through `GstDeviceMonitor` → `GstDevice::create_element`,
//! the same code a real webcam takes.

mod render;
mod src;

use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError};

use glib::subclass::prelude::*;
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer::subclass::prelude::*;
use media_traits::messages::FakeCameraAction;
use media_traits::photo::{FillLightMode, MeteringMode, PhotoRange, PhotoState, RedEyeReduction};

pub use render::{BLUE, GREEN, GREY, RED, YELLOW};
pub use src::FakeCameraSrc;

/// The device's display name.
pub const FAKE_CAMERA_LABEL: &str = "Aperture Fake Camera";
/// Its stable device id.
pub const FAKE_CAMERA_ID: &str = "aperture-fake-camera-0";
const PROVIDER_NAME: &str = "aperturefakecameraprovider";

/// Native modes, as a UVC webcam lists them: every size at 30 and 15 fps.
pub const FAKE_CAMERA_SIZES: [(u32, u32); 8] =
    [(160, 120), (320, 240), (640, 360), (640, 480), (800, 600), (1024, 768), (1280, 720), (1920, 1080)];

/// The device caps: YUY2 and MJPEG at every size and rate. 640x480 comes first
/// so unconstrained negotiation picks it.
pub fn fake_camera_caps() -> gst::Caps {
    let mut caps = gst::Caps::new_empty();
    let caps_mut = caps.get_mut().expect("new caps are writable");
    let mut sizes = FAKE_CAMERA_SIZES.to_vec();
    sizes.sort_by_key(|s| *s != (640, 480));
    for media in ["video/x-raw", "image/jpeg"] {
        for &(w, h) in &sizes {
            let mut b = gst::Structure::builder(media).field("width", w as i32).field("height", h as i32);
            if media == "video/x-raw" {
                b = b.field("format", "YUY2");
            }
            let rates = gst::List::new([gst::Fraction::new(30, 1), gst::Fraction::new(15, 1)]);
            caps_mut.append_structure(b.field("framerate", rates).build());
        }
    }
    caps
}

/// The controls a fresh fake camera starts with, for a stream of `w`×`h`.
pub fn default_photo_state(w: u32, h: u32) -> PhotoState {
    PhotoState {
        supported_white_balance_modes: vec![MeteringMode::Manual, MeteringMode::Continuous],
        current_white_balance_mode: Some(MeteringMode::Continuous),
        supported_exposure_modes: vec![MeteringMode::Manual, MeteringMode::Continuous],
        current_exposure_mode: Some(MeteringMode::Continuous),
        supported_focus_modes: vec![MeteringMode::Manual, MeteringMode::SingleShot, MeteringMode::Continuous],
        current_focus_mode: Some(MeteringMode::Continuous),
        points_of_interest: vec![],
        exposure_compensation: Some(PhotoRange::new(-3.0, 3.0, 0.0, 1.0 / 3.0)),
        exposure_time: Some(PhotoRange::new(10.0, 2500.0, 333.0, 1.0)),
        color_temperature: Some(PhotoRange::new(2500.0, 10000.0, 6500.0, 100.0)),
        iso: Some(PhotoRange::new(100.0, 3200.0, 100.0, 100.0)),
        brightness: Some(PhotoRange::new(-64.0, 64.0, 0.0, 1.0)),
        contrast: Some(PhotoRange::new(0.0, 64.0, 32.0, 1.0)),
        saturation: Some(PhotoRange::new(0.0, 128.0, 64.0, 1.0)),
        sharpness: Some(PhotoRange::new(0.0, 7.0, 3.0, 1.0)),
        focus_distance: Some(PhotoRange::new(0.1, 10.0, 1.0, 0.1)),
        pan: Some(PhotoRange::new(-36000.0, 36000.0, 0.0, 3600.0)),
        tilt: Some(PhotoRange::new(-36000.0, 36000.0, 0.0, 3600.0)),
        zoom: Some(PhotoRange::new(1.0, 4.0, 1.0, 0.1)),
        supports_torch: true,
        torch: false,
        red_eye_reduction: RedEyeReduction::Controllable,
        height: PhotoRange::new(120.0, 1080.0, h as f64, 1.0),
        width: PhotoRange::new(160.0, 1920.0, w as f64, 1.0),
        fill_light_mode: vec![FillLightMode::Off, FillLightMode::Auto, FillLightMode::Flash],
    }
}

/// The live state of one opened fake camera, shared by its element (which
/// draws with it) and the Media thread (which sets controls and test hooks).
#[derive(Debug)]
pub struct FakeCameraControls {
    state: Mutex<ControlState>,
    wake: Condvar,
}

#[derive(Debug)]
struct ControlState {
    photo: PhotoState,
    frozen: bool,
    unplugged: bool,
}

impl FakeCameraControls {
    fn new() -> Arc<FakeCameraControls> {
        Arc::new(FakeCameraControls {
            state: Mutex::new(ControlState { photo: default_photo_state(640, 480), frozen: false, unplugged: false }),
            wake: Condvar::new(),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ControlState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The current control values.
    pub fn photo_state(&self) -> PhotoState {
        self.lock().photo.clone()
    }

    /// Replaces the control values (the element uses them from its next frame).
    pub fn set_photo_state(&self, photo: PhotoState) {
        self.lock().photo = photo;
    }

    /// Whether a test froze the camera: it then produces nothing, frames or stills.
    pub fn is_frozen(&self) -> bool {
        self.lock().frozen
    }

    /// Applies a test hook.
    pub fn act(&self, action: FakeCameraAction) {
        let mut s = self.lock();
        match action {
            FakeCameraAction::Unplug => s.unplugged = true,
            FakeCameraAction::Freeze => s.frozen = true,
            FakeCameraAction::Thaw => s.frozen = false,
            // Handled (by panicking) before the camera is reached.
            FakeCameraAction::PanicInHandler => {}
        }
        drop(s);
        self.wake.notify_all();
    }

    /// Renders a still at `w`×`h` (RGBA) with the current controls; `fill`
    /// is the photo's fill light mode (flash brightens the picture).
    pub fn render_still(&self, w: u32, h: u32, fill: Option<FillLightMode>) -> Vec<u8> {
        let look = render::Look::from_state(&self.photo_state(), fill == Some(FillLightMode::Flash));
        render::render_rgba(&mut render::SceneCache::default(), &look, w, h, 0)
    }
}

mod device_imp {
    use super::*;

    #[derive(Default)]
    pub struct FakeCameraDevice;

    #[glib::object_subclass]
    impl ObjectSubclass for FakeCameraDevice {
        const NAME: &'static str = "ApertureFakeCameraDevice";
        type Type = super::FakeCameraDevice;
        type ParentType = gst::Device;
    }

    impl ObjectImpl for FakeCameraDevice {}
    impl GstObjectImpl for FakeCameraDevice {}

    impl DeviceImpl for FakeCameraDevice {
        fn create_element(&self, name: Option<&str>) -> Result<gst::Element, gst::LoggableError> {
            let element = FakeCameraSrc::new(FakeCameraControls::new());
            if let Some(name) = name {
                element.set_property("name", name);
            }
            Ok(element.upcast())
        }
    }

    #[derive(Default)]
    pub struct FakeCameraProvider;

    #[glib::object_subclass]
    impl ObjectSubclass for FakeCameraProvider {
        const NAME: &'static str = "ApertureFakeCameraProvider";
        type Type = super::FakeCameraProvider;
        type ParentType = gst::DeviceProvider;
    }

    impl ObjectImpl for FakeCameraProvider {}
    impl GstObjectImpl for FakeCameraProvider {}

    impl DeviceProviderImpl for FakeCameraProvider {
        fn metadata() -> Option<&'static gst::subclass::DeviceProviderMetadata> {
            static META: OnceLock<gst::subclass::DeviceProviderMetadata> = OnceLock::new();
            Some(META.get_or_init(|| {
                gst::subclass::DeviceProviderMetadata::new(
                    "Aperture fake camera provider",
                    "Source/Video",
                    "Lists Aperture's built-in fake camera",
                    "Aperture",
                )
            }))
        }

        fn probe(&self) -> Vec<gst::Device> {
            let properties = gst::Structure::builder("aperture-fake-camera")
                .field("device.api", "aperture-fake")
                .field("device.path", FAKE_CAMERA_ID)
                .build();
            let device: super::FakeCameraDevice = glib::Object::builder()
                .property("display-name", FAKE_CAMERA_LABEL)
                .property("device-class", "Video/Source")
                .property("caps", fake_camera_caps())
                .property("properties", properties)
                .build();
            vec![device.upcast()]
        }
    }
}

glib::wrapper! {
    /// The GstDevice of the fake camera.
    pub struct FakeCameraDevice(ObjectSubclass<device_imp::FakeCameraDevice>) @extends gst::Device, gst::Object;
}

glib::wrapper! {
    /// The GstDeviceProvider listing the fake camera.
    pub struct FakeCameraProvider(ObjectSubclass<device_imp::FakeCameraProvider>) @extends gst::DeviceProvider, gst::Object;
}

/// Registers the provider (once per process; needs `gst::init()` first).
pub fn register() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        gst::DeviceProvider::register(None, PROVIDER_NAME, gst::Rank::PRIMARY, FakeCameraProvider::static_type())
            .map_err(|e| e.to_string())
    })
    .clone()
}

/// Forces the fake camera: every other device provider gets rank NONE, so
/// device monitors list only it (process-wide, like GStreamer's registry).
pub fn demote_other_providers() {
    let registry = gst::Registry::get();
    for feature in registry.features(gst::DeviceProviderFactory::static_type()) {
        if feature.name() != PROVIDER_NAME {
            feature.set_rank(gst::Rank::NONE);
        }
    }
}

#[cfg(test)]
mod tests {
    use gstreamer_app as gst_app;

    use super::*;
    use crate::camera::{CapsKind, modes_from_caps};

    #[test]
    fn device_caps_list_every_mode_in_yuy2_and_mjpeg() {
        crate::init().unwrap();
        let caps = fake_camera_caps();
        assert_eq!(caps.size(), 2 * FAKE_CAMERA_SIZES.len());
        let modes = modes_from_caps(&caps);
        assert_eq!(modes.len(), 2 * FAKE_CAMERA_SIZES.len(), "8 sizes at 30 and 15 fps");
        assert!(modes.iter().all(|(_, kind)| *kind == CapsKind::Raw), "raw is preferred where both exist");
    }

    #[test]
    fn mjpeg_mode_produces_decodable_frames() {
        crate::init().unwrap();
        let src = FakeCameraSrc::new(FakeCameraControls::new());
        let caps = gst::Caps::builder("image/jpeg")
            .field("width", 320i32)
            .field("height", 240i32)
            .field("framerate", gst::Fraction::new(30, 1))
            .build();
        let filter = gst::ElementFactory::make("capsfilter").property("caps", caps).build().unwrap();
        let dec = gst::ElementFactory::make("jpegdec").build().unwrap();
        let convert = gst::ElementFactory::make("videoconvert").build().unwrap();
        let sink = gst_app::AppSink::builder()
            .caps(&gstreamer_video::VideoCapsBuilder::new().format(gstreamer_video::VideoFormat::Rgba).build())
            .sync(false)
            .build();
        let pipeline = gst::Pipeline::new();
        let elements = [src.upcast_ref::<gst::Element>(), &filter, &dec, &convert, sink.upcast_ref()];
        pipeline.add_many(elements).unwrap();
        gst::Element::link_many(elements).unwrap();
        pipeline.set_state(gst::State::Playing).unwrap();
        let sample = sink.try_pull_sample(gst::ClockTime::from_seconds(5)).expect("a decoded frame");
        let info = gstreamer_video::VideoInfo::from_caps(sample.caps().unwrap()).unwrap();
        assert_eq!((info.width(), info.height()), (320, 240));
        let map = sample.buffer().unwrap().map_readable().unwrap();
        let px = &map.as_slice()[(10 * info.stride()[0] as usize) + 40..][..3];
        assert!(px[0] > 180 && px[1] < 90 && px[2] < 90, "top left is red: {px:?}");
        drop(map);
        pipeline.set_state(gst::State::Null).unwrap();
    }
}

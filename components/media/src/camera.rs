//! Camera discovery and opening through `GstDeviceMonitor`, with Aperture's
//! own device selection (servo-media always takes the first device and its
//! constraint-to-caps conversion is unreliable, see media-backend.md §4.2).

use std::sync::Arc;

use gstreamer as gst;
use gstreamer::prelude::*;
use media_traits::error::MediaError;
use media_traits::messages::DeviceInfo;
use media_traits::photo::{PhotoRange, PhotoState};
use media_traits::select::{ActiveMode, DeviceModel, VideoMode};
use servo_media_gstreamer::media_stream::GStreamerMediaStream;
use servo_media_streams::registry::MediaStreamId;

use crate::CameraChoice;
use crate::elements::ElementMaker;
use crate::embedder_camera::{self, CameraBackend, CameraFrames, EmbedderCameraHandle};
use crate::fake_camera::{self, FakeCameraControls, FakeCameraDevice, FakeCameraSrc};

/// Where a camera comes from.
pub enum CameraDevice {
    /// A GStreamer device (a real camera or the fake one).
    Gst(gst::Device),
    /// One of the embedder's cameras (`embedder_camera`).
    Embedder(Arc<dyn CameraBackend>),
}

/// A camera found by the device monitor or offered by the embedder.
pub struct Camera {
    /// Where it comes from.
    pub device: CameraDevice,
    /// What script sees.
    pub info: DeviceInfo,
    /// Native modes with their caps media type.
    pub modes: Vec<(VideoMode, CapsKind)>,
}

/// How a native mode is delivered.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum CapsKind {
    /// `video/x-raw` (YUY2, NV12…).
    Raw,
    /// `image/jpeg` (needs `jpegdec`).
    Jpeg,
}

fn device_id(device: &gst::Device) -> String {
    let props = device.properties();
    for key in ["device.path", "api.v4l2.path", "object.path", "device.serial"] {
        if let Some(v) = props.as_ref().and_then(|p| p.get::<String>(key).ok()) {
            return v;
        }
    }
    device.display_name().to_string()
}

fn fractions(v: &glib::SendValue) -> Vec<f64> {
    let f = |f: gst::Fraction| f.numer() as f64 / f.denom().max(1) as f64;
    if let Ok(x) = v.get::<gst::Fraction>() {
        vec![f(x)]
    } else if let Ok(l) = v.get::<gst::List>() {
        l.iter().filter_map(|x| x.get::<gst::Fraction>().ok()).map(f).collect()
    } else if let Ok(r) = v.get::<gst::FractionRange>() {
        vec![f(r.max()), f(r.min())].into_iter().filter(|x| *x >= 1.0).collect()
    } else {
        vec![30.0]
    }
}

fn ints(v: Option<&glib::SendValue>) -> Vec<u32> {
    let Some(v) = v else { return vec![] };
    if let Ok(x) = v.get::<i32>() {
        vec![x as u32]
    } else if let Ok(r) = v.get::<gst::IntRange<i32>>() {
        vec![r.max() as u32]
    } else if let Ok(l) = v.get::<gst::List>() {
        l.iter().filter_map(|x| x.get::<i32>().ok()).map(|x| x as u32).collect()
    } else {
        vec![]
    }
}

/// Native modes from device caps, raw preferred where both exist.
pub fn modes_from_caps(caps: &gst::Caps) -> Vec<(VideoMode, CapsKind)> {
    let mut modes: Vec<(VideoMode, CapsKind)> = Vec::new();
    for s in caps.iter() {
        let kind = match s.name().as_str() {
            "video/x-raw" => CapsKind::Raw,
            "image/jpeg" => CapsKind::Jpeg,
            _ => continue,
        };
        let rates = s.value("framerate").map(fractions).unwrap_or_else(|_| vec![30.0]);
        for w in ints(s.value("width").ok()) {
            for h in ints(s.value("height").ok()) {
                for &fps in &rates {
                    let mode = VideoMode { width: w, height: h, frame_rate: fps };
                    match modes.iter_mut().find(|(m, _)| *m == mode) {
                        Some(existing) if kind == CapsKind::Raw => existing.1 = CapsKind::Raw,
                        Some(_) => {}
                        None => modes.push((mode, kind)),
                    }
                }
            }
        }
    }
    modes
}

/// Lists cameras, honouring `choice` (the fake camera is the fallback of
/// `Auto`); the embedder's cameras count as real ones.
pub fn discover(choice: &CameraChoice, backend: Option<&Arc<dyn CameraBackend>>) -> Vec<Camera> {
    let monitor = gst::DeviceMonitor::new();
    let filter = monitor.add_filter(Some("Video/Source"), None);
    let devices: Vec<gst::Device> = monitor.devices().into_iter().collect();
    if let Some(f) = filter {
        let _ = monitor.remove_filter(f);
    }
    let cameras: Vec<Camera> = devices
        .into_iter()
        .filter_map(|device| {
            let is_fake = device.is::<FakeCameraDevice>();
            let caps = device.caps()?;
            let modes = modes_from_caps(&caps);
            if modes.is_empty() {
                return None;
            }
            let id = device_id(&device);
            let info = DeviceInfo {
                group_id: format!("group:{id}"),
                device_id: id,
                label: device.display_name().to_string(),
                is_fake,
                capabilities: Default::default(),
            };
            Some(Camera { device: CameraDevice::Gst(device), info, modes })
        })
        .chain(backend.into_iter().flat_map(|backend| {
            embedder_camera::cameras(&**backend).into_iter().map(|c| Camera {
                device: CameraDevice::Embedder(backend.clone()),
                info: DeviceInfo {
                    group_id: format!("group:{}", c.device_id),
                    device_id: c.device_id,
                    label: c.label,
                    is_fake: false,
                    capabilities: Default::default(),
                },
                modes: c.modes.into_iter().map(|m| (m, CapsKind::Raw)).collect(),
            })
        }))
        .collect();
    match choice {
        CameraChoice::Fake => cameras.into_iter().filter(|c| c.info.is_fake).collect(),
        CameraChoice::Auto => {
            if cameras.iter().any(|c| !c.info.is_fake) {
                cameras.into_iter().filter(|c| !c.info.is_fake).collect()
            } else {
                cameras
            }
        }
        CameraChoice::Device(id) => cameras.into_iter().filter(|c| &c.info.device_id == id).collect(),
    }
}

/// The photo model of a camera: the fake camera's full controls; a real
/// camera offers only photo sizes (its V4L2 controls are not wired up).
pub fn photo_state(camera: &Camera, mode: Option<&ActiveMode>) -> PhotoState {
    let (w, h) = mode.map_or((640, 480), |m| (m.width, m.height));
    if camera.info.is_fake {
        return fake_camera::default_photo_state(w, h);
    }
    let max_w = camera.modes.iter().map(|m| m.0.width).max().unwrap_or(w) as f64;
    let max_h = camera.modes.iter().map(|m| m.0.height).max().unwrap_or(h) as f64;
    let min_w = camera.modes.iter().map(|m| m.0.width).min().unwrap_or(w) as f64;
    let min_h = camera.modes.iter().map(|m| m.0.height).min().unwrap_or(h) as f64;
    PhotoState {
        width: PhotoRange::new(min_w, max_w, w as f64, 1.0),
        height: PhotoRange::new(min_h, max_h, h as f64, 1.0),
        ..Default::default()
    }
}

/// The SelectSettings input for a camera.
pub fn model(camera: &Camera, photo: PhotoState, current: Option<ActiveMode>, only: Option<CapsKind>) -> DeviceModel {
    DeviceModel {
        device_id: camera.info.device_id.clone(),
        group_id: camera.info.group_id.clone(),
        facing_mode: None,
        modes: camera.modes.iter().filter(|(_, k)| only.is_none_or(|o| o == *k)).map(|(m, _)| *m).collect(),
        crop_and_scale: true,
        photo,
        current,
    }
}

/// How `mode`'s native mode is delivered by `camera` (raw unless it is a JPEG mode).
pub fn caps_kind(camera: &Camera, mode: &ActiveMode) -> CapsKind {
    camera.modes.iter().find(|(m, _)| *m == mode.native).map_or(CapsKind::Raw, |(_, k)| *k)
}

/// An opened camera's element chain and its two capsfilters.
pub struct CameraChain {
    /// The servo-media stream (registered).
    pub stream: MediaStreamId,
    /// Fixes the native mode the device runs in.
    pub native_filter: gst::Element,
    /// Fixes the delivered size and rate (crop-and-scale).
    pub out_filter: gst::Element,
    /// How the native mode is delivered.
    pub kind: CapsKind,
    /// The fake camera's controls, if it is the fake camera.
    pub controls: Option<Arc<FakeCameraControls>>,
    /// The embedder's running camera, if it is one of the embedder's.
    pub embedder: Option<EmbedderCameraHandle>,
}

/// Caps of the native mode.
pub fn native_caps(mode: &ActiveMode, kind: CapsKind) -> gst::Caps {
    let name = if kind == CapsKind::Raw { "video/x-raw" } else { "image/jpeg" };
    gst::Caps::builder(name)
        .field("width", mode.native.width as i32)
        .field("height", mode.native.height as i32)
        .field("framerate", gst::Fraction::approximate_f64(mode.native.frame_rate).unwrap_or(gst::Fraction::new(30, 1)))
        .build()
}

/// Caps of what the track delivers, at any frame rate (while the native mode changes).
pub fn out_size_caps(mode: &ActiveMode) -> gst::Caps {
    gst::Caps::builder("video/x-raw").field("width", mode.width as i32).field("height", mode.height as i32).build()
}

/// Caps of what the track delivers.
pub fn out_caps(mode: &ActiveMode) -> gst::Caps {
    gst::Caps::builder("video/x-raw")
        .field("width", mode.width as i32)
        .field("height", mode.height as i32)
        .field("framerate", gst::Fraction::approximate_f64(mode.frame_rate).unwrap_or(gst::Fraction::new(30, 1)))
        .build()
}

/// Creates the device's element and wraps it as
/// `device ! capsfilter(native) [! jpegdec] ! videorate ! videoscale ! capsfilter(out)`,
/// registered as a servo-media stream (`create_video_from`).
pub fn open(camera: &Camera, mode: &ActiveMode, maker: &dyn ElementMaker) -> Result<CameraChain, MediaError> {
    let kind = caps_kind(camera, mode);
    let mut needed = vec!["capsfilter", "videorate", "videoscale", "videoconvert", "queue"];
    if kind == CapsKind::Jpeg {
        needed.push("jpegdec");
    }
    maker.require(&needed)?;
    let (element, embedder) = match &camera.device {
        CameraDevice::Gst(device) => {
            let element = device
                .create_element(None)
                .map_err(|e| MediaError::NotReadable(format!("{} could not be opened: {e}", camera.info.label)))?;
            (element, None)
        }
        CameraDevice::Embedder(backend) => {
            maker.require(&["appsrc"])?;
            let appsrc = embedder_camera::appsrc();
            let frames = CameraFrames::new(appsrc.clone(), mode.native);
            let session = embedder_camera::open(&**backend, &camera.info.device_id, mode.native, frames.clone())
                .map_err(|e| MediaError::NotReadable(format!("{} could not be opened: {e}", camera.info.label)))?;
            let handle = EmbedderCameraHandle { frames, session: std::sync::Mutex::new(session) };
            (appsrc.upcast(), Some(handle))
        }
    };
    let controls = element.downcast_ref::<FakeCameraSrc>().map(FakeCameraSrc::controls);
    let bin = gst::Bin::new();
    let native_filter = maker.make("capsfilter")?;
    native_filter.set_property("caps", native_caps(mode, kind));
    let rate = maker.make("videorate")?;
    rate.set_property("drop-only", true);
    let scale = maker.make("videoscale")?;
    let out_filter = maker.make("capsfilter")?;
    out_filter.set_property("caps", out_caps(mode));
    let mut chain = vec![element, native_filter.clone()];
    if kind == CapsKind::Jpeg {
        chain.push(maker.make("jpegdec")?);
    }
    chain.extend([rate, scale, out_filter.clone()]);
    let link_err = |e: glib::BoolError| MediaError::NotReadable(format!("could not build the camera chain: {e}"));
    bin.add_many(&chain).map_err(link_err)?;
    gst::Element::link_many(&chain).map_err(link_err)?;
    let pad = out_filter.static_pad("src").expect("capsfilter has a src pad");
    let ghost = gst::GhostPad::with_target(&pad).map_err(link_err)?;
    bin.add_pad(&ghost).map_err(link_err)?;
    let stream = GStreamerMediaStream::create_video_from(bin.upcast());
    Ok(CameraChain { stream, native_filter, out_filter, kind, controls, embedder })
}

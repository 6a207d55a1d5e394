//! The fake camera's source element: a live `PushSrc` producing YUY2 (or
//! MJPEG) frames at the negotiated mode, paced by the wall clock, drawing with
//! the controls in its [`FakeCameraControls`].

use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use glib::subclass::prelude::*;
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer::subclass::prelude::*;
use gstreamer_base as gst_base;
use gstreamer_base::prelude::*;
use gstreamer_base::subclass::base_src::CreateSuccess;
use gstreamer_base::subclass::prelude::*;

use super::render::{Look, SceneCache, render_rgba, render_yuy2};
use super::{FakeCameraControls, fake_camera_caps};

#[derive(Clone, Copy, Debug)]
struct Mode {
    width: u32,
    height: u32,
    fps: f64,
    jpeg: bool,
}

#[derive(Default)]
struct Streaming {
    mode: Option<Mode>,
    frame: u64,
    next: Option<Instant>,
    cache: SceneCache,
}

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct FakeCameraSrc {
        pub(super) controls: OnceLock<Arc<FakeCameraControls>>,
        streaming: Mutex<Streaming>,
        flushing: Mutex<bool>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for FakeCameraSrc {
        const NAME: &'static str = "ApertureFakeCameraSrc";
        type Type = super::FakeCameraSrc;
        type ParentType = gst_base::PushSrc;
    }

    impl ObjectImpl for FakeCameraSrc {
        fn constructed(&self) {
            self.parent_constructed();
            let obj = self.obj();
            obj.set_live(true);
            obj.set_format(gst::Format::Time);
        }
    }

    impl GstObjectImpl for FakeCameraSrc {}

    impl ElementImpl for FakeCameraSrc {
        fn metadata() -> Option<&'static gst::subclass::ElementMetadata> {
            static META: OnceLock<gst::subclass::ElementMetadata> = OnceLock::new();
            Some(META.get_or_init(|| {
                gst::subclass::ElementMetadata::new(
                    "Aperture fake camera source",
                    "Source/Video",
                    "Draws a test scene with image-capture controls applied",
                    "Aperture",
                )
            }))
        }

        fn pad_templates() -> &'static [gst::PadTemplate] {
            static TEMPLATES: OnceLock<Vec<gst::PadTemplate>> = OnceLock::new();
            TEMPLATES.get_or_init(|| {
                vec![
                    gst::PadTemplate::new("src", gst::PadDirection::Src, gst::PadPresence::Always, &fake_camera_caps())
                        .expect("valid pad template"),
                ]
            })
        }
    }

    impl BaseSrcImpl for FakeCameraSrc {
        fn is_seekable(&self) -> bool {
            false
        }

        fn set_caps(&self, caps: &gst::Caps) -> Result<(), gst::LoggableError> {
            let s = caps.structure(0).ok_or_else(|| gst::loggable_error!(gst::CAT_RUST, "empty caps"))?;
            let width = s.get::<i32>("width").map_err(|_| gst::loggable_error!(gst::CAT_RUST, "no width"))?;
            let height = s.get::<i32>("height").map_err(|_| gst::loggable_error!(gst::CAT_RUST, "no height"))?;
            let rate = s.get::<gst::Fraction>("framerate").unwrap_or(gst::Fraction::new(30, 1));
            let fps = rate.numer() as f64 / rate.denom().max(1) as f64;
            let mode =
                Mode { width: width as u32, height: height as u32, fps: fps.max(1.0), jpeg: s.name() == "image/jpeg" };
            let mut st = self.streaming.lock().unwrap_or_else(PoisonError::into_inner);
            st.mode = Some(mode);
            st.next = None;
            Ok(())
        }

        /// Negotiation can race with a mode change: a capsfilter downstream takes new caps
        /// between the peer query and the caps event, and refuses what was picked. The camera
        /// then negotiates again with what is downstream now (as a device does on its next
        /// frame); only refusals in a row stop the stream with not-negotiated.
        fn negotiate(&self) -> Result<(), gst::LoggableError> {
            let mut result = self.parent_negotiate();
            for _ in 0..3 {
                if result.is_ok() {
                    break;
                }
                result = self.parent_negotiate();
            }
            result
        }

        fn fixate(&self, caps: gst::Caps) -> gst::Caps {
            // Prefer the first listed structure (640x480 YUY2) and 30 fps.
            let mut caps = caps;
            caps.truncate();
            if let Some(s) = caps.make_mut().structure_mut(0) {
                s.fixate_field_nearest_fraction("framerate", gst::Fraction::new(30, 1));
            }
            self.parent_fixate(caps)
        }

        fn unlock(&self) -> Result<(), gst::ErrorMessage> {
            *self.flushing.lock().unwrap_or_else(PoisonError::into_inner) = true;
            if let Some(c) = self.controls.get() {
                c.wake.notify_all();
            }
            Ok(())
        }

        fn unlock_stop(&self) -> Result<(), gst::ErrorMessage> {
            *self.flushing.lock().unwrap_or_else(PoisonError::into_inner) = false;
            Ok(())
        }
    }

    impl PushSrcImpl for FakeCameraSrc {
        fn create(&self, _buffer: Option<&mut gst::BufferRef>) -> Result<CreateSuccess, gst::FlowError> {
            let controls = self.controls.get().ok_or(gst::FlowError::NotNegotiated)?.clone();
            let mut st = self.streaming.lock().unwrap_or_else(PoisonError::into_inner);
            let mode = st.mode.ok_or(gst::FlowError::NotNegotiated)?;
            let interval = Duration::from_secs_f64(1.0 / mode.fps);
            let deadline = *st.next.get_or_insert_with(Instant::now);
            // Wait for the frame time, staying responsive to unlock() and to
            // the test hooks (a frozen camera produces nothing, an unplugged
            // one fails like a webcam pulled out of its socket).
            let photo = {
                let mut c = controls.lock();
                loop {
                    if *self.flushing.lock().unwrap_or_else(PoisonError::into_inner) {
                        return Err(gst::FlowError::Flushing);
                    }
                    if c.unplugged {
                        drop(c);
                        gst::element_imp_error!(self, gst::ResourceError::Read, ["Aperture Fake Camera was unplugged"]);
                        return Err(gst::FlowError::Error);
                    }
                    let now = Instant::now();
                    if !c.frozen && now >= deadline {
                        break c.photo.clone();
                    }
                    let wait = if c.frozen { Duration::from_millis(50) } else { deadline - now };
                    c = controls.wake.wait_timeout(c, wait).unwrap_or_else(PoisonError::into_inner).0;
                }
            };
            let now = Instant::now();
            // Drop behind-schedule slots rather than bursting.
            let mut next = deadline + interval;
            if next < now {
                next = now + interval;
            }
            st.next = Some(next);
            let frame = st.frame;
            st.frame += 1;
            let look = Look::from_state(&photo, false);
            let (w, h) = (mode.width, mode.height);
            let mut buffer = if mode.jpeg {
                let rgba = render_rgba(&mut st.cache, &look, w, h, frame);
                let mut jpeg = Vec::new();
                jpeg_encoder::Encoder::new(&mut jpeg, 85)
                    .encode(&rgba, w as u16, h as u16, jpeg_encoder::ColorType::Rgba)
                    .map_err(|_| gst::FlowError::Error)?;
                gst::Buffer::from_mut_slice(jpeg)
            } else {
                let mut data = vec![0u8; w as usize * h as usize * 2];
                render_yuy2(&mut st.cache, &look, w, h, frame, &mut data);
                gst::Buffer::from_mut_slice(data)
            };
            drop(st);
            let b = buffer.get_mut().expect("fresh buffer is writable");
            b.set_pts(self.obj().current_running_time());
            b.set_duration(gst::ClockTime::from_nseconds(interval.as_nanos() as u64));
            b.set_offset(frame);
            Ok(CreateSuccess::NewBuffer(buffer))
        }
    }
}

glib::wrapper! {
    /// The fake camera's source element.
    pub struct FakeCameraSrc(ObjectSubclass<imp::FakeCameraSrc>) @extends gst_base::PushSrc, gst_base::BaseSrc, gst::Element, gst::Object;
}

impl FakeCameraSrc {
    /// A new element drawing with `controls`.
    pub fn new(controls: Arc<FakeCameraControls>) -> FakeCameraSrc {
        let src: FakeCameraSrc = glib::Object::new();
        let _ = src.imp().controls.set(controls);
        src
    }

    /// The controls this element draws with.
    pub fn controls(&self) -> Arc<FakeCameraControls> {
        self.imp().controls.get().expect("set at construction").clone()
    }
}

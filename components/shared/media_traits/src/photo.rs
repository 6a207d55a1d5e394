//! The photo model of MediaStream Image Capture
//! (<https://w3c.github.io/mediacapture-image/#photocapabilities-section>).
//!
//! [`PhotoState`] and [`PhotoOptions`] are shaped after Chromium's
//! `media.mojom.PhotoState` / `media.mojom.PhotoSettings`, so the test-only
//! `ImageCaptureTest` mock maps onto them field by field: a Mojo range whose
//! `min == max` (Chromium's "unsupported") is `None` here, and Mojo's integer
//! enums are [`MeteringMode`], [`RedEyeReduction`] and [`FillLightMode`].

use crate::constraints::{Point2D, Property};
use crate::error::MediaError;

/// `MeteringMode` (<https://w3c.github.io/mediacapture-image/#enumdef-meteringmode>).
/// Discriminants are Mojo's (0 none, 1 manual, 2 single-shot, 3 continuous).
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq)]
pub enum MeteringMode {
    /// "none"
    None = 0,
    /// "manual"
    Manual = 1,
    /// "single-shot"
    SingleShot = 2,
    /// "continuous"
    Continuous = 3,
}

impl MeteringMode {
    /// The IDL string.
    pub const fn as_str(self) -> &'static str {
        match self {
            MeteringMode::None => "none",
            MeteringMode::Manual => "manual",
            MeteringMode::SingleShot => "single-shot",
            MeteringMode::Continuous => "continuous",
        }
    }

    /// Parses the IDL string; other strings are not metering modes.
    pub fn parse(s: &str) -> Option<MeteringMode> {
        [MeteringMode::None, MeteringMode::Manual, MeteringMode::SingleShot, MeteringMode::Continuous]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// `RedEyeReduction` (<https://w3c.github.io/mediacapture-image/#enumdef-redeyereduction>);
/// Mojo values 0 never, 1 always, 2 controllable.
#[derive(Clone, Copy, Debug, Default, Eq, Hash, PartialEq)]
pub enum RedEyeReduction {
    /// "never"
    #[default]
    Never = 0,
    /// "always"
    Always = 1,
    /// "controllable"
    Controllable = 2,
}

impl RedEyeReduction {
    /// The IDL string.
    pub const fn as_str(self) -> &'static str {
        match self {
            RedEyeReduction::Never => "never",
            RedEyeReduction::Always => "always",
            RedEyeReduction::Controllable => "controllable",
        }
    }
}

/// `FillLightMode` (<https://w3c.github.io/mediacapture-image/#enumdef-filllightmode>);
/// Mojo values 0 off, 1 auto, 2 flash.
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq)]
pub enum FillLightMode {
    /// "off"
    Off = 0,
    /// "auto"
    Auto = 1,
    /// "flash"
    Flash = 2,
}

impl FillLightMode {
    /// The IDL string.
    pub const fn as_str(self) -> &'static str {
        match self {
            FillLightMode::Off => "off",
            FillLightMode::Auto => "auto",
            FillLightMode::Flash => "flash",
        }
    }

    /// Parses the IDL string.
    pub fn parse(s: &str) -> Option<FillLightMode> {
        [FillLightMode::Off, FillLightMode::Auto, FillLightMode::Flash].into_iter().find(|m| m.as_str() == s)
    }
}

/// A device control: its range, step and current value (Mojo `Range`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PhotoRange {
    /// Lowest value.
    pub min: f64,
    /// Highest value.
    pub max: f64,
    /// Current value.
    pub current: f64,
    /// Smallest meaningful difference between two values (0 if continuous).
    pub step: f64,
}

impl PhotoRange {
    /// A range with the given bounds, current value and step.
    pub const fn new(min: f64, max: f64, current: f64, step: f64) -> PhotoRange {
        PhotoRange { min, max, current, step }
    }

    /// Whether `v` lies within `[min, max]` (steps are not enforced, like Chromium).
    pub fn contains(&self, v: f64) -> bool {
        v >= self.min && v <= self.max
    }

    /// The `MediaSettingsRange` capability for this control.
    pub fn settings_range(&self) -> MediaSettingsRange {
        MediaSettingsRange { min: Some(self.min), max: Some(self.max), step: Some(self.step) }
    }
}

/// Everything a device reports about its photo and image controls
/// (Mojo `PhotoState`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhotoState {
    /// Modes the white balance can be set to (empty: no such control).
    pub supported_white_balance_modes: Vec<MeteringMode>,
    /// Current white balance mode.
    pub current_white_balance_mode: Option<MeteringMode>,
    /// Modes the exposure can be set to.
    pub supported_exposure_modes: Vec<MeteringMode>,
    /// Current exposure mode.
    pub current_exposure_mode: Option<MeteringMode>,
    /// Modes the focus can be set to.
    pub supported_focus_modes: Vec<MeteringMode>,
    /// Current focus mode.
    pub current_focus_mode: Option<MeteringMode>,
    /// Current points of interest (normalised).
    pub points_of_interest: Vec<Point2D>,
    /// Exposure compensation (EV).
    pub exposure_compensation: Option<PhotoRange>,
    /// Exposure time (100 µs units).
    pub exposure_time: Option<PhotoRange>,
    /// Colour temperature (K).
    pub color_temperature: Option<PhotoRange>,
    /// ISO.
    pub iso: Option<PhotoRange>,
    /// Brightness.
    pub brightness: Option<PhotoRange>,
    /// Contrast.
    pub contrast: Option<PhotoRange>,
    /// Saturation.
    pub saturation: Option<PhotoRange>,
    /// Sharpness.
    pub sharpness: Option<PhotoRange>,
    /// Focus distance (m).
    pub focus_distance: Option<PhotoRange>,
    /// Pan (arc-seconds).
    pub pan: Option<PhotoRange>,
    /// Tilt (arc-seconds).
    pub tilt: Option<PhotoRange>,
    /// Zoom (ratio).
    pub zoom: Option<PhotoRange>,
    /// Whether the device has a torch.
    pub supports_torch: bool,
    /// Whether the torch is on.
    pub torch: bool,
    /// Red-eye reduction capability.
    pub red_eye_reduction: RedEyeReduction,
    /// Photo height range and current photo height.
    pub height: PhotoRange,
    /// Photo width range and current photo width.
    pub width: PhotoRange,
    /// Supported fill light modes.
    pub fill_light_mode: Vec<FillLightMode>,
}

/// What was last pushed to the device (Mojo `PhotoSettings`): each value has a
/// `has_*` presence flag, exactly like the mock's `options()`.
#[derive(Clone, Debug, Default, PartialEq)]
#[allow(missing_docs)]
pub struct PhotoOptions {
    pub has_white_balance_mode: bool,
    pub white_balance_mode: Option<MeteringMode>,
    pub has_exposure_mode: bool,
    pub exposure_mode: Option<MeteringMode>,
    pub has_focus_mode: bool,
    pub focus_mode: Option<MeteringMode>,
    /// Empty means "not set" (Mojo has no flag for this one).
    pub points_of_interest: Vec<Point2D>,
    pub has_exposure_compensation: bool,
    pub exposure_compensation: f64,
    pub has_exposure_time: bool,
    pub exposure_time: f64,
    pub has_color_temperature: bool,
    pub color_temperature: f64,
    pub has_iso: bool,
    pub iso: f64,
    pub has_brightness: bool,
    pub brightness: f64,
    pub has_contrast: bool,
    pub contrast: f64,
    pub has_saturation: bool,
    pub saturation: f64,
    pub has_sharpness: bool,
    pub sharpness: f64,
    pub has_focus_distance: bool,
    pub focus_distance: f64,
    pub has_pan: bool,
    pub pan: f64,
    pub has_tilt: bool,
    pub tilt: f64,
    pub has_zoom: bool,
    pub zoom: f64,
    pub has_torch: bool,
    pub torch: bool,
    pub has_red_eye_reduction: bool,
    pub red_eye_reduction: bool,
    pub has_width: bool,
    pub width: f64,
    pub has_height: bool,
    pub height: f64,
    pub has_fill_light_mode: bool,
    pub fill_light_mode: Option<FillLightMode>,
}

/// `MediaSettingsRange` (<https://w3c.github.io/mediacapture-image/#dictdef-mediasettingsrange>).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MediaSettingsRange {
    /// `max`
    pub max: Option<f64>,
    /// `min`
    pub min: Option<f64>,
    /// `step`
    pub step: Option<f64>,
}

/// `PhotoCapabilities` (<https://w3c.github.io/mediacapture-image/#dictdef-photocapabilities>).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhotoCapabilities {
    /// `redEyeReduction`
    pub red_eye_reduction: Option<RedEyeReduction>,
    /// `imageHeight`
    pub image_height: Option<MediaSettingsRange>,
    /// `imageWidth`
    pub image_width: Option<MediaSettingsRange>,
    /// `fillLightMode`
    pub fill_light_mode: Option<Vec<FillLightMode>>,
}

/// `PhotoSettings` (<https://w3c.github.io/mediacapture-image/#dictdef-photosettings>).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhotoSettings {
    /// `fillLightMode`
    pub fill_light_mode: Option<FillLightMode>,
    /// `imageHeight`
    pub image_height: Option<f64>,
    /// `imageWidth`
    pub image_width: Option<f64>,
    /// `redEyeReduction`
    pub red_eye_reduction: Option<bool>,
}

impl PhotoState {
    /// `getPhotoCapabilities()` content
    /// (<https://w3c.github.io/mediacapture-image/#dom-imagecapture-getphotocapabilities>, step 2:
    /// fill the dictionary from the device's ranges).
    pub fn photo_capabilities(&self) -> PhotoCapabilities {
        PhotoCapabilities {
            red_eye_reduction: Some(self.red_eye_reduction),
            image_height: Some(self.height.settings_range()),
            image_width: Some(self.width.settings_range()),
            fill_light_mode: Some(self.fill_light_mode.clone()),
        }
    }

    /// `getPhotoSettings()` content
    /// (<https://w3c.github.io/mediacapture-image/#dom-imagecapture-getphotosettings>).
    pub fn photo_settings(&self) -> PhotoSettings {
        PhotoSettings {
            // A single supported mode is the current one (Chromium reports the list's only entry).
            fill_light_mode: match self.fill_light_mode.as_slice() {
                [only] => Some(*only),
                _ => None,
            },
            image_height: Some(self.height.current),
            image_width: Some(self.width.current),
            red_eye_reduction: Some(self.red_eye_reduction == RedEyeReduction::Always),
        }
    }

    /// Writes pushed options into the state, the way a device (and Chromium's
    /// mock `setPhotoOptions`) does: every present value becomes current.
    pub fn apply_options(&mut self, o: &PhotoOptions) {
        fn set(range: &mut Option<PhotoRange>, has: bool, v: f64) {
            if let (true, Some(r)) = (has, range.as_mut()) {
                r.current = v;
            }
        }
        if o.has_white_balance_mode {
            self.current_white_balance_mode = o.white_balance_mode;
        }
        if o.has_exposure_mode {
            self.current_exposure_mode = o.exposure_mode;
        }
        if o.has_focus_mode {
            self.current_focus_mode = o.focus_mode;
        }
        if !o.points_of_interest.is_empty() {
            self.points_of_interest = o.points_of_interest.clone();
        }
        set(&mut self.exposure_compensation, o.has_exposure_compensation, o.exposure_compensation);
        set(&mut self.exposure_time, o.has_exposure_time, o.exposure_time);
        set(&mut self.color_temperature, o.has_color_temperature, o.color_temperature);
        set(&mut self.iso, o.has_iso, o.iso);
        set(&mut self.brightness, o.has_brightness, o.brightness);
        set(&mut self.contrast, o.has_contrast, o.contrast);
        set(&mut self.saturation, o.has_saturation, o.saturation);
        set(&mut self.sharpness, o.has_sharpness, o.sharpness);
        set(&mut self.focus_distance, o.has_focus_distance, o.focus_distance);
        set(&mut self.pan, o.has_pan, o.pan);
        set(&mut self.tilt, o.has_tilt, o.tilt);
        set(&mut self.zoom, o.has_zoom, o.zoom);
        if o.has_torch {
            self.torch = o.torch;
        }
        if o.has_width {
            self.width.current = o.width;
        }
        if o.has_height {
            self.height.current = o.height;
        }
        if o.has_fill_light_mode {
            self.fill_light_mode = o.fill_light_mode.into_iter().collect();
        }
    }

    /// The control behind a numeric image-capture property, if the device has it.
    pub fn range(&self, p: Property) -> Option<&PhotoRange> {
        self.range_slot(p).as_ref()
    }

    fn range_slot(&self, p: Property) -> &Option<PhotoRange> {
        match p {
            Property::ExposureCompensation => &self.exposure_compensation,
            Property::ExposureTime => &self.exposure_time,
            Property::ColorTemperature => &self.color_temperature,
            Property::Iso => &self.iso,
            Property::Brightness => &self.brightness,
            Property::Contrast => &self.contrast,
            Property::Saturation => &self.saturation,
            Property::Sharpness => &self.sharpness,
            Property::FocusDistance => &self.focus_distance,
            Property::Pan => &self.pan,
            Property::Tilt => &self.tilt,
            Property::Zoom => &self.zoom,
            _ => &None,
        }
    }

    /// Supported and current metering mode behind whiteBalanceMode,
    /// exposureMode or focusMode (empty list for any other property).
    pub fn modes(&self, p: Property) -> (&[MeteringMode], Option<MeteringMode>) {
        match p {
            Property::WhiteBalanceMode => (&self.supported_white_balance_modes, self.current_white_balance_mode),
            Property::ExposureMode => (&self.supported_exposure_modes, self.current_exposure_mode),
            Property::FocusMode => (&self.supported_focus_modes, self.current_focus_mode),
            _ => (&[], None),
        }
    }

    /// Whether points of interest can be set: Aperture treats them as
    /// supported when any 3A control (white balance, exposure, focus) exists.
    pub fn supports_points_of_interest(&self) -> bool {
        !(self.supported_white_balance_modes.is_empty()
            && self.supported_exposure_modes.is_empty()
            && self.supported_focus_modes.is_empty())
    }

    /// The state with pan, tilt and zoom removed, as exposed when the PTZ
    /// permission is not granted (<https://w3c.github.io/mediacapture-image/#pan>).
    pub fn without_ptz(&self) -> PhotoState {
        PhotoState { pan: None, tilt: None, zoom: None, ..self.clone() }
    }
}

impl PhotoOptions {
    /// Records a numeric image-capture value for `p` with its presence flag.
    pub fn set_number(&mut self, p: Property, v: f64) {
        let (has, value) = match p {
            Property::ExposureCompensation => (&mut self.has_exposure_compensation, &mut self.exposure_compensation),
            Property::ExposureTime => (&mut self.has_exposure_time, &mut self.exposure_time),
            Property::ColorTemperature => (&mut self.has_color_temperature, &mut self.color_temperature),
            Property::Iso => (&mut self.has_iso, &mut self.iso),
            Property::Brightness => (&mut self.has_brightness, &mut self.brightness),
            Property::Contrast => (&mut self.has_contrast, &mut self.contrast),
            Property::Saturation => (&mut self.has_saturation, &mut self.saturation),
            Property::Sharpness => (&mut self.has_sharpness, &mut self.sharpness),
            Property::FocusDistance => (&mut self.has_focus_distance, &mut self.focus_distance),
            Property::Pan => (&mut self.has_pan, &mut self.pan),
            Property::Tilt => (&mut self.has_tilt, &mut self.tilt),
            Property::Zoom => (&mut self.has_zoom, &mut self.zoom),
            _ => return,
        };
        *has = true;
        *value = v;
    }

    /// Records a metering mode for whiteBalanceMode, exposureMode or focusMode.
    pub fn set_mode(&mut self, p: Property, m: MeteringMode) {
        let (has, value) = match p {
            Property::WhiteBalanceMode => (&mut self.has_white_balance_mode, &mut self.white_balance_mode),
            Property::ExposureMode => (&mut self.has_exposure_mode, &mut self.exposure_mode),
            Property::FocusMode => (&mut self.has_focus_mode, &mut self.focus_mode),
            _ => return,
        };
        *has = true;
        *value = Some(m);
    }

    /// Whether no value at all is present.
    pub fn is_empty(&self) -> bool {
        *self == PhotoOptions::default()
    }

    /// The options a `takePhoto(settings)` call pushes (Chromium: `SetPhotoOptions`).
    pub fn from_photo_settings(s: &PhotoSettings) -> PhotoOptions {
        PhotoOptions {
            has_width: s.image_width.is_some(),
            width: s.image_width.unwrap_or(0.0),
            has_height: s.image_height.is_some(),
            height: s.image_height.unwrap_or(0.0),
            has_red_eye_reduction: s.red_eye_reduction.is_some(),
            red_eye_reduction: s.red_eye_reduction.unwrap_or(false),
            has_fill_light_mode: s.fill_light_mode.is_some(),
            fill_light_mode: s.fill_light_mode,
            ..Default::default()
        }
    }
}

/// Validates `takePhoto(settings)` against the capabilities. Not in the spec;
/// Chromium does it (only once `getPhotoCapabilities()` was called) and wpt
/// `takePhoto-reject.https.html` expects NotSupportedError for each case:
/// image size outside its range, `redEyeReduction` when not controllable, a
/// fill light mode the device lacks.
pub fn validate_photo_settings(settings: &PhotoSettings, caps: &PhotoCapabilities) -> Result<(), MediaError> {
    let out_of = |v: f64, r: &Option<MediaSettingsRange>| match r {
        Some(r) => r.min.is_some_and(|m| v < m) || r.max.is_some_and(|m| v > m),
        None => false,
    };
    if let Some(w) = settings.image_width
        && out_of(w, &caps.image_width)
    {
        return Err(MediaError::NotSupported(format!("imageWidth {w} is out of range")));
    }
    if let Some(h) = settings.image_height
        && out_of(h, &caps.image_height)
    {
        return Err(MediaError::NotSupported(format!("imageHeight {h} is out of range")));
    }
    if settings.red_eye_reduction.is_some() && caps.red_eye_reduction != Some(RedEyeReduction::Controllable) {
        return Err(MediaError::NotSupported("redEyeReduction is not controllable".into()));
    }
    if let Some(mode) = settings.fill_light_mode
        && !caps.fill_light_mode.as_ref().is_some_and(|l| l.contains(&mode))
    {
        return Err(MediaError::NotSupported(format!("fillLightMode \"{}\" is not supported", mode.as_str())));
    }
    Ok(())
}

/// The default photo state of Chromium's test mock (`MockImageCapture` in
/// wpt `resources/chromium/mock-imagecapture.js`), which the mediacapture-image
/// tests compare against; Aperture's test-only `ImageCaptureTest` starts from it.
pub fn chromium_mock_state() -> PhotoState {
    PhotoState {
        supported_white_balance_modes: vec![MeteringMode::SingleShot, MeteringMode::Continuous],
        current_white_balance_mode: Some(MeteringMode::Continuous),
        supported_exposure_modes: vec![MeteringMode::Manual, MeteringMode::SingleShot, MeteringMode::Continuous],
        current_exposure_mode: Some(MeteringMode::Manual),
        supported_focus_modes: vec![MeteringMode::Manual, MeteringMode::SingleShot],
        current_focus_mode: Some(MeteringMode::Manual),
        points_of_interest: vec![Point2D { x: 0.4, y: 0.6 }],
        exposure_compensation: Some(PhotoRange::new(-200.0, 200.0, 33.0, 33.0)),
        exposure_time: Some(PhotoRange::new(100.0, 100000.0, 1000.0, 100.0)),
        color_temperature: Some(PhotoRange::new(2500.0, 6500.0, 6000.0, 1000.0)),
        iso: Some(PhotoRange::new(100.0, 12000.0, 400.0, 1.0)),
        brightness: Some(PhotoRange::new(1.0, 10.0, 5.0, 1.0)),
        contrast: Some(PhotoRange::new(2.0, 9.0, 5.0, 1.0)),
        saturation: Some(PhotoRange::new(3.0, 8.0, 6.0, 1.0)),
        sharpness: Some(PhotoRange::new(4.0, 7.0, 7.0, 1.0)),
        focus_distance: Some(PhotoRange::new(1.0, 10.0, 3.0, 1.0)),
        pan: Some(PhotoRange::new(0.0, 10.0, 5.0, 2.0)),
        tilt: Some(PhotoRange::new(0.0, 10.0, 5.0, 2.0)),
        zoom: Some(PhotoRange::new(0.0, 10.0, 5.0, 5.0)),
        supports_torch: true,
        torch: false,
        red_eye_reduction: RedEyeReduction::Controllable,
        height: PhotoRange::new(240.0, 2448.0, 240.0, 2.0),
        width: PhotoRange::new(320.0, 3264.0, 320.0, 3.0),
        fill_light_mode: vec![FillLightMode::Auto, FillLightMode::Flash],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::MediaErrorKind;

    #[test]
    fn capabilities_and_settings_from_the_mock_state() {
        let s = chromium_mock_state();
        let caps = s.photo_capabilities();
        assert_eq!(caps.red_eye_reduction, Some(RedEyeReduction::Controllable));
        assert_eq!(caps.image_width.unwrap().max, Some(3264.0));
        assert_eq!(caps.image_height.unwrap().step, Some(2.0));
        assert_eq!(caps.fill_light_mode.as_deref(), Some(&[FillLightMode::Auto, FillLightMode::Flash][..]));
        let settings = s.photo_settings();
        assert_eq!((settings.image_width, settings.image_height), (Some(320.0), Some(240.0)));
    }

    #[test]
    fn take_photo_validation_matches_wpt_take_photo_reject() {
        let mut s = chromium_mock_state();
        s.red_eye_reduction = RedEyeReduction::Never;
        let caps = s.photo_capabilities();
        let bad = [
            PhotoSettings { red_eye_reduction: Some(true), ..Default::default() },
            PhotoSettings { image_height: Some(2449.0), ..Default::default() },
            PhotoSettings { image_height: Some(239.0), ..Default::default() },
            PhotoSettings { image_width: Some(3265.0), ..Default::default() },
            PhotoSettings { image_width: Some(319.0), ..Default::default() },
            PhotoSettings { fill_light_mode: Some(FillLightMode::Off), ..Default::default() },
        ];
        for settings in bad {
            let e = validate_photo_settings(&settings, &caps).unwrap_err();
            assert_eq!(e.kind(), MediaErrorKind::NotSupported, "{settings:?}");
        }
        let good = PhotoSettings {
            image_width: Some(1080.0),
            image_height: Some(300.0),
            fill_light_mode: Some(FillLightMode::Flash),
            red_eye_reduction: None,
        };
        assert!(validate_photo_settings(&good, &caps).is_ok(), "steps are not enforced");
    }

    #[test]
    fn options_are_written_back_like_the_mock() {
        let mut s = chromium_mock_state();
        let settings = PhotoSettings {
            image_width: Some(1080.0),
            image_height: Some(100.0),
            red_eye_reduction: Some(true),
            fill_light_mode: Some(FillLightMode::Flash),
        };
        let o = PhotoOptions::from_photo_settings(&settings);
        assert!(o.has_width && o.has_height && o.has_red_eye_reduction && o.has_fill_light_mode);
        s.apply_options(&o);
        assert_eq!((s.width.current, s.height.current), (1080.0, 100.0));
        assert_eq!(s.fill_light_mode, vec![FillLightMode::Flash]);
        let o = PhotoOptions { has_zoom: true, zoom: 3.5, has_torch: true, torch: true, ..Default::default() };
        s.apply_options(&o);
        assert_eq!(s.zoom.unwrap().current, 3.5);
        assert!(s.torch);
        assert_eq!(s.without_ptz().zoom, None);
    }

    #[test]
    fn enum_strings() {
        assert_eq!(MeteringMode::parse("single-shot"), Some(MeteringMode::SingleShot));
        assert_eq!(MeteringMode::parse("auto"), None);
        assert_eq!(MeteringMode::Continuous as i32, 3);
        assert_eq!(FillLightMode::parse("flash"), Some(FillLightMode::Flash));
        assert_eq!(RedEyeReduction::Controllable.as_str(), "controllable");
    }
}

//! Plain-data constraint dictionaries of Media Capture and Streams
//! (<https://w3c.github.io/mediacapture-main/#dom-mediatrackconstraints>)
//! extended by MediaStream Image Capture
//! (<https://w3c.github.io/mediacapture-image/#mediatrackconstraintset-section>).
//!
//! The shapes keep what script received (a bare value stays bare, a single
//! string stays a single string) so `getConstraints()` can echo it unchanged.

/// `ConstrainULongRange` / `ConstrainDoubleRange`: every member optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConstrainRange<T> {
    /// Required lower bound.
    pub min: Option<T>,
    /// Required upper bound.
    pub max: Option<T>,
    /// Required value.
    pub exact: Option<T>,
    /// Preferred value.
    pub ideal: Option<T>,
}

impl<T> ConstrainRange<T> {
    fn is_empty(&self) -> bool {
        self.min.is_none() && self.max.is_none() && self.exact.is_none() && self.ideal.is_none()
    }
}

/// `ConstrainULong` / `ConstrainDouble`: a bare number or a range dictionary.
#[derive(Clone, Debug, PartialEq)]
pub enum Constrain<T> {
    /// A bare number: ideal in the basic set, exact in an advanced set.
    Bare(T),
    /// A dictionary with min/max/exact/ideal.
    Range(ConstrainRange<T>),
}

/// `ConstrainULong` (width, height).
pub type ConstrainULong = Constrain<u32>;
/// `ConstrainDouble` (aspectRatio, frameRate, the image-capture numbers).
pub type ConstrainDouble = Constrain<f64>;

/// `DOMString or sequence<DOMString>`, kept in the shape script passed.
#[derive(Clone, Debug, PartialEq)]
pub enum StringOrList {
    /// A single string.
    One(String),
    /// A list of strings (any of them satisfies).
    List(Vec<String>),
}

impl StringOrList {
    /// The strings as a slice-like list.
    pub fn values(&self) -> Vec<&str> {
        match self {
            StringOrList::One(s) => vec![s.as_str()],
            StringOrList::List(l) => l.iter().map(String::as_str).collect(),
        }
    }

    /// Whether `value` is one of the strings.
    pub fn contains(&self, value: &str) -> bool {
        self.values().contains(&value)
    }

    fn is_empty(&self) -> bool {
        matches!(self, StringOrList::List(l) if l.is_empty())
    }
}

/// `ConstrainDOMString`.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstrainDOMString {
    /// A bare string or list.
    Bare(StringOrList),
    /// `{exact, ideal}`.
    Params {
        /// Required value(s).
        exact: Option<StringOrList>,
        /// Preferred value(s).
        ideal: Option<StringOrList>,
    },
}

/// `ConstrainBoolean`.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstrainBoolean {
    /// A bare boolean.
    Bare(bool),
    /// `{exact, ideal}`.
    Params {
        /// Required value.
        exact: Option<bool>,
        /// Preferred value.
        ideal: Option<bool>,
    },
}

/// `(boolean or DOMString)`: an echo-cancellation value, a switch or a mode
/// (<https://w3c.github.io/mediacapture-main/#dom-echocancellationmodeenum>).
#[derive(Clone, Debug, PartialEq)]
pub enum BoolOrString {
    /// `true` (the User Agent picks the mode) or `false` (none).
    Bool(bool),
    /// A mode: "all", "remote-only", or one the device does not know.
    Str(String),
}

/// `ConstrainBooleanOrDOMString` (echoCancellation).
#[derive(Clone, Debug, PartialEq)]
pub enum ConstrainBoolOrString {
    /// A bare value.
    Bare(BoolOrString),
    /// `{exact, ideal}`.
    Params {
        /// Required value.
        exact: Option<BoolOrString>,
        /// Preferred value.
        ideal: Option<BoolOrString>,
    },
}

/// `Point2D` (<https://w3c.github.io/mediacapture-image/#dictdef-point2d>):
/// normalised coordinates, origin at the top left.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point2D {
    /// 0 is the left edge, 1 the right edge.
    pub x: f64,
    /// 0 is the top edge, 1 the bottom edge.
    pub y: f64,
}

impl Point2D {
    /// The point clamped into [0, 1]², as the spec requires for points of interest.
    pub fn clamped(self) -> Point2D {
        Point2D { x: clamp01(self.x), y: clamp01(self.y) }
    }
}

fn clamp01(v: f64) -> f64 {
    if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) }
}

/// `ConstrainPoint2D` (<https://w3c.github.io/mediacapture-image/#typedefdef-constrainpoint2d>).
#[derive(Clone, Debug, PartialEq)]
pub enum ConstrainPoint2D {
    /// A bare list of points.
    Bare(Vec<Point2D>),
    /// `{exact, ideal}`.
    Params {
        /// Required points.
        exact: Option<Vec<Point2D>>,
        /// Preferred points.
        ideal: Option<Vec<Point2D>>,
    },
}

/// `(boolean or ConstrainDouble)`, used by pan, tilt and zoom
/// (<https://w3c.github.io/mediacapture-image/#dom-mediatrackconstraintset-pan>).
#[derive(Clone, Debug, PartialEq)]
pub enum ConstrainDoubleOrBool {
    /// `true`: prefer a source that supports the property, without changing
    /// its value; `false`: prefer one that does not.
    Bool(bool),
    /// A numeric constraint.
    Double(ConstrainDouble),
}

/// One `MediaTrackConstraintSet` with every member Aperture knows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MediaTrackConstraintSet {
    /// `width`.
    pub width: Option<ConstrainULong>,
    /// `height`.
    pub height: Option<ConstrainULong>,
    /// `aspectRatio`.
    pub aspect_ratio: Option<ConstrainDouble>,
    /// `frameRate`.
    pub frame_rate: Option<ConstrainDouble>,
    /// `facingMode`.
    pub facing_mode: Option<ConstrainDOMString>,
    /// `resizeMode`.
    pub resize_mode: Option<ConstrainDOMString>,
    /// `sampleRate` (audio).
    pub sample_rate: Option<ConstrainULong>,
    /// `sampleSize` (audio, bits).
    pub sample_size: Option<ConstrainULong>,
    /// `echoCancellation` (audio).
    pub echo_cancellation: Option<ConstrainBoolOrString>,
    /// `autoGainControl` (audio).
    pub auto_gain_control: Option<ConstrainBoolean>,
    /// `noiseSuppression` (audio).
    pub noise_suppression: Option<ConstrainBoolean>,
    /// `voiceIsolation` (audio; Media Capture and Streams Extensions).
    pub voice_isolation: Option<ConstrainBoolean>,
    /// `latency` (audio, seconds).
    pub latency: Option<ConstrainDouble>,
    /// `channelCount` (audio).
    pub channel_count: Option<ConstrainULong>,
    /// `deviceId`.
    pub device_id: Option<ConstrainDOMString>,
    /// `groupId`.
    pub group_id: Option<ConstrainDOMString>,
    /// `whiteBalanceMode`.
    pub white_balance_mode: Option<ConstrainDOMString>,
    /// `exposureMode`.
    pub exposure_mode: Option<ConstrainDOMString>,
    /// `focusMode`.
    pub focus_mode: Option<ConstrainDOMString>,
    /// `pointsOfInterest`.
    pub points_of_interest: Option<ConstrainPoint2D>,
    /// `exposureCompensation`.
    pub exposure_compensation: Option<ConstrainDouble>,
    /// `exposureTime` (units of 100 µs).
    pub exposure_time: Option<ConstrainDouble>,
    /// `colorTemperature` (kelvin).
    pub color_temperature: Option<ConstrainDouble>,
    /// `iso`.
    pub iso: Option<ConstrainDouble>,
    /// `brightness`.
    pub brightness: Option<ConstrainDouble>,
    /// `contrast`.
    pub contrast: Option<ConstrainDouble>,
    /// `saturation`.
    pub saturation: Option<ConstrainDouble>,
    /// `sharpness`.
    pub sharpness: Option<ConstrainDouble>,
    /// `focusDistance`.
    pub focus_distance: Option<ConstrainDouble>,
    /// `pan` (arc-seconds).
    pub pan: Option<ConstrainDoubleOrBool>,
    /// `tilt` (arc-seconds).
    pub tilt: Option<ConstrainDoubleOrBool>,
    /// `zoom` (ratio).
    pub zoom: Option<ConstrainDoubleOrBool>,
    /// `torch`.
    pub torch: Option<ConstrainBoolean>,
}

/// `MediaTrackConstraints`: the basic set plus the `advanced` list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MediaTrackConstraints {
    /// The top-level members.
    pub basic: MediaTrackConstraintSet,
    /// `advanced`, `None` when script passed no such member.
    pub advanced: Option<Vec<MediaTrackConstraintSet>>,
}

/// Every constrainable property, in IDL order. Its [`name`](Self::name) is the
/// IDL member name reported in `OverconstrainedError.constraint`.
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq, PartialOrd, Ord)]
pub enum Property {
    /// `width`
    Width,
    /// `height`
    Height,
    /// `aspectRatio`
    AspectRatio,
    /// `frameRate`
    FrameRate,
    /// `facingMode`
    FacingMode,
    /// `resizeMode`
    ResizeMode,
    /// `sampleRate`
    SampleRate,
    /// `sampleSize`
    SampleSize,
    /// `echoCancellation`
    EchoCancellation,
    /// `autoGainControl`
    AutoGainControl,
    /// `noiseSuppression`
    NoiseSuppression,
    /// `voiceIsolation`
    VoiceIsolation,
    /// `latency`
    Latency,
    /// `channelCount`
    ChannelCount,
    /// `deviceId`
    DeviceId,
    /// `groupId`
    GroupId,
    /// `whiteBalanceMode`
    WhiteBalanceMode,
    /// `exposureMode`
    ExposureMode,
    /// `focusMode`
    FocusMode,
    /// `pointsOfInterest`
    PointsOfInterest,
    /// `exposureCompensation`
    ExposureCompensation,
    /// `exposureTime`
    ExposureTime,
    /// `colorTemperature`
    ColorTemperature,
    /// `iso`
    Iso,
    /// `brightness`
    Brightness,
    /// `contrast`
    Contrast,
    /// `saturation`
    Saturation,
    /// `sharpness`
    Sharpness,
    /// `focusDistance`
    FocusDistance,
    /// `pan`
    Pan,
    /// `tilt`
    Tilt,
    /// `zoom`
    Zoom,
    /// `torch`
    Torch,
}

impl Property {
    /// All properties, in IDL order.
    pub const ALL: [Property; 33] = [
        Property::Width,
        Property::Height,
        Property::AspectRatio,
        Property::FrameRate,
        Property::FacingMode,
        Property::ResizeMode,
        Property::SampleRate,
        Property::SampleSize,
        Property::EchoCancellation,
        Property::AutoGainControl,
        Property::NoiseSuppression,
        Property::VoiceIsolation,
        Property::Latency,
        Property::ChannelCount,
        Property::DeviceId,
        Property::GroupId,
        Property::WhiteBalanceMode,
        Property::ExposureMode,
        Property::FocusMode,
        Property::PointsOfInterest,
        Property::ExposureCompensation,
        Property::ExposureTime,
        Property::ColorTemperature,
        Property::Iso,
        Property::Brightness,
        Property::Contrast,
        Property::Saturation,
        Property::Sharpness,
        Property::FocusDistance,
        Property::Pan,
        Property::Tilt,
        Property::Zoom,
        Property::Torch,
    ];

    /// The numeric image-capture properties (a `MediaSettingsRange` capability).
    pub const IMAGE_NUMERIC: [Property; 12] = [
        Property::ExposureCompensation,
        Property::ExposureTime,
        Property::ColorTemperature,
        Property::Iso,
        Property::Brightness,
        Property::Contrast,
        Property::Saturation,
        Property::Sharpness,
        Property::FocusDistance,
        Property::Pan,
        Property::Tilt,
        Property::Zoom,
    ];

    /// The IDL member name.
    pub const fn name(self) -> &'static str {
        match self {
            Property::Width => "width",
            Property::Height => "height",
            Property::AspectRatio => "aspectRatio",
            Property::FrameRate => "frameRate",
            Property::FacingMode => "facingMode",
            Property::ResizeMode => "resizeMode",
            Property::SampleRate => "sampleRate",
            Property::SampleSize => "sampleSize",
            Property::EchoCancellation => "echoCancellation",
            Property::AutoGainControl => "autoGainControl",
            Property::NoiseSuppression => "noiseSuppression",
            Property::VoiceIsolation => "voiceIsolation",
            Property::Latency => "latency",
            Property::ChannelCount => "channelCount",
            Property::DeviceId => "deviceId",
            Property::GroupId => "groupId",
            Property::WhiteBalanceMode => "whiteBalanceMode",
            Property::ExposureMode => "exposureMode",
            Property::FocusMode => "focusMode",
            Property::PointsOfInterest => "pointsOfInterest",
            Property::ExposureCompensation => "exposureCompensation",
            Property::ExposureTime => "exposureTime",
            Property::ColorTemperature => "colorTemperature",
            Property::Iso => "iso",
            Property::Brightness => "brightness",
            Property::Contrast => "contrast",
            Property::Saturation => "saturation",
            Property::Sharpness => "sharpness",
            Property::FocusDistance => "focusDistance",
            Property::Pan => "pan",
            Property::Tilt => "tilt",
            Property::Zoom => "zoom",
            Property::Torch => "torch",
        }
    }

    /// Whether MediaStream Image Capture defines it (not mediacapture-main).
    pub const fn is_image_capture(self) -> bool {
        !matches!(
            self,
            Property::Width
                | Property::Height
                | Property::AspectRatio
                | Property::FrameRate
                | Property::FacingMode
                | Property::ResizeMode
                | Property::DeviceId
                | Property::GroupId
        ) && !self.is_audio()
    }

    /// Whether it is defined for audio tracks only (what a video source ignores).
    pub const fn is_audio(self) -> bool {
        matches!(
            self,
            Property::SampleRate
                | Property::SampleSize
                | Property::EchoCancellation
                | Property::AutoGainControl
                | Property::NoiseSuppression
                | Property::VoiceIsolation
                | Property::Latency
                | Property::ChannelCount
        )
    }

    /// Whether it applies to a track of the given kind: the audio properties to
    /// audio, the rest but `deviceId`/`groupId` to video, those two to both.
    pub const fn applies_to_audio(self) -> bool {
        self.is_audio() || matches!(self, Property::DeviceId | Property::GroupId)
    }

    /// Whether it is gated by the PTZ permission (pan, tilt, zoom).
    pub const fn is_ptz(self) -> bool {
        matches!(self, Property::Pan | Property::Tilt | Property::Zoom)
    }
}

/// One constraint, normalised: what is required and what is preferred. Built
/// by [`MediaTrackConstraintSet::get`] for the algorithms in `select`.
#[derive(Clone, Debug, PartialEq)]
pub enum Normalized {
    /// A number (width, height, a double).
    Number {
        /// Required bounds and exact value.
        min: Option<f64>,
        /// Required upper bound.
        max: Option<f64>,
        /// Required value.
        exact: Option<f64>,
        /// Preferred value.
        ideal: Option<f64>,
    },
    /// A string property.
    Strings {
        /// Required: the value must be one of these.
        exact: Option<Vec<String>>,
        /// Preferred: one of these.
        ideal: Option<Vec<String>>,
    },
    /// A boolean property (torch).
    Boolean {
        /// Required value.
        exact: Option<bool>,
        /// Preferred value.
        ideal: Option<bool>,
    },
    /// echoCancellation: a switch or a mode.
    Echo {
        /// Required value.
        exact: Option<BoolOrString>,
        /// Preferred value.
        ideal: Option<BoolOrString>,
    },
    /// Points of interest.
    Points {
        /// Required points.
        exact: Option<Vec<Point2D>>,
        /// Preferred points.
        ideal: Option<Vec<Point2D>>,
    },
    /// `pan/tilt/zoom: true|false`: whether the source should support the property.
    Support(bool),
}

impl Normalized {
    /// Whether it has a `min` or `exact` member (what `getDisplayMedia()` refuses: its
    /// constraints may only bound from above or state an ideal).
    pub fn has_min_or_exact(&self) -> bool {
        match self {
            Normalized::Number { min, exact, .. } => min.is_some() || exact.is_some(),
            Normalized::Strings { exact, .. } => exact.is_some(),
            Normalized::Boolean { exact, .. } => exact.is_some(),
            Normalized::Echo { exact, .. } => exact.is_some(),
            Normalized::Points { exact, .. } => exact.is_some(),
            Normalized::Support(_) => false,
        }
    }

    /// Whether this constraint is required (has min, max or exact).
    pub fn is_required(&self) -> bool {
        match self {
            Normalized::Number { min, max, exact, .. } => min.is_some() || max.is_some() || exact.is_some(),
            Normalized::Strings { exact, .. } => exact.is_some(),
            Normalized::Boolean { exact, .. } => exact.is_some(),
            Normalized::Echo { exact, .. } => exact.is_some(),
            Normalized::Points { exact, .. } => exact.is_some(),
            Normalized::Support(_) => false,
        }
    }
}

fn number<T: Copy + Into<f64>>(c: &Constrain<T>, bare_is_exact: bool) -> Option<Normalized> {
    match c {
        Constrain::Bare(v) if bare_is_exact => {
            Some(Normalized::Number { min: None, max: None, exact: Some((*v).into()), ideal: None })
        }
        Constrain::Bare(v) => Some(Normalized::Number { min: None, max: None, exact: None, ideal: Some((*v).into()) }),
        // Step 1 of SelectSettings: an empty dictionary means "not specified".
        Constrain::Range(r) if r.is_empty() => None,
        Constrain::Range(r) => Some(Normalized::Number {
            min: r.min.map(Into::into),
            max: r.max.map(Into::into),
            exact: r.exact.map(Into::into),
            ideal: r.ideal.map(Into::into),
        }),
    }
}

fn strings(c: &ConstrainDOMString, bare_is_exact: bool) -> Option<Normalized> {
    let owned = |l: &StringOrList| l.values().into_iter().map(str::to_owned).collect::<Vec<_>>();
    match c {
        // Step 1 of SelectSettings: an empty list means "not specified".
        ConstrainDOMString::Bare(l) if l.is_empty() => None,
        ConstrainDOMString::Bare(l) if bare_is_exact => {
            Some(Normalized::Strings { exact: Some(owned(l)), ideal: None })
        }
        ConstrainDOMString::Bare(l) => Some(Normalized::Strings { exact: None, ideal: Some(owned(l)) }),
        ConstrainDOMString::Params { exact, ideal } => {
            let exact = exact.as_ref().filter(|l| !l.is_empty()).map(owned);
            let ideal = ideal.as_ref().filter(|l| !l.is_empty()).map(owned);
            if exact.is_none() && ideal.is_none() {
                return None;
            }
            Some(Normalized::Strings { exact, ideal })
        }
    }
}

fn boolean(c: &ConstrainBoolean, bare_is_exact: bool) -> Option<Normalized> {
    match c {
        ConstrainBoolean::Bare(b) if bare_is_exact => Some(Normalized::Boolean { exact: Some(*b), ideal: None }),
        ConstrainBoolean::Bare(b) => Some(Normalized::Boolean { exact: None, ideal: Some(*b) }),
        ConstrainBoolean::Params { exact: None, ideal: None } => None,
        ConstrainBoolean::Params { exact, ideal } => Some(Normalized::Boolean { exact: *exact, ideal: *ideal }),
    }
}

fn echo(c: &ConstrainBoolOrString, bare_is_exact: bool) -> Option<Normalized> {
    match c {
        ConstrainBoolOrString::Bare(v) if bare_is_exact => {
            Some(Normalized::Echo { exact: Some(v.clone()), ideal: None })
        }
        ConstrainBoolOrString::Bare(v) => Some(Normalized::Echo { exact: None, ideal: Some(v.clone()) }),
        ConstrainBoolOrString::Params { exact: None, ideal: None } => None,
        ConstrainBoolOrString::Params { exact, ideal } => {
            Some(Normalized::Echo { exact: exact.clone(), ideal: ideal.clone() })
        }
    }
}

impl MediaTrackConstraintSet {
    /// The constraint on `property`, normalised. `bare_is_exact` is false for
    /// the basic set and true for advanced sets
    /// (<https://w3c.github.io/mediacapture-main/#dfn-selectsettings>, steps 3 and 5).
    /// Empty dictionaries and lists count as absent (step 1).
    pub fn get(&self, property: Property, bare_is_exact: bool) -> Option<Normalized> {
        let num = |c: &Option<ConstrainDouble>| c.as_ref().and_then(|c| number(c, bare_is_exact));
        let ulong = |c: &Option<ConstrainULong>| c.as_ref().and_then(|c| number(c, bare_is_exact));
        let string = |c: &Option<ConstrainDOMString>| c.as_ref().and_then(|c| strings(c, bare_is_exact));
        let ptz = |c: &Option<ConstrainDoubleOrBool>| match c.as_ref()? {
            ConstrainDoubleOrBool::Bool(b) => Some(Normalized::Support(*b)),
            ConstrainDoubleOrBool::Double(d) => number(d, bare_is_exact),
        };
        match property {
            Property::Width => ulong(&self.width),
            Property::Height => ulong(&self.height),
            Property::AspectRatio => num(&self.aspect_ratio),
            Property::FrameRate => num(&self.frame_rate),
            Property::FacingMode => string(&self.facing_mode),
            Property::ResizeMode => string(&self.resize_mode),
            Property::SampleRate => ulong(&self.sample_rate),
            Property::SampleSize => ulong(&self.sample_size),
            Property::EchoCancellation => self.echo_cancellation.as_ref().and_then(|c| echo(c, bare_is_exact)),
            Property::AutoGainControl => self.auto_gain_control.as_ref().and_then(|c| boolean(c, bare_is_exact)),
            Property::NoiseSuppression => self.noise_suppression.as_ref().and_then(|c| boolean(c, bare_is_exact)),
            Property::VoiceIsolation => self.voice_isolation.as_ref().and_then(|c| boolean(c, bare_is_exact)),
            Property::Latency => num(&self.latency),
            Property::ChannelCount => ulong(&self.channel_count),
            Property::DeviceId => string(&self.device_id),
            Property::GroupId => string(&self.group_id),
            Property::WhiteBalanceMode => string(&self.white_balance_mode),
            Property::ExposureMode => string(&self.exposure_mode),
            Property::FocusMode => string(&self.focus_mode),
            Property::PointsOfInterest => match self.points_of_interest.as_ref()? {
                ConstrainPoint2D::Bare(p) if p.is_empty() => None,
                ConstrainPoint2D::Bare(p) if bare_is_exact => {
                    Some(Normalized::Points { exact: Some(p.clone()), ideal: None })
                }
                ConstrainPoint2D::Bare(p) => Some(Normalized::Points { exact: None, ideal: Some(p.clone()) }),
                ConstrainPoint2D::Params { exact, ideal } if exact.is_none() && ideal.is_none() => None,
                ConstrainPoint2D::Params { exact, ideal } => {
                    Some(Normalized::Points { exact: exact.clone(), ideal: ideal.clone() })
                }
            },
            Property::ExposureCompensation => num(&self.exposure_compensation),
            Property::ExposureTime => num(&self.exposure_time),
            Property::ColorTemperature => num(&self.color_temperature),
            Property::Iso => num(&self.iso),
            Property::Brightness => num(&self.brightness),
            Property::Contrast => num(&self.contrast),
            Property::Saturation => num(&self.saturation),
            Property::Sharpness => num(&self.sharpness),
            Property::FocusDistance => num(&self.focus_distance),
            Property::Pan => ptz(&self.pan),
            Property::Tilt => ptz(&self.tilt),
            Property::Zoom => ptz(&self.zoom),
            Property::Torch => self.torch.as_ref().and_then(|c| boolean(c, bare_is_exact)),
        }
    }

    /// The properties this set mentions (non-empty), in IDL order.
    pub fn mentioned(&self) -> Vec<Property> {
        Property::ALL.into_iter().filter(|p| self.get(*p, false).is_some()).collect()
    }
}

/// The longest string a string constraint may hold: Chromium refuses longer ones
/// (500 characters, its `kMaxConstraintStringLength`) with an OverconstrainedError
/// naming the constraint, required or ideal, and WPT tests it
/// (`mediacapture-streams/MediaStreamTrack-applyConstraints`).
pub const MAX_CONSTRAINT_STRING_LENGTH: usize = 500;

impl MediaTrackConstraints {
    /// The first property (basic set, then advanced sets) holding a string longer
    /// than [`MAX_CONSTRAINT_STRING_LENGTH`] characters.
    pub fn overlong_string(&self) -> Option<Property> {
        let too_long = |s: &str| s.chars().count() > MAX_CONSTRAINT_STRING_LENGTH;
        let in_set = |set: &MediaTrackConstraintSet| {
            Property::ALL.into_iter().find(|p| match set.get(*p, false) {
                Some(Normalized::Strings { exact, ideal }) => {
                    exact.iter().chain(ideal.iter()).flatten().any(|s| too_long(s))
                }
                Some(Normalized::Echo { exact, ideal }) => {
                    exact.iter().chain(ideal.iter()).any(|v| matches!(v, BoolOrString::Str(s) if too_long(s)))
                }
                _ => false,
            })
        };
        in_set(&self.basic).or_else(|| self.advanced.iter().flatten().find_map(in_set))
    }
}

/// getUserMedia's check of the *allowed required constraints for device
/// selection* (<https://w3c.github.io/mediacapture-main/#dfn-allowed-required-constraints-for-device-selection>):
/// none of the image-capture members may be required (min/max/exact) at the
/// top level of a getUserMedia() video constraint. Returns the first offending
/// member name; script rejects getUserMedia() with a TypeError naming it.
/// `advanced` sets are not checked (they are never "required" in that sense).
pub fn disallowed_required_constraint(constraints: &MediaTrackConstraints) -> Option<&'static str> {
    Property::ALL
        .into_iter()
        .filter(|p| p.is_image_capture())
        .find(|p| constraints.basic.get(*p, false).is_some_and(|n| n.is_required()))
        .map(Property::name)
}

/// The first constraint of the basic set with a `min` or `exact` member
/// (<https://w3c.github.io/mediacapture-screen-share/#dom-mediadevices-getdisplaymedia>: "If
/// value contains a member which in turn is a dictionary containing a member named either min
/// or exact, return a promise rejected with a newly created TypeError").
pub fn min_or_exact_constraint(constraints: &MediaTrackConstraints) -> Option<&'static str> {
    Property::ALL
        .into_iter()
        .find(|p| constraints.basic.get(*p, false).is_some_and(|n| n.has_min_or_exact()))
        .map(Property::name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_values_are_ideal_at_top_level_and_exact_in_advanced() {
        let set = MediaTrackConstraintSet { width: Some(Constrain::Bare(640)), ..Default::default() };
        assert_eq!(
            set.get(Property::Width, false),
            Some(Normalized::Number { min: None, max: None, exact: None, ideal: Some(640.0) })
        );
        assert_eq!(
            set.get(Property::Width, true),
            Some(Normalized::Number { min: None, max: None, exact: Some(640.0), ideal: None })
        );
    }

    #[test]
    fn empty_dictionaries_and_lists_are_not_constraints() {
        let set = MediaTrackConstraintSet {
            width: Some(Constrain::Range(ConstrainRange::default())),
            device_id: Some(ConstrainDOMString::Bare(StringOrList::List(vec![]))),
            points_of_interest: Some(ConstrainPoint2D::Bare(vec![])),
            torch: Some(ConstrainBoolean::Params { exact: None, ideal: None }),
            ..Default::default()
        };
        assert!(set.mentioned().is_empty());
    }

    #[test]
    fn required_image_capture_members_are_reported_for_get_user_media() {
        let mut c = MediaTrackConstraints::default();
        c.basic.zoom = Some(ConstrainDoubleOrBool::Double(Constrain::Bare(2.0)));
        c.basic.width = Some(Constrain::Range(ConstrainRange { exact: Some(640), ..Default::default() }));
        assert_eq!(disallowed_required_constraint(&c), None, "bare zoom is ideal, width may be required");
        c.basic.torch = Some(ConstrainBoolean::Params { exact: Some(true), ideal: None });
        assert_eq!(disallowed_required_constraint(&c), Some("torch"));
        c.basic.torch = None;
        c.basic.exposure_time = Some(Constrain::Range(ConstrainRange { min: Some(1.0), ..Default::default() }));
        assert_eq!(disallowed_required_constraint(&c), Some("exposureTime"));
        c.basic.exposure_time = None;
        c.basic.pan = Some(ConstrainDoubleOrBool::Bool(true));
        assert_eq!(disallowed_required_constraint(&c), None, "pan: true is a preference");
        c.advanced = Some(vec![MediaTrackConstraintSet {
            iso: Some(Constrain::Range(ConstrainRange { exact: Some(100.0), ..Default::default() })),
            ..Default::default()
        }]);
        assert_eq!(disallowed_required_constraint(&c), None, "advanced sets are allowed");
    }

    #[test]
    fn property_names_follow_idl() {
        assert_eq!(Property::ALL.len(), 33);
        assert_eq!(Property::ALL.iter().filter(|p| p.is_audio()).count(), 8);
        assert_eq!(Property::ALL.iter().filter(|p| p.is_image_capture()).count(), 17);
        assert_eq!(Property::ExposureCompensation.name(), "exposureCompensation");
        assert!(Property::Zoom.is_ptz() && !Property::Torch.is_ptz());
    }

    #[test]
    fn overlong_strings_are_found() {
        let mut c = MediaTrackConstraints::default();
        c.basic.group_id = Some(ConstrainDOMString::Params {
            exact: None,
            ideal: Some(StringOrList::One("2".repeat(MAX_CONSTRAINT_STRING_LENGTH))),
        });
        assert_eq!(c.overlong_string(), None);
        c.advanced = Some(vec![MediaTrackConstraintSet {
            device_id: Some(ConstrainDOMString::Bare(StringOrList::List(vec!["x".repeat(501)]))),
            ..Default::default()
        }]);
        assert_eq!(c.overlong_string(), Some(Property::DeviceId));
    }

    #[test]
    fn points_are_clamped() {
        assert_eq!(Point2D { x: -1.0, y: 2.0 }.clamped(), Point2D { x: 0.0, y: 1.0 });
    }
}

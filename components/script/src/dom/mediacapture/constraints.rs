//! The constrainable pattern's dictionaries at the DOM boundary: the
//! generated WebIDL dictionaries on one side, `media_traits`' plain data on
//! the other (<https://w3c.github.io/mediacapture-main/#constrainable-interface>,
//! extended by <https://w3c.github.io/mediacapture-image/#extensions>).
//!
//! Constraints keep their shape both ways (a bare value stays bare, a single
//! string stays a string), so `getConstraints()` returns what was applied.

use media_traits::constraints as mt;
use media_traits::photo;
use media_traits::settings as ms;

use crate::dom::bindings::codegen::Dictionaries::{
    ConstrainBooleanOrDOMStringParameters, ConstrainBooleanParameters, ConstrainDOMStringParameters,
    ConstrainDoubleRange, ConstrainPoint2DParameters, ConstrainULongRange, DoubleRange, MediaSettingsRange,
    MediaTrackCapabilities, MediaTrackConstraintSet, MediaTrackConstraints, MediaTrackSettings,
    MediaTrackSupportedConstraints, PhotoCapabilities, PhotoSettings, Point2D, ULongRange,
};
use crate::dom::bindings::codegen::Enums::{FillLightMode, RedEyeReduction};
use crate::dom::bindings::codegen::Unions::{
    BooleanOrConstrainBooleanParameters, BooleanOrDoubleOrConstrainDoubleRange, BooleanOrString,
    BooleanOrStringOrConstrainBooleanOrDOMStringParameters, DoubleOrConstrainDoubleRange,
    Point2DSequenceOrConstrainPoint2DParameters, StringOrStringSequence,
    StringOrStringSequenceOrConstrainDOMStringParameters, UnsignedLongOrConstrainULongRange,
};
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::str::DOMString;

fn f(v: Option<Finite<f64>>) -> Option<f64> {
    v.map(|v| *v)
}

fn finite(v: f64) -> Finite<f64> {
    Finite::<f64>::new(v).unwrap_or_default()
}

fn opt_finite(v: Option<f64>) -> Option<Finite<f64>> {
    v.map(finite)
}

// ------------------------------------------------------------ IDL → media_traits

fn ulong_in(c: &UnsignedLongOrConstrainULongRange) -> mt::ConstrainULong {
    match c {
        UnsignedLongOrConstrainULongRange::UnsignedLong(v) => mt::Constrain::Bare(*v),
        UnsignedLongOrConstrainULongRange::ConstrainULongRange(r) => mt::Constrain::Range(mt::ConstrainRange {
            min: r.parent.min,
            max: r.parent.max,
            exact: r.exact,
            ideal: r.ideal,
        }),
    }
}

fn double_range_in(r: &ConstrainDoubleRange) -> mt::ConstrainDouble {
    mt::Constrain::Range(mt::ConstrainRange {
        min: f(r.parent.min),
        max: f(r.parent.max),
        exact: f(r.exact),
        ideal: f(r.ideal),
    })
}

fn double_in(c: &DoubleOrConstrainDoubleRange) -> mt::ConstrainDouble {
    match c {
        DoubleOrConstrainDoubleRange::Double(v) => mt::Constrain::Bare(**v),
        DoubleOrConstrainDoubleRange::ConstrainDoubleRange(r) => double_range_in(r),
    }
}

fn string_list_in(c: &StringOrStringSequence) -> mt::StringOrList {
    match c {
        StringOrStringSequence::String(s) => mt::StringOrList::One(s.to_string()),
        StringOrStringSequence::StringSequence(l) => mt::StringOrList::List(l.iter().map(|s| s.to_string()).collect()),
    }
}

fn string_in(c: &StringOrStringSequenceOrConstrainDOMStringParameters) -> mt::ConstrainDOMString {
    use StringOrStringSequenceOrConstrainDOMStringParameters as U;
    match c {
        U::String(s) => mt::ConstrainDOMString::Bare(mt::StringOrList::One(s.to_string())),
        U::StringSequence(l) => {
            mt::ConstrainDOMString::Bare(mt::StringOrList::List(l.iter().map(|s| s.to_string()).collect()))
        }
        U::ConstrainDOMStringParameters(p) => mt::ConstrainDOMString::Params {
            exact: p.exact.as_ref().map(string_list_in),
            ideal: p.ideal.as_ref().map(string_list_in),
        },
    }
}

fn boolean_in(c: &BooleanOrConstrainBooleanParameters) -> mt::ConstrainBoolean {
    match c {
        BooleanOrConstrainBooleanParameters::Boolean(b) => mt::ConstrainBoolean::Bare(*b),
        BooleanOrConstrainBooleanParameters::ConstrainBooleanParameters(p) => {
            mt::ConstrainBoolean::Params { exact: p.exact, ideal: p.ideal }
        }
    }
}

fn bool_or_string_in(v: &BooleanOrString) -> mt::BoolOrString {
    match v {
        BooleanOrString::Boolean(b) => mt::BoolOrString::Bool(*b),
        BooleanOrString::String(s) => mt::BoolOrString::Str(s.to_string()),
    }
}

fn echo_in(c: &BooleanOrStringOrConstrainBooleanOrDOMStringParameters) -> mt::ConstrainBoolOrString {
    use BooleanOrStringOrConstrainBooleanOrDOMStringParameters as U;
    match c {
        U::Boolean(b) => mt::ConstrainBoolOrString::Bare(mt::BoolOrString::Bool(*b)),
        U::String(s) => mt::ConstrainBoolOrString::Bare(mt::BoolOrString::Str(s.to_string())),
        U::ConstrainBooleanOrDOMStringParameters(p) => mt::ConstrainBoolOrString::Params {
            exact: p.exact.as_ref().map(bool_or_string_in),
            ideal: p.ideal.as_ref().map(bool_or_string_in),
        },
    }
}

fn ptz_in(c: &BooleanOrDoubleOrConstrainDoubleRange) -> mt::ConstrainDoubleOrBool {
    match c {
        BooleanOrDoubleOrConstrainDoubleRange::Boolean(b) => mt::ConstrainDoubleOrBool::Bool(*b),
        BooleanOrDoubleOrConstrainDoubleRange::Double(v) => mt::ConstrainDoubleOrBool::Double(mt::Constrain::Bare(**v)),
        BooleanOrDoubleOrConstrainDoubleRange::ConstrainDoubleRange(r) => {
            mt::ConstrainDoubleOrBool::Double(double_range_in(r))
        }
    }
}

fn point_in(p: &Point2D) -> mt::Point2D {
    mt::Point2D { x: *p.x, y: *p.y }
}

fn points_in(c: &Point2DSequenceOrConstrainPoint2DParameters) -> mt::ConstrainPoint2D {
    let list = |l: &Vec<Point2D>| l.iter().map(point_in).collect::<Vec<_>>();
    match c {
        Point2DSequenceOrConstrainPoint2DParameters::Point2DSequence(l) => mt::ConstrainPoint2D::Bare(list(l)),
        Point2DSequenceOrConstrainPoint2DParameters::ConstrainPoint2DParameters(p) => {
            mt::ConstrainPoint2D::Params { exact: p.exact.as_ref().map(list), ideal: p.ideal.as_ref().map(list) }
        }
    }
}

/// Lists every member of `MediaTrackConstraintSet` with its converters, so
/// both directions stay in step: `$m!(field, to_traits, to_idl)`.
macro_rules! constraint_members {
    ($m:ident) => {
        $m!(width, ulong_in, ulong_out);
        $m!(height, ulong_in, ulong_out);
        $m!(aspect_ratio, double_in, double_out);
        $m!(frame_rate, double_in, double_out);
        $m!(facing_mode, string_in, string_out);
        $m!(resize_mode, string_in, string_out);
        $m!(sample_rate, ulong_in, ulong_out);
        $m!(sample_size, ulong_in, ulong_out);
        $m!(echo_cancellation, echo_in, echo_out);
        $m!(auto_gain_control, boolean_in, boolean_out);
        $m!(noise_suppression, boolean_in, boolean_out);
        $m!(voice_isolation, boolean_in, boolean_out);
        $m!(latency, double_in, double_out);
        $m!(channel_count, ulong_in, ulong_out);
        $m!(device_id, string_in, string_out);
        $m!(group_id, string_in, string_out);
        $m!(white_balance_mode, string_in, string_out);
        $m!(exposure_mode, string_in, string_out);
        $m!(focus_mode, string_in, string_out);
        $m!(points_of_interest, points_in, points_out);
        $m!(exposure_compensation, double_in, double_out);
        $m!(exposure_time, double_in, double_out);
        $m!(color_temperature, double_in, double_out);
        $m!(iso, double_in, double_out);
        $m!(brightness, double_in, double_out);
        $m!(contrast, double_in, double_out);
        $m!(saturation, double_in, double_out);
        $m!(sharpness, double_in, double_out);
        $m!(focus_distance, double_in, double_out);
        $m!(pan, ptz_in, ptz_out);
        $m!(tilt, ptz_in, ptz_out);
        $m!(zoom, ptz_in, ptz_out);
        $m!(torch, boolean_in, boolean_out);
    };
}

/// One constraint set, IDL → plain data.
pub fn constraint_set_in(set: &MediaTrackConstraintSet) -> mt::MediaTrackConstraintSet {
    let mut out = mt::MediaTrackConstraintSet::default();
    macro_rules! member {
        ($field:ident, $to:ident, $from:ident) => {
            out.$field = set.$field.as_ref().map($to);
        };
    }
    constraint_members!(member);
    out
}

/// `MediaTrackConstraints`, IDL → plain data.
pub fn constraints_in(c: &MediaTrackConstraints) -> mt::MediaTrackConstraints {
    mt::MediaTrackConstraints {
        basic: constraint_set_in(&c.parent),
        advanced: c.advanced.as_ref().map(|sets| sets.iter().map(constraint_set_in).collect()),
    }
}

// ------------------------------------------------------------ media_traits → IDL

fn ulong_out(c: &mt::ConstrainULong) -> UnsignedLongOrConstrainULongRange {
    match c {
        mt::Constrain::Bare(v) => UnsignedLongOrConstrainULongRange::UnsignedLong(*v),
        mt::Constrain::Range(r) => UnsignedLongOrConstrainULongRange::ConstrainULongRange(ConstrainULongRange {
            parent: ULongRange { min: r.min, max: r.max },
            exact: r.exact,
            ideal: r.ideal,
        }),
    }
}

fn double_range_out(r: &mt::ConstrainRange<f64>) -> ConstrainDoubleRange {
    ConstrainDoubleRange {
        parent: DoubleRange { min: opt_finite(r.min), max: opt_finite(r.max) },
        exact: opt_finite(r.exact),
        ideal: opt_finite(r.ideal),
    }
}

fn double_out(c: &mt::ConstrainDouble) -> DoubleOrConstrainDoubleRange {
    match c {
        mt::Constrain::Bare(v) => DoubleOrConstrainDoubleRange::Double(finite(*v)),
        mt::Constrain::Range(r) => DoubleOrConstrainDoubleRange::ConstrainDoubleRange(double_range_out(r)),
    }
}

fn string_list_out(l: &mt::StringOrList) -> StringOrStringSequence {
    match l {
        mt::StringOrList::One(s) => StringOrStringSequence::String(DOMString::from(s.as_str())),
        mt::StringOrList::List(l) => {
            StringOrStringSequence::StringSequence(l.iter().map(|s| DOMString::from(s.as_str())).collect())
        }
    }
}

fn string_out(c: &mt::ConstrainDOMString) -> StringOrStringSequenceOrConstrainDOMStringParameters {
    use StringOrStringSequenceOrConstrainDOMStringParameters as U;
    match c {
        mt::ConstrainDOMString::Bare(mt::StringOrList::One(s)) => U::String(DOMString::from(s.as_str())),
        mt::ConstrainDOMString::Bare(mt::StringOrList::List(l)) => {
            U::StringSequence(l.iter().map(|s| DOMString::from(s.as_str())).collect())
        }
        mt::ConstrainDOMString::Params { exact, ideal } => {
            U::ConstrainDOMStringParameters(ConstrainDOMStringParameters {
                exact: exact.as_ref().map(string_list_out),
                ideal: ideal.as_ref().map(string_list_out),
            })
        }
    }
}

fn boolean_out(c: &mt::ConstrainBoolean) -> BooleanOrConstrainBooleanParameters {
    match c {
        mt::ConstrainBoolean::Bare(b) => BooleanOrConstrainBooleanParameters::Boolean(*b),
        mt::ConstrainBoolean::Params { exact, ideal } => {
            BooleanOrConstrainBooleanParameters::ConstrainBooleanParameters(ConstrainBooleanParameters {
                exact: *exact,
                ideal: *ideal,
            })
        }
    }
}

fn bool_or_string_out(v: &mt::BoolOrString) -> BooleanOrString {
    match v {
        mt::BoolOrString::Bool(b) => BooleanOrString::Boolean(*b),
        mt::BoolOrString::Str(s) => BooleanOrString::String(DOMString::from(s.as_str())),
    }
}

fn echo_out(c: &mt::ConstrainBoolOrString) -> BooleanOrStringOrConstrainBooleanOrDOMStringParameters {
    use BooleanOrStringOrConstrainBooleanOrDOMStringParameters as U;
    match c {
        mt::ConstrainBoolOrString::Bare(mt::BoolOrString::Bool(b)) => U::Boolean(*b),
        mt::ConstrainBoolOrString::Bare(mt::BoolOrString::Str(s)) => U::String(DOMString::from(s.as_str())),
        mt::ConstrainBoolOrString::Params { exact, ideal } => {
            U::ConstrainBooleanOrDOMStringParameters(ConstrainBooleanOrDOMStringParameters {
                exact: exact.as_ref().map(bool_or_string_out),
                ideal: ideal.as_ref().map(bool_or_string_out),
            })
        }
    }
}

fn ptz_out(c: &mt::ConstrainDoubleOrBool) -> BooleanOrDoubleOrConstrainDoubleRange {
    match c {
        mt::ConstrainDoubleOrBool::Bool(b) => BooleanOrDoubleOrConstrainDoubleRange::Boolean(*b),
        mt::ConstrainDoubleOrBool::Double(mt::Constrain::Bare(v)) => {
            BooleanOrDoubleOrConstrainDoubleRange::Double(finite(*v))
        }
        mt::ConstrainDoubleOrBool::Double(mt::Constrain::Range(r)) => {
            BooleanOrDoubleOrConstrainDoubleRange::ConstrainDoubleRange(double_range_out(r))
        }
    }
}

fn point_out(p: &mt::Point2D) -> Point2D {
    Point2D { x: finite(p.x), y: finite(p.y) }
}

fn points_out(c: &mt::ConstrainPoint2D) -> Point2DSequenceOrConstrainPoint2DParameters {
    let list = |l: &Vec<mt::Point2D>| l.iter().map(point_out).collect::<Vec<_>>();
    match c {
        mt::ConstrainPoint2D::Bare(l) => Point2DSequenceOrConstrainPoint2DParameters::Point2DSequence(list(l)),
        mt::ConstrainPoint2D::Params { exact, ideal } => {
            Point2DSequenceOrConstrainPoint2DParameters::ConstrainPoint2DParameters(ConstrainPoint2DParameters {
                exact: exact.as_ref().map(list),
                ideal: ideal.as_ref().map(list),
            })
        }
    }
}

/// One constraint set, plain data → IDL.
pub fn constraint_set_out(set: &mt::MediaTrackConstraintSet) -> MediaTrackConstraintSet {
    let mut out = MediaTrackConstraintSet::empty();
    macro_rules! member {
        ($field:ident, $to:ident, $from:ident) => {
            out.$field = set.$field.as_ref().map($from);
        };
    }
    constraint_members!(member);
    out
}

/// `MediaTrackConstraints`, plain data → IDL (`getConstraints()`).
pub fn constraints_out(c: &mt::MediaTrackConstraints) -> MediaTrackConstraints {
    MediaTrackConstraints {
        parent: constraint_set_out(&c.basic),
        advanced: c.advanced.as_ref().map(|sets| sets.iter().map(constraint_set_out).collect()),
    }
}

// ------------------------------------------------------------ settings and capabilities

fn string(s: &Option<String>) -> Option<DOMString> {
    s.as_deref().map(DOMString::from)
}

fn strings(l: &Option<Vec<String>>) -> Option<Vec<DOMString>> {
    l.as_ref().map(|l| l.iter().map(|s| DOMString::from(s.as_str())).collect())
}

fn settings_range(r: &photo::MediaSettingsRange) -> MediaSettingsRange {
    MediaSettingsRange { max: opt_finite(r.max), min: opt_finite(r.min), step: opt_finite(r.step) }
}

/// `getSettings()` content, plain data → IDL, read from a borrow of the track's
/// settings (only the strings are copied: `getSettings()` is called in loops by pages).
pub fn settings_out(s: &ms::MediaTrackSettings) -> MediaTrackSettings {
    let mut out = MediaTrackSettings::empty();
    out.width = s.width;
    out.height = s.height;
    out.aspect_ratio = opt_finite(s.aspect_ratio);
    out.frame_rate = opt_finite(s.frame_rate);
    out.facing_mode = s.facing_mode.as_deref().map(DOMString::from);
    out.resize_mode = s.resize_mode.as_deref().map(DOMString::from);
    out.sample_rate = s.sample_rate;
    out.sample_size = s.sample_size;
    out.echo_cancellation = s.echo_cancellation.as_ref().map(bool_or_string_out);
    out.auto_gain_control = s.auto_gain_control;
    out.noise_suppression = s.noise_suppression;
    out.voice_isolation = s.voice_isolation;
    out.latency = opt_finite(s.latency);
    out.channel_count = s.channel_count;
    out.device_id = s.device_id.as_deref().map(DOMString::from);
    out.group_id = s.group_id.as_deref().map(DOMString::from);
    out.white_balance_mode = s.white_balance_mode.as_deref().map(DOMString::from);
    out.exposure_mode = s.exposure_mode.as_deref().map(DOMString::from);
    out.focus_mode = s.focus_mode.as_deref().map(DOMString::from);
    out.points_of_interest = s.points_of_interest.as_ref().map(|l| l.iter().map(point_out).collect());
    out.exposure_compensation = opt_finite(s.exposure_compensation);
    out.exposure_time = opt_finite(s.exposure_time);
    out.color_temperature = opt_finite(s.color_temperature);
    out.iso = opt_finite(s.iso);
    out.brightness = opt_finite(s.brightness);
    out.contrast = opt_finite(s.contrast);
    out.saturation = opt_finite(s.saturation);
    out.sharpness = opt_finite(s.sharpness);
    out.focus_distance = opt_finite(s.focus_distance);
    out.pan = opt_finite(s.pan);
    out.tilt = opt_finite(s.tilt);
    out.zoom = opt_finite(s.zoom);
    out.torch = s.torch;
    out
}

/// `getCapabilities()` content, plain data → IDL.
pub fn capabilities_out(c: &ms::MediaTrackCapabilities) -> MediaTrackCapabilities {
    let ulong = |r: &Option<ms::NumberRange<u32>>| r.map(|r| ULongRange { min: Some(r.min), max: Some(r.max) });
    let double = |r: &Option<ms::NumberRange<f64>>| {
        r.map(|r| DoubleRange { min: Some(finite(r.min)), max: Some(finite(r.max)) })
    };
    let range = |r: &Option<photo::MediaSettingsRange>| r.as_ref().map(settings_range);
    let mut out = MediaTrackCapabilities::empty();
    out.width = ulong(&c.width);
    out.height = ulong(&c.height);
    out.aspect_ratio = double(&c.aspect_ratio);
    out.frame_rate = double(&c.frame_rate);
    out.facing_mode = strings(&c.facing_mode);
    out.resize_mode = strings(&c.resize_mode);
    out.sample_rate = ulong(&c.sample_rate);
    out.sample_size = ulong(&c.sample_size);
    out.echo_cancellation = c.echo_cancellation.as_ref().map(|l| l.iter().map(bool_or_string_out).collect());
    out.auto_gain_control = c.auto_gain_control.clone();
    out.noise_suppression = c.noise_suppression.clone();
    out.voice_isolation = c.voice_isolation.clone();
    out.latency = double(&c.latency);
    out.channel_count = ulong(&c.channel_count);
    out.device_id = string(&c.device_id);
    out.group_id = string(&c.group_id);
    out.white_balance_mode = strings(&c.white_balance_mode);
    out.exposure_mode = strings(&c.exposure_mode);
    out.focus_mode = strings(&c.focus_mode);
    out.exposure_compensation = range(&c.exposure_compensation);
    out.exposure_time = range(&c.exposure_time);
    out.color_temperature = range(&c.color_temperature);
    out.iso = range(&c.iso);
    out.brightness = range(&c.brightness);
    out.contrast = range(&c.contrast);
    out.saturation = range(&c.saturation);
    out.sharpness = range(&c.sharpness);
    out.focus_distance = range(&c.focus_distance);
    out.pan = range(&c.pan);
    out.tilt = range(&c.tilt);
    out.zoom = range(&c.zoom);
    out.torch = c.torch.clone();
    out
}

/// `getSupportedConstraints()`: every member Aperture's dictionaries declare
/// (their IDL defaults are `true`), video, audio and image capture.
pub fn supported_constraints() -> MediaTrackSupportedConstraints {
    MediaTrackSupportedConstraints::empty()
}

// ------------------------------------------------------------ photo dictionaries

fn red_eye_out(r: photo::RedEyeReduction) -> RedEyeReduction {
    match r {
        photo::RedEyeReduction::Never => RedEyeReduction::Never,
        photo::RedEyeReduction::Always => RedEyeReduction::Always,
        photo::RedEyeReduction::Controllable => RedEyeReduction::Controllable,
    }
}

fn fill_light_out(m: photo::FillLightMode) -> FillLightMode {
    match m {
        photo::FillLightMode::Off => FillLightMode::Off,
        photo::FillLightMode::Auto => FillLightMode::Auto,
        photo::FillLightMode::Flash => FillLightMode::Flash,
    }
}

fn fill_light_in(m: FillLightMode) -> photo::FillLightMode {
    match m {
        FillLightMode::Off => photo::FillLightMode::Off,
        FillLightMode::Auto => photo::FillLightMode::Auto,
        FillLightMode::Flash => photo::FillLightMode::Flash,
    }
}

/// `PhotoCapabilities`, plain data → IDL.
pub fn photo_capabilities_out(c: &photo::PhotoCapabilities) -> PhotoCapabilities {
    PhotoCapabilities {
        red_eye_reduction: c.red_eye_reduction.map(red_eye_out),
        image_height: c.image_height.as_ref().map(settings_range),
        image_width: c.image_width.as_ref().map(settings_range),
        fill_light_mode: c.fill_light_mode.as_ref().map(|l| l.iter().copied().map(fill_light_out).collect()),
    }
}

/// `PhotoSettings`, plain data → IDL.
pub fn photo_settings_out(s: &photo::PhotoSettings) -> PhotoSettings {
    PhotoSettings {
        fill_light_mode: s.fill_light_mode.map(fill_light_out),
        image_height: opt_finite(s.image_height),
        image_width: opt_finite(s.image_width),
        red_eye_reduction: s.red_eye_reduction,
    }
}

/// `PhotoSettings`, IDL → plain data (`takePhoto()`).
pub fn photo_settings_in(s: &PhotoSettings) -> photo::PhotoSettings {
    photo::PhotoSettings {
        fill_light_mode: s.fill_light_mode.map(fill_light_in),
        image_height: f(s.image_height),
        image_width: f(s.image_width),
        red_eye_reduction: s.red_eye_reduction,
    }
}

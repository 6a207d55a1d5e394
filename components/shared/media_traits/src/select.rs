//! The SelectSettings algorithm and fitness distance of Media Capture and
//! Streams (<https://w3c.github.io/mediacapture-main/#dfn-selectsettings>,
//! <https://w3c.github.io/mediacapture-main/#dfn-fitness-distance>), over the
//! properties of mediacapture-main and MediaStream Image Capture
//! (<https://w3c.github.io/mediacapture-image/#constrainable-properties>).
//!
//! "Every possible settings dictionary" of a device is represented as a
//! product of independent dimensions: a list of video-mode candidates (each
//! a native mode, or a crop-and-scale box below a native mode) times one value
//! set per image-capture property. Filtering by a constraint set keeps that
//! product shape, so steps 3–5 run without enumerating dictionaries, and the
//! fitness distance, a sum over properties, is minimised per dimension (step 6).

use crate::constraints::{MediaTrackConstraintSet, MediaTrackConstraints, Normalized, Point2D, Property};
use crate::error::MediaError;
use crate::photo::{MeteringMode, PhotoOptions, PhotoState};

/// `resizeMode` values (<https://w3c.github.io/mediacapture-main/#dom-videoresizemodeenum>).
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ResizeMode {
    /// "none": the native mode, as the device delivers it.
    None,
    /// "crop-and-scale": a smaller size or rate derived from a native mode.
    CropAndScale,
}

impl ResizeMode {
    /// The IDL string.
    pub const fn as_str(self) -> &'static str {
        match self {
            ResizeMode::None => "none",
            ResizeMode::CropAndScale => "crop-and-scale",
        }
    }
}

/// One native capture mode of a device.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VideoMode {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Frames per second.
    pub frame_rate: f64,
}

/// Everything a source can be set to: the input of SelectSettings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeviceModel {
    /// `deviceId`.
    pub device_id: String,
    /// `groupId`.
    pub group_id: String,
    /// `facingMode`, if known.
    pub facing_mode: Option<String>,
    /// Native modes.
    pub modes: Vec<VideoMode>,
    /// Whether crop-and-scale below a native mode is offered.
    pub crop_and_scale: bool,
    /// The image-capture controls and their current values.
    pub photo: PhotoState,
    /// The mode now in use, preferred when constraints leave a tie.
    pub current: Option<ActiveMode>,
}

/// The video-mode part of a selection: what the track delivers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActiveMode {
    /// The native mode the device runs in.
    pub native: VideoMode,
    /// Delivered width.
    pub width: u32,
    /// Delivered height.
    pub height: u32,
    /// Delivered frame rate.
    pub frame_rate: f64,
    /// Whether the delivered size/rate is the native one.
    pub resize_mode: ResizeMode,
}

/// The result of SelectSettings.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    /// Index of the chosen device in the slice passed in.
    pub device: usize,
    /// The chosen mode.
    pub mode: ActiveMode,
    /// The image-capture values to push to the device: exactly the
    /// properties the applied constraint sets mention, with presence flags.
    pub options: PhotoOptions,
    /// Indices of the advanced sets that were satisfied (the others were skipped).
    pub applied_advanced: Vec<usize>,
}

/// Inclusive interval of numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Interval {
    lo: f64,
    hi: f64,
}

impl Interval {
    fn point(v: f64) -> Interval {
        Interval { lo: v, hi: v }
    }

    fn narrow(self, min: Option<f64>, max: Option<f64>, exact: Option<f64>) -> Option<Interval> {
        let mut r = self;
        if let Some(m) = min {
            r.lo = r.lo.max(m);
        }
        if let Some(m) = max {
            r.hi = r.hi.min(m);
        }
        if let Some(e) = exact {
            if e < r.lo || e > r.hi {
                return None;
            }
            r = Interval::point(e);
        }
        (r.lo <= r.hi).then_some(r)
    }

    /// `v` moved into the interval. Never panics: an inverted interval (a
    /// device reporting `min > max`) gives `hi`, NaN gives `lo`.
    fn clamp(self, v: f64) -> f64 {
        v.max(self.lo).min(self.hi)
    }

    fn contains(self, v: f64) -> bool {
        v >= self.lo && v <= self.hi
    }
}

#[derive(Clone, Debug)]
struct ModeCandidate {
    native: VideoMode,
    resize: ResizeMode,
    width: Interval,
    height: Interval,
    frame_rate: Interval,
    aspect: Interval,
}

impl ModeCandidate {
    /// Whether some width/height pair in the boxes has an aspect ratio in `aspect`.
    fn feasible(&self) -> bool {
        let derived =
            Interval { lo: self.width.lo / self.height.hi.max(1.0), hi: self.width.hi / self.height.lo.max(1.0) };
        self.aspect.lo <= derived.hi && derived.lo <= self.aspect.hi
    }
}

/// The candidate settings of one device, as a product of dimensions.
#[derive(Clone, Debug)]
struct Candidates<'a> {
    index: usize,
    model: &'a DeviceModel,
    modes: Vec<ModeCandidate>,
    numbers: Vec<(Property, Option<Interval>)>,
    metering: Vec<(Property, Vec<MeteringMode>)>,
    torch: Vec<bool>,
    points: bool,
}

impl<'a> Candidates<'a> {
    /// Step 2 of SelectSettings: the unconstrained settings space of a device.
    fn new(index: usize, model: &'a DeviceModel, ptz_permitted: bool) -> Candidates<'a> {
        let mut modes = Vec::new();
        for m in &model.modes {
            let (w, h, f) = (m.width as f64, m.height as f64, m.frame_rate);
            modes.push(ModeCandidate {
                native: *m,
                resize: ResizeMode::None,
                width: Interval::point(w),
                height: Interval::point(h),
                frame_rate: Interval::point(f),
                aspect: Interval::point(if h > 0.0 { w / h } else { 0.0 }),
            });
            if model.crop_and_scale {
                modes.push(ModeCandidate {
                    native: *m,
                    resize: ResizeMode::CropAndScale,
                    width: Interval { lo: 1.0, hi: w },
                    height: Interval { lo: 1.0, hi: h },
                    frame_rate: Interval { lo: 1.0_f64.min(f), hi: f },
                    aspect: Interval { lo: 1.0 / h.max(1.0), hi: w.max(1.0) },
                });
            }
        }
        // Pan, tilt and zoom count as unsupported without the PTZ permission
        // (https://w3c.github.io/mediacapture-image/#pan).
        let numbers = Property::IMAGE_NUMERIC
            .into_iter()
            .map(|p| {
                let range = model.photo.range(p).filter(|_| ptz_permitted || !p.is_ptz());
                (p, range.map(|r| Interval { lo: r.min, hi: r.max }))
            })
            .collect();
        let metering = [Property::WhiteBalanceMode, Property::ExposureMode, Property::FocusMode]
            .into_iter()
            .map(|p| (p, model.photo.modes(p).0.to_vec()))
            .collect();
        Candidates {
            index,
            model,
            modes,
            numbers,
            metering,
            torch: if model.photo.supports_torch { vec![false, true] } else { vec![] },
            points: model.photo.supports_points_of_interest(),
        }
    }

    fn number_mut(&mut self, p: Property) -> &mut Option<Interval> {
        &mut self.numbers.iter_mut().find(|(q, _)| *q == p).expect("numeric property").1
    }

    fn metering_mut(&mut self, p: Property) -> &mut Vec<MeteringMode> {
        &mut self.metering.iter_mut().find(|(q, _)| *q == p).expect("metering property").1
    }

    /// Keeps only the settings with a finite fitness distance for the
    /// constraint `n` on `p` (fitness distance, step 2: a required constraint
    /// the value does not satisfy, or one on a property the device lacks, is
    /// infinite). `None` when nothing is left. In an advanced set
    /// `pan/tilt/zoom: true|false` must match support; elsewhere it is a preference.
    fn restrict(&self, p: Property, n: &Normalized, advanced: bool) -> Option<Candidates<'a>> {
        let mut c = self.clone();
        if let Normalized::Support(wanted) = n {
            let supported = c.numbers.iter().any(|(q, r)| *q == p && r.is_some());
            return (!advanced || supported == *wanted).then_some(c);
        }
        if !n.is_required() {
            return Some(c);
        }
        match (p, n) {
            (
                Property::Width | Property::Height | Property::AspectRatio | Property::FrameRate,
                Normalized::Number { min, max, exact, .. },
            ) => {
                c.modes.retain_mut(|m| {
                    let slot = match p {
                        Property::Width => &mut m.width,
                        Property::Height => &mut m.height,
                        Property::AspectRatio => &mut m.aspect,
                        _ => &mut m.frame_rate,
                    };
                    match slot.narrow(*min, *max, *exact) {
                        Some(i) => {
                            *slot = i;
                            m.feasible()
                        }
                        None => false,
                    }
                });
                (!c.modes.is_empty()).then_some(c)
            }
            (Property::ResizeMode, Normalized::Strings { exact: Some(list), .. }) => {
                c.modes.retain(|m| list.iter().any(|s| s == m.resize.as_str()));
                (!c.modes.is_empty()).then_some(c)
            }
            (Property::DeviceId, Normalized::Strings { exact: Some(list), .. }) => {
                list.contains(&c.model.device_id).then_some(c)
            }
            (Property::GroupId, Normalized::Strings { exact: Some(list), .. }) => {
                list.contains(&c.model.group_id).then_some(c)
            }
            (Property::FacingMode, Normalized::Strings { exact: Some(list), .. }) => {
                c.model.facing_mode.as_ref().is_some_and(|f| list.contains(f)).then_some(c)
            }
            (
                Property::WhiteBalanceMode | Property::ExposureMode | Property::FocusMode,
                Normalized::Strings { exact: Some(list), .. },
            ) => {
                let modes = c.metering_mut(p);
                modes.retain(|m| list.iter().any(|s| s == m.as_str()));
                (!modes.is_empty()).then_some(c)
            }
            (Property::PointsOfInterest, _) => c.points.then_some(c),
            (Property::Torch, Normalized::Boolean { exact: Some(b), .. }) => {
                c.torch.retain(|t| t == b);
                (!c.torch.is_empty()).then_some(c)
            }
            (_, Normalized::Number { min, max, exact, .. }) if p.is_image_capture() => {
                let slot = c.number_mut(p);
                *slot = Some(slot.as_ref()?.narrow(*min, *max, *exact)?);
                Some(c)
            }
            _ => Some(c),
        }
    }

    /// Applies every required constraint of `set`; on failure, names the
    /// first property (in IDL order) that alone leaves nothing.
    fn restrict_set(&self, set: &MediaTrackConstraintSet, advanced: bool) -> Result<Candidates<'a>, Property> {
        let mut c = self.clone();
        for p in Property::ALL {
            if let Some(n) = set.get(p, advanced) {
                c = c.restrict(p, &n, advanced).ok_or(p)?;
            }
        }
        Ok(c)
    }
}

/// Fitness distance between a numeric value and an ideal
/// (<https://w3c.github.io/mediacapture-main/#dfn-fitness-distance>, step 7:
/// `|actual - ideal| / max(|actual|, |ideal|)`, 0 when equal).
pub fn numeric_distance(actual: f64, ideal: f64) -> f64 {
    if actual == ideal {
        return 0.0;
    }
    let denom = actual.abs().max(ideal.abs());
    if denom == 0.0 { 0.0 } else { (actual - ideal).abs() / denom }
}

fn ideal_number(set: &MediaTrackConstraintSet, p: Property) -> Option<f64> {
    match set.get(p, false)? {
        Normalized::Number { ideal, .. } => ideal,
        _ => None,
    }
}

fn ideal_strings(set: &MediaTrackConstraintSet, p: Property) -> Option<Vec<String>> {
    match set.get(p, false)? {
        Normalized::Strings { ideal, .. } => ideal,
        _ => None,
    }
}

/// Step 6, video-mode dimension: the best concrete mode inside a candidate
/// for the basic set's ideals, with its fitness distance and a tie-break cost.
fn pick_mode(
    m: &ModeCandidate,
    basic: &MediaTrackConstraintSet,
    current: Option<&ActiveMode>,
) -> (ActiveMode, f64, f64) {
    let ideal_w = ideal_number(basic, Property::Width);
    let ideal_h = ideal_number(basic, Property::Height);
    let ideal_a = ideal_number(basic, Property::AspectRatio);
    let ideal_f = ideal_number(basic, Property::FrameRate);
    let native_aspect = m.native.width.max(1) as f64 / m.native.height.max(1) as f64;
    let (mut w, mut h) = match (ideal_w, ideal_h) {
        (Some(iw), Some(ih)) => (m.width.clamp(iw), m.height.clamp(ih)),
        (Some(iw), None) => {
            let w = m.width.clamp(iw);
            (w, m.height.clamp(w / ideal_a.unwrap_or(native_aspect)))
        }
        (None, Some(ih)) => {
            let h = m.height.clamp(ih);
            (m.width.clamp(h * ideal_a.unwrap_or(native_aspect)), h)
        }
        (None, None) => match ideal_a {
            Some(a) => {
                let h = m.height.hi;
                (m.width.clamp(h * a), h)
            }
            // No size asked for: the largest box with the native aspect ratio.
            None => {
                let (w, h) = (m.width.hi, m.height.hi);
                if w / h > native_aspect {
                    (m.width.clamp(h * native_aspect), h)
                } else {
                    (w, m.height.clamp(w / native_aspect))
                }
            }
        },
    };
    // Keep the aspect ratio inside its required interval, adjusting height first.
    if w > 0.0 && h > 0.0 && !m.aspect.contains(w / h) {
        let target = m.aspect.clamp(w / h);
        h = m.height.clamp(w / target);
        if w > 0.0 && h > 0.0 && !m.aspect.contains(w / h) {
            w = m.width.clamp(h * target);
        }
    }
    let (w, h) = (w.round().max(0.0), h.round().max(0.0));
    let f = ideal_f.map_or(m.frame_rate.hi, |i| m.frame_rate.clamp(i));
    let mut distance = 0.0;
    let aspect = if h > 0.0 { w / h } else { 0.0 };
    for (ideal, actual) in [(ideal_w, w), (ideal_h, h), (ideal_a, aspect), (ideal_f, f)] {
        if let Some(i) = ideal {
            distance += numeric_distance(actual, i);
        }
    }
    if let Some(list) = ideal_strings(basic, Property::ResizeMode) {
        distance += if list.iter().any(|s| s == m.resize.as_str()) { 0.0 } else { 1.0 };
    }
    // Ties are the UA's choice: prefer native modes, then the current mode,
    // then 640x480 at 30 fps (the customary default).
    let (tw, th, tf) = match current {
        Some(c) => (c.width as f64, c.height as f64, c.frame_rate),
        None => (640.0, 480.0, 30.0),
    };
    let tie = if m.resize == ResizeMode::None { 0.0 } else { 10.0 }
        + numeric_distance(w, tw)
        + numeric_distance(h, th)
        + numeric_distance(f, tf);
    let mode = ActiveMode { native: m.native, width: w as u32, height: h as u32, frame_rate: f, resize_mode: m.resize };
    (mode, distance, tie)
}

/// Step 6 for one device: the best mode and image values, the total fitness
/// distance of the basic set, and the tie-break cost.
fn pick(c: &Candidates, basic: &MediaTrackConstraintSet) -> (ActiveMode, PhotoOptions, f64, f64) {
    let mut best: Option<(ActiveMode, f64, f64)> = None;
    for m in &c.modes {
        let (mode, d, t) = pick_mode(m, basic, c.model.current.as_ref());
        if best.as_ref().is_none_or(|(_, bd, bt)| (d, t) < (*bd, *bt)) {
            best = Some((mode, d, t));
        }
    }
    let (mode, mut distance, tie) = best.expect("restrict() never leaves a device without modes");
    for (p, value) in [
        (Property::DeviceId, Some(&c.model.device_id)),
        (Property::GroupId, Some(&c.model.group_id)),
        (Property::FacingMode, c.model.facing_mode.as_ref()),
    ] {
        if let Some(list) = ideal_strings(basic, p) {
            distance += if value.is_some_and(|v| list.contains(v)) { 0.0 } else { 1.0 };
        }
    }
    let mut options = PhotoOptions::default();
    for (p, interval) in &c.numbers {
        let Some(interval) = interval else {
            // An ideal on a property the device lacks cannot be met.
            if let Some(Normalized::Number { ideal: Some(_), .. } | Normalized::Support(true)) = basic.get(*p, false) {
                distance += 1.0;
            }
            continue;
        };
        if let Some(Normalized::Support(false)) = basic.get(*p, false) {
            distance += 1.0;
        }
        let current = c.model.photo.range(*p).map_or(interval.lo, |r| r.current);
        let value = match ideal_number(basic, *p) {
            Some(i) => {
                let v = interval.clamp(i);
                distance += numeric_distance(v, i);
                v
            }
            None => interval.clamp(current),
        };
        options.set_number(*p, value);
    }
    for (p, modes) in &c.metering {
        if modes.is_empty() {
            continue;
        }
        let current = c.model.photo.modes(*p).1;
        let ideal = ideal_strings(basic, *p);
        let chosen = ideal
            .as_ref()
            .and_then(|l| modes.iter().find(|m| l.iter().any(|s| s == m.as_str())))
            .or_else(|| modes.iter().find(|m| Some(**m) == current))
            .unwrap_or(&modes[0]);
        if ideal.is_some_and(|l| !l.iter().any(|s| s == chosen.as_str())) {
            distance += 1.0;
        }
        options.set_mode(*p, *chosen);
    }
    if !c.torch.is_empty() {
        let ideal = match basic.get(Property::Torch, false) {
            Some(Normalized::Boolean { ideal, .. }) => ideal,
            _ => None,
        };
        let want = ideal.unwrap_or(c.model.photo.torch);
        let torch = if c.torch.contains(&want) { want } else { c.torch[0] };
        if ideal.is_some_and(|i| i != torch) {
            distance += 1.0;
        }
        options.has_torch = true;
        options.torch = torch;
    }
    (mode, options, distance, tie)
}

/// Points of interest a constraint set asks for, clamped into [0, 1]²
/// (<https://w3c.github.io/mediacapture-image/#points-of-interest>).
fn requested_points(set: &MediaTrackConstraintSet, advanced: bool) -> Option<Vec<Point2D>> {
    match set.get(Property::PointsOfInterest, advanced)? {
        Normalized::Points { exact, ideal } => {
            exact.or(if advanced { None } else { ideal }).map(|p| p.into_iter().map(Point2D::clamped).collect())
        }
        _ => None,
    }
}

/// Runs SelectSettings (<https://w3c.github.io/mediacapture-main/#dfn-selectsettings>)
/// over `devices` (several for getUserMedia, one for applyConstraints).
///
/// On failure returns `OverconstrainedError` naming a required constraint whose
/// fitness distance was infinite for every settings dictionary examined, or
/// `""` when no single constraint is to blame; `NotFoundError` when `devices`
/// is empty. With `ptz_permitted == false`, pan/tilt/zoom are treated as
/// unsupported: required ones fail, ideal and advanced ones are ignored.
pub fn select_settings(
    devices: &[DeviceModel],
    constraints: &MediaTrackConstraints,
    ptz_permitted: bool,
) -> Result<Selection, MediaError> {
    if devices.is_empty() {
        return Err(MediaError::NotFound("no video capture device is available".into()));
    }
    // Steps 1–2: each device's unconstrained settings space (empty constraints
    // were already dropped when normalising).
    //    A device that offers no mode at all cannot be opened: it is left out.
    let all: Vec<Candidates> = devices
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.modes.is_empty())
        .map(|(i, d)| Candidates::new(i, d, ptz_permitted))
        .collect();
    if all.is_empty() {
        return Err(MediaError::NotFound("no video capture device offers a mode".into()));
    }

    // Step 3: keep the settings whose fitness distance to the basic set is
    // finite, bare values being ideal.
    let basic = &constraints.basic;
    let mut candidates: Vec<Candidates> = all.iter().filter_map(|c| c.restrict_set(basic, false).ok()).collect();

    // Step 4: nothing left — fail, naming a required constraint that no
    // settings dictionary satisfied on its own; when each is satisfiable alone, the
    // first (in IDL order) that no settings dictionary satisfying all the others
    // satisfies (`{width: {exact: 639}, resizeMode: {exact: "none"}}` on a camera
    // without a 639-pixel mode names width, as Chromium does).
    if candidates.is_empty() {
        let required: Vec<(Property, Normalized)> = Property::ALL
            .into_iter()
            .filter_map(|p| basic.get(p, false).filter(Normalized::is_required).map(|n| (p, n)))
            .collect();
        let alone = required.iter().find(|(p, n)| all.iter().all(|c| c.restrict(*p, n, false).is_none()));
        let given_others = || {
            required.iter().find(|(p, n)| {
                all.iter().all(|c| {
                    let others = required
                        .iter()
                        .filter(|(q, _)| q != p)
                        .try_fold(c.clone(), |c, (q, m)| c.restrict(*q, m, false));
                    others.is_none_or(|c| c.restrict(*p, n, false).is_none())
                })
            })
        };
        let failed = alone.or_else(given_others).map(|(p, _)| *p);
        let name = failed.map_or("", Property::name);
        return Err(MediaError::overconstrained(
            name,
            match failed {
                Some(p) => format!("no source satisfies the required constraint '{}'", p.name()),
                None => "no source satisfies the required constraints together".to_owned(),
            },
        ));
    }

    // Step 5: apply the advanced sets in order, bare values being exact; a set
    // no remaining candidate satisfies is skipped.
    let mut applied_advanced = Vec::new();
    for (i, set) in constraints.advanced.iter().flatten().enumerate() {
        let narrowed: Vec<Candidates> = candidates.iter().filter_map(|c| c.restrict_set(set, true).ok()).collect();
        if !narrowed.is_empty() {
            candidates = narrowed;
            applied_advanced.push(i);
        }
    }

    // Step 6: pick the candidate with the smallest fitness distance to the
    // basic set (ideals); ties are broken by `pick`'s UA preferences.
    let mut best: Option<(usize, ActiveMode, PhotoOptions, f64, f64)> = None;
    for c in &candidates {
        let (mode, options, d, t) = pick(c, basic);
        if best.as_ref().is_none_or(|b| (d, t) < (b.3, b.4)) {
            best = Some((c.index, mode, options, d, t));
        }
    }
    let (device, mode, picked, _, _) = best.expect("candidates is not empty");

    // Only the properties the applied sets mention are pushed to the device;
    // `pan: true` alone asks for support and keeps the current value.
    let mut sets: Vec<(&MediaTrackConstraintSet, bool)> = vec![(basic, false)];
    sets.extend(applied_advanced.iter().map(|i| (&constraints.advanced.as_ref().expect("applied")[*i], true)));
    let mentioned =
        |p: Property| sets.iter().any(|(s, adv)| s.get(p, *adv).is_some_and(|n| !matches!(n, Normalized::Support(_))));
    let mut options = PhotoOptions::default();
    for p in Property::IMAGE_NUMERIC {
        let value = match p {
            Property::ExposureCompensation => picked.has_exposure_compensation.then_some(picked.exposure_compensation),
            Property::ExposureTime => picked.has_exposure_time.then_some(picked.exposure_time),
            Property::ColorTemperature => picked.has_color_temperature.then_some(picked.color_temperature),
            Property::Iso => picked.has_iso.then_some(picked.iso),
            Property::Brightness => picked.has_brightness.then_some(picked.brightness),
            Property::Contrast => picked.has_contrast.then_some(picked.contrast),
            Property::Saturation => picked.has_saturation.then_some(picked.saturation),
            Property::Sharpness => picked.has_sharpness.then_some(picked.sharpness),
            Property::FocusDistance => picked.has_focus_distance.then_some(picked.focus_distance),
            Property::Pan => picked.has_pan.then_some(picked.pan),
            Property::Tilt => picked.has_tilt.then_some(picked.tilt),
            _ => picked.has_zoom.then_some(picked.zoom),
        };
        if let (true, Some(v)) = (mentioned(p), value) {
            options.set_number(p, v);
        }
    }
    for (p, v) in [
        (Property::WhiteBalanceMode, picked.white_balance_mode),
        (Property::ExposureMode, picked.exposure_mode),
        (Property::FocusMode, picked.focus_mode),
    ] {
        if let (true, Some(m)) = (mentioned(p), v) {
            options.set_mode(p, m);
        }
    }
    if mentioned(Property::Torch) && picked.has_torch {
        options.has_torch = true;
        options.torch = picked.torch;
    }
    // The last applied set that names points of interest wins.
    for (set, adv) in sets.iter().rev() {
        if let Some(points) = requested_points(set, *adv) {
            options.points_of_interest = points;
            break;
        }
    }
    Ok(Selection { device, mode, options, applied_advanced })
}

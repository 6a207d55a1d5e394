//! The canvas thread's font registry and font selection for text.
//!
//! One registry per canvas thread (so per engine: two engines in one process have
//! their own): the web fonts script registered (`CanvasCommand::AddFont`, the bytes of
//! a loaded `FontFace` shared as `Arc<[u8]>` under a `FontKey`), the system fonts found
//! through `fontdb` (loaded on first use, only when a family is not a web font), and the
//! bundled DejaVu Sans.
//!
//! Selection (<https://drafts.csswg.org/css-fonts/#font-style-matching>, simplified):
//! for each family of the `font` list in order, the loaded web faces of that family
//! (family names compare ASCII case-insensitively), else the system faces of that family,
//! each narrowed by the font matching algorithm (stretch, then style, then weight).
//! A family that is not installed may be met by a metric-compatible one that is (Arial,
//! Helvetica and Arimo by Liberation Sans; Times New Roman, Times and Tinos by Liberation
//! Serif; Courier New, Courier and Cousine by Liberation Mono; Calibri by Carlito; Cambria
//! by Caladea): the same substitutions Chromium on Linux accepts from fontconfig, so text
//! set in "Arial" has Arial's advances, as pages laid out for it expect.
//! Generic families follow Chromium's Linux defaults: `sans-serif` is Arial (so Liberation
//! Sans), `serif` is Times New Roman (Liberation Serif), `monospace` and `system-ui` are
//! what fontconfig answers (DejaVu Sans Mono, DejaVu Sans); `cursive` and `fantasy` have no
//! face on a stock Debian. When no family of the list has a face, the text is drawn in the
//! user agent's standard font (Times New Roman, so Liberation Serif), as in Chromium. The
//! bundled DejaVu Sans stands in for a generic family whose faces are not installed, and
//! ends every list: each character is drawn with the first face of the list that has it.
//! Not done: `unicode-range`, variation axes of variable faces, synthetic bold.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use base::FontKey;
use canvas_traits::text::{FaceDescriptors, FamilyName, FontStyle, TextOptions};
use skrifa::FontRef;

static BUNDLED: &[u8] = include_bytes!("../resources/DejaVuSans.ttf");

/// One face text can be drawn with.
#[derive(Clone)]
pub(crate) struct Face {
    data: Arc<[u8]>,
    /// The shaper's tables for this face, made at its first shaping and kept with the bytes.
    shaping: Shaping,
    index: u32,
    /// Drawn slanted: an italic or oblique style asked of a face that has none.
    pub(crate) synthetic_oblique: bool,
}

/// A face's HarfRust data (its GSUB/GPOS lookups made ready) and the shape plans made for
/// it, shared by every `Face` of the same bytes.
type Shaping = Arc<ShapingCache>;

/// What a shape plan is made for: direction, script, language, and whether kerning and the
/// common ligatures are off.
pub(crate) type PlanKey = (harfrust::Direction, harfrust::Script, Option<harfrust::Language>, bool, bool);

/// The plans a face keeps (a page uses a handful of script, direction and feature sets).
const MAX_PLANS: usize = 16;

#[derive(Default)]
pub(crate) struct ShapingCache {
    data: OnceLock<harfrust::ShaperData>,
    plans: Mutex<Vec<(PlanKey, Arc<harfrust::ShapePlan>)>>,
}

/// A face's bytes with its shaping data.
#[derive(Clone)]
struct Source {
    data: Arc<[u8]>,
    shaping: Shaping,
}

impl Source {
    fn new(data: Arc<[u8]>) -> Source {
        Source { data, shaping: Shaping::default() }
    }

    fn face(&self, index: u32, synthetic_oblique: bool) -> Face {
        Face { data: self.data.clone(), shaping: self.shaping.clone(), index, synthetic_oblique }
    }
}

impl Face {
    /// The shaper's data for this face; `font` is this face's `font_ref()`.
    pub(crate) fn shaper_data(&self, font: &FontRef<'_>) -> &harfrust::ShaperData {
        self.shaping.data.get_or_init(|| harfrust::ShaperData::new(font))
    }

    /// The shape plan for `key` (made by `make` the first time, then kept with the face).
    pub(crate) fn shape_plan(
        &self,
        key: PlanKey,
        make: impl FnOnce() -> harfrust::ShapePlan,
    ) -> Arc<harfrust::ShapePlan> {
        let mut plans = self.shaping.plans.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, plan)) = plans.iter().find(|(k, _)| *k == key) {
            return plan.clone();
        }
        let plan = Arc::new(make());
        if plans.len() == MAX_PLANS {
            plans.remove(0);
        }
        plans.push((key, plan.clone()));
        plan
    }

    pub(crate) fn font_ref(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(&self.data, self.index).ok()
    }

    fn same_source(&self, other: &Face) -> bool {
        Arc::ptr_eq(&self.data, &other.data) && self.index == other.index
    }
}

/// What a `font` value asks of a face.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct FontRequest {
    pub style: FontStyle,
    pub weight: f32,
    pub stretch: f32,
}

impl FontRequest {
    pub(crate) fn of(options: &TextOptions) -> FontRequest {
        FontRequest { style: options.font.style, weight: f32::from(options.font.weight), stretch: options.stretch }
    }
}

/// The CSS font matching algorithm's narrowing
/// (<https://drafts.csswg.org/css-fonts/#font-matching-algorithm>, step 4) over the
/// descriptors of one family's faces: `font-stretch` first, then `font-style`, then
/// `font-weight`, each keeping the faces closest in the order the specification gives.
/// Returns the index of the chosen face (the first of equals).
pub(crate) fn match_face(faces: &[FaceDescriptors], want: FontRequest) -> Option<usize> {
    let mut candidates: Vec<usize> = (0..faces.len()).collect();
    narrow(&mut candidates, |i| stretch_rank(faces[i].stretch, want.stretch));
    narrow(&mut candidates, |i| style_rank(faces[i].style, want.style));
    narrow(&mut candidates, |i| weight_rank(faces[i].weight, want.weight));
    candidates.first().copied()
}

/// Keeps the candidates with the smallest rank.
fn narrow(candidates: &mut Vec<usize>, rank: impl Fn(usize) -> (u8, f32)) {
    let Some(best) =
        candidates.iter().map(|&i| rank(i)).min_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal))
    else {
        return;
    };
    candidates.retain(|&i| rank(i) == best);
}

/// "If the desired stretch value is less than or equal to 100%, stretch values below the
/// desired stretch value are checked in descending order followed by stretch values above
/// the desired stretch value in ascending order … Otherwise, stretch values above the
/// desired stretch value are checked in ascending order followed by stretch values below
/// the desired stretch value in descending order."
fn stretch_rank((lo, hi): (f32, f32), want: f32) -> (u8, f32) {
    if (lo..=hi).contains(&want) {
        (0, 0.0)
    } else if want <= 100.0 {
        if hi < want { (1, want - hi) } else { (2, lo - want) }
    } else if lo > want {
        (1, lo - want)
    } else {
        (2, want - hi)
    }
}

/// "If the value of font-style is italic, italic faces are checked first, then oblique,
/// then normal faces. If the value is oblique, oblique faces are checked first, then
/// italic faces and then normal faces. If the value is normal, normal faces are checked
/// first, then oblique faces, then italic faces."
fn style_rank(face: FontStyle, want: FontStyle) -> (u8, f32) {
    use FontStyle::*;
    let order = match want {
        Italic => [Italic, Oblique, Normal],
        Oblique => [Oblique, Italic, Normal],
        Normal => [Normal, Oblique, Italic],
    };
    (order.iter().position(|s| *s == face).unwrap_or(3) as u8, 0.0)
}

/// "If the desired weight is inclusively between 400 and 500, weights greater than or
/// equal to the target weight are checked in ascending order until 500 is hit and checked,
/// followed by weights less than the target weight in descending order, followed by weights
/// greater than 500, until a match is found. If the desired weight is less than 400,
/// weights less than or equal to the desired weight are checked in descending order
/// followed by weights above the desired weight in ascending order until a match is found.
/// If the desired weight is greater than 500, weights greater than or equal to the desired
/// weight are checked in ascending order followed by weights below the desired weight in
/// descending order until a match is found."
fn weight_rank((lo, hi): (f32, f32), want: f32) -> (u8, f32) {
    if (lo..=hi).contains(&want) {
        (0, 0.0)
    } else if (400.0..=500.0).contains(&want) {
        if lo > want && lo <= 500.0 {
            (1, lo - want)
        } else if hi < want {
            (2, want - hi)
        } else {
            (3, lo - want)
        }
    } else if want < 400.0 {
        if hi < want { (1, want - hi) } else { (2, lo - want) }
    } else if lo > want {
        (1, lo - want)
    } else {
        (2, want - hi)
    }
}

/// Installed families tried for a generic family, in order: Chromium's Linux defaults
/// first (`sans-serif` is Arial, `serif` and the standard font Times New Roman, met by
/// their metric-compatible Liberation faces), then fontconfig's answers on Debian.
/// `None`: the bundled face is the family.
fn generic_preferences(generic: &str) -> &'static [&'static str] {
    match generic {
        "sans-serif" => &["Liberation Sans", "Arimo", "Arial"],
        "serif" | "ui-serif" | "fangsong" => &["Liberation Serif", "Tinos", "Times New Roman", "DejaVu Serif"],
        "monospace" | "ui-monospace" => &["DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", "Courier New"],
        "system-ui" | "ui-sans-serif" => &["DejaVu Sans"],
        "math" => &["DejaVu Math TeX Gyre", "STIX Two Math", "Latin Modern Math"],
        "emoji" => &["Noto Color Emoji"],
        // cursive, fantasy, ui-rounded: no such face on a stock Debian; fall to the next family.
        _ => &[],
    }
}

/// Generic families the bundled face (DejaVu Sans) stands in for when none of their
/// installed preferences is there.
fn is_bundled_generic(generic: &str) -> bool {
    matches!(generic, "sans-serif" | "system-ui" | "ui-sans-serif")
}

/// Metric-compatible families: a family of one group that is not installed is met by an
/// installed one of the same group, which has the same advances. The groups are those
/// Chromium accepts as fontconfig substitutes on Linux (`IsMetricCompatibleReplacement`).
const METRIC_ALIASES: &[&[&str]] = &[
    &["Arial", "Helvetica", "Arimo", "Liberation Sans"],
    &["Times New Roman", "Times", "Tinos", "Liberation Serif"],
    &["Courier New", "Courier", "Cousine", "Liberation Mono"],
    &["Calibri", "Carlito"],
    &["Cambria", "Caladea"],
    &["Arial Narrow", "Liberation Sans Narrow"],
];

/// The families that may stand in for `family`, in the order of its group (itself excluded).
fn metric_aliases(family: &str) -> impl Iterator<Item = &'static str> + '_ {
    METRIC_ALIASES
        .iter()
        .find(|group| group.iter().any(|name| name.eq_ignore_ascii_case(family)))
        .into_iter()
        .flat_map(|group| group.iter().copied())
        .filter(move |name| !name.eq_ignore_ascii_case(family))
}

/// The user agent's standard font, used when no family of a list has a face: Chromium's
/// Times New Roman on Linux.
const STANDARD_FAMILY: &str = "serif";

/// The system fonts, found once.
struct SystemFonts {
    db: fontdb::Database,
    /// Each face's file, read once and shared by every draw.
    data: HashMap<fontdb::ID, Source>,
}

/// The registry: web fonts by key, system fonts, the bundled face.
pub(crate) struct FontRegistry {
    web: HashMap<FontKey, Source>,
    system: Option<SystemFonts>,
    bundled: Source,
}

impl Default for FontRegistry {
    fn default() -> FontRegistry {
        FontRegistry { web: HashMap::new(), system: None, bundled: Source::new(Arc::from(BUNDLED)) }
    }
}

impl FontRegistry {
    /// A registry that sees no installed fonts: unit tests that must not depend on the machine.
    #[cfg(test)]
    fn without_system_fonts() -> FontRegistry {
        FontRegistry {
            system: Some(SystemFonts { db: fontdb::Database::new(), data: HashMap::new() }),
            ..FontRegistry::default()
        }
    }

    /// `AddFont`: a loaded `FontFace`'s bytes (checked by script with skrifa already).
    pub(crate) fn add(&mut self, key: FontKey, data: Arc<[u8]>) {
        if self.web.insert(key, Source::new(data)).is_some() {
            log::warn!("{key} registered twice; the old bytes were replaced");
        }
    }

    /// `RemoveFont`: the `FontFace` is gone.
    pub(crate) fn remove(&mut self, key: FontKey) {
        if self.web.remove(&key).is_none() {
            log::warn!("RemoveFont for unknown {key}: dropped");
        }
    }

    /// Web fonts registered and not yet removed.
    pub(crate) fn web_font_count(&self) -> usize {
        self.web.len()
    }

    /// The bundled face.
    pub(crate) fn bundled(&self) -> Face {
        self.bundled.face(0, false)
    }

    /// The faces to draw `options`' text with, best first; the bundled face is last.
    pub(crate) fn select(&mut self, options: &TextOptions) -> Vec<Face> {
        let want = FontRequest::of(options);
        let mut chosen: Vec<Face> = Vec::new();
        for family in options.font.family_list() {
            let face = match &family {
                FamilyName::Named(name) => {
                    self.web_face(options, name, want).or_else(|| self.installed_face(name, want))
                }
                FamilyName::Generic(generic) => self.generic_face(generic, want),
            };
            if let Some(face) = face
                && !chosen.iter().any(|c| c.same_source(&face))
            {
                chosen.push(face);
            }
        }
        if chosen.is_empty()
            && let Some(face) = self.generic_face(STANDARD_FAMILY, want)
        {
            chosen.push(face);
        }
        let bundled = self.bundled();
        if !chosen.iter().any(|c| c.same_source(&bundled)) {
            chosen.push(bundled);
        }
        chosen
    }

    /// The face of a generic family: its first installed preference, else the bundled
    /// face where that stands in for it.
    fn generic_face(&mut self, generic: &str, want: FontRequest) -> Option<Face> {
        generic_preferences(generic)
            .iter()
            .find_map(|name| self.system_face(name, want))
            .or_else(|| is_bundled_generic(generic).then(|| self.bundled()))
    }

    /// An installed face of `family`, else of an installed metric-compatible family.
    fn installed_face(&mut self, family: &str, want: FontRequest) -> Option<Face> {
        self.system_face(family, want)
            .or_else(|| metric_aliases(family).find_map(|alias| self.system_face(alias, want)))
    }

    /// The best loaded web face of `family`; a face whose key the registry does not hold
    /// (removed, or never added) is logged and skipped.
    fn web_face(&self, options: &TextOptions, family: &str, want: FontRequest) -> Option<Face> {
        let faces: Vec<_> = options
            .faces
            .iter()
            .filter(|f| f.family.eq_ignore_ascii_case(family))
            .filter(|f| {
                let known = self.web.contains_key(&f.key);
                if !known {
                    log::warn!("text names unknown {}: skipped", f.key);
                }
                known
            })
            .collect();
        let descriptors: Vec<FaceDescriptors> = faces.iter().map(|f| f.descriptors).collect();
        let face = faces[match_face(&descriptors, want)?];
        let source = self.web.get(&face.key)?;
        Some(source.face(0, synthetic_oblique(face.descriptors.style, want.style)))
    }

    fn system(&mut self) -> &mut SystemFonts {
        self.system.get_or_insert_with(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            log::debug!("{} system font faces", db.len());
            SystemFonts { db, data: HashMap::new() }
        })
    }

    /// The best installed face of `family`.
    fn system_face(&mut self, family: &str, want: FontRequest) -> Option<Face> {
        let system = self.system();
        let faces: Vec<&fontdb::FaceInfo> = system
            .db
            .faces()
            .filter(|face| face.families.iter().any(|(name, _)| name.eq_ignore_ascii_case(family)))
            .collect();
        let descriptors: Vec<FaceDescriptors> = faces.iter().map(|f| system_descriptors(f)).collect();
        let face = faces[match_face(&descriptors, want)?];
        let (id, index, style) = (face.id, face.index, descriptors_style(face));
        let source = match system.data.get(&id) {
            Some(source) => source.clone(),
            None => {
                let data: Arc<[u8]> = system.db.with_face_data(id, |bytes, _| Arc::from(bytes))?;
                let source = Source::new(data);
                system.data.insert(id, source.clone());
                source
            }
        };
        Some(source.face(index, synthetic_oblique(style, want.style)))
    }
}

fn synthetic_oblique(face: FontStyle, want: FontStyle) -> bool {
    face == FontStyle::Normal && want != FontStyle::Normal
}

fn descriptors_style(face: &fontdb::FaceInfo) -> FontStyle {
    match face.style {
        fontdb::Style::Normal => FontStyle::Normal,
        fontdb::Style::Italic => FontStyle::Italic,
        fontdb::Style::Oblique => FontStyle::Oblique,
    }
}

fn system_descriptors(face: &fontdb::FaceInfo) -> FaceDescriptors {
    let stretch = match face.stretch.to_number() {
        1 => 50.0,
        2 => 62.5,
        3 => 75.0,
        4 => 87.5,
        6 => 112.5,
        7 => 125.0,
        8 => 150.0,
        9 => 200.0,
        _ => 100.0,
    };
    let weight = f32::from(face.weight.0);
    FaceDescriptors { style: descriptors_style(face), weight: (weight, weight), stretch: (stretch, stretch) }
}

#[cfg(test)]
mod tests {
    use canvas_traits::text::{CanvasFont, WebFontFace};

    use super::*;

    fn face(style: FontStyle, weight: f32, stretch: f32) -> FaceDescriptors {
        FaceDescriptors { style, weight: (weight, weight), stretch: (stretch, stretch) }
    }

    fn want(style: FontStyle, weight: f32, stretch: f32) -> FontRequest {
        FontRequest { style, weight, stretch }
    }

    #[test]
    fn weight_matching_follows_css() {
        use FontStyle::Normal;
        let faces = [face(Normal, 300.0, 100.0), face(Normal, 450.0, 100.0), face(Normal, 600.0, 100.0)];
        // Exact.
        assert_eq!(match_face(&faces, want(Normal, 450.0, 100.0)), Some(1));
        // 400: up to 500 first (450).
        assert_eq!(match_face(&faces, want(Normal, 400.0, 100.0)), Some(1));
        // 500: nothing in 500..=500, then below in descending order (450).
        assert_eq!(match_face(&faces, want(Normal, 500.0, 100.0)), Some(1));
        // 200: lighter first; none, so the lightest heavier one (300).
        assert_eq!(match_face(&faces, want(Normal, 200.0, 100.0)), Some(0));
        // 700: heavier first; none, so the heaviest lighter one (600).
        assert_eq!(match_face(&faces, want(Normal, 700.0, 100.0)), Some(2));
        // 550: heavier first (600), not the nearer 450... (both 50 away).
        assert_eq!(match_face(&faces, want(Normal, 550.0, 100.0)), Some(2));
        // A variable face's range contains the request.
        let variable = [FaceDescriptors { weight: (100.0, 900.0), ..FaceDescriptors::default() }];
        assert_eq!(match_face(&variable, want(Normal, 730.0, 100.0)), Some(0));
        assert_eq!(match_face(&[], want(Normal, 400.0, 100.0)), None);
    }

    #[test]
    fn style_and_stretch_come_before_weight() {
        use FontStyle::{Italic, Normal, Oblique};
        let faces = [face(Normal, 700.0, 100.0), face(Italic, 400.0, 100.0), face(Oblique, 400.0, 75.0)];
        // Italic wins over the weight match.
        assert_eq!(match_face(&faces, want(Italic, 700.0, 100.0)), Some(1));
        // Oblique at normal width: no oblique face there, italic next.
        assert_eq!(match_face(&faces, want(Oblique, 400.0, 100.0)), Some(1));
        // Condensed: only the oblique face is condensed; stretch narrows first.
        assert_eq!(match_face(&faces, want(Normal, 700.0, 75.0)), Some(2));
        // Normal style: normal first.
        assert_eq!(match_face(&faces, want(Normal, 400.0, 100.0)), Some(0));
        // 87.5% wants narrower first: 75% beats nothing-narrower... 75 is narrower than 87.5.
        assert_eq!(match_face(&faces, want(Normal, 400.0, 87.5)), Some(2));
        // 112.5% wants wider first; none, so the widest narrower ones (100%).
        assert_eq!(match_face(&faces, want(Normal, 400.0, 112.5)), Some(0));
    }

    fn options(font: &str, faces: Vec<WebFontFace>) -> TextOptions {
        TextOptions { font: CanvasFont::parse(font, 10.0).unwrap(), stretch: 100.0, faces, ..TextOptions::default() }
    }

    #[test]
    fn metric_compatible_families_stand_in_for_each_other() {
        assert_eq!(metric_aliases("helvetica").collect::<Vec<_>>()[..3], ["Arial", "Arimo", "Liberation Sans"]);
        assert!(metric_aliases("Courier New").any(|name| name == "Liberation Mono"));
        assert!(!metric_aliases("Times").any(|name| name == "Liberation Sans"));
        assert_eq!(metric_aliases("Verdana").count(), 0);
    }

    #[test]
    fn selection_prefers_loaded_web_faces_and_ends_with_the_bundled_face() {
        let mut registry = FontRegistry::without_system_fonts();
        let regular = FontKey::next();
        let bold = FontKey::next();
        let other: Arc<[u8]> = Arc::from(&b"regular"[..]);
        let heavy: Arc<[u8]> = Arc::from(&b"bold"[..]);
        registry.add(regular, other.clone());
        registry.add(bold, heavy.clone());
        let faces = vec![
            WebFontFace { key: regular, family: "My Font".into(), descriptors: FaceDescriptors::default() },
            WebFontFace {
                key: bold,
                family: "my font".into(),
                descriptors: FaceDescriptors { weight: (700.0, 700.0), ..FaceDescriptors::default() },
            },
        ];
        let chosen = registry.select(&options("bold 20px 'MY FONT', sans-serif", faces.clone()));
        assert_eq!(chosen.len(), 2);
        assert!(Arc::ptr_eq(&chosen[0].data, &heavy));
        assert!(chosen[1].same_source(&registry.bundled()));
        let chosen = registry.select(&options("italic 20px 'My Font'", faces.clone()));
        assert!(Arc::ptr_eq(&chosen[0].data, &other));
        assert!(chosen[0].synthetic_oblique);
        // Another family: only the bundled face (no Liberation Sans on this "machine"), and
        // no standard font either.
        let chosen = registry.select(&options("20px sans-serif", faces.clone()));
        assert_eq!(chosen.len(), 1);
        let chosen = registry.select(&options("20px Arial, cursive", faces.clone()));
        assert_eq!(chosen.len(), 1);
        // A removed face is skipped (logged), not drawn.
        registry.remove(bold);
        let chosen = registry.select(&options("bold 20px 'My Font'", faces));
        assert!(Arc::ptr_eq(&chosen[0].data, &other));
    }
}

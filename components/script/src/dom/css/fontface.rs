//! `FontFace` (<https://drafts.csswg.org/css-font-loading/#fontface-interface>).
//!
//! A face's data is fetched off the script thread (`file:`, `http:` and `data:` URLs through
//! the fetch code images use; `blob:` URLs resolved here, on the thread that owns the store)
//! and checked with skrifa; a loaded face's bytes go to the canvas thread once
//! (`CanvasCommand::AddFont`, shared as `Arc<[u8]>`) under a `FontKey` text commands name,
//! and leave it when the `FontFace` is collected. WOFF and WOFF2 data are unpacked to the
//! TrueType/OpenType font they hold (`wuff`) before that check.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use base::FontKey;
use canvas_traits::command::CanvasCommand;
use canvas_traits::text::{FaceDescriptors, WebFontFace};
use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::FontFaceDescriptors;
use crate::dom::bindings::codegen::Enums::FontFaceLoadStatus;
use crate::dom::bindings::codegen::FontFaceBinding::FontFaceMethods;
use crate::dom::bindings::codegen::Unions::StringOrArrayBufferOrArrayBufferView as FontSourceArg;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::canvas::rendering;
use crate::dom::css::fontdescriptors::{self as grammar, FontSource};
use crate::dom::css::fontfaceset::FontFaceSet;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// Checks font data the way the canvas thread will read it: a TrueType/OpenType font or the
/// first face of a collection that skrifa parses.
pub fn is_valid_font(data: &[u8]) -> bool {
    skrifa::FontRef::from_index(data, 0).is_ok()
}

/// The font in `data` as the canvas thread reads it: WOFF 1.0 (`wOFF`) and WOFF 2.0 (`wOF2`)
/// files unpacked to the sfnt font they hold, TrueType/OpenType data as it is; `None` for data
/// that is neither, or that does not unpack or parse.
/// (<https://www.w3.org/TR/WOFF2/>, <https://www.w3.org/TR/WOFF/>)
pub fn font_data(data: Vec<u8>) -> Option<Vec<u8>> {
    let font = match data.get(..4) {
        Some(b"wOF2") => wuff::decompress_woff2(&data).ok()?,
        Some(b"wOFF") => wuff::decompress_woff1(&data).ok()?,
        _ => data,
    };
    is_valid_font(&font).then_some(font)
}

/// The descriptor attributes, as set (each valid for its grammar).
#[derive(Clone, Debug, Default)]
struct Descriptors {
    family: String,
    style: String,
    weight: String,
    stretch: String,
    unicode_range: String,
    feature_settings: String,
    variation_settings: String,
    display: String,
    ascent_override: String,
    descent_override: String,
    line_gap_override: String,
}

type Check = fn(&str) -> bool;

/// Steps run once a face is loaded or has failed.
pub(crate) type SettledSteps = Box<dyn FnOnce(&mut JSContext)>;

fn check_style(v: &str) -> bool {
    grammar::parse_style(v).is_some()
}
fn check_weight(v: &str) -> bool {
    grammar::parse_weight(v).is_some()
}
fn check_stretch(v: &str) -> bool {
    grammar::parse_stretch(v).is_some()
}
fn check_unicode_range(v: &str) -> bool {
    grammar::parse_unicode_range(v).is_some()
}
fn check_feature_settings(v: &str) -> bool {
    grammar::parse_feature_settings(v).is_some()
}
fn check_variation_settings(v: &str) -> bool {
    grammar::parse_variation_settings(v).is_some()
}
fn check_display(v: &str) -> bool {
    grammar::parse_display(v).is_some()
}
fn check_override(v: &str) -> bool {
    grammar::parse_metric_override(v).is_some()
}

#[dom_struct]
pub struct FontFace {
    reflector_: Reflector,
    #[no_trace]
    descriptors: RefCell<Descriptors>,
    #[no_trace]
    status: Cell<FontFaceLoadStatus>,
    /// [[FontStatusPromise]].
    #[no_trace]
    status_promise: Rc<Promise>,
    /// [[Urls]]: the `src` list of a face made from a string (`None` for binary data).
    #[no_trace]
    urls: Option<Vec<FontSource>>,
    /// The loaded font: its registry key on the canvas thread.
    #[no_trace]
    key: Cell<Option<FontKey>>,
    /// The FontFaceSets this face is in (their loading state follows its status).
    sets: RefCell<Vec<Dom<FontFaceSet>>>,
    /// Steps to run once the face is loaded or failed (`FontFaceSet.load()`'s waits).
    #[no_trace]
    on_settled: RefCell<Vec<SettledSteps>>,
    /// <https://drafts.csswg.org/css-font-loading/#css-connected>: made for an `@font-face`
    /// rule of the document's style sheets.
    #[no_trace]
    css_connected: bool,
}

impl FontFace {
    /// <https://drafts.csswg.org/css-font-loading/#font-face-css-connection>: the FontFace of an
    /// `@font-face` rule (`block`, its descriptors as written), its `src` URLs resolved against
    /// `base` (the style sheet's location: the document's base URL). An invalid family, `src`
    /// or descriptor gives a face in the "error" state (such a rule is ignored by CSS).
    pub fn new_css_connected(
        cx: &mut JSContext,
        window: &Window,
        block: &[crate::dom::css::cssproperties::Declaration],
        base: &url::Url,
    ) -> DomRoot<FontFace> {
        let get = |name: &str| block.iter().rev().find(|d| d.name.eq_ignore_ascii_case(name)).map(|d| d.value.clone());
        let family = get("font-family").and_then(|v| grammar::parse_family_name(&v));
        let urls = get("src").and_then(|v| grammar::parse_src(&v, base));
        let or = |name: &str, default: &str| get(name).unwrap_or_else(|| default.to_owned());
        let d = Descriptors {
            family: family.clone().unwrap_or_default(),
            style: or("font-style", "normal"),
            weight: or("font-weight", "normal"),
            stretch: or("font-stretch", "normal"),
            unicode_range: or("unicode-range", "U+0-10FFFF"),
            feature_settings: or("font-feature-settings", "normal"),
            variation_settings: or("font-variation-settings", "normal"),
            display: or("font-display", "auto"),
            ascent_override: or("ascent-override", "normal"),
            descent_override: or("descent-override", "normal"),
            line_gap_override: or("line-gap-override", "normal"),
        };
        let valid = family.is_some()
            && urls.is_some()
            && check_style(&d.style)
            && check_weight(&d.weight)
            && check_stretch(&d.stretch);
        let promise = Promise::new(cx, window);
        promise.mark_handled(cx);
        let face = FontFace {
            reflector_: Reflector::new(),
            descriptors: RefCell::new(d),
            status: Cell::new(FontFaceLoadStatus::Unloaded),
            status_promise: promise,
            urls,
            key: Cell::new(None),
            sets: RefCell::new(Vec::new()),
            on_settled: RefCell::new(Vec::new()),
            css_connected: true,
        };
        let face = crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(face), window);
        if !valid {
            face.status.set(FontFaceLoadStatus::Error);
            face.status_promise.reject_error(cx, Error::Syntax("The @font-face rule is invalid.".into()));
        }
        face
    }

    /// Whether the face belongs to an `@font-face` rule.
    pub fn is_css_connected(&self) -> bool {
        self.css_connected
    }

    /// Whether the face is loaded (its data is on the canvas thread).
    pub fn is_loaded(&self) -> bool {
        self.status.get() == FontFaceLoadStatus::Loaded
    }

    pub fn status(&self) -> FontFaceLoadStatus {
        self.status.get()
    }

    /// The family descriptor, as set.
    pub fn family(&self) -> String {
        self.descriptors.borrow().family.clone()
    }

    /// Style, weight and stretch for font matching.
    pub fn matching_descriptors(&self) -> FaceDescriptors {
        let d = self.descriptors.borrow();
        grammar::face_descriptors(&d.style, &d.weight, &d.stretch)
    }

    /// What a text command needs of a loaded face.
    pub fn web_font_face(&self) -> Option<WebFontFace> {
        Some(WebFontFace { key: self.key.get()?, family: self.family(), descriptors: self.matching_descriptors() })
    }

    /// [[FontStatusPromise]].
    pub fn status_promise(&self) -> Rc<Promise> {
        self.status_promise.clone()
    }

    pub(crate) fn add_set(&self, set: &FontFaceSet) {
        self.sets.borrow_mut().push(Dom::from_ref(set));
    }

    pub(crate) fn remove_set(&self, set: &FontFaceSet) {
        self.sets.borrow_mut().retain(|s| !std::ptr::eq(&**s, set));
    }

    /// Runs `steps` when the face is loaded or has failed (at once if it has).
    pub(crate) fn when_settled(&self, cx: &mut JSContext, steps: SettledSteps) {
        match self.status.get() {
            FontFaceLoadStatus::Loaded | FontFaceLoadStatus::Error => steps(cx),
            FontFaceLoadStatus::Unloaded | FontFaceLoadStatus::Loading => self.on_settled.borrow_mut().push(steps),
        }
    }

    /// The face's status becomes "loading": each set containing it switches to loading
    /// (<https://drafts.csswg.org/css-font-loading/#fontfaceset-pending-on-the-environment>,
    /// "whenever a FontFace's status changes").
    fn set_loading(&self, cx: &mut JSContext) {
        self.status.set(FontFaceLoadStatus::Loading);
        let sets: Vec<_> = self.sets.borrow().iter().map(|s| s.as_rooted()).collect();
        for set in sets {
            set.face_started_loading(cx, self);
        }
    }

    /// "When the load operation completes, successfully or not …": the data is registered
    /// with the canvas thread and the promise fulfilled, or the promise rejected with `error`.
    fn finish_load(&self, cx: &mut JSContext, result: Result<Arc<[u8]>, Error>) {
        match result {
            Ok(data) => {
                // "Otherwise, font face now represents the loaded font; fulfill font face's
                //  [[FontStatusPromise]] with font face and set font face's status attribute
                //  to "loaded"."
                let key = FontKey::next();
                rendering::push(CanvasCommand::AddFont { key, data });
                self.key.set(Some(key));
                self.status.set(FontFaceLoadStatus::Loaded);
                self.status_promise.resolve_native(cx, &DomRoot::from_ref(self));
            }
            Err(error) => {
                // "If the attempt to load fails, reject font face's [[FontStatusPromise]] with a
                //  DOMException whose name is "NetworkError" and set font face's status
                //  attribute to "error"."
                self.status.set(FontFaceLoadStatus::Error);
                self.status_promise.reject_error(cx, error);
            }
        }
        let sets: Vec<_> = self.sets.borrow().iter().map(|s| s.as_rooted()).collect();
        for set in sets {
            set.face_finished_loading(cx, self);
        }
        let waiting = std::mem::take(&mut *self.on_settled.borrow_mut());
        for steps in waiting {
            steps(cx);
        }
    }

    fn set_descriptor(
        &self,
        value: DOMString,
        check: Check,
        field: fn(&mut Descriptors) -> &mut String,
    ) -> ErrorResult {
        // "On setting, parse the string according to the grammar for the corresponding
        //  @font-face descriptor. If it does not match the grammar, throw a SyntaxError;
        //  otherwise, set the attribute to the serialization of the parsed value."
        let value = value.to_string();
        if !check(&value) {
            return Err(Error::Syntax(format!("'{value}' is not a valid value for this descriptor.")));
        }
        *field(&mut self.descriptors.borrow_mut()) = value.trim().to_owned();
        Ok(())
    }
}

impl Drop for FontFace {
    fn drop(&mut self) {
        if let Some(key) = self.key.get() {
            rendering::push(CanvasCommand::RemoveFont { key });
        }
    }
}

/// Fetches the first `src` entry that gives font data skrifa reads (WOFF and WOFF2 unpacked),
/// off the script thread.
fn fetch_font(
    client: &crate::net::Client,
    client_url: &url::Url,
    sources: &[(FontSource, Option<Vec<u8>>)],
    origin: &str,
) -> Result<Arc<[u8]>, String> {
    let mut last = String::from("no url() source");
    for (source, blob) in sources {
        let FontSource::Url(url, _) = source else {
            // FIXME: local() faces are not looked up among the system fonts.
            continue;
        };
        let bytes = match blob {
            Some(bytes) => Ok(bytes.clone()),
            None if url.scheme() == "blob" => Err("no such blob URL".to_owned()),
            None => {
                let cross_origin = url.scheme() != "data" && crate::origin::origin_key(url) != origin;
                let request = crate::net::get_from(url, client_url);
                crate::dom::html::htmlimageelement::fetch_bytes(client, &request, origin).and_then(
                    |(bytes, allowed)| {
                        // Fonts are fetched in "cors" mode.
                        if cross_origin && !allowed { Err("the CORS check failed".to_owned()) } else { Ok(bytes) }
                    },
                )
            }
        };
        match bytes.map(font_data) {
            Ok(Some(font)) => return Ok(Arc::from(font)),
            Ok(None) => last = format!("{url}: not a TrueType, OpenType, WOFF or WOFF2 font"),
            Err(e) => last = format!("{url}: {e}"),
        }
    }
    Err(last)
}

impl FontFaceMethods for FontFace {
    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-fontface>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        family: DOMString,
        source: FontSourceArg,
        descriptors: &FontFaceDescriptors,
    ) -> Fallible<DomRoot<FontFace>> {
        // 1. "Let font face be a fresh FontFace object. Set font face's status attribute to
        //    "unloaded", Set its internal [[FontStatusPromise]] slot to a fresh pending
        //    Promise object."
        let promise = Promise::new(cx, global);
        // A rejection of [[FontStatusPromise]] is not reported unless script handles
        // `loaded` itself (as in Chromium): a failed load is reported through `load()`.
        promise.mark_handled(cx);
        // 2. "Parse the family argument, and the members of the descriptors argument,
        //    according to the grammars of the corresponding descriptors of the CSS @font-face
        //    rule. If the source argument is a CSSOMString, parse it according to the grammar
        //    of the CSS src descriptor of the @font-face rule. If any of them fail to parse
        //    correctly, reject font face's [[FontStatusPromise]] with a DOMException named
        //    "SyntaxError", set font face's corresponding attributes to the empty string, and
        //    set font face's status attribute to "error". Otherwise, set font face's
        //    corresponding attributes to the serialization of the parsed values."
        //    (The family is taken as given, as Chromium does: any string names a family.)
        let fields: [(&str, Check); 10] = [
            (&descriptors.style, check_style),
            (&descriptors.weight, check_weight),
            (&descriptors.stretch, check_stretch),
            (&descriptors.unicode_range, check_unicode_range),
            (&descriptors.feature_settings, check_feature_settings),
            (&descriptors.variation_settings, check_variation_settings),
            (&descriptors.display, check_display),
            (&descriptors.ascent_override, check_override),
            (&descriptors.descent_override, check_override),
            (&descriptors.line_gap_override, check_override),
        ];
        let valid = fields.iter().all(|(value, check)| check(value));
        let urls = match &source {
            FontSourceArg::String(src) => grammar::parse_src(&src.to_string(), &global.api_base_url()),
            _ => Some(Vec::new()),
        };
        let parsed = valid && urls.is_some();
        let keep = |v: &DOMString| if parsed { v.to_string().trim().to_owned() } else { String::new() };
        let d = Descriptors {
            family: family.to_string(),
            style: keep(&descriptors.style),
            weight: keep(&descriptors.weight),
            stretch: keep(&descriptors.stretch),
            unicode_range: keep(&descriptors.unicode_range),
            feature_settings: keep(&descriptors.feature_settings),
            variation_settings: keep(&descriptors.variation_settings),
            display: keep(&descriptors.display),
            ascent_override: keep(&descriptors.ascent_override),
            descent_override: keep(&descriptors.descent_override),
            line_gap_override: keep(&descriptors.line_gap_override),
        };
        let binary = match &source {
            FontSourceArg::String(_) => None,
            FontSourceArg::ArrayBuffer(b) => Some(b.0.clone()),
            FontSourceArg::ArrayBufferView(v) => Some(v.0.clone()),
        };
        // 3. "If font face's [[Urls]] slot is not null … Set font face's internal [[Urls]]
        //    slot to the string representation of source." (Binary sources have none.)
        let face = FontFace {
            reflector_: Reflector::new(),
            descriptors: RefCell::new(d),
            status: Cell::new(FontFaceLoadStatus::Unloaded),
            status_promise: promise,
            urls: if binary.is_none() { urls.clone() } else { None },
            key: Cell::new(None),
            sets: RefCell::new(Vec::new()),
            on_settled: RefCell::new(Vec::new()),
            css_connected: false,
        };
        let face = reflect_dom_object_with_proto(cx, Box::new(face), global, proto);
        if !parsed {
            face.status.set(FontFaceLoadStatus::Error);
            face.status_promise.reject_error(cx, Error::Syntax("A FontFace descriptor or src is invalid.".into()));
            return Ok(face);
        }
        // 4. "If source is a BinaryData: set font face's status attribute to "loading" … and
        //    attempt to parse the data in it as a font. … If the load was successful, font face
        //    now represents the parsed font; fulfill font face's [[FontStatusPromise]] with
        //    font face, and set its status attribute to "loaded". Otherwise, reject font face's
        //    [[FontStatusPromise]] with a DOMException named "SyntaxError" and set font face's
        //    status attribute to "error"."
        //    FIXME: parsed synchronously, as Chromium does (the status is settled when the
        //    constructor returns), not in parallel with a queued task.
        if let Some(bytes) = binary {
            let result = match font_data(bytes) {
                Some(font) => Ok(Arc::from(font)),
                None => Err(Error::Syntax("The font data is not a TrueType, OpenType, WOFF or WOFF2 font.".into())),
            };
            face.finish_load(cx, result);
        }
        // 5. "Return font face."
        Ok(face)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-family>
    fn Family(&self, _cx: &mut JSContext) -> DOMString {
        self.descriptors.borrow().family.clone().into()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-family>: any string names a
    /// family (as in the constructor).
    fn SetFamily(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        self.descriptors.borrow_mut().family = value.to_string();
        Ok(())
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-style>
    fn Style(&self, _cx: &mut JSContext) -> DOMString {
        self.descriptors.borrow().style.clone().into()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-style>
    fn SetStyle(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        self.set_descriptor(value, check_style, |d| &mut d.style)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-weight>
    fn Weight(&self, _cx: &mut JSContext) -> DOMString {
        self.descriptors.borrow().weight.clone().into()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-weight>
    fn SetWeight(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        self.set_descriptor(value, check_weight, |d| &mut d.weight)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-stretch>
    fn Stretch(&self, _cx: &mut JSContext) -> DOMString {
        self.descriptors.borrow().stretch.clone().into()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-stretch>
    fn SetStretch(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        self.set_descriptor(value, check_stretch, |d| &mut d.stretch)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-unicoderange>
    fn UnicodeRange(&self, _cx: &mut JSContext) -> DOMString {
        self.descriptors.borrow().unicode_range.clone().into()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-unicoderange> (kept; text
    /// does not use it to pick faces).
    fn SetUnicodeRange(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        self.set_descriptor(value, check_unicode_range, |d| &mut d.unicode_range)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-featuresettings>
    fn FeatureSettings(&self, _cx: &mut JSContext) -> DOMString {
        self.descriptors.borrow().feature_settings.clone().into()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-featuresettings> (kept; no
    /// shaping applies it).
    fn SetFeatureSettings(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        self.set_descriptor(value, check_feature_settings, |d| &mut d.feature_settings)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-variationsettings>
    fn VariationSettings(&self, _cx: &mut JSContext) -> DOMString {
        self.descriptors.borrow().variation_settings.clone().into()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-variationsettings> (kept)
    fn SetVariationSettings(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        self.set_descriptor(value, check_variation_settings, |d| &mut d.variation_settings)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-display>
    fn Display(&self, _cx: &mut JSContext) -> DOMString {
        self.descriptors.borrow().display.clone().into()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-display> (kept: text waits
    /// for nothing, a face is used once loaded)
    fn SetDisplay(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        self.set_descriptor(value, check_display, |d| &mut d.display)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-ascentoverride>
    fn AscentOverride(&self, _cx: &mut JSContext) -> DOMString {
        self.descriptors.borrow().ascent_override.clone().into()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-ascentoverride> (kept)
    fn SetAscentOverride(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        self.set_descriptor(value, check_override, |d| &mut d.ascent_override)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-descentoverride>
    fn DescentOverride(&self, _cx: &mut JSContext) -> DOMString {
        self.descriptors.borrow().descent_override.clone().into()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-descentoverride> (kept)
    fn SetDescentOverride(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        self.set_descriptor(value, check_override, |d| &mut d.descent_override)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-linegapoverride>
    fn LineGapOverride(&self, _cx: &mut JSContext) -> DOMString {
        self.descriptors.borrow().line_gap_override.clone().into()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-linegapoverride> (kept)
    fn SetLineGapOverride(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        self.set_descriptor(value, check_override, |d| &mut d.line_gap_override)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-status>
    fn Status(&self, _cx: &mut JSContext) -> FontFaceLoadStatus {
        self.status.get()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-load>
    fn Load(&self, cx: &mut JSContext) -> Rc<Promise> {
        // 1. "Let font face be the FontFace object on which this method was called."
        // 2. "If font face's [[Urls]] slot is null, or its status attribute is anything other
        //    than "unloaded", return font face's [[FontStatusPromise]] and abort these steps."
        let Some(urls) = self.urls.clone() else {
            return self.status_promise.clone();
        };
        if self.status.get() != FontFaceLoadStatus::Unloaded {
            return self.status_promise.clone();
        }
        // 3. "Otherwise, set font face's status attribute to "loading", return font face's
        //    [[FontStatusPromise]], and continue executing the rest of this algorithm
        //    asynchronously."
        self.set_loading(cx);
        // 4. "Using the value of font face's [[Urls]] slot, attempt to load a font as defined
        //    in [CSS-FONTS-3], as if it was the value of a @font-face rule's src descriptor."
        let global = self.global();
        let origin = crate::origin::origin_key(&global.api_base_url());
        // Blob URLs resolve here, on the thread that owns the store.
        let sources: Vec<(FontSource, Option<Vec<u8>>)> = urls
            .into_iter()
            .map(|source| {
                let blob = match &source {
                    FontSource::Url(url, _) => {
                        crate::dom::fileapi::bloburl::resolve(url, &origin).map(|entry| entry.bytes.to_vec())
                    }
                    FontSource::Local(_) => None,
                };
                (source, blob)
            })
            .collect();
        let this = Trusted::new(self);
        let client = crate::net::client();
        let client_url = global.api_base_url();
        crate::parallel::in_parallel(
            "font fetch",
            move || fetch_font(&client, &client_url, &sources, &origin),
            // 5. "When the load operation completes, successfully or not, queue a task to run
            //    the following steps synchronously: …"
            move |cx, result| {
                let Some(this) = this.root() else { return };
                let result = result.unwrap_or_else(|| Err("the font fetch failed".into())).map_err(|message| {
                    log::debug!("FontFace {}: {message}", this.family());
                    Error::Network(format!("A network error occurred loading the font: {message}"))
                });
                this.finish_load(cx, result);
            },
        );
        self.status_promise.clone()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontface-loaded>: [[FontStatusPromise]].
    fn Loaded(&self, _cx: &mut JSContext) -> Rc<Promise> {
        self.status_promise.clone()
    }
}

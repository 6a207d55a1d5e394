//! `FontFaceSet` (<https://drafts.csswg.org/css-font-loading/#fontfaceset>): `document.fonts`
//! and a worker's `self.fonts`, the font source text on that realm's canvases draws with.
//!
//! The set entries are, for a document, the CSS-connected faces of the top-level `@font-face`
//! rules of its style sheets (`<style>` and adopted sheets, in that order; made or dropped when
//! script reads `document.fonts`, not when sheets change; a face loads on `load()`, not when
//! text asks for its family), then the faces script added, in insertion order. Loading state follows the faces' status: a face starting to load switches
//! the set to "loading", the last one to finish switches it to "loaded", which fulfills
//! `ready` and fires `loadingdone` (and `loadingerror` for failed faces).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use canvas_traits::text::{CanvasFont, FamilyName, WebFontFace};
use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Enums::{FontFaceLoadStatus, FontFaceSetLoadStatus};
use crate::dom::bindings::codegen::FontFaceBinding::FontFaceMethods;
use crate::dom::bindings::codegen::FontFaceSetBinding::FontFaceSetMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::css::cssfontfacerule::CSSFontFaceRule;
use crate::dom::css::fontface::FontFace;
use crate::dom::css::fontfacesetloadevent::FontFaceSetLoadEvent;
use crate::dom::dom::document::Document;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct FontFaceSet {
    eventtarget: EventTarget,
    /// The CSS-connected faces with their rules, in document order.
    css: RefCell<Vec<(Dom<CSSFontFaceRule>, Dom<FontFace>)>>,
    /// The other set entries, in insertion order.
    entries: RefCell<Vec<Dom<FontFace>>>,
    /// [[LoadingFonts]], [[LoadedFonts]], [[FailedFonts]].
    loading: RefCell<Vec<Dom<FontFace>>>,
    loaded: RefCell<Vec<Dom<FontFace>>>,
    failed: RefCell<Vec<Dom<FontFace>>>,
    /// [[ReadyPromise]].
    ready: RefCell<Rc<Promise>>,
    #[no_trace]
    status: Cell<FontFaceSetLoadStatus>,
}

fn contains(list: &RefCell<Vec<Dom<FontFace>>>, face: &FontFace) -> bool {
    list.borrow().iter().any(|f| std::ptr::eq(&**f, face))
}

fn remove(list: &RefCell<Vec<Dom<FontFace>>>, face: &FontFace) {
    list.borrow_mut().retain(|f| !std::ptr::eq(&**f, face));
}

fn rooted(list: &RefCell<Vec<Dom<FontFace>>>) -> Vec<DomRoot<FontFace>> {
    list.borrow().iter().map(|f| f.as_rooted()).collect()
}

impl FontFaceSet {
    fn new_inherited(cx: &mut JSContext, window: &Window) -> FontFaceSet {
        // No face is loading: [[ReadyPromise]] is fulfilled once the set exists (below).
        FontFaceSet {
            eventtarget: EventTarget::new_inherited(),
            css: RefCell::new(Vec::new()),
            entries: RefCell::new(Vec::new()),
            loading: RefCell::new(Vec::new()),
            loaded: RefCell::new(Vec::new()),
            failed: RefCell::new(Vec::new()),
            ready: RefCell::new(Promise::new(cx, window)),
            status: Cell::new(FontFaceSetLoadStatus::Loaded),
        }
    }

    /// A document's or a worker's font source.
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<FontFaceSet> {
        let set = Box::new(FontFaceSet::new_inherited(cx, window));
        let set = reflect_dom_object(cx, set, window);
        let ready = set.ready.borrow().clone();
        ready.resolve_native(cx, &set);
        set
    }

    /// The set entries: the CSS-connected faces, then the others.
    fn all_faces(&self) -> Vec<DomRoot<FontFace>> {
        let mut faces: Vec<DomRoot<FontFace>> = self.css.borrow().iter().map(|(_, f)| f.as_rooted()).collect();
        faces.extend(rooted(&self.entries));
        faces
    }

    /// <https://drafts.csswg.org/css-font-loading/#document-font-face-set>: brings the
    /// CSS-connected faces in step with `document`'s `@font-face` rules (a rule keeps its face;
    /// a new rule gets one; a face whose rule is gone leaves the set).
    pub fn sync_css_faces(&self, cx: &mut JSContext, document: &Document) {
        let mut sheets = crate::dom::css::stylesheetlist::sheets_of(cx, document.upcast());
        sheets.extend(document.adopted_style_sheets(cx));
        let rules: Vec<DomRoot<CSSFontFaceRule>> = sheets
            .iter()
            .flat_map(|sheet| sheet.rules().items())
            .filter_map(|rule| rule.downcast::<CSSFontFaceRule>().map(DomRoot::from_ref))
            .collect();
        let old: Vec<(DomRoot<CSSFontFaceRule>, DomRoot<FontFace>)> =
            self.css.borrow().iter().map(|(r, f)| (r.as_rooted(), f.as_rooted())).collect();
        let window = self.global();
        let base = document.base_url();
        let mut new = Vec::with_capacity(rules.len());
        for rule in &rules {
            let face = match old.iter().find(|(r, _)| std::ptr::eq(&**r, &**rule)) {
                Some((_, face)) => face.clone(),
                None => {
                    let face = FontFace::new_css_connected(cx, &window, &rule.block().borrow(), &base);
                    face.add_set(self);
                    face
                }
            };
            new.push((Dom::from_ref(&**rule), Dom::from_ref(&*face)));
        }
        *self.css.borrow_mut() = new;
        for (rule, face) in &old {
            if !rules.iter().any(|r| std::ptr::eq(&**r, &**rule)) {
                face.remove_set(self);
                self.forget(cx, face);
            }
        }
    }

    /// The CSS-connected faces not loaded yet whose family is one of `families`.
    fn unloaded_css_faces(&self, families: &[String]) -> Vec<DomRoot<FontFace>> {
        self.css
            .borrow()
            .iter()
            .map(|(_, face)| face.as_rooted())
            .filter(|face| face.status() == FontFaceLoadStatus::Unloaded)
            .filter(|face| {
                let family = face.family();
                families.iter().any(|n| n.eq_ignore_ascii_case(&family))
            })
            .collect()
    }

    /// <https://drafts.csswg.org/css-fonts/#font-face-loading>: an `@font-face` face is loaded
    /// when something uses it ("user agents … download only those fonts needed to render the
    /// page"). Here that is an element of `document` whose computed `font-family` names the
    /// face's family: its load starts, so [[ReadyPromise]] waits for it, as a page that awaits
    /// `document.fonts.ready` before drawing with the font expects.
    pub fn load_faces_used_by(&self, cx: &mut JSContext, document: &Document) {
        use crate::dom::css::cascade::Cascade;
        use crate::dom::css::computedstyle::{Target, computed_value};
        use crate::dom::dom::element::Element;
        use crate::dom::dom::node::Node;
        let any_unloaded =
            self.css.borrow().iter().any(|(_, face)| face.as_rooted().status() == FontFaceLoadStatus::Unloaded);
        if !any_unloaded {
            return;
        }
        let mut elements = Vec::new();
        document.upcast::<Node>().for_each_inclusive_descendant(|node| {
            if let Some(element) = node.downcast::<Element>() {
                elements.push(DomRoot::from_ref(element));
            }
        });
        let cascade = Cascade::for_tree(cx, document.upcast());
        let mut families: Vec<String> = Vec::new();
        for element in &elements {
            let value = computed_value(&cascade, element, Target::Element, "font-family");
            if value.is_empty() {
                continue;
            }
            for name in named_families(&CanvasFont { families: value, ..CanvasFont::default() }) {
                if !families.iter().any(|f| f.eq_ignore_ascii_case(&name)) {
                    families.push(name);
                }
            }
        }
        for face in self.unloaded_css_faces(&families) {
            let _ = face.Load(cx);
        }
    }

    /// Text drawn or measured on a canvas with `font` uses the `@font-face` faces of its
    /// families: those not loaded yet start loading (this text falls back; later text uses
    /// them).
    pub fn load_faces_for(&self, cx: &mut JSContext, font: &CanvasFont) {
        for face in self.unloaded_css_faces(&named_families(font)) {
            let _ = face.Load(cx);
        }
    }

    /// A face left the set: it leaves the loading lists too ("If font was the last item in
    /// [[LoadingFonts]], switch the FontFaceSet to loaded").
    fn forget(&self, cx: &mut JSContext, font: &FontFace) {
        remove(&self.loaded, font);
        remove(&self.failed, font);
        if contains(&self.loading, font) {
            remove(&self.loading, font);
            if self.loading.borrow().is_empty() {
                self.switch_to_loaded(cx);
            }
        }
    }

    /// The loaded faces whose family is one of `font`'s families, in set order: what a text
    /// command may draw with.
    pub fn faces_for(&self, font: &CanvasFont) -> Vec<WebFontFace> {
        let names = named_families(font);
        if names.is_empty() {
            return Vec::new();
        }
        self.all_faces()
            .iter()
            .filter(|face| face.is_loaded())
            .filter(|face| {
                let family = face.family();
                names.iter().any(|n| n.eq_ignore_ascii_case(&family))
            })
            .filter_map(|face| face.web_font_face())
            .collect()
    }

    /// <https://drafts.csswg.org/css-font-loading/#switch-the-fontfaceset-to-loading>
    fn switch_to_loading(&self, cx: &mut JSContext) {
        // 1. "Let font face set be the given FontFaceSet."
        // 2. "Set the status attribute of font face set to "loading"."
        self.status.set(FontFaceSetLoadStatus::Loading);
        // 3. "If font face set's [[ReadyPromise]] slot currently holds a fulfilled promise,
        //    replace it with a fresh pending promise."
        if !self.ready.borrow().is_pending() {
            *self.ready.borrow_mut() = Promise::new(cx, &self.global());
        }
        // 4. "Queue a task to fire a font load event named loading at font face set."
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(this) = this.root() {
                this.fire_load_event(cx, "loading", Vec::new());
            }
        }));
    }

    /// <https://drafts.csswg.org/css-font-loading/#switch-the-fontfaceset-to-loaded>
    fn switch_to_loaded(&self, cx: &mut JSContext) {
        // 1–2. "Set font face set's status attribute to "loaded"."
        self.status.set(FontFaceSetLoadStatus::Loaded);
        // 3. (A set is never pending on the environment: Aperture has no layout or style
        //    sheet loads to wait for.)
        // 4–6. "Let loaded fonts be the (possibly empty) contents of font face set's
        //    [[LoadedFonts]] slot. Let failed fonts be … [[FailedFonts]] slot. Reset the
        //    [[LoadedFonts]] and [[FailedFonts]] slots to empty lists."
        let loaded = rooted(&self.loaded);
        let failed = rooted(&self.failed);
        self.loaded.borrow_mut().clear();
        self.failed.borrow_mut().clear();
        // 7. "Fulfill font face set's [[ReadyPromise]] attribute's value with font face set."
        let ready = self.ready.borrow().clone();
        if ready.is_pending() {
            ready.resolve_native(cx, &DomRoot::from_ref(self));
        }
        // 8. "Fire a font load event named loadingdone at font face set with loaded fonts."
        self.fire_load_event(cx, "loadingdone", loaded);
        // 9. "If font face set's failed fonts is non-empty, fire a font load event named
        //    loadingerror at font face set with failed fonts."
        if !failed.is_empty() {
            self.fire_load_event(cx, "loadingerror", failed);
        }
    }

    /// <https://drafts.csswg.org/css-font-loading/#fire-a-font-load-event>
    fn fire_load_event(&self, cx: &mut JSContext, name: &str, faces: Vec<DomRoot<FontFace>>) {
        let event = FontFaceSetLoadEvent::new_trusted(cx, &self.global(), name, faces);
        self.upcast::<EventTarget>().dispatch(cx, event.upcast());
    }

    /// A face in the set starts loading: "If font face set's [[LoadingFonts]] list is empty,
    /// switch the FontFaceSet to loading. Append font face to [[LoadingFonts]]."
    pub(crate) fn face_started_loading(&self, cx: &mut JSContext, face: &FontFace) {
        if contains(&self.loading, face) {
            return;
        }
        if self.loading.borrow().is_empty() {
            self.switch_to_loading(cx);
        }
        self.loading.borrow_mut().push(Dom::from_ref(face));
    }

    /// A face in the set finished: "Append font face to [[LoadedFonts]] (or [[FailedFonts]]),
    /// remove it from [[LoadingFonts]]; if that list is now empty, switch the FontFaceSet to
    /// loaded."
    pub(crate) fn face_finished_loading(&self, cx: &mut JSContext, face: &FontFace) {
        if !contains(&self.loading, face) {
            return;
        }
        let list = if face.status() == FontFaceLoadStatus::Loaded { &self.loaded } else { &self.failed };
        list.borrow_mut().push(Dom::from_ref(face));
        remove(&self.loading, face);
        if self.loading.borrow().is_empty() {
            self.switch_to_loaded(cx);
        }
    }

    /// <https://drafts.csswg.org/css-font-loading/#find-the-matching-font-faces>: the faces of
    /// the set `font` would use (for each named family, the one the font matching algorithm
    /// picks among the set's faces of that family), or a SyntaxError. `text` is not used:
    /// faces have no `unicode-range` filtering.
    fn matching_faces(&self, font: &str) -> Fallible<Vec<DomRoot<FontFace>>> {
        // 1–2. "Parse font using the CSS value syntax of the font property. If a syntax error
        //    occurs, return a syntax error." (CSS-wide keywords are refused by the parser.)
        let font = CanvasFont::parse(font, 16.0)
            .ok_or_else(|| Error::Syntax(format!("'{font}' is not a valid CSS font value.")))?;
        let mut matched: Vec<DomRoot<FontFace>> = Vec::new();
        for family in font.family_list() {
            let FamilyName::Named(name) = family else { continue };
            let faces: Vec<DomRoot<FontFace>> =
                self.all_faces().into_iter().filter(|f| f.family().eq_ignore_ascii_case(&name)).collect();
            let descriptors: Vec<_> = faces.iter().map(|f| f.matching_descriptors()).collect();
            let want = canvas_traits::text::FaceDescriptors {
                style: font.style,
                weight: (f32::from(font.weight), f32::from(font.weight)),
                stretch: (font.stretch_percent(), font.stretch_percent()),
            };
            if let Some(best) = best_face(&descriptors, &want)
                && !matched.iter().any(|m| std::ptr::eq(&**m, &*faces[best]))
            {
                matched.push(faces[best].clone());
            }
        }
        Ok(matched)
    }
}

/// The CSS font matching algorithm's choice among `faces` (the same narrowing the canvas
/// thread runs, `canvas::fonts::match_face`, simplified to nearest style then weight).
fn best_face(
    faces: &[canvas_traits::text::FaceDescriptors],
    want: &canvas_traits::text::FaceDescriptors,
) -> Option<usize> {
    let distance = |(lo, hi): (f32, f32), v: f32| {
        if v < lo {
            lo - v
        } else if v > hi {
            v - hi
        } else {
            0.0
        }
    };
    (0..faces.len()).min_by(|&a, &b| {
        let key = |i: usize| {
            let f = &faces[i];
            (
                distance(f.stretch, want.stretch.0),
                if f.style == want.style { 0.0 } else { 1.0 },
                distance(f.weight, want.weight.0),
            )
        };
        key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal)
    })
}

/// The named families of `font`'s family list (the generic ones have no web faces).
pub fn named_families(font: &CanvasFont) -> Vec<String> {
    font.family_list()
        .into_iter()
        .filter_map(|f| match f {
            FamilyName::Named(name) => Some(name),
            FamilyName::Generic(_) => None,
        })
        .collect()
}

impl FontFaceSetMethods for FontFaceSet {
    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-fontfaceset>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        initial_faces: Vec<DomRoot<FontFace>>,
    ) -> Fallible<DomRoot<FontFaceSet>> {
        // 1. "Let font face set be a new FontFaceSet. … [[ReadyPromise]] a fresh pending
        //    promise; status "loaded"."
        let set = Box::new(FontFaceSet::new_inherited(cx, global));
        let set = reflect_dom_object_with_proto(cx, set, global, proto);
        // 2. "For each of the font faces in the initialFaces argument, add it to font face
        //    set's set entries."
        for face in &initial_faces {
            set.Add(cx, face)?;
        }
        // (Nothing loading: the set switches to loaded, fulfilling [[ReadyPromise]].)
        if set.loading.borrow().is_empty() {
            let ready = set.ready.borrow().clone();
            ready.resolve_native(cx, &set);
        }
        Ok(set)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-add>
    fn Add(&self, cx: &mut JSContext, font: &FontFace) -> Fallible<DomRoot<FontFaceSet>> {
        // 1. "If font is already in the FontFaceSet's set entries, skip to the last step of
        //    this algorithm immediately."
        if !self.Has(cx, font) {
            // 2. "If font is CSS-connected, throw an InvalidModificationError exception and exit
            //    this algorithm immediately."
            if font.is_css_connected() {
                return Err(Error::InvalidModification(
                    "The FontFace of an @font-face rule cannot be added to another FontFaceSet.".into(),
                ));
            }
            // 3. "Add the font argument to the FontFaceSet's set entries."
            self.entries.borrow_mut().push(Dom::from_ref(font));
            font.add_set(self);
            // 4. "If font's status attribute is "loading": If the FontFaceSet's [[LoadingFonts]]
            //    list is empty, switch the FontFaceSet to loading. Append font to the
            //    FontFaceSet's [[LoadingFonts]] list."
            if font.status() == FontFaceLoadStatus::Loading {
                self.face_started_loading(cx, font);
            }
        }
        // 5. "Return the FontFaceSet."
        Ok(DomRoot::from_ref(self))
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-delete>
    fn Delete(&self, cx: &mut JSContext, font: &FontFace) -> bool {
        // 1. "If font is CSS-connected, return false and exit this algorithm immediately."
        if font.is_css_connected() {
            return false;
        }
        // 2. "Let deleted be the result of removing font from the FontFaceSet's set entries."
        let deleted = contains(&self.entries, font);
        remove(&self.entries, font);
        font.remove_set(self);
        // 3. "If font is present in the FontFaceSet's [[LoadedFonts]], or [[FailedFonts]]
        //    lists, remove it."
        // 4. "If font is present in the FontFaceSet's [[LoadingFonts]] list, remove it. If font
        //    was the last item in that list (and so the list is now empty), switch the
        //    FontFaceSet to loaded."
        self.forget(cx, font);
        // 5. "Return deleted."
        deleted
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-clear>: "remove all
    /// non-CSS-connected FontFace objects from the FontFaceSet's set entries, its
    /// [[LoadedFonts]] list, and its [[FailedFonts]] list." (They leave [[LoadingFonts]] too,
    /// so the set does not wait for faces it no longer has.)
    fn Clear(&self, cx: &mut JSContext) {
        for face in rooted(&self.entries) {
            face.remove_set(self);
            self.forget(cx, &face);
        }
        self.entries.borrow_mut().clear();
    }

    /// <https://webidl.spec.whatwg.org/#es-set-size>: the number of set entries.
    fn Size(&self, _cx: &mut JSContext) -> u32 {
        (self.css.borrow().len() + self.entries.borrow().len()) as u32
    }

    /// <https://webidl.spec.whatwg.org/#es-set-has>
    fn Has(&self, _cx: &mut JSContext, value: &FontFace) -> bool {
        contains(&self.entries, value) || self.css.borrow().iter().any(|(_, f)| std::ptr::eq(&**f, value))
    }

    /// The set entries, for `entries()`/`keys()`/`values()`/`forEach()`/`@@iterator`
    /// (<https://webidl.spec.whatwg.org/#es-setlike>): each entry is its own key.
    fn PairIterable(&self, _cx: &mut JSContext) -> Vec<(DomRoot<FontFace>, DomRoot<FontFace>)> {
        self.all_faces().into_iter().map(|f| (f.clone(), f)).collect()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-onloading>
    fn Onloading(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("loading")
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-onloading>
    fn SetOnloading(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("loading", value)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-onloadingdone>
    fn Onloadingdone(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("loadingdone")
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-onloadingdone>
    fn SetOnloadingdone(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("loadingdone", value)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-onloadingerror>
    fn Onloadingerror(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("loadingerror")
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-onloadingerror>
    fn SetOnloadingerror(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("loadingerror", value)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-load>
    fn Load(&self, cx: &mut JSContext, font: DOMString, _text: DOMString) -> Rc<Promise> {
        // 1. "Let font face set be the FontFaceSet object this method was called on. Let
        //    promise be a newly-created promise object."
        let global = self.global();
        let promise = Promise::new(cx, &global);
        // 2.1. "Find the matching font faces from font face set using the font and text
        //    arguments passed to the function, and let font face list be the return value
        //    (ignoring the found faces flag). If a syntax error was returned, reject promise
        //    with a SyntaxError exception and terminate these steps."
        let faces = match self.matching_faces(&font.to_string()) {
            Ok(faces) => faces,
            Err(error) => {
                promise.reject_error(cx, error);
                return promise;
            }
        };
        // 2.2. "Queue a task to run the following steps synchronously: For all of the font
        //    faces in the font face list, call their load() method. Resolve promise with the
        //    result of waiting for all of the [[FontStatusPromise]]s of each font face in the
        //    font face list, in order."
        let p = promise.clone();
        crate::script_thread::queue_task(Box::new(move |cx| {
            use crate::dom::bindings::codegen::FontFaceBinding::FontFaceMethods;
            for face in &faces {
                face.Load(cx);
            }
            wait_for_all(cx, faces, p);
        }));
        promise
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-check>
    fn Check(&self, _cx: &mut JSContext, font: DOMString, _text: DOMString) -> Fallible<bool> {
        // 1–3. "Let font face list be the result of find the matching font faces …; if a syntax
        //    error was returned, throw a SyntaxError exception."
        let faces = self.matching_faces(&font.to_string())?;
        // 4–5. "If font face list is empty … return true (system fonts are available). If every
        //    font face in the font face list has a status of "loaded", return true. Otherwise,
        //    return false."
        Ok(faces.iter().all(|f| f.is_loaded()))
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-ready>
    fn Ready(&self, _cx: &mut JSContext) -> Rc<Promise> {
        self.ready.borrow().clone()
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfaceset-status>
    fn Status(&self, _cx: &mut JSContext) -> FontFaceSetLoadStatus {
        self.status.get()
    }
}

/// <https://webidl.spec.whatwg.org/#wait-for-all>: fulfills `promise` with `faces` once every
/// one is loaded, or rejects it with the first failure's reason (a face's status promise).
fn wait_for_all(cx: &mut JSContext, faces: Vec<DomRoot<FontFace>>, promise: Rc<Promise>) {
    let remaining = Rc::new(Cell::new(faces.len()));
    let list: Rc<Vec<Trusted<FontFace>>> = Rc::new(faces.iter().map(|f| Trusted::new(&**f)).collect());
    if faces.is_empty() {
        promise.resolve_native(cx, &Vec::<DomRoot<FontFace>>::new());
        return;
    }
    for face in &faces {
        let (remaining, list, promise, this) =
            (remaining.clone(), list.clone(), promise.clone(), Trusted::new(&**face));
        face.when_settled(
            cx,
            Box::new(move |cx| {
                if !promise.is_pending() {
                    return;
                }
                let Some(this) = this.root() else { return };
                if this.status() == FontFaceLoadStatus::Error {
                    // The face's [[FontStatusPromise]] is rejected: resolving with it rejects
                    // with its reason (`resolve_native` converts it in the promise's realm).
                    promise.resolve_native(cx, &this.status_promise());
                    return;
                }
                remaining.set(remaining.get() - 1);
                if remaining.get() == 0 {
                    let faces: Vec<DomRoot<FontFace>> = list.iter().filter_map(Trusted::root).collect();
                    promise.resolve_native(cx, &faces);
                }
            }),
        );
    }
}

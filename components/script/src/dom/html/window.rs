//! `Window`, the global object (<https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-window-object>).

// FIXME(issue 17): some unsafe blocks and `unsafe fn`s of this module still lack their
// `// SAFETY:` comment or `# Safety` section; the lints are allowed here until they are written.
#![allow(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::time::{Duration, Instant};

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, JSObject};
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::HandleObject;
use url::Url;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::codegen::Callbacks::{FrameRequestCallback, Function, VoidFunction};
use crate::dom::bindings::codegen::Dictionaries::ImageBitmapOptions;
use crate::dom::bindings::codegen::Dictionaries::RequestInit;
use crate::dom::bindings::codegen::Unions::StringOrFunction;
use crate::dom::bindings::codegen::WindowBinding::{self, WindowMethods};
use crate::dom::bindings::interface::private_from_object;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::css::cssstyledeclaration::CSSStyleDeclaration;
use crate::dom::cssomview::visualviewport::VisualViewport;
use crate::dom::dom::document::Document;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::global_of;
use crate::dom::hrtime::performance::Performance;
use crate::dom::html::animationframes::AnimationFrames;
use crate::dom::html::location::Location;
use crate::dom::html::navigator::Navigator;
use crate::dom::images::imagebitmap::{Crop, ImageBitmapSource, create_image_bitmap};
use crate::dom::testing::aperturetesthooks::ApertureTestHooks;
use crate::prefs::Prefs;
use crate::script_runtime::{Microtask, enqueue_microtask, run_classic_script};

/// One scheduled timer (<https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#timer-initialisation-steps>).
struct Timer {
    handler: TimerHandler,
    /// Extra arguments for a function handler, in stable boxes (write barriers).
    #[allow(clippy::vec_box, reason = "a Heap must not move once the GC knows its address")]
    arguments: Vec<Box<Heap<JSVal>>>,
    /// `Some(interval)` for `setInterval`.
    repeat: Option<Duration>,
    /// The timer nesting level when it was set.
    nesting: u32,
}

#[derive(Clone)]
enum TimerHandler {
    Function(Rc<Function>),
    Source(String),
    /// Steps of a specification ("run steps after a timeout" with an algorithm's own steps,
    /// such as `AbortSignal.timeout()`); they hold no traced values.
    Steps(Rc<dyn Fn(&mut JSContext)>),
}

// SAFETY: `trace` below reaches every GC thing a `TimerHandler` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for TimerHandler {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        if let TimerHandler::Function(f) = self {
            // SAFETY: called from `trace` with the tracer of a GC in progress (the
            // JSTraceable contract), which is what the inner `trace` needs too.
            unsafe { f.trace(trc) };
        }
    }
}

// SAFETY: `trace` below reaches every GC thing a `Timer` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for Timer {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        unsafe {
            self.handler.trace(trc);
            self.arguments.trace(trc);
        }
    }
}

/// The timers of one window.
#[derive(Default)]
pub struct Timers {
    next_id: i32,
    entries: HashMap<i32, Timer>,
    /// (deadline, sequence) → id; the sequence keeps equal deadlines in order.
    schedule: BTreeMap<(Instant, u64), i32>,
    sequence: u64,
    /// Nesting level of the timer currently running (0 outside timers).
    current_nesting: u32,
}

// SAFETY: `trace` below reaches every GC thing a `Timers` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for Timers {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        for t in self.entries.values() {
            // SAFETY: called from `trace` with the tracer of a GC in progress (the
            // JSTraceable contract), which is what the inner `trace` needs too.
            unsafe { t.trace(trc) };
        }
    }
}

/// How a window was created.
#[derive(Clone, Debug)]
pub struct WindowOptions {
    pub url: Url,
    pub prefs: Rc<Prefs>,
    /// For iframes: the parent window's secure-context flag is inherited by srcdoc/about:blank.
    pub inherited_secure_context: Option<bool>,
    /// The top-level page the window belongs to (an iframe's is its parent's).
    pub page: crate::embedder::PageId,
}

#[dom_struct]
pub struct Window {
    eventtarget: EventTarget,
    #[no_trace]
    url: RefCell<Url>,
    #[no_trace]
    prefs: Rc<Prefs>,
    #[no_trace]
    secure_context: bool,
    #[no_trace]
    page: crate::embedder::PageId,
    #[no_trace]
    time_origin: Instant,
    location: MutNullableDom<Location>,
    navigator: MutNullableDom<Navigator>,
    performance: MutNullableDom<Performance>,
    screen: MutNullableDom<crate::dom::cssomview::screen::Screen>,
    visual_viewport: MutNullableDom<VisualViewport>,
    /// locationbar, menubar, personalbar, scrollbars, statusbar and toolbar.
    bars: [MutNullableDom<BarProp>; 6],
    /// `status`, which the user agent does not show.
    #[no_trace]
    status: RefCell<DOMString>,
    local_storage: MutNullableDom<crate::dom::webstorage::storage::Storage>,
    history: MutNullableDom<crate::dom::html::history::History>,
    session_storage: MutNullableDom<crate::dom::webstorage::storage::Storage>,
    indexed_db: MutNullableDom<crate::dom::indexeddb::factory::IDBFactory>,
    crypto: MutNullableDom<crate::dom::webcrypto::crypto::Crypto>,
    idle_callbacks: RefCell<crate::dom::idle::IdleCallbacks>,
    test_hooks: MutNullableDom<ApertureTestHooks>,
    parent: MutNullableDom<Window>,
    document: MutNullableDom<Document>,
    timers: RefCell<Timers>,
    animation_frames: RefCell<AnimationFrames>,
    /// <https://html.spec.whatwg.org/multipage/interaction.html#last-activation-timestamp> and
    /// its history-action sibling.
    #[no_trace]
    user_activation: crate::dom::uievents::useractivation::ActivationTimestamps,
    /// The document's [[resizeObservers]], in creation order.
    resize_observers:
        RefCell<Vec<crate::dom::bindings::root::Dom<crate::dom::resizeobserver::resizeobserver::ResizeObserver>>>,
    /// The document's intersection observers that have targets.
    intersection_observers: RefCell<
        Vec<
            crate::dom::bindings::root::Dom<
                crate::dom::intersectionobserver::intersectionobserver::IntersectionObserver,
            >,
        >,
    >,
    /// Media elements that played a MediaStream (their `timeupdate` comes from rendering
    /// updates; pruned when they stop).
    playing_media: RefCell<Vec<crate::dom::bindings::root::Dom<crate::dom::html::htmlmediaelement::HTMLMediaElement>>>,
    /// Videos whose video frame request callbacks wait for a new frame.
    video_frame_elements:
        RefCell<Vec<crate::dom::bindings::root::Dom<crate::dom::html::htmlvideoelement::HTMLVideoElement>>>,
    #[no_trace]
    console_groups: Cell<usize>,
    #[no_trace]
    console_timers: RefCell<HashMap<String, Instant>>,
    custom_element_registry:
        MutNullableDom<crate::dom::html::customelements::customelementregistry::CustomElementRegistry>,
    /// The streams' per-realm size functions of the queuing strategies.
    streams_size_functions: crate::dom::streams::queuingstrategy::SizeFunctions,
    /// The functions that make dictionary objects in this realm (bindings: `new_dictionary_object`).
    dictionary_makers: crate::dom::bindings::conversions::DictionaryMakers,
    /// The module map and import map of the realm.
    module_loader: crate::dom::html::modulescripts::ModuleLoader,
    /// A worker's font source (`self.fonts`); a window's is its document's.
    worker_fonts: MutNullableDom<crate::dom::css::fontfaceset::FontFaceSet>,
    #[no_trace]
    browsing_context: crate::dom::html::windowbrowsingcontext::BrowsingContextState,
    /// The global is a dedicated worker's (`DedicatedWorkerGlobalScope` starts with this
    /// struct): the realm's settings (URL, prefs, timers, console) live here, the document
    /// is an inert one that no script can reach.
    #[no_trace]
    worker: bool,
    /// Bumped by every change that can move a box of a document whose objects live in this
    /// realm (`dom::layout::cache`): a laid-out document made at another value is stale.
    #[no_trace]
    layout_generation: Cell<u64>,
    /// Bumped (with `layout_generation`) by the changes that can change which style rules
    /// apply to which element: while it stays, an element's cascaded values change only with
    /// its own `style` attribute.
    #[no_trace]
    style_generation: Cell<u64>,
    /// <https://dom.spec.whatwg.org/#window-current-event>
    current_event: MutNullableDom<crate::dom::dom::event::Event>,
}

impl Window {
    /// Creates a window and its global object.
    pub fn new(cx: &mut JSContext, options: WindowOptions) -> DomRoot<Window> {
        let window = Box::new(Window::new_inherited(options, false));
        let window = unsafe { WindowBinding::WrapGlobal(cx, window) };
        window.finish_global(cx);
        window
    }

    /// The Window part of a global: a Window's, or (`worker`) the settings of a dedicated
    /// worker's global, which embeds it as its first field.
    pub fn new_inherited(options: WindowOptions, worker: bool) -> Window {
        let secure_context =
            options.inherited_secure_context.unwrap_or_else(|| is_potentially_trustworthy(&options.url));
        Window {
            eventtarget: EventTarget::new_inherited(),
            url: RefCell::new(options.url),
            prefs: options.prefs,
            secure_context,
            page: options.page,
            time_origin: Instant::now(),
            location: Default::default(),
            navigator: Default::default(),
            current_event: Default::default(),
            performance: Default::default(),
            screen: Default::default(),
            visual_viewport: Default::default(),
            bars: Default::default(),
            status: RefCell::new(DOMString::new()),
            local_storage: Default::default(),
            history: Default::default(),
            session_storage: Default::default(),
            indexed_db: Default::default(),
            crypto: Default::default(),
            idle_callbacks: Default::default(),
            test_hooks: Default::default(),
            parent: Default::default(),
            document: Default::default(),
            timers: Default::default(),
            animation_frames: Default::default(),
            user_activation: Default::default(),
            video_frame_elements: Default::default(),
            playing_media: Default::default(),
            resize_observers: Default::default(),
            intersection_observers: Default::default(),
            console_groups: Cell::new(0),
            console_timers: Default::default(),
            custom_element_registry: Default::default(),
            streams_size_functions: Default::default(),
            dictionary_makers: Default::default(),
            module_loader: Default::default(),
            worker_fonts: Default::default(),
            browsing_context: Default::default(),
            worker,
            layout_generation: Cell::new(0),
            style_generation: Cell::new(0),
        }
    }

    /// After the global object exists: the window's document, and its timers join the loop.
    pub fn finish_global(&self, cx: &mut JSContext) {
        let document = Document::new_for_window(cx, self, self.url());
        self.document.set(Some(&document));
        crate::script_thread::add_window(self);
    }

    /// The layout generation: see `dom::layout::cache`.
    pub fn layout_generation(&self) -> u64 {
        self.layout_generation.get()
    }

    /// Something that can change layout changed in a document of this realm: every laid-out
    /// document of it is stale.
    pub fn invalidate_layout(&self) {
        self.layout_generation.set(self.layout_generation.get().wrapping_add(1));
    }

    /// The style generation: see `dom::layout::cache`.
    pub fn style_generation(&self) -> u64 {
        self.style_generation.get()
    }

    /// Something that can change which style rules match which element, or the rules, changed
    /// in this realm: every laid-out document of it is stale, and so are its cascaded values.
    pub fn invalidate_style(&self) {
        self.style_generation.set(self.style_generation.get().wrapping_add(1));
        self.invalidate_layout();
    }

    /// Whether this is the settings part of a dedicated worker's global.
    pub fn is_worker(&self) -> bool {
        self.worker
    }

    /// <https://dom.spec.whatwg.org/#window-current-event>
    pub fn current_event(&self) -> Option<DomRoot<crate::dom::dom::event::Event>> {
        self.current_event.get()
    }

    pub fn set_current_event(&self, event: Option<&crate::dom::dom::event::Event>) {
        self.current_event.set(event);
    }

    /// <https://drafts.csswg.org/css-font-loading/#font-source>: the `FontFaceSet` text drawn
    /// in this realm uses: a worker's own (`self.fonts`), made on first use, or the
    /// document's (`document.fonts`).
    pub fn font_source(&self, cx: &mut JSContext) -> DomRoot<crate::dom::css::fontfaceset::FontFaceSet> {
        if !self.worker {
            return self.document().fonts(cx);
        }
        if let Some(fonts) = self.worker_fonts.get() {
            return fonts;
        }
        let fonts = crate::dom::css::fontfaceset::FontFaceSet::new(cx, self);
        self.worker_fonts.set(Some(&fonts));
        fonts
    }

    /// The font source if script made it (so drawing text creates none).
    pub fn font_source_if_created(&self) -> Option<DomRoot<crate::dom::css::fontfaceset::FontFaceSet>> {
        if self.worker { self.worker_fonts.get() } else { self.document().fonts_if_created() }
    }

    /// The queuing strategies' `size` functions of this realm (<https://streams.spec.whatwg.org/#qs>).
    /// The realm's module map and import map.
    pub fn module_loader(&self) -> &crate::dom::html::modulescripts::ModuleLoader {
        &self.module_loader
    }

    pub fn streams_size_functions(&self) -> &crate::dom::streams::queuingstrategy::SizeFunctions {
        &self.streams_size_functions
    }

    /// The top-level page this window belongs to.
    pub fn page(&self) -> crate::embedder::PageId {
        self.page
    }

    /// The Window whose global `obj` belongs to.
    pub fn from_object(obj: *mut JSObject) -> DomRoot<Window> {
        let global = global_of(obj);
        let ptr = unsafe { private_from_object(global) } as *const Window;
        assert!(!ptr.is_null(), "a global without its Window");
        DomRoot::from_ref(unsafe { &*ptr })
    }

    /// The Window of the current realm.
    pub fn current(cx: &mut JSContext) -> DomRoot<Window> {
        // SAFETY: `cx` is this thread's live context (its raw pointer goes straight into the call,
        // which cannot GC); the current global is kept alive by the realm entered on `cx`.
        let global = unsafe { mozjs::jsapi::CurrentGlobalOrNull(cx.raw_cx()) };
        assert!(!global.is_null(), "no current realm");
        Window::from_object(global)
    }

    /// The realm's dictionary object makers (see `new_dictionary_object`).
    pub fn dictionary_makers(&self) -> &crate::dom::bindings::conversions::DictionaryMakers {
        &self.dictionary_makers
    }

    /// The global object.
    pub fn global_object(&self) -> HandleObject<'_> {
        self.reflector().get_jsobject()
    }

    /// The document this window shows.
    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#dom-window-customelements>:
    /// the window's CustomElementRegistry, created on first use.
    pub fn custom_element_registry(
        &self,
        cx: &mut JSContext,
    ) -> DomRoot<crate::dom::html::customelements::customelementregistry::CustomElementRegistry> {
        if let Some(registry) = self.custom_element_registry.get() {
            return registry;
        }
        let registry = crate::dom::html::customelements::customelementregistry::CustomElementRegistry::new(cx, self);
        self.custom_element_registry.set(Some(&registry));
        registry
    }

    /// The registry if a page has asked for it (no definitions exist otherwise).
    pub fn custom_element_registry_if_created(
        &self,
    ) -> Option<DomRoot<crate::dom::html::customelements::customelementregistry::CustomElementRegistry>> {
        self.custom_element_registry.get()
    }

    pub fn document(&self) -> DomRoot<Document> {
        self.document.get().expect("a window always has a document")
    }

    /// Shows `document` in this window (an iframe navigated; the window is reused).
    pub fn set_document(&self, document: &Document) {
        self.document.set(Some(document));
    }

    /// Whether this window still shows a document in a browsing context (an
    /// iframe's window is detached when the iframe is removed).
    pub fn is_attached(&self) -> bool {
        self.document().browsing_window().is_some_and(|w| std::ptr::eq(&*w, self))
    }

    /// The browsing context's name and closing state (`windowbrowsingcontext.rs`).
    pub fn browsing_context(&self) -> &crate::dom::html::windowbrowsingcontext::BrowsingContextState {
        &self.browsing_context
    }

    /// The parent window of an iframe's window.
    pub fn parent_window(&self) -> Option<DomRoot<Window>> {
        self.parent.get()
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#api-base-url>: a window's
    /// document base URL (`<base href>` included), a worker's URL.
    pub fn api_base_url(&self) -> Url {
        if self.worker { self.url() } else { self.document().base_url() }
    }

    pub fn url(&self) -> Url {
        self.url.borrow().clone()
    }

    pub fn set_url(&self, url: Url) {
        *self.url.borrow_mut() = url;
    }

    pub fn is_secure_context(&self) -> bool {
        self.secure_context
    }

    pub fn pref_enabled(&self, name: &str) -> bool {
        self.prefs.get_bool(name)
    }

    pub fn prefs(&self) -> &Rc<Prefs> {
        &self.prefs
    }

    /// The window's map of animation frame callbacks.
    /// The window's idle callbacks (requestIdleCallback).
    pub fn idle_callbacks(&self) -> &RefCell<crate::dom::idle::IdleCallbacks> {
        &self.idle_callbacks
    }

    pub fn add_resize_observer(&self, observer: &crate::dom::resizeobserver::resizeobserver::ResizeObserver) {
        self.resize_observers.borrow_mut().push(crate::dom::bindings::root::Dom::from_ref(observer));
    }

    pub fn resize_observers(&self) -> Vec<DomRoot<crate::dom::resizeobserver::resizeobserver::ResizeObserver>> {
        self.resize_observers.borrow().iter().map(|o| o.as_rooted()).collect()
    }

    /// Whether some observed element's size differs from the size last reported (a rendering
    /// update will notify).
    pub fn has_active_resize_observations(&self, cx: &mut JSContext) -> bool {
        let observers: Vec<_> = self.resize_observers.borrow().iter().map(|o| o.as_rooted()).collect();
        if observers.is_empty() {
            return false;
        }
        // Layout reads the style sheets, which may be made (or read from the adopted array)
        // in the window's realm.
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, self.reflector().get_raw());
        observers.iter().any(|o| o.has_active_observations(cx))
    }

    /// Adds `observer` to the document's intersection observers (once).
    pub fn add_intersection_observer(
        &self,
        observer: &crate::dom::intersectionobserver::intersectionobserver::IntersectionObserver,
    ) {
        let mut list = self.intersection_observers.borrow_mut();
        if !list.iter().any(|o| std::ptr::eq(&**o, observer)) {
            list.push(crate::dom::bindings::root::Dom::from_ref(observer));
        }
    }

    /// Removes `observer` (it has no target left).
    pub fn remove_intersection_observer(
        &self,
        observer: &crate::dom::intersectionobserver::intersectionobserver::IntersectionObserver,
    ) {
        self.intersection_observers.borrow_mut().retain(|o| !std::ptr::eq(&**o, observer));
    }

    /// The document's intersection observers that have targets, in the order they got one.
    pub fn intersection_observers(
        &self,
    ) -> Vec<DomRoot<crate::dom::intersectionobserver::intersectionobserver::IntersectionObserver>> {
        self.intersection_observers.borrow().iter().map(|o| o.as_rooted()).collect()
    }

    /// Whether an intersection observation waits for its first computation (a rendering
    /// update is due).
    pub fn has_pending_intersection_observations(&self) -> bool {
        self.intersection_observers.borrow().iter().any(|o| o.has_pending_observations())
    }

    /// Notes that `media` plays a MediaStream (once).
    pub fn add_playing_media(&self, media: &crate::dom::html::htmlmediaelement::HTMLMediaElement) {
        let mut list = self.playing_media.borrow_mut();
        if !list.iter().any(|m| std::ptr::eq(&**m, media)) {
            list.push(crate::dom::bindings::root::Dom::from_ref(media));
        }
    }

    /// "Time marches on" for the MediaStreams playing in this window (at a rendering update);
    /// those that stopped playing leave the list.
    pub fn media_time_marches_on(&self, now: std::time::Instant) {
        let media: Vec<_> = self.playing_media.borrow().iter().map(|m| m.as_rooted()).collect();
        let still: Vec<_> = media.into_iter().filter(|m| m.time_marches_on(now)).collect();
        *self.playing_media.borrow_mut() =
            still.iter().map(|m| crate::dom::bindings::root::Dom::from_ref(&**m)).collect();
    }

    /// Whether a page listens for `timeupdate` on a playing MediaStream here.
    pub fn has_media_time_listeners(&self) -> bool {
        self.playing_media.borrow().iter().any(|m| m.wants_time_updates())
    }

    /// Notes that `video` has video frame request callbacks waiting (once).
    pub fn add_video_frame_element(&self, video: &crate::dom::html::htmlvideoelement::HTMLVideoElement) {
        let mut list = self.video_frame_elements.borrow_mut();
        if !list.iter().any(|v| std::ptr::eq(&**v, video)) {
            list.push(crate::dom::bindings::root::Dom::from_ref(video));
        }
    }

    /// The videos with waiting video frame request callbacks (the list is emptied; the
    /// rendering update puts back those that still wait).
    pub fn take_video_frame_elements(&self) -> Vec<DomRoot<crate::dom::html::htmlvideoelement::HTMLVideoElement>> {
        self.video_frame_elements.borrow_mut().drain(..).map(|v| v.as_rooted()).collect()
    }

    /// Whether a video frame request callback waits on a playing video (rendering updates keep
    /// coming; a paused video, or one with no media, keeps neither them nor the page alive).
    pub fn has_video_frame_callbacks(&self) -> bool {
        self.video_frame_elements.borrow().iter().any(|v| {
            !v.video_frame_callbacks().borrow().is_empty()
                && !v.media().is_paused()
                && v.media().presented_generation().is_some()
        })
    }

    pub fn user_activation(&self) -> &crate::dom::uievents::useractivation::ActivationTimestamps {
        &self.user_activation
    }

    pub fn animation_frames(&self) -> &RefCell<AnimationFrames> {
        &self.animation_frames
    }

    /// The current high resolution time relative to the time origin, coarsened to 5 µs
    /// (what `performance.now()` returns).
    pub fn performance_now(&self) -> f64 {
        let ms = self.time_origin.elapsed().as_secs_f64() * 1000.0;
        (ms * 200.0).floor() / 200.0
    }

    pub fn time_origin(&self) -> Instant {
        self.time_origin
    }

    pub fn set_parent(&self, parent: Option<&Window>) {
        self.parent.set(parent);
    }

    pub fn console_group_depth(&self) -> &Cell<usize> {
        &self.console_groups
    }

    pub fn console_timers(&self) -> &RefCell<HashMap<String, Instant>> {
        &self.console_timers
    }

    /// Runs a script element's or the host's source in this window.
    pub fn run_script(&self, cx: &mut JSContext, source: &str, filename: &str, line: u32) -> Result<(), ()> {
        let _guard = crate::script_thread::ScriptGuard::new();
        run_classic_script(cx, self, source, filename, line)
    }

    // ------------------------------------------------------------ timers

    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#timer-initialisation-steps>
    fn initialise_timer(
        &self,
        cx: &mut JSContext,
        handler: StringOrFunction,
        timeout: i32,
        arguments: &[JSVal],
        repeat: bool,
        previous: Option<i32>,
    ) -> i32 {
        let mut timers = self.timers.borrow_mut();
        // Steps 2–3: the handle is a new positive integer unless a repeating timer reuses its own.
        let id = match previous {
            Some(id) => id,
            None => {
                timers.next_id = timers.next_id.wrapping_add(1).max(1);
                timers.next_id
            }
        };
        // Step 10: If timeout is less than 0, then set timeout to 0.
        let mut timeout = timeout.max(0);
        // Step 11: If nesting level is greater than 5, and timeout is less than 4, then set timeout to 4.
        let level = timers.current_nesting;
        if level > 5 && timeout < 4 {
            timeout = 4;
        }
        // The task's timer nesting level is nesting level + 1.
        let nesting = level + 1;
        let handler = match handler {
            StringOrFunction::Function(f) => TimerHandler::Function(f),
            StringOrFunction::String(s) => TimerHandler::Source(s.into()),
        };
        let arguments = arguments
            .iter()
            .map(|v| {
                let heap = Box::new(Heap::default());
                heap.set(*v);
                heap
            })
            .collect();
        let delay = Duration::from_millis(timeout as u64);
        timers.entries.insert(id, Timer { handler, arguments, repeat: repeat.then_some(delay), nesting });
        let seq = timers.sequence;
        timers.sequence += 1;
        timers.schedule.insert((Instant::now() + delay, seq), id);
        let _ = cx;
        id
    }

    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#run-steps-after-a-timeout>
    /// for a specification's own steps: they run as a task on the timer task source after
    /// `milliseconds`, in order with the page's timers. (No id: they cannot be cleared.)
    pub fn run_steps_after_timeout(&self, milliseconds: u64, steps: impl FnOnce(&mut JSContext) + 'static) {
        let steps = RefCell::new(Some(steps));
        let handler = TimerHandler::Steps(Rc::new(move |cx: &mut JSContext| {
            if let Some(steps) = steps.borrow_mut().take() {
                steps(cx)
            }
        }));
        let mut timers = self.timers.borrow_mut();
        timers.next_id = timers.next_id.wrapping_add(1).max(1);
        let id = timers.next_id;
        let delay = Duration::from_millis(milliseconds);
        timers.entries.insert(id, Timer { handler, arguments: Vec::new(), repeat: None, nesting: 0 });
        let seq = timers.sequence;
        timers.sequence += 1;
        timers.schedule.insert((Instant::now() + delay, seq), id);
    }

    fn clear_timer(&self, id: i32) {
        let mut timers = self.timers.borrow_mut();
        // "Run steps after a timeout" (`run_steps_after_timeout`) keeps its timers apart from
        // the map of setTimeout and setInterval IDs: a page that clears every id it can think
        // of must not cancel an `AbortSignal.timeout()` or hold a media element's events.
        if timers.entries.get(&id).is_some_and(|t| matches!(t.handler, TimerHandler::Steps(_))) {
            return;
        }
        timers.entries.remove(&id);
        timers.schedule.retain(|_, v| *v != id);
    }

    /// The earliest timer deadline, if any timer is scheduled.
    pub fn next_timer_deadline(&self) -> Option<Instant> {
        self.timers.borrow().schedule.keys().next().map(|(d, _)| *d)
    }

    /// Runs the earliest due timer; returns whether one ran
    /// (<https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#run-steps-after-a-timeout>).
    pub fn run_due_timer(&self, cx: &mut JSContext, now: Instant) -> bool {
        let (key, id) = {
            let timers = self.timers.borrow();
            match timers.schedule.iter().next() {
                Some((&(deadline, seq), &id)) if deadline <= now => ((deadline, seq), id),
                _ => return false,
            }
        };
        // The entry stays in the map while it runs, so `clearInterval` from
        // inside the callback is seen afterwards.
        let (handler, arguments, nesting, repeat) = {
            let mut timers = self.timers.borrow_mut();
            timers.schedule.remove(&key);
            match timers.entries.get(&id) {
                Some(t) => (
                    t.handler.clone(),
                    t.arguments.iter().map(|h| h.get()).collect::<Vec<JSVal>>(),
                    t.nesting,
                    t.repeat,
                ),
                None => return true,
            }
        };
        let handler = crate::dom::bindings::root::RootedTraceableBox::new(handler);
        rooted!(&in(cx) let arguments: Vec<JSVal> = arguments);
        let previous_nesting = std::mem::replace(&mut self.timers.borrow_mut().current_nesting, nesting);
        {
            let _guard = crate::script_thread::ScriptGuard::new();
            match &*handler {
                TimerHandler::Function(f) => {
                    rooted!(&in(cx) let this = ObjectValue(self.reflector().get_raw()));
                    rooted!(&in(cx) let mut retval = UndefinedValue());
                    let _ = f.Call_(cx, this.handle(), &arguments[..], retval.handle_mut(), ExceptionHandling::Report);
                }
                TimerHandler::Source(source) => {
                    let url = self.url().to_string();
                    let _ = run_classic_script(cx, self, source, &url, 1);
                }
                TimerHandler::Steps(steps) => {
                    // The steps run as a task of this window: in its realm.
                    let _realm = crate::dom::bindings::reflector::enter_realm(cx, self.reflector().get_raw());
                    steps(cx)
                }
            }
        }
        let mut timers = self.timers.borrow_mut();
        timers.current_nesting = previous_nesting;
        match repeat {
            // A repeating timer that was not cleared while running goes again.
            Some(interval) if timers.entries.contains_key(&id) => {
                let nesting = nesting + 1;
                if let Some(t) = timers.entries.get_mut(&id) {
                    t.nesting = nesting;
                }
                let interval = if nesting > 5 { interval.max(Duration::from_millis(4)) } else { interval };
                let seq = timers.sequence;
                timers.sequence += 1;
                timers.schedule.insert((Instant::now() + interval, seq), id);
            }
            Some(_) => {}
            None => {
                timers.entries.remove(&id);
            }
        }
        true
    }
}

/// <https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy>
pub fn is_potentially_trustworthy(url: &Url) -> bool {
    crate::net::referrer::is_potentially_trustworthy(url)
}

struct QueuedCallback(Rc<VoidFunction>);

// SAFETY: `trace` below reaches every GC thing a `QueuedCallback` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for QueuedCallback {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        unsafe { self.0.trace(trc) }
    }
}

impl Microtask for QueuedCallback {
    fn run(&self, cx: &mut JSContext) {
        rooted!(&in(cx) let this = UndefinedValue());
        let _ = self.0.Call_(cx, this.handle(), ExceptionHandling::Report);
    }
}

impl Window {
    /// One of the window's BarProp objects (made on first use).
    fn bar(&self, cx: &mut JSContext, index: usize) -> DomRoot<BarProp> {
        self.bars[index].or_init(|| BarProp::new(cx, self))
    }
}

/// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#barprop>
#[dom_struct]
pub struct BarProp {
    reflector_: crate::dom::bindings::reflector::Reflector,
}

impl BarProp {
    fn new(cx: &mut JSContext, window: &Window) -> DomRoot<BarProp> {
        crate::dom::bindings::classes::reflect_dom_object(
            cx,
            Box::new(BarProp { reflector_: crate::dom::bindings::reflector::Reflector::new() }),
            window,
        )
    }
}

impl crate::dom::bindings::codegen::BarPropBinding::BarPropMethods for BarProp {
    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-barprop-visible>: the
    /// headless host's window has none of these bars, but "should return true" when the user
    /// agent does not expose the information, as browsers do.
    fn Visible(&self, _cx: &mut JSContext) -> bool {
        true
    }
}

impl WindowMethods for Window {
    crate::dom::html::windowbrowsingcontext::window_browsing_context_methods!();
    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#dom-window-customelements>
    fn CustomElements(
        &self,
        cx: &mut JSContext,
    ) -> DomRoot<crate::dom::html::customelements::customelementregistry::CustomElementRegistry> {
        // "return this's associated CustomElementRegistry object" ([SameObject]).
        self.custom_element_registry(cx)
    }

    crate::dom::html::htmlelement::all_global_event_handlers!();

    // <https://html.spec.whatwg.org/multipage/webappapis.html#windoweventhandlers>
    crate::dom::html::htmlelement::global_event_handlers! {
        Onafterprint, SetOnafterprint => "afterprint";
        Onbeforeprint, SetOnbeforeprint => "beforeprint";
        Onbeforeunload, SetOnbeforeunload => "beforeunload";
        Onhashchange, SetOnhashchange => "hashchange";
        Onlanguagechange, SetOnlanguagechange => "languagechange";
        Onmessage, SetOnmessage => "message";
        Onmessageerror, SetOnmessageerror => "messageerror";
        Onoffline, SetOnoffline => "offline";
        Ononline, SetOnonline => "online";
        Onpagehide, SetOnpagehide => "pagehide";
        Onpageshow, SetOnpageshow => "pageshow";
        Onpopstate, SetOnpopstate => "popstate";
        Onrejectionhandled, SetOnrejectionhandled => "rejectionhandled";
        Onstorage, SetOnstorage => "storage";
        Onunhandledrejection, SetOnunhandledrejection => "unhandledrejection";
        Onunload, SetOnunload => "unload";
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window>
    fn Window(&self, _cx: &mut JSContext) -> DomRoot<Window> {
        DomRoot::from_ref(self)
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-self>
    fn Self_(&self, _cx: &mut JSContext) -> DomRoot<Window> {
        DomRoot::from_ref(self)
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-location>
    fn Location(&self, cx: &mut JSContext) -> DomRoot<Location> {
        self.location.or_init(|| Location::new(cx, self))
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-top>
    fn Top(&self, _cx: &mut JSContext) -> Option<DomRoot<Window>> {
        // Step 1: If this's navigable is null, then return null.
        if !self.is_attached() {
            return None;
        }
        // Step 2: Return this's navigable's top-level traversable's active WindowProxy.
        let mut top = DomRoot::from_ref(self);
        while let Some(p) = top.parent.get() {
            top = p;
        }
        Some(top)
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-frames>: "return this's
    /// relevant realm.[[GlobalEnv]].[[GlobalThisValue]]" (indexed access, `frames[0]`, is
    /// answered by the named properties object: `windowproperties.rs`).
    fn Frames(&self, _cx: &mut JSContext) -> DomRoot<Window> {
        DomRoot::from_ref(self)
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-length>: "the number of
    /// document-tree child navigables of this's associated Document".
    fn Length(&self, cx: &mut JSContext) -> u32 {
        crate::dom::html::windowproperties::child_windows(cx, self).len() as u32
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-parent>
    fn Parent(&self, _cx: &mut JSContext) -> Option<DomRoot<Window>> {
        // Step 1: If this's navigable is null, then return null.
        if !self.is_attached() {
            return None;
        }
        // Steps 2–3: the parent's WindowProxy, or this one for a top-level window.
        Some(self.parent.get().unwrap_or_else(|| DomRoot::from_ref(self)))
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-frameelement>
    fn FrameElement(&self, _cx: &mut JSContext) -> Option<DomRoot<crate::dom::dom::element::Element>> {
        // Steps 1–3: this's navigable's container, if any (no origin check: every
        // document here is same-origin with its parent for script purposes).
        if !self.is_attached() {
            return None;
        }
        self.document().container().map(DomRoot::upcast)
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator>
    fn Navigator(&self, cx: &mut JSContext) -> DomRoot<Navigator> {
        self.navigator.or_init(|| Navigator::new(cx, self))
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-issecurecontext>
    fn IsSecureContext(&self, _cx: &mut JSContext) -> bool {
        self.secure_context
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-crossoriginisolated>: "the
    /// relevant settings object's cross-origin isolated capability", which needs
    /// `Cross-Origin-Opener-Policy`/`Cross-Origin-Embedder-Policy` headers this engine does not
    /// act on: false.
    fn CrossOriginIsolated(&self, _cx: &mut JSContext) -> bool {
        false
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-locationbar>
    fn Locationbar(&self, cx: &mut JSContext) -> DomRoot<BarProp> {
        self.bar(cx, 0)
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-menubar>
    fn Menubar(&self, cx: &mut JSContext) -> DomRoot<BarProp> {
        self.bar(cx, 1)
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-personalbar>
    fn Personalbar(&self, cx: &mut JSContext) -> DomRoot<BarProp> {
        self.bar(cx, 2)
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-scrollbars>
    fn Scrollbars(&self, cx: &mut JSContext) -> DomRoot<BarProp> {
        self.bar(cx, 3)
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-statusbar>
    fn Statusbar(&self, cx: &mut JSContext) -> DomRoot<BarProp> {
        self.bar(cx, 4)
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-toolbar>
    fn Toolbar(&self, cx: &mut JSContext) -> DomRoot<BarProp> {
        self.bar(cx, 5)
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-status>: "must
    /// return the last string it was set to", which nothing shows.
    fn Status(&self, _cx: &mut JSContext) -> DOMString {
        self.status.borrow().clone()
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-status>
    fn SetStatus(&self, _cx: &mut JSContext, value: DOMString) {
        *self.status.borrow_mut() = value;
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-stop>: stops
    /// the document's loading; a page running script here is already loaded, with nothing left
    /// to stop but its own fetches, which have their own abort.
    fn Stop(&self, _cx: &mut JSContext) {}

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-window-object>:
    /// `clientInformation`, "legacy alias of .navigator".
    fn ClientInformation(&self, cx: &mut JSContext) -> DomRoot<Navigator> {
        self.Navigator(cx)
    }

    /// <https://html.spec.whatwg.org/multipage/browsers.html#dom-originagentcluster>: no
    /// `Origin-Agent-Cluster` keying here.
    fn OriginAgentCluster(&self, _cx: &mut JSContext) -> bool {
        false
    }

    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-window-captureevents>: "must do
    /// nothing".
    fn CaptureEvents(&self, _cx: &mut JSContext) {}

    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-window-releaseevents>: "must do
    /// nothing".
    fn ReleaseEvents(&self, _cx: &mut JSContext) {}

    /// <https://drafts.csswg.org/cssom-view/#dom-window-moveto>: only windows a script opened
    /// may be moved; this one was not.
    fn MoveTo(&self, _cx: &mut JSContext, _x: i32, _y: i32) {}

    /// <https://drafts.csswg.org/cssom-view/#dom-window-moveby>: as `moveTo()`.
    fn MoveBy(&self, _cx: &mut JSContext, _x: i32, _y: i32) {}

    /// <https://drafts.csswg.org/cssom-view/#dom-window-resizeto>: as `moveTo()`.
    fn ResizeTo(&self, _cx: &mut JSContext, _width: i32, _height: i32) {}

    /// <https://drafts.csswg.org/cssom-view/#dom-window-resizeby>: as `moveTo()`.
    fn ResizeBy(&self, _cx: &mut JSContext, _x: i32, _y: i32) {}

    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-animationframeprovider-requestanimationframe>
    fn RequestAnimationFrame(&self, _cx: &mut JSContext, callback: Rc<FrameRequestCallback>) -> u32 {
        // 1. "If this is not supported, then throw a "NotSupportedError"" (a Window always is).
        self.animation_frames.borrow_mut().request(callback)
    }

    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#animationframeprovider-cancelanimationframe>
    fn CancelAnimationFrame(&self, _cx: &mut JSContext, handle: u32) {
        self.animation_frames.borrow_mut().cancel(handle);
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-origin>: this global's origin,
    /// serialized ("null" for an opaque origin such as a file: page's).
    fn Origin(&self, _cx: &mut JSContext) -> USVString {
        let url = if self.worker { self.url() } else { self.document().origin_url() };
        USVString(url.origin().ascii_serialization())
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-reporterror>: "Report an
    /// exception e for this", as an uncaught exception would be (error event, then the console).
    fn ReportError(&self, cx: &mut JSContext, e: mozjs::rust::HandleValue) {
        // SAFETY: `e` is a rooted handle from the binding; the exception is taken back at once by
        // report_pending_exception on this same context.
        unsafe {
            mozjs::jsapi::JS_SetPendingException(cx.raw_cx(), e.into(), mozjs::jsapi::ExceptionStackBehavior::Capture);
        }
        crate::script_runtime::report_pending_exception(cx);
    }

    /// <https://w3c.github.io/webcrypto/#dom-windoworworkerglobalscope-crypto> ([SameObject]: the
    /// binding keeps the first one returned).
    fn Crypto(&self, cx: &mut JSContext) -> DomRoot<crate::dom::webcrypto::crypto::Crypto> {
        // [SameObject]: made once (a global's getters cache in the Rust struct).
        self.crypto.or_init(|| crate::dom::webcrypto::crypto::Crypto::new(cx, self))
    }

    /// <https://drafts.csswg.org/cssom-view/#dom-window-devicepixelratio>: the host's device pixel
    /// ratio (1: the headless host draws one device pixel per CSS pixel).
    fn DevicePixelRatio(&self, _cx: &mut JSContext) -> crate::dom::bindings::num::Finite<f64> {
        crate::dom::bindings::num::Finite::<f64>::wrap(1.0)
    }

    /// <https://html.spec.whatwg.org/multipage/structured-data.html#dom-structuredclone>
    fn StructuredClone(
        &self,
        cx: &mut JSContext,
        value: mozjs::rust::HandleValue,
        options: mozjs::rust::HandleValue,
        rval: mozjs::rust::MutableHandleValue,
    ) -> crate::dom::bindings::error::ErrorResult {
        // "1. Let serialized be ? StructuredSerializeWithTransfer(value, options["transfer"]).
        //  2. Let deserializeRecord be ? StructuredDeserializeWithTransfer(serialized, this's
        //  relevant realm). 3. Return deserializeRecord.[[Deserialized]]."
        let transfer = crate::dom::webmessaging::messageport::options_transfer(cx, options)?;
        crate::dom::html::structuredclone::serialize_with_transfer(cx, self, value, &transfer, rval).map(|_| ())
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-window-postmessage> and
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-window-postmessage-options>
    fn PostMessage(
        &self,
        cx: &mut JSContext,
        message: mozjs::rust::HandleValue,
        target_origin_or_options: mozjs::rust::HandleValue,
        transfer: mozjs::rust::HandleValue,
    ) -> crate::dom::bindings::error::ErrorResult {
        let (target_origin, transfer) = crate::dom::webmessaging::messageport::window_post_message_arguments(
            cx,
            target_origin_or_options,
            transfer,
        )?;
        crate::dom::webmessaging::messageport::window_post_message(cx, self, message, &target_origin, transfer)
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-btoa>
    fn Btoa(&self, _cx: &mut JSContext, data: DOMString) -> crate::dom::bindings::error::Fallible<DOMString> {
        crate::dom::html::base64::btoa(data.as_str()).map(DOMString::from)
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-atob>
    fn Atob(
        &self,
        _cx: &mut JSContext,
        data: DOMString,
    ) -> crate::dom::bindings::error::Fallible<crate::dom::bindings::str::ByteString> {
        crate::dom::html::base64::atob(data.as_str()).map(crate::dom::bindings::str::ByteString)
    }

    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-alert>: a headless
    /// host "cannot show simple dialogs", so the message goes to stderr and the call returns.
    fn Alert(&self, _cx: &mut JSContext) {
        eprintln!("alert()");
    }
    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-alert>
    fn Alert_(&self, _cx: &mut JSContext, message: DOMString) {
        eprintln!("alert: {}", message.as_str());
    }
    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-confirm>: "If we
    /// cannot show simple dialogs for this, then return false."
    fn Confirm(&self, _cx: &mut JSContext, message: DOMString) -> bool {
        eprintln!("confirm: {} (answered false: no dialogs in a headless host)", message.as_str());
        false
    }
    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-prompt>: "If we
    /// cannot show simple dialogs for this, then return null."
    fn Prompt(&self, _cx: &mut JSContext, message: DOMString, _default: DOMString) -> Option<DOMString> {
        eprintln!("prompt: {} (answered null: no dialogs in a headless host)", message.as_str());
        None
    }

    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-settimeout>
    fn SetTimeout(&self, cx: &mut JSContext, handler: StringOrFunction, timeout: i32, arguments: &[JSVal]) -> i32 {
        self.initialise_timer(cx, handler, timeout, arguments, false, None)
    }

    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-cleartimeout>
    fn ClearTimeout(&self, _cx: &mut JSContext, id: i32) {
        self.clear_timer(id)
    }

    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-setinterval>
    fn SetInterval(&self, cx: &mut JSContext, handler: StringOrFunction, timeout: i32, arguments: &[JSVal]) -> i32 {
        self.initialise_timer(cx, handler, timeout, arguments, true, None)
    }

    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-clearinterval>
    fn ClearInterval(&self, _cx: &mut JSContext, id: i32) {
        self.clear_timer(id)
    }

    /// <https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#dom-queuemicrotask>
    fn QueueMicrotask(&self, cx: &mut JSContext, callback: Rc<VoidFunction>) {
        // Queue a microtask to invoke callback, reporting any exception it throws.
        enqueue_microtask(cx, Box::new(QueuedCallback(callback)));
    }

    /// <https://webidl.spec.whatwg.org/#Replaceable> for `event`: "Perform ?
    /// CreateDataPropertyOrThrow(O, id, V)" on the window.
    fn SetEvent(
        &self,
        cx: &mut JSContext,
        value: mozjs::rust::HandleValue,
    ) -> crate::dom::bindings::error::Fallible<()> {
        use crate::dom::bindings::reflector::DomObject;
        let global = self.reflector().get_jsobject();
        // SAFETY: `global` is the window's rooted reflector and `value` a rooted handle from the
        // binding; the name is a NUL-terminated literal.
        let ok = unsafe {
            mozjs::jsapi::JS_DefineProperty(
                cx.raw_cx(),
                global.into(),
                c"event".as_ptr(),
                value.into(),
                mozjs::jsapi::JSPROP_ENUMERATE as u32,
            )
        };
        if ok { Ok(()) } else { Err(crate::dom::bindings::error::Error::JSFailed) }
    }

    /// <https://dom.spec.whatwg.org/#dom-window-event>: "return this's current event."
    fn Event(&self, _cx: &mut JSContext, mut retval: mozjs::rust::MutableHandleValue) {
        use crate::dom::bindings::reflector::DomObject;
        match self.current_event.get() {
            Some(event) => retval.set(mozjs::jsval::ObjectValue(event.reflector().get_raw())),
            None => retval.set(mozjs::jsval::UndefinedValue()),
        }
    }

    /// <https://w3c.github.io/hr-time/#dom-windoworworkerglobalscope-performance>
    fn Performance(&self, cx: &mut JSContext) -> DomRoot<Performance> {
        self.performance.or_init(|| Performance::new(cx, self))
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-history>
    fn History(&self, cx: &mut JSContext) -> DomRoot<crate::dom::html::history::History> {
        self.history.or_init(|| crate::dom::html::history::History::new(cx, self))
    }

    /// <https://html.spec.whatwg.org/multipage/webstorage.html#dom-localstorage>
    fn LocalStorage(&self, cx: &mut JSContext) -> DomRoot<crate::dom::webstorage::storage::Storage> {
        self.local_storage.or_init(|| crate::dom::webstorage::storage::Storage::new(cx, self, true))
    }

    /// <https://html.spec.whatwg.org/multipage/webstorage.html#dom-sessionstorage>
    fn SessionStorage(&self, cx: &mut JSContext) -> DomRoot<crate::dom::webstorage::storage::Storage> {
        self.session_storage.or_init(|| crate::dom::webstorage::storage::Storage::new(cx, self, false))
    }

    /// <https://w3c.github.io/IndexedDB/#dom-windoworworkerglobalscope-indexeddb>
    fn IndexedDB(&self, cx: &mut JSContext) -> DomRoot<crate::dom::indexeddb::factory::IDBFactory> {
        self.indexed_db.or_init(|| crate::dom::indexeddb::factory::IDBFactory::new(cx, self))
    }

    /// <https://w3c.github.io/requestidlecallback/#the-requestidlecallback-method>
    fn RequestIdleCallback(
        &self,
        _cx: &mut JSContext,
        callback: Rc<crate::dom::bindings::codegen::Callbacks::IdleRequestCallback>,
        options: &crate::dom::bindings::codegen::Dictionaries::IdleRequestOptions,
    ) -> u32 {
        crate::dom::idle::request(self, &self.idle_callbacks, callback, options.timeout)
    }

    /// <https://w3c.github.io/requestidlecallback/#the-cancelidlecallback-method>
    fn CancelIdleCallback(&self, _cx: &mut JSContext, handle: u32) {
        crate::dom::idle::cancel(&self.idle_callbacks, handle)
    }

    /// <https://drafts.csswg.org/cssom-view/#dom-window-matchmedia>
    fn MatchMedia(
        &self,
        cx: &mut JSContext,
        query: DOMString,
    ) -> DomRoot<crate::dom::cssomview::mediaquerylist::MediaQueryList> {
        crate::dom::cssomview::mediaquerylist::MediaQueryList::new(cx, self, &query)
    }

    /// <https://drafts.csswg.org/cssom-view/#dom-window-screen>
    fn Screen(&self, cx: &mut JSContext) -> DomRoot<crate::dom::cssomview::screen::Screen> {
        self.screen.or_init(|| crate::dom::cssomview::screen::Screen::new(cx, self))
    }

    /// <https://drafts.csswg.org/cssom-view/#dom-window-scroll>: nothing is laid out, so the
    /// viewport cannot scroll; the scroll position stays (0, 0).
    fn Scroll(&self, _cx: &mut JSContext, _options: &crate::dom::bindings::codegen::Dictionaries::ScrollToOptions) {}
    /// <https://drafts.csswg.org/cssom-view/#dom-window-scroll>
    fn Scroll_(&self, _cx: &mut JSContext, _x: f64, _y: f64) {}
    /// <https://drafts.csswg.org/cssom-view/#dom-window-scrollto>
    fn ScrollTo(&self, _cx: &mut JSContext, _options: &crate::dom::bindings::codegen::Dictionaries::ScrollToOptions) {}
    /// <https://drafts.csswg.org/cssom-view/#dom-window-scrollto>
    fn ScrollTo_(&self, _cx: &mut JSContext, _x: f64, _y: f64) {}
    /// <https://drafts.csswg.org/cssom-view/#dom-window-scrollby>
    fn ScrollBy(&self, _cx: &mut JSContext, _options: &crate::dom::bindings::codegen::Dictionaries::ScrollToOptions) {}
    /// <https://drafts.csswg.org/cssom-view/#dom-window-scrollby>
    fn ScrollBy_(&self, _cx: &mut JSContext, _x: f64, _y: f64) {}

    /// <https://drafts.csswg.org/cssom-view/#dom-window-visualviewport>: "If the associated
    /// document is fully active, return the VisualViewport object associated with the Window
    /// object's associated document. Otherwise, return null."
    fn VisualViewport(&self, cx: &mut JSContext) -> Option<DomRoot<VisualViewport>> {
        if !self.is_attached() {
            return None;
        }
        Some(self.visual_viewport.or_init(|| VisualViewport::new(cx, self)))
    }

    /// <https://drafts.csswg.org/cssom-view/#dom-window-innerwidth>
    fn InnerWidth(&self, _cx: &mut JSContext) -> i32 {
        crate::dom::cssomview::VIEWPORT_WIDTH
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-window-innerheight>
    fn InnerHeight(&self, _cx: &mut JSContext) -> i32 {
        crate::dom::cssomview::VIEWPORT_HEIGHT
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-window-scrollx>
    fn ScrollX(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(0.0)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-window-pagexoffset>
    fn PageXOffset(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(0.0)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-window-scrolly>
    fn ScrollY(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(0.0)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-window-pageyoffset>
    fn PageYOffset(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(0.0)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-window-screenx>
    fn ScreenX(&self, _cx: &mut JSContext) -> i32 {
        0
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-window-screenleft>
    fn ScreenLeft(&self, _cx: &mut JSContext) -> i32 {
        0
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-window-screeny>
    fn ScreenY(&self, _cx: &mut JSContext) -> i32 {
        0
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-window-screentop>
    fn ScreenTop(&self, _cx: &mut JSContext) -> i32 {
        0
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-window-outerwidth>: no browser chrome around it.
    fn OuterWidth(&self, _cx: &mut JSContext) -> i32 {
        crate::dom::cssomview::VIEWPORT_WIDTH
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-window-outerheight>
    fn OuterHeight(&self, _cx: &mut JSContext) -> i32 {
        crate::dom::cssomview::VIEWPORT_HEIGHT
    }

    /// <https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-document-2>
    fn Document(&self, _cx: &mut JSContext) -> DomRoot<Document> {
        self.document()
    }

    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-createimagebitmap>
    fn CreateImageBitmap(
        &self,
        cx: &mut JSContext,
        image: ImageBitmapSource,
        options: &ImageBitmapOptions,
    ) -> Rc<Promise> {
        create_image_bitmap(cx, self, image, None, options)
    }

    /// <https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#dom-createimagebitmap>
    fn CreateImageBitmap_(
        &self,
        cx: &mut JSContext,
        image: ImageBitmapSource,
        sx: i32,
        sy: i32,
        sw: i32,
        sh: i32,
        options: &ImageBitmapOptions,
    ) -> Rc<Promise> {
        create_image_bitmap(cx, self, image, Some(Crop { sx, sy, sw, sh }), options)
    }

    /// <https://w3c.github.io/selection-api/#dom-window-getselection>
    fn GetSelection(&self, cx: &mut JSContext) -> Option<DomRoot<crate::dom::ranges::selection::Selection>> {
        // "return the result of calling getSelection() on this's associated Document."
        use crate::dom::bindings::codegen::DocumentBinding::DocumentMethods;
        self.document().GetSelection(cx)
    }

    /// <https://drafts.csswg.org/cssom/#dom-window-getcomputedstyle>
    fn GetComputedStyle(
        &self,
        cx: &mut JSContext,
        element: &crate::dom::dom::element::Element,
        pseudo: Option<Option<DOMString>>,
    ) -> DomRoot<CSSStyleDeclaration> {
        // Steps 1–7: a new read-only, live declaration block for element (or its pseudo-element).
        let pseudo = pseudo.flatten();
        CSSStyleDeclaration::new_computed(cx, self, element, pseudo.as_deref())
    }

    /// <https://fetch.spec.whatwg.org/#dom-global-fetch>
    fn Fetch(
        &self,
        cx: &mut JSContext,
        input: crate::dom::bindings::codegen::Unions::RequestOrUSVString,
        init: &RequestInit,
    ) -> Rc<Promise> {
        crate::dom::fetch::fetch::fetch(cx, self, input, init)
    }

    /// Test-only hooks (`[Pref=dom_testing_enabled]`).
    fn ApertureTest(&self, cx: &mut JSContext) -> DomRoot<ApertureTestHooks> {
        self.test_hooks.or_init(|| ApertureTestHooks::new(cx, self))
    }
}
